"""The pack format: the one-off converter /work/shared/domain/indicators.csv → rules/catalog/shisiwu.yaml (the 十四五
county pack) and ``validate_pack``, the checks every pack passes on load (rules/catalog/README.md).

Kept in the tree so the pack can be regenerated when the csv changes::

    python -m rules.build_catalog /work/shared/domain/indicators.csv rules/catalog/shisiwu.yaml

The csv gives id, name, aliases, group, kind, unit, departments, evidence types, period rule, formula and what is
known about scoring. This script adds what the csv does not hold, each as an explicit table below: the dimension of
the filed unit, the tolerance profile per kind, the indicator's own vocabulary (from domain README sections 4–5 and
evidence-types.md), OCR / spelling variants of names, and the evidence-type cue words. It never invents scoring points:
``scoring.rule`` is filled only for the rows whose ``scoring_known`` is ``yes`` and only with the recorded range/rule.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from extract.errors import CatalogError
from rules.departments import CANONICAL_ALIASES

# Dimension of each filed unit as written in the csv (first unit when a row names two).
UNIT_DIMENSION: dict[str, str] = {
    "": "none", "%": "ratio", "kg/公顷": "intensity", "μg/m³ (CO: mg/m³)": "concentration", "万人": "count",
    "万元": "money", "万吨": "mass", "万吨CO2; 吨标准煤": "mass", "个": "count", "个; 平方米": "count",
    "个（行政村）": "count", "亿元": "money", "公里": "length", "公顷": "area", "吨": "mass",
    "吨/平方公里": "intensity", "吨; kg/公顷": "mass", "吨标准煤/万元": "intensity", "吨（折纯）; kg/公顷": "mass",
    "天": "count", "平方公里": "area", "户": "count", "条": "count", "次": "count", "起": "count",
}

# Tolerance profile per kind (the profiles themselves, with value and reason, are in TOLERANCES).
KIND_TOLERANCE: dict[str, str] = {
    "quantity": "quantity_rounding", "rate": "rate_rounding", "count": "count_exact", "index": "index_rounding",
    "qualitative": "not_numeric", "composite": "not_numeric",
}
TOLERANCES: dict[str, dict[str, object]] = {
    "quantity_rounding": {
        "value": "0.005",
        "reason": "相对容差 0.5%：材料与填报值常按不同单位取整（元/万元/亿元、m³/万吨、亩/公顷），"
                  "换算后末位差异不应判为不一致 / relative 0.5 %: rounding after unit conversion",
    },
    "rate_rounding": {
        "value": "0.005",
        "reason": "相对容差 0.5%：比例通常保留一至两位小数（如 92.4% 与分子分母复算的 92.36%） / "
                  "relative 0.5 %: rates are printed with 1–2 decimals",
    },
    "index_rounding": {
        "value": "0.01",
        "reason": "相对容差 1%：指数由国家端计算，县级材料常只保留两位小数 / relative 1 %: indices quoted to 2 decimals",
    },
    "count_exact": {
        "value": "0",
        "reason": "计数（个、次、天、户）必须完全一致，不存在取整 / counts are exact",
    },
    "not_numeric": {
        "value": None,
        "reason": "定性或综合指标，按材料判断，无数值容差 / qualitative or composite: judged on documents",
    },
}

# Evidence-type cue words: what reveals a document of that type (evidence-types.md) and what a plan's duty text
# says when it asks for that type (会议记录 → minutes, 凭证 → voucher …).
EVIDENCE_CUES: dict[str, list[str]] = {
    "meeting_minutes": ["会议记录", "会议纪要", "纪要", "会议议定", "会议研究", "主持召开"],
    "budget_document": ["预算", "决算", "人民代表大会", "财政预算收支报告", "预算执行", "绩效评价", "资金使用"],
    "payment_voucher": ["凭证", "回单", "拨付", "转账", "记账凭证", "支付凭证"],
    "acceptance_report": ["验收", "竣工验收", "验收意见", "验收报告"],
    "monitoring_report": ["监测", "统计", "检测报告", "监测报告", "统计公报", "统计年鉴", "报表", "核算数据"],
    "ledger": ["台账", "名单", "名录", "清单", "日报表", "月报表", "运行记录"],
    "plan": ["规划", "实施方案", "工作方案", "方案", "可行性研究", "研究报告"],
    "notice": ["批复", "文件", "通知", "命名", "通报", "印发"],
    "other": ["信息表", "情况说明", "自查报告", "照片", "影像", "许可证", "合同"],
}

# Names of the programme itself: they contain indicator words (生态功能, 环境质量, 监测) but name no indicator, so
# free-text matching masks them first (domain README section 1: 考核 / 监测评价与考核 / 监测与评价 are one programme).
IGNORE_PHRASES: list[str] = ["重点生态功能区", "生态功能区", "县域生态环境质量", "生态环境质量考核", "监测与评价",
                             "监测评价与考核", "生态环境质量监测", "生态环境质量数据软件"]

# Names, spellings and OCR forms not in the csv, each justified in README.md (domain README sections 3–8).
EXTRA_ALIASES: dict[str, list[str]] = {
    "air_good_days_ratio": ["空气优良天数比例", "环境空气优良天数比例"],
    "water_class3_or_better_ratio": ["达到或优于3类水质比例", "地表水达到或优于Ⅲ类水质比例"],
    "eco_investment_amount": ["生态环境保护投入", "生态环保投入", "生态环境保护与治理资金", "生态环境保护资金",
                              "生态环保资金"],
    "eco_investment_share": ["生态环境保护与治理支出占财政支出比例", "生态环境保护与治理投入占财政支出比例"],
    "surface_water_quality_index": ["水质综合指数", "地表水水质综合指数"],
    "urban_msw_harmless_rate": ["城镇生活垃圾无害化处理率指标"],
    "urban_sewage_treatment_rate": ["城市污水处理率", "县城污水处理率"],
    "fiscal_total_expenditure": ["财政支出总额", "一般公共预算支出合计"],
    "county_land_area": ["县域国土总面积", "行政区域面积"],
    "party_gov_joint_eco_protection": ["季度会议纪要", "研究生态环境保护工作会议", "县委县政府研究生态环境保护工作"],
    "town_msw_collection_rate": ["乡镇生活垃圾集中收集处理率"],
    "rural_remediation_villages_completed": ["完成农村环境整治村", "完成农村环境整治的村", "完成整治的村",
                                             "完成整治…的村",  # "完成整治并通过旗级验收的嘎查（村）14个"
                                             "完成…行政村的环境整治"],  # "已完成十八个行政村的环境整治"
    # gapped forms of names interrupted by a bracket or a place ("细颗粒物（PM2.5）年均浓度", "新（改）建农村卫生户厕")
    "air_pollutant_concentration": ["PM2.5浓度", "PM10浓度", "细颗粒物浓度", "可吸入颗粒物浓度", "二氧化硫浓度",
                                    "二氧化氮浓度", "臭氧浓度", "一氧化碳浓度", "细颗粒物…年均浓度",
                                    "可吸入颗粒物…年均浓度", "PM2.5平均浓度", "PM10平均浓度", "细颗粒物平均浓度"],
    "drinking_water_source_quality": ["集中式饮用水水源地…水质达标率"],
    "rural_toilet_renovation": ["卫生户厕改造", "农村卫生户厕改造", "建…卫生户厕"],
    "soil_erosion_area": ["水土流失综合治理面积", "水土保持综合治理面积"],
    "sewage_pipe_length_new": ["新建污水管网", "新建改造污水管网", "新建污水管网长度"],
    "town_water_source_zoning_ratio": ["水源地保护区划分", "乡镇水源地保护区划定比例", "乡镇水源地保护区"],
    # verb-first wording of the same quantities in minutes and reports: "累计处理污水123.6万吨", "监测数据报送"
    "urban_sewage_treated_compliant": ["处理污水", "累计处理污水"],
    "env_monitoring_task": ["监测数据报送", "报送监测数据"],
}
# Aliases of the csv dropped from one row because they read as another row: "生态环境保护与治理投入" is the amount
# (eco_investment_amount); the share is named with 占比 (domain README 4.3, section 10 shared aliases).
DROP_ALIASES: dict[str, set[str]] = {"eco_investment_share": {"生态环境保护与治理投入"}}

# The indicator's own vocabulary in documents (domain README sections 4–5, evidence-types.md).
OWN_PHRASES: dict[str, list[str]] = {
    "delta_ei": ["评价结果", "变好", "基本稳定", "变差"],
    "eqi": ["区域生态质量评价办法"],
    "soil_erosion_area": ["土壤侵蚀", "水土流失"],
    "water_class3_or_better_ratio": ["断面", "GB 3838", "地表水环境质量标准"],
    "air_good_days_ratio": ["优良天数", "有效监测天数", "GB 3095"],
    "air_quality_composite_index": ["综合指数", "GB 3095"],
    "air_pollutant_concentration": ["PM2.5", "PM10", "SO2", "NO2", "臭氧", "一氧化碳"],
    "soil_safe_sites_ratio": ["土壤监测点位", "GB 15618"],
    "eco_demo_zone_creation": ["命名", "授牌", "示范区", "两山"],
    "protected_area_reform": ["保护地", "保护区规划", "影像资料"],
    "ecological_redline_enforcement": ["红线", "面积降低", "性质改变"],
    "eco_restoration_projects": ["竣工验收", "可研", "工期", "退耕还林", "防护林", "矿山生态修复", "生态修复工程"],
    "eco_restoration_plan": ["保护修复规划", "规划简本"],
    "precise_scientific_pollution_control": ["问题诊断", "质量改善提升对策研究", "精准治污"],
    "pollution_permit_compliance": ["排污许可证", "排污登记回执", "持证排污"],
    "polluter_supervision_enforcement": ["监督性监测报告", "自行监测报告", "环境监察记录", "行政处罚决定书", "双随机"],
    "agri_nonpoint_pollution_control": ["面源污染", "面源污染监测点"],
    "fertilizer_use": ["化肥", "折纯"],
    "pesticide_use": ["农药", "折百"],
    "plastic_film_recovery_rate": ["地膜", "农膜"],
    "livestock_manure_utilization_rate": ["畜禽粪污", "粪污资源化利用台账", "规模养殖场"],
    "groundwater_protection": ["地下水水位", "地下水监测", "GB/T 14848"],
    "three_lines_one_list": ["三线一单", "负面清单", "准入清单"],
    "industrial_park_planning_eia": ["规划环评", "审查意见"],
    "industrial_structure_optimization": ["第二产业增加值", "淘汰", "升级改造"],
    "green_low_carbon": ["碳排放", "二氧化碳", "标准煤", "能耗"],
    "eco_investment_share": ["节能环保支出", "投入占比", "财政支出", "预算收支报告"],
    "eco_investment_amount": ["节能环保支出", "生态保护与修复投入", "环境污染防治投入", "资源保护方面的投入"],
    "fiscal_total_expenditure": ["一般公共预算支出", "支出合计", "预算收支报告"],
    "transfer_payment_usage": ["转移支付", "资金下达", "资金绩效考核评价", "资金绩效评价", "绩效评价报告"],
    "rural_environment_remediation": ["农村环境整治", "人居环境整治"],
    "urban_sewage_treatment_rate": ["进水量", "出水", "污水处理厂", "GB 18918", "进水流量"],
    "wwtp_operation": ["污水处理厂", "在线监控", "污泥", "运行日报表"],
    "sewage_pipe_network": ["污水管网", "管网台账"],
    "town_sewage_treatment_ratio": ["乡镇污水处理"],
    "rural_sewage_treatment_rate": ["农村生活污水", "60%"],
    "black_odorous_water_remediation": ["黑臭水体", "验收销号"],
    "urban_msw_harmless_rate": ["垃圾无害化", "地磅", "清运台账", "填埋场"],
    "msw_facility_operation": ["渗滤液", "填埋场", "垃圾处理场"],
    "town_msw_collection_rate": ["村收集", "乡转运", "县处理", "垃圾收集"],
    "sewage_pipe_length_new": ["新建污水管网", "新建改造污水管网", "新建污水管网长度"],
    "town_water_source_zoning_ratio": ["水源保护区", "保护区划定", "批复"],
    "drinking_water_source_quality": ["饮用水水源", "千吨万人"],
    "party_gov_joint_eco_protection": ["研究部署", "污染防治攻坚战", "主持召开", "县委常委会", "政府常务会议"],
    "assessment_organization": ["实施方案", "领导小组", "职责分工", "部署会"],
    "assessment_funding": ["工作经费", "拨付凭证"],
    "eco_in_cadre_evaluation": ["领导干部", "绩效考核"],
    "data_quality": ["自查报告", "填报"],
    "env_monitoring_task": ["监测任务", "按季度报送"],
    "ecological_change_patch_verification": ["图斑", "实地核查"],
    "sudden_env_incidents": ["突发环境事件", "应急预案", "未发生"],
    "prominent_eco_problems": ["群众举报", "信访", "督察整改"],
    "county_land_area": ["土地调查", "地类数据"],
    "rural_toilet_renovation": ["改厕", "无害化厕所"],
    "beautiful_village_courtyard": ["美丽庭院", "美丽乡村"],
}

_LOCAL_OR_FUNC = re.compile(r"\b(?:local\.[a-z_]+|change|C_[A-Za-z0-9.]+)\b")
_ID = re.compile(r"\b[a-z][a-z0-9_]*\b")


def formula_inputs(formula: str, ids: set[str]) -> list[str]:
    """Catalog ids a csv formula uses (ignores ``local.x`` sub-quantities and prose after "where")."""
    expression = formula.split(" where ")[0]
    expression = _LOCAL_OR_FUNC.sub(" ", expression)
    found: list[str] = []
    for token in _ID.findall(expression):
        if token in ids and token not in found:
            found.append(token)
    return found


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _scoring(row: dict[str, str]) -> dict[str, object]:
    known = row["scoring_known"].strip() == "yes"
    rule = None
    if known:
        note = row["scoring_note"]
        range_match = re.search(r"Range\s+([−-]?[\d.]+)\s+to\s+([+−-]?[\d.]+)", note)
        if range_match:
            low, high = (s.replace("−", "-").lstrip("+") for s in range_match.groups())
            rule = f"range [{low}, {high}]（分值区间；组内分配未知）"
        elif "60%" in note:
            rule = "counting 60/60（自然村≥60%农户、行政村≥60%自然村；分值未知）"
    return {"known": known, "rule": rule, "note": row["scoring_note"]}


def build_pack(csv_path: Path) -> dict[str, object]:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = {row["id"] for row in rows}
    indicators: list[dict[str, object]] = []
    for row in rows:
        rid = row["id"]
        aliases = [a for a in _split(row["aliases"]) if a not in DROP_ALIASES.get(rid, set())]
        for extra in EXTRA_ALIASES.get(rid, []):
            if extra not in aliases:
                aliases.append(extra)
        evidence_types = _split(row["evidence_types"])
        phrases: list[str] = []
        for phrase in OWN_PHRASES.get(rid, []) + [c for t in evidence_types for c in EVIDENCE_CUES[t]]:
            if phrase not in phrases:
                phrases.append(phrase)
        indicators.append({
            "id": rid,
            "name": row["name"],
            "aliases": aliases,
            "group": row["group"],
            "kind": row["kind"],
            "unit": row["unit"] or None,
            "dimension": UNIT_DIMENSION[row["unit"]],
            "departments": _split(row["departments"]),
            "evidence_types": evidence_types,
            "key_phrases": phrases,
            "period_rule": row["period_rule"],
            "formula": row["formula"] or None,
            "inputs": formula_inputs(row["formula"], ids - {rid}),
            "tolerance": KIND_TOLERANCE[row["kind"]],
            "scoring": _scoring(row),
            "legacy": row["legacy"].strip() == "yes",
            "confidence": row["confidence"],
        })
    return {
        "name": "shisiwu",
        "scheme": "十四五",
        "version": "2024.1",
        "source": "domain/indicators.csv (环办监测函〔2022〕30号 及县级实施方案整理)；由 rules/build_catalog.py 生成",
        "tolerances": TOLERANCES,
        "evidence_cues": EVIDENCE_CUES,
        "ignore_phrases": IGNORE_PHRASES,
        "indicators": indicators,
    }


# ---- pack validation ---------------------------------------------------------------------------------------------
PACK_KEYS = {"name", "scheme", "version", "source", "tolerances", "evidence_cues", "ignore_phrases", "indicators"}
INDICATOR_KEYS = {"id", "name", "aliases", "group", "kind", "unit", "dimension", "departments", "evidence_types",
                  "key_phrases", "period_rule", "formula", "inputs", "tolerance", "scoring", "legacy", "confidence"}
OPTIONAL_INDICATOR_KEYS = {"unit", "formula"}  # may be null
GROUPS = {"composite", "technical/ecology", "technical/environment", "management/eco_protection_restoration",
          "management/pollution_prevention", "management/green_coordinated_development",
          "management/urban_rural_living_environment", "management/work_organization", "remote_sensing", "events",
          "basic_info", "legacy/2011_2014"}
KINDS = {"quantity", "rate", "count", "index", "qualitative", "composite"}
DIMENSIONS = {"mass", "money", "area", "length", "volume", "flow", "count", "ratio", "intensity", "concentration",
              "energy", "time", "none"}
EVIDENCE_TYPES = {"meeting_minutes", "budget_document", "payment_voucher", "acceptance_report", "monitoring_report",
                  "ledger", "plan", "notice", "other"}
PERIOD_RULES = {"evaluation_year", "monitoring_window_oct_sep", "evaluation_and_control_year", "quarterly",
                "fiscal_year", "snapshot", "multi_year"}
CONFIDENCES = {"confirmed", "partly_confirmed", "inferred"}
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _fail(path: Path, entry: str, fieldname: str, message: str) -> CatalogError:
    return CatalogError(f"{path}: 条目 {entry} 字段 {fieldname}: {message}")


def _str_list(value: Any, path: Path, entry: str, fieldname: str, allowed: set[str] | None = None,
              non_empty: bool = True) -> None:
    if not isinstance(value, list) or (non_empty and not value):
        raise _fail(path, entry, fieldname, "应为非空列表 / must be a non-empty list")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(path, entry, fieldname, f"列表项应为非空字符串 / bad item {item!r}")
        if allowed is not None and item not in allowed:
            raise _fail(path, entry, fieldname, f"取值不合法 / unknown value {item!r}")


def _check_indicator(e: Any, path: Path, position: int, tolerances: set[str]) -> str:
    if not isinstance(e, dict):
        raise _fail(path, f"#{position}", "-", "条目应为映射 / entry must be a mapping")
    entry = str(e.get("id", f"#{position}"))
    for key in e:
        if key not in INDICATOR_KEYS:
            raise _fail(path, entry, str(key), "未知字段 / unknown key")
    for key in sorted(INDICATOR_KEYS - set(e)):
        raise _fail(path, entry, key, "缺少字段 / missing field")
    for key in ("id", "name", "group", "kind", "dimension", "period_rule", "tolerance", "confidence"):
        if not isinstance(e[key], str) or not e[key].strip():
            raise _fail(path, entry, key, "应为非空字符串 / must be a non-empty string")
    for key in OPTIONAL_INDICATOR_KEYS:
        if e[key] is not None and (not isinstance(e[key], str) or not e[key].strip()):
            raise _fail(path, entry, key, "应为非空字符串或 null / must be a string or null")
    if not _ID_RE.match(e["id"]):
        raise _fail(path, entry, "id", "应为 snake_case / must be snake_case")
    for key, allowed in (("group", GROUPS), ("kind", KINDS), ("dimension", DIMENSIONS),
                         ("period_rule", PERIOD_RULES), ("confidence", CONFIDENCES), ("tolerance", tolerances)):
        if e[key] not in allowed:
            raise _fail(path, entry, key, f"取值不合法 / unknown value {e[key]!r}")
    _str_list(e["aliases"], path, entry, "aliases", non_empty=False)
    _str_list(e["departments"], path, entry, "departments", set(CANONICAL_ALIASES))
    _str_list(e["evidence_types"], path, entry, "evidence_types", EVIDENCE_TYPES)
    _str_list(e["key_phrases"], path, entry, "key_phrases")
    _str_list(e["inputs"], path, entry, "inputs", non_empty=False)
    if not isinstance(e["legacy"], bool):
        raise _fail(path, entry, "legacy", "应为 true/false / must be a boolean")
    scoring = e["scoring"]
    if not isinstance(scoring, dict) or set(scoring) != {"known", "rule", "note"}:
        raise _fail(path, entry, "scoring", "应含且仅含 known, rule, note / must have exactly known, rule, note")
    if not isinstance(scoring["known"], bool):
        raise _fail(path, entry, "scoring.known", "应为 true/false / must be a boolean")
    if scoring["rule"] is not None and (not scoring["known"] or not isinstance(scoring["rule"], str)):
        raise _fail(path, entry, "scoring.rule", "评分未知时 rule 必须为 null / rule must be null unless known")
    if not isinstance(scoring["note"], str):
        raise _fail(path, entry, "scoring.note", "应为字符串 / must be a string")
    if e["formula"] is None and e["inputs"]:
        raise _fail(path, entry, "inputs", "没有公式却列出输入 / inputs without a formula")
    return entry


def validate_pack(raw: Any, path: Path) -> None:
    """Raise CatalogError naming file, entry and field for the first defect of a pack."""
    if not isinstance(raw, dict):
        raise _fail(path, "-", "-", "指标目录应为映射 / pack must be a mapping")
    for key in raw:
        if key not in PACK_KEYS:
            raise _fail(path, "(pack)", str(key), "未知字段 / unknown key")
    for key in sorted(PACK_KEYS - set(raw)):
        raise _fail(path, "(pack)", key, "缺少字段 / missing field")
    tolerances = raw["tolerances"]
    if not isinstance(tolerances, dict) or not tolerances:
        raise _fail(path, "(pack)", "tolerances", "应为非空映射 / must be a non-empty mapping")
    for tname, spec in tolerances.items():
        if not isinstance(spec, dict) or set(spec) != {"value", "reason"} or not isinstance(spec["reason"], str):
            raise _fail(path, f"tolerance {tname}", "value/reason", "应含 value 与 reason / needs value and reason")
    cues = raw["evidence_cues"]
    if not isinstance(cues, dict):
        raise _fail(path, "(pack)", "evidence_cues", "应为映射 / must be a mapping")
    for ctype, words in cues.items():
        if ctype not in EVIDENCE_TYPES:
            raise _fail(path, "evidence_cues", str(ctype), "未知证据类型 / unknown evidence type")
        _str_list(words, path, "evidence_cues", str(ctype))
    _str_list(raw["ignore_phrases"], path, "(pack)", "ignore_phrases", non_empty=False)
    if not isinstance(raw["indicators"], list) or not raw["indicators"]:
        raise _fail(path, "(pack)", "indicators", "应为非空列表 / must be a non-empty list")
    seen: set[str] = set()
    for position, e in enumerate(raw["indicators"], start=1):
        entry = _check_indicator(e, path, position, set(tolerances))
        if entry in seen:
            raise _fail(path, entry, "id", "重复的指标 id / duplicate id")
        seen.add(entry)
    for e in raw["indicators"]:
        for used in e["inputs"]:
            if used not in seen:
                raise _fail(path, e["id"], "inputs", f"引用了不存在的指标 / unknown input id {used!r}")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write("用法 / usage: python -m rules.build_catalog INDICATORS.csv OUT.yaml\n")
        return 2
    pack = build_pack(Path(argv[1]))
    validate_pack(pack, Path(argv[2]))  # never write a pack that would not load
    header = "# 十四五 county indicator pack — generated by rules/build_catalog.py from domain/indicators.csv; " \
             "format in rules/catalog/README.md\n"
    text = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=200)
    Path(argv[2]).write_text(header + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

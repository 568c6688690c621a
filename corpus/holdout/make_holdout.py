"""Generate the 云岭旗 2023 holdout county package: package/, submitted.csv (GBK), labels.json.

Run: /work/main/.venv/bin/python corpus/holdout/make_holdout.py   (deterministic: fixed seeds, dates, timestamps)
The ground truth in labels.json is decided here, by hand, not from any pipeline output.
"""
from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import hgen_docs_dept  # noqa: E402
import hgen_docs_gov  # noqa: E402
import hgen_docs_misc  # noqa: E402
from hgen_office import write_csv  # noqa: E402

log = logging.getLogger(__name__)

COUNTY = "云岭旗"
YEAR = 2023
SUBMITTED_TITLE = "云岭旗2023年度国家重点生态功能区县域生态环境质量监测与评价填报数据（旗级汇总）"
SUBMITTED_HEADER = ["指标", "数值", "计量单位", "责任单位"]

GOV, FIN, ZJ, NM = hgen_docs_gov.GOV, hgen_docs_gov.FIN, hgen_docs_dept.ZJ, hgen_docs_dept.NM
P_FINAL = f"{FIN}/2023年一般公共预算支出决算表.pdf"
P_VOUCHER = f"{FIN}/考核工作经费国库支付凭证（扫描）.pdf"
P_LEDGER = f"{ZJ}/旗污水处理厂2023年运行台账.csv"
P_TRAD = f"{hgen_docs_misc.FJ}/雲嶺旗2023年生態環境狀況公報（網頁轉載）.txt"
P_SELF = f"{hgen_docs_misc.FJ}/云岭旗2023年度县域生态环境质量监测与评价自查报告.docx"
P_PLAN = f"{NM}/云岭旗农村牧区生活污水治理专项规划（2021-2025年）.pdf"
P_YEARBOOK = f"{hgen_docs_misc.TJ}/云岭旗统计年鉴2023（主要指标摘录）.xlsx"
P_SOWN = f"{NM}/2023年农作物播种面积统计表.xlsx"
P_REMED = f"{NM}/2023年农村牧区人居环境整治资金使用情况报告.docx"
P_COMP = f"{hgen_docs_misc.SL}/2023年苏木镇饮用水水源地保护工作资料汇编.pdf"
P_Q1 = f"{GOV}/旗委常委会会议纪要〔2023〕第5期.pdf"
P_Q3 = f"{GOV}/旗政府第十四次常务会议记录.docx"
P_Q4 = f"{GOV}/四季度生态环保专题会议记录（扫描）.pdf"
P_DRAFT = f"{GOV}/云岭旗2023年度县域生态环境质量监测与评价工作实施方案（送审稿）.docx"
P_NPC = f"{FIN}/旗人大关于2022年预算执行情况和2023年预算的决议.docx"


def _ind(name: str, value: str, unit: str, dept: str, indicator: str | None, status: str,
         ev_value: str | None = None, ev_unit: str | None = None, ev_path: str | None = None,
         trap: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {"submitted_name": name, "submitted_value": value, "submitted_unit": unit,
                           "department": dept, "indicator": indicator, "expected_status": status,
                           "evidence_value": ev_value, "evidence_unit": ev_unit}
    if ev_path:
        row["evidence_path"] = ev_path
    row["trap"] = trap
    return row


INDICATORS = [
    _ind("生态环境保护与治理投入金额", "18635.42", "万元", "旗财政局", "eco_investment_amount", "corroborated",
         "186354200", "元", P_FINAL, "金额单位陷阱：填报万元，决算表单位为元"),
    _ind("一般公共预算支出", "24.168", "亿元", "旗财政局", "fiscal_total_expenditure", "corroborated",
         "2416800000", "元", P_FINAL, "亿元对元；人大决议中的23.50亿元是预算安排数，不是决算数"),
    _ind("生态环境保护与治理投入占比", "7.71", "%", "旗财政局", "eco_investment_share", "corroborated",
         "7.71", "%", P_FINAL, "占比没有写在任何材料中，须由186354200÷2416800000计算"),
    _ind("县域考核工作经费", "15", "万元", "旗财政局", "assessment_funding", "corroborated",
         "150000", "元", P_VOUCHER, "扫描支付凭证，大写“壹拾伍万元整”，印章压在金额上"),
    _ind("城镇生活污水集中处理率", "98.2", "%", "旗住建局", "urban_sewage_treatment_rate", "mismatch",
         "94.40", "%", P_LEDGER, "台账412.34÷436.80=94.40%；自查报告重复了错误的98.2%"),
    _ind("地表水达到或好于Ⅲ类水体比例", "100", "%", "市生态环境局云岭旗分局", "water_class3_or_better_ratio",
         "corroborated", "100", "%", P_TRAD, "证据是繁体字网页转载（達到或優於Ⅲ類水質比例）"),
    _ind("空气质量优良天数比例", "93.2", "%", "市生态环境局云岭旗分局", "air_good_days_ratio", "no_evidence",
         trap="93.2%只出现在自查报告中；实施方案送审稿中的92%是目标"),
    _ind("农村牧区生活污水治理率", "38.5", "%", "旗农牧局", "rural_sewage_treatment_rate", "no_evidence",
         trap="38.5%只是专项规划中的2023年目标值"),
    _ind("地区生产总值", "86.73", "亿元", "旗统计局", "gdp", "out_of_period", "86.73", "亿元", P_YEARBOOK,
         "证据只有统计年鉴中的2022年数据"),
    _ind("农作物总播种面积", "82400", "公顷", "旗农牧局", "sown_area", "corroborated", "1236000", "亩", P_SOWN,
         "面积单位陷阱：填报公顷，统计表为亩（1236000亩=82400公顷）"),
    _ind("完成农村环境整治嘎查（村）数", "14", "个", "旗农牧局", "rural_remediation_villages_completed",
         "corroborated", "14", "个", P_REMED, "计数须完全一致；同一文件中的15是下达任务数"),
    _ind("已划定保护区的苏木镇集中式饮用水水源地数量", "6", "个", "旗水利局", "town_water_sources_zoned",
         "corroborated", "6", "个", P_COMP, "证据在装订汇编PDF的第2页（批复）和第3页（台账）"),
    _ind("旗委旗政府研究生态环境保护工作会议", "4", "次", "旗政府办", "party_gov_joint_eco_protection", "mismatch",
         "3", "次", P_Q1, "只有一、三、四季度有会议记录/纪要；二季度只有召开会议的通知"),
    _ind("草原防火瞭望塔建设数量", "12", "座", "旗林草局", None, "unresolved",
         trap="指标体系中没有此项"),
]

CHECKS = [
    {"id": "quarterly_minutes", "status": "fail", "missing": ["Q2"], "found": {"Q1": P_Q1, "Q3": P_Q3, "Q4": P_Q4}},
    {"id": "evidence_in_period", "status": "fail",
     "items": [{"indicator": "gdp", "path": P_YEARBOOK, "evidence_period": "2022"}]},
    {"id": "budget_passed_by_npc", "status": "pass", "evidence": [P_NPC], "date": "2023-01-12"},
    {"id": "scans_sealed", "status": "pass", "unsealed": [],
     "note": "凭证与验收意见扫描件均有红章；四季度会议记录只有签字（会议记录不要求盖章），照片不适用"},
    {"id": "unreadable_files", "status": "pass", "files": [],
     "note": "验收意见PDF文本层乱码但可OCR，不属于无法读取；Thumbs.db/desktop.ini应作为系统文件跳过"},
    {"id": "drafts_not_evidence", "status": "warn", "drafts": [P_DRAFT]},
    {"id": "derived_rates", "status": "fail",
     "rates": [{"indicator": "eco_investment_share", "numerator": "18635.42", "denominator": "241680",
                "unit": "万元", "value": "7.71", "submitted": "7.71"},
               {"indicator": "urban_sewage_treatment_rate", "numerator": "412.34", "denominator": "436.80",
                "unit": "万吨", "value": "94.40", "submitted": "98.2"}]},
]

SKIPPED = ["desktop.ini", f"{ZJ}/Thumbs.db"]


def write_submitted(path: Path) -> None:
    rows = [[SUBMITTED_TITLE, "", "", ""], ["填报单位：云岭旗人民政府（盖章）", "", "", "填报日期：2024年1月25日"],
            SUBMITTED_HEADER]
    rows += [[r["submitted_name"], r["submitted_value"], r["submitted_unit"], r["department"]] for r in INDICATORS]
    write_csv(path, rows, "gbk")


def generate(base: Path) -> dict[str, Any]:
    """Write package/, submitted.csv and labels.json under ``base`` (wiping base/package first); returns labels."""
    pkg = base / "package"
    if pkg.exists():
        shutil.rmtree(pkg)
    for sub in (GOV, FIN, ZJ, NM, hgen_docs_dept.LC, hgen_docs_misc.SL, hgen_docs_misc.TJ, hgen_docs_misc.FJ,
                hgen_docs_misc.SM):
        (pkg / sub).mkdir(parents=True)
    files = hgen_docs_gov.build(pkg) + hgen_docs_dept.build(pkg) + hgen_docs_misc.build(pkg)
    files.sort(key=lambda f: f["path"])
    write_submitted(base / "submitted.csv")
    labels = {"county": COUNTY, "year": YEAR, "folder": "package", "submitted": "submitted.csv",
              "submitted_encoding": "gbk", "function_type": "防风固沙", "files": files, "skipped": SKIPPED,
              "indicators": INDICATORS, "checks": CHECKS}
    (base / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file())
    log.info("wrote %d labelled entries, %d bytes in %s", len(files), size, pkg)
    return labels


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    generate(HERE)


if __name__ == "__main__":
    main()

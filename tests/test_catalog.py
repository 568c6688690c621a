"""The 十四五 catalog pack: completeness, validation of malformed packs, name resolution and free-text mentions."""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ecoaudit.cli import cli
from extract.errors import CatalogError
from rules.build_catalog import build_pack, formula_inputs
from rules.catalog import DEFAULT_PACK, MentionMatcher, load_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_pack_has_all_115_indicators_with_valid_inputs(catalog) -> None:
    ids = [ind.id for ind in catalog.indicators]
    assert len(ids) == 115 and len(set(ids)) == 115
    assert catalog.scheme == "十四五" and catalog.name == "shisiwu"
    for ind in catalog.indicators:
        for used in ind.inputs:
            assert used in catalog, (ind.id, used)
        assert ind.key_phrases, ind.id
        assert ind.evidence_types and ind.departments
    assert catalog.get("eco_investment_share").inputs == ("eco_investment_amount", "fiscal_total_expenditure")
    assert catalog.get("urban_sewage_treatment_rate").inputs == (
        "urban_sewage_treated_compliant", "urban_sewage_discharge_total")
    assert catalog.get("water_wetland_area").inputs == ()  # only local.x sub-quantities


def test_pack_covers_every_csv_row(catalog, shared_dir: Path) -> None:
    with (shared_dir / "domain" / "indicators.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["id"] for r in rows} == {ind.id for ind in catalog.indicators}
    for row in rows:
        ind = catalog.get(row["id"])
        assert ind.name == row["name"] and ind.kind == row["kind"] and ind.group == row["group"]
        assert ind.legacy == (row["legacy"] == "yes")
        assert ind.formula == (row["formula"] or None)


def test_bundled_pack_is_what_the_converter_builds(shared_dir: Path) -> None:
    built = build_pack(shared_dir / "domain" / "indicators.csv")
    assert yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8")) == built


def test_scoring_and_tolerances_are_not_invented(catalog) -> None:
    for ind in catalog.indicators:
        if not ind.scoring.known:
            assert ind.scoring.rule is None, ind.id
    known = {ind.id for ind in catalog.indicators if ind.scoring.known}
    assert known == {"em_management", "rural_sewage_treatment_rate", "admin_villages_sewage_treated",
                     "em_remote_sensing", "em_events"}
    assert "[-1.5, 1.5]" in catalog.get("em_management").scoring.rule
    assert catalog.get("town_count").tolerance.value == Decimal("0")
    assert catalog.get("eco_investment_share").tolerance.value == Decimal("0.005")
    assert catalog.get("protected_area_reform").tolerance.value is None
    assert catalog.get("gdp").dimension == "money" and catalog.get("county_land_area").dimension == "area"
    assert catalog.get("air_good_days_ratio").dimension == "ratio"


def test_formula_inputs_parser() -> None:
    ids = {"a_b", "c", "gdp"}
    assert formula_inputs("a_b / c * 100", ids) == ["a_b", "c"]
    assert formula_inputs("local.x / (gdp * 10000) where x = 能耗 c", ids) == ["gdp"]


def _write_pack(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "bad_pack.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _entry(raw: dict, indicator_id: str) -> dict:
    return next(e for e in raw["indicators"] if e["id"] == indicator_id)


@pytest.mark.parametrize(("mutate", "entry", "field"), [
    (lambda r: _entry(r, "gdp").update({"colour": "red"}), "gdp", "colour"),
    (lambda r: _entry(r, "gdp").update({"kind": "amount"}), "gdp", "kind"),
    (lambda r: _entry(r, "gdp").pop("period_rule"), "gdp", "period_rule"),
    (lambda r: _entry(r, "eco_investment_share").update({"inputs": ["no_such_id"]}), "eco_investment_share", "inputs"),
    (lambda r: _entry(r, "gdp").update({"departments": ["统计所"]}), "gdp", "departments"),
    (lambda r: _entry(r, "gdp").update({"dimension": "weight"}), "gdp", "dimension"),
    (lambda r: _entry(r, "gdp").update({"scoring": {"known": False, "rule": "10分", "note": ""}}), "gdp",
     "scoring.rule"),
    (lambda r: _entry(r, "gdp").update({"legacy": "no"}), "gdp", "legacy"),
    (lambda r: _entry(r, "gdp").update({"tolerance": "loose"}), "gdp", "tolerance"),
    (lambda r: _entry(r, "population").update({"id": "gdp"}), "gdp", "id"),
    (lambda r: r.update({"author": "x"}), "(pack)", "author"),
    (lambda r: r.pop("scheme"), "(pack)", "scheme"),
])
def test_malformed_pack_names_file_entry_and_field(tmp_path: Path, mutate, entry: str, field: str) -> None:
    path = _write_pack(tmp_path, mutate)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    message = str(info.value)
    assert str(path) in message and f"条目 {entry}" in message and f"字段 {field}" in message


def test_unreadable_and_broken_yaml_packs(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="YAML"):
        load_catalog(broken)
    with pytest.raises(CatalogError, match="无法读取"):
        load_catalog(tmp_path / "missing.yaml")


RESOLVE = [
    ("城镇污水集中处理率", "urban_sewage_treatment_rate"),
    ("城镇生活污水集中处理率", "urban_sewage_treatment_rate"),
    ("城镇生活污水集中處理率", "urban_sewage_treatment_rate"),  # traditional
    ("城镇生活污水集中处理率（%）", "urban_sewage_treatment_rate"),
    ("化肥施用量（折纯）", "fertilizer_use"),
    ("化肥施用量(折纯)", "fertilizer_use"),
    ("生态环境保护与治理投入", "eco_investment_amount"),
    ("生态环境保护与治理投入占比", "eco_investment_share"),
    ("空气优良天数比例", "air_good_days_ratio"),
    ("全县空气质量优良天数比例(%)", "air_good_days_ratio"),
    ("PM2.5浓度", "air_pollutant_concentration"),
    ("ＰＭ２．５浓度", "air_pollutant_concentration"),  # full-width
    ("达到或优于川类水质比例", "water_class3_or_better_ratio"),
    ("达到或优于III类水质比例", "water_class3_or_better_ratio"),
    ("縣域國土面積", "county_land_area"),
    ("生活垃圾清运量（万吨）", "msw_generated"),
    ("2024年地区生产总值(亿元)", "gdp"),
    ("森林覆盖率", "forest_coverage"),
    ("林地覆盖率", "forest_land_coverage"),
    ("城镇生活垃圾无害化处埋率", "urban_msw_harmless_rate"),  # OCR 埋/理
    ("乡镇生活污水处理率", "town_sewage_treatment_ratio"),
    ("新增污水管网长度", "sewage_pipe_length_new"),
    ("畜禽粪污资源化利用率(%)", "livestock_manure_utilization_rate"),
    ("化肥使用强度（千克/公顷）", "fertilizer_intensity"),
    ("PM2.5年均浓度(微克/立方米)", "air_pollutant_concentration"),
    ("耕地面积", "cropland_area"),
    ("单位GDP能耗", "energy_consumption_per_gdp"),
    ("农村生活污水治理率", "rural_sewage_treatment_rate"),
    ("优良天数比例", "air_good_days_ratio"),
    ("产业增加值", "industry_value_added"),
    ("生 态 质 量 指 数", "eqi"),
    ("乡镇个数", "town_count"),
    ("规模化畜禽养殖场个数", "livestock_farm_count"),
    ("第二产业增加值（亿元）", "industry_value_added"),  # numeric entry preferred over the qualitative one
    ("污水管网长度（公里）", "sewage_pipe_network"),  # not the narrower 新增污水管网长度
    ("年度农村环境整治任务数", "rural_remediation_task"),
    ("城市污水处理率", "urban_sewage_treatment_rate"),
    ("一般公共预算支出（万元）", "fiscal_total_expenditure"),
    ("O3日最大8小时第90百分位数", "air_pollutant_concentration"),
    ("年末总人口", "population"),
    ("建制村数", "admin_village_count"),
    ("生态环境保护与治理支出占财政支出比例", "eco_investment_share"),  # a rate, though it contains the amount's name
    ("生态环境保护投入占财政支出比重", "eco_investment_share"),
    ("水质综合指数", "surface_water_quality_index"),
    # wording of other counties: 好于/优于, 水体/水质; 旗/区 for 县; 嘎查 for 村, 苏木 for 乡镇; a value in the name
    ("地表水达到或好于Ⅲ类水体比例", "water_class3_or_better_ratio"),
    ("达到或好于III类水质比例（%）", "water_class3_or_better_ratio"),
    ("完成农村环境整治嘎查（村）数", "rural_remediation_villages_completed"),  # …数 asks for the count entry
    ("完成农村环境整治村数量", "rural_remediation_villages_completed"),
    ("旗委旗政府研究生态环境保护工作会议", "party_gov_joint_eco_protection"),
    ("区委区政府研究生态环境保护工作会议", "party_gov_joint_eco_protection"),
    ("已划定保护区的苏木镇集中式饮用水水源地数量", "town_water_sources_zoned"),
    ("新建改造污水管网20公里", "sewage_pipe_length_new"),
    ("新建污水管网", "sewage_pipe_length_new"),
    ("农村牧区生活污水治理率", "rural_sewage_treatment_rate"),
    ("旗域国土面积", "county_land_area"),
]
REFUSE = ["办公用品采购数量", "职工人数", "职工工资总额", "固定资产投资", "人均可支配收入", "办公楼面积", "", "（万元）",
          "人均GDP", "会议次数", "全年降水量", "建成区绿化覆盖率", "森林面积", "二氧化硫排放量",
          "GDP增速", "化肥施用量下降幅度", "城镇化率", "草原防火瞭望塔建设数量", "嘎查村干部人数"]


@pytest.mark.parametrize(("written", "expected"), RESOLVE)
def test_resolve(catalog, written: str, expected: str) -> None:
    result = catalog.resolve(written)
    assert result.indicator_id == expected, (written, result)
    assert 0 < result.score <= 1


@pytest.mark.parametrize("written", REFUSE)
def test_resolve_refuses_rather_than_guess(catalog, written: str) -> None:
    result = catalog.resolve(written)
    assert result.indicator_id is None, (written, result)
    assert result.method in ("refused", "empty")


def test_shared_aliases_are_flagged(catalog) -> None:
    result = catalog.resolve("突发环境事件")
    assert result.indicator_id == "sudden_env_incidents" and result.ambiguous
    assert {c[0] for c in result.candidates} >= {"sudden_env_incidents", "em_events"}
    refused = catalog.resolve("职工人数")
    assert refused.candidates and all(score < 0.88 for _, score in refused.candidates)


def test_mentions_in_free_text(catalog) -> None:
    matcher = MentionMatcher(catalog)
    assert matcher.indicators("乡镇生活污水集中处理率") == ("town_sewage_treatment_ratio",)  # longer claims span
    assert matcher.indicators("城镇生活污水集中处埋率台账") == ("urban_sewage_treatment_rate",)  # OCR noise
    assert matcher.indicators("组织开展国家重点生态功能区县域生态环境质量监测与评价工作") == ()  # programme name
    assert "air_quality_compliance_rate_legacy" not in matcher.indicators("空气质量优良天数比例")
    assert matcher.evidence_types("提供会议记录（纪要）及拨付凭证") == ("meeting_minutes", "payment_voucher")
    assert matcher.evidence_types("转移支付资金证明材料") == ()


def test_cli_catalog_json_and_table(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["catalog", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["indicators"]) == 115 and data["scheme"] == "十四五"
    table = runner.invoke(cli, ["catalog"])
    assert table.exit_code == 0 and "[management/work_organization]" in table.output and "旧指标" in table.output
    bad = _write_pack(tmp_path, lambda r: _entry(r, "gdp").update({"kind": "amount"}))
    failed = runner.invoke(cli, ["catalog", "--catalog", str(bad)])
    assert failed.exit_code != 0 and isinstance(failed.exception, CatalogError)


def test_variant_folding_is_scoped(catalog) -> None:
    from rules.catalog import name_key, wants_count

    assert name_key("旗委旗政府") == name_key("县委县政府") == name_key("区委区政府")
    assert name_key("巴彦塔拉苏木") == "巴彦塔拉乡镇" and name_key("嘎查") == "村"
    assert name_key("区域面积") == "区域面积"  # 区域 is a region, not a 区 body
    assert name_key("城市污水处理率") == "城市污水处理率"  # 市 folds only before 委/政府/级
    assert wants_count("完成整治村数") and wants_count(name_key("水源地数量（个）")) and not wants_count("指数")


def test_local_formula_inputs_are_parsed_with_dimensions(catalog) -> None:
    from classifiers.linkrules import local_inputs

    items = list(catalog.indicators.values()) if isinstance(catalog.indicators, dict) else list(catalog.indicators)
    found = {(li.indicator_id, li.phrase, li.dimension) for li in local_inputs(items)}
    assert ("plastic_film_recovery_rate", "地膜使用量", "mass") in found
    assert ("plastic_film_recovery_rate", "地膜回收量", "mass") in found
    # a ratio's input without a unit has no known dimension; two-character parts (水田) are too common
    assert not [f for f in found if f[1] in ("县政府驻地所在乡镇数", "水田", "旱地")]


def test_verb_first_aliases(catalog) -> None:
    assert catalog.resolve("累计处理污水").indicator_id == "urban_sewage_treated_compliant"
    assert catalog.resolve("监测数据报送").indicator_id == "env_monitoring_task"


def test_gapped_aliases_stay_out_of_name_resolution() -> None:
    from rules.catalog import GAP, load_catalog

    catalog = load_catalog()
    ind = catalog.get("rural_remediation_villages_completed")
    gapped = [a for a in ind.aliases if GAP in a]
    assert gapped and not any(GAP in a for a in ind.plain_aliases)
    assert catalog.resolve("完成整治…的村").method != "alias"  # never an exact alias hit on the gap pattern
    assert catalog.resolve("完成整治的村").method == "alias"  # its plain sibling still resolves


def test_abbreviated_names_resolve_and_equal_shortenings_are_refused() -> None:
    from rules.catalog import load_catalog

    catalog = load_catalog()
    got = catalog.resolve("城镇污水处理达标排放量")  # 城镇生活污水集中处理达标排放量 without 生活/集中
    assert (got.indicator_id, got.method) == ("urban_sewage_treated_compliant", "abbreviation")
    assert catalog.resolve("污水排放").method != "abbreviation"  # too short to be read as a shortening

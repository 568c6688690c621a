"""Indicator links: matching, OCR noise, value binding, roles, periods; the ``links`` CLI and the evaluator."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from classifiers import analyse
from classifiers.linker import IndicatorLinker
from classifiers.textfold import fold_for_match
from ecoaudit.cli import cli
from ecoaudit.eval_classify import evaluate_classification
from extract.facts import extract_facts
from extract.model import DocClass, Document, Link
from rules.catalog import load_catalog
from tests.fixtures.classify.docs import Table, make_doc


@pytest.fixture(scope="module")
def linker() -> IndicatorLinker:
    return IndicatorLinker(load_catalog())


def run(doc: Document, linker: IndicatorLinker) -> tuple[DocClass, list[Link]]:
    return analyse(doc, extract_facts(doc), linker)


def only(links: list[Link], indicator: str) -> list[Link]:
    return [link for link in links if link.indicator_id == indicator]


def test_fold_keeps_offsets() -> None:
    text = "达到或优于 III类水质比例为１００％"
    folded, index = fold_for_match(text)
    assert folded.startswith("达到或优于Ⅲ类水质比例为100%")
    assert text[index[folded.index("Ⅲ")]] == "I"
    assert text[index[len(folded) - 1]] == "％"


def test_plan_target_not_achieved(linker: IndicatorLinker) -> None:
    doc = make_doc("规划.docx", [[
        "XX县“十四五”生态环境保护规划（2021—2025年）",
        "二、规划目标",
        "到2025年，全县城镇生活污水集中处理率达到95%以上，空气质量优良天数比例不低于92.5%。",
        "截至2020年底，全县城镇生活污水集中处理率已达到88.6%。",
    ]])
    dc, links = run(doc, linker)
    assert dc.doc_type == "plan"
    sewage = {l.value: l for l in only(links, "urban_sewage_treatment_rate")}
    assert sewage[Decimal("95")].role == "target"
    assert sewage[Decimal("95")].period_start == date(2025, 1, 1)
    assert sewage[Decimal("88.6")].role == "achieved"  # the baseline sentence of a plan is an achieved figure
    air = only(links, "air_good_days_ratio")
    assert [(l.value, l.role) for l in air] == [(Decimal("92.5"), "target")]


def test_percent_bound_not_date_and_change_points_skipped(linker: IndicatorLinker) -> None:
    doc = make_doc("监测/空气.pdf", [[
        "XX县2024年环境空气质量监测报告",
        "2024年10月，全县空气质量优良天数比例为92.6%，同比提高2.3个百分点，有效监测天数为366天，优良天数339天。",
    ]])
    dc, links = run(doc, linker)
    ratio = only(links, "air_good_days_ratio")
    assert len(ratio) == 1 and ratio[0].value == Decimal("92.6") and ratio[0].unit == "%"
    assert ratio[0].role == "achieved" and ratio[0].rule == "name" and ratio[0].distance == 1
    assert ratio[0].period_start == date(2024, 10, 1) and ratio[0].period_end == date(2024, 10, 31)
    good = only(links, "air_good_days")
    assert [(l.value, l.role) for l in good] == [(Decimal("339"), "component")]  # input of the ratio
    valid = only(links, "air_valid_days")
    assert [(l.value, l.role) for l in valid] == [(Decimal("366"), "component")]


def test_table_row_with_unit_in_column_header(linker: IndicatorLinker) -> None:
    doc = make_doc("财政局/支出表.xlsx", [[
        Table([
            ["项目", "2023年决算数（万元）", "2024年执行数（万元）"],
            ["当年财政总支出", "140,000", "144,250"],
            ["生态环境保护与治理支出", "28,000", "29,094"],
        ], caption="XX县生态环境保护与治理投入情况表"),
    ]], fmt="xlsx")
    _, links = run(doc, linker)
    inv = only(links, "eco_investment_amount")
    assert len(inv) == 1
    assert inv[0].rule == "table_row" and inv[0].value == Decimal("29094") and inv[0].unit == "万元"
    assert inv[0].canonical == Decimal("290940000") and inv[0].canonical_unit == "元"
    assert (inv[0].period_start, inv[0].period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    total = only(links, "fiscal_total_expenditure")
    assert total[0].value == Decimal("144250")


def test_ocr_noise_class3_and_dropped_character(linker: IndicatorLinker) -> None:
    doc = make_doc("scan/水质.pdf", [[
        "XX县2024年地表水水质监测报告",
        "2024年全县达到或优于川类水质比例为100%。",
        "全县城镇生活污水集中处率达到96.1%。",
    ]], fmt="pdf", ocr=True)
    _, links = run(doc, linker)
    water = only(links, "water_class3_or_better_ratio")
    assert water and water[0].value == Decimal("100") and water[0].matched == "达到或优于川类水质比例"
    sewage = only(links, "urban_sewage_treatment_rate")
    assert len(sewage) == 1 and sewage[0].rule == "fuzzy" and sewage[0].value == Decimal("96.1")
    assert sewage[0].score < 0.9  # a fuzzy match is weaker than an exact one


def test_fuzzy_only_on_ocr_blocks(linker: IndicatorLinker) -> None:
    doc = make_doc("text.docx", [["全县城镇生活污水集中处率达到96.1%。"]])
    _, links = run(doc, linker)
    assert not only(links, "urban_sewage_treatment_rate")


def test_shared_alias_decided_by_value_dimension(linker: IndicatorLinker) -> None:
    doc = make_doc("农业农村局/化肥.pdf", [[
        "XX县2024年化肥使用情况统计报表",
        "全县化肥施用强度为352.6千克/公顷，化肥施用量（折纯）1.25万吨。",
    ]])
    _, links = run(doc, linker)
    intensity = only(links, "fertilizer_intensity")
    assert [l.value for l in intensity] == [Decimal("352.6")]
    use = only(links, "fertilizer_use")
    assert all(l.value != Decimal("352.6") for l in use)  # kg/公顷 is not a mass


def test_task_role_and_qualitative_mention(linker: IndicatorLinker) -> None:
    doc = make_doc("通知.pdf", [[
        "关于下达2024年农村环境整治任务的通知",
        "各乡镇人民政府：现下达2024年农村环境整治任务，全县年度农村环境整治任务为32个行政村，请抓好落实。",
        "各乡镇要落实生态保护红线制度。",
        "特此通知。", "XX县生态环境分局", "2024年3月1日",
    ]])
    dc, links = run(doc, linker)
    assert dc.doc_type == "notice"
    task = [l for l in links if l.role == "task"]
    assert task and task[0].value == Decimal("32")
    red = only(links, "ecological_redline_enforcement")
    assert red and red[0].role == "mention" and red[0].value is None


def test_document_level_links(linker: IndicatorLinker) -> None:
    minutes = make_doc("纪要.pdf", [[
        "县委常委会会议纪要",
        "2024年7月8日，县委书记刘洋主持召开县委常委会会议，研究部署生态环境保护和污染防治攻坚战工作。",
        "会议听取了县生态环境分局的汇报。会议议定：……",
    ]])
    dc, links = run(minutes, linker)
    joint = only(links, "party_gov_joint_eco_protection")
    assert dc.doc_type == "meeting_minutes"
    # the minutes themselves evidence the qualitative item: "achieved" so the rules can count the quarter
    assert joint and joint[0].rule == "doc_type" and joint[0].role == "achieved"
    assert joint[0].period_start == date(2024, 7, 8)
    acceptance = make_doc("验收.pdf", [[
        "XX县2023年度退耕还林工程竣工验收报告", "验收结论：同意通过竣工验收。", "验收日期：2024年4月26日",
    ]])
    _, links = run(acceptance, linker)
    project = [l for l in only(links, "eco_restoration_projects") if l.rule == "doc_type"]
    assert project and project[0].role == "achieved" and project[0].period_start == date(2024, 4, 26)
    preliminary = make_doc("初验.pdf", [[
        "XX县坡耕地水土流失综合治理工程初步验收意见", "验收结论：同意通过初步验收。", "2024年5月20日",
    ]])
    _, links = run(preliminary, linker)
    project = [l for l in only(links, "eco_restoration_projects") if l.rule == "doc_type"]
    assert project and project[0].role == "mention"  # 初步验收 is not 竣工验收: no completion evidence


def test_none_occurred_is_zero(linker: IndicatorLinker) -> None:
    doc = make_doc("应急局/说明.txt", [[
        "关于2024年度未发生突发环境事件的情况说明",
        "经核实，2024年1月1日至12月31日，我县未发生突发环境事件。", "特此说明。", "XX县应急管理局", "2025年1月6日",
    ]], fmt="text")
    _, links = run(doc, linker)
    zero = [l for l in only(links, "sudden_env_incidents") if l.value is not None]
    assert zero and zero[0].value == Decimal(0) and zero[0].unit == "起" and zero[0].role == "achieved"
    assert zero[0].fact_id is None


def test_share_after_amount(linker: IndicatorLinker) -> None:
    doc = make_doc("财政局/预算报告.pdf", [[
        "关于XX县2023年预算执行情况和2024年预算的报告",
        "2024年统筹安排生态环境保护与治理投入22,420万元，占一般公共预算支出的7.82%。",
    ]])
    _, links = run(doc, linker)
    share = only(links, "eco_investment_share")
    assert [(l.value, l.unit) for l in share] == [(Decimal("7.82"), "%")]
    assert [l.value for l in only(links, "eco_investment_amount")] == [Decimal("22420")]


def test_wrapped_pdf_lines_are_read_as_one_sentence(linker: IndicatorLinker) -> None:
    doc = make_doc("财政局/报告.pdf", [[
        "关于XX县2023年预算执行情况和2024年预算的报告",
        "二、2024年预算安排",
        "2024年全县统筹安排生态环境保护与治理投入22,420万元，占一般公",
        "共预算支出的7.82%；安排工作经费12万元。全县城镇生活污水集中处",
        "理率达到95.4%。",
    ]], fmt="pdf")
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "eco_investment_share")] == [Decimal("7.82")]
    sewage = only(links, "urban_sewage_treatment_rate")
    assert [l.value for l in sewage] == [Decimal("95.4")]
    assert sewage[0].block_id == doc.pages[0].blocks[3].id  # the line where the name starts


def test_voucher_amount_bound_to_purpose(linker: IndicatorLinker) -> None:
    doc = make_doc("财政局/回单.pdf", [[
        "中国农业银行网上银行电子回单",
        Table([
            ["付款人", "XX县财政局"], ["收款人", "XX县生态环境分局"],
            ["金额（大写）", "人民币壹拾贰万元整"], ["金额（小写）", "¥120,000.00"],
            ["用途", "2024年县域生态环境质量考核工作经费"], ["交易日期", "2024-04-12"],
        ]),
    ]], fmt="pdf")
    dc, links = run(doc, linker)
    assert dc.doc_type == "payment_voucher" and dc.doc_date == date(2024, 4, 12)
    funding = only(links, "assessment_funding")
    assert [(l.canonical, l.canonical_unit, l.role) for l in funding] == [(Decimal("120000"), "元", "achieved")]


def test_table_header_completed_from_title_subject(linker: IndicatorLinker) -> None:
    doc = make_doc("城管局/垃圾台账.xlsx", [[
        Table([
            ["月份", "清运量（吨）", "无害化处理量（吨）"],
            ["2024年1月", "2580", "2580"],
            ["2024年2月", "2410", "2410"],
            ["合计", "4990", "4990"],
            ["无害化处理率", "100%", ""],
        ], caption="XX县2024年城镇生活垃圾清运及无害化处理台账"),
    ]], fmt="xlsx")
    dc, links = run(doc, linker)
    assert dc.doc_type == "ledger"
    assert [(l.value, l.rule) for l in only(links, "msw_generated")] == [(Decimal("4990"), "table_row")]
    assert [l.value for l in only(links, "urban_msw_harmless_rate")] == [Decimal("100")]
    # without the subject in the title the bare header "清运量" names nothing
    bare = make_doc("台账.xlsx", [[Table([["月份", "清运量（吨）"], ["2024年1月", "2580"], ["合计", "2580"]],
                                        caption="2024年运行台账")]], fmt="xlsx")
    _, links = run(bare, linker)
    assert not only(links, "msw_generated")


def test_ocr_table_rows_are_not_joined(linker: IndicatorLinker) -> None:
    doc = make_doc("农业/统计表.pdf", [[
        "农业生产资料使用情况统计表",
        "指标名称 计量单位 本年 上年",
        "农用化肥施用量（折纯量） 吨 4860 5015",
        "农用化肥施用量（实物量） 吨 13200 13650",
        "农药使用量 吨 186 193",
        "地膜回收率 % 83.48 78.71",
    ]], fmt="pdf", ocr=True)
    dc, links = run(doc, linker)
    # each row: 本年 value with the document's period, then 上年 one year earlier (never the line above's 13650)
    assert [l.value for l in only(links, "pesticide_use")] == [Decimal("186"), Decimal("193")]
    assert [l.value for l in only(links, "fertilizer_use")] == [Decimal("4860"), Decimal("5015")]  # never 实物量
    film = only(links, "plastic_film_recovery_rate")
    assert [l.value for l in film] == [Decimal("83.48"), Decimal("78.71")]
    if film[0].period_start is not None:
        assert film[1].period_start == film[0].period_start.replace(year=film[0].period_start.year - 1)


def test_row_prefers_current_period_column(linker: IndicatorLinker) -> None:
    doc = make_doc("统计表.docx", [[
        "2024年农业生产资料使用情况统计表",
        Table([["指标名称", "计量单位", "上年", "本年"], ["农药使用量", "吨", "193", "186"]]),
    ]])
    _, links = run(doc, linker)
    pesticide = only(links, "pesticide_use")
    assert [l.value for l in pesticide] == [Decimal("186"), Decimal("193")]  # 本年 first; 上年 as the year before
    if pesticide[0].period_start is not None:
        assert pesticide[1].period_start.year == pesticide[0].period_start.year - 1


def test_residual_sub_item_is_not_the_indicator(linker: IndicatorLinker) -> None:
    doc = make_doc("预算批复.pdf", [[
        "关于批复县生态环境分局2024年部门预算的通知",
        Table([["科目名称", "金额（元）"], ["其他节能环保支出", "120,000.00"], ["节能环保支出合计", "2,020,400.00"]]),
    ]], fmt="pdf")
    _, links = run(doc, linker)
    assert [l.canonical for l in only(links, "eco_investment_amount")] == [Decimal("2020400")]


def test_ledger_column_total(linker: IndicatorLinker) -> None:
    doc = make_doc("畜牧/台账.xlsx", [[
        Table([
            ["序号", "养殖场名称", "存栏量（头）", "粪污产生量（吨）", "综合利用量（吨）"],
            ["1", "XX县兴旺生猪养殖场", "12000", "32400", "29800"],
            ["2", "XX县白龙湖牧业合作社", "1800", "21600", "19650"],
            ["合计", "", "13800", "54000", "49450"],
        ], caption="XX县规模养殖场畜禽粪污资源化利用台账（2024年1月—12月）"),
    ]], fmt="xlsx")
    dc, links = run(doc, linker)
    assert dc.doc_type == "ledger"
    generated = only(links, "manure_generated")
    assert [(l.value, l.rule) for l in generated] == [(Decimal("54000"), "table_row")]
    assert not only(links, "livestock_farm_count")  # "养殖场" inside a farm's name heads no row


def test_minutes_requirement_is_target_and_plan_baseline_is_achieved(linker: IndicatorLinker) -> None:
    minutes = make_doc("纪要.docx", [[
        "XX县人民政府常务会议纪要",
        "2024年6月21日，县长李明主持召开常务会议。会议要求，确保全年畜禽粪污综合利用率稳定在90%以上。",
    ]])
    _, links = run(minutes, linker)
    assert [l.role for l in only(links, "livestock_manure_utilization_rate")] == ["target"]
    plan = make_doc("方案.docx", [[
        "XX县城镇生活污水处理提质增效三年行动实施方案（2023—2025年）",
        "一、现状", "2022年，县城生活污水集中处理率为93.1%。",
        "二、工作目标", "到2025年，县城生活污水集中处理率达到95%以上。",
        Table([["年度", "重点任务"], ["2024年", "县城生活污水集中处理率达到94%"]]),
    ]])
    _, links = run(plan, linker)
    got = {l.value: l for l in only(links, "urban_sewage_treatment_rate")}
    assert got[Decimal("93.1")].role == "achieved" and got[Decimal("95")].role == "target"
    assert got[Decimal("94")].role == "target" and got[Decimal("94")].period_start == date(2024, 1, 1)


def test_short_loose_alias_needs_a_value(linker: IndicatorLinker) -> None:
    doc = make_doc("说明.docx", [["关于耕地保护工作的情况说明", "我县高度重视耕地保护。", "特此说明。"]])
    _, links = run(doc, linker)
    assert not only(links, "cropland_area")


def test_links_cli(tmp_path: Path, linker: IndicatorLinker) -> None:
    from evidence_index.store import Store

    doc = make_doc("监测/空气.pdf", [[
        "XX县2024年环境空气质量监测报告", "2024年全县空气质量优良天数比例为92.6%。",
    ]])
    facts = extract_facts(doc)
    dc, links = analyse(doc, facts, linker)
    db = tmp_path / "index.sqlite"
    with Store(db) as store:
        store.save_document(doc, facts, dc, links)
    runner = CliRunner()
    result = runner.invoke(cli, ["links", "--db", str(db), "--indicator", "空气优良天数比例", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and rows[0]["indicator"] == "air_good_days_ratio" and rows[0]["value"] == "92.6"
    assert rows[0]["path"] == "监测/空气.pdf" and rows[0]["role"] == "achieved"
    text = runner.invoke(cli, ["links", "--db", str(db)])
    assert text.exit_code == 0 and "air_good_days_ratio" in text.output and "92.6" in text.output
    bad = runner.invoke(cli, ["links", "--db", str(db), "--indicator", "办公用品采购数量"])
    assert bad.exit_code != 0 and "无法识别指标名称" in bad.output
    missing = runner.invoke(cli, ["links", "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code != 0 and "索引数据库不存在" in missing.output


def test_evaluate_classification() -> None:
    src = make_doc("a.pdf", [["x"]]).pages[0].blocks[0].src
    good = Link("air_good_days_ratio", "b", src, "name", "优良天数比例", 0.9, value=Decimal("92.6"), unit="%",
                canonical=Decimal("92.6"), canonical_unit="%")
    target = Link("urban_sewage_treatment_rate", "b", src, "name", "x", 0.9, role="target", value=Decimal("90"),
                  unit="%", canonical=Decimal("90"), canonical_unit="%")
    money = Link("eco_investment_amount", "b", src, "table_row", "x", 0.9, value=Decimal("29094"), unit="万元",
                 canonical=Decimal("290940000"), canonical_unit="元")
    records = {
        "监测/a.pdf": (DocClass("monitoring_report", 0.9), [good, target]),
        "财政/b.xlsx": (DocClass("ledger", 0.5), [money]),
    }
    labels = {"files": [
        {"path": "监测/a.pdf", "doc_type": "monitoring_report", "status": "ok",
         "links": [{"indicator": "air_good_days_ratio", "value": "92.6", "unit": "%", "role": "achieved"},
                   {"indicator": "urban_sewage_treatment_rate", "value": "95.2", "unit": "%", "role": "achieved"}]},
        {"path": "财政/b.xlsx", "doc_type": "budget_document", "status": "ok",
         "links": [{"indicator": "eco_investment_amount", "value": "2.9094", "unit": "亿元", "role": "achieved"}]},
        {"path": "坏/c.pdf", "doc_type": None, "status": "error"},
        {"path": "纪要/d.pdf", "doc_type": "meeting_minutes", "status": "ok"},
    ]}
    result = evaluate_classification(records, labels)
    dt = result["doc_type"]
    assert (dt["judged"], dt["correct"]) == (3, 1)
    assert dt["confusion"]["budget_document"]["ledger"] == 1
    assert dt["missing"] == ["纪要/d.pdf"]
    assert [m["path"] for m in dt["misclassified"]] == ["财政/b.xlsx"]
    lk = result["links"]
    assert (lk["labelled"], lk["predicted"], lk["matched"]) == (3, 3, 2)  # 亿元 vs 万元 compared canonically
    assert lk["precision"] == pytest.approx(2 / 3, abs=1e-3) and lk["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert lk["value_accuracy"] == pytest.approx(2 / 3, abs=1e-3)  # 90 ≠ 95.2 beyond the 0.5 % tolerance
    assert lk["missed"][0]["indicator"] == "urban_sewage_treatment_rate"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="城镇生活污水集中处理率达到空气质量优良天数比例川类95.2%万吨元：，。|合计未发生突发环境事件占\n ",
                        max_size=50), min_size=1, max_size=6), st.booleans())
def test_link_never_raises_and_values_fit(linker: IndicatorLinker, lines: list[str], ocr: bool) -> None:
    doc = make_doc("任意.pdf", [lines], fmt="pdf", ocr=ocr)
    _, links = run(doc, linker)
    block_ids = {b.id for p in doc.pages for b in p.blocks}
    for link in links:
        assert link.block_id in block_ids and 0.0 <= link.score <= 1.0
        if link.indicator_id == "urban_sewage_treatment_rate" and link.value is not None:
            assert link.unit == "%"  # a rate is only ever bound to a percentage


def test_row_label_unit_governs_row_and_generic_alias_needs_its_subject(linker: IndicatorLinker) -> None:
    # a sewage plant ledger: the summary row's label says （%） under a （万吨） column; "处理量" here is sewage
    doc = make_doc("住建/运行台账.csv", [[
        Table([
            ["月份", "进水量（万吨）", "处理量（万吨）", "达标排放量（万吨）"],
            ["2023-01", "34.10", "34.10", "34.10"],
            ["2023-02", "33.20", "33.20", "33.20"],
            ["全年合计", "412.34", "412.34", "412.34"],
            ["城镇生活污水集中处理率（%）", "94.40", "", ""],
        ], caption="XX旗污水处理厂2023年运行台账"),
    ]], fmt="xlsx")
    dc, links = run(doc, linker)
    rate = only(links, "urban_sewage_treatment_rate")
    assert [(l.value, l.unit, l.canonical) for l in rate if l.value is not None] == [
        (Decimal("94.40"), "%", Decimal("94.40"))]
    assert not only(links, "msw_harmless_treated")  # refuse 处理量 never read from a sewage ledger


def test_generic_alias_kept_in_its_own_subject(linker: IndicatorLinker) -> None:
    doc = make_doc("城管/台账.xlsx", [[
        Table([
            ["月份", "处理量（万吨）"],
            ["1月", "0.52"],
            ["全年合计", "6.30"],
        ], caption="XX县生活垃圾填埋场2024年运行台账"),
    ]], fmt="xlsx")
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "msw_harmless_treated") if l.value is not None] == [Decimal("6.30")]


def test_table_titled_with_indicator_binds_grand_total(linker: IndicatorLinker, tmp_path: Path) -> None:
    import hashlib

    from openpyxl import Workbook

    from extract.reader import read_document

    wb = Workbook()
    ws = wb.active
    for row in (["XX旗2023年农作物播种面积统计表"], ["表号：A301表", "", "计量单位：亩"],
                ["苏木镇", "粮食作物", "经济作物", "合计"],
                ["巴彦塔拉苏木", 186400, 21300, 207700], ["达拉图镇", 231500, 42700, 274200],
                ["全旗合计", 417900, 64000, 481900], ["报出日期：2024年1月12日"]):
        ws.append(row)
    path = tmp_path / "2023年农作物播种面积统计表.xlsx"
    wb.save(path)
    doc = read_document(path, "农牧局/" + path.name, hashlib.sha256(path.read_bytes()).hexdigest(), None)
    _, links = run(doc, linker)
    sown = [l for l in only(links, "sown_area") if l.value is not None]
    assert [(l.value, l.canonical_unit) for l in sown] == [(Decimal("481900"), "m2")]


def test_ocr_unit_column_with_stray_full_stop(linker: IndicatorLinker) -> None:
    doc = make_doc("农业/统计表（扫描）.pdf", [[
        "农业生产资料使用情况统计表",
        "填报单位：XX县农业农村局 2024年",
        "指标名称 计量单位 本年 上年",
        "农药使用量 吨 186 193",
        "农作物总播种面积 公顷。 31250 31080",
        "报出日期：2025年1月10日",
    ]], fmt="pdf", ocr=True)
    _, links = run(doc, linker)
    assert [(l.value, l.unit) for l in only(links, "sown_area") if l.value is not None] == [
        (Decimal("31250"), "公顷"), (Decimal("31080"), "公顷")]  # 本年, then 上年
    # a real sentence end still separates a name from the next sentence's figure
    prose = make_doc("说明.docx", [["全县农作物总播种面积保持稳定。31250名农民参加培训。"]])
    _, links = run(prose, linker)
    assert not [l for l in only(links, "sown_area") if l.value is not None]


COMPILATION_PAGES = [
    ["XX县水利局",
     "X水发〔2023〕9号",
     "关于报送2022年乡镇饮用水水源保护区划定情况的通知",
     "各乡镇人民政府：",
     "请各乡镇于2023年5月底前报送辖区内水源保护区划定方案。",
     "XX县水利局",
     "2023年4月18日"],
    ["XX县人民政府",
     "X政字〔2023〕45号",
     "XX县人民政府关于乡镇集中式饮用水水源保护区划定方案的批复",
     "县水利局：",
     "经研究，同意6处乡镇集中式饮用水水源保护区划定方案。全县城镇生活污水集中处理率达到95.2%。",
     "XX县人民政府",
     "2023年6月26日"],
    ["乡镇集中式饮用水水源地基本情况台账",
     "序号 乡镇 水源地名称 类型",
     "1 城关镇 城关镇水源地 地下水",
     "填表日期：2023年6月30日"],
]


def test_bound_compilation_links_take_their_section_dates(linker: IndicatorLinker) -> None:
    doc = make_doc("水利局/2023年水源地保护工作资料汇编.pdf", COMPILATION_PAGES, fmt="pdf")
    dc, links = run(doc, linker)
    assert any(c.startswith("资料汇编：含3份材料") for c in dc.cues), dc.cues
    (sewage,) = [l for l in only(links, "urban_sewage_treatment_rate") if l.value is not None]
    assert sewage.value == Decimal("95.2") and sewage.src.page_no == 2
    # the reply on page 2 is dated 2023-06-26; the volume's first notice names 2022 in its title
    assert (sewage.period_start, sewage.period_end) == (date(2023, 6, 26), date(2023, 6, 26))


def test_single_document_with_attachment_is_not_a_compilation(linker: IndicatorLinker) -> None:
    from classifiers.sections import split_sections

    pages = [COMPILATION_PAGES[0], ["附件", "乡镇集中式饮用水水源地名单", "1 城关镇 城关镇水源地"]]
    doc = make_doc("水利局/通知.pdf", pages, fmt="pdf")
    assert split_sections(doc, extract_facts(doc)) == []
    plain = make_doc("水利局/报告.pdf", [["XX县水源地保护工作报告", "一、基本情况", "全县水源地7处。"],
                                        ["二、下一步工作", "继续加强保护。", "XX县水利局", "2023年12月1日"]], fmt="pdf")
    assert split_sections(plain, extract_facts(plain)) == []


def test_bank_receipt_purpose_overlapping_a_longer_name(linker: IndicatorLinker) -> None:
    # "生态环境质量监测经费": the monitoring name and the funding alias overlap; both are read
    doc = make_doc("财政局/电子回单.pdf", [[
        "中国农业银行 网上银行电子回单",
        "付款人全称：XX县财政局国库集中支付账户",
        "收款人全称：XX县生态环境监测站",
        "金额（大写）：人民币壹拾贰万伍仟元整",
        "金额（小写）：¥125,000.00",
        "用途：2024年县域生态环境质量监测经费",
        "交易日期：2024年4月19日",
    ]], fmt="pdf")
    dc, links = run(doc, linker)
    assert dc.doc_type == "payment_voucher"
    assert [(l.canonical, l.role) for l in only(links, "assessment_funding")] == [(Decimal("125000"), "achieved")]


def test_allocation_voucher_for_eco_protection_funds(linker: IndicatorLinker) -> None:
    doc = make_doc("财政局/拨付凭证.pdf", [[
        "XX县财政局资金拨付凭证",
        "收款单位：XX县住房和城乡建设局",
        "用途：城镇污水管网建设生态环境保护与治理资金",
        "金额：￥3,200,000.00 大写：叁佰贰拾万元整",
        "日期：2024年6月3日",
    ]], fmt="pdf")
    dc, links = run(doc, linker)
    assert dc.doc_type == "payment_voucher"
    assert [l.canonical for l in only(links, "eco_investment_amount")] == [Decimal("3200000")]
    assert not only(links, "assessment_funding")


def test_inner_mongolia_unit_names_match_catalog_names(linker: IndicatorLinker) -> None:
    folded, index = fold_for_match("完成农村牧区环境整治嘎查（村）14个")
    assert folded == "完成农村环境整治村14个"
    assert index[folded.index("14")] == len("完成农村牧区环境整治嘎查（村）")  # offsets still index the original
    doc = make_doc("分局/自查报告.docx", [[
        "XX旗2023年度县域生态环境质量监测与评价自查报告",
        "四、生态环境保护管理。完成农村牧区环境整治嘎查（村）14个；农村牧区生活污水治理率38.5%。",
    ]])
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "rural_remediation_villages_completed")] == [Decimal("14")]
    assert [l.value for l in only(links, "rural_sewage_treatment_rate")] == [Decimal("38.5")]


def test_place_name_ending_in_a_short_alias_is_not_a_count(linker: IndicatorLinker) -> None:
    doc = make_doc("苏木/总结.docx", [[
        "巴彦塔拉苏木2023年人居环境整治工作总结",
        "经研究，同意巴彦塔拉苏木等6处水源保护区划定方案。",
        "全旗共辖苏木镇8个。",
    ]])
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "town_count") if l.value is not None] == [Decimal("8")]


def test_count_written_as_its_qualifier_under_a_title_naming_what_is_counted(linker: IndicatorLinker) -> None:
    doc = make_doc("水利局/台账.pdf", [[
        "苏木镇集中式饮用水水源地基本情况台账",
        "序号 苏木镇 水源地名称 类型 保护区划定",
        "1 巴彦塔拉苏木 巴彦塔拉苏木水源地 地下水 是",
        "合计：水源地7处，已划定保护区6处。",
        "填表日期：2023.6.30",
    ]], fmt="pdf")
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "town_water_sources_zoned")] == [Decimal("6")]
    # without a title naming the counted thing the qualifier alone says nothing
    other = make_doc("自然资源局/说明.docx", [["XX县自然保护地整合优化情况说明", "全县已划定保护区6处。"]])
    _, links = run(other, linker)
    assert not only(links, "town_water_sources_zoned")


# --- recall fixes (F5): formula inputs, admin counts, tasks, negations, conflicts ----------------------------------

def test_formula_inputs_are_components_with_both_years(linker: IndicatorLinker) -> None:
    doc = make_doc("农业/统计表.pdf", [[
        "农业生产资料使用情况统计表",
        "填报单位：XX县农业农村局 2024年",
        "指标名称 计量单位 本年 上年",
        "地膜使用量 吨 1120 1146",
        "地膜回收量 吨 935 902",
        "地膜回收率 % 83.48 78.71",
    ]], fmt="pdf", ocr=True)
    _, links = run(doc, linker)
    film = only(links, "plastic_film_recovery_rate")
    parts = {(l.value, l.role) for l in film}
    # the catalog formula's local.film_used / local.film_recovered descriptions are its components
    assert {(Decimal("1120"), "component"), (Decimal("1146"), "component"), (Decimal("935"), "component"),
            (Decimal("902"), "component")} <= parts
    assert (Decimal("83.48"), "achieved") in parts and (Decimal("78.71"), "achieved") in parts
    years = {l.value: l.period_start.year for l in film if l.period_start is not None}
    if years:
        assert years[Decimal("1146")] == years[Decimal("1120")] - 1


def test_local_input_without_value_is_not_linked(linker: IndicatorLinker) -> None:
    doc = make_doc("总结.docx", [["XX县农业工作总结", "加强地膜使用量管控，推进废旧农膜回收。"]])
    _, links = run(doc, linker)
    assert not [l for l in only(links, "plastic_film_recovery_rate") if l.role == "component"]


def test_jurisdiction_sentence_counts_towns_and_villages(linker: IndicatorLinker) -> None:
    doc = make_doc("统计公报.pdf", [[
        "XX县2023年国民经济和社会发展统计公报",
        "年末全县户籍人口21.36万人。全县辖8个镇、3个乡，186个行政村。",
        "全年完成120个行政村改厕任务，新建5个乡镇污水处理站。",
    ]], fmt="pdf")
    _, links = run(doc, linker)
    # towns = 镇 + 乡: one achieved count of 11 (the parts alone would corroborate a county that filed only its 镇)
    towns = [(l.value, l.role) for l in only(links, "town_count")]
    assert towns == [(Decimal("11"), "achieved")]
    villages = [(l.value, l.role) for l in only(links, "admin_village_count")]
    assert villages == [(Decimal("186"), "achieved")]  # never the 120 villages of a works sentence


def test_banner_style_town_count_with_sumu(linker: IndicatorLinker) -> None:
    doc = make_doc("统计公报.pdf", [["XX旗统计公报", "全旗辖6个苏木、2个镇，下设58个嘎查。"]], fmt="pdf")
    _, links = run(doc, linker)
    assert [(l.value, l.role) for l in only(links, "town_count")] == [(Decimal("8"), "achieved")]  # 苏木 + 镇
    assert [l.value for l in only(links, "admin_village_count")] == [Decimal("58")]


def test_negated_event_statement_is_achieved(linker: IndicatorLinker) -> None:
    doc = make_doc("应急局/情况说明.txt", [[
        "关于2024年度未发生突发环境事件的情况说明",
        "经核查，2024年1月1日至12月31日，XX县未发生突发环境事件，未发生因人为因素引发的生态破坏事件。",
        "特此说明。",
    ]], fmt="txt")
    _, links = run(doc, linker)
    events = only(links, "em_events")
    assert events and all(l.role == "achieved" and l.value is None for l in events)
    assert not [l for l in links if l.role == "mention" and l.indicator_id == "em_events"]


def test_value_binds_to_nearest_indicator_only(linker: IndicatorLinker) -> None:
    doc = make_doc("纪要.docx", [[
        "XX县人民政府常务会议纪要",
        "会议要求，县住建局加快推进老城区雨污分流改造，年内新建污水管网6.8公里。",
    ]])
    _, links = run(doc, linker)
    assert [(l.value, l.role) for l in only(links, "sewage_pipe_length_new")] == [(Decimal("6.8"), "target")]
    assert not [l for l in only(links, "sewage_pipe_network") if l.value is not None]


def test_title_match_inside_longer_name_is_dropped(linker: IndicatorLinker) -> None:
    doc = make_doc("农业/规划.docx", [[
        "XX县农业面源污染防治规划（2024—2030年）",
        "第一章 现状与问题",
        "部分乡镇化肥施用强度偏高。",
    ]], titles=1)
    dc, links = run(doc, linker)
    assert dc.doc_type == "plan"
    assert not only(links, "precise_scientific_pollution_control")  # "污染防治规划" is inside 农业面源污染防治规划
    agri = only(links, "agri_nonpoint_pollution_control")
    assert [(l.rule, l.role) for l in agri] == [("doc_type", "achieved")]  # no redundant title mention
    # a plan titled by the general name still evidences precise pollution control
    _, general = run(make_doc("规划2.docx", [["XX县“十四五”污染防治规划", "第一章 总则"]], titles=1), linker)
    assert only(general, "precise_scientific_pollution_control")


def test_minutes_assign_tasks(linker: IndicatorLinker) -> None:
    doc = make_doc("纪要.docx", [[
        "XX县人民政府常务会议纪要",
        "县长主持召开常务会议，专题研究生态环境保护工作。",
        "二、关于农业面源污染防治工作",
        "会议要求，县农业农村局要深入推进化肥农药减量增效，加快规模养殖场粪污处理设施改造。",
        Table([["序号", "议定事项", "责任单位"], ["1", "第二季度生态环境监测数据报送", "县生态环境分局"]]),
    ]])
    _, links = run(doc, linker)
    tasks = {l.indicator_id for l in links if l.role == "task"}
    assert {"agri_nonpoint_pollution_control", "fertilizer_use", "pesticide_use", "env_monitoring_task"} <= tasks
    assert "livestock_farm_count" not in tasks  # the farms are the object of work, not a count assigned


def test_coordinated_heads_share_a_tail(linker: IndicatorLinker) -> None:
    doc = make_doc("监测.pdf", [["XX县农业投入品监测报告", "2024年全县化肥、农药使用量分别下降，化肥农药减量成效明显。"]],
                   fmt="pdf")
    _, links = run(doc, linker)
    assert only(links, "fertilizer_use") and only(links, "pesticide_use")


def test_percent_is_a_target_of_a_quantity_never_achieved(linker: IndicatorLinker) -> None:
    plan = make_doc("规划.docx", [[
        "XX县农业面源污染防治规划（2024—2030年）",
        "到2025年，全县化肥利用率达到43%以上，化肥施用量（折纯）控制在4,900吨以内；到2030年，化肥施用量较2023年下降8%。",
    ]], titles=1)
    _, links = run(plan, linker)
    got = {(l.value, l.unit, l.role) for l in only(links, "fertilizer_use")}
    assert {(Decimal("43"), "%", "target"), (Decimal("4900"), "吨", "target"), (Decimal("8"), "%", "target")} <= got
    report = make_doc("监测.pdf", [["XX县2024年化肥使用情况监测报告", "2024年全县化肥利用率为41.2%，化肥施用量下降5%。"]],
                      fmt="pdf")
    _, links = run(report, linker)
    assert not [l for l in only(links, "fertilizer_use") if l.unit == "%"]


def test_caption_names_the_table_total(linker: IndicatorLinker) -> None:
    doc = make_doc("财政/预算报告.pdf", [[
        "关于XX县2024年预算的报告",
        "表1 2024年生态环境保护与治理投入安排表（单位：万元）",
        Table([["项目", "2024年预算数", "主要用途"],
               ["生态保护修复", "6,420", "废弃矿山修复"],
               ["环境污染防治", "5,380", "大气、水污染防治"],
               ["其中：大气污染防治", "1,200", "散煤治理"],
               ["合计", "11,800", ""]]),
    ]], fmt="pdf")
    _, links = run(doc, linker)
    # the total only: a row would be compared with the filed total by reconciliation and, for a county that filed one
    # row as its total, corroborate it
    assert [l.value for l in only(links, "eco_investment_amount")] == [Decimal("11800")]


def test_table_without_named_caption_has_no_parts(linker: IndicatorLinker) -> None:
    doc = make_doc("财政/预算报告.pdf", [[
        "关于XX县2024年预算的报告",
        "表2 2024年农林水支出安排表（单位：万元）",
        Table([["项目", "2024年预算数"], ["林业", "6,420"], ["合计", "6,420"]]),
    ]], fmt="pdf")
    _, links = run(doc, linker)
    assert not only(links, "eco_investment_amount")


def test_acceptance_report_gives_the_project_area(linker: IndicatorLinker) -> None:
    doc = make_doc("自然资源局/XX县废弃矿山生态修复项目竣工验收报告.pdf", [[
        "竣工验收报告",
        "XX县废弃矿山生态修复项目",
        "一、项目概况：共治理废弃矿山图斑14个，修复治理面积86.5公顷（合1297.5亩），项目总投资1,860万元。",
        "三、验收结论：工程按批复的设计内容全部完成，验收组一致同意该项目通过竣工验收。",
    ]], fmt="pdf", ocr=True)
    dc, links = run(doc, linker)
    assert dc.doc_type == "acceptance_report"
    eco = only(links, "eco_restoration_projects")
    assert {(l.value, l.unit, l.role) for l in eco if l.value is not None} == {(Decimal("86.5"), "公顷", "achieved")}
    assert not [l for l in eco if l.role == "mention"]


def test_name_split_between_row_label_and_column_header(linker: IndicatorLinker) -> None:
    doc = make_doc("自然资源局/地类数据表.xlsx", [[
        "XX县县域土地调查地类数据表（2024年度）",
        Table([
            ["一级地类", "二级地类", "面积（公顷）", "占比"],
            ["林地", "小计", "241,380.25", "75.04%"],
            ["林地", "有林地", "198,240.10", "61.63%"],
            ["建设用地", "小计", "12,138.05", "3.77%"],
            ["合计", "", "319,880.00", "99.45%"],
        ]),
    ]], fmt="xlsx")
    _, links = run(doc, linker)
    forest = {l.value: l for l in only(links, "forest_land_area")}
    assert Decimal("241380.25") in forest and forest[Decimal("241380.25")].rule == "table_row"
    assert forest[Decimal("241380.25")].unit == "公顷"
    # the 有林地 row under 林地 is a part (its own alias), never read as 林地 + 面积 of the whole
    assert all(l.matched != "林地" for l in only(links, "forest_land_area") if l.value == Decimal("198240.10"))
    assert [l.value for l in only(links, "construction_land_area")] == [Decimal("12138.05")]
    assert not [l for l in links if l.value == Decimal("319880.00")]  # 合计 + 面积 names no indicator
    # a row whose second label is a subject of its own is not composed from its first label
    other = make_doc("自然资源局/表2.xlsx", [[
        Table([["地类", "细类", "面积"], ["建设用地", "采矿用地", "1,200.00"]]),
    ]], fmt="xlsx")
    _, links = run(other, linker)
    assert not only(links, "construction_land_area")


def test_dated_site_photo_supports_the_facility(linker: IndicatorLinker) -> None:
    photo = make_doc("住建局/现场照片/IMG_20240816_094231.jpg",
                     [["XX县城污水处理厂", "设计处理规模：1.0万m3/d", "2024-08-16 09:42"]], fmt="image", ocr=True)
    dc, links = run(photo, linker)
    assert dc.doc_type == "other" and dc.subtype == "photo"
    wwtp = [l for l in only(links, "wwtp_operation") if l.rule == "doc_type"]
    assert wwtp and wwtp[0].role == "achieved" and wwtp[0].period_start == date(2024, 8, 16)
    undated = make_doc("住建局/现场照片/IMG_0001.jpg", [["XX县城污水处理厂"]], fmt="image", ocr=True)
    dc, links = run(undated, linker)
    assert dc.subtype == "photo"
    assert [l.role for l in only(links, "wwtp_operation") if l.rule == "doc_type"] == ["mention"]


def test_statistics_row_labelled_with_the_unit_word_alone(linker: IndicatorLinker) -> None:
    doc = make_doc("统计局/统计年鉴摘录.xlsx", [[
        "1-1  XX旗国民经济和社会发展主要指标（2022年）",
        Table([["指标", "单位", "2022年"], ["苏木镇", "个", "8"], ["嘎查村", "个", "96"], ["农作物播种面积", "万亩", "121.4"]]),
    ]], fmt="xlsx")
    _, links = run(doc, linker)
    villages = only(links, "admin_village_count")
    assert [l.value for l in villages] == [Decimal("96")] and villages[0].role in ("achieved", "component")
    assert [l.value for l in only(links, "town_count")] == [Decimal("8")]
    # a village's name is no unit word: "王家村" labels that village's row, not the county's village count
    named = make_doc("农业农村局/整治台账.xlsx", [[
        Table([["村名", "户数"], ["王家村", "96"]]),
    ]], fmt="xlsx")
    _, links = run(named, linker)
    assert not only(links, "admin_village_count")


def test_unit_word_as_column_header_is_not_the_county_count(linker: IndicatorLinker) -> None:
    doc = make_doc("农牧局/整治资金使用情况报告.docx", [[
        "2023年农村牧区人居环境整治资金使用情况报告",
        Table([["序号", "苏木镇", "嘎查（村）", "金额（万元）"], ["1", "巴彦塔拉苏木", "乌兰嘎查", "92.60"],
               ["合计", "", "14个", "1286.40"]]),
    ]])
    _, links = run(doc, linker)
    assert not only(links, "admin_village_count")  # 14 remediated villages, not the county's villages


def test_count_written_with_a_tail_of_what_the_title_counts(linker: IndicatorLinker) -> None:
    doc = make_doc("水利局/水源地台账.pdf", [[
        "苏木镇集中式饮用水水源地基本情况台账",
        "合计：水源地7处，已划定保护区6处（批复文号：云政字[2023]45号）。",
        "填表日期：2023.6.30",
    ]], titles=1)
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "town_water_sources_total")] == [Decimal("7")]
    assert [l.value for l in only(links, "town_water_sources_zoned")] == [Decimal("6")]
    # the same words under a title about something else count nothing
    other = make_doc("水利局/说明.pdf", [["河道管理工作情况说明", "沿线有水源地7处，均已设立界标。"]], titles=1)
    _, links = run(other, linker)
    assert not only(links, "town_water_sources_total")


def test_reported_operating_state_evidences_the_facility_item(linker: IndicatorLinker) -> None:
    doc = make_doc("纪要.docx", [[
        "县人民政府第12次常务会议纪要",
        "2024年6月21日，县长主持召开县人民政府常务会议，专题研究城镇生活污水处理提质增效工作。",
        "会议听取了县城乡水务局的汇报。截至5月底，县城污水处理厂累计处理污水123.6万吨，出水水质稳定达到一级A标准。",
        "会议要求，乡镇污水处理厂要确保出水稳定达到一级B标准。",
    ]])
    _, links = run(doc, linker)
    wwtp = [l for l in only(links, "wwtp_operation") if l.role == "achieved"]
    assert len(wwtp) == 1 and wwtp[0].value is None and "一级A" in wwtp[0].snippet
    assert (wwtp[0].period_start, wwtp[0].period_end) == (date(2024, 1, 1), date(2024, 5, 31))  # 截至5月底


def test_gapped_alias_spans_a_clause_not_a_sentence(linker: IndicatorLinker) -> None:
    doc = make_doc("农牧局/整治资金使用情况报告.docx", [[
        "2023年农村牧区人居环境整治资金使用情况报告",
        "2023年，盟里下达我旗农村牧区环境整治任务嘎查（村）15个。截至2023年底，实际完成整治并通过旗级验收的嘎查（村）14个；"
        "另有1个因施工期冻土影响，结转至2024年实施。",
    ]])
    _, links = run(doc, linker)
    done = only(links, "rural_remediation_villages_completed")
    assert [l.value for l in done] == [Decimal("14")] and done[0].matched.startswith("完成整治并通过")
    # the gap never crosses a clause: "完成整治，…的村" is two statements
    apart = make_doc("说明.docx", [["已完成整治，下一步将扩大到其余的村15个。"]])
    _, links = run(apart, linker)
    assert not only(links, "rural_remediation_villages_completed")


def test_this_years_and_done_columns_win_over_last_year_plan_and_change(linker: IndicatorLinker) -> None:
    budget = make_doc("财政局/决算表.xlsx", [[
        "XX县2024年一般公共预算支出决算表", "单位：万元",
        Table([["科目名称", "上年决算数", "本年决算数", "本年比上年增减%"],
               ["节能环保支出", "14,286.55", "15,904.37", "11.32"],
               ["一般公共预算支出合计", "286,431.50", "301,257.86", "5.18"]]),
    ]], fmt="xlsx")
    _, links = run(budget, linker)
    total = {l.value for l in only(links, "fiscal_total_expenditure") if l.role in ("achieved", "component")}
    assert Decimal("301257.86") in total and Decimal("5.18") not in total
    counted = [l for l in only(links, "fiscal_total_expenditure") if l.value == Decimal("301257.86")]
    assert counted[0].period_start == date(2024, 1, 1)
    done = make_doc("水务局/验收鉴定书.pdf", [[
        "锦溪河小流域水土保持综合治理工程竣工验收鉴定书",
        Table([["项目", "设计", "完成", "完成比例"], ["综合治理面积", "12.60", "12.45", "98.8%"]], caption="治理面积单位：km²"),
    ]])
    _, links = run(done, linker)
    assert [l.value for l in only(links, "soil_erosion_area") if l.value is not None] == [Decimal("12.45")]


def test_done_clause_is_achieved_and_a_later_clause_date_is_not_its_period(linker: IndicatorLinker) -> None:
    doc = make_doc("农业农村局/工作总结.docx", [[
        "关于2024年农村人居环境整治提升工作情况的总结",
        "市里下达我县年度农村环境整治任务二十个行政村，截至十二月底，已完成十八个行政村的环境整治，"
        "剩余两个村因项目用地调整顺延至2025年实施。",
        "二〇二五年一月八日",
    ]], titles=1)
    _, links = run(doc, linker)
    done = only(links, "rural_remediation_villages_completed")
    assert [(l.value, l.role) for l in done] == [(Decimal("18"), "component")]
    assert (done[0].period_start, done[0].period_end) == (date(2024, 1, 1), date(2024, 12, 31))  # not 顺延至2025年


def test_printed_row_under_year_columns_takes_the_latest_year(linker: IndicatorLinker) -> None:
    doc = make_doc("农业农村局/投入品统计表.pdf", [[
        "XX县2025年农业投入品使用情况统计表",
        "指标名称 计量单位 2024年 2025年 增减（%）",
        "化肥施用量（折纯） 吨 12,486.0 12,035.4 -3.6",
        "农药使用量 吨 286.3 271.9 -5.0",
    ]], fmt="pdf")
    _, links = run(doc, linker)
    fert = {l.value: l for l in only(links, "fertilizer_use")}
    assert fert[Decimal("12035.4")].period_start == date(2025, 1, 1)
    assert fert[Decimal("12486.0")].period_start == date(2024, 1, 1)  # last year's column, dated so
    assert Decimal("-3.6") not in fert
    assert {l.value for l in only(links, "pesticide_use")} >= {Decimal("271.9")}


def test_label_line_completed_from_the_title_head(linker: IndicatorLinker) -> None:
    doc = make_doc("农业农村局/台账.jpg", [[
        "XX县规模养殖场粪污资源化利用台账（2025年度）", "合计 28,280 26,131", "综合利用率：92.4%（综合利用量÷粪污产生量）",
    ]], fmt="image", ocr=True, titles=1)
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "livestock_manure_utilization_rate") if l.value] == [Decimal("92.4")]
    other = make_doc("林业局/说明.jpg", [["XX县秸秆利用情况", "综合利用率：88%"]], fmt="image", ocr=True, titles=1)
    _, links = run(other, linker)
    assert not [l for l in only(links, "livestock_manure_utilization_rate") if l.value]


def test_a_name_head_earlier_in_the_sentence_qualifies_a_short_name(linker: IndicatorLinker) -> None:
    doc = make_doc("生态环境局/监测报告.pdf", [[
        "XX县2025年环境质量监测报告",
        "全县3个县级及11个乡镇集中式饮用水水源地按要求开展监测，全年水质达标率100%。",
        "经核查，全年未发生人为因素引发的突发环境事件，全年共发生突发环境事件0起。",
    ]], titles=1)
    _, links = run(doc, linker)
    assert [l.value for l in only(links, "drinking_water_source_quality") if l.value is not None] == [Decimal("100")]
    assert not [l for l in only(links, "section_water_quality_compliance_rate") if l.value is not None]
    assert [l.value for l in only(links, "sudden_env_incidents") if l.value is not None] == [Decimal("0")]

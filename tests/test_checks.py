"""rules/checks.py, rules/scoring.py and rules/gaps.py over hand-built document and evidence records."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

import extract.facts as units
from rules.catalog import load_catalog
from rules.checks import (
    DocInfo,
    check_budget_passed_by_npc,
    check_derived_rates,
    check_drafts_not_evidence,
    check_evidence_in_period,
    check_land_class_sum,
    check_quarterly_minutes,
    check_scans_sealed,
    check_unreadable_files,
    run_checks,
)
from rules.gaps import check_gaps, group_gaps, indicator_gap
from rules.reconcile import Evidence
from rules.scoring import RULE_MISSING, score_indicator

YEAR = 2024


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def doc(path: str, doc_type: str | None, when: date | None = None, **kw) -> DocInfo:
    return DocInfo(path=path, sha256=(path.encode().hex() + "0" * 64)[:64], doc_type=doc_type, doc_date=when, **kw)


def link(indicator: str, value: str, unit: str, path: str, when: date = date(2024, 12, 31), role: str = "achieved",
         draft: bool = False) -> Evidence:
    got = units.to_canonical(D(value), unit)
    return Evidence(indicator_id=indicator, path=path, sha256=(path.encode().hex() + "0" * 64)[:64], page=1,
                    block_id=f"{path}/b1", role=role, value=D(value), unit=unit, canonical=got[0] if got else None,
                    canonical_unit=got[1] if got else None, doc_date=when, draft=draft)


MINUTES = [
    doc("政府办/一季度常委会纪要.pdf", "meeting_minutes", date(2024, 3, 12), title="县委常委会会议纪要",
        text_hint="会议研究部署生态环境保护和污染防治攻坚战工作"),
    doc("政府办/二季度常务会议纪要.docx", "meeting_minutes", date(2024, 5, 20), title="县政府常务会议纪要",
        text_hint="研究中央生态环境保护督察反馈问题整改"),
    doc("政府办/四季度纪要.pdf", "meeting_minutes", date(2024, 11, 2), title="县委常委会会议纪要",
        text_hint="听取生态环境保护工作汇报"),
]


def test_missing_q3_minutes_and_convening_notice_ignored():
    notice = doc("政府办/关于召开三季度生态环境保护工作会议的通知.pdf", "meeting_minutes", date(2024, 8, 1),
                 title="关于召开全县生态环境保护工作会议的通知", text_hint="定于8月10日召开生态环境保护工作会议")
    notice_typed = doc("政府办/通知.pdf", "notice", date(2024, 8, 5), title="会议通知")
    off_topic = doc("政府办/三季度常务会议纪要.pdf", "meeting_minutes", date(2024, 8, 20), title="县政府常务会议纪要",
                    text_hint="研究招商引资和教育经费安排")
    r = check_quarterly_minutes(MINUTES + [notice, notice_typed, off_topic], [], YEAR)
    assert r.status == "fail"
    assert r.missing == ("Q3",)
    assert "第三季度" in r.message
    assert set(r.paths) == {d.path for d in MINUTES}


def test_all_quarters_present_passes_and_other_years_do_not_count():
    q3 = doc("政府办/三季度纪要.pdf", "meeting_minutes", date(2024, 8, 20), title="县委常委会会议纪要",
             text_hint="研究河长制和生态环境保护")
    assert check_quarterly_minutes(MINUTES + [q3], [], YEAR).status == "pass"
    old_q3 = doc("政府办/2023三季度纪要.pdf", "meeting_minutes", date(2023, 8, 20), text_hint="生态环境保护")
    assert check_quarterly_minutes(MINUTES + [old_q3], [], YEAR).missing == ("Q3",)
    draft_q3 = doc("政府办/纪要讨论稿.pdf", "meeting_minutes", date(2024, 8, 20), text_hint="生态环境", draft=True)
    assert check_quarterly_minutes(MINUTES + [draft_q3], [], YEAR).missing == ("Q3",)


def test_budget_passed_by_npc():
    report = doc("财政局/预算执行报告.pdf", "budget_document", date(2024, 1, 10))
    resolution = doc("财政局/人大决议.pdf", "budget_document", date(2024, 1, 18), npc_passed=True)
    assert check_budget_passed_by_npc([report, resolution], YEAR).status == "pass"
    r = check_budget_passed_by_npc([report], YEAR)
    assert r.status == "fail" and r.missing == ("npc_budget_resolution",)
    old = doc("财政局/2023人大决议.pdf", "budget_document", date(2023, 1, 15), npc_passed=True)
    assert check_budget_passed_by_npc([old], YEAR).status == "fail"
    assert check_budget_passed_by_npc([], YEAR).status == "fail"


def test_scans_sealed_and_unreadable_files():
    sealed = doc("水利局/验收.pdf", "acceptance_report", date(2024, 6, 1), ocr_pages=2, pages=2, seal_pages=(2,))
    unsealed = doc("财政局/拨付通知.pdf", "notice", date(2024, 6, 1), ocr_pages=1, pages=1)
    statement = doc("应急局/情况说明.jpg", "other", date(2024, 6, 1), format="image", subtype="situation_statement")
    text_pdf = doc("财政局/通知.pdf", "notice", date(2024, 6, 1), pages=1)  # text layer: e-copy, no scan to judge
    r = check_scans_sealed([sealed, unsealed, statement, text_pdf])
    assert r.status == "fail" and set(r.paths) == {unsealed.path, statement.path}
    assert check_scans_sealed([sealed, text_pdf]).status == "pass"
    broken = DocInfo(path="财政局/坏.pdf", sha256="", status="error", error="PDF 文件已损坏")
    r = check_unreadable_files([sealed, broken])
    assert r.status == "fail" and r.paths == ("财政局/坏.pdf",) and "已损坏" in r.message
    assert check_unreadable_files([sealed]).status == "pass"


def test_land_class_sum(catalog):
    table = "自然资源局/土地利用现状.xlsx"
    classes = {"forest_land_area": ("1200", "平方公里"), "grassland_area": ("300", "平方公里"),
               "water_wetland_area": ("50", "平方公里"), "cropland_area": ("25000", "公顷"),
               "construction_land_area": ("80", "平方公里"), "unused_land_area": ("20", "平方公里")}
    evs = [link(k, v, u, table) for k, (v, u) in classes.items()]
    ok = check_land_class_sum({}, evs + [link("county_land_area", "1900", "平方公里", table)], catalog, units, YEAR)
    assert ok.status == "pass", ok.message  # 1200+300+50+250(25000 ha)+80+20 = 1900 km²
    bad = check_land_class_sum({}, evs + [link("county_land_area", "2100", "平方公里", table)], catalog, units, YEAR)
    assert bad.status == "fail" and table in bad.paths and "200" in bad.message
    missing = check_land_class_sum({}, [], catalog, units, YEAR)
    assert missing.status == "warn"
    sub = {"county_land_area": (D("1900"), "平方公里"), "forest_land_area": (D("1500"), "平方公里"),
           "grassland_area": (D("600"), "平方公里")}
    assert check_land_class_sum(sub, [], catalog, units, YEAR).status == "fail"  # classes exceed the county


def test_derived_rates(catalog):
    over = check_derived_rates({"urban_sewage_treatment_rate": (D("102.3"), "%")}, [], catalog, units, YEAR)
    assert over.status == "fail" and "超过 100%" in over.message
    sub = {"urban_msw_harmless_rate": (D("95"), "%"), "msw_harmless_treated": (D("3.4"), "万吨"),
           "msw_generated": (D("3.2"), "万吨")}
    r = check_derived_rates(sub, [], catalog, units, YEAR)
    assert r.status == "fail" and "分子" in r.message
    evs = [link("msw_harmless_treated", "30400", "吨", "城管局/台账.xlsx"),
           link("msw_generated", "32000", "吨", "城管局/台账.xlsx")]
    good = check_derived_rates({"urban_msw_harmless_rate": (D("95"), "%")}, evs, catalog, units, YEAR)
    assert good.status == "pass" and "复算 95" in good.message
    wrong = check_derived_rates({"urban_msw_harmless_rate": (D("99"), "%")}, evs, catalog, units, YEAR)
    assert wrong.status == "fail"


def test_evidence_in_period_and_drafts(catalog):
    old = link("gdp", "85.2", "亿元", "统计局/2022统计公报.pdf", when=date(2022, 3, 1))
    target = link("gdp", "90", "亿元", "发改局/规划.pdf", when=date(2019, 1, 1), role="target")
    r = check_evidence_in_period([old, target], catalog, YEAR)
    assert r.status == "fail" and r.paths == ("统计局/2022统计公报.pdf",)
    draft = doc("生态环境分局/方案征求意见稿.docx", "plan", date(2024, 4, 1), draft=True)
    d = check_drafts_not_evidence([draft, MINUTES[0]], [])
    assert d.status == "warn" and d.paths == (draft.path,)
    assert check_drafts_not_evidence(MINUTES, []).status == "pass"


def test_run_checks_order_and_gaps(catalog):
    results = run_checks(MINUTES, [], {}, catalog, units, YEAR)
    assert [c.id for c in results] == ["quarterly_minutes", "evidence_in_period", "budget_passed_by_npc",
                                       "scans_sealed", "unreadable_files", "land_class_sum", "drafts_not_evidence",
                                       "derived_rates"]
    pairs = []
    for c in results:
        pairs.extend(check_gaps(c, lambda p: p.split("/")[0]))
    groups = {g["department"]: g for g in group_gaps(pairs)}
    minutes = groups["政府办公室"]["items"][0]
    assert minutes["id"] == "quarterly_minutes" and "第三季度" in minutes["needed"]
    assert "budget_document" in groups["财政局"]["items"][0]["needed"]


def test_indicator_gap_names_needed_evidence(catalog):
    ind = catalog.get("eco_investment_amount")
    gap = indicator_gap(ind, ind.id, ind.name, "no_evidence", "2024年")
    assert gap is not None and gap.needed.startswith("需提供：") and "budget_document" in gap.needed
    assert indicator_gap(ind, ind.id, ind.name, "corroborated", "2024年") is None


def test_scoring_refuses_unknown_rules(catalog):
    ind = catalog.get("urban_sewage_treatment_rate")
    s = score_indicator(ind, "corroborated", D("95"))
    assert not s.scored and s.score is None and s.reason.startswith(RULE_MISSING)
    assert not score_indicator(ind, "mismatch", D("95")).scored
    known = catalog.get("rural_sewage_treatment_rate")  # a recorded counting rule, but no points
    s = score_indicator(known, "corroborated", D("70"))
    assert not s.scored and RULE_MISSING in s.reason
    assert not score_indicator(catalog.get("delta_ei"), "corroborated", D("1.2")).scored


def test_scoring_uses_thresholds_only_when_a_pack_gives_them():
    from rules.catalog import Scoring

    class Ind:
        kind = "rate"
        scoring = Scoring(known=True, rule={"type": "thresholds", "levels": [{"at_least": "95", "points": "0.2"},
                                                                             {"at_least": "85", "points": "0.1"}]},
                          note="")  # type: ignore[arg-type]

    assert score_indicator(Ind(), "corroborated", D("96")).score == D("0.2")
    assert score_indicator(Ind(), "corroborated", D("90")).score == D("0.1")
    assert score_indicator(Ind(), "corroborated", D("80")).score == D("0")


def test_land_table_with_class_subtotals_and_subclasses(catalog):
    table = "自然资源局/地类数据表.xlsx"
    rows = [("forest_land_area", "198240.1"), ("forest_land_area", "31520.05"), ("forest_land_area", "11620.1"),
            ("water_wetland_area", "6316"), ("water_wetland_area", "4210.4"), ("water_wetland_area", "2105.6"),
            ("grassland_area", "23640.1"), ("cropland_area", "28915.6"), ("construction_land_area", "12138.05"),
            ("unused_land_area", "7490")]
    evs = [link(i, v, "公顷", table) for i, v in rows] + [link("county_land_area", "3216.5", "平方公里", table)]
    r = check_land_class_sum({}, evs, catalog, units, YEAR)
    # 林地 = 有林地 + 灌木林地 + 其他林地 (no 小计 row linked); 水域湿地 小计 = 河流 + 湖库: total 3,198.8 km²
    assert r.status == "fail" and "3,198.8" in r.message and "林地" in r.message and "17.7" in r.message


def test_mismatch_gap_carries_the_difference(catalog):
    ind = catalog.get("fertilizer_use")
    gap = indicator_gap(ind, ind.id, ind.name, "mismatch", "2024年", "填报 5,200 t，材料 4,860吨")
    assert gap is not None and "4,860吨" in gap.needed and "monitoring_report" in gap.needed
    unresolved = indicator_gap(None, None, "办公用品采购数量", "unresolved", "2024年")
    assert unresolved is not None and unresolved.id == "办公用品采购数量" and "无法识别" in unresolved.needed


def test_evidence_in_period_uses_the_documents_reporting_period_over_its_date(catalog):
    # a "2023年…情况报告" dated 2024 whose bound figure mentions 2024 ("结转至2024年实施") is a 2023 document
    report_path = "农牧局/2023年农村牧区人居环境整治资金使用情况报告.docx"
    report = doc(report_path, "budget_document", date(2024, 1, 20), title="云岭旗2023年农村牧区人居环境整治资金使用情况报告",
                 period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))
    carried = Evidence(**{**link("town_count", "1", "个", report_path, when=date(2024, 1, 20)).__dict__,
                          "period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)})
    # a yearbook titled 2023 whose tables report on 2022
    book_path = "统计局/统计年鉴2023（主要指标摘录）.xlsx"
    book = doc(book_path, "monitoring_report", None, title="1-1 主要指标（2022年）", period_start=date(2022, 1, 1),
               period_end=date(2022, 12, 31))
    gdp = Evidence(**{**link("gdp", "86.73", "亿元", book_path).__dict__, "doc_date": None,
                      "period_start": date(2022, 1, 1), "period_end": date(2022, 12, 31)})
    # no reporting period known: the title year decides
    untitled_path = "财政局/情况说明.docx"
    untitled = doc(untitled_path, "other", date(2024, 2, 1), title="关于2023年度考核工作经费使用情况的说明")
    funding = Evidence(**{**link("assessment_funding", "15", "万元", untitled_path, when=date(2024, 2, 1)).__dict__,
                          "period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)})
    r = check_evidence_in_period([carried, gdp, funding], catalog, 2023, [report, book, untitled])
    assert r.status == "fail" and r.paths == (book_path,)
    # without document records the figures' own periods decide, as before
    assert set(check_evidence_in_period([carried, gdp], catalog, 2023).paths) == {report_path, book_path}


def test_a_plan_in_force_is_not_an_out_of_period_document(catalog):
    path = "住建局/三年行动实施方案（2023—2025年）.docx"
    plan = doc(path, "plan", date(2023, 4, 20), title="城镇生活污水处理提质增效三年行动实施方案（2023—2025年）",
               period_start=date(2023, 1, 1), period_end=date(2025, 12, 31))
    baseline = Evidence(**{**link("urban_sewage_treatment_rate", "93.1", "%", path).__dict__,
                           "period_start": date(2022, 1, 1), "period_end": date(2022, 12, 31)})
    assert check_evidence_in_period([baseline], catalog, YEAR, [plan]).status == "pass"
    bulletin_path = "统计局/2023年统计公报.pdf"
    bulletin = doc(bulletin_path, "monitoring_report", date(2024, 3, 28), title="青川县2023年国民经济和社会发展统计公报",
                   period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))
    gdp = link("gdp", "86.42", "亿元", bulletin_path, when=date(2024, 3, 28))
    gdp = Evidence(**{**gdp.__dict__, "period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31)})
    r = check_evidence_in_period([baseline, gdp], catalog, YEAR, [plan, bulletin])
    assert r.status == "fail" and r.paths == (bulletin_path,) and "地区生产总值" in r.message


def test_title_years_and_document_spans():
    from rules.periods import document_in_window, evaluation_window, reporting_span, title_year_span

    assert title_year_span("云岭旗2023年农村牧区人居环境整治资金使用情况报告") == (date(2023, 1, 1), date(2023, 12, 31))
    assert title_year_span("关于2023年预算执行情况和2024年预算的报告") == (date(2023, 1, 1), date(2024, 12, 31))
    assert title_year_span("关于2023年度考核工作经费的说明") == (date(2023, 1, 1), date(2023, 12, 31))
    assert title_year_span("会议纪要") is None and title_year_span(None) is None
    assert reporting_span(date(2022, 1, 1), date(2022, 12, 31), "统计年鉴2023") == (date(2022, 1, 1), date(2022, 12, 31))
    assert reporting_span(None, None, "无年份标题") is None
    window = evaluation_window("evaluation_year", 2024)
    assert document_in_window((date(2023, 1, 1), date(2025, 12, 31)), window) is True
    assert document_in_window((date(2023, 1, 1), date(2023, 12, 31)), window) is False
    assert document_in_window((date(2025, 1, 20), date(2025, 1, 20)), window) is True  # compiled early next year
    assert document_in_window((None, None), window) is None


def test_document_counts_give_the_quarters_with_minutes():
    from rules.checks import document_counts

    counts = document_counts(MINUTES, [], YEAR)
    value, what = counts["party_gov_joint_eco_protection"]
    assert value == 3 and "缺少第三季度" in what
    assert document_counts([], [], YEAR)["party_gov_joint_eco_protection"][0] == 0


def test_budget_only_gap_asks_for_actual_figures(catalog):
    ind = catalog.get("eco_investment_amount")
    gap = indicator_gap(ind, ind.id, ind.name, "no_evidence", "2024年", None,
                        ["仅有预算数，缺少决算/执行数（预算数不是实际支出，不能佐证）：财政局/纪要.pdf 第1页 12万元"])
    assert gap is not None and "决算" in gap.needed and "预算数（安排数）不能佐证" in gap.needed
    plain = indicator_gap(ind, ind.id, ind.name, "no_evidence", "2024年")
    assert plain is not None and "budget_document" in plain.needed


def test_derived_rates_recompute_from_actual_figures_not_the_budget(catalog):
    def fig(iid: str, value: str, unit: str, path: str, snippet: str, subtype: str) -> Evidence:
        base = link(iid, value, unit, path)
        return Evidence(**{**base.__dict__, "role": "component", "doc_type": "budget_document", "subtype": subtype,
                           "snippet": snippet, "block_id": f"{path}/{iid}"})

    evs = [fig("eco_investment_amount", "186354200", "元", "财政局/决算表.pdf", "生态环境保护与治理支出合计 … 决算数: 186,354,200",
               "budget_report"),
           fig("fiscal_total_expenditure", "2416800000", "元", "财政局/决算表.pdf", "一般公共预算支出合计 … 决算数: 2,416,800,000",
               "budget_report"),
           fig("eco_investment_amount", "1.28", "亿元", "财政局/决议.docx", "支出安排23.50亿元，其中节能环保支出1.28亿元",
               "npc_budget_resolution"),
           fig("fiscal_total_expenditure", "23.50", "亿元", "财政局/决议.docx", "支出安排23.50亿元，其中节能环保支出1.28亿元",
               "npc_budget_resolution")]
    good = check_derived_rates({"eco_investment_share": (D("7.71"), "%")}, evs, catalog, units, 2024)
    assert good.status == "pass" and "复算 7.71" in good.message
    # with the budget figures alone (no 决算) the 人大 budget stands in: 1.28 ÷ 23.50 = 5.45 %
    alone = check_derived_rates({"eco_investment_share": (D("5.45"), "%")}, evs[2:], catalog, units, 2024)
    assert alone.status == "pass" and "复算 5.45" in alone.message

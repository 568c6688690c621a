"""rules/reconcile.py: statuses over hand-built evidence records, with the real catalog and unit converter."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

import extract.facts as units
from rules.catalog import load_catalog
from rules.reconcile import (
    Evidence,
    SubmittedValue,
    evaluate_formula,
    evaluation_window,
    figure_nature,
    is_ratio_formula,
    reconcile_indicator,
    span_in_window,
)

YEAR = 2024


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def ev(indicator: str, value: str | None, unit: str | None, *, role: str = "achieved",
       when: date | None = date(2024, 12, 31),
       period: tuple[date, date] | None = None, path: str = "部门/材料.pdf", score: float = 0.9, draft: bool = False,
       subtype: str | None = None, block: str = "b1") -> Evidence:
    canonical = units.to_canonical(D(value), unit) if value is not None and unit else None
    return Evidence(indicator_id=indicator, path=path, sha256=path.encode().hex()[:64].ljust(64, "0"), page=1,
                    block_id=f"{path}/{block}", role=role, value=D(value) if value is not None else None, unit=unit,
                    canonical=canonical[0] if canonical else None, canonical_unit=canonical[1] if canonical else None,
                    period_start=period[0] if period else None, period_end=period[1] if period else None,
                    doc_date=when, doc_type="ledger", subtype=subtype, draft=draft, snippet=f"{value}{unit or ''}",
                    score=score)


def run(catalog, indicator: str, value: str | None, unit: str | None, evidence: list[Evidence], raw: str = ""):
    ind = catalog.get(indicator)
    by_id: dict[str, list[Evidence]] = {}
    for e in evidence:
        by_id.setdefault(e.indicator_id, []).append(e)
    sub = SubmittedValue(indicator, D(value) if value is not None else None, unit, raw or (value or ""))
    return reconcile_indicator(ind, sub, by_id.get(indicator, []), YEAR, units, catalog, by_id)


def test_unit_trap_wan_tonnes_vs_tonnes_corroborates(catalog):
    r = run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "32000", "吨")])
    assert r.status == "corroborated"
    assert r.evidence[0].agrees is True and r.difference is None


def test_rounded_submission_within_written_digits(catalog):
    # 3.2万吨 written with one decimal stands for 31,500–32,499 t
    assert run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "32180", "吨")]).status == "corroborated"
    assert run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "33000", "吨")]).status == "mismatch"


def test_mismatch_shows_both_values_and_difference(catalog):
    r = run(catalog, "fertilizer_use", "5200", "吨", [ev("fertilizer_use", "4860", "吨")])
    assert r.status == "mismatch"
    assert "5,200" in r.difference and "4,860" in r.difference and "340" in r.difference


def test_out_of_period_when_only_last_years_evidence(catalog):
    r = run(catalog, "built_up_area", "12.5", "平方公里",
            [ev("built_up_area", "12.5", "平方公里", when=date(2024, 3, 1), period=(date(2023, 1, 1), date(2023, 12, 31)))])
    assert r.status == "out_of_period"
    assert any("评价期外" in n for n in r.notes)


def test_no_evidence(catalog):
    r = run(catalog, "town_count", "12", "个", [])
    assert r.status == "no_evidence" and r.evidence == ()


def test_target_link_never_corroborates(catalog):
    target = ev("urban_sewage_treatment_rate", "95", "%", role="target", path="住建局/实施方案.pdf")
    task = ev("urban_sewage_treatment_rate", "95", "%", role="task", path="住建局/任务.pdf")
    r = run(catalog, "urban_sewage_treatment_rate", "95", "%", [target, task])
    assert r.status == "no_evidence"
    assert all(not u.counted for u in r.evidence)
    assert any("目标值" in (u.note or "") for u in r.evidence)


def test_drafts_self_check_and_info_table_never_corroborate(catalog):
    items = [ev("msw_generated", "32000", "吨", draft=True, path="a/征求意见稿.docx"),
             ev("msw_generated", "3.2", "万吨", subtype="self_check_report", path="b/自查报告.docx"),
             ev("msw_generated", "3.2", "万吨", subtype="info_table", path="c/信息表.xlsx")]
    r = run(catalog, "msw_generated", "3.2", "万吨", items)
    assert r.status == "no_evidence"


def test_undated_evidence_withholds_corroboration(catalog):
    r = run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "32000", "吨", when=None)])
    assert r.status != "corroborated"


def test_counts_are_exact(catalog):
    assert run(catalog, "town_count", "12", "个", [ev("town_count", "12", "个")]).status == "corroborated"
    r = run(catalog, "town_count", "12", "个", [ev("town_count", "13", "个")])
    assert r.status == "mismatch" and "13" in r.difference


def test_derived_share_recomputed_from_components(catalog):
    amount = ev("eco_investment_amount", "29094", "万元", path="财政局/预算执行.pdf")
    total = ev("fiscal_total_expenditure", "144249", "万元", path="财政局/决算.pdf", block="b2")
    ok = run(catalog, "eco_investment_share", "20.17", "%", [amount, total])
    assert ok.status == "corroborated"
    assert ok.recomputed is not None and abs(ok.recomputed - D("20.169")) < D("0.01")
    assert any("复算" in n for n in ok.notes)
    bad = run(catalog, "eco_investment_share", "25", "%", [amount, total])
    assert bad.status == "mismatch" and "复算" in bad.difference


def test_derived_rate_with_unit_conversion(catalog):
    treated = ev("urban_sewage_treated_compliant", "9200", "万吨", block="t")
    discharged = ev("urban_sewage_discharge_total", "10000", "万吨", block="d")
    assert catalog.get("urban_sewage_treatment_rate").inputs == ("urban_sewage_treated_compliant",
                                                                   "urban_sewage_discharge_total")
    assert run(catalog, "urban_sewage_treatment_rate", "92", "%", [treated, discharged]).status == "corroborated"
    assert run(catalog, "urban_sewage_treatment_rate", "96.5", "%", [treated, discharged]).status == "mismatch"


def test_disagreeing_evidence_is_noted(catalog):
    strong = ev("msw_generated", "32000", "吨", path="城管局/台账.xlsx", score=0.95)
    weak = ev("msw_generated", "35000", "吨", path="城管局/总结.docx", score=0.6)
    r = run(catalog, "msw_generated", "3.2", "万吨", [strong, weak])
    assert r.status == "corroborated"
    assert any("不一致" in n and "35,000" in n for n in r.notes)
    # when the stronger evidence disagrees, the value is not corroborated
    r2 = run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "32000", "吨", score=0.5, path="x/a.docx"),
                                                      ev("msw_generated", "35000", "吨", score=0.95, path="x/b.pdf")])
    assert r2.status == "mismatch"


def test_authoritative_document_outranks_a_figure_quoted_in_minutes(catalog):
    ledger = ev("livestock_manure_utilization_rate", "91.03", "%", path="农业农村局/粪污台账.xlsx", score=0.6)
    minutes = Evidence(**{**ledger.__dict__, "path": "政府办/纪要.docx", "value": D("90"), "canonical": D("90"),
                          "doc_type": "meeting_minutes", "score": 0.9, "block_id": "m1",
                          "snippet": "确保全年畜禽粪污综合利用率稳定在90%"})
    r = run(catalog, "livestock_manure_utilization_rate", "91.03", "%", [ledger, minutes])
    assert r.status == "corroborated" and any("不一致" in n for n in r.notes)
    # the same figures from two documents of the expected type: the stronger one decides
    other_ledger = Evidence(**{**minutes.__dict__, "doc_type": "ledger"})
    assert run(catalog, "livestock_manure_utilization_rate", "91.03", "%", [ledger, other_ledger]).status == "mismatch"


def test_recomputation_overrides_a_quoted_figure_but_vetoes_when_it_disagrees(catalog):
    quoted = Evidence(**{**ev("air_good_days_ratio", "94", "%").__dict__, "doc_type": "meeting_minutes"})
    good = ev("air_good_days", "343", "天", block="g", period=(date(2023, 10, 1), date(2024, 9, 30)))
    valid = ev("air_valid_days", "362", "天", block="v", period=(date(2023, 10, 1), date(2024, 9, 30)))
    assert run(catalog, "air_good_days_ratio", "94.75", "%", [quoted, good, valid]).status == "corroborated"
    direct = Evidence(**{**quoted.__dict__, "value": D("97"), "canonical": D("97"), "doc_type": "monitoring_report"})
    r = run(catalog, "air_good_days_ratio", "97", "%", [direct, good, valid])
    assert r.status == "mismatch" and "复算值" in r.difference


def test_wrong_number_of_two_in_one_sentence_is_not_a_disagreement(catalog):
    right = ev("fiscal_total_expenditure", "286540", "万元", path="财政局/预算报告.pdf", score=0.7)
    wrong = Evidence(**{**right.__dict__, "path": "财政局/人大决议.pdf", "value": D("68320"), "canonical": D("683200000"),
                        "score": 0.8, "block_id": "w",
                        "snippet": "一般公共预算收入完成68,320万元，一般公共预算支出完成286,540"})
    r = run(catalog, "fiscal_total_expenditure", "28.654", "亿元", [right, wrong])
    assert r.status == "corroborated"
    alone = run(catalog, "fiscal_total_expenditure", "28.654", "亿元", [wrong])
    assert alone.status == "no_evidence"  # never corroborated from an unbound number in a sentence
    assert any("人工核对" in n for n in alone.notes)


def test_known_inputs_from_corroborated_rows_feed_the_recomputation(catalog):
    amounts = [ev("eco_investment_amount", "18960", "万元", block="a1"),
               ev("eco_investment_amount", "22420", "万元", block="a2")]
    ind = catalog.get("eco_investment_share")
    sub = SubmittedValue(ind.id, D("7.82"), "%", "7.82")
    by_id = {"eco_investment_amount": amounts}
    assert reconcile_indicator(ind, sub, [], YEAR, units, catalog, by_id).status == "no_evidence"
    known = {"eco_investment_amount": D("22420"), "fiscal_total_expenditure": D("286540")}
    assert reconcile_indicator(ind, sub, [], YEAR, units, catalog, by_id, known).status == "corroborated"


def test_stale_figure_from_last_year_is_out_of_period_and_flagged(catalog):
    old = ev("gdp", "86.42", "亿元", when=date(2024, 3, 28), period=(date(2023, 1, 1), date(2023, 12, 31)))
    r = run(catalog, "gdp", "86.42", "亿元", [old])
    assert r.status == "out_of_period" and any("沿用往年" in n for n in r.notes)


def test_incompatible_units_are_not_compared(catalog):
    r = run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "32000", "元")])
    assert r.status == "no_evidence"


def test_unparseable_submission_is_not_corroborated(catalog):
    r = run(catalog, "msw_generated", None, "万吨", [ev("msw_generated", "32000", "吨")], raw="约三万吨")
    assert r.status == "mismatch" and "不是数值" in r.difference


def test_monitoring_window_oct_to_sep():
    w = evaluation_window("monitoring_window_oct_sep", 2024)
    assert (w.start, w.end) == (date(2023, 10, 1), date(2024, 9, 30))
    assert span_in_window(date(2023, 11, 5), date(2023, 11, 5), w, "monitoring_window_oct_sep")
    # a point date shortly after the window is the compilation date of that window's report
    assert span_in_window(date(2024, 10, 15), date(2024, 10, 15), w, "monitoring_window_oct_sep")
    assert not span_in_window(date(2025, 3, 1), date(2025, 3, 1), w, "monitoring_window_oct_sep")
    year = evaluation_window("evaluation_year", 2024)
    assert span_in_window(date(2025, 1, 9), date(2025, 1, 9), year, "evaluation_year")
    assert not span_in_window(date(2025, 6, 1), date(2025, 6, 1), year, "evaluation_year")
    assert not span_in_window(date(2023, 12, 20), date(2023, 12, 20), year, "evaluation_year")
    assert span_in_window(date(2024, 1, 1), date(2024, 12, 31), w, "monitoring_window_oct_sep")  # 9 of 12 months
    assert not span_in_window(date(2023, 1, 1), date(2023, 12, 31), w, "monitoring_window_oct_sep")
    assert span_in_window(None, None, w, "evaluation_year") is None


def test_multi_year_plan_in_force():
    w = evaluation_window("multi_year", 2024)
    assert span_in_window(date(2021, 1, 1), date(2025, 12, 31), w, "multi_year")
    assert not span_in_window(date(2015, 1, 1), date(2015, 12, 31), w, "multi_year")


def test_formula_evaluation_refuses_prose():
    assert evaluate_formula("a / b * 100", {"a": D(1), "b": D(4)}) == D(25)
    assert evaluate_formula("a / b * 100", {"a": D(1), "b": D(0)}) is None
    assert evaluate_formula("local.x / b * 100 where x = 地膜", {"b": D(1)}) is None
    assert evaluate_formula("sum over the five management groups (point allocation not known)", {}) is None
    assert is_ratio_formula("air_good_days / air_valid_days * 100") == ("air_good_days", "air_valid_days")


def test_qualitative_answer_needs_final_in_period_evidence(catalog):
    accepted = ev("eco_restoration_projects", None, None, when=date(2024, 9, 12), path="自然资源局/竣工验收报告.pdf")
    assert run(catalog, "eco_restoration_projects", None, None, [accepted], raw="已完成").status == "corroborated"
    old = ev("eco_restoration_projects", None, None, when=date(2022, 9, 12), path="自然资源局/2022验收.pdf")
    assert run(catalog, "eco_restoration_projects", None, None, [old], raw="已完成").status == "out_of_period"
    plan = ev("eco_restoration_projects", None, None, role="target", path="自然资源局/方案.pdf")
    assert run(catalog, "eco_restoration_projects", None, None, [plan], raw="已完成").status == "no_evidence"


def test_empty_submission_is_never_corroborated(catalog):
    r = run(catalog, "msw_generated", None, "万吨", [ev("msw_generated", "32000", "吨")])
    assert r.status == "no_evidence" and "未填报数值" in r.notes


def test_approximate_and_change_values_neither_corroborate_nor_contradict(catalog):
    about = Evidence(**{**ev("msw_generated", "32000", "吨").__dict__, "approx": True})
    r = run(catalog, "msw_generated", "3.2", "万吨", [about])
    assert r.status == "no_evidence" and "约数" in (r.evidence[0].note or "")
    change = Evidence(**{**ev("air_good_days_ratio", "2.3", "%").__dict__, "flags": ("change_points",)})
    assert run(catalog, "air_good_days_ratio", "92.4", "%", [change]).status == "no_evidence"


def test_the_submission_itself_never_corroborates_even_unclassified(catalog):
    for name in ("生态环境分局/青川县2024年自查报告.pdf", "生态环境分局/指标填报表（汇总）.xlsx", "a/填报信息表.docx"):
        r = run(catalog, "msw_generated", "3.2", "万吨", [ev("msw_generated", "3.2", "万吨", path=name)])
        assert r.status == "no_evidence", name


# ---- budgeted vs actual figures (evidence-types.md §2) --------------------------------------------------------

def fiscal(indicator: str, value: str, unit: str, snippet: str, *, path: str, subtype: str | None = None,
           doc_type: str = "budget_document", title: str | None = None, when: date = date(2024, 3, 1),
           score: float = 0.8, block: str = "b1") -> Evidence:
    got = units.to_canonical(D(value), unit)
    assert got is not None
    return Evidence(indicator_id=indicator, path=path, sha256=path.encode().hex()[:64].ljust(64, "0"), page=1,
                    block_id=f"{path}/{block}", role="component", value=D(value), unit=unit, canonical=got[0],
                    canonical_unit=got[1], period_start=date(YEAR, 1, 1), period_end=date(YEAR, 12, 31),
                    doc_date=when, doc_type=doc_type, subtype=subtype, snippet=snippet, score=score, title=title)


@pytest.mark.parametrize("snippet, value, extra, nature", [
    ("2024年全县一般公共预算支出安排23.50亿元，其中节能环保支出1.28亿元", "1.28", {}, "budgeted"),
    ("2024年全县一般公共预算支出安排23.50亿元，其中节能环保支出1.28亿元", "23.50", {}, "budgeted"),
    ("2023年全县一般公共预算支出完成271,860万元，其中节能环保支出17,230万元", "17230", {}, "actual"),
    ("生态环境保护与治理支出合计 … 决算数: 186,354,200.00", "186354200", {}, "actual"),
    ("生态环境保护与治理投入 … 2024年预算数: 22,420", "22420", {}, "budgeted"),
    ("节能环保支出预算1.28亿元", "1.28", {}, "budgeted"),
    ("年初预算18,000万元，调整预算19,500万元，执行数18,635.42万元", "18000", {}, "budgeted"),
    ("年初预算18,000万元，调整预算19,500万元，执行数18,635.42万元", "19500", {}, "budgeted"),
    ("年初预算18,000万元，调整预算19,500万元，执行数18,635.42万元", "18635.42", {}, "actual"),
    ("全年累计支出生态环保资金3,200万元", "3200", {}, "actual"),
    ("会议同意安排2024年考核工作经费12万元，由县财政局按程序拨付", "12", {}, "budgeted"),
    ("186,354,200元（决算数）", "186354200", {}, "actual"),
    ("一般公共预算支出 … 合计: 2,416,800,000", "2416800000", {"title": "云岭旗2023年一般公共预算支出决算表"}, "actual"),
    ("一般公共预算支出 … 金额: 2,416,800,000", "2416800000", {"title": "关于批复2024年部门预算的通知"}, "budgeted"),
    ("金额（大写） … 户名: 人民币壹拾伍万元整", "150000", {"doc_type": "payment_voucher"}, "actual"),
    ("其他节能环保支出（考核工作经费） … 金额: 120,000.00", "120000", {"subtype": "budget_approval"}, "budgeted"),
    ("一般公共预算支出24.17亿元", "24.17", {}, "unknown"),
    ("一般公共预算支出 … 2024年: 800", "800", {"column_header": "预算数"}, "budgeted"),
    ("一般公共预算：2,416,800,000", "2416800000", {}, "unknown"),
    ("全年预计完成生态环保投入2,100万元", "2100", {}, "budgeted"),
    ("年初安排1,500万元，实际拨付1,420万元", "1420", {}, "actual"),
    ("年初安排1,500万元，实际拨付1,420万元", "1500", {}, "budgeted"),  # the account's name, not a budget figure
    ("合计 … 金额: 2,416,800,000", "2416800000", {"title": "某县2023年一般公共预算收支表"}, "unknown"),
    ("合计 … 金额: 2,416,800,000", "2416800000", {"title": "某县2024年一般公共预算草案"}, "budgeted"),
])
def test_figure_nature_from_sentence_header_and_document(snippet, value, extra, nature):
    assert figure_nature(snippet, D(value), **extra) == nature


def test_actual_figures_outrank_budgeted_ones_which_neither_corroborate_nor_contradict(catalog):
    final = fiscal("eco_investment_amount", "186354200", "元", "生态环境保护与治理支出合计 … 决算数: 186,354,200.00",
                   path="财政局/2024年一般公共预算支出决算表.pdf", subtype="budget_report", score=0.6)
    budget = fiscal("eco_investment_amount", "1.28", "亿元", "2024年全县一般公共预算支出安排23.50亿元，其中节能环保支出1.28亿元",
                    path="财政局/人大关于2024年预算的决议.docx", subtype="npc_budget_resolution", score=0.9)
    r = run(catalog, "eco_investment_amount", "18635.42", "万元", [final, budget])
    assert r.status == "corroborated"
    use = next(u for u in r.evidence if u.evidence.path == budget.path)
    assert use.counted is False and "预算数" in (use.note or "")
    assert any("另有预算数" in n for n in r.notes)
    # the budget alone never contradicts a figure it was not meant to state
    wrong = run(catalog, "eco_investment_amount", "20000", "万元", [final, budget])
    assert wrong.status == "mismatch" and "186,354,200" in wrong.difference


def test_only_budgeted_figures_from_minutes_or_department_approvals_do_not_corroborate(catalog):
    minutes = fiscal("assessment_funding", "12", "万元", "会议同意安排2024年考核工作经费12万元", path="政府办/纪要.pdf",
                     doc_type="meeting_minutes", subtype="meeting_minutes")
    approval = fiscal("assessment_funding", "120000", "元", "其他节能环保支出（考核工作经费） … 金额: 120,000.00",
                      path="生态环境分局/部门预算批复.pdf", subtype="budget_approval", block="b2")
    r = run(catalog, "assessment_funding", "12", "万元", [minutes, approval])
    assert r.status == "no_evidence"
    assert any("仅有预算数，缺少决算/执行数" in n for n in r.notes)
    assert all(not u.counted for u in r.evidence)


def test_the_county_budget_stands_in_only_when_no_actual_figure_exists(catalog):
    report = fiscal("fiscal_total_expenditure", "286540", "万元", "2024年全县一般公共预算支出安排286,540万元",
                    path="财政局/关于2023年预算执行情况和2024年预算的报告.pdf", subtype="budget_report")
    r = run(catalog, "fiscal_total_expenditure", "28.654", "亿元", [report])
    assert r.status == "corroborated" and any("仅有预算数" in n and "复核" in n for n in r.notes)
    other = run(catalog, "fiscal_total_expenditure", "30", "亿元", [report])
    assert other.status == "no_evidence" and any("仅有预算数" in n for n in other.notes)


def test_share_recomputed_from_corroborated_actual_inputs(catalog):
    amount_final = fiscal("eco_investment_amount", "186354200", "元", "生态环境保护与治理支出合计 … 决算数: 186,354,200.00",
                          path="财政局/决算表.pdf", subtype="budget_report", block="a")
    total_final = fiscal("fiscal_total_expenditure", "2416800000", "元", "一般公共预算支出合计 … 决算数: 2,416,800,000.00",
                         path="财政局/决算表.pdf", subtype="budget_report", block="t")
    budget = "2024年一般公共预算支出安排23.50亿元，其中节能环保支出1.28亿元"
    amount_budget = fiscal("eco_investment_amount", "1.28", "亿元", budget, path="财政局/决议.docx",
                           subtype="npc_budget_resolution", block="a")
    total_budget = fiscal("fiscal_total_expenditure", "23.50", "亿元", budget, path="财政局/决议.docx",
                          subtype="npc_budget_resolution", block="t")
    evs = [amount_final, total_final, amount_budget, total_budget]
    by_id: dict[str, list[Evidence]] = {}
    for e in evs:
        by_id.setdefault(e.indicator_id, []).append(e)
    # without known inputs the recomputation itself skips the budgeted figures
    ind = catalog.get("eco_investment_share")
    r = reconcile_indicator(ind, SubmittedValue(ind.id, D("7.71"), "%", "7.71"), [], YEAR, units, catalog, by_id)
    assert r.status == "corroborated" and r.recomputed is not None and abs(r.recomputed - D("7.7108")) < D("0.001")
    wrong = reconcile_indicator(ind, SubmittedValue(ind.id, D("5.45"), "%", "5.45"), [], YEAR, units, catalog, by_id)
    assert wrong.status == "mismatch"  # 1.28亿 ÷ 23.50亿 would give 5.45: the budget must not be used


def test_a_smaller_payment_voucher_is_one_payment_not_a_contradiction(catalog):
    paid = fiscal("assessment_funding", "120000", "元", "金额（大写） … 户名: 人民币壹拾贰万元整", path="财政局/回单.pdf",
                  doc_type="payment_voucher", subtype="payment_voucher", score=0.6)
    other = fiscal("assessment_funding", "35000", "元", "用途：监测站运维经费 金额：35,000.00", path="财政局/运维凭证.png",
                   doc_type="payment_voucher", subtype="payment_voucher", score=0.7)
    assert run(catalog, "assessment_funding", "12", "万元", [paid, other]).status == "corroborated"
    alone = run(catalog, "assessment_funding", "12", "万元", [other])
    assert alone.status == "no_evidence"
    second = fiscal("assessment_funding", "85000", "元", "用途：考核工作经费（第二笔） 金额：85,000.00",
                    path="财政局/第二笔凭证.pdf", doc_type="payment_voucher", subtype="payment_voucher")
    summed = run(catalog, "assessment_funding", "12", "万元", [other, second])
    assert summed.status == "corroborated" and any("2 张支付凭证合计 120,000" in n for n in summed.notes)
    bigger = fiscal("assessment_funding", "150000", "元", "金额：150,000.00", path="财政局/大额凭证.pdf",
                    doc_type="payment_voucher", subtype="payment_voucher")
    assert run(catalog, "assessment_funding", "12", "万元", [bigger]).status == "mismatch"


def test_count_derived_from_documents_decides_a_count_without_stated_number(catalog):
    ind = catalog.get("party_gov_joint_eco_protection")
    minutes = [Evidence(indicator_id=ind.id, path=f"政府办/纪要{q}.pdf", sha256=str(q) * 64, page=1, block_id=f"m{q}",
                        role="achieved", doc_date=date(YEAR, q * 3, 10), doc_type="meeting_minutes",
                        snippet="会议纪要") for q in (1, 3, 4)]
    sub = SubmittedValue(ind.id, D("4"), "次", "4")
    three = (D(3), "2024年有研究生态环境保护工作会议纪要/记录的季度数（缺少第二季度）")
    r = reconcile_indicator(ind, sub, minutes, YEAR, units, catalog, {ind.id: minutes}, document_count=three)
    assert r.status == "mismatch" and "缺少第二季度" in r.difference
    ok = reconcile_indicator(ind, SubmittedValue(ind.id, D("3"), "次", "3"), minutes, YEAR, units, catalog,
                             {ind.id: minutes}, document_count=three)
    assert ok.status == "corroborated"
    none = reconcile_indicator(ind, sub, [], YEAR, units, catalog, {}, document_count=(D(0), "季度数"))
    assert none.status == "no_evidence"


def test_windows_and_formulas_are_reexported_from_periods():
    import rules.periods as periods
    import rules.reconcile as reconcile

    for name in ("evaluation_window", "span_in_window", "evaluate_formula", "formula_names", "is_ratio_formula",
                 "quarter_of", "exclusion_reason", "attr", "fmt_decimal"):
        assert getattr(reconcile, name) is getattr(periods, name)

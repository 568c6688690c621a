"""Pre-inspection checks over document records, evidence and submitted values (pure; no I/O).

Each check returns ``CheckResult(id, status pass|fail|warn, message (Chinese), paths, missing)``. Check ids are
stable (ARCHITECTURE.md): quarterly_minutes, evidence_in_period, budget_passed_by_npc, scans_sealed,
unreadable_files, land_class_sum, drafts_not_evidence, derived_rates.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rules.reconcile import (
    COUNTED_ROLES,
    document_in_window,
    Evidence,
    Units,
    attr,
    evaluate_formula,
    evaluation_window,
    exclusion_reason,
    fiscal_split,
    fmt_decimal,
    in_period_figures,
    is_ratio_formula,
    lookup,
    quarter_of,
    reporting_span,
    span_in_window,
    tolerance_of,
)

log = logging.getLogger(__name__)

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
QUARTER_NAMES = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}
ECO_WORDS = ("生态", "环保", "环境", "污染", "绿色", "河长", "林长", "蓝天", "碧水", "净土", "节能减排", "双碳", "碳达峰")
CONVENING_RE = re.compile(r"关于召开.{0,40}(会议|会)的?通知|会议通知|参会通知|召开.{0,20}会议的通知")
# issued acts and attested reports that carry a seal (monitoring reports: 检验检测专用章, evidence-types.md)
SEALED_TYPES = frozenset({"notice", "acceptance_report", "payment_voucher", "monitoring_report"})
SEALED_SUBTYPES = frozenset({"situation_statement"})  # 情况说明 under the 承诺制 must be signed and sealed
NPC_EARLIEST_MONTH_BEFORE = 1  # months: a budget may be passed in December of N−1 (early sessions), rarely earlier
# relative (0.1 %): areas are given to 0.01 km²; conversion from 亩/公顷 rounds a little, a missing class is far more
LAND_SUM_TOLERANCE = Decimal("0.001")
CONSENSUS_TOLERANCE = Decimal("0.001")  # relative: several documents' figures for one input count as one value
RATE_MAX = Decimal(100)  # % : a share cannot exceed the whole
RATE_ROUNDING = Decimal("0.05")  # percentage points: rates are filed rounded to one decimal
COUNTY_AREA_ID = "county_land_area"
LAND_CLASS_IDS = ("forest_land_area", "grassland_area", "water_wetland_area", "cropland_area",
                  "construction_land_area", "unused_land_area")
MINUTES_INDICATOR = "party_gov_joint_eco_protection"
MAX_NAMES_LISTED = 3  # indicator names quoted per out-of-period document in the check message


@dataclass(frozen=True)
class DocInfo:
    path: str
    sha256: str
    status: str = "ok"  # ok | error | duplicate
    error: str | None = None
    format: str | None = None
    doc_type: str | None = None
    subtype: str | None = None
    title: str | None = None
    doc_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    draft: bool = False
    npc_passed: bool = False
    pages: int = 0
    ocr_pages: int = 0
    seal_pages: tuple[int, ...] = ()
    duplicate_of: str | None = None
    text_hint: str = ""  # title and opening text: tells eco-protection minutes and convening notices apart


@dataclass(frozen=True)
class CheckResult:
    id: str
    status: str  # pass | fail | warn
    message: str
    paths: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def _live(docs: list[DocInfo]) -> list[DocInfo]:
    return [d for d in docs if d.status == "ok"]


def check_quarterly_minutes(docs: list[DocInfo], evidence: list[Evidence], year: int) -> CheckResult:
    linked = {e.sha256 for e in evidence if e.indicator_id == MINUTES_INDICATOR}
    found: dict[str, list[str]] = {q: [] for q in QUARTERS}
    for d in _live(docs):
        text = f"{d.title or ''}\n{d.text_hint}"
        if d.doc_type != "meeting_minutes" or d.draft:
            continue
        if CONVENING_RE.search(d.title or "") or (CONVENING_RE.search(text) and not re.search(r"纪要|会议记录", text)):
            continue  # a notice convening a meeting is not its minutes
        if d.sha256 not in linked and not any(w in text for w in ECO_WORDS):
            continue  # minutes of a meeting that did not deal with eco-environment protection
        when = d.doc_date or d.period_start
        if when is None or when.year != year:
            continue
        found[quarter_of(when)].append(d.path)
    missing = tuple(q for q in QUARTERS if not found[q])
    paths = tuple(p for q in QUARTERS for p in found[q])
    if missing:
        names = "、".join(QUARTER_NAMES[q] for q in missing)
        return CheckResult("quarterly_minutes", "fail", f"{year}年缺少{names}研究生态环境保护工作的会议纪要/记录",
                           paths, missing)
    return CheckResult("quarterly_minutes", "pass", f"{year}年四个季度均有研究生态环境保护工作的会议纪要", paths)


def document_counts(docs: list[DocInfo], evidence: list[Evidence], year: int) -> dict[str, tuple[Decimal, str]]:
    """Counts the audit derives from qualifying documents, by indicator id: (value, Chinese description). The
    joint Party/government indicator counts the quarters with eco-protection minutes (catalog formula)."""
    minutes = check_quarterly_minutes(docs, evidence, year)
    quarters = len(QUARTERS) - len(minutes.missing)
    lacking = f"（缺少{'、'.join(QUARTER_NAMES[q] for q in minutes.missing)}）" if minutes.missing else ""
    return {MINUTES_INDICATOR: (Decimal(quarters), f"{year}年有研究生态环境保护工作会议纪要/记录的季度数{lacking}")}


def check_evidence_in_period(evidence: list[Evidence], catalog: Any, year: int,
                             docs: list[DocInfo] | None = None) -> CheckResult:
    """Documents giving counting figures for an indicator, none of which lies in that indicator's window, while the
    document itself reports on another period. The document's reporting period (else its title year) decides over
    its date: a "2023年…情况报告" dated 2024 belongs to 2023; a budget report giving last year's execution next to
    this year's budget is fine; a figure of another year inside a report of the year is the reconciliation's
    concern (out_of_period), not a misplaced document."""
    reporting = {d.sha256: reporting_span(d.period_start, d.period_end, d.title) for d in docs or () if d.sha256}
    spans: dict[tuple[str, str], list[bool]] = {}
    first: dict[tuple[str, str], tuple[date | None, date | None]] = {}
    for ev in evidence:
        if exclusion_reason(ev):
            continue
        rule = attr(lookup(catalog, ev.indicator_id), "period_rule")
        window = evaluation_window(rule, year)
        inside = span_in_window(*ev.span, window, rule)
        doc_span = reporting.get(ev.sha256)
        if doc_span is not None and document_in_window(doc_span, window):
            inside = True  # the document reports on the evaluation period
        if inside is not None:
            spans.setdefault((ev.path, ev.indicator_id), []).append(inside)
            first.setdefault((ev.path, ev.indicator_id), doc_span or ev.span)
    names: dict[str, list[str]] = {}
    when: dict[str, str] = {}
    for key, flags in sorted(spans.items()):
        if not any(flags):
            start = first[key][0] or first[key][1]
            names.setdefault(key[0], []).append(attr(lookup(catalog, key[1]), "name") or key[1])
            when.setdefault(key[0], start.isoformat() if start else "日期不明")
    outside = {path: f"{path}（{'、'.join(n[:MAX_NAMES_LISTED])}{'等' if len(n) > MAX_NAMES_LISTED else ''}，{when[path]}）"
               for path, n in names.items()}
    if outside:
        return CheckResult("evidence_in_period", "fail",
                           f"{len(outside)} 份证明材料的日期不在评价期内，不能佐证{year}年数值：" + "；".join(
                               list(outside.values())[:8]), tuple(sorted(outside)))
    return CheckResult("evidence_in_period", "pass", "作为佐证的材料均在评价期内")


def check_budget_passed_by_npc(docs: list[DocInfo], year: int) -> CheckResult:
    budget = [d for d in _live(docs) if d.doc_type == "budget_document"]
    earliest = date(year - 1, 13 - NPC_EARLIEST_MONTH_BEFORE, 1)
    passed, other_year = [], []
    for d in budget:
        if not (d.npc_passed or d.subtype == "npc_budget_resolution"):
            continue
        when = d.doc_date or d.period_start
        if when is not None and earliest <= when <= date(year, 12, 31):
            passed.append(d.path)
        else:
            other_year.append(d.path)
    if passed:
        return CheckResult("budget_passed_by_npc", "pass", f"{year}年预算经县人民代表大会审议通过（有人大决议或通过记录）",
                           tuple(passed))
    if other_year:
        return CheckResult("budget_passed_by_npc", "fail", f"人大通过预算的材料不是{year}年度的", tuple(other_year),
                           ("npc_budget_resolution",))
    msg = (f"有 {len(budget)} 份预算材料，但均未显示经县人民代表大会审议通过" if budget
           else "未找到经县人民代表大会审议通过的年度预算材料")
    return CheckResult("budget_passed_by_npc", "fail", msg, tuple(d.path for d in budget), ("npc_budget_resolution",))


def check_scans_sealed(docs: list[DocInfo]) -> CheckResult:
    unsealed = [d.path for d in _live(docs)
                if (d.ocr_pages > 0 or d.format == "image")
                and (d.doc_type in SEALED_TYPES or d.subtype in SEALED_SUBTYPES) and not d.seal_pages]
    if unsealed:
        return CheckResult("scans_sealed", "fail", f"{len(unsealed)} 份扫描件应加盖公章但未检测到红色印章，请核对原件",
                           tuple(unsealed))
    return CheckResult("scans_sealed", "pass", "应盖章的扫描件均检测到印章")


def check_unreadable_files(docs: list[DocInfo]) -> CheckResult:
    bad = [d for d in docs if d.status == "error"]
    if bad:
        detail = "；".join(f"{d.path}：{d.error or '无法读取'}" for d in bad[:10])
        return CheckResult("unreadable_files", "fail", f"{len(bad)} 个文件无法读取：{detail}", tuple(d.path for d in bad))
    return CheckResult("unreadable_files", "pass", "所有文件均可读取")


def _evidence_values(evs: list[Evidence], ind: Any, units: Units, year: int, info_tables: bool) -> list[Decimal]:
    """Distinct values of in-period eligible evidence, in the indicator's catalog unit.
    ``info_tables``: also use 信息表/自查报告 values (consistency checks judge the data, not its corroboration);
    without them, a budgeted figure is skipped as in reconciliation (rules.periods.FiscalSplit)."""
    target = attr(ind, "unit")
    rule = attr(ind, "period_rule")
    window = evaluation_window(rule, year)
    split = None if info_tables else fiscal_split(ind, in_period_figures(ind, evs, window), units)
    values: list[Decimal] = []
    for ev in evs:
        usable = ev.role in COUNTED_ROLES and not ev.draft if info_tables else exclusion_reason(ev) is None
        if not usable or ev.value is None or not ev.unit or not target:
            continue
        if split is not None and split.is_budgeted(ev) and not split.stands_in(ev):
            continue
        if span_in_window(*ev.span, window, rule) is False:
            continue
        v = ev.value if ev.unit == target else units.convert(ev.value, ev.unit, target)
        if v is not None and v not in values:
            values.append(v)
    return values


def _evidence_value(evs: list[Evidence], ind: Any, units: Units, year: int) -> Decimal | None:
    """The consensus value of the evidence (None: absent or disagreeing)."""
    values = _evidence_values(evs, ind, units, year, info_tables=False)
    if values and max(values) - min(values) <= CONSENSUS_TOLERANCE * abs(max(values)):
        return values[0]
    return None


def _class_total(values: list[Decimal]) -> tuple[Decimal, bool] | None:
    """A land class's area from one table: its rows may be the class 小计 and/or its sub-classes (有林地, 灌木林地…).
    (value, summed): one value; the largest when it equals the sum of the others; else the sum of the sub-classes."""
    if not values:
        return None
    if len(values) == 1:
        return values[0], False
    largest = max(values)
    rest = sum(values, Decimal(0)) - largest
    if abs(largest - rest) <= LAND_SUM_TOLERANCE * largest:
        return largest, False
    return sum(values, Decimal(0)), True


def check_land_class_sum(submitted: dict[str, tuple[Decimal, str | None]], evidence: list[Evidence],
                         catalog: Any, units: Units, year: int) -> CheckResult:
    area_ind = lookup(catalog, COUNTY_AREA_ID)
    if area_ind is None:
        return CheckResult("land_class_sum", "warn", "指标目录中没有县域面积，未核对地类面积合计")
    target = attr(area_ind, "unit") or "平方公里"
    sources: dict[str, dict[str, Decimal]] = {}
    summed_classes: dict[str, list[str]] = {}
    for iid in (COUNTY_AREA_ID, *LAND_CLASS_IDS):
        ind = lookup(catalog, iid)
        if ind is None:
            continue
        if iid in submitted:
            value, unit = submitted[iid]
            conv = value if not unit or unit == target else units.convert(value, unit, target)
            if conv is not None:
                sources.setdefault("填报表", {})[iid] = conv
        by_doc: dict[str, list[Evidence]] = {}
        for ev in evidence:
            if ev.indicator_id == iid:
                by_doc.setdefault(ev.path, []).append(ev)
        for path, evs in by_doc.items():
            values = _evidence_values(evs, ind, units, year, info_tables=True)
            if iid == COUNTY_AREA_ID:  # one stated area, or none usable
                v, summed = (values[0], False) if len(values) == 1 else (None, False)
            else:
                v, summed = _class_total(values) or (None, False)
            if v is not None:
                conv = v if attr(ind, "unit") == target else units.convert(v, attr(ind, "unit") or target, target)
                if conv is not None:
                    sources.setdefault(path, {})[iid] = conv
                    if summed:
                        summed_classes.setdefault(path, []).append(attr(ind, "name") or iid)
    fails, passes, partial = [], [], []
    for source, vals in sources.items():
        classes = [vals[i] for i in LAND_CLASS_IDS if i in vals]
        if COUNTY_AREA_ID not in vals or len(classes) < 2:
            continue
        area, total = vals[COUNTY_AREA_ID], sum(classes, Decimal(0))
        text = f"{source}：地类合计 {fmt_decimal(total)} {target}，县域面积 {fmt_decimal(area)} {target}"
        if summed_classes.get(source):
            text += f"（{'、'.join(summed_classes[source])}按二级地类相加）"
        if abs(total - area) <= LAND_SUM_TOLERANCE * area:
            passes.append((source, text))
        elif total > area or len(classes) == len(LAND_CLASS_IDS):
            fails.append((source, text + f"，相差 {fmt_decimal(total - area)} {target}"))
        else:
            partial.append((source, text + "（地类不全）"))
    paths = tuple(s for s, _ in fails + partial + passes if s != "填报表")
    if fails:
        return CheckResult("land_class_sum", "fail", "地类面积之和与县域面积不符：" + "；".join(t for _, t in fails), paths)
    if partial:
        return CheckResult("land_class_sum", "warn", "地类面积不全，合计小于县域面积：" + "；".join(t for _, t in partial), paths)
    if passes:
        return CheckResult("land_class_sum", "pass", "地类面积之和与县域面积一致：" + "；".join(t for _, t in passes), paths)
    return CheckResult("land_class_sum", "warn", "未找到县域面积及各地类面积数据，未能核对（建议补充土地利用数据）",
                       missing=(COUNTY_AREA_ID,) + LAND_CLASS_IDS)


def check_drafts_not_evidence(docs: list[DocInfo], evidence: list[Evidence]) -> CheckResult:
    drafts = [d.path for d in _live(docs) if d.draft]
    if drafts:
        used = {e.path for e in evidence if e.draft and e.role in ("achieved", "component")}
        extra = f"，其中 {len(used)} 份含有指标数值（未计为佐证）" if used else ""
        return CheckResult("drafts_not_evidence", "warn",
                           f"{len(drafts)} 份材料为征求意见稿/送审稿/草案，不能作为证明材料{extra}，请提供正式印发版本",
                           tuple(drafts))
    return CheckResult("drafts_not_evidence", "pass", "未发现以草案/征求意见稿充当证明材料")


def check_derived_rates(submitted: dict[str, tuple[Decimal, str | None]], evidence: list[Evidence], catalog: Any,
                        units: Units, year: int) -> CheckResult:
    by_id: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_id.setdefault(ev.indicator_id, []).append(ev)
    problems: list[str] = []
    fine: list[str] = []
    paths: list[str] = []
    for iid, (value, unit) in sorted(submitted.items()):
        ind = lookup(catalog, iid)
        if ind is None or attr(ind, "kind") != "rate":
            continue
        name = attr(ind, "name") or iid
        if (unit or attr(ind, "unit")) == "%" and value > RATE_MAX:
            problems.append(f"{name} 填报 {fmt_decimal(value)}% 超过 100%")
            continue
        pair = is_ratio_formula(attr(ind, "formula"))
        if pair is None:
            continue
        parts: list[Decimal] = []
        for part_id in pair:
            part = lookup(catalog, part_id)
            if part is None:
                break
            pu = attr(part, "unit")
            if part_id in submitted:
                pv, punit = submitted[part_id]
                conv = pv if not punit or not pu or punit == pu else units.convert(pv, punit, pu)
            else:
                conv = _evidence_value(by_id.get(part_id, []), part, units, year)
                paths.extend(e.path for e in by_id.get(part_id, []) if not exclusion_reason(e))
            if conv is None:
                break
            parts.append(conv)
        if len(parts) != 2:
            continue
        num, den = parts
        num_unit = attr(lookup(catalog, pair[0]), "unit")
        if num_unit and num_unit == attr(lookup(catalog, pair[1]), "unit") and num > den:
            problems.append(f"{name}：分子 {fmt_decimal(num)} 大于分母 {fmt_decimal(den)}")
            continue
        if den == 0:
            problems.append(f"{name}：分母为 0")
            continue
        recomputed = evaluate_formula(attr(ind, "formula"), {pair[0]: num, pair[1]: den})
        if recomputed is None:
            continue
        tol = tolerance_of(ind)
        shown = f"{name}：填报 {fmt_decimal(value)}，复算 {fmt_decimal(recomputed.quantize(Decimal('0.01')))}"
        if abs(recomputed - value) > max(tol * abs(recomputed), RATE_ROUNDING):
            problems.append(shown + "，不一致")
        else:
            fine.append(shown)
    if problems:
        return CheckResult("derived_rates", "fail", "比率复算不通过：" + "；".join(problems), tuple(sorted(set(paths))))
    if fine:
        return CheckResult("derived_rates", "pass", "比率复算一致：" + "；".join(fine), tuple(sorted(set(paths))))
    return CheckResult("derived_rates", "pass", "未发现超过 100% 的比率；无可复算的分子分母")


def run_checks(docs: list[DocInfo], evidence: list[Evidence], submitted: dict[str, tuple[Decimal, str | None]],
               catalog: Any, units: Units, year: int) -> list[CheckResult]:
    """All checks in their stable order. ``submitted`` maps indicator id → (value, unit) of resolved rows."""
    return [
        check_quarterly_minutes(docs, evidence, year),
        check_evidence_in_period(evidence, catalog, year, docs),
        check_budget_passed_by_npc(docs, year),
        check_scans_sealed(docs),
        check_unreadable_files(docs),
        check_land_class_sum(submitted, evidence, catalog, units, year),
        check_drafts_not_evidence(docs, evidence),
        check_derived_rates(submitted, evidence, catalog, units, year),
    ]

"""Reconcile submitted values with indexed evidence (pure functions over plain dataclasses; no I/O).

Statuses: ``corroborated`` (evaluation-period evidence supports the value after unit normalisation, within the
catalog tolerance), ``mismatch`` (evaluation-period evidence disagrees), ``out_of_period`` (the only evidence is
from another period), ``no_evidence``. Only ``achieved``/``component`` links of final (non-draft) documents count;
never targets, tasks, mentions, drafts, the 自查报告 or the 填报信息表. A false ``corroborated`` is the worst error,
so every doubt (undated evidence, unit without a common dimension, bare numbers for quantities) withholds it.

Fiscal indicators weigh the *nature* of each figure (rules.periods.figure_nature): when the evaluation year has
actual figures (决算/执行数/支付), budgeted ones (预算数/安排) neither corroborate nor contradict; when it has only
budgeted figures, only the county budget put to the 人大 (budget report / 人大决议) may corroborate, with a note.
A single payment voucher smaller than the submitted total is one payment of it, not a contradiction.

Evaluation windows and catalog formulas live in rules.periods (re-exported here for callers).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from rules.periods import (  # noqa: F401  (re-exported: checks, audit and tests import them from here)
    BUDGET_ASIDE_NOTE, BUDGET_ONLY_NOTE, COUNTED_ROLES, MULTI_YEAR_LOOKBACK_YEARS, NON_EVIDENCE_NAME,
    NON_EVIDENCE_SUBTYPES, PARTIAL_PAYMENT_NOTE, REPORT_LAG_DAYS, SNAPSHOT_LOOKBACK_YEARS, FiscalSplit, FormulaError,
    Nature, Window, attr, budget_aside_note, budget_notes, document_in_window, evaluate_formula, evaluation_window,
    evidence_key, exclusion_reason, figure_nature, fiscal_split, fmt_decimal, formula_expression, formula_names,
    in_period_figures, is_ratio_formula, partial_payment, quarter_of, reporting_span, span_in_window,
    title_year_span, usable_figures, voucher_total)

DEFAULT_RELATIVE_TOLERANCE = Decimal("0.005")  # relative (0.5 %) when the catalog entry gives none: typing/rounding
# relative cap on the "rounded to the written digits" allowance: 3.2万吨 stands for 31,500–32,499 t (1.6 %)
ROUNDING_MAX_RELATIVE = Decimal("0.02")
WATER_T_PER_M3 = Decimal(1)  # t per m³: 1 m³ of water ≈ 1 t (domain units §1); applied to water volumes only
VOLUME_DIMENSIONS = frozenset({"volume", "flow"})
VALUELESS_KINDS = frozenset({"qualitative"})  # judged on documents: evidence presence corroborates a text answer


class Units(Protocol):
    """What reconcile needs from extract.facts (the module itself satisfies it)."""

    def to_canonical(self, value: Decimal, unit: str) -> tuple[Decimal, str, str] | None: ...

    def convert(self, value: Decimal, from_unit: str, to_unit: str) -> Decimal | None: ...


@dataclass(frozen=True)
class Evidence:
    """A link record flattened with its document's facts (built from evidence_index LinkRecord + DocClass)."""

    indicator_id: str
    path: str
    sha256: str
    page: int
    block_id: str
    role: str
    value: Decimal | None = None
    unit: str | None = None
    canonical: Decimal | None = None
    canonical_unit: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    doc_date: date | None = None
    doc_type: str | None = None
    subtype: str | None = None
    draft: bool = False
    snippet: str = ""
    bbox: tuple[float, float, float, float] | None = None
    score: float = 1.0
    approx: bool = False  # the bound fact is 约/以上/余 …: a bound, not a value
    flags: tuple[str, ...] = ()  # the bound fact's flags ("range", "change_points", "ocr_repaired" …)
    rotation: int = 0  # page turn before OCR (bbox frame), for evidence crops
    title: str | None = None  # the document's title (its nature when the sentence gives none)
    column_header: str | None = None  # the bound fact's table column header (预算数 / 决算数 / 执行数 …)

    @property
    def span(self) -> tuple[date | None, date | None]:
        if self.period_start or self.period_end:
            return self.period_start, self.period_end
        return self.doc_date, self.doc_date

    @property
    def nature(self) -> Nature:
        """actual | budgeted | unknown (rules.periods.figure_nature)."""
        return figure_nature(self.snippet, self.value, column_header=self.column_header, title=self.title,
                             doc_type=self.doc_type, subtype=self.subtype)


@dataclass(frozen=True)
class SubmittedValue:
    indicator_id: str
    value: Decimal | None
    unit: str | None
    raw: str = ""


@dataclass(frozen=True)
class EvidenceUse:
    evidence: Evidence
    counted: bool  # eligible and in period: it took part in the decision
    agrees: bool | None  # None: not compared
    note: str | None = None  # why it did not count / was not compared


@dataclass(frozen=True)
class Reconciliation:
    indicator_id: str
    status: str  # corroborated | mismatch | no_evidence | out_of_period
    evidence: tuple[EvidenceUse, ...]
    difference: str | None = None
    notes: tuple[str, ...] = ()
    recomputed: Decimal | None = None  # value recomputed from the formula's evidenced inputs (catalog unit)
    # the value the decision compared when no evidence states one: (value, unit, how it was derived)
    derived: tuple[Decimal, str, str] | None = None


def lookup(catalog: Any, indicator_id: str) -> Any:
    """The catalog entry or None (Catalog.get raises KeyError for unknown ids)."""
    if catalog is None or indicator_id not in catalog:
        return None
    return catalog.get(indicator_id)


def tolerance_of(indicator: Any) -> Decimal:
    """Relative tolerance of a catalog entry (a number, a numeric string or an object with ``value``)."""
    tol = attr(indicator, "tolerance")
    tol = attr(tol, "value", tol) if tol is not None and not isinstance(tol, (int, float, Decimal, str)) else tol
    try:
        return Decimal(str(tol)) if tol is not None and tol != "" else DEFAULT_RELATIVE_TOLERANCE
    except InvalidOperation:
        return DEFAULT_RELATIVE_TOLERANCE


def _digits_half_step(value: Decimal) -> Decimal:
    """Half of the last written digit: 3.2 → 0.05; 32000 → 0.5."""
    exponent = value.as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)


class _Comparer:
    def __init__(self, indicator: Any, units: Units) -> None:
        self.ind = indicator
        self.units = units
        self.kind = attr(indicator, "kind") or "quantity"
        self.unit = attr(indicator, "unit") or None
        self.tolerance = Decimal(0) if self.kind == "count" else tolerance_of(indicator)
        self.water = (attr(indicator, "dimension") in VOLUME_DIMENSIONS
                      or "污水" in (attr(indicator, "name") or "") or "water" in str(attr(indicator, "id", "")))

    def canonical(self, value: Decimal | None, unit: str | None, bare_ok: bool) -> tuple[Decimal, str] | None:
        if value is None:
            return None
        if not unit:
            if not bare_ok or not self.unit:
                return None
            unit = self.unit
        got = self.units.to_canonical(value, unit)
        if got is None:
            return None
        number, cunit = got[0], got[1]
        if self.water and cunit == "m3":
            return number * WATER_T_PER_M3, "t"
        if self.water and cunit == "m3/d":
            return number * WATER_T_PER_M3, "t/d"
        return number, self.count_unit(cunit)

    def count_unit(self, cunit: str) -> str:
        """Object measure words (处/座/所 …) count the same things as 个: compare them as 个."""
        return "个" if self.units.convert(Decimal(1), cunit, "个") == 1 else cunit

    def evidence_canonical(self, ev: Evidence) -> tuple[Decimal, str] | None:
        if ev.canonical is not None and ev.canonical_unit:
            if self.water and ev.canonical_unit in ("m3", "m3/d"):
                return ev.canonical * WATER_T_PER_M3, "t" if ev.canonical_unit == "m3" else "t/d"
            return ev.canonical, self.count_unit(ev.canonical_unit)
        return self.canonical(ev.value, ev.unit, bare_ok=self.kind in ("count", "rate", "index"))

    def agrees(self, submitted: Decimal, written: Decimal, evidence: Decimal, step_scale: Decimal) -> bool:
        diff = abs(submitted - evidence)
        if self.kind == "count":
            return diff == 0
        allowance = self.tolerance * abs(evidence)
        rounding = _digits_half_step(written) * step_scale
        allowance = max(allowance, min(rounding, ROUNDING_MAX_RELATIVE * abs(evidence)))
        return diff <= allowance


def _difference(sub: Decimal, ev: Decimal, unit: str, ev_raw: str) -> str:
    delta = sub - ev
    rel = f"（{(delta / ev * 100).quantize(Decimal('0.1'))}%）" if ev != 0 else ""
    return f"填报 {fmt_decimal(sub)} {unit}，材料 {ev_raw}（{fmt_decimal(ev)} {unit}），差 {fmt_decimal(delta)} {unit}{rel}"


def _ev_raw(ev: Evidence) -> str:
    return f"{fmt_decimal(ev.value)}{ev.unit or ''}" if ev.value is not None else "—"


def _consensus(values: list[tuple[Decimal, Evidence]], cmp: _Comparer) -> Decimal | None:
    """The common value of several evidence values for one input, or None when they disagree."""
    if not values:
        return None
    first = values[0][0]
    for v, _ in values[1:]:
        if abs(v - first) > max(cmp.tolerance * abs(first), Decimal(0)):
            return None
    return first


def recompute(indicator: Any, catalog: Any, evidence_by_id: dict[str, list[Evidence]], year: int,
              units: Units, known: dict[str, Decimal] | None = None) -> tuple[Decimal | None, list[str]]:
    """Recompute a derived indicator from its inputs, in the indicator's catalog unit: an input whose own submitted
    value was corroborated comes from ``known`` (catalog unit); others need in-period evidence that agrees."""
    formula = attr(indicator, "formula")
    names = formula_names(formula)
    if not names:
        return None, []
    values: dict[str, Decimal] = {}
    notes: list[str] = []
    for name in names:
        if known and name in known:
            values[name] = known[name]
            continue
        inp = lookup(catalog, name)
        if inp is None:
            return None, []
        cmp = _Comparer(inp, units)
        target_unit = attr(inp, "unit")
        got: list[tuple[Decimal, Evidence]] = []
        for ev in usable_figures(inp, evidence_by_id.get(name, []), year, units):
            assert ev.value is not None
            if ev.unit and target_unit:
                conv = units.convert(ev.value, ev.unit, target_unit)
            else:
                conv = ev.value if not ev.unit and cmp.kind in ("count", "rate") else None
            if conv is not None:
                got.append((conv, ev))
        value = _consensus(got, cmp)
        if value is None:
            if len(got) > 1:
                notes.append(f"{attr(inp, 'name')}的材料数值互相不一致，无法复算")
            return None, notes
        values[name] = value
    return evaluate_formula(formula, values), notes


INEXACT_FLAGS = {"range": "材料给出的是区间", "change_points": "材料给出的是变化量（个百分点），不是数值本身",
                 "decrease": "材料给出的是减少量", "ambiguous": "材料数值有歧义",
                 "ambiguous_separator": "材料数值的分隔符有歧义（千分位或小数点）"}


def _inexact(ev: Evidence) -> str | None:
    """Why a bound value cannot corroborate or contradict exactly (None: it can)."""
    if ev.approx:
        return "材料数值为约数或界限（约/以上/余…），不能精确核对"
    return next((INEXACT_FLAGS[f] for f in ev.flags if f in INEXACT_FLAGS), None)


def _authoritative(ev: Evidence, indicator: Any) -> bool:
    """Evidence from a document type the catalog expects for this indicator (a ledger for volumes, a monitoring
    report for air quality) outranks a figure quoted in minutes or a plan."""
    return ev.doc_type in tuple(attr(indicator, "evidence_types") or ())


def _sentence_states(ev: Evidence, sub: tuple[Decimal, str], written: Decimal, step: Decimal, cmp: _Comparer) -> bool:
    """The evidence sentence also states the submitted value: the bound number may be the wrong one of two."""
    parse = getattr(cmp.units, "parse_numbers", None)
    if parse is None or not ev.snippet:
        return False
    for m in parse(ev.snippet):
        unit = m.unit or ev.unit  # a bare number beside the bound one (the unit may sit on the next line)
        got = cmp.canonical(m.value, unit, bare_ok=False) if unit and m.value is not None else None
        if got and got[1] == sub[1] and cmp.agrees(sub[0], written, got[0], step):
            return True
    return False


def reconcile_indicator(indicator: Any, submitted: SubmittedValue, evidence: list[Evidence], year: int,
                        units: Units, catalog: Any = None, evidence_by_id: dict[str, list[Evidence]] | None = None,
                        known_inputs: dict[str, Decimal] | None = None,
                        document_count: tuple[Decimal, str] | None = None) -> Reconciliation:
    """Decide the status of one submitted indicator from its evidence (see module docstring).

    Agreeing and disagreeing evidence are ranked by (document type expected by the catalog, link score); the value
    is corroborated when the best agreeing evidence ranks at least as high as the best disagreeing one, and never
    when the value recomputed from the formula's inputs disagrees. ``document_count`` is a count the audit derived
    from qualifying documents (value, Chinese description), e.g. the quarters with eco-protection minutes; it
    decides a count indicator whose evidence states no number.
    """
    cmp = _Comparer(indicator, units)
    rule = attr(indicator, "period_rule")
    window = evaluation_window(rule, year)
    notes: list[str] = []
    sub_c = cmp.canonical(submitted.value, submitted.unit, bare_ok=True)
    written = submitted.value if submitted.value is not None else Decimal(0)
    step = abs(sub_c[0] / submitted.value) if sub_c is not None and submitted.value else Decimal(1)
    if submitted.value is None and submitted.raw and cmp.kind not in VALUELESS_KINDS:
        notes.append(f"填报值“{submitted.raw}”不是数值，无法核对")
    elif submitted.value is None and not submitted.raw:
        notes.append("未填报数值")
    elif submitted.value is not None and sub_c is None:
        notes.append(f"填报单位“{submitted.unit or cmp.unit or ''}”无法换算，无法核对数值")

    uses: list[EvidenceUse] = []
    agree: list[tuple[tuple[bool, float], Evidence, Decimal]] = []
    disagree: list[tuple[tuple[bool, float], Evidence, Decimal]] = []
    valueless: list[Evidence] = []
    ambiguous: list[tuple[tuple[bool, float], Evidence, Decimal]] = []
    out_period: list[tuple[Evidence, bool | None]] = []
    budget_aside: list[Evidence] = []
    partial: list[tuple[tuple[bool, float], Evidence, Decimal]] = []
    split = fiscal_split(indicator, in_period_figures(indicator, evidence, window), units)
    excluded = False
    seen: set[tuple[str, str, str]] = set()
    for ev in sorted(evidence, key=lambda e: (-e.score, e.path, e.page, e.block_id)):
        key = evidence_key(ev)
        if key in seen:
            continue
        seen.add(key)
        reason = exclusion_reason(ev)
        if reason:
            excluded = True
            uses.append(EvidenceUse(ev, False, None, reason))
            continue
        inside = span_in_window(*ev.span, window, rule)
        if inside is None:
            uses.append(EvidenceUse(ev, False, None, "材料未注明日期或期间，不能确认属于评价期"))
            continue
        ev_c = cmp.evidence_canonical(ev)
        comparable = ev_c is not None and sub_c is not None and ev_c[1] == sub_c[1]
        ok = cmp.agrees(sub_c[0], written, ev_c[0], step) if comparable and sub_c and ev_c else None
        if not inside:
            out_period.append((ev, ok))
            uses.append(EvidenceUse(ev, False, ok, f"材料期间不在评价期（{window.label}）内"))
            continue
        aside = budget_aside_note(ev, split, ok)
        if aside:
            budget_aside.append(ev)
            uses.append(EvidenceUse(ev, False, ok, aside))
            continue
        inexact = _inexact(ev)
        if inexact and comparable:
            valueless.append(ev)
            uses.append(EvidenceUse(ev, True, None, inexact))
            continue
        if not comparable or ev_c is None or sub_c is None:
            valueless.append(ev)
            why = None if sub_c is None else ("材料未给出可比数值" if ev_c is None else
                                              f"单位量纲不同（{ev.unit} 与 {submitted.unit or cmp.unit}），未比较")
            uses.append(EvidenceUse(ev, True, None, why))
            continue
        ranked = ((_authoritative(ev, indicator), ev.score), ev, ev_c[0])
        if not ok and partial_payment(ev, ev_c[0], sub_c):
            partial.append(ranked)
            uses.append(EvidenceUse(ev, True, None, PARTIAL_PAYMENT_NOTE))
            continue
        if not ok and _sentence_states(ev, sub_c, written, step, cmp):
            ambiguous.append(ranked)
            uses.append(EvidenceUse(ev, True, None, "同一处另有与填报值一致的数值，取值可能有误，未作比较"))
            continue
        (agree if ok else disagree).append(ranked)
        uses.append(EvidenceUse(ev, True, ok, None))
    total = voucher_total((e.sha256, v) for _, e, v in partial) if partial and not agree else None
    if total is not None and sub_c is not None and cmp.agrees(sub_c[0], written, total, step):
        agree.append((min(rank for rank, _, _ in partial), partial[0][1], total))
        notes.append(f"{len({e.sha256 for _, e, _ in partial})} 张支付凭证合计 {fmt_decimal(total)} 元，与填报值一致")
    if ambiguous and not agree and not disagree:  # undecidable: neither corroborates nor contradicts
        notes.append("材料中同时出现填报值和其他数值，无法确定对应关系，请人工核对：" + "；".join(
            f"{e.path} 第{e.page}页" for _, e, _ in ambiguous[:3]))

    recomputed, rec_ok = None, None
    if catalog is not None and evidence_by_id is not None and sub_c is not None and submitted.value is not None:
        recomputed, rnotes = recompute(indicator, catalog, evidence_by_id, year, units, known_inputs)
        notes.extend(rnotes)
        sub_in_unit = (units.convert(submitted.value, submitted.unit, cmp.unit)
                       if submitted.unit and cmp.unit and submitted.unit != cmp.unit else submitted.value)
        if recomputed is not None and sub_in_unit is not None:
            rec_ok = cmp.agrees(sub_in_unit, written, recomputed, Decimal(1))
            notes.append(f"由分项数值复算为 {fmt_decimal(recomputed.quantize(Decimal('0.01')))} {cmp.unit or ''}，"
                         + ("与填报值一致" if rec_ok else "与填报值不一致"))

    doc_ok = None
    if document_count is not None and document_count[0] > 0 and submitted.value is not None and not agree \
            and not disagree:
        doc_ok = cmp.agrees(submitted.value, written, document_count[0], Decimal(1))
        notes.append(f"{document_count[1]}：{fmt_decimal(document_count[0])} {cmp.unit or ''}".rstrip())
    positives = [rank for rank, _, _ in agree] + ([(True, 0.0)] if rec_ok else [])
    status, difference = "no_evidence", None
    if agree and disagree:
        notes.append("多份材料数值互相不一致：" + "；".join(
            f"{e.path} 第{e.page}页 {_ev_raw(e)}" for _, e, _ in (agree[:3] + disagree[:3])))
    if rec_ok is False and recomputed is not None:
        status = "mismatch"
        assert sub_c is not None
        difference = _difference(sub_in_unit, recomputed.quantize(Decimal("0.01")), cmp.unit or "", "复算值")
    elif doc_ok is not None and document_count is not None and not positives:
        status = "corroborated" if doc_ok else "mismatch"
        difference = None if doc_ok else _difference(written, document_count[0], cmp.unit or "", document_count[1])
    elif positives and (not disagree or max(positives) >= max(r for r, _, _ in disagree)):
        status = "corroborated"
    elif disagree:
        assert sub_c is not None
        status = "mismatch"
        best = min(disagree, key=lambda p: (not p[0][0], -p[0][1], abs(p[2] - sub_c[0])))
        difference = _difference(sub_c[0], best[2], sub_c[1], _ev_raw(best[1]))
    elif valueless and cmp.kind in VALUELESS_KINDS and submitted.value is None:
        status = "corroborated"
    elif valueless and submitted.value is None and submitted.raw:
        status = "mismatch"
        difference = f"填报值“{submitted.raw}”不是数值，材料中有评价期内的相关内容"
    elif valueless:
        notes.append("评价期内有相关材料，但没有可与填报值比较的数值")
    elif out_period:
        status = "out_of_period"
        e = out_period[0][0]
        when = e.span[0].isoformat() if e.span[0] else "未知"
        notes.append(f"仅有评价期外的材料（{e.path}，{when}，{_ev_raw(e)}）")
        if any(ok for _, ok in out_period):
            notes.append("填报值与其他年度材料的数值相同，疑为沿用往年数据")
    notes.extend(budget_notes(status, split, [e for _, e, _ in agree], budget_aside,
                              "；".join(f"{e.path} 第{e.page}页 {_ev_raw(e)}" for e in budget_aside[:3]), year))
    if status == "no_evidence" and excluded:
        notes.append("仅有不能作为佐证的材料（目标值、任务值、草案或自查报告等）")
    derived = None
    if recomputed is not None:
        derived = (recomputed.quantize(Decimal("0.01")), cmp.unit or "", "由分项数值按公式复算")
    elif doc_ok is not None and document_count is not None:
        derived = (document_count[0], cmp.unit or "", document_count[1])
    return Reconciliation(submitted.indicator_id, status, tuple(uses), difference, tuple(notes), recomputed, derived)

"""Reconcile submitted values with indexed evidence (pure functions over plain dataclasses; no I/O).

Statuses: ``corroborated`` (evaluation-period evidence supports the value after unit normalisation, within the
catalog tolerance), ``mismatch`` (evaluation-period evidence disagrees), ``out_of_period`` (the only evidence is
from another period), ``no_evidence``. Only ``achieved``/``component`` links of final (non-draft) documents count;
never targets, tasks, mentions, drafts, the 自查报告 or the 填报信息表. A false ``corroborated`` is the worst error,
so every doubt (undated evidence, unit without a common dimension, bare numbers for quantities) withholds it.

Also holds the evaluation windows per ``period_rule`` and the evaluation of catalog formulas (used by checks).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any, Protocol

SNAPSHOT_LOOKBACK_YEARS = 3  # years: a list, permit or zoning 批复 stays valid a few years before filing (unconfirmed)
MULTI_YEAR_LOOKBACK_YEARS = 4  # years: 十四五 plans / "近两年" projects; a document whose span reaches the year counts
REPORT_LAG_DAYS = 120  # days: a ledger/statistics table of year N is compiled and dated in Jan–Apr of N+1


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    label: str  # Chinese description, e.g. "2024年1月1日至2024年12月31日"


def _label(start: date, end: date) -> str:
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def evaluation_window(period_rule: str | None, year: int) -> Window:
    """The window evidence of an indicator must fall in for evaluation year ``year``."""
    rule = period_rule or "evaluation_year"
    if rule == "monitoring_window_oct_sep":
        start, end = date(year - 1, 10, 1), date(year, 9, 30)
    elif rule == "snapshot":
        start, end = date(year - SNAPSHOT_LOOKBACK_YEARS, 1, 1), date(year, 12, 31)
    elif rule == "multi_year":
        start, end = date(year - MULTI_YEAR_LOOKBACK_YEARS, 1, 1), date(year, 12, 31)
    else:  # evaluation_year, fiscal_year, quarterly, evaluation_and_control_year: the calendar year
        start, end = date(year, 1, 1), date(year, 12, 31)
    return Window(start, end, _label(start, end))


def span_in_window(start: date | None, end: date | None, window: Window, period_rule: str | None) -> bool | None:
    """Does an evidence span [start, end] (a point when equal) belong to the window? None when undated.

    A point date must lie inside, or at most REPORT_LAG_DAYS after the window (a year's ledger or statistics
    table is dated when it is compiled, early the next year). A period must overlap the window by at least half
    of its own length (an annual report of year N belongs to an Oct N−1 … Sep N window; a 2023 bulletin does not
    belong to 2024). For snapshot and multi-year rules any overlap counts (a 2021–2025 plan is in force in 2024).
    """
    if start is None and end is None:
        return None
    start = start or end
    end = end or start
    assert start is not None and end is not None
    if end < start:
        start, end = end, start
    if start == end and window.end < start <= window.end + timedelta(days=REPORT_LAG_DAYS):
        return True
    lo, hi = max(start, window.start), min(end, window.end)
    if lo > hi:
        return False
    if period_rule in ("snapshot", "multi_year") or start == end:
        return True
    overlap = (hi - lo).days + 1
    return overlap * 2 >= (end - start).days + 1


def quarter_of(d: date) -> str:
    return f"Q{(d.month - 1) // 3 + 1}"


# ---- formulas -------------------------------------------------------------------------------------------------

_FORMULA_CUT = re.compile(r"\s+where\s+|;|；|（|\(unconfirmed|\(whether")


class FormulaError(ValueError):
    """The catalog formula is not plain arithmetic over indicator ids (e.g. prose, local.x terms)."""


def formula_expression(formula: str | None) -> ast.Expression | None:
    """Parse the arithmetic head of a catalog formula; None when it is prose or uses undefined sub-quantities."""
    if not formula:
        return None
    head = _FORMULA_CUT.split(formula, maxsplit=1)[0].strip()
    try:
        tree = ast.parse(head, mode="eval")
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load,
                                 ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub)):
            return None
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            return None
    return tree


def formula_names(formula: str | None) -> list[str]:
    tree = formula_expression(formula)
    if tree is None:
        return []
    return sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})


def is_ratio_formula(formula: str | None) -> tuple[str, str] | None:
    """(numerator id, denominator id) for formulas of the form ``a / b * 100`` or ``a / b``."""
    tree = formula_expression(formula)
    if tree is None:
        return None
    node = tree.body
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and isinstance(node.right, ast.Constant):
        node = node.left
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.left, ast.Name)
            and isinstance(node.right, ast.Name)):
        return node.left.id, node.right.id
    return None


def evaluate_formula(formula: str | None, values: dict[str, Decimal]) -> Decimal | None:
    """Evaluate with Decimal arithmetic; None when the formula is not computable or an input is missing."""
    tree = formula_expression(formula)
    if tree is None:
        return None

    def ev(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise FormulaError(node.id)
            return values[node.id]
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand)
        if isinstance(node, ast.BinOp):
            left, right = ev(node.left), ev(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return left / right
        raise FormulaError(type(node).__name__)

    try:
        return ev(tree)
    except (FormulaError, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None


# ---- reconciliation -------------------------------------------------------------------------------------------

COUNTED_ROLES = frozenset({"achieved", "component"})  # target/task/mention links never corroborate
NON_EVIDENCE_SUBTYPES = frozenset({"self_check_report", "info_table"})  # they state the submitted values themselves
# file names that say "this is the submission itself", in case the classifier missed the subtype
NON_EVIDENCE_NAME = re.compile(r"自查报告|填报(表|信息|数据|值|情况)|考核指标表")
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

    @property
    def span(self) -> tuple[date | None, date | None]:
        if self.period_start or self.period_end:
            return self.period_start, self.period_end
        return self.doc_date, self.doc_date


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


def attr(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def fmt_decimal(d: Decimal) -> str:
    d = d.normalize()
    return f"{d.quantize(Decimal(1)):,}" if d == d.to_integral_value() else f"{d:,f}"


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


def exclusion_reason(ev: Evidence) -> str | None:
    """Why a link can never corroborate (None: eligible)."""
    if ev.role not in COUNTED_ROLES:
        return {"target": "目标值（规划/方案中的目标）不能佐证完成值", "task": "下达任务值不能佐证完成值",
                "mention": "仅提及指标，未给出完成值"}.get(ev.role, f"链接角色“{ev.role}”不能佐证")
    if ev.draft:
        return "征求意见稿/草案不是正式证明材料"
    if ev.subtype in NON_EVIDENCE_SUBTYPES or NON_EVIDENCE_NAME.search(ev.path.rsplit("/", 1)[-1]):
        return "自查报告/填报信息表只是重复填报值，不能佐证"
    return None


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
        return number, cunit

    def evidence_canonical(self, ev: Evidence) -> tuple[Decimal, str] | None:
        if ev.canonical is not None and ev.canonical_unit:
            if self.water and ev.canonical_unit in ("m3", "m3/d"):
                return ev.canonical * WATER_T_PER_M3, "t" if ev.canonical_unit == "m3" else "t/d"
            return ev.canonical, ev.canonical_unit
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
        window = evaluation_window(attr(inp, "period_rule"), year)
        got: list[tuple[Decimal, Evidence]] = []
        for ev in evidence_by_id.get(name, []):
            if exclusion_reason(ev) or not span_in_window(*ev.span, window, attr(inp, "period_rule")):
                continue
            target_unit = attr(inp, "unit")
            if ev.value is None:
                continue
            if ev.unit and target_unit:
                conv = units.convert(ev.value, ev.unit, target_unit)
            elif not ev.unit and cmp.kind in ("count", "rate"):
                conv = ev.value
            else:
                conv = None
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
                        known_inputs: dict[str, Decimal] | None = None) -> Reconciliation:
    """Decide the status of one submitted indicator from its evidence (see module docstring).

    Agreeing and disagreeing evidence are ranked by (document type expected by the catalog, link score); the value
    is corroborated when the best agreeing evidence ranks at least as high as the best disagreeing one, and never
    when the value recomputed from the formula's inputs disagrees.
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
    excluded = False
    seen: set[tuple[str, str, str]] = set()
    for ev in sorted(evidence, key=lambda e: (-e.score, e.path, e.page, e.block_id)):
        key = (ev.sha256, ev.block_id, str(ev.value))
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
        if not ok and _sentence_states(ev, sub_c, written, step, cmp):
            ambiguous.append(ranked)
            uses.append(EvidenceUse(ev, True, None, "同一处另有与填报值一致的数值，取值可能有误，未作比较"))
            continue
        (agree if ok else disagree).append(ranked)
        uses.append(EvidenceUse(ev, True, ok, None))
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

    positives = [rank for rank, _, _ in agree] + ([(True, 0.0)] if rec_ok else [])
    status, difference = "no_evidence", None
    if agree and disagree:
        notes.append("多份材料数值互相不一致：" + "；".join(
            f"{e.path} 第{e.page}页 {_ev_raw(e)}" for _, e, _ in (agree[:3] + disagree[:3])))
    if rec_ok is False and recomputed is not None:
        status = "mismatch"
        assert sub_c is not None
        difference = _difference(sub_in_unit, recomputed.quantize(Decimal("0.01")), cmp.unit or "", "复算值")
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
    if status == "no_evidence" and excluded:
        notes.append("仅有不能作为佐证的材料（目标值、任务值、草案或自查报告等）")
    return Reconciliation(submitted.indicator_id, status, tuple(uses), difference, tuple(notes), recomputed)

"""Which evidence figures count for an evaluation year, and catalog formulas (pure functions; no I/O).

- Evaluation windows per catalog ``period_rule`` and whether an evidence span belongs to one.
- The reporting span of a document (its own period, else the year its title names).
- Eligibility of an evidence record (role, draft, the county's own submission) — duck-typed over
  ``rules.reconcile.Evidence``, which this module does not import.
- The *nature* of a fiscal figure: ``actual`` (决算数/执行数/完成/实际支出/拨付…), ``budgeted`` (预算数/年初预算/
  预算安排/安排…万元/预算草案…) or ``unknown`` — a budgeted figure is not actual expenditure
  (evidence-types.md §2: one report holds last year's 执行数 and this year's 预算数).
- The arithmetic head of catalog formulas (``a / b * 100``), evaluated with Decimal.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any, Iterable, Literal

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


# a year the title reports on: "2023年", "2023年度"; not a quarter or month of it ("2023年第三季度" keeps the year)
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|年度)")


def title_year_span(title: str | None) -> tuple[date, date] | None:
    """The calendar years a title names ("云岭旗2023年…情况报告" → 2023-01-01…2023-12-31; "2023年预算执行情况和2024年
    预算" → 2023…2024); None when the title names no year."""
    years = [int(m.group(1)) for m in _TITLE_YEAR.finditer(title or "")]
    if not years:
        return None
    return date(min(years), 1, 1), date(max(years), 12, 31)


def reporting_span(period_start: date | None, period_end: date | None,
                   title: str | None) -> tuple[date | None, date | None] | None:
    """What a document reports on: its own reporting period when known, else the years its title names; None when
    neither is known. A "2023年…情况报告" dated January 2024 reports on 2023."""
    if period_start or period_end:
        return period_start, period_end
    return title_year_span(title)


def document_in_window(span: tuple[date | None, date | None], window: Window) -> bool | None:
    """Does a document's reporting span touch the window? A dated point as in ``span_in_window``; a period counts
    on any overlap (a 2023—2025 plan is in force in 2024; a 2023 bulletin is not a 2024 document)."""
    start, end = span
    if start is None or end is None or start == end:
        return span_in_window(start, end, window, None)
    return min(start, end) <= window.end and max(start, end) >= window.start


# ---- nature of fiscal figures ---------------------------------------------------------------------------------

Nature = Literal["actual", "budgeted", "unknown"]
# cue words, tried left to right at each position (longer execution forms before the budget forms they contain)
_ACTUAL_CUES = (r"预算执行数|预算执行|执行数|执行情况|决算数?|实际(?:支出|完成|投入|拨付|使用)|累计(?:支出|完成|投入|拨付)"
                r"|完成(?:投资|投入|支出)?|实现|已拨付|拨付|支付|支出决算|到位")
_BUDGET_CUES = (r"年初预算(?:数)?|调整(?:后)?预算(?:数)?|预算草案|预算数|预算安排|预算(?:金额|资金)?(?:为|[:：])"
                r"|预算(?=\s*[\d０-９]|\s*[（(]?[万亿]?元)|计划(?:安排|投资|投入|完成)|拟(?:安排|投入)|统筹安排|安排|预计(?:实现|完成|投入|支出)?")
_CUE = re.compile(f"(?P<actual>{_ACTUAL_CUES})|(?P<budgeted>{_BUDGET_CUES})")
# names of budget accounts, not budget figures: "一般公共预算支出决算" is actual (masked before looking for cues)
_ACCOUNT = re.compile(r"(?:一般公共|政府性基金|国有资本经营|社会保险基金|部门)预算(?=支出|收入|收支|[:：\s]|$)")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_NUMBER_TOKEN = re.compile(r"\d[\d,，]*(?:\.\d+)?")
# how far (characters) after a value a cue may stand and still qualify it ("186,354,200元（决算数）")
TRAILING_CUE_CHARS = 8
ACTUAL_SUBTYPES = frozenset({"statistical_report", "operation_ledger", "payment_voucher"})
BUDGETED_SUBTYPES = frozenset({"budget_approval"})  # 部门预算批复 / 预算细化表: what may be spent
ACTUAL_DOC_TYPES = frozenset({"payment_voucher", "ledger"})  # money moved / running records


def _value_position(text: str, value: Decimal | None) -> tuple[int, int] | None:
    """(start, end) of the first number token in ``text`` equal to ``value`` (thousands separators ignored)."""
    if value is None:
        return None
    for m in _NUMBER_TOKEN.finditer(text):
        try:
            if Decimal(m.group().replace(",", "").replace("，", "")) == value:
                return m.start(), m.end()
        except InvalidOperation:
            continue
    return None


def _cue_near(text: str, value: Decimal | None) -> Nature | None:
    """The nature the nearest cue word gives the value: the last cue before it in its sentence, else a cue just
    after it; with the value not found in the text, a cue only when the text holds cues of one kind."""
    text = _ACCOUNT.sub(lambda m: "□" * len(m.group()), text)  # same length: positions stay valid
    pos = _value_position(text, value)
    if pos is None:
        kinds = {m.lastgroup for m in _CUE.finditer(text)}
        return kinds.pop() if len(kinds) == 1 else None  # type: ignore[return-value]
    start, end = pos
    cut = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    before = [m for m in _CUE.finditer(text, cut) if m.end() <= start]  # lookahead may see the number itself
    if before:
        return before[-1].lastgroup  # type: ignore[return-value]
    tail = text[end:end + TRAILING_CUE_CHARS]
    tail = _SENTENCE_END.split(tail, maxsplit=1)[0]
    after = _CUE.search(tail)
    return after.lastgroup if after else None  # type: ignore[return-value]


def figure_nature(snippet: str, value: Decimal | None = None, *, column_header: str | None = None,
                  title: str | None = None, doc_type: str | None = None, subtype: str | None = None) -> Nature:
    """Is this fiscal figure actual expenditure, a budgeted amount, or unknown?

    Decided by the nearest cue word around the value in its sentence or table row (the snippet carries a table
    row's column header as "header: value"), then the column header, then the document: vouchers, ledgers and
    statistics record what happened; a 部门预算批复 says what may be spent; a title naming 决算 is actual and one
    naming only a 预算 (not its 执行) is budgeted.
    """
    got = _cue_near(snippet or "", value)
    if got is None and column_header:
        got = _cue_near(column_header, None)
    if got is not None:
        return got
    if doc_type in ACTUAL_DOC_TYPES or subtype in ACTUAL_SUBTYPES:
        return "actual"
    if subtype in BUDGETED_SUBTYPES:
        return "budgeted"
    name = _ACCOUNT.sub("", title or "")
    if "决算" in name:
        return "actual"
    if "预算" in name and not re.search(r"执行|决算", name):
        return "budgeted"
    return "unknown"


def attr(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a catalog entry or record, whether a dataclass or a plain dict."""
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def fmt_decimal(d: Decimal) -> str:
    d = d.normalize()
    return f"{d.quantize(Decimal(1)):,}" if d == d.to_integral_value() else f"{d:,f}"


# ---- which figures count for the year --------------------------------------------------------------------------

COUNTED_ROLES = frozenset({"achieved", "component"})  # target/task/mention links never corroborate
NON_EVIDENCE_SUBTYPES = frozenset({"self_check_report", "info_table"})  # they state the submitted values themselves
# file names that say "this is the submission itself", in case the classifier missed the subtype
NON_EVIDENCE_NAME = re.compile(r"自查报告|填报(表|信息|数据|值|情况)|考核指标表")


def exclusion_reason(ev: Any) -> str | None:
    """Why an evidence record (rules.reconcile.Evidence) can never corroborate (None: eligible)."""
    if ev.role not in COUNTED_ROLES:
        return {"target": "目标值（规划/方案中的目标）不能佐证完成值", "task": "下达任务值不能佐证完成值",
                "mention": "仅提及指标，未给出完成值"}.get(ev.role, f"链接角色“{ev.role}”不能佐证")
    if ev.draft:
        return "征求意见稿/草案不是正式证明材料"
    if ev.subtype in NON_EVIDENCE_SUBTYPES or NON_EVIDENCE_NAME.search(ev.path.rsplit("/", 1)[-1]):
        return "自查报告/填报信息表只是重复填报值，不能佐证"
    return None


def in_period_figures(indicator: Any, evidence: Iterable[Any], window: Window) -> list[Any]:
    """Eligible evidence with a value inside the indicator's window."""
    rule = attr(indicator, "period_rule")
    return [ev for ev in evidence
            if ev.value is not None and not exclusion_reason(ev) and span_in_window(*ev.span, window, rule)]


def usable_figures(indicator: Any, evidence: Iterable[Any], year: int, units: Any) -> list[Any]:
    """Eligible in-period evidence with a value whose nature fits the year (for recomputation and checks): no
    budgeted figure beside actual ones, and only the 人大 budget when there is none."""
    figures = in_period_figures(indicator, evidence, evaluation_window(attr(indicator, "period_rule"), year))
    split = fiscal_split(indicator, figures, units)
    return [ev for ev in figures if split is None or not split.is_budgeted(ev) or split.stands_in(ev)]


# ---- budgeted vs actual figures of fiscal indicators ----------------------------------------------------------

NPC_BUDGET_SUBTYPES = frozenset({"npc_budget_resolution", "budget_report"})  # the county budget put to the 人大
FISCAL_RULES = frozenset({"fiscal_year"})
_SPENDING_NAME = re.compile(r"支出|投入|经费|资金")
BUDGET_ASIDE_NOTE = "预算数（安排数）不是实际支出：评价期内已有决算/执行数，未作比较"
BUDGET_ONLY_NOTE = "仅有预算数，缺少决算/执行数"
PARTIAL_PAYMENT_NOTE = "单张支付凭证金额小于填报值，可能只是其中一笔拨付，不作为不一致"


def is_fiscal(indicator: Any, units: Any) -> bool:
    """Fiscal-year indicators and money spending indicators: the nature of their figures (预算/决算) matters.
    ``units`` offers ``to_canonical(value, unit) -> (value, unit, dimension) | None`` (extract.facts)."""
    if attr(indicator, "period_rule") in FISCAL_RULES:
        return True
    unit = attr(indicator, "unit")
    got = units.to_canonical(Decimal(1), unit) if unit else None
    return bool(got and got[2] == "money" and _SPENDING_NAME.search(attr(indicator, "name") or ""))


def evidence_key(ev: Any) -> tuple[str, str, str]:
    """One figure of one block of one file (the same link may be recorded twice)."""
    return ev.sha256, ev.block_id, str(ev.value)


@dataclass(frozen=True)
class FiscalSplit:
    """Budgeted figures among an indicator's eligible in-period evidence, and whether any other figure exists."""

    budgeted: frozenset[tuple[str, str, str]]
    has_actual: bool

    def is_budgeted(self, ev: Any) -> bool:
        return evidence_key(ev) in self.budgeted

    def stands_in(self, ev: Any) -> bool:
        """A budgeted figure serves as the year's figure only without any actual one, and only from the county
        budget put to the 人民代表大会 (budget report or 人大决议): departmental 预算批复 or an 安排 in minutes do not."""
        return not self.has_actual and ev.subtype in NPC_BUDGET_SUBTYPES


def fiscal_split(indicator: Any, figures: Iterable[Any], units: Any) -> FiscalSplit | None:
    """Split eligible in-period evidence records (with ``value`` and ``nature``) by nature; None for indicators
    whose figures have no budget/actual nature."""
    if not is_fiscal(indicator, units):
        return None
    budgeted: set[tuple[str, str, str]] = set()
    has_actual = False
    for ev in figures:
        if ev.value is None:
            continue
        if ev.nature == "budgeted":
            budgeted.add(evidence_key(ev))
        else:
            has_actual = True
    return FiscalSplit(frozenset(budgeted), has_actual)


def budget_aside_note(ev: Any, split: FiscalSplit | None, agrees: bool | None) -> str | None:
    """Why a budgeted figure takes no part in the decision (None: it is not budgeted, or stands in and agrees)."""
    if split is None or not split.is_budgeted(ev):
        return None
    if split.has_actual:
        return BUDGET_ASIDE_NOTE
    if split.stands_in(ev):
        if agrees:
            return None
        return f"{BUDGET_ONLY_NOTE}：" + ("预算数与填报值不同不说明填报有误，未作为不一致" if agrees is False
                                         else "预算数无法与填报值比较")
    return f"{BUDGET_ONLY_NOTE}：部门预算批复或会议安排的金额不能佐证实际支出"


def budget_notes(status: str, split: FiscalSplit | None, agreeing: list[Any], aside: list[Any], listed: str,
                 year: int) -> list[str]:
    """Notes on budgeted figures: set aside next to actual ones, the only ones, or the basis of a corroboration."""
    if split is None:
        return []
    out: list[str] = []
    if split.has_actual and aside:
        out.append(f"另有预算数（安排数），不是实际支出，未作比较：{listed}")
    elif aside and status != "corroborated":
        out.append(f"{BUDGET_ONLY_NOTE}（预算数不是实际支出，不能佐证）：{listed}")
    if status == "corroborated" and agreeing and all(split.is_budgeted(e) for e in agreeing):
        out.append(f"{BUDGET_ONLY_NOTE}：按提请县人民代表大会审议的{year}年预算数核对，决算后请以决算/执行数复核")
    return out


def partial_payment(ev: Any, ev_value: Decimal, submitted: tuple[Decimal, str]) -> bool:
    """One payment voucher for less than the submitted money total: a part of it, not a contradiction."""
    return ev.doc_type == "payment_voucher" and submitted[1] == "元" and Decimal(0) < ev_value < submitted[0]


def voucher_total(parts: Iterable[tuple[str, Decimal]]) -> Decimal | None:
    """Sum of (file sha256, amount) vouchers: one amount per file; None when a file gives several amounts (its
    小写 and a different figure) or there is only one file."""
    per_file: dict[str, set[Decimal]] = {}
    for sha, value in parts:
        per_file.setdefault(sha, set()).add(value)
    if len(per_file) < 2 or any(len(v) != 1 for v in per_file.values()):
        return None
    return sum((next(iter(v)) for v in per_file.values()), Decimal(0))


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

"""Value binding: pair an indicator mention with the nearest number fact of the indicator's dimension.

Candidates are number facts (never dates, periods, years or 文号 — the fact extractor does not emit those as
numbers, and only ``kind == "number"`` is considered) in the same sentence of the same block, or in the same table
row when the mention sits in a cell (the cell fact carries the unit of its column header). A value after the mention
is preferred: a value before it counts ``BEFORE_PENALTY`` times as far. In a row whose value columns are headed by
years, the latest year's column is taken (the evaluation-year value sits right of the control year).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from collections import defaultdict
from dataclasses import dataclass, field, replace

from classifiers import cues as C
from classifiers.textfold import FOLD_CACHE_SIZE, fold_key
from extract.facts import to_canonical, unit_info
from extract.model import Block, DocClass, Fact

BEFORE_PENALTY = 2.0  # a value written before the mention counts as twice as far (Chinese puts the value after)
BEFORE_EXTRA = 8  # characters added to a value before the mention: after-values win unless much farther
MAX_SENTENCE_DISTANCE = 80  # characters: beyond this a value in the same sentence is about something else
CELL_COLUMN_DISTANCE = 8  # characters counted per column step between a row mention and a value cell
HEADING_MAX_CHARS = 24  # a numbered line this short without punctuation is a heading, not wrapped prose
MAX_CELL_SEPARATORS = 1  # "name | value" in a flattened table row is fine; across more cells the column decides
ROW_HEADER_COVERAGE = 0.5  # the name must fill ≥ 50 % of a cell (bar brackets/units) to head its row:
#                            "青川县兴旺养殖场" merely contains the alias "养殖场"

# Fact dimensions acceptable for an indicator dimension. Water volumes are filed in 万吨 (1 m³ ≈ 1 t:
# units-dates-numbers.md section 1), so mass and volume stand in for each other; day counts may come out as "time".
COMPATIBLE_DIMENSIONS: dict[str, frozenset[str]] = {
    "mass": frozenset({"mass", "volume"}),
    "volume": frozenset({"volume", "mass"}),
    "count": frozenset({"count", "time"}),
    "time": frozenset({"time", "count"}),
    "ratio": frozenset({"ratio"}),
    "money": frozenset({"money"}),
    "area": frozenset({"area"}),
    "length": frozenset({"length"}),
    "flow": frozenset({"flow"}),
    "intensity": frozenset({"intensity"}),
    "concentration": frozenset({"concentration"}),
    "energy": frozenset({"energy", "mass"}),
}

_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
# Words between a name and a number that make the number something else: a weight, a coefficient, a rank.
_NOT_ITS_VALUE = re.compile(r"权重|系数|比重为|排名|排序|第|占")  # 占: "投入X万元，占支出的…" X is not the total
_YEAR_IN_HEADER = re.compile(r"((?:19|20)\d{2})")
_CURRENT_COLUMN = re.compile(r"本年|本期|当年|今年|评价年|本年度|实际|完成|执行数|决算数|本月")
# Columns of what was planned beside what was done ("设计 | 完成", "计划数 | 实际数", "预算数 | 决算数")
PLANNED_COLUMN_RE = re.compile(r"设计|计划|目标|预算|批复|任务|规划|年初")
# Column headers of the previous period beside the current one ("本年 | 上年", "本期 | 上年同期", "上年决算数 | 本年决算数")
PREVIOUS_COLUMN_RE = re.compile(r"上年|去年|上期|同期|上年同期|上年度")
CURRENT_HEADER_RE = re.compile(r"本年|本期|当年|今年|本年度|本年实际")
# A change between the two ("本年比上年增减%", "同比增长"): never the value of a quantity
CHANGE_COLUMN_RE = re.compile(r"增减|增长|同比|比上年|增幅|降幅|变动")


def previous_only(header: str) -> bool:
    """"上年决算数", "去年同期": a header of the previous period alone (not "本年比上年…")."""
    return bool(PREVIOUS_COLUMN_RE.search(header)) and not CURRENT_HEADER_RE.search(header)


_LINE_END = re.compile(r"[。；;！!？?：:]\s*$")
_CLAUSE_MARKS = "，,；;。！？\n"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_MARKS}]")
# A printed/OCR table row: words and numbers separated by spaces, ending in a number ("农药使用量 吨 186 193").
_TABLE_ROW_LINE = re.compile(r"\S\s+\S.*[\d%]\s*$")
HEADING_RE = _HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[章节条部分]|"
                      r"\d+[、．.]\D|[附注]|表\s*\d)")


@dataclass(frozen=True)
class Passage:
    """Consecutive text blocks of one page read as one text: PDF text layers and OCR give one block per printed
    line, so a sentence (and even a name) wraps across blocks. Cells, titles and lines that look like table rows
    ("农药使用量 吨 186 193") stay passages of their own; a line ending in 。；：！？ or a heading starts a new one."""

    text: str
    parts: tuple[tuple[Block, int], ...]  # each block with the offset of its text in ``text``

    def block_at(self, pos: int) -> Block:
        chosen = self.parts[0][0]
        for block, offset in self.parts:
            if offset <= pos:
                chosen = block
        return chosen

    def facts(self, by_block: Mapping[str, list[Fact]]) -> list[tuple[Fact, tuple[int, int]]]:
        """The passage's facts with spans shifted into passage coordinates."""
        return [(f, (f.src.span[0] + off, f.src.span[1] + off)) for b, off in self.parts
                for f in by_block.get(b.id, ()) if f.src.span is not None]


def passages(blocks: list[Block]) -> list[Passage]:
    out: list[Passage] = []
    run: list[Block] = []

    def flush() -> None:
        if run:
            parts, offset = [], 0
            for b in run:
                parts.append((b, offset))
                offset += len(b.text)
            out.append(Passage("".join(b.text for b in run), tuple(parts)))
            run.clear()

    for block in blocks:
        joinable = block.kind == "text" and "|" not in block.text and not _TABLE_ROW_LINE.search(block.text)
        if run and (not joinable or block.src.page_no != run[-1].src.page_no or _LINE_END.search(run[-1].text)
                    or _HEADING.match(block.text) or run[-1].origin != block.origin):
            flush()
        run.append(block)
        if not joinable or (_HEADING.match(block.text) and len(block.text.strip()) <= HEADING_MAX_CHARS
                            and not re.search(r"[，。；,;]", block.text)):
            flush()  # a cell, a title, or a heading line such as "一、现状" stands alone
    flush()
    return out


@dataclass(frozen=True)
class Binding:
    fact: Fact
    distance: int  # characters (sentence) or column steps × CELL_COLUMN_DISTANCE (row)
    where: str  # "sentence" | "row"


def fact_fits(fact: Fact, dimension: str | None, kind: str, in_cell: bool) -> bool:
    """Whether a number fact can be the value of an indicator of this dimension and kind."""
    if fact.kind != "number" or fact.value is None:
        return False
    if "change_points" in fact.flags or ("decrease" in fact.flags and kind == "rate"):
        return False  # 提高2.3个百分点 / 下降2% is a change of a rate, not its level
    if dimension in (None, "", "none"):
        # indices have no unit: a bare number only
        return kind == "index" and fact.dimension is None
    if fact.dimension is None:
        # a bare number counts only as a count in a table cell (the header names the unit)
        return in_cell and dimension == "count" and fact.value == fact.value.to_integral_value()
    return fact.dimension in COMPATIBLE_DIMENSIONS.get(dimension, frozenset({dimension}))


def bind_in_sentence(text: str, span: tuple[int, int], facts: list[tuple[Fact, tuple[int, int]]],
                     dimension: str | None, kind: str, in_cell: bool = False) -> Binding | None:
    """Nearest fitting fact in the same sentence of ``text``; ``facts`` carry their spans in ``text``."""
    best: Binding | None = None
    best_cost = float("inf")
    for fact, (fs, fe) in facts:
        if not fact_fits(fact, dimension, kind, in_cell):
            continue
        if fs >= span[1]:
            gap, cost_factor, between = fs - span[1], 1.0, text[span[1]:fs]
        elif fe <= span[0]:
            gap, cost_factor, between = span[0] - fe, BEFORE_PENALTY, text[fe:span[0]]
        else:
            continue  # the number overlaps the name (e.g. "PM2.5")
        if ((_SENTENCE_END.search(between) and not _unit_column_noise(between, fact)) or gap > MAX_SENTENCE_DISTANCE
                or _NOT_ITS_VALUE.search(between)
                or between.count("|") > MAX_CELL_SEPARATORS):
            continue
        cost = gap * cost_factor + (BEFORE_EXTRA if fe <= span[0] else 0)
        if cost < best_cost:
            best, best_cost = Binding(fact, gap, "sentence"), cost
    return best


def _unit_column_noise(between: str, fact: Fact) -> bool:
    """An OCR'd statistics row "农作物总播种面积 公顷。 31250": the 计量单位 column followed by a stray 。/. read from
    the table rule is not a sentence end. True only when the text between is exactly the fact's unit and one mark."""
    squeezed = re.sub(r"\s+", "", between)
    return bool(fact.unit) and len(squeezed) == len(fact.unit or "") + 1 and squeezed.startswith(fact.unit or "") \
        and squeezed[-1] in "。.，,"


def _header_year(fact: Fact) -> int | None:
    years = _YEAR_IN_HEADER.findall(fact.column_header or "")
    return int(years[-1]) if years else None


_QUALIFIER = re.compile(r"[（(][^）)]*[)）]|\s+")


def heads_cell(cell_text: str, matched: str) -> bool:
    """Whether the matched name is what the cell says (not a word inside a longer name)."""
    core = _QUALIFIER.sub("", cell_text)
    return bool(core) and len(_QUALIFIER.sub("", matched)) >= ROW_HEADER_COVERAGE * len(core)


# A unit in brackets closing a row label: "城镇生活污水集中处理率（%）", "播种面积(单位：亩)".
_LABEL_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（）()]{1,8}?)\s*[)）]\s*$")


def label_unit(label: str) -> str | None:
    """The unit a row label gives in brackets at its end, when it is a known unit (else None)."""
    m = _LABEL_UNIT.search(label)
    return m.group(1) if m and unit_info(m.group(1)) is not None else None


def with_unit(fact: Fact, unit: str) -> Fact:
    """``fact`` read in ``unit``: a row label's unit governs its row's values over the unit of a column header
    (a summary row "处理率（%） | 94.40" under a "处理量（万吨）" column is a percentage)."""
    if fact.kind != "number" or fact.value is None or fact.unit == unit:
        return fact
    canon = to_canonical(fact.value, unit)
    if canon is None:
        return fact
    return replace(fact, unit=unit, canonical=canon[0], canonical_unit=canon[1], dimension=canon[2])


def bind_in_row(cell: Block, row: list[tuple[Block, Fact]], dimension: str | None, kind: str,
                matched: str) -> Binding | None:
    """A fitting fact in another cell of the mention's table row (``row`` holds that row's cell facts)."""
    if cell.cell is None or not heads_cell(cell.text, matched):
        return None
    unit = label_unit(cell.text)
    if unit is not None:
        row = [(b, with_unit(f, unit)) for b, f in row]
    fitting = [(b, f) for b, f in row if b.id != cell.id and b.cell is not None and fact_fits(f, dimension, kind, True)
               and not CHANGE_COLUMN_RE.search(f.column_header or "")]
    if not fitting:
        return None
    this_period = [(b, f) for b, f in fitting if not previous_only(f.column_header or "")]
    if this_period:
        fitting = this_period  # "上年决算数 | 本年决算数": never the previous year's figure when this year's is there
    done = [(b, f) for b, f in fitting if not PLANNED_COLUMN_RE.search(f.column_header or "")]
    if done:
        fitting = done  # "设计 | 完成": what was done, not what was planned
    current = [(b, f) for b, f in fitting if _CURRENT_COLUMN.search(f.column_header or "")]
    if current and len(current) < len(fitting):
        fitting = current  # "本年 | 上年" columns: the current period's value
    years = [(y, b, f) for b, f in fitting if (y := _header_year(f)) is not None]
    if len(years) >= 2:
        _, block, fact = max(years, key=lambda x: (x[0], x[1].cell.col if x[1].cell else 0))
    else:
        def cost(item: tuple[Block, Fact]) -> float:
            col = item[0].cell.col if item[0].cell else 0
            steps = col - cell.cell.col  # type: ignore[union-attr]
            return steps if steps > 0 else -steps * BEFORE_PENALTY
        block, fact = min(fitting, key=cost)
    steps = abs((block.cell.col if block.cell else 0) - cell.cell.col)
    return Binding(fact, steps * CELL_COLUMN_DISTANCE, "row")


TOTAL_ROW_RE = re.compile(r"合\s*计|总\s*计|共\s*计|全年|全\s*年\s*累\s*计|年度累计|累\s*计")
COLUMN_TOTAL_DISTANCE = 8  # characters-equivalent distance of a column header to its totals cell (one step)


def bind_in_column(cell: Block, column: list[tuple[Block, Fact]], left_text: dict[int, str],
                   dimension: str | None, kind: str, matched: str) -> Binding | None:
    """A ledger column headed by the indicator name: the value of its totals row (合计/总计/全年累计).
    ``left_text`` maps a row number to the text of the cells left of this column (where the totals label sits)."""
    if cell.cell is None or not heads_cell(cell.text, matched):
        return None
    totals = [(b, f) for b, f in column if b.cell is not None and b.cell.row > cell.cell.row
              and TOTAL_ROW_RE.search(left_text.get(b.cell.row, "")) and fact_fits(f, dimension, kind, True)]
    if not totals:
        return None
    return Binding(totals[-1][1], COLUMN_TOTAL_DISTANCE, "row")


_TOTAL_HEADER = re.compile(r"^\s*(合\s*计|总\s*计|总\s*量|全年合计)\s*([（(][^（）()]*[)）])?\s*$")


def bind_table_total(cells: list[Block], by_block: Mapping[str, list[Fact]], dimension: str | None,
                     kind: str) -> Binding | None:
    """A table titled with the indicator name ("XX县2023年农作物播种面积统计表"): its grand total, the cell where the
    last totals row (合计/全县合计 in the first column) meets the 合计 column — or the totals row's only fitting
    figure when there is no 合计 column."""
    grid = [b for b in cells if b.cell is not None]
    if not grid:
        return None
    first_col = min(b.cell.col for b in grid)  # type: ignore[union-attr]
    total_rows = [b.cell.row for b in grid if b.cell.col == first_col and TOTAL_ROW_RE.search(b.text)]  # type: ignore[union-attr]
    if not total_rows:
        return None
    row = max(total_rows)
    total_cols = {b.cell.col for b in grid if b.cell.row < row and _TOTAL_HEADER.match(b.text)}  # type: ignore[union-attr]
    fitting = [(b, f) for b in grid if b.cell.row == row and b.cell.col != first_col  # type: ignore[union-attr]
               for f in by_block.get(b.id, ()) if fact_fits(f, dimension, kind, True)]
    in_total = [(b, f) for b, f in fitting if b.cell.col in total_cols]  # type: ignore[union-attr]
    chosen = in_total if in_total else (fitting if len(fitting) == 1 else [])
    if len(chosen) != 1:
        return None
    return Binding(chosen[0][1], COLUMN_TOTAL_DISTANCE, "row")


def sentence_bounds(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Start and end of the sentence holding ``span``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, span[0]):
        start = m.end()
    m = _SENTENCE_END.search(text, span[1])
    return start, (m.start() if m else len(text))


def clause(text: str, span: tuple[int, int]) -> str:
    """The clause of ``text`` (between commas/semicolons and sentence ends) holding ``span``."""
    start = 0
    for mark in _CLAUSE_MARK.finditer(text, 0, span[0]):
        start = mark.end()
    end = _CLAUSE_MARK.search(text, span[1])
    return text[start:end.start() if end else len(text)]


def role_of(sentence: str, dc: DocClass, is_component: bool, own_clause: str | None = None) -> str:
    """Role of a value bound in ``sentence``: task (下达…任务), target (到20XX年/力争/会议要求/确保…, or a plan's
    sentence that is not about a past year), else component (a formula input) or achieved. A task named in another
    clause does not make a done figure a task ("下达任务二十个行政村，…，已完成十八个行政村的环境整治")."""
    task = C.TASK_RE.search(sentence) or (dc.subtype == "fund_allocation" and "下达" in sentence)
    done_apart = own_clause is not None and not C.TASK_RE.search(own_clause) and C.DONE_RE.search(own_clause)
    if task and not done_apart:
        return "task"
    plan_like = dc.doc_type == "plan" or dc.subtype == "notice_issuing_plan" or bool(
        dc.title and C.PLAN_LIKE_TITLE_RE.search(dc.title))
    past = bool(C.PAST_RE.search(sentence))
    if not past:
        reference = dc.period_start or dc.doc_date
        years = [int(y) for y in C.YEAR_RE.findall(sentence)]
        past = bool(reference and years and max(years) < reference.year and plan_like)
    if C.TARGET_STRONG_RE.search(sentence) and not past:
        return "target"
    if plan_like and not past:
        return "target"
    return "component" if is_component else "achieved"


@dataclass
class TableIndex:
    """Per-document lookups built once by ``link``: facts by block, table rows/columns/cells, a voucher's amount."""

    by_block: Mapping[str, list[Fact]]
    voucher_amount: Fact | None = None
    rows: dict[tuple[int, int, int], list[tuple[Block, Fact]]] = field(default_factory=lambda: defaultdict(list))
    columns: dict[tuple[int, int, int], list[tuple[Block, Fact]]] = field(default_factory=lambda: defaultdict(list))
    cells: dict[tuple[int, int], list[Block]] = field(default_factory=lambda: defaultdict(list))
    # printed (not gridded) tables: page → position of a "本年 上年" column-header line; block id → position
    year_header: dict[int, int] = field(default_factory=dict)
    # printed (not gridded) tables: page → [(position, years)] of header lines naming year columns ("2024年 2025年")
    year_columns: dict[int, list[tuple[int, tuple[int, ...]]]] = field(default_factory=lambda: defaultdict(list))
    order: dict[str, int] = field(default_factory=dict)
    captions: dict[str, tuple[int, int]] = field(default_factory=dict)  # caption block id → (page, table)
    task_heads: set[str] = field(default_factory=set)  # heading blocks whose paragraph assigns work (会议要求…)

    def left_text(self, header: Block) -> dict[int, str]:
        """Per row of the header's table: the text of the cells left of the header's column."""
        out: dict[int, str] = defaultdict(str)
        if header.cell is None:
            return out
        for b in self.cells.get((header.src.page_no, header.cell.table), []):
            if b.cell is not None and b.cell.col < header.cell.col:
                out[b.cell.row] += b.text
        return out


def voucher_amount(facts: list[Fact], blocks: Mapping[str, Block]) -> Fact | None:
    """The amount a payment voucher moves: the largest money figure on a line or row labelled 金额/小写/¥."""
    found = [f for f in facts if f.kind == "number" and f.dimension == "money" and f.canonical is not None
             and C.VOUCHER_AMOUNT_RE.search(" ".join((f.snippet, f.row_header or "", f.raw,
                                                       blocks[f.block_id].text if f.block_id in blocks else "")))]
    return max(found, key=lambda f: f.canonical or 0) if found else None


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def _subjects(text: str) -> frozenset[int]:
    """The subject groups (``cues.SUBJECT_GROUPS``) that ``text`` speaks of; memoised, as the same indicator names
    and sentences are asked for every mention."""
    return frozenset(n for n, words in enumerate(C.SUBJECT_GROUPS) if any(w in text for w in words))


def subject_conflict(indicator_name: str, phrase: str, context: str, cell_text: str = "") -> bool:
    """True when ``phrase`` names no subject itself, the indicator's name does, and the context speaks of other
    subjects only (see ``cues.SUBJECT_GROUPS``). The mention's own cell decides first: "渗滤液处理量" in a refuse
    ledger is the leachate's, not the refuse's 处理量."""
    own = _subjects(fold_key(indicator_name))
    if not own or _subjects(phrase):
        return False
    near = _subjects(fold_key(cell_text)) if cell_text else frozenset()
    if near:
        return not (near & own)
    around = _subjects(fold_key(context))
    return bool(around) and not (around & own)

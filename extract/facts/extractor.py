"""extract_facts(doc): every number (with its unit) and date/period of every block, with provenance.

Table cells without a unit of their own take one from, in order: the column header ("金额（万元）"), a
"单位"/"计量单位" cell of the same row, the row header, a caption cell of the same table ("单位：万元") or a
caption block above the table on the same page ("（单位：万吨）", "金额单位：元", "（计量单位：亩）"); the fact is
flagged "unit_from_header", "unit_from_unit_column", "unit_from_row_header" or "unit_from_caption". A row that holds
a single value and names its own unit ("城镇生活污水集中处理率（%） | 94.40" under a ledger's "进水量（万吨）") takes
its own unit. A number carried the unit % while it and its neighbours are ≤ 1 ("0.812" under "地膜回收率（%）") keeps
its value and is flagged "fraction_of_percent_column". A factor ("按供水量×0.85折算") takes no carried unit. In a
table-like text line (OCR rows such as "化肥施用量 吨 4860 5015") a free-standing unit token applies to the
free-standing numbers ("unit_from_row").
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from extract.facts.dates import DateMatch, parse_dates
from extract.facts.numbers import NumberMatch, parse_numbers
from extract.facts.text_norm import fold
from extract.facts.units import match_unit, to_canonical
from extract.model import Block, CellRef, Document, Fact, Page, Source

log = logging.getLogger(__name__)

CAPTION_LOOKBACK_BLOCKS = 6  # non-cell blocks above a table searched for its "单位：…" caption
_CAPTION_RE = re.compile(r"单\s*位\s*[:：]\s*(?:人民币)?\s*")  # "单位：万元", "金额单位：元", "粪污量单位：吨"
_HEADER_UNIT_RE = re.compile(r"[（(\[【]\s*(?P<unit>[^（()）\]】]{1,10})\s*[)）\]】]\s*$|[/／]\s*(?P<unit2>[^/／]{1,8})$")
_AMBIGUOUS_AFTER_UNIT = "、/和及或"  # "单位：万元、%" names two units: carry neither
_NON_QUANTITY_HEADER = re.compile(r"序号|编号|代码|年份|年度|日期|时间|电话|号码|邮编|文号|账号|批次|排名|名次")
_NO_NUMBER_HEADER = re.compile(r"序号|编号|代码|电话|号码|邮编|文号|账号|证号|排名|名次|编码")
_DATE_HEADER = re.compile(r"日期|时间|年月|期间|月份")
_SENTENCE_SPLIT = re.compile(r"[。；;！!？?\n]")
_PURE_NUMBER = re.compile(r"\s*[-+]?[\d,，.．０-９]+\s*%?\s*")
_ROW_NOISE = re.compile(r"[\s|]")


def _leading_unit(text: str) -> tuple[str | None, bool]:
    """(unit, unit-like) for text that should start with a unit: "公顷（县域…）" → ("公顷", True);
    "万元、%" → (None, True) (two units: ambiguous); "卫生填埋" → (None, False)."""
    t = fold(text).strip()
    hit = match_unit(t, 0)
    if hit is None:
        return None, False
    rest = t[hit[2]:]
    if rest[:1] and (rest[0] in _AMBIGUOUS_AFTER_UNIT or (rest[0].isascii() and rest[0].isalnum())):
        return None, True
    return hit[1], True


def _whole_unit(text: str) -> str | None:
    """The unit when ``text`` is nothing but a unit ("吨", "公顷", "mg/L")."""
    t = fold(text).strip()
    hit = match_unit(t, 0)
    return hit[1] if hit is not None and hit[2] == len(t) else None


def header_unit(header: str | None) -> tuple[str | None, bool]:
    """(unit, header states its own unit) for headers such as "金额（万元）", "面积/公顷", "存栏量（头/只）"."""
    if not header:
        return None, False
    folded = fold(header).strip()
    if folded.endswith(("%", "‰")) and len(folded) > 1:
        return folded[-1], True  # "本年比上年增减%", "占比%": the header's own unit, over a "单位：万元" caption
    m = _HEADER_UNIT_RE.search(folded)
    if m:
        unit, unit_like = _leading_unit(m.group("unit") or m.group("unit2"))
        if unit_like:
            return unit, True
    unit = caption_unit(folded)
    return unit, unit is not None


def caption_unit(text: str) -> str | None:
    """The unit of a caption such as "（单位：万吨）" or "填报单位：XX局  面积单位：公顷" (first that is a unit)."""
    folded = fold(text)
    for m in _CAPTION_RE.finditer(folded):
        unit, _ = _leading_unit(folded[m.end():m.end() + 16])
        if unit:
            return unit
    return None


def caption_pair(text: str) -> tuple[str, str] | None:
    """A caption naming a unit and percent, "单位：公顷、%" / "单位：万元，%": (the unit, "%") — the rate rows take %,
    the others the unit (``_cell_unit``)."""
    folded = fold(text)
    for m in _CAPTION_RE.finditer(folded):
        rest = folded[m.end():m.end() + 16]
        hit = match_unit(rest, 0)
        if hit is None or hit[1] == "%":
            continue
        tail = rest[hit[2]:].lstrip()
        if tail[:1] and tail[0] in _AMBIGUOUS_AFTER_UNIT + "，," and tail[1:].lstrip().startswith("%"):
            return hit[1], "%"
    return None


_RATE_LABEL = re.compile(r"率|比例|比重|占比|覆盖度")  # a row label whose value is a percentage


def _table_captions(page: Page) -> dict[int, str | tuple[str, str]]:
    """Caption unit per table index on a page: a caption cell of the table or a caption block above it; a
    (unit, "%") pair for a caption naming both."""
    captions: dict[int, str | tuple[str, str]] = {}
    recent: list[Block] = []
    for block in page.blocks:
        if block.kind != "cell" or block.cell is None:
            recent.append(block)
            continue
        table = block.cell.table
        if table not in captions:
            for prev in reversed(recent[-CAPTION_LOOKBACK_BLOCKS:]):
                unit = caption_pair(prev.text) or caption_unit(prev.text)
                if unit:
                    captions[table] = unit
                    break
        recent = []
    for block in page.blocks:  # a caption cell (often a merged first row) overrides the block above
        if block.cell is not None and (unit := caption_pair(block.text) or caption_unit(block.text)):
            captions[block.cell.table] = unit
    return captions


_UNIT_COLUMN = re.compile(r"^\s*(?:计量)?单\s*位\s*$")


def _row_units(page: Page) -> dict[tuple[int, int], str]:
    """Unit per (table, row) from a "单位"/"计量单位" column (指标 | 单位 | 数值 tables)."""
    units: dict[tuple[int, int], str] = {}
    for block in page.blocks:
        cell = block.cell
        if cell is not None and cell.column_header and _UNIT_COLUMN.match(fold(cell.column_header)):
            if unit := _whole_unit(block.text):
                units[(cell.table, cell.row)] = unit
    return units


@dataclass(frozen=True)
class _Tables:
    """Per-page table context for carrying units to bare cell numbers."""

    captions: dict[int, str | tuple[str, str]]  # table -> caption unit, or (unit, "%") for "单位：公顷、%"
    row_units: dict[tuple[int, int], str]  # (table, row) -> unit of its "单位" cell
    row_values: dict[tuple[int, int], list[Decimal]]  # (table, row) -> its bare-number cells
    col_values: dict[tuple[int, int], list[Decimal]]  # (table, col) -> its bare-number cells


def _page_tables(page: Page) -> _Tables:
    rows: dict[tuple[int, int], list[Decimal]] = {}
    cols: dict[tuple[int, int], list[Decimal]] = {}
    for block in page.blocks:
        cell = block.cell
        text = fold(block.text)
        if cell is None or _PURE_NUMBER.fullmatch(text) is None:
            continue
        try:
            value = Decimal(re.sub(r"[\s,，%]", "", text).replace("．", "."))
        except InvalidOperation:
            continue  # "1.2.3": not one number
        rows.setdefault((cell.table, cell.row), []).append(value)
        cols.setdefault((cell.table, cell.col), []).append(value)
    return _Tables(_table_captions(page), _row_units(page), rows, cols)


PERIOD_YEAR_WEIGHT = 2  # votes of a period's year against 1 for a full date when choosing the document's year


def _doc_year(doc: Document) -> int | None:
    """The year the document speaks of: the most frequent year of its dates and periods, a period ("2024年",
    "2024年3月") weighing more than a full date (often the signing or 报出 date, early in the following year)."""
    years: Counter[int] = Counter()
    for page in doc.pages:
        for block in page.blocks:
            for d in parse_dates(block.text):
                if d.start is not None and d.end is not None and d.start.year == d.end.year:
                    years[d.start.year] += PERIOD_YEAR_WEIGHT if d.kind == "period" else 1
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _snippet(block: Block, span: tuple[int, int]) -> str:
    if block.cell is not None:
        parts = [p for p in (block.cell.row_header, block.cell.column_header) if p]
        head = " … ".join(parts)
        return f"{head}: {block.text.strip()}" if head else block.text.strip()
    text = block.text
    starts = [0] + [m.end() for m in _SENTENCE_SPLIT.finditer(text) if m.end() <= span[0]]
    end_m = _SENTENCE_SPLIT.search(text, span[1])
    return text[starts[-1]:end_m.end() if end_m else len(text)].strip()


WRAP_MARGIN_LINE_HEIGHTS = 2.0  # a line ending within 2 line heights (pt) of the page's right text edge wrapped
_LINE_JOIN_FORMATS = frozenset({"pdf", "image", "text"})  # formats whose text blocks are visual lines
_TOKEN_HEAD = re.compile(r"[0-9,.\-—–A-Za-z/]*")
_SAFE_JOIN_START = "年月日号%‰"


def extract_facts(doc: Document) -> list[Fact]:
    """Facts of every block of every page, in reading order. Never raises for odd text.

    A text block that only repeats the cells just before it (an XLSX row rendered as "a | b | c") is skipped:
    the cells carry the same facts with their headers and units. In PDFs, scans and text files a number cut by a
    line wrap ("…总投资1,8" / "60万元，…") is read across the break, flagged "crosses_line".
    """
    facts: list[Fact] = []
    year = _doc_year(doc)
    for page in doc.pages:
        tables = _page_tables(page)
        join_lines = page.ocr or doc.format in _LINE_JOIN_FORMATS
        right_edge = max((b.src.bbox[2] for b in page.blocks if b.cell is None and b.src.bbox), default=None)
        cell_run: list[str] = []
        skip = 0
        blocks = page.blocks
        for i, block in enumerate(blocks):
            if block.cell is not None:
                cell_run.append(_ROW_NOISE.sub("", block.text))
                facts.extend(_block_facts(block, year, tables)[0])
                skip = 0
                continue
            repeats_row = _repeats_cells(block.text, cell_run)
            cell_run = []
            if repeats_row:
                skip = 0
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            tail = nxt.text if join_lines and nxt is not None and _wraps_into(block, nxt, right_edge) else ""
            found, skip = _block_facts(block, year, tables, tail, skip)
            facts.extend(found)
    return facts


def _repeats_cells(text: str, cell_run: list[str]) -> bool:
    """A row rendered as text ("林地 | 有林地 | 198,240.10 | 61.63%") after its cells: every part holding a digit
    is one of those cells (a merged first cell may appear in the text but not in the row's cells)."""
    if not cell_run:
        return False
    parts = [_ROW_NOISE.sub("", part) for part in text.split("|")]
    cells = set(cell_run)
    return all(part in cells for part in parts if any(ch.isdigit() for ch in part))


def _wraps_into(block: Block, nxt: Block, right_edge: float | None) -> bool:
    """Whether a number or date at the end of ``block`` continues at the start of the next line ``nxt``."""
    a, b = fold(block.text), fold(nxt.text)
    if nxt.cell is not None or nxt.kind == "seal" or not a or not b or a[-1].isspace() or b[0].isspace():
        return False
    if not (a[-1].isdigit() or a[-1] in ",.") or any(ch.isspace() for ch in a[-8:]):
        return False  # a table row ("吨 4860 5015") ends in a free-standing number: not a wrapped line
    if b[0] in _SAFE_JOIN_START or (not b[0].isdigit() and match_unit(b, 0) is not None):
        return True
    box = block.src.bbox
    if not (b[0].isdigit() or b[0] in ",.") or box is None or right_edge is None:
        return False
    return right_edge - box[2] <= WRAP_MARGIN_LINE_HEIGHTS * (box[3] - box[1])


_FREE_TOKEN = re.compile(r"(?:(?<=\s)|^)([^\s0-9]{1,10}?)[.。]?(?=\s|$)", re.M)


_LABEL_WITH_UNIT = re.compile(r"(?:(?<=\s)|^)(\S*[（(][^（()）\s]{1,10}[)）])(?=\s|$)", re.M)


def _row_unit_tokens(text: str) -> list[tuple[int, int, str]]:
    """Unit tokens of a table-like line, (start, end, unit): a free-standing unit ("化肥施用量 (折纯) 吨 4860
    5015") or a label ending in its unit ("进水总量（万吨） 412.34", an OCR'd or text-layer table row)."""
    folded = fold(text)
    tokens = [(m.start(1), m.end(1), unit) for m in _FREE_TOKEN.finditer(folded)
              if (unit := _whole_unit(m.group(1)))]
    tokens += [(m.start(1), m.end(1), unit) for m in _LABEL_WITH_UNIT.finditer(folded)
               if (unit := header_unit(m.group(1))[0])]
    return sorted(tokens)


def _row_unit(text: str, span: tuple[int, int], tokens: list[tuple[int, int, str]]) -> str | None:
    """The unit column of a table-like line for a free-standing bare number: the nearest unit token before it
    on the same line, else the one after it ("化学需氧量 68 100 mg/L")."""
    if span[0] > 0 and not text[span[0] - 1].isspace() or span[1] < len(text) and not text[span[1]].isspace():
        return None
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = len(text) if (k := text.find("\n", span[1])) < 0 else k
    before = [u for s, e, u in tokens if line_start <= s and e <= span[0]]
    after = [u for s, e, u in tokens if span[1] <= s and e <= line_end]
    return before[-1] if before else (after[0] if after else None)


def _block_facts(block: Block, year: int | None, tables: _Tables, tail: str = "", skip: int = 0
                 ) -> tuple[list[Fact], int]:
    """Facts of one block (parsed with ``tail``, the wrapped next line, appended) and how many characters of the
    next line a fact crossing the break consumed."""
    if not block.text.strip() or block.kind == "seal":
        return [], 0
    cell = block.cell
    carried: str | None = None
    carried_flag = ""
    is_pure_cell = cell is not None and _PURE_NUMBER.fullmatch(fold(block.text)) is not None
    if cell is not None:
        carried, carried_flag = _cell_unit(cell, tables, is_pure_cell)
    date_header = cell is not None and bool(_DATE_HEADER.search(cell.column_header or ""))
    text, own = block.text + tail, len(block.text)
    dates = [] if is_pure_cell and carried and not date_header else parse_dates(text, default_year=year)
    keep_year = is_pure_cell and carried is not None and not date_header
    numbers = parse_numbers(text, keep_year_like=keep_year)
    if cell is not None and _NO_NUMBER_HEADER.search(f"{cell.column_header or ''} {cell.row_header or ''}"):
        numbers = []  # row numbers and codes are not quantities
    date_spans = [d.span for d in dates]
    items: list[NumberMatch | DateMatch] = [
        n for n in numbers if not any(a < n.span[1] and n.span[0] < b for a, b in date_spans)]
    items += dates
    items = sorted((m for m in items if skip <= m.span[0] < own), key=lambda m: m.span[0])
    consumed = len(_TOKEN_HEAD.match(fold(tail)).group(0)) if tail else 0  # type: ignore[union-attr]
    tokens = _row_unit_tokens(block.text) if cell is None else []
    out: list[Fact] = []
    for item in items:
        crossing = item.span[1] > own
        if crossing:
            consumed = max(consumed, item.span[1] - own)
        n = len(out) + 1
        if isinstance(item, DateMatch):
            fact = _date_fact(block, n, item)
        elif tokens and item.unit is None and (unit := _row_unit(block.text, item.span, tokens)):
            fact = _number_fact(block, n, item, unit, "unit_from_row")
        elif carried is not None and _FACTOR_BEFORE.search(fold(text[max(0, item.span[0] - 3):item.span[0]])):
            fact = _number_fact(block, n, item, None, "")  # "按供水量×0.85折算": a factor, not a quantity
        else:
            fact = _number_fact(block, n, item, carried, carried_flag)
            if cell is not None and _fraction_of_percent(fact, item, cell, carried_flag, tables):
                fact = replace(fact, flags=(*fact.flags, "fraction_of_percent_column"))
        if crossing:
            fact = replace(fact, src=replace(fact.src, span=(item.span[0], own)),
                           flags=(*fact.flags, "crosses_line"))
        out.append(fact)
    return out, consumed


def _cell_unit(cell: CellRef, tables: _Tables, is_pure_cell: bool) -> tuple[str | None, str]:
    """The unit a bare number in this cell is in, and where it came from ("" when none).

    The column header's unit comes first, except in a row that holds a single value and names its own unit
    ("城镇生活污水集中处理率（%） | 94.40" appended under a ledger's "进水量（万吨）" column, in a table whose other
    rows hold several values): that row's label describes its one value, the column header the record rows."""
    col_h = cell.column_header or ""
    row_unit, row_own = header_unit(cell.row_header)
    single = (is_pure_cell and len(tables.row_values.get((cell.table, cell.row), ())) == 1
              and any(len(v) > 1 for (t, _), v in tables.row_values.items() if t == cell.table))
    if row_own and row_unit and single:
        return row_unit, "unit_from_row_header"
    if _NON_QUANTITY_HEADER.search(col_h):
        return None, ""
    unit, own = header_unit(col_h)
    if own:
        return unit, "unit_from_header" if unit else ""  # a header with its own (even unknown) unit blocks captions
    if unit := tables.row_units.get((cell.table, cell.row)):
        return unit, "unit_from_unit_column"
    if row_own:
        return row_unit, "unit_from_row_header" if row_unit else ""
    caption = tables.captions.get(cell.table)
    if isinstance(caption, tuple):  # "单位：公顷、%": the 森林覆盖率 row in %, the 林地面积 row in 公顷
        caption = caption[1] if _RATE_LABEL.search(cell.row_header or "") else caption[0]
    return caption, "unit_from_caption" if caption else ""


FRACTION_MAX = Decimal(1)  # a "%" cell whose written value and every neighbour are ≤ 1 looks like a stored fraction
_FACTOR_BEFORE = re.compile(r"(?:[×*xX]|乘以?|系数)\s*$")


def _fraction_of_percent(fact: Fact, item: NumberMatch, cell: CellRef, flag: str, tables: _Tables) -> bool:
    """A bare number such as 0.812 given the unit % by its header, unit column or caption while every number
    in the same column (header, caption) or row (unit column, row label) is ≤ 1: probably a fraction (81.2%)
    written under a percent heading. The value stays as written; the flag lets the rules see it."""
    if fact.unit not in ("%", "‰") or item.unit is not None or not flag or "." not in item.raw:
        return False
    if not (0 < abs(fact.value or 0) <= FRACTION_MAX):  # type: ignore[operator]
        return False
    by_row = flag in ("unit_from_unit_column", "unit_from_row_header")
    peers = tables.row_values.get((cell.table, cell.row)) if by_row else tables.col_values.get((cell.table, cell.col))
    return all(abs(v) <= FRACTION_MAX for v in peers or ())


def _source(block: Block, span: tuple[int, int]) -> Source:
    return Source(sha256=block.src.sha256, page_no=block.src.page_no, bbox=block.src.bbox, span=span)


def _number_fact(block: Block, n: int, m: NumberMatch, carried: str | None, carried_flag: str) -> Fact:
    unit, flags = m.unit, list(m.flags)
    value: Decimal = m.value
    if unit is None and carried is not None:
        unit = carried
        if carried_flag:
            flags.append(carried_flag)
    canon = to_canonical(value, unit) if unit else None
    if m.high is not None:
        flags.append(f"high={m.high}")
    return Fact(id=f"{block.id}/f{n}", block_id=block.id, kind="number", raw=m.raw, src=_source(block, m.span),
                value=value, unit=unit, canonical=canon[0] if canon else None,
                canonical_unit=canon[1] if canon else None, dimension=canon[2] if canon else None,
                approx=m.approx, flags=tuple(flags), snippet=_snippet(block, m.span),
                row_header=block.cell.row_header if block.cell else None,
                column_header=block.cell.column_header if block.cell else None)


def _date_fact(block: Block, n: int, d: DateMatch) -> Fact:
    kind = "date" if d.kind == "date" else "period"
    flags = list(d.flags) + [f"reading={a.isoformat()}" for a in d.alternatives]
    return Fact(id=f"{block.id}/f{n}", block_id=block.id, kind=kind, raw=d.raw, src=_source(block, d.span),
                start=d.start, end=d.end, flags=tuple(flags), snippet=_snippet(block, d.span),
                row_header=block.cell.row_header if block.cell else None,
                column_header=block.cell.column_header if block.cell else None)

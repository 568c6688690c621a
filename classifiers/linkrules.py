"""Further link rules used by ``classifiers.linker``: formula inputs without their own catalog entry, the previous
year's column of a statistics table, administrative-unit counts ("辖8个镇、3个乡，186个行政村"), table captions that
name an indicator (their table's total), an acceptance report's project area, and the resolution of conflicting
links (one value binds one indicator; a title match inside a longer indicator name).

Rows of a table under such a caption are deliberately NOT linked as parts of its total, nor "8个镇" and "3个乡" as
parts of the town count: reconciliation compares every achieved/component value with the filed figure, so a part
would corroborate a county that filed one part as the whole. The town count is linked as the sum instead.

Kept apart from the linker so each module stays readable; every rule here is generic (catalog-driven or a written
convention of statistics tables and bulletins), never keyed to one document's wording.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from classifiers import cues as C
from classifiers.binding import (COMPATIBLE_DIMENSIONS, CURRENT_HEADER_RE, PREVIOUS_COLUMN_RE, fact_fits,
                                 sentence_bounds)
from classifiers.textfold import fold_key
from extract.facts import to_canonical
from extract.model import Block, Fact, Link

logger = logging.getLogger(__name__)

LOCAL_MIN_PHRASE_CHARS = 3  # "水田"/"旱地" (2 characters) are too common to be read as a formula input alone
# "where film_used = 地膜使用量（吨）, film_recovered = …": a formula's local input with its Chinese description
_LOCAL_DEF = re.compile(r"(\w+)\s*=\s*([\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z.·]*)\s*(?:[（(]([^，,）)]{1,8})[，,）)])?")


# "全县辖8个镇、3个乡，186个行政村": a jurisdiction sentence states the county's units; only there is "N个镇" a count
ADMIN_SENTENCE_RE = re.compile(r"辖|下设|设有|共有|现有|建制")
# unit word right after "N个" (text folded: 苏木 → 乡镇, 嘎查 → 村): the parts of one sentence add up to the count
# (towns = 镇 + 乡 + 苏木: "辖8个镇、3个乡" is 11 towns)
ADMIN_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^个?(乡镇|镇|乡)(?![政村])"), "town_count"),
    (re.compile(r"^个?(行政村|建制村|村)(?!民|庄|级|内)"), "admin_village_count"),
)
# A statistics table's row labelled with the unit word alone ("嘎查村 | 个 | 96", "行政村 | 个 | 186"): the count of
# that unit (the folded label, 嘎查 → 村, after dropping 数/个数/数量). "乡镇" is an alias of the town count already.
ADMIN_ROW_LABELS: dict[str, str] = {"村": "admin_village_count", "行政村": "admin_village_count",
                                    "建制村": "admin_village_count"}
ADMIN_SCORE = 0.85  # a count read from "N个镇" in a jurisdiction sentence: no indicator name, but an exact convention


@dataclass(frozen=True)
class LocalInput:
    indicator_id: str  # the indicator whose formula uses it
    phrase: str  # folded description ("地膜使用量")
    dimension: str  # of its unit, or of the indicator for a sum


def local_inputs(indicators: Iterable[Any]) -> list[LocalInput]:
    """Formula inputs written ``local.x … where x = 描述（单位）``: sub-quantities without an entry of their own.
    A described input is a component of its indicator; its dimension is that of the unit in brackets, or — for a
    sum of parts — the indicator's own. Ratios whose input has no unit are skipped (the dimension is unknown)."""
    out: list[LocalInput] = []
    for ind in indicators:
        formula = ind.formula or ""
        if "local." not in formula or " where " not in formula:
            continue
        expr, _, defs = formula.partition(" where ")
        names = set(re.findall(r"local\.(\w+)", expr))
        for m in _LOCAL_DEF.finditer(defs):
            if m.group(1) not in names:
                continue
            phrase = fold_key(m.group(2))
            canon = to_canonical(Decimal(1), m.group(3)) if m.group(3) else None
            dimension = canon[2] if canon else (ind.dimension if ind.dimension not in ("ratio", "none", None) and
                                                "/" not in expr else None)
            if dimension is None or len(phrase) < LOCAL_MIN_PHRASE_CHARS:
                logger.debug("local input %r of %s not linkable", m.group(2), ind.id)
                continue
            out.append(LocalInput(ind.id, phrase, dimension))
    return out


def previous_year(start: date | None, end: date | None) -> tuple[date | None, date | None]:
    """The same period one year earlier (29 February falls back to the 28th)."""
    def back(d: date | None) -> date | None:
        if d is None:
            return None
        try:
            return d.replace(year=d.year - 1)
        except ValueError:
            return d.replace(year=d.year - 1, day=28)
    return back(start), back(end)


def previous_in_row(chosen: Fact, row: list[tuple[Block, Fact]], dimension: str | None, kind: str) -> Fact | None:
    """In a table row whose value columns are 本年 | 上年, the previous period's value beside the chosen one."""
    if not CURRENT_HEADER_RE.search(chosen.column_header or ""):
        return None
    prev = [f for b, f in row if f.id != chosen.id and PREVIOUS_COLUMN_RE.search(f.column_header or "")
            and not CURRENT_HEADER_RE.search(f.column_header or "") and fact_fits(f, dimension, kind, True)]
    return prev[0] if len(prev) == 1 else None


def header_order(header_text: str) -> bool:
    """A printed column-header line that names the current period before the previous one ("本年 上年")."""
    cur, prev = CURRENT_HEADER_RE.search(header_text), PREVIOUS_COLUMN_RE.search(header_text)
    return bool(cur and prev and cur.start() < prev.start())


def previous_in_line(chosen: Fact, facts: list[tuple[Fact, tuple[int, int]]], dimension: str | None,
                     kind: str) -> Fact | None:
    """On a printed table row ("地膜使用量 吨 1120 1146") under a "本年 上年" header line: the fitting number right
    after the chosen one is the previous year's."""
    spans = {f.id: s for f, s in facts}
    if chosen.id not in spans:
        return None
    after = sorted(((s, f) for f, s in facts if s[0] >= spans[chosen.id][1] and f.kind == "number"),
                   key=lambda x: x[0])
    if not after or not fact_fits(after[0][1], dimension, kind, False):
        return None
    nxt = after[0][1]
    if nxt.dimension not in COMPATIBLE_DIMENSIONS.get(chosen.dimension or "", frozenset({chosen.dimension})):
        return None
    return nxt


_YEAR_COLUMN = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?![\u4e00-\u9fff]{2})")
YEAR_HEADER_MAX_CHARS = 80  # a column-header line is short and holds no sentence


def year_columns(text: str) -> tuple[int, ...] | None:
    """The years of a printed column-header line, in column order ("指标名称 计量单位 2024年 2025年 增减（%）" →
    (2024, 2025)); None for a line that is not such a header."""
    if len(text) > YEAR_HEADER_MAX_CHARS or re.search(r"[，。；,;]", text):
        return None
    years = tuple(int(y) for y in _YEAR_COLUMN.findall(text))
    return years if len(years) >= 2 and len(set(years)) == len(years) else None


def year_column_values(chosen: Fact, facts: list[tuple[Fact, tuple[int, int]]], after: int,
                       years: tuple[int, ...]) -> dict[int, Fact] | None:
    """On a printed row under a year-column header: the number of each year column, read in order after the name
    (a row "化肥施用量（折纯） 吨 12,486.0 12,035.4 -3.6" under "… 2024年 2025年 增减（%）"). None when the row
    does not have a number per year column or the bound number is not among them."""
    numbers = sorted(((s, f) for f, s in facts if f.kind == "number" and s[0] >= after), key=lambda x: x[0])
    if len(numbers) < len(years) or all(f.id != chosen.id for _, f in numbers[:len(years)]):
        return None
    return {year: f for year, (_, f) in zip(years, numbers)}


def admin_counts(text: str, facts: list[tuple[Fact, tuple[int, int]]]) -> dict[tuple[int, str], list[Fact]]:
    """(sentence start, indicator id) → the "N个镇/乡/行政村" facts of a jurisdiction sentence in ``text``."""
    out: dict[tuple[int, str], list[Fact]] = defaultdict(list)
    for fact, (_, fe) in facts:
        if fact.kind != "number" or fact.dimension != "count" or fact.value is None:
            continue
        if fact.value != fact.value.to_integral_value():
            continue
        start = max(text.rfind(c, 0, fe) for c in "。；;！？\n") + 1
        if not ADMIN_SENTENCE_RE.search(text[start:fe]):
            continue
        tail = fold_key(text[fe:fe + 6])
        for pattern, ind_id in ADMIN_UNITS:
            if pattern.match(tail):
                out[(start, ind_id)].append(fact)
                break
    return out


def operation_statements(text: str) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """(facility span, sentence bounds, indicator id) of each sentence of ``text`` that states a facility's
    operating state after naming it (cues.OPERATION_STATEMENTS); one per indicator and sentence."""
    out: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    for facility, state, ind_id in C.OPERATION_STATEMENTS:
        seen: set[tuple[int, int]] = set()
        for m in facility.finditer(text):
            bounds = sentence_bounds(text, m.span())
            if bounds not in seen and state.search(text, m.end(), bounds[1]):
                seen.add(bounds)
                out.append((m.span(), bounds, ind_id))
    return out


def one_indicator_per_value(links: list[Link]) -> list[Link]:
    """A value bound from two different mentions to two indicators (雨污分流 … 新建污水管网6.8公里) belongs to the
    nearer mention only; ties keep both. The same mention read as several indicators (a shared alias) is kept."""
    by_fact: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        if link.fact_id and link.rule in ("name", "alias", "fuzzy") and link.distance is not None:
            by_fact[link.fact_id].append(link)
    dropped: set[int] = set()
    for group in by_fact.values():
        if len({l.indicator_id for l in group}) < 2 or len({(l.block_id, l.matched) for l in group}) < 2:
            continue
        nearest = min(l.distance for l in group if l.distance is not None)
        for link in group:
            if (link.distance or 0) > nearest:
                dropped.add(id(link))
    return [l for l in links if id(l) not in dropped]


def inside_named(span: tuple[int, int], title: str, names: Iterable[tuple[str, str]], own: str) -> bool:
    """Whether a title match at ``span`` overlaps the full catalog name of another indicator written in the title
    ("污染防治规划" inside "农业面源污染防治规划" names 农业面源污染防治, not precise pollution control).
    ``names``: (indicator id, folded name) pairs."""
    for ind_id, name in names:
        if ind_id == own or len(name) < 4:
            continue
        k = title.find(name)
        while k >= 0:
            if k < span[1] and span[0] < k + len(name) and (k, k + len(name)) != span:
                return True
            k = title.find(name, k + 1)
    return False


CAPTION_MAX_CHARS = 60  # characters: a table caption ("表1 2024年生态环境保护与治理投入安排表（单位：万元）"), not prose
_CAPTION_RE = re.compile(r"表")


def table_captions(blocks: list[Block]) -> dict[str, tuple[int, int]]:
    """Caption block id → (page, table) for each gridded table whose preceding block is a caption line."""
    out: dict[str, tuple[int, int]] = {}
    seen: set[tuple[int, int]] = set()
    for prev, block in zip(blocks, blocks[1:]):
        if block.cell is None or (block.src.page_no, block.cell.table) in seen:
            continue
        seen.add((block.src.page_no, block.cell.table))
        if (prev.cell is None and prev.src.page_no == block.src.page_no and len(prev.text.strip()) <= CAPTION_MAX_CHARS
                and _CAPTION_RE.search(prev.text)):
            out[prev.id] = (block.src.page_no, block.cell.table)
    return out



SCALE_LOOKBACK = 12  # characters before an area figure searched for 面积/规模 ("修复治理面积86.5公顷")
_SCALE_RE = re.compile(r"(面积|规模)[为达约共计:：]{0,3}$")


def project_scale(blocks: list[Block], by_block: Any) -> Fact | None:
    """The area an acceptance report states for its project ("修复治理面积86.5公顷"): the first area figure written
    right after 面积/规模 (the hectares a restoration project treated)."""
    for block in blocks:
        for fact in by_block.get(block.id, ()):
            if fact.kind != "number" or fact.dimension != "area" or fact.src.span is None:
                continue
            before = fold_key(block.text[max(0, fact.src.span[0] - SCALE_LOOKBACK):fact.src.span[0]])
            if _SCALE_RE.search(before):
                return fact
    return None

"""Indicator links: bind each indicator mention of a document to a value, a role and a period.

Mentions come from ``classifiers.mentions.MentionFinder``. A mention binds the nearest fact of the indicator's
dimension in its sentence or table row (a percentage for a rate, a mass for 化肥施用量 …), never a date or a document
number; its role (achieved, component, target, task, mention) comes from the sentence and the document type; its
period from dates in the sentence, a year in the column header, else the document's period. Shared and loose
aliases are candidates decided by context: the dimension of a bound value and whether the document type is one the
indicator expects. Document-level links (minutes held, a project accepted, a plan issued) and the rules of
``classifiers.linkrules`` complete the picture.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from classifiers import cues as C
from classifiers.binding import (HEADING_MAX_CHARS, HEADING_RE, Binding, Passage, TableIndex, bind_in_column,
                                 bind_in_row, bind_in_sentence, bind_table_total, clause, fact_fits, passages, role_of,
                                 sentence_bounds, subject_conflict, voucher_amount)
from classifiers.linkrules import (ADMIN_SCORE, ADMIN_SENTENCE_RE, admin_counts, header_order, inside_named,
                                   one_indicator_per_value, operation_statements, previous_in_line, previous_in_row,
                                   previous_year, project_scale, table_captions, year_column_values, year_columns)
from classifiers.mentions import Mention, MentionFinder
from classifiers.sections import Section, split_sections
from classifiers.textfold import fold_key
from extract.facts import to_canonical
from extract.facts.text_norm import fold
from extract.model import Block, DocClass, Document, Fact, Link

if TYPE_CHECKING:
    from rules.catalog import Catalog

logger = logging.getLogger(__name__)

SHORT_PHRASE_CHARS = 3  # aliases this short need a bound value of the right dimension to count
RULE_SCORE = {"name": 0.95, "alias": 0.8, "fuzzy": 0.65, "table_row": 0.9, "doc_type": 0.6}  # base confidence
DISTANCE_HALF = 40.0  # characters at which the binding-distance factor falls to one half
MENTION_FACTOR = 0.5  # an unbound mention is half as strong as a bound value
TYPE_MISFIT_FACTOR = 0.75  # the document type is not one the indicator lists as evidence
SHARED_ALIAS_FACTOR = 0.8  # an alias shared by several indicators, kept without a value to decide it
MAX_MENTIONS_PER_INDICATOR = 3  # unbound mentions kept per indicator and document (long plans repeat names)
NO_LEADER_FACTOR = 0.7  # minutes that do not name a principal leader (县委书记/县长) evidence the joint item weakly
PREVIOUS_FACTOR = 0.9  # the 上年 column's value: read by column position, one step less direct than the current one
TASK_OPENING_CHARS = 12  # a paragraph "opens with" a task cue (会议要求，…) within its first 12 characters
SCALE_FACTOR = 0.9  # an accepted project's area read after 面积/规模: the document names no indicator beside it
PHOTO_FACTOR = 0.8  # a site photo supports a facility item; it is no record of the operation itself
ZERO_FACTOR = 0.8  # "未发生…事件" read as zero: a reading of a negation, weaker than a written number
SHARE_FACTOR = 0.9  # a share read from "占…的X%" after an amount: one step removed from the named indicator
SHARE_LOOKBACK = 24  # characters before the percentage searched for "占…"
VOUCHER_DISTANCE = 20  # characters-equivalent distance of a voucher's 用途 mention to its amount (another row)
SNIPPET_CHARS = 300  # characters of the sentence/row kept as the link snippet

def _indicators(catalog: "Catalog") -> list[Any]:
    items = catalog.indicators
    return list(items.values()) if isinstance(items, Mapping) else list(items)


class IndicatorLinker:
    """Links a document's passages and table rows to catalog indicators (see the module docstring)."""

    def __init__(self, catalog: "Catalog") -> None:
        self.catalog = catalog
        self.indicators: dict[str, Any] = {ind.id: ind for ind in _indicators(catalog)}
        self.components: frozenset[str] = frozenset(i for ind in self.indicators.values() for i in (ind.inputs or ()))
        # amount id → ratio indicators whose formula divides that amount by something (first formula input)
        self.share_of: dict[str, tuple[str, ...]] = defaultdict(tuple)
        for ind in self.indicators.values():
            if ind.dimension == "ratio" and ind.inputs and len(ind.inputs) >= 2:
                self.share_of[ind.inputs[0]] += (ind.id,)
        self.finder = MentionFinder(self.indicators)
        self.by_phrase = self.finder.by_phrase
        self.names = [(ind.id, ind.name) for ind in self.indicators.values()]  # for title-overlap checks

    # -- linking --------------------------------------------------------------------------------------------------
    def link(self, doc: Document, facts: list[Fact], docclass: DocClass,
             sections: "list[Section] | None" = None) -> list[Link]:
        """Links of ``doc``. In a bound compilation (``sections``, found here when not given) a mention takes the
        type and dates of the document it sits in."""
        if sections is None:
            sections = split_sections(doc, facts)
        blocks = [b for p in doc.pages for b in p.blocks if b.kind != "seal" and b.text.strip()]
        by_block: dict[str, list[Fact]] = defaultdict(list)
        for f in facts:
            by_block[f.block_id].append(f)
        block_by_id = {b.id: b for b in blocks}
        ctx = TableIndex(by_block, voucher_amount=voucher_amount(facts, block_by_id)
                      if docclass.doc_type == "payment_voucher" else None)
        for n, b in enumerate(blocks):
            ctx.order[b.id] = n
            if b.cell is None and b.src.page_no not in ctx.year_header and header_order(b.text):
                ctx.year_header[b.src.page_no] = n
            if b.cell is None and (years := year_columns(b.text)):
                ctx.year_columns[b.src.page_no].append((n, years))
            if b.cell is not None:
                ctx.cells[(b.src.page_no, b.cell.table)].append(b)
                for f in by_block.get(b.id, ()):
                    ctx.rows[(b.src.page_no, b.cell.table, b.cell.row)].append((b, f))
                    ctx.columns[(b.src.page_no, b.cell.table, b.cell.col)].append((b, f))
        ctx.captions = table_captions(blocks)
        links: list[Link] = []
        parts = [(s.docclass, [b for b in blocks if s.holds(b.src.page_no)]) for s in sections] or [(docclass, blocks)]
        for dc, part_blocks in parts:
            units = passages(part_blocks)
            for head, body in zip(units, units[1:]):
                if (len(head.parts) == 1 and HEADING_RE.match(head.text) and len(head.text) <= HEADING_MAX_CHARS
                        and C.TASK_CONTEXT_RE.search(body.text[:TASK_OPENING_CHARS])):
                    ctx.task_heads.add(head.parts[0][0].id)
            for m in self.finder.mentions(units, fold_key(dc.title or "")) + self.finder.composed(units, ctx):
                links.extend(self._links_for(m, dc, ctx))
            for unit in units:
                links.extend(self._admin_counts(unit, dc, ctx))
                links.extend(self._operation(unit, dc, ctx))
        links = one_indicator_per_value(links)
        if sections:
            for section in sections:
                part = replace(doc, pages=tuple(p for p in doc.pages if section.holds(p.page_no)))
                links.extend(self._doc_level(part, section.docclass,
                                             [b for b in blocks if section.holds(b.src.page_no)], ctx))
        else:
            links.extend(self._doc_level(doc, docclass, blocks, ctx))
        return _dedupe(links)

    def _links_for(self, m: Mention, dc: DocClass, ctx: TableIndex) -> list[Link]:
        patterns = self.by_phrase.get(m.phrase, ())
        shared = len(patterns) > 1
        text = m.passage.text
        cell = m.block.cell
        row = ctx.rows.get((m.block.src.page_no, cell.table, cell.row), []) if cell else []
        block_facts = m.passage.facts(ctx.by_block)
        s0, s1 = sentence_bounds(text, m.span)
        sentence = text[s0:s1]
        if C.OTHER_PREFIX_RE.search(text[max(0, m.span[0] - 2):m.span[0]]):
            return []  # "其他…支出" names a residual sub-item, not the indicator
        if (m.phrase in C.ADMIN_UNIT_PHRASES and all(p.rule == "alias" for p in patterns)
                and C.NAME_TAIL_BEFORE_RE.search(text[max(0, m.span[0] - 1):m.span[0]])):
            return []  # "巴彦塔拉苏木" is a place, not the 苏木 (town) count
        if m.phrase in C.ADMIN_UNIT_PHRASES and all(p.rule == "alias" for p in patterns) and cell is None and (
                not ADMIN_SENTENCE_RE.search(sentence) or re.search(r"\d\s*个?$", text[max(0, m.span[0] - 3):m.span[0]])):
            # in prose a unit word is a count only in a jurisdiction sentence ("新建5个乡镇污水处理站" is none); "N个镇"
            # there is read whole (镇 + 乡 + 苏木) by _admin_counts, "共辖苏木镇8个" here
            return []
        unfiled = bool(C.NOT_FILED_QUALIFIER_RE.match(text[m.span[1]:m.span[1] + 8]))
        zero = bool(C.NONE_OCCURRED_RE.search(text[s0:m.span[0]]))
        candidates: list[tuple[Pattern, Binding | None]] = []
        context = " ".join((dc_title(dc), sentence, (cell.row_header or "") if cell else "",
                            (cell.column_header or "") if cell else ""))
        for pat in patterns:
            ind = self.indicators[pat.indicator_id]
            if subject_conflict(ind.name, pat.phrase, context, m.block.text if cell is not None else ""):
                continue  # "处理量" in a sewage plant's ledger is not the refuse indicator's 处理量
            binding = None
            dimension, kind = (pat.dimension, "quantity") if pat.rule == "local" else (ind.dimension, ind.kind)
            if ind.kind == "quantity" and C.RATE_WORD_RE.search(pat.phrase):
                dimension, kind = "ratio", "rate"  # "化肥利用率" under a quantity item: its % (a target only, below)
            own = pat.rule != "local"  # a formula input is read only beside its own value
            if kind not in ("qualitative", "composite") and not zero and not unfiled:
                binding = bind_in_sentence(text, m.value_span or m.span, block_facts, dimension, kind, cell is not None)
                if binding is None and cell is not None:
                    binding = bind_in_row(m.block, row, dimension, kind, m.matched)
                if binding is None and own and ctx.voucher_amount is not None and ind.dimension == "money":
                    binding = Binding(ctx.voucher_amount, VOUCHER_DISTANCE, "row")  # the voucher's one amount
                if binding is None and own and cell is not None and self._caption_cell(m.block, dc, ctx):
                    binding = bind_table_total(ctx.cells.get((m.block.src.page_no, cell.table), []), ctx.by_block,
                                               ind.dimension, ind.kind)  # the table's title names the indicator
                if binding is None and own and cell is not None:
                    binding = bind_in_column(m.block, ctx.columns.get((m.block.src.page_no, cell.table, cell.col), []),
                                             ctx.left_text(m.block), ind.dimension, ind.kind, m.matched)
                if binding is None and own and cell is None and m.block.id in ctx.captions and ind.kind == "quantity":
                    binding = bind_table_total(ctx.cells.get(ctx.captions[m.block.id], []), ctx.by_block,
                                               dimension, kind)  # a caption naming the indicator: the table's total
                if binding is None and own and ind.kind == "quantity":
                    # "到2030年，化肥施用量较2023年下降8%": a planned change of a quantity, in percent
                    binding = bind_in_sentence(text, m.value_span or m.span, block_facts, "ratio", "quantity",
                                               cell is not None)
            if (binding is not None and binding.fact.dimension == "ratio" and ind.dimension != "ratio"
                    and role_of(sentence, dc, False) != "target"):
                binding = None  # a percentage is never the achieved value of a quantity
            candidates.append((pat, binding))
        if shared and any(b for _, b in candidates):
            candidates = [(p, b) for p, b in candidates if b is not None]
            if len(candidates) > 1 and any(p.rule == "name" for p, _ in candidates):
                candidates = [(p, b) for p, b in candidates if p.rule == "name"]  # same fit: the one it names
        elif shared and any(p.rule == "name" for p, _ in candidates):
            candidates = [(p, b) for p, b in candidates if p.rule == "name"]  # unbound: the indicator it names
        out: list[Link] = []
        for pat, binding in candidates:
            ind = self.indicators[pat.indicator_id]
            fits_type = dc.doc_type in (ind.evidence_types or ())
            is_zero = zero and ind.kind == "count" and bool(ind.unit)
            if binding is None and pat.rule == "local":
                continue  # a formula input's description is evidence only with its value
            if binding is None and zero and ind.kind in ("qualitative", "composite"):
                # "未发生突发环境事件" is the statement the events item asks for: achieved, without a value
                score = RULE_SCORE[pat.rule] * (1.0 if fits_type else TYPE_MISFIT_FACTOR) * ZERO_FACTOR
                out.append(self._make(pat.indicator_id, m, pat.rule, score, "achieved", None, None,
                                      *self._period(m, None, block_facts, row, (s0, s1), dc), sentence))
                continue
            # a count's name names the things counted ("规模养殖场"): assigning work on them is no task of counting
            task = binding is None and not is_zero and ind.kind != "count" and self._assigned(m, sentence, ctx)
            if binding is None and not is_zero and pat.rule == "alias" and (
                    len(pat.phrase) <= SHORT_PHRASE_CHARS or not (fits_type or task)):
                continue  # an alias with no value and no expected document type (or assigned task) to decide it
            rule = "fuzzy" if m.rule == "fuzzy" else ("table_row" if binding and binding.where == "row" else
                                                      ("alias" if pat.rule == "local" else pat.rule))
            score = RULE_SCORE[rule] * (m.ratio / 100.0 if m.rule in ("fuzzy", "subject") else 1.0)
            if binding is not None:
                score *= 1.0 / (1.0 + binding.distance / DISTANCE_HALF)
            elif not is_zero:
                score *= MENTION_FACTOR
            score *= 1.0 if fits_type else TYPE_MISFIT_FACTOR
            score *= SHARED_ALIAS_FACTOR if shared and binding is None else 1.0
            start, end = self._period(m, binding, block_facts, row, (s0, s1), dc)
            by_year = self._year_columns(m, binding, block_facts, ctx) if binding is not None else None
            if by_year is not None:  # a printed table with year columns: the latest year's column, dated by it
                year = max(by_year)
                if fact_fits(by_year[year], dimension, kind, False):
                    binding = replace(binding, fact=by_year[year])
                    start, end = date(year, 1, 1), date(year, 12, 31)
            if binding is not None:
                role = role_of(sentence, dc, pat.indicator_id in self.components or pat.rule == "local",
                               clause(text, m.span))
                out.append(self._make(pat.indicator_id, m, rule, score, role, binding.fact, binding.distance,
                                      start, end, binding.fact.snippet if binding.where == "row" else sentence))
                prev = (self._previous(m, binding, row, block_facts, ctx, dimension, kind) if by_year is None
                        else by_year.get(max(by_year) - 1))
                if prev is not None:
                    out.append(self._make(pat.indicator_id, m, rule, score * PREVIOUS_FACTOR, role, prev,
                                          binding.distance, *previous_year(start, end),
                                          prev.snippet if binding.where == "row" else sentence))
                out.extend(self._shares(pat.indicator_id, m, rule, score, dc, block_facts, text, (s0, s1),
                                        start, end))
            elif is_zero:
                value = Decimal(0)
                canon = to_canonical(value, ind.unit)
                out.append(Link(indicator_id=pat.indicator_id, block_id=m.block.id, src=m.block.src, rule=rule,
                                matched=m.matched, score=round(score * ZERO_FACTOR, 3), role="achieved", value=value,
                                unit=ind.unit, canonical=canon[0] if canon else None,
                                canonical_unit=canon[1] if canon else None, distance=0, period_start=start,
                                period_end=end, snippet=sentence.strip()[:SNIPPET_CHARS]))
            else:
                out.append(self._make(pat.indicator_id, m, rule, score, "task" if task else "mention", None, None,
                                      start, end, sentence))
        return out

    def _admin_counts(self, unit: Passage, dc: DocClass, ctx: TableIndex) -> list[Link]:
        """"全县辖8个镇、3个乡，186个行政村": the county's towns (the sum of its 镇, 乡 and 苏木) and villages. A sum
        is a value without a fact of its own (only a count stated in one number keeps its fact)."""
        facts = unit.facts(ctx.by_block)
        spans = {f.id: s for f, s in facts}
        out: list[Link] = []
        for (s0, ind_id), parts in admin_counts(unit.text, facts).items():
            if ind_id not in self.indicators:
                continue
            ind = self.indicators[ind_id]
            first, last = spans[parts[0].id], spans[parts[-1].id]
            m = Mention(unit, unit.block_at(first[0]), (first[0], last[1]), unit.text[first[0]:last[1]],
                         ind.name, "alias")
            bounds = sentence_bounds(unit.text, first)
            start, end = self._period(m, None, facts, [], bounds, dc)
            score = ADMIN_SCORE * (1.0 if dc.doc_type in (ind.evidence_types or ()) else TYPE_MISFIT_FACTOR)
            link = self._make(ind_id, m, "alias", score, "achieved", parts[0], 0, start, end,
                              unit.text[bounds[0]:bounds[1]])
            if len(parts) > 1:
                total = sum((p.value for p in parts if p.value is not None), Decimal(0))
                canon = to_canonical(total, ind.unit)
                link = replace(link, fact_id=None, value=total, unit=ind.unit, canonical=canon[0] if canon else None,
                               canonical_unit=canon[1] if canon else None)
            out.append(link)
        return out

    def _operation(self, unit: Passage, dc: DocClass, ctx: TableIndex) -> list[Link]:
        """"县城污水处理厂…出水水质稳定达到一级A标准": a reported operating state evidences the facility's operation
        item (achieved, no value); the same words in a target or task sentence do not."""
        out: list[Link] = []
        for span, (s0, s1), ind_id in operation_statements(unit.text):
            sentence = unit.text[s0:s1]
            if ind_id not in self.indicators or role_of(sentence, dc, False) != "achieved":
                continue
            m = Mention(unit, unit.block_at(span[0]), span, unit.text[span[0]:span[1]], ind_id, "alias")
            fits = dc.doc_type in (self.indicators[ind_id].evidence_types or ())
            score = RULE_SCORE["alias"] * MENTION_FACTOR * (1.0 if fits else TYPE_MISFIT_FACTOR)
            start, end = self._period(m, None, unit.facts(ctx.by_block), [], (s0, s1), dc)
            out.append(self._make(ind_id, m, "alias", score, "achieved", None, None, start, end, sentence))
        return out

    @staticmethod
    def _year_columns(m: Mention, binding: Binding, facts: list[tuple[Fact, tuple[int, int]]],
                      ctx: TableIndex) -> dict[int, Fact] | None:
        """Year → value of a printed row under the nearest year-column header line above it on the page."""
        if binding.where != "sentence" or m.block.cell is not None or len(m.passage.parts) != 1:
            return None
        here = ctx.order.get(m.block.id, -1)
        headers = [years for n, years in ctx.year_columns.get(m.block.src.page_no, ()) if n < here]
        if not headers:
            return None
        return year_column_values(binding.fact, facts, m.span[1], headers[-1])

    @staticmethod
    def _assigned(m: Mention, sentence: str, ctx: TableIndex) -> bool:
        """Whether a mention without a value assigns work: a 会议要求/议定 sentence, a cell of a 任务/议定事项 column,
        or a heading ("二、关于农业面源污染防治工作") whose paragraph opens with 会议要求."""
        cell = m.block.cell
        if cell is not None:
            return bool(C.TASK_CONTEXT_RE.search(cell.column_header or ""))
        return bool(C.TASK_CONTEXT_RE.search(sentence) or C.TASK_RE.search(sentence)) or m.block.id in ctx.task_heads

    @staticmethod
    def _previous(m: Mention, binding: Binding, row: list[tuple[Block, Fact]],
                  facts: list[tuple[Fact, tuple[int, int]]], ctx: TableIndex, dimension: str | None,
                  kind: str) -> Fact | None:
        """The previous year's value beside the bound one: a 上年 column of the same row (a grid, or a printed row
        under a "本年 上年" header line of the page)."""
        if binding.where == "row":
            return previous_in_row(binding.fact, row, dimension, kind)
        header = ctx.year_header.get(m.block.src.page_no)
        if (header is None or len(m.passage.parts) != 1 or m.block.cell is not None
                or ctx.order.get(m.block.id, -1) <= header):
            return None
        return previous_in_line(binding.fact, facts, dimension, kind)

    @staticmethod
    def _caption_cell(block: Block, dc: DocClass, ctx: TableIndex) -> bool:
        """A cell holding the table's title: the document title, or the only filled cell of the table's top row."""
        if block.cell is None:
            return False
        if dc.title and fold_key(block.text).strip() in dc_title(dc):
            return True
        table = ctx.cells.get((block.src.page_no, block.cell.table), [])
        top = min((b.cell.row for b in table if b.cell is not None), default=block.cell.row)
        return block.cell.row == top and not any(b.cell is not None and b.cell.row == top and b.id != block.id
                                                 for b in table)

    def _shares(self, amount_id: str, m: Mention, rule: str, score: float, dc: DocClass,
                facts: list[tuple[Fact, tuple[int, int]]], text: str, bounds: tuple[int, int], start: Any,
                end: Any) -> list[Link]:
        """"…投入22,420万元，占一般公共预算支出的7.82%": the percentage after 占 is the share indicator whose
        formula divides this amount by a total."""
        out: list[Link] = []
        for rate_id in self.share_of.get(amount_id, ()):
            for f, (fs, _) in facts:
                if (f.kind == "number" and f.dimension == "ratio" and m.span[1] <= fs < bounds[1]
                        and C.SHARE_RE.search(text[max(m.span[1], fs - SHARE_LOOKBACK): fs])
                        and "change_points" not in f.flags):
                    role = role_of(text[bounds[0]:bounds[1]], dc, rate_id in self.components)
                    out.append(self._make(rate_id, m, rule, score * SHARE_FACTOR, role, f, fs - m.span[1],
                                          start, end, text[bounds[0]:bounds[1]]))
                    break
        return out

    @staticmethod
    def _make(indicator_id: str, m: Mention, rule: str, score: float, role: str, fact: Fact | None,
              distance: int | None, start: Any, end: Any, snippet: str) -> Link:
        return Link(
            indicator_id=indicator_id, block_id=m.block.id, src=m.block.src, rule=rule, matched=m.matched,
            score=round(score, 3), role=role, fact_id=fact.id if fact else None,
            value=fact.value if fact else None, unit=fact.unit if fact else None,
            canonical=fact.canonical if fact else None, canonical_unit=fact.canonical_unit if fact else None,
            distance=distance, period_start=start, period_end=end, snippet=snippet.strip()[:SNIPPET_CHARS])

    @staticmethod
    def _period(m: Mention, binding: Binding | None, facts: list[tuple[Fact, tuple[int, int]]],
                row: list[tuple[Block, Fact]], bounds: tuple[int, int], dc: DocClass) -> tuple[Any, Any]:
        # dates and periods written out in the sentence; relative ones ("全年", "本年度") take the document's period
        near = [(f, fs) for f, (fs, _) in facts if f.kind in ("date", "period") and f.start
                and bounds[0] <= fs < bounds[1] and re.search(r"\d", fold(f.raw))]
        if m.block.cell is not None:
            near += [(f, m.span[0]) for _, f in row if f.kind in ("date", "period") and f.start]
        if binding is not None and binding.where == "row":
            year = re.findall(r"((?:19|20)\d{2})\s*年?", binding.fact.column_header or "")
            if not near and year:
                y = int(year[-1])
                return date(y, 1, 1), date(y, 12, 31)
        if m.block.cell is None and near:
            # a date after the value in another clause speaks of something else ("…已完成18个，剩余2个顺延至2025年")
            text = m.passage.text
            own = clause(text, m.span)
            start = text.rfind(own, 0, m.span[1]) if own else -1
            near = [(f, fs) for f, fs in near if fs < m.span[0] or (start >= 0 and fs < start + len(own))]
        if near:
            chosen = min(near, key=lambda item: abs(item[1] - m.span[0]))[0]
            return chosen.start, chosen.end
        return (dc.period_start or dc.doc_date), (dc.period_end or dc.doc_date)

    def _doc_level(self, doc: Document, dc: DocClass, blocks: list[Block], ctx: TableIndex) -> list[Link]:
        if not blocks:
            return []
        title = dc.title or ""
        text = doc.text
        anchor = next((b for b in blocks if dc.title and fold_key(b.text)[:6] in fold_key(title)),
                      blocks[0])
        out: list[Link] = []
        for types, where, pattern, ind_id in C.DOC_LEVEL_LINKS:
            if dc.doc_type not in types or ind_id not in self.indicators:
                continue
            if where == "photo_path" and dc.subtype != "photo":
                continue
            stem = doc.path.rsplit("/", 1)[-1]
            # titles are matched with the file name too (a scan's OCR title may be partial); photos by name and text
            haystack = {"title": f"{title} {stem}", "text": text}.get(where, f"{doc.path} {text}")
            m = pattern.search(haystack)
            if not m or (where == "title" and inside_named(m.span(), haystack, self.names, ind_id)):
                continue  # "污染防治规划" read inside "农业面源污染防治规划": the longer name is the subject
            score = RULE_SCORE["doc_type"] * dc.confidence ** 0.5
            # the document itself is the evidence (minutes held, project accepted, plan issued): achieved when the
            # indicator expects this document type; a 初步/交工 acceptance or an unexpected type only mentions it
            fits = dc.doc_type in (self.indicators[ind_id].evidence_types or ())
            if where == "photo_path":
                # a dated site photo of the facility (watermark time) is supporting evidence of its operation
                # (evidence-types.md §10: photos for the living-environment and restoration items); undated, a mention
                fits = (dc.doc_date or dc.period_start) is not None
                score *= PHOTO_FACTOR
            role = "achieved" if fits and dc.subtype != "preliminary_acceptance" else "mention"
            if ind_id == "party_gov_joint_eco_protection" and not C.PRINCIPAL_LEADER_RE.search(text):
                score *= NO_LEADER_FACTOR
            out.append(Link(indicator_id=ind_id, block_id=anchor.id, src=anchor.src, rule="doc_type",
                            matched=m.group(0), score=round(score, 3), role=role,
                            period_start=dc.period_start or dc.doc_date, period_end=dc.period_end or dc.doc_date,
                            snippet=(title or anchor.text)[:300]))
            scale = (project_scale(blocks, ctx.by_block) if role == "achieved" and dc.doc_type == "acceptance_report"
                     and self.indicators[ind_id].kind == "qualitative" else None)
            if scale is not None:  # the accepted project's treated area, as the document-level value
                block = next(b for b in blocks if b.id == scale.block_id)
                out.append(replace(out[-1], block_id=block.id, src=scale.src, score=round(score * SCALE_FACTOR, 3),
                                   fact_id=scale.id, value=scale.value, unit=scale.unit, canonical=scale.canonical,
                                   canonical_unit=scale.canonical_unit, distance=0, snippet=scale.snippet[:300]))
        return out


def dc_title(dc: DocClass) -> str:
    return fold_key(dc.title or "")


def _dedupe(links: list[Link]) -> list[Link]:
    """One link per bound fact and indicator; at most MAX_MENTIONS_PER_INDICATOR unbound mentions per indicator,
    none when the indicator has a bound value in the document (document-level links are kept)."""
    best: dict[tuple[str, Any], Link] = {}
    mentions: dict[str, list[Link]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for link in sorted(links, key=lambda l: l.rule != "doc_type"):
        if link.value is not None:
            # the same value for the same indicator on the same page is one piece of evidence (a table row and its
            # flattened text line, a figure repeated in a summary)
            key = (link.indicator_id, (link.src.page_no, link.canonical if link.canonical is not None else link.value,
                                       link.role))
            if key not in best or link.score > best[key].score:
                best[key] = link
        elif (link.indicator_id, link.block_id, link.matched) not in seen:
            seen.add((link.indicator_id, link.block_id, link.matched))
            mentions[link.indicator_id].append(link)
    out = list(best.values())
    bound = {link.indicator_id for link in out}
    # the document itself evidences the indicator (an accepted project, an issued plan): its title mention is redundant
    bound |= {l.indicator_id for items in mentions.values() for l in items if l.rule == "doc_type" and l.role == "achieved"}
    for ind_id, items in mentions.items():
        if ind_id in bound:
            # a bare mention adds nothing beside a bound value; an assigned task and the document itself do
            items = [l for l in items if l.rule == "doc_type" or l.role == "task"]
        items.sort(key=lambda l: (l.rule != "doc_type", -l.score))
        out.extend(items[:MAX_MENTIONS_PER_INDICATOR])
    return out

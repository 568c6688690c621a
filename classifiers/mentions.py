"""Where a document names catalog indicators: the mention finder the linker binds values to.

Matching: ``spacy.blank("zh")`` with one token per character and a ``PhraseMatcher(attr="TEXT")`` built from the
catalog's names and aliases, registered as ``ecoaudit.indicator_linker.v1`` (spaCy misc registry; the component
factory is ``ecoaudit_indicator_linker_v1`` because spaCy forbids dots there). Character tokens were chosen over
jieba words on purpose: a phrase then always aligns with token boundaries, whatever the segmenter would have cut
("集中处理率达到" must still match "集中处理率"). Text is folded first, one character to one (full-width →
half-width, a few traditional forms, "川类"/"III类" → "Ⅲ类", spaces removed), keeping a map back to the original
offsets. Beyond exact names: gapped aliases ("完成整治…的村"), coordinated heads ("化肥、农药使用量"), headers and
counts completed from the title ("清运量", "已划定保护区6处", "水源地7处"), names split between a row label and a
column header ("林地 | 小计 | 面积"), and on OCR blocks rapidfuzz ``partial_ratio`` for dropped or misread characters.
"""
from __future__ import annotations

import logging
import operator
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import spacy
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from classifiers import cues as C
from classifiers.binding import Passage, TableIndex
from classifiers.linkrules import ADMIN_ROW_LABELS, local_inputs
from classifiers.textfold import fold_for_match, fold_key
from extract.model import Block
from rules.catalog import GAP

logger = logging.getLogger(__name__)

VERSIONED_NAME = "ecoaudit.indicator_linker.v1"  # registry name (spacy.registry.misc) of the matcher factory
COMPONENT_NAME = "ecoaudit_indicator_linker_v1"  # spaCy forbids "." in component factory names: same name, underscored
SPAN_KEY = "indicators"
MIN_PHRASE_CHARS = 2  # a one-character alias ("乡") matches everywhere: never used
FUZZY_MIN_PHRASE_CHARS = 6  # fuzzy matching only for names long enough that one lost character is still telling
FUZZY_MIN_SCORE = 88.0  # rapidfuzz partial_ratio (0–100): one dropped/misread character in a 9–12 character name
COORD_MIN_HEAD, COORD_MAX_HEAD = 2, 4  # characters of a coordinated head ("化肥" in "化肥农药减量")
COORD_SEPARATORS = "、和与及"  # between coordinated heads: "化肥、农药使用量"
SUBJECT_MIN_PREFIX = 2  # the part of a name the title supplies ("生活垃圾") has at least 2 characters
SUBJECT_MIN_SUFFIX = 3  # and the header cell at least 3 ("清运量"): shorter tails are too common
SUBJECT_RATIO = 85.0  # a header completed from the title scores like an 85 % fuzzy match
QUALIFIER_MIN_CHARS = 4  # a qualifier read alone ("已划定保护区") has at least 4 characters: shorter ones are common
COUNTED_MIN_CHARS = 5  # what a count counts, read by a tail only when the whole is this long ("乡镇集中式饮用水水源地")
_GAP_FILL = r"[^，,。；;：:！？!?]{0,12}"  # what a gapped alias's "…" stands for: up to 12 characters of one clause
_PAREN_TAIL = re.compile(r"[（(][^（）()]*[)）]\s*$")  # "面积（公顷）": a unit note after a header
_SUBTOTAL_LABEL = re.compile(r"小\s*计|合\s*计|总\s*计|计|全县|全\s*部|[-—/／]*")  # label cells that add no subject
_COUNT_AFTER_TAIL = r"(?=(?:共|总数|数量|个数|数)?[为:：]?\d+\s*[个处座家条所])"  # "水源地7处", "水源地共7个"
SENTENCE_HEAD_MIN_CHARS = 4  # a name's head read from earlier in the sentence is at least 4 characters ("集中式饮用水水源地")
_HEADER_QUALIFIERS = ("进场", "入场", "累计", "全年", "实际", "本月", "当月", "年度")  # before a header's name
_LABEL_LINE = re.compile(r"^([\u4e00-\u9fff]{3,12})[:：]")  # a line "label：value" ("综合利用率：92.4%")
_COUNTED_SUFFIX = re.compile(r"(数量|个数|总数|数)$")


@dataclass(frozen=True)
class Pattern:
    indicator_id: str
    phrase: str  # folded
    rule: str  # "name" | "alias" | "local" (a formula input described in the formula, a component)
    dimension: str | None = None  # of a "local" input (its own unit), else the indicator's


@spacy.registry.misc(VERSIONED_NAME)
@Language.factory(COMPONENT_NAME, default_config={"patterns": []})
def make_indicator_matcher(nlp: Language, name: str, patterns: list[dict[str, str]]) -> "IndicatorMatcher":
    return IndicatorMatcher(nlp, patterns)


class IndicatorMatcher:
    """Pipeline component: sets ``doc.spans["indicators"]`` (label = the folded phrase), longest match wins."""

    def __init__(self, nlp: Language, patterns: list[dict[str, str]]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="TEXT")
        phrases = sorted({p["phrase"] for p in patterns})
        for phrase in phrases:
            self.matcher.add(phrase, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc, as_spans=True)  # label = the phrase's match id
        doc.spans[SPAN_KEY] = _uncontained(spans)
        return doc


def _uncontained(spans: list[Span]) -> list[Span]:
    """Longest match wins over matches inside it ("城镇污水处理率" hides "污水处理率"), but two names that only
    overlap are both read: "…环境质量监测经费" is the monitoring ("环境质量监测") and its funding ("监测经费")."""
    kept: list[tuple[int, int, Span]] = []  # token offsets (one token per character here)
    for start, end, span in sorted(((sp.start, sp.end, sp) for sp in spans), key=lambda t: (t[0] - t[1], t[0])):
        if not any(ks <= start and end <= ke for ks, ke, _ in kept):
            kept.append((start, end, span))
    return [span for _, _, span in sorted(kept, key=lambda t: t[0])]


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Mention:
    passage: Passage
    block: Block  # the block where the mention starts
    span: tuple[int, int]  # in the passage text
    matched: str
    phrase: str
    rule: str  # "name" | "alias" | "fuzzy"
    ratio: float = 100.0
    # where a value is looked for around, when not the whole mention: a gapped alias's head ("完成…行政村的环境整治"
    # holds its count in the gap: "已完成十八个行政村的环境整治")
    value_span: tuple[int, int] | None = None


class MentionFinder:
    """Finds indicator mentions in passages (see the module docstring); built once per catalog."""

    def __init__(self, indicators: dict[str, Any]) -> None:
        self.indicators = indicators
        by_phrase: dict[str, list[Pattern]] = defaultdict(list)
        # "完成整治…的村": an alias with a gap, found by a regular expression in running text
        self.gapped: list[tuple[re.Pattern[str], str, int]] = []  # (expression, phrase, length of its head)
        for ind in self.indicators.values():
            for text, rule in [(ind.name, "name")] + [(a, "alias") for a in (ind.aliases or ())]:
                phrase = fold_key(text)
                if GAP in phrase:
                    parts = [re.escape(p) for p in phrase.split(GAP)]
                    self.gapped.append((re.compile(_GAP_FILL.join(parts)), phrase, len(phrase.split(GAP)[0])))
                if len(phrase) < MIN_PHRASE_CHARS:
                    logger.debug("alias %r of %s too short to match", text, ind.id)
                    continue
                if all(p.indicator_id != ind.id for p in by_phrase[phrase]):
                    by_phrase[phrase].append(Pattern(ind.id, phrase, rule))
        for li in local_inputs(self.indicators.values()):
            if all(p.indicator_id != li.indicator_id for p in by_phrase[li.phrase]):
                by_phrase[li.phrase].append(Pattern(li.indicator_id, li.phrase, "local", li.dimension))
        self.by_phrase: dict[str, tuple[Pattern, ...]] = {k: tuple(v) for k, v in by_phrase.items()}
        self.fuzzy_phrases = [p for p in self.by_phrase if len(p) >= FUZZY_MIN_PHRASE_CHARS]
        # "清运量" under a title about 生活垃圾 is "生活垃圾清运量": phrase suffixes → phrases, for table headers
        self.by_suffix: dict[str, list[str]] = defaultdict(list)
        for phrase in self.by_phrase:
            for k in range(SUBJECT_MIN_PREFIX, len(phrase) - SUBJECT_MIN_SUFFIX + 1):
                self.by_suffix[phrase[k:]].append(phrase)
        # "已划定保护区的乡镇集中式饮用水水源地数量": the qualifier before 的 → (phrase, what is counted), so that
        # "已划定保护区6处" under a title about 乡镇集中式饮用水水源地 reads as that count
        self.by_qualifier: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for phrase, pats in self.by_phrase.items():
            qualifier, _, counted = phrase.rpartition("的")
            counted = _COUNTED_SUFFIX.sub("", counted)
            if (len(qualifier) >= QUALIFIER_MIN_CHARS and len(counted) >= SUBJECT_MIN_SUFFIX
                    and all(self.indicators[p.indicator_id].kind == "count" for p in pats)):
                self.by_qualifier[qualifier].append((phrase, counted))
        # "乡镇集中式饮用水水源地数量" → the thing counted ("乡镇集中式饮用水水源地"): under a title naming it, the
        # text counts it by a shorter tail ("合计：水源地7处")
        self.by_counted: dict[str, str] = {}
        for phrase, pats in self.by_phrase.items():
            counted = _COUNTED_SUFFIX.sub("", phrase)
            if ("的" not in phrase and counted != phrase and len(counted) >= COUNTED_MIN_CHARS
                    and all(self.indicators[p.indicator_id].kind == "count" and p.rule == "name" for p in pats)):
                self.by_counted[counted] = phrase
        self.nlp = spacy.blank("zh")
        matched = [p for p in self.by_phrase if GAP not in p]
        self.nlp.add_pipe(COMPONENT_NAME, config={"patterns": [{"phrase": p} for p in matched]})
        # the first two characters of every phrase: a passage holding none of them names no phrase, and most
        # passages of a county's documents name none (89 % of the sample package's), so they skip spaCy
        self.openings = frozenset(p[:2] for p in matched) if all(len(p) >= 2 for p in matched) else None

    # -- finding mentions -----------------------------------------------------------------------------------------
    def mentions(self, units: list[Passage], subject: str = "") -> list[Mention]:
        """Names and aliases in each passage; ``subject`` (the folded document title) completes table headers."""
        folded = [fold_for_match(p.text) for p in units]
        out: list[Mention] = []
        for unit, (text, index), spans in zip(units, folded, self._phrase_spans(t for t, _ in folded)):
            compounds = [m.span() for m in C.COMPOUND_TERMS_RE.finditer(text)]  # never a mention inside these
            taken = list(compounds)
            for span in spans:
                first, last = span.start, span.end  # token offsets = character offsets (one token per character)
                if any(first < e and s < last for s, e in compounds):
                    continue
                taken.append((first, last))
                phrase = self._named_before(text, first, span.label_) or span.label_
                out.append(self._mention(unit, index, first, last, phrase, "exact"))
                out.extend(self._coordinated(unit, text, index, first, span.label_, taken))
            for pattern, phrase, head in self.gapped:
                if phrase[:head] not in text:
                    continue  # the literal head is absent: no need to run the expression
                for hit in pattern.finditer(text):
                    if not any(hit.start() < e and s < hit.end() for s, e in taken):
                        taken.append(hit.span())
                        m = self._mention(unit, index, hit.start(), hit.end(), phrase, "exact")
                        head_end = index[hit.start() + head - 1] + 1
                        out.append(replace(m, value_span=(m.span[0], head_end)))
            if unit.parts[0][0].origin == "ocr":
                out.extend(self._fuzzy(unit, text, index, taken))
            if not taken and subject and unit.parts[0][0].cell is not None:
                out.extend(self._subject(unit, text, index, subject))
            elif subject and (label := _LABEL_LINE.match(text)) and not any(s < label.end(1) for s, _ in taken):
                out.extend(self._subject(unit, label.group(1), index, subject))  # "综合利用率：92.4%" under its title
            if subject:
                out.extend(self._qualified(unit, text, index, subject, taken))
                out.extend(self._counted_tail(unit, text, index, subject, taken))
        return out

    def _named_before(self, text: str, start: int, phrase: str) -> str | None:
        """A longer name ending in ``phrase`` whose head stands earlier in the same sentence: "集中式饮用水水源地按要求
        开展监测，全年水质达标率100%" is the water sources' 水质达标率, not the river sections'."""
        sentence_start = max(text.rfind(c, 0, start) for c in "。；;！!？?\n") + 1
        before = text[sentence_start:start]
        options = [p for p in self.by_suffix.get(phrase, ())
                   if len(p) - len(phrase) >= SENTENCE_HEAD_MIN_CHARS and p[: len(p) - len(phrase)] in before
                   and p not in before]  # written out in full earlier, the short form is a mention of its own
        return max(options, key=len) if options else None

    def _counted_tail(self, unit: Passage, text: str, index: list[int], subject: str,
                      taken: list[tuple[int, int]]) -> list[Mention]:
        """A count written with a tail of what it counts ("水源地7处") where the title names the whole thing
        ("…苏木镇集中式饮用水水源地基本情况台账")."""
        found: list[Mention] = []
        for counted, phrase in self.by_counted.items():
            if counted not in subject:
                continue
            for size in range(len(counted) - 1, SUBJECT_MIN_SUFFIX - 1, -1):
                tail = counted[-size:]
                hit = next((m for m in re.finditer(re.escape(tail) + _COUNT_AFTER_TAIL, text)
                            if not any(m.start() < e and s < m.start() + size for s, e in taken)), None)
                if hit is not None:
                    taken.append((hit.start(), hit.start() + size))
                    found.append(self._mention(unit, index, hit.start(), hit.start() + size, phrase, "subject",
                                               SUBJECT_RATIO))
                    break
        return found

    def _phrase_spans(self, texts: Iterable[str]) -> Iterable[Iterable[Span]]:
        """The catalog phrases in each folded text (no whitespace left): the text as a spaCy Doc of one token per
        character, through the matcher (the same tokens the blank "zh" char segmenter makes, built directly: its
        alignment step cost a fifth of linking). A text without the opening two characters of any phrase has none,
        found without building the Doc."""
        matcher = self.nlp.get_pipe(COMPONENT_NAME)
        for text in texts:
            if self.openings is not None and self.openings.isdisjoint(map(operator.add, text, text[1:])):
                yield ()
                continue
            doc = matcher(Doc(self.nlp.vocab, words=list(text), spaces=[False] * len(text)))
            yield doc.spans[SPAN_KEY]  # (its group holds the Doc weakly: the Doc lives here until the next text)

    def _coordinated(self, unit: Passage, text: str, index: list[int], start: int, phrase: str,
                     taken: list[tuple[int, int]]) -> list[Mention]:
        """"化肥农药减量增效": a head written just before a matched name shares its tail ("农药减量" → also
        "化肥减量"), with or without a 、/和/及 between the heads."""
        found: list[Mention] = []
        for k in range(COORD_MIN_HEAD, len(phrase) - COORD_MIN_HEAD + 1):
            head, tail = phrase[:k], phrase[k:]
            for sep in (0, 1):
                if sep and (start < 1 or text[start - 1] not in COORD_SEPARATORS):
                    continue
                for n in range(COORD_MIN_HEAD, COORD_MAX_HEAD + 1):
                    a, b = start - sep - n, start - sep
                    other = text[a:b]
                    if (a < 0 or other == head or other + tail not in self.by_phrase
                            or not _HAN_RUN.fullmatch(other) or any(a < e and s < b for s, e in taken)):
                        continue
                    taken.append((a, b))
                    found.append(self._mention(unit, index, a, b, other + tail, "exact"))
        return found

    def _qualified(self, unit: Passage, text: str, index: list[int], subject: str,
                   taken: list[tuple[int, int]]) -> list[Mention]:
        """A count written as its qualifier alone ("已划定保护区6处") where the title names what is counted."""
        found: list[Mention] = []
        for qualifier, options in self.by_qualifier.items():
            start = text.find(qualifier)
            if start < 0 or any(start < e and s < start + len(qualifier) for s, e in taken):
                continue
            for phrase, counted in options:
                if counted in subject:
                    taken.append((start, start + len(qualifier)))
                    found.append(self._mention(unit, index, start, start + len(qualifier), phrase, "subject",
                                               SUBJECT_RATIO))
                    break
        return found

    def _subject(self, unit: Passage, text: str, index: list[int], subject: str) -> list[Mention]:
        """A header cell naming only the tail of an indicator whose head is the table's subject in the title."""
        head = re.split(r"[（(\[【]", text, maxsplit=1)[0]
        for qualifier in _HEADER_QUALIFIERS:  # "进场清运量" is the 清运量 as weighed at the gate
            if head.startswith(qualifier) and head not in self.by_suffix and head[len(qualifier):] in self.by_suffix:
                head = head[len(qualifier):]
                break
        # the title names the head whole ("生活垃圾"), or at least its last word ("规模养殖场粪污…台账" for 畜禽粪污)
        whole = [p for p in self.by_suffix.get(head, ()) if p[: len(p) - len(head)] in subject]
        phrases = whole or [p for p in self.by_suffix.get(head, ())
                            if p[len(p) - len(head) - SUBJECT_MIN_PREFIX: len(p) - len(head)] in subject]
        if not phrases or not head:
            return []
        best = max(phrases, key=len)
        start = text.find(head)
        return [self._mention(unit, index, start, start + len(head), best, "subject", SUBJECT_RATIO)]

    @staticmethod
    def _mention(unit: Passage, index: list[int], start: int, end: int, phrase: str, rule: str,
                 ratio: float = 100.0) -> Mention:
        a, b = index[start], index[end - 1] + 1
        return Mention(unit, unit.block_at(a), (a, b), unit.text[a:b], phrase, rule, ratio)

    def _fuzzy(self, unit: Passage, text: str, index: list[int], taken: list[tuple[int, int]]) -> Iterable[Mention]:
        if len(text) < FUZZY_MIN_PHRASE_CHARS:
            return []
        found: list[Mention] = []
        hits = process.extract(text, self.fuzzy_phrases, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_MIN_SCORE,
                               limit=8)
        for phrase, score, _ in hits:
            if score >= 100.0:
                continue
            al = fuzz.partial_ratio_alignment(phrase, text)
            if al is None or any(al.dest_start < e and s < al.dest_end for s, e in taken):
                continue
            taken.append((al.dest_start, al.dest_end))
            found.append(self._mention(unit, index, al.dest_start, al.dest_end, phrase, "fuzzy", score))
        return found

    def composed(self, units: list[Passage], ctx: TableIndex) -> list[Mention]:
        """A name split between a row label and a column header: "林地 | 小计 | 241,380.25" under the header "面积"
        reads as 林地面积. Only for a row whose other label cells are empty or a subtotal word (小计/合计), so that
        the 有林地 rows under a merged 林地 cell stay the parts they are."""
        found: list[Mention] = []
        for unit in units:
            block = unit.parts[0][0]
            cell = block.cell
            if cell is None or len(unit.parts) != 1 or ctx.by_block.get(block.id):
                continue
            label = _PAREN_TAIL.sub("", block.text).strip()
            folded = fold_key(label)
            admin = ADMIN_ROW_LABELS.get(_COUNTED_SUFFIX.sub("", folded))
            row_counts = [f for b, f in ctx.rows.get((block.src.page_no, cell.table, cell.row), ())
                          if b.cell is not None and b.cell.col > cell.col and f.dimension == "count"]
            if admin in self.indicators and row_counts:  # "嘎查村 | 个 | 96": the unit word alone labels its row's
                # count; never a column header ("嘎查（村）" over a list of remediated villages)
                phrase = fold_key(self.indicators[admin].name)
                found.append(Mention(unit, block, (0, len(block.text)), block.text, phrase, "exact"))
                continue
            if len(folded) < MIN_PHRASE_CHARS or folded in self.by_phrase:
                continue  # too short, or a name of its own (matched as such)
            key = (block.src.page_no, cell.table)
            others = [b.text for b in ctx.cells.get(key, ()) if b.cell is not None and b.cell.row == cell.row
                      and b.id != block.id and not ctx.by_block.get(b.id)]
            if not all(_SUBTOTAL_LABEL.fullmatch(t.strip()) for t in others if t.strip()):
                continue
            for b, _ in ctx.rows.get((block.src.page_no, cell.table, cell.row), ()):
                header = _PAREN_TAIL.sub("", (b.cell.column_header if b.cell else None) or "").strip()
                phrase = fold_key(label + header) if header and b.cell and b.cell.col > cell.col else ""
                if phrase in self.by_phrase:
                    found.append(Mention(unit, block, (0, len(block.text)), block.text, phrase, "exact"))
                    break
        return found

"""Document type: one of nine, scored from weighted cues (title ending, names, header, structure, body).

Decision rules worth knowing (evidence-types.md):
- the title's last word weighs most; file/folder names are weak cues;
- 关于召开…会议的通知 is a notice (subtype ``meeting_notice``), never minutes;
- a 纪要 on red-header paper with a 文号 stays minutes (the 文号 adds only a little to ``notice``);
- 关于下达/拨付…资金的通知 is ``payment_voucher`` / ``fund_allocation`` (the domain maps 资金下达文件 there);
- a plan issued by a notice (关于印发《…方案》的通知) is a ``notice`` (subtype ``notice_issuing_plan``) — the notice is
  the approval the plan needs — unless the plan body dominates the file: the attached plan text is at least
  ``PLAN_DOMINANCE_SHARE`` of all characters and at least ``PLAN_DOMINANCE_MIN_CHARS`` long; then ``plan`` with the
  cue "由通知印发";
- 预算草案 reports without a 人大 passing line stay ``budget_document`` with ``npc_passed=False``.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from classifiers import cues as C
from classifiers.periods import document_dates
from classifiers.textfold import to_simplified
from extract.facts.docnumbers import parse_doc_numbers
from extract.model import Block, DocClass, Document, Fact

logger = logging.getLogger(__name__)

NAME_WEIGHT_FILE = 0.35  # file names are weak cues: a third of the title weight
NAME_WEIGHT_FILE_TEXTLESS = 0.8  # without text (photo, scan not yet OCRed) the name is the main cue (domain §9)
NAME_WEIGHT_FOLDER = 0.15  # folder names are weaker still (a department folder holds every type)
BODY_CUE_CAP = 4  # count one body phrase at most this many times (long documents repeat phrases)
BODY_SCAN_CHARS = 30000  # characters of body text scanned for cues (first pages + last page decide)
TITLE_SCAN_LINES = 18  # lines at the top of page 1 searched for the title
TITLE_MAX_CHARS = 90  # a longer line is prose, not a title
PHOTO_WEIGHT = 4.0  # an image with little text is a photo unless its name says otherwise (凭证.png, 监测结果.tif)
STRONG_SCORE = 8.0  # points at which a type is "clearly evidenced" (about one title ending)
MIN_SCORE = 2.0  # below this no type is evidenced → other
LEDGER_MIN_CELLS = 12  # table cells needed before a date column makes a ledger
LEDGER_MIN_DATED_CELLS = 3  # cells holding a date (a date column) for the ledger cue
PLAN_DOMINANCE_SHARE = 0.9  # share of the file's characters the attached plan must hold to beat its notice
PLAN_DOMINANCE_MIN_CHARS = 6000  # and its minimum length in characters (a real plan, not a one-page list)
TITLE_SUBTYPE_RANK = 100.0  # added to a title cue's weight when choosing the subtype: the title names the finer type
FALLBACK_TITLE_MIN_HAN = 4  # a first line without title words is taken as the title only with ≥ 4 Chinese characters  # the 人大 passing line sits under the title: characters searched from the top

_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Layout:
    """Title area of a document: the title, the blocks holding it, and the header text above it."""

    title: str | None
    title_block_ids: tuple[str, ...]
    header_text: str
    top_text: str  # the first lines of page 1 (title area) for draft/npc markers


def squeeze(text: str) -> str:
    """Remove the spaces typesetting and OCR put inside Chinese words ("纪  要" → "纪要") and fold traditional
    characters to simplified ("生態環境狀況公報" → "生态环境状况公报"): every cue below is matched on this form."""
    return _SPACES.sub("", to_simplified(text)).strip()


def _lines(blocks: tuple[Block, ...]) -> list[tuple[Block, str]]:
    out: list[tuple[Block, str]] = []
    for block in blocks:
        for line in block.text.splitlines():
            line = squeeze(line)
            if line:
                out.append((block, line))
    return out


def _title_core(title: str) -> str:
    """The title with draft markers and trailing bracket groups/punctuation removed (for ending cues):
    "…规划（2024—2030年）（征求意见稿）" → "…规划"."""
    core = title.rstrip("：:。，,;； ")
    while True:
        stripped = re.sub(r"[（(【\[][^）)】\]（(]{0,16}[)）】\]]$", "", core).rstrip()
        stripped = re.sub(r"(征求意见稿|送审稿|讨论稿|初稿)$", "", stripped).rstrip("：:。，,;；-_ ")
        if stripped == core or not stripped:
            return core
        core = stripped


def find_layout(doc: Document) -> Layout:
    if not doc.pages:
        return Layout(None, (), "", "")
    first = next((p for p in doc.pages if p.blocks), doc.pages[0])
    lines = _lines(first.blocks)[:TITLE_SCAN_LINES]
    top_text = "\n".join(line for _, line in lines[:10])
    # a red header ("XX县人民政府文件") set as a heading is not the title
    titles = [b for b in first.blocks if b.kind == "title" and squeeze(b.text)
              and not C.HEADER_LINE_RE.search(squeeze(b.text))]
    if titles:
        start = first.blocks.index(titles[0])
        run = [titles[0]]
        for b in first.blocks[start + 1:]:
            if b.kind != "title":
                break
            run.append(b)
        header = "\n".join(squeeze(b.text) for b in first.blocks[:start])
        return Layout(squeeze("".join(b.text for b in run)), tuple(b.id for b in run), header, top_text)
    idx = None
    for i, (_, line) in enumerate(lines):
        if len(line) > TITLE_MAX_CHARS or C.HEADER_LINE_RE.search(line):
            continue
        if C.TITLE_WORDS_RE.search(line) and not re.search(r"[。；]", line[:-1]):
            idx = i
            break
    if idx is None:
        for i, (block, line) in enumerate(lines):
            if block.kind == "cell":
                continue
            if (4 <= len(line) <= 60 and len(_HAN.findall(line)) >= FALLBACK_TITLE_MIN_HAN
                    and not C.HEADER_LINE_RE.search(line) and not re.search(r"[，。；]", line)):
                idx = i
                break
    if idx is None:
        return Layout(None, (), "", top_text)
    parts = [lines[idx]]
    if "关于" in lines[idx][1] and not C.TITLE_END_WORD_RE.search(_title_core(lines[idx][1])):
        following: list[tuple[Block, str]] = []
        for block, line in lines[idx + 1: idx + 4]:
            following.append((block, line))
            if C.TITLE_END_WORD_RE.search(_title_core(line)):
                parts.extend(following)  # a title wrapped over up to four lines
                break
    elif idx > 0 and not lines[idx][1].startswith("关于") and _wrapped_title_head(lines[idx - 1][1]):
        parts.insert(0, lines[idx - 1])  # "…县域生态环境质量监测" / "与评价自查报告"
        idx -= 1
    header = "\n".join(line for _, line in lines[:idx])
    title = "".join(line for _, line in parts)
    ids = tuple(dict.fromkeys(b.id for b, _ in parts))
    return Layout(title, ids, header, top_text)


_ORGAN_LINE = re.compile(r"(人民政府|办公室|委员会|局|分局|中心|公司|站|厅|部)$")


def _wrapped_title_head(line: str) -> bool:
    """Whether the line above a title-ending line is the first half of the same title (not a header, an organ
    name, a sentence or a complete title of its own)."""
    return (not C.HEADER_LINE_RE.search(line) and not _ORGAN_LINE.search(line) and len(line) <= TITLE_MAX_CHARS
            and not re.search(r"[。；，：:]", line) and not C.TITLE_END_WORD_RE.search(_title_core(line)))


def _own_doc_number(layout: Layout) -> str | None:
    """The 文号 in the header above the title (cited ones in the body are not the document's own)."""
    numbers = parse_doc_numbers(layout.header_text)
    if not numbers:
        return None
    return numbers[0].text


class _Scores:
    def __init__(self) -> None:
        self.points: dict[str, float] = defaultdict(float)
        self.cues: dict[str, list[str]] = defaultdict(list)
        self.subtypes: dict[str, list[tuple[float, str]]] = defaultdict(list)

    def add(self, doc_type: str, weight: float, label: str, subtype: str | None = None, rank: float = 0.0) -> None:
        """Add evidence; ``rank`` orders subtypes (title cues outrank body cues whatever their weight)."""
        self.points[doc_type] += weight
        if label not in self.cues[doc_type]:
            self.cues[doc_type].append(label)
        if subtype:
            self.subtypes[doc_type].append((rank + weight, subtype))

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(((t, self.points.get(t, 0.0)) for t in C.DOC_TYPES), key=lambda x: -x[1])


def _apply_names(scores: _Scores, doc: Document, textless: bool) -> None:
    parts = doc.path.replace("\\", "/").split("/")
    name = _title_core(squeeze(re.sub(r"\.[A-Za-z0-9]{1,5}$", "", parts[-1])))
    file_factor = NAME_WEIGHT_FILE_TEXTLESS if textless else NAME_WEIGHT_FILE
    for text, factor, where in ((name, file_factor, "文件名"), ("/".join(parts[:-1]), NAME_WEIGHT_FOLDER, "目录名")):
        if not text:
            continue
        seen: set[str] = set()
        for cue in C.NAME_CUES:
            if cue.doc_type in seen:
                continue
            if cue.pattern.search(squeeze(text)):
                seen.add(cue.doc_type)
                scores.add(cue.doc_type, cue.weight * factor, f"{where}：{cue.label}", cue.subtype)


def _apply_title(scores: _Scores, title: str) -> None:
    core = _title_core(title)
    for cue in C.TITLE_END_CUES + C.TITLE_ANY_CUES:
        if cue.pattern.search(core):
            scores.add(cue.doc_type, cue.weight, cue.label, cue.subtype, rank=TITLE_SUBTYPE_RANK)


def _apply_body(scores: _Scores, doc: Document) -> None:
    pages = doc.pages
    text = "\n".join(p.text for p in pages)[:BODY_SCAN_CHARS]
    if len(pages) > 1 and pages[-1].text not in text:
        text += "\n" + pages[-1].text
    text = "\n".join(squeeze(line) for line in text.splitlines())
    for cue in C.BODY_CUES:
        hits = len(cue.pattern.findall(text))
        if hits:
            scores.add(cue.doc_type, cue.weight * min(hits, BODY_CUE_CAP), cue.label, cue.subtype)


def _apply_structure(scores: _Scores, doc: Document, facts: list[Fact], layout: Layout) -> None:
    cells = [b for p in doc.pages for b in p.blocks if b.kind == "cell"]
    cell_ids = {b.id for b in cells}
    dated = {f.block_id for f in facts if f.kind == "date" and f.block_id in cell_ids}
    headers = " ".join(b.cell.column_header or "" for b in cells if b.cell is not None)
    if len(cells) >= LEDGER_MIN_CELLS and (len(dated) >= LEDGER_MIN_DATED_CELLS or re.search(r"日期|月份", headers)):
        scores.add("ledger", 6.0, f"表格含日期列（{len(dated)}个日期单元格）", "operation_ledger")
    elif len(cells) >= LEDGER_MIN_CELLS and re.search(r"序号", headers + " ".join(b.text for b in cells[:20])):
        scores.add("ledger", 2.0, "表格含“序号”列", "name_list")
    if layout.header_text and parse_doc_numbers(layout.header_text):
        scores.add("notice", 1.5, "版头含文号")
    if re.search(r"(人民政府|办公室|委员会|局)(文件)$", layout.header_text, re.MULTILINE):
        scores.add("notice", 1.0, "红头“…文件”")
    text_len = len(squeeze(doc.text))
    if doc.format == "image" and text_len < C.PHOTO_MAX_CHARS:
        scores.add("other", PHOTO_WEIGHT, f"图片且文字很少（{text_len}字）", "photo")


def _npc_passed(layout: Layout, title: str, text: str) -> bool:
    """A 人大 passing line under the title, or a 人大 resolution deciding to approve."""
    if any(C.NPC_PASSED_LINE_RE.search(line) for line in layout.top_text.splitlines()):
        return True
    return bool(re.search(r"人民代表大会|人大常委会|人大常务委员会", title) and C.NPC_DECISION_RE.search(text))


def _plan_dominates(doc: Document, title: str) -> bool:
    """True when the plan attached to an issuing notice makes up almost the whole file."""
    inner = re.search(r"《([^》]{4,60})》", title)
    text = squeeze(doc.text.replace("\n", ""))
    if not inner or len(text) < PLAN_DOMINANCE_MIN_CHARS:
        return False
    name = squeeze(inner.group(1))
    first = text.find(name)
    start = text.find(name, first + len(name)) if first >= 0 else -1
    if start < 0:
        return False
    plan_chars = len(text) - start
    return plan_chars >= PLAN_DOMINANCE_MIN_CHARS and plan_chars / len(text) >= PLAN_DOMINANCE_SHARE


def classify_document(doc: Document, facts: list[Fact]) -> DocClass:
    """Classify ``doc`` into one of the nine types, with the cues that decided it and its own dates."""
    layout = find_layout(doc)
    title = layout.title or ""
    scores = _Scores()
    if title:
        _apply_title(scores, title)
    _apply_names(scores, doc, textless=len(squeeze(doc.text)) < C.PHOTO_MAX_CHARS)
    _apply_body(scores, doc)
    _apply_structure(scores, doc, facts, layout)
    ranked = scores.ranked()
    (best, s1), (_, s2) = ranked[0], ranked[1]
    if s1 < MIN_SCORE:
        best, cues = "other", ["无明显类型特征"]
        confidence = 0.2
    else:
        cues = scores.cues[best]
        confidence = round(max(0.0, (s1 - s2) / s1) * min(1.0, s1 / STRONG_SCORE), 3)
    subtype = _subtype(scores, best)
    if best == "notice" and subtype == "notice_issuing_plan" and _plan_dominates(doc, title):
        best, subtype = "plan", "plan_or_scheme"
        cues = ["由通知印发（所附方案正文占全文主体）"] + scores.cues.get("plan", [])
    draft = bool(C.DRAFT_RE.search(title) or C.DRAFT_LINE_RE.search(layout.top_text))
    npc = _npc_passed(layout, title, to_simplified(doc.text))
    if best == "budget_document" and npc and subtype == "budget_report" and title.endswith("决议"):
        subtype = "npc_budget_resolution"
    dates = document_dates(doc, facts, best, title, layout.title_block_ids)
    logger.debug("%s → %s (%.2f) %s", doc.path, best, confidence, cues)
    return DocClass(
        doc_type=best,
        confidence=confidence,
        cues=tuple(cues),
        subtype=subtype,
        title=title or None,
        doc_date=dates.doc_date,
        period_start=dates.period_start,
        period_end=dates.period_end,
        doc_number=_own_doc_number(layout),
        draft=draft,
        npc_passed=npc,
    )


def _subtype(scores: _Scores, doc_type: str) -> str:
    options = scores.subtypes.get(doc_type)
    if not options:
        return C.DEFAULT_SUBTYPE[doc_type]
    # a specific subtype such as meeting_notice / preliminary_acceptance beats the generic one of the same type
    specific = [(w, s) for w, s in options if s != C.DEFAULT_SUBTYPE[doc_type]]
    pool = specific or options
    return max(pool, key=lambda x: x[0])[1]

"""Bound compilations (资料汇编): several documents one after another in one file.

County offices bind a notice, its reply and a ledger into one PDF (domain README section 9; evidence-types.md: "资料汇编
holds many documents in one file — split before classifying"). A later page starts a new document when its top lines
carry a title (a line ending in a title word: 通知, 批复, 台账, 报告 …) and either

- a header of its own above the title (a 文号 such as 云政字〔2023〕45号, or a red header "…人民政府文件"), or
- the previous page ends with a signature date (the previous document is complete).

A page whose top says 附件 continues its document (an attachment is part of the notice that issues it). Each section
is classified on its own pages, so a link found in it takes the section's type and dates (the link's period is that of
the document it sits in, not of the whole volume).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from classifiers import cues as C
from classifiers.doctype import _title_core, classify_document, find_layout, squeeze
from extract.facts.docnumbers import parse_doc_numbers
from extract.model import DocClass, Document, Fact

logger = logging.getLogger(__name__)

SECTION_HEAD_LINES = 5  # a new document's title sits within the first 5 lines of its page
SIGNATURE_TAIL_LINES = 2  # the previous document's signature date is among its page's last 2 lines
SIGNATURE_MAX_CHARS = 24  # characters: a signature line is the date, perhaps with the organ's name or a seal word

_FULL_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}")
_ATTACHMENT = re.compile(r"^附\s*件|^附\s*表")
_RED_HEADER = re.compile(r"(人民政府|办公室|委员会|局|分局)(文件)$")


@dataclass(frozen=True)
class Section:
    first_page: int  # 1-based page numbers, inclusive
    last_page: int
    docclass: DocClass

    def holds(self, page_no: int) -> bool:
        return self.first_page <= page_no <= self.last_page


def _lines(page_text: str) -> list[str]:
    return [line for line in (squeeze(raw) for raw in page_text.splitlines()) if line]


def _ends_signed(page_text: str) -> bool:
    tail = _lines(page_text)[-SIGNATURE_TAIL_LINES:]
    return any(_FULL_DATE.search(line) and len(line) <= SIGNATURE_MAX_CHARS for line in tail)


def _starts_document(doc: Document, index: int) -> bool:
    page = doc.pages[index]
    head = _lines(page.text)[:SECTION_HEAD_LINES]
    if not head or any(_ATTACHMENT.search(line) for line in head):
        return False
    layout = find_layout(replace(doc, pages=(page,)))
    title = layout.title
    if not title or not any(title.startswith(line) or line.startswith(title) for line in head):
        return False
    if not C.TITLE_END_WORD_RE.search(_title_core(title)):
        return False
    own_header = bool(parse_doc_numbers(layout.header_text)) or any(_RED_HEADER.search(line) for line in
                                                                    layout.header_text.splitlines())
    return own_header or _ends_signed(doc.pages[index - 1].text)


def split_sections(doc: Document, facts: list[Fact]) -> list[Section]:
    """The documents bound in ``doc``, one ``Section`` each; an empty list when the file holds one document."""
    if len(doc.pages) < 2:
        return []
    starts = [0] + [i for i in range(1, len(doc.pages)) if _starts_document(doc, i)]
    if len(starts) < 2:
        return []
    sections: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(doc.pages)
        pages = doc.pages[start:end]
        block_ids = {b.id for p in pages for b in p.blocks}
        part = replace(doc, pages=pages)
        dc = classify_document(part, [f for f in facts if f.block_id in block_ids])
        sections.append(Section(pages[0].page_no, pages[-1].page_no, dc))
    logger.debug("%s: compilation of %d documents %s", doc.path, len(sections),
                 [(s.first_page, s.docclass.doc_type) for s in sections])
    return sections


def compilation_cue(sections: list[Section]) -> str:
    """The cue recorded on a compilation's own classification (Chinese, shown to users)."""
    parts = "、".join(f"第{s.first_page}页起{s.docclass.title or s.docclass.doc_type}" for s in sections)
    return f"资料汇编：含{len(sections)}份材料（{parts}）"

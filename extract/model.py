"""Typed data model shared by every stage (the lowest layer: imports nothing from the project).

Geometry: points (1/72 inch), top-left origin, ``(x0, top, x1, bottom)``. For images, one pixel at the
rendering scale is converted at the boundary (pixels / scale). Quantities are ``Decimal``, never float.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in pt, top-left origin

DocStatus = Literal["ok", "error", "duplicate"]
BlockKind = Literal["text", "cell", "title", "seal"]
Origin = Literal["layer", "ocr"]
FactKind = Literal["number", "date", "period"]


@dataclass(frozen=True)
class Source:
    """Where something sits: the file (by sha256), the 1-based page, a bbox and a character span."""

    sha256: str
    page_no: int
    bbox: BBox | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class CellRef:
    """Position of a table cell: table index on the page, 0-based row/col, and the headers it sits under."""

    table: int
    row: int
    col: int
    row_header: str | None = None
    column_header: str | None = None
    sheet: str | None = None  # XLSX sheet name
    coord: str | None = None  # XLSX coordinate such as "B7"
    stored: str | None = None  # XLSX stored value when it differs from the displayed text


@dataclass(frozen=True)
class Block:
    """A piece of text on a page: a line/paragraph, a table cell, a title or a seal region."""

    id: str  # "<sha12>/p3/b17"
    kind: BlockKind
    text: str
    src: Source
    origin: Origin = "layer"
    confidence: float = 1.0
    cell: CellRef | None = None


@dataclass(frozen=True)
class Page:
    page_no: int  # 1-based
    width: float  # pt
    height: float  # pt
    has_text_layer: bool
    blocks: tuple[Block, ...] = ()
    ocr: bool = False  # text came from OCR
    ocr_confidence: float | None = None  # mean OCR confidence on this page
    ocr_reason: str | None = None  # why OCR was used: "no_text_layer" | "garbled_text_layer" | "image"
    rotation: int = 0  # degrees the page image was turned before OCR (0/90/180/270)
    seal: bool | None = None  # red official seal detected (None = not checked)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Problem:
    """A recorded rejection or defect: category is machine-readable, message is Chinese for users."""

    category: str  # empty | corrupt | encrypted | unsupported | needs_libreoffice | too_large | unreadable | unsafe_archive | page_error
    message: str
    page_no: int | None = None


@dataclass(frozen=True)
class Document:
    path: str  # relative to the ingested folder, forward slashes; zip members as "a.zip/member"
    sha256: str
    format: str  # pdf | docx | xlsx | image | text | zip | doc | xls | wps | unknown
    pages: tuple[Page, ...] = ()
    status: DocStatus = "ok"
    problems: tuple[Problem, ...] = ()
    size: int = 0
    meta: tuple[tuple[str, str], ...] = ()  # e.g. (("exif_datetime", "2024:05:01 10:00:00"),)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def ocr_pages(self) -> int:
        return sum(1 for p in self.pages if p.ocr)

    @property
    def error(self) -> str | None:
        return "；".join(p.message for p in self.problems if p.page_no is None) or None


@dataclass(frozen=True)
class Fact:
    """A number, date or period found in a block, normalised, with provenance."""

    id: str  # "<block_id>/f<n>"
    block_id: str
    kind: FactKind
    raw: str  # as written
    src: Source  # page, bbox (of the fact when known, else of the block), span within block text
    value: Decimal | None = None  # numbers: the number as written (after 万/亿 multipliers of the numeral)
    unit: str | None = None  # unit as written, normalised spelling (e.g. "万吨", "%", "公顷")
    canonical: Decimal | None = None  # value in canonical_unit
    canonical_unit: str | None = None  # t | 元 | m2 | m | m3 | m3/d | t/d | 个 | 次 | 天 | % | ...
    dimension: str | None = None  # mass | money | area | length | volume | flow | count | time | ratio | ...
    start: date | None = None  # dates: start == end; periods: the window
    end: date | None = None
    approx: bool = False  # 约/近/余/以上 ...
    flags: tuple[str, ...] = ()  # e.g. ("range",), ("change_points",), ("ocr_repaired",), ("ambiguous",)
    snippet: str = ""  # the sentence or table row it came from
    row_header: str | None = None
    column_header: str | None = None


@dataclass(frozen=True)
class DocClass:
    """What a document is (classifiers/doctype.py), with the cues that decided it."""

    doc_type: str  # meeting_minutes | budget_document | payment_voucher | acceptance_report | monitoring_report | ledger | plan | notice | other
    confidence: float
    cues: tuple[str, ...] = ()
    subtype: str | None = None  # finer research type, e.g. "npc_budget_resolution", "self_check_report", "info_table"
    title: str | None = None
    doc_date: date | None = None  # the document's own date (成文/会议/验收/签署 date)
    period_start: date | None = None  # the period the document reports on
    period_end: date | None = None
    doc_number: str | None = None  # own 文号, normalised to 〔〕
    draft: bool = False  # 征求意见稿 / 送审稿 / 草案 / 讨论稿
    npc_passed: bool = False  # carries a 人大 "…会议通过" line or is a 人大 resolution


@dataclass(frozen=True)
class Link:
    """A passage or table row that evidences a catalog indicator, with the value bound to it and why."""

    indicator_id: str
    block_id: str
    src: Source
    rule: str  # how it matched: "name" | "alias" | "fuzzy" | "table_row" | "doc_type"
    matched: str  # the phrase as found in the text
    score: float  # confidence 0..1
    role: str = "achieved"  # achieved | target | component | mention | task (a 下达 task / denominator)
    fact_id: str | None = None  # the bound value
    value: Decimal | None = None
    unit: str | None = None
    canonical: Decimal | None = None
    canonical_unit: str | None = None
    distance: int | None = None  # characters between mention and bound value
    period_start: date | None = None  # the period this evidence refers to
    period_end: date | None = None
    snippet: str = ""

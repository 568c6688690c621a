"""DOCX (python-docx): one page holding the headers, the body in document order (paragraphs interleaved with
tables, content controls and text boxes included) and the footers. Headings become "title" blocks."""
from __future__ import annotations

import io
import logging
import re
import zipfile
from typing import TYPE_CHECKING, ClassVar, Iterator

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import Image, UnidentifiedImageError

from extract.base import RenderableBackend
from extract.image_backend import check_size, image_page_stub, render_image
from extract.errors import BadInputError
from extract.model import Document, Page, Problem
from extract.text_backend import A4_PT, PageBuilder, add_table, clean_cell_text

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

log = logging.getLogger(__name__)

EMU_PER_PT = 12700  # OOXML lengths are in English Metric Units
TITLE_MAX_CHARS = 40  # a centred/bold line longer than this is body text, not the document title
TITLE_SCAN_PARAGRAPHS = 8
SCAN_DOCX_MAX_CHARS = 200  # body text below this plus large pictures: the DOCX is a container for scans
SCAN_MIN_SIDE_PX = 500  # pictures smaller than this on their short side are logos/icons, not page scans
_RASTER_FORMATS = {"JPEG", "PNG", "TIFF", "BMP", "GIF", "WEBP", "MPO"}
_VML_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"  # the title is looked for among the first non-empty paragraphs only
_HEADING_STYLES = ("heading", "title", "标题", "subtitle", "副标题")
_SENTENCE_END = ("。", "；", "：", ":", ";")
_NOT_TITLE = re.compile(r"文件$|[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d*\s*号?$|^(?:第\s*\d+\s*页|-\s*\d+\s*-)$")
_CORRUPT_ERRORS = (OpcError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, EOFError)


class DocxBackend(RenderableBackend):
    """Page 1 holds the text; when the body has almost no text, each large embedded picture (a scan pasted
    into Word) follows as a page of its own needing OCR."""

    format: ClassVar[str] = "docx"
    extensions: ClassVar[tuple[str, ...]] = (".docx", ".docm", ".dotx", ".wps")
    members: ClassVar[tuple[str, ...]] = ("word/document.xml",)  # central-directory entry that identifies it

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return head.startswith(b"PK\x03\x04") and (b"word/" in head or name.lower().endswith(cls.extensions))

    def __init__(self, path, sha256: str, display_path: str) -> None:  # noqa: ANN001 - Path as in Backend
        super().__init__(path, sha256, display_path)
        self._scan_blobs: list[bytes] | None = None

    def _open(self) -> DocxDocument:
        if self.path.stat().st_size == 0:
            raise BadInputError("empty", "文件为空（0 字节）")
        try:
            return docx.Document(str(self.path))
        except _CORRUPT_ERRORS as exc:
            raise BadInputError("corrupt", f"DOCX 文件已损坏或不是有效的 Word 文档（{type(exc).__name__}）") from exc

    def read(self) -> Document:
        document = self._open()
        builder = PageBuilder(self.sha256, 1)
        self._tables = 0
        seen_parts: set[int] = set()
        try:
            for section in document.sections:
                for part in (section.header, section.first_page_header):
                    self._add_part(builder, part, seen_parts)
            self._add_story(builder, document.element.body, document, title_pending=True)
            for section in document.sections:
                for part in (section.footer, section.first_page_footer):
                    self._add_part(builder, part, seen_parts)
        except _CORRUPT_ERRORS as exc:
            raise BadInputError("corrupt", f"DOCX 内容结构损坏（{type(exc).__name__}）") from exc
        width, height = A4_PT
        if document.sections:
            section = document.sections[0]
            if section.page_width and section.page_height:
                width, height = section.page_width / EMU_PER_PT, section.page_height / EMU_PER_PT
        pages = [builder.page(float(width), float(height))]
        problems: list[Problem] = []
        if sum(len(b.text) for b in builder.blocks) < SCAN_DOCX_MAX_CHARS:
            for index, blob in enumerate(self._scans(document)):
                page_no = index + 2
                try:
                    with Image.open(io.BytesIO(blob)) as image:
                        check_size(image)
                        pages.append(image_page_stub(image, page_no))
                except BadInputError as exc:
                    problems.append(Problem(exc.category, exc.message, page_no))
                    pages.append(Page(page_no=page_no, width=0.0, height=0.0, has_text_layer=False))
        return Document(path=self.display_path, sha256=self.sha256, format=self.format, pages=tuple(pages),
                        problems=tuple(problems), size=self.path.stat().st_size,
                        meta=(("embedded_scans", str(len(pages) - 1)),) if len(pages) > 1 else ())

    def _scans(self, document: DocxDocument) -> list[bytes]:
        """Large raster pictures of the body in order: the pages of a scan pasted into Word."""
        if self._scan_blobs is None:
            self._scan_blobs = []
            seen: set[str] = set()
            for element in document.element.body.iter(qn("a:blip"), _VML_IMAGEDATA):
                rid = element.get(qn("r:embed")) or element.get(qn("r:id"))
                part = document.part.related_parts.get(rid) if rid and rid not in seen else None
                if part is None:
                    continue
                seen.add(rid)
                try:
                    with Image.open(io.BytesIO(part.blob)) as image:
                        fmt, size = image.format, image.size
                except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
                    continue  # vector (EMF/WMF) or damaged pictures are not page scans
                if fmt in _RASTER_FORMATS and min(size) >= SCAN_MIN_SIDE_PX:
                    self._scan_blobs.append(part.blob)
        return self._scan_blobs

    def page_stub(self, page_no: int) -> Page:
        blob = self._scan_blob(page_no)
        with Image.open(io.BytesIO(blob)) as image:
            return image_page_stub(image, page_no)

    def render(self, page_no: int, dpi: int = 200) -> "PilImage":
        """Page 2.. (an embedded scan) as an image; page 1, the text, has no rendering."""
        with Image.open(io.BytesIO(self._scan_blob(page_no))) as image:
            check_size(image)
            return render_image(image, page_no, dpi)

    def _scan_blob(self, page_no: int) -> bytes:
        scans = self._scans(self._open())
        if not 2 <= page_no <= len(scans) + 1:
            raise ValueError(f"DOCX page {page_no} is not an embedded scan (pages 2..{len(scans) + 1})")
        return scans[page_no - 2]

    def _add_part(self, builder: PageBuilder, part, seen: set[int]) -> None:  # noqa: ANN001 - header/footer
        if part.is_linked_to_previous:
            return
        element = part._element  # the hdr/ftr root; linked parts of several sections share it
        if id(element) in seen:
            return
        seen.add(id(element))
        self._add_story(builder, element, part, title_pending=False)

    def _add_story(self, builder: PageBuilder, element, parent, *, title_pending: bool) -> bool:  # noqa: ANN001
        """Add paragraphs and tables of a body/header/footer/cell-free story in order; returns title_pending."""
        for child in _story_children(element):
            if child.tag == qn("w:p"):
                paragraph = Paragraph(child, parent)
                title_pending = self._add_paragraph(builder, paragraph, title_pending)
            elif child.tag == qn("w:tbl"):
                for table in (child, *child.iterdescendants(qn("w:tbl"))):  # nested tables follow their parent
                    grid, emit = _table_grid(Table(table, parent))
                    if add_table(builder, grid, self._tables, emit=emit):
                        self._tables += 1
        return title_pending

    def _add_paragraph(self, builder: PageBuilder, paragraph: Paragraph, title_pending: bool) -> bool:
        text = paragraph.text.strip()
        boxes = _textbox_texts(paragraph._p)
        if text:
            kind = "title" if _is_heading(paragraph) or (title_pending and _looks_like_title(paragraph, text)) else "text"
            builder.add(kind, text)
            if kind == "title" or len(builder.blocks) > TITLE_SCAN_PARAGRAPHS:
                title_pending = False
        for box in boxes:
            builder.add("text", box)
        return title_pending


def _story_children(element) -> Iterator:  # noqa: ANN001 - lxml element
    """Block-level children in order, descending into content controls (w:sdt/w:sdtContent)."""
    for child in element.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _story_children(content)
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


def _textbox_texts(p_element) -> list[str]:  # noqa: ANN001 - lxml element
    """Paragraph texts inside text boxes anchored in this paragraph (VML fallbacks de-duplicated)."""
    texts: list[str] = []
    for box in p_element.iter(qn("w:txbxContent")):
        for p in box.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if text and text not in texts:
                texts.append(text)
    return texts


def _is_heading(paragraph: Paragraph) -> bool:
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    return name.startswith(_HEADING_STYLES)


def _looks_like_title(paragraph: Paragraph, text: str) -> bool:
    """Centred or all-bold short line; the red letterhead ("…人民政府文件") and the 文号 line are not titles."""
    if len(text) > TITLE_MAX_CHARS or text.endswith(_SENTENCE_END) or _NOT_TITLE.search(text):
        return False
    centred = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER or (
        paragraph.style is not None and paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER)
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs)
    return centred or bold


def _table_grid(table: Table) -> tuple[list[list[str]], list[list[bool]]]:
    """Texts at every grid position (merged cells repeated) and whether the position is the cell's first one."""
    try:
        return _layout_grid(table)
    except (IndexError, ValueError, KeyError) as exc:  # inconsistent gridSpan/vMerge written by some tools
        log.debug("table layout inconsistent (%r); reading cells in XML order", exc)
        return _raw_grid(table)


def _raw_grid(table: Table) -> tuple[list[list[str]], list[list[bool]]]:
    """Row by row from the XML: gridSpan repeats a cell to the right, vMerge continuation repeats the cell above."""
    grid: list[list[str]] = []
    emit: list[list[bool]] = []
    for tr in table._tbl.iterchildren(qn("w:tr")):
        texts: list[str] = []
        flags: list[bool] = []
        for tc in tr.iterchildren(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge_el = pr.find(qn("w:vMerge")) if pr is not None else None
            span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
            text = clean_cell_text("\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                                             for p in tc.iterchildren(qn("w:p"))))
            continued = merge_el is not None and merge_el.get(qn("w:val"), "continue") == "continue"
            col = len(texts)
            if continued and grid and col < len(grid[-1]):
                text = grid[-1][col]
            for k in range(max(span, 1)):
                texts.append(text)
                flags.append(k == 0 and not continued)
        grid.append(texts)
        emit.append(flags)
    return _pad(grid, emit)


def _layout_grid(table: Table) -> tuple[list[list[str]], list[list[bool]]]:
    grid: list[list[str]] = []
    emit: list[list[bool]] = []
    seen: set[int] = set()
    alive: list[object] = []  # keeps the lxml proxies alive so their ids stay unique
    for row in table.rows:
        texts, flags = [], []
        for cell in row.cells:
            key = id(cell._tc)
            texts.append(clean_cell_text(cell.text))
            flags.append(key not in seen)
            seen.add(key)
            alive.append(cell._tc)
        grid.append(texts)
        emit.append(flags)
    return _pad(grid, emit)


def _pad(grid: list[list[str]], emit: list[list[bool]]) -> tuple[list[list[str]], list[list[bool]]]:
    width = max((len(r) for r in grid), default=0)
    for texts, flags in zip(grid, emit):
        texts.extend([""] * (width - len(texts)))
        flags.extend([False] * (width - len(flags)))
    return grid, emit

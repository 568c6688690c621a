"""PDF: pypdfium2 decides per page whether the text layer is usable, renders, and reads table-free pages into line
blocks (``extract.pdf_text``, ~2 ms/page) and pages with ruled tables into lines and cells (``extract.pdf_tables``,
~8 ms/page); pdfplumber reads the table pages that mapping is not checked on (rotated or cropped pages).
Scanned or garbled pages come back with ``ocr_reason`` set."""
from __future__ import annotations

import logging
import re
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from extract.base import RenderableBackend
from extract.errors import BadInputError
from extract.model import BBox, Document, Page, Problem
from extract.pdf_tables import TABLE_EDGE_PAD, read_tables
from extract.pdf_text import Line, fast_lines, fold_radicals
from extract.text_backend import PageBuilder, add_table, clean_cell_text

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

PDF_MAGIC_WINDOW = 1024  # "%PDF" may follow junk (mail headers, BOM) within the first KiB
MIN_TEXT_CHARS = 10  # fewer meaningful (non-space) characters than this: no usable text layer
GARBLED_SHARE = 0.3  # share of junk characters (private use, U+FFFD, controls, "(cid:") above which a layer is garbled
SPARSE_TEXT_CHARS = 60  # a page with fewer characters than this over a large image is a scan with a stamp/header
SCAN_COVER_SHARE = 0.8  # images covering this share of a page with text: check for a scanner's hidden OCR layer
INVISIBLE_SHARE = 0.8  # share of invisible text objects above which the text layer is a scanner's OCR layer
IMAGE_COVER_SHARE = 0.5  # images covering at least this share of the page area make it a scan
LINE_Y_TOLERANCE = 3.0  # pt: words whose tops differ by less than this sit on one line
ROTATION_TOLERANCE = 0.1  # |b|/a of a glyph matrix below this (about 6°) counts as horizontal text
UPRIGHT_MAJORITY = 0.5  # share of upright characters above which the non-upright ones are a watermark

# pdfminer raises assorted low-level errors on damaged content streams; they are properties of the file
_PAGE_PARSE_ERRORS = (PDFSyntaxError, PSException, pdfium.PdfiumError, KeyError, TypeError, ValueError,
                      IndexError, AssertionError, struct.error, ZeroDivisionError)


@dataclass(frozen=True)
class LayerVerdict:
    """Outcome of the quick pdfium look at one page."""

    chars: int
    has_text_layer: bool
    ocr_reason: str | None


# What a broken text layer yields instead of text: private-use code points (CID fonts without ToUnicode), U+FFFD,
# control characters, C1 controls, specials and everything beyond the BMP's specials. Whitespace is never junk.
_JUNK = re.compile("[\ue000-\uf8ff\ufffd\x00-\x1f\x7f-\x9f\ufff0-\U0010ffff]")  # applied after whitespace is removed
_SPACE = re.compile(r"\s+")


def judge_text_layer(text: str, image_share: float) -> LayerVerdict:
    """Whether a page's extracted text is usable, garbled, or absent (a scan)."""
    meaningful = _SPACE.sub("", text)  # regular expressions, not a loop per character: this runs on every page
    count = len(meaningful)
    if count < MIN_TEXT_CHARS:
        return LayerVerdict(count, count > 0, "no_text_layer")
    junk = len(_JUNK.findall(meaningful)) + 5 * text.count("(cid:")
    if junk / count >= GARBLED_SHARE:
        return LayerVerdict(count, True, "garbled_text_layer")
    if count < SPARSE_TEXT_CHARS and image_share >= IMAGE_COVER_SHARE:
        return LayerVerdict(count, True, "no_text_layer")
    return LayerVerdict(count, True, None)


def _image_share(page: pdfium.PdfPage) -> float:
    """Share of the page (media box, unrotated user space) covered by image objects (overlaps not removed)."""
    box_left, box_bottom, box_right, box_top = page.get_mediabox()
    page_area = (box_right - box_left) * (box_top - box_bottom)
    area = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area += (max(0.0, min(right, box_right) - max(left, box_left))
                 * max(0.0, min(top, box_top) - max(bottom, box_bottom)))
    return min(1.0, area / page_area) if page_area > 0 else 0.0


def _overprinted(chars: list[dict]) -> bool:
    """Some glyph is drawn twice at (almost) the same place: worth pdfplumber's slower de-duplication."""
    keys = {(ch["text"], round(ch["x0"]), round(ch["top"])) for ch in chars}
    return len(keys) < len(chars)


def _horizontal(char: dict) -> bool:
    """The glyph runs left to right on the page: no rotation in its text matrix (shear/italics allowed)."""
    a, b = char.get("matrix", (1, 0))[:2]
    return a > 0 and abs(b) <= ROTATION_TOLERANCE * a


def _invisible_share(page: pdfium.PdfPage) -> float:
    """Share of the page's text objects drawn in render mode 3 (invisible: an OCR layer under a scan)."""
    total = invisible = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=3):
        total += 1
        invisible += pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    return invisible / total if total else 0.0


def _verdict(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[LayerVerdict, float, float]:
    """(text-layer verdict, width, height) of an open page from pdfium alone."""
    width, height = page.get_size()
    text = textpage.get_text_range()
    if not text.strip() and not any(True for _ in page.get_objects(max_depth=1)):
        return LayerVerdict(0, False, None), width, height  # a blank page: nothing to read or OCR
    share = _image_share(page)
    verdict = judge_text_layer(text, share)
    if verdict.ocr_reason is None and share >= SCAN_COVER_SHARE and _invisible_share(page) >= INVISIBLE_SHARE:
        # a "searchable" scan: a page image under the scanner's invisible OCR text; read it as the scan
        # it is (own OCR, seal check), not as a typed page
        return LayerVerdict(verdict.chars, True, "no_text_layer"), width, height
    return verdict, width, height


class PdfBackend(RenderableBackend):
    format: ClassVar[str] = "pdf"
    extensions: ClassVar[tuple[str, ...]] = (".pdf",)

    def __init__(self, path, sha256: str, display_path: str) -> None:  # noqa: ANN001 - Path as in Backend
        super().__init__(path, sha256, display_path)
        self._pdfium: pdfium.PdfDocument | None = None
        self._plumber: pdfplumber.PDF | None = None

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return b"%PDF" in head[:PDF_MAGIC_WINDOW]

    # ------------------------------------------------------------------------------------------ opening
    def _doc(self) -> pdfium.PdfDocument:
        if self._pdfium is None:
            size = self.path.stat().st_size
            if size == 0:
                raise BadInputError("empty", "文件为空（0 字节）")
            try:
                self._pdfium = pdfium.PdfDocument(self.path, password="")
            except pdfium.PdfiumError as exc:
                if "password" in str(exc).lower():
                    raise BadInputError("encrypted", "文件已加密，无法读取（需要密码）") from exc
                raise BadInputError("corrupt", f"PDF 文件已损坏或不完整，无法打开（{exc}）") from exc
            if len(self._pdfium) == 0:
                raise BadInputError("corrupt", "PDF 文件已损坏或不完整：没有可读取的页面")
        return self._pdfium

    def _pdfplumber(self) -> pdfplumber.PDF:
        if self._plumber is None:
            try:
                self._plumber = pdfplumber.open(self.path, password="")
            except _PAGE_PARSE_ERRORS as exc:
                raise BadInputError("corrupt", f"PDF 文件结构损坏，无法解析文字层（{type(exc).__name__}）") from exc
            except Exception as exc:  # pdfminer's PDFPasswordIncorrect and friends have no common base
                if "password" in type(exc).__name__.lower():
                    raise BadInputError("encrypted", "文件已加密，无法读取（需要密码）") from exc
                raise
        return self._plumber

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None

    def page_count(self) -> int:
        return len(self._doc())

    # ------------------------------------------------------------------------------------------ reading
    def verdict(self, page_no: int) -> tuple[LayerVerdict, float, float]:
        """(text-layer verdict, width, height) of a 1-based page from pdfium alone."""
        page = self._doc()[page_no - 1]
        try:
            textpage = page.get_textpage()
            try:
                return _verdict(page, textpage)
            finally:
                textpage.close()
        finally:
            page.close()

    def page_stub(self, page_no: int) -> Page:
        """The page as ``read()`` would return it when it needs OCR: sizes, flags, no blocks."""
        verdict, width, height = self.verdict(page_no)
        return Page(page_no=page_no, width=width, height=height, has_text_layer=verdict.has_text_layer,
                    ocr_reason=verdict.ocr_reason or "requested")

    def read(self) -> Document:
        doc = self._doc()
        pages: list[Page] = []
        problems: list[Problem] = []
        for page_no in range(1, len(doc) + 1):
            try:
                pages.append(self._read_page(page_no))
            except _PAGE_PARSE_ERRORS as exc:
                log.warning("%s page %d unreadable: %r", self.display_path, page_no, exc)
                problems.append(Problem("page_error", f"第 {page_no} 页无法解析（{type(exc).__name__}）", page_no))
                pages.append(Page(page_no=page_no, width=0.0, height=0.0, has_text_layer=False))
            except BadInputError as exc:
                problems.append(Problem(exc.category, exc.message, page_no))
                pages.append(Page(page_no=page_no, width=0.0, height=0.0, has_text_layer=False))
        status = "error" if len(problems) == len(pages) else "ok"
        return Document(path=self.display_path, sha256=self.sha256, format=self.format, pages=tuple(pages),
                        status=status, problems=tuple(problems), size=self.path.stat().st_size)

    def _read_page(self, page_no: int) -> Page:
        page = self._doc()[page_no - 1]
        try:
            textpage = page.get_textpage()  # one text page for the verdict and the reading
            try:
                verdict, width, height = _verdict(page, textpage)
                if verdict.ocr_reason is not None or not verdict.has_text_layer:
                    return Page(page_no=page_no, width=width, height=height, has_text_layer=verdict.has_text_layer,
                                ocr_reason=verdict.ocr_reason)
                try:
                    return self._layer_page(page, textpage, page_no)
                except (*_PAGE_PARSE_ERRORS, BadInputError) as exc:
                    # pdfminer is stricter than pdfium: a layer pdfminer cannot parse is read by OCR from the rendering
                    log.warning("%s page %d: text layer unparsable (%r); marked for OCR", self.display_path, page_no,
                                exc)
                    return Page(page_no=page_no, width=width, height=height, has_text_layer=True,
                                ocr_reason="garbled_text_layer")
            finally:
                textpage.close()
        finally:
            page.close()

    def _layer_page(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, page_no: int) -> Page:
        """The text layer of a usable page: pdfium alone when the page has no ruled graphics, else pdfplumber."""
        width, height = page.get_size()
        fast = fast_lines(page, textpage)
        if fast is not None:
            return self._fast_page(page_no, width, height, *fast)
        ruled = read_tables(page, textpage)
        if ruled is not None:
            return self._table_page(page_no, width, height, *ruled)
        plumber_page = self._pdfplumber().pages[page_no - 1]
        try:
            return self._plumber_page(plumber_page, page_no)
        finally:
            plumber_page.close()

    def _fast_page(self, page_no: int, width: float, height: float, lines: list[Line], unmapped: int) -> Page:
        """A table-free page from pdfium's glyphs (see ``extract.pdf_text``)."""
        # the page verdict judged pdfium's text already; glyphs pdfium flags as unmapped may look like text
        if unmapped and judge_text_layer("".join(line.text for line in lines) + "\ufffd" * unmapped,
                                         0.0).ocr_reason == "garbled_text_layer":
            return Page(page_no=page_no, width=width, height=height, has_text_layer=True,
                        ocr_reason="garbled_text_layer")
        builder = PageBuilder(self.sha256, page_no)
        for line in lines:
            builder.add("text", line.text, bbox=line.bbox)
        return builder.page(width, height)

    def _plumber_page(self, page: pdfplumber.page.Page, page_no: int) -> Page:
        """A page with ruled graphics through pdfplumber: lines outside tables, tables as cells."""
        builder = PageBuilder(self.sha256, page_no)
        chars = page.chars
        if _overprinted(chars):
            page = page.dedupe_chars()  # fake bold (text printed twice, offset) would double every character
            chars = page.chars
        upright = sum(1 for ch in chars if _horizontal(ch))
        if chars and upright < len(chars) and upright >= UPRIGHT_MAJORITY * len(chars):
            # slanted/rotated text on an upright page is a watermark ("内部资料", "仅供审核使用")
            page = page.filter(lambda obj: obj.get("object_type") != "char" or _horizontal(obj))
        tables = page.find_tables()
        regions = [(t.bbox[0] - TABLE_EDGE_PAD, t.bbox[1] - TABLE_EDGE_PAD, t.bbox[2] + TABLE_EDGE_PAD,
                    t.bbox[3] + TABLE_EDGE_PAD) for t in tables]

        def outside_tables(obj: dict) -> bool:
            if obj.get("object_type") != "char":
                return True
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in regions)

        body = page.filter(outside_tables) if regions else page
        lines = [Line(fold_radicals(ln["text"]), (ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
                 for ln in body.extract_text_lines(strip=True, return_chars=False, y_tolerance=LINE_Y_TOLERANCE)]
        return self._table_page(page_no, float(page.width), float(page.height), lines, tables, 0)

    def _table_page(self, page_no: int, width: float, height: float, lines: list[Line],
                    tables: list[pdfplumber.table.Table], unmapped: int) -> Page:
        """Lines and tables in reading order (top, then left), tables as cells. ``unmapped`` glyphs (pdfium's
        count; pdfplumber shows them as the odd characters they map to) count as unreadable text."""
        builder = PageBuilder(self.sha256, page_no)
        items: list[tuple[float, float, Line | pdfplumber.table.Table]] = [(ln.bbox[1], ln.bbox[0], ln) for ln in lines]
        items += [(t.bbox[1], t.bbox[0], t) for t in tables]
        items.sort(key=lambda item: (round(item[0], 1), item[1]))
        table_index = 0
        layer_text: list[str] = []
        for _, _, item in items:
            if isinstance(item, Line):
                layer_text.append(item.text)
                builder.add("text", item.text, bbox=item.bbox)
            else:
                grid, boxes, emit = _table_grid(item)
                layer_text.extend(t for row in grid for t in row)
                if add_table(builder, grid, table_index, bboxes=boxes, emit=emit):
                    table_index += 1
        verdict = judge_text_layer("".join(layer_text) + "\ufffd" * unmapped, 0.0)
        if verdict.ocr_reason == "garbled_text_layer":  # unmapped glyphs pdfium's page verdict let through
            return Page(page_no=page_no, width=width, height=height, has_text_layer=True,
                        ocr_reason="garbled_text_layer")
        return builder.page(width, height)

    def render(self, page_no: int, dpi: int = 200) -> "Image":
        doc = self._doc()
        if not 1 <= page_no <= len(doc):
            raise ValueError(f"page {page_no} out of range 1..{len(doc)}")
        try:
            page = doc[page_no - 1]
            try:
                bitmap = page.render(scale=dpi / 72)
                try:
                    return bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise BadInputError("page_error", f"第 {page_no} 页无法渲染（{exc}）", page_no) from exc


def _table_grid(table: pdfplumber.table.Table) -> tuple[list[list[str]], list[list[BBox | None]], list[list[bool]]]:
    """Cell texts with merged cells repeated (right along a row, down the first column), their bboxes and
    which positions carry a real cell (pdfplumber gives None for the covered parts of merged cells)."""
    raw = table.extract()
    width = max((len(row) for row in raw), default=0)
    grid: list[list[str]] = []
    emit: list[list[bool]] = []
    boxes: list[list[BBox | None]] = []
    for r, row in enumerate(raw):
        cells = table.rows[r].cells if r < len(table.rows) else []
        texts, flags, bbs = [], [], []
        for c in range(width):
            value = row[c] if c < len(row) else None
            flags.append(value is not None)
            text = fold_radicals(clean_cell_text(value))
            if value is None:
                text = texts[c - 1] if c > 0 else (grid[r - 1][0] if r > 0 else "")
            texts.append(text)
            bbs.append(tuple(cells[c]) if c < len(cells) and cells[c] is not None else None)  # type: ignore[arg-type]
        grid.append(texts)
        emit.append(flags)
        boxes.append(bbs)
    return grid, boxes, emit

"""Plain text files (UTF-8 with/without BOM, UTF-16 with BOM, GBK/GB18030), plus the page/table building helpers
every layer backend shares (block ids, spans within the page text, table cells with their headers)."""
from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from typing import ClassVar

from html.parser import HTMLParser

from charset_normalizer import from_bytes
from openpyxl.utils import get_column_letter

from extract.base import Backend
from extract.errors import BadInputError
from extract.hashing import block_id
from extract.model import BBox, Block, BlockKind, CellRef, Document, Origin, Page, Source

log = logging.getLogger(__name__)

LINES_PER_PAGE = 60  # a text file is split into pages of this many lines (about one printed A4 page)
A4_PT = (595.0, 842.0)  # nominal page size in pt for formats without one (A4 portrait)
CONTROL_SHARE_MAX = 0.02  # share of control characters above which decoded bytes are binary, not text
HEADER_SCAN_ROWS = 12  # header rows are looked for among the first rows of a table only
SNIFF_TAIL_SLACK = 4  # bytes dropped from the end of the sniff head: a multi-byte char may be cut there

_YEAR_CELL = re.compile(r"^\s*(?:19|20)\d{2}\s*$")  # a bare year heads a column ("指标 | 2022 | 2023")
_NUMERIC_CELL = re.compile(r"^[\s+\-−－]?[\d,，.．\s]+%?$")
_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAP_CJK = re.compile(rf"(?<=[{_CJK}])\s*\n\s*(?=[{_CJK}])")


# --------------------------------------------------------------------------------------------- page building
@dataclass
class PageBuilder:
    """Accumulates blocks of one page; spans are offsets in ``Page.text`` (blocks joined by newlines)."""

    sha256: str
    page_no: int
    origin: Origin = "layer"
    blocks: list[Block] = field(default_factory=list)
    _offset: int = 0

    def add(self, kind: BlockKind, text: str, *, bbox: BBox | None = None, cell: CellRef | None = None,
            confidence: float = 1.0) -> Block | None:
        if not text or not text.strip():
            return None
        span = (self._offset, self._offset + len(text))
        block = Block(id=block_id(self.sha256, self.page_no, len(self.blocks)), kind=kind, text=text,
                      src=Source(self.sha256, self.page_no, bbox, span), origin=self.origin, confidence=confidence, cell=cell)
        self.blocks.append(block)
        self._offset = span[1] + 1
        return block

    def page(self, width: float, height: float, *, has_text_layer: bool = True) -> Page:
        return Page(page_no=self.page_no, width=width, height=height, has_text_layer=has_text_layer,
                    blocks=tuple(self.blocks))


def clean_cell_text(text: str | None) -> str:
    """Cell text on one line: wrapped CJK lines are joined without a space, other breaks become one space."""
    if not text:
        return ""
    text = _WRAP_CJK.sub("", text.replace("\r", ""))
    return re.sub(r"\s*\n\s*", " ", text).strip()


def is_text_cell(text: str | None) -> bool:
    """A label rather than a number: non-empty and not a bare (possibly grouped or percent) number."""
    return bool(text and text.strip()) and not _NUMERIC_CELL.match(text or "")


def row_label(left: list[str]) -> str | None:
    """Row header of a cell from the cells left of it: the first label (a serial-number column is skipped),
    else the first non-empty cell (a year such as "2023")."""
    return next((t for t in left if is_text_cell(t)), None) or next((t for t in left if t), None)


_CAPTION_CELL = re.compile(r"^[^:：]{1,12}[:：]\s*\S")  # "表号：A301表", "计量单位：亩", "填报单位: XX局"


def find_header_row(grid: list[list[str]]) -> int | None:
    """Index of the first row with at least two distinct label cells (title and caption rows come before; a row
    of "key：value" captions such as "表号：A301表 | 制定机关：统计局 | 计量单位：亩" is a caption row)."""
    for r, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        labels = {cell for cell in row if is_text_cell(cell) or _YEAR_CELL.match(cell or "")}
        if len(labels) >= 2 and not all(_CAPTION_CELL.match(cell.strip()) for cell in labels):
            return r
    return None


def column_headers(grid: list[list[str]], header: int) -> tuple[list[str | None], int]:
    """Header text of each column and the first data row. A header row whose label spans several columns
    (merged, so repeated in the grid) over a row of sub-labels gives "parent/child" headers."""
    top = grid[header]
    width = max(len(row) for row in grid)
    top = top + [""] * (width - len(top))
    spans = any(top[c] and top[c] == top[c + 1] for c in range(width - 1))
    if spans and header + 1 < len(grid) and find_header_row([grid[header + 1]]) == 0:
        sub = grid[header + 1] + [""] * (width - len(grid[header + 1]))
        names: list[str | None] = []
        for c in range(width):
            parts = [p for p in (top[c], sub[c]) if p]
            names.append("/".join(dict.fromkeys(parts)) or None)
        return names, header + 2
    return [t or None for t in top], header + 1


def add_table(builder: PageBuilder, grid: list[list[str]], table: int, *,
              bboxes: list[list[BBox | None]] | None = None, emit: list[list[bool]] | None = None) -> int:
    """Add one "cell" block per emitted non-empty cell of ``grid`` (texts of merged cells repeated in every
    position they cover; ``emit`` False marks the repeats). Returns the number of blocks added."""
    if not grid:
        return 0
    header = find_header_row(grid)
    headers, first_data = column_headers(grid, header if header is not None else 0)
    added = 0
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if not text or (emit is not None and not emit[r][c]):
                continue
            row_header = row_label(row[:c])
            col_header = headers[c] if r >= first_data and c < len(headers) else None
            ref = CellRef(table=table, row=r, col=c, row_header=row_header, column_header=col_header)
            bbox = bboxes[r][c] if bboxes is not None else None
            if builder.add("cell", text, bbox=bbox, cell=ref) is not None:
                added += 1
    return added


# --------------------------------------------------------------------------------------------- decoding
def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f\x1a") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(text)


def decode_text(data: bytes, *, partial: bool = False) -> tuple[str, str] | None:
    """(text, encoding) or None when the bytes are not text. ``partial``: data may end mid-character."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        if b"\x00" in data:
            return None
        candidates = ["utf-8", "gb18030"]
    body = data[:-SNIFF_TAIL_SLACK] if partial and len(data) > SNIFF_TAIL_SLACK else data
    # A partial head may end inside a multi-byte character wherever it was cut: try dropping 0..3 trailing bytes.
    trims = range(0, min(4, len(data))) if partial else range(1)
    for encoding in candidates:
        text = None
        for trim in trims:
            try:
                text = (data[: len(data) - trim] if trim else data).decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            continue
        if _control_share(text) <= CONTROL_SHARE_MAX:
            return (data.decode(encoding, errors="replace") if partial else text), encoding
    best = from_bytes(body).best()
    if best is None or best.encoding is None:
        return None
    encoding = "gb18030" if best.encoding.lower() in {"gb2312", "gbk", "hz", "gb18030"} else best.encoding
    text = data.decode(encoding, errors="replace")
    if _control_share(text) > CONTROL_SHARE_MAX or text.count("\ufffd") > len(text) * CONTROL_SHARE_MAX:
        return None
    return text, encoding


_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|body|table)[\s>]", re.IGNORECASE)
_HTML_BREAKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "caption", "section"}
HTML_SNIFF_CHARS = 4096  # an HTML export (.xls/.doc saved as web page) declares itself near the start


class _HtmlLines(HTMLParser):
    """Visible text of an HTML page as lines; a table row becomes one line of cells joined by " | "."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._cells: list[str] | None = None
        self._skip = 0

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        self._current = []
        if not text:
            return
        if self._cells is not None:
            self._cells.append(text)
        else:
            self.lines.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th") or tag in _HTML_BREAKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag == "tr":
            self._flush()
            if self._cells:
                self.lines.append(" | ".join(self._cells))
            self._cells = None
        elif tag in ("td", "th") or tag in _HTML_BREAKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        if self._cells:
            self.lines.append(" | ".join(self._cells))


def text_lines(text: str) -> list[str]:
    """Lines of a decoded text file; HTML exports (web-page .xls/.doc) are reduced to their visible text."""
    if _HTML_SNIFF.search(text[:HTML_SNIFF_CHARS]):
        parser = _HtmlLines()
        parser.feed(text)
        parser.close()
        return parser.lines
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


class TextBackend(Backend):
    format: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".csv", ".tsv", ".md", ".log", ".json", ".xml", ".html", ".htm")

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return bool(head.strip()) and decode_text(head, partial=True) is not None

    def read(self) -> Document:
        data = self.path.read_bytes()
        if not data:
            raise BadInputError("empty", "文件为空（0 字节）")
        decoded = decode_text(data)
        if decoded is None:
            raise BadInputError("unreadable", "无法识别文本编码（非 UTF-8/GBK/GB18030 文本）")
        text, encoding = decoded
        if self.display_path.lower().endswith((".csv", ".tsv")):
            grid = csv_grid(text, tab=self.display_path.lower().endswith(".tsv"))
            if grid is not None:
                return Document(path=self.display_path, sha256=self.sha256, format=self.format,
                                pages=(self._grid_page(grid),), size=len(data), meta=(("encoding", encoding),))
        lines = text_lines(text)
        pages: list[Page] = []
        for start in range(0, max(len(lines), 1), LINES_PER_PAGE):
            builder = PageBuilder(self.sha256, len(pages) + 1)
            for line in lines[start:start + LINES_PER_PAGE]:
                builder.add("text", line)
            pages.append(builder.page(*A4_PT))
        log.debug("%s: %d lines decoded as %s", self.display_path, len(lines), encoding)
        return Document(path=self.display_path, sha256=self.sha256, format=self.format, pages=tuple(pages),
                        size=len(data), meta=(("encoding", encoding),))

    def _grid_page(self, grid: list[list[str]]) -> Page:
        """A CSV as one sheet-like page: cells with coordinates and headers, plus one text block per row."""
        builder = PageBuilder(self.sha256, 1)
        header = find_header_row(grid)
        headers, first_data = column_headers(grid, header) if header is not None else ([], len(grid))
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                col_header = headers[c] if r >= first_data and c < len(headers) else None
                builder.add("cell", text, cell=CellRef(table=0, row=r, col=c, row_header=row_label(row[:c]),
                                                       column_header=col_header, coord=f"{get_column_letter(c + 1)}{r + 1}"))
            builder.add("text", " | ".join(text for text in row if text))
        return builder.page(*A4_PT)


def csv_grid(text: str, *, tab: bool = False) -> list[list[str]] | None:
    """Rows of a delimited text file (delimiter sniffed among , ; tab |), or None when it does not parse."""
    sample = text[:HTML_SNIFF_CHARS]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab if tab else csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[clean_cell_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        log.info("not parsed as CSV (%s); read as lines", exc)
        return None
    rows = [row for row in rows if any(row)]
    return rows if rows and max(len(row) for row in rows) > 1 else None

"""XLSX/XLSM (openpyxl, cached values): one page per sheet, one "cell" block per non-empty cell with its text as
Excel displays it (number formats applied), headers found under title/caption rows, and one "text" block per row."""
from __future__ import annotations

import logging
import re
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import ClassVar

import openpyxl
from lxml import etree
from openpyxl.utils import coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from extract.base import Backend
from extract.errors import BadInputError
from extract.model import CellRef, Document, Page, Problem
from extract.text_backend import PageBuilder, clean_cell_text, column_headers, find_header_row, is_text_cell

log = logging.getLogger(__name__)

SHEET_PAGE_PT = (842.0, 595.0)  # nominal page size of a sheet in pt (A4 landscape)
GENERAL_SIGNIFICANT = 15  # digits Excel keeps when showing a "General" number (binary float noise removed)
MERGE_FILL_MAX = 10_000  # cells: larger merged ranges are not header/label spans; not propagated
ROW_JOIN = " | "
_CORRUPT_ERRORS = (InvalidFileException, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError,
                   TypeError, IndexError, EOFError, OSError)
_DIGIT_PART = re.compile(r"[0#?][0#?,.]*(?:%|[eE][+-]0+)?|%")
_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]')


# ------------------------------------------------------------------------------------------ display formatting
def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _general(value: Decimal) -> str:
    rounded = Decimal(f"{value:.{GENERAL_SIGNIFICANT}g}")
    return _plain(rounded)


def _apply_section(value: Decimal, section: str) -> str:
    """Format ``value`` (already signed as the section wants) with one section of a number format."""
    literals: dict[int, tuple[int, str]] = {}  # start -> (end, text) of quoted/escaped/bracketed pieces

    def keep(match: re.Match[str]) -> str:
        text = match.group(1) if match.group(1) is not None else match.group(2) or match.group(3) or ""
        literals[match.start()] = (match.end(), text)
        return "\x00" * len(match.group(0))

    masked = _LITERAL.sub(keep, section)
    digits = _DIGIT_PART.search(masked)
    if digits is None:  # a format of literals only (e.g. "-" for zero): Excel shows the literal text
        return "".join(text for _, text in literals.values()) or _general(value)
    spec = digits.group(0)
    if "%" in masked:
        value *= 100
    if "e" in spec.lower():
        places = len(spec.split(".")[1].lower().split("e")[0]) if "." in spec else 0
        mantissa, exponent = f"{value:.{places}E}".split("E")
        body = f"{mantissa}E{exponent[0]}{exponent[1:].zfill(2)}"
    else:
        number_spec = spec.replace("%", "")
        trailing_commas = len(number_spec) - len(number_spec.rstrip(","))
        value /= Decimal(1000) ** trailing_commas  # "#,##0," scales by thousands
        number_spec = number_spec.rstrip(",")
        places = len(number_spec.split(".")[1]) if "." in number_spec else 0
        grouping = "," if "," in number_spec else ""
        body = format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), f"{grouping}.{places}f")
        if body.startswith("-") and Decimal(body.replace(",", "")) == 0:
            body = body[1:]
        body += "%" if "%" in spec else ""
    out: list[str] = []
    pos = 0
    while pos < len(masked):
        if pos == digits.start():
            out.append(body)
            pos = digits.end()
        elif pos in literals:
            end, text = literals[pos]
            out.append(text)
            pos = end
        else:  # unquoted literal characters such as "-", "(", ")", "¥", "元"
            out.append(masked[pos])
            pos += 1
    return "".join(out).strip()


def format_number(value: Decimal, number_format: str | None) -> str:
    """A number as Excel displays it with ``number_format`` (General, fixed, grouped, percent, scientific,
    literal prefixes/suffixes and the positive;negative;zero sections)."""
    fmt = number_format or "General"
    if fmt.strip().lower() in {"general", "@", ""}:
        return _general(value)
    sections = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', fmt)
    if value < 0 and len(sections) >= 2 and sections[1]:
        return _apply_section(-value, sections[1])
    if value == 0 and len(sections) >= 3 and sections[2]:
        return _apply_section(value, sections[2])
    section = sections[0]
    if section.lower().startswith("general"):
        return _general(value)
    try:
        return _apply_section(value, section)
    except (InvalidOperation, ValueError) as exc:  # exotic format (fractions, conditions): show the value
        log.debug("number format %r not applied: %s", fmt, exc)
        return _general(value)


def _coarse_date(value: date, number_format: str | None) -> str | None:
    """A date cell whose format shows no day ("yyyy-mm", 'yyyy"年"m"月"', "mmm-yy"): "2023-01" (a month, as a
    ledger's 月份 column means it); a year-only format: "2023". None when the format shows the day or a time."""
    codes = _LITERAL.sub("", (number_format or "").lower())
    if "y" not in codes or re.search(r"[dhs]", codes):
        return None
    return f"{value.year:04d}-{value.month:02d}" if "m" in codes else f"{value.year:04d}"


def display_value(value: object, number_format: str | None) -> tuple[str, str | None]:
    """(displayed text, stored value when it differs) of a cached cell value."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, (datetime, date)) and (coarse := _coarse_date(value, number_format)):
        return coarse, value.isoformat()[:10]
    if isinstance(value, datetime):
        if value.time() == time(0) or not re.search(r"[hs]", (number_format or "").lower()):
            return value.date().isoformat(), None
        return value.strftime("%Y-%m-%d %H:%M:%S" if "s" in (number_format or "").lower() else "%Y-%m-%d %H:%M"), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, time):
        return value.strftime("%H:%M:%S"), None
    if isinstance(value, timedelta):
        return str(value), None
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        shown = format_number(number, number_format)
        stored = _general(number)
        return shown, (stored if stored != shown else None)
    return clean_cell_text(str(value)), None


# ------------------------------------------------------------------------------------------ uncached formulas
_UNCACHED = re.compile(rb"<c\b[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?%?)|(?P<range>\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)"
                    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d+)|(?P<func>[A-Z][A-Z0-9.]*)\(|(?P<op>[-+*/^(),]))")
_AGGREGATES = {"SUM": sum, "MIN": min, "MAX": max}


def has_uncached_formulas(path) -> bool:  # noqa: ANN001 - Path
    """True when a worksheet holds a formula without a cached result (files written by scripts, never opened
    in Excel): such cells are empty in the cached-values view."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml") and _UNCACHED.search(archive.read(name)):
                return True
    return False


class FormulaError(ValueError):
    """A formula outside the small supported subset (same-sheet refs, + - * / ^, SUM/AVERAGE/MIN/MAX/COUNT/ROUND)."""


class _Formula:
    """Recursive-descent evaluation of simple formulas over a sheet's values (Decimal arithmetic)."""

    def __init__(self, values: dict[tuple[int, int], object], formulas: dict[tuple[int, int], str]) -> None:
        self.values, self.formulas, self.active = values, formulas, set()

    def cell(self, row: int, col: int) -> Decimal | None:
        if (row, col) in self.formulas and self.values.get((row, col)) is None:
            if (row, col) in self.active:
                raise FormulaError("circular reference")
            self.active.add((row, col))
            try:
                self.values[(row, col)] = self.evaluate(self.formulas[(row, col)])
            finally:
                self.active.discard((row, col))
        value = self.values.get((row, col))
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return None
        return Decimal(repr(value)) if isinstance(value, float) else value if isinstance(value, Decimal) else (
            Decimal(value) if isinstance(value, int) else None)

    def evaluate(self, formula: str) -> Decimal:
        self.tokens = [m for m in _TOKEN.finditer(formula.lstrip("=").upper())]
        if "".join(m.group(0) for m in self.tokens).replace(" ", "") != formula.lstrip("=").upper().replace(" ", ""):
            raise FormulaError(f"unsupported formula {formula!r}")
        self.pos = 0
        result = self._expr()
        if self.pos != len(self.tokens):
            raise FormulaError(f"trailing tokens in {formula!r}")
        if not isinstance(result, Decimal):
            raise FormulaError("range used as a value")
        return result

    def _peek(self, op: str) -> bool:
        return self.pos < len(self.tokens) and self.tokens[self.pos].group("op") == op

    def _expr(self) -> Decimal:
        value = self._term()
        while self._peek("+") or self._peek("-"):
            op = self.tokens[self.pos].group("op")
            self.pos += 1
            value = value + self._term() if op == "+" else value - self._term()
        return value

    def _term(self) -> Decimal:
        value = self._power()
        while self._peek("*") or self._peek("/"):
            op = self.tokens[self.pos].group("op")
            self.pos += 1
            right = self._power()
            if op == "/" and right == 0:
                raise FormulaError("division by zero")
            value = value * right if op == "*" else value / right
        return value

    def _power(self) -> Decimal:
        value = self._unary()
        while self._peek("^"):
            self.pos += 1
            value = value ** self._unary()
        return value

    def _unary(self) -> Decimal:
        if self._peek("-") or self._peek("+"):
            negative = self.tokens[self.pos].group("op") == "-"
            self.pos += 1
            value = self._unary()
            return -value if negative else value
        return self._atom()  # type: ignore[return-value]

    def _atom(self) -> Decimal | list[Decimal]:
        if self.pos >= len(self.tokens):
            raise FormulaError("unexpected end")
        token = self.tokens[self.pos]
        self.pos += 1
        if token.group("num"):
            text = token.group("num")
            return Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
        if token.group("ref"):
            row, col = coordinate_to_tuple(token.group("ref").replace("$", ""))
            return self.cell(row, col) or Decimal(0)
        if token.group("range"):
            min_col, min_row, max_col, max_row = range_boundaries(token.group("range").replace("$", ""))
            return [v for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
                    if (v := self.cell(r, c)) is not None]
        if token.group("func"):
            return self._call(token.group("func"))
        if token.group("op") == "(":
            value = self._expr()
            self._expect(")")
            return value
        raise FormulaError(f"unexpected {token.group(0)!r}")

    def _expect(self, op: str) -> None:
        if not self._peek(op):
            raise FormulaError(f"expected {op!r}")
        self.pos += 1

    def _call(self, name: str) -> Decimal:
        args: list[Decimal] = []
        while not self._peek(")"):
            item = self._atom() if self.tokens[self.pos].group("range") else self._expr()
            args.extend(item if isinstance(item, list) else [item])
            if not self._peek(","):
                break
            self.pos += 1
        self._expect(")")
        if name in _AGGREGATES:
            return _AGGREGATES[name](args) if args else Decimal(0)  # type: ignore[operator]
        if name == "AVERAGE" and args:
            return sum(args) / len(args)  # type: ignore[return-value]
        if name == "COUNT":
            return Decimal(len(args))
        if name == "ROUND" and len(args) == 2:
            return args[0].quantize(Decimal(1).scaleb(-int(args[1])), rounding=ROUND_HALF_UP)  # Excel: half away from 0
        raise FormulaError(f"unsupported function {name}")


# ------------------------------------------------------------------------------------------ backend
class XlsxBackend(Backend):
    format: ClassVar[str] = "xlsx"
    extensions: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm", ".xltx", ".xltm", ".et")
    members: ClassVar[tuple[str, ...]] = ("xl/workbook.xml",)

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return head.startswith(b"PK\x03\x04") and (b"xl/" in head or name.lower().endswith(cls.extensions))

    def read(self) -> Document:
        if self.path.stat().st_size == 0:
            raise BadInputError("empty", "文件为空（0 字节）")
        try:
            workbook = openpyxl.load_workbook(self.path, data_only=True, read_only=False, keep_links=False)
        except _CORRUPT_ERRORS as exc:
            raise BadInputError("corrupt", f"Excel 文件已损坏或不是有效的 XLSX（{type(exc).__name__}）") from exc
        formulas = self._uncached_formulas()
        problems: list[Problem] = []
        try:
            pages = tuple(self._sheet_page(ws, index + 1, formulas.get(ws.title, {}), problems)
                          for index, ws in enumerate(workbook.worksheets))
        finally:
            workbook.close()
        return Document(path=self.display_path, sha256=self.sha256, format=self.format, pages=pages,
                        problems=tuple(problems), size=self.path.stat().st_size,
                        meta=tuple(("sheet", ws_title) for ws_title in workbook.sheetnames))

    def _uncached_formulas(self) -> dict[str, dict[tuple[int, int], str]]:
        """Formula text of every formula cell per sheet, loaded only when some formula has no cached result."""
        if not has_uncached_formulas(self.path):
            return {}
        try:
            workbook = openpyxl.load_workbook(self.path, data_only=False, read_only=False, keep_links=False)
        except _CORRUPT_ERRORS as exc:
            raise BadInputError("corrupt", f"Excel 文件公式部分无法读取（{type(exc).__name__}）") from exc
        try:
            return {ws.title: {pos: cell.value for pos, cell in ws._cells.items()
                               if isinstance(cell.value, str) and cell.value.startswith("=")}
                    for ws in workbook.worksheets}
        finally:
            workbook.close()

    def _sheet_page(self, ws, page_no: int, formulas: dict[tuple[int, int], str],  # noqa: ANN001 - Worksheet
                    problems: list[Problem]) -> Page:
        values = {pos: cell.value for pos, cell in ws._cells.items()}
        evaluator = _Formula(values, formulas)
        failed: list[str] = []
        for (row, col) in sorted(formulas):
            if values.get((row, col)) is None:
                try:
                    evaluator.cell(row, col)
                except (FormulaError, ArithmeticError, ValueError) as exc:
                    log.debug("%s!%s%d: %s", ws.title, get_column_letter(col), row, exc)
                    failed.append(f"{get_column_letter(col)}{row}")
        if failed:
            problems.append(Problem("uncached_formula", f"工作表“{ws.title}”有 {len(failed)} 个公式单元格没有保存计算结果且"
                                    f"无法自动计算（{'、'.join(failed[:5])}{'等' if len(failed) > 5 else ''}），"
                                    "请在 Excel 中打开并保存后重新提交", page_no))
        cells: dict[tuple[int, int], tuple[str, str | None]] = {}
        for (row, col), cell in sorted(ws._cells.items()):  # only cells that exist (dimensions can lie)
            shown, stored = display_value(values.get((row, col)), cell.number_format)
            if shown:
                cells[(row - 1, col - 1)] = (shown, stored)
        labels = {pos: text for pos, (text, _) in cells.items()}
        inherited: dict[int, list[tuple[int, str]]] = {}
        for merged in ws.merged_cells.ranges:  # repeat merged labels over their span, for header lookup only
            if (merged.max_row - merged.min_row + 1) * (merged.max_col - merged.min_col + 1) > MERGE_FILL_MAX:
                continue
            text = labels.get((merged.min_row - 1, merged.min_col - 1))
            if text:
                for r in range(merged.min_row - 1, merged.max_row):
                    for c in range(merged.min_col - 1, merged.max_col):
                        labels.setdefault((r, c), text)
                    if r > merged.min_row - 1:  # rows under a vertically merged label repeat it in their row text
                        inherited.setdefault(r, []).append((merged.min_col - 1, text))
        builder = PageBuilder(self.sha256, page_no)
        if cells:
            self._emit(builder, ws.title, cells, labels, inherited)
        return builder.page(*SHEET_PAGE_PT)

    def _emit(self, builder: PageBuilder, sheet: str, cells: dict[tuple[int, int], tuple[str, str | None]],
              labels: dict[tuple[int, int], str], inherited: dict[int, list[tuple[int, str]]]) -> None:
        max_row = max(r for r, _ in labels)
        max_col = max(c for _, c in labels)
        head_rows = min(max_row + 1, 40)
        head_grid = [[labels.get((r, c), "") for c in range(max_col + 1)] for r in range(head_rows)]
        header = find_header_row(head_grid)
        headers, first_data = column_headers(head_grid, header) if header is not None else ([], max_row + 1)
        by_row: dict[int, list[int]] = {}
        for r, c in cells:
            by_row.setdefault(r, []).append(c)
        first_label: dict[int, tuple[int, str]] = {}  # row -> leftmost label (column, text): the row header
        first_any: dict[int, tuple[int, str]] = {}  # row -> leftmost non-empty cell, when the row has no label
        for (r, c), text in labels.items():
            target = first_label if is_text_cell(text) else first_any
            if r not in target or c < target[r][0]:
                target[r] = (c, text)
        for r in sorted(by_row):
            row_texts: list[tuple[int, str]] = [(c, t) for c, t in inherited.get(r, ()) if (r, c) not in cells]
            for c in sorted(by_row[r]):
                text, stored = cells[(r, c)]
                row_label = next((found[r][1] for found in (first_label, first_any)
                                  if r in found and found[r][0] < c), None)
                col_label = headers[c] if header is not None and r >= first_data and c < len(headers) else None
                ref = CellRef(table=0, row=r, col=c, row_header=row_label, column_header=col_label, sheet=sheet,
                              coord=f"{get_column_letter(c + 1)}{r + 1}", stored=stored)
                builder.add("cell", text, cell=ref)
                row_texts.append((c, text))
            builder.add("text", ROW_JOIN.join(text for _, text in sorted(row_texts)))

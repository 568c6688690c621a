"""Read the county's submitted-values sheet (填报值表) as departments fill it: XLSX or CSV.

The header row is found under title rows and merged cells: the first row (within ``HEADER_SEARCH_ROWS``) that
holds an indicator-name column and a value column. Values are parsed from what people type ("95.2%", "3.2万吨",
"1,234", full-width digits, percent-formatted Excel cells holding 0.952). A row whose value cannot be parsed is
kept with ``problem`` set, never dropped. This module knows nothing about indicators: names are resolved later.
"""
from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extract.errors import BadInputError

log = logging.getLogger(__name__)

HEADER_SEARCH_ROWS = 30  # title rows / notes above the header are rare beyond a handful of rows
MAX_CSV_BYTES = 20 * 1024 * 1024  # a submitted sheet is a few KB; anything larger is not one

# Header synonyms per logical column (after folding spaces and full-width characters).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "name": ("指标名称", "指标", "考核指标", "填报指标", "项目", "项目名称", "名称", "指标项"),
    "value": ("填报值", "填报数值", "数值", "数据", "指标值", "填报数据", "完成值", "实际值", "评价年数值"),
    "unit": ("单位", "计量单位", "指标单位"),
    "department": ("填报单位", "责任单位", "牵头单位", "提供单位", "填报部门", "责任部门", "牵头部门"),
    "remark": ("备注", "说明", "数据来源"),
}

# Units people type after a number inside the value cell; longest first so "万吨" wins over "吨".
_UNIT_RE = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(.*?)\s*$")
_YEAR_HEADER = re.compile(r"^((?:19|20)\d{2})年?(?:度|数据|数值)?$")
_NAME_UNIT = re.compile(r"[(\[]([^()\[\]]{1,10})[)\]]\s*$")
_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部类])")
_FOOTER = re.compile(r"^(填报人|填表人|审核人|负责人|单位负责人|联系人|联系电话|填报日期|制表|说明|注[:：])")
_MULTIPLIERS = ("万", "亿", "千", "百")
_EMPTY_MARKS = {"", "-", "—", "--", "——", "/", "无", "空", "null", "none", "n/a"}


@dataclass(frozen=True)
class SubmittedRow:
    """One row of the submitted sheet, as written plus the parsed number."""

    row: int  # 1-based row number in the sheet / CSV line number
    seq: str | None  # 序号 as written
    name: str  # 指标名称 as written (trimmed)
    raw_value: str  # 填报值 as written ("" when empty)
    value: Decimal | None  # parsed number in ``unit``; None when empty or not a number
    unit: str | None  # unit column, or the unit typed after the number in the value cell
    department: str | None  # 填报单位 as written
    remark: str | None
    sheet: str | None = None
    problem: str | None = None  # Chinese note when the value could not be parsed


def fold(text: str) -> str:
    """NFKC (full-width → half-width), drop spaces inside the text."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_value(raw: str) -> tuple[Decimal | None, str | None, str | None]:
    """Parse a typed value → (number, unit typed after it, problem). "3.2万吨" → (3.2, "万吨", None)."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.lower() in _EMPTY_MARKS:
        return None, None, None
    text = text.replace(",", "").replace("，", "").replace(" ", "")
    text = text.replace("％", "%")
    m = _UNIT_RE.match(text)
    if not m:
        return None, None, f"填报值“{raw}”不是数字"
    try:
        number = Decimal(m.group(1))
    except InvalidOperation:
        return None, None, f"填报值“{raw}”不是数字"
    unit = m.group(2) or None
    if unit and re.search(r"\d", unit):
        return None, None, f"填报值“{raw}”含多个数字，无法确定"
    return number, unit, None


def _cell_text(value: object, number_format: str | None = None) -> tuple[str, Decimal | None, str | None]:
    """Text as displayed, plus the number and a unit implied by the cell format (percent cells)."""
    if value is None:
        return "", None, None
    if isinstance(value, bool):
        return str(value), None, None
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if number_format and "%" in number_format:
            pct = (number * 100).normalize()
            return f"{pct:f}%", pct, "%"
        if number == number.to_integral_value() and "E" not in str(number):
            number = number.quantize(Decimal(1)) if abs(number) < Decimal(10) ** 15 else number
        return f"{number.normalize():f}", number.normalize(), None
    return str(value).strip(), None, None


def _match_header(cells: list[str]) -> dict[str, int] | None:
    folded = [fold(c) for c in cells]
    columns: dict[str, int] = {}
    for key, synonyms in COLUMN_SYNONYMS.items():
        for i, text in enumerate(folded):
            if not text or i in columns.values():
                continue
            if text in synonyms or (key != "value" and any(text.startswith(s) for s in synonyms if len(s) > 1)):
                columns[key] = i
                break
    if "name" not in columns:
        return None
    if "value" not in columns:  # year columns ("2023年" | "2024年"): the latest year is the evaluation year
        years = [(int(m.group(1)), i) for i, text in enumerate(folded)
                 if i not in columns.values() and (m := _YEAR_HEADER.match(text))]
        if years:
            columns["value"] = max(years)[1]
    if "value" not in columns:  # headers such as "2024年填报值", "填报值（2024年）"
        for i, text in enumerate(folded):
            if i not in columns.values() and ("填报" in text or "数值" in text or "值" in text) and "单位" not in text:
                columns["value"] = i
                break
    return columns if "value" in columns else None


def unit_from_name(name: str) -> str | None:
    """The unit people put in brackets after the name: "化肥施用量（吨）" → "吨"; qualifiers such as （折纯） are not."""
    from extract.facts import unit_info

    m = _NAME_UNIT.search(unicodedata.normalize("NFKC", name))
    if m and unit_info(m.group(1).strip()) is not None:
        return m.group(1).strip()
    return None


def _rows_to_submitted(rows: list[list[tuple[str, Decimal | None, str | None]]], sheet: str | None,
                       source: str) -> list[SubmittedRow]:
    header_at = None
    columns: dict[str, int] = {}
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _match_header([c[0] for c in row])
        if found:
            header_at, columns = i, found
            break
    if header_at is None:
        raise BadInputError("no_header", f"{source}：未找到表头（需包含“指标名称”和“填报值”等列）")
    first_data = header_at + 1
    if first_data < len(rows):  # a two-row header: 填报值 merged over "2023年 | 2024年" → the latest year
        sub = [fold(c[0]) for c in rows[first_data]]
        years = [(int(m.group(1)), j) for j, t in enumerate(sub)
                 if j >= columns["value"] and (m := _YEAR_HEADER.match(t))]
        name_idx = columns["name"]
        if years and not (name_idx < len(sub) and sub[name_idx]):
            columns["value"] = max(years)[1]
            first_data += 1
    result: list[SubmittedRow] = []
    for i, row in enumerate(rows[first_data:], start=first_data + 1):
        def cell(key: str) -> tuple[str, Decimal | None, str | None]:
            idx = columns.get(key)
            return row[idx] if idx is not None and idx < len(row) else ("", None, None)

        name = cell("name")[0].strip()
        raw, number, fmt_unit = cell("value")
        if not raw.strip() and (not name or _HEADING.match(fold(name)) or _FOOTER.match(fold(name))):
            continue  # blank line, a group heading ("一、生态保护修复") or the signature footer: not a submission
        if not name:
            name = ""
        unit_col = cell("unit")[0].strip() or None
        problem = None
        if number is None:
            number, typed_unit, problem = parse_value(raw)
        else:
            typed_unit = fmt_unit
        if typed_unit in _MULTIPLIERS and unit_col and not unit_col.startswith(typed_unit):
            typed_unit = typed_unit + unit_col  # "3.2万" under 单位 "吨" → 3.2 万吨
        elif typed_unit and unit_col and fold(typed_unit) != fold(unit_col):
            problem = problem or f"填报值中的单位“{typed_unit}”与单位列“{unit_col}”不一致，按填报值中的单位处理"
        unit = typed_unit or unit_col or (unit_from_name(name) if name else None)
        if unit:
            unit = unicodedata.normalize("NFKC", unit).strip() or None
        if not name:
            problem = problem or "缺少指标名称"
        result.append(SubmittedRow(
            row=i, seq=cell("seq")[0].strip() or None, name=name, raw_value=raw.strip(), value=number, unit=unit,
            department=cell("department")[0].strip() or None, remark=cell("remark")[0].strip() or None,
            sheet=sheet, problem=problem,
        ))
    if not result:
        raise BadInputError("empty", f"{source}：表头下没有任何填报行")
    return result


def _read_xlsx(path: Path) -> list[SubmittedRow]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise BadInputError("corrupt", f"填报表无法打开：{path.name}（{exc}）") from exc
    errors: list[str] = []
    result: list[SubmittedRow] = []
    try:
        for ws in wb.worksheets:  # every visible sheet with a header (departments often fill one sheet each)
            if ws.sheet_state != "visible":
                continue
            rows = [[_cell_text(c.value, c.number_format) for c in r] for r in ws.iter_rows()]
            try:
                result.extend(_rows_to_submitted(rows, ws.title, f"{path.name}/{ws.title}"))
            except BadInputError as exc:
                log.info("sheet skipped: %s", exc.message)  # 填报说明 and other sheets without a header
                errors.append(exc.message)
    finally:
        wb.close()
    if not result:
        raise BadInputError("no_header", "；".join(errors) or f"{path.name}：工作簿中没有工作表")
    return result


def _decode_csv(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInputError("unreadable", f"填报表编码无法识别：{name}")
    return str(best)


def _read_csv(path: Path) -> list[SubmittedRow]:
    data = path.read_bytes()
    if len(data) > MAX_CSV_BYTES:
        raise BadInputError("too_large", f"填报表过大：{path.name}")
    text = _decode_csv(data, path.name)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = [[(c, None, None) for c in r] for r in csv.reader(io.StringIO(text), dialect)]
    return _rows_to_submitted(rows, None, path.name)


def _read_via_reader(path: Path) -> list[SubmittedRow]:
    """Other formats (DOCX tables, legacy .xls/.et through LibreOffice): the tables of the read Document."""
    from extract.hashing import sha256_file
    from extract.reader import read_document

    doc = read_document(path, path.name, sha256_file(path), None)
    if doc.status == "error":
        problem = doc.problems[0] if doc.problems else None
        raise BadInputError(problem.category if problem else "unreadable",
                            f"填报表无法读取：{path.name}（{doc.error or '未知原因'}）")
    tables: dict[tuple[int, str | None, int], dict[tuple[int, int], str]] = {}
    for page in doc.pages:
        for block in page.blocks:
            if block.cell is not None:
                key = (page.page_no, block.cell.sheet, block.cell.table)
                tables.setdefault(key, {})[(block.cell.row, block.cell.col)] = block.text
    result: list[SubmittedRow] = []
    errors: list[str] = []
    for (page_no, sheet, table), cells in tables.items():
        width = max(c for _, c in cells) + 1
        height = max(r for r, _ in cells) + 1
        grid = [[(cells.get((r, c), ""), None, None) for c in range(width)] for r in range(height)]
        try:
            result.extend(_rows_to_submitted(grid, sheet, f"{path.name} 第{page_no}页表{table + 1}"))
        except BadInputError as exc:
            errors.append(exc.message)
    if not result:
        hint = "（扫描件请先转换为 Excel）" if doc.ocr_pages or any(p.ocr_reason for p in doc.pages) else ""
        raise BadInputError("no_header", "；".join(errors) or f"{path.name}：未找到填报表格{hint}")
    return result


def read_submitted(path: Path) -> list[SubmittedRow]:
    """Read a submitted-values sheet: .xlsx/.xlsm, .csv/.txt, or a table in DOCX / legacy .xls (LibreOffice).
    Raises BadInputError for unreadable files."""
    import zipfile

    path = Path(path)
    if not path.is_file():
        raise BadInputError("missing", f"找不到填报表：{path}")
    if path.stat().st_size == 0:
        raise BadInputError("empty", f"填报表是空文件：{path.name}")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise BadInputError("corrupt", f"填报表不是有效的 Office 文件：{path.name}") from exc
        return _read_xlsx(path) if "xl/workbook.xml" in names else _read_via_reader(path)
    if head.startswith(b"\xd0\xcf\x11\xe0") or head.startswith(b"%PDF"):
        return _read_via_reader(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".docx"):
        raise BadInputError("corrupt", f"填报表不是有效的 Office 文件：{path.name}")
    return _read_csv(path)

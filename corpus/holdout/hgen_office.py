"""Office-format and archive writers for the holdout package (DOCX, XLSX, CSV, ZIP), byte-stable across runs."""
from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from pathlib import Path
from typing import Sequence

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

log = logging.getLogger(__name__)

FIXED_TIME = dt.datetime(2024, 1, 15, 9, 0, 0)
ZIP_TIME = (2024, 1, 15, 9, 0, 0)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip container with fixed member timestamps and order-preserving deflate (deterministic bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-15T09:00:00Z", blob)
            dst.writestr(zi, blob)
    return out.getvalue()


# ---------------------------------------------------------------- DOCX
Block = tuple[str, object]  # ("title"|"p"|"right"|"center"|"table", payload)


def _set_east_asian(run, name: str = "仿宋_GB2312") -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def write_docx(path: Path, blocks: Sequence[Block], title: str) -> None:
    """Blocks: ("title", text), ("center", text), ("p", text), ("right", text),
    ("table", list of rows (first row = header)), ("form", list of (label, value)) — a 2-column form table."""
    d = docx.Document()
    d.core_properties.created = FIXED_TIME
    d.core_properties.modified = FIXED_TIME
    d.core_properties.title = title
    d.core_properties.author = "Administrator"
    for kind, payload in blocks:
        if kind in ("title", "center", "p", "right"):
            para = d.add_paragraph()
            run = para.add_run(str(payload))
            if kind == "title":
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.font.size = Pt(20)
                run.bold = True
                _set_east_asian(run, "方正小标宋简体")
            else:
                run.font.size = Pt(14 if kind == "p" else 15)
                _set_east_asian(run)
                if kind == "center":
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif kind == "right":
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    para.paragraph_format.first_line_indent = Pt(28)
        elif kind == "table":
            rows = list(payload)  # type: ignore[arg-type]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    table.cell(r, c).text = str(val)
        elif kind == "form":
            pairs = list(payload)  # type: ignore[arg-type]
            table = d.add_table(rows=len(pairs), cols=2)
            table.style = "Table Grid"
            for r, (label, val) in enumerate(pairs):
                table.cell(r, 0).text = label
                table.cell(r, 1).text = val
        else:
            raise ValueError(f"unknown block kind {kind}")
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(normalize_zip(buf.getvalue()))


# ---------------------------------------------------------------- XLSX
def write_xlsx(path: Path, sheets: Sequence[tuple[str, list[list[object]], dict[str, str]]]) -> None:
    """Sheets: (name, rows, number formats by cell reference, e.g. {"C7": "0.00%"}). Row 1 is merged as a title."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "统计局"
    for name, rows, formats in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        width = max(len(r) for r in rows)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center")
        for ref, fmt in formats.items():
            ws[ref].number_format = fmt
        ws.column_dimensions["A"].width = 30
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalize_zip(buf.getvalue()))


# ---------------------------------------------------------------- CSV
def write_csv(path: Path, rows: list[list[str]], encoding: str, bom: bool = False) -> None:
    """Plain comma-separated text with CRLF line ends, as Excel on Windows saves it."""
    def cell(v: str) -> str:
        return f'"{v}"' if ("," in v or '"' in v) else v
    text = "\r\n".join(",".join(cell(str(v)) for v in row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


# ---------------------------------------------------------------- ZIP
def zip_bytes(members: Sequence[tuple[str, bytes]], gbk_names: bool) -> bytes:
    """A zip of the members. With gbk_names the names are stored as GBK bytes without the UTF-8 flag, as Windows'
    built-in compressor in a Chinese locale writes them (ASCII placeholders are patched after writing)."""
    out = io.BytesIO()
    placeholders: list[tuple[bytes, bytes]] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for k, (name, data) in enumerate(members):
            stored = name
            if gbk_names:
                raw = name.encode("gbk")
                stored = f"@{k:02d}".ljust(len(raw), "_")
                placeholders.append((stored.encode("ascii"), raw))
            zi = zipfile.ZipInfo(stored, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    blob = out.getvalue()
    for ph, raw in placeholders:
        if blob.count(ph) != 2:
            raise ValueError(f"placeholder {ph!r} not unique in archive")
        blob = blob.replace(ph, raw)
    return blob

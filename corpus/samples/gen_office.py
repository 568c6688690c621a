"""DOCX writing (python-docx) for the sample package; output normalised for determinism."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gen_render import normalize_ooxml

FIXED_DT = dt.datetime(2024, 12, 20, 9, 30, 0)
DOCX_FONT = "仿宋_GB2312"  # the font Chinese government documents specify; Word substitutes when absent


def _set_font(run, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = DOCX_FONT
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), DOCX_FONT)


def docx_bytes(blocks: list[tuple]) -> bytes:
    """blocks: ("title"|"center"|"para"|"right"|"heading", text) or ("table", rows[, header_bold])."""
    doc = Document()
    cp = doc.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.revision = 1
    for blk in blocks:
        kind = blk[0]
        if kind == "table":
            rows = blk[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    _set_font(run, 10.5, bold=(r == 0))
            continue
        text = blk[1]
        p = doc.add_paragraph()
        run = p.add_run(text)
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(run, 18, bold=True)
        elif kind == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(run, 14)
        elif kind == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _set_font(run, 14)
        elif kind == "heading":
            _set_font(run, 14, bold=True)
        else:
            p.paragraph_format.first_line_indent = Pt(28)
            _set_font(run, 14)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_docx(path: Path, blocks: list[tuple]) -> None:
    path.write_bytes(docx_bytes(blocks))
    normalize_ooxml(path)


def normalized_docx_bytes(blocks: list[tuple], tmp: Path) -> bytes:
    p = tmp / "_member.docx"
    write_docx(p, blocks)
    data = p.read_bytes()
    p.unlink()
    return data

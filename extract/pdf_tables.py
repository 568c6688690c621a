"""Ruled tables of a text-layer page from pdfium alone: path objects → pdfplumber's edges, glyphs → its chars, and
pdfplumber's own table finder (``TableFinder``, default settings: ruling lines) and cell extraction over them.

pdfplumber gets edges and chars from pdfminer, whose pure-Python content-stream parse cost 25–60 ms per table page
(budget tables, ledgers, monitoring tables: a third of a county folder's text-layer pages). pdfium has both in a
few milliseconds: the page's path objects are turned into the lines, rectangles and curves pdfminer would make of
them (``paint_path``: one subpath each, a closed axis-aligned four-sided path is a rectangle, a single segment a
line, anything else a curve through its end points) and then into pdfplumber's edges (``rect_to_edges``,
``line_to_edge``, ``curve_to_edges``), in its order (lines, rectangles, curves); the glyphs come from
``extract.pdf_text`` (fake bold and watermarks already dropped), a space character of the file before a glyph as a
blank char, which is where pdfplumber's word extraction splits. On every table page of the four corpus packages
and the test suite the blocks (texts, cells, headers) equal the pdfminer path's.

Paths inside form XObjects count where the form stands, through its matrix, as pdfminer paints them. Where the page
is one this mapping is not checked on — rotated, cropped or offset, forms nested deeper than ``FORM_DEPTH``, mostly
non-upright text — ``read_tables`` returns None and pdfplumber reads the page as before.
"""
from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table, TableFinder

from extract.pdf_text import SPACE_EXPLICIT, Glyphs, Line, dedupe, group_lines, read_glyphs, without_watermark

TABLE_EDGE_PAD = 1.0  # pt: a glyph whose centre is inside a table bbox grown by this belongs to the table

Point = tuple[float, float]
Affine = tuple[float, float, float, float, float, float]
FORM_DEPTH = 8  # form XObjects nested deeper than this are left to pdfplumber


class _RuledPage:
    """What pdfplumber's ``TableFinder`` (ruling-line strategies) and ``Table.extract`` read of a page."""

    def __init__(self, edges: list[dict[str, Any]], chars: list[dict[str, Any]], bbox: tuple[float, ...]) -> None:
        self.edges, self.chars, self.bbox = edges, chars, bbox


def _subpaths(obj: Any) -> list[list[tuple[int, float, float, bool]]]:
    """The path object's segments (type, x, y, closes) in its own space, one list per subpath."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[int, float, float, bool]]] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([])
        subpaths[-1].append((kind, x.value, y.value, bool(pdfium_c.FPDFPathSegment_GetClose(segment))))
    return subpaths


def _shape(segments: list[tuple[int, float, float, bool]], matrix: Affine) -> tuple[str, list[Point]]:
    """pdfminer's view of one subpath: its operators ("m", "l", "c", "h") and their end points in page space.
    pdfium keeps a Bézier's two control points (dropped, as pdfminer keeps only the end point) and closes a
    subpath by a line back to its start (read as pdfminer's "h")."""
    a, b, c, d, e, f = matrix
    shape, points, k = "", [], 0
    while k < len(segments):
        kind, x, y, closes = segments[k]
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            kind, x, y, closes = segments[min(k + 2, len(segments) - 1)]
            shape, k = shape + "c", k + 3
        else:
            shape, k = shape + ("m" if kind == pdfium_c.FPDF_SEGMENT_MOVETO else "l"), k + 1
        points.append((a * x + c * y + e, b * x + d * y + f))
        if closes:
            if shape[-1] == "l" and len(points) > 1 and points[-1] == points[0]:
                shape = shape[:-1] + "h"
            else:
                shape += "h"
                points.append(points[0])
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:  # pdfminer drops a redundant "l"
        shape = shape[:-2] + "h"
        points.pop()
    return shape, points


def _is_rect(shape: str, points: list[Point]) -> bool:
    if shape not in ("mlllh", "mllll") or points[0] != points[4]:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _edge(kind: str, x0: float, top: float, x1: float, bottom: float, orientation: str | None) -> dict[str, Any]:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def _times(inner: Affine, outer: Affine) -> Affine:
    """The matrix applying ``inner`` first, then ``outer`` (PDF's [a b c d e f], row vectors)."""
    a, b, c, d, e, f = inner
    pa, pb, pc, pd, pe, pf = outer
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd, e * pa + f * pc + pe,
            e * pb + f * pd + pf)


class _TooDeep(Exception):
    """Forms nested deeper than ``FORM_DEPTH``: left to pdfplumber."""


def _painted_paths(objects: list[Any], outer: Affine, depth: int = 0) -> Iterator[tuple[Any, Affine]]:
    """The painted path objects among ``objects`` in content order, each with its matrix to page space; a form
    XObject's objects where the form stands, as pdfminer paints them (its matrix applied to theirs)."""
    matrix = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        own = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth >= FORM_DEPTH:
                raise _TooDeep
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            yield from _painted_paths(inner, own, depth + 1)
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if fill.value or stroke.value:  # a path ended by "n" (a clip) paints nothing in pdfminer either
            yield obj, own


def path_edges(page: pdfium.PdfPage) -> list[dict[str, Any]] | None:
    """pdfplumber's ``page.edges`` of a page whose media box starts at the origin, from pdfium's path objects
    (those inside form XObjects too); None when forms nest deeper than ``FORM_DEPTH``."""
    height = page.get_size()[1]
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    objects = [pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
    try:
        painted = list(_painted_paths(objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)))
    except _TooDeep:
        return None
    for obj, matrix in painted:
        for segments in _subpaths(obj):
            shape, points = _shape(segments, matrix)
            flipped = [(x, height - y) for x, y in points]  # top-left origin, as pdfplumber's coordinates
            if shape in ("mlh", "ml"):
                (xa, ta), (xb, tb) = flipped[:2]
                top, bottom = min(ta, tb), max(ta, tb)
                lines.append(_edge("line", min(xa, xb), top, max(xa, xb), bottom, "h" if top == bottom else "v"))
            elif _is_rect(shape, points):
                x0, x1 = sorted((flipped[0][0], flipped[2][0]))
                top, bottom = sorted((flipped[0][1], flipped[2][1]))
                rects += [_edge("rect_edge", x0, top, x1, top, "h"), _edge("rect_edge", x0, bottom, x1, bottom, "h"),
                          _edge("rect_edge", x0, top, x0, bottom, "v"), _edge("rect_edge", x1, top, x1, bottom, "v")]
            else:
                for (xa, ta), (xb, tb) in zip(flipped, flipped[1:]):
                    orientation = "v" if xa == xb else ("h" if ta == tb else None)
                    curves.append(_edge("curve_edge", min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb), orientation))
    return lines + rects + curves


def _chars(glyphs: Glyphs) -> list[dict[str, Any]]:
    """pdfplumber chars of the glyphs; a space character of the file before a glyph becomes a blank char there."""
    chars: list[dict[str, Any]] = []
    for text, x0, top, x1, bottom, space in zip(glyphs.text, glyphs.x0.tolist(), glyphs.top.tolist(),
                                                  glyphs.x1.tolist(), glyphs.bottom.tolist(), glyphs.space.tolist()):
        if space == SPACE_EXPLICIT:
            chars.append({"text": " ", "x0": x0, "x1": x0, "top": top, "bottom": bottom, "doctop": top,
                          "upright": True, "width": 0.0, "height": bottom - top})
        chars.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                      "upright": True, "width": x1 - x0, "height": bottom - top})
    return chars


def read_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list[Line], list[Table], int] | None:
    """(lines outside the tables, the tables, number of unmapped glyphs) of a page with ruled graphics, or None
    when pdfplumber should read it (see the module docstring)."""
    left, bottom, right, top = page.get_mediabox()
    if page.get_rotation() % 360 or (left, bottom) != (0, 0) or tuple(page.get_cropbox()) != (left, bottom, right, top):
        return None
    edges = path_edges(page)
    if edges is None:
        return None
    glyphs = without_watermark(dedupe(read_glyphs(page, textpage)))
    if glyphs is None:
        return None
    width, height = page.get_size()
    tables = TableFinder(_RuledPage(edges, _chars(glyphs), (0.0, 0.0, width, height))).tables
    centre_x, centre_y = (glyphs.x0 + glyphs.x1) / 2, (glyphs.top + glyphs.bottom) / 2
    inside = numpy.zeros(len(glyphs), dtype=bool)
    for table in tables:
        x0, top, x1, bottom = table.bbox
        inside |= ((x0 - TABLE_EDGE_PAD <= centre_x) & (centre_x <= x1 + TABLE_EDGE_PAD)
                   & (top - TABLE_EDGE_PAD <= centre_y) & (centre_y <= bottom + TABLE_EDGE_PAD))
    return group_lines(glyphs.take(~inside)), tables, int(glyphs.unmapped.sum())

"""Fast text-layer reading with pdfium alone: glyphs with loose boxes → reading-order lines with bboxes.

pdfplumber (pdfminer) costs ~20 ms per typed page; pdfium gives the same characters in well under 2 ms. This module
reads a page's glyphs through pdfium's text page, converts their boxes to points with a top-left origin on the
displayed page (crop box and /Rotate honoured), drops fake-bold repeats and slanted watermarks the way the
pdfplumber path does, and groups the rest into lines like ``pdfplumber.Page.extract_text_lines`` (tops chained
within ``LINE_Y_TOLERANCE``; a space where the gap between glyphs exceeds ``WORD_X_TOLERANCE`` or the file has a
space character). Where pdfminer is weak it does better: pdfium's own word spaces in tightly set Latin text
("of the", not "ofthe"), ligatures expanded, line-end hyphens kept, Kangxi radicals folded (⽣ → 生).

A typed page has about a thousand glyphs, so the page is worked as columns: pdfium is asked for boxes through
``map`` (no Python frame per glyph), and the coordinate transform, the repeat search and the line grouping run in
numpy (2.2 instead of 3.3 ms to read a dense page; tests/test_pdf_glyph_properties.py checks them against their plain
per-glyph definitions).

Tables are found elsewhere: ``needs_table_parser`` says from pdfium's page objects whether the page draws
anything a ruled table could be made of; such pages go to ``extract.pdf_tables`` (pdfplumber's table finder over
pdfium's edges and these glyphs) or, where that is not checked, to pdfplumber itself.
"""
from __future__ import annotations

import ctypes
import math
import operator
import re
import unicodedata
from dataclasses import dataclass
from itertools import repeat
from typing import Any, NamedTuple

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.charmap import CharMap
from extract.model import BBox

LINE_Y_TOLERANCE = 3.0  # pt: glyphs whose tops differ by less than this sit on one line (pdfplumber's y_tolerance)
WORD_X_TOLERANCE = 3.0  # pt: a gap wider than this between two glyphs of a line is a space (pdfplumber's default)
DEDUPE_TOLERANCE = 1.0  # pt: the same glyph drawn again this close is fake bold (pdfplumber's dedupe_chars default)
ROTATION_TOLERANCE_DEG = math.degrees(math.atan(0.1))  # ≈5.7°: |b|/a ≤ 0.1, as the pdfplumber path's test
UPRIGHT_MAJORITY = 0.5  # share of upright glyphs above which the others are a watermark to drop
RULE_THICKNESS = 4.0  # pt: a path at most this thick in one direction is a rule, thicker in both a box/shape;
#   pdfium's bounds include the stroke (a 1.5 pt rule measures 3 pt), so 4 pt keeps heavy rules as rules
TABLE_MIN_EDGES = 2  # a table of two cells has at least 2 edges one way and 3 the other (one cell: 2 and 2)
RECT_SEGMENTS = 5  # pdfium segments of a plain rectangle (move, three lines, close); more: a grid or a shape

# Kangxi radicals (U+2F00–U+2FD5) and CJK radical supplement forms that stand for a unified ideograph: PDFs from
# Chromium/Skia, WPS and Word often map glyphs to them (⽣ for 生, ⽔ for 水), which breaks every keyword match.
_RADICALS = {code: unicodedata.normalize("NFKC", chr(code)) for code in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))}
RADICAL_FOLD = str.maketrans({code: text for code, text in _RADICALS.items()
                              if len(text) == 1 and text != chr(code) and "\u4e00" <= text <= "\u9fff"})


_UNRADICAL = CharMap(RADICAL_FOLD)


def fold_radicals(text: str) -> str:
    """Radical code points replaced by the ideographs they stand for (see ``RADICAL_FOLD``)."""
    return _UNRADICAL(text)


SPACE_NONE, SPACE_GENERATED, SPACE_EXPLICIT = 0, 1, 2  # a space char before a glyph: none, pdfium's, the file's
WIDE_FROM = 0x2E80  # code points from here on (CJK, full-width forms) are set solid: no word spaces between them

Affine = tuple[float, float, float, float, float, float]  # x' = a·x + b·y + c, y' = d·x + e·y + f


class Glyph(NamedTuple):
    """One character of the text layer, box in points (top-left origin of the displayed page): a row of
    ``Glyphs``, for a page built by hand (``Glyphs.of``) or looked at glyph by glyph (``Glyphs.rows``)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool  # runs left to right on the displayed page
    unmapped: bool  # pdfium could not map the glyph to Unicode
    space: int = SPACE_NONE  # what preceded it in the content: SPACE_EXPLICIT, SPACE_GENERATED or nothing


@dataclass(frozen=True)
class Glyphs:
    """A page's glyphs as columns, in pdfium's order: the characters, and numpy arrays of the ``Glyph`` fields. A
    typed page has about a thousand glyphs; dedupe, watermark and line grouping work on whole columns."""

    text: list[str]
    x0: Any  # numpy float64 arrays, points, top-left origin of the displayed page
    top: Any
    x1: Any
    bottom: Any
    upright: Any  # numpy bool arrays
    unmapped: Any
    space: Any  # numpy int8: SPACE_NONE, SPACE_GENERATED or SPACE_EXPLICIT

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def of(cls, glyphs: list[Glyph]) -> "Glyphs":
        columns = list(zip(*glyphs)) if glyphs else [()] * len(Glyph._fields)
        floats = [numpy.array(column, dtype=numpy.float64) for column in columns[1:5]]
        return cls(list(columns[0]), *floats, numpy.array(columns[5], dtype=bool),
                   numpy.array(columns[6], dtype=bool), numpy.array(columns[7], dtype=numpy.int8))

    def take(self, keep: Any) -> "Glyphs":
        """The glyphs where the boolean mask ``keep`` is true, in their order."""
        index = numpy.flatnonzero(keep)
        return Glyphs([self.text[i] for i in index.tolist()], self.x0[index], self.top[index], self.x1[index],
                      self.bottom[index], self.upright[index], self.unmapped[index], self.space[index])

    def rows(self) -> list[Glyph]:
        return [Glyph(*row) for row in zip(self.text, self.x0.tolist(), self.top.tolist(), self.x1.tolist(),
                                           self.bottom.tolist(), self.upright.tolist(), self.unmapped.tolist(),
                                           self.space.tolist())]


@dataclass(frozen=True)
class Line:
    text: str
    bbox: BBox


def display_transform(page: pdfium.PdfPage) -> tuple[Affine, int]:
    """The affine map from PDF user space (bottom-left origin) to the displayed page (top-left origin, crop box,
    /Rotate applied clockwise), and the rotation in degrees."""
    left, bottom, right, top = page.get_cropbox()
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return (0.0, 1.0, -bottom, 1.0, 0.0, -left), rotation
    if rotation == 180:
        return (-1.0, 0.0, right, 0.0, 1.0, -bottom), rotation
    if rotation == 270:
        return (0.0, -1.0, top, -1.0, 0.0, right), rotation
    return (1.0, 0.0, -left, 0.0, -1.0, top), 0


def _upright(a: float, b: float, rotation: int) -> bool:
    """A text matrix whose baseline (a, b), turned by the page rotation, points right within the tolerance."""
    cos_r, sin_r = round(math.cos(math.radians(rotation))), round(math.sin(math.radians(rotation)))
    run = a * cos_r + b * sin_r  # along the displayed x axis
    rise = b * cos_r - a * sin_r  # across it
    return run > 0 and abs(rise) <= math.tan(math.radians(ROTATION_TOLERANCE_DEG)) * run


def _all_objects_upright(page: pdfium.PdfPage, rotation: int) -> bool:
    """Every text object of the page runs left to right, so no glyph needs its own check. Form XObjects carry
    their own matrix (watermarks often sit in one): their presence means checking glyph by glyph."""
    matrix = pdfium_c.FS_MATRIX()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM), max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM or not pdfium_c.FPDFPageObj_GetMatrix(obj.raw, matrix):
            return False
        if not _upright(matrix.a, matrix.b, rotation):
            return False
    return True


def _page_text(raw: Any, count: int) -> str:
    """The page's characters, one per character index (FPDFText_GetText, UTF-16): characters beyond the BMP
    (surrogate pairs would shift the indices) and codes that are no character are asked one by one."""
    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    if written - 1 == count:
        text = buffer.raw[: count * 2].decode("utf-16-le", "surrogatepass")
        if not _SURROGATE.search(text):
            return text
    codes = (pdfium_c.FPDFText_GetUnicode(raw, index) for index in range(count))
    return "".join(chr(code) if 0 < code <= 0x10FFFF else "\0" for code in codes)


_SURROGATE = re.compile("[\ud800-\udfff]")
_GLYPH = re.compile(r"[^\s\0]")  # a character index that draws a glyph (not a space, line break or nothing)
_GAP = re.compile(r"[\s\0]+")  # what stands between two glyphs: spaces, pdfium's line breaks, unmapped nothing
_LINE_BREAK = re.compile("[\r\n]")
_SOFT_HYPHEN = chr(0x02)  # pdfium's code for a hyphen that breaks a word at the end of a line


def _plain_call(function: Any, *argtypes: Any) -> Any:
    """A pdfium function called with plain addresses: pypdfium2's typed prototypes check and convert every
    argument (0.8 µs a call against 0.5 µs), and ``read_glyphs`` makes two calls per glyph."""
    return ctypes.CFUNCTYPE(ctypes.c_int, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_HANDLE, _INDEX, _OUT = ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p  # text page, character index, out struct
_GET_LOOSE_CHAR_BOX = _plain_call(pdfium_c.FPDFText_GetLooseCharBox, _HANDLE, _INDEX, _OUT)
_GET_MATRIX = _plain_call(pdfium_c.FPDFText_GetMatrix, _HANDLE, _INDEX, _OUT)
_HAS_MAP_ERROR = _plain_call(pdfium_c.FPDFText_HasUnicodeMapError, _HANDLE, _INDEX)
_IS_GENERATED = _plain_call(pdfium_c.FPDFText_IsGenerated, _HANDLE, _INDEX)
_RECT_BYTES = ctypes.sizeof(pdfium_c.FS_RECTF)  # left, top, right, bottom as four 32-bit floats


def _spaces(text: str, handle: int) -> dict[int, int]:
    """What precedes each glyph index that has a space before it: SPACE_EXPLICIT (a space character of the
    file) or SPACE_GENERATED (a space pdfium inferred); a line break pdfium generated clears it."""
    spaces: dict[int, int] = {}
    for gap in _GAP.finditer(text):
        space = SPACE_NONE
        for index in range(gap.start(), gap.end()):
            char = text[index]
            if char in "\r\n":
                space = SPACE_NONE
            elif char != "\0":
                space = max(space, SPACE_GENERATED if _IS_GENERATED(handle, index) else SPACE_EXPLICIT)
        if space != SPACE_NONE:
            spaces[gap.end()] = space
    return spaces


def read_glyphs(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> Glyphs:
    """Every non-space glyph of the page in pdfium's order (generated spaces/line breaks skipped).

    A typed page has about a thousand glyphs: pdfium is asked for each one's box and Unicode-map flag through
    ``map`` (no Python frame per glyph) and the boxes are moved to the displayed page with numpy."""
    (ta, tb, tc, td, te, tf), rotation = display_transform(page)
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    text = _page_text(raw, textpage.count_chars()).replace(_SOFT_HYPHEN, "-")
    indices = [m.start() for m in _GLYPH.finditer(text)]
    if not indices:
        return Glyphs.of([])
    rects = (pdfium_c.FS_RECTF * len(text))()
    base = ctypes.addressof(rects)
    found = list(map(_GET_LOOSE_CHAR_BOX, repeat(handle), indices, [base + i * _RECT_BYTES for i in indices]))
    if not all(found):  # a glyph without a box is skipped; a space before it goes to the next glyph
        spaces = _spaces(text, handle)
        for i, ok in zip(indices, found):
            if not ok and i in spaces:
                after = next((j for j in indices if j > i), None)
                if after is not None and not _LINE_BREAK.search(text, i + 1, after):
                    spaces[after] = max(spaces.get(after, SPACE_NONE), spaces[i])
        indices = [i for i, ok in zip(indices, found) if ok]
        if not indices:
            return Glyphs.of([])
    else:
        spaces = _spaces(text, handle)
    boxes = numpy.frombuffer(rects, dtype=numpy.float32).reshape(-1, 4)[indices].astype(numpy.float64)
    left, top, right, bottom = boxes.T
    xa, xb = ta * left + tb * top + tc, ta * right + tb * bottom + tc
    ya, yb = td * left + te * top + tf, td * right + te * bottom + tf
    if _all_objects_upright(page, rotation):
        upright = numpy.ones(len(indices), dtype=bool)
    else:
        matrix = pdfium_c.FS_MATRIX()
        matrix_p = ctypes.addressof(matrix)
        upright = numpy.array([bool(_GET_MATRIX(handle, i, matrix_p)) and _upright(matrix.a, matrix.b, rotation)
                               for i in indices], dtype=bool)
    unmapped = numpy.fromiter(map(_HAS_MAP_ERROR, repeat(handle), indices), dtype=bool, count=len(indices))
    space = numpy.fromiter(map(spaces.get, indices, repeat(SPACE_NONE)), dtype=numpy.int8, count=len(indices))
    return Glyphs(list(map(text.__getitem__, indices)), numpy.minimum(xa, xb), numpy.minimum(ya, yb),
                  numpy.maximum(xa, xb), numpy.maximum(ya, yb), upright, unmapped, space)


def _repeat_candidates(codes: Any, x0: Any, top: Any) -> Any:
    """The positions in (text, x0) order (the arrays' order) that an earlier glyph could repeat: the same
    character within ``DEDUPE_TOLERANCE`` both across (the walk back of ``dedupe`` over that window) and down.
    On a page set on a grid the same character stands at the same x0 on many lines, but a repeat is a handful
    among a thousand glyphs: the windows are widened one step at a time, in numpy, while any is still open."""
    hit = numpy.zeros(len(codes), dtype=bool)
    window = numpy.ones(len(codes), dtype=bool)  # the walk back from each position reaches this far
    step = 1
    while step < len(codes):
        reach = window[step:] & (codes[step:] == codes[:-step]) & (x0[step:] - x0[:-step] <= DEDUPE_TOLERANCE)
        if not reach.any():
            break
        hit[step:] |= reach & (numpy.abs(top[step:] - top[:-step]) <= DEDUPE_TOLERANCE)
        window[step:] = reach
        window[:step] = False
        step += 1
    return numpy.flatnonzero(hit)


def dedupe(glyphs: Glyphs) -> Glyphs:
    """Drop glyphs drawn a second time within ``DEDUPE_TOLERANCE`` of the same glyph (fake bold, overprint);
    the first drawing is kept, page order otherwise unchanged. Neighbours with the very same box are the
    letters of one ligature glyph (pdfium expands ﬀ to "f", "f"), not a repeat.

    Each glyph, in (text, x0) order, walks back over the same character within the tolerance, and the later
    drawing of the first one that is close vertically too goes."""
    if len(glyphs) < 2:
        return glyphs
    codes = numpy.fromiter(map(ord, glyphs.text), numpy.int64, len(glyphs))
    ranked = numpy.lexsort((glyphs.x0, codes))  # by (text, x0), ties in page order (lexsort is stable)
    near = _repeat_candidates(codes[ranked], glyphs.x0[ranked], glyphs.top[ranked])
    if not len(near):
        return glyphs
    order = ranked.tolist()
    text = glyphs.text
    x0, top, x1, bottom = glyphs.x0.tolist(), glyphs.top.tolist(), glyphs.x1.tolist(), glyphs.bottom.tolist()
    drop: set[int] = set()
    for pos in near.tolist():
        index = order[pos]
        for back in range(pos - 1, -1, -1):
            other = order[back]
            if text[other] != text[index] or x0[index] - x0[other] > DEDUPE_TOLERANCE:
                break
            ligature = abs(other - index) == 1 and (x0[other], top[other], x1[other], bottom[other]) == (
                x0[index], top[index], x1[index], bottom[index])  # "ff" from one ﬀ glyph
            if not ligature and other not in drop and abs(top[other] - top[index]) <= DEDUPE_TOLERANCE:
                drop.add(max(index, other))  # the later drawing goes
                break
    if not drop:
        return glyphs
    keep = numpy.ones(len(glyphs), dtype=bool)
    keep[list(drop)] = False
    return glyphs.take(keep)


def without_watermark(glyphs: Glyphs) -> Glyphs | None:
    """Glyphs with slanted/rotated ones removed when upright text dominates; None when it does not (vertical
    or rotated body text: the caller should use the general parser)."""
    upright = int(glyphs.upright.sum())
    if upright == len(glyphs):
        return glyphs
    if upright < UPRIGHT_MAJORITY * len(glyphs):
        return None
    return glyphs.take(glyphs.upright)


def group_lines(glyphs: Glyphs) -> list[Line]:
    """Lines top to bottom: glyph tops chained within ``LINE_Y_TOLERANCE`` (as pdfplumber clusters them), each
    line left to right with one space where the gap exceeds ``WORD_X_TOLERANCE``, where the file has a space
    character, or where pdfium inferred a word space next to a letter or digit, unless both sides are wide
    (CJK) characters, which are set solid."""
    count = len(glyphs)
    if not count:
        return []
    by_top = numpy.argsort(glyphs.top, kind="stable")
    starts = numpy.empty(count, dtype=bool)
    starts[0], starts[1:] = True, numpy.diff(glyphs.top[by_top]) > LINE_Y_TOLERANCE
    line_of = numpy.cumsum(starts) - 1
    order = by_top[numpy.lexsort((glyphs.x0[by_top], line_of))]  # line by line, each left to right (ties: top order)
    # line_of runs from 0 up (a cumulative sum), and ``order`` keeps the lines in that order: it is their line too
    texts = list(map(glyphs.text.__getitem__, order.tolist()))
    x0, top, x1, bottom = glyphs.x0[order], glyphs.top[order], glyphs.x1[order], glyphs.bottom[order]
    space = glyphs.space[order]
    codes = numpy.fromiter(map(ord, texts), numpy.int64, count)
    same_line = line_of[1:] == line_of[:-1]
    gap = same_line & ((x0[1:] > x1[:-1] + WORD_X_TOLERANCE) | (space[1:] == SPACE_EXPLICIT))
    inferred = same_line & ~gap & (space[1:] == SPACE_GENERATED) & ((codes[:-1] < WIDE_FROM) | (codes[1:] < WIDE_FROM))
    for k in numpy.flatnonzero(inferred).tolist():  # not between the dots of a leader ". . . ."
        gap[k] = texts[k].isalnum() or texts[k + 1].isalnum()
    separators = numpy.where(same_line, numpy.where(gap, " ", ""), "\n").tolist()
    joined = fold_radicals(texts[0] + "".join(map(operator.add, separators, texts[1:])))
    firsts = numpy.flatnonzero(numpy.r_[True, ~same_line])
    boxes = zip(numpy.minimum.reduceat(x0, firsts).tolist(), numpy.minimum.reduceat(top, firsts).tolist(),
                numpy.maximum.reduceat(x1, firsts).tolist(), numpy.maximum.reduceat(bottom, firsts).tolist())
    lines = [Line(text.strip(), box) for text, box in zip(joined.split("\n"), boxes) if text.strip()]
    lines.sort(key=lambda line: (round(line.bbox[1], 1), line.bbox[0]))
    return lines


def needs_table_parser(page: pdfium.PdfPage) -> bool:
    """Whether the page draws vector graphics a ruled table could be made of. pdfplumber keeps only tables of
    two cells or more, which takes at least three edges one way and two the other; a plain rectangle gives two
    each way (a text frame, a title band or a page background is one cell on its own). Lone rules (a red-header
    line, underlines, a signature line) make no table. Shapes, grids drawn as one path and shadings go to
    pdfplumber: anything doubtful takes the general parser."""
    horizontal = vertical = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if width <= RULE_THICKNESS and height <= RULE_THICKNESS:
            continue  # a dot or a tiny mark (stroke included), no room for a table cell with text
        if height <= RULE_THICKNESS:
            horizontal += 1
        elif width <= RULE_THICKNESS:
            vertical += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPath_CountSegments(obj.raw) <= RECT_SEGMENTS:
            horizontal += 2
            vertical += 2
        else:
            return True
        if min(horizontal, vertical) >= TABLE_MIN_EDGES and max(horizontal, vertical) > TABLE_MIN_EDGES:
            return True
    return False


def fast_lines(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list[Line], int] | None:
    """(lines, number of unmapped glyphs) of a table-free page, or None when the page needs a table reader (ruled
    graphics) or pdfplumber (body text that is not upright)."""
    if needs_table_parser(page):
        return None
    glyphs = without_watermark(dedupe(read_glyphs(page, textpage)))
    if glyphs is None:
        return None
    return group_lines(glyphs), int(glyphs.unmapped.sum())

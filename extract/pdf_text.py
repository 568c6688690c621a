"""Fast text-layer reading with pdfium alone: glyphs with loose boxes → reading-order lines with bboxes.

pdfplumber (pdfminer) costs ~20 ms per typed page; pdfium gives the same characters in well under 2 ms. This module
reads a page's glyphs through pdfium's text page, converts their boxes to points with a top-left origin on the
displayed page (crop box and /Rotate honoured), drops fake-bold repeats and slanted watermarks the way the
pdfplumber path does, and groups the rest into lines like ``pdfplumber.Page.extract_text_lines`` (tops chained
within ``LINE_Y_TOLERANCE``; a space where the gap between glyphs exceeds ``WORD_X_TOLERANCE`` or the file has a
space character). Where pdfminer is weak it does better: pdfium's own word spaces in tightly set Latin text
("of the", not "ofthe"), ligatures expanded, line-end hyphens kept, Kangxi radicals folded (⽣ → 生).

Tables stay with pdfplumber: ``needs_table_parser`` says from pdfium's page objects whether the page draws
anything a ruled table could be made of; only such pages pay for pdfminer.
"""
from __future__ import annotations

import ctypes
import functools
import math
import unicodedata
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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


def fold_radicals(text: str) -> str:
    """Radical code points replaced by the ideographs they stand for (see ``RADICAL_FOLD``)."""
    return text.translate(RADICAL_FOLD)


SPACE_NONE, SPACE_GENERATED, SPACE_EXPLICIT = 0, 1, 2  # a space char before a glyph: none, pdfium's, the file's
WIDE_FROM = 0x2E80  # code points from here on (CJK, full-width forms) are set solid: no word spaces between them
SOFT_HYPHEN_CODE = 0x02  # pdfium's code for a hyphen that breaks a word at the end of a line

Affine = tuple[float, float, float, float, float, float]  # x' = a·x + b·y + c, y' = d·x + e·y + f


class Glyph(NamedTuple):
    """One character of the text layer, box in points (top-left origin of the displayed page). A NamedTuple
    (immutable, and several times cheaper to build than a dataclass: a page has a thousand of them)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool  # runs left to right on the displayed page
    unmapped: bool  # pdfium could not map the glyph to Unicode
    space: int = SPACE_NONE  # what preceded it in the content: SPACE_EXPLICIT, SPACE_GENERATED or nothing


_TEXT, _X0, _TOP, _X1, _BOTTOM = (itemgetter(i) for i in range(5))  # Glyph fields, read at C speed in sorts


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


def _page_codes(raw: Any, count: int) -> list[int] | None:
    """The code point of every character index in one call (FPDFText_GetText, UTF-16); None when the page holds
    characters beyond the BMP (surrogate pairs would shift the indices): then they are asked one by one."""
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    if written - 1 != count:
        return None
    units = [ord(ch) for ch in buffer.raw[: count * 2].decode("utf-16-le", "surrogatepass")]
    if any(0xD800 <= unit <= 0xDFFF for unit in units):
        return None
    return units


def _plain_call(function: Any, *argtypes: Any) -> Any:
    """A pdfium function called with plain addresses: pypdfium2's typed prototypes check and convert every
    argument (0.8 µs a call against 0.5 µs), and ``read_glyphs`` makes two or three calls per glyph."""
    return ctypes.CFUNCTYPE(ctypes.c_int, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_HANDLE, _INDEX, _OUT = ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p  # text page, character index, out struct
_GET_LOOSE_CHAR_BOX = _plain_call(pdfium_c.FPDFText_GetLooseCharBox, _HANDLE, _INDEX, _OUT)
_GET_MATRIX = _plain_call(pdfium_c.FPDFText_GetMatrix, _HANDLE, _INDEX, _OUT)
_HAS_MAP_ERROR = _plain_call(pdfium_c.FPDFText_HasUnicodeMapError, _HANDLE, _INDEX)
_IS_GENERATED = _plain_call(pdfium_c.FPDFText_IsGenerated, _HANDLE, _INDEX)


def read_glyphs(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Glyph]:
    """Every non-space glyph of the page in pdfium's order (generated spaces/line breaks skipped)."""
    (ta, tb, tc, td, te, tf), rotation = display_transform(page)
    check_each = not _all_objects_upright(page, rotation)
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    rect_p, matrix_p = ctypes.addressof(rect), ctypes.addressof(matrix)
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box, get_matrix, map_error, is_generated = _GET_LOOSE_CHAR_BOX, _GET_MATRIX, _HAS_MAP_ERROR, _IS_GENERATED
    new_glyph = functools.partial(tuple.__new__, Glyph)  # Glyph(...) without the Python-level __new__ of a NamedTuple
    glyphs: list[Glyph] = []
    space = SPACE_NONE
    count = textpage.count_chars()
    codes = _page_codes(raw, count)
    for index in range(count):
        code = codes[index] if codes is not None else get_unicode(raw, index)
        if code == SOFT_HYPHEN_CODE:
            code = ord("-")
        elif code == 0 or code > 0x10FFFF:
            continue
        char = chr(code)
        if char in "\r\n":
            space = SPACE_NONE  # a line break pdfium generated: the next glyph starts a line
            continue
        if char.isspace():
            space = max(space, SPACE_GENERATED if is_generated(handle, index) else SPACE_EXPLICIT)
            continue
        if not get_box(handle, index, rect_p):
            continue
        upright = True
        if check_each:
            upright = bool(get_matrix(handle, index, matrix_p)) and _upright(matrix.a, matrix.b, rotation)
        left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
        xa, xb = ta * left + tb * top + tc, ta * right + tb * bottom + tc
        ya, yb = td * left + te * top + tf, td * right + te * bottom + tf
        if xa > xb:
            xa, xb = xb, xa
        if ya > yb:
            ya, yb = yb, ya
        glyphs.append(new_glyph((char, xa, ya, xb, yb, upright, bool(map_error(handle, index)), space)))
        space = SPACE_NONE
    return glyphs


def dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop glyphs drawn a second time within ``DEDUPE_TOLERANCE`` of the same glyph (fake bold, overprint);
    the first drawing is kept, page order otherwise unchanged. Neighbours with the very same box are the
    letters of one ligature glyph (pdfium expands ﬀ to "f", "f"), not a repeat."""
    keys = list(zip(map(_TEXT, glyphs), map(_X0, glyphs)))
    order = sorted(range(len(glyphs)), key=keys.__getitem__)
    ranked = [keys[i] for i in order]
    # only a glyph whose predecessor in (text, x0) order is the same character within the tolerance can be a
    # repeat (a page has a handful of them among a thousand glyphs): the walk back starts only there
    near = [pos for pos, (a, b) in enumerate(zip(ranked, ranked[1:]), 1)
            if a[0] == b[0] and b[1] - a[1] <= DEDUPE_TOLERANCE]
    drop: set[int] = set()
    for pos in near:
        index = order[pos]
        glyph = glyphs[index]
        back = pos - 1
        while back >= 0:
            other = glyphs[order[back]]
            if other.text != glyph.text or glyph.x0 - other.x0 > DEDUPE_TOLERANCE:
                break
            ligature = abs(order[back] - index) == 1 and other[1:5] == glyph[1:5]  # "ff" from one ﬀ glyph
            if not ligature and order[back] not in drop and abs(other.top - glyph.top) <= DEDUPE_TOLERANCE:
                drop.add(max(index, order[back]))  # the later drawing goes
                break
            back -= 1
    return [glyph for i, glyph in enumerate(glyphs) if i not in drop] if drop else glyphs


def without_watermark(glyphs: list[Glyph]) -> list[Glyph] | None:
    """Glyphs with slanted/rotated ones removed when upright text dominates; None when it does not (vertical
    or rotated body text: the caller should use the general parser)."""
    upright = sum(1 for glyph in glyphs if glyph.upright)
    if upright == len(glyphs):
        return glyphs
    if upright < UPRIGHT_MAJORITY * len(glyphs):
        return None
    return [glyph for glyph in glyphs if glyph.upright]


def _word_break(previous: Glyph, glyph: Glyph) -> bool:
    """A space between two neighbours of a line: a gap wider than ``WORD_X_TOLERANCE``, a space character in
    the file, or pdfium's inferred word space next to a letter or digit unless both sides are wide (CJK)
    characters, which are set solid."""
    if glyph.x0 > previous.x1 + WORD_X_TOLERANCE or glyph.space == SPACE_EXPLICIT:
        return True
    if glyph.space != SPACE_GENERATED or (ord(previous.text) >= WIDE_FROM and ord(glyph.text) >= WIDE_FROM):
        return False
    return previous.text.isalnum() or glyph.text.isalnum()  # not between dots of a leader ". . . ."


def group_lines(glyphs: list[Glyph]) -> list[Line]:
    """Lines top to bottom: glyph tops chained within ``LINE_Y_TOLERANCE`` (as pdfplumber clusters them), each
    line left to right with one space where the gap exceeds ``WORD_X_TOLERANCE``."""
    clusters: list[list[Glyph]] = []
    last_top: float | None = None
    for glyph in sorted(glyphs, key=_TOP):
        if last_top is None or glyph.top - last_top > LINE_Y_TOLERANCE:
            clusters.append([])
        clusters[-1].append(glyph)
        last_top = glyph.top
    lines: list[Line] = []
    for cluster in clusters:
        cluster.sort(key=_X0)
        parts: list[str] = []
        previous: Glyph | None = None
        for glyph in cluster:
            if previous is not None and _word_break(previous, glyph):
                parts.append(" ")
            parts.append(glyph.text)
            previous = glyph
        text = fold_radicals("".join(parts).strip())
        if text:
            lines.append(Line(text, (min(map(_X0, cluster)), min(map(_TOP, cluster)), max(map(_X1, cluster)),
                                     max(map(_BOTTOM, cluster)))))
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
    """(lines, number of unmapped glyphs) of a table-free page, or None when the page needs pdfplumber (ruled
    graphics, or body text that is not upright)."""
    if needs_table_parser(page):
        return None
    glyphs = without_watermark(dedupe(read_glyphs(page, textpage)))
    if glyphs is None:
        return None
    return group_lines(glyphs), sum(1 for glyph in glyphs if glyph.unmapped)

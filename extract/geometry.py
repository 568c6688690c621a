"""Pure bounding-box helpers and reading-order line grouping (no I/O, no OCR).

Boxes are ``(x0, top, x1, bottom)`` with a top-left origin, in any one unit (pixels or points). ``group_rows``
groups boxes into text lines / table rows by vertical overlap after removing the page skew, so a label and its
value on a 1°-tilted scanned table stay on one line (RapidOCR's own sort uses a fixed 10 px band in y, which a
1° tilt over a 1,600 px table breaks by ~28 px).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from statistics import median
from typing import TypeVar

from extract.model import BBox  # (x0, top, x1, bottom); here in any one unit (pixels or points)

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
T = TypeVar("T")

ROW_OVERLAP = 0.5  # share of the smaller height two boxes must overlap vertically to sit on one line
MAX_SKEW_DEG = 5.0  # degrees: a larger estimated tilt is not a scan skew (rotated stamps, diagonal text); ignored
SKEW_MIN_ASPECT = 3.0  # only boxes at least 3× wider than tall give a reliable angle for the page skew


def bbox_width(b: BBox) -> float:
    return max(0.0, b[2] - b[0])


def bbox_height(b: BBox) -> float:
    return max(0.0, b[3] - b[1])


def bbox_area(b: BBox) -> float:
    return bbox_width(b) * bbox_height(b)


def bbox_center(b: BBox) -> tuple[float, float]:
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)


def bbox_union(boxes: Sequence[BBox]) -> BBox:
    if not boxes:
        raise ValueError("bbox_union of no boxes")
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def bbox_intersection(a: BBox, b: BBox) -> BBox | None:
    x0, top, x1, bottom = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    if x1 <= x0 or bottom <= top:
        return None
    return (x0, top, x1, bottom)


def intersection_share(a: BBox, b: BBox) -> float:
    """Share of ``a``'s area that lies inside ``b`` (0..1)."""
    inter = bbox_intersection(a, b)
    area = bbox_area(a)
    if inter is None or area == 0:
        return 0.0
    return bbox_area(inter) / area


def bbox_scale(b: BBox, factor: float) -> BBox:
    """Multiply every coordinate (e.g. pixels × 1/scale → points)."""
    return (b[0] * factor, b[1] * factor, b[2] * factor, b[3] * factor)


def bbox_expand(b: BBox, margin: float, limit: tuple[float, float] | None = None) -> BBox:
    """Grow by ``margin`` on every side, clipped to ``(0, 0, width, height)`` when ``limit`` is given."""
    x0, top, x1, bottom = b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin
    if limit is not None:
        x0, top = max(0.0, x0), max(0.0, top)
        x1, bottom = min(float(limit[0]), x1), min(float(limit[1]), bottom)
    return (x0, top, x1, bottom)


def vertical_overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Length of the overlap of two ``(top, bottom)`` intervals (0 when apart)."""
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def estimate_skew(quads: Sequence[Quad]) -> float:
    """Page skew in radians (positive: lines fall to the right in a top-left-origin frame), the median angle of
    the top edges of long boxes; 0.0 when no box is long enough or the angle exceeds ``MAX_SKEW_DEG``."""
    angles: list[float] = []
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in quads:
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(x3 - x0, y3 - y0)
        if height <= 0 or width < SKEW_MIN_ASPECT * height:
            continue
        angles.append(math.atan2(y1 - y0, x1 - x0))
        angles.append(math.atan2(y2 - y3, x2 - x3))
    if not angles:
        return 0.0
    skew = median(angles)
    return skew if abs(math.degrees(skew)) <= MAX_SKEW_DEG else 0.0


def _deskewed_extent(b: BBox, tan_skew: float) -> tuple[float, float, float]:
    """(centre y, height) of a box with the page skew removed, plus its x centre for ordering."""
    cx, cy = bbox_center(b)
    # An axis-aligned box around a line tilted by the skew is taller by width × |tan|; take that back out.
    height = max(bbox_height(b) - bbox_width(b) * abs(tan_skew), bbox_height(b) / 2)
    return cy - cx * tan_skew, height, cx


def group_rows(
    items: Sequence[T],
    bbox_of: Callable[[T], BBox] = lambda item: item.bbox,  # type: ignore[attr-defined]
    skew: float = 0.0,
) -> list[list[T]]:
    """Group items into lines (top to bottom), each sorted left to right.

    An item joins the line it overlaps most vertically (after removing ``skew`` radians), provided the overlap is
    at least ``ROW_OVERLAP`` of the smaller of the two heights; otherwise it starts a new line.
    """
    tan_skew = math.tan(skew)
    prepared = []
    for item in items:
        cy, height, _cx = _deskewed_extent(bbox_of(item), tan_skew)
        prepared.append((cy, height, item))
    prepared.sort(key=lambda entry: entry[0])

    lines: list[dict] = []  # {"cy": centres, "h": heights, "items": [...]}
    for cy, height, item in prepared:
        best, best_overlap = None, 0.0
        for line in lines[-4:]:  # sorted by centre: only the last few lines can overlap
            line_cy, line_h = sum(line["cy"]) / len(line["cy"]), median(line["h"])
            overlap = vertical_overlap((cy - height / 2, cy + height / 2), (line_cy - line_h / 2, line_cy + line_h / 2))
            if overlap >= ROW_OVERLAP * min(height, line_h) and overlap > best_overlap:
                best, best_overlap = line, overlap
        if best is None:
            lines.append({"cy": [cy], "h": [height], "items": [item]})
        else:
            best["cy"].append(cy)
            best["h"].append(height)
            best["items"].append(item)

    lines.sort(key=lambda line: sum(line["cy"]) / len(line["cy"]))
    return [sorted(line["items"], key=lambda it: bbox_of(it)[0]) for line in lines]

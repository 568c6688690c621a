"""Pure geometry: bbox helpers, skew estimate and vertical-overlap line grouping (no OCR)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.geometry import (
    bbox_expand,
    bbox_intersection,
    bbox_scale,
    bbox_union,
    estimate_skew,
    group_rows,
    intersection_share,
)


@dataclass(frozen=True)
class Box:
    label: str
    quad: tuple

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.quad]
        ys = [p[1] for p in self.quad]
        return (min(xs), min(ys), max(xs), max(ys))


def _rotated_box(label: str, x: float, y: float, w: float, h: float, degrees: float) -> Box:
    """An axis-aligned w×h box at (x, y), turned ``degrees`` about the page origin (a tilted scan)."""
    a = math.radians(degrees)

    def turn(px: float, py: float) -> tuple[float, float]:
        return (px * math.cos(a) - py * math.sin(a), px * math.sin(a) + py * math.cos(a))

    return Box(label, (turn(x, y), turn(x + w, y), turn(x + w, y + h), turn(x, y + h)))


def _tilted_table(degrees: float) -> list[Box]:
    """Six rows at 200 dpi: label at the left margin, value 1,300 px to the right, 50 px row pitch, 30 px text."""
    boxes = []
    for row in range(6):
        y = 300 + row * 50
        boxes.append(_rotated_box(f"label{row}", 150, y, 260, 30, degrees))
        boxes.append(_rotated_box(f"value{row}", 1450, y, 140, 30, degrees))
    return boxes


def test_tilted_table_keeps_label_and_value_on_one_row() -> None:
    boxes = _tilted_table(1.0)
    skew = estimate_skew([b.quad for b in boxes])
    assert math.degrees(skew) == pytest.approx(1.0, abs=0.05)
    rows = group_rows(boxes, skew=skew)
    assert [[b.label for b in row] for row in rows] == [[f"label{r}", f"value{r}"] for r in range(6)]


def test_tilted_table_breaks_without_skew_correction() -> None:
    """The same boxes grouped as if upright split every row: proves the skew correction does the work."""
    rows = group_rows(_tilted_table(1.0), skew=0.0)
    assert len(rows) == 12


def test_counter_clockwise_tilt_and_upright() -> None:
    boxes = _tilted_table(-1.2)
    rows = group_rows(boxes, skew=estimate_skew([b.quad for b in boxes]))
    assert [[b.label for b in row] for row in rows] == [[f"label{r}", f"value{r}"] for r in range(6)]
    upright = _tilted_table(0.0)
    assert estimate_skew([b.quad for b in upright]) == 0.0
    assert len(group_rows(upright)) == 6


def test_skew_ignores_short_boxes_and_steep_angles() -> None:
    squares = [_rotated_box("sq", 100 * i, 100, 30, 30, 2.0).quad for i in range(5)]
    assert estimate_skew(squares) == 0.0  # no box long enough to measure a line angle
    steep = [_rotated_box("st", 100, 100 + 50 * i, 400, 30, 12.0).quad for i in range(5)]
    assert estimate_skew(steep) == 0.0  # 12° is not a scanning skew


def test_subscript_and_mixed_heights_join_their_line() -> None:
    line = [Box("big", ((0, 100), (300, 100), (300, 140), (0, 140))),
            Box("small", ((310, 115), (340, 115), (340, 138), (310, 138)))]
    below = [Box("next", ((0, 170), (300, 170), (300, 210), (0, 210)))]
    rows = group_rows(line + below)
    assert [[b.label for b in row] for row in rows] == [["big", "small"], ["next"]]


def test_bbox_helpers() -> None:
    a, b = (0.0, 0.0, 10.0, 10.0), (5.0, 5.0, 20.0, 20.0)
    assert bbox_union([a, b]) == (0.0, 0.0, 20.0, 20.0)
    assert bbox_intersection(a, b) == (5.0, 5.0, 10.0, 10.0)
    assert bbox_intersection(a, (11.0, 11.0, 12.0, 12.0)) is None
    assert intersection_share(a, b) == pytest.approx(0.25)
    assert bbox_scale((72.0, 144.0, 216.0, 288.0), 0.5) == (36.0, 72.0, 108.0, 144.0)
    assert bbox_expand(a, 5.0, (12.0, 30.0)) == (0.0, 0.0, 12.0, 15.0)
    with pytest.raises(ValueError):
        bbox_union([])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1500), st.integers(0, 2000), st.integers(5, 400), st.integers(5, 60)),
                max_size=40),
       st.floats(-0.05, 0.05))
def test_group_rows_is_a_partition_sorted_left_to_right(raw: list, skew: float) -> None:
    boxes = [Box(str(i), ((x, y), (x + w, y), (x + w, y + h), (x, y + h))) for i, (x, y, w, h) in enumerate(raw)]
    rows = group_rows(boxes, skew=skew)
    labels = [b.label for row in rows for b in row]
    assert sorted(labels) == sorted(b.label for b in boxes)
    for row in rows:
        assert [b.bbox[0] for b in row] == sorted(b.bbox[0] for b in row)

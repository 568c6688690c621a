"""Table-driven number tests (tests/data/fact_expressions.csv) plus number-specific behaviour."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from extract.facts import parse_numbers, to_canonical

DATA = Path(__file__).parent / "data" / "fact_expressions.csv"


def load_rows(*kinds: str) -> list[dict[str, str]]:
    """Rows of the shared expression table whose ``kind`` is one of ``kinds``."""
    with DATA.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row["kind"] in kinds]


def test_table_is_large_and_varied() -> None:
    rows = load_rows("number", "none_number", "date", "period", "ambiguous", "none_date", "docno", "none_docno",
                     "unit")
    assert len(rows) >= 200
    assert {r["kind"] for r in rows} >= {"number", "none_number", "date", "period", "docno", "unit"}


@pytest.mark.parametrize("row", load_rows("number"), ids=lambda r: r["text"])
def test_number_expression(row: dict[str, str]) -> None:
    found = parse_numbers(row["text"])
    assert found, f"no number in {row['text']!r}"
    m = found[0]
    assert m.value == Decimal(row["value"])
    assert m.unit == (row["unit"] or None)
    assert row["text"][m.span[0]:m.span[1]] == m.raw
    for flag in filter(None, row["flags"].split("|")):
        assert flag in m.flags, (flag, m.flags)
    if row["approx"]:
        assert m.approx is (row["approx"] == "true")
    if row["canonical"] or row["canonical_unit"]:
        canon = to_canonical(m.value, m.unit or "")
        assert canon is not None
        if row["canonical"]:
            assert canon[0] == Decimal(row["canonical"])
        if row["canonical_unit"]:
            assert canon[1] == row["canonical_unit"]


@pytest.mark.parametrize("row", load_rows("none_number"), ids=lambda r: r["text"])
def test_not_a_quantity(row: dict[str, str]) -> None:
    assert parse_numbers(row["text"]) == []


def test_range_keeps_high_end() -> None:
    (m,) = parse_numbers("每亩施用3～5公斤")
    assert (m.value, m.high, m.unit) == (Decimal(3), Decimal(5), "千克")
    assert "range" in m.flags


def test_several_numbers_in_one_sentence_keep_order_and_spans() -> None:
    text = "全县完成投资2,167万元，新建管网12.6公里，惠及1200户，同比下降3.2%。"
    found = parse_numbers(text)
    assert [(str(m.value), m.unit) for m in found] == [("2167", "万元"), ("12.6", "公里"), ("1200", "户"),
                                                       ("3.2", "%")]
    assert [text[m.span[0]:m.span[1]] for m in found] == ["2,167万元", "12.6公里", "1200户", "3.2%"]
    assert "decrease" in found[-1].flags and "decrease" not in found[0].flags


def test_year_like_kept_only_on_request() -> None:
    assert parse_numbers("2024") == []
    (m,) = parse_numbers("2024", keep_year_like=True)
    assert m.value == Decimal(2024)


def test_long_digit_run_is_an_identifier_but_amount_with_unit_is_kept() -> None:
    assert parse_numbers("6228480012345678901") == []
    (m,) = parse_numbers("290940000元")
    assert m.value == Decimal(290940000) and m.unit == "元"

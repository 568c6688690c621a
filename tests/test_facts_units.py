"""Units: table rows (tests/data/fact_expressions.csv) and conversions."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extract.facts import convert, to_canonical, unit_info
from tests.test_facts_numbers import load_rows


@pytest.mark.parametrize("row", load_rows("unit"), ids=lambda r: r["text"])
def test_unit_canonical(row: dict[str, str]) -> None:
    canon = to_canonical(Decimal(row["value"]), row["text"])
    assert canon is not None
    value, unit, dimension = canon
    assert value == Decimal(row["canonical"])
    assert unit == row["canonical_unit"]
    assert dimension == row["flags"]


def test_unknown_unit() -> None:
    assert unit_info("furlong") is None
    assert to_canonical(Decimal(1), "furlong") is None
    assert convert(Decimal(1), "吨", "furlong") is None


@pytest.mark.parametrize(("value", "src", "dst", "expected"), [
    ("29094", "万元", "亿元", "2.9094"),
    ("1", "平方公里", "公顷", "100"),
    ("1", "平方公里", "亩", "1500"),
    ("1", "公顷", "亩", "15"),
    ("36", "万平方米", "平方公里", "0.36"),
    ("1.5", "km", "米", "1500"),
    ("1", "mg/m³", "μg/m³", "1000"),
    ("15", "公斤/亩", "千克/公顷", "225"),
    ("12.5", "万人", "人", "125000"),
    ("3", "‰", "%", "0.3"),
])
def test_convert(value: str, src: str, dst: str, expected: str) -> None:
    assert convert(Decimal(value), src, dst) == Decimal(expected)


def test_water_volume_and_mass_cross_only_on_request() -> None:
    assert convert(Decimal(5), "万立方米", "万吨") is None
    assert convert(Decimal(5), "万立方米", "万吨", water=True) == Decimal(5)
    assert convert(Decimal(2000), "m³/d", "吨/日", water=True) == Decimal(2000)
    assert unit_info("吨").dimension == "mass"  # 吨 of water stays a mass


def test_counts_of_different_things_do_not_convert() -> None:
    assert convert(Decimal(3), "个", "户") is None
    assert convert(Decimal(3), "万户", "户") == Decimal(30000)


def test_spelling_normalised() -> None:
    assert unit_info("ｋｍ²").unit == "平方公里"
    assert unit_info("公斤").unit == "千克"
    assert unit_info("万m³/d").canonical_unit == "m3/d"


def test_object_counters_compare_through_ge_but_people_and_households_do_not():
    from decimal import Decimal

    from extract.facts import convert

    assert convert(Decimal(6), "处", "个") == Decimal(6)
    assert convert(Decimal(14), "个", "村") == Decimal(14)
    assert convert(Decimal(3), "座", "个") == Decimal(3)
    assert convert(Decimal(14), "户", "个") is None
    assert convert(Decimal(5), "人", "个") is None
    assert convert(Decimal(4), "次", "个") is None
    assert convert(Decimal(2), "处", "座") is None  # only through the general counter

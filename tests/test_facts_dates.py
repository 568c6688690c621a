"""Table-driven dates, periods and 文号 (tests/data/fact_expressions.csv) plus context behaviour."""
from __future__ import annotations

from datetime import date

import pytest

from extract.facts import parse_dates, parse_doc_numbers
from tests.test_facts_numbers import load_rows

DEFAULT_YEAR = 2024  # the year the table's year-less rows are read with


@pytest.mark.parametrize("row", load_rows("date", "period"), ids=lambda r: r["text"])
def test_date_or_period(row: dict[str, str]) -> None:
    found = parse_dates(row["text"], default_year=DEFAULT_YEAR)
    assert found, f"nothing in {row['text']!r}"
    d = found[0]
    assert (d.start, d.end) == (date.fromisoformat(row["start"]), date.fromisoformat(row["end"]))
    assert d.kind == ("date" if d.start == d.end else "period")
    assert row["text"][d.span[0]:d.span[1]] == d.raw
    for flag in filter(None, row["flags"].split("|")):
        assert flag in d.flags, (flag, d.flags)


@pytest.mark.parametrize("row", load_rows("ambiguous"), ids=lambda r: r["text"])
def test_ambiguous_damaged_date_is_flagged_not_guessed(row: dict[str, str]) -> None:
    (d,) = parse_dates(row["text"])
    assert d.start is None and d.end is None
    assert "ambiguous" in d.flags and len(d.alternatives) == 2


@pytest.mark.parametrize("row", load_rows("none_date"), ids=lambda r: r["text"])
def test_not_a_date(row: dict[str, str]) -> None:
    assert parse_dates(row["text"], default_year=DEFAULT_YEAR) == []


def test_year_less_forms_need_a_default_year() -> None:
    assert parse_dates("上半年完成1-6月任务，3月15日召开") == []
    found = parse_dates("上半年完成1-6月任务，3月15日召开", default_year=2023)
    assert [(d.start, d.end) for d in found] == [(date(2023, 1, 1), date(2023, 6, 30)),
                                                 (date(2023, 1, 1), date(2023, 6, 30)),
                                                 (date(2023, 3, 15), date(2023, 3, 15))]


def test_year_inside_full_date_is_not_also_a_period() -> None:
    found = parse_dates("会议于2024年3月15日召开，部署2024年度工作。")
    assert [(d.kind, d.raw) for d in found] == [("date", "2024年3月15日"), ("period", "2024年度")]


def test_doc_number_year_is_not_a_date() -> None:
    text = "根据《通知》（环办监测函〔2022〕30号），2024年3月15日印发"
    assert [d.raw for d in parse_dates(text)] == ["2024年3月15日"]


@pytest.mark.parametrize("row", load_rows("docno"), ids=lambda r: r["text"])
def test_doc_number(row: dict[str, str]) -> None:
    found = parse_doc_numbers(row["text"])
    assert len(found) == 1
    doc = found[0]
    assert doc.text == row["value"]
    assert doc.damaged is ("damaged" in row["flags"])
    assert row["text"][doc.span[0]:doc.span[1]] == doc.raw
    assert str(doc.year) in doc.text and f"{doc.serial}号" in doc.text


@pytest.mark.parametrize("row", load_rows("none_docno"), ids=lambda r: r["text"])
def test_not_a_doc_number(row: dict[str, str]) -> None:
    assert parse_doc_numbers(row["text"]) == []


def test_doc_number_parts_and_several_in_one_text() -> None:
    text = "按照陕环函〔2017〕176号和云环函（2017）328号要求"
    found = parse_doc_numbers(text)
    assert [(d.issuer, d.year, d.serial) for d in found] == [("陕环函", 2017, 176), ("云环函", 2017, 328)]


def test_listed_quarters_give_one_period_each_with_their_own_spans() -> None:
    text = "2023年第一、二季度共召开会议4次"
    found = parse_dates(text)
    assert [(d.start, d.end) for d in found] == [(date(2023, 1, 1), date(2023, 3, 31)),
                                                 (date(2023, 4, 1), date(2023, 6, 30))]
    assert [d.raw for d in found] == ["2023年第一", "二季度"]
    assert all(text[d.span[0]:d.span[1]] == d.raw and "quarter_list" in d.flags for d in found)
    three = parse_dates("第一、三、四季度", default_year=2023)
    assert [d.start.month for d in three] == [1, 7, 10]  # type: ignore[union-attr]
    assert parse_dates("第一、二季度") == []  # no year anywhere: nothing is guessed


def test_section_number_before_a_quarter_is_not_a_listed_quarter() -> None:
    found = parse_dates("一、二季度工作安排\n二、三季度工作打算", default_year=2023)
    assert [(d.raw, d.start, d.end) for d in found] == [("二季度", date(2023, 4, 1), date(2023, 6, 30)),
                                                        ("三季度", date(2023, 7, 1), date(2023, 9, 30))]


def test_relative_years_need_the_document_year() -> None:
    assert parse_dates("近三年累计投入") == []
    (d,) = parse_dates("近三年累计投入", default_year=2023)
    assert (d.start, d.end) == (date(2021, 1, 1), date(2023, 12, 31)) and "relative" in d.flags


def test_two_digit_year_only_with_a_month_and_not_inside_a_four_digit_year() -> None:
    assert parse_dates("设备已运行24年") == []
    (d,) = parse_dates("2024年3月")
    assert "two_digit_year" not in d.flags
    (d,) = parse_dates("24年3月5日")
    assert d.start == date(2024, 3, 5) and "two_digit_year" in d.flags


def test_traditional_characters_and_cjk_one_as_dash_keep_spans() -> None:
    text = "二〇二三年十一月二日會議：1一10月處理污水"
    found = parse_dates(text, default_year=2023)
    assert [(d.raw, d.start, d.end) for d in found] == [
        ("二〇二三年十一月二日", date(2023, 11, 2), date(2023, 11, 2)),
        ("1一10月", date(2023, 1, 1), date(2023, 10, 31))]
    assert all(text[d.span[0]:d.span[1]] == d.raw for d in found)

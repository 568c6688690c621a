"""Property tests: the parsers never raise on arbitrary text, and every span indexes the input exactly."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.facts import parse_dates, parse_doc_numbers, parse_numbers, to_canonical
from extract.facts.chinese_numerals import parse_cn_int
from extract.facts.text_norm import fold, prepare

# Text biased towards the characters the parsers care about, mixed with arbitrary unicode.
_ALPHABET = list("0123456789０１２３４５６７８９.,，。-—～~至/年月日号度季第万亿千百十零〇○一二两三四五六七八九"
                 "壹贰叁肆伍陆柒捌玖拾佰仟元吨亩%‰个户次约余多以上〔〕[]【】（）()号函发字OolI kmg²³/d")
_TEXT = st.one_of(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60), st.text(max_size=60))
_SETTINGS = settings(max_examples=300, deadline=None)


@_SETTINGS
@given(_TEXT)
def test_numbers_never_raise_and_spans_index_input(text: str) -> None:
    for m in parse_numbers(text):
        assert 0 <= m.span[0] < m.span[1] <= len(text)
        assert text[m.span[0]:m.span[1]] == m.raw
        assert isinstance(m.value, Decimal)
        if m.high is not None:
            assert m.value <= m.high


@_SETTINGS
@given(_TEXT, st.one_of(st.none(), st.integers(min_value=-5, max_value=3000)))
def test_dates_never_raise_and_are_ordered(text: str, year: int | None) -> None:
    for d in parse_dates(text, default_year=year):
        assert text[d.span[0]:d.span[1]] == d.raw
        if d.start is not None:
            assert d.end is not None and d.start <= d.end
        else:
            assert "ambiguous" in d.flags


@_SETTINGS
@given(_TEXT)
def test_doc_numbers_never_raise(text: str) -> None:
    for doc in parse_doc_numbers(text):
        assert text[doc.span[0]:doc.span[1]] == doc.raw
        assert 1900 <= doc.year <= 2099 and doc.serial > 0


@_SETTINGS
@given(_TEXT)
def test_folding_preserves_length(text: str) -> None:
    assert len(fold(text)) == len(text)
    repaired, positions = prepare(text)
    assert len(repaired) == len(text) and all(0 <= i < len(text) for i in positions)


@_SETTINGS
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_round_trip_with_thousands_separators(n: int) -> None:
    (m,) = parse_numbers(f"合计{n:,}元")
    assert m.value == Decimal(n) and m.unit == "元"
    assert to_canonical(m.value, "万元") == (Decimal(n) * 10000, "元", "money")


_CN_DIGITS = "零一二三四五六七八九"


def _to_cn(n: int) -> str:
    """Reference Chinese rendering of 0 < n < 10^8 (standard positional form with 零)."""
    def four(x: int) -> str:
        out, zero = "", False
        for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // div % 10
            if d:
                if zero and out:
                    out += "零"
                out += _CN_DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out
    high, low = divmod(n, 10000)
    if not high:
        return four(low)
    text = four(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + four(low)
    return text


@_SETTINGS
@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_chinese_numeral_round_trip(n: int) -> None:
    assert parse_cn_int(_to_cn(n)) == n


_DATE_TEXT = st.text(alphabet=st.sampled_from(list("0123456789年月日号度季第前个上下半Qq.-/—~至到截止底末份十一二三四五两"
                                                   "全本今当近最过去来以 ，、和及与“”")), max_size=24)


@settings(max_examples=2000, deadline=None)
@given(_DATE_TEXT)
def test_a_date_pattern_matches_only_text_holding_the_character_it_needs(text: str) -> None:
    # the scan skips a pattern when its character is absent: exact only if no match can lack it
    from extract.facts import dates

    assert set(dates._NEEDS) <= {name for name, _ in dates._PATTERNS}
    t, _ = prepare(text)
    for name, pattern in dates._PATTERNS:
        needs = dates._NEEDS.get(name)
        if needs and pattern.search(t):
            assert any(ch in t for ch in needs), (name, t)

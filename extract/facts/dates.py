"""Dates and periods: 2024年3月15日, 二〇二四年三月十五日, 2024.03.15, 20240315, damaged "2023630"/"202210月12日",
2024年3月, 2024-03, 2024年度, quarters, halves, month ranges, 前三季度, 截至…底, 上年度, 十四五, 2021—2025年,
2024.01—2024.12, 2024年3月15-16日, 9月12日—13日, 2023.9.12-13, 第一、二季度 (one period per listed quarter),
two-digit years with a month (24年3月 → 2024, flagged "two_digit_year"), 近三年 (the years ending with the
default year, flagged "relative") and ranges "A至B" of any of them.

Each match resolves to ``start``/``end`` (a date: start == end). A damaged compact date with two valid readings
("2023111": 1 Nov or 11 Jan) is returned with ``start = end = None``, the flag "ambiguous" and both readings in
``alternatives``, never guessed. Year-less forms (三季度, 1-6月, 3月15日) need ``default_year`` and are flagged
"year_inferred". Dates inside a 文号 are skipped; an invalid full date (2023年2月30日) yields nothing.
"""
from __future__ import annotations

import calendar
import functools
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from extract.facts.chinese_numerals import parse_cn_int
from extract.facts.docnumbers import parse_doc_numbers
from extract.facts.text_norm import prepare
from extract.facts.units import match_unit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DateMatch:
    kind: str  # "date" | "period"
    start: date | None
    end: date | None
    span: tuple[int, int]
    raw: str
    flags: tuple[str, ...] = ()
    alternatives: tuple[date, ...] = ()  # the readings of an ambiguous damaged date


MIN_YEAR, MAX_YEAR = 1949, 2100  # plausible years of evidence and plans
_FIVE_YEAR_PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_CN = "零〇○OoΟ一二三四五六七八九十"
_Y = r"(?P<y>(?:19|20)\d{2})"
_CY = rf"(?P<cy>[一二][{_CN}]{{3}})"
_M = r"(?P<m>\d{1,2})"
_D = r"(?P<d>\d{1,2})"
_CM = rf"(?P<cm>[{_CN}]{{1,2}})"
_CD = rf"(?P<cd>[{_CN}]{{1,3}})"
_SEP_RANGE = r"\s*[-–—~至到]\s*"
_S = r"\s*"
_NO_DIGIT_BEFORE = r"(?<![0-9A-Za-z.])(?<![A-Za-z0-9][_/])(?<![A-Za-z]-)"
_NO_DIGIT_AFTER = r"(?![0-9])"
_QUARTER = r"(?P<q>[一二三四1-4])"

# (name, pattern) in priority order; overlaps are resolved longest-first, then by this order.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(p)) for name, p in [
    ("ymd", rf"{_NO_DIGIT_BEFORE}{_Y}{_S}年{_S}{_M}{_S}月{_S}{_D}{_S}[日号]"),
    ("ymd_days", rf"{_NO_DIGIT_BEFORE}{_Y}{_S}年{_S}{_M}{_S}月{_S}{_D}{_S}日?{_SEP_RANGE}(?P<d2>\d{{1,2}}){_S}[日号]"),
    ("yy_ymd", rf"(?<![0-9.])(?P<yy>\d{{2}}){_S}年{_S}{_M}{_S}月{_S}{_D}{_S}[日号]"),
    ("sep_ymd_days", rf"{_NO_DIGIT_BEFORE}{_Y}(?P<sep>[./]){_M}(?P=sep){_D}{_S}[-–—~至到]{_S}(?P<d2>\d{{1,2}})"
                     rf"{_S}[日号]?(?![0-9]|[./\-:][0-9])"),
    ("md_days", rf"(?<![0-9年])(?<!个){_M}{_S}月{_S}{_D}{_S}[日号]?{_SEP_RANGE}(?P<d2>\d{{1,2}}){_S}[日号]"),
    ("ymd_damaged", rf"{_NO_DIGIT_BEFORE}(?P<y>(?:19|20)\d{{2}})(?P<m>\d{{1,2}}){_S}月{_S}{_D}{_S}[日号]"),
    ("cymd", rf"{_CY}{_S}年{_S}{_CM}{_S}月{_S}{_CD}{_S}[日号]"),
    ("sep_ymd", rf"{_NO_DIGIT_BEFORE}{_Y}(?P<sep>[./\-]){_M}(?P=sep){_D}(?![0-9]|\.[0-9])"),
    ("ym_dot_range", rf"{_NO_DIGIT_BEFORE}{_Y}(?P<sep>[./\-])(?P<m>\d{{1,2}}){_SEP_RANGE}(?P<y2>(?:19|20)\d{{2}})"
                     rf"(?P=sep)(?P<m2>\d{{1,2}})(?![0-9]|[./\-][0-9])"),
    ("ym_dot", rf"{_NO_DIGIT_BEFORE}{_Y}\.(?P<m>0[1-9]|1[0-2])(?![0-9]|\.[0-9])"),
    ("ym_dash", rf"{_NO_DIGIT_BEFORE}{_Y}(?P<sep>[-/])(?P<m>1[0-2]|0?[1-9])(?![0-9]|[./\-][0-9])"),
    ("compact", rf"{_NO_DIGIT_BEFORE}(?P<digits>(?:19|20)\d{{5,6}}){_NO_DIGIT_AFTER}"),
    ("until_ym", rf"截[至止]{_S}{_Y}{_S}年{_S}{_M}{_S}月(?:底|末|份)?"),
    ("until_md", rf"截[至止]{_S}{_M}{_S}月{_S}(?:{_D}{_S}[日号]|底|末)"),
    ("year_month_range", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年(?:度)?{_S})?{_M}{_S}月?{_SEP_RANGE}"
                         rf"(?P<m2>\d{{1,2}}){_S}月(?:份)?"),
    ("cn_month_range", rf"(?:{_Y}{_S}年(?:度)?{_S})?(?P<cm>[一二三四五六七八九十]{{1,2}})月?{_SEP_RANGE}"
                       rf"(?P<cm2>[一二三四五六七八九十]{{1,2}})月(?:份)?"),
    ("quarter_range", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年(?:度)?{_S})?第?{_S}{_QUARTER}{_S}(?:季度)?{_SEP_RANGE}第?{_S}"
                      rf"(?P<q2>[一二三四1-4]){_S}(?:个)?季度"),
    ("quarter_list", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年(?:度)?{_S})?第?{_S}(?P<qs>{_QUARTER}(?:{_S}[、,，和及与]{_S}第?{_S}"
                     rf"[一二三四1-4])+){_S}(?:个)?季度"),
    ("year_quarter", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年(?:度)?{_S})?第?{_S}{_QUARTER}{_S}季度"),
    ("q", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年?{_S})?[Qq](?P<q>[1-4])(?![0-9A-Za-z])"),
    ("first_quarters", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年(?:度)?{_S})?前(?P<q>[二三两2-3]){_S}(?:个)?季度"),
    ("half", rf"{_NO_DIGIT_BEFORE}(?:{_Y}{_S}年(?:度)?{_S})?(?P<h>[上下])半年"),
    ("yy_ym", rf"(?<![0-9.])(?P<yy>\d{{2}}){_S}年{_S}{_M}{_S}月(?:份)?"),
    ("ym", rf"{_NO_DIGIT_BEFORE}{_Y}{_S}年{_S}{_M}{_S}月(?:份)?"),
    ("cym", rf"{_CY}{_S}年{_S}{_CM}{_S}月(?:份)?"),
    ("cmd", rf"(?<![{_CN}年])(?P<cm>[一二三四五六七八九十]{{1,2}}){_S}月{_S}{_CD}{_S}[日号]"),
    ("md", rf"(?<![0-9年])(?<!个){_M}{_S}月{_S}{_D}{_S}[日号]"),
    ("year_span", rf"{_NO_DIGIT_BEFORE}{_Y}{_S}年?{_SEP_RANGE}(?P<y2>(?:19|20)\d{{2}}){_S}年(?:度)?"),
    ("year", rf"{_NO_DIGIT_BEFORE}{_Y}{_S}年(?P<du>度)?"),
    ("cyear", rf"{_CY}{_S}年(?P<du>度)?"),
    ("plan", r"[“\"'‘「]?(?P<plan>十[一二三四五]五)[”\"'’」]?(?:时期|期间|规划|期)?"),
    ("month", rf"(?<![0-9年个第])(?P<m>1[0-2]|0?[1-9]){_S}月(?:份)?(?![0-9日号])"),
    ("recent_years", r"(?:近|最近|过去)(?P<n>[两二三四五六七八九十]|[2-9]|10)(?:个)?(?:年度|年)(?:来|以来)?"),
    ("rel_year", r"(?:全年|本年度|当年|本年|今年)"),
    ("prev_year", r"(?:上一年度|上年度|上一年|上年)"),
]]
_QUARTER_DIGIT = re.compile(r"[一二三四1-4]")
# A character every match of a pattern contains (any one of several): a block without it is not scanned with that
# pattern. Exact (each pattern spells the character out, not optional; checked against the unfiltered scan on
# 26,711 texts); blocks lacking 月, 季 or a date separator skip the patterns that need them (37 % fewer scans on
# the text-layer benchmark). Patterns not listed are always tried.
_NEEDS: dict[str, str] = {
    **dict.fromkeys(("ymd", "ymd_days", "yy_ymd", "md_days", "ymd_damaged", "cymd", "until_ym", "until_md",
                     "year_month_range", "cn_month_range", "yy_ym", "ym", "cym", "cmd", "md", "month"), "月"),
    "sep_ymd_days": "./", "sep_ymd": "./-", "ym_dot_range": "./-", "ym_dot": ".", "ym_dash": "-/",
    **dict.fromkeys(("quarter_range", "quarter_list", "year_quarter", "first_quarters"), "季"),
    "q": "Qq", "half": "半", "plan": "五",
    **dict.fromkeys(("year_span", "year", "cyear", "recent_years", "rel_year", "prev_year"), "年"),
}
_NEEDED = frozenset(_NEEDS.values())
TWO_DIGIT_CENTURY = 2000  # "24年3月" is read as 2024 (evidence of this century)
_FULL_DATES = ("ymd", "ymd_days", "ym_dot_range", "ymd_damaged", "cymd", "sep_ymd")
_RANGE_JOIN = re.compile(r"\s*(?:至|到|—{1,2}|–|-|~)\s*")


def _cn(s: str) -> int | None:
    return parse_cn_int(s.replace("O", "〇").replace("o", "〇").replace("Ο", "〇"))


def _valid(y: int, m: int, d: int) -> date | None:
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return date(y, m, d)


def _month(y: int, m: int) -> tuple[date, date] | None:
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12):
        return None
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _months(y: int, m1: int, m2: int) -> tuple[date, date] | None:
    a, b = _month(y, m1), _month(y, m2)
    if a is None or b is None or m2 < m1:
        return None
    return a[0], b[1]


def _qnum(q: str) -> int:
    return int(q) if q.isdigit() else {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}[q]


def _resolve(name: str, m: re.Match[str], default_year: int | None
             ) -> tuple[str, date | None, date | None, tuple[str, ...], tuple[date, ...]] | None:
    """(kind, start, end, flags, alternatives) for one pattern match, or None when it is not a valid date."""
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    flags: tuple[str, ...] = ()
    if name in ("ymd", "sep_ymd", "ymd_damaged"):
        d = _valid(y, int(g["m"]), int(g["d"]))  # type: ignore[arg-type]
        return None if d is None else ("date", d, d, ("damaged",) if name == "ymd_damaged" else (), ())
    if name == "cymd":
        yy, mm, dd = _cn(g["cy"]), _cn(g["cm"]), _cn(g["cd"])
        d = _valid(yy, mm, dd) if None not in (yy, mm, dd) else None  # type: ignore[arg-type]
        return None if d is None else ("date", d, d, (), ())
    if name == "ymd_days":
        a, b = _valid(y, int(g["m"]), int(g["d"])), _valid(y, int(g["m"]), int(g["d2"]))  # type: ignore[arg-type]
        return None if a is None or b is None or b < a else ("period", a, b, ("range",), ())
    if name == "compact":
        return _compact(g["digits"])
    if name in ("yy_ymd", "yy_ym"):  # "24年3月": a two-digit year followed by a month is 2024
        yy = TWO_DIGIT_CENTURY + int(g["yy"])
        if name == "yy_ym":
            win = _month(yy, int(g["m"]))
            return None if win is None else ("period", win[0], win[1], ("two_digit_year",), ())
        d = _valid(yy, int(g["m"]), int(g["d"]))
        return None if d is None else ("date", d, d, ("two_digit_year",), ())
    if name in ("sep_ymd_days", "md_days"):
        yy = y if y is not None else default_year
        if yy is None:
            return None
        a, b = _valid(yy, int(g["m"]), int(g["d"])), _valid(yy, int(g["m"]), int(g["d2"]))
        more = ("year_inferred",) if y is None else ()
        return None if a is None or b is None or b <= a else ("period", a, b, ("range", *more), ())
    if name == "recent_years":  # 近三年: the n years ending with the document's year
        n = int(g["n"]) if g["n"].isdigit() else _cn(g["n"].replace("两", "二"))
        if default_year is None or not n:
            return None
        return ("period", date(default_year - n + 1, 1, 1), date(default_year, 12, 31),
                ("year_inferred", "relative"), ())
    if name == "ym_dot_range":
        a, b = _month(y, int(g["m"])), _month(int(g["y2"]), int(g["m2"]))  # type: ignore[arg-type]
        return None if a is None or b is None or b[1] < a[0] else ("period", a[0], b[1], ("range",), ())
    if y is None and name not in ("plan", "rel_year", "prev_year", "cym", "cyear", "md", "cmd", "month", "until_md"):
        if default_year is None:
            if name in ("year_quarter", "half", "first_quarters", "year_month_range", "cn_month_range", "q",
                        "quarter_list", "quarter_range"):
                return None
        y = default_year
        flags = ("year_inferred",)
    if name == "until_ym":
        win = _month(y, int(g["m"]))  # type: ignore[arg-type]
        return None if win is None else ("period", date(win[0].year, 1, 1), win[1], ("until",), ())
    if name == "until_md":
        if default_year is None:
            return None
        if g.get("d"):
            end = _valid(default_year, int(g["m"]), int(g["d"]))
        else:
            win = _month(default_year, int(g["m"]))
            end = None if win is None else win[1]
        return None if end is None else ("period", date(default_year, 1, 1), end, ("until", "year_inferred"), ())
    if name in ("year_month_range", "cn_month_range"):
        if name == "year_month_range":
            m1, m2 = int(g["m"]), int(g["m2"])
        else:
            m1, m2 = _cn(g["cm"]) or 0, _cn(g["cm2"]) or 0  # type: ignore[assignment]
        win = _months(y, m1, m2)  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], flags, ())
    if name == "quarter_range":  # 一至三季度, 第一季度至第三季度
        q1, q2 = _qnum(g["q"]), _qnum(g["q2"])
        win = _months(y, 3 * q1 - 2, 3 * q2) if q1 < q2 else None  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], flags, ())
    if name == "quarter_list":  # 第一、二季度: the window of the listed quarters, expanded per quarter later
        qs = [_qnum(q) for q in _QUARTER_DIGIT.findall(g["qs"])]
        head = m.string[m.string.rfind("\n", 0, m.start("qs")) + 1:m.start("qs")]
        if not g.get("y") and not head.strip():
            return None  # "一、二季度工作" at a line start: "一、" numbers the section
        if qs != sorted(set(qs)):
            return None
        win = _months(y, 3 * qs[0] - 2, 3 * qs[-1])  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], (*flags, "quarter_list"), ())
    if name in ("year_quarter", "q"):
        q = _qnum(g["q"])
        win = _months(y, 3 * q - 2, 3 * q)  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], flags, ())
    if name == "first_quarters":
        win = _months(y, 1, 3 * _qnum(g["q"]))  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], flags, ())
    if name == "half":
        win = _months(y, 1, 6) if g["h"] == "上" else _months(y, 7, 12)  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], flags, ())
    if name in ("ym", "ym_dash", "ym_dot"):
        win = _month(y, int(g["m"]))  # type: ignore[arg-type]
        return None if win is None else ("period", win[0], win[1], (), ())
    if name == "cym":
        yy, mm = _cn(g["cy"]), _cn(g["cm"])
        win = _month(yy, mm) if yy and mm else None
        return None if win is None else ("period", win[0], win[1], (), ())
    if name == "year_span":
        y2 = int(g["y2"])
        if not (MIN_YEAR <= y <= y2 <= MAX_YEAR):  # type: ignore[operator]
            return None
        return "period", date(y, 1, 1), date(y2, 12, 31), (), ()  # type: ignore[arg-type]
    if name in ("year", "cyear"):
        yy = y if name == "year" else _cn(g["cy"])
        if yy is None or not (MIN_YEAR <= yy <= MAX_YEAR):
            return None
        return "period", date(yy, 1, 1), date(yy, 12, 31), ("fiscal_year",) if g.get("du") else (), ()
    if name == "plan":
        first = _FIVE_YEAR_PLANS[g["plan"]]
        return "period", date(first, 1, 1), date(first + 4, 12, 31), ("five_year_plan",), ()
    if default_year is None:
        return None
    if name == "cmd":
        mm, dd = _cn(g["cm"]), _cn(g["cd"])
        d = _valid(default_year, mm, dd) if mm and dd else None
        return None if d is None else ("date", d, d, ("year_inferred",), ())
    if name == "md":
        d = _valid(default_year, int(g["m"]), int(g["d"]))
        return None if d is None else ("date", d, d, ("year_inferred",), ())
    if name == "month":
        win = _month(default_year, int(g["m"]))
        return None if win is None else ("period", win[0], win[1], ("year_inferred",), ())
    if name == "prev_year":
        py = default_year - 1
        return "period", date(py, 1, 1), date(py, 12, 31), ("year_inferred", "previous_year"), ()
    if name == "rel_year":
        return "period", date(default_year, 1, 1), date(default_year, 12, 31), ("year_inferred",), ()
    return None


def _compact(digits: str) -> tuple[str, date | None, date | None, tuple[str, ...], tuple[date, ...]] | None:
    """20240315 (8 digits) or a separator-less damaged 7-digit form such as 2023630."""
    y, rest = int(digits[:4]), digits[4:]
    if len(rest) == 4:
        d = _valid(y, int(rest[:2]), int(rest[2:]))
        return None if d is None else ("date", d, d, (), ())
    readings = [d for d in (_valid(y, int(rest[:1]), int(rest[1:])), _valid(y, int(rest[:2]), int(rest[2:])))
                if d is not None]
    if rest.startswith("0"):
        readings = [d for d in readings if d.month < 10]  # "2023061": month 06, day 1 → only the 2-digit month
    readings = sorted(set(readings))
    if not readings:
        return None
    if len(readings) == 1:
        return "date", readings[0], readings[0], ("damaged",), ()
    return "date", None, None, ("ambiguous", "damaged"), tuple(readings)


_UNIT_AFTER = re.compile(r"\s*(?:万|亿|千|元|吨|个|人|户|%|米|平方|公顷|亩|立方|kg|t\b|m)")


DATE_CACHE_SIZE = 8192  # blocks: the extractor, the number parser and the document-year guess all ask per block


def parse_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """All dates and periods in ``text`` (non-overlapping, left to right). Never raises."""
    if not isinstance(text, str) or not text:
        return []
    return list(_parse_dates_cached(text, default_year))


@functools.lru_cache(maxsize=DATE_CACHE_SIZE)
def _parse_dates_cached(text: str, default_year: int | None) -> tuple[DateMatch, ...]:
    return tuple(_parse_dates(text, default_year))


@functools.lru_cache(maxsize=DATE_CACHE_SIZE)
def _scan(text: str) -> tuple[str, Any, tuple[tuple[int, int], ...], tuple[tuple[int, str, re.Match[str], int, int], ...]]:
    """The pattern hits of ``text`` (prepared text, repaired offsets, document-number spans, hits): they do not
    depend on the default year, so the callers asking with different years scan a block once."""
    t, repaired = prepare(text)
    blocked = tuple(d.span for d in parse_doc_numbers(text))
    hits: list[tuple[int, str, re.Match[str], int, int]] = []
    chars = set(t)
    present = {needs for needs in _NEEDED if not chars.isdisjoint(needs)}
    for order, (name, pattern) in enumerate(_PATTERNS):
        needs = _NEEDS.get(name)
        if needs is not None and needs not in present:
            continue
        for m in pattern.finditer(t):
            s, e = m.span()
            while s < e and t[s].isspace():  # optional parts absent: the match must not start with a line break
                s += 1
            if name in ("compact", "ym_dot") and (_UNIT_AFTER.match(t, e) or match_unit(t, e)):
                continue  # "20240315元", "2023.09万元" are amounts
            hits.append((order, name, m, s, e))
    return t, repaired, blocked, tuple(hits)


def _parse_dates(text: str, default_year: int | None) -> list[DateMatch]:
    if default_year is not None and not (isinstance(default_year, int) and MIN_YEAR <= default_year <= MAX_YEAR):
        default_year = None
    t, repaired, scanned_blocked, hits = _scan(text)
    blocked = list(scanned_blocked)
    cands: list[tuple[int, int, int, DateMatch]] = []
    for order, name, m, s, e in hits:
        res = _resolve(name, m, default_year)
        if res is None:
            if name in _FULL_DATES:
                blocked.append((s, e))  # "2023年2月30日" is invalid: do not fall back to "2023年2月"
            continue
        kind, start, end, flags, alts = res
        if any(s <= i < e for i in repaired):
            flags = (*flags, "ocr_repaired")
        cands.append((s, e, order, DateMatch(kind, start, end, (s, e), text[s:e], flags, alts)))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[DateMatch] = []
    taken: list[tuple[int, int]] = list(blocked)
    for s, e, _, dm in cands:
        if any(a < e and s < b for a, b in taken):
            continue
        taken.append((s, e))
        chosen.append(dm)
    chosen.sort(key=lambda d: d.span)
    expanded = [q for dm in chosen for q in (_split_quarters(dm, t, text) if "quarter_list" in dm.flags else [dm])]
    return _join_ranges(expanded, t, text)


def _split_quarters(dm: DateMatch, t: str, text: str) -> list[DateMatch]:
    """"2024年第一、二季度" → one period per listed quarter (spans "2024年第一" and "二季度")."""
    s, e = dm.span
    head = t.rfind("年", s, e) + 1 or s  # the listed numerals follow the year ("季度" holds no 年)
    positions = [m.start() for m in _QUARTER_DIGIT.finditer(t, head, e)]
    year = dm.start.year  # type: ignore[union-attr]
    out: list[DateMatch] = []
    for i, pos in enumerate(positions):
        q = _qnum(t[pos])
        a, b = s if i == 0 else pos, e if i == len(positions) - 1 else pos + 1
        out.append(DateMatch("period", date(year, 3 * q - 2, 1), date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]),
                             (a, b), text[a:b], dm.flags))
    return out


def _join_ranges(matches: list[DateMatch], t: str, text: str) -> list[DateMatch]:
    """"2024年1月1日至2024年12月31日" → one period from the first start to the second end."""
    out: list[DateMatch] = []
    for dm in matches:
        prev = out[-1] if out else None
        if (prev is not None and prev.start and prev.end and dm.start and dm.end and prev.start <= dm.start
                and _RANGE_JOIN.fullmatch(t, prev.span[1], dm.span[0]) and "ambiguous" not in dm.flags):
            s, e = prev.span[0], dm.span[1]
            out[-1] = DateMatch("period", prev.start, dm.end, (s, e), text[s:e],
                                tuple(sorted(set(prev.flags) | set(dm.flags) | {"range"})))
            continue
        out.append(dm)
    return out

"""Quantities in text: Arabic (thousands separators, full-width, decimals, negatives), Chinese and 大写 numerals,
万/亿/千 multipliers, percentages in words, ranges, approximations, decrease verbs and units.

Not quantities (never returned): ordinals (第三季度, 第4次), years, dates and periods, 文号 serials, phone, ID and
account numbers, standard numbers (GB 3838-2002), report numbers, clock times and section numbers ("一、", "1.",
"（2）"). Values are as written (29,094万元 → 29094 with unit 万元); a bare multiplier without a unit is folded
into the value (1.5亿 → 150000000).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.facts.chinese_numerals import (CN_DIGIT_CHARS, CN_NUMERAL_CHARS, DAXIE_CHARS, DAXIE_DIGITS,
                                            parse_cn_number, parse_daxie_amount)
from extract.facts.dates import parse_dates
from extract.facts.docnumbers import parse_doc_numbers
from extract.facts.text_norm import prepare
from extract.facts.units import GUARDED_FORMS, match_unit, unit_info

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NumberMatch:
    value: Decimal
    unit: str | None  # normalised spelling ("万吨", "%", "公顷"), or None
    span: tuple[int, int]  # in the input text
    raw: str
    approx: bool = False
    flags: tuple[str, ...] = ()  # range, decrease, increase, change_points, ocr_repaired, ambiguous_separator ...
    high: Decimal | None = None  # upper end of a range


MAX_DIGITS_WITHOUT_UNIT = 10  # a bare digit run longer than this is an ID/account/serial, not a quantity
_YEAR_LIKE = range(1900, 2101)  # bare integers in this range with no unit are read as years
# Verbs giving a sign; "下降至/提高到" introduce the level reached, not the change, so they give none.
_DECREASE = re.compile(r"(下降|减少|削减|降低|减小|下滑|降幅|减幅|缩减|压减|减排|回落)(?![至到])")
_INCREASE = re.compile(r"(增长|增加|提高|上升|提升|增幅|新增|涨幅)(?![至到])")
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?：:\n、（）()]")
_APPROX_BEFORE = ("约", "近", "超过", "逾", "大约", "将近", "接近", "不足", "不到", "不少于", "至少", "多达", "超",
                  "约为", "约达", "达到约", "近乎", "累计约", "预计", "不低于", "不高于", "不超过", "低于", "高于",
                  "小于", "大于", "≥", "≤", ">", "<")
_APPROX_AFTER = re.compile(r"\s*(以上|左右|上下|以下|以内|余|多|有余|许)")

# Spaces are never thousands separators: OCR'd table rows separate columns with them ("186 193").
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_MASTER = re.compile(
    r"(?P<pct>(?P<pctword>百分之|千分之)(?P<pctnum>[" + CN_NUMERAL_CHARS + r"点]+|\d+(?:\.\d+)?))"
    r"|(?P<daxie>(?:人民币)?[" + DAXIE_CHARS + r"]+[元圆](?:[" + DAXIE_CHARS + r"]角)?(?:[" + DAXIE_CHARS
    + r"]分)?[整正]?)"
    r"|(?P<arabic>" + _ARABIC + r")"
    r"|(?P<cn>[" + CN_NUMERAL_CHARS + r"]+(?:点[" + CN_DIGIT_CHARS + r"]+)?)"
)
_MULT = {"万": Decimal(10_000), "亿": Decimal(10**8), "千": Decimal(1000), "百": Decimal(100)}

# Spans that are never quantities.
_EXCLUDE = [re.compile(p) for p in (
    r"(?:GB|HJ|CJ|CJJ|SL|LY|NY|TD|JGJ|DB|DZ|HG|QB|GBZ|JJF|JJG|T/[A-Z]{2,})\s*\d*\s*(?:/\s*T)?\s*/?\s*"
    r"\d+(?:\.\d+)*(?:\s*[-—–]\s*\d{2,4})?",  # standard numbers, with or without their year
    r"[A-Za-z]{2,}[A-Za-z0-9]*(?:\s*[-_—]\s*[A-Za-z0-9]+)+",  # report / serial codes XXJC-2024-0123
    r"[A-Za-z]*\d+[A-Za-z]+\d+[A-Za-z0-9]*",  # mixed codes 91510000MA6C...P
    r"(?<!\d)(?:0\d{2,3}\s*-\s*\d{7,8}|1[3-9]\d{9})(?!\d)",  # phone numbers
    r"(?:电话|手机|传真|邮编|编号|账号|帐号|卡号|证号|流水号|单号|号码|代码|批号|表号|文号|序号|No\.?|NO\.?|№)"
    r"\s*[:：]?\s*[^\s，,；;。]+(?:\s*[、,，/]\s*[0-9][0-9\-]{4,}| [0-9]{1,4}(?![0-9.]))*",
    r"(?<![0-9.])[0-9]{4}(?: [0-9]{4}){3,}(?: [0-9]{1,4})?(?![0-9.])",  # account / card numbers in 4-digit groups
    r"(?:科目|编码)\s*[:：]?\s*\d{3,}(?![\d.,，%‰]|\s*[万亿千百]?元)",  # budget subject codes 预算科目：2110301
    # N-YYYY with N > YYYY (a descending pair is never a range): a standard number whose prefix (GB) sits on the
    # previous line of a scan, "（GB\n16889-2008）"
    r"(?<![\d.,])(?:\d{5,6}|[3-9]\d{3})\s*[-—–]\s*(?:19|20)\d{2}(?![\d.])",
    r"[一二三四五六七八九十两]+年(?=行动|规划|计划|攻坚)",  # plan names 三年行动, 五年规划: not a duration quantity
    r"[A-Za-z0-9_.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",  # e-mail
    r"(?:https?://|www\.)[^\s，。；）)]+",  # URL
    r"(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?(?!\d)",  # clock 10:30
    r"(?<![\d.])\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?(?!钟|\d)",  # 10时30分, 9点
    r"第\s*[0-9" + CN_NUMERAL_CHARS + r"]+(?:\s*[-—~、至]\s*第?\s*[0-9" + CN_NUMERAL_CHARS + r"]+)*",  # 第3-5, 第一、二
    r"(?:附件|附表|(?<!代)表|(?<![试地])图|附图|条款|卷|章|节|款)\s*[0-9]+(?:[-—.][0-9]+)*",  # labels, not amounts
    r"(?m)^\s*[（(]?\s*[0-9" + CN_NUMERAL_CHARS + r"]{1,3}\s*[）)]?\s*[、.](?![0-9])",  # section numbers
    r"[（(]\s*[0-9" + CN_NUMERAL_CHARS + r"]{1,2}\s*[）)](?!\s*[%万亿])",  # enumerations (1) （二）
    r"[①-⑳]",
    r"(?:星期|周|礼拜)[一二三四五六日天]",
    r"[一二三四五六七八九十两]+(?:是|要|方面|大|级|类|线|同时|化|产|期工程|等奖|批次)",
)]
# One expression that matches wherever any of _EXCLUDE does (an alternation finds a match at the first position
# any alternative matches): most blocks match none, and then the twenty scans are skipped.
_EXCLUDE_ANY = re.compile("|".join(f"(?:{p.pattern.removeprefix('(?m)')})" for p in _EXCLUDE), re.M)
_PLACEHOLDER_YEAR = 2000  # lets year-less periods ("1-6月", "3月15日") be found so their digits are excluded


def _in_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


# A yearbook / report table number opening a title line: "1-1  主要指标", "8-3 农牧业" (not "3-5 万元").
_TABLE_NUMBER = re.compile(r"(?m)^\s*\d{1,2}\s*[-—–]\s*\d{1,2}(?=\s+[\u4e00-\u9fff])")


def _exclusions(text: str, t: str) -> list[tuple[int, int]]:
    spans = [d.span for d in parse_doc_numbers(text)]
    spans += [d.span for d in parse_dates(text, default_year=_PLACEHOLDER_YEAR)]
    if _EXCLUDE_ANY.search(t):
        for pattern in _EXCLUDE:
            spans += [m.span() for m in pattern.finditer(t)]
    for m in _TABLE_NUMBER.finditer(t):
        rest = m.end() + len(t[m.end():]) - len(t[m.end():].lstrip())
        if match_unit(t, rest) is None:
            spans.append(m.span())
    return spans


def parse_numbers(text: str, *, keep_year_like: bool = False) -> list[NumberMatch]:
    """All quantities in ``text``, left to right. Never raises on any input."""
    if not isinstance(text, str) or not text:
        return []
    t, repaired = prepare(text)
    excluded = _exclusions(text, t)
    raw = [c for m in _MASTER.finditer(t) if (c := _candidate(m, t, excluded, keep_year_like)) is not None]
    return [_finish(c, text, repaired) for c in _merge_ranges(raw, t)]


@dataclass
class _Cand:
    start: int
    end: int  # end of number+unit
    value: Decimal
    unit: str | None
    approx: bool
    flags: list[str]
    mult_char: str | None = None  # a 万/亿 folded into the value without a unit
    high: Decimal | None = None


def _candidate(m: re.Match[str], t: str, excluded: list[tuple[int, int]], keep_year_like: bool) -> _Cand | None:
    s, e = m.span()
    kind = m.lastgroup
    if _in_any(excluded, s, e):
        return None
    flags: list[str] = []
    if kind == "pct":
        value = Decimal(100) if m.group("pctnum") == "百" else _num(m.group("pctnum"))
        if value is None:
            return None
        unit = "%" if m.group("pctword") == "百分之" else "‰"
        return _Cand(s, e, value, unit, _approx_before(t, s), flags)
    if kind == "daxie":
        if not any(ch in DAXIE_DIGITS for ch in m.group("daxie")):
            return None
        value = parse_daxie_amount(m.group("daxie"))
        return None if value is None else _Cand(s, e, value, "元", False, ["daxie"])
    number = m.group(kind)
    if kind == "cn":
        if number[0] in "百千万亿佰仟" or number.startswith("点"):
            return None
        if number in ("一", "两", "二") and not _measure_follows(t, e):
            return None  # "一是", "两个", "统一": only "两个百分点", "一万元" ... make a lone 一/两 a quantity
        if t.startswith("十分", s) or t.startswith("万分", e - 1):
            return None  # 十分 = "very"; 万分 = "extremely"
        if len(number) > 1 and number[-1] in "万亿":
            hit = match_unit(t, e - 1)
            if hit is not None and hit[1].startswith(number[-1]) and (v := _num(number[:-1])) is not None:
                return _cn_with_unit(s, t, v, hit)
        if s > 0 and t[s - 1] in "第周星期礼拜初" + "之":
            return None
    value = _num(number)
    if value is None:
        return None
    if kind == "arabic" and s > 0 and (t[s - 1].isascii() and t[s - 1].isalpha() or t[s - 1] in "第"):
        return None  # PM2.5, SO2, COD; ordinals
    # negative sign directly before, not a range hyphen or a code dash
    if kind == "arabic" and s > 0 and t[s - 1] == "-" and (s < 2 or not _attached(t[s - 2])):
        value, s = -value, s - 1
    if kind == "arabic" and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", number):
        flags.append("ambiguous_separator")  # OCR/crawl may have read "29,094" as "29.094"
    pos = e
    approx = _approx_before(t, s)
    mult_char = None
    if pos < len(t) and t[pos] in "余多" and (pos + 1 < len(t) and (t[pos + 1] in _MULT or _unit_at(t, pos + 1))):
        approx, pos = True, pos + 1
    unit_hit = _unit_at(t, pos)
    if unit_hit is None and kind == "arabic" and pos < len(t) and t[pos] in _MULT:
        mult_char = t[pos]
        pos += 1
        if pos < len(t) and t[pos] in "余多":
            approx, pos = True, pos + 1
        unit_hit = _unit_at(t, pos)
        if unit_hit is None and mult_char in "千百" and not approx:
            return None  # "3千" alone is fine only with a unit or 余/多 ("3千余吨" handled above)
    unit: str | None = None
    if unit_hit is not None:
        _, unit, pos = unit_hit
        if unit == "日" and not _day_count(t, s):
            return None
    elif kind == "cn":
        return None  # a Chinese numeral without a unit is text ("三是", "七一"), not a quantity
    if unit is None and pos < len(t):
        nxt = t[pos]
        if nxt in GUARDED_FORMS and len(GUARDED_FORMS[nxt]) and match_unit(t, pos) is None:
            return None  # "3方面", "5处理": the unit-like character starts an ordinary word
        fraction = nxt == "/" and pos + 1 < len(t) and t[pos + 1].isdigit()
        if nxt in "号月年时点届期" or (nxt.isascii() and nxt.isalpha()) or fraction:
            return None
    if unit is None and mult_char is None and kind == "arabic":
        digits = number.replace(",", "")
        if "." not in digits and len(digits) > MAX_DIGITS_WITHOUT_UNIT:
            return None
        if not keep_year_like and "." not in digits and "," not in number and len(digits) == 4 \
                and int(digits) in _YEAR_LIKE and not approx:
            return None
    if mult_char is not None:
        value = _plain(value * _MULT[mult_char])
    if unit is None and _currency_before(t, s):
        unit = "元"
    if unit is not None and pos < len(t) and t[pos] == "/" and unit not in ("%", "‰"):
        comp = re.match(r"/\s*([\u4e00-\u9fa5A-Za-z²³0-9·]{1,6})", t[pos:])
        if comp:
            unit, pos = f"{unit}/{comp.group(1)}", pos + comp.end()  # compound unit not in the table (元/吨)
    after = _APPROX_AFTER.match(t, pos)
    if after and after.group(1) not in ("余", "多") or after and unit is not None:
        approx = True
    if unit == "个百分点":
        flags.append("change_points")
    flags += _verb_flags(t, s)
    return _Cand(s, pos, value, unit, approx, flags, mult_char)


def _attached(ch: str) -> bool:
    """A character before "-" that makes it a hyphen (range, code) rather than a minus sign."""
    return (ch.isascii() and ch.isalnum()) or ch in ")）."


def _cn_with_unit(s: int, t: str, value: Decimal, hit: tuple[str, str, int]) -> _Cand:
    """A Chinese numeral ending in 万/亿 that belongs to the unit: 两万亩 → 2 万亩."""
    _, unit, pos = hit
    after = _APPROX_AFTER.match(t, pos)
    return _Cand(s, pos, value, unit, _approx_before(t, s) or bool(after), _verb_flags(t, s))


def _measure_follows(t: str, pos: int) -> bool:
    hit = match_unit(t, pos)
    info = unit_info(hit[1]) if hit else None
    return info is not None and info.dimension not in ("count", "time", "score")


def _currency_before(t: str, s: int) -> bool:
    return t[max(0, s - 2):s].strip().endswith(("¥", "￥", "RMB", "人民币"))


def _plain(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _unit_at(t: str, pos: int) -> tuple[str, str, int] | None:
    return match_unit(t, pos + 1 if pos < len(t) and t[pos] == " " else pos)


def _day_count(t: str, s: int) -> bool:
    """"30日" is a count of days unless it is a day of the month (after 月, 于, 在, 至, 截至 ...)."""
    before = t[max(0, s - 3):s].strip()
    return not before or before[-1] not in "月于在至到止于今本次当每同"


def _approx_before(t: str, s: int) -> bool:
    head = t[max(0, s - 5):s].rstrip()
    return head.endswith(_APPROX_BEFORE)


def _verb_flags(t: str, s: int) -> list[str]:
    head = t[max(0, s - 10):s]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end():]
    flags = []
    if _DECREASE.search(head):
        flags.append("decrease")
    elif _INCREASE.search(head):
        flags.append("increase")
    return flags


def _num(s: str) -> Decimal | None:
    if s and s[0].isdigit() or s.startswith("."):
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    return parse_cn_number(s)


_RANGE_SEP = re.compile(r"\s*(?:-|–|—{1,2}|~|至|到)\s*")


def _merge_ranges(cands: list[_Cand], t: str) -> list[_Cand]:
    """"3-5个", "3～5万吨", "20%～30%": one match with value = low end, ``high`` = high end, flag "range"."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and c.start == prev.end and c.value < 0 and t[c.start] == "-":
            c = _Cand(c.start + 1, c.end, -c.value, c.unit, c.approx, c.flags, c.mult_char)  # the "-" joins a range
        if (prev is not None and _RANGE_SEP.fullmatch(t, prev.end, c.start) and "range" not in prev.flags
                and (prev.unit is None or prev.unit == c.unit)):
            low = prev.value
            if prev.unit is None and prev.mult_char and c.unit and c.unit.startswith(prev.mult_char):
                low = prev.value / _MULT[prev.mult_char]  # "3万-5万吨": the first 万 belongs to the unit
            if low <= c.value:
                out[-1] = _Cand(prev.start, c.end, _plain(low), c.unit, prev.approx or c.approx,
                                sorted(set(prev.flags) | set(c.flags) | {"range"}), high=c.value)
                continue
        out.append(c)
    return out


def _finish(c: _Cand, text: str, repaired: frozenset[int]) -> NumberMatch:
    flags = list(c.flags)
    if any(c.start <= i < c.end for i in repaired):
        flags.append("ocr_repaired")
    return NumberMatch(value=c.value, unit=c.unit, span=(c.start, c.end), raw=text[c.start:c.end],
                       approx=c.approx, flags=tuple(dict.fromkeys(flags)), high=c.high)

"""Length-preserving text folding for fact parsing.

Every function here maps the input one character to one character, so a span found in the folded text indexes
the original text unchanged (the provenance contract of ``Fact.src.span``). NFKC is deliberately not used: it
expands characters such as "㎡" to "m2" and would shift spans. Traditional characters are folded to simplified
ones ("萬噸" → "万吨", see ``traditional.py``), also one for one.
"""
from __future__ import annotations

import functools
import re

from extract.charmap import CharMap
from extract.facts.traditional import TO_SIMPLIFIED

# Single characters folded to their ASCII / canonical look-alike. Full-width ASCII (U+FF01..U+FF5E) is handled
# arithmetically in ``fold``; this table holds the rest.
_EXTRA_FOLD: dict[str, str] = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space
    "\u2212": "-",  # minus sign
    "\ufe63": "-",  # small hyphen-minus
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u00b5": "μ",  # micro sign -> Greek mu
    "\u2024": ".",  # one-dot leader
    "\uff61": "。",  # half-width ideographic full stop
    "\u2012": "-",  # figure dash
    "\u2015": "—",  # horizontal bar, typed for the em dash of ranges ("1―10月")
    "\u301c": "~",  # wave dash ("3〜5")
    "\u223c": "~",  # tilde operator
}

# Brackets that stand in for the 文号 year brackets 〔〕 (typed or OCR variants).
_OPEN_BRACKETS = "[【（(［〔｛{〖"
_CLOSE_BRACKETS = "]】）)］〕｝}〗"

# OCR confusions repaired only between two ASCII digits (unambiguous there).
_OCR_ZERO = "Oo〇○◯"
_OCR_ONE = "lI|丨"
_OCR_REPAIR_RE = re.compile(r"(?<=[0-9])([" + _OCR_ZERO + _OCR_ONE + r"。]+)(?=[0-9])")
_YEAR_AHEAD_RE = re.compile(r"[0-9]{4}\s*年")
# A letter O after a digit and before 月/日/号/% can only be a zero ("1O月", "2O%").
_OCR_ZERO_BEFORE_UNIT_RE = re.compile(r"(?<=[0-9])([" + _OCR_ZERO + r"])(?=[月日号%])")
# A CJK "一" between two Arabic digits is a dash read (or typed) as the numeral one: "1一10月" is "1-10月".
_CJK_ONE_AS_DASH_RE = re.compile(r"(?<=[0-9])(一)(?=[0-9])")  # adjacent only: " 一 " is an empty table cell


_FOLD_TABLE: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({ord(k): v for k, v in _EXTRA_FOLD.items()})
_FOLD_TABLE.update(TO_SIMPLIFIED)
_BRACKET_TABLE: dict[int, str] = {ord(c): "〔" for c in _OPEN_BRACKETS}
_BRACKET_TABLE.update({ord(c): "〕" for c in _CLOSE_BRACKETS})


FOLD_CACHE_SIZE = 8192  # texts: a block is folded by a dozen steps (numbers, dates, cues, mentions, binding)


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """Full-width → half-width digits, letters and punctuation; a few dash/space variants; traditional →
    simplified characters. Same length. Memoised: nearly every Chinese line holds a full-width comma or bracket,
    so there is no cheap test for "nothing to fold" (``extract.charmap``), and the steps ask for the same text."""
    return text.translate(_FOLD_TABLE)


_BRACKETS = CharMap(_BRACKET_TABLE)


def normalize_brackets(text: str) -> str:
    """Map every bracket variant to 〔 or 〕 (same length)."""
    return _BRACKETS(text)


_DOTS_AS_SEPARATORS_RE = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3}){2,}(?![\d.])|"
                                    r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?P<cents>\.\d{1,2})(?![\d.])")


def ocr_repair(text: str) -> tuple[str, frozenset[int]]:
    """Repair OCR confusions between ASCII digits: O/o/〇 → 0, l/I/| → 1, 。 → ".", 一 → "-" (same length).

    A "。" is left alone when a year ("2024年") follows it, since it then ends a sentence. Returns the repaired
    text and the set of repaired character positions (for the "ocr_repaired" flag).
    """
    chars = list(text)
    repaired: set[int] = set()
    for m in _OCR_REPAIR_RE.finditer(text):
        run = m.group(1)
        if "。" in run:
            if len(run) != 1 or _YEAR_AHEAD_RE.match(text, m.end()):
                continue
            chars[m.start()] = "."
            repaired.add(m.start())
            continue
        for i, ch in enumerate(run, start=m.start()):
            chars[i] = "0" if ch in _OCR_ZERO else "1"
            repaired.add(i)
    for m in _OCR_ZERO_BEFORE_UNIT_RE.finditer(text):
        chars[m.start()] = "0"
        repaired.add(m.start())
    for m in _CJK_ONE_AS_DASH_RE.finditer(text):
        chars[m.start(1)] = "-"
        repaired.add(m.start(1))
    for m in _DOTS_AS_SEPARATORS_RE.finditer(text):
        # "¥180.000.00": a number has one decimal point, so the dots before the last were thousands commas
        last = m.start() + m.group(0).rfind(".") if m.group("cents") else m.end()
        for i in range(m.start(), last):
            if text[i] == ".":
                chars[i] = ","
                repaired.add(i)
    return "".join(chars), frozenset(repaired)


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def prepare(text: str) -> tuple[str, frozenset[int]]:
    """Fold then OCR-repair: the text all fact parsers scan (memoised: the date and number parsers both ask)."""
    return ocr_repair(fold(text))

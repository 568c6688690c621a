"""Chinese numerals: ordinary (二千三百五十, 一百零五, 两万), digit strings (二〇二四) and 大写 (壹拾贰万)."""
from __future__ import annotations

from decimal import Decimal

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "◯": 0, "O": 0, "o": 0, "0": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

# Characters of a Chinese numeral (Latin O/o excluded here: they are only accepted inside digit-string years).
CN_DIGIT_CHARS = "零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖"
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + "十拾百佰千仟万亿"
DAXIE_CHARS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿"
DAXIE_DIGITS = "壹贰叁肆伍陆柒捌玖"


def _digit_string(s: str) -> int | None:
    value = 0
    for ch in s:
        d = DIGITS.get(ch)
        if d is None:
            return None
        value = value * 10 + d
    return value


def parse_cn_int(s: str) -> int | None:
    """Value of a Chinese integer numeral, or None when ``s`` is not one.

    Handles positional numerals (一百零五, 叁万零伍佰, 一亿二千万), a leading 十 (十五 = 15), 两, digit strings
    (二〇二四 = 2024) and the colloquial abbreviation after a unit (一万五 = 15,000; 两千三 = 2,300).
    """
    if not s:
        return None
    if all(ch in DIGITS for ch in s):
        return _digit_string(s)
    total = 0
    section = 0
    number: int | None = None
    last_unit = 0  # the last small or big unit seen, for the colloquial "一万五"
    zero_seen = False
    prev_kind = ""
    for ch in s:
        if ch in DIGITS:
            if prev_kind == "digit" and not (number == 0 or DIGITS[ch] == 0):
                return None  # two significant digits in a row in a positional numeral
            d = DIGITS[ch]
            if d == 0:
                zero_seen = True
            number = d
            prev_kind = "digit"
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if prev_kind == "small":
                return None
            if number is None or (number == 0 and prev_kind == "digit"):
                if unit != 10:
                    return None
                number = 1  # 十五 = 15, 一百一十 handled because number is set
            section += number * unit
            number = None
            last_unit = unit
            zero_seen = False
            prev_kind = "small"
        elif ch in BIG_UNITS:
            big = BIG_UNITS[ch]
            if prev_kind == "":
                return None
            section += number or 0
            if big == 10_000:
                total += section * big
            else:
                total = (total + section) * big
            section = 0
            number = None
            last_unit = big
            zero_seen = False
            prev_kind = "big"
        else:
            return None
    if number:
        if prev_kind == "digit" and not zero_seen and last_unit >= 100 and s[-2] not in DIGITS:
            number *= last_unit // 10  # 一万五 → 15,000; 三百五 → 350
        section += number
    return total + section


def parse_cn_number(s: str) -> Decimal | None:
    """A Chinese numeral with an optional 点 fraction (九十五点二 = 95.2)."""
    if "点" in s:
        whole, _, frac = s.partition("点")
        int_part = parse_cn_int(whole) if whole else 0
        if int_part is None or not frac or not all(ch in DIGITS for ch in frac):
            return None
        return Decimal(f"{int_part}.{''.join(str(DIGITS[ch]) for ch in frac)}")
    value = parse_cn_int(s)
    return None if value is None else Decimal(value)


def parse_daxie_amount(s: str) -> Decimal | None:
    """A 大写 money amount such as 贰仟叁佰伍拾万元整 or 壹佰元伍角陆分 → Decimal 元 (None if malformed)."""
    body = s.removeprefix("人民币").rstrip("整正")
    yuan_part, sep, rest = body.partition("元") if "元" in body else body.partition("圆")
    if not sep:
        return None
    value = parse_cn_int(yuan_part) if yuan_part else 0
    if value is None:
        return None
    amount = Decimal(value)
    for unit_char, factor in (("角", Decimal("0.1")), ("分", Decimal("0.01"))):
        if unit_char in rest:
            head, _, rest = rest.partition(unit_char)
            head = head.lstrip("零")
            if len(head) != 1 or head not in DIGITS:
                return None
            amount += DIGITS[head] * factor
    if rest.strip("零"):
        return None
    return amount

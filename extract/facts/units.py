"""Units: spelling normalisation, dimension and conversion to a canonical unit per dimension.

``UNITS`` maps a normalised unit name to its canonical unit, dimension and factor (1 unit = factor canonical).
``SPELLINGS`` maps every accepted written form to the normalised name. Water volume and mass are separate
dimensions; ``convert`` crosses them (1 m³ of water = 1 t) only when the caller passes ``water=True``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.facts.text_norm import fold


@dataclass(frozen=True)
class UnitInfo:
    unit: str  # normalised spelling, e.g. "万吨"
    canonical_unit: str  # e.g. "t"
    dimension: str  # mass | money | area | length | volume | flow | ...
    factor: Decimal  # 1 unit = factor × canonical_unit


_D = Decimal
_MU = _D(10000) / _D(15)  # 1 亩 = 10000/15 m² (exact definition: 15 亩 = 1 公顷)

# name: (canonical unit, dimension, factor)
UNITS: dict[str, tuple[str, str, Decimal]] = {
    # mass → t
    "吨": ("t", "mass", _D(1)), "万吨": ("t", "mass", _D(10_000)), "亿吨": ("t", "mass", _D(10**8)),
    "千克": ("t", "mass", _D("0.001")), "克": ("t", "mass", _D("0.000001")),
    # money → 元
    "元": ("元", "money", _D(1)), "千元": ("元", "money", _D(1000)), "万元": ("元", "money", _D(10_000)),
    "百万元": ("元", "money", _D(10**6)), "亿元": ("元", "money", _D(10**8)), "万亿元": ("元", "money", _D(10**12)),
    # area → m2
    "平方公里": ("m2", "area", _D(10**6)), "万平方公里": ("m2", "area", _D(10**10)),
    "公顷": ("m2", "area", _D(10_000)), "万公顷": ("m2", "area", _D(10**8)),
    "亩": ("m2", "area", _MU), "万亩": ("m2", "area", _MU * 10_000),
    "平方米": ("m2", "area", _D(1)), "万平方米": ("m2", "area", _D(10_000)),
    # length → m
    "公里": ("m", "length", _D(1000)), "米": ("m", "length", _D(1)), "厘米": ("m", "length", _D("0.01")),
    "毫米": ("m", "length", _D("0.001")), "万公里": ("m", "length", _D(10**7)),
    # volume → m3
    "立方米": ("m3", "volume", _D(1)), "万立方米": ("m3", "volume", _D(10_000)),
    "亿立方米": ("m3", "volume", _D(10**8)), "升": ("m3", "volume", _D("0.001")),
    # flow → m3/d or t/d; yearly mass flow → t/a
    "立方米/日": ("m3/d", "flow", _D(1)), "万立方米/日": ("m3/d", "flow", _D(10_000)),
    "立方米/小时": ("m3/d", "flow", _D(24)),
    "吨/日": ("t/d", "flow", _D(1)), "万吨/日": ("t/d", "flow", _D(10_000)),
    "吨/年": ("t/a", "flow", _D(1)), "万吨/年": ("t/a", "flow", _D(10_000)),
    "立方米/年": ("m3/a", "flow", _D(1)), "万立方米/年": ("m3/a", "flow", _D(10_000)),
    # concentration
    "微克/立方米": ("μg/m3", "concentration", _D(1)), "毫克/立方米": ("μg/m3", "concentration", _D(1000)),
    "毫克/升": ("mg/L", "concentration", _D(1)), "微克/升": ("mg/L", "concentration", _D("0.001")),
    # intensity
    "千克/公顷": ("kg/ha", "intensity", _D(1)), "千克/亩": ("kg/ha", "intensity", _D(15)),
    "吨/公顷": ("kg/ha", "intensity", _D(1000)),
    "吨/平方公里": ("t/km2", "intensity", _D(1)),
    "吨标准煤/万元": ("tce/万元", "intensity", _D(1)),
    # energy and carbon
    "吨标准煤": ("tce", "energy", _D(1)), "万吨标准煤": ("tce", "energy", _D(10_000)),
    "千瓦时": ("kWh", "energy", _D(1)), "万千瓦时": ("kWh", "energy", _D(10_000)),
    "亿千瓦时": ("kWh", "energy", _D(10**8)),
    "千瓦": ("kW", "power", _D(1)), "万千瓦": ("kW", "power", _D(10_000)), "兆瓦": ("kW", "power", _D(1000)),
    "吨二氧化碳": ("t", "mass", _D(1)), "万吨二氧化碳": ("t", "mass", _D(10_000)),  # mass of CO2
    # time
    "天": ("天", "time", _D(1)), "日": ("天", "time", _D(1)), "周": ("天", "time", _D(7)),
    "工作日": ("工作日", "time", _D(1)), "小时": ("小时", "time", _D(1)),
    "分钟": ("小时", "time", _D(1) / _D(60)), "个月": ("月", "time", _D(1)),
    "年": ("年", "time", _D(1)),
    # ratio
    "%": ("%", "ratio", _D(1)), "‰": ("%", "ratio", _D("0.1")),
    "个百分点": ("个百分点", "ratio_change", _D(1)),
    # score (考核得分)
    "分": ("分", "score", _D(1)),
}

# Counts: each its own canonical; 万X → X × 10⁴.
COUNT_UNITS = ("个", "处", "座", "家", "次", "村", "条", "户", "起", "人", "件", "台", "辆", "宗", "项", "所",
               "套", "人次", "头", "只", "株", "棵", "名", "份", "批", "场", "眼", "口", "本", "篇", "期", "位")
for _u in COUNT_UNITS:
    UNITS[_u] = (_u, "count", _D(1))
    UNITS["万" + _u] = (_u, "count", _D(10_000))

# Written form → normalised name (beyond the names themselves).
SPELLINGS: dict[str, str] = {
    "t": "吨", "万t": "万吨", "kg": "千克", "公斤": "千克", "g": "克",
    "圆": "元", "块": "元",
    "平方千米": "平方公里", "km²": "平方公里", "km2": "平方公里", "㎞²": "平方公里", "㎢": "平方公里",
    "hm²": "公顷", "hm2": "公顷", "ha": "公顷", "万hm²": "万公顷", "万hm2": "万公顷", "万ha": "万公顷",
    "m²": "平方米", "m2": "平方米", "㎡": "平方米", "万m²": "万平方米", "万m2": "万平方米", "万㎡": "万平方米",
    "千米": "公里", "km": "公里", "㎞": "公里", "m": "米", "cm": "厘米", "mm": "毫米", "㎜": "毫米",
    "m³": "立方米", "m3": "立方米", "方": "立方米", "㎥": "立方米",
    "万m³": "万立方米", "万m3": "万立方米", "万方": "万立方米", "亿m³": "亿立方米", "亿m3": "亿立方米",
    "L": "升",
    "m³/d": "立方米/日", "m3/d": "立方米/日", "立方米/天": "立方米/日", "方/日": "立方米/日", "方/天": "立方米/日",
    "万m³/d": "万立方米/日", "万m3/d": "万立方米/日", "万立方米/天": "万立方米/日", "万方/日": "万立方米/日",
    "万方/天": "万立方米/日", "m³/h": "立方米/小时", "m3/h": "立方米/小时",
    "吨/天": "吨/日", "t/d": "吨/日", "万吨/天": "万吨/日", "t/a": "吨/年", "万t/a": "万吨/年",
    "m³/a": "立方米/年", "m3/a": "立方米/年", "万m³/a": "万立方米/年", "万m3/a": "万立方米/年",
    "μg/m³": "微克/立方米", "μg/m3": "微克/立方米", "ug/m³": "微克/立方米", "ug/m3": "微克/立方米",
    "mg/m³": "毫克/立方米", "mg/m3": "毫克/立方米", "mg/L": "毫克/升", "mg/l": "毫克/升",
    "μg/L": "微克/升", "μg/l": "微克/升", "ug/L": "微克/升",
    "kg/公顷": "千克/公顷", "kg/hm²": "千克/公顷", "kg/hm2": "千克/公顷", "kg/ha": "千克/公顷",
    "公斤/公顷": "千克/公顷", "公斤/亩": "千克/亩", "kg/亩": "千克/亩", "t/hm²": "吨/公顷", "t/hm2": "吨/公顷",
    "t/km²": "吨/平方公里", "t/km2": "吨/平方公里", "吨/km²": "吨/平方公里", "吨/平方千米": "吨/平方公里",
    "吨标煤": "吨标准煤", "tce": "吨标准煤", "万吨标煤": "万吨标准煤", "万tce": "万吨标准煤",
    "吨标煤/万元": "吨标准煤/万元", "tce/万元": "吨标准煤/万元",
    "kWh": "千瓦时", "kW·h": "千瓦时", "万kWh": "万千瓦时", "kW": "千瓦",
    "万kW": "万千瓦", "MW": "兆瓦",
    "吨CO2": "吨二氧化碳", "tCO2": "吨二氧化碳", "万吨CO2": "万吨二氧化碳", "万tCO2": "万吨二氧化碳",
    "吨CO₂": "吨二氧化碳", "万吨CO₂": "万吨二氧化碳",
    "h": "小时", "个小时": "小时", "个工作日": "工作日", "星期": "周", "个星期": "周",
    "％": "%", "个百分点": "个百分点", "百分点": "个百分点",
}


# Daily rates are written with /d, /日 or /天 interchangeably: accept every combination for every daily form.
for _form, _name in list(SPELLINGS.items()) + [(n, n) for n in UNITS]:
    for _a, _b in (("/d", "/日"), ("/d", "/天"), ("/日", "/d"), ("/日", "/天")):
        if _form.endswith(_a) and _name in UNITS:
            SPELLINGS.setdefault(_form[: -len(_a)] + _b, _name)


def _key(unit: str) -> str:
    return fold(unit).strip().replace(" ", "")


_LOOKUP: dict[str, str] = {name: name for name in UNITS}
_LOOKUP.update(SPELLINGS)
_LOOKUP_CI: dict[str, str] = {k.lower(): v for k, v in _LOOKUP.items() if k.isascii()}


def normalize_unit(unit: str) -> str | None:
    """Normalised name of a written unit, or None when unknown ("平方千米" → "平方公里", "t/d" → "吨/日")."""
    key = _key(unit)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key.isascii() and key.lower() in _LOOKUP_CI and key.lower() not in ("t", "m", "g", "l", "h"):
        return _LOOKUP_CI[key.lower()]  # KM, Kg, KG; single letters stay case-sensitive
    return None


def unit_info(unit: str) -> UnitInfo | None:
    """Dimension and conversion of a unit in any accepted spelling; None when unknown."""
    if not isinstance(unit, str):
        return None
    name = normalize_unit(unit)
    if name is None:
        return None
    canonical, dimension, factor = UNITS[name]
    return UnitInfo(unit=name, canonical_unit=canonical, dimension=dimension, factor=factor)


def to_canonical(value: Decimal, unit: str) -> tuple[Decimal, str, str] | None:
    """(value in the canonical unit, canonical unit, dimension), or None when the unit is unknown."""
    info = unit_info(unit)
    if info is None:
        return None
    try:
        return _clean(Decimal(value) * info.factor), info.canonical_unit, info.dimension
    except (InvalidOperation, TypeError, ValueError):
        return None


# Water only: 1 m³ of water weighs 1 t (the filing practice; the caller must ask for it explicitly).
WATER_T_PER_M3 = Decimal(1)  # t per m³ of water
_WATER_BRIDGE: frozenset[frozenset[str]] = frozenset({frozenset({"m3", "t"}), frozenset({"m3/d", "t/d"}),
                                                      frozenset({"m3/a", "t/a"})})


def convert(value: Decimal, from_unit: str, to_unit: str, *, water: bool = False) -> Decimal | None:
    """Convert between units of one canonical unit; water volume ↔ mass (m³ ↔ t, per day or year) only with
    ``water=True``. Units of one dimension but different canonical units (个 vs 户, μg/m³ vs mg/L) do not convert."""
    src, dst = unit_info(from_unit), unit_info(to_unit)
    if src is None or dst is None:
        return None
    factor = Decimal(1)
    if src.canonical_unit != dst.canonical_unit and not _same_count(src.canonical_unit, dst.canonical_unit):
        if not (water and frozenset({src.canonical_unit, dst.canonical_unit}) in _WATER_BRIDGE):
            return None
        factor = WATER_T_PER_M3 if src.canonical_unit.startswith("m3") else 1 / WATER_T_PER_M3
    try:
        return _clean(Decimal(value) * src.factor * factor / dst.factor)
    except (InvalidOperation, TypeError, ValueError, ZeroDivisionError):
        return None


# 个 is the general measure word: "6个水源地" and "6处水源地" count the same things. Other measure words stay apart
# (户 households, 人 people, 次 times, 起 incidents, 天 days are different quantities from 个 objects).
GENERAL_COUNTER = "个"
OBJECT_COUNTERS = frozenset("处座所家项宗件台套辆村镇乡条")


def _same_count(a: str, b: str) -> bool:
    return GENERAL_COUNTER in (a, b) and ({a, b} - {GENERAL_COUNTER}) <= OBJECT_COUNTERS


def _clean(value: Decimal) -> Decimal:
    """Drop trailing zeros of an exact result without turning 2.9E+8 into scientific notation surprises."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# Written forms for scanning text: longest first so "万吨" wins over "万", "m³/d" over "m³", "平方米" over "米".
_ALL_FORMS = sorted(set(_LOOKUP) | {k.upper() for k in _LOOKUP_CI if len(k) > 2} | {"KM", "Km", "KG", "Kg"},
                    key=len, reverse=True)
# Guards: a form must not be the start of a longer ordinary word ("方面", "处理", "人民", "分别" ...).
GUARDED_FORMS: dict[str, str] = {
    "方": "面案式向法针位便", "处": "理置罚于室长级", "人": "民大员口工士们均", "家": "庭具禽属乡长",
    "条": "例件款目", "起": "来草诉点步", "分": "别之析布类解期批段级局区散担配摊成为管支值数钟享", "期": "间限末初望",
    "口": "径岸头号", "本": "级地次年部", "名": "称单录", "所": "属有以在得", "项": "目", "次": "年日序",
    "天": "然气津", "日": "期常报起至", "年": "度底初末份", "场": "所地景", "位": "于置", "头": "条",
    "座": "谈", "周": "边围年期", "米": "粮", "元": "素旦月", "台": "账帐风", "度": "过", "只": "有是要能",
    "件": "事", "批": "准复示次", "套": "餐", "份": "额", "篇": "章", "株": "洲", "眼": "前光",
}
_LETTER_FORM = re.compile(r"[A-Za-z]$")
# The forms by first character, each list still longest first: a scan position tries only its own bucket.
_FORMS_BY_HEAD: dict[str, list[str]] = {}
for _form in _ALL_FORMS:
    _FORMS_BY_HEAD.setdefault(_form[0], []).append(_form)


def match_unit(text: str, pos: int) -> tuple[str, str, int] | None:
    """Longest unit form at ``text[pos:]`` → (written form, normalised name, end), honouring word guards."""
    for form in _FORMS_BY_HEAD.get(text[pos:pos + 1], ()):
        if not text.startswith(form, pos):
            continue
        end = pos + len(form)
        nxt = text[end:end + 1]
        guard = GUARDED_FORMS.get(form)
        if guard and nxt and nxt in guard:
            continue
        if _LETTER_FORM.search(form) and nxt and (nxt.isascii() and nxt.isalnum()):
            continue  # "5mg" is not "5m" + "g"; "3km2x" is a code
        name = normalize_unit(form)
        if name is None:
            continue
        return form, name, end
    return None

"""Department names: character folding, normalisation to the canonical names of domain README section 6, and the
member lists of a plan's leading group.

``fold_text`` is the shared character fold of the rules package (also used by ``rules.catalog`` and ``rules.plan``):
NFKC (full-width → half-width, Ⅲ → III), traditional → simplified for the characters met in this domain, brackets
unified to ``()``, all whitespace removed.

``normalize_department`` follows section 6.2: fold, special forms first (市生态环境局X分局, collective addressees,
named parks and reserves), strip 中共 / place / level prefixes, then map the longest known alias that ends the name.
There is no fuzzy matching at all, so look-alikes (自然资源局 / 自然保护区管理局, 水利局 / 城乡水务集团, 农业农村局 /
畜牧兽医局) can never be merged; an unknown body comes back folded and prefix-stripped, not guessed.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from classifiers.textfold import T2S

logger = logging.getLogger(__name__)

_T2S = str.maketrans(T2S)  # traditional → simplified, the shared table of classifiers/textfold.py
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "［": "(", "］": ")",
                           "（": "(", "）": ")", "｛": "(", "｝": ")", "{": "(", "}": ")"})
_SPACE = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """NFKC, traditional → simplified, unified brackets, no whitespace (see module docstring)."""
    folded = unicodedata.normalize("NFKC", text).translate(_T2S).translate(_BRACKETS)
    return _SPACE.sub("", folded)


# canonical → aliases (domain README 6.1; abbreviations both ways, older names of rule 7).
CANONICAL_ALIASES: dict[str, tuple[str, ...]] = {
    "政府办公室": ("政府办公室", "人民政府办公室", "政府办", "委办", "委办公室", "党委办公室", "委员会办公室"),
    "组织部": ("组织部",),
    "财政局": ("财政局", "财政"),
    "发展和改革局": ("发展和改革局", "发展改革局", "发改局", "发改委", "发展和改革委员会", "发展改革委", "发改"),
    "工业和信息化局": ("工业和信息化局", "工信局", "工科局", "工信商务科技局", "工业和信息化委员会", "经信局", "工信"),
    "自然资源局": ("自然资源局", "自然资源和规划局", "自规局", "自然资源分局", "国土资源局", "国土局", "自然资源"),
    "林业和草原局": ("林业和草原局", "林草局", "林业局", "林业保护发展中心", "林业发展中心", "林草"),
    "住房和城乡建设局": ("住房和城乡建设局", "住房城乡建设局", "住建局", "住建城乡建设局", "住房和城乡建设委员会",
                         "住建委", "住建"),
    "水利局": ("水利局", "水务局", "城乡水务局", "水利和水务局", "水利"),
    "城乡水务集团": ("城乡水务集团", "城乡水务集团有限公司", "水务集团", "水务集团有限公司"),
    "农业农村局": ("农业农村局", "农牧局", "农业局", "农业农村和水利局", "农业农村和水务局", "农牧", "农业农村"),
    "畜牧兽医局": ("畜牧兽医局", "畜牧兽医事业发展服务中心", "畜牧中心", "畜牧水产局", "畜牧发展中心", "畜牧"),
    "城市管理综合执法局": ("城市管理综合执法局", "城管局", "城市管理行政执法局", "综合行政执法局", "城市管理局",
                           "综合执法局", "城管执法局"),
    "统计局": ("统计局", "统计"),
    "应急管理局": ("应急管理局", "应急局", "应急"),
    "妇联": ("妇联", "妇女联合会"),
    "气象局": ("气象局", "气象"),
    "乡镇人民政府": ("乡镇人民政府", "镇人民政府", "乡人民政府", "苏木乡镇人民政府", "街道办事处", "街道管理办公室",
                     "苏木乡镇", "乡镇政府", "街道"),
    "开发区管委会": ("开发区管委会", "园区管委会", "工业集中区管委会", "开发区管理委员会", "管委会"),
    "自然保护区管理局": ("自然保护区管理局", "保护区管理局", "自然保护区管理处"),
    "生态环境分局": ("生态环境分局", "生态环境局", "环保局", "环境保护局"),
}
_ALIAS_TO_CANONICAL: dict[str, str] = {a: c for c, aliases in CANONICAL_ALIASES.items() for a in aliases}
_ALIASES_LONGEST_FIRST = sorted(_ALIAS_TO_CANONICAL, key=len, reverse=True)
# Aliases too generic to end a longer name ("XX财政" is not a body); they only count as the whole name.
_WHOLE_ONLY = {"财政", "发改", "工信", "自然资源", "林草", "住建", "水利", "农牧", "农业农村", "畜牧", "统计", "应急",
               "气象", "管委会", "街道", "委办"}

_ECO_BRANCH = re.compile(r"(生态环境|环境保护)局.{1,12}分局$")
_COLLECTIVE = re.compile(r"^各.*(乡|镇|苏木|街道)|^(乡镇|镇街|镇\(街\)|苏木乡镇)(人民政府)?$")
_PARK = re.compile(r"(开发区|园区|工业集中区|产业园|高新区|经济区|工业园)(管委会|管理委员会)$")
_RESERVE = re.compile(r"(自然)?保护区管理(局|处)$")
_PARTY = re.compile(r"^中共|^中国共产党")
_PARTY_LEVEL = re.compile(r"^.{0,12}?(?:(?:县|区|旗|市|州|盟)委(?:员会)?|委员会)(?=组织部|宣传部|统战部)")
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|州|盟|地区))?"
                           r"(?:[\u4e00-\u9fff]{1,10}?(?:县|区|旗|市))?")
_LEVEL_CHARS = re.compile(r"^(?:县|区|旗|市)+")
# A short bare place name before a full department alias ("青水生态环境分局", "凤县财政局"); at most this many
# Chinese characters, so prose never passes as a prefix.
_FREE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{0,6}$")
_BODY_SUFFIX = re.compile(r"(局|委|办|办公室|部|中心|管委会|管理委员会|人民政府|妇联|集团|集团有限公司|分局|"
                          r"街道办事处|委员会|联合会|服务中心|事务所|管理处|管理站|大队|支队)$")
_UNKNOWN_LEVEL = re.compile(r"^(?:县|区|旗|市(?!场))")
_TRAILING = re.compile(r"[：:，,。；;、\s]+$")


def _strip_prefixes(name: str, county_names: tuple[str, ...]) -> str:
    name = _PARTY.sub("", name)
    for county in sorted(county_names, key=len, reverse=True):
        folded = fold_text(county)
        if folded and name.startswith(folded) and len(name) > len(folded):
            name = name[len(folded):]
            break
    name = _PARTY_LEVEL.sub("", name)
    return _LEVEL_CHARS.sub("", name)


def _alias_canonical(name: str) -> str | None:
    """Canonical for a name equal to an alias, or ending with one after a place/level prefix."""
    if name in _ALIAS_TO_CANONICAL:
        return _ALIAS_TO_CANONICAL[name]
    for alias in _ALIASES_LONGEST_FIRST:
        if alias in _WHOLE_ONLY or not name.endswith(alias):
            continue
        prefix = name[: -len(alias)]
        # the remainder must be a place or level prefix (泰安市泰山区, 克什克腾旗, 县, 区委, a short place name)
        if (_PLACE_PREFIX.fullmatch(prefix) or _FREE_PREFIX.fullmatch(prefix)
                or prefix.endswith(("县委", "区委", "旗委", "市委"))):
            return _ALIAS_TO_CANONICAL[alias]
    return None


def normalize_department(name: str, county_names: tuple[str, ...] | list[str] = ()) -> str:
    """Canonical department name (domain README 6.1/6.2); unknown bodies come back folded and prefix-stripped."""
    folded = _TRAILING.sub("", fold_text(name))
    folded = re.sub(r"\([^)]*\)", "", folded) or folded  # "(盖章)", "(县)" and similar remarks
    if not folded:
        return ""
    if _ECO_BRANCH.search(folded):
        return "生态环境分局"
    if _COLLECTIVE.search(folded):
        return "乡镇人民政府"
    if _PARK.search(folded):
        return "开发区管委会"
    if _RESERVE.search(folded):
        return "自然保护区管理局"
    stripped = _strip_prefixes(folded, tuple(county_names))
    canonical = _alias_canonical(stripped) or _alias_canonical(folded)
    if canonical:
        return canonical
    logger.debug("department not in the canonical table: %s", name)
    # unknown body: the county's own name and a bare level character are removed (but 市场监督管理局 keeps its 市)
    for county in sorted((fold_text(c) for c in county_names), key=len, reverse=True):
        if county and folded.startswith(county) and len(folded) > len(county):
            folded = folded[len(county):]
            break
    bare = _UNKNOWN_LEVEL.sub("", folded)
    return bare if len(bare) >= 3 and _BODY_SUFFIX.search(bare) else folded


def is_canonical_department(name: str) -> bool:
    return name in CANONICAL_ALIASES


def is_department(text: str) -> bool:
    """Does this string name a government body (or the listed state water company) at all?"""
    folded = _TRAILING.sub("", fold_text(text))
    if not folded or len(folded) > 40 or re.search(r"[，。；：:,;]", folded):
        return False
    if re.search(r"(有关|相关|其他|其它)(部门|单位)|各部门|成员单位|领导小组|负责人", folded):
        return False
    if is_canonical_department(normalize_department(folded)):
        return True
    return bool(_BODY_SUFFIX.search(folded)) and len(folded) >= 3


# ---- leading-group member lists (领导小组) ----------------------------------------------------------------------
@dataclass(frozen=True)
class GroupMember:
    name: str
    canonical: str | None
    person: str | None = None


@dataclass(frozen=True)
class LeadingGroup:
    leaders: tuple[str, ...]
    deputies: tuple[str, ...]
    members: tuple[GroupMember, ...]


_TITLE = re.compile(r"(?:副)?(?:局长|主任|部长|书记|主席|队长|站长|所长|总经理|负责人|县长|区长|旗长|理事长)$")


def _member(text: str, county_names: tuple[str, ...]) -> GroupMember | None:
    """One member line: "孙一国  区政府办公室", "张三（区财政局局长）", "区财政局"."""
    text = text.strip().strip("，,、。；;")
    bracket = re.match(r"^([^（(]{1,6})[（(](.+)[)）]$", text)
    person, unit = (bracket.group(1), bracket.group(2)) if bracket else (None, text)
    tokens = unit.split()
    if not bracket and len(tokens) > 1:
        person, unit = "".join(tokens[:-1]), tokens[-1]
    unit = _TITLE.sub("", unit.replace(" ", ""))
    if not unit or not is_department(unit):
        return None
    person = re.sub(r"\s+", "", person) if person else None
    return GroupMember(unit, normalize_department(unit, county_names), person or None)


def parse_leading_group(paras: list[str], county_names: tuple[str, ...]) -> LeadingGroup | None:
    """Leaders, deputies and member units of the leading group: 组长/副组长/成员(单位) lists or one inline sentence."""
    leaders: list[str] = []
    deputies: list[str] = []
    members: list[GroupMember] = []
    in_members = False
    for paragraph in paras:
        compact = re.sub(r"\s+", "", paragraph)
        role = re.match(r"^(副组长|组长|成员单位|成员)[：:](.*)$", compact)
        inline = re.search(r"成立以(.+?)为(?:双)?组长[，,](?:(.+?)为副组长[，,])?(.+?)为成员", compact)
        if role and role.group(1) in ("组长", "副组长"):
            target = leaders if role.group(1) == "组长" else deputies
            target.extend(p for p in re.split(r"[、，,]", role.group(2)) if p)
            in_members = False
            continue
        if role:
            in_members = True
            rest = re.sub(r"^\s*成\s*员\s*(?:单\s*位)?\s*[：:]", "", paragraph)
            parts = re.split(r"[、，,；;]", rest) if re.search(r"[、，,；;]", rest) else [rest]
            members.extend(m for m in (_member(p, county_names) for p in parts) if m)
            continue
        if inline and not in_members:
            leaders.extend(p for p in re.split(r"[、和]", inline.group(1)) if p)
            deputies.extend(p for p in re.split(r"[、和]", inline.group(2) or "") if p)
            for part in re.split(r"[、，,]", inline.group(3)):
                name = re.sub(r"等.*$|(?:多)?部门$|和地区$", "", part)
                if name:
                    canonical = normalize_department(name, county_names)
                    known = is_department(name) or canonical in CANONICAL_ALIASES
                    members.append(GroupMember(name, canonical if known else None))
            continue
        member = _member(paragraph, county_names) if in_members else None
        if member is None:
            in_members = False
            continue
        members.append(member)
    if not (leaders or deputies or members):
        return None
    return LeadingGroup(tuple(leaders), tuple(deputies), tuple(members))

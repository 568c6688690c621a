"""The indicator catalog as data: YAML packs validated into frozen dataclasses, and name resolution.

``load_catalog(path=None)`` loads the bundled 十四五 pack (``rules/catalog/shisiwu.yaml``) or another pack; any
unknown key, missing field or bad value raises ``CatalogError`` naming the file, the entry id and the field.
``Catalog.resolve(name)`` maps a submitted or written indicator name to a catalog id — exact name, alias, contains,
then rapidfuzz — and refuses (``indicator_id=None``) below a named threshold instead of guessing.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from extract.errors import CatalogError
from rules.build_catalog import validate_pack
from rules.departments import fold_text

logger = logging.getLogger(__name__)

DEFAULT_PACK = Path(__file__).resolve().parent / "catalog" / "shisiwu.yaml"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it (10× faster)

# A name may be found inside a longer written name (or the reverse) only for keys of at least this many characters:
# one- and two-character aliases (乡, 耕地, 湿地) occur inside unrelated names.
CONTAINS_MIN_CHARS = 3
# Share of the longer string a contained key must cover (0..1); below it "contains" is too weak to decide.
CONTAINS_MIN_COVERAGE = 0.6
# rapidfuzz WRatio (0..100) needed to accept a fuzzy match. Measured on the resolution table in
# tests/test_catalog.py: one-character OCR slips score ≥ 90 (处埋率 91.7); near-miss names that must be refused
# reach 85.7 (二氧化硫排放量 → 绿色低碳), unrelated ones ≤ 60 (职工人数).
FUZZY_MIN_SCORE = 88.0
# Two different indicators whose scores are this close (WRatio points) make the answer ambiguous (flagged).
FUZZY_AMBIGUITY_MARGIN = 2.0
CANDIDATE_LIMIT = 5
# A shortened name ("城镇污水处理达标排放量") keeps at least this share of the catalog name's characters, in order
ABBREVIATION_MIN_COVERAGE = 0.6
ABBREVIATION_MIN_CHARS = 6  # shorter names are too easy to find inside long ones
# A written name found inside a longer key ("污水管网长度" in "新增污水管网长度") lacks the key's qualifier, so its
# coverage counts this much (0..1) against keys found inside the written name.
REVERSE_CONTAINS_WEIGHT = 0.8
# A written name that asks for a rate (率/比例/占比) found with a non-rate entry's key counts this much (0..1):
# "…支出占财政支出比例" contains the amount's name but is the share. The same weight applies to a name asking for
# a count (…数/…数量) found with a non-count entry's key.
RATE_MISMATCH_WEIGHT = 0.8

_RATE_WORDS = re.compile(r"率|比例|占比|比重|%")
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年度?")
_PAREN = re.compile(r"\([^()]*\)")
_COUNT_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff])(?<![指系倍分天])(?:个数|数量|总数|数)$")
# Words that change what a number means: a key lacking one the written name has is not that name (人均GDP ≠ GDP).
_MODIFIERS = ("人均", "单位", "增长", "增速", "增幅", "下降", "同比", "比上年", "变化")
_UNIT_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff])(?:单位:)?(?:万元|亿元|万吨|平方公里|公顷|公里|万人|km2|%|吨|元|个|天|次|户|条|起)$")


@dataclass(frozen=True)
class Scoring:
    known: bool
    rule: str | None
    note: str


@dataclass(frozen=True)
class Tolerance:
    """Relative tolerance profile: ``value`` is a fraction (0.005 = 0.5 %), None where no number is compared."""

    name: str
    value: Decimal | None
    reason: str


GAP = "…"  # inside an alias: a few characters of the same clause may stand there ("完成整治…的村")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    aliases: tuple[str, ...]
    group: str
    kind: str
    unit: str | None
    dimension: str
    departments: tuple[str, ...]
    evidence_types: tuple[str, ...]
    key_phrases: tuple[str, ...]
    period_rule: str
    formula: str | None
    inputs: tuple[str, ...]
    tolerance: Tolerance
    scoring: Scoring
    legacy: bool
    confidence: str

    @property
    def plain_aliases(self) -> tuple[str, ...]:
        """The aliases matched as written (name resolution, plan reading); gapped ones are for running text."""
        return tuple(a for a in self.aliases if GAP not in a)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "aliases": list(self.aliases), "group": self.group, "kind": self.kind,
            "unit": self.unit, "dimension": self.dimension, "departments": list(self.departments),
            "evidence_types": list(self.evidence_types), "key_phrases": list(self.key_phrases),
            "period_rule": self.period_rule, "formula": self.formula, "inputs": list(self.inputs),
            "tolerance": {"name": self.tolerance.name,
                          "value": None if self.tolerance.value is None else str(self.tolerance.value),
                          "reason": self.tolerance.reason},
            "scoring": {"known": self.scoring.known, "rule": self.scoring.rule, "note": self.scoring.note},
            "legacy": self.legacy, "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Resolution:
    indicator_id: str | None
    score: float  # 0..1
    method: str  # name | alias | contains | abbreviation | fuzzy | refused | empty
    candidates: tuple[tuple[str, float], ...] = ()
    ambiguous: bool = False  # several indicators fitted (shared alias, near-equal fuzzy scores); best one chosen


# Wording variants folded before comparing names (pattern → replacement, applied in order). They are the same
# indicator written by different counties (domain README section 6, Inner Mongolia usage):
# - county-level bodies: 旗委/区委/市委 ≈ 县委, 旗政府/区(人民)政府 ≈ 县政府, 旗域/旗级 ≈ 县域/县级 (区域 is a region,
#   not a 区 body, so 区 folds only before 委/政府/级);
# - Inner Mongolia units: 嘎查 ≈ 村 (行政村), 苏木 ≈ 乡镇, 农村牧区 ≈ 农村; 行政村 ≈ 村;
# - comparisons: 好于 ≈ 优于; a water class ratio of 水体 ≈ 水质; the particle 的 and enumeration marks carry nothing.
_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"嘎查\(村\)|嘎查村|嘎查", "村"),
    (r"苏木\(乡镇\)|苏木乡镇|苏木镇|苏木", "乡镇"),
    (r"(?:旗|区|市)(?=委|(?:人民)?政府|级)", "县"),
    (r"旗(?=域)", "县"),
    (r"农村牧区|农牧区", "农村"),
    (r"行政村", "村"),
    (r"好于", "优于"),
    (r"(?<=类)水体", "水质"),
    (r"(?<=优良)水体", "水质"),
    (r"[、·的]", ""),
))
# A written name ending in a figure ("新建改造污水管网20公里") names the indicator, then its value.
_TRAILING_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff])\d[\d.,]*\s*(?:[\u4e00-\u9fff]{1,4}|%)?$")


def name_key(text: str) -> str:
    """Fold a written indicator name for comparison (characters, case, Ⅲ/川/3 类, leading year, wording variants)."""
    key = fold_text(text).lower()
    key = re.sub(r"(?<![a-z])(?:川|3|三)类", "iii类", key)
    for pattern, replacement in _VARIANTS:
        key = pattern.sub(replacement, key)
    return _YEAR_PREFIX.sub("", key)


def wants_count(key: str) -> bool:
    """A name ending in 数/个数/数量/总数 (after bracketed qualifiers) asks for a count."""
    return bool(_COUNT_SUFFIX.search(_PAREN.sub("", key)))


def core_key(key: str) -> str:
    """A folded name without bracketed qualifiers such as (折纯) (%) (万元) and without a trailing unit."""
    core = _PAREN.sub("", key)
    core = _TRAILING_FIGURE.sub("", core)
    core = _UNIT_SUFFIX.sub("", core)
    core = _COUNT_SUFFIX.sub("", core)  # 乡镇个数 = 乡镇数量
    return core or key


def _subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` in ``long``, in order."""
    it = iter(long)
    return all(ch in it for ch in short)


def _drops_modifier(query: str, key: str) -> bool:
    return any(m in query and m not in key for m in _MODIFIERS)


@dataclass(frozen=True)
class _Entry:
    indicator_id: str
    is_name: bool


@dataclass(frozen=True)
class Catalog:
    name: str
    scheme: str
    version: str
    source: str
    path: str
    indicators: tuple[Indicator, ...]
    evidence_cues: tuple[tuple[str, tuple[str, ...]], ...]
    ignore_phrases: tuple[str, ...] = ()  # programme names masked before free-text matching
    _by_id: dict[str, Indicator] = field(default_factory=dict, repr=False, compare=False)
    _index: dict[str, tuple[_Entry, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({ind.id: ind for ind in self.indicators})
        index: dict[str, list[_Entry]] = {}
        for ind in self.indicators:
            for text, is_name in [(ind.name, True)] + [(a, False) for a in ind.plain_aliases]:
                full = name_key(text)
                for key in {full, core_key(full)}:
                    entries = index.setdefault(key, [])
                    if not any(e.indicator_id == ind.id and e.is_name >= is_name for e in entries):
                        entries.append(_Entry(ind.id, is_name))
        self._index.update({k: tuple(v) for k, v in index.items()})

    def get(self, indicator_id: str) -> Indicator:
        try:
            return self._by_id[indicator_id]
        except KeyError:
            raise KeyError(f"指标目录中没有该指标 / unknown indicator id: {indicator_id}") from None

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def cue_words(self) -> dict[str, tuple[str, ...]]:
        return dict(self.evidence_cues)

    def own_phrases(self, indicator: Indicator) -> tuple[str, ...]:
        """The indicator's key phrases without the generic evidence-type cue words."""
        cues = {c for _, words in self.evidence_cues for c in words}
        return tuple(p for p in indicator.key_phrases if p not in cues)

    # ---- name resolution -------------------------------------------------------------------------------------
    def _prefer(self, ids: list[str], query_key: str, name_ids: set[str]) -> list[str]:
        wants_rate = bool(_RATE_WORDS.search(query_key))

        query_core = core_key(query_key)

        count = wants_count(query_key) and not wants_rate

        def rank(iid: str) -> tuple[int, int, int, int, int, int]:
            ind = self._by_id[iid]
            in_name = query_core in core_key(name_key(ind.name))
            # submitted names carry values: a numeric entry beats a qualitative/composite one of the same words;
            # a name ending in 数/数量 asks for a count entry
            return (0 if iid in name_ids else 1, 0 if (ind.kind == "rate") == wants_rate else 1,
                    0 if not count or ind.kind == "count" else 1, int(ind.legacy),
                    int(ind.kind in ("qualitative", "composite")), 0 if in_name else 1)

        return sorted(dict.fromkeys(ids), key=rank)

    def resolve(self, name: str) -> Resolution:
        full = name_key(name)
        core = core_key(full)
        if not core:
            return Resolution(None, 0.0, "empty")
        for key in (full, core):
            entries = self._index.get(key)
            if entries:
                ids = self._prefer([e.indicator_id for e in entries], full,
                                   {e.indicator_id for e in entries if e.is_name})
                best = ids[0]
                is_name = any(e.is_name and e.indicator_id == best for e in entries)
                return Resolution(best, 1.0, "name" if is_name else "alias",
                                  tuple((i, 1.0) for i in ids[:CANDIDATE_LIMIT]), ambiguous=len(ids) > 1)
        contained = self._contains(core, full)
        if contained is not None:
            return contained
        return self._abbreviated(core, full) or self._fuzzy(core, full)

    def _abbreviated(self, core: str, query: str) -> Resolution | None:
        """A name shortened by dropping words from a catalog name or alias, keeping its order, head and tail:
        "城镇污水处理达标排放量" for 城镇生活污水集中处理达标排放量. Refused when two entries fit equally well."""
        if len(core) < ABBREVIATION_MIN_CHARS:
            return None
        scored: dict[str, float] = {}
        for key, entries in self._index.items():
            if (len(key) <= len(core) or core[:2] != key[:2] or core[-2:] != key[-2:]
                    or len(core) < ABBREVIATION_MIN_COVERAGE * len(key) or not _subsequence(core, key)
                    or _drops_modifier(core, key)):
                continue
            for entry in entries:
                scored[entry.indicator_id] = max(scored.get(entry.indicator_id, 0.0), len(core) / len(key))
        if not scored:
            return None
        top = max(scored.values())
        tied = self._prefer([i for i, s in scored.items() if s == top], query, set())
        if len(tied) > 1 and len({self._by_id[i].kind for i in tied}) == 1:
            return None  # two entries shortened the same way: do not guess
        ranked = tied + sorted((i for i in scored if i not in tied), key=lambda i: -scored[i])
        candidates = tuple((i, round(0.6 + 0.4 * scored[i], 3)) for i in ranked[:CANDIDATE_LIMIT])
        return Resolution(tied[0], candidates[0][1], "abbreviation", candidates, ambiguous=len(tied) > 1)

    def _contains(self, core: str, query: str) -> Resolution | None:
        scored: dict[str, float] = {}
        by_name: set[tuple[str, float]] = set()
        wants_rate = bool(_RATE_WORDS.search(core))
        count = not wants_rate and wants_count(query)
        for key, entries in self._index.items():
            if len(key) < CONTAINS_MIN_CHARS or _drops_modifier(core, key):
                continue
            if key in core:
                coverage = len(key) / len(core)
            elif len(core) >= CONTAINS_MIN_CHARS and core in key:
                coverage = REVERSE_CONTAINS_WEIGHT * len(core) / len(key)
            else:
                continue
            for entry in entries:
                kind = self._by_id[entry.indicator_id].kind
                if (wants_rate and kind != "rate") or (count and kind != "count"):
                    coverage_here = coverage * RATE_MISMATCH_WEIGHT
                else:
                    coverage_here = coverage
                scored[entry.indicator_id] = max(scored.get(entry.indicator_id, 0.0), coverage_here)
                if entry.is_name:
                    by_name.add((entry.indicator_id, coverage_here))
        if not scored or max(scored.values()) < CONTAINS_MIN_COVERAGE:
            return None
        top = max(scored.values())
        tied = self._prefer([i for i, s in scored.items() if s == top], core, {i for i, c in by_name if c == top})
        ranked = tied + sorted((i for i in scored if i not in tied), key=lambda i: -scored[i])
        candidates = tuple((i, round(0.6 + 0.4 * scored[i], 3)) for i in ranked[:CANDIDATE_LIMIT])
        return Resolution(tied[0], candidates[0][1], "contains", candidates, ambiguous=len(tied) > 1)

    def _fuzzy(self, core: str, full: str) -> Resolution:
        keys = list(self._index)
        best: dict[str, float] = {}
        for key, score, _ in process.extract(core, keys, scorer=fuzz.WRatio, limit=40):
            if key in core or _drops_modifier(core, key):
                continue  # a whole key inside the name was judged by coverage; "人均GDP" is not GDP
            for entry in self._index[key]:
                best[entry.indicator_id] = max(best.get(entry.indicator_id, 0.0), float(score))
        ranked = sorted(best, key=lambda i: -best[i])
        candidates = tuple((i, round(best[i] / 100.0, 3)) for i in ranked[:CANDIDATE_LIMIT])
        if not ranked or best[ranked[0]] < FUZZY_MIN_SCORE:
            logger.debug("refused to resolve %r (best %s)", full, candidates[:1])
            return Resolution(None, candidates[0][1] if candidates else 0.0, "refused", candidates)
        close = [i for i in ranked if best[ranked[0]] - best[i] <= FUZZY_AMBIGUITY_MARGIN]
        chosen = self._prefer(close, full, set())[0]
        return Resolution(chosen, round(best[chosen] / 100.0, 3), "fuzzy", candidates, ambiguous=len(close) > 1)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "scheme": self.scheme, "version": self.version, "source": self.source,
                "indicators": [ind.to_dict() for ind in self.indicators]}


# ---- mentions of indicators in free text (plan duties, document passages) ----------------------------------------
# Catalog terms shorter than this (characters) are not searched in free text: single characters (乡) hit everywhere.
MENTION_MIN_CHARS = 2
# Terms at least this long may also match with OCR/wording noise via rapidfuzz partial_ratio ≥ MENTION_FUZZY_MIN
# (0..100): one wrong character in a 10-character term scores 90, two wrong characters ≤ 80.
MENTION_FUZZY_MIN_CHARS = 10
MENTION_FUZZY_MIN = 90.0


class MentionMatcher:
    """Finds which indicators a passage mentions (names, aliases, own key phrases; longest match claims its span)
    and which evidence types its cue words ask for. Built from the catalog only, never from a plan's wording."""

    def __init__(self, catalog: Catalog) -> None:
        terms: dict[str, set[str]] = {}
        legacy = {ind.id for ind in catalog.indicators if ind.legacy}
        # names and aliases first; an own key phrase never adds an indicator to a term that names another one
        for own in (False, True):
            named = set(terms)
            for ind in catalog.indicators:
                texts = list(catalog.own_phrases(ind)) if own and not ind.legacy else []
                for text in texts if own else [ind.name, *ind.plain_aliases]:
                    full = name_key(text)
                    for key in {full, core_key(full)}:
                        if len(key) >= MENTION_MIN_CHARS and not (own and key in named):
                            terms.setdefault(key, set()).add(ind.id)
        for key, ids in terms.items():
            if ids - legacy:
                ids -= legacy  # a term shared with a current indicator does not mention its legacy twin
        self._terms = sorted(terms.items(), key=lambda kv: -len(kv[0]))
        self._fuzzy_terms = [(k, ids) for k, ids in self._terms if len(k) >= MENTION_FUZZY_MIN_CHARS]
        self._cues = [(etype, tuple(name_key(w) for w in words)) for etype, words in catalog.evidence_cues]
        self._order = {etype: n for n, (etype, _) in enumerate(catalog.evidence_cues)}
        self._ignore = sorted((name_key(p) for p in catalog.ignore_phrases), key=len, reverse=True)

    def _key(self, text: str) -> str:
        key = name_key(text)
        for phrase in self._ignore:
            key = key.replace(phrase, "\u25a1" * len(phrase))
        return key

    def indicators(self, text: str) -> tuple[str, ...]:
        key = self._key(text)
        claimed: list[tuple[int, int, set[str]]] = []
        found: list[str] = []
        for term, ids in self._terms:
            start = key.find(term)
            while start >= 0:
                end = start + len(term)
                inside = any(s <= start and end <= e and not (ids & owner) for s, e, owner in claimed)
                if not inside:
                    claimed.append((start, end, ids))
                    found.extend(i for i in sorted(ids) if i not in found)
                start = key.find(term, start + 1)
        for term, ids in self._fuzzy_terms:
            if ids <= set(found) or len(key) < len(term) or term in key:
                continue  # exact occurrences were decided above (possibly suppressed inside a longer match)
            hit = fuzz.partial_ratio_alignment(term, key, score_cutoff=MENTION_FUZZY_MIN)
            if hit is None:
                continue
            if any(min(e, hit.dest_end) - max(s, hit.dest_start) > 0 and not (ids & owner) for s, e, owner in claimed):
                continue  # noisy match overlapping an exact mention of another indicator
            claimed.append((hit.dest_start, hit.dest_end, ids))
            found.extend(i for i in sorted(ids) if i not in found)
        return tuple(found)

    def evidence_types(self, text: str) -> tuple[str, ...]:
        key = self._key(text)
        hits = [etype for etype, words in self._cues if any(w in key for w in words)]
        return tuple(sorted(hits, key=self._order.__getitem__))


def _build(raw: dict[str, Any], path: Path) -> Catalog:
    tolerances: dict[str, Tolerance] = {}
    for tname, spec in raw["tolerances"].items():
        value = spec["value"]
        try:
            tolerances[tname] = Tolerance(tname, None if value is None else Decimal(str(value)), spec["reason"])
        except InvalidOperation:
            raise CatalogError(f"{path}: 容差 {tname} 字段 value: 不是数值 / not a number: {value!r}") from None
    indicators = tuple(
        Indicator(
            id=e["id"], name=e["name"], aliases=tuple(e["aliases"]), group=e["group"], kind=e["kind"],
            unit=e["unit"], dimension=e["dimension"], departments=tuple(e["departments"]),
            evidence_types=tuple(e["evidence_types"]), key_phrases=tuple(e["key_phrases"]),
            period_rule=e["period_rule"], formula=e["formula"], inputs=tuple(e["inputs"]),
            tolerance=tolerances[e["tolerance"]],
            scoring=Scoring(e["scoring"]["known"], e["scoring"]["rule"], e["scoring"]["note"]),
            legacy=e["legacy"], confidence=e["confidence"],
        )
        for e in raw["indicators"]
    )
    cues = tuple((t, tuple(words)) for t, words in raw["evidence_cues"].items())
    return Catalog(str(raw["name"]), str(raw["scheme"]), str(raw["version"]), str(raw["source"]), str(path),
                   indicators, cues, tuple(raw["ignore_phrases"]))


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and validate a catalog pack (the bundled 十四五 pack when ``path`` is None)."""
    pack = Path(path) if path is not None else DEFAULT_PACK
    try:
        text = pack.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{pack}: 无法读取指标目录 / cannot read catalog pack: {exc.strerror}") from None
    try:
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{pack}: YAML 语法错误 / YAML syntax error: {exc}") from None
    validate_pack(raw, pack)
    catalog = _build(raw, pack)
    logger.debug("loaded catalog %s (%d indicators) from %s", catalog.name, len(catalog.indicators), pack)
    return catalog

"""Builders for labels.json entries (schema in ARCHITECTURE.md, section corpus/samples/labels.json).

Canonical units follow extract/model.py Fact.canonical_unit: 元 (money), t (mass), m2 (area), m (length),
m3 (volume), % (rates), counts keep their counter (个, 次, 天, 起, 户, 人).
"""
from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

# unit as written -> (factor to canonical, canonical unit)
CANONICAL: dict[str, tuple[Decimal, str]] = {
    "元": (Decimal(1), "元"),
    "万元": (Decimal(10_000), "元"),
    "亿元": (Decimal(100_000_000), "元"),
    "吨": (Decimal(1), "t"),
    "t": (Decimal(1), "t"),
    "万吨": (Decimal(10_000), "t"),
    "千克": (Decimal("0.001"), "t"),
    "公顷": (Decimal(10_000), "m2"),
    "亩": (Decimal(10_000) / Decimal(15), "m2"),
    "万亩": (Decimal(100_000_000) / Decimal(15), "m2"),
    "平方公里": (Decimal(1_000_000), "m2"),
    "平方千米": (Decimal(1_000_000), "m2"),
    "公里": (Decimal(1000), "m"),
    "米": (Decimal(1), "m"),
    "m³": (Decimal(1), "m3"),
    "立方米": (Decimal(1), "m3"),
    "万m³": (Decimal(10_000), "m3"),
    "万立方米": (Decimal(10_000), "m3"),
    "万m³/d": (Decimal(10_000), "m3/d"),
    "%": (Decimal(1), "%"),
    "万人": (Decimal(10_000), "人"),
}
COUNT_UNITS = ("个", "次", "天", "起", "户", "人", "名", "件", "台", "家", "条", "处")


def _plain(d: Decimal) -> str:
    """Decimal as a plain string without exponent or trailing zeros ("290940000", "95.23")."""
    q = d.quantize(Decimal("0.0001")) if d != d.to_integral_value() else d.to_integral_value()
    s = format(q.normalize(), "f")
    return s


def num(text: str, value: str, unit: str | None, page: int = 1) -> dict[str, Any]:
    """A number fact. value is the number as written after 万/亿 numeral multipliers, without unit."""
    fact: dict[str, Any] = {"kind": "number", "text": text, "page": page, "value": value, "unit": unit}
    if unit in CANONICAL:
        factor, cu = CANONICAL[unit]
        fact["canonical_value"] = _plain(Decimal(value) * factor)
        fact["canonical_unit"] = cu
    elif unit in COUNT_UNITS:
        fact["canonical_value"] = value
        fact["canonical_unit"] = unit
    else:
        fact["canonical_value"] = value
        fact["canonical_unit"] = unit
    return fact


def date(text: str, iso: str, page: int = 1) -> dict[str, Any]:
    return {"kind": "date", "text": text, "page": page, "date": iso}


def period(text: str, start: str, end: str, page: int = 1) -> dict[str, Any]:
    return {"kind": "period", "text": text, "page": page, "start": start, "end": end}


def link(indicator: str, value: str | None = None, unit: str | None = None,
         role: str = "achieved") -> dict[str, Any]:
    return {"indicator": indicator, "value": value, "unit": unit, "role": role}


def entry(path: str, fmt: str, doc_type: str | None, *, status: str = "ok", error_category: str | None = None,
          duplicate_of: str | None = None, scanned: bool = False, doc_date: str | None = None,
          seal_pages: list[int] | None = None, pages: list[dict[str, Any]] | None = None,
          facts: list[dict[str, Any]] | None = None, links: list[dict[str, Any]] | None = None,
          title: str | None = None, subtype: str | None = None, draft: bool = False,
          note: str | None = None) -> dict[str, Any]:
    """One labels.json file record. title/subtype/draft/note are extra keys (allowed additions)."""
    rec: dict[str, Any] = {
        "path": path, "format": fmt, "doc_type": doc_type, "status": status,
        "error_category": error_category, "duplicate_of": duplicate_of, "scanned": scanned,
        "doc_date": doc_date, "seal_pages": seal_pages or [], "pages": pages or [],
        "facts": facts or [], "links": links or [],
    }
    if title is not None:
        rec["title"] = title
    if subtype is not None:
        rec["subtype"] = subtype
    if draft:
        rec["draft"] = True
    if note is not None:
        rec["note"] = note
    return rec


class Ctx:
    """Generation context: package root, scratch dir and the seeded RNG (mutable by design)."""

    def __init__(self, root: Path, tmp: Path, rng: random.Random) -> None:
        self.root = root
        self.tmp = tmp
        self.rng = rng

    def path(self, rel: str) -> Path:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

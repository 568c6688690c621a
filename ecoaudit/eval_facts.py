"""Fact-extraction evaluation against labels.json (``files[i].facts``), split text-layer vs scanned.

Definitions (documented because labels list only the *key* facts of a file, not every number in it):

- recall = labelled facts found / labelled facts, over files that have labelled facts and were extracted.
  A labelled number is found when a fact on the same page (any page if the label has none) has the same
  canonical value and canonical unit, or the same value and normalised unit. A labelled date is found when a
  date fact on that page has start == the date; a labelled period when a fact has the same start and end.
- precision = extracted facts that match *some* labelled fact of their file / extracted facts, counting only
  facts of a kind that file has labels for (a file labelled with numbers only does not count its dates) and
  only on labelled pages. Because unlabelled but correct numbers count as misses, this is a lower bound.
"""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from extract.facts.units import normalize_unit
from extract.model import Fact

log = logging.getLogger(__name__)

CANONICAL_REL_TOLERANCE = Decimal("1e-9")  # relative; absorbs 亩 ↔ m² rounding (1 亩 = 10000/15 m²), nothing more


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    return abs(a - b) <= CANONICAL_REL_TOLERANCE * max(abs(a), abs(b))


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def fact_matches(label: dict[str, Any], fact: Fact) -> bool:
    """True when ``fact`` is the labelled fact ``label`` (page checked by the caller)."""
    kind = label.get("kind")
    if kind == "number":
        if fact.kind != "number":
            return False
        canon_unit = label.get("canonical_unit")
        if _close(_dec(label.get("canonical_value")), fact.canonical) and (
                not canon_unit or canon_unit == fact.canonical_unit):
            return True
        unit = label.get("unit")
        same_unit = (normalize_unit(unit) or unit) == fact.unit if unit else fact.unit is None
        return same_unit and _close(_dec(label.get("value")), fact.value)
    if kind == "date":
        d = _iso(label.get("date"))
        return fact.kind == "date" and d is not None and fact.start == d
    if kind == "period":
        s, e = _iso(label.get("start")), _iso(label.get("end"))
        return fact.kind in ("period", "date") and s is not None and fact.start == s and fact.end == e
    return False


def _on_page(label: dict[str, Any], fact: Fact) -> bool:
    page = label.get("page")
    return page is None or fact.src.page_no == int(page)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate_facts(docs_facts: dict[str, list[Fact]], labels: dict[str, Any]) -> dict[str, Any]:
    """Precision/recall of extracted facts per the module docstring; ``docs_facts`` maps label path → facts."""
    groups = {"text_layer": [0, 0, 0, 0], "scanned": [0, 0, 0, 0]}  # found, labelled, matched, counted
    per_file: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for entry in labels.get("files", []):
        wanted = entry.get("facts") or []
        path = entry.get("path")
        if not wanted or path not in docs_facts:
            continue
        facts = docs_facts[path]
        group = groups["scanned" if entry.get("scanned") else "text_layer"]
        found = 0
        for label in wanted:
            if any(_on_page(label, f) and fact_matches(label, f) for f in facts):
                found += 1
            else:
                missed.append({"path": path, **{k: label.get(k) for k in ("kind", "text", "page")}})
        kinds = {lab.get("kind") for lab in wanted}
        kinds_of_fact = {"number": {"number"}, "date": {"date"}, "period": {"period"}}
        pages = {lab.get("page") for lab in wanted}
        counted = [f for f in facts if any(f.kind in kinds_of_fact.get(k, set()) for k in kinds)
                   and (None in pages or f.src.page_no in pages)]
        matched = sum(1 for f in counted if any(_on_page(lab, f) and fact_matches(lab, f) for lab in wanted))
        for i, v in enumerate((found, len(wanted), matched, len(counted))):
            group[i] += v
        per_file.append({"path": path, "scanned": bool(entry.get("scanned")), "labelled": len(wanted),
                         "found": found, "extracted_counted": len(counted), "matched": matched})
    result: dict[str, Any] = {"definition": __doc__.strip() if __doc__ else "", "per_file": per_file,
                              "missed": missed}
    totals = [sum(g[i] for g in groups.values()) for i in range(4)]
    for name, g in (*groups.items(), ("overall", totals)):
        result[name] = {"recall": _ratio(g[0], g[1]), "precision": _ratio(g[2], g[3]), "labelled": g[1],
                        "found": g[0], "extracted_counted": g[3], "matched": g[2]}
    log.info("fact evaluation: recall %s precision %s", result["overall"]["recall"], result["overall"]["precision"])
    return result

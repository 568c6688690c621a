"""Fact-extraction evaluation against labels.json (``files[i].facts``), split text-layer vs scanned.

Definitions (documented because labels list only the *key* facts of a file, not every number in it):

- recall = labelled facts found / labelled facts, over files that have labelled facts and were extracted.
  A labelled number is found when a fact on the same page (any page if the label has none) has the same
  canonical value and canonical unit, or the same value and normalised unit. A labelled date is found when a
  date fact on that page has start == the date; a labelled period when a fact has the same start and end.
- precision = extracted facts that match *some* labelled fact of their file / extracted facts, counting only
  facts of a kind that file has labels for (a file labelled with numbers only does not count its dates) and
  only on labelled pages. Because unlabelled but correct numbers count as misses, this is a lower bound.
- complete.* = the honest figures on the exhaustively labelled files of ``complete_facts.json`` (labels key
  ``complete_facts``), see ``evaluate_complete``.
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
    complete = labels.get("complete_facts")
    if complete:
        scanned = {e.get("path"): bool(e.get("scanned")) for e in labels.get("files", [])}
        result["complete"] = evaluate_complete(docs_facts, complete, scanned)
    log.info("fact evaluation: recall %s precision %s", result["overall"]["recall"], result["overall"]["precision"])
    return result


def _window(label: dict[str, Any]) -> tuple[date | None, date | None]:
    if label.get("kind") == "date":
        d = _iso(label.get("date"))
        return d, d
    return _iso(label.get("start")), _iso(label.get("end"))


def complete_match(label: dict[str, Any], fact: Fact) -> bool:
    """Matching used on exhaustively labelled files (page checked by the caller).

    Numbers: ``fact_matches`` (same canonical value and unit, or same value and normalised unit; a label without
    unit needs a unit-less fact). Dates and periods form one family: a fact matches when its start and end equal
    the label's window (a date label is the one-day window), whatever the fact's kind, so "2024年12月" labelled as a
    partial date matches a month period.
    """
    if label.get("kind") == "number":
        return fact_matches(label, fact)
    start, end = _window(label)
    return (fact.kind in ("date", "period") and start is not None and end is not None
            and fact.start == start and fact.end == end)


def _fact_row(path: str, fact: Fact) -> dict[str, Any]:
    return {"path": path, "page": fact.src.page_no, "kind": fact.kind, "raw": fact.raw,
            "value": str(fact.value) if fact.value is not None else None, "unit": fact.unit,
            "start": fact.start.isoformat() if fact.start else None,
            "end": fact.end.isoformat() if fact.end else None, "snippet": fact.snippet[:80]}


def evaluate_complete(docs_facts: dict[str, list[Fact]], complete: dict[str, list[dict[str, Any]]],
                      scanned: dict[str, bool]) -> dict[str, Any]:
    """Honest precision/recall on the exhaustively hand-labelled files (``complete_facts.json``).

    On those files every number with meaning, date and period is labelled, so:

    - precision = extracted facts (every kind, every page of the file) that match a labelled fact on the same
      page per ``complete_match`` / all extracted facts of those files. An unlabelled extraction is a real false
      positive (an ordinal, a code, a year that is part of a date, a wrong unit or value...).
    - recall = labelled facts matched by some extracted fact on the same page / labelled facts. A labelled file
      that produced no extraction (missing or failed document) keeps its labels in the denominator.

    Reported for text-layer files, scanned files (``scanned`` maps path → OCR file, from labels.json) and overall,
    with the per-file counts, every false positive and every missed label.
    """
    groups = {"text_layer": [0, 0, 0, 0], "scanned": [0, 0, 0, 0]}  # found, labelled, correct, extracted
    per_file: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    not_extracted: list[str] = []
    for path, wanted in complete.items():
        if path not in docs_facts:
            not_extracted.append(path)
            log.warning("exhaustively labelled file not extracted: %s", path)
        facts = docs_facts.get(path, [])
        found = 0
        for label in wanted:
            if any(_on_page(label, f) and complete_match(label, f) for f in facts):
                found += 1
            else:
                missed.append({"path": path, **{k: label.get(k) for k in ("kind", "text", "page")}})
        correct = 0
        for fact in facts:
            if any(_on_page(label, fact) and complete_match(label, fact) for label in wanted):
                correct += 1
            else:
                false_positives.append(_fact_row(path, fact))
        group = groups["scanned" if scanned.get(path) else "text_layer"]
        for i, v in enumerate((found, len(wanted), correct, len(facts))):
            group[i] += v
        per_file.append({"path": path, "scanned": bool(scanned.get(path)), "labelled": len(wanted),
                         "found": found, "extracted": len(facts), "correct": correct})
    totals = [sum(g[i] for g in groups.values()) for i in range(4)]
    result: dict[str, Any] = {"definition": (evaluate_complete.__doc__ or "").strip(), "files": len(complete),
                              "per_file": per_file, "false_positives": false_positives, "missed": missed,
                              "not_extracted": not_extracted}
    for name, g in (*groups.items(), ("overall", totals)):
        result[name] = {"recall": _ratio(g[0], g[1]), "precision": _ratio(g[2], g[3]), "labelled": g[1],
                        "found": g[0], "extracted": g[3], "correct": g[2]}
    result["precision"], result["recall"] = result["overall"]["precision"], result["overall"]["recall"]
    for name in groups:  # flat copies so the CLI headline (one nesting level) shows them too
        result[f"{name}_precision"], result[f"{name}_recall"] = result[name]["precision"], result[name]["recall"]
    log.info("complete-label fact evaluation: precision %s recall %s", result["precision"], result["recall"])
    return result

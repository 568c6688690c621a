"""Evaluate document types and indicator links against ``labels.json`` (schema in ARCHITECTURE.md).

Definitions (honest, and printed with the figures):
- document-type accuracy: over labelled files with a non-null ``doc_type`` and status ``ok``; a labelled file absent
  from ``records`` counts as wrong (predicted ``None``, listed under ``missing``);
- a labelled link is matched by a predicted link of the same file with the same indicator id, the same role class
  and the same value: canonical values equal within ``VALUE_REL_TOLERANCE`` (or both without a value); each
  predicted link matches at most one labelled link. Role classes: ``achieved`` and ``component`` form one class
  (both corroborate in the rules; the classifier calls a formula input ``component``), ``target``, ``task`` and
  ``mention`` are each their own;
- link precision: matched predicted links ÷ predicted links in the files whose labels list links (a file with no
  ``links`` key is not judged); link recall: matched labelled links ÷ labelled links;
- value accuracy: among labelled links with a value whose indicator was linked with some value in that file, the
  share for which one of those predicted values equals the labelled value (role ignored).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from classifiers.cues import DOC_TYPES
from extract.facts import to_canonical
from extract.model import DocClass, Link

VALUE_REL_TOLERANCE = Decimal("0.005")  # relative: 0.5 % covers printed rounding (92.4 vs 92.36) after unit changes
MAX_LISTED = 200
ROLE_CLASS = {"achieved": "counted", "component": "counted"}  # other roles are their own class  # misclassified files / link errors listed in the result


def _canonical(value: Any, unit: str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None
    if unit:
        conv = to_canonical(number, unit)
        if conv is not None:
            return conv[0]
    return number


def _same_value(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    scale = max(abs(a), abs(b))
    return scale > 0 and abs(a - b) / scale <= VALUE_REL_TOLERANCE


def _link_value(link: Link) -> Decimal | None:
    if link.canonical is not None:
        return link.canonical
    return _canonical(link.value, link.unit)


def _role_class(role: str) -> str:
    return ROLE_CLASS.get(role, role)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate_classification(records: dict[str, tuple[DocClass, list[Link]]], labels: dict[str, Any]) -> dict[str, Any]:
    """Compare predicted (DocClass, links) per labelled path with the labels; see the module docstring."""
    confusion: dict[str, dict[str, int]] = {t: {u: 0 for u in DOC_TYPES} for t in DOC_TYPES}
    wrong: list[dict[str, Any]] = []
    missing: list[str] = []
    judged = correct = 0
    tp = n_pred = n_gold = 0
    value_hits = value_judged = 0
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    for entry in labels.get("files", []):
        path = entry.get("path")
        gold_type = entry.get("doc_type")
        predicted = records.get(path)
        if gold_type and entry.get("status", "ok") == "ok":
            judged += 1
            if predicted is None:
                missing.append(path)
            else:
                got = predicted[0].doc_type
                if got in confusion.get(gold_type, {}):
                    confusion[gold_type][got] += 1
                if got == gold_type:
                    correct += 1
                else:
                    wrong.append({"path": path, "expected": gold_type, "got": got,
                                  "confidence": predicted[0].confidence, "cues": list(predicted[0].cues)})
        if "links" not in entry:
            continue
        gold = [(g["indicator"], _role_class(g.get("role", "achieved")), _canonical(g.get("value"), g.get("unit")), g)
                for g in entry["links"]]
        pred = list(predicted[1]) if predicted else []
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for ind, role, value, g in gold:
            hit = next((i for i, p in enumerate(pred) if i not in used and p.indicator_id == ind and _role_class(p.role) == role
                        and _same_value(_link_value(p), value)), None)
            if hit is None:
                missed.append({"path": path, **{k: g.get(k) for k in ("indicator", "value", "unit", "role")}})
            else:
                used.add(hit)
                tp += 1
            if value is not None:
                values = [_link_value(p) for p in pred if p.indicator_id == ind and _link_value(p) is not None]
                if values:
                    value_judged += 1
                    value_hits += any(_same_value(v, value) for v in values)
        for i, p in enumerate(pred):
            if i not in used:
                spurious.append({"path": path, "indicator": p.indicator_id, "value": None if p.value is None
                                 else str(p.value), "unit": p.unit, "role": p.role, "rule": p.rule})
    by_type = {t: {"support": sum(confusion[t].values()), "correct": confusion[t][t]} for t in DOC_TYPES}
    return {
        "doc_type": {
            "judged": judged, "correct": correct, "accuracy": _ratio(correct, judged),
            "confusion": confusion, "per_type": by_type, "misclassified": wrong[:MAX_LISTED], "missing": missing,
        },
        "links": {
            "labelled": n_gold, "predicted": n_pred, "matched": tp,
            "precision": _ratio(tp, n_pred), "recall": _ratio(tp, n_gold),
            "value_accuracy": _ratio(value_hits, value_judged), "value_judged": value_judged,
            "missed": missed[:MAX_LISTED], "spurious": spurious[:MAX_LISTED],
            "tolerance": str(VALUE_REL_TOLERANCE),
        },
    }

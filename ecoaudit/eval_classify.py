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

Complete links (``links_complete``; only files listed in ``labels["complete_links"]``, loaded from
``corpus/samples/complete_links.json`` where EVERY link an auditor would draw is labelled):
- a link is reduced to its key (indicator id, role class, canonical value or none); links of one file with equal keys
  (same indicator, role class and value within ``VALUE_REL_TOLERANCE``) count once on each side, because the link
  schema carries no location: the same figure linked from the text and from a table row is one piece of evidence;
- a labelled link marked ``"debatable": true`` is excluded from both sides: it is not in the recall denominator, and
  a predicted key matching it (and no firm label) is neither a hit nor a false positive. A debatable label may give
  ``"value_range": [lo, hi]`` (inclusive, in its unit) in place of ``value`` for monthly/daily ledger rows;
- precision: predicted keys equal to a firm labelled key ÷ predicted keys not excused as debatable;
  recall: firm labelled keys equalled by some predicted key ÷ firm labelled keys; a complete file that was not
  ingested contributes its labels as misses;
- value accuracy: as above, over the firm labelled links with a value of the complete files.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from classifiers.cues import DOC_TYPES
from extract.errors import BadInputError
from extract.facts import to_canonical
from extract.model import DocClass, Link

VALUE_REL_TOLERANCE = Decimal("0.005")  # relative: 0.5 % covers printed rounding (92.4 vs 92.36) after unit changes
MAX_LISTED = 200  # misclassified files / link errors listed in the result
ROLE_CLASS = {"achieved": "counted", "component": "counted"}  # other roles are their own class
LINK_ROLES = frozenset({"achieved", "component", "target", "task", "mention"})
SNIPPET_CHARS = 60  # characters of a spurious link's snippet kept for cause analysis


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
    complete = labels.get("complete_links")
    extra = {"links_complete": evaluate_complete_links(records, complete)} if complete else {}
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
        **extra,
    }


# --- complete links: every link labelled, judged on distinct keys (see the module docstring) -------------------------

Key = tuple[str, str, Decimal | None]


def _gold_bounds(entry: dict[str, Any], path: str) -> tuple[Decimal | None, Decimal | None]:
    """Canonical (low, high) of a complete label: equal for a single value, (None, None) for no value."""
    if entry.get("indicator") in (None, "") or entry.get("role", "achieved") not in LINK_ROLES:
        raise BadInputError("labels", f"complete_links.json 标注缺少指标或角色不合法：{path} {entry}")
    rng = entry.get("value_range")
    if rng is None:
        value = _canonical(entry.get("value"), entry.get("unit"))
        if entry.get("value") not in (None, "") and value is None:
            raise BadInputError("labels", f"complete_links.json 数值无法解析：{path} {entry}")
        return value, value
    if not entry.get("debatable") or not isinstance(rng, list) or len(rng) != 2:
        raise BadInputError("labels", f"complete_links.json 的 value_range 只用于可商榷标注且须为 [下限, 上限]：{path}")
    low, high = (_canonical(v, entry.get("unit")) for v in rng)
    if low is None or high is None or low > high:
        raise BadInputError("labels", f"complete_links.json 的 value_range 无法解析：{path} {rng}")
    return low, high


def _in_bounds(value: Decimal | None, low: Decimal | None, high: Decimal | None) -> bool:
    if low is None or high is None or value is None or low == high:
        return _same_value(value, low)
    return _same_value(value, low) or _same_value(value, high) or low <= value <= high


def _distinct(keys: list[tuple[Key, Any]]) -> list[tuple[Key, Any]]:
    """Keys with equal indicator, role class and value (within tolerance) kept once, first occurrence wins."""
    out: list[tuple[Key, Any]] = []
    for key, item in keys:
        if not any(k[0] == key[0] and k[1] == key[1] and _same_value(k[2], key[2]) for k, _ in out):
            out.append((key, item))
    return out


def evaluate_complete_links(records: dict[str, tuple[DocClass, list[Link]]],
                            complete: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Link precision / recall / value accuracy on the exhaustively labelled files only."""
    n_gold = n_pred_raw = n_pred = n_excused = hits_pred = hits_gold = 0
    value_hits = value_judged = 0
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    not_ingested: list[str] = []
    for path, entries in complete.items():
        firm: list[tuple[Key, dict[str, Any]]] = []
        loose: list[tuple[str, str, Decimal | None, Decimal | None]] = []
        for g in entries:
            low, high = _gold_bounds(g, path)
            role = _role_class(g.get("role", "achieved"))
            if g.get("debatable"):
                loose.append((g["indicator"], role, low, high))
            else:
                firm.append(((g["indicator"], role, low), g))
        firm = _distinct(firm)
        predicted = records.get(path)
        if predicted is None:
            not_ingested.append(path)
        links = list(predicted[1]) if predicted else []
        n_pred_raw += len(links)
        pred = _distinct([((p.indicator_id, _role_class(p.role), _link_value(p)), p) for p in links])
        n_gold += len(firm)
        matched_gold: set[int] = set()
        for key, p in pred:
            hit = [i for i, (g, _) in enumerate(firm) if g[0] == key[0] and g[1] == key[1] and _same_value(key[2], g[2])]
            if hit:
                hits_pred += 1
                n_pred += 1
                matched_gold.update(hit)
            elif any(ind == key[0] and role == key[1] and _in_bounds(key[2], low, high) for ind, role, low, high in loose):
                n_excused += 1
            else:
                n_pred += 1
                spurious.append({"path": path, "indicator": p.indicator_id, "value": None if p.value is None
                                 else str(p.value), "unit": p.unit, "role": p.role, "rule": p.rule,
                                 "matched": p.matched, "snippet": p.snippet[:SNIPPET_CHARS]})
        hits_gold += len(matched_gold)
        for i, (key, g) in enumerate(firm):
            if i not in matched_gold:
                missed.append({"path": path, **{k: g.get(k) for k in ("indicator", "value", "unit", "role", "where")}})
            if key[2] is not None:
                values = [_link_value(p) for p in links if p.indicator_id == key[0] and _link_value(p) is not None]
                if values:
                    value_judged += 1
                    value_hits += any(_same_value(v, key[2]) for v in values)
    return {
        "files": len(complete), "labelled": n_gold, "predicted_links": n_pred_raw, "predicted": n_pred,
        "excused_debatable": n_excused, "matched_predicted": hits_pred, "matched_labelled": hits_gold,
        "precision": _ratio(hits_pred, n_pred), "recall": _ratio(hits_gold, n_gold),
        "value_accuracy": _ratio(value_hits, value_judged), "value_judged": value_judged,
        "missed": missed[:MAX_LISTED], "spurious": spurious[:MAX_LISTED], "not_ingested": not_ingested,
        "tolerance": str(VALUE_REL_TOLERANCE),
    }

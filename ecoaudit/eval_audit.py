"""Score the audit against corpus/samples/labels.json: status accuracy, value accuracy and — reported on its own —
the number of FALSE CORROBORATIONS (rows marked ``corroborated`` whose expected status is anything else).

Definitions (also printed by ``ecoaudit evaluate``):
- status accuracy = rows whose status equals ``expected_status`` ÷ labelled rows (rows matched by submitted name,
  in sheet order when a name repeats);
- value accuracy = among labelled rows with an ``evidence_value``, those whose first counted evidence (agreeing
  evidence first) has the same canonical value (relative difference ≤ VALUE_MATCH_RELATIVE);
- false corroborations = rows we mark ``corroborated`` while the label says otherwise (the worst error).
"""
from __future__ import annotations

import json
import logging
import tempfile
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VALUE_MATCH_RELATIVE = Decimal("0.000001")  # relative: canonical values must be equal up to Decimal noise


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def _canonical(value: Any, unit: Any) -> tuple[Decimal, str] | None:
    import extract.facts as units

    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not unit:
        return number, ""
    got = units.to_canonical(number, str(unit))
    return (got[0], got[1]) if got else (number, str(unit))


def _same(a: tuple[Decimal, str] | None, b: tuple[Decimal, str] | None) -> bool:
    if a is None or b is None:
        return False
    if a[1] != b[1] and not (_dimension(a[1]) == _dimension(b[1]) == "count"):
        return False  # 6处 and 6个 are the same count of water sources, as reconciliation reads them
    return abs(a[0] - b[0]) <= VALUE_MATCH_RELATIVE * max(abs(a[0]), abs(b[0]), Decimal(1))


def _dimension(unit: str) -> str | None:
    from extract.facts import unit_info

    info = unit_info(unit) if unit else None
    return info.dimension if info else None


def _our_value(indicator: dict) -> dict | None:
    evidence = [e for e in indicator.get("evidence", []) if e.get("value") is not None]
    counted = [e for e in evidence if e.get("counted")]
    agreeing = [e for e in counted if e.get("agrees")]
    # out-of-period rows: the other year's achieved figure is the evidence value (agreeing one first)
    other = sorted((e for e in evidence if not e.get("counted") and e.get("role") in ("achieved", "component")),
                   key=lambda e: not e.get("agrees"))
    return (agreeing or counted or other or [None])[0]


def evaluate_audit(audit: dict, labels: dict) -> dict:
    """Compare the audit dict with ``labels['indicators']``; returns the metrics and per-row details."""
    ours: dict[str, list[dict]] = {}
    for ind in audit.get("indicators", []):
        ours.setdefault(_key(ind.get("submitted_name", "")), []).append(ind)
    rows, status_ok, value_total, value_ok, false_corr = [], 0, 0, 0, []
    for lab in labels.get("indicators", []):
        candidates = ours.get(_key(lab.get("submitted_name", "")), [])
        got = candidates.pop(0) if candidates else None
        got_status = got["status"] if got else "missing"
        ok = got_status == lab.get("expected_status")
        status_ok += ok
        row = {"submitted_name": lab.get("submitted_name"), "expected": lab.get("expected_status"),
               "got": got_status, "expected_indicator": lab.get("indicator"),
               "got_indicator": got.get("indicator_id") if got else None, "status_ok": ok, "value_ok": None}
        if lab.get("evidence_value") not in (None, ""):
            value_total += 1
            ev = _our_value(got) if got else None
            if ev is None and got and got.get("derived"):
                ev = got["derived"]  # a count taken from documents, a recomputed rate
            row["value_ok"] = bool(ev) and _same(_canonical(lab["evidence_value"], lab.get("evidence_unit")),
                                                 _canonical(ev["value"], ev.get("unit")))
            row["got_value"] = f"{ev['value']}{ev.get('unit') or ''}" if ev else None
            value_ok += row["value_ok"]
        if got_status == "corroborated" and lab.get("expected_status") != "corroborated":
            false_corr.append(row)
        rows.append(row)
    total = len(rows)
    checks = {c["id"]: c for c in audit.get("checks", [])}
    check_rows = []
    for lab in labels.get("checks", []):
        got = checks.get(lab.get("id"))
        check_rows.append({"id": lab.get("id"), "expected": lab.get("status"), "got": got["status"] if got else None,
                           "expected_missing": lab.get("missing"), "got_missing": got["missing"] if got else None,
                           "ok": bool(got) and got["status"] == lab.get("status")
                           and (lab.get("missing") is None or sorted(lab["missing"]) == sorted(got["missing"]))})
    return {
        "rows": total, "status_correct": status_ok, "status_accuracy": round(status_ok / total, 4) if total else None,
        "value_rows": value_total, "value_correct": value_ok,
        "value_accuracy": round(value_ok / value_total, 4) if value_total else None,
        "false_corroborations": len(false_corr), "false_corroboration_rows": false_corr,
        "details": rows, "checks": check_rows,
        "checks_correct": sum(1 for c in check_rows if c["ok"]),
    }


def _optional(module: str, func: str) -> Any:
    import importlib

    try:
        return getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as exc:
        log.warning("%s.%s not available: %s", module, func, exc)
        return None


def run_evaluation(samples: Path, workers: int | None = None, db: Path | None = None) -> dict:
    """Ingest the sample package into a temporary index, audit it and evaluate facts, classification and audit."""
    from ecoaudit.audit import build_audit, load_plan
    from evidence_index.ingest import IngestOptions, ingest_folder
    from evidence_index.store import Store
    from extract.hashing import sha256_file
    from extract.submitted import read_submitted
    from rules.catalog import load_catalog

    labels = json.loads((samples / "labels.json").read_text(encoding="utf-8"))
    # Exhaustively labelled files (every number/date, every link) for precision: complete_facts.json and
    # complete_links.json, each {"files": {path: [...]}}, hand-labelled separately from the generator's key facts.
    for kind in ("facts", "links"):
        extra = samples / f"complete_{kind}.json"
        if extra.is_file():
            labels[f"complete_{kind}"] = json.loads(extra.read_text(encoding="utf-8")).get("files", {})
    folder = samples / labels.get("folder", "package")
    catalog = load_catalog()
    submitted = samples / labels.get("submitted", "submitted.xlsx")
    rows = read_submitted(submitted)
    plan_path = samples / labels["plan"] if labels.get("plan") else None
    plan = load_plan(plan_path, catalog) if plan_path and plan_path.is_file() else None
    with tempfile.TemporaryDirectory(prefix="ecoaudit-eval-") as tmp:
        with Store(db or Path(tmp) / "eval.sqlite") as store:
            ingest_folder(folder, store, IngestOptions(workers=workers))
            audit = build_audit(store, rows, catalog, int(labels.get("year", 2024)), str(folder.resolve()), plan,
                                submitted_sha=sha256_file(submitted))
            result: dict[str, Any] = {"audit": evaluate_audit(audit, labels)}
            docs = {d.path: d for d in store.documents() if d.status == "ok" and d.sha256}
            facts_fn = _optional("ecoaudit.eval_facts", "evaluate_facts")
            if facts_fn is not None:
                result["facts"] = facts_fn({p: store.facts(d.sha256) for p, d in docs.items()}, labels)
            classify_fn = _optional("ecoaudit.eval_classify", "evaluate_classification")
            if classify_fn is not None:
                links: dict[str, list[Any]] = {}
                for rec in store.links():
                    links.setdefault(rec.sha256, []).append(rec.link)
                records = {p: (store.docclass(d.sha256), links.get(d.sha256, [])) for p, d in docs.items()
                           if store.docclass(d.sha256) is not None}
                result["classification"] = classify_fn(records, labels)
    return result

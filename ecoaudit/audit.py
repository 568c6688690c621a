"""Orchestrate an audit: ingest the folder (incrementally), read the submitted sheet, reconcile, check, find gaps,
score only what is corroborated, and build the ``ecoaudit.audit/1`` dict (docs/audit-schema.md).

No domain logic lives here: rules/* decide; this module adapts store records to their plain dataclasses.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract.hashing import sha256_file
from extract.submitted import SubmittedRow, read_submitted
from rules.checks import CheckResult, DocInfo, document_counts, run_checks
from rules.gaps import check_gaps, group_gaps, indicator_gap
from rules.reconcile import Evidence, Reconciliation, SubmittedValue, evaluation_window, reconcile_indicator
from rules.scoring import STATUS_REASONS, score_indicator

log = logging.getLogger(__name__)

SCHEMA = "ecoaudit.audit/1"
STATUSES = ("corroborated", "mismatch", "no_evidence", "out_of_period", "unresolved")
MAX_EVIDENCE_PER_INDICATOR = 30  # entries listed per indicator in audit.json; the index keeps them all
_FOLDER_NUMBER = re.compile(r"^\s*[0-9０-９]+\s*[.、．_\-）)]?\s*")
TEXT_HINT_CHARS = 800  # characters of a minutes document read to judge its topic (title + opening)


@dataclass(frozen=True)
class PlanInfo:
    """What the audit takes from the county's implementation plan (rules.plan.Plan)."""

    assignments: dict[str, str] = field(default_factory=dict)  # indicator id → canonical department
    unassigned: tuple[str, ...] = ()
    deadlines: tuple[tuple[str, str], ...] = ()  # (date, what)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else f"{v.normalize():f}"


def load_plan(path: Path, catalog: Any) -> PlanInfo:
    """Read the plan with rules.plan.read_plan; department assignments by indicator id."""
    from rules.plan import read_plan

    data = read_plan(path, catalog).to_dict()
    assignments: dict[str, str] = {}
    for dept in data.get("departments", []):
        for resp in dept.get("responsibilities", []):
            for iid in resp.get("indicators", []):
                assignments.setdefault(iid, dept.get("canonical") or dept.get("name"))
    unassigned = tuple(u if isinstance(u, str) else u.get("id", "") for u in data.get("unassigned", []))
    deadlines = tuple((str(d.get("date")), str(d.get("what", ""))) for d in data.get("deadlines", []))
    return PlanInfo(assignments, unassigned, deadlines)


def evidence_from_store(store: Any, submitted_sha: str | None = None) -> tuple[list[Evidence], dict[str, Any]]:
    """Flatten the store's LinkRecords with their document's subtype and period into Evidence records. A copy of
    the submitted sheet inside the folder is marked ``info_table``: it cannot corroborate itself."""
    docs: dict[str, Any] = {}
    for rec in store.documents():
        if rec.sha256 and rec.status == "ok":
            docs.setdefault(rec.sha256, rec)
    facts = {f.id: f for f in store.facts()}  # approx / range / change flags of the bound values
    out: list[Evidence] = []
    for r in store.links():
        link, doc = r.link, docs.get(r.sha256)
        if doc is None:
            continue  # the file failed or is only a duplicate of nothing live
        fact = facts.get(link.fact_id) if link.fact_id else None
        start, end = link.period_start, link.period_end
        if start is None and end is None:
            start, end = doc.period_start, doc.period_end
        out.append(Evidence(
            indicator_id=link.indicator_id, path=r.path or doc.path, sha256=r.sha256, page=link.src.page_no,
            block_id=link.block_id, role=link.role, value=link.value, unit=link.unit, canonical=link.canonical,
            canonical_unit=link.canonical_unit, period_start=start, period_end=end, doc_date=r.doc_date,
            doc_type=r.doc_type, subtype="info_table" if r.sha256 == submitted_sha else doc.subtype,
            draft=r.draft, snippet=link.snippet,
            bbox=link.src.bbox, score=link.score,
            approx=bool(fact and fact.approx), flags=tuple(fact.flags) if fact else (), rotation=r.rotation,
            title=doc.title, column_header=fact.column_header if fact else None))
    return out, docs


def docinfo_from_store(store: Any) -> list[DocInfo]:
    out = []
    for rec in store.documents():
        hint = ""
        if rec.status == "ok" and rec.sha256 and rec.doc_type == "meeting_minutes":
            hint = store.load_document(rec.sha256).text[:TEXT_HINT_CHARS]
        out.append(DocInfo(
            path=rec.path, sha256=rec.sha256 or "", status=rec.status, error=rec.error, format=rec.format,
            doc_type=rec.doc_type, subtype=rec.subtype, title=rec.title, doc_date=rec.doc_date,
            period_start=rec.period_start, period_end=rec.period_end, draft=rec.draft, npc_passed=rec.npc_passed,
            pages=rec.pages or 0, ocr_pages=rec.ocr_pages or 0, seal_pages=tuple(rec.seal_pages),
            duplicate_of=rec.duplicate_of, text_hint=hint))
    return out


def _evidence_json(rec: Reconciliation) -> list[dict]:
    uses = sorted(rec.evidence, key=lambda u: (not u.counted, u.agrees is not True, -u.evidence.score))
    out = []
    for u in uses[:MAX_EVIDENCE_PER_INDICATOR]:
        e = u.evidence
        out.append({
            "path": e.path, "page": e.page, "value": _dec(e.value), "unit": e.unit,
            "canonical_value": _dec(e.canonical), "canonical_unit": e.canonical_unit,
            "date": _iso(e.doc_date or e.period_end), "snippet": e.snippet,
            "bbox": list(e.bbox) if e.bbox else None, "rotation": e.rotation, "role": e.role, "sha256": e.sha256, "block_id": e.block_id,
            "counted": u.counted, "agrees": u.agrees, "note": u.note,
        })
    return out


def _department_of_path(county_names: tuple[str, ...]) -> Any:
    from rules.departments import is_department, normalize_department

    def fn(path: str) -> str | None:
        if "/" not in path:
            return None
        head = _FOLDER_NUMBER.sub("", path.split("/", 1)[0])  # "2.县财政局" → "县财政局"
        return normalize_department(head, county_names) if is_department(head) else None

    return fn


def _indicator_entry(row: SubmittedRow, catalog: Any, plan: PlanInfo | None, year: int,
                     evidence_by_id: dict[str, list[Evidence]], units: Any,
                     known: dict[str, Decimal], counts: dict[str, tuple[Decimal, str]]) -> tuple[dict, Any]:
    from rules.departments import normalize_department

    submitted = {"value": _dec(row.value), "unit": row.unit, "raw": row.raw_value}
    notes = [row.problem] if row.problem else []
    res = catalog.resolve(row.name) if row.name else None
    if res is None or res.indicator_id is None:
        cands = "、".join(catalog.get(c).name for c, _ in (res.candidates[:3] if res else ()) if c in catalog)
        dept = normalize_department(row.department) if row.department else None
        entry = {"submitted_name": row.name, "indicator_id": None, "name": None, "department": dept,
                 "department_source": "submitted" if dept else None, "submitted": submitted, "evidence": [],
                 "status": "unresolved", "difference": None, "derived": None, "scored": False, "score": None,
                 "reason": STATUS_REASONS["unresolved"],
                 "notes": notes + ([f"相近的指标：{cands}"] if cands else [])}
        return entry, None
    ind = catalog.get(res.indicator_id)
    if res.ambiguous:
        notes.append(f"名称“{row.name}”可对应多个指标，按最接近的“{ind.name}”处理")
    rec = reconcile_indicator(ind, SubmittedValue(ind.id, row.value, row.unit, row.raw_value),
                              evidence_by_id.get(ind.id, []), year, units, catalog, evidence_by_id, known,
                              counts.get(ind.id))
    value_in_unit = row.value
    if row.value is not None and row.unit and ind.unit and row.unit != ind.unit:
        value_in_unit = units.convert(row.value, row.unit, ind.unit)
    if rec.status == "corroborated" and value_in_unit is not None:
        known.setdefault(ind.id, value_in_unit)
    score = score_indicator(ind, rec.status, value_in_unit)
    if plan is not None and ind.id in plan.assignments:
        dept, source = plan.assignments[ind.id], "plan"
        if ind.departments and dept not in ind.departments:
            notes.append(f"责任部门以县实施方案为准：{dept}（指标目录默认：{'、'.join(ind.departments)}）")
    else:
        dept, source = (ind.departments[0] if ind.departments else None), "catalog"
    entry = {"submitted_name": row.name, "indicator_id": ind.id, "name": ind.name, "department": dept,
             "department_source": source, "submitted": submitted, "evidence": _evidence_json(rec),
             "status": rec.status, "difference": rec.difference, "derived": _derived_json(rec.derived),
             "scored": score.scored,
             "score": _dec(score.score), "reason": score.reason, "notes": notes + list(rec.notes)}
    return entry, ind


def _derived_json(derived: tuple[Decimal, str, str] | None) -> dict[str, Any] | None:
    if derived is None:
        return None
    value, unit, how = derived
    return {"value": _dec(value), "unit": unit or None, "how": how}


def _is_derived(row: SubmittedRow, catalog: Any) -> bool:
    """Rows whose indicator has a computable formula are reconciled after the rows of their inputs."""
    from rules.reconcile import formula_names

    res = catalog.resolve(row.name) if row.name else None
    return bool(res and res.indicator_id and formula_names(catalog.get(res.indicator_id).formula))


def build_audit(store: Any, rows: list[SubmittedRow], catalog: Any, year: int, folder: str,
                plan: PlanInfo | None = None, units: Any = None, today: date | None = None,
                submitted_sha: str | None = None) -> dict:
    """The audit dict from an existing index (no ingest). ``submitted_sha``: sha256 of the submitted sheet."""
    if units is None:
        import extract.facts as units
    today = today or date.today()
    evidence, _ = evidence_from_store(store, submitted_sha)
    by_id: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_id.setdefault(ev.indicator_id, []).append(ev)
    docs = docinfo_from_store(store)
    counts = document_counts(docs, evidence, year)  # e.g. quarters with minutes, for count indicators
    indicators, gap_pairs, submitted_values = [], [], {}
    known: dict[str, Decimal] = {}  # corroborated values (catalog unit) that derived indicators recompute from
    entries: dict[int, tuple[dict, Any]] = {}
    for n in sorted(range(len(rows)), key=lambda k: _is_derived(rows[k], catalog)):
        entries[n] = _indicator_entry(rows[n], catalog, plan, year, by_id, units, known, counts)
    for n, row in enumerate(rows):
        entry, ind = entries[n]
        indicators.append(entry)
        window = evaluation_window(ind.period_rule if ind else None, year).label
        gap = indicator_gap(ind, entry["indicator_id"], entry["name"] or row.name, entry["status"], window,
                            entry["difference"], entry["notes"])
        if gap is not None:
            gap_pairs.append((entry["department"], gap))
        if ind is not None and row.value is not None and ind.id not in submitted_values:
            submitted_values[ind.id] = (row.value, row.unit)
    checks = run_checks(docs, evidence, submitted_values, catalog, units, year)
    dept_of_path = _department_of_path(())
    for check in checks:
        gap_pairs.extend(check_gaps(check, dept_of_path))
    status_counts = Counter(i["status"] for i in indicators)
    summary: dict[str, Any] = {s: status_counts.get(s, 0) for s in STATUSES}
    summary.update({
        "indicators": len(indicators), "documents": len(docs),
        "errors": sum(1 for d in docs if d.status == "error"),
        "duplicates": sum(1 for d in docs if d.status == "duplicate"),
        "checks_failed": sum(1 for c in checks if c.status == "fail"),
        "checks_warned": sum(1 for c in checks if c.status == "warn"),
        "scored": sum(1 for i in indicators if i["scored"]),
    })
    unassigned = []
    if plan is not None:
        for iid in plan.unassigned:
            name = catalog.get(iid).name if iid in catalog else iid
            unassigned.append({"id": iid, "name": name})
    deadlines = [{"date": d, "what": w, "passed": d < today.isoformat()[:len(d)]}
                 for d, w in (plan.deadlines if plan else ())]
    return {
        "schema": SCHEMA, "year": year, "generated_at": datetime.now().isoformat(timespec="seconds"),
        "folder": folder, "catalog": getattr(catalog, "name", "catalog"),
        "department_source": "plan" if plan is not None else "catalog",
        "documents": [_document_json(d) for d in store.documents()],
        "indicators": indicators,
        "checks": [_check_json(c) for c in checks],
        "gaps": group_gaps(gap_pairs),
        "unassigned": unassigned, "deadlines": deadlines, "summary": summary,
    }


def _document_json(rec: Any) -> dict:
    return {"path": rec.path, "sha256": rec.sha256, "doc_type": rec.doc_type, "doc_confidence": rec.doc_confidence,
            "pages": rec.pages or 0, "ocr_pages": rec.ocr_pages or 0, "status": rec.status, "error": rec.error,
            "duplicate_of": rec.duplicate_of, "seal_pages": list(rec.seal_pages), "doc_date": _iso(rec.doc_date)}


def _check_json(c: CheckResult) -> dict:
    return {"id": c.id, "status": c.status, "message": c.message, "paths": list(c.paths), "missing": list(c.missing)}


def run_audit(folder: Path, submitted: Path, year: int, db: Path, catalog_path: Path | None = None,
              plan_path: Path | None = None, workers: int | None = None, progress: Any = None,
              ingest: bool = True) -> dict:
    """Ingest ``folder`` into ``db`` (incremental) unless ``ingest`` is False, then build the audit dict."""
    from evidence_index.ingest import IngestOptions, ingest_folder
    from evidence_index.store import Store
    from rules.catalog import load_catalog

    catalog = load_catalog(catalog_path)
    rows = read_submitted(submitted)
    plan = load_plan(plan_path, catalog) if plan_path else None
    with Store(db) as store:
        if ingest:
            ingest_folder(folder, store, IngestOptions(workers=workers, catalog=catalog_path), progress)
            where = str(Path(folder).resolve())
        else:
            where = next((d.root for d in store.documents() if d.root), str(folder))
        return build_audit(store, rows, catalog, year, where, plan, submitted_sha=sha256_file(submitted))


def write_outputs(audit: dict, out_dir: Path) -> list[Path]:
    """audit.json, audit.xlsx and (when the module exists) report.html; returns the paths written."""
    from ecoaudit.report_xlsx import write_xlsx

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "audit.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(audit, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(target)
    written = [target, write_xlsx(audit, out_dir)]
    try:
        from ecoaudit.report_html import write_report
    except ImportError:
        log.info("ecoaudit.report_html not available yet: report.html skipped")
    else:
        written.append(write_report(audit, out_dir))
    return written

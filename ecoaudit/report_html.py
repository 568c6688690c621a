"""report.html: the pre-inspection report a person reads, rendered from the audit.json dict only.

One self-contained file: styles inline, evidence crops embedded as data URIs, no scripts, no links that leave the
output folder. Every string from a document goes through Jinja2 autoescaping.
"""
from __future__ import annotations

import base64
import logging
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ecoaudit.crops import CropRequest, render_crop

log = logging.getLogger(__name__)

STATUS_LABELS = {
    "corroborated": "已佐证",
    "mismatch": "数值不一致",
    "no_evidence": "缺少证明材料",
    "out_of_period": "材料不在评价期",
    "unresolved": "指标名称无法识别",
}
STATUS_ORDER = ("corroborated", "mismatch", "out_of_period", "no_evidence", "unresolved")
CHECK_LABELS = {"pass": "通过", "fail": "未通过", "warn": "需关注"}
CHECK_NAMES = {
    "quarterly_minutes": "每季度生态环境保护会议纪要",
    "evidence_in_period": "材料日期在评价期内",
    "budget_passed_by_npc": "预算经县人民代表大会审议通过",
    "scans_sealed": "扫描件加盖公章",
    "unreadable_files": "无法读取的文件",
    "land_class_sum": "各地类面积之和等于县域面积",
    "drafts_not_evidence": "草稿（征求意见稿等）不作为证明材料",
    "derived_rates": "比率由分子分母复核",
}
DOC_TYPE_LABELS = {
    "meeting_minutes": "会议纪要/记录",
    "budget_document": "预算文件",
    "payment_voucher": "支付凭证",
    "acceptance_report": "验收报告",
    "monitoring_report": "监测/统计报告",
    "ledger": "台账/名单",
    "plan": "规划/方案",
    "notice": "通知/批复",
    "other": "其他",
}
MAX_CROPS_PER_INDICATOR = 3  # the report shows the strongest evidence; audit.xlsx lists all of it


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ecoaudit", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["status_label"] = lambda s: STATUS_LABELS.get(s, s or "")
    env.filters["check_label"] = lambda s: CHECK_LABELS.get(s, s or "")
    env.filters["check_name"] = lambda s: CHECK_NAMES.get(s, s or "")
    env.filters["doc_type_label"] = lambda s: DOC_TYPE_LABELS.get(s, s or "未分类")
    env.filters["num"] = _format_number
    return env


def _format_number(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = str(value)
    try:
        from decimal import Decimal, InvalidOperation

        d = Decimal(text)
    except (ArithmeticError, ValueError, InvalidOperation):
        return text
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():f}"


def _department_rows(indicators: list[dict]) -> list[dict]:
    per: dict[str, Counter] = defaultdict(Counter)
    for ind in indicators:
        per[ind.get("department") or "未指定部门"][ind.get("status") or "unresolved"] += 1
    rows = []
    for dept, counts in sorted(per.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        total = sum(counts.values())
        segments = [
            {"status": s, "count": counts[s], "pct": round(100.0 * counts[s] / total, 1)}
            for s in STATUS_ORDER
            if counts[s]
        ]
        rows.append({"department": dept, "total": total, "segments": segments})
    return rows


def _crop_uri(root: Path | None, ev: dict) -> str | None:
    if root is None or not ev.get("bbox") or not ev.get("page") or not ev.get("path"):
        return None
    try:
        data = render_crop(root, CropRequest(ev["path"], int(ev["page"]), tuple(ev["bbox"]), int(ev.get("rotation") or 0)))
    except (OSError, ValueError) as exc:  # unreadable file on disk: the report shows the snippet instead
        log.warning("no crop for %s p%s: %s", ev.get("path"), ev.get("page"), exc)
        return None
    if data is None:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def build_context(audit: dict, evidence_root: Path | None) -> dict:
    needed = {
        (g.get("department"), item.get("id")): item.get("needed")
        for g in audit.get("gaps", [])
        for item in g.get("items", [])
        if item.get("kind") == "indicator"
    }
    indicators = [dict(i) for i in audit.get("indicators", [])]
    for ind in indicators:
        ind["needed"] = needed.get((ind.get("department"), ind.get("indicator_id")))
        evidence = [dict(e) for e in ind.get("evidence", [])]
        for n, ev in enumerate(evidence):
            ev["crop"] = _crop_uri(evidence_root, ev) if n < MAX_CROPS_PER_INDICATOR else None
        ind["evidence"] = evidence
    by_dept: dict[str, list[dict]] = defaultdict(list)
    for ind in indicators:
        by_dept[ind.get("department") or "未指定部门"].append(ind)
    counts = Counter(i.get("status") for i in indicators)
    checks = audit.get("checks", [])
    documents = audit.get("documents", [])
    return {
        "audit": audit,
        "status_cards": [{"status": s, "count": counts.get(s, 0)} for s in STATUS_ORDER],
        "total_indicators": len(indicators),
        "department_rows": _department_rows(indicators),
        "indicators_by_department": sorted(by_dept.items()),
        "failed_checks": [c for c in checks if c.get("status") in ("fail", "warn")],
        "checks": checks,
        "errors": [d for d in documents if d.get("status") == "error"],
        "documents": documents,
        "gaps": audit.get("gaps", []),
        "deadlines": audit.get("deadlines", []),
        "unassigned": audit.get("unassigned", []),
    }


def write_report(audit: dict, out_dir: Path, evidence_root: Path | None = None) -> Path:
    """Write ``out_dir/report.html`` from the audit dict; crops are read from ``evidence_root`` (default: the
    audit's ``folder``). Returns the path written."""
    if evidence_root is None and audit.get("folder"):
        evidence_root = Path(audit["folder"])
    if evidence_root is not None and not evidence_root.is_dir():
        log.warning("evidence folder %s not found: report without crops", evidence_root)
        evidence_root = None
    html = _environment().get_template("report.html.j2").render(**build_context(audit, evidence_root))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "report.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(target)
    return target

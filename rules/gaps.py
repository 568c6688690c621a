"""Gap list: indicators lacking acceptable evidence and failed checks, grouped by responsible department, each with
the evidence that would close it (from the catalog's evidence types, in Chinese)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rules.checks import CheckResult
from rules.reconcile import BUDGET_ONLY_NOTE, attr

UNASSIGNED_DEPARTMENT = "未指定部门"
EVIDENCE_TYPE_NEEDS = {
    "meeting_minutes": "县委、县政府研究部署生态环境保护工作的会议纪要/记录（meeting_minutes）",
    "budget_document": "经县人民代表大会审议通过的年度预算报告及预算执行/支出表（budget_document）",
    "payment_voucher": "资金拨付/支付凭证或银行回单（payment_voucher）",
    "acceptance_report": "竣工验收报告或验收意见（acceptance_report）",
    "monitoring_report": "评价年的监测报告、统计报表或统计公报（monitoring_report）",
    "ledger": "评价年的运行台账、清运/处理台账或名单（ledger）",
    "plan": "已印发的规划/实施方案及其批复（plan）",
    "notice": "正式印发的通知、批复或命名文件（notice）",
    "other": "加盖公章的情况说明、信息表或照片等材料（other）",
}
STATUS_NEEDS = {
    "mismatch": "核对填报值与材料数值，更正填报值或补充能支持填报值的材料",
    "out_of_period": "补充评价年（{window}）的材料，替换其他年度的材料",
    "no_evidence": "需提供：{types}",
    "unresolved": "指标名称无法识别：请按指标目录的名称填写",
}
CHECK_NAMES = {
    "quarterly_minutes": "每季度生态环境保护会议纪要",
    "evidence_in_period": "证明材料在评价期内",
    "budget_passed_by_npc": "预算经县人大审议通过",
    "scans_sealed": "扫描件加盖公章",
    "unreadable_files": "文件可读",
    "land_class_sum": "地类面积之和等于县域面积",
    "drafts_not_evidence": "草案不作为证明材料",
    "derived_rates": "比率可由分子分母复算",
}
CHECK_DEPARTMENTS = {  # lead department per check (domain README §6); path-based checks use the file's folder
    "quarterly_minutes": "政府办公室",
    "budget_passed_by_npc": "财政局",
    "land_class_sum": "自然资源局",
    "derived_rates": "生态环境分局",
}
CHECK_NEEDS = {
    "quarterly_minutes": "需提供：{missing}县委、县政府研究部署生态环境保护工作的会议纪要（meeting_minutes）；会议通知不能代替纪要",
    "budget_passed_by_npc": "需提供：经县人民代表大会审议通过的年度预算报告或人大决议（budget_document）",
    "scans_sealed": "提供加盖公章的原件扫描件",
    "unreadable_files": "重新提供可打开的文件（未加密、未损坏的 PDF/Word/Excel/图片）",
    "land_class_sum": "核对土地利用现状数据，使各地类面积之和等于县域面积",
    "drafts_not_evidence": "以正式印发的文件替换征求意见稿/送审稿/草案",
    "evidence_in_period": "补充评价期内的材料",
    "derived_rates": "核对比率及其分子、分母，使填报比率可复算",
}
ACTUAL_FIGURES_NEEDED = "评价年的决算表或预算执行情况（决算数/执行数/实际支出）；预算数（安排数）不能佐证实际支出"
QUARTER_CN = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}


@dataclass(frozen=True)
class GapItem:
    kind: str  # indicator | check
    id: str
    name: str
    status: str
    needed: str


def evidence_needed(indicator: Any) -> str:
    types = list(attr(indicator, "evidence_types") or [])
    return "；".join(EVIDENCE_TYPE_NEEDS.get(t, t) for t in types) or "能证明该数值的正式材料"


def indicator_gap(indicator: Any, indicator_id: str | None, name: str, status: str, window: str,
                  difference: str | None = None, notes: tuple[str, ...] | list[str] = ()) -> GapItem | None:
    """The gap of a non-corroborated row; ``notes`` of the reconciliation refine what is needed (a row with only
    budgeted figures needs the 决算/执行数, not more budget documents)."""
    if status == "corroborated":
        return None
    template = STATUS_NEEDS.get(status, STATUS_NEEDS["no_evidence"])
    types = evidence_needed(indicator) if indicator is not None else ""
    if status == "no_evidence" and any(n.startswith(BUDGET_ONLY_NOTE) for n in notes):
        types = ACTUAL_FIGURES_NEEDED
    needed = template.format(types=types, window=window)
    if status == "mismatch":
        needed += f"（{difference}）" if difference else ""
        needed += ("；可作证的材料：" + evidence_needed(indicator)) if indicator is not None else ""
    return GapItem("indicator", indicator_id or name, name, status, needed)


def check_gaps(check: CheckResult, department_of_path: Any) -> list[tuple[str, GapItem]]:
    """(department, item) pairs for a failed or warned check."""
    if check.status == "pass":
        return []
    needed = CHECK_NEEDS.get(check.id, "请核对")
    if check.id == "quarterly_minutes":
        needed = needed.format(missing="、".join(QUARTER_CN.get(m, m) for m in check.missing))
    name = CHECK_NAMES.get(check.id, check.id)
    if check.id in CHECK_DEPARTMENTS or not check.paths:
        dept = CHECK_DEPARTMENTS.get(check.id, UNASSIGNED_DEPARTMENT)
        return [(dept, GapItem("check", check.id, name, check.status, needed))]
    per: dict[str, list[str]] = defaultdict(list)
    for p in check.paths:
        per[department_of_path(p) or UNASSIGNED_DEPARTMENT].append(p)
    return [(dept, GapItem("check", check.id, name, check.status, f"{needed}：{'、'.join(paths[:6])}"))
            for dept, paths in sorted(per.items())]


def group_gaps(pairs: list[tuple[str | None, GapItem]]) -> list[dict]:
    """Group (department, item) pairs into the audit.json ``gaps`` list (departments sorted, items in order)."""
    per: dict[str, list[GapItem]] = defaultdict(list)
    for dept, item in pairs:
        per[dept or UNASSIGNED_DEPARTMENT].append(item)
    return [{"department": dept, "items": [item.__dict__.copy() for item in items]}
            for dept, items in sorted(per.items(), key=lambda kv: (kv[0] == UNASSIGNED_DEPARTMENT, kv[0]))]

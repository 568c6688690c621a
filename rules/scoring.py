"""Evidence-gated scoring: only corroborated values are scored, and only by a rule whose thresholds are known.

The 十四五 pack records ranges (EM′管理 −1.5…+1.5) and counting rules (60/60) but no thresholds or points for any
indicator (domain README §9), so in practice every indicator is reported ``scored: false`` with the reason. A pack
that does provide thresholds gives ``scoring.rule`` as a mapping::

    {"type": "thresholds", "levels": [{"at_least": "95", "points": "0.2"}, {"at_least": "85", "points": "0.1"}]}

(levels checked from the first; the value is compared in the indicator's catalog unit). ΔEI is never computed.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from rules.reconcile import attr

RULE_MISSING = "评分规则未知（rule missing）"
STATUS_REASONS = {
    "mismatch": "填报值与证明材料不一致，不评分",
    "no_evidence": "缺少证明材料，不评分",
    "out_of_period": "证明材料不在评价期内，不评分",
    "unresolved": "指标名称无法对应到指标目录，不评分",
}
NEVER_SCORED_KINDS = frozenset({"composite"})  # ΔEI and its parts are computed nationally, never by ecoaudit


@dataclass(frozen=True)
class Score:
    scored: bool
    score: Decimal | None
    reason: str


def _threshold_points(rule: Any, value: Decimal) -> Decimal | None:
    if not isinstance(rule, dict) or rule.get("type") != "thresholds":
        return None
    try:
        for level in rule.get("levels") or []:
            if value >= Decimal(str(level["at_least"])):
                return Decimal(str(level["points"]))
    except (KeyError, InvalidOperation, TypeError):
        return None
    return Decimal(0) if rule.get("levels") else None


def score_indicator(indicator: Any, status: str, value: Decimal | None) -> Score:
    """Score one indicator. ``value`` is the corroborated value in the indicator's catalog unit."""
    if status != "corroborated":
        return Score(False, None, STATUS_REASONS.get(status, f"状态为 {status}，不评分"))
    if attr(indicator, "kind") in NEVER_SCORED_KINDS:
        return Score(False, None, "综合结果（ΔEI 及其组成）由国家端计算，本工具不计算")
    scoring = attr(indicator, "scoring") or {}
    known, rule = attr(scoring, "known", False), attr(scoring, "rule")
    if known and rule is not None and value is not None:
        points = _threshold_points(rule, value)
        if points is not None:
            return Score(True, points, f"按评分规则计分：{rule}")
    detail = f"；已知规则：{rule}" if rule else ""  # the pack's note (English research notes) stays in the catalog
    return Score(False, None, RULE_MISSING + detail)

"""`audit --plan`: the county's own plan decides who supplies an indicator, and says so when the catalog differs."""
from __future__ import annotations

from pathlib import Path

from ecoaudit.audit import run_audit

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"

PLAN = """青川县2024年国家重点生态功能区县域生态环境质量考核工作实施方案
一、职责分工
县水利局：负责提供化肥施用量（折纯）、农药使用量等统计数据。
县生态环境分局：负责提供农村生活污水治理率证明材料，于2024年10月20日前报送自查报告。
"""


def test_plan_assignment_wins_and_is_explained(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    audit = run_audit(SAMPLES / "package", SAMPLES / "submitted.xlsx", 2024, tmp_path / "idx.sqlite",
                      plan_path=plan, workers=0)
    by_id = {i["indicator_id"]: i for i in audit["indicators"] if i["indicator_id"]}
    fert = by_id["fertilizer_use"]
    assert fert["department"] == "水利局" and fert["department_source"] == "plan"
    assert any("以县实施方案为准" in n and "农业农村局" in n for n in fert["notes"])
    sewage = by_id["rural_sewage_treatment_rate"]
    assert sewage["department"] == "生态环境分局"
    assert not any("以县实施方案为准" in n for n in sewage["notes"])  # plan and catalog agree: nothing to explain
    assert audit["unassigned"]  # a two-line plan leaves most catalog indicators to nobody
    assert any(d["date"] == "2024-10-20" for d in audit["deadlines"])

"""End to end: `ecoaudit audit` / `gaps` on corpus/samples via CliRunner, audit.json against the ecoaudit.audit/1
schema, audit.xlsx layout, and the evaluation against labels.json (false corroborations must be 0)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ecoaudit.audit_schema import validate_audit
from ecoaudit.cli import cli
from ecoaudit.eval_audit import evaluate_audit
from ecoaudit.report_xlsx import write_xlsx
from tests.conftest import SAMPLES
from tests.report_fixtures import sample_audit


needs_samples = pytest.mark.skipif(not (SAMPLES / "labels.json").is_file(), reason="corpus/samples not generated")


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, Path, Path]:
    if not (SAMPLES / "labels.json").is_file():
        pytest.skip("corpus/samples not generated")
    labels = json.loads((SAMPLES / "labels.json").read_text(encoding="utf-8"))
    tmp = tmp_path_factory.mktemp("audit")
    db, out = tmp / "index.sqlite", tmp / "out"
    args = ["audit", str(SAMPLES / labels["folder"]), "--submitted", str(SAMPLES / labels["submitted"]),
            "--year", str(labels["year"]), "--db", str(db), "--out", str(out), "--workers", "1"]
    if labels.get("plan"):
        args += ["--plan", str(SAMPLES / labels["plan"])]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "已输出" in result.output and "指标" in result.output
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return audit, labels, db, out


@needs_samples
def test_audit_json_validates_and_lists_every_file(sample_run) -> None:
    audit, labels, _, out = sample_run
    assert validate_audit(audit) == []
    assert audit["year"] == labels["year"] and audit["schema"] == "ecoaudit.audit/1"
    paths = {d["path"] for d in audit["documents"]}
    assert {f["path"] for f in labels["files"]} <= paths
    errors = {d["path"] for d in audit["documents"] if d["status"] == "error"}
    assert errors == {f["path"] for f in labels["files"] if f["status"] == "error"}
    assert all(d["error"] for d in audit["documents"] if d["status"] == "error")
    assert (out / "audit.xlsx").is_file()


@needs_samples
def test_recomputed_rates_carry_their_derived_value(sample_run) -> None:
    audit = sample_run[0]
    by_id = {i["indicator_id"]: i for i in audit["indicators"]}
    sewage = by_id["urban_sewage_treatment_rate"]["derived"]
    assert sewage["how"] == "由分项数值按公式复算" and sewage["unit"] == "%"
    assert abs(float(sewage["value"]) - 95.23) < 0.01  # treated ÷ total volume from the plant ledger
    assert all(i["derived"] is None for i in audit["indicators"] if i["status"] == "unresolved")


@needs_samples
def test_every_submitted_row_resolved_as_labelled_and_never_falsely_corroborated(sample_run) -> None:
    audit, labels, _, _ = sample_run
    got = {i["submitted_name"]: i for i in audit["indicators"]}
    assert len(audit["indicators"]) == len(labels["indicators"])
    for lab in labels["indicators"]:
        row = got[lab["submitted_name"]]
        assert row["indicator_id"] == lab["indicator"], lab["submitted_name"]
        assert row["status"] == lab["expected_status"], (lab["submitted_name"], row["status"], row["notes"])
        assert not row["scored"] and row["score"] is None  # no pack thresholds: nothing may be scored
        if row["status"] == "corroborated":
            assert any(e["counted"] and e["agrees"] for e in row["evidence"]) or any("复算" in n for n in row["notes"])
        if row["status"] == "mismatch":
            assert row["difference"] and lab["evidence_value"] in row["difference"].replace(",", "")
    result = evaluate_audit(audit, labels)
    assert result["false_corroborations"] == 0, result["false_corroboration_rows"]
    assert result["status_accuracy"] == 1.0 and result["value_accuracy"] == 1.0, result["details"]


@needs_samples
def test_checks_match_labels_where_the_evidence_is_indexed(sample_run) -> None:
    audit, labels, _, _ = sample_run
    checks = {c["id"]: c for c in audit["checks"]}
    assert list(checks) == ["quarterly_minutes", "evidence_in_period", "budget_passed_by_npc", "scans_sealed",
                            "unreadable_files", "land_class_sum", "drafts_not_evidence", "derived_rates"]
    expected = {c["id"]: c for c in labels["checks"]}
    for cid, lab in expected.items():
        assert checks[cid]["status"] == lab["status"], checks[cid]
    unreadable = {f["path"] for f in labels["files"] if f["status"] == "error"}
    assert set(checks["unreadable_files"]["paths"]) == unreadable
    assert checks["quarterly_minutes"]["missing"] == expected["quarterly_minutes"]["missing"]
    gaps = {g["department"]: g["items"] for g in audit["gaps"]}
    assert any(i["id"] == "quarterly_minutes" for items in gaps.values() for i in items)


@needs_samples
def test_gaps_command_reads_the_existing_index(sample_run) -> None:
    audit, labels, db, _ = sample_run
    args = ["gaps", "--db", str(db), "--submitted", str(SAMPLES / labels["submitted"]), "--year", str(labels["year"])]
    if labels.get("plan"):
        args += ["--plan", str(SAMPLES / labels["plan"])]
    result = CliRunner().invoke(cli, args + ["--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == audit["gaps"]
    text = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "【" in text.output and "需提供" in text.output
    missing = CliRunner().invoke(cli, ["gaps", "--db", str(db.parent / "none.sqlite"), "--submitted",
                                       str(SAMPLES / labels["submitted"]), "--year", "2024"])
    assert missing.exit_code != 0 and "找不到索引数据库" in missing.output


def test_schema_validator_rejects_broken_audits(tmp_path: Path) -> None:
    audit = sample_audit(tmp_path)
    audit["summary"] = {s: 0 for s in ("corroborated", "mismatch", "no_evidence", "out_of_period", "unresolved",
                                        "indicators", "documents", "errors", "checks_failed")}
    assert validate_audit(audit) == []
    bad = copy.deepcopy(audit)
    bad["indicators"][0]["status"] = "verified"
    bad["checks"][0]["id"] = "minutes"
    del bad["documents"][0]["sha256"]
    bad["indicators"][1]["submitted"]["value"] = "5,200"
    errors = validate_audit(bad)
    assert any("indicators[0].status" in e for e in errors)
    assert any("checks[0].id" in e for e in errors)
    assert any("缺少字段 sha256" in e for e in errors)
    assert any("submitted.value" in e for e in errors)


def test_xlsx_rendered_from_the_audit_dict(tmp_path: Path) -> None:
    path = write_xlsx(sample_audit(tmp_path), tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["指标核查", "部门缺口", "检查项", "文件清单"]
    ind = wb["指标核查"]
    assert ind["B1"].value == "填报指标名称" and ind.freeze_panes == "A2" and ind.auto_filter.ref.startswith("A1:")
    rows = list(ind.iter_rows(min_row=2, values_only=True))
    assert [r[8] for r in rows] == ["已佐证", "数值不一致", "指标名称无法识别"]
    assert ind.column_dimensions["B"].width >= 10
    assert wb["检查项"]["B2"].value == "未通过" and wb["检查项"]["D2"].value == "Q3"
    gap_departments = [g["department"] for g in sample_audit(tmp_path)["gaps"]]  # rendered in the dict's order
    assert wb["文件清单"].max_row == 3
    assert [wb["部门缺口"].cell(row=n + 2, column=1).value for n in range(len(gap_departments))] == gap_departments


def test_evaluate_counts_false_corroborations_separately(tmp_path: Path) -> None:
    audit = sample_audit(tmp_path)
    labels = {"indicators": [
        {"submitted_name": "生活垃圾清运量", "expected_status": "corroborated", "evidence_value": "32000",
         "evidence_unit": "吨"},
        {"submitted_name": "化肥施用量（折纯）", "expected_status": "corroborated", "evidence_value": "5200",
         "evidence_unit": "吨"},
        {"submitted_name": "办公用品采购数量", "expected_status": "unresolved"},
        {"submitted_name": "不在表中的指标", "expected_status": "no_evidence"},
    ], "checks": [{"id": "quarterly_minutes", "status": "fail", "missing": ["Q3"]}]}
    for ev in audit["indicators"][0]["evidence"] + audit["indicators"][1]["evidence"]:
        ev.update(counted=True, agrees=ev["value"] == "32000")
    result = evaluate_audit(audit, labels)
    assert (result["rows"], result["status_correct"], result["false_corroborations"]) == (4, 2, 0)
    assert (result["value_rows"], result["value_correct"]) == (2, 1)  # 3.2万吨 row: 32000 吨 evidence matches
    assert result["checks"][0]["ok"] and result["checks_correct"] == 1
    labels["indicators"][0]["expected_status"] = "mismatch"
    bad = evaluate_audit(audit, labels)
    assert bad["false_corroborations"] == 1 and bad["false_corroboration_rows"][0]["submitted_name"] == "生活垃圾清运量"


def test_headline_flattens_other_areas_metrics() -> None:
    from ecoaudit.cmd_audit import _headline

    got = _headline({"definition": "x" * 200, "recall": 0.8, "text_layer": {"precision": 0.9, "files": ["a"]},
                     "nested": {"deeper": {"a": 1}}})
    assert got == {"recall": 0.8, "text_layer.precision": 0.9}


def test_bad_submitted_sheet_fails_before_ingesting(tmp_path: Path) -> None:
    from extract.errors import BadInputError

    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "说明.txt").write_text("关于2024年度未发生突发环境事件的情况说明", encoding="utf-8")
    sheet = tmp_path / "填报.csv"
    sheet.write_text("甲,乙\n1,2\n", encoding="utf-8")
    db = tmp_path / "index.sqlite"
    result = CliRunner().invoke(cli, ["audit", str(folder), "--submitted", str(sheet), "--year", "2024",
                                      "--db", str(db), "--out", str(tmp_path / "out"), "--workers", "0"])
    assert result.exit_code != 0
    assert isinstance(result.exception, BadInputError) and "表头" in result.exception.message
    assert not db.exists() and not (tmp_path / "out").exists()


def test_a_copy_of_the_submitted_sheet_in_the_folder_never_corroborates(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "指标名称", "填报值", "单位", "填报单位"])
    ws.append([1, "生活垃圾清运量", 3.2, "万吨", "县城管局"])
    ws.append([2, "城镇生活垃圾无害化处理率", 100, "%", "县城管局"])
    sheet = tmp_path / "submitted.xlsx"
    wb.save(sheet)
    folder = tmp_path / "材料" / "城管局"
    folder.mkdir(parents=True)
    (folder / "2024年数据.xlsx").write_bytes(sheet.read_bytes())  # innocuous name: only the bytes give it away
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", str(folder.parent), "--submitted", str(sheet), "--year", "2024",
                                      "--db", str(tmp_path / "db.sqlite"), "--out", str(out), "--workers", "0"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert validate_audit(audit) == []
    assert [i["status"] for i in audit["indicators"]] == ["no_evidence", "no_evidence"]
    notes = [e["note"] for i in audit["indicators"] for e in i["evidence"]]
    assert notes and all("填报信息表" in (n or "") for n in notes)
    checks = {c["id"]: c for c in audit["checks"]}
    assert checks["quarterly_minutes"]["missing"] == ["Q1", "Q2", "Q3", "Q4"]
    assert checks["budget_passed_by_npc"]["status"] == "fail"


def test_final_accounts_outrank_the_budget_and_feed_the_share(tmp_path: Path) -> None:
    """A 决算表 (actual, in 元) and a 人大 resolution (budgeted, in 亿元) for the same year: the actual figures
    corroborate, the budget is listed but not compared, and the share is recomputed from the corroborated inputs."""
    import docx

    folder = tmp_path / "材料" / "财政局"
    folder.mkdir(parents=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某县2023年一般公共预算支出决算表"])
    ws.append(["单位：元"])
    ws.append(["项目", "决算数"])
    ws.append(["一般公共预算支出合计", 2416800000])
    ws.append(["生态环境保护与治理支出合计", 186354200])
    ws.append(["编制单位：某县财政局", "2024年6月20日"])
    wb.save(folder / "2023年一般公共预算支出决算表.xlsx")
    d = docx.Document()
    d.add_heading("某县人民代表大会关于2022年预算执行情况和2023年预算的决议", 1)
    d.add_paragraph("（2023年1月12日某县第十七届人民代表大会第三次会议通过）")
    d.add_paragraph("会议批准2023年县级预算。2023年全县一般公共预算支出安排23.50亿元，"
                    "其中生态环境保护与治理支出预算1.28亿元。")
    d.save(str(folder / "人大关于2022年预算执行情况和2023年预算的决议.docx"))
    sheet = tmp_path / "submitted.csv"
    sheet.write_text("指标名称,填报值,单位\n生态环境保护与治理支出,18635.42,万元\n一般公共预算支出,24.168,亿元\n"
                     "生态环境保护与治理投入占比,7.71,%\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["audit", str(folder.parent), "--submitted", str(sheet), "--year", "2023",
                                      "--db", str(tmp_path / "db.sqlite"), "--out", str(out), "--workers", "0"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert validate_audit(audit) == []
    got = {i["indicator_id"]: i for i in audit["indicators"]}
    assert got["eco_investment_amount"]["status"] == "corroborated", got["eco_investment_amount"]
    assert got["fiscal_total_expenditure"]["status"] == "corroborated", got["fiscal_total_expenditure"]
    share = got["eco_investment_share"]
    assert share["status"] == "corroborated" and any("复算为 7.71" in n for n in share["notes"]), share
    budget = [e for e in got["fiscal_total_expenditure"]["evidence"] if "决议" in e["path"]]
    assert budget and all(not e["counted"] and "预算数" in (e["note"] or "") for e in budget)
    checks = {c["id"]: c for c in audit["checks"]}
    assert checks["evidence_in_period"]["status"] == "pass", checks["evidence_in_period"]


@needs_samples
@pytest.mark.slow
def test_evaluate_command_prints_the_figures_a_reviewer_asks_for() -> None:
    result = CliRunner().invoke(cli, ["evaluate", "--samples", str(SAMPLES), "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "FALSE CORROBORATIONS: 0" in out
    assert "混淆矩阵" in out and "meeting_minutes" in out  # doc-type confusion matrix, one row per type
    assert "doc-type accuracy: 26/26" in out
    assert "links on exhaustively labelled files: precision" in out and "recall" in out

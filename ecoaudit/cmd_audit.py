"""CLI: ``ecoaudit audit`` (ingest + reconcile + audit.json/xlsx/html), ``ecoaudit gaps`` (gap list from an existing
index) and ``ecoaudit evaluate`` (the sample package against its labels)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ecoaudit.report_xlsx import CHECK_CN, STATUS_CN

DEFAULT_DB = "ecoaudit.sqlite"

_year = click.option("--year", type=click.IntRange(2000, 2100), required=True, help="评价年度，如 2024 / evaluation year")
_submitted = click.option("--submitted", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
                          help="填报值表（XLSX、CSV 或含表格的 DOCX）/ submitted values sheet")
_db = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
                   help="证据索引数据库 / evidence index")
_catalog = click.option("--catalog", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                        help="指标目录包（默认内置十四五目录）/ catalog pack")


def _summary_lines(audit: dict) -> list[str]:
    s = audit["summary"]
    lines = [f"{audit['year']}年 指标 {s['indicators']} 项：" + "，".join(
        f"{STATUS_CN[k]} {s[k]}" for k in STATUS_CN if s.get(k))]
    lines.append(f"文件 {s['documents']} 个（无法读取 {s['errors']} 个）；检查项未通过 {s['checks_failed']} 项，"
                 f"需关注 {s.get('checks_warned', 0)} 项")
    for c in audit["checks"]:
        if c["status"] != "pass":
            lines.append(f"  [{CHECK_CN[c['status']]}] {c['id']}：{c['message'][:120]}")
    if audit.get("department_source") == "plan":
        lines.append("责任部门按县实施方案分配（实施方案优先于指标目录）")
    return lines


@click.command("audit", help="审核证明材料：入库（增量）、核对填报值、检查、缺口清单，输出 audit.json / audit.xlsx / report.html。")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_submitted
@_year
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("audit-out"),
              show_default=True, help="输出目录 / output directory")
@_db
@_catalog
@click.option("--plan", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="县实施方案（其部门分工优先于指标目录）/ the county's implementation plan")
@click.option("--workers", type=click.IntRange(0, 64), default=None, help="OCR 进程数（0 = 本进程）/ OCR workers")
def audit_cmd(folder: Path, submitted: Path, year: int, out_dir: Path, db: Path, catalog: Path | None,
              plan: Path | None, workers: int | None) -> None:
    from ecoaudit.audit import run_audit, write_outputs
    from evidence_index.progress import TerminalProgress

    progress = TerminalProgress(sys.stderr)
    audit = run_audit(folder, submitted, year, db, catalog, plan, workers, progress)
    paths = write_outputs(audit, out_dir)
    for line in _summary_lines(audit):
        click.echo(line)
    for p in paths:
        click.echo(f"已输出 / written: {p}")


@click.command("gaps", help="根据已有索引列出各部门缺口（不重新入库）/ gap list from an existing index.")
@_db
@_submitted
@_year
@_catalog
@click.option("--plan", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="县实施方案 / implementation plan")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON / print JSON")
def gaps_cmd(db: Path, submitted: Path, year: int, catalog: Path | None, plan: Path | None, as_json: bool) -> None:
    if not db.is_file():
        raise click.ClickException(f"找不到索引数据库：{db}（请先运行 ecoaudit ingest 或 ecoaudit audit）")
    from ecoaudit.audit import run_audit

    audit = run_audit(Path("."), submitted, year, db, catalog, plan, ingest=False)
    if as_json:
        click.echo(json.dumps(audit["gaps"], ensure_ascii=False, indent=2))
        return
    if not audit["gaps"]:
        click.echo("未发现缺口 / no gaps")
    for group in audit["gaps"]:
        click.echo(f"【{group['department']}】")
        for item in group["items"]:
            label = STATUS_CN.get(item["status"]) or CHECK_CN.get(item["status"], item["status"])
            click.echo(f"  - {item['name']}（{label}）：{item['needed']}")


@click.command("evaluate", help="用样例材料包评估：要素抽取 P/R、文件分类与指标关联、核查状态准确率与错误佐证数。")
@click.option("--samples", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("corpus/samples"), show_default=True, help="样例目录（含 labels.json）")
@click.option("--workers", type=click.IntRange(0, 64), default=None, help="OCR 进程数 / OCR workers")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON / print JSON")
def evaluate_cmd(samples: Path, workers: int | None, as_json: bool) -> None:
    from ecoaudit.eval_audit import run_evaluation

    if not (samples / "labels.json").is_file():
        raise click.ClickException(f"找不到 labels.json：{samples}")
    result = run_evaluation(samples, workers)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    a = result["audit"]
    click.echo("=" * 60)
    click.echo(f"错误佐证数 / FALSE CORROBORATIONS: {a['false_corroborations']}")
    for row in a["false_corroboration_rows"]:
        click.echo(f"  ! {row['submitted_name']}：应为 {row['expected']}，判为 corroborated")
    click.echo("=" * 60)
    click.echo(f"核查状态准确率 / status accuracy: {a['status_correct']}/{a['rows']} = {a['status_accuracy']}")
    click.echo(f"证据数值准确率 / value accuracy: {a['value_correct']}/{a['value_rows']} = {a['value_accuracy']}")
    for row in a["details"]:
        if not row["status_ok"]:
            click.echo(f"  × {row['submitted_name']}：应为 {row['expected']}，实为 {row['got']}")
    click.echo(f"检查项 / checks: {a['checks_correct']}/{len(a['checks'])} 与标注一致")
    for c in a["checks"]:
        if not c["ok"]:
            click.echo(f"  × {c['id']}：应为 {c['expected']} {c['expected_missing'] or ''}，"
                       f"实为 {c['got']} {c['got_missing'] or ''}")
    for key, title in (("facts", "要素抽取 / facts"), ("classification", "文件分类与指标关联 / classification")):
        if key in result:
            click.echo(f"{title}: " + json.dumps(_headline(result[key]), ensure_ascii=False, default=str))
        else:
            click.echo(f"{title}: 模块尚不可用 / not available")
    if "classification" in result:
        _echo_classification(result["classification"])


def _echo_classification(c: dict) -> None:
    """Document-type accuracy with its confusion matrix (rows: labelled type, columns: predicted), and link
    precision/recall: on labels.json (key links: recall) and on the exhaustively labelled files (both)."""
    dt = c.get("doc_type", {})
    confusion: dict[str, dict[str, int]] = dt.get("confusion", {})
    click.echo(f"文件类型准确率 / doc-type accuracy: {dt.get('correct')}/{dt.get('judged')} = {dt.get('accuracy')}")
    types = [t for t in confusion if sum(confusion[t].values()) or any(confusion[g][t] for g in confusion)]
    if types:
        width = max(len(t) for t in types)
        click.echo("混淆矩阵 / confusion matrix（行 = 标注类型，列 = 判定类型）")
        click.echo(" " * (width + 2) + " ".join(f"{n:>3}" for n in range(1, len(types) + 1)))
        for n, gold in enumerate(types, start=1):
            cells = " ".join(f"{confusion[gold][got]:>3}" for got in types)
            click.echo(f"{gold:<{width}}{n:>2} {cells}")
    links, complete = c.get("links", {}), c.get("links_complete", {})
    click.echo(f"指标关联（labels.json 关键链接）/ links: recall {links.get('recall')} "
               f"({links.get('matched')}/{links.get('labelled')})，value accuracy {links.get('value_accuracy')}")
    if complete:
        click.echo(f"指标关联（{complete.get('files')} 个完整标注文件）/ links on exhaustively labelled files: "
                   f"precision {complete.get('precision')}，recall {complete.get('recall')}，"
                   f"value accuracy {complete.get('value_accuracy')}")
    for miss in (complete.get("missed") or [])[:10]:
        click.echo(f"  漏 / missed: {miss.get('path')} {miss.get('indicator')} {miss.get('value') or ''}"
                   f"{miss.get('unit') or ''}（{miss.get('role')}）")
    for extra in (complete.get("spurious") or [])[:10]:
        click.echo(f"  多 / spurious: {extra.get('path')} {extra.get('indicator')} {extra.get('value') or ''}"
                   f"{extra.get('unit') or ''}（{extra.get('role')}）")


HEADLINE_MAX_TEXT = 60  # characters: longer strings (definitions, file lists) stay in --json only


def _headline(metrics: dict, prefix: str = "", depth: int = 0) -> dict:
    """Scalar metrics of another area's evaluation, one nesting level flattened (details are in --json)."""
    out: dict = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, bool) or isinstance(value, (int, float)) or value is None:
            out[name] = value
        elif isinstance(value, str) and len(value) <= HEADLINE_MAX_TEXT:
            out[name] = value
        elif isinstance(value, dict) and depth == 0:
            out.update(_headline(value, f"{name}.", 1))
    return out


COMMANDS: list[click.Command] = [audit_cmd, gaps_cmd, evaluate_cmd]

"""`ecoaudit report`: regenerate report.html from an existing audit.json."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ecoaudit.report_html import write_report


@click.command("report", help="根据已有的 audit.json 重新生成 report.html（迎检预审报告）。AUDIT 为 audit.json 或其所在目录。")
@click.argument("audit", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="输出目录（默认与 audit.json 相同）")
@click.option("--evidence", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="证明材料目录，用于生成证据截图（默认取 audit.json 中的 folder）")
def report(audit: Path, out_dir: Path | None, evidence: Path | None) -> None:
    path = audit / "audit.json" if audit.is_dir() else audit
    if not path.is_file():
        raise click.ClickException(f"找不到 audit.json：{path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"audit.json 无法解析：{path}（{exc}）") from exc
    if not str(data.get("schema", "")).startswith("ecoaudit.audit/"):
        raise click.ClickException(f"不是 ecoaudit 审核结果文件（schema={data.get('schema')!r}）：{path}")
    target = write_report(data, out_dir or path.parent, evidence)
    click.echo(f"报告已生成 / report written: {target}")


COMMANDS: list[click.Command] = [report]

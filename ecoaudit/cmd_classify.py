"""Classification commands: ``links`` (indicator evidence found in the index).

The command opens the index, resolves an indicator name through the catalog and prints the link records; errors of
the library (``EcoauditError``) become a clean exit 1 with the Chinese message.
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from extract.errors import EcoauditError

SNIPPET_CHARS = 60  # characters of the snippet shown per line in the readable listing


def _period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    if start == end or end is None:
        return start.isoformat() if start else ""
    return f"{start.isoformat() if start else '?'}～{end.isoformat()}"


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def link_rows(records: list[Any]) -> list[dict[str, Any]]:
    """Flatten LinkRecords (Link + file facts) into plain dicts for printing and JSON."""
    rows = []
    for rec in records:
        link = rec.link
        rows.append({
            "path": rec.path, "page": link.src.page_no, "indicator": link.indicator_id, "rule": link.rule,
            "matched": link.matched, "value": _text(link.value), "unit": link.unit or "",
            "canonical": _text(link.canonical), "canonical_unit": link.canonical_unit or "", "role": link.role,
            "score": link.score, "period": _period(link.period_start, link.period_end),
            "doc_type": rec.doc_type, "doc_date": rec.doc_date.isoformat() if rec.doc_date else None,
            "draft": rec.draft, "npc_passed": rec.npc_passed, "seal": rec.seal, "snippet": link.snippet,
        })
    return rows


def resolve_indicator(name: str, catalog_path: Path | None) -> str:
    """An indicator id from an id, a name or an alias; refuses (EcoauditError) when the catalog cannot tell."""
    from rules.catalog import load_catalog

    catalog = load_catalog(catalog_path)
    if name in catalog:
        return name
    res = catalog.resolve(name)
    if res.indicator_id is None:
        hints = "、".join(c[0] for c in res.candidates[:5])
        raise EcoauditError(f"无法识别指标名称：{name}" + (f"（相近：{hints}）" if hints else "") + " / unknown indicator")
    return res.indicator_id


@click.command("links", help="列出索引中各指标的证明材料链接（文件、页码、数值、角色、期间）。 / list indicator evidence links")
@click.option("--db", type=click.Path(path_type=Path), default=Path("ecoaudit.sqlite"), show_default=True,
              help="索引数据库路径 / index database")
@click.option("--indicator", "name", default=None, help="指标名称、别名或编号 / indicator name, alias or id")
@click.option("--catalog", type=click.Path(exists=True, path_type=Path), default=None,
              help="指标目录文件（默认：内置目录）/ indicator catalog")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出 / output JSON")
def links(db: Path, name: str | None, catalog: Path | None, as_json: bool) -> None:
    from evidence_index.store import Store

    try:
        if not db.is_file():
            raise EcoauditError(f"索引数据库不存在：{db}。请先运行 ecoaudit ingest 文件夹 / index not found")
        indicator_id = resolve_indicator(name, catalog) if name else None
        with Store(db) as store:
            rows = link_rows(store.links(indicator_id))
    except EcoauditError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("未找到指标证明材料链接 / no links" + (f"：{indicator_id}" if indicator_id else ""))
        return
    click.echo("文件\t页\t指标\t数值\t单位\t角色\t期间\t片段")
    for r in rows:
        snippet = r["snippet"].replace("\n", " ")[:SNIPPET_CHARS]
        click.echo(f"{r['path']}\t{r['page']}\t{r['indicator']}\t{r['value']}\t{r['unit']}\t{r['role']}\t"
                   f"{r['period']}\t{snippet}")
    click.echo(f"共 {len(rows)} 条 / {len(rows)} links")


COMMANDS: list[click.Command] = [links]

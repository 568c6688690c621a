"""Index commands: ``ingest`` (build/refresh the evidence index), ``docs``, ``search``, ``facts``.

Each command parses options, calls one library function of ``evidence_index`` and prints; library errors
(``EcoauditError``) become a clean exit 1 with the Chinese message.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from extract.errors import EcoauditError

DB_HELP = "索引数据库路径（默认：当前目录下的 ecoaudit.sqlite）/ index database"
JSON_HELP = "以 JSON 输出 / output JSON"


def _jsonable(value: Any) -> Any:
    if isinstance(value, (Decimal, date)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _dump(data: Any) -> None:
    click.echo(json.dumps(_jsonable(data), ensure_ascii=False, indent=2))


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except EcoauditError as exc:
        raise click.ClickException(str(exc)) from exc


def _open_existing(db: Path) -> Any:
    from evidence_index.store import Store

    if not db.is_file():
        raise EcoauditError(f"索引数据库不存在：{db}。请先运行 ecoaudit ingest 文件夹 / index not found")
    return Store(db)


@click.command("ingest", help="索引证据文件夹：识别格式、OCR 扫描页、抽取数字日期、分类并写入索引（增量，可中断后续跑）。"
                              " / ingest an evidence folder into the index")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), default=Path("ecoaudit.sqlite"), show_default=True, help=DB_HELP)
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="OCR 进程数（默认：CPU 核数 ÷ 线程数；0 表示在主进程内识别）/ OCR worker processes")
@click.option("--threads", type=click.IntRange(min=1), default=1, show_default=True, help="每个 OCR 进程的线程数 / threads per worker")
@click.option("--ocr-engine", type=click.Choice(["rapid", "paddle"]), default="rapid", show_default=True,
              help="OCR 引擎：rapid（RapidOCR，离线内置）或 paddle（需自行安装 PaddleOCR）/ OCR engine")
@click.option("--catalog", type=click.Path(exists=True, path_type=Path), default=None,
              help="指标目录文件或文件夹（默认：内置目录）/ indicator catalog")
def ingest(folder: Path, db: Path, workers: int | None, threads: int, ocr_engine: str, catalog: Path | None) -> None:
    from evidence_index.ingest import IngestOptions, check_folder, ingest_folder
    from evidence_index.progress import TerminalProgress, render_summary
    from evidence_index.store import Store

    with _errors():
        check_folder(folder, db)  # before creating the database: a missing folder leaves nothing behind
        options = IngestOptions(workers=workers, threads=threads, ocr_engine=ocr_engine, catalog=catalog)
        with Store(db) as store:
            summary = ingest_folder(folder, store, options, TerminalProgress(sys.stderr))
    click.echo(render_summary(summary))


DOC_FIELDS = ("path", "sha256", "format", "pages", "ocr_pages", "status", "error", "error_category", "duplicate_of",
              "doc_type", "doc_confidence", "subtype", "title", "doc_date", "period_start", "period_end",
              "doc_number", "draft", "npc_passed", "seal_pages", "ocr_share", "size")


@click.command("docs", help="列出索引中的全部文件：格式、页数、OCR 页数、状态、错误原因、重复来源、文档类型。 / list indexed files")
@click.option("--db", type=click.Path(path_type=Path), default=Path("ecoaudit.sqlite"), show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def docs(db: Path, as_json: bool) -> None:
    with _errors(), _open_existing(db) as store:
        records = store.documents()
    if as_json:
        return _dump([{k: getattr(r, k) for k in DOC_FIELDS} for r in records])
    for r in records:
        kind = r.doc_type or "-"
        conf = f"{r.doc_confidence:.2f}" if r.doc_confidence is not None else "-"
        note = (f"错误[{r.error_category}]：{r.error}" if r.status == "error"
                else f"重复于：{r.duplicate_of}" if r.status == "duplicate" else "")
        click.echo(f"{r.status:9} {r.format or '-':7} {r.pages:4}页 OCR {r.ocr_pages:3}  {kind:18} {conf:5}  {r.path}"
                   + (f"  {note}" if note else ""))
    counts: dict[str, int] = {}
    for r in records:
        counts[r.status] = counts.get(r.status, 0) + 1
    click.echo(f"共 {len(records)} 个文件：" + "，".join(f"{k} {v}" for k, v in sorted(counts.items())))


@click.command("search", help="在已索引文本中全文检索（中文，三字及以上走全文索引，一两个字逐块匹配）。 / full-text search")
@click.argument("query")
@click.option("--db", type=click.Path(path_type=Path), default=Path("ecoaudit.sqlite"), show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="最多返回条数 / max hits")
def search(query: str, db: Path, as_json: bool, limit: int) -> None:
    with _errors(), _open_existing(db) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        return _dump([asdict(h) for h in hits])
    if not hits:
        click.echo(f"未找到“{query}” / no hits")
    for h in hits:
        click.echo(f"{h.path}  第{h.page}页  {h.snippet}")


def fact_dict(fact: Any) -> dict[str, Any]:
    """The JSON shape of a Fact for ``ecoaudit facts``."""
    out: dict[str, Any] = {
        "id": fact.id, "kind": fact.kind, "text": fact.raw, "value": fact.value, "unit": fact.unit,
        "canonical_value": fact.canonical, "canonical_unit": fact.canonical_unit, "dimension": fact.dimension,
        "page": fact.src.page_no, "bbox": list(fact.src.bbox) if fact.src.bbox else None, "snippet": fact.snippet,
        "row_header": fact.row_header, "column_header": fact.column_header, "approx": fact.approx,
        "flags": list(fact.flags), "block_id": fact.block_id,
    }
    if fact.kind == "date":
        out["date"] = fact.start
    else:
        out["start"], out["end"] = fact.start, fact.end
    return out


def _fact_line(fact: Any) -> str:
    if fact.kind == "number":
        what = f"{fact.value} {fact.unit or ''}".strip()
        if fact.canonical is not None and (fact.canonical_unit != fact.unit or fact.canonical != fact.value):
            what += f" = {fact.canonical} {fact.canonical_unit}"
    elif fact.kind == "date":
        what = str(fact.start)
    else:
        what = f"{fact.start} ~ {fact.end}"
    return f"第{fact.src.page_no}页  {fact.kind:6} {fact.raw}  → {what}  | {fact.snippet[:60]}"


@click.command("facts", help="列出一个文件中的数字、日期和期间（已索引的文件按其在文件夹中的相对路径查询；"
                             "未索引的文件当场读取并识别）。 / facts of one file")
@click.argument("path")
@click.option("--db", type=click.Path(path_type=Path), default=Path("ecoaudit.sqlite"), show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def facts(path: str, db: Path, as_json: bool) -> None:
    from evidence_index.ingest import read_file_now
    from evidence_index.store import Store

    key = path.replace("\\", "/").removeprefix("./")
    with _errors():
        found: list[Any] | None = None
        on_disk = Path(path)
        if db.is_file():
            with Store(db) as store:
                rec = store.find(path)
                if rec is not None and rec.status == "error":
                    raise EcoauditError(f"{rec.path} 读取出错，没有可列出的内容：[{rec.error_category}] {rec.error}")
                if rec is not None and rec.sha256:
                    found = store.facts(rec.sha256)
                elif not on_disk.is_file():  # a new file inside an ingested folder, named relative to it
                    on_disk = next((Path(r) / key for r in store.roots() if (Path(r) / key).is_file()), on_disk)
        if found is None:
            doc, found = read_file_now(on_disk, display_path=key)
            if doc.status == "error":
                raise EcoauditError(f"{key} 无法读取：{doc.error}")
    if as_json:
        return _dump([fact_dict(f) for f in found])
    if not found:
        click.echo(f"{key}：未找到数字或日期 / no facts")
    for f in found:
        click.echo(_fact_line(f))


COMMANDS: list[click.Command] = [ingest, docs, search, facts]

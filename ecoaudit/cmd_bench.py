"""``ecoaudit bench``: OCR throughput and accuracy benchmark (ecoaudit's OCR path vs RapidOCR defaults)."""
from __future__ import annotations

import json
from pathlib import Path

import click

LABELS = {
    "pages": "页数 / pages",
    "sample_pages": "其中样例扫描页 / from samples",
    "engine": "引擎 / engine",
    "workers": "进程数 / workers",
    "threads": "每进程线程 / threads per worker",
    "ecoaudit_pages_per_min": "ecoaudit 速度（页/分钟）",
    "ecoaudit_startup_s": "ecoaudit 进程池启动（秒）",
    "ecoaudit_cpu_s_per_page": "ecoaudit 每页 CPU 秒（含模型加载）",
    "baseline_cpu_s_per_page": "RapidOCR() 每页 CPU 秒（含模型加载）",
    "baseline_pages_per_min": "RapidOCR() 默认速度（页/分钟）",
    "speedup": "加速比 / speedup",
    "ecoaudit_cer": "ecoaudit 字错率（去空白）/ CER",
    "ecoaudit_cer_strict": "ecoaudit 字错率（严格）/ strict CER",
    "baseline_cer": "RapidOCR() 字错率（去空白）",
    "baseline_cer_strict": "RapidOCR() 字错率（严格）",
    "peak_rss_mb": "ecoaudit 进程树峰值内存（MB）/ peak RSS",
    "baseline_peak_rss_mb": "RapidOCR() 进程峰值内存（MB）",
    "text_pages_per_s": "文本层 PDF 读取（页/秒）",
    "text_ingest_pages_per_s": "文本层 PDF 端到端入库（页/秒，含抽取、分类、写索引；三次的中位数）",
    "text_ingest_files_per_s": "文本层 PDF 端到端入库（文件/秒，每个 30 页）",
    "text_ingest_runs_pages_per_s": "文本层 PDF 端到端入库各次（页/秒，取中位数）/ runs (median above)",
    "sample_text_ingest_pages_per_s": "样例材料包文本层 PDF（含表格页）复制至 600 页的端到端入库（页/秒）",
    "unchanged_reingest_500_files_s": "500 个未变化文件重新入库（秒）",
    "sample_ingest_files": "样例材料包入库：文件数 / sample package files",
    "sample_ingest_pages": "样例材料包入库：页数",
    "sample_ingest_ocr_pages": "样例材料包入库：OCR 页数",
    "sample_ingest_s": "样例材料包入库：用时（秒）",
    "sample_ingest_files_per_s": "样例材料包入库：文件/秒",
    "load_avg_1min_before": "开始前 1 分钟平均负载 / load before",
    "load_avg_1min_after": "结束时 1 分钟平均负载 / load after",
    "cpu_reference_ms_before": "开始前 CPU 参照（毫秒，越小越快）/ CPU reference before",
    "cpu_reference_ms_after": "结束时 CPU 参照（毫秒，越小越快）/ CPU reference after",
    "cores": "CPU 核数 / cores",
}


@click.command("bench", help="OCR 性能基准：ecoaudit 的 OCR 流程与 RapidOCR() 默认设置对比 / OCR throughput benchmark.")
@click.option("--pages", "pages", type=click.IntRange(min=1), default=20, show_default=True, help="扫描页数 / pages")
@click.option("--engine", type=click.Choice(["rapid", "paddle"]), default="rapid", show_default=True, help="OCR 引擎")
@click.option("--workers", type=click.IntRange(min=0), default=None, help="OCR 进程数（默认：核数 ÷ 线程数）")
@click.option("--threads", type=click.IntRange(min=1), default=1, show_default=True, help="每个进程的推理线程数")
@click.option("--samples", "samples", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="样例目录（含 labels.json），默认 corpus/samples")
@click.option("--no-baseline", is_flag=True, help="不运行 RapidOCR() 默认设置的对照 / skip the baseline")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象 / print one JSON object")
def bench(pages: int, engine: str, workers: int | None, threads: int, samples: Path | None, no_baseline: bool,
          as_json: bool) -> None:
    from ecoaudit.bench import run_bench

    result = run_bench(pages, engine=engine, workers=workers, threads=threads, samples_dir=samples,
                       baseline=not no_baseline)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        click.echo(f"{LABELS.get(key, key)}: {value}")


COMMANDS: list[click.Command] = [bench]

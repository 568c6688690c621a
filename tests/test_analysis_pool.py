"""Parallel read-and-analyse workers: the same index as in-process analysis (text files, an OCRed scan, bad files,
zip members), and a worker that dies: retried alone, then recorded as an error while the run goes on."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from evidence_index import analysis_pool
from evidence_index.analysis_pool import AnalysisPool, start_method
from evidence_index.ingest import IngestOptions, ingest_folder
from evidence_index.store import Store
from tests.test_ingest import folder  # noqa: F401  (the mixed-format evidence folder fixture)

_REAL_READ = analysis_pool.read_and_analyse


def index_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of the content tables (no timestamps), sorted, so two indexes can be compared."""
    conn = sqlite3.connect(db)
    try:
        out = {
            "files": conn.execute("SELECT path, sha256, format, pages, ocr_pages, status, error_category, duplicate_of"
                                  " FROM files").fetchall(),
            "documents": conn.execute("SELECT sha256, doc_type, subtype, title, doc_date, period_start, period_end"
                                      " FROM documents").fetchall(),
        }
        for table in ("blocks", "facts", "links"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "rowid"]
            out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        return {k: sorted(v, key=repr) for k, v in out.items()}
    finally:
        conn.close()


@pytest.mark.slow
def test_parallel_analysis_builds_the_same_index(folder: Path, tmp_path: Path, cjk_font: str) -> None:  # noqa: F811
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1240, 500), "white")
    draw = ImageDraw.Draw(img)
    draw.text((80, 120), "污水处理厂运行情况报告", font=ImageFont.truetype(cjk_font, 56), fill="black")
    draw.text((80, 260), "2024年处理污水365万吨", font=ImageFont.truetype(cjk_font, 48), fill="black")
    img.save(folder / "扫描件.png")  # read in a worker, OCRed in this process, analysed in a worker again
    results = {}
    for workers in (0, 2):
        db = tmp_path / f"w{workers}.sqlite"
        with Store(db) as store:
            summary = ingest_folder(folder, store, IngestOptions(workers=0, analysis_workers=workers))
            assert store.integrity() == ["ok"]
            assert store.find("扫描件.png").ocr_pages == 1
        results[workers] = (summary.status_counts, summary.pages, summary.ocr_pages, index_rows(db))
    assert results[0][:3] == results[2][:3]
    for table, rows in results[0][3].items():
        assert rows == results[2][3][table], table
    assert results[2][3]["links"], "the evidence of the folder was linked"


def _dies_on_crash_files(catalog: str | None, path: str, display_path: str, sha256: str, dpi: int):
    """A reader that kills its worker on files named 崩溃* (like a native crash or the OOM killer would)."""
    if Path(path).name.startswith("崩溃"):
        os._exit(3)
    return _REAL_READ(catalog, path, display_path, sha256, dpi)


def _dies_once(catalog: str | None, path: str, display_path: str, sha256: str, dpi: int):
    marker = Path(path).with_name(".died-" + Path(path).name)
    if Path(path).name.startswith("崩溃") and not marker.exists():
        marker.write_text("x")
        os._exit(3)
    return _REAL_READ(catalog, path, display_path, sha256, dpi)


def _crash_folder(root: Path) -> Path:
    root.mkdir()
    for i in range(8):
        (root / f"记录{i}.txt").write_text(f"2024年投入生态环境保护资金{100 + i}万元。\n", encoding="utf-8")
    (root / "崩溃.txt").write_text("这个文件让读取进程崩溃。\n", encoding="utf-8")
    return root


def test_worker_that_dies_twice_is_recorded_and_the_run_goes_on(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = _crash_folder(tmp_path / "材料")
    monkeypatch.setattr(analysis_pool, "read_and_analyse", _dies_on_crash_files)
    with Store(tmp_path / "idx.sqlite") as store:
        summary = ingest_folder(root, store, IngestOptions(workers=0, analysis_workers=2))
        recs = {r.path: r for r in store.documents()}
        assert recs["崩溃.txt"].status == "error" and recs["崩溃.txt"].error_category == "worker_crash"
        assert "异常退出" in (recs["崩溃.txt"].error or "")
        # the files that shared the dead pool were retried alone and indexed
        assert all(recs[f"记录{i}.txt"].status == "ok" for i in range(8))
        assert summary.status_counts == {"ok": 8, "error": 1}
        assert store.integrity() == ["ok"]
        monkeypatch.setattr(analysis_pool, "read_and_analyse", _REAL_READ)
        again = ingest_folder(root, store, IngestOptions(workers=0, analysis_workers=2))
        assert again.read == 1 and store.find("崩溃.txt").status == "ok"  # no hash was kept: read again


def test_worker_that_dies_once_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _crash_folder(tmp_path / "材料")
    monkeypatch.setattr(analysis_pool, "read_and_analyse", _dies_once)
    with Store(tmp_path / "idx.sqlite") as store:
        summary = ingest_folder(root, store, IngestOptions(workers=0, analysis_workers=2))
        assert summary.status_counts == {"ok": 9}
        assert store.find("崩溃.txt").status == "ok"


def test_pool_in_process_and_bad_arguments(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("2024年城镇生活污水集中处理率为96.5%。\n", encoding="utf-8")
    with AnalysisPool(None, 0) as pool:
        result = pool.submit_read(str(tmp_path / "a.txt"), "a.txt", "0" * 64, 200).result()
        assert result.rows.status == "ok" and result.rows.page_count == 1 and not result.ocr_pages
        assert "urban_sewage_treatment_rate" in {row[2] for row in result.rows.links}  # (sha256, seq, indicator_id…
        missing = pool.submit_read(str(tmp_path / "无.txt"), "无.txt", "1" * 64, 200)
        assert isinstance(missing.exception(), OSError)  # delivered through the future, as from a worker
    with pytest.raises(Exception, match="分析进程数"):
        AnalysisPool(None, -1)
    with pytest.raises(Exception, match="分析进程数"):
        IngestOptions(analysis_workers=-1)


def test_workers_are_spawned_while_another_thread_runs() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_method() == "spawn"  # forking now could hand a held lock to the child
    finally:
        stop.set()
        thread.join()


def test_an_interrupted_pool_stops_its_busy_workers_at_once() -> None:
    import time

    from extract.workers import interrupted, stop_executor, worker_executor

    executor = worker_executor(1, "spawn", str, None)
    busy = executor.submit(time.sleep, 60)  # a page that would take a minute
    deadline = time.monotonic() + 30
    while not busy.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = list(executor._processes.values())
    started = time.monotonic()
    stop_executor(executor, abort=interrupted(KeyboardInterrupt))
    assert time.monotonic() - started < 20  # a graceful shutdown would wait for the minute-long task
    assert workers and not any(p.is_alive() for p in workers)
    assert not interrupted(ValueError) and not interrupted(None)

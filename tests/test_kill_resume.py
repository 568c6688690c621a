"""Kill-and-resume: an ingest subprocess is SIGKILLed mid-run (slowed by a store that sleeps inside each file's
transaction), then rerun: every file indexed exactly once, integrity ok, no orphan rows, same result as a clean run."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from evidence_index.ingest import IngestOptions, ingest_folder
from evidence_index.store import Store
from tests.test_ingest import gbk_zip, make_docx, make_xlsx

ROOT = Path(__file__).resolve().parent.parent
KILL_AFTER_FILES = 8  # rows in `files` before the kill: well inside the run of 45 rows
WAIT_S = 120.0  # generous bound for the subprocess to get going on a busy 2-core machine

CHILD = """
import sys, time
from evidence_index.ingest import IngestOptions, ingest_folder
from evidence_index.store import Store

class SlowStore(Store):
    # sleeps INSIDE each file's transaction, so the kill most likely lands mid-file
    def _insert_page(self, c, sha256, page):
        super()._insert_page(c, sha256, page)
        time.sleep(0.15)

ingest_folder(sys.argv[1], SlowStore(sys.argv[2]), IngestOptions(workers=0))
print("finished")
"""


def build_folder(root: Path) -> set[str]:
    """41 files on disk (txt, docx, xlsx, a zip of 4 members, a duplicate, an empty file) → 45 index rows."""
    paths: set[str] = set()
    for i in range(30):
        dept = ("财政局", "林业局", "生态环境局")[i % 3]
        (root / dept).mkdir(parents=True, exist_ok=True)
        p = root / dept / f"记录{i:02d}.txt"
        p.write_text(f"第{i}号：2024年投入资金{100 + i}万元，完成面积{i}.5公顷。\n", encoding="utf-8")
        paths.add(p.relative_to(root).as_posix())
    for i in range(4):
        make_docx(root / f"纪要{i}.docx", [f"第{i + 1}季度会议纪要", f"2024年{3 * i + 1}月10日"])
        make_xlsx(root / f"台账{i}.xlsx", [["月份", "天数"], [f"{i + 1}月", 28 + i]])
        paths |= {f"纪要{i}.docx", f"台账{i}.xlsx"}
    (root / "附件.zip").write_bytes(gbk_zip({f"成员{i}.txt": f"压缩包成员{i}：资金{i}万元。\n".encode() for i in range(4)}))
    paths |= {"附件.zip"} | {f"附件.zip/成员{i}.txt" for i in range(4)}
    (root / "重复.txt").write_bytes((root / "财政局" / "记录00.txt").read_bytes())
    (root / "空.txt").write_bytes(b"")
    paths |= {"重复.txt", "空.txt"}
    assert sum(1 for p in root.rglob("*") if p.is_file()) == 41
    return paths


def rows(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    except sqlite3.OperationalError:  # schema not written yet
        return 0
    finally:
        conn.close()


def state(store: Store) -> dict[str, tuple[str | None, str]]:
    return {r.path: (r.sha256, r.status) for r in store.documents()}


def counts(store: Store) -> tuple[int, ...]:
    return tuple(store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("documents", "pages", "blocks", "facts", "links", "problems"))


@pytest.mark.slow
def test_kill_mid_run_then_resume(tmp_path: Path) -> None:
    folder = tmp_path / "材料"
    expected = build_folder(folder)
    db = tmp_path / "killed.sqlite"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(db)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + WAIT_S
    try:
        while rows(db) < KILL_AFTER_FILES:
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else "child exited"
            assert time.monotonic() < deadline, "ingest subprocess made no progress"
            time.sleep(0.05)
        workers = psutil.Process(child.pid).children(recursive=True)  # the analysis pool's processes
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert workers, "a folder of 41 files is read by worker processes"
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "worker processes outlived their killed parent"
    partial = rows(db)
    assert KILL_AFTER_FILES <= partial < len(expected)

    with Store(db) as store:  # reopening recovers the WAL; the partial index is consistent
        assert store.integrity() == ["ok"]
        summary = ingest_folder(folder, store, IngestOptions(workers=0))
        assert summary.unchanged >= 1 and summary.read >= 1
        resumed = state(store)
        assert sorted(resumed) == sorted(expected)  # every file exactly once (path is UNIQUE; no extras)
        assert store.integrity() == ["ok"]
        c = store.conn
        c.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
        for table in ("pages", "blocks", "facts", "links"):
            orphans = c.execute(f"SELECT COUNT(*) FROM {table} WHERE sha256 NOT IN (SELECT sha256 FROM documents)")
            assert orphans.fetchone()[0] == 0, table
        unreferenced = c.execute("SELECT COUNT(*) FROM documents WHERE sha256 NOT IN"
                                 " (SELECT sha256 FROM files WHERE sha256 IS NOT NULL)").fetchone()[0]
        assert unreferenced == 0
        assert resumed["重复.txt"][1] == "duplicate" and resumed["空.txt"][1] == "error"
        resumed_counts = counts(store)

    with Store(tmp_path / "clean.sqlite") as clean:  # same result as an uninterrupted run
        ingest_folder(folder, clean, IngestOptions(workers=0))
        assert state(clean) == resumed
        assert counts(clean) == resumed_counts

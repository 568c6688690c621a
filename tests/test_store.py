"""Store: round trip of a hand-built Document with facts/links, migrations of an old index, Chinese FTS search."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from evidence_index import schema
from evidence_index.schema import FileInfo, Migration
from evidence_index.store import Store
from extract.errors import EcoauditError
from extract.model import Block, CellRef, DocClass, Document, Fact, Link, Page, Problem, Source

SHA = "a" * 64
SHA2 = "b" * 64


def _doc(sha: str = SHA, path: str = "财政局/预算.pdf") -> Document:
    s12 = sha[:12]
    b1 = Block(id=f"{s12}/p1/b0", kind="title", text="青川县2024年生态环境保护资金预算", src=Source(sha, 1, (72.0, 60.0, 500.0, 80.0)))
    b2 = Block(id=f"{s12}/p1/b1", kind="text", text="全年生态环境保护与治理投入29,094万元，较上年增长5%。",
               src=Source(sha, 1, (72.0, 100.0, 520.0, 118.0), (0, 26)))
    b3 = Block(id=f"{s12}/p2/b0", kind="cell", text="1,200.50", origin="ocr", confidence=0.87,
               src=Source(sha, 2, (300.0, 200.0, 360.0, 214.0)),
               cell=CellRef(table=0, row=3, col=2, row_header="污水处理", column_header="金额（万元）"))
    pages = (
        Page(1, 595.0, 842.0, True, (b1, b2)),
        Page(2, 595.0, 842.0, False, (b3,), ocr=True, ocr_confidence=0.91, ocr_reason="no_text_layer", rotation=90,
             seal=True),
        Page(3, 595.0, 842.0, False, (), ocr_reason="no_text_layer"),
    )
    return Document(path=path, sha256=sha, format="pdf", pages=pages, size=1234,
                    problems=(Problem("page_error", "第3页无法渲染", 3),), meta=(("producer", "WPS"),))


def _facts() -> list[Fact]:
    s12 = SHA[:12]
    return [
        Fact(id=f"{s12}/p1/b1/f0", block_id=f"{s12}/p1/b1", kind="number", raw="29,094万元",
             src=Source(SHA, 1, (200.0, 100.0, 260.0, 118.0), (12, 21)), value=Decimal("29094"), unit="万元",
             canonical=Decimal("290940000"), canonical_unit="元", dimension="money", approx=True,
             flags=("ocr_repaired",), snippet="全年生态环境保护与治理投入29,094万元", row_header="合计", column_header="金额"),
        Fact(id=f"{s12}/p1/b0/f0", block_id=f"{s12}/p1/b0", kind="period", raw="2024年",
             src=Source(SHA, 1), start=date(2024, 1, 1), end=date(2024, 12, 31)),
    ]


def _links() -> list[Link]:
    s12 = SHA[:12]
    return [Link(indicator_id="eco_investment_amount", block_id=f"{s12}/p1/b1", src=Source(SHA, 1, (72.0, 100.0, 520.0, 118.0)),
                 rule="alias", matched="生态环境保护与治理投入", score=0.95, fact_id=f"{s12}/p1/b1/f0",
                 value=Decimal("29094"), unit="万元", canonical=Decimal("290940000"), canonical_unit="元",
                 distance=3, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), snippet="投入29,094万元")]


DOCCLASS = DocClass(doc_type="budget_document", confidence=0.8, cues=("预算", "人大"), subtype="npc_budget_resolution",
                    title="青川县2024年生态环境保护资金预算", doc_date=date(2024, 3, 15), period_start=date(2024, 1, 1),
                    period_end=date(2024, 12, 31), doc_number="青财〔2024〕3号", draft=False, npc_passed=True)


def test_round_trip(tmp_path: Path) -> None:
    doc = _doc()
    with Store(tmp_path / "i.sqlite") as store:
        store.save_document(doc, _facts(), DOCCLASS, _links(),
                            file=FileInfo(doc.path, str(tmp_path), 1234, 99, (("note", "x"),)))
    with Store(tmp_path / "i.sqlite") as store:  # reopen: nothing lost, migrations not re-applied
        assert store.load_document(SHA) == doc
        assert store.facts(SHA) == _facts()
        assert store.facts() == _facts()
        assert store.docclass(SHA) == DOCCLASS
        (rec,) = store.links("eco_investment_amount")
        assert rec.link == _links()[0]
        assert (rec.path, rec.doc_type, rec.doc_date, rec.npc_passed, rec.draft, rec.seal) == (
            doc.path, "budget_document", date(2024, 3, 15), True, False, None)
        assert store.links("other_indicator") == []
        (d,) = store.documents()
        assert (d.path, d.status, d.pages, d.ocr_pages, d.seal_pages, d.doc_type) == (
            doc.path, "ok", 3, 1, (2,), "budget_document")
        assert d.ocr_share == pytest.approx(1 / 3)
        assert d.meta == {"note": "x"}
        assert store.known(doc.path, 1234, 99) and not store.known(doc.path, 1234, 100)
        assert store.integrity() == ["ok"]


def test_resave_replaces_children_and_duplicates(tmp_path: Path) -> None:
    store = Store(tmp_path / "i.sqlite")
    doc = _doc()
    store.save_document(doc, _facts(), DOCCLASS, _links(), file=FileInfo(doc.path, "r", 1, 1))
    store.save_document(doc, _facts()[:1], None, (), file=FileInfo(doc.path, "r", 1, 2),
                        duplicates=(FileInfo("备份/预算.pdf", "r", 1, 1),))
    assert len(store.facts()) == 1 and store.links() == [] and store.docclass(SHA) is None
    recs = store.by_sha(SHA)
    assert [(r.path, r.status, r.duplicate_of) for r in recs] == [
        (doc.path, "ok", None), ("备份/预算.pdf", "duplicate", doc.path)]
    assert store.conn.execute("SELECT COUNT(*) FROM blocks").fetchone()[0] == 3
    # the first copy disappears: the duplicate is promoted, the document survives
    store.forget([doc.path])
    assert [(r.path, r.status, r.duplicate_of) for r in store.by_sha(SHA)] == [("备份/预算.pdf", "ok", None)]
    store.forget(["备份/预算.pdf"])
    assert store.documents() == []
    for table in ("documents", "pages", "blocks", "facts", "links", "problems", "blocks_fts"):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert store.integrity() == ["ok"]


def test_error_files_and_rename(tmp_path: Path) -> None:
    store = Store(tmp_path / "i.sqlite")
    store.record_error(FileInfo("坏/锁定.pdf", "r", 10, 1), "unreadable", "文件无法读取：权限不足")
    bad = Document(path="坏/空.docx", sha256=SHA2, format="docx", status="error",
                   problems=(Problem("empty", "文件为空（0 字节）"),))
    store.save_document(bad, file=FileInfo(bad.path, "r", 0, 1))
    recs = {r.path: r for r in store.documents()}
    assert (recs["坏/锁定.pdf"].status, recs["坏/锁定.pdf"].error_category, recs["坏/锁定.pdf"].sha256) == (
        "error", "unreadable", None)
    assert (recs["坏/空.docx"].status, recs["坏/空.docx"].error, recs["坏/空.docx"].error_category) == (
        "error", "文件为空（0 字节）", "empty")
    store.rename("坏/空.docx", FileInfo("坏/改名.docx", "r", 0, 5))
    assert [r.path for r in store.by_sha(SHA2)] == ["坏/改名.docx"]
    assert store.load_document(SHA2).problems == bad.problems


def test_chinese_search_fts_and_short_queries(tmp_path: Path) -> None:
    store = Store(tmp_path / "i.sqlite")
    doc = _doc()
    store.save_document(doc, file=FileInfo(doc.path, "r", 1, 1), duplicates=(FileInfo("副本.pdf", "r", 1, 1),))
    hits = store.search("治理投入")
    assert [(h.path, h.page) for h in hits] == [(doc.path, 1)]  # the duplicate is not listed twice
    assert "【治理投入】" in hits[0].snippet or "【" in hits[0].snippet
    assert store.search("生态环境 资金预算")[0].block_id == f"{SHA[:12]}/p1/b0"
    assert store.search("污水处理厂") == []
    two = store.search("投入")  # 2 characters: trigram cannot match, LIKE fallback
    assert [(h.path, h.page) for h in two] == [(doc.path, 1)] and "【投入】" in two[0].snippet
    assert store.search("1,2")[0].page == 2  # 3 characters go through FTS
    assert store.search('"') == [] and store.search("   ") == []
    assert store.search("_") == []  # LIKE wildcards are escaped: "_" matches only a literal underscore
    assert [h.block_id for h in store.search("%")] == [f"{SHA[:12]}/p1/b1"]
    # FTS stays in sync on delete (triggers)
    store.forget([doc.path, "副本.pdf"])
    assert store.search("治理投入") == []


def test_nested_atomic_rolls_back_inner_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "i.sqlite")
    with store.atomic():
        store.record_error(FileInfo("a.txt", "r", 1, 1), "corrupt", "损坏")
        with pytest.raises(RuntimeError):
            with store.atomic():
                store.record_error(FileInfo("b.txt", "r", 1, 1), "corrupt", "损坏")
                raise RuntimeError("boom")
    assert [r.path for r in store.documents()] == ["a.txt"]
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.record_error(FileInfo("c.txt", "r", 1, 1), "corrupt", "损坏")
            raise RuntimeError("boom")
    assert [r.path for r in store.documents()] == ["a.txt"]


def test_pragmas_on_open(tmp_path: Path) -> None:
    store = Store(tmp_path / "i.sqlite")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys really enforced
        store.conn.execute("INSERT INTO pages (sha256, page_no, width, height, has_text_layer) VALUES ('x', 1, 1, 1, 1)")


def test_old_index_is_upgraded_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    assert schema.migrate(conn, upto=1) == [1]
    conn.close()
    with Store(db) as store:  # an index at migration 1 holding data
        doc = _doc()
        store.save_document(doc, _facts(), DOCCLASS, _links(), file=FileInfo(doc.path, "r", 1, 1))

    def add_column(c: sqlite3.Connection) -> None:
        c.execute("UPDATE files SET meta = json_set(meta, '$.migrated', 'yes')")

    n = len(schema.MIGRATIONS)  # the released ones (2: deferred full-text indexing) upgrade it too
    later = [*schema.MIGRATIONS,
             Migration(n + 1, "review_notes", "CREATE TABLE review_notes (path TEXT NOT NULL, note TEXT NOT NULL);\n"
                                              "ALTER TABLE documents ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;"),
             Migration(n + 2, "mark_migrated", add_column)]
    monkeypatch.setattr(schema, "MIGRATIONS", later)
    with Store(db) as store:
        versions = [r[0] for r in store.conn.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == list(range(1, n + 3))
        assert store.load_document(SHA) == _doc()  # data survived the upgrade
        assert store.conn.execute("SELECT reviewed FROM documents").fetchone()[0] == 0
        assert store.documents()[0].meta == {"migrated": "yes"}
        assert [h.path for h in store.search("生态环境保护资金")] == [_doc().path]  # indexed under migration 1
        other = _doc(sha="b" * 64, path="住建局/台账.pdf")
        store.save_document(other, file=FileInfo(other.path, "r", 1, 1))  # indexed the new way
        assert sorted(h.path for h in store.search("生态环境保护资金")) == sorted([_doc().path, other.path])
        store.forget([other.path])
        assert [h.path for h in store.search("生态环境保护资金")] == [_doc().path]
        store.save_document(other, file=FileInfo(other.path, "r", 1, 1))
        store.forget([other.path])  # deleted before it was indexed: only taken off the pending list
        store.conn.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
        assert [h.path for h in store.search("生态环境保护资金")] == [_doc().path]
    with Store(db) as store:  # idempotent
        assert store.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == n + 2
    monkeypatch.setattr(schema, "MIGRATIONS", later[:1])
    with pytest.raises(EcoauditError, match="更新版本"):
        Store(db)


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "i.sqlite"
    Store(db).close()
    n = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, Migration(
        n + 1, "broken", "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);")])
    with pytest.raises(EcoauditError):
        Store(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT MAX(version) FROM migrations").fetchone()[0] == n
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_unwritable_location_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(EcoauditError, match="无法打开"):
        Store(tmp_path / "missing-dir" / "i.sqlite")


def test_find_by_relative_or_absolute_path(tmp_path: Path) -> None:
    store = Store(tmp_path / "i.sqlite")
    doc = _doc()
    root = tmp_path / "材料"
    store.save_document(doc, file=FileInfo(doc.path, str(root), 1, 1))
    assert store.find("财政局/预算.pdf").sha256 == SHA
    assert store.find("./财政局\\预算.pdf").sha256 == SHA
    assert store.find(str(root / "财政局" / "预算.pdf")).sha256 == SHA
    assert store.find("预算.pdf") is None and store.find(str(tmp_path / "其他" / "预算.pdf")) is None
    assert store.roots() == [str(root)]


def test_two_processes_opening_a_new_index_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "shared.sqlite"
    code = "import sys; from evidence_index.store import Store; Store(sys.argv[1]).close()"
    root = Path(__file__).resolve().parent.parent
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=root, stderr=subprocess.PIPE)
             for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
    with Store(db) as store:
        assert [r[0] for r in store.conn.execute("SELECT version FROM migrations")] == [m.version for m in
                                                                                        schema.MIGRATIONS]


def test_blocks_written_by_a_run_killed_before_indexing_are_found(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    with Store(db) as store:
        doc = _doc()
        store.save_document(doc, file=FileInfo(doc.path, "r", 1, 1))  # the run dies before index_text()
        assert store.conn.execute("SELECT COUNT(*) FROM blocks_fts_pending").fetchone()[0] == 3
    with Store(db) as store:
        assert [h.path for h in store.search("保护资金")] == [doc.path]  # indexed on the way
        assert store.conn.execute("SELECT COUNT(*) FROM blocks_fts_pending").fetchone()[0] == 0
        assert store.integrity() == ["ok"]
        store.save_document(doc, file=FileInfo(doc.path, "r", 1, 2))  # saved again: old rows out, new ones pending
        assert store.index_text() == 3 and store.index_text() == 0
        store.conn.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")
        assert [h.path for h in store.search("保护资金")] == [doc.path]

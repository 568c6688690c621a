"""Ingest of real folders built in tmp_path: formats, zip members (GBK names, nested, unsafe), bad files,
skipped system files, incremental re-ingest, renames, duplicates, removals, and one OCR page through the pool."""
from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from evidence_index import ingest as ingest_mod
from evidence_index.ingest import IngestOptions, ingest_folder
from evidence_index.progress import Progress
from evidence_index.store import Store
from extract.errors import EcoauditError

OPTS = IngestOptions(workers=0)


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> None:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, value in enumerate(row):
                t.cell(i, j).text = value
    d.save(str(path))


def make_xlsx(path: Path, rows: list[list[object]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    for row in rows:
        ws.append(row)
    wb.save(str(path))


def gbk_zip(members: dict[str, bytes]) -> bytes:
    """A ZIP whose member names are GBK bytes without the UTF-8 flag (as Windows' built-in zipper writes them)."""
    buf = io.BytesIO()
    placeholders: dict[bytes, bytes] = {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            ph = (f"{i:02d}" + "X" * len(raw))[: len(raw)].encode("ascii")
            assert len(ph) == len(raw)
            placeholders[ph] = raw
            z.writestr(ph.decode("ascii"), data)
    out = buf.getvalue()
    for ph, raw in placeholders.items():
        assert out.count(ph) == 2  # local header + central directory
        out = out.replace(ph, raw)
    return out


def plain_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "青川县材料"
    (root / "财政局").mkdir(parents=True)
    (root / "生态环境局").mkdir()
    (root / "财政局" / "资金说明.txt").write_text(
        "青川县2024年生态环境保护与治理投入29,094万元。\n落款日期：2024年3月15日\n", encoding="utf-8")
    (root / "财政局" / "旧系统导出.txt").write_bytes("污水处理厂全年处理污水365万吨，运行天数365天。".encode("gbk"))
    make_docx(root / "生态环境局" / "会议纪要.docx", ["县生态环境保护委员会2024年第三季度会议纪要", "会议时间：2024年9月20日"],
              [["项目", "金额（万元）"], ["污水管网", "1,200.50"]])
    make_xlsx(root / "生态环境局" / "监测台账.xlsx", [["月份", "优良天数"], ["1月", 29], ["2月", 27]])
    inner = plain_zip({"嵌套/验收报告.txt": "竣工验收报告：项目于2024年6月30日通过验收。\n".encode("utf-8")})
    (root / "生态环境局" / "附件.zip").write_bytes(gbk_zip({
        "说明材料.txt": "林草局报送：森林覆盖率62.5%。\n".encode("utf-8"),
        "内层.zip": inner,
        "~$说明材料.docx": b"lock",
    }))
    (root / "生态环境局" / "危险.zip").write_bytes(plain_zip({"../../escape.txt": b"x"}))
    (root / "空文件.txt").write_bytes(b"")
    (root / "损坏.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(300))
    (root / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0junk")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "~$会议纪要.docx").write_bytes(b"owner file")
    return root


def test_ingest_mixed_folder(folder: Path, tmp_path: Path) -> None:
    before = snapshot(folder)
    with Store(tmp_path / "idx.sqlite") as store:
        summary = ingest_folder(folder, store, OPTS)
        recs = {r.path: r for r in store.documents()}
        assert snapshot(folder) == before  # nothing written inside the evidence folder
        assert store.integrity() == ["ok"]

        ok = {p for p, r in recs.items() if r.status == "ok"}
        assert ok == {"财政局/资金说明.txt", "财政局/旧系统导出.txt", "生态环境局/会议纪要.docx", "生态环境局/监测台账.xlsx",
                      "生态环境局/附件.zip", "生态环境局/附件.zip/说明材料.txt", "生态环境局/附件.zip/内层.zip",
                      "生态环境局/附件.zip/内层.zip/嵌套/验收报告.txt"}
        assert recs["生态环境局/会议纪要.docx"].format == "docx"
        assert recs["生态环境局/监测台账.xlsx"].format == "xlsx"
        assert recs["生态环境局/附件.zip"].format == "zip"
        assert recs["财政局/资金说明.txt"].pages >= 1 and recs["财政局/资金说明.txt"].doc_type is not None

        errors = {p: r for p, r in recs.items() if r.status == "error"}
        assert set(errors) == {"空文件.txt", "损坏.pdf", "生态环境局/危险.zip"}
        assert errors["空文件.txt"].error_category == "empty"
        assert errors["损坏.pdf"].error_category == "corrupt"
        assert errors["生态环境局/危险.zip"].error_category == "unsafe_archive"
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in r.error or "") for r in errors.values())  # Chinese messages

        skipped = {s.path: s.reason for s in summary.skipped}
        assert set(skipped) == {".DS_Store", "Thumbs.db", "~$会议纪要.docx", "生态环境局/附件.zip/~$说明材料.docx"}
        assert "Office" in skipped["~$会议纪要.docx"]
        assert not any(p.endswith((".DS_Store", "Thumbs.db")) for p in recs)  # recorded as skipped, not documents
        assert summary.status_counts == {"ok": 8, "error": 3}
        assert {e.path for e in summary.errors} == set(errors)

        # text of every format is searchable, GBK text and GBK-named zip members included
        assert {h.path for h in store.search("治理投入")} == {"财政局/资金说明.txt"}
        assert {h.path for h in store.search("污水处理厂")} == {"财政局/旧系统导出.txt"}
        assert {h.path for h in store.search("污水管网")} == {"生态环境局/会议纪要.docx"}
        assert {h.path for h in store.search("优良天数")} == {"生态环境局/监测台账.xlsx"}
        assert {h.path for h in store.search("森林覆盖率")} == {"生态环境局/附件.zip/说明材料.txt"}
        assert {h.path for h in store.search("竣工验收")} == {"生态环境局/附件.zip/内层.zip/嵌套/验收报告.txt"}
        facts = store.facts(recs["财政局/资金说明.txt"].sha256)
        assert any(f.kind == "number" and f.unit == "万元" and str(f.value) == "29094" for f in facts)


class Counting(Progress):
    def __init__(self) -> None:
        self.done: list[tuple[str, str]] = []

    def file_done(self, path: str, status: str, pages: int, ocr_pages: int) -> None:
        self.done.append((path, status))


def test_incremental_reingest_reads_nothing(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "idx.sqlite")
    first = ingest_folder(folder, store, OPTS)
    rows_before = {r.path: (r.sha256, r.status, r.ingested_at) for r in store.documents()}

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged file was hashed or read")

    monkeypatch.setattr("extract.reader.read_document", forbidden)
    monkeypatch.setattr(ingest_mod, "sha256_file", forbidden)
    progress = Counting()
    again = ingest_folder(folder, store, OPTS, progress)
    assert (again.read, again.renamed, again.duplicates, again.removed) == (0, 0, 0, 0)
    assert first.read == 11  # 8 files on disk + 3 archive members (the nested archive counted once)
    assert again.unchanged == 8  # files on disk: an unchanged archive vouches for its members
    assert {r.path: (r.sha256, r.status, r.ingested_at) for r in store.documents()} == rows_before
    assert {s for _, s in progress.done} == {"unchanged", "skipped"}


def test_incremental_picks_up_changes_renames_duplicates_and_removals(folder: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "idx.sqlite")
    ingest_folder(folder, store, OPTS)
    sha_memo = store.sha_of("生态环境局/会议纪要.docx")
    facts_before = store.facts(sha_memo)
    # rename (move to another department folder), exact copy, modified file, deleted file, renamed archive
    (folder / "水利局").mkdir()
    (folder / "生态环境局" / "会议纪要.docx").rename(folder / "水利局" / "三季度会议纪要.docx")
    (folder / "财政局" / "资金说明-副本.txt").write_bytes((folder / "财政局" / "资金说明.txt").read_bytes())
    (folder / "财政局" / "旧系统导出.txt").write_text("改过的内容：绿化面积12.5公顷。\n", encoding="utf-8")
    (folder / "空文件.txt").unlink()
    (folder / "生态环境局" / "附件.zip").rename(folder / "生态环境局" / "附件2024.zip")
    summary = ingest_folder(folder, store, OPTS)
    recs = {r.path: r for r in store.documents()}

    assert summary.renamed == 2 and summary.read == 1 and summary.duplicates == 1 and summary.removed == 1
    assert "生态环境局/会议纪要.docx" not in recs and recs["水利局/三季度会议纪要.docx"].sha256 == sha_memo
    assert store.facts(sha_memo) == facts_before  # not re-read: facts kept
    dup = recs["财政局/资金说明-副本.txt"]
    assert (dup.status, dup.duplicate_of) == ("duplicate", "财政局/资金说明.txt")
    assert {h.path for h in store.search("绿化面积")} == {"财政局/旧系统导出.txt"}
    assert store.search("污水处理厂") == []  # the old bytes' document is gone
    assert "空文件.txt" not in recs
    assert recs["生态环境局/附件2024.zip/说明材料.txt"].status == "ok"  # members moved with their archive
    assert not any(p.startswith("生态环境局/附件.zip") for p in recs)
    assert store.integrity() == ["ok"]
    orphans = store.conn.execute("SELECT COUNT(*) FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM files"
                                 " WHERE sha256 IS NOT NULL)").fetchone()[0]
    assert orphans == 0
    # the first copy disappears: its duplicate takes over
    (folder / "财政局" / "资金说明.txt").unlink()
    ingest_folder(folder, store, OPTS)
    rec = {r.path: r for r in store.documents()}["财政局/资金说明-副本.txt"]
    assert (rec.status, rec.duplicate_of) == ("ok", None)


def test_bad_folder_and_db_inside_folder(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(EcoauditError, match="不存在"):
        ingest_folder(tmp_path / "nope", Store(tmp_path / "a.sqlite"), OPTS)
    inside = Store(folder / "idx.sqlite")
    with pytest.raises(EcoauditError, match="证据文件夹内"):
        ingest_folder(folder, inside, OPTS)


def test_many_unchanged_files_are_fast(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(500):
        (root / f"{i:03d}.txt").write_text(f"第{i}号记录", encoding="utf-8")
    store = Store(tmp_path / "idx.sqlite")
    assert ingest_folder(root, store, OPTS).read == 500
    t0 = time.monotonic()
    again = ingest_folder(root, store, OPTS)
    elapsed = time.monotonic() - t0
    assert again.unchanged == 500 and again.read == 0
    assert elapsed < 5.0, f"re-ingest of 500 unchanged files took {elapsed:.2f} s"


@pytest.mark.slow
@pytest.mark.parametrize("workers", [0, 1])  # in-process, and one real worker process
def test_scanned_image_goes_through_ocr_pool(tmp_path: Path, cjk_font: str, workers: int) -> None:
    from PIL import Image, ImageDraw, ImageFont

    root = tmp_path / "scan"
    root.mkdir()
    img = Image.new("RGB", (1240, 600), "white")
    draw = ImageDraw.Draw(img)
    draw.text((80, 120), "生态环境保护专项资金验收报告", font=ImageFont.truetype(cjk_font, 56), fill="black")
    draw.text((80, 260), "验收日期2024年6月30日", font=ImageFont.truetype(cjk_font, 48), fill="black")
    img.save(root / "验收扫描件.png")
    store = Store(tmp_path / "idx.sqlite")
    (root / "说明.txt").write_text("随附文字说明\n", encoding="utf-8")  # text-layer work goes on meanwhile
    summary = ingest_folder(root, store, IngestOptions(workers=workers))
    rec = store.find("验收扫描件.png")
    assert rec is not None and store.find("说明.txt").status == "ok"
    assert (rec.status, rec.format, rec.ocr_pages) == ("ok", "image", 1) and summary.ocr_pages == 1
    assert store.search("验收报告")[0].path == "验收扫描件.png"
    assert any(f.kind == "date" and str(f.start) == "2024-06-30" for f in store.facts(rec.sha256))


def test_identical_bad_files_are_errors_not_duplicates(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    root.mkdir()
    for name in ("a空.txt", "b空.docx"):
        (root / name).write_bytes(b"")
    blob = b"%PDF-1.4\n" + bytes(range(256)) * 3
    (root / "c坏.pdf").write_bytes(blob)
    (root / "d坏-副本.pdf").write_bytes(blob)
    store = Store(tmp_path / "idx.sqlite")
    summary = ingest_folder(root, store, OPTS)
    recs = {r.path: r for r in store.documents()}
    assert {p: (r.status, r.error_category, r.duplicate_of) for p, r in recs.items()} == {
        "a空.txt": ("error", "empty", None), "b空.docx": ("error", "empty", None),
        "c坏.pdf": ("error", "corrupt", None), "d坏-副本.pdf": ("error", "corrupt", None)}
    assert recs["b空.docx"].error == recs["a空.txt"].error
    assert summary.duplicates == 0 and len(summary.errors) == 4
    (root / "a空.txt").unlink()  # the first copy goes: the other keeps its own error row
    ingest_folder(root, store, OPTS)
    assert {r.path: r.status for r in store.documents()} == {"b空.docx": "error", "c坏.pdf": "error",
                                                             "d坏-副本.pdf": "error"}
    assert store.integrity() == ["ok"]


def test_gbk_file_names_on_disk_are_readable(tmp_path: Path) -> None:
    root = tmp_path / "gbk"
    root.mkdir()
    raw = os.fsencode(str(root)) + b"/" + "监测报告.txt".encode("gbk")
    with open(raw, "wb") as handle:  # a name written as GBK bytes (copied from an old Windows share)
        handle.write("空气质量优良天数比例95.2%。\n".encode("utf-8"))
    store = Store(tmp_path / "idx.sqlite")
    ingest_folder(root, store, OPTS)
    (rec,) = store.documents()
    assert (rec.path, rec.status) == ("监测报告.txt", "ok")
    assert ingest_folder(root, store, OPTS).unchanged == 1  # the display name is stable across runs


class FlakyPool:
    """Stands in for extract.ocr.pool.OcrPool: the first ``breaks`` submissions die like a crashed worker."""

    breaks = 1
    submitted = 0
    closed = 0

    def __init__(self, options: object, workers: int | None = None) -> None:
        pass

    def __enter__(self) -> "FlakyPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        FlakyPool.closed += 1

    def submit(self, path: str, display_path: str, sha256: str, page_no: int, dpi: int = 200) -> "object":
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        from extract.model import Block, Page, Source

        FlakyPool.submitted += 1
        fut: Future = Future()
        if FlakyPool.submitted <= FlakyPool.breaks:
            fut.set_exception(BrokenProcessPool("worker died"))
        else:
            src = Source(sha256, page_no, (10.0, 10.0, 200.0, 30.0))
            fut.set_result(Page(page_no, 300.0, 200.0, False, (Block(f"{sha256[:12]}/p{page_no}/b0", "text",
                                "识别出的验收结论2024年6月30日", src, origin="ocr", confidence=0.9),), ocr=True,
                                ocr_confidence=0.9, ocr_reason="image"))
        return fut


@pytest.mark.parametrize("breaks, ocr_pages, problem", [(1, 1, False), (5, 0, True)])
def test_crashed_ocr_worker_is_retried_then_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     breaks: int, ocr_pages: int, problem: bool) -> None:
    from PIL import Image

    root = tmp_path / "scan"
    root.mkdir()
    Image.new("RGB", (600, 400), "white").save(root / "照片.png")
    (root / "说明.txt").write_text("文字材料\n", encoding="utf-8")
    monkeypatch.setattr("extract.ocr.pool.OcrPool", FlakyPool)
    monkeypatch.setattr(FlakyPool, "breaks", breaks)
    monkeypatch.setattr(FlakyPool, "submitted", 0)
    store = Store(tmp_path / "idx.sqlite")
    summary = ingest_folder(root, store, IngestOptions(workers=1))
    recs = {r.path: r for r in store.documents()}
    assert recs["照片.png"].status == "ok" and recs["说明.txt"].status == "ok"  # the run went on
    assert recs["照片.png"].ocr_pages == ocr_pages and summary.ocr_pages == ocr_pages
    doc = store.load_document(recs["照片.png"].sha256)
    assert any(p.category == "page_error" and "OCR 进程异常退出" in p.message for p in doc.problems) == problem
    assert FlakyPool.submitted == 2  # one try, one retry in a fresh pool


def test_changed_first_copy_hands_over_to_its_duplicate(tmp_path: Path) -> None:
    root = tmp_path / "dup"
    root.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text("同一份材料：投入100万元。\n", encoding="utf-8")
    store = Store(tmp_path / "idx.sqlite")
    ingest_folder(root, store, OPTS)
    assert [(r.path, r.status, r.duplicate_of) for r in store.documents()] == [
        ("a.txt", "ok", None), ("b.txt", "duplicate", "a.txt"), ("c.txt", "duplicate", "a.txt")]
    (root / "a.txt").write_text("修改后的材料：投入120万元。\n", encoding="utf-8")
    ingest_folder(root, store, OPTS)
    assert sorted((r.path, r.status, r.duplicate_of) for r in store.documents()) == [
        ("a.txt", "ok", None), ("b.txt", "ok", None), ("c.txt", "duplicate", "b.txt")]
    assert {h.path for h in store.search("投入100万元")} == {"b.txt"}
    assert store.integrity() == ["ok"]


def test_file_deleted_during_the_run_is_reported_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "live"
    root.mkdir()
    (root / "a.txt").write_text("材料甲\n", encoding="utf-8")
    (root / "b.txt").write_text("材料乙\n", encoding="utf-8")
    import extract.reader

    real = extract.reader.read_document

    def deleting_reader(path: Path, *args: object, **kwargs: object) -> object:
        if Path(path).name == "a.txt":
            Path(path).unlink()  # another program removes the file between the walk and the read
        return real(path, *args, **kwargs)

    monkeypatch.setattr(extract.reader, "read_document", deleting_reader)
    store = Store(tmp_path / "idx.sqlite")
    summary = ingest_folder(root, store, OPTS)
    assert [r.path for r in store.documents()] == ["b.txt"]
    assert [s.path for s in summary.skipped] == ["a.txt"] and "被删除" in summary.skipped[0].reason


def test_ocr_that_never_works_stops_the_run_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    root = tmp_path / "scans"
    root.mkdir()
    (root / "0说明.txt").write_text("先保存的文字材料\n", encoding="utf-8")
    for i in range(5):
        Image.new("RGB", (300 + i, 200), "white").save(root / f"扫描{i}.png")
    monkeypatch.setattr("extract.ocr.pool.OcrPool", FlakyPool)
    monkeypatch.setattr(FlakyPool, "breaks", 10_000)
    monkeypatch.setattr(FlakyPool, "submitted", 0)
    store = Store(tmp_path / "idx.sqlite")
    with pytest.raises(EcoauditError, match="OCR 进程连续"):
        ingest_folder(root, store, IngestOptions(workers=1))
    saved = {r.path: r.status for r in store.documents()}
    assert saved["0说明.txt"] == "ok" and len(saved) <= 3  # finished files kept; the rest waits for a rerun
    assert store.integrity() == ["ok"]


def _flag_encrypted(data: bytes, name: str) -> bytes:
    """Set the 'encrypted' bit of one member in its local header and central directory entry."""
    out = bytearray(data)
    raw = name.encode("utf-8")
    for sig, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        pos = out.find(sig)
        while pos >= 0:
            if out[pos + name_at: pos + name_at + len(raw)] == raw:
                out[pos + flag_at] |= 0x1
            pos = out.find(sig, pos + 4)
    return bytes(out)


def test_unreadable_archive_member_is_an_error_row(tmp_path: Path) -> None:
    root = tmp_path / "z"
    root.mkdir()
    data = plain_zip({"ok.txt": "可读的成员\n".encode(), "locked.txt": "加密的成员\n".encode()})
    (root / "材料.zip").write_bytes(_flag_encrypted(data, "locked.txt"))
    store = Store(tmp_path / "idx.sqlite")
    ingest_folder(root, store, OPTS)
    recs = {r.path: r for r in store.documents()}
    assert recs["材料.zip/ok.txt"].status == "ok"
    locked = recs["材料.zip/locked.txt"]
    assert (locked.status, locked.error_category, locked.sha256) == ("error", "encrypted", None)
    assert "加密" in (locked.error or "")
    assert ingest_folder(root, store, OPTS).unchanged == 1  # unchanged archive: members not re-read
    assert {r.path for r in store.documents()} == set(recs)


def test_walk_records_what_it_does_not_read(tmp_path: Path) -> None:
    root = tmp_path / "w"
    (root / "__MACOSX").mkdir(parents=True)
    (root / "__MACOSX" / "._a.txt").write_bytes(b"\x00\x05\x16\x07")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref\n")
    (root / "b").mkdir()
    (root / "b" / "正文.txt").write_text("正文材料\n", encoding="utf-8")
    (root / "b" / "._正文.txt").write_bytes(b"\x00\x05\x16\x07")
    (root / "desktop.ini").write_text("[.ShellClassInfo]\n")
    os.symlink(root / "b", root / "b的快捷方式")
    os.symlink(root / "不存在.txt", root / "坏链接.txt")
    os.symlink(root / "b" / "正文.txt", root / "链接到正文.txt")
    os.mkfifo(root / "管道")
    store = Store(tmp_path / "idx.sqlite")
    summary = ingest_folder(root, store, OPTS)
    skipped = {s.path: s.reason for s in summary.skipped}
    assert set(skipped) == {"__MACOSX/", ".git/", "b/._正文.txt", "desktop.ini", "b的快捷方式/", "坏链接.txt", "管道"}
    assert "macOS" in skipped["__MACOSX/"] and "符号链接" in skipped["b的快捷方式/"]
    # a link to a file is read like the file (here: a duplicate of it)
    assert [(r.path, r.status) for r in store.documents()] == [("b/正文.txt", "ok"), ("链接到正文.txt", "duplicate")]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "空文件夹").mkdir()
    store = Store(tmp_path / "idx.sqlite")
    summary = ingest_folder(tmp_path / "空文件夹", store, OPTS)
    assert (summary.read, summary.unchanged, summary.errors, summary.status_counts) == (0, 0, (), {})
    assert store.documents() == []

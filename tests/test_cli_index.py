"""CLI index commands through click's CliRunner: exit code, output, then the state via the library."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecoaudit.cli import cli
from evidence_index.store import Store

from tests.test_ingest import make_docx, make_xlsx


@pytest.fixture()
def evidence(tmp_path: Path) -> Path:
    root = tmp_path / "材料"
    (root / "财政局").mkdir(parents=True)
    (root / "财政局" / "投入说明.txt").write_text(
        "2024年生态环境保护与治理投入29,094万元。\n2024年第三季度召开专题会议。\n", encoding="utf-8")
    make_docx(root / "纪要.docx", ["县生态环境保护委员会会议纪要", "会议时间：2024年9月20日"])
    make_xlsx(root / "台账.xlsx", [["项目", "面积（公顷）"], ["退耕还林", 120.5]])
    (root / "空.pdf").write_bytes(b"")
    (root / "Thumbs.db").write_bytes(b"junk")
    return root


def run(*args: str) -> "object":
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ingest_docs_search_facts(evidence: Path, tmp_path: Path) -> None:
    db = tmp_path / "out" / "idx.sqlite"
    db.parent.mkdir()
    res = run("ingest", str(evidence), "--db", str(db), "--workers", "0")
    assert res.exit_code == 0, res.output
    assert "正常 ok" in res.stdout and "出错文件" in res.stdout and "空.pdf" in res.stdout and "[empty]" in res.stdout
    assert "Thumbs.db" in res.stdout and "Windows 缩略图缓存文件" in res.stdout
    assert "文件 5/5" in res.stderr and "\r" not in res.stderr  # progress on stderr (plain lines: not a TTY)
    with Store(db) as store:
        assert {r.path: r.status for r in store.documents()} == {
            "财政局/投入说明.txt": "ok", "纪要.docx": "ok", "台账.xlsx": "ok", "空.pdf": "error"}

    res = run("docs", "--db", str(db), "--json")
    assert res.exit_code == 0
    rows = {r["path"]: r for r in json.loads(res.stdout)}
    assert set(rows) == {"财政局/投入说明.txt", "纪要.docx", "台账.xlsx", "空.pdf"}
    for key in ("sha256", "format", "pages", "ocr_pages", "status", "error", "duplicate_of", "doc_type", "doc_confidence"):
        assert key in rows["纪要.docx"], key
    assert rows["空.pdf"]["status"] == "error" and rows["空.pdf"]["error"] == "文件为空（0 字节）"
    assert rows["纪要.docx"]["format"] == "docx" and rows["纪要.docx"]["doc_type"]
    res = run("docs", "--db", str(db))
    assert res.exit_code == 0 and "纪要.docx" in res.stdout and "共 4 个文件" in res.stdout

    res = run("search", "治理投入", "--db", str(db), "--json")
    assert res.exit_code == 0
    (hit,) = json.loads(res.stdout)
    assert (hit["path"], hit["page"]) == ("财政局/投入说明.txt", 1) and "治理投入" in hit["snippet"].replace("【", "").replace("】", "")
    res = run("search", "纪要", "--db", str(db))  # two characters: LIKE fallback
    assert res.exit_code == 0 and "纪要.docx  第1页" in res.stdout
    res = run("search", "不存在的词语", "--db", str(db))
    assert res.exit_code == 0 and "未找到" in res.stdout
    res = run("search", "会议", "--db", str(db), "--json", "--limit", "1")
    assert len(json.loads(res.stdout)) == 1

    res = run("facts", "财政局/投入说明.txt", "--db", str(db), "--json")
    assert res.exit_code == 0
    facts = json.loads(res.stdout)
    money = next(f for f in facts if f["kind"] == "number" and f["unit"] == "万元")
    assert (money["text"], money["value"], money["canonical_value"], money["canonical_unit"], money["page"]) == (
        "29,094万元", "29094", "290940000", "元", 1)
    for key in ("snippet", "bbox", "row_header", "column_header"):
        assert key in money
    period = next(f for f in facts if f["kind"] == "period" and "第三季度" in f["text"])
    assert (period["start"], period["end"]) == ("2024-07-01", "2024-09-30")
    res = run("facts", "财政局/投入说明.txt", "--db", str(db))
    assert res.exit_code == 0 and "29,094万元" in res.stdout
    res = run("facts", str(evidence / "财政局" / "投入说明.txt"), "--db", str(db), "--json")  # absolute path
    assert res.exit_code == 0 and json.loads(res.stdout) == facts
    res = run("facts", "空.pdf", "--db", str(db))
    assert res.exit_code == 1 and "文件为空" in res.output

    # rerun: nothing read again
    res = run("ingest", str(evidence), "--db", str(db), "--workers", "0")
    assert res.exit_code == 0 and "本次新读取 read       0" in res.stdout


def test_facts_of_a_file_not_ingested(tmp_path: Path) -> None:
    loose = tmp_path / "新材料.txt"
    loose.write_text("验收日期：2024年6月30日，完成治理面积35.2公顷。\n", encoding="utf-8")
    res = run("facts", str(loose), "--db", str(tmp_path / "none.sqlite"), "--json")
    assert res.exit_code == 0, res.output
    facts = json.loads(res.stdout)
    assert any(f["kind"] == "date" and f["date"] == "2024-06-30" for f in facts)
    assert any(f["kind"] == "number" and f["unit"] == "公顷" and f["value"] == "35.2" for f in facts)
    assert not (tmp_path / "none.sqlite").exists()


def test_cannot_proceed_exits_nonzero(evidence: Path, tmp_path: Path) -> None:
    res = run("ingest", str(tmp_path / "没有这个文件夹"), "--db", str(tmp_path / "x.sqlite"))
    assert res.exit_code == 1 and "不存在" in res.output
    assert not (tmp_path / "x.sqlite").exists()  # nothing created when the folder is missing
    res = run("ingest", str(evidence), "--db", str(tmp_path / "no" / "dir" / "x.sqlite"), "--workers", "0")
    assert res.exit_code == 1 and "无法打开" in res.output
    res = run("ingest", str(evidence), "--db", str(evidence / "x.sqlite"))
    assert res.exit_code == 1 and "证据文件夹内" in res.output and not (evidence / "x.sqlite").exists()
    res = run("docs", "--db", str(tmp_path / "missing.sqlite"))
    assert res.exit_code == 1 and "ecoaudit ingest" in res.output
    res = run("search", "治理", "--db", str(tmp_path / "missing.sqlite"))
    assert res.exit_code == 1
    res = run("facts", "不存在.txt", "--db", str(tmp_path / "missing.sqlite"))
    assert res.exit_code == 1 and "不存在" in res.output


@pytest.mark.parametrize("command", ["ingest", "docs", "search", "facts"])
def test_help_is_chinese(command: str) -> None:
    res = run(command, "--help")
    assert res.exit_code == 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in res.stdout.split("Options")[0])
    options = res.stdout.split("Options")[1]
    for line in options.splitlines():
        if line.strip().startswith("--") and "--help" not in line:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in line) or line.rstrip().endswith("]"), line


def test_progress_and_summary_rendering() -> None:
    import io

    from evidence_index.ingest import FileError, IngestSummary, Skipped
    from evidence_index.progress import TerminalProgress, render_summary

    out = io.StringIO()
    bar = TerminalProgress(out, tty=True)
    bar.start(4)
    bar.add_files(2)
    bar.ocr_submitted(3)
    for i in range(3):
        bar.file_done(f"f{i}", "ok", 2, 1)
    bar.finish()
    text = out.getvalue()
    assert "\r\x1b[2K" in text and "文件 3/6" in text and "页 6" in text and "OCR页 3/3" in text
    assert "剩余" in text and "用时" in text and text.endswith("\n")
    summary = IngestSummary(root="/x", read=2, unchanged=1, renamed=0, duplicates=1, removed=0, pages=5,
                            ocr_pages=2, elapsed=1.5, skipped=(Skipped("Thumbs.db", "Windows 缩略图缓存文件"),),
                            errors=(FileError("坏.pdf", "corrupt", "PDF 文件已损坏"),),
                            status_counts={"ok": 2, "error": 1, "duplicate": 1})
    table = render_summary(summary)
    assert "出错 error            1" in table and "坏.pdf  [corrupt] PDF 文件已损坏" in table
    assert "Thumbs.db  Windows 缩略图缓存文件" in table and "OCR 页数 OCR pages    2" in table

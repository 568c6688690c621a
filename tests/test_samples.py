"""The bundled sample package (corpus/samples) agrees with its ground truth (labels.json)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from docx import Document as DocxDocument
from PIL import Image, ImageOps

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"

LABELS = SAMPLES / "labels.json"
PACKAGE = SAMPLES / "package"
DOC_TYPES = {"meeting_minutes", "budget_document", "payment_voucher", "acceptance_report", "monitoring_report",
             "ledger", "plan", "notice", "other"}
FORMATS = {"pdf", "docx", "xlsx", "image", "text", "zip", "doc", "xls", "unknown"}
STATUSES = {"ok", "error", "duplicate"}
ERROR_CATEGORIES = {"empty", "corrupt", "encrypted", "unsupported", "needs_libreoffice", "too_large", "unreadable",
                    "unsafe_archive"}
ROW_STATUSES = {"corroborated", "mismatch", "no_evidence", "out_of_period", "unresolved"}
CHECK_IDS = {"quarterly_minutes", "evidence_in_period", "budget_passed_by_npc", "scans_sealed", "unreadable_files",
             "land_class_sum", "drafts_not_evidence", "derived_rates"}
ROLES = {"achieved", "target", "component", "task"}
MAX_TOTAL_BYTES = 15 * 1024 * 1024  # size budget of corpus/samples set by the team
MAX_SCANNED_PAGES = 10  # OCR costs ~1 s per page in CI
RATE_DECIMALS = Decimal("0.01")  # rates are labelled to two decimals


@pytest.fixture(scope="module")
def labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_path(labels: dict) -> dict[str, dict]:
    return {f["path"]: f for f in labels["files"]}


def _is_member(path: str) -> bool:
    return ".zip/" in path


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_top_level_schema(labels: dict) -> None:
    assert labels["county"] == "青川县" and labels["year"] == 2024
    assert (SAMPLES / labels["folder"]).is_dir()
    assert (SAMPLES / labels["submitted"]).is_file()
    assert (SAMPLES / labels["plan"]).is_file()
    for key in ("files", "indicators", "checks"):
        assert isinstance(labels[key], list) and labels[key]


def test_file_records_are_well_formed(labels: dict) -> None:
    required = {"path", "format", "doc_type", "status", "error_category", "duplicate_of", "scanned", "doc_date",
                "seal_pages", "pages", "facts", "links"}
    for f in labels["files"]:
        assert required <= set(f), f["path"]
        assert f["format"] in FORMATS, f["path"]
        assert f["status"] in STATUSES, f["path"]
        assert (f["error_category"] is not None) == (f["status"] == "error"), f["path"]
        if f["status"] == "error":
            assert f["error_category"] in ERROR_CATEGORIES and f["doc_type"] is None, f["path"]
        elif f["format"] != "zip":
            assert f["doc_type"] in DOC_TYPES, f["path"]
        assert (f["duplicate_of"] is not None) == (f["status"] == "duplicate"), f["path"]
        if f["doc_date"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", f["doc_date"]), f["path"]
        for fact in f["facts"]:
            assert fact["kind"] in {"number", "date", "period"}
            if fact["kind"] == "number":
                Decimal(fact["value"])
                Decimal(fact["canonical_value"])
        for ln in f["links"]:
            assert ln["role"] in ROLES, (f["path"], ln)


def test_readable_documents_carry_three_to_ten_key_facts(labels: dict) -> None:
    for f in labels["files"]:
        if f["status"] == "ok" and f["format"] != "zip":
            assert 3 <= len(f["facts"]) <= 10, f["path"]
            assert f["doc_date"] is not None or f["subtype"] == "info_table", f["path"]


def test_every_labelled_file_exists_and_every_file_is_labelled(labels: dict) -> None:
    on_disk = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.is_file()}
    labelled = {f["path"] for f in labels["files"] if not _is_member(f["path"])}
    assert on_disk == labelled


def test_package_variety(labels: dict) -> None:
    top = [f for f in labels["files"] if not _is_member(f["path"])]
    assert len(top) >= 28
    assert len({f["path"].split("/")[0] for f in top}) >= 8
    suffixes = {Path(f["path"]).suffix.lower() for f in top}
    assert {".pdf", ".docx", ".xlsx", ".jpg", ".png", ".tif", ".txt", ".zip", ".doc", ".dwg"} <= suffixes
    assert {f["doc_type"] for f in labels["files"]} - {None} == DOC_TYPES


def test_zip_members_are_gbk_named_and_listed(labels: dict) -> None:
    zips = [f for f in labels["files"] if f["format"] == "zip"]
    assert zips
    for z in zips:
        with zipfile.ZipFile(PACKAGE / z["path"]) as zf:
            infos = zf.infolist()
            assert all(not (i.flag_bits & 0x800) for i in infos), "UTF-8 flag must be off"
            names = {i.filename.encode("cp437").decode("gbk") for i in infos}
        members = {f["path"][len(z["path"]) + 1:] for f in labels["files"] if f["path"].startswith(z["path"] + "/")}
        assert names == members and 2 <= len(names) <= 3


def test_duplicate_is_byte_identical_and_later(labels: dict) -> None:
    dups = [f for f in labels["files"] if f["status"] == "duplicate"]
    assert dups
    for d in dups:
        first = PACKAGE / d["duplicate_of"]
        assert first.read_bytes() == (PACKAGE / d["path"]).read_bytes()
        assert d["duplicate_of"] < d["path"]


def test_indicator_ids_exist_in_catalog(labels: dict, shared_dir: Path) -> None:
    with (shared_dir / "domain" / "indicators.csv").open(encoding="utf-8") as fh:
        ids = {row["id"] for row in csv.DictReader(fh)}
    for f in labels["files"]:
        for ln in f["links"]:
            assert ln["indicator"] in ids, (f["path"], ln["indicator"])
    for row in labels["indicators"]:
        assert row["indicator"] is None or row["indicator"] in ids, row
        assert (row["indicator"] is None) == (row["expected_status"] == "unresolved")


def test_scanned_pages_have_text(labels: dict) -> None:
    total = 0
    for f in labels["files"]:
        if not f["scanned"]:
            assert not f["pages"], f["path"]
            continue
        assert f["pages"], f["path"]
        numbers = [p["page"] for p in f["pages"]]
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(p["text"].strip() for p in f["pages"])
        assert set(f["seal_pages"]) <= set(numbers)
        total += len(numbers)
        for fact in f["facts"]:
            lines = [_squash(ln) for ln in f["pages"][fact["page"] - 1]["text"].split("\n")]
            assert any(_squash(fact["text"]) in ln for ln in lines), (f["path"], fact["text"])  # never split
    assert 6 <= total <= MAX_SCANNED_PAGES


def _pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def test_text_layer_pdfs_contain_their_facts(labels: dict) -> None:
    checked = 0
    for f in labels["files"]:
        if f["format"] != "pdf" or f["status"] != "ok" or f["scanned"] or _is_member(f["path"]):
            continue
        pages = _pdf_text(PACKAGE / f["path"])
        whole = _squash("".join(pages))
        assert whole, f["path"]
        for fact in f["facts"]:
            assert _squash(fact["text"]) in whole, (f["path"], fact["text"])
        checked += 1
    assert checked >= 6


def test_scanned_pdfs_have_no_text_layer(labels: dict) -> None:
    for f in labels["files"]:
        if f["format"] == "pdf" and f["scanned"]:
            assert all(not t.strip() for t in _pdf_text(PACKAGE / f["path"])), f["path"]


def _member_bytes(path: str) -> bytes:
    zip_rel, member = path.split(".zip/", 1)
    with zipfile.ZipFile(PACKAGE / (zip_rel + ".zip")) as zf:
        for info in zf.infolist():
            if info.filename.encode("cp437").decode("gbk") == member:
                return zf.read(info)
    raise AssertionError(f"member not found: {path}")


def _docx_text(data: bytes) -> str:
    doc = DocxDocument(io.BytesIO(data))
    text = "".join(p.text for p in doc.paragraphs)
    return text + "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)


def _text_of(f: dict) -> str:
    data = _member_bytes(f["path"]) if _is_member(f["path"]) else (PACKAGE / f["path"]).read_bytes()
    if f["format"] == "docx":
        return _docx_text(data)
    if f["format"] == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "".join(p.extract_text() or "" for p in pdf.pages)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gbk")


def test_docx_text_and_zip_members_contain_their_facts(labels: dict) -> None:
    checked = 0
    for f in labels["files"]:
        if f["status"] != "ok" or f["scanned"]:
            continue
        if f["format"] not in {"docx", "text"} and not (_is_member(f["path"]) and f["format"] == "pdf"):
            continue
        text = _squash(_text_of(f))
        assert text, f["path"]
        for fact in f["facts"]:
            assert _squash(fact["text"]) in text, (f["path"], fact["text"])
        checked += 1
    assert checked >= 6


def _cell_matches(cell: openpyxl.cell.Cell, want: Decimal) -> bool:
    v = cell.value
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return isinstance(v, str) and str(want) in v
    got = Decimal(str(v))
    if "%" in cell.number_format:
        got *= 100
    return abs(got - want) < Decimal("0.005")


def test_xlsx_number_facts_are_in_the_sheets(labels: dict) -> None:
    for f in labels["files"]:
        if f["format"] != "xlsx" or f["status"] != "ok":
            continue
        wb = openpyxl.load_workbook(PACKAGE / f["path"])
        for fact in f["facts"]:
            if fact["kind"] != "number":
                continue
            ws = wb.worksheets[fact["page"] - 1]
            want = Decimal(fact["value"])
            assert any(_cell_matches(c, want) for row in ws.iter_rows() for c in row), (f["path"], fact)


def test_no_evidence_row_really_has_none(labels: dict) -> None:
    gone = [x for x in labels["indicators"] if x["expected_status"] == "no_evidence"]
    assert gone
    for row in gone:
        assert not any(ln["indicator"] == row["indicator"] for f in labels["files"] for ln in f["links"])
        for f in labels["files"]:
            if f["status"] != "ok" or f["format"] in {"zip", "xlsx", "image"} or f["scanned"]:
                continue
            assert row["submitted_name"] not in _squash(_text_of(f)), f["path"]
        for f in labels["files"]:
            assert all(row["submitted_name"] not in p["text"] for p in f["pages"])


def test_bad_files_are_really_bad(by_path: dict) -> None:
    cats = {p: f["error_category"] for p, f in by_path.items() if f["status"] == "error"}
    assert set(cats.values()) >= {"empty", "corrupt", "encrypted", "unsupported", "needs_libreoffice"}
    for rel, cat in cats.items():
        data = (PACKAGE / rel).read_bytes()
        if cat == "empty":
            assert data == b""
        elif cat == "needs_libreoffice":
            assert data.startswith(bytes.fromhex("D0CF11E0A1B11AE1"))
        elif cat == "encrypted":
            assert b"/Encrypt" in data
            with pytest.raises(Exception):
                _pdf_text(PACKAGE / rel)
        elif cat == "corrupt" and rel.endswith(".pdf"):
            assert data.startswith(b"%PDF") and b"%%EOF" not in data
        elif cat == "corrupt":
            assert not zipfile.is_zipfile(PACKAGE / rel)


def test_mislabelled_pdf_is_a_jpeg(labels: dict) -> None:
    odd = [f for f in labels["files"] if f["path"].endswith(".pdf") and f["format"] == "image"]
    assert odd
    for f in odd:
        assert (PACKAGE / f["path"]).read_bytes()[:3] == b"\xff\xd8\xff"


def test_exif_rotated_photo() -> None:
    photos = [p for p in PACKAGE.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg"}]
    rotated = []
    for p in photos:
        with Image.open(p) as im:
            if im.getexif().get(0x0112) in (6, 8):
                upright = ImageOps.exif_transpose(im)
                assert upright.width > upright.height > 0 and im.height > im.width
                rotated.append(p)
    assert rotated


def test_gbk_and_utf8_texts() -> None:
    raws = [p.read_bytes() for p in PACKAGE.rglob("*.txt")]
    utf8 = gbk = 0
    for raw in raws:
        try:
            raw.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            raw.decode("gbk")
            gbk += 1
    assert utf8 >= 1 and gbk >= 1


def test_wwtp_ledger_percent_cell_and_totals() -> None:
    path = PACKAGE / "5.城乡水务局/县城污水处理厂2024年运行台账.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.merged_cells.ranges and "单位：万吨" in str(ws["F2"].value)
    assert ws["F17"].value == pytest.approx(0.9523) and "%" in ws["F17"].number_format
    monthly = [Decimal(str(ws.cell(r, 5).value)) for r in range(4, 16)]
    assert sum(monthly) == Decimal(str(ws.cell(16, 5).value)) == Decimal("299.97")
    daily = [ws2 for ws2 in wb.worksheets[1].iter_rows(min_row=3, max_row=33, values_only=True)]
    assert sum(r[1] for r in daily) == int(Decimal(str(ws.cell(15, 5).value)) * 10_000)


def test_submitted_sheet_matches_expectations(labels: dict) -> None:
    wb = openpyxl.load_workbook(SAMPLES / labels["submitted"])
    ws = wb.active
    assert "填报表" in str(ws["A1"].value) and ws.merged_cells.ranges
    header = [c.value for c in ws[3]]
    assert header == ["序号", "指标名称", "填报值", "单位", "填报单位", "备注"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert 15 <= len(rows) <= 25
    assert [r[1] for r in rows] == [x["submitted_name"] for x in labels["indicators"]]
    for r, exp in zip(rows, labels["indicators"]):
        assert Decimal(str(r[2])) == Decimal(exp["submitted_value"]) and r[3] == exp["submitted_unit"]
        assert exp["expected_status"] in ROW_STATUSES
    statuses = {x["expected_status"] for x in labels["indicators"]}
    assert statuses == ROW_STATUSES


def test_checks_and_derived_rates(labels: dict) -> None:
    checks = {c["id"]: c for c in labels["checks"]}
    assert set(checks) == CHECK_IDS
    assert checks["quarterly_minutes"]["missing"] == ["Q3"]
    for rate in checks["derived_rates"]["rates"]:
        value = Decimal(rate["numerator"]) / Decimal(rate["denominator"]) * 100
        assert value.quantize(RATE_DECIMALS) == Decimal(rate["value"]).quantize(RATE_DECIMALS), rate
    land = checks["land_class_sum"]
    assert Decimal(land["county_area"]) - Decimal(land["classes_sum"]) == Decimal(land["difference"])


def test_total_size_budget() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < MAX_TOTAL_BYTES


def _digest_tree(root: Path) -> dict[str, str]:
    skip = {"__pycache__"}
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and not skip & set(p.parts) and not p.suffix == ".py"
            and p.name != "README.md" and not p.name.startswith(".")
            and not (p.parent == root and p.name.startswith("complete_"))}  # hand-made exhaustive labels


def _generate(out: Path) -> None:
    subprocess.run([sys.executable, "-B", str(SAMPLES / "make_samples.py"), "--out", str(out)], check=True,
                   capture_output=True)


@pytest.mark.slow
def test_generator_is_deterministic_and_committed_output_is_current(tmp_path: Path, cjk_font: str) -> None:
    """Two runs give identical bytes; against the committed copy, compare what does not depend on library
    versions (CI installs unpinned Pillow/reportlab/openpyxl): the file set, labels.json and the text files."""
    first, second = tmp_path / "a", tmp_path / "b"
    _generate(first)
    _generate(second)
    fresh = _digest_tree(first)
    assert fresh == _digest_tree(second)
    committed = _digest_tree(SAMPLES)
    assert set(fresh) == set(committed)
    for rel in fresh:
        if rel == "labels.json" or rel.endswith(".txt"):
            assert fresh[rel] == committed[rel], f"{rel} is stale: rerun corpus/samples/make_samples.py"

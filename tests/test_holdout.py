"""The 云岭旗 holdout package (corpus/holdout): labels agree with the files on disk, the CSV really is GBK, the
generator is deterministic. Checks are written the way a careful reviewer would verify a ground-truth set."""
from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import sys
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import numpy as np
import openpyxl
import pdfplumber
import pypdfium2
import pytest

HOLDOUT = Path(__file__).resolve().parents[1] / "corpus" / "holdout"
PKG = HOLDOUT / "package"
DOMAIN_CSV = Path("/work/shared/domain/indicators.csv")
DOC_TYPES = {"meeting_minutes", "budget_document", "payment_voucher", "acceptance_report", "monitoring_report",
             "ledger", "plan", "notice", "other"}
STATUSES = {"corroborated", "mismatch", "no_evidence", "out_of_period", "unresolved"}
MAX_PACKAGE_BYTES = 6 * 1024 * 1024  # brief: total size ≤ 6 MB
MAX_SCANNED_PAGES = 6  # brief: OCR costs ~1 s/page in CI
RED_PIXELS_FOR_SEAL = 800  # pixels (page rendered at 72 dpi) whose red exceeds green and blue by > RED_MARGIN
RED_MARGIN = 60  # 0–255 channel units: seal ink is clearly red, paper shading and blue ink are not


@pytest.fixture(scope="module")
def labels() -> dict[str, Any]:
    return json.loads((HOLDOUT / "labels.json").read_text(encoding="utf-8"))


def _catalog_ids() -> set[str]:
    with DOMAIN_CSV.open(encoding="utf-8") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


# ---------------------------------------------------------------- reading files the labels point at
def _member_bytes(path: str) -> bytes:
    """Bytes of a labelled path; zip members are addressed as 'a/b.zip/inner/c.docx' (nested zips allowed)."""
    parts = path.split("/")
    for i, part in enumerate(parts):
        if part.lower().endswith(".zip") and i < len(parts) - 1:
            data = (PKG / "/".join(parts[: i + 1])).read_bytes()
            return _from_zip(data, parts[i + 1:])
    return (PKG / path).read_bytes()


def _zip_names(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    out = {}
    for info in z.infolist():
        name = info.filename
        if not info.flag_bits & 0x800:
            name = name.encode("cp437").decode("gbk")
        out[name] = info
    return out


def _from_zip(data: bytes, rest: list[str]) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(data))
    names = _zip_names(z)
    for k in range(1, len(rest) + 1):
        name = "/".join(rest[:k])
        if name in names:
            inner = z.read(names[name])
            return inner if k == len(rest) else _from_zip(inner, rest[k:])
    raise KeyError(f"{'/'.join(rest)} not in archive")


def _text_of(path: str, fmt: str) -> list[str]:
    """Text per page (one 'page' for non-PDF formats) from the file itself."""
    data = _member_bytes(path)
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [p.extract_text() or "" for p in pdf.pages]
    if fmt == "docx":
        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        parts += [" ".join(c.text for c in row.cells) for t in d.tables for row in t.rows]
        return ["\n".join(parts)]
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data))
        return ["\n".join(" ".join("" if v is None else str(v) for v in row)
                          for ws in wb.worksheets for row in ws.iter_rows(values_only=True))]
    if fmt == "text":
        for enc in ("utf-8-sig", "gb18030"):
            try:
                return [data.decode(enc)]
            except UnicodeDecodeError:
                continue
    raise AssertionError(f"cannot read {path} as {fmt}")


def label_problems(labels: dict[str, Any]) -> list[str]:
    """Everything a reviewer would reject in labels.json, as messages (empty list = consistent)."""
    problems: list[str] = []
    files = {f["path"]: f for f in labels["files"]}
    catalog = _catalog_ids()
    for f in labels["files"]:
        p = f["path"]
        try:
            _member_bytes(p)
        except (FileNotFoundError, KeyError) as exc:
            problems.append(f"{p}: missing on disk ({exc})")
            continue
        if f["status"] == "ok" and f["format"] != "zip" and f["doc_type"] not in DOC_TYPES:
            problems.append(f"{p}: bad doc_type {f['doc_type']}")
        if f["doc_date"]:
            date.fromisoformat(f["doc_date"])
        if f["scanned"]:
            texts = [pg["text"] for pg in f["pages"]]
            if not texts:
                problems.append(f"{p}: scanned without page text")
        elif f["format"] not in ("zip", "image"):
            texts = _text_of(p, f["format"])
        else:
            texts = []
        for fact in f["facts"]:
            page = fact.get("page", 1)
            if page > len(texts) or fact["text"] not in texts[page - 1]:
                problems.append(f"{p}: fact {fact['text']!r} not on page {page}")
        for ln in f["links"]:
            if ln["indicator"] not in catalog:
                problems.append(f"{p}: unknown indicator {ln['indicator']}")
    on_disk = {q.relative_to(PKG).as_posix() for q in PKG.rglob("*") if q.is_file()}
    top_level = {p for p in files if ".zip/" not in p}
    for extra in sorted(on_disk - top_level - set(labels["skipped"])):
        problems.append(f"{extra}: on disk but not labelled")
    for row in labels["indicators"]:
        if row["expected_status"] not in STATUSES:
            problems.append(f"{row['submitted_name']}: bad status")
        if (row["indicator"] is None) != (row["expected_status"] == "unresolved"):
            problems.append(f"{row['submitted_name']}: unresolved iff no indicator")
        if row["indicator"] is not None and row["indicator"] not in catalog:
            problems.append(f"{row['submitted_name']}: unknown indicator {row['indicator']}")
        ev = row.get("evidence_path")
        if ev is not None and ev not in files:
            problems.append(f"{row['submitted_name']}: evidence_path {ev} not labelled")
    return problems


# ---------------------------------------------------------------- tests
def test_labels_consistent_with_files(labels: dict[str, Any]) -> None:
    assert label_problems(labels) == []


def test_tampered_labels_are_caught(labels: dict[str, Any]) -> None:
    bad = copy.deepcopy(labels)
    bad["files"][0]["facts"].append({"kind": "number", "text": "99999万元", "page": 1})
    bad["files"][1]["path"] += ".missing"
    bad["indicators"][0]["indicator"] = "no_such_indicator"
    problems = label_problems(bad)
    assert any("99999万元" in m for m in problems)
    assert any("missing on disk" in m for m in problems)
    assert any("no_such_indicator" in m for m in problems)
    assert any("on disk but not labelled" in m for m in problems)


def test_package_shape(labels: dict[str, Any]) -> None:
    on_disk = [q for q in PKG.rglob("*") if q.is_file()]
    assert 18 <= len(on_disk) <= 24
    assert sum(q.stat().st_size for q in on_disk) <= MAX_PACKAGE_BYTES
    scanned_pages = sum(len(f["pages"]) for f in labels["files"] if f["scanned"])
    assert 4 <= scanned_pages <= MAX_SCANNED_PAGES
    assert {"desktop.ini", "03-旗住建局/Thumbs.db"} == set(labels["skipped"])
    assert (PKG / "03-旗住建局/Thumbs.db").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    types = {f["doc_type"] for f in labels["files"] if f["doc_type"]}
    assert types == DOC_TYPES  # every one of the nine types occurs


def test_submitted_csv_is_gbk_with_title(labels: dict[str, Any]) -> None:
    raw = (HOLDOUT / "submitted.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw.decode("gbk"))))
    assert "云岭旗" in rows[0][0] and rows[2] == ["指标", "数值", "计量单位", "责任单位"]
    body = rows[3:]
    assert [(r[0], r[1], r[2]) for r in body] == [
        (i["submitted_name"], i["submitted_value"], i["submitted_unit"]) for i in labels["indicators"]]


def test_traps_cover_the_brief(labels: dict[str, Any]) -> None:
    by_status: dict[str, list[dict[str, Any]]] = {}
    for row in labels["indicators"]:
        by_status.setdefault(row["expected_status"], []).append(row)
    assert {"corroborated", "mismatch", "no_evidence", "out_of_period", "unresolved"} <= set(by_status)
    units = {(r["submitted_unit"], r["evidence_unit"]) for r in by_status["corroborated"]}
    assert ("万元", "元") in units and ("公顷", "亩") in units
    checks = {c["id"]: c for c in labels["checks"]}
    assert checks["quarterly_minutes"]["missing"] == ["Q2"]
    files = {f["path"]: f for f in labels["files"]}
    for q, path in checks["quarterly_minutes"]["found"].items():
        d = date.fromisoformat(files[path]["doc_date"])
        assert files[path]["doc_type"] == "meeting_minutes" and f"Q{(d.month - 1) // 3 + 1}" == q
    q2 = [f for f in labels["files"] if f["doc_type"] == "meeting_minutes"
          and f["doc_date"] and date.fromisoformat(f["doc_date"]).month in (4, 5, 6)]
    assert q2 == []
    assert all(files[p].get("draft") and "送审稿" in p for p in checks["drafts_not_evidence"]["drafts"])


def test_derived_rates_arithmetic(labels: dict[str, Any]) -> None:
    rates = next(c for c in labels["checks"] if c["id"] == "derived_rates")["rates"]
    for r in rates:
        value = (Decimal(r["numerator"]) / Decimal(r["denominator"]) * 100).quantize(Decimal("0.01"))
        assert value == Decimal(r["value"]), r


def test_garbled_pdf_has_only_private_use_cjk() -> None:
    text = _text_of("05-旗林草局/2023年退化草原生态修复工程竣工验收意见.pdf", "pdf")[0]
    assert sum(0xE000 <= ord(ch) <= 0xF8FF for ch in text) > 100
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_yearbook_percent_cells_are_fractions() -> None:
    wb = openpyxl.load_workbook(PKG / "07-旗统计局/云岭旗统计年鉴2023（主要指标摘录）.xlsx")
    cell = wb["1-1 主要指标"]["C8"]
    assert cell.value == pytest.approx(0.4862) and "%" in cell.number_format


def _red_pixels(path: str, page: int) -> int:
    pdf = pypdfium2.PdfDocument(PKG / path)
    a = np.asarray(pdf[page - 1].render(scale=1).to_pil().convert("RGB")).astype(int)
    return int(((a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > RED_MARGIN).sum())


def test_seal_labels_match_pixels(labels: dict[str, Any]) -> None:
    for f in labels["files"]:
        if f["format"] != "pdf" or not f["scanned"]:
            continue
        for pg in f["pages"]:
            red = _red_pixels(f["path"], pg["page"])
            assert (red > RED_PIXELS_FOR_SEAL) == (pg["page"] in f["seal_pages"]), (f["path"], red)


def test_zip_names_are_gbk_without_utf8_flag() -> None:
    z = zipfile.ZipFile(PKG / "09-巴彦塔拉苏木/巴彦塔拉苏木上报材料.zip")
    assert all(not info.flag_bits & 0x800 for info in z.infolist())
    assert "嘎查台账/垃圾收集转运台账.zip" in _zip_names(z)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(HOLDOUT))
    import make_holdout  # noqa: PLC0415

    fresh = make_holdout.generate(tmp_path)
    committed = json.loads((HOLDOUT / "labels.json").read_text(encoding="utf-8"))
    assert fresh == committed
    for q in PKG.rglob("*"):
        if q.is_file():
            rel = q.relative_to(PKG)
            assert hashlib.sha256((tmp_path / "package" / rel).read_bytes()).hexdigest() == \
                hashlib.sha256(q.read_bytes()).hexdigest(), rel
    assert (tmp_path / "submitted.csv").read_bytes() == (HOLDOUT / "submitted.csv").read_bytes()

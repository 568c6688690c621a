"""Format backends, sniffing and read_document on files built here (reportlab, python-docx, openpyxl, Pillow)."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from PIL import Image

from extract.docx_backend import DocxBackend
from extract.hashing import sha256_file
from extract.image_backend import ImageBackend
from extract.legacy_office import LegacyOfficeBackend
from extract.model import Document, Page
from extract.pdf_backend import PdfBackend, judge_text_layer
from extract.reader import ocr_document_page, pages_needing_ocr, read_document
from extract.registry import sniff
from extract.text_backend import TextBackend
from extract.xlsx_backend import XlsxBackend, display_value


def read(path: Path, ocr: object = None) -> Document:
    return read_document(path, path.name, sha256_file(path), ocr)  # type: ignore[arg-type]


def cells(doc: Document, page: int = 1) -> dict[str, object]:
    return {b.text: b for b in doc.pages[page - 1].blocks if b.kind == "cell"}


# ------------------------------------------------------------------------------------------------ PDF
def _pdf_canvas(path: Path, font: str, **kwargs: object):  # noqa: ANN202 - reportlab canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "zh" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("zh", font, subfontIndex=0))
    return canvas.Canvas(str(path), pagesize=(595, 842), **kwargs)


def _text_page(c, lines: list[str]) -> None:  # noqa: ANN001
    c.setFont("zh", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 20 * i, line)


def _ruled_table(c, rows: list[list[str]], top: float = 600) -> None:  # noqa: ANN001
    c.setFont("zh", 10)
    col_w, row_h, x0 = 120, 20, 72
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            c.rect(x0 + col * col_w, top - (r + 1) * row_h, col_w, row_h)
            c.drawString(x0 + col * col_w + 4, top - (r + 1) * row_h + 6, text)


def _scan_image(text_free: bool = True) -> Image.Image:
    image = Image.new("RGB", (800, 1100), "white")
    for y in range(100, 1000, 40):
        image.paste((30, 30, 30), (80, y, 700, y + 12))
    return image


@pytest.fixture()
def table_pdf(tmp_path: Path, cjk_font: str) -> Path:
    path = tmp_path / "投入明细.pdf"
    c = _pdf_canvas(path, cjk_font)
    _text_page(c, ["青川县2024年生态环境保护资金使用情况", "单位：万元，截至2024年9月30日"])
    _ruled_table(c, [["项目", "预算", "完成"], ["污水处理厂提标", "1,200", "1,150"], ["农村改厕", "300", "298"]])
    c.showPage()
    image = tmp_path / "scan.png"
    _scan_image().save(image)
    c.drawImage(str(image), 0, 0, width=595, height=842)
    c.showPage()
    c.showPage()  # a blank page: neither text nor OCR
    c.save()
    return path


def test_pdf_text_table_and_scanned_page(table_pdf: Path) -> None:
    doc = read(table_pdf)
    assert doc.status == "ok" and doc.format == "pdf" and len(doc.pages) == 3
    first, second, blank = doc.pages
    assert blank.ocr_reason is None and not blank.blocks and not blank.has_text_layer
    assert first.ocr_reason is None and first.has_text_layer
    titles = [b for b in first.blocks if b.kind == "text"]
    assert titles[0].text == "青川县2024年生态环境保护资金使用情况"
    assert titles[0].src.bbox is not None and titles[0].src.bbox[1] < titles[1].src.bbox[1]
    table = cells(doc)
    assert table["1,150"].cell.row_header == "污水处理厂提标"
    assert table["1,150"].cell.column_header == "完成"
    assert table["300"].cell.column_header == "预算" and table["300"].cell.row == 2
    assert "1,150" not in " ".join(b.text for b in titles)  # table words are not repeated as lines
    # spans index Page.text
    for block in first.blocks:
        start, end = block.src.span
        assert first.text[start:end] == block.text
    assert block.id.startswith(doc.sha256[:12] + "/p1/b")
    assert second.ocr_reason == "no_text_layer" and not second.blocks and not second.has_text_layer
    assert pages_needing_ocr(doc) == [2]


class FakeEngine:
    """Stands in for extract.ocr: records the rendered image size and returns one block."""

    def __init__(self) -> None:
        self.sizes: list[tuple[int, int]] = []


def test_pdf_ocr_pages_use_engine(table_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.ocr as ocr_module
    from extract.model import Block, Source

    engine = FakeEngine()

    def fake_ocr(image, engine_, *, sha256, page_no, scale):  # noqa: ANN001, ANN202
        engine_.sizes.append(image.size)
        block = Block(f"{sha256[:12]}/p{page_no}/b0", "text", "识别文字", Source(sha256, page_no), origin="ocr")
        return Page(page_no, image.width / scale, image.height / scale, False, (block,), ocr=True)

    monkeypatch.setattr(ocr_module, "ocr_image_to_page", fake_ocr, raising=False)
    doc = read(table_pdf, engine)
    assert len(engine.sizes) == 1
    assert engine.sizes[0] == pytest.approx((595 * 200 / 72, 842 * 200 / 72), abs=1)
    assert doc.pages[1].ocr and doc.pages[1].ocr_reason == "no_text_layer" and doc.pages[1].text == "识别文字"
    assert not doc.pages[0].ocr
    page = ocr_document_page(table_pdf, table_pdf.name, doc.sha256, 2, engine, dpi=100)  # type: ignore[arg-type]
    assert page.page_no == 2 and page.ocr and page.ocr_reason == "no_text_layer"
    assert engine.sizes[-1] == pytest.approx((595 * 100 / 72, 842 * 100 / 72), abs=1)


def pua_pdf_bytes(lines: int = 3) -> bytes:
    """A one-page PDF whose Helvetica text maps (ToUnicode) every byte to a private-use code point."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfrange <20> <7E> <E000> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end")
    text = b"".join(b"BT /F1 14 Tf 72 %d Td (ABCDEFGHIJKLMNOP) Tj ET\n" % (760 - 20 * i) for i in range(lines))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_garbled_layer(tmp_path: Path, cjk_font: str) -> None:
    path = tmp_path / "garbled.pdf"
    path.write_bytes(pua_pdf_bytes())
    page = read(path).pages[0]
    assert page.ocr_reason == "garbled_text_layer" and page.has_text_layer and not page.blocks
    unmapped = tmp_path / "unmapped.pdf"  # glyphs missing from the font: text objects without usable Unicode
    c = _pdf_canvas(unmapped, cjk_font)
    _text_page(c, ["\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a\ue00b"] * 3)
    c.showPage()
    c.save()
    assert read(unmapped).pages[0].ocr_reason in {"garbled_text_layer", "no_text_layer"}
    assert pages_needing_ocr(read(unmapped)) == [1]


def test_judge_text_layer_thresholds() -> None:
    assert judge_text_layer("第1页", 0.0).ocr_reason == "no_text_layer"
    assert judge_text_layer("关于下达2024年生态环境保护资金的通知", 0.0).ocr_reason is None
    assert judge_text_layer("(cid:12)(cid:13)(cid:14) 资金", 0.0).ocr_reason == "garbled_text_layer"
    assert judge_text_layer("扫描件页眉 电子公文打印版 第1页", 0.9).ocr_reason == "no_text_layer"


def test_pdf_encrypted_truncated_empty_mislabelled(tmp_path: Path, cjk_font: str) -> None:
    locked = tmp_path / "locked.pdf"
    c = _pdf_canvas(locked, cjk_font, encrypt="secret")
    _text_page(c, ["机密文件内容需要密码才能打开阅读"])
    c.showPage()
    c.save()
    doc = read(locked)
    assert doc.status == "error" and doc.problems[0].category == "encrypted" and doc.format == "pdf"
    assert "密码" in doc.error

    whole = tmp_path / "whole.pdf"
    c = _pdf_canvas(whole, cjk_font)
    _text_page(c, ["完整的文件内容" * 3])
    c.showPage()
    c.save()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(whole.read_bytes()[:300])
    doc = read(truncated)
    assert doc.status == "error" and doc.problems[0].category == "corrupt"

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    doc = read(empty)
    assert doc.status == "error" and doc.problems == (doc.problems[0],) and doc.problems[0].category == "empty"
    assert doc.problems[0].message == "文件为空（0 字节）"

    fake = tmp_path / "照片.pdf"
    _scan_image().save(fake, format="JPEG")
    assert sniff(fake) is ImageBackend
    doc = read(fake)
    assert doc.status == "ok" and doc.format == "image" and doc.pages[0].ocr_reason == "image"


def test_unsupported_and_binary(tmp_path: Path) -> None:
    rar = tmp_path / "材料.rar"
    rar.write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(range(256)) * 4)
    doc = read(rar)
    assert doc.status == "error" and doc.problems[0].category == "unsupported" and "RAR" in doc.error
    blob = tmp_path / "data.bin"
    blob.write_bytes(bytes(range(256)) * 40)
    doc = read(blob)
    assert doc.problems[0].category == "unsupported" and doc.error.startswith("不支持的文件类型：")
    assert doc.format == "unknown" and doc.size == 256 * 40
    dwg = tmp_path / "管网图.dwg"
    dwg.write_bytes(b"AC1032\x00\x00" + bytes(range(256)) * 8)
    assert read(dwg).problems[0].category == "unsupported"
    # bytes that match no format under a name that claims one: the file is damaged, not of an unknown type
    for name, category, fmt in (("总结.docx", "corrupt", "docx"), ("照片.jpg", "corrupt", "image"),
                                ("旧.wps", "corrupt", "wps"), ("说明.txt", "unreadable", "text")):
        damaged = tmp_path / name
        damaged.write_bytes(bytes(range(256)) * 24)
        doc = read(damaged)
        assert (doc.status, doc.problems[0].category, doc.format) == ("error", category, fmt), name
    empty = tmp_path / "清单.xlsx"
    empty.write_bytes(b"")
    doc = read(empty)
    assert (doc.problems[0].category, doc.format, doc.size) == ("empty", "xlsx", 0)


# ------------------------------------------------------------------------------------------------ images
def test_image_exif_rotation_meta_and_dpi(tmp_path: Path) -> None:
    path = tmp_path / "现场照片.jpg"
    image = Image.new("RGB", (400, 200), "white")
    image.paste((200, 0, 0), (0, 0, 50, 200))  # red band on the left edge
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: viewer turns it 90° clockwise
    exif.get_ifd(0x8769)[36867] = "2024:05:01 10:30:00"
    exif.get_ifd(0x8825).update({1: "N", 2: (32.0, 30.0, 0.0), 3: "E", 4: (105.0, 15.0, 36.0)})
    image.save(path, exif=exif, dpi=(300, 300))
    doc = read(path)
    page = doc.pages[0]
    assert doc.format == "image" and page.ocr_reason == "image" and not page.has_text_layer
    assert (round(page.width), round(page.height)) == (48, 96)  # 200x400 px at 300 dpi, upright
    meta = dict(doc.meta)
    assert meta["exif_datetime"] == "2024:05:01 10:30:00"
    assert meta["gps_lat"] == "32.500000" and meta["gps_lon"] == "105.260000"
    with ImageBackend(path, doc.sha256, path.name) as backend:
        upright = backend.render(1, dpi=300)
        assert upright.size == (200, 400)
        assert upright.getpixel((100, 10))[0] > 150 and upright.getpixel((100, 390))[1] > 150  # band now on top
        assert backend.render(1, dpi=150).size == (100, 200)


def test_image_formats_multipage_tiff_and_too_large(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (300, 400), c) for c in ("white", "gray", "black")]
    tiff = tmp_path / "扫描.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    doc = read(tiff)
    assert len(doc.pages) == 3 and all(p.ocr_reason == "image" for p in doc.pages)
    assert doc.pages[2].width == pytest.approx(300 * 72 / 200)
    animated = tmp_path / "动图.gif"
    frames[0].save(animated, save_all=True, append_images=frames[1:])
    assert len(read(animated).pages) == 1  # animation frames are not pages
    for fmt, ext in (("PNG", ".png"), ("BMP", ".bmp"), ("WEBP", ".webp")):
        path = tmp_path / f"x{ext}"
        frames[0].save(path, format=fmt)
        assert sniff(path) is ImageBackend and read(path).status == "ok"
    huge = tmp_path / "huge.png"
    Image.new("1", (13_000, 100)).save(huge)
    doc = read(huge)
    assert doc.status == "error" and doc.problems[0].category == "too_large"
    bomb = tmp_path / "bomb.png"
    Image.new("1", (11_000, 11_000)).save(bomb)
    assert read(bomb).problems[0].category == "too_large"
    broken = tmp_path / "broken.jpg"
    buffer = io.BytesIO()
    frames[1].save(buffer, format="JPEG")
    broken.write_bytes(buffer.getvalue()[:400])
    assert read(broken).problems[0].category == "corrupt"


# ------------------------------------------------------------------------------------------------ text
def test_text_gbk_utf8_and_paging(tmp_path: Path) -> None:
    body = "青川县生态环境局\n2024年污水处理率为95.2%\n"
    gbk = tmp_path / "说明.txt"
    gbk.write_bytes(body.encode("gbk"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    rare = tmp_path / "gb18030.txt"
    rare.write_bytes("䶮字与𠀀字的测试文本，森林覆盖率61.2%".encode("gb18030"))
    for path in (gbk, utf8):
        doc = read(path)
        assert sniff(path) is TextBackend and doc.format == "text"
        assert [b.text for b in doc.pages[0].blocks] == ["青川县生态环境局", "2024年污水处理率为95.2%"]
    assert "森林覆盖率61.2%" in read(rare).text and "𠀀" in read(rare).text
    long = tmp_path / "long.txt"
    long.write_text("\n".join(f"第{i}行" for i in range(130)), encoding="utf-8")
    doc = read(long)
    assert [len(p.blocks) for p in doc.pages] == [60, 60, 10] and doc.pages[2].blocks[0].text == "第120行"


# ------------------------------------------------------------------------------------------------ XLSX
def test_xlsx_display_headers_merges(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "污水处理"
    ws["A1"] = "2024年城镇污水处理情况统计表"
    ws.merge_cells("A1:D1")
    ws["A2"] = "单位：万吨"
    ws.append(["序号", "项目", "处理率", "日期"])
    ws.append([1, "县城污水处理厂", 0.9523, date(2024, 3, 15)])
    ws.append([2, "乡镇污水处理站", 1234567.891, None])
    ws["C4"].number_format = "0.00%"
    ws["D4"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    ws["C5"].number_format = "#,##0.00"
    wb.create_sheet("空表")
    wb.save(path)
    doc = read(path)
    assert doc.format == "xlsx" and len(doc.pages) == 2 and not doc.pages[1].blocks
    table = cells(doc)
    rate = table["95.23%"]
    assert rate.cell.stored == "0.9523" and rate.cell.coord == "C4" and rate.cell.sheet == "污水处理"
    assert (rate.cell.row, rate.cell.col) == (3, 2)
    assert rate.cell.row_header == "县城污水处理厂" and rate.cell.column_header == "处理率"
    assert table["2024-03-15"].cell.column_header == "日期"
    assert table["1,234,567.89"].cell.stored == "1234567.891"
    title = [b for b in doc.pages[0].blocks if "统计表" in b.text and b.kind == "cell"]
    assert len(title) == 1 and title[0].cell.column_header is None  # merged title read once, above the header
    assert table["单位：万吨"].kind == "cell"
    rows = [b.text for b in doc.pages[0].blocks if b.kind == "text"]
    assert "1 | 县城污水处理厂 | 95.23% | 2024-03-15" in rows


def test_xlsx_two_level_header_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "2023年", None, "2024年", None])
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws.append(["", "目标", "完成", "目标", "完成"])
    ws.append(["森林覆盖率", 60, 61.2, 61, 61.5])
    wb.save(path)
    table = cells(read(path))
    assert table["61.5"].cell.column_header == "2024年/完成" and table["61.5"].cell.row_header == "森林覆盖率"
    corrupt = tmp_path / "bad.xlsx"
    corrupt.write_bytes(path.read_bytes()[:200])
    doc = read(corrupt)
    assert doc.status == "error" and doc.problems[0].category == "corrupt" and doc.format == "xlsx"


def test_display_value_formats() -> None:
    from decimal import Decimal

    assert display_value(0.30000000000000004, "General") == ("0.3", None)
    assert display_value(29094, "#,##0") == ("29,094", "29094")
    assert display_value(-5, "0.00;[Red]-0.00") == ("-5.00", "-5")
    assert display_value(12.5, '0.00"吨"') == ("12.50吨", "12.5")
    assert display_value(Decimal("0.05"), "0%") == ("5%", "0.05")
    assert display_value("  共 3 个 ", "@") == ("共 3 个", None)


# ------------------------------------------------------------------------------------------------ DOCX
def test_docx_order_headers_titles(tmp_path: Path) -> None:
    path = tmp_path / "验收报告.docx"
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "青川县生态环境局"
    heading = d.add_paragraph("农村环境整治项目验收报告")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("验收组于2024年6月18日对项目进行了现场检查。")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["村名", "任务", "完成"], ["桥楼村", "1", "1"], ["乔庄村", "1", "0"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "未完成"
    d.add_heading("验收结论", level=1)
    d.add_paragraph("同意通过验收。")
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.save(path)
    doc = read(path)
    assert doc.format == "docx" and len(doc.pages) == 1 and doc.pages[0].width == pytest.approx(612, abs=1)
    blocks = doc.pages[0].blocks
    texts = [b.text for b in blocks]
    assert texts[0] == "青川县生态环境局" and texts[-1] == "第 1 页"
    order = [texts.index(t) for t in ("农村环境整治项目验收报告", "验收组于2024年6月18日对项目进行了现场检查。",
                                      "桥楼村", "验收结论", "同意通过验收。")]
    assert order == sorted(order)
    assert blocks[1].kind == "title" and blocks[texts.index("验收结论")].kind == "title"
    assert blocks[2].kind == "text"
    table_cells = cells(doc)
    assert texts.count("未完成") == 1  # merged cell once
    assert table_cells["未完成"].cell.row_header == "乔庄村" and table_cells["未完成"].cell.column_header == "任务"
    assert all(b.src.bbox is None for b in blocks)
    start, end = blocks[3].src.span
    assert doc.pages[0].text[start:end] == blocks[3].text


def test_docx_corrupt_and_legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    doc = read(bad)
    assert doc.status == "error" and doc.problems[0].category == "corrupt" and doc.format == "docx"
    legacy = tmp_path / "旧文件.doc"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    legacy.write_bytes(header + "WordDocument".encode("utf-16-le") + b"\x00" * 1000)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere on PATH
    assert sniff(legacy) is LegacyOfficeBackend
    doc = read(legacy)
    assert doc.status == "error" and doc.problems[0].category == "needs_libreoffice" and doc.format == "doc"
    assert "LibreOffice" in doc.error
    xls = tmp_path / "台账.xls"
    xls.write_bytes(header + "Workbook".encode("utf-16-le") + b"\x00" * 1000)
    assert read(xls).format == "xls"
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000)
    doc = read(locked)
    assert doc.problems[0].category == "encrypted" and doc.format == "xlsx"


def test_sniff_by_content_not_extension(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("内容")
    misnamed = tmp_path / "报告.xlsx"
    d.save(misnamed)
    assert sniff(misnamed) is DocxBackend
    wb = openpyxl.Workbook()
    book = tmp_path / "表格.dat"
    wb.save(book)
    assert sniff(book) is XlsxBackend
    assert sniff(tmp_path / "表格.dat") is not PdfBackend


def test_xlsx_uncached_formulas_computed_or_reported(tmp_path: Path) -> None:
    path = tmp_path / "公式.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "投入（万元）"])
    ws.append(["污水", 1200.5])
    ws.append(["垃圾", 300])
    ws.append(["合计", "=SUM(B2:B3)"])
    ws.append(["占比", "=ROUND(B2/B4,4)"])
    ws.append(["查找", "=VLOOKUP(A2,A2:B3,2,FALSE)"])
    ws["B5"].number_format = "0.00%"
    wb.save(path)
    doc = read(path)
    table = cells(doc)
    assert table["1500.5"].cell.row_header == "合计" and table["1500.5"].cell.column_header == "投入（万元）"
    assert table["80.01%"].cell.stored == "0.8001"
    assert [(p.category, p.page_no) for p in doc.problems] == [("uncached_formula", 1)]
    assert "B6" in doc.problems[0].message and doc.status == "ok"


def test_html_export_named_xls_and_nested_docx_table(tmp_path: Path) -> None:
    html = tmp_path / "系统导出.xls"
    html.write_bytes("<html><head><style>td{}</style></head><body><table><tr><td>指标</td><td>数值</td></tr>"
                     "<tr><td>森林覆盖率</td><td>61.2%</td></tr></table></body></html>".encode("gbk"))
    doc = read(html)
    assert doc.format == "text" and [b.text for b in doc.pages[0].blocks] == ["指标 | 数值", "森林覆盖率 | 61.2%"]
    path = tmp_path / "nested.docx"
    d = docx.Document()
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text, outer.cell(1, 0).text = "项目", "明细", "改厕"
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    for r, row in enumerate([["户数", "资金"], ["120", "36万元"]]):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    d.save(path)
    table = cells(read(path))
    assert table["36万元"].cell.table == 1 and table["36万元"].cell.column_header == "资金"
    assert table["改厕"].cell.table == 0 and table["改厕"].cell.column_header == "项目"


def test_transparent_png_renders_on_white(tmp_path: Path) -> None:
    path = tmp_path / "截图.png"
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (10, 10, 30, 30))
    image.save(path)
    with ImageBackend(path, "0" * 64, path.name) as backend:
        rendered = backend.render(1, dpi=200)
    assert rendered.mode == "RGB" and rendered.getpixel((100, 80)) == (255, 255, 255)
    assert rendered.getpixel((20, 20)) == (0, 0, 0)


def test_pdf_owner_password_prefix_junk_and_bad_page(tmp_path: Path, cjk_font: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium
    from pdfminer.pdfparser import PDFSyntaxError
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "owner_only.pdf"
    c = _pdf_canvas(path, cjk_font, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1))
    for n in (1, 2):
        _text_page(c, [f"第{n}页：限制编辑但可以打开的公开文件"])
        c.showPage()
    c.save()
    doc = read(path)
    assert doc.status == "ok" and "第1页：限制编辑但可以打开的公开文件" in doc.pages[0].text

    prefixed = tmp_path / "邮件附件.pdf"
    prefixed.write_bytes(b"Content-Type: application/pdf\r\n\r\n" + path.read_bytes())
    assert sniff(prefixed) is PdfBackend

    real = PdfBackend._layer_page

    def broken_second_page(self, page, textpage, page_no):  # noqa: ANN001, ANN202
        if page_no == 2:
            raise PDFSyntaxError("damaged content stream")
        return real(self, page, textpage, page_no)

    monkeypatch.setattr(PdfBackend, "_layer_page", broken_second_page)
    doc = read(path)  # pdfminer fails on page 2 only: that page goes to OCR, page 1 is read
    assert doc.status == "ok" and doc.pages[0].blocks and not doc.problems
    assert doc.pages[1].ocr_reason == "garbled_text_layer" and pages_needing_ocr(doc) == [2]

    import extract.pdf_backend as pdf_backend

    real_verdict = pdf_backend._verdict
    judged: list[int] = []

    def unloadable_first_page(page, textpage):  # noqa: ANN001, ANN202
        judged.append(1)
        if len(judged) == 1:  # pages are read in order: the first call is page 1
            raise pdfium.PdfiumError("Failed to load page.")
        return real_verdict(page, textpage)

    monkeypatch.setattr(pdf_backend, "_verdict", unloadable_first_page)
    doc = read(path)  # pdfium cannot load page 1: a page-level problem, the other page still read
    assert doc.status == "ok" and [(p.category, p.page_no) for p in doc.problems] == [("page_error", 1)]
    assert doc.error is None and pages_needing_ocr(doc) == [2]


def test_pdf_fake_bold_and_watermark(tmp_path: Path, cjk_font: str) -> None:
    path = tmp_path / "加粗水印.pdf"
    c = _pdf_canvas(path, cjk_font)
    c.setFont("zh", 14)
    for dx in (0, 0.3):  # fake bold: the title printed twice, slightly offset
        c.drawString(72 + dx, 760, "关于下达生态环境保护资金的通知")
    c.setFont("zh", 12)
    c.drawString(72, 730, "各乡镇人民政府：现将2024年资金1,250万元下达。")
    c.saveState()
    c.translate(300, 400)
    c.rotate(45)
    c.setFont("zh", 40)
    c.drawString(0, 0, "内部资料")
    c.restoreState()
    c.showPage()
    c.save()
    texts = [b.text for b in read(path).pages[0].blocks]
    assert texts == ["关于下达生态环境保护资金的通知", "各乡镇人民政府：现将2024年资金1,250万元下达。"]


def test_legacy_doc_converted_through_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in ``soffice`` on PATH (writes a prepared DOCX as the conversion result): the .doc is read through
    the DOCX backend and keeps its own format and size."""
    prepared = tmp_path / "prepared.docx"
    d = docx.Document()
    d.add_paragraph("2024年度节能目标责任评价考核自查报告")
    d.save(prepared)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text('#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in --outdir) out="$2"; shift;; '
                      '--convert-to) fmt="$2"; shift;; esac; shift; done\n'
                      'mkdir -p "$out" && cp "$PREPARED_DOCX" "$out/input.$fmt"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")  # the stand-in comes first
    monkeypatch.setenv("PREPARED_DOCX", str(prepared))
    legacy = tmp_path / "自查报告.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    doc = read(legacy)
    assert doc.status == "ok" and doc.format == "doc" and doc.size == legacy.stat().st_size
    assert doc.pages[0].blocks[0].text == "2024年度节能目标责任评价考核自查报告"
    assert doc.pages[0].blocks[0].id.startswith(doc.sha256[:12])
    script.write_text("#!/bin/sh\nexit 1\n")  # a conversion that fails is reported, not raised
    doc = read(legacy)
    assert doc.status == "error" and doc.problems[0].category == "corrupt" and "LibreOffice" in doc.error


def test_xlsx_vertical_merge_in_row_text(tmp_path: Path) -> None:
    path = tmp_path / "地类.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级地类", "二级地类", "面积"])
    ws.append(["林地", "有林地", 100])
    ws.append([None, "灌木林地", 50])
    ws.merge_cells("A2:A3")
    wb.save(path)
    doc = read(path)
    rows = [b.text for b in doc.pages[0].blocks if b.kind == "text"]
    assert rows == ["一级地类 | 二级地类 | 面积", "林地 | 有林地 | 100", "林地 | 灌木林地 | 50"]
    assert [b.text for b in doc.pages[0].blocks if b.kind == "cell"].count("林地") == 1


def test_table_headers_skip_serial_numbers_and_titles() -> None:
    from extract.text_backend import PageBuilder, add_table

    builder = PageBuilder("f" * 64, 1)
    grid = [["表1 投入安排表", "表1 投入安排表", "表1 投入安排表"],  # merged title row repeated over the grid
            ["序号", "项目", "金额（万元）"],
            ["1", "污水处理", "1,200"],
            ["2023", "", "61.2%"]]
    emit = [[True, False, False], [True] * 3, [True] * 3, [True] * 3]
    assert add_table(builder, grid, 0, emit=emit) == 9
    found = {b.text: b.cell for b in builder.blocks}
    assert found["1,200"].row_header == "污水处理" and found["1,200"].column_header == "金额（万元）"
    assert found["61.2%"].row_header == "2023"  # no label in the row: the first cell
    assert found["污水处理"].row_header == "1" and found["序号"].column_header is None
    assert found["表1 投入安排表"].column_header is None and found["表1 投入安排表"].row == 0
    assert builder.page(595, 842).text.split("\n")[0] == "表1 投入安排表"


def test_docx_pasted_scan_becomes_ocr_page(tmp_path: Path) -> None:
    scan, logo = tmp_path / "scan.png", tmp_path / "logo.png"
    _scan_image().save(scan, dpi=(200, 200))
    Image.new("RGB", (120, 120), "red").save(logo)
    path = tmp_path / "扫描件.docx"
    d = docx.Document()
    d.add_paragraph("附件：验收意见（扫描件）")
    d.add_picture(str(logo))
    d.add_picture(str(scan))
    d.save(path)
    doc = read(path)
    assert [p.ocr_reason for p in doc.pages] == [None, "image"] and pages_needing_ocr(doc) == [2]
    assert doc.pages[1].width == pytest.approx(800 * 72 / 200, abs=0.1) and dict(doc.meta)["embedded_scans"] == "1"
    with DocxBackend(path, doc.sha256, path.name) as backend:
        assert backend.render(2, dpi=100).size == (400, 550)
        with pytest.raises(ValueError):
            backend.render(1)
    long_text = tmp_path / "报告.docx"
    d = docx.Document()
    d.add_paragraph("现场照片附后。" * 40)
    d.add_picture(str(scan))
    d.save(long_text)
    assert len(read(long_text).pages) == 1  # photos in a written report are not OCRed as pages


def test_pdf_searchable_scan_is_read_as_scan(tmp_path: Path, cjk_font: str) -> None:
    image = tmp_path / "page.png"
    _scan_image().save(image)
    path = tmp_path / "可搜索扫描件.pdf"
    c = _pdf_canvas(path, cjk_font)
    c.drawImage(str(image), 0, 0, width=595, height=842)
    text = c.beginText(72, 700)
    text.setFont("zh", 12)
    text.setTextRenderMode(3)  # invisible, as scanner OCR layers are drawn
    text.textLine("青川县人民政府关于下达2024年生态环境保护目标任务的通知")
    c.drawText(text)
    c.showPage()
    c.drawImage(str(image), 0, 0, width=595, height=842)  # same scan with visible typed text: a text page
    _text_page(c, ["青川县人民政府关于下达2024年生态环境保护目标任务的通知"] * 4)
    c.showPage()
    c.save()
    doc = read(path)
    assert doc.pages[0].ocr_reason == "no_text_layer" and doc.pages[0].has_text_layer
    assert doc.pages[1].ocr_reason is None and doc.pages[1].blocks


def test_csv_export_as_cells(tmp_path: Path) -> None:
    path = tmp_path / "自动站导出.csv"
    path.write_bytes("县城自动监测站日均值\n日期,PM2.5(μg/m3),优良\n2024-01-01,35,是\n2024-01-02,\"1,076\",否\n"
                     .encode("gbk"))
    doc = read(path)
    assert doc.format == "text" and len(doc.pages) == 1
    table = cells(doc)
    assert table["1,076"].cell.column_header == "PM2.5(μg/m3)" and table["1,076"].cell.row_header == "2024-01-02"
    assert table["1,076"].cell.coord == "B4" and table["县城自动监测站日均值"].cell.column_header is None
    rows = [b.text for b in doc.pages[0].blocks if b.kind == "text"]
    assert rows[-1] == "2024-01-02 | 1,076 | 否"


def test_year_columns_are_headers(tmp_path: Path) -> None:
    path = tmp_path / "年度.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位：%"])
    ws.append(["指标", 2022, 2023])
    ws.append(["森林覆盖率", 60.5, 61.2])
    wb.save(path)
    table = cells(read(path))
    assert table["61.2"].cell.column_header == "2023" and table["61.2"].cell.row_header == "森林覆盖率"
    assert table["单位：%"].cell.column_header is None


def test_short_text_ending_in_chinese_without_newline_is_text(tmp_path):
    """The sniffed head of a small file is the whole file: it must not be cut inside the last character."""
    from extract.reader import read_document
    from extract.hashing import sha256_file

    for text in ("经研究，该项目已通过验收。", "工程已完工" * 3, "合计32000吨"):
        for enc in ("utf-8", "gb18030"):
            p = tmp_path / f"note_{enc}_{len(text)}.txt"
            p.write_bytes(text.encode(enc))
            doc = read_document(p, p.name, sha256_file(p), None)
            assert doc.status == "ok", (text, enc, doc.problems)
            assert text in doc.text


# ------------------------------------------------------------------- display of percent and month cells (F1)
@pytest.mark.parametrize(("fmt", "stored", "shown"), [
    ("0.0%", 0.812, "81.2%"),
    ("0%", 0.87, "87%"),
    ("0.00%", 0.4862, "48.62%"),
    ("#,##0.00%", 12.3456, "1,234.56%"),
    ("[Red]0.0%;[Blue]-0.0%", -0.004, "-0.4%"),
    ("0.0%;[红色]-0.0%", 0.041, "4.1%"),
    ("[Color10]0.0%", 0.052, "5.2%"),
    ("[$-804]0.0%", 0.036, "3.6%"),
    ("0.0%_);(0.0%)", -0.027, "(2.7%)"),
    ('0.0"%"', 94.4, "94.4%"),  # a quoted % is text: no scaling
    ("0.00", 0.125, "0.13"),  # Excel rounds half away from zero
    ("0.0", -0.25, "-0.3"),
    ("0%", 0.285, "29%"),
])
def test_percent_and_rounding_display(fmt: str, stored: float, shown: str) -> None:
    assert display_value(stored, fmt)[0] == shown


def test_date_cells_formatted_without_a_day_display_the_month() -> None:
    from datetime import datetime
    assert display_value(datetime(2023, 1, 1), "yyyy-mm") == ("2023-01", "2023-01-01")
    assert display_value(datetime(2023, 11, 1), 'yyyy"年"m"月"') == ("2023-11", "2023-11-01")
    assert display_value(datetime(2023, 11, 1), "[$-804]mmm-yy") == ("2023-11", "2023-11-01")
    assert display_value(datetime(2023, 11, 5), 'yyyy"年"m"月"d"日"') == ("2023-11-05", None)
    assert display_value(datetime(2023, 11, 5, 9, 30), "yyyy-mm-dd hh:mm") == ("2023-11-05 09:30", None)


def test_caption_row_of_key_value_cells_is_skipped_when_finding_the_header() -> None:
    from extract.text_backend import find_header_row
    grid = [["某县统计表", "", ""], ["表号：A301表", "制定机关：统计局", "计量单位：亩"],
            ["乡镇", "粮食作物", "合计"], ["甲镇", "100", "120"]]
    assert find_header_row(grid) == 2
    assert find_header_row([["项目", "单位：万元"], ["甲", "1"]]) == 0  # one plain label: a real header row

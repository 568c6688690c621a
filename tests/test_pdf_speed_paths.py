"""Text-layer PDF pages read by pdfium alone (extract.pdf_text) must equal the pdfplumber reading; pages with ruled
graphics still go through pdfplumber (tables as cells); rotation, crop box, watermark and fake bold handled."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.hashing import sha256_file
from extract.model import Document, Page
from extract.pdf_backend import PdfBackend
from extract.pdf_text import needs_table_parser
from extract.reader import read_document

BODY = ["云岭旗2023年度生态环境保护工作总结", "全年完成造林面积1,250公顷，治理水土流失面积36.5平方公里。",
        "县级财政安排生态环保资金2,860万元，较上年增长12.4%。", "报告日期：2023年12月20日"]


def _canvas(path: Path, font: str, size: tuple[float, float] = (595, 842)):  # noqa: ANN202 - reportlab canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "zh" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("zh", font, subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=size)
    c.setFont("zh", 12)
    return c


def _body(c, top: float = 760) -> None:  # noqa: ANN001
    c.setFont("zh", 12)
    for i, line in enumerate(BODY):
        c.drawString(72, top - 20 * i, line)


def _read(path: Path) -> Document:
    return read_document(path, path.name, sha256_file(path), None)


def _plumber_reading(path: Path, page_no: int = 1) -> Page:
    """The same page through the pdfplumber path (the reference the fast path must match)."""
    backend = PdfBackend(path, sha256_file(path), path.name)
    with backend:
        page = backend._pdfplumber().pages[page_no - 1]
        try:
            return backend._plumber_page(page, page_no)
        finally:
            page.close()


@pytest.fixture()
def no_plumber(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if a page is sent to pdfplumber."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("pdfplumber used on a table-free page")

    monkeypatch.setattr(PdfBackend, "_plumber_page", refuse)


def test_plain_pages_skip_pdfplumber_and_match_it(tmp_path: Path, cjk_font: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "总结.pdf"
    c = _canvas(path, cjk_font)
    _body(c)
    c.drawString(72, 600, "监测点位")
    c.drawString(400, 600, "12个")  # label and value far apart on one line: one line, one space
    c.setStrokeColorRGB(0.8, 0, 0)
    c.setLineWidth(1.5)
    c.line(72, 790, 523, 790)  # a red-header rule alone makes no table
    c.line(300, 120, 500, 120)  # a signature line
    c.showPage()
    c.save()
    reference = _plumber_reading(path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("pdfplumber used on a table-free page")

    monkeypatch.setattr(PdfBackend, "_plumber_page", refuse)
    page = _read(path).pages[0]
    assert [b.text for b in page.blocks] == [b.text for b in reference.blocks]
    assert [b.text for b in page.blocks][:4] == BODY and page.blocks[4].text == "监测点位 12个"
    for fast, slow in zip(page.blocks, reference.blocks):
        assert fast.kind == "text" and fast.src.bbox is not None and slow.src.bbox is not None
        assert all(abs(a - b) <= 3.0 for a, b in zip(fast.src.bbox, slow.src.bbox)), (fast.src.bbox, slow.src.bbox)
    first = page.blocks[0].src.bbox
    assert first[1] < 842 - 760 < first[3] and abs(first[0] - 72) < 1  # top-left origin, baseline inside the box
    assert page.width == 595 and page.height == 842 and page.has_text_layer and page.ocr_reason is None
    assert page.blocks[1].src.span == (len(BODY[0]) + 1, len(BODY[0]) + 1 + len(BODY[1]))


def test_ruled_table_page_still_gives_cells(tmp_path: Path, cjk_font: str) -> None:
    path = tmp_path / "投入明细.pdf"
    c = _canvas(path, cjk_font)
    _body(c)
    c.setFont("zh", 10)
    rows = [["项目", "投入（万元）"], ["污水处理厂提标", "1,200"], ["农村厕所改造", "860"]]
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            c.rect(72 + col * 150, 600 - (r + 1) * 20, 150, 20)
            c.drawString(76 + col * 150, 606 - (r + 1) * 20, text)
    c.showPage()
    c.save()
    with pdfium.PdfDocument(path) as doc:
        assert needs_table_parser(doc[0])
    page = _read(path).pages[0]
    cells = {b.text: b.cell for b in page.blocks if b.kind == "cell"}
    assert cells["1,200"] is not None and cells["1,200"].row_header == "污水处理厂提标"
    assert cells["860"].column_header == "投入（万元）"
    assert [b.text for b in page.blocks if b.kind == "text"] == BODY


def test_rules_and_boxes_decide_the_table_parser(tmp_path: Path, cjk_font: str) -> None:
    path = tmp_path / "图形.pdf"
    c = _canvas(path, cjk_font)

    def grid_path() -> None:  # a whole 3 × 2 grid stroked as one path
        p = c.beginPath()
        for y in (600, 620, 640, 660):
            p.moveTo(72, y)
            p.lineTo(372, y)
        for x in (72, 222, 372):
            p.moveTo(x, 600)
            p.lineTo(x, 660)
        c.drawPath(p)

    drawings = [
        (False, lambda: (c.line(72, 700, 500, 700), c.line(72, 650, 500, 650))),  # two horizontal rules
        (False, lambda: (c.line(72, 700, 500, 700), c.line(72, 650, 500, 650),
                         c.line(72, 650, 72, 700), c.line(500, 650, 500, 700))),  # one box of four rules
        (False, lambda: c.rect(60, 560, 475, 240)),  # a text frame around the body: one cell
        (False, lambda: (c.setFillColorRGB(1, 1, 0.9), c.rect(0, 0, 595, 842, stroke=0, fill=1),
                         c.setFillColorRGB(0, 0, 0))),  # a page background
        (False, lambda: c.circle(300, 300, 1)),  # a bullet dot
        (True, lambda: (c.rect(72, 600, 150, 20), c.rect(222, 600, 150, 20))),  # two cells side by side
        (True, lambda: (c.rect(72, 600, 300, 40), c.line(72, 620, 372, 620))),  # a box split by a rule
        (True, lambda: (c.line(72, 600, 372, 600), c.line(72, 620, 372, 620), c.line(72, 640, 372, 640),
                        c.line(72, 600, 72, 640), c.line(372, 600, 372, 640))),  # rules: two rows
        (True, grid_path),
        (True, lambda: c.circle(300, 300, 40)),  # a vector seal or shape: the general parser decides
    ]
    for _, drawing in drawings:
        drawing()
        _body(c)
        c.showPage()
    c.save()
    with pdfium.PdfDocument(path) as doc:
        assert [needs_table_parser(doc[i]) for i in range(len(drawings))] == [want for want, _ in drawings]
    fast = _read(path)
    for page_no, (want, _) in enumerate(drawings, start=1):
        if not want:  # pdfplumber would have found no table either: same blocks
            reference = _plumber_reading(path, page_no)
            assert [b.text for b in fast.pages[page_no - 1].blocks] == [b.text for b in reference.blocks] == BODY
            assert not any(b.kind == "cell" for b in reference.blocks)


def test_watermark_and_fake_bold_like_pdfplumber(tmp_path: Path, cjk_font: str, no_plumber: None) -> None:
    path = tmp_path / "水印.pdf"
    c = _canvas(path, cjk_font)
    _body(c)
    c.setFont("zh", 12)
    for dx in (0.0, 0.4):  # fake bold: the title drawn twice, 0.4 pt apart
        c.drawString(72 + dx, 800, "关于生态环保资金使用情况的报告")
    c.saveState()
    c.translate(150, 300)
    c.rotate(35)
    c.setFont("zh", 40)
    c.setFillColorRGB(0.85, 0.85, 0.85)
    c.drawString(0, 0, "内部资料仅供审核")
    c.restoreState()
    c.showPage()
    c.save()
    texts = [b.text for b in _read(path).pages[0].blocks]
    assert texts == ["关于生态环保资金使用情况的报告", *BODY]
    assert not any("内部资料" in t or "审核" in t for t in texts)


def test_rotated_page_and_crop_box_in_displayed_coordinates(tmp_path: Path, cjk_font: str,
                                                             no_plumber: None) -> None:
    path = tmp_path / "横版.pdf"
    c = _canvas(path, cjk_font)
    c.setPageRotation(90)  # displayed turned clockwise (reportlab also swaps the media box to 842 × 595)
    c.saveState()
    c.translate(100, 200)
    c.rotate(90)  # text runs up the user space, so it reads left to right once displayed
    c.setFont("zh", 12)
    c.drawString(0, 0, "横版表格说明：治理面积36.5平方公里")
    c.restoreState()
    c.showPage()
    c.save()
    with pdfium.PdfDocument(path) as pdf:
        assert pdf[0].get_rotation() == 90 and pdf[0].get_mediabox() == (0, 0, 842, 595)
    landscape = _read(path).pages[0]
    assert (landscape.width, landscape.height) == (595, 842)
    block = landscape.blocks[0]
    assert block.text == "横版表格说明：治理面积36.5平方公里"
    x0, top, x1, bottom = block.src.bbox  # user (x, y) shows at (y, x): baseline x = 100 → displayed y = 100
    assert abs(x0 - 200) < 1 and top < 100 < bottom and x1 > x0 + 100 and bottom - top < 20

    path = tmp_path / "裁切.pdf"
    c = _canvas(path, cjk_font)
    c.setCropBox((50, 100, 545, 742))  # the visible page starts 50 pt right and 100 pt below the media box top
    _body(c, top=700)
    c.showPage()
    c.save()
    cropped = _read(path).pages[0]
    assert (cropped.width, cropped.height) == (495, 642)
    x0, top, _, bottom = cropped.blocks[0].src.bbox
    assert abs(x0 - 22) < 1 and top < 742 - 700 < bottom  # 72 − 50 across, baseline 42 pt below the crop top
    assert [b.text for b in cropped.blocks] == BODY


def test_vertical_body_text_falls_back_to_pdfplumber(tmp_path: Path, cjk_font: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "竖排.pdf"
    c = _canvas(path, cjk_font)
    c.saveState()
    c.translate(300, 100)
    c.rotate(90)
    c.drawString(0, 0, "竖排正文不是水印而是整页的内容所以必须保留")
    c.restoreState()
    c.showPage()
    c.save()
    calls: list[int] = []
    real = PdfBackend._plumber_page

    def spy(self: PdfBackend, page: pdfplumber.page.Page, page_no: int) -> Page:
        calls.append(page_no)
        return real(self, page, page_no)

    monkeypatch.setattr(PdfBackend, "_plumber_page", spy)
    page = _read(path).pages[0]
    assert calls == [1] and page.blocks  # not dropped as a "watermark": the general parser reads it


def test_many_text_pages_never_open_pdfplumber(tmp_path: Path, cjk_font: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ecoaudit.bench import write_text_pdf

    path = write_text_pdf(tmp_path / "长报告.pdf", 25)

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("pdfplumber opened for a text-only PDF")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    doc = _read(path)
    assert doc.status == "ok" and len(doc.pages) == 25 and not doc.problems
    assert all(len(p.blocks) > 20 and p.ocr_reason is None for p in doc.pages)
    assert len({p.blocks[0].id for p in doc.pages}) == 25


def test_kangxi_radicals_folded_on_both_paths(tmp_path: Path, cjk_font: str) -> None:
    from extract.pdf_text import fold_radicals

    assert fold_radicals("⽣态⽔⼟流失⾯积，投⼊资⾦") == "生态水土流失面积，投入资金"
    assert fold_radicals("（２０２３）年 ⾦额") == "（２０２３）年 金额"  # only radicals change, not full-width forms
    path = tmp_path / "部首.pdf"
    c = _canvas(path, cjk_font)
    c.drawString(72, 760, "⽣态环境保护⼯作报告：⽔⼟流失治理⾯积36.5平⽅公⾥")  # as Skia/WPS exports map them
    c.showPage()
    _body(c)
    c.setFont("zh", 10)
    for r, row in enumerate([["项⽬", "⾦额（万元）"], ["⽔污染防治", "1,200"]]):
        for col, text in enumerate(row):
            c.rect(72 + col * 150, 600 - (r + 1) * 20, 150, 20)
            c.drawString(76 + col * 150, 606 - (r + 1) * 20, text)
    c.showPage()
    c.save()
    plain, table = _read(path).pages
    assert plain.blocks[0].text == "生态环境保护工作报告：水土流失治理面积36.5平方公里"
    cell = next(b for b in table.blocks if b.text == "1,200")
    assert cell.cell is not None and cell.cell.row_header == "水污染防治" and cell.cell.column_header == "金额（万元）"


def test_latin_words_spaces_and_dot_leaders(tmp_path: Path, cjk_font: str, no_plumber: None) -> None:
    path = tmp_path / "英文.pdf"
    c = _canvas(path, cjk_font)
    c.setFont("Times-Roman", 10)
    c.drawString(72, 760, "Off-line ASN.1 structure management, version 4.19 of the library")
    c.drawString(72, 740, "2.1 Syntax")
    c.drawString(150, 740, ". . . . . . . . . .")  # a dot leader set with spaces in the file: kept as written
    c.drawString(300, 740, "12")
    c.setFont("zh", 12)
    c.drawString(72, 700, "监测点位共 12 个，水质达标率 100%")  # explicit spaces in Chinese text are kept
    c.showPage()
    c.save()
    texts = [b.text for b in _read(path).pages[0].blocks]
    assert texts == ["Off-line ASN.1 structure management, version 4.19 of the library",
                     "2.1 Syntax . . . . . . . . . . 12", "监测点位共 12 个，水质达标率 100%"]


def test_dedupe_and_word_spaces_on_glyphs() -> None:
    from extract.pdf_text import SPACE_GENERATED, Glyph, Glyphs, dedupe, group_lines

    def g(text: str, x0: float, top: float = 100.0, space: int = 0) -> Glyph:
        return Glyph(text, x0, top, x0 + 5.0, top + 10.0, True, False, space)

    ligature = [g("O", 10), g("f", 15), g("f", 15), g("-", 20)]  # pdfium expands one ﬀ glyph to two letters
    assert "".join(dedupe(Glyphs.of(ligature)).text) == "Off-"
    bold = [g("生", 10), g("态", 15), g("生", 10.4, 100.3), g("态", 15.4, 100.3)]  # the word drawn twice
    assert [(x.text, x.x0) for x in dedupe(Glyphs.of(bold)).rows()] == [("生", 10), ("态", 15)]
    assert len(dedupe(Glyphs.of([g("水", 10), g("质", 15), g("水", 10)]))) == 2  # a repeat apart in page order: dropped
    words = [g("o", 10), g("f", 15), g("t", 21, space=SPACE_GENERATED), g("h", 26),  # gap 1 pt, pdfium's space
             g("会", 32), g("议", 38, space=SPACE_GENERATED),  # CJK is set solid: pdfium's guess ignored
             g(".", 44), g(".", 50, space=SPACE_GENERATED)]  # no word space between leader dots
    lines = group_lines(Glyphs.of(words + [g("下", 10, top=104)]))  # tops 4 pt apart: a new line
    assert [line.text for line in lines] == ["of th会议..", "下"]
    assert lines[0].bbox == (10, 100, 55, 110)


def test_bench_text_ingest_figure(tmp_path: Path) -> None:
    from ecoaudit.bench import text_ingest_rate

    rate = text_ingest_rate(tmp_path, count=30)  # one 30-page report through ingest_folder into a temp store
    assert rate > 1.0 and (tmp_path / "text_ingest.sqlite").is_file()
    assert len(list((tmp_path / "text_ingest").glob("*.pdf"))) == 1


def test_watermark_inside_a_form_xobject_is_dropped(tmp_path: Path, cjk_font: str, no_plumber: None) -> None:
    path = tmp_path / "表单水印.pdf"
    c = _canvas(path, cjk_font)
    c.beginForm("watermark")  # Acrobat and WPS put watermarks in a Form XObject drawn under a rotation
    c.setFont("zh", 40)
    c.setFillColorRGB(0.85, 0.85, 0.85)
    c.drawString(0, 0, "仅供内部审核使用")
    c.endForm()
    c.saveState()
    c.translate(120, 250)
    c.rotate(40)
    c.doForm("watermark")
    c.restoreState()
    _body(c)
    c.showPage()
    c.save()
    assert [b.text for b in _read(path).pages[0].blocks] == BODY

"""Ruled-table pages read by pdfium alone (extract.pdf_tables) must give the blocks the pdfplumber path gives —
texts, cells, row and column headers — without opening pdfplumber, tables drawn through form XObjects included;
pages the mapping is not checked on (rotated, cropped) still go to pdfplumber."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.model import Page
from extract.pdf_backend import PdfBackend
from extract.pdf_tables import path_edges, read_tables
from tests.test_pdf_speed_paths import _canvas, _plumber_reading, _read

ROWS = [["项目", "金额（万元）", "比上年增减%"], ["污水处理厂运行", "1,380.0", "10.4"],
        ["农村生活污水治理", "920", "7.0"], ["账号", "2275 0101 0400 1234 5", ""]]


def _table(c, top: float = 700, thin_rects: bool = False, merged: bool = False) -> None:  # noqa: ANN001
    """A 4×3 ruled table: stroked lines, or Word's thin filled rectangles; ``merged`` leaves out the inner rule of
    the last row (one cell over two columns)."""
    widths, height, left = [150, 150, 120], 22, 60
    xs = [left + sum(widths[:k]) for k in range(len(widths) + 1)]
    for r in range(len(ROWS) + 1):
        y = top - r * height
        c.rect(left, y, xs[-1] - left, 0.5, stroke=0, fill=1) if thin_rects else c.line(left, y, xs[-1], y)
    for k, x in enumerate(xs):
        bottom = top - (len(ROWS) - 1) * height if merged and k == 2 else top - len(ROWS) * height
        c.rect(x, bottom, 0.5, top - bottom, stroke=0, fill=1) if thin_rects else c.line(x, top, x, bottom)
    c.setFont("zh", 10)
    for r, row in enumerate(ROWS):
        for k, text in enumerate(row):
            if text:
                c.drawString(xs[k] + 4, top - (r + 1) * height + 7, text)


def _blocks(page: Page) -> list[tuple[str, str, object]]:
    return [(b.kind, b.text, b.cell) for b in page.blocks]


@pytest.fixture()
def no_plumber(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("pdfplumber opened for a page pdfium reads")

    monkeypatch.setattr(pdfplumber, "open", refuse)


@pytest.mark.parametrize("style", ["lines", "thin_rects", "merged", "fake_bold_title"])
def test_table_pages_equal_the_pdfplumber_reading(tmp_path: Path, cjk_font: str, style: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"预算表_{style}.pdf"
    c = _canvas(path, cjk_font)
    c.drawString(60, 780, "表1 2024年县级生态环境保护资金安排情况")
    if style == "fake_bold_title":
        c.drawString(60.3, 780, "表1 2024年县级生态环境保护资金安排情况")  # drawn twice: fake bold
    c.setFont("zh", 12)
    c.drawString(60, 740, "单位：万元。根据县人大常委会决议安排如下。")
    _table(c, thin_rects=style == "thin_rects", merged=style == "merged")
    c.drawString(60, 560, "备注：以上资金均已拨付到位。")
    c.showPage()
    c.save()
    reference = _plumber_reading(path)
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("pdfplumber opened")))
    page = _read(path).pages[0]
    assert _blocks(page) == _blocks(reference)
    cells = {b.text: b.cell for b in page.blocks if b.kind == "cell"}
    assert cells["1,380.0"].row_header == "污水处理厂运行" and cells["1,380.0"].column_header == "金额（万元）"
    assert "2275 0101 0400 1234 5" in cells  # the file's spaces split the cell's words as pdfplumber does
    texts = [b.text for b in page.blocks if b.kind == "text"]
    assert texts[0] == "表1 2024年县级生态环境保护资金安排情况" and texts[-1] == "备注：以上资金均已拨付到位。"
    for fast, slow in zip(page.blocks, reference.blocks):
        assert all(abs(a - b) <= 3.0 for a, b in zip(fast.src.bbox, slow.src.bbox)), (fast.text, fast.src.bbox)


def test_path_edges_are_pdfplumbers(tmp_path: Path, cjk_font: str) -> None:
    path = tmp_path / "图形.pdf"
    c = _canvas(path, cjk_font)
    _table(c)
    c.rect(60, 300, 200, 80)  # a rectangle: four edges
    c.roundRect(300, 300, 200, 80, 12)  # Bézier corners: a curve through its end points
    p = c.beginPath()  # an explicitly closed four-sided path ("m l l l h")
    p.moveTo(60, 200)
    p.lineTo(260, 200)
    p.lineTo(260, 150)
    p.lineTo(60, 150)
    p.close()
    c.drawPath(p)
    c.line(300, 150, 500, 180)  # a diagonal line: pdfplumber calls it "v"
    c.showPage()
    c.save()

    def key(edge: dict) -> tuple:
        return (edge["object_type"].split("_")[0], edge["orientation"] or "",
                *(round(edge[k], 1) for k in ("x0", "x1", "top", "bottom")))

    with pdfium.PdfDocument(path) as doc, pdfplumber.open(path) as pdf:
        ours = path_edges(doc[0])
        assert ours is not None
        assert sorted(map(key, ours)) == sorted(map(key, pdf.pages[0].edges))
        assert [key(e)[0] for e in ours] == [key(e)[0] for e in pdf.pages[0].edges]  # lines, rects, curves


def test_pages_left_to_pdfplumber_still_give_cells(tmp_path: Path, cjk_font: str) -> None:
    path = tmp_path / "其他版式.pdf"
    c = _canvas(path, cjk_font)
    c.setPageRotation(90)  # a page turned by /Rotate (pdfplumber reads it unturned: the table comes out transposed)
    _table(c)
    c.showPage()
    c.setPageRotation(0)
    c.setCropBox((20, 20, 575, 822))  # a crop box off the media box's origin
    _table(c)
    c.showPage()
    c.save()
    with pdfium.PdfDocument(path) as doc:
        for index in range(2):
            page = doc[index]
            textpage = page.get_textpage()
            assert read_tables(page, textpage) is None, index
            textpage.close()
    turned, cropped = _read(path).pages
    assert "1,380.0" in {b.text for b in turned.blocks if b.kind == "cell"}
    cells = {b.text: b.cell for b in cropped.blocks if b.kind == "cell"}
    assert cells["1,380.0"].row_header == "污水处理厂运行"


def test_tables_drawn_through_form_xobjects(tmp_path: Path, cjk_font: str) -> None:
    """Some PDF writers put a page's drawing in a form XObject: its paths count where the form stands, through
    its matrix (scaled, and nested in another form), as pdfminer paints them."""
    path = tmp_path / "表单对象.pdf"
    c = _canvas(path, cjk_font)
    c.beginForm("table")
    _table(c)
    c.endForm()
    c.beginForm("outer")
    c.rect(50, 400, 400, 2, fill=1)
    c.doForm("table")
    c.endForm()
    c.saveState()
    c.translate(30, -50)
    c.scale(0.9, 0.9)
    c.doForm("table")
    c.restoreState()
    c.showPage()
    c.doForm("outer")
    c.showPage()
    c.save()

    def key(edge: dict) -> tuple:
        return (edge["object_type"].split("_")[0], edge["orientation"] or "",
                *(round(edge[k], 1) for k in ("x0", "x1", "top", "bottom")))

    with pdfium.PdfDocument(path) as doc, pdfplumber.open(path) as pdf:
        for index in range(2):
            edges = path_edges(doc[index])
            assert edges is not None and [key(e) for e in edges] == [key(e) for e in pdf.pages[index].edges]
    references = [_plumber_reading(path, page_no) for page_no in (1, 2)]
    for page, reference in zip(_read(path).pages, references):
        assert _blocks(page) == _blocks(reference)
        assert {b.text: b.cell for b in page.blocks if b.kind == "cell"}["1,380.0"].row_header == "污水处理厂运行"


def test_a_corpus_budget_table_without_pdfplumber(no_plumber: None) -> None:
    from tests.conftest import SAMPLES

    path = next((SAMPLES / "package").rglob("*预算执行情况*.pdf"))
    backend = PdfBackend(path, "0" * 64, path.name)
    with backend:
        doc = backend.read()
        assert backend._plumber is None
    cells = [b for page in doc.pages for b in page.blocks if b.kind == "cell"]
    assert len(cells) >= 10 and all(b.cell.row_header is not None or b.cell.col == 0 for b in cells)


CHROMIUM_TABLES = """<html><head><meta charset="utf-8"><style>
body{font-family:"WenQuanYi Zen Hei";font-size:11pt} table{border-collapse:collapse;margin:8px 0}
td,th{border:0.5px solid #000;padding:3px 6px} th{background:#cfe2f3} .n{text-align:right}
.round{border-collapse:separate;border:1px solid #000;border-radius:8px} .round td{border:1px dashed #666}
.wm{position:absolute;top:300px;left:100px;transform:rotate(-30deg);font-size:40pt;color:#ccc}
</style></head><body><div class="wm">内部资料 仅供审核</div>
<p>附表2：2024年度重点生态功能区转移支付资金使用情况明细表</p>
<table><tr><th>项目名称</th><th>预算数<br>（万元）</th><th>执行率</th></tr>
<tr><td>城镇污水处理厂提标改造工程</td><td class="n">2,380.00</td><td class="n">95.0%</td></tr>
<tr><td rowspan="2">水土保持</td><td class="n">300</td><td class="n">92.3%</td></tr>
<tr><td class="n">45</td><td class="n">100%</td></tr>
<tr><td colspan="2">合计</td><td class="n">96.0%</td></tr></table>
<table class="round"><tr><td>监测断面</td><td>Ⅲ类</td></tr><tr><td>东河</td><td>达标</td></tr></table>
</body></html>"""


def test_a_chromium_made_table_page_equals_the_pdfplumber_reading(tmp_path: Path, cjk_font: str,
                                                                 chromium_paths: tuple[str, str]) -> None:
    """Another producer than reportlab (Skia: filled cell backgrounds, dashed and rounded borders, a rotated
    watermark): the same blocks as pdfplumber's reading, apart from the word spaces pdfium adds in Latin text."""
    import subprocess

    html, path = tmp_path / "tables.html", tmp_path / "tables.pdf"
    html.write_text(CHROMIUM_TABLES, encoding="utf-8")
    subprocess.run([chromium_paths[0], "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={path}", html.as_uri()], check=True, capture_output=True, timeout=120)
    reference = _plumber_reading(path)
    with pdfium.PdfDocument(path) as doc:
        textpage = doc[0].get_textpage()
        assert read_tables(doc[0], textpage) is not None  # read by pdfium, not left to pdfplumber
        textpage.close()
    page = _read(path).pages[0]
    assert _blocks(page) == _blocks(reference)
    cells = {b.text: b.cell for b in page.blocks if b.kind == "cell"}
    assert cells["2,380.00"].row_header == "城镇污水处理厂提标改造工程" and "达标" in cells
    assert "内部资料" not in " ".join(b.text for b in page.blocks)  # the slanted watermark is dropped

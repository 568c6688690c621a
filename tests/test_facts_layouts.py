"""Facts on layouts written by other hands: real CSV/XLSX/DOCX/TXT files built here and read through the backends.

Ledger footer rows naming their own unit, caption rows of "key：value" cells above the header, a "计量单位" line,
fractions under percent headings, traditional-character web copies and month cells formatted without a day.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl

from extract.facts import extract_facts
from extract.model import Document, Fact
from extract.reader import read_document


def _read(path: Path) -> Document:
    doc = read_document(path, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), None)
    assert doc.status == "ok", doc.problems
    return doc


def _numbers(facts: list[Fact], raw: str) -> list[Fact]:
    return [f for f in facts if f.kind == "number" and f.raw == raw]


def test_ledger_footer_row_takes_its_own_unit_and_factor_takes_none(tmp_path: Path) -> None:
    rows = ["某县污水处理厂2023年运行台账,,,", "月份,进水量（万吨）,处理量（万吨）,COD出水（mg/L）"]
    rows += [f"2023-{m:02d},3{m}.10,3{m}.10,2{m}" for m in range(1, 4)]
    rows += ["全年合计,412.34,412.34,", "城镇生活污水排放总量（万吨）,436.80,按供水量×0.85折算,",
             "城镇生活污水集中处理率（%）,94.40,,"]
    path = tmp_path / "台账.csv"
    path.write_bytes("\ufeff".encode() + "\r\n".join(rows).encode("utf-8"))
    facts = extract_facts(_read(path))
    (rate,) = _numbers(facts, "94.40")
    assert (rate.unit, rate.canonical_unit, rate.canonical) == ("%", "%", Decimal("94.40"))
    assert "unit_from_row_header" in rate.flags and rate.column_header == "进水量（万吨）"
    (total,) = _numbers(facts, "436.80")
    assert total.unit == "万吨" and total.canonical == Decimal(4368000)
    (factor,) = _numbers(facts, "0.85")
    assert factor.unit is None  # "×0.85" is a factor, not 0.85 万吨
    sums = _numbers(facts, "412.34")
    assert len(sums) == 2 and all(f.unit == "万吨" and "unit_from_header" in f.flags for f in sums)
    months = [f for f in facts if f.kind == "period" and f.column_header == "月份"]
    assert [(f.start, f.end) for f in months] == [(date(2023, 1, 1), date(2023, 1, 31)),
                                                  (date(2023, 2, 1), date(2023, 2, 28)),
                                                  (date(2023, 3, 1), date(2023, 3, 31)),
                                                  (date(2023, 1, 1), date(2023, 12, 31))]  # 全年合计


def test_two_column_table_keeps_the_column_unit_over_a_row_label(tmp_path: Path) -> None:
    """Every row holds one value: the header "投资（万元）" states the unit, "（座）" in a label does not win."""
    path = tmp_path / "项目.csv"
    path.write_text("项目,投资（万元）\n新建污水处理站（座）,1200\n新建管网（公里）,350\n", encoding="utf-8")
    facts = extract_facts(_read(path))
    assert [(f.raw, f.unit) for f in facts if f.kind == "number"] == [("1200", "万元"), ("350", "万元")]
    plain = tmp_path / "指标.csv"  # the value column states no unit: the row label's unit applies
    plain.write_text("指标,数值\n进水总量（万吨）,412.34\n集中处理率（%）,94.40\n", encoding="utf-8")
    facts = extract_facts(_read(plain))
    assert [(f.raw, f.unit) for f in facts if f.kind == "number"] == [("412.34", "万吨"), ("94.40", "%")]


def test_caption_row_of_key_value_cells_is_not_the_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某县2023年农作物播种面积统计表"])
    ws.merge_cells("A1:E1")
    ws.append(["表号：A301表", "制定机关：某县统计局", "计量单位：亩"])
    ws.append(["乡镇", "粮食作物", "经济作物", "饲草料", "合计"])
    ws.append(["甲镇", 186400, 21300, 64500, 272200])
    ws.append(["全县合计", 877200, 128800, 230000, 1236000])
    for row in ws.iter_rows(min_row=4):
        for cell in row[1:]:
            cell.number_format = "#,##0"
    path = tmp_path / "播种面积.xlsx"
    wb.save(path)
    facts = extract_facts(_read(path))
    (total,) = _numbers(facts, "1,236,000")
    assert (total.unit, total.column_header, total.row_header) == ("亩", "合计", "全县合计")
    assert "unit_from_caption" in total.flags
    assert total.canonical == Decimal(824000000)  # 1,236,000 亩 = 82,400 公顷 = 824,000,000 m²
    assert {f.column_header for f in facts if f.kind == "number"} == {"粮食作物", "经济作物", "饲草料", "合计"}


def test_fraction_under_percent_heading_is_flagged_not_rescaled(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "单位", "2022年", "2021年"])
    ws.append(["地膜回收率", "%", 0.812, 0.795])  # General format: stored fractions under a "%" unit
    ws.append(["畜禽粪污综合利用率", "%", 0.87, 0.85])
    ws["C3"].number_format = ws["D3"].number_format = "0%"  # percent format: Excel shows 87% / 85%
    ws.append(["化肥施用量", "吨", 18620, 18950])
    ws.append(["项目", "增幅（%）", "完成率（%）"])
    ws.append(["甲", 0.5, 94.4])  # 0.5% next to 94.4%: a small percentage, not a fraction
    path = tmp_path / "年鉴.xlsx"
    wb.save(path)
    facts = extract_facts(_read(path))
    (mulch,) = _numbers(facts, "0.812")
    assert (mulch.value, mulch.unit) == (Decimal("0.812"), "%")
    assert "fraction_of_percent_column" in mulch.flags
    (shown,) = _numbers(facts, "87%")
    assert shown.value == Decimal(87) and "fraction_of_percent_column" not in shown.flags
    assert "fraction_of_percent_column" not in _numbers(facts, "18620")[0].flags


def test_percent_column_with_real_percentages_is_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "完成率.csv"
    path.write_text("乡镇,增幅（%）,处理率（%）\n甲镇,0.5,94.4\n乙镇,1.2,96.0\n丙镇,0.8,0.9\n", encoding="utf-8")
    facts = extract_facts(_read(path))
    assert "fraction_of_percent_column" not in _numbers(facts, "0.5")[0].flags  # its column holds 1.2
    assert "fraction_of_percent_column" not in _numbers(facts, "0.9")[0].flags  # its column holds 94.4


def test_traditional_character_web_copy(tmp_path: Path) -> None:
    text = ("雲嶺旗2023年生態環境狀況公報\n來源：旗人民政府網站　發佈時間：2024-05-31\n"
            "旗污水處理廠全年處理生活污水412.34萬噸，城鎮生活污水集中處理率為94.4%。\n"
            "2023年完成退化草原補播改良3.2萬畝，建成垃圾轉運站3處。\n")
    path = tmp_path / "公報.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = _read(path)
    facts = extract_facts(doc)
    (water,) = _numbers(facts, "412.34萬噸")
    assert (water.unit, water.canonical, water.canonical_unit) == ("万吨", Decimal(4123400), "t")
    block = next(b for b in doc.pages[0].blocks if b.id == water.block_id)
    assert block.text[water.src.span[0]:water.src.span[1]] == "412.34萬噸"  # spans index the original text
    (grass,) = _numbers(facts, "3.2萬畝")
    assert grass.unit == "万亩"
    (sites,) = _numbers(facts, "3處")
    assert (sites.unit, sites.dimension) == ("处", "count")
    assert any(f.kind == "date" and f.start == date(2024, 5, 31) for f in facts)


def test_docx_units_line_above_a_table_carries_to_its_numbers(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("2023年农村人居环境整治资金使用情况表")
    d.add_paragraph("（计量单位：万元）")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("项目", "下达资金", "已支出"), ("改厕", "120.5", "118"), ("污水治理", "300", "286.4")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "资金.docx"
    d.save(path)
    facts = extract_facts(_read(path))
    (spent,) = _numbers(facts, "286.4")
    assert (spent.unit, spent.canonical, spent.column_header) == ("万元", Decimal(2864000), "已支出")
    assert "unit_from_caption" in spent.flags


def test_month_formatted_date_cells_are_month_periods(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["月份", "收集量（吨）"])
    for month, amount in ((1, 96.5), (2, 88.0)):
        ws.append([datetime(2023, month, 1), amount])
        ws.cell(ws.max_row, 1).number_format = 'yyyy"年"m"月"'
    ws.append([datetime(2023, 3, 15), 90.0])
    ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd"
    path = tmp_path / "月报.xlsx"
    wb.save(path)
    facts = extract_facts(_read(path))
    spans = [(f.kind, f.start, f.end) for f in facts if f.kind in ("date", "period")]
    assert ("period", date(2023, 1, 1), date(2023, 1, 31)) in spans
    assert ("period", date(2023, 2, 1), date(2023, 2, 28)) in spans
    assert ("date", date(2023, 3, 15), date(2023, 3, 15)) in spans


def test_table_like_text_line_takes_the_unit_in_its_label() -> None:
    """OCR'd / text-layer table rows: "进水总量（万吨） 412.34 398.2" (no cells, just a line)."""
    from extract.model import Block, Page, Source
    sha = "cd" * 32
    lines = ["进水总量（万吨） 412.34 398.2", "城镇生活污水集中处理率（%） 94.40", "化肥施用量 (折纯) 吨 4860 5015",
             "项目（一） 12", "处理率（%）为94.4"]
    blocks = tuple(Block(id=f"{sha[:12]}/p1/b{i}", kind="text", text=t,
                         src=Source(sha, 1, (50, 100 + 20 * i, 300, 115 + 20 * i))) for i, t in enumerate(lines))
    doc = Document(path="扫描表.pdf", sha256=sha, format="pdf", pages=(Page(1, 595, 842, False, blocks, ocr=True),))
    got = [(f.raw, f.unit, "unit_from_row" in f.flags) for f in extract_facts(doc) if f.kind == "number"]
    assert got == [("412.34", "万吨", True), ("398.2", "万吨", True), ("94.40", "%", True), ("4860", "吨", True),
                   ("5015", "吨", True), ("12", None, False), ("94.4", None, False)]


def test_caption_spellings_of_the_units_line() -> None:
    from extract.facts.extractor import caption_unit
    assert caption_unit("计量单位：亩") == "亩"
    assert caption_unit("计量单位: 万元") == "万元"
    assert caption_unit("（计量单位：吨）") == "吨"
    assert caption_unit("表号：A301表  制定机关：统计局  计量单位：公顷") == "公顷"
    assert caption_unit("金额單位：萬元") == "万元"  # traditional characters
    assert caption_unit("单位：万元、%") is None  # two units named: carry neither
    assert caption_unit("填报单位：某县农业农村局") is None


def test_caption_naming_a_unit_and_percent_serves_both_kinds_of_rows() -> None:
    from extract.facts.extractor import caption_pair

    assert caption_pair("填报单位：黔岭县林业局 单位：公顷、%") == ("公顷", "%")
    assert caption_pair("单位：万元，%") == ("万元", "%")
    assert caption_pair("单位：万元") is None and caption_pair("单位：万元、万吨") is None

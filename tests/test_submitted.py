"""extract/submitted.py: the submitted-values sheet as departments fill it (XLSX with titles/merged cells, GBK CSV)."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from extract.errors import BadInputError
from extract.submitted import parse_value, read_submitted

HEADER = ["序号", "指标名称", "填报值", "单位", "填报单位", "备注"]


def make_xlsx(path: Path, rows: list[list], *, title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报表"
    if title:
        ws.append(["青川县2024年国家重点生态功能区县域生态环境质量考核指标填报表"])
        ws.merge_cells("A1:F1")
        ws.append(["填报单位（盖章）：", None, None, "填报日期：2024年10月18日"])
        ws.merge_cells("A2:C2")
        ws.merge_cells("D2:F2")
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_header_found_under_title_and_merged_cells(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "填报表.xlsx", [
        [1, "生活垃圾清运量", "3.2万吨", None, "县综合行政执法局", None],
        [2, "城镇污水集中处理率", 0.952, "%", "县住建局", "百分比格式"],
        [3, "生态环境保护与治理投入", "２９，０９４", "万元", "县财政局", "全角数字"],
        [4, "化肥施用量（折纯）", "1,234", "吨", "农业农村局", None],
        [5, "办公用品采购数量", "12", "箱", "办公室", "目录中没有"],
        [6, "乡镇数", "待核实", "个", "统计局", None],
        [None, None, None, None, None, None],
        [7, "建成区面积", 12.5, "平方公里", "住建局", None],
    ])
    ws = openpyxl.load_workbook(path).active
    ws["C5"].number_format = "0.00%"
    ws.parent.save(path)
    rows = read_submitted(path)
    assert [r.name for r in rows] == ["生活垃圾清运量", "城镇污水集中处理率", "生态环境保护与治理投入", "化肥施用量（折纯）",
                                      "办公用品采购数量", "乡镇数", "建成区面积"]
    by = {r.name: r for r in rows}
    assert (by["生活垃圾清运量"].value, by["生活垃圾清运量"].unit) == (D("3.2"), "万吨")
    assert (by["城镇污水集中处理率"].value, by["城镇污水集中处理率"].unit) == (D("95.2"), "%")
    assert by["生态环境保护与治理投入"].value == D("29094")
    assert by["化肥施用量（折纯）"].value == D("1234")
    assert by["办公用品采购数量"].value == D("12") and by["办公用品采购数量"].department == "办公室"
    bad = by["乡镇数"]
    assert bad.value is None and bad.raw_value == "待核实" and "不是数字" in (bad.problem or "")
    assert by["建成区面积"].value == D("12.5") and by["建成区面积"].row == 11
    assert rows[0].row == 4 and rows[0].seq == "1" and rows[0].sheet == "填报表"


def test_percent_text_and_unit_conflict(tmp_path: Path) -> None:
    rows = read_submitted(make_xlsx(tmp_path / "a.xlsx", [[1, "空气优良天数比例", "95.2%", None, None, None],
                                                          [2, "垃圾清运量", "32000吨", "万吨", None, None]], title=False))
    assert (rows[0].value, rows[0].unit) == (D("95.2"), "%")
    assert rows[1].unit == "吨" and "不一致" in (rows[1].problem or "")


def test_csv_in_gbk_with_title_row(tmp_path: Path) -> None:
    text = ("青川县2024年指标填报表,,,,,\n"
            "序号,指标名称,填报值,单位,填报单位,备注\n"
            "1,生活垃圾清运量,3.2,万吨,县城管局,\n"
            "2,城镇污水集中处理率,95.2%,,县住建局,\n"
            "3,乡镇数,—,个,统计局,未填\n")
    path = tmp_path / "submitted.csv"
    path.write_bytes(text.encode("gbk"))
    rows = read_submitted(path)
    assert [r.name for r in rows] == ["生活垃圾清运量", "城镇污水集中处理率", "乡镇数"]
    assert rows[0].department == "县城管局" and rows[0].value == D("3.2")
    assert rows[1].unit == "%" and rows[1].value == D("95.2")
    assert rows[2].value is None and rows[2].problem is None  # an empty mark is an empty value, kept


def test_bad_inputs_raise_bad_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(BadInputError) as exc:
        read_submitted(empty)
    assert exc.value.category == "empty"
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04garbage" * 10)
    with pytest.raises(BadInputError) as exc:
        read_submitted(corrupt)
    assert exc.value.category == "corrupt"
    no_header = tmp_path / "no_header.csv"
    no_header.write_text("甲,乙\n1,2\n", encoding="utf-8")
    with pytest.raises(BadInputError) as exc:
        read_submitted(no_header)
    assert exc.value.category == "no_header" and "表头" in exc.value.message
    with pytest.raises(BadInputError):
        read_submitted(tmp_path / "missing.xlsx")


@pytest.mark.parametrize("raw,value,unit", [
    ("3.2万吨", D("3.2"), "万吨"), ("95.2%", D("95.2"), "%"), ("95.2％", D("95.2"), "%"), ("1,234", D("1234"), None),
    ("１２３４．５", D("1234.5"), None), (" 12 个 ", D("12"), "个"), ("-3.5", D("-3.5"), None), ("", None, None),
    ("/", None, None), ("无", None, None),
])
def test_parse_value(raw: str, value: D | None, unit: str | None) -> None:
    got, got_unit, problem = parse_value(raw)
    assert (got, got_unit, problem) == (value, unit, None)


@pytest.mark.parametrize("raw", ["约三万吨", "3.2-3.5万吨", "见附件"])
def test_parse_value_refuses_ambiguous(raw: str) -> None:
    got, _, problem = parse_value(raw)
    assert got is None and problem


def test_year_columns_and_unit_in_name(tmp_path: Path) -> None:
    path = tmp_path / "two_years.csv"
    path.write_text("指标,2023年,2024年,备注\n化肥施用量（吨）,5015,4860,\n城镇污水处理率(%),94.1,95.23,\n投入（折纯）,1,2,\n",
                    encoding="utf-8")
    rows = read_submitted(path)
    assert [(r.value, r.unit) for r in rows] == [(D("4860"), "吨"), (D("95.23"), "%"), (D("2"), None)]


def test_every_sheet_with_a_header_is_read_and_headings_skipped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填报说明"
    notes.append(["请各单位于10月20日前填报"])
    for title, rows in (("财政局", [["一、绿色协调发展", None, None], ["生态环境保护与治理投入", "22420", "万元"]]),
                        ("住建局", [["城镇污水集中处理率", "95.23", "%"], ["填报人：", None, None],
                                    ["乡镇数", None, "个"]])):
        ws = wb.create_sheet(title)
        ws.append(["指标名称", "填报值", "单位"])
        for row in rows:
            ws.append(row)
    path = tmp_path / "multi.xlsx"
    wb.save(path)
    rows = read_submitted(path)
    assert [(r.sheet, r.name) for r in rows] == [("财政局", "生态环境保护与治理投入"), ("住建局", "城镇污水集中处理率"),
                                                 ("住建局", "乡镇数")]
    assert rows[2].value is None  # an indicator left empty is kept (reported), unlike headings and footers


def test_two_row_header_and_multiplier_typed_in_the_value(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标名称", "单位", "填报值", None, "备注"])
    ws.merge_cells("C1:D1")
    ws.append([None, None, "2023年", "2024年", None])
    ws.append(["生活垃圾清运量", "吨", "3.1万", "3.2万", None])
    ws.append(["城镇污水集中处理率", "%", 94.1, 95.23, None])
    path = tmp_path / "two_row.xlsx"
    wb.save(path)
    rows = read_submitted(path)
    assert [(r.name, r.value, r.unit, r.row) for r in rows] == [
        ("生活垃圾清运量", D("3.2"), "万吨", 3), ("城镇污水集中处理率", D("95.23"), "%", 4)]
    assert rows[0].problem is None


def test_docx_table_with_title_paragraph(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("青川县2024年县域生态环境质量考核指标填报表")
    table = d.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "指标名称", "填报值", "单位"]):
        cell.text = text
    for values in (["1", "生活垃圾清运量", "3.2", "万吨"], ["2", "城镇污水集中处理率", "95.23%", ""]):
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    path = tmp_path / "填报表.docx"
    d.save(path)
    rows = read_submitted(path)
    assert [(r.name, r.value, r.unit) for r in rows] == [("生活垃圾清运量", D("3.2"), "万吨"),
                                                        ("城镇污水集中处理率", D("95.23"), "%")]


def test_legacy_xls_without_a_reader_is_a_recorded_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "填报表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(BadInputError) as exc:
        read_submitted(path)
    assert exc.value.category in ("needs_libreoffice", "corrupt", "unreadable", "no_header")
    assert exc.value.message

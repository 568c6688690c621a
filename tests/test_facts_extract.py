"""extract_facts on hand-built Documents: provenance, snippets, carried table units, dates vs 文号."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from extract.facts import extract_facts
from extract.model import Block, CellRef, Document, Fact, Page, Source

SHA = "ab" * 32


def _block(i: int, text: str, kind: str = "text", cell: CellRef | None = None,
           bbox: tuple[float, float, float, float] = (50.0, 100.0, 500.0, 120.0), page: int = 1) -> Block:
    return Block(id=f"{SHA[:12]}/p{page}/b{i}", kind=kind, text=text,  # type: ignore[arg-type]
                 src=Source(SHA, page, bbox), cell=cell)


def _cell(i: int, text: str, table: int, row: int, col: int, row_h: str | None = None, col_h: str | None = None,
          page: int = 1) -> Block:
    bbox = (50.0 + 100 * col, 300.0 + 20 * row, 150.0 + 100 * col, 320.0 + 20 * row)
    return _block(i, text, "cell", CellRef(table, row, col, row_header=row_h, column_header=col_h), bbox, page)


def _doc(*pages: tuple[Block, ...]) -> Document:
    return Document(path="财政局/资金.pdf", sha256=SHA, format="pdf",
                    pages=tuple(Page(n, 595.0, 842.0, True, blocks) for n, blocks in enumerate(pages, start=1)))


def _by_raw(facts: list[Fact], raw: str) -> Fact:
    hits = [f for f in facts if f.raw == raw]
    assert len(hits) == 1, (raw, [f.raw for f in facts])
    return hits[0]


def _budget_doc() -> Document:
    page1 = (
        _block(0, "青财预〔2024〕12号", bbox=(50, 40, 300, 60)),
        _block(1, "关于下达2024年生态环境保护资金的通知", kind="title"),
        _block(2, "2024年全县生态环境保护与治理投入29,094万元，占财政支出的20.17%。截至2024年9月底，已拨付1.2亿元。"),
        _block(3, "（单位：万元）"),
        _cell(4, "项目", 0, 0, 0), _cell(5, "金额", 0, 0, 1), _cell(6, "面积（公顷）", 0, 0, 2),
        _cell(7, "日期", 0, 0, 3), _cell(8, "序号", 0, 0, 4),
        _cell(9, "污水处理", 0, 1, 0),
        _cell(10, "1,200", 0, 1, 1, "污水处理", "金额"),
        _cell(11, "35.5", 0, 1, 2, "污水处理", "面积（公顷）"),
        _cell(12, "2024.3.15", 0, 1, 3, "污水处理", "日期"),
        _cell(13, "1", 0, 1, 4, "污水处理", "序号"),
        _cell(14, "2023", 0, 2, 1, "垃圾清运", "金额"),
        _cell(15, "85.2%", 0, 2, 2, "垃圾清运", "面积（公顷）"),
    )
    page2 = (
        _block(0, "表2 完成情况", page=2),
        _cell(1, "清运量（万吨）", 0, 0, 1, page=2),
        _cell(2, "3.2", 0, 1, 1, "县城", "清运量（万吨）", page=2),
        _cell(3, "12", 1, 1, 1, "乡镇", "个数", page=2),
    )
    return _doc(page1, page2)


def test_text_facts_have_provenance_and_sentence_snippet() -> None:
    facts = extract_facts(_budget_doc())
    amount = _by_raw(facts, "29,094万元")
    assert amount.kind == "number" and amount.value == Decimal(29094) and amount.unit == "万元"
    assert (amount.canonical, amount.canonical_unit, amount.dimension) == (Decimal(290940000), "元", "money")
    block_text = "2024年全县生态环境保护与治理投入29,094万元，占财政支出的20.17%。截至2024年9月底，已拨付1.2亿元。"
    assert block_text[amount.src.span[0]:amount.src.span[1]] == "29,094万元"
    assert amount.src.page_no == 1 and amount.src.sha256 == SHA and amount.src.bbox == (50.0, 100.0, 500.0, 120.0)
    assert amount.block_id == f"{SHA[:12]}/p1/b2" and amount.id.startswith(amount.block_id + "/f")
    assert amount.snippet == "2024年全县生态环境保护与治理投入29,094万元，占财政支出的20.17%。"
    until = _by_raw(facts, "截至2024年9月底")
    assert until.kind == "period" and (until.start, until.end) == (date(2024, 1, 1), date(2024, 9, 30))
    assert until.snippet.startswith("截至2024年9月底")
    assert _by_raw(facts, "1.2亿元").canonical == Decimal(120000000)


def test_fact_ids_are_unique_and_ordered_within_a_block() -> None:
    facts = extract_facts(_budget_doc())
    assert len({f.id for f in facts}) == len(facts)
    in_block = [f for f in facts if f.block_id == f"{SHA[:12]}/p1/b2"]
    assert [f.id.rsplit("/", 1)[1] for f in in_block] == [f"f{n}" for n in range(1, len(in_block) + 1)]
    assert [f.src.span[0] for f in in_block] == sorted(f.src.span[0] for f in in_block)


def test_doc_number_yields_no_date_and_no_number() -> None:
    facts = extract_facts(_budget_doc())
    assert not [f for f in facts if f.block_id == f"{SHA[:12]}/p1/b0"]


def test_caption_and_header_units_are_carried_to_bare_cells() -> None:
    facts = extract_facts(_budget_doc())
    money = [f for f in facts if f.row_header == "污水处理" and f.column_header == "金额"]
    assert len(money) == 1
    assert (money[0].value, money[0].unit, money[0].canonical) == (Decimal(1200), "万元", Decimal(12000000))
    assert "unit_from_caption" in money[0].flags
    assert money[0].snippet == "污水处理 … 金额: 1,200"
    assert money[0].src.bbox == (150.0, 320.0, 250.0, 340.0)
    area = [f for f in facts if f.column_header == "面积（公顷）" and f.row_header == "污水处理"][0]
    assert (area.unit, area.canonical, area.canonical_unit) == ("公顷", Decimal(355000), "m2")
    assert "unit_from_header" in area.flags
    # a year-like amount under the caption is an amount, a cell's own unit wins over the header
    year_like = [f for f in facts if f.row_header == "垃圾清运" and f.column_header == "金额"][0]
    assert (year_like.kind, year_like.value, year_like.unit) == ("number", Decimal(2023), "万元")
    pct = [f for f in facts if f.row_header == "垃圾清运" and f.column_header == "面积（公顷）"][0]
    assert pct.unit == "%" and "unit_from_header" not in pct.flags


def test_date_and_serial_columns_are_not_amounts() -> None:
    facts = extract_facts(_budget_doc())
    dated = [f for f in facts if f.column_header == "日期"]
    assert [(f.kind, f.start) for f in dated] == [("date", date(2024, 3, 15))]
    serial = [f for f in facts if f.column_header == "序号"]
    assert serial == []  # row numbers are not quantities


def test_header_unit_on_another_page_and_no_caption_leak_between_tables() -> None:
    facts = extract_facts(_budget_doc())
    vol = [f for f in facts if f.column_header == "清运量（万吨）"][0]
    assert (vol.unit, vol.canonical, vol.src.page_no) == ("万吨", Decimal(32000), 2)
    count = [f for f in facts if f.column_header == "个数"][0]
    assert count.unit is None  # page 2 has no caption; page 1's 万元 must not leak


def test_year_less_period_takes_the_document_year() -> None:
    doc = _doc((_block(0, "2023年度自查报告"), _block(1, "三季度召开会议2次，上半年完成任务。")))
    facts = extract_facts(doc)
    q3 = _by_raw(facts, "三季度")
    assert (q3.start, q3.end) == (date(2023, 7, 1), date(2023, 9, 30)) and "year_inferred" in q3.flags
    meetings = _by_raw(facts, "2次")
    assert (meetings.value, meetings.unit, meetings.dimension) == (Decimal(2), "次", "count")


def test_empty_and_seal_blocks_and_error_documents() -> None:
    doc = _doc((_block(0, "   "), _block(1, "印章 2024年3月15日", kind="seal")))
    assert extract_facts(doc) == []
    assert extract_facts(Document(path="x.pdf", sha256=SHA, format="pdf", status="error")) == []


def test_ambiguous_date_kept_with_flag() -> None:
    facts = extract_facts(_doc((_block(0, "采样日期2023111"),)))
    (fact,) = facts
    assert fact.kind == "date" and fact.start is None and "ambiguous" in fact.flags
    assert {"reading=2023-01-11", "reading=2023-11-01"} <= set(fact.flags)


def test_evaluate_facts_recall_precision_split_by_scan() -> None:
    from ecoaudit.eval_facts import evaluate_facts

    facts = extract_facts(_budget_doc())
    labels = {"files": [
        {"path": "财政局/资金.pdf", "scanned": False, "facts": [
            {"kind": "number", "text": "29,094万元", "page": 1, "value": "29094", "unit": "万元",
             "canonical_value": "290940000", "canonical_unit": "元"},
            {"kind": "number", "text": "2.9094亿元", "page": 1, "value": "2.9094", "unit": "亿元",
             "canonical_value": "290940000", "canonical_unit": "元"},  # same amount, other unit: still found
            {"kind": "period", "text": "截至2024年9月底", "page": 1, "start": "2024-01-01", "end": "2024-09-30"},
            {"kind": "number", "text": "3.2万吨", "page": 1, "value": "3.2", "unit": "万吨"},  # wrong page: missed
        ]},
        {"path": "扫描件.pdf", "scanned": True, "facts": [
            {"kind": "date", "text": "2024年3月15日", "page": 1, "date": "2024-03-15"}]},
        {"path": "未提取.pdf", "scanned": False, "facts": [{"kind": "date", "page": 1, "date": "2024-01-01"}]},
    ]}
    scan_fact = Fact(id="s/p1/b0/f1", block_id="s/p1/b0", kind="date", raw="2024年3月15日",
                     src=Source("cd" * 32, 1), start=date(2024, 3, 15), end=date(2024, 3, 15))
    result = evaluate_facts({"财政局/资金.pdf": facts, "扫描件.pdf": [scan_fact]}, labels)
    assert result["text_layer"]["labelled"] == 4 and result["text_layer"]["found"] == 3
    assert result["text_layer"]["recall"] == 0.75
    assert result["scanned"]["recall"] == 1.0 and result["scanned"]["precision"] == 1.0
    assert result["overall"]["found"] == 4 and result["overall"]["labelled"] == 5
    assert [m["text"] for m in result["missed"]] == ["3.2万吨"]
    counted = result["text_layer"]["extracted_counted"]
    assert counted > result["text_layer"]["matched"] >= 2  # other numbers on page 1 are unlabelled
    assert 0 < result["text_layer"]["precision"] < 1
    assert "precision" in result["definition"]


def test_unit_column_of_an_indicator_table_applies_to_its_row() -> None:
    page = (
        _block(0, "金额单位：元"),
        _cell(1, "指标名称", 0, 0, 0), _cell(2, "计量单位", 0, 0, 1), _cell(3, "2024年", 0, 0, 2),
        _cell(4, "化肥施用量（折纯）", 0, 1, 0),
        _cell(5, "吨", 0, 1, 1, "化肥施用量（折纯）", "计量单位"),
        _cell(6, "12,345", 0, 1, 2, "化肥施用量（折纯）", "2024年"),
        _cell(7, "播种面积", 0, 2, 0),
        _cell(8, "亩", 0, 2, 1, "播种面积", "计量单位"),
        _cell(9, "1.5万", 0, 2, 2, "播种面积", "2024年"),
        _cell(10, "专项资金", 0, 3, 0),
        _cell(11, "860000", 0, 3, 2, "专项资金", "2024年"),
    )
    facts = [f for f in extract_facts(_doc(page)) if f.kind == "number"]
    by_row = {f.row_header: f for f in facts}
    fert = by_row["化肥施用量（折纯）"]
    assert (fert.value, fert.unit, fert.canonical_unit) == (Decimal(12345), "吨", "t")
    assert "unit_from_unit_column" in fert.flags
    sown = by_row["播种面积"]
    assert (sown.value, sown.unit, sown.dimension) == (Decimal(15000), "亩", "area")
    money = by_row["专项资金"]
    assert (money.unit, money.canonical) == ("元", Decimal(860000)) and "unit_from_caption" in money.flags


def _line(i: int, text: str, right: float = 516.0, top: float = 0.0) -> Block:
    return _block(i, text, bbox=(80.0, 200.0 + top, right, 211.5 + top))


def test_number_and_date_cut_by_a_line_wrap_are_read_across_it() -> None:
    page = (
        _line(0, "弃矿山图斑14个，修复治理面积86.5公顷（合1297.5亩），项目总投资1,8", right=518.0),
        _line(1, "60万元，其中中央财政资金1,200万元。工程于2023年3月开工，2024年6", right=517.0, top=19),
        _line(2, "月完工。一般公共预算支出安排286,540", right=512.0, top=38),
        _line(3, "万元；政府性基金预算支出安排41,200万元。", right=300.0, top=57),
    )
    facts = extract_facts(_doc(page))
    total = [f for f in facts if f.kind == "number" and f.canonical == Decimal(18600000)]
    assert len(total) == 1 and "crosses_line" in total[0].flags
    first_line = page[0].text
    assert total[0].block_id.endswith("/b0") and total[0].src.span == (len(first_line) - 3, len(first_line))
    assert total[0].raw == "1,860万元"
    assert not [f for f in facts if f.block_id.endswith("/b1") and f.value == Decimal(60)]
    june = [f for f in facts if f.kind == "period" and f.start == date(2024, 6, 1)]
    assert len(june) == 1 and june[0].end == date(2024, 6, 30)
    spend = [f for f in facts if f.value == Decimal(286540)]
    assert len(spend) == 1 and spend[0].unit == "万元"
    assert [f.value for f in facts if f.block_id.endswith("/b3")] == [Decimal(41200)]


def test_table_rows_do_not_merge_and_take_their_unit_column() -> None:
    page = (
        _line(0, "指标名称 计量单位 本年 上年", right=300.0),
        _line(1, "化肥施用量 (折纯) 吨 4860 5015", right=300.0, top=19),
        _line(2, "农药使用量 吨 186 193", right=300.0, top=38),
        _line(3, "农作物总播种面积 公顷. 31250 31080", right=300.0, top=57),
        _line(4, "化学需氧量 68 100 mg/L", right=300.0, top=76),
    )
    facts = [f for f in extract_facts(_doc(page)) if f.kind == "number"]
    got = {(f.value, f.unit) for f in facts}
    assert {(Decimal(4860), "吨"), (Decimal(5015), "吨"), (Decimal(186), "吨"), (Decimal(193), "吨"),
            (Decimal(31250), "公顷"), (Decimal(68), "毫克/升"), (Decimal(100), "毫克/升")} <= got
    assert Decimal(186193) not in {f.value for f in facts}
    assert "unit_from_row" in next(f for f in facts if f.value == Decimal(4860)).flags


def test_xlsx_row_text_repeating_cells_is_not_counted_twice() -> None:
    page = (
        _cell(0, "填报单位：青川县农业农村局    粪污量单位：吨", 0, 1, 0),
        _block(1, "填报单位：青川县农业农村局    粪污量单位：吨"),
        _cell(2, "存栏量（头/只）", 0, 2, 1), _cell(3, "粪污产生量", 0, 2, 2),
        _block(4, "存栏量（头/只） | 粪污产生量"),
        _cell(5, "12000", 0, 3, 1, "瑞丰养殖", "存栏量（头/只）"),
        _cell(6, "32400", 0, 3, 2, "瑞丰养殖", "粪污产生量"),
        _block(7, "12000 | 32400"),
    )
    facts = [f for f in extract_facts(_doc(page)) if f.kind == "number"]
    assert sorted(f.value for f in facts) == [Decimal(12000), Decimal(32400)]
    by_value = {f.value: f for f in facts}
    assert by_value[Decimal(32400)].unit == "吨"  # caption after "填报单位：<organisation>"
    assert by_value[Decimal(12000)].unit is None  # the header's own (two-unit) label blocks the caption

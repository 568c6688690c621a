"""County plan reader: the three real seed plans, plans of our own making (tests/fixtures/plans), DOCX tables."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecoaudit.cli import cli
from extract.errors import BadInputError
from extract.model import Block, CellRef, Document, Page, Source
from rules.catalog import load_catalog
from rules.plan import parse_plan, plan_text_from_document, read_plan

FIXTURES = Path(__file__).parent / "fixtures" / "plans"

# Expected departments, written by reading each seed BEFORE running the parser: (name as written, canonical), in order,
# plus the text that ends the duty list. Leading-group members and addressees without a task are not here.
SEEDS = {
    "keshiketeng-2024-plan.txt": dict(county="克什克腾旗", year=2024, office="生态环境分局", end="其他相关部门按照统一部署",
                                      deadlines=["2024-10-20", "2024-10-25"], entries=[
        ("旗委办、旗政府办", "政府办公室"), ("赤峰冶金化工开发区管委会", "开发区管委会"),
        ("赤峰市达里诺尔—白音敖包自然保护区管理局", "自然保护区管理局"), ("旗委组织部", "组织部"),
        ("旗发改委", "发展和改革局"), ("旗工科局", "工业和信息化局"), ("旗财政局", "财政局"),
        ("旗自然资源局", "自然资源局"), ("旗住建局", "住房和城乡建设局"), ("旗水利局", "水利局"),
        ("旗农牧局", "农业农村局"), ("旗统计局", "统计局"), ("旗林草局", "林业和草原局"),
        ("旗城市管理综合执法局", "城市管理综合执法局"), ("旗妇联", "妇联"), ("市生态环境局克旗分局", "生态环境分局"),
        ("各苏木乡镇人民政府、街道管理办公室", "乡镇人民政府")]),
    "shanting-2025-plan.txt": dict(county="山亭区", year=2025, office="生态环境分局", end="四、工作步骤",
                                   deadlines=[], entries=[
        ("区政府办公室", "政府办公室"), ("区发展和改革局", "发展和改革局"), ("区财政局", "财政局"),
        ("区自然资源局", "自然资源局"), ("区住房和城乡建设局", "住房和城乡建设局"), ("区城乡水务局", "水利局"),
        ("区农业农村局", "农业农村局"), ("区综合行政执法局", "城市管理综合执法局"), ("区统计局", "统计局"),
        ("区生态环境分局", "生态环境分局")]),
    "taishan-2021-plan.txt": dict(county="泰山区", year=2021, office="生态环境分局", end="（三）数据报送要求",
                                  deadlines=["2021-10", "2021-10", "2021-12"], entries=[
        ("区政府办公室", "政府办公室"), ("区发改局", "发展和改革局"), ("区工信局", "工业和信息化局"),
        ("区财政局", "财政局"), ("区自然资源局", "自然资源局"), ("区住建局", "住房和城乡建设局"), ("区水利局", "水利局"),
        ("区农业农村局", "农业农村局"), ("区应急管理局", "应急管理局"), ("区综合行政执法局", "城市管理综合执法局"),
        ("区统计局", "统计局"), ("区妇联", "妇联"), ("区生态环境分局", "生态环境分局"),
        ("区林业保护发展中心", "林业和草原局"), ("区畜牧兽医事业发展服务中心", "畜牧兽医局")]),
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _blocks(text: str, entries: list[tuple[str, str]], end: str) -> dict[str, str]:
    """canonical → the seed's own paragraph for that department (ground truth for responsibility → department)."""
    flat = _flat(text)
    starts = []
    position = 0
    for written, canonical in entries:
        position = flat.index(written + "：", position)
        starts.append((position, written, canonical))
    stops = [s for s, _, _ in starts[1:]] + [flat.index(end, starts[-1][0])]
    return {canonical: flat[start + len(written) + 1: stop] for (start, written, canonical), stop in zip(starts, stops)}


def precision_recall(plan, text: str, spec: dict) -> tuple[float, float, float, float]:
    expected = {c for _, c in spec["entries"]}
    found = {d.canonical for d in plan.departments}
    dept_p = len(found & expected) / len(found) if found else 0.0
    dept_r = len(found & expected) / len(expected)
    blocks = _blocks(text, spec["entries"], spec["end"])
    duties = [(d.canonical, _flat(r.text)) for d in plan.departments for r in d.responsibilities]
    correct = sum(1 for canonical, duty in duties if duty in blocks.get(canonical, ""))
    clauses = [(c, cl) for c, block in blocks.items()
               for cl in re.split(r"[。；;]|[（(]\d[)）]", block) if len(cl.strip("，,、")) >= 4]
    covered = sum(1 for c, cl in clauses
                  if any(c == dc and (cl.strip("，,、") in duty or duty in cl) for dc, duty in duties))
    return dept_p, dept_r, correct / len(duties), covered / len(clauses)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_plans(seed: str, shared_dir: Path, catalog) -> None:
    spec = SEEDS[seed]
    text = (shared_dir / "seeds" / seed).read_text(encoding="utf-8")
    plan = parse_plan(text, catalog)
    assert (plan.county, plan.year, plan.office_canonical) == (spec["county"], spec["year"], spec["office"])
    assert [d.canonical for d in plan.departments] == [c for _, c in spec["entries"]]  # none invented, none missed
    assert [d.name for d in plan.departments] == [w for w, _ in spec["entries"]]
    assert [d.date for d in plan.deadlines] == spec["deadlines"]
    dept_p, dept_r, resp_p, resp_r = precision_recall(plan, text, spec)
    assert (dept_p, dept_r) == (1.0, 1.0)
    assert resp_p == 1.0 and resp_r >= 0.95, (resp_p, resp_r)
    assert plan.to_dict()["schema"] == "ecoaudit.plan/1"


def test_seed_details(shared_dir: Path, catalog) -> None:
    seeds = shared_dir / "seeds"
    ksk = parse_plan((seeds / "keshiketeng-2024-plan.txt").read_text(encoding="utf-8"), catalog)
    duties = {d.canonical: d.responsibilities for d in ksk.departments}
    assert any("assessment_funding" in r.indicators and "payment_voucher" in r.evidence_types
               for r in duties["财政局"])
    assert any("beautiful_village_courtyard" in r.indicators for r in duties["妇联"])
    assert any("meeting_minutes" in r.evidence_types for r in duties["政府办公室"])
    assert ksk.deadlines[0].what.startswith("各成员单位将所有填报数据")
    members = {m.canonical for m in ksk.leading_group.members}
    assert {"生态环境分局", "财政局", "林业和草原局", "农业农村局", "发展和改革局"} <= members
    taishan = parse_plan((seeds / "taishan-2021-plan.txt").read_text(encoding="utf-8"), catalog)
    group = taishan.leading_group
    assert group.leaders == ("张培峰",) and group.deputies == ("倪海亮",) and len(group.members) == 15
    assert group.members[1].person == "赵健" and group.members[1].canonical == "发展和改革局"
    eco = next(d for d in taishan.departments if d.canonical == "生态环境分局")
    assert len(eco.responsibilities) >= 10
    shanting = parse_plan((seeds / "shanting-2025-plan.txt").read_text(encoding="utf-8"), catalog)
    eco = next(d for d in shanting.departments if d.canonical == "生态环境分局")
    assert len(eco.responsibilities) == 2  # (1) and (2) inside one paragraph
    water = next(d for d in shanting.departments if d.canonical == "水利局")
    assert "urban_sewage_treated_compliant" in water.responsibilities[0].indicators
    unassigned = {i for i, _ in shanting.unassigned}
    assert "urban_sewage_treatment_rate" not in unassigned and "town_water_sources_total" in unassigned


def test_needs_list_fixture(catalog) -> None:
    plan = read_plan(FIXTURES / "qingshui_needs_list.txt", catalog)
    assert (plan.county, plan.year, plan.office_canonical) == ("青水县", 2024, "生态环境分局")
    assert [d.canonical for d in plan.departments] == [
        "财政局", "住房和城乡建设局", "农业农村局", "自然资源局", "应急管理局", "政府办公室", "生态环境分局"]
    # 县气象局 is a leading-group member without a task; 各乡镇人民政府 and 县直有关部门 are only addressees
    assert "气象局" in {m.canonical for m in plan.leading_group.members}
    by = {d.canonical: d for d in plan.departments}
    assert len(by["财政局"].responsibilities) == 3 and len(by["农业农村局"].responsibilities) == 3
    assert len(by["住房和城乡建设局"].responsibilities) == 2 and len(by["生态环境分局"].responsibilities) == 3
    assert len(by["自然资源局"].responsibilities) == 2  # unnumbered: one per sentence
    assert by["财政局"].responsibilities[2].evidence_types == ("payment_voucher",)
    assert "urban_sewage_treatment_rate" in by["住房和城乡建设局"].responsibilities[0].indicators  # 處理率
    assert "fertilizer_use" in by["农业农村局"].responsibilities[0].indicators
    assert [(d.date, d.what) for d in plan.deadlines] == [
        ("2024-10-15", "将证明材料报送领导小组办公室"), ("2024-10-25", "完成自查报告编写并报县政府审核"),
        ("2024-11", "完成资料汇编成册")]


def _cell(sha: str, table: int, row: int, col: int, text: str) -> Block:
    return Block(f"{sha[:12]}/p1/t{table}r{row}c{col}", "cell", text, Source(sha, 1),
                 cell=CellRef(table=table, row=row, col=col))


def test_table_plan_from_document(catalog) -> None:
    sha = "d" * 64
    rows = [("序号", "责任单位", "工作任务"), ("1", "县财政局", "提供预算批复文件；提供生态环境保护与治理投入资金台账"),
            ("2", "县城管局", "提供生活垃圾无害化处理量台账"), ("3", "县畜牧兽医局", "提供畜禽粪污综合利用率证明材料")]
    blocks = [Block(f"{sha[:12]}/p1/b0", "title", "绿川县2023年县域生态环境质量考核工作方案", Source(sha, 1))]
    blocks += [_cell(sha, 0, r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    document = Document("plan.docx", sha, "docx", (Page(1, 595, 842, True, tuple(blocks)),))
    text = plan_text_from_document(document)
    plan = parse_plan(text, catalog)
    assert (plan.county, plan.year) == ("绿川县", 2023)
    assert [d.canonical for d in plan.departments] == ["财政局", "城市管理综合执法局", "畜牧兽医局"]
    assert len(plan.departments[0].responsibilities) == 2
    assert "livestock_manure_utilization_rate" in plan.departments[2].responsibilities[0].indicators


def test_docx_table_plan_through_reader(tmp_path: Path, catalog) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("白河县2024年国家重点生态功能区县域生态环境质量监测与评价工作方案")
    document.add_paragraph("三、任务分工")
    table = document.add_table(rows=3, cols=2)
    for row, (unit, task) in zip(table.rows, [("责任单位", "工作任务"), ("县住建局", "提供城镇生活污水集中处理率台账"),
                                              ("县农业农村局", "提供化肥施用量统计报表")]):
        row.cells[0].text, row.cells[1].text = unit, task
    document.add_paragraph("四、工作要求")
    document.add_paragraph("各单位于2024年10月15日前报送材料。")
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = read_plan(path, catalog)
    assert [d.canonical for d in plan.departments] == ["住房和城乡建设局", "农业农村局"]
    assert plan.departments[0].responsibilities[0].indicators == ("urban_sewage_treatment_rate",)
    assert [d.date for d in plan.deadlines] == ["2024-10-15"]


def test_bad_and_empty_plans(tmp_path: Path, catalog) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(BadInputError):
        read_plan(empty, catalog)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BadInputError):
        read_plan(broken, catalog)
    plan = parse_plan("关于做好有关工作的通知\n请各单位认真落实。", catalog)
    assert plan.departments == () and plan.county is None and plan.deadlines == ()
    assert len(plan.unassigned) == sum(1 for i in catalog.indicators
                                       if not i.legacy and i.kind not in ("composite", "index"))


def test_cli_plan(catalog) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["plan", "--json", str(FIXTURES / "qingshui_needs_list.txt")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "ecoaudit.plan/1" and data["county"] == "青水县"
    assert set(data) >= {"county", "year", "office", "departments", "deadlines", "unassigned", "leading_group"}
    first = data["departments"][0]
    assert set(first) == {"name", "canonical", "responsibilities"}
    assert set(first["responsibilities"][0]) == {"text", "indicators", "evidence_types"}
    readable = runner.invoke(cli, ["plan", str(FIXTURES / "qingshui_needs_list.txt")])
    assert readable.exit_code == 0 and "■ 财政局" in readable.output and "2024-10-15" in readable.output


def test_task_first_fixture(catalog) -> None:
    """Task-first entries (牵头单位/责任单位), a heading-only department with bullets, 和-joined heads, a department
    written without a colon (县水务局负责…), Chinese-numeral deadlines and a trailing 其他部门 sentence."""
    plan = read_plan(FIXTURES / "baishui_task_first.txt", catalog)
    assert (plan.county, plan.year) == ("白水县", 2023)
    assert [d.canonical for d in plan.departments] == [
        "财政局", "统计局", "生态环境分局", "乡镇人民政府", "农业农村局", "政府办公室", "水利局", "林业和草原局"]
    by = {d.canonical: d for d in plan.departments}
    assert [r.text for r in by["财政局"].responsibilities] == ["生态环境保护与治理投入占比。提供经县人大审议通过的预算报告和资金台账"]
    assert by["财政局"].responsibilities == by["统计局"].responsibilities
    assert by["生态环境分局"].responsibilities[0].indicators == ("rural_sewage_treatment_rate",)
    assert [r.indicators for r in by["农业农村局"].responsibilities] == [("fertilizer_use",),
                                                                       ("plastic_film_recovery_rate",)]
    assert by["政府办公室"].name == "县委办、县政府办"
    assert "town_water_source_zoning_ratio" in by["水利局"].responsibilities[0].indicators
    assert len(by["林业和草原局"].responsibilities) == 1  # "其他部门按照…" is not the forestry bureau's task
    assert [d.date for d in plan.deadlines] == ["2023-09-30", "2023-10-10"]


def test_task_first_table(catalog) -> None:
    sha = "e" * 64
    rows = [("序号", "工作任务", "牵头单位", "配合单位"), ("1", "城镇生活垃圾无害化处理率", "县城管局", "县住建局"),
            ("2", "规模化畜禽养殖场粪污资源化利用台账", "县畜牧中心", "")]
    blocks = tuple(_cell(sha, 0, r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    document = Document("plan.docx", sha, "docx", (Page(1, 595, 842, True, blocks),))
    plan = parse_plan("红岭县2024年工作方案\n" + plan_text_from_document(document), catalog)
    assert [d.canonical for d in plan.departments] == ["城市管理综合执法局", "住房和城乡建设局", "畜牧兽医局"]
    assert plan.departments[0].responsibilities[0].indicators == ("urban_msw_harmless_rate",)
    assert "livestock_manure_utilization_rate" in plan.departments[2].responsibilities[0].indicators


def test_gbk_text_plan(tmp_path: Path, catalog) -> None:
    path = tmp_path / "gbk_plan.txt"
    path.write_bytes((FIXTURES / "qingshui_needs_list.txt").read_text(encoding="utf-8").encode("gb18030"))
    plan = read_plan(path, catalog)
    assert plan.county == "青水县" and len(plan.departments) == 7


def test_pdf_plan_with_wrapped_lines(tmp_path: Path, cjk_font: str, catalog) -> None:
    """A text-layer PDF whose duty line wraps in the middle of a word (预 / 算) is rejoined."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CJK", cjk_font, subfontIndex=0))
    path = tmp_path / "plan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("CJK", 11)
    lines = ["黑山县2024年国家重点生态功能区县域生态环境质量", "监测与评价工作方案", "三、职责分工",
             "1.县财政局：负责提供经县人民代表大会审议通过的年度财政预", "算收支报告；提供考核工作经费拨付凭证。",
             "2.县住建局：提供城镇生活污水集中处理率台账。", "四、工作要求", "各单位于2024年10月20日前报送材料。"]
    for number, line in enumerate(lines):
        pdf.drawString(60, 800 - 20 * number, line)
    pdf.save()
    plan = read_plan(path, catalog)
    assert (plan.county, plan.year) == ("黑山县", 2024)
    assert [(d.canonical, len(d.responsibilities)) for d in plan.departments] == [("财政局", 2), ("住房和城乡建设局", 1)]
    assert plan.departments[0].responsibilities[0].text == "负责提供经县人民代表大会审议通过的年度财政预算收支报告"
    assert [d.date for d in plan.deadlines] == ["2024-10-20"]


@pytest.mark.parametrize(("seed", "heading", "renamed"), [
    ("keshiketeng-2024-plan.txt", "三、职责分工", "三、具体安排"),
    ("shanting-2025-plan.txt", "三、任务分工", "三、具体安排"),
    ("taishan-2021-plan.txt", "（二）领导小组成员单位职责分工", "（二）领导小组成员单位"),
])
def test_seed_plans_without_duty_heading(seed: str, heading: str, renamed: str, shared_dir: Path, catalog) -> None:
    """Without a 职责/分工 heading the whole text is scanned: the notice header (issuing office, addressees), the
    leading-group appendix and later numbered sections must still not become departments or duties."""
    spec = SEEDS[seed]
    text = (shared_dir / "seeds" / seed).read_text(encoding="utf-8")
    assert heading in text
    text = text.replace(heading, renamed)
    plan = parse_plan(text, catalog)
    assert precision_recall(plan, text, spec) == (1.0, 1.0, 1.0, 1.0)


def test_leading_group_layouts() -> None:
    from rules.plan import parse_leading_group

    group = parse_leading_group(["组  长：张三（县长）", "副组长：李四、王五", "成员单位：县财政局、县发改局、县气象局",
                                 "领导小组办公室设在县生态环境分局。"], ("青水县",))
    assert group.deputies == ("李四", "王五")
    assert [m.canonical for m in group.members] == ["财政局", "发展和改革局", "气象局"]
    listed = parse_leading_group(["成  员：孙一国  区政府办公室", "王  五（区财政局局长）", "领导小组下设办公室"], ())
    assert [(m.person, m.canonical) for m in listed.members] == [("孙一国", "政府办公室"), ("王五", "财政局")]
    assert parse_leading_group(["各部门要高度重视。"], ()) is None


def test_docx_table_with_merged_unit_cell(tmp_path: Path, catalog) -> None:
    """单位 | 任务 | 材料 with the unit cell merged over two rows: the second row still belongs to that unit, and a
    row (task + material) is one responsibility."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("石门县2024年县域生态环境质量监测与评价工作方案")
    document.add_paragraph("二、职责分工")
    table = document.add_table(rows=4, cols=3)
    rows = [("责任单位", "工作任务", "材料要求"), ("县财政局", "生态环境保护与治理投入占比", "预算报告、资金台账"),
            ("", "考核工作经费保障", "拨付凭证"), ("县水利局", "地下水保护与治理", "水位监测月报")]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "县财政局"
    path = tmp_path / "merged.docx"
    document.save(path)
    plan = read_plan(path, catalog)
    assert [d.canonical for d in plan.departments] == ["财政局", "水利局"]
    finance = plan.departments[0].responsibilities
    assert [r.indicators for r in finance] == [("eco_investment_share",), ("assessment_funding",)]
    assert finance[1].evidence_types == ("payment_voucher",)

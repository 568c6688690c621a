"""The county's submitted sheet (submitted.xlsx), its own implementation plan (plan.docx) and the expected
reconciliation of every submitted row."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Font

from gen_office import write_docx
from gen_xlsx import new_book, save_book, sheet_title, write_row

SUBMITTED_TITLE = "青川县2024年国家重点生态功能区县域生态环境质量考核指标填报表"


@dataclass(frozen=True)
class SubmittedRow:
    name: str  # as county staff typed it
    value: str
    unit: str
    dept: str
    remark: str
    indicator: str | None
    status: str  # corroborated | mismatch | no_evidence | out_of_period | unresolved
    ev_value: str | None = None
    ev_unit: str | None = None
    ev_path: str | None = None


FIN = "2.县财政局/"
ROWS: tuple[SubmittedRow, ...] = (
    SubmittedRow("生态环境保护与治理投入", "22420", "万元", "县财政局", "预算数", "eco_investment_amount",
                 "corroborated", "22420", "万元", FIN + "关于青川县2023年预算执行情况和2024年预算的报告.pdf"),
    SubmittedRow("生态环境保护与治理投入占比", "7.82", "%", "县财政局", "", "eco_investment_share",
                 "corroborated", "7.82", "%", FIN + "关于青川县2023年预算执行情况和2024年预算的报告.pdf"),
    SubmittedRow("当年全县财政支出", "28.654", "亿元", "县财政局", "一般公共预算支出", "fiscal_total_expenditure",
                 "corroborated", "286540", "万元", FIN + "青川县第十八届人民代表大会第四次会议关于2024年预算的决议.pdf"),
    SubmittedRow("考核工作经费", "12", "万元", "县财政局", "已拨付", "assessment_funding",
                 "corroborated", "120000", "元", FIN + "考核工作经费拨付电子回单.pdf"),
    SubmittedRow("城镇污水集中处理率", "95.23", "%", "县城乡水务局", "", "urban_sewage_treatment_rate",
                 "corroborated", "95.23", "%", "5.城乡水务局/县城污水处理厂2024年运行台账.xlsx"),
    SubmittedRow("城镇生活污水年排放总量", "315", "万吨", "县城乡水务局", "", "urban_sewage_discharge_total",
                 "corroborated", "315.00", "万吨", "5.城乡水务局/县城污水处理厂2024年运行台账.xlsx"),
    SubmittedRow("污水处理量（达标排放）", "299.97", "万吨", "县城乡水务局", "", "urban_sewage_treated_compliant",
                 "corroborated", "299.97", "万吨", "5.城乡水务局/县城污水处理厂2024年运行台账.xlsx"),
    SubmittedRow("生活垃圾清运量", "3.2", "万吨", "县综合行政执法局", "", "msw_generated",
                 "corroborated", "32000", "吨", "9.综合行政执法局/2024年生活垃圾清运台账.xlsx"),
    SubmittedRow("生活垃圾无害化处理率", "100", "%", "县综合行政执法局", "", "urban_msw_harmless_rate",
                 "corroborated", "100", "%", "9.综合行政执法局/2024年生活垃圾清运台账.xlsx"),
    SubmittedRow("化肥施用量（折纯）", "5200", "吨", "县农业农村局", "", "fertilizer_use",
                 "mismatch", "4860", "吨", "4.县农业农村局/2024年农业生产资料使用情况统计表（扫描）.pdf"),
    SubmittedRow("农药使用量", "186", "吨", "县农业农村局", "", "pesticide_use",
                 "corroborated", "186", "吨", "4.县农业农村局/2024年农业生产资料使用情况统计表（扫描）.pdf"),
    SubmittedRow("农作物播种面积", "46.875", "万亩", "县农业农村局", "", "sown_area",
                 "corroborated", "31250", "公顷", "4.县农业农村局/2024年农业生产资料使用情况统计表（扫描）.pdf"),
    SubmittedRow("地膜回收率", "83.48", "%", "县农业农村局", "", "plastic_film_recovery_rate",
                 "corroborated", "83.48", "%", "4.县农业农村局/2024年农业生产资料使用情况统计表（扫描）.pdf"),
    SubmittedRow("畜禽粪污综合利用率", "91.03", "%", "县农业农村局", "规模养殖场", "livestock_manure_utilization_rate",
                 "corroborated", "91.03", "%", "4.县农业农村局/规模养殖场畜禽粪污资源化利用台账（2024年）.xlsx"),
    SubmittedRow("地区生产总值（GDP）", "86.42", "亿元", "县统计局", "统计局提供", "gdp",
                 "out_of_period", "86.42", "亿元", "7.县统计局/青川县2023年国民经济和社会发展统计公报.pdf"),
    SubmittedRow("常住人口", "17.82", "万人", "县统计局", "", "population",
                 "out_of_period", "17.82", "万人", "7.县统计局/青川县2023年国民经济和社会发展统计公报.pdf"),
    SubmittedRow("空气质量优良天数比例", "94.75", "%", "市生态环境局青川分局", "", "air_good_days_ratio",
                 "corroborated", "94.75", "%", "8.市生态环境局青川分局/2024年度环境空气质量监测结果（摘要）.tif"),
    SubmittedRow("优良天数", "343", "天", "市生态环境局青川分局", "", "air_good_days",
                 "corroborated", "343", "天", "8.市生态环境局青川分局/2024年度环境空气质量监测结果（摘要）.tif"),
    SubmittedRow("农村生活污水治理率", "62.5", "%", "市生态环境局青川分局", "", "rural_sewage_treatment_rate",
                 "no_evidence"),
    SubmittedRow("办公用品采购数量", "1200", "件", "县政府办", "", None, "unresolved"),
)


def write_submitted(path: Path) -> None:
    wb = new_book()
    ws = wb.active
    ws.title = "填报表"
    sheet_title(ws, SUBMITTED_TITLE, 6, size=14)
    ws.merge_cells("A2:C2")
    ws["A2"] = "填报单位（盖章）：市生态环境局青川分局"
    ws.merge_cells("D2:F2")
    ws["D2"] = "填报时间：2025年1月15日"
    ws["D2"].alignment = Alignment(horizontal="right")
    write_row(ws, 3, ["序号", "指标名称", "填报值", "单位", "填报单位", "备注"], bold=True)
    for i, r in enumerate(ROWS, start=1):
        value: float | int = float(r.value) if "." in r.value else int(r.value)
        write_row(ws, 3 + i, [i, r.name, value, r.unit, r.dept, r.remark])
    last = 4 + len(ROWS)
    ws.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=6)
    ws.cell(last + 1, 1, "填表人：罗晓    审核人：吴振宇    联系电话：0839-7202519").font = Font(size=10)
    for col, w in zip("ABCDEF", (6, 30, 12, 8, 22, 16)):
        ws.column_dimensions[col].width = w
    save_book(wb, path)


def indicator_expectations() -> list[dict[str, Any]]:
    out = []
    for r in ROWS:
        rec: dict[str, Any] = {"submitted_name": r.name, "submitted_value": r.value, "submitted_unit": r.unit,
                               "indicator": r.indicator, "expected_status": r.status,
                               "evidence_value": r.ev_value, "evidence_unit": r.ev_unit}
        if r.ev_path:
            rec["evidence_path"] = r.ev_path
        out.append(rec)
    return out


def write_plan(path: Path) -> None:
    duties = [
        ("县委办、县政府办", ["每季度召开研究部署生态环境保护工作的县委常委会或县政府常务会议，提供会议纪要（每季度不少于1次）；",
                         "提供县域生态环境质量监测与评价工作领导小组调整文件及本实施方案印发文件。"]),
        ("县财政局", ["经县人民代表大会审议通过的2024年财政预算收支报告及人大决议；",
                   "生态环境保护与治理投入及占当年财政支出比例的测算说明；",
                   "考核工作经费预算及拨付凭证；",
                   "重点生态功能区转移支付资金使用情况报告。"]),
        ("县城乡水务局", ["县城污水处理厂2024年运行台账（进水量、达标排放量，单位：万吨）；",
                     "城镇生活污水集中处理率及计算说明；",
                     "水土流失综合治理工程验收材料。"]),
        ("县住建局", ["城镇生活污水处理提质增效实施方案；", "污水管网建设台账（新增管网长度，单位：公里）。"]),
        ("县综合行政执法局", ["生活垃圾清运及无害化处理台账；", "垃圾填埋场渗滤液及周边环境监测报告。"]),
        ("县农业农村局", ["化肥、农药施用量（折纯）及农作物播种面积统计报表；", "地膜使用及回收情况；",
                     "规模养殖场畜禽粪污资源化利用台账；", "农业面源污染防治规划及批复文件。"]),
        ("县自然资源局", ["县域国土面积及土地调查地类数据表；", "生态保护修复工程竣工验收材料；", "生态保护红线落实情况。"]),
        ("县统计局", ["2024年地区生产总值、三次产业增加值及常住人口数据（评价年、对照年）。"]),
        ("县发改局", ["“三线一单”生态环境分区管控落实情况及产业准入负面清单执行情况。"]),
        ("县应急管理局", ["2024年度突发环境事件发生及处置情况，未发生的出具情况说明。"]),
        ("市生态环境局青川分局", ["环境空气、地表水、饮用水水源地监测报告；", "农村生活污水治理情况及证明材料；",
                          "汇总各部门材料，填报数据软件，编制自查报告。"]),
    ]
    blocks: list[tuple] = [
        ("center", "青政办发〔2024〕15号"),
        ("title", "青川县2024年国家重点生态功能区县域生态环境质量监测与评价工作实施方案"),
        ("para", "根据《“十四五”国家重点生态功能区县域生态环境质量监测与评价指标体系及实施细则》（环办监测函〔2022〕30号）"
                 "要求，为做好我县2024年度县域生态环境质量监测与评价工作，制定本方案。"),
        ("heading", "一、组织领导"),
        ("para", "成立以县长为组长、分管副县长为副组长，各有关部门主要负责同志为成员的工作领导小组，"
                 "领导小组办公室设在市生态环境局青川分局。"),
        ("heading", "二、资料报送分工"),
    ]
    for dept, items in duties:
        blocks.append(("para", f"{dept}需提供以下资料："))
        for k, item in enumerate(items, start=1):
            blocks.append(("para", f"{k}.{item}"))
    blocks += [
        ("heading", "三、时间安排"),
        ("table", [["阶段", "时间", "工作内容"],
                   ["动员部署", "2024年10月15日前", "召开动员会，印发实施方案"],
                   ["资料收集", "2024年12月10日前", "各部门按分工报送资料（一式三份，加盖公章）"],
                   ["汇总审核", "2025年1月10日前", "分局汇总审核，编制自查报告"],
                   ["报送", "2025年1月20日前", "经县政府审定后报送省生态环境厅"]]),
        ("heading", "四、工作要求"),
        ("para", "各部门对报送数据的真实性负责，确实无法提供的材料须出具由主要负责人签字并加盖公章的情况说明。"
                 "数据单位须与填报要求一致（如污水、垃圾量以万吨计，投入以万元计）。"),
        ("right", "青川县人民政府办公室"), ("right", "2024年9月30日"),
    ]
    write_docx(path, blocks)

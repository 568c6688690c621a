"""Documents of 农业农村局, 自然资源局, 统计局 and 发改局 (including the bad files)."""
from __future__ import annotations

import random
from typing import Any

from gen_labels import Ctx, date, entry, link, num, period
from gen_office import write_docx
from gen_render import C, P, S, T, Seal, images_to_pdf, write_text_pdf
from gen_scan import ScanPage, center, label_pages, left, para, render_scan, right, seal_pages, title
from gen_xlsx import COUNTY_AREA_KM2, land_class_totals, land_table, manure_ledger

AGRI = "4.县农业农村局"
LAND = "6.县自然资源局"
STAT = "7.县统计局"
NDRC = "11.发改局"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
LAND_CLASS_IDS = {"林地": "forest_land_area", "草地": "grassland_area", "水域湿地": "water_wetland_area",
                  "耕地": "cropland_area", "建设用地": "construction_land_area", "未利用地": "unused_land_area"}


def agri_statistics(ctx: Ctx) -> dict[str, Any]:
    """Scanned statistical form (a table page), fed upside down: the page is turned 180°."""
    rel = f"{AGRI}/2024年农业生产资料使用情况统计表（扫描）.pdf"
    sign = "报出日期：2025年1月10日"
    lines = [title("农业生产资料使用情况统计表"), center(""),
             left("表    号：农（年）5表        制定机关：农业农村部"),
             left("填报单位：青川县农业农村局    2024年"), center(""), center(""),
             left("单位负责人：刘洪波    统计负责人：许娟    填表人：冯雪"), right(sign)]
    rows = (("指标名称", "计量单位", "本年", "上年"),
            ("农用化肥施用量（折纯量）", "吨", "4860", "5015"),
            ("其中：氮肥", "吨", "2310", "2398"),
            ("农用化肥施用量（实物量）", "吨", "13200", "13650"),
            ("农药使用量", "吨", "186", "193"),
            ("地膜使用量", "吨", "1120", "1146"),
            ("地膜回收量", "吨", "935", "902"),
            ("地膜回收率", "%", "83.48", "78.71"),
            ("农作物总播种面积", "公顷", "31250", "31080"))
    page = ScanPage(tuple(lines), table=(5, rows, (520, 220, 280, 280)), seal=Seal("青川县农业农村局"),
                    seal_on=sign, turn=180)
    images_to_pdf(ctx.path(rel), [render_scan(page, ctx.rng)], ctx.tmp)
    return entry(rel, "pdf", "monitoring_report", scanned=True, doc_date="2025-01-10", subtype="statistical_report",
                 seal_pages=seal_pages([page]), pages=label_pages([page]), title="农业生产资料使用情况统计表",
                 facts=[num("4860", "4860", "吨"), num("13200", "13200", "吨"), num("186", "186", "吨"),
                        num("83.48", "83.48", "%"), num("31250", "31250", "公顷"),
                        period("2024年", "2024-01-01", "2024-12-31"), date("2025年1月10日", "2025-01-10")],
                 links=[link("fertilizer_use", "4860", "吨", "achieved"),
                        link("pesticide_use", "186", "吨", "achieved"),
                        link("plastic_film_recovery_rate", "83.48", "%", "achieved"),
                        link("sown_area", "31250", "公顷", "achieved")],
                 note="MISMATCH: submitted 化肥施用量（折纯） 5200 吨 vs 4860 吨 here; 13200 is 实物量, not 折纯")


def agri_draft_plan(ctx: Ctx) -> dict[str, Any]:
    rel = f"{AGRI}/青川县农业面源污染防治规划（2024—2030年）（征求意见稿）.docx"
    write_docx(ctx.path(rel), [
        ("title", "青川县农业面源污染防治规划（2024—2030年）"), ("center", "（征求意见稿）"),
        ("heading", "第一章  现状与问题"),
        ("para", "2023年全县化肥施用量（折纯）5,015吨，农药使用量193吨，畜禽粪污综合利用率88.6%。"
                 "部分乡镇化肥施用强度偏高，规模以下养殖户粪污处理设施配套不足。"),
        ("heading", "第二章  规划目标"),
        ("para", "到2025年，全县化肥利用率达到43%以上，化肥施用量（折纯）控制在4,900吨以内，"
                 "畜禽粪污综合利用率达到90%以上，农膜回收率达到85%以上；到2030年，化肥施用量较2023年下降8%。"),
        ("heading", "第三章  主要任务"),
        ("table", [["序号", "任务", "牵头单位"], ["1", "测土配方施肥全覆盖", "县农业农村局"],
                   ["2", "有机肥替代化肥示范区建设", "县农业农村局"],
                   ["3", "农业面源污染监测点位布设", "市生态环境局青川分局"]]),
        ("right", "青川县农业农村局"), ("right", "2024年10月12日"),
    ])
    return entry(rel, "docx", "plan", doc_date="2024-10-12", draft=True, subtype="plan_or_scheme",
                 title="青川县农业面源污染防治规划（2024—2030年）（征求意见稿）",
                 facts=[num("5,015吨", "5015", "吨"), num("4,900吨", "4900", "吨"), num("43%", "43", "%"),
                        num("90%", "90", "%"), period("2024—2030年", "2024-01-01", "2030-12-31"),
                        date("2024年10月12日", "2024-10-12")],
                 links=[link("agri_nonpoint_pollution_control", None, None, "achieved"),
                        link("fertilizer_use", "4900", "吨", "target"),
                        link("livestock_manure_utilization_rate", "90", "%", "target")],
                 note="征求意见稿: a draft, not evidence in force; its figures are targets")


def manure(ctx: Ctx) -> dict[str, Any]:
    rel = f"{AGRI}/规模养殖场畜禽粪污资源化利用台账（2024年）.xlsx"
    gen_t, used_t = manure_ledger(ctx.path(rel))
    return entry(rel, "xlsx", "ledger", doc_date="2025-01-09", subtype="operation_ledger",
                 title="青川县规模养殖场畜禽粪污资源化利用台账（2024年度）",
                 facts=[num(str(gen_t), str(gen_t), "吨"), num(str(used_t), str(used_t), "吨"),
                        num("91.03%", "91.03", "%"), period("2024年1月1日—12月31日", "2024-01-01", "2024-12-31")],
                 links=[link("manure_generated", str(gen_t), "吨", "achieved"),
                        link("manure_utilized", str(used_t), "吨", "achieved"),
                        link("livestock_manure_utilization_rate", "91.03", "%", "achieved")])


def mine_acceptance(ctx: Ctx) -> dict[str, Any]:
    """Two scanned pages; the signature page (with the seal) was scanned sideways (turned 90°)."""
    rel = f"{LAND}/白龙湖流域废弃矿山生态修复项目竣工验收报告.pdf"
    p1 = [title("竣工验收报告"), center("青川县白龙湖流域历史遗留废弃矿山生态修复项目"), center("")]
    p1 += para("一、项目概况：项目位于青川县白龙湖镇、石坝乡，共治理历史遗留废弃矿山图斑14个，修复治理面积86.5公顷"
               "（合1297.5亩），项目总投资1,860万元，其中中央财政资金1,200万元。工程于2023年3月开工，2024年6月完工。")
    p1 += para("二、验收过程：2024年9月12日，青川县自然资源局组织设计、施工、监理单位及特邀专家组成验收组，"
               "查看了工程现场，查阅了工程资料，听取了参建各方的汇报。")
    p1 += para("三、验收结论：工程按批复的设计内容全部完成，质量合格，资料齐全，验收组一致同意该项目通过竣工验收。")
    date_line = "2024年9月12日"
    p2 = [title("验收组成员签字表"), center(""), center(""), center(""), center(""), center(""), center(""),
          right("青川县自然资源局"), right(date_line)]
    rows = (("姓名", "单位", "职务/职称"), ("郑国强", "青川县自然资源局", "局长"),
            ("杨志", "四川省地质工程勘察院", "高级工程师"), ("林晓", "青川县林业局", "工程师"),
            ("周密", "四川同创监理有限公司", "总监"))
    page1 = ScanPage(tuple(p1))
    page2 = ScanPage(tuple(p2), table=(2, rows, (300, 560, 360)), seal=Seal("青川县自然资源局"), seal_on=date_line,
                     turn=90)
    images_to_pdf(ctx.path(rel), [render_scan(page1, ctx.rng), render_scan(page2, ctx.rng)], ctx.tmp)
    pages = [page1, page2]
    return entry(rel, "pdf", "acceptance_report", scanned=True, doc_date="2024-09-12", seal_pages=seal_pages(pages),
                 pages=label_pages(pages), title="青川县白龙湖流域历史遗留废弃矿山生态修复项目竣工验收报告",
                 facts=[num("86.5公顷", "86.5", "公顷"), num("1297.5亩", "1297.5", "亩"),
                        num("1,860万元", "1860", "万元"), date("2024年9月12日", "2024-09-12"),
                        date(date_line, "2024-09-12", page=2)],
                 links=[link("eco_restoration_projects", "86.5", "公顷", "achieved")])


def land(ctx: Ctx) -> dict[str, Any]:
    rel = f"{LAND}/县域土地调查地类数据表.xlsx"
    land_table(ctx.path(rel))
    return entry(rel, "xlsx", "other", subtype="info_table", title="青川县县域土地调查地类数据表（2024年度）",
                 doc_date="2024-12-20",
                 facts=[num("3216.50", COUNTY_AREA_KM2, "平方公里"), num("241,380.25", "241380.25", "公顷"),
                        num("198,240.10", "198240.10", "公顷"), num("28,915.60", "28915.60", "公顷"),
                        num("319,880.00", "319880.00", "公顷"), date("2024年12月20日", "2024-12-20")],
                 links=[link("county_land_area", COUNTY_AREA_KM2, "平方公里", "achieved")]
                 + [link(LAND_CLASS_IDS[k], f"{v:.2f}", "公顷", "achieved") for k, v in land_class_totals().items()]
                 + [link("forest_land_area", "198240.10", "公顷", "component")],
                 note="land classes sum to 3198.80 km², 17.70 km² short of the county area")


def truncated_pdf(ctx: Ctx) -> dict[str, Any]:
    rel = f"{LAND}/生态保护红线勘界定标成果报告.pdf"
    full = ctx.tmp / "_full.pdf"
    write_text_pdf(full, [T("青川县生态保护红线勘界定标成果报告"),
                          P("全县生态保护红线面积1,386.42平方公里，占县域国土面积的43.10%。" * 6)], title="红线")
    data = full.read_bytes()
    full.unlink()
    ctx.path(rel).write_bytes(data[: len(data) * 2 // 5])
    return entry(rel, "pdf", None, status="error", error_category="corrupt", note="truncated at 40% (no xref/EOF)")


def bulletin_2023(ctx: Ctx) -> dict[str, Any]:
    rel = f"{STAT}/青川县2023年国民经济和社会发展统计公报.pdf"
    write_text_pdf(ctx.path(rel), [
        T("青川县2023年国民经济和社会发展统计公报"), C("青川县统计局"), C("2024年3月28日"),
        S("一、综合"),
        P("初步核算，2023年全县地区生产总值（GDP）86.42亿元，按可比价格计算，比上年增长6.1%。其中，第一产业增加值"
          "15.87亿元，第二产业增加值28.31亿元，第三产业增加值42.24亿元，三次产业结构为18.4:32.7:48.9。"),
        P("年末全县户籍人口21.36万人，常住人口17.82万人。全县辖8个镇、3个乡，186个行政村。"),
        S("二、农业"),
        P("全年农作物播种面积31,080公顷，化肥施用量（折纯）5,015吨。"),
        S("三、财政"),
        P("全年一般公共预算支出271,860万元，其中节能环保支出17,230万元。"),
        P("注：本公报中2023年数据为初步统计数。地区生产总值及各产业增加值绝对数按现价计算，增长速度按可比价格计算。"),
    ], title="2023年统计公报")
    return entry(rel, "pdf", "monitoring_report", doc_date="2024-03-28", subtype="statistical_report",
                 title="青川县2023年国民经济和社会发展统计公报",
                 facts=[period("2023年", "2023-01-01", "2023-12-31"), num("86.42亿元", "86.42", "亿元"),
                        num("28.31亿元", "28.31", "亿元"), num("17.82万人", "17.82", "万人"),
                        num("186个", "186", "个"), num("5,015吨", "5015", "吨"), date("2024年3月28日", "2024-03-28")],
                 links=[link("gdp", "86.42", "亿元", "achieved"),
                        link("industry_value_added", "28.31", "亿元", "component"),
                        link("population", "17.82", "万人", "achieved"),
                        link("admin_village_count", "186", "个", "achieved"),
                        link("fertilizer_use", "5015", "吨", "achieved")],
                 note="OUT OF PERIOD: every figure is for 2023, the evaluation year is 2024")


def ndrc_files(ctx: Ctx) -> list[dict[str, Any]]:
    gbk = f"{NDRC}/三线一单生态环境分区管控落实情况说明.txt"
    text = ("青川县2024年“三线一单”生态环境分区管控落实情况说明\r\n\r\n"
            "    根据《广元市“三线一单”生态环境分区管控方案》，全县共划定环境管控单元23个，其中优先保护单元11个、"
            "重点管控单元7个、一般管控单元5个。2024年全县新入驻企业14家，均符合生态环境准入清单要求；"
            "否决不符合准入要求的项目2个。\r\n"
            "    特此说明。\r\n\r\n"
            "                                        青川县发展和改革局\r\n"
            "                                        二〇二四年十二月十八日\r\n")
    ctx.path(gbk).write_bytes(text.encode("gbk"))
    empty = f"{NDRC}/产业准入负面清单执行情况.xlsx"
    ctx.path(empty).write_bytes(b"")
    doc = f"{NDRC}/2024年度节能目标责任评价考核自查报告.doc"
    rng = random.Random("legacy-doc")
    ctx.path(doc).write_bytes(OLE_MAGIC + bytes(rng.randrange(256) for _ in range(8184)))
    return [
        entry(gbk, "text", "other", doc_date="2024-12-18", subtype="situation_statement",
              title="青川县2024年“三线一单”生态环境分区管控落实情况说明", note="GBK-encoded text, CRLF line ends",
              facts=[num("23个", "23", "个"), num("14家", "14", "家"), date("二〇二四年十二月十八日", "2024-12-18")],
              links=[link("three_lines_one_list", None, None, "achieved")]),
        entry(empty, "xlsx", None, status="error", error_category="empty"),
        entry(doc, "doc", None, status="error", error_category="needs_libreoffice",
              note="OLE magic + junk; with LibreOffice installed it would be reported corrupt"),
    ]


def build(ctx: Ctx) -> list[dict[str, Any]]:
    out = [agri_statistics(ctx), agri_draft_plan(ctx), manure(ctx), mine_acceptance(ctx), land(ctx),
           truncated_pdf(ctx), bulletin_2023(ctx)]
    out += ndrc_files(ctx)
    return out

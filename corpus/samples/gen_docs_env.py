"""Documents of 住建局, 城乡水务局, 综合行政执法局, 生态环境分局 and 应急管理局."""
from __future__ import annotations

import random
from typing import Any

from PIL import Image, ImageDraw

from gen_labels import Ctx, date, entry, link, num, period
from gen_office import write_docx
from gen_render import C, P, R, S, T, TB, Seal, jpeg_bytes, pil_font, write_text_pdf
from gen_scan import ScanPage, center, label_pages, left, para, render_scan, right, title
from gen_xlsx import MSW_MONTHLY, msw_ledger, wwtp_ledger

HOUSING = "3.住建局"
WATER = "5.城乡水务局"
ENV = "8.市生态环境局青川分局"
LAW = "9.综合行政执法局"
EMERG = "10.县应急管理局"
EXIF_ORIENTATION = 0x0112
EXIF_DATETIME = 0x0132


def sewage_plan(ctx: Ctx) -> dict[str, Any]:
    rel = f"{HOUSING}/青川县城镇生活污水处理提质增效三年行动实施方案（2023—2025年）.docx"
    write_docx(ctx.path(rel), [
        ("title", "青川县城镇生活污水处理提质增效三年行动实施方案（2023—2025年）"),
        ("para", "为深入贯彻落实省、市关于城镇生活污水处理提质增效工作的部署，加快补齐县城生活污水收集和处理设施短板，"
                 "结合我县实际，制定本方案。"),
        ("heading", "一、现状"),
        ("para", "2022年，县城污水处理厂设计处理规模1.0万m³/d，全年处理污水281.4万吨，县城生活污水集中处理率为93.1%，"
                 "老城区仍存在雨污合流、管网破损等问题。"),
        ("heading", "二、工作目标"),
        ("para", "到2025年，县城生活污水集中处理率达到95%以上，县城污水处理厂进水BOD5浓度达到100mg/L以上，"
                 "新建改造污水管网20公里，基本消除城中村、老旧城区和城乡结合部生活污水收集处理设施空白区。"),
        ("heading", "三、重点任务及分年度安排"),
        ("table", [["年度", "重点任务", "责任单位"],
                   ["2023年", "完成老城区管网排查，建立管网台账", "县住建局"],
                   ["2024年", "新建改造污水管网6.8公里，实施雨污分流改造", "县住建局、县城乡水务局"],
                   ["2025年", "县城生活污水集中处理率达到95%以上", "县城乡水务局"]]),
        ("heading", "四、保障措施"),
        ("para", "各责任单位要加强组织领导，落实资金保障，每季度将工作进展报送县住建局。"),
        ("right", "青川县住房和城乡建设局"), ("right", "2023年4月20日"),
    ])
    return entry(rel, "docx", "plan", doc_date="2023-04-20", subtype="plan_or_scheme",
                 title="青川县城镇生活污水处理提质增效三年行动实施方案（2023—2025年）",
                 facts=[period("2023—2025年", "2023-01-01", "2025-12-31"), num("93.1%", "93.1", "%"),
                        num("95%", "95", "%"), num("20公里", "20", "公里"), num("281.4万吨", "281.4", "万吨"),
                        date("2023年4月20日", "2023-04-20")],
                 links=[link("urban_sewage_treatment_rate", "95", "%", "target"),
                        link("sewage_pipe_length_new", "20", "公里", "target"),
                        link("urban_sewage_treatment_rate", "93.1", "%", "achieved")],
                 note="the 93.1% is the 2022 value (out of period); the 95% is a target, never corroboration")


def bad_housing_files(ctx: Ctx) -> list[dict[str, Any]]:
    rng = random.Random("corrupt-docx")
    corrupt = f"{HOUSING}/2024年城市污水管网改造工作总结.docx"
    ctx.path(corrupt).write_bytes(bytes(rng.randrange(256) for _ in range(6144)))
    dwg = f"{HOUSING}/县城污水管网布置图.dwg"
    ctx.path(dwg).write_bytes(b"AC1032\x00\x00\x00\x00\x00\x00" + bytes(rng.randrange(256) for _ in range(20000)))
    return [entry(corrupt, "docx", None, status="error", error_category="corrupt", note="random bytes"),
            entry(dwg, "unknown", None, status="error", error_category="unsupported", note="AutoCAD drawing")]


def wwtp(ctx: Ctx) -> dict[str, Any]:
    rel = f"{WATER}/县城污水处理厂2024年运行台账.xlsx"
    wwtp_ledger(ctx.path(rel))
    return entry(rel, "xlsx", "ledger", doc_date="2025-01-08", subtype="operation_ledger",
                 title="青川县城污水处理厂2024年运行台账",
                 facts=[num("315.00", "315.00", "万吨"), num("299.97", "299.97", "万吨"),
                        num("95.23%", "95.23", "%"), num("25.23", "25.23", "万吨"),
                        num("252300", "252300", "m³", page=2),
                        period("2024年", "2024-01-01", "2024-12-31"), date("2024-12-31", "2024-12-31"),
                        date("2025年1月8日", "2025-01-08")],
                 links=[link("urban_sewage_discharge_total", "315.00", "万吨", "achieved"),
                        link("urban_sewage_treated_compliant", "299.97", "万吨", "achieved"),
                        link("urban_sewage_treatment_rate", "95.23", "%", "achieved"),
                        link("wwtp_operation", None, None, "achieved")],
                 note="F17 is stored as 0.9523 with number format 0.00%; sheet 2 has daily m³ rows")


def plant_photo(ctx: Ctx) -> dict[str, Any]:
    """Site photo stored rotated with EXIF Orientation 6 (viewer must turn it 90° clockwise)."""
    rel = f"{WATER}/现场照片/IMG_20240816_094231.JPG"
    rng = random.Random("plant-photo")
    w, h = 1600, 1200
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):  # sky to ground gradient
        g = 200 - y // 12 if y < 640 else 110 + (y - 640) // 20
        d.line([(0, y), (w, y)], fill=(min(255, g - 40), min(255, g), min(255, g + 30)) if y < 640
               else (g - 20, g, g - 40))
    d.rectangle([120, 380, 620, 700], fill=(186, 182, 170))  # building
    d.rectangle([980, 500, 1480, 700], fill=(120, 130, 140))  # tank
    d.rectangle([330, 160, 1270, 580], fill=(24, 92, 168), outline=(240, 240, 240), width=8)  # sign board
    sign = ["青川县城污水处理厂", "设计处理规模：1.0万m³/d", "出水执行标准：一级A", "建成投运：2016年12月",
            "运营单位：青川县城乡水务集团有限公司"]
    sizes = [64, 42, 42, 36, 36]
    y = 190
    for text, size in zip(sign, sizes):
        f = pil_font(size)
        d.text(((w - f.getlength(text)) / 2, y), text, font=f, fill=(255, 255, 255))
        y += int(size * 1.6)
    for _ in range(3000):  # sensor noise
        x, yy = rng.randrange(w), rng.randrange(h)
        v = rng.randrange(-25, 25)
        r, g, b = img.getpixel((x, yy))
        img.putpixel((x, yy), (max(0, r + v), max(0, g + v), max(0, b + v)))
    mark = ["2024-08-16 09:42", "青川县乔庄镇 污水处理厂"]
    f = pil_font(40)
    d.text((40, h - 130), mark[0], font=f, fill=(255, 200, 0))
    d.text((40, h - 75), mark[1], font=f, fill=(255, 200, 0))
    stored = img.rotate(90, expand=True)  # counter-clockwise: Orientation 6 turns it back
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    exif[EXIF_DATETIME] = "2024:08:16 09:42:31"
    exif[0x010F] = "HUAWEI"
    ctx.path(rel).write_bytes(jpeg_bytes(stored, 85, exif))
    text = "\n".join(sign + mark)
    return entry(rel, "image", "other", scanned=True, doc_date="2024-08-16", subtype="photo",
                 pages=[{"page": 1, "text": text, "exif_orientation": 6}],
                 title="污水处理厂现场照片",
                 facts=[num("1.0万m³/d", "1.0", "万m³/d"), date("2024-08-16", "2024-08-16"),
                        period("2016年12月", "2016-12-01", "2016-12-31")],
                 links=[link("wwtp_operation", None, None, "achieved")])


def preliminary_acceptance(ctx: Ctx) -> dict[str, Any]:
    rel = f"{WATER}/2023年度坡耕地水土流失综合治理工程初步验收意见.pdf"
    write_text_pdf(ctx.path(rel), [
        T("青川县2023年度坡耕地水土流失综合治理工程初步验收意见"),
        P("2024年5月20日，青川县城乡水务局组织设计、施工、监理单位及特邀专家组成初步验收工作组，"
          "对青川县2023年度坡耕地水土流失综合治理工程进行了初步验收。工作组查看了工程现场，听取了建设管理、"
          "设计、施工、监理等单位的工作汇报，查阅了有关资料。"),
        P("一、工程概况：工程涉及沙州镇、房石镇2个镇8个行政村，批复治理水土流失面积12.6平方公里，"
          "建设坡改梯1,860亩、水保林2,450亩，批复总投资980万元。"),
        P("二、存在问题：部分田间道路排水沟尚未完工，工程结算和档案整理工作尚未完成。"),
        P("三、初步验收结论：工作组同意该工程通过初步验收。建设单位应于2024年12月底前完成剩余工程和档案整理，"
          "具备条件后申请竣工验收。"),
        TB([["姓名", "单位", "职务/职称"], ["何光明", "青川县城乡水务局", "副局长"],
            ["苏婷", "广元市水利规划设计院", "高级工程师"], ["邓川", "四川川信监理有限公司", "总监"]], [30, 70, 40]),
        R("青川县2023年度坡耕地水土流失综合治理工程初步验收工作组"), R("2024年5月20日"),
    ], title="初步验收意见")
    return entry(rel, "pdf", "acceptance_report", doc_date="2024-05-20", subtype="preliminary_acceptance",
                 title="青川县2023年度坡耕地水土流失综合治理工程初步验收意见",
                 facts=[date("2024年5月20日", "2024-05-20"), num("12.6平方公里", "12.6", "平方公里"),
                        num("1,860亩", "1860", "亩"), num("980万元", "980", "万元")],
                 links=[link("soil_erosion_area", "12.6", "平方公里", "component")],
                 note="初步验收 only (not 竣工验收): must not count as an accepted restoration project")


def msw(ctx: Ctx) -> dict[str, Any]:
    rel = f"{LAW}/2024年生活垃圾清运台账.xlsx"
    msw_ledger(ctx.path(rel))
    total = sum(MSW_MONTHLY)
    return entry(rel, "xlsx", "ledger", subtype="operation_ledger", doc_date="2025-01-07",
                 title="青川县2024年城镇生活垃圾清运及无害化处理台账",
                 facts=[num(str(total), str(total), "吨"), num("100%", "100", "%"),
                        num("2720", "2720", "吨", page=2), period("2024年1月", "2024-01-01", "2024-01-31"),
                        date("2024-12-01", "2024-12-01", page=2)],
                 links=[link("msw_generated", str(total), "吨", "achieved"),
                        link("msw_harmless_treated", str(total), "吨", "achieved"),
                        link("urban_msw_harmless_rate", "100", "%", "achieved")],
                 note="UNIT TRAP: 32000 吨 here vs 3.2 万吨 submitted")


def leachate_report(ctx: Ctx) -> dict[str, Any]:
    """A '.pdf' that is really a JPEG scan (mislabelled extension)."""
    rel = f"{LAW}/垃圾填埋场渗滤液检测报告.pdf"
    date_line = "2024年7月26日"
    lines = [title("检测报告"), center("报告编号：SHJC-2024-W0718"), center("")]
    lines += para("委托单位：青川县综合行政执法局")
    lines += para("项目名称：青川县生活垃圾卫生填埋场渗滤液处理站出水检测")
    lines += para("采样日期：2024年7月18日    样品类别：废水")
    lines += [center("")]
    lines += para("检测结论：所检项目均符合《生活垃圾填埋场污染控制标准》（GB 16889-2008）表2排放限值要求。")
    lines += [center(""), left("编制：廖敏    审核：唐静    批准：郭勇"), center(""),
              right("四川蜀衡检测技术有限公司"), right(date_line)]
    rows = (("检测项目", "检测结果", "标准限值", "单位"), ("化学需氧量", "68", "100", "mg/L"),
            ("氨氮", "12.4", "25", "mg/L"), ("总氮", "31.6", "40", "mg/L"), ("pH值", "7.6", "6-9", "无量纲"))
    page = ScanPage(tuple(lines), table=(9, rows, (380, 300, 300, 260)), seal=Seal("四川蜀衡检测技术有限公司",
                    "检验检测专用章"), seal_on=date_line)
    img = render_scan(page, ctx.rng)
    ctx.path(rel).write_bytes(jpeg_bytes(img, 60))
    return entry(rel, "image", "monitoring_report", scanned=True, doc_date="2024-07-26", seal_pages=[1],
                 pages=label_pages([page]), title="检测报告（渗滤液）",
                 facts=[date("2024年7月18日", "2024-07-18"), date(date_line, "2024-07-26"),
                        num("68", "68", "mg/L"), num("12.4", "12.4", "mg/L")],
                 links=[link("msw_facility_operation", None, None, "achieved")],
                 note="extension .pdf but the bytes are a JPEG: must be read as an image")


AIR_DATE = "2024年10月15日"


def air_summary(ctx: Ctx) -> dict[str, Any]:
    """TIFF scan of the air-quality summary; deliberately NOT sealed (scans_sealed must flag it)."""
    rel = f"{ENV}/2024年度环境空气质量监测结果（摘要）.tif"
    lines = [title("青川县环境空气质量监测结果报告（摘要）"), center("报告编号：QCJC-2024-0187"), center("")]
    lines += para("监测时段：2023年10月1日至2024年9月30日")
    lines += para("监测点位：县城空气自动监测站（乔庄镇）")
    lines += para("监测结果：有效监测天数362天，其中优良天数343天。")
    lines += para("环境空气质量优良率为94.75%，各污染物年评价值如下：")
    lines += [center(""), left("编制：罗晓    审核：何平    批准：吴振宇"), center(""),
              right("青川县环境监测站"), right(AIR_DATE)]
    rows = (("项目", "年评价值", "单位", "二级标准"), ("PM2.5", "24", "μg/m³", "35"), ("PM10", "41", "μg/m³", "70"),
            ("SO2", "8", "μg/m³", "60"), ("NO2", "15", "μg/m³", "40"), ("CO（第95百分位）", "1.1", "mg/m³", "4"),
            ("O3（第90百分位）", "126", "μg/m³", "160"))
    nrow = sum(1 for ln in lines[:-5])
    page = ScanPage(tuple(lines), table=(nrow, rows, (420, 260, 260, 260)))
    img = render_scan(page, ctx.rng).convert("L")
    img.save(ctx.path(rel), "TIFF", compression="tiff_deflate", dpi=(200, 200))
    return entry(rel, "image", "monitoring_report", scanned=True, doc_date="2024-10-15", seal_pages=[],
                 pages=label_pages([page]), title="青川县环境空气质量监测结果报告（摘要）",
                 facts=[period("2023年10月1日至2024年9月30日", "2023-10-01", "2024-09-30"),
                        num("362天", "362", "天"), num("343天", "343", "天"), num("94.75%", "94.75", "%"),
                        num("24", "24", "μg/m³"), num("1.1", "1.1", "mg/m³"), date(AIR_DATE, "2024-10-15")],
                 links=[link("air_valid_days", "362", "天", "achieved"),
                        link("air_good_days", "343", "天", "achieved"),
                        link("air_good_days_ratio", "94.75", "%", "achieved"),
                        link("air_pollutant_concentration", "24", "μg/m³", "achieved")],
                 note="scan without any seal: a monitoring report missing its 检验检测专用章")


def budget_approval(ctx: Ctx) -> dict[str, Any]:
    rel = f"{ENV}/2024年部门预算批复（青财预〔2024〕3号）.pdf"
    write_text_pdf(ctx.path(rel), [
        C("青财预〔2024〕3号"), T("青川县财政局关于批复市生态环境局青川分局2024年部门预算的通知"),
        P("市生态环境局青川分局："),
        P("根据县第十八届人民代表大会第四次会议审议通过的2024年县级预算，现将你单位2024年部门预算批复如下，"
          "请严格按照批复的预算执行。"),
        R("金额单位：元"),
        TB([["科目编码", "科目名称", "金额"],
            ["2110101", "行政运行", "1,865,400.00"],
            ["2110301", "环境监测与信息", "35,000.00"],
            ["2119999", "其他节能环保支出（县域生态环境质量考核工作经费）", "120,000.00"],
            ["", "合计", "2,020,400.00"]], [30, 95, 35]),
        R("青川县财政局"), R("二〇二四年二月二日"),
    ], title="部门预算批复")
    return entry(rel, "pdf", "budget_document", doc_date="2024-02-02", subtype="budget_approval",
                 title="青川县财政局关于批复市生态环境局青川分局2024年部门预算的通知",
                 facts=[num("120,000.00", "120000.00", "元"), num("35,000.00", "35000.00", "元"),
                        num("2,020,400.00", "2020400.00", "元"), date("二〇二四年二月二日", "2024-02-02")],
                 links=[link("assessment_funding", "120000.00", "元", "achieved"),
                        link("assessment_funding", "35000.00", "元", "component")],
                 note="amounts in 元 under a 金额单位：元 caption")


def self_check_report(ctx: Ctx) -> dict[str, Any]:
    rel = f"{ENV}/青川县2024年县域生态环境质量监测与评价自查报告.pdf"
    write_text_pdf(ctx.path(rel), [
        T("青川县2024年国家重点生态功能区县域生态环境质量监测与评价自查报告"),
        S("一、县域基本情况"),
        P("青川县位于四川省北部，县域国土面积3216.5平方公里，辖8个镇、3个乡，属水源涵养型国家重点生态功能区。"),
        S("二、工作组织情况"),
        P("县委常委会、县政府常务会议多次专题研究部署生态环境保护工作；县政府办公室印发了年度实施方案，调整了工作"
          "领导小组；县财政局批复考核工作经费12万元（青财预[2024]3号），已于4月拨付到位。"),
        S("三、生态环境质量状况"),
        P("2023年10月至2024年9月，县城空气质量优良天数比例为94.75%，PM2.5年均浓度24微克/立方米，"
          "县域地表水考核断面水质均达到或优于Ⅲ类。"),
        S("四、主要工作措施"),
        P("县城生活污水集中处理率达到95.23%；全年清运城镇生活垃圾3.2万吨，无害化处理率100%；规模养殖场畜禽粪污"
          "综合利用率91.03%；完成白龙湖流域历史遗留废弃矿山生态修复86.5公顷。"),
        S("五、存在问题"),
        P("部分部门统计数据口径不一致，个别基础数据仍沿用上年统计公报数据，下一步将加强数据审核。"),
        R("市生态环境局青川分局"), R("2025年1月15日"),
    ], title="自查报告")
    return entry(rel, "pdf", "other", doc_date="2025-01-15", subtype="self_check_report",
                 title="青川县2024年国家重点生态功能区县域生态环境质量监测与评价自查报告",
                 facts=[num("3216.5平方公里", "3216.5", "平方公里"), num("12万元", "12", "万元"),
                        num("94.75%", "94.75", "%"), num("95.23%", "95.23", "%"), num("3.2万吨", "3.2", "万吨"),
                        period("2023年10月至2024年9月", "2023-10-01", "2024-09-30"),
                        date("2025年1月15日", "2025-01-15")],
                 links=[link("em_management", None, None, "achieved"),
                        link("data_quality", None, None, "achieved")],
                 note="the audited document itself: its figures repeat the filing and corroborate nothing; "
                      "cites 青财预[2024]3号 with square brackets")


def duplicate_resolution(ctx: Ctx, original: str) -> dict[str, Any]:
    rel = f"{ENV}/汇总材料/人大预算决议（财政局转来）.pdf"
    ctx.path(rel).write_bytes((ctx.root / original).read_bytes())
    return entry(rel, "pdf", "budget_document", status="duplicate", duplicate_of=original, doc_date="2024-01-18",
                 subtype="npc_budget_resolution")


def no_incident_statement(ctx: Ctx) -> dict[str, Any]:
    rel = f"{EMERG}/关于2024年度未发生突发环境事件的情况说明.txt"
    text = ("关于青川县2024年度未发生突发环境事件的情况说明\n\n"
            "市生态环境局青川分局：\n"
            "    根据国家重点生态功能区县域生态环境质量监测与评价工作要求，经我局会同有关部门核查，"
            "2024年1月1日至12月31日，青川县行政区域内未发生突发环境事件，未发生因人为因素引发的生态破坏事件，"
            "全年共受理生态环境类信访举报27件，已全部办结。\n"
            "    特此说明。\n\n"
            "                                        青川县应急管理局\n"
            "                                        2025年1月6日\n")
    ctx.path(rel).write_text(text, encoding="utf-8")
    return entry(rel, "text", "other", doc_date="2025-01-06", subtype="situation_statement",
                 title="关于青川县2024年度未发生突发环境事件的情况说明",
                 facts=[period("2024年1月1日至12月31日", "2024-01-01", "2024-12-31"), num("27件", "27", "件"),
                        date("2025年1月6日", "2025-01-06")],
                 links=[link("sudden_env_incidents", "0", "起", "achieved")],
                 note="an explained negative (no incident), not corroboration of a number")


def build(ctx: Ctx, resolution: str) -> list[dict[str, Any]]:
    out = [sewage_plan(ctx)]
    out += bad_housing_files(ctx)
    out += [wwtp(ctx), plant_photo(ctx), preliminary_acceptance(ctx), msw(ctx), leachate_report(ctx),
            air_summary(ctx), budget_approval(ctx), self_check_report(ctx), duplicate_resolution(ctx, resolution),
            no_incident_statement(ctx)]
    return out


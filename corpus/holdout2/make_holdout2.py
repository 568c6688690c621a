#!/usr/bin/env python3
"""Generate the 黔岭县 2024 holdout-2 package (deterministic). Run: .venv/bin/python corpus/holdout2/make_holdout2.py

Written independently of corpus/samples and corpus/holdout generators; only the labels.json schema is shared.
Labels are written by hand in labels.json (decided from the document texts below, before running ecoaudit).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import shutil
import zipfile
from decimal import Decimal as D, ROUND_HALF_UP
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
PKG = HERE / "package"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
pdfmetrics.registerFont(TTFont("ZH", FONT, subfontIndex=0))
FIXED = (2025, 2, 10, 9, 30, 0)
FIXED_DT = dt.datetime(2025, 2, 10, 9, 30, 0)
RNG = random.Random(20240517)


# ----------------------------------------------------------------------------------------------- helpers
def normalize_zip(path: Path) -> None:
    """Rewrite an OOXML/zip file with fixed timestamps so the output is byte-stable."""
    with zipfile.ZipFile(path) as zf:
        items = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


class Pdf:
    """Tiny flowing-text PDF writer on a reportlab canvas (A4, CJK font, manual wrapping)."""

    def __init__(self, path: Path, title: str):
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        self.c.setTitle(title)
        self.w, self.h = A4
        self.x0, self.x1 = 72, self.w - 72
        self.y = self.h - 80

    def _need(self, dy: float) -> None:
        if self.y - dy < 70:
            self.c.showPage()
            self.y = self.h - 80

    def title(self, text: str, size: int = 18, red: bool = False) -> None:
        self._need(size + 14)
        self.c.setFont("ZH", size)
        if red:
            self.c.setFillColorRGB(0.8, 0.05, 0.05)
        self.c.drawCentredString(self.w / 2, self.y, text)
        self.c.setFillColorRGB(0, 0, 0)
        self.y -= size + 14

    def rule(self, red: bool = True) -> None:
        self.c.setStrokeColorRGB(0.8, 0.05, 0.05) if red else self.c.setStrokeColorRGB(0, 0, 0)
        self.c.setLineWidth(1.5)
        self.c.line(self.x0, self.y + 6, self.x1, self.y + 6)
        self.c.setStrokeColorRGB(0, 0, 0)
        self.c.setLineWidth(0.6)
        self.y -= 12

    def para(self, text: str, size: float = 12, indent: bool = True, gap: float = 6) -> None:
        self.c.setFont("ZH", size)
        width = self.x1 - self.x0
        line, first = "", True
        lines = []
        prefix = "\u3000\u3000" if indent else ""
        buf = prefix + text
        for ch in buf:
            if pdfmetrics.stringWidth(line + ch, "ZH", size) > width:
                lines.append(line)
                line = ch
            else:
                line += ch
        if line:
            lines.append(line)
        for ln in lines:
            self._need(size + 6)
            self.c.drawString(self.x0, self.y, ln)
            self.y -= size + 6
        self.y -= gap

    def right(self, text: str, size: float = 12) -> None:
        self._need(size + 6)
        self.c.setFont("ZH", size)
        self.c.drawRightString(self.x1 - 20, self.y, text)
        self.y -= size + 8

    def table(self, rows: list[list[str]], widths: list[float], size: float = 10.5) -> None:
        total = sum(widths)
        scale = (self.x1 - self.x0) / total
        widths = [w * scale for w in widths]
        rh = size + 10
        self.c.setFont("ZH", size)
        for r, row in enumerate(rows):
            self._need(rh)
            x = self.x0
            for cell, w in zip(row, widths):
                self.c.rect(x, self.y - rh + size + 2, w, rh, stroke=1, fill=0)
                self.c.drawCentredString(x + w / 2, self.y - 2, cell)
                x += w
            self.y -= rh
        self.y -= 8

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def docx_new():
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "仿宋"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    cp = d.core_properties
    cp.author = "Administrator"
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.last_modified_by = "Administrator"
    return d


def docx_center(d, text: str, size: int = 16, bold: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    r.bold = bold
    r.font.size = Pt(size)


def docx_right(d, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = d.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def docx_save(d, path: Path) -> None:
    d.save(str(path))
    normalize_zip(path)


def wb_new():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    return wb


def wb_save(wb, path: Path) -> None:
    wb.save(str(path))
    normalize_zip(path)


# ----------------------------------------------------------------------------------------------- 01 县委办
def minutes_q1(dirp: Path) -> None:
    p = Pdf(dirp / "中共黔岭县委常委会会议纪要（2024年第4次）.pdf", "县委常委会会议纪要")
    p.title("中共黔岭县委常委会会议纪要", 20, red=True)
    p.right("2024年第4次")
    p.rule()
    p.para("2024年3月5日上午，县委书记杨光明同志在县委常委会议室主持召开县委常委会2024年第4次会议。"
           "县委常委出席，县人大常委会、县政协主要负责同志，县人民政府分管副县长及县直有关部门主要负责同志列席。"
           "现将会议议定事项纪要如下：")
    p.para("一、听取了铜江市生态环境局黔岭分局关于2023年度国家重点生态功能区县域生态环境质量监测评价与考核情况的汇报。"
           "会议指出，我县是武陵山区水源涵养型国家重点生态功能区，守好发展和生态两条底线是全县上下的政治责任。")
    p.para("二、研究部署2024年生态环境保护工作。会议要求，各乡镇、各部门要严格落实生态环境保护“党政同责、一岗双责”，"
           "持续打好蓝天、碧水、净土保卫战，确保县域生态环境质量只能变好、不能变差。")
    p.para("三、会议同意由县财政安排2024年县域生态环境质量考核工作经费18万元，专款专用，"
           "由县生态环境分局按程序组织实施监测与自查工作。")
    p.para("四、会议要求县住建局加快推进县城污水处理厂提标改造，县农业农村局抓好农村人居环境整治提升，"
           "县水务局做好锦溪河小流域水土保持综合治理工程建设。")
    p.para("出席：杨光明 吴德胜 罗小平 龙建国 石秀英 田茂林 张朝阳", indent=False)
    p.para("列席：县人大常委会、县政协有关负责同志，县生态环境分局、县财政局、县住建局、县农业农村局、县水务局、县林业局主要负责同志",
           indent=False)
    p.rule(red=False)
    p.para("中共黔岭县委办公室                        2024年3月7日印发", indent=False)
    p.save()


def minutes_q3(dirp: Path) -> None:
    d = docx_new()
    docx_center(d, "黔岭县人民政府常务会议纪要", 20)
    docx_center(d, "〔2024〕23号", 12, bold=False)
    docx_right(d, "黔岭县人民政府办公室　2024.8.26")
    d.add_paragraph("8月22日下午，县长吴德胜主持召开县人民政府第二十三次常务会议，研究生态环境保护等工作。"
                    "副县长罗小平、石秀英、田茂林出席，县政府办、县生态环境分局、县住建局、县水务局、县林业局负责同志列席。"
                    "纪要如下：")
    d.add_paragraph("一、听取县住建局关于县城污水处理厂运行及提标改造情况的汇报。1—7月，县城污水处理厂累计处理生活污水"
                    "325.6万吨，出水稳定达到一级A标准。会议要求抓紧完成老城区雨污分流改造，提高污水收集率。")
    d.add_paragraph("二、听取县生态环境分局关于中央生态环境保护督察反馈问题整改情况的汇报。"
                    "会议强调，对尚未销号的问题要逐项明确责任人和完成时限，9月底前全部完成整改。")
    d.add_paragraph("三、研究了锦溪河小流域水土保持综合治理工程建设进度，要求县水务局11月底前组织竣工验收。")
    d.add_paragraph("四、会议原则同意县林业局提出的2024年森林防火和松材线虫病防控工作方案。")
    d.add_paragraph("参加：吴德胜 罗小平 石秀英 田茂林")
    d.add_paragraph("记录：潘晓雯")
    docx_save(d, dirp / "县人民政府第二十三次常务会议纪要.docx")


def minutes_q4(dirp: Path) -> None:
    p = Pdf(dirp / "县生态环境保护委员会2024年第四次全体会议纪要.pdf", "县生态环境保护委员会会议纪要")
    p.title("黔岭县生态环境保护委员会", 18)
    p.title("2024年第四次全体会议纪要", 16)
    p.rule()
    p.para("二〇二四年十二月十日，县委书记、县生态环境保护委员会主任杨光明，县长、县生态环境保护委员会主任吴德胜"
           "共同主持召开县生态环境保护委员会2024年第四次全体会议，委员会全体成员参加。")
    p.para("会议通报了2024年全县环境质量状况：1至11月县城环境空气质量优良天数比例保持在全市前列，"
           "锦溪河、龙塘河等主要河流出境断面水质稳定达标。")
    p.para("会议安排部署了2024年度县域生态环境质量监测评价与考核自查工作，要求各成员单位于2025年1月15日前"
           "将佐证材料报送县生态环境分局，确保数据真实、准确、可追溯。")
    p.para("会议还研究了冬春季秸秆禁烧、森林防火和农村生活垃圾收运处置等工作。")
    p.right("黔岭县生态环境保护委员会办公室")
    p.right("二〇二四年十二月十二日")
    p.save()


def draft_plan(dirp: Path) -> None:
    d = docx_new()
    docx_center(d, "黔岭县2024年度国家重点生态功能区县域生态环境质量监测评价与考核工作实施方案", 16)
    docx_center(d, "（征求意见稿）", 14, bold=False)
    d.add_paragraph("为做好2024年度县域生态环境质量监测评价与考核工作，结合我县实际，制定本方案。")
    d.add_paragraph("一、工作目标")
    d.add_paragraph("2024年，全县环境空气质量优良天数比例稳定在97%以上，地表水达到或优于Ⅲ类水质比例保持100%，"
                    "城镇生活污水集中处理率达到95%以上，农村生活污水治理率达到35%，森林覆盖率稳定在63%以上。")
    d.add_paragraph("二、组织机构")
    d.add_paragraph("成立县域生态环境质量考核工作领导小组，县长任组长，分管副县长任副组长，"
                    "领导小组办公室设在县生态环境分局，负责日常工作。")
    d.add_paragraph("三、职责分工")
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, ("责任单位", "负责指标", "报送时限")):
        c.text = h
    for row in (("县财政局", "生态环境保护与治理支出、考核工作经费", "2025年1月15日前"),
                ("县住建局", "城镇生活污水集中处理率、生活垃圾无害化处理率", "2025年1月15日前"),
                ("县农业农村局", "农村环境整治、农村改厕、农村生活污水治理", "2025年1月15日前"),
                ("县水务局", "水土流失治理、乡镇水源地保护", "2025年1月15日前"),
                ("县林业局", "森林覆盖率、自然保护地", "2025年1月15日前")):
        cells = t.add_row().cells
        for c, v in zip(cells, row):
            c.text = v
    d.add_paragraph("四、工作要求：各单位对报送数据的真实性负责，严禁弄虚作假。")
    docx_right(d, "黔岭县人民政府办公室")
    docx_right(d, "2024年4月2日")
    docx_save(d, dirp / "黔岭县2024年度县域生态环境质量考核工作实施方案（征求意见稿）.docx")


# ----------------------------------------------------------------------------------------------- 02 财政局
FIN_ROWS = [  # 科目编码, 科目名称, 上年决算数, 本年决算数 (万元)
    ("201", "一般公共服务支出", "31420.18", "32876.45"),
    ("205", "教育支出", "62815.40", "65402.13"),
    ("208", "社会保障和就业支出", "38906.77", "40115.62"),
    ("210", "卫生健康支出", "27334.09", "28460.51"),
    ("211", "节能环保支出", "14286.55", "15904.37"),
    ("212", "城乡社区支出", "21470.32", "22018.94"),
    ("213", "农林水支出", "58902.66", "61337.20"),
]
FIN_TOTAL = (D("286431.50"), D("301257.86"))


def finance_xlsx(dirp: Path) -> None:
    from openpyxl.styles import Alignment, Font

    wb = wb_new()
    ws = wb.active
    ws.title = "决算表"
    ws.merge_cells("A1:E1")
    ws["A1"] = "黔岭县2024年一般公共预算支出决算表"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "编制单位：黔岭县财政局"
    ws["E2"] = "单位：万元"
    ws.append(["科目编码", "科目名称", "上年决算数", "本年决算数", "本年比上年增减%"])
    rows = [(a, b, D(c), D(e)) for a, b, c, e in FIN_ROWS]
    other = (FIN_TOTAL[0] - sum(r[2] for r in rows), FIN_TOTAL[1] - sum(r[3] for r in rows))
    assert other[0] > 0 and other[1] > 0
    rows.append(("", "其他各项支出", other[0], other[1]))
    for code, name, last, cur in rows:
        pct = ((cur - last) / last * 100).quantize(D("0.01"), ROUND_HALF_UP)
        ws.append([code, name, float(last), float(cur), float(pct)])
    pct = ((FIN_TOTAL[1] - FIN_TOTAL[0]) / FIN_TOTAL[0] * 100).quantize(D("0.01"), ROUND_HALF_UP)
    ws.append(["", "一般公共预算支出合计", float(FIN_TOTAL[0]), float(FIN_TOTAL[1]), float(pct)])
    for row in ws.iter_rows(min_row=4, min_col=3, max_col=4):
        for c in row:
            c.number_format = "#,##0.00"
    last = ws.max_row
    ws.cell(row=last + 2, column=1, value="单位负责人：陈志远    复核：龙芳    制表：刘婷    填报日期：2025.3.18")
    for col, w in zip("ABCDE", (10, 26, 16, 16, 16)):
        ws.column_dimensions[col].width = w
    wb_save(wb, dirp / "2024年一般公共预算支出决算表.xlsx")


def npc_resolution(dirp: Path) -> None:
    p = Pdf(dirp / "县人大关于2023年预算执行情况和2024年预算的决议.pdf", "人大决议")
    p.title("黔岭县第十八届人民代表大会第三次会议", 16)
    p.title("关于黔岭县2023年全县和县本级预算执行情况", 16)
    p.title("与2024年全县和县本级预算的决议", 16)
    p.para("（2024年1月18日黔岭县第十八届人民代表大会第三次会议通过）", indent=False)
    p.para("黔岭县第十八届人民代表大会第三次会议审查了县人民政府提出的《关于黔岭县2023年全县和县本级预算执行情况"
           "与2024年全县和县本级预算草案的报告》及2024年全县和县本级预算草案，同意县人民代表大会财政经济委员会的审查结果报告。"
           "会议决定，批准2024年全县和县本级预算。")
    p.para("2024年全县一般公共预算支出安排29.80亿元，其中节能环保支出安排1.45亿元，"
           "重点保障污染防治攻坚、生态保护修复和县域生态环境质量考核等支出。")
    p.para("会议要求，县人民政府要坚持过紧日子，严格预算执行，加强重点生态功能区转移支付资金管理，"
           "主动接受县人大及其常委会的监督。")
    p.save()


def render_scan(lines: list[tuple[str, int, int, int]], size: tuple[int, int], seal_at: tuple[int, int],
                seal_text: str, angle: float) -> Image.Image:
    """Render a paper page at ~150 dpi: text, red seal, slight rotation, noise, JPEG-like blur."""
    img = Image.new("RGB", size, (246, 244, 238))
    dr = ImageDraw.Draw(img)
    for text, x, y, fs in lines:
        dr.text((x, y), text, fill=(28, 28, 30), font=ImageFont.truetype(FONT, fs))
    # table frame for the voucher body
    dr.rectangle((60, 150, size[0] - 60, size[1] - 150), outline=(60, 60, 60), width=2)
    # red seal (overlay, semi transparent)
    seal = Image.new("RGBA", size, (0, 0, 0, 0))
    sd = ImageDraw.Draw(seal)
    cx, cy = seal_at
    r = 95
    sd.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(205, 30, 35, 190), width=7)
    sfont = ImageFont.truetype(FONT, 22)
    n = len(seal_text)
    for i, ch in enumerate(seal_text):
        a = math.radians(200 + i * (140 / max(n - 1, 1)))
        x = cx + (r - 30) * math.cos(a)
        y = cy + (r - 30) * math.sin(a)
        sd.text((x - 11, y - 11), ch, fill=(205, 30, 35, 190), font=sfont)
    star = [(cx + 28 * math.cos(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.4),
             cy + 28 * math.sin(math.radians(-90 + k * 36)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    sd.polygon(star, fill=(205, 30, 35, 190))
    sd.text((cx - 44, cy + 36), "财务专用章", fill=(205, 30, 35, 190), font=ImageFont.truetype(FONT, 18))
    img = Image.alpha_composite(img.convert("RGBA"), seal).convert("RGB")
    # noise specks
    px = img.load()
    for _ in range(2500):
        x, y = RNG.randrange(size[0]), RNG.randrange(size[1])
        g = RNG.randrange(120, 200)
        px[x, y] = (g, g, g)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(250, 250, 250))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def voucher_scan(dirp: Path) -> None:
    W, H = 1240, 900  # ~150 dpi, about 21 x 15 cm
    L = [
        ("黔岭县财政国库集中支付凭证", 400, 70, 34),
        ("支付日期：2024年05月14日", 80, 170, 24), ("凭证号：QL2024-0514-0213", 720, 170, 24),
        ("预算单位：铜江市生态环境局黔岭分局", 80, 225, 24),
        ("功能分类科目：2110299 其他环境监测与监察支出", 80, 280, 24),
        ("经济分类科目：30227 委托业务费", 80, 335, 24),
        ("收款人全称：黔岭县生态环境监测站", 80, 390, 24),
        ("用途：2024年县域生态环境质量监测评价与考核工作经费", 80, 445, 24),
        ("金额（小写）：¥180,000.00", 80, 510, 26),
        ("金额（大写）：人民币壹拾捌万元整", 80, 570, 26),
        ("支付方式：直接支付", 80, 630, 24),
        ("经办人：龙芳      复核：陈志远", 80, 700, 24),
    ]
    img = render_scan(L, (W, H), seal_at=(560, 545), seal_text="黔岭县财政局国库集中支付中心", angle=1.3)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=72)
    buf.seek(0)
    path = dirp / "考核工作经费支付凭证（扫描件）.pdf"
    pw, ph = img.size[0] * 72 / 150, img.size[1] * 72 / 150
    c = canvas.Canvas(str(path), pagesize=(pw, ph), invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, pw, ph)
    c.showPage()
    c.save()


# ----------------------------------------------------------------------------------------------- 03 住建局
SEWAGE_IN = [468200, 441500, 479800, 486300, 502600, 521900, 530400, 527100, 498700, 481200, 461900]
SEWAGE_TOTAL = 5862400
COMPLIANT_TOTAL = 5571300


def sewage_monthly() -> list[tuple[int, int]]:
    col = SEWAGE_IN + [SEWAGE_TOTAL - sum(SEWAGE_IN)]
    ratios = [0.947, 0.951, 0.949, 0.952, 0.948, 0.953, 0.950, 0.951, 0.949, 0.952, 0.950]
    comp = [int(round(c * r / 10) * 10) for c, r in zip(col, ratios)]
    comp.append(COMPLIANT_TOTAL - sum(comp))
    assert 0.93 < comp[-1] / col[-1] < 0.97, comp[-1] / col[-1]
    return list(zip(col, comp))


def sewage_ledger(dirp: Path) -> None:
    from openpyxl.styles import Alignment, Font

    wb = wb_new()
    ws = wb.active
    ws.title = "2024年"
    ws.merge_cells("A1:F1")
    ws["A1"] = "黔岭县县城污水处理厂2024年运行台账"
    ws["A1"].font = Font(size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "统计期间：2024.1.1—2024.12.31"
    ws["D2"] = "设计规模：2万吨/日"
    ws.append(["月份", "污水收集量（吨）", "达标排放量（吨）", "出水COD均值（mg/L）", "出水氨氮均值（mg/L）", "运行天数"])
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    cods = [18.6, 19.2, 17.9, 16.8, 15.4, 14.9, 15.2, 14.7, 15.8, 16.3, 17.5, 18.1]
    nh3 = [1.21, 1.35, 1.08, 0.96, 0.82, 0.74, 0.71, 0.69, 0.77, 0.85, 0.98, 1.12]
    for m, ((a, b), d_, cod, n) in enumerate(zip(sewage_monthly(), days, cods, nh3), start=1):
        ws.append([f"{m}月", a, b, cod, n, d_])
    ws.append(["合计", SEWAGE_TOTAL, COMPLIANT_TOTAL, None, None, sum(days)])
    ws.cell(row=ws.max_row + 2, column=1, value="制表：潘晓雯　审核：王建华　2025年1月6日")
    for col, w in zip("ABCDEF", (8, 18, 18, 20, 20, 10)):
        ws.column_dimensions[col].width = w
    for row in ws.iter_rows(min_row=4, min_col=2, max_col=3):
        for c in row:
            c.number_format = "#,##0"
    wb_save(wb, dirp / "县城污水处理厂2024年运行台账.xlsx")


# ----------------------------------------------------------------------------------------------- 04 农业农村局
def rural_summary(dirp: Path) -> None:
    d = docx_new()
    docx_center(d, "黔岭县农业农村局", 16)
    docx_center(d, "关于2024年农村人居环境整治提升工作情况的总结", 16)
    d.add_paragraph("县人民政府：")
    d.add_paragraph("2024年，我局在县委、县政府的坚强领导下，以农村厕所革命、生活污水和生活垃圾治理、村容村貌提升为重点，"
                    "扎实推进农村人居环境整治提升。现将有关情况总结如下。")
    d.add_paragraph("一、农村环境整治。市里下达我县年度农村环境整治任务二十个行政村，我局会同县生态环境分局、各乡镇"
                    "倒排工期、挂图作战，截至十二月底，已完成十八个行政村的环境整治，剩余两个村因项目用地调整顺延至2025年实施。")
    d.add_paragraph("二、农村厕所革命。全年新（改）建农村卫生户厕1.26万户，建设农村公厕42座，"
                    "“首厕过关制”落实率100%，问题厕所全部完成整改。")
    d.add_paragraph("三、生活垃圾治理。全面推行“户分类、村收集、镇转运、县处理”模式，"
                    "新增垃圾收集亭310个、转运车辆12台。")
    d.add_paragraph("四、存在问题。部分村庄污水管网建设滞后，管护资金不足，群众参与积极性有待提高。")
    d.add_paragraph("五、下一步打算。2025年将统筹整合资金约三千万元，继续推进农村生活污水治理和村庄清洁行动。")
    docx_right(d, "黔岭县农业农村局")
    docx_right(d, "二〇二五年一月八日")
    docx_save(d, dirp / "2024年农村人居环境整治提升工作总结.docx")


def rural_sewage_plan(dirp: Path) -> None:
    p = Pdf(dirp / "黔岭县农村生活污水治理三年行动方案（2023—2025年）.pdf", "农村生活污水治理三年行动方案")
    p.title("黔岭县农村生活污水治理三年行动方案", 18)
    p.title("（2023—2025年）", 14)
    p.para("为深入贯彻落实农村人居环境整治提升五年行动要求，加快补齐农村生活污水治理短板，结合我县实际，制定本方案。")
    p.para("一、现状。全县共有行政村162个，截至2022年底，完成生活污水治理的行政村41个，治理率为25.3%。", gap=4)
    p.para("二、目标任务。坚持因地制宜、分类施策，到2023年底，全县农村生活污水治理率达到30%以上；"
           "到2024年底，达到35%以上；到2025年底，达到40%以上，基本消除较大面积农村黑臭水体。")
    p.table([["年度", "新增治理行政村（个）", "累计治理行政村（个）", "治理率目标"],
             ["2023年", "8", "49", "30%"], ["2024年", "8", "57", "35%"], ["2025年", "8", "65", "40%"]],
            [1, 1.6, 1.6, 1.2])
    p.para("三、保障措施。加强组织领导，强化资金保障，建立长效运维机制，将治理任务纳入乡镇年度目标考核。")
    p.right("黔岭县农业农村局　铜江市生态环境局黔岭分局")
    p.right("2023年6月12日")
    p.save()


# ----------------------------------------------------------------------------------------------- 05 水务局
def acceptance(dirp: Path) -> None:
    p = Pdf(dirp / "锦溪河小流域水土保持综合治理工程竣工验收鉴定书.pdf", "竣工验收鉴定书")
    p.title("黔岭县2024年锦溪河小流域水土保持综合治理工程", 16)
    p.title("竣工验收鉴定书", 18)
    p.para("验收主持单位：黔岭县水务局", indent=False, gap=0)
    p.para("项目法人：黔岭县水土保持工作站", indent=False, gap=0)
    p.para("验收日期：2024年11月26日", indent=False)
    p.para("一、工程概况。工程位于龙塘镇、锦溪乡，涉及7个行政村，批复总投资860万元，"
           "主要建设内容为坡改梯、水土保持林、经果林、封禁治理及小型蓄排水工程。")
    p.para("二、工程建设完成情况（治理面积单位：km²；投资单位：万元）", indent=False)
    p.table([["项目", "设计", "完成", "完成比例"],
             ["综合治理面积", "12.60", "12.45", "98.8%"],
             ["其中：坡改梯", "1.32", "1.32", "100%"],
             ["水土保持林", "3.10", "3.05", "98.4%"],
             ["封禁治理", "6.80", "6.80", "100%"],
             ["完成投资", "860.00", "851.37", "99.0%"]],
            [1.8, 1, 1, 1])
    p.para("三、验收结论。工程已按批复的设计内容基本完成建设，工程质量合格，资金使用规范，档案资料齐全，"
           "验收委员会同意该工程通过竣工验收。")
    p.right("验收委员会主任委员（签字）：")
    p.right("二〇二四年十一月二十六日")
    p.save()


# ----------------------------------------------------------------------------------------------- 06 林业局
def forest_csv(dirp: Path) -> None:
    rows = [
        ["黔岭县森林资源主要指标（2024年度更新成果）"],
        ["填报单位：黔岭县林业局", "", "单位：公顷、%"],
        ["指标", "上年数", "本年数", "备注"],
        ["县域国土面积", "229560.0", "229560.0", ""],
        ["林地面积", "154318.6", "154402.3", "含乔木林地、竹林地、灌木林地"],
        ["森林面积", "144899.3", "145706.2", ""],
        ["森林覆盖率", "63.12", "63.47", "按国家特别规定灌木林计入"],
        ["草地面积", "6127.4", "6098.1", ""],
        ["湿地面积", "2215.8", "2221.6", ""],
        ["数据来源：2024年度林草生态综合监测评价成果", "", "", ""],
        ["填报日期：2025年2月14日", "", "", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (dirp / "2024年森林资源主要指标统计表.csv").write_bytes(buf.getvalue().encode("gbk"))


# ----------------------------------------------------------------------------------------------- 07 统计局
def stats_bulletin(dirp: Path) -> None:
    p = Pdf(dirp / "黔岭县2023年国民经济和社会发展统计公报.pdf", "统计公报")
    p.title("黔岭县2023年国民经济和社会发展统计公报", 18)
    p.para("黔岭县统计局", indent=False, gap=0)
    p.para("2024年3月28日", indent=False)
    p.para("2023年，面对复杂严峻的外部环境，全县上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。")
    p.para("一、综合。初步核算，全年全县地区生产总值126.38亿元，按不变价格计算，比上年增长5.1%。"
           "其中，第一产业增加值27.65亿元，增长4.0%；第二产业增加值31.92亿元，增长4.6%；第三产业增加值66.81亿元，增长5.8%。"
           "三次产业结构为21.9：25.3：52.8。")
    p.para("二、人口。年末全县户籍人口38.16万人，常住人口30.52万人，其中城镇常住人口14.37万人，常住人口城镇化率47.08%。")
    p.para("三、财政。全年一般公共预算收入6.83亿元，一般公共预算支出28.64亿元。")
    p.para("四、生态环境。全年县城环境空气质量优良天数比例97.2%，主要河流出境断面水质达标率100%，"
           "森林覆盖率63.12%。")
    p.para("注：本公报中部分数据为初步统计数，地区生产总值、各产业增加值绝对数按现价计算，增长速度按不变价格计算。",
           size=10)
    p.save()


# ----------------------------------------------------------------------------------------------- 08 生态环境分局
def monitoring_report(dirp: Path) -> None:
    p = Pdf(dirp / "黔岭县2024年生态环境质量监测报告.pdf", "生态环境质量监测报告")
    p.title("黔岭县2024年生态环境质量监测报告", 18)
    p.para("黔岭县生态环境监测站　2025年1月20日", indent=False)
    p.para("一、环境空气质量", indent=False)
    p.para("2024年县城环境空气自动监测站全年有效监测天数366天，其中优良天数358天（优245天，良113天），"
           "优良天数比例为97.8%，同比上升0.6个百分点；轻度污染8天，无中度及以上污染天气。"
           "细颗粒物（PM2.5）年均浓度为24微克/立方米，可吸入颗粒物（PM10）年均浓度为41微克/立方米。")
    p.para("二、地表水环境质量", indent=False)
    p.para("全县共设国控、省控及市控地表水监测断面7个，按《地表水环境质量标准》（GB 3838-2002）评价，"
           "7个断面水质均达到或优于Ⅲ类，达到或优于Ⅲ类水质比例为100%。各断面年均水质类别见下表。")
    p.table([["序号", "河流", "断面名称", "断面级别", "年均水质类别"],
             ["1", "锦溪河", "锦溪出境", "国控", "Ⅱ"], ["2", "锦溪河", "县城上游", "省控", "Ⅱ"],
             ["3", "龙塘河", "龙塘桥", "省控", "Ⅱ"], ["4", "龙塘河", "两河口", "市控", "Ⅲ"],
             ["5", "白岩河", "白岩电站", "市控", "Ⅱ"], ["6", "花溪", "花溪村", "市控", "Ⅲ"],
             ["7", "清水塘水库", "库心", "市控", "Ⅱ"]], [0.6, 1.2, 1.4, 1, 1.2])
    p.para("三、集中式饮用水水源地", indent=False)
    p.para("县城集中式饮用水水源地（清水塘水库）及12个乡镇集中式饮用水水源地按月（季）监测，"
           "水质达标率均为100%。")
    p.para("四、结论：2024年全县生态环境质量总体保持优良，与2023年相比稳中向好。")
    p.save()


def corrupt_xlsx(dirp: Path) -> None:
    good = io.BytesIO()
    wb = wb_new()
    ws = wb.active
    ws.append(["序号", "排污单位名称", "许可证编号", "管理类别"])
    for i in range(1, 40):
        ws.append([i, f"黔岭县某某企业{i:02d}", f"91522xxx{i:04d}", "登记管理"])
    wb.save(good)
    data = good.getvalue()
    (dirp / "2024年排污许可证核发登记台账.xlsx").write_bytes(data[: len(data) * 45 // 100])  # truncated transfer


# ----------------------------------------------------------------------------------------------- 09 乡镇
def town_zip(dirp: Path) -> None:
    rows = [["龙塘镇2024年农村生活垃圾收集转运台账"], ["月份", "收集量(吨)", "转运量(吨)", "转运去向", "经办人"]]
    vals = [118.4, 109.7, 121.3, 124.6, 130.2, 127.9, 133.5, 131.8, 126.4, 122.7, 117.9, 118.2]
    for m, v in enumerate(vals, start=1):
        rows.append([f"2024年{m}月", f"{v:.1f}", f"{v:.1f}", "县生活垃圾焚烧发电厂", "杨再兴"])
    rows.append(["合计", f"{sum(vals):.1f}", f"{sum(vals):.1f}", "", ""])
    rows.append(["龙塘镇人民政府（盖章）", "", "2025年1月10日", "", ""])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path = dirp / "龙塘镇上报材料.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("龙塘镇上报材料/2024年生活垃圾收集转运台账.csv", FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, ("\ufeff" + buf.getvalue()).encode("utf-8"))


# ----------------------------------------------------------------------------------------------- submitted
SUBMITTED = [  # 指标名称, 填报值, 单位, 责任单位, 备注
    ("一般公共预算支出", "301257.86", "万元", "县财政局", "决算数"),
    ("生态环保支出", "159043700", "元", "县财政局", ""),
    ("生态环保投入占财政支出比例", "5.28", "%", "县财政局", ""),
    ("考核工作经费", "18", "万元", "县生态环境分局", "已拨付"),
    ("城镇生活污水处理率", "95.03", "%", "县住建局", ""),
    ("城镇污水处理达标排放量", "557.13", "万吨", "县住建局", ""),
    ("全年空气质量优良天数比例", "97.8", "%", "县生态环境分局", ""),
    ("地表水水质优良比例", "100", "%", "县生态环境分局", ""),
    ("森林覆盖率", "64.2", "%", "县林业局", ""),
    ("地区生产总值", "126.38", "亿元", "县统计局", ""),
    ("农村生活污水治理率", "35", "%", "县农业农村局", ""),
    ("完成农村环境整治的行政村数量", "18", "个", "县农业农村局", ""),
    ("农村卫生户厕改造", "12600", "户", "县农业农村局", ""),
    ("水土流失治理面积", "1245", "公顷", "县水务局", "锦溪河小流域"),
    ("县委县政府研究生态环境保护工作会议", "4", "次", "县委办", "每季度1次"),
    ("古树名木挂牌保护数量", "236", "株", "县林业局", ""),
]


def submitted_xlsx(path: Path) -> None:
    from openpyxl.styles import Font

    wb = wb_new()
    ws = wb.active
    ws.title = "填报表"
    ws.merge_cells("A1:F1")
    ws["A1"] = "黔岭县2024年度国家重点生态功能区县域生态环境质量考核指标填报表"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "填报单位（盖章）：黔岭县人民政府　　填报日期：2025年2月20日"
    ws.append(["序号", "指标名称", "填报值", "单位", "责任单位", "备注"])
    for i, (name, val, unit, dept, note) in enumerate(SUBMITTED, start=1):
        num = float(val)
        ws.append([i, name, int(num) if num.is_integer() else num, unit, dept, note])
    for col, w in zip("ABCDEF", (6, 34, 14, 8, 16, 16)):
        ws.column_dimensions[col].width = w
    wb_save(wb, path)


def main() -> None:
    if PKG.exists():
        shutil.rmtree(PKG)
    dirs = {k: PKG / k for k in ("01-县委办", "02-县财政局", "03-县住建局", "04-县农业农村局", "05-县水务局",
                                  "06-县林业局", "07-县统计局", "08-市生态环境局黔岭分局", "09-乡镇")}
    for d in dirs.values():
        d.mkdir(parents=True)
    minutes_q1(dirs["01-县委办"])
    minutes_q3(dirs["01-县委办"])
    minutes_q4(dirs["01-县委办"])
    draft_plan(dirs["01-县委办"])
    finance_xlsx(dirs["02-县财政局"])
    npc_resolution(dirs["02-县财政局"])
    voucher_scan(dirs["02-县财政局"])
    sewage_ledger(dirs["03-县住建局"])
    rural_summary(dirs["04-县农业农村局"])
    rural_sewage_plan(dirs["04-县农业农村局"])
    acceptance(dirs["05-县水务局"])
    forest_csv(dirs["06-县林业局"])
    stats_bulletin(dirs["07-县统计局"])
    monitoring_report(dirs["08-市生态环境局黔岭分局"])
    corrupt_xlsx(dirs["08-市生态环境局黔岭分局"])
    town_zip(dirs["09-乡镇"])
    submitted_xlsx(HERE / "submitted.xlsx")
    print("monthly sewage:", sewage_monthly())
    print("rate:", (D(COMPLIANT_TOTAL) / D(SEWAGE_TOTAL) * 100).quantize(D("0.0001")))
    print("share:", (FIN_TOTAL[1] and D("15904.37") / FIN_TOTAL[1] * 100).quantize(D("0.0001")))


if __name__ == "__main__":
    main()

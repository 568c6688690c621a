"""Deterministic generator for corpus/holdout3 (紫岚县, 陕西式秦巴山区生物多样性维护型县, 评价年度2025).

Independently written; writes package/, submitted.xlsx and labels.json (labels are hand-decided data below,
not derived from ecoaudit). Run: .venv/bin/python corpus/holdout3/make_holdout3.py
"""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl.styles import Alignment, Font
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
PKG = HERE / "package"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
pdfmetrics.registerFont(TTFont("ZH", FONT, subfontIndex=0))
FIXED = dt.datetime(2026, 1, 20, 9, 0, 0)

D1 = "1-县委办（2025年考核材料）"
D2 = "县财政局（2025年考核材料）"
D3 = "3-农业农村局"
D4 = "4-住建局"
D5 = "5-汉兴市生态环境局紫岚分局"
D6 = "6-自然资源局"
D7 = "7-统计局"


# ----------------------------------------------------------------------------------------------- PDF (text layer)
class Pdf:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        self.c.setTitle(path.stem)
        self.w, self.h = A4
        self.left, self.right = 72, A4[0] - 72
        self.y = self.h - 80

    def _need(self, dy):
        if self.y - dy < 70:
            self.c.showPage()
            self.y = self.h - 80

    def center(self, text, size=16, gap=10, color=(0, 0, 0)):
        self._need(size + gap)
        self.c.setFillColorRGB(*color)
        self.c.setFont("ZH", size)
        self.c.drawCentredString(self.w / 2, self.y, text)
        self.c.setFillColorRGB(0, 0, 0)
        self.y -= size + gap

    def right_text(self, text, size=11, gap=8):
        self._need(size + gap)
        self.c.setFont("ZH", size)
        self.c.drawRightString(self.right, self.y, text)
        self.y -= size + gap

    def para(self, text, size=11, indent=2, lead=1.7):
        self.c.setFont("ZH", size)
        width = self.right - self.left
        line, first = "", True
        lines = []
        for ch in text:
            pre = "\u3000" * indent if first and not lines and line == "" else ""
            trial = (pre + line + ch) if pre else line + ch
            if pdfmetrics.stringWidth(trial, "ZH", size) > width:
                lines.append(line)
                line = ch
            else:
                line = trial
        if line:
            lines.append(line)
        for ln in lines:
            self._need(size * lead)
            self.c.drawString(self.left, self.y, ln)
            self.y -= size * lead
        self.y -= 2

    def row(self, cells, xs, size=10.5, lead=1.6, aligns=None):
        """A table row without ruling lines: cells placed at fixed x positions."""
        self._need(size * lead)
        self.c.setFont("ZH", size)
        for i, (cell, x) in enumerate(zip(cells, xs)):
            if aligns and aligns[i] == "r":
                self.c.drawRightString(x, self.y, cell)
            else:
                self.c.drawString(x, self.y, cell)
        self.y -= size * lead

    def rule(self):
        self.c.setStrokeColorRGB(0.75, 0, 0)
        self.c.setLineWidth(1.5)
        self.c.line(self.left, self.y + 4, self.right, self.y + 4)
        self.c.setStrokeColorRGB(0, 0, 0)
        self.y -= 12

    def space(self, dy=8):
        self.y -= dy

    def save(self):
        self.c.showPage()
        self.c.save()


# ----------------------------------------------------------------------------------------------- DOCX
def new_docx():
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "仿宋"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    cp = d.core_properties
    cp.author = "Administrator"
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_modified_by = "Administrator"
    cp.revision = 1
    return d


def dpara(d, text, bold=False, center=False, size=None, right=False):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def save_docx(d, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))


# ----------------------------------------------------------------------------------------------- images
def font(px):
    return ImageFont.truetype(FONT, px, index=0)


def seal(img, cx, cy, r, text, star=True):
    """Red round seal: double ring, star, name arranged along the upper arc."""
    import math
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    dr = ImageDraw.Draw(layer)
    red = (205, 30, 35, 200)
    dr.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(4, r // 18))
    if star:
        pts = []
        for k in range(10):
            ang = -math.pi / 2 + k * math.pi / 5
            rr = r * 0.22 if k % 2 == 0 else r * 0.09
            pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
        dr.polygon(pts, fill=red)
    n = len(text)
    f = font(int(r * 0.28))
    span = math.radians(220)
    for i, ch in enumerate(text):
        ang = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
        x = cx + r * 0.72 * math.cos(ang)
        y = cy + r * 0.72 * math.sin(ang)
        chimg = Image.new("RGBA", (int(r * 0.4), int(r * 0.4)), (0, 0, 0, 0))
        ImageDraw.Draw(chimg).text((int(r * 0.06), 0), ch, font=f, fill=red)
        chimg = chimg.rotate(-math.degrees(ang) - 90, expand=True, resample=Image.BICUBIC)
        layer.alpha_composite(chimg, (int(x - chimg.width / 2), int(y - chimg.height / 2)))
    base = img.convert("RGBA")
    base.alpha_composite(layer)
    return base.convert("RGB")


def page(dpi=200):
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    return Image.new("RGB", (w, h), (255, 255, 255))


def image_pdf(img: Image.Image, path: Path, dpi):
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("L").convert("RGB").save(str(path), "PDF", resolution=dpi) if False else img.save(
        str(path), "PDF", resolution=dpi)


# =============================================================================================== documents
def f01_q1_minutes():
    p = Pdf(PKG / D1 / "中共紫岚县委常委会会议纪要（2025年第4次）.pdf")
    p.center("中共紫岚县委常委会会议纪要", 22, 8, (0.8, 0, 0))
    p.center("（2025年第4次）", 13, 6)
    p.rule()
    p.para("2025年3月5日，县委书记王建平主持召开县委常委会2025年第4次会议，传达学习全国生态环境保护大会精神和省委、"
           "市委有关会议精神，专题研究部署2025年全县生态环境保护和污染防治攻坚工作。县委副书记、县长刘晓峰出席会议。")
    p.para("会议听取了汉兴市生态环境局紫岚分局关于2024年全县生态环境质量状况和2025年重点工作安排的汇报。会议指出，紫岚县地处"
           "秦巴山区腹地，是国家重点生态功能区（生物多样性维护型），守护好秦岭生态是全县最大的政治责任。")
    p.para("会议议定：")
    p.para("一、各镇、各部门要把生态环境保护工作放在突出位置，坚持党政同责、一岗双责，确保2025年县域生态环境质量稳中向好。")
    p.para("二、由县生态环境分局牵头制定《紫岚县2025年度县域生态环境质量监测评价与考核工作实施方案》，报县政府审定后印发。"
           "同意安排县域生态环境质量监测经费35.6万元，由县财政局按程序拨付。")
    p.para("三、县林业局、县自然资源局要加强秦岭（紫岚段）生态保护和自然保护地监管，严厉打击破坏野生动植物资源违法行为。")
    p.para("四、县农业农村局要抓好农业面源污染防治，持续推进化肥农药减量增效和畜禽粪污资源化利用。")
    p.space(6)
    p.para("出席：王建平、刘晓峰、张志勇、李红霞、赵国栋、陈文斌、周静", 10.5, 0)
    p.para("列席：县人大常委会、县政协分管领导，县生态环境分局、县林业局、县农业农村局主要负责人", 10.5, 0)
    p.space(20)
    p.para("中共紫岚县委办公室　　　　　　　　　　2025年3月7日印发", 10.5, 0)
    p.save()


def f02_q2_notice():
    d = new_docx()
    dpara(d, "中共紫岚县委办公室", True, True, 22)
    dpara(d, "关于召开县委常委会会议专题研究生态环境保护工作的通知", True, True, 16)
    dpara(d, "各位常委，县政府各位副县长，县生态环境分局、县林业局、县农业农村局、县住建局：")
    dpara(d, "　　经县委主要领导同意，定于2025年6月19日（星期四）上午9:00在县委三楼常委会议室召开县委常委会会议，"
             "专题研究中央生态环境保护督察反馈问题整改和第二季度生态环境保护工作。现将有关事项通知如下：")
    dpara(d, "　　一、会议议程：1.听取县生态环境分局关于中央生态环境保护督察反馈问题整改进展情况的汇报；"
             "2.听取县林业局关于秦岭生态环境保护专项整治情况的汇报；3.研究其他事项。")
    dpara(d, "　　二、参会人员：县委常委，县政府副县长；列席人员为上述部门主要负责人。")
    dpara(d, "　　三、有关要求：请县生态环境分局、县林业局于6月17日下班前将汇报材料（一式25份）报县委办秘书科。"
             "参会人员不得请假，确因特殊情况不能参会的，须向县委主要领导请假。")
    dpara(d, "")
    dpara(d, "中共紫岚县委办公室", right=True)
    dpara(d, "2025年6月16日", right=True)
    dpara(d, "（联系人：秘书科 杨帆，电话：0915-8321056）")
    save_docx(d, PKG / D1 / "关于召开县委常委会会议专题研究生态环境保护工作的通知.docx")


def f03_q3_minutes():
    d = new_docx()
    dpara(d, "紫岚县人民政府常务会议纪要", True, True, 22)
    dpara(d, "第31次", False, True, 14)
    dpara(d, "紫岚县人民政府办公室", False, False, 12)
    dpara(d, "　　二〇二五年九月十六日，县长刘晓峰主持召开县政府第31次常务会议，专题研究生态环境保护工作，"
             "学习贯彻省委、市委关于秦岭生态环境保护的部署要求。县委书记王建平到会并讲话。现将会议议定事项纪要如下：")
    dpara(d, "　　一、会议听取了县住建局关于城乡生活垃圾治理情况的汇报。今年以来，全县已转运处置陈年垃圾二千三百五十吨，"
             "县生活垃圾无害化处理场运行正常。会议要求，县住建局要加快渗滤液处理设施提标改造，"
             "确保渗滤液达标排放。")
    dpara(d, "　　二、会议听取了县生态环境分局关于三季度生态环境质量形势的汇报。会议强调，要紧盯秋冬季大气污染防治，"
             "加强秸秆禁烧和扬尘管控，确保全年空气质量目标任务完成。")
    dpara(d, "　　三、会议研究了汉江紫岚段及支流沿线农村黑臭水体治理工作，要求县住建局、县农业农村局于11月底前完成治理并组织验收。")
    dpara(d, "")
    dpara(d, "　　出席：刘晓峰、张志勇、孙立新、吴海燕、郑斌")
    dpara(d, "　　列席：王建平（县委书记）；县政府办、县财政局、县住建局、县生态环境分局、县农业农村局主要负责人")
    dpara(d, "　　记录：县政府办 韩磊")
    save_docx(d, PKG / D1 / "紫岚县人民政府常务会议纪要（第31次）.docx")


def f04_q4_minutes():
    p = Pdf(PKG / D1 / "县生态环境保护委员会2025年第二次全体会议纪要.pdf")
    p.center("紫岚县生态环境保护委员会", 20, 8, (0.8, 0, 0))
    p.center("2025年第二次全体会议纪要", 16, 8)
    p.rule()
    p.para("2025年12月9日下午，县委书记、县生态环境保护委员会主任王建平主持召开县生态环境保护委员会2025年第二次全体会议。"
           "县长、委员会第一副主任刘晓峰出席并讲话。会议研究部署第四季度及2026年生态环境保护工作。")
    p.para("会议通报了全县生态环境质量状况。1—11月，县城PM2.5平均浓度为26微克/立方米，汉江紫岚段出境断面水质稳定保持Ⅱ类。"
           "会议指出，冬季是大气污染高发期，各镇各部门要严格落实重污染天气应急响应措施。")
    p.para("会议议定：一、县考核工作领导小组办公室要做好2025年度县域生态环境质量监测评价与考核资料收集、数据填报工作，"
           "确保数据真实、准确、完整。二、各成员单位于2026年1月20日前将佐证材料报送县考核办。三、县农业农村局要完善规模养殖场"
           "粪污资源化利用台账。")
    p.space(6)
    p.para("出席：王建平、刘晓峰、张志勇、孙立新、李红霞；委员会各成员单位主要负责人", 10.5, 0)
    p.space(20)
    p.para("紫岚县生态环境保护委员会办公室　　　　印发日期：2025-12-11", 10.5, 0)
    p.save()


def f05_plan_draft():
    d = new_docx()
    dpara(d, "紫岚县2025年度国家重点生态功能区县域生态环境质量", True, True, 16)
    dpara(d, "监测评价与考核工作实施方案", True, True, 16)
    dpara(d, "（送审稿）", False, True, 14)
    dpara(d, "　　为做好我县2025年度国家重点生态功能区县域生态环境质量监测评价与考核工作，根据《“十四五”国家重点生态功能区"
             "县域生态环境质量监测与评价指标体系及实施细则》（环办监测函〔2022〕30号）要求，结合我县实际，制定本方案。")
    dpara(d, "一、工作目标", True)
    dpara(d, "　　2025年，县城环境空气PM2.5年均浓度控制在28微克/立方米以内，集中式饮用水水源地水质达标率保持100%，"
             "乡镇生活污水集中处理率达到90%，畜禽粪污综合利用率达到90%以上，城镇生活垃圾无害化处理率保持在98%以上，"
             "县域生态环境质量保持稳定并力争变好。")
    dpara(d, "二、组织领导", True)
    dpara(d, "　　成立紫岚县县域生态环境质量监测评价与考核工作领导小组，由县长任组长，分管副县长任副组长，县财政局、"
             "县生态环境分局、县住建局、县农业农村局、县林业局、县自然资源局、县统计局等单位主要负责人为成员。"
             "领导小组办公室设在县生态环境分局，负责日常工作。")
    dpara(d, "三、职责分工", True)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for i, h in enumerate(["责任单位", "主要任务", "完成时限"]):
        t.rows[0].cells[i].text = h
    for r in [("县财政局", "提供人大批准的年度预算、决算及生态环保投入资金凭证", "2026年1月20日前"),
              ("县住建局", "提供生活垃圾处理设施运行台账、黑臭水体治理验收材料", "2026年1月20日前"),
              ("县农业农村局", "提供化肥农药使用统计、畜禽粪污资源化利用台账", "2026年1月20日前"),
              ("县生态环境分局", "提供环境质量监测报告、突发环境事件情况说明", "2026年1月20日前"),
              ("县自然资源局", "提供生态保护红线面积及变化情况", "2026年1月20日前")]:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    dpara(d, "四、时间安排", True)
    dpara(d, "　　（一）动员部署阶段（2025年4月）；（二）资料收集阶段（2025年5月—2026年1月）；"
             "（三）审核填报阶段（2026年2月）。")
    dpara(d, "")
    dpara(d, "紫岚县人民政府办公室", right=True)
    dpara(d, "2025年4月8日", right=True)
    save_docx(d, PKG / D1 / "紫岚县2025年度县域生态环境质量考核工作实施方案（送审稿）.docx")


def f06_npc_resolution():
    p = Pdf(PKG / D2 / "县人大关于2024年预算执行情况和2025年预算的决议.pdf")
    p.center("紫岚县第十九届人民代表大会第五次会议", 16, 6)
    p.center("关于紫岚县2024年预算执行情况和2025年预算的决议", 16, 8)
    p.center("（2025年1月16日紫岚县第十九届人民代表大会第五次会议通过）", 11, 14)
    p.para("紫岚县第十九届人民代表大会第五次会议审查了县人民政府提出的《关于紫岚县2024年预算执行情况和2025年预算草案的报告》"
           "及2025年全县和县本级预算草案，同意县人民代表大会财政经济委员会的审查结果报告。")
    p.para("会议认为，2024年全县一般公共预算支出预计完成245,318万元，预算执行情况总体良好。")
    p.para("会议决定，批准紫岚县2025年全县和县本级预算。2025年全县一般公共预算支出安排238,600万元，其中节能环保支出安排"
           "9,850万元，农林水支出安排52,430万元。")
    p.para("会议要求，县人民政府及其各部门要严格执行经本次会议批准的预算，加大对秦岭生态保护、污染防治等重点领域的投入保障，"
           "加强预算绩效管理，依法接受县人大及其常委会的监督。")
    p.save()


def f07_voucher():
    dpi = 150
    img = Image.new("RGB", (int(8.27 * dpi), int(5.8 * dpi)), (250, 250, 246))
    dr = ImageDraw.Draw(img)
    W = img.width
    dr.text((W // 2, 60), "中国农业银行 网上银行电子回单", font=font(34), fill=(20, 20, 20), anchor="mm")
    dr.rectangle([60, 100, W - 60, 800], outline=(40, 40, 40), width=2)
    rows = [
        "回单编号：61270025070800318842　　　交易日期：2025-07-08",
        "付款人户名：汉兴市生态环境局紫岚分局",
        "付款人账号：2602 0401 0400 12345",
        "收款人户名：陕西秦科检测技术有限公司",
        "收款人账号：6102 1800 0188 6621 7",
        "金额（小写）：CNY 356,000.00",
        "金额（大写）：人民币叁拾伍万陆仟元整",
        "用途：2025年度县域生态环境质量监测经费",
        "摘要：环境监测服务费　　交易流水号：H2025070800918",
        "经办：吴敏　　复核：陈浩",
    ]
    y = 130
    for r in rows:
        dr.line([60, y + 55, W - 60, y + 55], fill=(150, 150, 150), width=1)
        dr.text((85, y + 8), r, font=font(27), fill=(15, 15, 15))
        y += 66
    img = seal(img, W - 250, 560, 120, "中国农业银行紫岚县支行电子回单专用章")
    img = img.rotate(-0.9, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    img = img.filter(ImageFilter.GaussianBlur(0.5))
    out = PKG / D2 / "环境监测经费银行电子回单（扫描件）.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(out), "PDF", resolution=dpi)


def f08_agri_stats():
    p = Pdf(PKG / D3 / "2025年农业投入品使用情况统计表.pdf")
    p.center("紫岚县2025年农业投入品使用情况统计表", 16, 10)
    p.row(["表号：ZL农统-03", "填报单位：紫岚县农业农村局"], [72, 300], 10)
    p.space(4)
    xs = [72, 270, 380, 460, 530]
    al = ["l", "l", "r", "r", "r"]
    p.row(["指标名称", "计量单位", "2024年", "2025年", "增减（%）"], xs, 11, aligns=al)
    p.space(2)
    rows = [
        ("农作物总播种面积", "公顷", "38,412", "38,260", "-0.4"),
        ("化肥施用量（折纯）", "吨", "12,486.0", "12,035.4", "-3.6"),
        ("　其中：氮肥", "吨", "6,210.3", "5,962.8", "-4.0"),
        ("　　　　磷肥", "吨", "2,402.6", "2,318.5", "-3.5"),
        ("　　　　钾肥", "吨", "1,136.9", "1,102.4", "-3.0"),
        ("　　　　复合肥", "吨", "2,736.2", "2,651.7", "-3.1"),
        ("化肥施用强度（折纯）", "千克/公顷", "325.1", "314.6", "-3.2"),
        ("农药使用量", "吨", "286.3", "271.9", "-5.0"),
        ("农用塑料薄膜使用量", "吨", "1,318.0", "1,294.6", "-1.8"),
        ("　其中：地膜使用量", "吨", "802.4", "776.1", "-3.3"),
    ]
    for r in rows:
        p.row(list(r), [xs[0], xs[1], xs[2], xs[3], xs[4]], 11, aligns=al)
    p.space(10)
    p.para("说明：化肥施用量为折纯量；农药使用量为商品量。数据来源于全县11个镇农业综合服务站年报汇总。", 10, 0)
    p.space(14)
    p.row(["单位负责人：冯志强", "统计负责人：何丽", "填表人：郭晨", "报出日期：2026年1月20日"], [72, 200, 320, 420], 10)
    p.save()


def f09_manure_photo():
    dpi = 200
    img = page(dpi)
    dr = ImageDraw.Draw(img)
    W = img.width
    dr.text((W // 2, 170), "紫岚县规模养殖场粪污资源化利用台账（2025年度）", font=font(50), fill=(10, 10, 10), anchor="mm")
    dr.text((130, 250), "填报单位：紫岚县农业农村局畜牧兽医站", font=font(34), fill=(10, 10, 10))
    cols = [110, 200, 690, 830, 1050, 1260, 1460, 1560]
    heads = ["序号", "养殖场名称", "畜种", "年末存栏", "粪污产生量(吨)", "综合利用量(吨)", "利用方式"]
    data = [
        ("1", "紫岚县秦丰生猪养殖有限公司", "生猪", "4,800", "9,460", "8,830", "堆肥还田"),
        ("2", "蒿坪镇绿源养殖专业合作社", "生猪", "2,350", "4,630", "4,270", "沼气还田"),
        ("3", "双河口牧业有限公司", "肉牛", "620", "6,120", "5,590", "有机肥"),
        ("4", "汉阳镇鑫旺蛋鸡场", "蛋鸡", "52,000", "2,850", "2,610", "有机肥"),
        ("5", "城关镇宏发养殖场", "生猪", "1,900", "3,740", "3,420", "堆肥还田"),
        ("6", "曾家镇兴农山羊养殖合作社", "山羊", "1,100", "1,480", "1,411", "还田利用"),
        ("", "合计", "", "", "28,280", "26,131", ""),
    ]
    top, rh = 320, 90
    nrows = len(data) + 1
    fx = [110, 200, 690, 830, 1010, 1230, 1440, 1560]
    for i in range(nrows + 1):
        dr.line([fx[0], top + i * rh, fx[-1], top + i * rh], fill=(30, 30, 30), width=3)
    for x in fx:
        dr.line([x, top, x, top + nrows * rh], fill=(30, 30, 30), width=3)
    f = font(32)
    fs = font(27)
    for j, h in enumerate(heads):
        dr.text(((fx[j] + fx[j + 1]) // 2, top + rh // 2), h, font=fs, fill=(0, 0, 0), anchor="mm")
    for i, r in enumerate(data):
        y = top + (i + 1) * rh + rh // 2
        for j, v in enumerate(r):
            dr.text(((fx[j] + fx[j + 1]) // 2, y), v, font=f if j != 1 else fs, fill=(0, 0, 0), anchor="mm")
    yb = top + nrows * rh + 60
    dr.text((130, yb), "综合利用率：92.4％（综合利用量÷粪污产生量）", font=font(36), fill=(0, 0, 0))
    dr.text((130, yb + 90), "填表人：郭晨　　审核：冯志强　　日期：2026.1.8", font=font(34), fill=(0, 0, 0))
    img = seal(img, 1250, yb + 120, 150, "紫岚县农业农村局")
    # photo: crop upper part of the page, put it on a desk, rotate, uneven light, jpeg
    img = img.crop((0, 60, W, yb + 330))
    bg = Image.new("RGB", (img.width + 160, img.height + 160), (118, 104, 88))
    bg.paste(img, (80, 80))
    bg = bg.rotate(1.7, resample=Image.BICUBIC, expand=False, fillcolor=(118, 104, 88))
    shade = Image.linear_gradient("L").resize(bg.size).rotate(90)
    shade = shade.point(lambda v: 200 + v * 55 // 255)
    bg = Image.composite(bg, Image.new("RGB", bg.size, (0, 0, 0)), shade) if False else Image.blend(
        bg, Image.merge("RGB", (shade, shade, shade)), 0.0)
    px = bg.load()
    rnd = random.Random(3)
    darker = Image.new("L", bg.size, 0)
    gd = ImageDraw.Draw(darker)
    for k in range(bg.height):
        gd.line([0, k, bg.width, k], fill=int(28 * k / bg.height))
    bg = Image.composite(Image.new("RGB", bg.size, (40, 35, 30)), bg, darker)
    bg = bg.filter(ImageFilter.GaussianBlur(0.8))
    noise = Image.effect_noise(bg.size, 10).convert("RGB")
    bg = Image.blend(bg, noise, 0.04)
    out = PKG / D3 / "规模养殖场粪污资源化利用台账（2025年）.jpg"
    bg.save(str(out), "JPEG", quality=82, dpi=(dpi, dpi))
    del px, rnd


def f10_agri_plan():
    p = Pdf(PKG / D3 / "紫岚县农业面源污染防治实施方案（2024—2026年）.pdf")
    p.center("紫岚县人民政府办公室", 20, 6, (0.8, 0, 0))
    p.center("紫政办发〔2024〕21号", 11, 6)
    p.rule()
    p.center("紫岚县人民政府办公室关于印发《紫岚县农业面源", 15, 4)
    p.center("污染防治实施方案（2024—2026年）》的通知", 15, 10)
    p.para("各镇人民政府，县政府各工作部门：《紫岚县农业面源污染防治实施方案（2024—2026年）》已经县政府同意，"
           "现印发给你们，请认真组织实施。", 11, 0)
    p.right_text("紫岚县人民政府办公室")
    p.right_text("2024年5月20日")
    p.space(10)
    p.center("紫岚县农业面源污染防治实施方案（2024—2026年）", 15, 10)
    p.para("一、现状。2023年全县化肥施用量（折纯）12,893吨，农药使用量298.6吨，畜禽粪污综合利用率87.5%，"
           "化肥农药过量使用、畜禽粪污处理设施配套不足等问题仍然存在。")
    p.para("二、主要目标。到2025年，全县化肥施用量（折纯）控制在1.25万吨以内，农药使用量控制在265吨以内，主要农作物化肥、"
           "农药利用率均达到43%以上，畜禽粪污综合利用率稳定在90%以上；到2026年，化肥施用量（折纯）下降到1.2万吨，"
           "农业面源污染得到有效遏制。")
    p.para("三、重点任务。（一）实施化肥减量增效行动，推广测土配方施肥和有机肥替代；（二）实施农药减量控害行动，推进统防统治"
           "和绿色防控；（三）推进畜禽粪污资源化利用，规模养殖场粪污处理设施装备配套率保持100%；（四）布设农业面源污染监测点"
           "6个，开展常态化监测。")
    p.para("四、保障措施。加强组织领导，落实资金保障，强化考核督导。")
    p.save()


MSW = [  # month, collected t, harmless t
    (1, "3120.4", "3081.2"), (2, "3356.8", "3290.5"), (3, "2790.5", "2751.9"), (4, "2715.3", "2676.0"),
    (5, "2802.6", "2763.1"), (6, "2760.1", "2722.4"), (7, "2893.4", "2853.3"), (8, "2950.2", "2909.8"),
    (9, "2801.7", "2762.0"), (10, "2874.9", "2834.6"), (11, "2731.5", "2692.7"), (12, None, None),
]


def msw_rows():
    tot_c, tot_h = Decimal("34506.0"), Decimal("34022.9")
    s_c = sum(Decimal(c) for _, c, _ in MSW[:11])
    s_h = sum(Decimal(h) for _, _, h in MSW[:11])
    rows = [(m, Decimal(c), Decimal(h)) for m, c, h in MSW[:11]]
    rows.append((12, tot_c - s_c, tot_h - s_h))
    return rows, tot_c, tot_h


def f11_msw_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = "紫岚县生活垃圾无害化处理场基本情况"
    ws.merge_cells("A1:D1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    info = [("设施名称", "紫岚县生活垃圾无害化处理场（卫生填埋）"), ("运营单位", "紫岚县城市管理服务中心"),
            ("设计处理能力", "150吨/日"), ("投运时间", "2013年10月"), ("服务范围", "县城及城关、蒿坪等11个镇"),
            ("渗滤液处理工艺", "两级DTRO"), ("上年（2024年）清运量", "33,870.2吨"),
            ("本年运行数据", "见“月度明细”工作表"), ("填报日期", "2026-01-12")]
    for i, (k, v) in enumerate(info, start=3):
        ws.cell(i, 1, k)
        ws.cell(i, 2, v)
        ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=4)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 40
    ws2 = wb.create_sheet("月度明细")
    ws2["A1"] = "紫岚县生活垃圾无害化处理场2025年运行台账（月度）"
    ws2.merge_cells("A1:E1")
    ws2["A1"].font = Font(bold=True, size=13)
    heads = ["月份", "进场清运量（吨）", "无害化处理量（吨）", "渗滤液处理量（立方米）", "备注"]
    for j, h in enumerate(heads, 1):
        ws2.cell(2, j, h).font = Font(bold=True)
    rows, tc, th = msw_rows()
    leach = [1210, 1180, 1340, 1420, 1560, 1730, 1980, 2050, 1760, 1490, 1300, 1190]
    notes = {2: "春节期间增量", 7: "汛期", 11: "渗滤液设备检修3天"}
    for i, (m, c, h) in enumerate(rows, 3):
        ws2.cell(i, 1, f"{m}月")
        ws2.cell(i, 2, float(c)).number_format = "#,##0.0"
        ws2.cell(i, 3, float(h)).number_format = "#,##0.0"
        ws2.cell(i, 4, leach[m - 1])
        ws2.cell(i, 5, notes.get(m))
    r = 3 + len(rows)
    ws2.cell(r, 1, "合计")
    ws2.cell(r, 2, float(tc)).number_format = "#,##0.0"
    ws2.cell(r, 3, float(th)).number_format = "#,##0.0"
    ws2.cell(r, 4, sum(leach))
    ws2.cell(r + 2, 1, "填表人：马晓东　　审核人：李军　　负责人：张卫国")
    for col, wdt in zip("ABCDE", (10, 18, 20, 22, 18)):
        ws2.column_dimensions[col].width = wdt
    wb.properties.creator = "Administrator"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    out = PKG / D4 / "县生活垃圾无害化处理场2025年运行台账.xlsx"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(out))


def f12_acceptance():
    p = Pdf(PKG / D4 / "紫岚县2025年农村黑臭水体治理项目竣工验收报告.pdf")
    p.center("紫岚县2025年农村黑臭水体治理项目", 17, 6)
    p.center("竣工验收报告", 17, 12)
    p.para("项目名称：紫岚县2025年农村黑臭水体治理项目　建设单位：紫岚县住房和城乡建设局", 10.5, 0)
    p.para("施工单位：陕西汉水建设工程有限公司　监理单位：汉兴市正诚工程监理有限公司", 10.5, 0)
    p.para("验收日期：2025.11.20　验收地点：紫岚县住建局三楼会议室及项目现场", 10.5, 0)
    p.space(4)
    p.para("一、工程概况。本项目对城关镇、蒿坪镇、双河口镇3条农村黑臭水体实施控源截污、清淤疏浚和生态修复，"
           "总投资1,286.5万元，2025年3月开工，2025年10月完工。")
    xs = [90, 150, 300, 400, 480]
    p.row(["序号", "水体名称", "所在镇", "长度（米）", "治理前等级"], xs, 10.5)
    for r in [("1", "城关镇北关村排洪渠", "城关镇", "860", "轻度黑臭"), ("2", "蒿坪镇蒿坪河支沟", "蒿坪镇", "1,420", "轻度黑臭"),
              ("3", "双河口镇马家沟", "双河口镇", "690", "重度黑臭")]:
        p.row(list(r), xs, 10.5)
    p.space(4)
    p.para("二、建设内容完成情况。共清理底泥3,450.6 吨，新建截污管网4.8公里，新建生态护岸1,260米，"
           "完成全部设计建设内容。")
    p.para("三、工程质量与资金使用。工程质量评定为合格，资金使用符合规定。治理后经第三方检测，透明度、溶解氧、"
           "氧化还原电位、氨氮四项指标均达到不黑不臭要求。")
    p.para("四、验收结论。验收组经现场查看、查阅资料和质询讨论，一致同意紫岚县2025年农村黑臭水体治理项目通过竣工验收，"
           "3条农村黑臭水体达到“无黑臭”治理目标，准予销号。")
    p.space(8)
    p.para("验收组组长（签字）：刘振华　　　建设、设计、施工、监理单位（盖章）", 10.5, 0)
    p.save()


def f13_monitoring():
    p = Pdf(PKG / D5 / "紫岚县2025年环境质量监测报告.pdf")
    p.center("紫岚县2025年环境质量监测报告", 18, 8)
    p.center("报告编号：ZLJC-2026-003", 11, 6)
    p.center("汉兴市紫岚生态环境监测站", 12, 14)
    p.para("一、环境空气质量。2025年县城环境空气自动监测站有效监测天数365天，优良天数346天，优良天数比例94.8%。"
           "PM2.5年均浓度为27μg/m³，同比下降2μg/m³（2024年为29μg/m³）；PM10年均浓度为45μg/m³。各月监测结果见表1。")
    p.center("表1　2025年县城环境空气主要污染物月均浓度及优良天数", 11, 8)
    xs = [110, 200, 300, 400, 490]
    al = ["l", "r", "r", "r", "r"]
    p.row(["月份", "PM2.5（μg/m³）", "PM10（μg/m³）", "优良天数（天）", "有效天数（天）"], [110, 245, 345, 445, 530],
          10, aligns=al)
    pm25 = [48, 41, 31, 24, 19, 16, 14, 15, 17, 24, 33, 42]
    pm10 = [76, 68, 52, 40, 33, 28, 25, 27, 30, 41, 55, 69]
    good = [24, 25, 30, 30, 31, 30, 31, 31, 30, 31, 28, 25]
    valid = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    for m in range(12):
        p.row([f"{m + 1}月", str(pm25[m]), str(pm10[m]), str(good[m]), str(valid[m])], [110, 245, 345, 445, 530],
              10, aligns=al)
    p.row(["全年", "27", "45", "346", "365"], [110, 245, 345, 445, 530], 10, aligns=al)
    p.space(6)
    p.para("二、集中式饮用水水源地水质。全县3个县级及11个乡镇集中式饮用水水源地按要求开展监测，"
           "全年水质达标率100%。")
    p.para("三、地表水环境质量。汉江紫岚段2个国控断面、3个省控断面水质均达到Ⅱ类，达到或优于Ⅲ类水质比例为100%。")
    p.space(10)
    p.para("编制：赵雪　　审核：钱宇　　签发：孙国强　　　　报告日期：2026年1月15日", 10.5, 0)
    p.save()


def f14_incident_statement():
    dpi = 150
    img = page(dpi)
    dr = ImageDraw.Draw(img)
    W = img.width
    dr.text((W // 2, 160), "汉兴市生态环境局紫岚分局", font=font(40), fill=(200, 20, 20), anchor="mm")
    dr.line([110, 205, W - 110, 205], fill=(200, 20, 20), width=4)
    dr.text((W // 2, 270), "关于紫岚县2025年度突发环境事件情况的说明", font=font(34), fill=(0, 0, 0), anchor="mm")
    lines = ["县考核工作领导小组办公室：",
             "　　经核查，2025年1月1日至12月31日，我县未发生",
             "人为因素引发的突发环境事件，全年共发生突发环境事件",
             "0起；全年受理环境信访举报46件，均已按期办结。",
             "　　特此说明。"]
    y = 350
    for ln in lines:
        dr.text((130, y), ln, font=font(30), fill=(0, 0, 0))
        y += 62
    dr.text((W - 520, y + 120), "汉兴市生态环境局紫岚分局", font=font(30), fill=(0, 0, 0))
    dr.text((W - 470, y + 180), "2026年1月9日", font=font(30), fill=(0, 0, 0))
    img = seal(img, W - 360, y + 150, 115, "汉兴市生态环境局紫岚分局")
    img = img.crop((0, 0, W, y + 420))
    img = img.rotate(0.6, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    img = Image.blend(img, Image.effect_noise(img.size, 12).convert("RGB"), 0.03)
    out = PKG / D5 / "关于2025年度突发环境事件情况的说明.pdf"
    img.save(str(out), "PDF", resolution=dpi)


def f15_empty():
    out = PKG / D5 / "排污许可证后管理工作总结.pdf"
    out.write_bytes(b"")


def f16_redline_docx():
    d = new_docx()
    dpara(d, "紫岚县自然资源局", True, True, 18)
    dpara(d, "关于全县生态保护红线面积情况的说明", True, True, 15)
    dpara(d, "县考核工作领导小组办公室：")
    dpara(d, "　　根据省人民政府批准的生态保护红线划定成果，我县生态保护红线面积及构成见下表。2025年度全县生态保护红线"
             "面积与2024年保持一致，未发生调整，红线内未发现违法违规开发建设活动。")
    t = d.add_table(rows=6, cols=4)
    t.style = "Table Grid"
    hdr = ["类别", "主导功能类型", "面积（公顷）", "占县域国土面积比例（%）"]
    for i, h in enumerate(hdr):
        t.cell(0, i).text = h
    body = [("生态保护红线", "生物多样性维护", "86,420.17", "29.59"),
            ("", "水源涵养", "24,318.52", "8.33"),
            ("", "水土保持", "7,903.66", "2.71"),
            ("合计", "—", "118,642.35", "40.62"),
            ("县域国土面积", "—", "292,078.00", "100.00")]
    for r, row in enumerate(body, 1):
        for c, v in enumerate(row):
            if v:
                t.cell(r, c).text = v
    merged = t.cell(1, 0).merge(t.cell(3, 0))  # vertical merge of 类别 over three rows
    merged.text = "生态保护红线"
    dpara(d, "　　特此说明。")
    dpara(d, "紫岚县自然资源局", right=True)
    dpara(d, "2026年1月6日", right=True)
    save_docx(d, PKG / D6 / "关于全县生态保护红线面积情况的说明.docx")


def f17_bulletin():
    p = Pdf(PKG / D7 / "紫岚县2024年国民经济和社会发展统计公报.pdf")
    p.center("紫岚县2024年国民经济和社会发展统计公报", 17, 6)
    p.center("紫岚县统计局　2025年4月10日", 11, 12)
    p.para("一、综合。初步核算，2024年全县实现地区生产总值112.46亿元，按可比价格计算，比上年增长5.2%。其中，"
           "第一产业增加值18.62亿元，增长3.9%；第二产业增加值41.37亿元，增长5.8%；第三产业增加值52.47亿元，增长5.3%。"
           "年末全县户籍人口31.6万人。")
    p.para("二、农业。全年农作物播种面积38,412公顷。全年化肥施用量（折纯）12,486吨，下降3.2%；农药使用量286.3吨，下降4.1%。")
    p.para("三、财政。全年一般公共预算收入6.85亿元；一般公共预算支出24.53亿元，其中节能环保支出1.02亿元。")
    p.para("四、生态环境。县城PM2.5平均浓度29微克/立方米，空气质量优良天数比例93.7%；汉江出境断面水质保持Ⅱ类。")
    p.para("注：本公报中部分数据为初步统计数，地区生产总值及各产业增加值绝对数按现价计算，增长速度按可比价格计算。", 9.5, 0)
    p.save()


def submitted():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报表"
    ws["A1"] = "紫岚县2025年度县域生态环境质量监测评价指标数据填报汇总表"
    ws.merge_cells("A1:F1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "填报单位：紫岚县考核工作领导小组办公室（盖章）　　　填报时间：2026年1月25日"
    ws.merge_cells("A2:F2")
    heads = ["序号", "指标名称", "2025年填报数据", "计量单位", "数据提供单位", "佐证材料/备注"]
    for j, h in enumerate(heads, 1):
        ws.cell(3, j, h).font = Font(bold=True)
    for i, r in enumerate(SUBMITTED, 1):
        ws.cell(3 + i, 1, i)
        ws.cell(3 + i, 2, r[0])
        v = Decimal(r[1])
        ws.cell(3 + i, 3, int(v) if v == v.to_integral_value() else float(v))
        ws.cell(3 + i, 4, r[2])
        ws.cell(3 + i, 5, r[3])
        ws.cell(3 + i, 6, r[4])
    for col, wdt in zip("ABCDEF", (6, 36, 16, 12, 26, 30)):
        ws.column_dimensions[col].width = wdt
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(str(HERE / "submitted.xlsx"))


# name, value, unit, department, remark
SUBMITTED = [
    ("化肥施用量（折纯）", "12035.4", "吨", "县农业农村局", "农业投入品统计表"),
    ("农药使用量2025年", "265", "吨", "县农业农村局", None),
    ("畜禽粪污综合利用率（%）", "92.4", "%", "县农业农村局", "规模养殖场台账"),
    ("生活垃圾无害化处理率", "98.6", "%", "县住建局", None),
    ("县城生活垃圾清运量", "3.45", "万吨", "县住建局", "处理场进场量"),
    ("PM2.5年均浓度", "27", "μg/m3", "汉兴市生态环境局紫岚分局", None),
    ("集中式饮用水水源地水质达标率", "100", "%", "汉兴市生态环境局紫岚分局", None),
    ("农村黑臭水体整治", "3", "条", "县住建局", "已验收销号"),
    ("突发环境事件（起）", "0", "起", "汉兴市生态环境局紫岚分局", "见情况说明"),
    ("生态保护红线面积", "1186.42", "平方公里", "县自然资源局", None),
    ("环境监测经费", "35.6", "万元", "县财政局", "已拨付"),
    ("2025年第一产业增加值", "18.62", "亿元", "县统计局", None),
    ("乡镇生活污水集中处理率（%）", "90", "%", "县住建局", None),
    ("县委县政府专题研究生态环境保护工作会议", "4", "次", "县委办", "每季度1次"),
    ("野生动物收容救护数量", "37", "只", "县林业局", "秦岭野生动物救护站"),
]


def main():
    if PKG.exists():
        shutil.rmtree(PKG)
    PKG.mkdir(parents=True)
    for fn in (f01_q1_minutes, f02_q2_notice, f03_q3_minutes, f04_q4_minutes, f05_plan_draft, f06_npc_resolution,
               f07_voucher, f08_agri_stats, f09_manure_photo, f10_agri_plan, f11_msw_xlsx, f12_acceptance,
               f13_monitoring, f14_incident_statement, f15_empty, f16_redline_docx, f17_bulletin):
        fn()
    submitted()
    from labels_holdout3 import build_labels
    (HERE / "labels.json").write_text(json.dumps(build_labels(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

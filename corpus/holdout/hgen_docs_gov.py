"""Documents of 旗政府办 and 旗财政局 for the 云岭旗 2023 holdout package. Each builder writes its file(s) under
``root`` and returns the label entries."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import hgen_render as R
from hgen_labels import date, entry, link, num, page_texts, period
from hgen_office import write_docx

GOV = "01-旗政府办"
FIN = "02-旗财政局"


def q1_minutes(root: Path) -> list[dict[str, Any]]:
    """旗委常委会会议纪要〔2023〕第5期: text PDF; meeting 3月28日, printed 3月30日 (the meeting date decides)."""
    rel = f"{GOV}/旗委常委会会议纪要〔2023〕第5期.pdf"
    lines = [
        "# 中共云岭旗委员会",
        "# 旗委常委会会议纪要",
        "〔2023〕第5期",
        "中共云岭旗委办公室                              2023年3月30日印发",
        "    2023年3月28日下午，旗委书记乌力吉同志在旗委三楼会议室主持召开旗委常委会（扩大）",
        "会议，传达学习自治区生态环境保护委员会全体会议精神，专题研究部署2023年全旗生态",
        "环境保护和污染防治攻坚战工作。旗长包海军同志出席并讲话。现将会议议定事项纪要如下：",
        "    一、会议听取了市生态环境局云岭旗分局关于2022年度国家重点生态功能区县域生态",
        "环境质量监测与评价结果的汇报。会议指出，我旗2022年度评价结果为“基本稳定”，但草原",
        "退化、农村牧区生活污水收集处理等短板依然突出。",
        "    二、会议研究了中央生态环境保护督察反馈问题整改推进情况。会议要求，旗林草局牵头，",
        "年内完成退化草原生态修复3.2万亩；旗住建局确保旗污水处理厂稳定达标运行。",
        "    三、会议议定，旗财政安排2023年县域生态环境质量监测与评价工作经费15万元，专款专用。",
        "    四、会议要求各苏木镇、旗直各部门按季度报送生态环境保护工作推进情况。",
        "出席：乌力吉  包海军  其木格  王志刚  斯琴  刘建军  巴特尔",
        "列席：旗人大、旗政协有关负责同志，旗财政局、旗农牧局、旗林草局、旗住建局、旗水利局",
        "      主要负责同志",
        "请假：赵国庆（外出学习）",
        "分送：旗委常委，旗人大、旗政府、旗政协领导，各苏木镇党委，旗直各部门。",
    ]
    R.text_pdf(root / rel, [lines], "旗委常委会会议纪要")
    return [entry(rel, "pdf", "meeting_minutes", "2023-03-28", "旗委常委会会议纪要〔2023〕第5期",
                  facts=[date("2023年3月28日", "2023-03-28"), date("2023年3月30日", "2023-03-30"),
                         num("3.2万亩", "3.2", "万亩", "21333333.33", "m2"),
                         num("15万元", "15", "万元", "150000", "元"),
                         period("2023年", "2023-01-01", "2023-12-31")],
                  links=[link("party_gov_joint_eco_protection"), link("assessment_funding", "15", "万元", "mention")],
                  quarter="Q1", note="印发日期3月30日不是会议日期；会议日期3月28日决定季度")]


def q3_record(root: Path) -> list[dict[str, Any]]:
    """会议记录 form (时间/地点/主持人/参加人员/记录人/会议内容) of the 14th 旗政府常务会议, DOCX."""
    rel = f"{GOV}/旗政府第十四次常务会议记录.docx"
    content = ("一、听取旗林草局关于2023年退化草原生态修复工程进展情况的汇报。截至8月上旬，补播改良已完成"
               "2.6万亩，9月底前全部完工。二、研究旗污水处理厂提标改造及配套管网建设事项，同意由旗住建局"
               "按程序推进。三、学习贯彻习近平生态文明思想，研究部署下半年生态环境保护和污染防治攻坚战工作。"
               "包海军旗长强调，要压实苏木镇和部门责任，确保全年县域生态环境质量保持稳定。")
    blocks = [("title", "会 议 记 录"),
              ("form", [("会议名称", "云岭旗人民政府2023年第14次常务会议"),
                        ("时    间", "2023年8月16日上午9:00"),
                        ("地    点", "旗政府第一会议室"),
                        ("主 持 人", "包海军（旗长）"),
                        ("参加人员", "王志刚 斯琴 刘建军 巴特尔 阿拉坦"),
                        ("列席人员", "旗林草局、旗住建局、旗财政局、市生态环境局云岭旗分局主要负责人"),
                        ("记 录 人", "萨仁"),
                        ("会议内容", content)])]
    write_docx(root / rel, blocks, "会议记录")
    return [entry(rel, "docx", "meeting_minutes", "2023-08-16", "云岭旗人民政府2023年第14次常务会议记录",
                  facts=[date("2023年8月16日", "2023-08-16"), num("2.6万亩", "2.6", "万亩", "17333333.33", "m2")],
                  links=[link("party_gov_joint_eco_protection")], quarter="Q3")]


Q4_LINES = [
    "云岭旗生态环境保护委员会专题会议记录",
    "时间：二〇二三年十一月二日 上午9:30",
    "地点：旗政府第二会议室",
    "主持人：乌力吉（旗委书记） 包海军（旗长）",
    "参加人员：其木格 王志刚 斯琴 刘建军",
    "          及旗直有关部门负责人",
    "记录人：萨仁",
    "会议内容：",
    "一、通报中央生态环境保护督察反馈问题整改进展，",
    "已完成整改销号12项，剩余3项年底前完成。",
    "二、研究部署冬季大气污染防治和燃煤散烧治理。",
    "三、旗住建局汇报旗污水处理厂运行情况，1—10月",
    "累计处理生活污水346.2万吨。",
    "四、各苏木镇做好2023年度县域生态环境质量监测",
    "与评价自查材料准备，12月20日前报送。",
    "记录人签字：",
]


def q4_scan(root: Path) -> list[dict[str, Any]]:
    """Scanned handwritten-style 会议记录 (1 page): skew, lighting gradient, fold, blue signature, no seal."""
    rel = f"{GOV}/四季度生态环保专题会议记录（扫描）.pdf"
    img, boxes = R.render_page_image(Q4_LINES, font_px=33)
    last = boxes[-1]
    R.draw_signature(img, (last[2] + 30, last[1] - 20), seed=41)
    R.scan_pdf(root / rel, [R.degrade(img, seed=42, skew_deg=2.0)])
    return [entry(rel, "pdf", "meeting_minutes", "2023-11-02", Q4_LINES[0], scanned=True, seal_pages=[],
                  pages=page_texts([Q4_LINES]),
                  facts=[date("二〇二三年十一月二日", "2023-11-02"), num("12项", "12", "项"),
                         num("346.2万吨", "346.2", "万吨", "3462000", "t"),
                         period("1—10月", "2023-01-01", "2023-10-31")],
                  links=[link("party_gov_joint_eco_protection")], quarter="Q4",
                  note="会议记录只有记录人蓝色签字，无印章（纪要/记录通常不盖章）")]


def q2_convening_notice(root: Path) -> list[dict[str, Any]]:
    """A notice convening a Q2 meeting: NOT minutes, so Q2 stays uncovered."""
    rel = f"{GOV}/关于召开二季度生态环境保护工作推进会的通知.docx"
    blocks = [("center", "云岭旗人民政府办公室"), ("center", "云政办字[2023]31号"),
              ("title", "关于召开全旗二季度生态环境保护工作推进会的通知"),
              ("p", "各苏木镇人民政府，旗直各有关部门："),
              ("p", "经旗人民政府同意，定于2023年6月8日（星期四）上午9时在旗政府第一会议室召开全旗二季度"
                    "生态环境保护工作推进会，现将有关事项通知如下："),
              ("p", "一、参会人员：各苏木镇分管负责同志，旗农牧局、旗林草局、旗住建局、旗水利局、"
                    "市生态环境局云岭旗分局主要负责同志。"),
              ("p", "二、会议内容：通报一季度县域生态环境质量监测与评价工作进展，安排部署二季度重点任务。"),
              ("p", "三、请各单位于6月6日前将参会人员名单报旗政府办秘书科，联系人：萨仁。"),
              ("right", "云岭旗人民政府办公室"), ("right", "2023年5月22日")]
    write_docx(root / rel, blocks, "会议通知")
    return [entry(rel, "docx", "notice", "2023-05-22", "关于召开全旗二季度生态环境保护工作推进会的通知",
                  facts=[date("2023年6月8日", "2023-06-08"), date("2023年5月22日", "2023-05-22")],
                  links=[], doc_numbers=["云政办字〔2023〕31号"],
                  note="召开会议的通知不是会议记录/纪要，不能证明二季度开过会")]


def draft_plan(root: Path) -> list[dict[str, Any]]:
    """The yearly 实施方案 as a 送审稿 (draft): targets only, not evidence."""
    rel = f"{GOV}/云岭旗2023年度县域生态环境质量监测与评价工作实施方案（送审稿）.docx"
    blocks = [("title", "云岭旗2023年度国家重点生态功能区县域生态环境质量监测与评价工作实施方案"),
              ("center", "（送审稿）"),
              ("p", "为做好2023年度国家重点生态功能区县域生态环境质量监测与评价工作，根据《“十四五”国家重点"
                    "生态功能区县域生态环境质量监测与评价指标体系及实施细则》（环办监测函〔2022〕30号）要求，"
                    "结合我旗实际，制定本方案。"),
              ("p", "一、工作目标。2023年，全旗空气质量优良天数比例不低于92%，地表水达到或优于Ⅲ类水质比例"
                    "保持100%，城镇生活污水集中处理率达到95%以上，县域生态环境质量保持稳定。"),
              ("p", "二、组织领导。成立由旗长任组长的工作领导小组，领导小组办公室设在市生态环境局云岭旗分局。"),
              ("p", "三、职责分工。旗财政局负责生态环境保护与治理投入及工作经费保障；旗住建局负责城镇生活污水"
                    "处理相关材料；旗农牧局负责农村牧区环境整治、农业面源污染防治；旗林草局负责生态保护修复"
                    "工程；旗水利局负责苏木镇饮用水水源地保护；旗统计局负责基本情况数据。"),
              ("p", "四、时间安排。各单位于2023年12月20日前报送自查材料，2024年1月底前完成数据填报。"),
              ("right", "云岭旗人民政府办公室"), ("right", "2023年4月10日")]
    write_docx(root / rel, blocks, "实施方案（送审稿）")
    return [entry(rel, "docx", "plan", "2023-04-10", "云岭旗2023年度国家重点生态功能区县域生态环境质量监测与评价工作实施方案",
                  facts=[num("92%", "92", "%"), num("95%", "95", "%"), date("2023年4月10日", "2023-04-10")],
                  links=[link("assessment_organization"), link("air_good_days_ratio", "92", "%", "target"),
                         link("urban_sewage_treatment_rate", "95", "%", "target")],
                  draft=True, subtype="plan_or_scheme", note="送审稿，不是正式印发版本")]


def oa_notice(root: Path) -> list[dict[str, Any]]:
    """OA print-out (电子公文打印版) of the leading-group notice, 文号 with 【】; printed 2024-01-05."""
    rel = f"{GOV}/电子公文打印版-关于成立领导小组的通知.pdf"
    lines = [
        "电子公文打印版    打印单位：云岭旗人民政府办公室    打印人：萨仁    打印时间：2024-01-05 15:42",
        "--------------------------------------------------------------------------------------------",
        "# 云岭旗人民政府办公室文件",
        "云政办发【2023】12号",
        "# 关于成立云岭旗县域生态环境质量监测与评价工作领导小组的通知",
        "各苏木镇人民政府，旗直各有关部门：",
        "    为切实做好国家重点生态功能区县域生态环境质量监测与评价工作，经旗人民政府研究，决定成立",
        "云岭旗县域生态环境质量监测与评价工作领导小组。现将组成人员通知如下：",
        "    组  长：包海军  旗委副书记、旗长",
        "    副组长：王志刚  副旗长",
        "            斯  琴  市生态环境局云岭旗分局局长",
        "    成  员：旗财政局、旗农牧局、旗林草局、旗住建局、旗水利局、旗统计局主要负责同志，",
        "            各苏木镇镇长（苏木达）。",
        "    领导小组办公室设在市生态环境局云岭旗分局，负责日常工作，按季度调度工作进展。",
        "> 云岭旗人民政府办公室",
        "> 2023年3月6日",
        "（此件公开发布）",
    ]
    R.text_pdf(root / rel, [lines], "电子公文打印版", size=10.5)
    return [entry(rel, "pdf", "notice", "2023-03-06", "关于成立云岭旗县域生态环境质量监测与评价工作领导小组的通知",
                  facts=[date("2023年3月6日", "2023-03-06"), date("2024-01-05", "2024-01-05")],
                  links=[link("assessment_organization")], doc_numbers=["云政办发〔2023〕12号"],
                  subtype="notice", note="OA打印版：打印时间2024-01-05不是成文日期")]


# ---------------------------------------------------------------- 旗财政局
FINAL_ROWS = [  # (code, name, adjusted budget 元, final 元)
    ("201", "一般公共服务支出", 231500000, 238460000),
    ("204", "公共安全支出", 95000000, 96520000),
    ("205", "教育支出", 398000000, 402380000),
    ("208", "社会保障和就业支出", 350200000, 356710000),
    ("210", "卫生健康支出", 195600000, 198240000),
    ("211", "节能环保支出", 128000000, 132760000),
    ("212", "城乡社区支出", 180300000, 187650000),
    ("213", "农林水支出", 505800000, 512930000),
    ("214", "交通运输支出", 90100000, 88410000),
]
TOTAL_FINAL = 2416800000  # 元 = 24.168亿元
ECO_PARTS = [("污染防治", 62180000), ("自然生态保护", 48926500), ("天然林保护及退耕还林还草", 52307700),
             ("生活污水、垃圾等环境基础设施建设运行", 22940000)]
ECO_TOTAL = sum(v for _, v in ECO_PARTS)  # 186,354,200 元 = 18635.42万元


def _yuan(v: int) -> str:
    return f"{v:,.2f}"


def final_accounts(root: Path) -> list[dict[str, Any]]:
    """一般公共预算支出决算表, 单位：元 (the money unit trap: submitted in 万元/亿元)."""
    rel = f"{FIN}/2023年一般公共预算支出决算表.pdf"
    other_final = TOTAL_FINAL - sum(r[3] for r in FINAL_ROWS)
    other_budget = 2380000000 - sum(r[2] for r in FINAL_ROWS)
    lines = ["# 云岭旗2023年一般公共预算支出决算表", ">单位：元",
             "科目编码 | 科目名称 | 调整预算数 | 决算数"]
    for code, name, bud, fin in FINAL_ROWS:
        lines.append(f"{code} | {name} | {_yuan(bud)} | {_yuan(fin)}")
    lines.append(f"— | 其他各项支出 | {_yuan(other_budget)} | {_yuan(other_final)}")
    lines.append(f"— | 支出合计 | {_yuan(2380000000)} | {_yuan(TOTAL_FINAL)}")
    lines += ["", "附表：生态环境保护与治理支出明细（单位：元）", "项目 | 决算数"]
    for name, v in ECO_PARTS:
        lines.append(f"{name} | {_yuan(v)}")
    lines.append(f"生态环境保护与治理支出合计 | {_yuan(ECO_TOTAL)}")
    lines += ["", "说明：生态环境保护与治理支出按节能环保支出、农林水支出中的生态保护修复及环境基础设施",
              "建设运行相关科目归集。", "> 云岭旗财政局", "> 2024.6.20"]
    R.text_pdf(root / rel, [lines], "一般公共预算支出决算表", size=9.5)
    eco_wan = (Decimal(ECO_TOTAL) / 10000).quantize(Decimal("0.01"))
    assert str(eco_wan) == "18635.42"
    return [entry(rel, "pdf", "budget_document", "2024-06-20", "云岭旗2023年一般公共预算支出决算表",
                  facts=[num(_yuan(TOTAL_FINAL), str(TOTAL_FINAL), "元"),
                         num(_yuan(ECO_TOTAL), str(ECO_TOTAL), "元"),
                         date("2024.6.20", "2024-06-20"), period("2023年", "2023-01-01", "2023-12-31")],
                  links=[link("fiscal_total_expenditure", str(TOTAL_FINAL), "元"),
                         link("eco_investment_amount", str(ECO_TOTAL), "元")],
                  subtype="budget_report", fiscal_year=2023,
                  note="金额单位为元（表头“单位：元”），填报值为万元/亿元；调整预算数不是决算数")]


def npc_resolution(root: Path) -> list[dict[str, Any]]:
    """人大 resolution passing the 2023 budget; its 23.50亿元 is a budget figure, not the actual expenditure."""
    rel = f"{FIN}/旗人大关于2022年预算执行情况和2023年预算的决议.docx"
    blocks = [("title", "云岭旗第十七届人民代表大会第三次会议关于云岭旗2022年预算执行情况和2023年预算的决议"),
              ("center", "（2023年1月12日云岭旗第十七届人民代表大会第三次会议通过）"),
              ("p", "云岭旗第十七届人民代表大会第三次会议审查了旗人民政府提出的《关于云岭旗2022年预算执行情况和"
                    "2023年预算草案的报告》及2023年预算草案，同意旗人民代表大会财政经济委员会的审查结果报告。"),
              ("p", "会议决定，批准旗人民政府提出的《关于云岭旗2022年预算执行情况和2023年预算草案的报告》，"
                    "批准2023年旗本级预算。2023年全旗一般公共预算支出安排23.50亿元，其中节能环保支出1.28亿元。"),
              ("p", "会议要求，旗人民政府要严格执行经本次会议批准的预算，加大生态环境保护投入，"
                    "确保重点生态功能区转移支付资金用于生态环境保护和改善民生。")]
    write_docx(root / rel, blocks, "人大决议")
    return [entry(rel, "docx", "budget_document", "2023-01-12",
                  "云岭旗第十七届人民代表大会第三次会议关于云岭旗2022年预算执行情况和2023年预算的决议",
                  facts=[date("2023年1月12日", "2023-01-12"), num("23.50亿元", "23.50", "亿元", "2350000000", "元"),
                         num("1.28亿元", "1.28", "亿元", "128000000", "元")],
                  links=[link("fiscal_total_expenditure", "23.50", "亿元", "target")],
                  subtype="npc_budget_resolution", note="预算安排数不是决算（实际支出）数")]


VOUCHER_LINES = [
    "云岭旗财政国库集中支付凭证",
    "支付日期：2023年04月19日   凭证号：YL2023-0419-0087",
    "预算单位：市生态环境局云岭旗分局",
    "功能分类科目：2110299 其他环境监测与监察支出",
    "经济分类科目：30227 委托业务费",
    "收款人全称：云岭旗生态环境监测站",
    "收款人账号：1506 2201 0400 1873 562",
    "用途：2023年县域生态环境质量监测与评价工作经费",
    "金额（小写）：¥150,000.00",
    "金额（大写）：人民币壹拾伍万元整",
    "支付方式：直接支付",
    "经办人：高娃      复核：李春燕",
]


def voucher_scan(root: Path) -> list[dict[str, Any]]:
    """Scanned 国库集中支付凭证: 150 dpi, skewed, with the red seal partly over the amount lines."""
    rel = f"{FIN}/考核工作经费国库支付凭证（扫描）.pdf"
    img, boxes = R.render_page_image(VOUCHER_LINES, font_px=31)
    amt = boxes[8]
    R.draw_seal(img, (amt[0] + 420, amt[1] + 40), 130, "云岭旗财政局国库支付中心", seed=81)
    R.scan_pdf(root / rel, [R.degrade(img, seed=82, skew_deg=-1.6, fold=False)])
    return [entry(rel, "pdf", "payment_voucher", "2023-04-19", VOUCHER_LINES[0], scanned=True, seal_pages=[1],
                  pages=page_texts([VOUCHER_LINES]),
                  facts=[date("2023年04月19日", "2023-04-19"), num("¥150,000.00", "150000", "元"),
                         num("人民币壹拾伍万元整", "150000", "元")],
                  links=[link("assessment_funding", "150000", "元")],
                  note="红色印章部分压在金额数字上")]


def build(root: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for fn in (q1_minutes, q3_record, q4_scan, q2_convening_notice, draft_plan, oa_notice,
               final_accounts, npc_resolution, voucher_scan):
        out += fn(root)
    return out

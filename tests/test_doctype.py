"""Document type, title, 文号, draft/人大 flags and document dates on hand-made documents (real fact extractor)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifiers.cues import DOC_TYPES
from classifiers.doctype import classify_document
from extract.facts import extract_facts
from extract.model import DocClass, Document
from tests.fixtures.classify.docs import Table, make_doc


def classify(doc: Document) -> DocClass:
    return classify_document(doc, extract_facts(doc))


MINUTES = make_doc("县政府办/2024年第二季度/常务会议纪要.pdf", [[
    "XX县人民政府常务会议纪要",
    "第12期",
    "XX县人民政府办公室                2024年5月20日",
    "5月16日，县长张建国主持召开县政府第15次常务会议，研究部署生态环境保护和污染防治攻坚战工作。",
    "会议听取了县生态环境分局关于中央生态环境保护督察反馈问题整改情况的汇报。",
    "会议研究了《XX县2024年大气污染防治工作方案》，会议议定：原则同意该方案，由县生态环境分局印发实施。",
    "会议强调，各乡镇、各部门要压实责任。",
    "出席：张建国  李明  王芳",
    "列席：县生态环境分局  县财政局",
    "请假：赵强",
]])

RED_HEADER_MINUTES = make_doc("纪要.pdf", [[
    "XX县人民政府办公室文件",
    "X政办纪〔2024〕7号",
    "县政府专题会议纪要",
    "2024年8月2日，副县长李明主持召开专题会议，研究农村生活污水治理工作。",
    "会议听取了县水利局的汇报。会议议定如下：",
    "XX县人民政府办公室",
    "2024年8月5日",
    "抄送：县委办，县人大办。",
    "XX县人民政府办公室                 2024年8月5日印发",
]])

CONVENING = make_doc("会议/关于召开生态环境保护委员会全体会议的通知.pdf", [[
    "XX县人民政府办公室",
    "关于召开县生态环境保护委员会2024年第三次全体会议的通知",
    "各乡镇人民政府，县直有关部门：",
    "经县政府研究，决定召开县生态环境保护委员会2024年第三次全体会议，听取各成员单位工作汇报，研究部署下一阶段工作。",
    "一、会议时间：2024年9月12日（星期四）上午9:00",
    "二、会议地点：县政府三楼会议室",
    "三、参会人员：县生态环境保护委员会全体成员",
    "请各单位主要负责同志准时参加，不得请假。",
    "特此通知。",
    "XX县人民政府办公室",
    "2024年9月9日",
]])

NOTICE_ISSUING = make_doc("政府办/实施方案印发通知.pdf", [[
    "XX县人民政府办公室文件",
    "X政办发〔2024〕15号",
    "XX县人民政府办公室",
    "关于印发《XX县2024年国家重点生态功能区县域生态环境质量监测与评价工作实施方案》的通知",
    "各乡镇人民政府，县直各部门：",
    "现将《XX县2024年国家重点生态功能区县域生态环境质量监测与评价工作实施方案》印发给你们，请认真组织实施。"
    "根据环办监测函〔2022〕30号要求……",
    "XX县人民政府办公室",
    "二〇二四年三月十五日",
    "（此件公开发布）",
    "抄送：县委办公室。",
    "XX县人民政府办公室                              2024年3月18日印发",
]])

FUND_ALLOCATION = make_doc("财政局/资金.pdf", [[
    "XX县财政局文件",
    "X财建〔2024〕21号",
    "关于下达2024年中央重点生态功能区转移支付资金的通知",
    "各乡镇人民政府、县直有关单位：",
    "根据省财政厅有关文件，现下达你单位2024年重点生态功能区转移支付资金1250万元，请按规定用途使用。",
    "特此通知。",
    "XX县财政局",
    "2024年6月3日",
]])

NPC_RESOLUTION = make_doc("财政局/人大决议.pdf", [[
    "XX县第十八届人民代表大会第四次会议关于XX县2023年预算执行情况和2024年预算的决议",
    "（2024年1月18日XX县第十八届人民代表大会第四次会议通过）",
    "XX县第十八届人民代表大会第四次会议审查了县人民政府提出的《关于XX县2023年预算执行情况和2024年预算草案的报告》，"
    "会议决定批准县人民政府提出的2024年县级预算。",
]])

BUDGET_DRAFT_REPORT = make_doc("财政局/预算报告.docx", [[
    "关于XX县2023年预算执行情况和2024年预算草案的报告",
    "——2024年1月15日在XX县第十八届人民代表大会第四次会议上",
    "县财政局局长  王文",
    "一、2023年预算执行情况。全县一般公共预算支出144250万元，其中节能环保支出29094万元。",
    "二、2024年预算草案。请大会审议批准。",
]])

VOUCHER = make_doc("财政局/凭证/电子回单.pdf", [[
    "中国农业银行网上银行电子回单",
    "回单编号：2024061800123",
    "交易日期：2024年6月18日",
    "付款人：XX县财政局    付款账号：6228 4801 2345 6789",
    "收款人：XX县生态环境分局    开户行：中国农业银行XX支行",
    "金额（大写）：人民币壹拾贰万元整    ¥120,000.00",
    "用途：县域生态环境质量考核工作经费",
]], fmt="pdf", ocr=True)

ACCEPTANCE = make_doc("林业局/退耕还林验收.pdf", [[
    "XX县2023年度退耕还林工程竣工验收报告",
    "一、工程概况",
    "建设单位：XX县林业局；施工单位：XX林业工程有限公司；监理单位：XX工程监理有限公司。",
    "二、验收结论",
    "验收组经现场核查，一致同意通过竣工验收。",
    "验收日期：2024年4月26日",
    "验收组组长签字：",
]])

PRELIMINARY = make_doc("住建局/初验.pdf", [[
    "XX县城区污水管网改造工程初步验收意见",
    "2024年7月3日，建设单位组织设计、施工、监理单位对工程进行了初步验收。",
    "验收结论：工程质量合格，同意通过初步验收。",
]])

MONITORING = make_doc("生态环境分局/水质监测.pdf", [[
    "XX县2024年第三季度地表水环境质量监测报告",
    "报告编号：XXJC-2024-0123",
    "委托单位：XX县生态环境分局",
    "采样日期：2024年8月12日   分析日期：2024年8月13日—8月20日",
    "检测项目：pH、溶解氧、高锰酸盐指数、化学需氧量、氨氮、总磷",
    "评价标准：GB 3838-2002《地表水环境质量标准》",
    "本报告未经本单位书面批准，不得部分复制。",
]], fmt="pdf")

STAT_BULLETIN = make_doc("统计局/2023年统计公报.pdf", [[
    "XX县2023年国民经济和社会发展统计公报",
    "XX县统计局",
    "2024年3月28日",
    "初步核算，全年地区生产总值125.6亿元，按可比价格计算，比上年增长5.2%。",
]])

LEDGER = make_doc("住建局/污水厂运行台账.xlsx", [[
    Table([
        ["日期", "进水量（m³）", "出水量（m³）", "COD进水（mg/L）"],
        ["2024-01-01", "5200", "5100", "210"],
        ["2024-01-02", "5300", "5150", "205"],
        ["2024-01-03", "5100", "5000", "198"],
        ["2024-01-31", "5000", "4900", "201"],
    ], caption="XX县污水处理厂2024年1月运行日报表"),
    Table([["填表日期", "2024-02-03"]]),
    "填表人：李丽    审核人：张强",
]], fmt="xlsx")

NAME_LIST = make_doc("生态环境分局/名单.xlsx", [[
    Table([
        ["序号", "乡镇", "水源地名称", "保护区批复文号"],
        ["1", "城关镇", "北河水源地", "X政函〔2019〕12号"],
        ["2", "河口乡", "南山水库", "X政函〔2019〕12号"],
        ["3", "石门镇", "石门泉", "X政函〔2020〕5号"],
    ], caption="XX县乡镇集中式饮用水水源地名单"),
]], fmt="xlsx")

PLAN = make_doc("自然资源局/规划.pdf", [[
    "XX县“十四五”生态保护修复规划（2021—2025年）",
    "XX县自然资源局  编制",
    "第一章 指导思想与基本原则",
    "第二章 规划目标：到2025年，全县森林覆盖率达到62%以上。",
    "第三章 主要任务",
    "第四章 保障措施",
]])

DRAFT_PLAN = make_doc("农业农村局/面源规划.docx", [[
    "XX县农业面源污染防治规划（2023—2027年）",
    "（征求意见稿）",
    "一、规划目标", "二、重点任务", "三、保障措施",
]])

SELF_CHECK = make_doc("自查报告.pdf", [[
    "XX县2024年国家重点生态功能区县域生态环境质量监测",  # a title wrapped over two lines of a PDF
    "与评价自查报告",
    "一、县域基本情况", "二、工作组织情况", "三、存在问题", "四、下一步工作",
]])

STATEMENT = make_doc("应急局/情况说明.pdf", [[
    "关于2024年度未发生突发环境事件的情况说明",
    "经核实，评价年内我县未发生突发环境事件。",
    "特此说明。",
    "XX县应急管理局",
    "2024年10月15日",
]])

INFO_TABLE = make_doc("填报/县域自然、社会、经济基本情况表.xlsx", [[
    Table([["指标", "单位", "数值"], ["县域国土面积", "平方公里", "3250.6"], ["总人口", "万人", "28.6"]],
          caption="县域自然、社会、经济基本情况表"),
]], fmt="xlsx")

CONTRACT = make_doc("城管局/合同.pdf", [[
    "XX县乡镇生活垃圾转运服务合同",
    "甲方：XX县城市管理综合执法局",
    "乙方：XX环境服务有限公司",
    "合同金额：人民币叁拾陆万元整（¥360,000.00），服务期限：2024年1月1日至2024年12月31日。",
]])

PHOTO = make_doc("照片/IMG_0231.jpg", [["2024-05-12 10:21 北纬34.2"]], fmt="image", ocr=True)

APPROVAL = make_doc("水利局/批复.pdf", [[
    "XX县人民政府",
    "X政复〔2023〕8号",
    "XX县人民政府关于乡镇集中式饮用水水源保护区划定方案的批复",
    "县水利局：",
    "你局《关于乡镇集中式饮用水水源保护区划定方案的请示》（X水字〔2023〕11号）收悉。经研究，批复如下：",
    "一、同意……", "此复。",
    "XX县人民政府", "2023年11月20日",
]])


BUDGET_APPROVAL = make_doc("财政局/预算批复.pdf", [[
    "X财预〔2024〕3号",
    "XX县财政局关于批复县生态环境分局2024年部门",  # the title wraps after an organ-name prefix
    "预算的通知",
    "县生态环境分局：",
    "根据县第十八届人民代表大会第四次会议审议通过的2024年县级预算，现将你单位2024年部门预算批复如下。",
    "XX县财政局", "二〇二四年二月二日",
]])


@pytest.mark.parametrize(("doc", "doc_type", "subtype"), [
    (BUDGET_APPROVAL, "budget_document", "budget_approval"),
    (MINUTES, "meeting_minutes", "meeting_minutes"),
    (RED_HEADER_MINUTES, "meeting_minutes", "meeting_minutes"),
    (CONVENING, "notice", "meeting_notice"),
    (NOTICE_ISSUING, "notice", "notice_issuing_plan"),
    (FUND_ALLOCATION, "payment_voucher", "fund_allocation"),
    (NPC_RESOLUTION, "budget_document", "npc_budget_resolution"),
    (BUDGET_DRAFT_REPORT, "budget_document", "budget_report"),
    (VOUCHER, "payment_voucher", "payment_voucher"),
    (ACCEPTANCE, "acceptance_report", "acceptance_report"),
    (PRELIMINARY, "acceptance_report", "preliminary_acceptance"),
    (MONITORING, "monitoring_report", "monitoring_report"),
    (STAT_BULLETIN, "monitoring_report", "statistical_report"),
    (LEDGER, "ledger", "operation_ledger"),
    (NAME_LIST, "ledger", "name_list"),
    (PLAN, "plan", "plan_or_scheme"),
    (DRAFT_PLAN, "plan", "plan_or_scheme"),
    (SELF_CHECK, "other", "self_check_report"),
    (STATEMENT, "other", "situation_statement"),
    (INFO_TABLE, "other", "info_table"),
    (CONTRACT, "other", "contract"),
    (PHOTO, "other", "photo"),
    (APPROVAL, "notice", "approval_reply"),
])
def test_type_and_subtype(doc: Document, doc_type: str, subtype: str) -> None:
    dc = classify(doc)
    assert (dc.doc_type, dc.subtype) == (doc_type, subtype), dc.cues
    assert 0.0 < dc.confidence <= 1.0
    assert dc.cues


def test_wrapped_title_is_joined() -> None:
    assert classify(SELF_CHECK).title == "XX县2024年国家重点生态功能区县域生态环境质量监测与评价自查报告"


def test_minutes_cues_date_and_number() -> None:
    dc = classify(MINUTES)
    assert "标题以“纪要”结尾" in dc.cues
    assert any("会议研究" in c for c in dc.cues)
    assert dc.doc_date == date(2024, 5, 16)  # the meeting date, not the 纪要's issue date
    red = classify(RED_HEADER_MINUTES)
    assert red.doc_number == "X政办纪〔2024〕7号"
    assert red.doc_date == date(2024, 8, 2)


def test_oa_printout_time_is_not_the_meeting_date() -> None:
    doc = make_doc("纪要.pdf", [[
        "电子公文打印版 打印单位：XX县人民政府办公室 打印时间：2024-12-05 10:12",
        "中共XX县委常委会（扩大）会议纪要",
        "〔2024〕第11期",
        "中共XX县委办公室 2024年11月27日",
        "2024年11月26日，县委书记王建国同志主持召开县委常委会（扩大）会议，研究生态环境保护工作。",
    ]], fmt="pdf")
    dc = classify(doc)
    assert dc.doc_type == "meeting_minutes" and dc.doc_date == date(2024, 11, 26)


def test_convening_notice_is_not_minutes_and_is_dated_by_signature() -> None:
    dc = classify(CONVENING)
    assert dc.doc_type == "notice"
    assert "标题为召开会议的通知（非纪要）" in dc.cues
    assert dc.doc_date == date(2024, 9, 9)  # not the meeting date 9月12日


def test_notice_own_number_chinese_signature_date_not_imprint() -> None:
    dc = classify(NOTICE_ISSUING)
    assert dc.doc_number == "X政办发〔2024〕15号"  # the header one, not the cited 环办监测函〔2022〕30号
    assert dc.doc_date == date(2024, 3, 15)  # 成文日期 in Chinese numerals, not the 3月18日 印发 line
    assert dc.title and dc.title.startswith("关于印发《XX县2024年") and dc.title.endswith("的通知")


def test_plan_body_dominating_its_notice_becomes_plan() -> None:
    body = "一、总体要求。" + "各部门要按照职责分工抓好落实，确保各项任务按期完成。" * 300
    doc = make_doc("方案.docx", [[
        "关于印发《XX县农村生活污水治理实施方案》的通知",
        "各乡镇人民政府：现将《XX县农村生活污水治理实施方案》印发给你们，请认真贯彻执行。",
        "XX县人民政府办公室", "2024年4月1日",
    ], ["XX县农村生活污水治理实施方案", body, "二、工作目标", "三、主要任务", "四、保障措施"]])
    dc = classify(doc)
    assert dc.doc_type == "plan"
    assert dc.cues[0].startswith("由通知印发")


def test_npc_flags() -> None:
    resolution = classify(NPC_RESOLUTION)
    assert resolution.npc_passed
    assert resolution.doc_date == date(2024, 1, 18)
    assert (resolution.period_start, resolution.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    draft_report = classify(BUDGET_DRAFT_REPORT)
    assert not draft_report.npc_passed  # "请大会审议批准" is a request, not a passing line
    assert not draft_report.draft  # a report on the draft budget is not itself a draft
    assert not classify(BUDGET_APPROVAL).npc_passed  # it cites the passed budget; it is not the passing act


def test_draft_marker_in_title_area() -> None:
    dc = classify(DRAFT_PLAN)
    assert dc.draft
    assert not classify(PLAN).draft
    wrapped = make_doc("报告.pdf", [[
        "关于XX县2023年预算执行情况和2024年预算草案的报告",
        "受县人民政府委托，现将XX县2023年预算执行情况和2024年预算草案",  # a wrapped line ending in 草案
        "提请大会审议。",
    ]], fmt="pdf")
    assert not classify(wrapped).draft
    assert (dc.period_start, dc.period_end) == (date(2023, 1, 1), date(2027, 12, 31))


def test_dates_by_type() -> None:
    assert classify(ACCEPTANCE).doc_date == date(2024, 4, 26)
    assert classify(VOUCHER).doc_date == date(2024, 6, 18)
    mon = classify(MONITORING)
    assert (mon.period_start, mon.period_end) == (date(2024, 7, 1), date(2024, 9, 30))
    stat = classify(STAT_BULLETIN)
    assert (stat.period_start, stat.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert stat.doc_date == date(2024, 3, 28)
    led = classify(LEDGER)
    assert (led.period_start, led.period_end) == (date(2024, 1, 1), date(2024, 1, 31))  # not the 填表日期 cell
    assert led.doc_date == date(2024, 2, 3)
    assert classify(STATEMENT).doc_date == date(2024, 10, 15)


def test_ocr_noisy_minutes_with_spaced_title() -> None:
    doc = make_doc("scan.pdf", [[
        "县 委 常 委 会 会 议 纪 要",
        "2024年3月28日，县委书记刘洋主持召开县委常委会会议。",
        "会议研究了生态环境保护工作，会议要求……",
    ]], fmt="pdf", ocr=True)
    dc = classify(doc)
    assert dc.doc_type == "meeting_minutes"
    assert dc.title == "县委常委会会议纪要"
    assert dc.doc_date == date(2024, 3, 28)


def test_empty_and_textless_documents_are_other_with_low_confidence() -> None:
    empty = Document(path="a/空.pdf", sha256="0" * 64, format="pdf")
    dc = classify_document(empty, [])
    assert dc.doc_type == "other" and dc.confidence < 0.5 and dc.title is None
    blank = make_doc("b/扫描件.pdf", [["   "]], fmt="pdf", ocr=True)
    assert classify(blank).doc_type == "other"


def test_file_name_is_only_a_weak_cue() -> None:
    # a folder named 会议纪要 holding a convening notice must not make it minutes
    doc = make_doc("会议纪要/2024/第三季度纪要.pdf", CONVENING.pages and [[b.text for b in CONVENING.pages[0].blocks]])
    assert classify(doc).doc_type == "notice"


def test_red_header_heading_is_not_the_title() -> None:
    doc = make_doc("通知.docx", [[
        "XX县人民政府办公室文件",
        "X政办发〔2024〕9号",
        "关于成立县域生态环境质量监测与评价工作领导小组的通知",
        "各乡镇人民政府，县直各部门：为做好……，经县政府同意，决定成立领导小组。",
        "特此通知。", "XX县人民政府办公室", "2024年3月1日",
    ]], titles=3)
    dc = classify(doc)
    assert dc.title == "关于成立县域生态环境质量监测与评价工作领导小组的通知"
    assert dc.doc_type == "notice" and dc.doc_number == "X政办发〔2024〕9号"  # blocks above the title are the header


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="关于通知纪要会议研究报告年月日2024〔〕号第一二三%万元：，。（）\n |合计监测草案", max_size=60),
                min_size=1, max_size=8))
def test_classify_never_raises_on_arbitrary_text(lines: list[str]) -> None:
    doc = make_doc("任意/文件.pdf", [lines], fmt="pdf")
    dc = classify(doc)
    assert dc.doc_type in DOC_TYPES and 0.0 <= dc.confidence <= 1.0


@pytest.mark.parametrize(("title", "body", "doc_type"), [
    ("关于XX县产业园区总体规划环境影响报告书的审查意见", "你单位报送的报告书收悉。经研究，提出审查意见如下：", "notice"),
    ("XX县2024年生态环境保护工作要点", "一、总体要求。二、重点任务。", "plan"),
    ("XX县城区污水处理厂竣工验收备案表", "建设单位：XX县住建局。施工单位：XX公司。", "acceptance_report"),
    ("关于XX县2023年度财政决算的报告", "2023年全县一般公共预算支出完成271,860万元。", "budget_document"),
    ("县委常委会会议记录", "时间：2024年4月2日\n地点：县委三楼会议室\n主持人：刘洋\n记录人：张丽\n会议研究了生态环境保护工作。",
     "meeting_minutes"),
    ("关于2024年度生态环境保护工作情况的报告", "2024年，我局认真贯彻落实……现将有关情况报告如下。", "other"),
    ("关于申请拨付农村环境整治项目资金的请示", "为保障项目顺利实施，特申请拨付资金。妥否，请批示。", "notice"),
    ("XX县集中式饮用水水源地水质监测月报", "采样日期：2024年5月8日。检测项目：pH、氨氮。", "monitoring_report"),
    ("XX县生态保护红线名录", "序号、名称、面积。", "ledger"),
    ("排污许可证（副本）", "证书编号：91510000MA6CXXXX001P。行业类别：污水处理。有效期限：2023年至2028年。", "other"),
])
def test_title_variety(title: str, body: str, doc_type: str) -> None:
    doc = make_doc("材料/扫描件001.pdf", [[title] + body.split("\n")], fmt="pdf")
    assert classify(doc).doc_type == doc_type


def test_traditional_character_bulletin_from_the_web(tmp_path) -> None:
    """A bulletin re-posted from a traditional-character web page (Big5-era wording, GB18030 bytes) is typed from
    its folded title and body, not left as ``other``."""
    import hashlib

    from extract.reader import read_document

    text = ("雲嶺旗2023年生態環境狀況公報\n"
            "來源：雲嶺旗人民政府網站　發佈時間：2024-05-31\n"
            "一、環境空氣質量\n2023年，旗所在地環境空氣自動監測站全年有效監測數據不足。\n"
            "二、水環境質量\n全旗3個地表水監測斷面中，達到或優於Ⅲ類水質比例為100%。\n"
            "雲嶺旗生態環境保護委員會辦公室\n")
    path = tmp_path / "雲嶺旗2023年生態環境狀況公報（網頁轉載）.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = read_document(path, "08-分局/" + path.name, hashlib.sha256(path.read_bytes()).hexdigest(), None)
    dc = classify(doc)
    assert dc.doc_type == "monitoring_report"
    assert dc.title == "云岭旗2023年生态环境状况公报"
    assert (dc.period_start, dc.period_end) == (date(2023, 1, 1), date(2023, 12, 31))


def test_traditional_minutes_title() -> None:
    doc = make_doc("政府辦/會議紀要.docx", [[
        "XX縣人民政府常務會議紀要",
        "2024年5月20日",
        "會議研究部署生態環境保護工作，縣長張建國主持。",
    ]])
    assert classify(doc).doc_type == "meeting_minutes"


@pytest.mark.parametrize("title", ["XX旗2023年农村牧区人居环境整治工作情况报告",
                                   "XX旗2023年农村牧区人居环境整治资金使用情况报告",
                                   "关于XX旗2023年度饮用水水源地保护工作情况的报告"])
def test_report_on_last_year_takes_title_year_as_period(title: str) -> None:
    doc = make_doc("农牧局/报告.docx", [[
        title,
        "旗财政局：",
        "2023年，我旗完成农村环境整治嘎查（村）14个。截至2024年1月，设施运行正常。",
        "XX旗农牧局",
        "2024年1月20日",
    ]])
    dc = classify(doc)
    assert dc.doc_date == date(2024, 1, 20)
    assert (dc.period_start, dc.period_end) == (date(2023, 1, 1), date(2023, 12, 31)), dc

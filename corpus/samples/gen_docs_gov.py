"""Documents of 县政府办 (minutes, notices, zip) and 县财政局 (budget, vouchers)."""
from __future__ import annotations

from typing import Any

from gen_labels import Ctx, date, entry, link, num, period
from gen_office import normalized_docx_bytes, write_docx
from gen_render import (C, P, R, S, T, TB, Seal, images_to_pdf, write_gbk_zip, write_text_pdf)
from gen_scan import ScanPage, center, label_pages, para, render_scan, right, seal_pages, title

GOV = "1.县政府办"
FIN = "2.县财政局"
RESOLUTION = f"{FIN}/青川县第十八届人民代表大会第四次会议关于2024年预算的决议.pdf"
ZIP_NAME = f"{GOV}/县政府办报送材料（第二批）.zip"

Q1_DATE_LINE = "二〇二四年三月十五日"


def minutes_q1(ctx: Ctx) -> dict[str, Any]:
    rel = f"{GOV}/2024年第一季度县委常委会会议纪要（扫描件）.pdf"
    lines = [title("中共青川县委常委会会议纪要"), center("〔2024〕第3期"), center("")]
    lines += para("2024年3月15日上午，县委书记王建国同志主持召开县委常委会会议，专题研究部署2024年生态环境保护"
                  "和污染防治攻坚战工作。县委常委出席会议，县人大常委会、县政协有关负责同志，市生态环境局青川分局、"
                  "县财政局、县住建局、县农业农村局主要负责同志列席会议。现将会议议定事项纪要如下：")
    lines += para("一、会议听取了市生态环境局青川分局关于2023年度国家重点生态功能区县域生态环境质量监测与评价工作"
                  "情况的汇报。会议指出，2023年全县空气质量优良天数比例保持在94%以上，县城污水处理厂稳定运行，"
                  "生态环境质量总体保持稳定。")
    lines += para("二、会议研究了2024年县域生态环境质量监测与评价工作。会议要求，各责任单位要对照指标体系，"
                  "按季度报送会议纪要、监测数据和证明材料，确保数据真实、准确、完整。")
    lines += para("三、会议同意安排2024年县域生态环境质量考核工作经费12万元，由县财政局按程序拨付。")
    lines += para("出席：王建国、李明华、赵志刚、陈晓燕、刘洪波、孙立新")
    lines += [center(""), right("中共青川县委办公室"), right(Q1_DATE_LINE)]
    page = ScanPage(tuple(lines), seal=Seal("中国共产党青川县委员会办公室"), seal_on=Q1_DATE_LINE)
    images_to_pdf(ctx.path(rel), [render_scan(page, ctx.rng)], ctx.tmp)
    return entry(rel, "pdf", "meeting_minutes", scanned=True, doc_date="2024-03-15", seal_pages=seal_pages([page]),
                 pages=label_pages([page]), title="中共青川县委常委会会议纪要",
                 facts=[date("2024年3月15日", "2024-03-15"), date(Q1_DATE_LINE, "2024-03-15"),
                        num("94%", "94", "%"), num("12万元", "12", "万元"),
                        period("2023年度", "2023-01-01", "2023-12-31")],
                 links=[link("party_gov_joint_eco_protection", None, None, "achieved")])


def minutes_q2(ctx: Ctx) -> dict[str, Any]:
    rel = f"{GOV}/县政府第12次常务会议纪要.docx"
    blocks = [
        ("title", "青川县人民政府常务会议纪要"), ("center", "第12次"),
        ("center", "青川县人民政府办公室                2024年6月24日"),
        ("para", "2024年6月21日，县长李明华主持召开县人民政府第12次常务会议，副县长陈晓燕、赵志刚等出席会议，"
                 "县政府有关部门主要负责同志列席会议。会议专题研究城镇生活污水处理提质增效、农业面源污染防治和"
                 "农村人居环境整治工作。现纪要如下："),
        ("heading", "一、关于城镇生活污水处理提质增效工作"),
        ("para", "会议听取了县城乡水务局的汇报。截至5月底，县城污水处理厂累计处理污水123.6万吨，出水水质稳定达到"
                 "一级A标准。会议要求，县住建局加快推进老城区雨污分流改造，年内新建污水管网6.8公里。"),
        ("heading", "二、关于农业面源污染防治工作"),
        ("para", "会议要求，县农业农村局要深入推进化肥农药减量增效，加快规模养殖场粪污处理设施改造，"
                 "确保全年畜禽粪污综合利用率稳定在90%以上。"),
        ("heading", "三、会议议定事项督办"),
        ("table", [["序号", "议定事项", "责任单位", "完成时限"],
                   ["1", "老城区雨污分流改造", "县住建局", "2024年11月30日"],
                   ["2", "化肥农药减量增效", "县农业农村局", "2024年12月31日"],
                   ["3", "第二季度生态环境监测数据报送", "市生态环境局青川分局", "2024年7月10日"]]),
        ("para", "出席：李明华  陈晓燕  赵志刚  周建平"),
        ("para", "列席：县城乡水务局、县住建局、县农业农村局、市生态环境局青川分局负责同志"),
        ("right", "青川县人民政府办公室"), ("right", "2024年6月24日印发"),
    ]
    write_docx(ctx.path(rel), blocks)
    return entry(rel, "docx", "meeting_minutes", doc_date="2024-06-21", title="青川县人民政府常务会议纪要",
                 note="123.6万吨 is a January–May partial-year volume, not the annual treated volume",
                 facts=[date("2024年6月21日", "2024-06-21"), date("2024年6月24日", "2024-06-24"),
                        num("123.6万吨", "123.6", "万吨"), period("截至5月底", "2024-01-01", "2024-05-31"),
                        num("6.8公里", "6.8", "公里"), num("90%", "90", "%")],
                 links=[link("party_gov_joint_eco_protection", None, None, "achieved"),
                        link("sewage_pipe_length_new", "6.8", "公里", "target")])


def minutes_q4(ctx: Ctx) -> dict[str, Any]:
    rel = f"{GOV}/县委常委会（扩大）会议纪要2024-11.pdf"
    items = [
        P("电子公文打印版    打印单位：青川县人民政府办公室    打印时间：2024-12-05 10:12"),
        T("中共青川县委常委会（扩大）会议纪要"), C("〔2024〕第11期"), C("中共青川县委办公室      2024年11月27日"),
        P("2024年11月26日，县委书记王建国同志主持召开县委常委会（扩大）会议，传达学习全省生态环境保护大会精神，"
          "研究中央生态环境保护督察反馈问题整改和2024年度县域生态环境质量监测与评价自查工作。县委常委，县人大常委会、"
          "县政府、县政协有关负责同志出席会议，县直有关部门主要负责同志列席会议。"),
        P("一、会议指出，今年以来全县上下坚决扛起生态环境保护政治责任，白龙湖流域历史遗留废弃矿山生态修复项目"
          "已于9月通过竣工验收，完成修复治理面积86.5公顷；县城建成区黑臭水体保持动态清零。"),
        P("二、会议强调，要对照《“十四五”国家重点生态功能区县域生态环境质量监测与评价指标体系及实施细则》"
          "（环办监测函〔2022〕30号）逐项开展自查，各责任单位于12月10日前将证明材料报送市生态环境局青川分局，"
          "确保资料规范、完整、准确。"),
        P("三、会议要求，县农业农村局、县统计局要认真核实化肥施用量、农作物播种面积等统计数据，"
          "做到部门数据口径一致。"),
        P("出席：王建国  李明华  赵志刚  陈晓燕  刘洪波  孙立新  何静"),
        P("列席：县委办、县政府办、县财政局、县自然资源局、县农业农村局、市生态环境局青川分局负责同志"),
        R("中共青川县委办公室"), R("2024年11月27日印发"),
    ]
    write_text_pdf(ctx.path(rel), items, title="县委常委会（扩大）会议纪要")
    return entry(rel, "pdf", "meeting_minutes", doc_date="2024-11-26", title="中共青川县委常委会（扩大）会议纪要",
                 note="OA print-out (电子公文打印版): a legitimate copy without a wet seal; print date is not its date",
                 facts=[date("2024年11月26日", "2024-11-26"), date("2024年11月27日", "2024-11-27"),
                        num("86.5公顷", "86.5", "公顷"), date("12月10日", "2024-12-10")],
                 links=[link("party_gov_joint_eco_protection", None, None, "achieved"),
                        link("eco_restoration_projects", "86.5", "公顷", "achieved")])


def zip_package(ctx: Ctx) -> list[dict[str, Any]]:
    """A ZIP as Chinese Windows writes it: GBK member names, no UTF-8 flag."""
    m1 = "关于调整县域生态环境质量监测与评价工作领导小组的通知.docx"
    m2 = "关于召开第三季度生态环境保护工作推进会议的通知.pdf"
    group = normalized_docx_bytes([
        ("center", "青政办发〔2024〕12号"),
        ("title", "青川县人民政府办公室关于调整青川县国家重点生态功能区县域生态环境质量监测与评价工作领导小组的通知"),
        ("para", "各乡镇人民政府，县政府各部门："),
        ("para", "因人事变动和工作需要，经县政府同意，决定对青川县国家重点生态功能区县域生态环境质量监测与评价"
                 "工作领导小组成员进行调整。现将调整后的名单通知如下："),
        ("table", [["职务", "姓名", "单位及职务"],
                   ["组  长", "李明华", "县委副书记、县长"],
                   ["副组长", "陈晓燕", "副县长"],
                   ["成  员", "张海涛", "县财政局局长"],
                   ["成  员", "吴振宇", "市生态环境局青川分局局长"],
                   ["成  员", "郑国强", "县自然资源局局长"]]),
        ("para", "领导小组办公室设在市生态环境局青川分局，吴振宇同志兼任办公室主任，抽调工作人员5名，负责日常工作。"
                 "请各成员单位于2024年4月10日前确定1名联络员，报领导小组办公室。"),
        ("right", "青川县人民政府办公室"), ("right", "2024年3月28日"),
    ], ctx.tmp)
    notice_pdf = ctx.tmp / "_notice.pdf"
    write_text_pdf(notice_pdf, [
        C("青政办函〔2024〕46号"),
        T("青川县人民政府办公室关于召开2024年第三季度生态环境保护工作推进会议的通知"),
        P("各乡镇人民政府，县政府有关部门："),
        P("经县政府同意，定于2024年9月3日（星期二）上午9:00在县政府三楼会议室召开全县第三季度生态环境保护工作"
          "推进会议。现将有关事项通知如下："),
        P("一、参会人员：县政府分管领导；各乡镇分管负责同志；县财政局、县住建局、县农业农村局、县城乡水务局、"
          "县自然资源局、市生态环境局青川分局主要负责同志。"),
        P("二、会议议程：（一）通报上半年生态环境质量状况；（二）各责任单位汇报第三季度重点工作进展；"
          "（三）县政府领导讲话。"),
        P("三、有关要求：请各单位于8月30日前将参会人员名单报县政府办公室，参会人员不得无故缺席。"),
        R("青川县人民政府办公室"), R("2024年8月26日"), P("（联系人：马丽，联系电话：0839-7202316）"),
    ], title="会议通知")
    notice = notice_pdf.read_bytes()
    notice_pdf.unlink()
    write_gbk_zip(ctx.path(ZIP_NAME), [(m1, group), (m2, notice)])
    return [
        entry(ZIP_NAME, "zip", None, note="container; members listed as ZIP_NAME/member"),
        entry(f"{ZIP_NAME}/{m1}", "docx", "notice", doc_date="2024-03-28",
              title="关于调整…监测与评价工作领导小组的通知",
              facts=[date("2024年3月28日", "2024-03-28"), num("5名", "5", "名"),
                     date("2024年4月10日", "2024-04-10")],
              links=[link("assessment_organization", None, None, "achieved")]),
        entry(f"{ZIP_NAME}/{m2}", "pdf", "notice", doc_date="2024-08-26",
              title="关于召开2024年第三季度生态环境保护工作推进会议的通知",
              note="convening notice: NOT minutes, does not fill Q3",
              facts=[date("2024年9月3日", "2024-09-03"), date("2024年8月26日", "2024-08-26"),
                     date("8月30日", "2024-08-30"), period("第三季度", "2024-07-01", "2024-09-30")]),
    ]


def budget_resolution(ctx: Ctx) -> dict[str, Any]:
    write_text_pdf(ctx.path(RESOLUTION), [
        T("青川县第十八届人民代表大会第四次会议关于青川县2023年预算执行情况和2024年预算的决议"),
        C("（2024年1月18日青川县第十八届人民代表大会第四次会议通过）"),
        P("青川县第十八届人民代表大会第四次会议审查了县人民政府提出的《关于青川县2023年预算执行情况和2024年预算的"
          "报告》及2024年县级预算，同意县人民代表大会财政经济委员会的审查结果报告。会议决定，批准2024年县级预算。"),
        P("2024年全县一般公共预算收入安排68,320万元，一般公共预算支出安排286,540万元；政府性基金预算支出安排"
          "41,200万元。"),
        P("会议要求，县人民政府要坚持过紧日子，优化支出结构，持续加大生态环境保护和污染防治投入，"
          "统筹用好重点生态功能区转移支付资金，严格预算执行，自觉接受县人民代表大会及其常务委员会的监督。"),
    ], title="关于2024年预算的决议")
    return entry(RESOLUTION, "pdf", "budget_document", doc_date="2024-01-18", subtype="npc_budget_resolution",
                 title="关于青川县2023年预算执行情况和2024年预算的决议",
                 facts=[date("2024年1月18日", "2024-01-18"), num("68,320万元", "68320", "万元"),
                        num("286,540万元", "286540", "万元"), num("41,200万元", "41200", "万元")],
                 links=[link("fiscal_total_expenditure", "286540", "万元", "achieved")])


def budget_report(ctx: Ctx) -> dict[str, Any]:
    rel = f"{FIN}/关于青川县2023年预算执行情况和2024年预算的报告.pdf"
    write_text_pdf(ctx.path(rel), [
        T("关于青川县2023年预算执行情况和2024年预算的报告"),
        C("——2024年1月16日在青川县第十八届人民代表大会第四次会议上"), C("青川县财政局局长  张海涛"),
        P("各位代表："),
        P("受县人民政府委托，现将青川县2023年预算执行情况和2024年预算草案提请县第十八届人民代表大会第四次会议审议，"
          "并请县政协各位委员和其他列席人员提出意见。"),
        S("一、2023年预算执行情况"),
        P("2023年全县一般公共预算支出完成271,860万元，其中节能环保支出17,230万元，农林水支出49,870万元。"),
        S("二、2024年预算安排"),
        P("2024年全县一般公共预算支出安排286,540万元，其中节能环保支出18,960万元，农林水支出52,310万元。"
          "统筹安排生态环境保护与治理投入22,420万元，占一般公共预算支出的7.82%；安排县域生态环境质量监测与评价"
          "工作经费12万元。"),
        P("表1  2024年生态环境保护与治理投入安排表（单位：万元）"),
        TB([["项目", "2024年预算数", "主要用途"],
            ["生态保护修复", "6,420", "废弃矿山修复、水土流失治理"],
            ["环境污染防治", "5,380", "大气、水、土壤污染防治"],
            ["生活污水、生活垃圾等环境基础设施建设运行", "7,150", "污水处理厂、垃圾填埋场运行"],
            ["自然资源保护", "3,470", "天然林保护、自然保护地管护"],
            ["合计", "22,420", ""]], [62, 34, 62]),
        P("各位代表，做好2024年财政工作任务艰巨，我们将在县委的坚强领导下，自觉接受县人大的监督，"
          "认真落实本次大会决议，为建设美丽青川作出新的贡献。"),
    ], title="预算报告")
    return entry(rel, "pdf", "budget_document", doc_date="2024-01-16", subtype="budget_report",
                 note="the body says 预算草案提请…审议: the report delivered to the 人大, not a draft document",
                 title="关于青川县2023年预算执行情况和2024年预算的报告",
                 facts=[date("2024年1月16日", "2024-01-16"), num("271,860万元", "271860", "万元"),
                        num("286,540万元", "286540", "万元"), num("18,960万元", "18960", "万元"),
                        num("22,420万元", "22420", "万元"), num("7.82%", "7.82", "%"),
                        num("12万元", "12", "万元"), num("6,420", "6420", "万元")],
                 links=[link("fiscal_total_expenditure", "286540", "万元", "achieved"),
                        link("eco_investment_amount", "22420", "万元", "achieved"),
                        link("eco_investment_share", "7.82", "%", "achieved"),
                        link("assessment_funding", "12", "万元", "achieved"),
                        link("eco_investment_amount", "6420", "万元", "component")])


def bank_receipt(ctx: Ctx) -> dict[str, Any]:
    rel = f"{FIN}/考核工作经费拨付电子回单.pdf"
    write_text_pdf(ctx.path(rel), [
        T("中国农业银行网上银行电子回单"), C("回单编号：2024041200358716"),
        TB([["付款人", "户名", "青川县财政局"], ["", "账号", "2275 0101 0400 1234 5"],
            ["", "开户行", "中国农业银行青川县支行"],
            ["收款人", "户名", "市生态环境局青川分局"], ["", "账号", "2275 0101 0400 6789 0"],
            ["", "开户行", "中国农业银行青川县支行"],
            ["金额（大写）", "人民币壹拾贰万元整", ""], ["金额（小写）", "¥120,000.00", ""],
            ["用途", "2024年县域生态环境质量考核工作经费", ""],
            ["交易日期", "2024-04-12", ""], ["交易流水号", "A0412103526874", ""],
            ["记账时间", "2024-04-12 10:26:41", ""]], [38, 40, 80]),
        P("本回单仅作为收、付款人记账凭证，重复打印无效。"), R("打印日期：2024-04-15"),
    ], title="电子回单")
    return entry(rel, "pdf", "payment_voucher", doc_date="2024-04-12", title="中国农业银行网上银行电子回单",
                 facts=[num("人民币壹拾贰万元整", "120000", "元"), num("¥120,000.00", "120000.00", "元"),
                        date("2024-04-12", "2024-04-12")],
                 links=[link("assessment_funding", "120000", "元", "achieved")])


def treasury_voucher(ctx: Ctx) -> dict[str, Any]:
    rel = f"{FIN}/监测站运维经费国库集中支付凭证.png"
    date_line = "2024年6月20日"
    lines = [title("国库集中支付凭证"), center("NO. 5108230620017"), center(""),
             right("支付日期：" + date_line), center("")]
    lines += para("付款人：青川县财政局")
    lines += para("收款人：青川县环境监测站")
    lines += para("预算科目：2110301 环境监测与信息")
    lines += para("用途：环境空气自动监测站运维经费（生态环境质量监测费用）")
    lines += para("金额（大写）：人民币叁万伍仟元整")
    lines += para("金额（小写）：¥35,000.00")
    lines += [center(""), right("青川县财政国库集中支付中心"), right("经办人：杨帆")]
    page = ScanPage(tuple(lines), seal=Seal("青川县财政国库集中支付中心", "业务专用章"),
                    seal_on="青川县财政国库集中支付中心", size=(1654, 1240))
    img = render_scan(page, ctx.rng)
    img.save(ctx.path(rel), "PNG", optimize=True)
    return entry(rel, "image", "payment_voucher", scanned=True, doc_date="2024-06-20", seal_pages=[1],
                 pages=label_pages([page]), title="国库集中支付凭证",
                 facts=[date(date_line, "2024-06-20"), num("人民币叁万伍仟元整", "35000", "元"),
                        num("¥35,000.00", "35000.00", "元")],
                 links=[link("assessment_funding", "35000", "元", "component")])


def encrypted_report(ctx: Ctx) -> dict[str, Any]:
    rel = f"{FIN}/2024年重点生态功能区转移支付资金使用情况报告（加密）.pdf"
    write_text_pdf(ctx.path(rel), [
        T("青川县2024年重点生态功能区转移支付资金使用情况报告"),
        P("2024年上级下达我县重点生态功能区转移支付资金4,315万元，已全部用于生态环境保护和民生保障。"),
    ], title="转移支付资金使用情况", encrypt="Qc@2024")
    return entry(rel, "pdf", None, status="error", error_category="encrypted",
                 note="user password Qc@2024; must be recorded as encrypted, not guessed")


def build(ctx: Ctx) -> list[dict[str, Any]]:
    out = [minutes_q1(ctx), minutes_q2(ctx), minutes_q4(ctx)]
    out += zip_package(ctx)
    out += [budget_resolution(ctx), budget_report(ctx), bank_receipt(ctx), treasury_voucher(ctx),
            encrypted_report(ctx)]
    return out


__all__ = ["build", "RESOLUTION"]

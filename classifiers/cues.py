"""Cue tables for document-type classification, kept as data (no logic here beyond compiling the patterns).

Every cue is ``(pattern, doc_type, weight, subtype, label)``. Weights are additive evidence points; the title's last
word is the strongest cue (domain: evidence-types.md section 0 — "the title's last word decides more"), structure and
body phrases come next, file and folder names are weak (real folders are messy). Sources: evidence-types.md
sections 1–11; cues marked "(unconfirmed)" there are given modest weights.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.textfold import T2S

DOC_TYPES: tuple[str, ...] = (
    "meeting_minutes",
    "budget_document",
    "payment_voucher",
    "acceptance_report",
    "monitoring_report",
    "ledger",
    "plan",
    "notice",
    "other",
)

# Default finer research type (evidence-types.md section 11) when no cue named one.
DEFAULT_SUBTYPE: dict[str, str] = {
    "meeting_minutes": "meeting_minutes",
    "budget_document": "budget_report",
    "payment_voucher": "payment_voucher",
    "acceptance_report": "acceptance_report",
    "monitoring_report": "monitoring_report",
    "ledger": "operation_ledger",
    "plan": "plan_or_scheme",
    "notice": "notice",
    "other": "other",
}


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    doc_type: str
    weight: float
    subtype: str | None
    label: str


def _cues(rows: list[tuple[str, str, float, str | None, str]]) -> tuple[Cue, ...]:
    for row in rows:
        if row[1] not in DOC_TYPES:
            raise ValueError(f"cue table names an unknown document type: {row}")
    return tuple(Cue(re.compile(p, re.MULTILINE), t, w, s, label) for p, t, w, s, label in rows)


# Title endings: matched against the title with trailing draft markers / brackets removed, anchored at the end.
# Order matters only for the subtype: every matching row adds its weight.
TITLE_END_CUES: tuple[Cue, ...] = _cues([
    (r"(会议)?纪要$", "meeting_minutes", 8.0, "meeting_minutes", "标题以“纪要”结尾"),
    (r"会议记录$|会议记录表$|会议记要$", "meeting_minutes", 7.0, "meeting_minutes", "标题以“会议记录”结尾"),
    (r"(预算|决算|预算执行情况).{0,40}决议$", "budget_document", 9.0, "npc_budget_resolution", "标题为预算/决算决议"),
    (r"决议$", "notice", 3.0, None, "标题以“决议”结尾"),
    (r"(预算|决算|财政收支).{0,40}(报告|草案)$", "budget_document", 8.0, "budget_report", "标题为预算/决算报告"),
    (r"(绩效评价|绩效自评|审计|资金使用情况)(报告|结果)?$", "budget_document", 7.0, "performance_evaluation",
     "标题为绩效评价/审计/资金使用报告"),
    (r"(批复|下达).{0,30}预算.{0,10}(通知|批复)$|预算(支出|收支)?(表|明细表|细化表)$", "budget_document", 8.0,
     "budget_approval", "标题为预算批复/预算表"),
    (r"(竣工|交工|初步|阶段)?验收(报告|意见|鉴定书|证书|纪要|会议纪要|结论|报告书)$|验收(申请)?表$",
     "acceptance_report", 10.0, "acceptance_report", "标题为验收报告/意见"),
    (r"验收(备案表|备案证明|单|记录|登记表)$", "acceptance_report", 8.0, "acceptance_report", "标题为验收备案/记录"),
    (r"(监测|检测|检验|化验|监测分析|评价)(报告|报告书|结果|数据|月报|季报|年报|快报)$", "monitoring_report", 7.0,
     "monitoring_report", "标题为监测/检测报告"),
    (r"统计(公报|年鉴|报表|月报|快报|资料)$|统计表$", "monitoring_report", 8.0, "statistical_report", "标题为统计公报/年鉴/报表"),
    # the annual bulletins authorities publish with the year's monitored figures (生态环境状况公报, 水资源公报)
    (r"(生态环境|环境|环境质量|水资源|水土保持|水环境|空气质量)(状况|质量)?公报$", "monitoring_report", 8.0,
     "monitoring_report", "标题为环境状况/水资源公报"),
    (r"(台账|台帐|日报表|月报表|运行记录|运行报表|过磅记录|登记表|统计台账)$", "ledger", 8.0, "operation_ledger", "标题以“台账/报表”结尾"),
    (r"(名单|名录|清单|一览表)$", "ledger", 6.0, "name_list", "标题以“名单/名录/清单”结尾"),
    (r"(规划|方案|计划|规划纲要|规划文本|规划简本|工作要点|实施意见|行动计划)$", "plan", 6.0, "plan_or_scheme",
     "标题以“规划/方案/计划”结尾"),
    (r"(可行性研究报告|可研报告|初步设计|立项|项目建议书|中标通知书|招标文件)$", "plan", 7.0, "project_docs",
     "标题为项目前期文件"),
    (r"(研究报告|评估报告|对策研究|诊断报告)$", "plan", 6.0, "research_report", "标题为研究/评估报告"),
    (r"通知$", "notice", 6.0, "notice", "标题以“通知”结尾"),
    (r"批复$|审查意见$|审批意见$|的函$|复函$", "notice", 7.0, "approval_reply", "标题以“批复/审查意见”结尾"),
    (r"通报$|考核结果$|评价结果$", "notice", 6.0, "result_bulletin", "标题以“通报”结尾"),
    (r"(命名|授牌|公告|决定)$", "notice", 5.0, "honor_naming", "标题为命名/公告/决定"),
    (r"自查报告$|自评报告$", "other", 9.0, "self_check_report", "标题为自查报告"),
    (r"情况说明$|说明函$|的说明$|证明$", "other", 8.0, "situation_statement", "标题为情况说明"),
    (r"(工作总结|工作汇报|情况报告|情况汇报)$", "other", 5.0, "situation_statement", "标题为工作总结/情况报告"),
    (r"情况的报告$|工作的报告$", "other", 3.0, "situation_statement", "标题为“关于…情况的报告”"),
    (r"请示$", "notice", 4.0, "notice", "标题以“请示”结尾（公文，非验收/批复）"),
    (r"(信息表|填报表|基本情况表|地类数据表|补充表)$", "other", 8.0, "info_table", "标题为填报信息表"),
    (r"(合同|协议|协议书|合同书)$", "other", 8.0, "contract", "标题为合同/协议"),
    (r"(许可证|登记回执|排污许可证)(正本|副本)?$", "other", 8.0, "permit", "标题为许可证/登记回执"),
    (r"(处罚决定书|决定书|检查笔录|勘察笔录|询问笔录|笔录)$", "other", 8.0, "enforcement_record", "标题为执法文书"),
    (r"(电子回单|回单|凭证|付款凭证|支付凭证|记账凭证|进账单|拨款单)$", "payment_voucher", 9.0, "payment_voucher",
     "标题为回单/凭证"),
])

# Anywhere in the title (not anchored): refine or override the ending. A fund-allocation title outweighs the notice
# form it always comes in (通知 ending + red header + 文号 + 特此通知 ≈ 12 points).
TITLE_ANY_CUES: tuple[Cue, ...] = _cues([
    (r"^(?!.*(申请|请示$|报告$)).*(下达|拨付|分配|安排|预拨|清算).{0,40}(资金|经费|补助|奖补|转移支付)", "payment_voucher", 14.0, "fund_allocation",
     "标题为资金下达/拨付文件（资金下达文件归入凭证类）"),
    (r"关于召开.{0,40}会议|召开.{0,30}会议的通知", "notice", 6.0, "meeting_notice", "标题为召开会议的通知（非纪要）"),
    (r"关于印发", "notice", 2.0, "notice_issuing_plan", "标题含“关于印发”"),
    (r"人民代表大会.{0,30}(决议|决定)", "budget_document", 3.0, "npc_budget_resolution", "标题含人大决议"),
    (r"常务会议|常委会会议|专题会议|联席会议|调度会议", "meeting_minutes", 2.0, None, "标题含会议名称"),
    (r"统计公报|统计年鉴|国民经济和社会发展统计", "monitoring_report", 6.0, "statistical_report", "标题含统计公报/年鉴"),
    (r"监测(报告|数据|结果)|检测报告", "monitoring_report", 2.0, None, "标题含监测/检测报告"),
    (r"初步验收|交工验收|阶段验收|预验收", "acceptance_report", 1.0, "preliminary_acceptance", "标题为初步/交工/阶段验收（非竣工验收）"),
    (r"竣工验收", "acceptance_report", 3.0, None, "标题含“竣工验收”"),
    (r"工作经费|项目资金|专项资金", "budget_document", 1.0, None, "标题含资金名称"),
])

# File and folder names: weak cues (weight scaled by NAME_WEIGHT_* in doctype.py).
NAME_CUES: tuple[Cue, ...] = TITLE_END_CUES + TITLE_ANY_CUES + _cues([
    (r"纪要|会议记录", "meeting_minutes", 4.0, None, "文件名含“纪要/会议记录”"),
    (r"照片|图片|影像|现场图|无人机|航拍", "other", 5.0, "photo", "文件名含“照片/影像”"),
    (r"台账|台帐|日报|月报表", "ledger", 4.0, None, "文件名含“台账”"),
    (r"凭证|回单|拨付", "payment_voucher", 4.0, None, "文件名含“凭证/回单”"),
    (r"验收", "acceptance_report", 3.0, None, "文件名含“验收”"),
    (r"监测|检测|统计", "monitoring_report", 3.0, None, "文件名含“监测/统计”"),
    (r"预算|决算|人大", "budget_document", 3.0, None, "文件名含“预算/人大”"),
    (r"规划|方案", "plan", 3.0, None, "文件名含“规划/方案”"),
    (r"通知|批复|文件", "notice", 2.0, None, "文件名含“通知/批复”"),
    (r"自查|情况说明|信息表|合同|许可证", "other", 3.0, None, "文件名含“自查/说明/信息表/合同”"),
])

# Body phrases: weight per occurrence, counted up to ``BODY_CUE_CAP`` times each (doctype.py).
BODY_CUES: tuple[Cue, ...] = _cues([
    (r"会议(听取|研究|议定|审议|讨论|决定|强调|要求|指出|认为|原则同意|明确)", "meeting_minutes", 2.0, None,
     "含“会议研究/会议听取/会议议定”等"),
    (r"主持召开|主持会议|主持人[:：]", "meeting_minutes", 2.5, None, "含“主持召开”"),
    (r"^(出席|列席|请假|参加人员|参会人员|记录人|缺席)[:：]|(出席|列席)(会议)?[:：]|(出席|列席)人员",
     "meeting_minutes", 2.0, None, "含出席/列席名单"),
    (r"人民代表大会.{0,40}(批准|通过)|会议(审议)?通过|决定批准|审查(和|并)?批准", "budget_document", 3.0,
     "npc_budget_resolution", "含人大“批准/通过”"),
    (r"预算执行情况|预算草案|一般公共预算|决算|功能分类|预算支出|财政收入|财政支出|上级补助|转移支付收入",
     "budget_document", 1.0, None, "含预算/决算用语"),
    (r"付款人|收款人|付款账号|收款账号|开户行|交易流水号|回单编号|回单专用章|记账凭证|借方|贷方|附单据",
     "payment_voucher", 2.0, None, "含回单/凭证要素（付款人/收款人等）"),
    (r"(人民币|金额)?[（(]?大写[)）]?[:：]?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整]{3,}", "payment_voucher", 3.0, None,
     "含大写金额"),
    (r"用途[:：]|摘要[:：]|支付方式|国库集中支付|预算单位[:：]", "payment_voucher", 1.0, None, "含支付要素"),
    (r"竣工验收|验收结论|同意(通过)?(竣工)?验收|验收组|验收委员会|专家组(一致)?(同意|认为)", "acceptance_report", 2.5,
     None, "含“竣工验收/验收结论/同意通过验收”"),
    (r"建设单位|施工单位|监理单位|设计单位", "acceptance_report", 1.0, None, "含参建单位"),
    (r"采样(日期|时间|点位)|检测项目|监测项目|分析(日期|方法)|检测方法|检出限|评价标准|检验检测专用章|CMA|计量认证|不得部分复制",
     "monitoring_report", 2.0, None, "含“采样日期/检测项目/CMA”等监测要素"),
    (r"GB\s?3838|GB\s?3095|GB/T\s?14848|GB\s?18918|GB\s?15618|HJ\s?\d{3}", "monitoring_report", 1.5, None, "引用监测标准"),
    (r"初步核算|按可比价格计算|比上年(增长|下降)|统计负责人|制定机关|表号[:：]|国家统计局|有效期至", "monitoring_report", 1.5,
     "statistical_report", "含统计报表/公报要素"),
    (r"填表人|审核人|填报单位|制表人|制表日期", "ledger", 1.0, None, "含“填表人/审核人”"),
    (r"指导思想|基本原则|工作目标|主要任务|重点任务|保障措施|规划目标|规划期|规划范围|实施步骤|进度安排|职责分工",
     "plan", 1.5, None, "含方案/规划章节（工作目标/主要任务/保障措施）"),
    (r"到20\d\d年|力争|预期目标", "plan", 1.0, None, "含目标表述（到20XX年/力争）"),
    (r"现印发给你们|现将.{0,40}印发|请认真(贯彻|组织|遵照)|请遵照执行|特此通知|此复|收悉|经研究，?(批复|现|同意)",
     "notice", 2.5, None, "含通知/批复用语（现印发给你们/特此通知/此复）"),
    (r"^(抄送|主送)[:：]|印发$|各(乡镇|苏木|街道).{0,20}[:：]$|县直(有关|各)", "notice", 1.5, None, "含主送/抄送/印发版记"),
    (r"会议时间[:：]|会议地点[:：]|参会人员|请.{0,20}准时参加|准时参会|报名", "notice", 2.0, "meeting_notice",
     "含会议通知要素（会议时间/请准时参加）"),
    (r"特此说明|特此证明|情况说明如下|现将有关情况说明如下", "other", 3.0, "situation_statement", "含“特此说明”"),
    (r"自查(情况|工作|报告)|自评", "other", 1.5, "self_check_report", "含自查表述"),
    (r"甲方|乙方|合同金额|合同价款|违约责任|服务期限", "other", 2.0, "contract", "含合同要素（甲方/乙方）"),
    (r"许可证编号|证书编号|有效期限|发证机关|行业类别", "other", 2.0, "permit", "含许可证要素"),
    (r"行政处罚|责令改正|执法证号|违法行为", "other", 1.5, "enforcement_record", "含执法文书要素"),
])

# Draft markers in the title area (征求意见稿 / 送审稿 / 草案 / 讨论稿): bracketed, standalone, or at the very end of
# the title. "…预算草案的报告" is a report on the draft budget, not itself a draft: 草案 followed by more words is
# not a draft marker.
DRAFT_RE = re.compile(r"[（(【\[]\s*(征求意见稿|送审稿|草案|讨论稿|初稿|修改稿|代拟稿)\s*[)）】\]]|"
                      r"^(征求意见稿|送审稿|讨论稿|初稿)$|(征求意见稿|送审稿|讨论稿|草案|初稿)$")

# A draft marker standing on its own line under the title: "（征求意见稿）", "送审稿".
DRAFT_LINE_RE = re.compile(r"^[（(【\[]?\s*(征求意见稿|送审稿|草案|讨论稿|初稿|修改稿|代拟稿)\s*[)）】\]]?$", re.MULTILINE)

# A 人大 passing line under the title: "（2024年1月10日XX县第十八届人民代表大会第三次会议通过）". A sentence citing
# "…会议审议通过的预算" (a budget approval) is not one.
NPC_PASSED_LINE_RE = re.compile(r"^[（(]?[^。；，]{0,40}(人民代表大会|人大)(常务委员会|常委会)?[^。；，]{0,40}会议(审议)?(通过|批准)[)）]?$")
# The resolution's own decision, counted when the title names a 人大 body.
NPC_DECISION_RE = re.compile(r"决定批准|会议批准|予以批准|决定同意")

# Lines of the 版头 (red header and issuing marks) that are never the title.
HEADER_LINE_RE = re.compile(r"^[^，。；]{0,30}(文件|办公室文件)$|^(签发人|份号|密级|紧急程度|特急|加急|急件|机密|秘密|第\s*\d+\s*期)"
                            r"|〔\s*(19|20)\d{2}\s*〕|\[\s*(19|20)\d{2}\s*\]|^[\d\s\-—·*]+$|^电子公文打印|^(打印单位|打印人|打印时间)"
                            r"|^(金额)?单位[:：]|^(附件|附表)\d*[:：]?$")

# Title-like line: starts with 关于 or ends with a title word.
TITLE_END_WORD_RE = re.compile(r"(纪要|记录|通知|批复|报告|决议|通报|方案|规划|计划|台账|台帐|名单|名录|清单|公报|年鉴|报表|"
                               r"说明|意见|鉴定书|合同|协议|协议书|许可证|回单|凭证|决定书|信息表|一览表|函|公告|决定|总结|"
                               r"汇报|笔录|回执|证明|记录表|登记表|日报表|月报表|草案|要点|请示|备案表|书)$")
TITLE_WORDS_RE = re.compile(r"^[^，。；：:]{0,24}关于|" + TITLE_END_WORD_RE.pattern)

# Little text on an image → a photo (evidence-types.md section 9).
PHOTO_MAX_CHARS = 40  # characters: a watermark or caption, not a scanned page of prose

# ---------------------------------------------------------------------------------------------------------------
# Indicator linking cues
# ---------------------------------------------------------------------------------------------------------------

# Characters folded before phrase matching (one character to one): traditional forms seen in web-sourced copies
# (the shared table of classifiers/textfold.py)
# (README section 8) and the OCR reading of Ⅲ as 川 in "川类" (handled with its context in linker.py).
TRAD_FOLD: dict[str, str] = T2S

# Longer common terms that contain an indicator name without meaning it: a match inside one is dropped
# ("重点生态功能区" is the programme, not the EQI sub-index 生态功能).
COMPOUND_TERMS_RE = re.compile(r"重点生态功能区|生态功能区|生态功能类型|生态功能定位")

# An administrative-unit alias (folded: 苏木 → 乡镇, 嘎查 → 村) ending a longer word is the tail of a place name, not
# the count: "巴彦塔拉苏木", "城关镇" are places. The character before it is then a Han character other than a
# determiner or a measure word ("全旗苏木", "各苏木", "8个苏木" stay mentions).
ADMIN_UNIT_PHRASES = frozenset({"乡镇", "乡", "镇", "村", "建制镇", "行政村", "建制村"})
NAME_TAIL_BEFORE_RE = re.compile(r"(?![全各个县旗区市辖的等和与及共有计])[\u4e00-\u9fff]$")

# Words right before a name that make it a different quantity: "其他节能环保支出" is a residual sub-item.
OTHER_PREFIX_RE = re.compile(r"(其他|其它)$")
# A qualifier right after a name that marks a figure that is not the filed one: fertiliser is filed 折纯, pesticide
# 折百 (units-dates-numbers.md section 2); "化肥施用量（实物量）13200吨" must not be bound.
NOT_FILED_QUALIFIER_RE = re.compile(r"^\s*[（(]?\s*(实物量|实物|商品量)")

# Sentence cues for the role of a bound value.
TARGET_STRONG_RE = re.compile(r"到\s*20\d\d\s*年|力争|目标(值|为|是|任务)?[:：为]|预期|规划目标|提高到|提升到|将达到|"
                              r"会议要求|(要|需|须|应)(确保|完成|达到|新建|实现)|确保|年内(完成|新建|实现|建成)|"
                              r"计划(完成|新建|实施)|拟(新建|完成)")
PAST_RE = re.compile(r"截至|截止|已经|已达|已完成|实际完成|现状|基准年|现有|全年共|累计完成")
DONE_RE = re.compile(r"已完成|已建成|完成了|实际完成|累计完成|已实施")  # a clause reporting work done
TASK_RE = re.compile(r"下达.{0,30}任务|任务(数|量)?(为|是|[:：])|目标任务")
PLAN_LIKE_TITLE_RE = re.compile(r"方案|规划|计划|纲要")
# A written name that is a rate ("化肥利用率") although its catalog item is a quantity (fertiliser use).
RATE_WORD_RE = re.compile(r"(率|比例|占比)$")
# Contexts that assign work (a mention there is a task): minutes' decisions, a plan's task list, a 议定事项 table.
TASK_CONTEXT_RE = re.compile(r"会议(要求|议定|决定|强调|明确|部署)|议定事项|主要任务|重点任务|工作任务|任务分工|责任分工|"
                             r"^任务$|^(工作|建设)?任务(名称|内容)?$")
# a year the sentence is about; not "到2030年" (a deadline) nor "较2023年" / "比2023年" (the base of a change)
YEAR_RE = re.compile(r"(?<![到较比])((?:19|20)\d{2})\s*年")
# "评价年内未发生突发环境事件": a count indicator named right after a negation is evidenced as zero.
NONE_OCCURRED_RE = re.compile(r"(未发生|没有发生|未出现|未发现|无)[^，。；,;]{0,12}$")
# "…投入22,420万元，占一般公共预算支出的7.82%": the share of the amount just named.
SHARE_RE = re.compile(r"占[^，。；,;]{0,20}$")

# Document-level links (rule "doc_type"): a document of these types whose title (or text) matches evidences the
# indicator without a value (evidence-types.md: minutes → the joint Party/government item, acceptance → the project
# indicator, plans and notices → the plan/organisation items). (doc types, where, pattern, indicator id)
DOC_LEVEL_LINKS: tuple[tuple[tuple[str, ...], str, re.Pattern[str], str], ...] = tuple(
    (types, where, re.compile(p), ind) for types, where, p, ind in [
        (("meeting_minutes",), "text", r"生态环境|生态环保|污染防治|环保督察|环境保护督察|生态保护|环境保护", "party_gov_joint_eco_protection"),
        (("meeting_minutes", "notice", "plan"), "title", r"(考核|监测与评价|监测评价).{0,30}(实施方案|工作方案|领导小组|工作专班|会议|培训)|"
         r"(领导小组|工作专班).{0,20}(考核|监测与评价)", "assessment_organization"),
        (("acceptance_report", "plan", "payment_voucher"), "title",
         r"生态(保护)?修复|退耕还林|防护林|水土流失|水土保持|矿山|造林|湿地|山水林田湖", "eco_restoration_projects"),
        (("acceptance_report",), "title", r"污水管网|管网(工程|建设)|雨污分流", "sewage_pipe_network"),
        (("acceptance_report",), "title", r"污水处理厂", "wwtp_operation"),
        (("acceptance_report",), "title", r"农村生活污水|村庄污水", "rural_sewage_treatment_rate"),
        (("acceptance_report",), "title", r"垃圾(填埋|处理|焚烧|转运)", "msw_facility_operation"),
        (("acceptance_report", "ledger"), "title", r"改厕|厕所", "rural_toilet_renovation"),
        (("acceptance_report", "ledger", "notice"), "title", r"黑臭水体", "black_odorous_water_remediation"),
        (("acceptance_report", "notice"), "title", r"农村(人居)?环境(综合)?整治", "rural_environment_remediation"),
        (("plan", "notice"), "title", r"生态(保护)?修复规划|生态功能保护修复|生态保护修复", "eco_restoration_plan"),
        (("plan", "notice"), "title", r"污染防治规划|问题诊断|质量改善提升", "precise_scientific_pollution_control"),
        (("plan", "notice"), "title", r"国土空间(总体)?规划", "territorial_spatial_plan"),
        (("plan", "notice"), "title", r"面源污染", "agri_nonpoint_pollution_control"),
        (("notice",), "title", r"生态文明建设示范|绿水青山就是金山银山|两山", "eco_demo_zone_creation"),
        (("notice",), "title", r"(监测与评价|考核)结果.{0,6}通报|生态环境质量.{0,20}结果", "delta_ei"),
        (("notice", "ledger", "other"), "title", r"三线一单|准入清单|负面清单|分区管控", "three_lines_one_list"),
        (("notice", "plan"), "title", r"突发环境事件.{0,10}应急预案", "sudden_env_incidents"),
        (("other",), "title", r"突发环境事件", "sudden_env_incidents"),
        (("other", "ledger"), "title", r"排污许可|排污登记", "pollution_permit_compliance"),
        (("ledger",), "title", r"粪污", "livestock_manure_utilization_rate"),
        (("ledger", "monitoring_report"), "title", r"污水处理厂.{0,16}(运行|台账|日报|月报|在线监测|比对监测)", "wwtp_operation"),
        (("ledger", "monitoring_report", "acceptance_report"), "title",
         r"垃圾(填埋场|处理场|处理厂|焚烧厂).{0,20}(监测|检测|渗滤液|运行|台账)|渗滤液", "msw_facility_operation"),
        (("other",), "photo_path", r"污水处理厂", "wwtp_operation"),
        (("other",), "photo_path", r"垃圾(填埋场|处理场|处理厂|转运站)", "msw_facility_operation"),
        (("other",), "title", r"自查报告|自评报告", "data_quality"),
        (("other",), "title", r"(监测与评价|考核).{0,10}自查报告", "em_management"),
    ]
)
# A sentence reporting a facility's operating state evidences its operation item without a value ("县城污水处理厂…
# 出水水质稳定达到一级A标准", "垃圾填埋场运行正常"): (facility, state words after it, indicator id).
OPERATION_STATEMENTS: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = tuple(
    (re.compile(facility), re.compile(state), ind) for facility, state, ind in [
        (r"污水处理厂", r"稳定运行|正常运行|运行(正常|稳定|良好)|(稳定|全面)?达到.{0,8}标准|达标排放", "wwtp_operation"),
        (r"垃圾(填埋场|处理场|处理厂|焚烧厂)", r"稳定运行|正常运行|运行(正常|稳定|良好)|达标排放|(稳定)?达到.{0,8}标准",
         "msw_facility_operation"),
    ]
)
# What a quantity is about. A generic alias ("处理量", "收集量") names the indicator only when its context (document
# title, sentence, row and column labels) is about the indicator's own subject: a sewage plant's 处理量 is not the
# refuse 无害化处理量. Groups of words naming one subject; an alias that itself names a subject decides alone.
SUBJECT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("垃圾", "生活垃圾", "填埋", "焚烧"),
    ("污水", "废水", "管网", "污水处理厂"),
    ("粪污", "粪便", "畜禽"),
    ("化肥", "施肥"),
    ("农药",),
    ("地膜", "农膜"),
    ("秸秆",),
    ("渗滤液",),
)

# Lines/cells that carry a voucher's amount (the figure, not the 大写 words, is preferred only by order).
VOUCHER_AMOUNT_RE = re.compile(r"金额|小写|¥|￥|支付额|拨付额|合计")
PRINCIPAL_LEADER_RE = re.compile(r"县委书记|县长|旗长|区长|书记|市长")

"""Hand-decided labels for corpus/holdout3 (decided from the documents written by make_holdout3.py)."""
from __future__ import annotations

from decimal import Decimal

D1 = "1-县委办（2025年考核材料）"
D2 = "县财政局（2025年考核材料）"
D3 = "3-农业农村局"
D4 = "4-住建局"
D5 = "5-汉兴市生态环境局紫岚分局"
D6 = "6-自然资源局"
D7 = "7-统计局"

# own unit table (value factor, canonical unit)
CANON = {"吨": (1, "t"), "万吨": (10000, "t"), "元": (1, "元"), "万元": (10000, "元"), "亿元": (100000000, "元"),
         "公顷": (10000, "m2"), "平方公里": (1000000, "m2"), "%": (1, "%"), "μg/m³": (1, "μg/m3"),
         "条": (1, "条"), "起": (1, "起"), "天": (1, "天"), "万人": (10000, "人"), "公里": (1000, "m"),
         "千克/公顷": (1, "kg/ha"), "次": (1, "次")}


def _s(d: Decimal) -> str:
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def num(text, value, unit, page=1):
    f, cu = CANON[unit]
    return {"kind": "number", "text": text, "page": page, "value": value, "unit": unit,
            "canonical_value": _s(Decimal(value) * f), "canonical_unit": cu}


def date(text, iso, page=1):
    return {"kind": "date", "text": text, "page": page, "date": iso}


def period(text, start, end, page=1):
    return {"kind": "period", "text": text, "page": page, "start": start, "end": end}


def link(ind, value=None, unit=None, role="achieved"):
    return {"indicator": ind, "value": value, "unit": unit, "role": role}


def file(path, fmt, doc_type, doc_date, facts, links, scanned=False, seal_pages=(), pages=(), status="ok",
         error_category=None, **extra):
    d = {"path": path, "format": fmt, "doc_type": doc_type, "status": status, "error_category": error_category,
         "duplicate_of": None, "scanned": scanned, "doc_date": doc_date, "seal_pages": list(seal_pages),
         "pages": list(pages), "facts": facts, "links": links}
    d.update(extra)
    return d


P = {
    "q1": f"{D1}/中共紫岚县委常委会会议纪要（2025年第4次）.pdf",
    "q2n": f"{D1}/关于召开县委常委会会议专题研究生态环境保护工作的通知.docx",
    "q3": f"{D1}/紫岚县人民政府常务会议纪要（第31次）.docx",
    "q4": f"{D1}/县生态环境保护委员会2025年第二次全体会议纪要.pdf",
    "draft": f"{D1}/紫岚县2025年度县域生态环境质量考核工作实施方案（送审稿）.docx",
    "npc": f"{D2}/县人大关于2024年预算执行情况和2025年预算的决议.pdf",
    "voucher": f"{D2}/环境监测经费银行电子回单（扫描件）.pdf",
    "agri": f"{D3}/2025年农业投入品使用情况统计表.pdf",
    "manure": f"{D3}/规模养殖场粪污资源化利用台账（2025年）.jpg",
    "aplan": f"{D3}/紫岚县农业面源污染防治实施方案（2024—2026年）.pdf",
    "msw": f"{D4}/县生活垃圾无害化处理场2025年运行台账.xlsx",
    "acc": f"{D4}/紫岚县2025年农村黑臭水体治理项目竣工验收报告.pdf",
    "mon": f"{D5}/紫岚县2025年环境质量监测报告.pdf",
    "inc": f"{D5}/关于2025年度突发环境事件情况的说明.pdf",
    "empty": f"{D5}/排污许可证后管理工作总结.pdf",
    "red": f"{D6}/关于全县生态保护红线面积情况的说明.docx",
    "bul": f"{D7}/紫岚县2024年国民经济和社会发展统计公报.pdf",
}

VOUCHER_TEXT = ("中国农业银行 网上银行电子回单\n回单编号：61270025070800318842 交易日期：2025-07-08\n"
                "付款人户名：汉兴市生态环境局紫岚分局\n付款人账号：2602 0401 0400 12345\n收款人户名：陕西秦科检测技术有限公司\n"
                "收款人账号：6102 1800 0188 6621 7\n金额（小写）：CNY 356,000.00\n金额（大写）：人民币叁拾伍万陆仟元整\n"
                "用途：2025年度县域生态环境质量监测经费\n摘要：环境监测服务费 交易流水号：H2025070800918\n经办：吴敏 复核：陈浩")
MANURE_TEXT = ("紫岚县规模养殖场粪污资源化利用台账（2025年度）\n填报单位：紫岚县农业农村局畜牧兽医站\n"
               "序号 养殖场名称 畜种 年末存栏 粪污产生量(吨) 综合利用量(吨) 利用方式\n"
               "1 紫岚县秦丰生猪养殖有限公司 生猪 4,800 9,460 8,830 堆肥还田\n"
               "2 蒿坪镇绿源养殖专业合作社 生猪 2,350 4,630 4,270 沼气还田\n"
               "3 双河口牧业有限公司 肉牛 620 6,120 5,590 有机肥\n"
               "4 汉阳镇鑫旺蛋鸡场 蛋鸡 52,000 2,850 2,610 有机肥\n"
               "5 城关镇宏发养殖场 生猪 1,900 3,740 3,420 堆肥还田\n"
               "6 曾家镇兴农山羊养殖合作社 山羊 1,100 1,480 1,411 还田利用\n"
               "合计 28,280 26,131\n综合利用率：92.4％（综合利用量÷粪污产生量）\n"
               "填表人：郭晨 审核：冯志强 日期：2026.1.8")
INC_TEXT = ("汉兴市生态环境局紫岚分局\n关于紫岚县2025年度突发环境事件情况的说明\n县考核工作领导小组办公室：\n"
            "经核查，2025年1月1日至12月31日，我县未发生人为因素引发的突发环境事件，全年共发生突发环境事件0起；"
            "全年受理环境信访举报46件，均已按期办结。\n特此说明。\n汉兴市生态环境局紫岚分局\n2026年1月9日")


def files():
    return [
        file(P["q1"], "pdf", "meeting_minutes", "2025-03-05",
             [date("2025年3月5日", "2025-03-05"), date("2025年3月7日", "2025-03-07"), num("35.6万元", "35.6", "万元")],
             [link("party_gov_joint_eco_protection"), link("assessment_funding", "35.6", "万元", "mention"),
              link("assessment_organization", role="mention")],
             title="中共紫岚县委常委会会议纪要（2025年第4次）", quarter="Q1",
             note="会议3月5日、印发3月7日；35.6万元是会议同意安排的经费（决定），实际拨付见银行回单"),
        file(P["q2n"], "docx", "notice", "2025-06-16",
             [date("2025年6月19日", "2025-06-19"), date("2025年6月16日", "2025-06-16")], [],
             title="中共紫岚县委办公室关于召开县委常委会会议专题研究生态环境保护工作的通知",
             note="二季度只有会议通知（拟6月19日开会），没有纪要；通知不是会议已召开的证据"),
        file(P["q3"], "docx", "meeting_minutes", "2025-09-16",
             [date("二〇二五年九月十六日", "2025-09-16"), num("二千三百五十吨", "2350", "吨")],
             [link("party_gov_joint_eco_protection")],
             title="紫岚县人民政府常务会议纪要（第31次）", quarter="Q3",
             note="日期只用汉字数字“二〇二五年九月十六日”；县长主持、县委书记到会；二千三百五十吨是陈年垃圾，与清运量无关"),
        file(P["q4"], "pdf", "meeting_minutes", "2025-12-09",
             [date("2025年12月9日", "2025-12-09"), date("2025-12-11", "2025-12-11"),
              period("1—11月", "2025-01-01", "2025-11-30"), num("26微克/立方米", "26", "μg/m³")],
             [link("party_gov_joint_eco_protection"),
              link("air_pollutant_concentration", "26", "μg/m³", "mention")],
             title="紫岚县生态环境保护委员会2025年第二次全体会议纪要", quarter="Q4",
             note="PM2.5 26是1—11月累计，不是全年值（全年27）"),
        file(P["draft"], "docx", "plan", "2025-04-08",
             [num("28微克/立方米", "28", "μg/m³"), num("100%", "100", "%"), num("90%", "90", "%"),
              num("98%", "98", "%"), date("2025年4月8日", "2025-04-08")],
             [link("assessment_organization"),
              link("air_pollutant_concentration", "28", "μg/m³", "target"),
              link("drinking_water_source_quality", "100", "%", "target"),
              link("town_sewage_treatment_ratio", "90", "%", "target"),
              link("livestock_manure_utilization_rate", "90", "%", "target"),
              link("urban_msw_harmless_rate", "98", "%", "target")],
             title="紫岚县2025年度国家重点生态功能区县域生态环境质量监测评价与考核工作实施方案（送审稿）",
             draft=True, subtype="plan_or_scheme", note="送审稿；所有数值都是目标"),
        file(P["npc"], "pdf", "budget_document", "2025-01-16",
             [date("2025年1月16日", "2025-01-16"), num("245,318万元", "245318", "万元"),
              num("238,600万元", "238600", "万元"), num("9,850万元", "9850", "万元")],
             [link("fiscal_total_expenditure", "238600", "万元", "target"),
              link("eco_investment_amount", "9850", "万元", "target")],
             title="紫岚县第十九届人民代表大会第五次会议关于紫岚县2024年预算执行情况和2025年预算的决议",
             subtype="npc_budget_resolution", note="2025年数为预算安排数；245,318万元是2024年预计执行数"),
        file(P["voucher"], "pdf", "payment_voucher", "2025-07-08",
             [num("356,000.00", "356000", "元"), date("2025-07-08", "2025-07-08")],
             [link("assessment_funding", "356000", "元")], scanned=True, seal_pages=[1],
             pages=[{"page": 1, "text": VOUCHER_TEXT}], title="中国农业银行网上银行电子回单",
             note="只有图像的PDF，150 dpi，旋转0.9°，红色回单专用章压在右侧；CNY 356,000.00 / 叁拾伍万陆仟元整"),
        file(P["agri"], "pdf", "monitoring_report", "2026-01-20",
             [num("12,035.4", "12035.4", "吨"), num("271.9", "271.9", "吨"), num("38,260", "38260", "公顷"),
              num("314.6", "314.6", "千克/公顷"), date("2026年1月20日", "2026-01-20")],
             [link("fertilizer_use", "12035.4", "吨"), link("pesticide_use", "271.9", "吨"),
              link("sown_area", "38260", "公顷"), link("fertilizer_intensity", "314.6", "千克/公顷")],
             title="紫岚县2025年农业投入品使用情况统计表", subtype="statistical_report",
             note="无表格线的文字PDF表格，列靠空格对齐；“2024年”列在“2025年”列之前；单位在“计量单位”列"),
        file(P["manure"], "image", "ledger", "2026-01-08",
             [num("28,280", "28280", "吨"), num("26,131", "26131", "吨"), num("92.4％", "92.4", "%"),
              date("2026.1.8", "2026-01-08")],
             [link("livestock_manure_utilization_rate", "92.4", "%"),
              link("manure_generated", "28280", "吨", "component"),
              link("manure_utilized", "26131", "吨", "component")],
             scanned=True, seal_pages=[1], pages=[{"page": 1, "text": MANURE_TEXT}],
             title="紫岚县规模养殖场粪污资源化利用台账（2025年度）", subtype="operation_ledger",
             note="JPG照片，200 dpi，旋转1.7°，桌面背景、亮度渐变、轻微模糊；全角“％”；日期“2026.1.8”"),
        file(P["aplan"], "pdf", "plan", "2024-05-20",
             [num("1.25万吨", "1.25", "万吨"), num("265吨", "265", "吨"), num("90%", "90", "%"),
              num("1.2万吨", "1.2", "万吨"), num("12,893吨", "12893", "吨"), date("2024年5月20日", "2024-05-20")],
             [link("agri_nonpoint_pollution_control"),
              link("fertilizer_use", "1.25", "万吨", "target"), link("pesticide_use", "265", "吨", "target"),
              link("livestock_manure_utilization_rate", "90", "%", "target"),
              link("fertilizer_use", "1.2", "万吨", "target")],
             title="紫岚县农业面源污染防治实施方案（2024—2026年）", subtype="plan_or_scheme",
             doc_numbers=["紫政办发〔2024〕21号"],
             note="县政府办印发通知+方案；农药2025年目标265吨恰等于填报值（填报了目标值）；12,893吨、298.6吨是2023年现状"),
        file(P["msw"], "xlsx", "ledger", "2026-01-12",
             [num("34506.0", "34506.0", "吨", page=2), num("34022.9", "34022.9", "吨", page=2)],
             [link("msw_generated", "34506.0", "吨"), link("msw_harmless_treated", "34022.9", "吨", "component"),
              link("urban_msw_harmless_rate", "98.6", "%"), link("msw_facility_operation")],
             title="紫岚县生活垃圾无害化处理场2025年运行台账", subtype="operation_ledger",
             note="两个工作表：“汇总”只有设施信息和上年（2024年）清运量33,870.2吨；本年月度数与合计行在第二个工作表“月度明细”；"
                  "无害化处理率不在表中，须34022.9÷34506.0=98.60%"),
        file(P["acc"], "pdf", "acceptance_report", "2025-11-20",
             [date("2025.11.20", "2025-11-20"), num("3,450.6 吨", "3450.6", "吨"), num("4.8公里", "4.8", "公里"),
              num("3条", "3", "条")],
             [link("black_odorous_water_remediation", "3", "条")],
             title="紫岚县2025年农村黑臭水体治理项目竣工验收报告",
             note="验收日期写作“2025.11.20”；“3,450.6 吨”数字与单位间有空格（清淤量）"),
        file(P["mon"], "pdf", "monitoring_report", "2026-01-15",
             [num("27μg/m³", "27", "μg/m³"), num("346天", "346", "天"), num("365天", "365", "天"),
              num("94.8%", "94.8", "%"), num("100%", "100", "%"), date("2026年1月15日", "2026-01-15")],
             [link("air_pollutant_concentration", "27", "μg/m³"), link("air_good_days", "346", "天"),
              link("air_valid_days", "365", "天"), link("air_good_days_ratio", "94.8", "%"),
              link("drinking_water_source_quality", "100", "%"),
              link("water_class3_or_better_ratio", "100", "%")],
             title="紫岚县2025年环境质量监测报告",
             note="月度表（无格线）+“全年”行；正文同时给出2024年PM2.5 29"),
        file(P["inc"], "pdf", "other", "2026-01-09",
             [num("0起", "0", "起"), date("2026年1月9日", "2026-01-09")],
             [link("sudden_env_incidents", "0", "起")], scanned=True, seal_pages=[1],
             pages=[{"page": 1, "text": INC_TEXT}], title="关于紫岚县2025年度突发环境事件情况的说明",
             subtype="situation_statement", note="只有图像的PDF，150 dpi，红头+红章；否定性情况说明"),
        file(P["empty"], "pdf", None, None, [], [], status="error", error_category="empty", note="0字节文件"),
        file(P["red"], "docx", "other", "2026-01-06",
             [num("118,642.35", "118642.35", "公顷"), num("292,078.00", "292078.00", "公顷"),
              date("2026年1月6日", "2026-01-06")],
             [link("ecological_redline_enforcement", "118642.35", "公顷"),
              link("county_land_area", "292078.00", "公顷")],
             title="紫岚县自然资源局关于全县生态保护红线面积情况的说明", subtype="situation_statement",
             note="表格“类别”列纵向合并三行（生态保护红线）；面积单位只在表头“面积（公顷）”；填报为平方公里"),
        file(P["bul"], "pdf", "monitoring_report", "2025-04-10",
             [num("112.46亿元", "112.46", "亿元"), num("18.62亿元", "18.62", "亿元"), num("12,486吨", "12486", "吨"),
              num("286.3吨", "286.3", "吨"), num("31.6万人", "31.6", "万人"), date("2025年4月10日", "2025-04-10")],
             [link("gdp", "112.46", "亿元"), link("industry_value_added", "18.62", "亿元"),
              link("fertilizer_use", "12486", "吨"), link("pesticide_use", "286.3", "吨"),
              link("population", "31.6", "万人"), link("air_pollutant_concentration", "29", "μg/m³")],
             title="紫岚县2024年国民经济和社会发展统计公报", subtype="statistical_report", evidence_period="2024",
             note="2025年4月发布的2024年数据；所有数字都不属于评价年度2025"),
    ]


def ind(name, value, unit, dept, indicator, status, ev=None, evu=None, path=None, trap=""):
    d = {"submitted_name": name, "submitted_value": value, "submitted_unit": unit, "department": dept,
         "indicator": indicator, "expected_status": status, "evidence_value": ev, "evidence_unit": evu}
    if path:
        d["evidence_path"] = P[path]
    d["trap"] = trap
    return d


def indicators():
    return [
        ind("化肥施用量（折纯）", "12035.4", "吨", "县农业农村局", "fertilizer_use", "corroborated", "12035.4", "吨", "agri",
            "无格线统计表“2025年”列（2024年列12,486.0在前）；方案目标1.25万吨/1.2万吨、公报12,486吨都不是"),
        ind("农药使用量2025年", "265", "吨", "县农业农村局", "pesticide_use", "mismatch", "271.9", "吨", "agri",
            "统计表2025年实际271.9吨；填报265吨恰是实施方案中的2025年目标（目标不能佐证）"),
        ind("畜禽粪污综合利用率（%）", "92.4", "%", "县农业农村局", "livestock_manure_utilization_rate", "corroborated",
            "92.4", "%", "manure", "只在JPG照片台账中（须OCR），“92.4％”全角百分号；26131÷28280=92.40%；方案/送审稿90%是目标"),
        ind("生活垃圾无害化处理率", "98.6", "%", "县住建局", "urban_msw_harmless_rate", "corroborated", "98.6", "%", "msw",
            "派生比率：XLSX第二个工作表合计行34022.9÷34506.0=98.60%，表中没有比率；送审稿98%是目标"),
        ind("县城生活垃圾清运量", "3.45", "万吨", "县住建局", "msw_generated", "corroborated", "34506.0", "吨", "msw",
            "万吨↔吨；值在第二个工作表“月度明细”合计行（汇总表只有上年33,870.2吨）；3.45万吨是34,506.0吨四舍五入（差0.02%）"),
        ind("PM2.5年均浓度", "27", "μg/m3", "汉兴市生态环境局紫岚分局", "air_pollutant_concentration", "corroborated",
            "27", "μg/m³", "mon", "监测报告“全年”行与正文27μg/m³；Q4纪要26是1—11月，公报29是2024年，送审稿28是目标"),
        ind("集中式饮用水水源地水质达标率", "100", "%", "汉兴市生态环境局紫岚分局", "drinking_water_source_quality",
            "corroborated", "100", "%", "mon", "监测报告正文“全年水质达标率100%”"),
        ind("农村黑臭水体整治", "3", "条", "县住建局", "black_odorous_water_remediation", "corroborated", "3", "条", "acc",
            "竣工验收报告（验收日期2025.11.20）“3条农村黑臭水体…准予销号”"),
        ind("突发环境事件（起）", "0", "起", "汉兴市生态环境局紫岚分局", "sudden_env_incidents", "corroborated", "0", "起",
            "inc", "扫描件情况说明“全年共发生突发环境事件0起”（可争议：情况说明作为否定性证据）"),
        ind("生态保护红线面积", "1186.42", "平方公里", "县自然资源局", "ecological_redline_enforcement", "corroborated",
            "118642.35", "公顷", "red", "公顷↔平方公里；DOCX表格纵向合并单元格，合计行“118,642.35”，单位只在表头"),
        ind("环境监测经费", "35.6", "万元", "县财政局", "assessment_funding", "corroborated", "356000", "元", "voucher",
            "只有图像的银行电子回单 CNY 356,000.00 / 叁拾伍万陆仟元整；Q1纪要35.6万元只是安排决定"),
        ind("2025年第一产业增加值", "18.62", "亿元", "县统计局", "industry_value_added", "out_of_period", "18.62", "亿元",
            "bul", "只有2024年统计公报（2025年4月发布）中的2024年数据"),
        ind("乡镇生活污水集中处理率（%）", "90", "%", "县住建局", "town_sewage_treatment_ratio", "no_evidence", None, None,
            None, "只在送审稿中作为2025年目标出现"),
        ind("县委县政府专题研究生态环境保护工作会议", "4", "次", "县委办", "party_gov_joint_eco_protection", "mismatch",
            "3", "次", "q1", "只有Q1、Q3、Q4纪要；二季度只有会议通知"),
        ind("野生动物收容救护数量", "37", "只", "县林业局", None, "unresolved", None, None, None, "指标目录中没有此项"),
    ]


def checks():
    return [
        {"id": "quarterly_minutes", "status": "fail", "missing": ["Q2"],
         "found": {"Q1": P["q1"], "Q3": P["q3"], "Q4": P["q4"]}},
        {"id": "evidence_in_period", "status": "fail",
         "items": [{"indicator": "industry_value_added", "path": P["bul"], "evidence_period": "2024"}]},
        {"id": "budget_passed_by_npc", "status": "pass", "evidence": [P["npc"]], "date": "2025-01-16"},
        {"id": "scans_sealed", "status": "pass", "unsealed": [], "note": "三个扫描件/照片都有红章"},
        {"id": "unreadable_files", "status": "fail", "files": [{"path": P["empty"], "category": "empty"}]},
        {"id": "drafts_not_evidence", "status": "warn", "drafts": [P["draft"]]},
        {"id": "derived_rates", "status": "pass", "rates": [
            {"indicator": "urban_msw_harmless_rate", "numerator": "34022.9", "denominator": "34506.0", "unit": "吨",
             "value": "98.60", "submitted": "98.6"}]},
    ]


def build_labels():
    return {"county": "紫岚县", "year": 2025, "folder": "package", "submitted": "submitted.xlsx",
            "submitted_encoding": None, "function_type": "生物多样性维护", "files": files(), "skipped": [],
            "indicators": indicators(), "checks": checks()}

#!/usr/bin/env python3
"""Write corpus/holdout2/labels.json (hand-decided answers for the 黔岭县 2024 package; schema of corpus/holdout)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
D1, D2, D3, D4, D5, D6, D7, D8, D9 = ("01-县委办", "02-县财政局", "03-县住建局", "04-县农业农村局", "05-县水务局",
                                      "06-县林业局", "07-县统计局", "08-市生态环境局黔岭分局", "09-乡镇")
Q1 = f"{D1}/中共黔岭县委常委会会议纪要（2024年第4次）.pdf"
Q3 = f"{D1}/县人民政府第二十三次常务会议纪要.docx"
Q4 = f"{D1}/县生态环境保护委员会2024年第四次全体会议纪要.pdf"
DRAFT = f"{D1}/黔岭县2024年度县域生态环境质量考核工作实施方案（征求意见稿）.docx"
FIN = f"{D2}/2024年一般公共预算支出决算表.xlsx"
NPC = f"{D2}/县人大关于2023年预算执行情况和2024年预算的决议.pdf"
VOUCHER = f"{D2}/考核工作经费支付凭证（扫描件）.pdf"
LEDGER = f"{D3}/县城污水处理厂2024年运行台账.xlsx"
RURAL = f"{D4}/2024年农村人居环境整治提升工作总结.docx"
RPLAN = f"{D4}/黔岭县农村生活污水治理三年行动方案（2023—2025年）.pdf"
ACCEPT = f"{D5}/锦溪河小流域水土保持综合治理工程竣工验收鉴定书.pdf"
FOREST = f"{D6}/2024年森林资源主要指标统计表.csv"
BULLETIN = f"{D7}/黔岭县2023年国民经济和社会发展统计公报.pdf"
MONITOR = f"{D8}/黔岭县2024年生态环境质量监测报告.pdf"
CORRUPT = f"{D8}/2024年排污许可证核发登记台账.xlsx"
ZIP = f"{D9}/龙塘镇上报材料.zip"
ZCSV = f"{ZIP}/龙塘镇上报材料/2024年生活垃圾收集转运台账.csv"


def num(text, value, unit, cv, cu, page=1):
    return {"kind": "number", "text": text, "page": page, "value": value, "unit": unit,
            "canonical_value": cv, "canonical_unit": cu}


def date(text, iso, page=1):
    return {"kind": "date", "text": text, "page": page, "date": iso}


def period(text, start, end, page=1):
    return {"kind": "period", "text": text, "page": page, "start": start, "end": end}


def link(ind, value=None, unit=None, role="achieved"):
    return {"indicator": ind, "value": value, "unit": unit, "role": role}


def f(path, fmt, doc_type, doc_date, facts, links, **extra):
    base = {"path": path, "format": fmt, "doc_type": doc_type, "status": "ok", "error_category": None,
            "duplicate_of": None, "scanned": False, "doc_date": doc_date, "seal_pages": [], "pages": [],
            "facts": facts, "links": links}
    base.update(extra)
    return base


VOUCHER_TEXT = ("黔岭县财政国库集中支付凭证\n支付日期：2024年05月14日 凭证号：QL2024-0514-0213\n"
                "预算单位：铜江市生态环境局黔岭分局\n功能分类科目：2110299 其他环境监测与监察支出\n"
                "经济分类科目：30227 委托业务费\n收款人全称：黔岭县生态环境监测站\n"
                "用途：2024年县域生态环境质量监测评价与考核工作经费\n金额（小写）：¥180,000.00\n"
                "金额（大写）：人民币壹拾捌万元整\n支付方式：直接支付\n经办人：龙芳 复核：陈志远")

FILES = [
    f(Q1, "pdf", "meeting_minutes", "2024-03-05",
      [date("2024年3月5日", "2024-03-05"), date("2024年3月7日", "2024-03-07"),
       num("18万元", "18", "万元", "180000", "元")],
      [link("party_gov_joint_eco_protection"), link("assessment_funding", "18", "万元", "mention")],
      title="中共黔岭县委常委会会议纪要（2024年第4次）", quarter="Q1",
      note="会议日期3月5日，印发日期3月7日；18万元是会议同意安排的经费（决定），实际拨付见支付凭证"),
    f(Q3, "docx", "meeting_minutes", "2024-08-22",
      [date("2024.8.26", "2024-08-26"), num("325.6万吨", "325.6", "万吨", "3256000", "t"),
       period("1—7月", "2024-01-01", "2024-07-31")],
      [link("party_gov_joint_eco_protection")],
      title="黔岭县人民政府常务会议纪要〔2024〕23号", quarter="Q3", doc_numbers=["〔2024〕23号"],
      note="正文会议日期只写“8月22日”（无年份），年份来自文号〔2024〕与印发日期2024.8.26；325.6万吨是1—7月累计，不是全年"),
    f(Q4, "pdf", "meeting_minutes", "2024-12-10",
      [date("二〇二四年十二月十日", "2024-12-10"), date("二〇二四年十二月十二日", "2024-12-12")],
      [link("party_gov_joint_eco_protection")],
      title="黔岭县生态环境保护委员会2024年第四次全体会议纪要", quarter="Q4",
      note="县委书记、县长共同主持的生态环境保护委员会全体会议，计入县委县政府研究生态环境保护工作"),
    f(DRAFT, "docx", "plan", "2024-04-02",
      [num("97%", "97", "%", "97", "%"), num("100%", "100", "%", "100", "%"), num("95%", "95", "%", "95", "%"),
       num("35%", "35", "%", "35", "%"), num("63%", "63", "%", "63", "%"), date("2024年4月2日", "2024-04-02")],
      [link("assessment_organization"), link("air_good_days_ratio", "97", "%", "target"),
       link("water_class3_or_better_ratio", "100", "%", "target"),
       link("urban_sewage_treatment_rate", "95", "%", "target"),
       link("rural_sewage_treatment_rate", "35", "%", "target"), link("forest_coverage", "63", "%", "target")],
      title="黔岭县2024年度国家重点生态功能区县域生态环境质量监测评价与考核工作实施方案（征求意见稿）",
      draft=True, subtype="plan_or_scheme", note="征求意见稿，只有目标值"),
    f(FIN, "xlsx", "budget_document", "2025-03-18",
      [num("301,257.86", "301257.86", "万元", "3012578600", "元"),
       num("15,904.37", "15904.37", "万元", "159043700", "元"),
       num("286,431.50", "286431.50", "万元", "2864315000", "元"),
       num("14,286.55", "14286.55", "万元", "142865500", "元"), date("2025.3.18", "2025-03-18")],
      [link("fiscal_total_expenditure", "301257.86", "万元"), link("eco_investment_amount", "15904.37", "万元"),
       link("eco_investment_share", "5.28", "%")],
      title="黔岭县2024年一般公共预算支出决算表", subtype="budget_report", fiscal_year=2024,
      note="合并单元格标题；单位只在E2“单位：万元”；“上年决算数”列在“本年决算数”列之前（上年数是2023年）；"
           "占比不在表中，须15904.37÷301257.86复算=5.28%"),
    f(NPC, "pdf", "budget_document", "2024-01-18",
      [date("2024年1月18日", "2024-01-18"), num("29.80亿元", "29.80", "亿元", "2980000000", "元"),
       num("1.45亿元", "1.45", "亿元", "145000000", "元")],
      [link("fiscal_total_expenditure", "29.80", "亿元", "target"), link("eco_investment_amount", "1.45", "亿元", "target")],
      title="黔岭县第十八届人民代表大会第三次会议关于黔岭县2023年全县和县本级预算执行情况与2024年全县和县本级预算的决议",
      subtype="npc_budget_resolution", note="预算安排数，不是决算数"),
    f(VOUCHER, "pdf", "payment_voucher", "2024-05-14",
      [date("2024年05月14日", "2024-05-14"), num("¥180,000.00", "180000", "元", "180000", "元"),
       num("人民币壹拾捌万元整", "180000", "元", "180000", "元")],
      [link("assessment_funding", "180000", "元")],
      scanned=True, seal_pages=[1], pages=[{"page": 1, "text": VOUCHER_TEXT}],
      title="黔岭县财政国库集中支付凭证",
      note="只有图像的PDF，150 dpi，旋转1.3°，红色“财务专用章”压在小写/大写金额之间"),
    f(LEDGER, "xlsx", "ledger", "2025-01-06",
      [num("5,862,400", "5862400", "吨", "5862400", "t"), num("5,571,300", "5571300", "吨", "5571300", "t"),
       date("2025年1月6日", "2025-01-06"), period("2024.1.1—2024.12.31", "2024-01-01", "2024-12-31")],
      [link("urban_sewage_discharge_total", "5862400", "吨", "component"),
       link("urban_sewage_treated_compliant", "5571300", "吨", "component"),
       link("urban_sewage_treatment_rate", "95.03", "%"), link("wwtp_operation")],
      title="黔岭县县城污水处理厂2024年运行台账", subtype="operation_ledger",
      note="单位只在表头“污水收集量（吨）”“达标排放量（吨）”；没有处理率行，须5571300÷5862400复算=95.03%；填报为万吨"),
    f(RURAL, "docx", "other", "2025-01-08",
      [num("二十个", "20", "个", "20", "个"), num("十八个", "18", "个", "18", "个"),
       num("1.26万户", "1.26", "万户", "12600", "户"), num("42座", "42", "座", "42", "座"),
       date("二〇二五年一月八日", "2025-01-08")],
      [link("rural_remediation_task", "20", "个", "task"), link("rural_remediation_villages_completed", "18", "个"),
       link("rural_environment_remediation", "18", "个"), link("rural_toilet_renovation", "12600", "户")],
      title="黔岭县农业农村局关于2024年农村人居环境整治提升工作情况的总结", subtype="work_summary",
      note="任务数与完成数用中文数字写（“二十个行政村”“十八个行政村”）；改厕“1.26万户”"),
    f(RPLAN, "pdf", "plan", "2023-06-12",
      [num("35%", "35", "%", "35", "%"), num("40%", "40", "%", "40", "%"), num("25.3%", "25.3", "%", "25.3", "%"),
       date("2023年6月12日", "2023-06-12"), period("2023—2025年", "2023-01-01", "2025-12-31")],
      [link("rural_sewage_treatment_rate", "35", "%", "target"), link("rural_sewage_treatment_rate", "40", "%", "target")],
      title="黔岭县农村生活污水治理三年行动方案（2023—2025年）", subtype="plan_or_scheme",
      note="2024年35%只是目标；25.3%是2022年底现状"),
    f(ACCEPT, "pdf", "acceptance_report", "2024-11-26",
      [date("2024年11月26日", "2024-11-26"), date("二〇二四年十一月二十六日", "2024-11-26"),
       num("12.45", "12.45", "km²", "12450000", "m2"), num("860万元", "860", "万元", "8600000", "元")],
      [link("soil_erosion_area", "12.45", "平方公里"), link("eco_restoration_projects")],
      title="黔岭县2024年锦溪河小流域水土保持综合治理工程竣工验收鉴定书",
      note="面积单位只在表前说明“治理面积单位：km²”；表中设计12.60、完成12.45；填报为公顷（1245公顷=12.45平方公里）"),
    f(FOREST, "text", "monitoring_report", "2025-02-14",
      [num("63.47", "63.47", "%", "63.47", "%"), num("63.12", "63.12", "%", "63.12", "%"),
       num("154402.3", "154402.3", "公顷", "1544023000", "m2"), date("2025年2月14日", "2025-02-14")],
      [link("forest_coverage", "63.47", "%"), link("forest_land_area", "154402.3", "公顷"),
       link("county_land_area", "229560.0", "公顷"), link("grassland_area", "6098.1", "公顷"),
       link("water_wetland_area", "2221.6", "公顷")],
      title="黔岭县森林资源主要指标（2024年度更新成果）", subtype="statistical_report", encoding="gbk",
      note="GBK编码CSV；单位在第2行“单位：公顷、%”；上年数列（63.12）在本年数列（63.47）之前"),
    f(BULLETIN, "pdf", "monitoring_report", "2024-03-28",
      [num("126.38亿元", "126.38", "亿元", "12638000000", "元"), num("30.52万人", "30.52", "万人", "305200", "人"),
       num("28.64亿元", "28.64", "亿元", "2864000000", "元"), num("97.2%", "97.2", "%", "97.2", "%"),
       num("63.12%", "63.12", "%", "63.12", "%"), date("2024年3月28日", "2024-03-28"),
       period("2023年", "2023-01-01", "2023-12-31")],
      [link("gdp", "126.38", "亿元"), link("industry_value_added", "27.65", "亿元", "component"),
       link("population", "30.52", "万人"), link("fiscal_total_expenditure", "28.64", "亿元"),
       link("air_good_days_ratio", "97.2", "%"), link("forest_coverage", "63.12", "%")],
      title="黔岭县2023年国民经济和社会发展统计公报", subtype="statistical_report", evidence_period="2023",
      note="2024年发布的是2023年数据；所有数字都不属于评价年度2024"),
    f(MONITOR, "pdf", "monitoring_report", "2025-01-20",
      [num("366天", "366", "天", "366", "天"), num("358天", "358", "天", "358", "天"),
       num("97.8%", "97.8", "%", "97.8", "%"), num("24微克/立方米", "24", "微克/立方米", "24", "μg/m3"),
       num("100%", "100", "%", "100", "%"), date("2025年1月20日", "2025-01-20")],
      [link("air_valid_days", "366", "天"), link("air_good_days", "358", "天"), link("air_good_days_ratio", "97.8", "%"),
       link("air_pollutant_concentration", "24", "μg/m³"), link("water_class3_or_better_ratio", "100", "%"),
       link("drinking_water_source_quality", "100", "%")],
      title="黔岭县2024年生态环境质量监测报告", note="无印章的文字PDF"),
    {"path": CORRUPT, "format": "xlsx", "doc_type": None, "status": "error", "error_category": "corrupt",
     "duplicate_of": None, "scanned": False, "doc_date": None, "seal_pages": [], "pages": [], "facts": [], "links": [],
     "note": "xlsx(zip)在45%处截断，无中央目录"},
    {"path": ZIP, "format": "zip", "doc_type": None, "status": "ok", "error_category": None, "duplicate_of": None,
     "scanned": False, "doc_date": None, "seal_pages": [], "pages": [], "facts": [], "links": [],
     "note": "UTF-8文件名，含一个子目录"},
    f(ZCSV, "text", "ledger", "2025-01-10",
      [num("1482.6", "1482.6", "吨", "1482.6", "t"), date("2025年1月10日", "2025-01-10")],
      [link("town_msw_collection_rate")],
      title="龙塘镇2024年农村生活垃圾收集转运台账", subtype="operation_ledger", encoding="utf-8-sig"),
]


def row(name, value, unit, dept, ind, status, ev, evu, path, trap):
    return {"submitted_name": name, "submitted_value": value, "submitted_unit": unit, "department": dept,
            "indicator": ind, "expected_status": status, "evidence_value": ev, "evidence_unit": evu,
            **({"evidence_path": path} if path else {}), "trap": trap}


INDICATORS = [
    row("一般公共预算支出", "301257.86", "万元", "县财政局", "fiscal_total_expenditure", "corroborated",
        "301257.86", "万元", FIN, "决算表“本年决算数”列；同表“上年决算数”286,431.50、人大决议29.80亿元（预算）、统计公报28.64亿元（2023年）都不是"),
    row("生态环保支出", "159043700", "元", "县财政局", "eco_investment_amount", "corroborated",
        "15904.37", "万元", FIN, "单位陷阱：填报为元，决算表单位只在标题下“单位：万元”；行名为“节能环保支出”"),
    row("生态环保投入占财政支出比例", "5.28", "%", "县财政局", "eco_investment_share", "corroborated",
        "5.28", "%", FIN, "派生比率：任何材料都没写占比，须15904.37÷301257.86=5.28%"),
    row("考核工作经费", "18", "万元", "县生态环境分局", "assessment_funding", "corroborated",
        "180000", "元", VOUCHER, "扫描支付凭证（仅图像PDF）¥180,000.00/壹拾捌万元整；万元↔元"),
    row("城镇生活污水处理率", "95.03", "%", "县住建局", "urban_sewage_treatment_rate", "corroborated",
        "95.03", "%", LEDGER, "派生比率：台账只有月度与合计吨数，5571300÷5862400=95.03%；征求意见稿95%是目标"),
    row("城镇污水处理达标排放量", "557.13", "万吨", "县住建局", "urban_sewage_treated_compliant", "corroborated",
        "5571300", "吨", LEDGER, "单位陷阱：填报万吨，台账表头为吨；常务会议纪要325.6万吨只是1—7月累计"),
    row("全年空气质量优良天数比例", "97.8", "%", "县生态环境分局", "air_good_days_ratio", "corroborated",
        "97.8", "%", MONITOR, "名称前缀“全年”；统计公报97.2%是2023年；征求意见稿97%是目标"),
    row("地表水水质优良比例", "100", "%", "县生态环境分局", "water_class3_or_better_ratio", "corroborated",
        "100", "%", MONITOR, "监测报告“达到或优于Ⅲ类水质比例为100%”"),
    row("森林覆盖率", "64.2", "%", "县林业局", "forest_coverage", "mismatch",
        "63.47", "%", FOREST, "林业局统计表本年数63.47%（上年63.12%），填报64.2%不符"),
    row("地区生产总值", "126.38", "亿元", "县统计局", "gdp", "out_of_period",
        "126.38", "亿元", BULLETIN, "只有2023年统计公报（2024年3月发布）中的2023年数据"),
    row("农村生活污水治理率", "35", "%", "县农业农村局", "rural_sewage_treatment_rate", "no_evidence",
        None, None, None, "只在三年行动方案和征求意见稿中作为2024年目标出现"),
    row("完成农村环境整治的行政村数量", "18", "个", "县农业农村局", "rural_remediation_villages_completed", "corroborated",
        "18", "个", RURAL, "中文数字“十八个行政村”；同句任务数“二十个”"),
    row("农村卫生户厕改造", "12600", "户", "县农业农村局", "rural_toilet_renovation", "corroborated",
        "12600", "户", RURAL, "正文“1.26万户”"),
    row("水土流失治理面积", "1245", "公顷", "县水务局", "soil_erosion_area", "corroborated",
        "12.45", "平方公里", ACCEPT, "公顷↔km²；单位只在表前说明“治理面积单位：km²”；设计数12.60不是完成数"),
    row("县委县政府研究生态环境保护工作会议", "4", "次", "县委办", "party_gov_joint_eco_protection", "mismatch",
        "3", "次", Q1, "只有一、三、四季度的会议纪要，二季度没有"),
    row("古树名木挂牌保护数量", "236", "株", "县林业局", None, "unresolved",
        None, None, None, "指标目录中没有此项"),
]

CHECKS = [
    {"id": "quarterly_minutes", "status": "fail", "missing": ["Q2"], "found": {"Q1": Q1, "Q3": Q3, "Q4": Q4}},
    {"id": "evidence_in_period", "status": "fail",
     "items": [{"indicator": "gdp", "path": BULLETIN, "evidence_period": "2023"}]},
    {"id": "budget_passed_by_npc", "status": "pass", "evidence": [NPC], "date": "2024-01-18"},
    {"id": "scans_sealed", "status": "pass", "unsealed": [], "note": "唯一的扫描件（支付凭证）有红章"},
    {"id": "unreadable_files", "status": "fail", "files": [{"path": CORRUPT, "category": "corrupt"}]},
    {"id": "drafts_not_evidence", "status": "warn", "drafts": [DRAFT]},
    {"id": "derived_rates", "status": "pass", "rates": [
        {"indicator": "eco_investment_share", "numerator": "15904.37", "denominator": "301257.86", "unit": "万元",
         "value": "5.28", "submitted": "5.28"},
        {"indicator": "urban_sewage_treatment_rate", "numerator": "5571300", "denominator": "5862400", "unit": "吨",
         "value": "95.03", "submitted": "95.03"}]},
]

LABELS = {"county": "黔岭县", "year": 2024, "folder": "package", "submitted": "submitted.xlsx",
          "submitted_encoding": None, "function_type": "水源涵养", "files": sorted(FILES, key=lambda x: x["path"]),
          "skipped": [], "indicators": INDICATORS, "checks": CHECKS}

if __name__ == "__main__":
    (HERE / "labels.json").write_text(json.dumps(LABELS, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(FILES), "files,", len(INDICATORS), "indicators")

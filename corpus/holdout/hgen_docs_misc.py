"""Documents of 旗水利局, 旗统计局, 市生态环境局云岭旗分局 and one 苏木 (nested zip) for the holdout package."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import hgen_render as R
from hgen_labels import date, entry, link, num, period
from hgen_office import write_csv, write_docx, write_xlsx, zip_bytes

SL = "06-旗水利局"
TJ = "07-旗统计局"
FJ = "08-市生态环境局云岭旗分局"
SM = "09-巴彦塔拉苏木"

SOURCES = [  # (苏木镇, 水源地, 类型, 划定)
    ("巴彦塔拉苏木", "巴彦塔拉苏木水源地", "地下水", "是"), ("乌兰敖包苏木", "乌兰敖包水源井", "地下水", "是"),
    ("达拉图镇", "达拉图镇第二水源地", "地下水", "是"), ("赛罕镇", "赛罕镇水源地", "地下水", "是"),
    ("阿日昆都楞苏木", "阿日昆都楞水源井", "地下水", "是"), ("查干诺尔苏木", "查干诺尔水库", "地表水", "是"),
    ("宝日温都苏木", "宝日温都新建水源井", "地下水", "否"),
]


def compilation(root: Path) -> list[dict[str, Any]]:
    """A bound 资料汇编: a notice, a 批复 (文号 with []) and a ledger page, one after another."""
    rel = f"{SL}/2023年苏木镇饮用水水源地保护工作资料汇编.pdf"
    notice = ["云岭旗水利局", "云水发[2023]9号",
              "# 关于做好2023年苏木镇集中式饮用水水源保护区划定工作的通知",
              "各苏木镇人民政府，旗直有关单位：",
              "    根据自治区关于乡镇级集中式饮用水水源保护区划定工作的部署，请各苏木镇于2023年5月",
              "底前完成辖区内集中式饮用水水源保护区划定方案编制，报旗水利局汇总后呈报审批。",
              "    对新建、在建水源，应同步开展保护区划定前期工作，不具备条件的要说明原因。",
              "> 云岭旗水利局", "> 2023年4月18日"]
    reply = ["云岭旗人民政府", "云政字[2023]45号",
             "# 云岭旗人民政府关于苏木镇集中式饮用水水源保护区划定方案的批复",
             "旗水利局：",
             "    你局《关于报请审批苏木镇集中式饮用水水源保护区划定方案的请示》（云水字[2023]21号）收悉。",
             "经研究，批复如下：",
             "    一、同意巴彦塔拉苏木等6处苏木镇集中式饮用水水源保护区划定方案。",
             "    二、宝日温都苏木新建水源井尚未投入使用，待具备条件后另行报批。",
             "    三、请你局会同各苏木镇设立界标、警示标志，落实水源地保护责任。",
             "    此复。",
             "> 云岭旗人民政府", "> 2023年6月26日"]
    ledger = ["# 苏木镇集中式饮用水水源地基本情况台账",
              "序号 | 苏木镇 | 水源地名称 | 类型 | 保护区划定"]
    for i, (town, name, kind, zoned) in enumerate(SOURCES, 1):
        ledger.append(f"{i} | {town} | {name} | {kind} | {zoned}")
    ledger += ["", "合计：水源地7处，已划定保护区6处（批复文号：云政字[2023]45号）。",
               "填表单位：云岭旗水利局        填表日期：2023.6.30"]
    R.text_pdf(root / rel, [notice, reply, ledger], "资料汇编", size=10.5)
    return [entry(rel, "pdf", "notice", "2023-06-26", "苏木镇饮用水水源地保护工作资料汇编",
                  facts=[date("2023年4月18日", "2023-04-18", 1), date("2023年6月26日", "2023-06-26", 2),
                         date("2023.6.30", "2023-06-30", 3), num("6处", "6", "处", page=2),
                         num("7处", "7", "处", page=3)],
                  links=[link("town_water_sources_zoned", "6", "个"), link("town_water_sources_total", "7", "个"),
                         link("town_water_source_zoning_ratio")],
                  doc_numbers=["云水发〔2023〕9号", "云政字〔2023〕45号"],
                  parts=[{"pages": [1], "doc_type": "notice", "doc_date": "2023-04-18"},
                         {"pages": [2], "doc_type": "notice", "doc_date": "2023-06-26", "subtype": "approval_reply"},
                         {"pages": [3], "doc_type": "ledger", "doc_date": "2023-06-30", "subtype": "name_list"}],
                  note="一个文件内依次装订通知、批复、台账三份材料；整体以批复为主要证明")]


def yearbook(root: Path) -> list[dict[str, Any]]:
    """《云岭旗统计年鉴2023》 extract: 2022 data (the yearbook of year N reports year N-1). Percent cells hold 0.xx."""
    rel = f"{TJ}/云岭旗统计年鉴2023（主要指标摘录）.xlsx"
    main: list[list[object]] = [["1-1  云岭旗国民经济和社会发展主要指标（2022年）"],
                                ["指标", "单位", "2022年", "比上年增长"],
                                ["年末户籍人口", "万人", 12.36, -0.004],
                                ["地区生产总值", "亿元", 86.73, 0.041],
                                ["  第一产业增加值", "亿元", 21.58, 0.052],
                                ["  第二产业增加值", "亿元", 30.17, 0.038],
                                ["  第三产业增加值", "亿元", 34.98, 0.036],
                                ["城镇化率", "%", 0.4862, None],
                                ["一般公共预算支出", "万元", 225410, 0.027],
                                ["苏木镇", "个", 8, None],
                                ["嘎查村", "个", 96, None],
                                ["农作物播种面积", "万亩", 121.4, 0.012]]
    fmts = {f"D{r}": "0.0%" for r in range(3, 13)}
    fmts["C8"] = "0.00%"
    agri: list[list[object]] = [["8-3  主要农牧业生产条件（2022年）"],
                                ["指标", "单位", "2022年", "2021年"],
                                ["化肥施用量（折纯）", "吨", 18620, 18950],
                                ["农药使用量", "吨", 412, 436],
                                ["地膜回收率", "%", 0.812, 0.795],
                                ["畜禽粪污综合利用率", "%", 0.87, 0.85]]
    write_xlsx(root / rel, [("1-1 主要指标", main, fmts), ("8-3 农牧业", agri, {"C5": "0.0%", "D5": "0.0%",
                                                                               "C6": "0%", "D6": "0%"})])
    return [entry(rel, "xlsx", "monitoring_report", None, "云岭旗国民经济和社会发展主要指标（2022年）",
                  facts=[num("86.73", "86.73", "亿元", "8673000000", "元"), num("0.4862", "48.62", "%"),
                         num("0.812", "81.2", "%"), period("2022年", "2022-01-01", "2022-12-31")],
                  links=[link("gdp", "86.73", "亿元"), link("population", "12.36", "万人"),
                         link("town_count", "8", "个"), link("admin_village_count", "96", "个"),
                         link("plastic_film_recovery_rate", "81.2", "%")],
                  subtype="statistical_report", evidence_period="2022",
                  note="年鉴2023收录的是2022年数据；百分比单元格存0.xx并设百分比格式")]


TRAD = """雲嶺旗2023年生態環境狀況公報
來源：雲嶺旗人民政府網站　發佈時間：2024-05-31　瀏覽次數：1286
【字體：大 中 小】【打印本頁】【關閉窗口】

一、環境空氣質量
2023年，旗所在地環境空氣自動監測站因設備升級改造停運，全年有效監測數據不足，未進行年度評價。

二、水環境質量
全旗3個地表水監測斷面中，達到或優於Ⅲ類水質的斷面3個，達到或優於Ⅲ類水質比例為100%。旗所在地集中式飲用水水源地水質達標率100%。

三、城鎮生活污水處理
旗污水處理廠全年處理生活污水412.34萬噸，城鎮生活污水集中處理率為94.4%。

四、縣域生態狀況
2023年完成退化草原補播改良3.2萬畝，縣域生態環境質量總體保持穩定。

雲嶺旗生態環境保護委員會辦公室
"""


def trad_bulletin(root: Path) -> list[dict[str, Any]]:
    """Web-copied 公报 in traditional characters (處理率, 縣域), saved as GB18030 text."""
    rel = f"{FJ}/雲嶺旗2023年生態環境狀況公報（網頁轉載）.txt"
    (root / rel).write_bytes(TRAD.replace("\n", "\r\n").encode("gb18030"))
    return [entry(rel, "text", "monitoring_report", "2024-05-31", "雲嶺旗2023年生態環境狀況公報",
                  facts=[num("100%", "100", "%"), num("412.34萬噸", "412.34", "万吨", "4123400", "t"),
                         num("94.4%", "94.4", "%"), date("2024-05-31", "2024-05-31"),
                         period("2023年", "2023-01-01", "2023-12-31")],
                  links=[link("water_class3_or_better_ratio", "100", "%"),
                         link("drinking_water_source_quality", "100", "%"),
                         link("urban_sewage_treatment_rate", "94.4", "%")],
                  subtype="statistical_report", traditional=True, encoding="gb18030",
                  note="繁体字网页转载；未给出空气质量优良天数比例")]


def self_check(root: Path) -> list[dict[str, Any]]:
    """自查报告: repeats the filed values (including the wrong 98.2% and the unsupported 93.2%) — never evidence."""
    rel = f"{FJ}/云岭旗2023年度县域生态环境质量监测与评价自查报告.docx"
    blocks = [("title", "云岭旗2023年度国家重点生态功能区县域生态环境质量监测与评价自查报告"),
              ("p", "一、基本情况。云岭旗辖8个苏木镇，国土面积8,642平方公里，属防风固沙型重点生态功能区。"),
              ("p", "二、工作组织情况。旗委、旗政府高度重视，成立了以旗长为组长的领导小组，全年召开旗委常委会、"
                    "旗政府常务会议等专题研究生态环境保护工作4次。"),
              ("p", "三、生态环境质量状况。2023年全旗空气质量优良天数比例为93.2%；地表水达到或优于Ⅲ类水质比例为100%。"),
              ("p", "四、生态环境保护管理。全年生态环境保护与治理投入18635.42万元，占一般公共预算支出的7.71%；"
                    "城镇生活污水集中处理率98.2%；完成农村牧区环境整治嘎查（村）14个；农村牧区生活污水治理率38.5%。"),
              ("p", "五、存在问题。部分苏木镇污水收集管网覆盖不足，空气自动站数据有效率偏低。"),
              ("right", "市生态环境局云岭旗分局"), ("right", "2024年1月15日")]
    write_docx(root / rel, blocks, "自查报告")
    return [entry(rel, "docx", "other", "2024-01-15", "云岭旗2023年度国家重点生态功能区县域生态环境质量监测与评价自查报告",
                  facts=[num("93.2%", "93.2", "%"), num("98.2%", "98.2", "%"), num("18635.42万元", "18635.42", "万元",
                                                                                  "186354200", "元"),
                         num("8,642平方公里", "8642", "平方公里", "8642000000", "m2"),
                         date("2024年1月15日", "2024-01-15")],
                  links=[link("air_good_days_ratio", "93.2", "%", "mention"),
                         link("urban_sewage_treatment_rate", "98.2", "%", "mention")],
                  subtype="self_check_report", note="被审核的材料本身，其中数字不能作为佐证")]


def sumu_zip(root: Path) -> list[dict[str, Any]]:
    """A 苏木's upload: a zip (GBK names, no UTF-8 flag) holding a DOCX summary and another zip with a CSV ledger."""
    rel = f"{SM}/巴彦塔拉苏木上报材料.zip"
    tmp = root / ".tmp_sumu"
    tmp.mkdir(exist_ok=True)
    summary = tmp / "s.docx"
    write_docx(summary, [("title", "巴彦塔拉苏木2023年人居环境整治工作总结"),
                         ("p", "2023年，我苏木完成乌兰、额尔敦、宝力格3个嘎查人居环境整治，于2023年9月12日至13日通过旗级验收。"
                               "全苏木9个嘎查全部实现“嘎查收集、苏木转运、旗里处理”，全年转运生活垃圾1,126.5吨。"),
                         ("right", "巴彦塔拉苏木人民政府"), ("right", "二〇二三年十二月十八日")], "工作总结")
    ledger = tmp / "l.csv"
    rows = [["巴彦塔拉苏木2023年嘎查生活垃圾收集转运台账"], ["月份", "收集嘎查数", "转运量（吨）", "转运车次"]]
    monthly = ["98.4", "90.2", "92.7", "93.5", "95.1", "96.0", "97.3", "96.8", "94.2", "93.6", "92.9", "85.8"]
    for m, v in enumerate(monthly, 1):
        rows.append([f"{m}月", "9", v, str(12 + m % 3)])
    rows.append(["合计", "", "1126.5", ""])
    write_csv(ledger, rows, "gbk")
    inner = zip_bytes([("2023年嘎查生活垃圾收集转运台账.csv", ledger.read_bytes())], gbk_names=True)
    outer = zip_bytes([("巴彦塔拉苏木2023年人居环境整治工作总结.docx", summary.read_bytes()),
                       ("嘎查台账/垃圾收集转运台账.zip", inner)], gbk_names=True)
    (root / rel).write_bytes(outer)
    for f in (summary, ledger):
        f.unlink()
    tmp.rmdir()
    inner_rel = f"{rel}/嘎查台账/垃圾收集转运台账.zip"
    return [entry(rel, "zip", None, None, None, note="GBK文件名、无UTF-8标志；内含另一个zip"),
            entry(f"{rel}/巴彦塔拉苏木2023年人居环境整治工作总结.docx", "docx", "other", "2023-12-18",
                  "巴彦塔拉苏木2023年人居环境整治工作总结",
                  facts=[num("1,126.5吨", "1126.5", "吨", "1126.5", "t"), date("二〇二三年十二月十八日", "2023-12-18"),
                         date("2023年9月12日", "2023-09-12")],
                  links=[link("rural_environment_remediation", "3", "个", "component")], subtype="work_summary"),
            entry(inner_rel, "zip", None, None, None, note="zip中的zip"),
            entry(f"{inner_rel}/2023年嘎查生活垃圾收集转运台账.csv", "text", "ledger", None,
                  "巴彦塔拉苏木2023年嘎查生活垃圾收集转运台账",
                  facts=[num("1126.5", "1126.5", "吨", "1126.5", "t")],
                  links=[link("town_msw_collection_rate")], subtype="operation_ledger", encoding="gbk")]


def build(root: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for fn in (compilation, yearbook, trad_bulletin, self_check, sumu_zip):
        out += fn(root)
    return out


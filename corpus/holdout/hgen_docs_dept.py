"""Documents of 旗住建局, 旗农牧局 and 旗林草局 for the 云岭旗 2023 holdout package."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import hgen_render as R
from PIL import Image

from hgen_labels import date, entry, link, num, page_texts, period
from hgen_office import write_csv, write_docx, write_xlsx

ZJ = "03-旗住建局"
NM = "04-旗农牧局"
LC = "05-旗林草局"

# monthly treated volume, 万吨: Jan–Oct sum to 346.20 (quoted in the Q4 minutes), the year to 412.34
TREATED = ["31.42", "28.15", "33.06", "34.27", "35.88", "36.41", "37.12", "37.54", "36.20", "36.15",
           "33.47", "32.67"]
DISCHARGE_TOTAL = Decimal("436.80")  # 万吨, estimated from water supply × 0.85
SEWAGE_RATE = "94.40"


def sewage_ledger(root: Path) -> list[dict[str, Any]]:
    """WWTP ledger as CSV (UTF-8 with BOM), monthly rows, a totals row and the computed rate."""
    rel = f"{ZJ}/旗污水处理厂2023年运行台账.csv"
    vals = [Decimal(v) for v in TREATED]
    assert sum(vals[:10]) == Decimal("346.20") and sum(vals) == Decimal("412.34")
    rate = (sum(vals) / DISCHARGE_TOTAL * 100).quantize(Decimal("0.01"))
    assert str(rate) == SEWAGE_RATE
    rows = [["云岭旗污水处理厂2023年运行台账", "", "", "", "", ""],
            ["月份", "进水量（万吨）", "处理量（万吨）", "达标排放量（万吨）", "COD进水（mg/L）", "COD出水（mg/L）"]]
    cod_in = [286, 301, 274, 262, 255, 248, 239, 244, 251, 266, 280, 292]
    cod_out = [28, 31, 27, 26, 25, 24, 22, 23, 24, 26, 29, 30]
    for m, v in enumerate(TREATED):
        rows.append([f"2023-{m + 1:02d}", v, v, v, str(cod_in[m]), str(cod_out[m])])
    rows.append(["全年合计", str(sum(vals)), str(sum(vals)), str(sum(vals)), "", ""])
    rows.append(["城镇生活污水排放总量（万吨）", str(DISCHARGE_TOTAL), "按供水量×0.85折算", "", "", ""])
    rows.append(["城镇生活污水集中处理率（%）", SEWAGE_RATE, "", "", "", ""])
    rows.append(["填表人：李春梅", "审核人：张宏伟", "填报日期：2024-01-08", "", "", ""])
    write_csv(root / rel, rows, "utf-8", bom=True)
    return [entry(rel, "text", "ledger", "2024-01-08", "云岭旗污水处理厂2023年运行台账",
                  facts=[num("412.34", "412.34", "万吨", "4123400", "t"), num("436.80", "436.80", "万吨", "4368000", "t"),
                         num("94.40", "94.40", "%"), date("2024-01-08", "2024-01-08"),
                         period("2023-01", "2023-01-01", "2023-01-31")],
                  links=[link("urban_sewage_treatment_rate", SEWAGE_RATE, "%"),
                         link("urban_sewage_discharge_total", "436.80", "万吨", "component"),
                         link("urban_sewage_treated_compliant", "412.34", "万吨", "component"),
                         link("wwtp_operation")],
                  subtype="operation_ledger", note="单位在表头（万吨）；日期列为2023-01形式的月份")]


PHOTO_MARK = ["2023-11-02 10:26", "云岭旗污水处理厂 二沉池"]


def wwtp_photo(root: Path) -> list[dict[str, Any]]:
    rel = f"{ZJ}/IMG_20231102_102641.jpg"
    R.photo_jpg(root / rel, PHOTO_MARK, seed=7)
    return [entry(rel, "image", "other", "2023-11-02", "污水处理厂现场照片", scanned=True, seal_pages=[],
                  pages=page_texts([PHOTO_MARK]), facts=[date("2023-11-02", "2023-11-02")],
                  links=[link("wwtp_operation")], subtype="photo", note="照片，文字只有时间水印")]


def junk(root: Path) -> None:
    """Windows system files the walker should skip and record (not documents)."""
    (root / ZJ / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) +
                                          "Thumbs cache 云岭旗".encode("utf-16-le"))
    (root / "desktop.ini").write_bytes("[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n"
                                       "[ViewState]\r\nMode=\r\nVid=\r\nFolderType=Documents\r\n".encode("gbk"))


# ---------------------------------------------------------------- 旗农牧局
REMEDIATION = [  # (苏木镇, 嘎查, 建设内容, 金额 万元, 验收时间)
    ("巴彦塔拉苏木", "乌兰嘎查", "污水收集池、垃圾收集点", "92.60", "2023.9.12"),
    ("巴彦塔拉苏木", "额尔敦嘎查", "垃圾收集点、户厕改造", "88.30", "2023.9.12"),
    ("巴彦塔拉苏木", "宝力格嘎查", "污水收集池", "96.10", "2023.9.13"),
    ("乌兰敖包苏木", "查干嘎查", "垃圾转运设施", "84.50", "2023.9.20"),
    ("乌兰敖包苏木", "希热嘎查", "污水管网、收集池", "105.20", "2023.9.20"),
    ("乌兰敖包苏木", "敖伦嘎查", "垃圾收集点", "76.40", "2023.9.21"),
    ("达拉图镇", "新民村", "污水管网", "112.80", "2023.10.8"),
    ("达拉图镇", "永兴村", "户厕改造、垃圾收集点", "90.70", "2023.10.8"),
    ("达拉图镇", "红旗村", "污水收集池", "93.40", "2023.10.9"),
    ("赛罕镇", "胜利村", "垃圾转运设施", "81.90", "2023.10.16"),
    ("赛罕镇", "东升村", "污水管网", "98.60", "2023.10.16"),
    ("赛罕镇", "前进村", "垃圾收集点、绿化", "74.30", "2023.10.17"),
    ("阿日昆都楞苏木", "呼和嘎查", "污水收集池", "95.20", "2023.10.25"),
    ("阿日昆都楞苏木", "塔林嘎查", "垃圾收集点、户厕改造", "96.40", "2023.10.25"),
]


def remediation_report(root: Path) -> list[dict[str, Any]]:
    """Fund-usage report, key figures in a table whose unit is in the header (金额（万元）); task 15, done 14."""
    rel = f"{NM}/2023年农村牧区人居环境整治资金使用情况报告.docx"
    total = sum(Decimal(r[3]) for r in REMEDIATION)
    assert str(total) == "1286.40" and len(REMEDIATION) == 14
    table = [["序号", "苏木镇", "嘎查（村）", "建设内容", "金额（万元）", "验收时间"]]
    for i, r in enumerate(REMEDIATION, 1):
        table.append([str(i), *r])
    table.append(["合计", "", "14个", "", str(total), ""])
    blocks = [("title", "云岭旗2023年农村牧区人居环境整治资金使用情况报告"),
              ("p", "旗财政局、市生态环境局云岭旗分局："),
              ("p", "2023年，盟里下达我旗农村牧区环境整治任务嘎查（村）15个。截至2023年底，实际完成整治并通过"
                    "旗级验收的嘎查（村）14个；另有1个（阿日昆都楞苏木巴音嘎查）因施工期冻土影响，结转至2024年实施。"),
              ("p", "项目资金全部来源于中央农村环境整治资金和旗级配套资金，已按进度拨付。具体情况见下表。"),
              ("table", table),
              ("p", "下一步，我局将督促各苏木镇加强设施运行维护，确保已建设施长效运行。"),
              ("right", "云岭旗农牧局"), ("right", "2024年1月20日")]
    write_docx(root / rel, blocks, "资金使用情况报告")
    return [entry(rel, "docx", "budget_document", "2024-01-20", "云岭旗2023年农村牧区人居环境整治资金使用情况报告",
                  facts=[num("15个", "15", "个"), num("14个", "14", "个"),
                         num("1286.40", "1286.40", "万元", "12864000", "元"), date("2024年1月20日", "2024-01-20"),
                         date("2023.9.12", "2023-09-12")],
                  links=[link("rural_remediation_task", "15", "个", "task"),
                         link("rural_remediation_villages_completed", "14", "个"),
                         link("rural_environment_remediation", "14", "个")],
                  subtype="performance_evaluation", note="金额单位只在表头“金额（万元）”中")]


SOWN = [  # (苏木镇, 粮食作物, 经济作物, 饲草料) in 亩
    ("巴彦塔拉苏木", 186400, 21300, 64500), ("乌兰敖包苏木", 152800, 18600, 71200),
    ("达拉图镇", 231500, 42700, 30600), ("赛罕镇", 208900, 36400, 27300),
    ("阿日昆都楞苏木", 97600, 9800, 36400),
]


def sown_area_xlsx(root: Path) -> list[dict[str, Any]]:
    """Statistical form of sown area in 亩 (unit only in the 计量单位 line); filed in 公顷."""
    rel = f"{NM}/2023年农作物播种面积统计表.xlsx"
    rows: list[list[object]] = [["云岭旗2023年农作物播种面积统计表"],
                                ["表号：A301表", "", "制定机关：云岭旗统计局", "", "计量单位：亩"],
                                ["苏木镇", "粮食作物", "经济作物", "饲草料", "合计"]]
    total = 0
    for name, a, b, c in SOWN:
        rows.append([name, a, b, c, a + b + c])
        total += a + b + c
    assert total == 1236000
    rows.append(["全旗合计", sum(r[1] for r in SOWN), sum(r[2] for r in SOWN), sum(r[3] for r in SOWN), total])
    rows.append(["单位负责人：其其格", "统计负责人：王丽", "填表人：刘晓东", "报出日期：2024年1月12日", ""])
    write_xlsx(root / rel, [("播种面积", rows, {f"{col}{r}": "#,##0" for col in "BCDE" for r in range(4, 10)})])
    return [entry(rel, "xlsx", "monitoring_report", "2024-01-12", "云岭旗2023年农作物播种面积统计表",
                  facts=[num("1236000", "1236000", "亩", "824000000", "m2"), date("2024年1月12日", "2024-01-12")],
                  links=[link("sown_area", "1236000", "亩")],
                  subtype="statistical_report", note="单位只在“计量单位：亩”一行；填报单位为公顷（1236000亩=82400公顷）")]


def sewage_plan(root: Path) -> list[dict[str, Any]]:
    """Special plan with year-by-year TARGETS; the 2023 target 38.5% equals the filed value but proves nothing."""
    rel = f"{NM}/云岭旗农村牧区生活污水治理专项规划（2021-2025年）.pdf"
    p1 = ["# 云岭旗农村牧区生活污水治理专项规划", "# （2021—2025年）", "",
          "编制单位：云岭旗农牧局    技术支持：内蒙古某环境科学研究院", "",
          "第一章  规划目标",
          "    到2025年，全旗农村牧区生活污水治理率达到45%以上，生活污水乱倒乱排得到管控。",
          "    分年度目标如下：",
          "年度 | 治理率目标（%） | 新增治理嘎查（村）",
          "2021年 | 30.0 | 6", "2022年 | 34.0 | 5", "2023年 | 38.5 | 6", "2024年 | 42.0 | 5", "2025年 | 45.0 | 4",
          "    即到2023年底，全旗农村牧区生活污水治理率达到38.5%。",
          "第二章  主要任务",
          "    因地制宜采用纳管、集中处理和分散式处理等模式，优先治理苏木镇所在地和人口集中的嘎查。",
          "第三章  保障措施",
          "    旗财政统筹中央和自治区专项资金，旗农牧局会同旗住建局、市生态环境局云岭旗分局组织实施。",
          "> 云岭旗农牧局", "> 二〇二一年九月十五日"]
    R.text_pdf(root / rel, [p1], "农村牧区生活污水治理专项规划")
    return [entry(rel, "pdf", "plan", "2021-09-15", "云岭旗农村牧区生活污水治理专项规划（2021—2025年）",
                  facts=[num("38.5%", "38.5", "%"), num("45%", "45", "%"), date("二〇二一年九月十五日", "2021-09-15"),
                         period("2021—2025年", "2021-01-01", "2025-12-31")],
                  links=[link("rural_sewage_treatment_rate", "38.5", "%", "target")],
                  subtype="plan_or_scheme", note="只有目标值，不能佐证实际完成值")]


# ---------------------------------------------------------------- 旗林草局
ACCEPT_LINES = [
    "云岭旗2023年退化草原生态修复工程竣工验收意见",
    "2023年10月9日，旗林草局组织设计、施工、监理单位",
    "及特邀专家组成验收组，对云岭旗2023年退化草原生态",
    "修复工程进行竣工验收。验收组查看了现场，审阅了",
    "工程资料，经认真讨论，形成验收意见如下：",
    "一、工程概况：项目位于巴彦塔拉苏木、乌兰敖包苏木，",
    "建设内容为退化草原补播改良3.2万亩，总投资960万元。",
    "二、工程按设计完成全部建设内容，质量合格，",
    "资金使用规范，档案资料齐全。",
    "三、验收结论：同意通过竣工验收。",
    "验收组组长（签字）：",
    "云岭旗林业和草原局",
    "二〇二三年十月九日",
]


def acceptance_garbled(root: Path) -> list[dict[str, Any]]:
    """Acceptance opinion whose PDF text layer is private-use garbage: it must be OCRed."""
    rel = f"{LC}/2023年退化草原生态修复工程竣工验收意见.pdf"
    overlay = Image.new("RGBA", R.A4_PX, (0, 0, 0, 0))
    n = len(ACCEPT_LINES)
    sig_y = R.pdf_line_px(n - 3, n)
    R.draw_signature(overlay, (560, sig_y - 45), seed=91)
    seal = R.seal_layer(R.A4_PX, (1000, R.pdf_line_px(n - 1, n) - 40), 120, "云岭旗林业和草原局", seed=92)
    overlay.alpha_composite(seal)
    R.garbled_pdf(root / rel, ACCEPT_LINES, "竣工验收意见", seed=94, overlay=overlay)
    return [entry(rel, "pdf", "acceptance_report", "2023-10-09", ACCEPT_LINES[0], scanned=True, seal_pages=[1],
                  pages=page_texts([ACCEPT_LINES]),
                  facts=[date("2023年10月9日", "2023-10-09"), date("二〇二三年十月九日", "2023-10-09"),
                         num("3.2万亩", "3.2", "万亩", "21333333.33", "m2"),
                         num("960万元", "960", "万元", "9600000", "元")],
                  links=[link("eco_restoration_projects")],
                  note="文本层为私用区乱码（U+E000段），必须OCR")]


def build(root: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for fn in (sewage_ledger, wwtp_photo, remediation_report, sown_area_xlsx, sewage_plan, acceptance_garbled):
        out += fn(root)
    junk(root)
    return out

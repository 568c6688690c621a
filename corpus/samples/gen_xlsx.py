"""XLSX ledgers of the sample package (openpyxl): title rows, merged cells, unit captions, date rows,
totals rows and a percent-formatted cell; plus the county's submitted sheet."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from gen_render import normalize_ooxml

FIXED_DT = dt.datetime(2024, 12, 20, 9, 30, 0)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# Monthly volumes of the county WWTP in 万吨 (sum: discharge 315.00, treated/compliant 299.97 → 95.23%).
WWTP_DISCHARGE = ("24.30", "22.10", "25.60", "26.20", "26.95", "27.40", "28.30", "28.55", "27.30", "26.40",
                  "25.80", "26.10")
WWTP_TREATED = ("23.12", "21.05", "24.38", "24.91", "25.64", "26.02", "26.87", "27.15", "25.96", "25.11",
                "24.53", "25.23")
# Monthly garbage collected in 吨 (sum 32000; December 2720 is detailed by the weighbridge sheet).
MSW_MONTHLY = (2580, 2410, 2650, 2630, 2700, 2690, 2760, 2790, 2680, 2700, 2690, 2720)
# Large-scale farms: (name, town, species, head count, manure generated t, manure utilised t)
FARMS = (
    ("青川县瑞丰生猪养殖有限公司", "乔庄镇", "生猪", 12000, 32400, 29800),
    ("青川县白龙湖牧业专业合作社", "白龙湖镇", "肉牛", 1800, 21600, 19650),
    ("青川县竹园镇兴旺养殖场", "竹园镇", "生猪", 8500, 22950, 20900),
    ("青川县木鱼蛋鸡养殖场", "木鱼镇", "蛋鸡", 150000, 8250, 7380),
    ("青川县石坝乡綦氏养殖场", "石坝乡", "生猪", 6200, 16740, 15170),
    ("青川县沙州镇青山羊业合作社", "沙州镇", "山羊", 3200, 4160, 3760),
    ("青川县房石镇鑫源生猪养殖场", "房石镇", "生猪", 5600, 15120, 13680),
    ("青川县关庄镇金鸡养殖场", "关庄镇", "肉鸡", 90000, 4780, 4360),
)


def new_book() -> Workbook:
    wb = Workbook()
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    wb.properties.creator = "Administrator"
    return wb


def sheet_title(ws: Worksheet, text: str, ncols: int, row: int = 1, size: int = 15) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    c = ws.cell(row, 1, text)
    c.font = Font(size=size, bold=True)
    c.alignment = Alignment(horizontal="center")


def write_row(ws: Worksheet, row: int, values: list, bold: bool = False) -> None:
    for col, v in enumerate(values, start=1):
        c = ws.cell(row, col, v)
        c.border = BOX
        if bold:
            c.font = Font(bold=True)


def save_book(wb: Workbook, path: Path) -> None:
    wb.save(path)
    normalize_ooxml(path)


def wwtp_ledger(path: Path) -> None:
    wb = new_book()
    ws = wb.active
    ws.title = "2024年运行台账"
    sheet_title(ws, "青川县城污水处理厂2024年运行台账", 7)
    ws.merge_cells("A2:E2")
    ws["A2"] = "填报单位：青川县城乡水务局（青川县城乡水务集团有限公司运营）"
    ws.merge_cells("F2:G2")
    ws["F2"] = "单位：万吨"
    write_row(ws, 3, ["序号", "月份", "统计截止日期", "城区生活污水排放量", "污水处理厂进水量",
                 "达标排放量", "出水COD（mg/L）"], bold=True)
    cod = (18.2, 17.6, 19.1, 18.4, 16.9, 15.8, 14.7, 15.2, 16.3, 17.0, 17.8, 18.5)
    for m in range(12):
        last = (dt.date(2024, m + 2, 1) if m < 11 else dt.date(2025, 1, 1)) - dt.timedelta(days=1)
        write_row(ws, 4 + m, [m + 1, f"{m + 1}月", dt.datetime(last.year, last.month, last.day),
                         float(WWTP_DISCHARGE[m]), float(WWTP_TREATED[m]), float(WWTP_TREATED[m]), cod[m]])
        ws.cell(4 + m, 3).number_format = "yyyy-mm-dd"
        for col in (4, 5, 6):
            ws.cell(4 + m, col).number_format = "0.00"
    tot_d = sum(Decimal(v) for v in WWTP_DISCHARGE)
    tot_t = sum(Decimal(v) for v in WWTP_TREATED)
    write_row(ws, 16, ["合计", "", "", float(tot_d), float(tot_t), float(tot_t), ""], bold=True)
    for col in (4, 5, 6):
        ws.cell(16, col).number_format = "0.00"
    ws.merge_cells("A16:C16")
    ws.merge_cells("A17:E17")
    ws["A17"] = "城镇生活污水集中处理率（达标排放量÷排放量）"
    ws["F17"] = 0.9523
    ws["F17"].number_format = "0.00%"
    ws["A19"] = "填表人：黄磊"
    ws["C19"] = "审核人：罗斌"
    ws["E19"] = "负责人：唐志勇"
    ws["F19"] = "填报日期：2025年1月8日"
    for col, w in zip("ABCDEFG", (8, 8, 14, 20, 18, 14, 16)):
        ws.column_dimensions[col].width = w
    # Sheet 2: December daily inflow in m³ (sums to the December figure in 万吨 × 10⁴).
    ds = wb.create_sheet("12月进水日报")
    sheet_title(ds, "青川县城污水处理厂2024年12月进水日报表", 4)
    write_row(ds, 2, ["日期", "进水量（m³）", "出水量（m³）", "运行情况"], bold=True)
    rng = random.Random("wwtp-december")
    total = int(Decimal(WWTP_TREATED[11]) * 10_000)
    daily = [rng.randint(7800, 8500) for _ in range(30)]
    daily.append(total - sum(daily))
    for d, q in enumerate(daily, start=1):
        write_row(ds, 2 + d, [dt.datetime(2024, 12, d), q, q - rng.randint(20, 60), "正常"])
        ds.cell(2 + d, 1).number_format = "yyyy/m/d"
    write_row(ds, 34, ["合计", total, None, ""], bold=True)
    ds.column_dimensions["A"].width = 14
    save_book(wb, path)


def msw_ledger(path: Path) -> None:
    wb = new_book()
    ws = wb.active
    ws.title = "月度汇总"
    sheet_title(ws, "青川县2024年城镇生活垃圾清运及无害化处理台账", 5)
    ws.merge_cells("A2:E2")
    ws["A2"] = "填报单位：青川县综合行政执法局（环卫所）            单位：吨"
    write_row(ws, 3, ["月份", "清运量", "无害化处理量（卫生填埋）", "渗滤液处理量（m³）", "备注"], bold=True)
    leach = (1820, 1650, 1960, 2210, 2480, 2950, 3320, 3410, 2760, 2230, 1980, 1890)
    for m in range(12):
        write_row(ws, 4 + m, [f"2024年{m + 1}月", MSW_MONTHLY[m], MSW_MONTHLY[m], leach[m], ""])
    write_row(ws, 16, ["合计", sum(MSW_MONTHLY), sum(MSW_MONTHLY), sum(leach), ""], bold=True)
    ws["A17"] = "无害化处理率"
    ws["C17"] = 1
    ws["C17"].number_format = "0%"
    ws["A19"] = "填表人：邓小军    审核人：蒋涛    负责人：马俊峰    填报日期：2025年1月7日"
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["C"].width = 24
    ws2 = wb.create_sheet("12月地磅记录")
    sheet_title(ws2, "青川县生活垃圾卫生填埋场2024年12月地磅称重记录", 5)
    write_row(ws2, 2, ["日期", "车次", "毛重(t)", "皮重(t)", "净重(t)"], bold=True)
    rng = random.Random("msw-december")
    cents_total = MSW_MONTHLY[11] * 100
    nets = [rng.randint(8200, 9300) for _ in range(30)]
    nets.append(cents_total - sum(nets))
    for d, net in enumerate(nets, start=1):
        trips = rng.randint(9, 12)
        tare = trips * 1288  # empty compactor truck 12.88 t per trip, in 1/100 t
        gross = net + tare
        write_row(ws2, 2 + d, [dt.datetime(2024, 12, d), trips, gross / 100, tare / 100, net / 100])
        ws2.cell(2 + d, 1).number_format = "yyyy-mm-dd"
        for col in (3, 4, 5):
            ws2.cell(2 + d, col).number_format = "0.00"
    write_row(ws2, 34, ["合计", "", None, None, MSW_MONTHLY[11]], bold=True)
    ws2.column_dimensions["A"].width = 13
    save_book(wb, path)


def manure_ledger(path: Path) -> tuple[int, int]:
    wb = new_book()
    ws = wb.active
    ws.title = "台账"
    sheet_title(ws, "青川县规模养殖场畜禽粪污资源化利用台账（2024年度）", 8)
    ws.merge_cells("A2:H2")
    ws["A2"] = "填报单位：青川县农业农村局（畜牧兽医股）    粪污量单位：吨    统计时段：2024年1月1日—12月31日"
    write_row(ws, 3, ["序号", "养殖场名称", "所在乡镇", "畜种", "存栏量（头/只）", "粪污产生量", "综合利用量",
                 "利用方式"], bold=True)
    for i, (name, town, kind, head, gen, used) in enumerate(FARMS, start=1):
        write_row(ws, 3 + i, [i, name, town, kind, head, gen, used, "堆肥还田"])
    gen_t = sum(f[4] for f in FARMS)
    used_t = sum(f[5] for f in FARMS)
    row = 4 + len(FARMS)
    write_row(ws, row, ["合计", "", "", "", sum(f[3] for f in FARMS), gen_t, used_t, ""], bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.cell(row + 1, 1, "畜禽粪污综合利用率")
    ws.cell(row + 1, 7, round(used_t / gen_t, 4)).number_format = "0.00%"
    ws.cell(row + 3, 1, "填表人：冯雪    审核人：许娟    2025年1月9日")
    ws.column_dimensions["B"].width = 30
    save_book(wb, path)
    return gen_t, used_t


# Land classes in 公顷 (sum 319,880.00 公顷 = 3,198.80 km²) against a county area of 3,216.50 km²:
# the classes fall 17.70 km² short, so the land_class_sum check must fail.
COUNTY_AREA_KM2 = "3216.50"
LAND_CLASSES = (
    ("林地", "有林地", "198240.10"), ("林地", "灌木林地", "31520.05"), ("林地", "其他林地", "11620.10"),
    ("草地", "天然草地", "23640.10"),
    ("水域湿地", "河流水面", "4210.40"), ("水域湿地", "湖库", "2105.60"),
    ("耕地", "水田", "6240.30"), ("耕地", "旱地", "22675.30"),
    ("建设用地", "城镇建设用地", "1860.00"), ("建设用地", "农村居民点", "6920.45"),
    ("建设用地", "其他建设用地", "3357.60"),
    ("未利用地", "裸地", "7490.00"),
)


def land_class_totals() -> dict[str, Decimal]:
    """First-level class -> area in 公顷, in table order."""
    totals: dict[str, Decimal] = {}
    for first, _, val in LAND_CLASSES:
        totals[first] = totals.get(first, Decimal(0)) + Decimal(val)
    return totals


def land_table(path: Path) -> None:
    """Info table: a 小计 row per first-level class (merged class cell over its block), then a 合计 row."""
    wb = new_book()
    ws = wb.active
    ws.title = "地类数据"
    sheet_title(ws, "青川县县域土地调查地类数据表（2024年度）", 4)
    ws.merge_cells("A2:D2")
    ws["A2"] = "填报单位：青川县自然资源局    面积单位：公顷（县域国土面积：平方公里）"
    write_row(ws, 3, ["县域国土面积（平方公里）", "", float(COUNTY_AREA_KM2), ""], bold=True)
    ws["C3"].number_format = "0.00"
    ws.merge_cells("A3:B3")
    write_row(ws, 4, ["一级地类", "二级地类", "面积", "占比"], bold=True)
    totals = land_class_totals()
    area_ha = Decimal(COUNTY_AREA_KM2) * 100
    r = 5
    for first, subtotal in totals.items():
        start = r
        rows = [("小计", subtotal)] + [(second, Decimal(v)) for f, second, v in LAND_CLASSES if f == first]
        for second, val in rows:
            write_row(ws, r, [first if r == start else None, second, float(val), float(val / area_ha)],
                 bold=second == "小计")
            ws.cell(r, 3).number_format = "#,##0.00"
            ws.cell(r, 4).number_format = "0.00%"
            r += 1
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
    total = sum(totals.values(), Decimal(0))
    write_row(ws, r, ["合计", "", float(total), float(total / area_ha)], bold=True)
    ws.cell(r, 3).number_format = "#,##0.00"
    ws.cell(r, 4).number_format = "0.00%"
    ws.cell(r + 2, 1, "注：数据来源于2023年度国土变更调查成果及2024年土地利用现状更新。")
    ws.cell(r + 3, 1, "填报人：彭飞    审核人：郑国强    填报日期：2024年12月20日")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 16
    save_book(wb, path)

"""audit.xlsx: the audit as four sheets (指标核查 / 部门缺口 / 检查项 / 文件清单), rendered from the audit dict only.

Chinese headers, frozen header row, auto-filter, column widths from the content (CJK counted double width).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ecoaudit.report_html import CHECK_LABELS as CHECK_CN
from ecoaudit.report_html import DOC_TYPE_LABELS
from ecoaudit.report_html import STATUS_LABELS as STATUS_CN

log = logging.getLogger(__name__)

SOURCE_CN = {"plan": "实施方案", "catalog": "指标目录", "submitted": "填报表"}
DOC_STATUS_CN = {"ok": "正常", "error": "无法读取", "duplicate": "重复文件"}
STATUS_FILL = {"corroborated": "E2EFDA", "mismatch": "F8CBAD", "no_evidence": "FCE4D6", "out_of_period": "FFF2CC",
               "unresolved": "D9D9D9", "fail": "F8CBAD", "warn": "FFF2CC", "pass": "E2EFDA", "error": "F8CBAD"}
MIN_WIDTH, MAX_WIDTH = 6, 60  # characters: readable columns without a 300-character snippet blowing the sheet up
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

Row = list[Any]


def _text_width(value: Any) -> int:
    text = "" if value is None else str(value)
    return max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in text.split("\n")), default=0)


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[Row], status_col: int | None = None) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        ws.append([c[0] if isinstance(c, tuple) else c for c in row])
        key = row[status_col][1] if status_col is not None and isinstance(row[status_col], tuple) else None
        if key:
            ws.cell(ws.max_row, status_col + 1).fill = PatternFill("solid", fgColor=STATUS_FILL.get(key, "FFFFFF"))
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"
    for i, header in enumerate(headers, start=1):
        width = max([_text_width(header)] + [_text_width(r[i - 1][0] if isinstance(r[i - 1], tuple) else r[i - 1])
                                            for r in rows])
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    return ws


def _evidence_text(ind: dict) -> str:
    parts = []
    for ev in ind.get("evidence", []):
        if not ev.get("counted"):
            continue
        value = f"{ev.get('value') or ''}{ev.get('unit') or ''}"
        parts.append(f"{ev.get('path')} 第{ev.get('page')}页 {value}".strip())
    return "\n".join(parts[:5])


def _indicator_rows(audit: dict) -> list[Row]:
    rows = []
    for n, ind in enumerate(audit.get("indicators", []), start=1):
        sub = ind.get("submitted") or {}
        status = ind.get("status")
        rows.append([n, ind.get("submitted_name"), ind.get("indicator_id"), ind.get("name"),
                     sub.get("raw") or sub.get("value"), sub.get("unit"), ind.get("department"),
                     SOURCE_CN.get(ind.get("department_source") or "", ""),
                     (STATUS_CN.get(status, status), status), ind.get("difference"), _evidence_text(ind),
                     "是" if ind.get("scored") else "否", ind.get("score"), ind.get("reason"),
                     "\n".join(ind.get("notes") or [])])
    return rows


def _gap_rows(audit: dict) -> list[Row]:
    rows = []
    for group in audit.get("gaps", []):
        for item in group.get("items", []):
            status = item.get("status")
            label = STATUS_CN.get(status) or CHECK_CN.get(status, status)
            rows.append([group.get("department"), "指标" if item.get("kind") == "indicator" else "检查项",
                         item.get("id"), item.get("name"), (label, status), item.get("needed")])
    return rows


def _check_rows(audit: dict) -> list[Row]:
    return [[c.get("id"), (CHECK_CN.get(c.get("status"), c.get("status")), c.get("status")), c.get("message"),
             "、".join(c.get("missing") or []), "\n".join(c.get("paths") or [])] for c in audit.get("checks", [])]


def _document_rows(audit: dict) -> list[Row]:
    rows = []
    for d in audit.get("documents", []):
        status = d.get("status")
        doc_type = d.get("doc_type")
        rows.append([d.get("path"), DOC_TYPE_LABELS.get(doc_type, doc_type) if doc_type else None,
                     d.get("doc_confidence"), d.get("pages"), d.get("ocr_pages"),
                     (DOC_STATUS_CN.get(status, status), status), d.get("error"), d.get("duplicate_of"),
                     "、".join(str(p) for p in d.get("seal_pages") or []), d.get("doc_date"), d.get("sha256")])
    return rows


SHEETS: list[tuple[str, list[str], Callable[[dict], list[Row]], int | None]] = [
    ("指标核查", ["序号", "填报指标名称", "指标编号", "目录指标名称", "填报值", "单位", "责任部门", "部门依据", "核查结果",
              "差异", "佐证材料", "是否评分", "得分", "评分说明", "备注"], _indicator_rows, 8),
    ("部门缺口", ["责任部门", "类别", "编号", "名称", "状态", "需补充材料"], _gap_rows, 4),
    ("检查项", ["检查项", "结果", "说明", "缺少", "相关文件"], _check_rows, 1),
    ("文件清单", ["文件路径", "文件类型", "分类置信度", "页数", "OCR页数", "状态", "错误信息", "重复于", "盖章页",
              "文件日期", "SHA-256"], _document_rows, 5),
]


def write_xlsx(audit: dict, out_dir: Path) -> Path:
    """Write ``out_dir/audit.xlsx`` from the audit dict; returns its path."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, build, status_col in SHEETS:
        _sheet(wb, title, headers, build(audit), status_col)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "audit.xlsx"
    tmp = out_dir / "audit.xlsx.tmp"
    wb.save(tmp)
    tmp.replace(target)
    return target

"""A hand-built audit dict (schema ecoaudit.audit/1) and an evidence PDF for the report tests."""
from __future__ import annotations

from pathlib import Path

VALUE_BOX = (72.0, 140.0, 400.0, 160.0)  # where make_evidence_pdf draws the ledger line, in points (top-left origin)


def make_evidence_pdf(path: Path, font_path: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CJK", font_path, subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    height = A4[1]
    c.setFont("CJK", 16)
    c.drawString(72, height - 100, "青川县2024年生活垃圾清运台账")
    c.setFont("CJK", 12)
    c.drawString(72, height - 155, "全年生活垃圾清运量合计 32000 吨")
    c.showPage()
    c.save()


def sample_audit(folder: Path) -> dict:
    return {
        "schema": "ecoaudit.audit/1",
        "year": 2024,
        "generated_at": "2024-10-21T09:00:00",
        "folder": str(folder),
        "catalog": "shisiwu",
        "documents": [
            {"path": "综合行政执法局/垃圾清运台账.pdf", "sha256": "a" * 64, "doc_type": "ledger", "doc_confidence": 0.9,
             "pages": 1, "ocr_pages": 0, "status": "ok", "error": None, "duplicate_of": None, "seal_pages": [],
             "doc_date": "2024-12-31"},
            {"path": "财政局/坏文件.pdf", "sha256": "b" * 64, "doc_type": None, "doc_confidence": None, "pages": 0,
             "ocr_pages": 0, "status": "error", "error": "文件已损坏（PDF 结构不完整）", "duplicate_of": None,
             "seal_pages": [], "doc_date": None},
        ],
        "indicators": [
            {"submitted_name": "生活垃圾清运量", "indicator_id": "msw_generated", "name": "生活垃圾产生量（清运量）",
             "department": "城市管理综合执法局", "department_source": "catalog",
             "submitted": {"value": "3.2", "unit": "万吨", "raw": "3.2"},
             "evidence": [{"path": "综合行政执法局/垃圾清运台账.pdf", "page": 1, "value": "32000", "unit": "吨",
                           "canonical_value": "32000", "canonical_unit": "t", "date": "2024-12-31",
                           "snippet": "全年生活垃圾清运量合计 32000 吨", "bbox": list(VALUE_BOX), "role": "achieved",
                           "sha256": "a" * 64, "block_id": "aaaaaaaaaaaa/p1/b2"}],
             "status": "corroborated", "difference": None, "derived": None, "scored": False, "score": None,
             "reason": "评分规则未知（rule missing）", "notes": []},
            {"submitted_name": "化肥施用量（折纯）", "indicator_id": "fertilizer_use", "name": "化肥施用量",
             "department": "农业农村局", "department_source": "plan",
             "submitted": {"value": "5200", "unit": "吨", "raw": "5200"},
             "evidence": [{"path": "农业农村局/统计报表.docx", "page": 1, "value": "4860", "unit": "吨",
                           "canonical_value": "4860", "canonical_unit": "t", "date": "2024-12-31",
                           "snippet": "<script>alert('x')</script>全年化肥施用量（折纯）4860吨", "bbox": None,
                           "role": "achieved", "sha256": "c" * 64, "block_id": "cccccccccccc/p1/b5"}],
             "status": "mismatch", "difference": "填报 5200 吨，材料 4860 吨，差 340 吨（7.0%）", "derived": None, "scored": False,
             "score": None, "reason": "数值与证明材料不一致", "notes": ["两份材料数值不一致"]},
            {"submitted_name": "办公用品采购数量", "indicator_id": None, "name": None, "department": None,
             "department_source": None, "submitted": {"value": "12", "unit": "箱", "raw": "12"}, "evidence": [],
             "status": "unresolved", "difference": None, "derived": None, "scored": False, "score": None,
             "reason": "指标名称无法对应到指标目录", "notes": []},
        ],
        "checks": [
            {"id": "quarterly_minutes", "status": "fail", "message": "缺少第三季度生态环境保护会议纪要",
             "paths": ["政府办公室/一季度纪要.pdf"], "missing": ["Q3"]},
            {"id": "unreadable_files", "status": "fail", "message": "1 个文件无法读取", "paths": ["财政局/坏文件.pdf"],
             "missing": []},
            {"id": "budget_passed_by_npc", "status": "pass", "message": "预算经县人大审议通过", "paths": [], "missing": []},
        ],
        "gaps": [
            {"department": "农业农村局", "items": [{"kind": "indicator", "id": "fertilizer_use", "name": "化肥施用量",
                                               "status": "mismatch", "needed": "核对填报值与材料数值，更正填报值或补充材料"}]},
            {"department": "政府办公室", "items": [{"kind": "check", "id": "quarterly_minutes", "name": "每季度会议纪要",
                                               "status": "fail", "needed": "需提供：第三季度县委、县政府研究部署生态环境保护工作的会议纪要"}]},
        ],
        "unassigned": [{"id": "em_events", "name": "突发环境事件与突出生态环境问题"}],
        "deadlines": [{"date": "2024-10-20", "what": "各部门报送材料", "passed": True}],
        "summary": {"corroborated": 1, "mismatch": 1, "unresolved": 1},
    }

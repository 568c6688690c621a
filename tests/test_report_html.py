"""report.html renders every indicator with its status, values, crops and escapes document text."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from ecoaudit.cli import cli
from ecoaudit.report_html import write_report
from tests.report_fixtures import make_evidence_pdf, sample_audit


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(tmp_path: Path, cjk_font: str) -> tuple[str, _Collect]:
    folder = tmp_path / "package"
    (folder / "综合行政执法局").mkdir(parents=True)
    make_evidence_pdf(folder / "综合行政执法局" / "垃圾清运台账.pdf", cjk_font)
    out = tmp_path / "out"
    target = write_report(sample_audit(folder), out)
    html = target.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(html)
    return html, parser


def test_every_indicator_status_and_value_present(tmp_path: Path, cjk_font: str) -> None:
    html, parser = _render(tmp_path, cjk_font)
    text = "".join(parser.text)
    for name in ("生活垃圾产生量（清运量）", "化肥施用量", "办公用品采购数量"):
        assert name in text
    assert "已佐证" in text and "数值不一致" in text and "指标名称无法识别" in text
    assert "32,000" in text and "5,200" in text and "4,860" in text
    assert "差 340 吨" in text
    assert "Q3" in text and "文件已损坏" in text
    assert "已过期" in text  # the plan deadline that has passed
    assert text.count("核对填报值与材料数值") == 2  # in the department checklist and beside the indicator itself


def test_crop_embedded_for_evidence_with_bbox(tmp_path: Path, cjk_font: str) -> None:
    _, parser = _render(tmp_path, cjk_font)
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert len(images) == 1  # the PDF evidence has a bbox; the DOCX evidence has none
    assert images[0]["src"].startswith("data:image/jpeg;base64,")
    assert "垃圾清运台账.pdf" in images[0]["alt"]


def test_document_text_is_escaped_and_nothing_leaves_the_folder(tmp_path: Path, cjk_font: str) -> None:
    html, parser = _render(tmp_path, cjk_font)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(" in html
    assert not [t for t, _ in parser.tags if t == "script"]
    for tag, attrs in parser.tags:
        for key in ("href", "src"):
            value = attrs.get(key)
            if value:
                assert value.startswith(("data:", "#")), f"{tag} {key}={value!r} points outside the report"


def test_report_command_regenerates_from_audit_json(tmp_path: Path) -> None:
    audit = sample_audit(tmp_path / "missing-folder")
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "audit.json").write_text(json.dumps(audit, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "run" / "report.html").read_text(encoding="utf-8")
    assert "化肥施用量" in html and "<img" not in html  # evidence folder missing: no crops, still a report


def test_report_command_rejects_other_json(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"schema": "something/1"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "x.json")])
    assert result.exit_code != 0
    assert "不是 ecoaudit 审核结果文件" in result.output

"""OCR engines, detector-size override, page orientation, reading order, worker pool and the bench command.

Pages are rendered here with Pillow and the CJK font (known text); only a handful are OCRed (~1 s each).
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import json

import psutil
import pytest
from click.testing import CliRunner
from PIL import Image

from ecoaudit.bench import render_text_page
from extract.errors import EcoauditError
from extract.ocr import OcrBox, OcrOptions, get_engine, ocr_image_to_page
from extract.ocr.page import join_line

DPI = 200
SCALE = DPI / 72
SHA = "c" * 64
BODY = ["关于2024年度县域生态环境质量监测评价考核工作的报告", "全县森林覆盖率达到72.35%，较上年提高0.8个百分点。",
        "2024年共投入生态环境保护资金29,094万元。", "城镇污水处理率为95.6%，生活垃圾无害化处理率100%。",
        "县生态环境局", "2024年3月15日"]
TABLE = [("森林覆盖率", "72.35%"), ("草地覆盖率", "8.10%"), ("水域湿地覆盖率", "3.42%"),
         ("城镇污水处理率", "95.60%"), ("空气质量优良天数比例", "98.90%"), ("新增污水管网长度", "12.5公里")]


@pytest.fixture(scope="module")
def engine():  # noqa: ANN201 - the loaded RapidEngine
    return get_engine(OcrOptions())


@pytest.fixture(scope="module")
def body_page(cjk_font: str) -> Image.Image:
    return render_text_page(BODY, dpi=DPI)


def _box(text: str, x0: float, x1: float, top: float = 100.0, bottom: float = 130.0) -> OcrBox:
    return OcrBox(text, 0.99, ((x0, top), (x1, top), (x1, bottom), (x0, bottom)))


def test_options_are_validated() -> None:
    assert OcrOptions() == OcrOptions(engine="rapid", threads=1, det_limit_side=960, dpi=200, use_cls=False,
                                      rec_batch=1, seal_pass=True)
    for bad in ({"engine": "tesseract"}, {"threads": 0}, {"det_limit_side": 100}, {"dpi": 20}, {"rec_batch": 0}):
        with pytest.raises(EcoauditError):
            OcrOptions(**bad)


def test_join_line_spaces_only_clear_gaps() -> None:
    assert join_line([_box("森林覆盖率", 0, 150), _box("72.35%", 400, 520)]) == "森林覆盖率 72.35%"
    assert join_line([_box("生态环境", 0, 120), _box("保护资金", 126, 246)]) == "生态环境保护资金"
    assert join_line([_box(" 县人民政府 ", 0, 150)]) == "县人民政府"


def test_transparent_images_are_read_on_white_paper() -> None:
    from extract.ocr.page import flatten

    clear = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    clear.putpixel((1, 1), (0, 0, 0, 255))
    flat = flatten(clear)
    assert flat.mode == "RGB" and flat.getpixel((0, 0)) == (255, 255, 255) and flat.getpixel((1, 1)) == (0, 0, 0)
    assert flatten(Image.new("L", (2, 2), 7)).getpixel((0, 0)) == (7, 7, 7)


def test_punctuation_is_full_width_in_chinese_context() -> None:
    from extract.ocr.page import normalize_punctuation

    assert normalize_punctuation("农用化肥施用量 (折纯量） 吨 4860 5015") == "农用化肥施用量（折纯量） 吨 4860 5015"
    assert normalize_punctuation("金额:1,000.00元, 时间10:30") == "金额：1,000.00元，时间10:30"
    assert normalize_punctuation("标准》(GB 16889-2008)。") == "标准》（GB 16889-2008）。"
    assert normalize_punctuation("f(x) = (a+b), PM2.5") == "f(x) = (a+b), PM2.5"  # no Chinese: untouched
    assert normalize_punctuation("资金29，094万元，增长3．5%，共1，2，3项") == "资金29,094万元，增长3.5%，共1，2，3项"


def test_spaced_text_from_ctc_columns() -> None:
    from extract.ocr.rapid import spaced_text

    # columns as the recogniser reports them: CJK ~5 apart, digits ~3, a wide gap between the two numbers
    words, cols = [["吨"], ["4", "8", "6", "0", "5", "0", "1", "5"]], [[2], [10, 13, 16, 19, 30, 33, 36, 39]]
    assert spaced_text("吨48605015", words, cols) == "吨 4860 5015"
    words, cols = [["生", "态", "环", "境"], ["2", "0", "2", "4"]], [[2, 7, 12, 17], [21, 24, 27, 30]]
    assert spaced_text("生态环境2024", words, cols) == "生态环境2024"  # normal advances: no space
    assert spaced_text("A  B", [["A"]], [[1]]) == "A B"  # inconsistent word info: emitted spaces collapsed


@pytest.mark.slow
def test_wide_gaps_inside_one_detected_line_become_spaces(engine, cjk_font: str) -> None:  # noqa: ANN001
    image = render_text_page(["单位负责人：刘洪波      统计负责人：许娟", "农用化肥施用量      13200      13650"], dpi=DPI)
    page = ocr_image_to_page(image, engine, sha256=SHA, page_no=1, scale=SCALE)
    assert page.text.splitlines() == ["单位负责人：刘洪波 统计负责人：许娟", "农用化肥施用量 13200 13650"]


@pytest.mark.slow
def test_detector_input_is_capped_at_960(engine, body_page: Image.Image) -> None:  # noqa: ANN001
    from rapidocr_onnxruntime.ch_ppocr_det.text_detect import TextDetector

    seen: list[tuple[int, ...]] = []
    infer = engine.detector.infer

    def spy(array):  # noqa: ANN001, ANN202
        seen.append(tuple(array.shape))
        return infer(array)

    engine.detector.infer = spy
    try:
        page = ocr_image_to_page(body_page, engine, sha256=SHA, page_no=1, scale=SCALE)
    finally:
        engine.detector.infer = infer
    assert len(seen) == 1  # an upright page is detected once: no orientation escalation
    assert max(seen[0][2:]) <= 960
    # what the override prevents: 1.4.4's own ladder would detect this page at 2000 px
    assert TextDetector.get_preprocess(engine.detector, max(body_page.size)).limit_side_len == 2000
    # recognition still reads the full-resolution page: every line exact
    assert page.text.splitlines() == BODY
    assert page.ocr and page.rotation == 0 and page.seal is False and page.ocr_confidence > 0.95
    first = page.blocks[0]
    assert first.id == f"{SHA[:12]}/p1/b0" and first.kind == "text" and first.origin == "ocr"
    x0, top, _x1, _bottom = first.src.bbox  # points: the text was drawn at 70 pt from the left and top
    assert x0 == pytest.approx(70, abs=4) and top == pytest.approx(70, abs=6)
    assert page.width == pytest.approx(595, abs=1) and page.height == pytest.approx(842, abs=1)


def test_detector_limit_grows_only_for_large_or_elongated_images() -> None:
    from extract.ocr.rapid import detector_limit

    assert detector_limit(1654, 2339, SCALE, 960) == 960  # A4 at 200 dpi
    assert detector_limit(2339, 1654, SCALE, 960) == 960  # landscape A4
    assert detector_limit(827, 1169, 100 / 72, 960) == 960  # A4 at 100 dpi: same sheet, same detector input
    assert detector_limit(1600, 1200, SCALE, 960) == 960  # 4:3 photo of a page
    assert detector_limit(2339, 3307, SCALE, 960) == pytest.approx(960 * 1191 / 842, abs=2)  # A3
    assert detector_limit(1080, 8000, SCALE, 960) == 4096  # long phone screenshot (no dpi: 200 assumed): capped
    assert detector_limit(1080, 2400, SCALE, 960) == pytest.approx(960 * (2400 / 1080) / (842 / 595), abs=2)


def test_other_rapidocr_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.ocr import rapid

    real = importlib.metadata.version
    monkeypatch.setattr(rapid.importlib.metadata, "version",
                        lambda name: "1.4.5" if name == "rapidocr_onnxruntime" else real(name))
    with pytest.raises(EcoauditError, match="1.4.4"):
        rapid.RapidEngine(OcrOptions())


@pytest.mark.slow
@pytest.mark.parametrize(("turn", "expected"), [(180, 180), (90, 270), (270, 90)])
def test_turned_pages_are_read_upright(engine, body_page: Image.Image, turn: int,  # noqa: ANN001
                                       expected: int) -> None:
    page = ocr_image_to_page(body_page.rotate(turn, expand=True), engine, sha256=SHA, page_no=3, scale=SCALE)
    assert page.rotation == expected
    assert page.text.splitlines() == BODY
    assert page.width < page.height  # the upright (portrait) frame the boxes are in


@pytest.mark.slow
def test_tilted_table_rows_keep_label_and_value(engine, cjk_font: str) -> None:  # noqa: ANN001
    # a landscape ledger: label and value ~700 pt apart, so a 1° tilt moves the value ~34 px (most of a line)
    rows = [[(60.0, label), (760.0, value)] for label, value in TABLE]
    image = render_text_page(["表1 生态指标汇总", *rows], dpi=DPI, landscape=True)
    image = image.rotate(1.0, resample=Image.BICUBIC, fillcolor="white")
    page = ocr_image_to_page(image, engine, sha256=SHA, page_no=1, scale=SCALE)
    assert page.text.splitlines()[1:] == [f"{label} {value}" for label, value in TABLE]


@pytest.mark.slow
def test_blank_page(engine) -> None:  # noqa: ANN001
    page = ocr_image_to_page(Image.new("RGB", (1654, 2339), "white"), engine, sha256=SHA, page_no=4, scale=SCALE,
                             ocr_reason="no_text_layer")
    assert page.blocks == () and page.ocr_confidence is None and page.rotation == 0 and page.seal is False
    assert page.ocr is True and page.ocr_reason == "no_text_layer"


@pytest.mark.slow
def test_pool_honours_workers_and_threads(body_page: Image.Image) -> None:
    from extract.ocr.pool import OcrPool

    with OcrPool(OcrOptions(threads=1), workers=2) as pool:
        probes = pool.probe()
        workers = [c for c in psutil.Process().children() if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == 2
        assert {p["pid"] for p in probes} <= {w.pid for w in workers}
        for probe in probes:
            assert probe["omp_num_threads"] == "1" and probe["cv2_threads"] == 1 and probe["engine_threads"] == 1
        page = pool.submit_image(body_page, sha256=SHA, page_no=7, scale=SCALE).result(timeout=120)
    assert page.page_no == 7 and page.text.splitlines() == BODY
    assert not [c for c in psutil.Process().children() if "spawn_main" in " ".join(c.cmdline())]


def test_pool_in_process_and_bad_arguments() -> None:
    from extract.ocr.pool import OcrPool

    with OcrPool(OcrOptions(), workers=0) as pool:
        assert pool.probe()[0]["engine"] == "rapid"
        failed = pool.submit_image(Image.new("RGB", (50, 50), "white"), sha256=SHA, page_no=1, scale=0.0)
        with pytest.raises(ValueError):
            failed.result()
    with pytest.raises(EcoauditError):
        OcrPool(OcrOptions(), workers=-1)
    with pytest.raises(EcoauditError, match="with"):
        OcrPool(OcrOptions(), workers=1).submit_image(Image.new("RGB", (5, 5)), sha256=SHA, page_no=1, scale=1.0)


def test_paddle_missing_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.ocr import paddle

    real = importlib.util.find_spec
    monkeypatch.setattr(paddle.importlib.util, "find_spec",
                        lambda name, *a: None if name in ("paddle", "paddleocr", "rapidocr_paddle") else real(name, *a))
    get_engine.cache_clear()
    with pytest.raises(EcoauditError, match=r"pip install \.\[paddle\]"):
        get_engine(OcrOptions(engine="paddle"))
    from extract.ocr.pool import OcrPool

    with pytest.raises(EcoauditError, match="PaddleOCR"):  # before any worker starts
        OcrPool(OcrOptions(engine="paddle"), workers=2).__enter__()


@pytest.mark.slow
def test_bench_command_json(tmp_path) -> None:  # noqa: ANN001
    from ecoaudit.cli import cli

    result = CliRunner().invoke(cli, ["bench", "--pages", "1", "--workers", "0", "--samples", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    for key in ("pages", "ecoaudit_pages_per_min", "baseline_pages_per_min", "speedup", "ecoaudit_cer",
                "baseline_cer", "peak_rss_mb", "text_pages_per_s"):
        assert key in figures
    assert figures["pages"] == 1 and figures["ecoaudit_cer"] < 0.05 and figures["text_pages_per_s"] > 1
    assert figures["peak_rss_mb"] > 50 and figures["baseline_peak_rss_mb"] > 50
    assert figures["baseline_cer"] is not None and figures["speedup"] > 0
    assert figures["text_ingest_pages_per_s"] > 1 and figures["unchanged_reingest_500_files_s"] >= 0
    runs = figures["text_ingest_runs_pages_per_s"]
    assert len(runs) == 3 and sorted(runs)[1] == figures["text_ingest_pages_per_s"]  # the median of fresh runs
    assert figures["sample_text_ingest_pages_per_s"] is None  # --samples names an empty folder here
    assert figures["cpu_reference_ms_before"] > 0 and figures["cpu_reference_ms_after"] > 0


@pytest.mark.slow
def test_bench_ingests_the_sample_package(tmp_path) -> None:  # noqa: ANN001
    from ecoaudit.bench import sample_ingest
    from tests.conftest import SAMPLES

    figures = sample_ingest(SAMPLES, tmp_path, workers=1)
    labels = json.loads((SAMPLES / "labels.json").read_text(encoding="utf-8"))
    assert figures["sample_ingest_files"] == len(labels["files"])  # every labelled file, zip members too
    assert figures["sample_ingest_ocr_pages"] >= 1 and figures["sample_ingest_pages"] > figures["sample_ingest_ocr_pages"]
    assert figures["sample_ingest_files_per_s"] > 0
    assert sample_ingest(tmp_path / "无样例", tmp_path, workers=1) == {}


def test_bench_ingests_copies_of_the_sample_text_pdfs(tmp_path) -> None:  # noqa: ANN001
    from ecoaudit.bench import sample_text_ingest_rate
    from tests.conftest import SAMPLES

    rate = sample_text_ingest_rate(SAMPLES, tmp_path, count=12)  # raises if a copy were skipped or OCRed
    copies = sorted((tmp_path / "sample_text_ingest").glob("*.pdf"))
    assert rate is not None and rate > 0 and len(copies) >= 2
    assert len({c.read_bytes() for c in copies}) == len(copies)  # each copy its own bytes: none is a duplicate
    assert sample_text_ingest_rate(tmp_path / "无样例", tmp_path) is None


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("paddleocr") is None,
                    reason="the optional PaddleOCR engine is not installed (pip install '.[paddle]')")
def test_paddle_engine_reads_a_page_like_the_default(body_page: Image.Image) -> None:
    # measured on the optional extra: bench --engine paddle, 32 pages, 0.25 % CER
    paddle = get_engine(OcrOptions(engine="paddle"))
    page = ocr_image_to_page(body_page.rotate(180, expand=True), paddle, sha256=SHA, page_no=1, scale=SCALE)
    from ecoaudit.bench import char_error_rate

    assert page.rotation == 180 and len(page.text.splitlines()) == len(BODY)  # turned, and the lines in order
    assert char_error_rate([page.text], ["\n".join(BODY)], strict=True) < 0.02  # measured: one 。 read as ，

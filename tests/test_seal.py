"""Red round seals: detection on rendered pages, red suppression, and the OCR second pass under a seal."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ecoaudit.bench import draw_seal, render_text_page
from extract.seal import detect_seals, red_suppressed

DPI = 200
SCALE = DPI / 72
SEAL_PX = 4.2 / 2.54 * DPI  # the bench seal is 4.2 cm across
BODY = ["关于下达2024年度生态环境保护专项资金的通知", "各乡镇人民政府：",
        "经研究，现下达生态环境保护专项资金29,094万元。", "城镇污水处理率为95.6%，垃圾无害化处理率100%。"]
SIGNATURE = "县人民政府"
DATE = "2024年3月15日"


def _sealed_page(cjk_font: str) -> Image.Image:
    page = render_text_page([*BODY, [(380, SIGNATURE)], [(395, DATE)]], dpi=DPI)
    # the seal over the signature and date block, as on a real 通知
    draw_seal(page, (int(430 * SCALE), int((70 + 5.4 * 24) * SCALE)), DPI, cjk_font, name="青川县人民政府")
    return page


def _red_header_page(cjk_font: str) -> Image.Image:
    """红头: large red organ name and a red rule under it, plus a red 文号 line; no seal."""
    page = render_text_page(["", "", "", "", *BODY], dpi=DPI)
    draw = ImageDraw.Draw(page)
    red = (220, 25, 30)
    draw.text((int(90 * SCALE), int(40 * SCALE)), "青川县人民政府文件", font=ImageFont.truetype(cjk_font, int(36 * SCALE)),
              fill=red)
    draw.text((int(230 * SCALE), int(95 * SCALE)), "青府发〔2024〕3号", font=ImageFont.truetype(cjk_font, int(12 * SCALE)),
              fill=red)
    draw.line((int(60 * SCALE), int(118 * SCALE), int(535 * SCALE), int(118 * SCALE)), fill=red, width=int(2 * SCALE))
    return page


def test_seal_detected_with_plausible_size(cjk_font: str) -> None:
    seals = detect_seals(_sealed_page(cjk_font), dpi=DPI)
    assert len(seals) == 1
    x0, top, x1, bottom = seals[0]
    assert x1 - x0 == pytest.approx(SEAL_PX, rel=0.08)
    assert bottom - top == pytest.approx(SEAL_PX, rel=0.08)
    assert x0 < 430 * SCALE < x1


def test_red_header_text_and_rule_are_not_seals(cjk_font: str) -> None:
    assert detect_seals(_red_header_page(cjk_font), dpi=DPI) == []


def test_header_and_seal_on_one_page_gives_only_the_seal(cjk_font: str) -> None:
    page = _red_header_page(cjk_font)
    draw_seal(page, (int(420 * SCALE), int(300 * SCALE)), DPI, cjk_font)
    seals = detect_seals(page, dpi=DPI)
    assert len(seals) == 1
    assert seals[0][1] > 150 * SCALE  # the seal, not the header band


def test_seal_size_is_judged_at_the_given_dpi(cjk_font: str) -> None:
    """At a claimed 600 dpi the same blob would be a 1.4 cm stamp: too small for an official seal."""
    assert detect_seals(_sealed_page(cjk_font), dpi=600) == []
    with pytest.raises(ValueError):
        detect_seals(_sealed_page(cjk_font), dpi=0)


def test_unsealed_plain_page_has_no_seal() -> None:
    assert detect_seals(render_text_page(BODY, dpi=DPI), dpi=DPI) == []


def test_red_suppressed_removes_the_seal_and_keeps_black_text(cjk_font: str) -> None:
    page = _sealed_page(cjk_font)
    x0, top, x1, bottom = detect_seals(page, dpi=DPI)[0]
    before = np.asarray(page.convert("L"))
    after = np.asarray(red_suppressed(page).convert("L"))
    ring = (slice(top, top + 12), slice((x0 + x1) // 2 - 40, (x0 + x1) // 2 + 40))  # top of the ring
    assert before[ring].min() < 140  # the ring is visible in grey
    assert after[ring].min() > 235  # and gone after suppression
    text_rows = slice(int(70 * SCALE), int(90 * SCALE))  # the black title line stays black
    assert after[text_rows].min() < 60
    assert red_suppressed(page).size == page.size and red_suppressed(page).mode == "RGB"


@pytest.mark.slow
def test_second_pass_recovers_text_under_the_seal(cjk_font: str) -> None:
    from extract.ocr import OcrOptions, get_engine, ocr_image_to_page

    page = _sealed_page(cjk_font)
    sealed = ocr_image_to_page(page, get_engine(OcrOptions()), sha256="b" * 64, page_no=2, scale=SCALE)
    colour_only = ocr_image_to_page(page, get_engine(OcrOptions(seal_pass=False)), sha256="b" * 64, page_no=2,
                                    scale=SCALE)
    lines = sealed.text.splitlines()
    assert sealed.seal is True and colour_only.seal is True
    assert SIGNATURE in lines and DATE in lines
    assert all(line in lines for line in BODY)
    assert SIGNATURE not in colour_only.text.splitlines()  # the seal garbles it without the second pass
    seal_blocks = [b for b in sealed.blocks if b.kind == "seal"]
    assert len(seal_blocks) == 1
    x0, top, x1, bottom = seal_blocks[0].src.bbox  # points
    assert x1 - x0 == pytest.approx(4.2 / 2.54 * 72, rel=0.08)
    assert seal_blocks[0].id == f"{'b' * 12}/p2/b{len(sealed.blocks) - 1}"
    assert len({b.id for b in sealed.blocks}) == len(sealed.blocks)


def _scanned(image: Image.Image) -> Image.Image:
    """Blur and JPEG-compress like a scanner would."""
    import io

    from PIL import ImageFilter

    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(1.0)).save(buffer, "JPEG", quality=60)
    return Image.open(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize(("red", "dpi"), [((235, 130, 140), 200), ((160, 20, 30), 200), ((215, 30, 35), 150),
                                          ((215, 30, 35), 300)])
def test_faded_dark_and_other_resolutions_on_a_scan(cjk_font: str, red: tuple[int, int, int], dpi: int) -> None:
    page = render_text_page(["经研究，现下达生态环境保护专项资金29,094万元。"] * 10, dpi=dpi)
    draw_seal(page, (int(page.width * 0.6), int(page.height * 0.25)), dpi, cjk_font, red=red)
    seals = detect_seals(_scanned(page), dpi=dpi)
    assert len(seals) == 1
    assert seals[0][2] - seals[0][0] == pytest.approx(4.2 / 2.54 * dpi, rel=0.1)


def test_rectangular_red_stamp_is_not_a_round_seal(cjk_font: str) -> None:
    """A 已审核-style box stamp (5 × 1.6 cm) is red and seal-sized but not round."""
    page = render_text_page(BODY, dpi=DPI)
    draw = ImageDraw.Draw(page)
    px_cm = DPI / 2.54
    x0, y0 = int(8 * px_cm), int(12 * px_cm)
    red = (210, 35, 40)
    draw.rectangle((x0, y0, x0 + int(5 * px_cm), y0 + int(1.6 * px_cm)), outline=red, width=6)
    draw.text((x0 + 30, y0 + 20), "已审核", font=ImageFont.truetype(cjk_font, int(0.9 * px_cm)), fill=red)
    assert detect_seals(_scanned(page), dpi=DPI) == []


def test_square_red_block_is_not_a_seal_but_an_oval_finance_seal_is() -> None:
    page = render_text_page(BODY, dpi=DPI)
    draw = ImageDraw.Draw(page)
    px_cm = DPI / 2.54
    red = (210, 35, 40)
    draw.rectangle((int(2 * px_cm), int(12 * px_cm), int(6 * px_cm), int(16 * px_cm)), fill=red)  # 4 cm square
    assert detect_seals(_scanned(page), dpi=DPI) == []
    # 4 × 3 cm oval ring (财务专用章 / 发票专用章 shape)
    draw.ellipse((int(10 * px_cm), int(20 * px_cm), int(14 * px_cm), int(23 * px_cm)), outline=red, width=8)
    seals = detect_seals(_scanned(page), dpi=DPI)
    assert len(seals) == 1 and seals[0][0] == pytest.approx(10 * px_cm, abs=10)


@pytest.mark.slow
def test_red_header_text_survives_the_seal_pass(cjk_font: str) -> None:
    """The seal pass erases red ink in the seal's band only; the red header keeps its colour-pass reading."""
    from extract.ocr import OcrOptions, get_engine, ocr_image_to_page

    page = _red_header_page(cjk_font)
    draw_seal(page, (int(430 * SCALE), int((70 + 7.5 * 24) * SCALE)), DPI, cjk_font, name="青川县人民政府")
    result = ocr_image_to_page(page, get_engine(OcrOptions()), sha256="d" * 64, page_no=1, scale=SCALE)
    lines = result.text.splitlines()
    assert result.seal is True
    assert lines[0] == "青川县人民政府文件" and "青府发〔2024〕3号" in lines[1]
    assert lines[2:6] == BODY

"""One page image → one OCRed ``Page``: orientation, seal pass, line grouping, pixels → points.

Steps: decide the page turn from the upright detection (``orientation``) and read the page in that orientation;
find red seals and re-read the text under each on the red-suppressed image (replacing the colour-pass lines there,
whose seal ring text would otherwise mix into them); group lines by vertical overlap after removing the skew; emit
one ``Block`` per line plus one ``seal`` block per seal.
"""
from __future__ import annotations

import logging
import re
from statistics import median
from typing import TYPE_CHECKING

from extract.geometry import (
    bbox_expand,
    bbox_height,
    bbox_intersection,
    bbox_scale,
    bbox_union,
    estimate_skew,
    group_rows,
    intersection_share,
)
from extract.hashing import block_id
from extract.model import Block, Page, Source
from extract.ocr.base import OcrBox, OcrEngine, to_bgr
from extract.ocr.orientation import decide_orientation, rotate_array
from extract.seal import detect_seals, red_suppressed

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

SPACE_GAP = 0.8  # × line height: a horizontal gap wider than ~one character between boxes is written as a space
SEAL_MARGIN_PT = 4.0  # pt added around a seal region before re-reading it, so strokes cut by the box edge survive
REPLACE_SHARE = 0.5  # a colour-pass line with at least half its area inside a seal region is replaced


def ocr_image_to_page(
    image: "Image",
    engine: OcrEngine,
    *,
    sha256: str,
    page_no: int,
    scale: float,
    ocr_reason: str | None = None,
) -> Page:
    """OCR a page image rendered at ``scale`` pixels per point (dpi / 72) into a complete ``Page``."""
    if scale <= 0:
        raise ValueError(f"scale must be positive pixels per point, got {scale}")
    rgb = flatten(image)
    bgr = to_bgr(rgb)
    orientation = decide_orientation(engine, bgr, scale)
    rotation = orientation.rotation
    if rotation:
        log.info("page %d of %s turned %d° before OCR", page_no, sha256[:12], rotation)
        bgr = rotate_array(bgr, rotation)
        rgb = rgb.rotate(rotation, expand=True)
    boxes = engine.read_boxes(bgr, list(orientation.quads), dict(orientation.read))

    seals = detect_seals(rgb, dpi=scale * 72.0)
    if seals and engine.options.seal_pass:
        boxes = reread_under_seals(engine, rgb, boxes, seals, scale)

    to_pt = 1.0 / scale
    blocks: list[Block] = []
    skew = estimate_skew([b.quad for b in boxes])
    for line in group_rows(boxes, skew=skew):
        text = join_line(line)
        if not text:
            continue
        bbox = bbox_scale(bbox_union([b.bbox for b in line]), to_pt)
        conf = sum(b.confidence for b in line) / len(line)
        blocks.append(
            Block(
                id=block_id(sha256, page_no, len(blocks)),
                kind="text",
                text=text,
                src=Source(sha256=sha256, page_no=page_no, bbox=bbox),
                origin="ocr",
                confidence=round(conf, 4),
            )
        )
    for seal in seals:
        blocks.append(
            Block(
                id=block_id(sha256, page_no, len(blocks)),
                kind="seal",
                text="",
                src=Source(sha256=sha256, page_no=page_no, bbox=bbox_scale(seal, to_pt)),
                origin="ocr",
            )
        )
    page_conf = round(sum(b.confidence for b in boxes) / len(boxes), 4) if boxes else None
    return Page(
        page_no=page_no,
        width=rgb.width * to_pt,
        height=rgb.height * to_pt,
        has_text_layer=False,
        blocks=tuple(blocks),
        ocr=True,
        ocr_confidence=page_conf,
        ocr_reason=ocr_reason,
        rotation=rotation,
        seal=bool(seals),
    )


def flatten(image: "Image") -> "Image":
    """RGB page image; transparent parts (PNG screenshots, exported forms) become white paper, not black."""
    from PIL import Image as PilImage

    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        paper = PilImage.new("RGB", image.size, "white")
        paper.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return paper
    return image.convert("RGB")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E


THOUSANDS_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
DECIMAL_POINT = re.compile(r"(?<=\d)．(?=\d)")
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def normalize_punctuation(text: str) -> str:
    """Chinese typesetting: the recogniser often returns half-width ( ) , : ; beside Chinese characters where the
    page has full-width ones. Parentheses opening or closing on a Chinese character become （ ）, with no space
    before （ or inside them; , : ; ? ! become full-width after a Chinese character (1,000 and 10:30 keep theirs),
    and no space follows a full-width comma, colon or semicolon. Between digits, a full-width comma before a
    three-digit group is a thousands separator and a full-width point (．, not 。) a decimal point."""
    chars = list(text)
    opened: list[bool] = []
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i > 0 else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch == "(":
            full = bool(prev and _is_cjk(prev)) or bool(nxt and _is_cjk(nxt))
            opened.append(full)
            if full:
                chars[i] = "（"
        elif ch == ")":
            full = opened.pop() if opened else False
            if full or (prev and _is_cjk(prev)):
                chars[i] = "）"
        elif ch in HALF_TO_FULL and prev and _is_cjk(prev):
            chars[i] = HALF_TO_FULL[ch]
    out = "".join(chars)
    for punct, tight in (("（ ", "（"), (" （", "（"), (" ）", "）"), ("， ", "，"), ("： ", "："), ("； ", "；")):
        out = out.replace(punct, tight)
    out = THOUSANDS_COMMA.sub(",", out)  # 29，094 → 29,094 (a grouped number, not a list)
    return DECIMAL_POINT.sub(".", out)


def join_line(line: list[OcrBox]) -> str:
    """Join the boxes of one line left to right; a space only where boxes are clearly apart."""
    parts: list[str] = []
    height = median(bbox_height(b.bbox) for b in line) if line else 0.0
    previous: OcrBox | None = None
    for box in line:
        text = box.text.strip()
        if not text:
            continue
        if previous is not None and parts:
            gap = box.bbox[0] - previous.bbox[2]
            if gap > SPACE_GAP * height:
                parts.append(" ")
        parts.append(text)
        previous = box
    return normalize_punctuation("".join(parts))


def reread_under_seals(
    engine: OcrEngine, rgb: "Image", boxes: list[OcrBox], seals: list[tuple[int, int, int, int]], scale: float
) -> list[OcrBox]:
    """Replace the lines in each seal's region by a reading of the red-suppressed crop of that region.

    The region is the page-wide band covering the seal and every line it touches (a line running under the seal
    is re-read whole, even one the colour pass missed). Lines outside the band keep their colour-pass reading, and
    so do colour lines in the band that the second reading does not cover (red header text, which it erases).
    """
    kept = list(boxes)
    for seal in seals:
        seal_box = (float(seal[0]), float(seal[1]), float(seal[2]), float(seal[3]))
        touched = [b.bbox for b in kept if bbox_intersection(b.bbox, seal_box) is not None]
        band = bbox_expand(bbox_union([seal_box, *touched]), SEAL_MARGIN_PT * scale, (rgb.width, rgb.height))
        # the full page width: a line under the seal that the colour pass missed may run far past the seal
        region = (0.0, band[1], float(rgb.width), band[3])
        x0, top = int(region[0]), int(region[1])
        crop = red_suppressed(rgb.crop((x0, top, int(region[2]), int(region[3]))))
        reread = [
            OcrBox(b.text, b.confidence, tuple((px + x0, py + top) for px, py in b.quad))  # type: ignore[arg-type]
            for b in engine.recognize(crop, scale)
        ]
        outside = [b for b in kept if intersection_share(b.bbox, region) < REPLACE_SHARE]
        inside = [b for b in kept if intersection_share(b.bbox, region) >= REPLACE_SHARE]
        # a line mostly outside the region keeps its colour reading; the crop's cut-off piece of it is dropped
        straddling = [b for b in outside if intersection_share(b.bbox, region) > 0]
        reread = [r for r in reread if not any(_same_line(r, b) for b in straddling)]
        # A colour-pass line the second reading missed survives, unless it lies within the seal (ring text).
        missed = [
            b for b in inside
            if intersection_share(b.bbox, seal_box) < REPLACE_SHARE and not any(_same_line(b, r) for r in reread)
        ]
        log.debug("seal at %s: %d colour lines replaced by %d red-suppressed lines, %d kept",
                  seal, len(inside) - len(missed), len(reread), len(missed))
        kept = outside + missed + reread
    return kept


def _same_line(a: OcrBox, b: OcrBox) -> bool:
    """Boxes overlapping vertically by half the smaller height and horizontally at all."""
    ax0, atop, ax1, abottom = a.bbox
    bx0, btop, bx1, bbottom = b.bbox
    overlap = min(abottom, bbottom) - max(atop, btop)
    return overlap >= REPLACE_SHARE * min(abottom - atop, bbottom - btop) and min(ax1, bx1) > max(ax0, bx0)

"""Rendering helpers for the 云岭旗 holdout package: text-layer PDFs, degraded scans, a photo, a garbled PDF.

Deliberately different from a "clean" generator: scans are 150 dpi, skewed about 2 degrees, unevenly lit, folded,
signed in blue ink and stamped with a red seal that partly covers figures.
"""
from __future__ import annotations

import io
import logging
import math
import random
import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

log = logging.getLogger(__name__)
_original_cmap = ttfonts.makeToUnicodeCMap

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
NOTO_SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
PDF_FONT = "YLWQY"
SCAN_DPI = 150  # scans are deliberately low resolution (dots per inch)
A4_PX = (1240, 1754)  # A4 at 150 dpi, pixels

_registered = False


def _register() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(PDF_FONT, WQY, subfontIndex=0))
        _registered = True


def _stable_canvas(buf: io.BytesIO, title: str) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("云岭旗")
    c.setCreator("WPS Office")
    return c


def text_pdf(path: Path, pages: list[list[str]], title: str, size: float = 11.5) -> None:
    """Write a text-layer PDF; each page is a list of lines. Lines starting with '#' are centred bold-ish titles,
    lines starting with '>' are right-aligned (signature blocks), '|' separates table cells drawn in a grid."""
    _register()
    buf = io.BytesIO()
    c = _stable_canvas(buf, title)
    width, height = A4
    for lines in pages:
        y = height - 72
        for raw in lines:
            if raw.startswith("#"):
                text = raw.lstrip("#").strip()
                c.setFont(PDF_FONT, min(17.0, (width - 110) / max(len(text), 1)))
                c.drawCentredString(width / 2, y, text)
                y -= 30
                continue
            c.setFont(PDF_FONT, size)
            if raw.startswith(">"):
                c.drawRightString(width - 70, y, raw[1:].strip())
            elif "|" in raw:
                cells = [cell.strip() for cell in raw.split("|")]
                col_w = (width - 120) / len(cells)
                for i, cell in enumerate(cells):
                    x = 60 + i * col_w
                    c.rect(x, y - size * 0.55, col_w, size * 1.75, stroke=1, fill=0)
                    c.drawString(x + 3, y, cell)
            else:
                c.drawString(60, y, raw)
            y -= size * 1.75
            if y < 60:
                raise ValueError(f"page overflow in {path.name}")
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------- scans
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px, index=0)


def render_page_image(lines: list[str], font_px: int = 30, line_gap: float = 1.75,
                      top: int = 150, left: int = 120) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """White A4 page at 150 dpi with the lines typeset; returns the image and each line's pixel box."""
    img = Image.new("RGB", A4_PX, (250, 249, 244))
    d = ImageDraw.Draw(img)
    boxes = []
    y = top
    for i, line in enumerate(lines):
        px = font_px + 8 if i == 0 else font_px
        f = _font(NOTO_SANS_BOLD if i == 0 else NOTO_SERIF, px)
        w = d.textlength(line, font=f)
        x = (A4_PX[0] - w) / 2 if i == 0 else left
        d.text((x, y), line, font=f, fill=(28, 28, 30))
        boxes.append((int(x), y, int(x + w), y + px))
        y += int(px * line_gap)
    return img, boxes


def seal_layer(size: tuple[int, int], center: tuple[int, int], radius: int, ring_text: str, seed: int,
               alpha: int = 170) -> Image.Image:
    """Transparent layer holding a red round seal with a star and ring text, unevenly inked."""
    rnd = random.Random(seed)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (212, 30, 38, alpha)
    cx, cy = center
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(5, radius // 18))
    star_r = radius * 0.28
    pts = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_r * 0.42
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    d.polygon(pts, fill=red)
    f = _font(NOTO_SANS_BOLD, int(radius * 0.24))
    n = len(ring_text)
    span = math.radians(250)
    for k, ch in enumerate(ring_text):
        ang = -math.pi / 2 - span / 2 + span * (k + 0.5) / n
        tile = Image.new("RGBA", (int(radius * 0.34), int(radius * 0.34)), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((2, 0), ch, font=f, fill=red)
        tile = tile.rotate(-math.degrees(ang) - 90, expand=True, resample=Image.BICUBIC)
        rr = radius * 0.74
        px = int(cx + rr * math.cos(ang) - tile.width / 2)
        py = int(cy + rr * math.sin(ang) - tile.height / 2)
        layer.alpha_composite(tile, (max(px, 0), max(py, 0)))
    holes = ImageDraw.Draw(layer)
    for _ in range(60):
        x = rnd.randint(cx - radius, cx + radius)
        y = rnd.randint(cy - radius, cy + radius)
        holes.ellipse((x, y, x + rnd.randint(2, 6), y + rnd.randint(2, 6)), fill=(0, 0, 0, 0))
    return layer


def draw_seal(img: Image.Image, center: tuple[int, int], radius: int, ring_text: str, seed: int,
              alpha: int = 170) -> None:
    """Blend a red seal over whatever is underneath (including figures)."""
    base = img.convert("RGBA")
    base.alpha_composite(seal_layer(img.size, center, radius, ring_text, seed, alpha))
    img.paste(base.convert("RGB"))


def draw_signature(img: Image.Image, origin: tuple[int, int], seed: int) -> None:
    """Blue ballpoint scribble (a handwritten signature) of about 220 x 60 px."""
    rnd = random.Random(seed)
    d = ImageDraw.Draw(img)
    x, y = origin
    pts = []
    for k in range(40):
        pts.append((x + k * 5.5 + rnd.uniform(-3, 3), y + 30 + 22 * math.sin(k * 0.9 + rnd.uniform(-0.4, 0.4))))
    d.line(pts, fill=(30, 52, 150), width=3, joint="curve")
    d.line([(x + 10, y + 52), (x + 200, y + 40)], fill=(30, 52, 150), width=2)


def degrade(img: Image.Image, seed: int, skew_deg: float = 2.0, fold: bool = True) -> Image.Image:
    """Uneven lighting (left-to-right gradient), a vertical fold shadow, skew, slight blur and sensor noise."""
    rnd = random.Random(seed)
    w, h = img.size
    fold_at = 0.52 + rnd.uniform(-0.03, 0.03)  # fraction of the width where the sheet was folded
    grad = Image.linear_gradient("L").rotate(90).resize((w, h))  # 255 on the left → 0 on the right
    shade = Image.new("RGB", (w, h), (150, 146, 135))
    img = Image.composite(img, shade, grad.point(lambda v: 150 + v * 105 // 255))
    if fold:
        d = ImageDraw.Draw(img, "RGBA")
        fx = int(w * fold_at)
        for k in range(26):
            d.line([(fx + k, 0), (fx + k, h)], fill=(60, 55, 50, max(0, 70 - k * 3)))
        d.line([(fx - 1, 0), (fx - 1, h)], fill=(255, 255, 255, 90), width=2)
    img = img.rotate(skew_deg, resample=Image.BICUBIC, expand=False, fillcolor=(120, 118, 112))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    grain = np.random.default_rng(seed).normal(128, 18, (h, w)).clip(0, 255).astype(np.uint8)
    noise = Image.fromarray(grain, "L").convert("RGB")
    return Image.blend(img, noise, 0.05)


def scan_pdf(path: Path, images: list[Image.Image]) -> None:
    """Image-only PDF (one JPEG per page at 150 dpi), as a copier would produce."""
    rgb = [im.convert("RGB") for im in images]
    buf = io.BytesIO()
    rgb[0].save(buf, format="PDF", save_all=True, append_images=rgb[1:], resolution=SCAN_DPI, quality=62,
                title="scan", creationDate=None)
    path.write_bytes(_strip_pdf_dates(buf.getvalue()))


def _strip_pdf_dates(data: bytes) -> bytes:
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 (D:20240115090000)", data)


def garbled_pdf(path: Path, lines: list[str], title: str, seed: int, overlay: Image.Image) -> None:
    """Visible vector text whose ToUnicode map sends every CJK glyph to a private-use code point (U+E000…), the
    way a broken font encoding extracts; ``overlay`` (RGBA, A4 at 150 dpi: seal, signature) is drawn on top."""
    rnd = random.Random(seed)
    font_name = "YLGARBLED"
    if font_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font_name, WQY, subfontIndex=0))
    mapping: dict[int, int] = {}

    def pua(v: int) -> int:
        if v < 0x80:
            return v
        return mapping.setdefault(v, 0xE000 + len(mapping) * 7 + rnd.randint(0, 6))

    def garbled_cmap(fontname: str, subset: list[int]) -> str:
        return _original_cmap(fontname, [pua(v) for v in subset])

    buf = io.BytesIO()
    c = _stable_canvas(buf, title)
    width, height = A4
    y = height - 90
    for i, line in enumerate(lines):
        if i == 0:
            c.setFont(font_name, 17)
            c.drawCentredString(width / 2, y, line)
            y -= 34
            continue
        c.setFont(font_name, 14)
        if i >= len(lines) - 2:
            c.drawRightString(width - 80, y, line)
        else:
            c.drawString(60, y, line)
        y -= 27
    png = io.BytesIO()
    overlay.save(png, format="PNG")
    png.seek(0)
    c.drawImage(ImageReader(png), 0, 0, width=width, height=height, mask="auto")
    c.showPage()
    ttfonts.makeToUnicodeCMap = garbled_cmap
    try:
        c.save()
    finally:
        ttfonts.makeToUnicodeCMap = _original_cmap
    path.write_bytes(buf.getvalue())


def pdf_line_px(index: int, n_lines: int) -> int:
    """Baseline of line ``index`` of garbled_pdf's layout, in 150-dpi pixels from the top (for overlays)."""
    y_pt = 90 + (34 if index > 0 else 0) + max(index - 1, 0) * 27
    return int(y_pt * SCAN_DPI / 72)


def photo_jpg(path: Path, watermark: list[str], seed: int) -> None:
    """A facility photo (sky, ground, two round tanks, a building) with a time/place watermark and EXIF time."""
    rnd = random.Random(seed)
    w, h = 1600, 1200
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for yy in range(h):
        if yy < 520:
            c = (150 + yy // 12, 185 + yy // 20, 225)
        else:
            c = (120 - (yy - 520) // 14, 112 - (yy - 520) // 16, 96 - (yy - 520) // 20)
        d.line([(0, yy), (w, yy)], fill=c)
    for cx in (430, 980):
        d.ellipse((cx - 230, 560, cx + 230, 760), fill=(150, 152, 150), outline=(90, 90, 90), width=6)
        d.ellipse((cx - 200, 580, cx + 200, 720), fill=(70, 96, 88))
    d.rectangle((1250, 360, 1560, 700), fill=(205, 196, 180), outline=(120, 110, 100), width=4)
    for k in range(4):
        d.rectangle((1280 + k * 70, 420, 1320 + k * 70, 480), fill=(90, 120, 150))
    for _ in range(900):
        x, y = rnd.randint(0, w - 1), rnd.randint(760, h - 1)
        d.point((x, y), fill=(rnd.randint(60, 110),) * 3)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    d = ImageDraw.Draw(img)
    f = _font(NOTO_SANS_BOLD, 40)
    y = h - 60 * len(watermark) - 30
    for line in watermark:
        tw = d.textlength(line, font=f)
        d.text((w - tw - 40 + 2, y + 2), line, font=f, fill=(0, 0, 0))
        d.text((w - tw - 40, y), line, font=f, fill=(255, 196, 0))
        y += 60
    exif = Image.Exif()
    exif[0x0132] = watermark[0].replace("-", ":") + ":41"  # DateTime
    exif[0x010F] = "HUAWEI"
    img.save(path, format="JPEG", quality=72, exif=exif.tobytes())

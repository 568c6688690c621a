"""Rendering helpers for the sample package: text-layer PDFs, degraded scans with red seals, photos,
deterministic OOXML and GBK-named ZIP files.

Everything here is deterministic: callers pass a seeded ``random.Random`` and all timestamps are fixed.
"""
from __future__ import annotations

import io
import math
import os
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
FONT_NAME = "WQYZenHei"
FIXED_ZIP_TIME = (2024, 12, 20, 9, 30, 0)  # every OOXML/ZIP entry gets this timestamp (determinism)
FIXED_ISO = "2024-12-20T09:30:00Z"
SCAN_DPI = 200
A4_PX = (1654, 2339)  # A4 at 200 dpi
SCAN_FONT_PX = 38  # body text height in pixels at 200 dpi (≈ 13.7 pt)
SCAN_TITLE_PX = 52
SCAN_MARGIN_PX = 190  # ≈ 24 mm left/right margin
SEAL_RADIUS_PX = 165  # ≈ 42 mm diameter, the usual size of a government seal at 200 dpi
JPEG_QUALITY_SCAN = 55  # heavy enough to leave visible block artefacts

rl_config.invariant = 1  # no timestamps / random ids in reportlab output


def register_font() -> None:
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_PATH, subfontIndex=0))


def pil_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_PATH, size, index=0)


# ---------------------------------------------------------------- text-layer PDF

@dataclass(frozen=True)
class PdfItem:
    """One block of a text-layer PDF: kind is title|subtitle|para|right|center|table|space."""

    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()


def T(text: str) -> PdfItem:
    return PdfItem("title", text)


def S(text: str) -> PdfItem:
    return PdfItem("subtitle", text)


def P(text: str) -> PdfItem:
    return PdfItem("para", text)


def R(text: str) -> PdfItem:
    return PdfItem("right", text)


def C(text: str) -> PdfItem:
    return PdfItem("center", text)


def TB(rows: list[list[str]], widths: list[float] | None = None) -> PdfItem:
    return PdfItem("table", rows=tuple(tuple(r) for r in rows), widths=tuple(widths or ()))


def SP() -> PdfItem:
    return PdfItem("space")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT_NAME, fontSize=11.5, leading=19, wordWrap="CJK",
                          firstLineIndent=23)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=26, alignment=TA_CENTER,
                                firstLineIndent=0, spaceAfter=8),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=12, alignment=TA_CENTER, firstLineIndent=0),
        "para": base,
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13, firstLineIndent=0),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_text_pdf(path: Path, items: list[PdfItem], *, title: str, encrypt: str | None = None) -> None:
    """A4 text-layer PDF through reportlab platypus (CJK wrapping, grid tables)."""
    register_font()
    st = _styles()
    story = []
    for it in items:
        if it.kind == "space":
            story.append(Spacer(1, 8))
        elif it.kind == "table":
            data = [[Paragraph(_esc(c), st["cell"]) for c in row] for row in it.rows]
            widths = [w * mm for w in it.widths] if it.widths else None
            table = Table(data, colWidths=widths, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(table)
            story.append(Spacer(1, 6))
        else:
            story.append(Paragraph(_esc(it.text), st[it.kind]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=26 * mm, rightMargin=24 * mm,
                            topMargin=30 * mm, bottomMargin=28 * mm, title=title, author="",
                            creator="", producer="", invariant=1, encrypt=encrypt)
    doc.build(story)


# ---------------------------------------------------------------- scans

@dataclass(frozen=True)
class Seal:
    """A red round official seal: ring text of the issuing body, a star, optional bottom line."""

    ring: str
    bottom: str = ""


@dataclass(frozen=True)
class ScanLine:
    text: str
    align: str = "left"  # left | center | right | indent
    size: int = SCAN_FONT_PX


_NUMERIC_RUN = re.compile(r"[0-9A-Za-z.,%¥]")
_TRAILING_RUN = re.compile(r"[0-9A-Za-z.,%¥]+$")


def wrap_lines(text: str, width_px: int, size: int = SCAN_FONT_PX, indent: bool = True) -> list[ScanLine]:
    """Greedy CJK wrap of a paragraph into lines that fit width_px (the first line indented 2 chars)."""
    font = pil_font(size)
    out: list[ScanLine] = []
    cur = ""
    first = True
    for ch in text:
        limit = width_px - (2 * size if first and indent else 0)
        if font.getlength(cur + ch) > limit:
            carry = ""
            if _NUMERIC_RUN.match(ch):  # like Word, never break inside a number such as 1,860 or 2024
                m = _TRAILING_RUN.search(cur)
                if m and m.start() > 0:
                    carry, cur = cur[m.start():], cur[: m.start()]
            out.append(ScanLine(cur, "indent" if first and indent else "left", size))
            cur, first = carry, False
            if ch in "，。、；：）》”":  # avoid a line starting with closing punctuation
                prev = out[-1]
                out[-1] = ScanLine(prev.text + ch, prev.align, size)
                continue
        cur += ch
    if cur:
        out.append(ScanLine(cur, "indent" if first and indent else "left", size))
    return out


def draw_table(draw: ImageDraw.ImageDraw, top: int, rows: list[list[str]], widths: list[int],
               size: int = 32) -> int:
    """Grid table; returns the bottom y. Cells are single-line."""
    font = pil_font(size)
    x0 = SCAN_MARGIN_PX - 40
    row_h = int(size * 1.9)
    y = top
    for row in rows:
        x = x0
        for cell, w in zip(row, widths):
            draw.rectangle([x, y, x + w, y + row_h], outline=(20, 20, 20), width=2)
            tw = font.getlength(cell)
            draw.text((x + (w - tw) / 2, y + (row_h - size) / 2 - 2), cell, font=font, fill=(15, 15, 15))
            x += w
        y += row_h
    return y


def render_page(lines: list[ScanLine], *, table: tuple[int, list[list[str]], list[int]] | None = None,
                size: tuple[int, int] = A4_PX, top: int = 230) -> tuple[Image.Image, list[int]]:
    """Render clean lines on white; returns the image and the baseline y of each line."""
    img = Image.new("RGB", size, (250, 250, 247))
    draw = ImageDraw.Draw(img)
    y = top
    ys: list[int] = []
    width = size[0] - 2 * SCAN_MARGIN_PX
    for i, ln in enumerate(lines):
        if table is not None and i == table[0]:
            y = draw_table(draw, y + 10, table[1], table[2]) + 30
        font = pil_font(ln.size)
        tw = font.getlength(ln.text)
        if ln.align == "center":
            x = (size[0] - tw) / 2
        elif ln.align == "right":
            x = size[0] - SCAN_MARGIN_PX - tw
        elif ln.align == "indent":
            x = SCAN_MARGIN_PX + 2 * ln.size
        else:
            x = SCAN_MARGIN_PX
        if ln.text:
            draw.text((x, y), ln.text, font=font, fill=(18, 18, 18))
        ys.append(y)
        y += int(ln.size * 1.75)
        if tw > width + 4 and ln.align != "center":
            raise ValueError(f"scan line too wide: {ln.text}")
    if table is not None and table[0] >= len(lines):
        draw_table(draw, y + 10, table[1], table[2])
    return img, ys


def stamp_seal(img: Image.Image, center: tuple[int, int], seal: Seal, rng: random.Random) -> Image.Image:
    """Overlay a red round seal (ring, star, ring text) with multiply-like blending."""
    r = SEAL_RADIUS_PX
    layer = Image.new("L", (2 * r + 20, 2 * r + 20), 0)
    d = ImageDraw.Draw(layer)
    c = r + 10
    d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=9)
    star_r = r * 0.30
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rad = star_r if k % 2 == 0 else star_r * 0.40
        pts.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
    d.polygon(pts, fill=255)
    font = pil_font(int(r * 0.26))
    n = len(seal.ring)
    span = min(250.0, 20.0 * n)  # degrees of arc used by the ring text
    for k, ch in enumerate(seal.ring):
        ang = math.radians(-90 - span / 2 + span * (k + 0.5) / n)
        rad = r * 0.74
        glyph = Image.new("L", (int(r * 0.34), int(r * 0.34)), 0)
        ImageDraw.Draw(glyph).text((2, 0), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC, expand=True)
        gx = int(c + rad * math.cos(ang) - glyph.width / 2)
        gy = int(c + rad * math.sin(ang) - glyph.height / 2)
        layer.paste(255, (gx, gy), glyph)
    if seal.bottom:
        bf = pil_font(int(r * 0.20))
        tw = bf.getlength(seal.bottom)
        d.text((c - tw / 2, c + r * 0.42), seal.bottom, font=bf, fill=255)
    layer = layer.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    # uneven ink: thin the stamp randomly
    noise = Image.effect_noise(layer.size, 60).point(lambda v: 255 if v > 70 else 120)
    layer = Image.composite(layer, Image.new("L", layer.size, 0), noise).filter(ImageFilter.GaussianBlur(1.1))
    red = Image.new("RGB", layer.size, (214, 30, 38))
    out = img.copy()
    box = (center[0] - c, center[1] - c)
    alpha = layer.point(lambda v: int(v * 0.82))
    out.paste(red, box, alpha)
    return out


def degrade(img: Image.Image, rng: random.Random, *, angle: float | None = None) -> Image.Image:
    """Tilt, blur, speckle and JPEG-compress a clean page the way a cheap office scanner does."""
    if angle is None:
        angle = rng.choice((-1, 1)) * rng.uniform(0.5, 1.5)
    out = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(246, 246, 242))
    out = out.filter(ImageFilter.GaussianBlur(0.7))
    draw = ImageDraw.Draw(out)
    for _ in range(900):
        x, y = rng.randrange(out.width), rng.randrange(out.height)
        g = rng.randrange(60, 180)
        draw.point((x, y), fill=(g, g, g))
    for _ in range(40):
        x, y = rng.randrange(out.width), rng.randrange(out.height)
        draw.ellipse([x, y, x + rng.randrange(2, 5), y + rng.randrange(2, 5)], fill=(90, 90, 90))
    return jpeg_roundtrip(out, JPEG_QUALITY_SCAN)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def jpeg_bytes(img: Image.Image, quality: int = 80, exif: Image.Exif | None = None) -> bytes:
    buf = io.BytesIO()
    if exif is not None:
        img.save(buf, "JPEG", quality=quality, exif=exif)
    else:
        img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def images_to_pdf(path: Path, images: list[Image.Image], tmp: Path) -> None:
    """Image-only PDF (no text layer): every image is one page at SCAN_DPI."""
    c = canvas.Canvas(str(path.resolve()), invariant=1, pageCompression=0)
    c.setTitle("")
    c.setProducer("Scanner")
    here = os.getcwd()
    os.chdir(tmp)  # reportlab names the image XObject after the file name: keep it relative and fixed
    try:
        for i, img in enumerate(images):
            jp = f"_page{i}.jpg"
            Path(jp).write_bytes(jpeg_bytes(img, 70))
            w_pt = img.width * 72 / SCAN_DPI
            h_pt = img.height * 72 / SCAN_DPI
            c.setPageSize((w_pt, h_pt))
            c.drawImage(jp, 0, 0, w_pt, h_pt)
            c.showPage()
            Path(jp).unlink()
        c.save()
    finally:
        os.chdir(here)


# ---------------------------------------------------------------- OOXML / ZIP determinism

_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalize_ooxml(path: Path) -> None:
    """Rewrite a DOCX/XLSX with fixed entry timestamps and fixed core-property dates."""
    src = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(lambda m: m.group(1) + FIXED_ISO.encode() + m.group(3), data)
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


class _GbkZipInfo(zipfile.ZipInfo):
    """ZipInfo whose name is stored as raw GBK bytes without the UTF-8 flag (as Chinese Windows does)."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's private hook)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_gbk_zip(path: Path, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zi = _GbkZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0  # MS-DOS, as Windows' "send to compressed folder" writes
            zf.writestr(zi, data)

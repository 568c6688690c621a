"""Evidence crops for the report: the page around a value, with the value's box marked.

Reads the original evidence file (never the index): PDFs are rendered with pypdfium2 through the PDF backend, scans
and photos through the image backend; both go through ``extract.registry`` so format sniffing is shared. Zip members
(``dept/a.zip/member``) are read out of their archive into a temporary file first.
"""
from __future__ import annotations

import io
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from extract.base import RenderableBackend
from extract.errors import BadInputError
from extract.model import BBox

log = logging.getLogger(__name__)

CROP_DPI = 110  # px per inch for report crops: legible Chinese at ~40 % of the file size of 200 dpi
CONTEXT_PT = 70.0  # points of page kept above and below the marked box, so the reader sees the sentence/row around it
JPEG_QUALITY = 72
MAX_CROP_HEIGHT_PX = 700  # longer crops are cut around the box: a crop is a glance, not the page


@dataclass(frozen=True)
class CropRequest:
    path: str  # relative to the evidence folder, forward slashes; zip members "a/b.zip/m.pdf"
    page: int  # 1-based
    bbox: BBox  # points, top-left origin, in the (upright) page frame the OCR saw
    rotation: int = 0  # degrees the page image was turned (counter-clockwise, PIL convention) before OCR


def _materialise(root: Path, rel: str, tmp: Path) -> Path | None:
    """Return a real file path for ``rel`` (extracting zip members into ``tmp``), or None if it cannot be found."""
    parts = rel.split("/")
    current = root
    for i, part in enumerate(parts):
        current = current / part
        if current.is_file() and current.suffix.lower() == ".zip" and i < len(parts) - 1:
            from extract.zip_backend import iter_zip_members

            member = "/".join(parts[i + 1 :])
            for zm in iter_zip_members(current):
                if zm.name == member or member.startswith(zm.name + "/"):
                    target = tmp / f"m{i}_{Path(zm.name).name}"
                    target.write_bytes(zm.data)
                    if zm.name == member:
                        return target
                    return _materialise(target.parent, target.name + "/" + member[len(zm.name) + 1 :], tmp)
            return None
    return current if current.is_file() else None


def render_crop(root: Path, req: CropRequest) -> bytes | None:
    """JPEG bytes of the crop with the box outlined in red, or None when the page cannot be rendered
    (DOCX/XLSX/text have no page image: the report then shows the snippet instead)."""
    from extract.hashing import sha256_file
    from extract.registry import open_backend

    with tempfile.TemporaryDirectory(prefix="ecoaudit-crop-") as tmpdir:
        try:
            path = _materialise(root, req.path, Path(tmpdir))
        except BadInputError as exc:
            log.info("crop skipped for %s: %s", req.path, exc.message)
            return None
        if path is None:
            log.info("crop skipped: %s not found under %s", req.path, root)
            return None
        try:
            backend = open_backend(path, sha256_file(path), req.path)
        except BadInputError as exc:
            log.info("crop skipped for %s: %s", req.path, exc.message)
            return None
        with backend:
            if not isinstance(backend, RenderableBackend):
                return None
            try:
                image = backend.render(req.page, dpi=CROP_DPI)
            except BadInputError as exc:
                log.info("crop skipped for %s p%d: %s", req.path, req.page, exc.message)
                return None
    return _cut(image.convert("RGB"), req)


def _cut(image: Image.Image, req: CropRequest) -> bytes:
    if req.rotation % 360:
        image = image.rotate(req.rotation % 360, expand=True)
    scale = CROP_DPI / 72.0
    x0, top, x1, bottom = (v * scale for v in req.bbox)
    margin = CONTEXT_PT * scale
    y0 = max(0.0, top - margin)
    y1 = min(float(image.height), bottom + margin)
    if y1 - y0 > MAX_CROP_HEIGHT_PX:
        centre = (top + bottom) / 2
        y0 = max(0.0, centre - MAX_CROP_HEIGHT_PX / 2)
        y1 = min(float(image.height), y0 + MAX_CROP_HEIGHT_PX)
    crop = image.crop((0, int(y0), image.width, int(y1)))
    draw = ImageDraw.Draw(crop)
    pad = 3
    draw.rectangle((x0 - pad, top - y0 - pad, x1 + pad, bottom - y0 + pad), outline=(220, 30, 30), width=3)
    buf = io.BytesIO()
    crop.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()

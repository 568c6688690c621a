"""Images (JPEG, PNG, TIFF incl. multi-page, BMP, WebP, GIF): every page needs OCR. EXIF orientation is applied,
page sizes are in points at the image's own resolution, EXIF capture time and GPS go to ``Document.meta``."""
from __future__ import annotations

import logging
import warnings
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar

from PIL import Image, ImageOps, UnidentifiedImageError

from extract.base import RenderableBackend
from extract.errors import BadInputError
from extract.model import Document, Page

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

log = logging.getLogger(__name__)

MAX_SIDE_PX = 12_000  # px: larger sides are not document photos/scans (A0 at 300 dpi is 9,933 px)
MAX_PIXELS = 80_000_000  # px: above this one page would need > 240 MB as RGB; refused as too large
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow warns above this and raises DecompressionBombError above twice it
DEFAULT_DPI = 200.0  # assumed resolution when the file gives none (typical office scan setting)
MIN_TRUSTED_DPI = 100.0  # below: the 72/96 dpi placeholders cameras and screenshots write; not a scan setting
MAX_TRUSTED_DPI = 1200.0  # above: implausible for a document scan

_MAGICS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a")
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _DATETIME = 36867, 306
_ROTATING_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that swap width and height


def _open_errors() -> tuple[type[BaseException], ...]:
    return (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def flatten_to_rgb(image: "PilImage") -> "PilImage":
    """RGB copy; transparent areas (screenshots, exported stamps) become white instead of black."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    if image.mode == "I;16" or image.mode.startswith("I;16"):
        image = image.point(lambda v: v / 256).convert("L")  # 16-bit greyscale scans: keep the high byte
    return image.convert("RGB") if image.mode != "RGB" else image.copy()


def effective_dpi(image: "PilImage") -> float:
    """The image's own dpi when plausible, else DEFAULT_DPI."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if MIN_TRUSTED_DPI <= value <= MAX_TRUSTED_DPI else DEFAULT_DPI


def _gps_degrees(values: object, ref: object) -> str | None:
    try:
        deg, minutes, seconds = (Fraction(str(float(v))) for v in values)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = float(deg + minutes / 60 + seconds / 3600)
    if str(ref).upper() in {"S", "W"}:
        result = -result
    return f"{result:.6f}"


def exif_meta(image: "PilImage") -> tuple[tuple[str, str], ...]:
    """(("exif_datetime", ...), ("gps_lat", ...), ("gps_lon", ...)) as present in the EXIF block."""
    exif = image.getexif()
    meta: list[tuple[str, str]] = []
    taken = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if taken:
        meta.append(("exif_datetime", str(taken).strip("\x00 ")))
    gps = exif.get_ifd(_GPS_IFD)
    if gps and 2 in gps and 4 in gps:
        lat, lon = _gps_degrees(gps[2], gps.get(1, "N")), _gps_degrees(gps[4], gps.get(3, "E"))
        if lat is not None and lon is not None:
            meta += [("gps_lat", lat), ("gps_lon", lon)]
    return tuple(meta)


def check_size(image: "PilImage") -> None:
    """Refuse absurd images before decoding them."""
    width, height = image.size
    if max(width, height) > MAX_SIDE_PX or width * height > MAX_PIXELS:
        raise BadInputError("too_large", f"图片过大（{width}×{height} 像素），超过 {MAX_SIDE_PX} 像素边长或"
                                         f" {MAX_PIXELS // 1_000_000} 百万像素上限")


def image_page_stub(image: "PilImage", page_no: int) -> Page:
    """The page an image (frame) becomes before OCR: upright size in pt at its own resolution."""
    dpi = effective_dpi(image)
    width, height = image.size
    if image.getexif().get(0x0112) in _ROTATING_ORIENTATIONS:
        width, height = height, width
    return Page(page_no=page_no, width=width * 72 / dpi, height=height * 72 / dpi, has_text_layer=False,
                ocr_reason="image")


def render_image(image: "PilImage", page_no: int, dpi: int) -> "PilImage":
    """The image (frame) upright, RGB, resampled so that pixel = point * dpi / 72."""
    own_dpi = effective_dpi(image)
    try:
        rgb = flatten_to_rgb(ImageOps.exif_transpose(image))
    except _open_errors() as exc:
        raise BadInputError("corrupt", f"图片第 {page_no} 页解码失败（{exc}）", page_no) from exc
    if abs(own_dpi - dpi) > 0.5:
        factor = dpi / own_dpi
        size = (max(1, round(rgb.width * factor)), max(1, round(rgb.height * factor)))
        rgb = rgb.resize(size, Image.Resampling.LANCZOS)
    return rgb


class ImageBackend(RenderableBackend):
    format: ClassVar[str] = "image"
    extensions: ClassVar[tuple[str, ...]] = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".gif")

    def __init__(self, path, sha256: str, display_path: str) -> None:  # noqa: ANN001 - Path as in Backend
        super().__init__(path, sha256, display_path)
        self._image: PilImage | None = None

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return head.startswith(_MAGICS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")

    def _open(self) -> "PilImage":
        if self._image is None:
            if self.path.stat().st_size == 0:
                raise BadInputError("empty", "文件为空（0 字节）")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    image = Image.open(self.path)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise BadInputError("too_large", f"图片过大，拒绝读取（{exc}）") from exc
            except _open_errors() as exc:
                raise BadInputError("corrupt", f"图片文件已损坏或无法识别（{type(exc).__name__}）") from exc
            try:
                check_size(image)
            except BadInputError:
                image.close()
                raise
            self._image = image
        return self._image

    def close(self) -> None:
        if self._image is not None:
            self._image.close()
            self._image = None

    def page_count(self) -> int:
        """TIFF frames are pages; other formats' extra frames (GIF animation, MPO depth/preview images of phone
        JPEGs) are not separate pages."""
        image = self._open()
        return int(getattr(image, "n_frames", 1)) if image.format == "TIFF" else 1

    def page_stub(self, page_no: int) -> Page:
        return image_page_stub(self._frame(page_no), page_no)

    def _frame(self, page_no: int) -> "PilImage":
        image = self._open()
        if not 1 <= page_no <= self.page_count():
            raise ValueError(f"page {page_no} out of range 1..{self.page_count()}")
        try:
            image.seek(page_no - 1)
        except EOFError as exc:
            raise BadInputError("corrupt", f"第 {page_no} 帧无法读取", page_no) from exc
        return image

    def read(self) -> Document:
        image = self._open()
        try:
            pages = tuple(self.page_stub(n) for n in range(1, self.page_count() + 1))
            image.seek(0)
            meta = exif_meta(image)
            image.load()  # decode the first frame now so truncated files are reported here, not during OCR
        except _open_errors() as exc:
            raise BadInputError("corrupt", f"图片文件已损坏或不完整（{exc}）") from exc
        return Document(path=self.display_path, sha256=self.sha256, format=self.format, pages=pages,
                        size=self.path.stat().st_size, meta=meta)

    def render(self, page_no: int, dpi: int = 200) -> "PilImage":
        """Frame ``page_no`` upright, RGB, resampled so that pixel = point * dpi / 72."""
        return render_image(self._frame(page_no), page_no, dpi)

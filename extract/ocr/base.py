"""OCR engine interface: options, recognised boxes and the two primitives every engine offers.

An engine exposes ``detect`` (text-line quadrilaterals on a page image) and ``read_lines`` (text + confidence of
crops cut from that image); ``recognize`` composes them. Orientation checks reuse the primitives on a few lines only,
so they stay cheap. Coordinates here are pixels of the image handed in; ``extract.ocr.page`` converts to points.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from extract.errors import EcoauditError

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left (pixels)
PixelBox = tuple[float, float, float, float]  # x0, top, x1, bottom in pixels

ENGINES = ("rapid", "paddle")
MIN_DET_LIMIT_SIDE = 320  # px: below this the detector cannot see body text on any page size
MAX_DET_LIMIT_SIDE = 4096  # px: above this the detector costs seconds per page for no gain
MIN_TEXT_SCORE = 0.5  # recognition confidence (0..1) under which a line is noise (RapidOCR's own default)


@dataclass(frozen=True)
class OcrOptions:
    """How OCR runs. ``threads`` are per engine instance (per worker process)."""

    engine: str = "rapid"
    threads: int = 1
    det_limit_side: int = 960  # px: long side of the detector input (recognition still reads the full page)
    dpi: int = 200  # rendering resolution for scanned pages
    use_cls: bool = False  # per-line 0/180 classifier; off: orientation is decided per page
    rec_batch: int = 1  # recognition batch; > 1 is slower with onnxruntime on CPU
    seal_pass: bool = True  # re-read text under red seals on the red-suppressed image

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise EcoauditError(f"未知的 OCR 引擎 {self.engine!r}，可选：{'、'.join(ENGINES)} / unknown OCR engine")
        if not isinstance(self.threads, int) or self.threads < 1:
            raise EcoauditError(f"OCR 线程数必须为正整数，当前为 {self.threads!r} / threads must be >= 1")
        if not isinstance(self.det_limit_side, int) or not (
            MIN_DET_LIMIT_SIDE <= self.det_limit_side <= MAX_DET_LIMIT_SIDE
        ):
            raise EcoauditError(
                f"检测输入边长须在 {MIN_DET_LIMIT_SIDE}–{MAX_DET_LIMIT_SIDE} 像素之间，当前为 {self.det_limit_side!r}"
                " / det_limit_side out of range"
            )
        if not isinstance(self.dpi, int) or not (72 <= self.dpi <= 600):
            raise EcoauditError(f"OCR 分辨率须在 72–600 dpi 之间，当前为 {self.dpi!r} / dpi out of range")
        if not isinstance(self.rec_batch, int) or self.rec_batch < 1:
            raise EcoauditError(f"识别批大小必须为正整数，当前为 {self.rec_batch!r} / rec_batch must be >= 1")


@dataclass(frozen=True)
class OcrBox:
    """One recognised text line (or line fragment) in pixel coordinates of the image that was read."""

    text: str
    confidence: float
    quad: Quad

    @property
    def bbox(self) -> PixelBox:
        xs = [p[0] for p in self.quad]
        ys = [p[1] for p in self.quad]
        return (min(xs), min(ys), max(xs), max(ys))


def quad_size(quad: Quad) -> tuple[float, float]:
    """(width, height) of a quadrilateral along its own edges (robust to a small tilt)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    width = max(float(np.hypot(x1 - x0, y1 - y0)), float(np.hypot(x2 - x3, y2 - y3)))
    height = max(float(np.hypot(x3 - x0, y3 - y0)), float(np.hypot(x2 - x1, y2 - y1)))
    return width, height


def to_bgr(image: "Image") -> np.ndarray:
    """PIL image → contiguous uint8 BGR array (the channel order both engines' models were trained on)."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])


class OcrEngine(ABC):
    """A loaded OCR model. Not thread-safe; one per process."""

    name: str = ""

    def __init__(self, options: OcrOptions) -> None:
        self.options = options

    @abstractmethod
    def detect(self, bgr: np.ndarray, scale: float) -> list[Quad]:
        """Text-line quadrilaterals in pixels of the BGR page array (scale = pixels per point)."""

    @abstractmethod
    def read_lines(self, bgr: np.ndarray, quads: list[Quad]) -> list[tuple[str, float]]:
        """(text, confidence) for each quad, cut from the full-resolution BGR page array."""

    def recognize(self, image: "Image", scale: float) -> list[OcrBox]:
        """Detect and read every line of a PIL image (pixel coordinates; scale = pixels per point)."""
        return self.recognize_array(to_bgr(image), scale)

    def recognize_array(self, bgr: np.ndarray, scale: float) -> list[OcrBox]:
        """Detect and read every line of a BGR page array."""
        if scale <= 0:
            raise ValueError(f"scale must be positive pixels per point, got {scale}")
        return self.read_boxes(bgr, self.detect(bgr, scale))

    def read_boxes(
        self, bgr: np.ndarray, quads: list[Quad], known: dict[Quad, tuple[str, float]] | None = None
    ) -> list[OcrBox]:
        """Read already detected lines (``known`` readings are reused, e.g. the orientation check's sample);
        lines under ``MIN_TEXT_SCORE`` are dropped (logged at debug level)."""
        if not quads:
            return []
        known = known or {}
        todo = [q for q in quads if q not in known]
        fresh = dict(zip(todo, self.read_lines(bgr, todo), strict=True)) if todo else {}
        results = [known[q] if q in known else fresh[q] for q in quads]
        boxes: list[OcrBox] = []
        for quad, (text, conf) in zip(quads, results, strict=True):
            if conf < MIN_TEXT_SCORE or not text.strip():
                log.debug("dropped OCR line %r (confidence %.2f)", text, conf)
                continue
            boxes.append(OcrBox(text=text, confidence=float(conf), quad=quad))
        return boxes

"""RapidOCR (rapidocr-onnxruntime 1.4.4, PP-OCRv4 mobile ONNX models carried by the wheel) as an ``OcrEngine``.

Measured on this project's pages (../shared/DESIGN.md, "OCR: what was measured"): 1.4.4's ``TextDetector`` ignores
``det_limit_side_len`` when ``det_limit_type="max"`` and resizes the detector input with a fixed 960/1500/2000
ladder, so an A4 page at 200 dpi is detected at ~2000 px (0.8–1.0 s). We replace the detector instance's
``get_preprocess`` hook so the input is capped at ``OcrOptions.det_limit_side`` (0.14 s per page, lower CER), and
we call the detector and recogniser directly so recognition crops come from the full-resolution page (``RapidOCR
.__call__`` would first shrink the page to 2000 px). The override is pinned to 1.4.4: another version is refused.
"""
from __future__ import annotations

import importlib.metadata
import logging

import numpy as np

from extract.errors import EcoauditError
from extract.ocr.base import OcrEngine, OcrOptions, Quad

log = logging.getLogger(__name__)

PINNED_VERSION = "1.4.4"  # the only rapidocr-onnxruntime whose detector hook we know (see module docstring)
A4_LONG_SIDE_PT = 842.0  # pt: long side of A4, the page size det_limit_side is tuned for
MAX_DET_LIMIT_GROWTH = 2.0  # ×: larger sheets (A3, drawings) get a proportionally larger detector input, up to 2×
A4_ASPECT = 842.0 / 595.0  # long / short side of A4 (and of every ISO 216 sheet)
MAX_DET_LONG_SIDE = 4096  # px: cap for elongated images (a 1080×8000 screenshot keeps a ~550 px short side)
# Spaces inside one detected line. The detector merges words across several spaces ("表    号", "13200    13650")
# and the recogniser drops them; its CTC output columns (8 px of a 48 px-high crop each) still show the gap.
# Measured on 12 pt CJK lines: a CJK character advances 4.5–5 columns, a digit ~3; one space adds ~1 column (within
# noise), two or more add ≥ 3. So a gap is written as a space when it exceeds the expected advance by 0.6 em.
DEFAULT_EM_COLUMNS = 4.8  # CTC columns per full-width character when a line has too few CJK pairs to measure it
GAP_EM = 0.6  # em of extra distance between two characters' CTC columns that is written as a space


def check_version() -> None:
    try:
        version = importlib.metadata.version("rapidocr_onnxruntime")
    except importlib.metadata.PackageNotFoundError as exc:
        raise EcoauditError(
            "未安装 rapidocr-onnxruntime，无法进行 OCR；请执行 pip install rapidocr-onnxruntime==1.4.4"
            " / rapidocr-onnxruntime is not installed"
        ) from exc
    if version != PINNED_VERSION:
        raise EcoauditError(
            f"rapidocr-onnxruntime 版本为 {version}，检测尺寸修补只适用于 {PINNED_VERSION}，拒绝运行；"
            f"请安装 rapidocr-onnxruntime=={PINNED_VERSION} / detector override is pinned to {PINNED_VERSION}"
        )


def detector_limit(width: int, height: int, scale: float, det_limit_side: int) -> int:
    """Detector input long side for a page image.

    ``det_limit_side`` is tuned for A4 and smaller sheets. Larger sheets (A3, drawings) grow it with their physical
    size (pixels / scale) up to ``MAX_DET_LIMIT_GROWTH``, so text keeps its size; elongated images (long phone
    screenshots, receipts) grow it so their short side gets what an A4 page's gets, up to ``MAX_DET_LONG_SIDE``.
    """
    long_px, short_px = max(width, height), max(1, min(width, height))
    growth = min(max(long_px / scale / A4_LONG_SIDE_PT, 1.0), MAX_DET_LIMIT_GROWTH)
    by_shape = det_limit_side * (long_px / short_px) / A4_ASPECT
    return int(round(min(max(det_limit_side * growth, by_shape), max(MAX_DET_LONG_SIDE, det_limit_side))))


class RapidEngine(OcrEngine):
    name = "rapid"

    def __init__(self, options: OcrOptions) -> None:
        super().__init__(options)
        check_version()
        from rapidocr_onnxruntime import RapidOCR
        from rapidocr_onnxruntime.ch_ppocr_det.text_detect import TextDetector
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

        if not callable(getattr(TextDetector, "get_preprocess", None)):
            raise EcoauditError(
                "rapidocr-onnxruntime 的检测器缺少 get_preprocess 接口，检测尺寸修补无法生效 / detector hook missing"
            )
        self._rapid = RapidOCR(
            use_cls=options.use_cls,
            intra_op_num_threads=options.threads,
            inter_op_num_threads=options.threads,
            rec_batch_num=options.rec_batch,
            det_limit_type="max",
            det_limit_side_len=options.det_limit_side,
        )
        self._det_pre = DetPreProcess
        self._det_limit = options.det_limit_side
        detector = self._rapid.text_det
        # The explicit override: an instance attribute shadows TextDetector.get_preprocess (1.4.4's fixed ladder).
        detector.get_preprocess = self._capped_preprocess
        self.detector = detector  # exposed so tests can spy on the detector input

    def _capped_preprocess(self, max_wh: int) -> object:
        det = self._rapid.text_det
        return self._det_pre(self._det_limit, "max", det.mean, det.std)

    def detect(self, bgr: np.ndarray, scale: float) -> list[Quad]:
        height, width = bgr.shape[:2]
        self._det_limit = detector_limit(width, height, scale, self.options.det_limit_side)
        boxes, elapsed = self._rapid.text_det(bgr)
        if boxes is None or len(boxes) == 0:
            return []
        log.debug("detected %d lines in %.3f s (input limit %d px)", len(boxes), elapsed, self._det_limit)
        quads: list[Quad] = []
        for box in boxes:
            pts = [(float(x), float(y)) for x, y in box]
            quads.append((pts[0], pts[1], pts[2], pts[3]))
        quads.sort(key=lambda q: (q[0][1], q[0][0]))
        return quads

    def read_lines(self, bgr: np.ndarray, quads: list[Quad]) -> list[tuple[str, float]]:
        if not quads:
            return []
        arrays = [np.array(q, dtype=np.float32) for q in quads]
        crops = self._rapid.get_crop_img_list(bgr, arrays)
        if self.options.use_cls:
            crops, _cls, _elapsed = self._rapid.text_cls(crops)
        results, _elapsed = self._rapid.text_rec(crops, True)
        return [(spaced_text(r[0], r[2][1], r[2][2]), float(r[1])) for r in results]


def _em_width(char: str) -> float:
    """Advance of a character in em: CJK ideographs and full-width forms 1, everything else ½."""
    code = ord(char)
    full = 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF01 <= code <= 0xFF60 or 0x3000 <= code <= 0x303F
    return 1.0 if full else 0.5


def spaced_text(text: str, words: list[list[str]], columns: list[list[int]]) -> str:
    """The recognised text with a space wherever the CTC columns of two neighbouring characters are further apart
    than their advances explain (see ``GAP_EM``); spaces the recogniser emitted itself are kept (collapsed)."""
    chars = [(ch, col) for word, cols in zip(words, columns) for ch, col in zip(word, cols)]
    if len(chars) != len(text) or len(chars) < 2:
        return " ".join(text.split())
    steps = [b[1] - a[1] for a, b in zip(chars, chars[1:]) if _em_width(a[0]) == 1.0 == _em_width(b[0])]
    steps = [s for s in steps if s > 0]
    em = float(np.median(steps)) if len(steps) >= 2 else DEFAULT_EM_COLUMNS
    out = [chars[0][0]]
    for (a, col_a), (b, col_b) in zip(chars, chars[1:]):
        if not a.isspace() and not b.isspace():
            expected = em * (_em_width(a) + _em_width(b)) / 2
            if col_b - col_a - expected >= GAP_EM * em:
                out.append(" ")
        out.append(b)
    return " ".join("".join(out).split())

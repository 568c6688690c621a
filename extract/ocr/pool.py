"""Long-lived OCR worker processes: each loads the engine once and runs ``threads`` inference threads.

Measured (DESIGN.md): 2 processes × 1 thread = 62 pages/min, 1 × 2 = 57.5, 2 × 2 (oversubscribed) = 36.7 on two
cores, so the default is workers × threads = cores. Workers are started with ``spawn`` (no inherited threads or
model state) and get ``OMP_NUM_THREADS`` & co. set before onnxruntime / OpenCV are imported.

    with OcrPool(OcrOptions(), workers=2) as pool:
        futures = [pool.submit(path, display, sha, n, dpi=200) for n in pages]   # Future[Page]
        page = pool.submit_image(image, sha256=sha, page_no=1, scale=200 / 72).result()

``workers == 0`` runs every task in the calling process (tests, debugging) and returns completed futures.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from extract.errors import EcoauditError
from extract.model import Page
from extract.ocr.base import OcrOptions
from extract.workers import WorkerPool

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
PageTask = tuple[str, str, str, int, int]  # (path, display_path, sha256, page_no, dpi)


def cpu_cores() -> int:
    """Cores this process may use (affinity-aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def default_workers(threads: int) -> int:
    """workers × threads = cores (at least one worker)."""
    return max(1, cpu_cores() // max(1, threads))


def _limit_threads(threads: int) -> None:
    for name in THREAD_ENV:
        os.environ[name] = str(threads)
    import cv2

    cv2.setNumThreads(threads)


def _engine(options: OcrOptions) -> Any:
    from extract.ocr import get_engine

    return get_engine(options)


def _init_worker(options: OcrOptions) -> None:
    _limit_threads(options.threads)
    _engine(options)  # load the models once, before the first task


def _run_page(options: OcrOptions, task: PageTask) -> Page:
    from extract.reader import ocr_document_page

    path, display_path, sha256, page_no, dpi = task
    return ocr_document_page(path, display_path, sha256, page_no, _engine(options), dpi=dpi)


def _run_image(options: OcrOptions, image: "Image", sha256: str, page_no: int, scale: float) -> Page:
    from extract.ocr.page import ocr_image_to_page

    return ocr_image_to_page(image, _engine(options), sha256=sha256, page_no=page_no, scale=scale)


def _probe(options: OcrOptions) -> dict[str, Any]:
    """What a worker runs with: its pid, thread environment and the engine's configured threads."""
    import cv2

    engine = _engine(options)
    return {
        "pid": os.getpid(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "cv2_threads": cv2.getNumThreads(),
        "engine": engine.name,
        "engine_threads": engine.options.threads,
    }


class OcrPool(WorkerPool):
    """Context manager over ``workers`` OCR processes (0 = in-process)."""

    closed_message = "OCR 进程池尚未启动或已关闭 / OcrPool used outside its `with` block"

    def __init__(self, options: OcrOptions, workers: int | None = None) -> None:
        if workers is None:
            workers = default_workers(options.threads)
        if workers < 0:
            raise EcoauditError(f"OCR 进程数不能为负数：{workers} / workers must be >= 0")
        if workers * options.threads > cpu_cores():
            log.warning(
                "OCR workers × threads = %d × %d exceeds %d cores: expect slower OCR",
                workers, options.threads, cpu_cores(),
            )
        super().__init__(options, workers)
        self.options = options

    def __enter__(self) -> "OcrPool":
        from extract.ocr import check_engine

        check_engine(self.options)
        self.start("spawn", _init_worker)
        return self

    def submit(self, path: str, display_path: str, sha256: str, page_no: int, dpi: int = 200) -> "Future[Page]":
        """Render and OCR one page of a file (``extract.reader.ocr_document_page``) in a worker."""
        return self._call(_run_page, (str(path), display_path, sha256, page_no, dpi))

    def submit_image(self, image: "Image", *, sha256: str, page_no: int, scale: float) -> "Future[Page]":
        """OCR an already rendered page image (``scale`` = pixels per point) in a worker."""
        return self._call(_run_image, image, sha256, page_no, scale)

    def map(self, tasks: Iterable[PageTask]) -> Iterator[Page]:
        """Pages of ``submit`` tasks, in task order (all submitted first, so every worker stays busy)."""
        futures = [self.submit(*task) for task in tasks]
        for future in futures:
            yield future.result()

    def probe(self) -> list[dict[str, Any]]:
        """One probe per worker slot (tests/diagnostics): pid, OMP_NUM_THREADS, OpenCV and engine threads."""
        futures = [self._call(_probe) for _ in range(max(1, self.workers))]
        return [f.result() for f in futures]

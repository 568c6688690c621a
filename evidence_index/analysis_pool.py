"""Read-and-analyse worker processes: text-layer files are read, their facts extracted and their links found in
parallel, while the parent process stays the only writer of the index.

A file's CPU work (PDF glyphs → lines, numbers and dates, document type, indicator links) is ~7.5 ms per dense
text-layer page on this machine (read 2.2, facts 2.7, links 2.3, rows 0.25; 2026-11-23) and the index write
~0.7 ms, so one process tops out near 120 pages/s; two workers and a writing parent ingest 600 such pages at
160–180 pages/s, the ~0.65 s the pool takes to start included (a page with a ruled table costs ~5 ms more,
``extract.pdf_tables``). Pages that need OCR come back unanalysed (``Analysed.ocr_pages``): the parent sends them to the
``OcrPool`` and the OCRed document back here with ``submit_analyse``.

Workers are forked from a parent that runs no other thread, after it has built the spaCy linker: they start at
once and share its pages (spawned, each would spend ~1 s of CPU importing spaCy and building the linker, a fifth
of a 600-page folder's work). A parent with other threads (an OCR pool's manager, a sampler) could hand a held
lock to a forked child, so then workers are spawned and build the linker in their initializer. ``workers == 0``
runs every task in the calling process and returns completed futures (small folders, tests).

    with AnalysisPool(catalog=None, workers=2) as pool:
        fut = pool.submit_read(path, "dept/file.pdf", sha256, dpi=200)   # Future[Analysed]
        result = fut.result()
        if result.ocr_pages: ...                      # OCR them, then pool.submit_analyse(doc_with_ocr_pages)
"""
from __future__ import annotations

import functools
import gc
import logging
import multiprocessing
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_index.store import DocumentRows, document_rows
from extract.errors import EcoauditError
from extract.workers import WorkerPool
from extract.model import Document

log = logging.getLogger(__name__)

WORKER_GC_THRESHOLD = (20_000, 50, 100)  # gc generation thresholds in a worker (see _init_worker)
POOL_MIN_FILES = 8  # a worker costs ~1.5 s to start (spaCy, catalog): below this many files to read, read here


@dataclass(frozen=True)
class Analysed:
    """One file after reading: its index rows once analysed, or (``ocr_pages`` not empty) the document read so far,
    whose listed pages need OCR before it can be analysed."""

    rows: DocumentRows | None = None
    doc: Document | None = None
    ocr_pages: tuple[int, ...] = ()


@functools.lru_cache(maxsize=2)
def _linker(catalog: str | None) -> Any:
    """The indicator linker of ``catalog`` (None = the bundled pack), built once per process.

    The cyclic collector is paused meanwhile: importing spaCy and building the catalog's matchers allocate
    hundreds of thousands of objects that all live on, and the collections they triggered walked them 300 times
    (0.17 of the ~0.8 s a pool takes to start, measured)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from classifiers.linker import IndicatorLinker
        from rules.catalog import load_catalog

        return IndicatorLinker(load_catalog(Path(catalog) if catalog else None))
    finally:
        if collecting:
            gc.enable()


def analyse_document(doc: Document, catalog: str | None) -> Analysed:
    """The index rows of a fully read document with its facts, class and links (an error document or an archive
    has none)."""
    if doc.status != "ok" or doc.format == "zip":
        return Analysed(document_rows(doc))
    from classifiers import analyse
    from extract.facts import extract_facts

    facts = extract_facts(doc)
    docclass, links = analyse(doc, facts, _linker(catalog))
    return Analysed(document_rows(doc, facts, docclass, links))


def read_and_analyse(catalog: str | None, path: str, display_path: str, sha256: str, dpi: int) -> Analysed:
    """Read a file without OCR; analyse it unless some of its pages need OCR first."""
    from extract.reader import pages_needing_ocr, read_document

    doc = read_document(Path(path), display_path, sha256, None, dpi=dpi)
    todo = pages_needing_ocr(doc) if doc.status == "ok" else []
    if todo:
        return Analysed(doc=doc, ocr_pages=tuple(todo))
    return analyse_document(doc, catalog)


def _analyse_task(catalog: str | None, doc: Document) -> Analysed:
    return analyse_document(doc, catalog)


def _init_worker(catalog: str | None) -> None:
    _linker(catalog)  # load spaCy and the catalog once, before the first task
    # A page allocates tens of thousands of short-lived objects (glyphs, matches, facts), nearly none in cycles:
    # at the default threshold (700) the collector ran every few lines and cost ~8 % of a worker's time (1 of
    # 12 ms per page measured); at this one it costs ~2 %, and a file's garbage is still collected within it.
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def start_method() -> str:
    """"fork" when this process runs no other thread and the platform has it, else "spawn"."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


class AnalysisPool(WorkerPool):
    """Context manager over ``workers`` read-and-analyse processes (0 = in the calling process)."""

    closed_message = "分析进程池尚未启动或已关闭 / AnalysisPool used outside its `with` block"

    def __init__(self, catalog: Path | None, workers: int) -> None:
        if workers < 0:
            raise EcoauditError(f"分析进程数不能为负数：{workers} / analysis workers must be >= 0")
        self.catalog = str(catalog) if catalog else None
        super().__init__(self.catalog, workers)
        self._frozen = False  # gc.freeze() in effect for the forked workers

    def __enter__(self) -> "AnalysisPool":
        if self.workers > 0:
            method = start_method()
            if method == "fork":
                _linker(self.catalog)  # built here once; the forked workers inherit it
                # objects alive now (spaCy, the linker) leave the collector's generations: the workers' collections
                # then neither walk them nor write to their pages (which would copy every inherited page)
                gc.freeze()
                self._frozen = True
            self.start(method, _init_worker)
        return self

    def close(self, abort: bool = False) -> None:
        super().close(abort)
        if self._frozen:
            gc.unfreeze()  # the workers are gone: this process collects its objects as before
            self._frozen = False

    def submit_read(self, path: str, display_path: str, sha256: str, dpi: int) -> "Future[Analysed]":
        """Read ``path`` (no OCR) and analyse it when no page needs OCR."""
        return self._call(read_and_analyse, str(path), display_path, sha256, dpi)

    def submit_analyse(self, doc: Document) -> "Future[Analysed]":
        """Analyse a document whose OCR pages are in."""
        return self._call(_analyse_task, doc)

"""Reading one file into a Document: sniff, read the layer, optionally OCR the pages that need it. Bad input never
raises here: it comes back as ``Document(status="error", problems=...)`` or as page-level problems."""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from extract.base import Backend, RenderableBackend
from extract.errors import BadInputError
from extract.model import Document, Page, Problem
from extract.registry import guess_format, open_backend

if TYPE_CHECKING:
    from extract.ocr import OcrEngine

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72


def _error_document(display_path: str, sha256: str, fmt: str, size: int, exc: BadInputError) -> Document:
    return Document(path=display_path, sha256=sha256, format=fmt, status="error",
                    problems=(Problem(exc.category, exc.message, exc.page_no),), size=size)


def pages_needing_ocr(doc: Document) -> list[int]:
    """1-based numbers of the pages that still need OCR (marked with a reason and not yet OCRed)."""
    return [page.page_no for page in doc.pages if page.ocr_reason is not None and not page.ocr]


def _merge(stub: Page, ocred: Page) -> Page:
    """The OCRed page under the original page's number, size and layer flags."""
    return dataclasses.replace(ocred, page_no=stub.page_no, width=stub.width or ocred.width,
                               height=stub.height or ocred.height, has_text_layer=stub.has_text_layer,
                               ocr_reason=stub.ocr_reason)


def _ocr_page(backend: RenderableBackend, stub: Page, engine: "OcrEngine", dpi: int) -> Page:
    from extract.ocr import ocr_image_to_page

    image = backend.render(stub.page_no, dpi)
    ocred = ocr_image_to_page(image, engine, sha256=backend.sha256, page_no=stub.page_no,
                              scale=dpi / POINTS_PER_INCH)
    return _merge(stub, ocred)


def _ocr_pages(backend: Backend, doc: Document, engine: "OcrEngine", dpi: int) -> Document:
    if not isinstance(backend, RenderableBackend):
        return doc
    pages = list(doc.pages)
    problems = list(doc.problems)
    for index, page in enumerate(pages):
        if page.ocr_reason is None or page.ocr or any(p.page_no == page.page_no for p in problems):
            continue
        try:
            pages[index] = _ocr_page(backend, page, engine, dpi)
        except BadInputError as exc:
            log.warning("%s page %d: %s", doc.path, page.page_no, exc.message)
            problems.append(Problem(exc.category, exc.message, page.page_no))
    return dataclasses.replace(doc, pages=tuple(pages), problems=tuple(problems))


def read_document(path: Path, display_path: str, sha256: str, ocr: "OcrEngine | None", dpi: int = 200) -> Document:
    """The whole file as a Document. With ``ocr`` None, scanned pages keep ``ocr_reason`` and no blocks."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        return _error_document(display_path, sha256, guess_format(display_path), 0,
                               BadInputError("empty", "文件为空（0 字节）"))
    try:
        backend = open_backend(path, sha256, display_path)
    except BadInputError as exc:
        fmt = "unknown" if exc.category == "unsupported" else guess_format(display_path)
        return _error_document(display_path, sha256, fmt, size, exc)
    with backend:
        try:
            doc = backend.read()
        except BadInputError as exc:
            log.info("%s: %s (%s)", display_path, exc.message, exc.category)
            return _error_document(display_path, sha256, backend.format, size, exc)
        if ocr is not None and pages_needing_ocr(doc):
            doc = _ocr_pages(backend, doc, ocr, dpi)
    return doc


def ocr_document_page(path: Path, display_path: str, sha256: str, page_no: int, engine: "OcrEngine",
                      dpi: int = 200) -> Page:
    """Render and OCR one page of the file (worker entry point; opens and closes the file each call).

    Raises ``BadInputError`` when the page cannot be rendered, ``ValueError`` when the format has no pages to
    render (DOCX, XLSX, text) or ``page_no`` is out of range."""
    with open_backend(Path(path), sha256, display_path) as backend:
        if not isinstance(backend, RenderableBackend) or not hasattr(backend, "page_stub"):
            raise ValueError(f"{display_path}: format {backend.format} has no renderable pages")
        stub = backend.page_stub(page_no)
        return _ocr_page(backend, stub, engine, dpi)

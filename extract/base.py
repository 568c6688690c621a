"""Backend interface: one module per format (docling's shape, kept small).

A backend reads one file. ``read()`` returns a Document whose text-layer pages are complete; a page that needs
OCR is returned with ``ocr_reason`` set and no blocks, and a ``RenderableBackend`` can render it so the OCR stage
(possibly in another process) fills it in. Bad bytes raise ``BadInputError``; anything else is a bug and propagates.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from extract.model import Document

if TYPE_CHECKING:
    from PIL.Image import Image


class Backend(ABC):
    format: ClassVar[str]  # "pdf", "docx", ...
    extensions: ClassVar[tuple[str, ...]] = ()  # lower-case, with dot; only breaks ties in sniffing

    def __init__(self, path: Path, sha256: str, display_path: str) -> None:
        self.path = path
        self.sha256 = sha256
        self.display_path = display_path

    @classmethod
    @abstractmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        """True if the first 8 KiB ``head`` (and, only to break ties, the file name) look like this format."""

    @abstractmethod
    def read(self) -> Document:
        """Read the whole file. Raises BadInputError for unreadable input."""

    def page_count(self) -> int:
        return len(self.read().pages)

    def close(self) -> None:
        """Release file handles (default: nothing held)."""

    def __enter__(self) -> "Backend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RenderableBackend(Backend):
    """A backend whose pages can be rendered to an RGB image (for OCR, seal detection and evidence crops)."""

    @abstractmethod
    def render(self, page_no: int, dpi: int = 200) -> "Image":
        """Render 1-based ``page_no`` at ``dpi``; pixel = point * dpi / 72. EXIF orientation already applied."""

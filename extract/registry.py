"""Format sniffing from bytes (the extension only breaks ties) and backend construction."""
from __future__ import annotations

import logging
import zipfile
from pathlib import Path, PurePosixPath

from extract.base import Backend
from extract.docx_backend import DocxBackend
from extract.errors import BadInputError
from extract.image_backend import ImageBackend
from extract.legacy_office import EXTENSION_KINDS, LegacyOfficeBackend
from extract.pdf_backend import PdfBackend
from extract.text_backend import TextBackend
from extract.xlsx_backend import XlsxBackend
from extract.zip_backend import ZipBackend

log = logging.getLogger(__name__)

HEAD_BYTES = 8192  # bytes read for sniffing
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# most specific first; TextBackend accepts anything decodable, so it comes last
BACKENDS: tuple[type[Backend], ...] = (PdfBackend, ImageBackend, LegacyOfficeBackend, DocxBackend, XlsxBackend,
                                       ZipBackend, TextBackend)
_ZIP_FAMILY: tuple[type[Backend], ...] = (DocxBackend, XlsxBackend, ZipBackend)

# recognisable formats we do not read, for a useful message: (magic prefix, offset, description)
_KNOWN_UNSUPPORTED: tuple[tuple[bytes, int, str], ...] = (
    (b"Rar!\x1a\x07", 0, "RAR 压缩包（请解压或转存为 ZIP 后提交）"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z 压缩包（请解压或转存为 ZIP 后提交）"),
    (b"\x1f\x8b", 0, "gzip 压缩文件"),
    (b"ftypheic", 4, "HEIC 照片（请导出为 JPG 后提交）"),
    (b"ftypheix", 4, "HEIC 照片（请导出为 JPG 后提交）"),
    (b"ftypmif1", 4, "HEIF 照片（请导出为 JPG 后提交）"),
    (b"ftyp", 4, "视频/音频文件"),
    (b"%!PS", 0, "PostScript 文件"),
    (b"\x00\x00\x01\x00", 0, "图标文件"),
)
_ZIP_UNSUPPORTED: tuple[tuple[str, str], ...] = (
    ("OFD.xml", "OFD 版式文件（请另存为 PDF 后提交）"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx，请另存为 PDF 后提交）"),
    ("mimetype", "ODF/EPUB 文档（请另存为 DOCX 或 PDF 后提交）"),
)


def guess_format(name: str) -> str:
    """The format a file name claims (for files whose bytes cannot tell: empty, damaged); "unknown" if none."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in EXTENSION_KINDS:
        return EXTENSION_KINDS[suffix]
    return next((cls.format for cls in BACKENDS if suffix in cls.extensions), "unknown")


def _zip_names(path: Path) -> set[str] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _by_extension(candidates: list[type[Backend]], name: str) -> type[Backend]:
    suffix = PurePosixPath(name).suffix.lower()
    return next((cls for cls in candidates if suffix in cls.extensions), candidates[0])


def _zip_kind(path: Path, name: str) -> type[Backend] | str:
    """Backend of a ZIP-based file from its central directory, or the description of an unsupported one."""
    names = _zip_names(path)
    if names is None:  # damaged central directory: the extension decides, the backend reports the damage
        return _by_extension(list(_ZIP_FAMILY), name)
    for cls in (DocxBackend, XlsxBackend):
        if any(member in names for member in cls.members):  # type: ignore[attr-defined]
            return cls
    for member, description in _ZIP_UNSUPPORTED:
        if member in names:
            return description
    return ZipBackend


def _sniff(path: Path, name: str) -> type[Backend] | str | None:
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        return None
    if head.startswith(ZIP_MAGICS) and b"%PDF" not in head[:1024]:
        return _zip_kind(path, name)
    candidates = [cls for cls in BACKENDS if cls not in _ZIP_FAMILY and cls.accepts(head, name)]
    binary = [cls for cls in candidates if cls is not TextBackend]
    if binary:
        return _by_extension(binary, name)
    for magic, offset, description in _KNOWN_UNSUPPORTED:
        if head[offset:offset + len(magic)] == magic:
            return description
    return TextBackend if candidates else None


def sniff(path: Path) -> type[Backend] | None:
    """The backend class for the file at ``path``, judged on its first 8 KiB (and a ZIP's central directory)."""
    found = _sniff(path, path.name)
    return found if isinstance(found, type) else None


def open_backend(path: Path, sha256: str, display_path: str) -> Backend:
    """A backend instance for the file; ``BadInputError("unsupported", …)`` when no backend reads it."""
    found = _sniff(path, display_path or path.name)
    if isinstance(found, type):
        log.debug("%s sniffed as %s", display_path, found.format)
        return found(path, sha256, display_path)
    name = display_path or path.name
    suffix = PurePosixPath(name).suffix or "无扩展名"
    claimed = guess_format(name)
    if found is None and claimed == "text":
        raise BadInputError("unreadable", f"无法识别文本编码（扩展名 {suffix}，内容不是 UTF-8/GBK/GB18030 文本）")
    if found is None and claimed != "unknown" and path.stat().st_size > 0:
        raise BadInputError("corrupt", f"文件已损坏：内容不是有效的 {suffix} 文件，无法识别")
    description = found or f"无法识别的内容（扩展名 {suffix}）"
    raise BadInputError("unsupported", f"不支持的文件类型：{description}")

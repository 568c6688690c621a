"""Legacy binary Office files (.doc/.wps/.xls/.et, OLE compound files, and RTF saved as .doc): converted to
DOCX/XLSX with LibreOffice when it is installed, then read by the DOCX/XLSX backends. Encrypted OOXML packages
(also OLE files) are recognised and reported."""
from __future__ import annotations

import dataclasses
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import ClassVar

from extract.base import Backend
from extract.docx_backend import DocxBackend
from extract.errors import BadInputError
from extract.model import Document
from extract.xlsx_backend import XlsxBackend

log = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
CONVERT_TIMEOUT_S = 180  # seconds per LibreOffice conversion: large .xls ledgers take ~30 s on a slow core
SCAN_BYTES = 64 * 1024**2  # the OLE directory is searched for stream names within this many bytes
NEEDS_LIBREOFFICE = "旧版 Office 格式（.doc/.wps/.xls），需要安装 LibreOffice 才能读取"

# OLE stream names (UTF-16LE in the directory) → format
_STREAMS: tuple[tuple[bytes, str], ...] = (
    ("EncryptedPackage".encode("utf-16-le"), "encrypted"),
    ("WordDocument".encode("utf-16-le"), "doc"),
    ("Workbook".encode("utf-16-le"), "xls"),
    ("Book".encode("utf-16-le") + b"\x00\x00", "xls"),
    ("PowerPoint Document".encode("utf-16-le"), "ppt"),
)
EXTENSION_KINDS = {".doc": "doc", ".dot": "doc", ".wps": "wps", ".xls": "xls", ".xlt": "xls", ".et": "xls",
                 ".ett": "xls", ".rtf": "doc", ".docx": "docx", ".xlsx": "xlsx", ".ppt": "unknown", ".dps": "unknown"}
_TARGET = {"doc": ("docx", DocxBackend), "wps": ("docx", DocxBackend), "xls": ("xlsx", XlsxBackend)}


def find_soffice() -> str | None:
    """Path of the LibreOffice binary on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def legacy_kind(path: Path) -> str:
    """doc | wps | xls | ppt | encrypted, from the stream names, the extension breaking ties."""
    by_ext = EXTENSION_KINDS.get(path.suffix.lower())
    with open(path, "rb") as handle:
        data = handle.read(SCAN_BYTES)
    if data.startswith(RTF_MAGIC):
        return "wps" if by_ext == "wps" else "doc"
    found = [kind for needle, kind in _STREAMS if needle in data]
    if "encrypted" in found:
        return "encrypted"
    if by_ext in found or (by_ext == "wps" and "doc" in found):
        return by_ext  # type: ignore[return-value]
    if found:
        return found[0]
    return by_ext if by_ext in {"doc", "wps", "xls"} else "doc"


class LegacyOfficeBackend(Backend):
    format: ClassVar[str] = "doc"
    extensions: ClassVar[tuple[str, ...]] = (".doc", ".wps", ".xls", ".et", ".rtf", ".dot", ".xlt")

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return head.startswith((OLE_MAGIC, RTF_MAGIC))

    def read(self) -> Document:
        size = self.path.stat().st_size
        if size == 0:
            raise BadInputError("empty", "文件为空（0 字节）")
        kind = legacy_kind(self.path)
        self.format = kind if kind in _TARGET else self.format  # type: ignore[misc]
        if kind == "encrypted":
            self.format = {".docx": "docx", ".xlsx": "xlsx"}.get(self.path.suffix.lower(), "unknown")  # type: ignore[misc]
            raise BadInputError("encrypted", "文件已加密，无法读取（需要密码）")
        if kind == "ppt":
            self.format = "unknown"  # type: ignore[misc]
            raise BadInputError("unsupported", "不支持的文件类型：PowerPoint 演示文稿（.ppt），请另存为 PDF 后提交")
        soffice = find_soffice()
        if soffice is None:
            raise BadInputError("needs_libreoffice", NEEDS_LIBREOFFICE)
        target, backend_cls = _TARGET[kind]
        with tempfile.TemporaryDirectory(prefix="ecoaudit-lo-") as tmp:
            converted = self._convert(soffice, target, Path(tmp))
            with backend_cls(converted, self.sha256, self.display_path) as backend:
                document = backend.read()
        return dataclasses.replace(document, format=kind, size=size)

    def _convert(self, soffice: str, target: str, tmp: Path) -> Path:
        source = tmp / f"input{self.path.suffix.lower() or '.bin'}"
        shutil.copyfile(self.path, source)  # an ASCII name: LibreOffice mangles some non-ASCII paths
        command = [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(tmp / "out"), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BadInputError("corrupt", f"LibreOffice 转换超时（{CONVERT_TIMEOUT_S} 秒），文件可能已损坏") from exc
        outputs = list((tmp / "out").glob(f"*.{target}"))
        if result.returncode != 0 or not outputs:
            log.warning("soffice failed on %s: %s", self.display_path, result.stderr.decode(errors="replace")[-500:])
            raise BadInputError("corrupt", "LibreOffice 无法转换该文件，文件可能已损坏")
        return outputs[0]

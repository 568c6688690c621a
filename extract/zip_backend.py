"""ZIP archives: safe member iteration (GBK names decoded, traversal and bombs refused, encrypted members reported).
The ingest recurses into members, nested archives included; the archive itself becomes a Document without pages."""
from __future__ import annotations

import logging
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import ClassVar, Iterator

from extract.base import Backend
from extract.errors import BadInputError
from extract.model import Document, Problem

log = logging.getLogger(__name__)

MAX_TOTAL_BYTES = 2 * 1024**3  # 2 GiB uncompressed per archive: far above any county evidence package
MAX_RATIO = 200  # uncompressed/compressed: real documents compress < 20:1; bombs reach 1000:1
RATIO_MIN_BYTES = 50 * 1024**2  # 50 MiB: the ratio rule applies only to members at least this large
MAX_MEMBERS = 5000  # members per archive: a county folder holds hundreds of files, not tens of thousands
UTF8_FLAG = 0x800  # general-purpose bit 11: the name is UTF-8
ENCRYPTED_FLAG = 0x1  # general-purpose bit 0: the member is encrypted
UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path extra field (7-Zip/WinRAR write the UTF-8 name there)
READ_CHUNK = 1 << 20  # bytes per read while checking the real decompressed size
_JUNK_PREFIXES = ("__MACOSX/",)  # macOS resource-fork shadows, not documents
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class ZipMember:
    """One file of an archive: its decoded name (forward slashes) and bytes; ``problem`` set (and ``data``
    empty) when the member cannot be extracted, e.g. encrypted."""

    name: str
    data: bytes
    problem: Problem | None = None


def _unicode_extra(extra: bytes) -> str | None:
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4:pos + 4 + size]
        if tag == UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        pos += 4 + size
    return None


def _decode_raw_name(raw: bytes) -> str:
    """GBK (Windows zip tools in China), but UTF-8 when the bytes are valid UTF-8 with multi-byte characters
    (macOS/Linux tools that omit the flag): GBK text is almost never valid UTF-8, the reverse happens."""
    try:
        utf8 = raw.decode("utf-8")
        if any(ord(ch) > 0x7F for ch in utf8):
            return utf8
    except UnicodeDecodeError:
        pass
    for encoding in ("gbk", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp437")


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """The member name as its author wrote it: UTF-8 when flagged, else the Unicode Path extra field, else the
    raw bytes (zipfile decoded them as CP437) read as GBK, then UTF-8, else left as CP437."""
    name = info.filename
    if not info.flag_bits & UTF8_FLAG:
        unicode_name = _unicode_extra(info.extra)
        if unicode_name:
            name = unicode_name
        else:
            try:
                raw = name.encode("cp437")
            except UnicodeEncodeError:
                raw = b""
            name = _decode_raw_name(raw) if raw else name
    return name.replace("\\", "/")


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise BadInputError("unsafe_archive", f"压缩包含有越界路径：{name}")


def _open(path: Path) -> zipfile.ZipFile:
    if path.stat().st_size == 0:
        raise BadInputError("empty", "文件为空（0 字节）")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BadInputError("corrupt", f"压缩包已损坏或不完整，无法打开（{exc}）") from exc


def checked_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, str]]:
    """(info, decoded name) of the file members after the safety checks on the declared sizes."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BadInputError("unsafe_archive", f"压缩包成员过多（{len(infos)} 个，上限 {MAX_MEMBERS}），疑似压缩炸弹")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise BadInputError("unsafe_archive", f"压缩包解压后总大小 {total // 1024**2} MiB 超过上限 2 GiB，疑似压缩炸弹")
    members: list[tuple[zipfile.ZipInfo, str]] = []
    for info in infos:
        name = decode_member_name(info)
        _check_name(name)
        if info.is_dir() or name.endswith("/"):
            continue
        if name.startswith(_JUNK_PREFIXES) or PurePosixPath(name).name in _JUNK_NAMES:
            log.info("skipping system file %s", name)
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise BadInputError("unsafe_archive", f"压缩包成员 {name} 压缩比 {ratio:.0f}:1 异常，疑似压缩炸弹")
        members.append((info, name))
    return members


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Member bytes, refusing a member that inflates beyond its declared size (lying headers)."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(READ_CHUNK):
            size += len(chunk)
            if size > info.file_size or size > MAX_TOTAL_BYTES:
                raise BadInputError("unsafe_archive", f"压缩包成员 {name} 实际解压大小超过声明大小，疑似压缩炸弹")
            chunks.append(chunk)
    return b"".join(chunks)


def iter_zip_members(path: Path) -> Iterator[ZipMember]:
    """Members of the archive at ``path`` in archive order; nested archives are yielded as members.

    Raises ``BadInputError`` ("empty", "corrupt", "unsafe_archive") before yielding anything when the archive as a
    whole is unreadable or unsafe; a damaged or encrypted member is yielded with ``problem`` set."""
    with _open(path) as archive:
        members = checked_members(archive)
        for info, name in members:
            if info.flag_bits & ENCRYPTED_FLAG:
                yield ZipMember(name, b"", Problem("encrypted", f"压缩包成员已加密，无法读取（需要密码）：{name}"))
                continue
            try:
                data = _read_capped(archive, info, name)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
                log.warning("%s: member %s unreadable: %r", path, name, exc)
                category = "unsupported" if isinstance(exc, NotImplementedError) else "corrupt"
                yield ZipMember(name, b"", Problem(category, f"压缩包成员无法解压（{exc}）：{name}"))
                continue
            yield ZipMember(name, data)


class ZipBackend(Backend):
    format: ClassVar[str] = "zip"
    extensions: ClassVar[tuple[str, ...]] = (".zip",)

    @classmethod
    def accepts(cls, head: bytes, name: str) -> bool:
        return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))

    def read(self) -> Document:
        """Check the archive (names, sizes); members are read by the ingest through ``iter_zip_members``."""
        with _open(self.path) as archive:
            members = checked_members(archive)
            encrypted = [name for info, name in members if info.flag_bits & ENCRYPTED_FLAG]
        problems = tuple(Problem("encrypted", f"压缩包成员已加密，无法读取（需要密码）：{name}") for name in encrypted)
        return Document(path=self.display_path, sha256=self.sha256, format=self.format, problems=problems,
                        size=self.path.stat().st_size,
                        meta=(("members", str(len(members))),) + tuple(("member", n) for _, n in members))

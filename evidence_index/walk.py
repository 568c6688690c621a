"""Walk an evidence folder in sorted order, and expand ZIP archives into member entries (in a temp dir).

Nothing is skipped silently: hidden and system files (Thumbs.db, .DS_Store, desktop.ini, Office lock files,
__MACOSX …) come back as entries with a ``skip`` reason so the summary lists them. Nothing is ever written inside
the evidence folder: archive members are written to a caller-owned temporary directory.
"""
from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from extract.errors import BadInputError
from extract.model import Problem

log = logging.getLogger(__name__)

MAX_ZIP_DEPTH = 4  # levels of archives inside archives; deeper nesting is treated as an unsafe archive

# lower-case file names of operating-system droppings, with the Chinese reason shown in the summary
SYSTEM_FILES: dict[str, str] = {
    "thumbs.db": "Windows 缩略图缓存文件",
    "ehthumbs.db": "Windows 缩略图缓存文件",
    "desktop.ini": "Windows 文件夹设置文件",
    ".ds_store": "macOS 文件夹元数据",
    "icon\r": "macOS 文件夹图标文件",
}
SYSTEM_DIRS: dict[str, str] = {
    "__macosx": "macOS 压缩包附带的资源目录",
    "$recycle.bin": "Windows 回收站",
    "system volume information": "Windows 系统目录",
    ".trashes": "macOS 回收站",
}


@dataclass(frozen=True)
class WalkEntry:
    """One file found: display path (relative, forward slashes), where its bytes are, size, mtime (ns).

    ``skip`` is a Chinese reason when the entry is not evidence (hidden/system file); ``archive`` is the
    outermost archive's path for a zip member (its bytes live in a temp dir), else None.
    """

    path: str
    fs_path: Path
    size: int
    mtime: int
    skip: str | None = None
    archive: str | None = None
    depth: int = 0  # archive nesting level: 0 for files on disk, 1 for members of a zip on disk, …
    problem: Problem | None = None  # a zip member that could not be extracted (encrypted, damaged)


def skip_reason(name: str, is_dir: bool) -> str | None:
    """Why a file or directory name is not evidence, or None."""
    low = name.lower()
    if is_dir:
        if low in SYSTEM_DIRS:
            return SYSTEM_DIRS[low]
        return "隐藏目录" if name.startswith(".") else None
    if low in SYSTEM_FILES:
        return SYSTEM_FILES[low]
    if name.startswith("._"):
        return "macOS 资源分叉文件（._ 开头）"
    if name.startswith("~$"):
        return "Office 临时锁定文件（~$ 开头）"
    if name.startswith("."):
        return "隐藏文件"
    return None


def walk_folder(root: Path) -> Iterator[WalkEntry]:
    """Every file under ``root`` in sorted path order (directories depth-first, names sorted by code point)."""
    yield from _walk_dir(root, root)


def display_name(name: str) -> str:
    """A readable path for a name the file system gave back undecodable (surrogate escapes): names copied from
    Windows or unpacked by old tools are often GBK bytes on a UTF-8 system. SQLite cannot store surrogates."""
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    raw = os.fsencode(name)
    for encoding in ("gb18030", "big5"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _rel(root: Path, path: Path) -> str:
    return display_name(path.relative_to(root).as_posix())


def _walk_dir(root: Path, directory: Path) -> Iterator[WalkEntry]:
    try:
        children = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield WalkEntry(_rel(root, directory) + "/", directory, 0, 0, skip=f"目录无法读取：{exc.strerror or exc}")
        return
    for child in children:
        path = Path(child.path)
        rel = _rel(root, path)
        try:
            if child.is_symlink() and child.is_dir():
                yield WalkEntry(rel + "/", path, 0, 0, skip="指向目录的符号链接，未跟随（避免重复或循环）")
                continue
            if child.is_dir():
                reason = skip_reason(child.name, is_dir=True)
                if reason:
                    yield WalkEntry(rel + "/", path, 0, 0, skip=reason)
                else:
                    yield from _walk_dir(root, path)
                continue
            st = path.stat()
        except FileNotFoundError:
            yield WalkEntry(rel, path, 0, 0, skip="链接目标不存在或文件在扫描时被删除")
            continue
        except OSError as exc:
            yield WalkEntry(rel, path, 0, 0, skip=f"无法访问：{exc.strerror or exc}")
            continue
        if not stat.S_ISREG(st.st_mode):
            yield WalkEntry(rel, path, 0, 0, skip="不是普通文件（设备、管道或套接字）")
            continue
        yield WalkEntry(rel, path, st.st_size, st.st_mtime_ns, skip=skip_reason(child.name, is_dir=False))


def expand_zip(archive: Path, display: str, workdir: Path, mtime: int, *, outer: str | None = None,
               depth: int = 0) -> list[WalkEntry]:
    """Write the members of ``archive`` into ``workdir`` (one fresh directory per archive) and return them as
    entries ``display/member``.

    Members carry the archive's mtime; hidden/system members come back with a skip reason; directories are
    not entries. Raises ``BadInputError("unsafe_archive", …)`` (from the zip backend, or for too deep nesting).
    """
    from extract.zip_backend import iter_zip_members

    if depth >= MAX_ZIP_DEPTH:
        raise BadInputError("unsafe_archive", f"压缩包嵌套超过 {MAX_ZIP_DEPTH} 层，疑似压缩炸弹，未展开")
    outer = outer or display
    workdir.mkdir(parents=True, exist_ok=True)
    entries: list[WalkEntry] = []
    for n, member in enumerate(iter_zip_members(archive)):
        name = member.name.replace("\\", "/").strip("/")
        if not name or member.name.endswith("/"):
            continue
        parts = PurePosixPath(name).parts
        reason = next((r for i, p in enumerate(parts) if (r := skip_reason(p, is_dir=i < len(parts) - 1))), None)
        target = workdir / f"{n:05d}{PurePosixPath(name).suffix[:16]}"
        problem = getattr(member, "problem", None)
        if reason is None and problem is None:
            target.write_bytes(member.data)
        entries.append(WalkEntry(f"{display}/{name}", target, len(member.data), mtime, skip=reason, archive=outer,
                                 depth=depth + 1, problem=problem))
    entries.sort(key=lambda e: e.path)
    return entries

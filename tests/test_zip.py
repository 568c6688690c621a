"""ZIP member iteration: name decoding, traversal and bomb refusal, encrypted members, nested archives."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

import extract.zip_backend as zb
from extract.errors import BadInputError
from extract.hashing import sha256_file
from extract.reader import read_document
from extract.registry import sniff
from extract.zip_backend import ZipBackend, iter_zip_members


def _zip_with_raw_names(path: Path, members: dict[bytes, bytes]) -> None:
    """A zip whose names are raw bytes without the UTF-8 flag (as Windows tools in China write GBK names)."""
    placeholders = {chr(ord("A") + i) * len(raw): raw for i, raw in enumerate(members)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for placeholder, raw in placeholders.items():
            archive.writestr(placeholder, members[raw])
    data = buffer.getvalue()
    for placeholder, raw in placeholders.items():
        assert data.count(placeholder.encode()) == 2
        data = data.replace(placeholder.encode(), raw)
    path.write_bytes(data)


def test_gbk_and_utf8_names(tmp_path: Path) -> None:
    path = tmp_path / "材料.zip"
    gbk_name = "财政局/2024年预算报告.txt".encode("gbk")
    utf8_unflagged = "林业局/森林覆盖率.txt".encode("utf-8")
    _zip_with_raw_names(path, {gbk_name: "预算".encode("gbk"), utf8_unflagged: b"61.2%", b"plain.txt": b"abc"})
    members = list(iter_zip_members(path))
    assert [m.name for m in members] == ["财政局/2024年预算报告.txt", "林业局/森林覆盖率.txt", "plain.txt"]
    assert members[0].data.decode("gbk") == "预算" and members[0].problem is None
    flagged = tmp_path / "utf8.zip"
    with zipfile.ZipFile(flagged, "w") as archive:
        archive.writestr("生态环境局/监测报告.txt", "监测")
        archive.writestr("生态环境局/", "")  # a directory entry is skipped
        archive.writestr("__MACOSX/._监测报告.txt", "junk")
    assert [m.name for m in iter_zip_members(flagged)] == ["生态环境局/监测报告.txt"]


def test_traversal_refused(tmp_path: Path) -> None:
    for bad in ("../../etc/evil.txt", "/abs/evil.txt", "a/../../evil.txt", "C:/Windows/evil.txt"):
        path = tmp_path / "evil.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("ok.txt", "fine")
            archive.writestr(bad, "bad")
        with pytest.raises(BadInputError) as caught:
            list(iter_zip_members(path))
        assert caught.value.category == "unsafe_archive" and "越界路径" in caught.value.message
    doc = read_document(path, "evil.zip", sha256_file(path), None)
    assert doc.status == "error" and doc.problems[0].category == "unsafe_archive" and doc.format == "zip"


def test_bombs_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("zeros.bin", bytes(60 * 1024**2))
    with pytest.raises(BadInputError) as caught:
        next(iter_zip_members(path))
    assert caught.value.category == "unsafe_archive" and "压缩比" in caught.value.message
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(12):
            archive.writestr(f"f{i}.txt", "x")
    monkeypatch.setattr(zb, "MAX_MEMBERS", 10)
    with pytest.raises(BadInputError, match="成员过多"):
        list(iter_zip_members(many))
    monkeypatch.setattr(zb, "MAX_MEMBERS", 5000)
    monkeypatch.setattr(zb, "MAX_TOTAL_BYTES", 10)
    with pytest.raises(BadInputError, match="总大小"):
        list(iter_zip_members(many))


def _set_encrypted_flag(data: bytes, name: bytes) -> bytes:
    out = bytearray(data)
    for signature, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        pos = out.find(signature)
        while pos != -1:
            if out[pos + name_offset:pos + name_offset + len(name)] == name:
                flags = struct.unpack_from("<H", out, pos + flag_offset)[0]
                struct.pack_into("<H", out, pos + flag_offset, flags | 0x1)
            pos = out.find(signature, pos + 4)
    return bytes(out)


def test_encrypted_member_reported_and_nested_zip_yielded(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("内层.txt", "内容")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("secret.txt", "hidden")
        archive.writestr("包/inner.zip", inner.getvalue())
    path = tmp_path / "outer.zip"
    path.write_bytes(_set_encrypted_flag(buffer.getvalue(), b"secret.txt"))
    secret, nested = list(iter_zip_members(path))
    assert secret.name == "secret.txt" and secret.data == b"" and secret.problem.category == "encrypted"
    assert nested.problem is None and nested.data == inner.getvalue()
    nested_path = tmp_path / "inner.zip"
    nested_path.write_bytes(nested.data)
    assert [m.name for m in iter_zip_members(nested_path)] == ["内层.txt"]
    assert sniff(path) is ZipBackend
    doc = read_document(path, "outer.zip", sha256_file(path), None)
    assert doc.format == "zip" and doc.status == "ok" and dict(doc.meta)["members"] == "2"
    assert [p.category for p in doc.problems] == ["encrypted"]


def test_corrupt_and_empty_archives(tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x" * 1000)
    path.write_bytes(buffer.getvalue()[:60])
    with pytest.raises(BadInputError) as caught:
        list(iter_zip_members(path))
    assert caught.value.category == "corrupt"
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    with pytest.raises(BadInputError) as caught:
        list(iter_zip_members(empty))
    assert caught.value.category == "empty"

"""Content hashing (streaming sha256) and the block-id scheme derived from it."""
from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK_BYTES = 1 << 20  # 1 MiB read size: bounded memory for multi-GB scans
SHA_PREFIX = 12  # hex digits of the sha256 kept in block ids (48 bits: collision-free at folder scale)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def block_id(sha256: str, page_no: int, n: int) -> str:
    """``"<sha12>/p<page>/b<n>"`` — the id of the n-th block on a page."""
    return f"{sha256[:SHA_PREFIX]}/p{page_no}/b{n}"

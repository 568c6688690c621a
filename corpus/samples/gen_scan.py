"""Scanned pages: render text (and an optional table) on an A4 page at 200 dpi, stamp a seal over the
signature/date block, degrade, optionally turn the page, and keep the exact drawn text for labels.json."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from PIL import Image

from gen_render import (A4_PX, SCAN_MARGIN_PX, SCAN_TITLE_PX, Seal, ScanLine, degrade, render_page, stamp_seal,
                        wrap_lines)

BODY_WIDTH_PX = A4_PX[0] - 2 * SCAN_MARGIN_PX


@dataclass(frozen=True)
class ScanPage:
    """Content of one scanned page.

    lines: rendered text lines; table: (insert before line index, rows, column widths px);
    seal: stamped centred on the line whose text equals seal_on (the date line, usually);
    turn: clockwise degrees the finished page image is turned (0, 90, 180) to simulate a misfed sheet.
    """

    lines: tuple[ScanLine, ...]
    table: tuple[int, tuple[tuple[str, ...], ...], tuple[int, ...]] | None = None
    seal: Seal | None = None
    seal_on: str | None = None
    turn: int = 0
    size: tuple[int, int] = A4_PX


def title(text: str) -> ScanLine:
    return ScanLine(text, "center", SCAN_TITLE_PX)


def center(text: str) -> ScanLine:
    return ScanLine(text, "center")


def right(text: str) -> ScanLine:
    return ScanLine(text, "right")


def left(text: str) -> ScanLine:
    return ScanLine(text, "left")


def para(text: str, width: int = BODY_WIDTH_PX) -> list[ScanLine]:
    return wrap_lines(text, width)


def page_text(page: ScanPage) -> str:
    """The exact text drawn on the page, line by line; table rows as cells joined by one space."""
    out: list[str] = []
    for i, ln in enumerate(page.lines):
        if page.table is not None and i == page.table[0]:
            out.extend(" ".join(r) for r in page.table[1])
        out.append(ln.text)
    if page.table is not None and page.table[0] >= len(page.lines):
        out.extend(" ".join(r) for r in page.table[1])
    return "\n".join(t for t in out if t)


def render_scan(page: ScanPage, rng: random.Random, *, degrade_page: bool = True) -> Image.Image:
    table = None
    if page.table is not None:
        table = (page.table[0], [list(r) for r in page.table[1]], list(page.table[2]))
    img, ys = render_page(list(page.lines), table=table, size=page.size)
    if page.seal is not None:
        idx = next(i for i, ln in enumerate(page.lines) if ln.text == page.seal_on)
        cx = page.size[0] - SCAN_MARGIN_PX - 230
        img = stamp_seal(img, (cx, ys[idx]), page.seal, rng)
    if degrade_page:
        img = degrade(img, rng)
    if page.turn:
        img = img.rotate(-page.turn, expand=True)
    return img


def label_pages(pages: list[ScanPage]) -> list[dict[str, Any]]:
    out = []
    for n, p in enumerate(pages, start=1):
        rec: dict[str, Any] = {"page": n, "text": page_text(p)}
        if p.turn:
            rec["rotation"] = p.turn  # content turned clockwise by this many degrees
        out.append(rec)
    return out


def seal_pages(pages: list[ScanPage]) -> list[int]:
    return [n for n, p in enumerate(pages, start=1) if p.seal is not None]

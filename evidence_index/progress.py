"""Terminal progress for ingest: a one-line bar on a TTY, plain periodic lines otherwise, and the closing table.

The ingest loop only calls the ``Progress`` hooks; it never prints. ``IngestSummary`` (what a run did) lives here
with its renderer; ``evidence_index.ingest`` re-exports it. ``TerminalProgress`` writes to a stream
(stderr in the CLI); ``render_summary`` turns an ``IngestSummary`` into the Chinese summary table.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO

PLAIN_INTERVAL_S = 5.0  # seconds between plain-text progress lines when stderr is not a terminal
TTY_INTERVAL_S = 0.2  # seconds between redraws of the terminal bar (redrawing per file is wasteful)
BAR_WIDTH = 24  # characters of the bar itself
MAX_ERRORS_LISTED = 200  # error rows printed in the summary table; the rest are counted


@dataclass(frozen=True)
class FileError:
    path: str
    category: str
    message: str


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class IngestSummary:
    root: str
    read: int  # files read this run (new or changed bytes), archives included
    unchanged: int
    renamed: int
    duplicates: int  # duplicates recorded this run
    removed: int  # index rows dropped because the file is gone
    pages: int  # pages of the files read this run
    ocr_pages: int
    elapsed: float  # seconds
    skipped: tuple[Skipped, ...] = ()
    errors: tuple[FileError, ...] = ()  # every error file of this folder in the index after the run
    status_counts: dict[str, int] = field(default_factory=dict, compare=False)  # index rows of this folder


class Progress:
    """Hooks called by ``ingest_folder``. The base class does nothing; subclass what you need."""

    def start(self, total_files: int) -> None:
        """The walk found ``total_files`` files (zip members are announced later through ``add_files``)."""

    def add_files(self, n: int) -> None:
        """``n`` more files to process (members of an expanded archive)."""

    def file_started(self, path: str) -> None:
        """Processing of ``path`` begins (hashing, reading)."""

    def ocr_submitted(self, n: int) -> None:
        """``n`` pages were queued for OCR."""

    def file_done(self, path: str, status: str, pages: int, ocr_pages: int) -> None:
        """``status``: ok | error | duplicate | unchanged | renamed | skipped. Called after the commit."""

    def finish(self) -> None:
        """The run is over."""


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class TerminalProgress(Progress):
    """Files, pages, OCR pages, elapsed time and ETA (estimated from files done so far)."""

    def __init__(self, stream: TextIO, tty: bool | None = None) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.total = self.done = self.pages = self.ocr_pages = self.ocr_queued = 0
        self.t0 = time.monotonic()
        self._last = 0.0

    def start(self, total_files: int) -> None:
        self.total = total_files
        self.t0 = time.monotonic()
        self._draw(force=True)

    def add_files(self, n: int) -> None:
        self.total += n

    def ocr_submitted(self, n: int) -> None:
        self.ocr_queued += n

    def file_done(self, path: str, status: str, pages: int, ocr_pages: int) -> None:
        self.done += 1
        self.pages += pages if status not in ("unchanged", "skipped") else 0
        self.ocr_pages += ocr_pages if status not in ("unchanged", "skipped") else 0
        self._draw()

    def finish(self) -> None:
        self._draw(force=True)
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self.t0
        total = max(self.total, self.done)
        share = self.done / total if total else 1.0
        eta = "--:--:--" if not self.done else _clock(elapsed / self.done * (total - self.done))
        filled = int(BAR_WIDTH * share)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        return (f"{bar} 文件 {self.done}/{total}  页 {self.pages}  OCR页 {self.ocr_pages}/{self.ocr_queued}"
                f"  用时 {_clock(elapsed)}  剩余 {eta}")

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < (TTY_INTERVAL_S if self.tty else PLAIN_INTERVAL_S):
            return
        self._last = now
        self.stream.write(("\r\x1b[2K" + self.line()) if self.tty else self.line() + "\n")
        self.stream.flush()


def _table(rows: list[tuple[str, str]]) -> list[str]:
    width = max(_width(k) for k, _ in rows)
    return [f"  {k}{' ' * (width - _width(k))}  {v}" for k, v in rows]


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def render_summary(summary: IngestSummary) -> str:
    """The closing table: index counts by status, this run's activity, pages, and every error file."""
    counts = summary.status_counts
    lines = [f"索引汇总 / ingest summary：{summary.root}"]
    lines += _table([
        ("正常 ok", str(counts.get("ok", 0))),
        ("出错 error", str(counts.get("error", 0))),
        ("重复 duplicate", str(counts.get("duplicate", 0))),
        ("本次新读取 read", str(summary.read)),
        ("未变化跳过 unchanged", str(summary.unchanged)),
        ("改名 renamed", str(summary.renamed)),
        ("已删除移出 removed", str(summary.removed)),
        ("忽略 skipped", str(len(summary.skipped))),
        ("页数 pages", str(summary.pages)),
        ("OCR 页数 OCR pages", str(summary.ocr_pages)),
        ("用时 elapsed", f"{summary.elapsed:.1f} s"),
    ])
    if summary.errors:
        lines.append(f"出错文件 / errors（{len(summary.errors)}）：")
        for err in summary.errors[:MAX_ERRORS_LISTED]:
            lines.append(f"  {err.path}  [{err.category}] {err.message}")
        if len(summary.errors) > MAX_ERRORS_LISTED:
            lines.append(f"  …… 另有 {len(summary.errors) - MAX_ERRORS_LISTED} 个出错文件，见 ecoaudit docs")
    if summary.skipped:
        lines.append(f"忽略的文件 / skipped（{len(summary.skipped)}）：")
        lines += [f"  {s.path}  {s.reason}" for s in summary.skipped[:MAX_ERRORS_LISTED]]
        if len(summary.skipped) > MAX_ERRORS_LISTED:
            lines.append(f"  …… 另有 {len(summary.skipped) - MAX_ERRORS_LISTED} 个")
    return "\n".join(lines)

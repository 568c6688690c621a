"""Ingest orchestration: walk → hash → (skip | rename | duplicate | read) → OCR pool → facts → classify → save.

Incremental: a path whose (size, mtime) is unchanged is skipped without hashing. Bytes already indexed under a
path that no longer exists are a rename; under a path that still exists, a duplicate. New bytes are read (no OCR)
and analysed (facts, type, links) in the ``AnalysisPool``; pages needing OCR go to the ``OcrPool`` (parallel
across pages and files) and the OCRed document back to the analysis pool. At most ``max_files_in_flight`` files
are out at once. This process is the only writer: each file is committed in one transaction
(``Store.save_document``), so a killed run leaves no half file and a rerun resumes.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from evidence_index.analysis_pool import POOL_MIN_FILES, AnalysisPool, Analysed
from evidence_index.progress import FileError, IngestSummary, Progress, Skipped
from evidence_index.schema import FileInfo
from evidence_index.store import DocumentRows, Store, document_rows
from evidence_index.walk import WalkEntry, expand_zip, walk_folder
from extract.errors import BadInputError, EcoauditError
from extract.hashing import sha256_file
from extract.model import Document, Page, Problem

log = logging.getLogger(__name__)

DEFAULT_FILES_IN_FLIGHT = 4  # files out for reading/OCR at once: bounds parent memory (pages + futures)
MAX_POOL_FAILURES = 3  # OCR pools in a row that died without finishing one page: OCR itself is broken, stop


@dataclass(frozen=True)
class IngestOptions:
    workers: int | None = None  # OCR worker processes; None = cores // threads; 0 = OCR in this process
    threads: int = 1  # OCR threads per worker
    ocr_engine: str = "rapid"  # rapid | paddle
    dpi: int = 200  # OCR rendering resolution
    catalog: Path | None = None  # indicator catalog (None = the bundled packs)
    max_files_in_flight: int = DEFAULT_FILES_IN_FLIGHT
    prune: bool = True  # forget index rows of files that are gone from the folder
    # read-and-analyse processes: None = one per core when at least POOL_MIN_FILES files are to be read, else 0
    # (0 = in this process)
    analysis_workers: int | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 0:
            raise EcoauditError(f"OCR 进程数不能为负数：{self.workers} / workers must be >= 0")
        if self.analysis_workers is not None and self.analysis_workers < 0:
            raise EcoauditError(f"分析进程数不能为负数：{self.analysis_workers} / analysis workers must be >= 0")
        if self.max_files_in_flight < 1:
            raise EcoauditError("同时等待 OCR 的文件数至少为 1 / max_files_in_flight must be >= 1")

    def ocr_options(self) -> Any:
        """The ``extract.ocr.OcrOptions`` for these settings (validated there: engine, threads, dpi)."""
        from extract.ocr import OcrOptions

        return OcrOptions(engine=self.ocr_engine, threads=self.threads, dpi=self.dpi)


@dataclass
class _Job:
    """Mutable work state of one file while it is out for reading, OCR or analysis (private to this module).

    Stages: ``step`` (read, or analysis after OCR) pending → ``futures`` (OCR pages) pending → saved."""

    doc: Document | None  # None until read
    info: FileInfo
    futures: dict[int, Future[Page]]
    duplicates: list[FileInfo] = field(default_factory=list)
    fs_path: Path | None = None  # where the bytes are (a temp file for archive members)
    pool: Any = None  # the OcrPool the futures came from
    step: "Future[Analysed] | None" = None  # reading, or analysing the OCRed document
    step_pool: Any = None  # the AnalysisPool the step came from
    sha256: str = ""

    def pending(self) -> list[Future[Any]]:
        return [f for f in ([self.step] if self.step else []) + list(self.futures.values()) if not f.done()]


@dataclass
class _Counters:
    """Running tallies of one run, frozen into the IngestSummary at the end."""

    read: int = 0
    unchanged: int = 0
    renamed: int = 0
    duplicates: int = 0
    pages: int = 0
    ocr_pages: int = 0
    skipped: list[Skipped] = field(default_factory=list)


class _Run:
    """State of one ingest run (the parent process is the only writer)."""

    def __init__(self, root: Path, store: Store, options: IngestOptions, progress: Progress,
                 stack: ExitStack) -> None:
        self.root, self.store, self.options, self.progress, self.stack = root, store, options, progress, stack
        self.rows = store.file_rows()
        self.seen: set[str] = set()
        self.inflight: deque[_Job] = deque()
        self.pending: dict[str, _Job] = {}  # sha256 → job not yet saved
        self.count = _Counters()
        self.tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ecoaudit-ingest-")))
        self._pool: Any = None
        self._analysis: AnalysisPool | None = None
        self.analysis_workers = options.analysis_workers if options.analysis_workers is not None else 0
        self._pool_failures = 0  # consecutive dead pools without a finished page

    # ------------------------------------------------------------ per entry
    def handle(self, entry: WalkEntry) -> None:
        self.progress.file_started(entry.path)
        if entry.skip:
            self.count.skipped.append(Skipped(entry.path, entry.skip))
            if entry.path.endswith("/"):  # a directory not walked (unreadable, link): keep what it held before
                self.seen.update(p for p in self.rows if p.startswith(entry.path))
            self.progress.file_done(entry.path, "skipped", 0, 0)
            return
        self.seen.add(entry.path)
        info = FileInfo(entry.path, str(self.root), entry.size, entry.mtime)
        if entry.problem is not None:  # an archive member that could not be extracted
            self.store.record_error(info, entry.problem.category, entry.problem.message)
            return self.progress.file_done(entry.path, "error", 0, 0)
        row = self.rows.get(entry.path)
        if _stat_unchanged(row, entry):
            if row["root"] != info.root:
                self.store.touch(info)
            return self._unchanged(entry.path, row["format"])
        try:
            sha = sha256_file(entry.fs_path)
        except OSError as exc:
            self.store.record_error(info, "unreadable", f"文件无法读取：{exc.strerror or exc}")
            return self.progress.file_done(entry.path, "error", 0, 0)
        if row is not None and row["sha256"] == sha:
            self.store.touch(info)
            return self._unchanged(entry.path, row["format"])
        if sha in self.pending:
            self.pending[sha].duplicates.append(info)
            self.count.duplicates += 1
            return
        if self._known_bytes(info, sha):
            return
        self._read(entry, info, sha)

    def _unchanged(self, path: str, fmt: str | None) -> None:
        self.count.unchanged += 1
        if fmt == "zip":  # members of an unchanged archive are unchanged too
            self.seen.update(p for p in self.rows if p.startswith(path + "/"))
        self.progress.file_done(path, "unchanged", 0, 0)

    def _known_bytes(self, info: FileInfo, sha: str) -> bool:
        """Rename or duplicate of bytes already in the index; False if the bytes are new."""
        firsts = [r for r in self.store.by_sha(sha) if r.status != "duplicate" and r.path != info.path]
        if not firsts:
            return False
        gone = next((r for r in firsts if not _exists_on_disk(r.root, r.path)), None)
        if gone is not None and gone.path not in self.seen:
            self.store.rename(gone.path, info)
            self.rows = self.store.file_rows()
            self.count.renamed += 1
            self._unchanged_members_after_rename(info.path, gone.format)
            self.progress.file_done(info.path, "renamed", 0, 0)
        elif firsts[0].status == "error":
            self.store.record_error_copy(info, sha, firsts[0].path)
            self.progress.file_done(info.path, "error", 0, 0)
        else:
            self.store.record_duplicate(info, sha, firsts[0].path)
            self.count.duplicates += 1
            self.progress.file_done(info.path, "duplicate", 0, 0)
        return True

    def _unchanged_members_after_rename(self, path: str, fmt: str | None) -> None:
        if fmt == "zip":
            self.seen.update(p for p in self.rows if p.startswith(path + "/"))

    def plan_analysis(self, to_read: int) -> None:
        """Decide the analysis workers from the number of files to read (unless the options fixed it)."""
        if self.options.analysis_workers is None:
            from extract.ocr.pool import cpu_cores

            self.analysis_workers = cpu_cores() if to_read >= POOL_MIN_FILES and cpu_cores() > 1 else 0

    def analyser(self) -> AnalysisPool:
        if self._analysis is None:
            self._analysis = self.stack.enter_context(AnalysisPool(self.options.catalog, self.analysis_workers))
        return self._analysis

    def _read(self, entry: WalkEntry, info: FileInfo, sha: str) -> None:
        from extract.registry import sniff

        self.count.read += 1
        backend = sniff(entry.fs_path)
        if backend is not None and backend.format == "zip":
            return self._archive(entry, info, sha)
        job = _Job(None, info, {}, fs_path=entry.fs_path, sha256=sha)
        self._submit_step(job)
        self.inflight.append(job)
        self.pending[sha] = job
        self.reap(block=False)

    def _archive(self, entry: WalkEntry, info: FileInfo, sha: str) -> None:
        workdir = Path(tempfile.mkdtemp(dir=self.tmp))
        job = _Job(Document(entry.path, sha, "zip", size=entry.size), info, {})
        self.pending[sha] = job  # an identical archive met while this one is expanded is its duplicate
        try:
            members = expand_zip(entry.fs_path, entry.path, workdir, entry.mtime, outer=entry.archive or entry.path,
                                 depth=entry.depth)
        except BadInputError as exc:
            shutil.rmtree(workdir, ignore_errors=True)
            job.doc = replace(job.doc, status="error", problems=(Problem(exc.category, exc.message),))
            return self.finish(job)
        self.progress.add_files(len(members))
        for member in members:
            self.handle(member)
        self.reap(block=True)  # the archive row is written after all its members, so a rerun re-expands it
        shutil.rmtree(workdir, ignore_errors=True)
        kept = sum(1 for m in members if not m.skip)
        job.doc = replace(job.doc, meta=(("members", str(kept)),))
        self.finish(job)

    # ------------------------------------------------------------ OCR and saving
    def pool(self) -> Any:
        if self._pool is None:
            from extract.ocr.pool import OcrPool

            self._pool = self.stack.enter_context(OcrPool(self.options.ocr_options(), self.options.workers))
        return self._pool

    def reap(self, block: bool) -> None:
        """Move files whose step is done along (save, or send to OCR / analysis); with ``block`` until all are
        saved, else only while too many files are out."""
        while self.inflight:
            ready = [j for j in self.inflight if not j.pending()]
            if ready:
                for job in ready:
                    if self._advance(job):
                        self.inflight.remove(job)
                continue
            if not block and len(self.inflight) <= self.options.max_files_in_flight:
                return
            wait([f for j in self.inflight for f in j.pending()], return_when=FIRST_COMPLETED)

    def _advance(self, job: _Job) -> bool:
        """One stage of a job whose futures are done; True when the job is finished (saved or given up)."""
        if job.step is not None:
            step, job.step = job.step, None
            try:
                try:
                    result = step.result()
                except BrokenProcessPool:
                    result = self._retry_alone(job)
            except OSError as exc:  # deleted or locked between the walk and the read
                self.pending.pop(job.sha256, None)
                self._vanished([job.info.path] + [d.path for d in job.duplicates], exc)
                return True
            if result is None:
                return True
            if result.ocr_pages:
                assert result.doc is not None
                self._send_to_ocr(job, result.doc, result.ocr_pages)
                return False
            assert result.rows is not None
            self._save(job, result.rows)
            return True
        doc = self._merge_ocr(job)
        if doc is None:
            return True
        job.futures, job.doc = {}, doc
        self._submit_step(job)
        return False

    def _submit_step(self, job: _Job, pool: AnalysisPool | None = None) -> None:
        """Read the job's file (no document yet) or analyse its OCRed document, in the analysis pool."""
        pool = job.step_pool = pool or self.analyser()
        try:
            job.step = self._submit(pool, job)
        except BrokenProcessPool:  # a worker died before any of its futures was looked at: replace the pool
            if pool is not self._analysis:
                raise
            pool.close()
            self._analysis = None
            pool = job.step_pool = self.analyser()
            job.step = self._submit(pool, job)

    def _submit(self, pool: AnalysisPool, job: _Job) -> "Future[Analysed]":
        if job.doc is None:
            return pool.submit_read(str(job.fs_path), job.info.path, job.sha256, self.options.dpi)
        return pool.submit_analyse(job.doc)

    def _send_to_ocr(self, job: _Job, doc: Document, pages: tuple[int, ...]) -> None:
        pool = self.pool()
        job.doc, job.pool = doc, pool
        job.futures = {n: pool.submit(str(job.fs_path), job.info.path, doc.sha256, n, self.options.dpi) for n in pages}
        self.progress.ocr_submitted(len(pages))

    def _retry_alone(self, job: _Job) -> Analysed | None:
        """An analysis worker died (out of memory, a native crash in a reader): the pool is replaced and each file
        it held is retried once in a worker of its own, so that only the file that kills its worker is recorded as
        an error (None then) and the run goes on."""
        if self._analysis is not None and job.step_pool is self._analysis:
            self._analysis.close()
            self._analysis = None
        with AnalysisPool(self.options.catalog, 1) as alone:
            self._submit_step(job, alone)
            try:
                return job.step.result()  # type: ignore[union-attr]
            except BrokenProcessPool:
                log.warning("%s: analysis worker died twice; recorded as an error", job.info.path)
            finally:
                job.step = None
        self.pending.pop(job.sha256, None)
        for info in [job.info] + job.duplicates:
            self.store.record_error(info, "worker_crash", "读取或分析该文件时工作进程两次异常退出（可能内存不足或文件异常），"
                                                        "未能索引；重新运行时将再次尝试")
            self.progress.file_done(info.path, "error", 0, 0)
        return None

    def _merge_ocr(self, job: _Job) -> Document | None:
        """The job's document with its OCRed pages in (pages that failed become problems); None if the file
        vanished meanwhile (then it is reported and left for the next run)."""
        doc = job.doc
        assert doc is not None
        done: dict[int, Page] = {}
        problems = list(doc.problems)
        for page_no, fut in sorted(job.futures.items()):
            try:
                done[page_no] = self._page(job, page_no, fut)
            except BadInputError as exc:
                problems.append(Problem(exc.category, exc.message, page_no))
            except OSError as exc:  # the file went away while its pages were OCRed
                self.pending.pop(doc.sha256, None)
                self._vanished([job.info.path] + [d.path for d in job.duplicates], exc)
                return None
        return replace(doc, pages=tuple(done.get(p.page_no, p) for p in doc.pages), problems=tuple(problems))

    def finish(self, job: _Job) -> None:
        """Save a job that needs no reading (an archive row)."""
        assert job.doc is not None
        self._save(job, document_rows(job.doc))

    def _save(self, job: _Job, rows: DocumentRows) -> None:
        self.store.save_rows(rows, file=job.info, duplicates=job.duplicates)
        self.pending.pop(rows.sha256, None)
        self.count.pages += rows.page_count
        self.count.ocr_pages += rows.ocr_pages
        self.progress.file_done(job.info.path, rows.status, rows.page_count, rows.ocr_pages)
        for dup in job.duplicates:
            self.progress.file_done(dup.path, "duplicate", 0, 0)

    def _vanished(self, paths: list[str], exc: OSError) -> None:
        """A file deleted, moved or locked during the run: not indexed now (its old row is pruned), next run."""
        log.warning("%s: vanished during ingest: %s", paths[0], exc)
        for path in paths:
            self.seen.discard(path)
            self.count.skipped.append(Skipped(path, "文件在索引过程中被删除、移动或无法读取，本次未索引（下次运行时重新检查）"))
            self.progress.file_done(path, "skipped", 0, 0)

    def _page(self, job: _Job, page_no: int, fut: Future[Page]) -> Page:
        """The OCR result; a worker that died (out of memory, native crash) gets the page one retry in a fresh
        pool, then the page is recorded as unreadable instead of aborting the whole run."""
        try:
            page = fut.result()
            self._pool_failures = 0
            return page
        except BrokenProcessPool:
            log.warning("%s page %d: OCR worker died; retrying in a new pool", job.info.path, page_no)
        if job.pool is self._pool and self._pool is not None:
            self._pool.close()
            self._pool = None
        job.pool = self.pool()
        try:
            page = job.pool.submit(str(job.fs_path), job.info.path, job.doc.sha256, page_no, self.options.dpi).result()
            self._pool_failures = 0
            return page
        except BrokenProcessPool as exc:
            self._pool.close()
            self._pool = None
            self._pool_failures += 1
            if self._pool_failures >= MAX_POOL_FAILURES:
                raise EcoauditError(f"OCR 进程连续 {MAX_POOL_FAILURES} 次启动后立即退出，无法继续识别扫描页；"
                                    "已完成的文件已保存，修复后重新运行即可续跑 / OCR workers keep dying") from exc
            raise BadInputError("page_error", f"第{page_no}页识别时 OCR 进程异常退出（可能内存不足或图像异常），未能识别",
                                page_no) from exc

    # ------------------------------------------------------------ end of run
    def prune(self) -> int:
        gone = [p for p, r in self.store.file_rows().items() if r["root"] == str(self.root) and p not in self.seen]
        self.store.forget(gone)
        return len(gone)


RETRIED_ERRORS = frozenset({"worker_crash"})  # errors of the run, not of the file: read again next run


def _stat_unchanged(row: Any, entry: WalkEntry) -> bool:
    return (row is not None and row["size"] == entry.size and row["mtime"] == entry.mtime
            and row["error_category"] not in RETRIED_ERRORS)


def _exists_on_disk(root: str, path: str) -> bool:
    """Whether the file behind an index row is still there (for a zip member "a/b.zip/m": its archive)."""
    here = Path(root)
    for part in path.split("/"):
        here = here / part
        if here.is_file():
            return True
        if not here.is_dir():
            return False
    return False


def check_folder(folder: str | Path, db_path: str | Path) -> Path:
    """Resolve the evidence folder; refuse a missing folder or an index inside it (we never write there)."""
    root = Path(folder).resolve()
    if not root.is_dir():
        raise EcoauditError(f"证据文件夹不存在或不是文件夹：{folder}")
    if str(db_path) != ":memory:":
        db = Path(db_path).resolve()
        if db.is_relative_to(root):
            raise EcoauditError(f"索引数据库 {db} 位于证据文件夹内；请用 --db 指定文件夹之外的位置（本工具不在证据文件夹内写入）")
    return root


def ingest_folder(folder: str | Path, store: Store, options: IngestOptions | None = None,
                  progress: Progress | None = None) -> IngestSummary:
    """Index every file under ``folder`` into ``store``; bad files are recorded, the run goes on."""
    options = options or IngestOptions()
    progress = progress or Progress()
    root = check_folder(folder, store.path)
    t0 = time.monotonic()
    entries = list(walk_folder(root))
    progress.start(len(entries))
    with ExitStack() as stack:
        run = _Run(root, store, options, progress, stack)
        run.plan_analysis(sum(1 for e in entries if not e.skip and not _stat_unchanged(run.rows.get(e.path), e)))
        for entry in entries:
            run.handle(entry)
        run.reap(block=True)
    store.index_text()
    removed = run.prune() if options.prune else 0
    progress.finish()
    records = [r for r in store.documents() if r.root == str(root)]
    counts: dict[str, int] = {}
    for rec in records:
        counts[rec.status] = counts.get(rec.status, 0) + 1
    c = run.count
    return IngestSummary(
        root=str(root), read=c.read, unchanged=c.unchanged, renamed=c.renamed, duplicates=c.duplicates,
        removed=removed, pages=c.pages, ocr_pages=c.ocr_pages, elapsed=time.monotonic() - t0,
        skipped=tuple(c.skipped), status_counts=counts,
        errors=tuple(FileError(r.path, r.error_category or "unknown", r.error or "") for r in records
                     if r.status == "error"))


def read_file_now(path: str | Path, options: IngestOptions | None = None,
                  display_path: str | None = None) -> tuple[Document, list[Any]]:
    """Read one file outside the index (OCR in this process) and return it with its facts.

    Used by ``ecoaudit facts`` for a file not yet ingested. An archive is refused: its members are documents.
    """
    from extract.facts import extract_facts
    from extract.ocr import get_engine
    from extract.reader import pages_needing_ocr, read_document
    from extract.registry import sniff

    options = options or IngestOptions()
    fs_path = Path(path)
    if not fs_path.is_file():
        raise EcoauditError(f"文件不存在：{path}")
    backend = sniff(fs_path)
    if backend is not None and backend.format == "zip":
        raise EcoauditError(f"{path} 是压缩包：请先用 ecoaudit ingest 索引，再查询其中的成员文件")
    sha = sha256_file(fs_path)
    display = display_path or fs_path.name
    doc = read_document(fs_path, display, sha, None, dpi=options.dpi)
    if doc.status == "ok" and pages_needing_ocr(doc):  # load the OCR engine only for scans
        doc = read_document(fs_path, display, sha, get_engine(options.ocr_options()), dpi=options.dpi)
    return doc, (extract_facts(doc) if doc.status == "ok" else [])

"""The evidence index: one SQLite file holding files, documents, pages, blocks, facts, links and problems.

sqlite-utils' shape: one connection per process; WAL, ``foreign_keys=ON`` and a busy timeout on open; SQLite
version and FTS5 trigram checked on open; numbered migrations (``schema.py``) applied on open; ``atomic()`` nests
with savepoints. ``save_document`` writes one file in ONE transaction with the ``files`` row last, so a killed
ingest leaves no half file. Only the parent process writes; OCR workers never touch the database.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

from evidence_index import schema
from evidence_index.schema import DocRecord, FileInfo, Hit, LinkRecord, d2s, iso, like_snippet, s2d, s2date
from extract.errors import EcoauditError
from extract.model import Block, CellRef, DocClass, Document, Fact, Link, Page, Problem, Source

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000  # ms a writer waits for a lock held by another ecoaudit process before failing
MIN_TRIGRAM_QUERY = 3  # characters: the FTS5 trigram tokenizer cannot match shorter terms; fall back to LIKE
FTS_SNIPPET_TOKENS = 24  # tokens (trigram: characters) in an FTS5 snippet()


def _bbox_cols(src: Source) -> tuple[Any, ...]:
    bbox = src.bbox or (None, None, None, None)
    span = src.span or (None, None)
    return (*bbox, *span)


def _source(sha256: str, row: sqlite3.Row) -> Source:
    bbox = None if row["x0"] is None else (row["x0"], row["top"], row["x1"], row["bottom"])
    span = None if row["span_start"] is None else (row["span_start"], row["span_end"])
    return Source(sha256=sha256, page_no=row["page_no"], bbox=bbox, span=span)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DocumentRows:
    """A document and everything derived from it as the plain tuples ``Store.save_rows`` inserts. Analysis workers
    send these, not the dataclasses: an analysed text page pickles to ~30 KB either way, but tuples of str, float
    and None unpickle ~20x faster (0.13 against 2.6 ms per page measured), and the writing parent is the
    bottleneck of a parallel ingest."""

    sha256: str
    format: str
    status: str  # ok | error
    page_count: int
    ocr_pages: int
    error: str | None  # the file-level problems, joined
    error_category: str | None  # the first file-level problem's category, for an error document
    document: tuple[Any, ...]  # the documents row (size 0: the file's size is used)
    pages: tuple[tuple[Any, ...], ...] = ()
    blocks: tuple[tuple[Any, ...], ...] = ()
    facts: tuple[tuple[Any, ...], ...] = ()
    links: tuple[tuple[Any, ...], ...] = ()
    problems: tuple[tuple[str, str, int | None], ...] = ()  # category, message, page_no


def document_rows(doc: Document, facts: Sequence[Fact] = (), docclass: DocClass | None = None,
                  links: Sequence[Link] = ()) -> DocumentRows:
    """The index rows of one document with its facts, class and links (pure: runs in the analysis workers)."""
    sha, dc = doc.sha256, docclass
    status = "error" if doc.status == "error" else "ok"
    first = next((p for p in doc.problems if p.page_no is None), None)
    document = (
        sha, doc.format, status, doc.size, len(doc.pages), doc.ocr_pages,
        json.dumps([list(m) for m in doc.meta], ensure_ascii=False),
        dc and dc.doc_type, dc and dc.confidence, json.dumps(list(dc.cues) if dc else [], ensure_ascii=False),
        dc and dc.subtype, dc and dc.title, iso(dc.doc_date) if dc else None, iso(dc.period_start) if dc else None,
        iso(dc.period_end) if dc else None, dc and dc.doc_number, int(bool(dc and dc.draft)),
        int(bool(dc and dc.npc_passed)))
    return DocumentRows(
        sha256=sha, format=doc.format, status=status, page_count=len(doc.pages), ocr_pages=doc.ocr_pages,
        error=doc.error, error_category=first.category if first and status == "error" else None, document=document,
        pages=tuple((sha, p.page_no, p.width, p.height, int(p.has_text_layer), int(p.ocr), p.ocr_confidence,
                     p.ocr_reason, p.rotation, None if p.seal is None else int(p.seal)) for p in doc.pages),
        blocks=tuple((b.id, sha, p.page_no, i, b.kind, b.text, *_bbox_cols(b.src), b.origin, b.confidence,
                      json.dumps(asdict(b.cell), ensure_ascii=False) if b.cell else None)
                     for p in doc.pages for i, b in enumerate(p.blocks)),
        facts=tuple((sha, f.id, i, f.block_id, f.kind, f.raw, f.src.page_no, *_bbox_cols(f.src), d2s(f.value),
                     f.unit, d2s(f.canonical), f.canonical_unit, f.dimension, iso(f.start), iso(f.end),
                     int(f.approx), json.dumps(list(f.flags)), f.snippet, f.row_header, f.column_header)
                    for i, f in enumerate(facts)),
        links=tuple((sha, i, k.indicator_id, k.block_id, k.src.page_no, *_bbox_cols(k.src), k.rule, k.matched,
                     k.score, k.role, k.fact_id, d2s(k.value), k.unit, d2s(k.canonical), k.canonical_unit,
                     k.distance, iso(k.period_start), iso(k.period_end), k.snippet) for i, k in enumerate(links)),
        problems=tuple((p.category, p.message, p.page_no) for p in doc.problems),
    )


class Store:
    """The evidence index of one SQLite file. ``Store(":memory:")`` works for tests."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            schema.check_sqlite(self.conn)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal" and self.path != ":memory:":
                log.warning("journal_mode is %s, not WAL", mode)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise EcoauditError(f"无法打开或写入索引数据库 {self.path}：{exc} / cannot open index") from exc
        self._depth = 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction; nested calls become savepoints. Any exception rolls back its level and propagates."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
            begin, commit, rollback = None, "COMMIT", "ROLLBACK"
        else:
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            begin, commit, rollback = name, f"RELEASE {name}", f"ROLLBACK TO {name}"
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            self.conn.execute(rollback)
            if begin is not None:
                self.conn.execute(f"RELEASE {begin}")
            raise
        self._depth -= 1
        self.conn.execute(commit)

    # ---------------------------------------------------------------- writing
    def save_document(
        self,
        doc: Document,
        facts: Sequence[Fact] = (),
        docclass: DocClass | None = None,
        links: Sequence[Link] = (),
        *,
        file: FileInfo | None = None,
        duplicates: Sequence[FileInfo] = (),
    ) -> None:
        """Write a document with everything derived from it and its ``files`` row(s), in one transaction.

        ``duplicates`` are further paths holding the same bytes, recorded as status ``duplicate`` of ``file``.
        """
        self.save_rows(document_rows(doc, facts, docclass, links), file=file or FileInfo(doc.path, "", doc.size, 0),
                       duplicates=duplicates)

    def save_rows(self, rows: DocumentRows, *, file: FileInfo, duplicates: Sequence[FileInfo] = ()) -> None:
        """``save_document`` for rows built by ``document_rows`` (in an analysis worker)."""
        document = rows.document if rows.document[3] else (*rows.document[:3], file.size, *rows.document[4:])
        with self.atomic() as c:
            for table in ("pages", "blocks", "facts", "links", "problems"):
                c.execute(f"DELETE FROM {table} WHERE sha256 = ?", (rows.sha256,))
            c.execute(
                "INSERT OR REPLACE INTO documents (sha256, format, status, size, pages, ocr_pages, meta, doc_type,"
                " doc_confidence, doc_cues, subtype, title, doc_date, period_start, period_end, doc_number, draft,"
                " npc_passed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", document)
            c.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?,?)", rows.pages)
            c.executemany(
                "INSERT INTO blocks (id, sha256, page_no, seq, kind, text, x0, top, x1, bottom, span_start, span_end,"
                " origin, confidence, cell) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.blocks)
            c.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.facts)
            c.executemany(
                "INSERT INTO links (sha256, seq, indicator_id, block_id, page_no, x0, top, x1, bottom, span_start,"
                " span_end, rule, matched, score, role, fact_id, value, unit, canonical, canonical_unit, distance,"
                " period_start, period_end, snippet) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows.links)
            c.executemany("INSERT INTO problems (sha256, path, category, message, page_no) VALUES (?,?,?,?,?)",
                          [(rows.sha256, file.path, *p) for p in rows.problems])
            self._put_file(c, file, rows.sha256, rows.format, rows.page_count, rows.ocr_pages, rows.status,
                           rows.error, rows.error_category, None)
            for dup in duplicates:
                self._put_file(c, dup, rows.sha256, rows.format, rows.page_count, rows.ocr_pages, "duplicate",
                               None, None, file.path)

    def _put_file(self, c: sqlite3.Connection, info: FileInfo, sha256: str | None, fmt: str | None, pages: int,
                  ocr_pages: int, status: str, error: str | None, category: str | None, dup_of: str | None) -> None:
        c.execute("DELETE FROM files WHERE path = ?", (info.path,))
        c.execute(
            "INSERT INTO files (path, root, sha256, size, mtime, format, pages, ocr_pages, status, error,"
            " error_category, duplicate_of, ingested_at, meta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (info.path, info.root, sha256, info.size, info.mtime, fmt, pages, ocr_pages, status, error, category,
             dup_of, now_iso(), json.dumps(dict(info.meta), ensure_ascii=False)),
        )

    def record_duplicate(self, info: FileInfo, sha256: str, duplicate_of: str) -> None:
        """Record ``info.path`` as a byte-identical copy of the already indexed ``duplicate_of``."""
        with self.atomic() as c:
            row = c.execute("SELECT format, pages, ocr_pages FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
            if row is None:
                raise KeyError(f"no document {sha256} to be a duplicate of")
            self._put_file(c, info, sha256, row["format"], row["pages"], row["ocr_pages"], "duplicate", None, None,
                           duplicate_of)

    def record_error_copy(self, info: FileInfo, sha256: str, like: str) -> None:
        """Bytes identical to the error file ``like``: the same error, not a "duplicate" (two empty or two
        corrupt files are two defects to fix, not one document filed twice)."""
        with self.atomic() as c:
            r = c.execute("SELECT * FROM files WHERE path = ?", (like,)).fetchone()
            if r is None:
                raise KeyError(f"no indexed file {like}")
            self._put_file(c, info, sha256, r["format"], r["pages"], r["ocr_pages"], "error", r["error"],
                           r["error_category"], None)

    def record_error(self, info: FileInfo, category: str, message: str, fmt: str | None = None) -> None:
        """Record a file that could not even be hashed or expanded (no document row)."""
        with self.atomic() as c:
            self._put_file(c, info, None, fmt, 0, 0, "error", message, category, None)
            c.execute("INSERT INTO problems (path, category, message) VALUES (?,?,?)", (info.path, category, message))

    def rename(self, old_path: str, info: FileInfo) -> None:
        """The bytes of ``old_path`` now live at ``info.path``: move the row and the references to it."""
        with self.atomic() as c:
            c.execute("DELETE FROM files WHERE path = ? OR substr(path, 1, ?) = ?",
                      (info.path, len(info.path) + 1, info.path + "/"))
            c.execute("UPDATE files SET path = ?, root = ?, size = ?, mtime = ? WHERE path = ?",
                      (info.path, info.root, info.size, info.mtime, old_path))
            c.execute("UPDATE files SET duplicate_of = ? WHERE duplicate_of = ?", (info.path, old_path))
            c.execute("UPDATE problems SET path = ? WHERE path = ?", (info.path, old_path))
            prefix, n = old_path + "/", len(old_path) + 2  # members of a renamed archive move with it
            for col in ("path", "duplicate_of"):
                c.execute(f"UPDATE files SET {col} = ? || substr({col}, ?) WHERE substr({col}, 1, ?) = ?",
                          (info.path + "/", n, n - 1, prefix))

    def touch(self, info: FileInfo) -> None:
        """Same bytes, new size/mtime stamp (e.g. copied back with a new mtime)."""
        with self.atomic() as c:
            c.execute("UPDATE files SET size = ?, mtime = ?, root = ? WHERE path = ?",
                      (info.size, info.mtime, info.root, info.path))

    def forget(self, paths: Sequence[str]) -> None:
        """Drop file rows (files gone from the folder), then repair duplicates and drop unreferenced documents."""
        with self.atomic() as c:
            for path in paths:
                c.execute("DELETE FROM files WHERE path = ?", (path,))
                c.execute("DELETE FROM problems WHERE path = ? AND sha256 IS NULL", (path,))
            self._repair_duplicates(c)
            c.execute("DELETE FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM files WHERE sha256 IS NOT NULL)")

    def _repair_duplicates(self, c: sqlite3.Connection) -> None:
        """A duplicate whose first copy is gone or now holds other bytes points to another first copy of the same
        bytes, or the earliest such duplicate (by path) becomes the first copy."""
        stale = c.execute(
            "SELECT d.path, d.sha256 FROM files d LEFT JOIN files f ON f.path = d.duplicate_of"
            " AND f.sha256 = d.sha256 AND f.status != 'duplicate'"
            " WHERE d.status = 'duplicate' AND f.id IS NULL ORDER BY d.sha256, d.path").fetchall()
        for r in stale:
            first = c.execute("SELECT path FROM files WHERE sha256 = ? AND status != 'duplicate' ORDER BY path"
                              " LIMIT 1", (r["sha256"],)).fetchone()
            if first is not None:
                c.execute("UPDATE files SET duplicate_of = ? WHERE path = ?", (first["path"], r["path"]))
                continue
            doc = c.execute("SELECT status FROM documents WHERE sha256 = ?", (r["sha256"],)).fetchone()
            c.execute("UPDATE files SET status = ?, duplicate_of = NULL WHERE path = ?", (doc["status"], r["path"]))

    # ---------------------------------------------------------------- queries
    def file_rows(self) -> dict[str, sqlite3.Row]:
        """Every files row by path (ingest loads this once for the incremental check)."""
        return {r["path"]: r for r in self.conn.execute("SELECT * FROM files")}

    def known(self, path: str, size: int, mtime: int) -> bool:
        """True if ``path`` is indexed with exactly this size and mtime (ns): unchanged, no need to hash."""
        row = self.conn.execute("SELECT 1 FROM files WHERE path = ? AND size = ? AND mtime = ?",
                                (path, size, mtime)).fetchone()
        return row is not None

    def by_sha(self, sha256: str) -> list[DocRecord]:
        """Every file holding these bytes, the first copy (non-duplicate) first."""
        return self._doc_records("WHERE f.sha256 = ?", (sha256,), "f.status = 'duplicate', f.path")

    def documents(self) -> list[DocRecord]:
        """Every indexed file, by path."""
        return self._doc_records("", (), "f.path")

    def _doc_records(self, where: str, args: tuple[Any, ...], order: str) -> list[DocRecord]:
        rows = self.conn.execute(
            "SELECT f.*, d.doc_type, d.doc_confidence, d.subtype, d.title, d.doc_date, d.period_start,"
            " d.period_end, d.doc_number, d.draft, d.npc_passed,"
            " (SELECT group_concat(page_no) FROM (SELECT page_no FROM pages p WHERE p.sha256 = f.sha256 AND p.seal = 1"
            "  ORDER BY page_no)) AS seal_pages"
            f" FROM files f LEFT JOIN documents d ON d.sha256 = f.sha256 {where}"
            f" ORDER BY {order}", args).fetchall()
        return [DocRecord.from_row(r) for r in rows]

    def find(self, path: str) -> DocRecord | None:
        """The indexed file for ``path``: relative to the ingested folder (either slash), or an absolute path
        inside an ingested folder."""
        key = path.replace("\\", "/").removeprefix("./")
        rows = self._doc_records("WHERE f.path = ?", (key,), "f.path")
        if rows:
            return rows[0]
        here = Path(path).resolve()
        for (root,) in self.conn.execute("SELECT DISTINCT root FROM files WHERE root != ''"):
            if here.is_relative_to(root):
                rows = self._doc_records("WHERE f.path = ?", (here.relative_to(root).as_posix(),), "f.path")
                if rows:
                    return rows[0]
        return None

    def roots(self) -> list[str]:
        """The folders ingested into this index."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT root FROM files WHERE root != '' ORDER BY root")]

    def primary_path(self, sha256: str) -> str | None:
        row = self.conn.execute(
            "SELECT path FROM files WHERE sha256 = ? ORDER BY status = 'duplicate', path LIMIT 1", (sha256,)).fetchone()
        return None if row is None else row["path"]

    def sha_of(self, path: str) -> str | None:
        row = self.conn.execute("SELECT sha256 FROM files WHERE path = ?", (path,)).fetchone()
        return None if row is None else row["sha256"]

    def load_document(self, sha256: str) -> Document:
        """Rebuild the Document (pages with their blocks, problems) as model objects."""
        d = self.conn.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        if d is None:
            raise KeyError(f"document {sha256} is not in the index")
        blocks: dict[int, list[Block]] = {}
        for r in self.conn.execute("SELECT * FROM blocks WHERE sha256 = ? ORDER BY page_no, seq", (sha256,)):
            cell = CellRef(**json.loads(r["cell"])) if r["cell"] else None
            blocks.setdefault(r["page_no"], []).append(Block(
                id=r["id"], kind=r["kind"], text=r["text"], src=_source(sha256, r), origin=r["origin"],
                confidence=r["confidence"], cell=cell))
        pages = tuple(
            Page(page_no=p["page_no"], width=p["width"], height=p["height"], has_text_layer=bool(p["has_text_layer"]),
                 blocks=tuple(blocks.get(p["page_no"], ())), ocr=bool(p["ocr"]), ocr_confidence=p["ocr_confidence"],
                 ocr_reason=p["ocr_reason"], rotation=p["rotation"], seal=None if p["seal"] is None else bool(p["seal"]))
            for p in self.conn.execute("SELECT * FROM pages WHERE sha256 = ? ORDER BY page_no", (sha256,)))
        problems = tuple(Problem(category=r["category"], message=r["message"], page_no=r["page_no"])
                         for r in self.conn.execute("SELECT * FROM problems WHERE sha256 = ? ORDER BY id", (sha256,)))
        return Document(path=self.primary_path(sha256) or "", sha256=sha256, format=d["format"], pages=pages,
                        status=d["status"], problems=problems, size=d["size"],
                        meta=tuple(tuple(m) for m in json.loads(d["meta"])))  # type: ignore[misc]

    def facts(self, sha256: str | None = None) -> list[Fact]:
        where, args = ("WHERE sha256 = ?", (sha256,)) if sha256 else ("", ())
        return [Fact(id=r["id"], block_id=r["block_id"], kind=r["kind"], raw=r["raw"], src=_source(r["sha256"], r),
                     value=s2d(r["value"]), unit=r["unit"], canonical=s2d(r["canonical"]),
                     canonical_unit=r["canonical_unit"], dimension=r["dimension"], start=s2date(r["start"]),
                     end=s2date(r["end"]), approx=bool(r["approx"]), flags=tuple(json.loads(r["flags"])),
                     snippet=r["snippet"], row_header=r["row_header"], column_header=r["column_header"])
                for r in self.conn.execute(f"SELECT * FROM facts {where} ORDER BY sha256, seq", args)]

    def links(self, indicator_id: str | None = None) -> list[LinkRecord]:
        where, args = ("WHERE k.indicator_id = ?", (indicator_id,)) if indicator_id else ("", ())
        rows = self.conn.execute(
            "SELECT k.*, d.doc_type, d.doc_date, d.draft, d.npc_passed, p.seal, p.ocr, p.rotation AS page_rotation,"
            " (SELECT path FROM files f WHERE f.sha256 = k.sha256 ORDER BY f.status = 'duplicate', f.path LIMIT 1)"
            " AS path FROM links k JOIN documents d ON d.sha256 = k.sha256"
            f" LEFT JOIN pages p ON p.sha256 = k.sha256 AND p.page_no = k.page_no {where}"
            " ORDER BY k.indicator_id, path, k.seq", args).fetchall()
        out = []
        for r in rows:
            link = Link(indicator_id=r["indicator_id"], block_id=r["block_id"], src=_source(r["sha256"], r),
                        rule=r["rule"], matched=r["matched"], score=r["score"], role=r["role"], fact_id=r["fact_id"],
                        value=s2d(r["value"]), unit=r["unit"], canonical=s2d(r["canonical"]),
                        canonical_unit=r["canonical_unit"], distance=r["distance"],
                        period_start=s2date(r["period_start"]), period_end=s2date(r["period_end"]), snippet=r["snippet"])
            out.append(LinkRecord(link=link, sha256=r["sha256"], path=r["path"] or "", doc_type=r["doc_type"],
                                  doc_date=s2date(r["doc_date"]), draft=bool(r["draft"]),
                                  npc_passed=bool(r["npc_passed"]),
                                  seal=None if r["seal"] is None else bool(r["seal"]), ocr=bool(r["ocr"]),
                                  rotation=int(r["page_rotation"] or 0)))
        return out

    def docclass(self, sha256: str) -> DocClass | None:
        r = self.conn.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        if r is None or r["doc_type"] is None:
            return None
        return DocClass(doc_type=r["doc_type"], confidence=r["doc_confidence"], cues=tuple(json.loads(r["doc_cues"])),
                        subtype=r["subtype"], title=r["title"], doc_date=s2date(r["doc_date"]),
                        period_start=s2date(r["period_start"]), period_end=s2date(r["period_end"]),
                        doc_number=r["doc_number"], draft=bool(r["draft"]), npc_passed=bool(r["npc_passed"]))

    def index_text(self) -> int:
        """Add the blocks written since the last call to the full-text index, in one transaction (ingest calls it
        at the end of a run, ``search`` before it searches); returns how many."""
        if self.conn.execute("SELECT 1 FROM blocks_fts_pending LIMIT 1").fetchone() is None:
            return 0
        with self.atomic() as c:
            c.execute("INSERT INTO blocks_fts(rowid, text) SELECT b.rowid, b.text FROM blocks_fts_pending p"
                      " JOIN blocks b ON b.rowid = p.rowid")
            return c.execute("DELETE FROM blocks_fts_pending").rowcount

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Full-text search over block text. Terms split on whitespace are ANDed; a term shorter than three
        characters cannot use the trigram index, so such a query is answered with LIKE."""
        terms = [t for t in query.split() if t]
        if not terms:
            return []
        try:
            self.index_text()  # blocks of a run that was killed before it indexed them
        except sqlite3.OperationalError as exc:  # a read-only index file: search what is indexed, and say so
            log.warning("blocks not yet in the full-text index could not be added (%s); searching the rest", exc)
        base = (" FROM blocks b JOIN files f ON f.sha256 = b.sha256 AND f.status != 'duplicate'"
                " AND f.id = (SELECT MIN(id) FROM files g WHERE g.sha256 = b.sha256 AND g.status != 'duplicate')")
        if all(len(t) >= MIN_TRIGRAM_QUERY for t in terms):
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
            rows = self.conn.execute(
                f"SELECT f.path, b.page_no, b.id, snippet(blocks_fts, 0, '【', '】', '…', {FTS_SNIPPET_TOKENS}) AS snip"
                f"{base} JOIN blocks_fts ON blocks_fts.rowid = b.rowid WHERE blocks_fts MATCH ?"
                " ORDER BY rank LIMIT ?", (match, limit)).fetchall()
            return [Hit(path=r["path"], page=r["page_no"], snippet=r["snip"], block_id=r["id"]) for r in rows]
        cond = " AND ".join("b.text LIKE ? ESCAPE '\\'" for _ in terms)
        pats = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
        rows = self.conn.execute(f"SELECT f.path, b.page_no, b.id, b.text{base} WHERE {cond}"
                                 " ORDER BY f.path, b.page_no, b.seq LIMIT ?", (*pats, limit)).fetchall()
        return [Hit(path=r["path"], page=r["page_no"], snippet=like_snippet(r["text"], terms[0]), block_id=r["id"])
                for r in rows]

    def integrity(self) -> list[str]:
        """``PRAGMA integrity_check`` and foreign-key check messages; ``["ok"]`` when healthy. Blocks still waiting
        for the full-text index are indexed first: newer SQLite versions check FTS5 tables against their content."""
        self.index_text()
        msgs = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        fks = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        return msgs + [f"foreign key violation in {r[0]} rowid {r[1]}" for r in fks]

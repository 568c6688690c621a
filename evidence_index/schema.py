"""The evidence index schema: numbered migrations (sqlite-utils' migrations shape) and the row shapes queries return.

Each migration is applied once, in its own transaction, and recorded in the ``migrations`` table, so an older
index is upgraded on open and never rebuilt by hand. Later engineers append migration 2, 3, … to ``MIGRATIONS``;
a migration already released is never edited. Decimals and dates are stored as TEXT (``str(Decimal)``, ISO dates)
so no precision is lost.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Callable

from extract.errors import EcoauditError
from extract.model import Link

log = logging.getLogger(__name__)

MIN_SQLITE = (3, 34, 0)  # FTS5 "trigram" tokenizer first shipped in SQLite 3.34.0
SNIPPET_CONTEXT = 24  # characters of context either side of a LIKE match in a search snippet


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: str | Callable[[sqlite3.Connection], None]  # SQL script (no BEGIN/COMMIT) or a function


BASE_SCHEMA = """
CREATE TABLE documents (
    sha256 TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
    size INTEGER NOT NULL DEFAULT 0,
    pages INTEGER NOT NULL DEFAULT 0,
    ocr_pages INTEGER NOT NULL DEFAULT 0,
    meta TEXT NOT NULL DEFAULT '[]',
    doc_type TEXT,
    doc_confidence REAL,
    doc_cues TEXT NOT NULL DEFAULT '[]',
    subtype TEXT,
    title TEXT,
    doc_date TEXT,
    period_start TEXT,
    period_end TEXT,
    doc_number TEXT,
    draft INTEGER NOT NULL DEFAULT 0,
    npc_passed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    root TEXT NOT NULL,
    sha256 TEXT REFERENCES documents(sha256),
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    format TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    ocr_pages INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'duplicate')),
    error TEXT,
    error_category TEXT,
    duplicate_of TEXT,
    ingested_at TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX files_sha256 ON files(sha256);
CREATE TABLE pages (
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    page_no INTEGER NOT NULL,
    width REAL NOT NULL,
    height REAL NOT NULL,
    has_text_layer INTEGER NOT NULL,
    ocr INTEGER NOT NULL DEFAULT 0,
    ocr_confidence REAL,
    ocr_reason TEXT,
    rotation INTEGER NOT NULL DEFAULT 0,
    seal INTEGER,
    PRIMARY KEY (sha256, page_no)
);
CREATE TABLE blocks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    page_no INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    x0 REAL, top REAL, x1 REAL, bottom REAL,
    span_start INTEGER, span_end INTEGER,
    origin TEXT NOT NULL,
    confidence REAL NOT NULL,
    cell TEXT,
    UNIQUE (sha256, id)
);
CREATE INDEX blocks_page ON blocks(sha256, page_no, seq);
CREATE TABLE facts (
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    block_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    raw TEXT NOT NULL,
    page_no INTEGER NOT NULL,
    x0 REAL, top REAL, x1 REAL, bottom REAL,
    span_start INTEGER, span_end INTEGER,
    value TEXT,
    unit TEXT,
    canonical TEXT,
    canonical_unit TEXT,
    dimension TEXT,
    start TEXT,
    "end" TEXT,
    approx INTEGER NOT NULL DEFAULT 0,
    flags TEXT NOT NULL DEFAULT '[]',
    snippet TEXT NOT NULL DEFAULT '',
    row_header TEXT,
    column_header TEXT,
    PRIMARY KEY (sha256, id)
);
CREATE TABLE links (
    rowid INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    indicator_id TEXT NOT NULL,
    block_id TEXT NOT NULL,
    page_no INTEGER NOT NULL,
    x0 REAL, top REAL, x1 REAL, bottom REAL,
    span_start INTEGER, span_end INTEGER,
    rule TEXT NOT NULL,
    matched TEXT NOT NULL,
    score REAL NOT NULL,
    role TEXT NOT NULL,
    fact_id TEXT,
    value TEXT,
    unit TEXT,
    canonical TEXT,
    canonical_unit TEXT,
    distance INTEGER,
    period_start TEXT,
    period_end TEXT,
    snippet TEXT NOT NULL DEFAULT ''
);
CREATE INDEX links_indicator ON links(indicator_id);
CREATE INDEX links_sha256 ON links(sha256);
CREATE TABLE problems (
    id INTEGER PRIMARY KEY,
    sha256 TEXT REFERENCES documents(sha256) ON DELETE CASCADE,
    path TEXT,
    category TEXT NOT NULL,
    message TEXT NOT NULL,
    page_no INTEGER,
    CHECK (sha256 IS NOT NULL OR path IS NOT NULL)
);
CREATE INDEX problems_sha256 ON problems(sha256);
CREATE VIRTUAL TABLE blocks_fts USING fts5(text, content='blocks', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN
    INSERT INTO blocks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER blocks_ad AFTER DELETE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER blocks_au AFTER UPDATE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO blocks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
"""

# Blocks reach the full-text index in bulk (``Store.index_text``), not row by row: a trigram index updated in
# every file's transaction wrote and merged a segment per file and cost half of an ingest's writing time; one
# INSERT … SELECT at the end of a run costs a tenth of that. Inserted blocks are listed in ``blocks_fts_pending``
# in the same transaction, so a killed run leaves a consistent list; a block deleted before it was indexed is
# only taken off the list (an FTS5 'delete' of a row the index lacks would corrupt it).
DEFERRED_TEXT_INDEX = """
CREATE TABLE blocks_fts_pending (rowid INTEGER PRIMARY KEY);
DROP TRIGGER blocks_ai;
DROP TRIGGER blocks_ad;
DROP TRIGGER blocks_au;
CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN
    INSERT OR IGNORE INTO blocks_fts_pending(rowid) VALUES (new.rowid);
END;
CREATE TRIGGER blocks_ad AFTER DELETE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) SELECT 'delete', old.rowid, old.text
        WHERE NOT EXISTS (SELECT 1 FROM blocks_fts_pending WHERE rowid = old.rowid);
    DELETE FROM blocks_fts_pending WHERE rowid = old.rowid;
END;
CREATE TRIGGER blocks_au AFTER UPDATE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) SELECT 'delete', old.rowid, old.text
        WHERE NOT EXISTS (SELECT 1 FROM blocks_fts_pending WHERE rowid = old.rowid);
    DELETE FROM blocks_fts_pending WHERE rowid = old.rowid;
    INSERT OR IGNORE INTO blocks_fts_pending(rowid) VALUES (new.rowid);
END;
"""

MIGRATIONS: list[Migration] = [
    Migration(1, "base_schema", BASE_SCHEMA),
    Migration(2, "deferred_text_index", DEFERRED_TEXT_INDEX),
]


def check_sqlite(conn: sqlite3.Connection) -> None:
    """Raise EcoauditError unless this SQLite is new enough and has FTS5 with the trigram tokenizer."""
    version = tuple(int(part) for part in sqlite3.sqlite_version.split("."))
    if version < MIN_SQLITE:
        raise EcoauditError(
            f"SQLite 版本过旧（{sqlite3.sqlite_version}），中文全文检索需要 3.34 或更高版本 / SQLite >= 3.34 required"
        )
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.ecoaudit_trigram_probe USING fts5(x, tokenize='trigram')")
        conn.execute("DROP TABLE temp.ecoaudit_trigram_probe")
    except sqlite3.OperationalError as exc:
        raise EcoauditError(f"SQLite 缺少 FTS5 trigram 分词器，无法建立中文全文索引 / FTS5 trigram missing: {exc}") from exc


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None, upto: int | None = None) -> list[int]:
    """Apply pending migrations in order, each in one transaction; return the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``). ``upto`` stops early (tests build old indexes).
    """
    steps = sorted(MIGRATIONS if migrations is None else migrations, key=lambda m: m.version)
    have = current_version(conn)
    known = steps[-1].version if steps else 0
    if have > known:
        raise EcoauditError(
            f"索引数据库由更新版本的 ecoaudit 创建（迁移版本 {have} > {known}），请升级软件 / index is newer than this software"
        )
    applied: list[int] = []
    for step in steps:
        if step.version <= have or (upto is not None and step.version > upto):
            continue
        conn.execute("BEGIN IMMEDIATE")
        if current_version(conn) >= step.version:  # another process applied it while we waited for the lock
            conn.execute("COMMIT")
            continue
        log.info("applying migration %d %s", step.version, step.name)
        try:
            if isinstance(step.apply, str):
                for statement in _statements(step.apply):
                    conn.execute(statement)
            else:
                step.apply(conn)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (step.version, step.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(step.version)
    return applied


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement keeps trigger bodies whole)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buf[:80]!r}")
    return out


# ------------------------------------------------------------------ row shapes returned by Store queries
@dataclass(frozen=True)
class FileInfo:
    """Where a file sits: path relative to the ingested root (forward slashes), the root, size, mtime (ns)."""

    path: str
    root: str
    size: int
    mtime: int  # st_mtime_ns; zip members carry their archive's
    meta: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DocRecord:
    """One indexed file (``ecoaudit docs``) with its document's class, dates, seal pages and OCR share."""

    path: str
    sha256: str | None
    format: str | None
    pages: int
    ocr_pages: int
    status: str  # ok | error | duplicate
    error: str | None
    error_category: str | None
    duplicate_of: str | None
    size: int
    mtime: int
    root: str
    ingested_at: str
    doc_type: str | None = None
    doc_confidence: float | None = None
    subtype: str | None = None
    title: str | None = None
    doc_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    doc_number: str | None = None
    draft: bool = False
    npc_passed: bool = False
    seal_pages: tuple[int, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def ocr_share(self) -> float:
        """Share of pages whose text came from OCR (0 for files without pages)."""
        return self.ocr_pages / self.pages if self.pages else 0.0

    @classmethod
    def from_row(cls, r: sqlite3.Row) -> "DocRecord":
        def d(key: str) -> date | None:
            return date.fromisoformat(r[key]) if r[key] else None

        seals = tuple(int(x) for x in (r["seal_pages"] or "").split(",") if x)
        return cls(path=r["path"], sha256=r["sha256"], format=r["format"], pages=r["pages"], ocr_pages=r["ocr_pages"],
                   status=r["status"], error=r["error"], error_category=r["error_category"],
                   duplicate_of=r["duplicate_of"], size=r["size"], mtime=r["mtime"], root=r["root"],
                   ingested_at=r["ingested_at"], doc_type=r["doc_type"], doc_confidence=r["doc_confidence"],
                   subtype=r["subtype"], title=r["title"], doc_date=d("doc_date"), period_start=d("period_start"),
                   period_end=d("period_end"), doc_number=r["doc_number"], draft=bool(r["draft"]),
                   npc_passed=bool(r["npc_passed"]), seal_pages=seals, meta=json.loads(r["meta"] or "{}"))


@dataclass(frozen=True)
class LinkRecord:
    """A Link with what the rules need about its file: path, type, date, draft/NPC flags and the page's seal."""

    link: Link
    sha256: str
    path: str
    doc_type: str | None
    doc_date: date | None
    draft: bool
    npc_passed: bool
    seal: bool | None  # red seal detected on the link's page (None = not checked)
    ocr: bool  # the link's page was OCRed
    rotation: int = 0  # degrees (counter-clockwise) the page image was turned before OCR; bboxes are in that frame


@dataclass(frozen=True)
class Hit:
    path: str
    page: int
    snippet: str
    block_id: str


# ------------------------------------------------------------------ value conversions (TEXT columns)
def d2s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def s2d(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def s2date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def like_snippet(text: str, term: str) -> str:
    """``text`` cut around the first ``term`` (marked 【】) for a LIKE search hit."""
    at = text.lower().find(term.lower())
    if at < 0:
        return text[: 2 * SNIPPET_CONTEXT]
    start, end = max(0, at - SNIPPET_CONTEXT), at + len(term) + SNIPPET_CONTEXT
    core = text[start:at] + "【" + text[at:at + len(term)] + "】" + text[at + len(term):end]
    return ("…" if start > 0 else "") + core + ("…" if end < len(text) else "")

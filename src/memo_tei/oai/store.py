"""The SQLite index: its tables, and every query the indexer and the server make of it.

Each change to a record (added, changed, deleted, restored) takes the next number of one
sequence and the datestamp of the index's clock at that moment; datestamps never go back, so
the order of the sequence is the order of the datestamps. Lists are paged on that sequence
(keyset paging), which is what makes resumption stateless and exact. Values reach SQL as
parameters only.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .datestamps import Range
from .errors import IndexStoreError
from .records import RecordData
from .sets import with_parents

#: What ``meta.format`` holds in a memo-tei OAI index, and the version of its tables.
FORMAT = "memo-tei-oai-index"
SCHEMA_VERSION = "1"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    local_id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    datestamp TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    run INTEGER NOT NULL,
    file_sha256 TEXT NOT NULL,
    digest TEXT NOT NULL,
    oai_dc BLOB NOT NULL,
    tei BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS records_datestamp ON records (datestamp);
CREATE INDEX IF NOT EXISTS records_run ON records (run);
CREATE TABLE IF NOT EXISTS sets (spec TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS record_sets (
    spec TEXT NOT NULL,
    seq INTEGER NOT NULL,
    record INTEGER NOT NULL,
    datestamp TEXT NOT NULL,
    PRIMARY KEY (spec, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_sets_record ON record_sets (record);
"""


@dataclass(frozen=True)
class Row:
    """A record as a list or GetRecord answers it (``data`` only when the format is asked)."""

    local_id: str
    seq: int
    datestamp: str
    deleted: bool
    sets: tuple[str, ...]
    data: bytes | None = None


@dataclass(frozen=True)
class Stored:
    """What the indexer compares a file with."""

    id: int
    file_sha256: str
    digest: str
    deleted: bool


def create(path: Path) -> sqlite3.Connection:
    """Open the index at ``path`` for writing, creating it (and its secret) if need be."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(_TABLES)
        with transaction(conn):
            _init_meta(conn)
    except sqlite3.DatabaseError as err:
        raise IndexStoreError(f"{path}: cannot open as an index: {err}") from None
    return conn


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing index for serving; nothing is ever written through it."""
    if not path.is_file():
        raise IndexStoreError(f"{path}: no such index (build it with 'memo-tei oai index')")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        if meta(conn, "format") != FORMAT:
            raise IndexStoreError(f"{path}: not a memo-tei OAI index")
    except sqlite3.DatabaseError as err:
        raise IndexStoreError(f"{path}: cannot read as an index: {err}") from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _init_meta(conn: sqlite3.Connection) -> None:
    found = meta(conn, "format")
    if found is not None and found != FORMAT:
        raise IndexStoreError("the database is not a memo-tei OAI index")
    defaults = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "secret": secrets.token_hex(32),
                "next_seq": "1", "last_datestamp": "", "run": "0", "fingerprint": ""}
    for key, value in defaults.items():
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
    if meta(conn, "schema_version") != SCHEMA_VERSION:
        raise IndexStoreError("the index was built by another version of memo-tei: build it anew")


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


# --- what the indexer writes ----------------------------------------------------------

def stored(conn: sqlite3.Connection, local_id: str) -> Stored | None:
    row = conn.execute("SELECT id, file_sha256, digest, deleted FROM records WHERE local_id = ?",
                       (local_id,)).fetchone()
    return Stored(row[0], row[1], row[2], bool(row[3])) if row else None


def put(conn: sqlite3.Connection, record: RecordData, *, file_sha256: str, seq: int, datestamp: str,
        run: int, known_sets: set[tuple[str, str]] | None = None) -> None:
    """Add a record, or replace the one of the same identifier, with a new sequence number.
    ``known_sets`` holds the sets already written in this run, to be written only once."""
    record_id = conn.execute(
        "INSERT INTO records (local_id, path, seq, datestamp, deleted, run, file_sha256, digest, oai_dc, tei) "
        "VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?) ON CONFLICT (local_id) DO UPDATE SET path = excluded.path, "
        "seq = excluded.seq, datestamp = excluded.datestamp, deleted = 0, run = excluded.run, "
        "file_sha256 = excluded.file_sha256, digest = excluded.digest, oai_dc = excluded.oai_dc, tei = excluded.tei "
        "RETURNING id",
        (record.local_id, record.path, seq, datestamp, run, file_sha256, record.digest, record.oai_dc,
         record.tei)).fetchone()[0]
    conn.execute("DELETE FROM record_sets WHERE record = ?", (record_id,))
    sets = with_parents(list(record.sets))
    known = known_sets if known_sets is not None else set()
    fresh = [(info.spec, info.name) for info in sets if (info.spec, info.name) not in known]
    conn.executemany("INSERT OR REPLACE INTO sets (spec, name) VALUES (?, ?)", fresh)
    known.update(fresh)
    conn.executemany("INSERT INTO record_sets (spec, seq, record, datestamp) VALUES (?, ?, ?, ?)",
                     [(info.spec, seq, record_id, datestamp) for info in sets])


def keep(conn: sqlite3.Connection, record_id: int, *, file_sha256: str, run: int) -> None:
    """Mark an unchanged record as seen in this run."""
    conn.execute("UPDATE records SET run = ?, file_sha256 = ? WHERE id = ?", (run, file_sha256, record_id))


def vanished(conn: sqlite3.Connection, run: int) -> list[tuple[int, str]]:
    """The live records no file was seen for in this run: ``(id, path)``."""
    return conn.execute("SELECT id, path FROM records WHERE run != ? AND deleted = 0 ORDER BY seq",
                        (run,)).fetchall()


def mark_deleted(conn: sqlite3.Connection, record_id: int, *, seq: int, datestamp: str) -> None:
    """Make a record a tombstone: it stays, with its sets, and is served as deleted."""
    conn.execute("UPDATE records SET deleted = 1, seq = ?, datestamp = ? WHERE id = ?", (seq, datestamp, record_id))
    conn.execute("UPDATE record_sets SET seq = ?, datestamp = ? WHERE record = ?", (seq, datestamp, record_id))


# --- what the server reads ------------------------------------------------------------

def _where(spec: str | None, dates: Range, after: int) -> tuple[str, str, list[object]]:
    """FROM and WHERE of a list query, and its parameters."""
    table = "record_sets s JOIN records r ON r.id = s.record" if spec is not None else "records r"
    key = "s" if spec is not None else "r"
    clauses = [f"{key}.seq > ?"]
    params: list[object] = [after]
    if spec is not None:
        clauses.append("s.spec = ?")
        params.append(spec)
    if dates.start is not None:
        clauses.append(f"{key}.datestamp >= ?")
        params.append(dates.start)
    if dates.end is not None:
        clauses.append(f"{key}.datestamp <= ?")
        params.append(dates.end)
    return table, " AND ".join(clauses), params


def page(conn: sqlite3.Connection, *, spec: str | None, dates: Range, after: int, limit: int,
         column: str | None) -> list[Row]:
    """Up to ``limit`` records after sequence number ``after``, in sequence order, with the
    ``column`` (``oai_dc`` or ``tei``) of each if asked."""
    table, where, params = _where(spec, dates, after)
    key = "s" if spec is not None else "r"
    data = {"oai_dc": "r.oai_dc", "tei": "r.tei", None: "NULL"}[column]
    rows = conn.execute(
        f"SELECT r.id, r.local_id, r.seq, r.datestamp, r.deleted, {data} FROM {table} "
        f"WHERE {where} ORDER BY {key}.seq LIMIT ?", [*params, limit]).fetchall()
    specs = _specs(conn, [row[0] for row in rows])
    return [Row(row[1], row[2], row[3], bool(row[4]), specs.get(row[0], ()), row[5]) for row in rows]


def count(conn: sqlite3.Connection, *, spec: str | None, dates: Range, after: int) -> int:
    """How many records :func:`page` would go through from ``after`` on."""
    table, where, params = _where(spec, dates, after)
    found: int = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]
    return found


def get(conn: sqlite3.Connection, local_id: str, column: str | None) -> Row | None:
    data = {"oai_dc": "oai_dc", "tei": "tei", None: "NULL"}[column]
    row = conn.execute(f"SELECT id, local_id, seq, datestamp, deleted, {data} FROM records WHERE local_id = ?",
                       (local_id,)).fetchone()
    if row is None:
        return None
    return Row(row[1], row[2], row[3], bool(row[4]), _specs(conn, [row[0]]).get(row[0], ()), row[5])


def _specs(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    found: dict[int, list[str]] = {}
    for record, spec in conn.execute(
            f"SELECT record, spec FROM record_sets WHERE record IN ({marks}) ORDER BY spec", ids):
        found.setdefault(record, []).append(spec)
    return {record: tuple(specs) for record, specs in found.items()}


def list_sets(conn: sqlite3.Connection, *, after: str, limit: int) -> list[tuple[str, str]]:
    """Up to ``limit`` sets whose spec sorts after ``after``: ``(spec, name)``."""
    return conn.execute("SELECT spec, name FROM sets WHERE spec > ? ORDER BY spec LIMIT ?", (after, limit)).fetchall()


def count_sets(conn: sqlite3.Connection, *, after: str = "") -> int:
    found: int = conn.execute("SELECT count(*) FROM sets WHERE spec > ?", (after,)).fetchone()[0]
    return found


def has_set(conn: sqlite3.Connection, spec: str) -> bool:
    return conn.execute("SELECT 1 FROM sets WHERE spec = ?", (spec,)).fetchone() is not None


def earliest_datestamp(conn: sqlite3.Connection) -> str | None:
    found: str | None = conn.execute("SELECT min(datestamp) FROM records").fetchone()[0]
    return found


def last_seq(conn: sqlite3.Connection) -> int:
    return int(meta(conn, "next_seq") or "1") - 1

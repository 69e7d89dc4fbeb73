"""``memo-tei oai index``: build or bring up to date the index of a folder of memo-tei TEI.

A run reads every ``*.xml`` under the folder (Dublin Core sidecars ``*.dc.xml`` aside) and
compares it with the index. A file whose bytes and the configuration are as last time is not
even parsed; otherwise its record is made anew and compared by digest, so the datestamp moves
only when what a harvester receives changes. Records whose file is gone become tombstones,
and come back to life, with a new datestamp, if the file does. Files that cannot be indexed
are findings: the run goes on, and a record already indexed for such a file is kept.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath

from .. import __version__
from ..dublin_core.config import ExportConfig
from ..dublin_core.names import DC_SIDECAR_SUFFIX
from ..errors import MemoTeiError
from . import store
from .datestamps import Clock, format_datestamp, utc_now
from .records import RecordData, file_digest, local_id, read_bytes, read_record

#: Records written in one transaction: a crash loses at most this many, never the index.
COMMIT_EVERY = 1000
#: Files compared with the index, then read, in one go.
CHUNK = 256


@dataclass(frozen=True)
class IndexFinding:
    """A file the run could not index, and why."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class IndexReport:
    """What one run did, record by record counted."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    restored: int = 0
    findings: list[IndexFinding] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.changed + self.unchanged + self.restored


def build_index(folder: Path, db: Path, *, config: ExportConfig | None = None, clock: Clock = utc_now,
                jobs: int = 1) -> IndexReport:
    """Bring the index at ``db`` up to date with the TEI files under ``folder``; ``jobs`` > 1
    reads and crosswalks files in that many worker processes (the index is written by this one)."""
    if not folder.is_dir():
        raise MemoTeiError(f"{folder}: not a folder")
    config = config or ExportConfig()
    conn = store.create(db)
    pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
    try:
        return _Run(conn, config, clock, pool).run(folder)
    finally:
        conn.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def iter_tei_files(folder: Path) -> Iterator[Path]:
    """The TEI files under a folder, in a stable order, sidecars and hidden folders aside."""
    for path in sorted(folder.rglob("*.xml")):
        relative = path.relative_to(folder)
        if path.name.endswith(DC_SIDECAR_SUFFIX) or any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            yield path


def config_fingerprint(config: ExportConfig) -> str:
    """What, besides a file's bytes, its record depends on: the crosswalk's settings and version."""
    return hashlib.sha256(f"{__version__}\n{config.model_dump_json()}".encode()).hexdigest()


@dataclass(frozen=True)
class _Pending:
    """A file whose record must be made (new, changed, or the configuration changed)."""

    path: Path
    relative: PurePosixPath
    before: store.Stored | None
    data: bytes
    sha: str


def _make_record(path: Path, relative: PurePosixPath, data: bytes, config: ExportConfig) -> RecordData | str:
    """The record of one file, or why it cannot be made (run in worker processes too)."""
    try:
        return read_record(path, relative, config, data=data)
    except MemoTeiError as err:
        return str(err)


class _Run:
    def __init__(self, conn: sqlite3.Connection, config: ExportConfig, clock: Clock,
                 pool: Executor | None = None) -> None:
        self.conn, self.config, self.clock, self.pool = conn, config, clock, pool
        self.report = IndexReport()
        self.run_id = int(store.meta(conn, "run") or "0") + 1
        fingerprint = config_fingerprint(config)
        self.reread = store.meta(conn, "fingerprint") != fingerprint
        self.fingerprint = fingerprint
        self.pending = 0
        self.next_seq = int(store.meta(conn, "next_seq") or "1")
        self.last_datestamp = store.meta(conn, "last_datestamp") or ""
        self.known_sets: set[tuple[str, str]] = set()

    def run(self, folder: Path) -> IndexReport:
        with store.transaction(self.conn):  # a run's number is never used twice, even after a crash
            store.set_meta(self.conn, "run", str(self.run_id))
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            paths = iter_tei_files(folder)
            while chunk := list(islice(paths, CHUNK)):
                looked = [self._look(path, PurePosixPath(path.relative_to(folder).as_posix())) for path in chunk]
                pending = [item for item in looked if item is not None]
                made = self._make([(p.path, p.relative, p.data) for p in pending])
                for item, result in zip(pending, made, strict=True):
                    self._apply(item, result)
                self._maybe_commit()
            for record_id, _path in store.vanished(self.conn, self.run_id):
                seq, datestamp = self._next_change()
                store.mark_deleted(self.conn, record_id, seq=seq, datestamp=datestamp)
                self.report.deleted += 1
            store.set_meta(self.conn, "fingerprint", self.fingerprint)
            self._save_clock()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return self.report

    def _look(self, path: Path, relative: PurePosixPath) -> _Pending | None:
        """Compare a file with the index: None if that settles it (unchanged, unreadable)."""
        before = store.stored(self.conn, local_id(relative))
        try:
            data = read_bytes(path)
        except MemoTeiError as err:
            self._failed(path, str(err), before)
            return None
        sha = file_digest(data)
        if before is not None and not before.deleted and before.file_sha256 == sha and not self.reread:
            store.keep(self.conn, before.id, file_sha256=sha, run=self.run_id)
            self.report.unchanged += 1
            return None
        return _Pending(path, relative, before, data, sha)

    def _make(self, work: list[tuple[Path, PurePosixPath, bytes]]) -> list[RecordData | str]:
        """The records of the files to read, in order: in worker processes if there are any."""
        if self.pool is None or len(work) < 2:
            return [_make_record(path, relative, data, self.config) for path, relative, data in work]
        paths, relatives, datas = (list(column) for column in zip(*work, strict=True))
        return list(self.pool.map(_make_record, paths, relatives, datas, [self.config] * len(work), chunksize=16))

    def _apply(self, item: _Pending, made: RecordData | str) -> None:
        before = item.before
        if isinstance(made, str):
            self._failed(item.path, made, before)
            return
        if before is not None and not before.deleted and before.digest == made.digest:
            store.keep(self.conn, before.id, file_sha256=item.sha, run=self.run_id)
            self.report.unchanged += 1
            return
        seq, datestamp = self._next_change()
        store.put(self.conn, made, file_sha256=item.sha, seq=seq, datestamp=datestamp, run=self.run_id,
                  known_sets=self.known_sets)
        if before is None:
            self.report.added += 1
        elif before.deleted:
            self.report.restored += 1
        else:
            self.report.changed += 1

    def _failed(self, path: Path, message: str, before: store.Stored | None) -> None:
        """A file that cannot be indexed: a finding; a record it had is kept as it was."""
        self.report.findings.append(IndexFinding(path, message))
        if before is not None and not before.deleted:
            store.keep(self.conn, before.id, file_sha256=before.file_sha256, run=self.run_id)

    def _next_change(self) -> tuple[int, str]:
        """The next sequence number, and the clock's datestamp, never earlier than the last."""
        seq, datestamp = self.next_seq, max(format_datestamp(self.clock()), self.last_datestamp)
        self.next_seq, self.last_datestamp = seq + 1, datestamp
        self.pending += 1
        return seq, datestamp

    def _save_clock(self) -> None:
        """Write the sequence and the last datestamp, in the transaction of the changes they count."""
        store.set_meta(self.conn, "next_seq", str(self.next_seq))
        store.set_meta(self.conn, "last_datestamp", self.last_datestamp)

    def _maybe_commit(self) -> None:
        if self.pending >= COMMIT_EVERY:
            self._save_clock()
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN IMMEDIATE")
            self.pending = 0

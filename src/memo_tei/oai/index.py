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
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import __version__
from ..config import ExportConfig
from ..dc_names import DC_SIDECAR_SUFFIX
from ..errors import MemoTeiError
from . import store
from .datestamps import Clock, format_datestamp, utc_now
from .records import file_digest, local_id, read_bytes, read_record

#: Records written in one transaction: a crash loses at most this many, never the index.
COMMIT_EVERY = 1000


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


def build_index(folder: Path, db: Path, *, config: ExportConfig | None = None, clock: Clock = utc_now) -> IndexReport:
    """Bring the index at ``db`` up to date with the TEI files under ``folder``."""
    if not folder.is_dir():
        raise MemoTeiError(f"{folder}: not a folder")
    config = config or ExportConfig()
    conn = store.create(db)
    try:
        return _Run(conn, config, clock).run(folder)
    finally:
        conn.close()


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


class _Run:
    def __init__(self, conn: sqlite3.Connection, config: ExportConfig, clock: Clock) -> None:
        self.conn, self.config, self.clock = conn, config, clock
        self.report = IndexReport()
        self.run_id = int(store.meta(conn, "run") or "0") + 1
        fingerprint = config_fingerprint(config)
        self.reread = store.meta(conn, "fingerprint") != fingerprint
        self.fingerprint = fingerprint
        self.pending = 0

    def run(self, folder: Path) -> IndexReport:
        with store.transaction(self.conn):  # a run's number is never used twice, even after a crash
            store.set_meta(self.conn, "run", str(self.run_id))
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for path in iter_tei_files(folder):
                self._one(path, PurePosixPath(path.relative_to(folder).as_posix()))
                self._maybe_commit()
            for record_id, _path in store.vanished(self.conn, self.run_id):
                seq, datestamp = self._next_change()
                store.mark_deleted(self.conn, record_id, seq=seq, datestamp=datestamp)
                self.report.deleted += 1
            store.set_meta(self.conn, "fingerprint", self.fingerprint)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return self.report

    def _one(self, path: Path, relative: PurePosixPath) -> None:
        ident = local_id(relative)
        before = store.stored(self.conn, ident)
        try:
            data = read_bytes(path)
            sha = file_digest(data)
            if before is not None and not before.deleted and before.file_sha256 == sha and not self.reread:
                store.keep(self.conn, before.id, file_sha256=sha, run=self.run_id)
                self.report.unchanged += 1
                return
            record = read_record(path, relative, self.config, data=data)
        except MemoTeiError as err:
            self.report.findings.append(IndexFinding(path, str(err)))
            if before is not None and not before.deleted:
                store.keep(self.conn, before.id, file_sha256=before.file_sha256, run=self.run_id)
            return
        if before is not None and not before.deleted and before.digest == record.digest:
            store.keep(self.conn, before.id, file_sha256=sha, run=self.run_id)
            self.report.unchanged += 1
            return
        seq, datestamp = self._next_change()
        store.put(self.conn, record, file_sha256=sha, seq=seq, datestamp=datestamp, run=self.run_id)
        if before is None:
            self.report.added += 1
        elif before.deleted:
            self.report.restored += 1
        else:
            self.report.changed += 1

    def _next_change(self) -> tuple[int, str]:
        """The next sequence number, and the clock's datestamp, never earlier than the last."""
        seq = int(store.meta(self.conn, "next_seq") or "1")
        last = store.meta(self.conn, "last_datestamp") or ""
        datestamp = max(format_datestamp(self.clock()), last)
        store.set_meta(self.conn, "next_seq", str(seq + 1))
        store.set_meta(self.conn, "last_datestamp", datestamp)
        self.pending += 1
        return seq, datestamp

    def _maybe_commit(self) -> None:
        if self.pending >= COMMIT_EVERY:
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN IMMEDIATE")
            self.pending = 0

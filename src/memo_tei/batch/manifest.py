"""The manifest of a batch: what became of each input, so that a run resumes where one stopped.

It is a file of JSON lines in the output directory, one record per conversion, each one
appended and flushed to the operating system before the run goes on, so a run killed at any
moment loses nothing it had recorded. It is fsynced at most once a second and on closing (an
fsync costs milliseconds, as much as converting a small file): a crash of the machine itself
loses at most the last second's records, whose inputs the next run converts again, their
outputs having been written whole or not at all (atomic.py). A later record of an input
supersedes an earlier one. A last line cut short by a kill was never recorded and is
dropped; any other line that does not parse is skipped and counted. A lock file keeps two
runs from writing one manifest at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from .. import __version__
from ..errors import OutputError
from .job import MARKING_KINDS

MANIFEST_NAME = ".memo-tei-manifest.jsonl"
LOCK_NAME = ".memo-tei-manifest.lock"
#: Seconds between two fsyncs of the manifest while a run appends to it (see above).
SYNC_EVERY = 1.0
#: Superseded lines tolerated before the manifest is rewritten with only the latest ones.
_COMPACT_SLACK = 1000


class ManifestBusyError(OutputError):
    """Another run holds the manifest of this output directory."""


@dataclass(frozen=True)
class Record:
    """One line of the manifest: an input, the options it was converted with, and the result."""

    input: str
    options: str
    ok: bool
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    output: str | None = None
    output_sha256: str | None = None
    output_size: int | None = None
    markings: dict[str, int] | None = None
    warnings: list[str] | None = None
    error: str | None = None

    def to_json(self) -> str:
        fields = {name: value for name, value in asdict(self).items() if value is not None}
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


class Entry(NamedTuple):
    """What a run needs to know of an input converted before: a tuple, to stay small in memory."""

    size: int
    mtime_ns: int
    sha256: bytes
    options: str
    output_size: int
    markings: tuple[int, ...]


def options_fingerprint(*, fmt: str, rules_file: Path | None, dc: bool = False,
                        dc_config: Path | None = None) -> str:
    """A digest of everything besides the input that decides the output bytes: the version,
    the format, the rules, the Dublin Core records asked for and their configuration, and
    the package's own code (so that a changed memo-tei redoes what it converted, released or not)."""
    digest = hashlib.sha256(f"memo-tei {__version__}\0{fmt}\0dc={dc}\0".encode())
    if dc_config is not None:
        digest.update(b"\0dc config\0" + Path(dc_config).read_bytes())
    package = Path(__file__).parents[1]
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.toml")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    if rules_file is not None:
        digest.update(b"\0user rules\0" + Path(rules_file).read_bytes())
    return digest.hexdigest()[:16]


class Manifest:
    """The manifest of one output directory, open for appending; use :meth:`open`."""

    def __init__(self, path: Path, lock: IO[bytes]) -> None:
        self.path = path
        self._lock = lock
        self._index = _Index()
        self._handle: IO[bytes] | None = None
        self._lines = 0
        self._synced = time.monotonic()  # when the records appended were last made durable
        self._unsynced = False
        self._kept = 0  # bytes of whole lines read
        #: Lines that did not parse and were skipped (a torn last line is not counted).
        self.corrupt = 0

    @classmethod
    def open(cls, directory: Path) -> Manifest:
        """Lock, read and tidy the manifest of ``directory`` (created if absent)."""
        try:
            directory.mkdir(parents=True, exist_ok=True)
            lock = open(directory / LOCK_NAME, "ab")  # noqa: SIM115 (held until close)
        except OSError as err:
            raise OutputError(f"cannot write {directory}: {err.strerror or err}") from None
        manifest = cls(directory / MANIFEST_NAME, lock)
        try:
            _lock(lock, directory)
            manifest._load()
            manifest._handle = open(manifest.path, "ab")  # noqa: SIM115 (closed by close())
        except BaseException:
            manifest.close()
            raise
        return manifest

    def get(self, key: str) -> Entry | None:
        """The last successful conversion of ``key`` recorded, if its latest record is one."""
        return self._index.get(key)

    def claim(self, output: str) -> bool:
        """Whether ``output`` was not yet claimed by another input in this run (it now is)."""
        return self._index.claim(output)

    def add(self, record: Record) -> None:
        """Append ``record``, handed to the operating system before returning (so that it
        outlives this process) and made durable within :data:`SYNC_EVERY` seconds."""
        assert self._handle is not None, "the manifest is closed"
        try:
            self._handle.write(record.to_json().encode("utf-8") + b"\n")
            self._handle.flush()
            self._unsynced = True
            if time.monotonic() - self._synced >= SYNC_EVERY:
                self._sync()
        except OSError as err:
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from None
        self._index.put([_row(record.__dict__, self._lines)])
        self._lines += 1

    def _sync(self) -> None:
        assert self._handle is not None
        os.fsync(self._handle.fileno())
        self._synced, self._unsynced = time.monotonic(), False

    def close(self) -> None:
        """Make the records appended durable, and let the manifest go."""
        try:
            if self._handle is not None:
                with self._handle:
                    if self._unsynced:
                        self._sync()
        except OSError as err:
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from None
        finally:
            self._handle = None
            self._index.close()
            self._lock.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                self._index.put(self._rows(handle))
            if self.path.stat().st_size > self._kept:
                os.truncate(self.path, self._kept)
        except FileNotFoundError:
            return
        except OSError as err:
            raise OutputError(f"cannot read {self.path}: {err.strerror or err}") from None
        if self._lines > 2 * self._index.count() + _COMPACT_SLACK:
            self._compact()

    def _rows(self, handle: IO[bytes]) -> Iterator[tuple[Any, ...]]:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # torn by a kill mid-write: never recorded
            self._kept += len(raw)
            self._lines += 1
            fields = _parse(raw)
            if fields is None:
                self.corrupt += 1
            else:
                yield _row(fields, self._lines - 1)

    def _compact(self) -> None:
        """Rewrite the manifest with only the latest line of each input, atomically."""
        part = self.path.with_name(f".{self.path.name}.compact.part")
        keep = self._index.latest_lines()
        wanted = next(keep, None)
        with open(self.path, "rb") as source, open(part, "wb") as target:
            for number, raw in enumerate(source):
                if number == wanted:
                    target.write(raw)
                    wanted = next(keep, None)
            target.flush()
            os.fsync(target.fileno())
        os.replace(part, self.path)
        self._lines = self._index.count()  # the lines' numbers in the index are stale now, but
        # serve only to compact, which a run does once, on opening


class _Index:
    """The latest record of each input, in a private temporary SQLite database, so that the
    memory of a run stays flat however many inputs its manifest holds: SQLite keeps a few
    megabytes of pages in memory and the rest in a file that vanishes when it is closed."""

    _COLUMNS = "input, line, size, mtime_ns, sha256, options, output_size, markings"

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -8192"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.execute("CREATE TABLE latest (input TEXT PRIMARY KEY, line INTEGER NOT NULL, size INTEGER, "
                         "mtime_ns INTEGER, sha256 BLOB, options TEXT, output_size INTEGER, markings TEXT) "
                         "WITHOUT ROWID")
        self._db.execute("CREATE TABLE claimed (output TEXT PRIMARY KEY) WITHOUT ROWID")

    def put(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self._db.execute("BEGIN")
        self._db.executemany(f"INSERT OR REPLACE INTO latest ({self._COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._db.execute("COMMIT")

    def get(self, key: str) -> Entry | None:
        row = self._db.execute("SELECT size, mtime_ns, sha256, options, output_size, markings FROM latest "
                               "WHERE input = ? AND size IS NOT NULL", (key,)).fetchone()
        if row is None:
            return None
        size, mtime_ns, sha256, options, output_size, markings = row
        return Entry(size, mtime_ns, sha256, options, output_size, tuple(int(n) for n in markings.split(",")))

    def claim(self, output: str) -> bool:
        return self._db.execute("INSERT OR IGNORE INTO claimed VALUES (?)", (output,)).rowcount == 1

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM latest").fetchone()[0])

    def latest_lines(self) -> Iterator[int]:
        return (line for (line,) in self._db.execute("SELECT line FROM latest ORDER BY line"))

    def close(self) -> None:
        self._db.close()


def _lock(handle: IO[bytes], directory: Path) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, as with any other writer
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise ManifestBusyError(f"{directory}: another memo-tei convert is writing there") from None


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        fields = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(fields, dict) or not isinstance(fields.get("input"), str) or not isinstance(
        fields.get("options"), str
    ):
        return None
    return fields


def _row(fields: dict[str, Any], line: int) -> tuple[Any, ...]:
    """The index row of a record: its input, its line, and what :class:`Entry` holds of a
    successful conversion (nothing for a failure, or a record that lacks a field)."""
    try:
        if fields.get("ok") is True:
            markings = fields.get("markings") or {}
            return (fields["input"], line, int(fields["size"]), int(fields["mtime_ns"]),
                    bytes.fromhex(fields["sha256"]), fields["options"], int(fields["output_size"]),
                    ",".join(str(int(markings.get(kind, 0))) for kind in MARKING_KINDS))
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    return (fields["input"], line, None, None, None, None, None, None)

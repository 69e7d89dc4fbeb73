"""A batch run: walk the inputs, skip what the manifest says is done, convert the rest on an
engine, record each outcome as it comes back.

The inputs are a stream, never a list: files are planned one at a time as the engine asks
for work, and outcomes are tallied and forgotten as they arrive; what must be remembered of
every file (the manifest's index, the outputs claimed) lives in a temporary SQLite database,
so the memory of a run does not grow with the collection. The library never prints: a
caller that wants to show progress passes an :class:`Events` object.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from ..limits import MAX_INPUT_BYTES
from .engines import Engine
from .inputs import Job, iter_jobs
from .job import MARKING_KINDS, Outcome, Task, convert_data
from .manifest import Entry, Manifest, Record, options_fingerprint

Status = Literal["converted", "skipped", "failed"]
#: Temporary files of an atomic write (see atomic.py) that a killed run may leave behind.
_PARTIAL = re.compile(r"^\..+\.part$")
_HASH_CHUNK = 1 << 20


class Events(Protocol):
    """What a run tells its caller, one call per input, from the thread that called the run."""

    def file_done(self, status: Status, label: str, *, error: str | None = None,
                  warnings: Sequence[str] = ()) -> None: ...


@dataclass
class Summary:
    """The tally of a run; ``markings`` counts over every input converted, now or before."""

    converted: int = 0
    skipped: int = 0
    failed: int = 0
    bytes_converted: int = 0
    seconds: float = 0.0
    markings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MARKING_KINDS, 0))
    corrupt_manifest_lines: int = 0

    def add_markings(self, counts: tuple[int, ...]) -> None:
        for kind, count in zip(MARKING_KINDS, counts, strict=False):
            self.markings[kind] += count


@dataclass(frozen=True)
class BatchOptions:
    """How every file of a run is converted."""

    fmt: str = "tei"
    rules_file: Path | None = None
    max_bytes: int = MAX_INPUT_BYTES
    force: bool = False
    dc: bool = False
    config_file: Path | None = None


def run_batch(paths: Sequence[str], *, out_dir: Path, engine: Engine, options: BatchOptions = BatchOptions(),
              resumable: bool = True, events: Events | None = None, stdin: BinaryIO | None = None) -> Summary:
    """Convert every input below ``paths`` into ``out_dir``, keeping the layout of each tree.

    With ``resumable`` a manifest in ``out_dir`` records each outcome, and an input whose
    recorded conversion still stands (same bytes, same options, output present) is skipped.
    ``-`` among ``paths`` reads ``stdin``, converted here and never recorded. Raises only
    for the run as a whole (:class:`~memo_tei.errors.OutputError` when ``out_dir`` or its
    manifest cannot be written); a bad input is an outcome.
    """
    started = time.monotonic()
    run = _Run(out_dir=out_dir, options=options, events=events, stdin=stdin)
    with contextlib.ExitStack() as stack:
        if resumable:
            run.manifest = stack.enter_context(Manifest.open(out_dir))
            run.fingerprint = options_fingerprint(fmt=options.fmt, rules_file=options.rules_file,
                                                  dc_config=options.config_file if options.dc else None,
                                                  dc=options.dc)
            run.summary.corrupt_manifest_lines = run.manifest.corrupt
            sweep_partial(out_dir)
        suffix = ".json" if options.fmt == "json" else ".xml"
        outcomes = stack.enter_context(contextlib.closing(engine.run(run.plan(iter_jobs(list(paths), suffix=suffix)))))
        for outcome in outcomes:
            run.record(outcome)
    run.summary.seconds = time.monotonic() - started
    return run.summary


def sweep_partial(directory: Path) -> int:
    """Remove the temporary files that writes cut short by a kill left in ``directory``."""
    removed = 0
    for folder, _, files in os.walk(directory):
        for name in files:
            if _PARTIAL.match(name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, name))
                    removed += 1
    return removed


class _Run:
    def __init__(self, *, out_dir: Path, options: BatchOptions, events: Events | None,
                 stdin: BinaryIO | None) -> None:
        self.out_dir = out_dir
        self.options = options
        self.events = events
        self.stdin = stdin
        self.manifest: Manifest | None = None
        self.fingerprint = ""
        self.summary = Summary()
        self._claimed: set[str] = set()  # outputs claimed so far, when there is no manifest to keep them

    def _claim(self, output: str) -> bool:
        if self.manifest is not None:
            return self.manifest.claim(output)
        if output in self._claimed:
            return False
        self._claimed.add(output)
        return True

    def plan(self, jobs: Iterable[Job]) -> Iterator[Task]:
        """The tasks still to do, in the order of the walk; skips and stdin are settled here."""
        for job in jobs:
            task, output = self._task(job), job.relative_out.as_posix()
            if not self._claim(output):
                self.record(Outcome(task, error=f"its output {output} is that of another input of this run"))
                continue
            if job.source is None:
                self.record(self._convert_stdin(task))
            elif not self._skip(task):
                yield task

    def record(self, outcome: Outcome) -> None:
        """Count an outcome, write it to the manifest, and tell the caller."""
        task = outcome.task
        if outcome.ok:
            self.summary.converted += 1
            self.summary.bytes_converted += outcome.size or 0
            self.summary.add_markings(outcome.markings)
        else:
            self.summary.failed += 1
        if self.manifest is not None and task.source != "-":
            self.manifest.add(_record(outcome, self.out_dir, self.fingerprint))
        if self.events is not None:
            status: Status = "converted" if outcome.ok else "failed"
            self.events.file_done(status, task.label, error=outcome.error, warnings=outcome.warnings)

    def _task(self, job: Job) -> Task:
        options = self.options
        source = job.source
        return Task(
            key=(job.relative_out.parent / source.name).as_posix() if source else "-",
            label=job.label,
            source=os.path.abspath(source) if source else "-",
            output=os.path.abspath(self.out_dir / job.relative_out),
            fmt=options.fmt,
            rules_file=os.path.abspath(options.rules_file) if options.rules_file else None,
            max_bytes=options.max_bytes,
            dc=options.dc,
            config_file=os.path.abspath(options.config_file) if options.config_file else None,
        )

    def _convert_stdin(self, task: Task) -> Outcome:
        from ..convert import convert_bytes

        data = self.stdin.read() if self.stdin is not None else b""
        return convert_data(task, lambda rules: convert_bytes(data, name="stdin", rules=rules,
                                                              max_bytes=task.max_bytes))

    def _skip(self, task: Task) -> bool:
        """Whether the manifest shows ``task`` done with these options; if so, count it."""
        entry = self.manifest.get(task.key) if self.manifest is not None and not self.options.force else None
        if entry is None or entry.options != self.fingerprint or not _output_stands(task, entry):
            return False
        try:
            stat = os.stat(task.source)
        except OSError:
            return False  # let the conversion report it
        if stat.st_size != entry.size:
            return False
        if stat.st_mtime_ns != entry.mtime_ns:
            if _sha256(task.source) != entry.sha256:
                return False
            assert self.manifest is not None
            self.manifest.add(_refreshed(task, entry, stat.st_mtime_ns, self.out_dir))
        self.summary.skipped += 1
        self.summary.add_markings(entry.markings)
        if self.events is not None:
            self.events.file_done("skipped", task.label)
        return True


def _output_stands(task: Task, entry: Entry) -> bool:
    """Whether the output recorded is still there (and the Dublin Core record beside it)."""
    try:
        if os.stat(task.output).st_size != entry.output_size:
            return False
    except OSError:
        return False
    if task.dc:
        from ..packages.export import dc_sidecar_path

        return dc_sidecar_path(Path(task.output)).is_file()
    return True


def _sha256(path: str) -> bytes | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.digest()


def _record(outcome: Outcome, out_dir: Path, fingerprint: str) -> Record:
    task = outcome.task
    record = Record(input=task.key, options=fingerprint, ok=outcome.ok, size=outcome.size,
                    mtime_ns=outcome.mtime_ns, sha256=outcome.sha256)
    if not outcome.ok:
        return replace(record, error=outcome.error)
    return replace(
        record, output=Path(os.path.relpath(task.output, out_dir)).as_posix(),
        output_sha256=outcome.output_sha256, output_size=outcome.output_size,
        markings=dict(zip(MARKING_KINDS, outcome.markings, strict=True)),
        warnings=list(outcome.warnings) or None,
    )


def _refreshed(task: Task, entry: Entry, mtime_ns: int, out_dir: Path) -> Record:
    """A record of an input touched but not changed, so that the next run's stat suffices."""
    return Record(
        input=task.key, options=entry.options, ok=True, size=entry.size, mtime_ns=mtime_ns,
        sha256=entry.sha256.hex(), output=Path(os.path.relpath(task.output, out_dir)).as_posix(),
        output_sha256=(_sha256(task.output) or b"").hex() or None, output_size=entry.output_size,
        markings=dict(zip(MARKING_KINDS, entry.markings, strict=True)),
    )

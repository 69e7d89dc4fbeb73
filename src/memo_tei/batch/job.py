"""One file of a batch, converted and written: the unit of work every engine runs.

A :class:`Task` holds only paths and options, so that it can be sent to another process or,
with the Dask engine, to another machine that sees the same paths; an :class:`Outcome`
holds only what the manifest records. Nothing here keeps a document once its output is
written, so a worker's memory is that of the one input it is converting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..limits import MAX_INPUT_BYTES

if TYPE_CHECKING:
    from ..convert import Conversion
    from ..model import Document, Page

#: The markings a batch counts, in the order its summary names them.
MARKING_KINDS = ("classification", "stamp", "pageNum", "footnote")
#: A block's kind or an inline mark's type, to its place in MARKING_KINDS (an unanchored
#: footnote is a block of kind "note").
_MARKING_INDEX = {"classification": 0, "stamp": 1, "pageNum": 2, "note": 3}
_FOOTNOTE = 3


@dataclass(frozen=True)
class Task:
    """One input to convert and where its output goes."""

    key: str  # the input's path below the directory it was found in: the manifest's key
    label: str  # the input as the user named it, for messages
    source: str  # absolute path of the input
    output: str  # absolute path of the output
    fmt: str = "tei"
    rules_file: str | None = None
    max_bytes: int = MAX_INPUT_BYTES
    dc: bool = False  # write the oai_dc record beside the TEI
    config_file: str | None = None  # memo-tei.toml for the record's publisher, rights...


@dataclass(frozen=True)
class Outcome:
    """What became of a task: the output's digest and markings, or the error that stopped it."""

    task: Task
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    output_sha256: str | None = None
    output_size: int | None = None
    markings: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def convert_one(task: Task) -> Outcome:
    """Convert one file and write its output atomically; never raises for a bad input."""
    from ..convert import convert_file

    source = Path(task.source)
    try:
        stat = source.stat()
    except OSError as err:
        return Outcome(task, error=f"cannot read: {err.strerror or err}")
    if task.fmt == "tei" and not task.dc and stat.st_size > LARGE_INPUT_BYTES:
        outcome = convert_large_file(task, source)
    else:
        outcome = convert_data(task, lambda rules: convert_file(source, rules=rules, max_bytes=task.max_bytes))
    return replace(outcome, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


#: Inputs above this many bytes are converted a page at a time (stream.py): the same TEI, in
#: flat memory, its JSON view and Dublin Core record aside (they need the whole document).
LARGE_INPUT_BYTES = 8_000_000


def convert_large_file(task: Task, source: Path) -> Outcome:
    """Convert a large input to TEI a page at a time, written to ``task.output`` atomically;
    never raises for a bad input."""
    from ..convert import GENERATOR
    from ..errors import MemoTeiError
    from ..recognition.rules import load_rules
    from ..stream import convert_large_path

    counts = [0] * len(MARKING_KINDS)
    output = Path(task.output)
    try:
        rules = load_rules(Path(task.rules_file) if task.rules_file else None)
        found, _, warnings = convert_large_path(source, output, rules=rules, generator=GENERATOR,
                                                max_bytes=task.max_bytes,
                                                each_page=lambda page: count_page(page, counts))
        digest, size = _file_digest(output)
    except MemoTeiError as err:
        return Outcome(task, error=str(err))
    except Exception as err:  # a bug: record it and go on with the other files
        return Outcome(task, error=f"internal error ({type(err).__name__}): {err}")
    return Outcome(task, size=found.size, sha256=found.sha256, output_sha256=digest, output_size=size,
                   markings=tuple(counts), warnings=tuple(warnings))


def _file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def convert_data(task: Task, convert: Callable[..., Conversion]) -> Outcome:
    """Run ``convert(rules)``, write what it gives to ``task.output``, and say how it went.

    Any exception is caught and recorded, so that one file can never stop a batch; one that
    is not a :class:`~memo_tei.errors.MemoTeiError` is a bug, and its message says so.
    """
    from ..atomic import write_atomic
    from ..errors import MemoTeiError
    from ..packages.export import dc_sidecar_path
    from ..recognition.rules import load_rules

    try:
        result = convert(load_rules(Path(task.rules_file) if task.rules_file else None))
        data = render(result, task.fmt)
        record = dc_record(result, task) if task.dc else None
        write_atomic(Path(task.output), data)
        if record is not None:
            write_atomic(dc_sidecar_path(Path(task.output)), record)
    except MemoTeiError as err:
        return Outcome(task, error=str(err))
    except Exception as err:  # a bug: record it and go on with the other files
        return Outcome(task, error=f"internal error ({type(err).__name__}): {err}")
    source = result.document.source
    return Outcome(
        task, size=source.size, sha256=source.sha256, output_sha256=hashlib.sha256(data).hexdigest(),
        output_size=len(data), markings=count_markings(result.document), warnings=tuple(result.warnings),
    )


def dc_record(result: Conversion, task: Task) -> bytes:
    """The oai_dc record of a conversion, validated against the schema before it is written."""
    from ..dublin_core.config import load_config
    from ..dublin_core.record import dc_record_from_tei
    from ..dublin_core.tei_input import parse_tei
    from ..dublin_core.writers import write_oai_dc

    config = load_config(Path(task.config_file) if task.config_file else None)
    record = dc_record_from_tei(parse_tei(result.tei), config, stem=Path(task.output).stem,
                                genre=result.document.facts.genre)
    return write_oai_dc(record)


def render(result: Conversion, fmt: str) -> bytes:
    """The bytes written for a conversion: TEI, or the document model as JSON."""
    if fmt == "json":
        return result.document.model_dump_json(indent=2).encode("utf-8") + b"\n"
    return result.tei


def count_markings(document: Document) -> tuple[int, ...]:
    """How many of each of :data:`MARKING_KINDS` the document holds.

    A marking standing apart is a block; one inside a line of text is an inline mark; a
    footnote is a block when its marker was not found, else an inline piece where it is called.
    """
    counts = [0] * len(MARKING_KINDS)
    for page in document.pages:
        count_page(page, counts)
    return tuple(counts)


def count_page(page: Page, counts: list[int]) -> None:
    """Add the markings of one page to ``counts`` (see count_markings)."""
    from ..model import Footnote, Mark

    for block in page.blocks:
        index = _MARKING_INDEX.get(block.kind)
        if index is not None:
            counts[index] += 1
        for piece in block.content:
            if isinstance(piece, Footnote):
                counts[_FOOTNOTE] += 1
            elif isinstance(piece, Mark) and piece.type in _MARKING_INDEX:
                counts[_MARKING_INDEX[piece.type]] += 1

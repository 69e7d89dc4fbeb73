"""One BagIt bag (RFC 8493) per batch, made and checked with bagit-python.

The payload is ``data/tei/`` (the TEI), ``data/dc/`` (each document's oai_dc record, same
name) and ``data/source/`` (the OCR texts found, beside the path of their TEI), with sha256
and sha512 manifests. ``Bagging-Date`` comes from the data so that the same documents give
the same bag: it is the latest creation date of the documents (a year or month counts as
its first day), or 1970-01-01 when none is dated; the clock is read only when the caller
asks for today's date.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from .. import __version__
from ..dublin_core.writers import write_oai_dc
from ..errors import ExportError, InvalidOutputError
from .item import ExportItem, Payload
from .staging import staged_directory

ALGORITHMS = ("sha256", "sha512")
TEI_DIR = PurePosixPath("tei")
DC_DIR = PurePosixPath("dc")
SOURCE_DIR = PurePosixPath("source")
#: The Bagging-Date of a bag whose documents carry no date at all.
UNDATED = "1970-01-01"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# bagit-python logs each checksum mismatch as a warning; findings are returned as data here,
# so keep Python's last-resort handler from printing them.
logging.getLogger("bagit").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class BagFinding:
    """One way a bag fails: the file (relative to the bag; ``.`` for the bag) and the problem."""

    path: str
    problem: str
    algorithm: str | None = None
    expected: str | None = None
    found: str | None = None

    @property
    def message(self) -> str:
        if self.algorithm:
            return f"{self.problem} ({self.algorithm} expected {self.expected}, found {self.found})"
        return self.problem

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def bagging_date(items: Sequence[ExportItem]) -> str:
    """The Bagging-Date the documents themselves give: their latest creation date."""
    days = [_first_day(value) for item in items for value in item.record.date]
    return max((d for d in days if d), default=UNDATED)


def today() -> str:
    """Today's date, for a user who asks for it (``--bagging-date today``)."""
    return date.today().isoformat()


def make_bag(items: Sequence[ExportItem], out: Path, *, organization: str | None = None,
             bagged: str | None = None) -> Path:
    """Write a bag at ``out`` (which must not exist yet), validate it, and return it."""
    import bagit

    bagged = bagged or bagging_date(items)
    if not _ISO_DAY.match(bagged):
        raise ExportError(f"Bagging-Date must be YYYY-MM-DD, not {bagged!r}")
    payload = _payload(items)
    sources = sum(1 for item in items if item.source is not None)
    info = {
        "Bagging-Date": bagged,
        "Bag-Software-Agent": f"memo-tei {__version__} (bagit.py {bagit.VERSION})",
        "External-Description": (f"{len(items)} TEI P5 document(s) with their Dublin Core (oai_dc) "
                                 f"records and {sources} OCR source text(s)"),
    }
    if organization:
        info["Source-Organization"] = organization
    with staged_directory(out) as staging:
        payload.write(staging)
        cwd = Path.cwd()
        try:
            bag = bagit.make_bag(str(staging), bag_info=info, processes=1, checksums=list(ALGORITHMS))
            bag.validate(processes=1)
        except bagit.BagError as err:
            raise InvalidOutputError(f"the bag made does not validate: {err}") from None
        finally:
            os.chdir(cwd)  # bagit changes directory while it works
    return out


def verify_bag(path: Path) -> list[BagFinding]:
    """Every way the bag at ``path`` fails validation; empty when it is valid."""
    import bagit

    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as err:
        return [BagFinding(".", f"not a valid bag: {err}")]
    try:
        bag.validate(processes=1)
    except bagit.BagValidationError as err:
        if err.details:
            return [_finding(detail) for detail in err.details]
        return [BagFinding(".", err.message or "bag validation failed"), *_entry_findings(bag, path)]
    except bagit.BagError as err:
        return [BagFinding(".", f"not a valid bag: {err}")]
    except OSError as err:
        return [BagFinding(".", f"cannot read the bag: {err.strerror or err}")]
    return []


def _payload(items: Sequence[ExportItem]) -> Payload:
    payload = Payload()
    for item in items:
        payload.add(TEI_DIR / item.tei_path, item.tei.data)
        payload.add(DC_DIR / item.tei_path, write_oai_dc(item.record))
        if item.source is not None and item.source_path is not None:
            payload.add(SOURCE_DIR / item.source_path, item.source)
    return payload


def _first_day(value: str) -> str | None:
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3 or len(parts[0]) != 4:
        return None
    return "-".join([*parts, *["01"] * (3 - len(parts))])


def _finding(detail: object) -> BagFinding:
    import bagit

    if isinstance(detail, bagit.ChecksumMismatch):
        return BagFinding(str(detail.path), "checksum mismatch", detail.algorithm, detail.expected, detail.found)
    if isinstance(detail, bagit.FileMissing):
        return BagFinding(str(detail.path), "listed in a manifest but missing")
    if isinstance(detail, bagit.UnexpectedFile):
        return BagFinding(str(detail.path), "present but listed in no manifest")
    return BagFinding(str(getattr(detail, "path", ".")), str(detail))


def _entry_findings(bag: Any, root: Path) -> list[BagFinding]:
    """What the file-by-file checks say when bagit stopped early (at the Payload-Oxum)."""
    missing, unexpected = bag.compare_manifests_with_fs()
    findings = [BagFinding(p, "listed in a manifest but missing") for p in sorted(missing)]
    findings += [BagFinding(p, "present but listed in no manifest") for p in sorted(unexpected)]
    for rel_path, hashes in sorted(bag.entries.items()):
        file = root / rel_path
        if not file.is_file():
            continue
        for algorithm, expected in sorted(hashes.items()):
            found = _digest(file, algorithm)
            if found != expected.lower():
                findings.append(BagFinding(rel_path, "checksum mismatch", algorithm, expected.lower(), found))
    return findings


def _digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

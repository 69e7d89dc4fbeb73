"""An Archivematica standard transfer: ``objects/`` and ``metadata/metadata.csv``.

Archivematica reads ``metadata.csv`` with a ``filename`` column first, each path relative to
the transfer and starting ``objects/``, and one ``dc.*`` column per Dublin Core element; an
element with several values repeats its column, which Archivematica reads as several values.
The TEI rows carry the Dublin Core; the source texts travel beside them in ``objects/``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from ..dublin_core.names import DC_ELEMENTS
from ..dublin_core.writers import check_record
from ..errors import ExportError
from .item import ExportItem, Payload
from .staging import staged_directory

OBJECTS = PurePosixPath("objects")
METADATA_CSV = PurePosixPath("metadata/metadata.csv")


def make_transfer(items: Sequence[ExportItem], out: Path) -> Path:
    """Write a transfer folder at ``out`` (which must not exist yet) and return it."""
    payload = Payload()
    for item in items:
        check_record(item.record)
        payload.add(OBJECTS / item.tei_path, item.tei.data)
        if item.source is not None and item.source_path is not None:
            payload.add(OBJECTS / item.source_path, item.source)
    payload.add(METADATA_CSV, metadata_csv(items))
    with staged_directory(out) as staging:
        payload.write(staging)
        check_transfer(staging)
    return out


def metadata_csv(items: Sequence[ExportItem]) -> bytes:
    """``metadata.csv``: one row per TEI file, ``filename`` first, then the ``dc.*`` columns."""
    width = {e: max((len(item.record.values(e)) for item in items), default=0) for e in DC_ELEMENTS}
    header = ["filename"] + [f"dc.{e}" for e in DC_ELEMENTS for _ in range(max(width[e], 1))]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for item in items:
        row = [str(OBJECTS / item.tei_path)]
        for element in DC_ELEMENTS:
            values = list(item.record.values(element))
            row += values + [""] * (max(width[element], 1) - len(values))
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def check_transfer(root: Path) -> None:
    """Read ``metadata.csv`` back as Archivematica does; every row must name a file in objects/."""
    with (root / METADATA_CSV).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0][0] != "filename":
        raise ExportError("metadata.csv does not start with a filename column")
    for row in rows[1:]:
        path = PurePosixPath(row[0])
        if path.parts[:1] != (OBJECTS.name,) or ".." in path.parts or not root.joinpath(*path.parts).is_file():
            raise ExportError(f"metadata.csv names {row[0]}, which is not a file in objects/")

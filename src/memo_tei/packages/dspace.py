"""DSpace Simple Archive Format: one ``item_NNN`` folder per document.

Each item holds ``dublin_core.xml`` (``<dublin_core schema="dc">`` with one ``dcvalue`` per
value), its bitstreams (the TEI and, when found, the source text) and ``contents``, which
lists them one a line as ``name<TAB>bundle:ORIGINAL`` with no newline after the last line.
Bitstream names are flat (DSpace reads them from the item folder), so two documents of the
same name in different folders go to different items without clashing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from lxml import etree

from ..dublin_core.record import DcRecord
from ..dublin_core.writers import check_record
from ..errors import ExportError
from .item import ExportItem, Payload
from .staging import staged_directory

DUBLIN_CORE = "dublin_core.xml"
CONTENTS = "contents"
BUNDLE = "bundle:ORIGINAL"
#: Names the importer reads for itself, never taken for bitstreams.
RESERVED = frozenset({DUBLIN_CORE, CONTENTS, "handle", "collections", "license"})
#: DSpace's registry has no unqualified dc.coverage; place names are dc.coverage.spatial.
QUALIFIERS: dict[str, str] = {"coverage": "spatial"}


def make_saf(items: Sequence[ExportItem], out: Path) -> Path:
    """Write a Simple Archive Format folder at ``out`` (which must not exist yet)."""
    payload = Payload()
    width = max(3, len(str(len(items) - 1)))
    for number, item in enumerate(items):
        check_record(item.record)
        folder = PurePosixPath(f"item_{number:0{width}d}")
        names = _bitstreams(item)
        payload.add(folder / DUBLIN_CORE, dublin_core_xml(item.record))
        payload.add(folder / CONTENTS, "\n".join(f"{name}\t{BUNDLE}" for name, _ in names).encode("utf-8"))
        for name, content in names:
            payload.add(folder / name, content)
    with staged_directory(out) as staging:
        payload.write(staging)
        check_saf(staging)
    return out


def dublin_core_xml(record: DcRecord) -> bytes:
    """The ``dublin_core.xml`` of one item."""
    root = etree.Element("dublin_core", schema="dc")
    for element, value in record.items():
        etree.SubElement(root, "dcvalue", element=element,
                         qualifier=QUALIFIERS.get(element, "none")).text = value
    etree.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n"


def check_saf(root: Path) -> None:
    """Read each item back as the importer does: its metadata parses, its contents exist."""
    for item in sorted(root.iterdir()):
        etree.parse(str(item / DUBLIN_CORE))
        for line in (item / CONTENTS).read_text(encoding="utf-8").split("\n"):
            name, _, bundle = line.partition("\t")
            if bundle != BUNDLE or not (item / name).is_file():
                raise ExportError(f"{item.name}/{CONTENTS} lists {name!r}, which is not a bitstream there")


def _bitstreams(item: ExportItem) -> list[tuple[str, bytes | Path]]:
    names: list[tuple[str, bytes | Path]] = [(item.tei_path.name, item.tei.data)]
    if item.source is not None and item.source.name != item.tei_path.name:
        names.append((item.source.name, item.source))
    for name, _ in names:
        if name in RESERVED or any(ch in name for ch in "\t\r\n"):
            raise ExportError(f"{item.tei.path}: {name!r} cannot be a bitstream name in a DSpace package")
    return names

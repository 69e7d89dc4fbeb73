"""The export formats, and the one step each document goes through before any of them.

``memo-tei export`` is a thin layer over these functions: read a TEI file
(:func:`~memo_tei.dublin_core.tei_input.read_tei`), :func:`prepare_item` it (Dublin Core record, and the
source text when a package carries it), then either :func:`record_bytes` per document or
:func:`make_package` for the batch. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..dublin_core.config import ExportConfig
from ..dublin_core.names import DC_SIDECAR_SUFFIX
from ..dublin_core.record import dc_record_from_tei
from ..dublin_core.tei_input import TeiFile, find_source
from .item import ExportItem

Format = Literal["oai_dc", "json", "csv", "archivematica", "dspace", "bagit"]
FORMATS: tuple[Format, ...] = ("oai_dc", "json", "csv", "archivematica", "dspace", "bagit")
#: Formats written one file per document, with the suffix of that file.
RECORD_SUFFIXES: dict[str, str] = {"oai_dc": ".xml", "json": ".json"}
#: Formats that carry the TEI and its source text, not only the record.
PACKAGE_FORMATS: tuple[Format, ...] = ("archivematica", "dspace", "bagit")


@dataclass(frozen=True)
class Prepared:
    """A document ready for export, with what the user should hear about it."""

    item: ExportItem
    warnings: list[str] = field(default_factory=list)


def dc_sidecar_path(tei_path: Path) -> Path:
    """Where the oai_dc record of a TEI file goes when it is written beside it."""
    return tei_path.with_name(tei_path.name.removesuffix(".xml") + DC_SIDECAR_SUFFIX)


def is_dc_sidecar(path: Path) -> bool:
    """Whether a file found in a folder of TEI is one of those records, not TEI."""
    return path.name.endswith(DC_SIDECAR_SUFFIX)


def prepare_item(tei_file: TeiFile, config: ExportConfig, *, with_source: bool = False,
                 sources_dir: Path | None = None) -> Prepared:
    """The Dublin Core record of a TEI file and, if ``with_source``, its source text."""
    record = dc_record_from_tei(tei_file.root, config, stem=tei_file.stem)
    if not with_source:
        return Prepared(ExportItem(tei_file, record))
    lookup = find_source(tei_file, sources_dir=sources_dir)
    warnings = [lookup.problem] if lookup.problem else []
    return Prepared(ExportItem(tei_file, record, lookup.path), warnings)


def record_bytes(item: ExportItem, fmt: Format) -> bytes:
    """One document's record in a per-document format (``oai_dc`` or ``json``), validated."""
    from ..dublin_core.writers import write_json, write_oai_dc

    if fmt == "json":
        return write_json(item.record)
    if fmt == "oai_dc":
        return write_oai_dc(item.record)
    raise ValueError(f"{fmt} is not a per-document format")


def csv_bytes(items: Sequence[ExportItem]) -> bytes:
    """All the records as one CSV, a row per document named by its TEI path."""
    from ..dublin_core.writers import write_csv

    return write_csv((item.tei_path.as_posix(), item.record) for item in items)


def make_package(fmt: Format, items: Sequence[ExportItem], out: Path, *, config: ExportConfig,
                 bagging_date: str | None = None) -> Path:
    """Write an ingest package at ``out`` (which must not exist yet), checked by its
    consumer's rules before it is moved into place."""
    if fmt == "archivematica":
        from ..packages.archivematica import make_transfer

        return make_transfer(items, out)
    if fmt == "dspace":
        from ..packages.dspace import make_saf

        return make_saf(items, out)
    if fmt == "bagit":
        from ..packages.bag import make_bag

        return make_bag(items, out, organization=config.organization, bagged=bagging_date)
    raise ValueError(f"{fmt} is not a package format")

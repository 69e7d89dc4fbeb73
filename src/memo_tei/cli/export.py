"""``memo-tei export``: TEI to Dublin Core and ingest packages; ``memo-tei verify-bag``."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .output import error, warning

if TYPE_CHECKING:
    from ..batch.inputs import Job
    from ..dublin_core.config import ExportConfig
    from ..packages.export import Format
    from ..packages.item import ExportItem

#: The choices of ``--to``; the library's list is ``memo_tei.packages.export.FORMATS``.
FORMATS = ("oai_dc", "json", "csv", "archivematica", "dspace", "bagit")
_RECORD_SUFFIXES = {"oai_dc": ".xml", "json": ".json"}
_PACKAGES = ("archivematica", "dspace", "bagit")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CSV_NAME = "dublin_core.csv"


@click.command("export")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True,
              help="oai_dc, json: a record per document; csv: a row per document; "
                   "archivematica, dspace, bagit: one ingest package for the batch.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path),
              help="Folder for records or package (a file for csv); without it, one record "
                   "(or the csv) goes to stdout.")
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Where the OCR source texts are, if not beside the TEI (packages only).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Settings file [default: memo-tei.toml in the current folder, if any].")
@click.option("--publisher", help="dc:publisher, the repository that publishes the records.")
@click.option("--rights", help="dc:rights, in place of the rights statement of the TEI.")
@click.option("--collection", help="dc:relation, the collection the records belong to.")
@click.option("--identifier-prefix", help="Adds a dc:identifier made of this prefix and the file stem.")
@click.option("--source-organization", help="Source-Organization of a bag [default: the publisher].")
@click.option("--bagging-date", metavar="today|YYYY-MM-DD",
              help="Bagging-Date of a bag [default: the latest creation date of its documents].")
def export_command(inputs: tuple[str, ...], fmt: Format, out: Path | None, sources_dir: Path | None,
                   config_file: Path | None, publisher: str | None, rights: str | None,
                   collection: str | None, identifier_prefix: str | None,
                   source_organization: str | None, bagging_date: str | None) -> None:
    """Export TEI files (or folders of *.xml) as Dublin Core or as ingest packages."""
    from ..batch.inputs import STDIN, iter_jobs
    from ..dublin_core.config import load_config
    from ..errors import MemoTeiError
    from ..packages.export import is_dc_sidecar

    try:
        config = load_config(config_file, overrides={
            "publisher": publisher, "rights": rights, "collection": collection,
            "identifier_prefix": identifier_prefix, "source_organization": source_organization})
    except MemoTeiError as err:
        raise click.UsageError(str(err)) from None
    bagging_date = _bagging_date(bagging_date, fmt)
    if STDIN in inputs:
        raise click.BadParameter("TEI is read from files, not from standard input", param_hint="INPUTS")
    named = {Path(p) for p in inputs}
    jobs = [job for job in iter_jobs(list(inputs), suffix=".xml", walk_suffixes=(".xml",))
            if job.source in named or not (job.source and is_dc_sidecar(job.source))]
    if not jobs:
        raise click.UsageError("no TEI files (*.xml) among the inputs")
    if fmt in _PACKAGES and out is None:
        raise click.UsageError(f"--to {fmt} needs -o/--output FOLDER for the package")
    if fmt in _RECORD_SUFFIXES and out is None and len(jobs) != 1:
        raise click.UsageError("several inputs need -o/--output FOLDER")
    items, failed = _export_each(jobs, fmt, out, config, sources_dir)
    if fmt == "csv" and items:
        failed |= not _write_csv(items, out)
    elif fmt in _PACKAGES and items and out is not None:
        failed |= not _write_package(fmt, items, out, config, bagging_date)
    if failed or not items:
        sys.exit(1)


@click.command("verify-bag")
@click.argument("bag", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_bag_command(bag: Path) -> None:
    """Validate a BagIt bag; name each file that fails."""
    from ..packages.bag import verify_bag

    findings = verify_bag(bag)
    for finding in findings:
        error(str(bag if finding.path == "." else bag / finding.path), finding.message)
    if findings:
        sys.exit(1)
    click.echo(f"{bag}: valid bag")


def _bagging_date(value: str | None, fmt: Format) -> str | None:
    if value is None:
        return None
    if fmt != "bagit":
        raise click.UsageError("--bagging-date applies to --to bagit only")
    if value == "today":
        from ..packages.bag import today

        return today()
    if not _DAY.match(value):
        raise click.BadParameter(f"{value!r} is neither 'today' nor YYYY-MM-DD", param_hint="--bagging-date")
    return value


def _export_each(jobs: Sequence[Job], fmt: Format, out: Path | None, config: ExportConfig,
                 sources_dir: Path | None) -> tuple[list[ExportItem], bool]:
    """Read and prepare each TEI; write per-document records at once. Returns the items
    prepared and whether anything failed."""
    from ..dublin_core.tei_input import read_tei
    from ..errors import MemoTeiError
    from ..packages.export import prepare_item, record_bytes

    items: list[ExportItem] = []
    failed, seen = False, set()
    for job in jobs:
        assert job.source is not None  # standard input was refused above
        if job.relative_out in seen:
            error(job.label, f"{job.relative_out} comes from an earlier input too; left out")
            failed = True
            continue
        seen.add(job.relative_out)
        try:
            prepared = prepare_item(read_tei(job.source, relative=job.relative_out), config,
                                    with_source=fmt in _PACKAGES, sources_dir=sources_dir)
            for message in prepared.warnings:
                warning(job.label, message)
            if fmt in _RECORD_SUFFIXES:
                target = out / job.relative_out.with_suffix(_RECORD_SUFFIXES[fmt]) if out else None
                _emit(record_bytes(prepared.item, fmt), target)
            items.append(prepared.item)
        except MemoTeiError as err:
            error(job.label, str(err))
            failed = True
    return items, failed


def _write_csv(items: Sequence[ExportItem], out: Path | None) -> bool:
    from ..errors import MemoTeiError
    from ..packages.export import csv_bytes

    target = out / CSV_NAME if out is not None and out.is_dir() else out
    try:
        _emit(csv_bytes(items), target)
    except MemoTeiError as err:
        error(str(target or "<stdout>"), str(err))
        return False
    return True


def _write_package(fmt: Format, items: Sequence[ExportItem], out: Path, config: ExportConfig,
                   bagging_date: str | None) -> bool:
    from ..errors import MemoTeiError
    from ..packages.export import make_package

    try:
        make_package(fmt, items, out, config=config, bagging_date=bagging_date)
    except MemoTeiError as err:
        error(str(out), str(err))
        return False
    return True


def _emit(data: bytes, path: Path | None) -> None:
    from ..atomic import write_atomic

    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(path, data)

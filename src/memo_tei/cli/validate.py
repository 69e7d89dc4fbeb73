"""``memo-tei validate``: TEI and Dublin Core files against the project's schemas."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..limits import MAX_XML_BYTES
from .output import error, warning

if TYPE_CHECKING:
    from ..validate.report import FileReport

EXIT_HELP = """
\b
Each file is checked by its root element: TEI against memo-tei.rng and memo-tei.sch,
oai_dc records against oai_dc.xsd and the record rules; --schema adds any RELAX NG (.rng),
XML Schema (.xsd) or Schematron (.sch) for every file. Directories are walked for *.xml;
- reads standard input. Every finding is one line, file:line:col: severity: message [rule]
(0 = unknown line or column); warnings do not fail a file.

\b
Exit status: 0 all files valid; 1 some file invalid, which includes XML that is not
well-formed, a DOCTYPE declaring entities or naming an external DTD (refused, never
expanded or fetched), a file over --max-bytes, and a root that is neither TEI nor oai_dc
when no --schema is given; 2 usage error, a schema that cannot be loaded, or a file the
system cannot read (missing, no permission).
"""


@click.command("validate", epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--schema", "schemas", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check every file against this .rng, .xsd or .sch (repeatable); compiled once.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True, help="Findings as lines, as JSON, or as a JUnit XML test suite.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_XML_BYTES, show_default=True,
              help="Refuse documents larger than this.")
def validate_command(paths: tuple[str, ...], schemas: tuple[Path, ...], fmt: str, max_bytes: int) -> None:
    """Validate TEI and Dublin Core XML files (or directories of them) against memo-tei's schemas."""
    from ..validate import SchemaLoadError, load_schema
    from ..validate.report import render

    try:
        for schema in schemas:
            load_schema(schema)
    except SchemaLoadError as err:
        raise click.BadParameter(str(err), param_hint="--schema") from None
    reports = list(_check_all(list(paths), schemas=schemas, max_bytes=max_bytes))
    if not reports:
        raise click.UsageError("no XML files to validate")
    sys.stdout.buffer.write(render(reports, fmt))
    sys.stdout.flush()
    if fmt == "text":
        _summary(reports)
    if any(r.problem is not None for r in reports):
        sys.exit(2)
    if not all(r.valid for r in reports):
        sys.exit(1)


def _check_all(paths: list[str], *, schemas: tuple[Path, ...], max_bytes: int) -> Iterator[FileReport]:
    """One report per document; problems reading a file go to stderr as they happen."""
    from ..batch.inputs import iter_jobs
    from ..validate import UnreadableDocumentError, iter_findings, iter_findings_in_bytes
    from ..validate.report import FileReport

    for raw in paths:
        jobs = list(iter_jobs([raw], walk_suffixes=(".xml",)))
        if not jobs and Path(raw).is_dir():
            warning(raw, "no *.xml files in this directory")
        for job in jobs:
            try:
                if job.source is None:
                    data = sys.stdin.buffer.read(max_bytes + 1)
                    found = iter_findings_in_bytes(data, file=job.label, schemas=schemas, max_bytes=max_bytes)
                else:
                    found = iter_findings(job.source, schemas=schemas, max_bytes=max_bytes)
                yield FileReport(job.label, tuple(sorted(found, key=lambda f: (f.line, f.column))))
            except UnreadableDocumentError as err:
                error(job.label, str(err))
                yield FileReport(job.label, problem=str(err))


def _summary(reports: Sequence[FileReport]) -> None:
    invalid = sum(1 for r in reports if r.problem is None and not r.valid)
    unreadable = sum(1 for r in reports if r.problem is not None)
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.findings) for r in reports) - errors
    line = f"{len(reports)} file(s) checked: {len(reports) - invalid - unreadable} valid, {invalid} invalid"
    if unreadable:
        line += f", {unreadable} unreadable"
    click.echo(f"memo-tei: {line} ({errors} error(s), {warnings} warning(s))", err=True)

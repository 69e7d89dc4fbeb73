"""``memo-tei oai index`` and ``memo-tei oai serve``: publish a tree of TEI over OAI-PMH 2.0."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .output import error

#: Kept equal to ``memo_tei.oai.names`` (not imported here, so that --help stays fast).
DEFAULT_BATCH_SIZE = 100
MAX_BATCH_SIZE = 10_000

_CONFIG = click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                       help="Settings file [default: memo-tei.toml in the current folder, if any].")


@click.group("oai")
def oai_group() -> None:
    """Publish a folder of TEI over OAI-PMH 2.0: build its index, then serve it."""


@oai_group.command("index")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The SQLite index to build or bring up to date.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes that read and crosswalk the TEI.")
@_CONFIG
def index_command(folder: Path, db: Path, jobs: int, config_file: Path | None) -> None:
    """Index every TEI file under FOLDER; a re-run updates only what changed, appeared or vanished."""
    from ..errors import MemoTeiError
    from ..oai.config import load_oai_config
    from ..oai.index import build_index

    try:
        _, export_config = load_oai_config(config_file)
    except MemoTeiError as err:
        raise click.UsageError(str(err)) from None
    try:
        report = build_index(folder, db, config=export_config, jobs=jobs)
    except MemoTeiError as err:
        error(str(db), str(err))
        sys.exit(2)
    for finding in report.findings:
        error(str(finding.path), finding.message)
    click.echo(f"{db}: {report.seen} records from {folder}: {report.added} added, {report.changed} changed, "
               f"{report.unchanged} unchanged, {report.restored} restored, {report.deleted} deleted; "
               f"{len(report.findings)} files not indexed")
    if report.findings:
        sys.exit(1)


@oai_group.command("serve")
@click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The index built by 'memo-tei oai index'.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to be reachable from other machines).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True,
              type=click.IntRange(1, MAX_BATCH_SIZE), help="Records, identifiers or sets in one page of a list.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@_CONFIG
def serve_command(db: Path, host: str, port: int, batch_size: int, threads: int, config_file: Path | None) -> None:
    """Serve the index over HTTP with waitress until interrupted."""
    from ..errors import MemoTeiError
    from ..oai.app import make_app
    from ..oai.config import load_oai_config

    try:
        oai_config, _ = load_oai_config(config_file)
        app = make_app(db, config=oai_config, batch_size=batch_size)
    except MemoTeiError as err:
        error(str(config_file or db), str(err))
        sys.exit(2)
    import waitress

    click.echo(f"memo-tei: serving {db} over OAI-PMH at http://{host}:{port}/", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="memo-tei")

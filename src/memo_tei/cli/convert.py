"""``memo-tei convert``: OCR text files to TEI (or to the JSON document model).

Without ``--jobs``, ``--engine`` or ``--force`` it converts one file after another, as it
always has. With any of them the run is a resumable batch: a manifest in the output
directory records every input, a re-run converts only what is new, changed or failed, the
work is spread over processes or a Dask cluster, and progress and a summary go to stderr.
"""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..limits import MAX_INPUT_BYTES
from .output import error, warning

if TYPE_CHECKING:
    from ..batch.engines import Engine
    from ..batch.run import Summary


@click.command("convert")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the outputs (<stem>.xml each); without it, one input goes to stdout.")
@click.option("--format", "fmt", type=click.Choice(["tei", "json"]), default="tei", show_default=True,
              help="TEI XML, or the recognized document model as JSON.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A TOML file of extra recognition rules, tried before the built-in ones.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_INPUT_BYTES, show_default=True,
              help="Refuse inputs larger than this.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N",
              help="Convert as a resumable batch in N worker processes (0: one per CPU): a manifest in "
                   "OUT_DIR records each input, a re-run converts only what is new, changed or failed, "
                   "and progress and a summary go to stderr.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run the batch on this machine, or on a Dask cluster (needs memo-tei[dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="The Dask scheduler, e.g. tcp://host:8786; inputs and OUT_DIR must be on paths every "
                   "worker sees alike.")
@click.option("--force", is_flag=True, help="Convert every input again, whatever the manifest says.")
@click.option("--dc", "with_dc", is_flag=True,
              help="Also write each document's Dublin Core record (oai_dc, validated) beside its TEI, "
                   "as <stem>.dc.xml.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="memo-tei.toml for the records' publisher, rights, collection and identifier prefix "
                   "(default: memo-tei.toml in the current directory, if any).")
@click.option("--review", "with_review", is_flag=True,
              help="Also write review pages (memo-tei review) beside the TEI: <stem>.html each and "
                   "index.html, collection.json and collection.csv in OUT_DIR.")
@click.option("--progress-every", type=click.FloatRange(min=0), default=10.0, show_default=True, metavar="SECONDS",
              help="How often a batch writes a progress line when stderr is not a terminal.")
def convert_command(inputs: tuple[str, ...], out_dir: Path | None, fmt: str, rules_file: Path | None,
                    max_bytes: int, jobs: int | None, engine: str, scheduler: str | None, force: bool,
                    with_dc: bool, config_file: Path | None, with_review: bool, progress_every: float) -> None:
    """Convert OCR text (files, directories, or - for stdin) to TEI P5 XML."""
    from ..errors import MemoTeiError
    from ..recognition.rules import load_rules

    try:
        load_rules(rules_file)
    except MemoTeiError as err:
        raise click.UsageError(str(err)) from None
    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:
        raise click.BadParameter(f"no such file or directory: {missing[0]}", param_hint="INPUTS")
    batch = jobs is not None or engine != "local" or force
    chosen = _engine(engine, scheduler, jobs)
    if with_dc:
        _check_dc(fmt, out_dir, config_file)
    if with_review and (fmt != "tei" or out_dir is None):
        raise click.UsageError("--review needs --format tei and -o/--output DIR: the pages go beside the TEI")
    if out_dir is None:
        if batch:
            raise click.UsageError("--jobs, --engine and --force need -o/--output DIR")
        _to_stdout(inputs, fmt=fmt, rules_file=rules_file, max_bytes=max_bytes)
        return
    from ..batch.run import BatchOptions, run_batch
    from .progress import Quiet, for_stderr

    if config_file is None and with_dc and (Path.cwd() / "memo-tei.toml").is_file():
        config_file = Path.cwd() / "memo-tei.toml"
    options = BatchOptions(fmt=fmt, rules_file=rules_file, max_bytes=max_bytes, force=force, dc=with_dc,
                           config_file=config_file)
    events = for_stderr(every=progress_every) if batch else Quiet()
    if batch:
        events.count_in_background(inputs)
    try:
        with events:
            summary = run_batch(inputs, out_dir=out_dir, engine=chosen, options=options, resumable=batch,
                                events=events, stdin=sys.stdin.buffer)
    except MemoTeiError as err:
        error(str(out_dir), str(err))
        sys.exit(2)
    if batch:
        _print_summary(summary)
    if with_review:
        _review(out_dir)
    if summary.failed:
        sys.exit(1)


def _review(out_dir: Path) -> None:
    """The review pages of every TEI file in the output directory, beside it."""
    from ..errors import MemoTeiError
    from ..review.pages import review, tei_files

    paths = tei_files([out_dir])
    if not paths:
        return
    try:
        review(paths, out_dir, root=out_dir)
    except MemoTeiError as err:
        error(str(out_dir), str(err))
        sys.exit(1)


def _check_dc(fmt: str, out_dir: Path | None, config_file: Path | None) -> None:
    """--dc writes a file beside each TEI: it needs TEI, an output directory and a good config."""
    from ..dublin_core.config import load_config
    from ..errors import MemoTeiError

    if fmt != "tei":
        raise click.UsageError("--dc goes with --format tei")
    if out_dir is None:
        raise click.UsageError("--dc needs -o/--output DIR: the record is written beside each TEI")
    try:
        load_config(config_file)
    except MemoTeiError as err:
        raise click.UsageError(str(err)) from None


def _engine(name: str, scheduler: str | None, jobs: int | None) -> Engine:
    from ..batch.engines import DaskEngine, local_engine

    if name == "dask":
        if scheduler is None:
            raise click.UsageError("--engine dask needs --scheduler ADDRESS")
        if jobs is not None:
            raise click.UsageError("--jobs is for the local engine; the Dask cluster has its own workers")
        return DaskEngine(scheduler)
    if scheduler is not None:
        raise click.UsageError("--scheduler goes with --engine dask")
    return local_engine(1 if jobs is None else jobs)


def _to_stdout(inputs: tuple[str, ...], *, fmt: str, rules_file: Path | None, max_bytes: int) -> None:
    """Convert the one input named to standard output, as a pipe stage."""
    from ..batch.inputs import iter_jobs
    from ..batch.job import render
    from ..convert import convert_bytes, convert_file
    from ..errors import MemoTeiError
    from ..recognition.rules import load_rules

    jobs = list(islice(iter_jobs(list(inputs), suffix=".json" if fmt == "json" else ".xml"), 2))
    if len(jobs) != 1:
        raise click.UsageError("several inputs need -o/--output DIR")
    job, rules = jobs[0], load_rules(rules_file)
    try:
        if job.source is None:
            result = convert_bytes(sys.stdin.buffer.read(), name="stdin", rules=rules, max_bytes=max_bytes)
        else:
            result = convert_file(job.source, rules=rules, max_bytes=max_bytes)
    except MemoTeiError as err:
        error(job.label, str(err))
        sys.exit(1)
    for message in result.warnings:
        warning(job.label, message)
    sys.stdout.buffer.write(render(result, fmt))
    sys.stdout.flush()


def _print_summary(summary: Summary) -> None:
    rate = ""
    if summary.seconds > 0 and summary.converted:
        rate = (f" ({summary.converted / summary.seconds:,.1f} files/s, "
                f"{summary.bytes_converted / summary.seconds / 1e6:,.2f} MB/s)")
    click.echo(f"memo-tei: {summary.converted} converted, {summary.skipped} skipped, {summary.failed} failed "
               f"in {summary.seconds:.2f} s{rate}", err=True)
    found = ", ".join(f"{kind} {count}" for kind, count in summary.markings.items())
    click.echo(f"memo-tei: markings found: {found}", err=True)
    if summary.corrupt_manifest_lines:
        click.echo(f"memo-tei: warning: skipped {summary.corrupt_manifest_lines} unreadable line(s) "
                   "of the manifest", err=True)

"""``memo-tei convert``: OCR text files to TEI (or to the JSON document model)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..limits import MAX_INPUT_BYTES
from .output import error, warning


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
def convert_command(inputs: tuple[str, ...], out_dir: Path | None, fmt: str,
                    rules_file: Path | None, max_bytes: int) -> None:
    """Convert OCR text (files, directories, or - for stdin) to TEI P5 XML."""
    from ..convert import convert_bytes, convert_file
    from ..errors import MemoTeiError
    from ..inputs import iter_jobs
    from ..rules import load_rules

    try:
        rules = load_rules(rules_file)
    except MemoTeiError as err:
        raise click.UsageError(str(err)) from None
    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:
        raise click.BadParameter(f"no such file or directory: {missing[0]}", param_hint="INPUTS")
    jobs = list(iter_jobs(list(inputs), suffix=".json" if fmt == "json" else ".xml"))
    if out_dir is None and len(jobs) != 1:
        raise click.UsageError("several inputs need -o/--output DIR")
    failed = False
    for job in jobs:
        try:
            if job.source is None:
                result = convert_bytes(sys.stdin.buffer.read(), name="stdin", rules=rules, max_bytes=max_bytes)
            else:
                result = convert_file(job.source, rules=rules, max_bytes=max_bytes)
            data = _render(result, fmt)
            for message in result.warnings:
                warning(job.label, message)
            _emit(data, out_dir / job.relative_out if out_dir else None)
        except MemoTeiError as err:
            error(job.label, str(err))
            failed = True
    if failed:
        sys.exit(1)


def _render(result, fmt: str) -> bytes:
    if fmt == "json":
        return result.document.model_dump_json(indent=2).encode("utf-8") + b"\n"
    return result.tei


def _emit(data: bytes, path: Path | None) -> None:
    from ..atomic import write_atomic

    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(path, data)

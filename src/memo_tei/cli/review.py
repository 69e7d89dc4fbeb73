"""``memo-tei review``: HTML pages to check what memo-tei recognized, one per TEI document,
and an index of the collection (with its figures as JSON and CSV)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .output import error


@click.command("review")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the pages: <name>.html per document (in the folders of the TEI), "
                   "index.html, collection.json and collection.csv.")
def review_command(inputs: tuple[Path, ...], out_dir: Path) -> None:
    """Write review pages for TEI files (or directories of them)."""
    from lxml import etree

    from ..errors import MemoTeiError
    from ..review.pages import review, tei_files

    paths = tei_files(list(inputs))
    if not paths:
        raise click.UsageError("no TEI files (*.xml) among the inputs")
    try:
        figures = review(paths, out_dir, root=_root(inputs))
    except MemoTeiError as err:
        error(str(out_dir), str(err))
        sys.exit(1)
    except (OSError, etree.LxmlError) as err:  # a file that is not XML
        error(str(out_dir), f"cannot review: {err}")
        sys.exit(1)
    click.echo(f"memo-tei: {figures['documents']} review page(s) and index.html written to {out_dir}", err=True)


def _root(inputs: tuple[Path, ...]) -> Path | None:
    """The folder the pages mirror: a single directory given, else the files' common folder."""
    if len(inputs) == 1 and inputs[0].is_dir():
        return inputs[0]
    return None

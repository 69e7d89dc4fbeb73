"""The ``memo-tei`` command: a thin click layer over the library.

Each subcommand lives in a module of its own and imports the heavy parts of the library
(lxml, pydantic) only when it runs, so that ``memo-tei --help`` answers at once.
Exit codes: 0 all went well, 1 something failed or was invalid, 2 usage or unreadable input.
"""

from __future__ import annotations

import click

from .. import __version__
from .convert import convert_command
from .export import export_command, verify_bag_command
from .oai import oai_group
from .review import review_command
from .validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="memo-tei")
def main() -> None:
    """Turn OCR text of declassified records into TEI P5 XML, validate it, export Dublin Core."""


main.add_command(convert_command)
main.add_command(export_command)
main.add_command(verify_bag_command)
main.add_command(validate_command)
main.add_command(oai_group)
main.add_command(review_command)

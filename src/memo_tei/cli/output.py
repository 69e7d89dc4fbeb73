"""How the CLI speaks: one line per problem on stderr, naming the file."""

from __future__ import annotations

import click


def error(where: str, message: str) -> None:
    click.echo(f"memo-tei: {where}: error: {message}", err=True)


def warning(where: str, message: str) -> None:
    click.echo(f"memo-tei: {where}: warning: {message}", err=True)

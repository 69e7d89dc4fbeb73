"""Load the recognition rules: the package's ``rules.toml`` plus any file a user names.

The rules are data an archivist extends (see the comments in ``rules.toml``); this module
only checks their shape, compiles them once, and puts a user's rows before ours.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import RulesError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str


class LevelRow(_Row):
    code: Literal["TS", "S", "C", "R", "U"]


class StampRow(_Row):
    type: Literal["declassification", "release", "exemption", "other"]
    name: str = ""


class FieldRow(_Row):
    name: str


class LetterheadRow(_Row):
    name: str | None = None


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: list[LevelRow] = []
    caveat: list[_Row] = []
    stamp: list[StampRow] = []
    page_number: list[_Row] = []
    archival_id: list[_Row] = []
    field: list[FieldRow] = []
    letterhead: list[LetterheadRow] = []
    authority: list[_Row] = []


@dataclass(frozen=True)
class Compiled:
    """A rule row with its pattern compiled."""

    regex: re.Pattern[str]
    label: str = ""
    extra: str = ""


@dataclass(frozen=True)
class Rules:
    """Compiled rules, in the order they are tried (a user's rows first)."""

    levels: tuple[Compiled, ...]
    banner: re.Pattern[str]
    stamps: tuple[Compiled, ...]
    page_numbers: tuple[Compiled, ...]
    archival_ids: tuple[Compiled, ...]
    fields: tuple[Compiled, ...]
    letterheads: tuple[Compiled, ...]
    authorities: tuple[Compiled, ...]


def load_rules(extra: Path | None = None) -> Rules:
    """The package rules, with the rows of ``extra`` (a TOML file) tried first."""
    return _load(str(extra) if extra else None)


@lru_cache(maxsize=8)
def _load(extra: str | None) -> Rules:
    ours = _parse(resources.files(__package__).joinpath("rules.toml").read_text("utf-8"), "rules.toml")
    if extra is None:
        return _compile(ours)
    try:
        text = Path(extra).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(f"{extra}: cannot read rules: {err}") from None
    theirs = _parse(text, extra)
    merged = RuleFile(**{name: getattr(theirs, name) + getattr(ours, name) for name in RuleFile.model_fields})
    return _compile(merged)


def _parse(text: str, where: str) -> RuleFile:
    try:
        return RuleFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        raise RulesError(f"{where}: not TOML: {err}") from None
    except ValidationError as err:
        first = err.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        raise RulesError(f"{where}: {path}: {first['msg']}") from None


def _compile(rules: RuleFile) -> Rules:
    def rows(items, label=lambda r: "", extra=lambda r: "") -> tuple[Compiled, ...]:
        return tuple(Compiled(_regex(r.pattern), label(r), extra(r) or "") for r in items)

    levels = rows(rules.level, label=lambda r: r.code)
    words = "|".join(f"(?:{r.pattern})" for r in [*rules.level, *rules.caveat])
    banner = _regex(rf"(?:{words})(?:[\s/,;:.()\-–—]*(?:{words}))*[\s/,;:.()\-–—]*$")
    return Rules(
        levels=levels,
        banner=banner,
        stamps=rows(rules.stamp, label=lambda r: r.type, extra=lambda r: r.name),
        page_numbers=rows(rules.page_number),
        archival_ids=rows(rules.archival_id),
        fields=rows(rules.field, label=lambda r: r.name),
        letterheads=rows(rules.letterhead, extra=lambda r: r.name),
        authorities=rows(rules.authority),
    )


def _regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise RulesError(f"bad pattern {pattern!r}: {err}") from None


def first_match(rows: tuple[Compiled, ...], text: str) -> tuple[Compiled, re.Match[str]] | None:
    """The first row whose pattern matches at the start of ``text``, with its match."""
    for row in rows:
        match = row.regex.match(text)
        if match:
            return row, match
    return None

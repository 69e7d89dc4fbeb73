"""Schemas compiled once per process, however many documents they check.

A schema is known by its file's suffix (.rng, .sch, .xsd) and cached by path and
modification time, so a long-lived process sees an edited schema and a batch run
compiles tei_all (several seconds) once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .checker import Checker
from .dublin_core import DublinCoreRecordChecker
from .errors import SchemaLoadError
from .relaxng import RelaxNGChecker
from .schematron import SchematronChecker
from .shipped import OAI_DC_SCHEMA, TEI_GRAMMAR, TEI_RULES, shipped_schema
from .xsd import XsdChecker

#: Schema file suffix to the checker that compiles it.
LOADERS: dict[str, Callable[[Path], Checker]] = {
    ".rng": RelaxNGChecker,
    ".sch": SchematronChecker,
    ".xsd": XsdChecker,
}


def load_schema(path: str | os.PathLike[str]) -> Checker:
    """The compiled schema of a file, from the cache when it has not changed."""
    path = Path(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise SchemaLoadError(f"{path}: unknown kind of schema (use .rng, .sch or .xsd)")
    try:
        stat = path.stat()
    except OSError as err:
        raise SchemaLoadError(f"cannot read schema {path}: {err.strerror or err}") from None
    return _compiled(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _compiled(path: str, mtime_ns: int, size: int) -> Checker:
    resolved = Path(path)
    return LOADERS[resolved.suffix.lower()](resolved)


def tei_checkers() -> tuple[Checker, ...]:
    """memo-tei.rng and memo-tei.sch: the profile, grammar then rules."""
    return (load_schema(shipped_schema(TEI_GRAMMAR)), load_schema(shipped_schema(TEI_RULES)))


def oai_dc_checkers() -> tuple[Checker, ...]:
    """oai_dc.xsd (importing the simple DC schema), then the harvesters' record rules."""
    return (load_schema(shipped_schema(OAI_DC_SCHEMA)), DublinCoreRecordChecker())

"""The official ``oai_dc.xsd``, found locally and compiled once: nothing is fetched.

The schema ships in the package (``memo_tei/schemas`` in a wheel, the top-level ``schemas/``
of a source tree). Validation yields findings as data; :func:`check_oai_dc` raises on the
first, since a record that does not validate is a bug of ours, never a file left behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InvalidOutputError, MemoTeiError
from .names import OAI_DC_XSD

if TYPE_CHECKING:
    import xmlschema
    from lxml import etree



class SchemaMissingError(MemoTeiError, FileNotFoundError):
    """A schema memo-tei ships is not where the package keeps it (a broken install)."""


@dataclass(frozen=True)
class SchemaFinding:
    """One way a record breaks the schema: where (an XPath) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def locate_schema(name: str, *, extra_dirs: tuple[Path, ...] = ()) -> Path:
    """The path of a shipped schema (found as the validator finds it: the installed
    package, then the source tree), else in ``extra_dirs``."""
    from ..validate.shipped import shipped_schema

    try:
        return shipped_schema(name)
    except MemoTeiError as err:
        for folder in extra_dirs:
            if (folder / name).is_file():
                return folder / name
        raise SchemaMissingError(str(err)) from None


@lru_cache(maxsize=4)
def oai_dc_schema(path: Path | None = None) -> xmlschema.XMLSchema:
    """The compiled oai_dc schema; local files only, so validation never reaches the network."""
    import xmlschema

    return xmlschema.XMLSchema(str(path or locate_schema(OAI_DC_XSD)), allow="local")


def iter_oai_dc_findings(root: etree._Element, *, schema_path: Path | None = None) -> Iterator[SchemaFinding]:
    """Every way an ``oai_dc:dc`` element breaks the official schema."""
    for error in oai_dc_schema(schema_path).iter_errors(root):  # type: ignore[arg-type]  # xmlschema reads lxml trees; its protocol and lxml's stubs type tag apart
        yield SchemaFinding(path=error.path or "/", reason=str(error.reason or error.message))


def check_oai_dc(root: etree._Element, *, schema_path: Path | None = None) -> None:
    """Raise :class:`InvalidOutputError` on the first way the record breaks the schema."""
    for finding in iter_oai_dc_findings(root, schema_path=schema_path):
        raise InvalidOutputError(f"oai_dc record does not validate: {finding}")

"""Validation: every finding for a document, from its bytes to its schemas.

The kind of a document is read from its root element: TEI is checked against memo-tei.rng
and memo-tei.sch, an ``oai_dc:dc`` record against oai_dc.xsd and the record rules. Schemas
a caller names are applied to every document on top of these; a document of another kind
is an error unless the caller named some schema for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from lxml import etree

from ..limits import MAX_XML_BYTES
from .checker import Checker
from .errors import DocumentInvalidError
from .findings import IN_MEMORY, Finding
from .names import KINDS
from .nodes import line_of
from .parse import Parsed, parse_document, parse_file
from .schemas import load_schema, oai_dc_checkers, tei_checkers

SchemaPath = str | os.PathLike[str]

#: Kind of document to the schemas that always apply to it.
BUILTIN: dict[str, Callable[[], tuple[Checker, ...]]] = {
    "tei": tei_checkers,
    "oai_dc": oai_dc_checkers,
}


def iter_findings(path: SchemaPath, *, schemas: Sequence[SchemaPath] = (),
                  max_bytes: int = MAX_XML_BYTES, file: str | None = None) -> Iterator[Finding]:
    """Every finding for one XML file, errors and warnings, in the order met.

    ``file`` is the name findings give the document (the path by default). Raises
    :class:`~memo_tei.validate.errors.UnreadableDocumentError` when the file cannot be read
    and :class:`~memo_tei.validate.errors.SchemaLoadError` when a named schema cannot be
    compiled; everything wrong with the document itself is a finding.
    """
    extra = [load_schema(schema) for schema in schemas]
    label = file if file is not None else str(path)
    parsed = parse_file(Path(path), file=label, max_bytes=max_bytes)
    yield from _parsed_findings(parsed, label, extra)


def iter_findings_in_bytes(data: bytes, *, file: str, schemas: Sequence[SchemaPath] = (),
                           max_bytes: int = MAX_XML_BYTES) -> Iterator[Finding]:
    """Every finding for a document given as bytes (standard input, a network response)."""
    extra = [load_schema(schema) for schema in schemas]
    yield from _parsed_findings(parse_document(data, file=file, max_bytes=max_bytes), file, extra)


def iter_tree_findings(tree: etree._ElementTree, *, file: str = IN_MEMORY,
                       schemas: Iterable[Checker] = ()) -> Iterator[Finding]:
    """Every finding for a parsed document, by its kind, then by the extra ``schemas``."""
    extra = tuple(schemas)
    root = tree.getroot()
    kind = KINDS.get(root.tag)
    if kind is None and not extra:
        yield Finding(file, line_of(root), 0, "xml:document-kind",
                      f"the root element is {root.tag!s}, neither TEI nor oai_dc:dc: "
                      "name a schema for other XML with --schema", found=str(root.tag))
    builtin = BUILTIN[kind]() if kind is not None else ()
    for checker in (*builtin, *extra):
        yield from checker.check(tree, file=file)


def validate_file(path: SchemaPath, *, schemas: Sequence[SchemaPath] = (),
                  max_bytes: int = MAX_XML_BYTES) -> None:
    """Raise :class:`~memo_tei.validate.errors.DocumentInvalidError`, holding every error,
    unless the file is valid; warnings do not count."""
    errors = [f for f in iter_findings(path, schemas=schemas, max_bytes=max_bytes) if f.is_error]
    if errors:
        raise DocumentInvalidError(errors)


def is_valid(path: SchemaPath, *, schemas: Sequence[SchemaPath] = (), max_bytes: int = MAX_XML_BYTES) -> bool:
    """True when the file has no error finding (warnings allowed)."""
    return not any(f.is_error for f in iter_findings(path, schemas=schemas, max_bytes=max_bytes))


def check_tei(root: etree._Element, *, file: str = IN_MEMORY) -> list[Finding]:
    """The findings of memo-tei.rng and memo-tei.sch for a TEI tree built in memory, so the
    converter can refuse to write output that breaks its own profile. The compiled schemas
    are cached per process. Warnings are included: keep ``f.is_error`` ones to decide."""
    tree = root.getroottree()
    return [finding for checker in tei_checkers() for finding in checker.check(tree, file=file)]


def _parsed_findings(parsed: Parsed, file: str, extra: Sequence[Checker]) -> Iterator[Finding]:
    yield from parsed.findings
    if parsed.tree is not None:
        yield from iter_tree_findings(parsed.tree, file=file, schemas=extra)

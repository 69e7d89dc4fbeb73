"""Reading and parsing a document that may be hostile, without trusting it.

The parser never expands an entity, never loads a DTD and never touches the network; lxml's
default limits on depth and text size stay on (``huge_tree=False``). A document whose
DOCTYPE declares entities or names an external DTD is refused after parsing: its entity
references were left unexpanded, so its content is not what it claims to be, and nothing
of a file it points to is ever read, so nothing of it can leak into a report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..limits import MAX_XML_BYTES
from .errors import UnreadableDocumentError
from .findings import Finding

#: libxml2 error types that mean entity expansion was refused (an XML bomb).
_ENTITY_ERRORS = {"ERR_ENTITY_LOOP", "ERR_ENTITY_AMPLIFICATION"}
_LIMIT_ERRORS = {"ERR_RESOURCE_LIMIT"}


@dataclass(frozen=True)
class Parsed:
    """A parsed document, or the findings that kept it from being parsed."""

    tree: etree._ElementTree | None
    findings: tuple[Finding, ...] = ()


def safe_parser() -> etree.XMLParser:
    """A fresh parser (its error log is its own) that resolves nothing outside the bytes."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_blank_text=False)


def parse_file(path: Path, *, file: str, max_bytes: int = MAX_XML_BYTES) -> Parsed:
    """Read and parse one file. A file over ``max_bytes`` is refused before it is read, and
    no more than ``max_bytes + 1`` bytes are ever read (a device, a file still growing);
    raises :class:`UnreadableDocumentError` when the system will not give us the file."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return _refused(file, "xml:size-limit", _too_large(size, max_bytes))
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise UnreadableDocumentError(f"cannot read: {err.strerror or err}") from None
    return parse_document(data, file=file, max_bytes=max_bytes)


def parse_document(data: bytes, *, file: str, max_bytes: int = MAX_XML_BYTES) -> Parsed:
    """Parse bytes into a tree, or say why not as findings."""
    if len(data) > max_bytes:
        return _refused(file, "xml:size-limit", _too_large(len(data), max_bytes))
    if not data.strip():
        return _refused(file, "xml:well-formed", "document is empty")
    parser = safe_parser()
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as err:
        return Parsed(None, tuple(_syntax_findings(parser, err, file)))
    refusal = _doctype_refusal(tree, file, _line_of(data, b"<!DOCTYPE"))
    if refusal is not None:
        return Parsed(None, (refusal,))
    return Parsed(tree)


def _syntax_findings(parser: etree.XMLParser, err: etree.XMLSyntaxError, file: str) -> list[Finding]:
    """The parser's own errors (the exception's log also holds other libraries' messages)."""
    findings = []
    for entry in parser.error_log:
        if entry.level < etree.ErrorLevels.ERROR:
            continue
        if entry.type_name in _ENTITY_ERRORS or (entry.type_name in _LIMIT_ERRORS and "entit" in entry.message):
            rule, message = "xml:entities", f"refused: entity expansion over the safe limit: {entry.message}"
        elif entry.type_name in _LIMIT_ERRORS:
            rule, message = "xml:limits", f"refused: over a parser limit: {entry.message}"
        else:
            rule, message = "xml:well-formed", f"not well-formed XML: {entry.message}"
        findings.append(Finding(file, entry.line, entry.column, rule, message.strip()))
    return findings or [Finding(file, 0, 0, "xml:well-formed", f"not well-formed XML: {err}")]


def _doctype_refusal(tree: etree._ElementTree, file: str, line: int) -> Finding | None:
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    entities = [entity.name for entity in dtd.iterentities() if entity.name is not None] if dtd is not None else []
    if entities:
        names = ", ".join(sorted(set(entities))[:5])
        return Finding(file, line, 0, "xml:entities",
                       f"refused: the DOCTYPE declares entities ({names}); memo-tei never expands "
                       "entities nor reads what they point to", found=names)
    if docinfo.system_url or docinfo.public_id:
        return Finding(file, line, 0, "xml:external-dtd",
                       "refused: the DOCTYPE names an external DTD, which memo-tei never loads")
    return None


def _refused(file: str, rule: str, message: str) -> Parsed:
    return Parsed(None, (Finding(file, 0, 0, rule, message),))


def _too_large(size: int, max_bytes: int) -> str:
    return f"refused: the document is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)"


def _line_of(data: bytes, needle: bytes) -> int:
    """The line of the first ``needle`` in an ASCII-compatible document, else 0 (unknown)."""
    offset = data.find(needle)
    return data.count(b"\n", 0, offset) + 1 if offset >= 0 else 0

"""The XML of responses, built with lxml element by element (never by joining strings), so
every value a record or a request brings is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lxml import etree

from .names import OAI_NS, OAI_SCHEMA_URL, XSI_NS

_NSMAP = {None: OAI_NS, "xsi": XSI_NS}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def oai(tag: str) -> str:
    """The Clark name of an OAI-PMH element."""
    return f"{{{OAI_NS}}}{tag}"


def envelope(*, response_date: str, base_url: str, verb: str | None,
             arguments: Mapping[str, str] | None) -> etree._Element:
    """The ``OAI-PMH`` root with ``responseDate`` and ``request``; the request's attributes
    are echoed only when given (never after badVerb or badArgument)."""
    root = etree.Element(oai("OAI-PMH"), nsmap=_NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA_URL}")
    add(root, "responseDate", response_date)
    request = add(root, "request", base_url)
    if verb is not None and arguments is not None:
        request.set("verb", verb)
        for name, value in arguments.items():
            request.set(name, value)
    return root


def add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A child element of the OAI namespace, with its text and attributes."""
    child = etree.SubElement(parent, oai(tag), attributes)
    if text is not None:
        child.text = text
    return child


def add_error(root: etree._Element, code: str, message: str) -> None:
    add(root, "error", message, code=code)


def add_header(parent: etree._Element, *, identifier: str, datestamp: str, sets: Iterable[str],
               deleted: bool) -> etree._Element:
    header = add(parent, "header", **({"status": "deleted"} if deleted else {}))
    add(header, "identifier", identifier)
    add(header, "datestamp", datestamp)
    for spec in sets:
        add(header, "setSpec", spec)
    return header


def add_metadata(record: etree._Element, data: bytes) -> None:
    """The record's stored metadata (oai_dc or TEI), parsed safely and put under ``metadata``."""
    metadata = add(record, "metadata")
    metadata.append(etree.fromstring(data, _PARSER))


def add_resumption(parent: etree._Element, token: str | None, *, cursor: int, size: int) -> None:
    """A ``resumptionToken``: with a token on every page but the last, empty on the last."""
    add(parent, "resumptionToken", token or None, completeListSize=str(size), cursor=str(cursor))


def serialize(root: etree._Element) -> bytes:
    return _DECLARATION + etree.tostring(root, encoding="UTF-8")

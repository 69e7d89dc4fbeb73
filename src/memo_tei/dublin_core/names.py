"""Namespaces and fixed vocabulary of the Dublin Core exports, in one place."""

from __future__ import annotations

DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA_URL = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
OAI_DC_NSMAP = {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}

#: The fifteen elements of simple Dublin Core, in the order of the DCMI schema; every
#: serialisation (oai_dc, JSON, CSV, SAF, metadata.csv) writes them in this order.
DC_ELEMENTS: tuple[str, ...] = (
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
)

#: DCMI Type Vocabulary term for every record memo-tei exports.
DCMI_TEXT = "Text"
#: Media type of the TEI files themselves (RFC 6129).
TEI_MEDIA_TYPE = "application/tei+xml"

#: Suffix of the oai_dc record written beside a TEI file (``<stem>.dc.xml`` beside
#: ``<stem>.xml``); a folder walked for TEI skips such files.
DC_SIDECAR_SUFFIX = ".dc.xml"

#: File names of the shipped schemas (top-level ``schemas/``, ``memo_tei/schemas`` in a wheel).
OAI_DC_XSD = "oai_dc.xsd"
SIMPLE_DC_XSD = "simpledc.xsd"


def dc(tag: str) -> str:
    """The Clark name of a Dublin Core element."""
    return f"{{{DC_NS}}}{tag}"

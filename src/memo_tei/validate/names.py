"""Namespaces and fixed names of validation: the kinds of document memo-tei checks."""

from __future__ import annotations

from ..names import TEI_NS

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"

#: Root element (Clark name) to the kind of document it makes.
KINDS: dict[object, str] = {  # keyed by an element's tag, which lxml types as any tag name
    f"{{{TEI_NS}}}TEI": "tei",
    f"{{{OAI_DC_NS}}}dc": "oai_dc",
}

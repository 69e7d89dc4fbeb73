"""Pointing at a node: a readable XPath and a line for what a validator reports.

Validators locate a failure in their own ways (libxml2: ``/*/*[2]/*[5]``; Schematron:
``/*[local-name()='TEI' and namespace-uri()='...']``); a finding carries one form readers
can use, with the prefixes of docs/PROFILE.md, and the line of the element.
"""

from __future__ import annotations

from lxml import etree

from ..names import TEI_NS, XML_NS
from .names import DC_NS, OAI_DC_NS

PREFIXES = {TEI_NS: "tei", OAI_DC_NS: "oai_dc", DC_NS: "dc", XML_NS: "xml"}


def readable_xpath(element: etree._Element) -> str:
    """``/tei:TEI/tei:text/tei:body/tei:p[3]``: prefixed names, positions where needed."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        steps.append(_step(node))
        node = node.getparent()
    return "/" + "/".join(reversed(steps))


def resolve(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    """The element a validator's XPath names (an attribute's parent), or None."""
    if not path:
        return None
    try:
        found = tree.xpath(path)
    except (etree.XPathError, TypeError, ValueError):
        return None
    if not isinstance(found, list) or not found:
        return None
    first = found[0]
    if isinstance(first, etree._Element):
        return first
    parent = getattr(first, "getparent", None)
    return parent() if parent is not None else None


def line_of(element: etree._Element | None) -> int:
    """The element's line, 0 when unknown (a tree built in memory)."""
    return (element.sourceline or 0) if element is not None else 0


def _step(node: etree._Element) -> str:
    if not isinstance(node.tag, str):  # comment or processing instruction
        return "node()"
    qname = etree.QName(node)
    prefix = PREFIXES.get(qname.namespace or "")
    if prefix:
        name = f"{prefix}:{qname.localname}"
    elif qname.namespace:
        name = f"Q{{{qname.namespace}}}{qname.localname}"
    else:
        name = qname.localname
    parent = node.getparent()
    if parent is None:
        return name
    same = list(parent.iterchildren(node.tag))
    return f"{name}[{same.index(node) + 1}]" if len(same) > 1 else name

"""Reading our TEI back the way its users do: by the profile's fixed XPaths."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


def parse(data: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(data))


def xpath(doc, path: str) -> list:
    return doc.xpath(path, namespaces=NS)


def text_of(element) -> str:
    """Text with a space where a line or page breaks, whitespace collapsed."""
    parts: list[str] = []

    def walk(node) -> None:
        if etree.QName(node).localname in ("lb", "pb"):
            parts.append(" ")
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def page_of(element) -> int:
    """Position of the nearest pb before the element (1 when none)."""
    return max(1, int(element.xpath("count(preceding::tei:pb)", namespaces=NS)))

"""What every compiled schema or rule set offers: findings for a parsed tree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from lxml import etree

from .findings import Finding


class Checker(Protocol):
    """A schema compiled once and applied to any number of documents."""

    #: What findings name as their rule (or the prefix of it): the schema's file name.
    name: str

    def check(self, tree: etree._ElementTree, *, file: str) -> Iterator[Finding]:
        """Every finding for one document, in the order the schema met them."""
        ...


def schema_parser() -> etree.XMLParser:
    """For schema files, which are trusted more than documents: internal entities are
    expanded (some hand-written schemas use them), external ones and the network are not."""
    return etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False)

"""RELAX NG (XML syntax) with lxml: memo-tei.rng, or any grammar a user names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .checker import schema_parser
from .errors import SchemaLoadError
from .findings import Finding
from .nodes import line_of, readable_xpath, resolve

#: libxml2 names the element a message is about ("Element fw failed to validate ...")
#: while its path may point at a child; the finding points at the element named.
_NAMED = re.compile(r"^Element (\S+) ")


class RelaxNGChecker:
    """A compiled RELAX NG grammar."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            self._schema = etree.RelaxNG(etree.parse(str(path), schema_parser()))
        except (OSError, etree.LxmlError) as err:
            raise SchemaLoadError(f"cannot load RELAX NG schema {path}: {err}") from None

    def check(self, tree: etree._ElementTree, *, file: str) -> Iterator[Finding]:
        if self._schema.validate(tree):
            return
        seen: set[tuple[int, str, str]] = set()
        for entry in self._schema.error_log:
            element = _named(resolve(tree, entry.path), entry.message)
            line = line_of(element) or (entry.line if 0 < entry.line < 65535 else 0)
            xpath = readable_xpath(element) if element is not None else entry.path
            key = (line, xpath or "", entry.message)
            if key in seen:
                continue
            seen.add(key)
            yield Finding(file, line, entry.column if line else 0, self.name, entry.message.strip(), xpath=xpath)


def _named(element: etree._Element | None, message: str) -> etree._Element | None:
    match = _NAMED.match(message)
    if element is None or match is None:
        return element
    name = match.group(1)
    node: etree._Element | None = element
    while node is not None:
        if isinstance(node.tag, str) and etree.QName(node).localname == name:
            return node
        node = node.getparent()
    return element

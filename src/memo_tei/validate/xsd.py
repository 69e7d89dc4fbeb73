"""W3C XML Schema with xmlschema: oai_dc.xsd (which imports the simple DC schema), or any
XSD a user names. Local files only: xmlschema is told never to reach the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .errors import SchemaLoadError
from .findings import Finding
from .nodes import line_of, readable_xpath


class XsdChecker:
    """A compiled XML Schema."""

    def __init__(self, path: Path) -> None:
        import xmlschema

        self.name = path.name
        try:
            self._schema = xmlschema.XMLSchema(str(path.resolve()), allow="local")
        except (OSError, xmlschema.XMLSchemaException, etree.LxmlError, SyntaxError) as err:
            raise SchemaLoadError(f"cannot load XML Schema {path}: {err}") from None

    def check(self, tree: etree._ElementTree, *, file: str) -> Iterator[Finding]:
        for error in self._schema.iter_errors(tree, use_location_hints=False):
            element = error.elem if isinstance(error.elem, etree._Element) else None
            line = error.sourceline or line_of(element)
            reason = error.reason or error.message
            yield Finding(file, line or 0, 0, self.name, " ".join(str(reason).split()),
                          xpath=readable_xpath(element) if element is not None else error.path)

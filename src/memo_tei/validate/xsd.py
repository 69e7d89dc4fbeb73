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
        for error in self._schema.iter_errors(tree, use_location_hints=False):  # type: ignore[arg-type]  # xmlschema reads lxml trees; its protocol and lxml's stubs type tag apart
            element = _culprit(error)
            line = line_of(element) or error.sourceline
            reason = error.reason or error.message
            yield Finding(file, line or 0, 0, self.name, " ".join(str(reason).split()),
                          xpath=readable_xpath(element) if element is not None else error.path)


def _culprit(error: object) -> etree._Element | None:
    """The element an error is about: for an unexpected child, that child, not its parent."""
    element = getattr(error, "elem", None)
    if not isinstance(element, etree._Element):
        return None
    index = getattr(error, "index", None)
    children = list(element.iterchildren(etree.Element))
    if isinstance(index, int) and 0 <= index < len(children):
        return children[index]
    return element

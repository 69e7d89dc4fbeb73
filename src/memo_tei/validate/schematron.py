"""ISO Schematron with lxml.isoschematron (XSLT 1.0): memo-tei.sch, or a user's rules.

Each failed assert and each successful report of the SVRL output is a finding named
``<schema file>:<assert id>``; ``role="warning"`` (or ``info``) makes it a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree, isoschematron

from .checker import schema_parser
from .errors import SchemaLoadError
from .findings import Finding, Severity
from .nodes import line_of, readable_xpath, resolve

SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_WARNING_ROLES = {"warning", "warn", "info", "information"}


class SchematronChecker:
    """A compiled Schematron schema."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            self._schema = isoschematron.Schematron(etree.parse(str(path), schema_parser()),
                                                    store_report=True)
        except (OSError, etree.LxmlError) as err:
            raise SchemaLoadError(f"cannot load Schematron schema {path}: {err}") from None

    def check(self, tree: etree._ElementTree, *, file: str) -> Iterator[Finding]:
        self._schema.validate(tree)
        report = self._schema.validation_report
        if report is None:
            return
        for failure in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL):
            yield self._finding(tree, failure, file)

    def _finding(self, tree: etree._ElementTree, failure: etree._Element, file: str) -> Finding:
        ident = failure.get("id")
        element = resolve(tree, failure.get("location"))
        text = failure.findtext("svrl:text", default="", namespaces=SVRL)
        severity: Severity = "warning" if (failure.get("role") or "").lower() in _WARNING_ROLES else "error"
        return Finding(
            file, line_of(element), 0, f"{self.name}:{ident}" if ident else self.name,
            " ".join(text.split()) or f"assertion failed: {failure.get('test')}",
            xpath=readable_xpath(element) if element is not None else failure.get("location"),
            severity=severity,
        )

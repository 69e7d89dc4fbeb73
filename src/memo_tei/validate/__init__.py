"""Validation of memo-tei's TEI and Dublin Core against the project's own schemas.

TEI is checked against ``memo-tei.rng`` (a stricter subset of TEI P5 tei_all) and
``memo-tei.sch`` (ISO Schematron for what a grammar cannot say); ``oai_dc`` records against
``oai_dc.xsd`` and the rules harvesters apply. Findings are data
(:class:`~memo_tei.validate.findings.Finding`); nothing here prints or exits.

    from memo_tei.validate import iter_findings, is_valid, check_tei

    for finding in iter_findings("out/memo.xml", schemas=["tei_all.rng"]):
        print(finding)        # out/memo.xml:12:0: error: ... [memo-tei.rng]
"""

from __future__ import annotations

from .core import (
    check_tei,
    is_valid,
    iter_findings,
    iter_findings_in_bytes,
    iter_tree_findings,
    validate_file,
)
from .errors import DocumentInvalidError, SchemaLoadError, UnreadableDocumentError
from .findings import Finding, Severity
from .schemas import load_schema

__all__ = [
    "DocumentInvalidError",
    "Finding",
    "SchemaLoadError",
    "Severity",
    "UnreadableDocumentError",
    "check_tei",
    "is_valid",
    "iter_findings",
    "iter_findings_in_bytes",
    "iter_tree_findings",
    "load_schema",
    "validate_file",
]

"""Validation results as text, JSON or JUnit XML: pure functions of the findings.

Text is one line per finding, ``file:line:col: severity: message [rule]``, the form editors
and CI logs link to their source (0 stands for an unknown line or column). JUnit XML has one
testsuite with one testcase per file: a ``failure`` per error, warnings in ``system-out``,
and an ``error`` for a file that could not be read at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from .findings import Finding

FORMATS = ("text", "json", "junit")
SUITE = "memo-tei validate"
#: What XML 1.0 cannot hold, replaced in JUnit output (a message may quote a file name).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FileReport:
    """What became of one file: its findings, or why it could not be checked."""

    file: str
    findings: tuple[Finding, ...] = ()
    problem: str | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def valid(self) -> bool:
        return self.problem is None and not self.errors


def render(reports: Sequence[FileReport], fmt: str) -> bytes:
    """The report in one of :data:`FORMATS`, as the bytes to write."""
    if fmt == "json":
        return render_json(reports).encode("utf-8", "replace")
    if fmt == "junit":
        return render_junit(reports)
    # A file name the system gave as undecodable bytes is written back as those bytes.
    return render_text(reports).encode("utf-8", "surrogateescape")


def render_text(reports: Sequence[FileReport]) -> str:
    return "".join(f"{finding}\n" for report in reports for finding in report.findings)


def render_json(reports: Sequence[FileReport]) -> str:
    files = [
        {"file": r.file, "valid": r.valid, "problem": r.problem, "findings": [f.as_dict() for f in r.findings]}
        for r in reports
    ]
    return json.dumps({"valid": all(r.valid for r in reports), "files": files}, ensure_ascii=False, indent=2) + "\n"


def render_junit(reports: Sequence[FileReport]) -> bytes:
    suite = etree.Element("testsuite", name=SUITE, tests=str(len(reports)),
                          failures=str(sum(1 for r in reports if r.problem is None and r.errors)),
                          errors=str(sum(1 for r in reports if r.problem is not None)), skipped="0")
    for report in reports:
        case = etree.SubElement(suite, "testcase", classname=SUITE, name=report.file, file=report.file)
        if report.problem is not None:
            problem = _xml_safe(report.problem)
            etree.SubElement(case, "error", message=problem, type="unreadable").text = problem
        for finding in report.errors:
            failure = etree.SubElement(case, "failure", type=finding.rule,
                                       message=_xml_safe(f"{finding.line}:{finding.column}: {finding.message}"))
            failure.text = _xml_safe(str(finding))
        warnings = [str(f) for f in report.findings if not f.is_error]
        if warnings:
            etree.SubElement(case, "system-out").text = _xml_safe("\n".join(warnings))
    etree.indent(suite)
    return etree.tostring(suite, encoding="UTF-8", xml_declaration=True) + b"\n"


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)

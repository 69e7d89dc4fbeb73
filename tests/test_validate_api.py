"""The library: findings as data, thin wrappers, schemas compiled once, nothing printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from memo_tei.validate import (
    DocumentInvalidError,
    Finding,
    SchemaLoadError,
    UnreadableDocumentError,
    is_valid,
    iter_findings,
    load_schema,
    validate_file,
)
from memo_tei.validate.report import FileReport, render
from memo_tei.validate.schemas import tei_checkers
from memo_tei.validate.shipped import schema_dir

from .conftest import FIXTURES

VALIDATE = FIXTURES / "validate"


def test_finding_is_frozen_data_with_a_standard_line() -> None:
    finding = Finding("a.xml", 3, 0, "memo-tei.rng", "Element fw failed", xpath="/tei:TEI")
    assert str(finding) == "a.xml:3:0: error: Element fw failed [memo-tei.rng]"
    assert finding.as_dict()["xpath"] == "/tei:TEI"
    with pytest.raises(AttributeError):
        finding.line = 4  # type: ignore[misc]


def test_wrappers_agree_with_the_primitive() -> None:
    good, bad = VALIDATE / "valid-profile.xml", VALIDATE / "catref-not-highest.xml"
    assert is_valid(good) and not is_valid(bad)
    validate_file(good)
    with pytest.raises(DocumentInvalidError) as caught:
        validate_file(bad)
    assert [f.rule for f in caught.value.findings] == ["memo-tei.sch:catref-highest"]
    assert "catref-highest" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_warnings_do_not_make_a_file_invalid() -> None:
    path = VALIDATE / "pb-number-before-first.xml"
    assert any(not f.is_error for f in iter_findings(path))
    with pytest.raises(DocumentInvalidError) as caught:
        validate_file(path)
    assert all(f.is_error for f in caught.value.findings)


def test_unreadable_file_and_broken_schema_raise(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError):
        list(iter_findings(tmp_path / "missing.xml"))
    broken = tmp_path / "broken.sch"
    broken.write_text("<not-schematron/>")
    with pytest.raises(SchemaLoadError):
        load_schema(broken)
    with pytest.raises(SchemaLoadError):
        load_schema(tmp_path / "schema.txt")


def test_schemas_are_compiled_once_and_recompiled_when_changed(tmp_path: Path) -> None:
    assert tei_checkers()[0] is tei_checkers()[0]
    rng = tmp_path / "one.rng"
    rng.write_text("<element name='a' xmlns='http://relaxng.org/ns/structure/1.0'><empty/></element>")
    first = load_schema(rng)
    assert load_schema(rng) is first
    rng.write_text("<element name='b' xmlns='http://relaxng.org/ns/structure/1.0'><empty/></element>")
    assert load_schema(rng) is not first


def test_the_shipped_schemas_are_found() -> None:
    names = {p.name for p in schema_dir().iterdir()}
    assert {"memo-tei.rng", "memo-tei.sch", "oai_dc.xsd", "simpledc.xsd", "xml.xsd"} <= names


def test_library_prints_nothing(capsys) -> None:
    list(iter_findings(VALIDATE / "fw-classification-without-ana.xml"))
    list(iter_findings(VALIDATE / "not-well-formed.xml"))
    assert capsys.readouterr() == ("", "")


def test_reports_render_every_format() -> None:
    findings = tuple(iter_findings(VALIDATE / "catref-not-highest.xml", file="x.xml"))
    reports = [FileReport("x.xml", findings), FileReport("gone.xml", problem="cannot read: No such file")]
    assert render(reports, "text").decode().startswith("x.xml:54:0: error:")
    assert b'"valid": false' in render(reports, "json")
    assert render(reports, "junit").startswith(b"<?xml")


def test_cli_module_does_not_import_lxml() -> None:
    import subprocess
    import sys

    code = "import sys, memo_tei.cli.validate; sys.exit('lxml' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

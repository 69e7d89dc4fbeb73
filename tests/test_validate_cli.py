"""``memo-tei validate`` as a user runs it: stdout, stderr and the exit code, in process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from memo_tei.cli import main

from .conftest import FIXTURES, SHARED

VALIDATE = FIXTURES / "validate"
GOOD = str(VALIDATE / "valid-profile.xml")
BAD = str(VALIDATE / "fw-classification-without-ana.xml")
DC = str(VALIDATE / "valid-dc-record.xml")
WARNED = str(VALIDATE / "pb-number-before-first.xml")
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                  r"(?P<message>.+) \[(?P<rule>[^\]]+)\]$")


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["validate", *args], input=stdin)


@pytest.mark.parametrize(("args", "code", "in_stdout", "in_stderr"), [
    ((GOOD,), 0, "", "1 file(s) checked: 1 valid"),
    ((GOOD, DC), 0, "", "2 file(s) checked: 2 valid"),
    ((BAD,), 1, "fw-classification-without-ana.xml:63:0: error:", "1 invalid"),
    ((GOOD, BAD), 1, "[memo-tei.sch:fw-classification-ana]", "1 valid, 1 invalid"),
    ((str(VALIDATE / "not-well-formed.xml"),), 1, "[xml:well-formed]", "1 invalid"),
    ((str(VALIDATE / "unknown-root.xml"),), 1, "[xml:document-kind]", ""),
    (("/no/such/file.xml",), 2, "", "/no/such/file.xml: error: cannot read"),
    ((GOOD, "/no/such/file.xml", BAD), 2, "[memo-tei.rng]", "1 unreadable"),
    (("--format", "yaml", GOOD), 2, "", "Invalid value for '--format'"),
    (("--schema", "/no/such.rng", GOOD), 2, "", "does not exist"),
    ((), 2, "", "Missing argument"),
], ids=["valid", "valid-tei-and-dc", "invalid", "one-of-two-invalid", "not-xml", "unknown-root",
        "missing-file", "missing-among-others", "bad-format", "missing-schema", "no-paths"])
def test_exit_codes_and_streams(args: tuple[str, ...], code: int, in_stdout: str, in_stderr: str) -> None:
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert in_stdout in result.stdout
    assert in_stderr in result.stderr


def test_every_finding_is_one_parsable_line() -> None:
    result = run(BAD, WARNED)
    lines = result.stdout.splitlines()
    assert len(lines) >= 3
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert Path(match["file"]).name in ("fw-classification-without-ana.xml", "pb-number-before-first.xml")
    assert any((match := LINE.match(line)) and match["severity"] == "warning" for line in lines)


def test_warnings_alone_do_not_fail() -> None:
    ok = str(VALIDATE / "valid-profile.xml")
    result = run(ok)
    assert result.exit_code == 0 and result.stdout == ""


def test_directories_are_walked_for_xml(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "doc.xml").write_bytes(Path(GOOD).read_bytes())
    (tmp_path / "a" / "notes.txt").write_text("not xml")
    (tmp_path / "a" / ".hidden.xml").write_text("<broken")
    result = run(str(tmp_path))
    assert result.exit_code == 0, result.stdout
    assert "1 file(s) checked" in result.stderr


def test_an_empty_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "no *.xml files" in result.stderr


def test_stdin() -> None:
    result = run("-", stdin=Path(BAD).read_bytes())
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:")


def test_json_report() -> None:
    result = run("--format", "json", GOOD, BAD)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    good, bad = report["files"]
    assert good == {"file": GOOD, "valid": True, "problem": None, "findings": []}
    rules = {f["rule"] for f in bad["findings"]}
    assert rules == {"memo-tei.rng", "memo-tei.sch:fw-classification-ana"}
    fields = {"file", "line", "column", "rule", "message", "xpath", "severity", "expected", "found"}
    assert fields <= set(bad["findings"][0])
    assert bad["findings"][1]["xpath"].startswith("/tei:TEI/tei:text/tei:body/tei:fw")


def test_junit_report_parses_as_one_suite_with_a_case_per_file() -> None:
    result = run("--format", "junit", GOOD, BAD, WARNED, "/no/such/file.xml")
    assert result.exit_code == 2
    suite = etree.fromstring(result.stdout_bytes)
    assert suite.tag == "testsuite"
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [GOOD, BAD, WARNED, "/no/such/file.xml"]
    assert cases[0].find("failure") is None
    failures = cases[1].findall("failure")
    assert {f.get("type") for f in failures} == {"memo-tei.rng", "memo-tei.sch:fw-classification-ana"}
    assert all(f.get("message") and f.text for f in failures)
    assert "pb-backwards" in cases[2].findtext("system-out")
    assert cases[3].find("error") is not None


def test_a_user_schematron_and_xsd_are_applied(tmp_path: Path) -> None:
    sch = tmp_path / "house.sch"
    sch.write_text("""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <pattern><rule context="/*">
    <assert id="has-stamp" test="descendant::*[local-name() = 'stamp' and @type = 'exemption']">no stamp</assert>
  </rule></pattern></schema>""")
    xsd = tmp_path / "tiny.xsd"
    xsd.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="record"/></xs:schema>')
    assert run("--schema", str(sch), GOOD).exit_code == 0
    result = run("--schema", str(sch), DC)  # the user's rule is applied to every file
    assert result.exit_code == 1 and "[house.sch:has-stamp]" in result.stdout
    other = tmp_path / "record.xml"
    other.write_text("<record/>")
    assert run("--schema", str(xsd), str(other)).exit_code == 0  # other XML, with a schema for it
    result = run("--schema", str(xsd), GOOD)
    assert result.exit_code == 1 and "[tiny.xsd]" in result.stdout


def test_a_schema_that_does_not_compile_is_a_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rng"
    broken.write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'>"
                      "<start><ref name='nowhere'/></start></grammar>")
    result = run("--schema", str(broken), GOOD)
    assert result.exit_code == 2
    assert "cannot load RELAX NG schema" in result.stderr
    unknown = tmp_path / "schema.dtd"
    unknown.write_text("<!ELEMENT a EMPTY>")
    assert run("--schema", str(unknown), GOOD).exit_code == 2


@pytest.mark.skipif(not (SHARED / "reference-schemas" / "tei_all.rng").exists(), reason="tei_all.rng is absent")
def test_tei_all_named_with_schema() -> None:
    tei_all = str(SHARED / "reference-schemas" / "tei_all.rng")
    assert run("--schema", tei_all, GOOD).exit_code == 0
    result = run("--schema", tei_all, str(VALIDATE / "div-in-body.xml"), str(VALIDATE / "header-unknown-element.xml"))
    assert result.exit_code == 1
    assert "[tei_all.rng]" in result.stdout  # funder is not allowed there by TEI either


def test_help_states_the_exit_codes() -> None:
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert result.exit_code == 0
    assert "Exit status: 0" in result.stdout and "2 usage error" in result.stdout

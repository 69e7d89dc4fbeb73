"""Each rule of the profile, with a fixture that breaks it and fixtures that keep it.

One fixture per defect in tests/fixtures/validate/, named for it. An invalid fixture must
fail for the reason it was written for: the set of rules with errors is exactly the one
listed (the grammar and the Schematron restatement of the vocabulary both speak for the
fixed vocabulary), and the first rule's finding is on the line of the defect.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from memo_tei.validate import iter_findings

from .conftest import FIXTURES

VALIDATE = FIXTURES / "validate"

#: fixture (without .xml), the rules that must report errors, the line of the first one's.
INVALID = [
    ("fw-classification-without-ana", ('memo-tei.rng', 'memo-tei.sch:fw-classification-ana'), 63),
    ("fw-unknown-type", ('memo-tei.rng', 'memo-tei.sch:fw-type'), 62),
    ("fw-between-blocks-without-place", ('memo-tei.sch:fw-place', 'memo-tei.rng'), 62),
    ("fw-stamp-with-loose-text", ('memo-tei.rng', 'memo-tei.sch:fw-stamp-content'), 80),
    ("stamp-unknown-type", ('memo-tei.sch:stamp-type', 'memo-tei.rng'), 72),
    ("ab-unknown-type", ('memo-tei.rng', 'memo-tei.sch:ab-type'), 64),
    ("ab-field-without-subtype", ('memo-tei.rng', 'memo-tei.sch:ab-field-subtype'), 65),
    ("seg-unknown-type", ('memo-tei.rng', 'memo-tei.sch:seg-type'), 69),
    ("seg-portion-without-ana", ('memo-tei.rng', 'memo-tei.sch:seg-portion-ana'), 69),
    ("gap-reason-not-withheld", ('memo-tei.rng', 'memo-tei.sch:gap-reason'), 70),
    ("cert-without-rule", ("memo-tei.sch:cert-names-rule",), 73),
    ("note-not-a-footnote", ('memo-tei.rng', 'memo-tei.sch:note-foot'), 69),
    ("text-loose-in-body", ('memo-tei.sch:body-no-text', 'memo-tei.rng'), 60),
    ("body-not-opening-with-pb", ('memo-tei.sch:body-starts-with-pb', 'memo-tei.rng'), 60),
    ("ana-unknown-level", ('memo-tei.rng', 'memo-tei.sch:ana-in-taxonomy'), 63),
    ("div-in-body", ('memo-tei.rng',), 69),
    ("loose-note-without-anchored", ('memo-tei.rng',), 79),
    ("del-without-rend", ('memo-tei.rng',), 63),
    ("header-unknown-element", ('memo-tei.rng',), 10),
    ("language-not-iso639", ('memo-tei.rng',), 51),
    ("pb-without-n", ('memo-tei.sch:pb-n-present', 'memo-tei.rng'), 75),
    ("ana-without-category", ('memo-tei.sch:ana-in-taxonomy',), 68),
    ("catref-target-without-category", ('memo-tei.sch:catref-in-taxonomy', 'memo-tei.sch:ana-in-taxonomy'), 53),
    ("catref-missing", ('memo-tei.sch:catref-present',), 2),
    ("catref-not-highest", ('memo-tei.sch:catref-highest',), 54),
    ("footnote-marker-twice-on-page", ('memo-tei.sch:footnote-unique-on-page',), 78),
    ("pb-number-zero", ('memo-tei.sch:pb-number-positive', 'memo-tei.sch:pb-not-before-first'), 75),
    ("pb-number-not-whole", ('memo-tei.sch:pb-number-positive',), 75),
    ("pb-number-before-first", ('memo-tei.sch:pb-not-before-first',), 75),
    ("pb-n-blank", ('memo-tei.sch:pb-n-present', 'memo-tei.rng'), 75),
    ("date-when-not-iso8601", ('memo-tei.rng', 'memo-tei.sch:date-when-shape'), 48),
    ("date-when-with-time", ('memo-tei.rng', 'memo-tei.sch:date-when-shape'), 48),
    ("date-when-month-13", ('memo-tei.rng', 'memo-tei.sch:date-when-month'), 48),
    ("date-when-february-30", ('memo-tei.rng', 'memo-tei.sch:date-when-day'), 48),
    ("date-when-february-29-not-leap", ('memo-tei.rng', 'memo-tei.sch:date-when-day'), 48),
    ("date-when-april-31", ('memo-tei.rng', 'memo-tei.sch:date-when-day'), 22),
    ("provenance-hash-missing", ('memo-tei.sch:provenance-hash-present',), 4),
    ("provenance-hash-malformed", ('memo-tei.sch:provenance-hash-form',), 16),
    ("provenance-hash-not-hex", ('memo-tei.sch:provenance-hash-form',), 16),
    ("title-empty", ('memo-tei.sch:title-present',), 4),
    ("dc-title-missing", ('dc-record:title-present',), 2),
    ("dc-identifier-missing", ('dc-record:identifier-present',), 2),
    ("dc-date-missing", ('dc-record:date-present',), 2),
    ("dc-type-missing", ('dc-record:type-present',), 2),
    ("dc-title-empty", ('dc-record:title-present',), 2),
    ("dc-date-not-iso8601", ('dc-record:date-iso8601',), 5),
    ("dc-date-impossible", ('dc-record:date-iso8601',), 5),
    ("dc-language-not-iso639", ('dc-record:language-iso639',), 10),
    ("dc-language-unknown-code", ('dc-record:language-iso639',), 10),
    ("dc-control-character", ('dc-record:no-control-characters',), 11),
    ("dc-unknown-element", ('oai_dc.xsd',), 12),
    ("dc-element-with-child", ('oai_dc.xsd',), 4),
    ("dc-bad-xml-lang", ('oai_dc.xsd',), 11),
    ("not-well-formed", ('xml:well-formed',), 8),
    ("empty", ('xml:well-formed',), 0),
    ("unknown-root", ('xml:document-kind',), 2),
]

VALID = sorted(p.name for p in VALIDATE.glob("valid-*.xml"))


def _findings(name: str) -> list:
    return list(iter_findings(VALIDATE / name))


@pytest.mark.parametrize(("fixture", "rules", "line"), INVALID, ids=[row[0] for row in INVALID])
def test_invalid_fixture_fails_for_its_reason(fixture: str, rules: tuple[str, ...], line: int) -> None:
    findings = _findings(f"{fixture}.xml")
    assert {f.rule for f in findings if f.is_error} == set(rules), [str(f) for f in findings]
    assert line in [f.line for f in findings if f.rule == rules[0]], [str(f) for f in findings]


@pytest.mark.parametrize("fixture", VALID)
def test_valid_fixture_has_no_finding(fixture: str) -> None:
    assert [str(f) for f in _findings(fixture)] == []


def test_every_rule_of_the_schematron_has_a_failing_fixture() -> None:
    from lxml import etree

    sch = etree.parse(str(Path(__file__).resolve().parents[1] / "schemas" / "memo-tei.sch"))
    ids = set(sch.xpath("//sch:assert/@id", namespaces={"sch": "http://purl.oclc.org/dsdl/schematron"}))
    covered = {rule.split(":", 1)[1] for _, rules, _ in INVALID for rule in rules if rule.startswith("memo-tei.sch:")}
    warnings_only = {"pb-backwards", "catref-without-banner"}
    assert ids - warnings_only == covered


def test_a_catref_without_banner_is_a_warning_only() -> None:
    findings = _findings("catref-without-banner.xml")
    assert [(f.rule, f.severity) for f in findings] == [("memo-tei.sch:catref-without-banner", "warning")]


def test_a_backwards_page_number_is_a_warning_only(tmp_path: Path) -> None:
    text = (VALIDATE / "valid-profile.xml").read_text(encoding="utf-8")
    path = tmp_path / "backwards.xml"
    path.write_text(text.replace('<pb n="2"/>', '<pb n="1"/>'), encoding="utf-8")
    assert _findings(str(path)) == []  # a repeated number is no warning
    path.write_text(text.replace('<pb n="2"/>', '<pb n="3"/>\n<pb n="2"/>'), encoding="utf-8")
    findings = _findings(str(path))
    assert [(f.rule, f.severity) for f in findings] == [("memo-tei.sch:pb-backwards", "warning")]
    assert "follows page 3" in findings[0].message


@pytest.mark.parametrize("fixture", [name for name in VALID if "-dc-" not in name])
def test_valid_tei_fixture_is_valid_against_tei_all(fixture: str, tei_all) -> None:
    from lxml import etree

    assert tei_all.validate(etree.parse(str(VALIDATE / fixture))), tei_all.error_log


@pytest.mark.parametrize("fixture", [row[0] for row in INVALID if all(r.startswith("memo-tei.sch:") for r in row[1])])
def test_rules_beyond_the_grammar_break_no_grammar(fixture: str) -> None:
    """What only Schematron catches is valid against memo-tei.rng: the two do not overlap there."""
    assert not [f for f in _findings(f"{fixture}.xml") if f.rule == "memo-tei.rng"]

"""The converter's one-walk self-check states the same rules as memo-tei.sch.

``memo-tei validate`` keeps the Schematron (lxml.isoschematron); the converter checks each
output with memo_tei.validate.profile_rules in one walk of the tree. Here both read the same
documents, each breaking one rule (small edits of tests/fixtures/self_check/base.xml, and the
validation fixtures), and must give the same findings: rule, severity, element, line and
message, in the same order. A rule added to the Schematron and not to the walk fails here.
"""

from __future__ import annotations

import math

import pytest
from lxml import etree

from memo_tei.convert import _check, convert_text
from memo_tei.errors import InvalidOutputError
from memo_tei.validate.profile_rules import ASSERTS, ProfileRulesChecker, number
from memo_tei.validate.schematron import SchematronChecker
from memo_tei.validate.shipped import TEI_RULES, shipped_schema

from .conftest import FIXTURES, SAMPLE

SCH = "http://purl.oclc.org/dsdl/schematron"
BASE = (FIXTURES / "self_check" / "base.xml").read_text(encoding="utf-8")
BANNER_TOP = '<fw type="classification" place="top" ana="#cls-S">SECRET</fw>'
BANNER_FOOT = '<fw type="classification" place="bottom" ana="#cls-C">CONFIDENTIAL</fw>'
NOTE_1 = '<note place="foot" n="*">As reported.</note>'

#: name: the edits of base.xml that make it (the rule or the case it is about).
VARIANTS: dict[str, list[tuple[str, str]]] = {
    "valid": [],
    "ana-in-taxonomy": [('ana="#cls-C">(C)', 'ana="#cls-R">(C)')],
    "ana-without-hash": [('ana="#cls-C">(C)', 'ana="cls-C">(C)')],
    "ana-on-a-catref-in-the-text": [("<p>2. The line", '<p>2. The line <catRef scheme="#classification" '
                                     'target="#cls-X" ana="#cls-Q"/>')],
    "catref-in-taxonomy": [('target="#cls-S"', 'target="#cls-X"')],
    "catref-without-target": [(' target="#cls-S"', "")],
    "catref-present": [('<catRef scheme="#classification" target="#cls-S"/>', "")],
    "catref-without-banner": [(BANNER_TOP, ""), (BANNER_FOOT, "")],
    "catref-highest": [('target="#cls-S"', 'target="#cls-C"')],
    "catref-highest-top-secret": [(BANNER_FOOT, BANNER_FOOT.replace("#cls-C", "#cls-TS"))],
    "footnote-unique-on-page": [(NOTE_1, NOTE_1 + ' again*<note place="foot" n="*">Twice.</note>')],
    "footnote-reused-when-not-anchored": [(NOTE_1, NOTE_1 + '<note place="foot" n="*" anchored="false">X.</note>')],
    "footnote-before-any-page-break": [('<pb n="1"/>', '<p>a*<note place="foot" n="*">x</note>b*'
                                        '<note place="foot" n="*">y</note></p>\n<pb n="1"/>')],
    "pb-number-positive": [('<pb n="2"/>', '<pb n="2.5"/>')],
    "pb-number-zero": [('<pb n="1"/>', '<pb n="0"/>')],
    "pb-number-negative": [('<pb n="2"/>', '<pb n="-2"/>')],
    "pb-not-before-first": [('<pb n="1"/>', '<pb n="3"/>')],
    "pb-backwards": [('<pb n="2"/>', '<pb n="5"/>\n<p>On.</p>\n<pb n="4"/>')],
    "pb-backwards-over-a-roman-page": [('<pb n="2"/>', '<pb n="5"/>\n<p>On.</p>\n<pb n="iv"/><pb n="4"/>')],
    "pb-numbers-with-spaces-and-exponents": [('<pb n="1"/>', '<pb n=" 1 "/>'), ('<pb n="2"/>', '<pb n="1e1"/>')],
    "pb-n-present": [('<pb n="2"/>', '<pb n=" "/>')],
    "pb-without-n": [('<pb n="2"/>', "<pb/>")],
    "date-when-shape": [('when="1954-10-14"', 'when="1954-10-14T10:00"')],
    "date-when-month": [('when="1954-10-14"', 'when="1954-13"')],
    "date-when-day": [('when="1954-10-14"', 'when="1954-04-31"')],
    "date-when-february-29": [('when="1954-10-14"', 'when="1900-02-29"')],
    "date-when-leap-day": [('when="1954-10-14"', 'when="2000-02-29"')],
    "date-when-day-zero": [('when="1954-10-14"', 'when="1954-10-00"')],
    "provenance-hash-present": [('type="sha256"', 'type="md5"')],
    "provenance-hash-form": [("c431c0e88141bae37b", "c431")],
    "provenance-hash-not-hex": [("c431c0e88141bae37b", "g431c0e88141bae37b")],
    "title-present": [("<title>Staff Memorandum on the Communiques</title>", "<title> <hi/> </title>")],
    "cert-names-rule": [('type="pageNum"', 'type="pageNum" cert="high"')],
    "cert-with-an-empty-rule": [('type="pageNum"', 'type="pageNum" cert="low" resp="rule:"'),
                                ('type="exemption"', 'type="exemption" cert="high" resp="rule:exemption-codes"')],
    "fw-type": [('type="pageNum"', 'type="header"')],
    "fw-classification-ana": [(' ana="#cls-S">SECRET', ">SECRET")],
    "fw-place": [('place="top" ana="#cls-S"', 'ana="#cls-S"')],
    "fw-stamp-content": [('Approved For Release 2002/08/21</stamp>', 'Approved</stamp> loose')],
    "fw-stamp-two-stamps": [('Approved For Release 2002/08/21</stamp>',
                             'Approved</stamp><stamp type="other">x</stamp>')],
    "stamp-type": [('type="exemption"', 'type="seal"')],
    "ab-type": [('<ab type="field" subtype="subject">', '<ab type="memo">')],
    "ab-field-subtype": [('subtype="subject"', 'subtype=" "')],
    "seg-type": [('<seg type="portion" ana="#cls-C">', '<seg type="emphasis">')],
    "seg-authority-inside-p": [('<seg type="portion" ana="#cls-C">', '<seg type="classificationAuthority">')],
    "seg-type-outside-p": [("SUBJECT: The communiques", '<seg type="classificationAuthority">X</seg>')],
    "seg-portion-ana": [('<seg type="portion" ana="#cls-C">', '<seg type="portion">')],
    "gap-reason": [('reason="withheld"', 'reason="illegible"')],
    "note-foot": [('<note place="foot" n="*">Per', '<note place="end" n="*">Per')],
    "body-no-text": [('<pb n="1"/>', '<pb n="1"/>\n  loose   text <!-- c --> more')],
    "body-starts-with-pb": [('<pb n="1"/>\n', "")],
    "everything-at-once": [('type="exemption"', 'type="seal"'), ('<pb n="2"/>', '<pb n="0"/>'),
                           ('when="1954-10-14"', 'when="1954-02-30"'), ('target="#cls-S"', 'target="#cls-C"')],
}


def _document(edits: list[tuple[str, str]]) -> etree._ElementTree:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return etree.ElementTree(etree.fromstring(text.encode("utf-8")))


def _findings(checker, tree: etree._ElementTree) -> list[tuple]:
    return [(f.rule, f.severity, f.xpath, f.line, f.message) for f in checker.check(tree, file="x.xml")]


@pytest.fixture(scope="module")
def schematron() -> SchematronChecker:
    return SchematronChecker(shipped_schema(TEI_RULES))


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_walk_finds_what_the_schematron_finds(variant: str, schematron) -> None:
    tree = _document(VARIANTS[variant])
    expected = _findings(schematron, tree)
    assert _findings(ProfileRulesChecker(), tree) == expected
    if variant in {rule for rules in ASSERTS.values() for rule in rules}:
        assert f"{TEI_RULES}:{variant}" in [found[0] for found in expected]  # the variant breaks its rule
    if variant == "valid":
        assert expected == []


@pytest.mark.parametrize("fixture", sorted(p.name for p in (FIXTURES / "validate").glob("*.xml")))
def test_the_walk_agrees_on_the_validation_fixtures(fixture: str, schematron) -> None:
    try:
        tree = etree.parse(str(FIXTURES / "validate" / fixture))
    except etree.XMLSyntaxError:
        pytest.skip("not well-formed: no rule applies")
    assert _findings(ProfileRulesChecker(), tree) == _findings(schematron, tree)


def test_every_rule_is_broken_once_and_stated_by_the_walk() -> None:
    sch = etree.parse(str(shipped_schema(TEI_RULES)))
    patterns = {pattern.get("id"): tuple(pattern.xpath(".//sch:assert/@id", namespaces={"sch": SCH}))
                for pattern in sch.iterfind(f"{{{SCH}}}pattern")}
    assert patterns == ASSERTS
    assert {rule for rules in ASSERTS.values() for rule in rules} <= set(VARIANTS)


def test_the_self_check_refuses_output_breaking_each_rule() -> None:
    for edits in VARIANTS.values():
        tree = _document(edits)
        if not any(f.is_error for f in ProfileRulesChecker().check(tree, file="x")):
            continue
        with pytest.raises(InvalidOutputError):
            _check(tree.getroot(), "x.txt")


def test_the_walk_agrees_on_a_converted_sample(schematron) -> None:
    tree = etree.ElementTree(etree.fromstring(convert_text(SAMPLE.read_text(encoding="utf-8")).tei))
    assert _findings(ProfileRulesChecker(), tree) == _findings(schematron, tree) == []


@pytest.mark.parametrize("value", ["1", " 12 ", "\t3\n", "+1", "-1", ".5", "1.", "-.5", "1 2", "", "0x1", "1e3",
                                   "1E2", "1.5e", "e3", "-", ".", "-0", "00012", "1e+2", "1e-2", "\u00a012", "٣"])
def test_number_reads_as_libxml2_does(value: str) -> None:
    expected = etree.fromstring("<a/>").xpath("number($s)", s=value)
    assert (math.isnan(expected) and math.isnan(number(value))) or number(value) == expected


def test_the_self_check_applies_every_rule_to_a_long_document() -> None:
    """Unlike the Schematron's XSLT, the walk costs time in proportion to the document, so
    the converter applies every rule at any length: a marker used twice on page 900 of 1,000."""
    pages = "".join(f'<pb n="{n}"/>\n<p>Page {n}.*<note place="foot" n="*">A note.</note></p>\n'
                    for n in range(3, 1001))
    valid = (FIXTURES / "validate" / "valid-profile.xml").read_text(encoding="utf-8")
    long = valid.replace('<fw type="stamp"><stamp type="release">', pages + '<fw type="stamp"><stamp type="release">')
    tree = etree.ElementTree(etree.fromstring(long.encode("utf-8")))
    _check(tree.getroot(), "long.txt")  # valid as written
    broken = long.replace('Page 900.*<note place="foot" n="*">A note.</note>',
                          'Page 900.*<note place="foot" n="*">A note.</note>*<note place="foot" n="*">Again.</note>')
    with pytest.raises(InvalidOutputError, match="footnote-unique-on-page"):
        _check(etree.fromstring(broken.encode("utf-8")), "long.txt")

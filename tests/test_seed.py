"""The bundled 1954 CIA staff memorandum, converted end to end.

The golden file tests/golden/<sample>.xml was reviewed by eye once; a change to it is a
change of behaviour to review again (regenerate with ``memo-tei convert SAMPLE > GOLDEN``).
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from memo_tei.convert import convert_file

from .conftest import ROOT, SAMPLE
from .tei_helpers import page_of, parse, text_of, words, xpath

GOLDEN = ROOT / "tests" / "golden" / (SAMPLE.stem + ".xml")


def test_matches_the_reviewed_golden_file(sample_conversion) -> None:
    ours = etree.fromstring(sample_conversion.tei)
    golden = etree.parse(str(GOLDEN)).getroot()
    assert etree.tostring(ours, method="c14n2") == etree.tostring(golden, method="c14n2")


def test_same_input_same_bytes(sample_conversion) -> None:
    assert convert_file(SAMPLE).tei == sample_conversion.tei


def test_valid_against_tei_all(sample_conversion, tei_all) -> None:
    assert tei_all.validate(etree.fromstring(sample_conversion.tei)), tei_all.error_log


def test_six_pages_and_twelve_struck_banners(sample_conversion) -> None:
    doc = parse(sample_conversion.tei)
    assert xpath(doc, "//tei:pb/@n") == ["1", "2", "3", "4", "5", "6"]
    banners = xpath(doc, "//tei:fw[@type='classification']")
    assert [(page_of(b), b.get("place")) for b in banners] == [
        (page, place) for page in range(1, 7) for place in ("top", "bottom")
    ]
    assert {b.get("ana") for b in banners} == {"#cls-S"}
    assert all(text_of(b) == "SECRET" for b in banners)
    struck = [b for b in banners if xpath(b, "tei:del[@rend='strikethrough']")]
    supplied = [b for b in banners if xpath(b, "tei:supplied")]
    assert len(struck) == 11 and [(page_of(b), b.get("place")) for b in supplied] == [(2, "top")]


def test_declassification_stamp_is_one_element(sample_conversion) -> None:
    doc = parse(sample_conversion.tei)
    (stamp,) = xpath(doc, "//tei:stamp")
    assert stamp.get("type") == "declassification" and page_of(stamp) == 1
    assert len(xpath(stamp, "tei:lb")) == 4
    assert text_of(stamp) == (
        "DOCUMENT NO. 26 NO CHANGE IN CLASS ☐ ☒ DECLASSIFIED CLASS. CHANGED TO: TS S C EXTENSION DATE"
    )


def test_page_number(sample_conversion) -> None:
    (fw,) = xpath(parse(sample_conversion.tei), "//tei:fw[@type='pageNum']")
    assert text_of(fw) == "- 4 -" and page_of(fw) == 4


def test_three_footnotes_at_their_markers(sample_conversion) -> None:
    notes = xpath(parse(sample_conversion.tei), "//tei:note[@place='foot']")
    found = [(n.get("n"), page_of(n), n.getparent().get("n"), text_of(n)[:20]) for n in notes]
    assert found == [
        ("*", 1, "1", "We recognize that th"),
        ("*", 5, "8", "The wording and out-"),
        ("**", 5, "8", "Acting Prime Ministe"),
    ]


def test_nine_numbered_paragraphs_and_those_over_page_breaks(sample_conversion) -> None:
    doc = parse(sample_conversion.tei)
    assert xpath(doc, "//tei:body/tei:p/@n") == [str(n) for n in range(1, 10)]
    assert xpath(doc, "//tei:body/tei:p[tei:pb]/@n") == ["2", "3", "5", "9"]
    second = xpath(doc, "//tei:p[@n='2']")[0]
    assert [etree.QName(c).localname for c in second] == ["fw", "fw", "pb", "fw"]


def test_header_facts(sample_conversion) -> None:
    doc = parse(sample_conversion.tei)
    title = "Significance of the Sino-Soviet Communiques of 11 October 1954"
    assert xpath(doc, "string(//tei:titleStmt/tei:title[1])") == title
    author = "Central Intelligence Agency, Office of National Estimates"
    assert xpath(doc, "//tei:titleStmt/tei:author/text()") == [author]
    assert xpath(doc, "//tei:profileDesc/tei:creation/tei:date/@when") == ["1954-10-14"]
    assert xpath(doc, "//tei:sourceDesc//tei:idno/text()") == ["STAFF MEMORANDUM NO. 73-54", "DOCUMENT NO. 26"]
    assert xpath(doc, "//tei:catRef[@scheme='#classification']/@target") == ["#cls-S"]
    assert xpath(doc, "//tei:taxonomy[@xml:id='classification']/tei:category/@xml:id") == [
        "cls-TS", "cls-S", "cls-C", "cls-R", "cls-U"]
    assert xpath(doc, "//tei:langUsage/tei:language/@ident") == ["en"]
    import hashlib

    assert xpath(doc, "string(//tei:note[@type='provenance']/tei:idno[@type='sha256'])") == hashlib.sha256(
        SAMPLE.read_bytes()).hexdigest()
    assert xpath(doc, "//tei:application[@ident='memo-tei']/@version")


def test_every_word_is_kept(sample_conversion) -> None:
    want = Counter(words(SAMPLE.read_text("utf-8")))
    have = Counter(words(text_of(xpath(parse(sample_conversion.tei), "//tei:text")[0])))
    assert want - have == Counter()


def test_json_view_shows_what_was_recognized(sample_conversion) -> None:
    import json

    data = json.loads(sample_conversion.document.model_dump_json())
    kinds = Counter(block["kind"] for page in data["pages"] for block in page["blocks"])
    assert kinds["classification"] == 12 and kinds["stamp"] == 1 and kinds["pageNum"] == 1
    assert data["facts"]["date"] == "1954-10-14"

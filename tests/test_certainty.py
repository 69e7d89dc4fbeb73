"""Every marking and header fact says how it was found: @cert from the rule that found it."""

from __future__ import annotations

import pytest

from memo_tei.convert import convert_text
from memo_tei.recognition import certainty

from .tei_helpers import parse, xpath

MARKINGS = ("//tei:text//tei:fw[@type='classification'] | //tei:text//tei:stamp | "
            "//tei:text//tei:fw[@type='pageNum'] | //tei:text//tei:fw[@type='archivalId'] | "
            "//tei:text//tei:note[@place='foot']")


def tei(text: str):
    return parse(convert_text(text).tei)


def test_every_marking_of_the_sample_carries_a_certainty_and_its_rule(sample_conversion) -> None:
    doc = parse(sample_conversion.tei)
    marks = xpath(doc, MARKINGS)
    assert len(marks) > 10
    for mark in marks:
        assert mark.get("cert") in ("high", "medium", "low"), mark.tag
        assert mark.get("resp", "").startswith("rule:")


def test_the_sample_stays_valid_against_tei_all(sample_conversion, tei_all) -> None:
    assert tei_all.validate(parse(sample_conversion.tei)), tei_all.error_log.last_error


def test_an_exact_banner_is_high_and_a_garbled_one_lower() -> None:
    doc = tei("SECRET\n\nMEMORANDUM FOR THE RECORD\n\nText of the memo goes on here.\n\n"
              "xx SEGRFT yy\n")
    banners = xpath(doc, "//tei:text//tei:fw[@type='classification']")
    certs = {b.xpath("string()").strip(): (b.get("cert"), b.get("resp")) for b in banners}
    assert certs["SECRET"] == ("high", "rule:banner-line")
    garbled = [c for text, c in certs.items() if "SEGRFT" in text]
    assert garbled and garbled[0] == ("low", "rule:garbled-level")


@pytest.mark.parametrize(("text", "level", "edits"), [
    ("SECRET", "S", 0), ("SEGRET", "S", 1), ("SEGRFT", "S", 2), ("TOP SECRET", "TS", 0), ("T0P SECRET", "TS", 1),
    ("S E C R E T", "S", 0), ("CONENDENTIAL", "C", 2), ("UNCLAS", "U", 0), ("SECR ET", "S", 0),
])
def test_level_edits_count_the_letters_repaired(text: str, level: str, edits: int) -> None:
    assert certainty.level_edits(text, level) == edits


def test_a_formula_read_through_ocr_damage_is_less_certain_than_one_read_as_printed() -> None:
    exact = "CIA HAS NO OBJECTION TO DECLASSIFICATION AND/OR RELEASE OF CIA INFORMATION IN THIS DOCUMENT"
    damaged = "CIA HAS NO OGJECTION TO DECLASSIEICATION AND/OR RELEASF OF CIA INFORMATLON IN THIS DOCUMENT"
    assert certainty.stamp("formula:cia-no-objection", exact)[0] == "high"
    assert certainty.stamp("formula:cia-no-objection", damaged)[0] in ("medium", "low")
    assert certainty.stamp("a-named-row", damaged) == ("high", "a-named-row")


def test_a_footnote_at_its_marker_is_surer_than_one_without() -> None:
    anchored = certainty.footnote(certainty.m.Footnote(n="*", line=1))
    loose = certainty.footnote(certainty.m.Footnote(n="*", line=1, anchored=False))
    assert anchored == ("high", "footnote-marker")
    assert loose[0] == "medium"


def test_a_date_line_is_a_field_and_a_date_in_running_text_a_guess() -> None:
    field = tei("MEMORANDUM FOR THE RECORD\n\n14 October 1954\n\nSUBJECT: Talks\n\n1. Text.\n")
    guessed = tei("Some words first.\n\nThe meeting on 14 October 1954 went well.\n")
    assert xpath(field, "//tei:creation/tei:date/@cert") == ["high"]
    assert xpath(field, "//tei:creation/tei:date/@resp") == ["rule:date-field"]
    assert xpath(guessed, "//tei:creation/tei:date/@cert") == ["low"]
    assert xpath(field, "//tei:titleStmt/tei:title[1]/@cert") == ["high"]


def test_the_level_takes_the_certainty_of_its_surest_marking() -> None:
    doc = tei("SECRET\n\nMEMORANDUM FOR THE RECORD\n\nText.\n\nSECRET\n")
    assert xpath(doc, "//tei:catRef/@cert") == ["high"]


def test_a_placeholder_title_claims_no_certainty() -> None:
    doc = tei("a few words of nothing much\n")
    title = xpath(doc, "//tei:titleStmt/tei:title[1]")[0]
    if title.text.startswith("[Untitled record"):
        assert title.get("cert") is None


def test_resp_is_a_pointer_whatever_a_rule_is_called() -> None:
    assert certainty.resp("my rule/with spaces") == "rule:my-rule-with-spaces"
    assert certainty.resp("") == "rule:unnamed"

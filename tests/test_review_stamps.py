"""Review-era stamps of the JFK collection as OCR damages them, and prose that cites the same
words but is no stamp."""

from __future__ import annotations

import pytest

from memo_tei.convert import convert_text

from .tei_helpers import parse, text_of, xpath


def stamps(text: str) -> list[tuple[str | None, str]]:
    doc = parse(convert_text(text).tei)
    return [(s.get("type"), text_of(s)) for s in xpath(doc, "//tei:stamp")]


@pytest.mark.parametrize("line", [
    "ESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992 J",
    "LEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATIOI :",
    "KENNEDY ASSASSINATION RECORDS ACT OF 1992",
])
def test_a_2022_release_banner_with_its_head_lost_is_a_release_stamp(line: str) -> None:
    assert stamps(f"{line}\n\nText of the memorandum, which goes on at length.\n") == [("release", line)]


def test_a_damaged_release_banner_and_its_wrapped_tail_are_one_stamp() -> None:
    text = ("26-1004 { SE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RE!\n\nRDS ACT OF 1992]\n\n"
            "Text of the memorandum.\n")
    assert stamps(text) == [("release", "26-1004 { SE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RE! "
                                        "RDS ACT OF 1992]")]


@pytest.mark.parametrize("text", [
    "under the President John F. Kennedy Assassination Records Collection Act of 1992, 14",
    "*OF 26 OCTOBER 1992, THE PRESIDENT<JOHN>F. <KENNEDY ASSASSINATION>\n\nRECORDS COLLECTION ACT OF 1992.",
    'F. KENNEDY ASSASSINATION RECORDS COLLECTION ACT OF 1992", (JFK',
    "PRESIDENT KENNEDY ASSASSINATION, ONE LEE H. AGE 24",
])
def test_prose_citing_the_act_is_no_stamp(text: str) -> None:
    assert stamps(f"The memorandum opens here.\n\n{text}\n\nAnd goes on.\n") == []


def test_the_army_declassification_stamp_takes_its_boxes() -> None:
    text = ("COMMENTS : Califano Papers, Box 3.\n\nartment of the Army EO 13526\n\nDeclassify Exclude Exempt\n\n"
            "Authority,\n\nText of the memorandum goes on here.\n")
    assert stamps(text) == [("declassification", "artment of the Army EO 13526 Declassify Exclude Exempt Authority,")]


def test_a_ford_library_photocopy_stamp_one_word_a_line_is_one_stamp() -> None:
    text = ("Text of the report.\n\nNW 66000 Docld:32112922 Page 5.\n\n"
            "PHOTOCOPY\n\nFROM\n\nTHE:\n\nGERALD R. FORD LIBRARY\n")
    assert stamps(text) == [("other", "PHOTOCOPY FROM THE: GERALD R. FORD LIBRARY")]


def test_a_photocopy_in_prose_is_no_stamp() -> None:
    assert stamps("Text.\n\nEnclosed for the Bureau is one photocopy of each\n\nserial in the files.\n") == []


def test_the_fbi_review_block_opens_with_derived_misread() -> None:
    text = ("Page 1\n\nDECLASSIEICATION AUTECEITI DEBIYED TROU\n\nFBI AUTOMATIC DECLASSIEICATION GUIDE\n\n"
            "Text of the memo.\n")
    assert stamps(text) == [("declassification",
                             "DECLASSIEICATION AUTECEITI DEBIYED TROU FBI AUTOMATIC DECLASSIEICATION GUIDE")]


def test_the_cia_historical_review_stamp_is_one_with_its_release_line() -> None:
    text = "Text of the cable.\n\n_ CIA HISTORICAL REVIEW PROGRAM\n\nRELEASE IN FULL\n\nMore text of the cable.\n"
    assert stamps(text) == [("release", "_ CIA HISTORICAL REVIEW PROGRAM RELEASE IN FULL")]


def test_the_historical_review_program_named_in_prose_is_no_stamp() -> None:
    assert stamps("The Chief, Historical Review Program of the Agency wrote to us.\n") == []


def test_a_cable_fetching_papers_from_a_library_is_no_stamp() -> None:
    assert stamps("TEXT OF THE CABLE.\n\n• DREDGED THESE UP FROM LIBRARY\n\nMORE OF THE CABLE.\n") == []


def test_a_cables_classification_authority_citing_the_order_is_no_stamp() -> None:
    assert stamps("TEXT OF THE CABLE.\n\nEO 13526: DECL: 2019/01/01\n\nTAGS: PREL\n\nMORE OF THE CABLE.\n") == []

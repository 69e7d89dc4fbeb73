"""The chain of sources of a record's date, and the lines whose date is never the record's."""

from __future__ import annotations

import pytest

from memo_tei import model as m
from memo_tei.recognition.record_date import record_date
from memo_tei.recognition.rules import load_rules

RULES = load_rules()


def _date(texts: list[str], fields: list[m.Field_] | None = None, form: dict[str, str] | None = None,
          header_end: float = float("inf")) -> str | None:
    return record_date(fields or [], form or {}, texts, RULES, header_end)[1]


@pytest.mark.parametrize(
    "other",
    ["REFERENCE: OUR TELETYPE 5322, DATED 6 JULY 1973, SAME SUBJECT",
     "Ref: HABA-20512, dated 28 April 1969",
     "1. Reference is made to a memorandum, dated 28 June 1955,",
     "DECL X1; 12 November 2021",
     "CLASSIFIED BY 059876 for FOIA Review on MAR 1977",
     "E.O. 12958: DECL: 1 June 2005",
     "Revised: 1 April 1961",
     "DATE OF LAST REVIEW : 08/09/93",
     "Date: 08/20/93",
     "Released on 08-12-2022 under the John F. Kennedy Assassination Records Act of 1992",
     "of HSCA, dtd 14 Jun 78 (OLC #78-2185)",
     "1. (U/AIUO) Reference is made to the 19 July 1978",
     "4 MAY 1942 EDITION.",  # the Office Memorandum form's edition
     "JULY 1973 EDITION",
     "FORM 1 AUG 54 610 USE PREVIOUS EDITIONS"],
)
def test_a_line_dated_by_another_paper_or_a_later_hand_is_passed_over(other: str) -> None:
    assert _date([other, "MEMORANDUM FOR: Chief", "14 October 1954"]) == "1954-10-14"


def test_a_date_label_names_the_records_own_date() -> None:
    assert _date(["DATED: 8 MARCH 1966"]) == "1966-03-08"


def test_the_form_date_comes_first() -> None:
    assert _date(["14 October 1954"], form={"date": "05/26/61"}) == "1961-05-26"


def test_a_header_date_line_on_the_first_pages_comes_before_the_opening_lines() -> None:
    field = m.Field_(line=30, name="date", value="2 August 1960")
    assert _date(["OCT 1964", "2 August 1960"], fields=[field], header_end=100) == "1960-08-02"


def test_a_header_date_line_further_on_comes_after_the_opening_lines() -> None:
    field = m.Field_(line=300, name="date", value="3 August 1964")
    assert _date(["OCT 1964"], fields=[field], header_end=100) == "1964-10"
    assert _date(["no date"], fields=[field], header_end=100) == "1964-08-03"


def test_a_date_alone_on_its_line_is_the_last_resort() -> None:
    texts = [f"Line {i} of running text." for i in range(60)] + ["mentions 3 May 1962 in passing", "19 Jan 1965"]
    assert _date(texts) == "1965-01-19"
    assert _date(texts[:-1]) is None


def test_an_information_reports_date_distributed_is_its_date() -> None:
    texts = ["REPORT NO. CS-3/567,890", "SUBJECT Antonio CARCEDO Ferrer DATE DISTR. 3 February 1965",
             "DATE OF INFO. 10 January 1965"]
    assert _date(["PLACE & DATE ACQ. Miami (12 January 1965)", *texts]) == "1965-02-03"


@pytest.mark.parametrize(
    "texts",
    [["DO/CIC/EXO ibn/74602 (5 August 1998)"],
     ["DDP/EUR/Personnel/W. Taylor:bdl/6913", "(5 August 1998)"]],  # the bracketed date wrapped
)
def test_the_drafters_line_dates_a_memorandum(texts: list[str]) -> None:
    assert _date(["ROUTING AND RECORD SHEET", "August 1998", "1. Text of the memo.", *texts]) == "1998-08-05"


def test_a_bracketed_date_alone_is_no_drafters_line() -> None:
    """An information report prints the place and date it acquired the information so."""
    assert _date(["August 1998", "PLACE & DATE ACQ.", "Costa Rica, San Jose", "(4 March 1968)"]) == "1998-08"


def test_no_text_gives_no_date() -> None:
    assert _date([]) is None


def test_a_date_field_in_capitals_is_the_records_own() -> None:
    """Only the 2015 identification form prints its print date as ``Date:``."""
    assert _date(["DATE : 11/26/63", "14 October 1954"]) == "1963-11-26"


def test_a_date_written_out_after_date_is_the_records_own() -> None:
    """A CIA cable form or a note prints its own date so; an identification form's print
    date after ``Date:`` is in figures."""
    assert _date(["Date: 23 DECEMBER 1959", "14 October 1954"]) == "1959-12-23"
    assert _date(["Date: 5/11/2018", "14 October 1954"]) == "1954-10-14"


def test_a_month_alone_gives_way_to_its_day_on_the_next_lines() -> None:
    """A cable's time of receipt whose day OCR garbled, then its date-time group."""
    assert _date(["TOR aZ FEB 80 8686", "S E C R E T 2717062 FEB 80 STAFF"]) == "1980-02-27"


@pytest.mark.parametrize(
    "below",
    [["arrived on 3 June 1974"],  # another month's day
     ["line", "line", "line", "S E C R E T 0315082 MAY 74"],  # too far
     ["27 May 1974 a source reported"]],  # a memo's date line whose day OCR lost: the text's day
)
def test_a_month_alone_keeps_its_precision_without_a_day_of_that_month_below(below: list[str]) -> None:
    assert _date(["MAY 74", *below]) == "1974-05"

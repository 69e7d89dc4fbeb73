from __future__ import annotations

import pytest

from memo_tei.recognition.dates import DATE_TIME_GROUPS, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("14 October 1954", "1954-10-14"),
        ("October 14, 1954", "1954-10-14"),
        ("14 Oct 54", "1954-10-14"),
        ("DATE: 05/26/61", "1961-05-26"),
        ("O 241555Z JUL 09", "2009-07-24"),
        ("1973-07-13", "1973-07-13"),
        ("October 1954", "1954-10"),
        ("#219000 DATE___2 August 1960", "1960-08-02"),  # typed on a form's blank line
        ("AUG 19 01252 62 |", "1962-08-19"),  # a cable form's time of receipt
        ("SEP 20 1619Z 61", "1961-09-20"),
        ("30 February 1954", "1954-02"),  # an impossible day keeps the month
        ("30 Febtober 1954", None),
        ("no date here", None),
        ("15 May I 96 Z", "1962-05-15"),  # a year OCR split and misread (I for 1, Z for 2)
        ("1 5 AUG 1998", "1998-08-15"),  # a day OCR split, heading a date line
        ("SE CRE T 2816812 APR-71 CITE WH/MIAMI 11978", "1971-04-28"),  # DTG, its Z read as 2
        ("October 14 1954", "1954-10-14"),  # the comma lost
        ("ARRIVES APRIL 25", None),  # a day: its year is elsewhere
        ("DEPARTED SEPTEMBER 7 BY AIR", None),
        ("MAY 74", "1974-05"),  # a cable's month and year
        ("299132z Oct 29 #2382", None),
        ("27 Novenber 1962", "1962-11-27"),  # a long month name with one letter misread
        ("23 Aagust 1962", "1962-08-23"),
        ("15 Boston 1962", None),  # a day, not the year 2029
        ("ITEM 1 5 AUG 1998", "1998-08-05"),  # two numbers mid-line are no split day
        ("19 NOV 1396", "1996-11-19"),  # a year's 9 read as 3 by OCR
        ("27 June, 1378", "1978-06-27"),
        ("ROOM 1396 ON 4 MAY", None),  # 13xx after no month stays a number
        # a line that is a date alone: its word is the month nearest it, one letter in three misread
        ("19 Soptatber 1962", "1962-09-19"),
        ("16 Septendar 1960", "1960-09-16"),
        ("17 Mareh 1965 °", "1965-03-17"),
        (". 9 Sov, 62", "1962-11-09"),
        ("6 Zen 1925", None),  # January or June: no month alone is nearest
        ("3 days 1962", None),  # too far from any month
        ("the 19 Soptatber 1962 visit", None),  # mid-line, a misread word is no month
    ],
)
def test_dates_as_records_print_them(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_time_groups_alone() -> None:
    """A cable's date-time group, read apart from the other formats."""
    assert parse_date("S E C R E T 2717062 FEB 80 STAFF", DATE_TIME_GROUPS) == "1980-02-27"
    assert parse_date("O 241555Z JUL 09", DATE_TIME_GROUPS) == "2009-07-24"
    assert parse_date("14 October 1954", DATE_TIME_GROUPS) is None

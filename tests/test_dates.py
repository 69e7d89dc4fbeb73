from __future__ import annotations

import pytest

from memo_tei.dates import parse_date


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
    ],
)
def test_dates_as_records_print_them(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso

"""The record's own date, read from the first source in a chain that gives one.

A declassified record carries many dates: its own, the dates of the papers it answers
(``REFERENCE: ... dated 30 July 1998``), the date a later hand reviewed, declassified or
released it, the date an archive printed the form bound with it. The chain below takes the
sources in order of trust (docs/PROFILE.md lists it too):

1. the DATE of an identification form bound with the record (the archive's reading of a
   record whose own dates are often garbled);
2. a date line of the record's header on its first pages (a memo's ``14 October 1954``, a
   cable's date-time group), or the date after a label the ``record_date_label`` table names
   (an information report's ``DATE DISTR. 3 February 1965``);
3. the first date of the record's opening lines, skipping the lines the ``not_record_date``
   table of rules.toml names (references, a printed form's edition, classification
   authority, review, print and release dates); a month alone gives way to the day of that
   month's date-time group just below (a cable's time of receipt, then its DTG);
4. a header date line further on (an enclosure's, where the record shows none of its own);
5. a date standing alone on its line anywhere in the first pages (the date below a
   signature, a fitness report's certification).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from .. import model as m
from .dates import DATE_TIME_GROUPS, parse_date
from .rules import Compiled, Rules
from .title_sources import RECORD_PAGES

#: How many of the opening lines step 3 reads.
DATE_LINES = 40

Found = tuple[str | None, str | None]


def record_date(fields: Sequence[m.Field_], form: dict[str, str], texts: Sequence[str],
                rules: Rules, header_end: float = float("inf")) -> Found:
    """The record's date as printed and as ISO 8601, else ``(None, None)``.

    ``fields`` are the header fields found in the document, ``form`` the fields of a form
    bound with it, ``texts`` the lines of its first pages' paragraphs and fields in order,
    ``rules`` give the lines whose date is or is not the record's, ``header_end`` the number
    of the first line past the record's own first pages."""
    _, text, iso = dated_by(fields, form, texts, rules, header_end)
    return text, iso


def dated_by(fields: Sequence[m.Field_], form: dict[str, str], texts: Sequence[str],
             rules: Rules, header_end: float = float("inf")) -> tuple[str, str | None, str | None]:
    """:func:`record_date` with the name of the source it was read from (for the certainty
    the TEI gives it, see certainty.FACT_RULES); ``""`` where no source gives a date."""
    def usable(lines: Iterable[str]) -> Iterator[str]:
        # read lazily: most records are dated before the opening lines run out, and a line
        # longer than a date alone can be is no candidate for the last source
        return (text for text in lines if not _excluded(text, rules.not_record_dates))

    early = [f for f in fields if f.name == "date" and f.line < header_end]
    later = [f for f in fields if f.name == "date" and f.line >= header_end]
    read: Callable[[], Found]
    for source, read in (("form-date", lambda: _form_date(form)), ("date-field", lambda: _field_date(early)),
                         ("date-label", lambda: _labelled_date(texts, rules.record_date_labels)),
                         ("first-date", lambda: _first_date(list(islice(usable(texts), DATE_LINES)))),
                         ("later-date-field", lambda: _field_date(later)),
                         ("date-alone", lambda: _date_alone(usable(t for t in texts if len(t) <= DATE_ALONE)))):
        found = read()
        if found[1]:
            return source, found[0], found[1]
    return "", None, None


def record_pages_end(pages: Sequence[m.Page]) -> float:
    """The number of the first line past the record's own first pages (a bound form's page
    and the record's first, title_sources.RECORD_PAGES): a date line there is the header's."""
    for page in pages[RECORD_PAGES:]:
        if page.blocks:
            return page.blocks[0].line
    return float("inf")


def _excluded(text: str, not_record: Sequence[Compiled]) -> bool:
    return any(row.regex.search(text) for row in not_record)


def _form_date(form: dict[str, str]) -> Found:
    value = form.get("date")
    return (value, parse_date(value)) if value else (None, None)


def _field_date(fields: Sequence[m.Field_]) -> Found:
    for field in fields:
        found = parse_date(field.value)
        if found:
            return field.value, found
    return None, None


#: A date in brackets alone on its line, which a line above may have wrapped onto it.
_BRACKETED_DATE = re.compile(r"^\W{0,3}\(\s*\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}\s*\)\W{0,3}$")


def _labelled_date(texts: Sequence[str], labels: Sequence[Compiled]) -> Found:
    """The date printed after a label of the record's own date, on the label's line or, in
    brackets, wrapped onto the next (a drafter's line, ``.../6913`` then ``(17 August 1970)``)."""
    joined = [f"{text} {below}" if _BRACKETED_DATE.match(below) else text
              for text, below in zip(texts, [*texts[1:], ""][:len(texts)], strict=True)]
    for text in joined:
        for row in labels:
            match = row.regex.search(text)
            found = parse_date(text[match.end():]) if match else None
            if found:
                return text, found
    return None, None


#: How many lines below a date of month precision step 3 reads for that month's date-time group.
REFINE_LINES = 3


def _first_date(texts: Sequence[str]) -> Found:
    """The first date of ``texts``; a month alone (a cable's time of receipt whose day OCR
    garbled, ``TOR aZ FEB 80``) gives way to a date-time group of that month on the lines just
    below (``2717062 FEB 80``): the cable states its day there. A memo's date line whose day
    OCR lost keeps its month: the days of the lines below are the events its text tells."""
    for number, text in enumerate(texts):
        found = parse_date(text)
        if found:
            if len(found) == 7:
                for below in texts[number + 1:number + 1 + REFINE_LINES]:
                    day = parse_date(below, DATE_TIME_GROUPS)
                    if day and len(day) == 10 and day.startswith(found):
                        return below, day
            return text, found
    return None, None


#: How long a line that holds only a date may be.
DATE_ALONE = 24
#: Words a line that holds only a date may carry besides it: the month, a stray OCR mark.
_WORD = re.compile(r"[A-Za-z]{3,}")


def _date_alone(texts: Iterable[str]) -> Found:
    """A line that is a date and nothing else (``19 Jan 1965``), at day precision."""
    for text in texts:
        found = parse_date(text)
        if found and len(found) == 10 and len(text) <= DATE_ALONE and len(_WORD.findall(text)) <= 1:
            return text, found
    return None, None

"""Dates as government records print them, to ISO 8601.

The formats are a table: memos write ``14 October 1954`` or ``October 14, 1954``, forms
``05/26/61``, cables ``24 JUL 09`` or a date-time group ``241555Z JUL 09``. Two-digit
years are read as 19xx, except 00 to 30, read as 20xx (cables of the 2000s).
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4}|\d{2})"

#: Formats tried in order; each names the groups day, month and year.
FORMATS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"\b(?P<day>\d{{1,2}})\s*{_MONTH}\s*,?\s*{_YEAR}\b",  # 14 October 1954, 14 Oct 54
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\s*,\s*{_YEAR}\b",  # October 14, 1954
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\s+(?P<year>\d{{4}})\b",  # October 14 1954 (comma lost)
        r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})\b",  # 1954-10-14
        r"\b(?P<nmonth>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b",  # 05/26/61
        r"\b(?P<day>\d{2})\d{4}Z\s+" + _MONTH + r"\s+" + _YEAR + r"\b",  # 241555Z JUL 09
        # the same group with its Z read as 2 by OCR, a hyphen for a space: 2816812 APR-71
        r"\b(?P<day>[0-3]\d)\d{4}2[\s-]+" + _MONTH + r"[\s-]+" + _YEAR + r"\b",
        # a CIA cable form's time of receipt, month first, its Z often read as 2: AUG 19 0125Z 62
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\s+\d{{4}}[Z2]?\s+{_YEAR}\b",
        rf"\b{_MONTH}\s+{_YEAR}\b",  # October 1954, MAY 74 (month precision)
    )
)


#: The formats of a cable's date-time group (``241555Z JUL 09``, ``2816812 APR-71``).
DATE_TIME_GROUPS = FORMATS[5:7]


_OCR_YEAR = re.compile(r"\b[Iil](9\d\d)\b")
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
#: A year OCR split with spaces and misread digits after a month (``15 May I 96 Z`` for
#: 15 May 1962): 1 read as I or l, 2 as Z, 0 as O.
_SPLIT_YEAR = re.compile(rf"(?i)(\b{_MONTH_NAME},?\s+)([1Il]\s?9\s?[\dOZ]\s?[\dOZ])\b(?!\s?\d)")
#: A year whose 9 OCR read as 3 after a month (``19 NOV 1396`` for 1996): no record of
#: these collections is dated in the 1300s.
_NINE_AS_THREE = re.compile(rf"(?i)(\b{_MONTH_NAME},?\s+)13(\d\d)\b")
#: A day OCR split with a space, at the head of a date line (``0 5 AUG 1998``).
_SPLIT_DAY = re.compile(rf"(?i)^(\W{{0,3}})([0-3])\s([0-9])(\s+{_MONTH_NAME}\s)")
_YEAR_DIGITS = str.maketrans("IlOZ", "1102")
_DIGIT = re.compile(r"\d")  # as the formats read a digit (any script's)
#: The blank a form prints for a date to be typed on (``DATE___2 August 1960``).
_BLANK = re.compile(r"_+")


def parse_date(text: str, formats: tuple[re.Pattern[str], ...] = FORMATS) -> str | None:
    """The first date in ``text`` as ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM``), else None;
    ``formats`` may narrow the formats tried (``DATE_TIME_GROUPS``).
    A year whose 1 OCR read as I or l (``i960``) or whose 9 it read as 3 after a month
    (``19 NOV 1396``) is read as a year; a form's blank line
    (``DATE___2 August 1960``) is read as space."""
    if not _DIGIT.search(text):
        return None  # every format, and every OCR mending below, needs a digit
    text = _OCR_YEAR.sub(r"1\1", _BLANK.sub(" ", text))
    text = _SPLIT_YEAR.sub(lambda m: m.group(1) + "".join(m.group(2).split()).translate(_YEAR_DIGITS), text)
    text = _SPLIT_DAY.sub(r"\1\2\3\4", text)
    text = _NINE_AS_THREE.sub(r"\g<1>19\2", text)
    for pattern in formats:
        for match in pattern.finditer(text):
            if pattern is FORMATS[-1] and _day_not_year(match.groupdict()):
                continue
            iso = _iso(match.groupdict())
            if iso:
                return iso
    return _date_line(text) if formats is FORMATS else None


#: A line that is a day, a word and a year and nothing else (``19 Soptatber 1962``): its word
#: can only be a month, however OCR misread it.
_DATE_LINE = re.compile(r"^\W{0,3}(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,10})\.?,?\s+(?P<year>\d{4}|\d{2})\W{0,3}$")


def _date_line(text: str) -> str | None:
    """The date of a line that is a date alone, its month the one name nearest its word
    (``Soptatber``, ``Decender``, ``Mareh``, ``Sov``): at most one letter in three
    misread, and no other month as near."""
    match = _DATE_LINE.match(text)
    if not match:
        return None
    word = match["month"].lower()
    limit = max(1, len(word) // 3)
    nearest: dict[int, int] = {}
    for name, number in _MONTHS.items():
        nearest[number] = min(nearest.get(number, limit + 1), _distance(word, name))
    best = min(nearest.values())
    months = [number for number, distance in nearest.items() if distance == best]
    if best > limit or len(months) > 1:
        return None
    return _iso({"day": match["day"], "nmonth": str(months[0]), "year": match["year"]})


def _distance(a: str, b: str) -> int:
    """The number of letters to insert, drop or change to make ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (letter != other))
    return row[-1]


def _day_not_year(parts: dict[str, str | None]) -> bool:
    """A month followed by two digits that can be a day (``APRIL 25``, ``Oct 29``) names a
    day whose year is elsewhere; two digits that cannot be a day are a year (``MAY 74``)."""
    year = parts.get("year") or ""
    return len(year) <= 2 and int(year or 0) <= 31


def _iso(parts: dict[str, str | None]) -> str | None:
    month = _month(parts)
    year = _year(parts["year"] or "")
    if month is None or year is None:
        return None
    if parts.get("day") is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, int(parts["day"] or 0)).isoformat()
    except ValueError:
        return None


def _month(parts: dict[str, str | None]) -> int | None:
    if parts.get("nmonth"):
        value = int(parts["nmonth"] or 0)
        return value if 1 <= value <= 12 else None
    name = (parts.get("month") or "").lower()
    return _MONTHS.get(name) or _misread_month(name)


#: Month names long enough that one letter OCR got wrong still names them alone.
_LONG_MONTHS = {name: number for name, number in _MONTHS.items() if len(name) >= 6}


def _misread_month(name: str) -> int | None:
    """A long month name with one letter misread by OCR (``Novenber``, ``Aagust``)."""
    for month, number in _LONG_MONTHS.items():
        if len(name) == len(month) and sum(a != b for a, b in zip(name, month, strict=True)) == 1:
            return number
    return None


def _year(text: str) -> int | None:
    if not text.isdigit():
        return None
    value = int(text)
    if len(text) == 2:
        value += 2000 if value <= 30 else 1900
    return value if 1900 <= value <= 2100 else None

"""What the release stamps and record numbers of a document say, as tables an archivist extends.

The Dublin Core description names a document's release status. It is read from the text of
its stamps (``//tei:text//tei:stamp``) through :data:`RELEASE_STATUS`: each row is a pattern
(case-insensitive, over the stamp's text with its lines joined by a space) and the phrase
it stands for; ``{1}``, ``{2}``... take the pattern's groups. Rows sharing a ``key`` say the
same thing: of those that match, only the first in the table counts. Phrases appear in the
order of the rows.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class StatusRow(NamedTuple):
    key: str
    pattern: re.Pattern[str]
    phrase: str


def _row(key: str, pattern: str, phrase: str) -> StatusRow:
    return StatusRow(key, re.compile(pattern, re.IGNORECASE), phrase)


RELEASE_STATUS: tuple[StatusRow, ...] = (
    # CIA document review stamp: the ticked box decides (☒ ticked, ☐ not).
    _row("no-change", r"NO CHANGE IN CLASS\.?\s*☒", "reviewed with no change in classification"),
    _row("declassified", r"(?<!☐ )(?<!☐)\bDECLASSIFIED\b", "declassified"),
    # FBI and CIA stamps on records reviewed for the JFK collection.
    _row("declassified", r"NO OBJECTION TO DECLASSIFICATION", "declassified"),
    _row("declassified", r"INFORMATION\s+CONTAINED\s+HEREIN\s+IS\s+UNCLASSIFIED", "declassified"),
    _row("sanitized", r"\bSANITIZED\b", "sanitized"),
    # Department of State FOIA review.
    _row("extent", r"\bRELEASE[DS]?\s+IN\s+PART\b|\bRELEASES\s+THIS\s+DOCUMENT\s+IN\s+PART\b",
         "released in part"),
    _row("extent", r"\bRELEASED?\s+IN\s+FULL\b", "released in full"),
    _row("state-foia", r"Department\s+of\s+State\s+Case\s+No\.?\s*(F-\d{4}-\d+)",
         "released by the U.S. Department of State (FOIA case {1})"),
    # CIA CREST: "Approved For Release 2002/08/21 : CIA-RDP...".
    _row("approved", r"Approved\s+For\s+Release\s+(\d{4})/(\d{2})/(\d{2})", "approved for release on {1}-{2}-{3}"),
    _row("approved", r"Approved\s+For\s+Release", "approved for release"),
    # The President John F. Kennedy Assassination Records Collection Act of 1992.
    _row("jfk", r"\b(\d{4})\s+RELEASE\s+UNDER\s+THE\s+PRESIDENT\s+JOHN\s+F\.?\s+KENNEDY",
         "released in {1} under the President John F. Kennedy Assassination Records Collection Act of 1992"),
    _row("jfk", r"JOHN\s+F\.?\s+KENNEDY\s+\S+\s+RECORDS",
         "released under the President John F. Kennedy Assassination Records Collection Act of 1992"),
    _row("executive-order", r"Released\s+pursuant\s+to\s+Executive\s+Order\s+(\d+)",
         "released pursuant to Executive Order {1}"),
    _row("foia-review", r"\bFOIA\s+Review\b", "reviewed under the Freedom of Information Act"),
)

class Fallback(NamedTuple):
    phrase: str
    keys: frozenset[str]  # rows that, when one matched, say it better


#: What a stamp that no row matched still says by its type, unless a row of ``keys``
#: matched another stamp; the phrase takes the place of the first of those rows.
STAMP_TYPE_STATUS: dict[str, Fallback] = {
    "declassification": Fallback("declassified", frozenset({"declassified"})),
    "release": Fallback("released", frozenset({"extent", "state-foia", "approved", "jfk", "executive-order"})),
}

#: Most exemption codes named in the description ("portions withheld under exemptions 25X1, (b)(1)").
MAX_EXEMPTIONS_NAMED = 5


class GenreRow(NamedTuple):
    idno_type: str | None  # the idno's @type, or None for any
    pattern: re.Pattern[str] | None  # over the idno's text, or None for any
    genre: str


#: A document's genre when the TEI does not state it, from its own numbers
#: (``sourceDesc//idno``): the first row that matches wins.
GENRE_FROM_IDNO: tuple[GenreRow, ...] = (
    GenreRow(None, re.compile(r"\bMEMORANDUM\b", re.IGNORECASE), "memorandum"),
    GenreRow(None, re.compile(r"\b(TELEGRAM|CABLE)\b", re.IGNORECASE), "telegram"),
    GenreRow("cable", None, "telegram"),
)


def release_phrases(stamps: list[tuple[str, str]]) -> list[str]:
    """The release-status phrases of some ``(type, text)`` stamps, in table order."""
    found: dict[str, tuple[int, str]] = {}
    unmatched: set[str] = set()
    for stamp_type, text in stamps:
        hits = [(i, row, m) for i, row in enumerate(RELEASE_STATUS) if (m := row.pattern.search(text))]
        if not hits:
            unmatched.add(stamp_type)
        for index, row, match in hits:
            if row.key not in found or index < found[row.key][0]:
                found[row.key] = (index, row.phrase.format(None, *match.groups()))
    for stamp_type in sorted(unmatched):
        fallback = STAMP_TYPE_STATUS.get(stamp_type)
        if fallback is None or fallback.keys & found.keys():
            continue
        place = min(i for i, row in enumerate(RELEASE_STATUS) if row.key in fallback.keys)
        found[f"type:{stamp_type}"] = (place, fallback.phrase)
    return [phrase for _, phrase in sorted(found.values())]


def genre_from_idnos(idnos: list[tuple[str, str]]) -> str | None:
    """The genre that a document's ``(type, text)`` numbers imply, if any."""
    for row in GENRE_FROM_IDNO:
        for idno_type, text in idnos:
            if row.idno_type is not None and row.idno_type != idno_type:
                continue
            if row.pattern is not None and not row.pattern.search(text):
                continue
            return row.genre
    return None

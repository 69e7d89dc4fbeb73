"""Tell what each line of OCR text is, by the rule tables: the first stage that knows the domain.

A tag is a line's kind (classification, stamp, pageNum, archivalId, authority, field,
letterhead, footnote, text) with what the matching rule said of it. Grouping tagged lines
into blocks is the next module's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line
from .rules import Rules, first_match

#: A footnote body starts with its marker: asterisks or daggers, then the text.
FOOTNOTE_BODY = re.compile(r"^(?P<n>\*{1,3}|†{1,2}|‡)\s*(?=\S)")


@dataclass(frozen=True, slots=True)
class Tag:
    kind: str
    label: str = ""  # level code, stamp type, field name, footnote marker
    extra: str = ""  # rule name, field value, canonical letterhead name


TEXT = Tag("text")


def banner_level(line: Line, rules: Rules) -> str | None:
    """The level of a line that is a classification banner, else None."""
    text = line.text.strip()
    if not text or len(text) > 80 or not rules.banner.match(text):
        return None
    for row in rules.levels:
        if row.regex.search(text):
            return row.label
    return None


def tag_line(line: Line, rules: Rules) -> Tag:
    """The tag of one text line (the first rule table that claims it wins)."""
    text = line.text.strip()
    level = banner_level(line, rules)
    if level:
        return Tag("classification", level)
    for kind, rows in (("pageNum", rules.page_numbers), ("archivalId", rules.archival_ids)):
        if first_match(rows, text):
            return Tag(kind)
    hit = first_match(rules.stamps, text)
    if hit:
        return Tag("stamp", hit[0].label, hit[0].extra)
    if first_match(rules.authorities, text):
        return Tag("authority")
    hit = first_match(rules.fields, text)
    if hit:
        row, match = hit
        value = match.groupdict().get("value") or text
        return Tag("field", row.label, value.strip())
    hit = first_match(rules.letterheads, text)
    if hit:
        return Tag("letterhead", "", hit[0].extra)
    body = FOOTNOTE_BODY.match(text)
    if body:
        return Tag("footnote", body.group("n"))
    return TEXT

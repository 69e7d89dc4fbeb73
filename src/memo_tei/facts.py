"""The document's facts about itself (title, creator, date, numbers, classification), read
from the blocks the recognizer found, for the teiHeader and Dublin Core."""

from __future__ import annotations

import re

from . import model as m
from .dates import parse_date
from .lines import Line
from .names import highest_level
from .rules import Rules
from .tagging import Context, applies

_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by"}
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:US|USA|USSR|CIA|FBI|NSA|DIA|NSC|UN|NATO|INR)$")

#: Stamp rules whose text is an identifier of the document, with the idno type it gets.
IDENTIFYING_STAMPS = {"cia-document-number": "document"}


def document_facts(pages: list[m.Page], lines: list[Line], rules: Rules, context: Context) -> m.Facts:
    blocks = [b for page in pages for b in page.blocks]
    fields = [b for b in blocks if isinstance(b, m.Field_)]

    def first_field(name: str) -> m.Field_ | None:
        return next((f for f in fields if f.name == name), None)

    subject = first_field("subject")
    dated = next((f for f in fields if f.name == "date" and parse_date(f.value)), None)
    texts = [line.text.strip() for line in lines if line.kind == "text"]
    creators = _creators(texts, rules, context) or [f.value for f in fields if f.name == "letterhead"][:1]
    identifiers = [m.Identifier(type="memo", value=f.value) for f in fields if f.name == "number"]
    identifiers += _identifiers(texts, rules, context)
    identifiers += [
        m.Identifier(type=IDENTIFYING_STAMPS[s.rule], value=_first_line(s))
        for s in blocks
        if isinstance(s, m.Stamp) and s.rule in IDENTIFYING_STAMPS
    ]
    levels = [b.level for b in blocks if isinstance(b, m.Classification)]
    levels += [p.level for b in blocks for p in b.content if isinstance(p, m.Mark) and p.level]
    genre = "memorandum" if any(f.name == "number" and "MEMORANDUM" in f.value.upper() for f in fields) else None
    return m.Facts(
        title=" ".join(subject.value.split()) if subject else None,
        creators=creators,
        date=parse_date(dated.value) if dated else None,
        date_text=dated.value if dated else None,
        identifiers=_unique(identifiers),
        classification=highest_level(levels),
        genre=genre,
    )


def _creators(texts: list[str], rules: Rules, context: Context) -> list[str]:
    for row in rules.creators:
        if not applies(row, context):
            continue
        for text in texts:
            match = row.regex.search(text)
            if match:
                place = match.groupdict().get("place")
                return [row.extra.replace("{place}", agency_name(place) if place else "").strip()]
    return []


def _identifiers(texts: list[str], rules: Rules, context: Context) -> list[m.Identifier]:
    out = []
    for row in rules.identifiers:
        if not applies(row, context):
            continue
        for text in texts:
            match = row.regex.search(text)
            if match:
                out.append(m.Identifier(type=row.label, value=" ".join(match.group("value").split())))
                break
    return out


def agency_name(text: str) -> str:
    """A letterhead line as metadata writes it: ``OFFICE OF NATIONAL ESTIMATES`` to
    ``Office of National Estimates``; acronyms stay upper case."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if _ACRONYM.match(word):
            out.append(word)
        elif i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


def _first_line(block: m.Block) -> str:
    text = []
    for piece in block.content:
        if isinstance(piece, m.LineBreak):
            break
        if isinstance(piece, m.Run):
            text.append(piece.text)
    return " ".join("".join(text).split())


def _unique(items: list[m.Identifier]) -> list[m.Identifier]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.value not in seen:
            seen.add(item.value)
            out.append(item)
    return out

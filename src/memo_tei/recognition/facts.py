"""The document's facts about itself (title, creator, date, numbers, classification), read
from the blocks the recognizer found, for the teiHeader and Dublin Core.

Each fact is taken from the first source that gives one (docs/PROFILE.md lists the chains):
the title from the chain of title_sources (a file name written as a title, an FBI case
caption, the record's SUBJECT, a bound identification form's TITLE / SUBJECTS, a report's
title page, a cable's comment, the first heading); the date from the chain of record_date
(the form's DATE, a header date line, the first date of the opening lines that is not
another paper's, a date alone on its line); the creator
from the text's originator, the form's ORIGINATOR / AGENCY, a letterhead, the record number.
"""

from __future__ import annotations

import re

from .. import model as m
from ..names import highest_level
from ..reading.lines import Line
from .forms import Label, print_dates, read_form
from .linescan import Lines
from .record_date import dated_by, record_pages_end
from .rules import Compiled, Rules
from .tagging import Context, applies
from .title_sources import FORM_LINES, first_of, plain_lines, title_from_name, titled_by

_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by"}
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:US|USA|USSR|CIA|FBI|NSA|DIA|NSC|UN|NATO|INR)$")

#: Stamp rules whose text is an identifier of the document, with the idno type it gets.
IDENTIFYING_STAMPS = {"cia-document-number": "document"}


def document_facts(pages: list[m.Page], lines: list[Line], rules: Rules, context: Context,
                   source_name: str = "", complete_title: bool = True) -> m.Facts:
    """Each fact from the best evidence the document offers, in order of trust: its own header
    fields, then the fields of a form bound with it, then weaker hints (see each helper)."""
    blocks = [b for page in pages for b in page.blocks]
    fields = [b for b in blocks if isinstance(b, m.Field_)]

    texts = [line.text.strip() for line in lines if line.kind == "text"]
    stamped = {line for block in blocks if isinstance(block, m.Stamp) for line in plain_lines(block)}
    form_lines = texts[:FORM_LINES]
    form_labels: dict[str, Label] = {}  # each line's label, for the title's readings of the form
    form = read_form(form_lines, rules.form_fields, rules.form_label_gate, form_labels)
    printed = {form_lines[i] for i in print_dates(form_lines)}
    content = [text for text in _content_texts(pages) if text not in printed]
    # each source in order of trust, with the name the TEI gives it (see certainty.FACT_RULES)
    title_source, title = titled_by(pages, lines, rules, source_name, form_lines, form, stamped, content,
                                    complete_title, texts=texts, form_labels=form_labels)
    date_source, date_text, date = dated_by(fields, form, content, rules, record_pages_end(pages))
    identifiers = [m.Identifier(type="memo", value=f.value, rule="memo-number") for f in fields if f.name == "number"]
    identifiers += [m.Identifier(type=kind, value=form[name], rule=f"form-{name}")
                    for name, kind in _FORM_IDENTIFIERS if name in form]
    scan = Lines(texts)  # the creator and identifier rows are tried on the lines they may match
    identifiers += _identifiers(scan, rules.identifiers, context, "text")
    identifiers += [
        m.Identifier(type=IDENTIFYING_STAMPS[s.rule], value=plain_lines(s)[0], rule=f"stamp-{s.rule}")
        for s in blocks
        if isinstance(s, m.Stamp) and s.rule in IDENTIFYING_STAMPS
    ]
    identifiers += _identifiers(Lines([source_name]), rules.name_identifiers, context, "file-name")
    creator_source, creators = first_of(
        ("originator", lambda: _creators(scan, rules, context)),
        ("form-agency", lambda: _agency(form, rules)),
        ("letterhead", lambda: [f.value for f in fields if f.name == "letterhead"][:1]),
        ("record-number", lambda: _record_agency(identifiers, rules)),
    )
    levels = [b.level for b in blocks if isinstance(b, m.Classification)]
    levels += [p.level for b in blocks for p in b.content if isinstance(p, m.Mark) and p.level]
    form_level = level_of_name(form.get("classification", ""))
    genre = "memorandum" if any(f.name == "number" and "MEMORANDUM" in f.value.upper() for f in fields) else None
    sources = {"title": title_source, "date": date_source, "creator": creator_source,
               "classification": "banner" if highest_level(levels) else "form-classification" if form_level else ""}
    return m.Facts(
        title=title or title_from_name(source_name),
        creators=creators or [],
        date=date,
        date_text=date_text,
        identifiers=_unique(identifiers),
        classification=highest_level(levels) or form_level,
        genre=genre,
        sources={fact: source for fact, source in sources.items() if source},
    )


_FORM_IDENTIFIERS = (("record-number", "record"), ("agency-file-number", "file"), ("cite", "cable"))
_LEVEL_NAMES = {"top secret": "TS", "secret": "S", "confidential": "C", "restricted": "R", "unclassified": "U"}


def level_of_name(text: str) -> str | None:
    return _LEVEL_NAMES.get(" ".join(text.casefold().split()))


def _content_texts(pages: list[m.Page]) -> list[str]:
    """The text of the first pages' header fields and paragraphs, line by line: where a
    document's own date stands (stamps and page furniture carry other dates)."""
    out: list[str] = []
    for page in pages[:4]:
        for block in page.blocks:
            if isinstance(block, m.Paragraph | m.Field_):
                out.extend(line for line in plain_lines(block) if not _OTHER_DATE.match(line))
    return out


#: Lines of a later hand's date (an identification form's print date ``Date: 08/20/93``, its
#: review date, a release line); a date written out after ``Date:`` (``Date: 23 DECEMBER 1959``
#: on a CIA cable form) is the record's own, as in rules.toml's ``print-or-release``.
_OTHER_DATE = re.compile(r"^\W*(?:Date\s*:(?!\s*\d{1,2}\s+[A-Za-z]{3})"
                         r"|DATE\s+OF\s+LAST|REVIEW\s+DATE|UPDATE\s+DATE|Released|Approved)")


def _agency(form: dict[str, str], rules: Rules) -> list[str]:
    for key in ("originator", "agency"):
        value = form.get(key)
        if not value:
            continue
        for row in rules.agencies:
            if row.regex.match(value):
                return [row.extra]
    return []


def _creators(lines: Lines, rules: Rules, context: Context) -> list[str]:
    for row in rules.creators:
        if not applies(row, context):
            continue
        for text in lines.may_match(row.regex):
            match = row.regex.search(text)
            if match:
                place = match.groupdict().get("place")
                return [row.extra.replace("{place}", agency_name(place) if place else "").strip()]
    return []


def _identifiers(lines: Lines, rows: tuple[Compiled, ...], context: Context,
                 where: str) -> list[m.Identifier]:
    """The first number each row finds in ``lines`` (the record's lines, or the name an
    archive gave its file: ``104-10063-10177.md``), its prefix before it; ``where`` names
    the source for the certainty the TEI gives it."""
    out = []
    for row in rows:
        if not applies(row, context):
            continue
        for text in lines.may_match(row.regex):
            match = row.regex.search(text)
            if match:
                out.append(m.Identifier(type=row.label, value=row.extra + " ".join(match.group("value").split()),
                                        rule=where))
                break
    return out


def _record_agency(identifiers: list[m.Identifier], rules: Rules) -> list[str]:
    """The agency whose files a record's number says it comes from, where nothing in the
    record names its originator."""
    for identifier in identifiers:
        for row in rules.record_agencies:
            if row.regex.match(identifier.value):
                return [row.extra]
    return []


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


def _unique(items: list[m.Identifier]) -> list[m.Identifier]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.value not in seen:
            seen.add(item.value)
            out.append(item)
    return out

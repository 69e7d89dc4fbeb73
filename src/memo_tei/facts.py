"""The document's facts about itself (title, creator, date, numbers, classification), read
from the blocks the recognizer found, for the teiHeader and Dublin Core.

Each fact is taken from the first source that gives one (docs/PROFILE.md lists the chains):
the title from a file name written as a title, the record's SUBJECT on its first pages, a
bound NARA identification form's TITLE / SUBJECTS, a SUBJECT further on (an enclosure's), an
FBI caption, the first heading; the date
from the form's DATE, a header date line, the first date of the opening lines; the creator
from the text's originator, the form's ORIGINATOR / AGENCY, a letterhead, the record number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from . import model as m
from .dates import parse_date
from .forms import print_dates, read_form
from .lines import Line
from .names import highest_level
from .rules import Compiled, Rules
from .tagging import Context, applies

_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by"}
T = TypeVar("T")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:US|USA|USSR|CIA|FBI|NSA|DIA|NSC|UN|NATO|INR)$")

#: Stamp rules whose text is an identifier of the document, with the idno type it gets.
IDENTIFYING_STAMPS = {"cia-document-number": "document"}


def document_facts(pages: list[m.Page], lines: list[Line], rules: Rules, context: Context,
                   source_name: str = "") -> m.Facts:
    """Each fact from the best evidence the document offers, in order of trust: its own header
    fields, then the fields of a form bound with it, then weaker hints (see each helper)."""
    blocks = [b for page in pages for b in page.blocks]
    fields = [b for b in blocks if isinstance(b, m.Field_)]

    texts = [line.text.strip() for line in lines if line.kind == "text"]
    stamped = {line for block in blocks if isinstance(block, m.Stamp) for line in plain_lines(block)}
    form_lines = texts[:FORM_LINES]
    form = read_form(form_lines, rules.form_fields, rules.form_label_gate)
    # a release stamp printed across a form is no field's value: titles are read without it
    unstamped_lines = [t for t in form_lines if t not in stamped]
    unstamped = form if len(unstamped_lines) == len(form_lines) else read_form(
        unstamped_lines, rules.form_fields, rules.form_label_gate)
    # the record's own SUBJECT, read where it stands on its first pages, before the form's
    own_end = _own_pages_end(pages)
    own_lines = [line.text.strip() for line in lines
                 if line.kind == "text" and line.number < own_end and line.text.strip() not in stamped][:FORM_LINES]
    own = unstamped if own_lines == unstamped_lines else read_form(own_lines, rules.form_fields, rules.form_label_gate)
    own_subject, later_subject = _subjects(pages, own_end)
    printed = {form_lines[i] for i in print_dates(form_lines)}
    content = [text for text in _content_texts(pages) if text not in printed]
    # each source in order of trust, with the name the TEI gives it (see certainty.FACT_RULES)
    title_source, title = _first_of(
        ("file-name", lambda: title_from_name(source_name)),
        ("subject", lambda: own_subject),
        ("form-subject", lambda: _plausible_title(own.get("subject"))),
        ("form-routing-subject", lambda: _plausible_title(own.get("routing-subject"))),
        ("form-title", lambda: _plausible_title(unstamped.get("title"))),
        ("form-subjects", lambda: _plausible_title(_not_index_codes(unstamped.get("subjects")))),
        ("later-subject", lambda: later_subject),
        ("form-subject", lambda: _plausible_title(unstamped.get("subject"))),
        ("fbi-caption", lambda: _caption_after_from(content)),
        ("first-heading", lambda: _first_heading(pages)),
    )
    title = _completed(title, texts)
    date_source, date_text, date = _date(fields, form, content)
    identifiers = [m.Identifier(type="memo", value=f.value, rule="memo-number") for f in fields if f.name == "number"]
    identifiers += [m.Identifier(type=kind, value=form[name], rule=f"form-{name}")
                    for name, kind in _FORM_IDENTIFIERS if name in form]
    identifiers += _identifiers(texts, rules.identifiers, context, "text")
    identifiers += [
        m.Identifier(type=IDENTIFYING_STAMPS[s.rule], value=plain_lines(s)[0], rule=f"stamp-{s.rule}")
        for s in blocks
        if isinstance(s, m.Stamp) and s.rule in IDENTIFYING_STAMPS
    ]
    identifiers += _identifiers([source_name], rules.name_identifiers, context, "file-name")
    creator_source, creators = _first_of(
        ("originator", lambda: _creators(texts, rules, context)),
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


def _first_of(*sources: tuple[str, Callable[[], T | None]]) -> tuple[str, T | None]:
    """The first source that gives a value, by name, and its value (``""``, None if none)."""
    for name, read in sources:
        value = read()
        if value:
            return name, value
    return "", None


#: How many lines from the start a form bound with the record may take.
FORM_LINES = 160
_FORM_IDENTIFIERS = (("record-number", "record"), ("agency-file-number", "file"), ("cite", "cable"))
_NAME_NOISE = re.compile(r"\s+(?:CIA-)?RDP\S+$|\s+DOC_\d+$|_djvu$|\.(?:txt|md)$", re.IGNORECASE)
_LEVEL_NAMES = {"top secret": "TS", "secret": "S", "confidential": "C", "restricted": "R", "unclassified": "U"}


def level_of_name(text: str) -> str | None:
    return _LEVEL_NAMES.get(" ".join(text.casefold().split()))


def title_from_name(name: str) -> str | None:
    """A file name written as a title, in words with spaces between (CREST names its files
    after the document's subject), without the archive's numbers; None for a name of
    numbers or a slug (``cia-staff-memo-73-54``)."""
    stem = name
    for _ in range(3):
        stem = _NAME_NOISE.sub("", stem)
    words = re.findall(r"[A-Za-z]{3,}", stem)
    return " ".join(stem.split()) if len(words) >= 3 and len(stem.split()) >= 3 else None


#: The pages a record's own SUBJECT stands on: a bound identification form's page and the
#: record's first page. A SUBJECT further on heads an enclosure or a later paper of the file
#: (an HSCA folder's memo on page 7, a letter's attachment on page 14), which the form's
#: TITLE or SUBJECTS describes less well than the file as a whole.
RECORD_PAGES = 2


def _own_pages_end(pages: list[m.Page]) -> float:
    """The number of the first line past the record's own first pages (see RECORD_PAGES)."""
    for page in pages[RECORD_PAGES:]:
        if page.blocks:
            return page.blocks[0].line
    return float("inf")


def _subjects(pages: list[m.Page], own_end: float) -> tuple[str | None, str | None]:
    """The first SUBJECT that holds a subject (a routing sheet's holds only its prompt,
    ``(Optional)``) on the record's own first pages, and the first after them."""
    found = [(block.line < own_end, value) for page in pages for block in page.blocks
             if isinstance(block, m.Field_) and block.name == "subject"
             for value in [_plausible_title(" ".join(block.value.split()))] if value]
    own = next((value for early, value in found if early), None)
    later = next((value for early, value in found if not early), None)
    return own, later


def _not_index_codes(value: str | None) -> str | None:
    """A SUBJECTS value unless it is a list of index codes (``LHJ, RES, REL, ASSOC``)."""
    if not value:
        return None
    items = [item.strip(" •") for item in value.split(",") if item.strip(" •")]
    short = sum(1 for item in items if len(item) <= 5)
    return None if len(items) >= 2 and 2 * short >= len(items) else value.strip(" •")


def _plausible_title(value: str | None) -> str | None:
    """A form value that can be a title: words, not a date or a number, without the form's
    printed prompt (``(Optional)``)."""
    value = _PROMPT.sub("", value or "")
    if (not value or (len(value) < 30 and parse_date(value))
            or not re.search(r"[A-Za-z]{3,}", re.sub(r"\([^)]*\)", "", value))  # a form's prompt: (Optional)
            or _ADDRESS.search(value) or _FORM_FURNITURE.match(value)
            or _SECTION_HEADING.match(value) or _FORM_NAME.search(value)):
        return None
    return value


#: What an identification form prints where no title stands: its DOCUMENT TYPE values, its
#: access note, a level, its page footer, the release stamp laid over it.
_FORM_FURNITURE = re.compile(
    r"(?i)^\W*(?:paper,?\s*textual\s+document|printed\s+form|\[?r\]?\s*-\s*item\s+is\s+restricted"
    r"|\d?\W*restricted|withheld|top\s+secret|secret|confidential|unclassified|(?:docid\W*)?\d+\s+page\s+\d+"
    r"|[hr]?e?leased\s+under)\b")
#: A routing sheet's prompt beside its SUBJECT label, ``(Optional)``, as OCR reads it too
#: (``{Optional)``, ``(Opmonal}``, ``Opteri!`` standing alone).
#: The printed name of a form, read into a value where the field is empty.
_FORM_NAME = re.compile(r"(?i)routing\s+and\s+record\s+sheet")
_PROMPT = re.compile(r"(?i)^\W*[({\[]\s*(?:optional|if\s+any)\W*|^\W*Op[a-z]{3,7}\W*$")
_SECTION_HEADING = re.compile(r"(?i)^\W*(?:document|agency)\s+information\W*$")


def _completed(title: str | None, texts: list[str]) -> str | None:
    """A short title that a line of the text opens and goes on (a form's ``OBJECTIVE C``,
    the text's ``OBJECTIVE C: INTENSIFY INTELLIGENCE COLLECTION``) is that whole line."""
    if not title or len(title.split()) > 3:
        return title
    head = title.casefold()
    for text in texts:
        if text.casefold().startswith(head) and len(text) > len(title) + 3 and len(text) <= 120:
            return " ".join(text.split())
    return title


# The value of a FROM or TO field, taken for a title where OCR scrambled a form.
_ADDRESS = re.compile(r"^\W*(?:SAC|DIRECTOR|LEGAT|LEG|CHIEF|ATTN)\b|\(\d{2,3}-\d+\)")


_FROM_LINE = re.compile(r"^\W{0,3}FROM\b")
_NOT_CAPTION = re.compile(r"(?i):|classif|declass|\bdate\b|^\W*(?:to|from|re|attn)\b")


def _caption_after_from(texts: list[str]) -> str | None:
    """The caption of an FBI letter, teletype or memorandum: the first line in capitals
    of a few words that follows its FROM line (``FROM SAC, MIAMI`` then
    ``MOVIMIENTO INSURRECIONAL DE RECUPERACION REVOLUCIONARIA``)."""
    for i, text in enumerate(texts):
        if not _FROM_LINE.match(text):
            continue
        for below in texts[i + 1:i + 7]:
            if _is_caption(below):
                return below
    return None


def _is_caption(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    words = re.findall(r"[A-Za-z]{3,}", line)
    return (len(words) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)
            and not _NOT_CAPTION.search(line))


def _first_heading(pages: list[m.Page]) -> str | None:
    """A record with no subject line and no form is often headed by a line in capitals
    (``ACTING SECRETARY TALBOTT'S SCHEDULE``): the first such line of running text."""
    for block in pages[0].blocks[:8] if pages else ():
        if not isinstance(block, m.Paragraph):
            continue
        for line in plain_lines(block)[:1]:
            letters = [c for c in line if c.isalpha()]
            words = re.findall(r"[A-Za-z]{2,}", line)
            if (2 <= len(words) <= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
                    and ":" not in line and not _FORM_HEADING.search(line)):
                return line
    return None


#: Headings that name the form, the agency or the handling, never the record's subject: a CIA
#: cable form's CLASSIFIED MESSAGE, a letterhead, the RETURN TO CIA caveat of the JFK files.
_FORM_HEADING = re.compile(r"(?i)assassination\s+system|identification\s+form|information|record|routing"
                           r"|classified\s+message|central\s+intelligence\s+agency|return\s+to\s+cia")


def _content_texts(pages: list[m.Page]) -> list[str]:
    """The text of the first pages' header fields and paragraphs, line by line: where a
    document's own date stands (stamps and page furniture carry other dates)."""
    out: list[str] = []
    for page in pages[:4]:
        for block in page.blocks:
            if isinstance(block, m.Paragraph | m.Field_):
                out.extend(line for line in plain_lines(block) if not _OTHER_DATE.match(line))
    return out


_OTHER_DATE = re.compile(r"^\W*(?:Date\s*:|DATE\s+OF\s+LAST|REVIEW\s+DATE|UPDATE\s+DATE|Released|Approved)")


def plain_lines(block: m.Block) -> list[str]:
    lines, current = [], []
    for piece in block.content:
        if isinstance(piece, m.LineBreak):
            lines.append("".join(current))
            current = []
        elif isinstance(piece, m.Run | m.Portion | m.Mark):
            current.append(piece.text)
    lines.append("".join(current))
    return [line.strip() for line in lines if line.strip()]


def _date(fields: list[m.Field_], form: dict[str, str],
          texts: list[str]) -> tuple[str, str | None, str | None]:
    """The document's date and where it was read: the DATE of the form bound with it (the
    archive's reading of a record whose own dates are often garbled), else a date line of its
    header, else the first date in its opening lines."""
    if "date" in form and parse_date(form["date"]):
        return "form-date", form["date"], parse_date(form["date"])
    for field in fields:
        if field.name == "date" and parse_date(field.value):
            return "date-field", field.value, parse_date(field.value)
    for text in texts[:_DATE_LINES]:
        found = parse_date(text)
        if found:
            return "first-date", text, found
    return "", None, None


_DATE_LINES = 40


def _agency(form: dict[str, str], rules: Rules) -> list[str]:
    for key in ("originator", "agency"):
        value = form.get(key)
        if not value:
            continue
        for row in rules.agencies:
            if row.regex.match(value):
                return [row.extra]
    return []


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


def _identifiers(texts: list[str], rows: tuple[Compiled, ...], context: Context,
                 where: str) -> list[m.Identifier]:
    """The first number each row finds in ``texts`` (the record's lines, or the name an
    archive gave its file: ``104-10063-10177.md``), its prefix before it; ``where`` names
    the source for the certainty the TEI gives it."""
    out = []
    for row in rows:
        if not applies(row, context):
            continue
        for text in texts:
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

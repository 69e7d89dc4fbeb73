"""The document's title, taken from the first of a chain of sources that gives one.

A record says what it is about in different places according to its kind, and the sources
are tried in order of trust (docs/PROFILE.md lists them):

1. a file name written as a title (CREST names its files after the document's subject);
2. an FBI case caption on the record's first pages: the names above the case's character
   (``LOUIS HENRY JONES`` / ``IS - CUBA``), which OCR keeps whole where it garbles the
   SUBJECT label beside them;
3. the record's own SUBJECT on its first pages (SUBJ, a label OCR garbled, an information
   report's label without its colon, a value continued on the lines below; the header
   field rules of rules.toml), then a memo's SUBJECT read as a form field, then a routing
   sheet's, then an intelligence report's subject below its bare label, up to its DATE DISTR;
4. a bound NARA identification form's TITLE; the name of a printed form filled in for a
   person with the person its SUBJECTS names (``PAYROLL AUTHORIZATION FORM: CHARLES M.
   BERK``); its SUBJECTS, unless a list of index codes;
5. a SUBJECT further on (an enclosure's), the form's SUBJECT as read with the stamps;
6. a report's title page (a CIA history's title under ``HISTORICAL STAFF``);
7. a cable's C/S COMMENT; its station and number (``CITE WH/MIAMI 11978``; a later
   headquarters cable's ``STAFF 280305Z DIRECTOR 195505``), the name an archivist gives a
   cable with no subject; the caption of an FBI letter after its FROM line;
8. the first heading in capitals above the record's numbered text.

The lines that mark a caption's character, a report's title page, a cable's comment or a
printed form's name are rules (``[[title_line]]`` in rules.toml), each a kind of record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice, takewhile
from typing import TypeVar

from .. import model as m
from ..reading.lines import Line
from .dates import parse_date
from .forms import Label, read_form
from .rules import Compiled, Rules


def document_title(pages: list[m.Page], lines: list[Line], rules: Rules, source_name: str,
                   form_lines: list[str], form: dict[str, str], stamped: set[str],
                   content: list[str], complete: bool = True) -> str | None:
    """The first title the chain of sources (see the module's docstring) gives."""
    return titled_by(pages, lines, rules, source_name, form_lines, form, stamped, content, complete)[1]


def titled_by(pages: list[m.Page], lines: list[Line], rules: Rules, source_name: str,
              form_lines: list[str], form: dict[str, str], stamped: set[str],
              content: list[str], complete: bool = True, *, texts: list[str] | None = None,
              form_labels: dict[str, Label] | None = None) -> tuple[str, str | None]:
    """The first title the chain of sources gives, with the name of its source (for the
    certainty the TEI gives it, see certainty.FACT_RULES); ``""`` and None if none does. With
    ``complete`` false, the title is given before a short one is completed from a line that
    opens with it and one cut at a dangling word runs on (``completed``, ``run_on``: a large
    input's lines are read for them again, see stream.py). ``texts`` are the stripped text
    lines of ``lines`` and ``form_labels`` the memo of forms.read_form that read ``form``,
    where the caller has them."""
    if texts is None:
        texts = [line.text.strip() for line in lines if line.kind == "text"]
    # a release stamp printed across a form is no field's value: titles are read without it
    unstamped_lines = [t for t in form_lines if t not in stamped]
    unstamped = form if len(unstamped_lines) == len(form_lines) else read_form(
        unstamped_lines, rules.form_fields, rules.form_label_gate, form_labels)
    # the record's own SUBJECT, read where it stands on its first pages, before the form's
    own_end = _own_pages_end(pages)
    own_lines = list(islice((text for line in takewhile(lambda line: line.number < own_end, lines)  # in order
                             if line.kind == "text" for text in [line.text.strip()] if text not in stamped),
                            FORM_LINES))
    own = unstamped if own_lines == unstamped_lines else read_form(own_lines, rules.form_fields,
                                                                   rules.form_label_gate, form_labels)
    own_subject, later_subject = _subjects(pages, own_end)
    kinds = by_kind(rules.title_lines)
    source, title = first_of(
        ("file-name", lambda: title_from_name(source_name)),
        ("case-caption", lambda: case_caption(own_lines, kinds)),
        ("subject", lambda: own_subject),
        ("form-subject", lambda: _plausible_title(own.get("subject"))),
        ("form-routing-subject", lambda: _plausible_title(own.get("routing-subject"))),
        ("report-subject", lambda: subject_above_date_distr(own_lines)),
        ("form-title", lambda: _plausible_title(unstamped.get("title"))),
        ("printed-form", lambda: printed_form_title(unstamped, texts, kinds)),
        ("form-subjects", lambda: _plausible_title(_not_index_codes(unstamped.get("subjects")))),
        ("later-subject", lambda: later_subject),
        ("form-subject", lambda: _plausible_title(unstamped.get("subject"))),
        ("report-title", lambda: report_title(texts, kinds)),
        ("cable-comment", lambda: cable_comment(texts, kinds)),
        ("cable-cite", lambda: cable_cite(texts[:_CITE_LINES], kinds)),
        ("fbi-caption", lambda: _caption_after_from(content)),
        ("first-heading", lambda: _first_heading(pages)),
    )
    return source, (run_on(completed(title, texts), texts) if complete else title)


T = TypeVar("T")


def first_of(*sources: tuple[str, Callable[[], T | None]]) -> tuple[str, T | None]:
    """The first source that gives a value, by name, and its value (``""``, None if none)."""
    for name, read in sources:
        value = read()
        if value:
            return name, value
    return "", None


#: A report's SUBJECT label alone on its line, and the DATE DISTR that follows its value.
_BARE_SUBJECT = re.compile(r"^\W{0,3}SUBJECT\W{0,2}$")
_DATE_DISTR = re.compile(r"(?i)^\W{0,3}d?at?e\s+d?i?s\s?tr\b")
#: The other labels of a report's column (``SUBJECT`` / ``NO. PAGES`` / ``REFERENCES`` /
#: ``DATE DISTR``), no subject's value.
_REPORT_LABEL = re.compile(r"(?i)^\W{0,3}(?:NO[.,]?\s+PAGES|REFERENCES?|COUNTRY|REPOR\w\W{0,2}\s*NO|DATE\s+OF"
                           r"|PLACE|SOURCE|APPRAISAL|PRECEDENCE|DOI|CLASSIFICATION|NO\s+(?:FOREIGN\s+)?DISSEM)\b")
#: How many lines a subject below its label runs to.
_SUBJECT_BELOW = 3


def subject_above_date_distr(texts: list[str]) -> str | None:
    """An intelligence report's subject in capitals on the lines below its bare SUBJECT label,
    where the report's DATE DISTR follows at once (a TDCS report's ``SUBJECT`` / ``COMMENTS OF
    CUBAN OFFICIALS ON THE`` / ``ASSASSINATION OF PRESIDENT KENNEDY`` / ``DATE DISTR``): the
    label alone also heads a column of labels, whose values follow in order elsewhere, hence
    the DATE DISTR is required."""
    for i, text in enumerate(texts):
        if not _BARE_SUBJECT.match(text):
            continue
        parts: list[str] = []
        for below in texts[i + 1:i + 2 + _SUBJECT_BELOW]:
            if _DATE_DISTR.match(below):
                title = " ".join(" ".join(parts).split()).rstrip(" :;,'’")
                return title if parts else None
            letters = [c for c in below if c.isalpha()]
            if (not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters)
                    or ":" in below.rstrip(" :;'’") or _REPORT_LABEL.match(below)):
                break
            parts.append(below)
    return None


#: How many lines from the start a form bound with the record may take.
FORM_LINES = 160


def by_kind(rows: tuple[Compiled, ...]) -> dict[str, list[re.Pattern[str]]]:
    kinds: dict[str, list[re.Pattern[str]]] = {}
    for row in rows:
        kinds.setdefault(row.label, []).append(row.regex)
    return kinds


def is_kind(kinds: dict[str, list[re.Pattern[str]]], kind: str, text: str) -> bool:
    return any(regex.match(text) for regex in kinds.get(kind, ()))


#: A line of a caption: capitals (a name, an organization), no label, a few words.
_CAPTION_WORDS = re.compile(r"[A-Za-z][A-Za-z'.\"“”-]+")


def _caption_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    words = _CAPTION_WORDS.findall(text)
    return (1 <= len(words) <= 10 and len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)
            and ":" not in text and not _NOT_CAPTION.search(text) and not _ADDRESSED.search(text))


#: An address or an agent above an FBI caption, no name of its subjects (``SAC, NEW ORLEANS
#: (105-0)``, ``SA KEVIN J. HARRIGAN``, ``DIRECTOR, FBI (109-584)``): a file number in brackets.
_ADDRESSED = re.compile(r"^\W*(?:SAC|SA|DIRECTOR|LEGAT|LEG|CHIEF|ATTN)\b|\(\d{2,3}-\d+")


def _noise(text: str) -> bool:
    """A line of numbers and marks OCR set among a caption's lines (a stamp's date, a file
    number's digits): no word of three letters."""
    return not re.search(r"[A-Za-z]{3}", text)


#: A SUBJECT or RE label beside the first line of a caption (``Subject: MOVIMIENTO ...``).
_SUBJECT_LABEL = re.compile(r"^\W{0,3}(?:SUBJECT|Subject|SUBJ|RE|Re)\s*[:.]\s*(?P<value>[A-Z][^:]*)$")

#: How many lines of names may stand above one character line.
_CAPTION_NAMES = 3


def case_caption(texts: list[str], kinds: dict[str, list[re.Pattern[str]]]) -> str | None:
    """An FBI case caption: each subject's lines, then its character line (``IS - CUBA``),
    the next subject's after the file number in brackets, joined by ``;``
    (``LOUIS HENRY JONES IS - CUBA; LENNA SCHWEITZER JONES IS - CUBA``)."""
    parts: list[str] = []
    i, last = 0, -1
    while i < len(texts):
        text = texts[i]
        if not is_kind(kinds, "case-character", text):
            i += 1
            continue
        names: list[str] = []
        k = i - 1
        while k > last and len(names) < _CAPTION_NAMES:
            above = texts[k]
            if _noise(above):  # a stamp's date or number OCR set among the caption's lines
                k -= 1
                continue
            label = _SUBJECT_LABEL.match(above)
            if label:  # the caption's first line, beside the SUBJECT label
                names.insert(0, label.group("value"))
                break
            if (not _caption_line(above) or is_kind(kinds, "case-character", above)
                    or is_kind(kinds, "caption-end", above)):
                break
            names.insert(0, above)
            k -= 1
        if not names:
            if parts:
                break
            i += 1
            continue
        parts.append(" ".join(" ".join([*names, text]).split()))
        last = i
        # the next subject's lines follow at once, after its predecessor's file number
        k = i + 1
        while k < len(texts) and k <= i + 2 and (is_kind(kinds, "caption-end", texts[k]) or _noise(texts[k])):
            k += 1
        nxt = next((j for j in range(k, min(k + _CAPTION_NAMES + 1, len(texts)))
                    if is_kind(kinds, "case-character", texts[j])), None)
        if nxt is None or not all(_caption_line(t) for t in texts[k:nxt]):
            break
        i = nxt
    return "; ".join(parts) or None


#: A name as a form indexes it, surname first: ``BERK, CHARLES M.``.
_INDEXED_NAME = re.compile(r"\b([A-Z][A-Z'-]+),\s*([A-Z][A-Z'-]+(?:\s+[A-Z]\.?)?)\s*$")


def printed_form_title(form: dict[str, str], texts: list[str], kinds: dict[str, list[re.Pattern[str]]]) -> str | None:
    """A printed form filled in for a person (the identification form's DOCUMENT TYPE says
    PRINTED FORM): its printed name and the person its SUBJECTS names last
    (``PAYROLL AUTHORIZATION FORM: CHARLES M. BERK``)."""
    if "printed" not in form.get("document-type", "").casefold():
        return None
    person = _INDEXED_NAME.search(form.get("subjects", ""))
    name = next((t for t in texts if is_kind(kinds, "printed-form", t)), None)
    if not person or not name:
        return None
    return f"{' '.join(name.split())}: {person.group(2)} {person.group(1)}"


#: How far below its heading a report's title page runs.
_TITLE_PAGE = 12


def report_title(texts: list[str], kinds: dict[str, list[re.Pattern[str]]]) -> str | None:
    """The title on a report's title page: the lines in capitals after its heading and series
    (``HISTORICAL STAFF`` / ``CENTRAL INTELLIGENCE AGENCY``), up to its number, author or date
    (``COUNTERINTELLIGENCE OPERATIONS`` / ``SOVIET RUSSIA DIVISION`` / ``1946-1965``); the
    number may stand above the title too (``CS HP 334``)."""
    start = next((i for i, t in enumerate(texts[:FORM_LINES]) if is_kind(kinds, "report-heading", t)), None)
    if start is None:
        return None
    parts: list[str] = []
    for text in texts[start + 1:start + 1 + _TITLE_PAGE]:
        if is_kind(kinds, "report-end", text) or is_kind(kinds, "report-series", text):
            if parts:
                break
            continue
        text = re.sub(r"^[a-z]\s+", "", text)  # a stray mark read as a letter before the title
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) < 0.8 * len(letters):
            break
        parts.append(text)
    title = " ".join(" ".join(parts).split())
    return title if re.search(r"[A-Za-z]{3,}", title) else None


#: How far from the start a cable's CITE stands: on its first page, not in a later paper's text.
_CITE_LINES = 40


def cable_cite(texts: list[str], kinds: dict[str, list[re.Pattern[str]]]) -> str | None:
    """A cable's station and number from its CITE (``... CITE WH/MIAMI 11978`` is
    ``WH/MIAMI 11978``), OCR's ``!`` for an ``I`` mended."""
    for text in texts:
        for regex in kinds.get("cable-cite", ()):
            match = regex.search(text)
            if match:
                return re.sub(r"(?<=[A-Z])!", "I", " ".join(match.group("value").split()))
    return None


def cable_comment(texts: list[str], kinds: dict[str, list[re.Pattern[str]]]) -> str | None:
    """A cable's C/S COMMENT, unless a note on its handling (``*DISSEMINATION APPLICABLE TO
    RYBAT CABLES``), without its label and the asterisk that ties it to the
    cable it answers (``*RE OBTAINING VISA FOR AMBANG/1.`` is ``RE OBTAINING VISA FOR AMBANG/1``)."""
    for text in texts:
        for regex in kinds.get("cable-comment", ()):
            match = regex.match(text)
            if match:
                rest = text[match.end() - 1:]
                value = rest.strip(" *\"“”'‘’|.:")
                # a note on the cable it answers is marked with an asterisk (or OCR's quote)
                if (re.match(r"\W*[*\"“‘']", rest) and re.search(r"[A-Za-z]{3,}", value)
                        and not is_kind(kinds, "handling-note", value)):
                    return " ".join(value.split())
    return None


_NAME_NOISE = re.compile(r"\s+(?:CIA-)?RDP\S+$|\s+DOC_\d+$|_djvu$|\.(?:txt|md)$", re.IGNORECASE)


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


def completed(title: str | None, texts: Iterable[str]) -> str | None:
    """A short title that a line of the text opens and goes on (a form's ``OBJECTIVE C``,
    the text's ``OBJECTIVE C: INTENSIFY INTELLIGENCE COLLECTION``) is that whole line."""
    if not title or len(title.split()) > 3:
        return title
    head = title.casefold()
    for text in texts:
        if text.casefold().startswith(head) and len(text) > len(title) + 3 and len(text) <= 120:
            return " ".join(text.split())
    return title


#: The words a title cannot end with: where a subject read from one line ends so, it runs on
#: to the next, past the label OCR set beside it (an information report's ``SUBJECT THE
#: SEEKING OF AMERICAN SUPPORT FOR DATE DISTR. 20 MARCH 1963`` / ``THE OVERTHROW OF THE DIEM
#: REGIME``).
_DANGLING = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"})
#: How many lines a dangling title may run on over.
_RUN_ON_LINES = 2


def run_on(title: str | None, texts: Iterable[str]) -> str | None:
    """A title ending in a word that cannot end it, with the lines in capitals below the line
    it stands on (not a report's next label: ``PRECEDENCE``, ``DATE OF INFO``)."""
    if not title or title.split()[-1].casefold() not in _DANGLING:
        return title
    lines = iter(texts)
    if not any(title in " ".join(text.split()) for text in lines):
        return title
    for below in islice(lines, _RUN_ON_LINES):
        letters = [c for c in below if c.isalpha()]
        if (not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters) or ":" in below
                or _REPORT_LABEL.match(below)):
            break
        title = f"{title} {' '.join(below.split())}"
        if title.split()[-1].casefold() not in _DANGLING:
            break
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
            if _TEXT_BEGINS.match(line):  # a heading stands above the text, never within it
                return None
            letters = [c for c in line if c.isalpha()]
            words = re.findall(r"[A-Za-z]{2,}", line)
            if (2 <= len(words) <= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
                    and ":" not in line and not _FORM_HEADING.search(line) and not _NOT_HEADING.match(line)):
                return line
    return None


#: The record's numbered text begun (``1. CONCUR PARA ONE REF``, ``1 ONLY IDENTIFIABLE HQS
#: TRACE``): a cable's text is all in capitals, and no heading stands below its first paragraph.
_TEXT_BEGINS = re.compile(r"\W{0,3}(?:\d{1,2}\s*[.,)]\s|\d\s+[A-Z]{2})")
#: Lines in capitals above a cable's text that are no heading: the references it answers
#: (``REF A. MADR 9870``), its addressee (``TO + DIRECTOR``).
_NOT_HEADING = re.compile(r"\W{0,3}(?:REFS?|TO|FROM|INFO|ACTION)\b\W")

#: Headings that name the form, the agency or the handling, never the record's subject: a CIA
#: cable form's CLASSIFIED MESSAGE (its first letters lost to OCR too: ``ABSIFIED MESSAGE``),
#: a routing sheet's USE ONLY or EYES ONLY caveat, a letterhead, the RETURN TO CIA caveat of the JFK files.
_FORM_HEADING = re.compile(r"(?i)assassination\s+system|identification\s+form|information|record|routing"
                           r"|sified\s+message|central\s+intelligence\s+agency|return\s+to\s+cia"
                           r"|(?:eyes|use)\s+only")




def plain_lines(block: m.Block) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    for piece in block.content:
        if isinstance(piece, m.LineBreak):
            lines.append("".join(current))
            current = []
        elif isinstance(piece, m.Run | m.Portion | m.Mark):
            current.append(piece.text)
    lines.append("".join(current))
    return [line.strip() for line in lines if line.strip()]

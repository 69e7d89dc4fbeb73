"""Page numbers that only their sequence reveals.

A bare ``3`` at the foot of a page may be its page number or a stray digit of OCR; what
tells them apart is the sequence. Printed page numbers stand in the same place (the head
or the foot) on successive pages and go up by one from page to page, whether or not they
equal the page's position: an excerpt that starts at page 285 of a history, a file holding
two memoranda numbered from 1 each. So a number alone on a line near a page's edge is taken
for its page number when another page's number at the same edge, a few pages away, runs in
step with it (the pages between them apart, the numbers between them apart). The page
numbers the rule tables already found (``- 286 -``) count as numbers of the sequence.

This works on the lines of each page, before they are grouped into blocks: a page number
that OCR put on the line after a paragraph's last line, with no blank line between, is
still found, and its line then becomes a block of its own.

A number OCR speckled (``6. es``) joins a sequence the clean numbers show, never starts one.
Some page numbers their place on a form tells instead: a message form's page box read a word
a line, an identification form's ``Page`` label apart from its value, the letter above an FBI
report's ``COVER PAGE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from ..reading.lines import Line
from .pages import RawPage
from .rules import Rules
from .tagging import Context, Span, covers_words, tag_line

#: Lines with words at the head and at the foot of a page where its number may stand.
EDGE_LINES = 4
#: Pages apart two numbers of one sequence may stand (OCR lost the numbers between them).
MAX_GAP = 3

#: A number alone on its line: ``2``, ``4.``, ``(3)``, ``- 3``; a page is never numbered 0.
_BARE_NUMBER = re.compile(r"^\W{0,2}(?!0)(\d{1,3})\.?\W{0,2}$")
#: A page's number with its label, alone on a line: the continuation header of a letter or a
#: staff memorandum (``Manuel Ray - 10/24/78`` / ``Page 4``, ``page 2``, OCR's ``Pago 2``), an
#: identification form's ``Date: 06/10/98`` / ``Page 1``. Its label makes it a page number on
#: its own, at the head of a page: at the foot, ``Page 17`` is what OCR left of an archive's
#: footer, unless it stands beside the page's banner, as a CIA weekly review or special report
#: prints it (``TOP SECRET DINAR`` / ``Page 2``).
_LABELED_NUMBER = re.compile(r"(?i)^[\W_]{0,3}pa[gc][eao]\W{0,2}(\d{1,3})\.?\W{0,2}$")
#: A number with OCR's debris about it, a letter or two beside it: ``6. es``, ``8 : i``, ``E 2``,
#: ``• '3``, ``— -5-°``. Taken only where it runs in step with a sequence the clean numbers
#: already show: alone, it is as likely a date's or a list's.
_SPECKLED_NUMBER = re.compile(
    r"^[\W_]{0,3}(?:[A-Za-z]{1,2}\s+)?[\W_]{0,3}(?!0)(\d{1,3})[\W_]{0,3}(?:\s+[A-Za-z]{1,2})?[\W_]{0,3}$")
#: A page's label OCR misread, a letter of its four wrong, and its number: ``lage 6``, ``Fage 3``,
#: ``InGE 6``, ``PACZ. 2`` at the head of the continuation pages of CIA dispatches and FBI reports
#: (seen so in several JFK files). Like a speckled number it joins a sequence the clean numbers
#: show, never starts one: alone, ``Sage 4`` may be a word and a count.
_GARBLED_LABEL = re.compile(
    r"(?i)^[\W_]{0,3}(?:[a-z]a[gc][eao]|p[a-z][gc][eao]|pa[a-z][eao]|pa[gc][a-z]|[a-z]{2}ge)\W{0,2}(?!0)(\d{1,3})\.?\W{0,2}$")
#: A page's number and the count of its pages alone on a line, the word PAGE lost or never
#: printed: ``3 of 3`` at the foot of a dispatch's attachment, ``2 of 5`` (the number no more
#: than the count: ``5 of 2`` is no page's).
_N_OF_M = re.compile(r"(?i)^\W{0,2}(?!0)(\d{1,2})\s*of\s*(\d{1,2})\W{0,2}$")
#: A page's label alone on its line, its number alone on the next: the ``PAGE:`` / ``2`` of a
#: CIA cable printout (the MHFNO / SENSIND header and its foot), the ``PAGE NO.`` / ``2.`` box of
#: a CIA dispatch's continuation sheet, a weekly intelligence review's ``Page`` / ``15`` (``Paga``),
#: an identification form's ``Page :`` / ``1``.
_PAGE_LABEL = re.compile(r"(?i)^[\W_]{0,3}pa[gc][eao](?:\s*no)?\W{0,3}$")
#: The page box of a CIA outgoing message form (1970s), as OCR reads it one word a line in
#: the form's header: ``PAGE`` / ``2`` / ``OF`` / ``PAGES`` / ``3`` (the OF may be lost, or the
#: PAGE above the number: ``3`` / ``oF`` / ``PAGES.`` / ``3``).
_BOX = (re.compile(r"^\W{0,2}PAGE\W{0,2}$"), re.compile(r"^\W{0,2}\d{1,2}\W{0,2}$"),
        re.compile(r"(?i)^\W{0,2}of\W{0,2}$"), re.compile(r"(?i)^\W{0,2}PAGES\W{0,2}$"),
        re.compile(r"^\W{0,2}\d{1,2}\W{0,2}$"))
#: The box as OCR reads it: whole, its OF lost, its PAGE lost.
_BOX_WORDINGS = (_BOX, _BOX[:2] + _BOX[3:], _BOX[1:])
#: Lines at a page's head where the form's header may hold its page box.
BOX_LINES = 20
#: The header of a NARA identification form (the JFK collection's cover sheet), its labels in
#: one column and their values in the next, as OCR reads them: ``Date`` / ``Page`` (a ``:`` line
#: between them at most), then ``08/04/98`` / ``1`` a few lines below, under the form's title;
#: seen so in the forms of several files.
_FORM_DATE_LABEL = re.compile(r"(?i)^\W{0,2}date\W{0,2}$")
_FORM_PAGE_LABEL = re.compile(r"(?i)^\W{0,2}pa[gc]e\W{0,2}$")
_FORM_DATE = re.compile(r"^\W{0,2}\d{1,2}/\d{1,2}/\d{2,4}\W{0,2}$")
#: Lines after its ``Page`` label where the form's date and page values may stand.
FORM_VALUE_LINES = 6
#: The cover pages of an FBI report (its informants, leads, administrative notes) are lettered,
#: not numbered: ``- B -`` or a bare ``B`` stands just above the ``COVER PAGE`` legend, as OCR
#: reads it ``- Ck -``, ``= Ce =``, ``-C-``, ``- EX -`` (with a speck after it: ``- Ck - : L``);
#: seen in the FBI field-office reports of several files.
_COVER_LETTER = re.compile(r"^[\W_]{0,2}(?:[-~=]\s*[A-Za-z]{1,2}\s*[-~=]+|[A-Z])(?:\s*[:;.,|]?\s*[A-Za-z]?)\s*$")
_COVER_PAGE = re.compile(r"(?i)^[\W_]{0,3}cover\s+page\b")
#: A table of contents heads its column of page numbers ``PAGE``: the number below is an entry's.
_CONTENTS = re.compile(r"(?i)\bcontents\b")
#: An archive's page identifier (``NW 50953 DocId:32301112``, as OCR garbles it: ``HM 50959``,
#: ``D001d:``, ``DorId:``): a ``Page 5`` on a line after it is the archive's count of its
#: scan's pages, not the page's own number.
_ARCHIVE_ID = re.compile(r"(?i)\bD[o0]\w{1,2}[il1][da]\b|\b[NHM][WNM]\W{0,2}\d{5}\b")
#: The word ``Page`` closing a line: the next line's number belongs to an archive's footer
#: split over two lines (``DocId: 32301112 Page`` / ``2``), not to the page.
_PAGE_WORD = re.compile(r"(?i)\bpage\W*$")
#: Kinds of line a page prints beyond its number, at its head or its foot.
_FURNITURE = frozenset({"classification", "archivalId", "stamp"})
_WORD = re.compile(r"\w")
_DIGITS = re.compile(r"\d+")

Edge = Literal["head", "foot"]


@dataclass(frozen=True)
class _Number:
    """A number at a page's edge: a bare one (``line`` is its line number) or one the rules
    tagged as a page number (``line`` is None)."""

    position: int
    edge: Edge
    value: int
    line: int | None
    labeled: bool = False
    label: int | None = None  # the line of its label, when the label stands on a line of its own
    speckled: bool = False  # read through OCR's debris: joins a sequence, never starts one


def sequence_page_numbers(pages: list[RawPage], rules: Rules, context: Context) -> frozenset[int]:
    """The numbers of the lines that are page numbers by their sequence."""
    numbers = PageNumbers(rules, context)
    for page in pages:
        numbers.add(page)
    return numbers.lines()


class PageNumbers:
    """The page numbers of a document gathered one page at a time: what each page shows at
    its edges (a few numbers) and the numbers its form tells; the sequence is read at the end."""

    def __init__(self, rules: Rules, context: Context) -> None:
        self.rules, self.context = rules, context
        self.numbers: list[_Number] = []
        self.found: set[int] = set()
        self.position = 0

    def add(self, page: RawPage) -> None:
        self.position += 1
        lines = _worded(page)
        self.numbers.extend(_edge_numbers(lines, self.position, self.rules, self.context))
        self.found.update((*_page_box(lines), *_form_page(lines), *_cover_letter(lines)))

    def lines(self) -> frozenset[int]:
        """The numbers of the lines that are page numbers by their sequence."""
        numbers = self.numbers
        speckled = [n for n in numbers if n.speckled]
        found = set(self.found)
        for run in _runs([n for n in numbers if not n.speckled]):
            joined = run + [s for s in speckled if any(_in_step(n, s) or _in_step(s, n) for n in run)]
            if _convincing(run) or (len(run) > 1 and _convincing(joined)):
                found.update(ln for n in joined for ln in (n.line, n.label) if ln is not None)
        return frozenset(found)


def _worded(page: RawPage) -> list[Line]:
    """The lines of a page's text with a word in them: those every reading below looks at."""
    return [ln for ln in page.lines if ln.kind == "text" and _WORD.search(ln.text)]


def _page_box(worded: list[Line]) -> list[int]:
    """The lines of a message form's page box among the first lines of the page (of its
    ``worded`` lines): PAGE, its number, OF (if OCR kept it), PAGES and their count, each
    alone on its line."""
    lines = worded[:BOX_LINES]
    texts = [ln.text.strip() for ln in lines]
    for k, text in enumerate(texts):
        # every wording of the box opens with PAGE or the number: other lines open none
        if not (_BOX[0].match(text) or _BOX[1].match(text)):
            continue
        for parts in _BOX_WORDINGS:
            window = texts[k:k + len(parts)]
            if len(window) == len(parts) and all(p.match(t) for p, t in zip(parts, window, strict=True)):
                return [ln.number for ln in lines[k:k + len(parts)]]
    return []


def _form_page(worded: list[Line]) -> list[int]:
    """The ``Page`` label of an identification form's header and the number below its date
    (the label and its value stand apart: the form's two columns are read one after the other);
    layout.join_page_labels makes them one page number."""
    lines = worded[:BOX_LINES]
    texts = [ln.text.strip() for ln in lines]
    for k in range(1, len(lines)):
        if not (_FORM_PAGE_LABEL.match(texts[k]) and _FORM_DATE_LABEL.match(texts[k - 1])):
            continue
        values = texts[k + 1:k + 1 + FORM_VALUE_LINES]
        for j, text in enumerate(values[:-1]):
            if _FORM_DATE.match(text) and _bare_value(lines[k + 2 + j]) is not None:
                return [lines[k].number, lines[k + 2 + j].number]
    return []


def _cover_letter(worded: list[Line]) -> list[int]:
    """The letter of an FBI report's cover page: the line just above its ``COVER PAGE`` legend."""
    return [a.number for a, b in pairwise(worded)
            if _COVER_PAGE.match(b.text.strip()) and _COVER_LETTER.match(a.text.strip())]


def _runs(numbers: list[_Number]) -> list[list[_Number]]:
    """The numbers grouped into runs: two numbers in step belong to one run. The numbers come
    in page order and two in step stand at most MAX_GAP pages apart, so each is compared with
    those of the next few pages only; a run lists its numbers in page order."""
    unique = list(dict.fromkeys(numbers))
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(unique):
        for j in range(i + 1, len(unique)):
            b = unique[j]
            if b.position - a.position > MAX_GAP:
                break
            if _in_step(a, b):
                parent[root(j)] = root(i)
    runs: dict[int, list[_Number]] = {}
    for i, n in enumerate(unique):
        runs.setdefault(root(i), []).append(n)
    return list(runs.values())


def _in_step(a: _Number, b: _Number) -> bool:
    gap = b.position - a.position
    return a.edge == b.edge and 0 < gap <= MAX_GAP and b.value - a.value == gap


def _convincing(run: list[_Number]) -> bool:
    """A labeled number (``Page 4``) is a page number on its own. A run of bare numbers
    shows a sequence when the rules found one of its numbers, or it has three
    numbers, or its two numbers stand on facing pages or are the positions of their pages
    (a scan's ``4`` atop its fourth page): two stray digits of OCR a few pages apart fall in
    step by chance."""
    if any(n.labeled for n in run):
        return True
    if len(run) < 2:
        return False
    if len(run) > 2 or any(n.line is None for n in run):
        return True
    a, b = run
    return abs(a.position - b.position) == 1 or a.value == a.position


def _edge_numbers(lines: list[Line], position: int, rules: Rules, context: Context) -> list[_Number]:
    """The numbers at the edges of a page (``lines``: its lines with words)."""
    # each line's spans once, for its number and for whether it is furniture
    spans = [tag_line(ln, rules, context) for ln in lines]
    tagged = [_tagged_number(ln, found) for ln, found in zip(lines, spans, strict=True)]
    has_number = any(v is not None for v in tagged)
    # a first page rarely prints its number alone: a bare digit there is a form's or OCR's
    bare = not has_number and position > 1
    numbers = []
    claimed: set[int] = set()  # the number lines of labels read on the line before
    for edge, span in _edges(lines, spans):
        for k in span:
            line = lines[k]
            value = tagged[k]
            if value is not None:
                numbers.append(_Number(position, edge, value, None))
            elif line.number in claimed:
                continue
            elif not has_number and _split_label(lines, k):
                number = lines[k + 1]
                claimed.add(number.number)
                numbers.append(_Number(position, edge, _bare_value(number), number.number,  # type: ignore[arg-type]
                                       labeled=True, label=line.number))
            elif not has_number and _labeled(lines, k) and (edge == "head" or _beside_banner(lines, spans, k)):
                numbers.append(_Number(position, edge, _labeled_value(line), line.number, labeled=True))
            elif (of := _n_of_m(line)) is not None:
                numbers.append(_Number(position, edge, of, line.number, labeled=True))
            elif bare and _bare_alone(lines, k):
                numbers.append(_Number(position, edge, _bare_value(line), line.number))  # type: ignore[arg-type]
            elif bare and (speck := _speckled(lines, k)) is not None:
                numbers.append(_Number(position, edge, speck, line.number, speckled=True))
    return numbers


def _edges(lines: list[Line], spans: list[list[Span]]) -> tuple[tuple[Edge, range], tuple[Edge, range]]:
    """The head and the foot of a page: its first and its last ``EDGE_LINES`` lines, not
    counting the banners, archive headers and stamps that stand beyond its number (a cable
    printout's 13-00000, banner, MHFNO and SENSIND above its ``PAGE:`` / ``1``)."""
    kept = [k for k, line in enumerate(lines) if not _furniture(line, spans[k])]
    if not kept:
        return ("head", range(0)), ("foot", range(0))
    head = kept[min(EDGE_LINES, len(kept)) - 1] + 1
    foot = kept[max(0, len(kept) - EDGE_LINES)]
    return ("head", range(head)), ("foot", range(foot, len(lines)))


def _furniture(line: Line, spans: list[Span], kinds: frozenset[str] | set[str] = _FURNITURE) -> bool:
    """A banner, an archive's identifier or a stamp (of ``kinds``) holding the whole line
    (``spans``: its tags)."""
    return len(spans) == 1 and spans[0].tag.kind in kinds and covers_words(line.text, spans)


def _tagged_number(line: Line, spans: list[Span]) -> int | None:
    """The number of a page number the rule tables found on the line (``spans``), if any."""
    for span in spans:
        if span.tag.kind == "pageNum":
            digits = _DIGITS.search(line.text[span.start:span.end])
            return int(digits.group()) if digits else None
    return None


def _bare_value(line: Line) -> int | None:
    number = _BARE_NUMBER.match(line.text.strip())
    return int(number.group(1)) if number else None


def _n_of_m(line: Line) -> int | None:
    """The number of an ``n of m`` line whose number is no more than its count."""
    match = _N_OF_M.match(line.text.strip())
    return int(match.group(1)) if match and int(match.group(1)) <= int(match.group(2)) else None


def _labeled_value(line: Line) -> int:
    number = _LABELED_NUMBER.match(line.text.strip())
    return int(number.group(1)) if number else 0


def _labeled(lines: list[Line], k: int) -> bool:
    """``Page 4`` alone on a line, not a piece of an archive's footer split over lines (OCR
    may read its ``Page 6`` before its DocId)."""
    if not _LABELED_NUMBER.match(lines[k].text.strip()):
        return False
    return not any(_ARCHIVE_ID.search(ln.text) for ln in lines[max(0, k - 2):k + 2])


def _beside_banner(lines: list[Line], spans: list[list[Span]], k: int) -> bool:
    """Whether the line before or after line ``k`` is a classification banner (with its
    codeword: ``TOP SECRET DINAR``)."""
    return any(_furniture(lines[j], spans[j], {"classification"}) for j in (k - 1, k + 1) if 0 <= j < len(lines))


def _split_label(lines: list[Line], k: int) -> bool:
    """A page's label alone on line ``k`` and its number alone on the next; not an archive's
    footer split after its DocId (``DocId: 32301112`` / ``Page`` / ``4``) nor the head of a
    table of contents' column of page numbers, nor the first of a list of numbers below a
    ``Page`` (a list of notes by their numbers)."""
    if k + 1 >= len(lines) or not _PAGE_LABEL.match(lines[k].text.strip()) or _bare_value(lines[k + 1]) is None:
        return False
    if k + 2 < len(lines) and _bare_value(lines[k + 2]) is not None:
        return False
    before = lines[max(0, k - 2):k]
    return not any(_ARCHIVE_ID.search(ln.text) or _CONTENTS.search(ln.text) for ln in before)


def _speckled(lines: list[Line], k: int) -> int | None:
    """The number of a line that holds one among OCR's debris (a clean number is a bare one)
    or beside a misread label, not the number of an archive's footer (split after ``Page``, or
    its ``Page 6`` read apart from its DocId)."""
    text = lines[k].text.strip()
    if _bare_value(lines[k]) is not None or (k and _PAGE_WORD.search(lines[k - 1].text)):
        return None
    if (speck := _SPECKLED_NUMBER.match(text)) is not None:
        return int(speck.group(1))
    garbled = _GARBLED_LABEL.match(text)
    if garbled is None or any(_ARCHIVE_ID.search(ln.text) for ln in lines[max(0, k - 2):k + 2]):
        return None
    return int(garbled.group(1))


def _bare_alone(lines: list[Line], k: int) -> bool:
    """A bare number that is not one of a run of numbered lines (a transcript's line numbers,
    a list) nor the number of an archive's footer split after ``Page``."""
    if _bare_value(lines[k]) is None:
        return False
    if any(_bare_value(lines[j]) is not None for j in (k - 1, k + 1) if 0 <= j < len(lines)):
        return False
    return not (k and _PAGE_WORD.search(lines[k - 1].text))

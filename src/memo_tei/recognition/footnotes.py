"""Carry footnote bodies to their markers, so that each note stands where it is called.

A footnote body found at the foot of a page (``* We recognize that...``) is looked for in
the running text above it on the same page: the first unused occurrence of its marker
right after a word or punctuation (``particular.*``). Found, the note moves there; not found,
it stays where it stands as an unanchored note if a rule set it apart from the text, and
is otherwise taken for ordinary text (a list item, say).

A body OCR broke at a blank line (Tesseract sets one between many lines) goes on in the
text below it when the body stops mid-sentence and nothing but that text and page
furniture stands between it and the page's foot.

A footnote body holds phrase-level content only (docs/PROFILE.md): a banner, page number or
archival id that OCR ran into its lines is page furniture, not part of the note, and stays
there as its words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import model as m

if TYPE_CHECKING:  # rules reads FOOTNOTE_BODY from here
    from .rules import NoteSettings

_BREAK = m.LineBreak()

#: A footnote body starts with its marker: asterisks or daggers, then the text.
FOOTNOTE_BODY = re.compile(
    r"^(?P<n>\*{1,3}(?=\s+\S)|†{1,2}(?=\s*\S)|‡(?=\s*\S)|\(\s*\(\s*[A-Za-z0-9]\s*\)\s*\))\s*"
)


def anchor_footnotes(blocks: list[m.Block], loose: set[int]) -> list[m.Block]:
    """Move each footnote body of ``blocks`` to its marker; ``loose`` are the indices of
    bodies set apart by a rule, which stay unanchored when no marker is found."""
    out: list[m.Block] = []
    loose_markers: set[str] = set()
    placed: set[str] = set()  # a marker calls one note on a page: a second body stays loose
    carried: set[int] = set()  # paragraphs that turned out to be the rest of a note
    for i, block in enumerate(blocks):
        if i in carried:
            continue
        if not isinstance(block, m.LooseNote):
            out.append(block)
            continue
        note = phrase_level(_strip_marker(block.note))
        if not _has_words(note):
            out.append(m.Paragraph(line=block.line, content=block.note.content))
            continue
        rest = range(i + 1, _continuation_end(blocks, i + 1) if _runs_on(note, blocks[i + 1:]) else i + 1)
        whole = replace(note, content=_joined(note.content, [blocks[j] for j in rest]))
        if note.n not in placed and _place(out, whole):
            placed.add(note.n)
            carried.update(rest)
            continue
        if (i in loose or _stands_as_note(note, blocks, rest.stop)) and note.n not in loose_markers:
            loose_markers.add(note.n)  # a marker names one note on a page
            out.append(replace(block, note=whole))
            carried.update(rest)
        else:
            out.append(m.Paragraph(line=block.line, content=block.note.content))
    return out


#: Words a sentence does not end on: a line that ends on one goes on in the next.
_NO_END = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "that",
    "which", "as", "into",
})
_WORDS = re.compile(r"[^\W\d_]{2,}")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]*\s*$")
_CALL = re.compile(r"(?<=\S)[*†‡]")
_FOOT = (m.Classification, m.Furniture, m.Stamp, m.LooseNote)
#: A note's continuation is a few lines at the foot of its page, not the text of a page.
_MOST_CONTINUATION_LINES = 6


def _joined(content: list[m.Inline], carried: list[m.Block]) -> list[m.Inline]:
    """A note's words followed by those of the paragraphs that carry it on
    (``* Report of the President's Commission on the`` / blank line / ``Assassination of
    President John F. Kennedy, US Gov- ernment Printing Office...``)."""
    out = list(content)
    for block in carried:
        out += [_BREAK, *block.content]
    return out


def _runs_on(note: m.Footnote, below: list[m.Block]) -> bool:
    """Whether the block below a note reads as the rest of a sentence the note left
    unfinished: it opens in lower case, or the note ends on a hyphen, a comma or a word no
    sentence ends on."""
    words = _text(note.content).split()
    if not words or not below or not _plain_words(below[0]):
        return False
    last = words[-1]
    return bool(_text(below[0].content).lstrip()[:1].islower() or last.endswith(("-", ","))
                or last.casefold() in _NO_END)


def _continuation_end(blocks: list[m.Block], start: int) -> int:
    """The end of the plain paragraphs from ``start`` that finish the sentence of the note
    just above ``start``, or ``start`` when they run longer than a note's foot does, or
    text other than page furniture follows them and they do not plainly finish it."""
    end, lines = start, 0
    while end < len(blocks) and _plain_words(blocks[end]):
        lines += 1 + sum(isinstance(p, m.LineBreak) for p in blocks[end].content)
        end += 1
        if _ENDS_SENTENCE.search(_text(blocks[end - 1].content)):
            break
    if lines > _MOST_CONTINUATION_LINES:
        return start
    # text below the rest of the note is fine where the rest plainly finishes its sentence:
    # it goes on in lower case (or a word broken at a hyphen) and ends with a full stop
    finished = end > start and _ENDS_SENTENCE.search(_text(blocks[end - 1].content)) and _plainly_continues(
        blocks[start - 1], blocks[start])
    return end if finished or _at_foot(blocks[end:]) else start


def _plainly_continues(note: m.Block, below: m.Block) -> bool:
    body = _text(note.note.content) if isinstance(note, m.LooseNote) else ""
    return _text(below.content).lstrip()[:1].islower() or body.rstrip().endswith("-")


def _called(blocks: list[m.Block], marker: str) -> bool:
    """Whether the page's text holds ``marker`` anywhere (OCR may read the starred items of
    a table after the note that explains them, the star apart from its words: ``4. * Caribbean``)."""
    char = re.escape(marker[0])
    finder = re.compile(rf"(?<!{char}){re.escape(marker)}(?!{char})")
    return any(isinstance(p, m.Run) and finder.search(p.text)
               for b in blocks if isinstance(b, m.Paragraph | m.Field_) for p in b.content)


def _at_foot(below: list[m.Block]) -> bool:
    """Whether nothing but page furniture and other notes stands below a note."""
    return all(isinstance(b, _FOOT) or not _WORDS.search(_text(b.content)) for b in below)


def _plain_words(block: m.Block, text: str | None = None) -> bool:
    """A paragraph of words and nothing else: no marking, no note, and no call of a note
    (``($135,000)*`` calls the note below it, so it is text, not the rest of a note);
    ``text`` is the block's (:func:`_text`) where the caller has read it already."""
    if not isinstance(block, m.Paragraph) or not all(isinstance(p, m.Run | m.LineBreak) for p in block.content):
        return False
    if text is None:
        text = _text(block.content)
    return bool(_WORDS.search(text)) and not _CALL.search(text)


def _text(content: list[m.Inline]) -> str:
    return "".join([p.text for p in content if isinstance(p, m.Run)])


#: Markings a note may hold: a stamp is phrase-level; page furniture (``fw``) is not.
_IN_A_NOTE = frozenset({"stamp"})


def phrase_level(note: m.Footnote) -> m.Footnote:
    """The note with each page marking inside it (a banner word, a page number) kept as
    plain text: TEI's ``fw`` stands on a page, never inside a note."""
    if all(not isinstance(p, m.Mark) or p.type in _IN_A_NOTE for p in note.content):
        return note
    pieces: list[m.Inline] = [
        m.Run(text=p.text, struck=p.struck) if isinstance(p, m.Mark) and p.type not in _IN_A_NOTE else p
        for p in note.content
    ]
    return replace(note, content=pieces)


_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _has_words(note: m.Footnote) -> bool:
    """Whether a starred body holds words a note is written in: a CIA cable's form
    lines or routing (``A/DCWHD/C``, ``PLeASE AVAILABLE``, ``(Forwarded``), seen with a
    star beside them in many cables, hold next to no written words and are no note.
    A lettered note (``((A)) Not available.``) is one whatever its length."""
    if note.n.startswith("("):
        return True
    text = _text(note.content)
    written = len(_WRITTEN_WORD.findall(text))
    if written < _LEAST_CALLED_NOTE_WORDS and not (written and _SENTENCE_STOP.search(text)):
        return False  # a word and its stop (``* Ibid.``) is a note still
    words = re.findall(r"[A-Za-z']+", text.casefold())
    if len(words) <= _SHORT_REFERENCE_WORDS:  # ``See Attachment D,`` holds no such word
        return True
    return sum(w in _FUNCTION_WORDS for w in words) >= _LEAST_STARRED_FUNCTION_SHARE * len(words)
#: Words in lower case a starred line holds to read as a note: fewer where the page calls
#: its marker (``* Second National Front of the Escambray.``, a gloss of a name).
_LEAST_NOTE_WORDS = 3
_LEAST_CALLED_NOTE_WORDS = 2
_SENTENCE_STOP = re.compile(r"[a-z]{2}\.(?:\s|$)")


def _stands_as_note(note: m.Footnote, blocks: list[m.Block], after: int) -> bool:
    """A note nobody calls is still a footnote when it reads as one: a marker no list uses,
    ``((a))``; or a sentence opening with a capital after its marker (``* Items marked by
    asterisk were approved...``) where the page holds its marker elsewhere or nothing but
    page furniture stands below it. A starred line with text below it and no star on its
    page is an item of a list (``* Debriefings of defectors...``, then paragraph 5). A short
    gloss (``* Second National Front of the Escambray.``) is a note where its page calls it
    and it is a whole sentence; a short starred line that is none is an item."""
    if note.n.startswith("("):
        return True
    text = _text(note.content).strip()
    lower = len(_LOWER_WORD.findall(text))
    if not (text[:1].isupper() and lower >= _LEAST_CALLED_NOTE_WORDS):
        return False
    if lower < _LEAST_NOTE_WORDS:  # a short gloss is a whole sentence (a starred list item is not)
        return _SENTENCE_STOP.search(text) is not None and _called(blocks, note.n)
    return _called(blocks, note.n) or _at_foot(blocks[after:])


def _marker_regex(marker: str) -> re.Pattern[str]:
    char = re.escape(marker[0])
    # after a word or punctuation, and not inside a word (``0*0`` is no call)
    return re.compile(rf"(?<=[^\s{char}]){re.escape(marker)}(?!{char})(?!\w)")


def _place(blocks: list[m.Block], note: m.Footnote) -> bool:
    """Insert ``note`` after the first marker of its kind not yet followed by a note."""
    finder = _marker_regex(note.n)
    for block in blocks:
        if not isinstance(block, m.Paragraph | m.Field_):
            continue
        for r, piece in enumerate(block.content):
            if not isinstance(piece, m.Run):
                continue
            for hit in finder.finditer(piece.text):
                at_end = hit.end() == len(piece.text)
                following = block.content[r + 1] if r + 1 < len(block.content) else None
                if at_end and isinstance(following, m.Footnote):
                    continue  # this marker already has its note
                _split_insert(block, r, hit.end(), replace(note, anchored=True))
                return True
    return False


def _split_insert(block: m.Paragraph | m.Field_, r: int, at: int, note: m.Footnote) -> None:
    run = block.content[r]
    assert isinstance(run, m.Run)
    head = m.Run(text=run.text[:at], struck=run.struck)
    tail = [m.Run(text=run.text[at:], struck=run.struck)] if run.text[at:] else []
    block.content[r:r + 1] = [head, note, *tail]


def _strip_marker(note: m.Footnote) -> m.Footnote:
    pieces = list(note.content)
    first = pieces[0] if pieces else None
    if isinstance(first, m.Run) and first.text.startswith(note.n):
        rest = first.text[len(note.n):].lstrip()
        pieces[0] = m.Run(text=rest, struck=first.struck)
        if not rest:
            pieces.pop(0)
    return replace(note, content=pieces)


#: A numbered note's words past its marker: a sentence, not a name, a date or a code.
_OPENS_SENTENCE = re.compile(r"^[\"“]?[A-Z](?:[a-z]|[A-Z]+\S*\s+[a-z])")
#: Words that make up a good part of any sentence and little of OCR's garbage of a
#: handwritten or blurred line: a numbered note's words hold a share of them.
_FUNCTION_WORDS = frozenset({
    "the", "of", "to", "and", "in", "that", "is", "was", "for", "with", "on", "by", "as", "are", "were", "be",
    "been", "has", "have", "had", "this", "these", "which", "from", "not", "it", "at", "an", "or", "a", "his",
    "her", "he", "she", "they", "we", "you", "i", "will", "would", "no", "there", "their", "its", "any", "all",
    "if", "but", "also", "our", "may", "can", "who", "what", "when", "than", "into", "such", "those", "other",
})
_LEAST_FUNCTION_SHARE = 0.25
#: A starred note's share, lower: a short gloss (``* Not identified.``) holds few.
_LEAST_STARRED_FUNCTION_SHARE = 0.05
_SHORT_REFERENCE_WORDS = 4
#: A word as written in a sentence, in lower case or capitalized (``See Attachment D,``).
_WRITTEN_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
#: More numbered lines than this on a page make it a numbered text (a transcript's line
#: numbers, a table of codes), not a page with notes.
_MOST_NUMBERED_LINES = 4
#: Lines of text a page's foot may hold below a numbered note before it is no longer a foot.
_MOST_NOTE_LINES = 8
#: How far a numbered paragraph above may stand below a number for that number to go on its
#: list (``2. The searches...`` then ``4 There was...``, its stop lost) rather than mark a note.
_LIST_STEP = 2


@lru_cache(maxsize=8)
def _note_patterns(settings: NoteSettings) -> tuple[re.Pattern[str], re.Pattern[str] | None, str]:
    marker = re.compile(settings.numeral_marker)
    not_a_marker = re.compile(settings.not_a_marker, re.IGNORECASE) if settings.not_a_marker else None
    return marker, not_a_marker, settings.call_garbles


def numbered_notes(blocks: list[m.Block], settings: NoteSettings) -> tuple[list[m.Block], set[int]]:
    """``blocks`` with each note numbered like a superscript (``1 We note that the initial
    draft...``, ``5To the extent that...``) at the page's foot made a note of its lines, and
    the indices of those notes. A numbered line at the foot is a note only where the text
    above calls it: its number run into a word (``records.5``), or a sign OCR reads a
    superscript as (``clippings?``, ``Board.*``); and not where it goes on a numbered list
    above (``2.``, then ``4 There was...``), nor where it is a day before its month."""
    if not settings.numeral_marker:
        return blocks, set()
    marker, not_a_marker, garbles = _note_patterns(settings)
    found: dict[int, tuple[str, list[int]]] = {}
    tail: list[int] = []  # plain paragraphs below, up to the next note or the foot
    lines = 0
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if isinstance(block, m.LooseNote):
            tail, lines = [], 0  # the lines below a note are its own
            continue
        if isinstance(block, _FOOT):
            continue
        text = _text(block.content)  # read once: the tests below all ask for it
        if not _WORDS.search(text):
            continue
        if not _plain_words(block, text) or not isinstance(block, m.Paragraph):
            break
        hit = marker.match(_first_line(block.content))
        number = hit.group("n") if hit else ""
        text = text.strip()
        body = text[hit.end():] if hit else ""
        if not hit or block.n is not None or (not_a_marker and not_a_marker.match(text)) \
                or _on_a_list(blocks[:i], number) or not _calls(blocks[:i], number, garbles):
            lines += 1 + sum(isinstance(p, m.LineBreak) for p in block.content)
            if lines > _MOST_NOTE_LINES:
                break
            tail.insert(0, i)
            continue
        if _reads_as_note(body, _first_line(block.content)[hit.end():], [blocks[j] for j in tail]):
            found[i] = (number, tail)
        tail, lines = [], 0  # a short numbered line (``2/Ibid.``) is no foot's end either
    # a numbered text is told after the foot is read, not before: most pages show no
    # numbered note at their foot, and then every line of the page need not be counted
    if not found or _numbered_text(blocks, marker):
        return blocks, set()
    out: list[m.Block] = []
    carried = {j for _number, rest in found.values() for j in rest}
    notes: set[int] = set()
    for i, block in enumerate(blocks):
        if i in carried:
            continue
        if i not in found:
            out.append(block)
            continue
        number, rest = found[i]
        content = _joined(_without_number(block.content, number), [blocks[j] for j in rest])
        notes.add(len(out))
        out.append(m.LooseNote(line=block.line, content=[],
                               note=m.Footnote(n=number, anchored=False, line=block.line, content=content)))
    return out, notes


def _numbered_text(blocks: list[m.Block], marker: re.Pattern[str]) -> bool:
    """Whether more of the page's lines of running text start with a number than a page
    with notes shows: a transcript's line numbers, a table of codes."""
    lines = (line for b in blocks if isinstance(b, m.Paragraph) for line in _lines(b.content))
    return sum(bool(marker.match(line)) for line in lines) > _MOST_NUMBERED_LINES


def _reads_as_note(body: str, first: str, rest: list[m.Block]) -> bool:
    """Whether a numbered line's words read as a note: a sentence opening on its line, and
    words of which a share are those every sentence holds (OCR's garbage holds few)."""
    if not _OPENS_SENTENCE.match(body) or len(_LOWER_WORD.findall(first)) < 3:
        return False
    words = re.findall(r"[A-Za-z']+", " ".join([body, *(_text(b.content) for b in rest)]).casefold())
    return sum(w in _FUNCTION_WORDS for w in words) >= _LEAST_FUNCTION_SHARE * len(words)


def _first_line(content: list[m.Inline]) -> str:
    """The text of a block's first line: a number alone on its line marks no note."""
    return _lines(content)[0] if content else ""


def _lines(content: list[m.Inline]) -> list[str]:
    if len(content) == 1 and isinstance(content[0], m.Run):  # a paragraph of one line, the usual
        return [content[0].text.strip()]
    lines = [""]
    for piece in content:
        if isinstance(piece, m.LineBreak):
            lines.append("")
        elif isinstance(piece, m.Run):
            lines[-1] += piece.text
    return [line.strip() for line in lines]


def _without_number(content: list[m.Inline], number: str) -> list[m.Inline]:
    pieces = list(content)
    first = pieces[0] if pieces else None
    if isinstance(first, m.Run) and first.text.lstrip().startswith(number):
        rest = first.text.lstrip()[len(number):].lstrip()
        pieces[0] = m.Run(text=rest, struck=first.struck)
    return pieces


def _on_a_list(above: list[m.Block], number: str) -> bool:
    value = int(number.rstrip("/"))
    return any(isinstance(b, m.Paragraph) and b.n is not None and 0 < value - int(b.n) <= _LIST_STEP for b in above)


def _calls(above: list[m.Block], number: str, garbles: str) -> bool:
    """Whether the text above calls a numbered note: its number right after a word, or a
    stop closing one (``Collection)3``, ``force.5/``), or a sign OCR makes of a superscript
    right after a word in lower case (``clippings?``, ``Board.*``; not ``ORe*``)."""
    number_call = rf"[A-Za-z]{{2}}[.,;:\"”’')]?{re.escape(number)}(?![\d/])"
    signs = re.escape(garbles)
    finder = re.compile(rf"{number_call}|[a-z]{{2}}[.,;:\"”’')]?[{signs}](?![{signs}\w])" if garbles else number_call)
    return any(isinstance(p, m.Run) and finder.search(p.text)
               for b in above if isinstance(b, m.Paragraph | m.Field_) for p in b.content)

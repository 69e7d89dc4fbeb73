"""Carry footnote bodies to their markers, so that each note stands where it is called.

A footnote body found at the foot of a page (``* We recognize that...``) is looked for in
the running text above it on the same page: the first unused occurrence of its marker
right after a word or punctuation (``particular.*``). Found, the note moves there; not found,
it stays where it stands as an unanchored note if a rule set it apart from the text, and
is otherwise taken for ordinary text (a list item, say).
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import model as m


def anchor_footnotes(blocks: list[m.Block], loose: set[int]) -> list[m.Block]:
    """Move each footnote body of ``blocks`` to its marker; ``loose`` are the indices of
    bodies set apart by a rule, which stay unanchored when no marker is found."""
    out: list[m.Block] = []
    loose_markers: set[str] = set()
    placed: set[str] = set()  # a marker calls one note on a page: a second body stays loose
    for i, block in enumerate(blocks):
        if not isinstance(block, m.LooseNote):
            out.append(block)
            continue
        note = _strip_marker(block.note)
        if note.n not in placed and _place(out, note):
            placed.add(note.n)
            continue
        if (i in loose or _reads_as_footnote(note)) and note.n not in loose_markers:
            loose_markers.add(note.n)  # a marker names one note on a page
            out.append(replace(block, note=note))
        else:
            out.append(m.Paragraph(line=block.line, content=block.note.content))
    return out


_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _reads_as_footnote(note: m.Footnote) -> bool:
    """A note nobody calls is still a footnote when it reads as one: a sentence opening with
    a capital after its marker (``* Items marked by asterisk were approved...``), or a
    marker no list uses, ``((a))``."""
    if note.n.startswith("("):
        return True
    text = "".join(p.text for p in note.content if isinstance(p, m.Run)).strip()
    return text[:1].isupper() and len(_LOWER_WORD.findall(text)) >= 3


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

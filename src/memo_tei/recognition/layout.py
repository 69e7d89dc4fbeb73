"""Decisions that need more than one block: where on the page a marking stands, which
paragraphs run over a page break, and which banners the OCR dropped from a regular frame.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from .. import model as m
from .footnotes import phrase_level
from .fuzzy import similarity

_FURNITURE = (m.Classification, m.Furniture, m.Stamp, m.LooseNote)
ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’')\]*]*$")


#: Words of text a page must show before a marking is taken for its foot: the debris OCR
#: leaves at a page's head (record numbers, stray letters) does not count.
HEAD_WORDS = 6


#: A page's label alone, without its number: ``Page``, ``PAGE:``, ``PAGE NO.``.
_PAGE_LABEL = re.compile(r"(?i)^[\W_]{0,3}pa[gc][eao](?:\s*no)?\W{0,3}$")
_BARE_NUMBER = re.compile(r"^\W{0,2}\d{1,3}\W{0,2}$")


def join_page_labels(blocks: list[m.Block]) -> None:
    """A page's label and its number that other lines stand between (a form's header read one
    column after the other: ``Page`` beside ``Date``, ``1`` below the date) are one page
    number: the number's block is joined to the label's, after a line break."""
    i = 0
    while i < len(blocks):
        label = blocks[i]
        if _page_number(label) and _PAGE_LABEL.match(plain(label).strip()):
            j = next((j for j in range(i + 1, len(blocks)) if _page_number(blocks[j])), None)
            if j is not None and _BARE_NUMBER.match(plain(blocks[j])):
                label.content = [*label.content, m.LineBreak(), *blocks[j].content]
                del blocks[j]
        i += 1


def _page_number(block: m.Block) -> bool:
    return isinstance(block, m.Furniture) and block.kind == "pageNum"


#: Blocks that place_furniture places, or passes over in counting words.
_MARKINGS = (m.Classification, m.Furniture, m.Stamp)


def place_furniture(blocks: list[m.Block]) -> None:
    """Markings before the page's first text stand at the top, the others at the bottom;
    a few words of debris before a marking that real text follows do not make it a foot."""
    sizes = [None if isinstance(b, _MARKINGS) else len(plain(b).split()) for b in blocks]
    text_follows = [False] * (len(blocks) + 1)  # whether real text stands after block i
    for i in range(len(blocks) - 1, -1, -1):
        size = sizes[i]
        text_follows[i] = text_follows[i + 1] or (size is not None and size >= HEAD_WORDS)
    words = 0
    for i, block in enumerate(blocks):
        if isinstance(block, m.Classification | m.Furniture):
            block.place = "top" if words == 0 or (words < HEAD_WORDS and text_follows[i + 1]) else "bottom"
        elif sizes[i] is not None:
            words += sizes[i] or 0
    banners = [b for b in blocks if isinstance(b, m.Classification)]
    if len(banners) >= 2 and all(b.place == "top" for b in banners):
        banners[-1].place = "bottom"  # a page of little text: the last banner is its foot


def join_paragraphs(pages: list[m.Page]) -> None:
    """Mark a page's first paragraph as continued when the last text of the page before
    broke off mid-sentence and this one goes on in lower case."""
    for before, page in pairwise(pages):
        last = edge_text(before.blocks[::-1])
        first = edge_text(page.blocks)
        if not isinstance(last, m.Paragraph) or not isinstance(first, m.Paragraph):
            continue
        tail, head = plain(last).rstrip(), plain(first).lstrip()
        if tail and head and first.n is None and not ENDS_SENTENCE.search(tail) and (
            head[0].islower() or tail.endswith("-")
        ):
            first.continued = True


def supply_banners(pages: list[m.Page]) -> None:
    """Where every page but one is framed top and bottom by the same banner, the one page
    missing a banner gets it back, marked as supplied: the OCR lost it, not the page."""
    frame = BannerFrames()
    for page in pages:
        frame.add(page)
    banner = frame.missing()
    if banner is not None:
        for page in pages:
            supply_frame(page, banner)


class BannerFrames:
    """What supply_banners learns of a document's pages, one page at a time: how many pages
    there are, how many are framed top and bottom, and the banners of those frames."""

    def __init__(self) -> None:
        self.pages = 0
        self.complete = 0
        self.texts: Counter[tuple[str, str]] = Counter()

    def add(self, page: m.Page) -> None:
        self.pages += 1
        frame = _frame(page)
        if frame["top"] and frame["bottom"]:
            self.complete += 1
            self.texts.update((b.level, plain(b)) for b in (frame["top"], frame["bottom"]))

    def missing(self) -> tuple[str, str] | None:
        """The banner (level, text) to supply where a page lacks one, or None."""
        if self.pages < 3 or self.complete < self.pages - 1:
            return None
        (level, text), count = self.texts.most_common(1)[0]
        if count < 2 * self.complete:
            return None  # the frame is not one banner repeated
        return level, text


def supply_frame(page: m.Page, banner: tuple[str, str]) -> None:
    """Give a page the banner its frame lacks, top or bottom, marked as supplied."""
    frame = _frame(page)
    for place in ("top", "bottom"):
        if frame[place] is None:
            _insert_banner(page, place, *banner)


#: How alike to the document's level word a line at a page's edge must be to be read as its
#: banner through OCR damage or a cropped scan (``SECR``, ``CONPIOENT``, ``SEXET``); ``SECTION``
#: and ``CONTINUED`` stay below it.
EDGE_BANNER_SIMILARITY = 0.65
#: Blocks looked at from each edge of a page for a damaged banner.
_EDGE_DEPTH = 3
_NOT_LETTERS = re.compile(r"[^A-Za-z]")


def edge_banners(pages: list[m.Page], level_words: dict[str, str]) -> None:
    """In a document whose pages carry banners, a short line in capitals at a page's head
    or foot that reads like the word of a level found on two banners or more is that
    banner, damaged: the fuzzy level finder alone, which must not take such fragments in
    running text for banners, misses it."""
    counts = Counter(b.level for p in pages for b in p.blocks if isinstance(b, m.Classification) and not b.supplied)
    words = banner_words(counts, level_words)
    if not words:
        return
    for page in pages:
        edge_banners_page(page, words)


def banner_words(counts: Counter[str], level_words: dict[str, str]) -> dict[str, str]:
    """The words of the levels found on two banners or more (``counts``: banners by level)."""
    words = {code: _NOT_LETTERS.sub("", level_words.get(code, "")).upper() for code, n in counts.items() if n >= 2}
    return {code: word for code, word in words.items() if word}


def edge_banners_page(page: m.Page, words: dict[str, str]) -> None:
    """edge_banners on one page, given the words of the document's levels."""
    if not words:
        return
    for place, order in (("top", range(len(page.blocks))), ("bottom", range(len(page.blocks) - 1, -1, -1))):
        for i in _edge_text_blocks(page.blocks, order):
            block = page.blocks[i]
            if isinstance(block, m.Paragraph) and all(isinstance(p, m.Run) for p in block.content):
                level = _damaged_level(plain(block), words)
                if level is not None:
                    page.blocks[i] = m.Classification(line=block.line, content=block.content, level=level,
                                                      place=place, rule="edge-banner")  # type: ignore[arg-type]


def _edge_text_blocks(blocks: list[m.Block], order: range) -> list[int]:
    """The first few blocks of text from one edge of a page, markings passed over."""
    found: list[int] = []
    for i in order:
        if not isinstance(blocks[i], _FURNITURE):
            found.append(i)
            if len(found) == _EDGE_DEPTH:
                break
    return found


def _damaged_level(text: str, words: dict[str, str]) -> str | None:
    """The level whose word ``text`` reads like, if any."""
    letters = _NOT_LETTERS.sub("", text)
    if len(letters) < 4 or any(ch.isdigit() for ch in text) or sum(ch.isupper() for ch in letters) < 0.7 * len(letters):
        return None
    scored = [(similarity(letters.upper(), word), code) for code, word in words.items()
              if len(letters) <= len(word) + 1 and len(text) <= 2 * len(word)]
    best, code = max(scored, default=(0.0, ""))
    return code if best >= EDGE_BANNER_SIMILARITY else None


def repeated_footnotes(pages: list[m.Page]) -> None:
    """A footnote printed again at the foot of later pages (a table's note, say), there
    without its marker, is that footnote again: a paragraph of one line that reads as a
    known footnote's text becomes an unanchored note with its marker. A paragraph that calls
    a note of its own is text, not a note printed again (a note holds no note)."""
    known: KnownNotes = {}
    for page in pages:
        learn_notes(page, known)
    if not known:
        return
    for page in pages:
        repeat_notes(page, known)


#: The footnotes of a document: first word -> note text -> marker.
KnownNotes = dict[str, dict[str, str]]


def learn_notes(page: m.Page, known: KnownNotes) -> None:
    """Add the footnotes of a page to those known (the first marker of a text is kept)."""
    for block in page.blocks:
        for piece in _notes(block):
            words = _words(piece)
            if words:
                known.setdefault(words.split(" ", 1)[0], {}).setdefault(words, piece.n)


def repeat_notes(page: m.Page, known: KnownNotes) -> None:
    """repeated_footnotes on one page, given the document's known footnotes."""
    for i, block in enumerate(page.blocks):
        if not isinstance(block, m.Paragraph) or any(
                isinstance(p, m.LineBreak | m.Footnote) for p in block.content):
            continue
        text = _words(block)
        if len(text) < 20:
            continue
        # only notes that open with the same word are compared: linear in the document
        for words, n in known.get(text.split(" ", 1)[0], {}).items():
            if similarity(text, words[:len(text) + 10]) >= 0.8:
                note = m.Footnote(n=n, anchored=False, line=block.line, content=block.content, rule="repeated-note")
                page.blocks[i] = m.LooseNote(line=block.line, note=phrase_level(note))
                break


def _notes(block: m.Block) -> list[m.Footnote]:
    if isinstance(block, m.LooseNote):
        return [block.note]
    return [p for p in block.content if isinstance(p, m.Footnote)]


def _words(block: m.Block | m.Footnote) -> str:
    return " ".join(re.findall(r"\w+", "".join(p.text for p in block.content if isinstance(p, m.Run)).casefold()))


def _frame(page: m.Page) -> dict[str, m.Classification | None]:
    banners = [b for b in page.blocks if isinstance(b, m.Classification)]
    return {
        "top": next((b for b in banners if b.place == "top"), None),
        "bottom": next((b for b in banners if b.place == "bottom"), None),
    }


def _insert_banner(page: m.Page, place: str, level: str, text: str) -> None:
    line = page.blocks[0].line if page.blocks else 0
    banner = m.Classification(
        line=line, level=level, place=place, supplied=True, content=[m.Run(text=text)],  # type: ignore[arg-type]
        rule="supplied-frame",
    )
    if place == "top":
        page.blocks.insert(0, banner)
    else:
        page.blocks.append(banner)


def edge_text(blocks: list[m.Block]) -> m.Block | None:
    for block in blocks:
        if not isinstance(block, _FURNITURE):
            return block
    return None


#: The pieces whose text plain() keeps (a tuple: isinstance of a tuple is the quicker test).
_TEXT = (m.Run, m.Portion)


def plain(block: m.Block) -> str:
    """The text of a block's runs, lines joined by spaces, notes left out."""
    parts = []
    for piece in block.content:
        if isinstance(piece, _TEXT):
            parts.append(piece.text)
        elif isinstance(piece, m.LineBreak):
            parts.append(" ")
    return "".join(parts)

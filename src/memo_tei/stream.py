"""Large inputs converted without holding the whole document: the same TEI, byte for byte,
as :func:`memo_tei.convert.convert_bytes` gives, at a memory cost of the decoded text and a
few pages.

Recognition decides some things from the whole document before it can write a page
(docs/PERFORMANCE.md, "Where the memory goes"). Here each such decision is gathered in a pass
that keeps only what it needs, and the pages are made one at a time:

1. the lines, read one at a time from the text: the document's context (the first lines, the
   lines that are banners), whether page marks cut the pages, the runs of blank lines;
2. the raw pages, one at a time: the numbers at their edges (numbering.PageNumbers);
3. each page's blocks, made once and set aside in a temporary file (pickled), with what the
   layout's document-wide rules need: the banners' levels, the footnotes, the page numbers;
4. the pages read back, paragraphs joined over page breaks and damaged banners read, for
   the banner frames (layout.BannerFrames);
5. the pages read back again and finished; their TEI is written to a temporary body file
   and checked in slices, while the facts keep what they need of each page (_FactsPages).

The header, which comes first, is written last, and the body copied after it into a
temporary file beside the output, renamed into place once the whole output is checked.
"""

from __future__ import annotations

import codecs
import ctypes
import hashlib
import pickle
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO

from lxml import etree

from . import model as m
from .atomic import atomic_file
from .errors import InputEncodingError, InputError, InvalidOutputError, OutputError
from .names import NSMAP, tei
from .reading.lines import Line, read_line
from .recognition.blocks import page_blocks
from .recognition.certainty import Cert
from .recognition.facts import IDENTIFYING_STAMPS, document_facts
from .recognition.layout import (
    ENDS_SENTENCE,
    BannerFrames,
    KnownNotes,
    banner_words,
    edge_banners_page,
    edge_text,
    join_page_labels,
    learn_notes,
    place_furniture,
    plain,
    repeat_notes,
    supply_frame,
)
from .recognition.numbering import PageNumbers
from .recognition.pages import FRAME_STAMP_MIN_WORDS, LineRole, RawPage
from .recognition.recognize import blank_runs, page_n, page_role
from .recognition.rules import Rules
from .recognition.tagging import banner_level, document_context
from .recognition.title_sources import FORM_LINES, by_kind, cable_comment, completed, is_kind, plain_lines, run_on
from .tei.writer import (
    DECLARATION,
    FLOATING,
    add_inline,
    add_text,
    append_inside,
    block_element,
    frame,
    header_element,
    surest_banners,
)

#: Top-level body elements checked together (each slice starts at a page break).
SLICE_ELEMENTS = 2_000
#: The lines of a record's first pages the facts keep (a form's fields are read from the first
#: 160 of them that no stamp repeats): a record of one long page is not held whole for it.
OWN_TEXT_LINES = 5_000
#: A page of more lines than this (a record that no page break cuts) hands back its memory.
LONG_PAGE_LINES = 20_000
#: The opening text lines the facts read as a whole (a bound form, a title page, a CITE).
EARLY_TEXT_LINES = 2 * FORM_LINES + 80

_TEXT_BLOCKS = (tei("p"), tei("ab"))
_XMLNS = b' xmlns="' + NSMAP[None].encode() + b'"'


#: Bytes of input decoded at a time (cut after a line feed).
CHUNK_BYTES = 4_000_000
#: Bytes of the decoded text read back at a time (cut after a line feed).
READ_BYTES = 1 << 18
#: The memory the prefilter's automaton (prefilter.py) may take on a large input: RE2 keeps
#: the states it has built up to its budget, and varied OCR fills the 64 MB of the default
#: (a quarter of the peak of a 45 MB input); with 24 MB it answers the same, rebuilding
#: states more often (about a second more per MB read).
LARGE_INPUT_DFA_BYTES = 24 << 20


class Text:
    """A decoded text kept out of memory: UTF-8 in a temporary file, in pieces cut after a
    line feed, read back a piece at a time (a ``str`` of OCR text holding one character
    beyond Latin-1 costs two bytes a character, and the text is read several times)."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the Text)
        self.sizes: list[int] = []
        for piece in pieces:
            self.file.write(piece)
            self.sizes.append(len(piece))

    @classmethod
    def of(cls, text: str) -> Text:
        return cls(_utf8_pieces(text))

    @property
    def pieces(self) -> list[bytes]:
        self.file.seek(0)
        return [self.file.read(size) for size in self.sizes]

    def strs(self) -> Iterator[str]:
        """The text in strings of about READ_BYTES, each ending with a line feed (the last
        aside): the reader of the lines holds two of them at a time, and a 4 MB piece of
        OCR decodes to 8 MB where one character is beyond Latin-1."""
        offset = 0
        for size in self.sizes:
            end = offset + size
            while offset < end:
                self.file.seek(offset)
                chunk = self.file.read(min(READ_BYTES, end - offset))
                if offset + len(chunk) < end:
                    cut = chunk.rfind(b"\n") + 1
                    if cut:
                        chunk = chunk[:cut]
                    else:  # a line longer than READ_BYTES: the rest of the piece
                        self.file.seek(offset)
                        chunk = self.file.read(end - offset)
                offset += len(chunk)
                yield chunk.decode("utf-8")

    def close(self) -> None:
        self.file.close()


def _utf8_pieces(text: str) -> Iterator[bytes]:
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK_BYTES // 2)
        end = len(text) if end < 0 else end + 1
        yield text[start:end].encode("utf-8")
        start = end


def decode_text(data: bytes, *, max_bytes: int) -> tuple[Text, str, list[str]]:
    """decode.decode, a piece at a time: the same text (as :class:`Text`), encoding and
    warnings, without the whole input decoded at once. UTF-16 is decoded whole."""
    from .reading import decoding as d

    head = data[:4]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or len(data) > max_bytes or not data \
            or d.BLANK_BYTES.fullmatch(data):
        decoded = d.decode(data, max_bytes=max_bytes)
        return Text.of(decoded.text), decoded.encoding, decoded.warnings
    bom = data.startswith(codecs.BOM_UTF8)
    if not bom and d.looks_binary(data):
        raise InputEncodingError("input looks like a binary file, not OCR text")
    try:
        return _pieces(data, "utf-8", bom)
    except _BadByte as bad:
        if bom:  # decode.decode says what is wrong with it
            d.decode(data, max_bytes=max_bytes)
        where = bad.offset
    try:
        text, _, warnings = _pieces(data, "cp1252", bom)
    except _BadByte:
        d.decode(data, max_bytes=max_bytes)  # it raises, saying so
        raise
    warnings.insert(0, f"input is not valid UTF-8 (bad byte at offset {where}); read as Windows-1252")
    return text, "cp1252", warnings


class _BadByte(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


def _pieces(data: bytes, codec: str, bom: bool) -> tuple[Text, str, list[str]]:
    from .reading import decoding as d

    text_file = Text(())  # the pieces go into its file one at a time
    removed = 0
    visible = False
    start = len(codecs.BOM_UTF8) if bom else 0
    while start < len(data) or not text_file.sizes:
        end = data.find(b"\n", start + CHUNK_BYTES)
        end = len(data) if end < 0 else end + 1
        try:
            text = data[start:end].decode(codec)
        except UnicodeDecodeError as err:
            text_file.close()
            raise _BadByte(start + err.start) from None
        start = end
        visible = visible or not d.INVISIBLE.fullmatch(text)
        found = len(d.FORBIDDEN.findall(text))
        if found:
            removed += found
            text = d.FORBIDDEN.sub(" ", text)
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        piece = text.encode("utf-8")
        del text
        text_file.file.write(piece)
        text_file.sizes.append(len(piece))
    if not visible:
        text_file.close()
        raise InputError(d.ONLY_INVISIBLE)
    warnings = []
    encoding = "utf-8-sig" if bom else codec
    if removed:
        warnings.append(f"removed {removed} control character(s) that XML forbids")
    return text_file, encoding, warnings


def iter_lines(text: Text | str) -> Iterator[tuple[int, Line]]:
    """The lines of lines.read_lines, one at a time, each with its index in that list."""
    index = 0
    number = 0
    pieces = text.strs() if isinstance(text, Text) else iter([text])
    piece: str | None = next(pieces, "")
    while piece is not None:
        following = next(pieces, None)
        start = 0
        while True:
            end = piece.find("\n", start)
            if end < 0 and following is not None:
                break  # a piece ends with its line feed: its last line is done
            raw = piece[start:] if end < 0 else piece[start:end]
            number += 1
            if "\f" in raw:
                for i, part in enumerate(raw.split("\f")):
                    if i:
                        yield index, Line(number, "page_mark")
                        index += 1
                    if part.strip():
                        yield index, read_line(number, part)
                        index += 1
            else:
                yield index, read_line(number, raw)
                index += 1
            if end < 0:
                break
            start = end + 1
        piece = following


# --- pass 1: the lines ----------------------------------------------------------------------

class _Survey:
    """What the lines tell before any page is made: the document's context (tagging.
    document_context, from the lines it reads), whether page marks cut the pages, and where
    runs of blank lines end (pages._blank_run_ends)."""

    def __init__(self, text: Text | str, rules: Rules) -> None:
        prefix = max((w for _, _, w in rules.required if w is not None), default=0)
        pending = {name: regex for name, regex, w in rules.required if w is None}
        length = rules.pages.blank_run_length
        kept: dict[int, Line] = {}  # the lines document_context reads, by index
        self.marks = False
        ends: set[int] = set()
        run, texts = 0, 0
        for i, line in iter_lines(text):
            if line.kind == "blank":
                run += 1
                continue
            if line.kind == "page_mark":
                self.marks = True
            elif line.kind == "text":
                if texts and run >= length:
                    ends.add(i)
                if texts < prefix or banner_level(line, rules) is not None:
                    kept[i] = line
                for name, regex in list(pending.items()):
                    if regex.search(line.text):
                        kept[i] = line
                        del pending[name]
                texts += 1
            run = 0
        self.context = document_context([kept[i] for i in sorted(kept)], rules)
        settings = blank_runs(rules, self.context)
        enabled = settings.enabled and ends and len(ends) * settings.min_lines_per_run <= texts
        self.runs = ends if enabled else set()


# --- pages, one at a time (pages.split_pages) -----------------------------------------------

def iter_pages(text: Text | str, survey: _Survey, role: Callable[[Line], LineRole]) -> Iterator[RawPage]:
    """The raw pages of pages.split_pages, one at a time."""
    if survey.marks:
        return _by_marks(iter_lines(text))
    return _by_frames(iter_lines(text), role, survey.runs)


def _has_text(page: RawPage) -> bool:
    return any(line.kind == "text" for line in page.lines)


def _by_marks(lines: Iterator[tuple[int, Line]]) -> Iterator[RawPage]:
    page = RawPage()
    seen_mark = False
    held: list[Line] = []  # a rule and the blank lines after it, until the next line tells

    def place(line: Line) -> Iterator[RawPage]:
        nonlocal page, seen_mark
        if line.kind == "page_mark":
            if (seen_mark or line.page_label is None) and (_has_text(page) or page.label is not None):
                yield page
                page = RawPage()
            seen_mark = True
            page.label = line.page_label
        else:
            page.lines.append(line)

    for _, line in lines:
        if held:
            if line.kind == "blank":
                held.append(line)
                continue
            rule, blanks = held[0], held[1:]
            held = []
            if line.kind != "page_mark":
                page.lines.append(rule)  # not the rule that separates two pages
            page.lines.extend(blanks)
        if line.kind == "rule":
            held = [line]
            continue
        yield from place(line)
    if held:
        page.lines.extend(held[1:])
    yield page


def _by_frames(lines: Iterator[tuple[int, Line]], role: Callable[[Line], LineRole],
               runs: set[int]) -> Iterator[RawPage]:
    page = RawPage()
    has_text = False
    words = 0
    closed = False
    for i, line in lines:
        if line.kind != "text":
            page.lines.append(line)
            continue
        kind = role(line)
        if closed and kind == "trail":
            page.lines.append(line)
            continue
        if i in runs or closed or (kind == "start" and has_text):
            if has_text:
                yield page
                page, has_text = RawPage(), False
            words, closed = 0, False
        page.lines.append(line)
        has_text = True
        if not runs and ((kind == "banner" and words > 0) or (kind == "frame" and words >= FRAME_STAMP_MIN_WORDS)):
            closed = True
        elif kind not in ("banner", "frame"):
            words += len(line.text.split())
    yield page


# --- the facts ------------------------------------------------------------------------------

class _FactsLines:
    """The text lines facts.document_facts reads: the opening lines whole, every line of the
    record's first pages, and for each rule that takes the first line it finds anywhere
    (identifiers, creators, a printed form's name, a cable's comment) that line."""

    def __init__(self, rules: Rules) -> None:
        kinds = by_kind(rules.title_lines)
        self.tests: list[Callable[[str], object] | None] = [
            row.regex.search for row in (*rules.identifiers, *rules.creators)]
        self.tests.append(lambda text: is_kind(kinds, "printed-form", text))
        self.tests.append(lambda text: cable_comment([text], kinds) is not None)
        self.lines: list[Line] = []
        self.texts = 0
        self.own = True  # still on the record's first pages

    def add(self, line: Line) -> None:
        if line.kind != "text":
            return
        text = line.text.strip()
        keep = (self.own and self.texts < OWN_TEXT_LINES) or self.texts < EARLY_TEXT_LINES
        for k, test in enumerate(self.tests):
            if test is not None and test(text):
                self.tests[k] = None
                keep = True
        if keep:
            self.lines.append(line)
        self.texts += 1

    def early(self) -> set[str]:
        return {line.text.strip() for line in self.lines}


def _lines_content(block: m.Block) -> list[m.Inline]:
    """A block's content as the facts read it: its lines (title_sources.plain_lines), a run each."""
    content: list[m.Inline] = []
    for line in plain_lines(block):
        content += [_BREAK, m.Run(text=line)] if content else [m.Run(text=line)]
    return content


_BREAK = m.LineBreak()


def _light(block: m.Block) -> m.Block:
    """A block of a page the facts read whole, with only what they read of it: the lines of
    its text, fields and stamps, a banner's level, the line it starts on (a record's long
    first page costs a tenth of its model so)."""
    if isinstance(block, m.Paragraph):
        return m.Paragraph(line=block.line, n=block.n, content=_lines_content(block))
    if isinstance(block, m.Field_):
        return m.Field_(line=block.line, name=block.name, value=block.value, content=_lines_content(block))
    if isinstance(block, m.Stamp):
        return m.Stamp(line=block.line, type=block.type, rule=block.rule, content=_lines_content(block))
    if isinstance(block, m.Classification):
        return m.Classification(line=block.line, level=block.level, place=block.place, supplied=block.supplied)
    return m.Authority(line=block.line)  # a block the facts do not read: its place only


class _FactsPages:
    """The pages facts.document_facts reads: the first pages whole (to the third page that
    holds a block, and at least four), and of the others what some fact is read from: header
    fields without their content, identifying stamps, stamp lines that one of the opening
    lines repeats, a block for each classification level."""

    def __init__(self, early: set[str]) -> None:
        self.pages: list[m.Page] = []
        self.rest: list[m.Block] = []
        self.early = early
        self.levels: set[str] = set()
        self.whole = True

    def add(self, page: m.Page) -> None:
        if self.whole:
            self.pages.append(m.Page(position=page.position, n=page.n, blocks=[_light(b) for b in page.blocks]))
            for block in page.blocks:
                for piece in block.content:
                    if isinstance(piece, m.Mark) and piece.level and piece.level not in self.levels:
                        self.levels.add(piece.level)
                        self.rest.append(m.Classification(line=block.line, level=piece.level))
            if len(self.pages) >= 4 and any(p.blocks for p in self.pages[2:]):
                self.whole = False
            return
        for block in page.blocks:
            if isinstance(block, m.Field_):
                self.rest.append(m.Field_(line=block.line, name=block.name, value=block.value))
            elif isinstance(block, m.Stamp):
                self._stamp(block)
            elif isinstance(block, m.Classification) and block.level not in self.levels:
                self.levels.add(block.level)
                self.rest.append(m.Classification(line=block.line, level=block.level))
            for piece in block.content:
                if isinstance(piece, m.Mark) and piece.level and piece.level not in self.levels:
                    self.levels.add(piece.level)
                    self.rest.append(m.Classification(line=block.line, level=piece.level))

    def _stamp(self, stamp: m.Stamp) -> None:
        lines = plain_lines(stamp)
        if stamp.rule in IDENTIFYING_STAMPS:
            self.rest.append(m.Stamp(line=stamp.line, type=stamp.type, rule=stamp.rule,
                                     content=[m.Run(text=lines[0])]))
        repeated = [line for line in lines if line in self.early]
        if repeated:
            content: list[m.Inline] = []
            for line in repeated:
                content += [m.LineBreak(), m.Run(text=line)] if content else [m.Run(text=line)]
            self.rest.append(m.Stamp(line=stamp.line, type=stamp.type, content=content))

    def all(self) -> list[m.Page]:
        if not self.rest:
            return self.pages
        return [*self.pages, m.Page(position=len(self.pages) + 1, n="0", blocks=self.rest)]


# --- the TEI body ---------------------------------------------------------------------------

class _Body:
    """tei._body, page by page: each top-level element is handed on once nothing more can
    go into it (a paragraph may go on over the page breaks that follow it)."""

    def __init__(self, emit: Callable[[etree._Element], None]) -> None:
        self.emit = emit
        self.open_p: etree._Element | None = None
        self.pending: list[etree._Element] = []
        self.content = False

    def page(self, page: m.Page) -> None:
        self.pending.append(etree.Element(tei("pb"), n=page.n))
        for block in page.blocks:
            if isinstance(block, m.Paragraph) and block.continued and self.open_p is not None:
                for element in self.pending:
                    append_inside(self.open_p, element)
                self.pending = []
                add_text(self.open_p, "\n")
                add_inline(self.open_p, block.content)
                continue
            element = block_element(block)
            if isinstance(block, FLOATING) and self.open_p is not None:
                self.pending.append(element)
                continue
            self._close()
            if isinstance(block, m.Paragraph):
                self.open_p = element
            else:
                self._emit(element)

    def _close(self) -> None:
        if self.open_p is not None:
            self._emit(self.open_p)
            self.open_p = None
        for floating in self.pending:
            self._emit(floating)
        self.pending = []

    def _emit(self, element: etree._Element) -> None:
        element.tail = "\n"
        self.content = self.content or element.tag in (tei("p"), tei("ab"))
        self.emit(element)

    def end(self) -> None:
        self._close()
        if not self.content:
            self._emit(etree.Element(tei("p")))


class _Slices:
    """The body's elements checked in slices, each wrapped in a TEI document with a header of
    its own (memo-tei.rng and the one-walk rules), then written to ``out``. Rules that look
    across the whole document are kept for the end: the classification banners' levels
    against the header's, and the first page number."""

    _LATER = frozenset({"catref-present", "catref-without-banner", "catref-highest", "pb-not-before-first"})

    def __init__(self, out: IO[bytes], name: str, check: bool) -> None:
        self.out, self.name, self.check = out, name, check
        self.elements: list[etree._Element] = []
        self.levels: dict[str, None] = {}
        self.first_pb: float | None = None
        self.pbs: list[str] = []
        self.last_pb = self.opened = ""  # the number of the last page break added, and flushed

    def add(self, element: etree._Element) -> None:
        full = len(self.elements) >= SLICE_ELEMENTS
        if full and (element.tag == tei("pb") or len(self.elements) >= 4 * SLICE_ELEMENTS):
            self.flush()  # at a page break, or inside a long page
        if element.tag == tei("pb"):
            self.last_pb = element.get("n", "")
        self.elements.append(element)

    def flush(self) -> None:
        if not self.elements:
            return
        root, body = _frame(_PLACEHOLDER_HEADER)
        # a slice cut inside a long page opens with that page's break, for the check only
        opening = None if self.elements[0].tag == tei("pb") else etree.SubElement(body, tei("pb"), n=self.opened)
        for element in self.elements:
            body.append(element)
        self.opened = self.last_pb
        for element in self.elements:
            for fw in element.iter(tei("fw")):
                if fw.get("type") == "classification":
                    self.levels.setdefault(fw.get("ana") or "", None)
            self.pbs.extend(pb.get("n", "") for pb in element.iter(tei("pb")))
        if self.check:
            # the grammar wants a block of text in a body: a slice of markings alone gets one
            blank = None if any(e.tag in _TEXT_BLOCKS for e in body) else etree.SubElement(body, tei("p"))
            _check(root, self.name, ignore=self._LATER)
            if blank is not None:
                body.remove(blank)
        if opening is not None:
            body.remove(opening)
        for element in body:
            self.out.write(etree.tostring(element, encoding="UTF-8").replace(_XMLNS, b"", 1))
        self.elements = []
        del root, body
        give_back()

    def finish(self, header: etree._Element) -> None:
        """The rules left for the end, on the real header and the levels of every banner."""
        self.flush()
        if not self.check:
            return
        root, body = _frame(header)
        etree.SubElement(body, tei("pb"), n=self.pbs[0] if self.pbs else "1").tail = "\n"
        for ana in self.levels:
            etree.SubElement(body, tei("fw"), type="classification", place="top", ana=ana).text = "X"
        etree.SubElement(body, tei("p")).text = "x"
        _check(root, self.name)
        from .validate.profile_rules import number

        first = next((v for v in map(number, self.pbs) if v == v), None)
        if first is not None and any(v < first for v in map(number, self.pbs) if v == v):
            raise InvalidOutputError("memo-tei wrote TEI that breaks its own profile (a page number runs back "
                                     "before the first [pb-not-before-first]); this is a bug: please report it "
                                     "with the input")


def _frame(header: etree._Element, language: str = "en") -> tuple[etree._Element, etree._Element]:
    """A TEI element holding a copy of ``header`` and an empty body (as tei.to_tei makes them)."""
    return frame(deepcopy(header), language)


def _check(root: etree._Element, name: str, ignore: frozenset[str] = frozenset()) -> None:
    from .convert import PROFILE_RULES
    from .validate.schemas import tei_checkers

    tree = root.getroottree()
    errors = [f for checker in (tei_checkers()[0], PROFILE_RULES) for f in checker.check(tree, file=name)
              if f.is_error and f.rule.rsplit(":", 1)[-1] not in ignore]
    if errors:
        raise InvalidOutputError(
            f"memo-tei wrote TEI that breaks its own profile ({errors[0].message} [{errors[0].rule}]); "
            "this is a bug: please report it with the input"
        )


def _placeholder_header() -> etree._Element:
    doc = m.Document(source=m.Source(name="x", sha256="0" * 64, size=0, encoding="utf-8"),
                     facts=m.Facts(title="x"), pages=[], generator="memo-tei 0")
    header = header_element(doc)
    etree.indent(header)
    header.tail = "\n"
    return header


_PLACEHOLDER_HEADER = _placeholder_header()


def give_back() -> None:
    """Hand the memory a pass or a long page freed back to the system: glibc's malloc keeps
    freed small blocks for reuse, and a page of a hundred thousand lines leaves many."""
    if _TRIM is not None:
        _TRIM(0)


def let_go(raw: RawPage, rules: Rules) -> None:
    """Hand back the memory of a long page once it is done with: its lines, and the tagger's
    memo of lines seen, emptied (it only saves time), whose keys are the texts of those lines:
    a few thousand of them kept alive would keep most of the memory of the page's hundred
    thousand lines from going back (Python frees its small objects a 1 MB arena at a time)."""
    raw.lines = []
    rules.seen.clear()
    give_back()


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


# --- the conversion -------------------------------------------------------------------------

class _Spill:
    """Pages pickled one after another to a temporary file, read back as often as needed."""

    def __init__(self, directory: Path) -> None:
        self.file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 (closed in close())

    def write(self, page: m.Page) -> None:
        pickler = pickle.Pickler(self.file, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo of every object pickled: a page of OCR holds no cycle
        pickler.dump(page)

    def read(self) -> Iterator[m.Page]:
        self.file.flush()
        self.file.seek(0)
        while True:
            try:
                yield pickle.load(self.file)
            except EOFError:
                return

    def close(self) -> None:
        self.file.close()


def convert_large(text: Text | str, out: Path, *, source: m.Source, rules: Rules, generator: str,
                  warnings: list[str] | None = None, check: bool = True,
                  each_page: Callable[[m.Page], None] | None = None) -> m.Facts:
    """Write the TEI of one decoded text to ``out`` (atomically), a page at a time; the same
    bytes as tei.serialize(tei.to_tei(recognize(...))); ``each_page`` is shown every page once
    it is finished. Returns the document's facts."""
    rules = _lean(rules)
    survey = _Survey(text, rules)
    context = survey.context
    role = partial(page_role, rules=rules, context=context)

    numbers = PageNumbers(rules, context)
    for raw in iter_pages(text, survey, role):
        numbers.add(raw)
        if len(raw.lines) > LONG_PAGE_LINES:
            let_go(raw, rules)
    numbered = numbers.lines()
    give_back()

    directory = out.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot write {out}: {err.strerror or err}") from None
    spill = _Spill(directory)
    try:
        facts_lines = _FactsLines(rules)
        levels: Counter[str] = Counter()
        known: KnownNotes = {}
        previous: int | None = None
        forward = True
        own_pages = 0
        for position, raw in enumerate(iter_pages(text, survey, role), start=1):
            for line in raw.lines:
                facts_lines.add(line)
            blocks = page_blocks(raw.lines, rules, context, numbered)
            join_page_labels(blocks)
            place_furniture(blocks)
            page = m.Page(position=position, n=page_n(blocks, position), blocks=blocks)
            if position > 2 and blocks:
                own_pages += 1
            facts_lines.own = own_pages == 0
            n = int(page.n)
            forward = forward and (previous is None or n > previous)
            previous = n
            levels.update(b.level for b in blocks if isinstance(b, m.Classification))
            learn_notes(page, known)
            spill.write(page)
            if len(raw.lines) > LONG_PAGE_LINES:
                del blocks, page
                let_go(raw, rules)
        words = banner_words(levels, {w.code: w.word for w in rules.level_words})

        give_back()
        frames = BannerFrames()
        for page in _laid_out(spill, forward, words):
            frames.add(page)
        banner = frames.missing()

        facts_pages = _FactsPages(facts_lines.early())
        body_file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        try:
            slices = _Slices(body_file, source.name, check)
            body = _Body(slices.add)
            surest: dict[str, tuple[Cert, str]] = {}  # each level's surest banner, for the catRef
            for page in _laid_out(spill, forward, words):
                if banner is not None:
                    supply_frame(page, banner)
                if known:
                    repeat_notes(page, known)
                facts_pages.add(page)
                surest_banners(page.blocks, surest)
                body.page(page)
                if each_page is not None:
                    each_page(page)
            body.end()
            spill.close()
            facts = document_facts(facts_pages.all(), facts_lines.lines, rules, context, source.name,
                                   complete_title=False)
            if facts.title:
                facts.title = completed(facts.title, _text_lines(text))
                facts.title = run_on(facts.title, _text_lines(text))
            document = m.Document(source=source, facts=facts, pages=[], warnings=list(warnings or []),
                                  generator=generator)
            header = header_element(document, surest)
            etree.indent(header)
            header.tail = "\n"
            slices.finish(header)
            _write(out, header, body_file, facts.language)
        finally:
            body_file.close()
    finally:
        spill.close()
    return facts


def _lean(rules: Rules) -> Rules:
    """``rules`` with a prefilter of LARGE_INPUT_DFA_BYTES (the same memo of lines seen)."""
    if rules.prefilter is None:
        return rules
    return replace(rules, prefilter=rules.prefilter.leaner(LARGE_INPUT_DFA_BYTES))


def _text_lines(text: Text | str) -> Iterator[str]:
    """The text lines of a large input, read again from its spilled text."""
    return (ln.text.strip() for _, ln in iter_lines(text) if ln.kind == "text")


def _laid_out(spill: _Spill, forward: bool, words: dict[str, str]) -> Iterator[m.Page]:
    """The spilled pages with the layout's rules that come before the banner frames applied:
    recognize._number_pages, layout.join_paragraphs and layout.edge_banners."""
    last: m.Block | None = None
    for page in spill.read():
        if not forward:
            page.n = str(page.position)
        first = edge_text(page.blocks)
        if isinstance(last, m.Paragraph) and isinstance(first, m.Paragraph):
            tail, head = plain(last).rstrip(), plain(first).lstrip()
            if tail and head and first.n is None and not ENDS_SENTENCE.search(tail) and (
                head[0].islower() or tail.endswith("-")
            ):
                first.continued = True
        last = edge_text(page.blocks[::-1])
        edge_banners_page(page, words)
        yield page


def _write(out: Path, header: etree._Element, body_file: IO[bytes], language: str) -> None:
    """The output: the declaration, the TEI element's start and header, the body copied from
    its temporary file, the end; written beside ``out`` and renamed into place."""
    root, _ = _frame(header, language)
    whole = etree.tostring(root, encoding="UTF-8")
    cut = whole.rindex(b"</body>")
    with atomic_file(out) as handle:
        handle.write(DECLARATION)
        handle.write(whole[:cut])
        body_file.seek(0)
        shutil.copyfileobj(body_file, handle, 1 << 20)
        handle.write(whole[cut:])
        handle.write(b"\n")


def convert_large_bytes(data: bytes, out: Path, *, name: str, rules: Rules, generator: str,
                        max_bytes: int, check: bool = True, each_page: Callable[[m.Page], None] | None = None,
                        ) -> tuple[m.Source, m.Facts, list[str]]:
    """Decode ``data`` and write its TEI to ``out`` with :func:`convert_large`."""
    text, encoding, warnings = decode_text(data, max_bytes=max_bytes)
    source = m.Source(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), encoding=encoding)
    del data
    try:
        facts = convert_large(text, out, source=source, rules=rules, generator=generator, warnings=warnings,
                              check=check, each_page=each_page)
    finally:
        text.close()
    return source, facts, warnings


def convert_large_path(path: Path, out: Path, *, rules: Rules, generator: str, max_bytes: int,
                       check: bool = True, each_page: Callable[[m.Page], None] | None = None,
                       ) -> tuple[m.Source, m.Facts, list[str]]:
    """Read the file at ``path`` (refused before reading when over ``max_bytes``) and write its
    TEI to ``out`` with :func:`convert_large`; the bytes are let go once decoded."""
    from .convert import read_input

    return convert_large_bytes(read_input(path, max_bytes), out, name=path.name, rules=rules, generator=generator,
                               max_bytes=max_bytes, check=check, each_page=each_page)

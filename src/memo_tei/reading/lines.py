"""OCR text (plain or the markdown OCR engines emit) to a list of typed lines.

This is where markdown is *interpreted*: ``~~struck~~`` becomes a struck segment, ``**bold**``
and ``_emphasis_`` lose their markers, backslash escapes become the character they protect,
``## Page N`` headings, ``[Page N]`` markers and form feeds become page marks, and lines of
``---`` become rules. Words are never dropped here: every later stage can rely on the
segments holding all the words of the input line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["text", "blank", "page_mark", "rule"]

# Characters a markdown backslash escape may protect.
_ESCAPABLE = "\\`*_{}[]()#+-.!~>|<'\""
_PLACEHOLDER = {ch: chr(0xE000 + i) for i, ch in enumerate(_ESCAPABLE)}
_RESTORE = str.maketrans({v: k for k, v in _PLACEHOLDER.items()})
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_MARKUP_CHARS = re.compile(r"[\\~*_]")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^*_]+?)(?<=[^\s*_])\1(?![\w*])")
_PAGE_MARK = re.compile(
    r"^\s*(?:#{1,6}\s*page\s+(?P<h>\d+)\s*#*|\[\s*page\s+(?P<b>\d+)\s*\])\s*$", re.IGNORECASE
)
# A line of underscores is a form's blank to fill in, not a rule: it stays text.
_RULE = re.compile(r"^\s*(?:-\s*){3,}$|^\s*(?:\*\s*){3,}$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
#: The characters a page mark or a rule starts with (a cheap test before the patterns).
_MARK_STARTS = frozenset("#[-*")


#: Sets an attribute of a frozen object, as the ``__init__`` dataclasses write does.
_set = object.__setattr__


@dataclass(frozen=True, slots=True, init=False)
class Segment:
    """A run of a line's text, struck through in the source or not."""

    text: str
    struck: bool = False

    # Written out rather than generated: a segment is made for every line of the input, and
    # the generated frozen ``__init__`` costs twice as much (same fields, same defaults).
    def __init__(self, text: str, struck: bool = False) -> None:
        _set(self, "text", text)
        _set(self, "struck", struck)


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """One line of the input: its number (from 1), kind, and text as segments."""

    number: int
    kind: LineKind
    segments: tuple[Segment, ...] = ()
    page_label: str | None = None
    text: str = field(default="", init=False, compare=False)  # the segments' text, joined

    # Written out rather than generated with a ``__post_init__``: a line is made for every
    # line of the input, and this costs a third of the generated one; most lines are one
    # segment, whose text is the line's.
    def __init__(self, number: int, kind: LineKind, segments: tuple[Segment, ...] = (),
                 page_label: str | None = None) -> None:
        _set(self, "number", number)
        _set(self, "kind", kind)
        _set(self, "segments", segments)
        _set(self, "page_label", page_label)
        _set(self, "text", segments[0].text if len(segments) == 1 else "".join([s.text for s in segments]))

    def slice(self, start: int, end: int) -> Line:
        """The part of the line between two offsets of its text, segments cut to fit."""
        pieces, offset = [], 0
        for segment in self.segments:
            lo, hi = max(start, offset), min(end, offset + len(segment.text))
            if lo < hi:
                pieces.append(Segment(segment.text[lo - offset:hi - offset], segment.struck))
            offset += len(segment.text)
        return Line(self.number, self.kind, tuple(pieces) or (Segment(""),), self.page_label)

    @property
    def struck(self) -> bool:
        """Whether all the visible text of the line is struck through."""
        visible = [s for s in self.segments if s.text.strip()]
        return bool(visible) and all(s.struck for s in visible)


def read_lines(text: str) -> list[Line]:
    """Split decoded text into typed lines; a form feed becomes a page mark of its own."""
    if "\f" not in text:  # the usual case, without the test of every line for a form feed
        return [read_line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]
    out: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            parts = raw.split("\f")
            for i, part in enumerate(parts):
                if i:
                    out.append(Line(number, "page_mark"))
                if part.strip():
                    out.append(read_line(number, part))
            continue
        out.append(read_line(number, raw))
    return out


def read_line(number: int, raw: str) -> Line:
    """Type one physical line and interpret its inline markdown."""
    stripped = raw.strip()
    if not stripped:
        return Line(number, "blank")
    if stripped[0] in _MARK_STARTS:
        mark = _PAGE_MARK.match(raw)
        if mark:
            return Line(number, "page_mark", page_label=mark.group("h") or mark.group("b"))
        if _RULE.match(raw):
            return Line(number, "rule")
    if "#" not in raw and not _MARKUP_CHARS.search(raw):  # most lines: plain text, one segment
        return Line(number, "text", (Segment(stripped),))
    body = _HEADING.sub("", raw, count=1).rstrip() if "#" in raw else raw.rstrip()
    return Line(number, "text", parse_inline(body))


def parse_inline(raw: str) -> tuple[Segment, ...]:
    """Interpret strikethrough, emphasis and escapes; the text of the segments keeps every word."""
    if not _MARKUP_CHARS.search(raw):
        return (Segment(raw.strip()),)
    protected = _ESCAPE.sub(lambda m: _PLACEHOLDER[m.group(1)], raw)
    pieces = protected.split("~~")
    if len(pieces) % 2 == 0:  # an unmatched ~~ stays as it was
        pieces[-2:] = [pieces[-2] + "~~" + pieces[-1]]
    segments = []
    for i, piece in enumerate(pieces):
        piece = _EMPHASIS.sub(r"\2", _BOLD.sub(r"\2", piece)).translate(_RESTORE)
        if piece:
            segments.append(Segment(piece, struck=i % 2 == 1))
    return _trim(segments)


def _trim(segments: list[Segment]) -> tuple[Segment, ...]:
    if not segments:
        return (Segment(""),)
    first, last = segments[0], segments[-1]
    segments[0] = Segment(first.text.lstrip(), first.struck)
    segments[-1] = Segment(segments[-1].text.rstrip(), last.struck)
    return tuple(s for s in segments if s.text) or (Segment(""),)

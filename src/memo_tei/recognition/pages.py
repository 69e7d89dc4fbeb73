"""Lines to pages, from whatever the OCR text offers.

Three kinds of evidence, in this order of trust:

1. page marks (``## Page N`` headings, ``[Page N]``, form feeds) decide alone;
2. in text from engines that leave a run of blank lines between pages (Tesseract), each
   such run is a page break, provided runs are rare enough not to be mere spacing;
3. otherwise, frames: a page ends at its bottom banner (or a framing stamp such as CREST's
   ``Approved For Release``) once the page holds text, and a rule-named line (a cable's
   continuation header) opens a page.

Exemption codes printed just below a page's bottom frame stay on that page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..reading.lines import Line

#: What a line means for page breaking, as the recognizer tells it.
LineRole = Literal["banner", "frame", "trail", "start"] | None

#: Words a page must hold before a framing stamp is taken for its foot rather than its head.
FRAME_STAMP_MIN_WORDS = 15


@dataclass
class RawPage:
    """The lines of one physical page, and the label its page mark gave, if any."""

    lines: list[Line] = field(default_factory=list)
    label: str | None = None


@dataclass(frozen=True)
class BlankRuns:
    """When runs of blank lines break pages: ``length`` blank lines or more, used only
    where there is at most one run per ``min_lines_per_run`` text lines."""

    length: int = 2
    min_lines_per_run: int = 10
    enabled: bool = True


def split_pages(lines: list[Line], role: Callable[[Line], LineRole],
                blank_runs: BlankRuns | None = None) -> list[RawPage]:
    """Cut lines into pages; ``role`` tells what a text line means for page breaking."""
    if any(line.kind == "page_mark" for line in lines):
        return _by_marks(lines)
    runs = _blank_run_ends(lines, blank_runs or BlankRuns())
    return _by_frames(lines, role, runs)


def _by_marks(lines: list[Line]) -> list[RawPage]:
    pages = [RawPage()]
    seen_mark = False
    for i, line in enumerate(lines):
        if line.kind == "page_mark":
            # what stands before the first heading (a file-name heading) belongs to page 1
            if (seen_mark or line.page_label is None) and (_has_text(pages[-1]) or pages[-1].label is not None):
                pages.append(RawPage())
            seen_mark = True
            pages[-1].label = line.page_label
        elif line.kind == "rule" and _next_kind(lines, i) in ("page_mark", None):
            continue  # the rule that separates two pages
        else:
            pages[-1].lines.append(line)
    return pages


def _blank_run_ends(lines: list[Line], settings: BlankRuns) -> set[int]:
    """Indices of the first text line after each long run of blank lines (none where runs
    are too frequent to be page breaks)."""
    if not settings.enabled:
        return set()
    ends, run, text_lines, seen_text = set(), 0, 0, False
    for i, line in enumerate(lines):
        if line.kind == "blank":
            run += 1
            continue
        if line.kind == "text":
            if seen_text and run >= settings.length:
                ends.add(i)
            seen_text = True
            text_lines += 1
        run = 0
    if not ends or len(ends) * settings.min_lines_per_run > text_lines:
        return set()
    return ends


def _by_frames(lines: list[Line], role: Callable[[Line], LineRole], runs: set[int]) -> list[RawPage]:
    pages = [RawPage()]
    has_text = False  # whether the page so far holds a text line
    words = 0  # words of text on the page so far, frames aside (counted up to what _is_foot asks)
    closed = False
    for i, line in enumerate(lines):
        if line.kind != "text":
            pages[-1].lines.append(line)
            continue
        kind = role(line)
        if closed and kind == "trail":
            pages[-1].lines.append(line)
            continue
        if i in runs or closed or (kind == "start" and has_text):
            if has_text:
                pages.append(RawPage())
                has_text = False
            words, closed = 0, False
        pages[-1].lines.append(line)
        has_text = True
        if runs:
            continue  # runs of blank lines break the pages: no foot closes one
        if _is_foot(kind, words):
            closed = True
        elif words < FRAME_STAMP_MIN_WORDS and kind not in ("banner", "frame"):
            # _is_foot asks only whether there are any words, or this many: past it the
            # count may stop, which spares splitting every line of a long page
            words += len(line.text.split())
    return pages


def _is_foot(kind: LineRole, words: int) -> bool:
    if kind == "banner":
        return words > 0
    return kind == "frame" and words >= FRAME_STAMP_MIN_WORDS


def _has_text(page: RawPage) -> bool:
    return any(line.kind == "text" for line in page.lines)


def _next_kind(lines: list[Line], i: int) -> str | None:
    for line in lines[i + 1:]:
        if line.kind != "blank":
            return line.kind
    return None

"""Lines to pages, from whatever the OCR text offers.

Where the text carries page marks (``## Page N`` headings, ``[Page N]``, form feeds) they
decide alone. Where it carries none, a document whose pages are framed by classification
banners is cut between a page's bottom banner and the next page's text or top banner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .lines import Line


@dataclass
class RawPage:
    """The lines of one physical page, and the label its page mark gave, if any."""

    lines: list[Line] = field(default_factory=list)
    label: str | None = None


def split_pages(lines: list[Line], is_banner: Callable[[Line], bool],
                starts_page: Callable[[Line], bool] = lambda line: False) -> list[RawPage]:
    """Cut lines into pages; ``is_banner`` tells a classification banner line and
    ``starts_page`` a line that opens a page (a cable's continuation header, say)."""
    if any(line.kind == "page_mark" for line in lines):
        return _by_marks(lines)
    return _by_banners(lines, is_banner, starts_page)


def _by_marks(lines: list[Line]) -> list[RawPage]:
    pages = [RawPage()]
    seen_mark = False
    for i, line in enumerate(lines):
        if line.kind == "page_mark":
            # what stands before the first mark (a file-name heading) belongs to page 1
            if (seen_mark or line.page_label is None) and (_has_text(pages[-1]) or pages[-1].label is not None):
                pages.append(RawPage())
            seen_mark = True
            pages[-1].label = line.page_label
        elif line.kind == "rule" and _next_kind(lines, i) in ("page_mark", None):
            continue  # the rule that separates two pages
        else:
            pages[-1].lines.append(line)
    return pages


def _by_banners(lines: list[Line], is_banner: Callable[[Line], bool],
                starts_page: Callable[[Line], bool]) -> list[RawPage]:
    pages = [RawPage()]
    has_content = closed = False
    for line in lines:
        if line.kind != "text":
            pages[-1].lines.append(line)
            continue
        banner = is_banner(line)
        if closed or (starts_page(line) and _has_text(pages[-1])):
            pages.append(RawPage())
            has_content = closed = False
        pages[-1].lines.append(line)
        if banner and has_content:
            closed = True
        elif not banner:
            has_content = True
    return pages


def _has_text(page: RawPage) -> bool:
    return any(line.kind == "text" for line in page.lines)


def _next_kind(lines: list[Line], i: int) -> str | None:
    for line in lines[i + 1:]:
        if line.kind != "blank":
            return line.kind
    return None

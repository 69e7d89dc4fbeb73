"""Decoded text to the document model: lines, pages, blocks, layout, facts."""

from __future__ import annotations

import re
from functools import partial
from itertools import pairwise
from typing import Literal

from .. import model as m
from ..reading.lines import Line, read_lines
from .blocks import page_blocks
from .facts import document_facts
from .layout import (
    edge_banners,
    join_page_labels,
    join_paragraphs,
    place_furniture,
    plain,
    repeated_footnotes,
    supply_banners,
)
from .numbering import sequence_page_numbers
from .pages import BlankRuns, LineRole, split_pages
from .prefilter import EVERY, Route
from .rules import Rules
from .tagging import Context, applies, banner_level, document_context, line_route

_NUMBER = re.compile(r"\d+")


def recognize(text: str, *, source: m.Source, rules: Rules, generator: str,
              warnings: list[str] | None = None) -> m.Document:
    """The document model of one decoded OCR text."""
    lines = read_lines(text)
    context = document_context(lines, rules)
    raw_pages = split_pages(lines, partial(page_role, rules=rules, context=context), blank_runs(rules, context))
    numbered = sequence_page_numbers(raw_pages, rules, context)
    blocks_by_page = [page_blocks(raw.lines, rules, context, numbered) for raw in raw_pages]
    pages = []
    for position, blocks in enumerate(blocks_by_page, start=1):
        join_page_labels(blocks)
        place_furniture(blocks)
        pages.append(m.Page(position=position, n=page_n(blocks, position), blocks=blocks))
    _number_pages(pages)
    join_paragraphs(pages)
    edge_banners(pages, {w.code: w.word for w in rules.level_words})
    supply_banners(pages)
    repeated_footnotes(pages)
    return m.Document(
        source=source,
        facts=document_facts(pages, lines, rules, context, source.name),
        pages=pages,
        warnings=list(warnings or []),
        generator=generator,
    )


def page_role(line: Line, *, rules: Rules, context: Context) -> LineRole:
    """What a line means for page breaking: a banner, a framing stamp, an exemption code that
    trails a page's foot, a line that opens a page, or nothing."""
    if line.number in context.listed_levels:
        return _role(line.text, rules, context)
    route = line_route(line.text, rules)
    if _ROLE_ROUTES.isdisjoint(route):
        return None  # most lines: the prefilter lets them through to no table a role comes from
    key = (line.text, context.present, "role")
    role: LineRole | Literal[False] = rules.seen.get(key, False)  # the memo keeps a role by this key
    if role is False:
        role = full_role(line, rules, context, route)
        rules.seen.keep(key, role)
    return role


#: The tables :func:`full_role` tries: a line routed to none of them has no role. The route is
#: one the tagger asks for too (the line's, kept by its text), so it is no extra cost.
_ROLE_ROUTES: Route = frozenset({"banner", "marks", "start"})


def full_role(line: Line, rules: Rules, context: Context, route: Route = EVERY) -> LineRole:
    """A line's role by trying the banner pattern and the rule tables ``route`` names (the
    prefilter's: every one by default), no memo."""
    if "banner" in route and banner_level(line, rules) is not None:
        return "banner"
    return _role(line.text, rules, context, route)


def _role(text: str, rules: Rules, context: Context, route: Route = EVERY) -> LineRole:
    text = text.strip()
    for row in rules.stamps if "marks" in route else ():
        if (row.frame or row.trails) and applies(row, context) and row.regex.match(text):
            return "frame" if row.frame else "trail"
    if "start" in route and any(row.regex.match(text) for row in rules.page_starts if applies(row, context)):
        return "start"
    return None


def blank_runs(rules: Rules, context: Context) -> BlankRuns:
    settings = rules.pages
    return BlankRuns(
        length=settings.blank_run_length,
        min_lines_per_run=settings.blank_run_min_lines_per_run,
        enabled=settings.blank_run_unless not in context.present,
    )


def _number_pages(pages: list[m.Page]) -> None:
    """Keep printed page numbers only where they run forward through the document; where
    OCR or a bound form breaks that order, every page is numbered by its position."""
    numbers = [int(page.n) for page in pages]
    if any(b <= a for a, b in pairwise(numbers)):
        for page in pages:
            page.n = str(page.position)


def page_n(blocks: list[m.Block], position: int) -> str:
    """The printed page number where the page shows one, else its position. A page number
    that reads 0 (``= 00`` at the foot of a cable form) is kept as printed in its ``fw``, but
    numbers no page: pages count from 1."""
    for block in blocks:
        if isinstance(block, m.Furniture) and block.kind == "pageNum":
            number = _NUMBER.search(plain(block))
            if number and int(number.group()):
                return number.group()
    return str(position)

"""Decoded text to the document model: lines, pages, blocks, layout, facts."""

from __future__ import annotations

import re

from . import model as m
from .blocks import page_blocks
from .facts import document_facts
from .layout import join_paragraphs, place_furniture, plain, supply_banners
from .lines import read_lines
from .pages import split_pages
from .rules import Rules
from .tagging import applies as _applies
from .tagging import banner_level, document_context

_NUMBER = re.compile(r"\d+")


def recognize(text: str, *, source: m.Source, rules: Rules, generator: str,
              warnings: list[str] | None = None) -> m.Document:
    """The document model of one decoded OCR text."""
    lines = read_lines(text)
    context = document_context(lines, rules)
    raw_pages = split_pages(
        lines,
        lambda line: banner_level(line, rules) is not None,
        lambda line: any(row.regex.match(line.text) for row in rules.page_starts if _applies(row, context)),
    )
    pages = []
    for position, raw in enumerate(raw_pages, start=1):
        blocks = page_blocks(raw.lines, rules, context)
        place_furniture(blocks)
        pages.append(m.Page(position=position, n=_page_n(blocks, position), blocks=blocks))
    join_paragraphs(pages)
    supply_banners(pages)
    return m.Document(
        source=source,
        facts=document_facts(pages, lines, rules, context),
        pages=pages,
        warnings=list(warnings or []),
        generator=generator,
    )


def _page_n(blocks: list[m.Block], position: int) -> str:
    """The printed page number where the page shows one, else its position."""
    for block in blocks:
        if isinstance(block, m.Furniture) and block.kind == "pageNum":
            number = _NUMBER.search(plain(block))
            if number:
                return number.group()
    return str(position)

"""Tell what each line of OCR text is, by the rule tables: the first stage that knows the domain.

A line gets spans: parts of its text with a tag each (classification, stamp, pageNum,
archivalId, authority, field, letterhead, footnote). Most lines are one span or none (plain
text); a line may also hold several markings (``CONFIDENTIAL SECTION 01 OF 02 NEW DELHI
005266``: a banner and a page number), or a marking inside running text. Grouping spans
into blocks is the next module's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from ..reading.lines import Line
from .footnotes import FOOTNOTE_BODY
from .formulas import Formula, starts
from .fuzzy import find_levels, reads_as
from .linescan import Lines
from .prefilter import EVERY, Route
from .rules import Compiled, Rules, first_match

_WORD = re.compile(r"\w")
_SPAN_KINDS = ("classification", "stamp", "pageNum", "archivalId")


@dataclass(frozen=True, slots=True)
class Tag:
    kind: str
    label: str = ""  # level code, stamp type, field name, footnote marker
    extra: str = ""  # rule name, field value, canonical letterhead name
    rule: Compiled | None = None
    formula: Formula | None = None
    formula_end: int = -1  # the last formula word the line matched


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    tag: Tag


TEXT = Tag("text")


@dataclass(frozen=True)
class Context:
    """What the whole document shows, for rules that apply only where another rule matched."""

    present: frozenset[str] = frozenset()
    #: Lines of a form that prints every level as a box to tick: no banners there.
    listed_levels: frozenset[int] = frozenset()


NO_CONTEXT = Context()


def document_context(lines: list[Line], rules: Rules) -> Context:
    """The signals the document shows (each in its first ``within`` lines, or anywhere), and
    the lines of its forms that list every level; the lines a signal is tried on are those
    RE2 finds it may match (linescan.py), as most documents show few signals."""
    texts = [ln.text for ln in lines if ln.kind == "text"]
    every = Lines(texts)
    present = {name for name, regex, within in rules.required
               if any(regex.search(text)
                      for text in (every if within is None else Lines(texts[:within])).may_match(regex))}
    return Context(frozenset(present), _level_lists(lines, rules))


#: Lines within which three or more levels mark a form's boxes, not the page's banners.
LEVEL_LIST_WINDOW = 8


def _level_lists(lines: list[Line], rules: Rules) -> frozenset[int]:
    """A routing slip or cover sheet prints every level as a box to tick (``UNCLASSIFIED`` /
    ``CONFIDENTIAL`` / ``SECRET``): where three or more different levels stand alone within
    a few lines of each other, none of them is a banner."""
    levels = [(ln.number, level) for ln in lines if ln.kind == "text"
              for level in [banner_level(ln, rules)] if level]
    listed: set[int] = set()
    for k, (first, _) in enumerate(levels):
        # mypy infers no type for a lambda with a default argument (the loop's value, bound here)
        near = list(takewhile(lambda item, first=first: item[0] - first <= LEVEL_LIST_WINDOW,  # type: ignore[misc]
                              levels[k:k + 16]))
        if len({lv for _, lv in near}) >= 3:
            listed.update(n for n, _ in near)
    return frozenset(listed)


def level_of(text: str, rules: Rules) -> str | None:
    """The classification level a text names (the first level row found in it), letter-spaced
    (``S E C R E T``) or not."""
    for candidate in (text, _LETTER_SPACE.sub("", text)):
        for row in rules.levels:
            if row.regex.search(candidate):
                return row.label
    return None


#: A space between two letters that stand alone: ``S E C R E T``.
_LETTER_SPACE = re.compile(r"(?<=\b[A-Z]) (?=[A-Z]\b)")


def banner_level(line: Line, rules: Rules) -> str | None:
    """The level of a line that is a classification banner, else None."""
    return _banner_level(line.text.strip(), rules)


def _banner_level(text: str, rules: Rules) -> str | None:
    if not text or len(text) > 80 or not rules.banner.match(text):
        return None
    return level_of(text, rules)


#: Longer lines are running text: no marking fills one, and the rule tables are not tried
#: on them (which keeps recognition linear in the length of long paragraphs).
MAX_MARKING_LINE = 300


def tag_line(line: Line, rules: Rules, context: Context = NO_CONTEXT) -> list[Span]:
    """The spans of one text line; an empty list means plain text."""
    text = line.text
    if len(text) > MAX_MARKING_LINE or line.number in context.listed_levels:
        return []
    key = (text, context.present)
    spans = rules.seen.get(key)
    if spans is None:
        route = line_route(text, rules)
        spans = full_tags(text, rules, context, route) if route else ()
        rules.seen.keep(key, spans)
    return list(spans)


def full_tags(text: str, rules: Rules, context: Context = NO_CONTEXT, route: Route = EVERY) -> tuple[Span, ...]:
    """The spans of a line by trying the rule tables ``route`` names on it (every table
    by default), no memo."""
    whole = _whole_line(text.strip(), rules, context, route)
    return (Span(0, len(text), whole),) if whole is not None else tuple(_inline_spans(text, rules, context, route))


def is_plain(text: str, rules: Rules) -> bool:
    """Whether no rule table can tag the line (nor make it a banner, stamp or page start),
    told by one compiled test before any table is tried (see prefilter.py)."""
    return not line_route(text, rules)


def line_route(text: str, rules: Rules) -> Route:
    """The rule tables the prefilter lets the line through to (every table where there is
    no prefilter), kept by the line's text."""
    if rules.prefilter is None:
        return EVERY
    route = rules.routes.get(text)
    if route is None:
        route = rules.prefilter.route(text)
        rules.routes.keep(text, route)
    return route


def covers_words(text: str, spans: list[Span]) -> bool:
    """Whether the spans hold every word character of the text."""
    rest, last = [], 0
    for span in spans:
        rest.append(text[last:span.start])
        last = span.end
    rest.append(text[last:])
    return not _WORD.search("".join(rest))


def applies(row: Compiled, context: Context) -> bool:
    """Whether a rule applies in this document (its ``requires`` matched somewhere)."""
    return row.requires is None or row.requires in context.present


def _whole_line(text: str, rules: Rules, context: Context, route: Route = EVERY) -> Tag | None:
    if not text:
        return None
    level = _banner_level(text, rules) if "banner" in route else None
    if level:
        return Tag("classification", level)
    if "marks" in route and (rules.whole_gate is None or rules.whole_gate.admits(text)):
        for kind, rows in (("pageNum", rules.page_numbers), ("archivalId", rules.archival_ids),
                           ("stamp", rules.stamps)):
            for row in rows:
                if not row.find and applies(row, context) and row.regex.match(text):
                    return Tag(kind, row.label, row.extra, row)
    if "formula" in route and (rules.formula_gate is None or rules.formula_gate.admits(text.casefold())):
        started = starts(text, rules.formulas)
        if started:
            formula, found = started
            return Tag("stamp", formula.type, f"formula:{formula.name}", None, formula, found.last_formula_word)
    if "header" not in route or (rules.header_gate is not None and not rules.header_gate.admits(text)):
        return _footnote(text) if "footnote" in route else None
    if first_match(rules.authorities, text):
        return Tag("authority")
    field = _field(text, rules.fields, context)
    if field:
        return field
    hit = first_match(rules.letterheads, text)
    if hit:
        return Tag("letterhead", "", hit[0].extra)
    return _footnote(text) if "footnote" in route else None


def _field(text: str, rows: tuple[Compiled, ...], context: Context) -> Tag | None:
    """The first header field row that reads the line, its label garbled or not; the value
    up to the next label on the line."""
    for row in rows:
        if not applies(row, context):
            continue
        match = row.regex.match(text)
        if not match or (row.word and not reads_as(match.group("label"), row.word, row.max_edits, row.unlike)):
            continue
        return Tag("field", row.label, field_value(match.groupdict().get("value") or text, row), row)
    return None


def field_value(value: str, row: Compiled | None) -> str:
    """A field's value up to where its row says the next label begins (``until``)."""
    end = row.until.search(value) if row is not None and row.until is not None else None
    return value[:end.start() if end else len(value)].strip()


def _footnote(text: str) -> Tag | None:
    body = FOOTNOTE_BODY.match(text)
    return Tag("footnote", body.group("n")) if body else None


def _inline_spans(text: str, rules: Rules, context: Context, route: Route = EVERY) -> list[Span]:
    spans: list[Span] = []
    compounds = (rules.compounds if "compound" in route and (rules.compound_gate is None
                                                             or rules.compound_gate.admits(text)) else ())
    for row in compounds:
        if not applies(row, context):
            continue
        match = row.regex.search(text) if row.find else row.regex.match(text)
        if match:
            spans = _group_spans(match, row, rules)
            break
    finds = "marks" in route and (rules.find_gate is None or rules.find_gate.admits(text))
    for kind, rows in (("classification", rules.classifications), ("pageNum", rules.page_numbers),
                       ("archivalId", rules.archival_ids), ("stamp", rules.stamps)):
        for row in rows if finds else ():
            if not (row.find and applies(row, context)):
                continue
            for match in row.regex.finditer(text):
                start, end = match.span("span") if "span" in row.regex.groupindex else match.span()
                if start == end or any(s.start < end and start < s.end for s in spans):
                    continue
                label = level_of(text[start:end], rules) if kind == "classification" else row.label
                if kind == "classification" and label is None:
                    continue
                spans.append(Span(start, end, Tag(kind, label or "", row.extra, row)))
    if "fuzzy" in route and not any(s.tag.kind == "classification" for s in spans):
        for found in find_levels(text, rules.level_words):
            start, end = found.start, found.end
            # a marking after the level on its line (a page number) ends the banner's span
            end = min([end, *(s.start for s in spans if start < s.start < end)])
            end = start + len(text[start:end].rstrip())
            if end > start and not any(s.start < end and start < s.end for s in spans):
                spans.append(Span(start, end, Tag("classification", found.code, "garbled-level")))
    return sorted(spans, key=lambda s: s.start)


def _group_spans(match: re.Match[str], row: Compiled, rules: Rules) -> list[Span]:
    spans = []
    for kind in _SPAN_KINDS:
        if kind in match.re.groupindex and match.group(kind):
            start, end = match.span(kind)
            if kind == "classification":
                label = level_of(match.group(kind), rules)
                if label is None:
                    continue
            else:
                label = row.label if kind == "stamp" else ""
            spans.append(Span(start, end, Tag(kind, label, row.extra, row)))
    return spans

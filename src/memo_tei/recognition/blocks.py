"""Tagged lines of one page to typed blocks, in reading order.

Lines of one stamp or letterhead stay together across blank lines (a stamp block is often
OCR'd a line at a time); running text, a header field's continuation and a footnote body
end at a blank line. Footnote bodies are then carried to their markers (see footnotes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import model as m
from ..reading.lines import Line
from .facts import agency_name
from .footnotes import anchor_footnotes, numbered_notes
from .formulas import Formula, continues, foreign_after, is_tail
from .rules import Rules
from .tagging import NO_CONTEXT, TEXT, Context, Span, Tag, covers_words, field_value, tag_line

NUMBERED = re.compile(r"^\(?(\d{1,3})[.)]\s+\S")
# A line that starts something new: a numbered paragraph, a field label, a reference.
_NEW_ITEM = re.compile(r"^\s*(?:\(?\d+\s*[.)]|[A-Z][A-Za-z. ]{1,30}:|REF\b)")

#: The tag of a line that its place in the sequence of page numbers makes one.
PAGE_NUMBER = Tag("pageNum", extra="sequence")
_DIGIT = re.compile(r"\d")
_OF_PAGES = re.compile(r"(?i)^\W{0,2}(?:of|pages)\W{0,2}$")
# One line break serves every block: it holds nothing, and nothing changes it.
_BREAK = m.LineBreak()
# Kinds whose lines join across blank lines when they follow one another.
_JOIN_ACROSS_BLANKS = {"stamp", "letterhead"}
# Markings that stand on the page, never inside a footnote (TEI's fw).
_PAGE_FURNITURE = {"classification", "pageNum", "archivalId"}
# Kinds that a following untagged line continues when no blank line stands between.
_CONTINUED_BY_TEXT = {"text", "field", "footnote", "authority"}


@dataclass(slots=True)
class _Group:
    tag: Tag
    lines: list[Line] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    marks: list[list[Span]] = field(default_factory=list)  # inline markings, per line
    after_rule: bool = False
    continuations: int = 0
    closed: bool = False
    formula_end: int = -1  # for a formula stamp, the last formula word matched so far
    formula: Formula | None = None  # the formula the stamp follows, if any of its lines matched one


def page_blocks(lines: list[Line], rules: Rules, context: Context = NO_CONTEXT,
                page_numbers: frozenset[int] = frozenset()) -> list[m.Block]:
    """The blocks of one page, footnotes anchored where their markers are; ``page_numbers``
    holds the numbers of lines known to be page numbers from their place in a sequence."""
    groups = _group(lines, rules, context, page_numbers)
    blocks: list[m.Block] = [_block(g) for g in groups]
    loose = {i for i, g in enumerate(groups) if g.tag.kind == "footnote" and g.after_rule}
    blocks, numbered = numbered_notes(blocks, rules.notes)
    return anchor_footnotes(blocks, loose | numbered)


def _group(lines: list[Line], rules: Rules, context: Context, page_numbers: frozenset[int]) -> list[_Group]:
    groups: list[_Group] = []
    blank = rule = False
    for line in lines:
        if line.kind == "blank":
            blank = True
            continue
        if line.kind == "rule":
            rule = blank = True
            continue
        if line.kind != "text":
            continue
        pieces = [(line, PAGE_NUMBER, [])] if line.number in page_numbers else _pieces(line, rules, context)
        for piece, tag, marks in pieces:
            last = groups[-1] if groups else None
            if last and _continues_formula(last, piece, tag, rules.formulas):
                _add(last, piece, last.tag, marks)
            elif last and _continues_stamp(last, piece):
                last.continuations += 1
                _add(last, piece, last.tag, marks)
            elif last and _joins(last, tag, piece, blank, marks):
                _add(last, piece, tag, marks)
                if last.formula is None and tag.formula is not None:
                    # a stamp a rule found goes on in words of a formula (a wrapped release line)
                    last.formula, last.formula_end = tag.formula, tag.formula_end
            else:
                groups.append(_Group(tag, [piece], [tag], [marks], after_rule=rule, formula_end=tag.formula_end,
                                     formula=tag.formula))
            blank = False
    return groups


def _pieces(line: Line, rules: Rules, context: Context) -> list[tuple[Line, Tag, list[Span]]]:
    """A line as the items it holds: itself with one tag, or with markings inside running
    text, or cut into several markings when they hold all its words."""
    spans = tag_line(line, rules, context)
    text = line.text
    if not spans:
        return [(line, TEXT, [])]
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text):
        return [(line, spans[0].tag, [])]
    if covers_words(text, spans):
        cuts = [0, *(s.start for s in spans[1:]), len(text)]
        return [(line.slice(a, b), s.tag, []) for s, a, b in zip(spans, cuts, cuts[1:], strict=False)]
    return [(line, TEXT, spans)]


def _add(group: _Group, line: Line, tag: Tag, marks: list[Span]) -> None:
    group.lines.append(line)
    group.tags.append(tag)
    group.marks.append(marks)


def _continues_formula(last: _Group, line: Line, tag: Tag, formulas: tuple[Formula, ...]) -> bool:
    """A line that carries on a formula stamp: more of its words (of the formula, or of
    another wording of its family: the JFK Act's release line has several), or the date and
    initials beside it; never a line that starts a stamp of another formula."""
    formula = last.formula
    if formula is None or last.closed:
        return False
    if tag.kind not in ("text", "stamp", "classification"):
        return False
    found = continues(line.text, formula, last.formula_end)
    # a line carries the stamp on only if it goes on with the formula: one that starts it
    # again (the next copy of the stamp) or that starts another formula begins a new stamp
    if found is not None and found.pairs[0][1] <= 1 and last.formula_end > 3:
        found = None
    if found is None:
        for other in formulas:
            if other is not formula and other.family == formula.family:
                candidate = continues(line.text, other, last.formula_end)
                if candidate is not None and candidate.pairs[0][1] > 3:  # its middle, not a new start
                    found, last.formula, last.formula_end = candidate, other, -1  # counted in the other's words
                    break
    if found is None and tag.formula is not None and tag.formula.family != formula.family:
        return False
    if found is not None:
        last.formula_end = max(last.formula_end, found.last_formula_word)
        last.closed = foreign_after(line.text, found)
        return True
    if tag.formula is None and is_tail(line.text) and last.continuations < 3:
        last.continuations += 1
        return True
    return False


def _continues_stamp(last: _Group, line: Line) -> bool:
    """A line that a stamp's rule says carries the stamp on (``then``), until ``until`` is met."""
    rule = last.tag.rule
    if last.tag.kind != "stamp" or rule is None or rule.then is None or last.closed:
        return False
    if last.continuations >= rule.then_max or not rule.then.match(line.text.strip()):
        return False
    if rule.until is not None and rule.until.search(line.text):
        last.closed = True
    return True


def _joins(last: _Group, tag: Tag, line: Line, blank: bool, marks: list[Span]) -> bool:
    kind = last.tag.kind
    if kind == tag.kind == "pageNum" and (not any(_DIGIT.search(ln.text) for ln in last.lines)
                                          or _OF_PAGES.match(line.text) or _OF_PAGES.match(last.lines[-1].text)):
        # a page's label (PAGE:, PAGE NO.) and its number below it are one page number, and so
        # are the words of a form's page box (PAGE / 2 / OF / PAGES / 3)
        return True
    if _alone(tag) or _alone(last.tag):
        return False
    if tag.kind in _JOIN_ACROSS_BLANKS and kind == tag.kind:
        # the same code printed again (STAT, STAT) is another stamp, not the next line of one;
        # a line that starts another formula's stamp starts a stamp of its own (the FBI's
        # automatic-declassification block and its ALL INFORMATION ... UNCLASSIFIED stamp)
        return (tag.label == last.tag.label and not (kind == "stamp" and _same_text(last.lines[-1], line))
                and not _other_formula(last, tag))
    if kind == "footnote" and len(last.lines) == 1 and tag.kind == "text" and _only_marker(last):
        return True  # ((C)) on a line of its own, the note's words below it
    if kind == "footnote" and any(span.tag.kind in _PAGE_FURNITURE for span in marks):
        return False  # the banner or page number under a note is the page's, not the note's
    if blank or tag.kind != "text" or kind not in _CONTINUED_BY_TEXT:
        return False
    if kind == "field":  # a wrapped value goes on for a line or two, not into the text below
        return len(last.lines) < 3 and not _NEW_ITEM.match(line.text)
    return not (kind == "text" and NUMBERED.match(line.text))


def _other_formula(last: _Group, tag: Tag) -> bool:
    return tag.formula is not None and last.formula is not None and tag.formula.family != last.formula.family


def _alone(tag: Tag) -> bool:
    return tag.rule is not None and tag.rule.alone


def _only_marker(group: _Group) -> bool:
    return group.lines[0].text.strip() == group.tag.label.strip()


def _same_text(a: Line, b: Line) -> bool:
    return " ".join(a.text.split()).casefold() == " ".join(b.text.split()).casefold()


def content(lines: list[Line], marks: list[list[Span]] | None = None) -> list[m.Inline]:
    """Inline content of some lines: their segments as runs (markings where ``marks`` says),
    a line break between lines."""
    out: list[m.Inline] = []
    for i, line in enumerate(lines):
        if i:
            out.append(_BREAK)
        if marks and marks[i]:
            out += _marked(line, marks[i])
            continue
        for segment in line.segments:  # a loop, not a list to extend by: most lines are one segment
            if segment.text:
                out.append(m.Run(text=segment.text, struck=segment.struck))
    return out


def _marked(line: Line, spans: list[Span]) -> list[m.Inline]:
    out: list[m.Inline] = []
    last = 0
    for span in spans:
        out.extend(content([line.slice(last, span.start)]))
        piece = line.slice(span.start, span.end)
        tag = span.tag
        out.append(m.Mark(
            type=tag.kind, text=piece.text, struck=piece.struck,  # type: ignore[arg-type]
            level=tag.label if tag.kind == "classification" else None,
            stamp_type=tag.label if tag.kind == "stamp" else None,  # type: ignore[arg-type]
            rule=tag.extra,
        ))
        last = span.end
    out.extend(content([line.slice(last, len(line.text))]))
    return out


def _block(group: _Group) -> m.Block:
    tag, first = group.tag, group.lines[0]
    # markings found inside lines are kept only in running text: a stamp or banner that
    # took such a line in holds its words, not a marking within a marking
    body = content(group.lines, group.marks if tag.kind in _CONTINUED_BY_TEXT else None)
    kind = tag.kind
    if kind == "classification":
        return m.Classification(line=first.number, content=body, level=tag.label, rule=tag.extra)
    if kind == "stamp":
        return m.Stamp(line=first.number, content=body, type=tag.label, rule=tag.extra)  # type: ignore[arg-type]
    if kind in ("pageNum", "archivalId"):
        return m.Furniture(line=first.number, content=body, kind=kind, rule=tag.extra)  # type: ignore[arg-type]
    if kind == "authority":
        return m.Authority(line=first.number, content=body)
    if kind == "field":
        # a wrapped value ends where a label of the form's other column stands (NO. PAGES)
        value = field_value(" ".join([tag.extra, *(ln.text.strip() for ln in group.lines[1:])]), tag.rule)
        return m.Field_(line=first.number, content=body, name=tag.label, value=value)
    if kind == "letterhead":
        value = ", ".join(t.extra or agency_name(ln.text) for t, ln in zip(group.tags, group.lines, strict=True))
        return m.Field_(line=first.number, content=body, name="letterhead", value=value)
    if kind == "footnote":
        note = m.Footnote(n=tag.label, anchored=False, line=first.number, content=body)
        return m.LooseNote(line=first.number, content=[], note=note)
    number = NUMBERED.match(first.text)
    return m.Paragraph(line=first.number, content=body, n=number.group(1) if number else None)


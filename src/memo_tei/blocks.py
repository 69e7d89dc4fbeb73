"""Tagged lines of one page to typed blocks, in reading order.

Lines of one stamp or letterhead stay together across blank lines (a stamp block is often
OCR'd a line at a time); running text, a header field's continuation and a footnote body
end at a blank line. Footnote bodies are then carried to their markers (see footnotes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import model as m
from .facts import agency_name
from .footnotes import anchor_footnotes
from .lines import Line
from .rules import Rules
from .tagging import Tag, tag_line

NUMBERED = re.compile(r"^\(?(\d{1,3})[.)]\s+\S")

# Kinds whose lines join across blank lines when they follow one another.
_JOIN_ACROSS_BLANKS = {"stamp", "letterhead"}
# Kinds that a following untagged line continues when no blank line stands between.
_CONTINUED_BY_TEXT = {"text", "field", "footnote", "authority"}


@dataclass
class _Group:
    tag: Tag
    lines: list[Line] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    after_rule: bool = False


def page_blocks(lines: list[Line], rules: Rules) -> list[m.Block]:
    """The blocks of one page, footnotes anchored where their markers are."""
    groups = _group(lines, rules)
    blocks: list[m.Block] = [_block(g) for g in groups]
    loose = {i for i, g in enumerate(groups) if g.tag.kind == "footnote" and g.after_rule}
    return anchor_footnotes(blocks, loose)


def _group(lines: list[Line], rules: Rules) -> list[_Group]:
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
        tag = tag_line(line, rules)
        last = groups[-1] if groups else None
        if last and _joins(last, tag, line, blank):
            last.lines.append(line)
            last.tags.append(tag)
        else:
            groups.append(_Group(tag, [line], [tag], after_rule=rule))
        blank = False
    return groups


def _joins(last: _Group, tag: Tag, line: Line, blank: bool) -> bool:
    kind = last.tag.kind
    if tag.kind in _JOIN_ACROSS_BLANKS and kind == tag.kind:
        return tag.label == last.tag.label
    if blank or tag.kind != "text" or kind not in _CONTINUED_BY_TEXT:
        return False
    return not (kind == "text" and NUMBERED.match(line.text))


def content(lines: list[Line]) -> list[m.Inline]:
    """Inline content of some lines: their segments as runs, a line break between lines."""
    out: list[m.Inline] = []
    for i, line in enumerate(lines):
        if i:
            out.append(m.LineBreak())
        out.extend(m.Run(text=s.text, struck=s.struck) for s in line.segments if s.text)
    return out


def _block(group: _Group) -> m.Block:
    tag, first = group.tag, group.lines[0]
    body = content(group.lines)
    kind = tag.kind
    if kind == "classification":
        return m.Classification(line=first.number, content=body, level=tag.label)
    if kind == "stamp":
        return m.Stamp(line=first.number, content=body, type=tag.label, rule=tag.extra)  # type: ignore[arg-type]
    if kind in ("pageNum", "archivalId"):
        return m.Furniture(line=first.number, content=body, kind=kind)  # type: ignore[arg-type]
    if kind == "authority":
        return m.Authority(line=first.number, content=body)
    if kind == "field":
        value = " ".join([tag.extra, *(ln.text.strip() for ln in group.lines[1:])])
        return m.Field_(line=first.number, content=body, name=tag.label, value=value)
    if kind == "letterhead":
        value = ", ".join(t.extra or agency_name(ln.text) for t, ln in zip(group.tags, group.lines, strict=True))
        return m.Field_(line=first.number, content=body, name="letterhead", value=value)
    if kind == "footnote":
        note = m.Footnote(n=tag.label, anchored=False, line=first.number, content=body)
        return m.LooseNote(line=first.number, content=[], note=note)
    number = NUMBERED.match(first.text)
    return m.Paragraph(line=first.number, content=body, n=number.group(1) if number else None)


"""Labeled fields of printed forms, whose values OCR often sets on the lines below the label
(a NARA identification form's ``ORIGINATOR :`` and, two lines down, ``FBI``).

Each form field of the rules file names a label and the shape of its value; the value is
the rest of the label's line when it has that shape, else the first of the next lines that
has it and is not itself a label.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from .rules import FormField, Gate


def read_form(texts: list[str], fields: tuple[FormField, ...], gate: Gate | None = None,
              memo: dict[str, Label] | None = None) -> dict[str, str]:
    """The first value found for each form field (keyed by field name) in ``texts``: by the
    label where the value stands beside or just below it, else by column order. ``gate``
    matches where any field's label might (most lines are no label at all). ``memo`` keeps
    what each line is to the form, by its text, for another reading of lines of the same
    document with the same ``fields`` and ``gate`` (the caller's to ensure: a line's label
    depends on nothing else)."""
    printed = print_dates(texts)
    texts = ["" if i in printed else text for i, text in enumerate(texts)]  # no field's value
    memo = {} if memo is None else memo
    labels = []
    for text in texts:
        if text not in memo:
            memo[text] = _label_of(text, fields if gate is None or gate.admits(text) else ())
        labels.append(memo[text])
    values = _by_label(texts, labels)
    for name, value in _by_columns(texts, labels).items():
        values.setdefault(name, value)
    return values


def print_dates(texts: list[str]) -> set[int]:
    """The lines that hold an identification form's print date, no date of the record: the
    date standing alone a few lines below the form's heading, before its first part
    (``JFK ASSASSINATION SYSTEM`` / ``IDENTIFICATION FORM`` / ``08/04/98``; the 2015 forms'
    ``JFK Assassination System Date:`` / ``Identification Form`` / ``6/4/2015``)."""
    found = set()
    for i, text in enumerate(texts):
        if not _FORM_HEADING.match(text):
            continue
        for k in range(i + 1, min(i + 1 + _PRINT_DATE_REACH, len(texts))):
            if _PART_HEADING.match(texts[k]):
                break
            if _DATE_ALONE.match(texts[k]):
                found.add(k)
                break
    return found


_FORM_HEADING = re.compile(r"(?i)^\W*(?:jfk\s+assassination\s+system|identification\s+form)\b")
_PART_HEADING = re.compile(r"(?i)^\W*(?:agency|document)\s+informa")
_DATE_ALONE = re.compile(r"^\W{0,3}\d{1,2}/\d{1,2}/\d{2,4}\W{0,3}$")
_PRINT_DATE_REACH = 4


#: What a line is to a form: a known field's label (with the rest of the line after it),
#: another label (None, ""), or no label at all (None).
Label = tuple[FormField | None, str] | None


def _label_of(text: str, fields: tuple[FormField, ...]) -> Label:
    for field in fields:
        match = field.label.match(text)
        if match:
            return field, text[match.end():]
    if _ANY_LABEL.match(text):
        return None, text.split(":", 1)[-1]
    return None


def _by_columns(texts: list[str], labels: list[Label]) -> dict[str, str]:
    """Values of a two-column form that OCR read column by column: a run of labels with no
    value, then their values in the same order.

    A field left empty has no line in the value column, so values are paired with labels in
    order only where a short run of labels (ORIGINATOR / FROM / TO / TITLE) is followed by as
    many values or more, the last running on. Elsewhere (a whole form's labels in one column)
    only values of a shape no free text has (record numbers, dates) are paired, each with the
    first label waiting that it fits. The form's section headings are no values."""
    values: dict[str, str] = {}
    pending: list[FormField] = []
    run: list[FormField] = []  # every field of the last run of labels
    opens: FormField | None = None  # the field whose value follows a section heading
    for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
        if label is not None:
            if _empty(label) and (not i or not _empty(labels[i - 1])):
                pending = _run_fields(texts, labels, i)
                run = [lb[0] for lb in labels[i:] if _empty(lb) and lb[0] is not None][:40]
            continue
        heading = _SECTION_HEADING.match(text)
        if heading:
            first = _SECTION_OPENS.get((heading.group(1) or "").casefold())
            opens = next((f for f in run if f.name == first), None)
            continue
        if opens is not None:
            value = _value(text, opens)
            if value:
                values.setdefault(opens.name, value)
            opens = None
        if pending and not pending[0].distinct:  # a run read in order: one line, one value
            pending = _past_empty(text, pending)
            waiting, pending = pending[0], pending[1:]
            value = _value(text, waiting)
            if value:
                lines = 1 if pending else waiting.lines
                values.setdefault(waiting.name, _run_on(value, texts[i + 1:i + lines], labels[i + 1:i + lines]))
            continue
        for k, waiting in enumerate(pending):
            value = _value(text, waiting)
            if value:
                values.setdefault(waiting.name, value)
                pending = pending[k + 1:]
                break
    return values


def _past_empty(text: str, pending: list[FormField]) -> list[FormField]:
    """The fields still waiting from the one ``text`` is the value of: a field forms often
    leave empty (``PAGES:`` with no number, then ``SUBJECTS :`` / ``FRANC PECAR``) has no line
    in the value column, so a line not of its shape belongs to the next field it fits, not
    to the empty one (whose label would otherwise take the line and drop it)."""
    k = 0
    while k + 1 < len(pending) and pending[k].often_empty and not _value(text, pending[k]):
        k += 1
    return pending[k:] if _value(text, pending[k]) and not pending[k].distinct else pending


def _run_fields(texts: list[str], labels: list[Label], start: int) -> list[FormField]:
    """The fields of the run of empty labels from ``start`` whose values the lines after the
    run give in order: all of them when the run is short and as many lines follow it before
    the next label, else only those of a distinctive shape."""
    end = start
    while end < len(labels) and _empty(labels[end]):
        end += 1
    fields = [label[0] for label in labels[start:end] if label is not None and label[0] is not None]
    below = texts[end:end + len(fields)]
    if (len(fields) == end - start <= _SHORT_RUN and len(below) == len(fields)
            and all(labels[end + k] is None and not _NO_VALUE.match(text) for k, text in enumerate(below))):
        return fields
    return [f for f in fields if f.distinct]


#: A line that is no field's value: a part's heading, or a label OCR cased or spelt unknown.
_NO_VALUE = re.compile(r"(?i)^\W*(?:(?:agency|document)\s+informa\w*|identification\s+form"
                       r"|jfk\s+assassination\s+system)\W*$|.*:\s*$")


#: The longest run of labels whose values are read in their order: a form's four labels
#: ORIGINATOR / FROM / TO / TITLE and then their four values.
_SHORT_RUN = 4


#: The headings of an identification form's parts, printed among its fields.
_SECTION_HEADING = re.compile(
    r"(?i)^\W*(?:(agency|document)\s+informa\w*|identification\s+form|jfk\s+assassination\s+system)\W*$")
#: The field whose value comes first under each part's heading where OCR read the values in
#: a column of their own (``Agency Information`` then ``FBI``; ``Document Information`` then
#: the originator).
_SECTION_OPENS = {"agency": "agency", "document": "originator"}


#: A field of the form's with its own value (``DATE OF LAST REVIEW : 07/01/97``): no value of
#: the label above it.
_OTHER_FIELD = re.compile(r"^\W{0,3}[A-Z][A-Z .'\-/()]{2,40}\s+:\s*\S")
_ANY_LABEL = re.compile(r"^\W{0,3}[A-Z][A-Z .\-/()]{1,30}:\s*\S{0,3}\s*$|^\W{0,3}[A-Z][A-Z .\-/]{2,30}\s*:\s*$")


def _by_label(texts: list[str], labels: list[Label]) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, label in enumerate(labels):
        if label is None or label[0] is None or label[0].name in values:
            continue
        field = label[0]
        if field.within < _FAR and not label[1].strip() and i and _empty(labels[i - 1]):
            continue  # the last of a run of labels: the line below holds the run's first value
        value, at = _value(label[1], field), i
        for k in range(i + 1, min(i + 1 + field.within, len(texts))):
            if value:
                break
            if _known(labels[k]) or _OTHER_FIELD.match(texts[k]):
                # a value of a distinctive shape (a date, a record number) may stand past other
                # labels of a scrambled form; a free-text value may not
                if field.within < _FAR:
                    break
                continue
            value, at = _value(texts[k], field), k
        if value:
            values[field.name] = _run_on(value, texts[at + 1:at + field.lines], labels[at + 1:at + field.lines])
    return values


def _run_on(value: str, below: list[str], labels: list[Label]) -> str:
    """A value with the lines that carry it on, up to the next label or a line that ends it."""
    parts = [value]
    for text, label in zip(below, labels, strict=True):
        if not text or _known(label) or _ENDS_VALUE.match(text):
            break
        parts.append(text)
    return " ".join(" ".join(parts).split())


#: A line that ends a value running on: another label, a numbered paragraph, a line in lower
#: case, an FBI communication's reference line that opens its text (``Re Bureau teletype``,
#: ``ReButel``).
_ENDS_VALUE = re.compile(r"^\W*(?:[A-Z][A-Za-z .]{1,30}:|\d+\.(?:\s|$)|\(?\d+\)\s|[a-z]|Re\s?[A-Z][a-z])")


#: Fields whose values are looked for this many lines below the label or more have values
#: of a shape nothing else has (dates, record numbers): their search goes past other labels.
_FAR = 4


def _empty(label: Label) -> TypeGuard[tuple[FormField | None, str]]:
    """Whether a line is a label with no value beside it."""
    return label is not None and not label[1].strip()


def _known(label: Label) -> bool:
    return label is not None and label[0] is not None


def _value(text: str, field: FormField) -> str | None:
    match = field.value.search(text)
    return " ".join(match.group().split()) if match else None

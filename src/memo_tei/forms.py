"""Labeled fields of printed forms, whose values OCR often sets on the lines below the label
(a NARA identification form's ``ORIGINATOR :`` and, two lines down, ``FBI``).

Each form field of the rules file names a label and the shape of its value; the value is
the rest of the label's line when it has that shape, else the first of the next lines that
has it and is not itself a label.
"""

from __future__ import annotations

import re

from .rules import FormField, Gate


def read_form(texts: list[str], fields: tuple[FormField, ...], gate: Gate | None = None) -> dict[str, str]:
    """The first value found for each form field (keyed by field name) in ``texts``: by the
    label where the value stands beside or just below it, else by column order. ``gate``
    matches where any field's label might (most lines are no label at all)."""
    labels = [_label_of(text, fields if gate is None or gate.admits(text) else ()) for text in texts]
    values = _by_label(texts, labels)
    for name, value in _by_columns(texts, labels).items():
        values.setdefault(name, value)
    return values


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
    value, then their values in the same order."""
    values: dict[str, str] = {}
    pending: list[FormField | None] = []  # labels waiting for a value; None for labels we do not use
    for text, label in zip(texts, labels, strict=True):
        if label is not None:
            if not label[1].strip():
                pending.append(label[0])
            continue
        if not pending:
            continue
        waiting = pending.pop(0)
        if waiting is not None and waiting.name not in values:
            value = _value(text, waiting)
            if value:
                values[waiting.name] = value
    return values


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


_ENDS_VALUE = re.compile(r"^\W*(?:[A-Z][A-Za-z .]{1,30}:|\d+\.\s|\(?\d+\)\s|[a-z])")


#: Fields whose values are looked for this many lines below the label or more have values
#: of a shape nothing else has (dates, record numbers): their search goes past other labels.
_FAR = 4


def _known(label: Label) -> bool:
    return label is not None and label[0] is not None


def _value(text: str, field: FormField) -> str | None:
    match = field.value.search(text)
    return " ".join(match.group().split()) if match else None

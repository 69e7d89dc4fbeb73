"""Labeled fields of printed forms, whose values OCR often sets on the lines below the label
(a NARA identification form's ``ORIGINATOR :`` and, two lines down, ``FBI``).

Each form field of the rules file names a label and the shape of its value; the value is
the rest of the label's line when it has that shape, else the first of the next lines that
has it and is not itself a label.
"""

from __future__ import annotations

import re

from .rules import Compiled


def read_form(texts: list[str], fields: tuple[Compiled, ...]) -> dict[str, str]:
    """The first value found for each form field (keyed by field name) in ``texts``: by the
    label where the value stands beside or just below it, else by column order."""
    values = _by_label(texts, fields)
    for name, value in _by_columns(texts, fields).items():
        values.setdefault(name, value)
    return values


def _by_columns(texts: list[str], fields: tuple[Compiled, ...]) -> dict[str, str]:
    """Values of a two-column form that OCR read column by column: a run of labels with no
    value, then their values in the same order."""
    values: dict[str, str] = {}
    pending: list[Compiled | None] = []  # labels waiting for a value; None for labels we do not use
    for text in texts:
        field = next((f for f in fields if f.regex.match(text)), None)
        if field is not None or _ANY_LABEL.match(text):
            rest = text[field.regex.match(text).end():] if field else text.split(":", 1)[-1]
            if not rest.strip():
                pending.append(field)
            continue
        if not pending:
            continue
        waiting = pending.pop(0)
        if waiting is not None and waiting.label not in values:
            value = _value(text, waiting)
            if value:
                values[waiting.label] = value
    return values


_ANY_LABEL = re.compile(r"^\W{0,3}[A-Z][A-Z .\-/()]{1,30}:\s*\S{0,3}\s*$|^\W{0,3}[A-Z][A-Z .\-/]{2,30}\s*:\s*$")


def _by_label(texts: list[str], fields: tuple[Compiled, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, text in enumerate(texts):
        for field in fields:
            if field.label in values:
                continue
            label = field.regex.match(text)
            if not label:
                continue
            value, at = _value(text[label.end():], field), i
            for k, below in enumerate(texts[i + 1:i + 1 + field.then_max], start=i + 1):
                if value or _is_label(below, fields):
                    break
                value, at = _value(below, field), k
            if value:
                values[field.label] = _run_on(value, texts[at + 1:at + int(field.extra or 1)], fields)
    return values


def _run_on(value: str, below: list[str], fields: tuple[Compiled, ...]) -> str:
    """A value with the lines that carry it on, up to the next label or a line that ends it."""
    parts = [value]
    for text in below:
        if not text or _is_label(text, fields) or _ENDS_VALUE.match(text):
            break
        parts.append(text)
    return " ".join(" ".join(parts).split())


_ENDS_VALUE = re.compile(r"^\W*(?:[A-Z][A-Za-z .]{1,30}:|\d+\.\s|\(?\d+\)\s|[a-z])")


def _value(text: str, field: Compiled) -> str | None:
    assert field.then is not None
    match = field.then.search(text)
    return " ".join(match.group().split()) if match else None


def _is_label(text: str, fields: tuple[Compiled, ...]) -> bool:
    return any(f.regex.match(text) for f in fields)

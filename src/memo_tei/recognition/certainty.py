"""How sure memo-tei is of each marking and header fact, from how it was found.

The TEI gives every recognized marking and fact ``@cert`` (``high``, ``medium``, ``low``)
and ``@resp="rule:NAME"``, the rule that found it (docs/PROFILE.md). The recognizers record
the rule's name in the model; this module turns a name, and the text the rule read, into a
certainty:

- a row of the rule tables that matched as written, a banner line of level words, a
  footnote met at its marker, a fact read from a labelled header or form field: ``high``;
- a level word or a stamp formula read through OCR damage: ``high`` if nothing needed
  repairing, else ``medium`` or ``low`` by how much was repaired (letters of the level word,
  share of the formula's words);
- what is inferred from its place rather than read (a page number from the sequence of
  numbers, a footnote body set apart without its marker, a damaged banner at a page's edge,
  a fact guessed from running text): ``medium`` or ``low``;
- a banner the OCR lost, given back from the page frame: ``low``.

``benchmarks/certainty.py`` measures what each certainty means on the dev gold.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from .. import model as m
from .formulas import Formula, normal_words, same_word
from .fuzzy import edit_distance

Cert = Literal["high", "medium", "low"]
CERTS: tuple[Cert, ...] = ("high", "medium", "low")

#: The name a whole line of level words gets (the banner rows of the rules file).
BANNER_LINE = "banner-line"
#: Rules that read a level word through OCR damage: the certainty follows the edits.
_FUZZY_LEVELS = frozenset({"garbled-level", "edge-banner"})
#: Rules that infer a marking from where it stands, not from what it reads.
_INFERRED: dict[str, Cert] = {
    "sequence": "medium",  # a number that the run of page numbers around it makes one
    "edge-banner": "medium",
    "supplied-frame": "low",  # absent from the OCR, given back from the frame of the pages
}

#: Header facts: where a fact was read, and how sure that makes it. A labelled field of the
#: record's header or of a form bound with it is read, not guessed; a file name is the
#: archive's title; running text and headings are guesses.
FACT_RULES: dict[str, Cert] = {
    # title
    "subject": "high", "form-subject": "high", "form-routing-subject": "high", "form-title": "high",
    "form-subjects": "medium", "file-name": "medium", "later-subject": "medium", "case-caption": "medium",
    "printed-form": "medium", "report-title": "medium", "report-subject": "medium",
    "cable-comment": "low", "cable-cite": "low", "fbi-caption": "low", "first-heading": "low",
    # date
    "form-date": "high", "date-field": "high", "date-label": "high", "later-date-field": "medium",
    "first-date": "low", "date-alone": "low",
    # creator
    "originator": "medium", "form-agency": "high", "letterhead": "medium", "record-number": "low",
    # classification (a banner's own certainty decides, see header_level)
    "form-classification": "high",
    # identifiers
    "memo-number": "high", "form-record-number": "high", "form-agency-file-number": "high",
    "form-cite": "high", "text": "medium",
}
_LEVEL_WORDS = {"TS": "TOP SECRET", "S": "SECRET", "C": "CONFIDENTIAL", "R": "RESTRICTED", "U": "UNCLASSIFIED"}
_UPPER_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9\-._*]*")


def resp(rule: str) -> str:
    """The ``@resp`` of a rule's name: a ``rule:`` URI (TEI's pointer datatype)."""
    return "rule:" + re.sub(r"[^A-Za-z0-9_:.\-]", "-", rule or "unnamed")


def level_edits(text: str, level: str | None) -> int:
    """The fewest letters OCR changed in the level word a text reads as (0: printed as is)."""
    word = _LEVEL_WORDS.get(level or "")
    if not word:
        return 0
    upper = text.upper()
    if re.search(rf"(?<![A-Z]){word.replace(' ', r'[ ]*')}(?![A-Z])", upper) or (
            level == "U" and re.search(r"(?<![A-Z])UNCLAS(?![A-Z])", upper)):
        return 0
    tokens = [t.strip("-._*") for t in _UPPER_TOKEN.findall(upper)]
    squeezed = re.sub(r"[^A-Z0-9]", "", upper)
    candidates = [*tokens, *(a + b for a, b in pairwise(tokens)), *(f"{a} {b}" for a, b in pairwise(tokens))]
    if len(squeezed) <= len(word) + 3:
        candidates.append(squeezed)
    best = len(word)
    for candidate in candidates:
        best = min(best, edit_distance(candidate, word, best))
    return best


def banner(rule: str, text: str, level: str | None, supplied: bool = False) -> tuple[Cert, str]:
    """The certainty of a classification marking, and its rule's name."""
    if supplied:
        return "low", "supplied-frame"
    rule = rule or BANNER_LINE
    if rule in _FUZZY_LEVELS:
        edits = level_edits(text, level)
        cert: Cert = "high" if edits == 0 else "medium" if edits == 1 else "low"
        if rule in _INFERRED and cert == "high":
            cert = _INFERRED[rule]
        return cert, rule
    return "high", rule


def stamp(rule: str, text: str) -> tuple[Cert, str]:
    """The certainty of a stamp: a rule row is high; a formula by the share of its words
    that OCR damage made the match repair."""
    if not rule.startswith("formula:"):
        return "high", rule or "stamp"
    formula = _formulas().get(rule.removeprefix("formula:"))
    if formula is None:
        return "medium", rule  # a formula of a user's rules file, not known here
    repaired = formula_repair(text, formula)
    return ("high" if repaired == 0 else "medium" if repaired <= 0.25 else "low"), rule


def formula_repair(text: str, formula: Formula) -> float:
    """The share of a stamp's words that match its formula's only through OCR damage
    (``OGJECTION`` for OBJECTION); words that match none (dates, initials) do not count."""
    vocabulary = set(formula.words)
    exact = fuzzy = 0
    for word in normal_words(text):
        if word in vocabulary:
            exact += 1
        elif len(word) >= 3 and any(same_word(word, w) for w in vocabulary if abs(len(w) - len(word)) <= 2):
            fuzzy += 1
    return fuzzy / (exact + fuzzy) if exact + fuzzy else 1.0


def furniture(rule: str) -> tuple[Cert, str]:
    """Page numbers and archival ids: a rule row is high, a number from the sequence medium."""
    return _INFERRED.get(rule, "high"), rule or "page-furniture"


def footnote(note: m.Footnote) -> tuple[Cert, str]:
    """A note at its marker is high; a body set apart with no marker found, or a note
    recognized as printed again, medium."""
    if note.rule:
        return "medium", note.rule
    return ("high", "footnote-marker") if note.anchored else ("medium", "footnote-apart")


def fact(rule: str) -> Cert:
    """The certainty of a header fact read from the source ``rule``."""
    if rule.startswith("stamp-"):
        return "high"
    return FACT_RULES.get(rule, "low")


@lru_cache(maxsize=1)
def _formulas() -> dict[str, Formula]:
    from .rules import load_rules

    return {formula.name: formula for formula in load_rules().formulas}

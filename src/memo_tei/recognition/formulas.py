"""Stamp formulas found through OCR damage: ``CIA HAS NO OGJECTION TO``,
``DECLASSIEICATION AUTECEITY DERIVED ERDU:``, ``ALL INFORVATION CONTAINED``.

A formula is the canonical wording of a stamp (a row of the rules file). A line starts
a stamp of a formula when enough of its words match, in order, words of the formula: a
fuzzy word match (an OCR'd word within a small distance of the formula's word), at least
two words including some content, covering most of the line's letters. Following lines
carry the stamp on while they match more of the same formula, or are the date, initials
and reviewer numbers written beside it (a tail).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .fuzzy import alike, similarity

_WORD = re.compile(r"\w+")
STOP = frozenset([
    "the", "of", "to", "in", "is", "and", "or", "on", "for", "by", "date", "from", "number", "this", "all", "has",
    "no", "under", "act", "a", "as", "at", "be", "it", "with", "where", "file",
])
_TAIL = re.compile(
    r"^\W*(?:BY\b.*|DATE\b.*|ON\s+\d.*|\(?JFK\)?\W*|[A-Za-zА-я]{1,3}\.?:?|\d{1,3}\W*|"
    r"(?:[A-Za-zА-я]{1,3}\.?:?\s+){0,2}\S*\d\S*|.*\b\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}\S*.*|"
    r".*\b\d{1,2}/\d{1,4}\b.*)$"
)
_PROSE = re.compile(r"\b[a-z]{4,}\b")
_FILE_NUMBER = re.compile(r"\d{2,}-\d{3,}-\d")
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_DIGIT = re.compile(r"\d")
#: A line in lower case starts a stamp only if the formula accounts for this share of its
#: letters: prose about releases (``The press statement released by the Navy today``,
#: ``Secretary to Mr. John Marshall, Executive Vice President``) uses the formula's words too.
_PROSE_COVER = 0.7


@dataclass(frozen=True)
class Formula:
    """The canonical wording of a stamp, with what a line must show to start one."""

    name: str
    type: str
    words: tuple[str, ...]
    upper: bool = False
    needs: re.Pattern[str] | None = None
    family: str = ""
    single: tuple[str, ...] = ()
    grams: frozenset[str] = frozenset()
    content_words: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "grams", _grams(self.words))
        object.__setattr__(self, "content_words", sum(1 for w in self.words if w not in STOP and len(w) >= 3))


@dataclass(frozen=True)
class Alignment:
    """How a line's words align with a formula's."""

    pairs: tuple[tuple[int, int], ...]
    words: tuple[str, ...]

    @property
    def chars(self) -> int:
        return sum(len(self.words[i]) for i, _ in self.pairs)

    @property
    def content(self) -> int:
        return sum(len(self.words[i]) for i, _ in self.pairs if self.words[i] not in STOP)

    @property
    def content_words(self) -> int:
        return sum(1 for i, _ in self.pairs if self.words[i] not in STOP and len(self.words[i]) >= 3)

    @property
    def first(self) -> int:
        """The line word where the first run of nearby matches begins."""
        for (i, j), (k, m) in zip(self.pairs, self.pairs[1:], strict=False):
            if k <= i + 2 and m <= j + 2:
                return i
        return self.pairs[0][0]

    @property
    def cover(self) -> float:
        """Share of the line's letters, from the first run on, that the formula accounts for."""
        first = self.first
        total = sum(_alpha(w) for w in self.words[first:]) or 1
        return sum(_alpha(self.words[i]) for i, _ in self.pairs if i >= first) / total

    @property
    def cover_all(self) -> float:
        """Share of all the line's letters that the formula accounts for."""
        total = sum(_alpha(w) for w in self.words) or 1
        return sum(_alpha(self.words[i]) for i, _ in self.pairs) / total

    @property
    def last_formula_word(self) -> int:
        return self.pairs[-1][1]


def normal_words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _alpha(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


def _grams(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w[k:k + 3] for w in words if len(w) >= 4 and w not in STOP for k in range(len(w) - 2))


#: The lowest similarity :func:`same_word` accepts two words at (less a margin for rounding).
_LOWEST_SIMILARITY = 0.66 - 1e-9


@lru_cache(maxsize=1 << 16)
def same_word(a: str, b: str) -> bool:
    """Whether an OCR'd word ``a`` may be the formula's word ``b``."""
    if a == b:
        return True
    if len(a) <= 2 or len(b) <= 2:
        return False
    shorter = min(len(a), len(b))
    # the similarity of two words is at most 2·shorter / (sum of lengths) (the longer one's
    # extra letters are never shared), so words that far apart in length fail every threshold
    # below (0.66 the lowest) without measuring it; an affix still makes a word
    far_apart = 2 * shorter / (len(a) + len(b)) < _LOWEST_SIMILARITY
    if _DIGIT.search(a) or _DIGIT.search(b):
        return not far_apart and similarity(a, b) >= 0.75
    if shorter >= 4 and (b.startswith(a) or a.startswith(b) or b.endswith(a) or a.endswith(b)):
        return True
    if far_apart:
        return False
    ratio = similarity(a, b)
    if shorter >= 8 and ratio >= 0.66 and (a[:3] == b[:3] or any(a[k:k + 5] in b for k in range(len(a) - 4))):
        return True
    return ratio >= (0.66 if shorter == 3 else 0.75 if shorter == 4 else 0.7)


@lru_cache(maxsize=1 << 16)
def _positions(word: str, formula: tuple[str, ...]) -> frozenset[int]:
    """Where in a formula a line's word may stand. :func:`same_word` holds two words the same
    only where they are as alike as its lowest threshold or one holds the other (the same
    word, an affix), so it is asked of those words only; how alike the word is to each formula
    word is measured in one call (a margin below the threshold for rounding)."""
    near = alike(word, formula, _LOWEST_SIMILARITY - 0.01)
    return frozenset(j for j, known in enumerate(formula)
                     if (j in near or known in word or word in known) and same_word(word, known))


def align(words: tuple[str, ...], formula: tuple[str, ...]) -> Alignment:
    """The in-order pairing of line words with formula words that covers most characters."""
    m, n = len(words), len(formula)
    hits = [_positions(word, formula) for word in words]
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below, hit, size = best[i], best[i + 1], hits[i], len(words[i])
        for j in range(n - 1, -1, -1):
            value = max(below[j], row[j + 1])
            if j in hit and below[j + 1] + size > value:
                value = below[j + 1] + size
            row[j] = value
    pairs, i, j = [], 0, 0
    while i < m and j < n:
        if j in hits[i] and best[i][j] == best[i + 1][j + 1] + len(words[i]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return Alignment(tuple(pairs), words)


def _upper_share(text: str) -> float:
    letters = "".join(filter(str.isalpha, text))
    return sum(map(str.isupper, letters)) / len(letters) if letters else 0.0


def starts(text: str, formulas: tuple[Formula, ...]) -> tuple[Formula, Alignment] | None:
    """The formula a line starts a stamp of, with the alignment, or None."""
    words = normal_words(text)
    if not words or len(text) > 200:
        return None
    if len(words) == 1:
        return _single_word(text, words, formulas)
    grams = _grams(words)
    if not grams:
        return None
    upper: bool | None = None  # read only for a formula the line shares three letter-triples with
    joined = " ".join(words)
    best: tuple[Formula, Alignment] | None = None
    for formula in formulas:
        if len(grams & formula.grams) < 3:
            continue
        if upper is None:
            upper = _upper_share(text) >= 0.5
        if formula.upper and not upper:
            continue
        if formula.needs is not None and not formula.needs.search(joined):
            continue
        if sum(1 for word in words if _positions(word, formula.words)) < 2:
            continue  # a start pairs two words at least
        found = align(words, formula.words)
        if not upper and found.cover_all < _PROSE_COVER:
            continue  # a line of prose that uses a few of the formula's words
        if _good_start(found, formula) and (best is None or found.chars > best[1].chars):
            best = (formula, found)
    return best


def _good_start(found: Alignment, formula: Formula) -> bool:
    if len(found.pairs) < 2 or found.content < 5 or found.cover < 0.5:
        return False
    if len(found.words) - found.first > 8 and found.cover < 0.7:
        return False
    # two content words, or all a short formula has (DECLASSIFIED BY) where the line starts with it
    if found.content_words < min(2, formula.content_words) and found.cover < 0.9:
        return False
    if found.content_words < 2 and found.cover < 0.9 and found.first != 0:
        return False
    return found.first == 0 or (found.first <= 5 and found.content >= 8)


def _single_word(text: str, words: tuple[str, ...], formulas: tuple[Formula, ...]) -> tuple[Formula, Alignment] | None:
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(words) != 1 or not letters.isupper():
        return None
    for formula in formulas:
        for word in formula.single:
            if similarity(letters, word) >= 0.8:
                return formula, Alignment(((0, 0),), words)
    return None


def continues(text: str, formula: Formula, after: int) -> Alignment | None:
    """Whether a line carries on a stamp of ``formula`` whose last matched word was ``after``."""
    words = normal_words(text)
    if not words:
        return None
    found = align(words, formula.words)
    if not found.pairs:
        if len(words) == 1 and len(words[0]) >= 3:  # the next word or two of the formula, alone
            for j in range(after + 1, min(after + 3, len(formula.words))):
                if similarity(words[0], formula.words[j]) >= 0.6:
                    return Alignment(((0, j),), words)
        return None
    in_sequence = after < found.pairs[0][1] <= after + 3 and len(words) <= 3
    if (found.content < 4 or found.cover_all < 0.5) and not in_sequence:
        return None
    return found


def is_tail(text: str) -> bool:
    """A date, initials or a reviewer's number written beside a stamp."""
    text = text.strip()
    return (len(text) <= 40 and bool(_TAIL.match(text)) and not _PROSE.search(text)
            and not _FILE_NUMBER.search(text))


def foreign_after(text: str, found: Alignment) -> bool:
    """Whether document text (not OCR debris) follows the stamp's words on its line."""
    matches = list(_WORD.finditer(text))
    last = found.pairs[-1][0]
    if last + 1 >= len(matches):
        return False
    rest = text[matches[last + 1].start():]
    if len(_WORD.findall(rest)) < 2 or is_tail(rest):
        return False
    return bool(_TITLE_WORD.search(rest) or re.search(r"\b[A-Z]?[a-z]{2,}\b", rest) or re.search(r"\d{3,}", rest))

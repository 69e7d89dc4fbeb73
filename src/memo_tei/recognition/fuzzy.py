"""Classification levels as OCR garbles them: ``SEGRET``, ``CONENDENTIAL``, ``SECR ET``,
``C-O-N-F-I-D-E-N-T-I-A-L``, found inside noisy lines without taking running text for a
banner.

A level word is accepted within a small edit distance (the rule table's ``max_edits`` per
level), in upper case only; the line around it must not read as prose or as a form that
lists every level (see :func:`find_levels`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ0-9][A-ZÀ-ÖØ-Þ0-9_\-*]*[A-ZÀ-ÖØ-Þ]|[A-ZÀ-ÖØ-Þ]")
_LETTER_SPACED = re.compile(r"^(?:[A-Z0-9][\-. ]){3,}[A-Z0-9]$")
_SLASHED = re.compile(r"\s*/\s*[A-Z][A-Z \-/]+$")
_PROSE_WORD = re.compile(r"\b[a-z]{4,}\b")
_STOPWORDS = frozenset(
    ["TO", "AND", "A", "AS", "IS", "THE", "IN", "FOR", "THAT", "WITH", "BY", "BE", "WAS", "ARE", "THIS", "OF"]
)
_CLASSIFY = re.compile(r"(?i)(?<!un)classif")
# Phrases with a level word in them that are not markings.
_NOT_A_LEVEL = re.compile(
    r"RESTRICTED\s+(?:HANDLING|DATA|AREA)|IS\s+RESTRICTED|SECRET\s+(?:SERVICE|POLICE|AGENT)|"
    r"TOP\s+SECRET\s+CLEARANCE|\bSECDEF\b|CONFIDENTIALLY"
)
# A cheap first look: an upper-case word that could be a level, or a letter-spaced word.
MAYBE_LEVEL = re.compile(
    r"S[EÉ][A-ZÉ]{1,6}|[A-Z]*(?:NF|FI[DO]|DEN|NTI|ONF)[A-Z]*|TOP|UNCL|RESTR|(?:[A-Z0-9][\-. ]){4,}[A-Z0-9]"
)
# Boilerplate that names a level without marking the page, masked before levels are looked
# for: a State Department telegram's "REPRODUCTION FROM THIS COPY IS PROHIBITED UNLESS
# "UNCLASSIFIED"", which OCR often runs into the banner beside it.
_NOT_A_MARKING = re.compile(r"(?:IS\s+)?PROHIBITED\s+UNLESS\s+\W{0,2}UNCLASSIFIED\W{0,2}")
_LABEL_BEFORE = re.compile(r"[A-Z]{2,}:\s*$")
_CAVEAT_TAIL = re.compile(
    r"[\s.~\-=:;,/]*(?:(?:NO\W{0,4})?\w*\W{1,3}\w*SSEM\w*|NO\s+FOREIGN\s+DISSEM\w*|NOFORN|EYES\s+ONLY|"
    r"SENSITIVE|WNINTEL|ORCON|LIMDIS|EXDIS|NODIS|RYBAT)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LevelWord:
    """A level as printed (``SECRET``) with its code and the edits OCR may have made to it."""

    code: str
    word: str
    max_edits: int


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    code: str


def edit_distance(a: str, b: str, cutoff: int) -> int:
    """Levenshtein distance, or ``cutoff + 1`` where it is over ``cutoff``."""
    return Levenshtein.distance(a, b, score_cutoff=cutoff)


def similarity(a: str, b: str) -> float:
    """How alike two strings are: twice the characters they share in order over their total
    length (1.0 the same, 0.0 nothing in common)."""
    return Indel.normalized_similarity(a, b)


def alike(word: str, words: tuple[str, ...], cutoff: float) -> set[int]:
    """The places in ``words`` of those at least ``cutoff`` similar to ``word`` (as
    :func:`similarity` measures), all measured in one call."""
    return {k for _, _, k in process.extract(word, words, scorer=Indel.normalized_similarity,
                                             limit=None, score_cutoff=cutoff)}


def reads_as(printed: str, word: str, max_edits: int, unlike: tuple[str, ...] = ()) -> bool:
    """Whether a label OCR read as ``printed`` is ``word`` in capitals (``SuMECT``,
    ``SUBYECT``, ``SUBJEt`` for SUBJECT): at most one letter in lower case, within
    ``max_edits`` letters of it, and no nearer any word of ``unlike``."""
    letters = [c for c in printed if c.isalpha()]
    if sum(c.islower() for c in letters) > 1:
        return False
    shape = printed.upper()
    edits = edit_distance(shape, word, max_edits)
    return edits <= max_edits and all(edit_distance(shape, other, edits) >= edits for other in unlike)


@lru_cache(maxsize=1 << 14)
def _squeeze(token: str) -> str:
    """A token as a word: letter-spacing taken out, underscores and edge marks dropped
    (kept by the token: a page's tokens recur on the next, each read several times)."""
    if _LETTER_SPACED.match(token):
        return re.sub(r"[\-. ]", "", token)
    return token.replace("_", " ").strip("*-")


@lru_cache(maxsize=1 << 14)
def _match_level(word: str, levels: tuple[LevelWord, ...]) -> str | None:
    for level in levels:
        if word == level.word:
            return level.code
    for level in levels:
        if " " in level.word or (word[:1] != level.word[:1] and len(word) < 8) or len(word) < len(level.word) - 1:
            continue
        if edit_distance(word, level.word, level.max_edits) <= level.max_edits:
            return level.code
    return None


def find_levels(text: str, levels: tuple[LevelWord, ...]) -> list[Found]:
    """Level words in a line, with the caveat that follows each; none if the line reads as
    prose, asks about classification (a form field), or lists several levels (a routing slip)."""
    if not MAYBE_LEVEL.search(text) or _CLASSIFY.search(text) or _NOT_A_LEVEL.search(text):
        return []
    text = _NOT_A_MARKING.sub(lambda phrase: " " * len(phrase.group()), text)  # offsets kept
    found: list[Found] = []
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        hit = _level_at(text, tokens, i, levels)
        if hit is None:
            i += 1
            continue
        start, end, code, used = hit
        tail = _CAVEAT_TAIL.match(text, end)
        found.append(Found(start, tail.end() if tail else end, code))
        i += used
    if not found or len({f.code for f in found}) > 1:
        return []
    slashed = _SLASHED.match(text, found[0].end)
    if found[0].start == 0 and slashed:  # SECRET/WARNING NOTICE - ... /NO DISSEM ABROAD
        return [Found(0, len(text.rstrip()), found[0].code)]
    if _reads_as_prose(text, found):
        return []
    return _widen(text, found)


def _widen(text: str, found: list[Found]) -> list[Found]:
    """A banner's span runs on to the line's end over a word or two (codewords, caveats:
    ``TOP SECRET UMBRA``) and takes in a label just before it (``NOTE: SECRET``)."""
    if len(found) != 1:
        return found
    hit = found[0]
    start, end = hit.start, hit.end
    if len(text[end:].split()) <= 2:
        end = len(text.rstrip())
    label = _LABEL_BEFORE.search(text, 0, start)
    if label and not text[:label.start()].strip():
        start = label.start()
    return [Found(start, end, hit.code)]


def _level_at(text: str, tokens: list[re.Match[str]], i: int,
              levels: tuple[LevelWord, ...]) -> tuple[int, int, str, int] | None:
    token = tokens[i]
    if _is_top(token.group()) and i + 1 < len(tokens):
        after = _match_level(_squeeze(tokens[i + 1].group()), levels) or _hyphen_head(tokens[i + 1].group(), levels)
        if after == "S" and tokens[i + 1].start() - token.end() <= 3:
            return token.start(), tokens[i + 1].end(), "TS", 2
    word = _squeeze(token.group())
    if i + 1 < len(tokens) and tokens[i + 1].start() - token.end() == 1 and len(word) < 6:  # SECR ET, SEG BET
        joined = word + _squeeze(tokens[i + 1].group())
        if 5 <= len(joined) <= 13 and joined in _printed(levels):
            return token.start(), tokens[i + 1].end(), _match_level(joined, levels) or "", 2
        if 5 <= len(joined) <= 13 and (len(word) < 4 or _match_level(word, levels) is None):
            code = _match_level(joined, levels)
            if code:
                return token.start(), tokens[i + 1].end(), code, 2
    if len(word) >= 4:
        code = _match_level(word, levels) or _hyphen_head(word, levels)
        if code:
            return token.start(), token.end(), code, 1
    return None


@lru_cache(maxsize=8)
def _printed(levels: tuple[LevelWord, ...]) -> frozenset[str]:
    """The level words as printed, kept by the rule table they come from."""
    return frozenset(lv.word for lv in levels)


def _is_top(word: str) -> bool:
    """``TOP`` as printed or as OCR misreads one letter of it (``IOP``, ``T0P``); what
    follows must still read as SECRET."""
    return word == "TOP" or (len(word) == 3 and Levenshtein.distance(word, "TOP", score_cutoff=1) <= 1)


def _hyphen_head(token: str, levels: tuple[LevelWord, ...]) -> str | None:
    """The level of a word joined by a hyphen to a caveat OCR garbled past reading
    (``SECRET-NOFONN``, ``SECREI-NOFORNI``): the word before the hyphen."""
    head, dash, _ = token.partition("-")
    return _match_level(head, levels) if dash and len(head) >= 4 else None


def _reads_as_prose(text: str, found: list[Found]) -> bool:
    rest = text[:found[0].start] + " " + text[found[-1].end:]
    if len(_PROSE_WORD.findall(rest)) >= 2:
        return True
    upper = re.findall(r"\b[A-Z]{1,}\b", rest)
    if sum(1 for w in upper if w in _STOPWORDS) >= 2:
        return True
    return sum(1 for w in upper if len(w) >= 4) > 4

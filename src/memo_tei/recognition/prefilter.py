"""One compiled test that tells a plain line of text from one that could hold a marking.

Most lines of OCR are running prose: no rule table matches them. Trying each table's
patterns on each of them (Python's engine tries every alternative at every position) is
what made recognition slow, so every pattern the tagger could try on a line is rewritten,
automatically, into RE2 sets (compiled automata that read the line once each) and a line
that matches none of them is text without trying the tables. A rule added to ``rules.toml``
later is covered by the same construction.

The RE2 patterns accept *at least* what the Python ones accept, never less: look-arounds
are dropped (or, at the end of a pattern, made part of the match), back references read as
anything, possessive and lazy repeats as greedy ones. So the test can only let a plain line
through to the full tagging, never keep a marking from it; the patterns themselves still
decide. The two engines read ``\\w``, ``\\s``, ``\\d``, ``\\b`` and case alike only on
ASCII, so a line with other characters in it (about one in ten) is read by a wider form of
the patterns, where these may stand for any such character (see :func:`translate`). A line
with a control character or blanks at either end (the tables read the line stripped), or
a very long one, goes to the full tagging.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import re2

if sys.version_info >= (3, 11):
    from re import _constants as C
    from re import _parser as parser
else:  # pragma: no cover
    import sre_constants as C
    import sre_parse as parser


class Untranslatable(ValueError):
    """A pattern this module cannot rewrite for RE2: lines are then all tagged in full."""


#: Which rule tables a line may match, by the names of :attr:`Pattern.route`.
Route = frozenset[str]
#: The route of a line the prefilter cannot read: every table is tried.
EVERY: Route = frozenset({"banner", "marks", "compound", "formula", "header", "footnote", "fuzzy", "start"})


@dataclass(frozen=True)
class Pattern:
    """A pattern the tagger tries, and how: at the line's start (``match``) or anywhere
    (``search``), and on the line's lower-cased text (``folded``: read here ignoring case);
    ``route`` names the table it stands for (one of :data:`EVERY`)."""

    source: str
    search: bool = False
    folded: bool = False
    route: str = "marks"


#: The memory of each automaton: RE2 builds its states as lines need them and keeps them up
#: to this budget (about as much resident memory, once varied text has been read).
MAX_MEM = 64 << 20  # the DFA of a few hundred rows; RE2's default is 8 MB


class Prefilter:
    """Whether a line is plain text for every pattern it was built from.

    The patterns make two automata, one of those tried at the line's start and one of those
    tried anywhere in it, each read over the line: RE2 builds an automaton's states as lines
    need them, and one automaton of both kinds needs a state for each mix of a start
    pattern's progress with a search pattern's: so many that its memory fills and it
    builds them anew every few lines. On never-seen text the two read a line in a quarter
    of the time of the one, in less memory."""

    def __init__(self, patterns: Iterable[Pattern], max_mem: int = MAX_MEM) -> None:
        self._patterns = tuple(patterns)
        self._max_mem = max_mem
        if not self._patterns:
            raise Untranslatable("no patterns")
        groups = [group for group in ([p for p in self._patterns if not p.search],
                                      [p for p in self._patterns if p.search]) if group]
        self._narrow = tuple((_compiled_set(group, wide=False, max_mem=max_mem), tuple(p.route for p in group))
                             for group in groups)
        self._wide = tuple((_compiled_set(group, wide=True, max_mem=max_mem), tuple(p.route for p in group))
                           for group in groups)

    def __reduce__(self) -> tuple[type[Prefilter], tuple[tuple[Pattern, ...], int]]:
        return Prefilter, (self._patterns, self._max_mem)  # compiled anew in another process

    def leaner(self, max_mem: int) -> Prefilter:
        """The same test with automata of at most ``max_mem`` bytes each: the same answers
        (RE2 empties a full cache of states and goes on), slower where the lines are varied."""
        return Prefilter(self._patterns, max_mem)

    def plain(self, text: str) -> bool:
        """True where no pattern can match the line (so the tables need not be tried)."""
        return not self.route(text)

    def route(self, text: str) -> Route:
        """The tables whose patterns may match the line: none for plain text, :data:`EVERY`
        where the line is one the two engines might read differently."""
        if not text or len(text) > MAX_LINE or text[0].isspace() or text[-1].isspace():
            return EVERY
        if text.isascii():
            if not text.isprintable():
                return EVERY
            automata, data = self._narrow, text.encode("ascii")
        else:
            # a character that case-folds to several (``ß`` to ``ss``) puts a folded pattern's
            # reading of the line out of step with the line's characters
            if _ASCII_CONTROL.search(text) or len(text.casefold()) != len(text):
                return EVERY
            try:
                automata, data = self._wide, text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate
                return EVERY
        routes: list[str] = []
        for automaton, names in automata:
            found = automaton.Match(data)
            if found:
                routes.extend(names[k] for k in found)
        return frozenset(routes) if routes else _NONE


def _compiled_set(patterns: list[Pattern], *, wide: bool, max_mem: int) -> Any:
    """One RE2 set reading a line for all of ``patterns`` at once; a match's number is the
    pattern's place in the list."""
    compiled = re2.Set.SearchSet(_options(max_mem))
    for pattern in patterns:
        try:
            compiled.Add(translate(pattern, wide=wide))
        except re2.error as err:
            raise Untranslatable(f"{pattern.source!r}: {err}") from None
    compiled.Compile()
    return compiled


_NONE: Route = frozenset()
#: Characters Python reads as spaces where RE2 does not (``\x1c`` to ``\x1f``), or not at all
#: in a line of printable text.
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Longer lines are tagged in full: RE2 gives up on a text that fills its automaton's memory
#: too often, and its set then reports no match, which must never read as a plain line. (The
#: tagger tries no table on a line over 300 characters anyway; only page breaking reads them.)
MAX_LINE = 1000


def _options(max_mem: int = MAX_MEM) -> Any:
    options = re2.Options()
    options.max_mem = max_mem
    return options


def translate(pattern: Pattern, *, wide: bool = False) -> str:
    """An RE2 pattern accepting at least the lines the Python pattern accepts: printable
    ASCII text, or (``wide``) any text without ASCII control characters.

    The two engines compare characters alike (a literal, a range of a class) and read ASCII
    alike, but not ``\\w``, ``\\s``, ``\\d``, ``\\b`` or case outside ASCII. So the wide form
    lets a part of the pattern that reads one character read any non-ASCII character as
    well where the engines might differ on it (a category, a class holding one, anything
    read ignoring case), and drops ``\\b`` and ``\\B`` (which RE2 tells by ASCII word
    characters): whatever a non-ASCII character is to Python there, the wide form accepts
    it, and reads the ASCII around it as the narrow form does."""
    try:
        tree = parser.parse(pattern.source)
    except Exception as err:
        raise Untranslatable(str(err)) from None
    ignore = bool(tree.state.flags & C.SRE_FLAG_IGNORECASE) or pattern.folded
    body = _Writer(wide, pattern.folded).seq(list(tree.data), tail=True, fold=ignore)
    if ignore:
        body = f"(?i:{body})"
    return body if pattern.search else f"^(?:{body})"


#: Any character outside ASCII, in either case or none (no case folding brings an ASCII
#: letter in: the Kelvin sign folds to ``k``).
_NON_ASCII = r"(?-i:[\x{80}-\x{10ffff}])"


@dataclass(frozen=True)
class _Writer:
    """Writes a parsed Python pattern as RE2 reads it, narrow or ``wide`` (see translate).
    ``folded``: a pattern tried on the line's case-folded text, where a non-ASCII character
    of the line may stand as another (``K`` as ``k``), whatever the pattern's flags say."""

    wide: bool
    folded: bool

    def seq(self, items: list[tuple[Any, Any]], *, tail: bool, fold: bool) -> str:
        last = len(items) - 1
        return "".join(self.item(op, av, tail=tail and k == last, fold=fold) for k, (op, av) in enumerate(items))

    def item(self, op: Any, av: Any, *, tail: bool, fold: bool) -> str:
        if op is C.LITERAL:
            return self.one(_char(av), exact=not fold)
        if op is C.NOT_LITERAL:
            return self.one(f"[^{_char(av)}]", exact=not fold)
        if op is C.ANY:
            return "(?s:.)"
        if op is C.IN:
            return self.one(_class(av), exact=not fold and all(kind is not C.CATEGORY for kind, _ in av))
        if op is C.BRANCH:
            return "(?:" + "|".join(self.seq(list(branch), tail=tail, fold=fold) for branch in av[1]) + ")"
        if op is C.SUBPATTERN:
            _group, add, remove, sub = av
            if self.folded:  # read ignoring case throughout, as the folded text is
                remove &= ~C.SRE_FLAG_IGNORECASE
            fold = (fold or bool(add & C.SRE_FLAG_IGNORECASE)) and not remove & C.SRE_FLAG_IGNORECASE
            return _flags(add, remove, self.seq(list(sub), tail=tail, fold=fold))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            low, high, sub = av
            return _repeat(low, high, self.seq(list(sub), tail=False, fold=fold))
        if op is getattr(C, "ATOMIC_GROUP", None):
            return "(?:" + self.seq(list(av), tail=tail, fold=fold) + ")"
        if op is C.AT:
            return "" if self.wide and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY) else _at(av)
        if op is C.ASSERT:
            direction, sub = av
            # a look-ahead that ends the pattern asks for its text after the match: the same
            # lines match when that text is taken into the match
            return "(?:" + self.seq(list(sub), tail=False, fold=fold) + ")" if tail and direction == 1 else ""
        if op is C.ASSERT_NOT:
            return ""
        if op is C.GROUPREF:
            return "(?s:.*)"
        if op is C.GROUPREF_EXISTS:
            _group, yes, no = av
            return ("(?:" + self.seq(list(yes), tail=tail, fold=fold) + "|"
                    + (self.seq(list(no), tail=tail, fold=fold) if no else "") + ")")
        if op is C.CATEGORY:
            return self.one(_category(av), exact=False)
        raise Untranslatable(f"no RE2 form for {op}")

    def one(self, element: str, *, exact: bool) -> str:
        """An element reading one character; in the wide form also any non-ASCII one, unless
        both engines compare that character with the element's ``exact`` ly."""
        if not self.wide or (exact and not self.folded):
            return element
        return f"(?:{element}|{_NON_ASCII})"


def _flags(add: int, remove: int, body: str) -> str:
    on = "".join(letter for flag, letter in _FLAG_LETTERS if add & flag)
    off = "".join(letter for flag, letter in _FLAG_LETTERS if remove & flag)
    if not on and not off:
        return f"(?:{body})"
    return f"(?{on}{'-' + off if off else ''}:{body})"


_FLAG_LETTERS = ((C.SRE_FLAG_IGNORECASE, "i"), (C.SRE_FLAG_DOTALL, "s"))


def _repeat(low: int, high: int, body: str) -> str:
    if low > 1000:  # RE2 counts up to 1000
        return f"(?:{body})+"
    if high is C.MAXREPEAT or high > 1000:
        return f"(?:{body}){{{low},}}"
    return f"(?:{body}){{{low},{high}}}"


def _at(code: Any) -> str:
    # ^ and $ of a line without newlines: its start and end (Python's $ also before a final
    # newline, which a line has not); \b reads ASCII alike in both engines, and other
    # characters not (dropped in the wide form: a test dropped accepts more lines, never fewer)
    table = {C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: "^", C.AT_END: "$", C.AT_END_STRING: "$",
             C.AT_BOUNDARY: r"\b", C.AT_NON_BOUNDARY: r"\B"}
    if code not in table:
        raise Untranslatable(f"no RE2 form for {code}")
    return table[code]


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


def _category(code: Any) -> str:
    name = str(code)
    if name not in _CATEGORIES:
        raise Untranslatable(f"no RE2 form for {name}")
    return _CATEGORIES[name]


def _class(items: list[tuple[Any, Any]]) -> str:
    negate = bool(items) and items[0][0] is C.NEGATE
    parts = []
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            parts.append(_char(av))
        elif op is C.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY:
            parts.append(_category(av))
        else:
            raise Untranslatable(f"no RE2 form for {op} in a class")
    return f"[{'^' if negate else ''}{''.join(parts)}]"


def _char(code: int) -> str:
    char = chr(code)
    return char if char.isascii() and char.isalnum() else f"\\x{{{code:x}}}"

"""One compiled test that tells a plain line of text from one that could hold a marking.

Most lines of OCR are running prose: no rule table matches them. Trying each table's
patterns on each of them (Python's engine tries every alternative at every position) is
what made recognition slow, so every pattern the tagger could try on a line is rewritten,
automatically, into one RE2 set (a compiled automaton that reads the line once) and a line
that matches none of them is text without trying the tables. A rule added to ``rules.toml``
later is covered by the same construction.

The RE2 patterns accept *at least* what the Python ones accept, never less: look-arounds
are dropped (or, at the end of a pattern, made part of the match), back references read as
anything, possessive and lazy repeats as greedy ones. So the test can only let a plain line
through to the full tagging, never keep a marking from it; the patterns themselves still
decide. Two engines read ``\\w``, ``\\s``, ``\\d`` and case alike only on printable ASCII,
so any other line (about one in ten) goes to the full tagging too, as does a line with
blanks at either end (the tables read the line stripped) or a very long one.
"""

from __future__ import annotations

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


#: The memory of the automaton: RE2 builds its states as lines need them and keeps them up to
#: this budget (about as much resident memory, once varied text has been read).
MAX_MEM = 64 << 20  # the DFA of a few hundred rows; RE2's default is 8 MB


@dataclass(frozen=True)
class Pattern:
    """A pattern the tagger tries, and how: at the line's start (``match``) or anywhere
    (``search``), and on the line's lower-cased text (``folded``: read here ignoring case);
    ``route`` names the table it stands for (one of :data:`EVERY`)."""

    source: str
    search: bool = False
    folded: bool = False
    route: str = "marks"


class Prefilter:
    """Whether a line is plain text for every pattern it was built from."""

    def __init__(self, patterns: Iterable[Pattern], max_mem: int = MAX_MEM) -> None:
        self._patterns = tuple(patterns)
        self._max_mem = max_mem
        self._set = re2.Set.SearchSet(_options(max_mem))
        count = 0
        for pattern in self._patterns:
            try:
                self._set.Add(translate(pattern))
            except re2.error as err:
                raise Untranslatable(f"{pattern.source!r}: {err}") from None
            count += 1
        if not count:
            raise Untranslatable("no patterns")
        self._set.Compile()
        self._routes = tuple(pattern.route for pattern in self._patterns)

    def __reduce__(self) -> tuple[type[Prefilter], tuple[tuple[Pattern, ...], int]]:
        return Prefilter, (self._patterns, self._max_mem)  # compiled anew in another process

    def leaner(self, max_mem: int) -> Prefilter:
        """The same test with an automaton of at most ``max_mem`` bytes: the same answers
        (RE2 empties a full cache of states and goes on), slower where the lines are varied."""
        return Prefilter(self._patterns, max_mem)

    def plain(self, text: str) -> bool:
        """True where no pattern can match the line (so the tables need not be tried)."""
        return not self.route(text)

    def route(self, text: str) -> Route:
        """The tables whose patterns may match the line: none for plain text, :data:`EVERY`
        where the line is one the two engines might read differently."""
        if (not text or len(text) > MAX_LINE or not text.isascii() or not text.isprintable()
                or text[0] == " " or text[-1] == " "):
            return EVERY
        found = self._set.Match(text.encode("ascii"))
        return frozenset(self._routes[k] for k in found) if found else _NONE


_NONE: Route = frozenset()
#: Longer lines are tagged in full: RE2 gives up on a text that fills its automaton's memory
#: too often, and its set then reports no match, which must never read as a plain line. (The
#: tagger tries no table on a line over 300 characters anyway; only page breaking reads them.)
MAX_LINE = 1000


def _options(max_mem: int = MAX_MEM) -> Any:
    options = re2.Options()
    options.max_mem = max_mem
    return options


def translate(pattern: Pattern) -> str:
    """An RE2 pattern accepting at least the lines the Python pattern accepts (ASCII text)."""
    try:
        tree = parser.parse(pattern.source)
    except Exception as err:
        raise Untranslatable(str(err)) from None
    ignore = bool(tree.state.flags & C.SRE_FLAG_IGNORECASE) or pattern.folded
    body = _seq(list(tree), tail=True)
    if ignore:
        body = f"(?i:{body})"
    return body if pattern.search else f"^(?:{body})"


def _seq(items: list[tuple[Any, Any]], *, tail: bool) -> str:
    last = len(items) - 1
    return "".join(_item(op, av, tail=tail and k == last) for k, (op, av) in enumerate(items))


def _item(op: Any, av: Any, *, tail: bool) -> str:
    if op is C.LITERAL:
        return _char(av)
    if op is C.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is C.ANY:
        return "(?s:.)"
    if op is C.IN:
        return _class(av)
    if op is C.BRANCH:
        return "(?:" + "|".join(_seq(list(branch), tail=tail) for branch in av[1]) + ")"
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        return _flags(add, remove, _seq(list(sub), tail=tail))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        low, high, sub = av
        return _repeat(low, high, _seq(list(sub), tail=False))
    if op is getattr(C, "ATOMIC_GROUP", None):
        return "(?:" + _seq(list(av), tail=tail) + ")"
    if op is C.AT:
        return _at(av)
    if op is C.ASSERT:
        direction, sub = av
        # a look-ahead that ends the pattern asks for its text after the match: the same
        # lines match when that text is taken into the match
        return "(?:" + _seq(list(sub), tail=False) + ")" if tail and direction == 1 else ""
    if op is C.ASSERT_NOT:
        return ""
    if op is C.GROUPREF:
        return "(?s:.*)"
    if op is C.GROUPREF_EXISTS:
        _group, yes, no = av
        return "(?:" + _seq(list(yes), tail=tail) + "|" + (_seq(list(no), tail=tail) if no else "") + ")"
    if op is C.CATEGORY:
        return _category(av)
    raise Untranslatable(f"no RE2 form for {op}")


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
    # newline, which a line has not); \b reads ASCII alike in both engines
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

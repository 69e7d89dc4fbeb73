"""Which lines of a document a pattern may match, told by one RE2 search of all of them.

The document's context and its facts try some patterns on every line of a document (a
signal such as ``INFORMATION REPORT, NOT FINALLY EVALUATED``, the creator and identifier
tables): Python's engine tries each pattern at every position of every line, and for a
pattern no line matches (the common case) that is the whole cost. RE2 reads the lines
joined by newlines once, in linear time, with the pattern rewritten by prefilter.translate
to accept at least what the Python one accepts; where it finds nothing, no line can match
and only the lines RE2 may read differently from Python (those not printable ASCII, see
prefilter.py) are left to try. Where it finds something, every line is tried as before, so
the Python pattern alone decides what matches and which line matches first.

Joining lines cannot hide a match: ``^`` and ``$`` are read at each line's ends
(multi-line mode), a newline is no word character (``\\b`` reads a line's ends as before),
and a match that runs over a newline only lets more documents through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import re2

from .prefilter import Pattern, Untranslatable, translate


class Lines:
    """The text lines of one document, for :meth:`may_match`. Both engines read a line alike
    where it is printable ASCII (see prefilter.py); where every line is, one test of the
    text as a whole tells it."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        whole = "".join(texts)
        #: The lines RE2 may read otherwise than Python, in order: always tried.
        self.unreadable: list[str] = [] if whole.isascii() and whole.isprintable() else [
            text for text in texts if not (text.isascii() and text.isprintable())]
        self.joined = "\n".join(texts if not self.unreadable else [
            text for text in texts if text.isascii() and text.isprintable()])

    def may_match(self, regex: re.Pattern[str], *, search: bool = True) -> Sequence[str]:
        """The lines ``regex`` may match (by ``search``, or at their start), in order: every
        line where RE2 finds a match in the joined lines or cannot read the pattern, else
        only the lines RE2 cannot read."""
        gate = _gate(regex.pattern, regex.flags, search)
        if gate is None or gate.search(self.joined) is not None:
            return self.texts
        return self.unreadable


@lru_cache(maxsize=1024)
def _gate(source: str, flags: int, search: bool) -> re2._Regexp | None:
    """The RE2 test for a Python pattern, by its source and flags (all the Python pattern
    is made of, so the key is sound); None where it has no RE2 form, or where flags were
    given besides the pattern's own (which prefilter.translate does not read)."""
    if re.compile(source).flags != flags:
        return None
    try:
        return re2.compile("(?m)" + translate(Pattern(source, search=search)))
    except (Untranslatable, re2.error):
        return None

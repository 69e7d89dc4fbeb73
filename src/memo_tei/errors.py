"""One root error for everything memo-tei refuses, so callers can catch it once.

Each subclass also inherits the builtin it resembles, as xmlschema does, so code that
already catches ``ValueError`` or ``OSError`` keeps working.
"""

from __future__ import annotations


class MemoTeiError(Exception):
    """Anything memo-tei cannot do with an input; the message is one line for the user."""


class InputError(MemoTeiError, ValueError):
    """The input cannot be converted (empty, binary, too large)."""


class InputEncodingError(InputError):
    """The bytes are not text in any encoding we accept."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class RulesError(MemoTeiError, ValueError):
    """A rules file (TOML table of patterns) is malformed."""


class OutputError(MemoTeiError, OSError):
    """An output could not be written."""


class InvalidOutputError(MemoTeiError, AssertionError):
    """memo-tei produced TEI that does not satisfy its own profile: a bug, never a file."""


class ExportError(MemoTeiError, ValueError):
    """A TEI document cannot be exported (not TEI, not well-formed), or a package cannot be made."""

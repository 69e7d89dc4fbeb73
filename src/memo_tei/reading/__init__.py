"""Reading text in: the bytes of an OCR file to decoded text, and text to typed lines.

Takes the input's bytes; gives :class:`~.decoding.DecodedText` (encoding guessed, refused
with a reason a user can act on) and then a list of :class:`~.lines.Line` (text, blank,
page mark or rule, with struck and bold segments kept). Nothing here knows a marking:
recognition starts from these lines.
"""

from __future__ import annotations

from .decoding import DecodedText, decode
from .lines import Line, read_lines

__all__ = ["DecodedText", "Line", "decode", "read_lines"]

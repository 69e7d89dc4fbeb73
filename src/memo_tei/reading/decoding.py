"""Bytes to clean text: the only stage that sees raw input.

OCR output arrives in whatever encoding the engine or a later copy left it in. We accept
UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and fall back to
Windows-1252, the usual encoding of text that passed through Windows tools, saying so in a
warning. Characters that XML 1.0 forbids never leave this module, except the form feed,
which the line reader consumes as a page break.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import InputEncodingError, InputError, InputTooLargeError
from ..limits import BINARY_CONTROL_SHARE, MAX_INPUT_BYTES

# C0 controls other than tab, line feed, carriage return and form feed; DEL; C1 controls;
# the non-characters U+FFFE and U+FFFF. None may appear in XML 1.0 or carries a word.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: C0 control bytes other than tab, line feed, form feed and carriage return: a sample with
#: many of them is binary. Kept as bytes, to be counted by ``bytes.translate`` in C.
_CONTROL_BYTES = bytes(sorted(frozenset(range(32)) - {9, 10, 12, 13}))
#: Bytes that carry no word: ASCII whitespace and control characters. Input made of these
#: alone is empty, not binary: nothing in it is text to convert.
BLANK_BYTES = re.compile(rb"[\x00-\x20\x7f]*")
#: Characters that carry no word once decoded: whitespace, C0 and C1 controls, the invisible
#: format characters (zero-width spaces and joiners, marks of direction, the word joiner, a
#: byte-order mark) and the non-characters.
INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2060-\u2064\ufeff\ufffe\uffff]*")
_EMPTY = "input is empty"
ONLY_INVISIBLE = f"{_EMPTY}: it holds only whitespace and control characters"
_SAMPLE = 65536


@dataclass(frozen=True)
class DecodedText:
    """Text ready for the line reader, with how it was read."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, *, max_bytes: int = MAX_INPUT_BYTES) -> DecodedText:
    """Decode OCR bytes, refusing what is not text; see the module docstring for the rules."""
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)"
        )
    if not data:
        raise InputError(_EMPTY)
    if BLANK_BYTES.fullmatch(data):  # stops at the first other byte: no copy of a large input
        raise InputError(_EMPTY if data.isspace() else ONLY_INVISIBLE)
    text, encoding, warnings = _to_str(data)
    if INVISIBLE.fullmatch(text):  # after decoding: C1 controls, zero-width spaces, a BOM
        raise InputError(ONLY_INVISIBLE)
    removed = len(FORBIDDEN.findall(text))
    if removed:
        text = FORBIDDEN.sub(" ", text)  # a space: the characters on either side stay apart
        warnings.append(f"removed {removed} control character(s) that XML forbids")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return DecodedText(text=text, encoding=encoding, warnings=warnings)


def _to_str(data: bytes) -> tuple[str, str, list[str]]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError as err:
                raise InputEncodingError(
                    f"input starts with a {codec} byte-order mark but is not {codec}: {err.reason}"
                ) from None
    if looks_binary(data):
        raise InputEncodingError("input looks like a binary file, not OCR text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as err:
        where = err.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputEncodingError(
            f"input is neither UTF-8 (bad byte at offset {where}) nor Windows-1252 text"
        ) from None
    return text, "cp1252", [f"input is not valid UTF-8 (bad byte at offset {where}); read as Windows-1252"]


def looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    # the control bytes are those deleting them takes away: one pass in C, not a Python
    # loop over up to 64 KB of every input
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > BINARY_CONTROL_SHARE * len(sample)

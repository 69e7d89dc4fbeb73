"""Bytes in, clean text out: each kind of bad input gets a clear refusal or a correct rescue."""

from __future__ import annotations

import codecs

import pytest

from memo_tei.errors import InputEncodingError, InputError, InputTooLargeError, MemoTeiError
from memo_tei.reading.decoding import decode


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", InputError, "empty"),
        (b"  \n\n\t ", InputError, "empty"),
        (bytes(range(256)) * 40, InputEncodingError, "binary"),
        (b"\x00\x01\x02\x03x" * 100, InputEncodingError, "binary"),
        (b"\x00\x01\x02\x03" * 100, InputError, "^input is empty: it holds only whitespace and control"),
        (b"\x00\x00\x00\n", InputError, "^input is empty: "),
        (b"\x1b\x1b \x07\t\x7f\r\n", InputError, "^input is empty: "),
        (codecs.BOM_UTF8 + b"\x00\x07\x08", InputError, "^input is empty: "),
        ("\u00a0\u200b\u2028\ufeff\x85 \n".encode(), InputError, "^input is empty: "),
        (codecs.BOM_UTF16_LE + " \t\n".encode("utf-16-le"), InputError, "^input is empty: "),
        (b"x" * 101, InputTooLargeError, "--max-bytes"),
    ],
    ids=["empty", "blank", "binary", "nul-run-in-text", "only-controls", "only-nuls", "terminal-escapes",
         "bom-then-controls", "invisible-unicode", "utf16-blank", "too-large"],
)
def test_refusals_say_what_is_wrong(data: bytes, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as caught:
        decode(data, max_bytes=100 if error is InputTooLargeError else 10**6)
    assert isinstance(caught.value, MemoTeiError)
    assert "\n" not in str(caught.value)


def test_cp1252_is_rescued_with_a_warning() -> None:
    result = decode(b"Caf\xe9 au lait \x93quoted\x94 \x96 dash")
    assert result.text == "Café au lait “quoted” – dash"
    assert result.encoding == "cp1252"
    assert any("Windows-1252" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + "SECRET ☐".encode(), "SECRET ☐"),
        (codecs.BOM_UTF16_LE + "SECRET ☒".encode("utf-16-le"), "SECRET ☒"),
        (codecs.BOM_UTF16_BE + "SECRET".encode("utf-16-be"), "SECRET"),
        (b"line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("Cafe\u0301".encode(), "Café"),  # NFD to NFC
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "nfd"],
)
def test_text_is_read_whatever_its_encoding(data: bytes, text: str) -> None:
    assert decode(data).text == text


def test_characters_xml_forbids_never_pass() -> None:
    result = decode("NUL\x00here and bell\x07 and escape\x1b and \ufffe nonchar\f".encode())
    assert result.text == "NUL here and bell  and escape  and   nonchar\f"
    assert any("control" in w for w in result.warnings)

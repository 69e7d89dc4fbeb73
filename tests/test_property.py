"""Any text at all yields valid, deterministic TEI that keeps its words."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from memo_tei.convert import convert_bytes
from memo_tei.errors import InputError

from .tei_helpers import text_of, words, xpath

# Lines that look like what OCR of declassified records holds, and noise around them.
_LINES = st.sampled_from([
    "~~SECRET~~", "TOP SECRET", "CONFIDENTIAL", "SECRET/NOFORN", "- 2 -", "## Page 2", "---",
    "DOCUMENT NO. 7", "NO CHANGE IN CLASS ☐", "☒ DECLASSIFIED", "SUBJECT: Things", "\\* note",
    "1. A numbered paragraph.*", "14 October 1954", "", "\f", "[Page 3]", "** bold ** _x_",
    "CENTRAL INTELLIGENCE AGENCY", "Page 1 of 2", "(C) Portion.", "25X1", "\\~~odd",
])
_TEXT = st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
@example("00\x80\x80_0\x08_")  # a control character inside what would read as _emphasis_
def test_any_text_gives_valid_deterministic_tei(tei_all, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        first = convert_bytes(data, name="any.txt")
    except InputError:
        return  # empty, binary-looking or not decodable: refused with a clear error
    assert convert_bytes(data, name="any.txt").tei == first.tei
    root = etree.fromstring(first.tei)
    assert tei_all.validate(root), tei_all.error_log.last_error
    kept = Counter(words(text_of(xpath(root, "//tei:text")[0])))
    source = "\n".join(line for line in text.replace("\f", "\n").split("\n"))
    wanted = Counter(words(_visible(source)))
    assert wanted - kept == Counter()


def _visible(text: str) -> str:
    """The words of the source as a reader sees them: page headings and the underscores
    of ``__bold__`` and ``_emphasis_`` are markup, not words; ``\\_`` is an underscore; a
    control character stands for a space."""
    import re

    # control characters XML forbids are read as a space (decode keeps their neighbours apart)
    text = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]", " ", text)
    text = re.sub(r"(?im)^\s*(?:#{1,6}\s*page\s+\d+\s*#*|\[\s*page\s+\d+\s*\])\s*$", "", text)
    text = re.sub(r"\\_", "\ue000", text)  # an escaped underscore is no markup
    text = re.sub(r"__(?=\S)([^\n]+?)(?<=\S)__", r"\1", text)  # __bold__
    text = re.sub(r"(?<![\w*])_(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])_(?![\w*])", r"\1", text)  # _emphasis_
    return text.replace("\ue000", "_")

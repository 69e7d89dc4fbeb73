"""The markdown OCR engines emit is interpreted, and no word is dropped."""

from __future__ import annotations

import pytest

from memo_tei.reading.lines import Segment, read_line, read_lines


@pytest.mark.parametrize(
    ("raw", "kind", "segments"),
    [
        ("~~SECRET~~", "text", [("SECRET", True)]),
        ("a ~~b~~ c", "text", [("a ", False), ("b", True), (" c", False)]),
        ("~~unclosed", "text", [("~~unclosed", False)]),
        ("particular.\\*", "text", [("particular.*", False)]),
        ("\\*\\* Acting Prime Minister", "text", [("** Acting Prime Minister", False)]),
        ("**SUBJECT:** the _real_ file_name", "text", [("SUBJECT: the real file_name", False)]),
        ("NO CHANGE IN CLASS ☐", "text", [("NO CHANGE IN CLASS ☐", False)]),
        ("### Heading words", "text", [("Heading words", False)]),
        ("## Page 3", "page_mark", []),
        ("[Page 12]", "page_mark", []),
        ("---", "rule", []),
        ("- - -", "rule", []),
        ("- 4 -", "text", [("- 4 -", False)]),
        ("   ", "blank", []),
    ],
)
def test_line_kinds_and_segments(raw: str, kind: str, segments: list[tuple[str, bool]]) -> None:
    line = read_line(1, raw)
    assert line.kind == kind
    assert [(s.text, s.struck) for s in line.segments] == segments


def test_page_marks_carry_their_number() -> None:
    assert read_line(1, "## Page 7").page_label == "7"
    assert read_line(1, "[Page 2]").page_label == "2"


def test_form_feed_is_a_page_mark_inside_a_line() -> None:
    lines = read_lines("end of one\fstart of two")
    assert [ln.kind for ln in lines] == ["text", "page_mark", "text"]
    assert lines[2].segments == (Segment("start of two"),)


def test_struck_means_all_visible_text_is_struck() -> None:
    assert read_line(1, "~~SECRET~~").struck
    assert not read_line(1, "~~SECRET~~ 2").struck

"""Footnotes numbered like superscripts at a page's foot (``1 We note that...``), and lines
numbered otherwise that are no notes: a list, a transcript's line numbers, a date."""

from __future__ import annotations

from pathlib import Path

from memo_tei.convert import convert_text

from .tei_helpers import parse, text_of, xpath

FIXTURES = Path(__file__).parent / "fixtures" / "footnotes"


def notes(name: str) -> list:
    doc = parse(convert_text((FIXTURES / name).read_text(encoding="utf-8")).tei)
    return xpath(doc, "//tei:note[@place='foot']")


def test_numbered_notes_at_the_foot_are_footnotes_with_their_lines() -> None:
    found = {n.get("n"): n for n in notes("numbered_notes.txt")}
    assert sorted(found) == ["3", "5"]
    assert text_of(found["5"]).startswith("To the extent that the Agency holds files")
    assert text_of(found["5"]).endswith("they are requested.")  # its second line is the note's too
    assert text_of(found["3"]).endswith("to be sent to the Board.")


def test_a_note_numbered_like_its_call_is_anchored_there() -> None:
    found = {n.get("n"): n for n in notes("numbered_notes.txt")}
    assert found["3"].get("anchored") is None  # ``apart.3`` calls it
    assert found["3"].getparent().tag.endswith("p")
    assert found["5"].get("anchored") == "false"  # OCR read its call ``5`` as ``?``


def test_the_next_item_of_a_numbered_list_is_no_note() -> None:
    assert notes("numbered_list.txt") == []


def test_a_transcripts_line_numbers_mark_no_notes() -> None:
    assert notes("transcript.txt") == []


def test_a_day_before_its_month_is_no_marker() -> None:
    assert notes("dated_line.txt") == []


def test_a_short_gloss_the_page_calls_is_a_footnote() -> None:
    found = notes("short_gloss.txt")
    assert "Second National Front of the Escambray." in [text_of(n) for n in found]


def test_a_short_starred_line_that_is_no_sentence_is_no_footnote() -> None:
    assert "House establish a permanent" not in [text_of(n) for n in notes("starred_items.txt")]


def test_a_cables_starred_form_words_are_no_notes_but_a_short_reference_is() -> None:
    """A star beside a cable's routing words (``* A/DCWHD/C``, ``* PLeASE AVAILABLE``) marks
    no note; ``* See Attachment D,`` below a called star is one."""
    found = [text_of(n) for n in notes("cable_form_stars.txt")]
    assert found == ["See Attachment D,"]

"""Shapes of OCR text on which memo-tei once wrote TEI that broke its own profile, one named
fixture each (tests/fixtures/profile/), and a sweep of the collection's samples (slow).

Each kind was found converting the JFK collection: a banner or page number that OCR ran
into a footnote's lines (``fw`` inside ``note``), a line that calls a note taken for a note
printed again (``note`` inside ``note``), a bare page number printed beside the page's banner
(``fw`` inside ``fw``, when a bare number's line became its page number whole), a page number
that reads 0 (``pb n="00"``). The fixtures are made-up text in the same shapes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from memo_tei.convert import convert_file
from memo_tei.errors import InputError, InvalidOutputError

from .conftest import FIXTURES
from .tei_helpers import page_of, text_of, words, xpath
from .test_property import _visible

SHAPES = FIXTURES / "profile"


def _convert(name: str) -> etree._Element:
    return etree.fromstring(convert_file(SHAPES / name).tei)


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.glob("*.txt")))
def test_each_shape_converts_within_the_profile_and_keeps_its_words(tei_all, name: str) -> None:
    root = _convert(name)  # the conversion checks the profile: a break raises
    assert tei_all.validate(root), tei_all.error_log.last_error
    assert not xpath(root, "//tei:note//tei:fw | //tei:fw//tei:fw")
    kept = Counter(words(text_of(xpath(root, "//tei:text")[0])))
    kept.update(words(" ".join(xpath(root, "//tei:text//tei:note/@n"))))  # a note's marker moves to @n
    assert Counter(words(_visible((SHAPES / name).read_text()))) - kept == Counter()


def _foot_banners(root: etree._Element) -> list[tuple[str, int]]:
    return [(text_of(fw), page_of(fw)) for fw in xpath(root, "//tei:fw[@type='classification']")
            if fw.get("place") != "top"]


def test_a_banner_under_a_footnote_is_the_pages_not_the_notes() -> None:
    root = _convert("banner-under-a-footnote.txt")
    assert [text_of(n) for n in xpath(root, "//tei:text//tei:note")] == [
        "See the annex for the courier's own account of his travel."]
    assert _foot_banners(root) == [("TOP SECRET", 1)]


def test_a_banner_under_an_unanchored_footnote_is_the_pages() -> None:
    root = _convert("unanchored-footnote-over-a-banner.txt")
    notes = xpath(root, "//tei:note[@anchored='false']")
    assert [text_of(n) for n in notes] == ["Routing of this copy was made by hand in the registry of the station."]
    assert _foot_banners(root) == [("SECRET", 1)]


@pytest.mark.parametrize(
    ("name", "note"),
    [("marker-alone-over-a-banner-line.txt", "RT 6100, ETB SECRET"),
     ("footnote-printed-again-with-a-banner-word.txt", "KOVACS's SECRET notes, 2 May 1961, re ANTON")],
    ids=["marker-alone", "printed-again"],
)
def test_a_level_word_inside_a_footnote_stays_its_text(name: str, note: str) -> None:
    root = _convert(name)
    assert text_of(xpath(root, "//tei:text//tei:note")[-1]) == note
    assert not xpath(root, "//tei:fw[@type='classification']")


def test_a_line_that_calls_a_note_is_text_even_where_it_reads_as_an_earlier_note() -> None:
    root = _convert("note-printed-again-calling-a-note.txt")
    notes = xpath(root, "//tei:text//tei:note")
    assert [(n.getparent().tag.rsplit("}", 1)[1], page_of(n)) for n in notes] == [("p", 1), ("p", 2)]
    assert text_of(notes[1]) == "Another note that the station wrote on this page of the list."


def test_a_number_beside_the_foot_banner_leaves_the_banner_whole() -> None:
    root = _convert("page-number-beside-banner.txt")
    assert _foot_banners(root) == [("SECRET", 1), ("SECRET", 2), ("SECRET", 3)]
    assert xpath(root, "//tei:pb/@n") == ["1", "2", "3"]


def test_a_page_number_that_reads_zero_numbers_no_page() -> None:
    root = _convert("page-numbered-zero.txt")
    assert [text_of(fw) for fw in xpath(root, "//tei:fw[@type='pageNum']")] == ["= 00"]
    assert xpath(root, "//tei:pb/@n") == ["1", "2"]


@pytest.mark.slow
def test_the_collections_samples_convert_within_the_profile(perf_corpus: Path, failures_corpus: Path,
                                                             tei_all) -> None:
    """Every file of the perf and failures samples converts (or is refused as empty), none
    breaks the profile, and every output is valid against tei_all."""
    from memo_tei.batch.inputs import iter_jobs

    broken, refused, invalid, converted = [], [], [], 0
    for job in iter_jobs([str(perf_corpus), str(failures_corpus)]):
        assert job.source is not None
        try:
            tei = convert_file(job.source).tei
        except InvalidOutputError as err:
            broken.append(f"{job.source}: {err}")
            continue
        except InputError as err:
            if not str(err).startswith("input is empty"):
                refused.append(f"{job.source}: {err}")
            continue
        converted += 1
        if not tei_all.validate(etree.fromstring(tei)):
            invalid.append(f"{job.source}: {tei_all.error_log.last_error}")
    assert (broken, refused, invalid) == ([], [], [])
    assert converted >= 1050

"""Printed page numbers: the shapes each kind of record prints, as OCR gives them, and the
lines that look like them but are none."""

from __future__ import annotations

from pathlib import Path

import pytest

from memo_tei.convert import convert_text

from .tei_helpers import parse, text_of, xpath


def page_numbers(text: str) -> list[str]:
    doc = parse(convert_text(text).tei)
    return [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='pageNum']")]


def on_a_page(line: str) -> str:
    return f"SECRET\n\nText of the record, which goes on for a while here.\n\n{line}\n"


@pytest.mark.parametrize(
    ("line", "number"),
    [
        # typed histories and FBI reports: a number between dashes, OCR-damaged
        ("~3- :", "~3- :"),
        ("-.285 -", "-.285 -"),
        ("- 293°-", "- 293°-"),
        ("- 73+ -", "- 73+ -"),
        ("~6- SECRET", "~6-"),
        ("-17-SECRET,", "-17-"),
        ("they feared it roa - 287 -", "- 287 -"),
        # FBI forms: PAGE n of m PAGE(s)
        ("PAGE___7 of __12_ PAGK(s)", "PAGE___7 of __12_ PAGK(s)"),
        ("Pace__11 of 12 PacE(s)", "Pace__11 of 12 PacE(s)"),
        ("PAGES of 1.2. PAGE(s)", "PAGES of 1.2. PAGE(s)"),
        ("PAGE 12 of PAGE(s)", "PAGE 12 of PAGE(s)"),
        ('!-;I "V vu PAGE 1 OF \u00a3 PAGg_', "PAGE 1 OF \u00a3 PAGg_"),
        # teletypes
        ("_ PAGE Two", "_ PAGE Two"),
        ("PAGE -2=", "PAGE -2="),
        # a letter's continuation header spells its number in title case, or OCR garbles it
        ("Page Two", "Page Two"),
        ("\u2018Page Five", "\u2018Page Five"),
        ("PaGE FOUR", "PaGE FOUR"),
        ("PAGE IWO", "PAGE IWO"),
        # FBI reports: an underscore for the left dash, a speck before it, a colon or dots in it
        ("_ 2 -", "_ 2 -"),
        ("_7-", "_7-"),
        (". -2-", ". -2-"),
        (": -3-", ": -3-"),
        ("- 4: -", "- 4: -"),
        ("- 6 ..", "- 6 .."),
        # the dashed number with a speck OCR read as a letter or two after it
        ("- 74- a", "- 74- a"),
        ("-2- r", "-2- r"),
        ("~6- ea", "~6- ea"),
        # CIA cable continuation headers
        ("PAGE 2 IN 7457", "PAGE 2"),
        ("PAGE 2 WH/MIAMI 11170 SECRET", "PAGE 2"),
        ("fee VR ADP, CA 2, CA/PEG, RANT PAGE 2 IN 7457", "PAGE 2"),
        ("\u2018TDCS : PAGE 2", "PAGE 2"),
    ],
)
def test_page_number_shapes(line: str, number: str) -> None:
    assert page_numbers(on_a_page(line)) == [number]


@pytest.mark.parametrize(
    "line",
    [
        "-2 - Miami (105-2855)",  # an FBI distribution list
        "~ 2 = Chief, SE, w/o/atts.",
        "-15 - 10 - 2030",
        "SEE NOTE PAGE 2",  # references to another page
        "SECTION IX CUNTINUED TU PAGE 6",
        "THE WITNESS SAID HIS PAGE 3",
        "AGENCY FILE NUMBER : AC555469W - PAGE 6",
        "as stated on page 5 of",
        "Page Two of the report",
        "_2.",  # a footnote's number
        "- 6 .. and more",
    ],
)
def test_lines_that_are_no_page_numbers(line: str) -> None:
    assert page_numbers(on_a_page(line)) == []


FIXTURES = Path(__file__).parent / "fixtures" / "page_numbers"


@pytest.mark.parametrize(
    ("fixture", "numbers", "pb"),
    [
        # an excerpt that starts at page 284 of a longer history; the bare 286 follows in step
        ("history-excerpt-from-page-285.md", ["- 284 -", "-.285 -", "286"], ["284", "285", "286"]),
        # a file holding two memoranda, each numbered from 1 and printing no number on its first page
        ("two-memoranda-numbered-from-one.md", ["2", "3", "2", "3"], ["1", "2", "3", "4", "5", "6"]),
        # a letter's continuation header numbers its page; an archive's footer does not, even
        # when OCR cut its DocId from it
        ("letter-continuation-headers.md", ["Page 2", "Page 3"], ["1", "2", "3"]),
        # a cable printout's PAGE: and a dispatch's PAGE NO. read apart from their numbers;
        # never an archive's footer split after Page
        ("label-and-number-on-two-lines.md", ["PAGE: 1", "PAGE: 2", "PAGE NO. 2."], ["1", "2", "3", "4"]),
        # a table of contents heads its column of page numbers PAGE; a list of notes by number
        ("table-of-contents-page-column.md", [], ["1", "2", "3"]),
        # a weekly review prints Page 2 at its foot beside its banner, never an archive footer's Page 4
        # read before its DocId; a letter's header in lower case
        ("weekly-review-page-under-its-banner.md", ["Page 2", "Page 3", "page 4"], ["1", "2", "3", "4"]),
        # a CIA outgoing message form's page box, read one word a line
        ("message-form-page-box.md", ["PAGE 2 OF PAGES 3", "PAGE 04 PAGES 3"], ["1", "2", "04"]),
        # the same page box with the PAGE above its number lost; never a list that ends in of / Pages
        ("message-form-page-box-page-word-lost.md", ["3 oF PAGES. 3"], ["1", "2", "3"]),
        # a NARA identification form's header: its Page label beside Date, its 1 below the date;
        # never a Date and a Page in running text
        ("identification-form-header.md", ["Page 1"], ["1", "2"]),
        # an FBI report's lettered cover pages, the letter just above COVER PAGE; a bare B
        # elsewhere is a list's
        ("fbi-report-cover-pages.md", ["- 7 -", "- B -", "B"], ["1", "2", "3", "4"]),
        # a number OCR speckled (4 es) joins the sequence of clean numbers about it; a date's
        # day in step with it (6 Dec) does not
        ("speckled-number-in-a-sequence.md", ["2", "3", "4 es", "5"], ["1", "2", "3", "4", "5", "6"]),
        # two clean numbers two pages apart (not their pages' positions) and a speckled one
        # between them in step: a sequence of three; a speckled number out of step (e 2) joins none
        ("speckled-number-completes-a-sequence.md", ["12", "• '13", "14"], ["1", "2", "3", "4", "5"]),
        # a page label OCR misread (lage 3, PACZ. 4) joins the sequence its clean label starts;
        # never out of step (Sage 9), never an archive's footer read apart from its DocId
        ("misread-page-labels.md", ["Page 2", "lage 3", "PACZ. 4"], ["1", "2", "3", "4", "5", "6"]),
        # an attachment's page and its count of pages, the word Page never printed; never a
        # number greater than the count
        ("dispatch-attachment-n-of-m.md", ["1 of 2", "2 of 2"], ["1", "2", "3"]),
        # two stray digits a few pages apart fall in step by chance: no sequence
        ("stray-digits-a-few-pages-apart.md", [], ["1", "2", "3", "4", "5"]),
    ],
)
def test_a_sequence_of_numbers_at_the_page_edges(fixture: str, numbers: list[str], pb: list[str]) -> None:
    doc = parse(convert_text((FIXTURES / fixture).read_text(encoding="utf-8")).tei)
    assert [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='pageNum']")] == numbers
    assert xpath(doc, "//tei:pb/@n") == pb


def test_a_page_number_on_the_line_after_a_paragraph_is_its_own_block() -> None:
    doc = parse(convert_text((FIXTURES / "two-memoranda-numbered-from-one.md").read_text(encoding="utf-8")).tei)
    page_2 = xpath(doc, "//tei:fw[@type='pageNum']")[0]
    assert page_2.get("place") == "bottom"
    assert [text_of(p) for p in xpath(doc, "//tei:p[contains(., 'Registry')]")] == [
        "Distribution: Orig & 1 - Addressee 1 - Registry"]


def test_a_label_holding_its_number_keeps_apart_from_the_number_below() -> None:
    """Only a label alone (``Page``) takes the number below it: a teletype's ``PAGE THREE``
    and the ``- 3 -`` at the foot of the same page are two page numbers."""
    text = "SECRET\n\nPAGE THREE\n\nThe text of the page, which goes on for a while here.\n\n- 3 -\n"
    assert page_numbers(text) == ["PAGE THREE", "- 3 -"]


def test_a_banner_and_its_page_number_on_one_foot_line_are_both_tagged() -> None:
    pages = [f"SECRET\n\n{n}. The station reported on the case in full.\n\nSECRET {n + 1}\n" for n in range(1, 4)]
    doc = parse(convert_text("\f".join(pages)).tei)
    assert [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='pageNum']")] == ["2", "3", "4"]
    banners = [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='classification']")]
    assert banners.count("SECRET") == 6


def test_a_level_and_a_number_inside_a_sentence_are_no_page_number() -> None:
    assert page_numbers(on_a_page("The file was marked SECRET 2 times by the registry.")) == []

"""Recognition on small named texts, one defect or feature each."""

from __future__ import annotations

import pytest

from memo_tei.convert import convert_text

from .tei_helpers import page_of, parse, text_of, xpath


def tei(text: str):
    return parse(convert_text(text).tei)


def test_banners_frame_pages_when_the_text_has_no_page_marks() -> None:
    doc = tei("SECRET\n\nFirst page text.\n\nSECRET\n\nSECRET\n\nSecond page text.\n\nSECRET\n")
    assert len(xpath(doc, "//tei:pb")) == 2
    places = [(fw.get("place"), page_of(fw)) for fw in xpath(doc, "//tei:fw[@type='classification']")]
    assert places == [("top", 1), ("bottom", 1), ("top", 2), ("bottom", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "## Page 1\n\nOne.\n\n---\n\n## Page 2\n\nTwo.\n\n---\n\n## Page 3\n\nThree.",
        "[Page 1]\nOne.\n[Page 2]\nTwo.\n[Page 3]\nThree.",
        "One.\fTwo.\fThree.",
        "# 104-10063-10177\n\n## Page 1\n\nOne.\n\n## Page 2\n\nTwo.\n\n## Page 3\n\nThree.",
    ],
    ids=["page-headings", "bracket-marks", "form-feeds", "file-heading-before-page-1"],
)
def test_page_marks_decide_pages(text: str) -> None:
    assert len(xpath(tei(text), "//tei:pb")) == 3


@pytest.mark.parametrize(
    ("line", "level"),
    [("SECRET", "S"), ("TOP SECRET", "TS"), ("~~CONFIDENTIAL~~", "C"), ("SECRET/NOFORN", "S"),
     ("UNCLASSIFIED", "U"), ("RESTRICTED", "R"), ("TOP SECRET EYES ONLY", "TS")],
)
def test_banner_levels(line: str, level: str) -> None:
    fws = xpath(tei(f"{line}\n\nSome text of the memo.\n"), "//tei:fw[@type='classification']")
    assert [fw.get("ana") for fw in fws] == [f"#cls-{level}"]


@pytest.mark.parametrize(
    "text",
    ["The Secretary of State met the Secret Service.", "Secretary", "SECRET 2 and more words here",
     "CLASS. CHANGED TO: TS S C"],
)
def test_no_false_alarm_in_running_text(text: str) -> None:
    assert not xpath(tei(f"Opening line.\n\n{text}\n"), "//tei:fw[@type='classification']")


def test_struck_banner_keeps_its_strike() -> None:
    fw = xpath(tei("~~SECRET~~\n\nText.\n"), "//tei:fw[@type='classification']")[0]
    assert [d.text for d in xpath(fw, "tei:del[@rend='strikethrough']")] == ["SECRET"]


def test_stamp_lines_across_blank_lines_are_one_stamp() -> None:
    doc = tei("Text of the memo.\n\nDOCUMENT NO. 26\n\nNO CHANGE IN CLASS ☐\n\n☒ DECLASSIFIED\n\n"
              "CLASS. CHANGED TO: TS S C\n")
    stamps = xpath(doc, "//tei:fw[@type='stamp']/tei:stamp[@type='declassification']")
    assert len(stamps) == 1
    assert len(xpath(stamps[0], "tei:lb")) == 3
    assert "☐" in text_of(stamps[0]) and "☒" in text_of(stamps[0])


def test_footnote_goes_to_its_marker() -> None:
    doc = tei("1. A claim of note.* More text.\n\n2. Another.\n\n* The footnote body.\n")
    note = xpath(doc, "//tei:note[@place='foot']")[0]
    assert note.get("n") == "*" and note.get("anchored") is None
    assert text_of(note) == "The footnote body."
    assert note.getparent().get("n") == "1"
    assert note.getprevious() is None and note.getparent().text.endswith("note.*")


def test_double_marker_is_not_taken_for_single() -> None:
    doc = tei("Text one.** Text two.*\n\n* Single.\n\n** Double.\n")
    notes = {n.get("n"): n for n in xpath(doc, "//tei:note")}
    assert notes["**"].getparent().text == "Text one.**"
    assert notes["**"].tail == " Text two.*" and notes["**"].getnext() is notes["*"]


def test_footnote_without_marker_after_a_rule_is_unanchored() -> None:
    doc = tei("Text with no marker.\n\n---\n\n* A note that nobody calls.\n")
    note = xpath(doc, "//tei:note[@place='foot']")[0]
    assert note.get("anchored") == "false"


def test_a_marker_calls_one_note_per_page() -> None:
    # two bodies with the same marker on one page: the first is called, the second is not
    doc = tei("One claim.* Another claim.*\n\n* The first note on the page.\n\n* The second note with the same mark.\n")
    notes = xpath(doc, "//tei:note[@place='foot']")
    assert [n.get("anchored") for n in notes] == [None, "false"]
    assert text_of(notes[0]) == "The first note on the page."


def test_a_bullet_is_not_a_footnote() -> None:
    assert not xpath(tei("Items:\n\n* first item\n"), "//tei:note[@place='foot']")


NOTE_PAGE = "Apart from the question of its real impact on the base.*\n\n{note}\n\n- 282 -\n"


@pytest.mark.parametrize("note", [
    # OCR set a blank line inside the note: a body that stops mid-sentence goes on to the foot
    "* Under a 1971 agreement the US relinquished its claim\n\n"
    "to sovereignty but retained the right\nto operate a weather station.",
    "* Report of the President's Commission on the\n\n"
    "Assassination of President Kennedy, US Gov-\nernment Printing Office, 1964.",
])
def test_a_note_broken_by_a_blank_line_runs_to_the_page_foot(note: str) -> None:
    doc = tei(NOTE_PAGE.format(note=note))
    [body] = xpath(doc, "//tei:note[@place='foot']")
    assert text_of(body) == " ".join(note.lstrip("* ").split())
    assert len(xpath(doc, "//tei:body/tei:p")) == 1  # the text above the note, nothing else


def test_a_note_takes_the_lower_case_rest_of_its_sentence_even_with_text_below() -> None:
    doc = tei("The followers were told to attack.*\n\n* Followers authorized to attack any of the other men\n\n"
              "on high seas.\n\n2. The next paragraph of the memorandum goes on here.\n")
    [note] = xpath(doc, "//tei:note[@place='foot']")
    assert text_of(note) == "Followers authorized to attack any of the other men on high seas."


@pytest.mark.parametrize("after", [
    "It was signed in Washington.\n\n2. The next paragraph of the memorandum goes on here.",  # text, not the foot
    "The total was 384 days ($135,000)*",  # a call of a note: text, whatever note follows
])
def test_a_note_does_not_take_in_what_is_not_its_rest(after: str) -> None:
    doc = tei(NOTE_PAGE.format(note=f"* Under a 1971 agreement the US relinquished its claim to the\n\n{after}"))
    note = xpath(doc, "//tei:note[@place='foot']")[0]
    assert text_of(note) == "Under a 1971 agreement the US relinquished its claim to the"


def test_a_starred_line_with_text_below_and_no_star_on_its_page_is_a_list_item() -> None:
    doc = tei("Search the files holding information on:\n\n* Debriefings of defectors in which any reference\n"
              "to the case occurs\n\n5. Search terms and time periods. These new searches follow.\n")
    assert not xpath(doc, "//tei:note[@place='foot']")


def test_a_table_note_read_before_its_starred_items_is_a_footnote() -> None:
    # OCR read the table's note before the rows it explains (``4. * Caribbean Admission Center``)
    doc = tei("* Items marked by asterisk were approved by the Special Group, 5 March 1962.\n\n"
              "CONSIDERATIONS\n\n4. * Caribbean Admission Center, to collect intelligence.\n")
    notes = xpath(doc, "//tei:note[@place='foot']")
    assert [text_of(n) for n in notes] == ["Items marked by asterisk were approved by the Special Group, 5 March 1962."]


def test_paragraph_running_over_a_page_break_stays_one_p() -> None:
    doc = tei("SECRET\n\n1. The text breaks off in the\n\nSECRET\n\n"
              "SECRET\n\nmiddle of a sentence.\n\n2. Next.\n\nSECRET\n")
    first = xpath(doc, "//tei:p[@n='1']")[0]
    assert xpath(first, "tei:pb") and len(xpath(first, "tei:fw[@type='classification']")) == 2
    assert text_of(first).endswith("in the SECRET SECRET middle of a sentence.")


def test_paragraph_ending_a_sentence_is_not_joined() -> None:
    doc = tei("SECRET\n\n1. A whole sentence.\n\nSECRET\n\nSECRET\n\nlower-case start.\n\nSECRET\n")
    assert not xpath(doc, "//tei:p[tei:pb]")


def test_numbered_paragraphs_get_their_number() -> None:
    doc = tei("1. One.\n\n2. Two.\n\n10. Ten.\n")
    assert [p.get("n") for p in xpath(doc, "//tei:body/tei:p")] == ["1", "2", "10"]


def test_page_number_and_its_pb() -> None:
    doc = tei("SECRET\n\nText.\n\n- 4 -\n\nSECRET\n")
    fw = xpath(doc, "//tei:fw[@type='pageNum']")[0]
    assert text_of(fw) == "- 4 -" and fw.get("place") == "bottom"
    assert xpath(doc, "//tei:pb/@n") == ["4"]


@pytest.mark.parametrize(
    ("line", "number"),
    [("SOURCES AND METHODS INVOLVED PAGE 2 OF 5 PAGES", "PAGE 2 OF 5 PAGES"),
     ("SOURCES AND METHODS INVOLVED PAGE 2 OF 5-PAGES\u201d - - : i", "PAGE 2 OF 5-PAGES\u201d - - : i"),
     ("GROUP 1 PAGE 6 of 12 PAGE(s)", "PAGE 6 of 12 PAGE(s)")],
)
def test_a_forms_page_of_pages_is_found_to_the_end_of_its_line(line: str, number: str) -> None:
    doc = tei(f"SECRET\n\nText of the record.\n\n{line}\n")
    assert [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='pageNum']")] == [number]


def test_user_rules_extend_recognition(tmp_path) -> None:
    from memo_tei.convert import convert_bytes
    from memo_tei.recognition.rules import load_rules

    rules_file = tmp_path / "ours.toml"
    rules_file.write_text(
        '[[stamp]]\nname = "our-archive"\ntype = "release"\npattern = \'RELEASED BY OUR ARCHIVE\'\n'
    )
    text = b"Some text.\n\nRELEASED BY OUR ARCHIVE 2024\n"
    doc = parse(convert_bytes(text, name="x.txt", rules=load_rules(rules_file)).tei)
    assert [s.get("type") for s in xpath(doc, "//tei:stamp")] == ["release"]
    assert not xpath(parse(convert_bytes(text, name="x.txt").tei), "//tei:stamp")


@pytest.mark.parametrize(
    ("content", "message"),
    [("[[stamp]]\npattern = 'X'\n", "stamp.0.type"), ("not toml [", "not TOML"),
     ("[[level]]\ncode = 'S'\npattern = '('\n", "bad pattern"), ("[[colour]]\npattern='x'\n", "colour")],
)
def test_bad_rules_file_is_refused_clearly(tmp_path, content: str, message: str) -> None:
    from memo_tei.errors import RulesError
    from memo_tei.recognition.rules import load_rules

    path = tmp_path / f"bad{abs(hash(content))}.toml"
    path.write_text(content)
    with pytest.raises(RulesError, match=message):
        load_rules(path)


def test_a_routing_slip_listing_every_level_has_no_banner() -> None:
    doc = tei("SENDER WILL CHECK CLASSIFICATION TOP AND BOTTOM\n\nUNCLASSIFIED\n\nCONFIDENTIAL\n\nSECRET\n\n"
              "OFFICIAL ROUTING SLIP\n")
    assert not xpath(doc, "//tei:fw[@type='classification']")


def test_a_form_field_value_is_not_a_banner() -> None:
    doc = tei("## Page 1\n\nCLASSIFICATION :\n\nSecret\n\nCLASSIFICATION: UNCLASSIFIED\n\nText of the record.\n")
    assert not xpath(doc, "//tei:fw[@type='classification']")


@pytest.mark.parametrize(
    ("line", "level"),
    [("SEGRET", "S"), ("CONENDENTIAL", "C"), ("C-O-N-F-I-D-E-N-T-I-A-L", "C"), ("SECR ET", "S"),
     ("TOP SECRET-NOFORN", "TS"), ("sete cic Ue tet SECRET a)", "S")],
)
def test_garbled_banners_are_found(line: str, level: str) -> None:
    fws = xpath(tei(f"Some text of the memo.\n\n{line}\n"), "//tei:fw[@type='classification']")
    assert [fw.get("ana") for fw in fws] == [f"#cls-{level}"]


@pytest.mark.parametrize(("line", "level"), [("TOP SECRET-NOFONN", "TS"), ("SECREI-NOFORNI", "S"),
                                            ("IOP SECRET /SENSITIVE Attachments", "TS")])
def test_a_level_joined_to_a_garbled_caveat_is_a_banner(line: str, level: str) -> None:
    fws = xpath(tei(f"Some text of the memo.\n\n{line}\n"), "//tei:fw[@type='classification']")
    assert [(fw.get("ana"), text_of(fw)) for fw in fws] == [(f"#cls-{level}", line)]


def test_a_banner_and_the_page_number_after_it_on_one_line() -> None:
    doc = tei("Some text of the memo.\n\nTOP SECRET/SENSITIVE Attachments -2-\n")
    assert [(fw.get("type"), text_of(fw)) for fw in xpath(doc, "//tei:fw")] == [
        ("classification", "TOP SECRET/SENSITIVE Attachments"), ("pageNum", "-2-")]


def test_a_telegram_reproduction_notice_names_no_level() -> None:
    notice = "REPRODUCTION FROM THIS COPY IS PROHIBITED UNLESS \u201cUNCLASSIFIED\u201d"
    assert not xpath(tei(f"Text of the telegram.\n\n{notice}\n"), "//tei:fw")
    # OCR ran the page's banner into the notice beside it: the banner is found, the notice's level is not
    fws = xpath(tei("Text of the telegram.\n\nTOP SECRET PROHIBITED UNLESS \u201cUNCLASSIFIED\u201d\n"), "//tei:fw")
    assert [(fw.get("ana"), text_of(fw)) for fw in fws] == [("#cls-TS", "TOP SECRET")]


def test_hyphenated_words_of_prose_are_no_banner() -> None:
    assert not xpath(tei("A well-known author wrote a long-winded note.\n"), "//tei:fw")


@pytest.mark.parametrize(
    "lines",
    [["CIA HAS NO OGJECTION TO", "DECLASSIFICATION AND/OR", "RELEASE OF CIA INFORMATION", "IN THIS DOCUMENT"],
     ["ALL FBI INFORMATION CONTAINED", "HEREIN IS. UNCLASSIFIED", "DATE 1-18-95 BY 5668 SD/SADN"],
     ["DECLASSIEICATION AUTECEITY DERIVED ERDU:", "FBI AUTOVATIC DECLASSIZICATION CUIDE", "DATE 03-17-2023"]],
)
def test_garbled_stamp_formulas_are_one_stamp(lines: list[str]) -> None:
    doc = tei("Text of the record.\n\n" + "\n\n".join(lines) + "\n\nMore text of the record here.\n")
    stamps = xpath(doc, "//tei:stamp")
    assert len(stamps) == 1 and stamps[0].get("type") == "declassification"
    assert len(xpath(stamps[0], "tei:lb")) == len(lines) - 1


@pytest.mark.parametrize("line", ["DECLASSIFIED BY 5. 668 SUO/KSR", "'DECLASSIFIED BY 566852Dm"])
def test_a_short_formula_starts_a_stamp_at_the_head_of_a_line(line: str) -> None:
    stamps = xpath(tei(f"Text of the report.\n\n{line}\n\nMore text.\n"), "//tei:stamp")
    assert [(s.get("type"), text_of(s)) for s in stamps] == [("declassification", line)]


def test_a_short_formula_in_running_text_is_no_stamp() -> None:
    doc = tei("Text of the report.\n\nThe file was DECLASSIFIED BY 5668 in the end, we hear.\n")
    assert not xpath(doc, "//tei:stamp")


@pytest.mark.parametrize("line", [
    # prose that uses words of a formula (the State Department's, the 2025 executive order's)
    "The press statement released by the Navy today",
    "Secretary to Mr. John Marshall, Executive Vice President",
    "Specifically, would it be possible to release the documents",
    # words of the FBI's review block on a committee payroll form, and an older authority line
    "PAYROLL AUTHORIZATION FORM",
    "GROUP 1 EXCLUDED FROM AUTOMATIC",
])
def test_words_of_a_formula_outside_a_stamp_are_no_stamp(line: str) -> None:
    assert not xpath(tei(f"Text of the report.\n\n{line}\n\nMore text of the report.\n"), "//tei:stamp")


@pytest.mark.parametrize("line", [
    "The Department of State has no objection to the release or declassification of this document in full",
    "Released pursuant to Executive Order 14176, DECLASS. OF RECORDS CONC. THE ASSASSINATIONS OF PRES. JFK",
])
def test_a_formula_in_mixed_case_is_a_stamp(line: str) -> None:
    stamps = xpath(tei(f"Text of the report.\n\n{line}\n\nMore text of the report.\n"), "//tei:stamp")
    assert [text_of(s) for s in stamps] == [line]


def test_the_last_line_of_the_cia_review_stamp_alone_is_a_stamp() -> None:
    doc = tei("Text of the report.\n\nIN THIS DOCUMENT. EXCEPT FOR BRAC/ZS\n\nMore text of the report.\n")
    assert [s.get("type") for s in xpath(doc, "//tei:stamp")] == ["declassification"]


def test_a_banner_damaged_at_a_page_edge_is_read_in_a_framed_document() -> None:
    pages = ["SECRET\n\nThe memorandum opens here and goes on.\n\nSECRET",
             "STORET\n\nThe memorandum goes on with more text.\n\nSECR",
             "SECTION\n\nThe memorandum ends here with a last line.\n\nSECRET"]
    doc = tei("".join(f"## Page {k}\n\n{body}\n\n" for k, body in enumerate(pages, start=1)))
    banners = [(page_of(fw), fw.get("ana"), text_of(fw)) for fw in xpath(doc, "//tei:fw[@type='classification']")]
    assert banners == [(1, "#cls-S", "SECRET"), (1, "#cls-S", "SECRET"), (2, "#cls-S", "STORET"),
                       (2, "#cls-S", "SECR"), (3, "#cls-S", "SECRET")]


def test_a_damaged_level_word_alone_is_no_banner_where_no_page_carries_one() -> None:
    assert not xpath(tei("The memorandum opens here.\n\nSTORET\n\nAnd goes on.\n"), "//tei:fw")


def _scan(pages: list[str]) -> str:
    return "".join(f"## Page {k}\n\n{body}\n\n" for k, body in enumerate(pages, start=1))


def test_bare_numbers_heading_pages_are_page_numbers() -> None:
    doc = tei(_scan(["The first page of the report.", "2\n\nThe second page.", "3\n\nThe third page."]))
    assert [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='pageNum']")] == ["2", "3"]
    assert xpath(doc, "//tei:pb/@n") == ["1", "2", "3"]


@pytest.mark.parametrize(
    "pages",
    [["Page one.", "2\n\nThe second page.", "Page three."],  # one page alone proves nothing
     ["Page one.", "1\n\n2\n\n3\n\nA transcript.", "1\n\n2\n\n3\n\nMore of it."],  # line numbers
     ["Page one.", "Text.\n\nDocId: 322 Page\n\n2", "Text.\n\nDocId: 322 Page\n\n3"]],  # a split footer
    ids=["one-page", "line-numbers", "split-footer"],
)
def test_bare_numbers_that_are_no_page_numbers(pages: list[str]) -> None:
    assert not xpath(tei(_scan(pages)), "//tei:fw[@type='pageNum']")


def test_a_wrapped_jfk_release_line_is_one_stamp() -> None:
    lines = ["Released under the John F. Kennedy", "Ascassination Records Collection Act of",
             "1992 (44 USC 2107 Note). Case#:NW", "53244 Date: 06-12-2017"]
    doc = tei("TITLE:\n\n" + "\n\n".join(lines) + "\n\nText of the record, which goes on at length here.\n")
    stamps = xpath(doc, "//tei:stamp")
    assert [(s.get("type"), len(xpath(s, "tei:lb"))) for s in stamps] == [("release", 3)]


def test_the_fbi_automatic_declassification_block_and_its_unclassified_stamp_are_two() -> None:
    # FBI records released in 2023 carry both stamps, one above the other, OCR'd a line at a time
    doc = tei("Text of the memo.\n\nDECLASSIFICATION AUTHORITY DERIVED FROM:\nFBI AUTOMATIC DECLASSIFICATION GUIDE\n"
              "DATE 05-17-2023\n\nALL INFORMATION CONTAINED\n\nHEREIN IS UNCLASSIFIED\n\nEXCEPT WHERE SHOWN\n\n"
              "OTHERWISE\n\nMore text of the memo.\n")
    stamps = [text_of(s) for s in xpath(doc, "//tei:fw[@type='stamp']/tei:stamp")]
    assert stamps == [
        "DECLASSIFICATION AUTHORITY DERIVED FROM: FBI AUTOMATIC DECLASSIFICATION GUIDE DATE 05-17-2023",
        "ALL INFORMATION CONTAINED HEREIN IS UNCLASSIFIED EXCEPT WHERE SHOWN OTHERWISE",
    ]


def test_a_release_banner_of_its_own_is_not_joined_to_the_stamp_above() -> None:
    banner = "UNCLASSIFIED U.S. Department of State Case No. F-2017-13804 Doc No. C06685763 Date: 05/04/2021"
    doc = tei(f"The schedule of the day, with its meetings.\n\nRELEASE IN FULL\n\n{banner}\n")
    assert [text_of(s) for s in xpath(doc, "//tei:stamp")] == ["RELEASE IN FULL", banner]


def test_a_letter_spaced_level_in_a_state_telegram_line() -> None:
    banner = "UNCLASSIFIED U.S. Department of State Case No. F-2017-13804 Doc No. C06697823 Date: 08/26/2019"
    doc = tei(f"{banner}\n\nIS BEING REPEATED FOR YOUR INFO. QUOTE: S E C R E T STATE 099063\n\nText.\n")
    marks = [(fw.get("ana"), text_of(fw)) for fw in xpath(doc, "//tei:fw[@type='classification']")]
    assert marks == [("#cls-S", "S E C R E T STATE 099063")]

"""Document facts read from the name an archive gave the file: record numbers, and the
agency a record number names when the text names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from memo_tei.convert import convert_bytes
from memo_tei.recognition.forms import read_form
from memo_tei.recognition.rules import load_rules
from memo_tei.recognition.title_sources import subject_above_date_distr

from .tei_helpers import parse, text_of, xpath

MEMO = b"SECRET\n\nA memo about things, with no letterhead and no form.\n\nSECRET\n"


def _facts(name: str, data: bytes = MEMO) -> tuple[list[str], list[tuple[str, str]]]:
    doc = parse(convert_bytes(data, name=name).tei)
    authors = [text_of(a) for a in xpath(doc, "//tei:titleStmt/tei:author")]
    ids = [(i.get("type"), text_of(i)) for i in xpath(doc, "//tei:sourceDesc//tei:idno")]
    return authors, ids


@pytest.mark.parametrize(
    ("name", "authors", "ids"),
    [("104-10063-10177.md", ["Central Intelligence Agency"], [("record", "104-10063-10177")]),
     # the FBI's JFK files hold papers of other agencies: the number names no originator
     ("124-10204-10297.md", [], [("record", "124-10204-10297")]),
     ("(1) ORGANIZATION OF CIA RDP80B01676R003100290016-2_djvu.txt", ["Central Intelligence Agency"],
      [("crest", "CIA-RDP80B01676R003100290016-2")]),
     ("docid-32301562.md", [], []),
     ("104-10063-10177-notes.md", [], [])],  # not a record number: more follows it
)
def test_record_numbers_in_file_names(name: str, authors: list[str], ids: list[tuple[str, str]]) -> None:
    assert _facts(name) == (authors, ids)


def test_the_text_names_the_originator_before_the_record_number_does() -> None:
    cable = b"SECRET\n\nFM AMEMBASSY SAIGON\n\nText of the cable.\n\nSECRET\n"
    authors, _ = _facts("104-10063-10177.md", cable)
    assert authors == ["American Embassy Saigon"]


def _title(data: bytes, name: str = "x.txt") -> str:
    return text_of(xpath(parse(convert_bytes(data, name=name).tei), "//tei:titleStmt/tei:title")[0])


def test_a_routing_sheets_prompt_is_no_title() -> None:
    sheet = b"ROUTING AND RECORD SHEET\n\nSUBJECT: (Optional)\n\nFROM:\n\nC/EUR/Personnel\n\n"
    memo = b"MEMORANDUM FOR THE RECORD\n\nSUBJECT : Financial Commitments to the Defector\n\n1. Text of the memo.\n"
    assert _title(sheet + memo) == "Financial Commitments to the Defector"


def test_a_garbled_subject_label_still_gives_the_title() -> None:
    form = b"ROUTING AND RECORD SHEET\n\nSUBLECT: (Optional)\nOfficial Cover for Mr. Thomas\nFROM:\n\nText.\n"
    assert _title(form) == "Official Cover for Mr. Thomas"


def test_a_review_date_is_not_the_documents_date() -> None:
    form = (b"JFK ASSASSINATION SYSTEM\nIDENTIFICATION FORM\nAGENCY : NSA\nTITLE:\nA CABLE\n"
            b"DATE : by panenee\nPAGES\nDOCUMENT TYPE : CABLES\nDATE OF LAST REVIEW : 07/01/97\n\nText.\n")
    doc = parse(convert_bytes(form, name="x.txt").tei)
    assert not xpath(doc, "//tei:sourceDesc//tei:date[@when]")


FORMS = Path(__file__).parent / "fixtures" / "forms"


def _header(fixture: str) -> dict[str, object]:
    doc = parse(convert_bytes((FORMS / fixture).read_bytes(), name=fixture).tei)
    return {
        "title": text_of(xpath(doc, "//tei:titleStmt/tei:title")[0]),
        "authors": [text_of(a) for a in xpath(doc, "//tei:titleStmt/tei:author")],
        "date": [d.get("when") for d in xpath(doc, "//tei:profileDesc/tei:creation/tei:date")],
        "ids": [text_of(i) for i in xpath(doc, "//tei:sourceDesc//tei:idno")],
    }


def test_an_identification_form_with_labels_without_colons_gives_its_title_in_order() -> None:
    header = _header("id-form-labels-without-colons.txt")
    assert header["title"] == "CABLE RE VISA REQUEST OF A STUDENT WHO CLAIMS TO KNOW THE SUBJECT."
    assert header["authors"] == ["Central Intelligence Agency"]
    assert header["date"] == ["1964-02-11"]


def test_a_column_of_values_pairs_only_the_values_of_their_own_shape() -> None:
    """The form's own print date (5/7/2015) and the empty TITLE are no facts of the record."""
    header = _header("id-form-value-column.txt")
    assert header["date"] == ["1961-09-03"]
    assert header["authors"] == ["Federal Bureau of Investigation"]
    assert "92-1234-56" in header["ids"]
    assert "TEXTUAL" not in header["title"] and "ASSOC" not in header["title"]


def test_a_document_type_is_no_title() -> None:
    assert "TEXTUAL" not in _header("id-form-document-type.txt")["title"]


@pytest.mark.parametrize("heading", [b"RETURN TO CIA", b"CLASSIFIED MESSAGE", b"CENTRAL INTELLIGENCE AGENCY",
                                     b"ABSIFIED MESSAGE", b"EYES ONLY"])
def test_a_caveat_a_cable_forms_name_or_a_letterhead_is_no_title(heading: bytes) -> None:
    assert _title(heading + b"\n\nthe text of a cable, in lower case.\n") == "[Untitled record: x.txt]"


def test_an_access_note_is_no_title() -> None:
    form = b"AGENCY: FBI\nRECORD NUMBER: 124-10999-10004\nTITLE:\n[Restricted]\nDATE: 05/05/1961\n\nText.\n"
    assert "Restricted" not in _title(form)


def test_the_forms_title_goes_before_a_subject_that_heads_an_enclosure() -> None:
    """A SUBJECT past the record's first pages heads a later paper of the file."""
    assert _header("id-form-folder-with-enclosures.md")["title"] == "REVIEW OF THE COMMITTEE'S ADMINISTRATIVE FILES"


def test_the_records_own_subject_goes_before_the_forms_title() -> None:
    text = (FORMS / "id-form-folder-with-enclosures.md").read_text()
    text = text.replace("Dear Mr. Director:", "SUBJECT: Review of Files\n\nDear Mr. Director:")
    assert _title(text.encode(), "x.md") == "Review of Files"


def test_an_fbi_reference_line_ends_a_subject_below_its_label() -> None:
    letter = (b"TO: DIRECTOR, FBI\nFROM: SAC, ST. LOUIS\nSUBJECT:\nHOUSE SELECT COMMITTEE ON ASSASSINATIONS\n"
              b"Re Bureau teletype to St. Louis, 2/10/78.\nEnclosed are copies.\n")
    assert _title(letter) == "HOUSE SELECT COMMITTEE ON ASSASSINATIONS"



@pytest.mark.parametrize(
    ("header", "title"),
    [(b"COUNTRY Cuba REPORT NO. CSCI-316/00999-65\nSuMECT Antoalo CARCEDO Ferrer DATE DISTR. 3 February 1965\n",
      "Antoalo CARCEDO Ferrer"),
     (b"TO: Director, FBI DATE: July 23, 1970\nSUBJEt \\ \xc2\xae Dennis LYNN HARBER, aka\n",
      "Dennis LYNN HARBER, aka"),
     (b"MEMORANDUM FOR: Chief, WH Division\nSUBJECT t Termination of Contract\n", "Termination of Contract"),
     # the report's other column, read into the wrapped value, ends it
     (b"COUNTRY Cuba\nSUBJECT | Baldemiro CASTRO Garcia\n\\ NO. PAGES 2\n", "Baldemiro CASTRO Garcia"),
     # an information report's label garbled past reading: its DATE DISTR on the line says it
     (b"COUNTRY Cuba REPORT NO. CSCI-316/00111-64\nsumect Pedro GOMEZ Ruiz DATE DISTR: 27 August 1964 ae\n"
      b"NO. PAGES 4\n", "Pedro GOMEZ Ruiz"),
     (b"counray Cuba Repost no, Cst1-316/00112-64.\n: susict Jorge PEREZ Vila : dae DstR 27 August 1964, :\n",
      "Jorge PEREZ Vila"),
     # a stray word OCR read before the label
     (b"MEMORANDUM FOR: Chief, Records\nvee SUBJECT : Request of the Review Board\n"
      b"REFERENCE =: Letter of 14 June\n", "Request of the Review Board"),
     # SUBJ, its colon read as a comma
     (b"MEMORANDUM FOR THE RECORD\nSUBJ,2 CASINO AND POSSIBLE ENTRY\n", "CASINO AND POSSIBLE ENTRY"),
     (b"DISPATCH\nSUBJ, Transportation and Storage of Files\n", "Transportation and Storage of Files")],
)
def test_a_subject_label_ocr_garbled_without_its_colon_gives_the_title(header: bytes, title: str) -> None:
    doc = parse(convert_bytes(header + b"\n1. the text of the record, in lower case.\n", name="x.txt").tei)
    assert text_of(xpath(doc, "//tei:titleStmt/tei:title")[0]) == title
    assert xpath(doc, "//tei:body//tei:ab[@type='field'][@subtype='subject']")


@pytest.mark.parametrize("line", [b"SUBJECT REF DEPARTS MEXI 9 JUNE 1400 HOURS", b"SUSPECT. YBCIANA WAS CHOSEN",
                                  b"SUBJECT'S PERSONAL MERITS", b"SUBJECTS: ALGERIA", b"SUBJECT-OF THIS REPORT",
                                  b"SUBJ, ADVISED THAT HE AND", b"SUBJ'S EMBASSY OFFICE IS BEING REMODELED",
                                  b"subject's name in the body of the dispatch: A request"])
def test_running_text_that_opens_with_a_word_like_subject_is_no_subject(line: bytes) -> None:
    doc = parse(convert_bytes(line + b"\n\nthe rest of the cable, in lower case.\n", name="x.txt").tei)
    assert not xpath(doc, "//tei:body//tei:ab[@type='field'][@subtype='subject']")


@pytest.mark.parametrize("prompt", [b"SUBECT: {Optional)", b"SURIECT (Opnonan", b"SUBJEC', (Opteri!"])
def test_a_routing_sheets_prompt_garbled_is_no_title(prompt: bytes) -> None:
    assert "Op" not in _title(b"ROUTING AND RECORD SHEET\n\n" + prompt + b"\n\nFROM:\n\nthe text, in lower case.\n")


def test_a_memos_subject_below_its_label_goes_before_the_routing_sheets() -> None:
    sheet = b"ROUTING AND RECORD SHEET\n\nSUBLECT: (Optional)\n\nOfficial Cover for Mr. Smith\n\nFROM:\n\n"
    memo = b"MEMORANDUM FOR: Chief, Personnel\n\nSUBJECT\n\n: Official Cover for Mr. (John A. Smith)\n\n1. Text.\n"
    assert _title(sheet + memo) == "Official Cover for Mr. (John A. Smith)"


def test_a_run_of_labels_alone_takes_its_values_after_colons_in_order() -> None:
    memo = b"MEMORANDUM FOR: Deputy Director\n\nFROM\n\nSUBJECT\n\n: Chief, Staff\n\n: Mr. John Doe\n\n1.\n\nText.\n"
    assert _title(memo) == "Mr. John Doe"


def test_an_information_reports_column_of_labels_gives_no_subject() -> None:
    rules = load_rules()
    report = ["COUNTRY Cuba", "SUBJECT", "NO. PAGES", "REFERENCES", "DATE OF INFO.", "Cuban exiles in Miami"]
    assert "subject" not in read_form(report, rules.form_fields, rules.form_label_gate)


@pytest.mark.parametrize(("fixture", "date"), [("id-form-labels-first.txt", "1963-12-12"),
                                               ("id-form-print-date-first.txt", "1962-03-12")])
def test_an_identification_forms_print_date_below_its_heading_is_no_date_of_the_record(fixture: str,
                                                                                      date: str) -> None:
    assert _header(fixture)["date"] == [date]


DATED = Path(__file__).parent / "fixtures" / "dates"


def _date_of(fixture: str) -> list[str | None]:
    doc = parse(convert_bytes((DATED / fixture).read_bytes(), name=fixture).tei)
    return [d.get("when") for d in xpath(doc, "//tei:profileDesc/tei:creation/tei:date")]


@pytest.mark.parametrize(
    ("fixture", "date"),
    [("memo-reference-first.md", "1998-08-05"),  # the reference's date is another paper's
     ("letter-enclosure-dated.md", "1964-10"),  # the letter's date before its enclosure's date line
     ("fitness-report-signed.md", "1965-01-19"),  # a date alone below the signature, far down
     ("office-memorandum-edition.md", "1968-06-17"),  # the form's edition date is the printer's
     ("cable-form-date-written.md", "1959-12-23"),  # a date written out after Date:, misread
     ("memo-month-misread.md", "1962-09-19")],  # a date line whose month OCR misread thrice
)
def test_the_record_date_is_its_own_not_another_papers(fixture: str, date: str) -> None:
    assert _date_of(fixture) == [date]


TITLES = Path(__file__).parent / "fixtures" / "titles"


def _fixture_title(fixture: str) -> str:
    return _title((TITLES / fixture).read_bytes(), fixture)


def test_an_fbi_case_caption_gives_each_subject_with_its_character() -> None:
    """OCR garbled the SUBJECT's value beside its label; the caption below it is whole."""
    assert _fixture_title("fbi-case-caption.txt") == "PETER ALAN MORGAN IS - CUBA; RUTH ELLEN MORGAN IS - CUBA"


def test_an_fbi_caption_ends_before_its_office_of_origin() -> None:
    assert _fixture_title("fbi-office-of-origin.txt") == "HAROLD JAMES BECKER IS - CUBA"


def test_a_caption_beside_its_subject_label_keeps_its_first_line() -> None:
    letter = (b"Director, FBI\n\nSubject: COMITE NACIONAL DE\n\n2-6-98\n\nLIBERACION CUBANA\n\n"
              b"INTERNAL SECURITY - CUBA\n\nReference is made to the previous letter.\n")
    assert _title(letter) == "COMITE NACIONAL DE LIBERACION CUBANA INTERNAL SECURITY - CUBA"


def test_an_address_above_a_caption_is_no_subject_of_it() -> None:
    airtel = (b"TO: DIRECTOR, FBI\n\nSAC, NEW ORLEANS (105-0)\n\nSA JOHN Q. AGENT\n\nMARIO PEREZ\n\n"
              b"IS - CUBA\n\nthe text, in lower case.\n")
    assert _title(airtel) == "MARIO PEREZ IS - CUBA"


def test_a_history_gives_the_title_on_its_title_page() -> None:
    """Not the staff's heading nor the series, and not the number above the title either."""
    assert _fixture_title("history-title-page.txt") == "FAR EAST DIVISION 1950 - 1960"


def test_a_printed_form_is_titled_by_its_name_and_the_person_it_is_for() -> None:
    assert _fixture_title("payroll-form.md") == "PAYROLL AUTHORIZATION FORM: MARGARET A. FIELDING"


def test_a_cable_with_no_subject_is_titled_by_its_comment() -> None:
    assert _fixture_title("cable-comment.txt") == "REQUESTED TRACES ON TWO PERUVIAN STUDENTS"


def test_a_comment_on_how_cables_are_handled_is_no_title() -> None:
    cable = (b"CLASSIFIED MESSAGE\n\nDIRECTOR\n\nthe text, in lower case.\n\n"
             b"C/S COMMENT: *DISSEMINATION APPLICABLE TO RYBAT CABLES.\n")
    assert "DISSEMINATION" not in _title(cable)


def test_an_empty_pages_field_does_not_take_the_first_subject() -> None:
    """PAGES left empty: both names below SUBJECTS are its value, the first not dropped."""
    assert _fixture_title("form-empty-pages.md") == "ANTON VESELY KAREL NOVAK"


def test_a_pages_count_is_still_read_in_order() -> None:
    rules = load_rules()
    form = ["ORIGINATOR :", "FROM :", "PAGES :", "SUBJECTS :", "FBI", "SAC, DALLAS", "4", "JOHN DOE"]
    values = read_form(form, rules.form_fields, rules.form_label_gate)
    assert values.get("pages") == "4" and values.get("subjects") == "JOHN DOE"


@pytest.mark.parametrize(
    ("header", "title"),
    [(b"DIRECTOR INFO CARACAS\n\nSECRET 281681Z APR 71 CITE WH/MIAM! 11978", "WH/MIAMI 11978"),
     (b"PRIORITY DIR INFO MADR Cite WAVE 7062", "WAVE 7062"),
     (b"PRIORITY DIR GITE BONN 6274", "BONN 6274"),
     # a headquarters cable of the later format prints its number after the date-time group
     (b"SECRET\n\nSTAFF 2803052 Director 195505 DO NOT REPRODUCE", "Director 195505")],
)
def test_a_cable_with_no_subject_nor_comment_is_named_by_its_station_and_number(header: bytes, title: str) -> None:
    cable = b"CLASSIFIED MESSAGE\n\n" + header + b"\n\n1. ON 25 APRIL SOURCE MET WITH THE AMBASSADOR.\n"
    assert _title(cable) == title


def test_an_information_reports_subject_in_capitals_runs_on_below_its_garbled_label() -> None:
    report = (b"THIS IS AN INFORMATION REPORT, NOT FINALLY EVALUATED INTELLIGENCE\n\nCOUNTRY VENEZUELA\n"
              b"DOI EARLY JULY 1973\nSUBYECT STATUS OF NEGOTIATIONS FOR RE-ESTABLISHMENT\n"
              b"OF RELATIONS BETWEEN VENEZUELA AND CUBA\n\nSOURCE A BUSINESSMAN.\n")
    assert _title(report) == "STATUS OF NEGOTIATIONS FOR RE-ESTABLISHMENT OF RELATIONS BETWEEN VENEZUELA AND CUBA"


def test_a_line_of_capitals_after_subject_in_a_cable_is_no_title() -> None:
    cable = b"CLASSIFIED MESSAGE\n\nDIR CITE MEXI 4410\n\nSUBJECT REF DEPARTS MEXI 9 JUNE\n"
    assert _title(cable) == "MEXI 4410"


@pytest.mark.parametrize("opening", [b"1. CONCUR PARA ONE REF", b"REF A. MADR 9870 (IN 74925)", b"TO + DIRECTOR"])
def test_a_cables_text_in_capitals_is_no_heading(opening: bytes) -> None:
    cable = (b"CLASSIFIED MESSAGE\n\n" + opening + b"\n\n1. ON 25 APRIL SOURCE MET WITH THE AMBASSADOR.\n\n"
             b"2. SOURCE WILL TRAVEL ON CUBANA FLIGHT MORNING 21 AUGUST.\n")
    assert _title(cable, "x.txt") == "[Untitled record: x.txt]"


def test_a_heading_above_the_numbered_text_is_still_the_title() -> None:
    memo = b"ACTING SECRETARY TALBOTT'S SCHEDULE\n\n1. Meeting with the Minister at ten.\n"
    assert _title(memo) == "ACTING SECRETARY TALBOTT'S SCHEDULE"


def test_a_reports_subject_below_its_bare_label_runs_to_its_date_distr() -> None:
    """A TDCS report behind an identification form with no TITLE."""
    assert _fixture_title("report-subject-below.md") == "PLANS OF THE PROVINCIAL COUNCIL FOR THE SPRING ELECTIONS"


def test_a_bare_subject_label_heading_a_column_of_labels_gives_no_title() -> None:
    assert subject_above_date_distr(["COUNTRY", "SUBJECT", "NO. PAGES", "DATE DISTR", "CUBA"]) is None
    assert subject_above_date_distr(["SUBJECT", "CUBAN EXILES", "DATE DISTR"]) == "CUBAN EXILES"


def test_an_information_reports_subject_runs_on_past_its_date_distr() -> None:
    report = (b"COUNTRY SOUTH VIETNAM REPORT NO. TDCS -3/500,001\n\n"
              b"SUBJECT THE SEEKING OF OUTSIDE SUPPORT FOR DATE DISTR. 20 MARCH 1963\n\n"
              b"THE REFORM OF THE PROVINCES\n\nPRECEDENCE ROUTINE\n\n1. the text of the report.\n")
    assert _title(report) == "THE SEEKING OF OUTSIDE SUPPORT FOR THE REFORM OF THE PROVINCES"


def test_an_information_reports_subject_ends_before_its_page_count() -> None:
    report = (b"COUNTRY Cuba REPORT NO. CSCI-316/00113-64\n"
              b"SUBJECT Direccion General de Inteligencia DATE DISTR. 3 June 1964\nNO, PAGES 1\n")
    assert _title(report) == "Direccion General de Inteligencia"

"""The Dublin Core record of a TEI document: the crosswalk, the oai_dc schema, JSON and CSV.

Records are read back the way their consumers read them: oai_dc through the official
schema and lxml, JSON through ``json``, CSV through ``csv``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from memo_tei.dublin_core.config import ConfigError, ExportConfig, load_config
from memo_tei.dublin_core.names import DC_ELEMENTS, DC_NS, OAI_DC_XSD
from memo_tei.dublin_core.record import DcRecord, dc_record_from_tei
from memo_tei.dublin_core.schema import SchemaMissingError, iter_oai_dc_findings, locate_schema
from memo_tei.dublin_core.tei_input import parse_tei, read_tei
from memo_tei.dublin_core.vocab import genre_from_idnos, release_phrases
from memo_tei.dublin_core.writers import (
    oai_dc_element,
    read_csv,
    read_json,
    read_oai_dc,
    write_csv,
    write_json,
    write_oai_dc,
)
from memo_tei.errors import ExportError, MemoTeiError

from .conftest import SAMPLE

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "export"
UNICODE_TEI = FIXTURES / "mémo-ß.xml"
UNICODE_TITLE = "Café Ñandú — 東京"
DC = {"dc": DC_NS}


# --- helpers shared by the export test modules -----------------------------------------

def make_seed_dir(folder: Path, tei: bytes) -> Path:
    """The sample's TEI in ``folder`` with its source text beside it; returns the TEI path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SAMPLE.stem}.xml"
    path.write_bytes(tei)
    shutil.copyfile(SAMPLE, folder / SAMPLE.name)
    return path


def make_unicode_dir(folder: Path) -> Path:
    """The non-ASCII fixture (its TEI and source text) in ``folder``; returns the TEI path."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in FIXTURES.glob("mémo-ß.*"):
        shutil.copyfile(file, folder / file.name)
    return folder / UNICODE_TEI.name


@pytest.fixture(scope="module")
def seed_record(sample_conversion) -> DcRecord:
    return dc_record_from_tei(etree.fromstring(sample_conversion.tei), ExportConfig())


@pytest.fixture(scope="module")
def unicode_record() -> DcRecord:
    return dc_record_from_tei(read_tei(UNICODE_TEI).root)


@pytest.fixture(scope="module")
def official_schema(shared_dir: Path):
    """The reference copy of oai_dc.xsd, independent of the one the package ships."""
    import xmlschema

    return xmlschema.XMLSchema(str(shared_dir / "reference-schemas" / "oai_dc.xsd"))


# --- the crosswalk on the seed memo ----------------------------------------------------

SEED_FACTS = [
    ("title", "Sino-Soviet Communiques"),
    ("creator", "Central Intelligence Agency"),
    ("date", "1954-10-14"),
    ("identifier", "STAFF MEMORANDUM NO. 73-54"),
    ("type", "Text"),
    ("type", "memorandum"),
    ("format", "application/tei+xml"),
    ("language", "en"),
    ("rights", "not subject to copyright"),
    ("source", "STAFF MEMORANDUM NO. 73-54"),
    ("description", "SECRET"),
    ("description", "declassified"),
    ("description", "6 pages"),
]


@pytest.mark.parametrize(("element", "expected"), SEED_FACTS)
def test_seed_record_holds_the_facts(seed_record: DcRecord, element: str, expected: str) -> None:
    assert any(expected in value for value in seed_record.values(element)), seed_record.values(element)


def test_seed_record_values_are_exact_where_the_profile_fixes_them(seed_record: DcRecord) -> None:
    assert seed_record.date == ("1954-10-14",)
    assert seed_record.language == ("en",)
    assert seed_record.format == ("application/tei+xml",)
    assert seed_record.type[0] == "Text"
    assert seed_record.description == ("Memorandum of 6 pages, originally classified SECRET; declassified.",)


def test_the_provenance_hash_is_not_an_identifier(seed_record: DcRecord, sample_conversion) -> None:
    assert sample_conversion.document.source.sha256 not in seed_record.identifier


def test_seed_oai_dc_validates_against_the_official_schema(seed_record: DcRecord, official_schema) -> None:
    data = write_oai_dc(seed_record)
    assert list(official_schema.iter_errors(etree.fromstring(data))) == []
    doc = etree.fromstring(data)
    assert doc.xpath("//dc:title/text()", namespaces=DC)[0].startswith("Significance of the Sino-Soviet")


def test_the_shipped_schema_is_found_and_rejects_what_is_not_dc() -> None:
    assert locate_schema(OAI_DC_XSD).is_file()
    root = oai_dc_element(DcRecord(title=("x",)))
    etree.SubElement(root, "{http://example.org/}stray").text = "y"
    findings = list(iter_oai_dc_findings(root))
    assert findings and "stray" in findings[0].reason


def test_a_missing_schema_is_named() -> None:
    with pytest.raises(SchemaMissingError, match=r"no-such\.xsd"):
        locate_schema("no-such.xsd")


def test_configuration_fills_publisher_relation_rights_and_identifier(sample_conversion) -> None:
    config = ExportConfig(publisher="Example Library", collection="Declassified Records",
                          rights="No Copyright - United States", identifier_prefix="https://ex.org/id/")
    record = dc_record_from_tei(etree.fromstring(sample_conversion.tei), config, stem="memo-73-54")
    assert record.publisher == ("Example Library",)
    assert record.relation == ("Declassified Records",)
    assert record.rights == ("No Copyright - United States",)
    assert "https://ex.org/id/memo-73-54" in record.identifier


def test_the_identifier_stem_defaults_to_the_source_file(sample_conversion) -> None:
    config = ExportConfig(identifier_prefix="ark:/12345/")
    record = dc_record_from_tei(etree.fromstring(sample_conversion.tei), config)
    assert f"ark:/12345/{SAMPLE.stem}" in record.identifier


def test_the_same_tei_gives_the_same_bytes(sample_conversion) -> None:
    first = write_oai_dc(dc_record_from_tei(etree.fromstring(sample_conversion.tei)))
    second = write_oai_dc(dc_record_from_tei(etree.fromstring(sample_conversion.tei)))
    assert first == second


# --- a bare document and hostile input -------------------------------------------------

BARE_TEI = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>A</title></titleStmt><publicationStmt><p/></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p/></body></text></TEI>"""


def test_a_bare_tei_gives_a_valid_record_with_what_it_has() -> None:
    record = dc_record_from_tei(parse_tei(BARE_TEI))
    assert record.title == ("A",)
    assert record.description == ("Record of 1 page, with no classification marking found; no release marking found.",)
    assert record.date == () and record.creator == () and record.identifier == ()
    write_oai_dc(record)


BAD_TEI = {
    "not well-formed": (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "not well-formed"),
    "not TEI": (b"<html><body/></html>", "not a TEI document"),
    "TEI without header": (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>", "no teiHeader"),
    "entity bomb": (b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                    b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/>&b;</TEI>", "DOCTYPE"),
    "empty": (b"", "not well-formed"),
}


@pytest.mark.parametrize("case", sorted(BAD_TEI))
def test_what_is_not_tei_is_refused(case: str) -> None:
    data, message = BAD_TEI[case]
    with pytest.raises(ExportError, match=message):
        parse_tei(data)


def test_a_missing_file_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such file"):
        read_tei(tmp_path / "absent.xml")


def test_export_error_is_a_memo_tei_error_and_a_value_error() -> None:
    assert issubclass(ExportError, MemoTeiError) and issubclass(ExportError, ValueError)


def test_a_value_xml_cannot_hold_is_refused() -> None:
    with pytest.raises(ExportError, match="dc:title"):
        write_oai_dc(DcRecord(title=("bell\x07",)))


# --- release status, as a table of stamp texts -----------------------------------------

JFK = "President John F. Kennedy Assassination Records Collection Act of 1992"
RELEASE_CASES = [
    ([("declassification", "DOCUMENT NO. 26 NO CHANGE IN CLASS ☐ ☒ DECLASSIFIED CLASS. CHANGED TO: TS S C")],
     ["declassified"]),
    ([("declassification", "NO CHANGE IN CLASS ☒ ☐ DECLASSIFIED")], ["reviewed with no change in classification"]),
    ([("release", "Approved For Release 2002/08/21 : CIA-RDP80B01676R003100290016-2")],
     ["approved for release on 2002-08-21"]),
    ([("release", "2023 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992")],
     [f"released in 2023 under the {JFK}"]),
    ([("release", "RELEASE IN PART B1,1.4(B),1.4(D)"), ("declassification", "DECLASSIFIED"),
      ("release", "UNCLASSIFIED U.S. Department of State Case No. F-2017-13804 Doc No. C06697823")],
     ["declassified", "released in part",
      "released by the U.S. Department of State (FOIA case F-2017-13804)"]),
    ([("release", "Released pursuant to Executive Order 14176")], ["released pursuant to Executive Order 14176"]),
    ([("declassification", "CIA HAS NO OBJECTION TO DECLASSIFICATION AND/OR RELEASE")], ["declassified"]),
    ([("release", "garbled stamp")], ["released"]),
    ([("other", "PHOTO COPY FROM GERALD R. FORD LIBRARY")], []),
    ([], []),
]


@pytest.mark.parametrize(("stamps", "expected"), RELEASE_CASES)
def test_release_status_from_stamps(stamps: list[tuple[str, str]], expected: list[str]) -> None:
    assert release_phrases(stamps) == expected


@pytest.mark.parametrize(("idnos", "genre"), [
    ([("memo", "STAFF MEMORANDUM NO. 73-54")], "memorandum"),
    ([("cable", "PARIS 001007")], "telegram"),
    ([("record", "104-10063-10177")], None),
])
def test_genre_from_the_documents_numbers(idnos: list[tuple[str, str]], genre: str | None) -> None:
    assert genre_from_idnos(idnos) == genre


def test_the_unicode_fixture_description_names_every_layer(unicode_record: DcRecord) -> None:
    assert unicode_record.description == (
        "Record of 1 page, originally classified CONFIDENTIAL; declassified, released in part, "
        "portions withheld under exemption (b)(1).",)
    assert unicode_record.subject == ("José Núñez",)
    assert unicode_record.coverage == ("Asunción", "東京")


# --- serialisations and their round trips ----------------------------------------------

@pytest.fixture(params=["seed", "unicode"])
def record(request, seed_record: DcRecord, unicode_record: DcRecord) -> DcRecord:
    return seed_record if request.param == "seed" else unicode_record


def test_oai_dc_round_trip(record: DcRecord) -> None:
    assert read_oai_dc(write_oai_dc(record)) == record


def test_json_round_trip(record: DcRecord) -> None:
    data = write_json(record)
    assert json.loads(data) == record.as_dict()
    assert read_json(data) == record
    assert list(json.loads(data)) == [e for e in DC_ELEMENTS if record.values(e)]


def test_csv_round_trip_and_rfc_4180(seed_record: DcRecord, unicode_record: DcRecord) -> None:
    rows = [("a.xml", seed_record), ("mémo-ß.xml", unicode_record)]
    data = write_csv(rows)
    assert read_csv(data) == rows
    text = data.decode("utf-8")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == ["file", *DC_ELEMENTS]
    assert table[1][DC_ELEMENTS.index("type") + 1] == "Text||memorandum"
    assert table[2][1] == UNICODE_TITLE


def test_json_that_is_not_a_record_is_refused() -> None:
    with pytest.raises(ExportError, match="not a Dublin Core record"):
        read_json(b'{"titel": ["x"]}')


# --- configuration ---------------------------------------------------------------------

def test_config_is_read_from_the_current_folder_and_options_win(tmp_path: Path) -> None:
    (tmp_path / "memo-tei.toml").write_text(
        '[export]\npublisher = "From the file"\ncollection = "Collection"\n\n[validate]\nother = 1\n',
        encoding="utf-8")
    config = load_config(cwd=tmp_path, overrides={"publisher": "From the option", "rights": None})
    assert config.publisher == "From the option"
    assert config.collection == "Collection"
    assert config.rights is None


def test_no_config_file_means_no_settings(tmp_path: Path) -> None:
    assert load_config(cwd=tmp_path) == ExportConfig()


@pytest.mark.parametrize(("content", "message"), [
    ('[export]\npublisher = "x"\npublsher = "typo"\n', "publsher"),
    ("[export\n", "not valid TOML"),
    ('export = "flat"\n', "must be a table"),
    ('[export]\npublisher = 3\n', "publisher"),
    ('[export]\nrights = "two\\nlines"\n', "one line"),
])
def test_a_bad_config_file_is_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


# --- the record beside each TEI, as ``convert --dc`` writes it ----------------------------

def test_a_conversion_gives_its_record_in_one_pass(sample_conversion, official_schema, tmp_path: Path) -> None:
    from memo_tei.packages.export import dc_sidecar_path, is_dc_sidecar

    tei_path = tmp_path / f"{SAMPLE.stem}.xml"
    record = dc_record_from_tei(parse_tei(sample_conversion.tei), ExportConfig(identifier_prefix="x:"),
                                stem=tei_path.stem, genre=sample_conversion.document.facts.genre)
    data = write_oai_dc(record)
    assert list(official_schema.iter_errors(etree.fromstring(data))) == []
    assert f"x:{SAMPLE.stem}" in record.identifier
    assert dc_sidecar_path(tei_path) == tmp_path / f"{SAMPLE.stem}.dc.xml"
    assert is_dc_sidecar(dc_sidecar_path(tei_path)) and not is_dc_sidecar(tei_path)

"""``build_index``: incremental, datestamps from the clock only when what is served changes,
tombstones for vanished files, findings for files that are not memo-tei TEI, sets."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

from memo_tei.dublin_core.config import ExportConfig
from memo_tei.oai import store
from memo_tei.oai.app import OaiApp
from memo_tei.oai.index import build_index
from memo_tei.oai.records import local_id
from memo_tei.oai.sets import release_year, spec_word

from .oai_helpers import T0, Clock, call, synthesize, variant_path, write_variant

COUNT = 6


def _stamps(db: Path) -> dict[str, tuple[str, bool]]:
    conn = store.open_readonly(db)
    try:
        return {r[0]: (r[1], bool(r[2])) for r in conn.execute("SELECT local_id, datestamp, deleted FROM records")}
    finally:
        conn.close()


@pytest.fixture
def tree(tmp_path: Path, sample_conversion) -> Path:
    synthesize(sample_conversion.tei, tmp_path / "tei", COUNT)
    return tmp_path / "tei"


def test_a_second_run_changes_nothing(tree: Path, tmp_path: Path) -> None:
    db, clock = tmp_path / "oai.db", Clock()
    first = build_index(tree, db, clock=clock)
    before = _stamps(db)
    clock.advance(3600)
    for path in tree.rglob("*.xml"):
        os.utime(path, (1e9, 1e9))  # a new mtime is no change
        path.write_bytes(path.read_bytes())
    second = build_index(tree, db, clock=clock)
    assert (first.added, second.added, second.unchanged, second.changed) == (COUNT, 0, COUNT, 0)
    assert _stamps(db) == before


def test_a_changed_file_gets_the_clocks_datestamp_and_the_others_keep_theirs(
        tree: Path, tmp_path: Path, sample_conversion) -> None:
    db, clock = tmp_path / "oai.db", Clock()
    build_index(tree, db, clock=clock)
    clock.advance(90)
    write_variant(etree.fromstring(sample_conversion.tei), tree, 2, title_suffix=" (revised)")
    report = build_index(tree, db, clock=clock)
    assert (report.changed, report.unchanged) == (1, COUNT - 1)
    stamps = _stamps(db)
    changed = local_id(PurePosixPath(variant_path(Path(), 2).as_posix()))
    assert stamps[changed] == ("2024-03-01T12:01:30Z", False)
    assert {s for k, (s, _) in stamps.items() if k != changed} == {"2024-03-01T12:00:00Z"}


def test_a_new_configuration_changes_the_datestamps_of_records_it_changes(tree: Path, tmp_path: Path) -> None:
    db, clock = tmp_path / "oai.db", Clock()
    build_index(tree, db, clock=clock)
    clock.advance(60)
    assert build_index(tree, db, clock=clock, config=ExportConfig()).changed == 0
    report = build_index(tree, db, clock=clock, config=ExportConfig(publisher="Example Library"))
    assert report.changed == COUNT
    assert {s for s, _ in _stamps(db).values()} == {"2024-03-01T12:01:00Z"}


def test_a_vanished_file_becomes_a_tombstone_and_comes_back(tree: Path, tmp_path: Path, sample_conversion) -> None:
    db, clock = tmp_path / "oai.db", Clock()
    build_index(tree, db, clock=clock)
    gone = variant_path(tree, 1)
    gone.unlink()
    clock.advance(10)
    assert build_index(tree, db, clock=clock).deleted == 1
    clock.advance(10)
    assert build_index(tree, db, clock=clock).deleted == 0  # tombstones are kept, not made again
    ident = "oai:example.org:" + local_id(PurePosixPath(variant_path(Path(), 1).as_posix()))
    answer = call(OaiApp(db), {"verb": "GetRecord", "identifier": ident, "metadataPrefix": "oai_dc"})
    assert answer.xpath("//o:header/@status") == ["deleted"]
    assert answer.xpath("//o:header/o:datestamp/text()") == ["2024-03-01T12:00:10Z"]
    assert answer.xpath("//o:metadata") == []
    assert "collection:state" in answer.xpath("//o:header/o:setSpec/text()")
    write_variant(etree.fromstring(sample_conversion.tei), tree, 1)
    clock.advance(10)
    assert build_index(tree, db, clock=clock).restored == 1
    answer = call(OaiApp(db), {"verb": "GetRecord", "identifier": ident, "metadataPrefix": "oai_dc"})
    assert answer.xpath("//o:header/@status") == []
    assert answer.xpath("//o:header/o:datestamp/text()") == ["2024-03-01T12:00:30Z"]


def test_datestamps_never_go_back_with_the_clock(tree: Path, tmp_path: Path, sample_conversion) -> None:
    db, clock = tmp_path / "oai.db", Clock()
    build_index(tree, db, clock=clock)
    clock.now = T0.replace(year=2020)
    write_variant(etree.fromstring(sample_conversion.tei), tree, 0, title_suffix=" (revised)")
    build_index(tree, db, clock=clock)
    assert min(s for s, _ in _stamps(db).values()) == "2024-03-01T12:00:00Z"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.xml", b"<TEI", "not well-formed"),
    ("other.xml", b"<root/>", "not a TEI document"),
    ("foreign.xml", b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>', "not written by memo-tei"),
    ("bomb.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&a;</TEI>', "DOCTYPE"),
])
def test_a_file_that_is_not_memo_tei_tei_is_a_finding_and_the_run_goes_on(
        tree: Path, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tree / name).write_bytes(content)
    report = build_index(tree, tmp_path / "oai.db", clock=Clock())
    assert report.added == COUNT
    assert [(f.path.name, message in f.message) for f in report.findings] == [(name, True)]


def test_sidecars_and_hidden_folders_are_not_records(tree: Path, tmp_path: Path) -> None:
    (tree / "cia" / "memo-000000.dc.xml").write_bytes(b"<x/>")
    (tree / ".trash").mkdir()
    (tree / ".trash" / "old.xml").write_bytes(b"<x/>")
    report = build_index(tree, tmp_path / "oai.db", clock=Clock())
    assert (report.added, report.findings) == (COUNT, [])


def test_a_file_that_breaks_keeps_its_record(tree: Path, tmp_path: Path) -> None:
    db = tmp_path / "oai.db"
    build_index(tree, db, clock=Clock())
    variant_path(tree, 0).write_bytes(b"<TEI")
    report = build_index(tree, db, clock=Clock())
    assert (len(report.findings), report.deleted) == (1, 0)


def test_something_that_is_not_an_index_is_refused(tmp_path: Path, tree: Path) -> None:
    from memo_tei.errors import MemoTeiError

    (tmp_path / "x.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(MemoTeiError):
        build_index(tree, tmp_path / "x.db")
    with pytest.raises(MemoTeiError):
        OaiApp(tmp_path / "x.db")


@pytest.mark.parametrize(("relative", "expected"), [
    ("cia/memo.xml", "cia/memo"),
    ("a b/c (1).xml", "a%20b/c%20(1)"),
    ("state/mémo#1?.xml", "state/m%C3%A9mo%231%3F"),
    ("top.xml", "top"),
])
def test_local_identifiers_are_uris_made_from_the_path(relative: str, expected: str) -> None:
    assert local_id(PurePosixPath(relative)) == expected


@pytest.mark.parametrize(("stamps", "year"), [
    (["Approved For Release 2003/08/20 : CIA-RDP80B01676R002400040058-1"], 2003),
    (["2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992"], 2025),
    (["Released on 08-05-2022 under the John F. Kennedy Assassination Records Act of 1992"], 2022),
    (["UNCLASSIFIED U.S. Department of State Case No. F-2017-13804 Doc No. C06697823 Date: 08/26/2019"], 2019),
    (["REVIEW AUTHORITY: Archie Bolster DATE/CASE ID: 15 JUN 2011 200706444"], 2011),
    (["Approved For Release 2002/08/21 : CIA-RDP", "Approved For Release 2005/01/02 : CIA-RDP"], 2005),
    (["Approved For Release 1066/01/01"], None),
    (["DECLASSIFIED"], None),
    ([], None),
])
def test_the_release_year_table(stamps: list[str], year: int | None) -> None:
    ns = "http://www.tei-c.org/ns/1.0"
    root = etree.Element(f"{{{ns}}}TEI")
    body = etree.SubElement(etree.SubElement(root, f"{{{ns}}}text"), f"{{{ns}}}body")
    for text in stamps:
        etree.SubElement(body, f"{{{ns}}}stamp", type="release").text = text
    assert release_year(root) == year


@pytest.mark.parametrize(("name", "word"), [("jfk-nara", "jfk-nara"), ("State FOIA", "State-FOIA"),
                                            ("mémo", "m-mo"), ("///", "-")])
def test_set_words(name: str, word: str) -> None:
    assert spec_word(name) == word


def test_worker_processes_build_the_same_index(tree: Path, tmp_path: Path) -> None:
    build_index(tree, tmp_path / "one.db", clock=Clock())
    (tree / "broken.xml").write_bytes(b"<TEI")
    report = build_index(tree, tmp_path / "two.db", clock=Clock(), jobs=2)
    assert (report.added, len(report.findings)) == (COUNT, 1)
    assert _stamps(tmp_path / "one.db") == _stamps(tmp_path / "two.db")

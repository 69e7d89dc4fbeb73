"""The protocol, request by request: every verb, every error code, GET and POST, the request
echo, both granularities, paging; every response checked against OAI-PMH.xsd, its oai_dc
records against oai_dc.xsd and its TEI against the project's profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from memo_tei.oai.app import OaiApp
from memo_tei.oai.index import build_index

from .oai_helpers import T0, Clock, call, iter_pages, synthesize

COUNT, BATCH = 12, 5
ID = "oai:example.org:cia/memo-000000"


@dataclass
class Repo:
    folder: Path
    db: Path
    clock: Clock
    app: OaiApp


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, sample_conversion) -> Repo:
    root = tmp_path_factory.mktemp("oai")
    folder, db, clock = root / "tei", root / "oai.db", Clock()
    synthesize(sample_conversion.tei, folder, COUNT)
    report = build_index(folder, db, clock=clock)
    assert report.added == COUNT and not report.findings
    return Repo(folder, db, clock, OaiApp(db, batch_size=BATCH, clock=clock))


#: (label, query, the error code expected or None)
CASES = [
    ("Identify", "verb=Identify", None),
    ("ListMetadataFormats", "verb=ListMetadataFormats", None),
    ("ListMetadataFormats of a record", f"verb=ListMetadataFormats&identifier={ID}", None),
    ("ListSets", "verb=ListSets", None),
    ("GetRecord oai_dc", f"verb=GetRecord&identifier={ID}&metadataPrefix=oai_dc", None),
    ("GetRecord tei", f"verb=GetRecord&identifier={ID}&metadataPrefix=tei", None),
    ("ListIdentifiers", "verb=ListIdentifiers&metadataPrefix=oai_dc", None),
    ("ListRecords oai_dc", "verb=ListRecords&metadataPrefix=oai_dc", None),
    ("ListRecords tei", "verb=ListRecords&metadataPrefix=tei", None),
    ("ListRecords by set", "verb=ListRecords&metadataPrefix=oai_dc&set=collection:cia", None),
    ("ListRecords by parent set", "verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection", None),
    ("days", "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-03-01&until=2024-03-01", None),
    ("seconds", "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-03-01T12:00:00Z"
                "&until=2024-03-01T12:00:00Z", None),
    ("no verb", "", "badVerb"),
    ("unknown verb", "verb=Harvest", "badVerb"),
    ("repeated verb", "verb=Identify&verb=Identify", "badVerb"),
    ("verb of another case", "verb=identify", "badVerb"),
    ("Identify with an argument", "verb=Identify&set=cia", "badArgument"),
    ("unknown argument", "verb=ListRecords&metadataPrefix=oai_dc&sets=cia", "badArgument"),
    ("repeated argument", "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),
    ("repeated, different values", "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=tei", "badArgument"),
    ("missing metadataPrefix", "verb=ListRecords", "badArgument"),
    ("missing identifier", "verb=GetRecord&metadataPrefix=oai_dc", "badArgument"),
    ("empty value", "verb=ListRecords&metadataPrefix=", "badArgument"),
    ("token not alone", "verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument"),
    ("from later than until", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-02&until=2020-01-01",
     "badArgument"),
    ("granularities mixed", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-02T00:00:00Z",
     "badArgument"),
    ("granularity finer than seconds", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.000Z",
     "badArgument"),
    ("not a date", "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"),
    ("no such day", "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2021-02-30", "badArgument"),
    ("time without Z", "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2021-02-03T00:00:00", "badArgument"),
    ("invalid UTF-8", "verb=GetRecord&metadataPrefix=oai_dc&identifier=%FF%FE", "badArgument"),
    ("too many fields", "verb=Identify" + "&x=1" * 40, "badArgument"),
    ("unknown format", "verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
    ("unknown format, GetRecord", f"verb=GetRecord&identifier={ID}&metadataPrefix=mods", "cannotDisseminateFormat"),
    ("unknown identifier", "verb=GetRecord&identifier=oai:example.org:nope&metadataPrefix=oai_dc",
     "idDoesNotExist"),
    ("another repository's identifier", "verb=GetRecord&identifier=oai:other.org:cia/memo-000000"
                                        "&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("a path for identifier", "verb=GetRecord&identifier=oai:example.org:../../../etc/passwd"
                              "&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("the prefix alone", "verb=GetRecord&identifier=oai:example.org:&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("SQL for identifier", "verb=GetRecord&identifier=oai:example.org:x'%20OR%20'1'='1&metadataPrefix=oai_dc",
     "idDoesNotExist"),
    ("formats of an unknown record", "verb=ListMetadataFormats&identifier=oai:example.org:nope", "idDoesNotExist"),
    ("tampered token", "verb=ListRecords&resumptionToken=tampered!token", "badResumptionToken"),
    ("token of nothing", "verb=ListSets&resumptionToken=e30.AAAA", "badResumptionToken"),
    ("from in the future", "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01", "noRecordsMatch"),
    ("until before the first record", "verb=ListIdentifiers&metadataPrefix=oai_dc&until=1999-01-01",
     "noRecordsMatch"),
    ("unknown set", "verb=ListRecords&metadataPrefix=oai_dc&set=collection:nowhere", "noRecordsMatch"),
    ("SQL for set", "verb=ListRecords&metadataPrefix=oai_dc&set=x'%20OR%20'1'='1", "badArgument"),
    ("SQL in a legal set", "verb=ListRecords&metadataPrefix=oai_dc&set=x'OR'1'--", "noRecordsMatch"),
    ("a prefix no format can have", "verb=ListRecords&metadataPrefix=oai%20dc", "badArgument"),
]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("label", "query", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_request_gets_a_valid_answer_in_http_200(repo: Repo, oai_schemas, label: str, query: str,
                                                      code: str | None, method: str) -> None:
    answer = call(repo.app, query, method=method)
    assert answer.status == "200 OK"
    assert answer.headers["Content-Type"].startswith("text/xml")
    assert oai_schemas.errors(answer.body) == []
    assert answer.error_codes == ([code] if code else [])
    request = answer.xpath("o:request")[0]
    assert request.text == "http://oai.test/oai"
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}  # never echo arguments that were the fault
    else:
        from urllib.parse import parse_qsl

        assert dict(request.attrib) == dict(parse_qsl(query))


def test_identify_announces_what_the_protocol_asks(repo: Repo) -> None:
    answer = call(repo.app, "verb=Identify")
    assert answer.xpath("string(//o:protocolVersion)") == "2.0"
    assert answer.xpath("string(//o:deletedRecord)") == "persistent"
    assert answer.xpath("string(//o:granularity)") == "YYYY-MM-DDThh:mm:ssZ"
    assert answer.xpath("string(//o:earliestDatestamp)") == "2024-03-01T12:00:00Z"
    assert answer.xpath("string(//o:baseURL)") == "http://oai.test/oai"
    sample = answer.root.xpath("string(//*[local-name()='sampleIdentifier'])")
    assert call(repo.app, {"verb": "GetRecord", "identifier": sample, "metadataPrefix": "oai_dc"}).error_codes == []


def test_records_carry_both_formats_and_their_sets(repo: Repo) -> None:
    dc = call(repo.app, {"verb": "GetRecord", "identifier": ID, "metadataPrefix": "oai_dc"})
    assert dc.xpath("string(//dc:title)") == "Staff memorandum 0"
    assert dc.xpath("//o:header/o:setSpec/text()") == [
        "classification", "classification:secret", "collection", "collection:cia", "released", "released:2000"]
    tei = call(repo.app, {"verb": "GetRecord", "identifier": ID, "metadataPrefix": "tei"})
    assert tei.xpath("string(//o:metadata/tei:TEI//tei:titleStmt/tei:title)") == "Staff memorandum 0"


def test_list_sets_names_every_set(repo: Repo, oai_schemas) -> None:
    pages = list(iter_pages(repo.app, {"verb": "ListSets"}, schemas=oai_schemas))
    names = {s.xpath("string(o:setSpec)", namespaces={"o": "http://www.openarchives.org/OAI/2.0/"}):
             s.xpath("string(o:setName)", namespaces={"o": "http://www.openarchives.org/OAI/2.0/"})
             for page in pages for s in page.xpath("//o:set")}
    assert names["collection:cia"] == "cia"
    assert names["classification:secret"] == "Originally classified Secret"
    assert names["released:2003"] == "Released in 2003"
    assert len(pages) == -(-len(names) // BATCH)


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_pages_have_a_token_a_cursor_and_an_empty_token_at_the_end(repo: Repo, oai_schemas, verb: str) -> None:
    pages = list(iter_pages(repo.app, {"verb": verb, "metadataPrefix": "oai_dc"}, schemas=oai_schemas))
    tokens = [page.xpath("//o:resumptionToken")[0] for page in pages]
    assert [t.get("cursor") for t in tokens] == ["0", "5", "10"]
    assert {t.get("completeListSize") for t in tokens} == {str(COUNT)}
    assert [bool(t.text) for t in tokens] == [True, True, False]
    identifiers = [i for page in pages for i in page.xpath("//o:header/o:identifier/text()")]
    assert len(identifiers) == len(set(identifiers)) == COUNT


def test_no_token_when_one_page_holds_the_list(repo: Repo) -> None:
    answer = call(repo.app, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=released:2000")
    assert len(answer.xpath("//o:header")) == 3
    assert answer.xpath("//o:resumptionToken") == []


@pytest.mark.parametrize(("first", "other"), [("ListRecords", "ListIdentifiers"), ("ListIdentifiers", "ListRecords")])
def test_a_token_serves_only_its_own_verb(repo: Repo, first: str, other: str) -> None:
    token = call(repo.app, {"verb": first, "metadataPrefix": "oai_dc"}).xpath("//o:resumptionToken/text()")[0]
    assert call(repo.app, {"verb": other, "resumptionToken": token}).error_codes == ["badResumptionToken"]


def test_a_token_altered_by_one_character_is_refused(repo: Repo) -> None:
    token = call(repo.app, "verb=ListRecords&metadataPrefix=oai_dc").xpath("//o:resumptionToken/text()")[0]
    altered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    assert call(repo.app, {"verb": "ListRecords", "resumptionToken": altered}).error_codes == ["badResumptionToken"]


def test_a_token_of_an_index_built_anew_is_stale(repo: Repo, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    build_index(repo.folder, other, clock=Clock())
    token = call(OaiApp(other, batch_size=BATCH), "verb=ListRecords&metadataPrefix=oai_dc").xpath(
        "//o:resumptionToken/text()")[0]
    assert call(repo.app, {"verb": "ListRecords", "resumptionToken": token}).error_codes == ["badResumptionToken"]


def test_requests_too_large_are_refused_before_parsing(repo: Repo) -> None:
    assert call(repo.app, "verb=Identify&x=" + "a" * 10_000).status.startswith("414")
    assert call(repo.app, method="POST", body=b"verb=Identify&x=" + b"a" * 10_000).status.startswith("413")


@pytest.mark.parametrize(("method", "status"), [("PUT", "405"), ("DELETE", "405"), ("HEAD", "200")])
def test_other_methods(repo: Repo, method: str, status: str) -> None:
    assert call(repo.app, "verb=Identify", method=method).status.startswith(status)


def test_a_post_that_is_not_form_data_is_a_bad_argument(repo: Repo) -> None:
    answer = call(repo.app, method="POST", body=b'{"verb": "Identify"}', content_type="application/json")
    assert answer.error_codes == ["badArgument"]


def test_markup_in_arguments_is_escaped(repo: Repo, oai_schemas) -> None:
    answer = call(repo.app, {"verb": "GetRecord", "identifier": 'oai:example.org:<a href="x">&amp;</a>',
                             "metadataPrefix": "oai_dc"})
    assert answer.error_codes == ["idDoesNotExist"]
    assert answer.xpath("string(o:request/@identifier)") == 'oai:example.org:<a href="x">&amp;</a>'
    assert oai_schemas.errors(answer.body) == []


def test_response_date_is_the_clock_in_utc(repo: Repo) -> None:
    assert call(repo.app, "verb=Identify").xpath("string(o:responseDate)") == T0.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_empty_index_has_no_sets_and_no_records(tmp_path: Path, oai_schemas) -> None:
    (tmp_path / "empty").mkdir()
    build_index(tmp_path / "empty", tmp_path / "oai.db", clock=Clock())
    app = OaiApp(tmp_path / "oai.db")
    for query, code in [("verb=ListSets", "noSetHierarchy"),
                        ("verb=ListRecords&metadataPrefix=oai_dc&set=collection", "noSetHierarchy"),
                        ("verb=ListRecords&metadataPrefix=oai_dc", "noRecordsMatch")]:
        answer = call(app, query)
        assert answer.error_codes == [code]
        assert oai_schemas.errors(answer.body) == []
    assert oai_schemas.errors(call(app, "verb=Identify").body) == []

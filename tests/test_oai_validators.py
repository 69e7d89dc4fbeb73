"""The checks of the OAI's own repository validator and of BASE's validator, as tests.

The OAI validator (openarchives.org/Register/ValidateSite) asks: Identify is valid and names
the base URL it was reached at; the granularity is one of the two and earliestDatestamp has
it; responseDate is UTC; oai_dc is offered, also per record; ListSets works or says
noSetHierarchy; an identifier from ListIdentifiers answers GetRecord in oai_dc with the same
datestamp; bad verbs, bad arguments, bad tokens, unknown identifiers and formats get their
codes; from/until at the announced granularity work, at a finer one are refused; resumption
tokens work. BASE (base-search.net, validator of the Bielefeld aggregator) adds: UTF-8 XML
served as text/xml; every record has dc:title, dc:type and dc:date or dc:identifier; dates in
ISO 8601; records of a set are harvestable by set; deleted records are announced.
"""

from __future__ import annotations

import re

import pytest

from memo_tei.oai.app import OaiApp
from memo_tei.oai.index import build_index

from .oai_helpers import Clock, call, iter_pages, synthesize

_DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, sample_conversion) -> OaiApp:
    root = tmp_path_factory.mktemp("validators")
    synthesize(sample_conversion.tei, root / "tei", 9)
    clock = Clock()
    build_index(root / "tei", root / "oai.db", clock=clock)
    (root / "tei" / "cia" / "memo-000003.xml").unlink()
    clock.advance(5)
    build_index(root / "tei", root / "oai.db", clock=clock)
    return OaiApp(root / "oai.db", batch_size=4, clock=clock)


def test_identify_is_valid_and_names_its_base_url(app: OaiApp, oai_schemas) -> None:
    answer = call(app, "verb=Identify")
    assert oai_schemas.errors(answer.body) == []
    assert answer.xpath("string(//o:baseURL)") == answer.xpath("string(o:request)")
    granularity = answer.xpath("string(//o:granularity)")
    assert granularity in ("YYYY-MM-DD", "YYYY-MM-DDThh:mm:ssZ")
    assert _DATESTAMP.match(answer.xpath("string(//o:earliestDatestamp)"))
    assert _DATESTAMP.match(answer.xpath("string(o:responseDate)"))
    assert answer.xpath("string(//o:deletedRecord)") in ("no", "transient", "persistent")


def test_responses_are_utf8_xml_served_as_text_xml(app: OaiApp) -> None:
    answer = call(app, "verb=ListRecords&metadataPrefix=oai_dc")
    assert answer.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert answer.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    answer.body.decode("utf-8")


def test_every_identifier_listed_answers_getrecord_with_its_datestamp(app: OaiApp) -> None:
    formats = call(app, "verb=ListMetadataFormats").xpath("//o:metadataPrefix/text()")
    assert "oai_dc" in formats
    for page in iter_pages(app, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}):
        for header in page.xpath("//o:header"):
            ident = header.findtext("{http://www.openarchives.org/OAI/2.0/}identifier")
            per_record = call(app, {"verb": "ListMetadataFormats", "identifier": ident})
            assert "oai_dc" in per_record.xpath("//o:metadataPrefix/text()")
            record = call(app, {"verb": "GetRecord", "identifier": ident, "metadataPrefix": "oai_dc"})
            assert record.xpath("string(//o:header/o:datestamp)") == header.findtext(
                "{http://www.openarchives.org/OAI/2.0/}datestamp")


def test_datestamps_are_not_before_the_earliest(app: OaiApp) -> None:
    earliest = call(app, "verb=Identify").xpath("string(//o:earliestDatestamp)")
    stamps = call(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection").xpath("//o:datestamp/text()")
    assert stamps and min(stamps) >= earliest


def test_from_and_until_at_the_announced_granularity(app: OaiApp) -> None:
    earliest = call(app, "verb=Identify").xpath("string(//o:earliestDatestamp)")
    assert call(app, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": earliest}).error_codes == []
    assert call(app, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": earliest[:10]}).error_codes == []
    finer = earliest.replace("Z", ".5Z")
    assert call(app, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": finer}).error_codes == [
        "badArgument"]


def test_records_have_what_base_needs(app: OaiApp) -> None:
    for page in iter_pages(app, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}):
        for record in page.xpath("//o:record[not(o:header/@status='deleted')]"):
            ns = {"dc": "http://purl.org/dc/elements/1.1/"}
            assert record.xpath("string(.//dc:title)", namespaces=ns)
            assert record.xpath(".//dc:type/text()", namespaces=ns)
            dates = record.xpath(".//dc:date/text()", namespaces=ns)
            assert dates or record.xpath(".//dc:identifier/text()", namespaces=ns)
            assert all(re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", d) for d in dates)


def test_deleted_records_are_announced(app: OaiApp) -> None:
    answer = call(app, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-03-01T12:00:05Z")
    assert answer.xpath("//o:header[@status='deleted']/o:identifier/text()") == ["oai:example.org:cia/memo-000003"]


@pytest.mark.parametrize(("query", "code"), [
    ("verb=NoSuchVerb", "badVerb"),
    ("verb=GetRecord&identifier=oai:example.org:cia/memo-000000", "badArgument"),
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&until=junk", "badArgument"),
    ("verb=ListRecords&resumptionToken=junk", "badResumptionToken"),
    ("verb=GetRecord&identifier=junk&metadataPrefix=oai_dc", "idDoesNotExist"),
    ("verb=ListIdentifiers&metadataPrefix=junk", "cannotDisseminateFormat"),
    ("verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01", "noRecordsMatch"),
])
def test_the_validators_bad_requests(app: OaiApp, oai_schemas, query: str, code: str) -> None:
    answer = call(app, query)
    assert (answer.status, answer.error_codes) == ("200 OK", [code])
    assert oai_schemas.errors(answer.body) == []

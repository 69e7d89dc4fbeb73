"""A real harvester (sickle) against the served index: 10,000 records harvested exactly once,
in pages, incrementally with ``from``, by set, deletions seen as deletions, in process and
over a real socket; and a harvest during which records change."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

from memo_tei.dublin_core.config import ExportConfig
from memo_tei.oai.app import OaiApp
from memo_tei.oai.index import build_index

from .oai_helpers import (
    COLLECTIONS,
    T0,
    Clock,
    call,
    delete_direct,
    direct_index,
    in_process_sickle,
    iter_pages,
    put_direct,
    synthesize,
    write_variant,
)

TOTAL, BATCH = 10_000, 100


@dataclass
class Big:
    db: Path
    app: OaiApp


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, sample_conversion) -> Big:
    """10,000 records, one second apart every 1,000; then 50 changed and 10 deleted an hour on."""
    from memo_tei.oai import store
    from memo_tei.oai.records import read_record

    dc = read_record(Path("memo.xml"), PurePosixPath("memo.xml"), ExportConfig(), data=sample_conversion.tei).oai_dc
    db, clock = tmp_path_factory.mktemp("big") / "oai.db", Clock()
    conn = direct_index(db, TOTAL, oai_dc=dc, tei=sample_conversion.tei, clock=clock)
    clock.now = T0.replace(hour=14)
    with store.transaction(conn):
        for number in range(0, 500, 10):
            put_direct(conn, number, oai_dc=dc, tei=sample_conversion.tei, clock=clock, version=1)
        for number in range(1, 100, 10):
            delete_direct(conn, number, clock=clock)
    conn.close()
    return Big(db, OaiApp(db, batch_size=BATCH))


def test_sickle_harvests_every_record_once_in_pages(big: Big) -> None:
    harvester = in_process_sickle(big.app)
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    counts = Counter(r.header.identifier for r in records)
    assert len(counts) == TOTAL and set(counts.values()) == {1}
    assert sum(r.header.deleted for r in records) == 10
    assert all(r.metadata["title"] for r in records if not r.header.deleted)


def test_sickle_harvests_incrementally_with_from(big: Big) -> None:
    since = {"from": "2024-03-01T14:00:00Z"}
    headers = list(in_process_sickle(big.app).ListIdentifiers(metadataPrefix="oai_dc", **since))
    assert len(headers) == 60
    assert sorted(h.identifier for h in headers if h.deleted) == sorted(
        f"oai:example.org:{COLLECTIONS[n % 3]}/memo-{n:06d}" for n in range(1, 100, 10))


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_sickle_harvests_by_set(big: Big, collection: str) -> None:
    headers = list(in_process_sickle(big.app, http_method="POST").ListIdentifiers(
        metadataPrefix="oai_dc", set=f"collection:{collection}"))
    expected = len(range(COLLECTIONS.index(collection), TOTAL, 3))
    assert len({h.identifier for h in headers}) == len(headers) == expected
    assert all(f"collection:{collection}" in h.setSpecs for h in headers)


def test_first_middle_and_last_pages_are_valid(big: Big, oai_schemas) -> None:
    pages = iter_pages(big.app, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    for number, page in enumerate(pages):
        if number in (0, 50) or not page.xpath("//o:resumptionToken/text()"):
            assert oai_schemas.errors(page.body) == []
            token = page.xpath("//o:resumptionToken")[0]
            assert (token.get("cursor"), token.get("completeListSize")) == (str(number * BATCH), str(TOTAL))
    assert number == TOTAL // BATCH - 1


@pytest.fixture(scope="module")
def server(big: Big) -> Iterator[str]:
    """The app behind waitress on a free port of 127.0.0.1."""
    import waitress

    served = waitress.create_server(big.app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.effective_port}/oai"
    served.close()


def test_sickle_harvests_over_a_real_socket(server: str) -> None:
    from sickle import Sickle

    headers = list(Sickle(server).ListIdentifiers(metadataPrefix="oai_dc"))
    assert len({h.identifier for h in headers}) == len(headers) == TOTAL
    records = list(Sickle(server, http_method="POST").ListRecords(
        metadataPrefix="oai_dc", set="collection:cia", ignore_deleted=True))
    assert len(records) == len(range(0, TOTAL, 3)) - len([n for n in range(1, 100, 10) if n % 3 == 0])


def test_a_harvest_during_which_records_change_misses_none_and_repeats_none_unchanged(
        tmp_path: Path, sample_conversion) -> None:
    folder, db, clock = tmp_path / "tei", tmp_path / "oai.db", Clock()
    synthesize(sample_conversion.tei, folder, 20)
    build_index(folder, db, clock=clock)
    app = OaiApp(db, batch_size=5)
    first = call(app, "verb=ListIdentifiers&metadataPrefix=oai_dc")
    seen = first.xpath("//o:header/o:identifier/text()")
    harvested, ahead = seen[0], "oai:example.org:jfk/memo-000014"
    assert ahead not in seen
    # between two pages: one record harvested already changes, one not yet harvested changes,
    # one not yet harvested is deleted, all in the same second as the first build
    base = etree.fromstring(sample_conversion.tei)
    write_variant(base, folder, 0, title_suffix=" (revised)")
    write_variant(base, folder, 14, title_suffix=" (revised)")
    (folder / "state" / "memo-000016.xml").unlink()
    report = build_index(folder, db, clock=clock)
    assert (report.changed, report.deleted) == (2, 1)
    token = first.xpath("//o:resumptionToken/text()")[0]
    rest: list[str] = []
    deleted: list[str] = []
    for page in iter_pages(app, {"verb": "ListIdentifiers", "resumptionToken": token}):
        rest += page.xpath("//o:header/o:identifier/text()")
        deleted += page.xpath("//o:header[@status='deleted']/o:identifier/text()")
    counts = Counter(seen + rest)
    assert set(counts) == {f"oai:example.org:{COLLECTIONS[n % 3]}/memo-{n:06d}" for n in range(20)}
    assert counts[harvested] == 2  # changed after it was harvested: comes again, as it changed
    assert {i for i, c in counts.items() if c > 1} == {harvested}
    assert deleted == ["oai:example.org:state/memo-000016"]

"""What the OAI-PMH tests share: synthesized collections of TEI, an index of many records
made directly, the app called in process, sickle pointed at it, and the reference schemas."""

from __future__ import annotations

import copy
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlencode, urlsplit

from lxml import etree

from memo_tei.names import XPATH_NS
from memo_tei.oai import store
from memo_tei.oai.app import OaiApp
from memo_tei.oai.names import OAI_NS
from memo_tei.oai.records import RecordData, local_id
from memo_tei.oai.sets import SetInfo

NS = {"o": OAI_NS, **XPATH_NS, "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
      "dc": "http://purl.org/dc/elements/1.1/"}
T0 = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
COLLECTIONS = ("cia", "state", "jfk")


class Clock:
    """A clock that stands still until moved: the index's datestamps are what a test says."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 1.0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


# --- collections of TEI made from one converted memo ------------------------------------

def synthesize(template: bytes, folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """``count`` TEI documents made from ``template`` (a memo-tei conversion), each with its own
    title, date and release stamp (its classification, tied to its banners, is the template's),
    in the folders of :data:`COLLECTIONS`."""
    base = etree.fromstring(template)
    paths = []
    for number in range(start, start + count):
        paths.append(write_variant(base, folder, number))
    return paths


def variant_path(folder: Path, number: int) -> Path:
    return folder / COLLECTIONS[number % len(COLLECTIONS)] / f"memo-{number:06d}.xml"


def write_variant(base: etree._Element, folder: Path, number: int, *, title_suffix: str = "") -> Path:
    doc = copy.deepcopy(base)
    for title in doc.xpath("//tei:titleStmt/tei:title | //tei:bibl[@type='original']/tei:title", namespaces=XPATH_NS):
        title.text = f"Staff memorandum {number}{title_suffix}"
    year = 1950 + number % 30
    for date in doc.xpath("//tei:creation/tei:date | //tei:bibl[@type='original']/tei:date", namespaces=XPATH_NS):
        date.set("when", f"{year}-10-14")
        date.text = f"14 October {year}"
    for stamp in doc.xpath("//tei:text//tei:stamp[@type='declassification']", namespaces=XPATH_NS)[:1]:
        for child in list(stamp):
            stamp.remove(child)
        stamp.text = f"Approved For Release {2000 + number % 5}/08/20 : CIA-RDP80B01676R{number:012d}-1"
    path = variant_path(folder, number)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    return path


# --- an index of many records, written directly ------------------------------------------

def direct_index(db: Path, count: int, *, oai_dc: bytes, tei: bytes, clock: Clock,
                 tick_every: int = 1000) -> sqlite3.Connection:
    """An index of ``count`` records made without files (for paging tests): each record has
    the given metadata, a collection, a level and a release year; the clock moves one second
    every ``tick_every`` records. The connection is left open for the test to change it."""
    conn = store.create(db)
    with store.transaction(conn):
        for number in range(count):
            put_direct(conn, number, oai_dc=oai_dc, tei=tei, clock=clock)
            if (number + 1) % tick_every == 0:
                clock.advance()
    return conn


def put_direct(conn: sqlite3.Connection, number: int, *, oai_dc: bytes, tei: bytes, clock: Clock,
               version: int = 0) -> None:
    """Add or change record ``number`` as the indexer would: next change number, clock's datestamp."""
    relative = PurePosixPath(variant_path(Path("."), number).as_posix())
    collection = COLLECTIONS[number % len(COLLECTIONS)]
    sets = (SetInfo(f"collection:{collection}", collection),
            SetInfo(f"released:{2000 + number % 5}", f"Released in {2000 + number % 5}"))
    record = RecordData(local_id(relative), relative.as_posix(), sets, oai_dc, tei, f"{number}-{version}")
    seq = int(store.meta(conn, "next_seq") or "1")
    store.set_meta(conn, "next_seq", str(seq + 1))
    store.put(conn, record, file_sha256=f"{number}-{version}", seq=seq, datestamp=_stamp(clock), run=1)


def delete_direct(conn: sqlite3.Connection, number: int, *, clock: Clock) -> None:
    relative = PurePosixPath(variant_path(Path("."), number).as_posix())
    found = store.stored(conn, local_id(relative))
    assert found is not None
    seq = int(store.meta(conn, "next_seq") or "1")
    store.set_meta(conn, "next_seq", str(seq + 1))
    store.mark_deleted(conn, found.id, seq=seq, datestamp=_stamp(clock))


def _stamp(clock: Clock) -> str:
    return clock().strftime("%Y-%m-%dT%H:%M:%SZ")


# --- calling the app ---------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    status: str
    headers: dict[str, str]
    body: bytes

    @property
    def root(self) -> etree._Element:
        return etree.fromstring(self.body)

    def xpath(self, path: str) -> list[Any]:
        return self.root.xpath(path, namespaces=NS)

    @property
    def error_codes(self) -> list[str]:
        return self.xpath("o:error/@code")


def call(app: OaiApp, query: str | list[tuple[str, str]] | dict[str, str] = "", *, method: str = "GET",
         body: bytes | None = None, content_type: str = "application/x-www-form-urlencoded",
         path: str = "/oai") -> Answer:
    """One request to the app, as a WSGI server would make it."""
    text = query if isinstance(query, str) else urlencode(query)
    if method == "POST" and body is None:
        body, text = text.encode(), ""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": text,
               "SERVER_NAME": "oai.test", "SERVER_PORT": "80", "HTTP_HOST": "oai.test",
               "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body or b""),
               "CONTENT_LENGTH": str(len(body or b"")), "CONTENT_TYPE": content_type if body is not None else ""}
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    data = b"".join(app(environ, start_response))
    return Answer(seen["status"], seen["headers"], data)


def in_process_sickle(app: OaiApp, **options: Any) -> Any:
    """sickle harvesting the app through requests, with no socket: a transport adapter turns
    each request into a WSGI call."""
    import requests
    from requests.adapters import BaseAdapter
    from requests.structures import CaseInsensitiveDict
    from sickle import Sickle

    class WsgiAdapter(BaseAdapter):
        def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
            parts = urlsplit(request.url)
            body = request.body.encode() if isinstance(request.body, str) else request.body
            answer = call(app, parts.query, method=request.method or "GET", body=body, path=parts.path)
            response = requests.Response()
            response.status_code = int(answer.status.split()[0])
            response.headers = CaseInsensitiveDict(answer.headers)
            response._content = answer.body
            response.url, response.request, response.encoding = request.url, request, "utf-8"
            return response

        def close(self) -> None:
            pass

    class InProcessSickle(Sickle):
        def __init__(self) -> None:
            super().__init__("http://oai.test/oai", **options)
            self.session = requests.Session()
            self.session.mount("http://oai.test/", WsgiAdapter())

        def _request(self, kwargs: dict[str, str]) -> requests.Response:
            if self.http_method == "GET":
                return self.session.get(self.endpoint, params=kwargs)
            return self.session.post(self.endpoint, data=kwargs)

    return InProcessSickle()


# --- schemas -----------------------------------------------------------------------------

class Schemas:
    """The reference OAI-PMH and oai_dc schemas, and the project's TEI profile, applied to a
    response: every error found, as text."""

    def __init__(self, reference: Path) -> None:
        self.oai = etree.XMLSchema(etree.parse(str(reference / "OAI-PMH.xsd")))
        self.oai_dc = etree.XMLSchema(etree.parse(str(reference / "oai_dc.xsd")))

    def errors(self, body: bytes) -> list[str]:
        from memo_tei.validate import check_tei

        root = etree.fromstring(body)
        found = [] if self.oai.validate(root) else [f"OAI-PMH.xsd: {self.oai.error_log.last_error}"]
        for dc in root.xpath("//o:metadata/oai_dc:dc", namespaces=NS):
            if not self.oai_dc.validate(etree.ElementTree(copy.deepcopy(dc))):
                found.append(f"oai_dc.xsd: {self.oai_dc.error_log.last_error}")
        for tei in root.xpath("//o:metadata/tei:TEI", namespaces=NS):
            found += [str(f) for f in check_tei(etree.fromstring(etree.tostring(tei))) if f.is_error]
        return found


def iter_pages(app: OaiApp, first: dict[str, str], *, schemas: Schemas | None = None) -> Iterator[Answer]:
    """Every page of a list request, following resumption tokens, each checked if asked."""
    answer = call(app, first)
    while True:
        if schemas is not None:
            assert schemas.errors(answer.body) == []
        yield answer
        token = answer.xpath("//o:resumptionToken/text()")
        if not token:
            return
        answer = call(app, {"verb": first["verb"], "resumptionToken": token[0]})

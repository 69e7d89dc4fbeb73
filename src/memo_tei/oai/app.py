"""The WSGI application: HTTP in front of :func:`~memo_tei.oai.protocol.respond`.

Importable on its own for any WSGI server (``gunicorn 'memo_tei.oai.app:from_environment()'``
with ``MEMO_TEI_OAI_DB`` set, or :func:`make_app` in your own module). GET and POST
(``application/x-www-form-urlencoded``) are answered; requests larger than
:data:`~memo_tei.oai.names.MAX_REQUEST_BYTES` are refused before they are parsed; every
protocol error is a document in HTTP 200. The index is opened read-only, one connection per
thread, and opened again if the file is replaced by a new build.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl
from wsgiref.util import request_uri

from . import store
from .config import OaiConfig
from .datestamps import Clock, format_datestamp, utc_now
from .errors import BadArgument, IndexStoreError
from .names import CONTENT_TYPE, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, MAX_REQUEST_BYTES
from .protocol import error_response, respond
from .verbs import Repository

StartResponse = Callable[..., Any]
#: Most arguments a request may carry (the longest legal request has five).
MAX_FIELDS = 32
DB_VARIABLE = "MEMO_TEI_OAI_DB"
_FORM = "application/x-www-form-urlencoded"


class OaiApp:
    """An OAI-PMH 2.0 data provider over one memo-tei index."""

    def __init__(self, db: Path, *, config: OaiConfig | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 clock: Clock = utc_now) -> None:
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"the batch size must be between 1 and {MAX_BATCH_SIZE}")
        self.db, self.config, self.batch_size, self.clock = db, config or OaiConfig(), batch_size, clock
        store.open_readonly(db).close()  # fail now, not at the first request, if it is no index
        self._local = threading.local()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD", "POST"):
            return _plain(start_response, "405 Method Not Allowed", b"GET or POST\n", [("Allow", "GET, HEAD, POST")])
        try:
            raw = _raw_request(environ, method)
        except _TooLarge as err:
            return _plain(start_response, err.status, b"request too large\n")
        repo = self.repository(request_uri(environ, include_query=False))
        try:
            pairs = parse_qsl(_form_text(raw, environ, method), keep_blank_values=True, encoding="utf-8",
                              errors="strict", max_num_fields=MAX_FIELDS)
            body = respond(pairs, repo)
        except (UnicodeDecodeError, ValueError):
            body = error_response(BadArgument("the request is not UTF-8 form data of a few arguments"),
                                  repo, request_args=None)
        start_response("200 OK", [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(body)))])
        return [b"" if method == "HEAD" else body]

    def repository(self, base_url: str) -> Repository:
        """What one request is answered from, at this moment."""
        conn = self._connection()
        return Repository(conn=conn, config=self.config, batch_size=self.batch_size,
                          secret=store.meta(conn, "secret") or "", base_url=base_url,
                          now=format_datestamp(self.clock()))

    def _connection(self) -> sqlite3.Connection:
        try:
            stat = os.stat(self.db)
        except OSError as err:
            raise IndexStoreError(f"{self.db}: the index is gone: {err.strerror}") from None
        key = (stat.st_dev, stat.st_ino)
        local = self._local
        if getattr(local, "key", None) != key:
            if getattr(local, "conn", None) is not None:
                local.conn.close()
            local.conn, local.key = store.open_readonly(self.db), key
        conn: sqlite3.Connection = local.conn
        return conn


def make_app(db: str | os.PathLike[str], *, config: OaiConfig | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE) -> OaiApp:
    """The WSGI application serving the index at ``db``."""
    return OaiApp(Path(db), config=config, batch_size=batch_size)


def from_environment() -> OaiApp:
    """The application for a WSGI server started on its own: the index named by
    ``MEMO_TEI_OAI_DB``, the settings of memo-tei.toml in the current folder."""
    from .config import load_oai_config

    db = os.environ.get(DB_VARIABLE)
    if not db:
        raise IndexStoreError(f"set {DB_VARIABLE} to the path of the index")
    return make_app(db, config=load_oai_config()[0])


class _TooLarge(Exception):
    def __init__(self, status: str) -> None:
        self.status = status


def _raw_request(environ: dict[str, Any], method: str) -> bytes | str:
    """The urlencoded arguments: the query string, or the body of a POST."""
    if method != "POST":
        query: str = environ.get("QUERY_STRING", "")
        if len(query) > MAX_REQUEST_BYTES:
            raise _TooLarge("414 URI Too Long")
        return query
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        raise _TooLarge("413 Content Too Large")
    body: bytes = environ["wsgi.input"].read(length) if length > 0 else b""
    return body


def _form_text(raw: bytes | str, environ: dict[str, Any], method: str) -> str:
    """The arguments as text; ValueError for a body that is not form data, or not UTF-8."""
    if method == "POST" and environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() not in (_FORM, ""):
        raise ValueError("a POST request must be application/x-www-form-urlencoded")
    if isinstance(raw, str):
        raw = raw.encode("latin-1")  # PEP 3333: the bytes of the request, read as latin-1
    return raw.decode("utf-8")


def _plain(start_response: StartResponse, status: str, body: bytes,
           headers: list[tuple[str, str]] | None = None) -> list[bytes]:
    """An HTTP-level refusal (wrong method, request too large): not an OAI-PMH response."""
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                            *(headers or [])])
    return [body]

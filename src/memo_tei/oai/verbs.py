"""The six verbs: each adds its element to a response, or raises the protocol error that
the specification names for what went wrong."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from . import store
from .config import OaiConfig
from .datestamps import Range, parse_range
from .errors import BadResumptionToken, CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch, NoSetHierarchy
from .names import (
    DELETED_RECORD,
    GRANULARITY,
    METADATA_FORMATS,
    OAI_IDENTIFIER_NS,
    OAI_IDENTIFIER_SCHEMA_URL,
    PROTOCOL_VERSION,
    TEI_PAGE_SIZE,
    XSI_NS,
)
from .responses import add, add_header, add_metadata, add_resumption
from .tokens import Token, decode, encode


@dataclass(frozen=True)
class Repository:
    """What a verb answers from: the index, the repository's settings, the page size."""

    conn: sqlite3.Connection
    config: OaiConfig
    batch_size: int
    secret: str
    base_url: str
    now: str

    def identifier(self, local_id: str) -> str:
        return self.config.identifier_prefix + local_id

    def local_id(self, identifier: str) -> str:
        """The index key of an OAI identifier; :class:`IdDoesNotExist` for one not of ours."""
        prefix = self.config.identifier_prefix
        if not identifier.startswith(prefix) or len(identifier) == len(prefix):
            raise IdDoesNotExist(f"{identifier!r} is not an identifier of this repository")
        return identifier[len(prefix):]


Verb = Callable[[Repository, dict[str, str], etree._Element], None]


def identify(repo: Repository, args: dict[str, str], root: etree._Element) -> None:
    element = add(root, "Identify")
    add(element, "repositoryName", repo.config.repository_name)
    add(element, "baseURL", repo.config.base_url or repo.base_url)
    add(element, "protocolVersion", PROTOCOL_VERSION)
    add(element, "adminEmail", repo.config.admin_email)
    add(element, "earliestDatestamp", store.earliest_datestamp(repo.conn) or repo.now)
    add(element, "deletedRecord", DELETED_RECORD)
    add(element, "granularity", GRANULARITY)
    description = add(element, "description")
    ident = etree.SubElement(description, f"{{{OAI_IDENTIFIER_NS}}}oai-identifier",
                             nsmap={None: OAI_IDENTIFIER_NS, "xsi": XSI_NS})
    ident.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA_URL}")
    sample = store.page(repo.conn, spec=None, dates=Range(), after=0, limit=1, column=None)
    for tag, text in (("scheme", "oai"), ("repositoryIdentifier", repo.config.domain), ("delimiter", ":"),
                      ("sampleIdentifier", repo.identifier(sample[0].local_id if sample else "folder/record"))):
        etree.SubElement(ident, f"{{{OAI_IDENTIFIER_NS}}}{tag}").text = text


def list_metadata_formats(repo: Repository, args: dict[str, str], root: etree._Element) -> None:
    if "identifier" in args and store.get(repo.conn, repo.local_id(args["identifier"]), None) is None:
        raise IdDoesNotExist(f"no record {args['identifier']!r}")
    element = add(root, "ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = add(element, "metadataFormat")
        add(fmt, "metadataPrefix", prefix)
        add(fmt, "schema", schema)
        add(fmt, "metadataNamespace", namespace)


def get_record(repo: Repository, args: dict[str, str], root: etree._Element) -> None:
    prefix = _format(args["metadataPrefix"])
    row = store.get(repo.conn, repo.local_id(args["identifier"]), prefix)
    if row is None:
        raise IdDoesNotExist(f"no record {args['identifier']!r}")
    _add_record(repo, add(root, "GetRecord"), row)


def list_sets(repo: Repository, args: dict[str, str], root: etree._Element) -> None:
    token = _resume(repo, args, "ListSets") or Token("ListSets")
    rows = store.list_sets(repo.conn, after=token.spec, limit=repo.batch_size + 1)
    if not rows and token.cursor == 0:
        raise NoSetHierarchy("this repository has no sets (its index holds no records)")
    size = token.cursor + store.count_sets(repo.conn, after=token.spec)
    element = add(root, "ListSets")
    for spec, name in rows[:repo.batch_size]:
        entry = add(element, "set")
        add(entry, "setSpec", spec)
        add(entry, "setName", name)
    following = Token("ListSets", spec=rows[min(len(rows), repo.batch_size) - 1][0],
                      cursor=token.cursor + repo.batch_size) if len(rows) > repo.batch_size else None
    _add_resumption(repo, element, following, cursor=token.cursor, size=size)


def list_identifiers(repo: Repository, args: dict[str, str], root: etree._Element) -> None:
    _list(repo, args, root, "ListIdentifiers")


def list_records(repo: Repository, args: dict[str, str], root: etree._Element) -> None:
    _list(repo, args, root, "ListRecords")


#: Verb name -> what answers it.
HANDLERS: dict[str, Verb] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


def _list(repo: Repository, args: dict[str, str], root: etree._Element, verb: str) -> None:
    token = _resume(repo, args, verb) or _first_page(repo, args, verb)
    dates = Range(token.start, token.end)
    column = token.prefix if verb == "ListRecords" else None
    batch = TEI_PAGE_SIZE if column == "tei" else repo.batch_size
    rows = store.page(repo.conn, spec=token.set, dates=dates, after=token.seq, limit=batch + 1, column=column)
    if not rows:
        raise NoRecordsMatch("no record matches the arguments" if token.cursor == 0 else
                             "the records left in this list have all changed since it began: harvest anew")
    size = token.cursor + store.count(repo.conn, spec=token.set, dates=dates, after=token.seq)
    element = add(root, verb)
    page = rows[:batch]
    for row in page:
        if verb == "ListRecords":
            _add_record(repo, element, row)
        else:
            _add_header(repo, element, row)
    following = None
    if len(rows) > batch:
        following = Token(verb, token.prefix, token.set, token.start, token.end, seq=page[-1].seq,
                          identifier=page[-1].local_id, cursor=token.cursor + len(page))
    _add_resumption(repo, element, following, cursor=token.cursor, size=size)


def _first_page(repo: Repository, args: dict[str, str], verb: str) -> Token:
    prefix = _format(args["metadataPrefix"])
    dates = parse_range(args.get("from"), args.get("until"))
    spec = args.get("set")
    if spec is not None and not store.has_set(repo.conn, spec):
        if store.count_sets(repo.conn) == 0:
            raise NoSetHierarchy("this repository has no sets (its index holds no records)")
        raise NoRecordsMatch(f"no set {spec!r} in this repository")
    return Token(verb, prefix, spec, dates.start, dates.end)


def _resume(repo: Repository, args: dict[str, str], verb: str) -> Token | None:
    if "resumptionToken" not in args:
        return None
    token = decode(args["resumptionToken"], repo.secret, verb=verb)
    if token.seq > store.last_seq(repo.conn) or (token.prefix is not None and token.prefix not in METADATA_FORMATS):
        raise BadResumptionToken("the resumption token is stale: the index has changed under it")
    return token


def _format(prefix: str) -> str:
    if prefix not in METADATA_FORMATS:
        raise CannotDisseminateFormat(f"{prefix!r} is not a format of this repository "
                                      f"({', '.join(METADATA_FORMATS)})")
    return prefix


def _add_header(repo: Repository, parent: etree._Element, row: store.Row) -> None:
    add_header(parent, identifier=repo.identifier(row.local_id), datestamp=row.datestamp, sets=row.sets,
               deleted=row.deleted)


def _add_record(repo: Repository, parent: etree._Element, row: store.Row) -> None:
    record = add(parent, "record")
    _add_header(repo, record, row)
    if not row.deleted and row.data is not None:
        add_metadata(record, row.data)


def _add_resumption(repo: Repository, element: etree._Element, following: Token | None, *,
                    cursor: int, size: int) -> None:
    """A token for the next page; an empty one on the last page of a list that had more than
    one; none at all when one page holds the whole list."""
    if following is not None:
        add_resumption(element, encode(following, repo.secret), cursor=cursor, size=size)
    elif cursor > 0:
        add_resumption(element, None, cursor=cursor, size=size)

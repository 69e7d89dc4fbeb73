"""One TEI file made into what the index keeps of it: identifier, sets, oai_dc and TEI.

The oai_dc record comes from the project's crosswalk (:func:`memo_tei.dublin_core.record.dc_record_from_tei`)
and is checked against the shipped ``oai_dc.xsd``; the TEI is kept as the file holds it. The
``digest`` covers everything a harvester receives of the record, so that its datestamp moves
when, and only when, that changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from lxml import etree

from ..dublin_core.config import ExportConfig
from ..dublin_core.record import dc_record_from_tei
from ..dublin_core.tei_input import parse_tei
from ..dublin_core.writers import oai_dc_element
from ..errors import ExportError, InvalidOutputError
from ..names import XPATH_NS
from .names import MAX_TEI_BYTES
from .sets import SetInfo, record_sets

#: Characters of a relative path kept as they are in a local identifier (RFC 3986 unreserved
#: and the sub-delimiters the oai-identifier scheme allows); every other one is %-escaped.
_ID_SAFE = "/-_.!~*'();:@&=+$,"
_MEMO_TEI = "boolean(tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application[@ident='memo-tei'])"


@dataclass(frozen=True)
class RecordData:
    """A TEI document as the index holds it."""

    local_id: str
    path: str
    sets: tuple[SetInfo, ...]
    oai_dc: bytes
    tei: bytes
    digest: str


def local_id(relative: PurePosixPath) -> str:
    """The local part of a record's OAI identifier: its path under the indexed folder without
    ``.xml``, %-escaped into a URI. It names a row of the index, never a file to open."""
    return quote(relative.as_posix().removesuffix(".xml"), safe=_ID_SAFE)


def relative_of(identifier_local: str) -> str:
    """The relative path a local identifier was made from (for messages only)."""
    return unquote(identifier_local) + ".xml"


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_record(path: Path, relative: PurePosixPath, config: ExportConfig, *, data: bytes | None = None) -> RecordData:
    """The index's record of one TEI file; :class:`~memo_tei.errors.ExportError` for a file
    that is not TEI written by memo-tei."""
    if data is None:
        data = read_bytes(path)
    root = parse_tei(data)
    if not root.xpath(_MEMO_TEI, namespaces=XPATH_NS):
        raise ExportError("TEI not written by memo-tei (no appInfo/application[@ident='memo-tei'])")
    dc = oai_dc_element(dc_record_from_tei(root, config, stem=relative.stem))
    schema = _oai_dc_schema()
    if not schema.validate(dc):
        raise InvalidOutputError(f"the oai_dc record breaks oai_dc.xsd: {schema.error_log.last_error}")
    oai_dc = etree.tostring(dc, encoding="UTF-8")
    sets = tuple(record_sets(root, relative))
    digest = hashlib.sha256()
    for part in (oai_dc, data, *(f"{s.spec}\t{s.name}".encode() for s in sets)):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return RecordData(local_id(relative), relative.as_posix(), sets, oai_dc, data, digest.hexdigest())


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing what is over the size limit or cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_TEI_BYTES:
            raise ExportError(f"file is {size:,} bytes, over the limit of {MAX_TEI_BYTES:,}")
        return path.read_bytes()
    except OSError as err:
        raise ExportError(f"cannot read: {err.strerror or err}") from None


@lru_cache(maxsize=1)
def _oai_dc_schema() -> etree.XMLSchema:
    from ..validate.shipped import OAI_DC_SCHEMA, shipped_schema

    return etree.XMLSchema(etree.parse(str(shipped_schema(OAI_DC_SCHEMA))))

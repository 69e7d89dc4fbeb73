"""Namespaces, fixed vocabulary and size limits of the OAI-PMH data provider, in one place."""

from __future__ import annotations

from ..dublin_core.names import OAI_DC_NS, OAI_DC_SCHEMA_URL, XSI_NS
from ..names import TEI_NS

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA_URL = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA_URL = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
TEI_SCHEMA_URL = "https://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd"
PROTOCOL_VERSION = "2.0"

#: The finest granularity of datestamps, as Identify announces it.
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
#: How deleted records are kept: tombstones are never dropped.
DELETED_RECORD = "persistent"

#: The formats a record is disseminated in: prefix -> (schema, namespace).
METADATA_FORMATS: dict[str, tuple[str, str]] = {
    "oai_dc": (OAI_DC_SCHEMA_URL, OAI_DC_NS),
    "tei": (TEI_SCHEMA_URL, TEI_NS),
}

#: Records (or identifiers, or sets) in one page of a list unless ``--batch-size`` says otherwise.
DEFAULT_BATCH_SIZE = 100
#: Records in one ListRecords page of the ``tei`` format, whatever the batch size: every TEI of the
#: profile carries the same ``xml:id`` values (its classification taxonomy), and an ``xml:id``
#: must be unique in a document, so two TEI in one response would stop strict XML parsers.
TEI_PAGE_SIZE = 1
#: The largest page a server may be asked to serve.
MAX_BATCH_SIZE = 10_000
#: Largest request (query string or POST body) the server reads, in bytes.
MAX_REQUEST_BYTES = 8 * 1024
#: Largest TEI file indexed, in bytes.
MAX_TEI_BYTES = 64 * 1024 * 1024

CONTENT_TYPE = "text/xml; charset=utf-8"

__all__ = [
    "CONTENT_TYPE", "DEFAULT_BATCH_SIZE", "DELETED_RECORD", "GRANULARITY", "MAX_BATCH_SIZE",
    "MAX_REQUEST_BYTES", "MAX_TEI_BYTES", "METADATA_FORMATS", "OAI_DC_NS", "OAI_IDENTIFIER_NS",
    "OAI_IDENTIFIER_SCHEMA_URL", "OAI_NS", "OAI_SCHEMA_URL", "PROTOCOL_VERSION", "TEI_NS",
    "TEI_PAGE_SIZE", "TEI_SCHEMA_URL", "XSI_NS",
]

"""A Dublin Core record as oai_dc XML, JSON or CSV, and back again.

Every writer checks the record against the official oai_dc schema first, so that no format
carries a record the OAI-PMH form would refuse. Output is a pure function of the records:
elements in DCMI order, values in record order, UTF-8, no clock.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from lxml import etree

from ..errors import ExportError
from .names import DC_ELEMENTS, DC_NS, OAI_DC_NS, OAI_DC_NSMAP, OAI_DC_SCHEMA_URL, XSI_NS, dc
from .record import DcRecord
from .schema import check_oai_dc

#: Joins the values of one element in a CSV cell.
CSV_SEPARATOR = "||"
#: The first CSV column: the name of the TEI file a row describes.
CSV_KEY = "file"
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def oai_dc_element(record: DcRecord) -> etree._Element:
    """The ``oai_dc:dc`` element of a record, as OAI-PMH serves it."""
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap=OAI_DC_NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA_URL}")
    try:
        for element, value in record.items():
            etree.SubElement(root, dc(element)).text = value
    except ValueError as err:  # lxml refuses characters XML cannot hold
        raise ExportError(f"a dc:{element} value cannot be written as XML: {err}") from None
    return root


def check_record(record: DcRecord) -> None:
    """Raise unless the record validates against the official oai_dc schema."""
    check_oai_dc(oai_dc_element(record))


def write_oai_dc(record: DcRecord) -> bytes:
    """The record as an oai_dc XML document, validated against the official schema."""
    root = oai_dc_element(record)
    check_oai_dc(root)
    etree.indent(root)
    return _XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"


def read_oai_dc(data: bytes) -> DcRecord:
    """A record from oai_dc XML (elements outside Dublin Core are refused)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise ExportError(f"not well-formed XML: {err}") from None
    if root.tag != f"{{{OAI_DC_NS}}}dc":
        raise ExportError(f"not an oai_dc record: the root element is {root.tag!s}")
    values: dict[str, list[str]] = {}
    for child in root.iterchildren(etree.Element):
        qname = etree.QName(child)
        if qname.namespace != DC_NS or qname.localname not in DC_ELEMENTS:
            raise ExportError(f"not a Dublin Core element: {child.tag!s}")
        values.setdefault(qname.localname, []).append(child.text or "")
    return DcRecord.from_dict(values)


def write_json(record: DcRecord) -> bytes:
    """The record as a JSON object of DC element to list of values (elements with values only)."""
    check_record(record)
    return json.dumps(record.as_dict(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def read_json(data: bytes) -> DcRecord:
    """A record from its JSON form."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ExportError(f"not JSON in UTF-8: {err}") from None
    if not isinstance(value, dict):
        raise ExportError("not a Dublin Core record: JSON object expected")
    return DcRecord.from_dict(value)


def write_csv(rows: Iterable[tuple[str, DcRecord]]) -> bytes:
    """One row per ``(file name, record)``: a ``file`` column, then one column per DC
    element, repeated values joined by ``||``; RFC 4180 (CRLF line ends), UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([CSV_KEY, *DC_ELEMENTS])
    for name, record in rows:
        check_record(record)
        writer.writerow([name, *(CSV_SEPARATOR.join(record.values(e)) for e in DC_ELEMENTS)])
    return buffer.getvalue().encode("utf-8")


def read_csv(data: bytes) -> list[tuple[str, DcRecord]]:
    """The ``(file name, record)`` rows of a CSV written by :func:`write_csv`."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as err:
        raise ExportError(f"not CSV in UTF-8: {err}") from None
    if reader.fieldnames is None or reader.fieldnames[0] != CSV_KEY:
        raise ExportError(f"not a memo-tei Dublin Core CSV: the first column is not {CSV_KEY!r}")
    result = []
    for row in rows:
        name = row.pop(CSV_KEY) or ""
        values = {e: [v for v in (cell or "").split(CSV_SEPARATOR) if v] for e, cell in row.items()}
        result.append((name, DcRecord.from_dict(values)))
    return result

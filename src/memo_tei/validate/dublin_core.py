"""The rules harvesters apply to a Dublin Core record beyond its schema.

oai_dc.xsd lets every element be absent and any text stand in any of them; an aggregator
(OAI-PMH harvesters, Europeana, DPLA) wants more: a title, an identifier, a date and a
type, dates in ISO 8601 (the W3C profile), languages as ISO 639 codes, and no control
characters, which XML 1.0 admits from U+007F to U+009F but no index displays.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lxml import etree

from .findings import Finding
from .iso639 import is_language_code
from .names import DC_NS
from .nodes import line_of, readable_xpath

NAME = "dc-record"

#: Elements a record must carry, with a non-blank value.
REQUIRED = ("title", "identifier", "date", "type")

#: ISO 8601 as the W3C profile (W3CDTF) narrows it: YYYY, YYYY-MM, YYYY-MM-DD, and a time
#: with its zone after a full date.
_W3CDTF = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class DublinCoreRecordChecker:
    """The record rules, as ``dc-record:<rule>`` findings."""

    name = NAME

    def check(self, tree: etree._ElementTree, *, file: str) -> Iterator[Finding]:
        root = tree.getroot()
        yield from _required(root, file)
        for element in root.iter(f"{{{DC_NS}}}date"):
            if not is_w3cdtf(_text(element)):
                yield _finding(file, element, "date-iso8601",
                               f"dc:date {_text(element)!r} is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD)",
                               expected="YYYY[-MM[-DD]]", found=_text(element))
        for element in root.iter(f"{{{DC_NS}}}language"):
            if not is_language_code(_text(element)):
                yield _finding(file, element, "language-iso639",
                               f"dc:language {_text(element)!r} is not an ISO 639 code (en, fr, eng ...)",
                               expected="ISO 639 code", found=_text(element))
        yield from _control_characters(root, file)


def is_w3cdtf(value: str) -> bool:
    """True for an ISO 8601 date in the W3C profile that names a real day and time."""
    match = _W3CDTF.fullmatch(value)
    if match is None:
        return False
    year, month, day = int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)
    try:
        dt.datetime(year, month, day, int(match["H"] or 0), int(match["M"] or 0), int(match["S"] or 0))
    except ValueError:
        return False
    return True


def _required(root: etree._Element, file: str) -> Iterator[Finding]:
    for name in REQUIRED:
        if not any(_text(e) for e in root.iter(f"{{{DC_NS}}}{name}")):
            yield _finding(file, root, f"{name}-present", f"the record has no dc:{name} with a value",
                           expected=f"dc:{name}")


def _control_characters(root: etree._Element, file: str) -> Iterator[Finding]:
    for element in root.iter(etree.Element):
        values = [element.text or "", element.tail or "", *element.attrib.values()]
        found = next((m.group() for v in values if (m := _CONTROL.search(v))), None)
        if found is not None:
            yield _finding(file, element, "no-control-characters",
                           f"{etree.QName(element).localname} holds the control character U+{ord(found):04X}",
                           found=f"U+{ord(found):04X}")


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _finding(file: str, element: etree._Element, rule: str, message: str, *,
             expected: str | None = None, found: str | None = None) -> Finding:
    return Finding(file, line_of(element), 0, f"{NAME}:{rule}", message, xpath=readable_xpath(element),
                   expected=expected, found=found)

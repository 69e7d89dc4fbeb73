"""Namespaces and the fixed vocabulary of the TEI profile (see docs/PROFILE.md)."""

from __future__ import annotations

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
XPATH_NS = {"tei": TEI_NS}

#: Classification levels, highest first, with the category id the profile fixes.
LEVELS: dict[str, str] = {
    "TS": "Top Secret",
    "S": "Secret",
    "C": "Confidential",
    "R": "Restricted",
    "U": "Unclassified",
}
LEVEL_RANK = {code: rank for rank, code in enumerate(LEVELS)}

STAMP_TYPES = ("declassification", "release", "exemption", "other")


def tei(tag: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def highest_level(levels: list[str]) -> str | None:
    """The highest of some level codes (TS > S > C > R > U), or None for none."""
    known = [lv for lv in levels if lv in LEVEL_RANK]
    return min(known, key=LEVEL_RANK.__getitem__) if known else None

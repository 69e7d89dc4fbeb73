"""The Dublin Core record of a TEI document: the crosswalk and the record it fills.

The crosswalk reads only the fixed XPaths of the profile (docs/PROFILE.md, and the Dublin
Core section of the encoding contract), so it works on any TEI memo-tei wrote, whichever
version wrote it. It is a pure function of the TEI and the configuration: same input, same
record. Serialisations live in :mod:`memo_tei.dublin_core.writers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import Any

from lxml import etree
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ExportError
from ..names import LEVELS, XML_NS, XPATH_NS, tei
from .config import ExportConfig
from .names import DC_ELEMENTS, DCMI_TEXT, TEI_MEDIA_TYPE
from .vocab import MAX_EXEMPTIONS_NAMED, genre_from_idnos, release_phrases

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_639 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_BREAKS = {tei("lb"), tei("pb"), tei("cb")}


class DcRecord(BaseModel):
    """One simple Dublin Core record: each of the fifteen elements holds zero or more values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: tuple[str, ...] = ()
    creator: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    description: tuple[str, ...] = ()
    publisher: tuple[str, ...] = ()
    contributor: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    identifier: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    relation: tuple[str, ...] = ()
    coverage: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()

    def values(self, element: str) -> tuple[str, ...]:
        """The values of one element, by its DC name."""
        if element not in DC_ELEMENTS:
            raise KeyError(element)
        values: tuple[str, ...] = getattr(self, element)
        return values

    def items(self) -> Iterator[tuple[str, str]]:
        """Every ``(element, value)`` pair, elements in DCMI order, values in record order."""
        for element in DC_ELEMENTS:
            for value in self.values(element):
                yield element, value

    def as_dict(self) -> dict[str, list[str]]:
        """The elements that have values, in DCMI order."""
        return {e: list(self.values(e)) for e in DC_ELEMENTS if self.values(e)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DcRecord:
        """A record from a mapping of DC element to list of values (the JSON form)."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ExportError(f"not a Dublin Core record: {where}: {first['msg']}") from None


def dc_record_from_tei(root: etree._Element, config: ExportConfig | None = None, *,
                       stem: str | None = None, genre: str | None = None) -> DcRecord:
    """The Dublin Core record of one TEI document.

    ``stem`` names the document for a configured identifier prefix (default: the stem of the
    source file named in the provenance note); ``genre`` overrides what the TEI tells of it.
    """
    config = config or ExportConfig()
    if root.tag != tei("TEI"):
        raise ExportError(f"not a TEI document: the root element is {_name(root)}")
    header = root.find(tei("teiHeader"))
    if header is None:
        raise ExportError("not a TEI document of the profile: it has no teiHeader")
    idnos = [(el.get("type", ""), _text(el)) for el in _xp(header, "tei:fileDesc/tei:sourceDesc//tei:idno")]
    genre = genre or _first(_texts(header, "tei:profileDesc/tei:textClass/tei:keywords/tei:term[@type='genre']"))
    genre = genre or genre_from_idnos(idnos)
    stem = stem or _provenance_stem(header)
    prefix = config.identifier_prefix
    fields: dict[str, Iterable[str]] = {
        "title": _texts(header, "tei:fileDesc/tei:titleStmt/tei:title[1]"),
        "creator": _texts(header, "tei:fileDesc/tei:titleStmt/tei:author"),
        "subject": [*_texts(header, "tei:profileDesc/tei:textClass/tei:keywords/tei:term[not(@type='genre')]"),
                    *_texts(root, "tei:text//tei:persName | tei:text//tei:orgName")],
        "description": [_description(root, header, genre)],
        "publisher": [config.publisher or ""],
        "date": [w for w in _xp(header, "tei:profileDesc/tei:creation/tei:date/@when") if _ISO_DATE.match(w)],
        "type": [DCMI_TEXT, genre or ""],
        "format": [TEI_MEDIA_TYPE],
        "identifier": [text for _, text in idnos] + ([prefix + stem] if prefix and stem else []),
        "source": [_source(header)],
        "language": _languages(root, header),
        "relation": [config.collection or ""],
        "coverage": _texts(root, "tei:text//tei:placeName"),
        "rights": [config.rights] if config.rights else _texts(
            header, "tei:fileDesc/tei:publicationStmt/tei:availability"),
    }
    return DcRecord(**{element: tuple(_unique(values)) for element, values in fields.items()})


# --- the description ------------------------------------------------------------------

def _description(root: etree._Element, header: etree._Element, genre: str | None) -> str:
    """'Memorandum of 6 pages, originally classified SECRET; declassified.'"""
    pages = max(1, len(_xp(root, "tei:text//tei:pb")))
    noun = (genre or "record").capitalize()
    level = _original_level(header)
    if level is None:
        classification = "with no classification marking found"
    elif level == LEVELS["U"].upper():
        classification = f"marked {level}"
    else:
        classification = f"originally classified {level}"
    stamps = [(el.get("type", ""), _text(el)) for el in _xp(root, "tei:text//tei:stamp")]
    phrases = release_phrases([s for s in stamps if s[0] != "exemption"])
    withheld = _withheld([text for kind, text in stamps if kind == "exemption"],
                         bool(_xp(root, "tei:text//tei:gap[@reason='withheld']")))
    status = ", ".join([*phrases, *withheld]) or "no release marking found"
    return f"{noun} of {pages} page{'' if pages == 1 else 's'}, {classification}; {status}."


def _original_level(header: etree._Element) -> str | None:
    targets = _xp(header, "tei:profileDesc/tei:textClass/tei:catRef[@scheme='#classification']/@target")
    if not targets:
        return None
    ident = targets[0].split()[0].lstrip("#") if targets[0].split() else ""
    names = _texts(header, f"tei:encodingDesc/tei:classDecl//tei:category[@xml:id={_literal(ident)}]/tei:catDesc")
    code = ident.removeprefix("cls-")
    name = names[0] if names else LEVELS.get(code, code)
    return name.upper() or None


def _withheld(codes: list[str], gaps: bool) -> list[str]:
    codes = _unique(codes)
    if not codes:
        return ["portions withheld"] if gaps else []
    named = ", ".join(codes[:MAX_EXEMPTIONS_NAMED]) + (", ..." if len(codes) > MAX_EXEMPTIONS_NAMED else "")
    return [f"portions withheld under exemption{'s' if len(codes) > 1 else ''} {named}"]


def _source(header: etree._Element) -> str:
    """The original as a citation: agency; number; date (ISO 8601 when the TEI has it)."""
    desc = "tei:fileDesc/tei:sourceDesc"
    dates = _xp(header, f"{desc}//tei:date")
    date = (dates[0].get("when") or _text(dates[0])) if dates else ""
    return "; ".join(_unique([*_texts(header, f"{desc}//tei:author"), *_texts(header, f"{desc}//tei:idno"), date]))


def _languages(root: etree._Element, header: etree._Element) -> list[str]:
    idents = _xp(header, "tei:profileDesc/tei:langUsage/tei:language/@ident") or [root.get(f"{{{XML_NS}}}lang", "")]
    return [i for i in idents if _ISO_639.match(i)]


def _provenance_stem(header: etree._Element) -> str | None:
    names = _texts(header, "tei:fileDesc/tei:notesStmt/tei:note[@type='provenance']/tei:title")
    stem = PurePath(names[0]).stem if names and "/" not in names[0] and "\\" not in names[0] else ""
    return stem if stem not in ("", ".", "..") else None


# --- small helpers --------------------------------------------------------------------

def _xp(node: etree._Element, path: str) -> list[Any]:
    found: list[Any] = node.xpath(path, namespaces=XPATH_NS)  # the paths asked for select nodes
    return found


def _texts(node: etree._Element, path: str) -> list[str]:
    return [t for t in (_text(el) for el in _xp(node, path)) if t]


def _text(element: etree._Element) -> str:
    """The text of an element with its whitespace collapsed; a line break counts as a space."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag in _BREAKS:
                parts.append(" ")
            elif isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = " ".join(value.split())
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _literal(value: str) -> str:
    """An XPath string literal for ``value`` (which comes from the document)."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in value.split("'")) + ")"


def _name(element: etree._Element) -> str:
    qname = etree.QName(element)
    return f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname

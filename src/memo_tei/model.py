"""The document model: what memo-tei recognized in one OCR text, independent of TEI.

Every stage after the line reader builds or reads these objects; the TEI writer, the JSON
view (``memo-tei convert --format json``) and the Dublin Core exporter all read them. The
model is reading order: pages in sequence, each a list of blocks, each block a list of
inline pieces, so that nothing of the input's order is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


#: The pages, blocks and inline pieces are the most numerous objects of a document (a run
#: per line segment, a block per paragraph or marking): plain slotted dataclasses, which
#: pydantic validates where JSON is read back but which cost a tenth of a model's memory and
#: time to make (``@dataclass(slots=True, kw_only=True)`` written out on each, so that a type
#: checker reads their fields). The document, its facts and its source are pydantic models.
_FORBID = ConfigDict(extra="forbid")


@dataclass(slots=True, kw_only=True)
class Run:
    """Text as printed; ``struck`` when the source shows it struck through."""

    __pydantic_config__ = _FORBID
    kind: Literal["text"] = "text"
    text: str
    struck: bool = False


@dataclass(slots=True, kw_only=True)
class LineBreak:
    """The end of a printed line inside a block."""

    __pydantic_config__ = _FORBID
    kind: Literal["lb"] = "lb"


@dataclass(slots=True, kw_only=True)
class Portion:
    """A portion marking such as ``(C)`` or ``(S/NF)`` at the start of a paragraph."""

    __pydantic_config__ = _FORBID
    kind: Literal["portion"] = "portion"
    text: str
    level: str


@dataclass(slots=True, kw_only=True)
class Mark:
    """A marking inside a line of running text: a stamp, exemption code, page number or banner."""

    __pydantic_config__ = _FORBID
    kind: Literal["mark"] = "mark"
    type: Literal["classification", "stamp", "pageNum", "archivalId"]
    level: str | None = None
    stamp_type: Literal["declassification", "release", "exemption", "other"] | None = None
    rule: str = ""
    text: str
    struck: bool = False


@dataclass(slots=True, kw_only=True)
class Footnote:
    """A footnote body, carried to the place of its marker when one was found."""

    __pydantic_config__ = _FORBID
    kind: Literal["note"] = "note"
    n: str
    anchored: bool = True
    line: int
    rule: str = ""  # how it was found, when not by its marker or as a body set apart (see certainty.py)
    content: list[Inline] = field(default_factory=list)


Inline = Annotated[Run | LineBreak | Portion | Mark | Footnote, Field(discriminator="kind")]


@dataclass(slots=True, kw_only=True)
class _Block:
    __pydantic_config__ = _FORBID
    line: int  # the input line number of the block's first line
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Classification(_Block):
    """A classification banner or standalone level line."""

    kind: Literal["classification"] = "classification"
    level: str
    place: Literal["top", "bottom"] = "top"
    supplied: bool = False  # inferred from the document's banner pattern; absent from the OCR
    rule: str = ""  # the rule that found it; empty for a whole line of level words (see certainty.py)


@dataclass(slots=True, kw_only=True)
class Stamp(_Block):
    """A declassification, release or exemption marking added when the record was reviewed."""

    kind: Literal["stamp"] = "stamp"
    type: Literal["declassification", "release", "exemption", "other"]
    rule: str = ""


@dataclass(slots=True, kw_only=True)
class Furniture(_Block):
    """Printed page number or archival page identifier."""

    kind: Literal["pageNum", "archivalId"]
    place: Literal["top", "bottom"] = "bottom"
    rule: str = ""  # the rule that found it (``sequence``: its place in a run of page numbers)


@dataclass(slots=True, kw_only=True)
class Field_(_Block):
    """A header line of a memo, cable or form: letterhead, date, number, SUBJECT, TO, FROM..."""

    kind: Literal["field"] = "field"
    name: str
    value: str = ""


@dataclass(slots=True, kw_only=True)
class Authority(_Block):
    """A classification authority line: Classified By, E.O. 12958: DECL, GROUP 1..."""

    kind: Literal["authority"] = "authority"


@dataclass(slots=True, kw_only=True)
class Paragraph(_Block):
    """Running text; ``continued`` when it carries on a paragraph from the page before."""

    kind: Literal["paragraph"] = "paragraph"
    n: str | None = None
    continued: bool = False


@dataclass(slots=True, kw_only=True)
class LooseNote(_Block):
    """A footnote whose marker was not found in the text (``anchored="false"``)."""

    kind: Literal["note"] = "note"
    note: Footnote


Block = Annotated[
    Classification | Stamp | Furniture | Field_ | Authority | Paragraph | LooseNote,
    Field(discriminator="kind"),
]


@dataclass(slots=True, kw_only=True)
class Page:
    __pydantic_config__ = _FORBID
    position: int
    n: str
    blocks: list[Block] = field(default_factory=list)


class Identifier(_Model):
    type: str
    value: str
    rule: str = ""  # where it was read (see certainty.FACT_RULES)


class Facts(_Model):
    """What the document says of itself, for the teiHeader and Dublin Core."""

    title: str | None = None
    creators: list[str] = Field(default_factory=list)
    date: str | None = Field(None, description="ISO 8601, as precise as the document states")
    date_text: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    classification: str | None = None
    genre: str | None = None
    language: str = "en"
    #: Where each fact was read: ``title``, ``date``, ``creator``, ``classification`` to the
    #: name of its source (see certainty.FACT_RULES), for the certainty the TEI gives it.
    sources: dict[str, str] = Field(default_factory=dict)


class Source(_Model):
    name: str
    sha256: str
    size: int
    encoding: str


class Document(_Model):
    source: Source
    facts: Facts
    pages: list[Page]
    warnings: list[str] = Field(default_factory=list)
    generator: str


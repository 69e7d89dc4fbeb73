"""The sets a record belongs to, as archivists browse a collection.

Three families, each a parent set with one child per value (a record in a child is in its
parent too):

- ``collection:NAME``: the top folder under the indexed directory (records at its top are in
  no collection);
- ``classification:LEVEL``: the original classification level, the highest banner found
  (``top-secret``, ``secret``, ``confidential``, ``restricted``, ``unclassified``);
- ``released:YEAR``: the year of the latest release or declassification stamp, read through
  the table of ``release_years.toml``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

from lxml import etree

from ..names import LEVELS, XPATH_NS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Parent set spec -> its name in ListSets.
FAMILIES: dict[str, str] = {
    "collection": "Collections (top folders of the published tree)",
    "classification": "Original classification level",
    "released": "Year of release",
}
#: Years outside this range read from a stamp are taken for OCR noise.
YEAR_RANGE = range(1945, 2100)
_NOT_SPEC = re.compile(r"[^A-Za-z0-9\-_.!~*'()]+")
_STAMPS = "tei:text//tei:stamp[@type='release' or @type='declassification']"
_LEVEL = "string(tei:teiHeader/tei:profileDesc/tei:textClass/tei:catRef[@scheme='#classification']/@target)"


@dataclass(frozen=True)
class SetInfo:
    """One set: its spec and the name harvesters show."""

    spec: str
    name: str


@lru_cache(maxsize=1)
def release_patterns() -> tuple[re.Pattern[str], ...]:
    """The release-year rows of the shipped table, compiled."""
    text = resources.files(__package__).joinpath("release_years.toml").read_text(encoding="utf-8")
    return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in tomllib.loads(text)["release"])


def record_sets(root: etree._Element, relative: PurePosixPath) -> list[SetInfo]:
    """The leaf sets of one TEI document found at ``relative`` under the indexed folder."""
    found: list[SetInfo] = []
    if len(relative.parts) > 1:
        folder = relative.parts[0]
        found.append(SetInfo(f"collection:{spec_word(folder)}", folder))
    level = str(root.xpath(_LEVEL, namespaces=XPATH_NS)).strip().lstrip("#").removeprefix("cls-")
    if level in LEVELS:
        name = LEVELS[level]
        found.append(SetInfo(f"classification:{spec_word(name.lower())}", f"Originally classified {name}"))
    year = release_year(root)
    if year is not None:
        found.append(SetInfo(f"released:{year}", f"Released in {year}"))
    return found


def with_parents(sets: list[SetInfo]) -> list[SetInfo]:
    """The sets and their parent families, so that harvesting ``collection`` gets them all."""
    families = {s.spec.split(":", 1)[0] for s in sets}
    return [SetInfo(f, FAMILIES[f]) for f in FAMILIES if f in families] + sets


def release_year(root: etree._Element) -> int | None:
    """The latest year of release the stamps of a document tell, if any."""
    years: list[int] = []
    for stamp in root.xpath(_STAMPS, namespaces=XPATH_NS):
        text = " ".join(" ".join(stamp.itertext()).split())
        for pattern in release_patterns():
            years.extend(int(m.group("year")) for m in pattern.finditer(text))
    years = [y for y in years if y in YEAR_RANGE]
    return max(years) if years else None


def spec_word(text: str) -> str:
    """A set spec word for any name: characters a spec cannot hold become ``-``."""
    return _NOT_SPEC.sub("-", text).strip("-") or "-"

"""Reading the TEI files an export was asked for, and finding the OCR text each came from.

TEI is parsed strictly and safely: no DTD, no entity expansion, no network, a size limit.
The source text is the file the provenance note names (``notesStmt/note[@type='provenance']``:
its ``title`` and ``idno[@type='sha256']``); it is taken only when its bytes hash to the
recorded SHA-256, so a package never carries a text its TEI was not made from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import ExportError
from ..limits import MAX_XML_BYTES
from ..names import XPATH_NS, tei

_PROVENANCE = "tei:teiHeader/tei:fileDesc/tei:notesStmt/tei:note[@type='provenance']"


@dataclass(frozen=True)
class TeiFile:
    """One TEI document read from disk; ``relative`` is where it goes inside an export."""

    path: Path
    relative: Path
    data: bytes
    root: etree._Element

    @property
    def stem(self) -> str:
        return self.relative.stem

    @property
    def source_name(self) -> str | None:
        """The file name of the OCR text, as the provenance note records it."""
        names = self.root.xpath(f"string({_PROVENANCE}/tei:title[1])", namespaces=XPATH_NS)
        return str(names).strip() or None

    @property
    def source_sha256(self) -> str | None:
        digest = self.root.xpath(f"string({_PROVENANCE}/tei:idno[@type='sha256'][1])", namespaces=XPATH_NS)
        return str(digest).strip().lower() or None


@dataclass(frozen=True)
class SourceLookup:
    """Where the source text is (``path``), or why it is left out (``problem``)."""

    path: Path | None
    problem: str | None = None


def read_tei(path: Path, *, relative: Path | None = None, max_bytes: int = MAX_XML_BYTES) -> TeiFile:
    """Read and parse one TEI file, refusing what is not TEI."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ExportError(f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExportError("no such file") from None
    except OSError as err:
        raise ExportError(f"cannot read: {err.strerror or err}") from None
    return TeiFile(path=path, relative=relative or Path(path.name), data=data, root=parse_tei(data))


def parse_tei(data: bytes) -> etree._Element:
    """The root of a TEI document; anything else raises :class:`ExportError`."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as err:
        raise ExportError(f"not well-formed XML: {err.msg or err}") from None
    if tree.docinfo.internalDTD is not None:
        raise ExportError("a DOCTYPE with declarations is not accepted in TEI for export")
    root = tree.getroot()
    if root.tag != tei("TEI"):
        raise ExportError(f"not a TEI document: the root element is {root.tag!s}")
    if root.find(tei("teiHeader")) is None:
        raise ExportError("not a TEI document of the profile: it has no teiHeader")
    return root


def find_source(tei_file: TeiFile, *, sources_dir: Path | None = None) -> SourceLookup:
    """The OCR text a TEI was made from: in ``sources_dir`` (at the TEI's relative place,
    then at its top) or beside the TEI; only if its SHA-256 is the one recorded."""
    name, expected = tei_file.source_name, tei_file.source_sha256
    if name is None or expected is None:
        return SourceLookup(None, "the TEI records no source file name and SHA-256")
    if not _plain_name(name):
        return SourceLookup(None, f"the source file name {name!r} is not a plain file name; left out")
    candidates = [tei_file.path.parent / name]
    if sources_dir is not None:
        candidates[:0] = [sources_dir / tei_file.relative.parent / name, sources_dir / name]
    mismatched: Path | None = None
    for candidate in dict.fromkeys(candidates):
        if not candidate.is_file():
            continue
        if _sha256(candidate) == expected:
            return SourceLookup(candidate)
        mismatched = mismatched or candidate
    if mismatched is not None:
        return SourceLookup(None, f"source text {mismatched} does not match the SHA-256 in the TEI; left out")
    where = "beside the TEI" + (f" or in {sources_dir}" if sources_dir is not None else " (use --sources DIR)")
    return SourceLookup(None, f"source text {name} not found {where}; left out")


def _plain_name(name: str) -> bool:
    return name not in (".", "..") and not any(ch in name for ch in "/\\\0") and Path(name).name == name


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()

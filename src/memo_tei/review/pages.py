"""Review pages: what memo-tei recognized, shown to a reader in a browser.

``memo-tei review TEI... -o DIR`` (and ``memo-tei convert --review``) write one HTML page per
TEI document and an ``index.html`` for the collection, with the collection's figures also as
``collection.json`` and ``collection.csv``. A document page shows the header facts first, then
the text page by page, each marking highlighted by kind with a visible label and its
certainty and rule on hover and focus; the items of low certainty are listed at the top. The
pages are self-contained (inline CSS, no script, no reference outside the file) and built by
Jinja2 templates with autoescaping, so that text of the OCR is always shown as text.

The TEI is read by the profile's fixed XPaths (docs/PROFILE.md), not from the document model:
the pages show what a TEI file says, whoever wrote it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from lxml import etree

from ..atomic import write_atomic
from ..names import LEVELS
from ..recognition.dates import parse_date

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
#: The kinds of marking a page highlights, with the label a reader sees.
KINDS = {
    "classification": "Banner",
    "stamp": "Stamp",
    "pageNum": "Page number",
    "archivalId": "Archival id",
    "footnote": "Footnote",
}
LEVEL_ORDER = ("TS", "S", "C", "R", "U", "none")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-3]\d)(?!\d)")
_SHORT_DATE_YEAR = re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](\d{2})(?!\d)")
#: Characters that would hide or reorder text (controls, bidirectional overrides and
#: isolates, zero-width marks): shown as a visible code point instead.
_HIDDEN = {c: f"\u2039U+{c:04X}\u203a" for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                                  *range(0x7F, 0xA0), *range(0x200B, 0x2010),
                                                  *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]}


_ANY_HIDDEN = re.compile("[" + "".join(re.escape(chr(c)) for c in _HIDDEN) + "]")


def visible(text: str) -> str:
    """Text with the characters that would hide or reorder it shown as their code points."""
    return text.translate(_HIDDEN) if _ANY_HIDDEN.search(text) else text


@dataclass
class Item:
    """A highlighted marking: its kind, certainty, rule and where it stands."""

    id: str
    kind: str
    cert: str
    rule: str
    text: str
    page: str
    detail: str = ""  # a banner's level, a stamp's type
    date: str = ""  # the date a release or declassification stamp prints


@dataclass
class Fact:
    name: str
    value: str
    cert: str = ""
    rule: str = ""
    id: str = ""


@dataclass
class Document:
    """One TEI document as its review page and the collection page see it."""

    path: str  # the TEI file, relative to the collection's root
    page: str  # its review page, relative to the output directory
    folder: str
    title: str
    level: str
    date: str
    release_year: str
    facts: list[Fact] = field(default_factory=list)
    stamps: list[Item] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(item.kind for item in self.items)

    @property
    def certs(self) -> Counter[str]:
        return Counter(item.cert for item in self.items) + Counter(f.cert for f in self.facts if f.cert)

    @property
    def low(self) -> list[Item | Fact]:
        return [f for f in self.facts if f.cert == "low"] + [i for i in self.items if i.cert == "low"]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["visible"] = visible
    env.globals.update(KINDS=KINDS, LEVELS=LEVELS)
    return env


# --- reading TEI ----------------------------------------------------------------------

def _local(node: etree._Element) -> str:
    return node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""


def _rule(node: etree._Element) -> str:
    return (node.get("resp") or "").removeprefix("rule:")


def _text(node: etree._Element) -> str:
    """The words of an element, with a space where a line or page breaks."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if _local(element) in ("lb", "pb"):
            parts.append(" ")
        else:
            parts.append(element.text or "")
            for child in element:
                walk(child)
                parts.append(child.tail or "")

    walk(node)
    return " ".join("".join(parts).split())


class _Reader:
    """Walks a TEI body into pages of blocks of inline pieces (plain dicts for the template)."""

    def __init__(self) -> None:
        self.pages: list[dict[str, Any]] = []
        self.items: list[Item] = []
        self.count = 0
        self.notes = 0

    def page(self, pb: etree._Element | None) -> dict[str, Any]:
        n = pb.get("n", "") if pb is not None else ""
        page = {"n": n or str(len(self.pages) + 1), "id": f"page-{len(self.pages) + 1}", "blocks": [], "notes": []}
        self.pages.append(page)
        return page

    @property
    def current(self) -> dict[str, Any]:
        return self.pages[-1] if self.pages else self.page(None)

    def body(self, body: etree._Element) -> None:
        for child in body:
            name = _local(child)
            if name == "pb":
                self.page(child)
            elif name in ("p", "ab"):
                self.block(child)
            elif name in ("fw", "note"):
                self.current["blocks"].append({"kind": "marking", "content": [self.inline(child)]})

    def block(self, element: etree._Element) -> None:
        """A paragraph or header block; a page break inside it (a paragraph that runs over a
        page) ends the block on one page and carries it on, marked as continued, on the next."""
        label = {"letterhead": "Letterhead", "classificationAuthority": "Authority"}.get(element.get("type", ""))
        if element.get("type") == "field":
            label = (element.get("subtype") or "field").capitalize()
        block: dict[str, Any] = {"kind": "ab" if _local(element) == "ab" else "p", "label": label, "content": []}
        self.current["blocks"].append(block)
        if element.text:
            block["content"].append({"t": "text", "text": element.text})
        for child in element:
            if _local(child) == "pb":
                self.page(child)
                block = {"kind": block["kind"], "label": None, "continued": True, "content": []}
                self.current["blocks"].append(block)
            else:
                block["content"].append(self.inline(child))
            if child.tail:
                block["content"].append({"t": "text", "text": child.tail})

    def children(self, element: etree._Element) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if element.text:
            out.append({"t": "text", "text": element.text})
        for child in element:
            out.append(self.inline(child))
            if child.tail:
                out.append({"t": "text", "text": child.tail})
        return out

    def inline(self, node: etree._Element) -> dict[str, Any]:
        name = _local(node)
        if name == "lb":
            return {"t": "br"}
        if name == "del":
            return {"t": "del", "content": self.children(node)}
        if name == "supplied":
            return {"t": "supplied", "content": self.children(node)}
        if name == "gap":
            return {"t": "gap"}
        if name == "seg":
            return {"t": "seg", "content": self.children(node)}
        kind = _kind(node)
        if kind is None:
            return {"t": "span", "content": self.children(node)}
        if name == "fw" and kind == "stamp" and len(node) == 1 and _local(node[0]) == "stamp":
            return self.inline(node[0])  # the fw around a stamp standing apart
        self.count += 1
        detail = (node.get("ana") or "").removeprefix("#cls-") if kind == "classification" else node.get("type", "")
        item = Item(id=f"m{self.count}", kind=kind, cert=node.get("cert") or "none", rule=_rule(node),
                    text=_text(node), page=self.current["n"], detail=detail)
        self.items.append(item)
        piece = {"t": "mark", "item": item, "supplied": node.find("t:supplied", NS) is not None,
                 "content": self.children(node)}
        if kind == "footnote" and node.get("anchored") != "false":
            self.notes += 1
            piece["ref"] = f"fnref-{self.notes}"
            piece["n"] = node.get("n", "")
            self.current["notes"].append(piece)
            return {"t": "noteref", "id": piece["ref"], "target": item.id, "n": piece["n"]}
        return piece


def _kind(node: etree._Element) -> str | None:
    name = _local(node)
    if name == "stamp":
        return "stamp"
    if name == "note" and node.get("place") == "foot":
        return "footnote"
    if name == "fw" and node.get("type") in KINDS:
        return node.get("type")
    return None


def read_document(path: Path, root: Path) -> Document:
    """The review view of one TEI file; ``root`` is the folder paths are shown relative to."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    relative = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    reader = _Reader()
    body = tree.find(".//t:text/t:body", NS)
    if body is not None:
        reader.body(body)
    facts = _facts(tree)
    stamps = [i for i in reader.items if i.kind == "stamp"]
    for stamp in stamps:
        if stamp.detail in ("release", "declassification"):
            stamp.date = parse_date(stamp.text) or ("" if release_year([stamp]) == "unknown" else release_year([stamp]))
    level = next((f.value for f in facts if f.name == "Original level"), "")
    date = next((f.value for f in facts if f.name == "Date"), "")
    title = next((f.value for f in facts if f.name == "Title"), path.stem)
    return Document(
        path=relative.as_posix(), page=_page_name(relative), folder=relative.parent.as_posix(),
        title=title, level=next((c for c, d in LEVELS.items() if d == level), level), date=date,
        release_year=release_year(stamps), facts=facts, stamps=stamps, pages=reader.pages, items=reader.items,
    )


def _page_name(relative: Path) -> str:
    name = relative.with_suffix(".html")
    if name.as_posix() == "index.html":
        name = name.with_name("index-document.html")
    return name.as_posix()


def _facts(tree: etree._ElementTree) -> list[Fact]:
    out: list[Fact] = []

    def add(name: str, node: etree._Element | None, value: str | None = None) -> None:
        if node is not None:
            out.append(Fact(name, value if value is not None else _text(node), node.get("cert") or "",
                            _rule(node), f"fact-{len(out) + 1}"))

    add("Title", tree.find(".//t:fileDesc/t:titleStmt/t:title", NS))
    date = tree.find(".//t:profileDesc/t:creation/t:date", NS)
    add("Date", date, date.get("when") if date is not None else None)
    for author in tree.iterfind(".//t:fileDesc/t:titleStmt/t:author", NS):
        add("Creator", author)
    for idno in tree.iterfind(".//t:sourceDesc/t:bibl/t:idno", NS):
        add(f"Identifier ({idno.get('type') or 'number'})", idno)
    cat = tree.find(".//t:profileDesc/t:textClass/t:catRef[@scheme='#classification']", NS)
    if cat is not None:
        add("Original level", cat, LEVELS.get((cat.get("target") or "").removeprefix("#cls-"), cat.get("target")))
    return out


#: A two-digit year up to this one is of this century: the collections' releases run to the
#: 2020s (the JFK releases of 2017-2025), and a stamp's ``10/27/48`` is 1948, never 2048.
_LAST_SHORT_YEAR = 29


def _full_year(short: int) -> int:
    return 2000 + short if short <= _LAST_SHORT_YEAR else 1900 + short


def release_year(stamps: list[Item]) -> str:
    """The year a document was released: the latest year its release or declassification
    stamps print (``Approved For Release 2003/04/29``, ``Date: 10-21-2021``), else unknown."""
    years: list[int] = []
    for stamp in stamps:
        if stamp.detail in ("release", "declassification"):
            years += [int(y) for y in _YEAR.findall(stamp.text)]
            years += [_full_year(int(y)) for y in _SHORT_DATE_YEAR.findall(stamp.text)]
    return str(max(years)) if years else "unknown"


# --- the collection -------------------------------------------------------------------

def collection(documents: list[Document]) -> dict[str, Any]:
    """The collection's figures: documents by level, release year and folder, markings by
    kind and certainty, and the review queue (most low-certainty items first)."""
    by_level = Counter(d.level or "none" for d in documents)
    years = Counter(d.release_year for d in documents)
    markings: Counter[str] = Counter()
    certs: Counter[str] = Counter()
    for d in documents:
        markings.update(d.counts)
        certs.update(d.certs)
    queue = sorted(documents, key=lambda d: (-len(d.low), -d.certs["medium"], d.path))
    return {
        "documents": len(documents),
        "by_level": {level: by_level[level] for level in LEVEL_ORDER if by_level[level]},
        "by_release_year": dict(sorted(years.items())),
        "by_folder": dict(sorted(Counter(d.folder for d in documents).items())),
        "markings": {kind: markings[kind] for kind in KINDS},
        "certainty": {cert: certs[cert] for cert in ("high", "medium", "low", "none") if certs[cert]},
        "queue": [{"path": d.path, "page": d.page, "title": d.title, "low": len(d.low),
                   "medium": d.certs["medium"]} for d in queue],
    }


def _row(d: Document) -> dict[str, Any]:
    counts, certs = d.counts, d.certs
    return {"path": d.path, "page": d.page, "folder": d.folder, "title": d.title, "level": d.level,
            "date": d.date, "release_year": d.release_year, **{kind: counts[kind] for kind in KINDS},
            **{f"cert_{c}": certs[c] for c in ("high", "medium", "low")}}


def year_chart(years: dict[str, int]) -> dict[str, Any]:
    """Bars of documents per release year, laid out for an inline SVG."""
    width, height, top, bottom = 40, 160, 20, 40
    most = max(years.values(), default=1)
    bars = []
    for i, (year, n) in enumerate(years.items()):
        h = round((height - top - bottom) * n / most)
        bars.append({"x": 10 + i * width, "y": height - bottom - h, "h": h, "w": width - 8, "year": year, "n": n})
    return {"bars": bars, "width": 20 + width * max(len(bars), 1), "height": height, "base": height - bottom}


def tei_files(inputs: list[Path]) -> list[Path]:
    """The TEI files among ``inputs`` (directories are walked; Dublin Core records beside
    TEI, ``*.dc.xml``, are not documents)."""
    out: list[Path] = []
    for path in inputs:
        found = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
        out += [p for p in found if not p.name.endswith(".dc.xml") and not p.name.startswith(".")]
    return out


# --- writing ----------------------------------------------------------------------------

def review(tei_paths: list[Path], out_dir: Path, root: Path | None = None) -> dict[str, Any]:
    """Write the review pages of ``tei_paths`` and the collection's index, JSON and CSV into
    ``out_dir``; return the collection's figures."""
    tei_paths = sorted(tei_paths)
    if root is None:
        root = Path(os.path.commonpath([p.resolve().parent for p in tei_paths])) if tei_paths else Path.cwd()
    env, css = _environment(), _css()
    page_template = env.get_template("document.html.j2")
    documents = []
    for path in tei_paths:
        document = read_document(path.resolve(), root.resolve())
        target = out_dir / document.page
        target.parent.mkdir(parents=True, exist_ok=True)
        up = "../" * (len(Path(document.page).parts) - 1)
        html = page_template.render(doc=document, index=f"{up}index.html", css=css)
        write_atomic(target, html.encode("utf-8"))
        documents.append(document)
    figures = collection(documents)
    rows = [_row(d) for d in documents]
    out_dir.mkdir(parents=True, exist_ok=True)
    index = env.get_template("index.html.j2").render(
        figures=figures, rows_by_page={row["page"]: row for row in rows},
        chart=year_chart(figures["by_release_year"]), css=css)
    write_atomic(out_dir / "index.html", index.encode("utf-8"))
    write_atomic(out_dir / "collection.json",
                 (json.dumps({**figures, "rows": rows}, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    write_atomic(out_dir / "collection.csv", _csv(rows).encode("utf-8"))
    return figures


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else ["path"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # a cell that a spreadsheet would read as a formula is written as text
        writer.writerow({k: f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for k, v in row.items()})
    return buffer.getvalue()


def _css() -> str:
    return resources.files(__package__).joinpath("templates").joinpath("review.css").read_text("utf-8")


def as_dict(document: Document) -> dict[str, Any]:
    return asdict(document)

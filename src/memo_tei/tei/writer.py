"""The document model to TEI P5, following the profile in docs/PROFILE.md.

The writer makes no decisions about the document, only about TEI: which element carries
which block, and how a paragraph that runs over a page break holds the page break and that
page's furniture inside it. Output is a pure function of the model: no clock, no ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from .. import model as m
from ..names import LEVELS, NSMAP, XML_NS, tei
from ..recognition import certainty

_LANGUAGES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "ru": "Russian"}
RIGHTS = (
    "Declassified record of the United States Government, released to the public; as a work "
    "of the United States Government it is not subject to copyright in the United States "
    "(17 U.S.C. 105)."
)
FLOATING = (m.Classification, m.Furniture, m.Stamp, m.LooseNote)


def to_tei(doc: m.Document) -> etree._Element:
    """The TEI element of a document."""
    header = header_element(doc)
    etree.indent(header)
    header.tail = "\n"
    root, body = frame(header, doc.facts.language)
    _body(body, doc.pages)
    return root


#: The XML declaration every output starts with.
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def frame(header: etree._Element, language: str) -> tuple[etree._Element, etree._Element]:
    """A TEI element holding ``header`` and an empty body, laid out line by line; and the body."""
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    root.set(f"{{{XML_NS}}}lang", language)
    root.text = "\n"
    root.append(header)
    text = etree.SubElement(root, tei("text"))
    text.text = "\n"
    text.tail = "\n"
    body = etree.SubElement(text, tei("body"))
    body.text = "\n"
    body.tail = "\n"
    return root, body


def serialize(root: etree._Element) -> bytes:
    """UTF-8 bytes with an XML declaration, the same bytes for the same tree."""
    return DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"


# --- teiHeader ------------------------------------------------------------------------

def header_element(doc: m.Document, surest: dict[str, tuple[certainty.Cert, str]] | None = None) -> etree._Element:
    facts = doc.facts
    header = etree.Element(tei("teiHeader"))
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _fact(_sub(title_stmt, "title", facts.title or f"[Untitled record: {doc.source.name}]"), facts, "title")
    for creator in facts.creators:
        _fact(_sub(title_stmt, "author", creator), facts, "creator")
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "authority", "memo-tei")
    availability = _sub(publication, "availability", status="free")
    _sub(availability, "p", RIGHTS)
    notes = _sub(file_desc, "notesStmt")
    note = _sub(notes, "note", f"Converted by {doc.generator} from the OCR text ", type="provenance")
    _sub(note, "title", doc.source.name).tail = f" ({doc.source.size} bytes, read as {doc.source.encoding}), SHA-256 "
    _sub(note, "idno", doc.source.sha256, type="sha256").tail = "."
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl", type="original")
    if facts.title:
        _fact(_sub(bibl, "title", facts.title), facts, "title")
    for creator in facts.creators:
        _fact(_sub(bibl, "author", creator), facts, "creator")
    if facts.date:
        _fact(_sub(bibl, "date", facts.date_text or facts.date, when=facts.date), facts, "date")
    for ident in facts.identifiers:
        _certain(_sub(bibl, "idno", ident.value, type=ident.type), certainty.fact(ident.rule), ident.rule)
    if len(bibl) == 0:
        bibl.text = "The original record, as described by its OCR text."
    _encoding_desc(header, doc)
    _profile_desc(header, facts, _level_cert(doc, surest))
    return header


def _fact(element: etree._Element, facts: m.Facts, name: str) -> etree._Element:
    """A header fact's certainty, from where it was read (none for a placeholder)."""
    source = facts.sources.get(name)
    if source:
        _certain(element, certainty.fact(source), source)
    return element


def _level_cert(doc: m.Document, surest: dict[str, tuple[certainty.Cert, str]] | None = None,
                ) -> tuple[certainty.Cert, str] | None:
    """The certainty of the document's level: that of its surest marking at that level (from
    ``surest``, see :func:`surest_banners`, where the pages are not held), or of the form field
    it was read from."""
    level, source = doc.facts.classification, doc.facts.sources.get("classification", "")
    if not level or not source:
        return None
    if source != "banner":
        return certainty.fact(source), source
    if surest is None:
        surest = surest_banners(block for page in doc.pages for block in page.blocks)
    return surest.get(level, ("low", "banner"))


def surest_banners(blocks: Iterable[m.Block], surest: dict[str, tuple[certainty.Cert, str]] | None = None,
                   ) -> dict[str, tuple[certainty.Cert, str]]:
    """The certainty of the surest marking of each level among ``blocks`` (the first of the
    surest, in reading order), added to ``surest``."""
    surest = {} if surest is None else surest
    for block in blocks:
        for level, cert in _banner_certs(block):
            if level not in surest or certainty.CERTS.index(cert[0]) < certainty.CERTS.index(surest[level][0]):
                surest[level] = cert
    return surest


def _banner_certs(block: m.Block) -> list[tuple[str, tuple[certainty.Cert, str]]]:
    if isinstance(block, m.Classification):
        return [(block.level, certainty.banner(block.rule, _text(block.content), block.level, block.supplied))]
    return [(p.level, certainty.banner(p.rule, p.text, p.level)) for p in block.content
            if isinstance(p, m.Mark) and p.type == "classification" and p.level is not None]


def _encoding_desc(header: etree._Element, doc: m.Document) -> None:
    encoding = _sub(header, "encodingDesc")
    name, _, version = doc.generator.partition(" ")
    app = _sub(_sub(encoding, "appInfo"), "application", ident=name, version=version or "0")
    _sub(app, "label", name)
    taxonomy = _sub(_sub(encoding, "classDecl"), "taxonomy")
    taxonomy.set(f"{{{XML_NS}}}id", "classification")
    for code, desc in LEVELS.items():
        category = _sub(taxonomy, "category")
        category.set(f"{{{XML_NS}}}id", f"cls-{code}")
        _sub(category, "catDesc", desc)


def _profile_desc(header: etree._Element, facts: m.Facts, level_cert: tuple[certainty.Cert, str] | None) -> None:
    profile = _sub(header, "profileDesc")
    creation = _sub(profile, "creation")
    if facts.date:
        _fact(_sub(creation, "date", facts.date_text or facts.date, when=facts.date), facts, "date")
    lang = _sub(_sub(profile, "langUsage"), "language", _LANGUAGES.get(facts.language, facts.language))
    lang.set("ident", facts.language)
    if facts.classification:
        cat_ref = _sub(_sub(profile, "textClass"), "catRef", scheme="#classification",
                       target=f"#cls-{facts.classification}")
        if level_cert:
            _certain(cat_ref, *level_cert)


# --- text -----------------------------------------------------------------------------

def _body(body: etree._Element, pages: list[m.Page]) -> None:
    open_p: etree._Element | None = None
    pending: list[etree._Element] = []  # page furniture met while a paragraph may go on
    for page in pages:
        pending.append(etree.Element(tei("pb"), n=page.n))
        for block in page.blocks:
            if isinstance(block, m.Paragraph) and block.continued and open_p is not None:
                for element in pending:
                    append_inside(open_p, element)
                pending = []
                add_text(open_p, "\n")
                add_inline(open_p, block.content)
                continue
            element = block_element(block)
            if isinstance(block, FLOATING) and open_p is not None:
                pending.append(element)
                continue
            for floating in pending:
                _append_block(body, floating)
            pending = []
            _append_block(body, element)
            open_p = element if isinstance(block, m.Paragraph) else None
    for floating in pending:
        _append_block(body, floating)
    if not any(child.tag in _CONTENT_TAGS for child in body):
        _append_block(body, etree.Element(tei("p")))  # TEI wants some text in a body


_CONTENT_TAGS = {tei("p"), tei("ab")}


def block_element(block: m.Block) -> etree._Element:
    if isinstance(block, m.Paragraph):  # most blocks are: tried first
        element = etree.Element(_P)
        if block.n:
            element.set("n", block.n)
        add_inline(element, block.content)
        return element
    if isinstance(block, m.Classification):
        element = etree.Element(tei("fw"), type="classification", place=block.place, ana=f"#cls-{block.level}")
        _certain(element, *certainty.banner(block.rule, _text(block.content), block.level, block.supplied))
        if block.supplied:
            supplied = etree.SubElement(element, tei("supplied"), reason="omitted-in-ocr")
            add_inline(supplied, block.content)
        else:
            add_inline(element, block.content)
        return element
    if isinstance(block, m.Stamp):
        stamp = etree.Element(tei("stamp"), type=block.type)
        _certain(stamp, *certainty.stamp(block.rule, _text(block.content)))
        add_inline(stamp, block.content)
        element = etree.Element(tei("fw"), type="stamp")
        element.append(stamp)
        return element
    if isinstance(block, m.Furniture):
        element = etree.Element(tei("fw"), type=block.kind, place=block.place)
        _certain(element, *certainty.furniture(block.rule))
    elif isinstance(block, m.Field_):
        element = etree.Element(tei("ab"), type="letterhead") if block.name == "letterhead" else (
            etree.Element(tei("ab"), type="field", subtype=block.name))
    elif isinstance(block, m.Authority):
        element = etree.Element(tei("ab"), type="classificationAuthority")
    else:
        return _note(block.note)
    add_inline(element, block.content)
    return element


_P = tei("p")


def _note(note: m.Footnote) -> etree._Element:
    element = etree.Element(tei("note"), place="foot", n=note.n)
    if not note.anchored:
        element.set("anchored", "false")
    _certain(element, *certainty.footnote(note))
    add_inline(element, note.content)
    return element


def add_inline(parent: etree._Element, pieces: list[m.Inline]) -> None:
    """Append inline content to ``parent``. Text goes to the tail of the last child (or to
    the parent's text); it is gathered in ``text`` and written once before the next child,
    rather than read back from the tree and written again for every run."""
    last = parent[-1] if len(parent) else None  # whose tail takes the text; None: the parent's text
    text: str | None = None  # text gathered for ``last``, not yet written
    for piece in pieces:
        if isinstance(piece, m.Run) and not piece.struck:
            text = piece.text if text is None else text + piece.text
            continue
        if text is not None:
            _write_text(parent, last, text)
            text = None
        if isinstance(piece, m.Run):
            last = etree.SubElement(parent, _DEL, rend="strikethrough")
            last.text = piece.text
        elif isinstance(piece, m.LineBreak):
            last = etree.SubElement(parent, _LB)
        elif isinstance(piece, m.Mark):
            last = _mark(piece)
            parent.append(last)
        elif isinstance(piece, m.Portion):
            last = etree.SubElement(parent, _SEG, type="portion", ana=f"#cls-{piece.level}")
            last.text = piece.text
        else:
            last = _note(piece)
            parent.append(last)
    if text is not None:
        _write_text(parent, last, text)


_DEL, _LB, _SEG = tei("del"), tei("lb"), tei("seg")


def _write_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    """Add ``text`` after ``last``, or to the parent's text where it has no child yet."""
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _mark(mark: m.Mark) -> etree._Element:
    if mark.type == "stamp":
        element = etree.Element(tei("stamp"), type=mark.stamp_type or "other")
        _certain(element, *certainty.stamp(mark.rule, mark.text))
    elif mark.type == "classification":
        element = etree.Element(tei("fw"), type="classification", ana=f"#cls-{mark.level}")
        _certain(element, *certainty.banner(mark.rule, mark.text, mark.level))
    else:
        element = etree.Element(tei("fw"), type=mark.type)
        _certain(element, *certainty.furniture(mark.rule))
    if mark.struck:
        etree.SubElement(element, tei("del"), rend="strikethrough").text = mark.text
    else:
        element.text = mark.text
    return element


def _certain(element: etree._Element, cert: certainty.Cert, rule: str) -> None:
    element.set("cert", cert)
    element.set("resp", certainty.resp(rule))


def _text(pieces: list[m.Inline]) -> str:
    """The words of inline content, lines joined by spaces (for the certainty of a match)."""
    return " ".join(p.text for p in pieces if isinstance(p, m.Run | m.Mark | m.Portion))


def add_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def append_inside(paragraph: etree._Element, element: etree._Element) -> None:
    add_text(paragraph, "\n")
    paragraph.append(element)


def _append_block(body: etree._Element, element: etree._Element) -> None:
    element.tail = "\n"
    body.append(element)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tei(tag), attrs)
    if text is not None:
        element.text = text
    return element

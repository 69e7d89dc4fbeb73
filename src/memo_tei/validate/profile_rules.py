"""The rules of memo-tei.sch checked in one walk of the tree, for the converter's self-check.

``memo-tei validate`` applies schemas/memo-tei.sch through lxml.isoschematron, whose XSLT
walks the whole tree once per pattern, and whose cross-page tests (``preceding::`` in the
footnote and page-number rules) look back over the document from every note and page break:
a cost that grows with the square of the page count. The converter checks every document it
writes, so it states the same rules here once more, evaluated in a single walk in document
order that carries what the backward-looking tests need (the last page break, the footnote
markers already used on the page, the first and the last numeric page numbers).

The findings are those :class:`~memo_tei.validate.schematron.SchematronChecker` gives for
memo-tei.sch: the same rule names, severities, messages, elements and order (pattern by
pattern, document order within a pattern). tests/test_self_check.py breaks each rule once
and holds the two to agreement, and fails when the Schematron gains an assert this module
does not know.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from lxml import etree

from ..names import TEI_NS, XML_NS
from .findings import Finding, Severity
from .nodes import line_of, readable_xpath
from .shipped import TEI_RULES

_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"
TEI, TEXT, FW, PB, NOTE, BODY = (_T + n for n in ("TEI", "text", "fw", "pb", "note", "body"))
CAT_REF, DATE, FILE_DESC, IDNO = (_T + n for n in ("catRef", "date", "fileDesc", "idno"))
STAMP, AB, SEG, GAP, P = (_T + n for n in ("stamp", "ab", "seg", "gap", "p"))

#: The patterns of memo-tei.sch, in its order: findings come pattern by pattern.
PATTERNS = ("pointers", "highest-classification", "footnotes", "pages", "dates", "header", "certainty",
            "vocabulary")
#: The asserts this module states, by pattern; a test compares them with memo-tei.sch.
ASSERTS: dict[str, tuple[str, ...]] = {
    "pointers": ("ana-in-taxonomy", "catref-in-taxonomy"),
    "highest-classification": ("catref-present", "catref-without-banner", "catref-highest"),
    "footnotes": ("footnote-unique-on-page",),
    "pages": ("pb-number-positive", "pb-not-before-first", "pb-backwards", "pb-n-present"),
    "dates": ("date-when-shape", "date-when-month", "date-when-day"),
    "header": ("provenance-hash-present", "title-present", "provenance-hash-form"),
    "certainty": ("cert-names-rule",),
    "vocabulary": ("fw-type", "fw-classification-ana", "fw-place", "fw-stamp-content", "stamp-type",
                   "ab-type", "ab-field-subtype", "seg-type", "seg-portion-ana", "gap-reason", "note-foot",
                   "body-no-text", "body-starts-with-pb"),
}
_WARNINGS = {"catref-without-banner", "pb-backwards"}
#: Banner levels, highest first, as the catref-highest rule ranks them.
_RANKED = ("#cls-TS", "#cls-S", "#cls-C", "#cls-R", "#cls-U")
#: XPath 1.0 whitespace (normalize-space, number) is these four characters only.
_XPATH_SPACE = " \t\r\n"
#: A string libxml2's number() reads (it also takes an exponent, which XPath 1.0 does not).
_NUMBER = re.compile(r"[ \t\r\n]*(-?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d*))?[ \t\r\n]*\Z", re.ASCII)
_DIGITS = str.maketrans("0123456789", "0000000000")
_HEX = set("0123456789abcdefABCDEF")


def number(value: str | None) -> float:
    """XPath's ``number()`` of an attribute (NaN for an absent one), as libxml2 computes it."""
    match = _NUMBER.match(value) if value is not None else None
    if match is None:
        return math.nan
    mantissa, exponent = match.groups()
    result = float(mantissa)
    if exponent and exponent not in "+-":
        result *= 10.0 ** int(exponent)
    return result


def normalize_space(value: str | None) -> str:
    """XPath's ``normalize-space()``, which collapses its four whitespace characters only."""
    if not value:
        return ""
    for space in _XPATH_SPACE[1:]:
        value = value.replace(space, " ")
    return " ".join(word for word in value.split(" ") if word)


def _xpath_string(value: float) -> str:
    """A number as XPath's ``string()`` writes it: whole numbers without a decimal point."""
    if math.isnan(value):
        return "NaN"
    if value == int(value):
        return str(int(value))
    return repr(value)


def _name(element: etree._Element) -> str:
    """XPath's ``name()``: the prefixed name as the document writes it."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def _string_value(element: etree._Element) -> str:
    return "".join(element.itertext())


_POINTERS = etree.XPath("/descendant::tei:text/descendant::*[@ana] | /descendant::tei:catRef[@scheme = "
                        "'#classification']", namespaces={"tei": TEI_NS})
#: The elements of the certainty pattern (``tei:*[@cert]``), in document order, picked out in C.
_CERTAIN = etree.XPath("/descendant::tei:*[@cert]", namespaces={"tei": TEI_NS})
#: The element's own text nodes that are not blank (XPath whitespace), picked out in C.
_OWN_TEXT = etree.XPath("text()[normalize-space()]")


class _Nested(Exception):
    """A page break or a note inside another: the walk needs end events after all."""


class ProfileRulesChecker:
    """memo-tei.sch's rules, every one, in one walk of the tree."""

    name = TEI_RULES

    def check(self, tree: etree._ElementTree, *, file: str) -> Iterator[Finding]:
        walk = _Walk(tree.getroot(), file)
        walk.run()
        for pattern in PATTERNS:
            yield from walk.found[pattern]


class _Walk:
    """One document's walk: the state the backward-looking rules carry, and what they found."""

    def __init__(self, root: etree._Element, file: str) -> None:
        self.root = root
        self.file = file
        self.found: dict[str, list[Finding]] = {pattern: [] for pattern in PATTERNS}
        is_tei = root.tag == TEI
        texts = [child for child in root if child.tag == TEXT] if is_tei else []
        self.categories: set[str | None] = set()
        if is_tei:
            for taxonomy in root.iterfind(f"{_T}teiHeader/{_T}encodingDesc/{_T}classDecl/{_T}taxonomy"):
                if taxonomy.get(_XML_ID) == "classification":
                    self.categories.update(c.get(_XML_ID) for c in taxonomy.iterchildren(_T + "category"))
        self.banners = [fw for text in texts for fw in text.iter(FW) if fw.get("type") == "classification"]
        self.handlers: dict[object, Callable[[etree._Element, bool], None]] = {
            TEI: self._tei, CAT_REF: self._catref, NOTE: self._note, PB: self._pb, DATE: self._date,
            FILE_DESC: self._file_desc, IDNO: self._idno, FW: self._fw, STAMP: self._stamp, AB: self._ab,
            SEG: self._seg, GAP: self._gap, BODY: self._body,
        }
        # state carried in document order: what ended before the element at hand (XPath's preceding::)
        self.last_pb: etree._Element | None = None
        self.last_numeric_pb: etree._Element | None = None
        self.pbs_ended = 0
        self.called_notes: set[tuple[str, int]] = set()  # (marker, page breaks before it) of ended notes
        #: the page breaks in a text: (element, the numeric page break before it, under the root's text)
        self.pbs: list[tuple[etree._Element, etree._Element | None, bool]] = []
        self.in_root_text = False  # the element at hand is under a text element of the root TEI

    def report(self, pattern: str, rule: str, element: etree._Element, message: str) -> None:
        severity: Severity = "warning" if rule in _WARNINGS else "error"
        self.found[pattern].append(Finding(self.file, line_of(element), 0, f"{TEI_RULES}:{rule}",
                                           " ".join(message.split()), xpath=readable_xpath(element),
                                           severity=severity))

    def run(self) -> None:
        self._pointers()
        self._certainty()
        tags = cast("tuple[str, ...]", tuple(self.handlers))  # the handlers are keyed by tag names
        try:
            self._walk(((None, element) for element in self.root.iter(*tags)), ended_at_start=True)
        except _Nested:
            self._reset()
            self._walk(etree.iterwalk(self.root, events=("start", "end"), tag=tags), ended_at_start=False)
        self._pages()

    def _walk(self, events: Iterable[tuple[str | None, etree._Element]], *, ended_at_start: bool) -> None:
        """The elements some rule is about, in document order (lxml picks them out in C). A page
        break or a note is *preceding* (XPath) to what comes after its end; where none holds
        another, that is right after its start, and the walk needs no end events (if one does
        hold another, ``_Nested`` is raised and the walk starts again with them)."""
        handlers = self.handlers
        root_is_tei = self.root.tag == TEI
        for event, element in events:
            tag = element.tag
            if event == "end":
                self._ended(element, tag)
                continue
            texts = list(element.iterancestors(TEXT))
            self.in_root_text = root_is_tei and any(t.getparent() is self.root for t in texts)
            handlers[tag](element, bool(texts))  # bool(texts): a descendant of a text element
            if ended_at_start and tag in (PB, NOTE):
                if next(element.iterancestors(PB, NOTE), None) is not None:
                    raise _Nested
                self._ended(element, tag)

    def _reset(self) -> None:
        self.found = {pattern: [] for pattern in PATTERNS}
        self.last_pb = self.last_numeric_pb = None
        self.pbs_ended = 0
        self.called_notes = set()
        self.pbs = []

    def _ended(self, element: etree._Element, tag: object) -> None:
        if tag == PB:
            self.last_pb = element
            self.pbs_ended += 1
            if not math.isnan(number(element.get("n"))):
                self.last_numeric_pb = element
        elif tag == NOTE and element.get("place") == "foot" and element.get("anchored") != "false":
            n = element.get("n")
            if n is not None:
                self.called_notes.add((n, self.pbs_ended))

    # --- pointers -----------------------------------------------------------------------

    def _pointers(self) -> None:
        """The pointers pattern: its two rules' elements, in document order, found in C."""
        for element in _POINTERS(self.root):
            if element.get("ana") is not None and next(element.iterancestors(TEXT), None) is not None:  # rule 1
                ana = element.get("ana", "")
                if not (ana.startswith("#") and ana[1:] in self.categories):
                    self.report("pointers", "ana-in-taxonomy", element,
                                f'@ana="{ana}" on {_name(element)} points to no category of the classification '
                                "taxonomy.")
                continue
            target = element.get("target")
            if not (target is not None and target.startswith("#") and target[1:] in self.categories):
                self.report("pointers", "catref-in-taxonomy", element,
                            f'catRef/@target="{target or ""}" points to no category of the classification taxonomy.')

    # --- certainty ------------------------------------------------------------------------

    def _certainty(self) -> None:
        """The certainty pattern: a TEI element's @cert names the rule it comes from."""
        for element in _CERTAIN(self.root):
            resp = element.get("resp") or ""
            if not (resp.startswith("rule:") and len(resp) > 5):
                self.report("certainty", "cert-names-rule", element,
                            f'@cert on {_name(element)} without the rule that found it: @resp="rule:NAME".')

    # --- highest-classification ------------------------------------------------------------

    def _tei(self, element: etree._Element, in_text: bool) -> None:
        catrefs = [c for c in element.iterfind(f"{_T}teiHeader/{_T}profileDesc/{_T}textClass/{_T}catRef")
                   if c.get("scheme") == "#classification"]
        if self.banners and not catrefs:
            self.report("highest-classification", "catref-present", element,
                        f"The text has {len(self.banners)} classification banner(s) but profileDesc/textClass "
                        "has no catRef[@scheme='#classification'] naming the highest level.")

    def _catref(self, element: etree._Element, in_text: bool) -> None:
        if element.get("scheme") != "#classification":
            return
        target = element.get("target")
        if not self.banners:
            self.report("highest-classification", "catref-without-banner", element,
                        f"catRef names {target or ''} but the text has no classification banner.")
            return
        levels = {fw.get("ana") for fw in self.banners}
        expected = next((level for level in _RANKED if level in levels), "")
        if target != expected:
            self.report("highest-classification", "catref-highest", element,
                        f"catRef names {target or ''} but the highest level among the classification banners "
                        f"is {expected}.")

    # --- footnotes, and the note vocabulary -----------------------------------------------

    def _note(self, element: etree._Element, in_text: bool) -> None:
        if not in_text:
            return
        place, n = element.get("place"), element.get("n")
        called = place == "foot" and element.get("anchored") != "false"
        if called and n is not None and (n, self.pbs_ended) in self.called_notes:
            page = self.last_pb.get("n", "") if self.last_pb is not None else ""
            self.report("footnotes", "footnote-unique-on-page", element,
                        f'Footnote marker n="{n}" is used twice on page {page}.')
        if not (place == "foot" and normalize_space(n) != ""):
            self.report("vocabulary", "note-foot", element,
                        "A note in the text is a footnote: place=\"foot\" and its marker in @n.")

    # --- pages ----------------------------------------------------------------------------

    def _pb(self, element: etree._Element, in_text: bool) -> None:
        if in_text:
            self.pbs.append((element, self.last_numeric_pb, self.in_root_text))

    def _pages(self) -> None:
        """The page breaks' rules, once the document's first page number is known."""
        numeric = [(pb, in_root) for pb, _, in_root in self.pbs if not math.isnan(number(pb.get("n")))]
        first = next((pb for pb, in_root in numeric if in_root), None)
        first_value = number(first.get("n")) if first is not None else math.nan
        first_n = first.get("n", "") if first is not None else ""
        for element, previous, _ in self.pbs:
            n = element.get("n", "")
            value = number(n)
            if math.isnan(value):
                if normalize_space(n) == "":
                    self.report("pages", "pb-n-present", element,
                                "A page break needs @n: the printed page number, else the page's position.")
                continue
            if not (value >= 1 and math.floor(value) == value):
                self.report("pages", "pb-number-positive", element,
                            f'Page number n="{n}" is not a whole number of at least 1.')
            if not value >= first_value:
                self.report("pages", "pb-not-before-first", element,
                            f'Page number n="{n}" runs back before the document\'s first page number, {first_n}.')
            if previous is not None and not value >= number(previous.get("n")):
                self.report("pages", "pb-backwards", element,
                            f'Page number n="{n}" follows page {previous.get("n", "")}: a misread page number?')

    # --- dates ----------------------------------------------------------------------------

    def _date(self, element: etree._Element, in_text: bool) -> None:
        w = element.get("when")
        if w is None:
            return
        shape = w.translate(_DIGITS)
        name = _name(element)
        if shape not in ("0000", "0000-00", "0000-00-00"):
            self.report("dates", "date-when-shape", element,
                        f'@when="{w}" on {name} is not an ISO 8601 date of the form YYYY, YYYY-MM or YYYY-MM-DD.')
            return
        if shape == "0000":
            return
        month = int(w[5:7])
        if not 1 <= month <= 12:
            self.report("dates", "date-when-month", element, f'@when="{w}" on {name} has no month {w[5:7]}.')
            return
        if shape == "0000-00-00":
            year, day = int(w[0:4]), int(w[8:10])
            leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
            days = 31 - (month == 2) * (3 - leap) - (month in (4, 6, 9, 11))
            if not 1 <= day <= days:
                self.report("dates", "date-when-day", element,
                            f'@when="{w}" on {name} names day {w[8:10]} of a month of {days} days.')

    # --- header ---------------------------------------------------------------------------

    def _file_desc(self, element: etree._Element, in_text: bool) -> None:
        hashes = [idno for note in element.iterfind(f"{_T}notesStmt/{_T}note") if note.get("type") == "provenance"
                  for idno in note.iterchildren(IDNO) if idno.get("type") == "sha256"]
        if not hashes:
            self.report("header", "provenance-hash-present", element,
                        "The provenance note (notesStmt/note[@type='provenance']) lacks the SHA-256 of the input, "
                        "idno[@type='sha256'].")
        title = element.find(f"{_T}titleStmt/{_T}title")
        if normalize_space(_string_value(title) if title is not None else "") == "":
            self.report("header", "title-present", element,
                        'The first title of titleStmt is empty: a document with no title found gets '
                        '"[Untitled record: NAME]".')

    def _idno(self, element: etree._Element, in_text: bool) -> None:
        parent = element.getparent()
        if element.get("type") != "sha256" or parent is None or parent.tag != NOTE:
            return
        if parent.get("type") != "provenance":
            return
        value = _string_value(element)
        if not (len(value) == 64 and set(value) <= _HEX):
            self.report("header", "provenance-hash-form", element,
                        f'The SHA-256 of the input is not 64 hexadecimal digits: "{value[:80]}".')

    # --- vocabulary -----------------------------------------------------------------------

    def _fw(self, element: etree._Element, in_text: bool) -> None:
        if not in_text:
            return
        kind = element.get("type")
        if kind not in ("classification", "stamp", "pageNum", "archivalId"):
            self.report("vocabulary", "fw-type", element,
                        f'fw/@type="{kind or ""}" is none of classification, stamp, pageNum, archivalId.')
        if kind == "classification" and "ana" not in element.attrib:
            self.report("vocabulary", "fw-classification-ana", element,
                        'A classification banner (fw type="classification") needs @ana naming its level: '
                        "#cls-TS, #cls-S, #cls-C, #cls-R or #cls-U.")
        parent = element.getparent()
        if not (kind == "stamp" or parent is None or parent.tag != BODY or element.get("place") in ("top", "bottom")):
            self.report("vocabulary", "fw-place", element,
                        f'fw type="{kind or ""}" between blocks needs @place, top or bottom.')
        if kind == "stamp":
            children = [child for child in element if isinstance(child.tag, str)]
            if not (len(children) == 1 and any(child.tag == STAMP for child in children)
                    and not _OWN_TEXT(element)):
                self.report("vocabulary", "fw-stamp-content", element,
                            'fw type="stamp" holds exactly one stamp element and no text of its own.')

    def _stamp(self, element: etree._Element, in_text: bool) -> None:
        kind = element.get("type")
        if in_text and kind not in ("declassification", "release", "exemption", "other"):
            self.report("vocabulary", "stamp-type", element,
                        f'stamp/@type="{kind or ""}" is none of declassification, release, exemption, other.')

    def _ab(self, element: etree._Element, in_text: bool) -> None:
        if not in_text:
            return
        kind = element.get("type")
        if kind not in ("letterhead", "field", "classificationAuthority"):
            self.report("vocabulary", "ab-type", element,
                        f'ab/@type="{kind or ""}" is none of letterhead, field, classificationAuthority.')
        if kind == "field" and normalize_space(element.get("subtype")) == "":
            self.report("vocabulary", "ab-field-subtype", element,
                        'A header field (ab type="field") needs @subtype naming the field: subject, date, to, from ...')

    def _seg(self, element: etree._Element, in_text: bool) -> None:
        if not in_text:
            return
        kind = element.get("type")
        parent = element.getparent()
        if not (kind == "portion" or (kind == "classificationAuthority" and parent is not None and parent.tag == P)):
            self.report("vocabulary", "seg-type", element,
                        f'seg/@type="{kind or ""}" is neither portion nor (inside p) classificationAuthority.')
        if kind == "portion" and "ana" not in element.attrib:
            self.report("vocabulary", "seg-portion-ana", element,
                        "A portion marking (seg type=\"portion\") needs @ana naming its level.")

    def _gap(self, element: etree._Element, in_text: bool) -> None:
        reason = element.get("reason")
        if in_text and reason != "withheld":
            self.report("vocabulary", "gap-reason", element, f'gap/@reason is "{reason or ""}", not withheld.')

    def _body(self, element: etree._Element, in_text: bool) -> None:
        loose = next(iter(_OWN_TEXT(element)), None)
        if loose is not None:
            self.report("vocabulary", "body-no-text", element,
                        f'body holds text outside any block: "{normalize_space(loose)[:60]}".')
        first = next((child for child in element if isinstance(child.tag, str)), None)
        if first is None or first.tag != PB:
            self.report("vocabulary", "body-starts-with-pb", element,
                        "body does not open with the page break of its first page.")

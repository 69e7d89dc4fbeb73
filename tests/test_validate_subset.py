"""memo-tei.rng is a restriction of tei_all: whatever it accepts, tei_all accepts.

Documents are drawn at random from the grammar itself (every choice, repetition and value
it allows), kept when memo-tei.rng accepts them, and each must then be valid against the
official tei_all. A seeded generator keeps the run reproducible.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
GRAMMAR = Path(__file__).resolve().parents[1] / "schemas" / "memo-tei.rng"
DOCUMENTS = 150

#: Sample values for each datatype (and pattern) the grammar uses.
SAMPLES: dict[tuple[str, str | None], list[str]] = {
    ("token", r"[^\p{C}\p{Z}]+"): ["subject", "memo", "x", "caveat-2"],
    ("string", r"[\s\S]*\S[\s\S]*"): ["1", "iii", "*", "SECTION 01 OF 02"],
    ("language", "[a-z]{2,3}(-[A-Za-z0-9]{1,8})*"): ["en", "fr", "eng", "en-US"],
    ("date", None): ["1960-05-20", "2000-02-29"],
    ("gYearMonth", None): ["1960-05"],
    ("gYear", None): ["1960"],
    ("Name", None): ["memo-tei"],
    ("token", r"[\d]+[a-z]*[\d]*(\.[\d]+[a-z]*[\d]*){0,3}"): ["0.1.0", "2"],
    ("ID", "classification"): ["classification"],
    ("ID", "cls-(TS|S|C|R|U)"): ["cls-TS", "cls-S", "cls-C", "cls-R", "cls-U"],
    ("anyURI", r"\S+"): ["#genre"],
    ("anyURI", r"rule:[A-Za-z0-9_:.\-]+"): ["rule:banner-line", "rule:formula:jfk-act-release", "rule:a_b.c"],
}
TEXTS = ["", "SECRET", "Text of the page.", "☒ DECLASSIFIED", "25X1"]


class Generator:
    """Walks the grammar from <start>, choosing at random."""

    def __init__(self, grammar: etree._ElementTree, seed: int) -> None:
        self.defines = {d.get("name"): d for d in grammar.iter(f"{{{RNG_NS}}}define")}
        self.start = grammar.find(f"{{{RNG_NS}}}start")
        self.ns = grammar.getroot().get("ns")
        self.random = random.Random(seed)
        self.depth = 0

    def document(self) -> etree._Element:
        holder = etree.Element("holder")
        self._children(self.start, holder)
        return holder[0]

    def _children(self, pattern: etree._Element, parent: etree._Element) -> None:
        for child in pattern:
            self._pattern(child, parent)

    def _pattern(self, node: etree._Element, parent: etree._Element) -> None:
        kind = etree.QName(node).localname
        handler = getattr(self, f"_{kind}", None)
        if handler is None:
            raise AssertionError(f"the grammar uses <{kind}>, which this generator does not know")
        handler(node, parent)

    def _element(self, node: etree._Element, parent: etree._Element) -> None:
        element = etree.SubElement(parent, f"{{{self.ns}}}{node.get('name')}")
        self.depth += 1
        self._children(node, element)
        self.depth -= 1

    def _attribute(self, node: etree._Element, parent: etree._Element) -> None:
        name = node.get("name")
        name = f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name
        holder = etree.Element("value")
        self._children(node, holder)
        parent.set(name, holder.text or "")

    def _value(self, node: etree._Element, parent: etree._Element) -> None:
        self._add_text(parent, node.text or "")

    def _data(self, node: etree._Element, parent: etree._Element) -> None:
        param = node.find(f"{{{RNG_NS}}}param")
        key = (node.get("type"), param.text if param is not None else None)
        self._add_text(parent, self.random.choice(SAMPLES[key]))

    def _text(self, node: etree._Element, parent: etree._Element) -> None:
        self._add_text(parent, self.random.choice(TEXTS))

    def _empty(self, node: etree._Element, parent: etree._Element) -> None:
        pass

    def _ref(self, node: etree._Element, parent: etree._Element) -> None:
        self._children(self.defines[node.get("name")], parent)

    def _group(self, node: etree._Element, parent: etree._Element) -> None:
        self._children(node, parent)

    def _choice(self, node: etree._Element, parent: etree._Element) -> None:
        self._pattern(self.random.choice(list(node)), parent)

    def _optional(self, node: etree._Element, parent: etree._Element) -> None:
        if self.random.random() < 0.5:
            self._children(node, parent)

    def _zeroOrMore(self, node: etree._Element, parent: etree._Element) -> None:
        for _ in range(self._repeats(0)):
            self._children(node, parent)

    def _oneOrMore(self, node: etree._Element, parent: etree._Element) -> None:
        for _ in range(self._repeats(1)):
            self._children(node, parent)

    def _repeats(self, least: int) -> int:
        most = 4 if self.depth < 6 else least  # deep inside, stop growing
        return self.random.randint(least, max(least, most))

    @staticmethod
    def _add_text(parent: etree._Element, text: str) -> None:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text


def test_whatever_memo_tei_rng_accepts_tei_all_accepts(tei_all) -> None:
    grammar = etree.parse(str(GRAMMAR))
    ours = etree.RelaxNG(grammar)
    accepted = 0
    for seed in range(DOCUMENTS):
        document = Generator(grammar, seed).document()
        if not ours.validate(document):
            continue  # a draw the grammar refuses (a repeated xml:id, say)
        accepted += 1
        assert tei_all.validate(document), (seed, str(tei_all.error_log), etree.tostring(document)[:3000])
    assert accepted >= DOCUMENTS // 2, f"only {accepted} of {DOCUMENTS} drawn documents were valid: a weak test"


@pytest.mark.parametrize("seed", [0, 1])
def test_the_generator_draws_documents_of_the_profile(seed: int) -> None:
    document = Generator(etree.parse(str(GRAMMAR)), seed).document()
    assert etree.QName(document).localname == "TEI"
    assert document.find(".//{http://www.tei-c.org/ns/1.0}body") is not None

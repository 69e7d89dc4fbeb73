"""Review pages: every marking of the TEI shown, highlighted, with its certainty; the
collection's figures equal to the TEI's; nothing outside the file referenced; hostile OCR
text shown as text."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from memo_tei.cli import main
from memo_tei.convert import convert_text
from memo_tei.review.pages import KINDS, review, visible

from .conftest import SAMPLE
from .tei_helpers import NS

HOSTILE = (
    "SECRET\n\nMEMORANDUM FOR THE RECORD\n\n"
    "SUBJECT: <script>alert(\"x\")</script> & \"quotes\" 'apostrophes' \u202eevil\u202c\n\n"
    "1. Text with <b>tags</b> &amp; ampersands and <img src=http://example.com/x.png>.*\n\n"
    "* A note with </p><style>body{display:none}</style> in it.\n\nSECRET\n"
)
TEI_MARKINGS = {
    "classification": "//tei:text//tei:fw[@type='classification']",
    "stamp": "//tei:text//tei:stamp",
    "pageNum": "//tei:text//tei:fw[@type='pageNum']",
    "archivalId": "//tei:text//tei:fw[@type='archivalId']",
    "footnote": "//tei:text//tei:note[@place='foot']",
}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory, sample_conversion) -> tuple[Path, Path]:
    tei_dir = tmp_path_factory.mktemp("tei")
    (tei_dir / "sample.xml").write_bytes(sample_conversion.tei)
    (tei_dir / "folder").mkdir()
    (tei_dir / "folder" / "hostile.xml").write_bytes(convert_text(HOSTILE, name="hostile.txt").tei)
    out = tmp_path_factory.mktemp("review")
    review(sorted(tei_dir.rglob("*.xml")), out, root=tei_dir)
    return tei_dir, out


def _marks(page: html.HtmlElement) -> list[html.HtmlElement]:
    return page.xpath("//*[@data-cert][contains(concat(' ', @class, ' '), ' mark ')]")


def test_every_tei_marking_appears_highlighted_with_its_certainty(reviewed) -> None:
    tei_dir, out = reviewed
    tei = etree.parse(str(tei_dir / "sample.xml"))
    page = html.parse(str(out / "sample.html")).getroot()
    marks = _marks(page)
    for kind, path in TEI_MARKINGS.items():
        elements = tei.xpath(path, namespaces=NS)
        shown = [m for m in marks if f"k-{kind}" in m.get("class").split()]
        assert len(shown) == len(elements), kind
        assert [m.get("data-cert") for m in shown] == [e.get("cert") for e in elements], kind
        for mark in shown:
            assert mark.get("tabindex") == "0"  # reachable by keyboard: the certainty shows on focus
            assert f"certainty {mark.get('data-cert')}" in mark.get("title")
            assert mark.get("data-rule") in mark.get("title")
            assert KINDS[kind].casefold() in mark.find_class("lbl")[0].text_content().casefold()


def test_pages_are_sections_with_their_numbers(reviewed) -> None:
    tei_dir, out = reviewed
    tei = etree.parse(str(tei_dir / "sample.xml"))
    page = html.parse(str(out / "sample.html")).getroot()
    numbers = [pb.get("n") for pb in tei.xpath("//tei:text//tei:pb", namespaces=NS)]
    headings = [h.text_content() for h in page.xpath("//section[contains(@class, 'page')]/h2")]
    assert headings == [f"Page {n}" for n in numbers]


def test_header_facts_come_first(reviewed) -> None:
    _, out = reviewed
    page = html.parse(str(out / "sample.html")).getroot()
    facts = page.xpath("//table[contains(@class, 'facts')]")[0]
    text = facts.text_content()
    assert "Sino-Soviet" in text and "1954-10-14" in text and "Secret" in text
    assert facts.getparent().tag == "header"
    assert "Declassification stamp" in text


def test_footnotes_link_to_their_markers_and_back(reviewed) -> None:
    _, out = reviewed
    page = html.parse(str(out / "sample.html")).getroot()
    refs = page.find_class("fnref")
    assert refs
    ids = set(page.xpath("//@id"))
    for ref in refs:
        target = ref.get("href").removeprefix("#")
        assert target in ids
        note = page.get_element_by_id(target)
        back = note.getparent().find_class("back")[0]
        assert back.get("href") == f"#{ref.get('id')}"


def test_low_certainty_items_are_listed_at_the_top_with_links(reviewed) -> None:
    _, out = reviewed
    page = html.parse(str(out / "sample.html")).getroot()
    low = {m.get("id") for m in _marks(page) if m.get("data-cert") == "low"}
    assert low  # the sample has a banner the OCR lost, given back: low
    listed = {a.get("href").removeprefix("#") for a in page.xpath("//section[@class='lowlist']//a")}
    assert low <= listed
    assert page.xpath("//section[@class='lowlist']")[0].getprevious().tag == "header"


def test_collection_figures_equal_the_tei(reviewed) -> None:
    tei_dir, out = reviewed
    teis = [etree.parse(str(p)) for p in sorted(tei_dir.rglob("*.xml"))]
    expected = {kind: sum(len(t.xpath(path, namespaces=NS)) for t in teis) for kind, path in TEI_MARKINGS.items()}
    figures = json.loads((out / "collection.json").read_text(encoding="utf-8"))
    assert figures["markings"] == expected
    assert figures["documents"] == 2
    assert figures["by_folder"] == {".": 1, "folder": 1}
    assert figures["by_level"] == {"S": 2}
    rows = list(csv.DictReader((out / "collection.csv").open(encoding="utf-8")))
    assert {kind: sum(int(r[kind]) for r in rows) for kind in KINDS} == expected
    index = html.parse(str(out / "index.html")).getroot()
    shown = {row[0].text_content().strip(): row[1].text_content().strip()
             for row in index.xpath("//section[@aria-labelledby='kinds']//tr[td]")}
    assert {KINDS[k]: str(n) for k, n in expected.items()}.items() <= shown.items()
    links = {a.get("href") for a in index.xpath("//a")}
    assert {"sample.html", "folder/hostile.html"} <= links
    assert index.xpath("//svg//rect")  # the release-year chart, inline
    queue = [a.get("href") for a in index.xpath("//section[@aria-labelledby='queue']//td/a")]
    lows = {r["page"]: int(r["cert_low"]) for r in rows}
    assert [lows[q] for q in queue] == sorted(lows.values(), reverse=True)


def test_no_page_references_anything_outside_itself(reviewed) -> None:
    _, out = reviewed
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        page = html.fromstring(text)
        assert not page.xpath("//@src | //@srcset | //link | //object | //iframe | //script | //base"), path
        assert not re.search(r"url\(|@import", text), path
        for href in page.xpath("//a/@href"):
            assert "://" not in href and not href.startswith(("//", "javascript:", "data:")), href


def test_hostile_text_is_shown_as_text(reviewed) -> None:
    _, out = reviewed
    raw = (out / "folder" / "hostile.html").read_text(encoding="utf-8")
    page = html.fromstring(raw)
    text = page.text_content()
    assert '<script>alert("x")</script>' in text
    assert "<b>tags</b>" in text and "&amp; ampersands" in text and "<img src=" in text
    assert not page.xpath("//script | //b | //img | //body//style")
    assert "\u202e" not in raw and "U+202E" in text  # a direction override is shown, not obeyed
    assert page.xpath("//a[@href='../index.html']")


def test_visible_shows_hidden_characters() -> None:
    assert visible("a\u202eb\x07c\u200bd") == "a\u2039U+202E\u203ab\u2039U+0007\u203ac\u2039U+200B\u203ad"
    assert visible("plain <text> & more") == "plain <text> & more"


def test_review_command_and_convert_review(tmp_path: Path) -> None:
    runner = CliRunner()
    tei = tmp_path / "tei"
    result = runner.invoke(main, ["convert", str(SAMPLE), "-o", str(tei), "--review"])
    assert result.exit_code == 0, result.output
    assert (tei / f"{SAMPLE.stem}.html").is_file() and (tei / "index.html").is_file()
    out = tmp_path / "pages"
    result = runner.invoke(main, ["review", str(tei), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["collection.csv", "collection.json", "index.html", f"{SAMPLE.stem}.html"])
    result = runner.invoke(main, ["convert", str(SAMPLE), "--review"])
    assert result.exit_code == 2 and "--review" in result.output


def test_a_file_that_is_not_xml_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><broken")
    result = CliRunner().invoke(main, ["review", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "cannot review" in result.output


def test_counts_are_per_kind(reviewed) -> None:
    _, out = reviewed
    figures = json.loads((out / "collection.json").read_text(encoding="utf-8"))
    assert set(figures["markings"]) == set(KINDS)
    assert sum(Counter(figures["certainty"]).values()) >= sum(figures["markings"].values())


def test_a_two_digit_release_year_is_read_in_the_century_releases_happened() -> None:
    from memo_tei.review.pages import Item, release_year

    def stamp(text: str) -> Item:
        return Item(id="s", kind="stamp", cert="high", rule="r", text=text, page="1", detail="declassification")

    assert release_year([stamp("DECLASSIFIED 10/27/48")]) == "1948"
    assert release_year([stamp("Date: 10-21-21")]) == "2021"
    assert release_year([stamp("Approved For Release 2003/04/29")]) == "2003"

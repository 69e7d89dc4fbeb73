"""The review pages in a real browser: Chromium, headless, from the system's packages.

What a reader sees: the page sections, a highlighted banner, a footnote link whose target
the browser finds. Screenshots go to ``$MEMO_TEI_ARTIFACTS`` (default ``.artifacts/review``
in the project) for a person, or a CI job, to look at. Skips, saying why, where no
Chromium is installed (``apt-get install chromium``; ``.ci/run`` installs it where it can).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from memo_tei.convert import convert_text
from memo_tei.review.pages import review

from .conftest import ROOT
from .test_review import HOSTILE

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
               None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine to render the review pages "
                                                        "(apt-get install chromium)")
ARTIFACTS = Path(os.environ.get("MEMO_TEI_ARTIFACTS", ROOT / ".artifacts" / "review"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--disable-extensions", "--disable-background-networking"]


def _chromium(*args: str) -> subprocess.CompletedProcess[bytes]:
    assert BROWSER is not None
    return subprocess.run([BROWSER, *FLAGS, *args], capture_output=True, timeout=90, check=False)


def _dom(url: str) -> html.HtmlElement:
    result = _chromium("--dump-dom", url)
    assert result.returncode == 0, result.stderr[-500:]
    return html.fromstring(result.stdout)


def _screenshot(url: str, name: str, size: str = "1200,1600") -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    target.unlink(missing_ok=True)
    _chromium(f"--window-size={size}", f"--screenshot={target}", url)
    assert target.is_file() and target.stat().st_size > 10_000, f"no screenshot of {url}"
    return target


@pytest.fixture(scope="module")
def pages(tmp_path_factory, sample_conversion) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    (tei / "sample.xml").write_bytes(sample_conversion.tei)
    (tei / "hostile.xml").write_bytes(convert_text(HOSTILE, name="hostile.txt").tei)
    out = tmp_path_factory.mktemp("review")
    review(sorted(tei.glob("*.xml")), out, root=tei)
    return out


def test_the_browser_shows_pages_a_highlighted_banner_and_a_working_footnote_link(pages: Path) -> None:
    url = (pages / "sample.html").as_uri()
    dom = _dom(url)
    sections = dom.xpath("//section[contains(@class, 'page')]")
    assert len(sections) == 6
    banner = dom.xpath("//*[contains(@class, 'k-classification')][@data-cert]")[0]
    assert "Banner" in banner.find_class("lbl")[0].text_content()
    ref = dom.find_class("fnref")[0]
    target = dom.get_element_by_id(ref.get("href").removeprefix("#"))
    assert "k-footnote" in target.get("class")
    shot = _screenshot(url, "sample.png")
    _screenshot(f"{url}#{target.get('id')}", "sample-footnote.png")  # the page scrolled to the note
    assert shot.stat().st_size > 50_000  # a page of coloured highlights, not a blank


def test_the_browser_runs_nothing_from_hostile_text(pages: Path) -> None:
    dom = _dom((pages / "hostile.html").as_uri())
    assert not dom.xpath("//script | //img | //b")
    assert '<script>alert("x")</script>' in dom.text_content()
    _screenshot((pages / "hostile.html").as_uri(), "hostile.png", "1200,900")


def test_the_collection_page_renders(pages: Path) -> None:
    dom = _dom((pages / "index.html").as_uri())
    assert dom.xpath("//svg//rect") and dom.xpath("//a[@href='sample.html']")
    _screenshot((pages / "index.html").as_uri(), "index.png", "1200,1200")

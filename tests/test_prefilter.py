"""The plain-line test (prefilter.py) never keeps a marking from the tagger.

A line tagged only in the tables the prefilter routes it to must get the tags and the page
role the full tagging gives it (every rule table, in the context where every rule applies),
and a line it calls plain must have no page role.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from memo_tei.batch.inputs import iter_jobs
from memo_tei.reading.decoding import decode
from memo_tei.reading.lines import Line, read_lines
from memo_tei.recognition.prefilter import Pattern, Prefilter, translate
from memo_tei.recognition.recognize import full_role
from memo_tei.recognition.rules import Rules, load_rules
from memo_tei.recognition.tagging import MAX_MARKING_LINE, Context, full_tags, tag_line

from .conftest import FIXTURES

LINES = FIXTURES / "prefilter" / "lines.txt"


def _everything(rules: Rules) -> Context:
    """The context in which every rule applies: the most any line can be tagged with."""
    return Context(frozenset(name for name, _regex, _within in rules.required))


def _disagreements(lines: list[Line], rules: Rules) -> list[str]:
    """Lines whose tags or page role, tried only in the tables the prefilter routes them to,
    differ from those of every table, and lines called plain that have a page role."""
    context = _everything(rules)
    assert rules.prefilter is not None
    missed = []
    for line in lines:
        if line.kind != "text" or len(line.text) > MAX_MARKING_LINE:
            continue
        route = rules.prefilter.route(line.text)
        routed_alike = (full_tags(line.text, rules, context, route) == full_tags(line.text, rules, context)
                        and full_role(line, rules, context, route) == full_role(line, rules, context))
        if not routed_alike or (not route and full_role(line, rules, context) is not None):
            missed.append(line.text)
    return missed


def _fixture_lines() -> list[Line]:
    return [line for line in read_lines(LINES.read_text("utf-8")) if line.kind == "text"]


def test_no_fixture_line_called_plain_holds_a_marking() -> None:
    assert _disagreements(_fixture_lines(), load_rules()) == []


def test_markings_are_not_plain_and_prose_is() -> None:
    rules = load_rules()
    assert rules.prefilter is not None
    plain = {line.text: rules.prefilter.plain(line.text) for line in _fixture_lines()}
    for marking in ("SECRET", "SEGRET NOFORN", "- 2 -", "Page 3 of 7", "DECLASSIFIED", "25X1",
                    "SUBJECT: Soviet Activities in Mexico City"):
        assert not plain[marking], marking
    for prose in ("He was seen again at the embassy two days later and was not followed.",
                  "Our files hold no further record of his travel."):
        assert plain[prose], prose


def test_lines_the_engines_may_read_differently_go_to_the_full_tagging() -> None:
    prefilter = load_rules().prefilter
    assert prefilter is not None
    assert not prefilter.plain("   indented line with blanks around it   ")  # the tables read it stripped
    assert not prefilter.plain("\u00a0indented by a no-break space")
    assert not prefilter.plain("a tab\there")
    assert not prefilter.plain("word " * 300 + "end")  # too long to trust the automaton with


def test_a_rule_added_later_is_covered(tmp_path: Path) -> None:
    line = "Filed in the registry on arrival"
    assert load_rules().prefilter.plain(line)  # type: ignore[union-attr]
    extra = tmp_path / "mine.toml"
    extra.write_text("[[stamp]]\ntype = 'other'\nname = 'desk'\n"
                     "pattern = 'Filed\\s+in\\s+the\\s+registry\\b.*'\n", "utf-8")
    rules = load_rules(extra)
    assert rules.prefilter is not None and not rules.prefilter.plain(line)
    (tagged,) = tag_line(read_lines(line)[0], rules)
    assert tagged.tag.kind == "stamp"


@pytest.mark.parametrize(("source", "search", "line"), [
    (r"(?<![A-Za-z])25X\d(?![A-Za-z0-9])", True, "see 25X1 above"),  # look-arounds dropped
    (r"^(?=.*release)(?=.*kennedy)", False, "kennedy release"),  # the last look-ahead is matched
    (r"(?i)page\s+\d+", False, "PAGE 4"),
    (r"(\w+) \1", True, "the the"),  # a back reference reads as anything
])
def test_the_rewritten_pattern_accepts_what_the_python_one_does(source: str, search: bool, line: str) -> None:
    assert not Prefilter([Pattern(source, search=search)]).plain(line)
    assert translate(Pattern(source, search=search))


@pytest.mark.parametrize(("source", "search", "line"), [
    (r"\w+\s\d", True, "d\u00e9j\u00e0\u00a0\u0663"),  # Python's \w, \s, \d read letters, spaces, digits of any script
    (r".\b ", True, "n\u00e9 (born)"),  # \b after a letter outside ASCII
    (r"(?i)\bkelvin", False, "\u212aELVIN"),  # the Kelvin sign is a K ignoring case
    (r"(?i)STRASSE", False, "\u017ftra\u017f\u017fe"),  # so is the long s an S
    (r"PAGE\s+\d", False, "PAGE\u2003\u0664"),
])
def test_a_line_outside_ascii_is_read_by_the_wide_form(source: str, search: bool, line: str) -> None:
    assert re.search(source, line) if search else re.match(source, line)
    assert not Prefilter([Pattern(source, search=search)]).plain(line)


def test_a_folded_pattern_reads_a_line_that_folds_to_more_letters() -> None:
    # the formula gate reads the line case-folded: Straße as strasse
    assert not Prefilter([Pattern("ss", search=True, folded=True)]).plain("Straße")


def test_prose_outside_ascii_is_plain_and_markings_there_are_not() -> None:
    prefilter = load_rules().prefilter
    assert prefilter is not None
    assert prefilter.plain("Café society was discussed at length — without result.")
    assert prefilter.plain("“We have no record of him,” the station replied.")
    for marking in ("SECRET — NOFORN", "“SECRET", "Page 3 of 7 ·", "DECLASSIFIED • 25X1"):
        assert not prefilter.plain(marking), marking


def test_a_line_no_pattern_can_match_is_plain() -> None:
    prefilter = Prefilter([Pattern(r"(?<![A-Za-z])25X\d", search=True), Pattern(r"PAGE\s+\d+$")])
    assert prefilter.plain("nothing here")
    assert prefilter.plain("the PAGE 4 of the report")  # PAGE must start the line
    assert not prefilter.plain("PAGE 4")


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["dev_corpus", "perf_corpus"])
def test_no_corpus_line_called_plain_holds_a_marking(corpus: str, request: pytest.FixtureRequest) -> None:
    rules = load_rules()
    missed = []
    for job in iter_jobs([str(request.getfixturevalue(corpus))]):
        assert job.source is not None
        missed += _disagreements(read_lines(decode(job.source.read_bytes()).text), rules)
    assert missed == []

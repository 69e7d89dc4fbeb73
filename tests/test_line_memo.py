"""The tagger's memo of lines already seen: a batch worker converts faster where lines recur,
and its output never depends on what the process converted before."""

from __future__ import annotations

import pickle

from memo_tei.batch.inputs import iter_jobs
from memo_tei.convert import convert_bytes
from memo_tei.recognition.rules import LineMemo, load_rules

from .tei_helpers import parse, text_of, xpath

# A cable's classification line is a marking only in a document with a cable header: the
# same line, memoized in one document, must be read afresh in the other.
CABLE = "ZNY CCCCC ZZH\nFM AMEMBASSY NEW DELHI\n\nCONFIDENTIAL NEW DELHI 005266\n\nText of the cable.\n"
NOT_A_CABLE = "A memo.\n\nCONFIDENTIAL NEW DELHI 005266\n\nText of the memo.\n"


def _banners(data: str) -> list[str]:
    doc = parse(convert_bytes(data.encode(), name="x.txt").tei)
    return [text_of(fw) for fw in xpath(doc, "//tei:fw[@type='classification']")]


def test_a_line_is_read_in_the_context_of_its_document() -> None:
    load_rules().seen.clear()
    assert _banners(NOT_A_CABLE) == ["CONFIDENTIAL"]  # the level word inside a line of text
    assert _banners(CABLE) == ["CONFIDENTIAL NEW DELHI 005266"]  # the cable's classification line
    assert _banners(NOT_A_CABLE) == ["CONFIDENTIAL"]
    load_rules().seen.clear()
    assert _banners(CABLE) == ["CONFIDENTIAL NEW DELHI 005266"]


def test_output_does_not_depend_on_what_was_converted_before(dev_corpus) -> None:
    rules = load_rules()
    sources = [job.source for job in iter_jobs([dev_corpus])]
    warm = {}
    for path in sources:  # one process through the corpus: the memo fills up
        warm[path] = convert_bytes(path.read_bytes(), name=path.name, rules=rules).tei
    for path in reversed(sources):  # each on its own, the memo empty
        rules.seen.clear()
        assert convert_bytes(path.read_bytes(), name=path.name, rules=rules).tei == warm[path], path.name


def test_the_memo_is_bounded() -> None:
    memo = LineMemo()
    for k in range(LineMemo.limit + 10):
        memo.keep(k, k)
    assert len(memo) <= LineMemo.limit
    assert memo[LineMemo.limit + 9] == LineMemo.limit + 9


def test_rules_sent_to_a_worker_carry_no_memo() -> None:
    rules = load_rules()
    convert_bytes(b"SECRET\n\nText.\n", name="x.txt", rules=rules)
    assert rules.seen
    assert len(pickle.loads(pickle.dumps(rules)).seen) == 0

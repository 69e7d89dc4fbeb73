"""What the converter writes is valid: every document of the dev corpus against
memo-tei.rng and tei_all, and against the Schematron rules (warnings allowed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from memo_tei.validate import check_tei, iter_tree_findings


@pytest.fixture(scope="module")
def converted(dev_corpus: Path) -> dict[str, etree._ElementTree]:
    from memo_tei.batch.inputs import iter_jobs
    from memo_tei.convert import convert_file

    trees = {}
    for job in iter_jobs([str(dev_corpus)]):
        assert job.source is not None
        result = convert_file(job.source)
        trees[job.relative_out.as_posix()] = etree.fromstring(result.tei).getroottree()
    assert len(trees) >= 50
    return trees


def test_dev_corpus_is_valid_against_memo_tei_rng_and_tei_all(converted, tei_all) -> None:
    failures = []
    for name, tree in converted.items():
        grammar = [str(f) for f in iter_tree_findings(tree, file=name) if f.rule == "memo-tei.rng"]
        if grammar:
            failures.append(grammar)
        if not tei_all.validate(tree):
            failures.append([f"{name}: tei_all: {tei_all.error_log.last_error}"])
    assert failures == []


def test_dev_corpus_keeps_the_schematron_rules(converted) -> None:
    errors = [f for name, tree in converted.items() for f in iter_tree_findings(tree, file=name) if f.is_error]
    assert [str(f) for f in errors] == []


def test_check_tei_accepts_the_converters_tree_in_memory(sample_conversion) -> None:
    from memo_tei.tei.writer import to_tei

    assert check_tei(to_tei(sample_conversion.document)) == []


def test_check_tei_reports_a_broken_tree_by_xpath(sample_conversion) -> None:
    from memo_tei.tei.writer import to_tei

    root = to_tei(sample_conversion.document)
    banner = root.find(".//{http://www.tei-c.org/ns/1.0}fw[@type='classification']")
    del banner.attrib["ana"]
    findings = check_tei(root)
    assert {f.rule for f in findings} == {"memo-tei.rng", "memo-tei.sch:fw-classification-ana"}
    assert all(f.file == "<memory>" and f.is_error for f in findings)
    assert all(f.xpath and f.xpath.startswith("/tei:TEI/tei:text/tei:body/tei:fw") for f in findings)

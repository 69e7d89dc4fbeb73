"""Shared fixtures: the bundled sample, and the corpus and reference schemas that live in
``../shared`` beside the project (tests that need them skip, saying why, where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "cia-staff-memo-73-54-1954-sino-soviet-communiques.txt"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus and reference schemas sit beside the project")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _shared()


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    return _shared("corpus", "dev")


@pytest.fixture(scope="session")
def perf_corpus() -> Path:
    return _shared("corpus", "perf")


@pytest.fixture(scope="session")
def failures_corpus() -> Path:
    return _shared("corpus", "failures")


@pytest.fixture(scope="session")
def dev_gold() -> Path:
    return _shared("corpus", "dev-gold")


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG schema, compiled once per test session."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(_shared("reference-schemas", "tei_all.rng"))))


@pytest.fixture(scope="session")
def sample_conversion():
    from memo_tei.convert import convert_file

    return convert_file(SAMPLE)


@pytest.fixture(scope="session")
def oai_schemas():
    """OAI-PMH.xsd and oai_dc.xsd of the reference schemas, and the project's TEI profile."""
    from .oai_helpers import Schemas

    return Schemas(_shared("reference-schemas"))

"""memo-tei's scores on its own gold annotations must not fall below the recorded baseline.

The annotations (tests/gold/, see its README) cover dev-corpus documents that the shared
gold leaves out. The baseline (tests/own_gold_baseline.json) is the scorer's summary when it
was last recorded; record it again when recognition improves, by running this module as a
script: ``python -m tests.test_own_gold --record``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED
from .scoring import CATEGORIES, assert_holds, figures, record

GOLD = ROOT / "tests" / "gold"
BASELINE = ROOT / "tests" / "own_gold_baseline.json"


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def own_summary(out: Path) -> dict:
    """Convert each annotated input into ``out`` as <stem>.xml and score them against tests/gold."""
    from memo_tei.convert import convert_file

    tei_dir = out / "tei"
    tei_dir.mkdir(parents=True)
    for gold in gold_files():
        source = SHARED / "corpus" / "dev" / json.loads(gold.read_text(encoding="utf-8"))["file"]
        (tei_dir / f"{gold.stem}.xml").write_bytes(convert_file(source).tei)
    report = out / "score.json"
    subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(GOLD), "--tei", str(tei_dir),
         "--inputs", str(SHARED), "--schema", str(SHARED / "reference-schemas" / "tei_all.rng"),
         "--json", str(report)],
        check=True, capture_output=True,
    )
    return json.loads(report.read_text())


def test_own_gold_files_load() -> None:
    files = gold_files()
    assert files, f"no gold files in {GOLD}"
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(gold["pages"], int) and gold["pages"] >= 1, path.name
        assert not Path(gold["file"]).is_absolute(), path.name
        for cat in CATEGORIES:
            for item in gold[cat]:
                assert 1 <= item["page"] <= gold["pages"] and item["text"], (path.name, item)


@pytest.mark.slow
def test_own_gold_scores_hold_the_baseline(tmp_path: Path) -> None:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"{SHARED} is absent: the dev corpus and its scorer sit beside the project")
    report = own_summary(tmp_path)
    assert report["summary"]["documents"] == len(gold_files())
    assert report["summary"]["missing_tei"] == 0, "a TEI file did not parse"
    assert all(not doc["missing"] for doc in report["documents"].values())
    now = figures(report["summary"], with_facts=False)
    assert_holds(now, BASELINE)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = figures(own_summary(Path(tmp))["summary"], with_facts=False)
    print(json.dumps(result, indent=1))
    if "--record" in sys.argv:
        record(result, BASELINE)

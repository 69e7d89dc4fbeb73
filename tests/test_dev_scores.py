"""The dev corpus scores must not fall below the recorded baseline.

The baseline (tests/dev_baseline.json) is the scorer's summary when it was last raised;
raise it when recognition improves, by running this module as a script:
``python -m tests.test_dev_scores --record``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

BASELINE = ROOT / "tests" / "dev_baseline.json"
TOLERANCE = 0.002
CATEGORIES = ("classification", "stamps", "page_numbers", "footnotes")


def dev_summary(out: Path) -> dict:
    """Convert the dev corpus and the seed into ``out`` and score them against dev gold."""
    from memo_tei.convert import convert_file
    from memo_tei.errors import MemoTeiError
    from memo_tei.inputs import iter_jobs

    tei_dir = out / "tei"
    tei_dir.mkdir(parents=True)
    for job in iter_jobs([str(SHARED / "corpus" / "dev"), str(SHARED / "seeds")]):
        assert job.source is not None
        try:
            (tei_dir / job.relative_out.name).write_bytes(convert_file(job.source).tei)
        except MemoTeiError:
            continue
    report = out / "score.json"
    subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "corpus" / "dev-gold"),
         "--tei", str(tei_dir), "--inputs", str(SHARED), "--schema",
         str(SHARED / "reference-schemas" / "tei_all.rng"), "--json", str(report)],
        check=True, capture_output=True,
    )
    return json.loads(report.read_text())["summary"]


def figures(summary: dict) -> dict[str, float]:
    out = {"macro_f1": summary["macro_f1"], "pages_exact": summary["pages_exact"],
           "valid": summary["valid"], "words_kept": summary["words_kept"]}
    out.update({cat: summary[cat]["f1"] for cat in CATEGORIES})
    out.update({f"doc.{k}": v for k, v in summary["document"].items() if v is not None})
    return out


@pytest.mark.slow
def test_dev_scores_hold_the_baseline(tmp_path: Path) -> None:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"{SHARED} is absent: the dev corpus and its scorer sit beside the project")
    now = figures(dev_summary(tmp_path))
    baseline = json.loads(BASELINE.read_text())
    fallen = {k: (v, now.get(k)) for k, v in baseline.items() if now.get(k, 0.0) < v - TOLERANCE}
    assert not fallen, f"below baseline (baseline, now): {fallen}; all now: {now}"
    assert now["valid"] == 1.0


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = figures(dev_summary(Path(tmp)))
    print(json.dumps(result, indent=1))
    if "--record" in sys.argv:
        BASELINE.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")

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
from .scoring import assert_holds, figures, record

BASELINE = ROOT / "tests" / "dev_baseline.json"


def dev_summary(out: Path) -> dict:
    """Convert the dev corpus and the seed into ``out`` and score them against dev gold."""
    from memo_tei.batch.inputs import iter_jobs
    from memo_tei.convert import convert_file
    from memo_tei.errors import MemoTeiError

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


@pytest.mark.slow
def test_dev_scores_hold_the_baseline(tmp_path: Path) -> None:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"{SHARED} is absent: the dev corpus and its scorer sit beside the project")
    now = figures(dev_summary(tmp_path))
    assert_holds(now, BASELINE)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = figures(dev_summary(Path(tmp)))
    print(json.dumps(result, indent=1))
    if "--record" in sys.argv:
        record(result, BASELINE)

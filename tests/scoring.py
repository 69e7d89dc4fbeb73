"""What the score regression tests share: the figures they keep and the baseline check."""

from __future__ import annotations

import json
from pathlib import Path

TOLERANCE = 0.002
CATEGORIES = ("classification", "stamps", "page_numbers", "footnotes")


def figures(summary: dict, *, with_facts: bool = True) -> dict[str, float]:
    """The figures of a score.py summary that a baseline records."""
    out = {"macro_f1": summary["macro_f1"], "pages_exact": summary["pages_exact"],
           "valid": summary["valid"], "words_kept": summary["words_kept"]}
    out.update({cat: summary[cat]["f1"] for cat in CATEGORIES})
    if with_facts:
        out.update({f"doc.{k}": v for k, v in summary["document"].items() if v is not None})
    return out


def assert_holds(now: dict[str, float], baseline: Path) -> None:
    """Fail, naming each figure, where ``now`` falls below the recorded ``baseline``."""
    recorded = json.loads(baseline.read_text())
    fallen = {k: (v, now.get(k)) for k, v in recorded.items() if now.get(k, 0.0) < v - TOLERANCE}
    assert not fallen, f"below baseline (baseline, now): {fallen}; all now: {now}"
    assert now["valid"] == 1.0


def record(now: dict[str, float], baseline: Path) -> None:
    baseline.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")

"""How long the review pages of a collection take to render, on one core.

    python benchmarks/review_bench.py [--docs 1000] [--tei DIR]

Converts the first ``--docs`` files of ``../shared/corpus/perf`` (or reads the TEI of
``--tei``), then times ``memo_tei.review.pages.review`` alone over them: one page per document,
the index, JSON and CSV. The target is under 20 s for 1,000 documents.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERF = ROOT.parent / "shared" / "corpus" / "perf"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--tei", type=Path, help="a folder of TEI to render instead of converting the perf corpus")
    args = parser.parse_args()
    from memo_tei.convert import convert_file
    from memo_tei.review.pages import review

    with tempfile.TemporaryDirectory() as tmp:
        if args.tei:
            paths = sorted(args.tei.rglob("*.xml"))[:args.docs]
        else:
            if not PERF.is_dir():
                print(f"{PERF} is absent: pass --tei DIR", file=sys.stderr)
                return 2
            tei = Path(tmp) / "tei"
            tei.mkdir()
            paths = []
            for source in sorted(p for p in PERF.rglob("*") if p.suffix in (".txt", ".md"))[:args.docs]:
                target = tei / source.relative_to(PERF).with_suffix(".xml")  # releases share names
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(convert_file(source).tei)
                paths.append(target)
        size = sum(p.stat().st_size for p in paths)
        started = time.process_time()
        wall = time.perf_counter()
        figures = review(paths, Path(tmp) / "review")
        cpu, elapsed = time.process_time() - started, time.perf_counter() - wall
        pages = sum(1 for _ in (Path(tmp) / "review").rglob("*.html"))
    print(f"{figures['documents']} documents ({size / 1e6:.1f} MB of TEI), {pages} HTML files: "
          f"{elapsed:.2f} s wall, {cpu:.2f} s CPU, {1000 * elapsed / max(len(paths), 1):.1f} ms a document")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long validation takes: memo-tei's own schemas against the official tei_all.

Converts the dev corpus, then, in this one process, times (1) compiling memo-tei.rng and
memo-tei.sch and checking every converted document against both, and (2) compiling
tei_all.rng once and checking every document against it. Not a test: run it by hand,

    python benchmarks/validate_bench.py [--corpus DIR] [--tei-all FILE] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lxml import etree

from memo_tei.atomic import write_atomic
from memo_tei.batch.inputs import iter_jobs
from memo_tei.convert import convert_file
from memo_tei.validate.relaxng import RelaxNGChecker
from memo_tei.validate.schematron import SchematronChecker
from memo_tei.validate.shipped import TEI_GRAMMAR, TEI_RULES, shipped_schema

SHARED = Path(__file__).resolve().parents[2] / "shared"
T = TypeVar("T")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    parser.add_argument("--tei-all", type=Path, default=SHARED / "reference-schemas" / "tei_all.rng")
    parser.add_argument("--rounds", type=int, default=3, help="validation rounds; the median is shown")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not args.tei_all.is_file():
        print(f"needs the corpus ({args.corpus}) and tei_all.rng ({args.tei_all})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as out:
        files = convert_corpus(args.corpus, Path(out))
        print(f"{len(files)} documents converted from {args.corpus}")
        trees = [etree.parse(str(f)) for f in files]

        compile_ours, checkers = timed(lambda: (RelaxNGChecker(shipped_schema(TEI_GRAMMAR)),
                                                 SchematronChecker(shipped_schema(TEI_RULES))))
        ours = rounds(args.rounds, lambda: [list(c.check(t, file="-")) for t in trees for c in checkers])
        compile_tei_all, tei_all = timed(lambda: etree.RelaxNG(etree.parse(str(args.tei_all))))
        official = rounds(args.rounds, lambda: [tei_all.validate(t) for t in trees])

    report("memo-tei.rng + memo-tei.sch", compile_ours, ours, len(trees))
    report("tei_all.rng", compile_tei_all, official, len(trees))
    return 0


def convert_corpus(corpus: Path, out: Path) -> list[Path]:
    files = []
    for job in iter_jobs([str(corpus)]):
        assert job.source is not None
        target = out / job.relative_out
        write_atomic(target, convert_file(job.source).tei)
        files.append(target)
    return files


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def rounds(count: int, work: Callable[[], object]) -> float:
    return statistics.median(timed(work)[0] for _ in range(max(1, count)))


def report(name: str, compile_s: float, validate_s: float, documents: int) -> None:
    print(f"{name:28} compile {compile_s:7.3f} s   validate all {validate_s:7.3f} s"
          f"   {1000 * validate_s / documents:6.2f} ms/document   total {compile_s + validate_s:7.3f} s")


if __name__ == "__main__":
    sys.exit(main())

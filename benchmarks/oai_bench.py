"""How fast the OAI-PMH data provider is with a large collection: index build rate, page
latency, and whether memory stays flat.

Makes N TEI documents (default 100,000) from the bundled memo's conversion (each its own
title, date, release stamp and folder), then, each in a child process so its peak memory is
its own: (1) builds the index of N/10 documents and of all N, timing the second; (2) harvests
the whole index with ListRecords in oai_dc, 100 records a page, through the WSGI app, timing
every page. Not a test: run it by hand from the project root,

    python benchmarks/oai_bench.py [--records N] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "cia-staff-memo-73-54-1954-sino-soviet-communiques.txt"
TARGET_PAGE_MS, TARGET_RATE = 50.0, 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        _bench(Path(tmp), args.records)


def _bench(tmp: Path, count: int) -> None:
    from memo_tei.convert import convert_file

    sys.path.insert(0, str(ROOT))
    from tests.oai_helpers import synthesize

    template = convert_file(SAMPLE).tei
    started = time.perf_counter()
    synthesize(template, tmp / "small", count // 10)
    synthesize(template, tmp / "all", count)
    print(f"made {count:,} + {count // 10:,} TEI files ({len(template):,} bytes each) in "
          f"{time.perf_counter() - started:.0f} s")
    small = _run("build", str(tmp / "small"), str(tmp / "small.db"))
    full = _run("build", str(tmp / "all"), str(tmp / "all.db"))
    rate = count / full["seconds"]
    print(f"index build, one process: {count:,} records in {full['seconds']:.1f} s = {rate:,.0f} records/s "
          f"(target >= {TARGET_RATE:,.0f}) {'OK' if rate >= TARGET_RATE else 'SLOW'}")
    jobs = os.cpu_count() or 1
    if jobs > 1:
        parallel = _run("build", str(tmp / "all"), str(tmp / "parallel.db"), str(jobs))
        print(f"index build, --jobs {jobs}: {count / parallel['seconds']:,.0f} records/s")
    print(f"index build peak memory: {small['peak_mb']:.0f} MB for {count // 10:,} records, "
          f"{full['peak_mb']:.0f} MB for {count:,}")
    again = _run("build", str(tmp / "all"), str(tmp / "all.db"))
    print(f"index re-run with nothing changed: {again['seconds']:.1f} s = {count / again['seconds']:,.0f} files/s")
    harvest = _run("harvest", str(tmp / "all.db"))
    ms = harvest["page_ms"]
    p95 = statistics.quantiles(ms, n=20)[-1]
    print(f"ListRecords oai_dc, 100 a page, {count:,} records indexed: {len(ms):,} pages, first "
          f"{ms[0]:.1f} ms, median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, last {ms[-1]:.1f} ms, "
          f"max {max(ms):.1f} ms (target < {TARGET_PAGE_MS:.0f}) {'OK' if p95 < TARGET_PAGE_MS else 'SLOW'}")
    print(f"harvest peak memory: {harvest['peak_mb_tenth']:.0f} MB after a tenth of the pages, "
          f"{harvest['peak_mb']:.0f} MB after all; {harvest['records']:,} records harvested once each: "
          f"{harvest['records'] == harvest['distinct'] == count}")


def _run(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, *paths: str) -> dict:
    if kind == "build":
        from memo_tei.oai.index import build_index

        started = time.perf_counter()
        report = build_index(Path(paths[0]), Path(paths[1]), jobs=int(paths[2]) if len(paths) > 2 else 1)
        return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "added": report.added}
    return _harvest(Path(paths[0]))


def _harvest(db: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.oai_helpers import call

    from memo_tei.oai.app import OaiApp

    app = OaiApp(db, batch_size=100)
    seen: set[str] = set()
    records, page_ms, peak_tenth = 0, [], 0.0
    query: dict[str, str] = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        started = time.perf_counter()
        answer = call(app, query)
        page_ms.append((time.perf_counter() - started) * 1000)
        identifiers = [str(i) for i in answer.xpath("//o:header/o:identifier/text()")]  # not the tree
        records += len(identifiers)
        seen.update(identifiers)
        if len(page_ms) == 100:
            peak_tenth = _peak_mb()
        token = answer.xpath("//o:resumptionToken/text()")
        if not token:
            break
        query = {"verb": "ListRecords", "resumptionToken": token[0]}
    return {"page_ms": page_ms, "peak_mb": _peak_mb(), "peak_mb_tenth": peak_tenth or _peak_mb(),
            "records": records, "distinct": len(seen)}


if __name__ == "__main__":
    main()

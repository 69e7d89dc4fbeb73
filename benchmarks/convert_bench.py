"""How fast memo-tei converts, and in how much memory, beside pandoc; run by hand, not in the suite.

    python benchmarks/convert_bench.py [--corpus DIR] [--target-mb 50] [--pages 1000] [--big-mb 45]
                                       [--perf DIR] [--perf-pandoc-files N] [--perf-only]

Each measurement is one ``memo-tei convert`` process, timed from start to exit, whose peak
resident memory is read from ``wait4`` (with ``--jobs 2`` that is the parent's alone, the
workers being the fork server's children). The inputs are
  (a) the dev corpus copied until it weighs about ``--target-mb`` (the corpus's notes,
      CSV and JSON files left out), converted with ``--jobs 1`` and with ``--jobs 2``;
  (b) a generated memo of ``--pages`` pages, and one four times as long, to show the time
      per page does not grow with the document (both are past the page count up to which a
      conversion also checks itself against the Schematron rules, which would skew the
      comparison);
  (c) one generated input of ``--big-mb`` MB, for the peak memory of a worker;
and, for a baseline, ``pandoc -f markdown -t tei`` run once per file as a user would run it,
on ``--pandoc-files`` files of the same corpus and on the same generated memo.

The perf corpus (``--perf``, ../shared/corpus/perf: real JFK OCR that no other set holds)
measures the cold rate a new collection gets: converted once with ``--jobs 1`` (start-up and
the self-check on every output included) and once with ``--jobs 2``; pandoc on the same
files (``--perf-pandoc-files`` of them, all by default); and one 45 MB input made of its
texts one after another, as ../shared/acceptance/8-speed builds it, for the peak memory of a
worker on real text. ``--perf-only`` measures the perf corpus alone.

Copies of the corpus repeat every line, and the tagger remembers lines it has read (a
collection's banners, stamps and form labels recur on every page), so (a) runs faster than
text never seen before would. The table by source therefore converts each source of the
corpus once, in a fresh process through the library, start-up left out: ``cold`` is the
first pass (every line new to the process), ``warm`` a second pass over the same files.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
PERF = CORPUS.parent / "perf"
SKIP_NAMES = {"SOURCES.md", "EXCERPTS.md"}
SKIP_SUFFIXES = {".csv", ".json"}
TARGETS = {"MB/s, one process": 2.0, "--jobs 2 speedup": 1.7, "x pandoc": 30.0, "peak RSS MB": 200.0}

PARAGRAPH = ("{n}. The Sino-Soviet agreements published in the communiques appear to be a formalization of "
             "recently evident developments in relations between the two powers and in their policy in the "
             "Far East, and the committee expects further statements to follow in the coming weeks.{mark} ")


@dataclass
class Run:
    label: str
    tool: str
    files: int
    mb: float
    seconds: float
    rss_mb: float | None

    @property
    def mb_s(self) -> float:
        return self.mb / self.seconds

    @property
    def docs_s(self) -> float:
        return self.files / self.seconds


def memo(pages: int) -> str:
    """A memo of ``pages`` pages with what a real one carries: banners, header, notes, stamps."""
    out = ["~~SECRET~~\n\nCENTRAL INTELLIGENCE AGENCY\nOFFICE OF NATIONAL ESTIMATES\n\n14 October 1954\n\n"
           "STAFF MEMORANDUM NO. 73-54\n\nSUBJECT: Significance of the Communiques of 11 October 1954\n\n"]
    for page in range(1, pages + 1):
        if page > 1:
            out.append("~~SECRET~~\n\n")
        for n in range(1, 5):
            mark = "*" if n == 2 else ""
            out.append(PARAGRAPH.format(n=(page - 1) * 4 + n, mark=mark) * 2 + "\n\n")
        out.append("* We recognize that the record is incomplete on this point.\n\n")
        if page % 10 == 0:
            out.append("DECLASSIFIED\nAuthority NND 947003\n\n")
        out.append(f"- {page} -\n\n~~SECRET~~\n\f")
    return "".join(out)


def big_input(path: Path, megabytes: float) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        chunk = memo(100)
        while handle.tell() < megabytes * 1e6:
            handle.write(chunk)


def copy_corpus(source: Path, target: Path, megabytes: float) -> tuple[int, float]:
    files = [p for p in sorted(source.rglob("*")) if p.is_file() and p.name not in SKIP_NAMES
             and p.suffix.lower() not in SKIP_SUFFIXES]
    one = sum(p.stat().st_size for p in files)
    copies = max(1, round(megabytes * 1e6 / one))
    for i in range(copies):
        for path in files:
            dest = target / f"copy{i:03d}" / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
    return copies * len(files), copies * one / 1e6


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process run to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def memo_tei() -> list[str]:
    script = Path(sys.executable).with_name("memo-tei")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from memo_tei.cli import main; main()"]


def convert(label: str, inputs: Path, out: Path, files: int, mb: float, *args: str) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    print(f"  memo-tei convert {label} {' '.join(args)}", file=sys.stderr, flush=True)
    seconds, rss = timed([*memo_tei(), "convert", str(inputs), "-o", str(out), *args])
    written = sum(1 for _ in out.rglob("*.xml"))
    if written < files * 0.9:  # a few inputs of the corpus may be refused; a broken build converts none
        sys.exit(f"memo-tei wrote {written} TEI files of {files}: {' '.join(map(str, [inputs, *args]))}")
    jobs = args[args.index("--jobs") + 1] if "--jobs" in args else "1"
    return Run(label, f"memo-tei --jobs {jobs}", files, mb, seconds, rss if jobs == "1" else None)


def fastest(best: Run | None, run: Run) -> Run:
    return run if best is None or run.seconds < best.seconds else best


def pandoc(label: str, files: list[Path], out: Path) -> Run:
    out.mkdir(parents=True, exist_ok=True)
    print(f"  pandoc, {label}", file=sys.stderr, flush=True)
    seconds, peak = 0.0, 0.0
    for i, path in enumerate(files):
        took, rss = timed(["pandoc", "-f", "markdown", "-t", "tei", str(path), "-o", str(out / f"{i}.xml")])
        seconds, peak = seconds + took, max(peak, rss)
    return Run(label, "pandoc, per file", len(files), sum(p.stat().st_size for p in files) / 1e6, seconds, peak)


BY_SOURCE = """
import sys, time
from pathlib import Path
from memo_tei.convert import convert_file, convert_text
from memo_tei.errors import MemoTeiError
files = [Path(p) for p in sys.argv[1:]]
convert_text("SECRET\\n\\nStart-up.\\n")  # rules and schemas compiled before the clock starts
for _ in range(2):
    start = time.perf_counter()
    for path in files:
        try:
            convert_file(path)
        except MemoTeiError:
            pass
    print(time.perf_counter() - start)
"""


def by_source(corpus: Path) -> list[str]:
    """MB/s of each source of the corpus, cold and warm, one fresh process per source."""
    rows = [f"{'source':<14} {'files':>6} {'MB':>7} {'cold MB/s':>10} {'warm MB/s':>10}"]
    for source in sorted(p for p in corpus.iterdir() if p.is_dir()):
        files = [p for p in sorted(source.rglob("*")) if p.is_file() and p.name not in SKIP_NAMES
                 and p.suffix.lower() not in SKIP_SUFFIXES]
        mb = sum(p.stat().st_size for p in files) / 1e6
        out = subprocess.run([sys.executable, "-c", BY_SOURCE, *map(str, files)], capture_output=True,
                             text=True, check=True).stdout.split()
        cold, warm = (float(x) for x in out)
        rows.append(f"{source.name:<14} {len(files):>6} {mb:>7.3f} {mb / cold:>10.2f} {mb / warm:>10.2f}")
    return rows


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    ram = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)
    version = subprocess.run([*memo_tei(), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} CPUs ({cpu}), {ram:.1f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {version}")


def table(runs: list[Run]) -> str:
    head = f"{'input':<34} {'tool':<20} {'files':>6} {'MB':>7} {'s':>8} {'docs/s':>8} {'MB/s':>7} {'peak RSS':>9}"
    rows = [head, "-" * len(head)]
    for r in runs:
        rss = f"{r.rss_mb:.0f} MB" if r.rss_mb is not None else "-"
        rows.append(f"{r.label:<34} {r.tool:<20} {r.files:>6} {r.mb:>7.2f} {r.seconds:>8.2f} {r.docs_s:>8.1f} "
                    f"{r.mb_s:>7.3f} {rss:>9}")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--target-mb", type=float, default=50)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--big-mb", type=float, default=45)
    parser.add_argument("--pandoc-files", type=int, default=59, help="corpus files pandoc converts (one per process)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each corpus mode; the fastest is kept")
    parser.add_argument("--perf", type=Path, default=PERF, help="real OCR text never seen (skipped where absent)")
    parser.add_argument("--perf-pandoc-files", type=int, default=0, help="perf files pandoc converts (0: all)")
    parser.add_argument("--perf-only", action="store_true", help="measure the perf corpus alone")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="memo-tei-bench-") as tmp:
        work = Path(tmp)
        runs, ratios = measure(args, work) if not args.perf_only else ([], [])
        if args.perf.is_dir():
            perf_runs, perf_ratios = measure_perf(args, work)
            runs, ratios = runs + perf_runs, ratios + perf_ratios
        else:
            ratios.append(f"{args.perf} not found, perf corpus skipped")
    print()
    print(table(runs))
    print()
    for line in ratios:
        print(line)
    print()
    if args.perf_only:
        return
    print("by source, each once through the library (start-up left out):")
    for line in by_source(args.corpus):
        print(line)


def measure(args: argparse.Namespace, work: Path) -> tuple[list[Run], list[str]]:
    files, mb = copy_corpus(args.corpus, work / "corpus", args.target_mb)
    label = f"dev corpus, {files} files"
    one = two = None
    for _ in range(args.repeat):  # alternated, the fastest kept: other load on the machine only slows
        one = fastest(one, convert(label, work / "corpus", work / "out1", files, mb, "--jobs", "1"))
        two = fastest(two, convert(label, work / "corpus", work / "out2", files, mb, "--jobs", "2"))
    assert one is not None and two is not None
    pages = work / "pages"
    pages.mkdir()
    (pages / "long.md").write_text(memo(args.pages), encoding="utf-8")
    (work / "longer").mkdir()
    (work / "longer" / "longer.md").write_text(memo(args.pages * 4), encoding="utf-8")
    (work / "tiny").mkdir()
    (work / "tiny" / "tiny.md").write_text(memo(1), encoding="utf-8")
    long_mb = (pages / "long.md").stat().st_size / 1e6
    long = convert(f"{args.pages:,}-page memo", pages, work / "outp", 1, long_mb, "--jobs", "1")
    longer = convert(f"{args.pages * 4:,}-page memo", work / "longer", work / "outq", 1,
                     (work / "longer" / "longer.md").stat().st_size / 1e6, "--jobs", "1")
    startup = min(timed([*memo_tei(), "convert", str(work / "tiny"), "-o", str(work / "outt"), "--jobs", "1",
                         "--force"])[0] for _ in range(3))
    big = work / "big"
    big.mkdir()
    big_input(big / "big.md", args.big_mb)
    big_run = convert(f"one generated input of {args.big_mb:g} MB", big, work / "outb", 1,
                      (big / "big.md").stat().st_size / 1e6, "--jobs", "1", "--max-bytes", str(10**9))
    runs = [one, two, long, longer, big_run]
    ratios = [f"--jobs 2 speedup over --jobs 1: {one.seconds / two.seconds:.2f}x "
              f"(target >= {TARGETS['--jobs 2 speedup']}x on 2 cores)",
              f"one process: {one.mb_s:.2f} MB/s on the corpus (target >= {TARGETS['MB/s, one process']})",
              f"time per page, {args.pages * 4:,} pages / {args.pages:,} (start-up of {startup:.2f} s taken off): "
              f"{((longer.seconds - startup) / (args.pages * 4)) / ((long.seconds - startup) / args.pages):.2f}"
              " (1.0 linear, 4.0 quadratic)",
              f"peak RSS converting {args.big_mb:g} MB in one process: {big_run.rss_mb:.0f} MB "
              f"(target < {TARGETS['peak RSS MB']:.0f})"]
    if shutil.which("pandoc") is None:
        ratios.append("pandoc not found, baseline skipped")
        return runs, ratios
    sample = sorted((work / "corpus" / "copy000").rglob("*"))
    sample = [p for p in sample if p.is_file()][: args.pandoc_files]
    base = pandoc(f"dev corpus, {len(sample)} files", sample, work / "pandoc")
    base_long = pandoc(f"{args.pages:,}-page memo", [pages / "long.md"], work / "pandoc-long")
    runs[2:2] = [base]
    runs.append(base_long)
    ratios += [f"memo-tei --jobs 1 / pandoc per file, MB/s: {one.mb_s / base.mb_s:.1f}x on the corpus, "
               f"{long.mb_s / base_long.mb_s:.1f}x on the {args.pages:,}-page memo "
               f"(target >= {TARGETS['x pandoc']:.0f}x)",
               f"memo-tei --jobs 2 / pandoc per file, MB/s, corpus: {two.mb_s / base.mb_s:.1f}x"]
    return runs, ratios


def perf_files(perf: Path) -> list[Path]:
    return sorted(p for p in perf.rglob("*.md") if p.name != "README.md")


def real_text_input(files: list[Path], path: Path, megabytes: float) -> None:
    """Every file once, then again, until ``megabytes``: ../shared/acceptance/8-speed's input."""
    with open(path, "wb") as out:
        size = 0
        while size < megabytes * 1e6:
            for file in files:
                data = file.read_bytes() + b"\n\n\n"
                out.write(data)
                size += len(data)
                if size >= megabytes * 1e6:
                    break


def measure_perf(args: argparse.Namespace, work: Path) -> tuple[list[Run], list[str]]:
    """The perf corpus: cold, one process and --jobs 2; pandoc on the same files; 45 MB of its text."""
    files = perf_files(args.perf)
    mb = sum(p.stat().st_size for p in files) / 1e6
    label = f"perf corpus, {len(files)} files (cold)"
    one = two = None
    for _ in range(args.repeat):
        one = fastest(one, convert(label, args.perf, work / "perf1", len(files), mb, "--jobs", "1"))
        two = fastest(two, convert(label, args.perf, work / "perf2", len(files), mb, "--jobs", "2"))
    assert one is not None and two is not None
    (work / "real").mkdir()
    real_text_input(files, work / "real" / "real.md", args.big_mb)
    real = convert(f"{args.big_mb:g} MB of perf text in one input", work / "real", work / "outr", 1,
                   (work / "real" / "real.md").stat().st_size / 1e6, "--jobs", "1", "--max-bytes", str(10**9))
    runs = [one, two, real]
    ratios = [f"perf corpus, one process (start-up included): {one.mb_s:.2f} MB/s "
              f"(target >= {TARGETS['MB/s, one process']})",
              f"perf corpus, --jobs 2: {two.mb_s:.2f} MB/s, {one.seconds / two.seconds:.2f}x --jobs 1",
              f"peak RSS converting {args.big_mb:g} MB of perf text in one process: {real.rss_mb:.0f} MB "
              f"(target < {TARGETS['peak RSS MB']:.0f})"]
    if shutil.which("pandoc") is None:
        ratios.append("pandoc not found, perf baseline skipped")
        return runs, ratios
    sample = files[: args.perf_pandoc_files] if args.perf_pandoc_files else files
    base = pandoc(f"perf corpus, {len(sample)} files", sample, work / "pandoc-perf")
    runs.insert(2, base)
    ratios.insert(2, f"perf corpus, memo-tei --jobs 1 / pandoc per file, MB/s: {one.mb_s / base.mb_s:.1f}x "
                     f"(target >= {TARGETS['x pandoc']:.0f}x; --jobs 2: {two.mb_s / base.mb_s:.1f}x)")
    return runs, ratios


if __name__ == "__main__":
    main()

"""Whether a change to the code leaves every output byte for byte the same; run by hand.

    python benchmarks/same_output.py record OUT       # convert, write OUT/sums.txt
    python benchmarks/same_output.py compare BEFORE AFTER

``record`` converts the dev corpus, the seeds and the perf corpus (``../shared``) through the
library, writing each TEI under ``OUT`` and one line per input to ``OUT/sums.txt``: the input's
path below ``../shared``, then the sha256 of its TEI (or of the error it was refused with).
Record once from the unchanged code, once from the changed code, and ``compare`` the two:
it names every input whose output differs and exits 1 when one does, so that a change meant
only for speed can show it changed nothing else.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
FOLDERS = ("corpus/dev", "seeds", "corpus/perf")
SUMS = "sums.txt"


def record(out: Path) -> int:
    from memo_tei.batch.inputs import iter_jobs
    from memo_tei.convert import convert_file
    from memo_tei.errors import MemoTeiError

    rows = []
    for folder in FOLDERS:
        for job in iter_jobs([str(SHARED / folder)]):
            assert job.source is not None
            name = job.source.relative_to(SHARED).as_posix()
            try:
                data = convert_file(job.source).tei
            except MemoTeiError as exc:
                data = f"error: {exc}".encode()
            target = out / folder / job.relative_out
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            rows.append(f"{name}\t{hashlib.sha256(data).hexdigest()}\n")
    (out / SUMS).write_text("".join(rows), encoding="utf-8")
    print(f"{len(rows)} outputs recorded in {out / SUMS}")
    return 0


def _sums(folder: Path) -> dict[str, str]:
    lines = (folder / SUMS).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line)


def compare(before: Path, after: Path) -> int:
    old, new = _sums(before), _sums(after)
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(old.keys() & new.keys()) - len(differ)} of {len(old.keys() | new.keys())} outputs identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("record").add_argument("out", type=Path)
    diff = commands.add_parser("compare")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        args.out.mkdir(parents=True, exist_ok=True)
        return record(args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())

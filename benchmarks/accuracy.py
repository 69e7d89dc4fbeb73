"""Accuracy on the dev gold, split into the documents rules were tuned on and those kept out.

    python benchmarks/accuracy.py [--per-doc] [--json OUT.json]

Converts ``../shared/corpus/dev`` and the seed through the library, scores the TEI with
``../shared/eval/score.py`` and prints the scorer's figures for every document, for the
documents tuned on, for those kept out of tuning (``benchmarks/heldout.txt``), and by source.
``--per-doc`` prints what each *tuning* document missed or added; the held-out documents'
misses are never printed, so that no rule is written against them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
HELDOUT = Path(__file__).with_name("heldout.txt")
CATEGORIES = ("classification", "stamps", "page_numbers", "footnotes")
FACTS = ("classification", "date", "title", "creator")  # identifiers are scored only in total


def heldout_stems() -> set[str]:
    rows = (line.strip() for line in HELDOUT.read_text(encoding="utf-8").splitlines())
    return {Path(row).stem for row in rows if row and not row.startswith("#")}


def convert_dev(out: Path) -> dict[str, str]:
    """Write ``<stem>.xml`` for every dev input and the seed; return each stem's source folder."""
    from memo_tei.batch.inputs import iter_jobs
    from memo_tei.convert import convert_file
    from memo_tei.errors import MemoTeiError

    sources = {}
    for job in iter_jobs([str(SHARED / "corpus" / "dev"), str(SHARED / "seeds")]):
        assert job.source is not None
        parts = job.source.relative_to(SHARED).parts
        sources[job.source.stem] = parts[2] if parts[0] == "corpus" else parts[0]
        try:
            (out / f"{job.source.stem}.xml").write_bytes(convert_file(job.source).tei)
        except MemoTeiError as exc:
            print(f"{job.source}: {exc}", file=sys.stderr)
    return sources


def score(tei: Path, report: Path) -> dict:
    subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "corpus" / "dev-gold"),
         "--tei", str(tei), "--inputs", str(SHARED), "--json", str(report)],
        check=True, capture_output=True,
    )
    return json.loads(report.read_text())["documents"]


def summarize(docs: dict[str, dict]) -> dict[str, float | int | None]:
    """Micro-averaged F1 per category, their mean, pages exact and the share of facts right."""
    row: dict[str, float | int | None] = {"docs": len(docs)}
    f1s = []
    for cat in CATEGORIES:
        tp = sum(d[cat]["tp"] for d in docs.values())
        gold = sum(d[cat]["gold"] for d in docs.values())
        pred = sum(d[cat]["pred"] for d in docs.values())
        f1 = 1.0 if gold == pred == 0 else 2 * tp / (gold + pred)
        row[cat] = round(f1, 3) if gold or pred else None
        f1s.append(f1)
    row["macro"] = round(sum(f1s) / len(f1s), 3)
    row["pages"] = round(sum(d["pages"]["gold"] == d["pages"]["pred"] for d in docs.values()) / len(docs), 3)
    for fact in FACTS:
        judged = [d["document"][fact]["ok"] for d in docs.values() if fact in d["document"]]
        row[f"doc.{fact}"] = f"{sum(judged)}/{len(judged)}" if judged else None
    return row


def table(rows: dict[str, dict]) -> str:
    keys = ["docs", "macro", *CATEGORIES, "pages", *(f"doc.{fact}" for fact in FACTS)]
    head = ["set", "docs", "macro", "cls", "stamps", "pnum", "fn", "pages", "level", "date", "title", "creator"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, row in rows.items():
        cells = ["—" if row.get(k) is None else str(row[k]) for k in keys]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def per_doc(docs: dict[str, dict]) -> str:
    out = []
    for stem, doc in sorted(docs.items()):
        misses = [f"  {cat}: missed {doc[cat]['missed']} extra {doc[cat]['extra']}"
                  for cat in CATEGORIES if doc[cat]["missed"] or doc[cat]["extra"]]
        misses += [f"  {fact}: gold {v['gold']!r} found {v['pred']!r}"
                   for fact, v in doc["document"].items() if not v["ok"]]
        if doc["pages"]["gold"] != doc["pages"]["pred"]:
            misses.append(f"  pages: gold {doc['pages']['gold']} found {doc['pages']['pred']}")
        if misses:
            out.append(f"== {stem}\n" + "\n".join(misses))
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-doc", action="store_true", help="what each tuning document missed or added")
    ap.add_argument("--json", type=Path, help="write the table's rows as JSON")
    args = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists():
        print(f"{SHARED} is absent: the dev corpus and its scorer sit beside the project", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tei = Path(tmp) / "tei"
        tei.mkdir()
        sources = convert_dev(tei)
        docs = score(tei, Path(tmp) / "score.json")
    held = heldout_stems()
    tuning = {k: v for k, v in docs.items() if k not in held}
    rows = {"all": summarize(docs), "tuned on": summarize(tuning),
            "kept out": summarize({k: v for k, v in docs.items() if k in held})}
    for source in sorted({sources[k] for k in docs if k in sources}):
        rows[source] = summarize({k: v for k, v in docs.items() if sources.get(k) == source})
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    if args.per_doc:
        print(per_doc(tuning))
    return 0


if __name__ == "__main__":
    sys.exit(main())

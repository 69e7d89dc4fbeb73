"""What the certainty memo-tei gives a marking or header fact is worth: precision by @cert.

    python benchmarks/certainty.py [--json OUT.json]

Converts the dev corpus and the seed as benchmarks/accuracy.py does and, for every item
the TEI marks with ``@cert`` (classification markings, stamps, page numbers, footnotes, and
the header's title, date, creator, level and identifiers), asks ``../shared/eval/score.py``
whether the gold has it: a marking is right when the scorer pairs it with a gold item on
its page (an item the gold leaves open, ``ignore``, is not counted), a fact when the scorer
accepts it. Prints, per certainty, how many items and the share right (precision), for the
markings, the facts and both; ``high`` should be clearly the most precise.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from accuracy import SHARED, convert_dev
from lxml import etree

CERTS = ("high", "medium", "low")
KINDS = {"classification": "classification", "stamps": "stamp", "page_numbers": "pageNum", "footnotes": "footnote"}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def marking_items(doc: etree._ElementTree, score) -> dict[str, list[tuple[int, str, str]]]:
    """Per scored category, (page, normalised text, cert) in the order score.py reads them."""
    items: dict[str, list[tuple[int, str, str]]] = {c: [] for c in KINDS}
    text_el = doc.find(f".//{{{score.TEI}}}text")
    page = 0
    for el in text_el.iter() if text_el is not None else ():
        name, kind = score.local(el.tag), el.get("type")
        if name == "pb":
            page += 1
            continue
        category = ("classification" if name == "fw" and kind == "classification" else
                    "page_numbers" if name == "fw" and kind == "pageNum" else
                    "stamps" if name == "stamp" else
                    "footnotes" if name == "note" and el.get("place") in ("foot", "bottom") else None)
        if category:
            items[category].append((max(page, 1), score.norm(score.text_of(el)), el.get("cert") or "none"))
    return items


def judge(gold: dict, doc: etree._ElementTree, score) -> list[tuple[str, str, bool]]:
    """(kind, cert, right) for every item of one document the gold can judge."""
    out = []
    ignore = [(i.get("page"), score.norm(i["text"])) if isinstance(i, dict) else (None, score.norm(i))
              for i in gold.get("ignore", [])]
    items = marking_items(doc, score)
    for category, kind in KINDS.items():
        gold_items = [(g["page"], score.norm(g["text"])) for g in gold.get(category, [])]
        pred = items[category]
        matched = {p for _, p in score.match(gold_items, pred)}
        for i, item in enumerate(pred):
            if i in matched:
                out.append((kind, item[2], True))
            elif not score.ignored(item, ignore):
                out.append((kind, item[2], False))
    facts = gold.get("document") or {}
    got = score.document_facts(doc)
    ns = score.NS
    cert_of = {
        "title": doc.xpath("string(//tei:fileDesc/tei:titleStmt/tei:title[1]/@cert)", namespaces=ns),
        "date": doc.xpath("string(//tei:profileDesc/tei:creation/tei:date/@cert)", namespaces=ns),
        "creator": doc.xpath("string(//tei:fileDesc/tei:titleStmt/tei:author[1]/@cert)", namespaces=ns),
        "classification": doc.xpath("string(//tei:catRef[@scheme='#classification']/@cert)", namespaces=ns),
    }
    checks = {
        "classification": lambda g: got.get("classification") == g,
        "date": lambda g: got.get("date") == g,
        "title": lambda g: bool(score.soft_equal(g, got.get("title", ""))),
        "creator": lambda g: bool(score.soft_equal(g, got.get("creator", ""), 0.6)),
    }
    for fact, test in checks.items():
        want = facts.get(fact)
        if want is not None and cert_of[fact]:  # a fact memo-tei gave (a placeholder has no cert)
            out.append((f"doc.{fact}", cert_of[fact], test(want)))
    if facts.get("identifiers"):
        for idno in doc.xpath("//tei:sourceDesc//tei:idno[@cert]", namespaces=ns):
            right = any(score.same_identifier(g, score.text_of(idno)) for g in facts["identifiers"])
            out.append(("doc.identifier", idno.get("cert"), right))
    return out


def table(rows: list[tuple[str, str, bool]], group: str) -> list[str]:
    lines = []
    for cert in (*CERTS, "none"):
        judged = [right for _, c, right in rows if c == cert]
        if judged:
            lines.append(f"| {group} | {cert} | {len(judged)} | {sum(judged)} | {sum(judged) / len(judged):.3f} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    score = _scorer()
    rows: list[tuple[str, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        convert_dev(out)
        for gold_path in sorted((SHARED / "corpus" / "dev-gold").glob("*.json")):
            tei = out / f"{gold_path.stem}.xml"
            if tei.exists():
                rows += judge(json.loads(gold_path.read_text(encoding="utf-8")), etree.parse(str(tei)), score)
    markings = [r for r in rows if not r[0].startswith("doc.")]
    facts = [r for r in rows if r[0].startswith("doc.")]
    print("| items | cert | n | right | precision |")
    print("|---|---|---|---|---|")
    for line in [*table(rows, "all"), *table(markings, "markings"), *table(facts, "facts")]:
        print(line)
    by_kind: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for row in rows:
        by_kind[row[0]].append(row)
    for kind in sorted(by_kind):
        for line in table(by_kind[kind], kind):
            print(line)
    if args.json:
        figures = {group: {cert: {"n": len(j), "precision": round(sum(j) / len(j), 3)}
                           for cert in CERTS for j in [[r for _, c, r in items if c == cert]] if j}
                   for group, items in (("all", rows), ("markings", markings), ("facts", facts), *by_kind.items())}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())

"""``memo-tei convert DIR -o OUT --jobs N``: the resumable batch, in process with CliRunner.

What is checked: a re-run skips what the manifest shows done, redoes what changed or lost
its output, records a bad file and goes on, survives a torn manifest, shows progress lines
on a stderr that is not a terminal, and gives the same bytes whatever the number of jobs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from memo_tei.batch.job import MARKING_KINDS, count_markings
from memo_tei.batch.manifest import LOCK_NAME, MANIFEST_NAME, Manifest, Record
from memo_tei.cli import main
from memo_tei.cli.progress import PlainProgress

PARAGRAPH = ("The committee met to consider the question of the communiques and agreed that the "
             "matter should be referred to the Board for a decision at its next meeting. ")


def memo(i: int, pages: int = 2, words: int = 3) -> str:
    """A small OCR text: a banner at the head and foot of each page, a page number, a footnote."""
    out = []
    for page in range(1, pages + 1):
        out.append(
            f"~~SECRET~~\n\nSUBJECT: Record number {i}\n\n{page}. {PARAGRAPH * words}The vote was {i}.*\n\n"
            f"* A note on record {i}.\n\n- {page} -\n\n~~SECRET~~\n"
        )
    return "\f".join(out)


def make_tree(root: Path, n: int, *, words: int = 3) -> list[Path]:
    """``n`` inputs in nested folders, as an archive's export might lay them out."""
    files = []
    for i in range(n):
        path = root / f"box{i % 4}" / f"folder{i % 3}" / f"doc{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(memo(i, words=words), encoding="utf-8")
        files.append(path)
    return files


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file below ``out`` (the manifest and its lock aside), by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in (MANIFEST_NAME, LOCK_NAME)}


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / MANIFEST_NAME).read_text().splitlines()]


def summary_counts(stderr: str) -> dict[str, int]:
    match = re.search(r"(\d+) converted, (\d+) skipped, (\d+) failed", stderr)
    assert match, stderr
    return dict(zip(("converted", "skipped", "failed"), map(int, match.groups()), strict=True))


Convert = Callable[..., Result]


@pytest.fixture
def convert() -> Convert:
    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(main, ["convert", *map(str, args)], catch_exceptions=False)

    return invoke


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    make_tree(tmp_path / "in", 12)
    return tmp_path / "in"


def test_a_batch_keeps_the_layout_and_records_every_input(convert: Convert, tree: Path, tmp_path: Path) -> None:
    result = convert(tree, "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert summary_counts(result.stderr) == {"converted": 12, "skipped": 0, "failed": 0}
    written = outputs(tmp_path / "out")
    assert sorted(written) == sorted(p.relative_to(tree).with_suffix(".xml").as_posix() for p in tree.rglob("*.txt"))
    lines = records(tmp_path / "out")
    assert len(lines) == 12 and all(r["ok"] and len(r["sha256"]) == 64 for r in lines)
    for record in lines:
        assert written[record["output"]] and record["output_size"] == len(written[record["output"]])


def test_a_rerun_skips_everything(convert: Convert, tree: Path, tmp_path: Path) -> None:
    convert(tree, "-o", tmp_path / "out", "--jobs", "1")
    before = outputs(tmp_path / "out")
    result = convert(tree, "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0
    assert "0 converted, 12 skipped, 0 failed" in result.stderr
    assert outputs(tmp_path / "out") == before and len(records(tmp_path / "out")) == 12


def test_the_summary_counts_markings_now_and_before(convert: Convert, tree: Path, tmp_path: Path) -> None:
    from memo_tei.convert import convert_file

    expected = [sum(col) for col in zip(*(count_markings(convert_file(p).document) for p in tree.rglob("*.txt")),
                                        strict=True)]
    line = ", ".join(f"{kind} {n}" for kind, n in zip(MARKING_KINDS, expected, strict=True))
    assert expected[0] > 0 and expected[2] > 0
    for _ in range(2):  # the second run skips all, and takes the counts from the manifest
        assert f"markings found: {line}" in convert(tree, "-o", tmp_path / "out", "--jobs", "1").stderr


@pytest.mark.parametrize("change", ["content", "touch", "output deleted", "output truncated"])
def test_only_what_changed_is_redone(convert: Convert, tree: Path, tmp_path: Path, change: str) -> None:
    out = tmp_path / "out"
    convert(tree, "-o", out, "--jobs", "1")
    source = tree / "box1" / "folder1" / "doc0001.txt"
    target = out / "box1" / "folder1" / "doc0001.xml"
    if change == "content":
        source.write_text(memo(1).replace("The vote was 1", "The vote was 100"), encoding="utf-8")
    elif change == "touch":
        source.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "output deleted":
        target.unlink()
    else:
        target.write_bytes(target.read_bytes()[:100])
    result = convert(tree, "-o", out, "--jobs", "1")
    redone = 0 if change == "touch" else 1
    assert summary_counts(result.stderr) == {"converted": redone, "skipped": 12 - redone, "failed": 0}
    assert (b"The vote was 100" in target.read_bytes()) == (change == "content")
    again = convert(tree, "-o", out, "--jobs", "1")  # a touched file is re-recorded: stat suffices next time
    assert summary_counts(again.stderr)["skipped"] == 12


def test_other_options_redo_everything(convert: Convert, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert(tree, "-o", out, "--jobs", "1")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[stamp]]\npattern = "^APPROVED FOR RELEASE"\ntype = "release"\n')
    assert summary_counts(convert(tree, "-o", out, "--jobs", "1", "--rules", rules).stderr)["converted"] == 12
    assert summary_counts(convert(tree, "-o", out, "--jobs", "1", "--format", "json").stderr)["converted"] == 12
    assert summary_counts(convert(tree, "-o", out, "--jobs", "1", "--force").stderr)["converted"] == 12
    assert any(name.endswith(".json") for name in outputs(out))


def test_a_bad_file_is_recorded_and_the_others_convert(convert: Convert, tree: Path, tmp_path: Path) -> None:
    (tree / "box0" / "empty.txt").write_bytes(b"")
    (tree / "box0" / "binary.txt").write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out"
    result = convert(tree, "-o", out, "--jobs", "2")
    assert result.exit_code == 1
    assert summary_counts(result.stderr) == {"converted": 12, "skipped": 0, "failed": 2}
    assert re.search(r"^memo-tei: \S*empty\.txt: error: input is empty$", result.stderr, re.MULTILINE)
    failed = {r["input"]: r for r in records(out) if not r["ok"]}
    assert set(failed) == {"box0/empty.txt", "box0/binary.txt"}
    assert failed["box0/empty.txt"]["error"] == "input is empty" and "binary" in failed["box0/binary.txt"]["error"]
    assert len(outputs(out)) == 12
    again = convert(tree, "-o", out, "--jobs", "1")  # failures are tried again; exit 1 while they fail
    assert again.exit_code == 1 and summary_counts(again.stderr) == {"converted": 0, "skipped": 12, "failed": 2}


def test_two_inputs_with_one_output_name_do_not_overwrite(convert: Convert, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(memo(1))
    (tmp_path / "in" / "a.txt").write_text(memo(2))
    result = convert(tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1 and "a.txt: error: its output a.xml is that of another input" in result.stderr
    assert b"Record number 1" in (tmp_path / "out" / "a.xml").read_bytes()


def test_a_torn_or_corrupt_manifest_is_tolerated(convert: Convert, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert(tree, "-o", out, "--jobs", "1")
    lines = (out / MANIFEST_NAME).read_bytes().splitlines(keepends=True)
    torn = b"".join(lines[:5]) + b"this is not json\n" + b"".join(lines[5:-1]) + lines[-1][:40]
    (out / MANIFEST_NAME).write_bytes(torn)
    result = convert(tree, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert summary_counts(result.stderr) == {"converted": 1, "skipped": 11, "failed": 0}
    assert "skipped 1 unreadable line(s) of the manifest" in result.stderr
    text = (out / MANIFEST_NAME).read_text()
    assert text.endswith("\n") and sum(1 for line in text.splitlines() if line.startswith("{")) == 12


def test_leftover_part_files_are_swept(convert: Convert, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert(tree, "-o", out, "--jobs", "1")
    stale = out / "box0" / "folder0" / ".doc0000.xml.k2j4h5g6.part"
    stale.write_bytes(b"<TEI")
    convert(tree, "-o", out, "--jobs", "1")
    assert not stale.exists() and not list(out.rglob("*.part"))


def test_jobs_2_gives_the_bytes_of_jobs_1(convert: Convert, tree: Path, tmp_path: Path) -> None:
    assert convert(tree, "-o", tmp_path / "one", "--jobs", "1").exit_code == 0
    assert convert(tree, "-o", tmp_path / "two", "--jobs", "2").exit_code == 0
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_progress_lines_when_stderr_is_not_a_terminal(convert: Convert, tree: Path, tmp_path: Path) -> None:
    result = convert(tree, "-o", tmp_path / "out", "--jobs", "1", "--progress-every", "0")
    progress = [line for line in result.stderr.splitlines() if re.match(r"memo-tei: \d+(/12)? files \(", line)]
    assert len(progress) == 12
    assert re.fullmatch(r"memo-tei: 12(/12)? files \(12 converted, 0 skipped, 0 failed\), [\d.]+ files/s"
                        r"(, ETA 0:00:00)?", progress[-1])  # the total is counted in a thread of its own
    assert "\x1b[" not in result.stderr  # no terminal codes in a log


def test_plain_progress_writes_a_line_every_so_often() -> None:
    now = [0.0]
    lines: list[str] = []
    progress = PlainProgress(every=10, clock=lambda: now[0], echo=lines.append)
    progress.total = 100
    for i in range(60):
        now[0] = i * 0.5  # two files a second
        progress.file_done("converted", f"f{i}")
    assert len(lines) == 2  # at 10 s and at 20 s
    assert lines[0] == "memo-tei: 21/100 files (21 converted, 0 skipped, 0 failed), 2.1 files/s, ETA 0:00:38"


def test_a_second_run_on_the_same_output_is_refused(convert: Convert, tree: Path, tmp_path: Path) -> None:
    with Manifest.open(tmp_path / "out") as manifest:
        manifest.add(Record(input="x.txt", options="0", ok=False, error="test"))
        result = convert(tree, "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 2 and "another memo-tei convert is writing there" in result.stderr


def test_without_jobs_no_manifest_and_no_summary(convert: Convert, tree: Path, tmp_path: Path) -> None:
    result = convert(tree, "-o", tmp_path / "out")
    assert result.exit_code == 0 and result.stderr == ""
    assert not (tmp_path / "out" / MANIFEST_NAME).exists() and len(outputs(tmp_path / "out")) == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--jobs", "2"], "need -o/--output"),
     (["-o", "OUT", "--engine", "dask"], "needs --scheduler"),
     (["-o", "OUT", "--scheduler", "tcp://127.0.0.1:1"], "goes with --engine dask"),
     (["-o", "OUT", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"], "for the local engine"),
     (["-o", "OUT", "--jobs", "-1"], "-1")],
)
def test_batch_usage_errors_exit_2(tree: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(main, ["convert", str(tree / "box0" / "folder0" / "doc0000.txt"), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_a_manifest_of_superseded_lines_is_compacted(tmp_path: Path) -> None:
    with Manifest.open(tmp_path) as manifest:
        for i in range(1200):  # --force runs, say: each input recorded over and over
            ok = i % 2 == 0
            manifest.add(Record(input=f"doc{i % 3}.txt", options="f", ok=ok, size=i, mtime_ns=i, sha256="00" * 32,
                                output=f"doc{i % 3}.xml", output_size=i, markings={"stamp": i},
                                error=None if ok else "bad"))
    with Manifest.open(tmp_path) as manifest:  # the last records: doc0 1197 failed, doc1 1198 ok, doc2 1199 failed
        assert [manifest.get(f"doc{k}.txt") for k in range(3)] == [
            None, (1198, 1198, bytes(32), "f", 1198, (0, 1198, 0, 0)), None]
    kept = [json.loads(line)["size"] for line in (tmp_path / MANIFEST_NAME).read_text().splitlines()]
    assert kept == [1197, 1198, 1199]


def test_a_missing_dublin_core_record_is_redone(convert: Convert, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert convert(tree, "-o", out, "--jobs", "1", "--dc").exit_code == 0
    record = out / "box1" / "folder1" / "doc0001.dc.xml"
    before = record.read_bytes()
    record.unlink()
    result = convert(tree, "-o", out, "--jobs", "1", "--dc")
    assert summary_counts(result.stderr) == {"converted": 1, "skipped": 11, "failed": 0}
    assert record.read_bytes() == before

"""``memo-tei convert`` as a user runs it: stdout, stderr and the exit code, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from memo_tei.cli import main

from .conftest import SAMPLE


@pytest.fixture
def run():
    def invoke(*args: str, stdin: bytes | None = None):
        return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


def test_one_input_goes_to_stdout(run) -> None:
    result = run("convert", str(SAMPLE))
    assert result.exit_code == 0
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<TEI')
    assert result.stderr == ""


def test_stdin(run) -> None:
    result = run("convert", "-", stdin=SAMPLE.read_bytes())
    assert result.exit_code == 0 and "<TEI" in result.stdout


def test_json_format_prints_the_model(run) -> None:
    result = run("convert", "--format", "json", str(SAMPLE))
    assert json.loads(result.stdout)["facts"]["title"].startswith("Significance")


def test_directory_tree_keeps_its_layout(run, tmp_path: Path) -> None:
    (tmp_path / "in" / "a" / "b").mkdir(parents=True)
    (tmp_path / "in" / "top.txt").write_text("SECRET\n\nText.\n")
    (tmp_path / "in" / "a" / "b" / "deep.md").write_text("## Page 1\n\nText.\n")
    (tmp_path / "in" / "a" / "notes.csv").write_text("not, text")
    result = run("convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["a/b/deep.xml", "top.xml"]


BAD_INPUTS = {
    "empty.txt": (b"", "input is empty"),
    "binary.txt": (bytes(range(256)) * 50, "binary"),
    "nuls.txt": (b"\x00" * 5000, "input is empty: it holds only whitespace and control characters"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_no_file_and_exit_1(run, tmp_path: Path, name: str) -> None:
    data, message = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(data)
    result = run("convert", str(tmp_path / name), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and name in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_batch_goes_on_past_a_bad_file(run, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    (tmp_path / "in" / "good.txt").write_text("SECRET\n\nText.\n")
    result = run("convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (tmp_path / "out" / "good.xml").exists() and not (tmp_path / "out" / "bad.xml").exists()
    assert "bad.txt" in result.stderr


def test_cp1252_is_converted_with_a_warning(run, tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes(b"SECRET\n\nCaf\xe9 au lait \x93quoted\x94\n\nSECRET\n")
    result = run("convert", str(tmp_path / "w.txt"))
    assert result.exit_code == 0
    assert "Café au lait “quoted”" in result.stdout
    assert "Windows-1252" in result.stderr and "w.txt" in result.stderr


def test_control_characters_never_reach_the_xml(run, tmp_path: Path) -> None:
    from lxml import etree

    (tmp_path / "c.txt").write_bytes(b"SECRET\n\nNUL\x00here bell\x07 escape\x1b \xef\xbf\xbe\n\nSECRET\n")
    result = run("convert", str(tmp_path / "c.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    data = (tmp_path / "out" / "c.xml").read_bytes()
    etree.fromstring(data)
    assert b"\x00" not in data and b"\x07" not in data and "\ufffe".encode() not in data


def test_over_the_size_limit_is_refused_before_reading(run, tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"word " * 2000)
    result = run("convert", "--max-bytes", "1000", str(tmp_path / "big.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "over the limit" in result.stderr and "--max-bytes" in result.stderr


def test_a_50_mb_file_converts(run, tmp_path: Path) -> None:
    paragraph = "1. The quick brown fox jumps over the lazy dog. " * 40
    page = "~~SECRET~~\n\n" + (paragraph + "\n\n") * 6 + "- {n} -\n\n~~SECRET~~\n\n"
    with open(tmp_path / "big.txt", "w") as handle:
        n = 0
        while handle.tell() < 50_000_000:
            n += 1
            handle.write(page.format(n=n))
    result = run("convert", str(tmp_path / "big.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "big.xml").stat().st_size > 50_000_000


@pytest.mark.parametrize(
    ("args", "message"),
    [(["convert"], "Missing argument"), (["convert", "nope.txt"], "no such file"),
     (["convert", str(SAMPLE), str(SAMPLE)], "several inputs need -o"),
     (["convert", "--format", "pdf", str(SAMPLE)], "pdf")],
)
def test_usage_errors_exit_2(run, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and message in result.stderr


def test_help_lists_the_commands(run) -> None:
    result = run("--help")
    assert result.exit_code == 0 and "convert" in result.stdout

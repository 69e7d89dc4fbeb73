"""``memo-tei export`` and ``memo-tei verify-bag`` as a user runs them: stdout, stderr and
the exit code, in process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from lxml import etree

from memo_tei.cli import main
from memo_tei.cli.export import FORMATS as CLI_FORMATS
from memo_tei.dublin_core.names import DC_NS
from memo_tei.packages.export import FORMATS

from .conftest import SAMPLE
from .test_export import UNICODE_TITLE, make_seed_dir, make_unicode_dir

DC = {"dc": DC_NS}


@pytest.fixture
def run():
    def invoke(*args: object):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def seed(tmp_path: Path, sample_conversion) -> Path:
    return make_seed_dir(tmp_path / "tei", sample_conversion.tei)


def test_the_cli_offers_every_library_format() -> None:
    assert CLI_FORMATS == FORMATS


def test_one_record_goes_to_stdout(run, seed: Path) -> None:
    result = run("export", seed, "--to", "oai_dc")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = etree.fromstring(result.stdout_bytes)
    assert doc.xpath("//dc:date/text()", namespaces=DC) == ["1954-10-14"]


def test_records_go_to_a_folder_keeping_the_layout(run, tmp_path: Path, seed: Path) -> None:
    make_unicode_dir(tmp_path / "tei" / "sub")
    result = run("export", tmp_path / "tei", "--to", "json", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json"))
    assert written == [f"{SAMPLE.stem}.json", "sub/mémo-ß.json"]
    assert json.loads((tmp_path / "out" / "sub" / "mémo-ß.json").read_text("utf-8"))["title"] == [UNICODE_TITLE]


def test_csv_goes_to_stdout_or_a_file(run, tmp_path: Path, seed: Path) -> None:
    result = run("export", seed, "--to", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    assert result.exit_code == 0 and rows[0][0] == "file" and len(rows) == 2
    result = run("export", seed, "--to", "csv", "-o", tmp_path / "dc.csv")
    assert result.exit_code == 0 and (tmp_path / "dc.csv").read_bytes().startswith(b"file,title,")


def test_options_win_over_the_config_file(run, tmp_path: Path, seed: Path, monkeypatch) -> None:
    (tmp_path / "memo-tei.toml").write_text(
        '[export]\npublisher = "File Library"\ncollection = "File Collection"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("export", seed, "--to", "json", "--publisher", "Option Library")
    record = json.loads(result.stdout)
    assert record["publisher"] == ["Option Library"]
    assert record["relation"] == ["File Collection"]


def test_a_named_config_file_is_used(run, tmp_path: Path, seed: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('[export]\nidentifier_prefix = "https://ex.org/id/"\n', encoding="utf-8")
    result = run("export", seed, "--to", "json", "--config", config)
    assert f"https://ex.org/id/{SAMPLE.stem}" in json.loads(result.stdout)["identifier"]


def test_a_bag_is_made_and_verified(run, tmp_path: Path, seed: Path) -> None:
    result = run("export", seed, "--to", "bagit", "-o", tmp_path / "bag", "--source-organization", "Example")
    assert result.exit_code == 0, result.stderr
    bag = bagit.Bag(str(tmp_path / "bag"))
    bag.validate()
    assert bag.info["Source-Organization"] == "Example"
    result = run("verify-bag", tmp_path / "bag")
    assert result.exit_code == 0 and "valid" in result.stdout and result.stderr == ""


def test_bagging_date_today_reads_the_clock(run, tmp_path: Path, seed: Path) -> None:
    from datetime import date

    before = date.today().isoformat()
    result = run("export", seed, "--to", "bagit", "-o", tmp_path / "bag", "--bagging-date", "today")
    assert result.exit_code == 0, result.stderr
    assert bagit.Bag(str(tmp_path / "bag")).info["Bagging-Date"] in (before, date.today().isoformat())


def test_verify_bag_names_each_file_that_fails(run, tmp_path: Path, seed: Path) -> None:
    run("export", seed, "--to", "bagit", "-o", tmp_path / "bag")
    tei = tmp_path / "bag" / "data" / "tei" / f"{SAMPLE.stem}.xml"
    dc = tmp_path / "bag" / "data" / "dc" / f"{SAMPLE.stem}.xml"
    tei.write_bytes(tei.read_bytes() + b"<!-- changed -->")
    dc.unlink()
    result = run("verify-bag", tmp_path / "bag")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(str(tei) in line and "checksum mismatch" in line for line in lines)
    assert any(str(dc) in line and "missing" in line for line in lines)
    assert all(line.startswith("memo-tei: ") for line in lines)


def test_packages_are_made_from_the_good_inputs_and_the_bad_are_named(run, tmp_path: Path, seed: Path) -> None:
    bad = tmp_path / "tei" / "broken.xml"
    bad.write_text("<TEI", encoding="utf-8")
    missing = tmp_path / "absent.xml"
    result = run("export", tmp_path / "tei", missing, "--to", "dspace", "-o", tmp_path / "saf")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert str(bad) in lines[0] and "not well-formed" in lines[0]
    assert str(missing) in lines[1] and "no such file" in lines[1]
    assert sorted(p.name for p in (tmp_path / "saf").iterdir()) == ["item_000"]


def test_a_missing_source_text_is_a_warning_not_a_failure(run, tmp_path: Path, seed: Path) -> None:
    (seed.parent / SAMPLE.name).unlink()
    result = run("export", seed, "--to", "archivematica", "-o", tmp_path / "transfer")
    assert result.exit_code == 0
    assert "warning" in result.stderr and SAMPLE.name in result.stderr
    result = run("export", seed, "--to", "archivematica", "-o", tmp_path / "t2", "--sources", SAMPLE.parent)
    assert result.exit_code == 0 and result.stderr == ""
    assert (tmp_path / "t2" / "objects" / SAMPLE.name).is_file()


USAGE_ERRORS = [
    (["--to", "oai_dc"], "several inputs"),
    (["--to", "bagit"], "needs -o"),
    (["--to", "marc"], "marc"),
    (["--to", "oai_dc", "--bagging-date", "today"], "bagit only"),
    (["--to", "bagit", "-o", "{tmp}/bag", "--bagging-date", "yesterday"], "YYYY-MM-DD"),
    (["--to", "json", "--config", "{tmp}/none.toml"], "none.toml"),
    (["--to", "json", "--config", "{tmp}/bad.toml"], "bad.toml"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS)
def test_usage_errors_exit_2(run, tmp_path: Path, seed: Path, args: list[str], message: str) -> None:
    (tmp_path / "bad.toml").write_text("[export]\nunknown = 1\n", encoding="utf-8")
    inputs = [seed, seed.parent] if message == "several inputs" else [seed]
    result = run("export", *inputs, *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_an_output_that_exists_is_refused_and_kept(run, tmp_path: Path, seed: Path) -> None:
    out = tmp_path / "full"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = run("export", seed, "--to", "bagit", "-o", out)
    assert result.exit_code == 1 and "not an empty folder" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_a_folder_without_tei_is_a_usage_error(run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("export", tmp_path / "empty", "--to", "csv")
    assert result.exit_code == 2 and "no TEI files" in result.stderr and result.stdout == ""


def test_records_beside_the_tei_are_not_taken_for_tei(run, tmp_path: Path, seed: Path) -> None:
    (seed.parent / f"{SAMPLE.stem}.dc.xml").write_bytes(run("export", seed, "--to", "oai_dc").stdout_bytes)
    result = run("export", seed.parent, "--to", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))) == 2

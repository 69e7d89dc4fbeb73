"""``memo-tei convert --dc``: the Dublin Core record written beside each TEI in one pass."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from memo_tei.cli import main
from memo_tei.validate import iter_findings

from .conftest import SAMPLE

DC = {"dc": "http://purl.org/dc/elements/1.1/"}


def test_dc_record_beside_each_tei(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SAMPLE), "-o", str(tmp_path), "--dc"])
    assert result.exit_code == 0, result.stderr
    tei = tmp_path / f"{SAMPLE.stem}.xml"
    record = tmp_path / f"{SAMPLE.stem}.dc.xml"
    assert tei.is_file() and record.is_file()
    assert [f for f in iter_findings(record) if f.is_error] == []
    doc = etree.parse(str(record))
    assert doc.xpath("//dc:date/text()", namespaces=DC) == ["1954-10-14"]
    assert any("Sino-Soviet" in t for t in doc.xpath("//dc:title/text()", namespaces=DC))


def test_dc_config_file_sets_the_publisher(tmp_path: Path) -> None:
    config = tmp_path / "memo-tei.toml"
    config.write_text('[export]\npublisher = "Archive of the Example University"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(SAMPLE), "-o", str(out), "--dc", "--config", str(config),
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    doc = etree.parse(str(out / f"{SAMPLE.stem}.dc.xml"))
    assert doc.xpath("//dc:publisher/text()", namespaces=DC) == ["Archive of the Example University"]


def test_dc_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    no_dir = runner.invoke(main, ["convert", str(SAMPLE), "--dc"])
    assert no_dir.exit_code == 2 and "--dc needs -o" in no_dir.stderr
    json = runner.invoke(main, ["convert", str(SAMPLE), "--dc", "--format", "json", "-o", str(tmp_path)])
    assert json.exit_code == 2 and "--format tei" in json.stderr

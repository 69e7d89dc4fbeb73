"""Ingest packages, each read back by its consumer's rules: bagit validates the bag, the
DSpace importer's layout parses, Archivematica's metadata.csv reads with ``csv``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import bagit
import pytest
from lxml import etree

from memo_tei.dublin_core.config import ExportConfig
from memo_tei.dublin_core.names import DC_NS
from memo_tei.dublin_core.tei_input import read_tei
from memo_tei.errors import ExportError
from memo_tei.packages.bag import UNDATED, bagging_date, verify_bag
from memo_tei.packages.export import (
    FORMATS,
    PACKAGE_FORMATS,
    csv_bytes,
    make_package,
    prepare_item,
    record_bytes,
)
from memo_tei.packages.item import ExportItem

from .conftest import SAMPLE
from .test_export import UNICODE_TITLE, make_seed_dir, make_unicode_dir

CONFIG = ExportConfig(publisher="Example Library", source_organization="Example Library, Archives",
                      collection="Declassified Records")


@pytest.fixture
def seed_tei(tmp_path: Path, sample_conversion) -> Path:
    return make_seed_dir(tmp_path / "tei", sample_conversion.tei)


@pytest.fixture
def unicode_tei(tmp_path: Path) -> Path:
    return make_unicode_dir(tmp_path / "uni")


def items_of(*paths: Path, config: ExportConfig = CONFIG, sources: Path | None = None) -> list[ExportItem]:
    return [prepare_item(read_tei(p), config, with_source=True, sources_dir=sources).item for p in paths]


# --- BagIt -----------------------------------------------------------------------------

def test_the_bag_validates_and_holds_tei_dc_and_source(tmp_path: Path, seed_tei: Path) -> None:
    out = make_package("bagit", items_of(seed_tei), tmp_path / "bag", config=CONFIG)
    bag = bagit.Bag(str(out))
    bag.validate()
    assert sorted(bag.algorithms) == ["sha256", "sha512"]
    stem = SAMPLE.stem
    assert sorted(bag.payload_entries()) == [f"data/dc/{stem}.xml", f"data/source/{SAMPLE.name}",
                                             f"data/tei/{stem}.xml"]
    assert (out / "data" / "source" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    assert bag.info["Source-Organization"] == "Example Library, Archives"
    assert bag.info["Bagging-Date"] == "1954-10-14"
    dc = etree.parse(str(out / "data" / "dc" / f"{stem}.xml"))
    assert dc.xpath("//dc:date/text()", namespaces={"dc": DC_NS}) == ["1954-10-14"]


def test_the_same_documents_make_the_same_bag(tmp_path: Path, seed_tei: Path, unicode_tei: Path) -> None:
    first = make_package("bagit", items_of(seed_tei, unicode_tei), tmp_path / "one", config=CONFIG)
    second = make_package("bagit", items_of(seed_tei, unicode_tei), tmp_path / "two", config=CONFIG)
    for name in ("bag-info.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_bagging_date_is_the_latest_document_date_or_a_fixed_one(seed_tei: Path, unicode_tei: Path) -> None:
    assert bagging_date(items_of(seed_tei, unicode_tei)) == "1961-03-14"
    undated = items_of(seed_tei)[0]
    undated = ExportItem(undated.tei, undated.record.model_copy(update={"date": ()}))
    assert bagging_date([undated]) == UNDATED
    yearly = ExportItem(undated.tei, undated.record.model_copy(update={"date": ("1962",)}))
    assert bagging_date([yearly]) == "1962-01-01"


def test_an_asked_for_bagging_date_is_used(tmp_path: Path, seed_tei: Path) -> None:
    out = make_package("bagit", items_of(seed_tei), tmp_path / "bag", config=CONFIG, bagging_date="2026-01-02")
    assert bagit.Bag(str(out)).info["Bagging-Date"] == "2026-01-02"


@pytest.mark.parametrize("tamper", ["edit", "append", "delete", "add"])
def test_a_tampered_bag_names_the_file(tmp_path: Path, seed_tei: Path, tamper: str) -> None:
    out = make_package("bagit", items_of(seed_tei), tmp_path / "bag", config=CONFIG)
    target = out / "data" / "tei" / f"{SAMPLE.stem}.xml"
    if tamper == "edit":  # same size: the Payload-Oxum still holds, the checksums do not
        target.write_bytes(target.read_bytes().replace(b"SECRET", b"SECRAT", 1))
    elif tamper == "append":
        target.write_bytes(target.read_bytes() + b"\n")
    elif tamper == "delete":
        target.unlink()
    else:
        target = out / "data" / "extra.txt"
        target.write_text("smuggled", encoding="utf-8")
    findings = verify_bag(out)
    named = {f.path for f in findings}
    assert target.relative_to(out).as_posix() in named, findings
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate()


def test_a_valid_bag_has_no_findings_and_a_folder_that_is_not_a_bag_has_one(tmp_path: Path, seed_tei: Path) -> None:
    out = make_package("bagit", items_of(seed_tei), tmp_path / "bag", config=CONFIG)
    assert verify_bag(out) == []
    findings = verify_bag(tmp_path / "tei")
    assert len(findings) == 1 and "bagit.txt" in findings[0].problem


# --- DSpace Simple Archive Format -----------------------------------------------------

def test_saf_items_parse_as_the_importer_reads_them(tmp_path: Path, seed_tei: Path, unicode_tei: Path) -> None:
    out = make_package("dspace", items_of(seed_tei, unicode_tei), tmp_path / "saf", config=CONFIG)
    assert sorted(p.name for p in out.iterdir()) == ["item_000", "item_001"]
    item = out / "item_000"
    dc = etree.parse(str(item / "dublin_core.xml")).getroot()
    assert dc.tag == "dublin_core" and dc.get("schema") == "dc"
    values = {(v.get("element"), v.get("qualifier")): v.text for v in dc.iter("dcvalue")}
    assert values[("title", "none")].startswith("Significance of the Sino-Soviet")
    assert values[("publisher", "none")] == "Example Library"
    contents = (item / "contents").read_bytes()
    assert not contents.endswith(b"\n")
    lines = [line.split("\t") for line in contents.decode("utf-8").split("\n")]
    assert lines == [[f"{SAMPLE.stem}.xml", "bundle:ORIGINAL"], [SAMPLE.name, "bundle:ORIGINAL"]]
    for name, _ in lines:
        assert (item / name).is_file()


def test_saf_place_names_are_spatial_coverage(tmp_path: Path, unicode_tei: Path) -> None:
    out = make_package("dspace", items_of(unicode_tei), tmp_path / "saf", config=CONFIG)
    dc = etree.parse(str(out / "item_000" / "dublin_core.xml"))
    assert dc.xpath("//dcvalue[@element='coverage']/@qualifier") == ["spatial", "spatial"]


# --- Archivematica -----------------------------------------------------------------------

def test_archivematica_metadata_csv_reads_with_the_csv_module(tmp_path: Path, seed_tei: Path,
                                                              unicode_tei: Path) -> None:
    out = make_package("archivematica", items_of(seed_tei, unicode_tei), tmp_path / "transfer", config=CONFIG)
    with (out / "metadata" / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[0] == "filename"
    assert all(h.startswith("dc.") for h in header[1:])
    assert header.count("dc.type") == 2  # Text and the genre: the column repeats
    names = [row[0] for row in rows[1:]]
    assert names == [f"objects/{SAMPLE.stem}.xml", "objects/mémo-ß.xml"]
    for name in names:
        assert (out / name).is_file()
    titles = [row[header.index("dc.title")] for row in rows[1:]]
    assert titles[1] == UNICODE_TITLE
    assert (out / "objects" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()


# --- source texts ------------------------------------------------------------------------

def test_a_source_text_found_elsewhere_is_taken_with_sources(tmp_path: Path, sample_conversion) -> None:
    tei = tmp_path / "tei" / f"{SAMPLE.stem}.xml"
    tei.parent.mkdir()
    tei.write_bytes(sample_conversion.tei)
    prepared = prepare_item(read_tei(tei), CONFIG, with_source=True)
    assert prepared.item.source is None and "not found" in prepared.warnings[0]
    prepared = prepare_item(read_tei(tei), CONFIG, with_source=True, sources_dir=SAMPLE.parent)
    assert prepared.item.source == SAMPLE.parent / SAMPLE.name and prepared.warnings == []


def test_a_source_text_whose_hash_differs_is_left_out(tmp_path: Path, seed_tei: Path) -> None:
    (seed_tei.parent / SAMPLE.name).write_bytes(b"another text")
    prepared = prepare_item(read_tei(seed_tei), CONFIG, with_source=True)
    assert prepared.item.source is None and "SHA-256" in prepared.warnings[0]
    out = make_package("bagit", [prepared.item], tmp_path / "bag", config=CONFIG)
    assert not (out / "data" / "source").exists()
    bagit.Bag(str(out)).validate()


def test_an_unsafe_source_name_is_never_followed(tmp_path: Path, sample_conversion) -> None:
    data = sample_conversion.tei.replace(f"<title>{SAMPLE.name}</title>".encode(), b"<title>../../etc/passwd</title>")
    tei = tmp_path / "x.xml"
    tei.write_bytes(data)
    prepared = prepare_item(read_tei(tei), CONFIG, with_source=True)
    assert prepared.item.source is None and "not a plain file name" in prepared.warnings[0]


# --- every package: all or nothing ----------------------------------------------------

@pytest.mark.parametrize("fmt", PACKAGE_FORMATS)
def test_a_package_never_mixes_with_what_is_there(tmp_path: Path, seed_tei: Path, fmt: str) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="not an empty folder"):
        make_package(fmt, items_of(seed_tei), out, config=CONFIG)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- non-ASCII names and values survive in every format -----------------------------------

def _texts_of(fmt: str, item: ExportItem, tmp_path: Path) -> tuple[str, set[str]]:
    """What a consumer reads of the format: its text, and the file names it holds."""
    if fmt in ("oai_dc", "json"):
        data = record_bytes(item, fmt)
        return data.decode("utf-8"), set()
    if fmt == "csv":
        return csv_bytes([item]).decode("utf-8"), set()
    out = make_package(fmt, [item], tmp_path / fmt, config=CONFIG)
    names = {p.name for p in out.rglob("*")}
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()
                   and p.suffix in (".xml", ".csv"))
    return text, names


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_ascii_survives(tmp_path: Path, unicode_tei: Path, fmt: str) -> None:
    item = items_of(unicode_tei)[0]
    text, names = _texts_of(fmt, item, tmp_path)
    if fmt == "json":
        assert json.loads(text)["title"] == [UNICODE_TITLE]
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(text, newline="")))[1][:2] == ["mémo-ß.xml", UNICODE_TITLE]
    else:
        assert UNICODE_TITLE in text
    if fmt in PACKAGE_FORMATS:
        assert {"mémo-ß.xml", "mémo-ß.txt"} <= names
    if fmt == "bagit":
        bagit.Bag(str(tmp_path / fmt)).validate()
        manifest = (tmp_path / fmt / "manifest-sha256.txt").read_text(encoding="utf-8")
        digest = hashlib.sha256((unicode_tei.parent / "mémo-ß.txt").read_bytes()).hexdigest()
        assert f"{digest}  data/source/mémo-ß.txt" in manifest

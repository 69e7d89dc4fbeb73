"""Hostile and odd XML: refused with a clear finding, never expanded, never fetched, and
nothing of a file it points to ever reaches a report."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from memo_tei.cli import main
from memo_tei.validate import iter_findings, iter_findings_in_bytes

from .conftest import FIXTURES

SECRET = "TOPSECRET-LEAK-7f3a"
VALID_TEI = (FIXTURES / "validate" / "valid-profile.xml").read_bytes()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>
"""

QUADRATIC_BLOWUP = (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "' + b"x" * 50_000 + b'">]>\n'
                    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>' + b"&a;" * 2_000
                    + b"</p></body></text></TEI>\n")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


def _documents(secret: Path) -> dict[str, bytes]:
    url = secret.as_uri().encode()
    (secret.parent / "evil.dtd").write_bytes(b'<!ENTITY x SYSTEM "' + url + b'">')
    dtd_url = (secret.parent / "evil.dtd").as_uri().encode()
    tei_open = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>'
    tei_close = b"</p></body></text></TEI>\n"
    return {
        "xxe-file": b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "' + url + b'">]>\n'
                    + tei_open + b"&x;" + tei_close,
        "xxe-parameter-entity": b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY % p SYSTEM "' + dtd_url
                                + b'"> %p;]>\n' + tei_open + b"&x;" + tei_close,
        "external-dtd-file": b'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "' + dtd_url + b'">\n'
                             + tei_open + b"&x;" + tei_close,
        "external-dtd-network": b'<?xml version="1.0"?>\n<!DOCTYPE TEI PUBLIC "-//X//DTD X//EN" '
                                b'"http://192.0.2.1/tei.dtd">\n' + tei_open + b"x" + tei_close,
        "xxe-in-attribute": b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "' + url + b'">]>\n'
                            b'<TEI xmlns="http://www.tei-c.org/ns/1.0" n="&x;"/>\n',
    }


HOSTILE_RULES = {
    "xxe-file": "xml:entities",
    "xxe-parameter-entity": "xml:entities",
    "external-dtd-file": "xml:external-dtd",
    "external-dtd-network": "xml:external-dtd",
    "xxe-in-attribute": "xml:well-formed",  # an external entity in an attribute is not XML
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RULES))
def test_external_entities_and_dtds_are_refused_without_leaking(name: str, secret: Path, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(_documents(secret)[name])
    findings = list(iter_findings(path))
    assert [f.rule for f in findings] == [HOSTILE_RULES[name]]
    assert all(SECRET not in str(f) for f in findings)
    for fmt in ("text", "json", "junit"):
        result = CliRunner().invoke(main, ["validate", "--format", fmt, str(path)])
        assert result.exit_code == 1
        assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("data", [BILLION_LAUGHS, QUADRATIC_BLOWUP], ids=["billion-laughs", "quadratic-blowup"])
def test_entity_bombs_are_refused_quickly(data: bytes) -> None:
    findings = list(iter_findings_in_bytes(data, file="bomb.xml"))
    assert [f.rule for f in findings] == ["xml:entities"]
    assert "entit" in findings[0].message


def test_internal_entities_are_refused_even_when_harmless() -> None:
    data = VALID_TEI.replace(b'<TEI xmlns', b'<!DOCTYPE TEI [<!ENTITY org "CIA">]>\n<TEI xmlns', 1)
    findings = list(iter_findings_in_bytes(data, file="x.xml"))
    assert [(f.rule, f.line) for f in findings] == [("xml:entities", 2)]
    assert "org" in findings[0].message


def test_a_bare_doctype_declaring_nothing_is_harmless() -> None:
    data = VALID_TEI.replace(b'<TEI xmlns', b"<!DOCTYPE TEI>\n<TEI xmlns", 1)
    assert list(iter_findings_in_bytes(data, file="x.xml")) == []


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(VALID_TEI)
    findings = list(iter_findings(path, max_bytes=len(VALID_TEI) - 1))
    assert [f.rule for f in findings] == ["xml:size-limit"]
    assert "--max-bytes" in findings[0].message
    assert list(iter_findings(path, max_bytes=len(VALID_TEI))) == []


def test_cli_max_bytes_raises_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(VALID_TEI)
    small = CliRunner().invoke(main, ["validate", "--max-bytes", "100", str(path)])
    assert small.exit_code == 1 and "[xml:size-limit]" in small.stdout
    assert CliRunner().invoke(main, ["validate", "--max-bytes", str(len(VALID_TEI)), str(path)]).exit_code == 0


@pytest.mark.parametrize(("data", "rule"), [
    (b"", "xml:well-formed"),
    (b"   \n", "xml:well-formed"),
    (b"\x00\x01\x02binary", "xml:well-formed"),
    (b"<TEI><unclosed></TEI>", "xml:well-formed"),
    (b"<?xml version='1.0' encoding='UTF-8'?><TEI>\xff\xfe</TEI>", "xml:well-formed"),
    (b"<a>\x01</a>", "xml:well-formed"),
    (b"<a>" * 300 + b"</a>" * 300, "xml:well-formed"),  # deeper than the parser allows
], ids=["empty", "blank", "binary", "unclosed", "invalid-utf8", "control-character", "too-deep"])
def test_odd_bytes_are_findings_not_crashes(data: bytes, rule: str) -> None:
    findings = list(iter_findings_in_bytes(data, file="odd.xml"))
    assert findings and {f.rule for f in findings} <= {rule, "xml:limits"}


@pytest.mark.parametrize("encode", [
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    lambda text: text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
], ids=["utf-8-bom", "utf-16"])
def test_bom_and_utf16_documents_validate(encode) -> None:
    data = encode(VALID_TEI.decode("utf-8"))
    assert list(iter_findings_in_bytes(data, file="x.xml")) == []


def test_a_directory_or_a_device_path_is_not_read_as_a_document(tmp_path: Path) -> None:
    from memo_tei.validate import UnreadableDocumentError

    with pytest.raises(UnreadableDocumentError):
        list(iter_findings(tmp_path))
    findings = list(iter_findings("/dev/zero", max_bytes=1024)) if Path("/dev/zero").exists() else []
    assert all(f.rule in ("xml:size-limit", "xml:well-formed") for f in findings)

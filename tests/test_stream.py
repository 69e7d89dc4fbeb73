"""The large-input path (stream.py) writes the TEI the whole-document path gives, byte for
byte: on a generated memo of many pages, on records of every source one after another, and
through `memo-tei convert` when an input is over the size threshold; nothing is left half
written when the self-check refuses the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from memo_tei import stream
from memo_tei.batch import job as batch
from memo_tei.convert import GENERATOR, convert_bytes
from memo_tei.errors import InvalidOutputError
from memo_tei.reading.lines import read_lines
from memo_tei.recognition.pages import split_pages
from memo_tei.recognition.recognize import page_role
from memo_tei.recognition.rules import load_rules

PARAGRAPH = ("{n}. The communiques of {n} October show{mark} a firmer line than the statements of the "
             "spring, and the\nlanguage of the second half repeats what the first half said of the "
             "coast.\n\n")


def _memo(pages: int, *, marks: bool) -> str:
    """A memo with what a real one carries on every page: banners, numbered paragraphs, a
    paragraph running over the page break, a footnote, a page number, a stamp now and then."""
    out = ["SECRET\n\nCENTRAL INTELLIGENCE AGENCY\n\n14 October 1954\n\n"
           "MEMORANDUM NO. 73-54\n\nSUBJECT: The Communiques of 11 October 1954\n\n"]
    for page in range(1, pages + 1):
        if page > 1:
            out.append(f"## Page {page}\n\n" if marks else "")
            out.append("SECRET\n\nwent on from the page before, as the\nsecond half says.\n\n")
        for n in range(1, 4):
            out.append(PARAGRAPH.format(n=(page - 1) * 3 + n, mark="*" if n == 2 else ""))
        out.append("and the last paragraph breaks off mid-sentence over the\n\n")
        out.append("* We recognize that the record is incomplete on this point.\n\n")
        if page % 7 == 0:
            out.append("DECLASSIFIED\nAuthority NND 947003\n\n")
        if page % 13 == 0:
            out.append("SECR\n\n")  # a damaged banner
        out.append(f"- {page} -\n\nSECRET\n" + ("\n---\n\n" if marks else "\f"))
    return "".join(out)


def _both(data: bytes, tmp_path: Path, name: str = "big.md") -> tuple[bytes, bytes]:
    rules = load_rules()
    whole = convert_bytes(data, name=name, rules=rules).tei
    out = tmp_path / "out.xml"
    stream.convert_large_bytes(data, out, name=name, rules=rules, generator=GENERATOR, max_bytes=len(data) + 1)
    return whole, out.read_bytes()


@pytest.mark.parametrize("marks", [False, True])
def test_a_memo_of_many_pages_gives_the_same_bytes(tmp_path: Path, marks: bool) -> None:
    data = _memo(300, marks=marks).encode()
    whole, streamed = _both(data, tmp_path)
    assert whole.count(b"<pb ") > 250
    assert streamed == whole


def test_small_slices_give_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "SLICE_ELEMENTS", 5)
    whole, streamed = _both(_memo(40, marks=False).encode(), tmp_path)
    assert streamed == whole


def test_records_of_every_source_one_after_another(tmp_path: Path, dev_corpus: Path) -> None:
    files = sorted(p for p in dev_corpus.rglob("*") if p.suffix in (".md", ".txt"))[::3]
    data = "".join(p.read_bytes().decode("utf-8", "replace") + "\n\n\n" for p in files).encode()
    whole, streamed = _both(data, tmp_path)
    assert streamed == whole


def test_each_dev_record_alone(tmp_path: Path, dev_corpus: Path) -> None:
    for path in sorted(p for p in dev_corpus.rglob("*") if p.suffix in (".md", ".txt"))[:40]:
        whole, streamed = _both(path.read_bytes(), tmp_path, path.name)
        assert streamed == whole, path.name


def test_pages_one_at_a_time_are_the_pages(tmp_path: Path) -> None:
    rules = load_rules()
    for text in (_memo(30, marks=False), _memo(30, marks=True), "no page\n\n\nat all\n---\n"):
        survey = stream._Survey(text, rules)
        role = lambda line, c=survey.context: page_role(line, rules=rules, context=c)  # noqa: E731
        lines = read_lines(text)
        assert [i for i, _ in stream.iter_lines(text)] == list(range(len(lines)))
        assert [ln for _, ln in stream.iter_lines(text)] == lines
        expected = split_pages(lines, role, stream.blank_runs(rules, survey.context))
        got = list(stream.iter_pages(text, survey, role))
        assert [(p.label, p.lines) for p in got] == [(p.label, p.lines) for p in expected]


def test_convert_writes_a_large_input_a_page_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "big.md"
    source.write_text(_memo(60, marks=False))
    small = batch.convert_one(batch.Task(key="big.md", label="big.md", source=str(source),
                                         output=str(tmp_path / "whole.xml")))
    called = []
    real = stream.convert_large

    def spy(*args, **kwargs):
        called.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "LARGE_INPUT_BYTES", 1000)
    monkeypatch.setattr(stream, "convert_large", spy)
    large = batch.convert_one(batch.Task(key="big.md", label="big.md", source=str(source),
                                         output=str(tmp_path / "streamed.xml")))
    assert called
    assert large.ok and small.ok
    assert (tmp_path / "streamed.xml").read_bytes() == (tmp_path / "whole.xml").read_bytes()
    assert (large.output_sha256, large.output_size, large.markings, large.sha256) == (
        small.output_sha256, small.output_size, small.markings, small.sha256)
    assert large.markings[0] > 100  # banners


def test_nothing_is_left_when_the_self_check_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise InvalidOutputError("memo-tei wrote TEI that breaks its own profile")

    monkeypatch.setattr(stream, "_check", refuse)
    out = tmp_path / "out" / "big.xml"
    data = _memo(20, marks=False).encode()
    with pytest.raises(InvalidOutputError):
        stream.convert_large_bytes(data, out, name="big.md", rules=load_rules(), generator=GENERATOR,
                                   max_bytes=len(data))
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize("data", [
    b"abc\r\ndef\rghi\n", "e\u0301x\n".encode(), b"\xef\xbb\xbfBOM\n\x01z", b"caf\xe9\nab\x85\n",
    b"\n\n x", "a\u0300\n\u0301b".encode() * 3, "\ufeffnot a BOM here\n".encode("utf-16"),
])
def test_decoding_a_piece_at_a_time_is_decoding(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    from memo_tei.reading.decoding import decode

    monkeypatch.setattr(stream, "CHUNK_BYTES", 2)
    whole = decode(data)
    text, encoding, warnings = stream.decode_text(data, max_bytes=1000)
    assert b"".join(text.pieces).decode() == whole.text
    assert (encoding, warnings) == (whole.encoding, whole.warnings)
    assert [line for _, line in stream.iter_lines(text)] == read_lines(whole.text)


@pytest.mark.parametrize("read_bytes", [1, 3, 8, 1 << 18])
def test_the_text_read_back_in_short_strings_gives_the_lines(monkeypatch: pytest.MonkeyPatch,
                                                               read_bytes: int) -> None:
    """Lines longer than a read, a read ending inside a line or on its line feed, a piece
    of several reads: the same lines as reading the text whole."""
    monkeypatch.setattr(stream, "CHUNK_BYTES", 12)
    monkeypatch.setattr(stream, "READ_BYTES", read_bytes)
    text = "SECRET\n\nA line longer than any read, caf\u00e9\n- 2 -\n\f\nshort\nx\n\n\nlast line"
    pieces = stream.Text.of(text)
    assert "".join(pieces.strs()) == text
    assert all(s.endswith("\n") for s in list(pieces.strs())[:-1])
    assert [line for _, line in stream.iter_lines(pieces)] == read_lines(text)


@pytest.mark.parametrize("data", [b"", b"  \n\x00", "\u200b\n".encode(), b"\xef\xbb\xbf\xff", b"\x00\x01\x02" * 99])
def test_decoding_a_piece_at_a_time_refuses_what_decoding_refuses(data: bytes) -> None:
    from memo_tei.errors import InputError
    from memo_tei.reading.decoding import decode

    with pytest.raises(InputError) as whole:
        decode(data)
    with pytest.raises(InputError) as pieces:
        stream.decode_text(data, max_bytes=1000)
    assert str(pieces.value) == str(whole.value)


def test_a_large_input_tags_through_a_leaner_prefilter_with_the_same_routes() -> None:
    """The large-input path's smaller automaton answers as the default one does."""
    import pickle

    rules = load_rules()
    if rules.prefilter is None:
        pytest.skip("no prefilter: the rules hold a formula every line is tried on")
    lean = stream._lean(rules)
    assert lean.prefilter is not rules.prefilter
    lines = ["SECRET", "- 2 -", "Plain running text of a memorandum.", "CIA HAS NO OBJECTION TO DECLASSIFICATION",
             "* We note that the draft", "Page 3 of 7", "13-00000", "TOP SECRET EYES ONLY"]
    assert [lean.prefilter.route(t) for t in lines] == [rules.prefilter.route(t) for t in lines]
    assert pickle.loads(pickle.dumps(lean.prefilter)).route("SECRET") == rules.prefilter.route("SECRET")

"""Load the recognition rules: the package's ``rules.toml`` plus any file a user names.

The rules are data an archivist extends (see the comments in ``rules.toml``); this module
only checks their shape, compiles them once, and puts a user's rows before ours.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import RulesError
from .footnotes import FOOTNOTE_BODY
from .formulas import Formula, normal_words
from .fuzzy import MAYBE_LEVEL, LevelWord
from .prefilter import Pattern, Prefilter, Untranslatable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str


class LevelRow(_Row):
    code: Literal["TS", "S", "C", "R", "U"]
    word: str | None = None  # the level as printed, for matching OCR-garbled shapes
    max_edits: int = 0  # how many letters OCR may have got wrong in ``word``


class MarkRow(_Row):
    """A marking: a page number, archival id, stamp or classification line, or a part of a line."""

    name: str = ""
    find: bool = False
    requires: str | None = None
    then: str | None = None
    then_max: int = 3
    until: str | None = None


class StampRow(MarkRow):
    type: Literal["declassification", "release", "exemption", "other"]
    frame: bool = False  # stands at the head or foot of every page, so it frames pages
    trails: bool = False  # may follow a page's bottom frame and still belong to that page
    alone: bool = False  # a stamp of its own: never one with a stamp on the line above or below


class FormulaRow(BaseModel):
    """The canonical wording of a stamp, found through OCR damage (see formulas.py)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    type: Literal["declassification", "release", "exemption", "other"]
    text: str
    upper: bool = False  # printed in capitals: a line mostly in lower case is not it
    needs: str | None = None  # a pattern the line's lower-cased words must show to start a stamp
    family: str = ""  # formulas of one family carry on each other's stamps
    single: list[str] = []  # words that start a stamp on their own (BRACKETS)


class CompoundRow(_Row):
    """A line holding several elements, each a named group: classification, stamp, pageNum, archivalId."""

    name: str = ""
    type: Literal["declassification", "release", "exemption", "other"] = "other"
    find: bool = False
    requires: str | None = None


class PageStartRow(MarkRow):
    """A line that opens a new page, or (in ``signal``) a named sign of a kind of document,
    looked for in the first ``within`` lines only when that is set."""

    within: int | None = None


class PageSettings(BaseModel):
    """How runs of blank lines break pages (see pages.BlankRuns)."""

    model_config = ConfigDict(extra="forbid")
    blank_run_length: int = 2
    blank_run_min_lines_per_run: int = 10
    blank_run_unless: str | None = None


class NoteSettings(BaseModel):
    """How a footnote numbered like a printed superscript is told at a page's foot (see
    footnotes.numbered_notes): its marker opening the note, what OCR reads its call as in the
    text above, and the words that make a number no marker (a day before its month)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    numeral_marker: str = ""
    call_garbles: str = ""
    not_a_marker: str = ""


class IdentifierRow(_Row):
    """A number the record carries for itself: the group ``value`` of the first match, in its
    text, or with ``in_name`` in the name of its file (archives name files by record number);
    ``prefix`` goes before the value (a file name may drop the ``CIA-`` of ``CIA-RDP...``)."""

    type: str
    requires: str | None = None
    in_name: bool = False
    prefix: str = ""


class FormFieldRow(BaseModel):
    """A labeled field of a form; ``value`` is the shape of its value, looked for on the
    label's line and then on up to ``within`` lines below."""

    model_config = ConfigDict(extra="forbid")
    name: str
    label: str
    value: str = '\\S.*'
    within: int = 3
    lines: int = 1  # a value may run on over this many lines (titles wrap)
    distinct: bool = False  # a value no free text looks like (a record number, a date)
    often_empty: bool = False  # left empty on many forms: a line not of its shape is the next field's


class AgencyRow(_Row):
    """An agency as metadata names it, and what stands for it: its abbreviation on a form
    (``FBI``), or, in ``record_agency``, the shape of the record numbers of its files."""

    name: str


class CreatorRow(_Row):
    """An originator line; ``name`` is how metadata writes it, ``{place}`` filled from the group."""

    name: str
    requires: str | None = None


class FieldRow(_Row):
    """A header field: ``pattern`` matches the line, its group ``value`` is the field's value.

    Where OCR garbles the label past listing its spellings, the pattern's group ``label``
    holds a word that must read as ``word`` within ``max_edits`` letters, in capitals, and
    nearer ``word`` than any of ``unlike`` (the labels and words it is not: SUBJECTS,
    SUSPECT). ``until`` marks where the value ends: the next label printed on the same line
    (a CIA information report's ``DATE DISTR.``)."""

    name: str
    requires: str | None = None
    word: str | None = None
    max_edits: int = 0
    unlike: list[str] = []
    until: str | None = None


class TitleLineRow(_Row):
    """A kind of line that tells where a title stands in a kind of record (see title_sources):
    ``name`` says which part it plays."""

    name: Literal["case-character", "caption-end", "report-heading", "report-series", "report-end",
                  "cable-comment", "handling-note", "cable-cite", "printed-form"]


class LetterheadRow(_Row):
    name: str | None = None


class DateLineRow(_Row):
    name: str  # the kind of line, as an archivist would name it


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pages: PageSettings | None = None
    footnotes: NoteSettings | None = None
    level: list[LevelRow] = []
    caveat: list[_Row] = []
    classification: list[MarkRow] = []
    compound: list[CompoundRow] = []
    stamp: list[StampRow] = []
    formula: list[FormulaRow] = []
    page_number: list[MarkRow] = []
    archival_id: list[MarkRow] = []
    page_start: list[PageStartRow] = []
    signal: list[PageStartRow] = []
    identifier: list[IdentifierRow] = []
    creator: list[CreatorRow] = []
    form_field: list[FormFieldRow] = []
    agency: list[AgencyRow] = []
    record_agency: list[AgencyRow] = []
    field: list[FieldRow] = []
    letterhead: list[LetterheadRow] = []
    authority: list[_Row] = []
    not_record_date: list[DateLineRow] = []
    record_date_label: list[DateLineRow] = []
    title_line: list[TitleLineRow] = []


@dataclass(frozen=True)
class Compiled:
    """A rule row with its pattern compiled; ``label`` and ``extra`` say what it tags."""

    regex: re.Pattern[str]
    label: str = ""
    extra: str = ""
    find: bool = False
    requires: str | None = None
    then: re.Pattern[str] | None = None
    then_max: int = 0
    until: re.Pattern[str] | None = None
    frame: bool = False
    trails: bool = False
    alone: bool = False
    #: a label word as printed, for a row that reads a garbled label (see FieldRow)
    word: str = ""
    max_edits: int = 0
    unlike: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormField:
    """A form field compiled: its label, the shape of its value, how far below the label the
    value may stand, and over how many lines it may run."""

    name: str
    label: re.Pattern[str]
    value: re.Pattern[str]
    within: int
    lines: int
    distinct: bool = False
    often_empty: bool = False


class LineMemo(dict[Any, Any]):
    """A bounded memo: emptied when full, so a worker converting millions of pages keeps
    a flat memory while the lines that recur (on every page) stay in it."""

    limit = 1 << 15

    def keep(self, key: object, value: object) -> None:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value

    def __reduce__(self) -> tuple[type[LineMemo], tuple[()]]:
        return LineMemo, ()  # rules sent to another process start with an empty memo


@dataclass(frozen=True)
class Rules:
    """Compiled rules, in the order they are tried (a user's rows first)."""

    levels: tuple[Compiled, ...]
    level_words: tuple[LevelWord, ...]
    banner: re.Pattern[str]
    classifications: tuple[Compiled, ...]
    compounds: tuple[Compiled, ...]
    stamps: tuple[Compiled, ...]
    formulas: tuple[Formula, ...]
    page_numbers: tuple[Compiled, ...]
    archival_ids: tuple[Compiled, ...]
    page_starts: tuple[Compiled, ...]
    identifiers: tuple[Compiled, ...]
    name_identifiers: tuple[Compiled, ...]
    creators: tuple[Compiled, ...]
    form_fields: tuple[FormField, ...]
    agencies: tuple[Compiled, ...]
    record_agencies: tuple[Compiled, ...]
    fields: tuple[Compiled, ...]
    letterheads: tuple[Compiled, ...]
    authorities: tuple[Compiled, ...]
    #: Lines that tell where a title stands, labelled by the part they play (see title_sources).
    title_lines: tuple[Compiled, ...] = ()
    #: One pattern per table that matches where any row of it might: most lines match none,
    #: and one test in the regular-expression engine is cheaper than a loop over the rows.
    whole_gate: Gate | None = None
    find_gate: Gate | None = None
    header_gate: Gate | None = None
    compound_gate: Gate | None = None
    formula_gate: Gate | None = None
    form_label_gate: Gate | None = None
    #: Named rules that some other rule ``requires``, with their patterns and reach in lines.
    required: tuple[tuple[str, re.Pattern[str], int | None], ...] = ()
    pages: PageSettings = field(default_factory=PageSettings)
    #: Lines whose date is another paper's or a later hand's, never the record's own.
    not_record_dates: tuple[Compiled, ...] = ()
    #: Labels after which a line gives the record's own date (an information report's DATE DISTR.).
    record_date_labels: tuple[Compiled, ...] = ()
    notes: NoteSettings = field(default_factory=NoteSettings)
    #: What the tagger found on lines already seen, by their text and the document's
    #: context: banners, stamps, page furniture and form labels repeat on every page and in
    #: every file of a collection (see tagging.tag_line).
    seen: LineMemo = field(default_factory=LineMemo, compare=False, repr=False)
    #: The tables the prefilter routed lines already read to, by their text alone (a route
    #: depends on nothing else): page breaking and tagging both ask it of every line.
    routes: LineMemo = field(default_factory=LineMemo, compare=False, repr=False)
    #: One test, built from every pattern the tagger tries on a line, that tells a plain
    #: line of text without trying them (see prefilter.py); None where it cannot be built.
    prefilter: Prefilter | None = field(default=None, compare=False, repr=False)


def load_rules(extra: Path | None = None) -> Rules:
    """The package rules, with the rows of ``extra`` (a TOML file) tried first."""
    return _load(str(extra) if extra else None)


@lru_cache(maxsize=8)
def _load(extra: str | None) -> Rules:
    ours = _parse(resources.files(__package__).joinpath("rules.toml").read_text("utf-8"), "rules.toml")
    if extra is None:
        return _compile(ours)
    try:
        text = Path(extra).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(f"{extra}: cannot read rules: {err}") from None
    theirs = _parse(text, extra)
    merged = RuleFile(**{name: getattr(theirs, name) + getattr(ours, name)
                         for name in RuleFile.model_fields if name not in ("pages", "footnotes")},
                      pages=theirs.pages or ours.pages, footnotes=theirs.footnotes or ours.footnotes)
    return _compile(merged)


def _parse(text: str, where: str) -> RuleFile:
    try:
        return RuleFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        raise RulesError(f"{where}: not TOML: {err}") from None
    except ValidationError as err:
        first = err.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        raise RulesError(f"{where}: {path}: {first['msg']}") from None


def _compiled(row: _Row, label: str = "", extra: str = "") -> Compiled:
    if isinstance(row, FieldRow):
        return Compiled(_regex(row.pattern), label, extra, requires=row.requires,
                        until=_regex(row.until) if row.until else None,
                        word=row.word or "", max_edits=row.max_edits, unlike=tuple(row.unlike))
    if not isinstance(row, MarkRow | CompoundRow):
        return Compiled(_regex(row.pattern), label, extra, requires=getattr(row, "requires", None))
    then = getattr(row, "then", None)
    until = getattr(row, "until", None)
    return Compiled(
        _regex(row.pattern), label, extra, find=row.find, requires=row.requires,
        then=_regex(then) if then else None, then_max=getattr(row, "then_max", 0),
        until=_regex(until) if until else None,
        frame=getattr(row, "frame", False), trails=getattr(row, "trails", False),
        alone=getattr(row, "alone", False),
    )


def _compile(rules: RuleFile) -> Rules:
    def rows(items: Iterable[Any], label: Callable[[Any], str] = lambda r: "",
             extra: Callable[[Any], str | None] = lambda r: "") -> tuple[Compiled, ...]:
        return tuple(_compiled(r, label(r), extra(r) or "") for r in items)

    levels = rows(rules.level, label=lambda r: r.code)
    words = "|".join(f"(?:{r.pattern})" for r in [*rules.level, *rules.caveat])
    banner = _regex(rf"(?:{words})(?:[\s/,;:.()\-–—]*(?:{words}))*[\s/,;:.()\-–—]*$")
    marks = (rules.classification, rules.compound, rules.stamp, rules.page_number, rules.archival_id, rules.page_start)
    named = {r.name: r for table in (*marks, rules.signal) for r in table if r.name}
    wanted = {r.requires for table in (*marks, rules.identifier, rules.creator, rules.field) for r in table
              if r.requires}
    if rules.pages and rules.pages.blank_run_unless:
        wanted.add(rules.pages.blank_run_unless)
    missing = wanted - set(named)
    if missing:
        raise RulesError(f"a rule requires {sorted(missing)[0]!r}, which no rule is named")
    return Rules(
        levels=levels,
        level_words=tuple(LevelWord(r.code, r.word, r.max_edits) for r in rules.level if r.word),
        banner=banner,
        classifications=rows(rules.classification, extra=lambda r: r.name),
        compounds=rows(rules.compound, label=lambda r: r.type, extra=lambda r: r.name),
        stamps=rows(rules.stamp, label=lambda r: r.type, extra=lambda r: r.name),
        formulas=tuple(
            Formula(r.name, r.type, normal_words(r.text), r.upper, _regex(r.needs) if r.needs else None,
                    r.family or r.name, tuple(r.single))
            for r in rules.formula
        ),
        page_numbers=rows(rules.page_number, extra=lambda r: r.name),
        archival_ids=rows(rules.archival_id, extra=lambda r: r.name),
        page_starts=rows(rules.page_start, extra=lambda r: r.name),
        identifiers=rows([r for r in rules.identifier if not r.in_name], label=lambda r: r.type,
                         extra=lambda r: r.prefix),
        name_identifiers=rows([r for r in rules.identifier if r.in_name], label=lambda r: r.type,
                              extra=lambda r: r.prefix),
        creators=rows(rules.creator, extra=lambda r: r.name),
        form_fields=tuple(FormField(r.name, _regex(r.label), _regex(r.value), r.within, r.lines,
                                    r.distinct, r.often_empty)
                          for r in rules.form_field),
        agencies=rows(rules.agency, extra=lambda r: r.name),
        record_agencies=rows(rules.record_agency, extra=lambda r: r.name),
        fields=rows(rules.field, label=lambda r: r.name),
        letterheads=rows(rules.letterhead, extra=lambda r: r.name),
        authorities=rows(rules.authority),
        not_record_dates=rows(rules.not_record_date, label=lambda r: r.name),
        record_date_labels=rows(rules.record_date_label, label=lambda r: r.name),
        title_lines=rows(rules.title_line, label=lambda r: r.name),
        required=tuple((name, _regex(named[name].pattern), getattr(named[name], "within", None))
                       for name in sorted(wanted)),
        pages=rules.pages or PageSettings(),
        notes=rules.footnotes or NoteSettings(),
        whole_gate=_gate([r.pattern for t in (rules.page_number, rules.archival_id, rules.stamp) for r in t
                          if not r.find]),
        find_gate=_gate([r.pattern for t in (rules.classification, rules.page_number, rules.archival_id,
                                             rules.stamp) for r in t if r.find], anywhere=True),
        header_gate=_gate([r.pattern for t in (rules.authority, rules.field, rules.letterhead) for r in t]),
        compound_gate=_gate([r.pattern for r in rules.compound], anywhere=any(r.find for r in rules.compound)),
        form_label_gate=_gate([r.label for r in rules.form_field]),
        formula_gate=None if any(not r.needs for r in rules.formula) else _gate(
            [r.needs for r in rules.formula if r.needs], anywhere=True),
        prefilter=_prefilter(rules, banner.pattern),
    )


def _prefilter(rules: RuleFile, banner: str) -> Prefilter | None:
    """The test that tells a plain line: every pattern tagging or page breaking tries on a
    line, as it tries it (at the line's start, or anywhere for a row that ``find`` s). A
    formula without ``needs`` is tried on every line, so there is then no plain line."""
    if any(not r.needs for r in rules.formula):
        return None
    marks = (rules.classification, rules.stamp, rules.page_number, rules.archival_id)
    patterns = [
        Pattern(banner, route="banner"), Pattern(FOOTNOTE_BODY.pattern, route="footnote"),
        Pattern(MAYBE_LEVEL.pattern, search=True, route="fuzzy"),
        *(Pattern(r.pattern, search=r.find, route="marks") for table in marks for r in table),
        *(Pattern(r.pattern, search=r.find, route="compound") for r in rules.compound),
        *(Pattern(r.pattern, search=r.find, route="start") for r in rules.page_start),
        *(Pattern(r.pattern, route="header") for table in (rules.authority, rules.field, rules.letterhead)
          for r in table),
        *(Pattern(r.needs, search=True, folded=True, route="formula") for r in rules.formula if r.needs),
    ]
    try:
        return Prefilter(patterns)
    except Untranslatable:
        return None


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


@dataclass(frozen=True)
class Gate:
    """One pattern that matches where any row of a table might: most lines match none, and
    one test in the regular-expression engine is cheaper than a loop over the rows."""

    regex: re.Pattern[str]
    anywhere: bool = False

    def admits(self, text: str) -> bool:
        # a search lets the engine skip ahead by the first characters the rows can start with
        return bool(self.regex.search(text) if self.anywhere else self.regex.match(text))


def _gate(patterns: list[str], *, anywhere: bool = False) -> Gate | None:
    """A gate for ``patterns``: matching at the start of a line, or ``anywhere`` in it."""
    parts = []
    for pattern in patterns:
        bare = _NAMED_GROUP.sub("(?:", pattern)
        flags = _LEADING_FLAGS.match(bare)
        if flags:
            bare = f"(?{flags.group(1)}:{bare[flags.end():]})"
        parts.append(f"(?:{bare})")
    if not parts:
        return None
    joined = "|".join(parts)
    return Gate(_regex(joined), anywhere)


def _regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise RulesError(f"bad pattern {pattern!r}: {err}") from None


def first_match(rows: tuple[Compiled, ...], text: str) -> tuple[Compiled, re.Match[str]] | None:
    """The first row whose pattern matches at the start of ``text``, with its match."""
    for row in rows:
        match = row.regex.match(text)
        if match:
            return row, match
    return None

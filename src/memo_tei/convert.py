"""The library's entry points: bytes, text or a file in, document model and TEI bytes out.

Nothing here prints or exits; errors are :class:`~memo_tei.errors.MemoTeiError`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import __version__
from . import model as m
from .errors import InputError, InvalidOutputError
from .limits import MAX_INPUT_BYTES
from .reading.decoding import decode
from .recognition.recognize import recognize
from .recognition.rules import Rules, load_rules
from .tei.writer import serialize, to_tei
from .validate.checker import Checker
from .validate.profile_rules import ProfileRulesChecker

GENERATOR = f"memo-tei {__version__}"
PROFILE_RULES = ProfileRulesChecker()


@dataclass(frozen=True)
class Conversion:
    """The result of converting one input."""

    document: m.Document
    tei: bytes

    @property
    def warnings(self) -> list[str]:
        return self.document.warnings


def convert_bytes(data: bytes, *, name: str, rules: Rules | None = None,
                  max_bytes: int = MAX_INPUT_BYTES, check: bool = True) -> Conversion:
    """Convert the bytes of one OCR text; ``name`` is recorded as its source file name.

    With ``check`` (the default) the TEI is validated against the project's own schema and
    Schematron before it is returned: output that breaks the profile is a bug, reported as
    :class:`~memo_tei.errors.InvalidOutputError`, never a file.

    The bytes and the decoded text are let go as soon as they are no longer needed, so that
    a large input is not held three times over while its TEI is built.
    """
    decoded = decode(data, max_bytes=max_bytes)
    source = m.Source(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                      encoding=decoded.encoding)
    del data
    text, warnings = decoded.text, decoded.warnings
    del decoded
    document = recognize(text, source=source, rules=rules or load_rules(), generator=GENERATOR, warnings=warnings)
    del text
    root = to_tei(document)
    if check:
        _check(root, name)
    return Conversion(document=document, tei=serialize(root))


def _check(root: etree._Element, name: str) -> None:
    """The self-check of every output: memo-tei.rng, then memo-tei.sch's rules in one walk of
    the tree (validate.profile_rules), which agree with the Schematron ``memo-tei validate``
    applies and, unlike its XSLT, cost time in proportion to the document."""
    tree = root.getroottree()
    errors = [f for checker in (_grammar(), PROFILE_RULES) for f in checker.check(tree, file=name) if f.is_error]
    if errors:
        raise InvalidOutputError(
            f"memo-tei wrote TEI that breaks its own profile ({errors[0].message} [{errors[0].rule}]); "
            "this is a bug: please report it with the input"
        )


@lru_cache(maxsize=1)
def _grammar() -> Checker:
    """memo-tei.rng, compiled once per process. Asked of the schema cache (validate.schemas),
    it is found and its file checked for edits before every document, which costs a good
    part of the grammar's own check of a small one; the shipped grammar is part of the
    installed package, which no more changes under a running conversion than its code."""
    from .validate.schemas import tei_checkers

    return tei_checkers()[0]


def convert_file(path: Path, *, rules: Rules | None = None, max_bytes: int = MAX_INPUT_BYTES,
                 check: bool = True) -> Conversion:
    """Convert one file, refusing it early (before reading) when it is over ``max_bytes``."""
    # the bytes are handed over without a name here, so convert_bytes can let them go
    return convert_bytes(read_input(path, max_bytes), name=path.name, rules=rules, max_bytes=max_bytes, check=check)


def read_input(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"input is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from None


def convert_text(text: str, *, name: str = "text", rules: Rules | None = None) -> Conversion:
    """Convert a string (encoded as UTF-8 first, so the hash is that of the UTF-8 bytes)."""
    return convert_bytes(text.encode("utf-8"), name=name, rules=rules)

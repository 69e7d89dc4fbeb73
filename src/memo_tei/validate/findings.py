"""A validation finding: one way a document breaks a schema or a rule, as data.

Every check (well-formedness, a grammar, a Schematron assert, a Dublin Core record rule)
speaks in findings, and validation gathers all of them before anything reports: the
command line, the JSON and JUnit reports and the converter's own check all read the same
objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: The file name findings about an in-memory tree carry.
IN_MEMORY = "<memory>"


@dataclass(frozen=True)
class Finding:
    """Where a document breaks which rule, and how.

    ``line`` and ``column`` count from 1; 0 means unknown (lxml knows the line of an
    element but not its column; a tree built in memory has no lines at all). ``rule`` names
    the schema or rule: ``memo-tei.rng``, ``memo-tei.sch:catref-highest``,
    ``dc-record:title-present``, ``xml:well-formed``. Only errors make a document invalid.
    """

    file: str
    line: int
    column: int
    rule: str
    message: str
    xpath: str | None = None
    severity: Severity = "error"
    expected: str | None = None
    found: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, str | int | None]:
        return asdict(self)

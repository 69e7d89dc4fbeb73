"""What stops validation itself, as opposed to findings about a document.

A document that is not well-formed, hostile or invalid yields findings; these errors are for
what cannot be checked at all: a file the operating system will not give us, or a schema
that cannot be loaded.
"""

from __future__ import annotations

from ..errors import MemoTeiError
from .findings import Finding


class UnreadableDocumentError(MemoTeiError, OSError):
    """A document cannot be read (missing, a directory, no permission)."""


class SchemaLoadError(MemoTeiError, ValueError):
    """A schema cannot be found, read or compiled."""


class DocumentInvalidError(MemoTeiError, ValueError):
    """A document breaks its schemas; ``findings`` holds every error, not only the first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        first = findings[0] if findings else "invalid"
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(f"{first}{more}")

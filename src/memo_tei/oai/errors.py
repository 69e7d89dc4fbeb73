"""What the data provider refuses: protocol errors a harvester is told of, and index errors.

The OAI-PMH error codes are the specification's own; each class maps to its code through
:data:`ERROR_CODES`, an explicit table, so that a renamed class never changes the wire.
"""

from __future__ import annotations

from ..errors import MemoTeiError


class OaiError(MemoTeiError):
    """Anything the OAI-PMH data provider cannot do."""


class IndexStoreError(OaiError, OSError):
    """The index database cannot be opened, read or written, or is not a memo-tei OAI index."""


class OaiProtocolError(OaiError, ValueError):
    """A request the protocol answers with an ``error`` element (in an HTTP 200 response)."""


class BadArgument(OaiProtocolError):
    """An illegal or missing argument, a repeated one, or a bad date."""


class BadResumptionToken(OaiProtocolError):
    """A resumption token that is tampered with, stale, or not ours."""


class BadVerb(OaiProtocolError):
    """A verb that is missing, repeated or not one of the six."""


class CannotDisseminateFormat(OaiProtocolError):
    """A metadata format the repository does not offer."""


class IdDoesNotExist(OaiProtocolError):
    """An identifier unknown to the repository."""


class NoRecordsMatch(OaiProtocolError):
    """A list request whose arguments select nothing."""


class NoMetadataFormats(OaiProtocolError):
    """An item with no format to disseminate (never raised: every record has both)."""


class NoSetHierarchy(OaiProtocolError):
    """The repository has no sets (raised when an index has none)."""


#: Error class -> the code the specification gives it (section 3.6).
ERROR_CODES: dict[type[OaiProtocolError], str] = {
    BadArgument: "badArgument",
    BadResumptionToken: "badResumptionToken",
    BadVerb: "badVerb",
    CannotDisseminateFormat: "cannotDisseminateFormat",
    IdDoesNotExist: "idDoesNotExist",
    NoRecordsMatch: "noRecordsMatch",
    NoMetadataFormats: "noMetadataFormats",
    NoSetHierarchy: "noSetHierarchy",
}


def error_code(error: OaiProtocolError) -> str:
    """The specification's code of a protocol error."""
    for cls in type(error).__mro__:
        if cls in ERROR_CODES:
            return ERROR_CODES[cls]
    return ERROR_CODES[BadArgument]

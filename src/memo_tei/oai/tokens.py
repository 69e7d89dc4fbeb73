"""Stateless resumption tokens: the query and where its last page ended, signed.

A token holds the verb, the arguments of the list (format, set, from, until), the key of the
last item served (the record's change number and identifier, or the last set spec), and the
cursor. It is signed with HMAC-SHA256 under a secret kept in the index, so a token that was
altered, made up, or issued by another index (one built anew since) is refused as a
``badResumptionToken``; the server keeps nothing between requests.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass

from .errors import BadResumptionToken

_VERSION = 1
_MAC_BYTES = 16
#: A token longer than this is not one of ours (the request size bound is larger).
MAX_TOKEN_LENGTH = 2048


@dataclass(frozen=True)
class Token:
    """Where a list resumes: after ``seq`` (records) or after ``spec`` (sets)."""

    verb: str
    prefix: str | None = None
    set: str | None = None
    start: str | None = None
    end: str | None = None
    seq: int = 0
    identifier: str = ""
    spec: str = ""
    cursor: int = 0


def encode(token: Token, secret: str) -> str:
    body = json.dumps({"t": _VERSION, **asdict(token)}, separators=(",", ":"), sort_keys=True).encode()
    payload = _b64(body)
    return f"{payload}.{_b64(_mac(payload, secret))}"


def decode(text: str, secret: str, *, verb: str) -> Token:
    """The token a harvester sent back; :class:`BadResumptionToken` unless it is one this index
    issued for this verb."""
    payload, _, mac = text.partition(".")
    if len(text) > MAX_TOKEN_LENGTH or not payload or not mac:
        raise BadResumptionToken("the resumption token is not one this repository issued")
    try:
        good = hmac.compare_digest(_unb64(mac), _mac(payload, secret))
    except (ValueError, binascii.Error):
        good = False
    if not good:
        raise BadResumptionToken("the resumption token is altered, expired, or from another index")
    try:
        data = json.loads(_unb64(payload))
        if data.pop("t") != _VERSION:
            raise ValueError("version")
        token = Token(**data)
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise BadResumptionToken("the resumption token cannot be read") from None
    if token.verb != verb:
        raise BadResumptionToken(f"the resumption token belongs to {token.verb}, not {verb}")
    return token


def _mac(payload: str, secret: str) -> bytes:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

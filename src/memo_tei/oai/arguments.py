"""The arguments each verb takes, as a table, and the checks every request goes through."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import BadArgument, BadVerb


@dataclass(frozen=True)
class Grammar:
    """What one verb accepts: arguments it needs, arguments it may have, and the one argument
    (``resumptionToken``) that, if given, must come alone."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str | None = None


#: The six verbs of OAI-PMH 2.0 (section 4 of the specification).
VERBS: dict[str, Grammar] = {
    "Identify": Grammar(),
    "ListMetadataFormats": Grammar(optional=("identifier",)),
    "ListSets": Grammar(exclusive="resumptionToken"),
    "GetRecord": Grammar(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": Grammar(required=("metadataPrefix",), optional=("from", "until", "set"),
                               exclusive="resumptionToken"),
    "ListRecords": Grammar(required=("metadataPrefix",), optional=("from", "until", "set"),
                           exclusive="resumptionToken"),
}


#: Arguments whose values the response echoes with a type of OAI-PMH.xsd narrower than a
#: string: a value outside it is a bad argument (and so never echoed).
SYNTAX: dict[str, re.Pattern[str]] = {
    "metadataPrefix": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$"),
    "set": re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$"),
}


@dataclass(frozen=True)
class Request:
    """A request whose verb and arguments are legal; ``arguments`` excludes the verb."""

    verb: str
    arguments: dict[str, str]


def parse_request(pairs: Iterable[tuple[str, str]]) -> Request:
    """Check the ``(name, value)`` pairs of a request against the verb's grammar.

    :class:`BadVerb` for a verb missing, repeated or unknown; :class:`BadArgument` for an
    argument repeated, unknown, empty, missing, or beside an exclusive one.
    """
    verbs: list[str] = []
    arguments: dict[str, str] = {}
    repeated: list[str] = []
    for name, value in pairs:
        if name == "verb":
            verbs.append(value)
        elif name in arguments:
            repeated.append(name)
        else:
            arguments[name] = value
    if not verbs:
        raise BadVerb("the verb argument is missing")
    if len(verbs) > 1:
        raise BadVerb("the verb argument is repeated")
    grammar = VERBS.get(verbs[0])
    if grammar is None:
        raise BadVerb(f"{verbs[0]!r} is not a verb of OAI-PMH 2.0")
    if repeated:
        raise BadArgument(f"the argument {repeated[0]!r} is repeated")
    _check(grammar, arguments)
    return Request(verbs[0], arguments)


def _check(grammar: Grammar, arguments: dict[str, str]) -> None:
    allowed = {*grammar.required, *grammar.optional, *([grammar.exclusive] if grammar.exclusive else [])}
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise BadArgument(f"the argument {unknown[0]!r} is not allowed here")
    empty = [name for name, value in arguments.items() if not value]
    if empty:
        raise BadArgument(f"the argument {empty[0]!r} has no value")
    for name, value in arguments.items():
        if name in SYNTAX and not SYNTAX[name].match(value):
            raise BadArgument(f"{value!r} is not a legal value of {name!r}")
    if grammar.exclusive is not None and grammar.exclusive in arguments:
        if len(arguments) > 1:
            raise BadArgument(f"{grammar.exclusive} is an exclusive argument: it must come alone")
        return
    missing = [name for name in grammar.required if name not in arguments]
    if missing:
        raise BadArgument(f"the argument {missing[0]!r} is required")

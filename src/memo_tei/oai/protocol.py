"""One OAI-PMH request in, one response document out: the protocol without HTTP."""

from __future__ import annotations

from collections.abc import Iterable

from .arguments import parse_request
from .errors import BadArgument, BadVerb, OaiProtocolError, error_code
from .responses import add_error, envelope, serialize
from .verbs import HANDLERS, Repository


def respond(pairs: Iterable[tuple[str, str]], repo: Repository) -> bytes:
    """The response to a request given as ``(name, value)`` pairs, errors included: the
    protocol answers every request with a document (in HTTP 200)."""
    try:
        request = parse_request(pairs)
        root = envelope(response_date=repo.now, base_url=repo.base_url, verb=request.verb,
                        arguments=request.arguments)
        HANDLERS[request.verb](repo, request.arguments, root)
    except OaiProtocolError as err:
        return error_response(err, repo, request_args=None if isinstance(err, (BadVerb, BadArgument))
                              else (request.verb, request.arguments))
    return serialize(root)


def error_response(err: OaiProtocolError, repo: Repository, *,
                   request_args: tuple[str, dict[str, str]] | None) -> bytes:
    """A response holding one error; the request's arguments are echoed unless they were the
    fault (badVerb, badArgument)."""
    verb, arguments = request_args if request_args is not None else (None, None)
    root = envelope(response_date=repo.now, base_url=repo.base_url, verb=verb, arguments=arguments)
    add_error(root, error_code(err), str(err))
    return serialize(root)

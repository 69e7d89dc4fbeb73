"""Datestamps: UTC, to the second (``YYYY-MM-DDThh:mm:ssZ``), and the ``from``/``until``
arguments a harvester gives at day or second granularity.

Stored datestamps are strings of one fixed width, so that their order as text is their order
in time and SQLite compares them with an index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from .errors import BadArgument

Clock = Callable[[], datetime]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_now() -> datetime:
    """The clock of a real index: the present, in UTC."""
    return datetime.now(timezone.utc)


def format_datestamp(moment: datetime) -> str:
    """A moment as a datestamp of seconds granularity, in UTC."""
    if moment.tzinfo is None:
        raise ValueError("a datestamp needs an aware datetime")
    return moment.astimezone(timezone.utc).strftime(_FORMAT)


@dataclass(frozen=True)
class Range:
    """The inclusive bounds a ``from``/``until`` pair selects, as stored datestamps (None: open)."""

    start: str | None = None
    end: str | None = None


def parse_range(start: str | None, end: str | None) -> Range:
    """The datestamps selected by ``from`` and ``until``; :class:`BadArgument` for a date that
    is not a date of either granularity, two granularities mixed, or ``from`` after ``until``."""
    bounds = [_parse(value, name) for value, name in ((start, "from"), (end, "until"))]
    granularities = {g for _, g in (b for b in bounds if b is not None)}
    if len(granularities) > 1:
        raise BadArgument("'from' and 'until' must have the same granularity")
    low = bounds[0][0] if bounds[0] else None
    high = bounds[1][0] if bounds[1] else None
    if high is not None and bounds[1] is not None and bounds[1][1] == "day":
        high += "T23:59:59Z"
    if low is not None and bounds[0] is not None and bounds[0][1] == "day":
        low += "T00:00:00Z"
    if low is not None and high is not None and low > high:
        raise BadArgument("'from' is later than 'until'")
    return Range(low, high)


def _parse(value: str | None, name: str) -> tuple[str, str] | None:
    if value is None:
        return None
    if _DAY.match(value):
        granularity = "day"
        pattern = "%Y-%m-%d"
    elif _SECONDS.match(value):
        granularity = "seconds"
        pattern = _FORMAT
    else:
        raise BadArgument(f"'{name}' is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
    try:
        datetime.strptime(value, pattern)
    except ValueError:
        raise BadArgument(f"'{name}' is not a real date") from None
    return value, granularity

"""How a batch run shows itself on stderr, for the CLI: a live bar with files/s and the time
left on a terminal, a plain line every so often when stderr is a log, and in either case one
line per problem, naming the file (see ``cli/output.py``).

``rich`` is imported only when a terminal is there to draw on.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..batch.inputs import iter_jobs
from .output import error as report_error
from .output import warning as report_warning

#: Seconds between two progress lines when stderr is not a terminal.
PLAIN_EVERY = 10.0


class Quiet:
    """Only the problems: one line per error or warning."""

    def __init__(self) -> None:
        self.total: int | None = None
        self.done = self.converted = self.skipped = self.failed = 0

    def file_done(self, status: str, label: str, *, error: str | None = None,
                  warnings: Sequence[str] = ()) -> None:
        self.done += 1
        if status == "converted":
            self.converted += 1
        elif status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1
        for message in warnings:
            report_warning(label, message)
        if error is not None:
            report_error(label, error)

    def count_in_background(self, paths: Sequence[str]) -> None:
        """Count the inputs in a thread of their own, so that work starts at once."""

        def count() -> None:
            self.total = sum(1 for _ in iter_jobs(list(paths)))

        threading.Thread(target=count, name="memo-tei-count", daemon=True).start()

    def __enter__(self) -> Quiet:
        return self

    def __exit__(self, *exc: object) -> None:
        pass



class PlainProgress(Quiet):
    """A line every ``every`` seconds: files done of the total, files/s, time left."""

    def __init__(self, *, every: float = PLAIN_EVERY, clock: Callable[[], float] = time.monotonic,
                 echo: Callable[[str], Any] = lambda line: click.echo(line, err=True)) -> None:
        super().__init__()
        self.every = every
        self.clock = clock
        self.echo = echo
        self.started = self.last = clock()

    def file_done(self, status: str, label: str, *, error: str | None = None,
                  warnings: Sequence[str] = ()) -> None:
        super().file_done(status, label, error=error, warnings=warnings)
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            self.echo(self.line(now))

    def line(self, now: float) -> str:
        worked = self.converted + self.failed
        rate = worked / (now - self.started) if now > self.started else 0.0
        of = f"/{self.total}" if self.total is not None else ""
        eta = ""
        if self.total is not None and rate > 0:
            eta = f", ETA {_clock(max(self.total - self.done, 0) / rate)}"
        return (f"memo-tei: {self.done}{of} files ({self.converted} converted, {self.skipped} skipped, "
                f"{self.failed} failed), {rate:.1f} files/s{eta}")


class RichProgress(Quiet):
    """A live progress bar on the terminal; problems print above it."""

    def __init__(self) -> None:
        super().__init__()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> RichProgress:
        self._bar = _rich_bar()
        self._bar.start()
        self._task = self._bar.add_task("converting", total=None, failed=0)
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def file_done(self, status: str, label: str, *, error: str | None = None,
                  warnings: Sequence[str] = ()) -> None:
        super().file_done(status, label, error=error, warnings=warnings)
        self._bar.update(self._task, advance=1, total=self.total, failed=self.failed)


def for_stderr(*, every: float = PLAIN_EVERY) -> Quiet:
    """The progress display that suits stderr: a bar on a terminal, plain lines otherwise."""
    return RichProgress() if sys.stderr.isatty() else PlainProgress(every=every)


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _rich_bar() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f} files/s" if speed else "- files/s", style="progress.data.speed")

    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
        TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )

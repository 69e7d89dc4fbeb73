"""Build a package folder out of sight, then move it into place whole.

The output folder must not exist yet (or be empty): an export never mixes its files with
files already there, and never leaves half a package behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import ExportError, OutputError


@contextlib.contextmanager
def staged_directory(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out``; renamed to ``out`` when the block ends without error."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out} already exists and is not an empty folder; choose a new one")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part"))
    except OSError as err:
        raise OutputError(f"cannot write {out}: {err.strerror or err}") from None
    try:
        yield staging
        _publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _publish(staging: Path, out: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    try:
        staging.chmod(0o777 & ~umask)
        if out.is_dir():
            out.rmdir()  # empty, checked above
        os.replace(staging, out)
    except OSError as err:
        raise OutputError(f"cannot write {out}: {err.strerror or err}") from None

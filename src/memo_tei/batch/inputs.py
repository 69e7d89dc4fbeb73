"""Which files a command was asked to read, and where each one's output goes.

Directories are walked in sorted order (so runs are reproducible) for text files; the
layout below a directory is kept under the output directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: File endings taken for OCR text when a directory is walked.
TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
STDIN = "-"


@dataclass(frozen=True)
class Job:
    """One input and the path of its output, relative to the output directory."""

    source: Path | None  # None for standard input
    relative_out: Path

    @property
    def label(self) -> str:
        return str(self.source) if self.source is not None else "<stdin>"


def iter_jobs(
    paths: list[str], *, suffix: str = ".xml", walk_suffixes: tuple[str, ...] = TEXT_SUFFIXES
) -> Iterator[Job]:
    """One job per input file; a directory contributes each text file below it."""
    for raw in paths:
        if raw == STDIN:
            yield Job(None, Path("stdin" + suffix))
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path, walk_suffixes):
                rel = file.relative_to(path)
                yield Job(file, rel.with_name(_stem(rel.name) + suffix))
        else:
            yield Job(path, Path(_stem(path.name) + suffix))


def _stem(name: str) -> str:
    return Path(name).stem


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                yield Path(folder) / name

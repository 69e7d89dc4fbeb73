"""One document as every package carries it: its TEI, its Dublin Core, its source text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..dublin_core.record import DcRecord
from ..dublin_core.tei_input import TeiFile
from ..errors import ExportError


@dataclass(frozen=True)
class ExportItem:
    tei: TeiFile
    record: DcRecord
    source: Path | None = None  # the OCR text, when found and its SHA-256 matches

    @property
    def tei_path(self) -> PurePosixPath:
        """Where the TEI goes inside a package, relative to its payload folder."""
        return PurePosixPath(self.tei.relative.as_posix())

    @property
    def source_path(self) -> PurePosixPath | None:
        """Where the source text goes: beside its TEI."""
        if self.source is None:
            return None
        return self.tei_path.parent / self.source.name


class Payload:
    """Files to write under one folder, refusing two different files at one path."""

    def __init__(self) -> None:
        self._files: dict[PurePosixPath, bytes | Path] = {}

    def add(self, path: PurePosixPath, content: bytes | Path) -> None:
        known = self._files.get(path)
        if known is not None and known != content:
            raise ExportError(f"two different files would both be {path} in the package")
        self._files[path] = content

    def write(self, root: Path) -> None:
        for path, content in sorted(self._files.items()):
            target = root.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content if isinstance(content, bytes) else content.read_bytes()
            target.write_bytes(data)

"""Ingest packages: what an archive's own import tool reads.

One module per consumer: :mod:`.archivematica` (a transfer folder with ``metadata.csv``),
:mod:`.dspace` (the Simple Archive Format), :mod:`.bag` (a BagIt bag, RFC 8493). Each builds
its package in a staging folder beside the output, checks it by the consumer's rules, and
only then moves it into place (:mod:`.staging`), so a failed export leaves nothing behind.
"""

from __future__ import annotations

from .item import ExportItem

__all__ = ["ExportItem"]

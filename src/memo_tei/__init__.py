"""memo-tei: OCR text of declassified government records to TEI P5 XML.

The public entry points are :func:`convert_file`, :func:`convert_bytes` and
:func:`convert_text` (from :mod:`memo_tei.convert`, loaded on first use so that
``memo-tei --help`` answers without importing lxml or pydantic). docs/ARCHITECTURE.md says
which folder holds which stage of the pipeline.
"""

from __future__ import annotations

from typing import Any

from .moved import install

__version__ = "0.1.0"

_ENTRY_POINTS = ("Conversion", "convert_bytes", "convert_file", "convert_text")

def __getattr__(name: str) -> Any:
    if name in _ENTRY_POINTS:
        from . import convert

        return getattr(convert, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


install()

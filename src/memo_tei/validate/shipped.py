"""Where the schemas memo-tei ships are: never fetched, always local.

A wheel carries the top-level ``schemas/`` folder as ``memo_tei/schemas`` (see
pyproject.toml); an editable install or a source checkout has only the top-level folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import SchemaLoadError

TEI_GRAMMAR = "memo-tei.rng"
TEI_RULES = "memo-tei.sch"
OAI_DC_SCHEMA = "oai_dc.xsd"

#: ``schemas/`` of a source tree: src/memo_tei/validate/shipped.py -> the project root.
SOURCE_TREE_SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"


def schema_dir() -> Path:
    """The folder of the shipped schemas: the installed package's, else the source tree's."""
    packaged = resources.files("memo_tei").joinpath("schemas")
    candidates = [SOURCE_TREE_SCHEMAS]
    if isinstance(packaged, Path):  # an unpacked install, the usual case
        candidates.insert(0, packaged)
    for candidate in candidates:
        if (candidate / TEI_GRAMMAR).is_file():
            return candidate
    raise SchemaLoadError(
        "memo-tei's schemas are missing (looked in " + ", ".join(map(str, candidates)) + "): a broken install?"
    )


def shipped_schema(name: str) -> Path:
    """The path of one shipped schema file."""
    path = schema_dir() / name
    if not path.is_file():
        raise SchemaLoadError(f"memo-tei's schema {name} is missing from {path.parent}: a broken install?")
    return path

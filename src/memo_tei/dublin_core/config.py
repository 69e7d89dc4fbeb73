"""What a repository says about itself in ``memo-tei.toml``: publisher, rights, collection.

The file is looked up in the current directory unless one is named; its ``[export]`` table
holds the settings, and options given on the command line win over it. Other tables are
left to the commands they belong to.

.. code-block:: toml

    [export]
    publisher = "Example University Library"
    rights = "No Copyright - United States (http://rightsstatements.org/vocab/NoC-US/1.0/)"
    collection = "Declassified Records Collection"
    identifier_prefix = "https://archive.example.org/records/"
    source_organization = "Example University Library, Special Collections"
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import ExportError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The file looked up in the current directory when no ``--config`` is given.
CONFIG_NAME = "memo-tei.toml"
SECTION = "export"


class ConfigError(ExportError):
    """The configuration file cannot be read or holds settings we do not know."""


class ExportConfig(BaseModel):
    """Settings a repository supplies; every one is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: str | None = None
    rights: str | None = None
    collection: str | None = None
    identifier_prefix: str | None = None
    source_organization: str | None = None

    @field_validator("*")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise ValueError("must be one line without control characters")
        return value.strip() or None

    @property
    def organization(self) -> str | None:
        """Who made the package: ``source_organization``, else the publisher."""
        return self.source_organization or self.publisher


def load_config(path: Path | None = None, *, cwd: Path | None = None,
                overrides: Mapping[str, str | None] | None = None) -> ExportConfig:
    """The configuration from ``path`` (or ``memo-tei.toml`` in ``cwd`` if there is one),
    with the non-None ``overrides`` put over it."""
    path = find_config(path, cwd=cwd)
    settings: dict[str, object] = read_section(path, SECTION) if path is not None else {}
    settings.update({key: value for key, value in (overrides or {}).items() if value is not None})
    try:
        return ExportConfig.model_validate(settings)
    except ValidationError as err:
        where = f"{path}: " if path is not None else ""
        first = err.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or SECTION
        raise ConfigError(f"{where}[{SECTION}] {field}: {first['msg']}") from None


def find_config(path: Path | None = None, *, cwd: Path | None = None) -> Path | None:
    """``path`` if given, else ``memo-tei.toml`` in ``cwd`` if there is one, else None."""
    if path is not None:
        return path
    candidate = (cwd or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def read_section(path: Path, section: str) -> dict[str, object]:
    """The settings of one table of a configuration file (empty when it has none)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    table = data.get(section, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{section}] must be a table")
    return dict(table)

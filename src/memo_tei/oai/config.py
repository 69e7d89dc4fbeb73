"""What a repository says of itself to harvesters, from the ``[oai]`` table of memo-tei.toml.

Every setting has a default, so ``memo-tei oai index`` and ``serve`` run with no file at all;
the defaults name no real repository and are meant to be replaced before publishing.

.. code-block:: toml

    [oai]
    repository_name = "Example University Library: Declassified Records"
    base_url = "https://archive.example.org/oai"    # default: the URL each request came to
    admin_email = "archivist@example.org"
    domain = "archive.example.org"                   # identifiers are oai:DOMAIN:ID
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..dublin_core.config import ConfigError, ExportConfig, find_config, load_config, read_section

SECTION = "oai"
#: A repository identifier of the oai-identifier scheme: a domain name with at least one dot.
_DOMAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]*(\.[A-Za-z0-9][A-Za-z0-9\-]*)+$")
_EMAIL = re.compile(r"^\S+@(\S+\.)+\S+$")


class OaiConfig(BaseModel):
    """The repository's name, address, administrator and identifier namespace."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repository_name: str = "memo-tei OAI-PMH repository"
    base_url: str | None = None
    admin_email: str = "oai-admin@example.org"
    domain: str = "example.org"

    @field_validator("repository_name", "base_url")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise ValueError("must be one line without control characters")
        return value.strip() if value is not None else None

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str) -> str:
        if not _DOMAIN.match(value):
            raise ValueError("must be a domain name such as archive.example.org")
        return value

    @field_validator("admin_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError("must be an e-mail address")
        return value

    @property
    def identifier_prefix(self) -> str:
        """What every OAI identifier of the repository starts with: ``oai:DOMAIN:``."""
        return f"oai:{self.domain}:"


def load_oai_config(path: Path | None = None, *, cwd: Path | None = None,
                    overrides: Mapping[str, str | None] | None = None) -> tuple[OaiConfig, ExportConfig]:
    """The ``[oai]`` settings and the ``[export]`` ones (the Dublin Core crosswalk's) of
    ``path``, or of memo-tei.toml in ``cwd`` if there is one."""
    found = find_config(path, cwd=cwd)
    settings: dict[str, object] = read_section(found, SECTION) if found is not None else {}
    settings.update({key: value for key, value in (overrides or {}).items() if value is not None})
    try:
        oai = OaiConfig.model_validate(settings)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or SECTION
        where = f"{found}: " if found is not None else ""
        raise ConfigError(f"{where}[{SECTION}] {field}: {first['msg']}") from None
    return oai, load_config(found, cwd=cwd)

"""Old import paths of modules that moved when the package was grouped by stage.

Until then every module stood at the package's top (``memo_tei.tagging``,
``memo_tei.dc_writers``...). Code that still imports an old name gets the module from its
new place, with a :class:`DeprecationWarning` that names the new place, so that nobody's
script breaks without being told where to look.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

PACKAGE = "memo_tei"

#: The old module name below ``memo_tei``, and the module it is now.
MOVED = {
    "decode": "reading.decoding", "lines": "reading.lines",
    **{name: f"recognition.{name}" for name in (
        "blocks", "certainty", "dates", "facts", "footnotes", "forms", "formulas", "fuzzy", "layout",
        "numbering", "pages", "prefilter", "recognize", "record_date", "rules", "tagging",
        "title_sources")},
    "dc_export": "packages.export", "dc_input": "dublin_core.tei_input", "dc_names": "dublin_core.names",
    "dc_schema": "dublin_core.schema", "dc_vocab": "dublin_core.vocab", "dc_writers": "dublin_core.writers",
    "config": "dublin_core.config",
    "batch_run": "batch.run", "engines": "batch.engines", "manifest": "batch.manifest", "inputs": "batch.inputs",
    "progress": "cli.progress",
}


def _warn(old: str, new: str) -> None:
    warnings.warn(f"{old} has moved to {new}; import it from there", DeprecationWarning, stacklevel=3)


class _MovedModule:
    """Finds ``memo_tei.OLD`` for a module of :data:`MOVED` and hands back its new module."""

    @staticmethod
    def find_spec(fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in MOVED:
            return None
        # the class is its own loader (static create_module and exec_module), not a Loader instance
        return ModuleSpec(fullname, _MovedModule)  # type: ignore[arg-type]

    @staticmethod
    def create_module(spec: ModuleSpec) -> ModuleType:
        new = f"{PACKAGE}.{MOVED[spec.name.rpartition('.')[2]]}"
        _warn(spec.name, new)
        return importlib.import_module(new)

    @staticmethod
    def exec_module(module: ModuleType) -> None:
        """The new module ran when it was imported."""


def install() -> None:
    """Let the old names be imported (once per process)."""
    if _MovedModule not in sys.meta_path:
        sys.meta_path.append(_MovedModule)


def forward(package: str, module: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` for a package that took the name of an old module
    (``memo_tei.batch`` was one module, now :mod:`memo_tei.batch.job` and its neighbours):
    a name the package does not export is looked up in ``module``, with a warning."""

    def __getattr__(name: str) -> Any:
        target = importlib.import_module(module)
        if name.startswith("__") or not hasattr(target, name):
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        _warn(f"{package}.{name}", f"{module}.{name}")
        return getattr(target, name)

    return __getattr__

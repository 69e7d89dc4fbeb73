"""The package's layout is its pipeline: each stage imports only the stages below it, and no
stage reaches into another's private helpers (docs/ARCHITECTURE.md).

Read from the source with :mod:`ast`, imports inside functions and under ``TYPE_CHECKING``
included, so that a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "memo_tei"

#: The stages from the bottom up; a module may import its own stage and those before it.
#: The package's top-level modules are named by their module, its folders by their folder.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "limits", "names", "atomic", "model", "moved"),
    ("reading",),
    ("recognition",),
    ("tei",),
    ("validate",),
    ("convert", "stream"),
    ("dublin_core",),
    ("packages",),
    ("review",),
    ("batch",),
    ("oai",),
    ("cli",),
    ("__init__",),  # the package root loads the entry points of convert on first use
)
LEVEL = {stage: level for level, stages in enumerate(LAYERS) for stage in stages}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Each import of a memo_tei module in ``path``: line, module, names taken from it."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            if target == "memo_tei":  # from memo_tei import x: x may be a module
                found.extend((node.lineno, f"memo_tei.{name}", []) for name in names if name != "__version__")
                continue
            found.append((node.lineno, target, names))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, []) for alias in node.names)
    return [(line, target, names) for line, target, names in found if target.startswith("memo_tei")]


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_is_placed() -> None:
    unplaced = {_stage(_module(path)) for path in SOURCES} - set(LEVEL)
    assert not unplaced, f"add these to a layer of LAYERS and to docs/ARCHITECTURE.md: {sorted(unplaced)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_stage_imports_only_the_stages_below_it(path: Path) -> None:
    stage = _stage(_module(path))
    upward = [f"line {line}: {target} ({_stage(target)})" for line, target, _names in _imports(path)
              if LEVEL.get(_stage(target), -1) > LEVEL[stage]]
    assert not upward, f"{stage} may not import a later stage: {upward}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_stage_uses_another_stages_private_names(path: Path) -> None:
    stage = _stage(_module(path))
    private = [f"line {line}: {target}.{name}" for line, target, names in _imports(path)
               for name in names if _stage(target) != stage and name.startswith("_") and not name.startswith("__")]
    tree = ast.parse(path.read_text("utf-8"))
    modules = {alias.asname or alias.name: target for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               for line, target, _ in _imports(path) if line == node.lineno
               for alias in node.names if f"{target}.{alias.name}".count(".") > 1}
    private += [f"line {node.lineno}: {node.value.id}.{node.attr}" for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and _stage(f"{modules[node.value.id]}.x") != stage
                and node.attr.startswith("_") and not node.attr.startswith("__")]
    assert not private, f"{stage} reaches into another stage's private names: {private}"


def test_the_import_graph_has_no_cycle_between_stages() -> None:
    edges: dict[str, set[str]] = {}
    for path in SOURCES:
        stage = _stage(_module(path))
        edges.setdefault(stage, set()).update(_stage(t) for _l, t, _n in _imports(path) if _stage(t) != stage)
    seen: dict[str, int] = {}

    def visit(stage: str, trail: tuple[str, ...]) -> None:
        assert seen.get(stage) != 1, f"a cycle: {' -> '.join((*trail, stage))}"
        if seen.get(stage) == 2:
            return
        seen[stage] = 1
        for after in sorted(edges.get(stage, ())):
            visit(after, (*trail, stage))
        seen[stage] = 2

    for stage in sorted(edges):
        visit(stage, ())

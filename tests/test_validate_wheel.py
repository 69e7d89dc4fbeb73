"""The schemas ship in the wheel and are found there, with no source tree beside it.

Builds the wheel with pip (about 5 s; pip fetches the build backend when it is not at
hand), unpacks it, and runs memo-tei from the unpacked copy in a fresh interpreter.
Skipped where pip cannot get the build backend, or with MEMO_TEI_SKIP_WHEEL_TEST=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

SHIPPED = ("memo-tei.rng", "memo-tei.sch", "oai_dc.xsd", "simpledc.xsd", "xml.xsd")
#: What pip says when it cannot fetch the build backend (no index reachable).
_NO_BACKEND = ("No matching distribution", "Could not find a version", "Failed to establish", "NewConnectionError")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("MEMO_TEI_SKIP_WHEEL_TEST"):
        pytest.skip("MEMO_TEI_SKIP_WHEEL_TEST is set")
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                           capture_output=True, text=True, timeout=300, check=False)
    if build.returncode != 0:
        if any(sign in build.stdout + build.stderr for sign in _NO_BACKEND):
            pytest.skip(f"pip cannot build a wheel here: {build.stderr.strip().splitlines()[-1]}")
        pytest.fail(f"pip wheel failed:\n{build.stdout}\n{build.stderr}")
    (found,) = out.glob("memo_tei-*.whl")
    return found


def test_the_wheel_carries_the_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"memo_tei/schemas/{name}" for name in SHIPPED} <= names


def test_the_wheel_carries_the_review_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = ("document.html.j2", "index.html.j2", "macros.html.j2", "review.css")
    assert {f"memo_tei/review/templates/{name}" for name in templates} <= names


def test_the_installed_package_finds_its_schemas_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import sys\n"
        "import memo_tei\n"
        "from memo_tei.validate import is_valid\n"
        "from memo_tei.validate.shipped import schema_dir\n"
        f"assert memo_tei.__file__.startswith({str(site)!r}), memo_tei.__file__\n"
        f"assert schema_dir() == __import__('pathlib').Path({str(site / 'memo_tei' / 'schemas')!r}), schema_dir()\n"
        f"assert is_valid({str(FIXTURES / 'validate' / 'valid-profile.xml')!r})\n"
        f"assert is_valid({str(FIXTURES / 'validate' / 'valid-dc-record.xml')!r})\n"
        f"assert not is_valid({str(FIXTURES / 'validate' / 'catref-not-highest.xml')!r})\n"
    )
    # The unpacked wheel comes first on the path, before the development install; the
    # dependencies (lxml, xmlschema) still come from the current environment.
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr

"""Scripts written against the package before it was grouped by stage keep working, and are
told where each module went."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from memo_tei.moved import MOVED


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_module_name_imports_the_new_module_and_names_it(old: str) -> None:
    # a fresh interpreter: in this one the old name may already be in sys.modules
    code = (
        "import importlib, warnings\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        f"    old = importlib.import_module('memo_tei.{old}')\n"
        f"new = importlib.import_module('memo_tei.{MOVED[old]}')\n"
        "assert old is new, (old, new)\n"
        "print(*[str(w.message) for w in caught if w.category is DeprecationWarning], sep='\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"memo_tei.{old} has moved to memo_tei.{MOVED[old]}" in done.stdout


def test_the_old_from_import_form_works_too() -> None:
    with pytest.warns(DeprecationWarning, match="memo_tei.dublin_core.writers"):
        from memo_tei.dc_writers import write_oai_dc
    from memo_tei.dublin_core.writers import write_oai_dc as new

    assert write_oai_dc is new


def test_a_name_of_an_old_module_that_became_a_package_is_still_found() -> None:
    # memo_tei.batch was one module; what it held is now memo_tei.batch.job
    batch = importlib.import_module("memo_tei.batch")
    with pytest.warns(DeprecationWarning, match="memo_tei.batch.job.convert_one"):
        convert_one = batch.convert_one
    assert convert_one is importlib.import_module("memo_tei.batch.job").convert_one
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        batch.no_such_name  # noqa: B018


def test_the_entry_points_are_on_the_package() -> None:
    import memo_tei
    from memo_tei.convert import convert_bytes, convert_file, convert_text

    assert (memo_tei.convert_file, memo_tei.convert_bytes, memo_tei.convert_text) == (
        convert_file, convert_bytes, convert_text)
    assert memo_tei.convert_text("SECRET\n\nThe text.\n").tei.startswith(b"<?xml")


def test_a_module_that_never_was_is_still_missing() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("memo_tei.no_such_module")

"""``memo-tei oai index`` and ``memo-tei oai serve`` as a user runs them, in process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from memo_tei.cli import main

from .oai_helpers import synthesize


@pytest.fixture
def tree(tmp_path: Path, sample_conversion) -> Path:
    synthesize(sample_conversion.tei, tmp_path / "tei", 4)
    return tmp_path / "tei"


def _run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize(("extra", "code", "stdout", "stderr"), [
    ([], 0, "4 added, 0 changed, 0 unchanged, 0 restored, 0 deleted; 0 files not indexed", ""),
    (["broken"], 1, "4 added", "broken.xml: error: not well-formed XML"),
])
def test_index(tree: Path, tmp_path: Path, extra: list[str], code: int, stdout: str, stderr: str) -> None:
    if extra:
        (tree / "broken.xml").write_bytes(b"<TEI")
    result = _run("oai", "index", tree, "--db", tmp_path / "oai.db")
    assert result.exit_code == code
    assert stdout in result.stdout
    assert stderr in result.stderr
    again = _run("oai", "index", tree, "--db", tmp_path / "oai.db")
    assert "0 added, 0 changed, 4 unchanged" in again.stdout


@pytest.mark.parametrize(("args", "code", "stderr"), [
    (["oai", "index", "{tmp}/nowhere", "--db", "{tmp}/oai.db"], 2, "does not exist"),
    (["oai", "index", "{tree}", "--db", "{tmp}/bad.db"], 2, "cannot open as an index"),
    (["oai", "index", "{tree}", "--db", "{tmp}/oai.db", "--config", "{tmp}/bad.toml"], 2, "admin_email"),
    (["oai", "serve", "--db", "{tmp}/nowhere.db"], 2, "does not exist"),
    (["oai", "serve", "--db", "{tmp}/bad.db"], 2, "cannot read as an index"),
    (["oai", "serve", "--db", "{tmp}/bad.db", "--batch-size", "0"], 2, "0 is not in the range"),
])
def test_usage_and_unreadable_input(tree: Path, tmp_path: Path, args: list[str], code: int, stderr: str) -> None:
    (tmp_path / "bad.db").write_bytes(b"not a database" * 200)
    (tmp_path / "bad.toml").write_text('[oai]\nadmin_email = "nobody"\n')
    result = _run(*(a.format(tmp=tmp_path, tree=tree) for a in args))
    assert result.exit_code == code
    assert stderr in result.stderr


def test_serve_binds_to_localhost_by_default(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import waitress

    seen: dict[str, Any] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: seen.update(kw, app=app))
    _run("oai", "index", tree, "--db", tmp_path / "oai.db")
    (tmp_path / "memo-tei.toml").write_text('[oai]\nrepository_name = "Test archive"\ndomain = "archive.test.org"\n')
    monkeypatch.chdir(tmp_path)
    result = _run("oai", "serve", "--db", tmp_path / "oai.db", "--batch-size", "7")
    assert result.exit_code == 0
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8080)
    assert (seen["app"].batch_size, seen["app"].config.domain) == (7, "archive.test.org")
    assert "serving" in result.stderr


def test_the_wsgi_app_is_importable_alone(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from memo_tei.oai.app import OaiApp, from_environment

    _run("oai", "index", tree, "--db", tmp_path / "oai.db")
    monkeypatch.setenv("MEMO_TEI_OAI_DB", str(tmp_path / "oai.db"))
    monkeypatch.chdir(tmp_path)
    assert isinstance(from_environment(), OaiApp)

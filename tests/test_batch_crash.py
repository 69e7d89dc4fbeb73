"""A batch killed with ``kill -9`` mid-run, then run again: nothing recorded is lost, nothing
half-written is left, and the outputs are the bytes a clean run gives.

This needs a real process to kill, so it runs ``memo-tei convert`` as a subprocess.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from memo_tei.batch.manifest import MANIFEST_NAME
from memo_tei.cli import main

from .test_batch import make_tree, outputs, summary_counts

FILES = 200
KILL_AFTER = 30  # records in the manifest


def _recorded(manifest: Path) -> int:
    try:
        return manifest.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _start_run(tmp_path: Path, stderr: int) -> tuple[subprocess.Popen[bytes], Path]:
    """A ``--jobs 2`` run over a fresh tree in a process group of its own, once it has
    recorded ``KILL_AFTER`` files (or ended, or a minute passed)."""
    make_tree(tmp_path / "in", FILES, words=20)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from memo_tei.cli import main; main()",
               "convert", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
    deadline = time.monotonic() + 60
    while _recorded(out / MANIFEST_NAME) < KILL_AFTER and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return process, out


def _wait_until_gone(group: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_kill_9_mid_run_then_resume(tmp_path: Path) -> None:
    process, out = _start_run(tmp_path, subprocess.DEVNULL)
    try:
        assert process.poll() is None, "the run ended before it could be killed: give it more to do"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # the workers notice their parent has gone, finish the file in hand and exit
        assert _wait_until_gone(process.pid, timeout=20), "worker processes outlived the killed run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    assert not list(out.rglob("*.part"))  # each worker finished the file it was writing
    lines = (out / MANIFEST_NAME).read_bytes().splitlines()
    done = {json.loads(line)["input"] for line in lines}
    assert KILL_AFTER <= len(done) < FILES
    with open(out / MANIFEST_NAME, "ab") as manifest:  # a record torn by the kill
        manifest.write(b'{"input":"box0/folder0/doc0000.txt","options":"')

    result = CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    assert summary_counts(result.stderr) == {"converted": FILES - len(done), "skipped": len(done), "failed": 0}
    assert not list(out.rglob("*.part"))

    latest = {}
    for line in (out / MANIFEST_NAME).read_text().splitlines():
        record = json.loads(line)  # the torn tail is gone: every line parses
        latest[record["input"]] = record
    assert len(latest) == FILES and all(r["ok"] for r in latest.values())

    clean = tmp_path / "clean"
    assert CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o", str(clean), "--jobs", "1"]).exit_code == 0
    assert outputs(out) == outputs(clean) and len(outputs(out)) == FILES


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes through /proc")
def test_a_worker_killed_mid_run_fails_its_files_and_the_run_goes_on(tmp_path: Path) -> None:
    process, out = _start_run(tmp_path, subprocess.PIPE)
    try:
        workers = [w for server in _children(process.pid) for w in _children(server)]
        assert process.poll() is None and workers, "the run ended before a worker could be killed"
        os.kill(workers[0], signal.SIGKILL)
        _, stderr = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    counts = summary_counts(stderr.decode())
    assert process.returncode == 1 and counts["failed"] >= 1 and counts["converted"] + counts["failed"] == FILES
    assert "a worker process died while converting this file" in stderr.decode()
    again = CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"])
    assert again.exit_code == 0 and summary_counts(again.stderr)["converted"] == counts["failed"]
    assert len(outputs(out)) == FILES and not list(out.rglob("*.part"))

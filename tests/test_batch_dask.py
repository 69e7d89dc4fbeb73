"""``--engine dask``: the same conversion on a Dask cluster gives the bytes of a local run.

A ``LocalCluster`` in this process stands for the cluster; its workers read the inputs and
write the outputs by the same absolute paths, as machines sharing a file system would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from memo_tei.batch.manifest import MANIFEST_NAME
from memo_tei.cli import main

from .test_batch import make_tree, outputs, summary_counts

distributed = pytest.importorskip("dask.distributed", reason="dask is not installed (pip install 'memo-tei[dask]')")


def _convert(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["convert", *map(str, args)], catch_exceptions=False)


def _latest(out: Path) -> dict[str, dict]:
    lines = (out / MANIFEST_NAME).read_text().splitlines()
    return {record["input"]: record for record in map(json.loads, lines)}


def test_dask_gives_the_bytes_of_a_local_run(tmp_path: Path) -> None:
    make_tree(tmp_path / "in", 16)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                                  dashboard_address=None) as cluster:
        remote = _convert(tmp_path / "in", "-o", tmp_path / "dask", "--engine", "dask",
                          "--scheduler", cluster.scheduler_address)
        again = _convert(tmp_path / "in", "-o", tmp_path / "dask", "--engine", "dask",
                         "--scheduler", cluster.scheduler_address)
    local = _convert(tmp_path / "in", "-o", tmp_path / "local", "--jobs", "1")
    assert remote.exit_code == local.exit_code == 1  # the empty file
    assert summary_counts(remote.stderr) == {"converted": 16, "skipped": 0, "failed": 1}
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local") and len(outputs(tmp_path / "local")) == 16
    assert _latest(tmp_path / "dask") == _latest(tmp_path / "local")
    assert summary_counts(again.stderr) == {"converted": 0, "skipped": 16, "failed": 1}


def test_an_unreachable_scheduler_is_an_error_naming_it(tmp_path: Path) -> None:
    import dask

    make_tree(tmp_path / "in", 1)
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                           "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr

"""Where the conversions of a batch run: in this process, in local worker processes, or on a
Dask cluster.

Each engine takes a stream of tasks and gives back a stream of outcomes in the order they
finish, with a bounded number of tasks in flight, so that neither the task list nor the
results are ever held whole. Workers write the outputs; the caller records the outcomes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

from ..errors import MemoTeiError
from .job import Outcome, Task, convert_one

#: Tasks in flight per worker: enough to keep each busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4
_DIED = "a worker process died while converting this file (out of memory?)"


class EngineError(MemoTeiError, RuntimeError):
    """An engine cannot work: Dask is not installed, its scheduler cannot be reached, or
    worker processes cannot start."""


class Engine(Protocol):
    def run(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]:
        """Convert ``tasks`` (pulled as capacity frees up), giving each outcome as it ends."""
        ...


def local_engine(jobs: int) -> Engine:
    """The engine for ``--jobs N``: this process for 1, a pool of N processes otherwise."""
    jobs = jobs or os.cpu_count() or 1
    return InProcess() if jobs == 1 else ProcessPool(jobs)


@dataclass(frozen=True)
class InProcess:
    """Convert in the calling process, one file after another."""

    def run(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]:
        for task in tasks:
            yield convert_one(task)


@dataclass(frozen=True)
class ProcessPool:
    """Convert in ``jobs`` worker processes on this machine.

    Workers are started by a fork server, so they inherit no open file (not the manifest's
    lock). Each ignores Ctrl-C (the parent stops the run) and holds the read end of a pipe
    that the parent never writes to: when the parent is gone, however it died, the pipe
    reads end-of-file and the worker exits after finishing the file it is writing, so a
    killed run leaves neither orphans nor half-written outputs. If a worker dies (killed,
    out of memory), the files in flight fail and the run goes on with a fresh pool; if the
    workers of a pool die before converting anything, they cannot start, and the run stops
    with an :class:`EngineError` rather than failing every file.
    """

    jobs: int

    def run(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]:
        window = self.jobs * IN_FLIGHT_PER_WORKER
        pool = _Pool(self.jobs)
        running: dict[Future[Outcome], tuple[Task, _Pool]] = {}
        try:
            for task in tasks:
                try:
                    future = pool.executor.submit(_pooled, task)
                except BrokenProcessPool:  # a worker died: its files in flight have failed
                    pool.close()
                    pool = _Pool(self.jobs)
                    future = pool.executor.submit(_pooled, task)
                running[future] = (task, pool)
                while len(running) >= window:
                    yield from _finished(running)
            while running:
                yield from _finished(running)
        finally:
            pool.close()


class _Pool:
    """A process pool and the pipe whose end-of-file tells its workers the parent is gone."""

    def __init__(self, jobs: int) -> None:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["memo_tei.convert"])
        lifeline, self._held = context.Pipe(duplex=False)
        self.executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                            initargs=(lifeline,))
        self.worked = False  # whether any of its workers has converted a file

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self._held.close()


def _finished(running: dict[Future[Outcome], tuple[Task, _Pool]]) -> Iterator[Outcome]:
    done, _ = wait(running, return_when=FIRST_COMPLETED)
    for future in done:
        task, pool = running.pop(future)
        try:
            outcome = future.result()
        except (BrokenProcessPool, CancelledError):  # cancelled: its pool broke and was closed first
            if not pool.worked:
                raise EngineError("the worker processes could not start (see the errors above); "
                                  "--jobs 1 converts in this process") from None
            outcome = Outcome(task, error=_DIED)
        else:
            pool.worked = True
        yield outcome


_busy = threading.Lock()  # held by a worker while it converts and writes one file


def _start_worker(lifeline: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import memo_tei.convert  # noqa: F401 (already there with a fork server; loaded before work starts)

    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()


def _exit_with_parent(lifeline: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv()  # nothing is ever sent: this returns when the parent's end closes
    with _busy:
        os._exit(0)


def _pooled(task: Task) -> Outcome:
    with _busy:
        return convert_one(task)


@dataclass(frozen=True)
class DaskEngine:
    """Convert on the Dask distributed cluster whose scheduler is at ``address``.

    Workers read the inputs and write the outputs through paths that every machine sees
    alike (absolute paths on a shared file system); this process keeps the manifest. How
    long to try to reach the scheduler is Dask's setting ``distributed.comm.timeouts.connect``.
    """

    address: str

    def run(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]:
        distributed = _import_dask()
        try:
            client = distributed.Client(self.address, set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise EngineError(f"cannot reach the Dask scheduler at {self.address}: {err}") from None
        with client:
            window = max(4, IN_FLIGHT_PER_WORKER * sum(client.nthreads().values()))
            finished = distributed.as_completed(loop=client.loop)
            running: dict[Any, Task] = {}
            for task in tasks:
                future = client.submit(convert_one, task, pure=False)
                running[future] = task
                finished.add(future)
                while finished.count() >= window:
                    yield _dask_outcome(next(finished), running)
            for future in finished:
                yield _dask_outcome(future, running)


def _dask_outcome(future: Any, running: dict[Any, Task]) -> Outcome:
    task = running.pop(future)
    try:
        outcome: Outcome = future.result()
        return outcome
    except Exception as err:  # the worker died or the task was lost: record it, go on
        return Outcome(task, error=f"the Dask cluster could not convert this file: {type(err).__name__}: {err}")


def _import_dask() -> Any:
    try:
        import dask.distributed as distributed
    except ImportError:
        raise EngineError("the dask engine needs dask.distributed: pip install 'memo-tei[dask]'") from None
    return distributed

"""Local parallelism: a pool of worker processes with a per-file watchdog.

Why not ``concurrent.futures.ProcessPoolExecutor``: it cannot kill one hung task, and a worker that
dies breaks the whole pool. Here each worker has its own pipe; the scan knows which file each worker is
on and since when, kills a worker that runs past ``--timeout`` (or dies, or exhausts its memory) and
starts a replacement, and the file becomes an error row while the scan goes on.

Tasks go out in chunks (fewer round trips for small files), and never more than ``window`` files past
the oldest unfinished one, so the scan's reorder buffer stays small however large the folder.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

from contractlint.errors import ContractlintError
from contractlint.lint import LintConfig
from contractlint.scanner.worker import Hook, Task, error_payload, local_worker_main

__all__ = ["run_local"]

_MAX_START_FAILURES = 3


def _context() -> BaseContext:
    """``forkserver`` where it exists: workers fork from a clean, single-threaded server process that
    has already built the default pipeline (``preload``), so a replacement starts fast and no lock held
    by a thread of the caller (a test runner, a Dask client) is inherited. Elsewhere ``spawn``."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["contractlint.scanner.preload", "contractlint.scanner.worker"])
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    assigned: deque[Task] = field(default_factory=deque)
    current: Task | None = None
    started: float = 0.0


def run_local(
    tasks: Iterator[Task],
    *,
    config: LintConfig,
    jobs: int,
    timeout: float | None,
    memory_mb: int | None,
    hook: Hook | None = None,
    chunk_size: int = 2,
    window: int = 64,
) -> Iterator[tuple[Task, dict[str, Any]]]:
    """Lint ``tasks`` on ``jobs`` processes; yield ``(task, payload)`` as files finish, in any order."""
    ctx = _context()
    workers: list[_Worker] = []
    pending: deque[Task] = deque()  # tasks taken from ``tasks`` (or given back) but not yet assigned
    exhausted = False
    start_failures = 0

    def start_worker() -> _Worker:
        parent, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(  # type: ignore[attr-defined]
            target=local_worker_main,
            args=(child, config, hook, memory_mb),
            name="contractlint-worker",
            daemon=True,
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def stop(worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        worker.process.join(timeout=None if kill else 5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def in_flight_low() -> int | None:
        indices = [t.index for w in workers for t in w.assigned]
        return min(indices) if indices else None

    def next_task() -> Task | None:
        nonlocal exhausted
        if not pending and not exhausted:
            try:
                pending.append(next(tasks))
            except StopIteration:
                exhausted = True
        if not pending:
            return None
        low = in_flight_low()
        if low is not None and pending[0].index >= low + window:
            return None
        return pending.popleft()

    def replace(worker: _Worker) -> None:
        """Give the worker's unstarted files back and start a new worker in its place."""
        for task in reversed(worker.assigned):
            if task is not worker.current:
                pending.appendleft(task)
        workers[workers.index(worker)] = start_worker()

    def fail_current(worker: _Worker, error: str, message: str, reason: Any) -> tuple[Task, dict[str, Any]]:
        task = worker.current
        assert task is not None
        return task, error_payload(task.path, error, message, reason)

    first = next_task()
    if first is None:
        return  # everything came from the cache: no worker to start
    pending.appendleft(first)
    try:
        workers.extend(start_worker() for _ in range(max(1, jobs)))
        while True:
            for worker in workers:
                if worker.ready and not worker.assigned:
                    chunk: list[Task] = []
                    while len(chunk) < chunk_size and (task := next_task()) is not None:
                        chunk.append(task)
                    if chunk:
                        worker.assigned.extend(chunk)
                        # A dead worker's pipe is found on the next wait(); its tasks are then requeued.
                        with contextlib.suppress(BrokenPipeError, OSError):
                            worker.conn.send([(t.index, t.path, t.config) for t in chunk])
            if exhausted and not pending and not any(w.assigned for w in workers):
                return
            now = time.monotonic()
            busy = [w for w in workers if w.current is not None]
            wait_for: float | None = None
            if timeout is not None and busy:
                wait_for = max(0.0, min(w.started + timeout for w in busy) - now)
            ready = wait([w.conn for w in workers], timeout=wait_for)
            for conn in ready:
                worker = next(w for w in workers if w.conn is conn)
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    worker.process.join(timeout=5)
                    code = worker.process.exitcode
                    if worker.current is not None:
                        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                        yield fail_current(
                            worker,
                            "WorkerCrash",
                            f"the worker process died while reading this file ({how}); "
                            "it may need more memory than the machine has",
                            "crash",
                        )
                    elif not worker.ready:
                        start_failures += 1
                        if start_failures >= _MAX_START_FAILURES:
                            raise ContractlintError(
                                f"worker processes fail to start (exit status {code})"
                            ) from None
                    stop(worker, kill=True)
                    replace(worker)
                    continue
                kind = message[0]
                if kind == "ready":
                    worker.ready = True
                    start_failures = 0
                elif kind == "fatal":
                    raise ContractlintError(f"a worker could not start: {message[1]}")
                elif kind == "start":
                    worker.current = next(t for t in worker.assigned if t.index == message[1])
                    worker.started = time.monotonic()
                elif kind == "done":
                    task = next(t for t in worker.assigned if t.index == message[1])
                    worker.assigned.remove(task)
                    worker.current = None
                    yield task, message[2]
            if timeout is not None:
                now = time.monotonic()
                for worker in list(workers):
                    if worker.current is not None and now - worker.started > timeout:
                        yield fail_current(
                            worker,
                            "Timeout",
                            f"took longer than {timeout:g} s; the worker was stopped "
                            "(raise the limit with --timeout)",
                            "timeout",
                        )
                        stop(worker, kill=True)
                        replace(worker)
    finally:
        for worker in workers:
            stop(worker, kill=True)

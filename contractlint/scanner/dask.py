"""Scanning on a Dask cluster (``--executor dask --scheduler ADDRESS``; needs ``contractlint[dask]``).

Workers run the same ``lint_one`` as local workers, so results are identical. By default a worker reads
the file by its path, which must then be visible to it at the same path (a shared filesystem);
``ship_bytes`` sends the file's bytes with the task instead.

Timeouts: Dask cannot kill the thread running a task, so a file that runs past ``timeout`` becomes a
``timeout`` error row and its future is cancelled, but the worker thread finishes on its own time. Run
workers with ``--nthreads 1`` and the nanny's ``--memory-limit`` so a runaway file restarts its worker;
the task then fails with ``KilledWorker`` and becomes a ``crash`` error row.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from contractlint.errors import ConfigError
from contractlint.lint import LintConfig
from contractlint.scanner.records import ErrorReason
from contractlint.scanner.worker import Hook, Task, dask_lint, error_payload

__all__ = ["connect", "run_dask"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ConfigError("--executor dask needs Dask: pip install 'contractlint[dask]'") from None
    return distributed


def connect(scheduler: str | None) -> Any:
    """A ``distributed.Client`` for ``scheduler`` (``tcp://host:8786``); one is required."""
    if not scheduler:
        raise ConfigError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    distributed = _distributed()
    try:
        return distributed.Client(scheduler, timeout="20s")
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None


def run_dask(
    tasks: Iterator[Task],
    *,
    client: Any,
    config: LintConfig,
    timeout: float | None,
    ship_bytes: bool = False,
    hook: Hook | None = None,
    window: int | None = None,
) -> Iterator[tuple[Task, dict[str, Any]]]:
    """Lint ``tasks`` on the cluster behind ``client``; yield ``(task, payload)`` as files finish."""
    distributed = _distributed()
    threads = sum(client.nthreads().values()) or 1
    # With a timeout, only as many tasks as threads are out, so a task's clock starts when it runs.
    limit = window or (threads if timeout is not None else threads * 2)
    futures: dict[Any, tuple[Task, float]] = {}
    done_queue = distributed.as_completed()
    exhausted = False

    def submit() -> None:
        nonlocal exhausted
        while not exhausted and len(futures) < limit:
            try:
                task = next(tasks)
            except StopIteration:
                exhausted = True
                return
            if ship_bytes:
                task = Task(task.index, task.path, Path(task.path).read_bytes(), task.config)
            future = client.submit(
                dask_lint, task, config, hook, pure=False, key=f"contractlint-{task.index}"
            )
            futures[future] = (task, time.monotonic())
            done_queue.add(future)

    submit()
    while futures:
        wait_for = None
        if timeout is not None:
            oldest = min(started for _, started in futures.values())
            wait_for = max(0.05, oldest + timeout - time.monotonic())
        batch = _next_batch(done_queue, wait_for)
        for future in batch:
            if future not in futures:
                continue
            task, _ = futures.pop(future)
            if future.status == "finished":
                yield task, future.result()
            elif future.status == "cancelled":
                continue
            else:
                exc = future.exception()
                name = type(exc).__name__
                reason: ErrorReason = "crash" if name == "KilledWorker" else "internal"
                yield task, error_payload(task.path, name, f"the Dask task failed ({exc})", reason)
        if timeout is not None:
            now = time.monotonic()
            for future, (task, started) in list(futures.items()):
                if now - started > timeout:
                    futures.pop(future)
                    future.cancel()
                    yield (
                        task,
                        error_payload(
                            task.path,
                            "Timeout",
                            f"took longer than {timeout:g} s on the Dask cluster; the task was cancelled "
                            "(raise the limit with --timeout)",
                            "timeout",
                        ),
                    )
        submit()


def _next_batch(queue: Any, seconds: float | None) -> list[Any]:
    """The futures finished so far, waiting up to ``seconds`` (None: forever) for at least one."""
    deadline = None if seconds is None else time.monotonic() + seconds
    while True:
        batch: list[Any] = queue.next_batch(block=False)
        if batch:
            return batch
        if deadline is not None and time.monotonic() >= deadline:
            return []
        time.sleep(0.02)

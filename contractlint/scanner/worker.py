"""Linting one file inside a worker, with every failure turned into an error row.

The same function runs in local worker processes and on Dask workers, so both executors produce the
same plain-data results. A worker builds its ``Linter`` (the spaCy pipeline) once and reuses it.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from contractlint.errors import ContractlintError
from contractlint.lint import LintConfig, Linter
from contractlint.scanner.records import ErrorReason, FileError

__all__ = ["Hook", "Task", "error_payload", "lint_one", "local_worker_main", "set_memory_budget"]

Hook = Callable[[str], None]
"""Called in the worker with the file's path before it is linted. Tests use it to simulate a slow or
memory-hungry file, or to count how many files were really linted; it must be picklable."""

_MESSAGE_MAX = 300


@dataclass(frozen=True, slots=True)
class Task:
    index: int
    path: str
    data: bytes | None = None
    """The file's bytes, when the executor ships them instead of letting the worker read the path."""
    config: LintConfig | None = None
    """The file's own configuration (from the configuration file above it); None: the scan's."""


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _MESSAGE_MAX else line[: _MESSAGE_MAX - 1] + "…"


def error_payload(path: str, error: str, message: str, reason: ErrorReason) -> dict[str, Any]:
    return {"error": FileError(path, error, _one_line(message), reason).to_dict()}


def lint_one(linter: Linter, task: Task, hook: Hook | None = None) -> dict[str, Any]:
    """Lint one file; return ``{"report": dict, "text": str}`` or ``{"error": FileError dict}``."""
    try:
        if hook is not None:
            hook(task.path)
        if task.data is not None:
            report = linter.lint(task.data, filename=Path(task.path).name)
        else:
            report = linter.lint(task.path)
        data = report.to_dict()
        source = data["source"]
        assert isinstance(source, dict)
        source["path"] = task.path  # the same whether the worker read the path or received bytes
        source["name"] = Path(task.path).name
        return {"report": data, "text": report.document.text}
    except ContractlintError as exc:
        message = str(exc)
        for prefix in (f"{task.path}: ", f"{Path(task.path).name}: "):  # the row already names the file
            if message.startswith(prefix):
                message = message[len(prefix) :]
                break
        return error_payload(task.path, type(exc).__name__, message, "input")
    except MemoryError:
        return error_payload(
            task.path,
            "MemoryLimit",
            "exhausted the worker's memory budget; raise it with --memory-limit, or split the file",
            "memory",
        )
    except RecursionError:
        return error_payload(task.path, "RecursionError", "the document nests too deeply to read", "internal")
    except Exception as exc:  # a bug must cost one file, not the scan
        return error_payload(
            task.path,
            type(exc).__name__,
            f"internal error ({exc}); please report it with the file if you can share it",
            "internal",
        )


# -- the local worker process -----------------------------------------------------------------------


def _vm_size() -> int | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def set_memory_budget(megabytes: int) -> bool:
    """Cap this process's address space at its current size plus ``megabytes``.

    Allocation past the cap raises ``MemoryError`` inside the file's extraction or lint, which becomes a
    ``memory`` error row; the worker then exits and is replaced, so the next file starts clean.
    Returns False where the platform has no ``RLIMIT_AS`` (Windows, macOS ignores it).
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return False
    base = _vm_size()
    if base is None:
        return False
    limit = base + megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return False
    return True


def local_worker_main(conn: Connection, config: LintConfig, hook: Hook | None, memory_mb: int | None) -> None:
    """A local worker: build the pipeline once, then lint the chunks of tasks the scan sends.

    Protocol (over a duplex pipe): the worker sends ``("ready",)`` or ``("fatal", message)``; the scan
    sends a list of ``(index, path)``; for each, the worker sends ``("start", index)`` and then
    ``("done", index, payload)``. ``None`` asks it to exit. The scan measures the per-file timeout from
    ``start`` and kills the process when it runs over.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the scan's to handle: it kills us
    try:
        linter = Linter(config)
    except Exception as exc:
        conn.send(("fatal", _one_line(str(exc) or type(exc).__name__)))
        return
    if memory_mb:
        set_memory_budget(memory_mb)
    conn.send(("ready",))
    linters = {config: linter}
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        for index, path, own in message:
            conn.send(("start", index))
            wanted = own or config
            try:
                chosen = linters.get(wanted) or linters.setdefault(wanted, Linter(wanted))
            except ContractlintError as exc:
                conn.send(("done", index, error_payload(path, type(exc).__name__, str(exc), "input")))
                continue
            payload = lint_one(chosen, Task(index, path), hook)
            conn.send(("done", index, payload))
            if payload.get("error", {}).get("reason") == "memory":
                return  # the heap may be fragmented or half-freed: let the scan start a fresh worker


# -- Dask workers -----------------------------------------------------------------------------------

_local = threading.local()


def dask_lint(task: Task, config: LintConfig, hook: Hook | None = None) -> dict[str, Any]:
    """The task a Dask worker runs: one ``Linter`` per worker thread, built on first use."""
    linters: dict[LintConfig, Linter] = getattr(_local, "linters", None) or {}
    _local.linters = linters
    config = task.config or config
    linter = linters.get(config)
    if linter is None:
        linter = linters[config] = Linter(config)
    return lint_one(linter, task, hook)

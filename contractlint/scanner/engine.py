"""The scan engine: discover, look up the cache, lint the rest in parallel, emit results in order.

Results come out in the sorted order of the discovered files, whatever order the workers finish in:
a small reorder buffer holds early finishers, and executors never run more than a window of files past
the oldest unfinished one, so memory stays flat as the folder grows. Cache hits wait in the buffer as
their hash only and are read when their turn comes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from contractlint.cache import DEFAULT_CACHE_DIR, ScanCache, file_sha256
from contractlint.lint import LintConfig
from contractlint.scanner.discover import discover
from contractlint.scanner.records import FileError, FileResult, ScanResult
from contractlint.scanner.worker import Hook, Task

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "ScanOptions", "run_scan", "scan"]

DEFAULT_TIMEOUT = 300.0
"""Seconds one file may take; a 500-page PDF lints in well under a minute."""
DEFAULT_MEMORY_MB = 2048
"""Address space a worker may add while reading one file."""

ExecutorName = Literal["local", "dask"]


def default_jobs() -> int:
    """The cores this process may use (respects CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """How to run a scan; every field has a command-line equivalent."""

    jobs: int | None = None
    """Worker processes (``-j``); None: one per available core."""
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds per file before its worker is killed (``--timeout``); None: no limit."""
    memory_mb: int | None = DEFAULT_MEMORY_MB
    """Memory budget per file in a local worker (``--memory-limit``); None: no limit."""
    cache_dir: str | None = DEFAULT_CACHE_DIR
    """Where cached results live (``--cache-dir``); None disables the cache (``--no-cache``)."""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    executor: ExecutorName = "local"
    scheduler: str | None = None
    """Dask scheduler address (``--scheduler``)."""
    ship_bytes: bool = False
    """Dask: send file bytes to workers instead of paths (``--ship-bytes``)."""
    hook: Hook | None = None
    """Called in the worker before each file is linted (tests: slow files, counting lints)."""
    client: Any = None
    """An existing ``distributed.Client`` to use instead of connecting to ``scheduler``."""


@dataclass(slots=True)
class _Pending:
    """A buffered result: the payload itself, or the hash of a cache entry to read when emitted."""

    task: Task
    payload: dict[str, Any] | None = None
    cached_sha: str | None = None


def _result(task: Task, payload: dict[str, Any], *, cached: bool) -> ScanResult:
    path = task.path
    if "error" in payload:
        error = FileError.from_dict({**payload["error"], "path": path})
        return ScanResult(task.index, path, error=error, cached=cached)
    report = payload["report"]
    source = dict(report["source"])
    source["path"], source["name"] = path, Path(path).name  # same content may sit at a new path
    return ScanResult(
        task.index, path, report={**report, "source": source}, text=payload.get("text"), cached=cached
    )


def run_scan(
    files: Sequence[str],
    config: LintConfig | None = None,
    options: ScanOptions | None = None,
    *,
    config_for: Callable[[str], LintConfig] | None = None,
) -> Iterator[ScanResult]:
    """Lint ``files`` (already discovered) and yield one ``ScanResult`` per file, in ``files`` order.

    ``config_for`` gives each file its own configuration (``contractlint.config.Resolver.for_file``);
    files whose configuration equals ``config`` share the workers' first pipeline.
    """
    config = config or LintConfig()
    options = options or ScanOptions()
    caches: dict[LintConfig, ScanCache] = {}

    def cache_for(own: LintConfig | None) -> ScanCache | None:
        if not options.cache_dir:
            return None
        key = own or config
        if key not in caches:
            caches[key] = ScanCache(options.cache_dir, key)
        return caches[key]

    shas: dict[int, str] = {}
    buffer: dict[int, _Pending] = {}
    next_index = 0

    def tasks() -> Iterator[Task]:
        for index, path in enumerate(files):
            own = config_for(path) if config_for is not None else None
            task = Task(index, path, config=None if own == config else own)
            cache = cache_for(task.config)
            if cache is not None:
                try:
                    sha = file_sha256(path)
                except OSError:
                    sha = None  # the worker reports why it cannot be read
                if sha is not None:
                    shas[index] = sha
                    if cache.get(sha) is not None:
                        buffer[index] = _Pending(task, cached_sha=sha)
                        continue
            yield task

    def store(task: Task, payload: dict[str, Any]) -> None:
        cache = cache_for(task.config)
        if cache is None:
            return
        if "report" in payload:
            sha = str(payload["report"]["source"]["sha256"])
            cache.put(sha, {"report": payload["report"], "text": payload.get("text", "")})
        elif payload["error"].get("reason") == "input" and task.index in shas:
            cache.put(shas[task.index], {"error": payload["error"]})  # a corrupt file stays corrupt

    def drain() -> Iterator[ScanResult]:
        nonlocal next_index
        while next_index in buffer:
            item = buffer.pop(next_index)
            next_index += 1
            if item.payload is not None:
                yield _result(item.task, item.payload, cached=False)
                continue
            cache = cache_for(item.task.config)
            assert cache is not None and item.cached_sha is not None
            entry = cache.get(item.cached_sha)
            if entry is None:
                yield _result(
                    item.task,
                    {
                        "error": FileError(
                            item.task.path,
                            "CacheError",
                            "its cache entry vanished during the scan; run the scan again",
                            "internal",
                        ).to_dict()
                    },
                    cached=True,
                )
            else:
                yield _result(item.task, entry, cached=True)

    source = tasks()
    if options.executor == "dask":
        from contractlint.scanner.dask import connect, run_dask

        client = options.client or connect(options.scheduler)
        try:
            results = run_dask(
                source,
                client=client,
                config=config,
                timeout=options.timeout,
                ship_bytes=options.ship_bytes,
                hook=options.hook,
            )
            for task, payload in results:
                store(task, payload)
                buffer[task.index] = _Pending(task, payload=payload)
                yield from drain()
        finally:
            if options.client is None:
                client.close()
    else:
        from contractlint.scanner.local import run_local

        jobs = options.jobs or default_jobs()
        chunk = 1 if len(files) < jobs * 8 else 4
        for task, payload in run_local(
            source,
            config=config,
            jobs=min(jobs, max(1, len(files))),
            timeout=options.timeout,
            memory_mb=options.memory_mb,
            hook=options.hook,
            chunk_size=chunk,
            window=max(32, jobs * chunk * 4),
        ):
            store(task, payload)
            buffer[task.index] = _Pending(task, payload=payload)
            yield from drain()
    yield from drain()


def scan(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    executor: ExecutorName | Any = None,
    config: LintConfig | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache_dir: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    scheduler: str | None = None,
    ship_bytes: bool = False,
) -> Iterator[FileResult]:
    """Lint every contract under ``paths``; yield a ``Report`` or a ``FileError`` per file, sorted by path.

    ``executor`` is ``"local"`` (default: worker processes, ``jobs`` of them), ``"dask"`` (with
    ``scheduler``) or a ``distributed.Client``. The cache is off unless ``cache_dir`` is given. A file
    that cannot be read, runs past ``timeout`` seconds or crashes its worker is a ``FileError``; the
    scan goes on. Reports read back from the cache carry no blocks or outline (see
    ``report_from_dict``).
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    files = discover(list(paths), include=include, exclude=exclude)
    client = None
    name: ExecutorName = "local"
    if executor == "dask":
        name = "dask"
    elif executor not in (None, "local"):
        name, client = "dask", executor
    options = ScanOptions(
        jobs=jobs,
        timeout=timeout,
        cache_dir=cache_dir,
        include=tuple(include),
        exclude=tuple(exclude),
        executor=name,
        scheduler=scheduler,
        ship_bytes=ship_bytes,
        client=client,
    )
    for result in run_scan(files, config, options):
        yield result.to_file_result()

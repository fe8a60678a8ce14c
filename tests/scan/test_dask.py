"""The Dask executor gives the same results as local processes (skipped without dask[distributed])."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contractlint.lint import LintConfig
from contractlint.scanner import ScanOptions, discover, run_scan

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _rows(options: ScanOptions, files: list[str]) -> list[tuple[Any, ...]]:
    return [(r.path, r.report, r.text, r.error) for r in run_scan(files, LintConfig(), options)]


@pytest.mark.parametrize("ship_bytes", [False, True])
def test_dask_results_equal_local_results(folder: Path, client: Any, ship_bytes: bool) -> None:
    files = discover([folder])
    local = _rows(ScanOptions(jobs=1, cache_dir=None), files)
    remote = _rows(ScanOptions(executor="dask", client=client, cache_dir=None, ship_bytes=ship_bytes), files)
    assert remote == local
    assert sum(1 for row in remote if row[3] is not None) == 1

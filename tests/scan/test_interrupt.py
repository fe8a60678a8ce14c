"""A scan killed midway leaves no half-written cache entry or report, and a re-run finishes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scan.conftest import HOSTING, SERVICES

REPO = Path(__file__).resolve().parents[2]


def _scan(args: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "contractlint", "scan", *args, "--no-progress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so the kill reaches the scan's workers too, like Ctrl-C in a terminal
    )


def test_killed_scan_then_rerun_gives_the_same_report_as_a_clean_scan(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    for i in range(16):
        text = (SERVICES if i % 2 else HOSTING) + f"\n{i + 4}. Schedule\n\nSchedule {i} applies.\n"
        (root / f"contract_{i:02d}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    report = tmp_path / "report.json"
    args = [str(root), "-j", "1", "--cache-dir", str(cache), "--format", "json", "-o", str(report)]

    proc = _scan(args)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(cache.rglob("*.json"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    entries = list(cache.rglob("*.json"))
    assert 3 <= len(entries) < 16, "the scan was not interrupted midway"
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # every entry complete
    assert not report.exists()  # no truncated report

    assert _scan(args).wait() == 1
    clean = tmp_path / "clean.json"
    assert _scan([str(root), "-j", "1", "--no-cache", "--format", "json", "-o", str(clean)]).wait() == 1
    assert json.loads(report.read_text()) == json.loads(clean.read_text())

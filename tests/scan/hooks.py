"""Worker hooks for the scan tests. They run inside worker processes, so they are plain module-level
functions (picklable) and talk back through files, not memory."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def slow_or_hungry(path: str) -> None:
    """A file named *slow* hangs; *hog* allocates far past any memory budget; *crash* kills its worker."""
    name = Path(path).name
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "slow" in name:
        time.sleep(120)
    if "hog" in name:
        blob = bytearray(8 * 1024**3)
        blob[-1] = 1


def log_lint(log: str, path: str) -> None:
    """Append the path to ``log``: one line per file a worker really linted."""
    with Path(log).open("a", encoding="utf-8") as fh:
        fh.write(path + "\n")

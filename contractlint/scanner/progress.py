"""A one-line progress display on stderr, shown only on an interactive terminal (never in CI logs)."""

from __future__ import annotations

import os
import time
from typing import TextIO

__all__ = ["Progress"]


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """``[ 120/250] 48%  2 errors  3.1 files/s  ETA 0:00:41``, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        if enabled is None:
            enabled = stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self.enabled = enabled
        self.done = 0
        self.errors = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def update(self, *, error: bool = False) -> None:
        self.done += 1
        self.errors += error
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= 0.1 or self.done == self.total):
            self._drawn = now
            elapsed = max(now - self.started, 1e-6)
            rate = self.done / elapsed
            eta = (self.total - self.done) / rate if rate > 0 else 0.0
            width = len(str(self.total))
            pct = 100 * self.done // max(self.total, 1)
            err = f"  {self.errors} error{'s' if self.errors != 1 else ''}" if self.errors else ""
            line = (
                f"[{self.done:>{width}}/{self.total}] {pct:>3}%{err}  {rate:.1f} files/s  ETA {_clock(eta)}"
            )
            self.stream.write("\r" + line + "\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

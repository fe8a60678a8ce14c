"""Report writers for ``contractlint scan``: each streams results to one file, atomically.

A writer receives results one at a time (``add``) in the scan's sorted order and finishes with the
scan's totals (``finish``). Output goes to a temporary file beside the target and is renamed over it
only when complete, so an interrupted scan never leaves a truncated report; ``-`` writes to stdout.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from contractlint.lint import LintConfig
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["FORMATS", "ReportWriter", "make_writer"]

FORMATS = ("json", "jsonl", "csv", "sarif", "html", "text")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ReportWriter:
    """Base class: owns the output stream and the atomic rename."""

    newline: str | None = "\n"
    encoding = "utf-8"

    def __init__(self, target: str, config: LintConfig | None = None) -> None:
        from contractlint.lint import LintConfig

        self.target = target
        self.config = config or LintConfig()
        self._tmp: str | None = None
        if target == "-":
            self.out: IO[str] = sys.stdout
        else:
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
            Path(self._tmp).chmod(0o666 & ~_umask())  # mkstemp's 0600 would hide the report from colleagues
            self.out = os.fdopen(fd, "w", encoding=self.encoding, newline=self.newline)
        self.start()

    def start(self) -> None:
        """Write the head of the document."""

    def add(self, result: ScanResult) -> None:
        raise NotImplementedError

    def end(self, summary: ScanSummary) -> None:
        """Write the tail of the document."""

    def finish(self, summary: ScanSummary) -> None:
        self.end(summary)
        if self._tmp is None:
            self.out.flush()
            return
        self.out.close()
        Path(self._tmp).replace(self.target)
        self._tmp = None

    def abort(self) -> None:
        """Drop the partial output (the previous report, if any, stays as it was)."""
        if self._tmp is None:
            return
        with contextlib.suppress(OSError):
            self.out.close()
        with contextlib.suppress(OSError):
            Path(self._tmp).unlink()
        self._tmp = None


def make_writer(fmt: str, target: str, config: LintConfig | None = None) -> ReportWriter:
    if fmt == "json":
        from contractlint.render.json import JsonWriter

        return JsonWriter(target, config)
    if fmt == "jsonl":
        from contractlint.render.jsonl import JsonlWriter

        return JsonlWriter(target, config)
    if fmt == "csv":
        from contractlint.render.csv import CsvWriter

        return CsvWriter(target, config)
    if fmt == "sarif":
        from contractlint.render.sarif import SarifWriter

        return SarifWriter(target, config)
    if fmt == "html":
        from contractlint.render.html import HtmlWriter

        return HtmlWriter(target, config)
    if fmt == "text":
        from contractlint.render.text import TextWriter

        return TextWriter(target, config)
    raise ValueError(f"unknown format {fmt!r}")

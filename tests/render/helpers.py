from __future__ import annotations

from pathlib import Path

from contractlint.render.output import make_writer
from contractlint.scanner.records import ScanResult
from contractlint.scanner.summary import ScanSummary


def render(fmt: str, results: list[ScanResult], target: Path) -> str:
    """Run one writer over ``results`` as the scan command does; return the file's text."""
    writer = make_writer(fmt, str(target))
    summary = ScanSummary()
    for result in results:
        summary.add(result)
        writer.add(result)
    summary.finish()
    writer.finish(summary)
    return target.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8")

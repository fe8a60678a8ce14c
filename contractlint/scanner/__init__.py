"""Batch scans of contract folders: discovery, parallel workers, a result cache and streamed reports.

``contractlint.scan()`` is the API; ``contractlint scan`` the command (docs/scan.md).
"""

from __future__ import annotations

from contractlint.scanner.discover import discover
from contractlint.scanner.engine import ScanOptions, run_scan, scan
from contractlint.scanner.records import FileError, FileResult, ScanResult, report_from_dict

__all__ = [
    "FileError",
    "FileResult",
    "ScanOptions",
    "ScanResult",
    "discover",
    "report_from_dict",
    "run_scan",
    "scan",
]

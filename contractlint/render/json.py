"""``--format json``: one ``contractlint-scan/1`` document holding every report (docs/reports.md).

Reports are written as they arrive, so the document is never held in memory; errors (small rows) and
the totals follow the reports.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from contractlint import __version__
from contractlint.render.output import ReportWriter

if TYPE_CHECKING:
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["SCAN_SCHEMA", "JsonWriter"]

SCAN_SCHEMA = "contractlint-scan/1"


class JsonWriter(ReportWriter):
    def start(self) -> None:
        self.out.write(f'{{"schema": "{SCAN_SCHEMA}", "contractlint_version": {json.dumps(__version__)},\n')
        self.out.write(' "reports": [')
        self._first = True
        self._errors: list[dict[str, str]] = []

    def add(self, result: ScanResult) -> None:
        if result.error is not None:
            self._errors.append(result.error.to_dict())
            return
        self.out.write("\n  " if self._first else ",\n  ")
        self._first = False
        self.out.write(json.dumps(result.report, ensure_ascii=False))

    def end(self, summary: ScanSummary) -> None:
        self.out.write("\n ],\n" if not self._first else "],\n")
        self.out.write(' "errors": ' + json.dumps(self._errors, ensure_ascii=False) + ",\n")
        self.out.write(' "summary": ' + json.dumps(summary.to_dict(), ensure_ascii=False) + "\n}\n")

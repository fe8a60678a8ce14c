"""``--format jsonl``: one JSON object per line, written as each file finishes (docs/reports.md).

Line types: ``scan`` (first: schema and version), ``file`` (one per linted contract, with its counts),
``finding`` (one per finding), ``error`` (one per file that could not be linted) and ``summary``
(last). A consumer can act on findings while the scan is still running, and a missing ``summary`` line
tells it the scan did not finish.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from contractlint import __version__
from contractlint.render.output import ReportWriter

if TYPE_CHECKING:
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["JSONL_SCHEMA", "JsonlWriter"]

JSONL_SCHEMA = "contractlint-scan-jsonl/1"


class JsonlWriter(ReportWriter):
    def _line(self, data: dict[str, Any]) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")

    def start(self) -> None:
        self._line({"type": "scan", "schema": JSONL_SCHEMA, "contractlint_version": __version__})

    def add(self, result: ScanResult) -> None:
        if result.error is not None:
            self._line(
                {
                    "type": "error",
                    "file": result.path,
                    **{k: v for k, v in result.error.to_dict().items() if k != "path"},
                }
            )
            self.out.flush()
            return
        report = result.report
        assert report is not None
        source = report["source"]
        self._line(
            {
                "type": "file",
                "file": result.path,
                "format": source["format"],
                "sha256": source["sha256"],
                "page_count": source.get("page_count"),
                "summary": report["summary"],
            }
        )
        for finding in report.get("findings", ()):
            self._line({"type": "finding", "file": result.path, "finding": finding})
        self.out.flush()  # a reader tailing the file sees each contract as soon as it is done

    def end(self, summary: ScanSummary) -> None:
        self._line({"type": "summary", **summary.to_dict()})

"""``--format csv``: one row per finding, for spreadsheets (docs/reports.md).

UTF-8 with a byte-order mark so Excel reads accents correctly, and every cell that a spreadsheet would
take for a formula (starting with ``= + - @``, a tab or a carriage return) is prefixed with ``'``:
contract text is untrusted, and ``=HYPERLINK(...)`` in a clause must not become a live formula.
A file that could not be linted is one row of kind ``error``.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from contractlint.render.output import ReportWriter

if TYPE_CHECKING:
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["CSV_COLUMNS", "CsvWriter", "escape_cell"]

CSV_COLUMNS = (
    "file",
    "kind",
    "rule",
    "name",
    "severity",
    "clause",
    "page",
    "paragraph",
    "line",
    "message",
    "excerpt",
    "suggestion",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> str:
    """The cell as text, defused if a spreadsheet would evaluate it."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


class CsvWriter(ReportWriter):
    newline = ""  # the csv module writes \r\n itself
    encoding = "utf-8-sig"

    def start(self) -> None:
        self._csv = csv.writer(self.out)
        self._csv.writerow(CSV_COLUMNS)

    def _row(self, **cells: Any) -> None:
        self._csv.writerow([escape_cell(cells.get(c)) for c in CSV_COLUMNS])

    def add(self, result: ScanResult) -> None:
        if result.error is not None:
            self._row(
                file=result.path,
                kind="error",
                rule=result.error.error,
                severity="error",
                message=result.error.message,
            )
            return
        assert result.report is not None
        for f in result.report.get("findings", ()):
            loc = f.get("location", {})
            paragraph = loc.get("paragraph_on_page", loc.get("paragraph"))
            self._row(
                file=result.path,
                kind="finding",
                rule=f["code"],
                name=f["name"],
                severity=f["severity"],
                clause=loc.get("clause") or f.get("anchor"),
                page=loc.get("page"),
                paragraph=paragraph,
                line=loc.get("line"),
                message=f["message"],
                excerpt=f.get("excerpt"),
                suggestion=f.get("suggestion"),
            )

    def end(self, summary: ScanSummary) -> None:
        pass

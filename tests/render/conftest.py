"""Scan results built in-process (no workers) for the report-format tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.lint import Linter
from contractlint.scanner.records import FileError, ScanResult

HOSTILE = """SUPPORT AGREEMENT <script>document.title='pwned'</script>

1. Services

1.1 The Supplier shall deliver the software as soon as possible and use reasonable efforts to fix defects.

=HYPERLINK("http://evil.example","click") +1 -2 @SUM(A1)

2. Term

2.1 This Agreement continues for one year.
"""

PLAIN = """HOSTING AGREEMENT

1. Scope

The Provider will deliver the platform as soon as possible and provide support as required.
"""


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


def make_results(linter: Linter, folder: Path, hostile: str = HOSTILE) -> list[ScanResult]:
    """Two linted contracts (one hostile: script tags, formulas) and one unreadable file, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for index, (name, text) in enumerate((("a_support.txt", hostile), ("b_hosting.md", PLAIN))):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        report = linter.lint(path)
        data = report.to_dict()
        out.append(ScanResult(index, str(path), report=data, text=report.document.text))
    broken = str(folder / "c_broken.pdf")
    out.append(
        ScanResult(2, broken, error=FileError(broken, "CorruptFileError", "damaged PDF; ask for a new copy"))
    )
    return out


@pytest.fixture
def results(linter: Linter, tmp_path: Path) -> list[ScanResult]:
    return make_results(linter, tmp_path / "contracts")

"""Real filings from CUAD: every PDF gives a report or an error row, and none crashes a worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.lint import LintConfig
from contractlint.scanner import ScanOptions, discover, run_scan


@pytest.mark.corpus
def test_cuad_pdfs_each_give_a_report_or_an_input_error(corpus_dir: Path) -> None:
    files = discover([corpus_dir / "cuad" / "pdf"])[::50]  # 5 of the 250, spread over the folders
    results = list(run_scan(files, LintConfig(), ScanOptions(jobs=2, cache_dir=None)))
    assert [r.path for r in results] == files
    for result in results:
        if result.error is not None:
            assert result.error.reason == "input", result.error
        else:
            assert result.report is not None and result.report["source"]["page_count"] >= 1
            assert result.text

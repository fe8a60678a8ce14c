"""Inputs the fuzzers broke contractlint with (fixtures/regressions/manifest.json says how and what broke).

Each must now give a Report or a ContractlintError, with either PDF engine, within a time bound.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contractlint.errors import ContractlintError
from contractlint.lint import LintConfig, Linter
from tests.fuzz.cases import time_limit

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "regressions"
MANIFEST: dict[str, dict[str, str]] = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))


def test_every_regression_file_is_in_the_manifest() -> None:
    files = {p.name for p in FOLDER.iterdir() if p.name != "manifest.json"}
    assert files == set(MANIFEST)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_regression_gives_a_report_or_a_contractlint_error(name: str, engine: str) -> None:
    note = MANIFEST[name]
    if name.endswith(".docx") and engine == "pdfplumber":
        pytest.skip("the PDF engine does not apply to a DOCX")
    linter = Linter(LintConfig(pdf_engine=engine))  # type: ignore[arg-type]
    with time_limit(60):
        try:
            linter.lint(FOLDER / name)
            outcome = "report"
        except ContractlintError as exc:
            outcome = type(exc).__name__
            assert "\n" not in str(exc)
    if engine == note["engine"] or note["engine"] is None:
        assert outcome == note["outcome"], note["bug"]

"""contractlint: lint outsourcing contracts for the gaps that sink deals, with exact locations."""

from __future__ import annotations

__version__ = "0.1.0"

from contractlint.errors import ContractlintError
from contractlint.extract import extract
from contractlint.lint import LintConfig, Linter, lint, lint_set, lint_text
from contractlint.model import (
    Block,
    Clause,
    Document,
    ExtractionWarning,
    Finding,
    Location,
    Provision,
    Report,
    Source,
    TextBox,
)
from contractlint.scanner import FileError, scan

__all__ = [
    "Block",
    "Clause",
    "ContractlintError",
    "Document",
    "ExtractionWarning",
    "FileError",
    "Finding",
    "LintConfig",
    "Linter",
    "Location",
    "Provision",
    "Report",
    "Source",
    "TextBox",
    "__version__",
    "extract",
    "lint",
    "lint_set",
    "lint_text",
    "scan",
]

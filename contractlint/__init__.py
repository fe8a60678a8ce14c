"""contractlint: lint outsourcing contracts for the gaps that sink deals, with exact locations."""

from __future__ import annotations

from contractlint.errors import ContractlintError
from contractlint.extract import extract
from contractlint.model import Block, Clause, Document, ExtractionWarning, Location, Source, TextBox

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Clause",
    "ContractlintError",
    "Document",
    "ExtractionWarning",
    "Location",
    "Source",
    "TextBox",
    "__version__",
    "extract",
]

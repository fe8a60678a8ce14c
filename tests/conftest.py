"""Shared test fixtures. Corpus tests read ../shared/corpus and skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
FIXTURES = REPO / "fixtures"
UPDATE_SNAPSHOTS = os.environ.get("CONTRACTLINT_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES

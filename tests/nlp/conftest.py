"""One pipeline per test session: building it compiles every pattern file (about a second)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from contractlint.nlp import build_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()

"""A LintContext (with its spaCy Docs) must die with its lint: a long scan worker lints thousands of files.

Module-level WeakKeyDictionary caches whose values held the context kept every context alive, about
0.6 MB a contract; rule modules now memoise through ``ContextCache``, stored on the context itself.
"""

from __future__ import annotations

import gc
from pathlib import Path

from contractlint.lint import Linter
from contractlint.rules.context import LintContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _live_contexts() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, LintContext))


def test_no_context_outlives_its_lint() -> None:
    linter = Linter()
    before = _live_contexts()
    for name in ("services_agreement.docx", "services_agreement.txt", "article_agreement.txt"):
        report = linter.lint(FIXTURES / name)
        assert report.findings is not None
    assert _live_contexts() == before

"""The lint API: a contract in, a ``Report`` out.

The spaCy pipeline is built once per configuration and reused, because building it (loading the pattern
files, compiling matchers) costs far more than linting a typical contract.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from contractlint.extract import PdfEngine, extract
from contractlint.extract.limits import Limits
from contractlint.model import Document, Report, Severity

if TYPE_CHECKING:
    from spacy.language import Language

    from contractlint.nlp import PatternMatcher

__all__ = ["LintConfig", "Linter", "lint", "lint_text"]


@dataclass(frozen=True, slots=True)
class LintConfig:
    """What to check and from whose side. Every field has a command-line equivalent."""

    select: tuple[str, ...] = ()
    """Rule codes, prefixes (``EX``) or names to run; empty means all (``--select``)."""
    ignore: tuple[str, ...] = ()
    """Rule codes, prefixes or names to skip (``--ignore``)."""
    party: str | None = None
    """The reviewing party, by role or name ("Customer", "Acme"): rights are judged from its side."""
    fail_on: Severity = "warning"
    """Lowest severity that makes ``check`` exit 1 (``--fail-on``)."""
    pdf_engine: PdfEngine | None = None
    pattern_dirs: tuple[str, ...] = ()
    """Extra pattern directories (a firm's own pattern files)."""
    limits: Limits = field(default_factory=Limits)


@lru_cache(maxsize=4)
def _pipeline(pattern_dirs: tuple[str, ...]) -> Language:
    from contractlint.nlp import build_pipeline

    return build_pipeline(extra_pattern_dirs=pattern_dirs)


class Linter:
    """Lints many contracts with one configuration and one pipeline."""

    def __init__(self, config: LintConfig | None = None) -> None:
        from contractlint.rules import select_rules

        self.config = config or LintConfig()
        self.rules = select_rules(self.config.select, self.config.ignore)
        self.nlp = _pipeline(tuple(str(d) for d in self.config.pattern_dirs))

    def lint_document(self, document: Document) -> Report:
        from contractlint.nlp import analyse, evaluate
        from contractlint.rules import LintContext, run_rules
        from contractlint.rules.inventory import build_inventory
        from contractlint.segment import segment

        tree = segment(document)
        docs = analyse(self.nlp, document.text)
        matcher: PatternMatcher = self.nlp.get_pipe("contractlint_patterns")  # type: ignore[assignment]
        patterns = matcher.patterns
        top = [(c.location.start, c.location.end) for c in tree.clauses]
        results = evaluate(patterns, docs, clauses=top or None)
        ctx = LintContext(document, tree, docs, results, party=self.config.party)
        findings = run_rules(ctx, self.rules)
        inventory = build_inventory(ctx)
        return Report(
            document=document,
            findings=tuple(findings),
            clauses=tuple(inventory),
            outline=tree.clauses,
        )

    def lint(
        self, source: str | os.PathLike[str] | bytes | Document, *, filename: str | None = None
    ) -> Report:
        if isinstance(source, Document):
            return self.lint_document(source)
        document = extract(
            source, filename=filename, pdf_engine=self.config.pdf_engine, limits=self.config.limits
        )
        return self.lint_document(document)


def lint(
    source: str | os.PathLike[str] | bytes | Document,
    *,
    config: LintConfig | None = None,
    filename: str | None = None,
) -> Report:
    """Lint one contract: a path, its bytes (with ``filename``), or an extracted ``Document``."""
    return Linter(config).lint(source, filename=filename)


def lint_text(text: str, *, config: LintConfig | None = None, name: str = "<text>") -> Report:
    """Lint contract text given as a string (blank lines separate paragraphs)."""
    return lint(text.encode("utf-8"), config=config, filename=name if "." in name else f"{name}.txt")

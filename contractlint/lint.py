"""The lint API: a contract in, a ``Report`` out.

The spaCy pipeline is built once per configuration and reused, because building it (loading the pattern
files, compiling matchers) costs far more than linting a typical contract.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from contractlint.extract import PdfEngine, extract
from contractlint.extract.limits import Limits
from contractlint.model import Document, Finding, Report, Severity

if TYPE_CHECKING:
    from spacy.language import Language

    from contractlint.nlp import PatternMatcher
    from contractlint.rules.context import LintContext

__all__ = ["LintConfig", "Linter", "lint", "lint_set", "lint_text"]


@dataclass(frozen=True, slots=True)
class LintConfig:
    """What to check and from whose side. Every field has a command-line equivalent."""

    select: tuple[str, ...] = ()
    """Rule codes, prefixes (``EX``) or names to run; empty means the rules on by default, ``ALL`` every
    rule (``--select``)."""
    extend_select: tuple[str, ...] = ()
    """Rules to run as well as the selected ones (``--extend-select``)."""
    ignore: tuple[str, ...] = ()
    """Rule codes, prefixes or names to skip (``--ignore``)."""
    party: str | None = None
    """The reviewing party, by role or name ("Customer", "Acme"): rights are judged from its side."""
    fail_on: Severity = "warning"
    """Lowest severity that makes ``check`` exit 1 (``--fail-on``)."""
    pdf_engine: PdfEngine | None = None
    pattern_dirs: tuple[str, ...] = ()
    """Extra pattern directories (a firm's own pattern files and rule packs)."""
    limits: Limits = field(default_factory=Limits)
    severity: tuple[tuple[str, Severity], ...] = ()
    """Severity overrides, ``(code or prefix, severity)``; the longest matching prefix wins."""
    vague_terms_extend: tuple[tuple[str, str, str], ...] = ()
    """Extra vague terms for DV002, ``(term, group, suggestion)`` (docs/configuration.md)."""
    vague_terms_remove: tuple[str, ...] = ()
    """Vague terms DV002 must not flag, lower-case."""


_collector_lock = threading.Lock()
_collector_users = 0
_collector_was_enabled = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector for one lint (nested and concurrent lints share a count).

    A lint allocates tens of thousands of container objects (spans, tuples, dicts) that mostly survive to
    its end, so the collector kept running full passes over them and over the pipeline's long-lived
    objects: 15-20% of a lint's time, for garbage that reference counting frees anyway. The collector is
    switched back on (only if it was on) when the last lint in the process ends.
    """
    global _collector_users, _collector_was_enabled
    with _collector_lock:
        if _collector_users == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_users += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_users -= 1
            if _collector_users == 0 and _collector_was_enabled:
                gc.enable()


@lru_cache(maxsize=4)
def _pipeline(pattern_dirs: tuple[str, ...]) -> Language:
    """The default pipeline, except that pattern hits are not also stored as Spans: the rules read the
    hits' offsets (``doc._.cl_pattern_hits``), never ``doc.spans["patterns"]``."""
    from contractlint.nlp import build_pipeline

    return build_pipeline({"components.contractlint_patterns.spans_key": ""}, extra_pattern_dirs=pattern_dirs)


class Linter:
    """Lints many contracts with one configuration and one pipeline."""

    def __init__(self, config: LintConfig | None = None) -> None:
        from contractlint.rules import select_rules
        from contractlint.rules.packs import available_rules

        self.config = config or LintConfig()
        self.known_rules = available_rules(self.config.pattern_dirs)
        self.rules = select_rules(
            self.config.select, self.config.ignore, rules=self.known_rules, extend=self.config.extend_select
        )
        self.nlp = _pipeline(tuple(str(d) for d in self.config.pattern_dirs))

    def lint_document(self, document: Document) -> Report:
        with _collector_paused():
            return self._lint_document(document)

    def _lint_document(self, document: Document) -> Report:
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
        ctx = LintContext(
            document,
            tree,
            docs,
            results,
            party=self.config.party,
            vague_terms_extend=self.config.vague_terms_extend,
            vague_terms_remove=frozenset(self.config.vague_terms_remove),
        )
        try:
            findings = run_rules(ctx, self.rules)
            findings, suppressed = self._suppress(ctx, findings)
            inventory = build_inventory(ctx)
        finally:
            ctx.release()  # also when a rule raises: the collector is paused, so the cycle would stay
        return Report(
            document=document,
            findings=tuple(self._severities(findings)),
            clauses=tuple(inventory),
            outline=tree.clauses,
            suppressed=suppressed,
        )

    def _suppress(self, ctx: LintContext, findings: list[Finding]) -> tuple[list[Finding], int]:
        if not ctx.document.comments:
            return findings, 0
        from contractlint.model import SEVERITY_RANK
        from contractlint.rules.suppression import UNUSED_SUPPRESSION
        from contractlint.suppression import apply_suppressions

        unused = UNUSED_SUPPRESSION if UNUSED_SUPPRESSION in self.rules else None
        kept, suppressed = apply_suppressions(
            ctx, findings, ran=self.rules, known=self.known_rules, unused_rule=unused
        )
        kept.sort(key=lambda f: (f.location.start, -SEVERITY_RANK[f.severity], f.code, f.location.end))
        return kept, suppressed

    def _severities(self, findings: list[Finding]) -> list[Finding]:
        """Apply the configured severity overrides (the longest matching code prefix wins)."""
        if not self.config.severity:
            return findings
        overrides = sorted(self.config.severity, key=lambda kv: -len(kv[0]))
        out = []
        for finding in findings:
            for prefix, severity in overrides:
                if finding.code.startswith(prefix.upper()):
                    finding = replace(finding, severity=severity)
                    break
            out.append(finding)
        return out

    def lint(
        self, source: str | os.PathLike[str] | bytes | Document, *, filename: str | None = None
    ) -> Report:
        if isinstance(source, Document):
            return self.lint_document(source)
        with _collector_paused():
            document = extract(
                source, filename=filename, pdf_engine=self.config.pdf_engine, limits=self.config.limits
            )
            return self.lint_document(document)

    def lint_set(self, sources: Sequence[str | os.PathLike[str] | Document]) -> Report:
        """Lint several files as one agreement (core terms, schedules, definitions): terms defined in one
        file count in all, references may point across files; findings name their file."""
        from contractlint.extract.combine import combine

        with _collector_paused():
            documents = [
                s
                if isinstance(s, Document)
                else extract(s, pdf_engine=self.config.pdf_engine, limits=self.config.limits)
                for s in sources
            ]
            return self.lint_document(combine(documents))


def lint(
    source: str | os.PathLike[str] | bytes | Document,
    *,
    config: LintConfig | None = None,
    filename: str | None = None,
) -> Report:
    """Lint one contract: a path, its bytes (with ``filename``), or an extracted ``Document``."""
    return Linter(config).lint(source, filename=filename)


def lint_set(
    sources: Sequence[str | os.PathLike[str] | Document], *, config: LintConfig | None = None
) -> Report:
    """Lint the files of one agreement as one contract; ``Location.file`` names each finding's file."""
    return Linter(config).lint_set(sources)


def lint_text(text: str, *, config: LintConfig | None = None, name: str = "<text>") -> Report:
    """Lint contract text given as a string (blank lines separate paragraphs)."""
    return lint(text.encode("utf-8"), config=config, filename=name if "." in name else f"{name}.txt")

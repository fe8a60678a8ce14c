"""Checks that are pure data: a pattern rule's verdict turned into findings.

A rule whose whole logic a pattern file can express uses one of these, so the words live in
``patterns/`` and only the wiring lives here.
"""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Finding
from contractlint.rules.base import Check, Rule
from contractlint.rules.context import LintContext

__all__ = ["flag_conditional", "flag_matches", "flag_missing"]


def flag_missing(pattern_id: str) -> Check:
    """A missing finding when an ``absence`` pattern finds nothing."""

    def check(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
        result = ctx.pattern(pattern_id)
        if result.status == "missing":
            yield ctx.missing(rule, result.searched)

    return check


def flag_matches(pattern_id: str) -> Check:
    """One finding per match of an ``existence`` or ``sequence`` pattern (placeholders, blanks)."""

    def check(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
        for start, end in ctx.pattern_spans(pattern_id):
            yield ctx.finding(rule, start, end)

    return check


def flag_conditional(pattern_id: str) -> Check:
    """One finding per "if" hit of a violated ``conditional`` pattern (X without its required Y)."""

    def check(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
        result = ctx.pattern(pattern_id)
        if result.status == "violated":
            for start, end in result.spans:
                yield ctx.finding(rule, start, end)

    return check

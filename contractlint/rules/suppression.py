"""Suppressions: the one rule about ``contractlint: ignore`` directives themselves.

The work happens in ``contractlint.suppression`` after every other rule has run, because whether a
directive silenced anything is only known then; the declaration lives here so that selection, docs,
fixtures and snapshots treat it like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Finding
from contractlint.rules.base import Rule
from contractlint.rules.context import LintContext

__all__ = ["RULES", "UNUSED_SUPPRESSION"]


def _after_the_other_rules(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    """Nothing here: ``contractlint.suppression.apply_suppressions`` reports unused directives."""
    return iter(())


UNUSED_SUPPRESSION = Rule(
    code="CL100",
    name="unused-suppression",
    category="suppression",
    severity="info",
    summary="A 'contractlint: ignore' suppression silences nothing.",
    message="This suppression silences no finding; remove it or correct its rule code.",
    why=(
        "A suppression records that someone accepted a finding for a reason. Once the clause is redrafted, "
        "or when the code is mistyped, the suppression silences nothing and only misleads the next "
        "reviewer into thinking a risk was accepted; worse, it would silently hide a new finding that "
        "appears later in the same text."
    ),
    suggestion=(
        "Delete the comment or directive line, or correct it to "
        "'contractlint: ignore CODE - reason' with a code from 'contractlint rules'."
    ),
    example_fail=(
        "<!-- contractlint: ignore DV002 - the parties agreed this wording -->\n"
        "The Supplier shall deliver the monthly report within five (5) Business Days after the end of "
        "each month."
    ),
    example_pass=(
        "<!-- contractlint: ignore DV002 - the parties agreed this wording -->\n"
        "The Supplier shall deliver the monthly report promptly after the end of each month."
    ),
    check=_after_the_other_rules,
)

RULES: tuple[Rule, ...] = (UNUSED_SUPPRESSION,)

"""Exit strategy: the customer must be able to leave in an orderly way."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Finding
from contractlint.rules.base import Rule
from contractlint.rules.context import LintContext

__all__ = ["RULES"]

_TERMINATION_PATTERNS = ("termination-for-convenience", "termination-for-cause", "mutual-termination-right")


def _no_termination_right(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    results = [ctx.pattern(p) for p in _TERMINATION_PATTERNS]
    if any(r.status in ("present", "found") for r in results):
        return
    yield ctx.missing(rule, [s for r in results for s in r.searched])


NO_TERMINATION_RIGHT = Rule(
    code="EX001",
    name="no-termination-right",
    category="exit",
    severity="error",
    summary="The contract gives no right to terminate at all.",
    message="No right to terminate was found: neither for breach, nor for convenience, nor on notice.",
    why=(
        "Without a termination right the customer is locked in until the term runs out, even if the "
        "supplier fails to perform. Courts rarely imply a right to end a long contract early."
    ),
    suggestion=(
        "Either party may terminate this Agreement by written notice if the other party commits a "
        "material breach and fails to remedy it within thirty (30) days of written notice describing "
        "the breach. The Customer may terminate this Agreement for convenience on ninety (90) days' "
        "written notice."
    ),
    example_fail=(
        "1. Term. This Agreement starts on the Effective Date and continues for three (3) years.\n\n"
        "2. Fees. The Customer shall pay the fees set out in Schedule 1."
    ),
    example_pass=(
        "1. Term. This Agreement starts on the Effective Date and continues for three (3) years.\n\n"
        "2. Termination. Either party may terminate this Agreement if the other party commits a "
        "material breach and fails to remedy it within thirty (30) days after written notice."
    ),
    check=_no_termination_right,
    anchor=("termination", "term"),
    provisions=_TERMINATION_PATTERNS,
)

RULES: tuple[Rule, ...] = (NO_TERMINATION_RIGHT,)

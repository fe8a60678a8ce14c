"""Acme LLP's Python rules for contractlint: checks that need more than a pattern file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from contractlint.model import Finding
from contractlint.rules import LintContext, Rule


def _addendum_not_attached(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    """The addendum is mentioned, but no schedule, annex or clause of the contract is titled with it."""
    mentions = [m.start() for m in _mentions(ctx.text)]
    if mentions and ctx.find_clause(["data processing", "data protection"]) is None:
        start = mentions[0]
        yield ctx.finding(rule, start, start + len("data processing addendum"))


def _mentions(text: str) -> Iterator[re.Match[str]]:
    return re.finditer(r"data processing addendum", text, re.IGNORECASE)


ADDENDUM_NOT_ATTACHED = Rule(
    code="AC101",
    name="data-processing-addendum-not-attached",
    category="custom",
    severity="warning",
    summary="The data-processing addendum is referred to but not attached.",
    message="The contract refers to a data-processing addendum, but no schedule or clause holds it.",
    why="An addendum that is only referred to may never have been agreed; attach it as a schedule.",
    suggestion="Schedule 4 (Data Processing Addendum) sets out the terms on which the Supplier processes "
    "Personal Data.",
    example_fail="The Supplier shall comply with the data processing addendum.",
    example_pass="1. Services\n\nThe Supplier shall comply with the data processing addendum.\n\n"
    "Schedule 4 Data Processing Addendum\n\nThe Supplier processes Personal Data only on instructions.",
    check=_addendum_not_attached,
)

RULES = [ADDENDUM_NOT_ATTACHED]

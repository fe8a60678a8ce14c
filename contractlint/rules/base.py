"""How a rule is declared: once, with everything its documentation, output and tests need.

A ``Rule`` holds the code, name, family, default severity, message, why it matters, the clause language
that fixes it, a failing and a passing example, and the check. ``docs/rules/<code>.md`` is generated from
the declaration (``python -m contractlint.rules.docs``) and checked for drift in CI.

Checks look for words through pattern files (data, under ``patterns/``); Python decides only what the
data cannot: whose right a clause grants, whether a duty has a deadline, where a missing clause belongs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from contractlint.model import Finding, Severity

if TYPE_CHECKING:
    from contractlint.rules.context import LintContext

__all__ = ["CATEGORIES", "Check", "Rule"]

CATEGORIES: dict[str, str] = {
    "exit": "Exit strategy",
    "deliverables": "Deliverables and goals",
    "communication": "Communication",
    "professional": "Professional standards",
    "customer-facing": "Customer-facing work",
    "hygiene": "Contract hygiene",
    "suppression": "Suppressions",
    "custom": "Rule packs",
}
"""Rule families, in the order reports show them."""

Check = Callable[["LintContext", "Rule"], Iterable[Finding]]

_CODE = regex.compile(r"^[A-Z]{2}\d{3}$")
_NAME = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule, declared once."""

    code: str
    """Two capital letters for the family and three digits (``EX002``); never reused once retired."""
    name: str
    """Kebab-case, says what is wrong: ``no-termination-for-convenience``."""
    category: str
    severity: Severity
    summary: str
    """One line for ``contractlint rules`` and the documentation title."""
    message: str
    """The finding's default message, in plain language."""
    why: str
    """Why this matters to the reviewing party."""
    suggestion: str
    """Clause language that would fix it."""
    example_fail: str
    """Contract text that triggers the rule."""
    example_pass: str
    """The same contract mended: the rule stays silent."""
    check: Check = field(compare=False, repr=False)
    anchor: tuple[str, ...] = ()
    """For a missing provision, words of the clause title where it belongs (``termination``)."""
    provisions: tuple[str, ...] = ()
    """Pattern rule ids the check relies on; documentation lists what they search for."""
    default: bool = True
    """Run without being selected. Off for rules that read every capitalised phrase of a contract:
    they cost as much as the rest of the lint and are proofreading aids, chosen with ``--select``."""

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be two capitals and three digits")
        if not _NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.code}: unknown category {self.category!r}")

    @property
    def doc_path(self) -> str:
        return f"docs/rules/{self.code}.md"

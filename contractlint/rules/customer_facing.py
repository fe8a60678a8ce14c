"""Customer-facing work: when the services deal with the customer's own customers, what must come with
them (issue 6)."""

from __future__ import annotations

from contractlint.rules.base import Rule

RULES: tuple[Rule, ...] = ()

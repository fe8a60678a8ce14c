"""Contract hygiene: defined terms, cross-references, numbering and party names (issue 6)."""

from __future__ import annotations

from contractlint.rules.base import Rule

RULES: tuple[Rule, ...] = ()

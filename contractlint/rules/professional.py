"""Professional standards: standard of care, qualified and key personnel, subcontracting, insurance,
audit rights and warranties (issue 6)."""

from __future__ import annotations

from contractlint.rules.base import Rule

RULES: tuple[Rule, ...] = ()

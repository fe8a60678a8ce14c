"""Deliverables rules."""

from __future__ import annotations

from contractlint.rules.base import Rule

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = ()

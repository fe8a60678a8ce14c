"""The clause inventory: which kinds of provision a contract has, and where.

Each detector turns pattern verdicts and recogniser output into ``Provision`` entries. The inventory is
what evaluation scores against lawyers' labels, and what reports show as "found at 12.2, page 7".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from contractlint.model import Provision
from contractlint.rules.context import LintContext

__all__ = ["DETECTORS", "build_inventory", "detector"]

Detector = Callable[[LintContext], Iterable[Provision]]
DETECTORS: dict[str, Detector] = {}
"""Provision kind -> detector. Family modules register theirs with ``@detector(kind)``."""


def detector(kind: str) -> Callable[[Detector], Detector]:
    def register(fn: Detector) -> Detector:
        if kind in DETECTORS:
            raise ValueError(f"two detectors for provision kind {kind!r}")
        DETECTORS[kind] = fn
        return fn

    return register


def build_inventory(ctx: LintContext) -> list[Provision]:
    """Every detector's provisions, in text order."""
    from contractlint import rules

    rules.all_rules()  # importing the families registers their detectors
    found: list[Provision] = []
    for fn in DETECTORS.values():
        found.extend(fn(ctx))
    found.sort(key=lambda p: (p.location.start, p.kind))
    return found

"""The rules: declarations, selection by code or prefix, and running them over a contract."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from contractlint.errors import ConfigError
from contractlint.model import SEVERITY_RANK, Finding
from contractlint.rules.base import CATEGORIES, Rule
from contractlint.rules.context import LintContext

__all__ = ["CATEGORIES", "LintContext", "Rule", "all_rules", "get_rule", "run_rules", "select_rules"]


def all_rules() -> tuple[Rule, ...]:
    """Every built-in rule, by family then code."""
    from contractlint.rules import (
        communication,
        customer_facing,
        deliverables,
        exit,
        hygiene,
        professional,
        suppression,
    )

    rules = (
        *exit.RULES,
        *deliverables.RULES,
        *communication.RULES,
        *professional.RULES,
        *customer_facing.RULES,
        *hygiene.RULES,
        *suppression.RULES,
    )
    order = list(CATEGORIES)
    return tuple(sorted(rules, key=lambda r: (order.index(r.category), r.code)))


def get_rule(code: str, rules: Sequence[Rule] | None = None) -> Rule:
    """A rule by code or name, from ``rules`` (default: the built-in rules)."""
    for rule in all_rules() if rules is None else rules:
        if rule.code == code.upper() or rule.name == code.lower():
            return rule
    raise ConfigError(f"unknown rule {code!r}; 'contractlint rules' lists them")


def _matches(rule: Rule, selectors: Iterable[str]) -> bool:
    return any(rule.code.startswith(s.upper()) or rule.name == s.lower() for s in selectors)


def select_rules(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[Rule] | None = None,
    extend: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """Rules chosen by code prefix (``EX`` selects the exit family) or name; unknown selectors are errors.

    No ``select`` means the rules that are on by default (``Rule.default``); ``ALL`` means every rule;
    ``extend`` adds to either."""
    pool = tuple(rules) if rules is not None else all_rules()
    for selector in (*select, *ignore, *extend):
        if selector.upper() != "ALL" and not any(_matches(r, [selector]) for r in pool):
            raise ConfigError(f"no rule matches {selector!r}; 'contractlint rules' lists codes and names")
    every = any(s.upper() == "ALL" for s in (*select, *extend))
    chosen = [
        r
        for r in pool
        if every or (r.default if not select else _matches(r, select)) or _matches(r, extend)
    ]
    return tuple(r for r in chosen if not _matches(r, ignore))


def run_rules(ctx: LintContext, rules: Sequence[Rule]) -> list[Finding]:
    """Run each rule's check; findings come back in text order, the most severe first at a tie."""
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(ctx, rule))
    findings.sort(key=lambda f: (f.location.start, -SEVERITY_RANK[f.severity], f.code, f.location.end))
    return findings

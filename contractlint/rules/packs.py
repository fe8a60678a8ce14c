"""Rule packs: a firm's own rules, from its pattern directories (YAML only) or from installed plugins.

Two ways in, both listed by ``contractlint rules`` and documented by ``contractlint rule CODE``:

* a YAML pattern with a ``rule:`` block (docs/rule-packs.md) in a directory named by ``pattern-dirs``:
  the pattern's verdict (missing, found, violated) becomes the finding, so a playbook needs no Python;
* an installed package exposing ``Rule`` objects (or iterables of them) under the entry point group
  ``contractlint.rules``, for checks that need Python.

Codes and names share one space with the built-in rules; a clash is an error that names both sides,
because a silently shadowed rule would make a report mean something other than what it says.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from contractlint.errors import ConfigError, PatternError
from contractlint.nlp.patterns import PatternRule, load_patterns
from contractlint.rules.base import CATEGORIES, Check, Rule
from contractlint.rules.checks import flag_conditional, flag_matches, flag_missing

__all__ = ["ENTRY_POINT_GROUP", "available_rules", "pack_rules", "plugin_fingerprint", "plugin_rules"]

ENTRY_POINT_GROUP = "contractlint.rules"


def _check_for(pattern: PatternRule) -> Check:
    if pattern.kind == "absence":
        return flag_missing(pattern.id)
    if pattern.kind == "conditional":
        return flag_conditional(pattern.id)
    return flag_matches(pattern.id)


def _pack_rule(pattern: PatternRule) -> Rule:
    decl = pattern.declaration
    assert decl is not None
    if decl.category not in CATEGORIES:
        raise PatternError(
            f"{decl.source}: unknown category {decl.category!r}; expected one of {', '.join(CATEGORIES)}"
        )
    return Rule(
        code=decl.code,
        name=decl.name,
        category=decl.category,
        severity=decl.severity,  # type: ignore[arg-type]  # validated by the pattern loader
        summary=decl.summary,
        message=decl.message or pattern.message or decl.summary,
        why=decl.why or pattern.description,
        suggestion=decl.suggestion,
        example_fail=decl.example_fail,
        example_pass=decl.example_pass,
        check=_check_for(pattern),
        anchor=decl.anchor,
        provisions=(pattern.id,),
    )


@lru_cache(maxsize=8)
def pack_rules(pattern_dirs: tuple[str, ...]) -> tuple[tuple[Rule, str], ...]:
    """``(rule, file:line)`` for the ``rule:`` blocks in the user's pattern directories."""
    if not pattern_dirs:
        return ()
    patterns = load_patterns(pattern_dirs, include_default=False)
    return tuple((_pack_rule(p), p.declaration.source) for p in patterns.rules if p.declaration is not None)


def _entry_points() -> Iterable[object]:
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


@lru_cache(maxsize=1)
def plugin_rules() -> tuple[tuple[Rule, str], ...]:
    """``(rule, where)`` for every rule installed plugins expose; ``where`` names the entry point."""
    found: list[tuple[Rule, str]] = []
    for ep in _entry_points():
        name, value = getattr(ep, "name", "?"), getattr(ep, "value", "?")
        where = f"plugin {name!r} ({value})"
        try:
            obj = ep.load()  # type: ignore[attr-defined]
        except Exception as exc:
            raise ConfigError(
                f"{where} failed to load ({type(exc).__name__}: {exc}); fix or uninstall the package "
                "that provides it"
            ) from None
        items = [obj] if isinstance(obj, Rule) else obj
        try:
            rules = list(items)
        except TypeError:
            raise ConfigError(f"{where} is not a Rule or a list of Rules") from None
        for rule in rules:
            if not isinstance(rule, Rule):
                raise ConfigError(f"{where} holds {type(rule).__name__!r}, not a contractlint Rule")
            found.append((rule, where))
    return tuple(found)


def plugin_fingerprint() -> str:
    """A hash of the plugins' rule declarations and source files, for the scan cache key."""
    h = hashlib.sha256()
    for rule, where in plugin_rules():
        h.update(f"{rule.code}|{rule.name}|{rule.severity}|{where}".encode())
        module = sys.modules.get(getattr(rule.check, "__module__", "") or "")
        path = getattr(module, "__file__", None)
        if path and Path(path).is_file():
            h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


def available_rules(pattern_dirs: Sequence[str] = ()) -> tuple[Rule, ...]:
    """Built-in rules, then plugin rules, then the rule packs of ``pattern_dirs``; clashes are errors."""
    from contractlint.rules import all_rules

    owners: dict[str, str] = {}
    out: list[Rule] = []
    sources: list[tuple[Rule, str]] = [(r, "the built-in rule") for r in all_rules()]
    sources += [(r, where) for r, where in plugin_rules()]
    sources += [(r, f"the rule at {where}") for r, where in pack_rules(tuple(str(d) for d in pattern_dirs))]
    for rule, where in sources:
        for key in (rule.code, rule.name):
            if key in owners:
                raise ConfigError(
                    f"{where} declares {key!r}, which {owners[key]} already uses; give it another "
                    f"{'code' if key == rule.code else 'name'}"
                )
            owners[key] = f"{where} {rule.code}" if where == "the built-in rule" else where
        out.append(rule)
    return tuple(out)

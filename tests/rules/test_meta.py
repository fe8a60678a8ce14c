"""Every rule is declared completely, documented, and has fixtures that fail and pass (proselint-style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.lint import LintConfig, lint_text
from contractlint.rules import CATEGORIES, all_rules
from contractlint.rules.docs import render_all

REPO = Path(__file__).resolve().parents[2]
RULES = all_rules()
IDS = [r.code for r in RULES]


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_code_prefix_names_the_family() -> None:
    prefixes: dict[str, set[str]] = {}
    for rule in RULES:
        prefixes.setdefault(rule.category, set()).add(rule.code[:2])
    for category, codes in prefixes.items():
        assert len(codes) == 1, f"{category} uses prefixes {codes}"
    assert set(prefixes) <= set(CATEGORIES)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_declaration_is_complete(rule) -> None:  # type: ignore[no-untyped-def]
    for field in ("summary", "message", "why", "suggestion", "example_fail", "example_pass"):
        value = getattr(rule, field)
        assert value and value.strip(), f"{rule.code}.{field} is empty"
    assert rule.summary.endswith("."), "summaries are sentences"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_declared_examples_fail_and_pass(rule) -> None:  # type: ignore[no-untyped-def]
    config = LintConfig(select=("ALL",))  # rules that are off by default too
    failing = lint_text(rule.example_fail, config=config)
    passing = lint_text(rule.example_pass, config=config)
    assert rule.code in {f.code for f in failing.findings}, "example_fail does not trigger the rule"
    assert rule.code not in {f.code for f in passing.findings}, "example_pass still triggers the rule"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_has_fixtures_and_snapshot(rule) -> None:  # type: ignore[no-untyped-def]
    folder = REPO / "fixtures" / "rules" / rule.code
    assert sorted(p.stem for p in folder.glob("fail*")), f"no failing fixture in {folder}"
    assert sorted(p.stem for p in folder.glob("pass*")), f"no passing fixture in {folder}"
    assert (REPO / "tests" / "snapshots" / "rules" / f"{rule.code}.json").is_file()


def test_rule_docs_are_generated_and_current() -> None:
    """The drift check CI runs: docs/rules/ must equal what the declarations generate."""
    folder = REPO / "docs" / "rules"
    pages = render_all()
    for name, content in pages.items():
        path = folder / name
        assert path.is_file(), f"{path} missing: run python -m contractlint.rules.docs"
        assert path.read_text(encoding="utf-8") == content, (
            f"{path} is stale: run python -m contractlint.rules.docs"
        )
    extra = {p.name for p in folder.glob("*.md")} - set(pages)
    assert not extra, f"docs for rules that no longer exist: {sorted(extra)}"


def test_rules_off_by_default_run_only_when_selected() -> None:
    """HY001 reads every capitalised phrase: a proofreading aid, chosen with --select or extend-select."""
    from contractlint.rules import select_rules

    default = {r.code for r in select_rules()}
    assert not any(code.startswith("HY") for code in default) and "EX002" in default
    assert "HY001" in {r.code for r in select_rules(["ALL"])}
    assert "HY001" in {r.code for r in select_rules(["HY"])}
    extended = {r.code for r in select_rules(extend=["HY001"])}
    assert extended == default | {"HY001"}

"""Each rule's own fixtures: failing ones trigger it, passing ones do not, findings match snapshots.

Fixtures live in ``fixtures/rules/<CODE>/`` (``fail*.txt|md|docx``, ``pass*...``); the findings of the
rule on its failing fixtures are pinned in ``tests/snapshots/rules/<CODE>.json``. Set
``CONTRACTLINT_UPDATE_SNAPSHOTS=1`` to rewrite snapshots, then read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from contractlint.lint import LintConfig, lint
from contractlint.model import Finding
from contractlint.rules import all_rules

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "rules"
SNAPSHOTS = REPO / "tests" / "snapshots" / "rules"
UPDATE = os.environ.get("CONTRACTLINT_UPDATE_SNAPSHOTS") == "1"
RULES = all_rules()


def _fixtures(code: str, kind: str) -> list[Path]:
    return sorted(
        p for p in (FIXTURES / code).glob(f"{kind}*") if p.suffix in (".txt", ".md", ".docx", ".pdf")
    )


def _party(path: Path) -> str | None:
    """A fixture may name the reviewing party on a first line ``party: Customer`` of a sidecar file."""
    sidecar = path.with_suffix(".party")
    return sidecar.read_text(encoding="utf-8").strip() if sidecar.is_file() else None


def _snapshot(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "missing": finding.missing,
        "anchor": finding.anchor,
        "clause": loc.clause_number,
        "paragraph": loc.paragraph,
        "line": loc.line,
        "page": loc.page,
        "span": [loc.start, loc.end],
        "excerpt": finding.excerpt,
    }


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_failing_fixtures_trigger_and_match_snapshot(rule) -> None:  # type: ignore[no-untyped-def]
    got: dict[str, list[dict[str, Any]]] = {}
    for path in _fixtures(rule.code, "fail"):
        report = lint(path, config=LintConfig(select=(rule.code,), party=_party(path)))
        findings = [f for f in report.findings if f.code == rule.code]
        assert findings, f"{path.name} does not trigger {rule.code}"
        got[path.name] = [_snapshot(f) for f in findings]
    snapshot = SNAPSHOTS / f"{rule.code}.json"
    if UPDATE or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote new snapshot {snapshot.name}; read it, then run again")
    assert json.loads(snapshot.read_text(encoding="utf-8")) == got


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_passing_fixtures_stay_silent(rule) -> None:  # type: ignore[no-untyped-def]
    for path in _fixtures(rule.code, "pass"):
        report = lint(path, config=LintConfig(select=(rule.code,), party=_party(path)))
        codes = [f.code for f in report.findings if f.code == rule.code]
        assert not codes, f"{path.name} triggers {rule.code}: {report.findings}"

"""Customer-facing rules: detection of work with the customer's own customers, and what must come with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.lint import LintConfig, lint, lint_text
from contractlint.model import Report

REPO = Path(__file__).resolve().parents[2]
OWN = sorted((REPO / "fixtures" / "customer_facing").glob("*.txt"))
CALLS = (
    "1. Services. The Supplier shall operate a call centre that answers inbound calls from the Customer's "
    "customers."
)


def _report(text: str) -> Report:
    return lint_text(text, config=LintConfig(select=("CF",)))


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


@pytest.mark.parametrize("path", OWN, ids=[p.stem for p in OWN])
def test_own_fixtures_are_judged_as_labelled(path: Path) -> None:
    report = lint(path, config=LintConfig(select=("CF",)))
    facing = any(p.kind == "customer_facing_services" for p in report.clauses)
    assert facing == path.stem.startswith("yes_")
    assert bool(report.findings) == facing  # the rules stay silent when the work is not customer-facing


def test_ten_own_fixtures_five_each_way() -> None:
    assert sum(p.stem.startswith("yes_") for p in OWN) >= 5
    assert sum(p.stem.startswith("no_") for p in OWN) >= 5


def test_bare_call_centre_misses_all_companions() -> None:
    report = _report(CALLS)
    assert _codes(report) == {"CF001", "CF002", "CF003", "CF004", "CF005"}
    assert all("call centre" in f.message for f in report.findings)


def test_support_for_the_customer_itself_is_not_customer_facing() -> None:
    text = "1. Support. The Provider shall give the Customer technical support by telephone on Business Days."
    assert not _report(text).findings


def test_non_solicitation_of_customers_is_not_customer_facing() -> None:
    text = "1. Non-solicitation. The Consultant shall not solicit sales from any of the Company's customers."
    assert not _report(text).findings


def test_companions_silence_their_rules() -> None:
    text = (
        f"{CALLS}\n\n"
        "2. Service Levels. The Supplier shall answer 90% of calls within thirty (30) seconds and shall "
        "credit 5% of the monthly charges as a service credit for each miss.\n\n"
        "3. Conduct. The Supplier shall use only scripts approved by the Customer.\n\n"
        "4. Monitoring. The Customer may monitor and record calls.\n\n"
        "5. Complaints. The Supplier shall log every complaint and escalate it to the Customer.\n\n"
        "6. Data. The Supplier shall process personal data only in compliance with data protection law."
    )
    report = _report(text)
    assert not report.findings
    kinds = {p.kind for p in report.clauses}
    assert {
        "interaction_service_levels",
        "conduct_standards",
        "interaction_monitoring",
        "complaint_handling",
        "end_customer_data",
    } <= kinds


def test_service_levels_without_remedy_are_flagged_at_the_levels() -> None:
    text = f"{CALLS}\n\n2. Service Levels. The Supplier shall answer 90% of calls within thirty (30) seconds."
    (finding,) = [f for f in _report(text).findings if f.code == "CF001"]
    assert not finding.missing and "nothing happens" in finding.message

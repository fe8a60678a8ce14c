"""Communication rules and inventory: what a reviewer needs each of them to catch, and to leave alone."""

from __future__ import annotations

from contractlint.lint import LintConfig, lint_text
from contractlint.model import Report


def _report(text: str, *codes: str, party: str | None = None) -> Report:
    return lint_text(text, config=LintConfig(select=codes or ("CM",), party=party))


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def _kinds(report: Report, kind: str) -> list[str]:
    return [p.excerpt for p in report.clauses if p.kind == kind]


NOTICES = (
    "1. Services. The Supplier shall provide the Services.\n\n"
    "2. Notices. All notices under this Agreement shall be in writing and sent by courier to the address "
    "set out above, and are deemed received two (2) Business Days after dispatch."
)


def test_notice_clause_is_found_where_it_is() -> None:
    report = _report(NOTICES, "CM001", "CM002")
    assert "CM001" not in _codes(report) and "CM002" not in _codes(report)
    (notice,) = [p for p in report.clauses if p.kind == "notice_clause"]
    assert report.document.text[notice.location.start : notice.location.end].startswith("All notices")
    assert dict(notice.attributes) == {"address": "yes", "deemed_receipt": "yes", "method": "yes"}


def test_written_notice_in_a_termination_clause_is_not_a_notice_clause() -> None:
    text = (
        "1. Services. The Supplier shall provide the Services.\n\n"
        "2. Termination. Either party may terminate this Agreement on thirty (30) days' written notice, "
        "and termination is effective at the end of that period."
    )
    report = _report(text, "CM001")
    (finding,) = [f for f in report.findings if f.code == "CM001"]
    assert finding.missing and finding.anchor is None  # no Notices/General clause: the document start
    assert any("delivery" in s or "courier" in s for s in finding.searched)
    assert not _kinds(report, "notice_clause")


def test_notice_clause_without_address_or_receipt_is_an_info_finding_at_the_clause() -> None:
    text = (
        "1. Notices. Any notice under this Agreement shall be given in writing and sent by registered mail."
    )
    report = _report(text, "CM002")
    (finding,) = report.findings
    assert finding.severity == "info" and not finding.missing
    assert "when they are deemed received" in finding.message and "where or to whom" in finding.message
    assert finding.excerpt.startswith("Any notice")


def test_reporting_with_cadence_is_inventoried_with_its_cadence() -> None:
    text = "1. Reports. The Supplier shall deliver a monthly performance report to the Customer."
    report = _report(text, "CM003", "CM004")
    assert _codes(report) == []
    (item,) = [p for p in report.clauses if p.kind == "reporting_obligation"]
    assert dict(item.attributes)["cadence"] == "monthly"


def test_vague_reporting_is_flagged_and_reporting_on_request_is_not() -> None:
    vague = "1. Progress. The Supplier shall keep the Customer informed of the progress of the Services."
    on_request = "1. Reports. The Supplier shall provide reports on the Services upon the Customer's request."
    assert _codes(_report(vague, "CM004")) == ["CM004"]
    assert _codes(_report(on_request, "CM004")) == []


def test_reports_the_paying_customer_sends_are_not_reporting_on_the_work() -> None:
    text = (
        "1. Services. The Provider shall provide the hosting services and shall provide support.\n\n"
        "2. Fees. The Customer shall pay the fees. The Customer shall pay all taxes.\n\n"
        "3. Usage. The Customer shall submit a quarterly report to the Provider listing the number of users."
    )
    report = _report(text, "CM003")
    assert _codes(report) == ["CM003"]


def test_software_reports_and_updates_are_not_reporting() -> None:
    text = (
        "1. Licence. The Provider shall provide all Updates to the Software during the Term.\n\n"
        "2. Features. The Software includes custom reports and a reporting module."
    )
    assert _codes(_report(text, "CM003")) == ["CM003"]


def test_point_of_contact_is_found_but_a_dispute_representative_is_not() -> None:
    contact = "1. Managers. Each party shall appoint a project manager to act as its point of contact."
    dispute = (
        "1. Disputes. Any dispute shall be referred to the designated representatives of the parties, who "
        "shall meet to resolve it."
    )
    assert _codes(_report(contact, "CM005")) == []
    assert _codes(_report(dispute, "CM005")) == ["CM005"]


def test_drafting_notes_are_not_provisions() -> None:
    text = (
        "Customer Obligations\n\n"
        "[Fill in Customer's obligations, e.g., identifying a single point of contact.]"
        "\n\n1. Services. The Provider shall perform the Services."
    )
    report = _report(text, "CM005")
    assert _codes(report) == ["CM005"]


def test_escalation_needs_a_step_before_formal_proceedings() -> None:
    bare = "1. Disputes. Any dispute shall be settled by arbitration in London under the LCIA Rules."
    stepped = (
        "1. Disputes. The parties shall attempt to resolve any dispute by good faith negotiation. If the "
        "dispute is not resolved within thirty (30) days, either party may refer it to arbitration."
    )
    escalated = "1. Disputes. Any dispute shall be escalated to the chief executive officers of the parties."
    assert _codes(_report(bare, "CM006")) == ["CM006"]
    assert _codes(_report(stepped, "CM006")) == []
    assert _codes(_report(escalated, "CM006")) == []


def test_negotiating_an_invoice_without_a_later_formal_step_is_not_escalation() -> None:
    text = "1. Invoices. The parties shall negotiate in good faith to resolve any disputed invoice."
    assert _codes(_report(text, "CM006")) == ["CM006"]


def test_meetings_need_a_cadence_or_a_governance_body() -> None:
    regular = "1. Governance. The parties shall meet at least quarterly to review the Services."
    ad_hoc = "1. Cooperation. The parties shall meet from time to time as requested by either party."
    committee = "1. Governance. The parties shall establish a Steering Committee to oversee the Services."
    assert dict(next(p for p in _report(regular).clauses if p.kind == "meetings_or_reviews").attributes)
    assert not _kinds(_report(ad_hoc), "meetings_or_reviews")
    assert _kinds(_report(committee), "meetings_or_reviews")


def test_vague_notification_of_an_incident_is_flagged_at_the_duty() -> None:
    text = (
        "1. Security. The Supplier shall promptly notify the Customer of any security incident. The "
        "Supplier shall maintain firewalls."
    )
    (finding,) = _report(text, "CM007").findings
    assert finding.excerpt == "The Supplier shall promptly notify the Customer of any security incident."


def test_notification_with_an_outer_limit_is_fine() -> None:
    texts = [
        "1. Security. The Supplier shall promptly, and in any event within 24 hours, notify the Customer of "
        "any security incident.",
        "1. Delays. The Supplier shall notify the Customer without undue delay, but no later than five (5) "
        "Business Days, of any delay.",
        "1. Breach. The Supplier shall notify the Customer of any data breach without undue delay and in any "
        "event within [***] of discovery.",
    ]
    for text in texts:
        assert _codes(_report(text, "CM007")) == [], text


def test_notification_of_routine_matters_and_permissions_are_not_flagged() -> None:
    routine = (
        "1. Changes. The Supplier shall promptly notify the Customer of any change to its invoicing address."
    )
    permission = "1. Security. The Supplier may promptly notify the Customer of any security incident."
    assert _codes(_report(routine, "CM007")) == []
    assert _codes(_report(permission, "CM007")) == []


def test_the_reviewing_partys_own_notification_duty_is_not_flagged() -> None:
    text = "1. Credentials. The Customer shall promptly notify the Supplier of any unauthorized access."
    assert _codes(_report(text, "CM007")) == ["CM007"]
    assert _codes(_report(text, "CM007", party="Customer")) == []

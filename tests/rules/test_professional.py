"""Professional-standards rules and inventory: what a reviewer needs them to catch, and to leave alone."""

from __future__ import annotations

from contractlint.lint import LintConfig, lint_text
from contractlint.model import Report

SERVICES = (
    "1. Services. The Supplier shall provide the consulting services described in Schedule 1 using its staff."
)


def _report(text: str, *codes: str) -> Report:
    return lint_text(text, config=LintConfig(select=codes or ("PS",)))


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def _kinds(report: Report, kind: str) -> list[str]:
    return [p.excerpt for p in report.clauses if p.kind == kind]


def test_bare_services_contract_misses_every_standard() -> None:
    codes = _codes(_report(SERVICES))
    assert {"PS001", "PS002", "PS003", "PS004", "PS005", "PS008", "PS009"} <= codes
    assert not {"PS006", "PS007"} & codes  # no insurance clause to judge


def test_licence_without_services_is_not_checked() -> None:
    text = "1. Licence. The Licensor grants the Licensee a non-exclusive licence to use the Software."
    assert not _codes(_report(text))


def test_full_set_of_provisions_silences_the_family() -> None:
    text = (
        f"{SERVICES}\n\n"
        "2. Standard. The Supplier shall perform the Services in a professional and workmanlike manner using "
        "suitably qualified and experienced personnel.\n\n"
        "3. Key Personnel. The Customer may require the Supplier to remove any member of its staff on "
        "reasonable request.\n\n"
        "4. Subcontracting. The Supplier shall not subcontract the Services without the Customer's prior "
        "written consent.\n\n"
        "5. Insurance. The Supplier shall maintain professional indemnity insurance of at least USD "
        "2,000,000 per claim.\n\n"
        "6. Audit. The Customer may audit the Supplier's books and records once a year.\n\n"
        "7. Warranty. The Supplier warrants that the Services will conform to Schedule 1 for ninety (90) "
        "days after acceptance and shall re-perform non-conforming Services."
    )
    report = _report(text)
    assert not _codes(report)
    for kind in (
        "standard_of_care",
        "qualified_personnel",
        "key_personnel",
        "subcontracting_control",
        "insurance",
        "audit_rights",
        "warranty",
        "warranty_duration",
    ):
        assert _kinds(report, kind), kind


def test_insurance_amounts_and_professional_indemnity() -> None:
    vague = (
        f"{SERVICES}\n\n2. Insurance. The Supplier shall maintain adequate insurance with reputable insurers."
    )
    report = _report(vague, "PS005", "PS006")
    assert _codes(report) == {"PS006"}
    (ins,) = [p for p in report.clauses if p.kind == "insurance"]
    assert dict(ins.attributes)["amounts"] == "not stated"
    dev = (
        "1. Services. The Supplier shall provide software development services described in Schedule 1.\n\n"
        "2. Insurance. The Supplier shall maintain general liability insurance of USD 1,000,000."
    )
    assert "PS007" in _codes(_report(dev, "PS007"))
    redacted = dev.replace("USD 1,000,000", "[***]") + " It shall also carry errors and omissions cover."
    assert not _codes(_report(redacted, "PS006", "PS007"))


def test_insurance_costs_are_not_an_insurance_duty() -> None:
    text = f"{SERVICES}\n\n2. Price. The price includes freight and insurance to the delivery point."
    report = _report(text, "PS005")
    assert not _kinds(report, "insurance") and "PS005" in _codes(report)


def test_audited_financial_statements_are_no_audit_right() -> None:
    text = f"{SERVICES}\n\n2. Reports. The Supplier shall deliver its audited financial statements each year."
    report = _report(text, "PS008")
    assert not _kinds(report, "audit_rights") and "PS008" in _codes(report)


def test_warranty_without_period_is_flagged_where_it_is() -> None:
    text = f"{SERVICES}\n\n2. Warranty. The Supplier warrants that the Services will be free from defects."
    report = _report(text, "PS009")
    (finding,) = report.findings
    assert not finding.missing and "no period" in finding.message
    assert finding.excerpt.startswith("The Supplier warrants")


def test_cure_period_for_breach_of_warranty_is_not_a_warranty_period() -> None:
    text = (
        f"{SERVICES}\n\n2. Termination. Either party may terminate if the other breaches any warranty and "
        "fails to cure the breach within thirty (30) days."
    )
    assert not _kinds(_report(text, "PS009"), "warranty_duration")


def test_defect_claim_window_counts_as_warranty_duration() -> None:
    text = (
        "1. Inspection. The Buyer shall notify the Seller of any defects or shortages within ten (10) days "
        "after receipt of the Products."
    )
    assert _kinds(_report(text), "warranty_duration")


def test_cap_on_liability_kinds() -> None:
    cap = (
        "1. Liability. Each party's aggregate liability under this Agreement shall not exceed the fees paid."
    )
    exclusion = "1. Liability. Neither party shall be liable for any indirect or consequential damages."
    title_only = "1. Limitation of Liability.\n\n2. Fees. The Customer shall pay the fees."
    assert _kinds(_report(cap), "cap_on_liability")
    assert _kinds(_report(exclusion), "cap_on_liability")
    assert not _kinds(_report(title_only), "cap_on_liability")


def test_subcontractor_responsibility_is_control() -> None:
    text = (
        f"{SERVICES}\n\n2. Subcontractors. The Supplier shall remain fully responsible for the acts and "
        "omissions of its subcontractors."
    )
    assert "PS004" not in _codes(_report(text, "PS004"))

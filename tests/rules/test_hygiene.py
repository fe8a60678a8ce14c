"""Hygiene rules: undefined terms, broken references, numbering slips and stray party names."""

from __future__ import annotations

from contractlint.lint import LintConfig, lint_text
from contractlint.rules.hygiene import term_key

PREAMBLE = (
    'This Agreement is made between Northwind Hosting Ltd (the "Supplier") and Harbour Dental Ltd '
    '(the "Customer").\n\n'
    '1. Definitions\n\n1.1 "Services" means the support services in Schedule 1.\n\n'
    '1.2 "Charges" means the fees in Schedule 1.\n\n1.3 "Deliverables" means the reports.\n\n'
)
SCHEDULE = "\n\nSchedule 1 - Services\n\nHelpdesk support."


def _messages(text: str, code: str) -> list[str]:
    report = lint_text(text, config=LintConfig(select=(code,)))
    return [f.message for f in report.findings if f.code == code]


def test_term_keys_ignore_case_possessives_and_hyphens() -> None:
    assert term_key("the Supplier’s") == "supplier"
    assert term_key("Call-Off Contract") == term_key("Call Off Contract")
    assert term_key("Occasion of Tax Non –Compliance") == "occasion of tax non compliance"
    assert term_key("Framework Price(s)") == "framework price"


def test_undefined_term_needs_a_determiner_and_two_capitalised_words() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall provide the Services and each Deliverable through the "
        "Service Desk. Monthly Reports are due. Supplier Staff shall be vetted.\n\n"
        "2.2 The Supplier shall comply with the Data Protection Act 2018 and the laws of England." + SCHEDULE
    )
    got = _messages(text, "HY001")
    assert len(got) == 1 and got[0].startswith('"Service Desk"')


def test_undefined_term_is_one_finding_with_every_use_related() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall give the Service Desk a report.\n\n"
        "2.2 The Customer may call the Service Desk at any time." + SCHEDULE
    )
    report = lint_text(text, config=LintConfig(select=("HY001",)))
    [finding] = report.findings
    assert "2 times" in finding.message
    assert len(finding.related) == 1
    assert text[finding.related[0].start : finding.related[0].end] == "Service Desk"


def test_plural_singular_and_possessive_uses_count_as_defined() -> None:
    text = PREAMBLE + (
        "2. Use\n\n2.1 The Supplier shall deliver each Deliverable and the Supplier's Charges invoice "
        "for the Services to the Customer." + SCHEDULE
    )
    assert _messages(text, "HY002") == []


def test_a_contract_without_definitions_has_no_undefined_terms() -> None:
    assert _messages("The Supplier shall staff the Service Desk with the Support Team.", "HY001") == []


def test_references_to_other_documents_are_not_broken() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall comply with section 21 of the Freedom of Information Act "
        "2000, Clause 7 of the Framework Agreement and Framework Schedule 5.\n\n"
        "2.2 Clause 2.1 and paragraph 1 of Schedule 1 apply.\n\n2.3 Clauses 1.1 to 1.3 apply." + SCHEDULE
    )
    assert _messages(text, "HY005") == []


def test_reference_ranges_and_lists_check_each_number() -> None:
    text = PREAMBLE + "2. Services\n\n2.1 Clauses 1.1, 1.2 and 1.7 apply.\n\n2.2 See Clause 2.1." + SCHEDULE
    assert _messages(text, "HY005") == ["Clause 1.7 is referred to, but the agreement has no clause 1.7."]


def test_missing_attachment_is_reported_once() -> None:
    text = PREAMBLE + "2. Services\n\n2.1 See Exhibit B.\n\n2.2 Exhibit B applies." + SCHEDULE
    report = lint_text(text, config=LintConfig(select=("HY005",)))
    [finding] = report.findings
    assert finding.message == "Exhibit B is referred to, but the agreement has no Exhibit B."
    assert len(finding.related) == 1


def test_numbering_skips_and_repeats_of_typed_numbers() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 One.\n\n2.3 Two.\n\n3. Fees\n\n3.1 Three.\n\n3.1 Four.\n\n4. Term\n\n4.1 Five."
    )
    got = _messages(text, "HY006")
    assert got == [
        "2.3 follows 2.1: a number is skipped.",
        "3.1 is numbered the same as the clause before it.",
    ]


def test_party_name_needs_two_defined_roles() -> None:
    text = PREAMBLE + "2. Services\n\n2.1 The Vendor shall provide the Services." + SCHEDULE
    assert _messages(text, "HY007") == [
        '"Vendor" is used as if it named a party, but the parties are defined as Customer, Supplier.'
    ]
    single = 'Acme Ltd (the "Supplier") shall provide services. The Vendor shall invoice monthly.'
    assert _messages(single, "HY007") == []


def test_duplicate_definition_with_the_same_wording_is_not_reported() -> None:
    text = PREAMBLE + '2. Terms\n\n2.1 "Charges" means the fees in Schedule 1.' + SCHEDULE
    assert _messages(text, "HY003") == []
    text = PREAMBLE + '2. Terms\n\n2.1 "Charges" means the hourly rates.' + SCHEDULE
    assert len(_messages(text, "HY003")) == 1


def test_definition_table_rows_are_definitions() -> None:
    text = (
        'This Agreement is between Acme Ltd (the "Supplier") and Beta plc (the "Buyer").\n\n'
        '"Supplier Staff"\n\nall persons employed by the Supplier;\n\n'
        '"Intellectual Property Rights" or "IPR"\n\npatents, copyright and similar rights;\n\n'
        "Service Desk\n\nmeans the Supplier's helpdesk.\n\n"
        "1. The Supplier Staff shall use the Service Desk and respect the Buyer's IPR and Intellectual "
        "Property Rights."
    )
    assert _messages(text, "HY001") == []
    assert _messages(text, "HY002") == []

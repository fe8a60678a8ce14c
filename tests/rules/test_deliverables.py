"""The deliverables family: vague wording where it matters, agreements to agree, placeholders, missing
provisions anchored where they belong, and the inventory entries the evaluation scores."""

from __future__ import annotations

import pytest

from contractlint.errors import PatternError
from contractlint.lint import LintConfig, lint_text
from contractlint.model import Finding, Report
from contractlint.nlp import load_patterns
from contractlint.nlp.patterns import parse_lexicon

PARTIES = (
    'This Agreement is made between Fernleaf Bank plc ("Customer") and Quarry Systems Ltd ("Supplier").\n\n'
)


def findings(text: str, code: str, *, party: str | None = None) -> list[Finding]:
    report = lint_text(PARTIES + text, config=LintConfig(select=(code,), party=party))
    return [f for f in report.findings if f.code == code]


def flagged(text: str, code: str = "DV002") -> list[str]:
    """The text each finding points at (its span), not the excerpt around it."""
    full = PARTIES + text
    return [full[f.location.start : f.location.end] for f in findings(text, code)]


def inventory(text: str, kind: str) -> list[str]:
    report: Report = lint_text(PARTIES + text, config=LintConfig(select=("DV",)))
    full = PARTIES + text
    return [full[p.location.start : p.location.end] for p in report.clauses if p.kind == kind]


# --- DV002 vague-wording ---------------------------------------------------------------------------------


def test_vague_term_span_is_the_words_and_the_suggestion_is_specific() -> None:
    found = findings("1. Services\n\nThe Supplier shall promptly correct each reported defect.", "DV002")
    assert len(found) == 1
    f = found[0]
    assert len(PARTIES) < f.location.start
    assert f.excerpt == "promptly"
    assert f.location.clause_number == "1"
    assert "Business Days" in f.suggestion and "Business Days" in f.message


def test_promptly_with_a_time_bound_is_not_vague() -> None:
    text = (
        "1. Services\n\nThe Supplier shall promptly, and in any event within five (5) Business Days, "
        "correct each reported defect."
    )
    assert flagged(text) == []


def test_terms_in_boilerplate_clauses_are_ignored() -> None:
    text = (
        "1. Confidentiality\n\nEach party shall use reasonable efforts to protect Confidential Information "
        "and shall promptly report any breach.\n\n"
        "2. Governing Law\n\nThis Agreement is governed by the laws of England, as amended from time to time."
    )
    assert flagged(text) == []


def test_the_customers_own_duties_are_not_the_providers_vague_deliverables() -> None:
    text = (
        "1. Services\n\nThe Supplier shall provide the hosting services from time to time.\n\n"
        "2. Cooperation\n\nThe Customer shall promptly provide the Supplier with access to its premises."
    )
    assert flagged(text) == ["from time to time"]


def test_reviewing_party_duties_are_skipped_when_given() -> None:
    text = "1. Services\n\nThe Supplier shall provide the services. Fernleaf shall promptly supply data."
    assert findings(text, "DV002", party="Fernleaf") == []


def test_terms_split_by_line_breaks_and_spaces_are_found() -> None:
    text = "1. Services\n\nThe Supplier shall test the backups from time\n      to time."
    assert flagged(text) == ["from time\n      to time"]


def test_precise_uses_of_vague_words_are_not_flagged() -> None:
    text = (
        "1. Services\n\nThe Supplier shall keep the records as required by applicable law and shall staff "
        "the help desk during regular business hours."
    )
    assert flagged(text) == []


def test_a_templates_drafting_notes_are_not_contract_terms() -> None:
    # Common Paper's cover pages: "[Drafting note: ... Customize as appropriate. ...]"
    text = (
        "1. Services\n\nThe Supplier shall provide the support services as appropriate.\n\n"
        "[Drafting note: Optional variable. Customize as appropriate. If no Covered Claims are included, "
        "delete this entire row.]\n\nThe Supplier shall provide the reports as appropriate."
    )
    assert flagged(text) == ["as appropriate", "as appropriate"]


def test_open_list_of_duties_is_vague_but_an_open_list_of_records_is_not() -> None:
    duties = "1. Services\n\nThe Supplier shall provide IT services, including without limitation setup."
    records = "1. Services\n\nThe Supplier shall keep records, including without limitation call logs."
    assert flagged(duties) == ["including without limitation"]
    assert flagged(records) == []


def test_open_scope_of_services_is_vague_wherever_the_services_are_described() -> None:
    text = (
        "1. Background\n\nThe Supplier runs data centres.\n\n"
        "2. Administration\n\nAdministrative services include, but are not limited to, payroll. The "
        "Supplier shall perform all other services and functions related thereto."
    )
    assert flagged(text) == ["include, but are not limited to", "all other services"]


def test_bare_everyday_adjectives_are_not_flagged_but_bound_phrases_are() -> None:
    text = (
        "1. Services\n\nThe Supplier shall invoice a reasonable estimate of the fees and shall keep "
        "sufficient funds in the account. The Supplier shall retain a sufficient number of qualified staff "
        "and perform the services in a timely and professional manner."
    )
    assert flagged(text) == ["sufficient number", "timely and", "professional manner"]


def test_a_standard_the_customer_applies_is_not_the_providers_vague_wording() -> None:
    text = (
        "1. Services\n\nThe Supplier shall provide a substitute manager acceptable to the Customer. The "
        "Supplier shall leave the site in a condition acceptable to its landlord."
    )
    assert flagged(text) == ["acceptable to"]
    assert findings(text, "DV002")[0].location.start > (PARTIES + text).index("landlord") - 30


def test_a_sentence_opening_with_the_customer_is_the_customers_duty() -> None:
    text = (
        "1. Hosting Services\n\nCustomer agrees, as reasonably requested by the Supplier, to provide "
        "access to its premises. The Supplier shall answer questions as reasonably requested."
    )
    assert flagged(text) == ["as reasonably requested"]
    assert findings(text, "DV002")[0].location.start > (PARTIES + text).index("The Supplier shall answer")


def test_a_boilerplate_word_in_another_list_item_does_not_hide_a_duty() -> None:
    text = (
        "1. Development\n\nThe parties agree that (i) the Supplier shall use commercially reasonable "
        "efforts to generate the data; and (ii) all trade secrets arising shall be owned by the Supplier."
    )
    assert flagged(text) == ["commercially reasonable efforts"]


def test_an_open_list_in_a_definition_of_information_is_not_an_open_scope() -> None:
    text = (
        '1. Services\n\nThe Supplier shall provide the services in Schedule 1. "Supplier Information" means '
        "any information (including, but not limited to, technical data) of the Supplier."
    )
    assert flagged(text) == []


def test_the_customers_own_discretion_is_not_the_providers_vague_wording() -> None:
    text = (
        "1. Services\n\nThe Supplier shall store the equipment at any location the Customer deems "
        "necessary. The Supplier shall add staff as it may deem necessary."
    )
    assert flagged(text) == ["deem necessary"]


def test_help_the_customer_gives_is_not_vague_but_help_the_provider_gives_is() -> None:
    text = (
        "1. Services\n\nThe Supplier shall convert the data with the reasonable assistance of the Customer. "
        "The Supplier shall assist the Customer in finding sponsors."
    )
    assert flagged(text) == ["assist"]


def test_on_demand_work_with_a_time_limit_or_a_definition_is_not_vague() -> None:
    text = (
        "1. Services\n\nThe Supplier shall provide the logs upon reasonable request, within ten (10) "
        'Business Days. Any additional services ("Additional Services") shall be ordered by change order.'
    )
    assert flagged(text) == []


def test_joint_duties_include_the_provider() -> None:
    text = (
        "1. Services\n\nThe Supplier shall provide the hosting services. The Supplier and the Customer "
        "will confer from time to time about the link."
    )
    assert flagged(text) == ["from time to time"]


def test_everyday_words_count_only_inside_the_providers_duties() -> None:
    text = (
        "1. Background\n\nThe Customer runs a reasonable number of branches.\n\n"
        "2. Services\n\nThe Supplier shall take reasonable measures to secure the data."
    )
    assert flagged(text) == ["reasonable measures"]


# --- DV005 agreement-to-agree ------------------------------------------------------------------------------


def test_agreement_to_agree_on_price_is_flagged_at_the_words() -> None:
    text = "3. Fees\n\nThe fees for the extra modules are to be mutually agreed by the parties."
    found = findings(text, "DV005")
    assert [f.excerpt for f in found] == ["to be mutually agreed by the parties"]
    assert "fees" in found[0].message


def test_fallback_unless_otherwise_agreed_is_not_an_agreement_to_agree() -> None:
    text = "3. Fees\n\nUnless otherwise agreed by the parties, the fees are payable within 30 days."
    assert findings(text, "DV005") == []


def test_agreement_left_inside_a_provider_duty_is_flagged_without_a_topic_word() -> None:
    text = "2. Drilling\n\nThe Supplier shall perform all logging operations to which the parties agree."
    (f,) = findings(text, "DV005")
    assert f.excerpt == "which the parties agree"
    assert "what the provider must do" in f.message


def test_change_and_exit_by_mutual_agreement_are_mechanisms_not_open_terms() -> None:
    text = (
        "3. Fees\n\nThe fees may be changed by mutual agreement of the parties. The parties may mutually "
        "agree to terminate the services."
    )
    assert findings(text, "DV005") == []


def test_agreement_to_agree_on_unrelated_matters_is_not_flagged() -> None:
    text = "9. Publicity\n\nThe wording of any press release is to be mutually agreed by the parties."
    assert findings(text, "DV005") == []


# --- DV006 placeholder-text --------------------------------------------------------------------------------


def test_placeholders_and_tags_are_each_reported() -> None:
    text = "1. Delivery\n\nThe Supplier shall deliver to {Customer Address} by [DATE], within XX days of TBD."
    assert flagged(text, "DV006") == ["{Customer Address}", "[DATE]", "XX days", "TBD"]


def test_signature_blanks_are_not_placeholders() -> None:
    assert flagged("Signed for the Supplier\n\nBy: ____________________", "DV006") == []


def test_signing_blocks_drawn_lines_and_execution_dates_are_not_placeholders() -> None:
    text = (
        "1. Fees\n\nThe Customer shall pay $________ per month.\n\n"
        "IN WITNESS WHEREOF the parties have signed this Agreement on the ____ day of May 2027.\n\n"
        "QUARRY SYSTEMS LTD\n\n______________________________\n(printed name and title)\n\n"
        "Title:                    ____________________     __________\n\n" + "_" * 60
    )
    assert flagged(text, "DV006") == ["________"]


def test_to_be_determined_by_the_parties_is_an_agreement_to_agree_not_a_placeholder() -> None:
    text = "2. Price\n\nThe price is to be determined by the parties."
    assert flagged(text, "DV006") == []
    assert flagged(text, "DV005") == ["to be determined by the parties"]


# --- missing provisions --------------------------------------------------------------------------------


def test_missing_services_description_anchors_at_the_engagement_clause_and_says_what_was_searched() -> None:
    text = "1. Engagement\n\nThe Customer engages the Supplier.\n\n2. Fees\n\nThe Customer shall pay GBP 500."
    (f,) = findings(text, "DV001")
    assert f.missing and f.anchor == "1 Engagement"
    assert '"statement of work"' in f.searched
    assert any(s.endswith("more patterns") for s in f.searched)


def test_acceptance_missing_only_when_there_are_deliverables() -> None:
    no_deliverables = "1. Services\n\nThe Supplier shall provide payroll services."
    with_deliverables = "1. Deliverables\n\nThe Supplier shall deliver the Deliverables by 1 May 2027."
    assert findings(no_deliverables, "DV004") == []
    (f,) = findings(with_deliverables, "DV004")
    assert f.anchor == "1 Deliverables"


def test_payment_deadline_is_not_a_delivery_deadline() -> None:
    text = (
        "1. Services\n\nThe Supplier shall provide the services in the Statement of Work.\n\n"
        "2. Fees\n\nThe Customer shall pay each invoice within thirty (30) days."
    )
    assert len(findings(text, "DV003")) == 1
    assert inventory(text, "delivery_deadlines") == []


# --- inventory -----------------------------------------------------------------------------------------


def test_delivery_deadline_points_at_the_time_limit() -> None:
    text = "1. Services\n\nThe Supplier shall deliver the reports within ten (10) days after month end."
    assert inventory(text, "delivery_deadlines") == ["within ten (10) days after month end"]


def test_deadline_in_a_list_of_provider_duties_is_a_delivery_deadline() -> None:
    text = (
        "2. Supplier Duties\n\nThe Supplier shall:\n\n2.1 deliver a copy of the source code to the escrow "
        "agent within 30 days of the date of this Agreement;\n\n2.2 keep the copy up to date."
    )
    assert inventory(text, "delivery_deadlines") == ["within 30 days of the date of this Agreement"]


def test_deadline_in_a_list_of_customer_duties_is_not_a_delivery_deadline() -> None:
    text = (
        "1. Services\n\nThe Supplier shall provide the hosting services.\n\n2. Customer Duties\n\nThe "
        "Customer shall:\n\n2.1 provide the content within 10 days of the date of this Agreement;"
    )
    assert inventory(text, "delivery_deadlines") == []


def test_named_delivery_schedule_counts_even_under_an_acceptance_heading() -> None:
    text = (
        "3. Delivery Schedule; Acceptance\n\nEach Statement of Work will include a delivery schedule for "
        "the Deliverables."
    )
    assert inventory(text, "delivery_deadlines")


def test_acceptance_procedure_points_at_the_rejection_mechanics() -> None:
    text = (
        "2. Acceptance\n\nThe Customer may reject a Deliverable that does not conform to the Specification. "
        "A Deliverable not rejected within ten days is deemed accepted."
    )
    found = inventory(text, "acceptance_procedure")
    assert any(s.startswith("reject") for s in found)
    assert "deemed accepted" in found


def test_accepted_invoices_are_not_an_acceptance_procedure() -> None:
    text = "4. Invoices\n\nAmounts not disputed within 15 days are deemed accepted and shall be paid."
    assert inventory(text, "acceptance_procedure") == []


def test_service_levels_and_services_description_are_inventoried() -> None:
    text = (
        "1. Services\n\nThe services shall consist of hosting and support. The Supplier shall keep the "
        "platform available 99.9% of each month and meet the response times in Schedule 2."
    )
    assert inventory(text, "deliverables_defined")
    assert inventory(text, "service_levels")


# --- the lexicon is data -------------------------------------------------------------------------------


def test_every_vague_term_group_has_a_suggestion() -> None:
    groups: dict[str, bool] = {}
    for entry in load_patterns().lexicon:
        if entry.label == "VAGUE_TERM":
            groups[entry.id] = groups.get(entry.id, False) or bool(entry.suggestion)
    assert groups and all(groups.values()), [g for g, ok in groups.items() if not ok]


def test_lexicon_suggestion_must_be_a_string() -> None:
    line = '{"label": "VAGUE_TERM", "pattern": "promptly", "id": "vague-time", "suggestion": 5}'
    with pytest.raises(PatternError, match=r"terms.jsonl:1: 'suggestion' must be a string"):
        list(parse_lexicon(line, "terms.jsonl"))

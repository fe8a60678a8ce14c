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
        "Service Portal. Monthly Reports are due. Supplier Staff shall be vetted.\n\n"
        "2.2 The Supplier shall comply with the Data Protection Act 2018 and the laws of England." + SCHEDULE
    )
    got = _messages(text, "HY001")
    assert len(got) == 1 and got[0].startswith('"Service Portal"')


def test_undefined_term_is_one_finding_with_every_use_related() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall give the Service Portal a report.\n\n"
        "2.2 The Customer may call the Service Portal at any time." + SCHEDULE
    )
    report = lint_text(text, config=LintConfig(select=("HY001",)))
    [finding] = report.findings
    assert "2 times" in finding.message
    assert len(finding.related) == 1
    assert text[finding.related[0].start : finding.related[0].end] == "Service Portal"


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


def test_one_off_phrase_unrelated_to_any_definition_is_taken_for_a_name() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall support the Green Economy.\n\n"
        "2.2 The Supplier shall respect the Quiet Hours. The Customer sets the Quiet Hours.\n\n"
        "2.3 The Supplier shall invoice the Charges Schedule monthly." + SCHEDULE
    )
    got = _messages(text, "HY001")
    assert sorted(m.split('"')[1] for m in got) == ["Charges Schedule", "Quiet Hours"]


def test_names_of_services_laws_and_table_labels_are_not_undefined_terms() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall provide a Night Reception Service and comply with "
        "section 116 of the Housing Grants, Construction and Regeneration Act 1996 and the Housing "
        "Grants, Construction and Regeneration Act 1996.\n\n"
        "2.2 The Supplier shall give the Night Reception Service to the Customer." + SCHEDULE
    )
    assert _messages(text, "HY001") == []


def test_hyphenated_prefix_spells_the_same_term() -> None:
    assert term_key("Key Sub-Contractor") == term_key("Key Subcontractor")
    assert term_key("Call-Off Contract") != term_key("Calloff Contract")


def test_bracketed_and_statute_references_are_not_checked() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 Options: [Annex D1 (Pensions)] [Schedule 7 (Security)].\n\n"
        "2.2 The works are made for hire within 17 U.S.C. Section 101 and FAR section 12.212.\n\n"
        "2.3 Products meet Directive 2012/27/EU (Article 6 and Annex III)." + SCHEDULE
    )
    assert _messages(text, "HY005") == []


def test_an_amendment_cites_the_agreement_it_amends() -> None:
    text = (
        "FIRST AMENDMENT TO SUPPLY AGREEMENT\n\n"
        '1. "Wafers" means the products. "Supplier" means Acme. "Customer" means Globex.\n\n'
        "2. Section 1.5.1 of the Agreement is deleted and Exhibit D is replaced."
    )
    assert _messages(text, "HY005") == []
    assert _messages(text.replace("FIRST AMENDMENT TO ", ""), "HY005") != []


def test_names_of_plans_forms_and_cited_sections_are_not_undefined_terms() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall comply with the Customer's Business Continuity and Disaster "
        "Recovery Plan (BCDR Plan) and the Customer's Health and Safety and fire policies.\n\n"
        "2.2 The Supplier shall provide a Flag Flying service. The Supplier shall operate the Flag Flying "
        "rota.\n\n"
        "2.3 The General Maintenance Requirements as detailed in G:02 apply. The General Maintenance "
        "Requirements shall apply to the Services.\n\n"
        "2.4 This Guarantee Bond is a deed. The Guarantee Bond binds the Supplier.\n\n"
        "3. Health and Safety\n\n3.1 The Supplier shall keep the site safe.\n\n"
        "The Bond Amount: the sum of £10,000.\n\n"
        "2.5 The Customer may call on the Bond Amount. The Bond Amount reduces yearly." + SCHEDULE
    )
    assert _messages(text, "HY001") == []


def test_plans_joined_by_and_are_judged_one_by_one() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The Supplier shall follow the Quality Management Plan and Sustainability "
        "Management Plan. The Customer approves the Quality Management Plan." + SCHEDULE
    )
    got = _messages(text, "HY001")
    assert [m.split('"')[1] for m in got] == ["Quality Management Plan"]


def test_unquoted_numbered_definitions_define_their_terms() -> None:
    text = PREAMBLE + (
        "1.4 Tier One Works means works below £5,000.\n\n"
        "2. Works\n\n2.1 The Supplier shall not start any Tier One Works or any Tier Two Works without "
        "approval. The Customer shall approve the Tier Two Works." + SCHEDULE
    )
    got = _messages(text, "HY001")
    assert [m.split('"')[1] for m in got] == ["Tier Two Works"]


def test_attachments_of_a_pack_cited_by_their_title_are_not_broken() -> None:
    text = PREAMBLE + (
        "2. Services\n\n2.1 The assets are listed in Attachment 5 – Framework Schedule 4 (Call-Off "
        "Contract) and in Attachment 6 (Call-Off Contract).\n\n"
        "2.2 Cleaning follows Appendix B - Cleaning Standards." + SCHEDULE
    )
    got = _messages(text, "HY005")
    assert got == ["Appendix B is referred to, but the agreement has no Appendix B."]


# --- regressions from the round-4 sample of real contracts (benchmarks/labels/hygiene_round4.jsonl) ----


def test_headings_in_flattened_text_are_reference_targets() -> None:
    # EDGAR text puts headings mid-line: "... hereof. ARTICLE II. APPOINTMENT 2.1 Exclusivity ..."
    text = PREAMBLE + (
        "ARTICLE I. SERVICES 1.4 Scope. The Supplier shall provide the Services. ARTICLE II. FEES "
        "2.1 Charges. The Customer shall pay the Charges. 2.2 Late payment. Interest runs on late sums. "
        "WARRANTIES 3.1 Quality. Work is to be done well. 3.2 Remedy. Defects are fixed under Section 3.1, "
        "Section 2.1 and Article II, as set out in this Article I and Section 1.4. Section 9.9 does not "
        "exist." + SCHEDULE
    )
    got = _messages(text, "HY005")
    assert got == ["Section 9.9 is referred to, but the agreement has no section 9.9."]


def test_regulation_and_filing_numbers_are_not_attachments_or_sections() -> None:
    text = PREAMBLE + (
        "2. Compliance\n\n2.1 Source selection information is described in Federal Acquisition Regulation "
        "(FAR) section 3.104. USC TITLE 41, SECTION 423(d) applies. Holders other than Schedule 13G filers "
        "are excluded. The vendor holds a GSA contract, Schedule 70, for IT. EXHIBIT 10.4 is the filing "
        "number.\n\nATTACHMENTS TO THIS RFQ" + SCHEDULE
    )
    assert _messages(text, "HY005") == []


def test_a_section_cited_once_as_another_laws_is_that_laws_everywhere() -> None:
    text = PREAMBLE + (
        "2. Programme\n\n2.1 The Supplier shall support certificates under Section 14(c) of the Fair Labor "
        "Standards Act. The Section 14(c) System holds them. Workers learn their section 14(c) rights."
        + SCHEDULE
    )
    assert _messages(text, "HY005") == []


def test_listed_and_self_titled_attachments_exist() -> None:
    text = PREAMBLE + (
        "2. Quotes\n\n2.1 Price the work in Attachment 3, Pricing Template, and present as set out in "
        "Attachment 4. Attachment 5 is missing.\n\n**Attachment 4: Oral Presentation Instructions**\n\n"
        "Present for one hour.\n\nATTACHMENTS TO THIS RFQ\n\n1. PWS\n\n2. QASP\n\n3. Pricing Template"
        + SCHEDULE
    )
    assert _messages(text, "HY005") == ["Attachment 5 is referred to, but the agreement has no Attachment 5."]


def test_names_cited_to_a_statute_or_another_instrument_are_not_undefined_terms() -> None:
    duties = (
        "The Supplier shall comply with the Stark Law (42 U.S.C. § 1395nn) and may use any Developer App "
        "(as defined in the Developer Agreement). The Supplier shall not use any Life Technologies Mark. "
        "This Cover Page and this Task Order bind the parties. The Board of Directors of the Customer "
        "approves the Schedule of Capital Contributions. The Supplier Portal Login is issued by the Customer."
    )
    text = PREAMBLE + (
        '1.4 "Life Technologies Marks," shall mean the marks listed.\n\n'
        f"2. Compliance\n\n2.1 {duties}\n\n2.2 {duties}" + SCHEDULE
    )
    got = _messages(text, "HY001")
    assert len(got) == 1 and got[0].startswith('"Supplier Portal Login"'), got


def test_a_partys_own_name_before_a_noun_is_not_an_undefined_term() -> None:
    text = (
        'This Agreement is made between Metavante Corporation ("Metavante") and Harbour Dental Ltd '
        '(the "Customer").\n\n1. Definitions\n\n1.1 "Services" means the processing services.\n\n'
        "2. Services\n\n2.1 Metavante shall run the Services on the Metavante System. The Customer shall use "
        "the Branch Upload Tool and report faults in the Branch Upload Tool."
    )
    got = _messages(text, "HY001")
    assert len(got) == 1 and got[0].startswith('"Branch Upload Tool"'), got


# --- regressions from round 5 (benchmarks/labels/hygiene_round5.jsonl) ---------------------------------


def test_a_document_taking_its_definitions_from_another_has_no_undefined_terms() -> None:
    body = "2. Supply\n\n2.1 Porex shall make the Platelet Wafers. Cerus may inspect the Platelet Wafers."
    assert len(_messages(PREAMBLE + body + SCHEDULE, "HY001")) == 1
    imports = (
        "1.4 Capitalized terms not otherwise defined herein have the meanings set forth in the Agreement.\n\n"
    )
    assert _messages(PREAMBLE + imports + body + SCHEDULE, "HY001") == []


def test_terms_cited_by_where_they_are_set_forth_and_mismatched_quotes() -> None:
    text = PREAMBLE + (
        "2. Support\n\n2.1 The Supplier shall meet the Service Levels set forth in Schedule 1 and the "
        "Service Levels set forth in Schedule 1 only. Any Party (the \"Receiving Party') keeps secrets. "
        "The Receiving Party returns them. The Receiving Party destroys copies." + SCHEDULE
    )
    assert _messages(text, "HY001") == []


def test_centred_attachment_headings_and_other_contracts_exhibits() -> None:
    text = PREAMBLE + (
        "2. Officers\n\n2.1 The officers named in Schedule B serve. The marks in Exhibit B of the Contract "
        "for Technology Investment are licensed.\n\nSCHEDULE B to the Agreement\n\nOfficers: A. Smith."
        + SCHEDULE
    )
    assert _messages(text, "HY005") == []


def test_whole_phrase_around_a_defined_term_self_references_and_heading_casing() -> None:
    definitions = '1.3 "Deliverables" means the reports.\n\n1.4 "Change of Control" means a sale.'
    text = PREAMBLE.replace('1.3 "Deliverables" means the reports.', definitions) + (
        "2. Events\n\n2.1 On a Competitive Change of Control the Supplier stops. After a Competitive "
        "Change of Control the Customer pays.\n\n2.2 13.2.1.2 Publicly Traded Equity Interests. A Publicly "
        "Traded Equity interest may be sold. A Publicly Traded Equity interest is free.\n\n2.3 Each party "
        "signed this Contract in Baoding. The Supplier keeps this Contract in Baoding." + SCHEDULE
    )
    got = _messages(text, "HY001")
    # the finding names the whole phrase, not the part before the defined term's own "of"
    assert len(got) == 1 and got[0].startswith('"Competitive Change of Control"'), got


def test_a_section_of_a_law_named_after_its_sub_references_is_not_checked() -> None:
    text = PREAMBLE + (
        "2. Dividends\n\n2.1 No dividend may trigger Section 18 (S) 5005 (B) of the\nInsurance Law of the "
        "State. Section 9 governs." + SCHEDULE
    )
    assert _messages(text, "HY005") == ["Section 9 is referred to, but the agreement has no section 9."]

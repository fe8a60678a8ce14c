"""The exit-strategy rules and inventory: whose right, which basis, which period, where."""

from __future__ import annotations

from contractlint.lint import LintConfig, lint_text
from contractlint.model import Report

PARTIES = (
    'This Agreement is made between Northwind Hosting Ltd ("Supplier") and Acme Retail Inc. ("Customer").\n\n'
)


def _report(text: str, party: str | None = None) -> Report:
    return lint_text(text, config=LintConfig(select=("EX",), party=party))


def _kinds(report: Report, kind: str) -> list[dict[str, str]]:
    return [dict(p.attributes) for p in report.clauses if p.kind == kind]


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def test_convenience_right_records_holder_and_notice_days() -> None:
    report = _report(
        PARTIES
        + (
            "1. Termination. The Customer may terminate this Agreement without cause on ninety (90) d"
            "ays' written notice."
        )
    )
    assert _kinds(report, "termination_for_convenience") == [{"party": "customer", "notice_days": "90"}]
    assert _kinds(report, "termination_notice_period") == [{"days": "90"}]


def test_right_triggered_by_breach_is_for_cause_not_convenience() -> None:
    text = (
        "1. Termination. Either party may terminate this Agreement on thirty (30) days' written n"
        "otice if the other party breaches it and fails to cure the breach within fifteen (15) da"
        "ys."
    )
    report = _report(text)
    assert _kinds(report, "termination_for_convenience") == []
    assert _kinds(report, "termination_for_cause") == [{"cure_days": "15"}]


def test_survival_wording_for_any_reason_is_not_a_right() -> None:
    text = (
        "1. Effect. Upon termination of this Agreement for any reason, the Supplier shall return "
        "all Customer materials."
    )
    report = _report(text)
    assert _kinds(report, "termination_for_convenience") == []
    assert len(_kinds(report, "post_termination_services")) == 1


def test_provider_only_right_does_not_satisfy_customer_by_name() -> None:
    text = PARTIES + (
        "1. Termination. The Supplier may terminate this Agreement for convenience on sixty (60) "
        "days' notice."
    )
    findings = [f for f in _report(text, party="Acme").findings if f.code == "EX002"]
    assert len(findings) == 1
    assert "only Supplier may" in findings[0].message
    assert not [f for f in _report(text, party="Northwind").findings if f.code == "EX002"]


def test_either_party_right_satisfies_any_reviewing_party() -> None:
    text = PARTIES + (
        "1. Termination. Either party may terminate this Agreement for convenience on sixty (60) "
        "days' notice."
    )
    assert "EX002" not in _codes(_report(text, party="Customer"))
    assert "EX002" not in _codes(_report(text))


def test_renewal_window_bounds() -> None:
    base = (
        "1. Term. This Agreement runs for one (1) year and shall automatically renew for successi"
        "ve one (1) year terms unless either party gives notice of non-renewal at least {} days b"
        "efore the end of the then-current term."
    )
    assert "EX005" in _codes(_report(base.format("twenty (20)")))
    assert "EX005" not in _codes(_report(base.format("thirty (30)")))
    assert "EX005" not in _codes(_report(base.format("one hundred eighty (180)")))
    assert "EX005" in _codes(_report(base.format("two hundred (200)")))


def test_renewal_only_by_mutual_agreement_names_a_renewal_term_but_nothing_renews() -> None:
    text = (
        "1. Term. This Agreement runs for two (2) years and may be renewed for successive one (1)"
        " year terms by mutual written agreement of the parties."
    )
    report = _report(text)
    assert len(_kinds(report, "renewal_term")) == 1
    assert _kinds(report, "auto_renewal") == []
    assert _kinds(report, "notice_to_terminate_renewal") == []
    assert "EX005" not in _codes(report)


def test_term_until_terminated_on_notice_is_convenience_not_a_renewal() -> None:
    text = (
        "1. Term. This Agreement shall remain in effect until terminated by either party upon thi"
        "rty (30) days' prior written notice to the other party."
    )
    report = _report(text)
    assert _kinds(report, "termination_for_convenience") == [{"party": "either", "notice_days": "30"}]
    assert _kinds(report, "renewal_term") == []  # nothing renews: the term simply has no end date
    assert _kinds(report, "auto_renewal") == []
    assert "EX005" not in _codes(report)


def test_one_alternative_on_notice_alone_is_convenience_despite_triggers_in_others() -> None:
    text = (
        "1. Termination. This Agreement shall be terminable (a) by the Licensor (i) at any time i"
        "n the event that the Licensee challenges the Licensed Mark or (ii) upon sixty (60) days'"
        " written notice to the Licensee."
    )
    assert len(_kinds(_report(text), "termination_for_convenience")) == 1
    triggered_only = (
        "1. Termination. This Agreement shall be terminable (a) by the Licensor in the event that"
        " the Licensee challenges the Licensed Mark or (b) by the Licensee in the event that the "
        "Licensor ceases to do business, in each case on sixty (60) days' written notice."
    )
    assert _kinds(_report(triggered_only), "termination_for_convenience") == []


def test_cancelling_orders_is_not_a_right_to_leave_the_contract() -> None:
    text = (
        "1. Orders. The Customer may cancel any purchase order at any time before shipment on fiv"
        "e (5) days' written notice."
    )
    assert _kinds(_report(text), "termination_for_convenience") == []


def test_failure_to_pay_is_a_cause_for_termination() -> None:
    text = (
        "1. Termination. The Supplier may terminate this Agreement if the Customer fails to pay any invoice."
    )
    assert len(_kinds(_report(text), "termination_for_cause")) == 1


def test_paying_what_accrued_is_not_a_post_termination_service_but_a_tail_period_is() -> None:
    accrued = (
        "1. Effect. Upon termination of this Agreement, the Customer shall pay all fees earned up"
        " to the date of termination."
    )
    assert _kinds(_report(accrued), "post_termination_services") == []
    tail = (
        "1. Effect. Upon termination of this Agreement, the Customer shall pay the commissions on"
        " sales made for six (6) months after termination."
    )
    assert len(_kinds(_report(tail), "post_termination_services")) == 1


def test_transition_to_a_successor_and_surrender_of_records_are_found() -> None:
    text = (
        "1. Exit. Upon the termination of this Agreement, the Operator shall cooperate in the tra"
        "nsition of operations to the Owner or a successor operator.\n\n2. Records. All records "
        "shall be surrendered to the Owner in usable form upon termination of this Agreement."
    )
    report = _report(text)
    assert len(_kinds(report, "transition_assistance")) == 1
    assert len(_kinds(report, "return_of_data")) == 1
    assert "EX006" not in _codes(report) and "EX007" not in _codes(report)


def test_unilateral_option_to_extend_is_a_renewal_term_but_not_automatic() -> None:
    text = (
        "1. Term. The Customer shall have the option to extend the term of this Agreement for one"
        " (1) additional year by notice given sixty (60) days before expiry."
    )
    report = _report(text)
    assert len(_kinds(report, "renewal_term")) == 1
    assert _kinds(report, "auto_renewal") == []


def test_list_item_takes_its_right_from_the_lead_in() -> None:
    text = (
        "1. Termination. This Agreement may be terminated as follows:\n\n(a) by either party upon"
        " sixty (60) days' prior written notice to the other party;\n\n(b) by the Customer immedi"
        "ately if the Supplier becomes insolvent."
    )
    report = _report(text)
    conv = [p for p in report.clauses if p.kind == "termination_for_convenience"]
    assert len(conv) == 1 and conv[0].excerpt.startswith("(a)")
    assert dict(conv[0].attributes) == {"party": "either", "notice_days": "60"}


def test_missing_exit_findings_anchor_at_termination_clause_and_say_what_was_searched() -> None:
    text = (
        "1. Services. The Supplier shall run the help desk.\n\n2. Termination. Either party may t"
        "erminate this Agreement on ninety (90) days' notice."
    )
    report = _report(text)
    for code in ("EX006", "EX007"):
        finding = next(f for f in report.findings if f.code == code)
        assert finding.missing and finding.anchor == "2 Termination"
        assert finding.searched and all(len(s) < 120 for s in finding.searched)


def test_return_duty_in_a_list_under_an_end_of_contract_lead_in_counts() -> None:
    text = (
        "1. Services. The Supplier shall host the platform.\n\n2. Wind-up. When this Agreement "
        "expires or is terminated:\n\n(a) the Customer's access ends;\n\n(b) the Supplier shall"
        " return to the Customer all records and documents it holds for the Customer."
    )
    report = _report(text)
    found = [p for p in report.clauses if p.kind == "return_of_data"]
    assert len(found) == 1 and found[0].excerpt.startswith("(b)")
    assert "EX007" not in _codes(report)


def test_return_duty_under_an_effect_of_termination_heading_counts() -> None:
    text = (
        "1. Services. The Supplier shall host the platform.\n\n2. Effect of Termination.\n\n(a)"
        " The Customer may no longer use the platform.\n\n(b) At the Customer's request, the Sup"
        "plier will delete Customer Content within sixty (60) days."
    )
    assert "EX007" not in _codes(_report(text))
    silent = text.replace("2. Effect of Termination.", "2. Security.")
    assert "EX007" in _codes(_report(silent))


def test_termination_to_comply_with_law_is_not_convenience() -> None:
    text = PARTIES.replace('Northwind Hosting Ltd ("Supplier")', 'Skyline LLC ("Provider")') + (
        "1. Termination. Either party may terminate this Agreement if the other party commits a "
        "material breach and fails to cure it within thirty (30) days after notice.\n\n2. Expo"
        "rt. Provider may terminate this Agreement immediately without notice or liability to co"
        "mply, as determined in Provider's sole discretion, with applicable export control laws."
    )
    report = _report(text, party="Customer")
    assert _kinds(report, "termination_for_convenience") == []
    ex002 = [f for f in report.findings if f.code == "EX002"]
    assert len(ex002) == 1 and ex002[0].missing and "only" not in ex002[0].message
    assert ex002[0].anchor == "1 Termination"
    assert "EX003" not in _codes(report)


def test_non_renewal_deadline_by_defined_date_is_a_window() -> None:
    text = (
        "1. Term. The Agreement automatically renews for additional Subscription Periods unless "
        "one party gives notice of non-renewal to the other party before the Non-Renewal Notice "
        "Date."
    )
    report = _report(text)
    assert "EX005" not in _codes(report)
    assert _kinds(report, "notice_to_terminate_renewal") == [{"defined_term": "Non-Renewal Notice Date"}]
    vague = text.replace("before the Non-Renewal Notice Date", "before the end of the Subscription Period")
    assert "EX005" in _codes(_report(vague))


def test_proviso_right_after_a_term_clause_is_convenience() -> None:
    text = (
        "1. Term. Unless sooner terminated under this Article, this Agreement runs for five (5) "
        "years from the Effective Date; provided that the Distributor may terminate this Agreeme"
        "nt at any time upon not less than forty-five (45) days' prior written notice."
    )
    assert _kinds(_report(text), "termination_for_convenience") == [
        {"party": "Distributor", "notice_days": "45"}
    ]


def test_for_any_reason_inside_a_condition_is_not_convenience() -> None:
    event = (
        "1. Termination. In the event the Artist should for any reason cease to perform in publi"
        "c, the Company shall have the right to terminate this Agreement."
    )
    assert _kinds(_report(event), "termination_for_convenience") == []
    payment = (
        "1. Fees. In the event this Agreement is terminated for any reason prior to May 31, 2027,"
        " all unpaid marketing fees accrued to the termination date will be due and payable."
    )
    assert _kinds(_report(payment), "termination_for_convenience") == []


def test_without_cause_alternative_after_a_colon_is_convenience() -> None:
    text = (
        "1. Termination. The Buyer may terminate this Agreement upon ninety (90) days' written n"
        "otice to the Seller: (1) if the Buyer stops developing the product or (2) without cause"
        " for any reason or no reason."
    )
    assert len(_kinds(_report(text), "termination_for_convenience")) == 1


def test_redacted_termination_for_convenience_heading_is_a_right() -> None:
    text = "1. Termination.\n\n1.1 Termination for Convenience. [***].\n\n1.2 Fees. [***]."
    report = _report(text)
    assert len(_kinds(report, "termination_for_convenience")) == 1
    assert "EX003" not in _codes(report)  # the notice period is hidden, not absent


def test_ending_one_obligation_is_not_leaving_the_contract() -> None:
    text = (
        "1. Volume. For two (2) years the Customer shall route half of its transactions through "
        "the Bank, provided that the Customer may terminate its obligation under this Clause 1 a"
        "t any time by paying the fee in Schedule 2."
    )
    assert _kinds(_report(text), "termination_for_convenience") == []


def test_notice_of_an_option_to_extend_is_not_a_notice_to_stop_renewal() -> None:
    text = (
        "1. Term. This Agreement runs for three (3) years. If the Distributor wishes to extend t"
        "he term beyond the Initial Term, it must notify the Supplier in writing at least six (6"
        ") months before the end of the Initial Term."
    )
    assert _kinds(_report(text), "notice_to_terminate_renewal") == []


def test_grounds_list_ends_at_the_next_numbered_clause() -> None:
    """Regression: "4.3 The Supplier may increase the Fees ... on 60 days' notice" after a list of
    termination grounds was taken as a ground (a convenience right held by the customer)."""
    text = (
        "3.2 Either party may terminate this Agreement by written notice if the other party:\n\n"
        "(a) commits a material breach which is not remedied within 30 days; or\n\n"
        "(b) becomes insolvent.\n\n"
        "3.3 Clause 4 survives termination.\n\n"
        "4.1 The Supplier may increase the Fees by giving the Customer not less than 60 days' notice.\n"
    )
    kinds = {p.kind for p in lint_text(text).clauses}
    assert "termination_for_cause" in kinds
    assert "termination_for_convenience" not in kinds


def test_nested_sub_list_does_not_end_the_grounds_list() -> None:
    text = (
        "7.2 This Agreement may be terminated upon the occurrence of any of the following events:\n\n"
        "(a) at the election of either party if: (i) the other party is dissolved; (ii) the other party "
        "becomes insolvent;\n\n"
        "(b) by either party upon sixty (60) days prior written notice to the other party.\n"
    )
    found = [p for p in lint_text(text).clauses if p.kind == "termination_for_convenience"]
    assert found and "(b)" in (found[0].clause_ref or found[0].excerpt)


def test_renewal_by_later_agreement_with_no_length_names_no_renewal_term() -> None:
    text = (
        PARTIES
        + "1. Term. This Agreement runs for one (1) year and may be renewed upon mutual, written agreement."
    )
    assert _kinds(_report(text), "renewal_term") == []


def test_renewal_that_states_its_length_is_a_renewal_term_without_automatic_wording() -> None:
    text = PARTIES + (
        "1. Term. This Agreement runs for three (3) years. At the Customer's election, this Agreement shall "
        "renew for a further term of two (2) years on the same terms."
    )
    report = _report(text)
    assert len(_kinds(report, "renewal_term")) == 1
    assert _kinds(report, "auto_renewal") == []


def test_term_that_continues_for_successive_periods_after_the_initial_term_renews() -> None:
    text = PARTIES + (
        "1. Term. This Agreement shall automatically continue following the Initial Term for additional "
        "periods of one (1) year unless either party gives written notice of termination at least sixty "
        "(60) days before the end of the then-current term."
    )
    report = _report(text)
    assert len(_kinds(report, "renewal_term")) == 1
    assert _kinds(report, "notice_to_terminate_renewal") == [{"days": "60"}]


def test_renewal_length_is_not_read_as_the_notice_period() -> None:
    text = PARTIES + (
        "1. Term. This Agreement shall be renewed automatically for another five (5) years upon its expiry "
        "unless the parties confirm its termination in writing."
    )
    report = _report(text)
    assert len(_kinds(report, "auto_renewal")) == 1
    assert _kinds(report, "notice_to_terminate_renewal") == []


def test_notice_named_in_the_sentence_before_an_automatic_renewal_is_its_window() -> None:
    text = PARTIES + (
        "1. Term. A party that wishes to end this Agreement at expiry shall notify the other party no less "
        "than thirty (30) days before the expiration of the term then in effect. If neither party gives such "
        "notice, the term of this Agreement shall be automatically renewed for another one (1) year."
    )
    assert _kinds(_report(text), "notice_to_terminate_renewal") == [{"days": "30"}]


def test_recital_about_extending_a_term_is_not_a_renewal() -> None:
    text = PARTIES + "WHEREAS, the parties wish to extend the term of the Agreement for two (2) years."
    assert _kinds(_report(text), "renewal_term") == []


def _post_excerpts(report: Report) -> list[str]:
    return [
        report.document.text[p.location.start : p.location.end]
        for p in report.clauses
        if p.kind == "post_termination_services"
    ]


def test_bare_survival_list_is_not_a_post_termination_duty_but_a_scoped_survival_is() -> None:
    bare = (
        "1. Survival. Sections 4 and 7 shall survive the termination of this Agreement and the Supplier"
        " will keep its records."
    )
    assert _kinds(_report(bare), "post_termination_services") == []
    scoped = (
        "1. Survival. The Customer's obligation to pay royalties shall survive the termination of this"
        " Agreement and will continue for as long as the Customer continues to sell the Products."
    )
    assert len(_kinds(_report(scoped), "post_termination_services")) == 1


def test_consequence_of_one_party_terminating_is_a_post_termination_duty() -> None:
    text = (
        "1. Effect. In the event that the Supplier terminates this Agreement, the Customer shall"
        " transfer all open orders to the Supplier."
    )
    assert len(_kinds(_report(text), "post_termination_services")) == 1


def test_duty_items_under_an_end_lead_in_are_reported_where_they_are() -> None:
    text = (
        "1. Effect. Upon termination of this Agreement, the Supplier shall continue to provide the"
        " Services for ninety (90) days after termination.\n\n"
        "2. Wind-down. Upon termination of this Agreement, the Supplier shall:\n\n"
        "(a) deliver to the Customer all work in progress; and\n\n"
        "(b) cease using the Customer's name.\n\n"
    )
    excerpts = _post_excerpts(_report(text))
    assert any("deliver to the Customer all work in progress" in e for e in excerpts)
    assert not any("cease using" in e for e in excerpts)
    alone = (
        "1. Effect. Upon termination of this Agreement, the Supplier shall:\n\n"
        "(a) deliver to the Customer all work in progress.\n\n"
    )
    assert _kinds(_report(alone), "post_termination_services") == []


def test_a_duty_carved_out_of_a_release_still_counts() -> None:
    released = (
        "1. Effect. Upon termination of this Agreement, the Supplier shall have no further obligations"
        " to fill orders."
    )
    assert _kinds(_report(released), "post_termination_services") == []
    carved = (
        "1. Effect. Upon termination of this Agreement, the Supplier shall have no further obligations,"
        " except that the Supplier shall fill orders accepted before termination within thirty (30)"
        " days thereafter."
    )
    assert len(_kinds(_report(carved), "post_termination_services")) == 1


def test_list_item_opening_on_the_duty_verb_takes_its_shall_from_the_lead_in() -> None:
    text = (
        "1. Effect. Upon termination of this Agreement the Distributor will:\n\n"
        "(a) pay all sums then due;\n\n"
        "(b) return to the Supplier within twenty (20) days after termination all demonstration units;\n\n"
    )
    excerpts = _post_excerpts(_report(text))
    assert len(excerpts) == 1 and "demonstration units" in excerpts[0]
    heading = "6. Transition: Upon termination of this Agreement all licences granted hereunder end."
    assert _kinds(_report(heading), "post_termination_services") == []


def test_a_named_termination_period_is_time_after_the_end() -> None:
    text = (
        "1. Wind-down. During the Termination Period the Supplier shall continue to provide the Services"
        " at the then current rates."
    )
    assert len(_kinds(_report(text), "post_termination_services")) == 1


def test_duty_after_the_end_of_something_else_is_not_a_post_termination_service() -> None:
    other = _report(
        "1. Option. If the Offeree makes no election, the Seller shall sell its interest within sixty (60) "
        "days after the expiration of the Option Period.\n\n"
        "2. Warranties. As of the Effective Date and to and through the expiration or termination of this "
        "Agreement, each party shall keep complete and accurate records."
    )
    assert _kinds(other, "post_termination_services") == []


def test_timed_duty_after_the_end_and_scoped_survival_are_post_termination_services() -> None:
    timed = _report(
        "For twenty-four (24) months following termination of this Agreement, the Licensee shall state on "
        "its materials that it no longer operates under the Licensed Mark."
    )
    assert len(_kinds(timed, "post_termination_services")) == 1
    scoped = _report(
        "Any provisions of this Agreement necessary to balance receipts and deliveries shall survive the "
        "expiration of this Agreement until such time as such balancing has been accomplished."
    )
    assert len(_kinds(scoped, "post_termination_services")) == 1
    definition = _report(
        '"Tail Period" shall mean the period commencing on the day after the expiration of the Term.'
    )
    assert _kinds(definition, "post_termination_services") == []


def test_lettered_alternatives_past_a_semicolon_each_grant_a_right() -> None:
    # "(a) ...; or" ends one sentence and "(b) ..." starts the next: (b) still takes the right from (a)'s
    # sentence (CUAD TALCOTT services agreement, section 12).
    text = PARTIES + (
        "12. Termination. This Agreement shall terminate (a) at the option of any party, upon 90 days' "
        "advance written notice to the other parties; or (b) in the event of a material breach that has "
        "not been cured within ten days following a written notice of breach to the breaching party."
    )
    report = _report(text)
    assert [k["notice_days"] for k in _kinds(report, "termination_for_convenience")] == ["90"]
    assert _kinds(report, "termination_for_cause") == [{"cure_days": "10"}]

"""Typed clause numbers: what the parser must find, and the prose it must leave alone."""

from __future__ import annotations

import pytest

from contractlint.extract.numbers import classify_number, parse_typed_number


@pytest.mark.parametrize(
    ("text", "number", "style", "depth"),
    [
        ("1. Definitions", "1.", "decimal", 1),
        ("1.1 Provision of Services. (a) Provider agrees", "1.1", "decimal", 2),
        ("1.1.1 The Supplier shall", "1.1.1", "decimal", 3),
        ("3.1.1 a monthly service charge", "3.1.1", "decimal", 3),
        ("12. Termination. Either party may", "12.", "decimal", 1),
        ("(a) provide the Services", "(a)", "paren-lower-alpha", 1),
        ("a) the Client", "a)", "paren-lower-alpha", 1),
        ("(iv) any breach", "(iv)", "paren-lower-roman", 1),
        ("(i) the first", "(i)", "paren-lower-roman-or-alpha", 1),
        ("(A) Company shall", "(A)", "paren-upper-alpha", 1),
        ("A. Company is a corporation", "A.", "upper-alpha", 1),
        ("Section 5", "Section 5", "section", 1),
        ("SECTION 5.2 Payment Terms.", "SECTION 5.2", "section", 2),
        ("ARTICLE IV", "ARTICLE IV", "article", 1),
        ("Article 3 - Term", "Article 3", "article", 1),
        ("§ 3 Fees", "§ 3", "section", 1),
        ("Clause 4", "Clause 4", "clause", 1),
        ("Schedule 2", "Schedule 2", "schedule", 1),
        ("SCHEDULE 2", "SCHEDULE 2", "schedule", 1),
        ("Exhibit A", "Exhibit A", "exhibit", 1),
        ("Annex 1", "Annex 1", "annex", 1),
        ("Appendix B", "Appendix B", "appendix", 1),
        ("Part 3", "Part 3", "part", 1),
        ("1.0 Services", "1.0", "decimal", 1),
    ],
)
def test_recognises_clause_numbers(text: str, number: str, style: str, depth: int) -> None:
    found = parse_typed_number(text)
    assert found is not None
    assert (found.number, found.style, found.depth) == (number, style, depth)
    assert text[found.start : found.end] == number


@pytest.mark.parametrize(
    "text",
    [
        "2019 was a record year for the Supplier.",
        "5 days after a late payment notice, the Supplier may suspend.",
        "$5,000 is payable on signature.",
        "5,000 shares are issued.",
        "12/31/2020 is the Expiry Date.",
        "1.5 hours of support are included.",
        "1.5% of the Fees",
        "January 1, 2020",
        "5 Business Days after receipt",
        "Section 5 of this Agreement applies.",
        "Exhibit 10.3",
        "e.g. the Services",
        "The Supplier shall",
    ],
)
def test_leaves_prose_alone(text: str) -> None:
    assert parse_typed_number(text) is None


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("12. Termination. Either party may terminate.", "Termination", "Either party"),
        ("1.1 Provision of Services. (a) Provider agrees", "Provision of Services", "(a) Provider"),
        ("1. DEFINITIONS AND INTERPRETATION", "DEFINITIONS AND INTERPRETATION", ""),
        ("ARTICLE IV - TERM AND TERMINATION", "TERM AND TERMINATION", ""),
        ("ARTICLE 1\nDEFINITIONS", "DEFINITIONS", ""),
        ("11. SEVERABILITY; GOVERNING LAW. In the event", "SEVERABILITY; GOVERNING LAW", "In the"),
        ("(b) Notices. All notices shall be in writing.", "Notices", "All notices"),
    ],
)
def test_run_in_titles(text: str, title: str, body: str) -> None:
    found = parse_typed_number(text)
    assert found is not None
    assert found.title == title
    assert text[found.body_start :].startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        "3. The Customer shall pay all fees.",
        "(a) provide the Services in a timely manner",
        '1.1 "Affiliate" means any entity that controls a party.',
        "4. Acme Corp. Inc. shall pay",
    ],
)
def test_sentences_are_not_titles(text: str) -> None:
    found = parse_typed_number(text)
    assert found is not None
    assert found.title is None


def test_bare_integer_needs_a_heading() -> None:
    found = parse_typed_number("3 DEFINITIONS")
    assert found is not None and found.title == "DEFINITIONS"
    assert parse_typed_number("3 apples were delivered") is None


def test_tab_after_a_bare_integer_marks_a_sentence_case_heading() -> None:
    found = parse_typed_number("4\tPricing and payments")
    assert found is not None and (found.label, found.title) == ("4", "Pricing and payments")
    assert parse_typed_number("4\tPricing and payments are due within 30 days.") is None
    tabbed = parse_typed_number("23.6  \tif the Buyer asks for details")
    assert tabbed is not None and tabbed.label == "23.6"


def test_classify_word_labels() -> None:
    assert classify_number("1.") is not None
    one = classify_number("1.1")
    assert one is not None and (one.style, one.depth) == ("decimal", 2)
    art = classify_number("ARTICLE I")
    assert art is not None and (art.style, art.value) == ("article", 1)
    assert classify_number("•") is None
    assert classify_number("") is None

"""Durations, deadlines, frequencies and money: what was found, and the normalised value."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language


def found(nlp: Language, text: str, key: str, attr: str) -> list[tuple[str, dict[str, Any]]]:
    doc = nlp(text)
    return [(s.text, s._.get(attr)) for s in doc.spans[key]]


def durations(nlp: Language, text: str) -> list[tuple[str, dict[str, Any]]]:
    return found(nlp, text, "durations", "cl_duration")


def test_thirty_bracket_30_days(nlp: Language) -> None:
    [(text, value)] = durations(
        nlp, "The Customer shall pay each invoice within thirty (30) days of receipt."
    )
    assert text == "within thirty (30) days of receipt"
    assert value["amount"] == 30 and value["unit"] == "day" and value["days"] == 30
    assert value["bound"] == "within" and value["deadline"] is True
    assert value["anchor_relation"] == "after" and value["anchor"] == "receipt"


def test_business_days(nlp: Language) -> None:
    [(text, value)] = durations(nlp, "The Supplier shall respond within five (5) Business Days.")
    assert text == "within five (5) Business Days"
    assert (value["amount"], value["unit"], value["business"]) == (5, "day", True)


def test_notice_period_before_the_event(nlp: Language) -> None:
    [(text, value)] = durations(
        nlp, "Either Party may terminate this Agreement on at least sixty (60) days' prior written notice."
    )
    assert text == "at least sixty (60) days' prior written notice"
    assert value["bound"] == "at_least" and value["notice"] is True
    assert value["anchor_relation"] == "before" and value["days"] == 60


def test_not_less_than_before_end_of_term(nlp: Language) -> None:
    [(text, value)] = durations(
        nlp, "Notice of non-renewal must be given not less than 90 days before the end of the Term."
    )
    assert text == "not less than 90 days before the end of the Term"
    assert value["bound"] == "at_least"
    assert value["anchor_relation"] == "before" and value["anchor"] == "the end of the Term"


def test_months_and_years_normalise_to_days(nlp: Language) -> None:
    [(_, months)] = durations(nlp, "The initial term is twelve (12) months.")
    [(_, years)] = durations(nlp, "The warranty lasts for a period of two years from Acceptance.")
    assert (months["amount"], months["unit"], months["days"]) == (12, "month", 360)
    assert (years["amount"], years["unit"], years["days"], years["bound"]) == (2, "year", 730, "for")


def test_date_deadline(nlp: Language) -> None:
    [(text, value)] = durations(nlp, "The Supplier shall complete the migration no later than 1 March 2027.")
    assert text == "no later than 1 March 2027"
    assert value == {"date": "2027-03-01", "bound": "no_later_than", "deadline": True}
    [(_, us_style)] = durations(nlp, "Delivery shall occur on or before March 15, 2026.")
    assert us_style["date"] == "2026-03-15"


@pytest.mark.parametrize(
    "text",
    [
        "The Supplier shall deliver 30 units to the Business Day address.",
        "See Section 30 of the Agreement for the days of operation.",
        "A day of reckoning is not a duration.",
        "the impossible date no later than 31 February 2027",
    ],
)
def test_not_durations(nlp: Language, text: str) -> None:
    assert durations(nlp, text) == []


def frequencies(nlp: Language, text: str) -> list[tuple[str, dict[str, Any]]]:
    return found(nlp, text, "frequencies", "cl_frequency")


@pytest.mark.parametrize(
    ("text", "phrase", "unit", "every", "period_days", "at_least"),
    [
        ("The Supplier shall provide monthly reports.", "monthly", "month", 1, 30, False),
        ("The parties shall meet every two weeks.", "every two weeks", "week", 2, 14, False),
        ("The Supplier shall report at least quarterly.", "at least quarterly", "quarter", 1, 91, True),
        ("The Supplier shall hold weekly status meetings.", "weekly", "week", 1, 7, False),
        ("The fees are reviewed annually.", "annually", "year", 1, 365, False),
        ("Backups are tested on a monthly basis.", "on a monthly basis", "month", 1, 30, False),
        ("Audits may be carried out twice a year.", "twice a year", "year", 0.5, 182.5, False),
    ],
)
def test_frequencies(
    nlp: Language, text: str, phrase: str, unit: str, every: float, period_days: float, at_least: bool
) -> None:
    [(got, value)] = frequencies(nlp, text)
    assert got == phrase
    assert value == {"unit": unit, "every": every, "period_days": period_days, "at_least": at_least}


def test_deadline_after_each_month_is_both_duration_and_frequency(nlp: Language) -> None:
    text = "The Supplier shall deliver a report within 10 days after the end of each month."
    assert [f for f, _ in frequencies(nlp, text)] == ["each month"]
    [(_, d)] = durations(nlp, text)
    assert d["days"] == 10 and d["anchor"] == "the end of each month"


@pytest.mark.parametrize(
    "text",
    [
        "Each Party shall bear its own costs.",
        "The term is thirty (30) days.",
        "Every Deliverable shall be tested.",
    ],
)
def test_not_frequencies(nlp: Language, text: str) -> None:
    assert frequencies(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "phrase", "amount", "currency"),
    [
        ("liability is capped at $1,000,000 in aggregate", "$1,000,000", 1_000_000, "USD"),
        ("a fee of USD 5,000 per month", "USD 5,000", 5_000, "USD"),
        ("the Supplier's liability shall not exceed £250,000", "£250,000", 250_000, "GBP"),
        ("an amount equal to five million dollars", "five million dollars", 5_000_000, "USD"),
        ("a cap of €2.5 million", "€2.5 million", 2_500_000, "EUR"),
        (
            "Five Hundred Thousand Dollars ($500,000)",
            "Five Hundred Thousand Dollars ($500,000)",
            500_000,
            "USD",
        ),
    ],
)
def test_money(nlp: Language, text: str, phrase: str, amount: float, currency: str) -> None:
    [(got, value)] = found(nlp, text, "money", "cl_money")
    assert got == phrase
    assert value == {"amount": amount, "currency": currency}


@pytest.mark.parametrize(
    "text",
    ["The Supplier shall deliver 5,000 units.", "Clause 1,000 does not exist.", "pay in usd 500 later"],
)
def test_not_money(nlp: Language, text: str) -> None:
    assert found(nlp, text, "money", "cl_money") == []


def test_a_duration_opening_on_a_case_folded_letter_is_still_found() -> None:
    """The first-word pre-filter compares lower-cased text; "ſ" (long s) is no "s" to ``str.lower`` but
    is one to the case-insensitive regex, so a text holding it is not pre-filtered."""
    from contractlint.nlp.recognisers import find_durations

    text = "The fee is payable le\u017fs than 30 days after invoice."
    assert [h[:2] for h in find_durations(text)] == [(19, 50)]
    assert [h[:2] for h in find_durations(text.replace("\u017f", "s"))] == [(19, 50)]

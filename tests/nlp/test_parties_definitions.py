"""Parties from the preamble and defined terms with the span of their definition."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

PREAMBLE = (
    "This Master Services Agreement is made between Acme Ltd, a company incorporated in England and Wales "
    'with company number 01234567 (the "Supplier"), and Globex Corporation, a Delaware corporation '
    '("Customer"), each a "Party" and together the "Parties".'
)


def parties(nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    return [s._.cl_party for s in doc.spans["parties"]]


def test_preamble_roles_with_company_names(nlp: Language) -> None:
    got = {p["role"]: p for p in parties(nlp, PREAMBLE)}
    assert got["Supplier"]["name"] == "Acme Ltd"
    assert PREAMBLE[got["Supplier"]["name_start"] : got["Supplier"]["name_end"]] == "Acme Ltd"
    assert got["Customer"]["name"] == "Globex Corporation"
    assert got["Party"]["generic"] and got["Parties"]["generic"]
    assert not got["Supplier"]["generic"]


def test_hereinafter_role(nlp: Language) -> None:
    text = "Initech GmbH, hereinafter referred to as \u201cProvider\u201d, and the Client agree as follows."
    [party] = parties(nlp, text)
    assert party["role"] == "Provider" and party["name"] == "Initech GmbH"


def test_bracketed_role_word_without_company_suffix(nlp: Language) -> None:
    [party] = parties(nlp, 'This agreement is between Jane Doe ("Consultant") and the Company.')
    assert party["role"] == "Consultant"


def test_defined_terms_that_are_not_parties(nlp: Language) -> None:
    text = 'Acme Inc. shall provide certain support services (the "Services") from the Effective Date.'
    assert parties(nlp, text) == []
    doc = nlp(text)
    [term] = doc.spans["definitions"]
    assert term.text == "Services"


def definitions(nlp: Language, text: str) -> dict[str, tuple[str, str]]:
    out = {}
    doc = nlp(text)
    for span in doc.spans["definitions"]:
        value = span._.cl_definition
        out[value["term"]] = (value["form"], text[value["start"] : value["end"]])
    return out


def test_means_definitions_in_a_list(nlp: Language) -> None:
    text = (
        '"Deliverables" means all documents, software and other materials provided by the Supplier under a '
        'SOW; "Service Levels" shall mean the performance standards set out in Schedule 2; and '
        "\u201cSOW\u201d has the meaning given in Clause 3.1."
    )
    got = definitions(nlp, text)
    assert got["Deliverables"] == (
        "means",
        "all documents, software and other materials provided by the Supplier under a SOW",
    )
    assert got["Service Levels"] == ("means", "the performance standards set out in Schedule 2; and")
    assert got["SOW"] == ("means", "given in Clause 3.1")


def test_definitions_as_separate_blocks(nlp: Language) -> None:
    text = (
        '"Charges" means the fees payable under Schedule 4.\n\n'
        '"Term" means the Initial Term and any Renewal Term.'
    )
    got = definitions(nlp, text)
    assert got["Charges"][1] == "the fees payable under Schedule 4"
    assert got["Term"][1] == "the Initial Term and any Renewal Term"


def test_parenthetical_definition_span(nlp: Language) -> None:
    text = 'The Supplier shall provide the hosting and support services (the "Services") to the Customer.'
    got = definitions(nlp, text)
    assert got["Services"] == ("parenthetical", "The Supplier shall provide the hosting and support services")


def test_quoted_words_that_are_not_definitions(nlp: Language) -> None:
    text = 'The Supplier shall mark each page "Confidential" before disclosure.'
    assert definitions(nlp, text) == {}


def test_unquoted_definitions_at_the_start_of_a_numbered_line(nlp: Language) -> None:
    text = (
        "5.2 In this Schedule:\n\n"
        "5.2.6 Tier One Billable Works means works with a value below the threshold.\n\n"
        "(b) Resource Rates shall mean the rates in the Price List.\n\n"
        "5.3 The Supplier shall quote for the Tier One Billable Works. Each quote means a written offer."
    )
    got = definitions(nlp, text)
    assert got["Tier One Billable Works"] == ("means", "works with a value below the threshold")
    assert got["Resource Rates"] == ("means", "the rates in the Price List")
    assert set(got) == {"Tier One Billable Works", "Resource Rates"}


def test_single_curly_quotes_define_terms(nlp: Language) -> None:
    text = "The liability shall not exceed the sum set out in the Schedule (the \u2018Bond Amount\u2019)."
    assert definitions(nlp, text)["Bond Amount"][0] == "parenthetical"
    text = "The Supplier shall pay the costs (the \u2018Supplier\u2019s Costs\u2019) on demand."
    assert "Supplier\u2019s Costs" in definitions(nlp, text)

"""Obligations: who must do what, by when and how often."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from contractlint.nlp import analyse

PREAMBLE = 'This Agreement is between Acme Ltd (the "Provider") and Globex Inc. (the "Client").\n\n'


def obligations(nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    return [s._.cl_obligation for s in doc.spans["obligations"]]


def test_subject_modal_and_deadline(nlp: Language) -> None:
    [ob] = obligations(
        nlp,
        PREAMBLE
        + "The Provider shall deliver the Service Report within five (5) Business Days after the end of "
        "each month.",
    )
    assert ob["party"] == "Provider" and ob["subject"] == "The Provider"
    assert ob["modal"] == "shall" and not ob["negated"] and ob["action"] == "deliver"
    [deadline] = ob["deadlines"]
    assert deadline["text"].startswith("within five (5) Business Days") and deadline["business"]
    assert [f["text"] for f in ob["frequencies"]] == ["each month"]


def test_roles_resolve_without_a_preamble_from_common_role_words(nlp: Language) -> None:
    [ob] = obligations(nlp, "The Customer will pay all undisputed invoices within 30 days.")
    assert ob["party"] == "Customer" and ob["modal"] == "will" and ob["deadlines"][0]["days"] == 30


def test_agrees_to_and_must(nlp: Language) -> None:
    obs = obligations(
        nlp, PREAMBLE + "Client agrees to provide access to its premises. Provider must maintain insurance."
    )
    assert [(o["party"], o["modal"], o["action"]) for o in obs] == [
        ("Client", "agrees to", "provide"),
        ("Provider", "must", "maintain"),
    ]


def test_negation(nlp: Language) -> None:
    obs = obligations(
        nlp,
        PREAMBLE
        + "The Provider shall not subcontract any Services. Neither Party shall assign this Agreement.",
    )
    assert [(o["party"], o["negated"]) for o in obs] == [("Provider", True), ("Party", True)]
    assert obs[1]["party_scope"] == "neither"


def test_pronoun_subject_resolves_to_the_party_named_before(nlp: Language) -> None:
    [ob] = obligations(
        nlp, PREAMBLE + "The Provider warrants that it will perform the Services with due care."
    )
    assert ob["subject"] == "it" and ob["party"] == "Provider"


def test_two_duties_in_one_sentence_are_split(nlp: Language) -> None:
    obs = obligations(
        nlp,
        PREAMBLE + "The Provider shall submit a report monthly, and the Client shall respond within 10 days.",
    )
    assert [
        (o["party"], [f["text"] for f in o["frequencies"]], [d["days"] for d in o["deadlines"]]) for o in obs
    ] == [
        ("Provider", ["monthly"], []),
        ("Client", [], [10]),
    ]


def test_list_items_inherit_the_lead_in(nlp: Language) -> None:
    obs = obligations(
        nlp,
        PREAMBLE
        + "The Provider shall: (a) appoint a Service Manager; (b) attend weekly status meetings; and "
        "(c) deliver a written report within 10 days after the end of each quarter.",
    )
    items = [o for o in obs if o["inherited"]]
    assert [(o["party"], o["action"]) for o in items] == [
        ("Provider", "appoint"),
        ("Provider", "attend"),
        ("Provider", "deliver"),
    ]
    assert [f["text"] for f in items[1]["frequencies"]] == ["weekly"]
    assert items[2]["deadlines"][0]["days"] == 10


def test_not_obligations(nlp: Language) -> None:
    text = (
        PREAMBLE
        + '"Services" shall mean the services in Schedule 1. This Agreement shall be deemed effective on '
        "signature. Either Party may terminate for convenience. Employment is at will."
    )
    assert obligations(nlp, text) == []


def test_passive_duty_keeps_subject_without_party(nlp: Language) -> None:
    [ob] = obligations(nlp, "Payment shall be made within thirty (30) days of the invoice date.")
    assert ob["subject"] == "Payment" and ob["party"] is None and ob["action"] == "be made"


def test_roles_carry_across_chunks(nlp: Language) -> None:
    body = "The Vendor-side team shall assist. " * 10
    text = (
        'This Agreement is between Acme Ltd (the "Integrator") and Globex Inc. (the "Client").\n\n'
        + body
        + ("\n\nThe Integrator shall deliver the Deliverables.")
    )
    docs = analyse(nlp, text, max_chars=200)
    assert len(docs) > 2
    last = [s._.cl_obligation for d in docs for s in d.spans["obligations"]][-1]
    assert last["party"] == "Integrator"
    doc = docs[-1]
    span = doc.spans["obligations"][-1]
    assert text[doc._.cl_offset + span.start_char : doc._.cl_offset + span.end_char] == (
        "The Integrator shall deliver the Deliverables."
    )

from __future__ import annotations

from spacy.language import Language

from contractlint.nlp.sentences import sentence_starts


def sents(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_breaks_at_full_stop_before_capital(nlp: Language) -> None:
    assert sents(nlp, "The Supplier shall perform the Services. The Customer shall pay the Charges.") == [
        "The Supplier shall perform the Services.",
        "The Customer shall pay the Charges.",
    ]


def test_no_break_after_abbreviations(nlp: Language) -> None:
    text = (
        "The Supplier shall comply with Sch. 2 para. 4 and Order No. 7 of Acme Inc. The Customer may "
        "audit records, e.g. Invoices, at any time."
    )
    assert sents(nlp, text) == [
        "The Supplier shall comply with Sch. 2 para. 4 and Order No. 7 of Acme Inc. The Customer may "
        "audit records, e.g. Invoices, at any time."
    ]


def test_initials_do_not_break_but_exhibit_letters_do(nlp: Language) -> None:
    assert sents(nlp, "Signed by J. Smith for the Supplier.") == ["Signed by J. Smith for the Supplier."]
    assert sents(nlp, "The fees are set out in Exhibit A. The Customer shall pay them.") == [
        "The fees are set out in Exhibit A.",
        "The Customer shall pay them.",
    ]


def test_headings_are_sentences_of_their_own(nlp: Language) -> None:
    text = (
        "12. Termination. 12.1 Either Party may terminate this Agreement. "
        "12.2 Termination shall not affect accrued rights."
    )
    assert sents(nlp, text) == [
        "12. Termination.",
        "12.1 Either Party may terminate this Agreement.",
        "12.2 Termination shall not affect accrued rights.",
    ]


def test_blank_line_always_breaks(nlp: Language) -> None:
    text = "SCHEDULE 1 SERVICES\n\nthe services described below\n\nand any related work"
    assert sents(nlp, text) == ["SCHEDULE 1 SERVICES", "the services described below", "and any related work"]


def test_enumeration_items_are_sentences_and_spans(nlp: Language) -> None:
    text = (
        "The Supplier shall: (a) provide the Services in accordance with the SOW; (b) deliver monthly "
        "reports; and (c) attend quarterly review meetings. The Customer shall pay."
    )
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == [
        "The Supplier shall:",
        "(a) provide the Services in accordance with the SOW;",
        "(b) deliver monthly reports; and",
        "(c) attend quarterly review meetings.",
        "The Customer shall pay.",
    ]
    items = doc.spans["items"]
    assert [i.label_ for i in items] == ["(a)", "(b)", "(c)"]
    lead = items[0]._.cl_item["lead_in"]
    assert text[lead[0] : lead[1]] == "The Supplier shall:"
    assert all(i._.cl_item["lead_in"] == lead for i in items)


def test_bracketed_words_mid_sentence_are_not_items(nlp: Language) -> None:
    doc = nlp("The Supplier (acting reasonably) shall notify the Customer.")
    assert len(list(doc.sents)) == 1
    assert list(doc.spans["items"]) == []


def test_sentence_starts_on_raw_text() -> None:
    text = "1. Services. 1.1 Scope. (a) Provider agrees to provide the Services. (b) Recipient may assign."
    starts = sentence_starts(text)
    assert [text[s : s + 8] for s in starts] == ["1. Servi", "1.1 Scop", "(a) Prov", "(b) Reci"]

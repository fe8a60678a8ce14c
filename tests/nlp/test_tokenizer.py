from __future__ import annotations

import pytest
from spacy.language import Language


def tokens(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as set out in Clause 4.2(b), the Supplier", ["as", "set", "out", "in", "Clause", "4.2(b)", ","]),
        ("under 12.1(a)(iii).", ["under", "12.1(a)(iii)", "."]),
        ("see Section 14.3.", ["see", "Section", "14.3", "."]),
        ("pursuant to §3 and §4.1(c)", ["pursuant", "to", "§3", "and", "§4.1(c)"]),
        ("shall: (a) pay; (ii) report", ["shall", ":", "(a)", "pay", ";", "(ii)", "report"]),
        ("in Sch. 2 para. 4 of Annex No. 3", ["in", "Sch.", "2", "para.", "4", "of", "Annex", "No.", "3"]),
        ("costs, e.g. travel, i.e. all", ["costs", ",", "e.g.", "travel", ",", "i.e.", "all"]),
        (
            "Acme Inc. and Beta Ltd. and Gamma Pty. Ltd.",
            ["Acme", "Inc.", "and", "Beta", "Ltd.", "and", "Gamma", "Pty.", "Ltd."],
        ),
        ("a U.S. corporation", ["a", "U.S.", "corporation"]),
    ],
)
def test_legal_tokens_stay_whole(nlp: Language, text: str, expected: list[str]) -> None:
    assert tokens(nlp, text)[: len(expected)] == expected


def test_numbers_in_brackets_are_not_clause_references(nlp: Language) -> None:
    # "thirty (30) days" keeps 30 as a number token, so like_num-based patterns still work.
    doc = nlp.make_doc("within thirty (30) days")
    assert [t.text for t in doc] == ["within", "thirty", "(", "30", ")", "days"]
    assert doc[3].like_num


def test_enumerator_followed_by_punctuation_stays_whole(nlp: Language) -> None:
    assert tokens(nlp, "subsection (b), and")[:3] == ["subsection", "(b)", ","]


def test_tokenizer_keeps_the_text_so_components_need_not_rebuild_it(nlp: Language) -> None:
    from contractlint.nlp.extensions import doc_text

    doc = nlp.make_doc("The Supplier shall act.  Twice spaced.")
    assert doc.user_data["contractlint.text"] == doc.text == doc_text(doc)


def test_glued_enumerators_are_merged_but_acronyms_in_brackets_are_not(nlp: Language) -> None:
    """The legal tokenizer merges "(b)," itself instead of special cases, which cost a re-tokenising
    pass over every Doc; "(XML)." is an acronym, not an enumerator."""
    assert tokens(nlp, "clauses (vi)) and (b); then")[:6] == ["clauses", "(vi)", ")", "and", "(b)", ";"]
    assert tokens(nlp, "Extensible Markup Language (XML).")[-4:] == ["(", "XML", ")", "."]

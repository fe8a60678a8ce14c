"""A tokenizer for legal text: clause references and legal abbreviations stay whole.

spaCy's English tokenizer splits ``4.2(b)`` into ``4.2(b`` + ``)`` and ``Sch.`` into ``Sch`` + ``.``; both
break matching on clause references and make sentence boundaries look like they follow every ``No.``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from contractlint.nlp.extensions import TEXT_KEY

__all__ = [
    "ABBREVIATIONS",
    "CLAUSE_REF",
    "LegalTokenizer",
    "create_legal_tokenizer",
    "customise_tokenizer",
]

ABBREVIATIONS: tuple[str, ...] = (
    # references inside contracts
    "Sch.",
    "Schs.",
    "Sched.",
    "para.",
    "paras.",
    "Para.",
    "Paras.",
    "No.",
    "Nos.",
    "no.",
    "nos.",
    "Art.",
    "Arts.",
    "art.",
    "Sec.",
    "Secs.",
    "sec.",
    "Cl.",
    "cl.",
    "cll.",
    "Ch.",
    "ch.",
    "Pt.",
    "pt.",
    "Ex.",
    "Exh.",
    "App.",
    "Reg.",
    "Regs.",
    "reg.",
    "p.",
    "pp.",
    "Vol.",
    "vol.",
    "Ref.",
    "ref.",
    # Latin and general
    "e.g.",
    "E.g.",
    "i.e.",
    "I.e.",
    "cf.",
    "viz.",
    "vs.",
    "v.",
    "approx.",
    "incl.",
    "excl.",
    "et al.",
    "p.a.",
    "min.",
    "max.",
    "Attn.",
    "Tel.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "St.",
    "Jr.",
    "Messrs.",
    # places and company forms
    "U.S.",
    "U.S.A.",
    "U.K.",
    "E.U.",
    "Inc.",
    "Ltd.",
    "Co.",
    "Corp.",
    "Pty.",
    "Pte.",
    "L.L.C.",
    "L.L.P.",
    "L.P.",
    "N.V.",
    "B.V.",
    "S.A.",
    "S.p.A.",
    "S.A.S.",
    "S.à r.l.",
    "plc.",
    "Bhd.",
)
"""Words ending in a full stop that do not end a sentence (the sentence splitter uses the same list)."""

_ENUMERATORS = (
    [f"({c})" for c in "abcdefghijklmnopqrstuvwxyz"]
    + [f"({c})" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"({c}{c})" for c in "abcdefghijklmnopqrstuvwxyz"]
    + [
        f"({r})"
        for r in [
            "ii",
            "iii",
            "iv",
            "v",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
            "xv",
            "xvi",
            "xvii",
            "xviii",
            "xix",
            "xx",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
        ]
    ]
)

CLAUSE_REF = re.compile(
    r"""^(?:
        §{1,2}\d+(?:\.\d+)*[A-Za-z]?(?:\([A-Za-z0-9]{1,4}\))*          # §3, §3.2(a)
      | \d{1,3}(?:\.\d{1,3})+(?:\([A-Za-z0-9]{1,4}\))+                # 4.2(b), 4.2(b)(iii)
      | \d{1,3}(?:\.\d{1,3})*\([A-Za-z]{1,4}\)(?:\([A-Za-z0-9]{1,4}\))*  # 4(b), 12(a)(ii)
      | \((?:[a-z]{1,2}|[A-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)           # (a) (ii) (A) (IV)
    )$""",
    re.VERBOSE,
)
"""Clause references kept as one token. ``(30)`` is not one: ``thirty (30) days`` keeps its number."""


def customise_tokenizer(tokenizer: Any, *, enumerators: bool = True) -> Any:
    """Add legal special cases and the clause-reference ``token_match`` to a spaCy tokenizer.

    ``enumerators=False`` leaves out the special cases for "(a)", "(ii)": a standalone enumerator is
    kept whole by ``token_match`` anyway, and special cases that hold "(" make spaCy run a matcher and
    re-tokenise every Doc (a third of the tokenising time); ``LegalTokenizer`` merges the few
    enumerators glued to punctuation ("(b),") itself.
    """
    for abbr in ABBREVIATIONS:
        if " " in abbr:
            continue
        for form in {abbr, abbr[0].upper() + abbr[1:]}:
            tokenizer.add_special_case(form, [{ORTH: form}])
    if enumerators:
        for enum in _ENUMERATORS:
            tokenizer.add_special_case(enum, [{ORTH: enum}])
    previous: Callable[[str], Any] | None = tokenizer.token_match
    if previous is None:
        tokenizer.token_match = CLAUSE_REF.match  # a C-level call: no Python frame per word
    else:

        def token_match(text: str) -> Any:
            return CLAUSE_REF.match(text) or previous(text)

        tokenizer.token_match = token_match
    return tokenizer


class LegalTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's tokenizer that also keeps the input string on the Doc.

    ``doc.text`` is rebuilt from every token on each access (about as dear as tokenising); every
    component reads the text, so keeping the string saves most of that (see ``extensions.doc_text``).
    """

    def __call__(self, text: str) -> Doc:
        doc: Doc = super().__call__(text)
        if "(" in text:
            _merge_glued_enumerators(doc, text)
        doc.user_data[TEXT_KEY] = text
        return doc


# An enumerator with punctuation glued after it ("(b),", "(ii);"): spaCy's affix rules split it into
# "(", "b", ")" because the whole string is not a clause reference. The "no word character before it"
# test is made on each hit: a pattern that opens on a lookbehind is tried at every character (35x slower
# than one that opens on the bracket), and two hits cannot overlap, so none hides another.
_GLUED_ENUMERATOR = re.compile(r"\([a-zA-Z]{1,6}\)(?=[,;:.!?)\]\"'\u201d\u2019])")
_WORD_CHAR = re.compile(r"\w")
_ENUMERATOR_SET = frozenset(_ENUMERATORS)


def _merge_glued_enumerators(doc: Doc, text: str) -> None:
    spans = []
    for m in _GLUED_ENUMERATOR.finditer(text):
        if m.start() and _WORD_CHAR.match(text, m.start() - 1):
            continue  # "f(b)," is no enumerator
        if m.group() not in _ENUMERATOR_SET:
            continue  # "(XML)." is an acronym
        span = doc.char_span(m.start(), m.end())
        if span is not None and len(span) > 1:
            spans.append(span)
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)


def create_legal_tokenizer() -> Callable[[Any], Any]:
    """Registered tokenizer factory, so a config can name (or swap) it: ``@tokenizers = ...``."""
    base_factory = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Any) -> Any:
        base = base_factory(nlp)
        tokenizer = LegalTokenizer(
            nlp.vocab,
            rules=base.rules,
            prefix_search=base.prefix_search,
            suffix_search=base.suffix_search,
            infix_finditer=base.infix_finditer,
            token_match=base.token_match,
            url_match=base.url_match,
        )
        return customise_tokenizer(tokenizer, enumerators=False)

    return make


registry.tokenizers.register("contractlint.legal_tokenizer.v1", func=create_legal_tokenizer)

"""Clause-aware sentence segmentation, done with one regex pass over the text (about as fast as tokenising).

Rules, in plain words:

* a blank line (``\\n\\n``, the block separator of ``Document.text``) always breaks;
* ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by space and a capital, a digit, a quote,
  ``§`` or an enumerator ``(b)`` breaks, except after an abbreviation (``Sch.``, ``No.``, ``e.g.``,
  ``Inc.``), a person's initial (``J. Smith``) or a clause number that opens a heading (``12. Termination``);
* an enumeration ``...: (a) ...; (b) ...; and (c) ...`` breaks before every enumerator, so each item is a
  sentence of its own. The items are also listed in ``doc.spans["items"]`` (label = the enumerator,
  ``span._.cl_item = {"marker": "(b)", "lead_in": (start, end) | None}``), so a later component can give an
  item the subject and modal of its lead-in ("The Supplier shall:").
"""

from __future__ import annotations

from typing import Any

import numpy
import regex
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from contractlint.nlp.extensions import (
    SpanRow,
    doc_text,
    register_extensions,
    set_span_value,
    store_sentence_starts,
    store_span_rows,
)
from contractlint.nlp.tokenizer import ABBREVIATIONS

__all__ = ["ClauseSentencizer", "sentence_starts"]

_NO_BREAK = frozenset(a.lower() for a in ABBREVIATIONS if " " not in a) | {"al."}
_REF_WORDS = frozenset(
    [
        "exhibit",
        "schedule",
        "annex",
        "appendix",
        "section",
        "clause",
        "article",
        "part",
        "attachment",
        "table",
        "item",
        "level",
        "tier",
        "phase",
        "stage",
        "option",
    ]
)
_ENUM = r"\((?:[a-z]{1,2}|[ivxlcdm]{1,6}|[A-Z]|[IVXLCDM]{1,6}|\d{1,2})\)"

_BOUNDARY = regex.compile(
    rf"""
    (?P<block>\n[ \t\r\f\v]*\n\s*)
  | (?P<stop>[.!?])[\"'”’)\]]*\s+(?=[A-Z0-9\"“‘§]|{_ENUM}\s)
  | (?P<list>(?:[;:]|;\s*(?:and|or|and/or))\s+)(?={_ENUM}\s)
    """,
    regex.VERBOSE,
)
_HEADING_NUMBER = regex.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*$|^[IVXLC]{1,6}$|^[A-Z]$")
_MARKER = regex.compile(rf"{_ENUM}(?=\s)")


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start (always including the first non-space character)."""
    starts: list[int] = []
    first = len(text) - len(text.lstrip())
    if first < len(text):
        starts.append(first)
    last = first
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end >= len(text):
            break
        if m.group("stop"):
            pos = m.start("stop")
            lo = max(last, pos - 40)
            word_start = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), lo - 1) + 1
            word = text[word_start : pos + 1]
            bare = word.lstrip("(\"'“‘[")
            low = bare.lower()
            if low in _NO_BREAK:
                continue
            if word_start == last and _HEADING_NUMBER.match(word[:-1]):
                continue  # "12." opening a heading: the number is not a sentence
            if len(bare) == 2 and bare[0].isupper() and bare[1] == ".":
                prev = text[max(0, pos - 30) : max(0, pos - 2)].split()
                if not (prev and prev[-1].lower().strip(",") in _REF_WORDS):
                    continue  # an initial: "J. Smith"; but "Exhibit A. The ..." ends a sentence
        if end > last:
            starts.append(end)
            last = end
    return starts


class ClauseSentencizer:
    """Sets ``Token.is_sent_start`` for every token and fills ``doc.spans["items"]``."""

    def __init__(self, name: str = "contractlint_sentences", items_key: str = "items") -> None:
        register_extensions()
        self.name = name
        self.items_key = items_key

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        text = doc_text(doc)
        idx = doc.to_array("IDX")
        flags = numpy.full((n, 1), -1, dtype="int64")
        starts = numpy.asarray(sentence_starts(text), dtype=idx.dtype)
        positions = numpy.searchsorted(idx, starts)
        ok = positions < n
        ok[ok] = idx[positions[ok]] == starts[ok]
        token_starts = positions[ok]
        flags[token_starts, 0] = 1
        flags[0, 0] = 1
        array: Any = flags.astype("uint64")
        doc.from_array([SENT_START], array)
        char_starts = sorted({0, *starts[ok].tolist()})
        store_sentence_starts(doc, char_starts)
        self._items(doc, text, idx, char_starts)
        return doc

    def _items(self, doc: Doc, text: str, idx: Any, char_starts: list[int]) -> None:
        items = []
        rows: list[SpanRow] = []  # items are sentences: no two share a range
        lead_in: tuple[int, int] | None = None
        ends = [*char_starts[1:], len(text)]
        for start, end in zip(char_starts, ends, strict=True):
            while end > start and text[end - 1].isspace():
                end -= 1
            m = _MARKER.match(text, start, end)
            if m is None:
                lead_in = (start, end) if end > start and text[end - 1] == ":" else None
                continue
            span = doc.char_span(start, end, label=m.group(0), alignment_mode="expand")
            if span is None:
                continue
            value = {"marker": m.group(0), "lead_in": lead_in}
            set_span_value(doc, span.start_char, span.end_char, "cl_item", value)
            items.append(span)
            rows.append((span.start_char, span.end_char, m.group(0), value))
            if text[end - 1] == ":":
                lead_in = (start, end)  # nested list: "(a) the Supplier shall:"
        doc.spans[self.items_key] = items
        store_span_rows(doc, self.items_key, "cl_item", rows)


@Language.factory(
    "contractlint_sentences",
    default_config={"items_key": "items"},
    assigns=["token.is_sent_start", "doc.spans"],
)
def make_sentences(nlp: Language, name: str, items_key: str) -> ClauseSentencizer:
    return ClauseSentencizer(name, items_key)

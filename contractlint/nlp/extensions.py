"""Custom ``Doc``/``Span`` attributes, registered once.

Values are plain (ints, strings, small dicts, ``(start, end)`` character pairs relative to the Doc) so the
rules layer can build findings without knowing spaCy internals. Each kind of span has its own attribute
because spaCy keys span attributes by character range: a party role and the defined term it is would
otherwise overwrite each other.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

__all__ = [
    "CASE_TRAPS",
    "DOC_EXTENSIONS",
    "SPAN_EXTENSIONS",
    "TEXT_KEY",
    "doc_lower",
    "doc_text",
    "letter_runs",
    "lower_text",
    "register_extensions",
    "sentence_starts_of",
    "set_span_value",
    "span_rows",
    "store_sentence_starts",
    "store_span_rows",
]

DOC_EXTENSIONS: dict[str, object] = {
    # offset of the Doc's first character in Document.text (set by analyse)
    "cl_offset": 0,
    # party roles known before this Doc ({"supplier": "Supplier"}), carried across chunks
    "cl_roles": None,
    # {rule_key: [(start, end), ...]} from contractlint_patterns (Doc-relative offsets)
    "cl_pattern_hits": None,
}

SPAN_EXTENSIONS = (
    "cl_item",  # {"marker", "lead_in"}
    "cl_duration",  # {"amount", "unit", "days", "business", "bound", "anchor_relation", "anchor", ...}
    "cl_frequency",  # {"unit", "every", "period_days", "at_least"}
    "cl_money",  # {"amount", "currency"}
    "cl_party",  # {"role", "name", "name_start", "name_end", "generic"}
    "cl_definition",  # {"term", "form", "start", "end"}
    "cl_obligation",  # {"subject", "party", "modal", "negated", "action", "deadlines", ...}
)

_done = False


def set_span_value(doc: Doc, start_char: int, end_char: int, attr: str, value: Any) -> None:
    """``span._.set(attr, value)`` for one of our span attributes (plain defaults, no getter or setter),
    without building an ``Underscore`` object per span: spaCy keeps a span's value in ``doc.user_data``
    under ``("._.", attr, start_char, end_char)``. ``tests/nlp/test_extensions.py`` checks that
    ``span._`` reads back what this stores, so a spaCy that keys values otherwise fails there."""
    values: dict[Any, Any] = doc.user_data  # typed as str-keyed; spaCy keys span values by tuples
    values[("._.", attr, start_char, end_char)] = value


def register_extensions() -> None:
    """Register every attribute (idempotent; ``force=True`` so a reload in a notebook still works)."""
    global _done
    if _done:
        return
    for name, default in DOC_EXTENSIONS.items():
        Doc.set_extension(name, default=default, force=True)
    for name in SPAN_EXTENSIONS:
        Span.set_extension(name, default=None, force=True)
    _done = True


TEXT_KEY = "contractlint.text"
"""``doc.user_data`` key of the Doc's text (set by ``LegalTokenizer`` or on first use)."""
_SENT_KEY = "contractlint.sentence_starts"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return str(text)


_LOWER_KEY = "contractlint.lower"


def lower_text(text: str) -> str:
    """``text.lower()`` with the same length (a few characters, like "İ", grow when lowered)."""
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


CASE_TRAPS = "İſ\u212a"
"""The only non-ASCII characters that ``regex`` IGNORECASE matches to an ASCII letter (İ, long s, Kelvin
sign): ``str.lower`` does not turn them into that letter, so a text holding one is not pre-filtered by
a lower-case word test."""
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
"""Keeps the bytes of a-z and blanks every other: ``split()`` then gives the runs ``[a-z]+`` finds."""
_last_runs: list[Any] = [None, frozenset()]


def letter_runs(text: str, lower: str) -> frozenset[str]:
    """The maximal runs of ASCII letters in ``lower`` (``lower_text(text)``), remembered for the last
    ``text`` (by identity): the recognisers and the pattern component ask for the same Doc's, to skip
    words that are not there without a ``str.find`` over the whole text for each."""
    if _last_runs[0] is not text:
        # What re.findall("[a-z]+", lower) finds, in a fifth of the time: a character outside ASCII
        # becomes one "?" and every byte but a-z a space.
        blanked = lower.encode("ascii", "replace").translate(_LETTERS_ONLY).decode("ascii")
        _last_runs[:] = [text, frozenset(blanked.split())]
    runs: frozenset[str] = _last_runs[1]
    return runs


def doc_lower(doc: Doc) -> str:
    """The Doc's text lower-cased (same offsets), built once per Doc for ``str.find`` pre-filters."""
    lower = doc.user_data.get(_LOWER_KEY)
    if lower is None:
        lower = lower_text(doc_text(doc))
        doc.user_data[_LOWER_KEY] = lower
    return str(lower)


def sentence_starts_of(doc: Doc) -> list[int] | None:
    """Sentence start offsets stored by ``contractlint_sentences`` (None when it did not run)."""
    starts = doc.user_data.get(_SENT_KEY)
    return None if starts is None else list(starts)


def store_sentence_starts(doc: Doc, starts: list[int]) -> None:
    doc.user_data[_SENT_KEY] = starts


_ROWS_KEY = "contractlint.rows."
SpanRow = tuple[int, int, str, Any]
"""``(start_char, end_char, label, value of the span's attribute)``."""


def store_span_rows(doc: Doc, key: str, attr: str, rows: list[SpanRow]) -> None:
    """Keep the rows of the spans just stored in ``doc.spans[key]`` (values as ``span._`` now holds them),
    so a later component reads them without a ``Span`` and an ``Underscore`` object per span."""
    doc.user_data[_ROWS_KEY + key] = (attr, id(doc.spans[key]), len(rows), rows)


def span_rows(doc: Doc, key: str, attr: str) -> list[SpanRow]:
    """The rows of ``doc.spans[key]`` (which must exist): as stored, unless the group was replaced since."""
    group = doc.spans[key]
    stored = doc.user_data.get(_ROWS_KEY + key)
    if stored is not None and stored[0] == attr and stored[1] == id(group) and stored[2] == len(group):
        rows: list[SpanRow] = stored[3]
        return rows
    return [(s.start_char, s.end_char, s.label_, s._.get(attr)) for s in group]

"""Our span attributes: values written straight into ``doc.user_data`` read back through ``span._``."""

from __future__ import annotations

import spacy

from contractlint.nlp import analyse, build_pipeline
from contractlint.nlp.extensions import SPAN_EXTENSIONS, register_extensions, set_span_value


def test_set_span_value_is_what_span_underscore_reads() -> None:
    register_extensions()
    doc = spacy.blank("en")("The Supplier shall deliver the Report within thirty (30) days.")
    span = doc[6:10]
    for attr in SPAN_EXTENSIONS:
        value = {"attr": attr}
        set_span_value(doc, span.start_char, span.end_char, attr, value)
        assert span._.get(attr) is value
        assert getattr(span._, attr) is value
        assert doc[6:10]._.get(attr) is value  # a new Span over the same range
        assert doc[5:10]._.get(attr) is None


def test_recogniser_spans_carry_their_values() -> None:
    nlp = build_pipeline()
    text = (
        '1. "Services" means the support services.\n\n'
        "2. The Supplier shall deliver the Report within thirty (30) days and meet monthly.\n\n"
        "(a) first item; and\n\n(b) second item."
    )
    (doc,) = analyse(nlp, text)
    checked = 0
    for key, attr in (
        ("durations", "cl_duration"),
        ("frequencies", "cl_frequency"),
        ("definitions", "cl_definition"),
        ("obligations", "cl_obligation"),
        ("items", "cl_item"),
    ):
        assert len(doc.spans[key]), key
        for span in doc.spans[key]:
            assert isinstance(span._.get(attr), dict), (key, span.text)
            checked += 1
    assert checked >= 5

"""contractlint_patterns and evaluate(): what the rules layer will get from the pattern files."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from contractlint.nlp import PatternResult, analyse, build_pipeline, evaluate, load_patterns

PATTERNS = load_patterns()


def results(nlp: Language, text: str, **kwargs: object) -> dict[str, PatternResult]:
    docs = analyse(nlp, text)
    return {r.rule: r for r in evaluate(PATTERNS, docs, **kwargs)}  # type: ignore[arg-type]


def test_lexicon_hits_are_labelled_spans(nlp: Language) -> None:
    doc = nlp("The Supplier shall use reasonable efforts to respond promptly.")
    vague = [(s.text, s.label_, s.id_) for s in doc.spans["patterns"] if s.label_ == "VAGUE_TERM"]
    assert ("reasonable efforts", "VAGUE_TERM", "vague-effort") in vague
    assert ("promptly", "VAGUE_TERM", "vague-time") in vague


def test_absence_reports_missing_with_what_was_searched(nlp: Language) -> None:
    got = results(nlp, "The Supplier shall provide the Services. The Customer shall pay the Charges.")
    missing = got["termination-for-convenience"]
    assert missing.status == "missing" and missing.spans == ()
    assert '"terminate for convenience"' in missing.searched
    assert any(s.startswith("regex /terminat") for s in missing.searched)


def test_absence_present_with_offsets_into_the_text(nlp: Language) -> None:
    text = "Preamble.\n\nThe Customer may terminate this Agreement for convenience on 90 days' notice."
    got = results(nlp, text)["termination-for-convenience"]
    assert got.status == "present"
    assert any(text[s:e].startswith("terminate this Agreement for convenience") for s, e in got.spans)


def test_headings_for_convenience_are_not_termination(nlp: Language) -> None:
    text = "Headings are for convenience only and do not affect interpretation."
    assert results(nlp, text)["termination-for-convenience"].status == "missing"


def test_conditional_clause_scope(nlp: Language) -> None:
    with_cure = (
        "Either Party may terminate this Agreement if the other Party commits a material breach and fails to "
        "remedy that breach within 30 days of written notice."
    )
    assert results(nlp, with_cure)["cure-period"].status == "satisfied"
    elsewhere = (
        "Either Party may terminate this Agreement immediately for material breach.\n\n"
        "A breach is cured when the defaulting Party restores the Services."
    )
    got = results(nlp, elsewhere)["cure-period"]
    assert got.status == "violated"
    assert [elsewhere[s:e] for s, e in got.spans] == [
        "terminate this Agreement immediately for material breach"
    ]
    # With a clause map from the clause tree, both paragraphs can be one clause.
    one_clause = results(nlp, elsewhere, clauses=[(0, len(elsewhere))])["cure-period"]
    assert one_clause.status == "satisfied"


def test_conditional_document_scope(nlp: Language) -> None:
    renews = "This Agreement shall automatically renew for successive one-year periods."
    assert results(nlp, renews)["non-renewal-notice"].status == "violated"
    with_notice = (
        renews + " Either Party may give written notice of non-renewal at least 90 days before expiry."
    )
    assert results(nlp, with_notice)["non-renewal-notice"].status == "satisfied"
    assert results(nlp, "The Term is two years.")["non-renewal-notice"].status == "not_applicable"


def test_conditional_sentence_scope(nlp: Language) -> None:
    vague = "The Customer may terminate this Agreement for convenience. Notice must be given 30 days before."
    assert results(nlp, vague)["termination-notice-period"].status == "violated"
    clear = "The Customer may terminate this Agreement for convenience on thirty (30) days' written notice."
    assert results(nlp, clear)["termination-notice-period"].status == "satisfied"


def test_sequence_rule_with_token_patterns(nlp: Language) -> None:
    text = "This clause has no rights. Either Party may terminate this Agreement by notice."
    got = results(nlp, text)["mutual-termination-right"]
    assert got.status == "found"
    assert [text[s:e] for s, e in got.spans] == ["Either Party may terminate"]
    assert results(nlp, "The Customer may terminate.")["mutual-termination-right"].status == "not_found"


def test_placeholders_and_redactions(nlp: Language) -> None:
    text = (
        "The Effective Date is [insert date]. The Supplier's address is ____________. Charges: TBD. "
        "Signed for {Customer Name}. The royalty is [***] per unit."
    )
    doc = nlp(text)
    placeholders = [s.text for s in doc.spans["patterns"] if s.label_ == "PLACEHOLDER"]
    assert placeholders == ["[insert date]", "____________", "TBD", "{Customer Name}"]
    assert [s.text for s in doc.spans["patterns"] if s.label_ == "REDACTION"] == ["[***]"]


def test_user_pattern_dirs_extend_the_shipped_set(tmp_path: Path) -> None:
    (tmp_path / "insurance.yaml").write_text(
        "- id: insurance-cover\n  kind: absence\n  label: INSURANCE\n"
        "  phrases:\n    - professional indemnity insurance\n",
        encoding="utf-8",
    )
    nlp = build_pipeline(extra_pattern_dirs=[tmp_path])
    matcher = nlp.get_pipe("contractlint_patterns")
    assert "insurance-cover" in {r.id for r in matcher.patterns.rules}
    assert "notice-clause" in {r.id for r in matcher.patterns.rules}
    docs = analyse(nlp, "The Supplier shall maintain Professional Indemnity Insurance of at least $1m.")
    got = {r.rule: r for r in evaluate(matcher.patterns, docs)}
    assert got["insurance-cover"].status == "present"


def test_regex_prefilter_finds_what_finditer_finds() -> None:
    import regex

    from contractlint.nlp.matching import _regex_hits, literal_head

    text = (
        "Provider shall RETURN all Data; it may also return records. Returns of data: none. unreturned data"
    )
    for source, head in [
        (r"\breturn\w*\b[^.;]{0,80}?\b(?:data|records)\b", "return"),
        (r"\bnotices?\b", "notice"),
        (r"\breturn|\bdata", None),  # a top-level alternative: no single head
        (r"(?:return|data)", None),
    ]:
        assert literal_head(source) == head
        pattern = regex.compile(source, regex.IGNORECASE)
        assert _regex_hits(pattern, head, text, text.lower()) == [m.span() for m in pattern.finditer(text)]


def test_phrases_match_across_double_spaces_and_line_breaks_but_not_across_blocks(nlp: Language) -> None:
    """EDGAR text doubles spaces and hard-wraps lines; spaCy makes each extra space a token."""
    for text in (
        "The Supplier shall respond as soon as  practicable.",
        "The Supplier shall respond as soon\n   as practicable.",
    ):
        doc = nlp(text)
        vague = [s.text for s in doc.spans["patterns"] if s.label_ == "VAGUE_TERM"]
        assert [" ".join(v.split()) for v in vague] == ["as soon as practicable"], text
    doc = nlp("The Supplier shall respond as soon\n\nas practicable.")
    assert not [s for s in doc.spans["patterns"] if s.label_ == "VAGUE_TERM" and "\n\n" in s.text]


def test_alternative_heads_find_what_finditer_finds_for_every_shipped_regex() -> None:
    """The prefilter must never lose a match: every regex of the shipped pattern files, over our fixtures."""
    import regex

    from contractlint.nlp.matching import _regex_hits, literal_heads

    assert literal_heads(r"\b(?:shall|will|must)\s+not\b") == ("must", "shall", "will")
    assert literal_heads(r"(?:shall|\w+)\s+not") is None
    assert literal_heads(r"(?:shall|will)?\s+not") is None
    assert literal_heads(r"(?:shall|will)\s+not|never") is None
    root = Path(__file__).resolve().parents[2] / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))[:40]]
    assert texts
    sources = [r for rule in PATTERNS.rules for ms in rule.parts.values() for r in ms.regex]
    with_heads = 0
    for source in sources:
        heads = literal_heads(source)
        with_heads += heads is not None
        pattern = regex.compile(source, regex.IGNORECASE)
        for text in texts:
            expected = [m.span() for m in pattern.finditer(text)]
            assert _regex_hits(pattern, heads, text, text.lower()) == expected, source
    assert with_heads > len(sources) // 2


def test_word_run_anchors_find_what_finditer_finds() -> None:
    """A regex opening on short words ("\\bin\\s+the\\s+name") is tried only where its longest word stands."""
    import regex

    from contractlint.nlp.matching import _anchored_hits, word_run_anchor

    text = (
        "Acting in  the\nname of the Customer, IN THE NAME OF Acme; within the name of; "
        "as soon as practicable, as soon as possible. TBA, tba2, (TBA)"
    )
    cases = [
        (r"\bin\s+the\s+name\s+of\b", "name"),
        (r"\bas\s+soon\s+as\s+(?:reasonably\s+)?practicable\b", "soon"),
        (r"\bTBA\b", "tba"),
        (r"\bxx+\s+days", None),  # the run's last word is quantified and "x" is too short
        (r"\bto\s+be\s+(?:agreed|settled)", None),  # no word of three letters
        (r"\bin\s+the\s+name|\bon\s+behalf", None),  # a top-level alternative
    ]
    for source, anchor in cases:
        found = word_run_anchor(source)
        assert (found[0] if found else None) == anchor, source
        if found is None:
            continue
        pattern = regex.compile(source, regex.IGNORECASE)
        expected = [m.span() for m in pattern.finditer(text)]
        assert expected, source
        assert _anchored_hits(pattern, *found, text, text.lower()) == expected, source
    root = Path(__file__).resolve().parents[2] / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))[:40]]
    for source in (r for rule in PATTERNS.rules for ms in rule.parts.values() for r in ms.regex):
        found = word_run_anchor(source)
        if found is None:
            continue
        pattern = regex.compile(source, regex.IGNORECASE)
        for text in texts:
            expected = [m.span() for m in pattern.finditer(text)]
            assert _anchored_hits(pattern, *found, text, text.lower()) == expected, source


def test_whole_words_are_in_every_match_of_every_shipped_regex() -> None:
    """A Doc is skipped for a regex when none of a set of its words stands in it: each shipped regex's
    matches over our fixtures must hold a word of each set as a whole run of letters."""
    import re

    import regex

    from contractlint.nlp.matching import whole_words

    assert whole_words(r"\bthe\s+(?-i:agreed)\s+(?:upon\s+)?terms") == [
        frozenset({"the"}),
        frozenset({"agreed"}),
    ]
    assert whole_words(r"\bshall\s+(?:provide|perform)\s+it") == [
        frozenset({"shall"}),
        frozenset({"provide", "perform"}),
    ]
    assert whole_words(r"(?<=\d[\s-]+)(?:year|month)\s+warrant") == [frozenset({"month", "year"})]
    assert whole_words(r"\bservices?\s+agreed") == []  # "services?" is no whole word; "agreed" ends the match
    assert whole_words(r"\bfoo(?:bar)?\s+x") == []
    assert whole_words(r"(?r)\bfoo\s+bar\b") == []  # syntax of the regex module only
    assert whole_words(r"(?:foo\s+bar){e<=1}") == []
    assert whole_words(r"\bfoo\s+bar\b|baz") == []  # a top-level alternative
    root = Path(__file__).resolve().parents[2] / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))[:40]]
    sources = [r for rule in PATTERNS.rules for ms in rule.parts.values() for r in ms.regex]
    with_words = 0
    for source in sources:
        sets = whole_words(source)
        with_words += bool(sets)
        pattern = regex.compile(source, regex.IGNORECASE)
        for text in texts:
            for m in pattern.finditer(text):
                runs = set(re.findall("[a-z]+", m.group().lower()))
                for words in sets:
                    assert runs & words, (source, m.group())
    assert with_words > len(sources) // 2


def test_word_prefixes_open_a_run_of_letters_in_every_match_of_every_shipped_regex() -> None:
    """A Doc is skipped for a regex when no run of letters in it opens with a word of a set."""
    import re

    import regex

    from contractlint.nlp.matching import word_prefixes

    assert word_prefixes(r"terminat\w*\b[^.;]{0,160}?\b(?:breach\w*|default\w*|winding[\s-]up)") == [
        frozenset({"breach", "default", "winding"})
    ]
    assert word_prefixes(r"\bre-?perform\w*") == [frozenset({"re"})]
    assert word_prefixes(r"(?<=\d[\s-]+)(?:year|month)\s+(?:limited\s+)?warrant") == [
        frozenset({"month", "year"}),
        frozenset({"warrant"}),
    ]
    assert word_prefixes(r"x(?:\s+y)?z") == []  # without the optional part, "z" follows "x"
    assert word_prefixes(r"terminat\w*") == []  # nothing says a run of letters starts there
    assert word_prefixes(r"\b(?:breach\w*|\d+)") == []  # an alternative opens without letters
    root = Path(__file__).resolve().parents[2] / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))[:40]]
    sources = [r for rule in PATTERNS.rules for ms in rule.parts.values() for r in ms.regex]
    for source in sources:
        sets = word_prefixes(source)
        pattern = regex.compile(source, regex.IGNORECASE)
        for text in texts:
            for m in pattern.finditer(text):
                runs = re.findall("[a-z]+", text[max(0, m.start() - 1) : m.end()].lower())
                for words in sets:
                    assert any(r.startswith(tuple(words)) for r in runs), (source, m.group())

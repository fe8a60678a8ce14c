"""build_pipeline(): config, swapping and disabling parts; chunking long contracts with offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from contractlint.errors import ConfigError
from contractlint.nlp import analyse, build_pipeline, chunk_text

ALL = [
    "contractlint_sentences",
    "contractlint_durations",
    "contractlint_frequencies",
    "contractlint_money",
    "contractlint_definitions",
    "contractlint_parties",
    "contractlint_obligations",
    "contractlint_patterns",
]


def test_default_pipeline_is_blank_english_with_our_components(nlp: spacy.language.Language) -> None:
    assert nlp.pipe_names == ALL
    assert nlp.meta["lang"] == "en"
    assert not any(nlp.get_pipe(n).__class__.__module__.startswith("spacy.pipeline") for n in nlp.pipe_names)


def test_components_declare_what_they_assign() -> None:
    meta = spacy.language.Language.get_factory_meta("contractlint_obligations")
    assert meta.assigns == ["doc.spans"] and meta.requires == ["token.is_sent_start"]


def test_pipeline_subset_from_nested_config() -> None:
    nlp = build_pipeline({"nlp": {"pipeline": ["contractlint_sentences", "contractlint_money"]}})
    assert nlp.pipe_names == ["contractlint_sentences", "contractlint_money"]
    doc = nlp("Pay $5,000. Then stop.")
    assert [s.text for s in doc.spans["money"]] == ["$5,000"]
    assert "obligations" not in doc.spans


def test_dotted_overrides() -> None:
    nlp = build_pipeline(
        {
            "nlp.pipeline": ["contractlint_money", "contractlint_patterns"],
            "components.contractlint_money.spans_key": "amounts",
            "components.contractlint_patterns.include_default": False,
        }
    )
    doc = nlp("A fee of USD 10 applies.")
    assert [s.text for s in doc.spans["amounts"]] == ["USD 10"]
    assert nlp.get_pipe("contractlint_patterns").patterns.rules == ()


def test_obligations_work_without_the_sentence_component() -> None:
    nlp = build_pipeline({"nlp.pipeline": ["contractlint_durations", "contractlint_obligations"]})
    doc = nlp("The Supplier shall respond within 2 days.\n\nThe Customer shall pay.")
    got = [
        (s._.cl_obligation["party"], len(s._.cl_obligation["deadlines"])) for s in doc.spans["obligations"]
    ]
    assert got == [("Supplier", 1), ("Customer", 0)]


def test_unknown_component_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="invalid NLP pipeline config"):
        build_pipeline({"nlp.pipeline": ["contractlint_sentences", "contractlint_nothing"]})


def test_missing_trained_base_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'no_such_pipeline_xyz' is not installed"):
        build_pipeline(base="no_such_pipeline_xyz")


def test_extra_pattern_dirs_need_the_patterns_component(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no contractlint_patterns component"):
        build_pipeline({"nlp.pipeline": ["contractlint_money"]}, extra_pattern_dirs=[tmp_path])


def test_chunks_end_at_block_separators_and_keep_offsets() -> None:
    blocks = [f"Clause {i}. " + "word " * 30 for i in range(20)]
    text = "\n\n".join(blocks)
    chunks = list(chunk_text(text, max_chars=500))
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 500 for _, c in chunks)
    assert all(text[off : off + len(c)] == c for off, c in chunks)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])


def test_a_giant_block_is_cut_at_a_sentence_end() -> None:
    text = "The Supplier shall act. " * 100
    chunks = list(chunk_text(text, max_chars=300))
    assert "".join(c for _, c in chunks) == text
    assert all(c.endswith(". ") for _, c in chunks[:-1])


def test_analyse_offsets_map_back_to_the_text(nlp: spacy.language.Language) -> None:
    text = "\n\n".join(f"{i}. The Supplier shall pay USD {i},000 within {i} days." for i in range(1, 40))
    docs = analyse(nlp, text, max_chars=400)
    assert len(docs) > 5
    money = [
        (d._.cl_offset + s.start_char, d._.cl_offset + s.end_char) for d in docs for s in d.spans["money"]
    ]
    assert [text[a:b] for a, b in money] == [f"USD {i},000" for i in range(1, 40)]

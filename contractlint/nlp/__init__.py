"""The NLP layer: a fast, offline spaCy pipeline for contract text (no trained model needed).

``build_pipeline()`` gives a ``Language``; ``analyse(nlp, text)`` runs it chunk by chunk and returns Docs
whose ``doc.spans`` hold sentences' items, durations, frequencies, money, definitions, parties,
obligations and pattern hits; ``evaluate(patterns, docs)`` judges the YAML rule patterns. spaCy objects
stay inside ``nlp/`` and ``rules/``.
"""

from __future__ import annotations

from contractlint.nlp.extensions import register_extensions
from contractlint.nlp.matching import PatternMatcher, PatternResult, evaluate
from contractlint.nlp.patterns import (
    KINDS,
    SCOPES,
    LexiconEntry,
    MatcherSet,
    PatternRule,
    PatternSet,
    default_patterns_dir,
    load_patterns,
)
from contractlint.nlp.pipeline import DEFAULT_CONFIG, analyse, build_pipeline, chunk_text

__all__ = [
    "DEFAULT_CONFIG",
    "KINDS",
    "SCOPES",
    "LexiconEntry",
    "MatcherSet",
    "PatternMatcher",
    "PatternResult",
    "PatternRule",
    "PatternSet",
    "analyse",
    "build_pipeline",
    "chunk_text",
    "default_patterns_dir",
    "evaluate",
    "load_patterns",
    "register_extensions",
]

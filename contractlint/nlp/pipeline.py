"""Build the pipeline from a spaCy config, and run it over a contract in chunks with offsets kept."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config, ConfigValidationError

from contractlint.errors import ConfigError
from contractlint.model import BLOCK_SEPARATOR

# Importing these modules registers the tokenizer and the component factories.
from contractlint.nlp import matching, recognisers, sentences  # noqa: F401
from contractlint.nlp.extensions import TEXT_KEY, register_extensions
from contractlint.nlp.recognisers import known_roles
from contractlint.nlp.tokenizer import customise_tokenizer

__all__ = ["DEFAULT_CONFIG", "MAX_CHUNK", "analyse", "build_pipeline", "chunk_text"]

DEFAULT_CONFIG = Path(__file__).with_name("default.cfg")
MAX_CHUNK = 100_000
"""Characters per Doc: far below ``nlp.max_length`` (1,000,000) and big enough to amortise call costs."""


def _config(config: Mapping[str, Any] | None, extra_pattern_dirs: tuple[str | Path, ...]) -> Config:
    cfg = Config().from_disk(DEFAULT_CONFIG)
    if config:
        overrides = dict(config)
        if any("." in k for k in overrides):
            overrides = spacy.util.dot_to_dict(overrides)
        cfg = cfg.merge(Config(overrides))
    if extra_pattern_dirs:
        comp = cfg["components"].get("contractlint_patterns")
        if comp is None or "contractlint_patterns" not in cfg["nlp"]["pipeline"]:
            raise ConfigError(
                "extra_pattern_dirs given but the pipeline has no contractlint_patterns component"
            )
        comp["pattern_dirs"] = [*comp.get("pattern_dirs", []), *(str(p) for p in extra_pattern_dirs)]
    return cfg


def build_pipeline(
    config: Mapping[str, Any] | None = None,
    *,
    extra_pattern_dirs: tuple[str | Path, ...] | list[str | Path] = (),
    base: str | Path | None = None,
) -> Language:
    """spaCy blank English with the legal tokenizer and contractlint's components, from default.cfg.

    ``config`` overrides the default config (nested dict, or dotted keys like
    ``{"nlp.pipeline": ["contractlint_sentences", "contractlint_money"]}``). ``base`` names an installed
    trained pipeline (name or path); its tagger/parser then run too, and our components add to it.
    """
    register_extensions()
    cfg = _config(config, tuple(extra_pattern_dirs))
    if base is None:
        try:
            return spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
        except (ValueError, KeyError, ConfigValidationError) as e:
            raise ConfigError(f"invalid NLP pipeline config: {' '.join(str(e).split())[:500]}") from None
    try:
        nlp = spacy.load(base)
    except OSError:
        raise ConfigError(
            f"trained pipeline {str(base)!r} is not installed; install it or leave out base"
        ) from None
    customise_tokenizer(nlp.tokenizer)
    ours = list(cfg["nlp"]["pipeline"])
    for name in ours:
        comp = dict(cfg["components"][name])
        factory = comp.pop("factory")
        if name == "contractlint_sentences":
            # Before the parser, which then respects our boundaries.
            where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
            nlp.add_pipe(factory, name=name, config=comp, **where)
        else:
            nlp.add_pipe(factory, name=name, config=comp)
    return nlp


def chunk_text(text: str, max_chars: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of ``text`` that end at block separators (or, for a giant block, at a
    sentence end or a space), each at most ``max_chars`` long."""
    pos = 0
    n = len(text)
    while pos < n:
        if n - pos <= max_chars:
            yield pos, text[pos:]
            return
        limit = pos + max_chars
        cut = text.rfind(BLOCK_SEPARATOR, pos, limit)
        if cut > pos:
            cut += len(BLOCK_SEPARATOR)
        else:
            cut = text.rfind(". ", pos, limit)
            cut = cut + 2 if cut > pos else text.rfind(" ", pos, limit) + 1
            if cut <= pos:
                cut = limit
        yield pos, text[pos:cut]
        pos = cut


def analyse(nlp: Language, text: str, *, max_chars: int = MAX_CHUNK) -> list[Doc]:
    """Run ``nlp`` over ``text`` chunk by chunk; each Doc knows its offset (``doc._.cl_offset``) and the
    party roles defined in earlier chunks (``doc._.cl_roles``), so an obligation on page 40 still
    resolves "the Supplier" defined in the preamble."""
    register_extensions()
    roles: dict[str, str] = {}
    docs: list[Doc] = []
    for offset, chunk in chunk_text(text, max_chars):
        doc = nlp.make_doc(chunk)
        doc.user_data[TEXT_KEY] = chunk  # also for a trained base pipeline's plain tokenizer
        doc._.cl_offset = offset
        doc._.cl_roles = dict(roles)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        roles.update(known_roles(doc))
        docs.append(doc)
    return docs

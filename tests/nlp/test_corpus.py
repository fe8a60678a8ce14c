"""The pipeline on real contracts (CUAD, read from ../shared/corpus; never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from contractlint.nlp import analyse, evaluate, load_patterns

pytestmark = pytest.mark.corpus

SPAN_KEYS = (
    "items",
    "durations",
    "frequencies",
    "money",
    "definitions",
    "parties",
    "obligations",
    "patterns",
)


def cuad(corpus_dir: Path, prefix: str) -> str:
    [path] = sorted((corpus_dir / "cuad" / "txt").glob(f"{prefix}*.txt"))
    return path.read_text(encoding="utf-8", errors="replace")


def test_services_agreement_parties_obligations_and_provisions(nlp: Language, corpus_dir: Path) -> None:
    text = cuad(corpus_dir, "ABILITYINC_06_15_2020-EX-4.25")
    docs = analyse(nlp, text)
    roles = {s._.cl_party["role"] for d in docs for s in d.spans["parties"]}
    assert {"Provider", "Recipient", "Party", "Parties"} <= roles
    parties = [s._.cl_obligation["party"] for d in docs for s in d.spans["obligations"]]
    assert parties.count("Provider") >= 10 and parties.count("Recipient") >= 3
    got = {r.rule: r.status for r in evaluate(load_patterns(), docs)}
    # The agreement lets either side terminate without cause, and for breach with a cure period.
    assert got["termination-for-convenience"] == "present"
    assert got["termination-for-cause"] == "present"
    assert got["cure-period"] == "satisfied"
    assert got["redaction"] == "found"


@pytest.mark.parametrize("index", [0, 50, 100, 150, 200])
def test_every_span_maps_back_to_the_text(nlp: Language, corpus_dir: Path, index: int) -> None:
    paths = sorted((corpus_dir / "cuad" / "txt").glob("*.txt"))
    text = paths[index].read_text(encoding="utf-8", errors="replace")
    docs = analyse(nlp, text, max_chars=20_000)
    assert sum(len(d.text) for d in docs) == len(text)
    for doc in docs:
        off = doc._.cl_offset
        assert text[off : off + len(doc.text)] == doc.text
        for key in SPAN_KEYS:
            for span in doc.spans[key]:
                assert text[off + span.start_char : off + span.end_char] == span.text
        for sent in doc.sents:
            assert len(sent) > 0

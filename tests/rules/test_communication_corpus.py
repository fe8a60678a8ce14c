"""Communication inventory against the review labels, on a fixed sample of the dev set (< 30 s).

The full figures come from ``benchmarks/eval_labels.py``; this test keeps them from sliding. The floors
sit a little below what the sample measured when the rules were tuned.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from evaluation import Score, lint_texts  # noqa: E402

LABELS = {
    "notice_clause": 0.9,
    "reporting_obligation": 0.85,
    "point_of_contact": 0.75,
    "escalation_procedure": 0.8,
}
SAMPLE = slice(0, 49, 2)
"""Every other labelled contract: 25 documents, positives of every label included."""


@pytest.mark.corpus
def test_communication_labels_keep_their_f1(corpus_dir: Path) -> None:
    data = json.loads((corpus_dir / "labels" / "dev_labels.json").read_text(encoding="utf-8"))
    contracts = {c["txt"]: c for c in data["contracts"][SAMPLE]}
    scores = {name: Score() for name in LABELS}
    for rel, report in lint_texts(corpus_dir / "cuad", contracts):
        for name, score in scores.items():
            label = contracts[rel]["labels"].get(name)
            if label is not None:
                score.add(any(p.kind == name for p in report.clauses), bool(label["present"]))
    for name, floor in LABELS.items():
        assert scores[name].n >= 2, f"the sample holds too few {name} positives to measure"
        assert scores[name].f1 >= floor, f"{name}: F1 {scores[name].f1:.3f} < {floor} ({scores[name]})"

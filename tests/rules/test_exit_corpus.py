"""The exit inventory on a fixed CUAD sample (every 10th contract of index.csv), scored like eval_cuad.

Floors sit a little below this sample's figures (Nov 2026), so a regression shows up in seconds.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

FLOORS = {  # category -> (F1, location hit rate); the sample scored .900/1.0, 1.0/1.0, .957/.909, .933/1.0
    "Termination for Convenience": (0.85, 0.95),
    "Notice Period to Terminate Renewal": (0.93, 0.95),
    "Renewal Term": (0.92, 0.88),
    "Post-Termination Services": (0.88, 0.95),
}


@pytest.mark.corpus
def test_exit_inventory_on_every_tenth_cuad_contract(corpus_dir: Path) -> None:
    from eval_cuad import CATEGORIES, _present
    from evaluation import Score, align_spans, lint_texts, overlaps

    cuad = corpus_dir / "cuad"
    index = list(csv.DictReader((cuad / "index.csv").open(encoding="utf-8")))[::10]
    labels = {r["Filename"]: r for r in csv.DictReader((cuad / "master_clauses.csv").open(encoding="utf-8"))}
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    with (cuad / "clause_spans.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            if item["category"] in FLOORS:
                spans[(item["filename"], item["category"])].extend((s, e) for s, e in item["char_spans"])
    rows = {r["txt"]: r for r in index}
    scores = {c: Score() for c in FLOORS}
    for rel, report in lint_texts(cuad, rows):
        label_row = labels[rows[rel]["filename"]]
        raw = (cuad / rel).read_text(encoding="utf-8", errors="replace")
        for category, score in scores.items():
            found = [p for p in report.clauses if p.kind in CATEGORIES[category]]
            actual = _present(label_row, category)
            score.add(bool(found), actual)
            gold = align_spans(raw, report.document.text, spans.get((rows[rel]["filename"], category), []))
            if found and actual and gold:
                score.located += 1
                score.hits += any(overlaps((p.location.start, p.location.end), gold) for p in found)
    low = {
        c: (round(s.f1, 3), round(s.location_hit_rate, 3))
        for c, s in scores.items()
        if s.f1 < FLOORS[c][0] or s.location_hit_rate < FLOORS[c][1]
    }
    assert not low, f"below the floors {FLOORS}: {low}"

"""Score contractlint's clause inventory against CUAD's lawyer labels, document by document.

    python benchmarks/eval_cuad.py ../shared/corpus/cuad [--json] [--limit N] [--category NAME ...]
        [--show-errors]

CORPUS_DIR is laid out like ../shared/corpus/cuad: index.csv, master_clauses.csv, clause_spans.jsonl, txt/.
A category is present in a contract when its ``-Answer`` column says Yes, or (for categories whose answer is
a value) when its clause column is not ``[]``. Location hit rate: the share of true positives where one of
contractlint's reported locations for the provision overlaps a span the lawyers labelled.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import Score, align_spans, lint_texts, overlaps, print_scores

# CUAD category -> the inventory provision kind(s) that answer it.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Termination for Convenience": ("termination_for_convenience",),
    "Notice Period to Terminate Renewal": ("notice_to_terminate_renewal",),
    "Renewal Term": ("renewal_term",),
    "Post-Termination Services": ("post_termination_services",),
    "Insurance": ("insurance",),
    "Audit Rights": ("audit_rights",),
    "Warranty Duration": ("warranty_duration",),
    "Cap on Liability": ("cap_on_liability",),
}


def _present(row: dict[str, str], category: str) -> bool:
    answer = row.get(f"{category}-Answer", "").strip()
    if answer.lower() in ("yes", "no"):
        return answer.lower() == "yes"
    return row.get(category, "").strip() not in ("", "[]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="CUAD-style folder")
    parser.add_argument("--json", action="store_true", help="print only {category: {precision, ...}}")
    parser.add_argument("--limit", type=int, default=0, help="first N contracts only (for a quick look)")
    parser.add_argument("--category", action="append", help="only these categories")
    parser.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    categories = {c: k for c, k in CATEGORIES.items() if not args.category or c in args.category}

    index = list(csv.DictReader((corpus / "index.csv").open(encoding="utf-8")))
    labels = {
        r["Filename"]: r for r in csv.DictReader((corpus / "master_clauses.csv").open(encoding="utf-8"))
    }
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    with (corpus / "clause_spans.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            for s, e in item.get("char_spans", []):
                spans[(item["filename"], item["category"].lower())].append((s, e))
    if args.limit:
        index = index[: args.limit]
    by_txt = {row["txt"]: row for row in index}

    scores = {c: Score() for c in categories}
    errors: list[str] = []
    for rel, report in lint_texts(corpus, by_txt):
        row = by_txt[rel]
        label_row = labels.get(row["filename"])
        if label_row is None:
            continue
        for category, kinds in categories.items():
            found = [p for p in report.clauses if p.kind in kinds]
            actual = _present(label_row, category)
            predicted = bool(found)
            scores[category].add(predicted, actual)
            if predicted and actual:
                gold = spans.get((row["filename"], category.lower()), [])
                if gold:
                    raw = (corpus / rel).read_text(encoding="utf-8", errors="replace")
                    gold = align_spans(raw, report.document.text, gold)
                if gold:
                    scores[category].located += 1
                    if any(overlaps((p.location.start, p.location.end), gold) for p in found):
                        scores[category].hits += 1
                    elif args.show_errors:
                        errors.append(
                            f"LOC {category}: {rel}: {found[0].clause_ref} {found[0].excerpt[:100]!r}"
                        )
            elif predicted != actual and args.show_errors:
                what = "FP" if predicted else "FN"
                detail = found[0].excerpt[:140] if found else ""
                errors.append(f"{what} {category}: {rel} {detail!r}")
    print_scores(scores, as_json=args.json)
    if args.show_errors and not args.json:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())

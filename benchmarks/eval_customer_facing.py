"""Precision and recall of the customer-facing detection (the CF rules' applicability), document by document.

    python benchmarks/eval_customer_facing.py [../shared/corpus/cuad] [--show-errors] [--json]

The judgements are in ``benchmarks/labels/customer_facing.csv`` (source, file, customer_facing yes/no, a
one-line reason): our own fixtures under ``fixtures/customer_facing/`` and CUAD service-type contracts
(Service, Outsourcing, Consulting, Maintenance, Hosting, Development), whose paths are relative to the CUAD
folder. A document is predicted customer-facing when the clause inventory has a ``customer_facing_services``
entry. CUAD rows are skipped (and the count says so) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import Score, print_scores

from contractlint.lint import Linter

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "benchmarks" / "labels" / "customer_facing.csv"
KIND = "customer_facing_services"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus" / "cuad", help="CUAD folder"
    )
    parser.add_argument("--json", action="store_true", help="print only {set: {precision, ...}}")
    parser.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    args = parser.parse_args(argv)
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    scores = {"fixtures": Score(), "cuad": Score(), "all": Score()}
    linter = Linter()
    errors: list[str] = []
    skipped = 0
    for row in rows:
        base = REPO if row["source"] == "fixture" else args.corpus
        path = base / row["file"]
        if not path.is_file():
            skipped += 1
            continue
        report = linter.lint(path)
        found = [p for p in report.clauses if p.kind == KIND]
        actual = row["customer_facing"].strip().lower() == "yes"
        predicted = bool(found)
        key = "fixtures" if row["source"] == "fixture" else "cuad"
        scores[key].add(predicted, actual)
        scores["all"].add(predicted, actual)
        if predicted != actual and args.show_errors:
            what = "FP" if predicted else "FN"
            why = found[0].excerpt[:120] if found else row["reason"][:120]
            errors.append(f"{what} {row['file']}: {why!r}")
    extra: dict[str, object] | None = None
    if not args.json:
        extra = {"documents": f"{sum(s.tp + s.fp + s.fn + s.tn for k, s in scores.items() if k != 'all')}"}
        if skipped:
            extra["skipped (file not found)"] = skipped
    print_scores(scores, as_json=args.json, extra=extra)
    if args.show_errors and not args.json:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score contractlint against document-level review labels (schema contractlint-review-labels/1).

    python benchmarks/eval_labels.py ../shared/corpus/labels/dev_labels.json ../shared/corpus/cuad [--json]
        [--show-errors] [--label NAME ...]

Each label maps to clause-inventory provision kinds (or, for vague wording, to findings of the rules in
VAGUE_RULES); a label is predicted present when any mapped item is reported. The mapping is printed with
the scores. For ``vague_obligation_terms`` it also prints the share of the labelled vague quotes that fall
inside one of those findings.

``vague_obligation_terms`` maps to three rules, not one: the label definition (labels/LABELS.md) counts
"TBD" and "to be agreed" as vague obligation terms, and contractlint reports those as agreement-to-agree
(DV005) and placeholder-text (DV006) findings rather than as vague-wording (DV002) findings.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluation import Score, align_spans, lint_texts, overlaps, print_scores

from contractlint.model import Report

# label -> inventory provision kinds that answer it
INVENTORY: dict[str, tuple[str, ...]] = {
    "termination_for_convenience": ("termination_for_convenience",),
    "termination_for_cause": ("termination_for_cause",),
    "termination_notice_period": ("termination_notice_period",),
    "auto_renewal": ("auto_renewal",),
    "transition_assistance": ("transition_assistance",),
    "return_of_data": ("return_of_data",),
    "notice_clause": ("notice_clause",),
    "reporting_obligation": ("reporting_obligation",),
    "meetings_or_reviews": ("meetings_or_reviews",),
    "point_of_contact": ("point_of_contact",),
    "escalation_procedure": ("escalation_procedure",),
    "deliverables_defined": ("deliverables_defined",),
    "acceptance_procedure": ("acceptance_procedure",),
    "delivery_deadlines": ("delivery_deadlines",),
    "service_levels": ("service_levels",),
    "standard_of_care": ("standard_of_care",),
    "qualified_personnel": ("qualified_personnel", "key_personnel"),
    "insurance": ("insurance",),
    "subcontracting_control": ("subcontracting_control",),
    "customer_facing_function": ("customer_facing_services",),
}
VAGUE_LABEL = "vague_obligation_terms"
VAGUE_RULES: tuple[str, ...] = ("vague-wording", "agreement-to-agree", "placeholder-text")


def _items(report: Report, label: str) -> list[tuple[int, int]]:
    if label == VAGUE_LABEL:
        return [(f.location.start, f.location.end) for f in report.findings if f.name in VAGUE_RULES]
    kinds = INVENTORY.get(label, ())
    return [(p.location.start, p.location.end) for p in report.clauses if p.kind in kinds]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("labels", type=Path, help="labels JSON (contractlint-review-labels/1)")
    parser.add_argument("corpus", type=Path, help="folder the labels' txt paths are relative to")
    parser.add_argument("--json", action="store_true", help="print only {label: {precision, ...}}")
    parser.add_argument("--label", action="append", help="only these labels")
    parser.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    args = parser.parse_args(argv)
    data = json.loads(args.labels.read_text(encoding="utf-8"))
    contracts = {c["txt"]: c for c in data["contracts"]}
    names = sorted({name for c in contracts.values() for name in c["labels"]})
    names = [n for n in names if (n in INVENTORY or n == VAGUE_LABEL) and (not args.label or n in args.label)]

    scores = {n: Score() for n in names}
    quotes = covered = 0
    errors: list[str] = []
    for rel, report in lint_texts(args.corpus, contracts):
        labels = contracts[rel]["labels"]
        for name in names:
            label = labels.get(name)
            if label is None:
                continue
            items = _items(report, name)
            actual = bool(label.get("present"))
            predicted = bool(items)
            scores[name].add(predicted, actual)
            gold = [(int(s[0]), int(s[1])) for s in label.get("evidence_spans") or []]
            if gold:
                raw = (args.corpus / rel).read_text(encoding="utf-8", errors="replace")
                gold = align_spans(raw, report.document.text, gold)
            if predicted and actual and gold:
                scores[name].located += 1
                scores[name].hits += any(overlaps(i, gold) for i in items)
            if name == VAGUE_LABEL and actual:
                for s, e in gold:
                    quotes += 1
                    hit = any(overlaps(i, [(s, e)]) for i in items)
                    covered += hit
                    if not hit and args.show_errors:
                        quote = report.document.text[s:e].replace("\n", " ")
                        errors.append(f"MISS {name}: {rel} {quote[:120]!r}")
            if predicted != actual and args.show_errors:
                what = "FP" if predicted else "FN"
                evidence = (label.get("evidence") or [""])[0][:120]
                errors.append(f"{what} {name}: {rel} {evidence!r}")
    extra: dict[str, object] = {}
    if VAGUE_LABEL in names:
        share = covered / quotes if quotes else 1.0
        extra[f"vague quotes inside a {'/'.join(VAGUE_RULES)} finding"] = f"{covered}/{quotes} = {share:.3f}"
    if not args.json:
        extra["mapping"] = ", ".join(
            f"{n} <- {'findings ' + '+'.join(VAGUE_RULES) if n == VAGUE_LABEL else '+'.join(INVENTORY[n])}"
            for n in names
        )
    print_scores(scores, as_json=args.json, extra=None if args.json else extra)
    if args.show_errors and not args.json:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())

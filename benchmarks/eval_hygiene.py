"""Hygiene rules on the CCS facilities-management framework, linted as one agreement.

    python benchmarks/eval_hygiene.py [CORPUS] [--labels benchmarks/labels/ccs_hygiene.jsonl] [--write-sample]

Two agreement sets from ``CORPUS/docs/ccs_uk/fm_framework_2017_v1.4``: ``core`` (Core Terms + Joint
Schedule 1 Definitions, the pair issue 6 names) and ``framework`` (every DOCX of the pack except the
contents matrix; the .doc files cannot be read). Prints the findings per hygiene rule for each set, then
the precision of the undefined-term (HY001) and broken-reference (HY005) findings on the hand-labelled
sample: every finding of ``core`` plus every K-th finding of ``framework`` (in file and text order, K
chosen so the sample holds at least 40). ``--write-sample`` adds sampled findings that have no label yet
to the labels file with an empty verdict, for a person to fill in after reading the contract around them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from contractlint.lint import LintConfig, Linter
from contractlint.model import Finding, Report

REPO = Path(__file__).resolve().parents[1]
PACK = Path("docs/ccs_uk/fm_framework_2017_v1.4")
CORE = ("Core Terms FM1.4 CCSv2.7 161117.docx", "Joint Schedule 1 - Definitions v.1.4.docx")
SAMPLED = ("HY001", "HY005")
MIN_SAMPLE = 40


def _sets(corpus: Path) -> dict[str, list[Path]]:
    pack = corpus / PACK
    framework = sorted(p for p in pack.glob("*.docx") if not p.name.startswith("Contents Matrix"))
    return {"core": [pack / n for n in CORE], "framework": framework}


def _key(set_name: str, f: Finding, report: Report) -> str:
    text = report.document.text
    loc = f.location
    return f"{set_name}|{f.code}|{loc.file}|{loc.paragraph}|{text[loc.start : loc.end]}"


def _context(report: Report, f: Finding, width: int = 90) -> str:
    text = report.document.text
    lo, hi = max(0, f.location.start - width), min(len(text), f.location.end + width)
    inner = text[f.location.start : f.location.end]
    return " ".join(f"{text[lo : f.location.start]}»{inner}«{text[f.location.end : hi]}".split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--labels", type=Path, default=REPO / "benchmarks" / "labels" / "ccs_hygiene.jsonl")
    parser.add_argument("--write-sample", action="store_true", help="append unlabelled sampled findings")
    args = parser.parse_args(argv)
    if not (args.corpus / PACK).is_dir():
        print(f"corpus not found: {args.corpus / PACK}", file=sys.stderr)
        return 2
    linter = Linter(LintConfig(select=("HY",)))
    sample: list[tuple[str, Finding, Report]] = []
    for name, paths in _sets(args.corpus).items():
        report = linter.lint_set(paths)
        counts = Counter(f.code for f in report.findings)
        print(f"{name}: {len(paths)} files, " + ", ".join(f"{c} {counts[c]}" for c in sorted(counts)))
        chosen = [f for f in report.findings if f.code in SAMPLED]
        chosen.sort(key=lambda f: (str(f.location.file), f.location.start))
        if name == "framework":
            need = max(1, MIN_SAMPLE - len(sample))
            step = max(1, len(chosen) // need)
            chosen = chosen[::step]
        sample.extend((name, f, report) for f in chosen)
    labels: dict[str, dict[str, str]] = {}
    if args.labels.is_file():
        for line in args.labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                labels[item["key"]] = item
    new = []
    tp = fp = 0
    by_code: dict[str, Counter[str]] = {c: Counter() for c in SAMPLED}
    for set_name, f, report in sample:
        key = _key(set_name, f, report)
        item = labels.get(key)
        verdict = (item or {}).get("verdict", "")
        if verdict in ("tp", "fp"):
            tp += verdict == "tp"
            fp += verdict == "fp"
            by_code[f.code][verdict] += 1
        elif item is None:
            new.append(
                {
                    "key": key,
                    "set": set_name,
                    "code": f.code,
                    "file": f.location.file,
                    "paragraph": f.location.paragraph,
                    "message": f.message,
                    "context": _context(report, f),
                    "verdict": "",
                    "reason": "",
                }
            )
    labelled = ", ".join(f"{c} {sum(by_code[c].values())}" for c in SAMPLED)
    print(f"sample: {len(sample)} findings ({labelled} labelled)")
    for code in SAMPLED:
        n = sum(by_code[code].values())
        if n:
            print(f"  {code}: precision {by_code[code]['tp'] / n:.3f} ({by_code[code]['tp']}/{n})")
    if tp + fp:
        print(f"precision (HY001 + HY005): {tp / (tp + fp):.3f} ({tp}/{tp + fp})")
    if new:
        print(f"{len(new)} sampled findings have no label", file=sys.stderr)
        if args.write_sample:
            args.labels.parent.mkdir(parents=True, exist_ok=True)
            with args.labels.open("a", encoding="utf-8") as fh:
                for item in new:
                    fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Hygiene rules on the CCS facilities-management framework, linted as one agreement, and on other real
contracts.

    python benchmarks/eval_hygiene.py [CORPUS] [--labels FILE ...] [--write-sample FILE [--offset N]]
    python benchmarks/eval_hygiene.py [CORPUS] --draw-fresh FILE

Two agreement sets from ``CORPUS/docs/ccs_uk/fm_framework_2017_v1.4``: ``core`` (Core Terms + Joint
Schedule 1 Definitions, the pair issue 6 names) and ``framework`` (every DOCX of the pack except the
contents matrix; the .doc files cannot be read). Prints the findings per hygiene rule for each set, then,
for each hand-labelled sample in ``benchmarks/labels/`` (``ccs_hygiene.jsonl``, the first round, used to
find the false positives; ``ccs_hygiene_round2.jsonl``, drawn and labelled after the fixes;
``ccs_hygiene_round3.jsonl``, every finding not in rounds 1-2 after the next fixes), the precision
of the undefined-term (HY001) and broken-reference (HY005) findings the rules still report, and how many
labelled findings are no longer reported. A sample is every finding of ``core`` plus every K-th finding
of ``framework`` from ``--offset`` (file and text order, K chosen so the sample holds at least 40);
``--write-sample`` appends the sampled findings not yet in FILE with an empty verdict, for a person to
fill in after reading the contract around them.

Round 4 (``hygiene_round4.jsonl``) mixes sources, since few CCS findings were left unlabelled: the sets
are also ``commonpaper/<template>``, ``bonterms/<template>`` (each ``template.docx`` alone),
``18f/<solicitation>`` (the Markdown documents of one solicitation, together) and ``cuad/<file>``
(every 10th CUAD text, alone). ``--draw-fresh`` appends every finding not in an earlier round's labels:
all unseen CCS ones, then every K-th of the others (K chosen so the sample holds at least 40). Round 5
(``hygiene_round5.jsonl``) was drawn that way after the round-4 fixes.

The last line prints every HY001/HY005 finding reported now on the CCS sets with its verdict from any
round: the precision over the whole population, not a sample.
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
LABELS = (
    "ccs_hygiene.jsonl",
    "ccs_hygiene_round2.jsonl",
    "ccs_hygiene_round3.jsonl",
    "hygiene_round4.jsonl",
    "hygiene_round5.jsonl",
)
CCS_SETS = ("core", "framework")
CUAD_STEP = 10


def _sets(corpus: Path) -> dict[str, list[Path]]:
    pack = corpus / PACK
    framework = sorted(p for p in pack.glob("*.docx") if not p.name.startswith("Contents Matrix"))
    sets = {"core": [pack / n for n in CORE], "framework": framework}
    for source in ("commonpaper", "bonterms"):
        for template in sorted((corpus / "docs" / source).glob("*/template.docx")):
            sets[f"{source}/{template.parent.name}"] = [template]
    for folder in sorted(p for p in (corpus / "docs" / "18f_bpa").glob("*") if p.is_dir()):
        documents = sorted(folder.rglob("*.md"))
        if documents:
            sets[f"18f/{folder.name}"] = documents
    for text in sorted((corpus / "cuad" / "txt").glob("*.txt"))[::CUAD_STEP]:
        sets[f"cuad/{text.stem}"] = [text]
    return sets


def _key(set_name: str, f: Finding, report: Report) -> str:
    text = report.document.text
    loc = f.location
    return f"{set_name}|{f.code}|{loc.file}|{loc.paragraph}|{text[loc.start : loc.end]}"


def _context(report: Report, f: Finding, width: int = 90) -> str:
    text = report.document.text
    lo, hi = max(0, f.location.start - width), min(len(text), f.location.end + width)
    inner = text[f.location.start : f.location.end]
    return " ".join(f"{text[lo : f.location.start]}»{inner}«{text[f.location.end : hi]}".split())


def _sample(found: dict[str, tuple[list[Finding], Report]], offset: int) -> list[tuple[str, Finding, Report]]:
    """Every HY001/HY005 finding of ``core``, then every K-th of ``framework`` starting at ``offset``."""
    sample: list[tuple[str, Finding, Report]] = []
    for name, (chosen, report) in found.items():
        if name not in CCS_SETS:
            continue
        if name == "framework":
            need = max(1, MIN_SAMPLE - len(sample))
            step = max(1, len(chosen) // need)
            chosen = chosen[offset % step :: step]
        sample.extend((name, f, report) for f in chosen)
    return sample


def _fresh(
    found: dict[str, tuple[list[Finding], Report]], seen: set[str]
) -> list[tuple[str, Finding, Report]]:
    """Findings not labelled before: every CCS one, then every K-th of the other contracts'."""
    ccs: list[tuple[str, Finding, Report]] = []
    rest: list[tuple[str, Finding, Report]] = []
    for name, (chosen, report) in found.items():
        for f in chosen:
            if _key(name, f, report) not in seen:
                (ccs if name in CCS_SETS else rest).append((name, f, report))
    need = max(1, MIN_SAMPLE - len(ccs))
    return ccs + rest[:: max(1, len(rest) // need)]


def _item(set_name: str, f: Finding, report: Report) -> dict[str, object]:
    return {
        "key": _key(set_name, f, report),
        "set": set_name,
        "code": f.code,
        "file": f.location.file,
        "paragraph": f.location.paragraph,
        "message": f.message,
        "context": _context(report, f),
        "verdict": "",
        "reason": "",
    }


def _read_labels(path: Path) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                labels[item["key"]] = item
    return labels


def _precision(name: str, labels: dict[str, dict[str, str]], reported: set[str]) -> None:
    """Precision over the labelled findings the rules still report; labelled ones no longer reported are
    counted apart (a true positive dropped is lost recall, a false positive dropped is a fix)."""
    by_code: dict[str, Counter[str]] = {c: Counter() for c in SAMPLED}
    dropped: Counter[str] = Counter()
    for key, item in labels.items():
        verdict = item.get("verdict", "")
        if verdict not in ("tp", "fp"):
            continue
        if key in reported:
            by_code[item["code"]][verdict] += 1
        else:
            dropped[verdict] += 1
    tp = sum(c["tp"] for c in by_code.values())
    n = tp + sum(c["fp"] for c in by_code.values())
    print(
        f"{name}: {len(labels)} labelled, {n} still reported, dropped since labelling: "
        f"{dropped['tp']} tp, {dropped['fp']} fp"
    )
    for code in SAMPLED:
        k = sum(by_code[code].values())
        if k:
            print(f"  {code}: precision {by_code[code]['tp'] / k:.3f} ({by_code[code]['tp']}/{k})")
    if n:
        print(f"  precision (HY001 + HY005): {tp / n:.3f} ({tp}/{n})")


def _ccs_now(found: dict[str, tuple[list[Finding], Report]], labels: dict[str, dict[str, str]]) -> None:
    """Every HY001/HY005 finding the rules report now on the CCS sets, with its verdict from any round:
    the precision issue 6 asks for, over the whole population rather than a sample."""
    verdicts: Counter[str] = Counter()
    for name in CCS_SETS:
        chosen, report = found[name]
        for f in chosen:
            verdicts[labels.get(_key(name, f, report), {}).get("verdict") or "unlabelled"] += 1
    judged = verdicts["tp"] + verdicts["fp"]
    tp = verdicts["tp"]
    share = f"precision {tp / judged:.3f} ({tp}/{judged})" if judged else "none judged"
    print(
        f"CCS (core + framework) now: {sum(verdicts.values())} findings, "
        f"{verdicts['unlabelled']} unlabelled; {share}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument(
        "--labels", type=Path, action="append", help=f"labels file(s); default: {', '.join(LABELS)}"
    )
    parser.add_argument("--write-sample", type=Path, help="append unlabelled sampled findings to this file")
    parser.add_argument("--offset", type=int, default=0, help="first framework finding of the sample")
    parser.add_argument("--draw-fresh", type=Path, help="append a sample of findings no round has labelled")
    args = parser.parse_args(argv)
    if not (args.corpus / PACK).is_dir():
        print(f"corpus not found: {args.corpus / PACK}", file=sys.stderr)
        return 2
    linter = Linter(LintConfig(select=("HY",)))
    found: dict[str, tuple[list[Finding], Report]] = {}
    reported: set[str] = set()
    for name, paths in _sets(args.corpus).items():
        report = linter.lint_set(paths)
        counts = Counter(f.code for f in report.findings)
        if name in CCS_SETS:
            print(f"{name}: {len(paths)} files, " + ", ".join(f"{c} {counts[c]}" for c in sorted(counts)))
        chosen = [f for f in report.findings if f.code in SAMPLED]
        chosen.sort(key=lambda f: (str(f.location.file), f.location.start))
        found[name] = (chosen, report)
        reported.update(_key(name, f, report) for f in chosen)
    others = [c for name, (chosen, _) in found.items() if name not in CCS_SETS for c in chosen]
    print(
        f"other contracts: {len(found) - len(CCS_SETS)} sets, "
        + ", ".join(f"{c} {n}" for c, n in sorted(Counter(f.code for f in others).items()))
    )
    for path in args.labels or [REPO / "benchmarks" / "labels" / n for n in LABELS]:
        _precision(path.name, _read_labels(path), reported)
    if not args.labels:
        every = [_read_labels(REPO / "benchmarks" / "labels" / n) for n in LABELS]
        _ccs_now(found, {k: v for labels in every for k, v in labels.items()})
    if args.draw_fresh:
        seen = {k for n in LABELS for k in _read_labels(REPO / "benchmarks" / "labels" / n)}
        drawn = [_item(*t) for t in _fresh(found, seen)]
        args.draw_fresh.parent.mkdir(parents=True, exist_ok=True)
        with args.draw_fresh.open("a", encoding="utf-8") as fh:
            for item in drawn:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(drawn)} fresh findings written to {args.draw_fresh} for labelling", file=sys.stderr)
    if args.write_sample:
        labels = _read_labels(args.write_sample)
        new = []
        for set_name, f, report in _sample(found, args.offset):
            if _key(set_name, f, report) not in labels:
                new.append(_item(set_name, f, report))
        args.write_sample.parent.mkdir(parents=True, exist_ok=True)
        with args.write_sample.open("a", encoding="utf-8") as fh:
            for item in new:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(new)} sampled findings written to {args.write_sample} for labelling", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

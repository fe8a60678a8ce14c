"""Throughput of the NLP pipeline against bare ``spacy.blank("en")`` tokenisation of the same text.

Not a test: it prints figures. Run from the repo root:

    python benchmarks/bench_nlp.py [--limit N] [--repeat R] [CORPUS_TXT_DIR]

Input: the CUAD text files in ../shared/corpus/cuad/txt (read-only, never copied). The target is a
ratio of at most 5x (full pipeline time / bare tokenisation time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import spacy

from contractlint.nlp import analyse, build_pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / ".." / "shared" / "corpus" / "cuad" / "txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=0, help="first N files only (0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    args = parser.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    chars = sum(len(t) for t in texts)

    blank = spacy.blank("en")
    blank.max_length = max(blank.max_length, max(len(t) for t in texts) + 1)
    nlp = build_pipeline()
    words = sum(len(blank.make_doc(t)) for t in texts)

    def run_blank() -> None:
        for t in texts:
            blank.make_doc(t)

    def run_full() -> None:
        for t in texts:
            analyse(nlp, t)

    def timed(fn: object) -> float:
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()  # type: ignore[operator]
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    run_full()  # warm-up (lazy compilation, string store)
    t_blank = timed(run_blank)
    t_full = timed(run_full)
    print(f"files: {len(files)}  chars: {chars:,}  words (blank tokens): {words:,}")
    print(f"spacy.blank('en') tokenisation: {t_blank:.2f} s  {words / t_blank:,.0f} words/s")
    print(f"contractlint pipeline ({', '.join(nlp.pipe_names)}):")
    print(f"                                {t_full:.2f} s  {words / t_full:,.0f} words/s")
    print(f"ratio full / bare: {t_full / t_blank:.2f}x  (target <= 5x)")
    per: dict[str, float] = {}
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in (t[: nlp.max_length - 1] for t in texts)]
    per["tokenizer (legal)"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = [proc(d) for d in docs]
        per[name] = time.perf_counter() - start
    print("per component (s, one run, one Doc per file):")
    for name, secs in per.items():
        print(f"  {name:28s} {secs:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

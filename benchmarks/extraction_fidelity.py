"""Extraction fidelity and speed of the PDF engines on the CUAD PDFs, against CUAD's own text files.

    python benchmarks/extraction_fidelity.py [CORPUS_DIR] [--engines pdfium pdfplumber] [--limit N]
                                             [--show-removed]

CORPUS_DIR defaults to ../shared/corpus/cuad (relative to the repository root). For each engine it prints
the median, 10th percentile and minimum word-sequence similarity between ``Document.text`` and the
reference ``txt/`` file, the pages per second, and the pages per second of ``pdftotext`` on the same
files in the same run (the practical floor), with the ratio of the two.

Similarity, kept honest:
* both sides are split on whitespace after the same typographic normalisation (NFKC, curly quotes to
  straight, dashes to '-'): the reference files were made by another converter that flattened these;
* the reference still holds the running headers, footers and page numbers that the extractor dropped,
  so the lines in ``Document.removed_lines`` are deleted from the reference: multi-word or non-numeric
  lines everywhere they occur, a bare number once (the next occurrence after the previous one);
* the score is ``difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()`` over the token lists,
  exactly, on the whole document (no chunking).

It also checks that every block has a page and a box, and that running lines found independently (the
first and last line of each page in ``pdftotext`` output, recurring on half the pages or more, digits
normalised) no longer appear in ``Document.text``.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from contractlint.extract import PDF_ENGINES, extract
from contractlint.model import Document

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "cuad"
DEFAULT_ENGINE = "pdfium"

_TYPO = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "\ufffe": "-", "\xad": "",
    }
)  # fmt: skip


def tokens(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).translate(_TYPO).split()


def strip_removed(reference: list[str], removed: tuple[str, ...]) -> list[str]:
    """Delete the extractor's removed running lines from the reference token list."""
    keep = [True] * len(reference)
    cursor = 0
    for line in removed:
        seq = tokens(line)
        if not seq:
            continue
        n = len(seq)
        if n == 1 and seq[0].isdigit():
            for i in range(cursor, len(reference)):
                if keep[i] and reference[i] == seq[0]:
                    keep[i] = False
                    cursor = i
                    break
            continue
        first = seq[0]
        for i in range(len(reference) - n + 1):
            if reference[i] == first and reference[i : i + n] == seq:
                for j in range(i, i + n):
                    keep[j] = False
    return [t for t, k in zip(reference, keep, strict=True) if k]


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def running_lines(pdftotext_output: str) -> tuple[int, list[str]]:
    """Lines at the top or bottom of most pages in pdftotext's output (an independent detector).

    Returns the page count and the running lines of three words or more (shorter ones, such as
    "Confidential" or a bare page number, cannot be told apart from body text by a text search).
    """
    pages = [p for p in pdftotext_output.split("\f") if p.strip()]
    if len(pages) < 3:
        return len(pages), []
    seen: Counter[str] = Counter()
    originals: dict[str, set[str]] = {}
    for page in pages:
        lines = [" ".join(ln.split()) for ln in page.splitlines() if ln.strip()]
        keys = set()
        for ln in {lines[0], lines[-1]}:
            key = re.sub(r"\d+", "#", ln.lower())
            keys.add(key)
            originals.setdefault(key, set()).add(ln)
        seen.update(keys)
    found = []
    for key, n in seen.items():
        if n >= max(3, len(pages) / 2) and len(key.split()) >= 3:
            found.extend(originals[key])
    return len(pages), found


def leftover(body: str, pages: int, running: list[str]) -> list[str]:
    """Running lines still recurring in the body: on a third of the pages or more."""
    text = " ".join(tokens(body))
    left = []
    for line in running:
        pattern = r"\d+".join(re.escape(part) for part in re.split(r"\d+", " ".join(tokens(line))))
        if len(re.findall(pattern, text)) >= max(2, pages / 3):
            left.append(line)
    return left


@dataclass
class Result:
    name: str
    pages: int
    seconds: float
    ratio: float
    blocks_without_box: int
    leftover_running: list[str]
    removed: tuple[str, ...]


def run_engine(
    engine: str, files: list[tuple[Path, Path]], running: dict[Path, tuple[int, list[str]]]
) -> list[Result]:
    results = []
    for pdf, txt in files:
        data = pdf.read_bytes()
        t0 = time.perf_counter()
        doc: Document = extract(data, filename=pdf.name, pdf_engine=engine)  # type: ignore[arg-type]
        seconds = time.perf_counter() - t0
        ref = strip_removed(tokens(txt.read_text(encoding="utf-8", errors="replace")), doc.removed_lines)
        pages, lines = running.get(pdf, (0, []))
        left = leftover(doc.text, pages, lines)
        results.append(
            Result(
                name=pdf.name,
                pages=doc.page_count or 0,
                seconds=seconds,
                ratio=similarity(tokens(doc.text), ref),
                blocks_without_box=sum(
                    1 for b in doc.blocks if b.location.page is None or b.location.bbox is None
                ),
                leftover_running=left,
                removed=doc.removed_lines,
            )
        )
    return results


def pdftotext(files: list[tuple[Path, Path]]) -> tuple[float, dict[Path, tuple[int, list[str]]]]:
    total = 0.0
    running = {}
    for pdf, _ in files:
        t0 = time.perf_counter()
        out = subprocess.run(
            ["pdftotext", "-q", str(pdf), "-"], capture_output=True, check=False
        ).stdout.decode("utf-8", "replace")
        total += time.perf_counter() - t0
        running[pdf] = running_lines(out)
    return total, running


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))]


def load_index(corpus: Path) -> list[tuple[Path, Path]]:
    with (corpus / "index.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [(corpus / r["pdf"], corpus / r["txt"]) for r in rows if r["pdf"] and r["txt"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--engines", nargs="+", choices=PDF_ENGINES, default=list(PDF_ENGINES))
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of index.csv")
    parser.add_argument("--show-removed", action="store_true", help="list dropped lines per file")
    parser.add_argument("--worst", type=int, default=5, help="list the N lowest-scoring files")
    args = parser.parse_args(argv)
    files = load_index(args.corpus.resolve())[: args.limit]
    if not files:
        print(f"no files found under {args.corpus}", file=sys.stderr)
        return 2
    if shutil.which("pdftotext"):
        floor_seconds, running = pdftotext(files)
    else:
        floor_seconds, running = float("nan"), {}
        print("pdftotext not found: no baseline", file=sys.stderr)
    speeds: dict[str, float] = {}
    for engine in args.engines:
        results = run_engine(engine, files, running)
        ratios = [r.ratio for r in results]
        pages = sum(r.pages for r in results)
        speeds[engine] = pages / sum(r.seconds for r in results)
        leftovers = [r for r in results if r.leftover_running]
        print(
            f"{engine:<11} files={len(results)} pages={pages} median={statistics.median(ratios):.4f} "
            f"p10={percentile(ratios, 0.10):.4f} min={min(ratios):.4f} mean={statistics.mean(ratios):.4f} "
            f"pages/s={speeds[engine]:.0f} "
            f"blocks_without_box={sum(r.blocks_without_box for r in results)} "
            f"files_with_running_lines_left={len(leftovers)}/"
            f"{sum(1 for f in files if running.get(f[0], (0, []))[1])}"
        )
        for r in sorted(results, key=lambda r: r.ratio)[: args.worst]:
            print(f"    worst {r.ratio:.4f} {r.pages:>4}p  {r.name}")
        for r in leftovers[: args.worst]:
            print(f"    running lines left in {r.name}: {r.leftover_running[:3]}")
        if args.show_removed:
            for r in results:
                print(f"    removed {r.name}: {list(r.removed)}")
    pages = sum(r.pages for r in results)
    floor = pages / floor_seconds
    print(f"pdftotext   pages/s={floor:.0f}")
    if DEFAULT_ENGINE in speeds:
        print(f"{DEFAULT_ENGINE}/pdftotext speed ratio = {speeds[DEFAULT_ENGINE] / floor:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scan throughput against pdftotext, parallel speed-up, cache speed-up, and flat memory.

Default mode, on the same PDFs in one run (figures are ratios against pdftotext timed here):

    python benchmarks/bench_scan.py [--dir ../shared/corpus/cuad/pdf] [--limit 40]

prints the time and pages/s of ``scan -j1`` and ``-j2`` with the default engine and with
``--pdf-engine pdfplumber``, of ``pdftotext`` over the same files, and of a cached re-scan. Targets:
-j1 at most 5x pdftotext, -j2 at least 1.8x faster than -j1, a cached re-scan at least 50x faster.

Memory mode: ``--synthetic N`` scans a temporary folder of N files (copies of the repository's
fixtures, one in 25 corrupt or empty) with every report format being written, and prints the peak RSS of
the main process; ``--synthetic-compare`` runs 200 and 2,000 files in fresh processes and checks that
the peak stays under 500 MB and within 20% between the two.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from contractlint.lint import LintConfig
from contractlint.render.output import make_writer
from contractlint.scanner import ScanOptions, discover, run_scan
from contractlint.scanner.summary import ScanSummary

REPO = Path(__file__).resolve().parents[1]
CORPUS_PDF = REPO / ".." / "shared" / "corpus" / "cuad" / "pdf"


def _scan(files: list[str], config: LintConfig, options: ScanOptions) -> tuple[float, ScanSummary]:
    summary = ScanSummary()
    start = time.perf_counter()
    for result in run_scan(files, config, options):
        summary.add(result)
    return time.perf_counter() - start, summary


def _pdftotext(files: list[str]) -> float:
    start = time.perf_counter()
    for path in files:
        subprocess.run(["pdftotext", "-q", path, "-"], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def throughput(directory: Path, limit: int, engines: tuple[str, ...] = ("pdfium", "pdfplumber")) -> None:
    files = [f for f in discover([directory]) if f.lower().endswith(".pdf")][:limit]
    if not files:
        sys.exit(f"no PDFs under {directory}")
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext not found (apt-get install poppler-utils)")
    baseline = _pdftotext(files)
    rows: list[tuple[str, float]] = []
    pages = 0
    with tempfile.TemporaryDirectory() as cache:
        for engine in engines:
            config = LintConfig(pdf_engine=engine)  # type: ignore[arg-type]
            for jobs in (1, 2):
                cache_dir = cache if (engine, jobs) == ("pdfium", 2) else None
                seconds, summary = _scan(files, config, ScanOptions(jobs=jobs, cache_dir=cache_dir))
                pages = max(pages, summary.pages)
                rows.append((f"scan -j{jobs} --pdf-engine {engine}", seconds))
                print(
                    f"  {rows[-1][0]}: {seconds:.1f} s, {len(summary.errors)} errors",
                    file=sys.stderr,
                )
        cached, _ = _scan(files, LintConfig(pdf_engine="pdfium"), ScanOptions(jobs=2, cache_dir=cache))
    print(f"{len(files)} PDFs, {pages} pages (pages counted from the linted reports)")
    load = os.getloadavg()[0]
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores (other work skews -j2)")
    print(f"{'method':<36} {'seconds':>8} {'pages/s':>9} {'x pdftotext':>12}")
    print(f"{'pdftotext (poppler)':<36} {baseline:>8.2f} {pages / baseline:>9.1f} {1.0:>12.1f}")
    for name, seconds in [*rows, ("cached re-scan -j2", cached)]:
        print(f"{name:<36} {seconds:>8.2f} {pages / seconds:>9.1f} {seconds / baseline:>12.1f}")
    times = dict(rows)
    j1, j2 = times["scan -j1 --pdf-engine pdfium"], times["scan -j2 --pdf-engine pdfium"]
    print(f"-j1 / pdftotext: {j1 / baseline:.1f}x (target <= 5x)")
    speedups = ", ".join(
        f"{e} {times[f'scan -j1 --pdf-engine {e}'] / times[f'scan -j2 --pdf-engine {e}']:.2f}x"
        for e in engines
    )
    print(f"-j2 speed-up: {speedups} (target >= 1.8x)")
    print(f"cached re-scan speed-up: {j2 / cached:.0f}x (target >= 50x)")


def _synthetic_folder(root: Path, n: int) -> None:
    sources = sorted(
        p
        for p in [*(REPO / "fixtures").glob("*.*"), *(REPO / "fixtures" / "rules").glob("*/*.*")]
        if p.suffix in (".txt", ".md", ".docx")
    )
    for i in range(n):
        src = sources[i % len(sources)]
        dest = root / f"{i // 100:03d}" / f"{i:05d}_{src.name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        if i % 50 == 24:  # corrupt: a PDF cut off after its header
            dest.with_suffix(".pdf").write_bytes(b"%PDF-1.7\n% truncated\n")
        elif i % 50 == 49:  # corrupt: an empty file
            dest.write_bytes(b"")
        elif src.suffix == ".docx":
            shutil.copy(src, dest)
        else:  # unique text, so no two files share a cache key or a report
            dest.write_text(src.read_text(encoding="utf-8") + f"\n\nReference copy {i}.\n", encoding="utf-8")


def synthetic(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "contracts"
        _synthetic_folder(root, n)
        files = discover([root])
        writers = [
            make_writer(fmt, str(Path(tmp) / f"out.{fmt}"))
            for fmt in ("json", "jsonl", "csv", "sarif", "html")
        ]
        summary = ScanSummary()
        start = time.perf_counter()
        for result in run_scan(files, LintConfig(), ScanOptions(jobs=2, cache_dir=None)):
            summary.add(result)
            for writer in writers:
                writer.add(result)
        summary.finish()
        for writer in writers:
            writer.finish(summary)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"files": len(files), "errors": len(summary.errors), "seconds": seconds, "peak_rss_mb": peak_mb}


def synthetic_compare() -> None:
    figures = {}
    for n in (200, 2000):
        out = subprocess.run(
            [sys.executable, __file__, "--synthetic", str(n), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        figures[n] = json.loads(out.strip().splitlines()[-1])
        f = figures[n]
        print(
            f"{f['files']:>5} files ({f['errors']} corrupt): {f['seconds']:.0f} s, "
            f"peak RSS {f['peak_rss_mb']:.0f} MB"
        )
    small, large = figures[200]["peak_rss_mb"], figures[2000]["peak_rss_mb"]
    growth = large / small - 1
    print(
        f"peak RSS at 2,000 vs 200 files: {growth:+.0%} (target within 20%), {large:.0f} MB (target < 500 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=CORPUS_PDF)
    parser.add_argument("--limit", type=int, default=40, help="PDFs to use (sorted by path)")
    parser.add_argument(
        "--engines", default="pdfium,pdfplumber", help="PDF engines to time (pdfium is always needed)"
    )
    parser.add_argument("--synthetic", type=int, metavar="N", help="memory check on N synthetic files")
    parser.add_argument("--synthetic-compare", action="store_true", help="memory at 200 vs 2,000 files")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.synthetic_compare:
        synthetic_compare()
    elif args.synthetic:
        figures = synthetic(args.synthetic)
        print(json.dumps(figures) if args.json else figures)
    else:
        throughput(args.dir.resolve(), args.limit, tuple(args.engines.split(",")))


if __name__ == "__main__":
    main()

"""A 100-page DOCX: contractlint's full lint against python-docx's bare read, side by side in one run.

    python benchmarks/bench_docx.py [--pages 100] [--repeat 5] [--profile]

The document is bench_scaling's contract text (renumbered clauses, definitions, cross-references) at
``--pages`` pages plus a 3 x 40 service-level table. The baseline is what any DOCX tool must do at least:
``docx.Document(path)`` and walking ``iter_inner_content()``, reading every paragraph's text and every
table cell's text. contractlint's time is ``Linter.lint(path)``: extraction (with Word's numbering), NLP
and every rule, with the pipeline built beforehand. Prints the median of ``--repeat`` runs of each and
the ratio (target: at most 4x), then the time of each stage (extraction, the spaCy pipeline, and
segmentation + pattern verdicts + rules) against the same baseline. ``--profile`` adds a cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from bench_scaling import build_docx, contract  # noqa: E402


def make_docx(pages: int) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(build_docx(contract(pages))))
    table = document.add_table(rows=40, cols=3)
    for n, row in enumerate(table.rows, start=1):
        cells = row.cells
        cells[0].text = f"Service {n}"
        cells[1].text = f"{99 + n / 100:.2f}% availability each month"
        cells[2].text = f"Service Credit {n}: {n}% of the monthly charge"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def bare_python_docx(path: Path) -> int:
    """Load and read all paragraph and cell text, as cheaply as python-docx allows."""
    import docx
    from docx.table import Table

    document = docx.Document(str(path))
    chars = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    chars += len(cell.text)
        else:
            chars += len(item.text)
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    from contractlint.lint import Linter

    linter = Linter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contract.docx"
        path.write_bytes(make_docx(args.pages))
        linter.lint(path)  # warm up: first-use caches
        bare_python_docx(path)
        bare: list[float] = []
        full: list[float] = []
        for _ in range(args.repeat):  # interleaved, so machine load hits both alike
            started = time.perf_counter()
            chars = bare_python_docx(path)
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = linter.lint(path)
            full.append(time.perf_counter() - started)
        b, f = statistics.median(bare), statistics.median(full)
        size, text = path.stat().st_size, len(report.document.text)
        print(f"{args.pages}-page DOCX, {size:,} bytes, {text:,} characters")
        print(f"python-docx load + paragraphs + table cells: {b:.3f} s ({chars:,} characters)")
        print(f"contractlint lint (extract + NLP + rules):   {f:.3f} s ({len(report.findings)} findings)")
        print(f"ratio: {f / b:.2f}x (target <= 4x); medians of {args.repeat}")
        # Where the time goes: extraction, the spaCy pipeline, and the rest (segmentation, pattern
        # verdicts, rules, inventory), each the median of the same number of runs.
        from contractlint.extract import extract
        from contractlint.nlp import analyse

        stages: dict[str, list[float]] = {"extract": [], "nlp": [], "segment+rules": []}
        for _ in range(args.repeat):
            gc.disable()  # as Linter.lint runs them: the cyclic collector is paused for a lint
            started = time.perf_counter()
            document = extract(path)
            stages["extract"].append(time.perf_counter() - started)
            started = time.perf_counter()
            analyse(linter.nlp, document.text)
            stages["nlp"].append(time.perf_counter() - started)
            started = time.perf_counter()
            linter.lint_document(document)
            stages["segment+rules"].append(time.perf_counter() - started - stages["nlp"][-1])
            gc.enable()
        print(
            "stages: "
            + ", ".join(
                f"{k} {statistics.median(v):.3f} s ({statistics.median(v) / b:.1f}x)"
                for k, v in stages.items()
            )
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(linter.lint, path)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Lint time and peak memory as one contract's text grows from 10 to 1,000 pages (DOCX and PDF).

    python benchmarks/bench_scaling.py [--pages 10,50,200,1000] [--formats docx,pdf] [--repeat 1]

The text is fixtures/services_agreement.txt's clauses repeated with renumbered clauses, one new defined
term and one cross-reference to an earlier clause per copy, so the clause tree, the definitions and the
cross-references all grow with the document. The PDF (tests/extract/pdf_builder.py, 54 lines a page) and
the DOCX (python-docx, one paragraph per clause) hold the same text, about 2,300 characters a page.

Each size is linted end to end (extract + NLP + rules, the pipeline built beforehand) in a fresh child
process, which reports the wall time and its peak resident memory above the warmed-up baseline. Prints
ms per page and MB per page at each size, and the ratio of the per-page time at the largest size to the
smallest (target: at most 1.5, i.e. no quadratic step) and of the per-page memory.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LINES_PER_PAGE = 54
WRAP = 105


def _copy(n: int) -> list[str]:
    """One renumbered copy of the agreement's clauses (four clauses, numbered from ``4n + 1``)."""
    a = 4 * n
    prior = f"clause {a - 2}.1" if n else "clause 2.1"
    return [
        f"{a + 1}. DEFINITIONS (PART {n + 1})",
        f'{a + 1}.1 In this Agreement, "Services" means the services described in Schedule 1, and "Service '
        f'Credit {n + 1}" means the credit set out in paragraph {n + 1} of Schedule 2.',
        f'{a + 1}.2 "Service Levels" means the levels of performance set out in Schedule 1.',
        f"{a + 2}. SERVICES",
        f"{a + 2}.1 Subject to {prior}, the Supplier shall provide the Services from the Effective Date.",
        f"{a + 2}.2 The Supplier shall:",
        "(a) perform the Services with reasonable skill and care;",
        "(b) comply with the Customer's IT security policy; and",
        "(c) keep accurate records of all work performed.",
        f"{a + 3}. FEES AND PAYMENT",
        f"{a + 3}.1 The Customer shall pay the Fees as follows:",
        f"{a + 3}.1.1 a monthly service charge, invoiced in arrears; and",
        f"{a + 3}.1.2 any project charges agreed in writing, less any Service Credit {n + 1}.",
        f"{a + 3}.2 Invoices are payable within 30 days of receipt. Five days after a late payment notice "
        f"under clause {a + 3}.1, the Supplier may suspend the Services.",
        f"{a + 4}. TERM AND TERMINATION",
        f"{a + 4}.1 This Part starts on the Effective Date and continues for 3 years.",
        f"{a + 4}.2 Either party may terminate this Agreement on 90 days' written notice under "
        f"clause {a + 4}.",
    ]


HEAD = [
    "MASTER SERVICES AGREEMENT",
    'This Master Services Agreement (the "Agreement") is made on 1 March 2026 between Northwind '
    'Outsourcing Ltd ("Supplier") and Contoso Retail plc ("Customer").',
]
TAIL = [
    "Signed for and on behalf of the parties.",
    "SCHEDULE 1",
    "SERVICE LEVELS",
    "1. Availability: the service desk is available 99.5% of each month.",
    "2. Response: priority 1 incidents are answered within 15 minutes.",
]


def _lines(paragraph: str) -> list[str]:
    return textwrap.wrap(paragraph, WRAP) or [""]


def contract(pages: int) -> list[str]:
    """Paragraphs filling about ``pages`` pages at 50 lines a page (a blank line between paragraphs)."""
    paragraphs = list(HEAD)
    used = sum(len(_lines(p)) + 1 for p in paragraphs + TAIL)
    n = 0
    while True:
        copy = _copy(n)
        cost = sum(len(_lines(p)) + 1 for p in copy)
        if used + cost > pages * LINES_PER_PAGE:
            break
        paragraphs += copy
        used += cost
        n += 1
    return paragraphs + TAIL


def build_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        heading = text.isupper() or (text.split(". ", 1)[-1].isupper() and text[:1].isdigit())
        document.add_paragraph(text, style="Heading 1" if heading and len(text) < 60 else None)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def build_pdf_bytes(paragraphs: list[str]) -> tuple[bytes, int]:
    from tests.extract.pdf_builder import Line, Page, build_pdf

    pages: list[Page] = []
    page = Page()
    row = 0

    def new_page() -> None:
        nonlocal page, row
        page.lines.append(Line(300, 760, f"Page {len(pages) + 1}", size=9))
        pages.append(page)
        page, row = Page(), 0

    for text in paragraphs:
        for line in _lines(text):
            if row >= LINES_PER_PAGE - 2:
                new_page()
            page.lines.append(Line(54, 40 + 13 * row, line, size=10, bold=text.isupper()))
            row += 1
        row += 1
    new_page()
    return build_pdf(pages), len(pages)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str, repeat: int) -> None:
    """Lint ``path`` after warming up; print JSON with the median time and the peak memory added."""
    from contractlint.lint import Linter

    linter = Linter()
    linter.lint(REPO / "fixtures" / "services_agreement.docx")
    linter.lint(REPO / "fixtures" / "services_agreement.txt")
    base = _rss_mb()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        report = linter.lint(path)
        times.append(time.perf_counter() - started)
        chars = len(report.document.text)
        del report
    print(json.dumps({"seconds": statistics.median(times), "peak_mb": _rss_mb() - base, "chars": chars}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", default="10,50,200,1000")
    parser.add_argument("--formats", default="docx,pdf")
    parser.add_argument("--repeat", type=int, default=1, help="lints per size (median); the first is kept")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.repeat)
        return 0
    sizes = [int(p) for p in args.pages.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            print(f"\n{fmt.upper()}: lint end to end (extract + NLP + rules), one child process per size")
            print(f"{'pages':>6} {'chars':>10} {'seconds':>8} {'ms/page':>8} {'peak MB':>8} {'MB/page':>8}")
            per_page: dict[int, tuple[float, float]] = {}
            for size in sizes:
                paragraphs = contract(size)
                path = Path(tmp) / f"contract-{size}.{fmt}"
                if fmt == "docx":
                    path.write_bytes(build_docx(paragraphs))
                    pages = size
                else:
                    data, pages = build_pdf_bytes(paragraphs)
                    path.write_bytes(data)
                run = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), "--repeat", str(args.repeat)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                result = json.loads(run.stdout.strip().splitlines()[-1])
                ms = 1000 * result["seconds"] / pages
                mb = result["peak_mb"] / pages
                per_page[size] = (ms, mb)
                print(
                    f"{pages:>6} {result['chars']:>10,} {result['seconds']:>8.2f} {ms:>8.1f} "
                    f"{result['peak_mb']:>8.1f} {mb:>8.2f}",
                    flush=True,
                )
            small, large = min(sizes), max(sizes)
            print(
                f"per-page time {large}/{small} pages: {per_page[large][0] / per_page[small][0]:.2f}x "
                f"(target <= 1.5x); per-page memory {large}/{small}: "
                f"{per_page[large][1] / max(per_page[small][1], 1e-9):.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

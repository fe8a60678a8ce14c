"""The ``contractlint`` command line.

Each subcommand is a function taking the parsed arguments and returning an exit status, registered in
``_build_parser``; adding ``check`` or ``scan`` means adding one ``_add_*`` function and one handler.
Errors a user can cause become one line on stderr (``contractlint: error: ...``) and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from contractlint import __version__
from contractlint.errors import ContractlintError
from contractlint.extract import PDF_ENGINES, extract
from contractlint.extract.limits import Limits
from contractlint.model import Document, Location
from contractlint.segment import ClauseTree, segment

if TYPE_CHECKING:
    from contractlint.lint import LintConfig

__all__ = ["OUTLINE_SCHEMA", "main"]

OUTLINE_SCHEMA = "contractlint-outline/1"
PROG = "contractlint"

Handler = Callable[[argparse.Namespace, TextIO], int]


def _add_outline(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "outline",
        help="print the clause tree of a contract",
        description="Print the clause tree of a contract: numbers, titles and where each clause is.",
    )
    parser.add_argument("file", metavar="FILE", help="a DOCX, PDF, text or Markdown contract")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_outline)


def _size(value: str) -> int:
    """``10MB``, ``512MiB``, ``2G`` or plain bytes."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    factor = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    try:
        return int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (use e.g. 50MB)") from None


def _add_limits(parser: argparse.ArgumentParser) -> None:
    """Safety limits for untrusted files (docs/extractors.md); errors name the flag that raises each."""
    d = Limits()
    group = parser.add_argument_group("limits")
    group.add_argument("--max-file-size", type=_size, default=d.max_file_size, metavar="SIZE")
    group.add_argument("--max-decompressed-size", type=_size, default=d.max_decompressed_size, metavar="SIZE")
    group.add_argument("--max-pages", type=int, default=d.max_pages, metavar="N")
    group.add_argument("--max-chars", type=int, default=d.max_chars, metavar="N")


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_file_size=args.max_file_size,
        max_decompressed_size=args.max_decompressed_size,
        max_pages=args.max_pages,
        max_chars=args.max_chars,
    )


def _add_pdf_engine(parser: argparse.ArgumentParser) -> None:
    _add_limits(parser)
    parser.add_argument(
        "--pdf-engine",
        choices=PDF_ENGINES,
        default=None,
        help="PDF text extractor (default: pdfium, the fastest; pdfplumber reads some layouts better)",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Lint outsourcing contracts for the gaps that sink deals, with exact locations.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    _add_check(subparsers)
    _add_outline(subparsers)
    _add_rules(subparsers)
    _add_scan(subparsers)
    return parser


# -- check -----------------------------------------------------------------------------------------


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    """What to check and from whose side: shared by ``check`` and ``scan``."""
    parser.add_argument(
        "--select", type=_codes, default=[], metavar="CODES", help="rule codes or prefixes to run (EX,DV001)"
    )
    parser.add_argument(
        "--ignore", type=_codes, default=[], metavar="CODES", help="rule codes or prefixes to skip"
    )
    parser.add_argument(
        "--fail-on",
        choices=("info", "warning", "error"),
        default="warning",
        help="lowest severity that makes the exit status 1 (default: warning)",
    )
    parser.add_argument(
        "--party",
        metavar="NAME",
        help="the reviewing party, by role or name ('Customer', 'Acme'): rights are judged from its side",
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (unreadable files still give 2)",
    )


def _lint_config(args: argparse.Namespace) -> LintConfig:
    """The LintConfig that the shared rule options (``_add_rule_options``) and limits describe."""
    from contractlint.lint import LintConfig

    return LintConfig(
        select=tuple(args.select),
        ignore=tuple(args.ignore),
        party=args.party,
        fail_on=args.fail_on,
        pdf_engine=args.pdf_engine,
        limits=_limits(args),
    )


def _add_check(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="lint contracts and report findings with their locations",
        description=(
            "Lint contracts for missing exit rights, vague deliverables and undefined communication. "
            "Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error."
        ),
    )
    parser.add_argument("files", metavar="FILE", nargs="+", help="DOCX, PDF, text or Markdown contracts")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _add_rule_options(parser)
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_check)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.lint import Linter
    from contractlint.model import SEVERITY_RANK
    from contractlint.render.text import render_report, summary_line

    config = _lint_config(args)
    linter = Linter(config)
    reports = []
    errors = 0
    failing = False
    for path in args.files:
        try:
            report = linter.lint(path)
        except ContractlintError as exc:
            errors += 1
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            continue
        reports.append(report)
        failing |= any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[args.fail_on] for f in report.findings)
        if args.format == "text":
            out.write(render_report(report))
    if args.format == "json":
        payload: Any = (
            reports[0].to_dict()
            if len(reports) == 1 and len(args.files) == 1
            else {
                "schema": "contractlint-reports/1",
                "reports": [r.to_dict() for r in reports],
            }
        )
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        print(summary_line(reports, errors), file=sys.stderr)
    if errors:
        return 2
    return 1 if failing and not args.exit_zero else 0


# -- rules -----------------------------------------------------------------------------------------


def _add_rules(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="list the rules", description="List every rule.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_rules)
    one = subparsers.add_parser("rule", help="print one rule's documentation")
    one.add_argument("code", metavar="CODE", help="rule code or name, e.g. EX002")
    one.set_defaults(handler=_rule)


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.rules import all_rules

    rules = all_rules()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category,
                "severity": r.severity,
                "summary": r.summary,
            }
            for r in rules
        ]
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    for r in rules:
        out.write(f"{r.code}  {r.name:<40} {r.severity:<8} {r.summary}\n")
    return 0


def _rule(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.rules import get_rule
    from contractlint.rules.docs import rule_markdown

    out.write(rule_markdown(get_rule(args.code)))
    return 0


# -- outline ---------------------------------------------------------------------------------------


def _outline(args: argparse.Namespace, out: TextIO) -> int:
    document = extract(args.file, pdf_engine=args.pdf_engine, limits=_limits(args))
    tree = segment(document)
    if args.format == "json":
        json.dump(outline_json(tree), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(outline_text(tree))
    return 0


def outline_json(tree: ClauseTree) -> dict[str, Any]:
    """The ``contractlint-outline/1`` document: the source file and the nested clauses."""
    src = tree.document.source
    return {
        "schema": OUTLINE_SCHEMA,
        "source": {
            "name": src.name,
            "format": src.format,
            "sha256": src.sha256,
            "size": src.size,
            "page_count": src.page_count,
            "extractor": src.extractor,
        },
        **tree.to_dict(),
    }


def outline_text(tree: ClauseTree) -> str:
    """One line per clause, indented by depth: citation, title, and where it starts and ends."""
    doc = tree.document
    lines = [f"{doc.source.name}: {sum(1 for _ in tree.walk())} clauses"]
    for clause in tree.walk():
        label = clause.ref or clause.number or "-"
        title = f"  {clause.title}" if clause.title else ""
        where = _where(doc, clause.location)
        lines.append(f"{'  ' * (clause.level + 1)}{label}{title}  [{where}]")
    return "\n".join(lines) + "\n"


def _where(doc: Document, loc: Location) -> str:
    """ "p. 3-5" for PDF, "¶ 12-14" for DOCX, "lines 40-52" for text: the coordinates a reader has."""
    fmt = doc.source.format
    if fmt == "pdf" and loc.page is not None:
        pages = loc.pages
        last = pages[-1] if pages else loc.page
        return f"p. {loc.page}" if last == loc.page else f"pp. {loc.page}-{last}"
    if fmt in ("text", "markdown") and loc.line is not None:
        end = loc.end_line or loc.line
        return f"line {loc.line}" if end == loc.line else f"lines {loc.line}-{end}"
    last_block = doc.block_at(max(loc.start, loc.end - 1))
    last_paragraph = last_block.location.paragraph if last_block else None
    if loc.paragraph is None:
        return f"chars {loc.start}-{loc.end}"
    if last_paragraph is None or last_paragraph == loc.paragraph:
        return f"¶ {loc.paragraph}"
    return f"¶ {loc.paragraph}-{last_paragraph}"


# -- scan ------------------------------------------------------------------------------------------


class _FormatAction(argparse.Action):
    """``--format F``: starts a new output; the ``-o`` after it names its file."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        outputs = list(getattr(namespace, "outputs", None) or [])
        outputs.append([values, None])
        namespace.outputs = outputs


class _OutputAction(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        outputs = list(getattr(namespace, "outputs", None) or [])
        if not outputs or outputs[-1][1] is not None:
            outputs.append(["text" if not outputs else outputs[-1][0], None])
            if len(outputs) > 1:
                parser.error("-o must follow its --format (e.g. --format csv -o report.csv)")
        outputs[-1][1] = values
        namespace.outputs = outputs


def _add_scan(subparsers: Any) -> None:
    from contractlint.render.output import FORMATS
    from contractlint.scanner.engine import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

    parser = subparsers.add_parser(
        "scan",
        help="lint every contract in folders, in parallel, with reports for lawyers and CI",
        description=(
            "Lint every DOCX, PDF, text and Markdown contract under the given folders, in parallel, "
            "with a cache so unchanged files are not linted again. Exit status: 0 clean, 1 findings at "
            "or above --fail-on, 2 when any file could not be linted (2 wins over 1). See docs/scan.md."
        ),
    )
    parser.add_argument("paths", metavar="PATH", nargs="+", help="folders or files to scan")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: one per available core)",
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="also scan files matching GLOB, whatever their suffix (repeatable)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip files matching GLOB, e.g. 'archive/**' (repeatable)",
    )
    parser.add_argument(
        "--format",
        action=_FormatAction,
        choices=FORMATS,
        dest="outputs",
        metavar="FORMAT",
        help=f"report format, one of {', '.join(FORMATS)}; repeatable, each followed by "
        "-o FILE (default: text on stdout)",
    )
    parser.add_argument(
        "-o",
        "--output",
        action=_OutputAction,
        dest="outputs",
        metavar="FILE",
        help="file for the preceding --format ('-' for stdout)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"per-file time limit; a file over it becomes an error row (default: "
        f"{DEFAULT_TIMEOUT:g}; 0 for none)",
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help=f"memory a worker may use for one file (default: {DEFAULT_MEMORY_MB}; 0 for none)",
    )
    parser.add_argument("--no-cache", action="store_true", help="lint every file, ignoring the cache")
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=None,
        help="cache folder (default: $CONTRACTLINT_CACHE_DIR or .contractlint-cache)",
    )
    parser.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where to lint: local processes or a Dask cluster (needs contractlint[dask])",
    )
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument(
        "--ship-bytes",
        action="store_true",
        help="Dask: send file contents to workers (no shared filesystem needed)",
    )
    parser.add_argument("--no-progress", action="store_true", help="never draw the progress line")
    _add_rule_options(parser)
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_scan, outputs=None)


def _scan(args: argparse.Namespace, out: TextIO) -> int:
    import os

    from contractlint.cache import DEFAULT_CACHE_DIR
    from contractlint.errors import ConfigError
    from contractlint.render.output import ReportWriter, make_writer
    from contractlint.scanner.discover import discover
    from contractlint.scanner.engine import ScanOptions, run_scan
    from contractlint.scanner.progress import Progress
    from contractlint.scanner.summary import ScanSummary

    outputs = [(fmt, target or "-") for fmt, target in (args.outputs or [["text", "-"]])]
    if sum(1 for _, target in outputs if target == "-") > 1:
        raise ConfigError("only one --format can go to stdout; give the others -o FILE")
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError("-j must be at least 1")
    config = _lint_config(args)
    from contractlint.rules import select_rules

    select_rules(config.select, config.ignore)  # unknown codes fail before any work
    cache_dir = (
        None
        if args.no_cache
        else (args.cache_dir or os.environ.get("CONTRACTLINT_CACHE_DIR") or DEFAULT_CACHE_DIR)
    )
    options = ScanOptions(
        jobs=args.jobs,
        timeout=args.timeout or None,
        memory_mb=args.memory_limit or None,
        cache_dir=cache_dir,
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        executor=args.executor,
        scheduler=args.scheduler,
        ship_bytes=args.ship_bytes,
    )
    files = discover(args.paths, include=args.include, exclude=args.exclude)
    if not files:
        print(f"{PROG}: no contracts found under {', '.join(args.paths)}", file=sys.stderr)
    summary = ScanSummary(fail_on=args.fail_on)
    progress = Progress(len(files), sys.stderr, enabled=False if args.no_progress else None)
    writers: list[ReportWriter] = []
    try:
        for fmt, target in outputs:
            writers.append(make_writer(fmt, target, config))
        for result in run_scan(files, config, options):
            summary.add(result)
            for writer in writers:
                writer.add(result)
            progress.update(error=result.error is not None)
        summary.finish()
        for writer in writers:
            writer.finish(summary)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    finally:
        progress.close()
    sys.stderr.write(summary.table())
    code = summary.exit_code()
    return 0 if code == 1 and args.exit_zero else code


# -- entry point -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 findings, 2 usage or input error)."""
    parser = _build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    handler: Handler = args.handler
    try:
        return handler(args, sys.stdout)
    except ContractlintError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # "contractlint outline big.pdf | head": the reader left; that is not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``contractlint`` command line.

Each subcommand is a function taking the parsed arguments and returning an exit status, registered in
``_build_parser``; adding ``check`` or ``scan`` means adding one ``_add_*`` function and one handler.
Errors a user can cause become one line on stderr (``contractlint: error: ...``) and exit status 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from contractlint import __version__
from contractlint.errors import ContractlintError
from contractlint.extract import PDF_ENGINES, extract
from contractlint.extract.limits import Limits
from contractlint.model import Document, Location
from contractlint.segment import ClauseTree, segment

if TYPE_CHECKING:
    from contractlint.config import Resolver
    from contractlint.lint import LintConfig
    from contractlint.rules import Rule

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
        size = int(float(number) * factor)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (use e.g. 50MB)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"a limit must be positive, not {value!r}")
    return size


def _count(value: str) -> int:
    """A positive whole number: a limit of 0 or less would refuse every file."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if count <= 0:
        raise argparse.ArgumentTypeError(f"a limit must be positive, not {value!r}")
    return count


def _add_limits(parser: argparse.ArgumentParser) -> None:
    """Safety limits for untrusted files (docs/extractors.md); errors name the flag that raises each."""
    d = Limits()
    group = parser.add_argument_group("limits")
    group.add_argument(
        "--max-file-size",
        type=_size,
        default=d.max_file_size,
        metavar="SIZE",
        help="largest file read, e.g. 50MB (default: 256MB)",
    )
    group.add_argument(
        "--max-decompressed-size",
        type=_size,
        default=d.max_decompressed_size,
        metavar="SIZE",
        help="most bytes a DOCX's zip or a PDF's compressed streams may unpack to (default: 512MB)",
    )
    group.add_argument(
        "--max-pages", type=_count, default=d.max_pages, metavar="N", help="most PDF pages (default: 5000)"
    )
    group.add_argument(
        "--max-chars",
        type=_count,
        default=d.max_chars,
        metavar="N",
        help="most characters of extracted text (default: 50000000)",
    )


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
    _add_annotate(subparsers)
    _add_outline(subparsers)
    _add_rules(subparsers)
    _add_scan(subparsers)
    _add_baseline(subparsers)
    return parser


# -- check -----------------------------------------------------------------------------------------


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _severity_override(value: str) -> tuple[str, str]:
    code, _, level = value.partition("=")
    if not code.strip() or level.strip() not in ("info", "warning", "error"):
        raise argparse.ArgumentTypeError(f"not CODE=LEVEL: {value!r} (e.g. EX002=error)")
    return code.strip().upper(), level.strip()


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    """Where the configuration comes from (docs/configuration.md)."""
    group = parser.add_argument_group("configuration")
    group.add_argument(
        "--config",
        metavar="FILE",
        help="use this contractlint.toml or pyproject.toml for every file instead of the nearest one",
    )
    group.add_argument(
        "--isolated", action="store_true", help="ignore all configuration files (command line only)"
    )
    group.add_argument(
        "--pattern-dir",
        action="append",
        default=[],
        dest="pattern_dirs",
        metavar="DIR",
        help="extra pattern folder (a firm's patterns and rule packs; repeatable)",
    )


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    """What to check and from whose side: shared by ``check`` and ``scan``. Each option overrides the
    configuration file's value (``--extend-select``, ``--ignore`` and ``--severity`` add to it)."""
    parser.add_argument(
        "--select",
        type=_codes,
        default=None,
        metavar="CODES",
        help="rule codes or prefixes to run (EX,DV001)",
    )
    parser.add_argument(
        "--extend-select",
        type=_codes,
        default=[],
        metavar="CODES",
        help="rule codes or prefixes to run in addition to the selected ones",
    )
    parser.add_argument(
        "--ignore", type=_codes, default=[], metavar="CODES", help="rule codes or prefixes to skip"
    )
    parser.add_argument(
        "--severity",
        type=_severity_override,
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help="report a rule (or prefix) at another severity, e.g. EX002=error (repeatable)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("info", "warning", "error"),
        default=None,
        help="lowest severity that makes the exit status 1 (default: the configuration's, else warning)",
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
    _add_config_options(parser)


def _resolver(args: argparse.Namespace) -> Resolver:
    """Configuration files plus the command line, per contract (``contractlint.config``)."""
    from contractlint.config import Overrides, Resolver

    overrides = Overrides(
        select=None if getattr(args, "select", None) is None else tuple(args.select),
        extend_select=tuple(getattr(args, "extend_select", ())),
        ignore=tuple(getattr(args, "ignore", ())),
        severity=tuple(getattr(args, "severity", ())),
        fail_on=getattr(args, "fail_on", None),
        party=getattr(args, "party", None),
        pattern_dirs=tuple(str(Path(d).resolve()) for d in args.pattern_dirs),
        pdf_engine=getattr(args, "pdf_engine", None),
        limits=_limits(args) if hasattr(args, "max_chars") else Limits(),
    )
    return Resolver(overrides, config_file=args.config, isolated=args.isolated)


def _lint_config(args: argparse.Namespace, path: str | None = None) -> LintConfig:
    """The LintConfig for ``path`` (default: the current folder) from its configuration file and the
    command line's rule options (``_add_rule_options``) and limits."""
    resolver = _resolver(args)
    return resolver.default() if path is None else resolver.for_file(path)


def _add_baseline_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not recorded in FILE (made by 'contractlint baseline')",
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
    parser.add_argument(
        "--as-one-agreement",
        action="store_true",
        help="lint the files together as one agreement (core terms, schedules, definitions): one report "
        "whose findings name their file",
    )
    _add_rule_options(parser)
    _add_baseline_option(parser)
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_check)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.baseline import Baseline
    from contractlint.lint import Linter
    from contractlint.model import SEVERITY_RANK
    from contractlint.render.text import render_report, summary_line

    resolver = _resolver(args)
    baseline = Baseline.load(args.baseline) if args.baseline else None
    linters: dict[LintConfig, Linter] = {}
    reports = []
    errors = 0
    failing = False
    for path in [args.files] if args.as_one_agreement else args.files:
        config = resolver.for_file(path[0] if isinstance(path, list) else path)
        linter = linters.get(config) or linters.setdefault(config, Linter(config))
        try:
            report = linter.lint_set(path) if isinstance(path, list) else linter.lint(path)
        except ContractlintError as exc:
            errors += 1
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            continue
        if baseline is not None:
            report = baseline.filter_report(report)
        reports.append(report)
        failing |= any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[config.fail_on] for f in report.findings)
        if args.format == "text":
            out.write(render_report(report))
    if args.format == "json":
        payload: Any = (
            reports[0].to_dict()
            if len(reports) == 1 and (len(args.files) == 1 or args.as_one_agreement)
            else {
                "schema": "contractlint-reports/1",
                "reports": [r.to_dict() for r in reports],
            }
        )
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        print(summary_line(reports, errors), file=sys.stderr)
    _print_left_out(sum(r.suppressed for r in reports), sum(r.baselined for r in reports), args.baseline)
    if errors:
        return 2
    return 1 if failing and not args.exit_zero else 0


def _print_left_out(suppressed: int, baselined: int, baseline: str | None) -> None:
    """Say how many findings were left out, so a clean run is never mistaken for a clean contract."""
    if suppressed:
        print(f"{PROG}: {suppressed} finding(s) suppressed by 'contractlint: ignore'", file=sys.stderr)
    if baseline:
        print(f"{PROG}: {baselined} finding(s) baselined ({baseline})", file=sys.stderr)


# -- annotate --------------------------------------------------------------------------------------


def _add_annotate(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "annotate",
        help="write a copy of a DOCX or PDF contract with a comment on every finding",
        description=(
            "Write a reviewed copy of a DOCX (one Word comment per finding) or PDF (highlights with "
            "notes). The input is never changed. Exit status: 0 written, 2 usage or input error. "
            "See docs/annotate.md."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="a DOCX or PDF contract")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="the copy to write (default: FILE's name + .reviewed)"
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    _add_rule_options(parser)
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_annotate)


def _annotate(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.annotate import annotate, prepare
    from contractlint.lint import Linter

    config = _lint_config(args, args.file)
    job = prepare(args.file, args.output, force=args.force, limits=config.limits)  # before the slow part
    report = Linter(config).lint(job.source)
    written = annotate(job.source, report, job.output, force=args.force, config=config)
    missing = sum(1 for f in report.findings if f.missing)
    detail = f" ({missing} about missing provisions)" if missing else ""
    print(f"{PROG}: wrote {written}: {len(report.findings)} finding(s){detail}", file=sys.stderr)
    return 0


# -- rules -----------------------------------------------------------------------------------------


def _add_rules(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="list the rules",
        description="List every rule: built-in, from installed plugins and from the rule packs in the "
        "configured pattern folders.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    _add_config_options(parser)
    parser.set_defaults(handler=_rules)
    one = subparsers.add_parser("rule", help="print one rule's documentation")
    one.add_argument("code", metavar="CODE", help="rule code or name, e.g. EX002")
    _add_config_options(one)
    one.set_defaults(handler=_rule)


def _known_rules(args: argparse.Namespace) -> tuple[tuple[Rule, str], ...]:
    """Every rule the configuration of the current folder knows, with where it comes from."""
    from contractlint.rules import all_rules
    from contractlint.rules.packs import available_rules, plugin_rules

    config = _lint_config(args)
    builtin = {r.code for r in all_rules()}
    plugins = {r.code for r, _ in plugin_rules()}
    return tuple(
        (r, "built-in" if r.code in builtin else "plugin" if r.code in plugins else "pattern")
        for r in available_rules(config.pattern_dirs)
    )


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    rules = _known_rules(args)
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category,
                "severity": r.severity,
                "summary": r.summary,
                "default": r.default,
                "origin": origin,
            }
            for r, origin in rules
        ]
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    for r, origin in rules:
        extra = "" if origin == "built-in" else f"  [{origin}]"
        if not r.default:
            extra += "  [off by default]"
        out.write(f"{r.code}  {r.name:<40} {r.severity:<8} {r.summary}{extra}\n")
    return 0


def _rule(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.rules import get_rule
    from contractlint.rules.docs import rule_markdown

    rules = [r for r, _ in _known_rules(args)]
    out.write(rule_markdown(get_rule(args.code, rules), pattern_dirs=_lint_config(args).pattern_dirs))
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
    _add_baseline_option(parser)
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_scan, outputs=None)


def _scan(args: argparse.Namespace, out: TextIO) -> int:
    import os

    from contractlint.cache import DEFAULT_CACHE_DIR
    from contractlint.errors import ConfigError
    from contractlint.render.output import ReportWriter, make_writer
    from contractlint.scanner.engine import ScanOptions, run_scan
    from contractlint.scanner.progress import Progress
    from contractlint.scanner.summary import ScanSummary

    outputs = [(fmt, target or "-") for fmt, target in (args.outputs or [["text", "-"]])]
    if sum(1 for _, target in outputs if target == "-") > 1:
        raise ConfigError("only one --format can go to stdout; give the others -o FILE")
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError("-j must be at least 1")
    resolver = _resolver(args)
    config = resolver.default()  # unknown codes fail before any work
    baseline = None
    if args.baseline:
        from contractlint.baseline import Baseline

        baseline = Baseline.load(args.baseline)
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
    files = _scan_files(args.paths, resolver, include=args.include, exclude=args.exclude)
    if not files:
        print(f"{PROG}: no contracts found under {', '.join(args.paths)}", file=sys.stderr)
    summary = ScanSummary(fail_on=config.fail_on)
    summary.fail_on_by_path = {f: resolver.fail_on(f) for f in files}
    suppressed = baselined = 0
    progress = Progress(len(files), sys.stderr, enabled=False if args.no_progress else None)
    writers: list[ReportWriter] = []
    try:
        for fmt, target in outputs:
            writers.append(make_writer(fmt, target, config))
        for result in run_scan(files, config, options, config_for=resolver.for_file):
            if baseline is not None and result.report is not None:
                report = baseline.filter_dict(result.path, result.report, result.text or "")
                result = dataclasses.replace(result, report=report)
            if result.report is not None:
                suppressed += int(result.report["summary"].get("suppressed", 0))
                baselined += int(result.report["summary"].get("baselined", 0))
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
    _print_left_out(suppressed, baselined, args.baseline)
    code = summary.exit_code()
    return 0 if code == 1 and args.exit_zero else code


def _scan_files(
    paths: Sequence[str], resolver: Resolver, *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> list[str]:
    """The contracts under ``paths``, less those the governing configuration file excludes (a file
    named on the command line is always kept)."""
    from contractlint.scanner.discover import discover

    named = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    files = discover(paths, include=include, exclude=exclude)
    return [f for f in files if f in named or not resolver.excluded(f)]


# -- baseline --------------------------------------------------------------------------------------


def _add_baseline(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "baseline",
        help="record the current findings so that check and scan --baseline report only new ones",
        description=(
            "Lint the contracts under the given paths and record every finding by fingerprint (its rule "
            "and the normalised text of its paragraph, not its position) in a baseline file. "
            "See docs/suppression.md."
        ),
    )
    parser.add_argument("paths", metavar="PATH", nargs="+", help="folders or files")
    parser.add_argument(
        "-o",
        "--output",
        default="contractlint-baseline.json",
        metavar="FILE",
        help="the baseline file to write (default: contractlint-baseline.json)",
    )
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip files")
    _add_rule_options(parser)
    _add_pdf_engine(parser)
    parser.set_defaults(handler=_baseline)


def _baseline(args: argparse.Namespace, out: TextIO) -> int:
    from contractlint.baseline import Baseline
    from contractlint.errors import ConfigError
    from contractlint.scanner.engine import ScanOptions, run_scan

    if args.jobs is not None and args.jobs < 1:
        raise ConfigError("-j must be at least 1")
    resolver = _resolver(args)
    config = resolver.default()
    files = _scan_files(args.paths, resolver, exclude=args.exclude)
    baseline = Baseline()
    errors = 0
    options = ScanOptions(jobs=args.jobs, cache_dir=None)
    for result in run_scan(files, config, options, config_for=resolver.for_file):
        if result.error is not None:
            errors += 1
            print(f"{PROG}: error: {result.path}: {result.error.message}", file=sys.stderr)
            continue
        assert result.report is not None
        baseline.add(result.path, result.report["findings"], result.text or "")
    baseline.write(args.output)
    print(
        f"{PROG}: recorded {baseline.count} finding(s) from {len(baseline.files)} file(s) in {args.output}",
        file=sys.stderr,
    )
    return 2 if errors else 0


# -- entry point -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 findings, 2 usage or input error)."""
    parser = _build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    handler: Handler = args.handler
    # pypdf logs each repair of a damaged file ("incorrect startxref pointer") as a warning; what
    # matters to the reader is the result or the error, which the CLI reports itself.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
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

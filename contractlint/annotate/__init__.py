"""Annotated copies of contracts: a Word comment or a PDF highlight on every finding.

Reading stays in ``extract/``; this package only writes. The input file is never modified: the copy is
built in memory, written to a temporary file beside the output and moved into place, so a reader never
sees half a file and an interrupted run leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from contractlint.errors import (
    EmptyFileError,
    InputError,
    OutputError,
    OutputExistsError,
    UnsupportedFormatError,
)
from contractlint.extract.limits import Limits
from contractlint.model import Document, Finding, Report

if TYPE_CHECKING:
    from contractlint.lint import LintConfig

__all__ = ["AUTHOR", "INITIALS", "Job", "annotate", "comment_text", "default_output", "prepare"]

AUTHOR = "contractlint"
INITIALS = "CL"
_SUFFIX = ".reviewed"


def default_output(path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """``msa.docx`` -> ``msa.reviewed.docx``, beside the input."""
    path = Path(path)
    suffix = path.suffix or (f".{fmt}" if fmt else "")
    return path.with_name(f"{path.stem if path.suffix else path.name}{_SUFFIX}{suffix}")


def comment_text(finding: Finding) -> str:
    """What a reviewer reads in the margin: the rule, the message, and language that would fix it.

    It never starts with ``contractlint: ignore``, so a later lint never takes it for a suppression.
    """
    lines = [f"{finding.code} {finding.name} ({finding.severity})", finding.message]
    if finding.missing and finding.searched:
        lines.append("Searched for: " + "; ".join(finding.searched))
    if finding.suggestion:
        lines.append(f"Suggested language: {finding.suggestion}")
    return "\n".join(line for line in lines if line)


def annotate(
    source: str | os.PathLike[str],
    report: Report | Sequence[Finding] | None = None,
    output: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    config: LintConfig | None = None,
) -> Path:
    """Write a copy of the DOCX or PDF at ``source`` with one comment or highlight per finding.

    ``report`` is the result of linting this very file (checked by its sha256); a sequence of findings
    is also accepted, and without either the file is linted with ``config``. The copy goes to
    ``output`` (default: ``NAME.reviewed.EXT`` beside the input); an existing output is replaced only
    with ``force``, and the input never. Returns the output path.
    """
    job = prepare(source, output, force=force, limits=config.limits if config is not None else None)
    findings, document = _findings(job, report, config)
    label = str(job.source)
    if job.format == "docx":
        from contractlint.annotate.docx import annotate_docx

        if document is None:
            from contractlint.extract import extract

            document = extract(job.data, filename=job.source.name)
        payload = annotate_docx(job.data, document, findings, label=label)
    else:
        from contractlint.annotate.pdf import annotate_pdf

        payload = annotate_pdf(job.data, findings, label=label)
    _write(job.output, payload, force=force)
    return job.output


@dataclass(frozen=True, slots=True)
class Job:
    """A checked request: the input's bytes and format, and an output that may be written."""

    source: Path
    data: bytes
    format: Literal["docx", "pdf"]
    output: Path


def prepare(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    limits: Limits | None = None,
) -> Job:
    """Everything that can be refused before linting: an unreadable, oversized (``limits``) or
    unsupported input, an output that is the input, exists (without ``force``) or has no folder. The CLI
    calls it first, to fail fast.
    """
    from contractlint.extract import detect_format, read_input

    path = Path(source)
    if path.is_dir():
        raise InputError(path, "is a folder, not a file", "annotate one contract at a time")
    data = read_input(path, limits or Limits())
    if not data:
        raise EmptyFileError(path, "the file is empty (0 bytes)", "check the download or copy")
    fmt = detect_format(data, name=str(path))
    if fmt != "docx" and fmt != "pdf":
        raise UnsupportedFormatError(
            path,
            f"annotate writes DOCX and PDF copies, and this is a {fmt} file",
            "use 'contractlint check' for text and Markdown contracts",
        )
    out = Path(output) if output is not None else default_output(path, fmt)
    if _same_file(path, out):
        raise OutputError(out, "is the input file, which annotate never overwrites", "choose another -o")
    if out.is_dir():
        raise OutputError(out, "is a folder", "give -o a file name")
    if out.exists() and not force:
        raise OutputExistsError(out, "already exists", "pass --force to replace it, or choose another -o")
    if not out.parent.is_dir():
        raise OutputError(out, "its folder does not exist", "create the folder or choose another -o")
    return Job(path, data, fmt, out)


def _findings(
    job: Job, report: Report | Sequence[Finding] | None, config: LintConfig | None
) -> tuple[tuple[Finding, ...], Document | None]:
    if report is None:
        from contractlint.lint import Linter

        report = Linter(config).lint(job.data, filename=job.source.name)
    if isinstance(report, Report):
        if report.document.source.sha256 != hashlib.sha256(job.data).hexdigest():
            raise InputError(
                job.source,
                "the report was made from a different file or an earlier version of it",
                "lint this file again and annotate with the new report",
            )
        return report.findings, report.document
    return tuple(report), None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _write(out: Path, payload: bytes, *, force: bool) -> None:
    """Temporary file in the output's folder, then ``os.replace``: all or nothing."""
    if out.exists() and not force:  # appeared while we worked
        raise OutputExistsError(out, "already exists", "pass --force to replace it, or choose another -o")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(_mode(out))
        Path(tmp).replace(out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(out: Path) -> int:
    """Keep a replaced file's permissions; a new file gets the usual ones (mkstemp's 0600 is too strict)."""
    try:
        return out.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask

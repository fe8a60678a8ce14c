"""Compact, readable terminal output: ``file:page:para  CODE  message``, then the marked excerpt."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from contractlint.model import Finding, Report
from contractlint.render.output import ReportWriter

if TYPE_CHECKING:
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["TextWriter", "finding_position", "render_report", "summary_line"]

_CONTEXT = 70
_WS = regex.compile(r"\s+")


def finding_position(report: Report, finding: Finding) -> str:
    """``path:page:para``; a source without pages shows ``-`` for the page, text sources add the line."""
    loc = finding.location
    name = report.document.source.path or report.document.source.name
    if loc.file is not None:  # an agreement set: the file holding the finding
        part = next((p for p in report.document.parts if p.name == loc.file or p.path == loc.file), None)
        name = (part.path or part.name) if part is not None else loc.file
    page = "-" if loc.page is None else str(loc.page)
    para = loc.paragraph_on_page if loc.paragraph_on_page is not None else loc.paragraph
    out = f"{name}:{page}:{'-' if para is None else para}"
    if loc.line is not None:
        out += f" (line {loc.line})"
    return out


def _marked(report: Report, finding: Finding) -> str:
    """The finding's words in their sentence, marked with »«, on one line."""
    text = report.document.text
    loc = finding.location
    if finding.missing or loc.end <= loc.start:
        return finding.excerpt
    block = report.document.block_at(loc.start)
    lo = max(loc.start - _CONTEXT, block.location.start if block else 0)
    hi = min(loc.end + _CONTEXT, len(text))
    if block is not None:
        last = report.document.block_at(max(loc.start, loc.end - 1))
        hi = min(hi, (last or block).location.end)
    before = _WS.sub(" ", text[lo : loc.start])
    inner = _WS.sub(" ", text[loc.start : loc.end])
    after = _WS.sub(" ", text[loc.end : hi])
    if len(inner) > 200:
        inner = inner[:100] + " … " + inner[-60:]
    prefix = "…" if lo > (block.location.start if block else 0) else ""
    suffix = (
        "…"
        if hi < len(text) and text[hi - 1 : hi].strip() and hi < (block.location.end if block else hi)
        else ""
    )
    return f"{prefix}{before.lstrip()}»{inner}«{after.rstrip()}{suffix}"


def render_report(report: Report) -> str:
    lines: list[str] = []
    for f in report.findings:
        clause = f" [{f.location.clause_number}]" if f.location.clause_number else ""
        lines.append(f"{finding_position(report, f)}  {f.code}  {f.severity}{clause}  {f.message}")
        if f.missing:
            where = f"belongs in {f.anchor}" if f.anchor else "no matching clause; shown at the start"
            lines.append(f"    | missing: {where}")
        else:
            lines.append(f"    | {_marked(report, f)}")
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(reports: list[Report], errors: int) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in reports:
        for k, v in r.counts().items():
            counts[k] += v
    total = sum(counts.values())
    files = len(reports) + errors
    parts = [f"{total} finding{'s' if total != 1 else ''}"]
    parts.append(", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in counts.items() if v))
    line = f"{files} file{'s' if files != 1 else ''} checked: " + " (".join(p for p in parts if p)
    if counts and total:
        line += ")"
    if errors:
        line += f"; {errors} could not be read"
    return line


class TextWriter(ReportWriter):
    """``--format text`` for ``scan``: the same lines as ``check``, plus one line per unreadable file."""

    def add(self, result: ScanResult) -> None:
        from contractlint.scanner.records import report_from_dict

        if result.error is not None:
            self.out.write(f"{result.path}: error: {result.error.message}\n")
            return
        assert result.report is not None
        self.out.write(render_report(report_from_dict(result.report, text=result.text or "")))

    def end(self, summary: ScanSummary) -> None:
        pass

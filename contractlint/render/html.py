"""``--format html``: one self-contained page a lawyer can open and read in ten seconds.

* An overview matrix, contracts × rule families, each cell coloured by its worst severity with the
  count of findings; unreadable files say why.
* Per contract: its findings (message, where, suggested clause), the clause inventory (which provisions
  were found, and where), and the contract text with each finding highlighted in place; hovering or
  focusing a highlight shows the message and suggestion, clicking it jumps to the finding.

No script, no network, no external asset: styles are inline and tooltips are CSS. Every piece of
contract text (and every file name) is HTML-escaped, so a contract containing ``<script>`` shows it as
text. Sections are streamed to a temporary file and the page is assembled at the end, because the
matrix at the top needs every file's counts.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractlint import __version__
from contractlint.model import SEVERITY_RANK
from contractlint.render.output import ReportWriter

if TYPE_CHECKING:
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["HtmlWriter", "highlight_text"]

_SEV_LABEL = {"error": "Error", "warning": "Warning", "info": "Info"}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(slots=True)
class _Row:
    anchor: str
    path: str
    error: str | None = None
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    """family -> severity -> count"""
    pages: int | None = None


def _worst(counts: Counter[str]) -> str | None:
    present = [s for s, n in counts.items() if n]
    return max(present, key=lambda s: SEVERITY_RANK[s]) if present else None


def _where(loc: dict[str, Any]) -> str:
    parts = []
    if loc.get("clause"):
        parts.append(f"cl. {loc['clause']}")
    if loc.get("page"):
        parts.append(f"p. {loc['page']}")
    para = loc.get("paragraph_on_page", loc.get("paragraph"))
    if para:
        parts.append(f"¶ {para}")
    if loc.get("line"):
        parts.append(f"line {loc['line']}")
    return ", ".join(parts) or f"chars {loc.get('start', 0)}–{loc.get('end', 0)}"


def _tip(finding: dict[str, Any]) -> str:
    tip = f"{finding['code']} · {_SEV_LABEL[finding['severity']]}: {finding['message']}"
    if finding.get("suggestion"):
        tip += f"\nSuggested: {finding['suggestion']}"
    return tip


def highlight_text(text: str, findings: list[dict[str, Any]], prefix: str) -> str:
    """The contract text, escaped, with each finding's span wrapped in a highlight.

    Overlapping findings split the text into segments; a segment takes the worst severity of the
    findings covering it and links to the first. A missing-provision finding is a flag where the
    provision belongs rather than a highlight over the whole clause.
    """
    spans: list[tuple[int, int, int]] = []
    flags: dict[int, list[int]] = {}
    for n, f in enumerate(findings):
        loc = f["location"]
        start = max(0, min(int(loc["start"]), len(text)))
        end = max(start, min(int(loc["end"]), len(text)))
        if f.get("missing") or end <= start:
            flags.setdefault(start, []).append(n)
        else:
            spans.append((start, end, n))
    cuts = sorted({0, len(text), *flags, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    opened: set[int] = set()
    for a, b in zip(cuts, [*cuts[1:], None], strict=False):
        for n in flags.get(a, ()):
            f = findings[n]
            out.append(
                f'<a class="flag sev-{f["severity"]}" id="{prefix}-h{n}" href="#{prefix}-f{n}" '
                f'tabindex="0" data-tip="{esc(_tip(f))}">⚑ missing: {esc(f["code"])}</a>'
            )
        if b is None:
            break
        piece = esc(text[a:b])
        active = [n for s, e, n in spans if s <= a and e >= b]
        if not active:
            out.append(piece)
            continue
        worst = max(active, key=lambda n: SEVERITY_RANK[findings[n]["severity"]])
        first = min(active)
        for n in active:  # an anchor where each finding starts, for the "where" links
            if n not in opened:
                opened.add(n)
                out.append(f'<span id="{prefix}-h{n}"></span>')
        tip = "\n\n".join(_tip(findings[n]) for n in active)
        out.append(
            f'<a class="hl sev-{findings[worst]["severity"]}" href="#{prefix}-f{first}" '
            f'data-tip="{esc(tip)}">{piece}</a>'
        )
    return "".join(out)


_CSS = (Path(__file__).parent / "report.css").read_text(encoding="utf-8")
"""The page's only style sheet, inlined into every report."""


class HtmlWriter(ReportWriter):
    def start(self) -> None:
        from contractlint.rules.base import CATEGORIES

        self._families = list(CATEGORIES.items())
        self._rows: list[_Row] = []
        self._sections = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed in end()

    def abort(self) -> None:
        self._sections.close()
        super().abort()

    def add(self, result: ScanResult) -> None:
        anchor = f"c{result.index}"
        row = _Row(anchor=anchor, path=result.path)
        self._rows.append(row)
        w = self._sections.write
        w(f'<section class="contract" id="{anchor}">\n<h2>{esc(result.path)}</h2>\n')
        if result.error is not None:
            row.error = result.error.message
            w(
                f'<p class="error-box"><b>Could not be linted</b> ({esc(result.error.error)}): '
                f"{esc(result.error.message)}</p>\n</section>\n"
            )
            return
        report = result.report
        assert report is not None
        src = report["source"]
        row.pages = src.get("page_count")
        findings: list[dict[str, Any]] = list(report.get("findings", ()))
        for f in findings:
            row.counts.setdefault(f["category"], Counter())[f["severity"]] += 1
        meta = [
            src["format"].upper(),
            f"{src.get('page_count')} pages" if src.get("page_count") else None,
            f"{len(findings)} finding{'s' if len(findings) != 1 else ''}",
            f"sha256 {src['sha256'][:12]}",
        ]
        w(f'<p class="meta">{esc(" · ".join(m for m in meta if m))}</p>\n')
        for warning in report.get("warnings", ()):
            w(f'<p class="meta">⚠ {esc(warning["message"])}</p>\n')
        w('<div class="columns"><div class="text"><h3>Contract text</h3>\n<pre class="doc">')
        w(highlight_text(result.text or "", findings, anchor))
        w('</pre></div>\n<div class="side">')
        if findings:
            w(f'<h3>Findings ({len(findings)})</h3>\n<ol class="findings">\n')
            for n, f in enumerate(findings):
                loc = f["location"]
                w(
                    f'<li class="sev-{f["severity"]}" id="{anchor}-f{n}">'
                    f'<span class="badge sev-{f["severity"]}">{_SEV_LABEL[f["severity"]]}</span> '
                    f'<span class="code">{esc(f["code"])} {esc(f["name"])}</span> · '
                    f'<a href="#{anchor}-h{n}">{esc(_where(loc))}</a><br>{esc(f["message"])}'
                )
                if f.get("missing") and f.get("searched"):
                    searched = "; ".join(f["searched"])
                    if len(searched) > 240:
                        searched = searched[:240].rsplit(";", 1)[0] + f"; … ({len(f['searched'])} items)"
                    w(f'<div class="searched">Searched for: {esc(searched)}</div>')
                if f.get("suggestion"):
                    w(f'<div class="suggest">Suggested clause: {esc(f["suggestion"])}</div>')
                w("</li>\n")
            w("</ol>\n")
        else:
            w("<h3>Findings</h3><p>No findings.</p>\n")
        w("</div></div>\n")
        clauses = report.get("clauses", ())
        w(f"<details open><summary>Clause inventory ({len(clauses)} provisions found)</summary>\n")
        if clauses:
            w(
                '<table class="inventory"><tr><th>Provision</th><th>Clause</th>'
                "<th>Where</th><th>Text</th></tr>\n"
            )
            for p in clauses:
                w(
                    f"<tr><td>{esc(p.get('label') or p['kind'])}</td><td>{esc(p.get('clause', ''))}</td>"
                    f"<td>{esc(_where(p['location']))}</td>"
                    f'<td class="excerpt">{esc(p.get("excerpt", ""))}</td></tr>\n'
                )
            w("</table>\n")
        w("</details>\n")
        w("</section>\n")

    def _matrix(self) -> str:
        fams = self._families
        head = "".join(f"<th>{esc(label)}</th>" for _, label in fams)
        out = [f'<table class="matrix" id="matrix"><tr><th>Contract</th>{head}<th>Total</th></tr>']
        parents = {str(Path(row.path).parent) for row in self._rows}
        common = os.path.commonpath(list(parents)) if len(self._rows) > 1 else ""
        for row in self._rows:
            shown = os.path.relpath(row.path, common) if common else Path(row.path).name
            link = f'<td class="file"><a href="#{row.anchor}" title="{esc(row.path)}">{esc(shown)}</a></td>'
            if row.error is not None:
                out.append(
                    f'<tr>{link}<td class="cell unreadable" colspan="{len(fams) + 1}">'
                    f"could not be read: {esc(row.error)}</td></tr>"
                )
                continue
            cells = []
            total: Counter[str] = Counter()
            for key, label in fams:
                counts = row.counts.get(key, Counter())
                total.update(counts)
                cells.append(self._cell(counts, label))
            cells.append(self._cell(total, "all families"))
            out.append(f"<tr>{link}{''.join(cells)}</tr>")
        out.append("</table>")
        return "\n".join(out)

    @staticmethod
    def _cell(counts: Counter[str], label: str) -> str:
        worst = _worst(counts)
        n = sum(counts.values())
        if worst is None:
            return f'<td class="cell sev-none" title="{esc(label)}: no findings">✓</td>'
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        return f'<td class="cell sev-{worst}" title="{esc(label)}: {esc(detail)}">{n}</td>'

    def end(self, summary: ScanSummary) -> None:
        s = summary.to_dict()
        w = self.out.write
        w(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>contractlint report: {s['files']} contracts</title>\n"
            f"<style>{_CSS}</style></head><body>\n"
        )
        w(
            '<header class="top"><h1>Contract review</h1>'
            f"<p>contractlint {esc(__version__)} · {s['files']} contracts</p></header>\n<main>\n"
        )
        cards = [
            (s["files"], "contracts"),
            (s["findings"], "findings"),
            (s["error"], "error findings"),
            (s["warning"], "warnings"),
            (s["info"], "info"),
            (s["errors"], "unreadable files"),
        ]
        w(
            '<div class="cards">'
            + "".join(
                f'<div class="card c-{k.split()[0]}"><b>{v}</b><span>{k}</span></div>' for v, k in cards
            )
            + "</div>\n"
        )
        w("<h2>Overview</h2>\n")
        w(self._matrix())
        w(
            '\n<p class="legend">Cells count findings per rule family, coloured by the worst severity:'
            '<i style="background:var(--err-bg);border:1px solid var(--err)"></i>error'
            '<i style="background:var(--warn-bg);border:1px solid var(--warn)"></i>warning'
            '<i style="background:var(--info-bg);border:1px solid var(--info)"></i>info'
            '<i style="background:var(--ok-bg);border:1px solid var(--ok)"></i>none. '
            "Click a contract for its findings; hover a highlight for the message.</p>\n"
        )
        self._sections.seek(0)
        shutil.copyfileobj(self._sections, self.out)
        self._sections.close()
        w(
            f"</main><footer>Generated by contractlint {esc(__version__)}. "
            "Findings are prompts for review, not legal advice.</footer>\n</body></html>\n"
        )

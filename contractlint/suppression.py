"""Inline suppressions: ``contractlint: ignore CODE[, CODE] - reason`` written in the contract itself.

A lawyer who has accepted a finding says so where the clause is discussed: in a Word comment on the
clause, or on a directive line in a text or Markdown contract (docs/suppression.md). A suppression that
silences nothing is itself reported (CL100, like ruff's RUF100), so stale ones do not pile up after the
clause they excused is redrafted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from contractlint.model import Comment, Finding
from contractlint.rules.base import Rule
from contractlint.rules.context import LintContext
from contractlint.segment import ClauseTree

__all__ = ["Suppression", "apply_suppressions", "parse_suppression"]

_DIRECTIVE = regex.compile(r"^\s*contractlint\s*:\s*(?P<verb>[\w-]*)(?P<rest>.*)$", regex.I | regex.S)
_REASON = regex.compile(r"\s+[-–—]+\s+|\s*:\s+|\s*\(")
"""Where the codes end and the reason begins: " - ", " — ", ": " or "(" ."""
_SELECTOR = regex.compile(r"^[A-Z]{2}\d{0,3}$")
_VERBS = ("ignore", "ignore-file")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One directive, read from a comment, and the span of ``Document.text`` it covers."""

    codes: tuple[str, ...]
    """Rule codes or code prefixes (``EX`` silences the exit family)."""
    reason: str
    start: int
    end: int
    comment: Comment
    problem: str = ""
    """Why the directive cannot work as written (no codes, a word that is not a code, a typo in the verb)."""

    def covers(self, finding: Finding) -> bool:
        s, e = finding.location.start, finding.location.end
        if self.start == self.end:
            return s <= self.start < max(e, s + 1)
        return s < self.end and max(e, s + 1) > self.start

    def matches(self, code: str, finding: Finding) -> bool:
        return finding.code.startswith(code) and self.covers(finding)


def parse_suppression(comment: Comment, *, text_length: int) -> Suppression | None:
    """The directive in a comment, or None when the comment is not addressed to contractlint."""
    m = _DIRECTIVE.match(comment.text)
    if m is None:
        return None
    verb = m["verb"].lower()
    rest = m["rest"]
    parts = _REASON.split(rest, maxsplit=1)
    head, reason = parts[0], (parts[1].rstrip(")").strip() if len(parts) > 1 else "")
    words = [w.strip().upper() for w in regex.split(r"[,\s]+", head) if w.strip()]
    start, end = comment.start, comment.end
    if verb == "ignore-file":
        start, end = 0, text_length
    problem = ""
    if verb not in _VERBS:
        problem = f"'{verb or '(nothing)'}' is not a directive; write 'contractlint: ignore CODE - reason'"
    elif not words:
        problem = "it names no rule code; write 'contractlint: ignore CODE - reason'"
    else:
        bad = [w for w in words if not _SELECTOR.match(w)]
        if bad:
            problem = f"{bad[0]!r} is not a rule code (two letters and three digits, e.g. EX002)"
    codes = tuple(dict.fromkeys(w for w in words if _SELECTOR.match(w)))
    return Suppression(codes, reason, start, end, comment, problem)


def _widen_to_clause(tree: ClauseTree, start: int, end: int) -> int:
    """A directive line covers the block after it, and the whole clause when that block opens one."""
    best = end
    for clause in tree.walk():
        if start <= clause.location.start < end:  # a heading's clause may start after "## "
            best = max(best, clause.location.end)
    return best


def apply_suppressions(
    ctx: LintContext,
    findings: Sequence[Finding],
    *,
    ran: Sequence[Rule],
    known: Sequence[Rule],
    unused_rule: Rule | None,
) -> tuple[list[Finding], int]:
    """Drop the findings a directive covers; returns the kept findings (plus one ``unused_rule`` finding
    per directive that silenced nothing, when that rule is selected) and how many were dropped.

    ``ran`` are the rules that ran, ``known`` every rule there is: a directive for a rule that exists
    but did not run is reported as naming a rule that is not enabled, as ruff does.
    """
    document = ctx.document
    widen = document.source.format in ("text", "markdown")
    directives: list[Suppression] = []
    for comment in document.comments:
        parsed = parse_suppression(comment, text_length=len(document.text))
        if parsed is None:
            continue
        if widen and parsed.end > parsed.start and parsed.end < len(document.text):
            end = _widen_to_clause(ctx.tree, parsed.start, parsed.end)
            parsed = Suppression(parsed.codes, parsed.reason, parsed.start, end, comment, parsed.problem)
        directives.append(parsed)
    if not directives:
        return list(findings), 0
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        hit = False
        for i, directive in enumerate(directives):
            for code in directive.codes:
                if directive.matches(code, finding):
                    used.add((i, code))
                    hit = True
        if not hit:
            kept.append(finding)
    suppressed = len(findings) - len(kept)
    if unused_rule is None:
        return kept, suppressed
    ran_codes = [r.code for r in ran]
    known_codes = [r.code for r in known]
    for i, directive in enumerate(directives):
        reasons: list[str] = []
        if directive.problem:
            reasons.append(directive.problem)
        for code in () if directive.problem else directive.codes:
            if (i, code) in used:
                continue
            if not any(c.startswith(code) for c in known_codes):
                reasons.append(f"{code} is not a rule code ('contractlint rules' lists them)")
            elif not any(c.startswith(code) for c in ran_codes):
                reasons.append(f"{code} is not enabled in this run")
            else:
                reasons.append(f"there is no {code} finding in the text it covers")
        if not reasons:
            continue
        where = _where(ctx, directive.comment)
        message = f'Unused suppression {where}"{directive.comment.text}": {"; ".join(reasons)}.'
        comment = directive.comment
        kept.append(ctx.finding(unused_rule, comment.start, comment.end, message=message))
    return kept, suppressed


def _where(ctx: LintContext, comment: Comment) -> str:
    if ctx.document.source.format in ("text", "markdown") and comment.id:
        return f"on line {comment.id} "
    if comment.author:
        return f"in {comment.author}'s comment "
    return ""

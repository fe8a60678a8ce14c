"""Baselines: record today's findings so that CI reports only the ones a new draft introduces.

A finding is recorded by a fingerprint of its rule and the normalised text of the paragraph it sits in
(case, whitespace, punctuation and clause numbers removed), never by position: a redraft that reflows
lines, renumbers clauses or adds a clause elsewhere keeps its baseline, while a finding in a paragraph
whose words changed is reported again, because the changed words deserve a fresh look. A finding about
a missing provision is recorded by its rule and message, since it has no text of its own. Identical
fingerprints are counted, so a second identical defect in the same paragraph is still new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from contractlint import __version__
from contractlint.errors import ConfigError
from contractlint.model import BLOCK_SEPARATOR, Report, finding_to_dict

__all__ = ["BASELINE_SCHEMA", "Baseline", "fingerprint", "normalise"]

BASELINE_SCHEMA = "contractlint-baseline/1"
_NUMBERING = regex.compile(
    r"(?:\b(?:clause|section|article|schedule|annex|exhibit|appendix|paragraph)s?\s+)?"
    r"(?:\b\d{1,3}(?:\.\d{1,3})+\.?|\(\s*(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\s*\))",
    regex.IGNORECASE,
)
_LEADING_NUMBER = regex.compile(r"^\s*(?:\d{1,3}\.?|[a-z]\.|[ivxlc]{1,6}\.)\s+", regex.IGNORECASE)
_NOT_WORD = regex.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Text as a fingerprint sees it: no clause numbers or cross-reference numbers, no punctuation,
    single spaces, lower case."""
    text = _LEADING_NUMBER.sub(" ", text)
    text = _NUMBERING.sub(" ", text)
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def _paragraph(text: str, start: int) -> str:
    begin = text.rfind(BLOCK_SEPARATOR, 0, start)
    begin = 0 if begin < 0 else begin + len(BLOCK_SEPARATOR)
    end = text.find(BLOCK_SEPARATOR, start)
    return text[begin : len(text) if end < 0 else end]


def fingerprint(finding: Mapping[str, Any], text: str) -> str:
    """The fingerprint of one finding (as in ``finding_to_dict``) in a contract whose text is ``text``."""
    code = str(finding["code"])
    if finding.get("missing"):
        basis = f"{code}|missing|{normalise(str(finding.get('message', '')))}"
    else:
        loc = finding.get("location") or {}
        start = int(loc.get("start", 0))
        end = int(loc.get("end", start))
        span = normalise(text[start:end]) if text else normalise(str(finding.get("excerpt", "")))
        context = normalise(_paragraph(text, start)) if text else ""
        basis = f"{code}|{span}|{context}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def _key(path: str | os.PathLike[str]) -> str:
    """Files are recorded by their path relative to the current folder, so CI and a laptop agree."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.resolve().as_posix()


@dataclass(slots=True)
class Baseline:
    """Fingerprint counts per contract file."""

    files: dict[str, Counter[str]] = field(default_factory=dict)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """What each fingerprint was (code and excerpt), so a reviewer can read the baseline file."""

    def add(self, path: str | os.PathLike[str], findings: Iterable[Mapping[str, Any]], text: str) -> None:
        key = _key(path)
        counts = self.files.setdefault(key, Counter())
        notes = self.notes.setdefault(key, [])
        for finding in findings:
            fp = fingerprint(finding, text)
            if not counts[fp]:
                notes.append(
                    {"fingerprint": fp, "code": finding["code"], "excerpt": finding.get("excerpt", "")}
                )
            counts[fp] += 1

    def add_report(self, report: Report) -> None:
        path = report.document.source.path or report.document.source.name
        self.add(path, (finding_to_dict(f) for f in report.findings), report.document.text)

    def filter(
        self, path: str | os.PathLike[str], findings: Iterable[Mapping[str, Any]], text: str
    ) -> tuple[list[int], int]:
        """Indices of the findings that are new, and how many were baselined."""
        left = Counter(self.files.get(_key(path), Counter()))
        new: list[int] = []
        known = 0
        for i, finding in enumerate(findings):
            fp = fingerprint(finding, text)
            if left[fp] > 0:
                left[fp] -= 1
                known += 1
            else:
                new.append(i)
        return new, known

    def filter_report(self, report: Report) -> Report:
        """The report without its baselined findings (``Report.baselined`` counts them)."""
        path = report.document.source.path or report.document.source.name
        new, known = self.filter(path, (finding_to_dict(f) for f in report.findings), report.document.text)
        return replace(report, findings=tuple(report.findings[i] for i in new), baselined=known)

    def filter_dict(self, path: str, report: dict[str, Any], text: str) -> dict[str, Any]:
        """The same for a ``contractlint-report/1`` dict (a scan result), with its summary recounted."""
        findings = list(report.get("findings", ()))
        new, known = self.filter(path, findings, text)
        if not known:
            return report
        kept = [findings[i] for i in new]
        summary = dict(report.get("summary", {}))
        summary["findings"] = len(kept)
        for severity in ("error", "warning", "info"):
            summary[severity] = sum(1 for f in kept if f["severity"] == severity)
        summary["baselined"] = known
        return {**report, "findings": kept, "summary": summary}

    @property
    def count(self) -> int:
        return sum(sum(c.values()) for c in self.files.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": BASELINE_SCHEMA,
            "contractlint_version": __version__,
            "files": {
                key: [{**note, "count": self.files[key][note["fingerprint"]]} for note in self.notes[key]]
                for key in sorted(self.files)
            },
        }

    def write(self, path: str | os.PathLike[str]) -> None:
        from contractlint.cache import atomic_write_text

        atomic_write_text(Path(path), json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read the baseline ({exc.strerror or exc})") from None
        except ValueError as exc:
            raise ConfigError(f"{p}: not a baseline file (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
            raise ConfigError(
                f"{p}: not a {BASELINE_SCHEMA} file; create one with 'contractlint baseline PATH -o {p}'"
            )
        baseline = cls()
        try:
            for key, entries in dict(data.get("files", {})).items():
                counts: Counter[str] = Counter()
                for entry in entries:
                    counts[str(entry["fingerprint"])] += int(entry.get("count", 1))
                baseline.files[str(key)] = counts
                baseline.notes[str(key)] = [dict(e) for e in entries]
        except (TypeError, KeyError, ValueError, AttributeError):
            raise ConfigError(
                f"{p}: damaged baseline entries; recreate it with 'contractlint baseline'"
            ) from None
        return baseline

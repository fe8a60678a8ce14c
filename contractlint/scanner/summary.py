"""Running totals of a scan, for the final table on the terminal and the summary block of each report."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from contractlint.model import SEVERITY_RANK
from contractlint.scanner.records import FileError, ScanResult

__all__ = ["ScanSummary"]

_SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class ScanSummary:
    files: int = 0
    reports: int = 0
    cached: int = 0
    pages: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    rule_names: dict[str, str] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)
    failing_files: int = 0
    """Files with a finding at or above ``fail_on``."""
    fail_on: str = "warning"
    fail_on_by_path: dict[str, str] = field(default_factory=dict)
    """A file's own ``fail-on`` (from the configuration file above it), where it has one."""
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0

    def add(self, result: ScanResult) -> None:
        self.files += 1
        self.cached += result.cached
        if result.error is not None:
            self.errors.append(result.error)
            return
        assert result.report is not None
        self.reports += 1
        self.pages += int(result.report["source"].get("page_count") or 0)
        failing = False
        fail_on = self.fail_on_by_path.get(result.path, self.fail_on)
        for finding in result.report.get("findings", ()):
            self.severities[finding["severity"]] += 1
            self.rules[finding["code"]] += 1
            self.rule_names.setdefault(finding["code"], finding["name"])
            failing |= SEVERITY_RANK[finding["severity"]] >= SEVERITY_RANK[fail_on]
        self.failing_files += failing

    def finish(self) -> None:
        self.elapsed = time.monotonic() - self.started

    @property
    def findings(self) -> int:
        return sum(self.severities.values())

    def exit_code(self) -> int:
        """2 when any file could not be linted (errors take precedence), 1 for findings, else 0."""
        if self.errors:
            return 2
        return 1 if self.failing_files else 0

    def to_dict(self) -> dict[str, Any]:
        """Deterministic totals (no timings), so two scans of the same folder give the same report."""
        return {
            "files": self.files,
            "reports": self.reports,
            "errors": len(self.errors),
            "findings": self.findings,
            **{s: self.severities.get(s, 0) for s in _SEVERITIES},
            "rules": dict(sorted(self.rules.items())),
        }

    def table(self, *, top: int = 5, max_errors: int = 10) -> str:
        """The closing summary printed on stderr."""
        rate = self.files / self.elapsed if self.elapsed > 0 else 0.0
        lines = [
            f"Scanned {self.files} file{'s' if self.files != 1 else ''} in {self.elapsed:.1f} s "
            f"({rate:.1f} files/s): {self.reports} linted"
            + (f" ({self.cached} from cache)" if self.cached else "")
            + f", {len(self.errors)} error{'s' if len(self.errors) != 1 else ''}",
        ]
        sev = ", ".join(f"{self.severities.get(s, 0)} {s}" for s in _SEVERITIES)
        lines.append(f"  findings    {self.findings:>6}  ({sev})")
        for i, (code, count) in enumerate(sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:top]):
            label = "top rules" if i == 0 else ""
            lines.append(f"  {label:<11} {count:>6}  {code} {self.rule_names.get(code, '')}")
        if self.errors:
            reasons = Counter(e.reason for e in self.errors)
            why = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()))
            lines.append(f"  errors      {len(self.errors):>6}  ({why})")
            for error in self.errors[:max_errors]:
                lines.append(f"    {error.path}: {error.message}")
            if len(self.errors) > max_errors:
                lines.append(f"    … and {len(self.errors) - max_errors} more (see the report)")
        return "\n".join(lines) + "\n"

"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards and CI annotations (docs/reports.md).

* ``tool.driver.rules`` comes from the rule declarations: summary, why, and the clause language that
  fixes it as help.
* A result's region uses ``startLine``/``startColumn`` where the source has lines (text and Markdown);
  otherwise ``charOffset``/``charLength`` into the extracted text, with the page and box in the
  result's ``properties``. The clause number is a logical location.
* ``partialFingerprints`` hash the rule and the normalised clause text, not positions, so a finding
  keeps its identity when clauses move between drafts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from contractlint import __version__
from contractlint.render.output import ReportWriter

if TYPE_CHECKING:
    from contractlint.rules.base import Rule
    from contractlint.scanner.records import ScanResult
    from contractlint.scanner.summary import ScanSummary

__all__ = ["FINGERPRINT_KEY", "SarifWriter", "artifact_uri", "fingerprint", "sarif_rules"]

SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "contractlintClause/v1"
INFORMATION_URI = "https://github.com/contractlint/contractlint"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_NUMBERING = re.compile(
    r"^\s*(?:(?:article|section|clause|schedule)\s+)?[\divxlc]+(?:\.\d+)*\.?\s*(?:\([a-z0-9]+\)\s*)*", re.I
)
_NON_WORD = re.compile(r"[\W_]+")


def normalise_clause_text(text: str) -> str:
    """Lower case, without the leading clause number, punctuation or spacing: what survives a redraft."""
    return _NON_WORD.sub(" ", _NUMBERING.sub("", text).casefold()).strip()


def fingerprint(code: str, text: str) -> str:
    return hashlib.sha256(f"{code}\0{normalise_clause_text(text)}".encode()).hexdigest()[:32]


def artifact_uri(path: str) -> str:
    """A relative URI for files under the working directory (how CI uploads expect them), else file://."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p.resolve().as_uri()
    return quote(rel.as_posix())


def sarif_rules(rules: tuple[Rule, ...]) -> list[dict[str, Any]]:
    out = []
    for rule in rules:
        out.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.why},
                "help": {
                    "text": f"{rule.why}\n\nSuggested clause: {rule.suggestion}",
                    "markdown": f"{rule.why}\n\n**Suggested clause:** {rule.suggestion}\n\n"
                    f"See `{rule.doc_path}`.",
                },
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"category": rule.category, "tags": [rule.category]},
            }
        )
    return out


class SarifWriter(ReportWriter):
    def start(self) -> None:
        from contractlint.rules import all_rules, select_rules

        rules = select_rules(
            self.config.select, self.config.ignore, rules=all_rules(), extend=self.config.extend_select
        )
        self._index = {r.code: i for i, r in enumerate(rules)}
        driver = {
            "name": "contractlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": sarif_rules(rules),
        }
        head = {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0"}
        self.out.write(json.dumps(head)[:-1] + ', "runs": [{"tool": {"driver": ')
        self.out.write(json.dumps(driver, ensure_ascii=False))
        self.out.write('}, "columnKind": "unicodeCodePoints", "results": [')
        self._first = True
        self._errors: list[dict[str, Any]] = []

    def _result(
        self, path: str, text: str, fmt: str, finding: dict[str, Any], seen: Counter[str]
    ) -> dict[str, Any]:
        loc = finding["location"]
        start, end = int(loc["start"]), int(loc["end"])
        region: dict[str, Any]
        if fmt in ("text", "markdown") and loc.get("line"):
            line_start = text.rfind("\n", 0, start) + 1
            region = {"startLine": int(loc["line"]), "startColumn": start - line_start + 1}
            if loc.get("end_line"):
                region["endLine"] = int(loc["end_line"])
        else:
            region = {"charOffset": start, "charLength": max(0, end - start)}
        snippet = text[start:end] if text and not finding.get("missing") else finding.get("excerpt", "")
        if snippet:
            region["snippet"] = {"text": snippet[:2000]}
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}
        }
        clause = loc.get("clause")
        if clause:
            location["logicalLocations"] = [{"name": clause, "fullyQualifiedName": clause, "kind": "clause"}]
        basis = finding.get("excerpt") or snippet
        if finding.get("missing"):
            basis = finding.get("anchor") or ""
        fp = fingerprint(finding["code"], basis)
        seen[fp] += 1
        if seen[fp] > 1:  # the same words flagged twice in one contract stay distinct
            fp = f"{fp}:{seen[fp]}"
        message = finding["message"]
        if finding.get("suggestion"):
            message += f" Suggested clause: {finding['suggestion']}"
        props = {
            k: v
            for k, v in {
                "page": loc.get("page"),
                "bbox": loc.get("bbox"),
                "paragraph": loc.get("paragraph"),
                "clause": clause,
                "missing": finding.get("missing"),
                "anchor": finding.get("anchor"),
                "searched": finding.get("searched"),
                "suggestion": finding.get("suggestion"),
            }.items()
            if v is not None
        }
        result: dict[str, Any] = {
            "ruleId": finding["code"],
            "level": _LEVEL[finding["severity"]],
            "message": {"text": message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": props,
        }
        if finding["code"] in self._index:
            result["ruleIndex"] = self._index[finding["code"]]
        return result

    def add(self, result: ScanResult) -> None:
        if result.error is not None:
            self._errors.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error.message}"},
                    "descriptor": {"id": result.error.error},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}}}
                    ],
                }
            )
            return
        assert result.report is not None
        fmt = result.report["source"]["format"]
        seen: Counter[str] = Counter()
        for finding in result.report.get("findings", ()):
            item = self._result(result.path, result.text or "", fmt, finding, seen)
            self.out.write("\n" if self._first else ",\n")
            self._first = False
            self.out.write(json.dumps(item, ensure_ascii=False))

    def end(self, summary: ScanSummary) -> None:
        invocation = {
            "executionSuccessful": not self._errors,
            "toolExecutionNotifications": self._errors,
        }
        self.out.write('\n], "invocations": ' + json.dumps([invocation], ensure_ascii=False) + "}]}\n")

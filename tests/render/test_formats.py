"""JSON, JSONL and CSV reports: documented schemas, round trips, spreadsheet safety."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from contractlint.scanner.records import ScanResult, report_from_dict
from tests.render.helpers import render

jsonschema = pytest.importorskip("jsonschema")
SCHEMAS = Path(__file__).parent / "schemas"


def _registry() -> object:
    from referencing import Registry, Resource

    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def _validator(name: str) -> object:
    schema = json.loads((SCHEMAS / name).read_text())
    return jsonschema.Draft202012Validator(schema, registry=_registry())


def test_json_report_follows_its_schema(results: list[ScanResult], tmp_path: Path) -> None:
    data = json.loads(render("json", results, tmp_path / "r.json"))
    _validator("contractlint-scan-1.schema.json").validate(data)  # type: ignore[attr-defined]
    assert [r["source"]["name"] for r in data["reports"]] == ["a_support.txt", "b_hosting.md"]
    assert data["errors"][0]["error"] == "CorruptFileError"
    assert data["summary"]["errors"] == 1 and data["summary"]["files"] == 3


def test_jsonl_lines_follow_their_schema(results: list[ScanResult], tmp_path: Path) -> None:
    lines = [json.loads(x) for x in render("jsonl", results, tmp_path / "r.jsonl").splitlines()]
    validator = _validator("contractlint-scan-jsonl-1.schema.json")
    for line in lines:
        validator.validate(line)  # type: ignore[attr-defined]
    kinds = [line["type"] for line in lines]
    assert kinds[0] == "scan" and kinds[-1] == "summary" and kinds.count("error") == 1
    findings = sum(len(r.report["findings"]) for r in results if r.report)
    assert kinds.count("finding") == findings


def test_report_round_trips_through_plain_data(results: list[ScanResult]) -> None:
    for result in results[:2]:
        assert result.report is not None
        rebuilt = report_from_dict(result.report, text=result.text or "")
        assert rebuilt.to_dict() == result.report
        assert rebuilt.document.text == result.text


def test_csv_has_bom_one_row_per_finding_and_defused_formulas(
    results: list[ScanResult], tmp_path: Path
) -> None:
    raw = tmp_path / "r.csv"
    render("csv", results, raw)
    assert raw.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.read_text(encoding="utf-8-sig"), newline="")))
    findings = [r for r in rows if r["kind"] == "finding"]
    assert len(findings) == sum(len(r.report["findings"]) for r in results if r.report)
    assert [r["file"] for r in rows if r["kind"] == "error"] == [results[2].path]
    first = findings[0]
    assert set(first) >= {
        "file",
        "rule",
        "severity",
        "clause",
        "page",
        "paragraph",
        "message",
        "excerpt",
        "suggestion",
    }
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_csv_escapes_each_formula_prefix(linter: object, tmp_path: Path) -> None:
    from tests.render.conftest import make_results

    hostile = "=1+1 SERVICES\n\n1. Services\n\nThe Supplier shall deliver the software as soon as possible.\n"
    results = make_results(linter, tmp_path / "c", hostile=hostile)  # type: ignore[arg-type]
    text = render("csv", results, tmp_path / "r.csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    excerpts = [r["excerpt"] for r in rows if r["file"].endswith("a_support.txt")]
    assert "'=1+1 SERVICES" in excerpts
    from contractlint.render.csv import escape_cell

    for cell in ("=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx"):
        assert escape_cell(cell) == "'" + cell
    assert escape_cell("7.2(a)") == "7.2(a)" and escape_cell(-3) == "-3"


def test_text_output_marks_findings_and_lists_unreadable_files(
    results: list[ScanResult], tmp_path: Path
) -> None:
    text = render("text", results, tmp_path / "r.txt")
    assert f"{results[0].path}:-:3 (line 5)  DV002  warning [1.1]" in text
    assert "»as soon as possible«" in text
    assert text.rstrip().endswith(f"{results[2].path}: error: damaged PDF; ask for a new copy")

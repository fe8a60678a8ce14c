"""Baselines: record findings by fingerprint, report only new ones, survive reflowed and renumbered drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contractlint.baseline import Baseline, normalise
from contractlint.cli import main
from contractlint.errors import ConfigError
from contractlint.lint import LintConfig, lint

DRAFT = """1. Services

The Supplier shall promptly repair every defect in the Software and shall
use reasonable efforts to keep the Service available.

2. Reports

The Supplier shall deliver a monthly report within five (5) Business Days after the end of each month.
"""
NEW_DEFECT = "\n3. Changes\n\nThe Supplier shall implement agreed changes in a timely manner.\n"
ONLY = LintConfig(select=("DV002",))


def _lint(path: Path) -> list[str]:
    return [f.excerpt for f in lint(path, config=ONLY).findings]


def test_round_trip_reports_only_the_new_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    contract = tmp_path / "msa.txt"
    contract.write_text(DRAFT, encoding="utf-8")
    assert sorted(_lint(contract)) == ["promptly", "reasonable efforts"]
    baseline = tmp_path / "contractlint-baseline.json"
    assert (
        main(["baseline", "msa.txt", "--isolated", "--select", "DV002", "-j", "1", "-o", str(baseline)]) == 0
    )
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["schema"] == "contractlint-baseline/1"
    assert sum(e["count"] for e in data["files"]["msa.txt"]) == 2
    capsys.readouterr()

    args = ["check", "msa.txt", "--isolated", "--select", "DV002", "--baseline", str(baseline)]
    assert main(args) == 0
    assert "2 finding(s) baselined" in capsys.readouterr().err

    contract.write_text(DRAFT + NEW_DEFECT, encoding="utf-8")
    assert main([*args, "--format", "json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [f["excerpt"] for f in report["findings"]] == ["in a timely manner"]
    assert report["summary"]["baselined"] == 2 and report["summary"]["findings"] == 1
    assert "2 finding(s) baselined" in captured.err


def test_scan_with_a_baseline_reports_only_new_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deals").mkdir()
    contract = tmp_path / "deals" / "msa.txt"
    contract.write_text(DRAFT, encoding="utf-8")
    baseline = Baseline()
    baseline.add_report(lint(contract, config=ONLY))
    baseline.write(tmp_path / "base.json")
    contract.write_text(DRAFT + NEW_DEFECT, encoding="utf-8")
    out = tmp_path / "scan.json"
    argv = ["scan", "deals", "--isolated", "--select", "DV002", "-j", "1", "--no-cache", "--no-progress"]
    assert main([*argv, "--baseline", "base.json", "--format", "json", "-o", str(out)]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["excerpt"] for f in data["reports"][0]["findings"]] == ["in a timely manner"]
    assert data["summary"]["findings"] == 1
    assert "2 finding(s) baselined" in capsys.readouterr().err


def test_a_reflowed_and_renumbered_draft_keeps_its_baseline(tmp_path: Path) -> None:
    first = tmp_path / "msa.txt"
    first.write_text(DRAFT, encoding="utf-8")
    baseline = Baseline()
    baseline.add_report(lint(first, config=ONLY))
    redraft = "1. Definitions\n\nTerms have the meanings given in the Schedule.\n\n" + DRAFT.replace(
        "1. Services", "2. Services"
    ).replace("2. Reports", "3. Reports").replace("and shall\nuse", "and\nshall use").replace(
        "Supplier shall promptly", "Supplier  shall\npromptly"
    )
    first.write_text(redraft, encoding="utf-8")
    report = baseline.filter_report(lint(first, config=ONLY))
    assert report.findings == () and report.baselined == 2


def test_a_finding_in_a_changed_paragraph_is_new_again(tmp_path: Path) -> None:
    path = tmp_path / "msa.txt"
    path.write_text(DRAFT, encoding="utf-8")
    baseline = Baseline()
    baseline.add_report(lint(path, config=ONLY))
    path.write_text(DRAFT.replace("repair every defect", "repair every reported defect"), encoding="utf-8")
    report = baseline.filter_report(lint(path, config=ONLY))
    assert sorted(f.excerpt for f in report.findings) == ["promptly", "reasonable efforts"]
    assert report.baselined == 0


def test_duplicates_are_counted() -> None:
    text = "1. Services\n\nThe Supplier shall act promptly and shall report promptly.\n"
    finding = {"code": "DV002", "location": {"start": 36, "end": 44}, "excerpt": "promptly"}
    baseline = Baseline()
    baseline.add("a.txt", [finding], text)
    new, known = baseline.filter("a.txt", [finding, finding], text)
    assert (new, known) == ([1], 1)
    new, known = baseline.filter("b.txt", [finding], text)  # another contract has its own baseline
    assert (new, known) == ([0], 0)


def test_normalise_drops_numbering_case_and_punctuation() -> None:
    assert normalise("7.2 The Supplier shall, under Clause 4.1(a), act.") == normalise(
        "8.3  the supplier shall under clause 5.2(b) act"
    )
    assert normalise("within 30 days") != normalise("within 60 days")


def test_a_bad_baseline_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"schema": "something-else"}', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a contractlint-baseline/1 file"):
        Baseline.load(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid JSON"):
        Baseline.load(path)
    with pytest.raises(ConfigError, match="cannot read the baseline"):
        Baseline.load(tmp_path / "missing.json")

"""The scan engine end to end: error rows, isolation of hung and hungry files, the cache, the API."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from contractlint.cli import main
from contractlint.lint import LintConfig
from contractlint.model import Report
from contractlint.scanner import FileError, ScanOptions, discover, run_scan, scan
from tests.scan.conftest import SERVICES, tree_digest
from tests.scan.hooks import log_lint, slow_or_hungry


def test_cli_scan_reports_every_file_keeps_going_on_errors_and_modifies_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_digest(folder)
    out = tmp_path / "out"
    code = main(
        ["scan", str(folder), "-j", "2", "--no-cache", "--no-progress",
         "--format", "json", "-o", str(out / "r.json"), "--format", "csv", "-o", str(out / "r.csv")]
    )  # fmt: skip
    assert code == 2  # an unreadable file outranks findings
    assert tree_digest(folder) == before
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    paths = [r["source"]["path"] for r in data["reports"]]
    assert paths == sorted(paths) and len(paths) == 3
    assert [e["path"] for e in data["errors"]] == [str(folder / "drafts" / "d_broken.pdf")]
    assert data["errors"][0]["error"] == "CorruptFileError" and data["errors"][0]["reason"] == "input"
    assert data["summary"]["files"] == 4 and data["summary"]["errors"] == 1
    assert all(r["findings"] for r in data["reports"])
    err = capsys.readouterr().err
    assert "Scanned 4 files" in err and "d_broken.pdf" in err
    assert not list(out.glob(".*.part"))  # no temporary file left behind


def test_exit_status_is_1_for_findings_and_0_with_exit_zero(folder: Path, tmp_path: Path) -> None:
    contract = folder / "a_services.txt"
    args = ["scan", str(contract), "-j", "1", "--cache-dir", str(tmp_path / "cache"), "--no-progress",
            "--format", "jsonl", "-o", str(tmp_path / "r.jsonl")]  # fmt: skip
    assert main(args) == 1
    assert main([*args, "--exit-zero"]) == 0
    assert main([*args, "--select", "DV002"]) == 1  # vague wording: a warning
    assert main([*args, "--select", "DV002", "--fail-on", "error"]) == 0
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "scan" and lines[-1]["type"] == "summary"


def test_hung_hungry_and_crashing_files_become_error_rows_and_the_scan_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    names = ["a.txt", "b_slow.txt", "c_hog.txt", "d.txt", "e_crash.txt", "f.txt", "g.txt"]
    for name in names:
        (root / name).write_text(SERVICES, encoding="utf-8")
    options = ScanOptions(jobs=2, timeout=3, memory_mb=512, cache_dir=None, hook=slow_or_hungry)
    results = list(run_scan(discover([root]), LintConfig(), options))
    assert [Path(r.path).name for r in results] == names
    by_name = {Path(r.path).name: r for r in results}
    slow, hog, crash = (by_name[n].error for n in ("b_slow.txt", "c_hog.txt", "e_crash.txt"))
    assert slow is not None and slow.reason == "timeout" and "--timeout" in slow.message
    assert hog is not None and hog.reason == "memory" and "--memory-limit" in hog.message
    assert crash is not None and crash.reason == "crash" and "signal 9" in crash.message
    for name in ("a.txt", "d.txt", "f.txt", "g.txt"):
        assert by_name[name].report is not None, by_name[name].error


def test_rescan_of_an_unchanged_folder_lints_nothing(folder: Path, tmp_path: Path) -> None:
    log = tmp_path / "linted.log"
    cache = str(tmp_path / "cache")
    files = discover([folder])
    options = ScanOptions(jobs=2, cache_dir=cache, hook=functools.partial(log_lint, str(log)))
    first = list(run_scan(files, LintConfig(), options))
    assert len(log.read_text().splitlines()) == 4
    log.write_text("")
    second = list(run_scan(files, LintConfig(), options))
    assert log.read_text() == ""  # nothing re-linted, not even the broken file
    assert all(r.cached for r in second)
    assert [(r.path, r.report, r.text, r.error) for r in second] == [
        (r.path, r.report, r.text, r.error) for r in first
    ]
    # A changed file is linted again; another configuration has its own entries.
    (folder / "b_hosting.md").write_text("HOSTING AGREEMENT\n\n1. Scope\n\nNothing.\n", encoding="utf-8")
    list(run_scan(files, LintConfig(), options))
    assert log.read_text().splitlines() == [str(folder / "b_hosting.md")]
    log.write_text("")
    list(run_scan(files[:1], LintConfig(select=("EX",)), options))
    assert log.read_text().splitlines() == [files[0]]


def test_api_yields_reports_and_errors_in_path_order(folder: Path) -> None:
    results = list(scan(folder, jobs=1))
    assert [type(r) for r in results] == [Report, Report, Report, FileError]
    report = results[0]
    assert isinstance(report, Report)
    assert report.document.source.path == str(folder / "a_services.txt")
    assert report.document.text.startswith("MASTER SERVICES AGREEMENT")
    assert report.findings and all(f.location.end >= f.location.start for f in report.findings)
    err = results[3]
    assert isinstance(err, FileError) and err.path.endswith("d_broken.pdf")

"""Command-line behaviour of ``scan`` that needs no worker: usage errors, empty folders, progress."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from contractlint.cli import main
from contractlint.scanner.progress import Progress


def test_two_reports_on_stdout_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path), "--format", "json", "--format", "csv"]) == 2
    assert "only one --format can go to stdout" in capsys.readouterr().err


def test_output_must_follow_its_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["scan", str(tmp_path), "--format", "csv", "-o", "a.csv", "-o", "b.csv"])
    assert exc.value.code == 2
    assert "-o must follow its --format" in capsys.readouterr().err


def test_unknown_rule_and_missing_folder_fail_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(tmp_path), "--select", "ZZ9"]) == 2
    assert "no rule matches 'ZZ9'" in capsys.readouterr().err
    assert main(["scan", str(tmp_path / "typo")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_an_empty_folder_scans_nothing_and_writes_empty_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c").mkdir()
    out = tmp_path / "r.csv"
    assert main(["scan", str(tmp_path / "c"), "--no-cache", "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "file,kind,rule,name,severity,clause,page,paragraph,line,message,excerpt,suggestion"
    ]
    assert "no contracts found" in capsys.readouterr().err


def test_progress_draws_counts_errors_and_eta_only_when_enabled() -> None:
    stream = io.StringIO()
    progress = Progress(4, stream, enabled=True)
    progress.update()
    progress.update(error=True)
    progress._drawn = 0.0  # redraw now rather than after 0.1 s
    progress.update()
    text = stream.getvalue()
    assert "[3/4]  75%  1 error" in text and "files/s  ETA 0:00:0" in text
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")
    quiet = io.StringIO()
    assert Progress(4, quiet).enabled is False  # not a terminal

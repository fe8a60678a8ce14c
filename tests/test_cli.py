"""The command line: exit codes, one-line errors, and the outline's JSON schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contractlint import __version__
from contractlint.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_outline_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(FIXTURES / "article_agreement.txt")]) == 0
    out = capsys.readouterr().out
    assert "  Article III  TERM AND TERMINATION  [lines 22-32]" in out
    assert "      Section 3.02(a)  [line 28]" in out


def test_outline_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(FIXTURES / "services_agreement.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "contractlint-outline/1"
    assert data["source"]["name"] == "services_agreement.txt"
    assert data["source"]["format"] == "text"
    first = data["clauses"][1]
    assert set(first) == {"ref", "number", "title", "level", "blocks", "location", "children"}
    assert (first["ref"], first["title"]) == ("1", "DEFINITIONS")


def test_missing_file_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(tmp_path / "nope.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("contractlint: error: ") and "file not found" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_unsupported_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert main(["outline", str(image)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("contractlint: error: ") and "PNG" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["outline", "x.txt", "--format", "yaml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"contractlint {__version__}"


def test_python_dash_m(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "contractlint", "outline", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("contractlint: error: ")


def test_limit_flags_named_in_errors_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every limit error names a flag; the flag must exist and raise the limit."""
    path = tmp_path / "c.txt"
    path.write_text("1. Term\n\n2. Fees are payable monthly.\n", encoding="utf-8")
    assert main(["outline", "--max-chars", "10", str(path)]) == 2
    assert "--max-chars" in capsys.readouterr().err
    assert main(["outline", "--max-chars", "1000", str(path)]) == 0
    assert main(["outline", "--max-file-size", "10", str(path)]) == 2
    assert "--max-file-size" in capsys.readouterr().err
    assert main(["outline", "--max-file-size", "1KB", str(path)]) == 0

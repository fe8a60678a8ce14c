"""Every command leaves its inputs unchanged and writes only where it was told to, atomically."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from contractlint.cli import main
from contractlint.render.output import FORMATS, make_writer
from contractlint.scanner.summary import ScanSummary
from tests.extract.pdf_builder import Line, Page, build_pdf
from tests.test_hostile_input import billion_laughs, flate_bomb

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "services_agreement.docx", folder)
    shutil.copy(FIXTURES / "services_agreement.txt", folder)
    # A contract whose text looks like paths and markup: none of it may become a file name.
    (folder / "hostile.md").write_text(
        "# ../../pwned.html\n\n1. Notices\n\nSee /tmp/evil and <script>alert(1)</script> "
        "=HYPERLINK(\"x\") and C:\\Windows\\x.csv.\n",
        encoding="utf-8",
    )
    (folder / "contract.pdf").write_bytes(
        build_pdf([Page(lines=[Line(72, 72, "1. The Supplier shall provide the Services.")])])
    )
    (folder / "laughs.docx").write_bytes(billion_laughs())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    return folder


def test_every_command_leaves_inputs_unchanged_and_writes_only_its_outputs(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = _tree(inputs)
    files = [str(p) for p in sorted(inputs.iterdir())]
    for path in files:
        for fmt in ("text", "json"):
            assert main(["outline", "--format", fmt, path]) in (0, 2)
    assert main(["check", "--exit-zero", *files]) == 2  # two files are unreadable
    assert main(["check", "--format", "json", "--exit-zero", *files]) == 2
    assert main(["check", "--pdf-engine", "pdfplumber", "--exit-zero", *files]) == 2
    assert list(work.iterdir()) == [], "something was written to the working folder"
    monkeypatch.chdir(REPO)  # scan workers start from a forkserver that imports contractlint from here
    outputs: list[str] = []
    for fmt in FORMATS:
        outputs += ["--format", fmt, "-o", str(tmp_path / "out" / f"report.{fmt}")]
    cache = tmp_path / "cache"
    args = ["scan", str(inputs), "-j", "1", "--no-progress", "--cache-dir", str(cache), *outputs]
    assert main(args) == 2
    assert main(args) == 2  # second run: from the cache
    assert _tree(inputs) == before, "an input file changed"
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert written == {f"report.{fmt}" for fmt in FORMATS}, "outputs are exactly the -o paths"
    assert {p.name for p in tmp_path.iterdir()} == {"in", "work", "out", "cache"}


def test_limit_flags_reach_pdf_streams_and_reject_nonsense(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(flate_bomb())  # 100 MB of content stream
    assert main(["outline", "--max-decompressed-size", "32MB", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert "--max-decompressed-size" in err and err.count("\n") == 1
    assert main(["outline", "--max-decompressed-size", "200MB", str(bomb)]) == 0
    capsys.readouterr()
    for flag, value in (("--max-pages", "0"), ("--max-chars", "-5"), ("--max-file-size", "-1MB")):
        with pytest.raises(SystemExit) as info:
            main(["outline", f"{flag}={value}", str(bomb)])
        assert info.value.code == 2
        assert "must be positive" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_aborted_report_leaves_the_previous_one_untouched(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt}"
    target.write_text("previous report\n", encoding="utf-8")
    writer = make_writer(fmt, str(target))
    writer.abort()
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "no temporary file left behind"
    writer = make_writer(fmt, str(target))
    assert target.read_text(encoding="utf-8") == "previous report\n", "written in place before finishing"
    summary = ScanSummary(fail_on="warning")
    summary.finish()
    writer.finish(summary)
    assert target.read_text(encoding="utf-8") != "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]

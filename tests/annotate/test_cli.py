"""``contractlint annotate``: exit status, default output, --force, and the shared rule options."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from contractlint.cli import main
from tests.annotate.fixtures import build_docx, build_pdf_file


def test_annotate_writes_the_default_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build_docx(tmp_path / "msa.docx")
    assert main(["annotate", str(path)]) == 0
    out = tmp_path / "msa.reviewed.docx"
    assert out.exists()
    err = capsys.readouterr().err
    assert f"wrote {out}" in err and "finding(s)" in err
    ours = [c for c in docx.Document(str(out)).comments if c.author == "contractlint"]
    assert ours

    # Run again: the copy exists, so it is refused (exit 2) and left alone, until --force.
    stamp = out.stat().st_mtime_ns
    assert main(["annotate", str(path)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert out.stat().st_mtime_ns == stamp
    assert main(["annotate", str(path), "--force"]) == 0


def test_select_limits_the_comments(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "msa.docx")
    out = tmp_path / "dv.docx"
    assert main(["annotate", str(path), "-o", str(out), "--select", "DV006"]) == 0
    texts = [c.text for c in docx.Document(str(out)).comments if c.author == "contractlint"]
    assert len(texts) == 2 and all(t.startswith("DV006 ") for t in texts)


def test_pdf_copy(tmp_path: Path) -> None:
    path = build_pdf_file(tmp_path / "msa.pdf")
    assert main(["annotate", str(path), "-o", str(tmp_path / "out.pdf")]) == 0
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["same"], "is the input file"),
        (["text"], "annotate writes DOCX and PDF copies"),
        (["missing"], "file not found"),
        (["nofolder"], "its folder does not exist"),
        (["toobig"], "raise it with --max-file-size"),
    ],
)
def test_input_and_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path = build_docx(tmp_path / "msa.docx")
    text = tmp_path / "msa.txt"
    text.write_text("1. Services. The Supplier shall provide support as needed.\n")
    argv = {
        "same": ["annotate", str(path), "-o", str(path), "--force"],
        "text": ["annotate", str(text)],
        "missing": ["annotate", str(tmp_path / "nope.docx")],
        "nofolder": ["annotate", str(path), "-o", str(tmp_path / "no" / "out.docx")],
        "toobig": ["annotate", str(path), "--max-file-size", "1KB"],  # refused before it is read
    }[args[0]]
    before = path.read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("contractlint: error: ") and message in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["msa.docx", "msa.txt"]


def test_prepare_refuses_an_oversized_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contractlint.annotate import prepare
    from contractlint.errors import LimitExceededError
    from contractlint.extract.limits import Limits

    path = build_docx(tmp_path / "msa.docx")

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(LimitExceededError, match="--max-file-size"):
        prepare(path, limits=Limits(max_file_size=1024))

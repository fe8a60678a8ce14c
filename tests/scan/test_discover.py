from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from contractlint.errors import InputError
from contractlint.scanner.discover import discover
from tests.scan.conftest import FIXTURES


def names(files: list[str], root: Path) -> list[str]:
    return [Path(f).relative_to(root).as_posix() for f in files]


def test_finds_contracts_and_skips_hidden_lock_files_and_clutter(folder: Path) -> None:
    assert names(discover([folder]), folder) == [
        "a_services.txt",
        "b_hosting.md",
        "drafts/c_services.docx",
        "drafts/d_broken.pdf",
    ]


def test_unknown_suffix_is_kept_only_when_the_content_is_a_document(tmp_path: Path) -> None:
    pdf_bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    (tmp_path / "scan0001.bin").write_bytes(pdf_bytes)
    shutil.copy(FIXTURES / "services_agreement.docx", tmp_path / "msa.docx.download")
    (tmp_path / "CONTRACT").write_text("SERVICES AGREEMENT\n\n1. Services\n", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert names(discover([tmp_path]), tmp_path) == ["CONTRACT", "msa.docx.download", "scan0001.bin"]


def test_include_and_exclude_globs(folder: Path) -> None:
    found = discover([folder], include=["*.json"], exclude=["drafts/*"])
    assert names(found, folder) == ["a_services.txt", "b_hosting.md", "index.json"]
    assert names(discover([folder], exclude=["**/*.pdf", "*.md"]), folder) == [
        "a_services.txt",
        "drafts/c_services.docx",
    ]


def test_a_named_file_is_scanned_whatever_its_name(folder: Path) -> None:
    hidden = folder / ".hidden.txt"
    assert discover([hidden, folder / "a_services.txt", hidden]) == sorted(
        [str(hidden), str(folder / "a_services.txt")]
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loops_are_walked_once(folder: Path) -> None:
    (folder / "drafts" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    found = names(discover([folder]), folder)
    assert found == ["a_services.txt", "b_hosting.md", "drafts/c_services.docx", "drafts/d_broken.pdf"]


def test_a_missing_path_is_an_error_not_an_empty_scan(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        discover([tmp_path / "typo"])

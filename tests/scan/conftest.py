"""Small contract folders for the scan tests, written fresh for each test."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

SERVICES = """MASTER SERVICES AGREEMENT

1. Services

1.1 The Supplier shall provide the hosting services described in Schedule 1 using reasonable efforts.

2. Term and Termination

2.1 This Agreement starts on the Effective Date and continues for two (2) years.

2.2 Either party may terminate this Agreement if the other party commits a material breach and fails
to remedy it within thirty (30) days of written notice.

3. Fees

3.1 The Customer shall pay the fees within thirty (30) days of invoice.
"""

HOSTING = """HOSTING AGREEMENT

1. Scope

The Provider will deliver the platform as soon as possible and provide support as required.

2. Notices

All notices shall be in writing and sent to the addresses above.
"""


def write_folder(root: Path) -> Path:
    """A folder as lawyers keep them: contracts in several formats, one broken, plus clutter to skip."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "a_services.txt").write_text(SERVICES, encoding="utf-8")
    (root / "b_hosting.md").write_text(HOSTING, encoding="utf-8")
    sub = root / "drafts"
    sub.mkdir()
    shutil.copy(FIXTURES / "services_agreement.docx", sub / "c_services.docx")
    (sub / "d_broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntruncated")
    (root / ".hidden.txt").write_text(SERVICES, encoding="utf-8")
    (sub / "~$c_services.docx").write_bytes(b"\x00lock")
    (root / ".git").mkdir()
    (root / ".git" / "notes.txt").write_text(SERVICES, encoding="utf-8")
    (root / "index.json").write_text('{"not": "a contract"}', encoding="utf-8")
    return root


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``: proof that a scan changed nothing."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "contracts")

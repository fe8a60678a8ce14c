"""Bad input gets a specific, actionable error, in bounded memory, and the file is never modified."""

from __future__ import annotations

import hashlib
import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pypdf
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

import contractlint
from contractlint.errors import (
    ContractlintError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    LegacyFormatError,
    LimitExceededError,
)
from contractlint.extract.limits import Limits

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx_bytes(text: str = "1. The Supplier shall provide the Services.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _pdf_bytes(password: str | None = None) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(612, 792)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def empty() -> bytes:
    return b""


def truncated_pdf() -> bytes:
    data = _pdf_bytes()
    return data[: len(data) // 2]


def encrypted_pdf() -> bytes:
    return _pdf_bytes(password="client-secret")


def docx_not_a_zip() -> bytes:
    return b"This is not a Word file at all.\x00\x01\x02" * 10


def docx_zip_bomb() -> bytes:
    """A valid-looking DOCX whose document.xml inflates to 600 MB of text (about 0.6 MB on disk)."""
    real = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in real.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, real.read(item))
        with bomb.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            chunk = b"A" * (1 << 20)
            for _ in range(600):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def password_protected_docx() -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(_docx_bytes())).encrypt("client-secret", out)
    return out.getvalue()


def legacy_doc() -> bytes:
    """The OLE2 compound-file signature and directory names of a Word 97-2003 document."""
    names = b"".join(n.encode("utf-16-le") + b"\x00\x00" for n in ("Root Entry", "WordDocument"))
    return OLE2 + b"\x00" * 504 + names.ljust(2048, b"\x00")


CASES: list[tuple[str, Callable[[], bytes], type[ContractlintError], str]] = [
    ("empty.pdf", empty, EmptyFileError, "empty"),
    ("truncated.pdf", truncated_pdf, CorruptFileError, "PDF"),
    ("encrypted.pdf", encrypted_pdf, EncryptedFileError, "password"),
    ("not-a-zip.docx", docx_not_a_zip, CorruptFileError, "DOCX"),
    ("bomb.docx", docx_zip_bomb, LimitExceededError, "--max-decompressed-size"),
    ("locked.docx", password_protected_docx, EncryptedFileError, "password"),
    ("old.doc", legacy_doc, LegacyFormatError, "soffice --headless --convert-to docx"),
]


@pytest.mark.parametrize(("name", "make", "error", "hint"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_specific_one_line_error(
    tmp_path: Path,
    name: str,
    make: Callable[[], bytes],
    error: type[ContractlintError],
    hint: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    tracemalloc.start()
    try:
        with pytest.raises(error) as info:
            contractlint.extract(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert hint in message
    assert "\n" not in message
    assert "Traceback" not in message
    # Bounded memory: nothing close to the decompressed size of a bomb, or a whole parse.
    assert peak < 120 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_owner_password_only_pdf_is_not_refused(tmp_path: Path) -> None:
    """A PDF with only an owner (permissions) password opens without one: no error for the user."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "owner-only.pdf"
    path.write_bytes(buf.getvalue())
    doc = contractlint.extract(path)
    assert doc.source.format == "pdf"
    assert "no-text-layer" in {w.code for w in doc.warnings}


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(ContractlintError, match="file not found"):
        contractlint.extract(tmp_path / "nope.docx")
    with pytest.raises(ContractlintError, match="contractlint scan"):
        contractlint.extract(tmp_path)


def test_file_size_limit_names_the_flag(tmp_path: Path) -> None:
    path = tmp_path / "contract.txt"
    path.write_text("1. Term\n" * 100, encoding="utf-8")
    with pytest.raises(LimitExceededError, match="--max-file-size"):
        contractlint.extract(path, limits=Limits(max_file_size=10))


@pytest.mark.corpus
def test_real_legacy_doc_from_the_corpus(corpus_dir: Path) -> None:
    docs = sorted((corpus_dir / "docs" / "ccs_uk").rglob("*.doc"))
    assert docs, "the CCS folder should hold legacy .doc files"
    for path in docs:
        with pytest.raises(LegacyFormatError, match="soffice"):
            contractlint.extract(path)

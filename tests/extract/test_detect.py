"""Format detection goes by content, and every refusal tells the user how to convert."""

from __future__ import annotations

import io
import zipfile

import pytest

from contractlint.errors import (
    ContractlintError,
    CorruptFileError,
    EncryptedFileError,
    LegacyFormatError,
    UnsupportedFormatError,
)
from contractlint.extract.detect import detect_format

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _ole2(*stream_names: str) -> bytes:
    """A container with the OLE2 signature and directory entry names, as Word and Office write."""
    body = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return OLE2 + b"\x00" * 504 + body.ljust(1024, b"\x00")


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n%...", "contract.pdf", "pdf"),
        (b"%PDF-1.4\n", "named-wrongly.txt", "pdf"),
        (b"junk before header\n%PDF-1.4\n", "contract.pdf", "pdf"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "a.docx", "docx"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "a.bin", "docx"),
        (b"1. Services\n\nThe Supplier shall...", "contract.txt", "text"),
        (b"# Statement of Work\n", "sow.md", "markdown"),
        ("Kündigung – 30 Tage".encode(), "vertrag", "text"),
        ("Notice – thirty days".encode("cp1252"), "legacy.txt", "text"),
        ("\ufeff1. Term".encode("utf-16"), "utf16.txt", "text"),
    ],
)
def test_detects_supported_formats_by_content(data: bytes, name: str, expected: str) -> None:
    assert detect_format(data, name=name) == expected


@pytest.mark.parametrize(
    ("data", "name", "error", "advice"),
    [
        (_ole2("Root Entry", "WordDocument", "1Table"), "old.doc", LegacyFormatError, "soffice"),
        (_ole2("WordDocument"), "renamed.docx", LegacyFormatError, "--convert-to docx"),
        (
            _ole2("EncryptionInfo", "EncryptedPackage"),
            "locked.docx",
            EncryptedFileError,
            "remove the password",
        ),
        (b"{\\rtf1\\ansi Contract}", "contract.rtf", UnsupportedFormatError, "soffice"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png", UnsupportedFormatError, "OCR"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "scan.jpg", UnsupportedFormatError, "OCR"),
        (b"\x00\x01\x02\x03" * 100, "mystery.bin", UnsupportedFormatError, "DOCX or PDF"),
        (b"\x00\x01\x02\x03" * 100, "broken.docx", CorruptFileError, "new copy"),
        (b"PK\x03\x04 not really a zip", "broken.docx", CorruptFileError, "re-save"),
        (_zip({"content.xml": b"<x/>", "mimetype": b"x"}), "a.odt", UnsupportedFormatError, "docx"),
        (_zip({"readme.txt": b"hi"}), "bundle.docx", CorruptFileError, "word/document.xml"),
        (_zip({"readme.txt": b"hi"}), "bundle.zip", UnsupportedFormatError, "unzip"),
    ],
)
def test_refusals_name_the_file_and_the_fix(
    data: bytes, name: str, error: type[ContractlintError], advice: str
) -> None:
    with pytest.raises(error) as info:
        detect_format(data, name=name)
    message = str(info.value)
    assert message.startswith(f"{name}: ")
    assert advice in message
    assert "\n" not in message

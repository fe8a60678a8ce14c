"""Detect a contract's format from its bytes, because suffixes lie (a .docx may be a .doc, a PDF a .txt).

Refusals say how to convert, so a lawyer with a legacy file knows the next step.
"""

from __future__ import annotations

import io
import zipfile

from contractlint.errors import (
    CorruptFileError,
    EncryptedFileError,
    LegacyFormatError,
    UnsupportedFormatError,
)
from contractlint.model import SourceFormat

__all__ = ["detect_format"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT = "convert it with 'soffice --headless --convert-to docx FILE' and lint the .docx"
_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"BM": "a BMP image",
}
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


def _is_text(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample boundary is still text.
        if exc.start < len(sample) - 4:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) // 100


def detect_format(data: bytes, *, name: str = "<bytes>") -> SourceFormat:
    """Return ``docx``, ``pdf``, ``text`` or ``markdown``, or raise a ``ContractlintError`` subclass."""
    head = data[:8]
    lower = name.lower()
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _detect_zip(data, name)
    if head.startswith(_OLE2):
        # Password-protected Office Open XML files are OLE2 containers holding an EncryptedPackage.
        if _utf16_name("EncryptedPackage") in data[:1_048_576] or _utf16_name(
            "EncryptionInfo"
        ) in data[:1_048_576]:
            raise EncryptedFileError(
                name,
                "the Word document is password-protected",
                "open it in Word, remove the password (File > Info > Protect Document) and save a copy",
            )
        raise LegacyFormatError(name, "legacy binary Word (.doc) or other OLE2 file", _CONVERT)
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(name, "RTF is not supported", _CONVERT)
    for magic, what in _IMAGES.items():
        if data.startswith(magic):
            raise UnsupportedFormatError(
                name, f"{what}, not a document with text", "run OCR first and lint the resulting PDF"
            )
    if lower.endswith(".pdf") and data.lstrip()[:1] == b"%":
        raise CorruptFileError(name, "damaged PDF (no PDF header found)", "ask for a new copy")
    if _is_text(data):
        if lower.endswith(_MARKDOWN_SUFFIXES):
            return "markdown"
        if lower.endswith((".docx", ".pdf")):
            raise CorruptFileError(
                name,
                f"named {lower.rsplit('.', 1)[-1].upper()} but holds plain text",
                "rename it to .txt if it is the contract's text",
            )
        return "text"
    if lower.endswith(".docx"):
        raise CorruptFileError(name, "not a valid DOCX (it is not a zip file)", "ask for a new copy")
    if lower.endswith(".pdf"):
        raise CorruptFileError(name, "damaged PDF (no PDF header found)", "ask for a new copy")
    suffix = "" if "." not in lower else lower.rsplit(".", 1)[-1]
    hint = f" ('.{suffix}' file)" if suffix and suffix not in _TEXT_SUFFIXES else ""
    raise UnsupportedFormatError(
        name,
        f"unrecognised file content{hint}: contractlint reads DOCX, PDF, text and Markdown",
        "save the contract as DOCX or PDF",
    )


def _detect_zip(data: bytes, name: str) -> SourceFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    # NotImplementedError: a directory entry claims a zip version or feature zipfile lacks (fuzz-found).
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise CorruptFileError(
            name, f"damaged DOCX or zip archive ({exc})", "open and re-save it in Word"
        ) from None
    if "word/document.xml" in names or any(n.endswith("/document.xml") for n in names):
        return "docx"
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        raise UnsupportedFormatError(
            name,
            "an OpenDocument file (.odt), not DOCX",
            "convert it with 'soffice --headless --convert-to docx FILE'",
        )
    if any(n.startswith(("xl/", "ppt/")) for n in names):
        raise UnsupportedFormatError(
            name, "an Excel or PowerPoint file, not a Word document", "save the contract as DOCX"
        )
    if name.lower().endswith(".docx"):
        raise CorruptFileError(
            name, "not a valid DOCX (word/document.xml is missing)", "open and re-save it in Word"
        )
    raise UnsupportedFormatError(name, "a zip archive, not a contract", "unzip it and lint the files")

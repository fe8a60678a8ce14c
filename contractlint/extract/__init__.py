"""Turn contract files into ``Document`` objects. The only layer that touches file-format libraries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from contractlint.errors import EmptyFileError, InputError, LimitExceededError
from contractlint.extract.detect import detect_format
from contractlint.extract.limits import DEFAULT_LIMITS, Limits
from contractlint.model import Document

__all__ = ["PDF_ENGINES", "Limits", "PdfEngine", "detect_format", "extract"]

PdfEngine = Literal["pdfium", "pdfplumber"]
PDF_ENGINES: tuple[PdfEngine, ...] = ("pdfium", "pdfplumber")
DEFAULT_PDF_ENGINE: PdfEngine = "pdfium"


def read_input(path: Path, limits: Limits) -> bytes:
    """The bytes of a contract file, refused before reading when it is over ``--max-file-size``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "file not found", "check the path") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})") from None
    if path.is_dir():
        raise InputError(path, "is a folder, not a file", "use 'contractlint scan' for folders")
    if size > limits.max_file_size:
        raise LimitExceededError(
            path,
            f"file is {size:,} bytes, over the {limits.max_file_size:,}-byte limit",
            "raise it with --max-file-size",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})") from None


def extract(
    source: str | os.PathLike[str] | bytes,
    *,
    filename: str | None = None,
    pdf_engine: PdfEngine | None = None,
    limits: Limits | None = None,
) -> Document:
    """Read a contract (DOCX, PDF, text or Markdown) into a ``Document``.

    ``source`` is a path, or the file's bytes with ``filename`` naming it for messages. The format is
    detected from the content, not the suffix. The input file is only ever read.
    """
    limits = limits or DEFAULT_LIMITS
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename or "<bytes>"
        path_str: str | None = None
        if len(data) > limits.max_file_size:
            raise LimitExceededError(
                name,
                f"file is {len(data):,} bytes, over the {limits.max_file_size:,}-byte limit",
                "raise it with --max-file-size",
            )
    else:
        path = Path(source)
        data = read_input(path, limits)
        name = filename or path.name
        path_str = str(path)
    label = path_str or name
    if not data:
        raise EmptyFileError(label, "the file is empty (0 bytes)", "check the download or copy")
    fmt = detect_format(data, name=label)
    if fmt == "docx":
        from contractlint.extract.docx import extract_docx

        return extract_docx(data, name=name, path=path_str, limits=limits)
    if fmt == "pdf":
        from contractlint.extract.pdf import extract_pdf

        return extract_pdf(
            data, name=name, path=path_str, engine=pdf_engine or DEFAULT_PDF_ENGINE, limits=limits
        )
    from contractlint.extract.text import extract_text

    return extract_text(data, name=name, path=path_str, markdown=fmt == "markdown", limits=limits)

"""The pdfplumber engine: pages of lines from pdfminer's characters, slower but independent of pdfium.

Lines come from ``extract_text_lines`` with ``use_text_flow=True`` (two-column pages stay in column
order). Every page is closed after use: pdfplumber caches layout objects per page, and an open
100-page document otherwise grows to several hundred megabytes.
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from contractlint.errors import CorruptFileError, EncryptedFileError
from contractlint.extract.limits import Limits
from contractlint.extract.pdf import (
    CORRUPT_FIX,
    ENCRYPTED_FIX,
    CharBudget,
    PdfLine,
    PdfPage,
    check_page_count,
    clean_line,
)

__all__ = ["read_pages"]

_PDFMINER_ERRORS = (PdfminerException, PSException, ValueError, KeyError)
"""pdfminer also raises plain ``ValueError``/``KeyError`` (zlib, struct) on malformed content."""


def _fail(label: str, exc: BaseException) -> Exception:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return EncryptedFileError(label, "the PDF is password-protected", ENCRYPTED_FIX)
    detail = type(cause).__name__ if not str(cause) else f"{type(cause).__name__}: {cause}"
    return CorruptFileError(label, f"damaged or truncated PDF ({detail})", CORRUPT_FIX)


def _bold(fontname: Any) -> bool:
    name = str(fontname).lower()
    return "bold" in name or "black" in name or "heavy" in name


def _line(raw: dict[str, Any], x_offset: float, y_offset: float) -> PdfLine | None:
    text = clean_line(str(raw["text"]))
    if not text:
        return None
    chars = [c for c in raw.get("chars", ()) if not str(c.get("text", "")).isspace()]
    size = float(chars[0]["size"]) if chars else None
    bold = bool(chars) and _bold(chars[0].get("fontname")) and _bold(chars[-1].get("fontname"))
    bbox = (
        round(float(raw["x0"]) - x_offset, 2),
        round(float(raw["top"]) - y_offset, 2),
        round(float(raw["x1"]) - x_offset, 2),
        round(float(raw["bottom"]) - y_offset, 2),
    )
    return PdfLine(text=text, bbox=bbox, size=None if size is None else round(size, 1), bold=bold)


def read_pages(data: bytes, label: str, limits: Limits) -> tuple[int, list[PdfPage]]:
    """Every page's lines in text-flow order, boxes relative to the displayed MediaBox's corner."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except _PDFMINER_ERRORS as exc:
        raise _fail(label, exc) from None
    try:
        count = len(pdf.pages)
        check_page_count(label, count, limits)
        budget = CharBudget(label, limits)
        pages: list[PdfPage] = []
        for page in pdf.pages:
            try:
                x_offset, y_offset = float(page.mediabox[0]), float(page.mediabox[1])
                raw_lines = page.extract_text_lines(
                    strip=True, return_chars=True, use_text_flow=True, keep_blank_chars=False
                )
                lines = [ln for ln in (_line(r, x_offset, y_offset) for r in raw_lines) if ln]
                budget.add(sum(len(ln.text) for ln in lines))
                pages.append(
                    PdfPage(
                        number=int(page.page_number),
                        width=float(page.width),
                        height=float(page.height),
                        lines=lines,
                        has_images=not lines and bool(page.images),
                    )
                )
            finally:
                page.close()
        return count, pages
    except _PDFMINER_ERRORS as exc:
        raise _fail(label, exc) from None
    finally:
        pdf.close()

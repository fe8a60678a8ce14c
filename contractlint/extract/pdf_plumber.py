"""The pdfplumber engine: pages of lines from pdfminer's characters, slower but independent of pdfium.

Lines come from ``extract_text_lines`` with ``use_text_flow=True`` (two-column pages stay in column
order). Every page is closed after use: pdfplumber caches layout objects per page, and an open
100-page document otherwise grows to several hundred megabytes.

pdfplumber keeps about a kilobyte per character and reads a page whole, so a hostile page drawing
millions of characters would take minutes and gigabytes before any limit saw it. We therefore run
pdfminer's layout step ourselves with a device that counts characters as they are drawn and stops the
page at ``Limits.max_page_chars`` or the document at ``Limits.max_chars``.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zlib
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psexceptions import PSException
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from contractlint.errors import CorruptFileError, EncryptedFileError, LimitExceededError
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

_PDFMINER_ERRORS = (
    PdfminerException,
    PSException,
    MalformedPDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    zlib.error,
    struct.error,
)
"""pdfminer and pdfplumber have no one error hierarchy: a malformed file also raises plain ``ValueError``,
``KeyError``, ``TypeError`` (a name where a number belongs), zlib and struct errors. The fuzz suite
(tests/fuzz) found each of these."""


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


class _CountingDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's own layout device, refusing a page once it has drawn too many characters."""

    def __init__(self, *args: Any, label: str, limits: Limits, drawn: CharBudget, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = label
        self.page_limit = limits.max_page_chars
        self.page_chars = 0
        self.drawn = drawn

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self.page_chars += 1
        if self.page_chars > self.page_limit:
            raise LimitExceededError(
                self.label,
                f"page {self.pageno} draws more than {self.page_limit:,} characters, far more than any "
                "real page (a damaged or hostile file?)",
                "try --pdf-engine pdfium, which reads such pages quickly",
            )
        self.drawn.add(1)
        return float(super().render_char(*args, **kwargs))


def _layout(page: Any, label: str, limits: Limits, drawn: CharBudget) -> None:
    """Compute the page's layout as pdfplumber would, but with the counting device."""
    device = _CountingDevice(
        page.pdf.rsrcmgr,
        pageno=page.page_number,
        laparams=page.pdf.laparams,
        label=label,
        limits=limits,
        drawn=drawn,
    )
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except LimitExceededError:
        raise
    except Exception as exc:  # pdfplumber wraps every pdfminer failure the same way
        raise PdfminerException(exc) from None
    page._layout = device.get_result()  # what pdfplumber's ``Page.layout`` caches


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
        drawn = CharBudget(label, limits)
        pages: list[PdfPage] = []
        for page in pdf.pages:
            try:
                _layout(page, label, limits, drawn)
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
        # Closing walks the page tree again; on a damaged file that raises a second time.
        with contextlib.suppress(*_PDFMINER_ERRORS):
            pdf.close()

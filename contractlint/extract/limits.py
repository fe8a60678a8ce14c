"""Safety limits for untrusted input, with defaults a real contract never reaches."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep a hostile or broken file from exhausting time or memory.

    Each cap names the CLI flag that raises it, so the error message can tell the user what to do.
    """

    max_file_size: int = 256 * 1024 * 1024
    """Bytes on disk (``--max-file-size``)."""
    max_decompressed_size: int = 512 * 1024 * 1024
    """Total uncompressed bytes of a DOCX's zip members (``--max-decompressed-size``)."""
    max_zip_members: int = 10_000
    """Entries in a DOCX zip."""
    max_pages: int = 5_000
    """Pages of a PDF (``--max-pages``)."""
    max_chars: int = 50_000_000
    """Characters of extracted text (``--max-chars``)."""
    max_page_chars: int = 200_000
    """Characters drawn on one PDF page by the pdfplumber engine, which holds a page whole in memory
    (about 1 kB per character); a dense real page has under 10,000."""


DEFAULT_LIMITS = Limits()

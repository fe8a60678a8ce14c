"""The pdfium engine: pages of lines read through pypdfium2, the fast default.

Speed comes from asking pdfium for each page's text in one call and for boxes once per line, never
per character. pdfium ends each line with a generated ``\\r\\n``; those generated characters are in
its character list, so text offsets are character indices (checked per page, with pdfium's own index
translation as the fallback). A hyphen that pdfium judges to end a line comes back as U+FFFE with the
line break removed; we split the line there again so each line keeps its own box.
"""

from __future__ import annotations

import ctypes
import itertools
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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
from contractlint.model import BBox

__all__ = ["read_pages"]

_SPACED_AFTER = frozenset(".:;,)]")
_NUMBER_PREFIX = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[A-Za-z0-9]{1,4}\))$")
"""A clause number opening the line ("10.1", "(a)"), set apart from its text by a gap."""
_LINE = re.compile(r"[^\r\n\ufffe]*(?:\ufffe|\r\n|\r|\n|$)")


def _open(data: bytes, label: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedFileError(label, "the PDF is password-protected", ENCRYPTED_FIX) from None
        raise CorruptFileError(label, f"damaged or truncated PDF ({exc})", CORRUPT_FIX) from None


class _Frame:
    """Maps PDF user space (origin bottom-left) to the displayed page, origin top-left."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.left, self.bottom, self.right, self.top = page.get_mediabox()
        self.rotation = page.get_rotation() % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        r = self.rotation
        if r == 0:
            x0, y0, x1, y1 = left - self.left, self.top - top, right - self.left, self.top - bottom
        elif r == 90:
            x0, y0, x1, y1 = bottom - self.bottom, left - self.left, top - self.bottom, right - self.left
        elif r == 180:
            x0, y0, x1, y1 = self.right - right, bottom - self.bottom, self.right - left, top - self.bottom
        else:
            x0, y0, x1, y1 = self.top - top, self.right - right, self.top - bottom, self.right - left
        return (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2))


def _font(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, bool]:
    size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
    weight = int(pdfium_c.FPDFText_GetFontWeight(textpage, index))
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, 128, ctypes.byref(flags))
    name = buffer.raw[: max(n - 1, 0)].decode("utf-8", "replace").lower() if 0 < n <= 128 else ""
    # Font descriptor flag bit 19 is ForceBold.
    bold = weight >= 600 or "bold" in name or "black" in name or bool(flags.value & (1 << 18))
    return size, bold


def _page_lines(textpage: pdfium.PdfTextPage, frame: _Frame) -> list[PdfLine]:
    text = textpage.get_text_range()
    n_chars = textpage.count_chars()
    aligned = len(text) == n_chars
    lines: list[PdfLine] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        start = match.start()
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            continue
        first = start + (len(body) - len(body.lstrip()))
        count = len(body.rstrip()) - (first - start)
        if not aligned:
            last = int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, first + count - 1))
            first = int(pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, first))
            if first < 0 or last < first:
                continue
            count = last - first + 1
        n_rects = textpage.count_rects(first, count)
        if n_rects <= 0:
            continue
        rects = [textpage.get_rect(i) for i in range(n_rects)]
        pieces = [(first, count, _union(rects), body.strip())]
        if aligned and not _one_row(rects):
            pieces = [(f, n, box, text[f : f + n]) for f, n, box in _rows(textpage, first, count)]
        elif aligned and len(rects) > 1:
            pieces = [(first, count, pieces[0][2], _gap_spaces(textpage, rects, text, first, count))]
        for piece_first, piece_count, (left, bottom, right, top), piece in pieces:
            if not piece.strip():
                continue
            size, bold = _font(textpage, piece_first)
            if bold and piece_count > 1:
                bold = _font(textpage, piece_first + piece_count - 1)[1]
            line = clean_line(piece.replace("\ufffe", "-"))
            if piece.rstrip().endswith("\ufffe"):
                line = line[:-1] + "\ufffe"  # keep the marker: the layout step decides
            bbox = frame.box(left, bottom, right, top)
            lines.append(PdfLine(text=line, bbox=bbox, size=round(size, 1), bold=bold))
    return lines


def _union(rects: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _one_row(rects: list[tuple[float, float, float, float]]) -> bool:
    """Whether every rectangle overlaps the first one vertically (``(left, bottom, right, top)``)."""
    bottom, top = rects[0][1], rects[0][3]
    return all(r[1] < top and r[3] > bottom for r in rects[1:])


def _rows(
    textpage: pdfium.PdfTextPage, first: int, count: int
) -> list[tuple[int, int, tuple[float, float, float, float]]]:
    """Split a pdfium line that spans several rows (a footer drawn inside a body text object).

    Only such rare lines pay for per-character calls.
    """
    rows: list[tuple[int, int, tuple[float, float, float, float]]] = []
    row_start = first
    row_box: tuple[float, float, float, float] | None = None
    for index in range(first, first + count):
        box = textpage.get_charbox(index)
        if box[2] <= box[0] and box[3] <= box[1]:
            continue  # generated space: no box
        if row_box is not None and not (box[1] < row_box[3] and box[3] > row_box[1]):
            rows.append((row_start, index - row_start, row_box))
            row_start, row_box = index, None
        row_box = box if row_box is None else _union([row_box, box])
    if row_box is not None:
        rows.append((row_start, first + count - row_start, row_box))
    return rows


def _gap_spaces(
    textpage: pdfium.PdfTextPage,
    rects: list[tuple[float, float, float, float]],
    text: str,
    first: int,
    count: int,
) -> str:
    """The line's text with a space where pdfium left a visible gap unspaced ("1.1Definition").

    pdfium splits a line into rectangles at text-object boundaries. A space is added between two of
    them when they are more than 0.15 of the line height apart and the left one ends with
    punctuation that takes a space after it (``1.`` ``(a)`` ``Fax:``) or is a clause number opening
    the line (``10.1``), or when they are more than a line height apart; a looser test splits
    apostrophes and decimals ("Company' s", "3.3 .").
    Only such gaps cost a call (the character index at the right rectangle's left edge).
    """
    line = text[first : first + count]
    inserts: list[int] = []
    for prev, cur in itertools.pairwise(rects):
        height = max(cur[3] - cur[1], prev[3] - prev[1], 1.0)
        if cur[0] - prev[2] <= 0.15 * height:
            continue
        index = textpage.get_index(cur[0] + 0.5, (cur[1] + cur[3]) / 2, 1.0, height / 2)
        offset = -1 if index is None else index - first
        if not 0 < offset < len(line):
            continue
        left, right = line[offset - 1], line[offset]
        wide = cur[0] - prev[2] > height
        number = _NUMBER_PREFIX.match(line[:offset]) is not None
        if (wide and not left.isspace() and right.isalnum()) or (
            (left in _SPACED_AFTER or number) and (right.isalnum() or right == "(")
        ):
            inserts.append(offset)
    for offset in sorted(set(inserts), reverse=True):
        line = line[:offset] + " " + line[offset:]
    return line.strip()


def _has_images(page: pdfium.PdfPage) -> bool:
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def read_pages(data: bytes, label: str, limits: Limits) -> tuple[int, list[PdfPage]]:
    """Every page's lines in pdfium's reading order (columns in order), with display-space boxes."""
    document = _open(data, label)
    try:
        count = len(document)
        check_page_count(label, count, limits)
        budget = CharBudget(label, limits)
        pages: list[PdfPage] = []
        for index in range(count):
            page = document[index]
            try:
                frame = _Frame(page)
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(textpage, frame)
                finally:
                    textpage.close()
                budget.add(sum(len(ln.text) for ln in lines))
                pages.append(
                    PdfPage(
                        number=index + 1,
                        width=frame.width,
                        height=frame.height,
                        lines=lines,
                        has_images=not lines and _has_images(page),
                    )
                )
            finally:
                page.close()
        return count, pages
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(label, f"damaged PDF ({exc})", CORRUPT_FIX) from None
    finally:
        document.close()

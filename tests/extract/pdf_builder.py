"""A minimal PDF writer for test fixtures: base-14 Helvetica, WinAnsi text, one absolutely placed line per
``Line``, several pages, optional full-page image (a "scanned" page) and page rotation.

Coordinates are given the way the extractors report them: points from the page's top-left corner, so a
test can compare an extracted box with the position it asked for.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

__all__ = ["Line", "Page", "build_pdf"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text whose top edge (the font's ascent) sits ``top`` points below the page top."""

    x: float
    top: float
    text: str
    size: float = 11.0
    bold: bool = False


@dataclass(slots=True)
class Page:
    lines: list[Line] = field(default_factory=list)
    image: bool = False
    """Paint a grey full-page image (what a scanner produces) instead of, or under, the text."""
    rotate: int = 0
    """0 or 90. At 90 the page shows in landscape and lines are placed upright in the displayed page,
    as a landscape schedule is: ``Line.x``/``Line.top`` are displayed coordinates."""
    width: float = 612.0
    height: float = 792.0
    """The MediaBox, unrotated."""


_ASCENT = 0.718  # Helvetica ascent per point of font size (AFM), so ``top`` is the glyph top.


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(page: Page) -> bytes:
    ops: list[bytes] = []
    if page.image:
        ops.append(b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % (page.width, page.height))
    if page.rotate not in (0, 90):
        raise ValueError("only rotations 0 and 90 are supported")
    for line in page.lines:
        font = b"/F2" if line.bold else b"/F1"
        baseline = line.top + line.size * _ASCENT
        if page.rotate == 90:  # displayed x runs along user y; displayed down is user x
            matrix = b"0 1 -1 0 %.2f %.2f" % (baseline, line.x)
        else:
            matrix = b"1 0 0 1 %.2f %.2f" % (line.x, page.height - baseline)
        ops.append(b"BT %s %.2f Tf %s Tm (%s) Tj ET" % (font, line.size, matrix, _escape(line.text)))
    return b"\n".join(ops)


def build_pdf(pages: list[Page]) -> bytes:
    """Serialise ``pages`` into a valid PDF 1.4 file (cross-reference table and trailer included)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    pages_id = add(b"")
    helv = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pixels = zlib.compress(bytes([128, 160, 160, 128]))
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(pixels), pixels)
    )
    kids: list[int] = []
    for page in pages:
        content = _content(page)
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Rotate %d "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << /Im1 %d 0 R >> >> "
                b"/Contents %d 0 R >>"
                % (pages_id, page.width, page.height, page.rotate, helv, bold, image, stream)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)

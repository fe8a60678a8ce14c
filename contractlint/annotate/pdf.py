"""PDF highlights on each finding's boxes, with a popup note, written with pypdf.

A finding's ``Location.boxes`` are in displayed page coordinates (origin top-left, rotation applied,
relative to the MediaBox), the convention every extractor follows; here they go back to PDF user space
for the page's MediaBox and ``/Rotate``. Each line piece becomes one quadrilateral, so a finding that
wraps over three lines is one highlight with three quads (one per page it touches). "Missing" findings
have nothing to highlight: each gets a note beside the clause where the provision belongs, and page 1
gets a note listing them all. Existing annotations, forms and outlines are copied as they were.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from contractlint.annotate import AUTHOR, comment_text
from contractlint.errors import CorruptFileError, EncryptedFileError
from contractlint.model import BBox, Finding, TextBox

__all__ = ["annotate_pdf"]

_COLOURS = {"error": "ff8a80", "warning": "ffe066", "info": "9fd3ff"}
_NOTE = 20.0
"""Side of a note icon, in points."""
_POPUP = (220.0, 120.0)
_PRINT, _NO_ZOOM, _NO_ROTATE = 4, 8, 16


class _Frame:
    """Maps displayed page coordinates (origin top-left) back to PDF user space."""

    def __init__(self, page: Any) -> None:
        box = page.mediabox
        self.left, self.bottom = float(box.left), float(box.bottom)
        self.right, self.top = float(box.right), float(box.top)
        self.rotation = int(page.get("/Rotate", 0) or 0) % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x + self.left, self.top - y
        if r == 90:
            return y + self.left, x + self.bottom
        if r == 180:
            return self.right - x, y + self.bottom
        return self.right - y, self.top - x

    def quad(self, bbox: BBox) -> list[float]:
        """Top-left, top-right, bottom-left, bottom-right: the order viewers expect for QuadPoints."""
        x0, top, x1, bottom = bbox
        out: list[float] = []
        for x, y in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
            out.extend(self.point(x, y))
        return out

    def rect(self, bbox: BBox) -> tuple[float, float, float, float]:
        q = self.quad(bbox)
        xs, ys = q[0::2], q[1::2]
        return (min(xs), min(ys), max(xs), max(ys))

    def clamp(self, bbox: BBox) -> BBox:
        x0, top, x1, bottom = bbox
        dx = max(0.0, -x0) - max(0.0, x1 - self.width)
        dy = max(0.0, -top) - max(0.0, bottom - self.height)
        return (x0 + dx, top + dy, x1 + dx, bottom + dy)


def annotate_pdf(data: bytes, findings: Sequence[Finding], *, label: str) -> bytes:
    """The PDF ``data`` with a highlight per located finding and notes for missing ones, as bytes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        writer = None if encrypted else PdfWriter(clone_from=reader)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise CorruptFileError(
            label, f"damaged PDF, cannot write a copy ({exc})", "re-save the PDF and try again"
        ) from None
    if writer is None:
        raise EncryptedFileError(
            label,
            "the PDF is encrypted, and annotate does not write into encrypted PDFs",
            "ask for an unencrypted copy",
        )
    frames = [_Frame(page) for page in writer.pages]
    missing: list[Finding] = []
    for n, finding in enumerate(findings, start=1):
        boxes = _boxes(finding)
        if finding.missing or not boxes:
            missing.append(finding)
        else:
            _highlight(writer, frames, finding, n, boxes)
    anchors: dict[tuple[int, BBox], list[Finding]] = {}
    for finding in missing:
        loc = finding.location
        if loc.page is not None and loc.bbox is not None and 1 <= loc.page <= len(frames):
            anchors.setdefault((loc.page, loc.bbox), []).append(finding)
    for n, ((page, bbox), group) in enumerate(anchors.items(), start=1):
        _anchor_note(writer, frames[page - 1], page, bbox, group, n)
    if missing and frames:
        _summary(writer, frames[0], missing)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _boxes(finding: Finding) -> list[TextBox]:
    loc = finding.location
    if loc.boxes:
        return list(loc.boxes)
    if loc.page is not None and loc.bbox is not None:
        return [TextBox(loc.start, loc.end, loc.page, loc.bbox)]
    return []


def _highlight(writer: Any, frames: list[_Frame], finding: Finding, n: int, boxes: list[TextBox]) -> None:
    from pypdf.annotations import Highlight, Popup
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    pages: dict[int, list[BBox]] = {}
    for box in boxes:
        if 1 <= box.page <= len(frames):
            pages.setdefault(box.page, []).append(box.bbox)
    text = comment_text(finding)
    for page, bboxes in sorted(pages.items()):
        frame = frames[page - 1]
        quads = [v for bbox in bboxes for v in frame.quad(bbox)]
        rects = [frame.rect(bbox) for bbox in bboxes]
        rect = (
            min(r[0] for r in rects),
            min(r[1] for r in rects),
            max(r[2] for r in rects),
            max(r[3] for r in rects),
        )
        annotation = Highlight(
            rect=rect,
            quad_points=ArrayObject(FloatObject(round(v, 2)) for v in quads),
            highlight_color=_COLOURS.get(finding.severity, _COLOURS["warning"]),
            printing=True,
            title_bar=AUTHOR,
        )
        annotation[NameObject("/Contents")] = TextStringObject(text)
        annotation[NameObject("/Subj")] = TextStringObject(f"{finding.code} {finding.name}")
        annotation[NameObject("/NM")] = TextStringObject(f"contractlint-{n}-p{page}")
        added = writer.add_annotation(page - 1, annotation)
        top = min(b[1] for b in bboxes)
        popup = frame.clamp((frame.width - _POPUP[0], top, frame.width, top + _POPUP[1]))
        writer.add_annotation(page - 1, Popup(rect=frame.rect(popup), parent=added, open=False))


def _note(writer: Any, frame: _Frame, page: int, at: BBox, text: str, name: str, icon: str) -> None:
    from pypdf.annotations import Text
    from pypdf.generic import NameObject, TextStringObject

    note = Text(
        rect=frame.rect(frame.clamp(at)),
        text=text,
        open=False,
        flags=_PRINT | _NO_ZOOM | _NO_ROTATE,
        title_bar=AUTHOR,
    )
    note[NameObject("/Name")] = NameObject(icon)
    note[NameObject("/NM")] = TextStringObject(name)
    writer.add_annotation(page - 1, note)


def _anchor_note(
    writer: Any, frame: _Frame, page: int, bbox: BBox, group: list[Finding], n: int
) -> None:
    """One note in the left margin of a clause where missing provisions belong, listing them."""
    x0, top = bbox[0], bbox[1]
    left = max(0.0, x0 - _NOTE - 4)
    text = "\n\n".join(comment_text(f) for f in group)
    at = (left, top, left + _NOTE, top + _NOTE)
    _note(writer, frame, page, at, text, f"contractlint-missing-{n}", "/Comment")


def _summary(writer: Any, frame: _Frame, missing: list[Finding]) -> None:
    """One note at the top of page 1 listing every provision that was not found."""
    count = len(missing)
    head = f"{count} provision{'s' if count != 1 else ''} not found (contractlint)"
    entries = []
    for f in missing:
        where = f"\nBelongs in: {f.anchor}" if f.anchor else ""
        entries.append(f"{comment_text(f)}{where}")
    text = "\n\n".join([head, *entries])
    at = (6.0, 6.0, 6.0 + _NOTE, 6.0 + _NOTE)
    _note(writer, frame, 1, at, text, "contractlint-summary", "/Note")

"""Word comments on the exact runs of each finding.

A finding is a span of ``Document.text``; ``extract.docx.map_body`` says which run children show each
character, by the same walk the extractor made. Runs are split where a span starts or ends inside one
(the new run copies the old run's properties, so the text and its formatting look the same), and the
comment range markers go around the runs in between. Everything else in the package -- existing
comments, tracked changes, numbering, headers and footers -- is written back as it was read.

A span that starts in an automatic number ("3.1 ") starts at the first run instead: Word draws the
number, no run holds it. The comment's reference mark goes outside any tracked change, hyperlink or
field holding the span's last run, so accepting a change or updating a field does not drop it.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contractlint.annotate import AUTHOR, INITIALS, comment_text
from contractlint.errors import InputError
from contractlint.extract.docx import MappedBlock, map_body
from contractlint.model import Document, Finding

__all__ = ["annotate_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_T = f"{_W}t"
_P = f"{_W}p"
_RPR = f"{_W}rPr"
_FLD_CHAR = f"{_W}fldChar"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(slots=True)
class _Piece:
    """Characters ``[start, end)`` of a block and the run child showing them; the run is its parent."""

    start: int
    end: int
    node: Any


@dataclass(frozen=True, slots=True)
class _Anchor:
    first: int
    start: int
    """Offset in block ``first``'s text."""
    last: int
    end: int
    """Offset in block ``last``'s text."""


def annotate_docx(data: bytes, document: Document, findings: Sequence[Finding], *, label: str) -> bytes:
    """The DOCX ``data`` with one comment per finding, as bytes."""
    import docx

    word = docx.Document(io.BytesIO(data))
    mapped = map_body(word.part, label=label)
    if [m.text for m in mapped] != [b.text for b in document.blocks]:
        raise InputError(
            label,
            "the findings were made from different text than this file holds",
            "lint this file again, then annotate",
        )
    pieces = [_pieces(m) for m in mapped]
    anchors = [_anchor(document, mapped, pieces, f) for f in findings]
    for anchor in anchors:
        if anchor is not None:
            _split_at(pieces[anchor.first], anchor.start)
            _split_at(pieces[anchor.last], anchor.end)
    body = word.element.body
    for finding, anchor in zip(findings, anchors, strict=True):
        comment = word.comments.add_comment(text=comment_text(finding), author=AUTHOR, initials=INITIALS)
        if anchor is None:
            _mark_empty(body, comment.comment_id)
            continue
        first = _covered(pieces[anchor.first], anchor.start, None)[0].node.getparent()
        last = _covered(pieces[anchor.last], None, anchor.end)[-1].node.getparent()
        _mark(first, last, comment.comment_id)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _pieces(block: MappedBlock) -> list[_Piece]:
    return [_Piece(p.start, p.end, p.node) for p in block.pieces if p.end > p.start]


def _covered(pieces: list[_Piece], start: int | None, end: int | None) -> list[_Piece]:
    """Pieces with characters in ``[start, end)`` (open ends: to the block's start or end)."""
    lo = -1 if start is None else start
    hi = 1 << 62 if end is None else end
    return [p for p in pieces if p.end > lo and p.start < hi]


def _anchor(
    document: Document, mapped: list[MappedBlock], pieces: list[list[_Piece]], finding: Finding
) -> _Anchor | None:
    """Where the comment goes, in block offsets; ``None`` when the body has no run text at all."""
    if not any(pieces):
        return None
    loc = finding.location
    spans: list[tuple[int, int, int]] = []
    if loc.story == "body":
        for block in document.blocks_between(loc.start, loc.end):
            i = block.index
            s = max(loc.start - block.location.start, mapped[i].text_start)
            e = min(loc.end - block.location.start, len(block.text))
            if s < e and _covered(pieces[i], s, e):
                spans.append((i, s, e))
    if spans:
        return _Anchor(spans[0][0], spans[0][1], spans[-1][0], spans[-1][2])
    # Nothing but an automatic number, an empty span or another story: the nearest block with text.
    at = document.block_index_at(loc.start) if loc.story == "body" else 0
    order = list(range(at or 0, len(pieces))) + list(range((at or 0) - 1, -1, -1))
    i = next(k for k in order if pieces[k])
    return _Anchor(i, pieces[i][0].start, i, pieces[i][-1].end)


def _split_at(pieces: list[_Piece], x: int) -> None:
    """Make ``x`` fall on a run boundary: split the ``w:t`` holding it, then its run."""
    i = next((k for k, p in enumerate(pieces) if p.end > x), None)
    if i is None or (i == 0 and pieces[0].start >= x):
        return
    piece = pieces[i]
    if piece.start < x:  # inside a w:t (every other run child shows one character)
        node = piece.node
        tail = copy.deepcopy(node)
        text = node.text or ""
        cut = x - piece.start
        node.text, tail.text = text[:cut], text[cut:]
        for t in (node, tail):
            t.set(_XML_SPACE, "preserve")
        node.addnext(tail)
        pieces[i : i + 1] = [_Piece(piece.start, x, node), _Piece(x, piece.end, tail)]
        i += 1
    node = pieces[i].node
    run = node.getparent()
    if any(p.node.getparent() is run for p in pieces[:i]):
        _split_run(run, node)


def _split_run(run: Any, node: Any) -> None:
    """Move ``node`` and what follows it into a new run with the same properties, right after ``run``."""
    twin = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(_RPR)
    if rpr is not None:
        twin.append(copy.deepcopy(rpr))
    children = list(run)
    for child in children[children.index(node) :]:
        twin.append(child)  # lxml moves the element
    run.addnext(twin)


def _element(tag: str, comment_id: int) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    return OxmlElement(tag, attrs={qn("w:id"): str(comment_id)})


def _reference_run(comment_id: int) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    run.append(rpr)
    run.append(_element("w:commentReference", comment_id))
    return run


def _mark(first: Any, last: Any, comment_id: int) -> None:
    first.addprevious(_element("w:commentRangeStart", comment_id))
    end = _element("w:commentRangeEnd", comment_id)
    last.addnext(end)
    _after_container(end).addnext(_reference_run(comment_id))


def _after_container(end: Any) -> Any:
    """The element after which the reference run can sit directly in the paragraph.

    That is the paragraph child holding ``end`` (a tracked insertion, hyperlink or content control),
    moved past the end of any complex field that is open there.
    """
    paragraph = next(end.iterancestors(_P), None)
    if paragraph is None:
        return end
    top = end
    while top.getparent() is not paragraph:
        top = top.getparent()
    depth = 0
    passed = False
    for el in paragraph.iter(_FLD_CHAR, end.tag):
        if el is end:
            passed = True
            if depth == 0:
                return top
            continue
        kind = el.get(f"{_W}fldCharType") if el.tag == _FLD_CHAR else None
        if kind == "begin":
            depth += 1
        elif kind == "end" and depth > 0:
            depth -= 1
            if passed and depth == 0:
                holder = el
                while holder.getparent() is not paragraph:
                    holder = holder.getparent()
                return holder
    return top


def _mark_empty(body: Any, comment_id: int) -> None:
    """A body without run text: an empty range at the start of the first paragraph."""
    from docx.oxml import OxmlElement

    paragraph = body.find(_P)
    if paragraph is None:
        paragraph = OxmlElement("w:p")
        body.insert(0, paragraph)
    ppr = paragraph.find(f"{_W}pPr")
    at = 0 if ppr is None else paragraph.index(ppr) + 1
    for offset, el in enumerate(
        (
            _element("w:commentRangeStart", comment_id),
            _element("w:commentRangeEnd", comment_id),
            _reference_run(comment_id),
        )
    ):
        paragraph.insert(at + offset, el)

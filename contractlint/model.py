"""Value types shared by every layer: what a contract is made of and where each piece came from.

Conventions (the same everywhere, so a user can act on a location without reading our code):

* pages, paragraphs, lines, tables, rows and cells are 1-based;
* character offsets (``start``, ``end``) are 0-based and half-open, into ``Document.text``;
* a PDF box is ``(x0, top, x1, bottom)`` in points from the page's top-left corner, as in pdfplumber;
* blocks outside the body story (headers, footers, footnotes) live in ``Document.other_blocks``; their
  offsets are into their own ``Block.text`` because they are not part of ``Document.text``.

No spaCy, python-docx, lxml or pdfminer object ever appears in these types.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "BBox",
    "Block",
    "BlockKind",
    "Clause",
    "Document",
    "ExtractionWarning",
    "Location",
    "Source",
    "SourceFormat",
    "Story",
    "TextBox",
]

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points from the top-left corner of the page."""

SourceFormat = Literal["docx", "pdf", "text", "markdown"]
Story = Literal["body", "header", "footer", "footnote", "endnote"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell", "title"]

BLOCK_SEPARATOR = "\n\n"
"""Joins blocks in ``Document.text``: a blank line, so sentence splitting never runs across blocks."""


@dataclass(frozen=True, slots=True)
class TextBox:
    """Where a run of characters sits on a PDF page (one line, or part of one)."""

    start: int
    end: int
    page: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Location:
    """Where a span of a contract is, in every coordinate system the source has."""

    start: int
    end: int
    block: int | None = None
    """Index (0-based) of the first block the span touches, into ``Document.blocks``."""
    paragraph: int | None = None
    """1-based ordinal of that block's paragraph in its story, counting table-cell paragraphs."""
    page: int | None = None
    """1-based page where the span starts (PDF; None where the format has no pages)."""
    bbox: BBox | None = None
    """Union of the span's boxes on ``page``."""
    boxes: tuple[TextBox, ...] = ()
    """One box per line piece, possibly on several pages; what a highlighter draws."""
    paragraph_on_page: int | None = None
    line: int | None = None
    """1-based first line in a text or Markdown source."""
    end_line: int | None = None
    story: Story = "body"
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    clause_number: str | None = None
    """The visible number of the innermost clause holding the span (filled by ``segment``)."""

    @property
    def pages(self) -> tuple[int, ...]:
        """Every page the span touches, in order."""
        if not self.boxes:
            return () if self.page is None else (self.page,)
        return tuple(sorted({b.page for b in self.boxes}))


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit: a heading, a paragraph, a list item or a table cell."""

    index: int
    kind: BlockKind
    text: str
    """Visible text, including an automatic number as Word displays it (see ``text_start``)."""
    location: Location
    number: str | None = None
    """The clause number exactly as the reader sees it on this block: ``"7.2"``, ``"(a)"``, ``"IV"``."""
    level: int | None = None
    """Nesting level of the number (0 = top), when the source states it (Word's ``ilvl``)."""
    number_source: Literal["auto", "typed"] | None = None
    """``auto``: computed from Word numbering; ``typed``: written in the text itself."""
    text_start: int = 0
    """Offset in ``text`` where the source's own run text begins (after an automatic number)."""
    style: str | None = None
    """The source's paragraph style name (DOCX), when there is one."""
    emphasis: bool = False
    """The whole block is bold or in capitals: a heading signal for sources without styles."""


@dataclass(frozen=True, slots=True)
class Source:
    """The file a Document came from."""

    name: str
    format: SourceFormat
    sha256: str
    size: int
    path: str | None = None
    page_count: int | None = None
    extractor: str = ""
    """Which extractor produced the Document (``docx``, ``pdfium``, ``pdfplumber``, ``text``)."""


@dataclass(frozen=True, slots=True)
class ExtractionWarning:
    """Something a reviewer should know about the extraction (tracked changes, no text layer, ...)."""

    code: str
    message: str
    count: int | None = None
    location: Location | None = None
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A contract as contractlint sees it: blocks in reading order and the text they make."""

    source: Source
    blocks: tuple[Block, ...]
    text: str
    warnings: tuple[ExtractionWarning, ...] = ()
    other_blocks: tuple[Block, ...] = ()
    removed_lines: tuple[str, ...] = ()
    """Distinct running headers, footers and page numbers dropped from a PDF, for auditing."""
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(b.location.start for b in self.blocks))

    @property
    def page_count(self) -> int | None:
        return self.source.page_count

    def block_index_at(self, offset: int) -> int | None:
        """Index of the block holding ``offset`` (or the next block, when it falls on a separator)."""
        if not self.blocks or offset < 0 or offset > len(self.text):
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0
        if offset >= self.blocks[i].location.end and i + 1 < len(self.blocks):
            return i + 1
        return i

    def block_at(self, offset: int) -> Block | None:
        i = self.block_index_at(offset)
        return None if i is None else self.blocks[i]

    def blocks_between(self, start: int, end: int) -> Iterator[Block]:
        """Blocks that overlap ``[start, end)`` (the first one even for an empty span)."""
        i = self.block_index_at(start)
        if i is None:
            return
        while i < len(self.blocks):
            block = self.blocks[i]
            if block.location.start >= end and block.location.start > start:
                break
            yield block
            i += 1

    def locate(self, start: int, end: int | None = None) -> Location:
        """Map a character span of ``text`` back to its block, paragraph, page and boxes.

        For PDFs, a box that the span covers only in part is narrowed in proportion to the characters
        covered, which is what a highlighter needs; the line's full height is kept.
        """
        if end is None:
            end = start + 1
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        first = self.block_at(start)
        if first is None:
            return Location(start=start, end=end)
        boxes: list[TextBox] = []
        for block in self.blocks_between(start, end):
            for box in block.location.boxes:
                touches = box.start < end and box.end > start
                holds_point = start == end and box.start <= start < box.end
                if not (touches or holds_point):
                    continue
                boxes.append(_clip_box(box, start, end))
        floc = first.location
        page = boxes[0].page if boxes else floc.page
        bbox = _union([b.bbox for b in boxes if b.page == page]) if boxes else None
        line = floc.line
        if line is not None:
            line += self.text.count("\n", floc.start, max(floc.start, start))
        end_line = None
        last = self.block_at(max(start, end - 1))
        last_line = None if last is None else last.location.line
        if last is not None and last_line is not None:
            lstart = last.location.start
            end_line = last_line + self.text.count("\n", lstart, max(lstart, end - 1))
        return Location(
            start=start,
            end=end,
            block=first.index,
            paragraph=floc.paragraph,
            page=page,
            bbox=bbox,
            boxes=tuple(boxes),
            paragraph_on_page=floc.paragraph_on_page,
            line=line,
            end_line=end_line,
            story=floc.story,
            table=floc.table,
            row=floc.row,
            cell=floc.cell,
            clause_number=floc.clause_number,
        )


def _clip_box(box: TextBox, start: int, end: int) -> TextBox:
    s, e = max(box.start, start), min(box.end, end)
    if s <= box.start and e >= box.end:
        return box
    n = box.end - box.start
    if n <= 0:
        return box
    x0, top, x1, bottom = box.bbox
    width = x1 - x0
    nx0 = x0 + width * (s - box.start) / n
    nx1 = x0 + width * (max(e, s + 1) - box.start) / n
    return TextBox(s, max(e, s), box.page, (round(nx0, 2), top, round(min(nx1, x1), 2), bottom))


def _union(bboxes: list[BBox]) -> BBox | None:
    if not bboxes:
        return None
    return (
        min(b[0] for b in bboxes),
        min(b[1] for b in bboxes),
        max(b[2] for b in bboxes),
        max(b[3] for b in bboxes),
    )


@dataclass(frozen=True, slots=True)
class Clause:
    """A node of the clause tree: a numbered or headed part of the contract and what it holds."""

    number: str | None
    """As displayed on the clause's own line: ``"12"``, ``"(a)"``, ``"ARTICLE IV"``, ``"Schedule 2"``."""
    ref: str | None
    """The full citation a lawyer would write: ``"12.2(a)"``, ``"Article IV"``, ``"Schedule 2"``."""
    title: str | None
    level: int
    """Depth in the tree; 0 for top-level clauses."""
    blocks: tuple[int, ...]
    """Indices into ``Document.blocks`` of the clause's own blocks (not its children's)."""
    location: Location
    """Spans from the clause's first block to the end of its last descendant."""
    children: tuple[Clause, ...] = ()

    def walk(self) -> Iterator[Clause]:
        """This clause and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

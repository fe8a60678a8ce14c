"""Assemble a ``Document`` from the drafts an extractor produces.

Every extractor describes its blocks with offsets relative to each block's own text; this module joins
them into ``Document.text`` and shifts every offset, so the offset rules live in one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from contractlint.extract.numbers import parse_typed_number
from contractlint.model import (
    BLOCK_SEPARATOR,
    BBox,
    Block,
    BlockKind,
    Document,
    ExtractionWarning,
    Location,
    Source,
    SourceFormat,
    Story,
    TextBox,
    TypedNumber,
)

__all__ = ["BlockDraft", "assemble", "make_source"]


@dataclass(slots=True)
class BlockDraft:
    """A block before it has document offsets. ``boxes`` hold offsets relative to ``text``."""

    kind: BlockKind
    text: str
    number: str | None = None
    level: int | None = None
    number_source: Literal["auto", "typed"] | None = None
    text_start: int = 0
    style: str | None = None
    emphasis: bool = False
    story: Story = "body"
    page: int | None = None
    paragraph: int | None = None
    paragraph_on_page: int | None = None
    line: int | None = None
    end_line: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    boxes: list[tuple[int, int, int, BBox]] = field(default_factory=list)
    """``(start, end, page, bbox)`` with ``start``/``end`` relative to ``text``."""
    marks: list[tuple[str, str, int]] = field(default_factory=list)
    """Comment anchors ``(start|end|ref, comment id, offset in text)``; the extractor maps them after
    assembly (``Document.comments``)."""


def make_source(
    data: bytes,
    *,
    name: str,
    format: SourceFormat,
    path: str | None,
    page_count: int | None = None,
    extractor: str = "",
) -> Source:
    return Source(
        name=name,
        format=format,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        path=path,
        page_count=page_count,
        extractor=extractor,
    )


def _union(boxes: list[tuple[int, int, int, BBox]], page: int | None) -> BBox | None:
    chosen = [b[3] for b in boxes if b[2] == page]
    if not chosen:
        return None
    return (
        min(b[0] for b in chosen),
        min(b[1] for b in chosen),
        max(b[2] for b in chosen),
        max(b[3] for b in chosen),
    )


def _block(index: int, draft: BlockDraft, offset: int, typed: TypedNumber | None = None) -> Block:
    page = draft.page
    if page is None and draft.boxes:
        page = draft.boxes[0][2]
    boxes = tuple(TextBox(offset + s, offset + e, p, bb) for s, e, p, bb in draft.boxes)
    location = Location(
        start=offset,
        end=offset + len(draft.text),
        block=index,
        paragraph=draft.paragraph,
        page=page,
        bbox=_union(draft.boxes, page),
        boxes=boxes,
        paragraph_on_page=draft.paragraph_on_page,
        line=draft.line,
        end_line=draft.end_line,
        story=draft.story,
        table=draft.table,
        row=draft.row,
        cell=draft.cell,
    )
    return Block(
        index=index,
        kind=draft.kind,
        text=draft.text,
        location=location,
        number=draft.number,
        level=draft.level,
        number_source=draft.number_source,
        text_start=draft.text_start,
        style=draft.style,
        emphasis=draft.emphasis,
        typed_number=typed,
    )


def assemble(
    source: Source,
    drafts: list[BlockDraft],
    *,
    warnings: list[ExtractionWarning] | None = None,
    other: list[BlockDraft] | None = None,
    removed_lines: list[str] | None = None,
) -> Document:
    """Join body drafts into ``Document.text`` (blocks separated by a blank line) and number them.

    Empty drafts are dropped. Drafts without a paragraph number get their body ordinal (1-based), and
    drafts without a clause number get the one typed at the start of their text, if any.
    """
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    for draft in drafts:
        if not draft.text.strip():
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        if draft.paragraph is None:
            draft.paragraph = len(blocks) + 1
        typed = None
        if draft.number is None:
            typed = parse_typed_number(draft.text, draft.text_start)
            if typed is not None:
                draft.number, draft.number_source = typed.number, "typed"
        blocks.append(_block(len(blocks), draft, offset, typed))
        parts.append(draft.text)
        offset += len(draft.text)
    others = [_block(i, d, 0) for i, d in enumerate(d for d in other or [] if d.text.strip())]
    return Document(
        source=source,
        blocks=tuple(blocks),
        text="".join(parts),
        warnings=tuple(warnings or ()),
        other_blocks=tuple(others),
        removed_lines=tuple(removed_lines or ()),
    )

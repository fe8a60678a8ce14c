"""Join the files of one agreement (core terms, schedules, a definitions schedule) into one Document.

A term defined in a definitions schedule is used in the core terms, and a clause cites a schedule held in
another file, so such checks need the whole set. Every block keeps its own file's page, paragraph and
table coordinates, and names its file in ``Location.file``, so a finding still points into the right file.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from contractlint.errors import ConfigError
from contractlint.model import (
    BLOCK_SEPARATOR,
    Block,
    Comment,
    Document,
    ExtractionWarning,
    Location,
    Source,
    TextBox,
)

__all__ = ["combine"]


def _shift(loc: Location, by: int, file: str) -> Location:
    boxes = tuple(TextBox(b.start + by, b.end + by, b.page, b.bbox) for b in loc.boxes)
    return dataclasses.replace(loc, start=loc.start + by, end=loc.end + by, boxes=boxes, file=file)


def _names(documents: Sequence[Document]) -> list[str]:
    """Each file's name; the path where two files share a name."""
    names = [d.source.name for d in documents]
    return [(d.source.path or n) if names.count(n) > 1 else n for d, n in zip(documents, names, strict=True)]


def _set_source(documents: Sequence[Document], names: list[str]) -> Source:
    sources = [d.source for d in documents]
    digest = hashlib.sha256("".join(s.sha256 for s in sources).encode("ascii")).hexdigest()
    pages = [s.page_count for s in sources]
    extractors = dict.fromkeys(s.extractor for s in sources if s.extractor)
    return Source(
        name=" + ".join(names),
        format=sources[0].format,
        sha256=digest,
        size=sum(s.size for s in sources),
        path=None,
        page_count=None if any(p is None for p in pages) else sum(p for p in pages if p is not None),
        extractor="+".join(extractors),
    )


def combine(documents: Sequence[Document]) -> Document:
    """One Document whose text is the files' texts in order, each block naming its file.

    ``Document.parts`` lists the files' own ``Source``; ``Document.source`` describes the set (names
    joined with " + ", sizes and pages summed, a digest of the files' digests).
    """
    if not documents:
        raise ConfigError("an agreement set needs at least one file")
    if len(documents) == 1:
        return documents[0]
    names = _names(documents)
    blocks: list[Block] = []
    other: list[Block] = []
    warnings: list[ExtractionWarning] = []
    removed: list[str] = []
    comments: list[Comment] = []
    texts: list[str] = []
    offset = 0
    for doc, name in zip(documents, names, strict=True):
        if doc.blocks and texts:
            texts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        for block in doc.blocks:
            blocks.append(
                dataclasses.replace(block, index=len(blocks), location=_shift(block.location, offset, name))
            )
        other.extend(
            dataclasses.replace(b, location=dataclasses.replace(b.location, file=name))
            for b in doc.other_blocks
        )
        for w in doc.warnings:
            location = None if w.location is None else _shift(w.location, offset, name)
            warnings.append(dataclasses.replace(w, message=f"{name}: {w.message}", location=location))
        removed.extend(line for line in doc.removed_lines if line not in removed)
        comments.extend(
            dataclasses.replace(c, start=c.start + offset, end=c.end + offset) for c in doc.comments
        )
        if doc.blocks:
            texts.append(doc.text)
            offset += len(doc.text)
    return Document(
        source=_set_source(documents, names),
        blocks=tuple(blocks),
        text="".join(texts),
        warnings=tuple(warnings),
        other_blocks=tuple(other),
        removed_lines=tuple(removed),
        comments=tuple(comments),
        parts=tuple(d.source for d in documents),
    )

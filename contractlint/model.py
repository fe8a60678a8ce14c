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
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

__all__ = [
    "REPORT_SCHEMA",
    "BBox",
    "Block",
    "BlockKind",
    "Clause",
    "Comment",
    "Document",
    "ExtractionWarning",
    "Finding",
    "Location",
    "NumberStyle",
    "Provision",
    "Report",
    "Severity",
    "Source",
    "SourceFormat",
    "Story",
    "TextBox",
    "TypedNumber",
]

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points from the top-left corner of the page."""

SourceFormat = Literal["docx", "pdf", "text", "markdown"]
Story = Literal["body", "header", "footer", "footnote", "endnote"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell", "title"]

BLOCK_SEPARATOR = "\n\n"
"""Joins blocks in ``Document.text``: a blank line, so sentence splitting never runs across blocks."""


_C = TypeVar("_C", bound=type)


def slot_init(cls: _C) -> _C:
    """Give a frozen, slotted dataclass an ``__init__`` that stores each field through its slot's setter.

    The generated one calls ``object.__setattr__(self, name, value)`` per field, which looks each name up
    again; a contract builds tens of thousands of locations, blocks, numbers and clauses, and that was
    several percent of a lint. The signature and defaults stay the dataclass's, and assignment after
    construction still raises ``FrozenInstanceError``.
    """
    params: list[str] = []
    lines: list[str] = []
    env: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not f.init or f.default_factory is not dataclasses.MISSING or f.kw_only:
            raise TypeError(f"slot_init: {cls.__name__}.{f.name} needs the dataclass's own __init__")
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        lines.append(f"    _set_{f.name}(self, {f.name})")
    # Built from the field names only (identifiers), as dataclasses builds its own __init__.
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines), env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in dataclasses.fields(cls)}, "return": None}
    cls.__init__ = init  # type: ignore[misc]
    return cls


@slot_init
@dataclass(frozen=True, slots=True)
class TextBox:
    """Where a run of characters sits on a PDF page (one line, or part of one)."""

    start: int
    end: int
    page: int
    bbox: BBox


@slot_init
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
    file: str | None = None
    """For an agreement linted as a set of files, the name of the file holding the span (None otherwise)."""

    @property
    def pages(self) -> tuple[int, ...]:
        """Every page the span touches, in order."""
        if not self.boxes:
            return () if self.page is None else (self.page,)
        return tuple(sorted({b.page for b in self.boxes}))


NumberStyle = Literal[
    "decimal",  # 1.  1.1  1.1.1  12.  (depth = number of components)
    "paren-decimal",  # (1)  1)
    "paren-lower-alpha",  # (a)  a)
    "paren-lower-roman",  # (iv)  iv)
    "paren-lower-roman-or-alpha",  # (i) (v) (x): a letter after (h), (u), (w); otherwise roman
    "paren-upper-alpha",  # (A)  A)
    "paren-upper-roman",  # (IV)
    "paren-upper-roman-or-alpha",  # (I) (V) (X)
    "lower-alpha",  # a.
    "lower-roman",  # iv.
    "lower-roman-or-alpha",  # i.
    "upper-alpha",  # A.
    "upper-roman",  # IV.
    "upper-roman-or-alpha",  # I.
    "article",  # ARTICLE IV, Article 3
    "section",  # Section 5, SECTION 5.2, § 3
    "clause",  # Clause 4
    "schedule",  # Schedule 2
    "exhibit",  # Exhibit A
    "annex",  # Annex 1
    "appendix",  # Appendix B
    "part",  # Part 3
    "attachment",  # Attachment 1
]


@slot_init
@dataclass(frozen=True, slots=True)
class TypedNumber:
    """A clause number found at the start of a block's text."""

    number: str
    """As displayed, without surrounding spaces: ``"1.1"``, ``"12."``, ``"(a)"``, ``"ARTICLE IV"``."""
    label: str
    """The bare label used in citations: ``"1.1"``, ``"12"``, ``"a"``, ``"IV"``, ``"2"``."""
    style: NumberStyle
    depth: int
    """Number of dotted components (``"1.1.1"`` is 3); 1 for every other style."""
    value: int
    """Ordinal of the last component (``a`` = 1, ``iv`` = 4); for ambiguous styles, the letter's value."""
    start: int
    """Offset of the number in the text passed in."""
    end: int
    """Offset just past the number (and its own punctuation), before any whitespace."""
    title: str | None = None
    """A run-in heading (``"12. Termination. Either party ..."`` gives ``"Termination"``), or the whole
    remainder when it reads as a heading line (``"1. DEFINITIONS"``)."""
    body_start: int = 0
    """Offset where the clause's own text begins: after the title, or after the number."""


@slot_init
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
    typed_number: TypedNumber | None = field(default=None, compare=False, repr=False)
    """The number typed at ``text_start`` as the extractor parsed it (with its run-in title), when
    ``number_source`` is ``typed``: the segmenter reuses it rather than parsing every block twice."""


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
class Comment:
    """A reviewer comment (DOCX) or a directive line (text, Markdown) and the span of text it covers.

    Suppressions (``contractlint: ignore CODE - reason``) are read from these, so a lawyer can silence a
    finding where the contract is discussed rather than in a separate configuration file.
    """

    text: str
    start: int
    """Offsets into ``Document.text`` of the commented range (half-open)."""
    end: int
    author: str = ""
    id: str = ""
    """The comment's id in the source (``w:id`` in DOCX; the line number for a directive line)."""


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
    comments: tuple[Comment, ...] = ()
    """Reviewer comments anchored in the body text, and directive lines of text sources."""
    parts: tuple[Source, ...] = ()
    """For an agreement set (``extract.combine``), the files it joins, in order; their blocks name them in
    ``Location.file``. Empty for a single file."""
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    _boxed: bool = field(default=False, init=False, repr=False, compare=False)
    """Some block has PDF boxes: ``locate`` need not walk the blocks of a span to look for them."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(b.location.start for b in self.blocks))
        object.__setattr__(self, "_boxed", any(b.location.boxes for b in self.blocks))

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

    def locate(self, start: int, end: int | None = None, *, clause_number: str | None = None) -> Location:
        """Map a character span of ``text`` back to its block, paragraph, page and boxes.

        For PDFs, a box that the span covers only in part is narrowed in proportion to the characters
        covered, which is what a highlighter needs; the line's full height is kept. ``clause_number`` is
        recorded on the location: the clause tree knows it, the document does not.
        """
        if end is None:
            end = start + 1
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        first = self.block_at(start)
        if first is None:
            return Location(start=start, end=end)
        boxes: list[TextBox] = []
        for block in self.blocks_between(start, end) if self._boxed else ():
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
            clause_number=floc.clause_number if clause_number is None else clause_number,
            file=floc.file,
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


@slot_init
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


Severity = Literal["info", "warning", "error"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@slot_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One lint finding: which rule, how serious, what to do, and exactly where."""

    code: str
    """Stable rule code, e.g. ``EXIT002``; a prefix (``EXIT``) selects a rule family."""
    name: str
    """Kebab-case rule name, e.g. ``no-termination-for-convenience``."""
    category: str
    severity: Severity
    message: str
    location: Location
    excerpt: str
    """The contract text at ``location`` (for a missing provision: the anchor clause's heading)."""
    suggestion: str
    """Clause language that would fix the finding."""
    missing: bool = False
    """True when the finding is about something absent; ``location`` is then where it belongs."""
    searched: tuple[str, ...] = ()
    """For a missing provision: what was searched for (phrases, provisions)."""
    anchor: str | None = None
    """For a missing provision: the clause where it belongs ("3 Term and Termination")."""
    related: tuple[Location, ...] = ()
    """Other occurrences that make up the finding."""
    doc_url: str = ""


@slot_init
@dataclass(frozen=True, slots=True)
class Provision:
    """An entry of the clause inventory: a kind of provision found in the contract, and where."""

    kind: str
    """``termination_for_convenience``, ``notice_clause``, ``renewal_term``, ..."""
    label: str
    location: Location
    excerpt: str
    clause_ref: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    """Facts read from the clause, e.g. ``(("party", "Customer"), ("notice_days", "30"))``."""


REPORT_SCHEMA = "contractlint-report/1"


@dataclass(frozen=True, slots=True)
class Report:
    """The result of linting one contract: findings, the clause inventory and the document."""

    document: Document
    findings: tuple[Finding, ...]
    clauses: tuple[Provision, ...] = ()
    """The clause inventory: which provision types were found, and where."""
    outline: tuple[Clause, ...] = ()
    """The clause tree's top-level clauses."""
    suppressed: int = 0
    """Findings silenced by ``contractlint: ignore`` comments in the contract."""
    baselined: int = 0
    """Findings left out because the baseline file records them (``--baseline``)."""

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def to_dict(self) -> dict[str, object]:
        """Plain data following the ``contractlint-report/1`` schema (docs/report-schema.md)."""
        from contractlint import __version__

        src = self.document.source
        out: dict[str, object] = {
            "schema": REPORT_SCHEMA,
            "contractlint_version": __version__,
            "source": _source_dict(src),
        }
        if self.document.parts:
            out["parts"] = [_source_dict(p) for p in self.document.parts]
        return out | {
            "summary": {
                "findings": len(self.findings),
                **self.counts(),
                **({"suppressed": self.suppressed} if self.suppressed else {}),
                **({"baselined": self.baselined} if self.baselined else {}),
            },
            "warnings": [
                _drop_empty(
                    {"code": w.code, "message": w.message, "count": w.count, "details": list(w.details)}
                )
                for w in self.document.warnings
            ],
            "findings": [finding_to_dict(f) for f in self.findings],
            "clauses": [
                _drop_empty(
                    {
                        "kind": p.kind,
                        "label": p.label,
                        "clause": p.clause_ref,
                        "location": location_to_dict(p.location),
                        "excerpt": p.excerpt,
                        "attributes": dict(p.attributes),
                    }
                )
                for p in self.clauses
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        import json

        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _source_dict(src: Source) -> dict[str, object]:
    return {
        "name": src.name,
        "path": src.path,
        "format": src.format,
        "sha256": src.sha256,
        "size": src.size,
        "page_count": src.page_count,
        "extractor": src.extractor,
    }


def _drop_empty(d: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in d.items() if v is not None and v != () and v != [] and v != {}}


def location_to_dict(loc: Location, *, boxes: bool = True) -> dict[str, object]:
    """A location as plain data; absent coordinates are left out rather than null."""
    out: dict[str, object] = {
        "start": loc.start,
        "end": loc.end,
        "block": loc.block,
        "paragraph": loc.paragraph,
        "page": loc.page,
        "bbox": None if loc.bbox is None else [round(v, 2) for v in loc.bbox],
        "paragraph_on_page": loc.paragraph_on_page,
        "line": loc.line,
        "end_line": loc.end_line,
        "story": None if loc.story == "body" else loc.story,
        "table": loc.table,
        "row": loc.row,
        "cell": loc.cell,
        "clause": loc.clause_number,
        "file": loc.file,
    }
    if boxes and loc.boxes:
        out["boxes"] = [
            {"page": b.page, "bbox": [round(v, 2) for v in b.bbox], "start": b.start, "end": b.end}
            for b in loc.boxes
        ]
    return _drop_empty(out)


def finding_to_dict(f: Finding) -> dict[str, object]:
    return _drop_empty(
        {
            "code": f.code,
            "name": f.name,
            "category": f.category,
            "severity": f.severity,
            "message": f.message,
            "missing": f.missing or None,
            "location": location_to_dict(f.location),
            "excerpt": f.excerpt,
            "suggestion": f.suggestion,
            "anchor": f.anchor,
            "searched": list(f.searched),
            "related": [location_to_dict(r) for r in f.related],
            "doc_url": f.doc_url,
        }
    )

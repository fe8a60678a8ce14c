"""Plain-text and Markdown contracts: paragraphs from blank lines, with line numbers kept."""

from __future__ import annotations

import codecs
from dataclasses import replace

import regex

from contractlint.errors import LimitExceededError
from contractlint.extract.build import BlockDraft, assemble, make_source
from contractlint.extract.limits import Limits
from contractlint.model import BlockKind, Comment, Document, ExtractionWarning

__all__ = ["decode_text", "extract_text"]

# A line that starts a new paragraph even without a blank line before it: a typed clause number,
# a heading keyword, or a Markdown heading or list item.
_STARTS_BLOCK = regex.compile(
    r"""^\s{0,8}(?:
        \#{1,6}\s
      | [-*+]\s
      | \d{1,3}(?:\.\d{1,3}){0,4}\.?\s
      | \((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)\s
      | (?:ARTICLE|Article|SECTION|Section|SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix)\s
      | §\s?\d
    )""",
    regex.VERBOSE,
)
_MD_HEADING = regex.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = regex.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_LONG_LINE = 120
_DIRECTIVE = regex.compile(r"^\s*<!--\s*(contractlint\s*:.*?)\s*-->\s*$", regex.IGNORECASE)
"""A suppression line (docs/suppression.md): an HTML comment, which Markdown hides and no contract
contains by accident. It is not contract text, so it is left out of the blocks."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM, falling back to cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


_PAGE_MARKER = regex.compile(
    r"^\s*(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|-\s*\d{1,4}\s*-|\d{1,3})\s*$", regex.I
)
_ENDS_SENTENCE = regex.compile(r"[.:;!?\"')\]\u201d]\s*$")
_STARTS_LOWER = regex.compile(r"^\s*\p{Ll}")
_RUNS_ON = regex.compile(
    r"(?:,|\b(?:a|an|the|its|their|his|her|of|to|and|or|for|in|on|by|with|from|that|which|shall|will|may))\s*$",
    regex.I,
)


def _page_breaks(lines: list[str]) -> tuple[list[str], set[int]]:
    """Page numbers that a PDF-to-text conversion left on lines of their own ("Page 6", "- 6 -", "6"),
    and the blank lines to skip where a sentence runs on over the page break.

    The page-number lines are blanked (their text is returned for ``Document.removed_lines``); where the
    paragraph before the break does not end a sentence and the one after starts in lower case, the blank
    lines between them do not end the paragraph.
    """
    removed: list[str] = []
    markers: set[int] = set()
    n = len(lines)
    for i, line in enumerate(lines):
        if (
            _PAGE_MARKER.match(line)
            and (i == 0 or not lines[i - 1].strip())
            and (i + 1 == n or not lines[i + 1].strip())
        ):
            removed.append(line.strip())
            markers.add(i)
            lines[i] = ""
    skip: set[int] = set()
    if not removed:
        return removed, skip
    i = 0
    while i < n:
        if lines[i].strip():
            i += 1
            continue
        j = i
        while j < n and not lines[j].strip():
            j += 1
        runs_on = i > 0 and j < n and not _ENDS_SENTENCE.search(lines[i - 1])
        if runs_on and markers.intersection(range(i, j)) and (
            _STARTS_LOWER.match(lines[j]) or _RUNS_ON.search(lines[i - 1])
        ):
            skip.update(range(i, j))
        i = j
    return removed, skip


def _paragraphs(lines: list[str], skip: set[int] | None = None) -> list[tuple[int, int]]:
    """Group line indices into paragraphs: ``(first, last)`` inclusive, 0-based. Blank lines in
    ``skip`` (a page break inside a sentence) do not end a paragraph."""
    groups: list[tuple[int, int]] = []
    start: int | None = None
    skip = skip or set()
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if not line.strip():
            if start is not None:
                groups.append((start, i - 1))
                start = None
            continue
        if start is None:
            start = i
            continue
        prev = lines[i - 1] if i - 1 not in skip else ""
        # Unwrapped text (one paragraph per long line) and typed clause numbers start new blocks.
        if len(prev) >= _LONG_LINE or _STARTS_BLOCK.match(line) or _MD_HEADING.match(prev):
            groups.append((start, i - 1))
            start = i
    if start is not None:
        groups.append((start, len(lines) - 1))
    return groups


def extract_text(
    data: bytes, *, name: str, path: str | None, markdown: bool, limits: Limits
) -> Document:
    """Read a text or Markdown contract. Lines keep their 1-based numbers in each block's location."""
    text, encoding = decode_text(data)
    if len(text) > limits.max_chars:
        raise LimitExceededError(
            path or name,
            f"{len(text):,} characters, over the {limits.max_chars:,}-character limit",
            "raise it with --max-chars",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    directives: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if "<!--" in line and (m := _DIRECTIVE.match(line)):
            directives.append((i + 1, m.group(1)))
            lines[i] = ""
    drafts: list[BlockDraft] = []
    removed, skip = _page_breaks(lines)
    for first, last in _paragraphs(lines, skip):
        chunk = [ln.rstrip() for k, ln in enumerate(lines[first : last + 1], first) if k not in skip]
        indent = min(len(ln) - len(ln.lstrip()) for ln in chunk if ln.strip())
        body = "\n".join(ln[indent:] if len(ln) >= indent else ln.lstrip() for ln in chunk)
        kind: BlockKind = "paragraph"
        text_start = 0
        heading = _MD_HEADING.match(body) if markdown and first == last else None
        if heading:
            kind = "heading"
        elif markdown and _MD_LIST.match(body):
            kind = "list_item"
        emphasis = first == last and len(body) < 100 and body.isupper()
        drafts.append(
            BlockDraft(
                kind=kind,
                text=body,
                text_start=text_start,
                emphasis=emphasis,
                line=first + 1,
                end_line=last + 1,
            )
        )
    warnings: list[ExtractionWarning] = []
    if encoding == "cp1252":
        warnings.append(
            ExtractionWarning(
                "text-encoding",
                "the file is not valid UTF-8; it was read as Windows-1252",
            )
        )
    source = make_source(
        data,
        name=name,
        format="markdown" if markdown else "text",
        path=path,
        extractor="text",
    )
    document = assemble(source, drafts, warnings=warnings, removed_lines=sorted(set(removed)))
    if not directives:
        return document
    return replace(document, comments=tuple(_directive(document, n, t) for n, t in directives))


def _directive(document: Document, line: int, text: str) -> Comment:
    """A directive line covers the block after it (the suppression code widens that to the clause the
    block opens)."""
    for block in document.blocks:
        if (block.location.line or 0) > line:
            return Comment(text, block.location.start, block.location.end, id=str(line))
    end = len(document.text)
    return Comment(text, end, end, id=str(line))

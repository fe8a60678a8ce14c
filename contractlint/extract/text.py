"""Plain-text and Markdown contracts: paragraphs from blank lines, with line numbers kept."""

from __future__ import annotations

import codecs

import regex

from contractlint.errors import LimitExceededError
from contractlint.extract.build import BlockDraft, assemble, make_source
from contractlint.extract.limits import Limits
from contractlint.model import BlockKind, Document, ExtractionWarning

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


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """Group line indices into paragraphs: ``(first, last)`` inclusive, 0-based."""
    groups: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            if start is not None:
                groups.append((start, i - 1))
                start = None
            continue
        if start is None:
            start = i
            continue
        prev = lines[i - 1]
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
    drafts: list[BlockDraft] = []
    for first, last in _paragraphs(lines):
        chunk = [ln.rstrip() for ln in lines[first : last + 1]]
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
    return assemble(source, drafts, warnings=warnings)

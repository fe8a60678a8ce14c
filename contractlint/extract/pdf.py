"""PDF contracts: two text engines behind one layout pipeline.

An engine (``pdf_pdfium`` or ``pdf_plumber``) only reads pages of lines with their boxes. Everything a
reviewer can see in the result -- which running headers were dropped, where paragraphs start, how a word
hyphenated across a line break is rejoined -- is decided here, once, so both engines agree.

Coordinates: ``(x0, top, x1, bottom)`` in points from the top-left corner of the page's MediaBox as
displayed (rotation applied), which is pdfplumber's convention for the usual MediaBox at the origin.
"""

from __future__ import annotations

import io
import re
import statistics
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from contractlint.errors import LimitExceededError
from contractlint.extract.build import BlockDraft, assemble, make_source
from contractlint.extract.limits import Limits
from contractlint.model import BBox, BlockKind, Document, ExtractionWarning

__all__ = ["PdfLine", "PdfPage", "extract_pdf"]

Engine = Literal["pdfium", "pdfplumber"]

ENCRYPTED_FIX = "remove the password (e.g. 'qpdf --decrypt in.pdf out.pdf') and lint the copy"
CORRUPT_FIX = "ask for a new copy, or re-save it with a PDF viewer"


@dataclass(slots=True)
class PdfLine:
    """One visual line as an engine reads it."""

    text: str
    bbox: BBox
    size: float | None = None
    bold: bool = False


@dataclass(slots=True)
class PdfPage:
    number: int
    """1-based."""
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    has_images: bool = False


class CharBudget:
    """Counts extracted characters as pages arrive, so a huge file fails before it is all read."""

    def __init__(self, label: str, limits: Limits) -> None:
        self.label = label
        self.limit = limits.max_chars
        self.used = 0

    def add(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise LimitExceededError(
                self.label,
                f"over {self.limit:,} characters of text",
                "raise it with --max-chars",
            )


def check_page_count(label: str, count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise LimitExceededError(
            label,
            f"{count:,} pages, over the {limits.max_pages:,}-page limit",
            "raise it with --max-pages",
        )


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_CHUNK = 1 << 16


def check_streams(data: bytes, label: str, limits: Limits) -> None:
    """Refuse a PDF whose compressed streams inflate past ``--max-decompressed-size``.

    Both engines inflate a whole stream in memory before reading it, so a 1 MB file holding a 1 GB
    FlateDecode stream (a "PDF bomb") would cost gigabytes. Each stream is inflated here in 64 kB
    pieces and only counted. Streams that are not zlib data (images) fail at their first bytes and are
    left to the engine. The streams of an encrypted file that opens without a password (an owner
    password only) are decrypted first: the engines would open it, so the bomb would go off there.
    """
    budget = _InflateBudget(label, limits.max_decompressed_size)
    for match in _STREAM.finditer(data):
        budget.inflate(data, match.end())
    if _ENCRYPT.search(data) is not None:
        _check_encrypted_streams(data, budget)


_ENCRYPT = re.compile(rb"/Encrypt\b")


class _InflateBudget:
    """Counts the bytes that zlib streams unpack to, across a file, without keeping them."""

    def __init__(self, label: str, limit: int) -> None:
        self.label = label
        self.limit = limit
        self.total = 0

    def inflate(self, data: bytes, pos: int) -> None:
        inflater = zlib.decompressobj()
        pending = data[pos : pos + _INFLATE_CHUNK]
        pos += _INFLATE_CHUNK
        while pending:
            try:
                out = inflater.decompress(pending, _INFLATE_CHUNK)
            except zlib.error:
                return
            self.total += len(out)
            if self.total > self.limit:
                raise LimitExceededError(
                    self.label,
                    f"its compressed streams unpack to more than {self.limit:,} bytes "
                    "(the --max-decompressed-size limit), as a PDF bomb would",
                    "raise it with --max-decompressed-size only if you trust the file",
                )
            if inflater.eof:
                return
            pending = inflater.unconsumed_tail
            if not pending:
                pending = data[pos : pos + _INFLATE_CHUNK]
                pos += _INFLATE_CHUNK


def _check_encrypted_streams(data: bytes, budget: _InflateBudget) -> None:
    """Decrypt each stream of an encrypted PDF that opens with the empty password (pypdf decrypts a
    stream's raw bytes without decoding them) and count what it inflates to. A file that needs a
    password, or that pypdf cannot parse, is left to the engine, which refuses or repairs it."""
    import pypdf
    from pypdf.generic import StreamObject

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if not reader.is_encrypted or not reader.decrypt(""):
            return
        numbers = sorted({(num, gen) for gen, objects in reader.xref.items() for num in objects})
    except Exception:  # pypdf's parse errors are not one hierarchy: the engine decides
        return
    for num, gen in numbers:
        try:
            obj = reader.get_object(pypdf.generic.IndirectObject(num, gen, reader))
        except Exception:  # one unreadable object is the engine's to judge
            continue
        if isinstance(obj, StreamObject):
            raw = obj._data  # decrypted, still encoded: get_data() would inflate it whole
            if isinstance(raw, bytes):
                budget.inflate(raw, 0)


def clean_line(text: str) -> str:
    """Collapse whitespace (pdfium's generated spaces, no-break spaces) into single spaces."""
    return " ".join(text.split())


# --- running headers, footers and page numbers ---------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?
      | (?:page|pg\.?|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
      | \d{1,4}\s*(?:of|/)\s*\d{1,4}
      | \d{1,4}\s*\|\s*page
      | [-–—]?\s*[ivxlc]{1,6}\s*[-–—]?
      | [A-Z]{1,2}-\d{1,3}
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_MARGIN_LINES = 3
"""How many lines at the top and at the bottom of a page may be running headers or footers."""
_MARGIN_SHARE = 0.15
"""A bare page number must also sit in the outer 15% of the page."""
_ANYWHERE_KEY = 12
"""A running line this long (normalised) is removed wherever it sits on a page, not only at the
edges: pages converted from HTML often carry the page's footer in mid-page, above a table."""


def _margin_key(text: str) -> str:
    """The line without digits, case or spacing: "Page 3 of 10" and "2008 Report" recur as one."""
    return " ".join(re.sub(r"\d+", " ", text.lower()).split())


def _numbered_label(text: str) -> bool:
    """A page number with words around it ("Page 3 of 10", "3 | Page"): distinctive anywhere."""
    return _PAGE_NUMBER.match(text) is not None and re.search("[A-Za-z]{2}", text) is not None


def _edge_lines(page: PdfPage) -> list[int]:
    """Indices of the lines nearest the top and the bottom of the page."""
    by_top = sorted(range(len(page.lines)), key=lambda i: page.lines[i].bbox[1])
    return sorted(set(by_top[:_MARGIN_LINES]) | set(by_top[-_MARGIN_LINES:]))


def _in_margin(line: PdfLine, page: PdfPage) -> bool:
    top, bottom = line.bbox[1], line.bbox[3]
    return bottom <= page.height * _MARGIN_SHARE or top >= page.height * (1 - _MARGIN_SHARE)


def remove_running_lines(pages: list[PdfPage]) -> list[str]:
    """Drop running headers, footers and page numbers; return the distinct removed lines, in order.

    A running line is one of the three lines nearest the top or the bottom of a page whose text,
    without its digits (so "Page 3 of 10" matches "Page 4 of 10"), recurs in those positions on at
    least two pages and on at least half of the pages with text, and never more than twice on a
    page (signature blocks repeat "By: ____"). Such a line is also removed
    elsewhere on a page when its normalised text is long enough to be unambiguous, and a labelled
    page number ("Page 3 of 110") counts wherever it sits, as HTML-converted filings misplace it. A
    page number ("3", "- 3 -", "Page 3", "3 of 10", "iv") in the outer margin of a page is removed
    when that form recurs on two pages, or when the document has one page.
    """
    text_pages = [p for p in pages if p.lines]
    edges = {p.number: set(_edge_lines(p)) for p in text_pages}
    seen: Counter[str] = Counter()
    repeated: set[str] = set()
    for page in text_pages:
        keys = {_margin_key(page.lines[i].text) for i in edges[page.number]}
        keys.update(_margin_key(ln.text) for ln in page.lines if _numbered_label(ln.text))
        seen.update(keys)
        per_page = Counter(_margin_key(ln.text) for ln in page.lines)
        repeated.update(k for k, n in per_page.items() if n > 2)
    for key in repeated:  # a header shows once a page; "By: ___ Date:" on signature pages repeats
        seen.pop(key, None)
    threshold = max(2, (len(text_pages) + 1) // 2)
    removed: dict[str, None] = {}
    for page in text_pages:
        drop = set()
        for i, line in enumerate(page.lines):
            key = _margin_key(line.text)
            anywhere = len(key) >= _ANYWHERE_KEY or _numbered_label(line.text)
            running = seen[key] >= threshold and (i in edges[page.number] or anywhere)
            page_number = (
                i in edges[page.number]
                and _PAGE_NUMBER.match(line.text) is not None
                and _in_margin(line, page)
                and (seen[key] >= 2 or len(text_pages) == 1)
            )
            if running or page_number:
                drop.add(i)
        if drop:
            for i in sorted(drop):
                removed.setdefault(page.lines[i].text, None)
            page.lines = [ln for i, ln in enumerate(page.lines) if i not in drop]
    return list(removed)


# --- paragraphs ----------------------------------------------------------------------------------

_CLAUSE_START = re.compile(
    r"""^(?:
        \d{1,3}\.(?:\d{1,3}\.?){0,4}(?:\s|$)
      | \d{1,3}\)\s
      | \((?:[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|\d{1,3})\)(?:\s|$)
      | (?:ARTICLE|Article|SECTION|Section|SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex
         |APPENDIX|Appendix|CLAUSE|Clause)\s+[\dIVXLC]
      | §\s?\d
      | [A-Z]\.\s
      | [•●◦○▪·∙–-]\s
    )""",
    re.VERBOSE,
)
_SENTENCE_END = re.compile(r"""[.:;!?](?:["'”’)\]]{0,2})$""")
_CONTINUES = re.compile(r"(?:[,\-–(]|\b(?:and|or|the|of|to|in|a|an|by|for|with|under))$")
_LIST_JOIN = re.compile(r"(?:[,;:]|\b(?:and|or))$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_KEEP_HYPHEN_PREFIXES = frozenset(
    {
        "non", "co", "self", "anti", "pre", "post", "multi", "sub", "cross", "well", "third", "ex",
        "inter", "intra", "pro", "quasi", "semi", "pan", "counter", "over", "under",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    }
)  # fmt: skip
_HYPHENS = ("-", "\ufffe", "\xad", "\u2010", "\u2011")


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(slots=True)
class _Metrics:
    height: float
    pitch: float
    right: dict[int, float]
    left: dict[int, float]


def _metrics(pages: list[PdfPage]) -> _Metrics:
    heights = [ln.bbox[3] - ln.bbox[1] for p in pages for ln in p.lines]
    height = statistics.median(heights) if heights else 12.0
    pitches = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            d = b.bbox[1] - a.bbox[1]
            if 0.5 * height < d < 3 * height:
                pitches.append(d)
    pitch = statistics.median(pitches) if pitches else 1.2 * height
    all_right = sorted(ln.bbox[2] for p in pages for ln in p.lines)
    default_right = all_right[int(0.9 * (len(all_right) - 1))] if all_right else 0.0
    right, left = {}, {}
    for page in pages:
        xs = sorted(ln.bbox[2] for ln in page.lines)
        right[page.number] = xs[int(0.9 * (len(xs) - 1))] if len(xs) >= 5 else default_right
        x0s = sorted(ln.bbox[0] for ln in page.lines)
        left[page.number] = x0s[int(0.1 * (len(x0s) - 1))] if x0s else 0.0
    return _Metrics(height, pitch, right, left)


@dataclass(slots=True)
class _Piece:
    line: PdfLine
    page: int


@dataclass(slots=True)
class _Para:
    pieces: list[_Piece] = field(default_factory=list)


class _Hyphenation:
    """Decides whether ``termi-`` + ``nation`` is one word, using the document's own vocabulary.

    Applies only when a line ends with a hyphen after a letter and the next line starts with a
    lower-case letter. Then, in order: the joined word occurs elsewhere in the document -> join; the
    hyphenated form does, or the first part is already a compound (``out-of-``) -> keep the hyphen;
    the first part is a prefix that usually takes one (``non-``, ``self-``, ``third-``) -> keep;
    both parts are words the document uses on their own (``then-`` + ``current``) -> keep; otherwise
    join. A soft hyphen (U+00AD) always joins.
    """

    def __init__(self, pages: list[PdfPage]) -> None:
        words: set[str] = set()
        for page in pages:
            for ln in page.lines:
                text = ln.text.lower()
                if text.endswith(_HYPHENS):  # "termi-" is a fragment, not a word
                    text = text.rsplit(" ", 1)[0] if " " in text else ""
                for w in _WORD.findall(text):
                    words.add(w)
                    if "-" in w:
                        words.update(w.split("-"))
        self.words = words

    def join(self, first: str, second: str) -> tuple[bool, bool]:
        """``(is_hyphen_break, keep_hyphen)`` for a line ending ``first`` and the next ``second``."""
        if len(first) < 2 or first[-1] not in _HYPHENS or not first[-2].isalpha():
            return False, False
        if not second or not second[0].islower():
            return False, False
        if first[-1] == "\xad":
            return True, False
        head = _WORD.findall(first[:-1].lower())
        tail = _WORD.findall(second.lower())
        if not head or not tail:
            return True, True
        compound = head[-1]
        a = compound.rsplit("-", 1)[-1]
        b = tail[0].split("-", 1)[0]
        if a + b in self.words:
            return True, False
        if f"{compound}-{b}" in self.words or "-" in compound or a in _KEEP_HYPHEN_PREFIXES:
            return True, True
        if len(a) > 1 and a in self.words and b in self.words:
            return True, True
        return True, False


def _starts_new(prev: PdfLine, line: PdfLine, page: int, m: _Metrics) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` on the same page."""
    dtop = line.bbox[1] - prev.bbox[1]
    if dtop < -0.5 * m.height:  # moved up: a new column or a float
        return True
    if abs(dtop) <= 0.3 * m.height:  # the same row, read as two pieces
        return False
    if dtop > 1.3 * m.pitch + 0.5:
        return True
    text, ptext = line.text, prev.text
    if prev.size and line.size and abs(prev.size - line.size) > 1.0:
        return True
    width = max(m.right[page] - m.left[page], 1.0)
    short = prev.bbox[2] < m.right[page] - max(0.12 * width, 30.0)
    sentence = ends_sentence(ptext)
    if short and (sentence or not text[0].islower()):
        return True
    if _CLAUSE_START.match(text) and (sentence or short or _LIST_JOIN.search(ptext)):
        return True
    if line.bbox[0] > prev.bbox[0] + 6 and sentence:  # first-line indent
        return True
    if prev.bbox[0] > m.left[page] + 0.25 * width and line.bbox[0] < prev.bbox[0] - 0.25 * width:
        return True  # a centred or right-aligned line, then one at the margin
    heading = short and (prev.bold or _is_caps(ptext))
    return heading


def _continues_across_pages(prev: PdfLine, line: PdfLine) -> bool:
    if ends_sentence(prev.text) or _CLAUSE_START.match(line.text):
        return False
    return line.text[0].islower() or _CONTINUES.search(prev.text) is not None


def build_paragraphs(pages: list[PdfPage]) -> list[_Para]:
    m = _metrics(pages)
    paras: list[_Para] = []
    prev: _Piece | None = None
    for page in pages:
        for line in page.lines:
            if prev is None:
                new = True
            elif prev.page != page.number:
                new = not _continues_across_pages(prev.line, line)
            else:
                new = _starts_new(prev.line, line, page.number, m)
            if new:
                paras.append(_Para())
            piece = _Piece(line, page.number)
            paras[-1].pieces.append(piece)
            prev = piece
    return paras


def _draft(para: _Para, hyph: _Hyphenation) -> BlockDraft:
    parts: list[str] = []
    boxes: list[tuple[int, int, int, BBox]] = []
    pos = 0
    pieces = para.pieces
    for i, piece in enumerate(pieces):
        text = piece.line.text.replace("\ufffe", "-")
        glue = " "
        if i + 1 < len(pieces):
            is_break, keep = hyph.join(piece.line.text, pieces[i + 1].line.text)
            if is_break:
                glue = ""
                if not keep:
                    text = text[:-1]
                elif text[-1] != "-":
                    text = text[:-1] + "-"
        else:
            glue = ""
        boxes.append((pos, pos + len(text), piece.page, piece.line.bbox))
        parts.append(text + glue)
        pos += len(text) + len(glue)
    body = "".join(parts)
    lines = [p.line for p in pieces]
    caps = _is_caps(body) and len(body) <= 120
    emphasis = caps or all(ln.bold for ln in lines)
    kind: BlockKind = "paragraph"
    if (
        emphasis
        and len(pieces) <= 2
        and len(body) <= 100
        and not body.endswith((",", ";"))
        and not body[0].islower()
    ):
        kind = "heading"
    return BlockDraft(kind=kind, text=body, emphasis=emphasis, page=pieces[0].page, boxes=boxes)


# --- entry point ---------------------------------------------------------------------------------


def _no_text_warning(pages: list[PdfPage], page_count: int) -> ExtractionWarning | None:
    if page_count and not any(p.lines for p in pages):
        numbers = [p.number for p in pages]
    else:
        numbers = [p.number for p in pages if not p.lines and p.has_images]
    if not numbers:
        return None
    listed = ", ".join(str(n) for n in numbers[:20]) + (", ..." if len(numbers) > 20 else "")
    return ExtractionWarning(
        code="no-text-layer",
        message=(
            f"{len(numbers)} of {page_count} pages have no text layer (scanned images?): "
            f"pages {listed}; run OCR (e.g. 'ocrmypdf in.pdf out.pdf') and lint the result"
        ),
        count=len(numbers),
        details=tuple(f"page {n}" for n in numbers),
    )


def layout(pages: list[PdfPage]) -> tuple[list[BlockDraft], list[str]]:
    """The shared steps: drop running lines, build paragraphs, rejoin hyphenated words."""
    removed = remove_running_lines(pages)
    hyph = _Hyphenation(pages)
    drafts = [_draft(p, hyph) for p in build_paragraphs(pages)]
    per_page: Counter[int] = Counter()
    for d in drafts:
        if d.page is not None:
            per_page[d.page] += 1
            d.paragraph_on_page = per_page[d.page]
    return drafts, removed


def extract_pdf(data: bytes, *, name: str, path: str | None, engine: Engine, limits: Limits) -> Document:
    """Read a PDF contract with ``engine`` (``pdfium``, the fast default, or ``pdfplumber``)."""
    label = path or name
    reader: Callable[[bytes, str, Limits], tuple[int, list[PdfPage]]]
    if engine == "pdfium":
        from contractlint.extract.pdf_pdfium import read_pages as reader
    elif engine == "pdfplumber":
        from contractlint.extract.pdf_plumber import read_pages as reader
    else:
        raise ValueError(f"unknown PDF engine {engine!r}")
    check_streams(data, label, limits)
    page_count, pages = reader(data, label, limits)
    drafts, removed = layout(pages)
    warnings: list[ExtractionWarning] = []
    warning = _no_text_warning(pages, page_count)
    if warning is not None:
        warnings.append(warning)
    source = make_source(data, name=name, format="pdf", path=path, page_count=page_count, extractor=engine)
    return assemble(source, drafts, warnings=warnings, removed_lines=removed)

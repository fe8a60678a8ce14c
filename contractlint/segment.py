"""The clause tree: which numbered or headed part of the contract each block belongs to.

Rules need to say "clause 7.2(a)" and to look inside "the termination clause"; both need the tree a
reader sees. It is built in one pass over the blocks with a stack of open clauses, keyed by numbering
style: a number whose style is already open closes back to it (a sibling), a new style opens a child,
dotted numbers nest by depth ("1.2" after "1.1.3" returns to depth 2), keyword parts (ARTICLE, Schedule,
Exhibit) nest by rank, and headings by their level.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from contractlint.extract.numbers import (
    KEYWORD_STYLES,
    TypedNumber,
    classify_number,
    parse_typed_number,
    roman_value,
    run_in_title,
)
from contractlint.model import Block, Clause, Document

__all__ = ["ClauseTree", "segment"]

_SCHEDULE_FAMILY = frozenset({"schedule", "exhibit", "annex", "appendix", "attachment"})
_KEYWORD_RANK = {
    "schedule": 0,
    "exhibit": 0,
    "annex": 0,
    "appendix": 0,
    "attachment": 0,
    "part": 1,
    "article": 2,
    "section": 3,
    "clause": 3,
}
_KEYWORD_WORD = {
    "schedule": "Schedule",
    "exhibit": "Exhibit",
    "annex": "Annex",
    "appendix": "Appendix",
    "attachment": "Attachment",
    "part": "Part",
    "article": "Article",
    "section": "Section",
    "clause": "Clause",
}
_MD_PREFIX = regex.compile(r"[ \t]{0,3}(?P<hashes>#{1,6})[ \t]+|[ \t]*(?:\*\*|__)(?=\S)")
_MD_H1 = regex.compile(r"[ \t]{0,3}#[ \t]+\S")
_HEADING_STYLE = regex.compile(r"^(?:heading|überschrift|titre|titolo)\s*(?P<n>\d)$", regex.I)
_CITE_PREFIX = regex.compile(r"^(?:section|clause|paragraph|para\.?|§+)\s*", regex.I)
_MAX_HEADING_CHARS = 100
_MAX_HEADING_WORDS = 14


@dataclass(slots=True, eq=False)
class _Node:
    """A clause under construction (mutable; frozen into ``Clause`` at the end)."""

    number: str | None
    ref: str | None
    title: str | None
    start: int
    blocks: list[int]
    kind: str  # "keyword", "decimal", "list", "heading", "emphasis", "doc-title"
    key: tuple[str, ...] = ()
    style: str = ""
    label: str = ""
    value: int = 0
    depth: int = 1
    rank: int = 0
    heading_rank: int | None = None
    awaiting_title: bool = False
    children: list[_Node] = field(default_factory=list)
    strict: bool = False
    """Reopen ``suspended`` only for a sub-clause ("7.1" after "7."), not for a next sibling."""
    suspended: list[_Node] = field(default_factory=list)
    """Numbered clauses an emphasis heading closed; reopened when the numbering simply continues."""


_TRAILING_ZEROS = regex.compile(r"(?:\.0+)+$")
_SPACES = regex.compile(r"\s+")


def _stem(label: str) -> str:
    """ "1.0" and "2.00" are how some contracts write top-level 1 and 2."""
    if ".0" not in label:
        return label  # nothing to strip: no regex call (this runs for every decimal clause)
    return str(_TRAILING_ZEROS.sub("", label)) or label


def _norm(ref: str) -> str:
    return str(_SPACES.sub("", ref.replace("§", "section ").casefold())).rstrip(".")


@dataclass(frozen=True, slots=True)
class ClauseTree:
    """The clauses of one Document, with look-ups by citation and by offset."""

    clauses: tuple[Clause, ...]
    document: Document = field(repr=False, compare=False)
    _index: dict[str, Clause] = field(default_factory=dict, repr=False, compare=False)
    _owners: tuple[Clause | None, ...] = field(default=(), repr=False, compare=False)

    def walk(self) -> Iterator[Clause]:
        """Every clause, in document order (parents before children)."""
        for clause in self.clauses:
            yield from clause.walk()

    def find(self, ref: str) -> Clause | None:
        """The first clause cited as ``ref`` ("14.3", "7.2(a)", "Schedule 4", "article iv")."""
        key = _norm(ref)
        hit = self._index.get(key)
        if hit is None:
            bare = _CITE_PREFIX.sub("", ref.strip())
            if bare != ref.strip():
                hit = self._index.get(_norm(bare))
        return hit

    def clause_at(self, offset: int) -> Clause | None:
        """The innermost clause holding ``offset`` of ``Document.text`` (None in the preamble)."""
        i = self.document.block_index_at(offset)
        if i is None or i >= len(self._owners):
            return None
        clause = self._owners[i]
        if clause is None:
            return None
        descended = True
        while descended:
            descended = False
            for child in clause.children:
                if child.location.start <= offset < child.location.end:
                    clause, descended = child, True
                    break
        return clause

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (no boxes: a clause's location is summarised by its range)."""
        return {"clauses": [self._clause_dict(c) for c in self.clauses]}

    def _clause_dict(self, clause: Clause) -> dict[str, Any]:
        loc = clause.location
        last = self.document.block_at(max(loc.start, loc.end - 1))
        pages = loc.pages
        return {
            "ref": clause.ref,
            "number": clause.number,
            "title": clause.title,
            "level": clause.level,
            "blocks": list(clause.blocks),
            "location": {
                "start": loc.start,
                "end": loc.end,
                "page": loc.page,
                "end_page": pages[-1] if pages else loc.page,
                "paragraph": loc.paragraph,
                "end_paragraph": None if last is None else last.location.paragraph,
                "line": loc.line,
                "end_line": loc.end_line,
            },
            "children": [self._clause_dict(c) for c in clause.children],
        }


def _heading_rank(block: Block, content_start: int, md_level: int | None) -> int | None:
    """The heading level a source states: Markdown ``#`` count, Word "Heading N", a title."""
    if md_level is not None:
        return md_level
    if block.style:
        style = block.style.strip()
        m = _HEADING_STYLE.match(style) if style[-1:].isdigit() else None  # "Heading 2" ends in its level
        if m:
            return int(m.group("n"))
        if style.lower() in ("title", "subtitle"):
            return 0
    if block.kind == "title":
        return 0
    return None


def _looks_like_heading(text: str) -> bool:
    """A short line that reads as a heading: not a sentence, not a list item's clause text."""
    line = text.strip()
    if not line or "\n" in line or len(line) > _MAX_HEADING_CHARS:
        return False
    words = line.split()
    if len(words) > _MAX_HEADING_WORDS or line.endswith((",", ";")):
        return False
    if line.endswith(".") and len(words) > 6:
        return False
    return any(c.isalpha() for c in line)


_LABEL_VALUE = regex.compile(r"^[\w .&'’/-]{1,30}:\s*\S")


def _not_a_heading(text: str) -> bool:
    """Bold or capital lines that are not headings: a checkbox option, a {placeholder}, an address,
    "EMAIL: X", "Signature of Contract: 20% of fees"."""
    if text.startswith("[") or "{" in text or "@" in text or "://" in text:
        return True
    if _LABEL_VALUE.match(text):
        return True
    digits = sum(c.isdigit() for c in text)
    return digits > sum(c.isalpha() for c in text)


def _is_caps_line(text: str) -> bool:
    line = text.strip()
    if len(line) > _MAX_HEADING_CHARS or not line.isupper():
        return False  # cheap tests first: a whole contract can be one block
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and _looks_like_heading(line)


def _is_title_case_line(text: str) -> bool:
    line = text.strip().rstrip(".:")
    found = run_in_title(line, 0)
    return found is not None and found[0] == line and _looks_like_heading(line)


def _label_for(style: str, value: int) -> str | None:
    """The label of ``value`` in a letter or roman style, to recognise "(b)" following a run-in "(a)"."""
    if value < 1:
        return None
    if "roman" in style and "alpha" not in style:
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out, v = "", value
        for n, s in numerals:
            while v >= n:
                out, v = out + s, v - n
        return out.upper() if "upper" in style else out
    if "alpha" in style:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if "upper" in style else letter
    return str(value)


class _Builder:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []
        self.current: _Node | None = None
        self.owner: list[_Node | None] = [None] * len(document.blocks)
        self.seen_numbered = False
        # A Markdown file with one "# " heading uses it as the document's title, not as a part.
        self.single_h1 = document.source.format == "markdown" and (
            sum(1 for b in document.blocks if _MD_H1.match(b.text)) == 1
        )

    # -- placement -------------------------------------------------------------------------------

    def _attach(self, node: _Node, depth: int) -> None:
        """Truncate the stack to ``depth`` frames and push ``node`` as a child of the new top."""
        del self.stack[depth:]
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.roots.append(node)
        self.stack.append(node)
        self.current = node

    def _innermost(self, pred: Any) -> int | None:
        for j in range(len(self.stack) - 1, -1, -1):
            if pred(self.stack[j]):
                return j
        return None

    def _resolve_ambiguous(self, tn: TypedNumber, key_base: tuple[str, ...]) -> tuple[str, int]:
        """(i), (v), (x): a letter when it continues an open (h), (u), (w) list; otherwise roman."""
        style = tn.style
        if not style.endswith("roman-or-alpha"):
            return style, tn.value
        alpha = style.replace("roman-or-alpha", "alpha")
        roman = style.replace("roman-or-alpha", "roman")
        j = self._innermost(lambda n: n.key == (*key_base, alpha))
        if j is not None and self.stack[j].value == tn.value - 1:
            return alpha, tn.value
        return roman, roman_value(tn.label) or 1

    def _ref_base(self) -> str | None:
        for node in reversed(self.stack):
            if node.ref is not None:
                return node.ref
        return None

    def _schedule_prefix(self) -> str | None:
        for node in reversed(self.stack):
            if node.kind == "keyword" and node.style in _SCHEDULE_FAMILY:
                return node.ref
        return None

    def _restore_suspended(self, key: tuple[str, ...], label: str, value: int, depth: int) -> None:
        """An emphasis heading between "11." and "12." did not open a new group: reopen "11."."""
        if not self.stack or self.stack[-1].kind != "emphasis" or not self.stack[-1].suspended:
            return
        heading = self.stack[-1]
        for j, frame in enumerate(heading.suspended):
            if heading.strict:
                if frame.kind == "decimal" and label.startswith(_stem(frame.label) + "."):
                    # The heading was a stray line inside the clause: make it that clause's text.
                    self._drop_heading(heading, heading.suspended[: j + 1])
                    return
                continue
            if frame.key != key:
                continue
            continues = (
                frame.value + 1 == value
                if frame.kind != "decimal" or depth == 1
                else label.startswith(_stem(frame.label).rsplit(".", 1)[0] + ".")
            )
            if continues:
                self.stack.pop()
                self.stack.extend(heading.suspended[: j + 1])
                heading.suspended = []
                return
        heading.suspended = []

    def _drop_heading(self, heading: _Node, reopen: list[_Node]) -> None:
        self.stack.pop()
        siblings = self.stack[-1].children if self.stack else self.roots
        if siblings and siblings[-1] is heading:
            siblings.pop()
        target = reopen[-1]
        for i in heading.blocks:
            target.blocks.append(i)
            self.owner[i] = target
        target.children.extend(heading.children)
        self.stack.extend(reopen)
        heading.suspended = []

    def place_numbered(
        self, block: Block, tn: TypedNumber, auto: bool, offset: int, heading_rank: int | None
    ) -> _Node | None:
        """Open a clause for a number at ``offset``; None when the number cannot start a clause here."""
        key_base: tuple[str, ...] = ("auto", str(block.level), block.style or "") if auto else ("typed",)
        style, value = self._resolve_ambiguous(tn, key_base)
        key = (*key_base, style)
        if tn.style in KEYWORD_STYLES:
            kind = "keyword"
        elif style == "decimal":
            kind = "decimal"
        else:
            kind = "list"
        if self.stack and self.stack[-1].kind == "emphasis":
            self._restore_suspended(key, tn.label, value, tn.depth)
        label = tn.label
        node = _Node(
            number=tn.number,
            ref=None,
            title=tn.title,
            start=offset,
            blocks=[block.index],
            kind=kind,
            key=key,
            style=style,
            label=label,
            value=value,
            depth=tn.depth,
            heading_rank=heading_rank,
        )
        if kind == "keyword":
            rank = _KEYWORD_RANK[style] * 10 + (tn.depth if style in ("section", "clause") else 0)
            node.rank = rank
            j = len(self.stack)
            while j > 0 and not (self.stack[j - 1].kind == "keyword" and self.stack[j - 1].rank < rank):
                j -= 1
            word = _KEYWORD_WORD[style]
            node.ref = f"{word} {label}"
            del self.stack[j:]
            prefix = self._schedule_prefix()
            if prefix and style not in _SCHEDULE_FAMILY:
                node.ref = f"{prefix}, {node.ref}"
            self._attach(node, j)
            return node
        if heading_rank is not None:
            # A numbered heading ("## 2. Scope", Word "Heading 2"): its heading level places it.
            depth_at = self._heading_depth(heading_rank)
            del self.stack[depth_at:]
            node.ref = self._decimal_ref(label) if kind == "decimal" else self._list_ref(tn, style)
            self._attach(node, depth_at)
            return node
        if kind == "decimal" and not auto and "." not in tn.number and value != 1:
            # "340 Madison Avenue": a bare integer is a clause only when it continues "339".
            prev = self._innermost(lambda n: n.key == key and n.depth == 1 and n.value == value - 1)
            if prev is None:
                return None
        if kind == "decimal":
            stem = _stem(label)
            parent_label = stem.rsplit(".", 1)[0] if "." in stem else ""
            sibling = self._innermost(
                lambda n: (
                    n.key == key
                    and n.depth == tn.depth
                    and n.value == value - 1
                    and (_stem(n.label).rsplit(".", 1)[0] if "." in _stem(n.label) else "") == parent_label
                )
            )
            depth_at = len(self.stack)
            if sibling is not None:
                depth_at = sibling
            else:
                for j, frame in enumerate(self.stack):
                    if frame.key == key and not stem.startswith(_stem(frame.label) + "."):
                        depth_at = j
                        break
            if (
                sibling is None
                and depth_at < len(self.stack)
                and tn.depth == 1
                and value == 1
                and depth_at != len(self.stack) - 1
                and not auto
            ):
                depth_at = len(self.stack)  # "1." inside "(a)": a new list, not clause 1 again
            del self.stack[depth_at:]
            node.ref = self._decimal_ref(label)
            self._attach(node, depth_at)
            return node
        # Letter, roman and bracketed-number lists.
        j_same = self._innermost(lambda n: n.key == key)
        if j_same is None and not auto and value != 1:
            # A list starts at (a), (i), (1) unless its first item was run into the previous block.
            prev_label = _label_for(style, value - 1)
            prev_text = self.doc.blocks[block.index - 1].text if block.index > 0 else ""
            if prev_label is None or tn.number.replace(tn.label, prev_label, 1) not in prev_text:
                return None
        if j_same is None or (value == 1 and j_same != len(self.stack) - 1):
            depth_at = len(self.stack)
        else:
            depth_at = j_same
        del self.stack[depth_at:]
        node.ref = self._list_ref(tn, style)
        self._attach(node, depth_at)
        return node

    def _heading_depth(self, rank: int) -> int:
        """How many open frames stay open under a heading of level ``rank``."""
        j = len(self.stack)
        while j > 0:
            top = self.stack[j - 1]
            if top.heading_rank is not None and top.heading_rank < rank:
                break
            if top.kind == "keyword" and top.heading_rank is None:
                break
            j -= 1
        return j

    def _decimal_ref(self, label: str) -> str:
        """ "7.2" stands alone; a "1." list inside 2.2 or (a) is cited "2.2(1)"; in a schedule "Schedule
        1, 2"."""
        parent = next((n for n in reversed(self.stack) if n.kind in ("list", "decimal", "keyword")), None)
        if (
            parent is not None
            and parent.ref
            and (
                parent.kind == "list"
                or (parent.kind == "decimal" and not _stem(label).startswith(_stem(parent.label) + "."))
            )
        ):
            return f"{parent.ref}({label})"
        prefix = self._schedule_prefix()
        return f"{prefix}, {label}" if prefix else label

    def _list_ref(self, tn: TypedNumber, style: str) -> str:
        base = self._ref_base()
        if "paren" in style or tn.number.startswith("("):
            local = f"({tn.label})"
        else:
            local = f"({tn.label})" if base else tn.label
        return f"{base}{local}" if base else local

    def place_heading(self, block: Block, title: str, rank: int | None) -> None:
        """An unnumbered heading: a clause with a title and no number."""
        node = _Node(
            number=None,
            ref=None,
            title=title,
            start=block.location.start,
            blocks=[block.index],
            kind="heading" if rank is not None else "emphasis",
            heading_rank=rank,
        )
        if (
            not self.seen_numbered
            and not self.stack
            and (rank is None or rank == 0 or (rank == 1 and self.single_h1 and not self.roots))
            and not self._opens_list(block.index + 1, decimal=bool(self.roots))
        ):
            # Before the first clause, the document's title ("MASTER SERVICES AGREEMENT"), the exhibit
            # label and the parties' names are leaves holding the preamble, not parents of the contract.
            # "RECITALS" followed by "A." does open a part, as does "SERVICES" followed by "1." once
            # the title is behind us.
            node.kind = "doc-title"
            self.roots.append(node)
            self.current = node
            return
        if rank is not None:
            self._attach(node, self._heading_depth(rank))
            return
        # Emphasis heading: a sibling of an open emphasis heading, else a child of the innermost
        # keyword part or styled heading (closing the numbered clauses opened under it).
        boundary = self._innermost(lambda n: n.kind in ("keyword", "heading"))
        start = 0 if boundary is None else boundary + 1
        emph = self._innermost(lambda n: n.kind == "emphasis")
        if emph is not None and emph >= start:
            # "7. Notices" ... "EMAIL: X" ... "7.1": only a sub-clause of a closed clause reopens it.
            node.suspended = list(self.stack[emph + 1 :])
            node.strict = True
            self._attach(node, emph)
            return
        node.suspended = list(self.stack[start:])
        self._attach(node, start)

    def _opens_list(self, index: int, *, decimal: bool) -> bool:
        if index >= len(self.doc.blocks):
            return False
        nxt = parse_typed_number(self.doc.blocks[index].text)
        return (
            nxt is not None
            and nxt.style not in KEYWORD_STYLES
            and (decimal or nxt.style != "decimal")
            and (nxt.value == 1 or roman_value(nxt.label) == 1)
        )

    def add_body(self, block: Block) -> None:
        if self.current is not None:
            self.current.blocks.append(block.index)
            self.owner[block.index] = self.current

    # -- main loop -------------------------------------------------------------------------------

    def run(self) -> list[_Node]:
        file = self.doc.blocks[0].location.file if self.doc.blocks else None
        for block in self.doc.blocks:
            if block.location.file != file:
                # An agreement set (extract.combine): each file's clauses start a tree of their own.
                file = block.location.file
                self.stack.clear()
                self.current = None
                self.seen_numbered = False
            self.step(block)
        return self.roots

    def step(self, block: Block) -> None:
        text = block.text
        content = block.text_start
        md_level: int | None = None
        m = _MD_PREFIX.match(text, content)
        if m is not None:
            if m.group("hashes") and self.doc.source.format == "markdown":
                md_level = len(m.group("hashes"))
                content = m.end()
            elif not m.group("hashes"):
                content = m.end()
        heading_rank = _heading_rank(block, content, md_level)
        rest = text[content:].replace("**", "").replace("__", "").strip()
        emphasis_heading = (
            block.emphasis or _is_caps_line(rest) or block.kind in ("heading", "title")
        ) and _looks_like_heading(rest)
        if emphasis_heading and _not_a_heading(rest):
            emphasis_heading = False
        if (
            emphasis_heading
            and block.kind == "table_cell"
            and heading_rank is None
            and any(n.kind != "heading" and n.kind != "emphasis" for n in self.stack)
        ):
            emphasis_heading = False  # a bold column header in a table inside a numbered clause
        if emphasis_heading and heading_rank is None and self._continues_heading_cell(block):
            emphasis_heading = False  # a bold second line in the same table cell as a heading
        is_heading = heading_rank is not None or emphasis_heading

        # A bare "ARTICLE IV" or "1." waits for its title on the next line.
        waiting = self.current
        if waiting is not None and waiting.awaiting_title:
            waiting.awaiting_title = False
            unnumbered = block.number is None or block.number_source != "auto"
            if (
                unnumbered
                and _typed_number(block, content) is None
                and (is_heading or _is_title_case_line(rest))
                and _looks_like_heading(rest)
            ):
                waiting.title = rest.rstrip(".:").strip()
                waiting.blocks.append(block.index)
                self.owner[block.index] = waiting
                return

        auto = block.number is not None and block.number_source == "auto"
        tn: TypedNumber | None
        if auto:
            assert block.number is not None
            tn = classify_number(block.number)
            if tn is None:
                self.add_body(block)  # a bullet: part of the clause around it
                return
            body = text[block.text_start :].strip()
            found = run_in_title(text, block.text_start)
            title = found[0] if found else None
            if title is None and is_heading and _looks_like_heading(body) and body[-1:] != ".":
                title = body.rstrip(".:").strip() or None
            tn = dataclasses.replace(
                tn, title=title, body_start=block.text_start, start=0, end=block.text_start
            )
            offset = block.location.start
        else:
            tn = _typed_number(block, content)
            offset = block.location.start + (tn.start if tn else 0)
            if tn is not None and tn.title is None and is_heading:
                after = text[tn.end :].replace("**", "").strip().rstrip(".:").strip()
                if after and _looks_like_heading(after) and not text.rstrip().endswith("."):
                    tn = dataclasses.replace(tn, title=after, body_start=len(text))
        if tn is not None:
            node = self.place_numbered(block, tn, auto, offset, heading_rank)
            if node is not None:
                self.seen_numbered = True
                self.owner[block.index] = node
                remainder = text[tn.body_start :].strip()
                if node.title is None and not remainder:
                    node.awaiting_title = True
                elif remainder:
                    self._run_in_children(block, tn.body_start)
                return
        if is_heading and rest and len(rest) <= _MAX_HEADING_CHARS * 2:
            self.place_heading(block, rest.rstrip(":").strip(), heading_rank)
            self.owner[block.index] = self.current
            return
        self.add_body(block)

    def _continues_heading_cell(self, block: Block) -> bool:
        if block.kind != "table_cell" or block.index == 0 or self.current is None:
            return False
        prev = self.doc.blocks[block.index - 1]
        same_cell = (prev.location.table, prev.location.row, prev.location.cell) == (
            block.location.table,
            block.location.row,
            block.location.cell,
        )
        return same_cell and self.current.blocks[-1] == prev.index and self.current.number is None

    def _run_in_children(self, block: Block, pos: int) -> None:
        """ "1.1 Provision of Services. (a) Provider agrees ...": (a) is a clause of its own."""
        for _ in range(3):
            sub = parse_typed_number(block.text, pos)
            if sub is None or sub.style in KEYWORD_STYLES or sub.style == "decimal":
                return
            if roman_value(sub.label) != 1 and sub.value != 1:
                return
            node = self.place_numbered(block, sub, False, block.location.start + sub.start, None)
            if node is None:
                return
            pos = sub.body_start


def _typed_number(block: Block, pos: int) -> TypedNumber | None:
    """The number typed at ``pos``: the extractor's parse when it parsed the same place."""
    if block.typed_number is not None and pos == block.text_start:
        return block.typed_number
    return parse_typed_number(block.text, pos)


def _freeze(node: _Node, level: int, doc: Document) -> Clause:
    children = tuple(_freeze(c, level + 1, doc) for c in node.children)
    own_end = max(doc.blocks[i].location.end for i in node.blocks)
    end = max([own_end, *(c.location.end for c in children)])
    location = doc.locate(node.start, end, clause_number=node.number)
    # Document.text joins blocks with a blank line whatever the source had, so the last line is the
    # last block's own, not a count of newlines across blocks.
    last = doc.block_at(max(node.start, end - 1))
    if last is not None and last.location.end_line not in (None, location.end_line):
        location = dataclasses.replace(location, end_line=last.location.end_line)
    return Clause(
        number=node.number,
        ref=node.ref,
        title=node.title or None,
        level=level,
        blocks=tuple(dict.fromkeys(node.blocks)),
        location=location,
        children=children,
    )


def _owner_map(roots: tuple[Clause, ...], count: int) -> tuple[Clause | None, ...]:
    """For each block, the clause that lists it (the outer one when a run-in child shares it)."""
    owners: list[Clause | None] = [None] * count
    for root in roots:
        for clause in root.walk():
            for i in clause.blocks:
                if owners[i] is None:
                    owners[i] = clause
    return tuple(owners)


def segment(document: Document) -> ClauseTree:
    """Build the clause tree of ``document`` in one pass over its blocks."""
    roots = _Builder(document).run()
    clauses = tuple(_freeze(r, 0, document) for r in roots)
    index: dict[str, Clause] = {}
    for root in clauses:
        for clause in root.walk():
            if clause.ref:
                index.setdefault(_norm(clause.ref), clause)
    for root in clauses:
        for clause in root.walk():
            if clause.ref:
                bare = _CITE_PREFIX.sub("", clause.ref)
                if bare != clause.ref:
                    index.setdefault(_norm(bare), clause)
    return ClauseTree(
        clauses=clauses,
        document=document,
        _index=index,
        _owners=_owner_map(clauses, len(document.blocks)),
    )

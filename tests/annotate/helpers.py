"""Read back what an annotated DOCX holds: each comment's text and the text its range covers."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from contractlint.model import Document, Finding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class ReadComment:
    id: str
    author: str
    text: str
    anchored: str
    """Visible text (changes accepted) between the comment's range markers; paragraphs joined by a space."""


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _xml(data: bytes, name: str) -> etree._Element | None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if name not in zf.namelist():
            return None
        return etree.fromstring(zf.read(name))


def read_comments(data: bytes) -> list[ReadComment]:
    """Comments in id order, with the text each range covers (deleted text and field codes left out)."""
    body = _xml(data, "word/document.xml")
    comments = _xml(data, "word/comments.xml")
    if body is None or comments is None:
        return []
    open_ids: set[str] = set()
    covered: dict[str, list[str]] = {}
    for el in body.iter():
        tag = el.tag
        if tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id", ""))
            covered.setdefault(el.get(f"{W}id", ""), [])
        elif tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id", ""))
        elif tag == f"{W}t" and not any(a.tag in (f"{W}del", f"{W}moveFrom") for a in el.iterancestors()):
            for cid in open_ids:
                covered[cid].append(el.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}noBreakHyphen"):
            for cid in open_ids:
                covered[cid].append("-" if tag == f"{W}noBreakHyphen" else " ")
        elif tag == f"{W}p":
            for cid in open_ids:
                covered[cid].append(" ")
    out = []
    for c in comments.iter(f"{W}comment"):
        cid = c.get(f"{W}id", "")
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
        out.append(ReadComment(cid, c.get(f"{W}author", ""), text, normalise("".join(covered.get(cid, [])))))
    return out


def expected_anchor(document: Document, finding: Finding) -> str:
    """The finding's span as runs hold it: without automatic numbers, blocks joined by a space."""
    loc = finding.location
    parts = []
    for block in document.blocks_between(loc.start, loc.end):
        lo = max(loc.start, block.location.start + block.text_start)
        hi = min(loc.end, block.location.end)
        if lo < hi:
            parts.append(document.text[lo:hi])
    return normalise(" ".join(parts))

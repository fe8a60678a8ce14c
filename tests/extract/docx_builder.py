"""Build small DOCX fixtures with real WordprocessingML (numbering.xml definitions, styles, fields).

python-docx writes the package; paragraphs are written as raw ``w:p`` XML so a test can say exactly
which numbering, tracked change or field a paragraph carries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


@dataclass(frozen=True)
class Lvl:
    """One ``w:lvl`` of an abstract numbering definition."""

    ilvl: int
    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None
    suff: str | None = None

    def xml(self) -> str:
        parts = [f'<w:lvl w:ilvl="{self.ilvl}"><w:start w:val="{self.start}"/>']
        parts.append(f'<w:numFmt w:val="{self.fmt}"/>')
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.pstyle:
            parts.append(f'<w:pStyle w:val="{self.pstyle}"/>')
        if self.legal:
            parts.append("<w:isLgl/>")
        if self.suff:
            parts.append(f'<w:suff w:val="{self.suff}"/>')
        parts.append(f'<w:lvlText w:val="{self.text}"/><w:lvlJc w:val="left"/></w:lvl>')
        return "".join(parts)


CLAUSE_LEVELS = (
    Lvl(0, "decimal", "%1"),
    Lvl(1, "decimal", "%1.%2"),
    Lvl(2, "decimal", "%1.%2.%3"),
    Lvl(3, "lowerLetter", "(%4)"),
    Lvl(4, "lowerRoman", "(%5)"),
    Lvl(5, "upperLetter", "%6."),
)


def abstract_num(aid: int, levels: tuple[Lvl, ...] = CLAUSE_LEVELS, extra: str = "") -> str:
    body = "".join(lvl.xml() for lvl in levels)
    return (
        f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
        f"{extra}{body}</w:abstractNum>"
    )


def num(nid: int, aid: int, start_overrides: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text: str, rpr: str = "") -> str:
    """A run of text (``rpr``: inner XML of ``w:rPr``, e.g. ``<w:b/>``)."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def para(
    content: str = "",
    *,
    text: str | None = None,
    num_id: int | None = None,
    ilvl: int | None = None,
    style: str | None = None,
    ppr: str = "",
) -> str:
    """A ``w:p``: ``text`` as one plain run, or ``content`` as raw run-level XML."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num_id is not None or ilvl is not None:
        props += "<w:numPr>"
        if ilvl is not None:
            props += f'<w:ilvl w:val="{ilvl}"/>'
        if num_id is not None:
            props += f'<w:numId w:val="{num_id}"/>'
        props += "</w:numPr>"
    props += ppr
    body = run(text) if text is not None else content
    return f"<w:p><w:pPr>{props}</w:pPr>{body}</w:p>" if props else f"<w:p>{body}</w:p>"


def cell(*paragraphs: str, tcpr: str = "") -> str:
    inner = "".join(paragraphs) or "<w:p/>"
    props = f"<w:tcPr>{tcpr}</w:tcPr>" if tcpr else ""
    return f"<w:tc>{props}{inner}</w:tc>"


def table(*rows: list[str], grid: int = 3) -> str:
    cols = "".join('<w:gridCol w:w="2000"/>' for _ in range(grid))
    body = "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>"


def paragraph_style(
    style_id: str,
    name: str,
    *,
    num_id: int | None = None,
    ilvl: int | None = None,
    based_on: str | None = None,
    bold: bool = False,
    outline: int | None = None,
) -> str:
    ppr = ""
    if num_id is not None or ilvl is not None:
        ppr += "<w:numPr>"
        if ilvl is not None:
            ppr += f'<w:ilvl w:val="{ilvl}"/>'
        if num_id is not None:
            ppr += f'<w:numId w:val="{num_id}"/>'
        ppr += "</w:numPr>"
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + ("<w:rPr><w:b/></w:rPr>" if bold else "")
        + "</w:style>"
    )


def _element(xml: str) -> Any:
    """Parse one element written with the ``w:`` prefix (the namespace is declared here)."""
    end = xml.index(">")
    if xml[end - 1] == "/":
        end -= 1
    return parse_xml(xml[:end] + f" {NSDECL}" + xml[end:])


class DocxBuilder:
    """A python-docx document whose numbering definitions, styles and body XML a test controls."""

    def __init__(self) -> None:
        self.document = docx.Document()
        body = self.document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)

    def numbering(self, *definitions: str) -> DocxBuilder:
        """Replace numbering.xml's content (abstractNum elements must precede num elements)."""
        root = self.document.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        for xml in definitions:
            root.append(_element(xml))
        return self

    def styles(self, *definitions: str) -> DocxBuilder:
        root = self.document.styles.element
        for xml in definitions:
            root.append(_element(xml))
        return self

    def body(self, *elements: str) -> DocxBuilder:
        """Append raw ``w:p`` / ``w:tbl`` XML to the body, before the section properties."""
        body = self.document.element.body
        sect = body.find(f"{{{W_NS}}}sectPr")
        for xml in elements:
            el = _element(xml)
            if sect is not None:
                sect.addprevious(el)
            else:
                body.append(el)
        return self

    def footnotes(self, *notes: str) -> DocxBuilder:
        """Add a footnotes part: each note is the inner XML (paragraphs) of one ``w:footnote``."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        separator = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        )
        body = "".join(f'<w:footnote w:id="{i}">{xml}</w:footnote>' for i, xml in enumerate(notes, 1))
        blob = f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NSDECL}>{separator}{body}</w:footnotes>'
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            blob.encode("utf-8"),
            self.document.part.package,
        )
        self.document.part.relate_to(part, RT.FOOTNOTES)
        return self

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.document.save(buf)
        return buf.getvalue()

    def save(self, path: Path) -> Path:
        path.write_bytes(self.to_bytes())
        return path

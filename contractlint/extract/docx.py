"""DOCX contracts: paragraphs and table cells in document order, with Word's visible clause numbers.

Why not ``paragraph.text``: it drops tracked insertions and never contains the automatic number ("14.3")
that every cross-reference in a contract relies on. We walk the WordprocessingML ourselves (lxml, under
python-docx's package layer) so the text reads as Word shows it with all changes accepted.

Text choices, made once here so every rule sees the same thing:

* an automatic number is followed by a single space, whatever ``w:suff`` says (tab or space; ``nothing``
  gives no separator), and ``Block.text_start`` points just after it;
* ``w:tab`` becomes ``"\\t"``; a line break (``w:br``, ``w:cr``) becomes ``"\\n"``; page and column breaks
  vanish; ``w:noBreakHyphen`` is ``"-"``, ``w:softHyphen`` nothing, ``w:sym`` its character;
* fields keep their displayed result (a REF shows "14.3"), never the instruction text;
* hidden text (``w:vanish``), deleted text and moved-away text are dropped; inserted and moved-to text is
  kept; a paragraph whose mark was deleted joins the next paragraph, as it would once accepted;
* text boxes, drawings and equations are not read.

The zip is checked before python-docx sees it: member count, declared and actual uncompressed size, and
unsafe member names, because a 1 MB zip bomb otherwise costs gigabytes of memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from lxml import etree

from contractlint.errors import (
    CorruptFileError,
    EncryptedFileError,
    LimitExceededError,
)
from contractlint.extract.build import BlockDraft, assemble, make_source
from contractlint.extract.docx_numbering import (
    Label,
    Numberer,
    NumberingDefinitions,
    StyleInfo,
    w,
)
from contractlint.extract.limits import Limits
from contractlint.model import BlockKind, Comment, Document, ExtractionWarning, Story

__all__ = ["MappedBlock", "TextPiece", "extract_docx", "map_body"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RESAVE = "open and re-save it in Word, or ask for a new copy"
_CHUNK = 1 << 16
_EMPHASIS_MAX_CHARS = 120

# Our own parser for parts python-docx leaves as raw bytes: no entities, no DTD, no network.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)

_RT_STYLES = "/styles"
_RT_NUMBERING = "/numbering"
_RT_HEADER = "/header"
_RT_FOOTER = "/footer"
_RT_FOOTNOTES = "/footnotes"
_RT_COMMENTS = "/comments"

_P = w("p")
_R = w("r")
_T = w("t")
_TBL = w("tbl")
_COMMENT_START = w("commentRangeStart")
_COMMENT_END = w("commentRangeEnd")
_COMMENT_REF = w("commentReference")
_COMMENT_MARKS = {_COMMENT_START: "start", _COMMENT_END: "end"}
_TR = w("tr")
_TC = w("tc")
_SDT = w("sdt")
_SDT_CONTENT = w("sdtContent")
_CUSTOM_XML = w("customXml")
_PPR = w("pPr")
_RPR = w("rPr")
_VAL = w("val")
_INS = w("ins")
_DEL = w("del")
_MOVE_FROM = w("moveFrom")
_MOVE_TO = w("moveTo")
_FLD_CHAR = w("fldChar")
# Names the paragraph walk reads for every paragraph and run, built once.
_W_VANISH = w("vanish")
_W_SPEC_VANISH = w("specVanish")
_W_R_STYLE = w("rStyle")
_W_B = w("b")
_W_FLD_CHAR_TYPE = w("fldCharType")
_W_TAB = w("tab")
_W_PTAB = w("ptab")
_W_BR = w("br")
_W_TYPE = w("type")
_W_CR = w("cr")
_W_NO_BREAK_HYPHEN = w("noBreakHyphen")
_W_SYM = w("sym")
_W_CHAR = w("char")
_W_ID = w("id")
_W_TC_PR = w("tcPr")
_W_V_MERGE = w("vMerge")
_W_P_STYLE = w("pStyle")
_W_NUM_PR = w("numPr")
_W_NUM_ID = w("numId")
_W_ILVL = w("ilvl")
_W_OUTLINE_LVL = w("outlineLvl")
_W_SECT_PR = w("sectPr")
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"

# Paragraph children that never hold visible run text (or hold text we deliberately drop).
_SKIP_IN_PARAGRAPH = frozenset(
    {
        _PPR,
        _DEL,
        _MOVE_FROM,
        w("sdtPr"),
        w("sdtEndPr"),
        w("customXmlPr"),
        w("smartTagPr"),
        _MC_ALTERNATE,
    }
)
# Wrappers whose children are block-level content (paragraphs, tables, rows or cells).
_BLOCK_WRAPPERS = frozenset({_SDT, _SDT_CONTENT, _CUSTOM_XML, _INS, _MOVE_TO})
_SKIP_IN_RUN = frozenset(
    {
        _RPR,
        w("delText"),
        w("instrText"),
        w("delInstrText"),
        w("drawing"),
        w("pict"),
        w("object"),
        w("lastRenderedPageBreak"),
        w("footnoteReference"),
        w("endnoteReference"),
        w("commentReference"),
        w("annotationRef"),
        w("footnoteRef"),
        w("endnoteRef"),
        _MC_ALTERNATE,
    }
)


def _on(el: Any) -> bool:
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


# --------------------------------------------------------------------------------------------------
# Zip safety


def _eocd_entries(data: bytes) -> int | None:
    """Entry count from the end-of-central-directory record, read before zipfile parses the directory."""
    tail = data[-(65536 + 22) :]
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or pos + 22 > len(tail):
        return None
    return int.from_bytes(tail[pos + 10 : pos + 12], "little")


def _unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return True
    if len(name) > 1 and name[1] == ":":
        return True
    return ".." in PurePosixPath(name).parts


_ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,  # damaged deflate data is not wrapped by zipfile
    ValueError,  # a negative seek from a lying header offset; undecodable names
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)


def _check_zip(data: bytes, label: str, limits: Limits) -> tuple[bytes | None, set[str]]:
    """Refuse bombs and hostile archives; return ``docProps/app.xml`` (page count) and member names."""
    if data.startswith(_OLE2):
        from contractlint.extract.detect import detect_format

        detect_format(data, name=label)  # raises the encrypted-file or legacy-.doc error
    too_many = (
        f"has more zip members than the {limits.max_zip_members:,} allowed, which no real Word document needs"
    )
    entries = _eocd_entries(data)
    if entries is not None and entries > limits.max_zip_members:
        raise LimitExceededError(label, too_many, _RESAVE)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise CorruptFileError(label, "not a valid DOCX (it is not a readable zip file)", _RESAVE) from None
    bomb = (
        f"unpacks to more than {limits.max_decompressed_size:,} bytes "
        "(the --max-decompressed-size limit), as a zip bomb would"
    )
    bomb_fix = "raise it with --max-decompressed-size only if you trust the file"
    app_xml: bytes | None = None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_zip_members:
            raise LimitExceededError(label, too_many, _RESAVE)
        if sum(i.file_size for i in infos) > limits.max_decompressed_size:
            raise LimitExceededError(label, bomb, bomb_fix)
        seen: set[str] = set()
        for info in infos:
            if _unsafe_name(info.filename):
                raise CorruptFileError(
                    label, f"not a valid DOCX (unsafe zip member name {info.filename!r})", _RESAVE
                )
            # Part names are case-insensitive: two members with one name let different programs show
            # different text, so the file is refused rather than read one way.
            key = info.filename.lower()
            if key in seen:
                raise CorruptFileError(
                    label, f"not a valid DOCX (two zip members are named {info.filename!r})", _RESAVE
                )
            seen.add(key)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise EncryptedFileError(
                    label, "the DOCX's zip is encrypted", "save an unencrypted copy from Word"
                )
            keep = info.filename == "docProps/app.xml"
            pieces: list[bytes] = []
            try:
                with zf.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.max_decompressed_size:
                            raise LimitExceededError(label, bomb, bomb_fix)
                        if keep:
                            pieces.append(chunk)
            except _ZIP_READ_ERRORS as exc:
                raise CorruptFileError(
                    label,
                    f"damaged DOCX (zip member {info.filename!r} cannot be read: {exc})",
                    _RESAVE,
                ) from None
            if keep:
                app_xml = b"".join(pieces)
    return app_xml, {i.filename for i in infos}


def _page_count(app_xml: bytes | None) -> int | None:
    if not app_xml:
        return None
    try:
        root = etree.fromstring(app_xml, _PARSER)
    except etree.XMLSyntaxError:
        return None
    for el in root:
        if isinstance(el.tag, str) and etree.QName(el).localname == "Pages":
            try:
                pages = int((el.text or "").strip())
            except ValueError:
                return None
            return pages if pages > 0 else None
    return None


# --------------------------------------------------------------------------------------------------
# Package


@dataclass(slots=True)
class _Parts:
    body: Any
    styles: Any | None
    numbering: Any | None
    headers: list[Any]
    footers: list[Any]
    footnotes: Any | None
    comments: Any | None


def _part_xml(part: Any) -> Any:
    element = getattr(part, "element", None)
    if element is not None:
        return element  # parsed by python-docx's parser (resolve_entities=False)
    return etree.fromstring(part.blob, _PARSER)


def _open_parts(data: bytes, label: str, names: set[str]) -> _Parts:
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.package import OpcPackage

    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
        root = _part_xml(main)
    except MemoryError:
        raise
    except Exception as exc:
        # python-docx has no error hierarchy of its own: a hostile package makes it raise KeyError,
        # TypeError, ValueError, lxml or zlib errors. Whatever it raised, the package is unreadable.
        if isinstance(exc, KeyError):
            missing = "word/document.xml" not in names
            what = "word/document.xml is missing" if missing else "a part it refers to is missing"
        elif isinstance(exc, PackageNotFoundError | etree.XMLSyntaxError | zipfile.BadZipFile):
            what = "damaged package" + _xml_reason(exc)
        else:
            what = "damaged package: a part or relationship is malformed"
        raise CorruptFileError(label, f"not a valid DOCX ({what})", _RESAVE) from None
    body = root.find(w("body"))
    if body is None:
        raise CorruptFileError(label, "not a valid DOCX (the document has no body)", _RESAVE)
    found = _related_parts(main, label)
    return _Parts(
        body=body,
        styles=found.get(_RT_STYLES, [None])[0],
        numbering=found.get(_RT_NUMBERING, [None])[0],
        headers=found.get(_RT_HEADER, []),
        footers=found.get(_RT_FOOTER, []),
        footnotes=found.get(_RT_FOOTNOTES, [None])[0],
        comments=found.get(_RT_COMMENTS, [None])[0],
    )


def _related_parts(main: Any, label: str) -> dict[str, list[Any]]:
    """The parsed parts the main document part relates to, by relationship-type suffix, in rId order."""
    found: dict[str, list[Any]] = {}
    for rel in sorted(main.rels.values(), key=lambda r: _rid_key(r.rId or "")):
        reltype = rel.reltype
        if rel.is_external or not isinstance(reltype, str):
            continue  # no Type attribute: not a part this extractor reads
        for suffix in (_RT_STYLES, _RT_NUMBERING, _RT_HEADER, _RT_FOOTER, _RT_FOOTNOTES, _RT_COMMENTS):
            if reltype.endswith(suffix):
                try:
                    found.setdefault(suffix, []).append(_part_xml(rel.target_part))
                except (etree.XMLSyntaxError, ValueError, AttributeError) as exc:
                    raise CorruptFileError(
                        label,
                        f"not a valid DOCX (damaged {suffix.strip('/')} part{_xml_reason(exc)})",
                        _RESAVE,
                    ) from None
    return found


def _xml_reason(exc: BaseException) -> str:
    """Why the XML parser refused a part, when the refusal is one of its safety limits."""
    text = str(exc).lower()
    if "depth" in text:
        return ": XML nested deeper than 256 levels"
    if "entity" in text or "amplification" in text:
        return ": XML entity expansion refused"
    return ""


def _rid_key(rid: str) -> tuple[int, str]:
    digits = "".join(c for c in rid if c.isdigit())
    return (int(digits) if digits else 0, rid)


# --------------------------------------------------------------------------------------------------
# Paragraph text


@dataclass(slots=True)
class _Text:
    """Visible text of one paragraph, and whether every visible character is bold."""

    parts: list[str] = field(default_factory=list)
    bold: bool = True
    any_text: bool = False
    fields: list[bool] = field(default_factory=list)
    """Open complex fields, innermost last: True once past ``separate`` (showing the result)."""
    marks: list[tuple[str, str, int]] = field(default_factory=list)
    """Comment anchors met in the paragraph: ``(start|end|ref, comment id, offset in its text)``."""
    nodes: list[tuple[Any, int]] | None = None
    """When mapping (``map_body``): each run child that shows text, with how many characters."""

    def mark(self, kind: str, el: Any, extra: int = 0) -> None:
        self.marks.append((kind, el.get(w("id"), ""), sum(map(len, self.parts)) + extra))

    def visible(self) -> bool:
        return all(self.fields)


def _collect(el: Any, out: _Text, defs: NumberingDefinitions, pstyle_bold: bool) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_PARAGRAPH:
            continue
        if tag in _COMMENT_MARKS:
            out.mark(_COMMENT_MARKS[tag], child)
            continue
        if tag == _R:
            _run(child, out, defs, pstyle_bold)
        else:
            # w:ins, w:moveTo, w:hyperlink, w:fldSimple (its runs are the field result), w:smartTag,
            # w:sdt/w:sdtContent, w:customXml, w:bdo, w:dir: their runs are visible text.
            _collect(child, out, defs, pstyle_bold)


def _children(el: Any, tags: frozenset[str]) -> dict[str, Any]:
    """The first child of ``el`` with each of ``tags``: what ``el.find(tag)`` gives for each, in one pass
    over the (few) children. lxml's ``find`` parses its path on every call, about 1.7 us, and the walk
    looks up a dozen properties per paragraph."""
    found: dict[str, Any] = {}
    for child in el:
        tag = child.tag
        if tag in tags and tag not in found:
            found[tag] = child
    return found


def _first_child(el: Any, tag: str) -> Any:
    """``el.find(tag)`` for a plain tag name, without parsing a path (the property elements come first)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


_RUN_PROPERTIES = frozenset({_W_VANISH, _W_SPEC_VANISH, _W_R_STYLE, _W_B})
_PARAGRAPH_PROPERTIES = frozenset({_W_P_STYLE, _W_NUM_PR, _W_OUTLINE_LVL, _RPR, _W_SECT_PR})
_NUMBERING_PROPERTIES = frozenset({_W_NUM_ID, _W_ILVL})
_MARK_PROPERTIES = frozenset({_DEL, _MOVE_FROM, _W_VANISH})


def _run(r: Any, out: _Text, defs: NumberingDefinitions, pstyle_bold: bool) -> None:
    rpr = _first_child(r, _RPR)
    hidden = False
    bold = pstyle_bold
    if rpr is not None:
        props = _children(rpr, _RUN_PROPERTIES)
        hidden = _on(props.get(_W_VANISH)) or _on(props.get(_W_SPEC_VANISH))
        rstyle = props.get(_W_R_STYLE)
        if rstyle is not None and defs.char_bold.get(rstyle.get(_VAL, ""), False):
            bold = True
        b = props.get(_W_B)
        if b is not None:
            bold = _on(b)
    pieces: list[str] = []
    for child in r:
        tag = child.tag
        if tag == _COMMENT_REF:
            out.mark("ref", child, sum(map(len, pieces)))
            continue
        if not isinstance(tag, str) or tag in _SKIP_IN_RUN:
            continue
        if tag == _FLD_CHAR:
            kind = child.get(_W_FLD_CHAR_TYPE)
            if kind == "begin":
                out.fields.append(False)
            elif kind == "separate" and out.fields:
                out.fields[-1] = True
            elif kind == "end" and out.fields:
                out.fields.pop()
            continue
        if hidden or not out.visible():
            continue
        if tag == _T:
            piece = child.text or ""
        elif tag in (_W_TAB, _W_PTAB):
            piece = "\t"
        elif tag == _W_BR:
            if child.get(_W_TYPE) in ("page", "column"):
                continue
            piece = "\n"
        elif tag == _W_CR:
            piece = "\n"
        elif tag == _W_NO_BREAK_HYPHEN:
            piece = "-"
        elif tag == _W_SYM:
            piece = _sym(child.get(_W_CHAR))
        else:
            continue
        pieces.append(piece)
        if out.nodes is not None:
            out.nodes.append((child, len(piece)))
    if pieces:
        text = "".join(pieces)
        out.parts.append(text)
        if text.strip():
            out.any_text = True
            if not bold:
                out.bold = False


def _sym(code: str | None) -> str:
    try:
        n = int(code or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= n <= 0xF0FF:  # symbol fonts map their glyphs into the private-use area
        n -= 0xF000
    return chr(n) if n >= 0x20 else ""


# --------------------------------------------------------------------------------------------------
# Story walk


@dataclass(slots=True)
class _Cell:
    table: int
    row: int
    cell: int


@dataclass(slots=True)
class _Pending:
    """A paragraph whose mark was deleted: its text joins the next paragraph's."""

    text: str
    paragraph: int
    marks: list[tuple[str, str, int]] = field(default_factory=list)
    nodes: list[tuple[Any, int]] | None = None


@dataclass(slots=True)
class _Walker:
    defs: NumberingDefinitions
    story: Story
    label: str
    max_chars: int
    numberer: Numberer
    drafts: list[BlockDraft] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    chars: int = 0
    nodes: dict[int, list[tuple[Any, int]]] | None = None
    """When mapping: by index into ``drafts``, the run children that show its text (``_Text.nodes``)."""

    def walk(self, container: Any, cell: _Cell | None = None, *, silent: bool = False) -> None:
        pending: _Pending | None = None
        for el in _flatten(container, (_P, _TBL, _COMMENT_START, _COMMENT_END)):
            if el.tag in _COMMENT_MARKS:
                # Between paragraphs: an empty draft holds the anchor; assembly drops it, and
                # ``_comments`` moves the anchor to the nearest kept block.
                if not silent:
                    self.drafts.append(
                        BlockDraft(
                            kind="paragraph",
                            text="",
                            marks=[(_COMMENT_MARKS[el.tag], el.get(_W_ID, ""), 0)],
                        )
                    )
                continue
            if el.tag == _TBL:
                if pending is not None:
                    self._emit_text(pending, cell)
                    pending = None
                self._table(el, silent=silent)
                continue
            self.paragraphs += 1
            if silent:
                continue
            pending = self._paragraph(el, cell, pending)
        if pending is not None:
            self._emit_text(pending, cell)

    def _table(self, tbl: Any, *, silent: bool) -> None:
        self.tables += 1
        table_no = self.tables
        for row_no, tr in enumerate(_flatten(tbl, (_TR,)), start=1):
            for cell_no, tc in enumerate(_flatten(tr, (_TC,)), start=1):
                tcpr = _first_child(tc, _W_TC_PR)
                vmerge = None if tcpr is None else _first_child(tcpr, _W_V_MERGE)
                continuation = vmerge is not None and vmerge.get(_VAL, "continue") == "continue"
                # A vertically merged cell's continuation shows nothing of its own: count its
                # paragraphs (so ordinals still match the file) but emit no text.
                self.walk(tc, _Cell(table_no, row_no, cell_no), silent=silent or continuation)

    def _paragraph(self, p: Any, cell: _Cell | None, pending: _Pending | None) -> _Pending | None:
        ppr = _first_child(p, _PPR)
        style_id: str | None = None
        num_id: str | None = None
        ilvl: int | None = None
        outline: int | None = None
        mark_deleted = False
        mark_hidden = False
        props: dict[str, Any] = {}
        if ppr is not None:
            props = _children(ppr, _PARAGRAPH_PROPERTIES)
            ps = props.get(_W_P_STYLE)
            if ps is not None:
                style_id = ps.get(_VAL)
            numpr = props.get(_W_NUM_PR)
            if numpr is not None:
                numbering = _children(numpr, _NUMBERING_PROPERTIES)
                nid = numbering.get(_W_NUM_ID)
                lvl = numbering.get(_W_ILVL)
                if nid is not None:
                    num_id = nid.get(_VAL)
                if lvl is not None:
                    try:
                        ilvl = int(lvl.get(_VAL, "0"))
                    except ValueError:
                        ilvl = 0
            ol = props.get(_W_OUTLINE_LVL)
            if ol is not None:
                try:
                    outline = int(ol.get(_VAL, "9"))
                except ValueError:
                    outline = None
            mark_rpr = props.get(_RPR)
            if mark_rpr is not None:
                mark = _children(mark_rpr, _MARK_PROPERTIES)
                mark_deleted = _DEL in mark or _MOVE_FROM in mark
                mark_hidden = _on(mark.get(_W_VANISH))
        style = self.defs.styles.get(style_id or self.defs.default_pstyle or "")
        text = _Text(nodes=None if self.nodes is None else [])
        _collect(p, text, self.defs, style.bold if style else False)
        own = "".join(text.parts)
        nodes = text.nodes
        if pending is not None and pending.nodes is not None and nodes is not None:
            nodes = pending.nodes + nodes
        marks = text.marks
        if pending is not None:
            marks = [*pending.marks, *((k, i, pos + len(pending.text)) for k, i, pos in marks)]
            own = pending.text + own
        ordinal = pending.paragraph if pending is not None else self.paragraphs
        if mark_deleted:
            return _Pending(own, ordinal, marks, nodes)
        if mark_hidden and not own.strip():
            if marks:
                self.drafts.append(BlockDraft(kind="paragraph", text="", marks=marks))
            return None
        label: Label | None = None
        resolved = self.defs.resolve(style_id, num_id, ilvl)
        # An empty paragraph that only carries a section break (its w:pPr holds w:sectPr) takes no number:
        # LibreOffice shows none, and documents number the next heading as if it were not there.
        section_break = _W_SECT_PR in props and not own.strip()
        if resolved is not None and not section_break:
            label = self.numberer.next(*resolved)
        bold = text.any_text and text.bold
        self._emit(own, ordinal, cell, style, outline, label, bold=bold, marks=marks, nodes=nodes)
        return None

    def _emit_text(self, pending: _Pending, cell: _Cell | None) -> None:
        self._emit(
            pending.text,
            pending.paragraph,
            cell,
            None,
            None,
            None,
            bold=False,
            marks=pending.marks,
            nodes=pending.nodes,
        )

    def _emit(
        self,
        own: str,
        ordinal: int,
        cell: _Cell | None,
        style: StyleInfo | None,
        outline: int | None,
        label: Label | None,
        *,
        bold: bool,
        marks: list[tuple[str, str, int]] | None = None,
        nodes: list[tuple[Any, int]] | None = None,
    ) -> None:
        number = label.text if label is not None else None
        prefix = ""
        if number is not None:
            prefix = number if label is not None and label.suffix == "nothing" else number + " "
        text = prefix + own
        self.chars += len(text) + 2
        if self.chars > self.max_chars:
            raise LimitExceededError(
                self.label,
                f"more than {self.max_chars:,} characters of text (the --max-chars limit)",
                "raise it with --max-chars",
            )
        style_name = style.name if style else None
        if outline is None and style is not None:
            outline = style.outline
        heading_level = _heading_level(style_name, outline)
        kind: BlockKind
        if cell is not None:
            kind = "table_cell"
        elif heading_level is not None:
            kind = "heading"
        elif label is not None and (label.bullet or number is not None):
            kind = "list_item"
        else:
            kind = "paragraph"
        level: int | None = label.level if label is not None else heading_level
        stripped = own.strip()
        short = 0 < len(stripped) <= _EMPHASIS_MAX_CHARS
        emphasis = short and (bold or (stripped.isupper() and any(c.isalpha() for c in stripped)))
        self.drafts.append(
            BlockDraft(
                kind=kind,
                text=text,
                number=number,
                level=level,
                number_source="auto" if number is not None else None,
                text_start=len(prefix),
                style=style_name,
                emphasis=emphasis,
                story=self.story,
                paragraph=ordinal,
                table=cell.table if cell else None,
                row=cell.row if cell else None,
                cell=cell.cell if cell else None,
                marks=[(k, i, pos + len(prefix)) for k, i, pos in marks or ()],
            )
        )
        if self.nodes is not None:
            self.nodes[len(self.drafts) - 1] = nodes or []


def _heading_level(style_name: str | None, outline: int | None) -> int | None:
    """Outline level (0 = top) when the paragraph is a heading by style or by ``w:outlineLvl``."""
    if style_name:
        lower = style_name.lower()
        if lower == "title":
            return 0
        if lower.startswith("heading "):
            digits = lower[8:].strip()
            if digits.isdigit() and 1 <= int(digits) <= 9:
                return int(digits) - 1
    if outline is not None and 0 <= outline <= 8:
        return outline
    return None


def _flatten(parent: Any, wanted: tuple[str, ...]) -> Iterator[Any]:
    """Children of ``parent`` with a wanted tag, looking through content controls and similar."""
    for child in parent:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag in _BLOCK_WRAPPERS:
            yield from _flatten(child, wanted)


# --------------------------------------------------------------------------------------------------
# Run map (for writers)


@dataclass(frozen=True, slots=True)
class TextPiece:
    """Characters ``[start, end)`` of a block's text, shown by one run child (``w:t``, ``w:tab``, ...)."""

    start: int
    end: int
    node: Any
    """The lxml element; its parent is the ``w:r``."""


@dataclass(frozen=True, slots=True)
class MappedBlock:
    """A body block as ``extract_docx`` reads it, with the run children that show its characters.

    An automatic number (``text[:text_start]``) has no piece: Word draws it, no run holds it.
    """

    text: str
    text_start: int
    pieces: tuple[TextPiece, ...]


def map_body(main_part: Any, *, label: str = "<docx>") -> list[MappedBlock]:
    """The body blocks of a loaded python-docx document part, in ``Document.blocks`` order.

    For writers (``contractlint.annotate``) that must turn a span of ``Document.text`` back into runs:
    the text is built by the same walk as ``extract_docx``, so offsets agree by construction.
    """
    root = _part_xml(main_part)
    body = root.find(w("body"))
    if body is None:
        raise CorruptFileError(label, "not a valid DOCX (the document has no body)", _RESAVE)
    found = _related_parts(main_part, label)
    defs = NumberingDefinitions(found.get(_RT_NUMBERING, [None])[0], found.get(_RT_STYLES, [None])[0])
    walker = _Walker(defs, "body", label, 1 << 62, Numberer(defs), nodes={})
    walker.walk(body)
    out: list[MappedBlock] = []
    for i, draft in enumerate(walker.drafts):
        if not draft.text.strip():  # assemble drops these
            continue
        pieces: list[TextPiece] = []
        offset = draft.text_start
        for node, n in walker.nodes.get(i, []) if walker.nodes is not None else []:
            pieces.append(TextPiece(offset, offset + n, node))
            offset += n
        out.append(MappedBlock(draft.text, draft.text_start, tuple(pieces)))
    return out


# --------------------------------------------------------------------------------------------------
# Entry point


def _count_changes(roots: list[Any]) -> int:
    tags = (_INS, _DEL, _MOVE_FROM, _MOVE_TO)
    return sum(1 for root in roots for _ in root.iter(*tags))


def extract_docx(data: bytes, *, name: str, path: str | None, limits: Limits) -> Document:
    """Read a DOCX into a ``Document``: body blocks in order, headers, footers and footnotes apart."""
    label = path or name
    app_xml, names = _check_zip(data, label, limits)
    parts = _open_parts(data, label, names)
    defs = NumberingDefinitions(parts.numbering, parts.styles)

    body = _Walker(defs, "body", label, limits.max_chars, Numberer(defs))
    body.walk(parts.body)

    other: list[BlockDraft] = []
    stories: tuple[tuple[Story, list[Any]], ...] = (
        ("header", parts.headers),
        ("footer", parts.footers),
    )
    for story, roots in stories:
        for root in roots:
            walker = _Walker(defs, story, label, limits.max_chars, Numberer(defs))
            walker.walk(root)
            other.extend(walker.drafts)
    if parts.footnotes is not None:
        walker = _Walker(defs, "footnote", label, limits.max_chars, Numberer(defs))
        for note in parts.footnotes.iterchildren(w("footnote")):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            walker.walk(note)
        other.extend(walker.drafts)

    warnings: list[ExtractionWarning] = []
    changes = _count_changes([parts.body, *parts.headers, *parts.footers])
    if parts.footnotes is not None:
        changes += _count_changes([parts.footnotes])
    if changes:
        warnings.append(
            ExtractionWarning(
                "tracked-changes",
                f"{changes} tracked change(s) (insertions and deletions); "
                "the text is read as if all were accepted",
                count=changes,
            )
        )
    comments = 0 if parts.comments is None else sum(1 for _ in parts.comments.iterchildren(w("comment")))
    if comments:
        warnings.append(
            ExtractionWarning(
                "comments",
                f"{comments} reviewer comment(s) in the document; comments are not linted "
                "(except 'contractlint: ignore' suppressions)",
                count=comments,
            )
        )
    source = make_source(
        data,
        name=name,
        format="docx",
        path=path,
        page_count=_page_count(app_xml),
        extractor="docx",
    )
    document = assemble(source, body.drafts, warnings=warnings, other=other)
    if parts.comments is None:
        return document
    return replace(document, comments=_comments(parts.comments, body.drafts, document))


def _comments(root: Any, drafts: list[BlockDraft], document: Document) -> tuple[Comment, ...]:
    """The comments anchored in the body, with their ranges as ``Document.text`` offsets.

    An anchor in a paragraph that assembly dropped (empty) moves to the nearest kept block: a start to
    the next block's start, an end to the previous block's end.
    """
    kept = iter(document.blocks)
    placed: dict[tuple[str, str], int] = {}
    waiting: list[tuple[str, str]] = []
    last_end = 0
    for draft in drafts:
        if not draft.text.strip():
            for kind, cid, _ in draft.marks:
                if kind == "end":
                    placed.setdefault((kind, cid), last_end)
                else:
                    waiting.append((kind, cid))
            continue
        block = next(kept)
        for key in waiting:
            placed.setdefault(key, block.location.start)
        waiting.clear()
        for kind, cid, pos in draft.marks:
            placed.setdefault((kind, cid), block.location.start + min(pos, len(block.text)))
        last_end = block.location.end
    for key in waiting:
        placed.setdefault(key, len(document.text))
    out: list[Comment] = []
    for el in root.iterchildren(w("comment")):
        cid = el.get(w("id"), "")
        first, last = placed.get(("start", cid)), placed.get(("end", cid))
        ref = placed.get(("ref", cid))
        if first is None and last is None:
            if ref is None:
                continue  # anchored in a header, footer or footnote: not in the body text
            holder = document.block_at(ref)
            first, last = (ref, ref) if holder is None else (holder.location.start, holder.location.end)
        start = first if first is not None else last
        end = last if last is not None else first
        assert start is not None and end is not None
        text = "\n".join("".join(t.text or "" for t in p.iter(_T)) for p in el.iter(_P))
        out.append(
            Comment(
                text=text.strip(),
                start=min(start, end),
                end=max(start, end),
                author=el.get(w("author"), ""),
                id=cid,
            )
        )
    return tuple(sorted(out, key=lambda c: (c.start, c.end)))

"""Fuzz case generators shared by the hypothesis suite (tests/fuzz) and the long runner (benchmarks/fuzz.py).

Every generator takes a ``random.Random`` and returns a ``Case``: a file's bytes, its name and the PDF
engine to read it with. The seeds are our own small documents (fixtures/ and the test builders), never
third-party files. Mutations are of three depths, because a byte flip inside a deflated zip member only
ever tests the CRC check:

* ``text``: contract-like lines, shuffled and spiced with odd numbering, control and astral characters,
  in several encodings;
* ``docx-xml``: a DOCX whose XML parts are parsed and mutated as trees (elements dropped, duplicated,
  moved, nested deep; attributes set to hostile values; entities declared), then re-zipped properly;
* ``docx-part-bytes``: a DOCX one of whose parts has byte-level damage, re-zipped properly;
* ``docx-zip``: zip-level damage (members dropped, duplicated, renamed; external relationships);
* ``docx-bytes`` / ``pdf-bytes``: byte-level mutation of the whole file (havoc, as AFL calls it);
* ``pdf-struct``: token-level mutation of a PDF's objects (references pointed elsewhere, counts
  inflated, ``/Kids`` and ``/Parent`` cycles, filters and CMaps named, streams repeated).

The contract the suite checks is ``check_case``: every case gives a ``Report`` or raises a
``ContractlintError`` subclass, within a time bound.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import random
import re
import signal
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from lxml import etree

from tests.extract.docx_builder import (
    DocxBuilder,
    abstract_num,
    cell,
    num,
    para,
    run,
    table,
)
from tests.extract.pdf_builder import Line, Page, build_pdf

__all__ = [
    "GENERATORS",
    "Case",
    "CaseTimeout",
    "check_case",
    "make_case",
    "time_limit",
]

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(slots=True)
class Case:
    kind: str
    name: str
    data: bytes
    engine: str | None = None
    """PDF engine (``pdfium`` or ``pdfplumber``); None for other formats."""
    steps: list[str] = field(default_factory=list)
    """The mutations applied, for the crash report."""


# -- seeds -------------------------------------------------------------------------------------------


@functools.cache
def seed_texts() -> tuple[str, ...]:
    return tuple(
        p.read_text(encoding="utf-8")
        for p in sorted(FIXTURES.glob("*"))
        if p.suffix in (".txt", ".md") and p.is_file()
    )


@functools.cache
def seed_lines() -> tuple[str, ...]:
    return tuple(line for text in seed_texts() for line in text.splitlines() if line.strip())


@functools.cache
def seed_docx_files() -> tuple[bytes, ...]:
    """The services agreement (Word-made: styles, header, footer) and a builder-made one with numbering,
    a table, a footnote, tracked changes and a field."""
    built = (
        DocxBuilder()
        .numbering(abstract_num(1), num(1, 1), num(2, 1, {0: 5}))
        .body(
            para(text="Definitions", num_id=1, ilvl=0),
            para(text='"Services" means the services in Schedule 1.', num_id=1, ilvl=1),
            para(text="The Supplier shall provide the Services.", num_id=1, ilvl=1),
            para(text="within 30 days of the invoice", num_id=1, ilvl=3),
            table(
                [cell(para(text="Service")), cell(para(text="Level"))],
                [cell(para(text="Availability")), cell(para(text="99.9%"))],
                grid=2,
            ),
            '<w:p><w:ins w:id="1" w:author="A">'
            + run("Either party may terminate on 90 days' notice.")
            + '</w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>never</w:delText></w:r></w:del></w:p>',
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 </w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + run("14.3")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
            para(text="Termination", num_id=2, ilvl=0),
        )
        .footnotes(para(text="A footnote about notices."))
        .to_bytes()
    )
    return ((FIXTURES / "services_agreement.docx").read_bytes(), built)


@functools.cache
def seed_pdfs() -> tuple[bytes, ...]:
    lines = seed_lines()
    pages = []
    for n in range(3):
        chunk = lines[n * 12 : n * 12 + 12] or lines[:12]
        body = [Line(72, 90 + 22 * i, text[:90], bold=i == 0) for i, text in enumerate(chunk)]
        body.append(Line(300, 760, f"Page {n + 1} of 3", size=9))
        pages.append(Page(lines=body))
    rotated = Page(lines=[Line(72, 72, "Schedule 1 Service Levels"), Line(72, 100, "99.9% availability")])
    rotated.rotate = 90
    scanned = Page(image=True)
    return (build_pdf(pages), build_pdf([*pages[:1], rotated, scanned]))


# -- byte havoc ----------------------------------------------------------------------------------------

_TOKENS = (
    b"obj", b"endobj", b"stream", b"endstream", b"R", b"<<", b">>", b"[", b"]", b"/Kids", b"/Parent",
    b"/Count", b"/Length", b"/Filter /FlateDecode", b"9999999999", b"-1", b"0 0 R", b"1 0 R", b"2 0 R",
    b"xref", b"trailer", b"startxref", b"%%EOF", b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06",
    b"<w:p>", b"</w:p>", b"<w:r>", b"<w:t>", b"&amp;", b"&#0;", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe",
    b"(", b")", b"\\", b"Tj", b"TJ", b"BT", b"ET", b"Tf", b"Td", b"Do", b"q", b"Q", b"cm",
)  # fmt: skip
_INTERESTING = (0, 1, 0x7F, 0x80, 0xFF, 0x20, 0x0A, 0x0D, 0x3C, 0x3E, 0x25, 0x2F)


def havoc(data: bytes, rng: random.Random, steps: list[str], rounds: int | None = None) -> bytes:
    """Byte-level mutations in the style of AFL's havoc stage."""
    buf = bytearray(data)
    for _ in range(rounds or rng.choice((1, 1, 2, 4, 8, 16))):
        if not buf:
            buf.extend(rng.randbytes(rng.randint(1, 16)))
        op = rng.randrange(9)
        pos = rng.randrange(len(buf))
        if op == 0:
            buf[pos] ^= 1 << rng.randrange(8)
            steps.append(f"flip@{pos}")
        elif op == 1:
            buf[pos] = rng.choice(_INTERESTING)
            steps.append(f"set@{pos}")
        elif op == 2:
            ins = rng.randbytes(rng.randint(1, 32))
            buf[pos:pos] = ins
            steps.append(f"insert@{pos}+{len(ins)}")
        elif op == 3:
            n = rng.randint(1, min(len(buf), 1 + rng.choice((4, 64, 1024))))
            del buf[pos : pos + n]
            steps.append(f"delete@{pos}-{n}")
        elif op == 4:
            n = rng.randint(1, min(len(buf) - pos, 512))
            piece = bytes(buf[pos : pos + n])
            at = rng.randrange(len(buf))
            buf[at:at] = piece * rng.choice((1, 2, 8))
            steps.append(f"dup@{pos}-{n}->{at}")
        elif op == 5:
            token = rng.choice(_TOKENS)
            buf[pos : pos + (len(token) if rng.random() < 0.5 else 0)] = token
            steps.append(f"token@{pos}")
        elif op == 6:
            cut = rng.randrange(len(buf) // 2, len(buf) + 1)
            del buf[cut:]
            steps.append(f"truncate@{cut}")
        elif op == 7:
            n = rng.randint(1, min(len(buf) - pos, 8))
            for i in range(pos, pos + n):
                buf[i] = rng.randrange(256)
            steps.append(f"random@{pos}-{n}")
        else:
            digits = list(re.finditer(rb"\d+", bytes(buf)))
            if digits:
                m = rng.choice(digits)
                value = rng.choice((b"0", b"-1", b"4294967296", b"99999999999999999999", b"1e308", b"007"))
                buf[m.start() : m.end()] = value
                steps.append(f"number@{m.start()}")
    return bytes(buf)


# -- text ----------------------------------------------------------------------------------------------

_ODD = (
    "\u200b", "\u00a0", "\ufeff", "\u202e", "\x00", "\x0c", "\r", "\t", "\U0001f4dd", "\ufffd", "\u0301",
    "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "&amp;", "%s%n", "\\", "\"", "§", "¶",
    "1.1.1.1.1.1.1.1.1.1.1.1", "(a)(i)(A)(1)", "ARTICLE XLII", "Schedule", "clause 99.99(zz)", "…",
)  # fmt: skip


def text_lines(rng: random.Random) -> list[str]:
    lines = list(seed_lines())
    picked = [rng.choice(lines) for _ in range(rng.randint(0, 60))]
    out: list[str] = []
    for line in picked:
        r = rng.random()
        if r < 0.15:
            pos = rng.randrange(len(line) + 1)
            line = line[:pos] + rng.choice(_ODD) + line[pos:]
        elif r < 0.25:
            line = re.sub(r"\d+", lambda _: str(rng.choice((0, 1, 99, 10**9, -1))), line)
        elif r < 0.30:
            line = line * rng.randint(2, 50)
        elif r < 0.35:
            line = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 80)))
        out.append(line)
        if rng.random() < 0.5:
            out.append("")
    return out


def gen_text(rng: random.Random) -> Case:
    lines = text_lines(rng)
    text = "\n".join(lines)
    suffix = rng.choice((".txt", ".txt", ".md"))
    encoding = rng.choice(("utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"))
    data = text.encode(encoding, errors="replace")
    steps = [f"{len(lines)} lines", encoding]
    if rng.random() < 0.2:
        data = havoc(data, rng, steps, rounds=rng.randint(1, 4))
    return Case("text", f"fuzz{suffix}", data, steps=steps)


# -- DOCX ----------------------------------------------------------------------------------------------


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


@functools.cache
def _seed_members(index: int) -> tuple[tuple[str, bytes], ...]:
    return tuple(_members(seed_docx_files()[index]))


def rezip(members: list[tuple[str, bytes]], changed: set[str] = frozenset()) -> bytes:  # type: ignore[assignment]
    """Write members in order; unchanged ones stored (fast), changed ones deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": duplicates are one of the mutations
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if name in changed else zipfile.ZIP_STORED
            zf.writestr(info, blob)
    return buf.getvalue()


_XML_PARTS = (
    "word/document.xml",
    "word/numbering.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/_rels/document.xml.rels",
    "[Content_Types].xml",
    "docProps/app.xml",
)
_HOSTILE_VALUES = (
    "", "-1", "0", "1", "9", "10", "4294967296", "99999999999", "abc", "%1%2%3%4%5%6%7%8%9%10",
    "%1.%1.%1", "true", "false", "nothing", "tab", "decimal", "bullet", "upperRoman", "ordinal",
    "cardinalText", "chicago", "ideographDigital", "none", "page", "begin", "separate", "end",
    "x" * 3000, "\u202e", "../../etc/passwd", "http://127.0.0.1:9/x", "External", "continue", "restart",
)  # fmt: skip
_ELEMENTS = (
    "p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent", "ins", "del", "moveFrom", "moveTo",
    "hyperlink", "fldSimple", "fldChar", "instrText", "numPr", "numId", "ilvl", "pPr", "rPr", "vanish",
    "tab", "br", "sym", "smartTag", "customXml", "lvl", "abstractNum", "num", "lvlOverride",
    "startOverride", "vMerge", "gridSpan", "footnote", "style", "pStyle", "outlineLvl",
)  # fmt: skip


def _mutate_tree(root: etree._Element, rng: random.Random, steps: list[str]) -> None:
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for _ in range(rng.randint(1, 4)):
        el = rng.choice(elements)
        op = rng.randrange(8)
        parent = el.getparent()
        if op == 0 and parent is not None:
            parent.remove(el)
            steps.append(f"drop <{etree.QName(el).localname}>")
        elif op == 1 and parent is not None:
            for _ in range(rng.choice((1, 2, 50))):
                parent.insert(parent.index(el), _copy(el))
            steps.append(f"duplicate <{etree.QName(el).localname}>")
        elif op == 2:
            target = rng.choice(elements)
            if target is not el and el not in set(target.iterancestors()) and el.getparent() is not None:
                target.append(el)
                steps.append(f"move <{etree.QName(el).localname}>")
        elif op == 3:
            attrs = list(el.attrib)
            name = rng.choice(attrs) if attrs and rng.random() < 0.7 else f"{{{W_NS}}}val"
            el.set(name, rng.choice(_HOSTILE_VALUES))
            steps.append(f"attr {etree.QName(name).localname}")
        elif op == 4:
            child = etree.SubElement(el, f"{{{W_NS}}}{rng.choice(_ELEMENTS)}")
            if rng.random() < 0.5:
                child.set(f"{{{W_NS}}}val", rng.choice(_HOSTILE_VALUES))
            steps.append(f"add <{etree.QName(child).localname}>")
        elif op == 5:
            depth = rng.choice((10, 100, 240, 300))
            wrapper = rng.choice(("sdt", "hyperlink", "ins", "customXml", "smartTag"))
            inner = el
            for _ in range(depth):
                if inner.getparent() is None:
                    break
                box = etree.Element(f"{{{W_NS}}}{wrapper}")
                inner.addprevious(box)
                box.append(inner)
                inner = box
            steps.append(f"nest {wrapper} x{depth}")
        elif op == 6:
            odd = rng.choice(_ODD).replace("\x00", "").replace("\x0c", "") or "x"
            el.text = odd * rng.choice((1, 1000))
            steps.append("text")
        else:
            for child in list(el):
                el.remove(child)
            steps.append(f"empty <{etree.QName(el).localname}>")


def _copy(el: etree._Element) -> etree._Element:
    return copy.deepcopy(el)


_BILLION_LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
    + b"]>"
)
_XXE = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def gen_docx_xml(rng: random.Random) -> Case:
    index = rng.randrange(len(seed_docx_files()))
    members = list(_seed_members(index))
    names = [n for n, _ in members if n in _XML_PARTS]
    part = rng.choice(names)
    if rng.random() < 0.5 and "word/document.xml" in names:
        part = "word/document.xml"
    steps = [f"seed {index}", part]
    i = next(i for i, (n, _) in enumerate(members) if n == part)
    blob = members[i][1]
    parser = etree.XMLParser(resolve_entities=False, remove_blank_text=False)
    root = etree.fromstring(blob, parser)
    _mutate_tree(root, rng, steps)
    out = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    r = rng.random()
    if r < 0.05:
        out = out.replace(b"?>", b"?>" + _BILLION_LAUGHS, 1)
        out = re.sub(rb"<w:t>", b"<w:t>&i;", out, count=1)
        steps.append("billion laughs")
    elif r < 0.10:
        out = out.replace(b"?>", b"?>" + _XXE, 1)
        out = re.sub(rb"<w:t>", b"<w:t>&x;", out, count=1)
        steps.append("external entity")
    members[i] = (part, out)
    return Case("docx-xml", "fuzz.docx", rezip(members, {part}), steps=steps)


def gen_docx_part_bytes(rng: random.Random) -> Case:
    index = rng.randrange(len(seed_docx_files()))
    members = list(_seed_members(index))
    i = rng.randrange(len(members))
    if rng.random() < 0.6:
        i = next(j for j, (n, _) in enumerate(members) if n == "word/document.xml")
    name, blob = members[i]
    steps = [f"seed {index}", name]
    members[i] = (name, havoc(blob, rng, steps))
    return Case("docx-part-bytes", "fuzz.docx", rezip(members, {name}), steps=steps)


_EXTERNAL_RELS = (
    '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    '{kind}" Target="{target}" TargetMode="External"/>'
)


_RETARGETS = (
    b"../../../../etc/passwd", b"document.xml", b"/word/document.xml", b"", b"numbering.xml#frag",
    b"%2e%2e/x",
)  # fmt: skip


def gen_docx_zip(rng: random.Random) -> Case:
    index = rng.randrange(len(seed_docx_files()))
    members = list(_seed_members(index))
    steps = [f"seed {index}"]
    changed: set[str] = set()
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(7)
        i = rng.randrange(len(members))
        name, blob = members[i]
        if op == 0:
            del members[i]
            steps.append(f"drop {name}")
        elif op == 1:
            members.insert(rng.randrange(len(members) + 1), (name, blob))
            steps.append(f"duplicate {name}")
        elif op == 2:
            new = rng.choice(("../../evil.xml", "/abs.xml", "C:\\x.xml", "word/../../x.xml", name.upper()))
            members[i] = (new, blob)
            steps.append(f"rename {name} -> {new}")
        elif op == 3:
            members.append((f"word/media/pad{i}.bin", bytes(rng.choice((0, 1 << 10, 1 << 20)))))
            steps.append("add padding member")
        elif op == 4:
            j = next((j for j, (n, _) in enumerate(members) if n == "word/_rels/document.xml.rels"), None)
            if j is not None:
                kind = rng.choice(("numbering", "styles", "header", "footnotes", "image", "hyperlink"))
                target = rng.choice(("http://127.0.0.1:9/evil.xml", "file:///etc/passwd", "\\\\host\\share"))
                rel = _EXTERNAL_RELS.format(kind=kind, target=target).encode()
                members[j] = (
                    members[j][0],
                    members[j][1].replace(b"</Relationships>", rel + b"</Relationships>"),
                )
                changed.add(members[j][0])
                steps.append(f"external {kind} relationship")
        elif op == 5:
            j = next((j for j, (n, _) in enumerate(members) if n == "word/_rels/document.xml.rels"), None)
            if j is not None:
                rels = members[j][1]
                targets = re.findall(rb'Target="([^"]+)"', rels)
                if targets:
                    old = rng.choice(targets)
                    new_target = rng.choice(_RETARGETS)
                    members[j] = (members[j][0], rels.replace(b'"' + old + b'"', b'"' + new_target + b'"', 1))
                    changed.add(members[j][0])
                    steps.append(f"retarget {old!r} -> {new_target!r}")
        else:
            members.reverse()
            steps.append("reverse member order")
    return Case("docx-zip", "fuzz.docx", rezip(members, changed), steps=steps)


def gen_docx_bytes(rng: random.Random) -> Case:
    index = rng.randrange(len(seed_docx_files()))
    steps = [f"seed {index}"]
    return Case("docx-bytes", "fuzz.docx", havoc(seed_docx_files()[index], rng, steps), steps=steps)


# -- PDF -----------------------------------------------------------------------------------------------


def _engine(rng: random.Random) -> str:
    return "pdfplumber" if rng.random() < 0.35 else "pdfium"


def gen_pdf_bytes(rng: random.Random) -> Case:
    index = rng.randrange(len(seed_pdfs()))
    steps = [f"seed {index}"]
    data = havoc(seed_pdfs()[index], rng, steps)
    return Case("pdf-bytes", "fuzz.pdf", data, engine=_engine(rng), steps=steps)


_REF = re.compile(rb"(\d+) 0 R")
_FILTERS = (
    b"/FlateDecode", b"/LZWDecode", b"/ASCII85Decode", b"/DCTDecode", b"/JBIG2Decode", b"/RunLengthDecode",
    b"/Crypt", b"[/FlateDecode /FlateDecode]",
)  # fmt: skip


def gen_pdf_struct(rng: random.Random) -> Case:
    index = rng.randrange(len(seed_pdfs()))
    data = seed_pdfs()[index]
    steps = [f"seed {index}"]
    objects = int(re.findall(rb"/Size (\d+)", data)[-1])
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(9)
        if op == 0:  # point a reference at another object: cycles, wrong types
            refs = list(_REF.finditer(data))
            m = rng.choice(refs)
            target = rng.choice((1, 2, rng.randrange(objects), 0, objects + 5, 10**9))
            data = data[: m.start()] + b"%d 0 R" % target + data[m.end() :]
            steps.append(f"ref@{m.start()} -> {target}")
        elif op == 1:
            data = re.sub(
                rb"/Count \d+", b"/Count %d" % rng.choice((0, -1, 10**6, 2**31, 2**63)), data, count=1
            )
            steps.append("count")
        elif op == 2:  # the page tree containing itself or the catalog
            data = data.replace(b"/Kids [", b"/Kids [%d 0 R " % rng.choice((1, 2)), 1)
            steps.append("kids cycle")
        elif op == 3:
            data = re.sub(rb"/Parent \d+ 0 R", b"/Parent %d 0 R" % rng.randrange(1, objects), data, count=1)
            steps.append("parent loop")
        elif op == 4:  # a Type0 font naming a CMap, or a path
            cmap = rng.choice(
                (b"/Identity-H", b"/..#2f..#2f..#2ftmp#2fevil", b"/UniJIS-UCS2-H", b"/90ms-RKSJ-H")
            )
            data = data.replace(
                b"/Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding",
                b"/Subtype /Type0 /BaseFont /Helvetica /Encoding " + cmap + b" /DescendantFonts [3 0 R]",
                1,
            )
            steps.append(f"cmap {cmap!r}")
        elif op == 5:  # repeat the text operators of a content stream (a long, valid stream)
            m = re.search(rb"<< /Length (\d+) >>\nstream\n(BT.*?)\nendstream", data, re.S)
            if m and len(m.group(2)) < 1 << 16:  # repeated twice it would not fit the worker's memory
                body = (m.group(2) + b"\n") * rng.choice((10, 100, 400))
                data = (
                    data[: m.start()]
                    + b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)
                    + data[m.end() :]
                )
                steps.append("long stream")
        elif op == 6:
            data = re.sub(rb"/Length \d+", b"/Length %d" % rng.choice((0, -5, 10**9)), data, count=1)
            steps.append("length")
        elif op == 7:
            name = rng.choice(_FILTERS)
            data = data.replace(b"<< /Length", b"<< /Filter %s /Length" % name, 1)
            steps.append(f"filter {name!r}")
        else:
            data = data.replace(
                b"/MediaBox [0 0",
                b"/MediaBox [%s" % rng.choice((b"1e9 1e9", b"-5 0", b"0 0 0 0 0 0", b"/x 0")),
                1,
            )
            steps.append("mediabox")
    return Case("pdf-struct", "fuzz.pdf", data, engine=_engine(rng), steps=steps)


_ALGORITHMS = ("RC4-40", "RC4-128", "AES-128", "AES-256")


def gen_pdf_encrypted(rng: random.Random) -> Case:
    """A seed PDF encrypted with an owner password only (it opens without one, and its streams are not
    zlib data until decrypted), sometimes with a user password too, then byte-mutated."""
    import pypdf

    index = rng.randrange(len(seed_pdfs()))
    algorithm = rng.choice(_ALGORITHMS)
    user = rng.choice(("", "", "", "secret"))
    steps = [f"seed {index}", f"encrypt {algorithm} user={user!r}"]
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(seed_pdfs()[index])))
    writer.encrypt(user_password=user, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    if rng.random() < 0.7:
        data = havoc(data, rng, steps)
    return Case("pdf-encrypted", "fuzz.pdf", data, engine=_engine(rng), steps=steps)


GENERATORS: dict[str, Callable[[random.Random], Case]] = {
    "text": gen_text,
    "docx-xml": gen_docx_xml,
    "docx-part-bytes": gen_docx_part_bytes,
    "docx-zip": gen_docx_zip,
    "docx-bytes": gen_docx_bytes,
    "pdf-bytes": gen_pdf_bytes,
    "pdf-struct": gen_pdf_struct,
    "pdf-encrypted": gen_pdf_encrypted,
}


def make_case(kind: str, seed: int | str) -> Case:
    return GENERATORS[kind](random.Random(f"{kind}:{seed}"))


# -- the property --------------------------------------------------------------------------------------


class CaseTimeout(BaseException):
    """Raised by ``time_limit`` (a BaseException, so no ``except Exception`` in the code swallows it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of wall-clock time (main thread, POSIX)."""

    def fire(signum: int, frame: FrameType | None) -> None:
        raise CaseTimeout(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.cache
def _linter(engine: str | None) -> object:
    from contractlint.extract.limits import Limits
    from contractlint.lint import LintConfig, Linter

    # Small limits keep each case cheap; the limits themselves are part of what is tested.
    limits = Limits(max_file_size=8 << 20, max_decompressed_size=64 << 20, max_pages=200, max_chars=2_000_000)
    # Every rule, the hygiene family (off by default) too.
    return Linter(LintConfig(pdf_engine=engine, limits=limits, select=("ALL",)))  # type: ignore[arg-type]


def check_case(case: Case) -> str:
    """Lint the case; return ``"report"`` or the ContractlintError's class name, or raise anything else."""
    from contractlint.errors import ContractlintError
    from contractlint.lint import Linter
    from contractlint.model import Report

    linter = _linter(case.engine)
    assert isinstance(linter, Linter)
    try:
        report = linter.lint(case.data, filename=case.name)
    except ContractlintError as exc:
        message = str(exc)
        assert message and "\n" not in message, f"error message must be one line: {message!r}"
        return type(exc).__name__
    assert isinstance(report, Report)
    report.to_dict()  # every report must also serialise
    return "report"

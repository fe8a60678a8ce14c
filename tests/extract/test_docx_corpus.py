"""Our Word numbers against LibreOffice's rendering of real contracts (CCS framework, Crown Copyright).

Each DOCX is converted to PDF by LibreOffice and read with ``pdftotext -layout``; every paragraph we
gave an automatic number must appear, in order, as a line (or a table column) starting with that
number and the paragraph's first words. LibreOffice shows tracked changes in its PDF (deleted text
struck through, "2.1[2.2]" numbers), so it converts a copy with all changes accepted; that copy is made
here with plain lxml, independently of the extractor.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import contractlint
from contractlint.model import Document

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOLDER = Path("docs") / "ccs_uk" / "fm_framework_2017_v1.4"
DOCUMENTS = [
    "Core Terms FM1.4 CCSv2.7 161117.docx",
    "Joint Schedule 3 - Insurance Requirements v.1.4.docx",
    "Call-Off Schedule 8 (O) - Security v.1.4.docx",
    "Framework Schedule 7 - Call-Off Procedure and Award Criteria v.1.4.docx",
    "Call-Off Schedule 15 - Facilities Management v.1.4.docx",
    "Joint Schedule 1 - Definitions v.1.4.docx",
]
MIN_MATCHED = 0.98

_WS = re.compile(r"\s+")
_GAP = re.compile(r" {2,}|\t")
_UNWRAP = (f"{W}ins", f"{W}moveTo")
_DROP = (f"{W}del", f"{W}moveFrom")
_DROP_ALWAYS = tuple(
    W + t
    for t in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblGridChange",
        "tcPrChange",
        "trPrChange",
        "numberingChange",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
    )
)


def accept_all_changes(data: bytes) -> bytes:
    """A copy of a DOCX with every tracked change accepted, for LibreOffice to render."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
                _join_deleted_paragraph_marks(root)
                for el in list(root.iter(*_DROP_ALWAYS)):
                    el.getparent().remove(el)
                for el in list(root.iter(*_DROP)):
                    parent = el.getparent()
                    if parent is not None:
                        parent.remove(el)
                for el in list(root.iter(*_UNWRAP)):
                    parent = el.getparent()
                    if parent is None:
                        continue
                    if parent.tag.endswith("}rPr") or parent.tag.endswith("}trPr"):
                        parent.remove(el)
                        continue
                    index = parent.index(el)
                    for offset, child in enumerate(list(el)):
                        parent.insert(index + offset, child)
                    parent.remove(el)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return out.getvalue()


def _join_deleted_paragraph_marks(root: etree._Element) -> None:
    """A paragraph whose mark is deleted joins the next paragraph once the deletion is accepted."""
    for p in list(root.iter(f"{W}p")):
        mark = p.find(f"{W}pPr/{W}rPr/{W}del")
        following = p.getnext()
        if mark is None or following is None or following.tag != f"{W}p":
            continue
        content = [c for c in p if c.tag != f"{W}pPr"]
        anchor = following.find(f"{W}pPr")
        index = 0 if anchor is None else following.index(anchor) + 1
        for offset, child in enumerate(content):
            following.insert(index + offset, child)
        p.getparent().remove(p)


def _norm(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def pdf_lines(docx: Path, workdir: Path) -> list[str]:
    """LibreOffice renders the DOCX; pdftotext -layout gives its lines."""
    workdir.mkdir(parents=True, exist_ok=True)
    copy = workdir / "accepted.docx"
    copy.write_bytes(accept_all_changes(docx.read_bytes()))
    profile = Path("/tmp") / f"lo-profile-contractlint-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(workdir),
                str(copy),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = workdir / "accepted.pdf"
    txt = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8", errors="replace")
    return txt.replace("\f", "\n").split("\n")


def match_labels(
    doc: Document, lines: list[str], sources: tuple[str, ...] = ("auto",)
) -> tuple[int, int, list[str]]:
    """Count numbered paragraphs whose ``number + first words`` start a PDF line or table column."""
    starts = [[_norm(line[m:]) for m in (0, *(g.end() for g in _GAP.finditer(line)))] for line in lines]
    cursor = matched = total = 0
    missed: list[str] = []
    for block in doc.blocks:
        if block.number_source not in sources or block.number is None:
            continue
        total += 1
        label = _norm(block.number)
        body = block.text[block.text_start :]
        if block.number_source == "typed" and body.startswith(block.number):
            body = body[len(block.number) :]
        own = _norm(body)[:20]
        found = None
        for i in range(cursor, len(lines)):
            for candidate in starts[i]:
                if not candidate.startswith(label):
                    continue
                rest = candidate[len(label) :].strip()
                # A wrapped line may hold fewer than 20 characters of the paragraph.
                if rest.startswith(own) or (len(rest) >= 4 and own.startswith(rest)):
                    found = i
                    break
            if found is not None:
                break
        if found is None:
            missed.append(f"{block.number} {own}")
        else:
            matched += 1
            cursor = found
    return matched, total, missed


@pytest.fixture(scope="module")
def tools() -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("needs LibreOffice (soffice) and poppler-utils (pdftotext)")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_word_numbers_match_libreoffice(corpus_dir: Path, tools: None, tmp_path: Path, name: str) -> None:
    path = corpus_dir / FOLDER / name
    if not path.is_file():
        pytest.skip(f"{name} not in the corpus")
    doc = contractlint.extract(path)
    lines = pdf_lines(path, tmp_path)
    if name.startswith("Core Terms"):
        # The Core Terms type their clause numbers (Word numbering there is bullets only), so the
        # numbers to check are the typed ones our parser read from the paragraph text.
        assert match_labels(doc, lines)[1] == 0
        matched, total, missed = match_labels(doc, lines, ("typed",))
        assert total > 100
    else:
        matched, total, missed = match_labels(doc, lines)
    print(f"\n{name}: {matched}/{total} clause numbers match LibreOffice")
    for miss in missed[:10]:
        print(f"  missed: {miss}")
    assert total >= 30
    assert matched / total >= MIN_MATCHED, missed[:10]

"""PDF highlights over each finding's boxes, notes for missing provisions, the rest of the file kept."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text

import contractlint
from contractlint.annotate import annotate, comment_text
from contractlint.errors import EncryptedFileError
from contractlint.model import Report
from tests.annotate.fixtures import build_pdf_file


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture PDF with a reviewer's note already on page 1."""
    path = build_pdf_file(tmp_path_factory.mktemp("annotate-pdf") / "msa.pdf")
    writer = PdfWriter(clone_from=PdfReader(path))
    note = Text(rect=(500, 700, 520, 720), text="Reviewer: check the fees", title_bar="Counsel")
    writer.add_annotation(0, note)
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture(scope="module")
def report(contract: Path) -> Report:
    return contractlint.lint(contract)


@pytest.fixture(scope="module")
def annotated(contract: Path, report: Report) -> Path:
    return annotate(contract, report)


def _annots(path: Path) -> list[tuple[int, dict]]:
    reader = PdfReader(path)
    return [(i + 1, a.get_object()) for i, page in enumerate(reader.pages) for a in page.get("/Annots") or []]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_input_unchanged_and_default_name(contract: Path, report: Report, annotated: Path) -> None:
    assert annotated == contract.with_name("msa.reviewed.pdf")
    assert hashlib.sha256(contract.read_bytes()).hexdigest() == report.document.source.sha256


def test_one_highlight_per_located_finding_and_page(annotated: Path, report: Report) -> None:
    highlights = [(page, a) for page, a in _annots(annotated) if a["/Subtype"] == "/Highlight"]
    located = [f for f in report.findings if not f.missing]
    assert located and len(highlights) == sum(len(f.location.pages) for f in located)
    assert {page for page, _ in highlights} == {1, 2}
    for (page, a), finding in zip(highlights, located, strict=True):
        assert page == finding.location.page
        assert a["/Contents"] == comment_text(finding)
        assert a["/T"] == "contractlint"
        assert len(a["/QuadPoints"]) == 8 * len(finding.location.boxes)
        popup = a["/Popup"].get_object()
        assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object()["/NM"] == a["/NM"]


def test_highlights_cover_the_findings_text_even_on_a_rotated_page(annotated: Path, report: Report) -> None:
    """pdfium reads the text under each highlight's rectangle, in PDF user space."""
    highlights = [(page, a) for page, a in _annots(annotated) if a["/Subtype"] == "/Highlight"]
    located = [f for f in report.findings if not f.missing]
    pdf = pdfium.PdfDocument(str(annotated))
    try:
        rotated = 0
        for (page_no, a), finding in zip(highlights, located, strict=True):
            page = pdf[page_no - 1]
            rotated += page.get_rotation() == 90
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            textpage = page.get_textpage()
            # A box that covers part of a line is narrowed in proportion to its characters
            # (``Document.locate``), so with a proportional font it can be a letter short or long.
            under = _words(textpage.get_text_bounded(left=x0 - 4, bottom=y0 - 4, right=x1 + 4, top=y1 + 4))
            assert finding.excerpt in under and len(under) <= len(finding.excerpt) + 4, finding.code
        assert rotated, "the fixture's second page is rotated"
    finally:
        pdf.close()


def test_missing_provisions_get_notes_and_a_summary_on_page_one(annotated: Path, report: Report) -> None:
    ours = [(p, a) for p, a in _annots(annotated) if a.get("/T") == "contractlint"]
    notes = [(p, a) for p, a in ours if a["/Subtype"] == "/Text"]
    missing = [f for f in report.findings if f.missing]
    assert missing
    summary = [a for page, a in notes if a["/NM"] == "contractlint-summary"]
    assert len(summary) == 1 and notes[-1][0] == 1
    text = summary[0]["/Contents"]
    assert text.startswith(f"{len(missing)} provisions not found")
    for f in missing:
        assert comment_text(f) in text
    anchored = [a for _, a in notes if a["/NM"] != "contractlint-summary"]
    assert sorted(c for a in anchored for c in re.findall(r"^([A-Z]+\d+) ", a["/Contents"], re.M)) == sorted(
        f.code for f in missing
    )


def test_existing_annotations_survive(annotated: Path) -> None:
    theirs = [a for _, a in _annots(annotated) if a.get("/T") == "Counsel"]
    assert [a["/Contents"] for a in theirs] == ["Reviewer: check the fees"]


def test_relint_gives_the_same_findings(annotated: Path, report: Report) -> None:
    assert contractlint.lint(annotated).findings == report.findings


def test_encrypted_pdf_is_refused(contract: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(contract))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    report = contractlint.lint(path)  # an owner password alone does not stop reading
    with pytest.raises(EncryptedFileError, match="encrypted"):
        annotate(path, report)
    assert not (tmp_path / "locked.reviewed.pdf").exists()

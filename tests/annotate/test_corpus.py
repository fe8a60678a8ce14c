"""Annotating real contracts (Common Paper PSA, CCS schedules, Crown Copyright): every finding gets a
comment on its own text, the reviewers' comments and tracked changes stay, and re-linting agrees."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import contractlint
from contractlint.annotate import annotate
from tests.annotate.helpers import expected_anchor, read_comments

pytestmark = pytest.mark.corpus

DOCX = [
    "docs/commonpaper/common-paper-professional-services-agreement/template.docx",
    "docs/ccs_uk/fm_framework_2017_v1.4/Call-Off Schedule 9 (O) - MobilisationPlan and Testing v.1.4.docx",
]
PDF = "docs/ccs_uk/schedule28.pdf"


def _changes(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return len(re.findall(rb"<w:(?:ins|del) ", zf.read("word/document.xml")))


@pytest.mark.parametrize("name", DOCX, ids=["psa", "ccs-schedule-9"])
def test_docx(corpus_dir: Path, tmp_path: Path, name: str) -> None:
    source = corpus_dir / name
    report = contractlint.lint(source)
    out = annotate(source, report, tmp_path / "reviewed.docx")
    before, after = source.read_bytes(), out.read_bytes()
    ours = [c for c in read_comments(after) if c.author == "contractlint"]
    assert len(ours) == len(report.findings) > 0
    exact = sum(
        c.anchored == expected_anchor(report.document, f) for f, c in zip(report.findings, ours, strict=True)
    )
    assert exact == len(ours)
    prior = read_comments(before)
    assert [c for c in read_comments(after) if c.author != "contractlint"] == prior
    assert _changes(after) == _changes(before)
    assert contractlint.lint(out).findings == report.findings


def test_pdf(corpus_dir: Path, tmp_path: Path) -> None:
    source = corpus_dir / PDF
    report = contractlint.lint(source)
    out = annotate(source, report, tmp_path / "reviewed.pdf")
    reader = PdfReader(out)
    annots = [a.get_object() for p in reader.pages for a in p.get("/Annots") or []]
    ours = [a for a in annots if a.get("/T") == "contractlint"]
    located = [f for f in report.findings if not f.missing]
    highlights = sum(a["/Subtype"] == "/Highlight" for a in ours)
    assert highlights == sum(len(f.location.pages) for f in located)
    assert sum(a.get("/NM") == "contractlint-summary" for a in ours) == 1
    before = sum(len(p.get("/Annots") or []) for p in PdfReader(source).pages)
    assert len(annots) == before + len(ours) + highlights  # and a popup per highlight
    assert contractlint.lint(out).findings == report.findings

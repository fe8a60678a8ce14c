"""Word comments on the exact runs of each finding, with everything else in the file left as it was."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import contractlint
from contractlint.annotate import annotate, comment_text
from contractlint.errors import InputError, OutputError, OutputExistsError, UnsupportedFormatError
from contractlint.model import Report
from tests.annotate.fixtures import PRIOR_COMMENT, build_docx
from tests.annotate.helpers import W, expected_anchor, read_comments
from tests.extract.docx_builder import DocxBuilder, abstract_num, num, para


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docx(tmp_path_factory.mktemp("annotate") / "msa.docx")


@pytest.fixture(scope="module")
def report(contract: Path) -> Report:
    return contractlint.lint(contract)


@pytest.fixture(scope="module")
def annotated(contract: Path, report: Report) -> Path:
    return annotate(contract, report)


def _ours(path: Path) -> list:
    return [c for c in read_comments(path.read_bytes()) if c.author == "contractlint"]


def test_writes_the_default_name_and_leaves_the_input_alone(contract: Path, report: Report) -> None:
    before = hashlib.sha256(contract.read_bytes()).hexdigest()
    out = annotate(contract, report, contract.with_name("copy.docx"))
    assert out == contract.with_name("copy.docx")
    assert hashlib.sha256(contract.read_bytes()).hexdigest() == before == report.document.source.sha256
    assert not [p for p in contract.parent.iterdir() if p.name.endswith(".tmp")]


def test_default_output_name(annotated: Path, contract: Path) -> None:
    assert annotated == contract.with_name("msa.reviewed.docx")


def test_one_comment_per_finding_with_rule_message_and_suggestion(annotated: Path, report: Report) -> None:
    ours = _ours(annotated)
    assert report.findings and len(ours) == len(report.findings)
    assert any(f.missing for f in report.findings)
    for finding, comment in zip(report.findings, ours, strict=True):
        assert comment.text == comment_text(finding)
        assert comment.text.startswith(f"{finding.code} {finding.name}")
        assert finding.message in comment.text
        assert finding.suggestion in comment.text
        assert not comment.text.lower().startswith("contractlint: ignore")


def test_each_comment_covers_exactly_the_findings_text(annotated: Path, report: Report) -> None:
    ours = _ours(annotated)
    for finding, comment in zip(report.findings, ours, strict=True):
        assert comment.anchored == expected_anchor(report.document, finding), finding.code
    by_excerpt = {(f.code, f.excerpt): c.anchored for f, c in zip(report.findings, ours, strict=True)}
    # Across runs of different formatting, inside a run, inside a tracked insertion:
    assert by_excerpt[("DV002", "as needed")] == "as needed"
    assert by_excerpt[("DV002", "etc.")] == "etc."
    assert by_excerpt[("DV006", "[insert amount]")] == "[insert amount]"
    assert by_excerpt[("DV002", "as necessary")] == "as necessary"
    # A missing provision sits on the clause where it belongs; Word draws the "2", no run holds it.
    missing = next(f for f in report.findings if f.code == "EX002")
    assert missing.missing and missing.excerpt == "2 Term and Termination"
    assert by_excerpt[("EX002", "2 Term and Termination")] == "Term and Termination"


def test_comment_is_inside_the_insertion_but_its_mark_is_not(annotated: Path) -> None:
    with zipfile.ZipFile(annotated) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    ins = body.find(f".//{W}ins")
    assert ins is not None
    assert ins.find(f"{W}commentRangeStart") is not None and ins.find(f"{W}commentRangeEnd") is not None
    assert not list(ins.iter(f"{W}commentReference"))


def _chars(data: bytes) -> list[list[tuple[str, bytes]]]:
    """Per paragraph, each visible character with its run properties: what the reader sees."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        chars = []
        for r in p.iter(f"{W}r"):
            rpr = r.find(f"{W}rPr")
            props = b"" if rpr is None else etree.tostring(rpr)
            for t in r.iter(f"{W}t", f"{W}delText", f"{W}instrText"):
                chars.extend((ch, props + t.tag.encode()) for ch in t.text or "")
        out.append(chars)
    return out


def test_split_runs_keep_text_and_formatting(contract: Path, annotated: Path) -> None:
    assert _chars(annotated.read_bytes()) == _chars(contract.read_bytes())
    with zipfile.ZipFile(annotated) as zf:
        xml = zf.read("word/document.xml").decode()
    # "as " is bold and "needed" italic: the comment starts at "as", so neither run was merged.
    assert re.search(r"<w:b/></w:rPr><w:t[^>]*>as </w:t>", xml)


def test_prior_comments_changes_numbering_headers_survive(contract: Path, annotated: Path) -> None:
    before, after = contract.read_bytes(), annotated.read_bytes()
    prior = [c for c in read_comments(after) if c.author != "contractlint"]
    assert [(c.id, c.author, c.text, c.anchored) for c in prior] == [
        (c.id, c.author, c.text, c.anchored) for c in read_comments(before)
    ]
    assert prior[0].text == PRIOR_COMMENT

    def xml(data: bytes, name: str) -> etree._Element:
        return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))

    def change(e: etree._Element) -> tuple[dict[str, str], str]:
        return dict(e.attrib), "".join(t.text or "" for t in e.iter(f"{W}t", f"{W}delText"))

    body_before, body_after = xml(before, "word/document.xml"), xml(after, "word/document.xml")
    for tag in ("ins", "del"):  # a comment's runs may be split inside an insertion: same text, same author
        changes = [change(e) for e in body_before.iter(f"{W}{tag}")]
        assert changes and changes == [change(e) for e in body_after.iter(f"{W}{tag}")], tag
    for tag in ("numPr", "instrText", "fldChar"):
        old = [etree.tostring(e) for e in body_before.iter(f"{W}{tag}")]
        assert old and old == [etree.tostring(e) for e in body_after.iter(f"{W}{tag}")], tag
    for name in ("word/numbering.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml"):
        old_el, new_el = xml(before, name), xml(after, name)
        assert etree.tostring(old_el, method="c14n") == etree.tostring(new_el, method="c14n"), name
    doc_before, doc_after = contractlint.extract(contract), contractlint.extract(annotated)
    assert [(b.number, b.text) for b in doc_after.blocks] == [(b.number, b.text) for b in doc_before.blocks]
    assert [b.text for b in doc_after.other_blocks] == [b.text for b in doc_before.other_blocks]
    assert "Confidential draft" in [b.text for b in doc_after.other_blocks]


def test_opens_with_python_docx(annotated: Path, report: Report) -> None:
    document = docx.Document(str(annotated))
    comments = list(document.comments)
    assert len(comments) == len(report.findings) + 1
    assert {c.author for c in comments} == {"contractlint", "Counsel"}
    assert all(c.initials == "CL" for c in comments if c.author == "contractlint")


def test_relint_gives_the_same_findings(annotated: Path, report: Report) -> None:
    again = contractlint.lint(annotated)
    assert again.findings == report.findings
    assert getattr(again, "suppressed", 0) == 0  # our comments are never read as suppressions


def test_refuses_to_overwrite_without_force(contract: Path, report: Report, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError, match="--force"):
        annotate(contract, report, out)
    assert out.read_bytes() == b"keep me"
    annotate(contract, report, out, force=True)
    assert docx.Document(str(out)).comments is not None


def test_never_overwrites_the_input_even_with_force(contract: Path, report: Report) -> None:
    before = contract.read_bytes()
    with pytest.raises(OutputError, match="input"):
        annotate(contract, report, contract, force=True)
    assert contract.read_bytes() == before


def test_refuses_a_report_of_another_file(contract: Path, tmp_path: Path) -> None:
    other = build_docx(tmp_path / "other.docx")
    with zipfile.ZipFile(other, "a") as zf:
        zf.writestr("customXml/extra.xml", "<x/>")  # same text, different bytes
    with pytest.raises(InputError, match="different file"):
        annotate(other, contractlint.lint(contract), tmp_path / "x.docx")


def test_text_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "msa.txt"
    path.write_text("1. Services. The Supplier shall provide support as needed.\n")
    with pytest.raises(UnsupportedFormatError, match="DOCX and PDF"):
        annotate(path)
    assert not (tmp_path / "msa.reviewed.txt").exists()


def test_findings_alone_are_enough(contract: Path, report: Report, tmp_path: Path) -> None:
    picked = [f for f in report.findings if f.code == "DV002"]
    out = annotate(contract, picked, tmp_path / "dv002.docx")
    assert [c.text.split()[0] for c in _ours(out)] == ["DV002"] * len(picked)


def test_span_on_a_number_only_paragraph_anchors_on_the_next_text(tmp_path: Path) -> None:
    builder = DocxBuilder().numbering(abstract_num(0), num(1, 0))
    builder.body(para(text="", num_id=1, ilvl=0), para(text="Services and fees, etc."))
    path = builder.save(tmp_path / "bare.docx")
    document = contractlint.extract(path)
    assert document.blocks[0].text == "1 "
    from contractlint.model import Finding

    finding = Finding(
        code="X001",
        name="x",
        category="x",
        severity="info",
        message="m",
        location=document.locate(0, 2),
        excerpt="1",
        suggestion="s",
        missing=True,
    )
    out = annotate(path, [finding], tmp_path / "bare.reviewed.docx")
    assert [c.anchored for c in _ours(out)] == ["Services and fees, etc."]


@pytest.mark.slow
def test_libreoffice_converts_the_annotated_copy(annotated: Path, report: Report, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(tmp_path),
            str(annotated),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "msa.reviewed.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0
    from pypdf import PdfReader

    notes = [
        a.get_object()
        for page in PdfReader(pdf).pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Text"
    ]
    # LibreOffice exports each Word comment as a PDF note: ours and the reviewer's.
    assert len(notes) == len(report.findings) + 1
    assert sum(1 for n in notes if str(n.get("/Contents", "")).startswith("EX002")) == 1

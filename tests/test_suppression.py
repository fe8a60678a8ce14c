"""Inline suppressions: directive lines in text/Markdown, Word comments, and unused-suppression reports."""

from __future__ import annotations

from pathlib import Path

import docx

from contractlint.extract import extract
from contractlint.lint import LintConfig, lint, lint_text
from contractlint.model import Comment
from contractlint.suppression import parse_suppression

VAGUE = "The Supplier shall promptly repair every defect in the Software."
PRECISE = "The Supplier shall repair every defect in the Software within five (5) Business Days."
ONLY = LintConfig(select=("DV002", "CL100"))


def _codes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in report.findings]


def test_without_a_directive_the_finding_is_reported() -> None:
    report = lint_text(f"1. Services\n\n{VAGUE}", config=ONLY)
    assert _codes(report) == ["DV002"]
    assert report.suppressed == 0


def test_a_directive_line_suppresses_the_clause_it_opens() -> None:
    text = f"1. Services\n\n<!-- contractlint: ignore DV002 - agreed with counsel -->\n2. Repairs\n\n{VAGUE}"
    report = lint_text(text, config=ONLY)
    assert _codes(report) == []
    assert report.suppressed == 1
    assert report.to_dict()["summary"]["suppressed"] == 1  # type: ignore[index]
    assert "contractlint" not in report.document.text  # the directive is not contract text


def test_a_directive_covers_only_its_own_clause() -> None:
    text = f"<!-- contractlint: ignore DV002 - agreed -->\n1. Services\n\n{PRECISE}\n\n2. Repairs\n\n{VAGUE}"
    report = lint_text(text, config=ONLY)
    assert "DV002" in _codes(report)  # the defect in clause 2 is not covered
    unused = [f for f in report.findings if f.code == "CL100"]
    assert len(unused) == 1 and "no DV002 finding" in unused[0].message
    assert unused[0].location.line == 2


def test_ignore_file_covers_the_whole_contract_and_prefixes_select_families() -> None:
    text = f"<!-- contractlint: ignore-file DV - a draft for discussion -->\n\n1. Services\n\n{VAGUE}"
    report = lint_text(text, config=ONLY)
    assert _codes(report) == [] and report.suppressed == 1


def test_unused_suppressions_are_reported_and_can_be_ignored() -> None:
    text = f"<!-- contractlint: ignore DV002, XY999 - stale -->\n1. Services\n\n{PRECISE}"
    report = lint_text(text, config=ONLY)
    assert _codes(report) == ["CL100"]
    message = report.findings[0].message
    assert "no DV002 finding" in message and "XY999 is not a rule code" in message
    assert report.findings[0].severity == "info"
    quiet = lint_text(text, config=LintConfig(select=("DV002",)))
    assert _codes(quiet) == []


def test_a_directive_for_a_rule_that_did_not_run_says_so() -> None:
    text = f"<!-- contractlint: ignore EX002 - agreed -->\n1. Services\n\n{PRECISE}"
    report = lint_text(text, config=ONLY)
    assert [f.message.endswith("EX002 is not enabled in this run.") for f in report.findings] == [True]


def test_parse_reads_codes_and_reason() -> None:
    comment = Comment("contractlint: ignore EX002, dv002 - accepted by the client (email of 3 May)", 5, 9)
    parsed = parse_suppression(comment, text_length=100)
    assert parsed is not None
    assert parsed.codes == ("EX002", "DV002")
    assert parsed.reason.startswith("accepted by the client")
    assert not parsed.problem
    assert parse_suppression(Comment("Please check the fees.", 0, 1), text_length=10) is None
    bad = parse_suppression(Comment("contractlint: ignore", 0, 1), text_length=10)
    assert bad is not None and "names no rule code" in bad.problem


def _docx_with_comment(path: Path, comment: str, *, on_vague: bool) -> Path:
    document = docx.Document()
    document.add_heading("1. Services", level=1)
    vague = document.add_paragraph()
    first = vague.add_run("The Supplier shall promptly repair ")
    last = vague.add_run("every defect in the Software.")
    other = document.add_paragraph("The Customer shall pay the Fees within thirty (30) days.")
    runs = [first, last] if on_vague else [other.runs[0]]
    document.add_comment(runs=runs, text=comment, author="Counsel", initials="C")
    document.save(str(path))
    return path


def test_word_comment_ranges_are_document_offsets(tmp_path: Path) -> None:
    path = _docx_with_comment(tmp_path / "c.docx", "contractlint: ignore DV002 - agreed", on_vague=True)
    doc = extract(path)
    assert len(doc.comments) == 1
    c = doc.comments[0]
    assert doc.text[c.start : c.end] == "The Supplier shall promptly repair every defect in the Software."
    assert c.author == "Counsel" and c.text == "contractlint: ignore DV002 - agreed"


def test_a_word_comment_suppresses_findings_in_its_range(tmp_path: Path) -> None:
    path = _docx_with_comment(tmp_path / "c.docx", "contractlint: ignore DV002 - agreed", on_vague=True)
    report = lint(path, config=ONLY)
    assert _codes(report) == [] and report.suppressed == 1


def test_a_word_comment_elsewhere_suppresses_nothing_and_is_reported(tmp_path: Path) -> None:
    path = _docx_with_comment(tmp_path / "c.docx", "contractlint: ignore DV002 - agreed", on_vague=False)
    report = lint(path, config=ONLY)
    assert sorted(_codes(report)) == ["CL100", "DV002"]
    unused = next(f for f in report.findings if f.code == "CL100")
    assert "Counsel's comment" in unused.message
    assert unused.excerpt.startswith("The Customer shall pay")


def test_ordinary_word_comments_are_not_directives(tmp_path: Path) -> None:
    path = _docx_with_comment(tmp_path / "c.docx", "Is five days enough?", on_vague=True)
    report = lint(path, config=ONLY)
    assert _codes(report) == ["DV002"] and report.suppressed == 0


def test_a_comment_range_across_paragraphs_and_outside_them(tmp_path: Path) -> None:
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Title")
    first = document.add_paragraph().add_run("First paragraph.")
    second = document.add_paragraph().add_run("Second paragraph.")
    document.add_paragraph("Third.")
    document.add_comment(runs=[first, second], text="spans two", author="X")
    p = first._parent._p  # type: ignore[attr-defined]
    start = p.find(qn("w:commentRangeStart"))
    p.remove(start)
    p.addprevious(start)  # Word also writes range marks between paragraphs
    path = tmp_path / "multi.docx"
    document.save(str(path))
    doc = extract(path)
    assert [doc.text[c.start : c.end] for c in doc.comments] == ["First paragraph.\n\nSecond paragraph."]

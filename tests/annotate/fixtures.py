"""Small contracts written for these tests: a DOCX with Word numbering, tracked changes, a field, a
reviewer's comment and a header, and a PDF with a rotated page."""

from __future__ import annotations

from pathlib import Path

from tests.extract.docx_builder import DocxBuilder, abstract_num, num, para, run
from tests.extract.pdf_builder import Line, Page, build_pdf

INS = '<w:ins w:id="901" w:author="Counsel" w:date="2026-01-01T00:00:00Z">{}</w:ins>'
DEL = '<w:del w:id="902" w:author="Counsel" w:date="2026-01-01T00:00:00Z">{}</w:del>'
REF_FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\r \\h </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r><w:t>1.1</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
PRIOR_COMMENT = "Is this scope right? - Counsel"


def build_docx(path: Path) -> Path:
    """A services agreement whose findings fall across runs, inside tracked insertions and after numbers."""
    builder = DocxBuilder().numbering(abstract_num(0), num(1, 0))
    builder.body(
        para(text="MASTER SERVICES AGREEMENT"),
        para(text="Services", num_id=1, ilvl=0),
        para(
            run("The Supplier shall provide support ")
            + run("as ", "<w:b/>")
            + run("needed", "<w:i/>")
            + run(" and other services to the Customer, etc. The fees are [insert amount].")
        ),
        para(
            run("The Supplier shall deliver the reports ")
            + INS.format(run("as necessary and "))
            + DEL.format('<w:r><w:delText xml:space="preserve">promptly </w:delText></w:r>')
            + run("as described in clause ")
            + REF_FIELD
            + run("."),
            num_id=1,
            ilvl=1,
        ),
        para(text="Term and Termination", num_id=1, ilvl=0),
        para(text="This Agreement continues for {term_length} unless terminated.", num_id=1, ilvl=1),
        para(text="Each party shall perform its obligations in a timely manner.", num_id=1, ilvl=1),
    )
    document = builder.document
    first = document.paragraphs[2]
    document.add_comment(first.runs[0], text=PRIOR_COMMENT, author="Counsel", initials="C")
    document.sections[0].header.paragraphs[0].text = "Confidential draft"
    document.sections[0].footer.paragraphs[0].text = "Page footer text"
    return builder.save(path)


def build_pdf_file(path: Path) -> Path:
    """Two pages; the second is landscape (``/Rotate 90``)."""
    first = Page(
        lines=[
            Line(72, 72, "MASTER SERVICES AGREEMENT", size=14, bold=True),
            Line(72, 110, "1. Services", bold=True),
            Line(72, 130, "The Supplier shall provide support as needed and other services, etc."),
            Line(72, 146, "The fees are [insert amount] payable monthly."),
            Line(72, 180, "2. Term and Termination", bold=True),
            Line(72, 200, "This Agreement continues for {term_length} unless terminated."),
        ]
    )
    second = Page(
        lines=[
            Line(72, 72, "3. Reports", bold=True),
            Line(72, 92, "The Supplier shall deliver reports as necessary to the Customer."),
        ],
        rotate=90,
    )
    path.write_bytes(build_pdf([first, second]))
    return path

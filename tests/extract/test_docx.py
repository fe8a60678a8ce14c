"""DOCX extraction: Word's visible numbers, accepted tracked changes, tables, fields and hostile zips."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest

import contractlint
from contractlint.errors import (
    CorruptFileError,
    EncryptedFileError,
    LegacyFormatError,
    LimitExceededError,
)
from contractlint.extract.docx import extract_docx
from contractlint.extract.limits import DEFAULT_LIMITS, Limits
from contractlint.model import Document
from tests.extract.docx_builder import (
    DocxBuilder,
    Lvl,
    abstract_num,
    cell,
    num,
    para,
    paragraph_style,
    run,
    table,
)


def _extract(builder: DocxBuilder, tmp_path: Path, name: str = "contract.docx") -> Document:
    return contractlint.extract(builder.save(tmp_path / name))


def _numbered(doc: Document) -> list[tuple[str | None, str]]:
    return [(b.number, b.text[b.text_start :]) for b in doc.blocks]


# --- Word numbering ---------------------------------------------------------------------------


def test_multilevel_numbers_reset_deeper_levels(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    levels = [0, 1, 2, 2, 3, 3, 4, 4, 1, 3, 0, 1, 5, 5]
    b.body(*(para(text=f"clause {i}", num_id=1, ilvl=lvl) for i, lvl in enumerate(levels)))
    doc = _extract(b, tmp_path)
    assert [blk.number for blk in doc.blocks] == [
        "1", "1.1", "1.1.1", "1.1.2", "(a)", "(b)", "(i)", "(ii)",
        "1.2", "(a)", "2", "2.1", "A.", "B.",
    ]  # fmt: skip
    assert [blk.level for blk in doc.blocks] == levels
    assert all(blk.number_source == "auto" and blk.kind == "list_item" for blk in doc.blocks)


def test_number_precedes_the_text_and_text_start_points_after_it(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    b.body(para(text="Fees", num_id=1, ilvl=0), para(text="The Customer shall pay.", num_id=1, ilvl=1))
    doc = _extract(b, tmp_path)
    block = doc.blocks[1]
    assert block.text == "1.1 The Customer shall pay."
    assert block.text[block.text_start :] == "The Customer shall pay."
    assert doc.text[block.location.start + block.text_start :].startswith("The Customer")


def test_upper_letter_lower_roman_and_legal_numbering(tmp_path: Path) -> None:
    levels = (
        Lvl(0, "upperLetter", "Schedule %1"),
        Lvl(1, "lowerRoman", "%1.%2", legal=True),
        Lvl(2, "upperRoman", "%3)", suff="space"),
    )
    b = DocxBuilder().numbering(abstract_num(1, levels), num(1, 1))
    b.body(
        para(text="Services", num_id=1, ilvl=0),
        para(text="Service Levels", num_id=1, ilvl=0),
        para(text="one", num_id=1, ilvl=1),
        para(text="two", num_id=1, ilvl=1),
        para(text="x", num_id=1, ilvl=2),
        para(text="y", num_id=1, ilvl=2),
        para(text="z", num_id=1, ilvl=2),
        para(text="w", num_id=1, ilvl=2),
    )
    doc = _extract(b, tmp_path)
    # isLgl shows every level in Arabic numerals: "2.1", not "B.i".
    assert [blk.number for blk in doc.blocks] == [
        "Schedule A", "Schedule B", "2.1", "2.2", "I)", "II)", "III)", "IV)",
    ]  # fmt: skip


def test_start_override_restarts_the_count(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1), num(2, 1, {0: 1}))
    b.body(
        para(text="a", num_id=1, ilvl=0),
        para(text="b", num_id=1, ilvl=0),
        para(text="c", num_id=1, ilvl=0),
        para(text="restarted", num_id=2, ilvl=0),
        para(text="continues", num_id=2, ilvl=0),
    )
    doc = _extract(b, tmp_path)
    assert [blk.number for blk in doc.blocks] == ["1", "2", "3", "1", "2"]


def test_two_num_ids_sharing_one_abstract_continue_one_count(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1), num(3, 1))
    b.body(
        para(text="a", num_id=1, ilvl=0),
        para(text="b", num_id=1, ilvl=0),
        para(text="other list instance", num_id=3, ilvl=0),
        para(text="sub", num_id=3, ilvl=1),
    )
    doc = _extract(b, tmp_path)
    assert [blk.number for blk in doc.blocks] == ["1", "2", "3", "3.1"]


def test_numbering_from_paragraph_style_chain_and_level_link(tmp_path: Path) -> None:
    levels = (
        Lvl(0, "decimal", "%1.", pstyle="ClauseHeading"),
        Lvl(1, "decimal", "%1.%2", pstyle="ClauseText"),
        Lvl(2, "lowerLetter", "(%3)"),
    )
    b = DocxBuilder().numbering(abstract_num(7, levels), num(4, 7))
    b.styles(
        paragraph_style("ClauseHeading", "Clause Heading", num_id=4, bold=True),
        # No ilvl in the style: the level comes from the abstractNum's w:pStyle link.
        paragraph_style("ClauseText", "Clause Text", num_id=4),
        # Inherits numId 4 through basedOn; sets its own level.
        paragraph_style("ClauseSub", "Clause Sub", based_on="ClauseText", ilvl=2),
    )
    b.body(
        para(text="Services", style="ClauseHeading"),
        para(text="The Supplier shall provide the Services.", style="ClauseText"),
        para(text="on time;", style="ClauseSub"),
        para(text="with care.", style="ClauseSub"),
        para(text="The Supplier shall report.", style="ClauseText"),
        para(text="Unnumbered note in the same style.", style="ClauseText", num_id=0),
        para(text="Fees", style="ClauseHeading"),
    )
    doc = _extract(b, tmp_path)
    assert [blk.number for blk in doc.blocks] == ["1.", "1.1", "(a)", "(b)", "1.2", None, "2."]
    assert doc.blocks[0].style == "Clause Heading"
    assert doc.blocks[0].emphasis  # short and all bold through its style
    note = doc.blocks[5]
    assert note.kind == "paragraph" and note.number_source is None
    assert note.text == "Unnumbered note in the same style."


def test_list_number_style_of_the_default_template(tmp_path: Path) -> None:
    """Word's built-in "List Number" style carries its numbering in styles.xml, not in the paragraph."""
    document = docx.Document()
    for text in ("first", "second", "third"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("a bullet", style="List Bullet")
    path = tmp_path / "list.docx"
    document.save(str(path))
    doc = contractlint.extract(path)
    assert [(b.number, b.kind) for b in doc.blocks] == [
        ("1.", "list_item"),
        ("2.", "list_item"),
        ("3.", "list_item"),
        (None, "list_item"),
    ]
    assert doc.blocks[3].text == "a bullet"


def test_num_id_zero_switches_numbering_off(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    b.body(
        para(text="one", num_id=1, ilvl=0),
        para(text="plain", num_id=0, ilvl=0),
        para(text="two", num_id=1, ilvl=0),
    )
    doc = _extract(b, tmp_path)
    assert _numbered(doc) == [("1", "one"), (None, "plain"), ("2", "two")]
    assert doc.blocks[1].kind == "paragraph"


def test_headings_by_style_and_bold_short_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Master Services Agreement", level=0)
    document.add_heading("Definitions", level=1)
    p = document.add_paragraph()
    p.add_run("Payment Terms").bold = True
    document.add_paragraph("The Customer shall pay each invoice within 30 days.")
    path = tmp_path / "headings.docx"
    document.save(str(path))
    doc = contractlint.extract(path)
    kinds = [(b.kind, b.level, b.style, b.emphasis) for b in doc.blocks]
    assert kinds == [
        ("heading", 0, "Title", False),
        ("heading", 0, "Heading 1", True),  # bold through its style
        ("paragraph", None, "Normal", True),
        ("paragraph", None, "Normal", False),
    ]


# --- text as Word shows it --------------------------------------------------------------------

W_INS = '<w:ins w:id="1" w:author="Counsel" w:date="2026-01-01T00:00:00Z">{}</w:ins>'
W_DEL = '<w:del w:id="2" w:author="Counsel" w:date="2026-01-01T00:00:00Z">{}</w:del>'


def test_tracked_changes_read_as_accepted_with_a_warning(tmp_path: Path) -> None:
    deleted = '<w:r><w:delText xml:space="preserve">60</w:delText></w:r>'
    b = DocxBuilder().body(
        para(run("pay within ") + W_INS.format(run("30")) + W_DEL.format(deleted) + run(" days.")),
        # A paragraph whose mark is deleted joins the next one once accepted.
        para(run("The Supplier shall "), ppr=f"<w:rPr>{W_DEL.format('')}</w:rPr>"),
        para(text="deliver the Services."),
        para(W_DEL.format('<w:r><w:delText>Removed clause.</w:delText></w:r>')),
    )  # fmt: skip
    doc = _extract(b, tmp_path)
    assert [blk.text for blk in doc.blocks] == [
        "pay within 30 days.",
        "The Supplier shall deliver the Services.",
    ]
    assert doc.blocks[1].location.paragraph == 2
    changes = [w for w in doc.warnings if w.code == "tracked-changes"]
    assert len(changes) == 1 and changes[0].count == 4  # 1 insertion, 3 deletions


def test_comments_are_counted_in_a_warning(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    first = p.add_run("The Supplier shall provide ")
    last = p.add_run("the Services.")
    document.add_comment(runs=[first, last], text="Which services?", author="Counsel", initials="C")
    document.add_paragraph("No comment here.")
    path = tmp_path / "comments.docx"
    document.save(str(path))
    doc = contractlint.extract(path)
    assert doc.blocks[0].text == "The Supplier shall provide the Services."
    comments = [w for w in doc.warnings if w.code == "comments"]
    assert len(comments) == 1 and comments[0].count == 1
    assert "Which services" not in doc.text


def test_ref_field_shows_its_result_never_its_instruction(tmp_path: Path) -> None:
    ref = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF _Ref1234 \\r \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("14.3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = '<w:fldSimple w:instr=" PAGEREF _Ref1234 \\h ">' + run("7") + "</w:fldSimple>"
    b = DocxBuilder().body(para(run("as set out in clause ") + ref + run(" (page ") + simple + run(").")))
    doc = _extract(b, tmp_path)
    assert doc.text == "as set out in clause 14.3 (page 7)."


def test_special_characters_breaks_and_hidden_text(tmp_path: Path) -> None:
    content = (
        run("Part")
        + "<w:r><w:tab/></w:r>"
        + run("one")
        + "<w:r><w:br/></w:r>"
        + run("non")
        + "<w:r><w:noBreakHyphen/></w:r>"
        + run("exclusive, re")
        + "<w:r><w:softHyphen/></w:r>"
        + run("newal")
        + run(" SECRET", rpr="<w:vanish/>")
        + '<w:r><w:br w:type="page"/></w:r>'
        + '<w:r><w:sym w:font="Symbol" w:char="F0A7"/></w:r>'
    )
    doc = _extract(DocxBuilder().body(para(content)), tmp_path)
    assert doc.text == "Part\tone\nnon-exclusive, renewal§"


def test_headers_footers_and_footnotes_are_kept_apart(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("The Supplier shall provide the Services.")
    document.sections[0].header.paragraphs[0].text = "CONFIDENTIAL"
    document.sections[0].footer.paragraphs[0].text = "Acme / Bytewise MSA v3"
    path = tmp_path / "hf.docx"
    document.save(str(path))
    doc = contractlint.extract(path)
    assert doc.text == "The Supplier shall provide the Services."
    others = {(b.location.story, b.text) for b in doc.other_blocks}
    assert others == {("header", "CONFIDENTIAL"), ("footer", "Acme / Bytewise MSA v3")}


def test_footnotes_are_kept_apart_without_separators(tmp_path: Path) -> None:
    b = DocxBuilder().body(para(text="The Supplier shall comply with the Data Protection Laws."))
    b.footnotes(para(text="As amended from time to time."), para(text="See Schedule 4."))
    doc = _extract(b, tmp_path)
    assert doc.text == "The Supplier shall comply with the Data Protection Laws."
    notes = [(blk.location.story, blk.text) for blk in doc.other_blocks]
    assert notes == [("footnote", "As amended from time to time."), ("footnote", "See Schedule 4.")]


# --- tables -----------------------------------------------------------------------------------


def test_table_cells_in_order_with_merged_cells_once(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    b.body(
        para(text="Before the table."),
        table(
            [cell(para(text="Service"), tcpr='<w:gridSpan w:val="2"/>'), cell(para(text="Level"))],
            [
                cell(para(text="Helpdesk"), tcpr='<w:vMerge w:val="restart"/>'),
                cell(para(text="Hours")),
                cell(para(text="First line."), para(text="Respond in 4 hours.", num_id=1, ilvl=1)),
            ],
            [
                cell(para(), tcpr="<w:vMerge/>"),
                cell(para(text="Nested:"), table([cell(para(text="inner"))], grid=1)),
                cell(para(text="99.5%")),
            ],
        ),
        para(text="After the table."),
    )
    doc = _extract(b, tmp_path)
    rows = [
        (blk.kind, blk.text, blk.location.table, blk.location.row, blk.location.cell) for blk in doc.blocks
    ]
    assert rows == [
        ("paragraph", "Before the table.", None, None, None),
        ("table_cell", "Service", 1, 1, 1),
        ("table_cell", "Level", 1, 1, 2),
        ("table_cell", "Helpdesk", 1, 2, 1),
        ("table_cell", "Hours", 1, 2, 2),
        ("table_cell", "First line.", 1, 2, 3),
        ("table_cell", "1.1 Respond in 4 hours.", 1, 2, 3),
        ("table_cell", "Nested:", 1, 3, 2),
        ("table_cell", "inner", 2, 1, 1),
        ("table_cell", "99.5%", 1, 3, 3),
        ("paragraph", "After the table.", None, None, None),
    ]  # fmt: skip
    assert doc.text.count("Helpdesk") == 1
    # Paragraph ordinals count every w:p of the body, table cells and empty ones included.
    assert [blk.location.paragraph for blk in doc.blocks] == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]


def test_locate_maps_an_offset_in_a_numbered_cell_back_to_its_cell(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    b.body(
        para(text="Service levels", num_id=1, ilvl=0),
        table(
            [
                cell(para(text="Availability")),
                cell(para(text="The Supplier shall meet 99.9% uptime.", num_id=1, ilvl=1)),
            ]
        ),
    )  # fmt: skip
    doc = _extract(b, tmp_path)
    offset = doc.text.index("99.9%")
    loc = doc.locate(offset, offset + 5)
    block = doc.blocks[loc.block or 0]
    assert block.number == "1.1"
    assert (loc.story, loc.table, loc.row, loc.cell, loc.paragraph) == ("body", 1, 1, 2, 3)
    assert doc.text[loc.start : loc.end] == "99.9%"


# --- package and safety -----------------------------------------------------------------------


def _plain_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("The Supplier shall provide the Services.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                continue
            dst.writestr(info, src.read(info))
        for name, blob in replace.items():
            if blob is not None:
                dst.writestr(name, blob)
    return out.getvalue()


def test_zip_bomb_is_refused_quickly_by_declared_size() -> None:
    data = _rezip(_plain_docx(), {"word/media/filler.bin": b"\0" * 400_000})
    limits = Limits(max_decompressed_size=200_000)
    start = time.perf_counter()
    with pytest.raises(LimitExceededError, match="--max-decompressed-size") as info:
        extract_docx(data, name="bomb.docx", path=None, limits=limits)
    assert time.perf_counter() - start < 1.0
    assert "\n" not in str(info.value)


def test_zip_member_lying_about_its_size_is_refused() -> None:
    data = bytearray(_rezip(_plain_docx(), {"word/media/filler.bin": b"\0" * 400_000}))
    # Make the filler declare 10 bytes in both headers; its real content is 400,000 bytes.
    real = (400_000).to_bytes(4, "little")
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(sig)
        while pos != -1:
            if data[pos + at : pos + at + 4] == real:
                data[pos + at : pos + at + 4] = (10).to_bytes(4, "little")
            pos = data.find(sig, pos + 4)
    with pytest.raises((LimitExceededError, CorruptFileError)):
        extract_docx(bytes(data), name="liar.docx", path=None, limits=Limits(max_decompressed_size=200_000))


def test_too_many_zip_members_is_refused() -> None:
    data = _rezip(_plain_docx(), {f"customXml/x{i}.xml": b"<x/>" for i in range(30)})
    with pytest.raises(LimitExceededError, match="zip members"):
        extract_docx(data, name="many.docx", path=None, limits=Limits(max_zip_members=20))


def test_path_traversal_member_is_refused_without_touching_disk(tmp_path: Path) -> None:
    data = _rezip(_plain_docx(), {"../../evil.txt": b"owned"})
    with pytest.raises(CorruptFileError, match="unsafe zip member"):
        extract_docx(data, name="evil.docx", path=None, limits=DEFAULT_LIMITS)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_not_a_zip_and_missing_document_part_are_corrupt_files() -> None:
    with pytest.raises(CorruptFileError, match="not a valid DOCX"):
        extract_docx(b"PK\x03\x04 not really a zip", name="x.docx", path=None, limits=DEFAULT_LIMITS)
    no_body = _rezip(_plain_docx(), {"word/document.xml": None})
    with pytest.raises(CorruptFileError, match=r"word/document\.xml is missing") as info:
        extract_docx(no_body, name="y.docx", path=None, limits=DEFAULT_LIMITS)
    assert str(info.value).startswith("y.docx: ")
    broken_xml = _rezip(_plain_docx(), {"word/document.xml": b"<w:document><unclosed>"})
    with pytest.raises(CorruptFileError):
        extract_docx(broken_xml, name="z.docx", path=None, limits=DEFAULT_LIMITS)


def test_ole2_input_called_directly_gets_the_legacy_or_encrypted_error() -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(LegacyFormatError):
        extract_docx(ole2 + b"\0" * 1024, name="old.doc", path=None, limits=DEFAULT_LIMITS)
    encrypted = ole2 + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(EncryptedFileError):
        extract_docx(encrypted, name="locked.docx", path=None, limits=DEFAULT_LIMITS)


def test_xml_entities_are_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = _rezip(_plain_docx(), {"word/document.xml": laughs})
    try:
        doc = extract_docx(data, name="laughs.docx", path=None, limits=DEFAULT_LIMITS)
    except CorruptFileError:
        return
    assert "AAAA" not in doc.text


def test_input_file_is_unchanged_and_source_is_described(tmp_path: Path) -> None:
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    b.body(para(text="Services", num_id=1, ilvl=0))
    path = b.save(tmp_path / "contract.docx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    doc = contractlint.extract(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert doc.source.sha256 == before
    assert (doc.source.format, doc.source.extractor) == ("docx", "docx")
    assert doc.source.path == str(path)
    # python-docx's template carries <Pages>1</Pages> in docProps/app.xml.
    assert doc.source.page_count == 1


def test_demo_contract_fixture_reads_as_word_shows_it(fixtures_dir: Path) -> None:
    """fixtures/services_agreement.docx (built by fixtures/build_fixtures.py) is the README's demo."""
    doc = contractlint.extract(fixtures_dir / "services_agreement.docx")
    numbers = [b.number for b in doc.blocks if b.number_source == "auto"]
    assert numbers[:8] == ["1.", "1.1", "(a)", "(b)", "(c)", "(d)", "2.", "2.1"]
    assert numbers.count("3.2") == 1 and "7.1" in numbers
    term = next(b for b in doc.blocks if b.number == "3.1")
    assert "initial term of three years" in term.text
    assert [w.count for w in doc.warnings if w.code == "tracked-changes"] == [2]
    assert {b.location.table for b in doc.blocks if b.kind == "table_cell"} == {1}
    assert "Acme Ltd" in doc.text and '(the "Supplier")' in doc.text
    assert {b.location.story for b in doc.other_blocks} == {"header", "footer"}


def test_empty_numbered_paragraph_carrying_a_section_break_takes_no_number(tmp_path: Path) -> None:
    """Common Paper templates end their cover page with an empty Heading 1 holding the w:sectPr; Word's
    rendering and the template's own cross-references number the next heading 1 (regression)."""
    b = DocxBuilder().numbering(abstract_num(1), num(1, 1))
    section = '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>'
    b.body(
        para(num_id=1, ilvl=0, ppr=section),
        para(text="Service", num_id=1, ilvl=0),
        para(text="Access and Use.", num_id=1, ilvl=1),
        para(text="Restrictions", num_id=1, ilvl=0),
    )
    doc = _extract(b, tmp_path)
    assert [blk.number for blk in doc.blocks] == ["1", "1.1", "2"]

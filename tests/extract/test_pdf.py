"""PDF extraction: both engines, one layout pipeline. Fixtures are built here with ``pdf_builder``."""

from __future__ import annotations

import io

import pytest

from contractlint.errors import CorruptFileError, EncryptedFileError, LimitExceededError
from contractlint.extract import PDF_ENGINES, Limits, extract
from contractlint.model import Document
from tests.extract.pdf_builder import Line, Page, build_pdf

HEADER = "ACME Corp - Master Services Agreement - CONFIDENTIAL"
FOOTER = "Source: ACME CORP, 8-K, 1/23/2020"


def _chrome(number: int, total: int) -> list[Line]:
    """A running header, a running footer and a page number, as EDGAR exhibits carry them."""
    return [
        Line(72, 30, HEADER, size=9),
        Line(300, 740, f"- {number} -", size=9),
        Line(72, 760, FOOTER, size=9),
        Line(480, 775, f"Page {number} of {total}", size=9),
    ]


def _contract() -> bytes:
    p1 = [
        Line(72, 72, "MASTER SERVICES AGREEMENT", size=14, bold=True),
        Line(72, 110, "1. Services. The Supplier shall provide the services described in each"),
        Line(72, 124, "Statement of Work with due care, and the Customer may request the termi-"),
        Line(72, 138, "nation of any Statement of Work on thirty days notice."),
        Line(72, 162, "2. Licence. The Customer grants the Supplier a royalty-free and non-"),
        Line(72, 176, "exclusive licence to use the Customer Materials for the Services."),
        Line(72, 200, "3. Fees. The Customer shall pay each undisputed invoice within thirty days"),
        Line(72, 214, "of receipt, and the Supplier may charge interest on late payments at the"),
    ]
    p2 = [
        Line(72, 72, "rate set out in Schedule 2 until payment is made in full."),
        Line(72, 96, "4. Term. This Agreement starts on the Effective Date and continues until"),
        Line(72, 110, "terminated in accordance with its terms."),
        Line(72, 134, "(a) either party may terminate for material breach;"),
        Line(72, 148, "(b) the Customer may terminate for convenience."),
    ]
    p3 = [
        Line(72, 72, "5. Governing Law. This Agreement is governed by the laws of England."),
    ]
    pages = [p1, p2, p3]
    return build_pdf([Page(lines + _chrome(i + 1, len(pages))) for i, lines in enumerate(pages)])


@pytest.fixture(params=PDF_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _extract(data: bytes, engine: str, limits: Limits | None = None) -> Document:
    return extract(data, filename="contract.pdf", pdf_engine=engine, limits=limits)  # type: ignore[arg-type]


def test_running_headers_footers_and_page_numbers_are_removed_and_listed(engine: str) -> None:
    doc = _extract(_contract(), engine)
    for chrome in (HEADER, FOOTER, "Page 2 of 3", "- 2 -"):
        assert chrome not in doc.text
        assert chrome in doc.removed_lines
    assert len(doc.removed_lines) == len(set(doc.removed_lines))


def test_word_hyphenated_across_lines_is_joined_but_real_hyphens_stay(engine: str) -> None:
    doc = _extract(_contract(), engine)
    assert "request the termination of any Statement" in doc.text
    assert "royalty-free and non-exclusive licence" in doc.text
    assert "termi-" not in doc.text


def test_line_end_hyphen_between_two_known_words_or_in_a_compound_stays(engine: str) -> None:
    lines = [
        "1. Fees. The Customer pays the then-",
        "current list price and any out-of-",
        "pocket expenses, as then published in the current price list.",
    ]
    data = build_pdf([Page([Line(72, 72 + 14 * i, text) for i, text in enumerate(lines)])])
    (block,) = _extract(data, engine).blocks
    assert "pays the then-current list price and any out-of-pocket expenses" in block.text


def test_clause_number_set_apart_by_a_gap_gets_its_space_with_pdfium() -> None:
    # "10.1" and its text are separate text objects 1.2pt apart with no space character between
    # them, as in many EDGAR filings: pdfium reads "10.1Definitions", a reader sees "10.1
    # Definitions". A decimal split the same way must stay whole. (pdfplumber splits words at its
    # own 3pt tolerance, so this is pdfium's case.)
    number_width = 21.4  # "10.1" in 11pt Helvetica
    rate_width = 61.14  # "The rate is 3"
    lines = [
        Line(72, 72, "10.1"),
        Line(72 + number_width + 1.2, 72, "Definitions. Terms mean this."),
        Line(72, 100, "The rate is 3"),
        Line(72 + rate_width + 1.2, 100, ".5% of the fees."),
    ]
    (clause, rate) = _extract(build_pdf([Page(lines)]), "pdfium").blocks
    assert clause.text == "10.1 Definitions. Terms mean this."
    assert rate.text == "The rate is 3.5% of the fees."


def test_paragraph_continues_across_a_page_break(engine: str) -> None:
    doc = _extract(_contract(), engine)
    fees = next(b for b in doc.blocks if b.text.startswith("3. Fees."))
    assert fees.text.endswith("at the rate set out in Schedule 2 until payment is made in full.")
    assert fees.location.page == 1
    assert fees.location.pages == (1, 2)


def test_numbered_clauses_are_blocks_of_their_own(engine: str) -> None:
    doc = _extract(_contract(), engine)
    starts = [b.text.split(" ", 1)[0] for b in doc.blocks]
    assert starts == ["MASTER", "1.", "2.", "3.", "4.", "(a)", "(b)", "5."]
    heading = doc.blocks[0]
    assert heading.kind == "heading" and heading.emphasis
    assert all(b.kind == "paragraph" for b in doc.blocks[1:])


def test_every_block_has_page_and_box_and_source_facts(engine: str) -> None:
    doc = _extract(_contract(), engine)
    assert doc.source.page_count == 3
    assert doc.source.extractor == engine
    assert doc.source.format == "pdf"
    for block in doc.blocks:
        loc = block.location
        assert loc.page is not None and loc.bbox is not None
        x0, top, x1, bottom = loc.bbox
        assert 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 792
        assert loc.boxes and loc.boxes[0].start == loc.start and loc.boxes[-1].end == loc.end
    on_page_2 = [b.location.paragraph_on_page for b in doc.blocks if b.location.page == 2]
    assert on_page_2 == [1, 2, 3]


def test_locate_maps_an_offset_to_its_page_and_line_box(engine: str) -> None:
    doc = _extract(_contract(), engine)
    # "Schedule 2" sits on page 2, on the line whose top is 72pt below the page top.
    offset = doc.text.index("Schedule 2")
    loc = doc.locate(offset, offset + len("Schedule 2"))
    assert loc.page == 2
    assert loc.bbox is not None
    x0, top, x1, bottom = loc.bbox
    assert 70 <= top <= 74 and 80 <= bottom <= 86  # an 11pt line placed at top=72
    assert 72 < x0 < x1 < 72 + 11 * 0.6 * len("rate set out in Schedule 2 until payment is made")
    # The termination word spans two lines: its span has a box on each.
    t = doc.text.index("termination")
    span = doc.locate(t, t + len("termination"))
    assert [round(b.bbox[1]) for b in span.boxes] == [round(top) + 52, round(top) + 66]


def test_scanned_page_gives_a_no_text_layer_warning(engine: str) -> None:
    text_page = Page([Line(72, 72, "1. The Supplier shall keep records.")])
    data = build_pdf([text_page, Page(image=True), Page(image=True)])
    doc = _extract(data, engine)
    (warning,) = doc.warnings
    assert warning.code == "no-text-layer"
    assert warning.count == 2
    assert "pages 2, 3" in warning.message
    assert [b.text for b in doc.blocks] == ["1. The Supplier shall keep records."]


def test_pdf_without_any_text_is_an_empty_document_with_a_warning(engine: str) -> None:
    doc = _extract(build_pdf([Page(), Page()]), engine)
    assert doc.blocks == () and doc.text == ""
    assert [w.code for w in doc.warnings] == ["no-text-layer"]
    assert doc.page_count == 2


def test_blank_page_among_text_pages_is_not_reported_as_scanned(engine: str) -> None:
    data = build_pdf([Page([Line(72, 72, "1. Scope.")]), Page()])
    assert _extract(data, engine).warnings == ()


def test_truncated_pdf_is_a_corrupt_file_error(engine: str) -> None:
    data = _contract()
    with pytest.raises(CorruptFileError, match=r"contract\.pdf"):
        _extract(data[: len(data) // 2], engine)


def test_password_protected_pdf_says_how_to_remove_the_password(engine: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_contract()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(EncryptedFileError, match=r"password-protected.*qpdf --decrypt"):
        _extract(out.getvalue(), engine)


def test_pdf_with_only_an_owner_password_opens(engine: str) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_contract()))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    doc = _extract(out.getvalue(), engine)
    assert "5. Governing Law." in doc.text


def test_page_limit_names_the_option(engine: str) -> None:
    with pytest.raises(LimitExceededError, match="--max-pages"):
        _extract(_contract(), engine, Limits(max_pages=2))


def test_character_limit_names_the_option(engine: str) -> None:
    with pytest.raises(LimitExceededError, match="--max-chars"):
        _extract(_contract(), engine, Limits(max_chars=500))


def test_rotated_page_boxes_are_in_displayed_coordinates(engine: str) -> None:
    # A landscape page (MediaBox 612 x 792 shown rotated 90 degrees, so 792 wide and 612 high) with
    # a line placed 100pt below the displayed top-left corner.
    data = build_pdf([Page([Line(72, 100, "1. Landscape schedule line.")], rotate=90)])
    doc = _extract(data, engine)
    (block,) = doc.blocks
    assert block.text == "1. Landscape schedule line."
    assert block.location.bbox is not None
    x0, top, x1, bottom = block.location.bbox
    assert 71 <= x0 <= 74 and 99 <= top <= 102 and 108 <= bottom <= 113
    assert 72 + 100 < x1 < 72 + 160


def test_both_engines_agree_on_block_texts() -> None:
    data = _contract()
    texts = {e: [b.text for b in _extract(data, e).blocks] for e in PDF_ENGINES}
    assert texts["pdfium"] == texts["pdfplumber"]


def test_input_bytes_are_not_modified(engine: str) -> None:
    data = bytearray(_contract())
    before = bytes(data)
    extract(data, filename="contract.pdf", pdf_engine=engine)  # type: ignore[arg-type]
    assert bytes(data) == before

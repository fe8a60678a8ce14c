"""Text and Markdown contracts: blocks from blank lines, line numbers kept, offsets exact."""

from __future__ import annotations

from pathlib import Path

import pytest

import contractlint
from contractlint.errors import LimitExceededError
from contractlint.extract.limits import Limits

CONTRACT = """\
MASTER SERVICES AGREEMENT

1. Services
1.1 The Supplier shall provide the Services
described in Schedule 1.
(a) monthly service reports;
(b) a named account manager.

2. Term

This Agreement starts on the Effective Date.
"""


def test_blocks_follow_blank_lines_and_numbered_lines(tmp_path: Path) -> None:
    path = tmp_path / "msa.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    doc = contractlint.extract(path)
    assert [b.text for b in doc.blocks] == [
        "MASTER SERVICES AGREEMENT",
        "1. Services",
        "1.1 The Supplier shall provide the Services\ndescribed in Schedule 1.",
        "(a) monthly service reports;",
        "(b) a named account manager.",
        "2. Term",
        "This Agreement starts on the Effective Date.",
    ]
    assert [b.location.line for b in doc.blocks] == [1, 3, 4, 6, 7, 9, 11]
    assert doc.blocks[2].location.end_line == 5
    assert doc.source.format == "text"
    assert doc.source.page_count is None


def test_every_block_offset_points_at_its_text(tmp_path: Path) -> None:
    path = tmp_path / "msa.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    doc = contractlint.extract(path)
    for block in doc.blocks:
        assert doc.text[block.location.start : block.location.end] == block.text
        assert block.location.paragraph == block.index + 1


def test_locate_maps_an_offset_to_its_line(tmp_path: Path) -> None:
    path = tmp_path / "msa.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    doc = contractlint.extract(path)
    start = doc.text.index("Schedule 1")
    loc = doc.locate(start, start + len("Schedule 1"))
    assert (loc.line, loc.end_line) == (5, 5)
    assert loc.block == 2
    assert loc.paragraph == 3
    assert doc.text[loc.start : loc.end] == "Schedule 1"


def test_unwrapped_text_gives_one_block_per_long_line(tmp_path: Path) -> None:
    long_a = "The Supplier shall deliver the Services in accordance with the Specification " * 3
    long_b = "Either party may terminate this Agreement on ninety days written notice " * 3
    path = tmp_path / "flat.txt"
    path.write_text(f"{long_a.strip()}\n{long_b.strip()}\n", encoding="utf-8")
    doc = contractlint.extract(path)
    assert len(doc.blocks) == 2
    assert doc.blocks[1].location.line == 2


def test_markdown_headings_and_list_items(tmp_path: Path) -> None:
    path = tmp_path / "sow.md"
    path.write_text("# Statement of Work\n\n## Deliverables\n\n- Weekly status report\n", "utf-8")
    doc = contractlint.extract(path)
    assert doc.source.format == "markdown"
    assert [b.kind for b in doc.blocks] == ["heading", "heading", "list_item"]


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Fees – £5,000 per month".encode("cp1252"))
    doc = contractlint.extract(path)
    assert doc.blocks[0].text == "Fees – £5,000 per month"
    assert [w.code for w in doc.warnings] == ["text-encoding"]


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"1. Term\r\n\r\n2. Fees\r\n")
    doc = contractlint.extract(path)
    assert [b.text for b in doc.blocks] == ["1. Term", "2. Fees"]
    assert [b.location.line for b in doc.blocks] == [1, 3]


def test_bytes_source_needs_no_file() -> None:
    doc = contractlint.extract(b"1. Services\n\n2. Term\n", filename="inline.txt")
    assert doc.source.name == "inline.txt"
    assert doc.source.path is None
    assert len(doc.blocks) == 2


def test_character_limit_names_the_flag(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(LimitExceededError, match="--max-chars"):
        contractlint.extract(path, limits=Limits(max_chars=100))


def test_locate_end_line_across_blocks(tmp_path: Path) -> None:
    """Regression: the blank-line separator must not be counted as file lines."""
    path = tmp_path / "gaps.txt"
    path.write_text("1. Term\n\n\n\n\n2. Fees are due\nmonthly.\n", encoding="utf-8")
    doc = contractlint.extract(path)
    loc = doc.locate(0, len(doc.text))
    assert (loc.line, loc.end_line) == (1, 7)


def test_page_numbers_are_dropped_and_a_sentence_runs_on_over_the_page_break(tmp_path: Path) -> None:
    """PDF-to-text conversions leave "Page 6" lines and split sentences at the page break."""
    text = (
        "1. Records. The Agent shall keep records while it is still responsible for its\n\n"
        "Page 6\n\n\n\n"
        "    Book of Business, for one year after termination.\n\n"
        "2. Fees. The Customer shall pay the Fees.\n\n"
        "- 7 -\n\n"
        "3. Term. This Agreement starts today.\n"
    )
    path = tmp_path / "edgar.txt"
    path.write_text(text, encoding="utf-8")
    doc = contractlint.extract(path)
    assert "Page 6" not in doc.text and "- 7 -" not in doc.text
    assert doc.removed_lines == ("- 7 -", "Page 6")
    first = doc.blocks[0]
    assert first.text.startswith("1. Records.") and "Book of Business, for one year" in first.text
    assert first.location.line == 1
    # A page break after a finished sentence still separates the clauses.
    assert [b.text.split(".")[0] for b in doc.blocks] == ["1", "2", "3"]

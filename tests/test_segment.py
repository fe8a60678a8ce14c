"""The clause tree: nesting, titles, citations and look-ups, on small documents built for each case."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from contractlint.cli import outline_json
from contractlint.extract import extract
from contractlint.extract.build import BlockDraft, assemble, make_source
from contractlint.model import Clause, Document
from contractlint.segment import ClauseTree, segment

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("CONTRACTLINT_UPDATE_SNAPSHOTS") == "1"


def text_doc(text: str, name: str = "contract.txt") -> Document:
    return extract(text.encode(), filename=name)


def outline(tree: ClauseTree) -> list[tuple[int, str | None, str | None]]:
    """(level, citation, title) per clause: what a reader writes down."""
    return [(c.level, c.ref, c.title) for c in tree.walk()]


def docx_like(paragraphs: list[tuple[str, str | None, int | None, str]]) -> Document:
    """A Document as the DOCX extractor builds it: (run text, Word number, ilvl, style)."""
    drafts = []
    for run, number, level, style in paragraphs:
        prefix = f"{number} " if number else ""
        kind = "heading" if style.startswith("Heading") else "paragraph"
        drafts.append(
            BlockDraft(
                kind=kind,  # type: ignore[arg-type]
                text=prefix + run,
                number=number,
                level=level,
                number_source="auto" if number else None,
                text_start=len(prefix),
                style=style,
            )
        )
    source = make_source(b"x", name="t.docx", format="docx", path=None, extractor="docx")
    return assemble(source, drafts)


def test_decimal_depth_decides_nesting() -> None:
    tree = segment(text_doc("1. Services\n\n1.1 Scope.\n\n1.1.3 Detail.\n\n1.2 Quality.\n\n2. Fees"))
    assert outline(tree) == [
        (0, "1", "Services"),
        (1, "1.1", "Scope"),
        (2, "1.1.3", "Detail"),
        (1, "1.2", "Quality"),
        (0, "2", "Fees"),
    ]


def test_roman_i_after_h_is_a_letter_and_after_nothing_is_roman() -> None:
    letters = "\n".join(f"({c}) item {c};" for c in "abcdefghi")
    tree = segment(text_doc(f"1. Obligations. The Customer shall:\n{letters}"))
    last = list(tree.walk())[-1]
    assert (last.ref, last.level) == ("1(i)", 1)
    tree = segment(text_doc("1. Support. Provider shall:\n(a) respond:\n(i) within one hour;\n(ii) fix."))
    assert outline(tree)[-2:] == [(2, "1(a)(i)", None), (2, "1(a)(ii)", None)]


def test_article_line_takes_the_heading_on_the_next_block() -> None:
    tree = segment(text_doc("ARTICLE IV\n\nTERM AND TERMINATION\n\nSection 4.01 Term. It lasts."))
    article = tree.clauses[0]
    assert (article.ref, article.title, article.blocks) == ("Article IV", "TERM AND TERMINATION", (0, 1))
    assert [(c.ref, c.title) for c in article.children] == [("Section 4.01", "Term")]


def test_schedule_is_top_level_and_prefixes_its_clauses() -> None:
    tree = segment(text_doc("1. Services\n\n1.1 Do it.\n\nSCHEDULE 2\nPRICING\n\n1. Rates apply."))
    assert outline(tree) == [
        (0, "1", "Services"),
        (1, "1.1", None),
        (0, "Schedule 2", "PRICING"),
        (1, "Schedule 2, 1", None),
    ]
    assert tree.find("schedule 2, 1") is tree.clauses[1].children[0]


def test_run_in_sub_clause_is_a_clause_of_its_own() -> None:
    doc = text_doc("1.1 Provision of Services. (a) Provider agrees.\n(b) Provider may subcontract.")
    tree = segment(doc)
    assert outline(tree) == [
        (0, "1.1", "Provision of Services"),
        (1, "1.1(a)", None),
        (1, "1.1(b)", None),
    ]
    a = tree.find("1.1(a)")
    assert a is not None and doc.text[a.location.start :].startswith("(a) Provider")


def test_unnumbered_caps_headings_group_the_paragraphs_below() -> None:
    tree = segment(
        text_doc(
            "AGREEMENT\n\nSome preamble.\n\nFEES\n\n1. Customer pays.\n\n2. Customer pays more."
            "\n\nEXIT\n\n3. Supplier helps."
        )
    )
    assert outline(tree) == [
        (0, None, "AGREEMENT"),
        (0, None, "FEES"),
        (1, "1", None),
        (1, "2", None),
        (0, None, "EXIT"),
        (1, "3", None),
    ]


def test_a_stray_caps_line_does_not_swallow_the_clauses_after_it() -> None:
    tree = segment(text_doc("1. Notices. Send them to:\n\nACME CORPORATION\n\n2. Fees. Pay.\n\n2.1 Monthly."))
    assert [(c.level, c.ref) for c in tree.walk() if c.ref] == [(0, "1"), (0, "2"), (1, "2.1")]


def test_address_lines_are_not_clauses() -> None:
    tree = segment(text_doc("7. Notices. Write to:\n\n340 Madison Avenue\n\nEMAIL: legal@example.com"))
    assert outline(tree) == [(0, "7", "Notices")]
    assert tree.clauses[0].blocks == (0, 1, 2)


def test_prose_starting_with_numbers_stays_in_its_clause() -> None:
    tree = segment(text_doc("3.2 Invoices are payable in 30 days.\n5 days after notice, we suspend."))
    assert outline(tree) == [(0, "3.2", None)]
    assert tree.clauses[0].blocks == (0, 1)


def test_word_numbering_with_levels() -> None:
    doc = docx_like(
        [
            ("Services", "1.", 0, "Heading 1"),
            ("Provider shall perform the Services.", "1.1", 1, "Heading 2"),
            ("on time; and", "(a)", 2, "List Paragraph"),
            ("with care.", "(b)", 2, "List Paragraph"),
            ("Fees", "2.", 0, "Heading 1"),
            ("Payment. Customer pays monthly.", "2.1", 1, "Heading 2"),
        ]
    )
    tree = segment(doc)
    assert outline(tree) == [
        (0, "1", "Services"),
        (1, "1.1", None),
        (2, "1.1(a)", None),
        (2, "1.1(b)", None),
        (0, "2", "Fees"),
        (1, "2.1", "Payment"),
    ]
    assert tree.clauses[0].number == "1."


def test_docx_unnumbered_heading_levels() -> None:
    doc = docx_like(
        [
            ("Standard Terms", None, None, "Heading 1"),
            ("Services", None, None, "Heading 2"),
            ("Provider performs.", None, None, "Normal"),
            ("Fees", None, None, "Heading 2"),
            ("General", None, None, "Heading 1"),
        ]
    )
    assert outline(segment(doc)) == [
        (0, None, "Standard Terms"),
        (1, None, "Services"),
        (1, None, "Fees"),
        (0, None, "General"),
    ]


def test_typed_numbers_fill_block_number_in_assemble() -> None:
    doc = text_doc("Preamble text.\n\n12. Termination. Either party may end it.")
    assert [(b.number, b.number_source) for b in doc.blocks] == [(None, None), ("12.", "typed")]


def test_clause_at_and_location_span() -> None:
    doc = text_doc("1. Services\n\n1.1 Do it.\n\n1.2 Do more.\n\n2. Fees. Pay.")
    tree = segment(doc)
    at = tree.clause_at(doc.text.index("more"))
    assert at is not None and at.ref == "1.2"
    one = tree.find("1")
    assert one is not None
    assert doc.text[one.location.start : one.location.end].endswith("1.2 Do more.")
    assert (one.location.line, one.location.end_line) == (1, 5)
    assert one.location.clause_number == "1."
    assert tree.clause_at(doc.text.index("Pay")) is tree.find("2")


def test_preamble_has_no_clause() -> None:
    doc = text_doc("This agreement is made today.\n\n1. Services. Provided.")
    tree = segment(doc)
    assert tree.clause_at(0) is None


def test_find_is_case_insensitive_and_accepts_section_prefix() -> None:
    tree = segment(text_doc("ARTICLE IV\nTERM\n\n4.1 Term.\n\n(a) first.\n\n14.3 Other."))
    assert tree.find("article iv") is tree.clauses[0]
    sub = tree.find("4.1(a)")
    assert sub is not None and sub.number == "(a)"
    assert tree.find("Section 14.3") is tree.find("14.3") is not None
    assert tree.find("99") is None


def test_to_dict_nests_children() -> None:
    data = segment(text_doc("1. A\n\n1.1 B.")).to_dict()
    assert data["clauses"][0]["children"][0]["ref"] == "1.1"
    assert set(data["clauses"][0]["location"]) >= {"start", "end", "page", "paragraph", "line"}


def test_segment_is_linear_enough_for_big_contracts() -> None:
    parts = []
    for i in range(1, 301):
        parts.append(f"{i}. Heading {i}")
        parts.extend(f"{i}.{j} The Supplier shall do item {j}." for j in range(1, 11))
    tree = segment(text_doc("\n\n".join(parts)))
    assert sum(1 for _ in tree.walk()) == 3300
    assert tree.clauses[-1].ref == "300"


def _walk_refs(clauses: list[Clause]) -> list[str | None]:
    return [c.ref for root in clauses for c in root.walk()]


FIXTURE_FILES = sorted([*FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md")])


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_outline_snapshot(path: Path) -> None:
    """Set CONTRACTLINT_UPDATE_SNAPSHOTS=1 to rewrite; then read the diff before keeping it."""
    data = outline_json(segment(extract(path)))
    data["source"].pop("sha256")
    rendered = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    snapshot = SNAPSHOTS / f"{path.name}.outline.json"
    if UPDATE:
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(rendered, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot for {path.name}: run with CONTRACTLINT_UPDATE_SNAPSHOTS=1"
    assert rendered == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "services_agreement.txt",
        "article_agreement.txt",
        "run_in_headings.txt",
        "headed_sections.txt",
        "statement_of_work.md",
    ],
)
def test_typed_number_kept_by_the_extractor_gives_the_same_tree(name: str) -> None:
    """The segmenter reuses ``Block.typed_number``; a Document built without it (by hand, or by an
    older extractor) must give the same tree, and the kept parse must be the parser's own."""
    import dataclasses

    from contractlint.extract.numbers import parse_typed_number

    document = extract(FIXTURES / name)
    typed = [b for b in document.blocks if b.number_source == "typed"]
    assert typed, "the fixture should have typed clause numbers"
    for block in typed:
        assert block.typed_number == parse_typed_number(block.text, block.text_start)
    bare = dataclasses.replace(
        document, blocks=tuple(dataclasses.replace(b, typed_number=None) for b in document.blocks)
    )
    with_parse, without = segment(document), segment(bare)
    assert [(c.ref, c.title, c.level, c.location) for c in with_parse.walk()] == [
        (c.ref, c.title, c.level, c.location) for c in without.walk()
    ]

"""Hostile DOCX and PDF files (docs/security.md): each gives a Report or a ContractlintError with a clear
message, within a time bound the test enforces, without touching the network or the file system."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import socket
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from contractlint.errors import ContractlintError, CorruptFileError, LimitExceededError
from contractlint.extract import extract
from contractlint.extract.limits import Limits
from contractlint.lint import LintConfig, Linter
from contractlint.model import Report
from tests.extract.pdf_builder import Line, Page, build_pdf
from tests.fuzz.cases import time_limit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SECONDS = 60.0
"""Bound on each case; every case here finishes in a few seconds on one core."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Any attempt to open a connection fails the test: external targets must never be fetched."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert not attempts


@pytest.fixture(scope="module")
def linters() -> dict[str, Linter]:
    return {engine: Linter(LintConfig(pdf_engine=engine)) for engine in ("pdfium", "pdfplumber")}  # type: ignore[arg-type]


def _lint(linter: Linter, data: bytes, name: str) -> Report | ContractlintError:
    with time_limit(SECONDS):
        try:
            return linter.lint(data, filename=name)
        except ContractlintError as exc:
            message = str(exc)
            assert message.startswith(name) and "\n" not in message and "Traceback" not in message
            return exc


# -- DOCX ---------------------------------------------------------------------------------------------

SEED_DOCX = (FIXTURES / "services_agreement.docx").read_bytes()
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _part(name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(SEED_DOCX)) as zf:
        return zf.read(name).decode("utf-8")


def _repack(
    changes: dict[str, str | bytes | None] | None = None, extra: tuple[tuple[str, bytes], ...] = ()
) -> bytes:
    """The seed DOCX with parts replaced (None drops one) and extra members appended."""
    import warnings

    changes = changes or {}
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(SEED_DOCX)) as src,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # "Duplicate name" is the point of one case
        for info in src.infolist():
            if info.filename in changes:
                new = changes[info.filename]
                if new is not None:
                    out.writestr(info.filename, new)
            else:
                out.writestr(info.filename, src.read(info))
        for name, blob in extra:
            out.writestr(name, blob)
    return buf.getvalue()


def _body(prefix: str) -> bytes:
    document = _part("word/document.xml")
    return _repack({"word/document.xml": document.replace("<w:body>", "<w:body>" + prefix, 1)})


def deep_block_nesting() -> bytes:
    depth = 2_000
    return _body(
        "<w:sdt><w:sdtContent>" * depth
        + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
        + "</w:sdtContent></w:sdt>" * depth
    )


def deep_run_nesting() -> bytes:
    depth = 200  # under libxml2's 256 levels: parsed, and walked without recursion trouble
    return _body(
        "<w:p>"
        + "<w:hyperlink>" * depth
        + "<w:r><w:t>Deep.</w:t></w:r>"
        + "</w:hyperlink>" * depth
        + "</w:p>"
    )


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a0 "lol">'
    + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


def billion_laughs() -> bytes:
    document = _part("word/document.xml").replace("?>", "?>" + LAUGHS, 1)
    document = document.replace("<w:body>", "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p>", 1)
    return _repack({"word/document.xml": document})


def external_entity() -> bytes:
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    document = _part("word/document.xml").replace("?>", "?>" + doctype, 1)
    document = document.replace("<w:body>", "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1)
    return _repack({"word/document.xml": document})


def external_relationships() -> bytes:
    rels = _part("word/_rels/document.xml.rels")
    extra = "".join(
        f'<Relationship Id="rId9{n}" Type="{REL}/{kind}" Target="{target}" TargetMode="External"/>'
        for n, (kind, target) in enumerate(
            [
                ("numbering", "http://127.0.0.1:9/numbering.xml"),
                ("header", "file:///etc/passwd"),
                ("styles", "\\\\attacker\\share\\styles.xml"),
                ("image", "http://127.0.0.1:9/beacon.png"),
            ]
        )
    )
    return _repack(
        {"word/_rels/document.xml.rels": rels.replace("</Relationships>", extra + "</Relationships>")}
    )


def traversal_member() -> bytes:
    return _repack(extra=(("../../evil.txt", b"pwned"),))


def traversal_relationship() -> bytes:
    rels = _part("word/_rels/document.xml.rels")
    rel = f'<Relationship Id="rId97" Type="{REL}/footer" Target="../../../../etc/passwd"/>'
    return _repack(
        {"word/_rels/document.xml.rels": rels.replace("</Relationships>", rel + "</Relationships>")}
    )


def duplicate_member() -> bytes:
    evil = _part("word/document.xml").replace("Services", "Nothing")
    return _repack(extra=(("word/document.xml", evil.encode()),))


def huge_single_member() -> bytes:
    return _repack(extra=(("word/media/image1.png", bytes(80 * 1024 * 1024)),))


def many_members() -> bytes:
    return _repack(extra=tuple((f"customXml/item{n}.xml", b"<a/>") for n in range(10_050)))


DOCX_CASES: list[tuple[str, Callable[[], bytes], type[ContractlintError] | None, str, Limits]] = [
    ("deep-block-nesting", deep_block_nesting, CorruptFileError, "nested deeper than 256 levels", Limits()),
    ("deep-run-nesting", deep_run_nesting, None, "Deep.", Limits()),
    ("billion-laughs", billion_laughs, CorruptFileError, "entity expansion refused", Limits()),
    ("external-entity", external_entity, None, "IT Services Agreement", Limits()),
    ("external-relationships", external_relationships, None, "IT Services Agreement", Limits()),
    (
        "traversal-member",
        traversal_member,
        CorruptFileError,
        "unsafe zip member name '../../evil.txt'",
        Limits(),
    ),
    ("traversal-relationship", traversal_relationship, CorruptFileError, "missing", Limits()),
    ("duplicate-member", duplicate_member, CorruptFileError, "two zip members are named", Limits()),
    (
        "huge-member",
        huge_single_member,
        LimitExceededError,
        "--max-decompressed-size",
        Limits(max_decompressed_size=64 * 1024 * 1024),
    ),
    ("many-members", many_members, LimitExceededError, "zip members", Limits()),
]


@pytest.mark.parametrize(
    ("name", "make", "error", "expect", "limits"), DOCX_CASES, ids=[c[0] for c in DOCX_CASES]
)
def test_hostile_docx(
    name: str,
    make: Callable[[], bytes],
    error: type[ContractlintError] | None,
    expect: str,
    limits: Limits,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # anything written relative to the working folder would show up here
    data = make()
    result = _lint(Linter(LintConfig(limits=limits)), data, f"{name}.docx")
    if error is None:
        assert isinstance(result, Report), result
        assert expect in result.document.text
        assert "root:" not in result.document.text  # no local file was read into the text
    else:
        assert isinstance(result, error), result
        assert expect in str(result)
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_two_hundred_thousand_paragraphs_extract_fast_and_hit_the_char_limit_fast() -> None:
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{n}. The Supplier shall comply.</w:t></w:r></w:p>" for n in range(200_000)
    )
    data = _body(paragraphs)
    with time_limit(SECONDS):
        document = extract(data, filename="many.docx")
    assert len(document.blocks) >= 200_000
    with time_limit(SECONDS), pytest.raises(LimitExceededError, match="--max-chars"):
        Linter(LintConfig(limits=Limits(max_chars=1_000_000))).lint(data, filename="many.docx")


# -- PDF ----------------------------------------------------------------------------------------------


def _pages(n: int, lines: int = 5) -> list[Page]:
    return [
        Page(
            lines=[
                Line(72, 72 + 20 * i, f"{p + 1}.{i + 1} The Supplier shall provide the Services.")
                for i in range(lines)
            ]
        )
        for p in range(n)
    ]


SEED_PDF = build_pdf(_pages(3))


def truncated() -> bytes:
    return SEED_PDF[: len(SEED_PDF) // 2]


def parent_loop() -> bytes:
    """Every page names itself as its parent."""
    out = SEED_PDF
    for m in reversed(list(re.finditer(rb"(\d+) 0 obj\n<< /Type /Page /Parent \d+ 0 R", SEED_PDF))):
        own = m.group(1)
        out = (
            out[: m.start()]
            + re.sub(rb"/Parent \d+ 0 R", b"/Parent " + own + b" 0 R", m.group(0))
            + out[m.end() :]
        )
    return out


def kids_cycle() -> bytes:
    """The page tree lists itself and the catalog among its kids."""
    return SEED_PDF.replace(b"/Type /Pages /Kids [", b"/Type /Pages /Kids [2 0 R 1 0 R ", 1)


def count_lies() -> bytes:
    return re.sub(rb"/Count \d+", b"/Count 2147483647", SEED_PDF)


def too_many_pages() -> bytes:
    return build_pdf(_pages(60, lines=1))


def _with_first_stream(body: bytes, filters: bytes = b"") -> bytes:
    """The seed PDF with its first page's content stream replaced (and its /Length kept right)."""
    m = re.search(rb"<< /Length (\d+) >>\nstream\n", SEED_PDF)
    assert m is not None
    end = m.end() + int(m.group(1))
    head = b"<< /Length %d%s >>\nstream\n" % (len(body), filters)
    return SEED_PDF[: m.start()] + head + body + SEED_PDF[end:]


def giant_content_stream() -> bytes:
    """One page whose content stream draws 600,000 characters (1.5 MB of operators)."""
    return _with_first_stream(
        b"BT /F1 11 Tf 1 0 0 1 72 700 Tm (The Supplier shall provide it.) Tj ET\n" * 20_000
    )


def flate_bomb() -> bytes:
    """A first-page content stream of 100 MB of spaces, deflated to about 100 kB."""
    deflater = zlib.compressobj(9)
    blob = b"".join(deflater.compress(b" " * (1 << 20)) for _ in range(100))
    blob += deflater.compress(b"BT /F1 11 Tf 1 0 0 1 72 700 Tm (Hello) Tj ET") + deflater.flush()
    return _with_first_stream(blob, b" /Filter /FlateDecode")


def owner_password_bomb() -> bytes:
    """The flate bomb, encrypted with an owner password only: it opens without a password, and its
    encrypted streams are not zlib data until decrypted."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(flate_bomb())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cmap_traversal() -> bytes:
    """A Type0 font whose encoding names a CMap file by a relative path (pdfminer CVE-2025-64512)."""
    return SEED_PDF.replace(
        b"/Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding",
        b"/Subtype /Type0 /BaseFont /Helvetica /Encoding /..#2f..#2f..#2f..#2ftmp#2fevil "
        b"/DescendantFonts [3 0 R]",
        1,
    )


PDF_CASES: list[tuple[str, Callable[[], bytes], type[ContractlintError] | None, str, Limits]] = [
    ("truncated", truncated, CorruptFileError, "damaged", Limits()),
    ("parent-loop", parent_loop, None, "", Limits()),
    ("kids-cycle", kids_cycle, None, "", Limits()),
    ("count-lies", count_lies, None, "", Limits()),
    ("too-many-pages", too_many_pages, LimitExceededError, "--max-pages", Limits(max_pages=50)),
    (
        "flate-bomb",
        flate_bomb,
        LimitExceededError,
        "--max-decompressed-size",
        Limits(max_decompressed_size=32 << 20),
    ),
    (
        "owner-password-bomb",
        owner_password_bomb,
        LimitExceededError,
        "--max-decompressed-size",
        Limits(max_decompressed_size=32 << 20),
    ),
    ("cmap-traversal", cmap_traversal, None, "", Limits()),
]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    ("name", "make", "error", "expect", "limits"), PDF_CASES, ids=[c[0] for c in PDF_CASES]
)
def test_hostile_pdf(
    name: str,
    make: Callable[[], bytes],
    error: type[ContractlintError] | None,
    expect: str,
    limits: Limits,
    engine: str,
) -> None:
    linter = Linter(LintConfig(pdf_engine=engine, limits=limits))  # type: ignore[arg-type]
    result = _lint(linter, make(), f"{name}.pdf")
    if error is None:
        # A damaged page tree may be repaired (a Report) or refused (CorruptFileError); never worse.
        assert isinstance(result, Report | CorruptFileError), result
    else:
        assert isinstance(result, error), result
        assert expect in str(result)


def test_giant_content_stream(linters: dict[str, Linter]) -> None:
    """pdfium reads it in seconds; pdfplumber, which holds a page's characters whole, stops at the page
    character cap and says which engine reads such pages."""
    data = giant_content_stream()
    assert isinstance(_lint(linters["pdfium"], data, "giant.pdf"), Report)
    result = _lint(linters["pdfplumber"], data, "giant.pdf")
    assert isinstance(result, LimitExceededError), result
    assert "draws more than 200,000 characters" in str(result) and "--pdf-engine pdfium" in str(result)


def test_pdf_stream_check_is_cheap_on_ordinary_files() -> None:
    """The bomb check inflates streams without keeping them; an ordinary file passes untouched."""
    from contractlint.extract.pdf import check_streams

    with time_limit(5):
        check_streams(SEED_PDF, "seed.pdf", Limits(max_decompressed_size=10_000))
    with pytest.raises(LimitExceededError):
        check_streams(flate_bomb(), "bomb.pdf", Limits(max_decompressed_size=10_000))


def test_inputs_are_not_modified(tmp_path: Path, linters: dict[str, Linter]) -> None:
    files = {
        "bomb.pdf": flate_bomb(),
        "cycle.pdf": kids_cycle(),
        "laughs.docx": billion_laughs(),
        "external.docx": external_relationships(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    for path in sorted(tmp_path.iterdir()):
        for linter in linters.values():
            with time_limit(SECONDS), contextlib.suppress(ContractlintError):
                linter.lint(path)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert after == before

"""The HTML report: self-contained, escaped, and rendered by a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from contractlint.render.html import highlight_text
from contractlint.scanner.records import ScanResult
from tests.render.helpers import render

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def test_contract_text_is_escaped_and_nothing_is_loaded_from_outside(
    results: list[ScanResult], tmp_path: Path
) -> None:
    page = render("html", results, tmp_path / "r.html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:|//)""", page)  # no external asset
    assert "default-src 'none'" in page  # and the browser is told to refuse any


def test_overview_matrix_has_one_row_per_contract_coloured_by_worst_severity(
    results: list[ScanResult], tmp_path: Path
) -> None:
    page = render("html", results, tmp_path / "r.html")
    matrix = page[page.index('<table class="matrix"') : page.index("</table>", page.index('class="matrix"'))]
    assert matrix.count("<tr>") == 4  # header + 3 files
    assert "Exit strategy" in matrix and "Deliverables and goals" in matrix and "Communication" in matrix
    assert 'class="cell sev-error"' in matrix
    assert "could not be read: damaged PDF" in matrix


def test_findings_are_highlighted_in_place_with_message_and_suggestion() -> None:
    text = "The Supplier shall deliver <b>it</b> as soon as possible."
    start = text.index("as soon")
    finding = {
        "code": "DV002", "name": "vague-wording", "category": "deliverables", "severity": "warning",
        "message": "Vague timing.", "suggestion": "within five (5) Business Days",
        "location": {"start": start, "end": start + len("as soon as possible")},
    }  # fmt: skip
    missing = {**finding, "code": "EX001", "missing": True, "location": {"start": 0, "end": 12}}
    out = highlight_text(text, [finding, missing], "c0")
    assert '<a class="flag sev-warning" id="c0-h1"' in out
    assert re.search(r'<a class="hl sev-warning" href="#c0-f0" data-tip="DV002[^"]*Vague timing\.\n'
                     r'Suggested: within five \(5\) Business Days">as soon as possible</a>', out)  # fmt: skip
    assert "&lt;b&gt;it&lt;/b&gt;" in out
    # Overlapping findings split the text; the worse severity colours the overlap.
    worse = {**finding, "severity": "error", "location": {"start": start + 8, "end": len(text)}}
    out = highlight_text(text, [finding, worse], "c1")
    assert '<a class="hl sev-error" href="#c1-f0"' in out and 'id="c1-h1"' in out


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.slow
def test_report_renders_in_headless_chromium(results: list[ScanResult], tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    report = tmp_path / "report.html"
    render("html", results, report)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "scan-report.png"
    shot.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        flags = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--window-size=1280,1500",
        ]  # fmt: skip
        dom = subprocess.run(
            [*flags, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=90, check=True
        ).stdout
        subprocess.run(
            [*flags, f"--screenshot={shot}", report.as_uri()], capture_output=True, timeout=90, check=True
        )
    assert '<table class="matrix" id="matrix">' in dom
    assert re.search(
        r'<a class="hl sev-warning" href="#c0-f\d+" data-tip="DV002[^"]*">as soon as possible</a>', dom
    )
    assert "<title>contractlint report: 3 contracts</title>" in dom  # the contract's script did not run
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert shot.stat().st_size > 10_000

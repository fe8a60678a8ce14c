"""Extraction fidelity on a fixed sample of CUAD PDFs, both engines, against CUAD's own text files.

The comparison is the one ``benchmarks/extraction_fidelity.py`` runs on the whole corpus (imported from
there, so the two never drift): word-sequence similarity after dropping the lines the extractor removed
as running headers, footers and page numbers from the reference.
"""

from __future__ import annotations

import csv
import importlib.util
import statistics
import sys
from pathlib import Path
from types import ModuleType

import pytest

from contractlint.extract import PDF_ENGINES, extract

pytestmark = pytest.mark.corpus

SAMPLE = [
    "MphaseTechnologiesInc_20030911_10-K_EX-10.15_1560667_EX-10.15_Co-Branding Agreement.pdf",
    "TURNKEYCAPITAL,INC_07_20_2017-EX-1.1-Strategic Alliance Agreement.PDF",
    "ScansourceInc_20190509_10-Q_EX-10.2_11661422_EX-10.2_Distributor Agreement.pdf",
    "ABILITYINC_06_15_2020-EX-4.25-SERVICES AGREEMENT.PDF",
    "SPARKLINGSPRINGWATERHOLDINGSLTD_07_03_2002-EX-10.13-SOFTWARE LICENSE AND MAINTENANCE AGREEMENT.PDF",
    "NETGEAR,INC_04_21_2003-EX-10.16-DISTRIBUTOR AGREEMENT.pdf",
    "2ThemartComInc_19990826_10-12G_EX-10.10_6700288_EX-10.10_Co-Branding Agreement_ Agency Agreement.pdf",
    "TALCOTTRESOLUTIONLIFEINSURANCECO-SEPARATEACCOUNTTWELVE_04_30_2020-EX-99.8(L)-SERVICE AGREEMENT.PDF",
]


def _benchmark() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction_fidelity.py"
    spec = importlib.util.spec_from_file_location("extraction_fidelity", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample(corpus_dir: Path) -> list[tuple[Path, Path]]:
    cuad = corpus_dir / "cuad"
    with (cuad / "index.csv").open(encoding="utf-8") as f:
        rows = {r["filename"]: r for r in csv.DictReader(f)}
    return [(cuad / rows[name]["pdf"], cuad / rows[name]["txt"]) for name in SAMPLE]


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_extracted_text_matches_the_reference_text(engine: str, sample: list[tuple[Path, Path]]) -> None:
    bench = _benchmark()
    ratios = []
    for pdf, txt in sample:
        doc = extract(pdf, pdf_engine=engine)  # type: ignore[arg-type]
        reference = txt.read_text(encoding="utf-8", errors="replace")
        ref_tokens = bench.strip_removed(bench.tokens(reference), doc.removed_lines)
        ratios.append(bench.similarity(bench.tokens(doc.text), ref_tokens))
        assert all(b.location.page and b.location.bbox for b in doc.blocks), pdf.name
        assert doc.source.page_count and doc.source.extractor == engine
        if reference.count("Source: ") >= 2:  # EDGAR's running footer on every page
            assert "Source: " not in doc.text, pdf.name
            assert any(line.startswith("Source: ") for line in doc.removed_lines), pdf.name
    assert statistics.median(ratios) >= 0.97, ratios
    assert bench.percentile(ratios, 0.10) >= 0.90, ratios

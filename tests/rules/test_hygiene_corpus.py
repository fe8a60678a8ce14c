"""The CCS Core Terms and Joint Schedule 1 (a 200-row definition table) linted as one agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

PACK = Path("docs/ccs_uk/fm_framework_2017_v1.4")
FILES = ("Core Terms FM1.4 CCSv2.7 161117.docx", "Joint Schedule 1 - Definitions v.1.4.docx")


@pytest.mark.corpus
def test_core_terms_with_their_definitions_schedule(corpus_dir: Path) -> None:
    from contractlint.lint import LintConfig, Linter

    paths = [corpus_dir / PACK / name for name in FILES]
    if not all(p.is_file() for p in paths):
        pytest.skip("CCS framework files not in the corpus")
    report = Linter(LintConfig(select=("HY",))).lint_set(paths)
    assert {f.location.file for f in report.findings} <= set(FILES)
    undefined = {f.excerpt for f in report.findings if f.code == "HY001"}
    # Defined in the table of Joint Schedule 1, used in the Core Terms: not undefined.
    assert not undefined & {"Deliverables", "Supplier Staff", "Good Industry Practice", "Framework Prices"}
    assert "Supplier Personnel" in undefined  # used 8 times, defined nowhere
    broken = {f.excerpt for f in report.findings if f.code == "HY005"}
    assert "clause 14.8" not in broken  # typed after a line break inside 14.7's paragraph
    assert "Schedule J3" in broken
    assert len(report.findings) < 60

"""An agreement set: files joined into one Document whose blocks keep their own locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.errors import ConfigError
from contractlint.extract import extract
from contractlint.extract.combine import combine
from contractlint.lint import LintConfig, lint_set


def _files(tmp_path: Path) -> tuple[Path, Path]:
    core = tmp_path / "core.txt"
    core.write_text(
        'This Agreement is between Acme Ltd (the "Supplier") and Beta plc (the "Buyer").\n\n'
        "1. Services\n\n1.1 The Supplier shall provide the Deliverables to the Supplier Staff standard "
        "in Schedule 2 and Clause 1.4.\n\n1.2 The Buyer shall pay the Charges during the Term.\n",
        encoding="utf-8",
    )
    defs = tmp_path / "definitions.txt"
    defs.write_text(
        'Schedule 1 - Definitions\n\n"Deliverables" means the reports.\n\n"Charges" means the fees.\n\n'
        '"Term" means two years.\n\n1. Interpretation\n\n1.1 Headings do not count.\n',
        encoding="utf-8",
    )
    return core, defs


def test_blocks_keep_their_file_and_own_line(tmp_path: Path) -> None:
    core, defs = _files(tmp_path)
    doc = combine([extract(core), extract(defs)])
    assert [p.name for p in doc.parts] == ["core.txt", "definitions.txt"]
    assert doc.source.name == "core.txt + definitions.txt"
    first_def = next(b for b in doc.blocks if b.location.file == "definitions.txt")
    assert first_def.location.line == 1
    assert doc.text[first_def.location.start : first_def.location.end] == first_def.text
    at = doc.text.index('"Deliverables"')
    loc = doc.locate(at, at + 5)
    assert loc.file == "definitions.txt" and loc.line == 3


def test_one_file_is_itself_and_none_is_an_error(tmp_path: Path) -> None:
    core, _ = _files(tmp_path)
    doc = extract(core)
    assert combine([doc]) is doc
    with pytest.raises(ConfigError):
        combine([])


def test_lint_set_sees_definitions_and_schedules_across_files(tmp_path: Path) -> None:
    core, defs = _files(tmp_path)
    report = lint_set([core, defs], config=LintConfig(select=("HY",)))
    by_code = {f.code: f for f in report.findings}
    assert "Deliverables" not in " ".join(f.message for f in report.findings if f.code == "HY001")
    assert by_code["HY001"].location.file == "core.txt"  # "Supplier Staff"
    broken = [f.message for f in report.findings if f.code == "HY005"]
    assert broken == [
        "Schedule 2 is referred to, but the agreement has no Schedule 2.",
        "Clause 1.4 is referred to, but the agreement has no clause 1.4.",
    ]
    data = report.to_dict()
    assert [p["name"] for p in data["parts"]] == ["core.txt", "definitions.txt"]  # type: ignore[index]
    assert data["findings"][0]["location"]["file"] == "core.txt"  # type: ignore[index]

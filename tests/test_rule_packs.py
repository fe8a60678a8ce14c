"""Rule packs: YAML rules in a user's pattern folder and Python rules from the ``contractlint.rules``
entry point group; both are linted, listed and documented, and never clash with the built-in rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from contractlint.cli import main
from contractlint.config import Resolver, clear_caches
from contractlint.errors import ConfigError, PatternError
from contractlint.lint import LintConfig, lint, lint_text
from contractlint.rules.docs import render_all
from contractlint.rules.packs import available_rules, pack_rules, plugin_rules

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "docs" / "examples" / "dpa-pack"

PACK = """\
- id: firm-dpa-required
  kind: conditional
  label: DATA_PROCESSING_ADDENDUM
  if:
    phrases: [personal data]
  then:
    phrases: [data processing addendum]
  rule:
    code: FM001
    name: firm-missing-dpa
    severity: error
    summary: Personal data without a data-processing addendum.
    message: Personal data is processed but no data-processing addendum is named.
"""
TEXT = "1. Services\n\nThe Supplier shall store the Customer's personal data in the EU.\n"
FIXED = TEXT.replace("in the EU.", "in the EU under the Data Processing Addendum.")


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    plugin_rules.cache_clear()
    pack_rules.cache_clear()
    clear_caches()
    yield
    plugin_rules.cache_clear()
    pack_rules.cache_clear()


def _pack(tmp_path: Path, text: str = PACK) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "rules.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_yaml_rule_block_reports_its_own_findings(tmp_path: Path) -> None:
    config = LintConfig(select=("FM",), pattern_dirs=(str(_pack(tmp_path)),))
    failing = lint_text(TEXT, config=config)
    assert [(f.code, f.name, f.severity, f.excerpt) for f in failing.findings] == [
        ("FM001", "firm-missing-dpa", "error", "personal data")
    ]
    assert failing.findings[0].message.startswith("Personal data is processed but no data-processing")
    assert lint_text(FIXED, config=config).findings == ()


def test_pack_rules_are_listed_and_documented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(_pack(tmp_path))
    assert main(["rules", "--isolated", "--pattern-dir", folder, "--format", "json"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["FM001"]["origin"] == "pattern" and listed["EX002"]["origin"] == "built-in"
    assert main(["rules", "--isolated", "--pattern-dir", folder]) == 0
    assert "FM001  firm-missing-dpa" in capsys.readouterr().out
    assert main(["rule", "FM001", "--isolated", "--pattern-dir", folder]) == 0
    page = capsys.readouterr().out
    assert "# FM001 firm-missing-dpa" in page and "`firm-dpa-required`" in page
    assert "## Example" not in page  # the pack gave no example: the section is left out
    assert "FM001.md" not in render_all()  # the built-in docs never include user rules


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("code: FM001", "code: FM01"), r"rules.yaml:9: code 'FM01' must be two capitals"),
        (("severity: error", "severity: fatal"), r"rules.yaml:11: unknown severity 'fatal'"),
        (("    summary:", "    sumary:"), r"rules.yaml:12: unknown key 'sumary' under 'rule:'"),
        (("name: firm-missing-dpa", "name: Firm DPA"), "must be kebab-case"),
    ],
)
def test_bad_rule_blocks_name_file_and_line(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    folder = _pack(tmp_path, PACK.replace(*change))
    with pytest.raises(PatternError, match=expected):
        available_rules((str(folder),))


def test_unknown_category_is_an_error(tmp_path: Path) -> None:
    folder = _pack(tmp_path, PACK.replace("    severity: error", "    severity: error\n    category: legal"))
    with pytest.raises(PatternError, match="unknown category 'legal'"):
        available_rules((str(folder),))


def test_a_code_clash_with_a_built_in_rule_is_an_error(tmp_path: Path) -> None:
    folder = _pack(tmp_path, PACK.replace("FM001", "EX002"))
    with pytest.raises(ConfigError, match=r"rules.yaml:\d+ declares 'EX002', which the built-in rule EX002"):
        available_rules((str(folder),))


def _install_example_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """A dist-info with an entry_points.txt on sys.path, as pip would leave it."""
    dist = tmp_path / "site" / "acme_contract_rules-0.1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-contract-rules\nVersion: 0.1.0\n")
    (dist / "entry_points.txt").write_text(f"[contractlint.rules]\nacme = {target}\n")
    monkeypatch.syspath_prepend(str(EXAMPLE / "plugin" / "src"))
    monkeypatch.syspath_prepend(str(tmp_path / "site"))


def test_entry_point_rules_run_and_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _install_example_plugin(tmp_path, monkeypatch, "acme_contract_rules:RULES")
    rules = {r.code: r for r in available_rules()}
    assert "AC101" in rules and rules["AC101"].category == "custom"
    config = LintConfig(select=("AC101",))
    text = "1. Services\n\nThe Supplier shall comply with the data processing addendum.\n"
    assert [f.code for f in lint_text(text, config=config).findings] == ["AC101"]
    assert lint_text(rules["AC101"].example_pass, config=config).findings == ()
    assert main(["rules", "--isolated"]) == 0
    assert "AC101  data-processing-addendum-not-attached" in capsys.readouterr().out
    assert main(["rule", "AC101", "--isolated"]) == 0
    assert "## Why is this bad?" in capsys.readouterr().out
    assert "AC101.md" not in render_all()


def test_a_broken_plugin_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_example_plugin(tmp_path, monkeypatch, "acme_contract_rules:NOT_THERE")
    with pytest.raises(ConfigError, match=r"plugin 'acme' \(acme_contract_rules:NOT_THERE\) failed to load"):
        available_rules()


def test_a_plugin_that_is_not_a_rule_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_example_plugin(tmp_path, monkeypatch, "acme_contract_rules:_mentions")
    with pytest.raises(ConfigError, match="is not a Rule or a list of Rules"):
        available_rules()


def test_the_documented_example_pack_works() -> None:
    config = Resolver().for_file(EXAMPLE / "msa-draft.md")
    assert config.party == "Customer" and config.severity == (("EX002", "error"),)
    report = lint(EXAMPLE / "msa-draft.md", config=config)
    codes = {f.code: f for f in report.findings}
    assert codes["AC001"].severity == "error" and codes["AC001"].excerpt == "personal data"
    assert codes["AC002"].severity == "info"
    assert codes["EX002"].severity == "error"  # the example's severity override

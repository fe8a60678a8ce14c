"""Configuration files: discovery upward from each contract, strict validation, merging with the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from contractlint.cache import config_key
from contractlint.cli import main
from contractlint.config import Overrides, Resolver, clear_caches, find_config, load_config
from contractlint.errors import ConfigError
from contractlint.lint import LintConfig, lint_text

VAGUE = "1. Services\n\nThe Supplier shall promptly repair every defect in the Software.\n"


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    clear_caches()
    yield
    clear_caches()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nearest_configuration_above_a_contract_governs_it(tmp_path: Path) -> None:
    _write(tmp_path / "contractlint.toml", 'party = "Customer"\n')
    _write(tmp_path / "clients" / "acme" / "pyproject.toml", '[tool.contractlint]\nparty = "Acme"\n')
    _write(tmp_path / "clients" / "other" / "pyproject.toml", "[project]\nname = 'x'\n")
    acme = _write(tmp_path / "clients" / "acme" / "deals" / "msa.txt", VAGUE)
    other = _write(tmp_path / "clients" / "other" / "msa.txt", VAGUE)
    found = find_config(acme)
    assert found is not None and found.path.endswith("acme/pyproject.toml")
    # a pyproject.toml without [tool.contractlint] is passed over
    found = find_config(other)
    assert found is not None and found.path == str((tmp_path / "contractlint.toml").resolve())
    resolver = Resolver()
    assert resolver.for_file(acme).party == "Acme"
    assert resolver.for_file(other).party == "Customer"


def test_contractlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.contractlint]\nparty = "Acme"\n')
    _write(tmp_path / "contractlint.toml", 'party = "Customer"\n')
    contract = _write(tmp_path / "a.txt", VAGUE)
    assert Resolver().for_file(contract).party == "Customer"


def test_per_file_ignores_apply_by_glob_relative_to_the_config(tmp_path: Path) -> None:
    _write(
        tmp_path / "contractlint.toml",
        '[per-file-ignores]\n"templates/*.txt" = ["DV002"]\n"**/legacy-*.txt" = ["EX", "CM001"]\n',
    )
    template = _write(tmp_path / "templates" / "msa.txt", VAGUE)
    deal = _write(tmp_path / "deals" / "msa.txt", VAGUE)
    legacy = _write(tmp_path / "deals" / "old" / "legacy-msa.txt", VAGUE)
    resolver = Resolver()
    assert resolver.for_file(template).ignore == ("DV002",)
    assert resolver.for_file(deal).ignore == ()
    assert resolver.for_file(legacy).ignore == ("EX", "CM001")


def test_per_file_ignores_change_the_findings(tmp_path: Path) -> None:
    _write(
        tmp_path / "contractlint.toml", 'select = ["DV002"]\n[per-file-ignores]\n"quiet.txt" = ["DV002"]\n'
    )
    loud = _write(tmp_path / "loud.txt", VAGUE)
    quiet = _write(tmp_path / "quiet.txt", VAGUE)
    resolver = Resolver()
    assert [f.code for f in lint_text(VAGUE, config=resolver.for_file(loud)).findings] == ["DV002"]
    assert [f.code for f in lint_text(VAGUE, config=resolver.for_file(quiet)).findings] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("selct = ['EX']\n", "unknown key 'selct'"),
        ("fail_on = 'error'\n", "did you mean 'fail-on'"),
        ("fail-on = 'severe'\n", "key 'fail-on' must be one of info, warning, error"),
        ("select = 'EX'\n", "key 'select' must be a list of strings"),
        ("[severity]\nEX002 = 'fatal'\n", "key 'severity' entry 'EX002'"),
        ("pattern-dirs = ['nowhere']\n", "'nowhere' is not a folder"),
        ("[vague-terms]\nadd = ['x']\n", "unknown key 'add'"),
        ("[vague-terms]\nextend = [{ term = 'x', group = 'vague-nonsense' }]\n", "unknown group"),
        ("party = \n", "invalid TOML"),
    ],
)
def test_bad_keys_and_values_name_the_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path / "contractlint.toml", text)
    with pytest.raises(ConfigError, match=expected) as info:
        load_config(path)
    assert str(path.resolve()) in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", "[tool.contractlint]\nignor = ['EX']\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.contractlint\] unknown key 'ignor'"):
        load_config(path)


def test_unknown_rule_codes_in_a_config_are_errors(tmp_path: Path) -> None:
    _write(tmp_path / "contractlint.toml", "ignore = ['XY']\n")
    contract = _write(tmp_path / "a.txt", VAGUE)
    with pytest.raises(ConfigError, match="no rule matches 'XY' in 'ignore'") as info:
        Resolver().for_file(contract)
    assert "contractlint.toml" in str(info.value)


def test_the_command_line_overrides_the_file(tmp_path: Path) -> None:
    _write(
        tmp_path / "contractlint.toml",
        'select = ["EX"]\nignore = ["DV002"]\nfail-on = "error"\nparty = "Customer"\n'
        '[severity]\nEX002 = "info"\n',
    )
    contract = _write(tmp_path / "a.txt", VAGUE)
    plain = Resolver().for_file(contract)
    assert (plain.select, plain.ignore, plain.fail_on) == (("EX",), ("DV002",), "error")
    assert plain.severity == (("EX002", "info"),)
    cli = Resolver(
        Overrides(extend_select=("DV002",), fail_on="info", party="Acme", severity=(("EX002", "error"),))
    ).for_file(contract)
    assert cli.select == ("EX", "DV002")
    assert cli.ignore == ()  # named on the command line: the file's ignore gives way
    assert (cli.fail_on, cli.party, cli.severity) == ("info", "Acme", (("EX002", "error"),))
    replaced = Resolver(Overrides(select=("CM",))).for_file(contract)
    assert replaced.select == ("CM",)
    assert Resolver(isolated=True).for_file(contract) == LintConfig()


def test_an_explicit_config_file_replaces_discovery(tmp_path: Path) -> None:
    _write(tmp_path / "contractlint.toml", 'party = "Customer"\n')
    chosen = _write(tmp_path / "elsewhere" / "policy.toml", 'party = "Acme"\n')
    contract = _write(tmp_path / "a.txt", VAGUE)
    assert Resolver(config_file=chosen).for_file(contract).party == "Acme"
    with pytest.raises(ConfigError, match="configuration file not found"):
        Resolver(config_file=tmp_path / "missing.toml")


def test_severity_overrides_change_findings() -> None:
    base = LintConfig(select=("DV002",))
    assert {f.severity for f in lint_text(VAGUE, config=base).findings} == {"warning"}
    raised = LintConfig(select=("DV002",), severity=(("DV", "info"), ("DV002", "error")))
    assert {f.severity for f in lint_text(VAGUE, config=raised).findings} == {"error"}


def test_vague_terms_can_be_extended_and_trimmed(tmp_path: Path) -> None:
    text = "1. Services\n\nThe Supplier shall fix incidents forthwith and promptly repair defects.\n"
    _write(tmp_path / "contractlint.toml", '[vague-terms]\nextend = ["forthwith"]\nremove = ["Promptly"]\n')
    config = Resolver().for_file(_write(tmp_path / "a.txt", text))
    default = [f.excerpt for f in lint_text(text, config=LintConfig(select=("DV002",))).findings]
    mine = [
        f.excerpt for f in lint_text(text, config=LintConfig(select=("DV002",), **_vague(config))).findings
    ]
    assert default == ["promptly"]
    assert mine == ["forthwith"]


def _vague(config: LintConfig) -> dict[str, object]:
    return {"vague_terms_extend": config.vague_terms_extend, "vague_terms_remove": config.vague_terms_remove}


def test_the_cache_key_covers_the_new_fields() -> None:
    base = LintConfig()
    keys = {
        config_key(base),
        config_key(LintConfig(severity=(("EX002", "error"),))),
        config_key(LintConfig(vague_terms_extend=(("forthwith", "vague-time", ""),))),
        config_key(LintConfig(vague_terms_remove=("promptly",))),
    }
    assert len(keys) == 4


def test_fail_on_from_the_config_sets_the_exit_status(tmp_path: Path) -> None:
    contract = _write(tmp_path / "a.txt", VAGUE)
    _write(tmp_path / "contractlint.toml", 'select = ["DV002"]\nfail-on = "error"\n')
    assert main(["check", str(contract)]) == 0  # DV002 is a warning, below the file's fail-on
    assert main(["check", str(contract), "--fail-on", "warning"]) == 1
    _write(
        tmp_path / "contractlint.toml", 'select = ["DV002"]\nfail-on = "error"\n[severity]\nDV002 = "error"\n'
    )
    clear_caches()
    assert main(["check", str(contract)]) == 1
    assert main(["check", str(contract), "--isolated", "--select", "DV002", "--fail-on", "error"]) == 0


def test_a_scan_lints_each_folder_with_its_own_policy(tmp_path: Path) -> None:
    _write(tmp_path / "strict" / "contractlint.toml", 'select = ["DV002"]\n[severity]\nDV002 = "error"\n')
    _write(
        tmp_path / "lenient" / "contractlint.toml",
        'select = ["DV"]\nignore = ["DV002"]\nexclude = ["skip-*"]\n',
    )
    _write(tmp_path / "strict" / "a.txt", VAGUE)
    _write(tmp_path / "lenient" / "a.txt", VAGUE)
    _write(tmp_path / "lenient" / "skip-me.txt", VAGUE)
    out = tmp_path / "scan.json"
    code = main(
        ["scan", str(tmp_path / "strict"), str(tmp_path / "lenient"), "-j", "1", "--no-cache",
         "--no-progress", "--format", "json", "-o", str(out)]
    )  # fmt: skip
    data = json.loads(out.read_text(encoding="utf-8"))
    by_name = {Path(r["source"]["path"]).parent.name: r for r in data["reports"]}
    assert code == 1
    assert len(data["reports"]) == 2  # skip-me.txt is excluded by the lenient folder's config
    assert [(f["code"], f["severity"]) for f in by_name["strict"]["findings"]] == [("DV002", "error")]
    assert [f["code"] for f in by_name["lenient"]["findings"] if f["code"] == "DV002"] == []

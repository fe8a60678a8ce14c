"""Pattern files: the shipped ones validate, and every mistake is reported as file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contractlint.errors import PatternError
from contractlint.nlp import KINDS, default_patterns_dir, load_patterns
from contractlint.nlp.patterns import parse_rules

REPO = Path(__file__).resolve().parents[2]


def test_shipped_patterns_resolve_to_the_repo_folder_in_a_checkout() -> None:
    assert default_patterns_dir().resolve() == (REPO / "patterns").resolve()


def test_every_shipped_pattern_file_validates() -> None:
    patterns = load_patterns()
    on_disk = sorted(p.name for p in (REPO / "patterns").iterdir() if p.suffix in (".yaml", ".yml", ".jsonl"))
    assert sorted(f.split("/")[-1] for f in patterns.files) == on_disk
    assert {r.kind for r in patterns.rules} == set(KINDS)
    ids = [r.id for r in patterns.rules]
    assert len(ids) == len(set(ids))
    for rule in patterns.rules:
        assert rule.source.startswith("patterns/") and rule.searched, rule.id


@pytest.mark.parametrize(
    "provision",
    [
        "TERMINATION_FOR_CONVENIENCE",
        "TERMINATION_FOR_CAUSE",
        "CURE_PERIOD",
        "NOTICE_CLAUSE",
        "AUTO_RENEWAL",
        "NON_RENEWAL_NOTICE",
        "TRANSITION_ASSISTANCE",
        "DATA_RETURN_DELETION",
        "REPORTING",
        "POINT_OF_CONTACT",
        "ESCALATION",
        "ACCEPTANCE",
        "DELIVERABLES",
        "PLACEHOLDER",
    ],
)
def test_provisions_the_lint_engine_needs_are_shipped(provision: str) -> None:
    assert provision in {r.label for r in load_patterns().rules}


def test_vague_terms_lexicon_is_shipped() -> None:
    lexicon = load_patterns().lexicon
    assert {e.label for e in lexicon} == {"VAGUE_TERM", "PROPER_NAME"}  # PROPER_NAME: hygiene rules
    assert "reasonable efforts" in [e.pattern for e in lexicon]


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = """\
- id: notice-clause-custom
  kind: absence
  label: NOTICE
  phrases:
    - notices
"""


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            GOOD.replace("kind: absence", "kind: existance"),
            2,
            "unknown kind 'existance'; expected one of existence, absence, conditional, sequence",
        ),
        (GOOD + "  nearr: 5\n", 6, "unknown key 'nearr'"),
        (GOOD.replace("  label: NOTICE\n", ""), 1, "rule without 'label'"),
        (GOOD.replace("notice-clause-custom", "Notice Clause"), 1, "must be kebab-case"),
        (GOOD + "  scope: paragraph\n", 6, "unknown scope 'paragraph'"),
        (GOOD + "  regex:\n    - 'notice(s'\n", 7, "invalid regex 'notice(s'"),
        (GOOD.replace("    - notices\n", "    - ''\n"), 5, "a phrase must be a non-empty string"),
        (GOOD + "  patterns:\n    - [{LOWER: notice}, {LOWERR: given}]\n", 7, "invalid token pattern"),
        (GOOD + "  patterns:\n    - notice\n", 7, "must be a non-empty list of token dicts"),
        (GOOD.replace("kind: absence", "kind: sequence"), 4, "only 'patterns'"),
        (GOOD.replace("kind: absence", "kind: conditional"), 4, "under 'if:' and 'then:'"),
        (GOOD + "  if:\n    phrases: [x]\n", 6, "only for kind conditional"),
        (GOOD + "  kind: existence\n", 6, "duplicate key 'kind'"),
        ("- id: x\n  kind: [absence\n", 3, "invalid YAML"),
        ("id: x\nkind: absence\n", 1, "expected a list of rules"),
        (
            "- id: c\n  kind: conditional\n  label: C\n  if:\n    phrases: [a]\n  then:\n    phrase: [b]\n",
            7,
            "unknown key 'phrase' under 'then:'",
        ),
        ("- id: c\n  kind: conditional\n  label: C\n  if:\n    phrases: [a]\n", 1, "needs 'then:'"),
        ("- id: e\n  kind: existence\n  label: E\n", 1, "nothing to match"),
    ],
)
def test_rule_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    write(tmp_path, "exit.yaml", text)
    with pytest.raises(PatternError) as err:
        load_patterns([tmp_path], include_default=False)
    assert str(err.value).startswith(f"{tmp_path}/exit.yaml:{line}: ")
    assert message in str(err.value)


def test_message_format_for_the_shipped_folder_name() -> None:
    with pytest.raises(
        PatternError,
        match=r"^patterns/exit\.yaml:2: unknown kind 'existance'; expected one of "
        r"existence, absence, conditional, sequence$",
    ):
        parse_rules(GOOD.replace("kind: absence", "kind: existance"), "patterns/exit.yaml")


def test_duplicate_rule_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", "# another file\n" + GOOD)
    with pytest.raises(
        PatternError, match=r"b\.yaml:2: duplicate rule id 'notice-clause-custom' \(first at .*a\.yaml:1\)"
    ):
        load_patterns([tmp_path], include_default=False)


def test_user_rule_may_not_reuse_a_shipped_id(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", GOOD.replace("notice-clause-custom", "notice-clause"))
    with pytest.raises(PatternError, match="duplicate rule id 'notice-clause'"):
        load_patterns([tmp_path])


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (['{"label": "VAGUE", "pattern": "promptly"}', '{"label": "VAGUE", "pattern": }'], 2, "invalid JSON"),
        (['{"label": "VAGUE", "pattern": "x", "kind": "a"}'], 1, "unknown key 'kind'"),
        (['{"pattern": "x"}'], 1, "'label' must be a word"),
        (["", '{"label": "V", "pattern": 5}'], 2, "'pattern' must be a phrase string or a list"),
        (['{"label": "V", "pattern": [{"LOWER": "a", "OPP": "?"}]}'], 1, "invalid token pattern"),
        (['["label", "V"]'], 1, "expected an object"),
        (['{"label": "V", "pattern": "  "}'], 1, "'pattern' is empty"),
    ],
)
def test_lexicon_errors_name_file_and_line(tmp_path: Path, lines: list[str], line: int, message: str) -> None:
    write(tmp_path, "terms.jsonl", "\n".join(lines) + "\n")
    with pytest.raises(PatternError) as err:
        load_patterns([tmp_path], include_default=False)
    assert str(err.value).startswith(f"{tmp_path}/terms.jsonl:{line}: ")
    assert message in str(err.value)


def test_valid_user_files_load(tmp_path: Path) -> None:
    write(tmp_path, "rules.yml", GOOD)
    entries = [
        {"label": "VAGUE", "pattern": "forthwith", "id": "v1"},
        {"label": "VAGUE", "pattern": [{"LOWER": "asap"}]},
    ]
    write(tmp_path, "terms.jsonl", "\n".join(json.dumps(e) for e in entries) + "\n")
    patterns = load_patterns([tmp_path], include_default=False)
    assert [r.id for r in patterns.rules] == ["notice-clause-custom"]
    assert patterns.rules[0].source == f"{tmp_path}/rules.yml:1"
    assert [(e.label, e.pattern, e.id) for e in patterns.lexicon] == [
        ("VAGUE", "forthwith", "v1"),
        ("VAGUE", ({"LOWER": "asap"},), ""),
    ]


def test_missing_user_directory(tmp_path: Path) -> None:
    with pytest.raises(PatternError, match="pattern directory not found"):
        load_patterns([tmp_path / "nope"])

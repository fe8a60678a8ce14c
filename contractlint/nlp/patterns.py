"""Pattern files: YAML rule patterns of a closed set of kinds, and JSONL lexicons in the SpanRuler schema.

Both are data, validated when loaded; every error names ``file:line`` and says what was expected, because
the people who edit these files are often lawyers, not programmers. The schema is in docs/patterns.md.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from contractlint.errors import PatternError
from contractlint.resources import patterns_root

__all__ = [
    "KINDS",
    "SCOPES",
    "LexiconEntry",
    "MatcherSet",
    "PatternRule",
    "PatternSet",
    "RuleDeclaration",
    "default_patterns_dir",
    "load_patterns",
]

KINDS = ("existence", "absence", "conditional", "sequence")
SCOPES = ("document", "clause", "sentence")
_RULE_KEYS = frozenset(
    {
        "id", "kind", "label", "description", "message", "scope", "phrases", "patterns", "regex", "if",
        "then", "rule",
    }
)  # fmt: skip
_DECLARATION_KEYS = {
    "code": True,
    "name": True,
    "summary": True,
    "severity": False,
    "category": False,
    "message": False,
    "why": False,
    "suggestion": False,
    "anchor": False,
    "example-fail": False,
    "example-pass": False,
}
"""Keys of a pattern's ``rule:`` block (True: required); docs/rule-packs.md describes them."""
_SEVERITIES = ("info", "warning", "error")
_SET_KEYS = ("phrases", "patterns", "regex")
_LEXICON_KEYS = frozenset({"label", "pattern", "id", "suggestion"})
_ID = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LABEL = regex.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


@dataclass(frozen=True, slots=True)
class MatcherSet:
    """What to look for: phrases (PhraseMatcher on LOWER), token patterns (Matcher), regexes (``regex``)."""

    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    regex: tuple[str, ...] = ()

    def describe(self) -> tuple[str, ...]:
        """What was searched, in words a reviewer can check (for "missing" findings)."""
        return (
            *(f'"{p}"' for p in self.phrases),
            *(f"pattern {json.dumps(list(p))}" for p in self.patterns),
            *(f"regex /{r}/" for r in self.regex),
        )

    def __bool__(self) -> bool:
        return bool(self.phrases or self.patterns or self.regex)


@dataclass(frozen=True, slots=True)
class RuleDeclaration:
    """A pattern's ``rule:`` block: the finding a rule pack reports from the pattern's verdict."""

    code: str
    name: str
    summary: str
    severity: str = "warning"
    category: str = "custom"
    message: str = ""
    why: str = ""
    suggestion: str = ""
    anchor: tuple[str, ...] = ()
    example_fail: str = ""
    example_pass: str = ""
    source: str = ""
    """``file:line`` of the ``rule:`` block."""


@dataclass(frozen=True, slots=True)
class PatternRule:
    """One YAML rule pattern. ``parts`` is ``{"match": ...}``, or ``{"if": ..., "then": ...}``."""

    id: str
    kind: str
    label: str
    scope: str
    parts: dict[str, MatcherSet]
    source: str
    """``file:line`` of the rule, for messages."""
    description: str = ""
    message: str = ""
    declaration: RuleDeclaration | None = None
    """Set when the pattern declares a rule of its own (a rule pack), see docs/rule-packs.md."""
    searched: tuple[str, ...] = field(init=False, default=())
    """What the rule searches for, in words a reviewer can check; worked out once, at load."""

    def __post_init__(self) -> None:
        described = tuple(x for part in self.parts.values() for x in part.describe())
        object.__setattr__(self, "searched", described)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One JSONL line: ``{"label", "pattern", "id"}``, the SpanRuler schema."""

    label: str
    pattern: str | tuple[dict[str, Any], ...]
    id: str
    source: str
    suggestion: str = ""
    """Optional wording that would fix what the entry flags (vague terms: a measurable alternative)."""


@dataclass(frozen=True, slots=True)
class PatternSet:
    rules: tuple[PatternRule, ...] = ()
    lexicon: tuple[LexiconEntry, ...] = ()
    files: tuple[str, ...] = field(default=())

    def rule(self, rule_id: str) -> PatternRule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def default_patterns_dir() -> Path:
    """The shipped pattern files: ``contractlint/patterns`` in a wheel, ``patterns/`` in a checkout."""
    return Path(str(patterns_root()))


@functools.cache
def shipped_patterns() -> PatternSet:
    """The shipped pattern files, loaded once per process: the pipeline and the rules that read the
    lexicons share them (a load parses YAML and compiles hundreds of regexes)."""
    return load_patterns()


def load_patterns(dirs: Iterable[str | Path] = (), *, include_default: bool = True) -> PatternSet:
    """Load and validate every ``*.yaml``/``*.yml``/``*.jsonl`` file in the shipped dir and ``dirs``.

    Raises PatternError naming ``file:line`` on the first invalid entry, an unknown kind, or a duplicate
    rule id.
    """
    roots: list[tuple[Path, str]] = []
    if include_default:
        roots.append((default_patterns_dir(), "patterns"))
    for d in dirs:
        p = Path(d)
        if not p.is_dir():
            raise PatternError(f"{p}: pattern directory not found; pass an existing directory")
        roots.append((p, str(p)))
    rules: list[PatternRule] = []
    lexicon: list[LexiconEntry] = []
    files: list[str] = []
    seen: dict[str, str] = {}
    for root, shown in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".yaml", ".yml", ".jsonl") or not path.is_file():
                continue
            name = f"{shown}/{path.relative_to(root).as_posix()}"
            files.append(name)
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".jsonl":
                lexicon.extend(parse_lexicon(text, name))
                continue
            for rule in parse_rules(text, name):
                if rule.id in seen:
                    raise PatternError(
                        f"{rule.source}: duplicate rule id {rule.id!r} (first at {seen[rule.id]})"
                    )
                seen[rule.id] = rule.source
                rules.append(rule)
    return PatternSet(tuple(rules), tuple(lexicon), tuple(files))


# --- YAML with line numbers -----------------------------------------------------------------------------


class _Dict(dict[Any, Any]):
    line = 0
    key_lines: dict[Any, int]


class _List(list[Any]):
    line = 0
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader whose mappings and sequences remember the 1-based line of each entry."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Dict:
    loader.flatten_mapping(node)
    data = _Dict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in data:
            raise _Located(line, f"duplicate key {key!r}")
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line
    return data


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _List:
    data = _List(loader.construct_object(n, deep=True) for n in node.value)
    data.line = node.start_mark.line + 1
    data.lines = [n.start_mark.line + 1 for n in node.value]
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


class _Located(Exception):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


def parse_rules(text: str, name: str) -> list[PatternRule]:
    """Parse one YAML pattern file: a list of rule mappings."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except _Located as e:
        raise PatternError(f"{name}:{e.line}: {e.problem}") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise PatternError(f"{name}:{line}: invalid YAML: {e.problem or e.context}") from None
    if data is None:
        return []
    if not isinstance(data, _List):
        raise PatternError(f"{name}:1: expected a list of rules (each starting with '- id: ...')")
    rules = []
    for item, line in zip(data, data.lines, strict=True):
        try:
            rules.append(_rule(item, line, name))
        except _Located as e:
            raise PatternError(f"{name}:{e.line}: {e.problem}") from None
    return rules


def _rule(item: Any, line: int, name: str) -> PatternRule:
    if not isinstance(item, _Dict):
        raise _Located(line, "expected a rule mapping with id, kind, label and phrases/patterns/regex")
    kl = item.key_lines
    for key in item:
        if key not in _RULE_KEYS:
            raise _Located(kl[key], f"unknown key {key!r}; expected one of {', '.join(sorted(_RULE_KEYS))}")
    for key in ("id", "kind", "label"):
        if key not in item:
            raise _Located(item.line, f"rule without {key!r}")
        if not isinstance(item[key], str):
            raise _Located(kl[key], f"{key!r} must be a string")
    rule_id, kind, label = item["id"], item["kind"], item["label"]
    if not _ID.match(rule_id):
        raise _Located(kl["id"], f"id {rule_id!r} must be kebab-case (lowercase words joined by '-')")
    if kind not in KINDS:
        raise _Located(kl["kind"], f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not _LABEL.match(label):
        raise _Located(kl["label"], f"label {label!r} must be a word (letters, digits, '_' or '-')")
    scope = item.get("scope", "document")
    if scope not in SCOPES:
        raise _Located(
            kl.get("scope", item.line), f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}"
        )
    for key in ("description", "message"):
        if key in item and not isinstance(item[key], str):
            raise _Located(kl[key], f"{key!r} must be a string")
    parts: dict[str, MatcherSet]
    if kind == "conditional":
        for key in _SET_KEYS:
            if key in item:
                raise _Located(kl[key], f"a conditional rule puts {key!r} under 'if:' and 'then:'")
        parts = {}
        for key in ("if", "then"):
            if key not in item:
                raise _Located(item.line, f"conditional rule {rule_id!r} needs '{key}:'")
            sub = item[key]
            if not isinstance(sub, _Dict):
                raise _Located(kl[key], f"'{key}:' must be a mapping with phrases, patterns or regex")
            for k in sub:
                if k not in _SET_KEYS:
                    raise _Located(
                        sub.key_lines[k], f"unknown key {k!r} under '{key}:'; expected {', '.join(_SET_KEYS)}"
                    )
            parts[key] = _matcher_set(sub, kl[key], kind)
    else:
        for key in ("if", "then"):
            if key in item:
                raise _Located(kl[key], f"'{key}:' is only for kind conditional, not {kind}")
        if kind == "sequence":
            for key in ("phrases", "regex"):
                if key in item:
                    raise _Located(kl[key], f"a sequence rule has only 'patterns' (token lists), not {key!r}")
        parts = {"match": _matcher_set(item, item.line, kind)}
    declaration = None
    if "rule" in item:
        declaration = _declaration(item["rule"], kl["rule"], name)
    return PatternRule(
        id=rule_id,
        kind=kind,
        label=label,
        scope=scope,
        parts=parts,
        source=f"{name}:{line}",
        description=item.get("description", ""),
        message=item.get("message", ""),
        declaration=declaration,
    )


def _declaration(block: Any, line: int, name: str) -> RuleDeclaration:
    """Validate a ``rule:`` block (code, name and severity formats; the category is checked by the
    rules layer, which owns the list)."""
    if not isinstance(block, _Dict):
        raise _Located(line, "'rule:' must be a mapping with code, name and summary")
    kl = block.key_lines
    for key in block:
        if key not in _DECLARATION_KEYS:
            raise _Located(
                kl[key], f"unknown key {key!r} under 'rule:'; expected one of {', '.join(_DECLARATION_KEYS)}"
            )
    for key, required in _DECLARATION_KEYS.items():
        if required and key not in block:
            raise _Located(block.line, f"'rule:' without {key!r}")
    values: dict[str, Any] = {}
    for key, value in block.items():
        if key == "anchor":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise _Located(kl[key], "'anchor' must be a list of words of clause titles")
            values[key] = tuple(value)
            continue
        if not isinstance(value, str) or not value.strip():
            raise _Located(kl[key], f"{key!r} must be a non-empty string")
        values[key.replace("-", "_")] = value.strip()
    if not regex.match(r"^[A-Z]{2}\d{3}$", values["code"]):
        problem = f"code {values['code']!r} must be two capitals and three digits, e.g. DP001"
        raise _Located(kl["code"], problem)
    if not _ID.match(values["name"]):
        raise _Located(kl["name"], f"name {values['name']!r} must be kebab-case")
    if values.get("severity", "warning") not in _SEVERITIES:
        problem = f"unknown severity {values['severity']!r}; expected info, warning or error"
        raise _Located(kl["severity"], problem)
    return RuleDeclaration(**values, source=f"{name}:{block.line}")


def _matcher_set(item: _Dict, line: int, kind: str) -> MatcherSet:
    phrases: list[str] = []
    patterns: list[tuple[dict[str, Any], ...]] = []
    regexes: list[str] = []
    kl = item.key_lines
    for key in _SET_KEYS:
        if key not in item:
            continue
        values = item[key]
        if not isinstance(values, _List) or not values:
            raise _Located(kl[key], f"{key!r} must be a non-empty list")
        for value, vline in zip(values, values.lines, strict=True):
            if key == "phrases":
                if not isinstance(value, str) or not value.strip():
                    raise _Located(vline, "a phrase must be a non-empty string")
                phrases.append(value)
            elif key == "regex":
                if not isinstance(value, str) or not value:
                    raise _Located(vline, "a regex must be a non-empty string")
                try:
                    regex.compile(value, regex.IGNORECASE)
                except regex.error as e:
                    raise _Located(vline, f"invalid regex {value!r}: {e}") from None
                regexes.append(value)
            else:
                patterns.append(_token_pattern(value, vline))
    if kind == "sequence" and not patterns:
        raise _Located(line, "a sequence rule needs 'patterns' (lists of token dicts)")
    if not (phrases or patterns or regexes):
        raise _Located(line, "nothing to match: give 'phrases', 'patterns' or 'regex'")
    return MatcherSet(tuple(phrases), tuple(patterns), tuple(regexes))


_VOCAB: Any = None


def _token_pattern(value: Any, line: int) -> tuple[dict[str, Any], ...]:
    """Validate a Matcher token pattern with spaCy's own schema (``validate=True``)."""
    global _VOCAB
    if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
        raise _Located(
            line, "a token pattern must be a non-empty list of token dicts, e.g. [{LOWER: terminate}]"
        )
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    if _VOCAB is None:
        _VOCAB = Vocab()
    plain = [dict(t) for t in value]
    try:
        Matcher(_VOCAB, validate=True).add("check", [plain])
    except (ValueError, KeyError, TypeError) as e:
        problem = " ".join(str(e).split())
        raise _Located(line, f"invalid token pattern: {problem}") from None
    return tuple(plain)


# --- JSONL lexicons -------------------------------------------------------------------------------------


def parse_lexicon(text: str, name: str) -> Iterator[LexiconEntry]:
    """Parse a JSONL lexicon (one ``{"label", "pattern", "id", "suggestion"}`` object per line, ``id`` and
    ``suggestion`` optional; blank lines allowed)."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise PatternError(f"{where}: invalid JSON: {e.msg} (column {e.colno})") from None
        if not isinstance(obj, dict):
            raise PatternError(f'{where}: expected an object like {{"label": ..., "pattern": ...}}')
        unknown = sorted(set(obj) - _LEXICON_KEYS)
        if unknown:
            raise PatternError(
                f"{where}: unknown key {unknown[0]!r}; expected label, pattern, id, suggestion"
            )
        label = obj.get("label")
        if not isinstance(label, str) or not _LABEL.match(label):
            raise PatternError(f"{where}: 'label' must be a word (letters, digits, '_' or '-')")
        pattern = obj.get("pattern")
        entry_id = obj.get("id", "")
        if not isinstance(entry_id, str):
            raise PatternError(f"{where}: 'id' must be a string")
        suggestion = obj.get("suggestion", "")
        if not isinstance(suggestion, str):
            raise PatternError(f"{where}: 'suggestion' must be a string")
        if isinstance(pattern, str):
            if not pattern.strip():
                raise PatternError(f"{where}: 'pattern' is empty")
            yield LexiconEntry(label, pattern, entry_id, where, suggestion)
        elif isinstance(pattern, list):
            try:
                tokens = _token_pattern(pattern, number)
            except _Located as e:
                raise PatternError(f"{where}: {e.problem}") from None
            yield LexiconEntry(label, tokens, entry_id, where, suggestion)
        else:
            raise PatternError(f"{where}: 'pattern' must be a phrase string or a list of token dicts")


def iter_phrases(patterns: PatternSet) -> Iterator[tuple[str, str]]:
    """``(key, phrase)`` pairs, for tools that index phrases (keys as in ``doc._.cl_pattern_hits``)."""
    for rule in patterns.rules:
        for part, ms in rule.parts.items():
            for phrase in ms.phrases:
                yield f"{rule.id}|{part}", phrase
    for entry in patterns.lexicon:
        if isinstance(entry.pattern, str):
            yield f"lexicon|{entry.label}|{entry.id}", entry.pattern

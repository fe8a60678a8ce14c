"""Configuration files: ``contractlint.toml`` or ``[tool.contractlint]`` in ``pyproject.toml``.

Each contract takes the nearest configuration above it (its own folder first, up to the filesystem
root), so a folder of one client's contracts can carry that client's policy; the command line then
overrides it. As in ruff, the nearest file wins whole: files further up are not merged in. Keys are
checked strictly, and every mistake names the file and the key, because a typo that silently disabled a
check would be worse than no configuration at all. docs/configuration.md lists the keys.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from contractlint.errors import ConfigError
from contractlint.extract import PDF_ENGINES
from contractlint.extract.limits import Limits
from contractlint.lint import LintConfig
from contractlint.model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "CONFIG_NAMES",
    "FileConfig",
    "Overrides",
    "Resolver",
    "find_config",
    "load_config",
]

CONFIG_NAMES = ("contractlint.toml", "pyproject.toml")
"""Looked for in each folder, in this order; a pyproject.toml counts only with [tool.contractlint]."""
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
DEFAULT_VAGUE_GROUP = "vague-qualifier"
"""The group of an extra vague term given as a plain string: flagged wherever a duty is described."""
_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "fail-on",
    "party",
    "pattern-dirs",
    "vague-terms",
    "exclude",
    "pdf-engine",
)
_VAGUE_KEYS = ("extend", "remove")
_TERM_KEYS = ("term", "group", "suggestion")


@dataclass(frozen=True, slots=True)
class FileConfig:
    """One configuration file, validated; paths in it are already absolute."""

    path: str
    """The file, for messages (``pyproject.toml`` keys are shown as ``[tool.contractlint] key``)."""
    root: str
    """Its folder: ``per-file-ignores`` and ``exclude`` globs are relative to it."""
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity | None = None
    party: str | None = None
    pattern_dirs: tuple[str, ...] = ()
    vague_terms_extend: tuple[tuple[str, str, str], ...] = ()
    vague_terms_remove: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    pdf_engine: str | None = None

    def excludes(self, path: str | os.PathLike[str]) -> bool:
        """Whether a scanned file matches one of the ``exclude`` globs."""
        return bool(self.exclude) and _glob_match(path, self.root, self.exclude)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says; None (or empty) leaves the configuration file's value."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity | None = None
    party: str | None = None
    pattern_dirs: tuple[str, ...] = ()
    pdf_engine: str | None = None
    limits: Limits = field(default_factory=Limits)


def _glob_match(path: str | os.PathLike[str], root: str, globs: Sequence[str]) -> bool:
    p = Path(path).resolve()
    try:
        rel = p.relative_to(root).as_posix()
    except ValueError:
        rel = p.as_posix()
    for glob in globs:
        if fnmatch.fnmatchcase(p.name, glob) or fnmatch.fnmatchcase(rel, glob):
            return True
        if glob.startswith("**/") and fnmatch.fnmatchcase(rel, glob[3:]):
            return True
        if glob.endswith("/**") and (rel + "/").startswith(glob[:-2]):
            return True
    return False


# --- reading and validating one file ---------------------------------------------------------------------


def _table(path: Path) -> tuple[dict[str, Any], str] | None:
    """The configuration table of a file and how messages name it; None for a pyproject.toml without
    ``[tool.contractlint]``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "contractlint" not in tool:
            return None
        table = tool["contractlint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.contractlint] must be a table")
        return table, "[tool.contractlint] "
    return data, ""


def _strings(value: Any, where: str, *, codes: bool = False) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list):
        raise ConfigError(f'{where} must be a list of strings, e.g. ["EX", "DV002"]')
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where} must be a list of non-empty strings; found {item!r}")
        out.append(item.strip().upper() if codes and item.strip().upper() == "ALL" else item.strip())
    return tuple(out)


def _severity(value: Any, where: str) -> Severity:
    if value not in SEVERITIES:
        raise ConfigError(f"{where} must be one of info, warning, error; found {value!r}")
    return cast(Severity, value)


def load_config(path: str | os.PathLike[str]) -> FileConfig | None:
    """Read and validate one configuration file (None: a pyproject.toml with no [tool.contractlint])."""
    return _load(str(Path(path).resolve()))


@lru_cache(maxsize=256)
def _load(path_str: str) -> FileConfig | None:
    path = Path(path_str)
    found = _table(path)
    if found is None:
        return None
    table, prefix = found
    root = path.parent

    def where(key: str) -> str:
        return f"{path}: {prefix}key {key!r}"

    for key in table:
        if key not in _KEYS:
            hint = key.replace("_", "-")
            close = f" (did you mean {hint!r}?)" if hint in _KEYS else ""
            raise ConfigError(
                f"{path}: {prefix}unknown key {key!r}{close}; expected one of {', '.join(_KEYS)}"
            )
    values: dict[str, Any] = {}
    if "select" in table:
        values["select"] = _strings(table["select"], where("select"), codes=True)
    if "extend-select" in table:
        values["extend_select"] = _strings(table["extend-select"], where("extend-select"), codes=True)
    if "ignore" in table:
        values["ignore"] = _strings(table["ignore"], where("ignore"), codes=True)
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f'{where("per-file-ignores")} must be a table of "glob" = ["CODE", ...]')
        values["per_file_ignores"] = tuple(
            (glob, _strings(codes, f"{where('per-file-ignores')} entry {glob!r}", codes=True))
            for glob, codes in pfi.items()
        )
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f'{where("severity")} must be a table of CODE = "info" | "warning" | "error"')
        values["severity"] = tuple(
            (code.upper(), _severity(level, f"{where('severity')} entry {code!r}"))
            for code, level in sev.items()
        )
    if "fail-on" in table:
        values["fail_on"] = _severity(table["fail-on"], where("fail-on"))
    if "party" in table:
        party = table["party"]
        if not isinstance(party, str) or not party.strip():
            raise ConfigError(f'{where("party")} must be a non-empty string, e.g. "Customer"')
        values["party"] = party.strip()
    if "pattern-dirs" in table:
        dirs = []
        for d in _strings(table["pattern-dirs"], where("pattern-dirs")):
            full = (root / d).resolve()
            if not full.is_dir():
                raise ConfigError(
                    f"{where('pattern-dirs')}: {d!r} is not a folder (paths are relative to {root})"
                )
            dirs.append(str(full))
        values["pattern_dirs"] = tuple(dirs)
    if "vague-terms" in table:
        values.update(_vague_terms(table["vague-terms"], where("vague-terms")))
    if "exclude" in table:
        values["exclude"] = _strings(table["exclude"], where("exclude"))
    if "pdf-engine" in table:
        engine = table["pdf-engine"]
        if engine not in PDF_ENGINES:
            raise ConfigError(
                f"{where('pdf-engine')} must be one of {', '.join(PDF_ENGINES)}; found {engine!r}"
            )
        values["pdf_engine"] = engine
    return FileConfig(path=str(path), root=str(root), **values)


def _vague_terms(value: Any, where: str) -> dict[str, Any]:
    from contractlint.nlp.patterns import shipped_patterns

    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table with 'extend' and/or 'remove'")
    for key in value:
        if key not in _VAGUE_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}; expected extend, remove")
    groups = {e.id for e in shipped_patterns().lexicon if e.label == "VAGUE_TERM"}
    extend: list[tuple[str, str, str]] = []
    raw = value.get("extend", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{where}.extend must be a list of terms or {{term, group, suggestion}} tables")
    for item in raw:
        if isinstance(item, str) and item.strip():
            extend.append((" ".join(item.lower().split()), DEFAULT_VAGUE_GROUP, ""))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not item["term"].strip():
            raise ConfigError(f'{where}.extend: {item!r} is not a term or a {{term = "..."}} table')
        for key in item:
            if key not in _TERM_KEYS:
                raise ConfigError(f"{where}.extend: unknown key {key!r}; expected term, group, suggestion")
        group = item.get("group", DEFAULT_VAGUE_GROUP)
        if group not in groups:
            raise ConfigError(
                f"{where}.extend: unknown group {group!r}; expected one of {', '.join(sorted(groups))}"
            )
        suggestion = item.get("suggestion", "")
        if not isinstance(suggestion, str):
            raise ConfigError(f"{where}.extend: 'suggestion' must be a string")
        extend.append((" ".join(item["term"].lower().split()), group, suggestion.strip()))
    remove = _strings(value.get("remove", []), f"{where}.remove") if "remove" in value else ()
    return {
        "vague_terms_extend": tuple(extend),
        "vague_terms_remove": tuple(" ".join(t.lower().split()) for t in remove),
    }


# --- discovery ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _find_in(directory: str) -> FileConfig | None:
    here = Path(directory)
    for name in CONFIG_NAMES:
        candidate = here / name
        if candidate.is_file():
            found = _load(str(candidate))
            if found is not None:
                return found
    parent = here.parent
    return None if parent == here else _find_in(str(parent))


def find_config(path: str | os.PathLike[str]) -> FileConfig | None:
    """The configuration that governs a contract (or a folder): the nearest one at or above it."""
    p = Path(path).resolve()
    return _find_in(str(p if p.is_dir() else p.parent))


def clear_caches() -> None:
    """Forget the files read (tests edit configuration files between runs)."""
    _load.cache_clear()
    _find_in.cache_clear()


# --- merging with the command line -------------------------------------------------------------------


class Resolver:
    """Turns a contract path into its ``LintConfig``: its configuration file, then the command line.

    ``config_file`` (``--config``) replaces discovery for every file; ``isolated`` (``--isolated``)
    ignores all configuration files.
    """

    def __init__(
        self,
        overrides: Overrides | None = None,
        *,
        config_file: str | os.PathLike[str] | None = None,
        isolated: bool = False,
    ) -> None:
        self.overrides = overrides or Overrides()
        self.isolated = isolated
        self.fixed: FileConfig | None = None
        if config_file is not None:
            p = Path(config_file)
            if not p.is_file():
                raise ConfigError(f"{p}: configuration file not found (--config)")
            self.fixed = load_config(p)
            if self.fixed is None:
                raise ConfigError(f"{p}: has no [tool.contractlint] table (--config)")
        self._configs: dict[tuple[str | None, tuple[str, ...]], LintConfig] = {}

    def file_config(self, path: str | os.PathLike[str]) -> FileConfig | None:
        if self.isolated:
            return None
        return self.fixed if self.fixed is not None else find_config(path)

    def fail_on(self, path: str | os.PathLike[str]) -> Severity:
        return self.for_file(path).fail_on

    def excluded(self, path: str | os.PathLike[str]) -> bool:
        found = self.file_config(path)
        return found is not None and found.excludes(path)

    def for_file(self, path: str | os.PathLike[str]) -> LintConfig:
        found = self.file_config(path)
        extra: tuple[str, ...] = ()
        if found is not None:
            extra = tuple(
                code
                for glob, codes in found.per_file_ignores
                if _glob_match(path, found.root, [glob])
                for code in codes
            )
        key = (None if found is None else found.path, extra)
        config = self._configs.get(key)
        if config is None:
            config = self._configs[key] = self._merge(found, extra)
        return config

    def default(self) -> LintConfig:
        """The configuration of the current folder (for commands that lint no file, like ``rules``)."""
        return self.for_file(Path.cwd() / "-")

    def _merge(self, found: FileConfig | None, per_file: tuple[str, ...]) -> LintConfig:
        o = self.overrides
        f = found or FileConfig(path="", root="")
        select = o.select if o.select is not None else (f.select or ())
        extend = (*f.extend_select, *o.extend_select)
        if select and extend and "ALL" not in select:
            select, extend = (*select, *extend), ()
        named_on_cli = {s.upper() for s in (*(o.select or ()), *o.extend_select)}
        ignore = tuple(
            dict.fromkeys(
                [c for c in (*f.ignore, *per_file) if c.upper() not in named_on_cli] + list(o.ignore)
            )
        )
        severity = tuple({**dict(f.severity), **dict(o.severity)}.items())
        pattern_dirs = tuple(dict.fromkeys((*f.pattern_dirs, *o.pattern_dirs)))
        engine = o.pdf_engine or f.pdf_engine
        config = LintConfig(
            select=tuple(select),
            extend_select=tuple(extend),
            ignore=ignore,
            party=o.party or f.party,
            fail_on=o.fail_on or f.fail_on or "warning",
            pdf_engine=cast(Any, engine),
            pattern_dirs=pattern_dirs,
            limits=o.limits,
            severity=severity,
            vague_terms_extend=f.vague_terms_extend,
            vague_terms_remove=f.vague_terms_remove,
        )
        _check_selectors(config, found)
        return config


def _check_selectors(config: LintConfig, found: FileConfig | None) -> None:
    """Every code or prefix must name a rule, so a typo in a policy cannot silently do nothing."""
    from contractlint.rules.packs import available_rules

    rules = available_rules(config.pattern_dirs)
    lists: Mapping[str, Sequence[str]] = {
        "select": config.select,
        "extend-select": config.extend_select,
        "ignore": config.ignore,
        "severity": [code for code, _ in config.severity],
    }
    for key, selectors in lists.items():
        for selector in selectors:
            s = selector.upper()
            if s == "ALL" and key != "severity":
                continue
            if not any(r.code.startswith(s) or r.name == selector.lower() for r in rules):
                origin = f"{found.path}: " if found is not None else ""
                raise ConfigError(
                    f"{origin}no rule matches {selector!r} in {key!r} (from the configuration file or the "
                    "command line); 'contractlint rules' lists codes and names"
                )

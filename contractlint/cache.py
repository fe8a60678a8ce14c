"""The scan cache: one JSON file per (file content, contractlint engine, configuration).

A re-scan of an unchanged folder reads these files instead of linting again. Entries are plain JSON (the
report dict and the document text), never pickles, so a cache directory from an untrusted source cannot
run code. Every write goes to a temporary file in the same directory followed by ``os.replace``: a scan
killed at any moment leaves each entry either complete or absent, never half-written.

Layout: ``DIR/v1/<key[:16]>/<sha256[:2]>/<sha256>.json`` where ``key`` hashes the engine fingerprint
and the configuration. The default ``DIR`` is ``.contractlint-cache`` in the current directory (like
``.ruff_cache`` and ``.pytest_cache``, next to the project being reviewed and easy to delete);
``--cache-dir`` or ``CONTRACTLINT_CACHE_DIR`` move it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from contractlint import __version__
from contractlint.lint import LintConfig
from contractlint.rules.packs import plugin_fingerprint

__all__ = [
    "CACHE_FORMAT",
    "DEFAULT_CACHE_DIR",
    "ScanCache",
    "atomic_write_text",
    "config_key",
    "engine_fingerprint",
    "file_sha256",
]

CACHE_FORMAT = "contractlint-cache/1"
DEFAULT_CACHE_DIR = ".contractlint-cache"
_CHUNK = 1 << 20
_PACKAGE = Path(__file__).resolve().parent
# Parts of the package that cannot change a report: presentation and the scan machinery itself.
_NOT_ENGINE = ("render", "scanner", "cli.py", "cache.py", "__main__.py")


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file, read in 1 MB chunks so memory stays flat for large files."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """The version plus a hash of every source and pattern file that shapes a report.

    The version alone is not enough: in a development install the rules and patterns change under the
    same version number, and a stale cached report would then hide a new finding.
    """
    h = hashlib.sha256(__version__.encode())
    roots = [_PACKAGE]
    for candidate in (_PACKAGE / "patterns", _PACKAGE.parent / "patterns"):
        if candidate.is_dir():
            roots.append(candidate)
    for root in roots:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if root == _PACKAGE and (rel.split("/")[0] in _NOT_ENGINE or "__pycache__" in rel):
                continue
            if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".jsonl", ".json", ".cfg"):
                h.update(rel.encode())
                h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def _dir_digest(directory: str) -> str:
    h = hashlib.sha256()
    root = Path(directory)
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def config_key(config: LintConfig) -> str:
    """Hash of everything in the configuration that can change a report (not ``fail_on``)."""
    data: dict[str, Any] = {
        "engine": engine_fingerprint(),
        "select": sorted(config.select),
        "extend_select": sorted(config.extend_select),
        "ignore": sorted(config.ignore),
        "party": config.party,
        "pdf_engine": config.pdf_engine or "default",
        "pattern_dirs": [_dir_digest(str(d)) for d in config.pattern_dirs],
        "limits": asdict(config.limits),
        "severity": sorted(config.severity),
        "vague_terms_extend": sorted(config.vague_terms_extend),
        "vague_terms_remove": sorted(config.vague_terms_remove),
        "plugins": plugin_fingerprint(),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


class ScanCache:
    """Reads and writes cached scan results for one configuration."""

    def __init__(self, directory: str | os.PathLike[str], config: LintConfig) -> None:
        self.root = Path(directory)
        self.key = config_key(config)
        self.base = self.root / "v1" / self.key[:16]

    def _entry(self, sha256: str) -> Path:
        return self.base / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> dict[str, Any] | None:
        """The stored entry, or None when absent or unreadable (a damaged entry is just a miss)."""
        try:
            data = json.loads(self._entry(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != self.key:
            return None
        return data

    def put(self, sha256: str, entry: dict[str, Any]) -> None:
        payload = {"format": CACHE_FORMAT, "key": self.key, **entry}
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        with contextlib.suppress(OSError):  # a read-only or full cache directory must not fail the scan
            atomic_write_text(self._entry(sha256), text)

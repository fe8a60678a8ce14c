"""Find the contracts under the paths a user names.

Rules, in order:

* a path named on the command line is always scanned (if it is a file), whatever its name;
* in folders: hidden files and folders (``.git``, ``.DS_Store``) and Word lock files (``~$draft.docx``)
  are skipped; ``--exclude`` globs remove files, ``--include`` globs add files whatever their suffix;
* ``.docx .pdf .txt .text .md .markdown`` files are contracts; a file with another or no suffix is kept
  only when its content is a PDF or a Word document (``contractlint.extract.detect``), or, without a
  suffix, plain text -- so a stray ``notes.json`` or ``logo.png`` is not linted;
* folder symlinks are followed once: a link back to a folder already walked (a loop) is skipped.

Globs match the path relative to the scanned folder (``drafts/*.docx``) or the file name (``*.pdf``);
``**`` spans folders. The result is sorted, so every output lists files in the same order.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from contractlint.errors import ContractlintError, InputError
from contractlint.extract.detect import detect_format

__all__ = ["CONTRACT_SUFFIXES", "discover"]

CONTRACT_SUFFIXES = frozenset({".docx", ".pdf", ".txt", ".text", ".md", ".markdown"})
_SNIFF = 65536
_ZIP_SNIFF_LIMIT = 64 * 1024 * 1024


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    for glob in globs:
        if fnmatch.fnmatchcase(name, glob) or fnmatch.fnmatchcase(rel, glob):
            return True
        if glob.startswith("**/") and fnmatch.fnmatchcase(rel, glob[3:]):
            return True
    return False


def _sniff(path: Path) -> bool:
    """True when a file with an unknown suffix holds a PDF or DOCX (or, without suffix, text)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
            if head.startswith(b"PK") and path.stat().st_size <= _ZIP_SNIFF_LIMIT:
                head += fh.read()  # a zip's directory is at its end
    except OSError:
        return False
    if not head:
        return False
    try:
        fmt = detect_format(head, name=path.name)
    except ContractlintError:
        return False
    return fmt in ("pdf", "docx") or (fmt == "text" and not path.suffix)


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterable[Path]:
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        try:
            st = here.stat()
        except OSError:
            dirnames[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:  # a symlink loop or a second link to a walked folder
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if name.startswith((".", "~$")):
                continue
            if exclude and _matches(rel, name, exclude):
                continue
            if include and _matches(rel, name, include):
                yield path
                continue
            if not path.is_file():
                continue  # a broken symlink, a socket
            if path.suffix.lower() in CONTRACT_SUFFIXES or _sniff(path):
                yield path


def discover(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[str]:
    """The contract files under ``paths``, sorted and without duplicates.

    Raises ``InputError`` for a named path that does not exist, because a typo in a CI job should fail
    loudly rather than scan nothing.
    """
    found: dict[str, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for item in _walk(path, include, exclude):
                found.setdefault(str(item), None)
        elif path.exists():
            found.setdefault(str(path), None)
        else:
            raise InputError(path, "no such file or folder", "check the path")
    return sorted(found, key=lambda p: Path(p).as_posix())

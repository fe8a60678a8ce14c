"""Where the built-in pattern files live, installed or in a source checkout."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from contractlint.errors import ContractlintError

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["patterns_root"]


def patterns_root() -> Traversable:
    """The built-in ``patterns/`` folder.

    A wheel ships it as ``contractlint/patterns`` (hatch force-include); a source checkout or an
    editable install keeps it at the repository's top level, beside the package.
    """
    packaged = resources.files("contractlint") / "patterns"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "patterns"
    if checkout.is_dir():
        return checkout
    raise ContractlintError(
        "contractlint's built-in patterns are missing from this installation; reinstall contractlint"
    )

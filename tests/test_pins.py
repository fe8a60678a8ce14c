"""Security pins in pyproject.toml (docs/security.md) hold in the environment that runs the tests."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# pdfminer.six 20251230 fixes CVE-2025-64512 and CVE-2025-70559: code execution through a pickled CMap
# that a PDF names by path.
PINS = {"pdfminer.six": 20251230}


def test_pyproject_pins_pdfminer() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for package, minimum in PINS.items():
        match = re.search(rf'^\s*"{re.escape(package)}\s*>=\s*(\d+)', text, re.MULTILINE)
        assert match, f"{package} has no minimum version in pyproject.toml"
        assert int(match.group(1)) >= minimum, match.group(0)


def test_installed_pdfminer_meets_the_pin() -> None:
    for package, minimum in PINS.items():
        version = importlib.metadata.version(package)
        assert int(version.split(".")[0]) >= minimum, f"{package} {version} is older than {minimum}"

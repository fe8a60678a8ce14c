"""The wheel must carry the patterns and py.typed, and work when installed away from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("contractlint-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_patterns_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(REPO).as_posix() for p in (REPO / "patterns").rglob("*") if p.is_file()}
    assert shipped, "patterns/ should not be empty"
    for rel in shipped:
        assert f"contractlint/{rel}" in names
    assert "contractlint/py.typed" in names


@pytest.mark.slow
def test_installed_wheel_finds_its_patterns_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
         str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import contractlint, contractlint.resources as r; "
        "root = r.patterns_root(); "
        "print(contractlint.__file__); print(root); "
        "print(sorted(p.name for p in root.iterdir()))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    module_file, root, listing = result.stdout.splitlines()
    assert module_file.startswith(str(target))
    assert root.startswith(str(target))
    assert listing != "[]"

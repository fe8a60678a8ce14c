"""A lint pauses CPython's cyclic garbage collector and must always hand it back as it found it."""

from __future__ import annotations

import gc
import threading

import pytest

from contractlint.errors import ContractlintError
from contractlint.lint import LintConfig, Linter, _collector_paused

TEXT = "1. Services. The Supplier shall provide support as needed.\n\n2. Term. It runs for one year."


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LintConfig())


def test_collector_is_back_on_after_a_lint_and_after_a_failed_one(linter: Linter) -> None:
    assert gc.isenabled()
    linter.lint(TEXT.encode(), filename="contract.txt")
    assert gc.isenabled()
    with pytest.raises(ContractlintError):
        linter.lint(b"", filename="empty.txt")  # fails inside the paused section
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(linter: Linter) -> None:
    gc.disable()
    try:
        linter.lint(TEXT.encode(), filename="contract.txt")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_resume_only_when_the_last_ends() -> None:
    inside = threading.Barrier(3)
    first_left = threading.Event()
    seen: list[bool] = []

    def hold(wait_for_first: bool) -> None:
        with _collector_paused():
            inside.wait()
            if wait_for_first:
                first_left.wait(5)
                seen.append(gc.isenabled())  # the other pause has ended; this one still holds

    def leave_first() -> None:
        with _collector_paused():
            inside.wait()
        first_left.set()

    threads = [threading.Thread(target=hold, args=(True,)), threading.Thread(target=leave_first)]
    for t in threads:
        t.start()
    inside.wait()
    for t in threads:
        t.join()
    assert seen == [False]
    assert gc.isenabled()

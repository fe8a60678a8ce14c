"""Property: whatever the bytes, linting gives a Report or raises a ContractlintError, within a time bound.

A CI-sized run of the generators in cases.py (about a minute in all); ``benchmarks/fuzz.py`` runs the same
generators for as long as you like, each case in a watched worker process.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractlint.errors import ContractlintError
from contractlint.lint import lint_text
from contractlint.model import Report
from tests.fuzz.cases import GENERATORS, check_case, make_case, seed_lines, time_limit

CASE_SECONDS = 60.0
"""Bound on one case. Real cases take well under a second; a hang is what this catches."""
EXAMPLES = 20

_fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every CI run; benchmarks/fuzz.py explores new ones
    suppress_health_check=[HealthCheck.too_slow],
)

_line = st.one_of(
    st.sampled_from(seed_lines()),
    st.text(max_size=120),
    st.from_regex(r"(?:\d{1,3}\.){1,6}\d{0,3} [A-Z][a-z]{0,12}", fullmatch=True),
    st.from_regex(r"\((?:[a-z]{1,3}|[ivx]{1,4})\) [a-z ]{0,40}", fullmatch=True),
)


@_fuzz
@given(lines=st.lists(_line, max_size=40), blank=st.booleans())
def test_any_text_gives_a_report(lines: list[str], blank: bool) -> None:
    text = ("\n\n" if blank else "\n").join(lines)
    with time_limit(CASE_SECONDS):
        try:
            report = lint_text(text)
        except ContractlintError:
            return  # e.g. the bytes are not text at all
    assert isinstance(report, Report)
    assert report.document.text is not None
    report.to_dict()


@pytest.mark.parametrize("kind", list(GENERATORS))
@_fuzz
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_mutated_files_give_a_report_or_a_contractlint_error(kind: str, seed: int) -> None:
    case = make_case(kind, seed)
    with time_limit(CASE_SECONDS):
        outcome = check_case(case)
    assert outcome == "report" or outcome.endswith("Error"), (case.steps, outcome)


def test_the_time_limit_interrupts_a_hang() -> None:
    """The guard must itself work, or every test above would pass a hang by never returning."""
    import time

    from tests.fuzz.cases import CaseTimeout

    with pytest.raises(CaseTimeout), time_limit(0.2):
        time.sleep(5)

"""Numbers as contracts write them: ``30``, ``1,000,000``, ``thirty (30)``, ``one hundred and twenty``."""

from __future__ import annotations

import regex

__all__ = ["NUMBER_FIRST_WORDS", "QUANTITY", "parse_number", "parse_quantity"]

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "(?:" + "|".join(sorted([*_SMALL, *_SCALES], key=len, reverse=True)) + ")"
NUMBER_FIRST_WORDS = frozenset({"a", *_SMALL, *_SCALES})
"""The words a ``NUMBER_WORDS`` match can open on (each followed by a space, a hyphen or a word end)."""
NUMBER_WORDS = rf"(?:a[\s-]+(?:hundred|thousand|million|billion)|{_WORD})(?:[\s-]+(?:and[\s-]+)?{_WORD})*"
"""One or more number words; ``a`` only before a scale (``a hundred``), so "a day" is not a number."""
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
QUANTITY = (
    rf"(?:(?P<words>\b{NUMBER_WORDS})\b(?:\s*\(\s*(?P<paren>{DIGITS})\s*\))?|(?P<digits>\b(?:{DIGITS})))"
)
"""Named groups ``words``, ``paren``, ``digits`` (use one QUANTITY per pattern)."""

_SPLIT = regex.compile(r"[\s-]+")


def parse_number(text: str) -> float | None:
    """``"1,000"`` -> 1000.0, ``"one hundred and twenty"`` -> 120.0, ``"five million"`` -> 5e6."""
    t = text.strip().lower()
    if not t:
        return None
    if t[0].isdigit():
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    total = 0
    current = 0
    seen = False
    for word in _SPLIT.split(t):
        if word in ("and", ""):
            continue
        if word == "a":
            current = max(current, 1)
            continue
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def parse_quantity(m: regex.Match[str]) -> float | None:
    """The value of a QUANTITY match; the figure in brackets wins over the words ("thirty (30)")."""
    if m.group("paren"):
        return parse_number(m.group("paren"))
    if m.group("words"):
        return parse_number(m.group("words"))
    if m.group("digits"):
        return parse_number(m.group("digits"))
    return None

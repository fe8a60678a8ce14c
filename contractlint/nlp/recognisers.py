"""Recognisers for the facts a lint rule asks about: durations, deadlines, frequencies, money, parties,
defined terms and obligations.

Each one runs the ``regex`` module over ``doc.text`` (one compiled pattern per recogniser, about 0.2 s/MB
for all of them together, where spaCy's Matcher would cost seconds) and maps the character hits to
tokens with ``doc.char_span(..., alignment_mode="expand")``. Results go to ``doc.spans[key]`` with a
label and a plain dict in a ``span._.cl_*`` attribute; character offsets in those dicts are relative to
the Doc (add ``doc._.cl_offset`` for ``Document.text``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy
import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from contractlint.nlp.extensions import (
    CASE_TRAPS,
    doc_text,
    letter_runs,
    lower_text,
    register_extensions,
    sentence_starts_of,
    set_span_value,
    span_rows,
    store_span_rows,
)
from contractlint.nlp.numbers import (
    DIGITS,
    NUMBER_FIRST_WORDS,
    NUMBER_WORDS,
    QUANTITY,
    parse_number,
    parse_quantity,
)

__all__ = [
    "DEFAULT_ROLES",
    "DefinitionRecogniser",
    "DurationRecogniser",
    "FrequencyRecogniser",
    "MoneyRecogniser",
    "ObligationRecogniser",
    "PartyRecogniser",
    "known_roles",
]

_F = regex.IGNORECASE | regex.VERBOSE
Hit = tuple[int, int, str, dict[str, Any]]


def _set_spans(doc: Doc, key: str, attr: str, hits: Iterable[Hit]) -> list[Span]:
    spans: list[Span] = []
    ranges: list[tuple[int, int, str]] = []
    values: dict[tuple[int, int], Any] = {}  # spaCy keys a span's value by its range: the last one wins
    for start, end, label, value in hits:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        where = (span.start_char, span.end_char)
        set_span_value(doc, *where, attr, value)
        spans.append(span)
        ranges.append((*where, label))
        values[where] = value
    doc.spans[key] = spans
    store_span_rows(doc, key, attr, [(s, e, label, values[s, e]) for s, e, label in ranges])
    return spans


def _trim_end(text: str, end: int, chars: str = " \t\r\n\f\v") -> int:
    """``len(text[:end].rstrip(chars))`` without copying the text before ``end``."""
    while end > 0 and text[end - 1] in chars:
        end -= 1
    return end


def _drop_overlaps(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping hits (then the earliest)."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit[0] < kept[-1][1]:
            if hit[1] - hit[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


class _Trigger:
    """Where a few literal words occur, found with ``str.find`` on the lower-cased text.

    The ``regex`` module is fast only for a pattern with ONE literal prefix: an alternation of words or a
    character class at the start is 10-30x slower (it is tried at every character). ``str.find`` runs
    at memory speed, so recognisers find their rare trigger words first and try their full pattern only
    around them.
    """

    def __init__(self, words: Iterable[str], *, whole_words: bool = True, plural: bool = False) -> None:
        self.words = tuple(sorted({w.lower() for w in words}))
        self.whole_words = whole_words
        self.plural = plural
        # A whole word of ASCII letters, found after and before a character that is not alphanumeric, is a
        # whole run of ASCII letters (a plural "s" included).
        self._lettered = frozenset(w for w in self.words if whole_words and w.isascii() and w.isalpha())

    def find(self, lower: str, runs: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of each trigger word. ``runs``: the text's runs of ASCII letters
        (``letter_runs``); a whole word of letters that is not one of them is not looked for."""
        hits: list[tuple[int, int]] = []
        n = len(lower)
        for word in self.words:
            if (
                runs is not None
                and word in self._lettered
                and word not in runs
                and not (self.plural and word + "s" in runs)
            ):
                continue
            size = len(word)
            i = lower.find(word)
            while i != -1:
                end = i + size
                ok = True
                if self.whole_words:
                    if i > 0 and (lower[i - 1].isalnum() or lower[i - 1] == "_"):
                        ok = False
                    if self.plural and end < n and lower[end] == "s":
                        end += 1
                    if end < n and (lower[end].isalnum() or lower[end] == "_"):
                        ok = False
                if ok:
                    hits.append((i, end))
                i = lower.find(word, i + 1)
        hits.sort()
        return hits


_last_lower: list[str] = ["", ""]


def _lower_of(text: str) -> str:
    """``lower_text(text)``, remembered for the last text (each recogniser asks for the same Doc's)."""
    if _last_lower[0] is not text:
        _last_lower[:] = [text, lower_text(text)]
    return _last_lower[1]


_WORD_RUN = regex.compile(r"[\w$£€¥₹]+")
"""A word (or an amount's currency sign and digits): where a windowed pattern may start."""
_ASCII_WORD = numpy.array([_WORD_RUN.match(chr(c)) is not None for c in range(128)], dtype=bool)
_ASCII_LETTER = numpy.array([chr(c).isalpha() for c in range(128)], dtype=bool)
_KEY_LETTERS = 12
"""Runs of up to this many letters get a number (base 27, 27**12 < 2**63) to be looked up in bulk."""


def _word_key(word: str) -> int:
    key = 0
    for c in word:
        key = key * 27 + ord(c) - 96
    return key


class _TextWords:
    """Where the words of one text start, and which of those starts can open a match, found once for
    every recogniser with numpy instead of a test per word start per trigger window."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._candidates: dict[frozenset[str], list[int]] = {}
        if not text:
            self.starts: list[int] = []
            self._starts = numpy.zeros(0, dtype=numpy.int64)
            self._first = numpy.zeros(0, dtype=numpy.int64)
            self._keys = numpy.zeros(0, dtype=numpy.int64)
            return
        codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
        ascii_codes = numpy.minimum(codes, 127)
        is_word = _ASCII_WORD[ascii_codes]
        wide = numpy.flatnonzero(codes >= 128)
        if wide.size:
            others = codes[wide]
            yes = [c for c in numpy.unique(others).tolist() if _WORD_RUN.match(chr(c))]
            if yes:
                is_word[wide] = numpy.isin(others, yes)
        opens = is_word.copy()
        opens[1:] &= ~is_word[:-1]
        starts = numpy.flatnonzero(opens)
        self._starts = starts
        self.starts = starts.tolist()  # [m.start() for m in _WORD_RUN.finditer(text)], 10x faster
        self._first = codes[starts].astype(numpy.int64)
        # The run of ASCII letters at each start, lower-cased, as a number (0: none, -1: too long).
        is_letter = _ASCII_LETTER[ascii_codes]
        lower_codes = numpy.where((codes >= 65) & (codes <= 90), codes + 32, codes).astype(numpy.int64)
        keys = numpy.zeros(len(starts), dtype=numpy.int64)
        going = numpy.flatnonzero(is_letter[starts])  # the starts whose run of letters goes on
        for j in range(_KEY_LETTERS + 1):
            at = starts[going] + j
            still = at < len(codes)
            still[still] = is_letter[at[still]]
            going, at = going[still], at[still]
            if not going.size:
                break
            if j == _KEY_LETTERS:
                keys[going] = -1
            else:
                keys[going] = keys[going] * 27 + lower_codes[at] - 96
        self._keys = keys

    def candidates(self, whole: frozenset[str]) -> list[int]:
        """The word starts whose run of ASCII letters is one of ``whole``'s words (of 1 to 12 letters),
        or which open with one of its single non-letters (digits) or with a non-ASCII character."""
        found = self._candidates.get(whole)
        if found is None:
            words = [w for w in whole if w.isascii() and w.isalpha()]
            marks = [ord(w) for w in whole if len(w) == 1 and w.isascii() and not w.isalpha()]
            assert all(len(w) <= _KEY_LETTERS for w in words), "a word too long for _TextWords"
            wanted = numpy.sort(numpy.array([_word_key(w) for w in words] or [-3], dtype=numpy.int64))
            at = numpy.minimum(numpy.searchsorted(wanted, self._keys), wanted.size - 1)
            keep = wanted[at] == self._keys
            keep |= (self._keys == 0) & ((self._first >= 128) | numpy.isin(self._first, marks))
            found = self._starts[keep].tolist()
            self._candidates[whole] = found
        return found


_last_words: list[Any] = [_TextWords("")]


def _text_words(text: str) -> _TextWords:
    """The ``_TextWords`` of the last text (each recogniser asks for the same Doc's)."""
    if _last_words[0].text is not text:
        _last_words[0] = _TextWords(text)
    words: _TextWords = _last_words[0]
    return words


def first_words(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``{first character: words}`` for ``_windowed``'s cheap test of where a pattern can start."""
    out: dict[str, list[str]] = {}
    for word in sorted({w.lower() for w in words}):
        out.setdefault(word[0], []).append(word)
    return {c: tuple(ws) for c, ws in out.items()}


def _windowed(
    pattern: regex.Pattern[str],
    trigger: _Trigger,
    text: str,
    before: int,
    after: int,
    *,
    first: dict[str, tuple[str, ...]] | None = None,
    whole: frozenset[str] | None = None,
) -> Iterable[regex.Match[str]]:
    """Matches of ``pattern`` that overlap a trigger word: the leftmost word start within ``before``
    characters of the trigger whose match reaches the trigger wins (as ``finditer`` would choose).

    ``first`` (from ``first_words``) lists the ASCII strings, lower-case, one of which every match of
    ``pattern`` opens with unless it opens on a non-ASCII character: any other word start is skipped
    with a ``str`` test (~0.15 us) instead of a call of the regex (~1.2 us, even when it fails on the
    first character).

    ``whole``: the same for a pattern whose every match opens with a whole run of ASCII letters (the run
    ends where the regex has ``\\s``, ``\\b`` or a hyphen) that is one of these lower-case words, or with
    one of the ASCII digits among them, or with a non-ASCII character: only those word starts
    (``_TextWords.candidates``, found in bulk) are visited."""
    last_end = 0
    n = len(text)
    lower = _lower_of(text)
    if any(c in text for c in CASE_TRAPS):
        first = whole = None
    text_words = _text_words(text)
    words = text_words.starts if whole is None else text_words.candidates(whole)
    for start, end in trigger.find(lower, letter_runs(text, lower)):
        if start < last_end:
            continue
        lo = max(last_end, start - before)
        hi = min(n, end + after)
        for k in range(bisect.bisect_left(words, lo), bisect.bisect_left(words, end)):
            pos = words[k]
            if first is not None:
                heads = first.get(lower[pos])
                if heads is None:
                    if lower[pos] < "\x80":
                        continue  # other characters (a Unicode digit, a currency sign) are tried
                elif not lower.startswith(heads, pos):
                    continue
            m = pattern.match(text, pos, hi)
            if m is not None and m.end() > start:
                last_end = m.end()
                yield m
                break


# --- durations and deadlines --------------------------------------------------------------------------

_UNIT_DAYS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.0,
    "quarter": 91.0,
    "year": 365.0,
    "annum": 365.0,
}
_BOUNDS = {
    "within": "within",
    "no later than": "no_later_than",
    "not later than": "no_later_than",
    "not less than": "at_least",
    "no less than": "at_least",
    "at least": "at_least",
    "a minimum of": "at_least",
    "minimum of": "at_least",
    "in excess of": "at_least",
    "more than": "at_least",
    "not more than": "at_most",
    "no more than": "at_most",
    "up to": "at_most",
    "at most": "at_most",
    "a maximum of": "at_most",
    "less than": "at_most",
    "not exceeding": "at_most",
    "for": "for",
    "for a period of": "for",
    "for a term of": "for",
    "for an initial term of": "for",
    "a period of": "for",
    "after": "after",
    "before": "before",
}
_ANCHORS = {
    "prior to": "before",
    "before": "before",
    "in advance of": "before",
    "preceding": "before",
    "ahead of": "before",
    "after": "after",
    "following": "after",
    "from": "after",
    "of": "after",
    "after receipt of": "after",
    "following receipt of": "after",
    "of receipt of": "after",
    "upon": "after",
    "beyond": "after",
}


def _alt(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_DURATION = regex.compile(
    rf"""
    (?:(?P<bound>{_alt(_BOUNDS)})\s+)?
    {QUANTITY}\s*
    (?P<unit>(?P<qual>business|working|calendar|banking|consecutive)?\s*
        (?:minute|hour|day|week|fortnight|month|quarter|year)s?)\b
    (?P<poss>['’]s?)?
    (?P<notice>(?:\s+(?:advance|prior))?(?:\s+(?:written|formal))?\s+notice)?
    (?P<advance>\s+in\s+advance)?
    (?:\s+(?P<arel>{_alt(_ANCHORS)})\s+
        (?P<anchor>[\w'’\-]+(?:\s+(?!(?:and|or|unless|provided|if|which|whichever)\b)[\w'’\-]+){{0,7}}?)
        (?=\s*(?:[.;:,()]|$)|\s+(?:and|or|unless|provided|if|which|whichever|to|by|for)\b))?
    """,
    _F,
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTH = _alt([*_MONTHS, *(m[:3] + "." for m in _MONTHS), *(m[:3] for m in _MONTHS)])
_DATE_DEADLINE = regex.compile(
    rf"""
    (?P<bound>no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|by|before|until|prior\s+to)\s+
    (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})
      | (?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
    )\b
    """,
    _F,
)


def _unit_of(text: str) -> str:
    word = text.lower().split()[-1].rstrip("s")
    return "day" if word == "dai" else word


_EVERY_BEFORE = regex.compile(r"\b(?:every|each)\s+$", regex.IGNORECASE)
_UNIT_TRIGGER = _Trigger(
    ["minute", "hour", "day", "week", "fortnight", "month", "quarter", "year"], plural=True
)
_DATE_TRIGGER = _Trigger([*_MONTHS, *(m[:3] for m in _MONTHS)])
_DIGIT_HEADS = tuple("0123456789")
_DURATION_FIRST = frozenset([*(b.split()[0] for b in _BOUNDS), *NUMBER_FIRST_WORDS, *_DIGIT_HEADS])
"""A duration opens on its bound's first word or a number word (each followed by a space, a hyphen or a
word end), or a digit."""
_DATE_FIRST = frozenset(["no", "not", "on", "by", "before", "until", "prior"])


def find_durations(text: str) -> list[Hit]:
    """Durations ("thirty (30) days' prior written notice") and date deadlines ("by 1 March 2027")."""
    hits: list[Hit] = []
    for m in _windowed(_DURATION, _UNIT_TRIGGER, text, 100, 200, whole=_DURATION_FIRST):
        if _EVERY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "every two weeks" is a frequency
        amount = parse_quantity(m)
        if amount is None:
            continue
        unit = _unit_of(m.group("unit"))
        qual = (m.group("qual") or "").lower()
        bound_text = " ".join((m.group("bound") or "").lower().split())
        arel_text = " ".join((m.group("arel") or "").lower().split())
        anchor_relation = _ANCHORS.get(arel_text) if arel_text else None
        if anchor_relation is None and (m.group("advance") or "prior" in (m.group("notice") or "")):
            anchor_relation = "before"
        bound = _BOUNDS.get(bound_text)
        value: dict[str, Any] = {
            "amount": amount,
            "unit": unit,
            "business": qual in ("business", "working", "banking"),
            "days": round(amount * _UNIT_DAYS.get(unit, 1.0), 4),
            "bound": bound,
            "anchor_relation": anchor_relation,
            "anchor": (m.group("anchor") or "").strip() or None,
            "notice": bool(m.group("notice")),
            "deadline": bound in ("within", "no_later_than") or anchor_relation == "before",
        }
        hits.append((m.start(), m.end(), "DURATION", value))
    for m in _windowed(_DATE_DEADLINE, _DATE_TRIGGER, text, 40, 40, whole=_DATE_FIRST):
        try:
            month = (m.group("m1") or m.group("m2")).lower().rstrip(".")
            month_no = next(v for k, v in _MONTHS.items() if k.startswith(month[:3]))
            date = dt.date(int(m.group("y1") or m.group("y2")), month_no, int(m.group("d1") or m.group("d2")))
        except (ValueError, StopIteration):
            continue
        bound = " ".join(m.group("bound").lower().split())
        hits.append(
            (
                m.start(),
                m.end(),
                "DATE",
                {
                    "date": date.isoformat(),
                    "bound": _BOUNDS.get(bound, bound.replace(" ", "_")),
                    "deadline": True,
                },
            )
        )
    return _drop_overlaps(hits)


# --- frequencies --------------------------------------------------------------------------------------

_ADVERBS = {
    "hourly": ("hour", 1),
    "daily": ("day", 1),
    "weekly": ("week", 1),
    "fortnightly": ("week", 2),
    "biweekly": ("week", 2),
    "bi-weekly": ("week", 2),
    "monthly": ("month", 1),
    "bimonthly": ("month", 2),
    "bi-monthly": ("month", 2),
    "quarterly": ("quarter", 1),
    "semi-annually": ("month", 6),
    "semiannually": ("month", 6),
    "semi-annual": ("month", 6),
    "semiannual": ("month", 6),
    "half-yearly": ("month", 6),
    "biannually": ("month", 6),
    "annually": ("year", 1),
    "annual": ("year", 1),
    "yearly": ("year", 1),
}
_BASIS = {
    "daily": "daily",
    "weekly": "weekly",
    "monthly": "monthly",
    "quarterly": "quarterly",
    "annual": "annually",
    "yearly": "yearly",
    "regular": None,
    "ongoing": None,
}
_FREQUENCY = regex.compile(
    rf"""
    (?P<atleast>at\s+least\s+|no\s+less\s+(?:often|frequently)\s+than\s+
        |not\s+less\s+(?:often|frequently)\s+than\s+)?
    (?:
        on\s+an?\s+(?P<basis>{_alt(_BASIS)})\s+basis
      | \b(?P<adverb>{_alt(_ADVERBS)})\b
      | (?:(?P<once>once|twice)|(?:{QUANTITY})\s+times)\s+(?:a|an|per|each|every|in\s+any)\s+
            (?:calendar\s+)?(?P<u1>hour|day|week|fortnight|month|quarter|year)\b
      | \b(?:every|each)\s+(?:(?P<n>\d+|other|{NUMBER_WORDS})(?:\s*\(\d+\))?\s+)?
            (?:calendar\s+|business\s+|working\s+)?(?P<u2>hour|day|week|fortnight|month|quarter|year)s?\b
    )
    """,
    _F,
)


_FREQUENCY_TRIGGER = _Trigger([*_ADVERBS, "basis", "once", "twice", "times", "every", "each"])
_FREQUENCY_FIRST = frozenset(
    [
        *("at", "no", "not", "on", "once", "twice", "every", "each"),
        *(a.split("-")[0] for a in _ADVERBS),
        *NUMBER_FIRST_WORDS,
        *_DIGIT_HEADS,
    ]
)


def find_frequencies(text: str) -> list[Hit]:
    """How often something happens: "monthly", "every two weeks", "at least quarterly", "twice a year"."""
    hits: list[Hit] = []
    for m in _windowed(_FREQUENCY, _FREQUENCY_TRIGGER, text, 80, 80, whole=_FREQUENCY_FIRST):
        every = 1.0
        if m.group("adverb"):
            unit, n = _ADVERBS[m.group("adverb").lower()]
            every = float(n)
        elif m.group("basis"):
            word = _BASIS[m.group("basis").lower()]
            if word is None:
                continue
            unit, n = _ADVERBS[word]
            every = float(n)
        elif m.group("u1"):
            unit = m.group("u1").lower()
            times = 1.0 if (m.group("once") or "").lower() == "once" else 2.0
            if not m.group("once"):
                times = parse_quantity(m) or 1.0
            every = 1.0 / times
        else:
            unit = m.group("u2").lower()
            n_text = (m.group("n") or "").lower()
            every = 2.0 if n_text == "other" else (parse_number(n_text) if n_text else 1.0) or 1.0
        value = {
            "unit": unit,
            "every": every,
            "period_days": round(every * _UNIT_DAYS[unit], 4),
            "at_least": bool(m.group("atleast")),
        }
        hits.append((m.start(), m.end(), "FREQUENCY", value))
    return _drop_overlaps(hits)


# --- money ----------------------------------------------------------------------------------------------

_CURRENCY_SYMBOLS = {
    "us$": "USD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "c$": "CAD",
    "a$": "AUD",
    "₹": "INR",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "cad": "CAD",
    "aud": "AUD",
    "chf": "CHF",
    "jpy": "JPY",
    "inr": "INR",
    "sgd": "SGD",
    "hkd": "HKD",
    "cny": "CNY",
    "rmb": "CNY",
    "nzd": "NZD",
}
_CURRENCY_WORDS = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "united states dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "swiss francs": "CHF",
    "yen": "JPY",
    "rupees": "INR",
}
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
}
_MONEY = regex.compile(
    rf"""
    (?P<sym>US\$|C\$|A\$|[$£€¥₹]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|SGD|HKD|CNY|RMB|NZD)\b)\s?
        (?P<num>{DIGITS})(?:\s?(?P<scale>thousand|million|billion|mm|mn|bn|m|k)\b)?
  | (?P<amount>\b(?:{NUMBER_WORDS}|{DIGITS}))\s+(?:(?P<scale2>thousand|million|billion)\s+)?
        (?P<word>{_alt(_CURRENCY_WORDS)})\b
        (?:\s*\(\s*(?:US\$|[$£€]|USD|EUR|GBP)?\s?{DIGITS}\s*\))?
    """,
    regex.VERBOSE,
)
_MONEY_I = regex.compile(_MONEY.pattern, regex.VERBOSE | regex.IGNORECASE)


_MONEY_SYMBOLS = _Trigger("$£€¥₹", whole_words=False)
_MONEY_WORDS = _Trigger(
    [
        "usd",
        "eur",
        "gbp",
        "cad",
        "aud",
        "chf",
        "jpy",
        "inr",
        "sgd",
        "hkd",
        "cny",
        "rmb",
        "nzd",
        "dollar",
        "dollars",
        "pounds",
        "sterling",
        "euro",
        "euros",
        "yen",
        "rupees",
        "francs",
    ]
)


def find_money(text: str) -> list[Hit]:
    """Amounts of money with a currency: "$1,000,000", "USD 5,000", "£250,000", "five million dollars"."""
    hits: list[Hit] = []
    matches = [
        *_windowed(_MONEY_I, _MONEY_SYMBOLS, text, 4, 40),
        *_windowed(_MONEY_I, _MONEY_WORDS, text, 120, 60),
    ]
    for m in matches:
        if m.group("sym"):
            sym = m.group("sym")
            if sym.isalpha() and not sym.isupper():
                continue  # "usd" in running text is not a currency code
            amount = parse_number(m.group("num"))
            scale = (m.group("scale") or "").lower()
            currency = _CURRENCY_SYMBOLS[sym.lower()]
        else:
            amount = parse_number(m.group("amount"))
            scale = (m.group("scale2") or "").lower()
            currency = _CURRENCY_WORDS[" ".join(m.group("word").lower().split())]
        if amount is None:
            continue
        amount *= _SCALE.get(scale, 1.0)
        hits.append((m.start(), m.end(), "MONEY", {"amount": amount, "currency": currency}))
    return _drop_overlaps(hits)


# --- defined terms ------------------------------------------------------------------------------------

_QO = '["“”‘]'
_QC = "(?:[\"”“]|’(?![\\w’])|'(?=\\)|\\Z))"
"""Double quotes, or the single curly quotes of UK drafting ("(the ‘Contract’)"); a closing ’ followed by
a letter is an apostrophe ("the ‘Supplier’s Staff’")."""
_TERM = r"(?P<term>[A-Z0-9][^\"“”‘\n]{0,79}?)"
_MEANS = regex.compile(
    rf"""{_QO}{_TERM}{_QC}\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*
    (?P<verb>(?i:shall\s+mean|means|shall\s+have\s+the\s+(?:same\s+)?meanings?|has\s+the\s+(?:same\s+)?meanings?
       |have\s+the\s+(?:same\s+)?meanings?|shall\s+refer\s+to|refers\s+to|(?:is|shall\s+be)\s+defined\s+as)\b|:)
    """,
    regex.VERBOSE,
)
_LEAD = (
    r"(?i:(?:hereinafter|hereafter|herein|individually|collectively|together|jointly|each|both|referred"
    r"|to|as|called|known|and|or|the|a|an|its|their|of|them|being)[\s,]+)*"
)
_PAREN = regex.compile(rf"\((?P<inner>\s*{_LEAD}{_QO}[^()]{{0,200}}?)\)")
_QUOTED = regex.compile(rf"{_QO}{_TERM}{_QC}")
_HEREIN = regex.compile(
    rf"""(?P<lead>(?i:hereinafter|hereafter|referred\s+to\s+(?:herein\s+|hereinafter\s+)?as
        |(?:together|collectively|individually|jointly)(?:\s+as)?|each\s+(?:of\s+them\s+)?(?:being\s+)?))
        \s*,?\s*(?:(?i:the|a|an)\s+)?{_QO}{_TERM}{_QC}""",
    regex.VERBOSE,
)
_HEREIN_FIRST = first_words(
    ["hereinafter", "hereafter", "referred", "together", "collectively", "individually", "jointly", "each"]
)
_CUT = regex.compile(r"[;:,]\s*")
_QUOTE = _Trigger('"“”‘', whole_words=False)
_BARE = regex.compile(
    r"""(?:^|(?<=\n))[ \t]*
    (?:(?:\(?\d{1,3}(?:\.\d{1,3}){0,5}\.?\)?|\(?[a-z]{1,4}[.)]|\([a-z]{1,4}\))[ \t]+)?
    (?:The[ \t]+)?
    (?P<term>[A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|and|for|to|the|in|on|or|&)[ \t]+)?[A-Z0-9][\w’'\-]*){0,7})
    [ \t]+(?P<verb>means|shall[ \t]+mean|(?:has|shall[ \t]+have)[ \t]+the[ \t]+meaning)\b""",
    regex.VERBOSE,
)
"""A line (a numbered clause or a table cell) that starts with a Title Case phrase and "means": an
unquoted definition ("5.2.6 Tier One Billable Works means works ...")."""
# A definition table row: the term alone in its cell (quoted, or bare when the next cell says "means"),
# the definition in the next cell. Blocks are joined by a blank line, so each cell is its own paragraph.
_TABLE_ROW = regex.compile(
    rf"""(?:^|(?<=\n\n))[ \t]*
    (?:{_QO}(?P<term>[A-Z0-9][^"“”\n]{{0,79}}?){_QC}
       (?:[ \t]*(?:,|/|(?:,[ \t]*)?\b(?:or|and)\b)[ \t]*{_QO}(?P<term>[A-Z0-9][^"“”\n]{{0,79}}?){_QC})*
       [ \t]*:?[ \t]*\n\n(?=[ \t]*[\w(\[])
      |(?P<term>[A-Z][\w’'&/\-]*(?:[ \t][\w’'&/\-]+){{0,7}})[ \t]*:?[ \t]*\n\n
       (?=[ \t]*(?i:means|shall\s+mean)\b))""",
    regex.VERBOSE,
)


def _sentence_bounds(doc: Doc) -> list[int]:
    """Sentence start offsets (chars), or just paragraph starts when no component set sentences."""
    stored = sentence_starts_of(doc)
    if stored is not None:
        return stored
    if doc.has_annotation("SENT_START"):
        return [s.start_char for s in doc.sents]
    return [0] + [m.end() for m in regex.finditer(r"\n\s*\n", doc_text(doc))]


def _sentence_of(bounds: list[int], pos: int, text_len: int) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, pos) - 1
    start = bounds[max(i, 0)]
    end = bounds[i + 1] if i + 1 < len(bounds) else text_len
    return start, end


def _paragraph_matches(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can only start a paragraph (at the text's start or
    after a blank line): tried there only, not at every offset."""
    pos = 0
    while pos != -1:
        start = pos if pos == 0 else pos + 2
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = text.find("\n\n", max(m.end() - 2, start))
        else:
            pos = text.find("\n\n", start)


def _line_matches(
    pattern: regex.Pattern[str], text: str, needle: str | None = None
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can only start a line (at the text's start or after
    a newline): tried at line starts only, not at every offset, which the regex engine would do.

    ``needle``: a string every match holds, for a pattern whose matches never cross a newline; then only
    the lines holding it are tried (a few, where a contract has thousands of lines)."""
    last_end = 0
    for pos in _line_starts(text) if needle is None else _lines_holding(text, needle):
        if pos >= last_end:
            m = pattern.match(text, pos)
            if m is not None and m.end() > m.start():
                last_end = m.end()
                yield m


def _line_starts(text: str) -> Iterator[int]:
    pos = 0
    while True:
        yield pos
        nxt = text.find("\n", pos)
        if nxt < 0:
            return
        pos = nxt + 1


def _lines_holding(text: str, needle: str) -> Iterator[int]:
    """Start offsets, in order, of the lines of ``text`` that hold ``needle``."""
    i = text.find(needle)
    while i != -1:
        yield text.rfind("\n", 0, i) + 1
        nxt = text.find("\n", i)
        if nxt < 0:
            return
        i = text.find(needle, nxt + 1)


def find_definitions(doc: Doc) -> list[Hit]:
    """Defined terms with the character span of their definition.

    ``"X" means ...`` (the definition runs to the end of its sentence or list item, or to the next
    ``"Y" means``); ``(the "X")`` and ``hereinafter "X"`` (the definition is the phrase before the
    bracket, back to the previous comma, semicolon, colon or sentence start: an approximation).
    A definition table row (form ``table``) is a term alone in its cell, quoted or followed by a cell
    that starts with "means"; the definition is the next cell's first paragraph.
    """
    text = doc_text(doc)
    bounds = _sentence_bounds(doc)
    hits: list[Hit] = []
    means = list(_MEANS.finditer(text))
    for k, m in enumerate(means):
        _, s_end = _sentence_of(bounds, m.start(), len(text))
        start = m.end()
        while start < len(text) and text[start] in " \t:":
            start += 1
        end = s_end
        if k + 1 < len(means) and means[k + 1].start() < end:
            end = means[k + 1].start()
        end = _trim_end(text, end, " \t\r\n;,.")
        hits.append(
            (
                m.start("term"),
                m.end("term"),
                "DEFINED_TERM",
                {"term": m.group("term").strip(), "form": "means", "start": start, "end": max(start, end)},
            )
        )
    taken = {h[0] for h in hits}
    if " mean" in text:
        for m in _line_matches(_BARE, text, "mean"):  # a match is one line, and holds its verb
            if m.start("term") in taken:
                continue
            taken.add(m.start("term"))
            _, s_end = _sentence_of(bounds, m.start("term"), len(text))
            start = m.end()
            while start < len(text) and text[start] in " \t:":
                start += 1
            nxt = text.find("\n", start)
            end = _trim_end(text, min(s_end, len(text) if nxt < 0 else nxt), " \t\r\n;,.")
            value = {"term": m.group("term").strip(), "form": "means", "start": start, "end": max(start, end)}
            hits.append((m.start("term"), m.end("term"), "DEFINED_TERM", value))
    for m in _PAREN.finditer(text):
        s_start, _ = _sentence_of(bounds, m.start(), len(text))
        before = text[max(s_start, m.start() - 300) : m.start()]
        cut = 0
        for c in _CUT.finditer(before):
            cut = c.end()
        d_start = m.start() - len(before) + cut
        d_end = _trim_end(text, m.start())
        for q in _QUOTED.finditer(text, m.start("inner"), m.end("inner")):
            if q.start("term") in taken:
                continue
            taken.add(q.start("term"))
            hits.append(
                (
                    q.start("term"),
                    q.end("term"),
                    "DEFINED_TERM",
                    {
                        "term": q.group("term").strip(),
                        "form": "parenthetical",
                        "start": d_start,
                        "end": max(d_start, d_end),
                        "paren_start": m.start(),
                        "paren_end": m.end(),
                    },
                )
            )
    for m in _paragraph_matches(_TABLE_ROW, text):
        start = m.end()
        while start < len(text) and text[start] in " \t":
            start += 1
        nxt = text.find("\n\n", start)
        end = _trim_end(text, len(text) if nxt < 0 else nxt, " \t\r\n;,.")
        # '"Intellectual Property Rights" or "IPR"': every quoted term of the cell is defined
        for t_start, t_end, term in zip(m.starts("term"), m.ends("term"), m.captures("term"), strict=True):
            if t_start in taken:
                continue
            taken.add(t_start)
            value = {"term": term.strip(), "form": "table", "start": start, "end": max(start, end)}
            hits.append((t_start, t_end, "DEFINED_TERM", value))
    for m in _windowed(_HEREIN, _QUOTE, text, 80, 90, first=_HEREIN_FIRST):
        if m.start("term") in taken:
            continue
        taken.add(m.start("term"))
        s_start, _ = _sentence_of(bounds, m.start(), len(text))
        hits.append(
            (
                m.start("term"),
                m.end("term"),
                "DEFINED_TERM",
                {
                    "term": m.group("term").strip(),
                    "form": "hereinafter",
                    "start": s_start,
                    "end": m.start(),
                    "paren_start": m.start(),
                    "paren_end": m.end(),
                },
            )
        )
    hits.sort(key=lambda h: h[0])
    return hits


# --- parties --------------------------------------------------------------------------------------------

DEFAULT_ROLES: tuple[str, ...] = (
    "Supplier",
    "Customer",
    "Client",
    "Provider",
    "Service Provider",
    "Services Provider",
    "Vendor",
    "Contractor",
    "Subcontractor",
    "Consultant",
    "Company",
    "Licensor",
    "Licensee",
    "Buyer",
    "Seller",
    "Purchaser",
    "Recipient",
    "Distributor",
    "Reseller",
    "Agent",
    "Principal",
    "Employer",
    "Franchisor",
    "Franchisee",
    "Manufacturer",
    "Developer",
    "Partner",
    "Authority",
    "Contracting Authority",
    "Lessor",
    "Lessee",
    "Landlord",
    "Tenant",
    "Owner",
    "Operator",
    "Sponsor",
    "Institution",
    "Outsourcer",
    "Service Recipient",
    "Contracting Body",
    "Buyer",
    "Agency",
    "Publisher",
    "Marketer",
    "Producer",
)
"""Role words treated as parties when a contract defines them, and used for subjects when it does not."""
_GENERIC = frozenset({"party", "parties"})
_SUFFIX = regex.compile(
    r"""(?:\b(?:Inc|Ltd|Limited|LLC|L\.L\.C|LLP|L\.L\.P|plc|PLC|Corp|Corporation|Company|Co|GmbH|AG|SE
        |S\.A|N\.V|B\.V|PTE|Pte|Pty|S\.p\.A|SAS|SARL|AB|Oy|A/S|L\.P|LP|Incorporated|LIMITED|INC|CORP
        |CORPORATION|COMPANY|LTD)\b\.?)""",
    regex.VERBOSE,
)
_CAP_WORD = regex.compile(r"(?:[A-Z0-9][\w&'’.\-]*|&|of|and|de|du|the)$")
_DESCRIPTION_GAP = regex.compile(
    r"^\s*(?:,(?:(?![\"“”]|\b(?:shall|will|must|agrees)\b)[^()])*?,?)?\s*$", regex.S
)


def _entity_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The company name that a bracketed role refers to: the first name with a corporate suffix in
    ``text[lo:hi]`` whose remaining gap to ``hi`` is only a comma-led description."""
    for m in _SUFFIX.finditer(text, lo, hi):
        end = m.end()
        # swallow a second suffix ("Pte. Ltd.", "PTE, LTD.")
        rest = text[end:hi]
        nxt = _SUFFIX.match(text, end + len(rest) - len(rest.lstrip(" ,")), hi)
        if nxt is not None:
            end = nxt.end()
        if not _DESCRIPTION_GAP.match(text[end:hi]):
            continue
        words = text[lo : m.start()].split(" ")
        start = m.start()
        before = reversed(words[:-1] if words and words[-1] == "" else words)
        for taken, word in enumerate(before):
            w = word.rstrip(",")
            if not w or not _CAP_WORD.match(w) or taken >= 6:
                break
            start -= len(word) + 1
        while start < m.start() and text[start] in " ,":
            start += 1
        while True:  # "and Beta Inc." -> "Beta Inc."
            head = regex.match(r"(?:and|of|the|de|du)\s+", text[start : m.start()])
            if head is None:
                break
            start += head.end()
        if start >= m.start() and not text[m.start()].isupper():
            continue
        return start, end
    return None


def find_parties(doc: Doc, definitions: list[Hit]) -> list[Hit]:
    """Party roles: bracketed or ``hereinafter`` terms that follow a company name, role words
    ("Supplier", "Customer") however defined, and the generic "Party"/"Parties"."""
    text = doc_text(doc)
    bounds = _sentence_bounds(doc)
    role_words = {r.lower() for r in DEFAULT_ROLES}
    hits: list[Hit] = []
    last_paren_end: dict[int, int] = {}
    for start, end, _, value in definitions:
        term: str = value["term"]
        low = term.lower()
        generic = low in _GENERIC
        name: tuple[int, int] | None = None
        if value["form"] in ("parenthetical", "hereinafter"):
            s_start, _ = _sentence_of(bounds, start, len(text))
            lo = max(s_start, last_paren_end.get(s_start, s_start), value["paren_start"] - 400)
            if not generic:
                name = _entity_before(text, lo, value["paren_start"])
            last_paren_end[s_start] = value["paren_end"]
        is_role = low in role_words or low.split()[-1] in role_words
        if not (generic or name is not None or is_role):
            continue
        hits.append(
            (
                start,
                end,
                "PARTY",
                {
                    "role": term,
                    "generic": generic,
                    "name": text[name[0] : name[1]].strip() if name else None,
                    "name_start": name[0] if name else None,
                    "name_end": name[1] if name else None,
                },
            )
        )
    return hits


def known_roles(doc: Doc) -> dict[str, str]:
    """``{lower: Role}`` for every role this Doc defines or was given in ``doc._.cl_roles``."""
    roles: dict[str, str] = dict(doc._.cl_roles or {})
    for _, _, _, value in span_rows(doc, "parties", "cl_party") if "parties" in doc.spans else []:
        if value and not value["generic"]:
            roles[value["role"].lower()] = value["role"]
    return roles


# --- obligations ----------------------------------------------------------------------------------------

_MODAL = regex.compile(
    r"""\b(?P<modal>shall|will|must|may|agrees?\s+to|undertakes?\s+to|covenants?\s+to|commits?\s+to
        |(?:is|are)\s+(?:required|obliged|obligated)\s+to|(?:is|are|shall\s+be)\s+responsible\s+for)\b
        (?P<neg>\s+not\b|\s+in\s+no\s+event\b|\s+never\b|n['’]t\b)?
        (?P<adv>(?:\s*,?\s*(?:promptly|immediately|also|only|then|thereafter|forthwith|reasonably|further
            |at\s+all\s+times|without\s+(?:undue\s+)?delay|at\s+its\s+(?:own\s+)?(?:cost|expense)|,))*)
        (?:\s*(?P<colon>:)|\s+(?P<action>[a-z][a-z\-]+)(?:\s+(?P<action2>[a-z][a-z\-]+))?)""",
    regex.VERBOSE | regex.IGNORECASE,
)
_MODAL_TRIGGER = _Trigger(
    [
        "shall",
        "will",
        "must",
        "may",
        "agree",
        "agrees",
        "undertake",
        "undertakes",
        "covenant",
        "covenants",
        "commit",
        "commits",
        "required",
        "obliged",
        "obligated",
        "responsible",
    ]
)
_MODAL_FIRST = frozenset(
    [
        *("shall", "will", "must", "may", "is", "are"),
        *("agree", "agrees", "undertake", "undertakes", "covenant", "covenants", "commit", "commits"),
    ]
)
_NOT_DUTY = frozenset({"mean", "means", "include", "includes", "apply", "prevail", "survive", "refer"})
_NOT_DUTY_BE = frozenset({"deemed", "construed", "interpreted", "entitled", "read", "binding", "effective"})
_SUBJECT_CUT = regex.compile(
    r"(?r)(?:[,;:()]|\b(?:that|which|who|if|when|where|whereupon|unless|then|provided|and\s+that|whether)\b)",
    regex.IGNORECASE,
)
"""Where a modal's subject can begin: after the LAST of these before it, found by one reverse search (the
last of a forward scan ends at the same place: the alternatives are whole words or single marks)."""
_PRONOUNS = frozenset({"it", "they", "such party", "each of them", "he", "she", "such person", "the same"})
_GENERIC_SUBJECT = regex.compile(
    r"\b(?P<q>each|either|neither|both|no|any|the)\s+(?:of\s+the\s+)?(?P<p>party|parties)\b", regex.IGNORECASE
)


@lru_cache(maxsize=64)
def _role_pattern(roles: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(rf"\b(?:{_alt(roles)})\b", regex.IGNORECASE)


def find_obligations(doc: Doc, roles: dict[str, str]) -> list[Hit]:
    """One hit per modal verb that states a duty: subject, resolved party, modal, negation, action, and
    the deadlines and frequencies inside the same sentence part (or list item)."""
    text = doc_text(doc)
    bounds = _sentence_bounds(doc)
    all_roles = {**{r.lower(): r for r in DEFAULT_ROLES}, **roles}
    role_re = _role_pattern(tuple(sorted(all_roles)))
    tagged = doc.has_annotation("POS")
    found: list[tuple[int, int, dict[str, Any]]] = []  # (subject_start, modal_start, value)
    for m in _windowed(_MODAL, _MODAL_TRIGGER, text, 24, 160, whole=_MODAL_FIRST):
        modal = " ".join(m.group("modal").lower().split())
        neg = bool(m.group("neg"))
        action = (m.group("action") or "").lower()
        action2 = (m.group("action2") or "").lower()
        if modal == "may" and not neg:
            continue  # a permission, not a duty
        if action in _NOT_DUTY or (action == "be" and action2 in _NOT_DUTY_BE):
            continue
        if action == "have" and action2 == "the":
            continue  # "shall have the meaning"
        s_start, _ = _sentence_of(bounds, m.start(), len(text))
        lo = max(s_start, m.start() - 200)
        last_cut = _SUBJECT_CUT.search(text, lo, m.start())
        cut = lo if last_cut is None else last_cut.end()
        words = text[cut : m.start()].split()
        if modal == "will" and words and words[-1].lower() in ("at", "good", "the", "free", "own"):
            continue
        subject_words = words[-8:]
        subject = " ".join(subject_words)
        subj_start = text.find(subject_words[0], cut, m.start()) if subject_words else m.start()
        party: str | None = None
        scope: str | None = None
        g = _GENERIC_SUBJECT.search(subject)
        if g is not None:
            party, scope = "Party", g.group("q").lower()
            neg = neg or scope in ("neither", "no")
        else:
            mentions = list(role_re.finditer(subject))
            if mentions:
                party = all_roles[" ".join(mentions[-1].group(0).lower().split())]
            elif subject.lower().removeprefix("the ") in _PRONOUNS or not subject:
                earlier = list(role_re.finditer(text, s_start, cut))
                if earlier:
                    party = all_roles[" ".join(earlier[-1].group(0).lower().split())]
        value: dict[str, Any] = {
            "subject": subject or None,
            "party": party,
            "party_scope": scope,
            "modal": modal,
            "negated": neg,
            "action": (action if action != "be" or not action2 else f"be {action2}") or None,
            "inherited": False,
        }
        if tagged and m.group("action"):
            token = doc.char_span(m.start("action"), m.end("action"), alignment_mode="expand")
            if token is not None and len(token):
                value["action_pos"] = token[0].pos_
        found.append((subj_start, m.start(), value))
    hits: list[Hit] = []
    for k, (subj_start, _, value) in enumerate(found):
        _, s_end = _sentence_of(bounds, subj_start, len(text))
        end = s_end
        if k + 1 < len(found) and found[k + 1][0] < end:
            end = max(found[k + 1][0], subj_start + 1)
        end = _trim_end(text, end)
        hits.append((subj_start, max(end, subj_start + 1), "OBLIGATION", value))
    hits.extend(_inherited(doc, hits, bounds))
    hits.sort(key=lambda h: h[0])
    cache: dict[str, Any] = {}
    for start, end, _, value in hits:
        value["deadlines"] = _inside(doc, "durations", "cl_duration", start, end, cache)
        value["frequencies"] = _inside(doc, "frequencies", "cl_frequency", start, end, cache)
    return hits


def _inherited(doc: Doc, hits: list[Hit], bounds: list[int]) -> list[Hit]:
    """List items without their own modal take the subject and modal of their lead-in."""
    out: list[Hit] = []
    if "items" not in doc.spans:
        return out
    starts = [h[0] for h in hits]
    text = doc_text(doc)
    for item_start, item_end, _, item_value in span_rows(doc, "items", "cl_item"):
        info = item_value or {}
        lead = info.get("lead_in")
        if lead is None:
            continue
        i = bisect.bisect_left(starts, item_start)
        if i < len(starts) and starts[i] < item_end:
            continue  # the item states its own duty
        j = bisect.bisect_right(starts, lead[1]) - 1
        if j < 0 or hits[j][0] < lead[0]:
            continue
        parent = hits[j][3]
        words = text[item_start + len(info["marker"]) : item_end].split()
        value = {**parent, "action": words[0].lower() if words else None, "inherited": True}
        value.pop("action_pos", None)
        out.append((item_start, item_end, "OBLIGATION", value))
    return out


def _inside(
    doc: Doc, key: str, attr: str, start: int, end: int, cache: dict[str, Any]
) -> list[dict[str, Any]]:
    if key not in doc.spans:
        return []
    if key not in cache:
        text = doc_text(doc)
        rows = [
            {"start": s, "end": e, "text": text[s:e], **(value or {})}
            for s, e, _, value in span_rows(doc, key, attr)
        ]
        rows.sort(key=lambda r: r["start"])
        cache[key] = (rows, [r["start"] for r in rows])
    rows, starts = cache[key]
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [dict(r) for r in rows[lo:hi]]


# --- pipeline components --------------------------------------------------------------------------------


class _TextRecogniser:
    """A component that runs one finder over ``doc.text`` and stores spans under ``spans_key``."""

    attr = ""

    def __init__(self, name: str, spans_key: str) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key

    def find(self, doc: Doc) -> list[Hit]:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        _set_spans(doc, self.spans_key, self.attr, self.find(doc))
        return doc


class DurationRecogniser(_TextRecogniser):
    attr = "cl_duration"

    def find(self, doc: Doc) -> list[Hit]:
        return find_durations(doc_text(doc))


class FrequencyRecogniser(_TextRecogniser):
    attr = "cl_frequency"

    def find(self, doc: Doc) -> list[Hit]:
        return find_frequencies(doc_text(doc))


class MoneyRecogniser(_TextRecogniser):
    attr = "cl_money"

    def find(self, doc: Doc) -> list[Hit]:
        return find_money(doc_text(doc))


class DefinitionRecogniser(_TextRecogniser):
    attr = "cl_definition"

    def find(self, doc: Doc) -> list[Hit]:
        return find_definitions(doc)


class PartyRecogniser(_TextRecogniser):
    """Reads ``doc.spans["definitions"]`` when present (else finds definitions itself)."""

    attr = "cl_party"

    def __init__(self, name: str, spans_key: str, definitions_key: str) -> None:
        super().__init__(name, spans_key)
        self.definitions_key = definitions_key

    def find(self, doc: Doc) -> list[Hit]:
        if self.definitions_key in doc.spans:
            defs: list[Hit] = [row for row in span_rows(doc, self.definitions_key, "cl_definition") if row[3]]
        else:
            defs = find_definitions(doc)
        return find_parties(doc, defs)


class ObligationRecogniser(_TextRecogniser):
    attr = "cl_obligation"

    def find(self, doc: Doc) -> list[Hit]:
        return find_obligations(doc, known_roles(doc))


def _factory(
    name: str, cls: type[_TextRecogniser], key: str, assigns: list[str], requires: list[str]
) -> None:
    def make(nlp: Language, name: str, spans_key: str) -> _TextRecogniser:
        return cls(name, spans_key)

    Language.factory(name, default_config={"spans_key": key}, assigns=assigns, requires=requires, func=make)


_factory("contractlint_durations", DurationRecogniser, "durations", ["doc.spans"], [])
_factory("contractlint_frequencies", FrequencyRecogniser, "frequencies", ["doc.spans"], [])
_factory("contractlint_money", MoneyRecogniser, "money", ["doc.spans"], [])
_factory(
    "contractlint_definitions", DefinitionRecogniser, "definitions", ["doc.spans"], ["token.is_sent_start"]
)
_factory(
    "contractlint_obligations", ObligationRecogniser, "obligations", ["doc.spans"], ["token.is_sent_start"]
)


@Language.factory(
    "contractlint_parties",
    default_config={"spans_key": "parties", "definitions_key": "definitions"},
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
)
def make_parties(nlp: Language, name: str, spans_key: str, definitions_key: str) -> PartyRecogniser:
    return PartyRecogniser(name, spans_key, definitions_key)

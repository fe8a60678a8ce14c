"""Clause numbers typed into the text: ``12.``, ``7.2``, ``(a)``, ``(iv)``, ``ARTICLE IV``, ``Schedule 2``.

Word numbering arrives from the DOCX extractor already computed; PDFs, text files and many DOCX drafts
carry their numbers as plain characters, so the segmenter needs the same facts from a regular expression.
The parser is deliberately cautious: a paragraph that starts "2019 was", "5 days after", "$5,000" or
"12/31/2020" is prose, not clause 2019, 5, or 12.
"""

from __future__ import annotations

from typing import cast

import regex

from contractlint.model import NumberStyle, TypedNumber

__all__ = [
    "KEYWORD_STYLES",
    "NumberStyle",
    "TypedNumber",
    "alpha_value",
    "classify_number",
    "parse_typed_number",
    "roman_value",
    "run_in_title",
]

# Compiled once: these run for every block of every contract.
_WS_ANY = regex.compile(r"\s*")
_WS_LINE = regex.compile(r"[ \t]*")
_PAREN_CLOSE_NUMBER = regex.compile(r"(?P<label>\d{1,3})\)(?=\s|$)")
_LINE_END = regex.compile(r"[ \t]*\n")
_DASH = regex.compile(r"\s*[-–—:]\s*")
_DOTTED_FULL = regex.compile(r"(\d{1,4}(?:\.\d{1,4}){0,6})\.?")

KEYWORD_STYLES: frozenset[str] = frozenset(
    {"article", "section", "clause", "schedule", "exhibit", "annex", "appendix", "part", "attachment"}
)
"""Styles introduced by a word; their citation is the word plus the label (``Schedule 2``)."""


_UPPER_WORDS = r"(?:ARTICLE|SECTION|CLAUSE|SCHEDULE|EXHIBIT|ANNEX|APPENDIX|PART|ATTACHMENT)"
_TITLE_WORDS = r"(?:Article|Section|Clause|Schedule|Exhibit|Annex|Appendix|Part|Attachment)"
_KEYWORD_RE = regex.compile(
    rf"""(?P<kw>{_UPPER_WORDS}|{_TITLE_WORDS})\ {{1,3}}
        (?P<label>\d{{1,3}}(?:\.\d{{1,3}}){{0,4}}|[IVXLC]{{1,7}}|[A-Z]{{1,2}}(?:-\d{{1,2}})?)
        (?P<punct>[.:]?)
        (?=\s|$|\ ?[-–—])""",
    regex.VERBOSE,
)
_SECTION_SIGN_RE = regex.compile(r"§{1,2}\s?(?P<label>\d{1,3}(?:\.\d{1,3}){0,4})(?P<punct>\.?)(?=\s|$)")
# 1.  1.1  1.1.1  12.   1.1.  (no thousands separators, no more than three digits a component)
_DECIMAL_RE = regex.compile(r"(?P<label>\d{1,3}(?:\.\d{1,3}){0,5})(?P<dot>\.?)(?=\s|$)")
_PAREN_RE = regex.compile(
    r"(?P<open>\()(?P<label>\d{1,3}|[a-z]{1,2}|[ivxlc]{2,7}|[A-Z]{1,2}|[IVXLC]{2,7})\)(?=\s|$)"
)
_CLOSE_RE = regex.compile(r"(?P<label>\d{1,3}|[a-z]{1,2}|[ivxlc]{2,7}|[A-Z]|[IVXLC]{2,7})\)(?=\s|$)")
_DOT_LETTER_RE = regex.compile(r"(?P<label>[a-z]|[ivxlc]{2,7}|[A-Z]|[IVXLC]{2,7})\.(?=\s|$)")

_ROMAN_RE = regex.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_AMBIGUOUS = frozenset("ivx")

# A run-in heading: a few capitalised words ending with ". " or ": " (or a dash) before the clause text.
_SMALL_WORDS = "a|an|and|as|at|by|for|from|in|into|of|on|or|per|the|to|under|upon|with|without|vs|v|its|their"
_TITLE_WORD = rf"""(?:[A-Z0-9][\w'’&/-]*|&|(?:{_SMALL_WORDS}))"""
_RUN_IN_RE = regex.compile(
    rf"""(?P<title>[A-Z][\w'’&/-]*(?:[,;]?\ {{1,2}}{_TITLE_WORD}){{0,9}}?)
        (?P<stop>\.(?=\s{{1,4}}\S)|:(?=\s)|\s+[-–—]\s+|\.$|:$)""",
    regex.VERBOSE,
)
_HEADING_LINE_RE = regex.compile(
    rf"""(?P<title>[A-Z0-9][\w'’&/,()-]*(?:\ {{1,3}}(?:{_TITLE_WORD}|\([\w ]+\)|[\w'’&/,-]+(?=\Z)))
        {{0,11}})[.:]?\s*\Z""",
    regex.VERBOSE,
)
_ALLCAPS_LINE_RE = regex.compile(r"[^a-z]{2,100}")
_TAB_AFTER = regex.compile(r" {0,3}\t")
_KEYWORD_INITIALS = frozenset(w[0] for w in regex.findall(r"[A-Za-z]+", _UPPER_WORDS + _TITLE_WORDS))
"""First letters of the keywords ``_KEYWORD_RE`` opens with."""
_TABBED_HEADING = regex.compile(r"[ \t]+(?P<title>[A-Z][^\n.;:]{0,79}?)[ \t]*\Z")


def roman_value(label: str) -> int | None:
    """Value of a roman numeral (either case), or None when ``label`` is not a valid numeral."""
    upper = label.upper()
    if not upper or not _ROMAN_RE.match(upper):
        return None
    total = 0
    prev = 0
    for ch in reversed(label.lower()):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def alpha_value(label: str) -> int:
    """``a`` = 1 ... ``z`` = 26, ``aa`` = 27 (the doubled-letter convention of legal lists)."""
    first = ord(label[0].lower()) - ord("a") + 1
    return first + 26 * (len(label) - 1)


_LETTER_BASE = {
    ("paren", True): "paren-lower",
    ("paren", False): "paren-upper",
    ("close", True): "paren-lower",
    ("close", False): "paren-upper",
    ("dot", True): "lower",
    ("dot", False): "upper",
}


def _letter_style(label: str, kind: str) -> tuple[NumberStyle, int] | None:
    """Style and value of a letter label in one of the punctuation kinds ``paren``, ``close``, ``dot``."""
    lower = label.islower()
    doubled = len(label) == 2 and label[0] == label[1]
    base = _LETTER_BASE[(kind, lower)]
    if len(label) == 1:
        if label.lower() in _AMBIGUOUS:
            return f"{base}-roman-or-alpha", alpha_value(label)  # type: ignore[return-value]
        return f"{base}-alpha", alpha_value(label)  # type: ignore[return-value]
    rv = roman_value(label)
    if rv is not None and not (doubled and label.lower() not in ("ii", "xx", "cc")):
        return f"{base}-roman", rv  # type: ignore[return-value]
    if doubled:
        return f"{base}-alpha", alpha_value(label)  # type: ignore[return-value]
    return None


def _plain(text: str, pos: int) -> bool:
    """``text[pos]`` is plainly not a space of any kind: a letter, a digit or common punctuation."""
    c = text[pos]
    return c.isalnum() or c in _NOT_SPACE


def _skip_space(text: str, pos: int) -> int:
    """``_WS_ANY.match(text, pos).end()``, without the regex call when ``pos`` is plainly not a space or is
    one ASCII space before such a character (this runs several times for every block)."""
    n = len(text)
    if pos < n and _plain(text, pos):
        return pos
    if pos + 1 < n and text[pos] == " " and _plain(text, pos + 1):
        return pos + 1
    m = _WS_ANY.match(text, pos)
    return m.end() if m else pos


def _line_end(text: str, pos: int) -> regex.Match[str] | None:
    """``_LINE_END.match(text, pos)``, without the regex call when no line break can follow."""
    c = text[pos : pos + 1]
    if c not in (" ", "\t", "\n") or (c == " " and pos + 1 < len(text) and _plain(text, pos + 1)):
        return None
    return _LINE_END.match(text, pos)


_NOT_SPACE = frozenset("()[].,;:'\"‘’“”§-–—")


def _next_char(text: str, pos: int) -> str:
    end = _skip_space(text, pos)
    return text[end] if end < len(text) else ""


def _starts_clause_text(ch: str) -> bool:
    """What may follow a weak number such as ``12.``: a capital, a quote, a bracket, or nothing."""
    return ch == "" or ch.isupper() or ch in "\"“'‘([" or ch.isdigit()


def run_in_title(text: str, pos: int) -> tuple[str, int] | None:
    """A heading run into the clause text at ``pos``: ``("Termination", end)`` for
    ``"Termination. Either party may ..."``, or the whole rest when it reads as a heading line
    (``"DEFINITIONS AND INTERPRETATION"``, ``"Provision of Services"``). ``end`` is where the body starts.
    """
    if text[pos : pos + 1] == " " and pos + 1 < len(text) and _plain(text, pos + 1):
        pos += 1
    elif text[pos : pos + 1] in (" ", "\t"):
        ws = _WS_LINE.match(text, pos)
        pos = ws.end() if ws else pos
    rest = text[pos:]
    if not rest or not rest[0].isupper():
        return None
    line_end = rest.find("\n")
    first_line = rest if line_end < 0 else rest[:line_end]
    # The whole block (or its first line, when the block wraps) is a heading line.
    if len(first_line) <= 100 and (line_end < 0 or first_line.rstrip().isupper()):
        stripped = first_line.rstrip()
        if (
            _ALLCAPS_LINE_RE.fullmatch(stripped)
            and any(c.isalpha() for c in stripped)
            and len(stripped.split()) <= 14
        ):
            return stripped.rstrip(".:").strip(), pos + len(first_line)
        if line_end < 0 and _HEADING_LINE_RE.match(stripped) and not stripped.endswith((",", ";")):
            words = stripped.rstrip(".:").split()
            if 1 <= len(words) <= 12 and not _looks_like_sentence(words):
                return stripped.rstrip(".:").strip(), pos + len(first_line)
    m = _RUN_IN_RE.match(rest)
    if m is None:
        return None
    title = m.group("title").strip()
    words = title.split()
    if not words or len(title) > 80 or _looks_like_sentence(words):
        return None
    # "Inc." "Ltd." "U.S." etc. end in a dot but do not end a heading.
    if words[-1].rstrip(",") in {"Inc", "Ltd", "Co", "Corp", "No", "Mr", "Ms", "Dr", "St"}:
        return None
    end = pos + m.end()
    return title, _skip_space(text, end)


def _looks_like_sentence(words: list[str]) -> bool:
    """A heading has capitalised words (small words aside); a sentence has lower-case verbs."""
    small = set(_SMALL_WORDS.split("|"))
    for w in words[1:]:
        core = w.strip("(),'’\"“”")
        if not core:
            continue
        if core[0].islower() and core not in small:
            return True
    return False


def parse_typed_number(text: str, pos: int = 0) -> TypedNumber | None:
    """Recognise a clause number at the start of ``text`` (from ``pos``, after leading whitespace)."""
    start = _skip_space(text, pos)
    if start >= len(text):
        return None
    ch = text[start]
    found: tuple[str, str, NumberStyle, int, int, int] | None = None  # number, label, style, depth,
    # value, end
    strong = True
    if ch.isalpha():
        # Cheap tests first: a keyword opens with one of its capitals; a letter label ends in ")" or "."
        # within its 7 characters. Most blocks open with prose and need no regex call at all.
        m = _KEYWORD_RE.match(text, start) if ch in _KEYWORD_INITIALS else None
        if m is not None:
            kw = m.group("kw").lower()
            label = m.group("label")
            style = cast(NumberStyle, kw)
            if not label[0].isdigit():
                rv = roman_value(label) if kw == "article" or len(label) > 1 else None
                value = rv if rv is not None else alpha_value(label[:1])
                depth = 1
            else:
                parts = label.split(".")
                value, depth = int(parts[-1]), len(parts)
            found = (
                text[start : m.end("label")] + m.group("punct"),
                label,
                style,
                depth,
                value,
                m.end(),
            )
        else:
            head = text[start : start + 9]
            m = None
            if ")" in head:
                m = _CLOSE_RE.match(text, start)
            if m is None and "." in head:
                m = _DOT_LETTER_RE.match(text, start)
            if m is not None:
                label = m.group("label")
                kind = "close" if text[m.end() - 1] == ")" else "dot"
                ls = _letter_style(label, kind)
                if ls is not None:
                    found = (text[start : m.end()], label, ls[0], 1, ls[1], m.end())
                    strong = kind == "close"
    elif ch == "(":
        m = _PAREN_RE.match(text, start)
        if m is not None:
            label = m.group("label")
            if label.isdigit():
                found = (text[start : m.end()], label, "paren-decimal", 1, int(label), m.end())
            else:
                ls = _letter_style(label, "paren")
                if ls is not None:
                    found = (text[start : m.end()], label, ls[0], 1, ls[1], m.end())
    elif ch == "§":
        m = _SECTION_SIGN_RE.match(text, start)
        if m is not None:
            label = m.group("label")
            parts = label.split(".")
            found = (
                text[start : m.end()],
                label,
                "section",
                len(parts),
                int(parts[-1]),
                m.end(),
            )
    elif ch.isdigit():
        m = _PAREN_CLOSE_NUMBER.match(text, start) if ")" in text[start : start + 4] else None
        if m is not None:
            label = m.group("label")
            found = (text[start : m.end()], label, "paren-decimal", 1, int(label), m.end())
            strong = False
        else:
            m = _DECIMAL_RE.match(text, start)
            if m is not None:
                label = m.group("label")
                parts = label.split(".")
                # "1.0 Services" and "2.00" are top-level 1 and 2 in some contracts.
                while len(parts) > 1 and int(parts[-1]) == 0:
                    parts = parts[:-1]
                if not (len(parts) == 1 and parts[0].startswith("0")):
                    found = (
                        text[start : m.end()],
                        label,
                        "decimal",
                        len(parts),
                        int(parts[-1]),
                        m.end(),
                    )
                    # "12." and "1.1" are numbers; a bare "5" needs a heading to prove it is one.
                    strong = len(parts) > 1 or bool(m.group("dot"))
                    if len(parts) == 1 and not m.group("dot"):
                        strong = False
    if found is None:
        return None
    number, label, style, depth, value, end = found
    title_found = run_in_title(text, end)
    nxt = _next_char(text, end)
    if style == "decimal":
        parts = label.split(".")
        bare = len(parts) == 1 and "." not in number
        tabbed = "\t" in text[end : end + 4] and _TAB_AFTER.match(text, end) is not None
        if bare and title_found is None and tabbed and int(label) > 0:
            # "4<TAB>Pricing and payments": Word's typed heading number, a sentence-case heading.
            line = _TABBED_HEADING.match(text, end)
            if line is not None:
                title_found = line.group("title").strip(), line.end()
        if bare:
            # "5 days after ..." / "2019 was ...": only a heading line proves a bare integer.
            if title_found is None or int(label) == 0:
                return None
        elif not _starts_clause_text(nxt) and len(parts) < 3 and not number.endswith(".") and not tabbed:
            # "3.1.1 a monthly charge" and "3.1. a charge" are clauses; "1.5 hours" is not.
            return None
    elif not strong and style in ("upper-alpha", "upper-roman", "upper-roman-or-alpha"):
        # "A. Smith" would parse; a capital or quote must follow, as for recitals "A. Company is ...".
        if not _starts_clause_text(nxt):
            return None
    elif (
        not strong
        and not _starts_clause_text(nxt)
        and style not in KEYWORD_STYLES
        and not style.startswith("lower")
        and style != "paren-decimal"
    ):
        # "a. provide" is common in lists; a lower-case start is accepted for lower-case styles only.
        return None
    if style == "exhibit" and "." in label:
        # "Exhibit 10.3" is how EDGAR labels a filed document, not an exhibit of the contract.
        return None
    if style in KEYWORD_STYLES and nxt and nxt.islower():
        # "Section 5 of this Agreement ..." is a cross-reference, not a heading.
        return None
    title: str | None = None
    body_start = end
    if title_found is None:
        # "ARTICLE 1" alone on its line, its heading on the next: "ARTICLE 1\nDEFINITIONS".
        line = _line_end(text, end)
        if line is not None:
            title_found = run_in_title(text, line.end())
    if title_found is not None:
        title, body_start = title_found
    else:
        body_start = _skip_space(text, end)
        if style in KEYWORD_STYLES:
            dash = _DASH.match(text, end)
            if dash is not None:
                again = run_in_title(text, dash.end())
                if again is not None:
                    title, body_start = again
    return TypedNumber(
        number=number,
        label=label,
        style=style,
        depth=depth,
        value=value,
        start=start,
        end=end,
        title=title,
        body_start=body_start,
    )


def classify_number(label: str) -> TypedNumber | None:
    """Classify a number Word computed (``"1."``, ``"1.1"``, ``"(a)"``, ``"Article 1"``, ``"i."``).

    Word labels need no proof that they are numbers, so the caution of ``parse_typed_number`` about what
    follows does not apply; a bullet (``"•"``) or an unusual label gives None.
    """
    text = label.strip()
    if not text:
        return None
    probe = text + " X"
    tn = parse_typed_number(probe)
    if tn is None or tn.end != len(probe) - 2:
        m = _DOTTED_FULL.fullmatch(text)
        if m is None:
            return None
        parts = m.group(1).split(".")
        return TypedNumber(text, m.group(1), "decimal", len(parts), int(parts[-1]), 0, len(text))
    return TypedNumber(
        number=text,
        label=tn.label,
        style=tn.style,
        depth=tn.depth,
        value=tn.value,
        start=0,
        end=len(text),
    )

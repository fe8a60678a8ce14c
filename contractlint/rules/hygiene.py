"""Contract hygiene: defined terms, cross-references, numbering and party names (issue 6).

What a lawyer's proofreading tool checks before a contract goes out. Every finding points at the exact
occurrence, with the other occurrences of the same problem as related locations, so one undefined term
used forty times is one finding, not forty.

The text is scanned once for runs of capitalised words; each run is split greedily into the terms the
agreement defines (with plural, singular and possessive variants), so the cost grows with the text, not
with the number of definitions. Proper names (laws, courts, places, months) come from the
``PROPER_NAME`` lexicon in ``patterns/hygiene_names.jsonl``. Precision comes before recall: a run counts
as "used as a defined term" only mid-sentence after a determiner ("the Supplier Staff", "any Service
Credits"), never in headings, title-case lines, capitals or the title of a cited document.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import PurePath

import regex

from contractlint.extract.numbers import KEYWORD_STYLES, classify_number, parse_typed_number, roman_value
from contractlint.model import Block, Clause, Finding
from contractlint.nlp.extensions import lower_text
from contractlint.nlp.patterns import shipped_patterns
from contractlint.rules.base import Rule
from contractlint.rules.context import ContextCache, LintContext, merge_spans

__all__ = ["RULES", "HygieneAnalysis", "analyse_hygiene"]

_MAX_RELATED = 25
_MAX_ATTACHMENT = 50
"""No agreement has fifty schedules: "Schedule 70" is a GSA supply schedule, "Exhibit 99" a filing's."""

# --- words -------------------------------------------------------------------------------------------

_WORD = r"(?:[A-Z][A-Za-z0-9]*|[0-9]+[A-Za-z]+)(?:[-–][A-Za-z0-9]+)*(?:['’]s\b|(?<=s)['’](?![\w]))?"
_CONNECTOR = r"(?:of|and|for|to|the|in|on|or|by|under|with|&)"
# The lookahead first: it lets the engine skip to capitals and digits before trying the lookbehind.
_RUN = regex.compile(
    rf"(?=[A-Z0-9])(?<![\w\-–'’])(?:{_WORD})(?:[ \t]+(?:{_CONNECTOR}[ \t]+){{0,2}}(?:{_WORD}))*"
)
_TOKEN = regex.compile(rf"{_WORD}|{_CONNECTOR}(?![\w])")
_CONNECTORS = frozenset({"of", "and", "for", "to", "the", "in", "on", "or", "by", "under", "with", "&"})
_SPLITTERS = frozenset({"and", "or", "&"})
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "any",
        "each",
        "every",
        "such",
        "this",
        "that",
        "these",
        "those",
        "all",
        "no",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "other",
        "relevant",
        "applicable",
        "same",
        "either",
        "neither",
        "both",
        "said",
        "additional",
        "further",
        "new",
    ]
)
_LEADING = frozenset(w.capitalize() for w in _DETERMINERS) | {"The", "A", "An"}
_QUOTED = regex.compile(
    r"[\"“]\s*([A-Za-z0-9][^\"“”\n]{0,99}?)\s*[\"”]|‘\s*([A-Za-z0-9][^\"“”‘’\n]{0,99}?)\s*’(?![\w])"
)
_PAREN = regex.compile(r"\(([^()\n]{1,150})\)")
_SUFFIX_AFTER = regex.compile(
    r"[ \t]*(?:\(\s*[A-Z][A-Za-z]{1,9}s?\s*\)|\d|(?:of|Of)[ \t]+\d"
    r"|\([ \t]*(?:\d+[ \t]+(?:U\.?S\.?C|C\.?F\.?R)|§))"
)
"""After a name: "(CCS)", "2018", "of 1998", or a citation ("the Stark Law (42 U.S.C. § 1395nn)")."""
_IDENT = regex.compile(r"^(?:[A-Z]|[IVX]{1,4})$")
_VERB_AFTER = regex.compile(r"[ \t]+(?:the|this|that|these|a|an|any|its|their|such|all|each)[ \t]")
_NAME_AFTER = regex.compile(
    r"[ \t]*\([^()\n]{1,80}\)[ \t]+(?:[A-Z][\w\-]*[ \t]+){0,3}?(?P<head>[A-Z][\w\-]*)(?![\w\-])"
)
_CODE = regex.compile(
    r"^(?:(?:[A-Z][a-z]+[ \t]+){0,2}(?:[A-Z]{0,3}[.:]?\d+(?:[.:]\d+)*[a-z]?\.?|[A-Z]{1,3}[.:]\d*)[ \t]+)+"
)
"""Leading codes of a table row or heading: "Module H.2", "J:11", "Sub Service 4.2. E:03", "CD521"."""
_NAME_TAIL = regex.compile(
    r"[ \t]*,[ \t]*(?:(?:[A-Z][\w\-]*|and|of|for|the|&)[ \t]+){0,7}?"
    r"(?P<head>[A-Z][\w\-]*)[ \t]+(?:\d{4}|No\.)"
)
"""", Construction and Regeneration Act 1996": a comma inside the name of a dated law."""
_APOS = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-"})


_PREFIX = regex.compile(r"(?i)\b(sub|co|non|pre|re)[-–](?=[a-z])")
""""Sub-Contractor" is "Subcontractor": a hyphen after a prefix does not make a new word."""


@lru_cache(maxsize=1 << 16)
def _norm_token(token: str) -> str:
    # Cached: called for every capitalised word of every contract, and the vocabulary is small.
    t = str(_PREFIX.sub(r"\1", token.translate(_APOS))).lower().replace("-", " ")
    if t.endswith("'s"):
        return t[:-2]
    if t.endswith("s'"):
        return t[:-1]
    return t


_DASH = regex.compile(r"\s*[-–—]\s*")


def term_key(term: str) -> str:
    """How terms compare: lower case, plain apostrophes, hyphens as spaces ("Call Off" is "Call-Off"),
    no possessive, no "(s)", no leading "the"."""
    plain = str(_PREFIX.sub(r"\1", term.replace("(s)", "")))
    words = [_norm_token(w) for w in _DASH.sub(" ", plain).split()]
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _variants(key: str) -> set[str]:
    """Plural, singular and possessive forms of a term key ("deliverable" for "deliverables")."""
    if not key:
        return set()
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = {last, last + "s", last + "es"}
    if last.endswith("ies"):
        forms.add(last[:-3] + "y")
    if last.endswith("y"):
        forms.add(last[:-1] + "ies")
    if last.endswith("es"):
        forms.add(last[:-2])
    if last.endswith("s") and len(last) > 3:
        forms.add(last[:-1])
    return {prefix + f for f in forms}


_OWN_IDS = ("document-head", "instrument", "title-head")


@cache
def _heads(kind: str) -> frozenset[str]:
    """Lower-case words of the ``kind`` entries of the lexicon: "document-head", the last words of plans
    and policies, which are not split at "and" ("Business Continuity and Disaster Recovery Plan");
    "instrument", the last words of a document that names itself ("this Guarantee Bond"); "title-head",
    the first word of a document's title before "of"/"for" ("Schedule of Capital Contributions")."""
    return frozenset(
        entry.pattern.lower()
        for entry in shipped_patterns().lexicon
        if entry.label == "PROPER_NAME" and entry.id == kind and isinstance(entry.pattern, str)
    )


@cache
def _names() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]]]:
    """The PROPER_NAME lexicon: name heads, single name words and multi-word names (lower case)."""
    heads: set[str] = set()
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for entry in shipped_patterns().lexicon:
        if entry.label != "PROPER_NAME" or not isinstance(entry.pattern, str) or entry.id in _OWN_IDS:
            continue
        tokens = tuple(entry.pattern.lower().split())
        if entry.id == "name-head" and len(tokens) == 1:
            heads.add(tokens[0])
        elif len(tokens) == 1:
            words.add(tokens[0])
        else:
            phrases.add(tokens)
    return frozenset(heads), frozenset(words), frozenset(phrases)


@cache
def _phrase_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(p) for p in _names()[2]}))


def _is_proper_name(tokens: list[str]) -> bool:
    """A law, body, place or date: ends in a name head ("... Act"), has a head before "of"/"for"
    ("Office for National Statistics"), or holds a name word ("England", "January")."""
    heads, words, phrases = _names()
    low = [_norm_token(t) for t in tokens]
    if low[-1] in heads or any(t in words for t in low):
        return True
    titles = _heads("title-head")
    if any((t in heads or t in titles) and nxt in ("of", "for") for t, nxt in itertools.pairwise(low)):
        return True  # "Office for National Statistics", "the Contract for Export Sales"
    n = len(low)
    return any(
        tuple(low[i : i + k]) in phrases for k in _phrase_lengths() if k <= n for i in range(n - k + 1)
    )


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _acronym(token: str) -> bool:
    core = token.rstrip("s'’").split("-")[0] if len(token) > 2 else token
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --- the analysis ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    key: str
    start: int
    end: int
    text: str
    form: str
    body_start: int
    body_end: int


@dataclass(slots=True)
class _Use:
    """A capitalised phrase that reads as a defined term but is not defined."""

    phrase: str
    start: int
    end: int


@dataclass(slots=True)
class HygieneAnalysis:
    """Defined terms, their uses and the capitalised phrases that read as undefined terms."""

    definitions: list[Definition] = field(default_factory=list)
    defined: dict[str, str] = field(default_factory=dict)
    """Every variant key of a defined term -> the key of its definition."""
    known: set[str] = field(default_factory=set)
    """Keys that are not undefined terms: defined terms, quoted words, party names, heading texts."""
    uses: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    """Definition key -> capitalised uses outside quotes and outside its own definition."""
    undefined: dict[str, list[_Use]] = field(default_factory=lambda: defaultdict(list))
    seen: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    """Undefined-looking key -> how often it is capitalised in running text (after a determiner or not)."""
    near: set[str] = field(default_factory=set)
    """Undefined keys that are surely a slip on a defined term: cut from one ("Force Majeure" of "Force
    Majeure Event"), a defined head with one word added ("Framework Supplier"), or a misspelling
    ("Supplier Personal")."""
    built_on: dict[str, str] = field(default_factory=dict)
    """Other undefined keys holding a defined term ("Buyer Building Users") -> the rest ("building
    users"): they count only when the rest is itself an undefined term used as one."""
    acronyms: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Defined acronyms ("BACS") -> their definition text, where the spelled-out name is not a term."""
    instruments: set[str] = field(default_factory=set)
    """Undefined keys used after "this" that end in an instrument word: the document naming itself."""
    cited: set[str] = field(default_factory=set)
    """Undefined keys that name something else: cited by their place ("as detailed in G:02"), spelled out
    before their abbreviation ("(BCDR Plan)"), or naming a thing of a kind ("a Flag Flying service")."""
    party_words: set[str] = field(default_factory=set)
    """First words of the parties' own names ("metavante" of "Metavante Corporation"), not their roles:
    "the Metavante System" is that party's system, not a term."""
    max_words: int = 1


_CACHE: ContextCache[_Analyser] = ContextCache()


def analyse_hygiene(ctx: LintContext, *, uses: bool = False) -> HygieneAnalysis:
    """The defined terms of ``ctx`` (built once per contract) and, with ``uses``, how the text uses
    them: a pass over every capitalised phrase, which only HY001, HY002 and HY004 need."""
    analyser = _CACHE.get(ctx)
    if analyser is None:
        analyser = _Analyser(ctx)
        analyser.prepare()
        _CACHE[ctx] = analyser
    if uses and not analyser.scanned:
        analyser.scan()
    return analyser.out


def _spans(pattern: regex.Pattern[str], text: str, group: int = 0) -> list[tuple[int, int]]:
    return [(m.start(group), m.end(group)) for m in pattern.finditer(text)]


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


_ALPHA_WORD = regex.compile(r"[A-Za-z][\w'’\-]*")
_COORDINATOR = regex.compile(r" (?:and|or|&) ")
_PREV_WORD = regex.compile(r"([A-Za-z]+)[ \t]+$")


_LABEL = regex.compile(
    r"[ \t]*(?:The[ \t]+)?"
    r"(?P<label>[A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|and|for|the|&)[ \t]+)?[A-Z][\w’'\-]*){1,5})[ \t]*:[ \t]*\S"
)
"""A form's field label at the start of a block: "The Bond Amount: the sum of ..."."""
_CITED_AFTER = regex.compile(
    r"[ \t]*,?[ \t]*(?:as[ \t]+)?(?:detailed|set[ \t]+(?:out|forth)|described|specified|contained)[ \t]+"
    r"(?:in|at|within)[ \t]+(?:[A-Z]{1,3}[:.]?[ \t]?\d"
    r"|(?i:clauses?|sections?|paragraphs?|schedules?|annex|appendix|parts?|attachments?)\b)"
)
"""'The General Requirements for Maintenance Management as detailed in G:02': a section cited by title."""
_DEFINED_ELSEWHERE = regex.compile(
    r"[ \t]*\(?[ \t]*(?:as[ \t]+(?:such[ \t]+terms?[ \t]+(?:is|are)[ \t]+)?defined"
    r"|within[ \t]+the[ \t]+meaning)[ \t]+(?:in|of|under)\b"
)
"""'the "Developer App" (as defined in the Restated Development Agreement)': defined by another instrument."""
_ABBREVIATION_AFTER = regex.compile(
    r"[ \t]*\((?:the[ \t]+)?[\"“‘]?(?P<abbr>[A-Z][A-Za-z&]*[A-Z])\b[^()\n]{0,30}\)"
)
_WORD_AFTER = regex.compile(r"[ \t]+(?P<word>[a-z]+)\b")


def _abbreviates(words: list[str], abbr: str) -> bool:
    """``abbr`` ("BCDR") takes its letters, in order, from the capitalised words of the phrase."""
    capitals = iter(w[0] for w in words if w[:1].isupper())
    return len(abbr) >= 2 and all(c in capitals for c in abbr.upper() if c.isalpha())


def _title_case(text: str) -> bool:
    """A heading-like line: most of its words capitalised (or the whole line in capitals)."""
    words = [w for w in _ALPHA_WORD.findall(text) if w.lower() not in _CONNECTORS]
    if not words:
        return True
    if len(words) > 12 or (text.rstrip().endswith(".") and len(words) > 6):
        return False  # a sentence, however many capitals it has
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.6


class _Analyser:
    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.out = HygieneAnalysis()
        self._prefixes: set[str] = set()
        self.scanned = False

    def prepare(self) -> None:
        self._definitions()
        self._known()

    def scan(self) -> None:
        self.scanned = True
        self._scan()

    def _definitions(self) -> None:
        out = self.out
        for hit in self.ctx.hits("definitions"):
            value = hit.value or {}
            term = str(value.get("term") or "").strip().rstrip(",;:")  # '"Marks," shall mean'
            key = term_key(term)
            if not key or (not term[:1].isupper() and not term[:1].isdigit()):
                continue
            start, end = int(value.get("start", hit.end)), int(value.get("end", hit.end))
            definition = Definition(
                term, key, hit.start, hit.end, self.text[start:end], str(value.get("form")), start, end
            )
            out.definitions.append(definition)
            forms = [key]
            if len(key.split()) == 3 and key.split()[1] in ("and", "or"):
                forms.extend(key.split()[::2])  # "Tests and Testing" defines both words
            for form in forms:
                for variant in _variants(form):
                    out.defined.setdefault(variant, key)
            if _acronym(term) and len(key.split()) == 1:
                out.acronyms[key.upper()] = (start, end)
            out.max_words = max(out.max_words, len(key.split()))
            words = key.split()
            self._prefixes.update(" ".join(words[:i]) for i in range(2, len(words)))

    def _known(self) -> None:
        out, text = self.out, self.text
        known = out.known
        for m in _QUOTED.finditer(text):
            key = term_key(m.group(1) or m.group(2) or "")
            if key and len(key.split()) <= 10:
                known.update(_variants(key))
        for hit in self.ctx.hits("parties"):
            value = hit.value or {}
            for name in (value.get("role"), value.get("name")):
                if name:
                    known.update(_variants(term_key(str(name))))
            own = term_key(str(value.get("name") or "")).split()
            if own and own[0] not in _CONNECTORS and own[0] not in ("party", "parties"):
                out.party_words.add(own[0])
        for block in self.ctx.document.blocks:
            label = _LABEL.match(block.text, block.text_start)
            if label is not None:
                known.add(term_key(label.group("label")))  # a form's field: "The Bond Amount: the sum of"
            body = block.text[block.text_start :].strip().rstrip(".:")
            if block.kind in ("heading", "title") or block.emphasis:
                known.add(term_key(_CODE.sub("", body)))
            elif block.kind == "table_cell" and len(body) <= 80 and "\n" not in body and _title_case(body):
                known.add(term_key(_CODE.sub("", body)))  # a row label: "Reception Service"
        for clause in self.ctx.tree.walk():
            if clause.title:
                known.add(term_key(clause.title))
        for title in list(known):
            # "No Third Party Beneficiaries", "Governing Law and Dispute Resolution": their parts too
            for part in _COORDINATOR.split(title):
                words = part.split()
                if words and words[0].capitalize() in _LEADING:
                    words = words[1:]
                if len(words) >= 2:
                    known.add(" ".join(words))

    def _skipped_blocks(self) -> list[tuple[int, int]]:
        """Headings, title-case lines and capitals: capitalised words there are not defined-term uses."""
        out: list[tuple[int, int]] = []
        for block in self.ctx.document.blocks:
            body = block.text[block.text_start :]
            if (
                block.kind in ("heading", "title")
                or block.emphasis
                or body.isupper()
                or (len(body) <= 200 and _title_case(body))
            ):
                out.append((block.location.start, block.location.end))
        return out

    def _scan(self) -> None:
        out, text = self.out, self.text
        quoted = _spans(_QUOTED, text)
        q_starts = [s for s, _ in quoted]
        titles = [(m.start(1), m.end(1)) for m in _PAREN.finditer(text) if _title_case(m.group(1))]
        t_starts = [s for s, _ in titles]
        skipped = self._skipped_blocks()
        s_starts = [s for s, _ in skipped]
        own = sorted((d.start, d.end) for d in out.definitions)
        o_starts = [s for s, _ in own]
        defined, uses = out.defined, out.uses
        for m in _RUN.finditer(text):
            start, end = m.span()
            run = m.group()
            if " " not in run and "\t" not in run:
                # One word (most runs): it can only be a use of a one-word term, never an undefined term.
                target = defined.get(_norm_token(run))
                if target is not None and not (
                    _inside(quoted, q_starts, start, end) or _inside(own, o_starts, start, end)
                ):
                    uses[target].append((start, end))
                continue
            if _inside(quoted, q_starts, start, end) or _inside(own, o_starts, start, end):
                continue
            tokens = [(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(text, start, end)]
            if not tokens:
                continue
            in_title = (
                sum(1 for t, _, _ in tokens if t not in _CONNECTORS) < 2  # nothing to judge
                or _inside(titles, t_starts, start, end)
                or _inside(skipped, s_starts, start, end)
            )
            self._segment(tokens, in_title)

    def _slip(
        self,
        tokens: list[tuple[str, int, int]],
        keys: list[str],
        covered: list[bool],
        part: list[int],
        key: str,
    ) -> bool:
        """Whether a phrase holding a defined term is surely a slip on one (else note what it adds).

        Most phrases built on a defined term once ("Service Medical Officer", "Supplier Admin Fees",
        "Prices for Work Orders") name a thing of their own; a slip adds one word to a defined head
        ("Framework Supplier") or misspells a defined term."""
        loose = [k for k in part if not covered[k]]
        connector = any(keys[k] in _CONNECTORS for k in part)
        if not connector and covered[part[-1]] and len(loose) == 1 and loose[0] == part[0]:
            return True
        if len(part) == 2 and covered[part[0]] and not covered[part[1]]:
            return True  # "Supplier Staff": a defined term with one word added
        if _misspelt(key, self.out.defined):
            return True
        if loose and loose == list(range(loose[0], loose[-1] + 1)) and loose[-1] == part[-1]:
            self.out.built_on[key] = " ".join(keys[k] for k in loose)
        return False

    def _continues_as_name(self, end: int) -> bool:
        """A comma, then more capitalised words ending in a name head: the run is the start of a name."""
        m = _NAME_TAIL.match(self.text, end)
        return m is not None and _norm_token(m.group("head")) in _names()[0]

    def _names_something(self, tokens: list[tuple[str, int, int]], end: int) -> bool:
        """The run is (part of) a proper name: "Social Security Contributions and Benefits Act 1992",
        "the Income Tax (Earnings and Pensions) Act 2003"."""
        words = [t for t, _, _ in tokens]
        if _is_proper_name(words) or _SUFFIX_AFTER.match(self.text, end):
            return True
        m = _NAME_AFTER.match(self.text, end)
        if m is None:
            return False
        heads = _names()[0]
        return _norm_token(m.group("head")) in heads

    def _segment(self, tokens: list[tuple[str, int, int]], in_title: bool) -> None:
        """Split a run into defined terms; an uncovered part that reads as a term is an undefined use."""
        out = self.out
        keys = [_norm_token(t) for t, _, _ in tokens]
        n = len(tokens)
        covered = [False] * n
        i = 0
        while i < n:
            if keys[i] in _CONNECTORS:
                i += 1
                continue
            for j in range(min(n, i + out.max_words), i, -1):
                if not _capitalised(tokens[j - 1][0]):
                    continue
                key = " ".join(keys[i:j])
                target = out.defined.get(key)
                if target is not None:
                    out.uses[target].append((tokens[i][1], tokens[j - 1][2]))
                    for k in range(i, j):
                        covered[k] = True
                    i = j
                    break
            else:
                i += 1
        if in_title:
            return
        named: list[bool] = []

        def names_something() -> bool:
            # Asked only of a part that would otherwise count: most runs never get this far.
            if not named:
                named.append(self._names_something(tokens, tokens[-1][2]))
            return named[0]

        # Coordinated parts ("the Supplier and the Buyer Staff") are judged one by one, unless the whole
        # run is the Title Case name of a plan or policy ("Business Continuity and Disaster Recovery Plan").
        heads = _heads("document-head")
        whole = (
            keys[-1] in heads
            and all(_capitalised(t) or k in _CONNECTORS for (t, _, _), k in zip(tokens, keys, strict=True))
            and not any(k in heads and nxt in _SPLITTERS for k, nxt in itertools.pairwise(keys))
        )  # but "the Quality Management Plan and Sustainability Management Plan" names two plans
        part: list[int] = []
        known = out.known
        for k in range(n + 1):
            if k == n or (
                keys[k] in _SPLITTERS
                and not whole
                and not (0 < k < n - 1 and f"{keys[k - 1]} {keys[k]} {keys[k + 1]}" in known)
            ):  # "Health and Safety", a known title, stays whole
                if part:
                    self._judge(tokens, keys, covered, part, names_something)
                part = []
            else:
                part.append(k)

    def _judge(
        self,
        tokens: list[tuple[str, int, int]],
        keys: list[str],
        covered: list[bool],
        part: list[int],
        names_something: Callable[[], bool],
    ) -> None:
        text = self.text
        while part and (keys[part[0]] in _CONNECTORS or tokens[part[0]][0] in _LEADING):
            part = part[1:]
        while part and keys[part[-1]] in _CONNECTORS:
            part = part[:-1]
        part = _trim_covered(part, keys, covered)
        caps = [k for k in part if _capitalised(tokens[k][0])]
        if len(caps) < 2 or all(covered[k] for k in caps) or any(_acronym(tokens[k][0]) for k in caps):
            return
        start, end = tokens[part[0]][1], tokens[part[-1]][2]
        words = [tokens[k][0] for k in part]
        key = " ".join(keys[k] for k in part)
        if key in self.out.known or key in self.out.defined or _is_proper_name(words):
            return
        if covered[part[0]] and words[0].endswith(("'s", "’s")):
            rest = " ".join(keys[k] for k in part[1:])
            if rest in self.out.known or rest in self.out.defined:
                return  # "the Buyer's Health and Safety ...": a party's own copy of a known thing
        if any(c.isdigit() for c in key) or _IDENT.match(words[-1]):
            return  # "Table A", "Category B": a label, not a term
        if keys[part[0]] in self.out.party_words:
            return  # "the Metavante System", "a Zebra Affiliate": a party's own thing, named after it
        initials = "".join(w[0] for w in words).upper()
        capitals = "".join(w[0] for w in words if w[0].isupper())
        if initials in self.out.acronyms or capitals in self.out.acronyms:
            return  # "Bankers' Automated Clearing Services" spells out the defined "BACS"
        if self._continues_as_name(end):
            return  # "the Housing Grants, Construction and Regeneration Act 1996"
        if names_something():
            return  # the whole run is a proper name: "Social Security Contributions and Benefits Act"
        self.out.seen[key] += 1
        if key in self._prefixes or (
            any(covered[k] for k in part) and self._slip(tokens, keys, covered, part, key)
        ):
            self.out.near.add(key)
        before = text[max(0, start - 40) : start]
        prev = _PREV_WORD.search(before)
        leading = part[0] > 0 and tokens[part[0] - 1][0] in _LEADING
        if not leading and (prev is None or prev.group(1).lower() not in _DETERMINERS):
            return
        if words[-1].endswith("s") and not words[-1].endswith("ss") and _VERB_AFTER.match(text, end):
            return  # "the Buyer Terminates this Contract": a capitalised verb, not a term
        if _SUFFIX_AFTER.match(text, end):
            return  # "the Data Protection Act 2018", "the Crown Commercial Service (CCS)"
        if prev is not None and prev.group(1).lower() in ("this", "these"):
            instrument = _heads("instrument")
            if keys[part[-1]] in instrument or (
                len(part) > 2 and keys[part[0]] in instrument and keys[part[1]] in _CONNECTORS
            ):  # "this Guarantee Bond", "this Contract in Baoding": the document naming itself
                self.out.instruments.add(key)
                return
        abbr = _ABBREVIATION_AFTER.match(text, end)
        after = _WORD_AFTER.match(text, end)
        if after is not None and (
            f"{key} {after.group('word')}" in self.out.known
            or f"{text[start:end]} {after.group('word').capitalize()}" in text
        ):
            return  # "A Publicly Traded Equity interest", under "Publicly Traded Equity Interests"
        if (
            (abbr is not None and _abbreviates(words, abbr.group("abbr")))
            or (
                after is not None
                and after.group("word") in _names()[0]
                and not any(covered[k] for k in part)  # "the Supplier Staff standard" is still a slip
            )
            or _CITED_AFTER.match(text, end)
            or _DEFINED_ELSEWHERE.match(text, end)
        ):
            self.out.cited.add(key)  # "(BCDR Plan)", "a Flag Flying service", "as detailed in G:02"
            return
        self.out.undefined[key].append(_Use(text[start:end], start, end))


def _misspelt(key: str, defined: dict[str, str]) -> bool:
    """``key`` is one or two letters away from a defined term of as many words ("Supplier Personal")."""
    if len(key) < 8:
        return False
    words = key.count(" ")
    for other in defined:
        if (
            other.count(" ") == words
            and abs(len(other) - len(key)) <= 2
            and other[:1] == key[:1]
            and _distance(key, other, 2) <= 2
        ):
            return True
    return False


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, cut off above ``limit``."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        best = row[0]
        for j, cb in enumerate(b, 1):
            cur = min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
            prev, row[j] = row[j], cur
            best = min(best, cur)
        if best > limit:
            return limit + 1
    return row[-1]


def _trim_covered(part: list[int], keys: list[str], covered: list[bool]) -> list[int]:
    """Drop defined terms joined by a connector at either end: "Milestone in the Implementation Plan"
    leaves "Implementation Plan"."""
    # A connector inside a defined term ("Change of Control") is not a place to cut.
    while True:
        conn = next((i for i, k in enumerate(part) if keys[k] in _CONNECTORS and not covered[k]), None)
        if conn is None or conn == 0 or not all(covered[k] for k in part[:conn]):
            break
        rest = conn
        while rest < len(part) and keys[part[rest]] in _CONNECTORS:
            rest += 1
        part = part[rest:]
    while True:
        free = [i for i, k in enumerate(part) if keys[k] in _CONNECTORS and not covered[k]]
        conn = free[-1] if free else None
        if conn is None or conn == len(part) - 1 or not all(covered[k] for k in part[conn + 1 :]):
            break
        while conn > 0 and keys[part[conn - 1]] in _CONNECTORS:
            conn -= 1
        part = part[:conn]
    return part


# --- HY001 undefined terms ---------------------------------------------------------------------------


_IMPORTS_DEFINITIONS = regex.compile(
    r"(?i)capitali[sz]ed[ \t]+(?:terms|words|expressions)[^.]{0,120}?"
    r"(?:not[ \t]+(?:otherwise[ \t]+)?(?:expressly[ \t]+)?defined|used[ \t]+but[ \t]+not[ \t]+defined)"
)
"""'Capitalized terms not otherwise defined herein shall have the meanings set forth in the Agreement': the
document takes its definitions from another instrument (an amendment, a statement of work)."""


def _undefined_terms(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if _IMPORTS_DEFINITIONS.search(ctx.text):
        return  # its undefined capitals may be defined in the instrument it points to
    analysis = analyse_hygiene(ctx, uses=True)
    if len(analysis.definitions) < 3:
        return  # the contract does not use defined terms: its capitals are not a convention
    for key, uses in analysis.undefined.items():
        if key in analysis.instruments or key in analysis.cited:
            continue
        if key not in analysis.near and analysis.seen[key] < 2:
            rest = analysis.built_on.get(key)
            if rest is None or analysis.seen[rest] < 2 or rest not in analysis.undefined:
                continue  # one capitalised mention, unrelated to any defined term: most often a name
        first = uses[0]
        count = len(uses)
        times = "once" if count == 1 else f"{count} times"
        yield ctx.finding(
            rule,
            first.start,
            first.end,
            message=(
                f'"{first.phrase}" is capitalised like a defined term ({times}) but the agreement does '
                "not define it."
            ),
            related=[(u.start, u.end) for u in uses[1:_MAX_RELATED]],
        )


UNDEFINED_TERM = Rule(
    code="HY001",
    default=False,
    name="undefined-term",
    category="hygiene",
    severity="warning",
    summary="A capitalised term is used as a defined term but never defined.",
    message="A capitalised term is used as a defined term but the agreement does not define it.",
    why=(
        "A capitalised term tells the reader that it has a defined meaning. If the definition is missing, "
        "each side can read the term its own way, and a court may fall back on the ordinary meaning, or "
        "on the drafter's opponent's reading. Only multi-word terms used after a determiner mid-sentence "
        "are reported; headings, table labels, titles, capitals and proper names (laws, bodies, services, "
        "places) are not, nor is a phrase capitalised only once that shares nothing with a defined term, "
        'a document naming itself ("this Guarantee Bond") or a name spelled out before its abbreviation.'
    ),
    suggestion=(
        '"Supplier Staff" means all persons employed or engaged by the Supplier to perform the Services.'
    ),
    example_fail=(
        '1. Definitions. "Services" means the services in Schedule 1. "Supplier" means Acme Ltd. '
        '"Customer" means Globex plc.\n\n'
        "2. Staff. The Supplier shall ensure that the Supplier Staff are suitably qualified."
    ),
    example_pass=(
        '1. Definitions. "Services" means the services in Schedule 1. "Supplier" means Acme Ltd. '
        '"Customer" means Globex plc. "Supplier Staff" means the persons engaged by the Supplier.\n\n'
        "2. Staff. The Supplier shall ensure that the Supplier Staff are suitably qualified."
    ),
    check=_undefined_terms,
)


# --- HY002 unused definitions ------------------------------------------------------------------------


def _unused_definitions(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    analysis = analyse_hygiene(ctx, uses=True)
    seen: set[str] = set()
    for d in analysis.definitions:
        if d.key in seen or d.key in ("party", "parties"):
            continue
        seen.add(d.key)
        if analysis.uses.get(d.key):
            continue
        yield ctx.finding(rule, d.start, d.end, message=f'"{d.term}" is defined but never used.')


UNUSED_DEFINITION = Rule(
    code="HY002",
    default=False,
    name="unused-definition",
    category="hygiene",
    severity="info",
    summary="A term is defined but never used.",
    message="A term is defined but never used.",
    why=(
        "A definition nobody uses is clutter at best; at worst it shows that a clause relying on it was "
        "deleted or renamed, and the reader is left wondering which provision the definition was for."
    ),
    suggestion="Delete the definition, or use the term where the clause means it.",
    example_fail=(
        '1. Definitions. "Services" means the support services. "Service Credits" means the credits in '
        "Schedule 2.\n\n2. Services. The Supplier shall provide the Services."
    ),
    example_pass=(
        '1. Definitions. "Services" means the support services. "Service Credits" means the credits in '
        "Schedule 2.\n\n2. Services. The Supplier shall provide the Services and pay any Service Credits."
    ),
    check=_unused_definitions,
)


# --- HY003 duplicate definitions ---------------------------------------------------------------------

_TRAIL = regex.compile(r"[\s;,.:]*(?:\b(?:and|or)\b)?[\s;,.:]*$")


def _definition_text(text: str) -> str:
    return " ".join(_TRAIL.sub("", text).split()).lower().translate(_APOS)


def _duplicate_definitions(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    analysis = analyse_hygiene(ctx)
    groups: dict[str, list[Definition]] = defaultdict(list)
    for d in analysis.definitions:
        groups[d.key].append(d)
    for defs in groups.values():
        if len(defs) < 2:
            continue
        first = defs[0]
        for d in defs[1:]:
            if _definition_text(d.text) == _definition_text(first.text) or not d.text.strip():
                continue
            where = ctx.locate(first.start, first.end)
            cited = (
                f"clause {where.clause_number}"
                if where.clause_number
                else (f"paragraph {where.paragraph}" if where.paragraph else "earlier")
            )
            yield ctx.finding(
                rule,
                d.start,
                d.end,
                message=f'"{d.term}" is defined again here, differently from its definition in {cited}.',
                related=[(first.start, first.end)],
            )


DUPLICATE_DEFINITION = Rule(
    code="HY003",
    default=False,
    name="duplicate-definition",
    category="hygiene",
    severity="warning",
    summary="A term is defined twice, with different meanings.",
    message="A term is defined twice, with different meanings.",
    why=(
        "Two definitions of one term make every use of it ambiguous; which one wins depends on rules of "
        "construction the parties did not choose. It usually means two drafts were merged."
    ),
    suggestion='Keep one definition and rename the other term (e.g. "Initial Term" and "Renewal Term").',
    example_fail=(
        '1. Definitions. "Term" means three years from the Effective Date.\n\n'
        '2. Renewal. "Term" means the initial term and every renewal term.'
    ),
    example_pass=(
        '1. Definitions. "Initial Term" means three years from the Effective Date.\n\n'
        '2. Renewal. "Term" means the Initial Term and every renewal term.'
    ),
    check=_duplicate_definitions,
)


# --- HY004 defined term in lower case ---------------------------------------------------------------


def _lower_case_terms(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    analysis = analyse_hygiene(ctx, uses=True)
    text = ctx.text
    done: set[str] = set()
    bodies = [_body(d) for d in analysis.definitions]
    spans = merge_spans(
        [*((d.start, d.end) for d in analysis.definitions), *_spans(_QUOTED, text), *bodies], touching=True
    )
    starts = [s for s, _ in spans]
    for d in analysis.definitions:
        words = d.term.split()
        if (
            d.key in done
            or len(words) < 2
            or any(_acronym(w) for w in words)
            or len(analysis.uses[d.key]) < 2
        ):
            continue
        if not all(w[:1].isupper() for w in words if w.lower() not in _CONNECTORS):
            continue
        done.add(d.key)
        target = " ".join(words).lower()
        hits: list[tuple[int, int]] = []
        if not all(w in text for w in target.split()):
            continue  # a word of the term never appears in lower case
        for m in _lower_case_pattern(target).finditer(text):
            s, e = m.span()
            if not _inside(spans, starts, s, e):
                hits.append((s, e))
        if hits:
            yield ctx.finding(
                rule,
                *hits[0],
                message=(
                    f'"{text[hits[0][0] : hits[0][1]]}" is in lower case, but "{d.term}" is a defined term: '
                    "if the defined meaning is intended, capitalise it."
                ),
                related=hits[1:_MAX_RELATED],
            )


@lru_cache(maxsize=4096)
def _lower_case_pattern(target: str) -> regex.Pattern[str]:
    """The term in lower case, matched case-sensitively: only lower-case occurrences match."""
    return regex.compile(
        r"(?<![\w\-])" + r"\s+".join(regex.escape(w) for w in target.split()) + r"s?(?![\w\-])"
    )


def _body(d: Definition) -> tuple[int, int]:
    """The span from the term to the end of its definition (the wording is the drafter's, not a use)."""
    return (min(d.start, d.body_start), max(d.end, d.body_end))


LOWER_CASE_TERM = Rule(
    code="HY004",
    default=False,
    name="defined-term-in-lower-case",
    category="hygiene",
    severity="info",
    summary="A defined term appears in lower case, where the defined meaning may be intended.",
    message="A defined term appears in lower case, where the defined meaning may be intended.",
    why=(
        '"confidential information" in lower case is not the defined "Confidential Information": the '
        "clause then covers something wider or narrower than the parties agreed. Only multi-word terms "
        "used capitalised elsewhere are checked; the definition's own wording is left alone."
    ),
    suggestion="Capitalise the term where the defined meaning is intended; otherwise reword it.",
    example_fail=(
        '1. Definitions. "Confidential Information" means information marked confidential.\n\n'
        "2. Duty. The Recipient shall protect the Confidential Information and shall not copy the "
        "Confidential Information.\n\n3. Return. On request the Recipient shall return all confidential "
        "information."
    ),
    example_pass=(
        '1. Definitions. "Confidential Information" means information marked confidential.\n\n'
        "2. Duty. The Recipient shall protect the Confidential Information and shall not copy the "
        "Confidential Information.\n\n3. Return. On request the Recipient shall return all Confidential "
        "Information."
    ),
    check=_lower_case_terms,
)


# --- HY005 broken cross-references --------------------------------------------------------------------

_CLAUSE_KW = r"(?:clauses?|sections?|articles?|paragraphs?|paras?\.?|§{1,2})"
_ATTACH_KW = r"(?:schedules?|exhibits?|annex(?:es)?|appendix|appendices|attachments?)"
_NUM = r"\d{1,3}(?:\.\d{1,3}){0,5}(?!\.?\d|[A-Za-z])(?:\([a-zA-Z0-9]{1,5}\))*"
_ROMAN = r"[IVXL]{1,6}\b"
_ATT_ID = (
    r"(?:\d{1,3}+(?!\.\d|[A-Za-z])"
    r"|(?!(?:TO|OF|IN|ON|AT|BY|OR|AS|IS|IT|NO|SO|UP|US|AN|BE|DO|IF|WE|MY)\b)[A-Z]{1,2}(?:-?\d{1,2})?\b)"
)
"""An attachment's identifier: "4", "B", "A-1", "D2". Not "13" of "Schedule 13G" (an SEC form), not the
"1" of "Exhibit 10.4" (a filing's exhibit number), not "TO" of "ATTACHMENTS TO THIS RFQ"."""
_JOIN = r"(?:[ \t]*(?:,[ \t]*(?:and|or)?|and/or|and|or|to|through)[ \t]*|[-–])"
_CLAUSE_REF = regex.compile(
    rf"""(?<![\w-])(?P<kw>(?i:{_CLAUSE_KW}))[ \t]+(?P<num>{_NUM}|{_ROMAN})
    (?:{_JOIN}(?:(?i:{_CLAUSE_KW})[ \t]+)?(?P<num>{_NUM}))*""",
    regex.VERBOSE,
)
_ATTACH_REF = regex.compile(
    rf"""(?<![\w-])(?P<kw>(?i:{_ATTACH_KW}))[ \t]+(?P<num>{_ATT_ID})
    (?:{_JOIN}(?:(?i:{_ATTACH_KW})[ \t]+)?(?P<num>{_ATT_ID}))*""",
    regex.VERBOSE,
)
_CLAUSE_START = ("clause", "section", "article", "para", "§")
_ATTACH_START = ("schedule", "exhibit", "annex", "append", "attachment")


def _keyword_starts(lower: str, words: tuple[str, ...]) -> list[int]:
    """Where one of ``words`` starts a word of ``lower`` (not after a letter, digit, "_" or "-")."""
    out: list[int] = []
    for word in words:
        i = lower.find(word)
        while i != -1:
            if i == 0 or not (lower[i - 1].isalnum() or lower[i - 1] in "_-"):
                out.append(i)
            i = lower.find(word, i + 1)
    out.sort()
    return out


def _find_refs(
    pattern: regex.Pattern[str], starts: tuple[str, ...], text: str, lower: str
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)``, tried only where one of the ``starts`` keywords begins a word: a
    case-insensitive alternation tried at every offset cost more than the rest of the rule."""
    done = 0
    for start in _keyword_starts(lower, starts):
        if start < done:
            continue
        m = pattern.match(text, start)
        if m is not None:
            done = m.end()
            yield m


_TAIL = regex.compile(
    r"""[\])]?[ \t]*,?[ \t]*(?:of|in|under|to)[ \t]+(?:(?P<this>this|these)[ \t]+|the[ \t]+)?
    (?P<doc>(?P<kw>(?i:schedule|exhibit|annex|appendix|attachment))[ \t]+(?P<id>[A-Z0-9]{1,3})\b
      |[A-Z0-9][\w\-]*(?:[ \t]+(?:(?:of|for)[ \t]+)?[A-Z0-9][\w\-]*)*)?""",
    regex.VERBOSE,
)
_INTERNAL = frozenset({"agreement", "contract", "terms", "conditions", "deed", "order", "sow"})
_HEADER = regex.compile(
    rf"^[\s*#>_]*(?:(?P<qual>[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*)?)[ \t]+)??(?P<kw>(?i:{_ATTACH_KW}))[ \t]+"
    rf"(?P<id>{_ATT_ID})(?=[ \t]*(?:$|[\n:.\-–—(]|[A-Z]|(?:to|of)[ \t]+(?:the[ \t]+|this[ \t]+)?[A-Z]))"
)
_QUALIFIER = regex.compile(r"([A-Z][\w\-]*)[ \t]+$")
_NOT_QUALIFIERS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "Each",
        "Any",
        "Such",
        "See",
        "In",
        "Under",
        "Per",
        "As",
        "Pursuant",
        "Subject",
        "Refer",
        "Attached",
        "Annexed",
        "With",
        "And",
        "Or",
        "Of",
        "To",
        "For",
        "By",
        "From",
        "Within",
        "Without",
        "Its",
        "Their",
        "Our",
        "Your",
        "Under",
        "Where",
        "If",
        "When",
    ]
)


_NUMBER_KEYWORD = regex.compile(r"^(?:section|article|clause|paragraph|para|§+)\s*")
_TRAILING_ZEROS = regex.compile(r"(?:\.0+)+$")


def _norm_number(label: str) -> str:
    # Compiled once: called per number and per reference, regex.sub's pattern-cache lookup alone
    # cost more than the matching.
    label = label.strip().strip(".").lower()
    label = _NUMBER_KEYWORD.sub("", label)
    return str(_TRAILING_ZEROS.sub("", label))


def _attach_key(kw: str, ident: str, qual: str | None = None) -> str:
    word = kw.lower().rstrip("s")
    word = {"annexe": "annex", "appendice": "appendix", "appendixe": "appendix"}.get(word, word)
    ident = ident.upper().replace("-", "")
    return f"{qual.lower()} {word} {ident}" if qual else f"{word} {ident}"


@dataclass(slots=True)
class _Scope:
    start: int
    end: int
    numbers: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _References:
    attachments: dict[str, list[_Scope]] = field(default_factory=dict)
    """Attachment key ("schedule 4", "joint schedule 1") -> where its headers and text are."""
    scopes: list[_Scope] = field(default_factory=list)
    """Each file's text, and each attachment's."""
    everything: _Scope = field(default_factory=lambda: _Scope(0, 0))


_LINE_NUMBER = regex.compile(r"\n[ \t]*(?P<n>\d{1,3}(?:\.\d{1,3}){1,5})\.?[ \t]")
_INLINE_NUMBER = regex.compile(
    r"""(?=\d)(?<!\d[.,])(?<=(?:^|[.;:!?)\]"”*]|\b[A-Z]{2,})[ \t#>*_]{0,6}|[ \t]{2})
    (?P<n>\d{1,3}(?:\.\d{1,3}){0,4})\.?(?:[ \t]+|(?=[A-Z][a-z]))(?=["“]?[A-Z])""",
    regex.VERBOSE | regex.MULTILINE,
)
"""A clause number where a heading starts: at a line start, after a sentence ("... Agreement. 6.2
VOTOCAST's Warranties"), after a heading in capitals ("APPOINTMENT 2.1 Exclusivity") or a layout gap, as
in text flattened from a PDF, where numbers are not at line starts; also "8.Basis of Award". Found once
per document; a false one only hides a finding."""
_INLINE_ARTICLE = regex.compile(
    r"(?<![\w-])(?:ARTICLE|Article|SECTION|CLAUSE)[ \t]+(?P<n>[IVXL]{1,6}|\d{1,3})\b\.?\s*[-–:]?\s*"
    r"(?=[A-Z]{2,}\b)"
)
"""An article's own heading in running text: "ARTICLE VI. NET REVENUE AND REPORTS"."""
_INLINE_ATTACHMENT = regex.compile(
    r"(?<![\w-])(?P<kw>EXHIBIT|SCHEDULE|ANNEX|APPENDIX|ATTACHMENT)[ \t]+"
    r"(?P<id>[A-Z]{1,2}(?:-?\d{1,2})?|\d{1,3})\b\.?\s*[-–:]?\s*(?=[A-Z]{2,}\b)"
)
"""An attachment's own heading in running text: "EXHIBIT A PRODUCT IMPROVEMENT PLAN"."""
_ATTACHMENT_LIST = regex.compile(
    r"(?i)^[\s*#>_]*(?:\d{1,2}\.?[ \t]*)?(?:list[ \t]+of[ \t]+)?"
    r"(?P<kw>attachments|exhibits|schedules|annexes|appendices)\b[^\n]{0,40}$"
)
"""A list of the attachments: "ATTACHMENTS TO THIS RFQ", then "1. PWS", "2. QASP"... as list items."""
_LIST_ID = regex.compile(r"[\s*#>_]*\(?(?P<id>\d{1,2}|[A-Z])[.)][ \t]")
_FILE_ATTACHMENT = regex.compile(
    r"(?i)^(?P<kw>schedule|exhibit|annex|appendix|attachment)[ _\-]*(?P<id>[A-Z]{1,2}|\d{1,3})(?![A-Za-z0-9])"
)
"""A file of the set named for the attachment it is: "Attachment2_QASP.md", "Exhibit B - Fees.docx"."""


def _block_numbers(block: Block) -> Iterable[str]:
    if block.number:
        yield block.number
    if "\n" in block.text:  # "14.7 ...<line break>14.8 ...": one Word paragraph, two clauses
        for m in _LINE_NUMBER.finditer(block.text):
            yield m.group("n")
    tn = parse_typed_number(block.text, block.text_start if block.number else 0)
    if tn is not None:
        yield tn.label
        if tn.style in ("article", "section", "clause") and not tn.label[:1].isdigit():
            value = roman_value(tn.label)
            if value:
                yield str(value)


def _references(ctx: LintContext) -> _References:
    refs = _References()
    doc = ctx.document
    refs.everything = _Scope(0, len(ctx.text))
    files: dict[str | None, _Scope] = {}
    attach: _Scope | None = None
    for block in doc.blocks:
        loc = block.location
        scope = files.get(loc.file)
        if scope is None:
            scope = files[loc.file] = _Scope(loc.start, loc.end)
            attach = None
            named = _FILE_ATTACHMENT.match(PurePath(loc.file).name) if loc.file else None
            if named is not None:
                key = _attach_key(named.group("kw"), named.group("id"))
                refs.attachments.setdefault(key, []).append(scope)
        scope.end = loc.end
        m = _HEADER.match(block.text) if len(block.text) <= 150 else None
        if m is not None:
            qual = m.group("qual")
            if qual is not None and (qual in _NOT_QUALIFIERS or qual.split()[0] in _NOT_QUALIFIERS):
                qual = None
            attach = _Scope(loc.start, loc.end)
            for key in {
                _attach_key(m.group("kw"), m.group("id")),
                *([_attach_key(m.group("kw"), m.group("id"), qual)] if qual else []),
            }:
                refs.attachments.setdefault(key, []).append(attach)
            refs.scopes.append(attach)
        if attach is not None:
            attach.end = loc.end
        for number in _block_numbers(block):
            key = _norm_number(number.strip("()"))
            if key and key[0].isalnum():
                scope.numbers.add(key)
                refs.everything.numbers.add(key)
                if attach is not None:
                    attach.numbers.add(key)
    for clause in ctx.tree.walk():
        for label in (clause.number, clause.ref):
            if label and "," not in label:
                key = _norm_number(label)
                refs.everything.numbers.add(key)
    text = ctx.text
    for m in _INLINE_ATTACHMENT.finditer(text):
        key = _attach_key(m.group("kw"), m.group("id"))
        refs.attachments.setdefault(key, []).append(_Scope(m.start(), m.end()))
    _listed_attachments(doc.blocks, refs)
    for m in _INLINE_NUMBER.finditer(text):
        refs.everything.numbers.add(_norm_number(m.group("n")))
    for m in _INLINE_ARTICLE.finditer(text):
        label = m.group("n")
        refs.everything.numbers.add(_norm_number(label))
        if not label.isdigit() and (value := roman_value(label)):
            refs.everything.numbers.add(str(value))
    refs.scopes.extend(files.values())
    return refs


def _listed_attachments(blocks: Sequence[Block], refs: _References) -> None:
    """The items of an attachment list ("ATTACHMENTS TO THIS RFQ" then "1. PWS", "2. QASP") are the
    attachments, whether or not their text is in the set."""
    kw: str | None = None
    for block in blocks:
        head = _ATTACHMENT_LIST.match(block.text) if len(block.text) <= 80 else None
        if head is not None:
            kw = head.group("kw")
            continue
        if kw is None:
            continue
        item = _LIST_ID.match(block.text)
        if item is None:
            kw = None
            continue
        key = _attach_key(kw, item.group("id"))
        loc = block.location
        refs.attachments.setdefault(key, []).append(_Scope(loc.start, loc.end))


def _exists(number: str, numbers: set[str]) -> bool:
    base = _norm_number(number.split("(")[0])
    if not base:
        return True
    if base in numbers:
        return True
    prefix = base + "."
    return any(n.startswith(prefix) for n in numbers)


def _numbered(numbers: set[str]) -> bool:
    # Stops at the third: called once per cross-reference, a full count made HY005 quadratic.
    return next(itertools.islice((n for n in numbers if n[:1].isdigit()), 2, None), None) is not None


def _broken_references(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    text = ctx.text
    if _amendment(ctx):
        return  # "Section 1.3 of the Agreement" in an amendment cites the agreement it amends
    refs = _references(ctx)
    missing_attachments: dict[str, list[tuple[int, int]]] = defaultdict(list)
    labels: dict[str, str] = {}
    lower = lower_text(text)  # same offsets as text
    for m in _find_refs(_ATTACH_REF, _ATTACH_START, text, lower):
        kw = m.group("kw")
        qual_m = _QUALIFIER.search(text, max(0, m.start() - 40), m.start())
        qual = qual_m.group(1) if qual_m and qual_m.end() == m.start() else None
        if qual is not None and (qual in _NOT_QUALIFIERS or qual.lower() in _INTERNAL):
            qual = None
        tail = _TAIL.match(text, m.end())
        if tail is not None and tail.group("doc") and not tail.group("kw"):
            doc_words = tail.group("doc").lower().split()
            if not (tail.group("this") or (len(doc_words) == 1 and doc_words[0] in _INTERNAL)):
                continue  # "Exhibit A to the Master Agreement": another document
            if _ATTACHED_TO.match(text, tail.end()):
                continue  # "Annex C to the Agreement attached to Council Decision 2006/1005/EC"
        if qual is not None:
            continue  # "Framework Schedule 5": a named document of its own, attached or not
        if _TITLED.match(text, m.end()):
            continue  # "Attachment 5 – Framework Schedule 4": a document of a pack, cited by its title
        if _optional(ctx, m.start()) or _cites_instrument(text, m.start()):
            continue  # "[Annex D1 (CSPS)]" an option of a template; "(Article 6 + Annex III)" of a law
        for ident in m.captures("num"):
            key = _attach_key(kw, ident)
            if key in refs.attachments or (ident.isdigit() and int(ident) >= _MAX_ATTACHMENT):
                continue
            if _in_header(ctx, m.start()):
                continue
            missing_attachments[key].append((m.start(), m.end()))
            labels.setdefault(
                key, f"{kw.rstrip('sS').capitalize() if kw.lower() != 'appendices' else 'Appendix'} {ident}"
            )
    for key, spans in missing_attachments.items():
        yield ctx.finding(
            rule,
            *spans[0],
            message=f"{labels[key]} is referred to, but the agreement has no {labels[key]}.",
            related=spans[1:_MAX_RELATED],
        )
    clause_refs = list(_find_refs(_CLAUSE_REF, _CLAUSE_START, text, lower))
    # "Section 14(c) of the Fair Labor Standards Act" once: a bare "Section 14(c)" elsewhere cites it too.
    elsewhere: set[tuple[str, str]] = set()
    for m in clause_refs:
        if _external(text, m.end()):
            elsewhere.update((m.group("kw").lower().rstrip("s"), _norm_number(n)) for n in m.captures("num"))
    for m in clause_refs:
        kw = m.group("kw").lower()
        if _in_header(ctx, m.start()) or _optional(ctx, m.start()) or _cites_instrument(text, m.start()):
            continue
        if elsewhere and all((kw.rstrip("s"), _norm_number(n)) in elsewhere for n in m.captures("num")):
            continue
        tail = _TAIL.match(text, m.end())
        scope = refs.everything
        if tail is not None and tail.group("doc"):
            if tail.group("kw"):
                key = _attach_key(tail.group("kw"), tail.group("id"))
                qual_m = _QUALIFIER.search(text, max(0, tail.start("doc") - 40), tail.start("doc"))
                if (
                    qual_m is not None
                    and qual_m.end() == tail.start("doc")
                    and qual_m.group(1) not in _NOT_QUALIFIERS
                ):
                    key = _attach_key(tail.group("kw"), tail.group("id"), qual_m.group(1))
                found = refs.attachments.get(key)
                if found and _external(text, tail.end()):
                    continue  # "paragraph 4 of schedule 2 to the 2003 Order"
                if not found:
                    continue  # a paragraph of a schedule not in the set: reported (once) above or external
                scope = _Scope(0, 0, set().union(*(s.numbers for s in found)))
            else:
                doc_words = tail.group("doc").lower().split()
                if not (tail.group("this") or (len(doc_words) == 1 and doc_words[0] in _INTERNAL)):
                    continue  # "section 21 of the Freedom of Information Act"
        if not _numbered(scope.numbers):
            continue  # no visible numbering to check against (flattened text)
        bad = [n for n in m.captures("num") if n[:1].isdigit() or kw.startswith("article")]
        bad = [n for n in bad if not _exists(n, scope.numbers)]
        if kw.startswith(("section", "§")) and any(n.isdigit() and int(n) > 300 for n in bad):
            continue  # "section 1159": a statute
        if _CODE_CITE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "17 U.S.C. Section 101", "FAR section 12.212"
        if _LAW_AFTER.match(text, m.end()):
            continue  # "Section 18 (S) 5005 (B) of the Insurance Law of the Domiciliary State"
        for number in bad:
            start = m.start("num") if m.captures("num")[0] == number else m.start()
            word = m.group("kw").rstrip("sS")
            word = word[:1].upper() + word[1:].lower() if not word.startswith("§") else "Section"
            yield ctx.finding(
                rule,
                m.start(),
                m.end(),
                message=(
                    f"{word} {number} is referred to, but the agreement has no "
                    f"{word.lower()} {number.split('(')[0]}."
                ),
            )
            del start
            break


def _external(text: str, at: int) -> bool:
    """The words at ``at`` name another document: "to the 2003 Order", "of the Framework Agreement"."""
    tail = _TAIL.match(text, at)
    if tail is None or not tail.group("doc") or tail.group("kw"):
        return False
    words = tail.group("doc").lower().split()
    return not (tail.group("this") or (len(words) == 1 and words[0] in _INTERNAL))


_INSTRUMENT = regex.compile(r"(?P<head>[A-Z][\w\-]*)[ \t]+(?:No\.?[ \t]*)?\d[\w/.\-]*[ \t]*\([^()\n]{0,40}$")


_TITLED = regex.compile(
    r"[ \t]*(?:[–—-]|\()?[ \t]*(?:[A-Z][\w\-]*[ \t]+){0,3}"
    r"(?i:schedule|annex|appendix|exhibit|attachment|contract|agreement)\b"
)
_ATTACHED_TO = regex.compile(r"[ \t]+(?:attached|annexed|appended)[ \t]+to[ \t]+(?:the[ \t]+)?[A-Z]")
_CODE_CITE = regex.compile(
    r"(?:U\.?S\.?C\.?|C\.?F\.?R\.?|\bFAR|\bDFARS?|\bCode|(?i:\btitle)[ \t]+\d+)\)?[ \t]*,?[ \t]*$"
)
"""A code or regulation just before: "17 U.S.C. Section 101", "(FAR) section 3.104",
"TITLE 41, SECTION 423"."""
_LAW_AFTER = regex.compile(
    r"[^.;:\n]{0,40}?\s(?:of|under)\s+the\s+(?:[A-Z][\w\-]*\s+){0,5}"
    r"(?:Act|Law|Code|Regulations?|Directive|Rules|Statutes?)\b"
)
"""A law named just after the number, past sub-references: "Section 18 (S) 5005 (B) of the Insurance Law"."""
_AMENDMENT = regex.compile(r"(?i)\bamendment\b")
_RESTATED = regex.compile(r"(?i)\bamended[ \t]+and[ \t]+restated\b")


def _amendment(ctx: LintContext) -> bool:
    """The document amends another agreement: its title (in the first few blocks) says so."""
    head = " ".join(b.text for b in ctx.document.blocks[:6])[:600]
    return _AMENDMENT.search(head) is not None and _RESTATED.search(head) is None


def _cites_instrument(text: str, at: int) -> bool:
    """The reference sits in parentheses after a numbered law: "Directive 2012/27/EU (Article 6 +
    Annex III)", "Regulation (EU) 2016/679" is cited with its own articles, not this agreement's."""
    m = _INSTRUMENT.search(text, max(0, at - 120), at)
    return m is not None and _norm_token(m.group("head")) in _names()[0]


def _optional(ctx: LintContext, offset: int) -> bool:
    """The reference is inside square brackets: optional or to-be-completed text of a template."""
    block = ctx.document.block_at(offset)
    if block is None:
        return False
    before = ctx.text[block.location.start : offset]
    return before.count("[") > before.count("]") and "]" in ctx.text[offset : block.location.end]


def _in_header(ctx: LintContext, offset: int) -> bool:
    """A reference at the very start of a block (after its number) is that block's own heading
    ("Schedule 4 - Charges", "2.1.11. Appendix 1 – Food Standards")."""
    block = ctx.document.block_at(offset)
    if block is None:
        return False
    return ctx.text[block.location.start + block.text_start : offset].strip(" \t\n*#>_") == ""


BROKEN_REFERENCE = Rule(
    code="HY005",
    default=False,
    name="broken-cross-reference",
    category="hygiene",
    severity="warning",
    summary="A cross-reference points to a clause, schedule or exhibit that is not in the agreement.",
    message="A cross-reference points to a clause, schedule or exhibit that is not in the agreement.",
    why=(
        'A reference to "Clause 14.3" or "Schedule 4" that leads nowhere usually means clauses were '
        "renumbered or an attachment was left out; the obligation it imports is then unclear or lost. "
        'References to other documents ("section 3 of the Data Protection Act", "Clause 5 of the '
        'Framework Agreement", a named "Call-Off Schedule 5", an attachment cited with its title, '
        '"Attachment 5 – Framework Schedule 4"), references in square brackets (template '
        "options), references inside an amendment (they cite the agreement it amends) and statute "
        'citations ("17 U.S.C. Section 101", "Directive 2012/27/EU (Annex III)") are not checked.'
    ),
    suggestion="Correct the number to the clause meant, or attach the missing schedule or exhibit.",
    example_fail=(
        "1. Services. The Supplier shall provide the services described in Schedule 2.\n\n"
        "2. Fees. The Customer shall pay the fees within 30 days.\n\n"
        "3. Termination. Either party may terminate on breach of Clause 7.\n\n"
        "Schedule 1 - Services\n\nThe support services."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the services described in Schedule 1.\n\n"
        "2. Fees. The Customer shall pay the fees within 30 days.\n\n"
        "3. Termination. Either party may terminate on breach of Clause 2.\n\n"
        "Schedule 1 - Services\n\nThe support services."
    ),
    check=_broken_references,
)


# --- HY006 numbering ----------------------------------------------------------------------------------


def _values(number: str) -> tuple[str, set[int], str] | None:
    """(style family, possible values, parent label) of a visible number; None when unusable."""
    tn = classify_number(number)
    if tn is None or tn.style in KEYWORD_STYLES:
        return None  # Part A, Part B again in the next annex: keyword parts restart freely
    style = tn.style
    if style.endswith("roman-or-alpha"):
        values = {tn.value}
        rv = roman_value(tn.label)
        if rv:
            values.add(rv)
        return style.replace("roman-or-alpha", "letter"), values, ""
    family = (
        style.replace("roman", "letter").replace("alpha", "letter")
        if "roman" in style or "alpha" in style
        else style
    )
    parent = tn.label.rsplit(".", 1)[0] if style == "decimal" and "." in tn.label else ""
    return family, {tn.value}, parent


def _typed(ctx: LintContext, clause: Clause) -> bool:
    if not clause.blocks or clause.number is None:
        return False
    block = ctx.document.blocks[clause.blocks[0]]
    return block.number_source != "auto"


def _numbering(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    groups: list[tuple[Clause, ...]] = [ctx.tree.clauses]
    groups.extend(c.children for c in ctx.tree.walk() if c.children)
    for siblings in groups:
        prev: tuple[Clause, tuple[str, set[int], str]] | None = None
        for clause in siblings:
            info = _values(clause.number) if clause.number and _typed(ctx, clause) else None
            if info is None:
                prev = None  # an unnumbered heading or auto number between: no sequence to check
                continue
            if prev is not None and prev[1][0] == info[0] and prev[1][2] == info[2]:
                before, now = prev[1][1], info[1]
                dup = bool(before & now)
                if (
                    dup
                    and prev[0].number
                    and clause.number
                    and _norm_number(prev[0].number) == _norm_number(clause.number)
                ):
                    yield _numbering_finding(
                        ctx,
                        rule,
                        clause,
                        prev[0],
                        f"{clause.number.strip()} is numbered the same as the clause before it.",
                    )
                elif not dup and not any(v + 1 in now for v in before):
                    gap = min(now) - max(before)
                    between = ctx.text[prev[0].location.start : clause.location.start]
                    if 1 < gap <= 4 and not _typed_between(between, info[2], max(before), min(now)):
                        yield _numbering_finding(
                            ctx,
                            rule,
                            clause,
                            prev[0],
                            f"{(clause.number or '').strip()} follows {(prev[0].number or '').strip()}: "
                            f"{'a number is' if gap == 2 else f'{gap - 1} numbers are'} skipped.",
                        )
            prev = (clause, info)


def _typed_between(text: str, parent: str, low: int, high: int) -> bool:
    """A skipped decimal number typed at a line start inside the previous clause ("14.7 ...<line
    break>14.8 ..." in one Word paragraph): the number is there, only not a paragraph of its own."""
    labels = "|".join(regex.escape(f"{parent}.{v}" if parent else str(v)) for v in range(low + 1, high))
    return regex.search(rf"\n[ \t]*(?:{labels})\.?[ \t]", text) is not None


def _numbering_finding(ctx: LintContext, rule: Rule, clause: Clause, before: Clause, message: str) -> Finding:
    start = clause.location.start
    number = clause.number or ""
    at = ctx.text.find(number.strip(), start, start + 200)
    if at < 0:
        at = start
    return ctx.finding(
        rule,
        at,
        at + len(number.strip()),
        message=message,
        related=[(before.location.start, before.location.start + len((before.number or "").strip()))],
    )


NUMBERING = Rule(
    code="HY006",
    default=False,
    name="numbering-out-of-sequence",
    category="hygiene",
    severity="warning",
    summary="Typed clause numbers skip a number or repeat one.",
    message="Typed clause numbers skip a number or repeat one.",
    why=(
        "Numbers typed by hand (not Word's automatic numbering) drift when clauses are added or removed. "
        "A gap suggests a deleted clause that other clauses may still cite; a repeated number makes "
        "every reference to it ambiguous."
    ),
    suggestion="Renumber the clauses in sequence (or switch to automatic numbering) and update references.",
    example_fail=(
        "1. Services. The Supplier shall provide the Services.\n\n"
        "2. Fees. The Customer shall pay the fees.\n\n"
        "4. Term. This Agreement lasts two years."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the Services.\n\n"
        "2. Fees. The Customer shall pay the fees.\n\n"
        "3. Term. This Agreement lasts two years."
    ),
    check=_numbering,
)


# --- HY007 party names ----------------------------------------------------------------------------------

_PARTY_WORDS = (
    "Supplier|Customer|Client|Provider|Service Provider|Vendor|Contractor|Consultant|Licensor|Licensee"
    "|Buyer|Seller|Purchaser|Distributor|Reseller|Franchisor|Franchisee|Lessor|Lessee|Landlord|Tenant"
)
_PARTY_USE = regex.compile(
    rf"(?:(?<=\b[Tt]he[ \t]+)|(?<=(?:^|[.;:]\s+|\n)))(?P<role>{_PARTY_WORDS})(?:['’]s)?"
    r"(?![\w\-]|[ \t]+[A-Z])"
    r"(?=[ \t]*(?:['’]s\b|shall|will|must|may|agrees|warrants|acknowledges|is|has|[,.;:)]))"
)


def _party_names(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    roles = ctx.roles()
    if not 2 <= len(roles) <= 4:
        return  # a bilateral contract: with many roles, another name may well be another party
    analysis = analyse_hygiene(ctx)
    names = set(roles)
    for hit in ctx.hits("parties"):
        value = hit.value or {}
        if value.get("name"):
            names.update(term_key(str(value["name"])).split())
    uses: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _PARTY_USE.finditer(ctx.text):
        word = m.group("role")
        key = term_key(word)
        if key in names or key in analysis.known or key in analysis.defined:
            continue
        if any(key in r.split() or r in key.split() for r in names):
            continue  # "Service Provider" against a defined "Provider"
        uses[word].append(m.span("role"))
    defined = ", ".join(sorted({r for r in roles.values()}))
    for word, spans in uses.items():
        yield ctx.finding(
            rule,
            *spans[0],
            message=(f'"{word}" is used as if it named a party, but the parties are defined as {defined}.'),
            related=spans[1:_MAX_RELATED],
        )


PARTY_NAME = Rule(
    code="HY007",
    default=False,
    name="undefined-party-name",
    category="hygiene",
    severity="warning",
    summary="A party is referred to by a name that was never defined for it.",
    message="A party is referred to by a name that was never defined for it.",
    why=(
        'If the parties are defined as the "Supplier" and the "Customer", a clause that binds '
        '"the Contractor" binds nobody for certain: it is usually a leftover from another template. '
        "Only the usual party role words are checked, and only when the contract defines two roles."
    ),
    suggestion='Use the defined name: "the Supplier shall ..." (or define the new name for that party).',
    example_fail=(
        'This Agreement is between Acme Ltd (the "Supplier") and Globex plc (the "Customer").\n\n'
        "1. Services. The Supplier shall provide the Services.\n\n"
        "2. Staff. The Contractor shall ensure its staff are qualified."
    ),
    example_pass=(
        'This Agreement is between Acme Ltd (the "Supplier") and Globex plc (the "Customer").\n\n'
        "1. Services. The Supplier shall provide the Services.\n\n"
        "2. Staff. The Supplier shall ensure its staff are qualified."
    ),
    check=_party_names,
)


RULES: tuple[Rule, ...] = (
    UNDEFINED_TERM,
    UNUSED_DEFINITION,
    DUPLICATE_DEFINITION,
    LOWER_CASE_TERM,
    BROKEN_REFERENCE,
    NUMBERING,
    PARTY_NAME,
)

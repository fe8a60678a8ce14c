"""Deliverables and goals: what the provider must deliver, by when, to what standard, and how it is accepted.

The words live in pattern files: ``patterns/delivery.yaml`` (services description, acceptance, schedules,
service levels, agreements to agree, precise uses of vague words), ``patterns/placeholders.yaml`` and the
``patterns/vague_terms.jsonl`` lexicon (each term with its id group and an optional measurable
suggestion). Python decides only what data cannot: whose duty a sentence states (provider or customer),
whether a time bound follows "promptly", and whether a clause is boilerplate or a service description.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache

import regex

from contractlint.model import Finding, Provision
from contractlint.nlp.extensions import letter_runs, lower_text
from contractlint.nlp.patterns import shipped_patterns
from contractlint.rules.base import Rule
from contractlint.rules.context import ContextCache, Hit, LintContext, merge_spans
from contractlint.rules.inventory import detector

__all__ = ["RULES"]

# --- who is who ------------------------------------------------------------------------------------------

_PROVIDER_ACTIONS = frozenset(
    {
        "provide", "perform", "render", "deliver", "develop", "maintain", "host", "supply", "furnish",
        "operate", "design", "install", "support", "service", "repair", "correct", "prepare", "assist",
        "implement", "manage", "administer", "deploy", "complete", "use", "make", "keep", "employ",
    }
)  # fmt: skip
_CUSTOMER_ACTIONS = frozenset({"pay", "reimburse", "compensate"})
_CUSTOMER_ROLES = frozenset(
    {"customer", "client", "recipient", "service recipient", "buyer", "purchaser", "licensee", "owner"}
)
_PROVIDER_ROLES = frozenset(
    {
        "provider", "service provider", "supplier", "vendor", "contractor", "consultant", "developer",
        "servicer", "operator", "administrator", "agent", "adviser", "advisor", "manager", "licensor",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Sides:
    provider: str | None
    customer: str | None


def _sides(ctx: LintContext) -> _Sides:
    """The provider is the party with most service duties, the customer the one that pays (or the
    reviewing party given with ``--party``)."""
    serve: Counter[str] = Counter()
    pay: Counter[str] = Counter()
    for hit in ctx.hits("obligations"):
        value = hit.value or {}
        party = value.get("party")
        if not party or party == "Party" or value.get("negated"):
            continue
        action = (value.get("action") or "").split(" ")[0]
        if action in _PROVIDER_ACTIONS:
            serve[party] += 1
        elif action in _CUSTOMER_ACTIONS:
            pay[party] += 1
    customer = ctx.party
    if customer is None:
        by_role = [p for p in (*pay, *serve) if p.lower() in _CUSTOMER_ROLES]
        paying = [p for p, _ in pay.most_common() if p.lower() not in _PROVIDER_ROLES]
        customer = by_role[0] if by_role else (paying[0] if paying else None)
    providers = [p for p, _ in serve.most_common() if p.lower() != (customer or "").lower()]
    by_role = [p for p in providers if p.lower() in _PROVIDER_ROLES]
    provider = by_role[0] if by_role else (providers[0] if providers else None)
    return _Sides(provider, customer)


# --- where a term sits ---------------------------------------------------------------------------------

_BOILERPLATE_TITLES = (
    "governing law", "applicable law", "choice of law", "jurisdiction", "venue", "severab",
    "entire agreement", "integration", "assignment", "confidential", "non-disclosure", "nondisclosure",
    "non disclosure", "press release",
    "indemn",
    "limitation of liability", "limitation on liability", "limitations of liability", "limited liability",
    "liability", "notices", "notice", "counterparts", "waiver", "amendment", "force majeure", "headings",
    "interpretation", "construction", "publicity",
    "non-solicit", "nonsolicit", "relationship of the parties", "independent contractor", "survival",
    "further assurances", "arbitration", "dispute", "miscellaneous", "general provisions",
    "intellectual property", "proprietary rights", "ownership", "compliance with laws", "taxes", "audit",
    "representations", "non-compet", "noncompet", "exclusivity", "third party beneficiar",
    "equitable relief", "injunctive", "authority", "successors", "binding effect",
)  # fmt: skip
_SERVICE_TITLES = (
    "service", "scope", "deliverable", "statement of work", "sow", "specification", "duties",
    "responsibilit", "obligations of", "support", "maintenance", "development", "hosting", "performance",
    "work", "project", "implementation", "installation", "training", "operation", "exhibit", "schedule",
    "appendix", "annex", "attachment", "description",
)  # fmt: skip
_DUTY_TITLES = ("service", "support", "work", "maintenance", "operation", "duties", "deliver")
"""Title words that make a clause about the work even when a boilerplate word is there too
("Maintenance Authority", "Cooperation with Successor Operator")."""
_WHEREAS = regex.compile(r"\s*(?:whereas|now,?\s+therefore|witnesseth)\b", regex.IGNORECASE)


def _inner_title(ctx: LintContext, offset: int) -> str:
    """The innermost non-empty clause title at ``offset`` (lower-case): the context a reader sees."""
    for clause in reversed(ctx.clause_path(offset)):
        if clause.title and clause.title.strip():
            return clause.title.lower()
    return ""


def _any_word(title: str, words: Sequence[str]) -> bool:
    return any(w in title for w in words)


class _Places:
    """Answers "is this offset in a provider duty / a service description / boilerplate?" for one lint."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.sides = _sides(ctx)
        self.obligations = ctx.hits("obligations")
        self._starts = [h.start for h in self.obligations]
        self._titles: dict[int, str] = {}
        self._opening: regex.Pattern[str] | None = None

    def title(self, offset: int) -> str:
        clause = self.ctx.clause_at(offset)
        key = -1 if clause is None else clause.location.start
        if key not in self._titles:
            self._titles[key] = _inner_title(self.ctx, offset)
        return self._titles[key]

    def obligation_at(self, offset: int) -> Hit | None:
        """The innermost obligation span holding ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and self.obligations[i].start > offset - 2000:
            hit = self.obligations[i]
            if hit.start <= offset < hit.end:
                return hit
            i -= 1
        return None

    def is_customer(self, party: str | None, subject: str | None = None) -> bool:
        customer = self.sides.customer
        provider = self.sides.provider
        if subject and provider and provider.lower() in subject.lower():
            return False  # a joint duty: "Tadeo and Diplomat will confer"
        if customer is not None and subject:
            bare = " ".join(subject.lower().split()).removeprefix("the ")
            if bare == customer.lower():
                return True  # "Fernleaf shall ..." when the reviewing party was given by name
        if not party or party == "Party":
            return False
        if customer is not None:
            return party.lower() == customer.lower()
        return party.lower() in _CUSTOMER_ROLES

    def heading(self, offset: int) -> bool:
        """Whether ``offset`` is in a clause heading line ("2. Cooperation"), which states no duty."""
        clause = self.ctx.clause_at(offset)
        block = self.ctx.document.block_at(offset)
        if clause is None or block is None or not clause.title:
            return False
        return len(block.text) <= len(clause.title) + len(clause.number or "") + 4

    def boilerplate(self, offset: int) -> bool:
        title = self.title(offset)
        if _any_word(title, _BOILERPLATE_TITLES) and not _any_word(title, _DUTY_TITLES):
            return True
        s, _ = self.ctx.sentence_at(offset)
        return bool(_WHEREAS.match(self.ctx.text, s, s + 20))

    def performance(self, offset: int) -> tuple[bool, bool]:
        """(in performance text at all, in a provider duty or a service description)."""
        if self.boilerplate(offset) or self.heading(offset):
            return False, False
        hit = self.obligation_at(offset)
        if hit is not None:
            value = hit.value or {}
            if self.is_customer(value.get("party"), value.get("subject")):
                return False, False
            if value.get("negated"):
                return True, False
            return True, True
        if self.customer_subject(offset):
            return False, False
        return True, _any_word(self.title(offset), _SERVICE_TITLES)

    def customer_subject(self, offset: int) -> bool:
        """Whether the sentence holding ``offset`` opens with the customer as its subject ("Customer
        agrees, as reasonably requested by eGain, to provide ..."), which the obligation spans can miss."""
        s, _ = self.ctx.sentence_at(offset)
        return self._customer_opening.match(self.ctx.text, s, offset) is not None

    def customer_judges(self, hit: _VagueHit) -> bool:
        """Whether the customer is named right after the term ("acceptable to [the] Customer",
        "assistance of the Client"), not as its object ("assist the Client")."""
        words = " ".join(self.ctx.text[hit.end : hit.end + 50].lower().split())
        linked = hit.term.group == "vague-quality" or hit.term.text.endswith((" to", " of", " by"))
        link = r"(?:(?:to|of|from|by)\s+)?" if linked else r"(?:of|from|by)\s+"
        return _compiled(rf"{link}(?:the\s+)?{self._names}\b").match(words) is not None

    def customer_decides(self, offset: int) -> bool:
        """Whether the customer is named just before ``offset`` ("as Owner deems necessary")."""
        words = " ".join(self.ctx.text[max(0, offset - 40) : offset].lower().split())
        pattern = _compiled(rf"\b{self._names}(?:'s)?(?:\s+(?:may|shall|in\s+its))*$")
        return pattern.search(words) is not None

    @cached_property
    def _names(self) -> str:
        """The customer's name (or, when unknown, the customer role words) as a regex group."""
        customer = self.sides.customer
        names = [customer.lower()] if customer else sorted(_CUSTOMER_ROLES, key=len, reverse=True)
        return "(?:" + "|".join(regex.escape(n) for n in names) + ")"

    @property
    def _customer_opening(self) -> regex.Pattern[str]:
        if self._opening is None:
            customer = self.sides.customer
            names = [customer] if customer else sorted(_CUSTOMER_ROLES, key=len, reverse=True)
            self._opening = _compiled(
                rf"(?i)[\W\d]{{0,12}}(?:the\s+)?(?:{'|'.join(regex.escape(n) for n in names)})\s+"
                r"(?:shall|will|must|agrees|hereby|undertakes|is\s+responsible|acknowledges)\b"
            )
        return self._opening


_PLACES: ContextCache[_Places] = ContextCache()


def _places(ctx: LintContext) -> _Places:
    """One ``_Places`` per lint, shared by the rules and detectors of this family (finding the sides
    walks every obligation)."""
    places = _PLACES.get(ctx)
    if places is None:
        places = _PLACES[ctx] = _Places(ctx)
    return places


# --- the vague-term lexicon ------------------------------------------------------------------------------

_ANYWHERE_GROUPS = frozenset(
    {
        "vague-effort", "vague-time", "vague-frequency", "vague-standard", "vague-quality", "vague-drafting",
        "vague-qualifier", "vague-assist", "vague-adequacy", "vague-informed",
    }
)  # fmt: skip
"""Terms vague wherever a duty or a service is described (outside boilerplate and the customer's duties);
the other groups ("including without limitation", "assist", "reasonable") only inside the provider's
own duties or a services clause."""
_FIRM_GROUPS = frozenset({"vague-time", "vague-standard", "vague-quality"})
"""Terms that stay vague even in a sentence about liability or insurance ("sole remedy: promptly repair")."""
_TIME_GROUPS = frozenset({"vague-time", "vague-request"})
"""Terms a time limit right after makes measurable ("upon reasonable request, within ten (10) days")."""
_JUDGED_GROUPS = frozenset({"vague-quality", "vague-common", "vague-assist"})
"""Standards the customer applies or help the customer gives ("a form acceptable to Owner", "with the
reasonable assistance of the Client") favour the customer: not flagged."""
_DISCRETION = regex.compile(r"(?:shall\s+|may\s+)?deems?\b|as\s+it\s+(?:shall|may)\s+determine\b")
_DEFINED_NEXT = regex.compile(r"\s*\(\s*(?:the\s+)?[\"“]")
"""A term followed by its own definition ('any additional services ("Additional Services")') is named,
and defined elsewhere, not left vague."""
_GENERIC_SUGGESTION = (
    "Replace the vague words with a measurable commitment: a number, a date or a named standard."
)


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    group: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    heads: dict[str, list[tuple[int, regex.Pattern[str]]]]
    """Trigger word -> (words before it in the term, the terms of that shape as one anchored pattern)."""
    terms: dict[str, _Term]


def _phrase_regex(phrase: str) -> str:
    """A phrase matched across line breaks, runs of spaces and an optional comma between its words."""
    words = [regex.escape(w) for w in phrase.split()]
    body = r"(?:\s*,\s*|\s+)".join(words)
    tail = r"(?![\w/-])" if phrase[-1].isalnum() else ""
    return body + tail


@cache
def _lexicon(extra: tuple[tuple[str, str, str], ...] = ()) -> _Lexicon:
    """The shipped VAGUE_TERM lexicon plus the configured ``extra`` terms (``vague-terms.extend``),
    matched whitespace-tolerantly (PDF text breaks lines inside phrases, which the token-based
    PhraseMatcher cannot cross)."""
    groups: dict[str, str] = {}
    terms: dict[str, _Term] = {}
    entries = [
        (e.pattern, e.id, e.suggestion)
        for e in shipped_patterns().lexicon
        if e.label == "VAGUE_TERM" and isinstance(e.pattern, str)
    ]
    for pattern, group, suggestion in [*entries, *extra]:
        if suggestion and group not in groups:
            groups[group] = suggestion
        key = " ".join(pattern.lower().split())
        terms.setdefault(key, _Term(key, group, suggestion))
    terms = {
        k: _Term(t.text, t.group, t.suggestion or groups.get(t.group, _GENERIC_SUGGESTION))
        for k, t in terms.items()
    }
    shapes: dict[tuple[str, int], list[str]] = {}
    for key in terms:
        word, before = _trigger_word(key)
        shapes.setdefault((word, before), []).append(key)
    heads: dict[str, list[tuple[int, regex.Pattern[str]]]] = {}
    for (word, before), keys in shapes.items():
        ordered = sorted(keys, key=len, reverse=True)
        pattern = regex.compile("|".join(_phrase_regex(t) for t in ordered), regex.IGNORECASE)
        heads.setdefault(word, []).append((before, pattern))
    return _Lexicon(heads, terms)


_COMMON_WORDS = frozenset(
    {
        "a", "an", "and", "any", "all", "are", "as", "at", "be", "by", "for", "from", "if", "in",
        "include", "including", "is", "it", "its", "limited", "may", "no", "not", "of", "on", "or",
        "other", "request", "requested", "required", "service", "services", "shall", "such", "the",
        "their", "time", "to", "when", "where", "will", "with", "without", "basis", "manner", "notice",
        "period",
    }
)  # fmt: skip
"""Words too common to look for first (each would send the matcher to thousands of places)."""


def _trigger_word(phrase: str) -> tuple[str, int]:
    """The phrase's rarest-looking word (the longest that is not a common word), found with
    ``str.find``, and how many words come before it."""
    words = [w.strip(",").lower() for w in phrase.split()]
    rare = [w for w in words if w not in _COMMON_WORDS and w.isalpha()] or words
    word = max(rare, key=len)
    return word, words.index(word)


_WORD_STOPS = ",([{\"'“‘"
"""Characters that end a word on its left ("(including, but not limited to")."""


_SPACES = regex.escape("".join(c for c in map(chr, range(0x110000)) if c.isspace()), special_only=False)
"""Every character ``str.isspace()`` accepts (``\\s`` follows Unicode White_Space, which differs)."""


@cache
def _back_pattern(count: int) -> regex.Pattern[str]:
    """``count`` words, each a run of word characters then a run of spaces and commas, matched leftwards
    (a reverse pattern still reads left to right: the run nearest ``pos`` is the last item)."""
    gap = f"[{_SPACES},]*"
    word = f"[^{_SPACES}{regex.escape(_WORD_STOPS, special_only=False)}]*"
    return regex.compile(f"(?r)(?:{word}{gap}){{{count}}}")


def _words_back(text: str, pos: int, count: int) -> int:
    """The start of the word ``count`` words before ``pos`` (over spaces, line breaks and commas).

    One reverse regex match from ``pos`` instead of a Python loop over characters."""
    m = _back_pattern(count).match(text, 0, pos)
    return pos if m is None else m.start()


def _lexicon_matches(text: str, lex: _Lexicon) -> set[tuple[int, int]]:
    """Each term's rarest word is found with ``str.find`` (memory speed; a regex alternation of hundreds
    of phrases is tried at every character and costs ~1 s/MB), then the terms holding that word are
    matched from the word's position."""
    lower = lower_text(text)
    found: set[tuple[int, int]] = set()
    n = len(lower)
    # A whole-word hit of an ASCII word of letters is one of the text's runs of ASCII letters (a longer
    # run would put a letter beside it), so a word that is no such run has no hit, and its ``str.find``
    # through the whole text (most terms are absent from most contracts) is skipped.
    runs = letter_runs(text, lower)
    for word, shapes in lex.heads.items():
        if word.isascii() and word.isalpha() and word not in runs:
            continue
        size = len(word)
        i = lower.find(word)
        while i != -1:
            end = i + size
            if (i == 0 or not _word_char(lower[i - 1])) and (end >= n or not lower[end].isalnum()):
                for before, pattern in shapes:
                    start = _words_back(text, i, before) if before else i
                    if start > 0 and _word_char(text[start - 1]):
                        continue
                    m = pattern.match(text, start)
                    if m is not None:
                        found.add((m.start(), m.end()))
            i = lower.find(word, end)
    return found


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_/-"


def _normal(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


@dataclass(frozen=True, slots=True)
class _VagueHit:
    start: int
    end: int
    term: _Term


def _term_hits(ctx: LintContext) -> list[_VagueHit]:
    """Every lexicon term in the text, plus token-pattern and user-lexicon hits the pipeline found; where
    hits overlap, the longest wins ("reasonable measures" over "reasonable")."""
    lex = _lexicon(ctx.vague_terms_extend)
    found: list[_VagueHit] = []
    for start, end in _lexicon_matches(ctx.text, lex):
        term = lex.terms.get(_normal(ctx.text[start:end]))
        if term is not None:
            found.append(_VagueHit(start, end, term))
    for span in ctx.lexicon_hits("VAGUE_TERM"):
        if not (span.start and _word_char(ctx.text[span.start - 1])):
            text = _normal(ctx.text[span.start : span.end])
            term = lex.terms.get(text) or _Term(text, str(span.value or "vague"), "")
            found.append(_VagueHit(span.start, span.end, term))
    if ctx.vague_terms_remove:
        found = [h for h in found if h.term.text not in ctx.vague_terms_remove]
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_VagueHit] = []
    for hit in found:
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


_OUTER_BOUND = regex.compile(r"\b(?:in\s+(?:any|no)\s+event|no\s+later\s+than|not\s+later\s+than)\b", regex.I)


def _bounded_after(ctx: LintContext, hit: _VagueHit, deadlines: Sequence[Hit]) -> bool:
    """A time bound right after the term ("promptly, and in any event within 5 days", "but no later than
    6 p.m.") makes it precise."""
    _, sent_end = ctx.sentence_at(hit.start)
    limit = min(sent_end, hit.end + 120)
    starts = [d.start for d in deadlines]
    i = bisect.bisect_left(starts, hit.end)
    if i < len(deadlines) and deadlines[i].start < limit:
        return True
    return _OUTER_BOUND.search(ctx.text, hit.end, limit) is not None


_LIST_GROUPS = frozenset({"vague-scope"})
_DUTY_WORDS = (
    r"(?:services?|duties|tasks|responsibilities|functions|work|support|activities|assistance|operations"
    r"|acts?|actions?|transactions)"
)


@lru_cache(maxsize=512)
def _compiled(source: str) -> regex.Pattern[str]:
    """Patterns built from a contract's party names, compiled once per name (``regex``'s own cache
    costs a key build and flag arithmetic per call)."""
    return regex.compile(source)


_DUTY_LIST = regex.compile(rf"\b(?:{_DUTY_WORDS}|consist\w*|include[sd]?)\W*$", regex.IGNORECASE)
_DUTY_NOUN = regex.compile(rf"\b{_DUTY_WORDS}\b", regex.IGNORECASE)
_LIST_OBJECT = regex.compile(r"\b(?:services|duties|tasks|responsibilities|functions)\b[^.;:()]*$", regex.I)
"""An open list whose head, earlier in the same clause, is a duty noun ("all hosting services currently
provided ..., including without limitation")."""


def _lists_duties(ctx: LintContext, hit: _VagueHit) -> bool:
    """An open list ("including without limitation") matters when it lists duties or services
    ("the Services include, but are not limited to", "all other services", "all hosting services
    currently provided ..., including"), not records or documents."""
    first = hit.term.text.split()[0]
    if first in ("include", "includes", "shall", "consist"):
        return True
    if first == "but" and regex.search(r"\binclude[sd]?\W*$", ctx.text[max(0, hit.start - 20) : hit.start]):
        return True  # "the Services shall include, but not be limited to"
    if _DUTY_NOUN.search(hit.term.text):
        return True  # the open term names duties itself: "all other services", "and other tasks"
    s, _ = ctx.sentence_at(hit.start)
    before = ctx.text[max(s, hit.start - 100) : hit.start]
    return _DUTY_LIST.search(before[-40:]) is not None or _LIST_OBJECT.search(before) is not None


def _in_defined_term(ctx: LintContext, hit: _VagueHit) -> bool:
    """A capitalised term in mid-sentence is part of a defined name ("the Termination Assistance
    Services"), not a vague qualifier; all-capitals text and words opening a sentence or item still count."""
    words = ctx.text[hit.start : hit.end]
    if not words[:1].isupper() or words.isupper():
        return False
    before = ctx.text[max(0, hit.start - 3) : hit.start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;'’\"")


def _in_sentence_with(ctx: LintContext, offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a span lies in the sentence of ``offset``, or in its list item when the sentence is a
    list of items separated by semicolons ("iii) NLS shall ...; vii) trade secrets ... shall be owned")."""
    s, e = ctx.sentence_at(offset)
    s = max(s, ctx.text.rfind(";", s, offset) + 1)
    semi = ctx.text.find(";", offset, e)
    e = e if semi == -1 else semi
    i = bisect.bisect_left(spans, (s, s))
    return i < len(spans) and spans[i][0] < e


def _deadline_hits(ctx: LintContext) -> list[Hit]:
    return [h for h in ctx.hits("durations") if (h.value or {}).get("deadline")]


def _vague_wording(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    places = _places(ctx)
    precise = list(ctx.pattern_spans("not-vague"))
    boilerplate = sorted(ctx.pattern_spans("boilerplate-cue"))
    precise.extend(ctx.pattern_spans("placeholder"))
    precise.extend(s for s, _ in _agreements(ctx, places))
    deadlines = _deadline_hits(ctx)
    for hit in _term_hits(ctx):
        if _overlaps(hit.start, hit.end, precise):
            continue
        anywhere, in_duty = places.performance(hit.start)
        lists = hit.term.group in _LIST_GROUPS and _lists_duties(ctx, hit)
        if not (in_duty or (anywhere and (lists or hit.term.group in _ANYWHERE_GROUPS))):
            continue  # an open list of services is vague wherever the services are described
        if _in_sentence_with(ctx, hit.start, boilerplate) and not (
            hit.term.group in _FIRM_GROUPS and places.obligation_at(hit.start) is not None and in_duty
        ):
            continue  # in a liability or claims sentence only the provider's own firm duties count
        if _DEFINED_NEXT.match(ctx.text, hit.end):
            continue
        if hit.term.group in _TIME_GROUPS and _bounded_after(ctx, hit, deadlines):
            continue
        if hit.term.group in _LIST_GROUPS and not lists:
            continue
        if _in_defined_term(ctx, hit):
            continue
        if hit.term.group in _JUDGED_GROUPS and places.customer_judges(hit):
            continue
        if _DISCRETION.match(hit.term.text) and places.customer_decides(hit.start):
            continue  # "any other location Owner deems necessary": the customer's own discretion
        words = " ".join(ctx.text[hit.start : hit.end].split())
        message = f'"{words}" is not measurable. {hit.term.suggestion}'
        finding = ctx.finding(rule, hit.start, hit.end, message=message)
        yield replace(finding, suggestion=hit.term.suggestion or rule.suggestion)


# --- agreements to agree and placeholders ------------------------------------------------------------

_OTHERWISE = regex.compile(r"(?:otherwise|unless|except|save\s+as|or\s+as|if)\W+(?:\w+\W+){0,5}$", regex.I)
_CHANGE = regex.compile(
    r"\b(?:amend\w*|modif\w*|chang\w*|var(?:y|ied|iation)|terminat\w*|waive\w*|renew\w*|cure)\b", regex.I
)
_MEETING = regex.compile(r"\b(?:meet|meets|meeting|meetings|confer|visit|visits)\b", regex.I)
"""Agreement words next to these are a change, exit or cure mechanism ("amended by mutual agreement",
"mutually agree to terminate"), not a term left open."""


_DUTY_TOPIC = "what the provider must do"


def _agreements(ctx: LintContext, places: _Places | None = None) -> list[tuple[tuple[int, int], str]]:
    """Agreement-to-agree hits about scope, price, timing or deliverables, with the topic word; with
    ``places``, also those inside a provider duty ("perform the tests to which the Parties agree")."""
    topics = sorted(ctx.pattern_spans("agreement-topic"))
    out: list[tuple[tuple[int, int], str]] = []
    for start, end in merge_spans(ctx.pattern_spans("agreement-to-agree")):
        if _OTHERWISE.search(ctx.text[max(0, start - 50) : start]):
            continue  # "unless otherwise agreed": a fallback, not a gap
        if _CHANGE.search(ctx.text, max(0, start - 40), min(len(ctx.text), end + 25)):
            continue
        s, e = ctx.sentence_at(start)
        if _MEETING.search(ctx.text, max(s, start - 100), start):
            continue  # "meet quarterly at a mutually agreed date and time": logistics, not a term
        lo, hi = max(s, start - 160), min(e, end + 100)
        near = [(a, b) for a, b in topics if lo <= a and b <= hi]
        if near:
            a, b = near[0]  # the subject usually comes first: "The charges ... shall be agreed"
            out.append(((start, end), " ".join(ctx.text[a:b].lower().split())))
        elif places is not None and _in_provider_duty(places, start, min(e, end + 160)):
            out.append(((start, end), _DUTY_TOPIC))
    return out


def _in_provider_duty(places: _Places, start: int, limit: int) -> bool:
    """Whether ``start`` lies in a provider duty, or a provider duty follows it in the same sentence
    ("As agreed by the parties, the Contractor shall make reports")."""
    if places.obligation_at(start) is not None:
        return places.performance(start)[1]
    i = bisect.bisect_left(places._starts, start)
    if i < len(places._starts) and places._starts[i] < limit:
        return places.performance(places._starts[i])[1]
    return places.performance(start)[1]  # a services clause ("Installation Support: separate agreement")


def _agreement_to_agree(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    places = _places(ctx)
    for (start, end), topic in _agreements(ctx, places):
        if places.boilerplate(start):
            continue
        words = " ".join(ctx.text[start:end].split())
        yield ctx.finding(
            rule,
            start,
            end,
            message=(
                f'Left to a later agreement ({topic}): "{words}". '
                "If the parties never agree, the term is missing."
            ),
        )


_SIGNATURE = regex.compile(
    r"(?:^|\n)[ \t]*(?:by|name|title|date|dated|signature|signed|witness|print(?:ed)?\s+name|its)\b"
    r"[^\n]{0,20}$",
    regex.IGNORECASE,
)
_SIGNING_LABEL = regex.compile(
    r"\b(?:by|name|title|date|dated|signature|signed|witness|print(?:ed)?\s+name|its|per)\s*:?\s*$", regex.I
)
_SIGNING_DATE = regex.compile(r"[ \t]*(?:day\s+of|,?\s*(?:19|20)\d\d\b)", regex.IGNORECASE)
_PRINTED = regex.compile(r"\s*\(\s*(?:print|name|title|signature|authori[sz]ed)", regex.IGNORECASE)
_WITNESS = regex.compile(r"\bin\s+witness\s+where(?:of|to)\b", regex.IGNORECASE)
_ON_BEHALF = regex.compile(
    r"\b(?:signed|executed|agreed)\b[^\n]{0,20}\bon\s+behalf\s+of\b[^\n]{0,80}$", regex.IGNORECASE
)
_RULE_LINE = 40
"""A run of this many underscores is a drawn line, not a blank to fill in."""


def _signing_blank(ctx: LintContext, start: int, end: int, witness: Sequence[int]) -> bool:
    """Blanks that stay empty until signing: signature, name, title and date lines, the signing block
    after "IN WITNESS WHEREOF", "the ____ day of", and drawn lines."""
    text = ctx.text
    if text[start] != "_":
        return False
    if end - start >= _RULE_LINE or _SIGNING_LABEL.search(text, max(0, start - 60), start):
        return True
    if text[max(0, start - 30) : start].rstrip().endswith("_") or _PRINTED.match(text, end):
        return True  # the next blank of a signing row, or "____ (printed name and title)"
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(0, line_start - 1) : start]
    if _SIGNATURE.search(before) or _ON_BEHALF.search(before) or _SIGNING_DATE.match(text, end):
        return True
    i = bisect.bisect_right(witness, start) - 1
    return i >= 0 and start - witness[i] < 1500


def _placeholders(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    agreements = [s for s, _ in _agreements(ctx, _places(ctx))]
    witness = [m.start() for m in _WITNESS.finditer(ctx.text)]
    for start, end in merge_spans(ctx.pattern_spans("placeholder")):
        if _overlaps(start, end, agreements):
            continue  # "to be determined by the parties" is an agreement to agree (DV005)
        if _signing_blank(ctx, start, end, witness):
            continue  # a signature line is meant to stay blank until signing
        words = " ".join(ctx.text[start:end].split())
        yield ctx.finding(rule, start, end, message=f'Placeholder "{words}" was left in the text.')


# --- missing provisions ------------------------------------------------------------------------------


def _no_services_description(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    result = ctx.pattern("services-description")
    if result.status == "missing":
        yield ctx.missing(rule, _describe(result.searched))


def _describe(searched: Sequence[str], keep: int = 8) -> list[str]:
    """What was searched, readable: the phrases, then how many further patterns."""
    phrases = [s for s in searched if s.startswith('"')]
    shown = phrases[:keep]
    rest = len(searched) - len(shown)
    return [*shown, f"{rest} more patterns"] if rest else shown


def _deliverables_exist(ctx: LintContext) -> bool:
    return ctx.pattern("services-description").status == "present"


def _no_delivery_deadline(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if not _deliverables_exist(ctx) or _deadline_spans(ctx):
        return
    searched = [
        "deadlines inside the provider's delivery duties (within N days, by a date)",
        *_describe(ctx.pattern("delivery-schedule").searched, 6),
    ]
    yield ctx.missing(rule, searched)


def _no_acceptance(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if ctx.pattern("deliverables").status != "present":
        return
    if not _acceptance_spans(ctx):
        yield ctx.missing(rule, _describe(ctx.pattern("acceptance-process").searched))


# --- inventory -----------------------------------------------------------------------------------------

_DELIVERY_ACTIONS = frozenset(
    {
        "deliver", "complete", "provide", "deploy", "install", "implement", "perform", "submit", "furnish",
        "finish", "launch", "develop", "supply", "commence", "begin", "start", "prepare", "send", "have",
        "correct", "repair", "resolve", "fix", "update", "produce", "ship", "occur", "return",
        "be delivered", "be completed", "be provided", "be performed", "be sold", "be installed",
        "be shipped", "be processed", "be submitted", "be furnished", "be made", "be operational",
    }
)  # fmt: skip
_NOT_DELIVERY = regex.compile(
    r"\b(?:pay|paid|payment|payments|payable|invoice\w*|royalt\w*|terminat\w*|cure[ds]?|dispute\w*|escalat\w*"
    r"|default\w*|amounts?|fees?|accept\w*|service\s+levels?|warrant\w*)\b",
    regex.IGNORECASE,
)
"""Sentences about money, termination or disputes: their deadlines are not delivery deadlines."""
_NOT_SCHEDULE = regex.compile(
    r"\b(?:pay|paid|payment|payments|payable|invoice\w*|royalt\w*|terminat\w*|fees?|service\s+levels?)\b",
    regex.IGNORECASE,
)
"""A named delivery schedule or milestone is about delivery unless its sentence is about money or exit
(a heading "Delivery Schedule; Acceptance" is still a delivery schedule)."""
_DELIVERY_VERB = regex.compile(
    r"(?:\b(?:shall|will|must|to)\s+(?:(?:\w+ly|be|also|then|thereafter|have|has|been)\s+){0,2}"
    r"|(?:^|[\n;:])\s*(?:\(?[\w.]{1,8}[.)]?\s+)?)"
    r"(?:deliver|complete|provide|deploy|install|implement|perform|submit|furnish|finish|launch|develop"
    r"|supply|send|ship|produce|correct|repair|resolve|fix|update|return|make\s+available)(?:s|ed|d)?\b",
    regex.IGNORECASE,
)
"""The delivery verbs of ``_DELIVERY_ACTIONS`` heading a duty ("shall promptly deliver", "(a) deliver",
"to complete"), for duties the obligation
recogniser parsed with another head ("Operator shall, on behalf of Owner, (i) provide ...") or not at all
(a list item under "The Owner shall:")."""


def _sentence_has(ctx: LintContext, offset: int, pattern: regex.Pattern[str]) -> bool:
    s, e = ctx.sentence_at(offset)
    return pattern.search(ctx.text, s, e) is not None


_DEADLINES: ContextCache[tuple[tuple[int, int], ...]] = ContextCache()


def _deadline_spans(ctx: LintContext) -> tuple[tuple[int, int], ...]:
    """Deadlines tied to the provider's delivery duties, and delivery schedules or milestones, found once
    per contract: DV003 and the inventory both ask."""
    found = _DEADLINES.get(ctx)
    if found is None:
        found = _DEADLINES.setdefault(ctx, tuple(_find_deadline_spans(ctx)))
    return found


def _find_deadline_spans(ctx: LintContext) -> list[tuple[int, int]]:
    places = _places(ctx)
    placeholders = ctx.pattern_spans("placeholder")
    out: list[tuple[int, int]] = [
        (s, e)
        for s, e in ctx.pattern_spans("delivery-schedule")
        if not _sentence_has(ctx, s, _NOT_SCHEDULE) and not _overlaps(e, e + 24, placeholders)
    ]
    for hit in ctx.hits("obligations"):
        value = hit.value or {}
        if value.get("negated") or places.is_customer(value.get("party"), value.get("subject")):
            continue
        action = value.get("action") or ""
        delivers = action in _DELIVERY_ACTIONS or action.split(" ")[0] in _DELIVERY_ACTIONS
        for d in value.get("deadlines") or []:
            if not d.get("deadline") or d.get("notice"):
                continue
            offset = _doc_offset(ctx, hit.start)
            start, end = d["start"] + offset, d["end"] + offset
            if (
                not delivers
                and _DELIVERY_VERB.search(ctx.text, max(hit.start, start - _VERB_REACH), start) is None
            ):
                continue
            if places.boilerplate(start) or _sentence_has(ctx, start, _NOT_DELIVERY):
                continue
            out.append((start, end))
    out.extend(_unparsed_duty_deadlines(ctx, places))
    out.extend(_listed_duty_deadlines(ctx, places))
    return sorted(set(out))


_VERB_REACH = 160
"""How far before a deadline its delivery verb may stand ("deliver a copy of the Material to NCC within")."""


def _item_start(ctx: LintContext, offset: int) -> int:
    """Where the sentence or list item holding ``offset`` begins (after a semicolon or line break)."""
    s, _ = ctx.sentence_at(offset)
    text = ctx.text
    return max(s, offset - 200, text.rfind(";", s, offset) + 1, text.rfind("\n", s, offset) + 1)


def _lead_in(ctx: LintContext, item_start: int) -> int:
    """The line that introduces a list ("The Owner shall:") when ``item_start`` opens one of its items."""
    colon = ctx.text.rfind(":", max(0, item_start - 400), item_start)
    return item_start if colon == -1 else ctx.text.rfind("\n", 0, colon) + 1


def _listed_duty_deadlines(ctx: LintContext, places: _Places) -> Iterator[tuple[int, int]]:
    """Deadlines right after a delivery verb in text no obligation was parsed from ("The Owner shall:
    (a) deliver a copy of the Material within 30 days of the date of this Agreement"), outside
    boilerplate and the customer's duties."""
    for hit in _deadline_hits(ctx):
        if (hit.value or {}).get("notice") or places.obligation_at(hit.start) is not None:
            continue
        start = max(_item_start(ctx, hit.start), hit.start - _VERB_REACH)
        verb = _DELIVERY_VERB.search(ctx.text, max(0, start - 1), hit.start)  # from the item's separator
        if verb is None or places.boilerplate(hit.start) or places.heading(hit.start):
            continue
        if places.customer_subject(verb.start()) or places.customer_subject(_lead_in(ctx, start)):
            continue  # "the Customer shall: (a) provide ... within 5 days": the customer's duty
        if not _sentence_has(ctx, hit.start, _NOT_DELIVERY):
            yield hit.start, hit.end


def _unparsed_duty_deadlines(ctx: LintContext, places: _Places) -> Iterator[tuple[int, int]]:
    """Deadlines in sentences where the provider "shall have/get/make ..." something done, which the
    obligation recogniser skips (it reads "shall have the" as a definition)."""
    provider = places.sides.provider
    if not provider:
        return
    duty = _compiled(rf"(?i)\b{regex.escape(provider)}\s+(?:shall|will|must)\s+(?:have|get|make)\b")
    for hit in _deadline_hits(ctx):
        if places.obligation_at(hit.start) is not None or places.boilerplate(hit.start):
            continue
        if _sentence_has(ctx, hit.start, duty) and not _sentence_has(ctx, hit.start, _NOT_DELIVERY):
            yield hit.start, hit.end


def _doc_offset(ctx: LintContext, position: int) -> int:
    offset = 0
    for doc in ctx.docs:
        if doc._.cl_offset <= position:
            offset = doc._.cl_offset
    return int(offset)


@detector("delivery_deadlines")
def _delivery_deadlines(ctx: LintContext) -> Iterator[Provision]:
    for start, end in _deadline_spans(ctx):
        yield ctx.provision("delivery_deadlines", "Delivery deadline", start, end)


_NOT_ACCEPTANCE = regex.compile(
    r"\b(?:invoice\w*|disputed|paid|payment|amounts?|offer|resignation|appointment)\b", regex.IGNORECASE
)
"""Sentences where "accepted" is about invoices, offers or appointments, not delivered work."""


def _acceptance_spans(ctx: LintContext) -> list[tuple[int, int]]:
    return [
        (s, e)
        for s, e in ctx.pattern_spans("acceptance-process")
        if not _sentence_has(ctx, s, _NOT_ACCEPTANCE)
    ]


@detector("acceptance_procedure")
def _acceptance_procedure(ctx: LintContext) -> Iterator[Provision]:
    for start, end in _acceptance_spans(ctx):
        yield ctx.provision("acceptance_procedure", "Acceptance procedure", start, end)


@detector("deliverables_defined")
def _deliverables_defined(ctx: LintContext) -> Iterator[Provision]:
    for start, end in ctx.pattern_spans("services-description"):
        yield ctx.provision("deliverables_defined", "Services or deliverables described", start, end)


@detector("service_levels")
def _service_levels(ctx: LintContext) -> Iterator[Provision]:
    for start, end in ctx.pattern_spans("service-level-measures"):
        yield ctx.provision("service_levels", "Service levels", start, end)


# --- declarations --------------------------------------------------------------------------------------

NO_SERVICES_DESCRIPTION = Rule(
    code="DV001",
    name="no-services-description",
    category="deliverables",
    severity="error",
    summary="The contract does not describe the services or deliverables.",
    message=(
        "No description of the services or deliverables was found: no scope of services, statement of "
        "work, specification or list of what the provider shall provide."
    ),
    why=(
        "If the contract does not say what is to be delivered, the customer cannot show that the provider "
        "fell short, and every disagreement about scope becomes a negotiation the customer pays for."
    ),
    suggestion=(
        "The Supplier shall provide the services described in Schedule 1 (Statement of Work), including "
        "the Deliverables, Milestones and Service Levels set out there."
    ),
    example_fail=(
        "1. Engagement. The Customer engages the Supplier and the Supplier accepts the engagement.\n\n"
        "2. Fees. The Customer shall pay the Supplier USD 10,000 per month."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the services described in Schedule 1 (Statement of "
        "Work).\n\n2. Fees. The Customer shall pay the Supplier USD 10,000 per month."
    ),
    check=_no_services_description,
    anchor=("services", "scope", "statement of work", "deliverables", "engagement", "appointment"),
    provisions=("services-description",),
)

VAGUE_WORDING = Rule(
    code="DV002",
    name="vague-wording",
    category="deliverables",
    severity="warning",
    summary="Vague, unmeasurable wording in the provider's duties or the description of the services.",
    message="Vague wording in a duty or service description.",
    why=(
        'Words such as "promptly", "as needed", "industry standard" or "best efforts" cannot be '
        "measured, so the customer cannot prove a breach; each one should become a number, a date or a "
        "named standard."
    ),
    suggestion=(
        'Replace the vague words with a measurable commitment: "within five (5) Business Days", '
        '"monthly", "in accordance with ISO/IEC 27001:2022", "conforms to the Specification".'
    ),
    example_fail=(
        "2. Services. The Supplier shall promptly correct reported defects and provide updates from time "
        "to time."
    ),
    example_pass=(
        "2. Services. The Supplier shall correct each reported defect within five (5) Business Days and "
        "provide updates monthly."
    ),
    check=_vague_wording,
    provisions=("not-vague", "boilerplate-cue"),
)

NO_DELIVERY_DEADLINE = Rule(
    code="DV003",
    name="deliverables-without-deadline",
    category="deliverables",
    severity="warning",
    summary="Services or deliverables are described, but nothing says when they are due.",
    message=(
        "The services or deliverables have no delivery date, milestone, schedule or lead time tied to "
        "the provider's duties."
    ),
    why=(
        "Without a date the provider is never late: the customer cannot claim delay, withhold payment or "
        "terminate for slow delivery."
    ),
    suggestion=(
        "The Supplier shall deliver each Deliverable by the Milestone Date stated for it in the Delivery "
        "Schedule in Schedule 2; time is of the essence for the Milestone Dates."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the Deliverables described in Schedule 1 (Statement of "
        "Work).\n\n2. Fees. The Customer shall pay the fees within thirty (30) days of invoice."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the Deliverables described in Schedule 1 (Statement of "
        "Work). The Supplier shall deliver the Deliverables within sixty (60) days after the Effective "
        "Date.\n\n2. Fees. The Customer shall pay the fees within thirty (30) days of invoice."
    ),
    check=_no_delivery_deadline,
    anchor=("services", "scope", "statement of work", "deliverables", "delivery"),
    provisions=("delivery-schedule",),
)

NO_ACCEPTANCE = Rule(
    code="DV004",
    name="no-acceptance-procedure",
    category="deliverables",
    severity="warning",
    summary="Deliverables exist but there is no acceptance procedure or rule for rejected work.",
    message=(
        "Deliverables are mentioned but no acceptance criteria, acceptance tests, deemed acceptance or "
        "rejection procedure was found."
    ),
    why=(
        "Without acceptance criteria and a rejection procedure the customer has no agreed way to refuse "
        "defective work, and payment or warranty periods may start on delivery of work that does not fit."
    ),
    suggestion=(
        "Within ten (10) Business Days after delivery the Customer shall test each Deliverable against "
        "the Acceptance Criteria in Schedule 3 and accept it or reject it by written notice stating the "
        "non-conformities; the Supplier shall correct them and re-deliver within ten (10) Business Days."
    ),
    example_fail=(
        "1. Deliverables. The Supplier shall deliver the software Deliverables described in Schedule 1 "
        "by 1 March 2027."
    ),
    example_pass=(
        "1. Deliverables. The Supplier shall deliver the software Deliverables described in Schedule 1 "
        "by 1 March 2027.\n\n2. Acceptance. The Customer shall run the acceptance tests within ten (10) "
        "days of delivery. If a Deliverable does not conform to the Specification, the Customer may "
        "reject it and the Supplier shall correct the non-conformity and re-deliver it."
    ),
    check=_no_acceptance,
    anchor=("acceptance", "deliverables", "delivery", "services"),
    provisions=("deliverables", "acceptance-process"),
)

AGREEMENT_TO_AGREE = Rule(
    code="DV005",
    name="agreement-to-agree",
    category="deliverables",
    severity="warning",
    summary="Scope, price or timing is left to a later agreement.",
    message="A term about scope, price or timing is left to be agreed later.",
    why=(
        "An agreement to agree is usually unenforceable: if the parties never agree, the term is missing "
        "and the provider can refuse to perform or hold out for a higher price."
    ),
    suggestion=(
        "State the term now (the price, the dates, the specification); if it truly cannot be fixed yet, "
        "add a fallback: \"failing agreement within 10 Business Days, the Supplier's rates in Schedule 4 "
        'apply".'
    ),
    example_fail=("3. Fees. The fees for the additional services shall be mutually agreed by the parties."),
    example_pass=(
        "3. Fees. The fees for the additional services are the daily rates in Schedule 4, unless "
        "otherwise agreed in writing."
    ),
    check=_agreement_to_agree,
    provisions=("agreement-to-agree", "agreement-topic"),
)

PLACEHOLDER_TEXT = Rule(
    code="DV006",
    name="placeholder-text",
    category="deliverables",
    severity="warning",
    summary="Blanks, bracketed placeholders or TBD left in the text.",
    message="Placeholder text was left in the contract.",
    why=(
        'A blank or "TBD" signed as is leaves the term undecided, and a court may find the clause too '
        "uncertain to enforce; at best each one becomes a dispute after signature."
    ),
    suggestion="Fill in the value (the date, the amount, the party's name) or delete the clause.",
    example_fail="4. Delivery. The Supplier shall deliver the System by [DATE] to the site at TBD.",
    example_pass=(
        "4. Delivery. The Supplier shall deliver the System by 1 March 2027 to the site at 10 Main Street, "
        "Springfield."
    ),
    check=_placeholders,
    provisions=("placeholder",),
)

RULES: tuple[Rule, ...] = (
    NO_SERVICES_DESCRIPTION,
    VAGUE_WORDING,
    NO_DELIVERY_DEADLINE,
    NO_ACCEPTANCE,
    AGREEMENT_TO_AGREE,
    PLACEHOLDER_TEXT,
)

"""Exit strategy: the customer must be able to leave in an orderly way.

The words live in ``patterns/exit_cues.yaml`` (and termination/renewal/exit.yaml); this module decides
what the pattern files cannot: how the cues that share a sentence add up (a right to end the contract with
no cause and a notice period is termination for convenience), whose right it is, whether a notice or cure
period is stated, and where a missing provision belongs. Sentences are the unit because contract text
often arrives without usable clause structure (EDGAR one-liners), and a right, its trigger and its notice
period are nearly always stated in one sentence.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from contractlint.model import Finding, Provision
from contractlint.nlp.recognisers import DEFAULT_ROLES
from contractlint.rules.base import Rule
from contractlint.rules.context import ContextCache, LintContext
from contractlint.rules.inventory import detector

__all__ = ["RULES", "ExitAnalysis", "TerminationRight", "analyse_exit"]

_TERMINATION_PATTERNS = ("termination-for-convenience", "termination-for-cause", "mutual-termination-right")

# Cue pattern ids (patterns/exit_cues.yaml).
_RIGHT = "exit-termination-right"
_NO_CAUSE = "exit-without-cause"
_DISCRETION = "exit-discretion"
_TRIGGER = "exit-cause-trigger"
_BREACH = "exit-breach"
_INSOLVENCY = "exit-insolvency"
_CURE = "exit-cure"
_NOTICE = "exit-notice"
_NOTICE_REF = "exit-notice-reference"
_NOTICE_BACK = "exit-notice-anaphora"
_RENEWAL = "exit-renewal"
_AUTOMATIC = "exit-automatic"
_OPTION = "exit-renewal-option"
_MUTUAL = "exit-renewal-mutual"
_OTHER_RENEWAL = "exit-renewal-other"
_NON_RENEWAL = "exit-non-renewal"
_POST = "exit-post-termination"
_OTHER_OBJECT = "exit-other-object"
_PROCEDURAL = "exit-procedural"
_POST_DUTY = "exit-post-duty"
_POST_DUTY_WEAK = "exit-post-duty-weak"
_POST_PERIOD = "exit-post-period"
_POST_NONE = "exit-post-negative"
_POST_OTHER_END = "exit-post-other-end"
_POST_UNTIL_END = "exit-post-until-end"
_POST_NOT_FREED = "exit-post-not-freed"
_POST_SURVIVAL = "exit-post-survival"
_POST_CONTRAST = "exit-post-contrast"
_POST_SURVIVAL_SCOPE = "exit-post-survival-scope"
_CUES = (
    _OTHER_OBJECT,
    _PROCEDURAL,
    _POST_DUTY,
    _POST_DUTY_WEAK,
    _POST_PERIOD,
    _POST_NONE,
    _POST_OTHER_END,
    _POST_UNTIL_END,
    _POST_NOT_FREED,
    _POST_SURVIVAL,
    _POST_CONTRAST,
    _POST_SURVIVAL_SCOPE,
    _RIGHT,
    _NO_CAUSE,
    _DISCRETION,
    _TRIGGER,
    _BREACH,
    _INSOLVENCY,
    _CURE,
    _NOTICE,
    _NOTICE_REF,
    _NOTICE_BACK,
    _RENEWAL,
    _AUTOMATIC,
    _OPTION,
    _MUTUAL,
    _OTHER_RENEWAL,
    _NON_RENEWAL,
    _POST,
)

# Which side of an outsourcing deal a role word stands for (the reviewing party is usually the buyer).
_CUSTOMER_SIDE = frozenset({"customer", "client", "buyer", "purchaser", "recipient", "company", "licensee"})
_PROVIDER_SIDE = frozenset(
    {
        "supplier",
        "provider",
        "service provider",
        "services provider",
        "vendor",
        "contractor",
        "consultant",
        "seller",
        "licensor",
        "subcontractor",
    }
)
_GENERIC_HOLDER = regex.compile(
    r"\b(?:either|each|both|any|the)\s+(?:of\s+the\s+)?(?:part(?:y|ies)|participants?)\b|\bthe\s+parties\b",
    regex.IGNORECASE,
)
_NEGATED_GRANT = regex.compile(r"\b(?:may|can|shall)\s+not\b|\bneither\b|\bno\s+party\b", regex.IGNORECASE)
_REDACTED = regex.compile(r"\[\s*[*.…_]+\s*\]|\*{3,}|\[\s*\*+[^\]]{0,12}\]")
_ENUMERATOR = regex.compile(
    r"^\s*(?:\(?[a-z]{1,4}\)|\(?\d{1,2}\)|[a-z]\.|\d{1,2}\.(?!\d)|\d{1,3}(?:\.\d{1,3}){1,4}\.?|[ivx]{1,5}\.)\s",
    regex.I,
)
_INLINE_ENUMERATOR = regex.compile(r"\((?:[a-h]|[ivx]{1,4}|[xyz])\)\s")
_LEAD_IN = regex.compile(r"[:—-]\s*$")
_OPEN_ALTERNATIVES = regex.compile(r";\s*(?:(?:and|or)\s*)?$", regex.IGNORECASE)
"""A right whose lettered alternatives run on past a semicolon: "shall terminate (a) at the option of any
party, upon 90 days' notice; or" then "(b) in the event of a material breach ..." as its own sentence."""
_PASSIVE_BY = regex.compile(
    r"\bterminat\w*\s+(?:[\w,]+\s+){0,6}?by\s+(?P<who>(?:either|each|any|both)\s+part(?:y|ies)|(?:the\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})"
)


@dataclass(frozen=True, slots=True)
class TerminationRight:
    """A sentence that grants a right to end the contract, classified."""

    start: int
    end: int
    basis: str
    """``convenience``, ``cause``, ``non_renewal`` or ``other``."""
    holder: str
    """``either``, the role as written ("Customer"), or "" when the text does not say."""
    notice_stated: bool
    notice_days: float | None
    cure_stated: bool
    cure_days: float | None
    breach: bool


@dataclass(frozen=True, slots=True)
class Renewal:
    """A sentence that renews or extends the term."""

    start: int
    end: int
    automatic: bool
    notice_stated: bool
    notice_days: float | None
    notice_span: tuple[int, int] | None
    by_agreement: bool = False
    """Renewal only if both parties later agree: a renewal term is named, but nothing renews by itself."""
    option: bool = False
    """Renewal at one party's election: its notice is a notice to renew, not to stop a renewal."""
    evergreen: bool = False
    """The term runs until someone ends it: nothing to renew."""
    notice_ref: str = ""
    """The defined term that sets the non-renewal deadline ("Non-Renewal Notice Date"), when no days are
    written here."""


@dataclass(frozen=True, slots=True)
class ExitAnalysis:
    rights: tuple[TerminationRight, ...]
    renewals: tuple[Renewal, ...]
    post_termination: tuple[tuple[int, int], ...]
    transition: tuple[tuple[int, int], ...]
    data_return: tuple[tuple[int, int], ...]


_CACHE: ContextCache[ExitAnalysis] = ContextCache()


class _Sentences:
    """Cue hits grouped by sentence index."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.ranges = ctx.sentences
        self.inherited: dict[int, int] = {}
        """List items that take their right from a lead-in sentence -> that sentence."""
        self.starts = [s for s, _ in self.ranges]
        self.cues: dict[str, dict[int, list[tuple[int, int]]]] = {}
        for cue in _CUES:
            self.cues[cue] = self._group(ctx.pattern_spans(cue))
        self.durations: dict[int, list[tuple[int, int, float | None, bool]]] = {}
        self.after: set[int] = set()
        """Starts of periods that run after an event ("one year following the expiration")."""
        for hit in ctx.hits("durations"):
            value = hit.value or {}
            if hit.label != "DURATION":
                continue
            i = self.index(hit.start)
            if i is not None:
                days = value.get("days")
                marked = bool(value.get("notice")) or value.get("anchor_relation") == "before"
                if value.get("anchor_relation") == "after":
                    self.after.add(hit.start)
                self.durations.setdefault(i, []).append(
                    (hit.start, hit.end, None if days is None else float(days), marked)
                )

    def index(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ranges[i][1]:
            return i
        return None

    def _group(self, spans: Iterable[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
        out: dict[int, list[tuple[int, int]]] = {}
        for s, e in spans:
            i = self.index(s)
            if i is not None:
                out.setdefault(i, []).append((s, e))
        return out

    def has(self, cue: str, i: int) -> bool:
        return i in self.cues[cue]

    def text(self, i: int) -> str:
        s, e = self.ranges[i]
        return self.ctx.text[s:e]

    def period(
        self, i: int, *, near: str = _NOTICE, skip: frozenset[int] = frozenset()
    ) -> tuple[bool, float | None]:
        """Is a period stated in sentence ``i`` next to a ``near`` cue (a duration, or a redacted one)?

        Of several durations ("a one-year term unless notice is given 60 days before its end"), a notice
        period marked as notice or as "before" something wins, then the one closest to the cue word.
        Durations starting at ``skip`` are something else (the length of a renewal).
        """
        words = self.cues[near].get(i, [])
        best: tuple[int, int, float | None] | None = None
        for start, end, days, marked in self.durations.get(i, []):
            if start in skip:
                continue
            gap = min((max(ws - end, start - we, 0) for ws, we in words), default=10_000)
            if not marked and gap > 80:
                continue
            key = (0 if marked and near == _NOTICE else 1, gap, days)
            if best is None or key[:2] < best[:2]:
                best = key
        if best is not None:
            return True, best[2]
        if words and _REDACTED.search(self.text(i)):
            return True, None
        if words and near == _NOTICE and self.defined_deadline(i) is not None:
            return True, None
        return False, None

    def defined_deadline(self, i: int) -> str | None:
        """The defined term that sets a notice deadline in sentence ``i`` ("Non-Renewal Notice Date"),
        if any: the window is stated, by reference to a cover page or schedule."""
        for s, e in self.cues[_NOTICE_REF].get(i, []):
            words = self.ctx.text[s:e].split()
            at = next((k for k, w in enumerate(words) if w.lower() == "the"), None)
            term = words[at + 1 :] if at is not None else []
            if term and all(w[:1].isupper() or not w[:1].isalpha() for w in term):
                return " ".join(term)
        return None


def analyse_exit(ctx: LintContext) -> ExitAnalysis:
    """The termination rights, renewals and exit provisions of one contract (computed once per lint)."""
    cached = _CACHE.get(ctx)
    if cached is None:
        cached = _analyse(ctx)
        _CACHE[ctx] = cached
    return cached


def _analyse(ctx: LintContext) -> ExitAnalysis:
    sents = _Sentences(ctx)
    roles = _role_words(ctx)
    found = _right_sentences(sents)
    rights = [r for i in found if (r := _classify_right(sents, i, roles)) is not None]
    rights.extend(_redacted_rights(sents, set(found)))
    rights.sort(key=lambda r: r.start)
    renewals = _renewals(sents)
    post = _post_termination(sents)
    transition = _sentence_spans(sents, ctx.pattern_spans("transition-assistance"))
    data_return = [
        span
        for span, i in _sentence_spans_idx(sents, ctx.pattern_spans("data-return"))
        if any(_at_end(sents, j) for j in (i, i - 1) if j >= 0) or _under_end_heading(sents, i)
    ]
    return ExitAnalysis(tuple(rights), tuple(renewals), tuple(post), tuple(transition), tuple(data_return))


_END_WORDS = regex.compile(r"\b(?:terminat\w*|expir\w*|cancell?ation|ending)\b", regex.IGNORECASE)


def _at_end(sents: _Sentences, i: int) -> bool:
    """Does sentence ``i`` speak of the end of the contract (a return duty hangs on it)?"""
    return sents.has(_POST, i) or _END_WORDS.search(sents.text(i)) is not None


def _under_end_heading(sents: _Sentences, i: int) -> bool:
    """Is sentence ``i`` a list item under a lead-in about the end ("Upon any expiration or termination:"
    then "(c) Each party will return or destroy ..."), or in a clause titled for it ("Effect of
    Termination")? The lead-in and the heading are separate blocks, so the sentence itself is silent."""
    j = i
    while j > 0 and j > i - 25 and _ENUMERATOR.match(sents.text(j)):
        j -= 1
        if _LEAD_IN.search(sents.text(j).rstrip()):
            return _at_end(sents, j)
    titles = [c.title for c in sents.ctx.clause_path(sents.ranges[i][0]) if c.title]
    return bool(titles) and _END_WORDS.search(titles[-1]) is not None


def _sentence_spans_idx(
    sents: _Sentences, spans: Iterable[tuple[int, int]]
) -> list[tuple[tuple[int, int], int]]:
    out: list[tuple[tuple[int, int], int]] = []
    seen: set[int] = set()
    for s, _ in spans:
        i = sents.index(s)
        if i is not None and i not in seen:
            seen.add(i)
            out.append((sents.ranges[i], i))
    return out


def _sentence_spans(sents: _Sentences, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    return [span for span, _ in _sentence_spans_idx(sents, spans)]


def _marker_shape(marker: str) -> str:
    """The kind of a list marker: "(a)" and "(b)" share one, "3.3" and "(a)" do not."""
    text = marker.strip()
    shape = (
        regex.sub(r"[ivx]+", "r", text.lower()) if regex.fullmatch(r"\(?[ivx]{1,5}[).]", text.lower()) else ""
    )
    if not shape:
        shape = regex.sub(r"\d+", "9", regex.sub(r"[a-z]+", "a", text.lower()))
    return shape.rstrip(".")


def _starts_new_clause(style: str, shape: str) -> bool:
    """Does a marker of ``shape`` end a list whose items look like ``style``?

    A numbered clause ("3.3", "4.") after lettered items does; a nested "(i)", "(ii)" inside an "(a)"
    item does not, nor a deeper number ("3.2.1") inside a numbered list.
    """
    decimal = regex.compile(r"^9(?:\.9)*$")
    if decimal.match(shape):
        return not (decimal.match(style) and shape.count(".") > style.count("."))
    return False


def _right_sentences(sents: _Sentences) -> list[int]:
    """Sentences granting a right to terminate, plus list items under a granting lead-in ("may be
    terminated as follows:" then "(d) by either party on 60 days' notice")."""
    found: set[int] = set()
    sents.inherited.clear()
    for i, hits in sents.cues[_RIGHT].items():
        if all(_negated(sents.ctx.text, s, e) for s, e in hits):
            continue
        found.add(i)
        text = sents.text(i).rstrip()
        if _LEAD_IN.search(text) or (_OPEN_ALTERNATIVES.search(text) and _INLINE_ENUMERATOR.search(text)):
            j = i + 1
            style: str | None = None
            while j < len(sents.ranges) and j <= i + 12:
                marker = _ENUMERATOR.match(sents.text(j))
                if marker is None:
                    break
                # The list ends where the numbering changes kind: "(a)", "(b)" then "3.3" or "4." is
                # the next clause, not a third ground.
                shape = _marker_shape(marker.group(0))
                if style is None:
                    style = shape
                elif shape != style and _starts_new_clause(style, shape):
                    break
                found.add(j)
                sents.inherited[j] = i
                j += 1
    return sorted(found)


_HEADING_MAX = 150
_TERMINATION_WORD = regex.compile(r"\bterminat\w*", regex.IGNORECASE)


def _redacted_rights(sents: _Sentences, seen: set[int]) -> list[TerminationRight]:
    """ "Termination for Convenience. [***]." (filings redact the terms): the right exists, its holder
    and notice period are hidden, so nothing is claimed about them."""
    out: list[TerminationRight] = []
    for i in sorted(sents.cues[_NO_CAUSE]):
        text = sents.text(i)
        if len(text) > _HEADING_MAX or i in seen or not _REDACTED.search(text):
            continue
        if _TERMINATION_WORD.search(text) is None:
            continue
        start, end = sents.ranges[i]
        out.append(TerminationRight(start, end, "convenience", "", True, None, False, None, False))
    return out


def _negated(text: str, start: int, end: int) -> bool:
    """ "may not terminate", "neither party may terminate": a prohibition, not a right."""
    return _NEGATED_GRANT.search(text, max(0, start - 30), end) is not None


def _role_words(ctx: LintContext) -> dict[str, str]:
    roles = {r.lower(): r for r in DEFAULT_ROLES}
    roles.update(ctx.roles())
    return roles


def _holder(sents: _Sentences, i: int, roles: dict[str, str]) -> str:
    """Whose right: the subject before the granting words, or the agent of a passive ("terminated by")."""
    s0, _ = sents.ranges[i]
    text = sents.text(i)
    hits = sents.cues[_RIGHT].get(i)
    at = (hits[0][0] - s0) if hits else len(text)
    subject = text[max(0, at - 160) : at + 4]
    passive = _PASSIVE_BY.search(text)
    if passive is not None:
        is_passive = not hits or "be terminated" in text[at : at + 60].lower()
        unnamed = not _mentions(subject, roles) and not _GENERIC_HOLDER.search(subject)
        if is_passive or unnamed:
            subject = passive.group("who")
    if _GENERIC_HOLDER.search(subject):
        return "either"
    mentioned = _mentions(subject, roles)
    if len(mentioned) >= 2 and regex.search(r"\b(?:or|and)\b", subject):
        return "either"
    return mentioned[-1] if mentioned else ""


@lru_cache(maxsize=256)
def _word_pattern(word: str) -> regex.Pattern[str]:
    return regex.compile(rf"\b{regex.escape(word)}\b")


def _mentions(text: str, roles: dict[str, str]) -> list[str]:
    out: list[tuple[int, str]] = []
    lower = text.lower()
    for key, role in roles.items():
        for m in _word_pattern(key).finditer(lower):
            out.append((m.start(), role))
    out.sort()
    seen: list[str] = []
    for _, role in out:
        if role not in seen[-1:]:
            seen.append(role)
    return seen


_PART_BREAK = regex.compile(r";|\bprovided\b(?=\s*,?\s*(?:that|however|further|always)\b)", regex.IGNORECASE)
_PROCEDURE_REACH = 100
"""How far after the granting words a reference ("pursuant to Section 6.01") still qualifies them."""


def _grant(sents: _Sentences, i: int) -> tuple[int, int, int] | None:
    """The first granting words of sentence ``i`` that are not a prohibition, and the part of the
    sentence around them: a term clause often ends "...; provided that X may terminate at any time on
    60 days' notice", and the conditions of the first part ("unless sooner terminated") are not the
    right's conditions."""
    s0, e0 = sents.ranges[i]
    hit = next((h for h in sents.cues[_RIGHT].get(i, []) if not _negated(sents.ctx.text, *h)), None)
    if hit is None:
        return None
    text = sents.ctx.text
    lo, hi = s0, e0
    for m in _PART_BREAK.finditer(text, s0, e0):
        if m.end() <= hit[0]:
            if m.group() != ";":
                lo = m.end()  # "...; provided that X may terminate": the proviso is the grant
        elif m.start() >= hit[1] and m.group() == ";":
            hi = m.start()  # a "provided that" after the grant is the right's own condition
            break
    return hit[0], lo, hi


def _in(spans: Iterable[tuple[int, int]], lo: int, hi: int) -> bool:
    return any(lo <= s < hi for s, _ in spans)


def _conditional_no_cause(sents: _Sentences, i: int, grant: int) -> bool:
    """Is every no-cause phrase part of a condition before the grant ("In the event the Professional
    should for any reason become ..., the Company may terminate", "If this Agreement is terminated for
    any reason, ... may")? Then it says why the event happens, not that the right needs no reason."""
    text = sents.ctx.text
    s0, _ = sents.ranges[i]
    triggers = [t for t, _ in sents.cues[_TRIGGER].get(i, [])]
    for s, _ in sents.cues[_NO_CAUSE].get(i, []):
        if s >= grant:
            return False
        if not any(t < s and "," not in text[t:s] for t in triggers if t >= s0):
            return False
    return True


def _classify_right(sents: _Sentences, i: int, roles: dict[str, str]) -> TerminationRight | None:
    grant = _grant(sents, i)
    no_cause = sents.has(_NO_CAUSE, i)
    if no_cause and grant is not None and _conditional_no_cause(sents, i, grant[0]):
        no_cause = False
    if no_cause and grant is not None and ":" in sents.ctx.text[grant[0] : sents.ranges[i][1]]:
        # "may terminate ... if: 14.2.1 ...": the phrase sits in an inline list of events (but after
        # "may terminate on 90 days' notice: 1) if ... or 2) without cause" it is an alternative)
        colon = sents.ctx.text.index(":", grant[0])
        events = any(colon - 3 <= e <= colon for _, e in sents.cues[_TRIGGER].get(i, []))
        no_cause = not events or any(s < colon for s, _ in sents.cues[_NO_CAUSE][i])
    lead = sents.inherited.get(i)
    if no_cause and lead is not None and sents.has(_TRIGGER, lead) and not sents.has(_RIGHT, i):
        no_cause = False  # an event under "may terminate if any of the following occurs:"
    discretion = sents.has(_DISCRETION, i)
    if grant is None:
        trigger = sents.has(_TRIGGER, i)
        procedural = sents.has(_PROCEDURAL, i)
    else:
        at, lo, hi = grant
        trigger = _in(sents.cues[_TRIGGER].get(i, []), lo, hi)
        procedural = _in(sents.cues[_PROCEDURAL].get(i, []), lo, min(hi, at + _PROCEDURE_REACH))
    breach = sents.has(_BREACH, i)
    insolvency = sents.has(_INSOLVENCY, i)
    evergreen = _evergreen(sents.text(i))
    lo, hi = (grant[1], grant[2]) if grant is not None else sents.ranges[i]
    renewal = _in(sents.cues[_RENEWAL].get(i, []), lo, hi)
    non_renewal = _in(sents.cues[_NON_RENEWAL].get(i, []), lo, hi) or (renewal and not evergreen)
    notice_stated, notice_days = sents.period(i)
    lead_in = _LEAD_IN.search(sents.text(i).rstrip()) is not None
    inherited = i in sents.inherited
    text = sents.text(i)
    other_object = sents.has(_OTHER_OBJECT, i) and _AGREEMENT_WORDS.search(text) is None
    if breach or insolvency:
        basis = "cause"
    elif other_object or (procedural and not no_cause):
        basis = "other"  # ends an order or a study, or only says how a right granted elsewhere is used
    elif lead_in:
        basis = "other"  # its list items say on what grounds
    elif no_cause:
        basis = "convenience"
    elif trigger and not _free_alternative(sents, i):
        basis = "other"
    elif inherited and notice_stated and not renewal and not sents.has(_POST, i):
        basis = "convenience"  # "(vi) upon sixty (60) days' written notice of termination"
    elif non_renewal:
        basis = "non_renewal"
    elif notice_stated or (not inherited and (discretion or sents.has(_NOTICE, i))):
        basis = "convenience"
    else:
        basis = "other"
    if no_cause and basis == "cause" and not lead_in:
        basis = "convenience"  # "with or without cause", "without cause ... or immediately for breach"
    cure_stated, cure_days = False, None
    if breach:
        for j in (i, i + 1):
            if j < len(sents.ranges) and sents.has(_CURE, j):
                stated, days = sents.period(j, near=_CURE)
                cure_stated, cure_days = True, days
                if stated:
                    break
    start, end = sents.ranges[i]
    return TerminationRight(
        start=start,
        end=end,
        basis=basis,
        holder=_holder(sents, i, roles),
        notice_stated=notice_stated,
        notice_days=notice_days,
        cure_stated=cure_stated,
        cure_days=cure_days,
        breach=breach,
    )


def _free_alternative(sents: _Sentences, i: int) -> bool:
    """Does one lettered alternative of the sentence give a notice period with no trigger of its own?

    "terminable (a) by the Licensor (i) in the event of a claim or (ii) upon sixty (60) days' notice":
    the triggers belong to other alternatives, and (ii) is a right on notice alone.
    """
    s0, e0 = sents.ranges[i]
    text = sents.text(i)
    cuts = [m.start() + s0 for m in _INLINE_ENUMERATOR.finditer(text)]
    if len(cuts) < 2:
        return False
    bounds = [s0, *cuts, e0]
    triggers = [s for cue in (_TRIGGER, _BREACH, _INSOLVENCY) for s, _ in sents.cues[cue].get(i, [])]
    for start, end in itertools.pairwise(bounds):
        if start == s0:
            continue  # the lead words before the first alternative
        notice = any(start <= ds < end and marked for ds, _, _, marked in sents.durations.get(i, []))
        if notice and not any(start <= t < end for t in triggers):
            return True
    return False


def _renewals(sents: _Sentences) -> list[Renewal]:
    """Sentences that renew or extend the term by themselves or at one party's option. A renewal both
    parties must later agree on promises nothing: it is kept as a named renewal term only."""
    out: list[Renewal] = []
    n = len(sents.ranges)
    for i in sorted(sents.cues[_RENEWAL]):
        text = sents.text(i)
        if sents.has(_OTHER_RENEWAL, i) or not _term_words(text):
            continue
        automatic = sents.has(_AUTOMATIC, i) and (not sents.has(_OPTION, i) or "automatic" in text.lower())
        option = sents.has(_OPTION, i)
        if _evergreen(text):
            # "continues until terminated by either party": no fixed term to renew, so not automatic
            start, end = sents.ranges[i]
            ok, d = sents.period(i)
            out.append(Renewal(start, end, False, ok, d, (start, end) if ok else None, evergreen=True))
            continue
        length = _renewal_length(sents, i)
        if sents.has(_MUTUAL, i) and not automatic:
            if length:  # "may be renewed for successive one-year terms by mutual agreement"
                start, end = sents.ranges[i]
                out.append(Renewal(start, end, False, False, None, None, by_agreement=True))
            continue  # "may be renewed upon mutual written agreement": no renewal term is named
        if not (automatic or option or length or sents.has(_NON_RENEWAL, i)):
            continue
        stated, days, span, ref = False, None, None, ""
        for j in (i, i + 1):
            if j > i and sents.has(_OPTION, j):
                break  # the next sentence is a notice to renew (an option), not to stop a renewal
            if j < n and (sents.has(_NON_RENEWAL, j) or (j == i and automatic)):
                ok, d = sents.period(j, skip=_renewal_lengths(sents, j))
                if ok:
                    stated, days, span = True, d, sents.ranges[j]
                    ref = (sents.defined_deadline(j) or "") if d is None else ""
                    break
        if not stated and automatic and i > 0 and sents.has(_NOTICE_BACK, i):
            # "If neither party gives such notice, the term renews": the notice is in the sentence before
            stated, days = sents.period(i - 1)
            span = sents.ranges[i - 1] if stated else None
        start, end = sents.ranges[i]
        out.append(Renewal(start, end, automatic, stated, days, span, option=option, notice_ref=ref))
    return out


_RENEWAL_REACH = 60
"""How far after a renewal word its length may start ("renew for a subsequent term of two (2) years")."""


def _renewal_lengths(sents: _Sentences, i: int) -> frozenset[int]:
    """Starts of the periods in sentence ``i`` that say how long a renewal lasts: they follow a renewal
    word and are not notice periods ("renewed automatically for another five (5) years"). The renew in
    "notice of its intention not to renew, at least 90 days ..." stops a renewal: it names no length."""
    stops = sents.cues[_NON_RENEWAL].get(i, [])
    ends = [e for s, e in sents.cues[_RENEWAL].get(i, []) if not any(a <= s < b for a, b in stops)]
    return frozenset(
        start
        for start, _, _, marked in sents.durations.get(i, [])
        if not marked and any(0 <= start - e <= _RENEWAL_REACH for e in ends)
    )


def _renewal_length(sents: _Sentences, i: int) -> bool:
    """Does sentence ``i`` name a renewal length (not a period that runs after the end, as in "renewal
    terms, and for one (1) year following the expiration")? A renewal with a length is a renewal term
    even when no one must act to stop it."""
    return any(start not in sents.after for start in _renewal_lengths(sents, i))


_UNTIL_TERMINATED = regex.compile(r"\buntil\s+(?:terminated|cancell?ed)\b", regex.IGNORECASE)
_RENEWAL_WORDS = regex.compile(
    r"\b(?:renew\w*|extend\w*|extension|successive|automatic\w*|(?:month|year)[\s-]to[\s-](?:month|year))\b",
    regex.IGNORECASE,
)


def _evergreen(text: str) -> bool:
    """A term that runs until someone ends it, with no renewal words of its own."""
    return _UNTIL_TERMINATED.search(text) is not None and _RENEWAL_WORDS.search(text) is None


_AGREEMENT_WORDS = regex.compile(r"\b(?:this|the)\s+(?:agreement|contract)\b|\bhereunder\b", regex.IGNORECASE)
_TERM_WORDS = regex.compile(r"\b(?:term|agreement|contract|franchise|license|licence)\b", regex.IGNORECASE)


def _term_words(text: str) -> bool:
    return _TERM_WORDS.search(text) is not None


_DUTY = regex.compile(
    r"\b(?:shall|will|must|agrees?|may|survive|survives|continue|continues|remain|entitled|right|obligation)\b",
    regex.IGNORECASE,
)


# "For two years following termination, the Licensee shall state ...": a duty that runs for a period
# after the end, whatever its verb.
_TIMED_DUTY = regex.compile(
    r"\b(?:shall|will|must)\s+(?!not\b|mean\b|agree\b|negotiate\b"
    r"|be\s+(?:relieved|released|liable|prohibited)\b)\w+",
    regex.I,
)


# A sentence that opens on the time after the end ("After the termination of this Agreement, ...").
_AFTER_END = regex.compile(
    r"\W{0,3}(?:\(?[a-z0-9ivx]{1,4}[.)]\s+)?(?:after|following)\s+(?:the\s+|any\s+|such\s+)?"
    r"(?:termination|expiration|expiry)\b",
    regex.I,
)


def _freed_or_restrained(sents: _Sentences, i: int) -> bool:
    """Does sentence ``i`` free or restrain a party, other than by a negation that keeps a duty alive
    ("the licence shall not terminate", "shall not be relieved of the duty to pay")?"""
    kept = sents.cues[_POST_NOT_FREED].get(i, [])
    return any(not any(k < e and s < ke for k, ke in kept) for s, e in sents.cues[_POST_NONE].get(i, []))


def _post_termination(sents: _Sentences) -> list[tuple[int, int]]:
    """Sentences where a party still has something to do after the end: a time-after-the-end cue, a
    duty word (hand over, sell off, keep records; or pay, return, with a period that runs after the end)
    and no sign that the end only frees or restrains. Paying what accrued by the end is the tail of the
    term, not an exit obligation, so weak duty words need the period. A bare survival clause only lists
    surviving terms; one that says what goes on and until when is a duty. A list item under an "Upon
    termination:" lead-in takes the end (and the "shall") from its lead-in."""
    out: list[tuple[int, int]] = []
    for i in sorted(sents.cues[_POST]):
        if not _ends_this_contract(sents, i):
            continue
        scoped = sents.has(_POST_SURVIVAL, i) and sents.has(_POST_SURVIVAL_SCOPE, i)
        opens_after = _AFTER_END.match(sents.text(i)) is not None and not sents.has(_POST_DUTY_WEAK, i)
        timed = (sents.has(_POST_PERIOD, i) or opens_after) and _TIMED_DUTY.search(sents.text(i)) is not None
        strong = sents.has(_POST_DUTY, i) or scoped or timed
        weak = sents.has(_POST_DUTY_WEAK, i) and sents.has(_POST_PERIOD, i)
        if not (strong or weak) or (_freed_or_restrained(sents, i) and not _duty_after_release(sents, i)):
            continue
        if sents.has(_POST_SURVIVAL, i) and not sents.has(_POST_SURVIVAL_SCOPE, i):
            continue
        if _DUTY.search(sents.text(i)) is None and not _imperative_item(sents, i):
            continue
        out.append(sents.ranges[i])
    if out:
        out.extend(_end_list_duties(sents, {s for s, _ in out}))
        out.sort()
    return out


def _ends_this_contract(sents: _Sentences, i: int) -> bool:
    """Does one of the end cues of sentence ``i`` speak of what follows the contract's end, not of the
    end of a period, an option or one service ("after the expiration of the Option Period"), nor of the
    time up to the end ("to and through the expiration or termination")?"""
    others = sents.cues[_POST_OTHER_END].get(i, []) + sents.cues[_POST_UNTIL_END].get(i, [])
    if not others:
        return True
    return any(not any(o < e and s < oe for o, oe in others) for s, e in sents.cues[_POST][i])


def _end_list_duties(sents: _Sentences, seen: set[int]) -> list[tuple[int, int]]:
    """Duty items in a list under an "Upon termination, each party shall:" lead-in. Alone they are weak
    evidence (most such lists only say what to stop or give back), but once the contract has an
    obligation after the end they are often where it is spelt out, so they are reported as well."""
    out: list[tuple[int, int]] = []
    for i in sorted(sents.cues[_POST_DUTY]):
        if sents.ranges[i][0] in seen or sents.has(_POST_NONE, i):
            continue
        j = _end_lead_in(sents, i)
        if j is None or sents.has(_POST_NONE, j):
            continue
        out.append(sents.ranges[i])
    return out


def _duty_after_release(sents: _Sentences, i: int) -> bool:
    """Does a duty follow a turn ("except that", "but") that comes after every release or restraint
    word in sentence ``i``? "No further obligations, except that X shall process accepted orders"."""
    last_none, none_end = max(sents.cues[_POST_NONE][i])
    text = sents.ctx.text
    for s, _ in sents.cues[_POST_DUTY].get(i, []):
        if s > none_end and _FRESH_DUTY.search(text, none_end, s):
            return True  # "... shall not be required to pay, and Garman shall immediately return ..."
    turns = [s for s, _ in sents.cues[_POST_CONTRAST].get(i, []) if s > last_none]
    if not turns:
        return False
    return any(s > min(turns) for s, _ in sents.cues[_POST_DUTY].get(i, []))


_FRESH_DUTY = regex.compile(r"\b(?:and|;)\s+(?:[\w\-]+\s+){1,3}?(?:shall|will|must)\s+(?!not\b)", regex.I)


def _imperative_item(sents: _Sentences, i: int) -> bool:
    """Is sentence ``i`` a list item whose "shall" sits in the lead-in: either the lead-in is found and
    says "shall", or the item opens on the duty verb itself ("(c) return to Supplier all ...")?"""
    text = sents.text(i)
    head = _ENUMERATOR.match(text)
    if head is None:
        return False
    start = sents.ranges[i][0] + head.end()
    text_at = sents.ctx.text
    for s, e in sents.cues[_POST_DUTY].get(i, []):
        opens = start <= s <= start + 1 or text_at[start:s].strip().lower() == "to"  # "(d) to deliver ..."
        if opens and text_at[e : e + 1] not in (":", "."):
            return True  # a verb, not a heading ("6. Phase-out:")
    j = _lead_in(sents, i)
    return j is not None and _DUTY.search(sents.text(j)) is not None


def _lead_in(sents: _Sentences, i: int) -> int | None:
    """The lead-in sentence ("... the Parties shall:") that list item ``i`` belongs to, if any."""
    j = i
    while j > 0 and j > i - 25 and _ENUMERATOR.match(sents.text(j)):
        j -= 1
        if _LEAD_IN.search(sents.text(j).rstrip()):
            return j
    return None


def _end_lead_in(sents: _Sentences, i: int) -> int | None:
    """The lead-in of list item ``i`` when that lead-in speaks of the end ("Upon termination, Supplier
    shall:")."""
    j = _lead_in(sents, i)
    return j if j is not None and sents.has(_POST, j) and _ends_this_contract(sents, j) else None


# --- clause inventory ---------------------------------------------------------------------------------


def _days(value: float | None) -> dict[str, str]:
    return {} if value is None else {"days": f"{value:g}"}


def _side(holder: str) -> str:
    low = holder.lower()
    if low == "either":
        return "either"
    if low in _CUSTOMER_SIDE:
        return "customer"
    if low in _PROVIDER_SIDE:
        return "provider"
    return holder


@detector("termination_for_convenience")
def _detect_convenience(ctx: LintContext) -> Iterator[Provision]:
    for r in analyse_exit(ctx).rights:
        if r.basis == "convenience":
            attrs = {"party": _side(r.holder) or "unknown"}
            if r.notice_days is not None:
                attrs["notice_days"] = f"{r.notice_days:g}"
            yield ctx.provision(
                "termination_for_convenience", "Termination for convenience", r.start, r.end, attrs
            )


@detector("termination_for_cause")
def _detect_cause(ctx: LintContext) -> Iterator[Provision]:
    for r in analyse_exit(ctx).rights:
        if r.basis == "cause":
            attrs = {} if r.cure_days is None else {"cure_days": f"{r.cure_days:g}"}
            yield ctx.provision("termination_for_cause", "Termination for cause", r.start, r.end, attrs)


@detector("termination_notice_period")
def _detect_notice_period(ctx: LintContext) -> Iterator[Provision]:
    analysis = analyse_exit(ctx)
    for r in analysis.rights:
        if r.notice_stated and r.basis in ("convenience", "non_renewal", "cause"):
            yield ctx.provision(
                "termination_notice_period", "Termination notice period", r.start, r.end, _days(r.notice_days)
            )
    for w in analysis.renewals:
        if w.automatic and w.notice_span is not None:
            s, e = w.notice_span
            yield ctx.provision(
                "termination_notice_period", "Non-renewal notice period", s, e, _days(w.notice_days)
            )


@detector("auto_renewal")
def _detect_auto_renewal(ctx: LintContext) -> Iterator[Provision]:
    for w in analyse_exit(ctx).renewals:
        if w.automatic:
            attrs = {} if w.notice_days is None else {"notice_days": f"{w.notice_days:g}"}
            yield ctx.provision("auto_renewal", "Automatic renewal", w.start, w.end, attrs)


@detector("renewal_term")
def _detect_renewal_term(ctx: LintContext) -> Iterator[Provision]:
    for w in analyse_exit(ctx).renewals:
        if not w.evergreen:
            yield ctx.provision("renewal_term", "Renewal term", w.start, w.end)


@detector("notice_to_terminate_renewal")
def _detect_renewal_notice(ctx: LintContext) -> Iterator[Provision]:
    analysis = analyse_exit(ctx)
    if all(w.by_agreement for w in analysis.renewals):
        return  # no renewal that a notice could stop
    seen: set[tuple[int, int]] = set()
    for w in analysis.renewals:
        if (w.automatic or not w.option) and w.notice_span is not None and w.notice_span not in seen:
            seen.add(w.notice_span)
            s, e = w.notice_span
            attrs = _days(w.notice_days)
            if w.notice_ref:
                attrs["defined_term"] = w.notice_ref
            yield ctx.provision("notice_to_terminate_renewal", "Notice to stop renewal", s, e, attrs)
    for r in analysis.rights:
        if r.basis == "non_renewal" and r.notice_stated and (r.start, r.end) not in seen:
            seen.add((r.start, r.end))
            yield ctx.provision(
                "notice_to_terminate_renewal", "Notice to stop renewal", r.start, r.end, _days(r.notice_days)
            )


@detector("post_termination_services")
def _detect_post_termination(ctx: LintContext) -> Iterator[Provision]:
    for s, e in analyse_exit(ctx).post_termination:
        yield ctx.provision("post_termination_services", "Obligations after termination", s, e)


@detector("transition_assistance")
def _detect_transition(ctx: LintContext) -> Iterator[Provision]:
    for s, e in analyse_exit(ctx).transition:
        yield ctx.provision("transition_assistance", "Transition assistance", s, e)


@detector("return_of_data")
def _detect_return(ctx: LintContext) -> Iterator[Provision]:
    for s, e in analyse_exit(ctx).data_return:
        yield ctx.provision("return_of_data", "Return or deletion of data", s, e)


# --- rules --------------------------------------------------------------------------------------------


def _no_termination_right(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    results = [ctx.pattern(p) for p in _TERMINATION_PATTERNS]
    if any(r.status in ("present", "found") for r in results):
        return
    if any(r.basis != "other" for r in analyse_exit(ctx).rights):
        return
    yield ctx.missing(rule, [s for r in results for s in r.searched])


NO_TERMINATION_RIGHT = Rule(
    code="EX001",
    name="no-termination-right",
    category="exit",
    severity="error",
    summary="The contract gives no right to terminate at all.",
    message="No right to terminate was found: neither for breach, nor for convenience, nor on notice.",
    why=(
        "Without a termination right the customer is locked in until the term runs out, even if the "
        "supplier fails to perform. Courts rarely imply a right to end a long contract early."
    ),
    suggestion=(
        "Either party may terminate this Agreement by written notice if the other party commits a "
        "material breach and fails to remedy it within thirty (30) days of written notice describing "
        "the breach. The Customer may terminate this Agreement for convenience on ninety (90) days' "
        "written notice."
    ),
    example_fail=(
        "1. Term. This Agreement starts on the Effective Date and continues for three (3) years.\n\n"
        "2. Fees. The Customer shall pay the fees set out in Schedule 1."
    ),
    example_pass=(
        "1. Term. This Agreement starts on the Effective Date and continues for three (3) years.\n\n"
        "2. Termination. Either party may terminate this Agreement if the other party commits a "
        "material breach and fails to remedy it within thirty (30) days after written notice."
    ),
    check=_no_termination_right,
    anchor=("termination", "term"),
    provisions=_TERMINATION_PATTERNS,
)


def _party_side(ctx: LintContext, party: str) -> tuple[set[str], str]:
    """The names a reviewing party goes by (role and company name, lower-cased) and its side."""
    want = party.strip().lower()
    names = {want}
    for hit in ctx.hits("parties"):
        value = hit.value or {}
        role = str(value.get("role") or "").lower()
        name = str(value.get("name") or "").lower()
        if role and (role == want or (name and (want in name or name in want))):
            names.update({role, name} - {""})
    side = next((_side(n) for n in names if _side(n) in ("customer", "provider")), "")
    return names, side


def _holds(ctx: LintContext, right: TerminationRight, names: set[str], side: str) -> bool:
    holder = right.holder.lower()
    if holder == "either":
        return True
    if holder in names:
        return True
    return bool(side) and _side(holder) == side


def _no_convenience_right(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    rights = [r for r in analyse_exit(ctx).rights if r.basis == "convenience"]
    searched = [*ctx.pattern("termination-for-convenience").searched, *_searched(ctx, _NO_CAUSE)]
    if ctx.party is None:
        if not rights:
            yield ctx.missing(rule, searched)
        return
    names, side = _party_side(ctx, ctx.party)
    if any(_holds(ctx, r, names, side) for r in rights):
        return
    message = f"{ctx.party} has no right to terminate for convenience"
    if rights:
        held = ", ".join(sorted({r.holder or "an unnamed party" for r in rights}))
        message += f"; only {held} may."
        yield ctx.finding(rule, rights[0].start, rights[0].end, message=message)
    else:
        yield ctx.missing(rule, searched, message=message + ".")


def _searched(ctx: LintContext, pattern_id: str, limit: int = 6) -> list[str]:
    """A readable summary of a cue pattern: its first phrases and how many more there are."""
    phrases = list(ctx.pattern(pattern_id).searched)
    if len(phrases) <= limit:
        return phrases
    return [*phrases[:limit], f"{len(phrases) - limit} more patterns"]


def _no_notice_period(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    for r in analyse_exit(ctx).rights:
        if r.basis in ("convenience", "non_renewal") and not r.notice_stated:
            yield ctx.finding(rule, r.start, r.end)


def _no_cure_period(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    for r in analyse_exit(ctx).rights:
        if r.basis == "cause" and r.breach and not r.cure_stated:
            yield ctx.finding(rule, r.start, r.end)


_WINDOW_MIN_DAYS = 30
_WINDOW_MAX_DAYS = 180


def _renewal_window(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    for w in analyse_exit(ctx).renewals:
        if not w.automatic:
            continue
        if not w.notice_stated:
            yield ctx.finding(rule, w.start, w.end)
        elif w.notice_days is not None and not _WINDOW_MIN_DAYS <= w.notice_days <= _WINDOW_MAX_DAYS:
            message = (
                f"The notice to stop the automatic renewal is {w.notice_days:g} days before expiry: "
                f"outside {_WINDOW_MIN_DAYS}-{_WINDOW_MAX_DAYS} days, a window that is easy to miss."
            )
            related = [w.notice_span] if w.notice_span else []
            yield ctx.finding(rule, w.start, w.end, message=message, related=related)


def _no_transition(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if not analyse_exit(ctx).transition:
        yield ctx.missing(rule, _searched(ctx, "transition-assistance"))


def _no_data_return(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if not analyse_exit(ctx).data_return:
        yield ctx.missing(rule, _searched(ctx, "data-return"))


NO_CONVENIENCE_RIGHT = Rule(
    code="EX002",
    name="no-termination-for-convenience",
    category="exit",
    severity="warning",
    summary="The reviewing party cannot end the contract without cause.",
    message="No right to terminate for convenience (without cause, on notice) was found.",
    why=(
        "Business needs change: without a right to end the contract on notice, the customer must prove "
        "a breach or wait for the term to run out. With --party, only a right that party holds (by role "
        "or by the company name defined for that role), or one either party holds, counts; a right only "
        "the provider holds does not help the customer."
    ),
    suggestion=(
        "The Customer may terminate this Agreement, in whole or in part, for convenience at any time "
        "by giving the Supplier not less than ninety (90) days' written notice."
    ),
    example_fail=(
        "1. Term. This Agreement runs for three (3) years from the Effective Date.\n\n"
        "2. Termination. Either party may terminate this Agreement if the other party commits a "
        "material breach and fails to cure it within thirty (30) days after written notice."
    ),
    example_pass=(
        "1. Term. This Agreement runs for three (3) years from the Effective Date.\n\n"
        "2. Termination. Either party may terminate this Agreement for convenience on ninety (90) days' "
        "prior written notice to the other party."
    ),
    check=_no_convenience_right,
    anchor=("termination", "term"),
    provisions=("termination-for-convenience", _NO_CAUSE, _RIGHT),
)

NO_NOTICE_PERIOD = Rule(
    code="EX003",
    name="termination-without-notice-period",
    category="exit",
    severity="warning",
    summary="A right to terminate or not to renew states no notice period.",
    message="This right to terminate (or not to renew) states no notice period in days or months.",
    why=(
        "Without a stated period the notice takes effect at once or after an arguable 'reasonable' "
        "time, so neither side can plan the handover. Rights for breach are left to the cure-period "
        "rule: their timing is the cure period."
    ),
    suggestion=(
        "Either party may terminate this Agreement for convenience by giving the other party at least "
        "ninety (90) days' prior written notice."
    ),
    example_fail=(
        "1. Termination. Either party may terminate this Agreement at any time by written notice to "
        "the other party."
    ),
    example_pass=(
        "1. Termination. Either party may terminate this Agreement at any time by giving sixty (60) "
        "days' written notice to the other party."
    ),
    check=_no_notice_period,
    provisions=(_RIGHT, _NOTICE),
)

NO_CURE_PERIOD = Rule(
    code="EX004",
    name="termination-for-breach-without-cure-period",
    category="exit",
    severity="warning",
    summary="Termination for breach gives no period to put the breach right.",
    message="This right to terminate for breach gives the defaulting party no cure period.",
    why=(
        "Without a cure period any minor breach lets the other side walk away at once, and the "
        "customer can lose a service it depends on over a fault that could have been fixed in days."
    ),
    suggestion=(
        "Either party may terminate this Agreement by written notice if the other party commits a "
        "material breach and fails to cure it within thirty (30) days after receiving written notice "
        "describing the breach."
    ),
    example_fail=(
        "1. Termination. Either party may terminate this Agreement immediately by written notice if "
        "the other party breaches this Agreement."
    ),
    example_pass=(
        "1. Termination. Either party may terminate this Agreement by written notice if the other "
        "party breaches this Agreement and fails to cure the breach within thirty (30) days."
    ),
    check=_no_cure_period,
    provisions=(_BREACH, _CURE),
)

RENEWAL_WINDOW = Rule(
    code="EX005",
    name="auto-renewal-without-notice-window",
    category="exit",
    severity="warning",
    summary="The term renews itself with no non-renewal window, or one that is easy to miss.",
    message="The term renews automatically but no notice period for stopping the renewal was found.",
    why=(
        "An automatic renewal locks the customer in for another term unless it acts in time. With no "
        "window the customer cannot tell when to act; a window shorter than 30 days leaves no time to "
        "decide and give notice, and one longer than 180 days before expiry forces a decision so early "
        "that it is easily missed. Both bounds are inclusive (30 and 180 days pass). A deadline set by "
        "a defined date or period ('before the Non-Renewal Notice Date') is a window stated elsewhere "
        "(a cover page, an order form): it is not flagged, and the inventory names the defined term."
    ),
    suggestion=(
        "This Agreement renews for successive one (1) year periods unless either party gives written "
        "notice of non-renewal at least ninety (90) days before the end of the then-current term."
    ),
    example_fail=(
        "1. Term. This Agreement runs for two (2) years and shall automatically renew for successive "
        "one (1) year terms."
    ),
    example_pass=(
        "1. Term. This Agreement runs for two (2) years and shall automatically renew for successive "
        "one (1) year terms unless either party gives notice of non-renewal at least sixty (60) days "
        "before the end of the then-current term."
    ),
    check=_renewal_window,
    provisions=(_RENEWAL, _AUTOMATIC, _NON_RENEWAL, _NOTICE_REF, _NOTICE_BACK),
)

NO_TRANSITION = Rule(
    code="EX006",
    name="no-transition-assistance",
    category="exit",
    severity="warning",
    summary="The supplier need not help hand the services over at the end.",
    message="No transition or exit assistance was found.",
    why=(
        "Without transition assistance the outgoing supplier can stop on the last day, leaving the "
        "customer to rebuild the service or pay whatever the supplier asks for help."
    ),
    suggestion=(
        "On expiry or termination for any reason, the Supplier shall provide the transition assistance "
        "reasonably requested by the Customer for up to six (6) months, at the rates in Schedule 2, so "
        "that the Services pass to the Customer or a successor supplier without interruption."
    ),
    example_fail=(
        "1. Termination. Either party may terminate this Agreement on ninety (90) days' written "
        "notice.\n\n2. Fees. The Customer shall pay the fees within thirty (30) days of invoice."
    ),
    example_pass=(
        "1. Termination. Either party may terminate this Agreement on ninety (90) days' written "
        "notice.\n\n2. Exit. On termination the Supplier shall provide transition assistance to the "
        "Customer or a successor supplier for up to six (6) months."
    ),
    check=_no_transition,
    anchor=("exit", "transition", "termination", "term"),
    provisions=("transition-assistance",),
)

NO_DATA_RETURN = Rule(
    code="EX007",
    name="no-return-of-data",
    category="exit",
    severity="warning",
    summary="Nothing says the customer's data and materials come back (or are deleted) at the end.",
    message="No duty to return or delete the customer's data and materials on termination was found.",
    why=(
        "Data held by a former supplier is both a hostage and a liability: without a duty to return it "
        "in a usable form and then delete it, the customer may be unable to move, and its data stays "
        "exposed."
    ),
    suggestion=(
        "On expiry or termination, the Supplier shall return all Customer Data and materials to the "
        "Customer in a commonly used format within thirty (30) days, then delete all copies and certify "
        "the deletion in writing."
    ),
    example_fail=(
        "1. Termination. Either party may terminate this Agreement on ninety (90) days' written "
        "notice.\n\n2. Data. The Supplier shall keep Customer Data secure."
    ),
    example_pass=(
        "1. Termination. Either party may terminate this Agreement on ninety (90) days' written "
        "notice.\n\n2. Data. Upon termination the Supplier shall return all Customer Data to the "
        "Customer and delete all copies."
    ),
    check=_no_data_return,
    anchor=("exit", "termination", "term"),
    provisions=("data-return",),
)

RULES: tuple[Rule, ...] = (
    NO_TERMINATION_RIGHT,
    NO_CONVENIENCE_RIGHT,
    NO_NOTICE_PERIOD,
    NO_CURE_PERIOD,
    RENEWAL_WINDOW,
    NO_TRANSITION,
    NO_DATA_RETURN,
)

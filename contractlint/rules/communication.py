"""Communication: how the parties talk to each other while the contract runs.

Formal notices, reports, named contacts, escalation of problems, meetings, and duties to tell the other side
about events that matter. The words live in ``patterns/notice.yaml`` and ``patterns/governance.yaml``; this
module decides only what the data cannot: which hits share a sentence (a notice clause is a sentence where
"notices" meets a delivery method or a deemed-receipt rule), whether a report is a duty, whether a dispute
step comes before formal proceedings, and whether a duty to notify carries a time limit.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import regex

from contractlint.model import Finding, Provision
from contractlint.rules.base import Rule
from contractlint.rules.context import ContextCache, Hit, LintContext
from contractlint.rules.inventory import detector

__all__ = ["RULES"]

_T = TypeVar("_T")

# --- sentence bookkeeping ---------------------------------------------------------------------------------


_NOTES = "drafting-note"


class _Sentences:
    """Which sentences of the contract hold hits of which pattern rules."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.ranges = ctx.sentences
        self.starts = [s for s, _ in self.ranges]
        self._cache: dict[str, dict[int, list[tuple[int, int]]]] = {}

    def index(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return max(i, 0)

    def of(self, pattern_id: str) -> dict[int, list[tuple[int, int]]]:
        """Sentence index -> spans of ``pattern_id`` starting in it."""
        if pattern_id not in self._cache:
            found: dict[int, list[tuple[int, int]]] = {}
            notes = () if pattern_id == _NOTES else self.ctx.pattern_spans(_NOTES)
            if self.ranges:
                for span in self.ctx.pattern_spans(pattern_id):
                    if any(s <= span[0] < e for s, e in notes):
                        continue  # "[Fill in ..., e.g. a single point of contact]" is not a provision
                    found.setdefault(self.index(span[0]), []).append(span)
            self._cache[pattern_id] = found
        return self._cache[pattern_id]

    def has(self, pattern_id: str, i: int) -> bool:
        return i in self.of(pattern_id)

    def near(self, pattern_id: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans of ``pattern_id`` in sentences ``lo..hi`` (inclusive)."""
        hits = self.of(pattern_id)
        return [span for i in range(max(lo, 0), hi + 1) for span in hits.get(i, ())]

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        return self.ranges[lo][0], self.ranges[hi][1]


_MEMO: ContextCache[dict[str, Any]] = ContextCache()


def _memo(ctx: LintContext, key: str, make: Callable[[LintContext], _T]) -> _T:
    """Compute once per contract: the rules and the inventory detectors ask the same questions."""
    store = _MEMO.setdefault(ctx, {})
    if key not in store:
        store[key] = make(ctx)
    return cast(_T, store[key])


def _sentences(ctx: LintContext) -> _Sentences:
    return _memo(ctx, "sentences", _Sentences)


def _hits_in(hits: Sequence[Hit], start: int, end: int) -> list[Hit]:
    return [h for h in hits if start <= h.start < end]


def _covering(hits: Sequence[Hit], offset: int) -> Hit | None:
    """The innermost hit holding ``offset`` (hits are in text order)."""
    best: Hit | None = None
    for hit in hits:
        if hit.start > offset:
            break
        if hit.start <= offset < hit.end and (best is None or hit.start >= best.start):
            best = hit
    return best


# --- notices -------------------------------------------------------------------------------------------

_NOTICE_WINDOW = 4
"""Sentences around a notice sentence that still belong to the notice clause (addresses, receipt rules)."""


@dataclass(frozen=True, slots=True)
class _NoticeClause:
    first: int
    last: int
    method: bool
    address: bool
    deemed: bool


def _notice_clauses(ctx: LintContext) -> list[_NoticeClause]:
    return _memo(ctx, "notice_clauses", _find_notice_clauses)


def _find_notice_clauses(ctx: LintContext) -> list[_NoticeClause]:
    sents = _sentences(ctx)
    subject = sents.of("notice-clause")
    methods = sents.of("notice-delivery-method")
    deemed = sents.of("notice-deemed-receipt")
    hits = sorted(i for i in subject if i in deemed or (i in methods and sents.has("notice-giving", i)))
    groups: list[list[int]] = []
    for i in hits:
        if groups and i - groups[-1][-1] <= _NOTICE_WINDOW:
            groups[-1].append(i)
        else:
            groups.append([i])
    out: list[_NoticeClause] = []
    for group in groups:
        lo, hi = group[0], group[-1]
        wlo, whi = lo - 1, hi + _NOTICE_WINDOW
        out.append(
            _NoticeClause(
                first=lo,
                last=hi,
                method=bool(sents.near("notice-delivery-method", wlo, whi)),
                address=bool(sents.near("notice-address", wlo, whi)),
                deemed=bool(
                    sents.near("notice-deemed-receipt", wlo, whi)
                    or sents.near("notice-receipt-timing", wlo, whi)
                ),
            )
        )
    return out


@detector("notice_clause")
def _detect_notices(ctx: LintContext) -> Iterator[Provision]:
    sents = _sentences(ctx)
    for clause in _notice_clauses(ctx):
        start, end = sents.span(clause.first, clause.last)
        yield ctx.provision(
            "notice_clause",
            "Notices",
            start,
            end,
            {
                "method": "yes" if clause.method else "no",
                "address": "yes" if clause.address else "no",
                "deemed_receipt": "yes" if clause.deemed else "no",
            },
        )


def _no_notice_clause(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if _notice_clauses(ctx):
        return
    yield ctx.missing(
        rule,
        [
            "a sentence about notices that says how they are sent or when they count as received",
            *ctx.searched("notice-clause", "notice-delivery-method", "notice-deemed-receipt", shown=10),
        ],
    )


def _incomplete_notice_clause(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    clauses = _notice_clauses(ctx)
    if not clauses:
        return
    best = max(clauses, key=lambda c: (c.method + c.address + c.deemed, c.last - c.first))
    lacking = [
        what
        for what, ok in (
            ("how notices are delivered", best.method),
            ("where or to whom they go", best.address),
            ("when they are deemed received", best.deemed),
        )
        if not ok
    ]
    if not lacking:
        return
    start, end = _sentences(ctx).span(best.first, best.last)
    yield ctx.finding(rule, start, end, message=f"The notice clause does not say {' or '.join(lacking)}.")


# --- reporting ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Report:
    start: int
    end: int
    cadence: str | None
    vague: bool
    triggered: bool


def _duty_at(ctx: LintContext, offset: int) -> Hit | None:
    """The obligation (a duty, not a permission or a prohibition) holding ``offset``."""
    hit = _covering(ctx.hits("obligations"), offset)
    if hit is None:
        return None
    value = hit.value or {}
    if value.get("negated") or value.get("modal") == "may":
        return None
    return hit


_ITEM_MARKER = regex.compile(r"[\s\W\d]*(?:[a-z]{1,4}[.)]\s*)?", regex.IGNORECASE)


def _opens_item(ctx: LintContext, sentence_start: int, offset: int) -> bool:
    """Whether ``offset`` is the first word of its sentence or list item, after any marker ("(b) ")."""
    head = ctx.text[sentence_start:offset]
    m = _ITEM_MARKER.fullmatch(head)
    return m is not None


_MODAL_BEFORE = regex.compile(
    r"\b(?:shall|will|must|agrees?\s+to|undertakes?\s+to)\b(?!\s+not\b)", regex.IGNORECASE
)
"""A duty word before a reporting verb the obligation recogniser missed ("shall (by ...) provide")."""

_PAY = frozenset({"pay", "reimburse", "remit"})
_SERVE = frozenset({"provide", "perform", "render", "deliver", "supply", "maintain", "host", "develop"})


def _payer(ctx: LintContext) -> str | None:
    """The party that pays and does not perform: the customer, when the duties make it clear."""
    pays: dict[str, int] = {}
    serves: dict[str, int] = {}
    for hit in ctx.hits("obligations"):
        value = hit.value or {}
        party, action = value.get("party"), value.get("action")
        if not party or party == "Party" or value.get("negated"):
            continue
        if action in _PAY:
            pays[party] = pays.get(party, 0) + 1
        elif action in _SERVE:
            serves[party] = serves.get(party, 0) + 1
    if not pays:
        return None
    payer = max(pays, key=lambda p: pays[p])
    server = max(serves, key=lambda p: serves[p]) if serves else None
    return payer if server is not None and server != payer else None


def _cadence(ctx: LintContext, start: int, end: int) -> str | None:
    for hit in _hits_in(ctx.hits("frequencies"), start, end):
        return ctx.excerpt(hit.start, hit.end)
    for hit in _hits_in(ctx.hits("durations"), start, end):
        value = hit.value or {}
        if value.get("deadline") or value.get("anchor"):
            return ctx.excerpt(hit.start, hit.end)
    return None


def _reports(ctx: LintContext) -> list[_Report]:
    return _memo(ctx, "reports", _find_reports)


_GIVE = frozenset(
    {
        "provide",
        "deliver",
        "submit",
        "furnish",
        "send",
        "supply",
        "make",
        "render",
        "prepare",
        "give",
        "share",
    }
)
"""Duty verbs that make a report noun ("a monthly report") a reporting duty."""


def _find_reports(ctx: LintContext) -> list[_Report]:
    sents = _sentences(ctx)
    nouns = sents.of("reporting-obligation")
    verbs = sents.of("reporting-action")
    payer = _payer(ctx)
    out: list[_Report] = []
    for i in sorted(set(nouns) | set(verbs)):
        if sents.has("report-not-a-duty", i):
            continue
        s_start, s_end = sents.ranges[i]
        duty: Hit | None = None
        listed = False
        for start, _ in verbs.get(i, ()):
            duty = _duty_at(ctx, start)
            listed = duty is None and (
                _opens_item(ctx, s_start, start) or _MODAL_BEFORE.search(ctx.text, s_start, start) is not None
            )
            if duty is not None or listed:
                break
        if duty is None and not listed:
            for start, _ in nouns.get(i, ()):
                found = _duty_at(ctx, start)
                value = {} if found is None else (found.value or {})
                if value.get("inherited") or value.get("action") in _GIVE:
                    duty = found
                    break
        if duty is not None:
            if payer is not None and (duty.value or {}).get("party") == payer:
                continue  # usage or royalty reports from the paying side: not reporting on the work
            start, end = max(duty.start, s_start), s_end
        elif listed:
            # a list of services ("Providing monthly reports"), or a duty the recogniser did not parse
            start, end = s_start, s_end
        else:
            continue
        if end <= start:
            start, end = s_start, s_end
        out.append(
            _Report(
                start=start,
                end=end,
                cadence=_cadence(ctx, s_start, s_end),
                vague=sents.has("vague-cadence", i),
                triggered=sents.has("event-trigger", i),
            )
        )
    return out


@detector("reporting_obligation")
def _detect_reports(ctx: LintContext) -> Iterator[Provision]:
    for report in _reports(ctx):
        attributes = {"cadence": report.cadence} if report.cadence else {}
        yield ctx.provision("reporting_obligation", "Reporting", report.start, report.end, attributes)


def _no_reporting(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if _reports(ctx):
        return
    searched = ctx.searched("reporting-obligation", shown=10)
    yield ctx.missing(rule, ["a duty to give reports or updates", *searched])


def _reporting_without_cadence(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    for report in _reports(ctx):
        if report.cadence is None and not report.triggered:
            yield ctx.finding(rule, report.start, report.end)


# --- contacts, escalation, meetings ----------------------------------------------------------------------


def _contacts(ctx: LintContext) -> list[tuple[int, int]]:
    return _memo(ctx, "contacts", _find_contacts)


def _find_contacts(ctx: LintContext) -> list[tuple[int, int]]:
    sents = _sentences(ctx)
    out: list[tuple[int, int]] = []
    for i, spans in sorted(sents.of("point-of-contact").items()):
        if sents.has("dispute-context", i):
            continue  # "representatives shall meet to resolve the dispute" is escalation, not a contact
        out.append((spans[0][0], spans[-1][1]))
    return out


@detector("point_of_contact")
def _detect_contacts(ctx: LintContext) -> Iterator[Provision]:
    for start, end in _contacts(ctx):
        yield ctx.provision("point_of_contact", "Point of contact", start, end)


def _no_point_of_contact(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if _contacts(ctx):
        return
    yield ctx.missing(
        rule,
        [
            "a named or designated contact, representative or manager",
            *ctx.searched("point-of-contact", shown=10),
        ],
    )


_ESCALATION_AHEAD = 3
"""Sentences after an informal dispute step in which the formal step it precedes may be named."""


def _escalations(ctx: LintContext) -> list[tuple[int, int]]:
    return _memo(ctx, "escalations", _find_escalations)


def _find_escalations(ctx: LintContext) -> list[tuple[int, int]]:
    sents = _sentences(ctx)
    out: list[tuple[int, int]] = []
    for i in sorted(set(sents.of("escalation")) | set(sents.of("dispute-negotiation"))):
        if not (sents.has("dispute-context", i) or sents.has("dispute-context", i - 1)):
            continue
        if not sents.has("escalation", i):
            # negotiation or consultation is a step only when a formal one comes after it
            steps = sents.of("dispute-negotiation")[i]
            later = [
                f
                for f in sents.near("formal-proceedings", i, i + _ESCALATION_AHEAD)
                if not any(s <= f[0] < e for s, e in steps)
            ]
            if not later:
                continue
        out.append(sents.ranges[i])
    return out


@detector("escalation_procedure")
def _detect_escalation(ctx: LintContext) -> Iterator[Provision]:
    for start, end in _escalations(ctx):
        yield ctx.provision("escalation_procedure", "Escalation", start, end)


def _no_escalation(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if _escalations(ctx):
        return
    yield ctx.missing(
        rule,
        [
            "an informal step for disputes (negotiation, escalation to senior managers, mediation) "
            "before arbitration or the courts",
            *ctx.searched("escalation", shown=10),
        ],
    )


def _meetings(ctx: LintContext) -> list[tuple[int, int, str | None]]:
    return _memo(ctx, "meetings", _find_meetings)


def _find_meetings(ctx: LintContext) -> list[tuple[int, int, str | None]]:
    sents = _sentences(ctx)
    frequencies = sents_of_hits(sents, ctx.hits("frequencies"))
    candidates = set(sents.of("governance-meetings")) | (set(sents.of("meeting-verb")) & set(frequencies))
    out: list[tuple[int, int, str | None]] = []
    for i in sorted(candidates):
        if sents.has("dispute-context", i) or sents.has("meeting-other-sense", i):
            continue
        spans = sents.of("governance-meetings").get(i) or sents.of("meeting-verb")[i]
        s_start, s_end = sents.ranges[i]
        out.append(
            (
                spans[0][0],
                max([spans[-1][1], *(h.end for h in frequencies.get(i, ()))]),
                _cadence(ctx, s_start, s_end),
            )
        )
    return out


def sents_of_hits(sents: _Sentences, hits: Sequence[Hit]) -> dict[int, list[Hit]]:
    out: dict[int, list[Hit]] = {}
    for hit in hits:
        out.setdefault(sents.index(hit.start), []).append(hit)
    return out


@detector("meetings_or_reviews")
def _detect_meetings(ctx: LintContext) -> Iterator[Provision]:
    for start, end, cadence in _meetings(ctx):
        attributes = {"cadence": cadence} if cadence else {}
        yield ctx.provision("meetings_or_reviews", "Meetings and reviews", start, end, attributes)


# --- notification duties ------------------------------------------------------------------------------


def _open_notifications(ctx: LintContext) -> list[tuple[int, int]]:
    return _memo(ctx, "open_notifications", _find_open_notifications)


def _find_open_notifications(ctx: LintContext) -> list[tuple[int, int]]:
    """Duties to notify of an event that matters, timed only by "promptly" and the like."""
    sents = _sentences(ctx)
    out: list[tuple[int, int]] = []
    done: set[int] = set()
    for i, spans in sorted(sents.of("vague-notification").items()):
        if i in done:
            continue
        s_start, s_end = sents.ranges[i]
        duty = next((d for d in (_duty_at(ctx, s) for s, _ in spans) if d is not None), None)
        if duty is None:
            # the match may start before the modal ("promptly ... notify" inside "shall promptly notify")
            duty = next((d for d in (_duty_at(ctx, e - 1) for _, e in spans) if d is not None), None)
        if duty is None:
            continue
        party = (duty.value or {}).get("party")
        if ctx.party and party and str(party).lower() == ctx.party.lower():
            continue  # the reviewing party's own duty: a looser deadline does not hurt it
        start, end = max(duty.start, s_start), min(duty.end, s_end)
        if not sents.has("notifiable-event", i):
            continue
        deadlines = [
            h
            for h in _hits_in(ctx.hits("durations"), s_start, s_end)
            if (h.value or {}).get("deadline") or (h.value or {}).get("bound")
        ]
        if deadlines or sents.has("outer-time-limit", i):
            continue
        done.add(i)
        out.append((start, end) if end > start else (s_start, s_end))
    return out


def _notification_without_time_limit(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    for start, end in _open_notifications(ctx):
        yield ctx.finding(rule, start, end)


# --- declarations -------------------------------------------------------------------------------------

NO_NOTICE_CLAUSE = Rule(
    code="CM001",
    name="no-notice-clause",
    category="communication",
    severity="warning",
    summary="The contract does not say how formal notices are given.",
    message="No notice clause was found: nothing says how notices are sent, to whom, or when they count "
    "as received.",
    why=(
        "Termination, breach and renewal rights usually work by notice. Without a notice clause the parties "
        "can argue over whether a notice was validly served, which can cost a termination right or a "
        "deadline."
    ),
    suggestion=(
        "All notices under this Agreement shall be in writing and delivered by hand, by courier or by "
        "registered mail to the addresses set out above (or such other address as a party notifies), with "
        "a copy by email. A notice is deemed received on delivery by hand, two (2) Business Days after "
        "dispatch by courier or registered mail, and on transmission by email if sent before 5 pm on a "
        "Business Day."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Termination. Either party may terminate this Agreement on ninety (90) days' written notice."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Termination. Either party may terminate this Agreement on ninety (90) days' written notice.\n\n"
        "3. Notices. All notices under this Agreement shall be in writing and sent by courier or "
        "registered mail to the addresses set out above, and are deemed received two (2) Business Days "
        "after dispatch."
    ),
    check=_no_notice_clause,
    anchor=("notices", "general", "miscellaneous"),
    provisions=("notice-clause", "notice-delivery-method", "notice-deemed-receipt"),
)

INCOMPLETE_NOTICE_CLAUSE = Rule(
    code="CM002",
    name="incomplete-notice-clause",
    category="communication",
    severity="info",
    summary="The notice clause leaves out the delivery method, the address or when notices are received.",
    message="The notice clause does not say how notices are delivered, where they go, or when they are "
    "deemed received.",
    why=(
        "A notice clause settles disputes about service only if it covers all three: the method, the "
        "address (or recipient) and the moment a notice takes effect. A gap in any of them invites an "
        "argument that a termination or claim notice arrived too late or never arrived."
    ),
    suggestion=(
        "Notices shall be sent to the addresses set out above, marked for the attention of the named "
        "contact, and are deemed received on delivery by hand, or two (2) Business Days after dispatch by "
        "courier or registered mail."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Notices. All notices under this Agreement shall be in writing and sent by registered mail."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Notices. All notices under this Agreement shall be in writing and sent by registered mail to "
        "the address set out above, and are deemed received three (3) Business Days after posting."
    ),
    check=_incomplete_notice_clause,
    provisions=("notice-delivery-method", "notice-address", "notice-deemed-receipt"),
)

NO_REPORTING = Rule(
    code="CM003",
    name="no-reporting-obligation",
    category="communication",
    severity="warning",
    summary="Nobody has to report on the work: no reports, status updates or progress information.",
    message="No reporting obligation was found: the supplier does not have to report on progress or "
    "performance.",
    why=(
        "Without reports the customer learns of problems only when they become failures. Regular reports "
        "are how a customer checks service levels, spots delays early and builds the record it needs to "
        "enforce the contract."
    ),
    suggestion=(
        "The Supplier shall deliver to the Customer, within five (5) Business Days after the end of each "
        "month, a written report on the Services, performance against the Service Levels, open issues and "
        "planned work for the next month."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the support services described in Schedule 1.\n\n"
        "2. Fees. The Customer shall pay the fees within thirty (30) days of invoice."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the support services described in Schedule 1.\n\n"
        "2. Reporting. The Supplier shall provide the Customer with a monthly report on the Services and "
        "its performance against the service levels."
    ),
    check=_no_reporting,
    anchor=("reporting", "reports", "services", "governance"),
    provisions=("reporting-obligation",),
)

REPORTING_WITHOUT_CADENCE = Rule(
    code="CM004",
    name="reporting-without-cadence",
    category="communication",
    severity="info",
    summary="A duty to report says neither how often nor by when.",
    message='A reporting duty has no cadence or deadline ("regular updates", "keep informed"): state how '
    "often reports are due.",
    why=(
        '"Keep the Customer informed" or "regular reports" cannot be enforced: the supplier decides what '
        "regular means. A fixed cadence (monthly, within five days after each month) makes a missed report "
        "a clear breach."
    ),
    suggestion=(
        "The Supplier shall deliver a written progress report to the Customer every two (2) weeks, and "
        "in any event within five (5) Business Days after the Customer's request."
    ),
    example_fail=(
        "1. Reporting. The Supplier shall provide regular progress reports to the Customer and shall keep "
        "the Customer informed of any issues."
    ),
    example_pass=(
        "1. Reporting. The Supplier shall provide progress reports to the Customer every two (2) weeks "
        "during the project."
    ),
    check=_reporting_without_cadence,
    provisions=("reporting-obligation", "vague-cadence", "event-trigger"),
)

NO_POINT_OF_CONTACT = Rule(
    code="CM005",
    name="no-point-of-contact",
    category="communication",
    severity="warning",
    summary="No named point of contact, project manager or representative for the relationship.",
    message="No point of contact was found: neither party designates a representative, project manager or "
    "account manager for the contract.",
    why=(
        "A named contact on each side is who receives day-to-day instructions, answers for the supplier's "
        "performance and takes a problem up the ladder. Without one, requests and complaints go to whoever "
        "answers the phone."
    ),
    suggestion=(
        "Each party shall appoint a representative (for the Supplier, an account manager) who is its "
        "single point of contact for the Services, and shall notify the other party of any change of "
        "representative within five (5) Business Days."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Fees. The Customer shall pay the fees within thirty (30) days of invoice."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Representatives. Each party shall appoint a project manager who is its point of contact for "
        "the Services."
    ),
    check=_no_point_of_contact,
    anchor=("governance", "representatives", "contract management", "services"),
    provisions=("point-of-contact",),
)

NO_ESCALATION = Rule(
    code="CM006",
    name="no-escalation-procedure",
    category="communication",
    severity="warning",
    summary="Disputes go straight to court or arbitration, with no escalation or negotiation step.",
    message="No escalation procedure was found: nothing takes a problem or dispute up to senior managers or "
    "through a negotiation period before formal proceedings.",
    why=(
        "Most service disputes are settled by people who know the relationship. A stepped procedure "
        "(project managers, then senior executives, then mediation) resolves them quickly and cheaply; a "
        "bare governing-law clause sends every disagreement to lawyers."
    ),
    suggestion=(
        "A party may refer any dispute to the other party's project manager by written notice. If it is "
        "not resolved within ten (10) Business Days, either party may escalate it to its senior executive, "
        "who shall meet and negotiate in good faith. Only if the dispute remains unresolved twenty (20) "
        "Business Days after escalation may either party start arbitration or court proceedings."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Governing Law. This Agreement is governed by the laws of England, and the courts of London "
        "have exclusive jurisdiction."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the Services described in Schedule 1.\n\n"
        "2. Disputes. Any dispute shall first be escalated to the senior executives of the parties, who "
        "shall negotiate in good faith for twenty (20) Business Days. If the dispute is not resolved, either "
        "party may bring proceedings in the courts of London."
    ),
    check=_no_escalation,
    anchor=("dispute", "governing law", "general", "miscellaneous"),
    provisions=("escalation", "dispute-context", "formal-proceedings"),
)

NOTIFICATION_WITHOUT_TIME_LIMIT = Rule(
    code="CM007",
    name="notification-without-time-limit",
    category="communication",
    severity="warning",
    summary='A duty to notify of an incident, breach, delay or claim says only "promptly" or "without '
    'undue delay".',
    message='The duty to notify has no outer time limit ("promptly", "as soon as practicable"): state a '
    "deadline in hours or days.",
    why=(
        "When a security incident, a delay or a claim happens, the other party's own deadlines start "
        'running (regulators, customers, insurers). "Promptly" lets the notifying party decide how fast '
        "is fast enough; a fixed limit (within 24 hours) is enforceable."
    ),
    suggestion=(
        "The Supplier shall notify the Customer of any Security Incident without undue delay and in any "
        "event within twenty-four (24) hours of becoming aware of it."
    ),
    example_fail=(
        "1. Security. The Supplier shall promptly notify the Customer of any security incident affecting "
        "Customer Data."
    ),
    example_pass=(
        "1. Security. The Supplier shall notify the Customer of any security incident affecting Customer "
        "Data within twenty-four (24) hours of becoming aware of it."
    ),
    check=_notification_without_time_limit,
    provisions=("vague-notification", "notifiable-event"),
)

RULES: tuple[Rule, ...] = (
    NO_NOTICE_CLAUSE,
    INCOMPLETE_NOTICE_CLAUSE,
    NO_REPORTING,
    REPORTING_WITHOUT_CADENCE,
    NO_POINT_OF_CONTACT,
    NO_ESCALATION,
    NOTIFICATION_WITHOUT_TIME_LIMIT,
)

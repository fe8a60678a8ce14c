"""Customer-facing work: when the services deal with the customer's own customers or the public, what must
come with them (issue 6).

The words live in ``patterns/customer_facing.yaml``. This module decides what data cannot: whether a
support, service or sales cue serves the customer's own customers (an end-customer word in the same
sentence) or only the customer itself ("customer support" for the hosting the customer buys), and it keeps
the rules silent when the services are not customer-facing. Sentences that only forbid dealing with
customers (non-solicitation, non-competition) or protect customer lists as secrets do not make the work
customer-facing.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from contractlint.model import Finding, Provision
from contractlint.rules.base import Check, Rule
from contractlint.rules.context import ContextCache, LintContext
from contractlint.rules.inventory import detector

__all__ = ["RULES", "CustomerFacing", "analyse_customer_facing"]

Span = tuple[int, int]

_NOT_SERVICE = regex.compile(
    r"\b(?:solicit\w*|non-?compet\w*|compete|competing|interfere\w*|divert\w*|induce|entice|confidential\w*"
    r"|disparag\w*|publicity|press|announce\w*|public\s+communications?|liab\w*|indemn\w*)\b",
    regex.IGNORECASE,
)
"""Sentences that forbid or protect rather than describe work with customers."""


@dataclass(frozen=True, slots=True)
class CustomerFacing:
    """The customer-facing parts of one contract and what comes with them (sentence ranges)."""

    functions: tuple[Span, ...]
    service_levels: tuple[Span, ...]
    remedies: tuple[Span, ...]
    conduct: tuple[Span, ...]
    monitoring: tuple[Span, ...]
    complaints: tuple[Span, ...]
    data: tuple[Span, ...]

    @property
    def applies(self) -> bool:
        return bool(self.functions)


_CACHE: ContextCache[CustomerFacing] = ContextCache()


def analyse_customer_facing(ctx: LintContext) -> CustomerFacing:
    """Whether the services are customer-facing, and where the provisions that go with them are."""
    cached = _CACHE.get(ctx)
    if cached is None:
        cached = _CACHE[ctx] = _analyse(ctx)
    return cached


def _by_sentence(ctx: LintContext, pattern_id: str) -> dict[int, list[Span]]:
    starts = [s for s, _ in ctx.sentences]
    out: dict[int, list[Span]] = {}
    for span in ctx.pattern_spans(pattern_id):
        i = bisect.bisect_right(starts, span[0]) - 1
        if i >= 0:
            out.setdefault(i, []).append(span)
    return out


def _analyse(ctx: LintContext) -> CustomerFacing:
    ranges = ctx.sentences
    channel = _by_sentence(ctx, "customer-facing-channel")
    function = _by_sentence(ctx, "customer-facing-function")
    end_customer = _by_sentence(ctx, "end-customer")
    found: list[int] = []
    for i in sorted(set(channel) | (set(function) & set(end_customer))):
        s, e = ranges[i]
        if _NOT_SERVICE.search(ctx.text, s, e):
            continue
        found.append(i)

    def spans(pattern_id: str) -> tuple[Span, ...]:
        return tuple(ranges[i] for i in sorted(_by_sentence(ctx, pattern_id)))

    return CustomerFacing(
        functions=tuple(ranges[i] for i in found),
        service_levels=spans("interaction-service-levels"),
        remedies=spans("service-level-remedy"),
        conduct=spans("conduct-standards"),
        monitoring=spans("interaction-monitoring"),
        complaints=spans("complaint-handling"),
        data=spans("end-customer-data"),
    )


def _because(ctx: LintContext, cf: CustomerFacing) -> str:
    """Why the services count as customer-facing: the first sentence that says so, shortened."""
    s, e = ctx.trim(*cf.functions[0])
    return ctx.excerpt(s, e)[:160]


# --- inventory -----------------------------------------------------------------------------------------

_KINDS: tuple[tuple[str, str, str], ...] = (
    ("customer_facing_services", "Customer-facing services", "functions"),
    ("interaction_service_levels", "Service levels for customer interactions", "service_levels"),
    ("conduct_standards", "Brand, script or conduct standards", "conduct"),
    ("interaction_monitoring", "Monitoring or recording of customer interactions", "monitoring"),
    ("complaint_handling", "Complaint handling and escalation", "complaints"),
    ("end_customer_data", "Protection of end-customer data", "data"),
)


def _register(kind: str, label: str, attr: str) -> None:
    @detector(kind)
    def detect(ctx: LintContext) -> Iterator[Provision]:
        cf = analyse_customer_facing(ctx)
        if not cf.applies:
            return  # the companions only mean something next to customer-facing work
        for start, end in getattr(cf, attr):
            s, e = ctx.trim(start, end)
            yield ctx.provision(kind, label, s, e)


for _kind, _label, _attr in _KINDS:
    _register(_kind, _label, _attr)


# --- rules ---------------------------------------------------------------------------------------------


def _missing(attr: str, *pattern_ids: str) -> Check:
    """A missing finding when the services are customer-facing and ``attr`` found nothing."""

    def check(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
        cf = analyse_customer_facing(ctx)
        if cf.applies and not getattr(cf, attr):
            message = f'{rule.message} The services deal with end customers: "{_because(ctx, cf)}"'
            yield ctx.missing(rule, ctx.searched(*pattern_ids), message=message)

    return check


def _no_service_levels(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    cf = analyse_customer_facing(ctx)
    if not cf.applies:
        return
    if not cf.service_levels:
        message = f'{rule.message} The services deal with end customers: "{_because(ctx, cf)}"'
        yield ctx.missing(rule, ctx.searched("interaction-service-levels"), message=message)
    elif not cf.remedies:
        first = cf.service_levels[0]
        message = (
            "Service levels are stated, but nothing happens when they are missed: no service credits, fee "
            "reductions or other remedy."
        )
        yield ctx.finding(rule, first[0], first[1], message=message)


_CF_FAIL = (
    "1. Services. The Supplier shall operate a call centre that answers inbound calls from the Customer's "
    "customers about their accounts.\n\n2. Fees. The Customer shall pay the fees within thirty (30) days "
    "of invoice."
)

NO_INTERACTION_SERVICE_LEVELS = Rule(
    code="CF001",
    name="customer-facing-without-service-levels",
    category="customer-facing",
    severity="warning",
    summary="Customer-facing services without measurable service levels and remedies.",
    message=(
        "No measurable service levels for the dealings with end customers were found (answer, response or "
        "resolution times, quality or satisfaction scores)."
    ),
    why=(
        "When the provider speaks to the customer's own customers, its failures become the customer's "
        "reputation. Service levels for those contacts, with credits when they are missed, are the only "
        "way to hold the provider to a standard the customer can measure. Silent when the services do not "
        "deal with the customer's customers or the public."
    ),
    suggestion=(
        "The Supplier shall answer 90% of calls within 30 seconds, respond to 95% of emails within one "
        "(1) Business Day and resolve 80% of enquiries at first contact, measured monthly; for each "
        "service level missed the Supplier shall credit 5% of the monthly charges."
    ),
    example_fail=_CF_FAIL,
    example_pass=(
        "1. Services. The Supplier shall operate a call centre that answers inbound calls from the "
        "Customer's customers about their accounts.\n\n2. Service Levels. The Supplier shall answer 90% of "
        "calls within thirty (30) seconds. For each month in which it fails to meet a Service Level the "
        "Supplier shall credit 5% of the monthly charges as a service credit."
    ),
    check=_no_service_levels,
    anchor=("service level", "performance", "services", "scope"),
    provisions=(
        "customer-facing-channel",
        "customer-facing-function",
        "end-customer",
        "interaction-service-levels",
        "service-level-remedy",
    ),
)

NO_CONDUCT_STANDARDS = Rule(
    code="CF002",
    name="customer-facing-without-conduct-standards",
    category="customer-facing",
    severity="warning",
    summary="Customer-facing services without brand, script or conduct standards.",
    message=(
        "No brand, script or conduct standards for the dealings with end customers were found (approved "
        "scripts, brand guidelines, a code of conduct, courtesy)."
    ),
    why=(
        "End customers see the provider's staff as the customer. Without brand and script rules, or a "
        "code of conduct, what they are told and how they are treated is left to the provider. Silent when "
        "the services are not customer-facing."
    ),
    suggestion=(
        "In dealing with the Customer's customers the Supplier shall use only scripts and materials "
        "approved in writing by the Customer, follow the Customer's brand guidelines and code of conduct, "
        "and treat every end customer courteously and professionally."
    ),
    example_fail=_CF_FAIL,
    example_pass=(
        "1. Services. The Supplier shall operate a call centre that answers inbound calls from the "
        "Customer's customers about their accounts.\n\n2. Conduct. The Supplier shall use only scripts "
        "approved by the Customer and follow the Customer's brand guidelines."
    ),
    check=_missing("conduct", "conduct-standards"),
    anchor=("conduct", "standards", "services", "scope"),
    provisions=("conduct-standards",),
)

NO_MONITORING = Rule(
    code="CF003",
    name="customer-facing-without-monitoring-rights",
    category="customer-facing",
    severity="warning",
    summary="The customer may not monitor, record or audit the dealings with its end customers.",
    message=(
        "No right for the customer to monitor, record or audit the dealings with its end customers was found."
    ),
    why=(
        "Reports say what the provider chooses to count. The right to listen to calls, read transcripts "
        "or audit how end customers are handled is how the customer finds out before its customers "
        "complain. Silent when the services are not customer-facing."
    ),
    suggestion=(
        "The Customer may monitor and record calls and other contacts with its customers, in real time or "
        "from recordings, and audit the Supplier's handling of them on reasonable notice; the Supplier "
        "shall keep recordings for ninety (90) days."
    ),
    example_fail=_CF_FAIL,
    example_pass=(
        "1. Services. The Supplier shall operate a call centre that answers inbound calls from the "
        "Customer's customers about their accounts.\n\n2. Monitoring. The Customer may monitor and record "
        "calls handled by the Supplier."
    ),
    check=_missing("monitoring", "interaction-monitoring"),
    anchor=("monitor", "audit", "quality", "services"),
    provisions=("interaction-monitoring",),
)

NO_COMPLAINT_HANDLING = Rule(
    code="CF004",
    name="customer-facing-without-complaint-handling",
    category="customer-facing",
    severity="warning",
    summary="No procedure for end customers' complaints, and no escalation to the customer.",
    message=(
        "No complaint handling was found: nothing says how end customers' complaints are handled, "
        "recorded and escalated or reported to the customer."
    ),
    why=(
        "Complaints are where regulatory and reputational risk shows first. The customer needs to know of "
        "them, have serious ones escalated at once, and set how they are resolved. Silent when the "
        "services are not customer-facing."
    ),
    suggestion=(
        "The Supplier shall log every complaint from the Customer's customers, resolve it under the "
        "complaints procedure in Schedule 4, escalate to the Customer within one (1) Business Day any "
        "complaint it cannot resolve, and report all complaints monthly."
    ),
    example_fail=_CF_FAIL,
    example_pass=(
        "1. Services. The Supplier shall operate a call centre that answers inbound calls from the "
        "Customer's customers about their accounts.\n\n2. Complaints. The Supplier shall log every "
        "complaint and escalate unresolved complaints to the Customer within one (1) Business Day."
    ),
    check=_missing("complaints", "complaint-handling"),
    anchor=("complaint", "escalat", "services"),
    provisions=("complaint-handling",),
)

NO_END_CUSTOMER_DATA = Rule(
    code="CF005",
    name="customer-facing-without-data-protection",
    category="customer-facing",
    severity="warning",
    summary="End customers' data is handled, but nothing protects it.",
    message=(
        "No protection of end customers' data was found (personal data, privacy or data-protection duties, "
        "security of customer information)."
    ),
    why=(
        "A provider that deals with the customer's customers holds their personal data, and the customer "
        "usually answers for it to them and to regulators. Duties to process it only on instructions, keep "
        "it secure and comply with privacy law belong in the contract. Silent when the services are not "
        "customer-facing."
    ),
    suggestion=(
        "The Supplier shall process the personal data of the Customer's customers only on the Customer's "
        "documented instructions and in compliance with applicable data protection law, keep it secure "
        "and confidential, and notify the Customer of any breach within twenty-four (24) hours."
    ),
    example_fail=_CF_FAIL,
    example_pass=(
        "1. Services. The Supplier shall operate a call centre that answers inbound calls from the "
        "Customer's customers about their accounts.\n\n2. Data. The Supplier shall process personal data "
        "of the Customer's customers only in compliance with data protection law."
    ),
    check=_missing("data", "end-customer-data"),
    anchor=("data", "privacy", "confidential", "services"),
    provisions=("end-customer-data",),
)

RULES: tuple[Rule, ...] = (
    NO_INTERACTION_SERVICE_LEVELS,
    NO_CONDUCT_STANDARDS,
    NO_MONITORING,
    NO_COMPLAINT_HANDLING,
    NO_END_CUSTOMER_DATA,
)

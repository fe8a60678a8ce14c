"""Professional standards: standard of care, qualified and key personnel, subcontracting, insurance,
audit rights, warranties and caps on liability (issue 6).

The words live in ``patterns/professional.yaml``; this module decides what the pattern files cannot: which
hits share a sentence (a warranty word and a period in one sentence is a warranty period), whether an
insurance duty states its amounts, and whether a rule applies at all. A missing standard only matters in
a contract for services (the ``services-description`` provision the deliverables family looks for); staff
rules need services performed by people, and professional indemnity cover only matters where advice,
design or development is bought.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from contractlint.model import Finding, Provision
from contractlint.rules.base import Rule
from contractlint.rules.context import ContextCache, LintContext
from contractlint.rules.inventory import detector

__all__ = ["RULES", "ProfessionalAnalysis", "analyse_professional", "services_contract"]

Span = tuple[int, int]

_AMOUNT_REACH = 3
"""Sentences after an insurance duty in which its amounts may be stated (a list of policies and limits)."""


class _Sentences:
    """Which sentences hold hits of which pattern rules."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.ranges = ctx.sentences
        self.starts = [s for s, _ in self.ranges]
        self._cache: dict[str, dict[int, list[Span]]] = {}

    def index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def of(self, pattern_id: str) -> dict[int, list[Span]]:
        """Sentence index -> spans of ``pattern_id`` starting in it."""
        found = self._cache.get(pattern_id)
        if found is None:
            found = {}
            if self.ranges:
                for span in self.ctx.pattern_spans(pattern_id):
                    found.setdefault(self.index(span[0]), []).append(span)
            self._cache[pattern_id] = found
        return found

    def has(self, pattern_id: str, i: int) -> bool:
        return i in self.of(pattern_id)

    def spans(self, pattern_id: str, *, unless: str | None = None) -> list[Span]:
        """The sentences holding ``pattern_id`` hits, except hits that overlap an ``unless`` hit."""
        other = self.ctx.pattern_spans(unless) if unless else ()
        out: list[Span] = []
        for i, hits in sorted(self.of(pattern_id).items()):
            if all(any(s < oe and os < e for os, oe in other) for s, e in hits):
                continue
            out.append(self.ranges[i])
        return out


@dataclass(frozen=True, slots=True)
class Insurance:
    """A sentence that obliges a party to insure."""

    start: int
    end: int
    amounts: bool
    """Limits or amounts are stated here or in the next few sentences (or redacted)."""
    professional_indemnity: bool


@dataclass(frozen=True, slots=True)
class Warranty:
    """A sentence that warrants the quality of work or goods, or limits the time to claim defects."""

    start: int
    end: int
    period: bool
    remedy: bool


@dataclass(frozen=True, slots=True)
class ProfessionalAnalysis:
    standard_of_care: tuple[Span, ...]
    qualified_personnel: tuple[Span, ...]
    key_personnel: tuple[Span, ...]
    subcontracting: tuple[Span, ...]
    insurance: tuple[Insurance, ...]
    audit: tuple[Span, ...]
    warranties: tuple[Warranty, ...]
    caps: tuple[Span, ...]


_CACHE: ContextCache[ProfessionalAnalysis] = ContextCache()


def analyse_professional(ctx: LintContext) -> ProfessionalAnalysis:
    """The professional-standards provisions of one contract (computed once per lint)."""
    cached = _CACHE.get(ctx)
    if cached is None:
        cached = _CACHE[ctx] = _analyse(ctx)
    return cached


def _analyse(ctx: LintContext) -> ProfessionalAnalysis:
    sents = _Sentences(ctx)
    return ProfessionalAnalysis(
        standard_of_care=tuple(sents.spans("standard-of-care")),
        qualified_personnel=tuple(sents.spans("qualified-personnel")),
        key_personnel=tuple(sents.spans("key-personnel")),
        subcontracting=tuple(sents.spans("subcontracting-control")),
        insurance=tuple(_insurance(ctx, sents)),
        audit=tuple(sents.spans("audit-right", unless="audit-not-a-right")),
        warranties=tuple(_warranties(sents)),
        caps=tuple(sents.spans("liability-cap")),
    )


def _insurance(ctx: LintContext, sents: _Sentences) -> Iterator[Insurance]:
    money = sorted(h.start for h in ctx.hits("money"))
    redacted = sents.of("insurance-amount-redacted")
    pi = sents.of("professional-indemnity")
    for start, end in sents.spans("insurance-duty", unless="insurance-not-a-duty"):
        i = sents.index(start)
        last = min(i + _AMOUNT_REACH, len(sents.ranges) - 1)
        hi = sents.ranges[last][1]
        k = bisect.bisect_left(money, start)
        amounts = (k < len(money) and money[k] < hi) or any(j in redacted for j in range(i, last + 1))
        yield Insurance(start, end, amounts, any(j in pi for j in range(max(i - 1, 0), last + 1)))


def _warranties(sents: _Sentences) -> Iterator[Warranty]:
    """Warranty sentences: a warranty word with a period, a defect claim with a time limit, or a warranty
    word with a defect or a remedy. Periods in sentences about cure, survival or termination are not
    warranty periods."""
    seen: set[int] = set()
    periods = sents.of("warranty-period")
    for i in sorted(set(sents.of("warranty-word")) | set(sents.of("defect-claim"))):
        if i in seen:
            continue
        seen.add(i)
        other = sents.has("warranty-not-a-period", i)
        word = sents.has("warranty-word", i)
        named = any(sents.ctx.text[s:e].lower().startswith("warranty period") for s, e in periods.get(i, []))
        dated = word and i in periods and not other
        claimed = sents.has("defect-claim", i) and sents.has("claim-window", i) and not other
        remedy = sents.has("warranty-remedy", i)
        if not (named or dated or claimed or (word and (remedy or sents.has("defect-claim", i)))):
            continue
        start, end = sents.ranges[i]
        yield Warranty(start, end, named or dated or claimed, remedy)


def services_contract(ctx: LintContext) -> bool:
    """A contract for services: what the deliverables family checks first (the services or deliverables
    are described). Pure licence, supply or distribution deals without a services description are not."""
    result = ctx.results.get("services-description")
    return result is not None and result.status == "present"


def _people(ctx: LintContext) -> bool:
    return services_contract(ctx) and bool(ctx.pattern_spans("people-services"))


def _advice(ctx: LintContext) -> bool:
    return services_contract(ctx) and bool(ctx.pattern_spans("advice-or-development"))


# --- inventory -----------------------------------------------------------------------------------------


def _provisions(ctx: LintContext, kind: str, label: str, spans: Sequence[Span]) -> Iterator[Provision]:
    for start, end in spans:
        s, e = ctx.trim(start, end)
        yield ctx.provision(kind, label, s, e)


@detector("standard_of_care")
def _detect_standard(ctx: LintContext) -> Iterator[Provision]:
    yield from _provisions(
        ctx, "standard_of_care", "Standard of care", analyse_professional(ctx).standard_of_care
    )


@detector("qualified_personnel")
def _detect_qualified(ctx: LintContext) -> Iterator[Provision]:
    spans = analyse_professional(ctx).qualified_personnel
    yield from _provisions(ctx, "qualified_personnel", "Qualified personnel", spans)


@detector("key_personnel")
def _detect_key(ctx: LintContext) -> Iterator[Provision]:
    spans = analyse_professional(ctx).key_personnel
    yield from _provisions(ctx, "key_personnel", "Key personnel or approval of staff", spans)


@detector("subcontracting_control")
def _detect_subcontracting(ctx: LintContext) -> Iterator[Provision]:
    spans = analyse_professional(ctx).subcontracting
    yield from _provisions(ctx, "subcontracting_control", "Control of subcontracting", spans)


@detector("insurance")
def _detect_insurance(ctx: LintContext) -> Iterator[Provision]:
    for item in analyse_professional(ctx).insurance:
        s, e = ctx.trim(item.start, item.end)
        attributes = {"amounts": "stated" if item.amounts else "not stated"}
        if item.professional_indemnity:
            attributes["professional_indemnity"] = "yes"
        yield ctx.provision("insurance", "Insurance", s, e, attributes)


@detector("audit_rights")
def _detect_audit(ctx: LintContext) -> Iterator[Provision]:
    yield from _provisions(ctx, "audit_rights", "Audit rights", analyse_professional(ctx).audit)


@detector("warranty")
def _detect_warranty(ctx: LintContext) -> Iterator[Provision]:
    for w in analyse_professional(ctx).warranties:
        s, e = ctx.trim(w.start, w.end)
        attributes = {"period": "stated" if w.period else "not stated", "remedy": "yes" if w.remedy else "no"}
        yield ctx.provision("warranty", "Warranty", s, e, attributes)


@detector("warranty_duration")
def _detect_warranty_duration(ctx: LintContext) -> Iterator[Provision]:
    for w in analyse_professional(ctx).warranties:
        if w.period:
            s, e = ctx.trim(w.start, w.end)
            yield ctx.provision("warranty_duration", "Warranty period", s, e)


@detector("cap_on_liability")
def _detect_cap(ctx: LintContext) -> Iterator[Provision]:
    yield from _provisions(ctx, "cap_on_liability", "Limitation of liability", analyse_professional(ctx).caps)


# --- rules ---------------------------------------------------------------------------------------------


def _no_standard_of_care(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if services_contract(ctx) and not analyse_professional(ctx).standard_of_care:
        yield ctx.missing(rule, ctx.searched("standard-of-care"))


def _no_qualified_personnel(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    a = analyse_professional(ctx)
    if _people(ctx) and not a.qualified_personnel:
        yield ctx.missing(rule, ctx.searched("qualified-personnel"))


def _no_key_personnel(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if _people(ctx) and not analyse_professional(ctx).key_personnel:
        yield ctx.missing(rule, ctx.searched("key-personnel"))


def _no_subcontracting_control(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if services_contract(ctx) and not analyse_professional(ctx).subcontracting:
        yield ctx.missing(rule, ctx.searched("subcontracting-control"))


def _no_insurance(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if services_contract(ctx) and not analyse_professional(ctx).insurance:
        yield ctx.missing(rule, ctx.searched("insurance-duty"))


def _insurance_without_amounts(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    found = analyse_professional(ctx).insurance
    if found and not any(i.amounts for i in found):
        yield ctx.finding(rule, found[0].start, found[0].end)


def _no_professional_indemnity(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    found = analyse_professional(ctx).insurance
    if not found or not _advice(ctx) or ctx.pattern_spans("professional-indemnity"):
        return
    yield ctx.finding(rule, found[0].start, found[0].end)


def _no_audit_rights(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if services_contract(ctx) and not analyse_professional(ctx).audit:
        yield ctx.missing(rule, ctx.searched("audit-right"))


def _no_warranty_period(ctx: LintContext, rule: Rule) -> Iterator[Finding]:
    if not services_contract(ctx):
        return
    warranties = analyse_professional(ctx).warranties
    if any(w.period for w in warranties):
        return
    if warranties:
        first = warranties[0]
        message = (
            "A warranty is given, but no period is stated in which defects may be claimed and must be put "
            "right."
        )
        yield ctx.finding(rule, first.start, first.end, message=message)
    else:
        yield ctx.missing(rule, ctx.searched("warranty-word", "warranty-period", "warranty-remedy"))


_SERVICES_FAIL = (
    "1. Services. The Supplier shall provide the consulting services described in Schedule 1 (Statement of "
    "Work) using its own staff.\n\n2. Fees. The Customer shall pay the fees within thirty (30) days of "
    "invoice."
)

NO_STANDARD_OF_CARE = Rule(
    code="PS001",
    name="no-standard-of-care",
    category="professional",
    severity="warning",
    summary="The services have no standard of performance (professional skill and care, workmanlike manner).",
    message=(
        "No standard of performance was found: nothing says the services must be performed with "
        "professional skill and care, in a workmanlike manner or to good industry practice."
    ),
    why=(
        "Without a stated standard the customer must prove what quality was implied, which differs by law "
        "and is argued after the fact; a written standard makes poor work a plain breach. Only contracts "
        "that describe services are checked."
    ),
    suggestion=(
        "The Supplier shall perform the Services with the degree of skill, care and diligence reasonably "
        "expected of a skilled and experienced provider of similar services, in a professional and "
        "workmanlike manner and in accordance with good industry practice."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work) in a professional and workmanlike manner.\n\n2. Fees. The Customer shall pay "
        "the fees within thirty (30) days of invoice."
    ),
    check=_no_standard_of_care,
    anchor=("standard", "warrant", "services", "scope"),
    provisions=("standard-of-care",),
)

NO_QUALIFIED_PERSONNEL = Rule(
    code="PS002",
    name="no-qualified-personnel",
    category="professional",
    severity="warning",
    summary="Nothing requires the staff who perform the services to be qualified, trained or licensed.",
    message="No requirement that the staff performing the services be qualified, trained or licensed.",
    why=(
        "The customer pays for expertise; without a qualification duty the provider may staff the work "
        "with whoever is free, and the customer cannot object until the results show it. Checked only "
        "where services are performed by people (staff, personnel, consultants)."
    ),
    suggestion=(
        "The Supplier shall ensure that all personnel performing the Services are suitably qualified, "
        "trained and experienced, and hold every licence and certification the Services require."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work) using suitably qualified and experienced staff.\n\n2. Fees. The Customer "
        "shall pay the fees within thirty (30) days of invoice."
    ),
    check=_no_qualified_personnel,
    anchor=("personnel", "staff", "services", "scope"),
    provisions=("qualified-personnel", "people-services"),
)

NO_KEY_PERSONNEL = Rule(
    code="PS003",
    name="no-key-personnel",
    category="professional",
    severity="info",
    summary="No key personnel, and no right for the customer to approve or remove the provider's staff.",
    message=(
        "No key personnel clause was found, and the customer has no right to approve, remove or require "
        "the replacement of the provider's staff."
    ),
    why=(
        "Services bought for the people who pitched them can be handed to others the day after signing. "
        "Naming key personnel, and letting the customer require the removal of unsuitable staff, keeps "
        "the team the price was based on. Checked only where services are performed by people."
    ),
    suggestion=(
        "The Supplier shall assign the Key Personnel named in Schedule 3 to the Services and shall not "
        "replace them without the Customer's prior written consent. The Customer may on reasonable "
        "grounds require the Supplier to remove any member of its staff, and the Supplier shall replace "
        "that person within ten (10) Business Days with a suitably qualified person."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work) using its own staff.\n\n2. Key Personnel. The Key Personnel named in Schedule 3 "
        "shall not be replaced without the Customer's prior written consent."
    ),
    check=_no_key_personnel,
    anchor=("personnel", "staff", "services", "scope"),
    provisions=("key-personnel", "people-services"),
)

NO_SUBCONTRACTING_CONTROL = Rule(
    code="PS004",
    name="no-subcontracting-control",
    category="professional",
    severity="warning",
    summary="The provider may subcontract freely: no consent, no duty to answer for subcontractors.",
    message=(
        "No control of subcontracting was found: neither a need for the customer's consent nor a statement "
        "that the provider remains responsible for its subcontractors."
    ),
    why=(
        "The customer chose the provider, not the provider's subcontractors. Without consent the work can "
        "move to an unknown party; without an express statement, the provider may argue that the "
        "subcontractor's failures are not its own."
    ),
    suggestion=(
        "The Supplier shall not subcontract any of its obligations without the Customer's prior written "
        "consent. The Supplier remains responsible for the acts and omissions of its subcontractors as if "
        "they were its own."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work).\n\n2. Subcontracting. The Supplier shall not subcontract the Services "
        "without the Customer's prior written consent."
    ),
    check=_no_subcontracting_control,
    anchor=("subcontract", "assignment", "services"),
    provisions=("subcontracting-control",),
)

NO_INSURANCE = Rule(
    code="PS005",
    name="no-insurance-requirement",
    category="professional",
    severity="warning",
    summary="The provider need not hold any insurance.",
    message="No duty to take out and maintain insurance was found.",
    why=(
        "An indemnity or a damages claim is only worth what the provider can pay. Insurance of stated types "
        "and amounts (public liability, employer's liability, and professional indemnity where advice or "
        "development is bought) makes the customer's remedies real."
    ),
    suggestion=(
        "The Supplier shall maintain during the Term and for six (6) years after it, with reputable "
        "insurers, public liability insurance of at least USD 5,000,000 per occurrence and professional "
        "indemnity insurance of at least USD 2,000,000 per claim, and shall provide certificates of "
        "insurance on request."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work).\n\n2. Insurance. The Supplier shall maintain professional indemnity "
        "insurance of at least USD 2,000,000 per claim."
    ),
    check=_no_insurance,
    anchor=("insurance", "liability", "indemn"),
    provisions=("insurance-duty", "insurance-not-a-duty"),
)

INSURANCE_WITHOUT_AMOUNTS = Rule(
    code="PS006",
    name="insurance-without-amounts",
    category="professional",
    severity="info",
    summary="Insurance is required, but no amount or limit of cover is stated.",
    message="Insurance is required here, but no amount or limit of cover is stated for it.",
    why=(
        '"Adequate insurance" lets the provider decide what is adequate. Stating the minimum limit for '
        "each type of cover lets the customer check the certificates against something."
    ),
    suggestion=(
        'State each type of cover and its minimum limit: "public liability insurance of at least USD '
        '5,000,000 per occurrence; professional indemnity insurance of at least USD 2,000,000 per claim".'
    ),
    example_fail=(
        "1. Insurance. The Supplier shall maintain adequate insurance with reputable insurers during the "
        "Term."
    ),
    example_pass=(
        "1. Insurance. The Supplier shall maintain public liability insurance of at least USD 5,000,000 per "
        "occurrence during the Term."
    ),
    check=_insurance_without_amounts,
    provisions=("insurance-duty",),
)

NO_PROFESSIONAL_INDEMNITY = Rule(
    code="PS007",
    name="no-professional-indemnity-insurance",
    category="professional",
    severity="info",
    summary="Advice or development is bought, but the insurance has no professional indemnity cover.",
    message=(
        "Insurance is required, but not professional indemnity (errors and omissions) cover, although the "
        "contract buys advice, design or development."
    ),
    why=(
        "Liability and property policies do not pay for financial loss caused by bad advice or defective "
        "design or software; only professional indemnity (errors and omissions) cover does. Checked only "
        "where consulting, advisory, design, engineering or development services are bought and some "
        "insurance is already required (no insurance at all is PS005)."
    ),
    suggestion=(
        "The Supplier shall maintain professional indemnity (errors and omissions) insurance of at least "
        "USD 2,000,000 per claim during the Term and for six (6) years after it."
    ),
    example_fail=(
        "1. Services. The Supplier shall provide the software development services described in Schedule 1 "
        "(Statement of Work).\n\n2. Insurance. The Supplier shall maintain general liability insurance of "
        "at least USD 1,000,000 per occurrence."
    ),
    example_pass=(
        "1. Services. The Supplier shall provide the software development services described in Schedule 1 "
        "(Statement of Work).\n\n2. Insurance. The Supplier shall maintain general liability insurance of "
        "at least USD 1,000,000 per occurrence and professional indemnity insurance of at least USD "
        "2,000,000 per claim."
    ),
    check=_no_professional_indemnity,
    provisions=("professional-indemnity", "advice-or-development"),
)

NO_AUDIT_RIGHTS = Rule(
    code="PS008",
    name="no-audit-rights",
    category="professional",
    severity="warning",
    summary="The customer cannot audit or inspect the provider's records, premises or performance.",
    message="No right to audit or inspect the provider's records, premises or performance was found.",
    why=(
        "Charges, service levels and compliance duties can only be checked with access to the provider's "
        "records; without an audit right the customer has to rely on the provider's own reports."
    ),
    suggestion=(
        "The Customer, or an auditor it appoints, may on ten (10) Business Days' notice audit the "
        "Supplier's records, systems and premises used for the Services, to verify the charges and the "
        "Supplier's compliance with this Agreement; the Supplier shall give all reasonable assistance."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work).\n\n2. Audit. The Customer may audit the Supplier's books and records relating "
        "to the Services once a year on reasonable notice."
    ),
    check=_no_audit_rights,
    anchor=("audit", "records", "inspection"),
    provisions=("audit-right", "audit-not-a-right"),
)

NO_WARRANTY_PERIOD = Rule(
    code="PS009",
    name="no-warranty-remedy-period",
    category="professional",
    severity="warning",
    summary="No warranty period in which defective services or deliverables must be put right.",
    message=(
        "No warranty with a period was found: nothing says for how long defects in the services or "
        "deliverables may be claimed and must be corrected."
    ),
    why=(
        "Defects often show only after acceptance. A warranty period, with a duty to re-perform or correct "
        "within it, gives the customer a remedy short of suing for damages; without one the provider can "
        "charge for every fix."
    ),
    suggestion=(
        "The Supplier warrants that the Services and Deliverables will conform to the Specification for "
        "ninety (90) days after acceptance, and shall re-perform or correct any non-conforming Services or "
        "Deliverables at its own cost within ten (10) Business Days of notice."
    ),
    example_fail=_SERVICES_FAIL,
    example_pass=(
        "1. Services. The Supplier shall provide the consulting services described in Schedule 1 "
        "(Statement of Work).\n\n2. Warranty. The Supplier warrants that the Services will conform to the "
        "Statement of Work for ninety (90) days after acceptance and shall re-perform non-conforming "
        "Services at its own cost."
    ),
    check=_no_warranty_period,
    anchor=("warrant", "defect", "services"),
    provisions=("warranty-word", "warranty-period", "defect-claim", "claim-window", "warranty-remedy"),
)

RULES: tuple[Rule, ...] = (
    NO_STANDARD_OF_CARE,
    NO_QUALIFIED_PERSONNEL,
    NO_KEY_PERSONNEL,
    NO_SUBCONTRACTING_CONTROL,
    NO_INSURANCE,
    INSURANCE_WITHOUT_AMOUNTS,
    NO_PROFESSIONAL_INDEMNITY,
    NO_AUDIT_RIGHTS,
    NO_WARRANTY_PERIOD,
)

"""Workplace adjustments, their vocabulary and values: what the catalogue and assessment use.

The enums with their labels (``_LABELS``), the catalogue's value types, and the assessment's
answer (:class:`Assessment`, an :class:`~beskaeftigelse.Answer` of :class:`Factor` findings).
The shipped tables are in ``data``; the decisions in ``logic``.
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from beskaeftigelse._kernel.answers import Answer, Finding
from beskaeftigelse._kernel.display import RichDisplay
from beskaeftigelse._kernel.errors import NotInForce, ValidationError
from beskaeftigelse._kernel.labels import Labelled as _Labelled
from beskaeftigelse._kernel.timeline import Lookup, Timeline, timeline_of
from beskaeftigelse._kernel.validation import (
    boolean,
    check_day,
    frozenset_of,
    member,
    name,
    optional,
    text,
    tuple_of,
    unique,
    whole,
)

#: The largest amount (DKK) a field accepts: far above any adjustment, keeps arithmetic sane.
MAX_AMOUNT = 100_000_000


class Category(_Labelled):
    """What an adjustment changes."""

    WORKING_TIME = "working_time"
    TASKS = "tasks"
    PHYSICAL_ENVIRONMENT = "physical_environment"
    COMMUNICATION = "communication"
    SUPPORT = "support"


class CostClass(_Labelled):
    """A rough cost class for the employer, before public compensation.

    The bands in the labels are indicative only [unverified]; the assessment uses the actual
    cost the caller passes, never the class.
    """

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for ``NONE`` up to 3 for ``HIGH``: cheaper adjustments rank first."""
        return list(CostClass).index(self)


class Need(_Labelled):
    """A need or limitation of the citizen that an adjustment can address."""

    CONCENTRATION = "concentration"
    FATIGUE = "fatigue"
    PAIN_SITTING = "pain_sitting"
    PAIN_STANDING = "pain_standing"
    ANXIETY_GROUPS = "anxiety_groups"
    UNSTABLE_PERIODS = "unstable_periods"
    STRESS = "stress"
    TREATMENT = "treatment"
    MEMORY = "memory"
    LEARNING = "learning"
    MOBILITY = "mobility"
    REDUCED_CAPACITY = "reduced_capacity"


class JobTrait(_Labelled):
    """What the job is like: some adjustments fit it better, some do not fit at all."""

    SEATED_WORK = "seated_work"
    STANDING_WORK = "standing_work"
    ON_SITE_ONLY = "on_site_only"
    FIXED_SHIFTS = "fixed_shifts"
    LARGE_MEETINGS = "large_meetings"
    CUSTOMER_CONTACT = "customer_contact"
    PRODUCTION = "production"


class FinancialBand(_Labelled):
    """The employer's financial position, as the caseworker or consultant judges it."""

    WEAK = "weak"
    AVERAGE = "average"
    STRONG = "strong"


class ColleagueLoad(_Labelled):
    """How much extra work the adjustment puts on colleagues."""

    NONE = "none"
    MINOR = "minor"
    SUBSTANTIAL = "substantial"


class Verdict(_Labelled):
    """The result of a reasonableness assessment: a value, never an exception."""

    REASONABLE = "reasonable"
    NEEDS_CONCRETE_ASSESSMENT = "needs_concrete_assessment"
    NOT_REASONABLE = "not_reasonable"


class Effect(_Labelled):
    """Which way one factor of an assessment points."""

    FOR = "for"
    NEUTRAL = "neutral"
    AGAINST = "against"


_LABELS: dict[enum.Enum, tuple[str, str]] = {
    Category.WORKING_TIME: ("arbejdstid", "working time"),
    Category.TASKS: ("arbejdsopgaver", "tasks"),
    Category.PHYSICAL_ENVIRONMENT: ("fysiske rammer", "physical environment"),
    Category.COMMUNICATION: ("kommunikation", "communication"),
    Category.SUPPORT: ("støtte", "support"),
    CostClass.NONE: ("ingen udgift", "no cost"),
    CostClass.LOW: ("lav (under ca. 5.000 kr.) [unverified]", "low (under c. DKK 5,000)"),
    CostClass.MEDIUM: (
        "middel (ca. 5.000-50.000 kr.) [unverified]",
        "medium (c. DKK 5,000-50,000)",
    ),
    CostClass.HIGH: ("høj (over ca. 50.000 kr.) [unverified]", "high (over c. DKK 50,000)"),
    Need.CONCENTRATION: ("koncentrationsbesvær", "concentration difficulties"),
    Need.FATIGUE: ("træthed", "fatigue"),
    Need.PAIN_SITTING: ("smerter ved siddende arbejde", "pain when sitting"),
    Need.PAIN_STANDING: ("smerter ved stående arbejde", "pain when standing"),
    Need.ANXIETY_GROUPS: ("angst i store grupper", "anxiety in large groups"),
    Need.UNSTABLE_PERIODS: ("svingende perioder", "unstable periods"),
    Need.STRESS: ("stressfølsomhed", "sensitivity to stress"),
    Need.TREATMENT: ("behov for behandling", "need for treatment"),
    Need.MEMORY: ("hukommelsesbesvær", "memory difficulties"),
    Need.LEARNING: ("behov for tilpasset oplæring", "need for adapted training"),
    Need.MOBILITY: ("nedsat bevægelighed", "reduced mobility"),
    Need.REDUCED_CAPACITY: ("nedsat arbejdsevne", "reduced working capacity"),
    JobTrait.SEATED_WORK: ("siddende arbejde", "seated work"),
    JobTrait.STANDING_WORK: ("stående arbejde", "standing work"),
    JobTrait.ON_SITE_ONLY: ("kun på arbejdsstedet", "on site only"),
    JobTrait.FIXED_SHIFTS: ("faste vagter", "fixed shifts"),
    JobTrait.LARGE_MEETINGS: ("store møder", "large meetings"),
    JobTrait.CUSTOMER_CONTACT: ("kundekontakt", "customer contact"),
    JobTrait.PRODUCTION: ("produktion", "production"),
    FinancialBand.WEAK: ("svag økonomi", "weak finances"),
    FinancialBand.AVERAGE: ("middel økonomi", "average finances"),
    FinancialBand.STRONG: ("stærk økonomi", "strong finances"),
    ColleagueLoad.NONE: ("ingen ekstra belastning", "no extra load"),
    ColleagueLoad.MINOR: ("mindre ekstra belastning", "minor extra load"),
    ColleagueLoad.SUBSTANTIAL: ("væsentlig ekstra belastning", "substantial extra load"),
    Verdict.REASONABLE: ("rimelig", "reasonable"),
    Verdict.NEEDS_CONCRETE_ASSESSMENT: (
        "kræver en konkret vurdering",
        "needs a concrete assessment",
    ),
    Verdict.NOT_REASONABLE: ("ikke rimelig", "not reasonable"),
    Effect.FOR: ("taler for", "for"),
    Effect.NEUTRAL: ("neutral", "neutral"),
    Effect.AGAINST: ("taler imod", "against"),
}


@attrs.frozen(kw_only=True)
class SchemeTerms:
    """What a funding scheme offers while one version of its rules is in force.

    Attributes:
        available: Whether the scheme can be granted at all under this version.
        terms: The terms in words (duration, hours, conditions).

    >>> SchemeTerms(available=True, terms="up to 6 months a period").available
    True
    """

    available: bool = attrs.field(validator=boolean())
    terms: str = attrs.field(validator=text())


@attrs.frozen(kw_only=True)
class FundingScheme:
    """A public scheme that may pay for an adjustment, as a dated rule with its reference.

    Attributes:
        key: A short key (``"mentor"``).
        name_da: The Danish name.
        name_en: The English name.
        reference: The legal reference (``"LAB kap. 26, §§ 167-171"``).
        terms: The scheme's terms over time; a date before the first entry, or an entry
            with ``available=False``, means the scheme cannot be used on that date.

    >>> from datetime import date
    >>> from beskaeftigelse.adjustments import SCHEMES
    >>> mentor = SCHEMES[0]
    >>> mentor.key, mentor.in_force(date(2020, 6, 1)) is not None
    ('mentor', True)
    >>> mentor.in_force(date(2019, 6, 1)) is None
    True
    """

    key: str = attrs.field(validator=name())
    name_da: str = attrs.field(validator=text())
    name_en: str = attrs.field(validator=text())
    reference: str = attrs.field(validator=text())
    terms: Timeline[SchemeTerms] = attrs.field(validator=timeline_of(SchemeTerms))

    def in_force(self, on: date) -> Lookup[SchemeTerms] | None:
        """The rule version that makes the scheme available on ``on``, or ``None``.

        Raises:
            ValidationError: ``on`` is not a date.
        """
        check_day(on, "on")
        try:
            found = self.terms.lookup(on)
        except NotInForce:
            return None
        return found if found.value.available else None


_NEEDS = frozenset_of(Need, "needs", min_size=1)
_SCHEME_KEYS = frozenset_of(name(), "schemes")
_SUITS = frozenset_of(JobTrait, "suits")
_UNSUITED = frozenset_of(JobTrait, "unsuited_to")


# attrs' mypy plugin takes a converter's type from a named function, hence the one-liners.
def _needs(value: object) -> frozenset[Need]:
    return _NEEDS(value)


def _scheme_keys(value: object) -> frozenset[str]:
    return _SCHEME_KEYS(value)


def _suits(value: object) -> frozenset[JobTrait]:
    return _SUITS(value)


def _unsuited(value: object) -> frozenset[JobTrait]:
    return _UNSUITED(value)


@attrs.frozen(kw_only=True)
class Adjustment:
    """One kind of reasonable adjustment (rimelig tilpasning).

    Attributes:
        key: A short key (``"reduced_hours"``).
        name_da: The Danish name.
        name_en: The English name.
        category: What it changes.
        cost: A rough cost class for the employer.
        needs: The needs it addresses (at least one).
        schemes: Keys of the public schemes that may fund it.
        suits: Job traits it fits especially well.
        unsuited_to: Job traits it cannot be combined with.

    >>> from beskaeftigelse.adjustments import ADJUSTMENTS
    >>> ADJUSTMENTS.get("special_chair").category
    <Category.PHYSICAL_ENVIRONMENT: 'physical_environment'>
    """

    key: str = attrs.field(validator=name())
    name_da: str = attrs.field(validator=text())
    name_en: str = attrs.field(validator=text())
    category: Category = attrs.field(validator=member(Category))
    cost: CostClass = attrs.field(validator=member(CostClass))
    needs: frozenset[Need] = attrs.field(converter=_needs)
    schemes: frozenset[str] = attrs.field(default=frozenset(), converter=_scheme_keys)
    suits: frozenset[JobTrait] = attrs.field(default=frozenset(), converter=_suits)
    unsuited_to: frozenset[JobTrait] = attrs.field(default=frozenset(), converter=_unsuited)


_ADJUSTMENT_TUPLE = tuple_of(Adjustment, "adjustments")
_SCHEME_TUPLE = tuple_of(FundingScheme, "schemes")


def _adjustment_tuple(value: object) -> tuple[Adjustment, ...]:
    return _ADJUSTMENT_TUPLE(value)


def _scheme_tuple(value: object) -> tuple[FundingScheme, ...]:
    return _SCHEME_TUPLE(value)


@attrs.frozen
class AdjustmentCatalogue:
    """The adjustments and the funding schemes they may draw on; a value you can replace.

    Attributes:
        adjustments: The adjustments, each with a unique key.
        schemes: The funding schemes, each with a unique key; every scheme an adjustment
            names must be here.

    >>> from beskaeftigelse.adjustments import ADJUSTMENTS
    >>> len(ADJUSTMENTS.adjustments) >= 16, ADJUSTMENTS.scheme("fleksjob").reference
    (True, 'LAB § 116')
    """

    adjustments: tuple[Adjustment, ...] = attrs.field(
        converter=_adjustment_tuple, validator=unique("key")
    )
    schemes: tuple[FundingScheme, ...] = attrs.field(
        converter=_scheme_tuple, validator=unique("key")
    )

    def __attrs_post_init__(self) -> None:
        known = {s.key for s in self.schemes}
        for i, adjustment in enumerate(self.adjustments):
            missing = sorted(adjustment.schemes - known)
            if missing:
                raise ValidationError(
                    f"unknown schemes {missing}", path=f"adjustments[{i}].schemes"
                )

    def get(self, key: str) -> Adjustment:
        """The adjustment with this key.

        Raises:
            ValidationError: No adjustment has this key.
        """
        for adjustment in self.adjustments:
            if adjustment.key == key:
                return adjustment
        raise ValidationError(
            f"no adjustment {key!r}; known: {', '.join(a.key for a in self.adjustments)}",
            path="key",
        )

    def scheme(self, key: str) -> FundingScheme:
        """The funding scheme with this key.

        Raises:
            ValidationError: No scheme has this key.
        """
        for scheme in self.schemes:
            if scheme.key == key:
                return scheme
        raise ValidationError(
            f"no scheme {key!r}; known: {', '.join(s.key for s in self.schemes)}", path="key"
        )

    def funding(self, key: str, *, on: date) -> tuple[FundingScheme, ...]:
        """The schemes that may fund adjustment ``key`` and are in force on ``on``.

        Raises:
            ValidationError: Unknown adjustment, or ``on`` is not a date.
        """
        adjustment = self.get(key)
        return tuple(
            s for s in self.schemes if s.key in adjustment.schemes and s.in_force(on) is not None
        )


@attrs.frozen
class Suggestion:
    """An adjustment suggested for a citizen's needs and a job, with why.

    Attributes:
        adjustment: The adjustment.
        score: Higher ranks first: 10 per need met, 3 per fitting job trait, minus the cost
            class's rank.
        reasons: Why it was suggested, in words.

    >>> from beskaeftigelse.adjustments import JobTrait, Need, suggest
    >>> first = suggest({Need.PAIN_SITTING}, job={JobTrait.SEATED_WORK})[0]
    >>> first.adjustment.key
    'special_chair'
    """

    adjustment: Adjustment
    score: int
    reasons: tuple[str, ...]


# -- the reasonableness assessment ------------------------------------------------------------

_AMOUNT = whole(0, MAX_AMOUNT)


@attrs.frozen(kw_only=True)
class BurdenRule:
    """When the net cost of adjustments becomes a disproportionate burden (§ 2 a).

    The law names the factors, not amounts: the amounts here are the library's illustrative
    defaults [unverified]. Replace them by passing your own ``Timeline`` of rules.

    Attributes:
        weak: Net DKK a year a small employer with weak finances can be expected to bear.
        average: The same for average finances.
        strong: The same for strong finances.
        medium_from: Employees from which an employer counts as medium-sized.
        large_from: Employees from which an employer counts as large.
        medium_factor: How many times the small employer's amount a medium one can bear.
        large_factor: How many times the small employer's amount a large one can bear.
        clearly_factor: Above this many times the bearable amount, the burden is clearly
            disproportionate; between 1 and this, it needs a concrete assessment.

    >>> BurdenRule().limit(employees=10, finances=FinancialBand.AVERAGE)
    15000
    """

    weak: int = attrs.field(default=5_000, validator=_AMOUNT)
    average: int = attrs.field(default=15_000, validator=_AMOUNT)
    strong: int = attrs.field(default=30_000, validator=_AMOUNT)
    medium_from: int = attrs.field(default=50, validator=_AMOUNT)
    large_from: int = attrs.field(default=250, validator=_AMOUNT)
    medium_factor: int = attrs.field(default=3, validator=_AMOUNT)
    large_factor: int = attrs.field(default=10, validator=_AMOUNT)
    clearly_factor: int = attrs.field(default=4, validator=_AMOUNT)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.medium_from < self.large_from:
            raise ValidationError("must be at least 1 and below large_from", path="medium_from")
        if self.clearly_factor < 1:
            raise ValidationError("must be at least 1", path="clearly_factor")

    def limit(self, *, employees: int, finances: FinancialBand) -> int:
        """The net DKK a year this employer can be expected to bear."""
        base = {
            FinancialBand.WEAK: self.weak,
            FinancialBand.AVERAGE: self.average,
            FinancialBand.STRONG: self.strong,
        }[finances]
        if employees >= self.large_from:
            return base * self.large_factor
        if employees >= self.medium_from:
            return base * self.medium_factor
        return base

    def size(self, employees: int) -> str:
        """``"small"``, ``"medium"`` or ``"large"``, by the rule's thresholds."""
        if employees >= self.large_from:
            return "large"
        return "medium" if employees >= self.medium_from else "small"


@attrs.frozen
class Employer:
    """The employer, as far as the assessment needs it.

    Attributes:
        employees: How many people it employs.
        finances: Its financial position.

    >>> Employer(12, FinancialBand.WEAK).employees
    12
    """

    employees: int = attrs.field(validator=whole(1, 10_000_000))
    finances: FinancialBand = attrs.field(validator=member(FinancialBand))


@attrs.frozen
class Compensation:
    """Public compensation offered from a scheme, in DKK a year.

    Attributes:
        scheme: The scheme's key.
        amount: DKK a year.

    >>> Compensation("hjaelpemidler", 8_000).amount
    8000
    """

    scheme: str = attrs.field(validator=name())
    amount: int = attrs.field(validator=_AMOUNT)


@attrs.frozen(kw_only=True)
class Factor(Finding):
    """One factor of an assessment: a :class:`~beskaeftigelse.Finding` that also says its way.

    A factor is a finding like any other (rule, reason, the dated value used, its source and
    validity, its review status), with the tri-state ``effect`` the § 2 a weighing needs and
    its ``label`` in words. It refuses exactly when it points against.

    Attributes:
        rule: The factor's key (``"net_cost"``, ``"compensation:mentor"``).
        reason: The rule applied, in words.
        effect: Which way it points.
        label: The factor in words, with its value.
        value: The amount it weighs (DKK a year; for the employer, the limit), if any.
        source: Where the rule or scheme comes from.
        valid_from: The first day of the rule or scheme version used.
        valid_until: The first day it no longer applies (``None``: in force).
        status: ``"unverified"`` for the library's illustrative burden amounts.
        refuses: Derived: whether ``effect`` is ``AGAINST``.

    >>> f = Factor(rule="cost", reason="r", effect=Effect.NEUTRAL, label="cost: DKK 1,000",
    ...            source="s")
    >>> f.explain(), f.key, f.refuses
    ('cost: DKK 1,000 [neutral]: r (source: s)', 'cost', False)
    """

    effect: Effect = attrs.field(validator=member(Effect))
    label: str = attrs.field(validator=text())
    value: int | None = attrs.field(default=None, validator=optional(whole(0, 10**18)))
    refuses: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "refuses", self.effect is Effect.AGAINST)

    @property
    def key(self) -> str:
        """The factor's key: its :attr:`rule` (the name before factors were findings)."""
        return self.rule

    def explain(self) -> str:
        """One line: the factor, its effect, the rule, its source and the version's dates."""
        shown = [f"source: {self.source}"] if self.source else []
        if self.valid_from is not None:
            until = f" until {self.valid_until.isoformat()}" if self.valid_until else ""
            shown.append(f"valid from {self.valid_from.isoformat()}{until}")
        cited = f" ({'; '.join(shown)})" if shown else ""
        note = " [unverified]" if self.status == "unverified" else ""
        return f"{self.label} [{self.effect.label_en}]: {self.reason}{cited}{note}"


#: The factors every assessment has, weighed under the dated burden rule.
BURDEN_FACTORS = ("employer", "cost", "net_cost", "colleague_load")

_FACTORS = tuple_of(Factor, "findings")


def _factors(value: object) -> tuple[Factor, ...]:
    return _FACTORS(value)


@attrs.frozen(kw_only=True)
class Assessment(RichDisplay, Answer):
    """The answer of a reasonableness assessment (§ 2 a): a verdict with its findings.

    An :class:`~beskaeftigelse.Answer` like every other domain "no": ``allowed`` when no
    factor points against (exactly when the verdict is ``REASONABLE``), ``refusals`` the factors
    that do, and every factor a :class:`Factor` finding with the rule, the amount, the source and
    the validity of the version used.

    Attributes:
        on: The date the assessment applies to.
        adjustments: The adjustments assessed (keys, sorted).
        verdict: Reasonable, not reasonable, or needs a concrete assessment.
        net_cost: The cost left for the employer after the public compensation counted.
        limit: The net cost the employer can be expected to bear under the rule.
        findings: Every factor: the burden rule's first (``BURDEN_FACTORS``), then the
            compensation offered, by scheme.

    >>> from datetime import date
    >>> from beskaeftigelse.adjustments import assess
    >>> a = assess(["clear_tasks"], employer=Employer(30, FinancialBand.AVERAGE), cost=0,
    ...            colleague_load=ColleagueLoad.NONE, on=date(2024, 1, 1))
    >>> a.reasonable, a.allowed, a.rule_valid_from
    (True, True, datetime.date(2005, 1, 1))
    """

    on: date
    adjustments: tuple[str, ...]
    verdict: Verdict = attrs.field(validator=member(Verdict))
    net_cost: int
    limit: int
    findings: tuple[Factor, ...] = attrs.field(converter=_factors)

    def __attrs_post_init__(self) -> None:
        keys = [f.rule for f in self.findings[: len(BURDEN_FACTORS)]]
        if tuple(keys) != BURDEN_FACTORS or self.findings[0].valid_from is None:
            raise ValidationError(
                f"must start with the dated burden factors {', '.join(BURDEN_FACTORS)}",
                path="findings",
            )

    @property
    def reasonable(self) -> bool:
        """Whether the verdict is ``REASONABLE``."""
        return self.verdict is Verdict.REASONABLE

    @property
    def factors(self) -> tuple[Factor, ...]:
        """Every factor (the findings; the name from before assessments were answers)."""
        return self.findings

    @property
    def rule_source(self) -> str:
        """The source of the burden rule version used."""
        return self.findings[0].source

    @property
    def rule_valid_from(self) -> date:
        """The first day of the burden rule version used."""
        valid_from = self.findings[0].valid_from
        assert valid_from is not None  # noqa: S101 - checked at construction
        return valid_from

    @property
    def rule_valid_until(self) -> date | None:
        """The first day the version no longer applies (``None``: still in force)."""
        return self.findings[0].valid_until

    def explain(self) -> str:
        """The verdict, the rule version and every factor with its source, one per line."""
        until = f" until {self.rule_valid_until}" if self.rule_valid_until else ""
        lines = [
            (
                f"{', '.join(self.adjustments)} on {self.on}: {self.verdict.label_en} "
                f"({self.verdict.label_da})"
            ),
            (
                f"rule version in force from {self.rule_valid_from}{until} "
                f"(source: {self.rule_source})"
            ),
        ]
        lines += [f"- {f.explain()}" for f in self.findings]
        return "\n".join(lines)

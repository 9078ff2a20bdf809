"""Workplace adjustments: the catalogue, funding schemes, suggestions and the § 2 a assessment."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from beskaeftigelse._kernel.display import RichDisplay
from beskaeftigelse._kernel.errors import NotInForce, ValidationError
from beskaeftigelse._kernel.labels import Labelled as _Labelled
from beskaeftigelse._kernel.timeline import Lookup, Timeline
from beskaeftigelse._kernel.validation import member as _enum
from beskaeftigelse._kernel.validation import text as _text
from beskaeftigelse._kernel.validation import tuple_of as _tuple_of

_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
_MAX_AMOUNT = 100_000_000  # DKK; far above any adjustment, keeps arithmetic and JSON sane
_BASELINE = date(2020, 1, 1)

LAB = "LAB (lov nr. 548 af 7. maj 2019; LBK nr. 280 af 1. marts 2024)"
LKHE = "LKHE (lov om kompensation til handicappede i erhverv)"
SDPL = "sygedagpengeloven"
FBL = "forskelsbehandlingsloven § 2 a; EU directive 2000/78/EC art. 5"


def _key(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not _KEY.fullmatch(value):
            raise ValidationError("must be a lower-case key (a-z, 0-9, _)", path=path)

    return check


def _amount(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if type(value) is not int or not 0 <= value <= _MAX_AMOUNT:
            raise ValidationError(f"must be a whole number from 0 to {_MAX_AMOUNT}", path=path)

    return check


def _enum_set(cls: type[enum.Enum], path: str) -> Any:
    def convert(value: object) -> frozenset[Any]:
        if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
            raise ValidationError(f"must be a collection of {cls.__name__}", path=path)
        for item in value:
            if not isinstance(item, cls):
                raise ValidationError(f"must contain {cls.__name__} values", path=path)
        return frozenset(value)

    return convert


def _key_set(path: str) -> Any:
    def convert(value: object) -> frozenset[str]:
        if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
            raise ValidationError("must be a collection of keys", path=path)
        for item in value:
            _key(path)(None, None, item)
        return frozenset(value)

    return convert


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

    available: bool = attrs.field()
    terms: str = attrs.field(validator=_text("terms"))

    @available.validator
    def _check_available(self, _attr: object, value: object) -> None:
        if type(value) is not bool:
            raise ValidationError("must be true or false", path="available")


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
    >>> mentor = SCHEMES[0]
    >>> mentor.key, mentor.in_force(date(2020, 6, 1)) is not None
    ('mentor', True)
    >>> mentor.in_force(date(2019, 6, 1)) is None
    True
    """

    key: str = attrs.field(validator=_key("key"))
    name_da: str = attrs.field(validator=_text("name_da"))
    name_en: str = attrs.field(validator=_text("name_en"))
    reference: str = attrs.field(validator=_text("reference"))
    terms: Timeline[SchemeTerms] = attrs.field()

    @terms.validator
    def _check_terms(self, _attr: object, value: object) -> None:
        if not isinstance(value, Timeline):
            raise ValidationError("must be a Timeline", path="terms")
        for i, entry in enumerate(value.entries):
            if not isinstance(entry.value, SchemeTerms):
                raise ValidationError("must be SchemeTerms", path=f"terms.entries[{i}].value")

    def in_force(self, on: date) -> Lookup[SchemeTerms] | None:
        """The rule version that makes the scheme available on ``on``, or ``None``.

        Raises:
            ValidationError: ``on`` is not a date.
        """
        _require_date(on, "on")
        try:
            found = self.terms.lookup(on)
        except NotInForce:
            return None
        return found if found.value.available else None


def _needs(value: object) -> frozenset[Need]:
    result: frozenset[Need] = _enum_set(Need, "needs")(value)
    return result


def _scheme_keys(value: object) -> frozenset[str]:
    result: frozenset[str] = _key_set("schemes")(value)
    return result


def _suits(value: object) -> frozenset[JobTrait]:
    result: frozenset[JobTrait] = _enum_set(JobTrait, "suits")(value)
    return result


def _unsuited(value: object) -> frozenset[JobTrait]:
    result: frozenset[JobTrait] = _enum_set(JobTrait, "unsuited_to")(value)
    return result


@attrs.frozen(kw_only=True)
class Adjustment:
    """One kind of reasonable adjustment (rimelig tilpasning).

    Attributes:
        key: A short key (``"reduced_hours"``).
        name_da: The Danish name.
        name_en: The English name.
        category: What it changes.
        cost: A rough cost class for the employer.
        needs: The needs it addresses.
        schemes: Keys of the public schemes that may fund it.
        suits: Job traits it fits especially well.
        unsuited_to: Job traits it cannot be combined with.

    >>> ADJUSTMENTS.get("special_chair").category
    <Category.PHYSICAL_ENVIRONMENT: 'physical_environment'>
    """

    key: str = attrs.field(validator=_key("key"))
    name_da: str = attrs.field(validator=_text("name_da"))
    name_en: str = attrs.field(validator=_text("name_en"))
    category: Category = attrs.field(validator=_enum(Category, "category"))
    cost: CostClass = attrs.field(validator=_enum(CostClass, "cost"))
    needs: frozenset[Need] = attrs.field(converter=_needs)
    schemes: frozenset[str] = attrs.field(default=frozenset(), converter=_scheme_keys)
    suits: frozenset[JobTrait] = attrs.field(default=frozenset(), converter=_suits)
    unsuited_to: frozenset[JobTrait] = attrs.field(default=frozenset(), converter=_unsuited)

    @needs.validator
    def _check_needs(self, _attr: object, value: frozenset[Need]) -> None:
        if not value:
            raise ValidationError("an adjustment addresses at least one need", path="needs")


def _adjustment_tuple(value: object) -> tuple[Adjustment, ...]:
    result: tuple[Adjustment, ...] = _tuple_of(Adjustment, "adjustments")(value)
    return result


def _scheme_tuple(value: object) -> tuple[FundingScheme, ...]:
    result: tuple[FundingScheme, ...] = _tuple_of(FundingScheme, "schemes")(value)
    return result


@attrs.frozen
class AdjustmentCatalogue:
    """The adjustments and the funding schemes they may draw on; a value you can replace.

    Attributes:
        adjustments: The adjustments, each with a unique key.
        schemes: The funding schemes, each with a unique key; every scheme an adjustment
            names must be here.

    >>> len(ADJUSTMENTS.adjustments) >= 16, ADJUSTMENTS.scheme("fleksjob").reference
    (True, 'LAB § 116')
    """

    adjustments: tuple[Adjustment, ...] = attrs.field(converter=_adjustment_tuple)
    schemes: tuple[FundingScheme, ...] = attrs.field(converter=_scheme_tuple)

    def __attrs_post_init__(self) -> None:
        _unique([a.key for a in self.adjustments], "adjustments")
        _unique([s.key for s in self.schemes], "schemes")
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


def _unique(keys: list[str], name: str) -> None:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise ValidationError(f"duplicate key {key!r}", path=f"{name}[{i}].key")
        seen.add(key)


def _scheme(key: str, da: str, en: str, reference: str, terms: str) -> FundingScheme:
    return FundingScheme(
        key=key,
        name_da=da,
        name_en=en,
        reference=reference,
        terms=Timeline.of(
            SchemeTerms(available=True, terms=terms),
            since=_BASELINE,
            source=f"{reference}; modelled from 2020-01-01, the LAB baseline",
        ),
    )


#: The public schemes that may fund an adjustment (DOMAIN.md, "Instruments").
SCHEMES = (
    _scheme(
        "mentor",
        "Mentorstøtte",
        "Mentor support",
        "LAB kap. 26, §§ 167-171",
        "up to 6 months a period, renewable",
    ),
    _scheme(
        "personlig_assistance",
        "Personlig assistance",
        "Personal assistance",
        "LKHE § 4",
        "normally up to 20 hours a week for a 37-hour job",
    ),
    _scheme(
        "hjaelpemidler",
        "Hjælpemidler og arbejdspladsindretning",
        "Aids, equipment and workplace arrangement",
        "LKHE § 15 f-h",
        "equipment and minor workplace changes the employer would not normally provide",
    ),
    _scheme(
        "paragraf_56",
        "§ 56-aftale",
        "Section 56 agreement",
        "sygedagpengeloven § 56",
        "employer refund from the first sick day for a chronic condition expected to cause "
        "at least 10 absence days a year; 2 years at a time",
    ),
    _scheme(
        "fleksjob",
        "Fleksjob",
        "Flexi-job",
        "LAB § 116",
        "permanent and substantial limitation of working capacity, after other measures "
        "were tried; 5 years at a time",
    ),
)

_N = Need
_J = JobTrait
_C = Category
_K = CostClass


def _adj(  # noqa: PLR0913, PLR0917 - one row of the catalogue table
    key: str,
    da: str,
    en: str,
    category: Category,
    cost: CostClass,
    needs: Iterable[Need],
    schemes: Iterable[str] = (),
    suits: Iterable[JobTrait] = (),
    unsuited_to: Iterable[JobTrait] = (),
) -> Adjustment:
    return Adjustment(
        key=key,
        name_da=da,
        name_en=en,
        category=category,
        cost=cost,
        needs=frozenset(needs),
        schemes=frozenset(schemes),
        suits=frozenset(suits),
        unsuited_to=frozenset(unsuited_to),
    )


#: The shipped catalogue: STAR's examples and the common adjustments for mental-health and
#: physical limitations (DOMAIN.md, "Reasonable accommodation"; seeds 001 and 002).
ADJUSTMENTS = AdjustmentCatalogue(
    (
        _adj(
            "reduced_hours",
            "Nedsat arbejdstid",
            "Reduced hours",
            _C.WORKING_TIME,
            _K.LOW,
            (_N.FATIGUE, _N.REDUCED_CAPACITY, _N.STRESS, _N.PAIN_SITTING, _N.PAIN_STANDING),
            ("fleksjob",),
        ),
        _adj(
            "flexible_hours",
            "Fleksibel arbejdstid",
            "Flexible hours",
            _C.WORKING_TIME,
            _K.NONE,
            (_N.UNSTABLE_PERIODS, _N.FATIGUE, _N.TREATMENT),
            unsuited_to=(_J.FIXED_SHIFTS,),
        ),
        _adj(
            "gradual_start",
            "Gradvis opstart",
            "Gradual start",
            _C.WORKING_TIME,
            _K.LOW,
            (_N.FATIGUE, _N.STRESS, _N.REDUCED_CAPACITY, _N.ANXIETY_GROUPS),
            ("mentor",),
        ),
        _adj(
            "extra_breaks",
            "Ekstra eller faste pauser",
            "Extra or fixed breaks",
            _C.WORKING_TIME,
            _K.LOW,
            (_N.FATIGUE, _N.CONCENTRATION, _N.PAIN_SITTING, _N.PAIN_STANDING),
        ),
        _adj(
            "quiet_workspace",
            "Roligt arbejdsområde",
            "Quiet workspace",
            _C.PHYSICAL_ENVIRONMENT,
            _K.MEDIUM,
            (_N.CONCENTRATION, _N.STRESS, _N.ANXIETY_GROUPS),
            ("hjaelpemidler",),
            suits=(_J.SEATED_WORK,),
        ),
        _adj(
            "work_from_home",
            "Hjemmearbejde",
            "Work from home",
            _C.PHYSICAL_ENVIRONMENT,
            _K.LOW,
            (_N.FATIGUE, _N.ANXIETY_GROUPS, _N.UNSTABLE_PERIODS, _N.CONCENTRATION),
            suits=(_J.SEATED_WORK,),
            unsuited_to=(_J.ON_SITE_ONLY, _J.PRODUCTION),
        ),
        _adj(
            "written_instructions",
            "Skriftlige instruktioner",
            "Written instructions",
            _C.COMMUNICATION,
            _K.NONE,
            (_N.CONCENTRATION, _N.MEMORY, _N.LEARNING),
        ),
        _adj(
            "clear_tasks",
            "Klare, afgrænsede opgaver",
            "Clear, bounded tasks",
            _C.TASKS,
            _K.NONE,
            (_N.CONCENTRATION, _N.STRESS, _N.MEMORY),
            suits=(_J.PRODUCTION,),
        ),
        _adj(
            "no_large_meetings",
            "Fritagelse for store møder",
            "Exemption from large meetings",
            _C.COMMUNICATION,
            _K.NONE,
            (_N.ANXIETY_GROUPS, _N.CONCENTRATION),
            suits=(_J.LARGE_MEETINGS,),
        ),
        _adj(
            "check_ins",
            "Faste opfølgningssamtaler",
            "Regular check-ins",
            _C.COMMUNICATION,
            _K.LOW,
            (_N.UNSTABLE_PERIODS, _N.STRESS, _N.ANXIETY_GROUPS),
        ),
        _adj(
            "mentor",
            "Mentor",
            "Mentor",
            _C.SUPPORT,
            _K.MEDIUM,
            (_N.ANXIETY_GROUPS, _N.STRESS, _N.LEARNING, _N.UNSTABLE_PERIODS),
            ("mentor",),
        ),
        _adj(
            "personal_assistance",
            "Personlig assistance",
            "Personal assistance",
            _C.SUPPORT,
            _K.HIGH,
            (_N.MOBILITY, _N.PAIN_STANDING, _N.MEMORY),
            ("personlig_assistance",),
        ),
        _adj(
            "aids_equipment",
            "Hjælpemidler og arbejdspladsindretning",
            "Aids, equipment and workplace arrangement",
            _C.PHYSICAL_ENVIRONMENT,
            _K.MEDIUM,
            (_N.PAIN_SITTING, _N.PAIN_STANDING, _N.MOBILITY),
            ("hjaelpemidler",),
        ),
        _adj(
            "special_chair",
            "Specialdesignet stol",
            "Specially designed chair",
            _C.PHYSICAL_ENVIRONMENT,
            _K.MEDIUM,
            (_N.PAIN_SITTING,),
            ("hjaelpemidler",),
            suits=(_J.SEATED_WORK, _J.PRODUCTION),
        ),
        _adj(
            "treatment_leave",
            "Fri til behandling",
            "Time off for treatment",
            _C.WORKING_TIME,
            _K.LOW,
            (_N.TREATMENT, _N.UNSTABLE_PERIODS),
            ("paragraf_56",),
        ),
        _adj(
            "redeployment",
            "Omplacering",
            "Redeployment",
            _C.TASKS,
            _K.MEDIUM,
            (_N.PAIN_STANDING, _N.PAIN_SITTING, _N.REDUCED_CAPACITY, _N.MOBILITY),
        ),
        _adj(
            "changed_tasks",
            "Ændret opgavefordeling",
            "Changed task distribution",
            _C.TASKS,
            _K.LOW,
            (_N.PAIN_STANDING, _N.STRESS, _N.REDUCED_CAPACITY),
        ),
        _adj(
            "adapted_training",
            "Tilpasset oplæring og instruktion",
            "Adapted training and instruction",
            _C.TASKS,
            _K.LOW,
            (_N.LEARNING, _N.MEMORY, _N.CONCENTRATION),
            ("mentor",),
        ),
    ),
    SCHEMES,
)


# -- suggestions ------------------------------------------------------------------------------


@attrs.frozen
class Suggestion:
    """An adjustment suggested for a citizen's needs and a job, with why.

    Attributes:
        adjustment: The adjustment.
        score: Higher ranks first: 10 per need met, 3 per fitting job trait, minus the cost
            class's rank.
        reasons: Why it was suggested, in words.

    >>> first = suggest({Need.PAIN_SITTING}, job={JobTrait.SEATED_WORK})[0]
    >>> first.adjustment.key
    'special_chair'
    """

    adjustment: Adjustment
    score: int
    reasons: tuple[str, ...]


def suggest(
    needs: Iterable[Need],
    *,
    job: Iterable[JobTrait] = (),
    catalogue: AdjustmentCatalogue = ADJUSTMENTS,
) -> tuple[Suggestion, ...]:
    """Adjustments for ``needs`` in a job with traits ``job``, best first, each with reasons.

    Adjustments unsuited to a trait of the job are left out; ties are broken by cost, then
    key, so the order does not depend on the order of the inputs.

    Args:
        needs: The citizen's needs.
        job: What the job is like.
        catalogue: The catalogue to draw from.

    Returns:
        The suggestions, best first; empty when nothing in the catalogue meets a need.

    Raises:
        ValidationError: A need, trait or the catalogue has the wrong type.
    """
    wanted = _enum_set(Need, "needs")(_listed(needs, "needs"))
    traits = _enum_set(JobTrait, "job")(_listed(job, "job"))
    if not isinstance(catalogue, AdjustmentCatalogue):
        raise ValidationError("must be an AdjustmentCatalogue", path="catalogue")
    found = []
    for adjustment in catalogue.adjustments:
        met = adjustment.needs & wanted
        if not met or adjustment.unsuited_to & traits:
            continue
        fits = adjustment.suits & traits
        reasons = [f"addresses {n.label_en} ({n.label_da})" for n in sorted(met, key=_value)]
        reasons += [f"fits {t.label_en} ({t.label_da})" for t in sorted(fits, key=_value)]
        reasons.append(f"cost class: {adjustment.cost.label_en}")
        if adjustment.schemes:
            reasons.append(f"may be publicly funded: {', '.join(sorted(adjustment.schemes))}")
        score = 10 * len(met) + 3 * len(fits) - adjustment.cost.rank
        found.append(Suggestion(adjustment, score, tuple(reasons)))
    found.sort(key=lambda s: (-s.score, s.adjustment.cost.rank, s.adjustment.key))
    return tuple(found)


def _listed(value: object, path: str) -> Any:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("must be a collection", path=path)
    return list(value)


def _value(member: enum.Enum) -> str:
    return str(member.value)


# -- the reasonableness assessment ------------------------------------------------------------


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

    weak: int = attrs.field(default=5_000, validator=_amount("weak"))
    average: int = attrs.field(default=15_000, validator=_amount("average"))
    strong: int = attrs.field(default=30_000, validator=_amount("strong"))
    medium_from: int = attrs.field(default=50, validator=_amount("medium_from"))
    large_from: int = attrs.field(default=250, validator=_amount("large_from"))
    medium_factor: int = attrs.field(default=3, validator=_amount("medium_factor"))
    large_factor: int = attrs.field(default=10, validator=_amount("large_factor"))
    clearly_factor: int = attrs.field(default=4, validator=_amount("clearly_factor"))

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


#: The burden rule in force over time. § 2 a came into forskelsbehandlingsloven with effect
#: from 1 January 2005 [unverified date]; the amounts are illustrative [unverified].
BURDEN_RULES: Timeline[BurdenRule] = Timeline.of(
    BurdenRule(),
    since=date(2005, 1, 1),
    source=f"{FBL}; in force from 2005-01-01 [unverified]; amounts illustrative [unverified]",
)


@attrs.frozen
class Employer:
    """The employer, as far as the assessment needs it.

    Attributes:
        employees: How many people it employs.
        finances: Its financial position.

    >>> Employer(12, FinancialBand.WEAK).employees
    12
    """

    employees: int = attrs.field()
    finances: FinancialBand = attrs.field(validator=_enum(FinancialBand, "finances"))

    @employees.validator
    def _check_employees(self, _attr: object, value: object) -> None:
        if type(value) is not int or not 1 <= value <= 10_000_000:
            raise ValidationError("must be a whole number from 1", path="employees")


@attrs.frozen
class Compensation:
    """Public compensation offered from a scheme, in DKK a year.

    Attributes:
        scheme: The scheme's key.
        amount: DKK a year.

    >>> Compensation("hjaelpemidler", 8_000).amount
    8000
    """

    scheme: str = attrs.field(validator=_key("scheme"))
    amount: int = attrs.field(validator=_amount("amount"))


@attrs.frozen(kw_only=True)
class Factor:
    """One factor of an assessment: what it is, which way it points, and the rule behind it.

    Attributes:
        key: A short key (``"net_cost"``).
        label: The factor in words, with its value.
        effect: Which way it points.
        rule: The rule applied.
        source: Where the rule comes from.

    >>> Factor(key="cost", label="cost: DKK 1,000", effect=Effect.NEUTRAL, rule="r",
    ...        source="s").explain()
    'cost: DKK 1,000 [neutral]: r (source: s)'
    """

    key: str
    label: str
    effect: Effect
    rule: str
    source: str

    def explain(self) -> str:
        """One line: the factor, its effect, the rule and its source."""
        return f"{self.label} [{self.effect.label_en}]: {self.rule} (source: {self.source})"


@attrs.frozen(kw_only=True)
class Assessment(RichDisplay):
    """The result of a reasonableness assessment (§ 2 a): a verdict with its reasons.

    Attributes:
        on: The date the assessment applies to.
        adjustments: The adjustments assessed (keys, sorted).
        verdict: Reasonable, not reasonable, or needs a concrete assessment.
        net_cost: The cost left for the employer after the public compensation counted.
        limit: The net cost the employer can be expected to bear under the rule.
        factors: Every factor, with the rule and its source.
        rule_source: The source of the rule version used.
        rule_valid_from: The first day of the rule version used.
        rule_valid_until: The first day the version no longer applies (``None``: in force).

    >>> from datetime import date
    >>> a = assess(["clear_tasks"], employer=Employer(30, FinancialBand.AVERAGE), cost=0,
    ...            colleague_load=ColleagueLoad.NONE, on=date(2024, 1, 1))
    >>> a.reasonable, a.rule_valid_from
    (True, datetime.date(2005, 1, 1))
    """

    on: date
    adjustments: tuple[str, ...]
    verdict: Verdict
    net_cost: int
    limit: int
    factors: tuple[Factor, ...]
    rule_source: str
    rule_valid_from: date
    rule_valid_until: date | None

    @property
    def reasonable(self) -> bool:
        """Whether the verdict is ``REASONABLE``."""
        return self.verdict is Verdict.REASONABLE

    def explain(self) -> str:
        """The verdict, the rule version and every factor, one per line."""
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
        lines += [f"- {f.explain()}" for f in self.factors]
        return "\n".join(lines)


def _require_date(value: object, path: str) -> None:
    if type(value) is not date:
        raise ValidationError(f"must be a date, not {type(value).__name__}", path=path)


def assess(  # noqa: PLR0913 - the § 2 a factors, each named
    adjustments: Iterable[str],
    *,
    employer: Employer,
    cost: int,
    colleague_load: ColleagueLoad,
    compensation: Iterable[Compensation] = (),
    on: date,
    rules: Timeline[BurdenRule] = BURDEN_RULES,
    catalogue: AdjustmentCatalogue = ADJUSTMENTS,
) -> Assessment:
    """Whether adjustments are reasonable for an employer on ``on`` (§ 2 a).

    The burden is not disproportionate when public schemes compensate it sufficiently, so
    compensation from a scheme that funds one of the adjustments and is in force on ``on`` is
    subtracted from the cost; compensation from any other scheme is listed and not counted.
    The net cost is then weighed against what the employer's size and finances can bear, and
    a substantial extra load on colleagues always calls for a concrete assessment. The result
    never depends on the order of the inputs, and more compensation never makes it worse.

    Args:
        adjustments: Keys of the adjustments in the catalogue (at least one).
        employer: The employer's size and financial band.
        cost: The adjustments' cost to the employer, DKK a year, before compensation.
        colleague_load: The extra load on colleagues.
        compensation: Public compensation available, DKK a year per scheme.
        on: The date the assessment applies to.
        rules: The burden rule over time (the default amounts are [unverified]).
        catalogue: The adjustment catalogue.

    Returns:
        The assessment; "not reasonable" is a verdict, never an exception.

    Raises:
        ValidationError: Bad input (the path names the field).
        NotInForce: No version of ``rules`` is in force on ``on``.

    >>> from datetime import date
    >>> a = assess(
    ...     ["special_chair"],
    ...     employer=Employer(8, FinancialBand.WEAK),
    ...     cost=12_000,
    ...     colleague_load=ColleagueLoad.NONE,
    ...     compensation=[Compensation("hjaelpemidler", 12_000)],
    ...     on=date(2020, 9, 1),
    ... )
    >>> a.verdict.value, a.net_cost
    ('reasonable', 0)
    """
    _require_date(on, "on")
    if not isinstance(catalogue, AdjustmentCatalogue):
        raise ValidationError("must be an AdjustmentCatalogue", path="catalogue")
    keys = _adjustment_keys(adjustments, catalogue)
    if not isinstance(employer, Employer):
        raise ValidationError("must be an Employer", path="employer")
    _amount("cost")(None, None, cost)
    _enum(ColleagueLoad, "colleague_load")(None, None, colleague_load)
    offers = _offers(compensation)
    if not isinstance(rules, Timeline) or not all(
        isinstance(e.value, BurdenRule) for e in rules.entries
    ):
        raise ValidationError("must be a Timeline of BurdenRule", path="rules")
    version = rules.lookup(on)
    rule = version.value
    limit = rule.limit(employees=employer.employees, finances=employer.finances)
    fundable = frozenset().union(*(catalogue.get(k).schemes for k in keys))
    factors, counted = _compensation_factors(offers, fundable, catalogue, on)
    net = max(0, cost - counted)
    verdict = _verdict(net, limit, rule.clearly_factor, colleague_load)
    factors = [
        *_burden_factors(employer, cost, counted, net, limit, rule, version.source, colleague_load),
        *factors,
    ]
    return Assessment(
        on=on,
        adjustments=keys,
        verdict=verdict,
        net_cost=net,
        limit=limit,
        factors=tuple(factors),
        rule_source=version.source,
        rule_valid_from=version.entry.valid_from,
        rule_valid_until=version.valid_until,
    )


def _adjustment_keys(adjustments: object, catalogue: AdjustmentCatalogue) -> tuple[str, ...]:
    if isinstance(adjustments, str) or not isinstance(adjustments, Iterable):
        raise ValidationError("must be a collection of adjustment keys", path="adjustments")
    keys = sorted(set(_listed_keys(adjustments)))
    if not keys:
        raise ValidationError("at least one adjustment is needed", path="adjustments")
    known = {a.key for a in catalogue.adjustments}
    for key in keys:
        if key not in known:
            raise ValidationError(f"no adjustment {key!r} in the catalogue", path="adjustments")
    return tuple(keys)


def _listed_keys(items: Iterable[object]) -> list[str]:
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise ValidationError("must be an adjustment key", path=f"adjustments[{i}]")
        out.append(item)
    return out


def _offers(compensation: object) -> tuple[Compensation, ...]:
    if isinstance(compensation, str) or not isinstance(compensation, Iterable):
        raise ValidationError("must be a collection of Compensation", path="compensation")
    offers = tuple(compensation)
    for i, offer in enumerate(offers):
        if not isinstance(offer, Compensation):
            raise ValidationError("must be a Compensation", path=f"compensation[{i}]")
    return offers


def _compensation_factors(
    offers: tuple[Compensation, ...],
    fundable: frozenset[str],
    catalogue: AdjustmentCatalogue,
    on: date,
) -> tuple[list[Factor], int]:
    by_scheme: dict[str, int] = {}
    for offer in offers:
        by_scheme[offer.scheme] = by_scheme.get(offer.scheme, 0) + offer.amount
    factors, counted = [], 0
    for key in sorted(by_scheme):
        amount = by_scheme[key]
        scheme = next((s for s in catalogue.schemes if s.key == key), None)
        label = f"compensation from {key}: DKK {amount:,} a year"
        if scheme is None:
            factors.append(_factor(key, label, Effect.NEUTRAL, "not a known scheme", "catalogue"))
            continue
        version = scheme.in_force(on)
        if version is None:
            rule = f"the scheme is not in force on {on}; not counted"
            factors.append(_factor(key, label, Effect.NEUTRAL, rule, scheme.reference))
        elif key not in fundable:
            rule = "the scheme does not fund these adjustments; not counted"
            factors.append(_factor(key, label, Effect.NEUTRAL, rule, scheme.reference))
        else:
            counted += amount
            rule = f"counted: {version.value.terms}"
            source = f"{scheme.reference}; version from {version.entry.valid_from}"
            factors.append(_factor(key, label, Effect.FOR, rule, source))
    return factors, counted


def _factor(key: str, label: str, effect: Effect, rule: str, source: str) -> Factor:
    return Factor(key=f"compensation:{key}", label=label, effect=effect, rule=rule, source=source)


def _burden_factors(  # noqa: PLR0913, PLR0917 - the numbers the explanation shows
    employer: Employer,
    cost: int,
    counted: int,
    net: int,
    limit: int,
    rule: BurdenRule,
    source: str,
    load: ColleagueLoad,
) -> list[Factor]:
    size = (
        "large"
        if employer.employees >= rule.large_from
        else "medium"
        if employer.employees >= rule.medium_from
        else "small"
    )
    within = net <= limit
    clearly = net > limit * rule.clearly_factor
    return [
        Factor(
            key="employer",
            label=f"employer: {employer.employees} employees ({size}), "
            f"{employer.finances.label_en}",
            effect=Effect.NEUTRAL,
            rule=f"can be expected to bear DKK {limit:,} a year net",
            source=source,
        ),
        Factor(
            key="cost",
            label=f"cost: DKK {cost:,} a year before compensation",
            effect=Effect.NEUTRAL,
            rule="the cost of the adjustments to the employer",
            source=source,
        ),
        Factor(
            key="net_cost",
            label=f"net cost: DKK {net:,} a year after DKK {counted:,} compensation",
            effect=Effect.FOR if within else Effect.AGAINST,
            rule=(
                "not disproportionate when public schemes compensate sufficiently"
                if net == 0
                else f"within what the employer can bear (DKK {limit:,})"
                if within
                else f"more than {rule.clearly_factor} times what the employer can bear"
                if clearly
                else "above what the employer can bear, but not clearly"
            ),
            source=source,
        ),
        Factor(
            key="colleague_load",
            label=f"extra load on colleagues: {load.label_en}",
            effect=Effect.AGAINST if load is ColleagueLoad.SUBSTANTIAL else Effect.NEUTRAL,
            rule=(
                "a substantial load on colleagues needs a concrete assessment"
                if load is ColleagueLoad.SUBSTANTIAL
                else "does not weigh against the adjustment"
            ),
            source=source,
        ),
    ]


def _verdict(net: int, limit: int, clearly_factor: int, load: ColleagueLoad) -> Verdict:
    # Non-decreasing in ``net``: more compensation can only move the verdict towards
    # "reasonable".
    if net > limit * clearly_factor:
        return Verdict.NOT_REASONABLE
    if net > limit or load is ColleagueLoad.SUBSTANTIAL:
        return Verdict.NEEDS_CONCRETE_ASSESSMENT
    return Verdict.REASONABLE

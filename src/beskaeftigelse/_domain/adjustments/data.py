"""The adjustments the library ships: funding schemes, the catalogue and the burden rule.

Tables only; the types are in ``types`` and the decisions in ``logic``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from beskaeftigelse._domain.adjustments.types import (
    Adjustment,
    AdjustmentCatalogue,
    BurdenRule,
    Category,
    CostClass,
    FundingScheme,
    JobTrait,
    Need,
    SchemeTerms,
)
from beskaeftigelse._kernel.timeline import Timeline

#: Forskelsbehandlingsloven § 2 a and the directive it implements: the reasonableness rule.
FBL = "forskelsbehandlingsloven § 2 a; EU directive 2000/78/EC art. 5"

#: The first day the schemes are modelled from (the LAB baseline of 1 January 2020).
SCHEMES_FROM = date(2020, 1, 1)


def _scheme(key: str, da: str, en: str, reference: str, terms: str) -> FundingScheme:
    return FundingScheme(
        key=key,
        name_da=da,
        name_en=en,
        reference=reference,
        terms=Timeline.of(
            SchemeTerms(available=True, terms=terms),
            since=SCHEMES_FROM,
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
#: physical limitations (DOMAIN.md, "Reasonable accommodation"; PsykInfo / EN AF OS and
#: Vejle Kommune, 2020).
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

#: The burden rule in force over time. § 2 a came into forskelsbehandlingsloven with effect
#: from 1 January 2005 [unverified date]; the amounts are illustrative [unverified].
BURDEN_RULES: Timeline[BurdenRule] = Timeline.of(
    BurdenRule(),
    since=date(2005, 1, 1),
    source=f"{FBL}; in force from 2005-01-01 [unverified]; amounts illustrative [unverified]",
)

"""Who the citizen is legally, and the legal instruments as dated rules.

A :class:`Citizen` has a LAB § 6 :class:`TargetGroup` (codes ``"6.1"`` ... ``"6.13"``), a
:class:`Benefit` and a :class:`Readiness`, kept apart. The instruments' caps
(virksomhedspraktik § 61, the ratio rule, løntilskud § 68, mentor §§ 167-171) and the law
changes (ressourceforløb and revalidering closed to new citizens by lov nr. 1750 af 29.
december 2025) are :class:`Rule` values in a :class:`RuleSet`: dated entries, each citing its
reference, which a user can replace. A legal "no" is a :class:`Decision` with its reasons.

>>> from datetime import date
>>> from beskaeftigelse import legal
>>> legal.RULES.value("virksomhedspraktik.weeks", group=legal.TargetGroup.G2,
...                   on=date(2024, 1, 1)).value
4
"""

from beskaeftigelse._domain.legal.logic import (
    BENEFIT_MERGE,
    LAB,
    LOV_1750,
    RULES,
    Benefit,
    Citizen,
    Company,
    Decision,
    Finding,
    Instrument,
    Limit,
    Readiness,
    Rule,
    RuleSet,
    RuleValue,
    TargetGroup,
    allowed_readiness,
    check_hours,
    check_loentilskud,
    check_mentor,
    check_praktik,
    check_praktik_extension,
    check_referral,
    max_subsidised,
    praktik_weeks,
)

__all__ = [
    "BENEFIT_MERGE",
    "LAB",
    "LOV_1750",
    "RULES",
    "Benefit",
    "Citizen",
    "Company",
    "Decision",
    "Finding",
    "Instrument",
    "Limit",
    "Readiness",
    "Rule",
    "RuleSet",
    "RuleValue",
    "TargetGroup",
    "allowed_readiness",
    "check_hours",
    "check_loentilskud",
    "check_mentor",
    "check_praktik",
    "check_praktik_extension",
    "check_referral",
    "max_subsidised",
    "praktik_weeks",
]

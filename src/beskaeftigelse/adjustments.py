"""Reasonable workplace adjustments (rimelige tilpasninger) and the § 2 a assessment.

A catalogue of adjustments as data, the public schemes that may fund them as dated rules,
suggestions from a citizen's needs and the job, and the reasonableness assessment under
forskelsbehandlingsloven § 2 a, whose "not reasonable" is a verdict, never an exception.
An :class:`Assessment` is an :class:`~beskaeftigelse.Answer`: its findings are its
:class:`Factor` s, each with the rule, the amount, the source and the validity used.

>>> from datetime import date
>>> from beskaeftigelse import adjustments as adj
>>> adj.suggest({adj.Need.PAIN_SITTING}, job={adj.JobTrait.PRODUCTION})[0].adjustment.name_da
'Specialdesignet stol'
"""

from beskaeftigelse._domain.adjustments.data import ADJUSTMENTS, BURDEN_RULES, SCHEMES
from beskaeftigelse._domain.adjustments.logic import assess, suggest
from beskaeftigelse._domain.adjustments.types import (
    Adjustment,
    AdjustmentCatalogue,
    Assessment,
    BurdenRule,
    Category,
    ColleagueLoad,
    Compensation,
    CostClass,
    Effect,
    Employer,
    Factor,
    FinancialBand,
    FundingScheme,
    JobTrait,
    Need,
    SchemeTerms,
    Suggestion,
    Verdict,
)

__all__ = [
    "ADJUSTMENTS",
    "BURDEN_RULES",
    "SCHEMES",
    "Adjustment",
    "AdjustmentCatalogue",
    "Assessment",
    "BurdenRule",
    "Category",
    "ColleagueLoad",
    "Compensation",
    "CostClass",
    "Effect",
    "Employer",
    "Factor",
    "FinancialBand",
    "FundingScheme",
    "JobTrait",
    "Need",
    "SchemeTerms",
    "Suggestion",
    "Verdict",
    "assess",
    "suggest",
]

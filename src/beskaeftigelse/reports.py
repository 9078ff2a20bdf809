"""Work-capacity trials, the clarification report (afklaringsrapport) and dialogue support.

A :class:`CourseLog` records the working time tried during a course and the barriers noted;
:func:`build_report` turns an afklaringsforløb and its log into a :class:`ClarificationReport`
with recommendation candidates (it supports the jobcentre's decision, never makes it), which
serialises to JSON and renders to Markdown and HTML. Health information (strain, pain, notes,
barriers, skånehensyn) never appears in a ``repr`` or an error text.

``Finding`` is a deprecated alias of :class:`Observation` (an adjustment observed to remove
pain or strain); it warns with a ``FutureWarning``, which Python shows by default.

>>> from datetime import date
>>> from beskaeftigelse import reports
>>> log = reports.CourseLog(participant="ref-0001").record(
...     reports.Trial(on=date(2020, 8, 10), minutes_per_day=180, days_per_week=3,
...                   strain=reports.Strain.TOO_MUCH)
... )
>>> log.sustainable_weekly_minutes() is None
True
"""

import warnings
from typing import Any

from beskaeftigelse._domain.reports.data import DIALOGUE_PROMPTS
from beskaeftigelse._domain.reports.logic import build_report
from beskaeftigelse._domain.reports.types import (
    Barrier,
    BarrierNote,
    Candidate,
    Change,
    ClarificationReport,
    CourseLog,
    DialoguePrompt,
    MeetingRecord,
    Observation,
    Recommendation,
    Relief,
    ReportRules,
    Step,
    Strain,
    Trial,
)

#: Old names kept working, each with a warning: (new name, the value).
_DEPRECATED = {"Finding": ("Observation", Observation)}


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        new, value = _DEPRECATED[name]
        warnings.warn(
            f"beskaeftigelse.reports.{name} is deprecated; use {new} "
            f"(a Finding is now a rule applied in an Answer: beskaeftigelse.Finding)",
            FutureWarning,
            stacklevel=2,
        )
        return value
    raise AttributeError(f"module 'beskaeftigelse.reports' has no attribute {name!r}")


__all__ = [
    "DIALOGUE_PROMPTS",
    "Barrier",
    "BarrierNote",
    "Candidate",
    "Change",
    "ClarificationReport",
    "CourseLog",
    "DialoguePrompt",
    "MeetingRecord",
    "Observation",
    "Recommendation",
    "Relief",
    "ReportRules",
    "Step",
    "Strain",
    "Trial",
    "build_report",
]

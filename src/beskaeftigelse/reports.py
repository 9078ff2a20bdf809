"""Work-capacity trials, the clarification report (afklaringsrapport) and dialogue support.

A :class:`CourseLog` records the working time tried during a course and the barriers noted;
:func:`build_report` turns an afklaringsforløb and its log into a :class:`ClarificationReport`
with recommendation candidates (it supports the jobcentre's decision, never makes it), which
serialises to JSON and renders to Markdown and HTML. Health information (strain, pain, notes,
barriers, skånehensyn) never appears in a ``repr`` or an error text.

>>> from datetime import date
>>> from beskaeftigelse import reports
>>> log = reports.CourseLog(participant="ref-0001").record(
...     reports.Trial(on=date(2020, 8, 10), minutes_per_day=180, days_per_week=3,
...                   strain=reports.Strain.TOO_MUCH)
... )
>>> log.sustainable_weekly_minutes() is None
True
"""

from beskaeftigelse._domain.reports.logic import (
    DIALOGUE_PROMPTS,
    Barrier,
    BarrierNote,
    Candidate,
    Change,
    ClarificationReport,
    CourseLog,
    DialoguePrompt,
    Finding,
    MeetingRecord,
    Recommendation,
    Relief,
    ReportRules,
    Step,
    Strain,
    Trial,
    build_report,
)

__all__ = [
    "DIALOGUE_PROMPTS",
    "Barrier",
    "BarrierNote",
    "Candidate",
    "Change",
    "ClarificationReport",
    "CourseLog",
    "DialoguePrompt",
    "Finding",
    "MeetingRecord",
    "Recommendation",
    "Relief",
    "ReportRules",
    "Step",
    "Strain",
    "Trial",
    "build_report",
]

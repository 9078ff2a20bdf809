"""The typed, dated events a course takes, and the values they carry.

Every event is a frozen class with an ``on`` date. A course's history starts with
:class:`Started`; the programme's state machine decides which events may follow.

>>> from datetime import date
>>> from beskaeftigelse import events
>>> events.FollowUpHeld(on=date(2020, 9, 1)).describe()
'follow_up_held on 2020-09-01'
"""

from beskaeftigelse._engine.events import (
    Cancelled,
    CoachingSessionHeld,
    EndedEarly,
    EndReason,
    Event,
    FinalMeetingHeld,
    FollowUpHeld,
    Outcome,
    OutcomeRecorded,
    PhaseCompleted,
    Started,
    StartMeetingHeld,
    WorkFunctions,
)
from beskaeftigelse._kernel.references import Cpr

__all__ = [
    "Cancelled",
    "CoachingSessionHeld",
    "Cpr",
    "EndReason",
    "EndedEarly",
    "Event",
    "FinalMeetingHeld",
    "FollowUpHeld",
    "Outcome",
    "OutcomeRecorded",
    "PhaseCompleted",
    "StartMeetingHeld",
    "Started",
    "WorkFunctions",
]

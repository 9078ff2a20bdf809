"""Seats on a date: a programme's intake with dated capacity and a waiting list, and workshops.

:class:`Intake` decides referrals against the capacity in force on the admission date;
:class:`WorkshopRoster` decides sign-ups for the dated sessions of a :class:`Workshop`. Both
are immutable values over a request history, and every :class:`Decision` says why.

>>> from datetime import date
>>> import beskaeftigelse as bk
>>> from beskaeftigelse.intake import Intake
>>> intake = Intake.of(bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 1)))
>>> intake.refer("ref-1", on=date(2020, 10, 1)).decisions[0].kind.value
'admitted'
"""

from beskaeftigelse._domain.intake.logic import (
    RANDERS_RECOVERY_WORKSHOP,
    Action,
    Attendance,
    Decision,
    DecisionKind,
    Intake,
    Request,
    Roster,
    Seat,
    Session,
    SessionAction,
    SessionRequest,
    Workshop,
    WorkshopRoster,
)

__all__ = [
    "RANDERS_RECOVERY_WORKSHOP",
    "Action",
    "Attendance",
    "Decision",
    "DecisionKind",
    "Intake",
    "Request",
    "Roster",
    "Seat",
    "Session",
    "SessionAction",
    "SessionRequest",
    "Workshop",
    "WorkshopRoster",
]

"""Danish employment-programme workflows: dated programme definitions and pure course engines.

Layout: the public modules are ``events`` (typed, dated events), ``machines`` (state machines
as data), ``calendars`` (working days) and ``exceptions``; everything else a user needs is
re-exported here from private ``_modules``. ``catalogue`` is the immutable catalogue of the
programmes the library ships.

>>> from datetime import date
>>> import beskaeftigelse as bk
>>> bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 31)).capacity
15
"""

from . import calendars, events, exceptions, machines
from ._calendar import WorkingCalendar
from ._course import Course, Due, ItemKind, Option, Planned, Refusal
from ._errors import (
    BeskaeftigelseError,
    NotInForce,
    TransitionRefused,
    UnknownProgramme,
    ValidationError,
)
from ._json import SCHEMA_VERSION, configure_converter, from_json, make_converter, to_json
from ._programme import (
    Catalogue,
    Measurement,
    MeetingPlan,
    Phase,
    Placement,
    Programme,
    ProgrammeDefinition,
)
from ._shipped import CATALOGUE as catalogue
from ._timeline import Entry, Lookup, Period, Timeline

__all__ = [
    "SCHEMA_VERSION",
    "BeskaeftigelseError",
    "Catalogue",
    "Course",
    "Due",
    "Entry",
    "ItemKind",
    "Lookup",
    "Measurement",
    "MeetingPlan",
    "NotInForce",
    "Option",
    "Period",
    "Phase",
    "Placement",
    "Planned",
    "Programme",
    "ProgrammeDefinition",
    "Refusal",
    "Timeline",
    "TransitionRefused",
    "UnknownProgramme",
    "ValidationError",
    "WorkingCalendar",
    "calendars",
    "catalogue",
    "configure_converter",
    "events",
    "exceptions",
    "from_json",
    "machines",
    "make_converter",
    "to_json",
]

"""Danish employment-programme workflows: dated programme definitions and pure course engines.

Layout: the core (dated values, programme definitions, courses, JSON) is re-exported here from
private ``_modules``; ``catalogue`` is the immutable catalogue of the programmes the library
ships. The public modules: ``events`` (typed, dated events), ``machines`` (state machines as
data), ``calendars`` (working days), ``exceptions``, ``diagrams`` (Mermaid, DOT), ``intake``
(seats, waiting lists, workshop sessions), ``stats`` (mergeable outcome statistics, cohort
simulation), ``adjustments`` (reasonable adjustments, § 2 a), ``reports`` (work-capacity trials,
the clarification report), ``legal`` (target groups, instruments as dated rules), ``ips``
(IPS placements, IPS-25), ``plots`` (charts and DataFrames, the ``plot`` and ``pandas``
extras), ``stores`` (optimistic concurrency), and ``strategies`` and ``testing``
(Hypothesis strategies and a stateful harness; the ``hypothesis`` extra, not imported here).

>>> from datetime import date
>>> import beskaeftigelse as bk
>>> bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 31)).capacity
15
"""

from beskaeftigelse import (
    adjustments,
    calendars,
    diagrams,
    events,
    exceptions,
    intake,
    ips,
    legal,
    machines,
    plots,
    reports,
    stats,
    stores,
)
from beskaeftigelse._catalogue.programmes import CATALOGUE as catalogue
from beskaeftigelse._engine.course import Course, Due, ItemKind, Option, Planned
from beskaeftigelse._engine.json import (
    SCHEMA_VERSION,
    configure_converter,
    from_json,
    make_converter,
    migrate,
    to_json,
)
from beskaeftigelse._engine.programme import (
    Catalogue,
    Measurement,
    MeetingPlan,
    Phase,
    Placement,
    Programme,
    ProgrammeDefinition,
)
from beskaeftigelse._kernel.answers import Refusal
from beskaeftigelse._kernel.calendar import WorkingCalendar
from beskaeftigelse._kernel.errors import (
    BeskaeftigelseError,
    NotInForce,
    StaleVersion,
    TransitionRefused,
    UnknownProgramme,
    ValidationError,
)
from beskaeftigelse._kernel.timeline import Entry, Lookup, Period, Timeline

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
    "StaleVersion",
    "Timeline",
    "TransitionRefused",
    "UnknownProgramme",
    "ValidationError",
    "WorkingCalendar",
    "adjustments",
    "calendars",
    "catalogue",
    "configure_converter",
    "diagrams",
    "events",
    "exceptions",
    "from_json",
    "intake",
    "ips",
    "legal",
    "machines",
    "make_converter",
    "migrate",
    "plots",
    "reports",
    "stats",
    "stores",
    "to_json",
]

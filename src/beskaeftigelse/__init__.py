"""Danish employment-programme workflows: dated programme definitions and pure course engines.

Layout, bottom to top (each layer imports only from the layers below it; ``docs/design.md``
draws the picture, and an import-linter contract in the gate keeps it so):

- ``_kernel``: errors, the validation kit, labels, privacy (the CPR recogniser), answers,
  dated values, the working-day calendar, the display seam;
- ``_engine``: events, machines, programmes, courses, JSON, stores;
- ``_domain``: the slices ``legal``, ``adjustments``, ``reports``, ``intake``, ``ips``,
  ``stats``;
- ``_catalogue``: every programme the library ships (``bk.catalogue``);
- ``_views`` and ``_testing``: display, diagrams, plots, the command line; Hypothesis
  strategies and the stateful harness;
- the public modules (``events``, ``machines``, ``calendars``, ``exceptions``, ``diagrams``,
  ``intake``, ``stats``, ``adjustments``, ``reports``, ``legal``, ``ips``, ``plots``,
  ``stores``, ``strategies``, ``testing``) re-export from the layers.

Names are loaded on first use (PEP 562), so ``import beskaeftigelse`` costs little more than
its dependencies; ``strategies`` and ``testing`` need the ``hypothesis`` extra and are never
loaded here.

>>> from datetime import date
>>> import beskaeftigelse as bk
>>> bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 31)).capacity
15
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from beskaeftigelse._catalogue import CATALOGUE as catalogue
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
    from beskaeftigelse._kernel.answers import Answer, Finding, Refusal
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

    __version__: str

_SUBMODULES = frozenset(
    {
        "adjustments",
        "calendars",
        "diagrams",
        "events",
        "exceptions",
        "intake",
        "ips",
        "legal",
        "machines",
        "plots",
        "reports",
        "stats",
        "stores",
    }
)

#: Where each top-level name lives: (module, name in it).
_NAMES: dict[str, tuple[str, str]] = {
    **{
        n: ("beskaeftigelse._engine.course", n)
        for n in ("Course", "Due", "ItemKind", "Option", "Planned")
    },
    **{
        n: ("beskaeftigelse._engine.json", n)
        for n in (
            "SCHEMA_VERSION",
            "configure_converter",
            "from_json",
            "make_converter",
            "migrate",
            "to_json",
        )
    },
    **{
        n: ("beskaeftigelse._engine.programme", n)
        for n in (
            "Catalogue",
            "Measurement",
            "MeetingPlan",
            "Phase",
            "Placement",
            "Programme",
            "ProgrammeDefinition",
        )
    },
    **{n: ("beskaeftigelse._kernel.answers", n) for n in ("Answer", "Finding", "Refusal")},
    "WorkingCalendar": ("beskaeftigelse._kernel.calendar", "WorkingCalendar"),
    **{
        n: ("beskaeftigelse._kernel.errors", n)
        for n in (
            "BeskaeftigelseError",
            "NotInForce",
            "StaleVersion",
            "TransitionRefused",
            "UnknownProgramme",
            "ValidationError",
        )
    },
    **{
        n: ("beskaeftigelse._kernel.timeline", n) for n in ("Entry", "Lookup", "Period", "Timeline")
    },
    "catalogue": ("beskaeftigelse._catalogue", "CATALOGUE"),
}


def __getattr__(name: str) -> Any:
    value: Any
    if name in _SUBMODULES:
        value = importlib.import_module(f"beskaeftigelse.{name}")
    elif name in _NAMES:
        module, attribute = _NAMES[name]
        value = getattr(importlib.import_module(module), attribute)
    elif name == "__version__":
        from importlib import metadata  # noqa: PLC0415 - only when asked for

        value = metadata.version("beskaeftigelse")
    else:
        raise AttributeError(f"module 'beskaeftigelse' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})


__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "BeskaeftigelseError",
    "Catalogue",
    "Course",
    "Due",
    "Entry",
    "Finding",
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

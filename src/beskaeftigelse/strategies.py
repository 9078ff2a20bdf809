"""Hypothesis strategies for the library's values (the ``beskaeftigelse[hypothesis]`` extra).

Plural nouns, keyword-only options, like Hypothesis' own. Nothing here changes Hypothesis'
settings or registers anything at import time.

>>> from beskaeftigelse import strategies
>>> strategies.timelines().example()  # doctest: +SKIP
_Timeline(entries=(_Entry(valid_from=datetime.date(2004, 3, 1), value=3, source='...'),))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "beskaeftigelse.strategies needs Hypothesis: pip install 'beskaeftigelse[hypothesis]'"
    ) from exc

from . import events
from ._calendar import WorkingCalendar as _WorkingCalendar
from ._course import Course as _Course
from ._programme import Programme as _Programme
from ._programme import ProgrammeDefinition as _ProgrammeDefinition
from ._shipped import CATALOGUE as _CATALOGUE
from ._timeline import Entry as _Entry
from ._timeline import Timeline as _Timeline

T = TypeVar("T")

__all__ = [
    "calendars",
    "courses",
    "dates",
    "event_sequences",
    "programmes",
    "timelines",
]

_MIN = date(2000, 1, 1)
_MAX = date(2040, 12, 31)


def dates(*, min_value: date = _MIN, max_value: date = _MAX) -> st.SearchStrategy[date]:
    """Dates in a range where Danish holidays are known (default 2000-2040)."""
    return st.dates(min_value=min_value, max_value=max_value)


def timelines(
    values: st.SearchStrategy[T] | None = None,
    *,
    min_size: int = 1,
    max_size: int = 5,
    min_value: date = _MIN,
    max_value: date = _MAX,
) -> st.SearchStrategy[_Timeline[Any]]:
    """Valid timelines: strictly increasing ``valid_from`` dates, each entry with a source.

    Args:
        values: The entries' values (default: small positive integers).
        min_size: The fewest entries (at least 1).
        max_size: The most entries.
        min_value: The earliest ``valid_from``.
        max_value: The latest ``valid_from``.
    """
    value_strategy: st.SearchStrategy[Any] = (
        values if values is not None else st.integers(min_value=1, max_value=100)
    )
    starts = st.lists(
        dates(min_value=min_value, max_value=max_value),
        min_size=max(min_size, 1),
        max_size=max_size,
        unique=True,
    ).map(sorted)

    @st.composite
    def build(draw: st.DrawFn) -> _Timeline[Any]:
        entries = [
            _Entry(day, draw(value_strategy), f"source {i}") for i, day in enumerate(draw(starts))
        ]
        return _Timeline(tuple(entries))

    return build()


def calendars(*, max_closing_days: int = 10) -> st.SearchStrategy[_WorkingCalendar]:
    """Working calendars with random optional holidays and a few closing days."""
    return st.builds(
        _WorkingCalendar,
        closing_days=st.frozensets(dates(), max_size=max_closing_days),
        optional_holidays=st.booleans(),
    )


def programmes(
    *, definitions: Sequence[_ProgrammeDefinition] | None = None
) -> st.SearchStrategy[_Programme]:
    """Programmes as they stand on a random date within their validity.

    Args:
        definitions: Which definitions to draw from (default: the shipped catalogue).
    """
    pool = tuple(definitions) if definitions is not None else tuple(_CATALOGUE)

    @st.composite
    def build(draw: st.DrawFn) -> _Programme:
        d = draw(st.sampled_from(pool))
        end = d.validity.end - timedelta(days=1) if d.validity.end else _MAX
        return d.on(draw(dates(min_value=max(d.validity.start, _MIN), max_value=end)))

    return build()


def _next_event(draw: st.DrawFn, course: _Course, max_gap_days: int) -> events.Event | None:
    options = course.allowed()
    if not options:
        return None
    option = draw(st.sampled_from(options))
    on = option.not_before + timedelta(days=draw(st.integers(0, max_gap_days)))
    return _event_of(draw, option.event, on, course)


def _event_of(draw: st.DrawFn, kind: str, on: date, course: _Course) -> events.Event:
    if kind == "ended_early":
        return events.EndedEarly(on=on, reason=draw(st.sampled_from(events.EndReason)))
    if kind == "outcome_recorded":
        outcomes = sorted(course.programme.outcomes, key=lambda o: o.value)
        return events.OutcomeRecorded(on=on, outcome=draw(st.sampled_from(outcomes)))
    if kind == "start_meeting_held":
        return events.StartMeetingHeld(on=on)
    cls: Any = {
        "follow_up_held": events.FollowUpHeld,
        "final_meeting_held": events.FinalMeetingHeld,
        "coaching_session_held": events.CoachingSessionHeld,
        "phase_completed": events.PhaseCompleted,
        "cancelled": events.Cancelled,
    }[kind]
    return cls(on=on)  # type: ignore[no-any-return]


def event_sequences(
    programme: _Programme | _ProgrammeDefinition,
    *,
    start: date | None = None,
    max_size: int = 30,
    max_gap_days: int = 30,
) -> st.SearchStrategy[tuple[events.Event, ...]]:
    """Histories the programme accepts: ``Started`` then allowed events, in date order.

    Args:
        programme: The programme (a definition is resolved on the drawn start date).
        start: The start date (default: drawn within the definition's validity).
        max_size: The most events after ``Started``.
        max_gap_days: The most days between two events beyond what a guard requires.
    """
    definition = programme.definition if isinstance(programme, _Programme) else programme

    @st.composite
    def build(draw: st.DrawFn) -> tuple[events.Event, ...]:
        first = start
        if first is None:
            end = definition.validity.end or _MAX
            first = draw(dates(min_value=definition.validity.start, max_value=end - timedelta(1)))
        course = _Course.start(
            definition, participant=f"ref-{draw(st.integers(0, 10**6))}", on=first
        )
        for _ in range(draw(st.integers(0, max_size))):
            event = _next_event(draw, course, max_gap_days)
            if event is None:
                break
            course = course.apply(event)
        return course.history

    return build()


def courses(
    programme: _Programme | _ProgrammeDefinition | None = None,
    *,
    max_events: int = 30,
) -> st.SearchStrategy[_Course]:
    """Valid courses of ``programme`` (default: any shipped programme), in any state."""
    if programme is not None:
        return event_sequences(programme, max_size=max_events).map(
            lambda history: _Course.replay(programme, history)
        )
    return st.sampled_from(tuple(_CATALOGUE)).flatmap(lambda d: courses(d, max_events=max_events))

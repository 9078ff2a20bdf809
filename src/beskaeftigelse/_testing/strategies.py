"""Hypothesis strategies for the library's values (the ``beskaeftigelse[hypothesis]`` extra).

Plural nouns, keyword-only options, like Hypothesis' own. Nothing here changes Hypothesis'
settings or registers anything at import time.

>>> from beskaeftigelse import strategies
>>> strategies.timelines().example()  # doctest: +SKIP
_Timeline(entries=(_Entry(valid_from=datetime.date(2004, 3, 1), value=3, source='...'),))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:
    raise ImportError(
        "beskaeftigelse.strategies needs Hypothesis: pip install 'beskaeftigelse[hypothesis]'"
    ) from exc

from beskaeftigelse._catalogue.programmes import CATALOGUE as _CATALOGUE
from beskaeftigelse._domain.adjustments.data import ADJUSTMENTS as _ADJUSTMENTS
from beskaeftigelse._domain.adjustments.types import Adjustment as _Adjustment
from beskaeftigelse._domain.adjustments.types import JobTrait as _JobTrait
from beskaeftigelse._domain.adjustments.types import Need as _Need
from beskaeftigelse._domain.intake.logic import Action as _Action
from beskaeftigelse._domain.intake.logic import Request as _Request
from beskaeftigelse._domain.ips.logic import HoursChanged as _HoursChanged
from beskaeftigelse._domain.ips.logic import PlacementExtended as _PlacementExtended
from beskaeftigelse._domain.ips.logic import PlacementStarted as _PlacementStarted
from beskaeftigelse._domain.ips.logic import StartAgreement as _StartAgreement
from beskaeftigelse._domain.ips.logic import StartAgreementMade as _StartAgreementMade
from beskaeftigelse._domain.ips.logic import WorkPlacement as _WorkPlacement
from beskaeftigelse._domain.legal.logic import Benefit as _Benefit
from beskaeftigelse._domain.legal.logic import Citizen as _Citizen
from beskaeftigelse._domain.legal.logic import Company as _Company
from beskaeftigelse._domain.legal.logic import TargetGroup as _TargetGroup
from beskaeftigelse._domain.legal.logic import allowed_readiness as _allowed_readiness
from beskaeftigelse._engine import events
from beskaeftigelse._engine.course import Course as _Course
from beskaeftigelse._engine.events import EVENT_TYPES as _EVENT_TYPES
from beskaeftigelse._engine.events import Event as _Event
from beskaeftigelse._engine.machine import FewerThanPlanned as _FewerThanPlanned
from beskaeftigelse._engine.machine import Guard as _Guard
from beskaeftigelse._engine.machine import Machine as _Machine
from beskaeftigelse._engine.machine import MonthsAfterEnd as _MonthsAfterEnd
from beskaeftigelse._engine.machine import Transition as _Transition
from beskaeftigelse._engine.programme import Measurement as _Measurement
from beskaeftigelse._engine.programme import MeetingPlan as _MeetingPlan
from beskaeftigelse._engine.programme import Phase as _Phase
from beskaeftigelse._engine.programme import Placement as _Placement
from beskaeftigelse._engine.programme import Programme as _Programme
from beskaeftigelse._engine.programme import ProgrammeDefinition as _ProgrammeDefinition
from beskaeftigelse._kernel.calendar import WorkingCalendar as _WorkingCalendar
from beskaeftigelse._kernel.timeline import Entry as _Entry
from beskaeftigelse._kernel.timeline import Period as _Period
from beskaeftigelse._kernel.timeline import Timeline as _Timeline

T = TypeVar("T")

#: Builds an event of one kind on a given date: how :func:`event_sequences` and the harness in
#: :mod:`beskaeftigelse.testing` get events the library cannot build itself.
EventFactory = Callable[[date], st.SearchStrategy[events.Event]]

__all__ = [
    "adjustments",
    "calendars",
    "citizens",
    "courses",
    "dates",
    "event_sequences",
    "events_of",
    "intake_requests",
    "ips_events",
    "job_traits",
    "machines",
    "needs",
    "programme_definitions",
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


def _next_event(
    draw: st.DrawFn,
    course: _Course,
    max_gap_days: int,
    factories: Mapping[str, EventFactory],
) -> events.Event | None:
    options = course.allowed()
    if not options:
        return None
    option = draw(st.sampled_from(options))
    on = option.not_before + timedelta(days=draw(st.integers(0, max_gap_days)))
    return draw(events_of(option.event, on=on, programme=course.programme, events=factories))


def events_of(
    kind: str,
    *,
    on: date,
    programme: _Programme | None = None,
    events: Mapping[str, EventFactory] | None = None,
) -> st.SearchStrategy[_Event]:
    """Events of ``kind`` dated ``on``: the shipped kinds, or any kind with a factory.

    Args:
        kind: The event kind (e.g. ``"follow_up_held"``).
        on: The events' date.
        programme: Outcomes are drawn from its outcomes (default: any outcome).
        events: Event factories by kind, for events the library cannot build: a kind of your
            own whose class needs more than ``on``. They take precedence over the built-ins.

    Raises:
        InvalidArgument: No factory for a kind whose class needs more than ``on``.
    """
    factories = events or {}
    if kind in factories:
        return factories[kind](on)
    outcomes = sorted(programme.outcomes if programme else _OUTCOMES, key=lambda o: o.value)

    @st.composite
    def build(draw: st.DrawFn) -> _Event:
        return _event_of(draw, kind, on, outcomes)

    return build()


_OUTCOMES = tuple(events.Outcome)


def _event_of(
    draw: st.DrawFn, kind: str, on: date, outcomes: Sequence[events.Outcome]
) -> events.Event:
    if kind == "ended_early":
        return events.EndedEarly(on=on, reason=draw(st.sampled_from(events.EndReason)))
    if kind == "outcome_recorded":
        return events.OutcomeRecorded(on=on, outcome=draw(st.sampled_from(outcomes)))
    cls: Any = _EVENT_TYPES.get(kind)
    if cls is None or kind == "started":
        raise InvalidArgument(f"no event class has kind {kind!r}; pass events={{{kind!r}: ...}}")
    try:
        return cls(on=on)  # type: ignore[no-any-return]
    except TypeError as exc:
        raise InvalidArgument(
            f"{cls.__qualname__} needs more than a date; pass events={{{kind!r}: ...}}, "
            "a function from a date to a strategy of such events"
        ) from exc


def event_sequences(
    programme: _Programme | _ProgrammeDefinition,
    *,
    start: date | None = None,
    max_size: int = 30,
    max_gap_days: int = 30,
    events: Mapping[str, EventFactory] | None = None,
) -> st.SearchStrategy[tuple[_Event, ...]]:
    """Histories the programme accepts: ``Started`` then allowed events, in date order.

    Works for any programme, including one of your own with event classes of your own: pass
    a factory for each kind whose class needs more than a date.

    Args:
        programme: The programme (a definition is resolved on the drawn start date).
        start: The start date (default: drawn within the definition's validity).
        max_size: The most events after ``Started``.
        max_gap_days: The most days between two events beyond what a guard requires.
        events: Event factories by kind (see :func:`events_of`).
    """
    factories = dict(events or {})
    definition = programme.definition if isinstance(programme, _Programme) else programme

    @st.composite
    def build(draw: st.DrawFn) -> tuple[_Event, ...]:
        first = start
        if first is None:
            end = definition.validity.end or _MAX
            first = draw(
                dates(
                    min_value=max(definition.validity.start, _MIN),
                    max_value=min(end - timedelta(1), _MAX),
                )
            )
        course = _Course.start(
            definition, participant=f"ref-{draw(st.integers(0, 10**6))}", on=first
        )
        for _ in range(draw(st.integers(0, max_size))):
            event = _next_event(draw, course, max_gap_days, factories)
            if event is None:
                break
            course = course.apply(event)
        return course.history

    return build()


def courses(
    programme: _Programme | _ProgrammeDefinition | None = None,
    *,
    max_events: int = 30,
    events: Mapping[str, EventFactory] | None = None,
) -> st.SearchStrategy[_Course]:
    """Valid courses of ``programme`` (default: any shipped programme), in any state.

    Args:
        programme: The programme (default: any shipped one).
        max_events: The most events after ``Started``.
        events: Event factories by kind (see :func:`events_of`).
    """
    if programme is not None:
        return event_sequences(programme, max_size=max_events, events=events).map(
            lambda history: _Course.replay(programme, history)
        )
    return st.sampled_from(tuple(_CATALOGUE)).flatmap(lambda d: courses(d, max_events=max_events))


_CORE_KINDS = ("phase_completed", "ended_early", "cancelled")
_MEETING_EVENTS = {
    "start": "start_meeting_held",
    "follow_up": "follow_up_held",
    "final": "final_meeting_held",
    "coaching": "coaching_session_held",
}


def machines(
    *,
    min_size: int = 1,
    max_size: int = 5,
    meetings: Sequence[str] = (),
    outcomes: bool | None = None,
) -> st.SearchStrategy[_Machine]:
    """Random machines that pass every build check.

    A chain of working states ``s0``, ``s1``, ... reaches ``done`` (so every state is reachable
    and has a way out), with random extra transitions and a ``cancelled`` state. A meeting event
    is used only for a planned meeting kind, and always guarded by ``FewerThanPlanned``, so a
    course never holds more meetings than planned.

    Args:
        min_size: The fewest working states (at least 1).
        max_size: The most working states.
        meetings: The planned meeting kinds (``"start"``, ``"follow_up"``, ``"final"``,
            ``"coaching"``) the machine may hold and guard.
        outcomes: Whether the course ends in an ``ended`` state where outcomes are recorded
            (default: drawn).
    """
    meeting_kinds = [m for m in meetings if m in _MEETING_EVENTS]

    @st.composite
    def build(draw: st.DrawFn) -> _Machine:
        n = draw(st.integers(max(min_size, 1), max(max_size, min_size, 1)))
        working = [f"s{i}" for i in range(n)]
        record = draw(st.booleans()) if outcomes is None else outcomes
        end = "ended" if record else "done"
        kinds = [*_CORE_KINDS, *(_MEETING_EVENTS[m] for m in meeting_kinds)]
        guard_of = {_MEETING_EVENTS[m]: m for m in meeting_kinds}
        used: set[tuple[str, str]] = set()
        transitions: list[_Transition] = []

        def add(source: str, kind: str, target: str, extra: tuple[_Guard, ...] = ()) -> None:
            guards = (_FewerThanPlanned(guard_of[kind]),) if kind in guard_of else ()
            used.add((source, kind))
            transitions.append(_Transition(source, kind, target, (*guards, *extra)))

        for i, state in enumerate(working):
            target = working[i + 1] if i + 1 < n else end
            add(state, draw(st.sampled_from(kinds)), target)
        for state in working:
            if (state, "cancelled") not in used and draw(st.booleans()):
                add(state, "cancelled", "cancelled")
            for kind in draw(st.lists(st.sampled_from(kinds), max_size=3, unique=True)):
                if (state, kind) not in used:
                    add(state, kind, draw(st.sampled_from([*working, end])))
        states = [*working, end]
        final = {"done"} if not record else {"closed"}
        ended = set()
        if record:
            months = draw(st.sampled_from([(), (_MonthsAfterEnd(draw(st.integers(1, 6))),)]))
            transitions.append(_Transition("ended", "outcome_recorded", "closed", months))
            states.append("closed")
            ended = {"ended", "closed"}
        if any(t.target == "cancelled" for t in transitions):
            states.append("cancelled")
            final.add("cancelled")
        return _Machine(
            states=tuple(states),
            initial="s0",
            final=frozenset(final),
            ended=frozenset(ended),
            transitions=tuple(transitions),
        )

    return build()


def _dated(draw: st.DrawFn, start: date, values: st.SearchStrategy[int]) -> _Timeline[int]:
    later = draw(st.lists(st.integers(1, 3000), max_size=2, unique=True))
    timeline: _Timeline[int] = _Timeline.of(draw(values), since=start, source="source 0")
    for i, offset in enumerate(sorted(later), start=1):
        timeline = timeline.then(
            draw(values), since=start + timedelta(days=offset), source=f"source {i}"
        )
    return timeline


def programme_definitions(
    *,
    min_phases: int = 1,
    max_phases: int = 3,
    max_states: int = 5,
    min_value: date = _MIN,
    max_value: date = date(2035, 12, 31),
) -> st.SearchStrategy[_ProgrammeDefinition]:
    """Random user-style programme definitions that always pass the build checks.

    Random phases, meeting plans, capacity timelines, outcomes, measurements and a random but
    valid machine (see :func:`machines`); every dated value starts with the validity.

    Args:
        min_phases: The fewest phases (at least 1).
        max_phases: The most phases.
        max_states: The most working states of the machine.
        min_value: The earliest validity start.
        max_value: The latest validity start.
    """

    @st.composite
    def build(draw: st.DrawFn) -> _ProgrammeDefinition:
        start = draw(dates(min_value=min_value, max_value=max_value))
        ends = st.one_of(st.none(), st.integers(30, 5000).map(lambda d: start + timedelta(d)))
        end = draw(ends)
        n_phases = draw(st.integers(max(min_phases, 1), max(max_phases, min_phases, 1)))
        phases = tuple(
            _Phase(
                key=f"phase_{i}",
                name_da=f"fase {i}",
                name_en=f"phase {i}",
                days=_dated(draw, start, st.integers(1, 200)),
            )
            for i in range(n_phases)
        )
        plans = []
        for kind in draw(st.lists(st.sampled_from(sorted(_MEETING_EVENTS)), unique=True)):
            placement = draw(st.sampled_from(_Placement))
            most = 1 if placement in (_Placement.START, _Placement.LAST_WEEK) else 8
            plans.append(
                _MeetingPlan(
                    kind=kind,
                    name_da=f"møde {kind}",
                    name_en=f"{kind} meeting",
                    count=_dated(draw, start, st.integers(0, most)),
                    placement=placement,
                )
            )
        machine = draw(machines(max_size=max_states, meetings=[p.kind for p in plans]))
        records = any(t.event == "outcome_recorded" for t in machine.transitions)
        months = draw(st.lists(st.integers(0, 12), max_size=3, unique=True).map(sorted))
        if records and not months:
            months = [0]
        return _ProgrammeDefinition(
            key=draw(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)),
            name_da="eget forløb",
            name_en="a programme of one's own",
            provider="a provider",
            source="drawn by beskaeftigelse._testing.strategies",
            validity=_Period(start, end),
            phases=phases,
            meetings=tuple(plans),
            capacity=_dated(draw, start, st.integers(1, 30)),
            outcomes=draw(st.frozensets(st.sampled_from(events.Outcome), min_size=1)),
            measurements=tuple(
                _Measurement(
                    key=f"after_{m}_months",
                    name_da=f"efter {m} måneder",
                    name_en=f"after {m} months",
                    months_after_end=m,
                    source="drawn",
                )
                for m in months
            ),
            machine=machine,
            calendar=draw(calendars(max_closing_days=3)),
        )

    return build()


def needs(*, min_size: int = 0, max_size: int = 4) -> st.SearchStrategy[frozenset[_Need]]:
    """Sets of a citizen's needs (:class:`~beskaeftigelse.adjustments.Need`)."""
    return st.frozensets(st.sampled_from(_Need), min_size=min_size, max_size=max_size)


def job_traits(*, min_size: int = 0, max_size: int = 3) -> st.SearchStrategy[frozenset[_JobTrait]]:
    """Sets of a job's traits (:class:`~beskaeftigelse.adjustments.JobTrait`)."""
    return st.frozensets(st.sampled_from(_JobTrait), min_size=min_size, max_size=max_size)


def adjustments() -> st.SearchStrategy[_Adjustment]:
    """Adjustments from the shipped catalogue."""
    return st.sampled_from(_ADJUSTMENTS.adjustments)


def citizens(
    *, target_groups: st.SearchStrategy[_TargetGroup] | None = None
) -> st.SearchStrategy[_Citizen]:
    """Valid citizens: a readiness only where the target group has one, graduates only in 6.1.

    Args:
        target_groups: The target groups to draw from (default: all).
    """
    groups = target_groups if target_groups is not None else st.sampled_from(_TargetGroup)

    @st.composite
    def build(draw: st.DrawFn) -> _Citizen:
        group = draw(groups)
        allowed = sorted(_allowed_readiness(group), key=lambda r: r.value)
        return _Citizen(
            reference=draw(st.from_regex(r"ref-[a-z]{1,8}", fullmatch=True)),
            target_group=group,
            benefit=draw(st.sampled_from(_Benefit)),
            readiness=draw(st.sampled_from(allowed)) if allowed else None,
            dagpenge_graduate=group is _TargetGroup.G1 and draw(st.booleans()),
        )

    return build()


def intake_requests(
    *,
    start: date = date(2020, 10, 1),
    referrals: int = 8,
    min_size: int = 0,
    max_size: int = 30,
    max_gap_days: int = 3,
) -> st.SearchStrategy[list[_Request]]:
    """Intake requests in date order: referrals, ends and cancellations of a few references.

    Args:
        start: The first request's earliest date.
        referrals: How many distinct references (``ref-0``, ``ref-1``, ...).
        min_size: The fewest requests.
        max_size: The most requests.
        max_gap_days: The most days between two requests.
    """
    steps = st.lists(
        st.tuples(
            st.integers(0, max_gap_days),
            st.sampled_from(_Action),
            st.integers(0, max(referrals, 1) - 1),
        ),
        min_size=min_size,
        max_size=max_size,
    )

    def build(items: list[tuple[int, _Action, int]]) -> list[_Request]:
        day, out = start, []
        for gap, action, ref in items:
            day += timedelta(days=gap)
            out.append(_Request(day, f"ref-{ref}", action))
        return out

    return steps.map(build)


def ips_events(*, companies: st.SearchStrategy[_Company] | None = None) -> dict[str, EventFactory]:
    """Event factories for the IPS events that need more than a date (``events=`` mapping).

    Pass it to :func:`event_sequences`, :func:`courses` or
    :func:`beskaeftigelse.testing.course_state_machine` for
    :data:`~beskaeftigelse.ips.FUTURUM_IPS`. The placements are drawn without regard to the
    legal caps, which :class:`~beskaeftigelse.ips.IpsCourse` checks, not the course.

    Args:
        companies: The placement companies (default: small companies with no subsidised staff).
    """
    firms = companies or st.builds(
        _Company,
        reference=st.just("cvr-12345678"),
        ordinary_staff=st.integers(1, 200),
        subsidised=st.just(0),
    )
    hours = st.integers(1, 37)
    agreements = st.builds(_StartAgreement, weekly_hours=hours)
    placements = st.builds(
        _WorkPlacement, company=firms, weeks=st.integers(1, 26), hours_per_week=hours
    )
    return {
        "start_agreement_made": lambda on: st.builds(
            _StartAgreementMade, on=st.just(on), agreement=agreements
        ),
        "placement_started": lambda on: st.builds(
            _PlacementStarted, on=st.just(on), placement=placements
        ),
        "hours_changed": lambda on: st.builds(_HoursChanged, on=st.just(on), hours_per_week=hours),
        "placement_extended": lambda on: st.builds(
            _PlacementExtended, on=st.just(on), by_weeks=st.integers(1, 13)
        ),
    }

"""The stateful test harness (public through :mod:`beskaeftigelse.testing`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

try:
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
except ImportError as exc:
    raise ImportError(
        "beskaeftigelse.testing needs Hypothesis: pip install 'beskaeftigelse[hypothesis]'"
    ) from exc

from beskaeftigelse._domain.intake.logic import Action, Intake, Request
from beskaeftigelse._engine.course import Course
from beskaeftigelse._engine.events import Event
from beskaeftigelse._engine.machine import FewerThanPlanned
from beskaeftigelse._engine.programme import Programme, ProgrammeDefinition
from beskaeftigelse._kernel.errors import TransitionRefused
from beskaeftigelse._testing.strategies import EventFactory, dates, events_of

_MIN = date(2000, 1, 1)
_MAX = date(2040, 12, 31)
_REFERRALS = 6


class CourseMachine(RuleBasedStateMachine):
    """Random allowed and refused events on one course of ``definition``, checking invariants.

    Use :func:`course_state_machine` to get a subclass for your programme. The invariants:
    replaying the history gives the course, a refusal leaves the course unchanged, a final
    state accepts nothing, a meeting kind the machine guards with ``FewerThanPlanned`` is never
    held more often than planned, dates never go back, and (with ``capacity_intake``) an intake
    of the programme driven alongside never seats more than the capacity in force.
    """

    definition: ClassVar[ProgrammeDefinition]
    factories: ClassVar[Mapping[str, EventFactory]] = {}
    capacity_intake: ClassVar[bool] = False
    max_gap_days: ClassVar[int] = 30

    def __init__(self) -> None:
        super().__init__()
        self.course: Course | None = None
        self.intake: Intake | None = None

    @initialize(data=st.data())
    def start(self, data: st.DataObject) -> None:
        """Start a course (and an empty intake) on a date the definition is in force."""
        validity = self.definition.validity
        last = validity.end - timedelta(days=1) if validity.end else _MAX
        on = data.draw(dates(min_value=max(validity.start, _MIN), max_value=min(last, _MAX)))
        self.course = Course.start(self.definition, participant="ref-harness", on=on)
        if self.capacity_intake:
            self.intake = Intake.of(self.definition)

    def _course(self) -> Course:
        assert self.course is not None  # noqa: S101 - set by the initialize rule
        return self.course

    @rule(data=st.data())
    def allowed_event(self, data: st.DataObject) -> None:
        """Apply an event the course says it allows; it must be taken."""
        course = self._course()
        options = course.allowed()
        if not options:
            return
        option = data.draw(st.sampled_from(options))
        on = option.not_before + timedelta(days=data.draw(st.integers(0, self.max_gap_days)))
        event = data.draw(
            events_of(option.event, on=on, programme=course.programme, events=self.factories)
        )
        assert course.check(event) is None, course.check(event)  # noqa: S101
        self.course = course.apply(event)
        assert self.course.state == option.target  # noqa: S101

    @rule(data=st.data())
    def any_event(self, data: st.DataObject) -> None:
        """Try any event kind of the machine on any nearby date: taken, or refused unchanged."""
        course = self._course()
        kinds = sorted({t.event for t in course.programme.machine.transitions})
        kind = data.draw(st.sampled_from(kinds))
        offset = data.draw(st.integers(-self.max_gap_days, 4 * self.max_gap_days))
        on = max(_MIN, min(_MAX, course.last_on + timedelta(days=offset)))
        event: Event = data.draw(
            events_of(kind, on=on, programme=course.programme, events=self.factories)
        )
        refusal = course.check(event)
        if refusal is None:
            self.course = course.apply(event)
            return
        before = (course.history, course.state, course.ended_on)
        try:
            course.apply(event)
        except TransitionRefused as refused:
            assert refused.refusal == refusal  # noqa: S101, PT017 - no pytest here
        else:  # pragma: no cover - only a broken engine gets here
            raise AssertionError(f"{event.describe()} was refused by check but applied")
        assert (course.history, course.state, course.ended_on) == before  # noqa: S101

    @precondition(lambda self: self.intake is not None)
    @rule(
        action=st.sampled_from(Action),
        referral=st.integers(0, _REFERRALS - 1),
        gap=st.integers(0, 10),
    )
    def intake_request(self, action: Action, referral: int, gap: int) -> None:
        """Refer, end or cancel a seat in the intake driven alongside the course."""
        intake = self.intake
        assert intake is not None  # noqa: S101 - the precondition
        last = intake.history[-1].on if intake.history else self._course().started_on
        on = min(_MAX, last + timedelta(days=gap))
        request = Request(on, f"ref-{referral}", action)
        refusal = intake.check(request)
        if refusal is None:
            self.intake = intake.apply(request)
            return
        try:
            intake.apply(request)
        except TransitionRefused as refused:
            assert refused.refusal == refusal  # noqa: S101, PT017 - no pytest here
        else:  # pragma: no cover - only a broken intake gets here
            raise AssertionError(f"{request} was refused by check but applied")
        assert self.intake == intake  # noqa: S101

    @invariant()
    def replay_equals_the_course(self) -> None:
        """Replaying the history gives the same course."""
        if self.course is not None:
            replayed = Course.replay(self.definition, self.course.history)
            assert replayed == self.course  # noqa: S101
            assert replayed.state == self.course.state  # noqa: S101
            assert replayed.ended_on == self.course.ended_on  # noqa: S101

    @invariant()
    def dates_never_go_back(self) -> None:
        """Every event is dated on or after the one before it."""
        if self.course is not None:
            days = [e.on for e in self.course.history]
            assert days == sorted(days)  # noqa: S101

    @invariant()
    def final_states_accept_nothing(self) -> None:
        """A final course allows nothing, and refuses even an allowed-looking event."""
        course = self.course
        if course is not None and course.is_final:
            assert course.allowed() == ()  # noqa: S101
            for t in course.programme.machine.transitions:
                event = _probe(t.event, course.last_on, self.factories)
                if event is not None:
                    refusal = course.check(event)
                    assert refusal is not None  # noqa: S101
                    assert refusal.rule == "final"  # noqa: S101

    @invariant()
    def meetings_within_the_plan(self) -> None:
        """A meeting kind guarded by ``FewerThanPlanned`` is held at most as often as planned."""
        course = self.course
        if course is None:
            return
        for kind in _guarded_meetings(course.programme):
            assert course.held.get(kind, 0) <= course.programme.planned[kind]  # noqa: S101

    @invariant()
    def never_over_capacity(self) -> None:
        """The intake never seats more than the capacity in force on the day."""
        if self.intake is not None and self.intake.history:
            roster = self.intake.roster(on=self.intake.history[-1].on)
            assert len(roster.seated) <= roster.capacity.value  # noqa: S101
            assert roster.free == 0 or not roster.waiting  # noqa: S101


def _guarded_meetings(programme: Programme) -> set[str]:
    """Meeting kinds every transition of whose meeting event is guarded by FewerThanPlanned."""
    guarded: dict[str, bool] = {}
    from beskaeftigelse._engine.events import EVENT_TYPES  # noqa: PLC0415 - the live registry, read when needed

    for t in programme.machine.transitions:
        meeting = EVENT_TYPES[t.event].meeting
        if meeting is None:
            continue
        has = any(isinstance(g, FewerThanPlanned) and g.meeting == meeting for g in t.guards)
        guarded[meeting] = guarded.get(meeting, True) and has
    return {kind for kind, ok in guarded.items() if ok and kind in programme.planned}


def _probe(kind: str, on: date, factories: Mapping[str, EventFactory]) -> Event | None:
    """An event of ``kind`` on ``on`` built without drawing, if its class needs only a date."""
    from beskaeftigelse._engine.events import EVENT_TYPES, EndReason, Outcome, OutcomeRecorded  # noqa: PLC0415

    cls: Any = EVENT_TYPES[kind]
    if cls is OutcomeRecorded:
        return OutcomeRecorded(on=on, outcome=Outcome.OTHER)
    if kind == "ended_early":
        return cls(on=on, reason=EndReason.OTHER)  # type: ignore[no-any-return]
    if kind in factories:
        return None
    return cls(on=on)  # type: ignore[no-any-return]


def course_state_machine(
    programme: Programme | ProgrammeDefinition,
    *,
    capacity_intake: bool = False,
    events: Mapping[str, EventFactory] | None = None,
    max_gap_days: int = 30,
) -> type[CourseMachine]:
    """A :class:`CourseMachine` for ``programme``; pytest collects its ``TestCase``.

    Args:
        programme: The programme (its definition is used; courses start on drawn dates).
        capacity_intake: Also drive an intake of the programme and check its capacity.
        events: Event factories by kind, for event classes that need more than a date (see
            :func:`beskaeftigelse._testing.strategies.events_of`).
        max_gap_days: The most days between two drawn events beyond what a guard requires.

    Returns:
        A subclass of :class:`CourseMachine`.

    >>> import beskaeftigelse as bk
    >>> Machine = course_state_machine(bk.catalogue.versions("jobklub")[0])
    >>> Machine.__name__
    'CourseMachine_jobklub'
    """
    definition = programme.definition if isinstance(programme, Programme) else programme
    attrs_: dict[str, Any] = {
        "definition": definition,
        "factories": dict(events or {}),
        "capacity_intake": capacity_intake,
        "max_gap_days": max_gap_days,
    }
    return type(f"CourseMachine_{definition.key}", (CourseMachine,), attrs_)

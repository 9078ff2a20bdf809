"""A course: one participant's way through a programme, as an immutable event history."""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import attrs

from beskaeftigelse._engine.events import Event, OutcomeRecorded, Started, meeting_kinds
from beskaeftigelse._engine.machine import Machine, MonthsAfterEnd
from beskaeftigelse._engine.programme import Measurement, Placement, Programme, ProgrammeDefinition
from beskaeftigelse._kernel.answers import Refusal
from beskaeftigelse._kernel.calendar import WorkingCalendar
from beskaeftigelse._kernel.display import RichDisplay
from beskaeftigelse._kernel.errors import StaleVersion, TransitionRefused, ValidationError
from beskaeftigelse._kernel.references import Cpr


@attrs.frozen
class Option:
    """An event the course may take now.

    Attributes:
        event: The event kind (e.g. ``"follow_up_held"``).
        target: The state it leads to.
        not_before: The first date it may be dated (the last event's date, or later if a
            guard waits for a date).
    """

    event: str
    target: str
    not_before: date


class ItemKind(enum.Enum):
    """What a scheduled item is."""

    MEETING = "meeting"
    PHASE_START = "phase_start"
    END = "end"
    MEASUREMENT = "measurement"


@attrs.frozen(kw_only=True)
class Planned:
    """One planned meeting or milestone of a course's schedule.

    Attributes:
        kind: Meeting, phase start, end, or outcome measurement.
        key: The meeting kind, phase key, ``"end"`` or measurement key.
        number: 1 for the first of its key, 2 for the second, ...
        on: The day it is planned for: always a working day of the course's calendar.
        nominal: The day the plan's arithmetic gave, before moving to a working day.
        name_da: A Danish label.
        name_en: An English label.
    """

    kind: ItemKind
    key: str
    number: int
    on: date
    nominal: date
    name_da: str
    name_en: str


@attrs.frozen
class Due:
    """A planned item that is due or overdue on a date and has not happened.

    Attributes:
        item: The planned item.
        days_overdue: How many days past its date (0: due today).
    """

    item: Planned
    days_overdue: int

    @property
    def overdue(self) -> bool:
        """Whether its date has passed."""
        return self.days_overdue > 0


def _history(value: object) -> tuple[Event, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of events", path="history")
    for i, item in enumerate(value):
        if not isinstance(item, Event) or type(item) is Event:
            raise ValidationError("must be an event", path=f"history[{i}]")
    if not value or not isinstance(value[0], Started):
        raise ValidationError("a history starts with a Started event", path="history[0]")
    return tuple(value)


@attrs.frozen(repr=False)
class Course(RichDisplay):
    """One participant's course through a programme: the programme plus the event history.

    A course is a value. :meth:`apply` returns a new course and leaves this one as it was;
    the state, the end date and the counts are derived from the history, so
    ``Course.replay(programme, course.history) == course`` always holds. Build one with
    :meth:`start`.

    Attributes:
        programme: The programme as it stood on the start date.
        history: The events taken, oldest first; the first is :class:`~.events.Started`.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> from beskaeftigelse import events
    >>> p = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
    >>> course = bk.Course.start(p, participant="ref-0001", on=date(2020, 8, 3))
    >>> course.state
    'awaiting_start_meeting'
    >>> course.apply(events.StartMeetingHeld(on=date(2020, 8, 3))).state
    'in_progress'
    """

    programme: Programme = attrs.field()
    history: tuple[Event, ...] = attrs.field(converter=_history)
    state: str = attrs.field(init=False, eq=False, hash=False)
    ended_on: date | None = attrs.field(init=False, eq=False, hash=False)
    _counts: dict[str, int] = attrs.field(init=False, eq=False, hash=False)
    # The items not yet done and their dates, computed on the first ``due`` (a pure cache:
    # a course never changes, and a dashboard asks the same course again and again).
    _pending: tuple[tuple[date, ...], tuple[Planned, ...]] | None = attrs.field(
        init=False, default=None, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.programme, Programme):
            raise ValidationError("must be a Programme", path="programme")
        first = self.history[0]
        if self.programme.on != first.on:
            raise ValidationError(
                f"the programme is resolved on {self.programme.on.isoformat()}, "
                f"but the course starts on {first.on.isoformat()}; use Course.replay",
                path="programme.on",
            )
        state, ended_on, counts = _fold(self.programme, self.history)
        object.__setattr__(self, "state", state)
        object.__setattr__(self, "ended_on", ended_on)
        object.__setattr__(self, "_counts", counts)

    def __repr__(self) -> str:
        return (
            f"Course(programme={self.programme.key!r}, started_on={self.started_on!r}, "
            f"state={self.state!r}, events={len(self.history)})"
        )

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        programme: Programme | ProgrammeDefinition,
        *,
        participant: str | Cpr,
        on: date,
        calendar: WorkingCalendar | None = None,
    ) -> Course:
        """Start a course on ``on``.

        The programme's values are taken as they stand on the start date (a meeting plan
        follows the course start), whatever date ``programme`` was looked up on.

        Args:
            programme: The programme (or a definition of one).
            participant: An opaque reference to the citizen, or a :class:`~.events.Cpr`
                (a CPR number as plain text is refused).
            on: The start date.
            calendar: A working-day calendar for this course; default: the programme's.

        Raises:
            ValidationError: Bad input.
            NotInForce: The programme's version is not in force on ``on``.
        """
        started = Started(on, participant=participant, calendar=calendar)
        return cls.replay(programme, (started,))

    @classmethod
    def replay(cls, programme: Programme | ProgrammeDefinition, history: Iterable[Event]) -> Course:
        """Rebuild a course from its history.

        Raises:
            ValidationError: The history is not one the programme allows (the path names the
                first event refused, and the reason).
        """
        events = tuple(history) if not isinstance(history, tuple) else history
        events = _history(events)
        definition = programme.definition if isinstance(programme, Programme) else programme
        if not isinstance(definition, ProgrammeDefinition):
            raise ValidationError("must be a Programme or ProgrammeDefinition", path="programme")
        resolved = (
            programme
            if isinstance(programme, Programme) and programme.on == events[0].on
            else definition.on(events[0].on)
        )
        return cls(resolved, events)

    # -- reading --------------------------------------------------------------------------

    @property
    def started(self) -> Started:
        """The course's first event."""
        first = self.history[0]
        assert isinstance(first, Started)  # noqa: S101 - guaranteed by the converter
        return first

    @property
    def started_on(self) -> date:
        """The start date."""
        return self.history[0].on

    @property
    def participant(self) -> str | Cpr:
        """The participant reference (a :class:`~.events.Cpr` is never shown)."""
        return self.started.participant

    @property
    def calendar(self) -> WorkingCalendar:
        """The working-day calendar the schedule uses."""
        return self.started.calendar or self.programme.definition.calendar

    @property
    def version(self) -> int:
        """The number of events in the history: it grows by one with every ``apply``.

        Store it with the course and pass it back as ``expected_version`` (optimistic
        concurrency), so that a write based on an old read is refused, not silently lost.
        """
        return len(self.history)

    @property
    def last_on(self) -> date:
        """The date of the latest event."""
        return self.history[-1].on

    @property
    def is_final(self) -> bool:
        """Whether the course accepts nothing more (closed or cancelled)."""
        return self.programme.machine.is_final(self.state)

    @property
    def held(self) -> Mapping[str, int]:
        """How many meetings of each kind have been held."""
        return {
            kind: self._counts.get(kind, 0)
            for kind in sorted(meeting_kinds())
            if self._counts.get(kind, 0) or kind in self.programme.planned
        }

    def outcomes(self) -> tuple[tuple[Measurement, OutcomeRecorded], ...]:
        """The outcomes recorded so far, each with the measurement point it answers."""
        recorded = [e for e in self.history if isinstance(e, OutcomeRecorded)]
        return tuple(zip(self.programme.definition.measurements, recorded, strict=False))

    # -- deciding -------------------------------------------------------------------------

    def check(self, event: Event) -> Refusal | None:
        """Why the course would refuse ``event``, or ``None`` if it would take it.

        Raises:
            ValidationError: ``event`` is not an event.
        """
        _require_event(event)
        return self._decide(event)[0]

    def _decide(self, event: Event) -> tuple[Refusal | None, str | None]:
        return _decide(
            self.programme,
            self.state,
            self.started_on,
            self.last_on,
            self.ended_on,
            self._counts,
            event,
        )

    def apply(self, event: Event, *, expected_version: int | None = None) -> Course:
        """The course after ``event``; this course is left as it was.

        Args:
            event: The event.
            expected_version: The :attr:`version` the caller based its decision on, if it
                wants that checked.

        Raises:
            TransitionRefused: The course cannot take the event (the error names the state,
                the event and the reason).
            StaleVersion: ``expected_version`` is not this course's version.
            ValidationError: ``event`` is not an event.
        """
        if expected_version is not None and expected_version != self.version:
            raise StaleVersion(expected=expected_version, actual=self.version)
        _require_event(event)
        target = _fast_target(self.programme.machine, self.state, self.last_on, event)
        if target is None:
            refusal, target = self._decide(event)
            if refusal is not None:
                raise TransitionRefused(refusal)
            assert target is not None  # noqa: S101 - _decide gives one or the other
        counts = dict(self._counts)
        key = event.meeting or event.kind
        counts[key] = counts.get(key, 0) + 1
        ended_on = self.ended_on
        if ended_on is None and target in self.programme.machine.ended:
            ended_on = event.on
        new = object.__new__(Course)
        setattr_ = object.__setattr__
        setattr_(new, "programme", self.programme)
        setattr_(new, "history", (*self.history, event))
        setattr_(new, "state", target)
        setattr_(new, "ended_on", ended_on)
        setattr_(new, "_counts", counts)
        setattr_(new, "_pending", None)
        return new

    def allowed(self) -> tuple[Option, ...]:
        """The events the course may take now, with the states they lead to."""
        if self.is_final:
            return ()
        options = []
        for t in self.programme.machine.transitions_from(self.state):
            not_before = self.last_on
            refused = False
            for guard in t.guards:
                if isinstance(guard, MonthsAfterEnd) and self.ended_on is not None:
                    not_before = max(not_before, guard.earliest(self.ended_on))
                elif guard.refusal(not_before, self._counts, self.programme.planned, self.ended_on):
                    refused = True
            if not refused:
                options.append(Option(t.event, t.target, not_before))
        return tuple(options)

    # -- planning -------------------------------------------------------------------------

    @property
    def schedule(self) -> tuple[Planned, ...]:
        """The planned meetings and milestones, by date, all on working days.

        Meetings and phase starts follow the start date; outcome measurements follow the
        actual end once the course has ended, else the planned end.
        """
        return _schedule(self)

    def due(self, *, on: date) -> tuple[Due, ...]:
        """What is due or overdue on ``on`` and has not happened.

        Once the course has ended, only outcome measurements can be due; a closed or
        cancelled course has nothing due. The whole history counts, also events dated after
        ``on``: an item already done is not due on an earlier day either.
        """
        if type(on) is not date:
            raise ValidationError("must be a date", path="on")
        pending = self._pending
        if pending is None:
            items = () if self.is_final else tuple(i for i in _schedule(self) if not self._done(i))
            pending = (tuple(i.on for i in items), items)
            object.__setattr__(self, "_pending", pending)
        dates, items = pending
        # The schedule is sorted by date, so the items due are a prefix of those not done.
        return tuple(Due(item, (on - item.on).days) for item in items[: bisect_right(dates, on)])

    def _done(self, item: Planned) -> bool:
        counts = self._counts
        if item.kind is ItemKind.MEASUREMENT:
            return counts.get("outcome_recorded", 0) >= item.number
        if self.ended_on is not None:
            return True
        if item.kind is ItemKind.MEETING:
            return counts.get(item.key, 0) >= item.number
        if item.kind is ItemKind.PHASE_START:
            return counts.get("phase_completed", 0) >= item.number
        return False


def _require_event(event: object) -> None:
    if not isinstance(event, Event) or type(event) is Event:
        raise ValidationError(f"must be an event, not {type(event).__name__}", path="event")


def _decide(  # noqa: PLR0913, PLR0917 - the course's derived state, passed flat for speed
    programme: Programme,
    state: str,
    started_on: date,
    last_on: date,
    ended_on: date | None,
    counts: Mapping[str, int],
    event: Event,
) -> tuple[Refusal | None, str | None]:
    machine = programme.machine
    on = event.on
    kind = event.kind
    rule = reason = ""
    transition = None
    if machine.is_final(state):
        rule, reason = "final", "the course has ended or been cancelled and accepts nothing more"
    elif kind == "started":
        rule, reason = "started_twice", "a course starts once"
    elif on < started_on:
        rule, reason = "before_start", f"it is dated before the course started ({started_on})"
    elif on < last_on:
        rule, reason = "date_order", f"it is dated before the previous event ({last_on})"
    else:
        transition = machine.transition(state, kind)
        if transition is None:
            possible = ", ".join(t.event for t in machine.transitions_from(state))
            rule, reason = "no_transition", f"it is not possible here; possible: {possible}"
        else:
            for guard in transition.guards:
                why = guard.refusal(on, counts, programme.planned, ended_on)
                if why:
                    rule, reason = "guard", why
                    break
            else:
                if isinstance(event, OutcomeRecorded) and event.outcome not in programme.outcomes:
                    allowed = ", ".join(sorted(o.value for o in programme.outcomes))
                    rule = "outcome_not_allowed"
                    reason = (
                        f"{event.outcome.value!r} is not an outcome of {programme.key!r} "
                        f"(allowed: {allowed})"
                    )
    if rule:
        return Refusal(state, event.describe(), rule, reason), None
    assert transition is not None  # noqa: S101
    return None, transition.target


def _fast_target(machine: Machine, state: str, last_on: date, event: Event) -> str | None:
    """The target when nothing can refuse the event, else ``None`` (ask ``_decide``).

    Nothing can refuse it when the transition exists and has no guards, the event is not
    dated before the last one, and it records no outcome. A final state has no transitions
    and ``started`` is no machine's event (both checked when a machine is built), and the last
    event is never before the start, so this agrees with ``_decide`` whenever it answers.
    """
    transition = machine._table.get((state, event.kind))  # noqa: SLF001 - the hot path
    if (
        transition is None
        or transition.guards
        or event.on < last_on
        or event.kind == "outcome_recorded"
    ):
        return None
    return transition.target


def _fold(
    programme: Programme, history: tuple[Event, ...]
) -> tuple[str, date | None, dict[str, int]]:
    machine = programme.machine
    ended_states = machine.ended
    state = machine.initial
    started_on = last_on = history[0].on
    ended_on: date | None = None
    counts: dict[str, int] = {}
    for i in range(1, len(history)):
        event = history[i]
        target = _fast_target(machine, state, last_on, event)
        if target is None:
            refusal, target = _decide(
                programme, state, started_on, last_on, ended_on, counts, event
            )
            if refusal is not None:
                raise ValidationError(f"{refusal}", path=f"history[{i}]")
        key = event.meeting or event.kind
        counts[key] = counts.get(key, 0) + 1
        state = target  # type: ignore[assignment]
        last_on = event.on
        if ended_on is None and state in ended_states:
            ended_on = last_on
    return state, ended_on, counts


def _schedule(course: Course) -> tuple[Planned, ...]:
    start = course.started_on
    last_day = start + timedelta(days=course.programme.days - 1)
    items = [
        *_phase_starts(course, start),
        *_meetings(course, start, last_day),
        *_ends(course, last_day),
    ]
    items.sort(key=lambda item: (item.on, item.kind is ItemKind.MEASUREMENT))
    return tuple(items)


def _phase_starts(course: Course, start: date) -> list[Planned]:
    p = course.programme
    items, offset = [], 0
    for i, (phase, (_, days)) in enumerate(zip(p.definition.phases, p.phase_days, strict=True)):
        if i:
            nominal = start + timedelta(days=offset)
            items.append(
                Planned(
                    kind=ItemKind.PHASE_START,
                    key=phase.key,
                    number=i,
                    on=course.calendar.next_working_day(nominal),
                    nominal=nominal,
                    name_da=f"{phase.name_da} begynder",
                    name_en=f"{phase.name_en} starts",
                )
            )
        offset += days
    return items


def _meetings(course: Course, start: date, last_day: date) -> list[Planned]:
    cal = course.calendar
    days = course.programme.days
    items: list[Planned] = []
    for plan in course.programme.definition.meetings:
        count = course.programme.planned[plan.kind]
        placed: list[tuple[date, date]] = []  # (nominal, on)
        if plan.placement is Placement.START and count:
            placed.append((start, cal.next_working_day(start)))
        elif plan.placement is Placement.LAST_WEEK and count:
            placed.append((last_day, cal.previous_working_day(last_day)))
        elif plan.placement is Placement.SPREAD:
            previous = cal.next_working_day(start)
            for n in range(1, count + 1):
                nominal = start + timedelta(days=round(days * n / (count + 1)))
                previous = cal.next_working_day(max(nominal, previous + timedelta(days=1)))
                placed.append((nominal, previous))
        numbered = len(placed) > 1
        items.extend(
            Planned(
                kind=ItemKind.MEETING,
                key=plan.kind,
                number=n,
                on=on,
                nominal=nominal,
                name_da=f"{plan.name_da} {n}" if numbered else plan.name_da,
                name_en=f"{plan.name_en} {n}" if numbered else plan.name_en,
            )
            for n, (nominal, on) in enumerate(placed, start=1)
        )
    return items


def _ends(course: Course, last_day: date) -> list[Planned]:
    cal = course.calendar
    items: list[Planned] = []
    end_on = course.ended_on or cal.previous_working_day(last_day)
    if course.ended_on is None:
        items.append(
            Planned(
                kind=ItemKind.END,
                key="end",
                number=1,
                on=end_on,
                nominal=last_day,
                name_da="forløbet slutter",
                name_en="course ends",
            )
        )
    for n, m in enumerate(course.programme.definition.measurements, start=1):
        nominal = MonthsAfterEnd(m.months_after_end).earliest(end_on)
        items.append(
            Planned(
                kind=ItemKind.MEASUREMENT,
                key=m.key,
                number=n,
                on=cal.next_working_day(nominal),
                nominal=nominal,
                name_da=m.name_da,
                name_en=m.name_en,
            )
        )
    return items

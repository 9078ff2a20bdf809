"""State machines as data, checked when built (public through :mod:`beskaeftigelse.machines`)."""

from __future__ import annotations

import abc
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

import attrs
from dateutil.relativedelta import relativedelta

from beskaeftigelse._engine.events import EVENT_TYPES
from beskaeftigelse._kernel.errors import MachineError, ValidationError
from beskaeftigelse._kernel.validation import whole


def _count(path: str) -> Any:
    return whole(0, 1200, path)


_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _name(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not _NAME.fullmatch(value):
            raise ValidationError(
                "must be a lower-case name of letters, digits and underscores", path=path
            )

    return check


@attrs.frozen
class Guard(abc.ABC):
    """Base class of the conditions a transition can require; guards only refuse, never pick.

    A guard is data, so a machine that uses it can be stored, drawn and checked.
    """

    #: The key that names the guard's type in JSON.
    type: ClassVar[str] = "guard"

    @abc.abstractmethod
    def refusal(
        self,
        on: date,
        held: Mapping[str, int],
        planned: Mapping[str, int],
        ended_on: date | None,
    ) -> str | None:
        """Why an event on ``on`` is refused, or ``None`` if the guard lets it through.

        Args:
            on: The event's date.
            held: How many meetings of each kind the course has held so far.
            planned: How many meetings of each kind the programme plans.
            ended_on: The day the course ended, if it has.
        """

    @abc.abstractmethod
    def describe(self) -> str:
        """The condition in words."""


@attrs.frozen
class FewerThanPlanned(Guard):
    """The meeting kind has been held fewer times than planned (so one more is allowed).

    Attributes:
        meeting: The meeting kind, e.g. ``"follow_up"``.
    """

    type: ClassVar[str] = "fewer_than_planned"
    meeting: str = attrs.field(validator=_name("meeting"))

    def refusal(
        self,
        on: date,
        held: Mapping[str, int],
        planned: Mapping[str, int],
        ended_on: date | None,
    ) -> str | None:
        """See :meth:`Guard.refusal`."""
        count, limit = held.get(self.meeting, 0), planned.get(self.meeting, 0)
        if count < limit:
            return None
        return f"all {limit} planned {self.meeting} meetings have been held"

    def describe(self) -> str:
        """The condition in words."""
        return f"fewer {self.meeting} meetings held than planned"


@attrs.frozen
class AllPlannedHeld(Guard):
    """Every planned meeting of the kind has been held.

    Attributes:
        meeting: The meeting kind, e.g. ``"follow_up"``.
    """

    type: ClassVar[str] = "all_planned_held"
    meeting: str = attrs.field(validator=_name("meeting"))

    def refusal(
        self,
        on: date,
        held: Mapping[str, int],
        planned: Mapping[str, int],
        ended_on: date | None,
    ) -> str | None:
        """See :meth:`Guard.refusal`."""
        count, limit = held.get(self.meeting, 0), planned.get(self.meeting, 0)
        if count >= limit:
            return None
        return (
            f"only {count} of the {limit} planned {self.meeting} meetings have been held; "
            "end the course early with a reason instead"
        )

    def describe(self) -> str:
        """The condition in words."""
        return f"all planned {self.meeting} meetings held"


@attrs.frozen
class MonthsAfterEnd(Guard):
    """The event is at least ``months`` calendar months after the course ended.

    Attributes:
        months: How many months after the end.
    """

    type: ClassVar[str] = "months_after_end"
    months: int = attrs.field(validator=_count("months"))

    def earliest(self, ended_on: date) -> date:
        """The first day the guard lets an event through."""
        return ended_on + relativedelta(months=self.months)

    def refusal(
        self,
        on: date,
        held: Mapping[str, int],
        planned: Mapping[str, int],
        ended_on: date | None,
    ) -> str | None:
        """See :meth:`Guard.refusal`."""
        if ended_on is None:
            return "the course has not ended"
        earliest = self.earliest(ended_on)
        if on >= earliest:
            return None
        return (
            f"it is due {self.months} months after the end ({ended_on.isoformat()}), "
            f"so not before {earliest.isoformat()}"
        )

    def describe(self) -> str:
        """The condition in words."""
        return f"{self.months} months after the end"


#: Every guard class, by its ``type``.
GUARD_TYPES: dict[str, type[Guard]] = {
    cls.type: cls for cls in (FewerThanPlanned, AllPlannedHeld, MonthsAfterEnd)
}


def _guards(value: object) -> tuple[Guard, ...]:
    if not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of guards", path="guards")
    for item in value:
        if not isinstance(item, Guard) or type(item) is Guard:
            raise ValidationError("must contain guards", path="guards")
    return tuple(value)


@attrs.frozen
class Transition:
    """In state ``source``, an event of kind ``event`` moves the course to ``target``.

    Attributes:
        source: The state the course is in.
        event: The event kind (``FollowUpHeld.kind`` is ``"follow_up_held"``).
        target: The state the course moves to.
        guards: Conditions that must hold, else the event is refused with their reason.
    """

    source: str = attrs.field(validator=_name("source"))
    event: str = attrs.field(validator=_name("event"))
    target: str = attrs.field(validator=_name("target"))
    guards: tuple[Guard, ...] = attrs.field(default=(), converter=_guards)


def _states(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of state names", path="states")
    for state in value:
        _name("states")(None, None, state)
    return tuple(value)


def _state_set(path: str) -> Any:
    def convert(value: object) -> frozenset[str]:
        if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
            raise ValidationError("must be a collection of state names", path=path)
        for state in value:
            _name(path)(None, None, state)
        return frozenset(value)

    return convert


def _final_states(value: object) -> frozenset[str]:
    return _state_set("final")(value)  # type: ignore[no-any-return]


def _ended_states(value: object) -> frozenset[str]:
    return _state_set("ended")(value)  # type: ignore[no-any-return]


def _transitions(value: object) -> tuple[Transition, ...]:
    if not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of transitions", path="transitions")
    for i, item in enumerate(value):
        if not isinstance(item, Transition):
            raise ValidationError("must be a Transition", path=f"transitions[{i}]")
    return tuple(value)


@attrs.frozen
class Machine:
    """A course's state machine: immutable, and checked completely when built.

    The checks, each reported by name in :class:`~beskaeftigelse.exceptions.MachineError`:
    a transition from or to an unknown state, an unknown event kind, a state the initial state
    cannot reach, a non-final state with no way out, a final state with a way out, and two
    transitions from the same state on the same event kind (both could fire: guards only
    refuse, they never choose between targets). Outcomes may only be recorded in an ``ended``
    state.

    Attributes:
        states: Every state, in display order.
        initial: The state a course starts in.
        final: The states that accept nothing more.
        ended: The states in which the course's activity is over and outcomes are recorded.
        transitions: The transitions.

    >>> m = Machine(
    ...     states=("running", "done"),
    ...     initial="running",
    ...     final={"done"},
    ...     transitions=(Transition("running", "cancelled", "done"),),
    ... )
    >>> [t.target for t in m.transitions_from("running")]
    ['done']
    """

    states: tuple[str, ...] = attrs.field(converter=_states)
    initial: str = attrs.field(validator=_name("initial"))
    final: frozenset[str] = attrs.field(converter=_final_states)
    transitions: tuple[Transition, ...] = attrs.field(converter=_transitions)
    ended: frozenset[str] = attrs.field(default=frozenset(), converter=_ended_states)
    _table: dict[tuple[str, str], Transition] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise MachineError(tuple(problems))
        table = {(t.source, t.event): t for t in self.transitions}
        object.__setattr__(self, "_table", table)

    def transitions_from(self, state: str) -> tuple[Transition, ...]:
        """The transitions leaving ``state``, in definition order."""
        return tuple(t for t in self.transitions if t.source == state)

    def transition(self, state: str, event: str) -> Transition | None:
        """The transition from ``state`` on event kind ``event``, if there is one."""
        return self._table.get((state, event))

    def is_final(self, state: str) -> bool:
        """Whether ``state`` accepts nothing more."""
        return state in self.final


def _problems(m: Machine) -> list[str]:  # noqa: C901, PLR0912 - a flat list of checks
    known = set(m.states)
    problems: list[str] = []
    if len(known) != len(m.states):
        problems.append("a state is listed twice")
    if m.initial not in known:
        problems.append(f"initial state {m.initial!r} is not one of the states")
    if m.initial in m.final:
        problems.append(f"initial state {m.initial!r} is final, so the machine can do nothing")
    problems.extend(f"final state {s!r} is not one of the states" for s in sorted(m.final - known))
    problems.extend(f"ended state {s!r} is not one of the states" for s in sorted(m.ended - known))
    seen: dict[tuple[str, str], Transition] = {}
    for t in m.transitions:
        if t.source not in known:
            problems.append(f"transition on {t.event!r} starts from unknown state {t.source!r}")
        if t.target not in known:
            problems.append(
                f"transition {t.source!r} --{t.event}--> has unknown target {t.target!r}"
            )
        if t.event not in EVENT_TYPES or t.event == "started":
            problems.append(f"transition from {t.source!r} uses unknown event kind {t.event!r}")
        if (t.source, t.event) in seen:
            problems.append(
                f"two transitions from {t.source!r} on {t.event!r} could both fire "
                f"(to {seen[t.source, t.event].target!r} and to {t.target!r})"
            )
        seen[t.source, t.event] = t
        if t.event == "outcome_recorded" and t.source not in m.ended:
            problems.append(
                f"outcome recorded in {t.source!r}, which is not an ended state "
                "(outcomes are recorded only after the course has ended)"
            )
    exits = {t.source for t in m.transitions}
    for state in m.states:
        if state in m.final and state in exits:
            problems.append(f"final state {state!r} has a way out")
        if state not in m.final and state not in exits:
            problems.append(f"state {state!r} is not final and has no way out")
    reachable = {m.initial}
    frontier = [m.initial]
    while frontier:
        state = frontier.pop()
        for t in m.transitions:
            if t.source == state and t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    problems.extend(
        f"state {s!r} cannot be reached from {m.initial!r}"
        for s in m.states
        if s not in reachable and m.initial in known
    )
    return problems

"""Programme definitions (dated, versioned) and a programme as it stands on one date."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from beskaeftigelse._engine.events import Outcome, meeting_kinds
from beskaeftigelse._engine.machine import AllPlannedHeld, FewerThanPlanned, Machine, _name
from beskaeftigelse._kernel.calendar import WorkingCalendar
from beskaeftigelse._kernel.display import RichDisplay
from beskaeftigelse._kernel.errors import NotInForce, UnknownProgramme, ValidationError
from beskaeftigelse._kernel.timeline import Lookup, Period, Timeline
from beskaeftigelse._kernel.validation import text as _text
from beskaeftigelse._kernel.validation import tuple_of as _tuple_of

_MAX_DAYS = 3660
_MEMO = 4096


def _int_timeline(path: str, *, low: int, high: int) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, Timeline):
            raise ValidationError("must be a Timeline", path=path)
        for i, entry in enumerate(value.entries):
            v = entry.value
            if type(v) is not int or not low <= v <= high:
                raise ValidationError(
                    f"must be a whole number from {low} to {high}",
                    path=f"{path}.entries[{i}].value",
                )

    return check


def _outcomes(value: object) -> frozenset[Outcome]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise ValidationError("must be a collection of outcomes", path="outcomes")
    for item in value:
        if not isinstance(item, Outcome):
            raise ValidationError("must contain Outcome values", path="outcomes")
    return frozenset(value)


class Placement(enum.Enum):
    """Where a planned meeting falls in a course.

    ``START``: on the first working day. ``SPREAD``: evenly over the course's length, the
    i-th of n at i/(n+1) of it, moved to the next working day. ``LAST_WEEK``: on the last
    working day before the end (in the last week unless the whole week is closed).
    ``UNSCHEDULED``: held when needed; the plan only caps how many.
    """

    START = "start"
    SPREAD = "spread"
    LAST_WEEK = "last_week"
    UNSCHEDULED = "unscheduled"


@attrs.frozen(kw_only=True)
class Phase:
    """A consecutive part of a programme, such as the 14-day CV workshop of a jobklub.

    Attributes:
        key: A lower-case name, e.g. ``"workshop"``.
        name_da: The Danish name.
        name_en: The English name.
        days: How many calendar days the phase lasts, as a dated value.
    """

    key: str = attrs.field(validator=_name("key"))
    name_da: str = attrs.field(validator=_text("name_da"))
    name_en: str = attrs.field(validator=_text("name_en"))
    days: Timeline[int] = attrs.field(validator=_int_timeline("days", low=1, high=_MAX_DAYS))


@attrs.frozen(kw_only=True)
class MeetingPlan:
    """How many meetings of one kind a programme plans, and where they fall.

    Attributes:
        kind: The meeting kind: ``"start"``, ``"follow_up"``, ``"final"``, ``"coaching"``, or
            the ``meeting`` of an event class of your own.
        name_da: The Danish name.
        name_en: The English name.
        count: How many, as a dated value.
        placement: Where they fall in the course.
    """

    kind: str = attrs.field(validator=_name("kind"))
    name_da: str = attrs.field(validator=_text("name_da"))
    name_en: str = attrs.field(validator=_text("name_en"))
    count: Timeline[int] = attrs.field(validator=_int_timeline("count", low=0, high=100))
    placement: Placement = attrs.field()

    @kind.validator
    def _check_kind(self, _attr: object, value: str) -> None:
        known = meeting_kinds()
        if value not in known:
            raise ValidationError(f"must be one of the meeting kinds {sorted(known)}", path="kind")

    @placement.validator
    def _check_placement(self, _attr: object, value: object) -> None:
        if not isinstance(value, Placement):
            raise ValidationError("must be a Placement", path="placement")
        if value in (Placement.START, Placement.LAST_WEEK) and max(self.count.values()) > 1:
            raise ValidationError(f"a {value.value} meeting is held once at most", path="count")


@attrs.frozen(kw_only=True)
class Measurement:
    """A point at which a course's outcome is recorded, counted from its end.

    Attributes:
        key: A lower-case name, e.g. ``"end"`` or ``"after_3_months"``.
        name_da: The Danish name.
        name_en: The English name.
        months_after_end: How many calendar months after the course's end.
        source: Where the measurement point comes from.
    """

    key: str = attrs.field(validator=_name("key"))
    name_da: str = attrs.field(validator=_text("name_da"))
    name_en: str = attrs.field(validator=_text("name_en"))
    months_after_end: int = attrs.field()
    source: str = attrs.field(validator=_text("source"))

    @months_after_end.validator
    def _check_months(self, _attr: object, value: object) -> None:
        if type(value) is not int or not 0 <= value <= 120:
            raise ValidationError("must be a whole number from 0 to 120", path="months_after_end")


def _phases(value: object) -> tuple[Phase, ...]:
    return _tuple_of(Phase, "phases")(value)


def _meetings(value: object) -> tuple[MeetingPlan, ...]:
    return _tuple_of(MeetingPlan, "meetings")(value)


def _measurements(value: object) -> tuple[Measurement, ...]:
    return _tuple_of(Measurement, "measurements")(value)


@attrs.frozen(kw_only=True, cache_hash=True)
class ProgrammeDefinition:
    """A programme as a provider runs it, in one version, with its dated values.

    Values that change on dates (capacity, phase lengths, meeting counts) are
    :class:`~beskaeftigelse.Timeline` values, each entry citing its source. Structural changes
    (other phases, another machine) are a new definition with a later ``validity``. Everything
    is checked at construction; a definition that exists is consistent.

    Attributes:
        key: The catalogue key, e.g. ``"afklaringsforloeb"``.
        name_da: The Danish name.
        name_en: The English name.
        provider: Who runs it.
        source: Where the definition comes from.
        validity: The half-open period this version is in force.
        phases: The consecutive phases; their days add up to the course's length.
        meetings: The meeting plan.
        capacity: How many citizens at a time, as a dated value (it follows the admission date).
        outcomes: The outcomes that may be recorded.
        measurements: When outcomes are recorded, counted from the end.
        machine: The state machine every course of the programme follows.
        calendar: The working-day calendar meetings are booked in.
        description: Who the programme is for and what it does.
    """

    key: str = attrs.field(validator=_name("key"))
    name_da: str = attrs.field(validator=_text("name_da"))
    name_en: str = attrs.field(validator=_text("name_en"))
    provider: str = attrs.field(validator=_text("provider"))
    source: str = attrs.field(validator=_text("source"))
    validity: Period = attrs.field()
    phases: tuple[Phase, ...] = attrs.field(converter=_phases)
    meetings: tuple[MeetingPlan, ...] = attrs.field(converter=_meetings)
    capacity: Timeline[int] = attrs.field(
        validator=_int_timeline("capacity", low=1, high=1_000_000)
    )
    outcomes: frozenset[Outcome] = attrs.field(converter=_outcomes)
    measurements: tuple[Measurement, ...] = attrs.field(converter=_measurements)
    machine: Machine = attrs.field()
    calendar: WorkingCalendar = attrs.field(factory=WorkingCalendar)
    description: str = attrs.field(default="")
    # A memo of resolved programmes by date: resolving is pure, and replaying many courses of
    # one definition resolves the same start dates again and again.
    _on: dict[date, Programme] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        _check_definition(self)

    def on(self, day: date) -> Programme:
        """This definition as it stands on ``day``.

        Raises:
            NotInForce: ``day`` is outside ``validity``.
        """
        found = self._on.get(day) if type(day) is date else None
        if found is None:
            found = Programme(self, day)
            if len(self._on) >= _MEMO:
                self._on.clear()
            self._on[day] = found
        return found

    def dated_values(self) -> dict[str, Timeline[int]]:
        """Every dated value by name: ``capacity``, ``days.<phase>``, ``meetings.<kind>``."""
        values: dict[str, Timeline[int]] = {"capacity": self.capacity}
        values.update({f"days.{p.key}": p.days for p in self.phases})
        values.update({f"meetings.{m.kind}": m.count for m in self.meetings})
        return values


def _check_definition(d: ProgrammeDefinition) -> None:  # noqa: C901, PLR0912 - a flat list of checks
    if not isinstance(d.validity, Period):
        raise ValidationError("must be a Period", path="validity")
    if not isinstance(d.machine, Machine):
        raise ValidationError("must be a Machine", path="machine")
    if not isinstance(d.calendar, WorkingCalendar):
        raise ValidationError("must be a WorkingCalendar", path="calendar")
    if not isinstance(d.description, str) or len(d.description) > 10_000:
        raise ValidationError("must be a string of at most 10000 characters", path="description")
    if not d.phases:
        raise ValidationError("a programme needs at least one phase", path="phases")
    if not d.outcomes:
        raise ValidationError("a programme needs at least one outcome", path="outcomes")
    for field, items, attr in (
        ("phases", d.phases, "key"),
        ("meetings", d.meetings, "kind"),
        ("measurements", d.measurements, "key"),
    ):
        names = [getattr(item, attr) for item in items]
        if len(set(names)) != len(names):
            raise ValidationError(f"each {attr} may appear once", path=field)
    months = [m.months_after_end for m in d.measurements]
    if months != sorted(set(months)):
        raise ValidationError("must be in increasing months_after_end order", path="measurements")
    for name, timeline in d.dated_values().items():
        if timeline.starts > d.validity.start:
            raise ValidationError(
                f"starts {timeline.starts.isoformat()}, after the definition's validity "
                f"starts ({d.validity.start.isoformat()}); every value must cover it",
                path=name,
            )
    planned = {m.kind for m in d.meetings}
    for i, t in enumerate(d.machine.transitions):
        for guard in t.guards:
            if (
                isinstance(guard, (FewerThanPlanned, AllPlannedHeld))
                and guard.meeting not in planned
            ):
                raise ValidationError(
                    f"guard refers to meeting kind {guard.meeting!r}, which the plan lacks",
                    path=f"machine.transitions[{i}].guards",
                )
    recorded = sum(1 for t in d.machine.transitions if t.event == "outcome_recorded")
    if recorded and not d.measurements:
        raise ValidationError(
            "the machine records outcomes but none are planned", path="measurements"
        )


@attrs.frozen(repr=False)
class Programme(RichDisplay):
    """A programme definition as it stands on one date: plain values, each traceable.

    Get one from :meth:`Catalogue.get` or :meth:`ProgrammeDefinition.on`. Every dated value is
    resolved on ``on``; :meth:`lookup` tells which entry applied and its source.

    Attributes:
        definition: The definition.
        on: The date the values are resolved on.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> p = bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 31))
    >>> p.capacity, p.weeks, p.follow_ups
    (15, 13, 4)
    >>> p.lookup("capacity").source.startswith("Vejle Kommune, press release of 29 October 2020")
    True
    """

    definition: ProgrammeDefinition = attrs.field()
    on: date = attrs.field()
    _resolved: dict[str, Lookup[int]] = attrs.field(init=False, eq=False, hash=False)
    _planned: Mapping[str, int] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        d = self.definition
        if not isinstance(d, ProgrammeDefinition):
            raise ValidationError("must be a ProgrammeDefinition", path="definition")
        if type(self.on) is not date:
            raise ValidationError("must be a date", path="on")
        if self.on not in d.validity:
            raise NotInForce(
                f"programme {d.key!r} in this version", on=self.on, earliest=d.validity.start
            )
        resolved = {name: t.lookup(self.on) for name, t in d.dated_values().items()}
        object.__setattr__(self, "_resolved", resolved)
        planned = {m.kind: resolved[f"meetings.{m.kind}"].value for m in d.meetings}
        object.__setattr__(self, "_planned", MappingProxyType(planned))

    def __repr__(self) -> str:
        return f"Programme(key={self.key!r}, on={self.on!r})"

    @property
    def key(self) -> str:
        """The catalogue key."""
        return self.definition.key

    @property
    def name_da(self) -> str:
        """The Danish name."""
        return self.definition.name_da

    @property
    def name_en(self) -> str:
        """The English name."""
        return self.definition.name_en

    @property
    def machine(self) -> Machine:
        """The state machine."""
        return self.definition.machine

    @property
    def outcomes(self) -> frozenset[Outcome]:
        """The outcomes that may be recorded."""
        return self.definition.outcomes

    @property
    def capacity(self) -> int:
        """How many citizens at a time, on ``on``."""
        return self._resolved["capacity"].value

    @property
    def phase_days(self) -> tuple[tuple[str, int], ...]:
        """Each phase's key and length in days, on ``on``."""
        return tuple((p.key, self._resolved[f"days.{p.key}"].value) for p in self.definition.phases)

    @property
    def days(self) -> int:
        """The course's length in calendar days (all phases)."""
        return sum(days for _, days in self.phase_days)

    @property
    def weeks(self) -> float:
        """The course's length in weeks: a whole number when the days divide by 7."""
        whole, rest = divmod(self.days, 7)
        return whole if rest == 0 else self.days / 7

    @property
    def planned(self) -> Mapping[str, int]:
        """How many meetings of each kind are planned, on ``on``."""
        return self._planned

    @property
    def follow_ups(self) -> int:
        """How many follow-up meetings are planned (0 if the plan has none)."""
        return self.planned.get("follow_up", 0)

    def lookup(self, name: str) -> Lookup[int]:
        """Which entry gave the named value, and its source.

        Args:
            name: ``"capacity"``, ``"days.<phase>"`` or ``"meetings.<kind>"``.

        Raises:
            ValidationError: No dated value has that name.
        """
        try:
            return self._resolved[name]
        except KeyError:
            known = ", ".join(self._resolved)
            raise ValidationError(f"no dated value {name!r}; known: {known}", path="name") from None

    def explain(self) -> tuple[str, ...]:
        """One line per dated value: which entry applied on ``on`` and why."""
        return tuple(f"{name}: {found.explain()}" for name, found in self._resolved.items())


def _definitions(value: object) -> tuple[ProgrammeDefinition, ...]:
    return _tuple_of(ProgrammeDefinition, "definitions")(value)


@attrs.frozen
class Catalogue:
    """An immutable set of programme definitions, each key with versions that do not overlap.

    Attributes:
        definitions: Every definition, any order.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> bk.catalogue.keys()
    ('afklaringsforloeb', 'jobklub')
    >>> bk.catalogue.get("afklaringsforloeb", on=date(2020, 11, 1)).capacity
    25
    """

    definitions: tuple[ProgrammeDefinition, ...] = attrs.field(converter=_definitions)
    # Programmes already got, by key and date: a dashboard asks for the same ones all day.
    _got: dict[tuple[str, date], Programme] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )

    @definitions.validator
    def _check_versions(self, _attr: object, value: tuple[ProgrammeDefinition, ...]) -> None:
        for i, a in enumerate(value):
            for b in value[i + 1 :]:
                if a.key == b.key and a.validity.overlaps(b.validity):
                    raise ValidationError(
                        f"two versions of {a.key!r} are in force at once "
                        f"(from {a.validity.start} and from {b.validity.start})",
                        path="definitions",
                    )

    def __iter__(self) -> Iterator[ProgrammeDefinition]:
        return iter(sorted(self.definitions, key=lambda d: (d.key, d.validity.start)))

    def __len__(self) -> int:
        return len(self.definitions)

    def keys(self) -> tuple[str, ...]:
        """The programme keys, sorted."""
        return tuple(sorted({d.key for d in self.definitions}))

    def versions(self, key: str) -> tuple[ProgrammeDefinition, ...]:
        """The versions of ``key``, oldest first (empty if there is no such key)."""
        return tuple(d for d in self if d.key == key)

    def get(self, key: str, *, on: date) -> Programme:
        """The programme ``key`` as it stands on ``on``.

        Raises:
            UnknownProgramme: No programme has that key.
            NotInForce: No version of it is in force on ``on``.
        """
        memo = type(key) is str and type(on) is date
        if memo:
            found = self._got.get((key, on))
            if found is not None:
                return found
        versions = self.versions(key)
        if not versions:
            raise UnknownProgramme(key, on=on, known=self.keys())
        for d in versions:
            if on in d.validity:
                found = d.on(on)
                if memo:
                    if len(self._got) >= _MEMO:
                        self._got.clear()
                    self._got[key, on] = found
                return found
        raise NotInForce(f"programme {key!r}", on=on, earliest=versions[0].validity.start)

    def in_force(self, *, on: date) -> tuple[Programme, ...]:
        """Every programme in force on ``on``, by key."""
        return tuple(Programme(d, on) for d in self if on in d.validity)

    def with_definition(self, definition: ProgrammeDefinition) -> Catalogue:
        """A copy with one more definition (a new programme, or a later version of one).

        Raises:
            ValidationError: It overlaps a version of the same key.
        """
        return Catalogue((*self.definitions, definition))

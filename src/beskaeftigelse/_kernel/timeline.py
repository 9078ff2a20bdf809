"""Dated rule values: a :class:`Timeline` of :class:`Entry` values, each citing its source."""

from __future__ import annotations

import bisect
from datetime import date
from typing import Any, Generic, TypeVar

import attrs

from beskaeftigelse._kernel.errors import NotInForce, ValidationError
from beskaeftigelse._kernel.validation import text as _require_text

T = TypeVar("T")


def _require_date(name: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if type(value) is not date:
            raise ValidationError(f"must be a date, not {type(value).__name__}", path=name)

    return check


@attrs.frozen
class Period:
    """A half-open period of dates ``[start, end)``; ``end=None`` means open-ended.

    Attributes:
        start: The first day in the period.
        end: The first day after the period, or ``None``.

    >>> from datetime import date
    >>> p = Period(date(2020, 1, 1), date(2020, 11, 1))
    >>> date(2020, 10, 31) in p, date(2020, 11, 1) in p
    (True, False)
    """

    start: date = attrs.field(validator=_require_date("start"))
    end: date | None = attrs.field(default=None)

    @end.validator
    def _check_end(self, _attr: object, value: date | None) -> None:
        if value is None:
            return
        _require_date("end")(self, _attr, value)
        if value <= self.start:
            raise ValidationError("must be after start (periods are half-open)", path="end")

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        starts_before_other_ends = other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts


@attrs.frozen
class Entry(Generic[T]):
    """One value of a :class:`Timeline`: in force from ``valid_from`` until the next entry.

    Attributes:
        valid_from: The first day the value applies.
        value: The value.
        source: Where the value comes from: the public document (a press release, a § of a law).

    >>> from datetime import date
    >>> Entry(date(2020, 11, 1), 25, "Vejle Kommune, 29 October 2020").value
    25
    """

    valid_from: date = attrs.field(validator=_require_date("valid_from"))
    value: T
    source: str = attrs.field(validator=_require_text("source"))


@attrs.frozen
class Lookup(Generic[T]):
    """The answer to "which value applies on this date", with the reason.

    Attributes:
        on: The date asked about.
        entry: The entry that applied.
        valid_until: The first day the entry no longer applies (``None``: still in force).
    """

    on: date
    entry: Entry[T]
    valid_until: date | None

    @property
    def value(self) -> T:
        """The value that applied."""
        return self.entry.value

    @property
    def source(self) -> str:
        """The source of the value that applied."""
        return self.entry.source

    @property
    def period(self) -> Period:
        """The half-open period in which the entry applies."""
        return Period(self.entry.valid_from, self.valid_until)

    def explain(self) -> str:
        """One line saying which value applied on the date, from when, and why.

        >>> from datetime import date
        >>> t = Timeline.of(15, since=date(2019, 1, 1), source="Vejle Kommune, 29 October 2020")
        >>> t.lookup(on=date(2020, 5, 1)).explain()
        '15 on 2020-05-01 (in force from 2019-01-01; source: Vejle Kommune, 29 October 2020)'
        """
        until = f" until {self.valid_until.isoformat()}" if self.valid_until else ""
        return (
            f"{self.value} on {self.on.isoformat()} "
            f"(in force from {self.entry.valid_from.isoformat()}{until}; source: {self.source})"
        )


def _entries(value: object) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of entries", path="entries")
    return tuple(value)


@attrs.frozen
class Timeline(Generic[T]):
    """A rule value that changes on dates: entries of ``(valid_from, value, source)``.

    Each entry applies from its ``valid_from`` up to (not including) the next entry's; the last
    one applies from then on. Entries are strictly in date order. A date before the first entry
    has no value and raises :class:`~beskaeftigelse.exceptions.NotInForce`.

    Attributes:
        entries: The entries, oldest first; at least one.

    >>> from datetime import date
    >>> vejle = "Vejle Kommune, 29 October 2020"
    >>> capacity = Timeline.of(15, since=date(2019, 1, 1), source=vejle).then(
    ...     25, since=date(2020, 11, 1), source=vejle
    ... )
    >>> capacity.value_on(date(2020, 10, 31)), capacity.value_on(date(2020, 11, 1))
    (15, 25)
    """

    entries: tuple[Entry[T], ...] = attrs.field(converter=_entries)

    @entries.validator
    def _check_entries(self, _attr: object, value: tuple[Entry[T], ...]) -> None:
        if not value:
            raise ValidationError("a timeline needs at least one entry", path="entries")
        for i, entry in enumerate(value):
            if not isinstance(entry, Entry):
                raise ValidationError("must be an Entry", path=f"entries[{i}]")
            if i and entry.valid_from <= value[i - 1].valid_from:
                raise ValidationError(
                    "entries must be in strictly increasing valid_from order",
                    path=f"entries[{i}].valid_from",
                )

    @classmethod
    def of(cls, value: T, *, since: date, source: str) -> Timeline[T]:
        """A timeline with one entry, in force from ``since`` on."""
        return cls((Entry(since, value, source),))

    def then(self, value: T, *, since: date, source: str) -> Timeline[T]:
        """A copy with a later entry added; earlier dates keep their answers.

        Raises:
            ValidationError: ``since`` is not after the last entry's ``valid_from``.
        """
        return Timeline((*self.entries, Entry(since, value, source)))

    @property
    def starts(self) -> date:
        """The first day the timeline has a value."""
        return self.entries[0].valid_from

    def lookup(self, on: date) -> Lookup[T]:
        """Which entry applies on ``on``, and until when.

        Raises:
            NotInForce: ``on`` is before the first entry.
        """
        i = bisect.bisect_right(self.entries, on, key=_valid_from) - 1
        if i < 0:
            raise NotInForce("the value", on=on, earliest=self.starts)
        nxt = self.entries[i + 1].valid_from if i + 1 < len(self.entries) else None
        return Lookup(on, self.entries[i], nxt)

    def value_on(self, on: date) -> T:
        """The value in force on ``on`` (see :meth:`lookup`)."""
        return self.lookup(on).entry.value

    def values(self) -> tuple[T, ...]:
        """Every value the timeline ever takes, oldest first."""
        return tuple(e.value for e in self.entries)


def _valid_from(entry: Entry[Any]) -> date:
    return entry.valid_from


@attrs.frozen(repr=False)
class _TimelineOf:
    cls: type
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        path = self.path or getattr(attr, "name", None) or "value"
        if not isinstance(value, Timeline):
            raise ValidationError(f"must be a Timeline of {self.cls.__name__}", path=path)
        for i, entry in enumerate(value.entries):
            if not isinstance(entry.value, self.cls):
                raise ValidationError(
                    f"must be {self.cls.__name__}", path=f"{path}.entries[{i}].value"
                )

    def __repr__(self) -> str:
        shown = f", path={self.path!r}" if self.path else ""
        return f"timeline_of({self.cls.__name__}{shown})"


def timeline_of(cls: type, path: str | None = None) -> _TimelineOf:
    """A validator in the style of the validation kit: a :class:`Timeline` of ``cls`` values.

    >>> timeline_of(int, "capacity")
    timeline_of(int, path='capacity')
    """
    return _TimelineOf(cls, path)

"""Danish working days: weekends, public holidays, optional closing days, a municipality's own."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, timedelta

import attrs

from beskaeftigelse._kernel.errors import ValidationError

_DAY = timedelta(days=1)
_SATURDAY = 5


@functools.cache
def _holidays_of(year: int, *, optional: bool) -> dict[date, str]:
    # A pure memo of the holidays package's answer for one year; it never changes. The
    # package is imported here, on the first question, so that importing beskaeftigelse stays
    # cheap (holidays loads every country's calendar module).
    import holidays  # noqa: PLC0415 - loaded on first use, see above

    categories = ("public", "optional") if optional else ("public",)
    found = holidays.country_holidays("DK", years=year, language="da", categories=categories)
    return dict(found.items())


def _closing_days(value: object) -> frozenset[date]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ValidationError("must be a collection of dates", path="closing_days")
    days = frozenset(value)
    for day in days:
        if type(day) is not date:
            raise ValidationError(
                f"must contain dates only, not {type(day).__name__}", path="closing_days"
            )
    return days


@attrs.frozen
class WorkingCalendar:
    """Which days meetings can be booked on.

    A day is a working day unless it is a Saturday or Sunday, a Danish public holiday (from
    the ``holidays`` package: Store Bededag is one up to 2023 and not from 2024), one of the
    commonly closed "optional" days when ``optional_holidays`` is set (1 May, Grundlovsdag
    5 June, 24 and 31 December), or one of the ``closing_days`` a municipality adds.

    Attributes:
        closing_days: The municipality's own closing days.
        optional_holidays: Whether 1 May, 5 June, 24 and 31 December are closed too.

    >>> from datetime import date
    >>> cal = WorkingCalendar()
    >>> cal.is_working_day(date(2023, 5, 5)), cal.is_working_day(date(2024, 4, 26))
    (False, True)
    >>> cal.next_working_day(date(2020, 12, 24))
    datetime.date(2020, 12, 24)
    >>> WorkingCalendar(optional_holidays=True).next_working_day(date(2020, 12, 24))
    datetime.date(2020, 12, 28)
    """

    closing_days: frozenset[date] = attrs.field(default=frozenset(), converter=_closing_days)
    optional_holidays: bool = attrs.field(default=False)

    @optional_holidays.validator
    def _check_optional(self, _attr: object, value: object) -> None:
        if type(value) is not bool:
            raise ValidationError("must be true or false", path="optional_holidays")

    def closed(self, *days: date) -> WorkingCalendar:
        """A copy with more closing days."""
        return attrs.evolve(self, closing_days=self.closing_days | _closing_days(days))

    def holiday(self, day: date) -> str | None:
        """The Danish name of the holiday or closing day on ``day``, or ``None``."""
        if day in self.closing_days:
            return "lukkedag"
        return _holidays_of(day.year, optional=self.optional_holidays).get(day)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day in this calendar."""
        if day.weekday() >= _SATURDAY or day in self.closing_days:
            return False
        return day not in _holidays_of(day.year, optional=self.optional_holidays)

    def next_working_day(self, day: date) -> date:
        """``day`` if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += _DAY
        return day

    def previous_working_day(self, day: date) -> date:
        """``day`` if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= _DAY
        return day

    def working_days(self, start: date, end: date) -> Iterator[date]:
        """The working days in the half-open period ``[start, end)``."""
        day = start
        while day < end:
            if self.is_working_day(day):
                yield day
            day += _DAY

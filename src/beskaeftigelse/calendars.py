"""Working-day calendars for booking meetings (Danish public holidays, closing days)."""

from ._calendar import WorkingCalendar

__all__ = ["WorkingCalendar"]

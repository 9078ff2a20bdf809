"""Working-day calendars for booking meetings (Danish public holidays, closing days)."""

from beskaeftigelse._kernel.calendar import WorkingCalendar

__all__ = ["WorkingCalendar"]

"""Danish working days."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import strategies as bst

DK = holidays.country_holidays("DK", years=range(2000, 2042))


def test_store_bededag_is_a_holiday_up_to_2023_only():
    cal = bk.WorkingCalendar()
    assert not cal.is_working_day(date(2023, 5, 5))  # Store Bededag 2023
    assert cal.holiday(date(2023, 5, 5)) == "Store bededag"
    assert cal.is_working_day(date(2024, 4, 26))  # would have been Store Bededag 2024


@pytest.mark.parametrize(
    "day", [date(2020, 5, 1), date(2020, 6, 5), date(2020, 12, 24), date(2020, 12, 31)]
)
def test_optional_closing_days(day):
    assert day.weekday() < 5
    assert bk.WorkingCalendar().is_working_day(day)
    assert not bk.WorkingCalendar(optional_holidays=True).is_working_day(day)


@given(bst.calendars(), bst.dates())
def test_next_working_day_is_the_first_working_day_on_or_after(cal, day):
    found = cal.next_working_day(day)
    assert found >= day
    assert cal.is_working_day(found)
    assert found.weekday() < 5
    assert found not in cal.closing_days
    assert found not in DK
    skipped = [day + timedelta(days=i) for i in range((found - day).days)]
    assert not any(cal.is_working_day(d) for d in skipped)


@given(bst.calendars(), bst.dates(min_value=date(2000, 2, 1)))
def test_previous_working_day_is_the_last_working_day_on_or_before(cal, day):
    found = cal.previous_working_day(day)
    assert found <= day
    assert cal.is_working_day(found)
    skipped = [found + timedelta(days=i) for i in range(1, (day - found).days + 1)]
    assert not any(cal.is_working_day(d) for d in skipped)


@given(bst.calendars(), bst.dates(), st.integers(0, 60))
def test_working_days_lists_exactly_the_working_days(cal, start, length):
    end = start + timedelta(days=length)
    listed = list(cal.working_days(start, end))
    expected = [start + timedelta(days=i) for i in range(length)]
    assert listed == [d for d in expected if cal.is_working_day(d)]


def test_a_municipality_adds_closing_days():
    day = date(2020, 8, 21)
    cal = bk.WorkingCalendar().closed(day)
    assert bk.WorkingCalendar().is_working_day(day)
    assert not cal.is_working_day(day)
    assert cal.holiday(day) == "lukkedag"
    assert cal.next_working_day(day) == date(2020, 8, 24)


@pytest.mark.parametrize(
    "kwargs",
    [{"closing_days": "2020-01-01"}, {"closing_days": ["2020-01-01"]}, {"optional_holidays": 1}],
)
def test_calendar_rejects_bad_input(kwargs):
    with pytest.raises(bk.ValidationError):
        bk.WorkingCalendar(**kwargs)

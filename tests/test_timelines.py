"""Dated values: Timeline, Entry, Lookup, Period."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import strategies as bst


@given(bst.timelines(), bst.dates())
def test_lookup_is_the_last_entry_started_on_or_before(timeline, day):
    started = [e for e in timeline.entries if e.valid_from <= day]
    if not started:
        with pytest.raises(bk.NotInForce) as info:
            timeline.lookup(day)
        assert info.value.earliest == timeline.entries[0].valid_from
        assert isinstance(info.value, LookupError)
        return
    found = timeline.lookup(day)
    assert found.entry == started[-1]
    assert found.value == timeline.value_on(day) == started[-1].value
    assert day in found.period
    later = [e.valid_from for e in timeline.entries if e.valid_from > day]
    assert found.valid_until == (later[0] if later else None)


@given(bst.timelines(max_value=date(2030, 1, 1)), st.integers(1, 5000), st.integers(), bst.dates())
def test_adding_a_later_entry_never_changes_earlier_answers(timeline, gap, value, day):
    since = timeline.entries[-1].valid_from + timedelta(days=gap)
    extended = timeline.then(value, since=since, source="later")
    if day < since:
        if day < timeline.starts:
            with pytest.raises(bk.NotInForce):
                extended.lookup(day)
        else:
            assert extended.value_on(day) == timeline.value_on(day)
    else:
        assert extended.value_on(day) == value


def test_capacity_example_from_seed_002():
    capacity = bk.Timeline.of(15, since=date(2019, 1, 1), source="seed 002").then(
        25, since=date(2020, 11, 1), source="seed 002"
    )
    assert capacity.value_on(date(2020, 10, 31)) == 15
    assert capacity.value_on(date(2020, 11, 1)) == 25
    assert capacity.lookup(date(2020, 10, 31)).valid_until == date(2020, 11, 1)
    assert "until 2020-11-01" in capacity.lookup(date(2020, 10, 31)).explain()


def test_entries_must_increase_strictly():
    first = bk.Entry(date(2020, 1, 1), 1, "a")
    with pytest.raises(bk.ValidationError) as info:
        bk.Timeline((first, bk.Entry(date(2020, 1, 1), 2, "b")))
    assert info.value.path == "entries[1].valid_from"
    with pytest.raises(bk.ValidationError, match="at least one entry"):
        bk.Timeline(())
    with pytest.raises(bk.ValidationError, match="must be an Entry"):
        bk.Timeline((first, "x"))
    with pytest.raises(bk.ValidationError, match="sequence"):
        bk.Timeline(first)


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"valid_from": "2020-01-01", "value": 1, "source": "s"}, "valid_from"),
        ({"valid_from": date(2020, 1, 1), "value": 1, "source": " "}, "source"),
    ],
)
def test_entry_validates(kwargs, path):
    with pytest.raises(bk.ValidationError) as info:
        bk.Entry(**kwargs)
    assert info.value.path == path


@given(bst.dates(), bst.dates(), bst.dates(), bst.dates(), st.booleans(), st.booleans())
def test_periods_are_half_open_and_overlap_consistently(a, b, c, d, open_1, open_2):
    first = bk.Period(min(a, b), None if open_1 or a == b else max(a, b))
    second = bk.Period(min(c, d), None if open_2 or c == d else max(c, d))
    if first.end is not None:
        assert first.end not in first
        assert first.end - timedelta(days=1) in first
    assert first.start in first
    assert first.overlaps(second) == second.overlaps(first)
    shared = max(first.start, second.start)
    assert first.overlaps(second) == (shared in first and shared in second)


def test_period_rejects_bad_bounds():
    with pytest.raises(bk.ValidationError, match="after start"):
        bk.Period(date(2020, 1, 2), date(2020, 1, 2))
    with pytest.raises(bk.ValidationError):
        bk.Period(date(2020, 1, 2), "2021-01-01")
    assert "2020-01-02" not in bk.Period(date(2020, 1, 1))

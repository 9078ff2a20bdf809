"""Concurrent writers: a stale write is refused, so no update is silently lost."""

import threading
from datetime import date, timedelta

import pytest

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse.exceptions import StaleVersion, UnknownCourse
from beskaeftigelse.stores import InMemoryCourseStore

JOBKLUB = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
CLUB = date(2016, 2, 15)


def club_course():
    course = bk.Course.start(JOBKLUB, participant="ref-1", on=date(2016, 2, 1))
    return course.apply(events.PhaseCompleted(on=CLUB))


def test_writers_on_several_threads_lose_no_update():
    store = InMemoryCourseStore()
    store.add("case", club_course())
    writers, per_writer = 8, 25
    stale = []
    barrier = threading.Barrier(writers)

    def write(n):
        barrier.wait()
        for i in range(per_writer):
            while True:
                course = store.get("case")  # read, decide, write back with the version read
                event = events.CoachingSessionHeld(on=CLUB + timedelta(days=1 + (n * i) % 3))
                event = events.CoachingSessionHeld(on=max(event.on, course.last_on))
                try:
                    store.apply("case", event, expected_version=course.version)
                    break
                except StaleVersion as error:
                    stale.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = store.get("case")
    assert final.held["coaching"] == writers * per_writer
    assert final.version == club_course().version + writers * per_writer
    assert all(error.actual > error.expected for error in stale)


def test_a_stale_write_changes_nothing():
    store = InMemoryCourseStore()
    store.add("case", club_course())
    first = store.get("case")
    store.apply("case", events.CoachingSessionHeld(on=CLUB), expected_version=first.version)
    with pytest.raises(StaleVersion) as info:
        store.apply("case", events.CoachingSessionHeld(on=CLUB), expected_version=first.version)
    assert (info.value.expected, info.value.actual) == (first.version, first.version + 1)
    assert store.get("case").version == first.version + 1
    decided_on_old = first.apply(events.EndedEarly(on=CLUB, reason=events.EndReason.JOB))
    with pytest.raises(StaleVersion):
        store.save("case", decided_on_old, expected_version=first.version)
    with pytest.raises(StaleVersion):
        store.save("case", decided_on_old, expected_version=first.version + 1)
    current = store.get("case")
    later = current.apply(events.PhaseCompleted(on=date(2016, 4, 21)))
    store.save("case", later, expected_version=current.version)
    assert store.get("case") == later


def test_course_apply_checks_the_expected_version():
    course = club_course()
    assert course.apply(events.CoachingSessionHeld(on=CLUB), expected_version=2).version == 3
    with pytest.raises(StaleVersion, match="at version 2, not 1"):
        course.apply(events.CoachingSessionHeld(on=CLUB), expected_version=1)


def test_store_errors():
    store = InMemoryCourseStore()
    store.add("case", club_course())
    assert "case" in store
    assert len(store) == 1
    with pytest.raises(bk.ValidationError):
        store.add("case", club_course())
    with pytest.raises(bk.ValidationError):
        store.add("other", "a course")
    with pytest.raises(UnknownCourse) as info:
        store.get("010190-1234")
    assert "010190-1234" not in str(info.value)
    assert isinstance(info.value, LookupError)
    refused = events.OutcomeRecorded(on=CLUB, outcome=events.Outcome.ORDINARY_JOB)
    with pytest.raises(bk.TransitionRefused):
        store.apply("case", refused, expected_version=2)
    assert store.get("case").version == 2

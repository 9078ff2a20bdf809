"""One contract for every store: in memory, SQLite (a temp file) and a real PostgreSQL server.

Every test here runs against the three stores; a stale write is refused, so no update is
silently lost, and ``store.due(on=)`` answers what asking every course would.
"""

import json
import threading
import uuid
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import beskaeftigelse as bk
from beskaeftigelse import events, strategies
from beskaeftigelse._engine.json import definition_digest
from beskaeftigelse.exceptions import StaleVersion, UnknownCourse
from beskaeftigelse.stores import (
    DueItem,
    InMemoryCourseStore,
    PostgresCourseStore,
    SqliteCourseStore,
)

from . import pg
from .courses import jobklub_course

JOBKLUB = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
AFKLARING = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
CLUB = date(2016, 2, 15)
KINDS = ["memory", "sqlite", "postgres"]


def club_course(participant="ref-1"):
    course = bk.Course.start(JOBKLUB, participant=participant, on=date(2016, 2, 1))
    return course.apply(events.PhaseCompleted(on=CLUB))


class Stores:
    """Opens stores of one kind; ``again()`` opens another store on the same data."""

    def __init__(self, kind, directory):
        self.kind = kind
        self.directory = directory
        self.opened = []
        self.new()

    def _open(self):
        if self.kind == "memory":
            store = self.shared
        elif self.kind == "sqlite":
            store = SqliteCourseStore(self.path)
        else:
            store = PostgresCourseStore(pg.dsn(), schema=self.schema)
        self.opened.append(store)
        return store

    def new(self):
        """A store of its own, empty."""
        self.shared = InMemoryCourseStore()
        self.path = self.directory / f"{uuid.uuid4().hex}.db"
        self.schema = pg.fresh_schema()
        return self._open()

    def again(self):
        """Another store on the data of the last new one (another connection)."""
        return self._open()

    def close(self):
        for store in self.opened:
            if hasattr(store, "close"):
                store.close()
        self.opened.clear()


@pytest.fixture(params=KINDS)
def stores(request, tmp_path):
    opened = Stores(request.param, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def store(stores):
    return stores.again()


# -- the contract -------------------------------------------------------------------------


def test_add_get_and_the_read_side(store):
    course = club_course()
    store.add("case", course)
    assert "case" in store
    assert "other" not in store
    assert 42 not in store
    assert len(store) == 1
    assert store.get("case") == course
    assert store.get("case").version == 2
    assert store.definitions() == (JOBKLUB.definition,)
    assert list(store.courses()) == [("case", course)]


def test_a_stale_write_changes_nothing(store):
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
    store.save("case", current, expected_version=current.version)  # nothing new: no change
    later = current.apply(events.PhaseCompleted(on=date(2016, 4, 21)))
    store.save("case", later, expected_version=current.version)
    assert store.get("case") == later
    shorter = bk.Course.replay(JOBKLUB, later.history[:2])
    with pytest.raises(StaleVersion):
        store.save("case", shorter, expected_version=later.version)
    assert store.get("case") == later


def test_a_refused_event_changes_nothing(store):
    store.add("case", club_course())
    refused = events.OutcomeRecorded(on=CLUB, outcome=events.Outcome.ORDINARY_JOB)
    with pytest.raises(bk.TransitionRefused):
        store.apply("case", refused, expected_version=2)
    assert store.get("case") == club_course()
    assert [d.item.key for d in store.due(on=date(2016, 2, 16))] == []


def test_bad_input_gets_the_packages_errors(store):
    store.add("case", club_course())
    with pytest.raises(bk.ValidationError, match="already taken"):
        store.add("case", club_course())
    with pytest.raises(bk.ValidationError, match="must be a Course"):
        store.add("other", "a course")
    with pytest.raises(bk.ValidationError, match="given twice"):
        store.add_all([("x", club_course()), ("x", club_course())])
    for key in ("", 7, "k" * 201):
        with pytest.raises(bk.ValidationError) as info:
            store.add(key, club_course())
        assert info.value.path == "key"
    with pytest.raises(bk.ValidationError) as info:
        store.add("010190-1234", club_course())
    assert "1234" not in str(info.value)
    with pytest.raises(bk.ValidationError, match="already taken"):  # all or none
        store.add_all([("new", club_course()), ("case", club_course())])
    assert "new" not in store
    for bad in (True, 2.0, "2", None, 0):
        with pytest.raises(bk.ValidationError) as info:
            store.apply("case", events.CoachingSessionHeld(on=CLUB), expected_version=bad)
        assert info.value.path == "expected_version"
        with pytest.raises(bk.ValidationError):
            store.save("case", club_course(), expected_version=bad)
    with pytest.raises(bk.ValidationError, match="must be an event"):
        store.apply("case", "coaching", expected_version=2)
    with pytest.raises(bk.ValidationError, match="must be a Course"):
        store.save("case", None, expected_version=2)
    for method in (store.due,):
        with pytest.raises(bk.ValidationError):
            method(on="2016-02-01")
        with pytest.raises(bk.ValidationError):
            method(on=CLUB, programme=3)
    with pytest.raises(bk.ValidationError):
        list(store.courses(partition=2, partitions=2))
    with pytest.raises(bk.ValidationError):
        list(store.courses(partition=0, partitions=0))
    assert store.get("case") == club_course()
    assert len(store) == 1


def test_unknown_courses_are_named_without_personal_data(store):
    for key in ("nobody", "010190-1234", 7):
        with pytest.raises(UnknownCourse) as info:
            store.get(key)
        assert "010190-1234" not in str(info.value)
        assert info.value.__context__ is None or "1234" not in repr(info.value.__context__)
        assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownCourse):
        store.apply("nobody", events.CoachingSessionHeld(on=CLUB), expected_version=2)
    with pytest.raises(UnknownCourse):
        store.save("nobody", club_course(), expected_version=2)


def test_save_refuses_another_programme_or_participant(store):
    store.add("case", club_course())
    with pytest.raises(bk.ValidationError) as info:
        store.save("case", club_course(participant="ref-2"), expected_version=2)
    assert info.value.path == "course.history[0]"
    assert "ref-" not in str(info.value)
    with pytest.raises(bk.ValidationError) as info:
        store.save("case", club_course(participant=events.Cpr("010190-1234")), expected_version=2)
    assert "1234" not in str(info.value)
    other = bk.Course.start(AFKLARING, participant="ref-1", on=date(2020, 8, 3))
    with pytest.raises(bk.ValidationError, match=r"'afklaringsforloeb'.*'jobklub'") as info:
        store.save("case", other, expected_version=2)
    assert info.value.path == "course.programme"
    variant = attrs.evolve(JOBKLUB.definition, description="a municipality's own version")
    with pytest.raises(bk.ValidationError, match=r"course\.programme"):
        store.save("case", bk.Course.replay(variant, club_course().history), expected_version=2)
    later_start = bk.Course.start(JOBKLUB, participant="ref-1", on=date(2016, 2, 8))
    with pytest.raises(bk.ValidationError, match="starts on 2016-02-08"):
        store.save("case", later_start, expected_version=2)
    assert store.get("case") == club_course()


def test_definitions_are_stored_once_by_digest(store):
    store.add_all((f"case-{i}", jobklub_course(i, "running")) for i in range(5))
    store.add("afk", bk.Course.start(AFKLARING, participant="ref-9", on=date(2020, 8, 3)))
    found = store.definitions()
    assert sorted(d.key for d in found) == ["afklaringsforloeb", "jobklub"]
    for key in ("case-3", "afk"):
        course = store.get(key)
        text = bk.to_json(course, definitions="reference")
        assert bk.from_json(text, bk.Course, definitions=found) == course


def test_writers_on_several_connections_lose_no_update(stores):
    stores.new().add("case", club_course())
    writers, per_writer = (8, 25) if stores.kind == "memory" else (4, 8)
    handles = [stores.again() for _ in range(writers)]
    stale = []
    barrier = threading.Barrier(writers)

    def write(n):
        handle = handles[n]
        barrier.wait()
        for i in range(per_writer):
            while True:
                course = handle.get("case")  # read, decide, write back with the version read
                event = events.CoachingSessionHeld(on=CLUB + timedelta(days=1 + (n * i) % 3))
                event = events.CoachingSessionHeld(on=max(event.on, course.last_on))
                try:
                    handle.apply("case", event, expected_version=course.version)
                    break
                except StaleVersion as error:
                    stale.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = stores.again().get("case")
    assert final.held["coaching"] == writers * per_writer
    assert final.version == club_course().version + writers * per_writer
    assert all(error.actual > error.expected for error in stale)


def test_course_apply_checks_the_expected_version():
    course = club_course()
    assert course.apply(events.CoachingSessionHeld(on=CLUB), expected_version=2).version == 3
    with pytest.raises(StaleVersion, match="at version 2, not 1"):
        course.apply(events.CoachingSessionHeld(on=CLUB), expected_version=1)


# -- the dashboard query ------------------------------------------------------------------


def dues_by_asking(courses, on, programme=None, provider=None):
    """What loading every course and asking ``course.due(on=)`` gives, in the store's order."""
    found = []
    for key, course in courses.items():
        d = course.programme.definition
        if programme not in (None, d.key) or provider not in (None, d.provider):
            continue
        for position, due in enumerate(course.due(on=on)):
            item = DueItem(
                key=key,
                programme=d.key,
                provider=d.provider,
                item=due.item,
                days_overdue=due.days_overdue,
            )
            found.append(((due.item.on, key, position), item))
    return tuple(item for _, item in sorted(found, key=lambda pair: pair[0]))


some_courses = st.lists(strategies.courses(max_events=12), min_size=1, max_size=6)
days = strategies.dates(min_value=date(2015, 6, 1), max_value=date(2022, 12, 31))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(courses=some_courses, on=days, filter_=st.sampled_from([None, "jobklub", "provider"]))
def test_due_equals_asking_every_course(stores, courses, on, filter_):
    store = stores.new()
    by_key = {f"case-{i}": course for i, course in enumerate(courses)}
    store.add_all(by_key.items())
    if filter_ == "provider":
        provider = courses[0].programme.definition.provider
        assert store.due(on=on, provider=provider) == dues_by_asking(by_key, on, provider=provider)
    else:
        assert store.due(on=on, programme=filter_) == dues_by_asking(by_key, on, filter_)
    for item in store.due(on=on):
        assert item.due in by_key[item.key].due(on=on)
        assert item.overdue == (item.days_overdue > 0)
    for key, course in store.courses():
        assert by_key[key] == course


def test_due_sees_events_dated_after_the_day_asked_about(store):
    """``Course.due`` reads the whole history, also events after ``on``; so does the store."""
    course = club_course()  # the club started on 2016-02-15
    store.add("case", course)
    before = date(2016, 2, 14)
    assert course.due(on=before) == ()
    on_day = store.due(on=CLUB)
    assert on_day == ()  # the club's start is done, although asked about before it
    running = bk.Course.start(JOBKLUB, participant="ref-2", on=date(2016, 2, 1))
    store.add("running", running)
    assert [d.key for d in store.due(on=CLUB)] == ["running"]
    assert store.due(on=CLUB)[0].due == running.due(on=CLUB)[0]


class StoreMachine(RuleBasedStateMachine):
    """Random adds, applies (fresh and stale), saves and reads against a model dict."""

    kind = "memory"
    directory = None

    @initialize()
    def open_store(self):
        self.stores = Stores(self.kind, self.directory)
        self.store = self.stores.again()
        self.model = {}
        self.n = 0

    def teardown(self):
        if hasattr(self, "stores"):
            self.stores.close()

    @rule(course=strategies.courses(max_events=6))
    def add(self, course):
        key = f"case-{self.n}"
        self.n += 1
        self.store.add(key, course)
        self.model[key] = course

    @precondition(lambda self: self.model)
    @rule(data=st.data(), stale=st.booleans())
    def apply(self, data, stale):
        key = data.draw(st.sampled_from(sorted(self.model)))
        course = self.model[key]
        options = course.allowed()
        if not options:
            return
        option = data.draw(st.sampled_from(options))
        on = option.not_before + timedelta(days=data.draw(st.integers(0, 20)))
        event = data.draw(strategies.events_of(option.event, on=on, programme=course.programme))
        if course.check(event) is not None:
            return
        if stale:
            with pytest.raises(StaleVersion):
                self.store.apply(key, event, expected_version=course.version - 1 or 99)
        else:
            self.model[key] = self.store.apply(key, event, expected_version=course.version)

    @invariant()
    def agrees(self):
        if not hasattr(self, "store"):
            return
        assert len(self.store) == len(self.model)
        for key, course in self.model.items():
            assert self.store.get(key) == course
        on = date(2018, 1, 1)
        assert self.store.due(on=on) == dues_by_asking(self.model, on)


@pytest.mark.parametrize("kind", KINDS)
def test_store_state_machine(kind, tmp_path):
    machine = type(f"{kind}StoreMachine", (StoreMachine,), {"kind": kind, "directory": tmp_path})
    settings_ = settings(max_examples=15, stateful_step_count=12, deadline=None)
    machine.TestCase.settings = settings_
    machine.TestCase().runTest()


# -- definitions by reference -------------------------------------------------------------


def sixteen_event_jobklub():
    course = bk.Course.start(JOBKLUB, participant="ref-0001", on=date(2016, 2, 1))
    course = course.apply(events.PhaseCompleted(on=CLUB))
    for i in range(12):
        course = course.apply(events.CoachingSessionHeld(on=CLUB + timedelta(days=4 * i)))
    course = course.apply(events.PhaseCompleted(on=date(2016, 4, 21)))
    course = course.apply(
        events.OutcomeRecorded(on=date(2016, 4, 21), outcome=events.Outcome.ORDINARY_JOB)
    )
    assert course.version == 16
    return course


def test_the_referenced_form_is_at_most_a_third_of_the_embedded():
    course = sixteen_event_jobklub()
    embedded, referenced = bk.to_json(course), bk.to_json(course, definitions="reference")
    assert len(referenced.encode()) * 3 <= len(embedded.encode())
    reference = json.loads(referenced)["programme"]["reference"]
    assert reference == {
        "key": "jobklub",
        "version": JOBKLUB.definition.validity.start.isoformat(),
        "digest": definition_digest(JOBKLUB.definition),
    }
    assert bk.from_json(referenced, bk.Course, definitions=bk.catalogue) == course
    assert bk.from_json(referenced, bk.Course, definitions=[JOBKLUB.definition]) == course
    fast = bk.to_json(course, definitions="reference", backend="orjson")
    assert bk.from_json(fast, bk.Course, backend="orjson", definitions=bk.catalogue) == course
    programme = bk.to_json(JOBKLUB, definitions="reference")
    assert bk.from_json(programme, bk.Programme, definitions=bk.catalogue) == JOBKLUB
    assert bk.to_json(events.Cancelled(on=CLUB), definitions="reference") == bk.to_json(
        events.Cancelled(on=CLUB)
    )


@given(course=strategies.courses(max_events=10))
def test_references_round_trip(course):
    text = bk.to_json(course, definitions="reference")
    assert bk.from_json(text, bk.Course, definitions=[course.programme.definition]) == course
    assert bk.from_json(bk.to_json(course), bk.Course) == course


def test_a_reference_that_does_not_match_is_refused():
    course = sixteen_event_jobklub()
    document = json.loads(bk.to_json(course, definitions="reference"))
    reference = document["programme"]["reference"]

    def refused(doc, definitions=bk.catalogue):
        with pytest.raises(bk.ValidationError) as info:
            bk.from_json(json.dumps(doc), bk.Course, definitions=definitions)
        return info.value

    error = refused(document, definitions=None)
    assert error.path == "$.programme.reference"
    assert "pass definitions=" in error.reason
    changed = attrs.evolve(JOBKLUB.definition, description="changed since")
    error = refused(document, definitions=[changed])
    assert error.path == "$.programme.reference.digest"
    assert definition_digest(changed) in error.reason
    assert reference["digest"] in error.reason
    error = refused(document, definitions=[AFKLARING.definition])
    assert error.path == "$.programme.reference"
    assert "no definition of 'jobklub'" in error.reason
    renamed = {**document, "programme": {**document["programme"]}}
    renamed["programme"]["reference"] = {**reference, "key": "afklaringsforloeb"}
    assert refused(renamed).path == "$.programme.reference"
    with pytest.raises(bk.ValidationError, match="must contain ProgrammeDefinition"):
        bk.from_json(json.dumps(document), bk.Course, definitions=["jobklub"])
    for field, value, path in (
        ("digest", "md5:abc", "digest"),
        ("version", "2016", "version"),
        ("key", 3, "key"),
    ):
        bad = json.loads(json.dumps(document))
        bad["programme"]["reference"][field] = value
        assert refused(bad).path == f"$.programme.reference.{path}"
    bad = json.loads(json.dumps(document))
    bad["programme"]["reference"] = "jobklub"
    assert refused(bad).path == "$.programme.reference"
    bad = json.loads(json.dumps(document))
    bad["programme"]["definition"] = {}
    assert "unknown fields ['definition']" in refused(bad).reason
    with pytest.raises(bk.ValidationError, match="embed"):
        bk.to_json(course, definitions="inline")

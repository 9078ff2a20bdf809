"""The public strategies: every value they draw is valid, and ``st.from_type`` finds them."""

import importlib
import sys
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import beskaeftigelse as bk
from beskaeftigelse import adjustments as adj
from beskaeftigelse import events, ips, legal
from beskaeftigelse import strategies as bst
from beskaeftigelse._testing import plugin as _hypothesis_plugin
from beskaeftigelse.intake import Intake


@given(bst.programme_definitions())
def test_drawn_definitions_pass_the_build_checks_and_round_trip(definition):
    rebuilt = attrs.evolve(definition)  # runs every check again
    assert rebuilt == definition
    assert bk.from_json(bk.to_json(definition), bk.ProgrammeDefinition) == definition
    programme = definition.on(definition.validity.start)
    assert programme.days == sum(days for _, days in programme.phase_days)


@given(bst.machines(meetings=["follow_up", "coaching"]))
def test_drawn_machines_build_and_round_trip(machine):
    assert attrs.evolve(machine) == machine
    assert bk.from_json(bk.to_json(machine), bk.machines.Machine) == machine
    assert machine.initial == "s0"
    assert machine.final


@given(bst.programme_definitions().flatmap(lambda d: st.tuples(st.just(d), bst.courses(d))))
def test_sequences_of_drawn_definitions_replay(pair):
    definition, course = pair
    assert bk.Course.replay(definition, course.history) == course
    assert bk.from_json(bk.to_json(course), bk.Course) == course
    for kind, count in course.held.items():
        if kind in course.programme.planned:
            assert count <= course.programme.planned[kind]


@attrs.frozen
class Visited(events.Event):
    """A user's own event that needs more than a date."""

    kind = "house_call_held"
    visitor: str = attrs.field(kw_only=True)


HOUSE_CALLS = attrs.evolve(
    bk.catalogue.versions("jobklub")[0],
    key="house_calls",
    machine=bk.machines.Machine(
        states=("open", "done"),
        initial="open",
        final={"done"},
        transitions=(
            bk.machines.Transition("open", "house_call_held", "open"),
            bk.machines.Transition("open", "cancelled", "done"),
        ),
    ),
    measurements=(),
)
VISITS = {"house_call_held": lambda on: st.builds(Visited, on=st.just(on), visitor=st.just("a"))}


@given(bst.event_sequences(HOUSE_CALLS, events=VISITS, max_size=10))
def test_sequences_use_the_callers_factories_for_their_own_events(history):
    course = bk.Course.replay(HOUSE_CALLS, history)
    assert all(isinstance(e, Visited) for e in history[1:] if e.kind == "house_call_held")
    assert course.state in {"open", "done"}


@pytest.mark.parametrize(
    ("kind", "message"), [("house_call_held", "events="), ("no_such_kind", "no event class")]
)
def test_an_event_the_library_cannot_build_needs_a_factory(kind, message):
    @given(bst.events_of(kind, on=date(2024, 1, 1)))
    def draw(event):
        raise AssertionError(event)

    with pytest.raises(InvalidArgument, match=message):
        draw()


@given(bst.courses(ips.FUTURUM_IPS, events=bst.ips_events(), max_events=15))
def test_ips_courses_with_factories_replay(course):
    assert bk.Course.replay(ips.FUTURUM_IPS, course.history) == course


@given(bst.event_sequences(bk.catalogue.versions("jobklub")[0], start=date(2024, 2, 5)))
def test_a_given_start_date_is_the_start(history):
    assert history[0].on == date(2024, 2, 5)
    assert [e.on for e in history] == sorted(e.on for e in history)


@given(bst.needs(min_size=1), bst.job_traits())
def test_needs_and_traits_give_suggestions_that_fit(needs, traits):
    for suggestion in adj.suggest(needs, job=traits):
        assert set(suggestion.adjustment.needs) & needs


@given(bst.adjustments())
def test_adjustments_come_from_the_catalogue(adjustment):
    assert adjustment in adj.ADJUSTMENTS.adjustments


@given(bst.citizens())
def test_citizens_are_valid_and_round_trip(citizen):
    assert attrs.evolve(citizen) == citizen
    assert bk.from_json(bk.to_json(citizen), legal.Citizen) == citizen


@given(bst.intake_requests(max_size=15))
def test_intake_requests_are_in_date_order(requests):
    days = [r.on for r in requests]
    assert days == sorted(days)
    intake = Intake.of(bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 1)))
    for request in requests:
        if intake.check(request) is None:
            intake = intake.apply(request)
    assert len(intake.history) <= len(requests)


@pytest.mark.parametrize(
    "cls",
    [
        bk.WorkingCalendar,
        bk.machines.Machine,
        bk.ProgrammeDefinition,
        bk.Programme,
        bk.Course,
        legal.Citizen,
        adj.Adjustment,
    ],
)
def test_from_type_finds_the_registered_strategies(cls):
    @settings(max_examples=5, deadline=None)
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)

    check()


def test_the_plugin_registers_only_when_called(monkeypatch):
    registered = {}
    monkeypatch.setattr(st, "register_type_strategy", registered.__setitem__)
    _hypothesis_plugin._hypothesis_setup_hook()
    assert bk.ProgrammeDefinition in registered
    assert isinstance(registered[bk.Course], st.SearchStrategy)


@pytest.mark.parametrize(
    ("module", "message"),
    [("beskaeftigelse.strategies", "strategies"), ("beskaeftigelse.testing", "testing")],
)
def test_without_hypothesis_the_import_says_which_extra_to_install(monkeypatch, module, message):
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, module, raising=False)
    with pytest.raises(ImportError, match=r"pip install 'beskaeftigelse\[hypothesis\]'") as info:
        importlib.import_module(module)
    assert message in str(info.value)


@given(bst.dates(min_value=date(2020, 1, 1), max_value=date(2020, 12, 31)))
def test_dates_stay_in_range(day):
    assert date(2020, 1, 1) <= day <= date(2020, 12, 31)
    assert day + timedelta(0) == day


def test_importing_the_strategies_first_loads_hypothesis_and_our_hook_cleanly():
    # A fresh interpreter in which beskaeftigelse.strategies is the first to import Hypothesis:
    # Hypothesis then runs our entry point while that module is still being imported.
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = (
        "import beskaeftigelse.strategies as bst\n"
        "from hypothesis import given, settings, strategies as st\n"
        "import beskaeftigelse as bk\n"
        "@settings(max_examples=5, database=None)\n"
        "@given(st.from_type(bk.WorkingCalendar), st.from_type(bk.Course))\n"
        "def check(calendar, course):\n"
        "    assert isinstance(calendar, bk.WorkingCalendar)\n"
        "    assert isinstance(course, bk.Course)\n"
        "check()\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

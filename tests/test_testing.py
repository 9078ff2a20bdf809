"""The stateful harness over every shipped programme and a drawn programme of one's own."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import run_state_machine_as_test

import beskaeftigelse as bk
from beskaeftigelse import events, ips
from beskaeftigelse import strategies as bst
from beskaeftigelse.testing import CourseMachine, course_state_machine

SHIPPED = [*bk.catalogue]
# The profile's max_examples (ci: 200, nightly: 5000), 30 steps each.
HARNESS = settings(settings.default, stateful_step_count=30, deadline=None)

TestAfklaringsforloeb = course_state_machine(SHIPPED[0], capacity_intake=True).TestCase
TestAfklaringsforloeb.settings = HARNESS
TestJobklub = course_state_machine(
    bk.catalogue.versions("jobklub")[0], capacity_intake=True
).TestCase
TestJobklub.settings = HARNESS
TestFuturumIps = course_state_machine(ips.FUTURUM_IPS, events=bst.ips_events()).TestCase
TestFuturumIps.settings = HARNESS


@pytest.mark.parametrize("definition", SHIPPED, ids=lambda d: f"{d.key}-{d.validity.start}")
def test_every_version_of_every_shipped_programme(definition):
    machine = course_state_machine(definition.on(definition.validity.start))
    assert machine.definition is definition
    run_state_machine_as_test(
        machine, settings=settings(max_examples=10, stateful_step_count=15, deadline=None)
    )


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.nested_given],
)
@given(bst.programme_definitions(), st.booleans())
def test_a_drawn_programme_of_ones_own(definition, intake):
    machine = course_state_machine(definition, capacity_intake=intake)
    run_state_machine_as_test(
        machine, settings=settings(max_examples=10, stateful_step_count=20, deadline=None)
    )


class _Tampered(CourseMachine):
    """A harness whose course is tampered with, to show the invariants catch it."""

    definition = SHIPPED[0]


def test_the_invariants_catch_a_course_that_goes_back_in_time():
    machine = _Tampered()
    start = date(2021, 3, 1)
    course = bk.Course.start(machine.definition, participant="ref-x", on=start)
    course = course.apply(events.StartMeetingHeld(on=date(2021, 3, 5)))
    object.__setattr__(course, "history", (*course.history, events.Cancelled(on=date(2021, 3, 2))))
    machine.course = course
    with pytest.raises(AssertionError):
        machine.dates_never_go_back()
    with pytest.raises(bk.ValidationError):
        machine.replay_equals_the_course()


def test_the_invariants_hold_before_a_course_starts():
    machine = course_state_machine(SHIPPED[0])()
    assert machine.course is None
    machine.replay_equals_the_course()
    machine.dates_never_go_back()
    machine.meetings_within_the_plan()
    machine.final_states_accept_nothing()
    machine.never_over_capacity()

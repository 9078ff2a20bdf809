"""Courses: pure, replayable, refusing with reasons, scheduled on working days."""

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse import strategies as bst
from beskaeftigelse._engine.events import EVENT_TYPES
from beskaeftigelse.machines import Machine, Transition

AFKLARING = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
JOBKLUB = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
START = date(2020, 8, 3)
# The core's event kinds: other modules (and users) register kinds whose events need more
# fields than a date, which these generic tests cannot build.
CORE_KINDS = sorted(k for k, c in EVENT_TYPES.items() if c.__module__ == events.Event.__module__)


def afklaring_until_follow_ups(n, start=START):
    course = bk.Course.start(AFKLARING, participant="ref-0001", on=start)
    course = course.apply(events.StartMeetingHeld(on=start))
    for i in range(n):
        course = course.apply(events.FollowUpHeld(on=start + timedelta(days=14 * (i + 1))))
    return course


# -- properties over random courses of every shipped programme ---------------------------------


@given(bst.courses())
def test_replay_rebuilds_an_equal_course(course):
    replayed = bk.Course.replay(course.programme, course.history)
    assert replayed == course
    assert (replayed.state, replayed.ended_on) == (course.state, course.ended_on)
    assert hash(replayed) == hash(course)
    assert bk.Course.replay(course.programme.definition, list(course.history)) == course


@given(bst.courses(), st.sampled_from(CORE_KINDS), st.integers(-30, 200))
def test_check_and_apply_agree_and_a_refusal_changes_nothing(course, kind, offset):
    on = course.last_on + timedelta(days=offset)
    event = _event(kind, on, course)
    before = (course.state, course.history, course.ended_on, dict(course.held))
    refusal = course.check(event)
    if refusal is None:
        after = course.apply(event)
        assert after.history == (*course.history, event)
        assert after.state == course.programme.machine.transition(course.state, kind).target
    else:
        with pytest.raises(bk.TransitionRefused) as info:
            course.apply(event)
        assert info.value.refusal == refusal
        assert info.value.state == course.state
        assert info.value.event == event.describe()
        assert info.value.reason in str(info.value)
    assert (course.state, course.history, course.ended_on, dict(course.held)) == before


@given(bst.courses())
def test_invariants_of_every_reachable_course(course):
    dates = [e.on for e in course.history]
    assert dates == sorted(dates)
    assert course.history[0].on == course.started_on
    for kind, count in course.held.items():
        assert count <= course.programme.planned.get(kind, count)
    assert len(course.outcomes()) <= len(course.programme.definition.measurements)
    if course.is_final:
        assert course.allowed() == ()
        assert course.due(on=course.last_on + timedelta(days=400)) == ()
    else:
        assert course.allowed()


@given(bst.courses(), st.data())
def test_every_allowed_option_is_accepted(course, data):
    for option in course.allowed():
        on = option.not_before + timedelta(days=data.draw(st.integers(0, 40)))
        event = _event(option.event, on, course)
        assert course.check(event) is None
        assert course.apply(event).state == option.target


@given(bst.courses(), st.sampled_from(CORE_KINDS))
def test_events_the_machine_does_not_offer_are_refused(course, kind):
    offered = {o.event for o in course.allowed()}
    assume(kind not in offered)
    refusal = course.check(_event(kind, course.last_on + timedelta(days=400), course))
    assert refusal is not None
    assert refusal.state == course.state


@given(bst.courses(), st.integers(1, 400), st.sampled_from(CORE_KINDS))
def test_events_before_the_last_are_refused(course, back, kind):
    refusal = course.check(_event(kind, course.last_on - timedelta(days=back), course))
    assert refusal is not None
    if course.is_final:
        assert refusal.rule == "final"
    elif kind == "started":
        assert refusal.rule == "started_twice"
    else:
        assert refusal.rule in {"date_order", "before_start"}


def _event(kind, on, course):
    cls = EVENT_TYPES[kind]
    if cls is events.Started:
        return events.Started(on, participant="someone-else")
    if cls is events.EndedEarly:
        return events.EndedEarly(on=on, reason=events.EndReason.JOB)
    if cls is events.OutcomeRecorded:
        outcome = min(course.programme.outcomes, key=lambda o: o.value)
        return events.OutcomeRecorded(on=on, outcome=outcome)
    return cls(on=on)


# -- the rules of the afklaringsforløb (seed 002) ----------------------------------------------


def test_no_fifth_follow_up():
    course = afklaring_until_follow_ups(4)
    refusal = course.check(events.FollowUpHeld(on=date(2020, 10, 20)))
    assert refusal is not None
    assert refusal.rule == "guard"
    assert "all 4 planned follow_up meetings have been held" in refusal.reason


@pytest.mark.parametrize("held", [0, 1, 2, 3])
def test_final_meeting_only_after_four_follow_ups(held):
    course = afklaring_until_follow_ups(held)
    with pytest.raises(bk.TransitionRefused) as info:
        course.apply(events.FinalMeetingHeld(on=date(2020, 10, 30)))
    assert info.value.state == "in_progress"
    assert f"only {held} of the 4 planned" in info.value.reason
    ended = course.apply(
        events.EndedEarly(on=date(2020, 10, 30), reason=events.EndReason.CLARIFIED)
    )
    assert ended.state == "ended"
    assert ended.ended_on == date(2020, 10, 30)


def test_a_full_afklaringsforloeb_ends_with_an_outcome():
    course = afklaring_until_follow_ups(4).apply(events.FinalMeetingHeld(on=date(2020, 10, 30)))
    assert course.state == "ended"
    refused = course.check(
        events.OutcomeRecorded(on=date(2020, 11, 2), outcome=events.Outcome.LOENTILSKUD)
    )
    assert refused is not None
    assert refused.rule == "outcome_not_allowed"
    done = course.apply(
        events.OutcomeRecorded(on=date(2020, 11, 2), outcome=events.Outcome.FLEKSJOB)
    )
    assert done.state == "closed"
    assert done.is_final
    assert [(m.key, e.outcome) for m, e in done.outcomes()] == [("end", events.Outcome.FLEKSJOB)]
    refusal = done.check(events.FollowUpHeld(on=date(2020, 11, 3)))
    assert refusal is not None
    assert refusal.rule == "final"


def test_an_outcome_is_recorded_only_after_the_end():
    course = afklaring_until_follow_ups(2)
    refusal = course.check(
        events.OutcomeRecorded(on=date(2020, 9, 1), outcome=events.Outcome.ORDINARY_JOB)
    )
    assert refusal is not None
    assert refusal.rule == "no_transition"


def test_a_cancelled_course_accepts_nothing():
    course = afklaring_until_follow_ups(1).apply(events.Cancelled(on=date(2020, 9, 1)))
    assert course.state == "cancelled"
    assert course.allowed() == ()
    for kind in CORE_KINDS:
        assert course.check(_event(kind, date(2020, 9, 2), course)).rule == "final"


def test_events_in_date_order_and_not_before_the_start():
    course = afklaring_until_follow_ups(2)
    refusal = course.check(events.FollowUpHeld(on=date(2020, 8, 20)))
    assert refusal is not None
    assert refusal.rule == "date_order"
    early = bk.Course.start(AFKLARING, participant="ref-0001", on=START)
    refusal = early.check(events.StartMeetingHeld(on=START - timedelta(days=1)))
    assert refusal is not None
    assert refusal.rule == "before_start"
    assert early.check(events.Started(START, participant="again")).rule == "started_twice"


def test_apply_returns_a_new_course_and_leaves_the_old_one():
    course = bk.Course.start(AFKLARING, participant="ref-0001", on=START)
    after = course.apply(events.StartMeetingHeld(on=START))
    assert course.state == "awaiting_start_meeting"
    assert len(course.history) == 1
    assert after.state == "in_progress"
    assert after != course


def test_start_meeting_records_the_work_functions_to_test():
    functions = events.WorkFunctions(
        task_types=("production", "packing"),
        working_time="3 hours, 3 times a week",
        motivation="wants to return to work",
        workplace_arrangement="a specially designed chair",
    )
    course = bk.Course.start(AFKLARING, participant="ref-0001", on=START)
    course = course.apply(events.StartMeetingHeld(on=START, functions=functions))
    assert course.history[1].functions.task_types == ("production", "packing")
    assert "chair" not in repr(course.history[1])
    assert "filled: task_types, working_time" in repr(functions)


# -- the jobklub (seed 004) --------------------------------------------------------------------


def test_jobklub_records_outcomes_at_the_end_and_three_months_later():
    course = bk.Course.start(JOBKLUB, participant="ref-0002", on=date(2016, 2, 1))
    course = course.apply(events.PhaseCompleted(on=date(2016, 2, 12)))
    assert course.state == "club"
    for week in range(3):
        course = course.apply(
            events.CoachingSessionHeld(on=date(2016, 2, 15) + timedelta(weeks=week))
        )
    course = course.apply(events.PhaseCompleted(on=date(2016, 4, 21)))
    assert (course.state, course.ended_on) == ("ended", date(2016, 4, 21))
    course = course.apply(
        events.OutcomeRecorded(on=date(2016, 4, 21), outcome=events.Outcome.ORDINARY_JOB)
    )
    too_soon = events.OutcomeRecorded(on=date(2016, 7, 20), outcome=events.Outcome.ORDINARY_JOB)
    with pytest.raises(bk.TransitionRefused, match="not before 2016-07-21"):
        course.apply(too_soon)
    [option] = course.allowed()
    assert option.not_before == date(2016, 7, 21)
    course = course.apply(
        events.OutcomeRecorded(on=date(2016, 7, 21), outcome=events.Outcome.LOENTILSKUD)
    )
    assert course.state == "closed"
    assert [m.key for m, _ in course.outcomes()] == ["end", "after_3_months"]
    assert course.held == {"coaching": 3}


def test_a_jobklub_ended_early_measures_from_the_actual_end():
    course = bk.Course.start(JOBKLUB, participant="ref-0002", on=date(2016, 2, 1))
    course = course.apply(events.EndedEarly(on=date(2016, 2, 10), reason=events.EndReason.JOB))
    assert [d.item.key for d in course.due(on=date(2016, 5, 9))] == ["end"]
    assert [d.item.key for d in course.due(on=date(2016, 6, 1))] == ["end", "after_3_months"]
    measurement = [i for i in course.schedule if i.key == "after_3_months"][0]
    assert measurement.on == bk.WorkingCalendar().next_working_day(date(2016, 5, 10))


# -- schedule on working days ------------------------------------------------------------------


@given(bst.programmes(), bst.calendars(), st.data())
def test_every_planned_date_is_a_working_day(programme, calendar, data):
    start = data.draw(bst.dates(min_value=programme.on, max_value=programme.on + timedelta(400)))
    course = bk.Course.start(programme.definition, participant="ref", on=start, calendar=calendar)
    schedule = course.schedule
    assert all(calendar.is_working_day(item.on) for item in schedule)
    assert all(
        item.on >= item.nominal or item.kind is bk.ItemKind.END or item.key == "final"
        for item in schedule
    )
    assert [i.on for i in schedule] == sorted(i.on for i in schedule)
    meetings = [i for i in schedule if i.kind is bk.ItemKind.MEETING]
    planned = course.programme.planned
    for kind, count in planned.items():
        assert len([m for m in meetings if m.key == kind]) == count
    end = start + timedelta(days=course.programme.days)
    for item in meetings:
        assert start <= item.on
        if item.key == "start":
            assert item.on == calendar.next_working_day(start)
        if item.key == "final":
            last_week = list(calendar.working_days(end - timedelta(days=7), end))
            assert item.on == (last_week[-1] if last_week else calendar.previous_working_day(end))
    follow_ups = [m.on for m in meetings if m.key == "follow_up"]
    assert follow_ups == sorted(set(follow_ups))
    if follow_ups and "start" in planned:
        assert follow_ups[0] > [m.on for m in meetings if m.key == "start"][0]


def test_store_bededag_moves_a_meeting_in_2023_but_not_in_2024():
    in_2023 = bk.Course.start(AFKLARING.definition, participant="r", on=date(2023, 4, 17))
    in_2024 = bk.Course.start(AFKLARING.definition, participant="r", on=date(2024, 4, 8))
    first_2023 = [i for i in in_2023.schedule if i.key == "follow_up"][0]
    first_2024 = [i for i in in_2024.schedule if i.key == "follow_up"][0]
    assert first_2023.nominal == date(2023, 5, 5)  # Store Bededag 2023
    assert first_2023.on == date(2023, 5, 8)
    assert first_2024.nominal == first_2024.on == date(2024, 4, 26)


def test_a_municipal_closing_day_moves_a_meeting():
    cal = bk.WorkingCalendar(optional_holidays=True).closed(date(2020, 8, 21))
    course = bk.Course.start(AFKLARING, participant="r", on=START, calendar=cal)
    first = [i for i in course.schedule if i.key == "follow_up"][0]
    assert (first.nominal, first.on) == (date(2020, 8, 21), date(2020, 8, 24))
    assert course.calendar == cal


@given(bst.courses(), st.integers(0, 500))
def test_due_lists_past_items_not_yet_done(course, days):
    on = course.started_on + timedelta(days=days)
    due = course.due(on=on)
    assert all(d.item.on <= on and d.days_overdue == (on - d.item.on).days for d in due)
    assert all(d.overdue == (d.item.on < on) for d in due)
    if course.ended_on is not None:
        assert all(d.item.kind is bk.ItemKind.MEASUREMENT for d in due)
    not_due = set(course.schedule) - {d.item for d in due}
    for item in not_due:
        if item.on <= on and not course.is_final and item.kind is bk.ItemKind.MEETING:
            assert course.ended_on is not None or course.held.get(item.key, 0) >= item.number


def test_due_on_the_seed_course():
    course = afklaring_until_follow_ups(0)
    due = course.due(on=date(2020, 9, 10))
    assert [(d.item.key, d.item.number, d.overdue) for d in due] == [
        ("follow_up", 1, True),
        ("follow_up", 2, True),
    ]
    assert due[0].days_overdue == (date(2020, 9, 10) - due[0].item.on).days
    with pytest.raises(bk.ValidationError):
        course.due(on="2020-09-10")


def test_phase_starts_are_due_until_the_phase_is_completed():
    course = bk.Course.start(JOBKLUB, participant="r", on=date(2016, 2, 1))
    club_start = [i for i in course.schedule if i.kind is bk.ItemKind.PHASE_START][0]
    assert [d.item for d in course.due(on=club_start.on)] == [club_start]
    course = course.apply(events.PhaseCompleted(on=club_start.on))
    assert course.due(on=club_start.on) == ()


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("participant", ["0101901234", "ref 010190-1234", "", " ", "x" * 201, 5])
def test_participant_must_be_an_opaque_reference(participant):
    with pytest.raises(bk.ValidationError) as info:
        bk.Course.start(AFKLARING, participant=participant, on=START)
    assert info.value.path == "participant"
    if isinstance(participant, str) and participant.strip():
        assert participant not in str(info.value)
        assert "0101901234" not in repr(info.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda: bk.Course.start(AFKLARING, participant="r", on="2020-08-03"),
        lambda: bk.Course.start("afklaringsforloeb", participant="r", on=START),
        lambda: bk.Course.replay(AFKLARING, ()),
        lambda: bk.Course.replay(AFKLARING, (events.FollowUpHeld(on=START),)),
        lambda: bk.Course.replay(AFKLARING, "history"),
        lambda: bk.Course(AFKLARING, (events.Started(START + timedelta(1), participant="r"),)),
        lambda: bk.Course("p", (events.Started(START, participant="r"),)),
        lambda: bk.Course.replay(AFKLARING, [events.Started(START, participant="r"), "x"]),
        lambda: afklaring_until_follow_ups(0).apply("follow_up"),
        lambda: afklaring_until_follow_ups(0).check(events.Event(START)),
        lambda: events.EndedEarly(on=START, reason="job"),
        lambda: events.OutcomeRecorded(on=START, outcome="fleksjob"),
        lambda: events.Started(START, participant="r", calendar="DK"),
        lambda: events.StartMeetingHeld(on=START, functions="chair"),
        lambda: events.WorkFunctions(task_types="packing"),
        lambda: events.WorkFunctions(motivation=5),
        lambda: events.WorkFunctions(motivation="x" * 2001),
        lambda: events.WorkFunctions(task_types=("",)),
    ],
)
def test_bad_input_raises_the_package_error(make):
    with pytest.raises(bk.ValidationError):
        make()


def test_replaying_a_refused_history_names_the_event():
    good = afklaring_until_follow_ups(4).history
    bad = (*good, events.FollowUpHeld(on=date(2020, 11, 1)))
    with pytest.raises(bk.ValidationError) as info:
        bk.Course.replay(AFKLARING, bad)
    assert info.value.path == "history[6]"
    assert "all 4 planned follow_up meetings have been held" in info.value.reason


def test_course_repr_is_short_and_carries_no_free_text():
    course = afklaring_until_follow_ups(1)
    assert repr(course) == (
        "Course(programme='afklaringsforloeb', started_on=datetime.date(2020, 8, 3), "
        "state='in_progress', events=3)"
    )
    assert course.participant == "ref-0001"


def test_labels_exist_in_both_languages():
    for enum in (events.Outcome, events.EndReason):
        for member in enum:
            assert member.label_da
            assert member.label_en


# -- event classes of a user's own -----------------------------------------------------------


def test_a_user_defined_event_drives_a_user_defined_programme():
    @attrs.frozen
    class JobFairVisited(events.Event):
        kind = "job_fair_visited"
        meeting = "job_fair"

    definition = attrs.evolve(
        AFKLARING.definition,
        key="messe",
        meetings=(),
        machine=Machine(
            states=("open", "ended", "closed"),
            initial="open",
            final={"closed"},
            ended={"ended", "closed"},
            transitions=(
                Transition("open", "job_fair_visited", "open"),
                Transition("open", "ended_early", "ended"),
                Transition("ended", "outcome_recorded", "closed"),
            ),
        ),
    )
    course = bk.Course.start(definition, participant="r", on=START)
    course = course.apply(JobFairVisited(on=START))
    assert course.held == {"job_fair": 1}
    assert bk.from_json(bk.to_json(course), bk.Course) == course
    assert '"type": "job_fair_visited"' in bk.to_json(course)


def test_event_kinds_are_unique_and_required():
    with pytest.raises(bk.ValidationError, match="already used by FollowUpHeld"):

        @attrs.frozen
        class Impostor(events.Event):
            kind = "follow_up_held"

    with pytest.raises(bk.ValidationError, match="needs its own lower-case 'kind'"):

        @attrs.frozen
        class Nameless(events.Event):
            pass

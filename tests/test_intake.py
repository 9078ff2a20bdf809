"""Intake with dated capacity, waiting lists and workshop sessions."""

import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, stateful
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import intake
from beskaeftigelse._catalogue.programmes import AFKLARINGSFORLOEB
from beskaeftigelse.intake import (
    RANDERS_RECOVERY_WORKSHOP,
    Action,
    DecisionKind,
    Intake,
    Request,
    Session,
    SessionAction,
    SessionRequest,
    Workshop,
    WorkshopRoster,
)

FIRST = date(2020, 10, 20)
DAYS = 25  # 2020-10-20 .. 2020-11-13: across the change on 2020-11-01


def afklaring_on(day):
    return bk.catalogue.get("afklaringsforloeb", on=day)


@st.composite
def capacities(draw):
    """Small nondecreasing capacity timelines that change inside the request window."""
    start = AFKLARINGSFORLOEB.validity.start
    value = draw(st.integers(1, 3))
    timeline = bk.Timeline.of(value, since=start, source="test")
    changes = sorted(draw(st.sets(st.integers(1, DAYS), max_size=2)))
    for offset in changes:
        value += draw(st.integers(0, 2))
        timeline = timeline.then(value, since=FIRST + timedelta(days=offset), source="test")
    return timeline


@st.composite
def request_sequences(draw, refs=8):
    ops = draw(
        st.lists(
            st.tuples(
                st.integers(0, 2),
                st.sampled_from(list(Action)),
                st.integers(0, refs - 1),
            ),
            max_size=40,
        )
    )
    day = FIRST
    out = []
    for gap, action, ref in ops:
        day += timedelta(days=gap)
        out.append(Request(day, f"ref-{ref}", action))
    return out


def feed(roster, requests):
    """Apply the requests the intake accepts; check that refusals leave it unchanged."""
    for request in requests:
        refusal = roster.check(request)
        if refusal is None:
            roster = roster.apply(request)
        else:
            with pytest.raises(bk.TransitionRefused) as caught:
                roster.apply(request)
            assert caught.value.refusal == refusal
    return roster


def definitions():
    return st.one_of(
        st.just(AFKLARINGSFORLOEB),
        capacities().map(lambda c: attrs.evolve(AFKLARINGSFORLOEB, capacity=c)),
    )


@given(definitions(), request_sequences())
def test_never_more_seats_taken_than_capacity_and_no_idle_seat_while_someone_waits(
    definition, requests
):
    roster = feed(Intake(definition), requests)
    last = max([FIRST + timedelta(days=DAYS + 3), *(r.on for r in roster.history)])
    for offset in range((last - FIRST).days + 1):
        day = FIRST + timedelta(days=offset)
        snapshot = roster.roster(on=day)
        capacity = definition.capacity.value_on(day)
        assert snapshot.capacity == definition.capacity.lookup(day)
        assert len(snapshot.seated) <= capacity
        if snapshot.waiting:
            assert len(snapshot.seated) == capacity
            assert snapshot.free == 0
        else:
            assert snapshot.free == capacity - len(snapshot.seated)
        seated = {s.referral for s in snapshot.seated}
        waiting = [w.referral for w in snapshot.waiting]
        assert not seated & set(waiting)
        assert len(set(waiting)) == len(waiting)


@given(definitions(), request_sequences())
def test_decisions_say_which_capacity_applied_and_the_waiting_list_is_first_come_first_served(
    definition, requests
):
    roster = feed(Intake(definition), requests)
    end = max([FIRST + timedelta(days=DAYS + 3), *(r.on for r in roster.history)])
    decisions = roster.decisions_until(on=end)
    assert decisions[: len(roster.decisions)] == roster.decisions
    queue = []
    seated = set()
    for d in decisions:
        assert d.capacity == definition.capacity.lookup(d.on)
        assert str(d.capacity.value) in d.explain()
        assert d.capacity.source in d.explain()
        if d.kind is DecisionKind.WAITLISTED:
            assert d.seats_taken >= d.capacity.value or queue
            queue.append(d.referral)
            assert d.position == len(queue)
        elif d.kind is DecisionKind.ADMITTED_FROM_WAITING_LIST:
            assert queue[0] == d.referral
            queue.pop(0)
        elif d.kind is DecisionKind.WITHDRAWN:
            queue.remove(d.referral)
        if d.admitted:
            assert d.seats_taken < d.capacity.value
            seated.add(d.referral)
        elif d.kind is DecisionKind.RELEASED:
            seated.remove(d.referral)
    final = roster.roster(on=end)
    assert {s.referral for s in final.seated} == seated
    assert [w.referral for w in final.waiting] == queue


@given(definitions(), request_sequences())
def test_replay_equals_request_by_request_and_round_trips_through_json(definition, requests):
    roster = feed(Intake(definition), requests)
    assert Intake.replay(definition, roster.history) == roster
    assert Intake.replay(definition, roster.history).decisions == roster.decisions
    loaded = bk.from_json(bk.to_json(roster), Intake)
    assert loaded == roster
    assert loaded.decisions == roster.decisions


def test_seed_002_capacity_15_then_25_from_1_november_2020():
    roster = Intake.of(afklaring_on(date(2020, 10, 1)))
    for n in range(20):
        roster = roster.refer(f"ref-{n}", on=date(2020, 10, 31))
    kinds = [d.kind for d in roster.decisions]
    assert kinds == [DecisionKind.ADMITTED] * 15 + [DecisionKind.WAITLISTED] * 5
    assert roster.decisions[-1].position == 5
    assert roster.decisions[-1].capacity.value == 15
    assert roster.roster(on=date(2020, 10, 31)).free == 0
    november = roster.roster(on=date(2020, 11, 1))
    assert (len(november.seated), len(november.waiting), november.free) == (20, 0, 5)
    assert november.capacity.value == 25
    assert "Vejle Kommune, press release of 29 October 2020" in november.capacity.source
    assert "seed" not in november.capacity.source
    admitted = roster.decisions_until(on=date(2020, 11, 1))[20:]
    assert [d.referral for d in admitted] == [f"ref-{n}" for n in range(15, 20)]
    assert {d.on for d in admitted} == {date(2020, 11, 1)}
    assert [d.seats_taken for d in admitted] == list(range(15, 20))
    assert "capacity 25 on 2020-11-01 (in force from 2020-11-01" in admitted[0].explain()
    # the same happens when the next request comes after the change
    later = roster.refer("ref-20", on=date(2020, 11, 3))
    assert later.decisions[20:25] == admitted
    assert later.decisions[-1].kind is DecisionKind.ADMITTED


def test_a_freed_seat_goes_to_the_first_waiting_on_that_day():
    roster = Intake.of(afklaring_on(date(2020, 10, 1)))
    for n in range(17):
        roster = roster.refer(f"ref-{n}", on=date(2020, 10, 1))
    roster = roster.cancel("ref-16", on=date(2020, 10, 2))  # withdrawn from the list
    roster = roster.end("ref-3", on=date(2020, 10, 5))
    last = roster.decisions[-3:]
    assert [(d.kind, d.referral, d.on) for d in last] == [
        (DecisionKind.WITHDRAWN, "ref-16", date(2020, 10, 2)),
        (DecisionKind.RELEASED, "ref-3", date(2020, 10, 5)),
        (DecisionKind.ADMITTED_FROM_WAITING_LIST, "ref-15", date(2020, 10, 5)),
    ]
    assert "put on the waiting list at place 1" in roster.decisions[15].explain()


def test_a_withdrawn_referral_that_comes_back_queues_at_the_end():
    roster = Intake.of(afklaring_on(date(2020, 10, 1)))
    for n in range(18):
        roster = roster.refer(f"ref-{n}", on=date(2020, 10, 1))
    # withdrawn and referred again on the day of the first referral
    roster = roster.cancel("ref-15", on=date(2020, 10, 1))
    roster = roster.refer("ref-15", on=date(2020, 10, 1))
    assert roster.decisions[-1].position == 3
    waiting = [w.referral for w in roster.roster(on=date(2020, 10, 2)).waiting]
    assert waiting == ["ref-16", "ref-17", "ref-15"]
    roster = roster.end("ref-0", on=date(2020, 10, 3)).end("ref-1", on=date(2020, 10, 3))
    admitted = [d.referral for d in roster.decisions if d.kind.value.endswith("waiting_list")]
    assert admitted == ["ref-16", "ref-17"]


def test_refusals_are_values():
    roster = Intake.of(afklaring_on(date(2020, 10, 1))).refer("ref-1", on=date(2020, 10, 5))
    rules = {
        Request(date(2020, 10, 4), "ref-2"): "date_order",
        Request(date(2020, 10, 6), "ref-1"): "already_referred",
        Request(date(2020, 10, 6), "ref-2", Action.END): "not_seated",
        Request(date(2020, 10, 6), "ref-2", Action.CANCEL): "unknown_referral",
    }
    for request, rule in rules.items():
        refusal = roster.check(request)
        assert refusal is not None
        assert refusal.rule == rule
        assert "ref-" not in str(refusal)
    early = Intake(attrs.evolve(AFKLARINGSFORLOEB, validity=bk.Period(date(2019, 6, 1))))
    refusal = early.check(Request(date(2019, 5, 1), "ref-1"))
    assert refusal is not None
    assert refusal.rule == "not_in_force"
    closed = Intake(
        attrs.evolve(AFKLARINGSFORLOEB, validity=bk.Period(date(2019, 1, 1), date(2020, 1, 1)))
    )
    for n in range(16):
        closed = closed.refer(f"ref-{n}", on=date(2019, 12, 1))
    # a seat freed after the validity ends is not given to anyone
    closed = closed.end("ref-0", on=date(2020, 2, 1))
    assert closed.decisions[-1].kind is DecisionKind.RELEASED
    assert len(closed.roster(on=date(2020, 2, 1)).waiting) == 1


def test_bad_input_names_the_field():
    cases = [
        (lambda: Request("2020-10-01", "ref-1"), "on"),
        (lambda: Request(date(2020, 10, 1), "010190-1234"), "referral"),
        (lambda: Request(date(2020, 10, 1), ""), "referral"),
        (lambda: Request(date(2020, 10, 1), "ref", "refer"), "action"),
        (lambda: Intake("afklaringsforloeb"), "definition"),
        (lambda: Intake(AFKLARINGSFORLOEB, "history"), "history"),
        (lambda: Intake(AFKLARINGSFORLOEB, ["x"]), "history[0]"),
        (lambda: Intake(AFKLARINGSFORLOEB).check("x"), "request"),
        (lambda: Intake(AFKLARINGSFORLOEB).roster(on="2020-01-01"), "on"),
        (lambda: Intake(AFKLARINGSFORLOEB).decisions_until(on=None), "on"),
    ]
    for make, path in cases:
        with pytest.raises(bk.ValidationError) as caught:
            make()
        assert caught.value.path == path
    with pytest.raises(bk.ValidationError) as caught:
        Request(date(2020, 10, 1), "010190-1234")
    assert "010190" not in str(caught.value)
    history = [Request(date(2020, 10, 1), "ref-1"), Request(date(2020, 10, 2), "ref-1")]
    with pytest.raises(bk.ValidationError) as caught:
        Intake.replay(AFKLARINGSFORLOEB, history)
    assert caught.value.path == "history[1]"


def test_json_errors_carry_paths():
    roster = Intake.of(AFKLARINGSFORLOEB).refer("ref-1", on=date(2020, 10, 1))
    document = json.loads(bk.to_json(roster))
    document["history"][0]["on"] = "2020-13-01"
    with pytest.raises(bk.ValidationError) as caught:
        bk.from_json(json.dumps(document), Intake)
    assert caught.value.path == "$.history[0].on"


def test_repr_shows_counts_not_references():
    roster = Intake.of(AFKLARINGSFORLOEB).refer("secret-ref", on=date(2020, 10, 1))
    assert "secret-ref" not in repr(roster)
    assert "seated=1" in repr(roster)


# -- workshops -----------------------------------------------------------------------------

SESSION_DAY = date(2020, 11, 20)


@st.composite
def workshops(draw):
    seats = draw(st.integers(1, 3))
    second = draw(st.integers(1, 10))
    return attrs.evolve(
        RANDERS_RECOVERY_WORKSHOP,
        sessions=(
            attrs.evolve(RANDERS_RECOVERY_WORKSHOP.sessions[0], seats=seats),
            Session(
                key="second",
                on=SESSION_DAY + timedelta(days=second),
                seats=draw(st.integers(1, 3)),
                source="test",
            ),
        ),
    )


@st.composite
def session_requests(draw):
    ops = draw(
        st.lists(
            st.tuples(
                st.integers(0, 3),
                st.sampled_from(["first", "second", "third"]),
                st.integers(0, 5),
                st.sampled_from(list(SessionAction)),
            ),
            max_size=30,
        )
    )
    day = SESSION_DAY - timedelta(days=10)
    out = []
    for gap, session, ref, action in ops:
        day += timedelta(days=gap)
        out.append(SessionRequest(on=day, session=session, referral=f"ref-{ref}", action=action))
    return out


@given(workshops(), session_requests())
def test_sessions_keep_their_seat_limit_and_attendance_only_for_seated(workshop, requests):
    roster = WorkshopRoster(workshop)
    for request in requests:
        refusal = roster.check(request)
        if refusal is None:
            roster = roster.apply(request)
        else:
            with pytest.raises(bk.TransitionRefused):
                roster.apply(request)
    assert list(roster) == list(roster.history)
    for session in workshop.sessions:
        snapshot = roster.roster(session.key)
        assert len(snapshot.seated) <= session.seats
        if snapshot.waiting:
            assert len(snapshot.seated) == session.seats
        seated = {s.referral for s in snapshot.seated}
        came = roster.attendance(session.key)
        assert set(came.attended) | set(came.absent) <= seated
        assert not set(came.attended) & set(came.absent)
        for d in roster.decisions(session.key):
            assert d.on <= session.on
    assert bk.from_json(bk.to_json(roster), WorkshopRoster) == roster


def test_randers_session_waiting_list_cancellation_and_attendance():
    roster = WorkshopRoster(RANDERS_RECOVERY_WORKSHOP)
    seats = RANDERS_RECOVERY_WORKSHOP.session("first").seats
    assert "[unverified]" in RANDERS_RECOVERY_WORKSHOP.session("first").source
    for n in range(seats + 2):
        roster = roster.sign_up(f"ref-{n}", session="first", on=date(2020, 11, 2))
    decisions = roster.decisions("first")
    assert [d.kind for d in decisions[seats:]] == [DecisionKind.WAITLISTED] * 2
    roster = roster.cancel("ref-1", session="first", on=SESSION_DAY)
    assert roster.decisions("first")[-1].referral == f"ref-{seats}"
    assert roster.decisions("first")[-1].on == SESSION_DAY
    refused = roster.check(
        SessionRequest(on=SESSION_DAY + timedelta(days=1), session="first", referral="ref-99")
    )
    assert refused is not None
    assert refused.rule == "session_over"
    too_early = roster.check(
        SessionRequest(
            on=SESSION_DAY, session="first", referral="ref-0", action=SessionAction.ATTENDED
        )
    )
    assert too_early is None
    roster = roster.record_attendance("ref-0", session="first", on=SESSION_DAY, attended=True)
    roster = roster.record_attendance("ref-2", session="first", on=SESSION_DAY, attended=False)
    assert roster.attendance("first") == intake.Attendance("first", ("ref-0",), ("ref-2",))
    rules = {
        SessionRequest(on=SESSION_DAY, session="nope", referral="ref-0"): "unknown_session",
        SessionRequest(on=date(2020, 11, 1), session="first", referral="ref-7"): "date_order",
        SessionRequest(
            on=SESSION_DAY, session="first", referral="ref-0", action=SessionAction.ATTENDED
        ): "recorded_twice",
        SessionRequest(
            on=SESSION_DAY, session="first", referral="ref-1", action=SessionAction.ABSENT
        ): "not_seated",
    }
    for request, rule in rules.items():
        refusal = roster.check(request)
        assert refusal is not None
        assert refusal.rule == rule
    early = WorkshopRoster(RANDERS_RECOVERY_WORKSHOP).sign_up(
        "ref-0", session="first", on=date(2020, 11, 2)
    )
    refusal = early.check(
        SessionRequest(
            on=date(2020, 11, 3), session="first", referral="ref-0", action=SessionAction.ATTENDED
        )
    )
    assert refusal is not None
    assert refusal.rule == "before_session"
    assert "ref-0" not in repr(roster)


def test_workshop_bad_input_names_the_field():
    session = RANDERS_RECOVERY_WORKSHOP.sessions[0]
    cases = [
        (lambda: Session(key="x", on=SESSION_DAY, seats=0, source="s"), "seats"),
        (lambda: Session(key="x", on=SESSION_DAY, seats=2, source="s", title=3), "title"),
        (lambda: Session(key="X", on=SESSION_DAY, seats=2, source="s"), "key"),
        (lambda: Session(key="x", on=SESSION_DAY, seats=2, source=""), "source"),
        (lambda: attrs.evolve(RANDERS_RECOVERY_WORKSHOP, sessions=()), "sessions"),
        (lambda: attrs.evolve(RANDERS_RECOVERY_WORKSHOP, sessions="x"), "sessions"),
        (lambda: attrs.evolve(RANDERS_RECOVERY_WORKSHOP, sessions=(1,)), "sessions[0]"),
        (
            lambda: attrs.evolve(RANDERS_RECOVERY_WORKSHOP, sessions=(session, session)),
            "sessions",
        ),
        (lambda: RANDERS_RECOVERY_WORKSHOP.session("nope"), "session"),
        (lambda: WorkshopRoster("w"), "workshop"),
        (lambda: WorkshopRoster(RANDERS_RECOVERY_WORKSHOP, "h"), "history"),
        (lambda: WorkshopRoster(RANDERS_RECOVERY_WORKSHOP, [1]), "history[0]"),
        (lambda: WorkshopRoster(RANDERS_RECOVERY_WORKSHOP).check(1), "request"),
        (
            lambda: SessionRequest(on=SESSION_DAY, session="first", referral="r", action="x"),
            "action",
        ),
    ]
    for make, path in cases:
        with pytest.raises(bk.ValidationError) as caught:
            make()
        assert caught.value.path == path
    history = [
        SessionRequest(on=SESSION_DAY, session="first", referral="r"),
        SessionRequest(on=SESSION_DAY, session="first", referral="r"),
    ]
    with pytest.raises(bk.ValidationError) as caught:
        WorkshopRoster(RANDERS_RECOVERY_WORKSHOP, history)
    assert caught.value.path == "history[1]"
    assert isinstance(RANDERS_RECOVERY_WORKSHOP, Workshop)


SMALL = attrs.evolve(
    AFKLARINGSFORLOEB,
    capacity=bk.Timeline.of(3, since=date(2019, 1, 1), source="test").then(
        5, since=date(2020, 11, 1), source="test"
    ),
)


class IntakeMachine(stateful.RuleBasedStateMachine):
    """Referrals, ends and cancellations in any order, across a 3 -> 5 change on 2020-11-01."""

    def __init__(self):
        super().__init__()
        self.intake = Intake(SMALL)
        self.day = date(2020, 10, 25)
        self.refs = [f"ref-{n}" for n in range(12)]

    def _try(self, request):
        if self.intake.check(request) is None:
            before = self.intake
            self.intake = self.intake.apply(request)
            assert before.history == self.intake.history[:-1]
            assert self.intake.decisions[: len(before.decisions)] == before.decisions

    @stateful.rule(gap=st.integers(0, 2))
    def wait(self, gap):
        self.day += timedelta(days=gap)

    @stateful.rule(n=st.integers(0, 11))
    def refer(self, n):
        self._try(Request(self.day, self.refs[n]))

    @stateful.rule(n=st.integers(0, 11))
    def end(self, n):
        self._try(Request(self.day, self.refs[n], Action.END))

    @stateful.rule(n=st.integers(0, 11))
    def cancel(self, n):
        self._try(Request(self.day, self.refs[n], Action.CANCEL))

    @stateful.invariant()
    def seats_within_capacity(self):
        snapshot = self.intake.roster(on=self.day)
        capacity = SMALL.capacity.value_on(self.day)
        assert len(snapshot.seated) <= capacity
        assert not snapshot.waiting or len(snapshot.seated) == capacity


TestIntakeMachine = IntakeMachine.TestCase

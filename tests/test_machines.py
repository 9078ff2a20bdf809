"""State machines are checked completely when built, and each problem is named."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse.exceptions import MachineError
from beskaeftigelse.machines import (
    AllPlannedHeld,
    FewerThanPlanned,
    Machine,
    MonthsAfterEnd,
    Transition,
)

OK = {
    "states": ("a", "b", "done"),
    "initial": "a",
    "final": {"done"},
    "transitions": (
        Transition("a", "phase_completed", "b"),
        Transition("b", "phase_completed", "done"),
    ),
}


def build(**changes):
    return Machine(**{**OK, **changes})


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {
                "transitions": (
                    Transition("a", "phase_completed", "nowhere"),
                    Transition("b", "phase_completed", "done"),
                )
            },
            "has unknown target 'nowhere'",
        ),
        (
            {"transitions": (*OK["transitions"], Transition("zz", "cancelled", "done"))},
            "starts from unknown state 'zz'",
        ),
        ({"states": ("a", "b", "done", "island")}, "state 'island' cannot be reached"),
        (
            {
                "states": ("a", "b", "done", "stuck"),
                "transitions": (*OK["transitions"], Transition("a", "cancelled", "stuck")),
            },
            "state 'stuck' is not final and has no way out",
        ),
        (
            {"transitions": (*OK["transitions"], Transition("done", "cancelled", "a"))},
            "final state 'done' has a way out",
        ),
        (
            {
                "states": ("a", "b", "c", "done"),
                "transitions": (
                    *OK["transitions"],
                    Transition("a", "phase_completed", "c"),
                    Transition("c", "cancelled", "done"),
                ),
            },
            "two transitions from 'a' on 'phase_completed' could both fire",
        ),
        (
            {"transitions": (Transition("a", "teleported", "b"), OK["transitions"][1])},
            "unknown event kind 'teleported'",
        ),
        (
            {"transitions": (Transition("a", "outcome_recorded", "b"), OK["transitions"][1])},
            "outcome recorded in 'a', which is not an ended state",
        ),
        ({"initial": "zero"}, "initial state 'zero' is not one of the states"),
        ({"final": {"done", "a"}}, "initial state 'a' is final"),
        ({"final": {"done", "ghost"}}, "final state 'ghost' is not one of the states"),
        ({"ended": {"ghost"}}, "ended state 'ghost' is not one of the states"),
        ({"states": ("a", "b", "done", "a")}, "a state is listed twice"),
    ],
)
def test_each_build_problem_is_named(changes, problem):
    with pytest.raises(MachineError) as info:
        build(**changes)
    assert any(problem in p for p in info.value.problems), info.value.problems
    assert isinstance(info.value, bk.ValidationError)
    assert problem in str(info.value)


def test_a_valid_machine_builds_and_answers():
    m = build()
    assert m.transition("a", "phase_completed") == Transition("a", "phase_completed", "b")
    assert m.transition("a", "cancelled") is None
    assert m.is_final("done")
    assert not m.is_final("a")


@pytest.mark.parametrize(
    "make",
    [
        lambda: Transition("A", "phase_completed", "b"),
        lambda: Transition("a", "phase_completed", "b", guards=("x",)),
        lambda: Transition("a", "phase_completed", "b", guards=FewerThanPlanned("x")),
        lambda: FewerThanPlanned("Follow up"),
        lambda: MonthsAfterEnd(-1),
        lambda: Machine(states="ab", initial="a", final=(), transitions=()),
        lambda: Machine(states=("a",), initial="a", final="a", transitions=()),
        lambda: Machine(states=("a",), initial="a", final=(), transitions=["t"]),
        lambda: Machine(states=("a",), initial="a", final=(), transitions=None),
    ],
)
def test_parts_are_validated(make):
    with pytest.raises(bk.ValidationError):
        make()


def test_guards_describe_themselves():
    assert "fewer follow_up" in FewerThanPlanned("follow_up").describe()
    assert "all planned follow_up" in AllPlannedHeld("follow_up").describe()
    assert "3 months" in MonthsAfterEnd(3).describe()


names = st.sampled_from(["s0", "s1", "s2", "s3", "s4"])
kinds = st.sampled_from(["phase_completed", "cancelled", "ended_early", "follow_up_held"])


@given(
    st.lists(st.tuples(names, kinds, names), max_size=10),
    st.frozensets(names, max_size=3),
)
def test_a_machine_builds_exactly_when_it_is_sound(edges, final):
    states = ("s0", "s1", "s2", "s3", "s4")
    transitions = tuple(Transition(s, e, t) for s, e, t in edges)
    reachable, frontier = {"s0"}, ["s0"]
    while frontier:
        here = frontier.pop()
        for s, _, t in edges:
            if s == here and t not in reachable:
                reachable.add(t)
                frontier.append(t)
    exits = {s for s, _, _ in edges}
    pairs = [(s, e) for s, e, _ in edges]
    sound = (
        "s0" not in final
        and reachable == set(states)
        and all((s in final) != (s in exits) for s in states)
        and len(set(pairs)) == len(pairs)
    )
    try:
        Machine(states=states, initial="s0", final=final, transitions=transitions)
    except MachineError as error:
        assert not sound, error.problems
        assert error.problems
    else:
        assert sound

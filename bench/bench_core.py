"""Benchmark of the course engine and its JSON, against a hand-written floor and peer libraries.

Run it in an environment with the ``bench`` extra (transitions, python-statemachine, pydantic,
orjson)::

    python3 -m venv /tmp/b && /tmp/b/bin/pip install -e '.[bench]'
    /tmp/b/bin/python bench/bench_core.py            # the full run (about a minute)
    /tmp/b/bin/python bench/bench_core.py --quick    # a smoke run of a few seconds

Everything runs in one process and ends with a markdown table. Each figure is the best of
several ``timeit`` repeats (the minimum is the least disturbed by the rest of the machine).
A peer library that is not installed gives ``n/a`` rows instead of an error, so the script
also runs in the development environment.

What is measured, on one 10-state flow ``s0 -> s1 -> ... -> s9`` (``s9`` final) driven by
nine ``PhaseCompleted`` events:

* **setup**: what one walk needs before its first event. Ours: ``Course.start`` (with the
  programme resolved on the start day). Floor: one frozen attrs value. transitions: a model
  and a ``transitions.Machine`` for it. python-statemachine: an instance of the
  ``StateMachine`` subclass (its class is built once, at import).
* **walk**: setup plus the nine events, s0 to s9.
* **apply**: ``(walk - setup) / 9``, the cost of one event, measured the same way for all four.
  The values of ours and of the floor are immutable and could be reused without any setup;
  the peers' machines are mutable and cannot (python-statemachine cannot even be reset once
  it reached its final state), so setup is measured separately and taken off.
* **replay**: ``Course.replay`` of 100,000 histories of 10 events (1,000,000 events), built
  beforehand, with start days spread over four years; once with the definition (the
  programme is resolved on each course's start day) and once with programmes resolved
  beforehand, one per start day.
* **JSON round-trip** of a jobklub course with 20 events, ``from_json(to_json(course))``,
  against pydantic v2 models of the same document shape (strict scalars, no extra keys,
  the history a union discriminated on ``"type"``): with the standard library's ``json``
  (``json.dumps(m.model_dump(mode="json"))`` / ``model_validate(json.loads(s))``) and with
  pydantic's own Rust JSON (``model_dump_json`` / ``model_validate_json``).
"""

from __future__ import annotations

import argparse
import enum
import gc
import inspect
import itertools
import json
import os
import platform
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

import beskaeftigelse as bk
from beskaeftigelse import events as ev
from beskaeftigelse import machines

N_STATES = 10
STATES = tuple(f"s{i}" for i in range(N_STATES))
KIND = ev.PhaseCompleted.kind
FLOW_START = date(2021, 3, 1)
PARTICIPANT = "ref-0001"

# -- the 10-state flow ----------------------------------------------------------------------


def flow_definition() -> bk.ProgrammeDefinition:
    """A user-defined programme whose machine is the linear 10-state flow."""
    since = date(2015, 1, 1)
    source = "benchmark"
    return bk.ProgrammeDefinition(
        key="linear_flow",
        name_da="Lineært forløb",
        name_en="Linear flow",
        provider="benchmark",
        source=source,
        validity=bk.Period(since),
        phases=tuple(
            bk.Phase(
                key=f"p{i}",
                name_da=f"Fase {i}",
                name_en=f"Phase {i}",
                days=bk.Timeline.of(7, since=since, source=source),
            )
            for i in range(1, N_STATES)
        ),
        meetings=(),
        capacity=bk.Timeline.of(100, since=since, source=source),
        outcomes=frozenset({ev.Outcome.OTHER}),
        measurements=(),
        machine=machines.Machine(
            states=STATES,
            initial=STATES[0],
            final={STATES[-1]},
            ended={STATES[-1]},
            transitions=tuple(
                machines.Transition(a, KIND, b) for a, b in itertools.pairwise(STATES)
            ),
        ),
    )


def flow_events(start: date) -> tuple[ev.Event, ...]:
    """The nine PhaseCompleted events of one walk, one week apart."""
    return tuple(ev.PhaseCompleted(start + timedelta(days=7 * i)) for i in range(1, N_STATES))


@attrs.frozen
class FloorCourse:
    """The floor: a frozen attrs value changed by attrs.evolve, and a dict transition table."""

    state: str
    history: tuple[ev.Event, ...]


FLOOR_TABLE: dict[tuple[str, str], str] = {(a, KIND): b for a, b in itertools.pairwise(STATES)}


def floor_apply(course: FloorCourse, event: ev.Event) -> FloorCourse:
    target = FLOOR_TABLE[course.state, event.kind]
    return attrs.evolve(course, state=target, history=(*course.history, event))


class _Result(enum.Enum):
    MET = "PASS"
    MISSED = "FAIL"
    INFO = ""


@attrs.define
class Row:
    operation: str
    value: float | None  # seconds (per op, or in all for a batch)
    unit: str  # "us" per op, "s" in all, "" for a row of a ratio only
    against: str = ""
    ratio: float | None = None
    target: str = ""
    result: _Result = _Result.INFO
    note: str = ""

    def cells(self) -> list[str]:
        if not self.unit:
            measured = ""
        elif self.value is None:
            measured = "n/a"
        elif self.unit == "us":
            measured = f"{self.value * 1e6:,.2f} µs"
        else:
            measured = f"{self.value:,.3f} s"
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        result = self.result.value
        if self.note:
            result = f"{result} ({self.note})" if result else self.note
        return [self.operation, measured, self.against, ratio, self.target, result]


def best(fn: Callable[[], object], number: int, repeat: int, *, with_gc: bool = False) -> float:
    """The best time of one call of ``fn`` over ``repeat`` runs of ``number`` calls.

    Like ``timeit``, the garbage collector is off while timing unless ``with_gc`` is set.
    """
    timer = timeit.Timer(fn, setup="gc.enable()" if with_gc else "pass")
    return min(timer.repeat(repeat=repeat, number=number)) / number


def best_of(jobs: dict[str, tuple[Callable[[], object], int]], repeat: int) -> dict[str, float]:
    """:func:`best` of several functions, ``{name: (fn, number)}``, their runs interleaved.

    Each repeat times every function once in turn, so that a disturbance from the rest of the
    machine hits them alike instead of the repeats of one of them.
    """
    timers = {name: (timeit.Timer(fn), number) for name, (fn, number) in jobs.items()}
    found = dict.fromkeys(jobs, float("inf"))
    for _ in range(repeat):
        for name, (timer, number) in timers.items():
            found[name] = min(found[name], timer.timeit(number) / number)
    return found


def require(condition: bool, what: str) -> None:
    """Stop the run if a sanity check of a workload fails (``assert`` vanishes under -O)."""
    if not condition:
        raise RuntimeError(f"benchmark sanity check failed: {what}")


def verdict(ok: bool) -> _Result:
    return _Result.MET if ok else _Result.MISSED


# -- peers (optional) -----------------------------------------------------------------------


Walk = tuple[Callable[[], Any], Callable[[], Any]]  # (setup, setup + the nine events)


def ours_walk(events: Sequence[ev.Event]) -> Walk:
    """Setup and walk for ``Course`` (the programme resolved on the start day beforehand)."""
    programme = flow_definition().on(FLOW_START)

    def setup() -> bk.Course:
        return bk.Course.start(programme, participant=PARTICIPANT, on=FLOW_START)

    def walk() -> bk.Course:
        course = bk.Course.start(programme, participant=PARTICIPANT, on=FLOW_START)
        for event in events:
            course = course.apply(event)
        return course

    course = walk()
    require(course.state == STATES[-1] and course.is_final, "Course ends in s9, final")
    return setup, walk


def floor_walk(events: Sequence[ev.Event]) -> Walk:
    """Setup and walk for the floor."""
    started = ev.Started(FLOW_START, participant=PARTICIPANT)

    def setup() -> FloorCourse:
        return FloorCourse(STATES[0], (started,))

    def walk() -> FloorCourse:
        course = FloorCourse(STATES[0], (started,))
        for event in events:
            course = floor_apply(course, event)
        return course

    require(walk().state == STATES[-1], "the floor ends in s9")
    return setup, walk


def transitions_walk(events: Sequence[ev.Event]) -> Walk:
    """Setup and walk for transitions.Machine (one trigger name, nine source -> dest pairs)."""
    import transitions

    states: list[Any] = [*STATES[:-1], {"name": STATES[-1], "final": True}]
    table = [{"trigger": KIND, "source": a, "dest": b} for a, b in itertools.pairwise(STATES)]

    class Model:
        pass

    def setup() -> Any:
        model = Model()
        transitions.Machine(
            model=model,
            states=states,
            transitions=table,
            initial=STATES[0],
            auto_transitions=False,
        )
        return model

    def walk() -> Any:
        model = setup()
        for event in events:
            model.trigger(event.kind)
        return model

    require(walk().state == STATES[-1], "transitions ends in s9")
    return setup, walk


def statemachine_walk(events: Sequence[ev.Event]) -> Walk:
    """Setup and walk for a python-statemachine StateMachine subclass."""
    from statemachine import State, StateMachine

    namespace: dict[str, Any] = {
        name: State(initial=i == 0, final=i == N_STATES - 1) for i, name in enumerate(STATES)
    }
    event = None
    for a, b in itertools.pairwise(STATES):
        step = namespace[a].to(namespace[b])
        event = step if event is None else event | step
    namespace[KIND] = event
    flow = type("LinearFlow", (StateMachine,), namespace)

    def setup() -> Any:
        return flow()

    def walk() -> Any:
        sm = flow()
        for e in events:
            sm.send(e.kind)
        return sm

    sm = walk()
    require(set(sm.configuration_values) == {STATES[-1]}, "python-statemachine ends in s9")
    require(sm.is_terminated, "python-statemachine terminates in s9")
    return setup, walk


# -- apply ----------------------------------------------------------------------------------

WALKS: dict[str, tuple[str, Callable[[Sequence[ev.Event]], Walk]]] = {
    "ours": ("beskaeftigelse `Course`", ours_walk),
    "floor": ("floor (dict + `attrs.evolve`)", floor_walk),
    "transitions": ("transitions `Machine`", transitions_walk),
    "statemachine": ("python-statemachine `StateMachine`", statemachine_walk),
}


def apply_row(name: str, label: str, apply: dict[str, float]) -> Row:
    ours, peer = apply["ours"], apply.get(name)
    row = Row(f"apply, one event: {label}", peer, "us")
    if name == "floor":
        row.against, row.target = "ours / floor", "ours ≤ 3x floor"
        if peer is not None:
            row.ratio = ours / peer
            row.result = verdict(row.ratio <= 3.0)
    elif name == "transitions":
        row.against, row.target = "transitions / ours", "ours ≥ 3x faster"
        if peer is not None:
            row.ratio = peer / ours
            row.result = verdict(row.ratio >= 3.0)
    elif name == "statemachine":
        row.against = "statemachine / ours"
        if peer is not None:
            row.ratio = peer / ours
    if peer is None:
        row.note = "not installed"
    return row


def bench_apply(number: int, repeat: int) -> list[Row]:
    events = flow_events(FLOW_START)
    jobs: dict[str, tuple[Callable[[], object], int]] = {}
    for name, (_, make) in WALKS.items():
        try:
            setup_fn, walk_fn = make(events)
        except ImportError:
            continue
        # The peers are slower: fewer calls keep their share of the run reasonable.
        n = number if name in ("ours", "floor") else max(1, number // 10)
        jobs[f"setup {name}"] = (setup_fn, n)
        jobs[f"walk {name}"] = (walk_fn, n)
    found = best_of(jobs, repeat)
    names = [name for name in WALKS if f"walk {name}" in found]
    setup = {name: found[f"setup {name}"] for name in names}
    walk = {name: found[f"walk {name}"] for name in names}
    apply = {name: (walk[name] - setup[name]) / len(events) for name in names}

    rows = [apply_row(name, label, apply) for name, (label, _) in WALKS.items()]
    rows.extend(
        Row(f"setup, one walk: {label}", setup.get(name), "us")
        for name, (label, _) in WALKS.items()
    )
    rows.extend(
        Row(
            f"walk of 9 events incl. setup, per event: {label}",
            walk[name] / len(events) if name in walk else None,
            "us",
        )
        for name, (label, _) in WALKS.items()
    )
    return rows


# -- replay ---------------------------------------------------------------------------------


def build_histories(count: int) -> list[tuple[ev.Event, ...]]:
    """``count`` histories of 10 events (Started + 9 PhaseCompleted), start days over 4 years."""
    histories = []
    for i in range(count):
        start = FLOW_START + timedelta(days=i % 1461)
        started = ev.Started(start, participant=f"ref-{i:06d}")
        histories.append((started, *flow_events(start)))
    return histories


def bench_replay(histories: list[tuple[ev.Event, ...]], repeat: int) -> list[Row]:
    definition = flow_definition()
    programmes = {h[0].on: definition.on(h[0].on) for h in histories}
    replay = bk.Course.replay
    n_events = sum(len(h) for h in histories)

    def with_definition() -> None:
        for history in histories:
            replay(definition, history)

    def with_programmes() -> None:
        for history in histories:
            replay(programmes[history[0].on], history)

    course = replay(definition, histories[0])
    require(course.state == STATES[-1], "a replayed course ends in s9")
    require(course.ended_on == histories[0][-1].on, "a replayed course ended on its last event")

    scale = 1_000_000 / n_events
    note = "" if n_events == 1_000_000 else f"extrapolated from {n_events:,} events"
    rows = []
    for label, fn in (
        ("definition, programme resolved per course", with_definition),
        ("programmes resolved beforehand, one per start day", with_programmes),
    ):
        gc.collect()
        seconds = best(fn, 1, repeat, with_gc=True) * scale
        rows.append(
            Row(
                f"replay 1,000,000 events (100,000 courses): {label}",
                seconds,
                "s",
                target="≤ 2 s",
                result=verdict(seconds <= 2.0),
                note=note,
            )
        )
    return rows


# -- JSON -----------------------------------------------------------------------------------


def jobklub_course() -> bk.Course:
    """A closed jobklub course with 20 events, every one on a working day."""
    start = FLOW_START  # a Monday
    programme = bk.catalogue.get("jobklub", on=start)
    cal = programme.definition.calendar
    course = bk.Course.start(programme, participant=PARTICIPANT, on=start)
    workshop_end = cal.next_working_day(start + timedelta(days=14))
    course = course.apply(ev.PhaseCompleted(workshop_end))
    day = workshop_end
    for _ in range(15):
        day = cal.next_working_day(day + timedelta(days=4))
        course = course.apply(ev.CoachingSessionHeld(day))
    end = cal.next_working_day(max(day, start + timedelta(days=84)))
    course = course.apply(ev.PhaseCompleted(end))
    course = course.apply(ev.OutcomeRecorded(end, outcome=ev.Outcome.ORDINARY_JOB))
    later = cal.next_working_day(end + relativedelta(months=3))
    course = course.apply(ev.OutcomeRecorded(later, outcome=ev.Outcome.ORDINARY_JOB))
    require(len(course.history) == 20, "the jobklub course has 20 events")
    require(course.state == "closed", "the jobklub course is closed")
    return course


def pydantic_models() -> Any:
    """Pydantic v2 models of the shape of ``json.loads(bk.to_json(course))``."""
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

    from beskaeftigelse import Placement

    class Model(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Entry(Model):
        valid_from: date
        value: StrictInt
        source: StrictStr

    class Timeline(Model):
        entries: tuple[Entry, ...]

    class Period(Model):
        start: date
        end: date | None = None

    class Phase(Model):
        key: StrictStr
        name_da: StrictStr
        name_en: StrictStr
        days: Timeline

    class MeetingPlan(Model):
        kind: StrictStr
        name_da: StrictStr
        name_en: StrictStr
        count: Timeline
        placement: Placement

    class Measurement(Model):
        key: StrictStr
        name_da: StrictStr
        name_en: StrictStr
        months_after_end: StrictInt
        source: StrictStr

    class FewerThanPlanned(Model):
        type: Literal["fewer_than_planned"]
        meeting: StrictStr

    class AllPlannedHeld(Model):
        type: Literal["all_planned_held"]
        meeting: StrictStr

    class MonthsAfterEnd(Model):
        type: Literal["months_after_end"]
        months: StrictInt

    Guard = Annotated[
        FewerThanPlanned | AllPlannedHeld | MonthsAfterEnd, Field(discriminator="type")
    ]

    class Transition(Model):
        source: StrictStr
        event: StrictStr
        target: StrictStr
        guards: tuple[Guard, ...] = ()

    class Machine(Model):
        states: tuple[StrictStr, ...]
        initial: StrictStr
        final: frozenset[StrictStr]
        transitions: tuple[Transition, ...]
        ended: frozenset[StrictStr] = frozenset()

    class WorkingCalendar(Model):
        closing_days: frozenset[date] = frozenset()
        optional_holidays: StrictBool = False

    class ProgrammeDefinition(Model):
        key: StrictStr
        name_da: StrictStr
        name_en: StrictStr
        provider: StrictStr
        source: StrictStr
        validity: Period
        phases: tuple[Phase, ...]
        meetings: tuple[MeetingPlan, ...]
        capacity: Timeline
        outcomes: frozenset[ev.Outcome]
        measurements: tuple[Measurement, ...]
        machine: Machine
        calendar: WorkingCalendar
        description: StrictStr = ""

    class Programme(Model):
        definition: ProgrammeDefinition
        on: date

    class WorkFunctions(Model):
        task_types: tuple[StrictStr, ...] = ()
        working_time: StrictStr = ""
        motivation: StrictStr = ""
        workplace_arrangement: StrictStr = ""

    class Started(Model):
        type: Literal["started"]
        on: date
        participant: StrictStr
        calendar: WorkingCalendar | None = None

    class StartMeetingHeld(Model):
        type: Literal["start_meeting_held"]
        on: date
        functions: WorkFunctions = WorkFunctions()

    class FollowUpHeld(Model):
        type: Literal["follow_up_held"]
        on: date

    class FinalMeetingHeld(Model):
        type: Literal["final_meeting_held"]
        on: date

    class CoachingSessionHeld(Model):
        type: Literal["coaching_session_held"]
        on: date

    class PhaseCompleted(Model):
        type: Literal["phase_completed"]
        on: date

    class EndedEarly(Model):
        type: Literal["ended_early"]
        on: date
        reason: ev.EndReason

    class Cancelled(Model):
        type: Literal["cancelled"]
        on: date

    class OutcomeRecorded(Model):
        type: Literal["outcome_recorded"]
        on: date
        outcome: ev.Outcome

    Event = Annotated[
        Started
        | StartMeetingHeld
        | FollowUpHeld
        | FinalMeetingHeld
        | CoachingSessionHeld
        | PhaseCompleted
        | EndedEarly
        | Cancelled
        | OutcomeRecorded,
        Field(discriminator="type"),
    ]

    class Course(Model):
        schema_version: Literal[1] = Field(alias="schema")
        programme: Programme
        history: tuple[Event, ...]

    return Course


def _normalised(value: Any) -> Any:
    """The document with every list sorted, to compare documents whose sets are unordered."""
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_normalised(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


Jobs = dict[str, tuple[Callable[[], object], int]]


def ours_json_jobs(course: bk.Course, number: int) -> Jobs:
    """Our round-trip with the standard library, with ``backend="orjson"`` if there is one."""
    text = bk.to_json(course)
    require(bk.from_json(text, bk.Course) == course, "our round-trip gives the course back")
    to_json, from_json, Course = bk.to_json, bk.from_json, bk.Course
    jobs: Jobs = {
        "ours": (lambda: from_json(to_json(course), Course), number),
        "ours_dump": (lambda: to_json(course), number),
        "ours_load": (lambda: from_json(text, Course), number),
    }
    has_backend = all(
        "backend" in inspect.signature(fn).parameters for fn in (bk.to_json, bk.from_json)
    )
    if has_backend:
        to_kw: Any = to_json
        from_kw: Any = from_json
        fast_text = to_kw(course, backend="orjson")
        require(
            from_kw(fast_text, Course, backend="orjson") == course,
            "our orjson round-trip gives the course back",
        )
        jobs["ours_fast"] = (
            lambda: from_kw(to_kw(course, backend="orjson"), Course, backend="orjson"),
            number,
        )
    return jobs


def cold_texts(course: bk.Course) -> list[str]:
    """Documents of the course, each with a definition of its own (a different description).

    There are more of them than the library's cache of definitions read holds, so reading them
    in turn never finds the definition in the cache.
    """
    from beskaeftigelse._engine import json as engine_json

    size = int(getattr(engine_json, "_DEFINITION_CACHE", 64))
    definition = course.programme.definition
    texts = []
    for i in range(size + size // 2 + 1):
        variant = attrs.evolve(definition, description=f"{definition.description} ({i})")
        texts.append(bk.to_json(bk.Course.replay(variant, course.history)))
    return texts


def pydantic_json_jobs(text: str, number: int) -> Jobs:
    """Pydantic's round-trip of the same document, with stdlib ``json`` and natively."""
    try:
        model_cls = pydantic_models()
    except ImportError:
        return {}
    model = model_cls.model_validate_json(text)
    dumped = json.loads(model.model_dump_json(by_alias=True))
    require(_normalised(dumped) == _normalised(json.loads(text)), "the shapes are the same")
    dumps, loads = json.dumps, json.loads

    def pyd_stdlib() -> Any:
        s = dumps(model.model_dump(mode="json", by_alias=True), ensure_ascii=False)
        return model_cls.model_validate(loads(s))

    def pyd_native() -> Any:
        return model_cls.model_validate_json(model.model_dump_json(by_alias=True))

    require(pyd_stdlib() == model, "pydantic's stdlib round-trip gives the model back")
    require(pyd_native() == model, "pydantic's native round-trip gives the model back")
    return {
        "pyd_stdlib": (pyd_stdlib, number),
        "pyd_native": (pyd_native, number),
        "pyd_stdlib_load": (lambda: model_cls.model_validate(loads(text)), number),
        "pyd_native_load": (lambda: model_cls.model_validate_json(text), number),
    }


def bench_json(number: int, repeat: int) -> list[Row]:
    course = jobklub_course()
    jobs = ours_json_jobs(course, number) | pydantic_json_jobs(bk.to_json(course), number)
    texts = cold_texts(course)
    from_json, Course = bk.from_json, bk.Course

    def load_cold() -> None:
        for text in texts:
            from_json(text, Course)

    jobs["ours_load_cold"] = (load_cold, max(1, number // len(texts)))
    t = best_of(jobs, repeat)
    t["ours_load_cold"] /= len(texts)
    ours, ours_fast = t["ours"], t.get("ours_fast")
    pyd_stdlib, pyd_native = t.get("pyd_stdlib"), t.get("pyd_native")
    label = "JSON round-trip, 20 events:"
    rows = [Row(f"{label} beskaeftigelse, stdlib `json`", ours, "us")]
    row = Row(f"{label} pydantic v2, stdlib `json`", pyd_stdlib, "us", "ours / pydantic")
    row.target = "ours ≤ 1.5x"
    if pyd_stdlib is None:
        row.note = "pydantic not installed"
    else:
        row.ratio = ours / pyd_stdlib
        row.result = verdict(row.ratio <= 1.5)
    rows.append(row)
    rows.append(
        Row(
            f'{label} beskaeftigelse, `backend="orjson"`',
            ours_fast,
            "us",
            note="" if ours_fast is not None else "no `backend` parameter yet",
        )
    )
    row = Row(
        f"{label} pydantic v2, native (`model_dump_json` / `model_validate_json`)",
        pyd_native,
        "us",
        "ours (orjson) / pydantic",
        target="ours (orjson) ≤ 1x",
    )
    if pyd_native is None:
        row.note = "pydantic not installed"
    elif ours_fast is None:
        row.note = "n/a: no orjson backend"
    else:
        row.ratio = ours_fast / pyd_native
        row.result = verdict(row.ratio <= 1.0)
    rows.append(row)
    if pyd_native is not None:
        rows.append(
            Row(
                "(for reference) ours with stdlib `json` against pydantic native",
                None,
                "",
                "ours / pydantic",
                ours / pyd_native,
            )
        )
    rows.append(Row("`to_json` alone, 20 events: beskaeftigelse", t["ours_dump"], "us"))
    rows.append(Row("`from_json` alone, 20 events: beskaeftigelse", t["ours_load"], "us"))
    rows.append(
        Row(
            "`from_json` alone, 20 events: beskaeftigelse, definition not in its cache",
            t["ours_load_cold"],
            "us",
        )
    )
    rows.append(
        Row(
            "load alone: pydantic v2, `model_validate(json.loads(s))`",
            t.get("pyd_stdlib_load"),
            "us",
        )
    )
    rows.append(
        Row("load alone: pydantic v2, `model_validate_json(s)`", t.get("pyd_native_load"), "us")
    )
    return rows


# -- report ---------------------------------------------------------------------------------


def machine_facts() -> list[str]:
    versions = []
    for dist in ("attrs", "cattrs", "transitions", "python-statemachine", "pydantic", "orjson"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:  # noqa: BLE001 - not installed
            versions.append(f"{dist} (not installed)")
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:  # noqa: PTH123
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return [
        (
            f"Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.platform()}"
        ),
        f"CPU: {cpu}, {os.cpu_count()} logical CPUs; load average at the start: {load_average()}",
        "Libraries: " + ", ".join(versions),
    ]


def load_average() -> str:
    """The 1-minute load average (how busy the machine was), or ``n/a`` where unknown."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def table(rows: list[Row]) -> str:
    header = ["Operation", "Measured", "Ratio of", "Ratio", "Target", "Result"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row.cells()) + " |" for row in rows)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small N: a smoke run of seconds")
    parser.add_argument(
        "--fail-on-miss", action="store_true", help="exit with 1 if a target is missed"
    )
    args = parser.parse_args(argv)

    if args.quick:
        apply_n, json_n, repeat, n_histories, replay_repeat = 200, 50, 3, 2_000, 1
    else:
        apply_n, json_n, repeat, n_histories, replay_repeat = 10_000, 1_000, 7, 100_000, 3

    began = time.perf_counter()
    print(
        "# beskaeftigelse benchmark" + (" (--quick: small N, rough figures)" if args.quick else "")
    )
    print()
    for fact in machine_facts():
        print(f"- {fact}")
    print(
        f"- Timing: best of {repeat} interleaved repeats of {apply_n:,} walks (peers: "
        f"{max(1, apply_n // 10):,}) and of {json_n:,} round-trips; replay: best of "
        f"{replay_repeat} passes over {n_histories:,} histories"
    )
    print()
    sys.stdout.flush()

    rows = bench_apply(apply_n, repeat)
    histories = build_histories(n_histories)
    rows += bench_replay(histories, replay_repeat)
    del histories
    gc.collect()
    rows += bench_json(json_n, repeat)

    print(table(rows))
    print()
    print(
        f"Total time: {time.perf_counter() - began:.1f} s; load average at the end: "
        f"{load_average()}"
    )
    missed = [row for row in rows if row.result is _Result.MISSED]
    if args.fail_on_miss and missed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

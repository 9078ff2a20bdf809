"""Benchmark of the course stores, the dashboard query and definitions by reference.

Run it in an environment with the ``bench`` extra (pydantic and orjson, for the JSON rows)::

    /tmp/b/bin/python bench/bench_stores.py            # the full run: 100,000 courses
    /tmp/b/bin/python bench/bench_stores.py --quick    # a smoke run of a few seconds

Everything runs in one process and ends with a markdown table. What is measured:

* **the dashboard**: ``SqliteCourseStore.due(on=)``, one query of the store's index over every
  stored course, against loading every course (``store.courses()``, the fastest way to read
  them all) and asking each ``course.due(on=)``; the two answers are checked to be equal;
* **``Course.due(on=)``** with its cached schedule, against one ``apply`` on the same course,
  and ``catalogue.get`` on a date asked before;
* **document sizes** of the 16-event jobklub course of issue #14, embedded and referenced;
* **the JSON round-trip** of ``bench_core``'s 20-event jobklub course, embedded and
  referenced, beside pydantic v2's native JSON (``model_validate_json``/``model_dump_json``);
* **SQLite writes** on a file (WAL, ``synchronous=FULL``): ``add``, ``apply``, ``get``.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import beskaeftigelse as bk
from beskaeftigelse import events as ev
from beskaeftigelse.stores import InMemoryCourseStore, SqliteCourseStore

HERE = Path(__file__).resolve().parent


def _core():
    spec = importlib.util.spec_from_file_location("bench_core_for_stores", HERE / "bench_core.py")
    if spec is None or spec.loader is None:
        raise ImportError("bench_core.py is not beside bench_stores.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the models' annotations through it
    spec.loader.exec_module(module)
    return module


core = _core()
Row, best, best_of, require, verdict = core.Row, core.best, core.best_of, core.require, core.verdict

JOBKLUB_ON = date(2016, 2, 1)
AFKLARING_ON = date(2020, 11, 2)
DAY = date(2021, 6, 1)


def jobklub(start: date, rng: random.Random) -> bk.Course:
    """A jobklub course at a random point of its way: running, in the club, ended, closed."""
    p = bk.catalogue.get("jobklub", on=start)
    course = bk.Course.start(p, participant=f"ref-{rng.randrange(10**6)}", on=start)
    steps = rng.randrange(6)
    if steps == 0:
        return course
    if steps == 1:
        return course.apply(ev.Cancelled(on=start + timedelta(days=3)))
    course = course.apply(ev.PhaseCompleted(on=start + timedelta(days=14)))
    for i in range(rng.randrange(6)):
        course = course.apply(ev.CoachingSessionHeld(on=start + timedelta(days=15 + 7 * i)))
    if steps >= 4:
        end = start + timedelta(days=84)
        course = course.apply(ev.PhaseCompleted(on=end))
        if steps == 5:
            course = course.apply(ev.OutcomeRecorded(on=end, outcome=ev.Outcome.ORDINARY_JOB))
    return course


def afklaring(start: date, rng: random.Random) -> bk.Course:
    """An afklaringsforløb with its start meeting and a few follow-ups, or not started."""
    p = bk.catalogue.get("afklaringsforloeb", on=start)
    course = bk.Course.start(p, participant=f"ref-{rng.randrange(10**6)}", on=start)
    if rng.random() < 0.2:
        return course
    course = course.apply(ev.StartMeetingHeld(on=start))
    for i in range(rng.randrange(5)):
        course = course.apply(ev.FollowUpHeld(on=start + timedelta(days=18 * (i + 1))))
    return course


def cohort(count: int) -> list[tuple[str, bk.Course]]:
    """``count`` courses, half of each programme, start dates over the 30 weeks before DAY."""
    rng = random.Random(14)
    courses = []
    for i in range(count):
        start = DAY - timedelta(days=rng.randrange(7, 210))
        start = max(start, AFKLARING_ON) if i % 2 else start
        make = afklaring if i % 2 else jobklub
        courses.append((f"case-{i:07d}", make(start, rng)))
    return courses


def bench_dashboard(count: int, directory: Path) -> list[Row]:
    courses = cohort(count)
    store = SqliteCourseStore(directory / "dashboard.db")
    began = time.perf_counter()
    for i in range(0, len(courses), 5_000):
        store.add_all(courses[i : i + 5_000])
    filled = time.perf_counter() - began
    memory = InMemoryCourseStore()
    memory.add_all(courses)
    del courses
    gc.collect()

    answer = store.due(on=DAY)
    require(answer == memory.due(on=DAY), "SQLite and memory stores agree")
    # Like timeit, with the garbage collector off: with it on, both sides pay for collections
    # of the 100,000 courses the in-memory store holds, which says little about either.
    query = best(lambda: store.due(on=DAY), 1, 3)
    in_memory = best(lambda: memory.due(on=DAY), 1, 3)
    programme = best(lambda: store.due(on=DAY, programme="jobklub"), 1, 3)

    def load_and_ask() -> list[object]:
        return [d for _, course in store.courses() for d in course.due(on=DAY)]

    gc.collect()
    gc.disable()
    try:
        began = time.perf_counter()
        asked = load_and_ask()
        loading = time.perf_counter() - began
    finally:
        gc.enable()
    require(len(asked) == len(answer), "the index and asking every course agree")
    store.close()
    n = f"{count:,} courses"
    return [
        Row(f"fill a SQLite store: {n} (`add_all`, batches of 5,000)", filled, "s"),
        Row(f"`SqliteCourseStore.due(on=)`, {n}: {len(answer):,} items", query, "s"),
        Row(f"`due(on=, programme=)` on SQLite, {n}", programme, "s"),
        Row(f"`InMemoryCourseStore.due(on=)`, {n}", in_memory, "s"),
        Row(
            f"load every course and ask `course.due(on=)`, {n}",
            loading,
            "s",
            "loading / query",
            loading / query,
        ),
    ]


def bench_course(number: int, repeat: int) -> list[Row]:
    course = core.jobklub_course()
    running = bk.Course.replay(course.programme, course.history[:8])
    event = ev.CoachingSessionHeld(running.last_on)
    day = running.started_on + timedelta(days=120)
    require(bool(running.due(on=day)), "the running course has items due")
    catalogue_get = bk.catalogue.get
    jobs = {
        "apply": (lambda: running.apply(event), number),
        "due": (lambda: running.due(on=day), number),
        "first_due": (lambda: running.apply(event).due(on=day), number // 10),
        "get": (lambda: catalogue_get("jobklub", on=JOBKLUB_ON), number),
    }
    t = best_of(jobs, repeat)
    ratio = t["due"] / t["apply"]
    row = Row("`Course.due(on=)`, cached schedule", t["due"], "us", "due / apply", ratio)
    row.target, row.result = "≤ 5x one apply", verdict(ratio <= 5)
    rows = [
        Row("`Course.apply`, one event (a jobklub course)", t["apply"], "us"),
        row,
        Row("`Course.due(on=)`, first call on a new course", t["first_due"] - t["apply"], "us"),
    ]
    get = Row("`catalogue.get`, a date asked before", t["get"], "us", target="≤ 1 µs")
    get.result = verdict(t["get"] <= 1e-6)
    rows.append(get)
    return rows


def sixteen_event_jobklub() -> bk.Course:
    """The 16-event jobklub course of issue #14."""
    p = bk.catalogue.get("jobklub", on=JOBKLUB_ON)
    club = date(2016, 2, 15)
    course = bk.Course.start(p, participant="ref-0001", on=JOBKLUB_ON)
    course = course.apply(ev.PhaseCompleted(on=club))
    for i in range(12):
        course = course.apply(ev.CoachingSessionHeld(on=club + timedelta(days=4 * i)))
    course = course.apply(ev.PhaseCompleted(on=date(2016, 4, 21)))
    course = course.apply(ev.OutcomeRecorded(on=date(2016, 4, 21), outcome=ev.Outcome.OTHER))
    require(course.version == 16, "16 events")
    return course


def bench_sizes() -> list[Row]:
    course = sixteen_event_jobklub()
    rows = []
    for backend in ("json", "orjson"):
        embedded = len(bk.to_json(course, backend=backend).encode())
        referenced = len(bk.to_json(course, backend=backend, definitions="reference").encode())
        row = Row(
            f"document, 16-event jobklub, `{backend}`: {embedded:,} bytes embedded, "
            f"{referenced:,} referenced",
            None,
            "",
            "referenced / embedded",
            referenced / embedded,
            target="≤ 1/3",
        )
        row.result = verdict(referenced * 3 <= embedded)
        rows.append(row)
    return rows


def bench_json(number: int, repeat: int) -> list[Row]:
    course = core.jobklub_course()
    to_json, from_json, Course, catalogue = bk.to_json, bk.from_json, bk.Course, bk.catalogue
    jobs = {
        "embedded": (
            lambda: from_json(to_json(course, backend="orjson"), Course, backend="orjson"),
            number,
        ),
        "referenced": (
            lambda: from_json(
                to_json(course, backend="orjson", definitions="reference"),
                Course,
                backend="orjson",
                definitions=catalogue,
            ),
            number,
        ),
    }
    text = to_json(course)
    pydantic = core.pydantic_json_jobs(text, number)
    if "pyd_native" in pydantic:
        jobs["pydantic"] = pydantic["pyd_native"]
    t = best_of(jobs, repeat)
    native = t.get("pydantic")
    rows = []
    for name, label in (("embedded", "embedded"), ("referenced", "referenced")):
        row = Row(
            f'JSON round-trip, 20 events, `backend="orjson"`, {label}',
            t[name],
            "us",
            "ours / pydantic native",
        )
        if native is None:
            row.note = "pydantic not installed"
        else:
            row.ratio = t[name] / native
            row.target = "≤ 1x" if name == "embedded" else ""
            row.result = verdict(row.ratio <= 1.0) if name == "embedded" else row.result
        rows.append(row)
    rows.append(Row("JSON round-trip, 20 events: pydantic v2 native", native, "us"))
    return rows


def bench_writes(count: int, directory: Path) -> list[Row]:
    courses = cohort(count)
    store = SqliteCourseStore(directory / "writes.db")
    began = time.perf_counter()
    for key, course in courses:
        store.add(key, course)
    add = (time.perf_counter() - began) / count
    key = "extra"
    p = bk.catalogue.get("jobklub", on=JOBKLUB_ON)
    course = bk.Course.start(p, participant="ref-x", on=JOBKLUB_ON)
    course = course.apply(ev.PhaseCompleted(on=date(2016, 2, 15)))
    store.add(key, course)
    began = time.perf_counter()
    for _ in range(count):
        course = store.apply(
            key, ev.CoachingSessionHeld(on=date(2016, 2, 16)), expected_version=course.version
        )
    apply = (time.perf_counter() - began) / count
    cached = best(lambda: store.get(key), 100, 3)
    store.close()
    cold_store = SqliteCourseStore(directory / "writes.db")
    keys = [k for k, _ in courses]
    began = time.perf_counter()
    for k in keys:
        cold_store.get(k)
    cold = (time.perf_counter() - began) / len(keys)
    cold_store.close()
    return [
        Row("SQLite `add`, one course per transaction (file, `synchronous=FULL`)", add, "us"),
        Row("SQLite `apply`, one event per transaction", apply, "us"),
        Row("SQLite `get`, course in the store's cache", cached, "us"),
        Row("SQLite `get`, read and replayed", cold, "us"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small N: a smoke run of seconds")
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.quick:
        stored, number, repeat, writes = 1_000, 200, 3, 50
    else:
        stored, number, repeat, writes = 100_000, 5_000, 7, 500
    began = time.perf_counter()
    print("# beskaeftigelse store benchmark" + (" (--quick)" if args.quick else ""))
    print()
    for fact in core.machine_facts():
        print(f"- {fact}")
    print()
    sys.stdout.flush()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        rows = bench_course(number, repeat)
        rows += bench_sizes()
        rows += bench_json(max(1, number // 5), repeat)
        rows += bench_writes(writes, directory)
        rows += bench_dashboard(stored, directory)
    print(core.table(rows))
    print()
    print(f"Total time: {time.perf_counter() - began:.1f} s; load average: {core.load_average()}")
    missed = [row for row in rows if row.result is core._Result.MISSED]
    return 1 if args.fail_on_miss and missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

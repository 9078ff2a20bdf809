"""Benchmark: intake decisions for 100,000 referrals; outcome statistics over 1,000,000 courses.

    .venv/bin/python bench/bench_stats.py          # the full sizes
    .venv/bin/python bench/bench_stats.py --quick  # a tenth, for a smoke run

Intake: a seeded ``simulate`` of 100,000 referrals over ten years against the afklaringsforløb
definition with a national-scale capacity (2,000 seats, 3,000 from 2020-11-01; a tenth with
--quick; the shipped 15/25 would leave 99 % of the referrals waiting), then ``Intake.replay``
of the same history as requests (referrals, ends, cancellations); both must decide alike.

Statistics: ``OutcomeStats.of`` over a generator of 1,000,000 lightweight course-like records
(an ``ended_on`` and an ``outcomes()`` returning shared, pre-built pairs of the jobklub's real
``Measurement`` and ``OutcomeRecorded`` values), generated lazily inside the timed pass; peak
memory of the pass is measured with tracemalloc in a second, untimed run. Real ``Course``
values are timed separately at a smaller count, and the same pass is run over partitions on
Dask's local threaded scheduler.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from datetime import date, timedelta
from fractions import Fraction

import attrs

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse._catalogue.programmes import AFKLARINGSFORLOEB, JOBKLUB
from beskaeftigelse.intake import Action, DecisionKind, Intake, Request
from beskaeftigelse.stats import OutcomeStats, simulate, stats_of_bag

END, AFTER = JOBKLUB.measurements


class LightCourse:
    """Just what the statistics read from a course."""

    __slots__ = ("_outcomes", "ended_on")

    def __init__(self, ended_on, outcomes):
        self.ended_on = ended_on
        self._outcomes = outcomes

    def outcomes(self):
        return self._outcomes


def _pool():
    on = date(2016, 5, 1)
    kinds = sorted(JOBKLUB.outcomes, key=lambda o: o.value)
    records = {k: events.OutcomeRecorded(on=on, outcome=k) for k in kinds}
    pool = [()]
    pool += [((END, records[k]),) for k in kinds]
    pool += [((END, records[a]), (AFTER, records[b])) for a in kinds for b in kinds]
    return pool


def light_courses(n, seed):
    rng = random.Random(seed)
    pool = _pool()
    ended = date(2016, 5, 1)
    for _ in range(n):
        outcomes = pool[rng.randrange(len(pool))]
        yield LightCourse(ended if outcomes or rng.random() < 0.5 else None, outcomes)


def real_courses(n, seed):
    rng = random.Random(seed)
    kinds = sorted(JOBKLUB.outcomes, key=lambda o: o.value)
    start = date(2016, 2, 1)
    for i in range(n):
        begin = start + timedelta(days=i % 60)
        end = begin + timedelta(days=84)
        course = bk.Course.start(JOBKLUB, participant=f"ref-{i}", on=begin)
        course = course.apply(events.PhaseCompleted(on=begin + timedelta(days=14)))
        course = course.apply(events.PhaseCompleted(on=end))
        course = course.apply(events.OutcomeRecorded(on=end, outcome=rng.choice(kinds)))
        yield course.apply(
            events.OutcomeRecorded(on=end + timedelta(days=100), outcome=rng.choice(kinds))
        )


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def bench_intake(referrals):
    seats = referrals // 50
    capacity = bk.Timeline.of(seats, since=date(2019, 1, 1), source="bench [unverified]").then(
        seats * 3 // 2, since=date(2020, 11, 1), source="bench [unverified]"
    )
    definition = attrs.evolve(AFKLARINGSFORLOEB, capacity=capacity)
    period = bk.Period(date(2019, 1, 1), date(2029, 1, 1))
    run, sim_s = timed(
        lambda: simulate(
            definition, referrals=referrals, period=period, seed=1, cancel_share=Fraction(1, 5)
        )
    )
    requests = []
    for d in run.decisions:
        if d.kind in (DecisionKind.ADMITTED, DecisionKind.WAITLISTED):
            requests.append(Request(d.on, d.referral, Action.REFER))
        elif d.kind is DecisionKind.RELEASED:
            requests.append(Request(d.on, d.referral, Action.END))  # ends and cancels alike
    intake, replay_s = timed(lambda: Intake.replay(definition, requests))
    same = [(d.referral, d.on, d.kind) for d in intake.decisions] == [
        (d.referral, d.on, d.kind) for d in run.decisions[: len(intake.decisions)]
    ]
    print(f"intake: {referrals:,} referrals, {len(requests):,} requests")
    print(f"  simulate (decisions + occupancy for {len(run.days):,} days): {sim_s:.2f} s")
    print(
        f"  Intake.replay: {replay_s:.2f} s ({len(intake.decisions):,} decisions, "
        f"{replay_s / len(requests) * 1e6:.1f} µs per request); same decisions: {same}"
    )
    print(f"  admissions {run.admissions:,}, mean wait {float(run.mean_wait or 0):.1f} days")
    return same


def bench_stats(n):
    stats, seconds = timed(lambda: OutcomeStats.of(light_courses(n, seed=4)))
    print(f"stats: {n:,} lightweight courses in one streaming pass: {seconds:.2f} s")
    print(f"  end: in the labour market {stats.labour_market(at='end')}")
    tracemalloc.start()
    OutcomeStats.of(light_courses(n, seed=4))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak traced memory during the pass: {peak / 1024:.0f} KiB")
    return seconds


def bench_real(n):
    courses, build_s = timed(lambda: list(real_courses(n, seed=5)))
    stats, seconds = timed(lambda: OutcomeStats.of(courses))
    print(
        f"real courses: built {n:,} in {build_s:.2f} s; stats pass {seconds:.3f} s "
        f"({seconds / n * 1e6:.1f} µs per course); {stats.labour_market(at='end')}"
    )


def bench_dask(n, partitions):
    import dask.bag

    size = n // partitions
    bag = dask.bag.from_sequence(range(partitions), npartitions=partitions).map_partitions(
        lambda seeds: [c for s in seeds for c in light_courses(size, seed=s)]
    )
    stats, seconds = timed(lambda: stats_of_bag(bag, scheduler="threads"))
    whole = OutcomeStats.merge_all(
        OutcomeStats.of(light_courses(size, seed=s)) for s in range(partitions)
    )
    print(
        f"dask: {stats.courses:,} courses in {partitions} partitions (threads): {seconds:.2f} s; "
        f"equal to the single pass: {stats == whole}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    print(f"Python {sys.version.split()[0]}, one core")
    same = bench_intake(100_000 // scale)
    seconds = bench_stats(1_000_000 // scale)
    bench_real(20_000 // scale)
    bench_dask(1_000_000 // scale, partitions=8)
    ok = same and seconds < 10
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Benchmark of suggestions, the § 2 a assessment and the clarification report.

    .venv/bin/python bench/bench_adjustments.py            # the full run (a few seconds)
    .venv/bin/python bench/bench_adjustments.py --quick    # a smoke run

Each figure is the best of several ``timeit`` repeats, per call, in microseconds:

* **suggest**: three needs and two job traits against the shipped catalogue.
* **assess**: two adjustments, three compensation offers, the shipped rules.
* **build_report**: an afklaringsforløb with six meetings and a log of 12 trials.
* **report JSON round-trip**: ``from_json(to_json(report))``.
* **to_markdown** / **to_html** of that report.
"""

from __future__ import annotations

import argparse
import platform
import sys
import timeit
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import beskaeftigelse as bk
from beskaeftigelse import adjustments as adj
from beskaeftigelse import events as ev
from beskaeftigelse import reports as rp

START = date(2020, 8, 3)


def _course() -> bk.Course:
    p = bk.catalogue.get("afklaringsforloeb", on=START)
    course = bk.Course.start(p, participant="ref-0001", on=START)
    course = course.apply(ev.StartMeetingHeld(on=START))
    for week in (3, 5, 8, 10):
        course = course.apply(ev.FollowUpHeld(on=START + timedelta(weeks=week)))
    return course.apply(ev.FinalMeetingHeld(on=START + timedelta(weeks=12)))


def _log() -> rp.CourseLog:
    log = rp.CourseLog(participant="ref-0001")
    for i in range(12):
        log = log.record(
            rp.Trial(
                on=START + timedelta(weeks=i),
                minutes_per_day=120 + 15 * (i % 4),
                days_per_week=3,
                strain=rp.Strain.TOO_MUCH if i % 4 == 3 else rp.Strain.MANAGEABLE,
                pain=i < 2,
                adjustments=frozenset({"special_chair"}) if i >= 2 else frozenset(),
            )
        )
    return log


def _per_call(fn: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    args = parser.parse_args(argv)
    number, repeat = (20, 2) if args.quick else (2000, 5)

    needs = {adj.Need.CONCENTRATION, adj.Need.FATIGUE, adj.Need.ANXIETY_GROUPS}
    job = {adj.JobTrait.SEATED_WORK, adj.JobTrait.LARGE_MEETINGS}
    employer = adj.Employer(40, adj.FinancialBand.AVERAGE)
    offers = [
        adj.Compensation("hjaelpemidler", 10_000),
        adj.Compensation("mentor", 5_000),
        adj.Compensation("fleksjob", 1_000),
    ]
    course, log = _course(), _log()
    report = rp.build_report(course, log, on=course.ended_on, adjustments_needed=["mentor"])
    text = bk.to_json(report)

    cases: list[tuple[str, Callable[[], object]]] = [
        ("suggest", lambda: adj.suggest(needs, job=job)),
        (
            "assess",
            lambda: adj.assess(
                ["special_chair", "mentor"],
                employer=employer,
                cost=30_000,
                colleague_load=adj.ColleagueLoad.MINOR,
                compensation=offers,
                on=date(2024, 1, 1),
            ),
        ),
        (
            "build_report",
            lambda: rp.build_report(course, log, on=START + timedelta(weeks=13)),
        ),
        (
            "report JSON round-trip",
            lambda: bk.from_json(bk.to_json(report), rp.ClarificationReport),
        ),
        ("report from_json", lambda: bk.from_json(text, rp.ClarificationReport)),
        ("to_markdown", report.to_markdown),
        ("to_html", report.to_html),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}; quick={args.quick}")
    print()
    print("| operation | µs per call |")
    print("| --- | ---: |")
    for name, fn in cases:
        print(f"| {name} | {_per_call(fn, number, repeat):,.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

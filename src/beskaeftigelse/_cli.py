"""The ``beskaeftigelse`` command line: plan a programme and walk a demo course."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from . import events
from ._course import Course
from ._errors import BeskaeftigelseError
from ._shipped import CATALOGUE


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _print_plan(course: Course, out: list[str]) -> None:
    p = course.programme
    out.append(f"{p.name_da} ({p.name_en}) - {p.definition.provider}")
    out.append(f"  start {course.started_on}, {p.weeks} weeks, capacity {p.capacity}")
    out.extend(f"  {line}" for line in p.explain())
    out.append("  schedule (Danish working days):")
    for item in course.schedule:
        moved = f"  (moved from {item.nominal})" if item.on != item.nominal else ""
        out.append(f"    {item.on} {item.on:%a}  {item.name_en}{moved}")


def _demo(start: date) -> list[str]:
    out: list[str] = []
    p = CATALOGUE.get("afklaringsforloeb", on=start)
    course = Course.start(p, participant="ref-0001", on=start)
    _print_plan(course, out)
    out.append("  walking the course through its plan:")
    out.append(f"    {course.started_on}  state {course.state}")
    for item in course.schedule:
        event: events.Event
        if item.key == "final":
            fifth = events.FollowUpHeld(on=item.on)
            out.append(f"    a fifth follow-up? refused: {course.check(fifth)}")
        if item.key == "start":
            event = events.StartMeetingHeld(on=item.on)
        elif item.key == "follow_up":
            event = events.FollowUpHeld(on=item.on)
        elif item.key == "final":
            event = events.FinalMeetingHeld(on=item.on)
        elif item.kind.value == "measurement":
            event = events.OutcomeRecorded(on=item.on, outcome=events.Outcome.FLEKSJOB)
        else:
            continue
        refusal = course.check(event)
        if refusal is None:
            course = course.apply(event)
            out.append(f"    {event.on}  {event.kind:<22} -> {course.state}")
        else:
            out.append(f"    refused: {refusal}")
    after = events.FollowUpHeld(on=course.last_on)
    out.append(f"  and after the end? refused: {course.check(after)}")
    replayed = Course.replay(p, course.history)
    out.append(f"  replay equals the course: {replayed == course}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 refused/invalid, 2 usage)."""
    parser = argparse.ArgumentParser(prog="beskaeftigelse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="plan and walk an afklaringsforløb")
    demo.add_argument("--start", type=_date, default=date(2020, 8, 3))
    plan = sub.add_parser("plan", help="print a programme's schedule from a start date")
    plan.add_argument("key", choices=CATALOGUE.keys())
    plan.add_argument("--start", type=_date, required=True)
    sub.add_parser("programmes", help="list the programmes and their validity")
    args = parser.parse_args(argv)
    out: list[str] = []
    try:
        if args.command == "demo":
            out = _demo(args.start)
        elif args.command == "plan":
            programme = CATALOGUE.get(args.key, on=args.start)
            _print_plan(Course.start(programme, participant="plan", on=args.start), out)
        else:
            for d in CATALOGUE:
                until = d.validity.end or "open"
                out.append(f"{d.key:<20} {d.validity.start} - {until}  {d.name_da} ({d.provider})")
    except BeskaeftigelseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(out))
    return 0

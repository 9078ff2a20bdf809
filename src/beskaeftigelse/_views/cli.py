"""The ``beskaeftigelse`` command line.

Exit codes scripts can rely on: 0 ok; 1 the input was read but is invalid or refused (a
stored course that does not load, a date no programme is in force on); 2 usage errors and
files that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from beskaeftigelse._catalogue.programmes import CATALOGUE
from beskaeftigelse._domain.stats.simulation import Simulation, simulate
from beskaeftigelse._engine import events
from beskaeftigelse._engine.course import Course
from beskaeftigelse._engine.json import from_json
from beskaeftigelse._kernel.errors import BeskaeftigelseError, ValidationError
from beskaeftigelse._kernel.timeline import Period
from beskaeftigelse._views.diagrams import Lang, event_label, to_dot, to_mermaid
from beskaeftigelse._views.display import course_text, programme_text


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _plan(course: Course, lang: Lang) -> list[str]:
    p = course.programme
    out = [programme_text(p, lang)]
    out.append("  schedule (Danish working days):" if lang == "en" else "  plan (arbejdsdage):")
    for item in course.schedule:
        label = item.name_da if lang == "da" else item.name_en
        moved = f"  (moved from {item.nominal})" if item.on != item.nominal else ""
        out.append(f"    {item.on} {item.on:%a}  {label}{moved}")
    return out


def _demo(start: date, lang: Lang) -> list[str]:
    p = CATALOGUE.get("afklaringsforloeb", on=start)
    course = Course.start(p, participant="ref-0001", on=start)
    out = _plan(course, lang)
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
        course = course.apply(event)
        out.append(f"    {event.on}  {event_label(event.kind, lang):<24} -> {course.state}")
    after = events.FollowUpHeld(on=course.last_on)
    out.append(f"  and after the end? refused: {course.check(after)}")
    replayed = Course.replay(p, course.history)
    out.append(f"  replay equals the course: {replayed == course}")
    return out


def _validate(path: str, lang: Lang) -> tuple[int, list[str]]:
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        return 2, [f"error: cannot read {path}: {exc.strerror}"]
    try:
        course = from_json(text, Course)
    except ValidationError as exc:
        return 1, [f"invalid: {error}" for error in exc.errors]
    return 0, ["ok", course_text(course, lang)]


def _share(text: str) -> Fraction:
    try:
        share = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"not a fraction (0.2 or 1/5): {text!r}") from None
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1: {text!r}")
    return share


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


class _Progress:
    """A progress bar on a terminal stream, redrawn in place; silent when not wanted."""

    def __init__(self, total: int, stream: TextIO, *, shown: bool, width: int = 30) -> None:
        self.total, self.stream, self.shown, self.width = total, stream, shown, width

    def update(self, done: int) -> None:
        if not self.shown:
            return
        filled = self.width * done // self.total
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total}")
        if done == self.total:
            self.stream.write("\n")
        self.stream.flush()


_SIMULATE_LABELS = {
    "en": ("seed", "referrals", "admitted", "mean wait (days)", "peak waiting list"),
    "da": ("frø", "henvisninger", "optaget", "gns. ventetid (dage)", "største venteliste"),
}


def _simulate(args: argparse.Namespace, lang: Lang) -> list[str]:
    definition = CATALOGUE.get(args.key, on=args.start).definition
    period = Period(args.start, args.end)
    # A progress bar pays off on long runs only: several runs or a large one, on a terminal.
    long_run = args.runs > 1 or args.referrals >= _LONG_RUN
    shown = args.progress if args.progress is not None else long_run and sys.stderr.isatty()
    progress = _Progress(args.runs, sys.stderr, shown=shown)
    runs: list[Simulation] = []
    progress.update(0)
    for n in range(args.runs):
        runs.append(
            simulate(
                definition,
                referrals=args.referrals,
                period=period,
                seed=args.seed + n,
                cancel_share=args.cancel_share,
                course_days=args.course_days,
            )
        )
        progress.update(n + 1)
    labels = _SIMULATE_LABELS[lang]
    name = definition.name_da if lang == "da" else definition.name_en
    out = [f"{name} ({definition.key}), {period.start} - {period.end}"]
    out.append("  ".join(f"{label:>{len(label)}}" for label in labels))
    for run in runs:
        wait = "-" if run.mean_wait is None else f"{float(run.mean_wait):.1f}"
        cells = (
            str(run.seed),
            str(run.referrals),
            str(run.admissions),
            wait,
            str(run.peak_waiting),
        )
        out.append("  ".join(f"{c:>{len(label)}}" for c, label in zip(cells, labels, strict=True)))
    return out


_LONG_RUN = 20_000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="beskaeftigelse", description="Danish employment-programme workflows."
    )
    parser.add_argument("--lang", choices=("en", "da"), default="en", help="output language")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("programmes", help="list the programmes and their validity")
    show = sub.add_parser("show", help="a programme's values on a date, with their sources")
    show.add_argument("key", choices=CATALOGUE.keys())
    show.add_argument("--on", type=_date, required=True)
    plan = sub.add_parser("plan", help="a programme's schedule on working days from a start")
    plan.add_argument("key", choices=CATALOGUE.keys())
    plan.add_argument("--start", type=_date, required=True)
    diagram = sub.add_parser("diagram", help="a programme's state machine as text")
    diagram.add_argument("key", choices=CATALOGUE.keys())
    diagram.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    diagram.add_argument("--on", type=_date, default=None, help="default: the latest version")
    validate = sub.add_parser("validate", help="check a stored course (JSON): ok or every error")
    validate.add_argument("file")
    sim = sub.add_parser("simulate", help="referrals against a programme's seats, seeded")
    sim.add_argument("key", choices=CATALOGUE.keys())
    sim.add_argument("--start", type=_date, required=True, help="first day simulated")
    sim.add_argument("--end", type=_date, required=True, help="the day after the last")
    sim.add_argument("--referrals", type=int, required=True)
    sim.add_argument("--seed", type=int, default=0, help="runs use seed, seed+1, ...")
    sim.add_argument("--runs", type=_positive, default=1, help="how many seeded runs")
    sim.add_argument("--cancel-share", type=_share, default=Fraction(0), help="e.g. 1/5")
    sim.add_argument("--course-days", type=int, default=None)
    sim.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: on long runs, on a terminal)",
    )
    demo = sub.add_parser("demo", help="plan and walk an afklaringsforløb")
    demo.add_argument("--start", type=_date, default=date(2020, 8, 3))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid or refused, 2 usage)."""
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    out: list[str] = []
    code = 0
    try:
        if args.command == "demo":
            out = _demo(args.start, lang)
        elif args.command == "show":
            out = [programme_text(CATALOGUE.get(args.key, on=args.on), lang)]
        elif args.command == "plan":
            programme = CATALOGUE.get(args.key, on=args.start)
            out = _plan(Course.start(programme, participant="plan", on=args.start), lang)
        elif args.command == "diagram":
            definition = CATALOGUE.versions(args.key)[-1]
            if args.on is not None:
                definition = CATALOGUE.get(args.key, on=args.on).definition
            draw = to_mermaid if args.format == "mermaid" else to_dot
            out = [draw(definition, lang=lang).rstrip("\n")]
        elif args.command == "simulate":
            out = _simulate(args, lang)
        elif args.command == "validate":
            code, out = _validate(args.file, lang)
        else:
            for d in CATALOGUE:
                until = d.validity.end or "open"
                name = d.name_da if lang == "da" else d.name_en
                out.append(f"{d.key:<20} {d.validity.start} - {until}  {name} ({d.provider})")
    except BeskaeftigelseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stream = sys.stdout if code in (0, 1) else sys.stderr
    print("\n".join(out), file=stream)
    return code

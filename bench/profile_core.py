"""Where the time of ``Course.replay``, ``Course.apply`` and the JSON round-trip goes (cProfile).

    python bench/profile_core.py [--top 25] [--sort tottime|cumulative]

It profiles the same workloads as ``bench_core.py``, at a smaller scale: the replay of
2,000 ten-event histories (with the definition, so each course resolves its programme),
2,000 walks of nine ``apply`` calls, and 2,000 JSON round-trips of the 20-event jobklub
course. Profiling slows Python code down several times; read the shares, not the times.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_core

import beskaeftigelse as bk


def profile(title: str, fn: Callable[[], object], top: int, sort: str) -> None:
    print(f"\n=== {title} ===\n")
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats(sort).print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    args = parser.parse_args(argv)

    definition = bench_core.flow_definition()
    histories = bench_core.build_histories(2_000)

    def replay() -> None:
        for history in histories:
            bk.Course.replay(definition, history)

    programme = definition.on(bench_core.FLOW_START)
    started = bk.Course.start(programme, participant="ref-0001", on=bench_core.FLOW_START)
    events = bench_core.flow_events(bench_core.FLOW_START)

    def apply() -> None:
        for _ in range(2_000):
            course = started
            for event in events:
                course = course.apply(event)

    course = bench_core.jobklub_course()

    def round_trip() -> None:
        for _ in range(2_000):
            bk.from_json(bk.to_json(course), bk.Course)

    profile("Course.replay: 2,000 histories of 10 events", replay, args.top, args.sort)
    profile("Course.apply: 2,000 walks of 9 events", apply, args.top, args.sort)
    profile("JSON round-trip: 2,000 x 20-event jobklub course", round_trip, args.top, args.sort)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

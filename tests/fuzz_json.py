"""Hostile JSON documents for ``from_json``: the generator, and a long run for nightly use.

Run a long fuzz (for example nightly)::

    .venv/bin/python tests/fuzz_json.py --count 1000000 --seed 20261123

Every document is a valid stored course, programme definition or calendar, damaged: a node
replaced by another JSON value (huge numbers, very long strings, NaN, deep nesting, CPR
numbers), a key removed or added, the text cut, a byte flipped, invalid UTF-8 inserted, or the
whole wrapped in deep nesting. ``from_json`` must answer each with a value or the package's
``ValidationError`` with a path, never another exception, never a CPR number in its message,
and within a second. Exit code 1 and the failing document's seed on any violation.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import beskaeftigelse as bk
from beskaeftigelse import events

CPRS = ("010190-1234", "3112991234", "290200-4321")
TARGETS: tuple[type[Any], ...] = (bk.Course, bk.ProgrammeDefinition, bk.WorkingCalendar)


def _seed_documents() -> list[tuple[type[Any], Any]]:
    afklaring = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
    course = bk.Course.start(
        afklaring,
        participant=events.Cpr("010190-1234"),
        on=date(2020, 8, 3),
        calendar=bk.WorkingCalendar(optional_holidays=True).closed(date(2020, 8, 21)),
    )
    course = course.apply(
        events.StartMeetingHeld(
            on=date(2020, 8, 3),
            functions=events.WorkFunctions(task_types=("packing",), motivation="high"),
        )
    )
    for i in range(4):
        course = course.apply(events.FollowUpHeld(on=date(2020, 8, 24) + timedelta(weeks=2 * i)))
    course = course.apply(events.FinalMeetingHeld(on=date(2020, 10, 30)))
    jobklub = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
    club = bk.Course.start(jobklub, participant="ref-2", on=date(2016, 2, 1))
    club = club.apply(events.EndedEarly(on=date(2016, 2, 9), reason=events.EndReason.JOB))
    club = club.apply(
        events.OutcomeRecorded(on=date(2016, 2, 9), outcome=events.Outcome.ORDINARY_JOB)
    )
    return [
        (bk.Course, json.loads(bk.to_json(course))),
        (bk.Course, json.loads(bk.to_json(club))),
        (bk.ProgrammeDefinition, json.loads(bk.to_json(jobklub.definition))),
        (bk.WorkingCalendar, json.loads(bk.to_json(course.calendar))),
    ]


def _value(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(14)
    if choice == 0:
        return 10 ** rng.randrange(1, 400) * rng.choice((1, -1))
    if choice == 1:
        return rng.choice((float("nan"), float("inf"), -0.0, 1e308, 2.5))
    if choice == 2:
        return "x" * rng.randrange(1_000, 200_000)
    if choice == 3:
        return rng.choice(CPRS)
    if choice == 4:
        return rng.choice(("2020-02-30", "2020-13-01", "20200101", "2020-W01-1", "", "0000-00-00"))
    if choice == 5:
        return rng.choice((True, False, None, 0, -1, 1, 2**63))
    if choice == 6 and depth < 3:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if choice == 7 and depth < 3:
        return {rng.choice((*CPRS, "type", "on", "x")): _value(rng, depth + 1)}
    if choice == 8:
        return rng.choice(("started", "follow_up_held", "outcome_recorded", "cancelled"))
    if choice == 9:
        return "\ud800\u0000\u202e" * rng.randrange(1, 5)
    return rng.choice(("fleksjob", "in_progress", "a", "Ø", "0101901234"))


def _nodes(node: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        for key, child in node.items():
            found.append((node, key))
            _nodes(child, found)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found.append((node, i))
            _nodes(child, found)
    return found


def damage(rng: random.Random, document: Any) -> str | bytes:
    """One hostile document made from ``document`` (which it does not change)."""
    document = json.loads(json.dumps(document))
    nodes = _nodes(document, [])
    for _ in range(rng.randrange(1, 4)):
        parent, key = rng.choice(nodes)
        operation = rng.randrange(5)
        if operation <= 1:
            parent[key] = _value(rng)
        elif operation == 2 and isinstance(parent, dict):
            parent.pop(key, None)
        elif operation == 3 and isinstance(parent, dict):
            parent[rng.choice((*CPRS, "extra", "schema"))] = _value(rng)
        elif isinstance(parent, list) and parent:
            parent.append(parent[0])
        nodes = _nodes(document, [])
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    operation = rng.randrange(8)
    if operation == 0:
        return text[: rng.randrange(len(text))]
    if operation == 1:
        raw = bytearray(text.encode("utf-8", "surrogatepass"))
        raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if operation == 2:
        raw = text.encode("utf-8", "surrogatepass")
        cut = rng.randrange(len(raw))
        return raw[:cut] + b"\xff\xc3" + raw[cut:]
    if operation == 3:
        depth = rng.randrange(100, 100_000)
        return "[" * depth + text + "]" * depth
    return text


def documents(seed: int, count: int) -> Iterator[tuple[int, type[Any], str | bytes]]:
    """``count`` hostile documents: (the document's own seed, its target type, the text)."""
    seeds = _seed_documents()
    for i in range(count):
        rng = random.Random(seed * 1_000_003 + i)
        target, document = rng.choice(seeds)
        yield seed * 1_000_003 + i, target, damage(rng, document)


def check(target: type[Any], text: str | bytes) -> str:
    """Read one document; returns "loaded" or "refused", or raises AssertionError."""
    started = time.perf_counter()
    try:
        value = bk.from_json(text, target)
    except bk.ValidationError as error:
        message = " ".join((str(error), *error.errors))
        assert not any(c in message or c.replace("-", "") in message for c in CPRS), message
        assert error.path.startswith("$"), error.path
        outcome = "refused"
    else:
        assert isinstance(value, target)
        assert bk.from_json(bk.to_json(value), target) == value
        outcome = "loaded"
    assert time.perf_counter() - started < 1.0, "took more than a second"
    return outcome


def main(argv: list[str] | None = None) -> int:
    """Fuzz ``from_json``; exit 1 with the seed of the first failing document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = {"loaded": 0, "refused": 0}
    started = time.perf_counter()
    for doc_seed, target, text in documents(args.seed, args.count):
        try:
            counts[check(target, text)] += 1
        except Exception as failure:  # noqa: BLE001 - report any failure with its seed
            print(f"FAILED on document seed {doc_seed} ({target.__name__}): {failure!r}")
            return 1
    elapsed = time.perf_counter() - started
    print(f"{args.count} documents in {elapsed:.1f} s: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

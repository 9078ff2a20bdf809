"""Cohort simulation: random referrals over a period against an intake, seeded and exact."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import attrs

from beskaeftigelse._domain.intake.logic import Action, Decision, Request, _Ledger
from beskaeftigelse._engine.programme import ProgrammeDefinition
from beskaeftigelse._kernel.errors import ValidationError, require_extra
from beskaeftigelse._kernel.timeline import Period

_MAX_REFERRALS = 10_000_000


@attrs.frozen(kw_only=True)
class Occupancy:
    """Seats and waiting list at the end of one simulated day.

    Attributes:
        on: The day.
        capacity: The capacity in force that day.
        seated: Seats taken.
        waiting: Referrals waiting.
        admitted: Admissions that day (from referrals or from the waiting list).
    """

    on: date
    capacity: int
    seated: int
    waiting: int
    admitted: int


@attrs.frozen(kw_only=True, repr=False)
class Simulation:
    """The result of :func:`simulate`: plain data, exactly reproducible from its inputs.

    Attributes:
        programme: The programme's key.
        period: The simulated period.
        seed: The random seed.
        referrals: How many referrals were simulated.
        days: Occupancy per day of the period.
        waits: Days each admitted referral waited, in admission order (0: admitted at once).
        decisions: Every intake decision, in order.
    """

    programme: str
    period: Period
    seed: int
    referrals: int
    days: tuple[Occupancy, ...]
    waits: tuple[int, ...]
    decisions: tuple[Decision, ...]

    def __repr__(self) -> str:
        return (
            f"Simulation(programme={self.programme!r}, seed={self.seed}, "
            f"referrals={self.referrals}, admissions={self.admissions})"
        )

    @property
    def admissions(self) -> int:
        """How many referrals were admitted within the period."""
        return len(self.waits)

    @property
    def mean_wait(self) -> Fraction | None:
        """The mean wait of the admitted, in days, exactly (``None`` if nobody was admitted)."""
        return Fraction(sum(self.waits), len(self.waits)) if self.waits else None

    @property
    def peak_waiting(self) -> int:
        """The longest waiting list at the end of any day."""
        return max((d.waiting for d in self.days), default=0)

    def to_frame(self) -> Any:  # a pandas.DataFrame; pandas is optional and untyped
        """Occupancy per day as a pandas DataFrame indexed by date (needs the ``pandas`` extra).

        Raises:
            MissingExtra: pandas is not installed.
        """
        pandas = require_extra("pandas", "pandas")
        columns = ["on", "capacity", "seated", "waiting", "admitted"]
        rows = [attrs.astuple(d) for d in self.days]
        return pandas.DataFrame(rows, columns=columns).set_index("on")


def simulate(  # noqa: PLR0913 - every input of a simulation is named
    definition: ProgrammeDefinition,
    *,
    referrals: int,
    period: Period,
    seed: int,
    cancel_share: Fraction = Fraction(0),
    course_days: int | None = None,
) -> Simulation:
    """Simulate ``referrals`` referrals spread at random over ``period`` against an intake.

    Each referral comes on a uniformly drawn day. An admitted course holds its seat for the
    programme's length in force on its admission day (or ``course_days``), unless it is one of
    the ``cancel_share`` drawn to be cancelled, on a uniformly drawn earlier day. Each day, the
    ends and cancellations due come first, then the day's referrals, in referral order. The
    same inputs give the same result.

    Args:
        definition: The programme definition (its capacity timeline is used).
        referrals: How many referrals.
        period: The closed (``end`` set) period to simulate, inside the definition's validity.
        seed: The random seed.
        cancel_share: The share of admitted courses cancelled early (0 to 1).
        course_days: A course length overriding the programme's.

    Returns:
        The simulation.

    Raises:
        ValidationError: Bad input, naming the argument.
    """
    _check(definition, referrals, period, seed, cancel_share, course_days)
    assert period.end is not None  # noqa: S101 - checked above
    rng = random.Random(seed)  # noqa: S311 - a simulation, not cryptography
    span = (period.end - period.start).days
    by_day: dict[date, list[str]] = {}
    referred_on: dict[str, date] = {}
    for n, offset in enumerate(sorted(rng.randrange(span) for _ in range(referrals))):
        day = period.start + timedelta(days=offset)
        ref = f"sim-{n:07d}"
        by_day.setdefault(day, []).append(ref)
        referred_on[ref] = day
    ledger = _Ledger(definition.capacity, definition.validity)
    releases: dict[date, list[Request]] = {}
    lengths: dict[date, int] = {}
    days, waits, seen = [], [], 0
    for offset in range(span):
        day = period.start + timedelta(days=offset)
        for request in releases.pop(day, ()):
            ledger.take(request)
        for ref in by_day.get(day, ()):
            ledger.take(Request(day, ref))
        ledger.advance(day)
        admitted = 0
        for decision in ledger.decisions[seen:]:
            if decision.admitted:
                admitted += 1
                waits.append((decision.on - referred_on[decision.referral]).days)
                length = course_days or _length(definition, decision.on, lengths)
                action, after = Action.END, length
                if length > 1 and rng.random() < cancel_share:
                    action, after = Action.CANCEL, rng.randrange(1, length)
                end = decision.on + timedelta(days=after)
                releases.setdefault(end, []).append(Request(end, decision.referral, action))
        seen = len(ledger.decisions)
        days.append(
            Occupancy(
                on=day,
                capacity=ledger.capacity.value_on(day),
                seated=len(ledger.seated),
                waiting=len(ledger.waiting),
                admitted=admitted,
            )
        )
    return Simulation(
        programme=definition.key,
        period=period,
        seed=seed,
        referrals=referrals,
        days=tuple(days),
        waits=tuple(waits),
        decisions=tuple(ledger.decisions),
    )


def _length(definition: ProgrammeDefinition, on: date, cache: dict[date, int]) -> int:
    if on not in cache:
        cache[on] = definition.on(on).days
    return cache[on]


def _check(  # noqa: PLR0913, PLR0917 - the arguments of simulate, checked in one place
    definition: object,
    referrals: object,
    period: object,
    seed: object,
    cancel_share: object,
    course_days: object,
) -> None:
    problems: Mapping[str, bool] = {
        "definition": not isinstance(definition, ProgrammeDefinition),
        "referrals": type(referrals) is not int or not 0 <= referrals <= _MAX_REFERRALS,
        "period": not isinstance(period, Period) or period.end is None,
        "seed": type(seed) is not int,
        "cancel_share": not isinstance(cancel_share, (Fraction, int)) or not 0 <= cancel_share <= 1,
        "course_days": course_days is not None
        and (type(course_days) is not int or not 1 <= course_days <= 3660),
    }
    reasons = {
        "definition": "must be a ProgrammeDefinition",
        "referrals": f"must be a whole number from 0 to {_MAX_REFERRALS}",
        "period": "must be a Period with an end",
        "seed": "must be a whole number",
        "cancel_share": "must be a Fraction from 0 to 1",
        "course_days": "must be None or a whole number from 1 to 3660",
    }
    for name, bad in problems.items():
        if bad:
            raise ValidationError(reasons[name], path=name)
    assert isinstance(definition, ProgrammeDefinition)  # noqa: S101
    assert isinstance(period, Period)  # noqa: S101
    validity = definition.validity
    last = period.end - timedelta(days=1) if period.end else period.start
    if period.start not in validity or last not in validity:
        raise ValidationError("must lie inside the definition's validity", path="period")

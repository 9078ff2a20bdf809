"""Mergeable outcome statistics: counts by measurement point and outcome kind.

:class:`OutcomeStats` is a commutative monoid: :meth:`OutcomeStats.merge` (also ``+``) is
associative and commutative, and ``OutcomeStats()`` is its identity. So statistics computed on
any partition of the courses combine into exactly the statistics of the whole, which is what
lets a distributed engine (Dask, Spark, a database's GROUP BY) compute them unchanged. Shares
are exact fractions of integer counts, never floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Any, Protocol

import attrs

from beskaeftigelse._engine.events import Outcome
from beskaeftigelse._engine.machine import _name
from beskaeftigelse._kernel.display import RichDisplay
from beskaeftigelse._kernel.errors import ValidationError, require_extra


class _HasKey(Protocol):
    @property
    def key(self) -> str: ...


class _HasOutcome(Protocol):
    @property
    def outcome(self) -> Outcome: ...


class Measured(Protocol):
    """What the statistics read from a course: :class:`~beskaeftigelse.Course` is one.

    Anything with an ``ended_on`` date (or ``None``) and an ``outcomes()`` method giving pairs
    of (measurement with a ``key``, record with an ``outcome``) will do.
    """

    @property
    def ended_on(self) -> date | None:
        """The day the course ended, or ``None``."""

    def outcomes(self) -> Iterable[tuple[_HasKey, _HasOutcome]]:
        """The outcomes recorded so far, each with its measurement point."""


def _outcome_kinds(value: object) -> tuple[Outcome, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of outcomes", path="kinds")
    for i, item in enumerate(value):
        if not isinstance(item, Outcome):
            raise ValidationError("must be an Outcome", path=f"kinds[{i}]")
    if not value or len(set(value)) != len(value):
        raise ValidationError("needs at least one outcome, each once", path="kinds")
    return tuple(value)


def _source() -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("must be a non-empty string", path="source")

    return check


@attrs.frozen
class LabourMarket:
    """Which outcome kinds count as "in the labour market", in the order a report lists them.

    Attributes:
        kinds: The kinds, most important first (Solrød: ordinary job, then løntilskud and
            praktik).
        source: Where the definition comes from.

    >>> from beskaeftigelse.stats import SOLROED_LABOUR_MARKET
    >>> [k.value for k in SOLROED_LABOUR_MARKET.kinds]
    ['ordinary_job', 'loentilskud', 'virksomhedspraktik']
    """

    kinds: tuple[Outcome, ...] = attrs.field(converter=_outcome_kinds)
    source: str = attrs.field(validator=_source())

    def __contains__(self, outcome: object) -> bool:
        return outcome in self.kinds


#: Solrød's count of May 2016: "ude på arbejdsmarkedet - primært i ordinært job og
#: sekundært i løntilskud og praktik".
SOLROED_LABOUR_MARKET = LabourMarket(
    (Outcome.ORDINARY_JOB, Outcome.LOENTILSKUD, Outcome.VIRKSOMHEDSPRAKTIK),
    source=(
        "Solrød Kommune, news item on the Jobklub (count of May 2016): 'primært i ordinært job og "
        "sekundært i løntilskud og praktik'"
    ),
)


@attrs.frozen
class Share:
    """A count out of a denominator, exactly.

    Attributes:
        count: How many.
        denominator: Out of how many (the courses with an outcome at the measurement point).

    >>> Share(69, 100).percent
    Fraction(69, 1)
    >>> str(Share(2, 3))
    '2/3 (66.7 %)'
    """

    count: int
    denominator: int

    @property
    def value(self) -> Fraction | None:
        """The share as an exact fraction; ``None`` when nothing was measured."""
        return Fraction(self.count, self.denominator) if self.denominator else None

    @property
    def percent(self) -> Fraction | None:
        """The share in per cent, exactly; ``None`` when nothing was measured."""
        value = self.value
        return None if value is None else value * 100

    def __str__(self) -> str:
        percent = self.percent
        shown = "n/a" if percent is None else f"{float(percent):.1f} %"
        return f"{self.count}/{self.denominator} ({shown})"


@attrs.frozen
class Count:
    """How many courses had one outcome at one measurement point.

    Attributes:
        measurement: The measurement's key (``"end"``, ``"after_3_months"``).
        outcome: The outcome.
        count: How many (at least 1; kinds nobody had are left out).
    """

    measurement: str = attrs.field(validator=_name("measurement"))
    outcome: Outcome = attrs.field()
    count: int = attrs.field()

    @outcome.validator
    def _check_outcome(self, _attr: object, value: object) -> None:
        if not isinstance(value, Outcome):
            raise ValidationError("must be an Outcome", path="outcome")

    @count.validator
    def _check_count(self, _attr: object, value: object) -> None:
        if type(value) is not int or value < 1:
            raise ValidationError("must be a whole number of at least 1", path="count")


def _count_key(c: Count) -> tuple[str, str]:
    return (c.measurement, c.outcome.value)


def _counts(value: object) -> tuple[Count, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of counts", path="counts")
    for i, item in enumerate(value):
        if not isinstance(item, Count):
            raise ValidationError("must be a Count", path=f"counts[{i}]")
    keys = [_count_key(c) for c in value]
    if keys != sorted(set(keys)):
        raise ValidationError(
            "must be sorted by measurement and outcome, each pair once", path="counts"
        )
    return tuple(value)


def _non_negative(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if type(value) is not int or value < 0:
            raise ValidationError("must be a whole number of at least 0", path=path)

    return check


@attrs.frozen
class OutcomeStats(RichDisplay):
    """Outcome counts over a set of courses; mergeable, so it can be computed in pieces.

    Build one with :meth:`of` from any iterable of courses (one streaming pass, memory bounded
    by the number of distinct (measurement, outcome) pairs), combine pieces with ``+``, and
    ask for shares with :meth:`share`, :meth:`labour_market` and :meth:`by_kind`.

    Attributes:
        courses: How many courses were counted.
        ended: How many of them had ended.
        counts: The counts, sorted by measurement key and outcome.

    >>> from beskaeftigelse.stats import OutcomeStats, Count
    >>> from beskaeftigelse.events import Outcome
    >>> stats = OutcomeStats(courses=100, ended=100, counts=(
    ...     Count("end", Outcome.LOENTILSKUD, 10), Count("end", Outcome.ORDINARY_JOB, 50),
    ...     Count("end", Outcome.STILL_UNEMPLOYED, 31), Count("end", Outcome.VIRKSOMHEDSPRAKTIK, 9),
    ... ))
    >>> stats.labour_market(at="end").percent
    Fraction(69, 1)
    >>> (stats + OutcomeStats()) == stats
    True
    """

    courses: int = attrs.field(default=0, validator=_non_negative("courses"), kw_only=True)
    ended: int = attrs.field(default=0, validator=_non_negative("ended"), kw_only=True)
    counts: tuple[Count, ...] = attrs.field(default=(), converter=_counts, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.ended > self.courses:
            raise ValidationError("cannot exceed courses", path="ended")
        for key in self.measurements():
            if self.denominator(at=key) > self.courses:
                raise ValidationError(
                    f"more outcomes at {key!r} than courses counted", path="counts"
                )

    @classmethod
    def of(cls, courses: Iterable[Measured]) -> OutcomeStats:
        """Count the outcomes of ``courses`` in one streaming pass.

        Args:
            courses: Any iterable of courses (a generator is read once and not kept).

        Returns:
            The statistics.
        """
        counter: dict[tuple[str, Outcome], int] = {}
        seen = ended = 0
        get = counter.get
        for course in courses:
            seen += 1
            if course.ended_on is not None:
                ended += 1
            for measurement, record in course.outcomes():
                key = (measurement.key, record.outcome)
                counter[key] = get(key, 0) + 1
        return cls._build(seen, ended, counter)

    @classmethod
    def _build(
        cls, courses: int, ended: int, counter: dict[tuple[str, Outcome], int]
    ) -> OutcomeStats:
        counts = tuple(
            Count(m, o, n)
            for (m, o), n in sorted(counter.items(), key=lambda kv: (kv[0][0], kv[0][1].value))
            if n
        )
        return cls(courses=courses, ended=ended, counts=counts)

    def merge(self, other: OutcomeStats) -> OutcomeStats:
        """The statistics of both sets of courses together (``self + other``).

        Raises:
            ValidationError: ``other`` is not an :class:`OutcomeStats`.
        """
        if not isinstance(other, OutcomeStats):
            raise ValidationError("must be OutcomeStats", path="other")
        counter: dict[tuple[str, Outcome], int] = {}
        for c in (*self.counts, *other.counts):
            key = (c.measurement, c.outcome)
            counter[key] = counter.get(key, 0) + c.count
        return self._build(self.courses + other.courses, self.ended + other.ended, counter)

    def __add__(self, other: object) -> OutcomeStats:
        if not isinstance(other, OutcomeStats):
            return NotImplemented
        return self.merge(other)

    @classmethod
    def merge_all(cls, pieces: Iterable[OutcomeStats]) -> OutcomeStats:
        """Merge any number of pieces; no pieces give the empty statistics."""
        total = cls()
        for piece in pieces:
            total = total.merge(piece)
        return total

    def measurements(self) -> tuple[str, ...]:
        """The measurement keys that have outcomes, sorted."""
        return tuple(sorted({c.measurement for c in self.counts}))

    def denominator(self, *, at: str) -> int:
        """How many courses have an outcome at measurement ``at``."""
        return sum(c.count for c in self.counts if c.measurement == at)

    def count(self, outcome: Outcome, *, at: str) -> int:
        """How many courses had ``outcome`` at measurement ``at``."""
        return sum(c.count for c in self.counts if c.measurement == at and c.outcome is outcome)

    def share(self, outcome: Outcome, *, at: str) -> Share:
        """The share of courses measured at ``at`` that had ``outcome``."""
        return Share(self.count(outcome, at=at), self.denominator(at=at))

    def labour_market(self, *, at: str, rule: LabourMarket = SOLROED_LABOUR_MARKET) -> Share:
        """The share "in the labour market" at ``at``: the sum over ``rule``'s kinds."""
        count = sum(self.count(kind, at=at) for kind in rule.kinds)
        return Share(count, self.denominator(at=at))

    def by_kind(
        self, *, at: str, rule: LabourMarket = SOLROED_LABOUR_MARKET
    ) -> tuple[tuple[Outcome, Share], ...]:
        """Every outcome kind measured at ``at`` with its share.

        ``rule``'s kinds come first, in its order (even when nobody had them), then the
        others by count, most first.
        """
        others = sorted(
            (c for c in self.counts if c.measurement == at and c.outcome not in rule),
            key=lambda c: (-c.count, c.outcome.value),
        )
        kinds = [*rule.kinds, *(c.outcome for c in others)]
        return tuple((kind, self.share(kind, at=at)) for kind in kinds)

    def report(
        self,
        *,
        rule: LabourMarket = SOLROED_LABOUR_MARKET,
        measurements: Iterable[str] | None = None,
    ) -> tuple[str, ...]:
        """Lines for people: per measurement, the labour-market share and each kind's.

        Args:
            rule: Which kinds count as in the labour market.
            measurements: The measurement keys to report, in order (default: all, sorted);
                pass a programme's ``[m.key for m in definition.measurements]`` for its order.
        """
        lines = [f"{self.courses} courses, {self.ended} ended"]
        for at in self.measurements() if measurements is None else measurements:
            lines.append(f"{at}: in the labour market {self.labour_market(at=at, rule=rule)}")
            lines.extend(
                f"  {kind.value}: {share}" for kind, share in self.by_kind(at=at, rule=rule)
            )
        return tuple(lines)

    def to_frame(
        self, *, rule: LabourMarket = SOLROED_LABOUR_MARKET
    ) -> Any:  # a pandas.DataFrame; pandas is optional and untyped
        """The counts as a pandas DataFrame (needs the ``pandas`` extra).

        Columns: ``measurement``, ``outcome``, ``count``, ``denominator``, ``share`` (a float,
        for plotting; the exact value is :meth:`share`) and ``in_labour_market``.

        Raises:
            MissingExtra: pandas is not installed.
        """
        pandas = require_extra("pandas", "pandas")
        rows = [
            {
                "measurement": c.measurement,
                "outcome": c.outcome.value,
                "count": c.count,
                "denominator": self.denominator(at=c.measurement),
                "share": c.count / self.denominator(at=c.measurement),
                "in_labour_market": c.outcome in rule,
            }
            for c in self.counts
        ]
        columns = ["measurement", "outcome", "count", "denominator", "share", "in_labour_market"]
        return pandas.DataFrame(rows, columns=columns)


def _per_partition(courses: Iterable[Measured]) -> OutcomeStats:
    return OutcomeStats.of(courses)


def _combine(pieces: Iterable[OutcomeStats]) -> OutcomeStats:
    return OutcomeStats.merge_all(pieces)


def stats_of_bag(bag: Any, *, scheduler: str = "threads") -> OutcomeStats:
    """Compute :class:`OutcomeStats` over a ``dask.bag.Bag`` of courses, partition by partition.

    Each partition is counted with :meth:`OutcomeStats.of`; the pieces are merged with
    :meth:`OutcomeStats.merge`. Because the merge is exact, the result equals
    ``OutcomeStats.of(all courses)`` whatever the partitioning.

    Args:
        bag: A Dask bag whose items are courses (anything :class:`Measured`).
        scheduler: A Dask scheduler name: ``"threads"`` or ``"sync"`` run locally; pass
            ``"processes"`` or use a distributed client's scheduler for more.

    Returns:
        The statistics over every item of the bag.

    Raises:
        MissingExtra: Dask is not installed (``pip install 'beskaeftigelse[dask]'``).
    """
    require_extra("dask.bag", "dask")
    reduced = bag.reduction(_per_partition, _combine)
    result: OutcomeStats = reduced.compute(scheduler=scheduler)
    return result

"""Outcome statistics that merge exactly, and cohort simulation for notebooks.

:class:`OutcomeStats` counts outcomes by measurement point and kind from any iterable of
courses; pieces computed on partitions merge into exactly the result over the whole
(:func:`stats_of_bag` runs it over a Dask bag). :func:`simulate` runs referrals against an
intake, seeded and deterministic.

>>> from beskaeftigelse.stats import OutcomeStats
>>> OutcomeStats.of([]) == OutcomeStats()
True
"""

from beskaeftigelse._domain.stats.outcomes import (
    SOLROED_LABOUR_MARKET,
    Count,
    LabourMarket,
    Measured,
    OutcomeStats,
    Share,
    stats_of_bag,
)
from beskaeftigelse._domain.stats.simulation import Occupancy, Simulation, simulate
from beskaeftigelse._kernel.errors import MissingExtra

__all__ = [
    "SOLROED_LABOUR_MARKET",
    "Count",
    "LabourMarket",
    "Measured",
    "MissingExtra",
    "Occupancy",
    "OutcomeStats",
    "Share",
    "Simulation",
    "simulate",
    "stats_of_bag",
]

"""State machines as data: states, transitions and their guards, checked when built."""

from beskaeftigelse._engine.machine import (
    AllPlannedHeld,
    FewerThanPlanned,
    Guard,
    Machine,
    MonthsAfterEnd,
    Transition,
)

__all__ = [
    "AllPlannedHeld",
    "FewerThanPlanned",
    "Guard",
    "Machine",
    "MonthsAfterEnd",
    "Transition",
]

"""Exceptions raised by :mod:`beskaeftigelse`, all under one base class.

The tree::

    BeskaeftigelseError(Exception)
    ├── ValidationError(ValueError)
    │   └── MachineError
    ├── NotInForce(LookupError)
    │   └── UnknownProgramme
    ├── UnknownCourse(LookupError)
    ├── StaleVersion
    └── TransitionRefused
"""

from beskaeftigelse._kernel.errors import (
    BeskaeftigelseError,
    MachineError,
    NotInForce,
    StaleVersion,
    TransitionRefused,
    UnknownCourse,
    UnknownProgramme,
    ValidationError,
)

__all__ = [
    "BeskaeftigelseError",
    "MachineError",
    "NotInForce",
    "StaleVersion",
    "TransitionRefused",
    "UnknownCourse",
    "UnknownProgramme",
    "ValidationError",
]

"""Exceptions raised by :mod:`beskaeftigelse`; see :mod:`beskaeftigelse._errors` for the tree.

::

    BeskaeftigelseError(Exception)
    ├── ValidationError(ValueError)
    │   └── MachineError
    ├── NotInForce(LookupError)
    │   └── UnknownProgramme
    ├── UnknownCourse(LookupError)
    ├── StaleVersion
    └── TransitionRefused
"""

from ._errors import (
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

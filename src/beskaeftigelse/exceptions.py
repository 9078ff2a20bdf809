"""Exceptions raised by :mod:`beskaeftigelse`, all under one base class (the tree below).

::

    BeskaeftigelseError(Exception)
    ├── ValidationError(ValueError)
    │   └── MachineError
    ├── NotInForce(LookupError)
    │   └── UnknownProgramme
    ├── UnknownCourse(LookupError)
    ├── StaleVersion
    ├── TransitionRefused
    └── MissingExtra(ImportError)
"""

from beskaeftigelse._kernel.errors import (
    BeskaeftigelseError,
    MachineError,
    MissingExtra,
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
    "MissingExtra",
    "NotInForce",
    "StaleVersion",
    "TransitionRefused",
    "UnknownCourse",
    "UnknownProgramme",
    "ValidationError",
]

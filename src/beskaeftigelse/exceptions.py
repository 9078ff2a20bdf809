"""Exceptions raised by :mod:`beskaeftigelse`; see :mod:`beskaeftigelse._errors` for the tree.

::

    BeskaeftigelseError(Exception)
    ├── ValidationError(ValueError)
    │   └── MachineError
    ├── NotInForce(LookupError)
    │   └── UnknownProgramme
    └── TransitionRefused
"""

from ._errors import (
    BeskaeftigelseError,
    MachineError,
    NotInForce,
    TransitionRefused,
    UnknownProgramme,
    ValidationError,
)

__all__ = [
    "BeskaeftigelseError",
    "MachineError",
    "NotInForce",
    "TransitionRefused",
    "UnknownProgramme",
    "ValidationError",
]

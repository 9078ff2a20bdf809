"""The package's exceptions (public through :mod:`beskaeftigelse.exceptions`).

All of them derive from one base class, and each also derives from the builtin that matches
its meaning, so ``except ValueError`` in a caller's code keeps working::

    BeskaeftigelseError(Exception)
    ├── ValidationError(ValueError)      bad input: which field (a path) and why
    │   └── MachineError                 a state machine that fails its build checks
    ├── NotInForce(LookupError)          no dated value or definition covers the date
    │   └── UnknownProgramme             no programme with that key at all
    ├── UnknownCourse(LookupError)       no course under that key in a store
    ├── StaleVersion                     a write based on an old version of a course
    ├── TransitionRefused                an event the course cannot take, with the reason
    └── MissingExtra(ImportError)        an optional dependency is not installed

A domain "no" that a caller asks about on purpose (``Course.check``) is a
:class:`~beskaeftigelse.Refusal` value; ``Course.apply`` raises :class:`TransitionRefused`
carrying that same value.

Every exception pickles and deep-copies with its data (a worker process sends it back), and
every message passes through :func:`~beskaeftigelse._kernel.privacy.scrub`.

No message ever contains a participant reference, a CPR number or free text a caller
wrote: errors name fields, dates, states and event kinds only.
"""

from __future__ import annotations

import importlib
from datetime import date
from types import ModuleType
from typing import Any

from beskaeftigelse._kernel.answers import Refusal
from beskaeftigelse._kernel.privacy import scrub


def _rebuild(cls: type[BeskaeftigelseError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class BeskaeftigelseError(Exception):
    """Base class of every exception this package raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The subclasses take keyword-only data, which Exception's own reduce cannot pass back.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class ValidationError(BeskaeftigelseError, ValueError):
    """Input that cannot become a valid value.

    Attributes:
        path: Where the bad value is, as a JSON path (``$.history[3].on``) or a field name.
        reason: Why it is bad, in words.
        errors: Every problem found, each as ``"reason @ path"``; the first is ``path``/``reason``.
    """

    path: str
    reason: str
    errors: tuple[str, ...]

    def __init__(self, reason: str, *, path: str = "$", errors: tuple[str, ...] = ()) -> None:
        self.path = path = scrub(path)
        self.reason = reason = scrub(reason)
        self.errors = tuple(scrub(e) for e in errors) or (f"{reason} @ {path}",)
        super().__init__(f"{path}: {reason}")


class MachineError(ValidationError):
    """A state machine definition that fails its build checks.

    Attributes:
        problems: Every problem found, in words (unknown target, unreachable state, ...).
    """

    problems: tuple[str, ...]

    def __init__(self, problems: tuple[str, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems), path="$", errors=tuple(f"{p} @ $" for p in problems))


class NotInForce(BeskaeftigelseError, LookupError):
    """Nothing is in force on the date asked about.

    Attributes:
        what: What was looked up (a value's or a programme's name).
        on: The date asked about.
        earliest: The first date anything is in force, if there is one.
    """

    what: str
    on: date
    earliest: date | None

    def __init__(self, what: str, *, on: date, earliest: date | None) -> None:
        self.what = what
        self.on = on
        self.earliest = earliest
        since = f"; it is in force from {earliest.isoformat()}" if earliest else ""
        super().__init__(scrub(f"{what} is not in force on {on.isoformat()}{since}"))


class UnknownProgramme(NotInForce):
    """No programme with this key is in the catalogue.

    Attributes:
        key: The key asked for.
        known: The keys the catalogue has.
    """

    key: str
    known: tuple[str, ...]

    def __init__(self, key: str, *, on: date, known: tuple[str, ...]) -> None:
        self.key = key
        self.known = known
        BeskaeftigelseError.__init__(
            self,
            scrub(f"no programme {key!r} in the catalogue; known: {', '.join(known) or 'none'}"),
        )
        self.what = f"programme {key!r}"
        self.on = on
        self.earliest = None


class UnknownCourse(BeskaeftigelseError, LookupError):
    """A store has no course under the key asked for.

    Attributes:
        key: The key asked for.
    """

    key: str

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(scrub(f"no course under the key {key!r}"))


class StaleVersion(BeskaeftigelseError):
    """A write based on a version of a course that is no longer the current one.

    Nothing was changed: read the course again, decide again, and retry.

    Attributes:
        expected: The version the caller last saw.
        actual: The current version.
    """

    expected: int
    actual: int

    def __init__(self, *, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"the course is at version {actual}, not {expected}: it changed since it was read"
        )


class TransitionRefused(BeskaeftigelseError):
    """``Course.apply`` was given an event the course cannot take; nothing changed.

    Attributes:
        refusal: The refusal value: ``state``, ``event``, ``rule`` and ``reason``.
    """

    refusal: Refusal

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(str(refusal))

    @property
    def state(self) -> str:
        """The state the course was in."""
        return self.refusal.state

    @property
    def event(self) -> str:
        """The refused event's kind and date, e.g. ``'follow_up_held on 2020-10-01'``."""
        return self.refusal.event

    @property
    def reason(self) -> str:
        """Why, in words."""
        return self.refusal.reason


class MissingExtra(BeskaeftigelseError, ImportError):
    """An optional dependency is not installed.

    Attributes:
        extra: The extra to install, e.g. ``"dask"`` for ``pip install beskaeftigelse[dask]``.
    """

    extra: str

    def __init__(self, extra: str) -> None:
        self.extra = extra
        super().__init__(
            f"this needs the optional extra {extra!r}: pip install 'beskaeftigelse[{extra}]'"
        )


def require_extra(module: str, extra: str) -> ModuleType:
    """Import ``module`` of the optional ``extra``, or raise :class:`MissingExtra` naming it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(extra) from None

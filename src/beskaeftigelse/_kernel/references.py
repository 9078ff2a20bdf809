"""Opaque references to people and organisations, and the :class:`Cpr` value.

A course, a request or a company refers to a person by an opaque reference the caller's
system owns. :func:`reference` is the one check every such field uses: a non-empty string of
bounded length that does not look like a CPR number in any spelling
(:func:`~beskaeftigelse._kernel.privacy.looks_like_cpr`). Where a system must keep a CPR number
with a course, it marks it with :class:`Cpr`, which is never shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._kernel.privacy import CPR_PATTERN

#: The longest opaque reference accepted.
MAX_REFERENCE = 200


@attrs.frozen(repr=False)
class _Reference:
    path: str | None
    allow_cpr: bool

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        path = self.path or (attr.name if attr is not None else "reference")
        if self.allow_cpr and isinstance(value, Cpr):
            return
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("must be a non-empty opaque reference", path=path)
        if len(value) > MAX_REFERENCE:
            raise ValidationError(f"must be at most {MAX_REFERENCE} characters", path=path)
        if CPR_PATTERN.search(value):
            hint = ", or mark it with Cpr(...)" if self.allow_cpr else ""
            raise ValidationError(
                f"looks like a CPR number; pass an opaque reference{hint}", path=path
            )

    def __repr__(self) -> str:
        return f"reference(path={self.path!r}, allow_cpr={self.allow_cpr!r})"


def reference(path: str | None = None, *, allow_cpr: bool = False) -> _Reference:
    """A validator: an opaque reference (never a CPR number); a :class:`Cpr` if ``allow_cpr``.

    >>> reference("participant")
    reference(path='participant', allow_cpr=False)
    """
    return _Reference(path, allow_cpr)


def _digits(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError("must be a CPR number written as text", path="number")
    match = CPR_PATTERN.fullmatch(value.strip())
    if match is None:
        raise ValidationError(
            "is not a CPR number (a birth date DDMMYY and four digits)", path="number"
        )
    digits = "".join(c for c in match[0] if c.isdigit())
    day, month = int(digits[0:2]), int(digits[2:4])
    # The year's century is in the serial number; 29 February needs a leap year, and 2000
    # (one possible century) is one, so checking day and month against a leap year suffices.
    try:
        date(2000, month, day)
    except ValueError:
        raise ValidationError("is not a CPR number: no such birth date", path="number") from None
    return digits


@attrs.frozen(repr=False)
class Cpr:
    """A CPR number, marked sensitive: validated, and never shown.

    Its ``repr`` and ``str`` are ``Cpr(<redacted>)``, and no error message repeats it; only
    :meth:`reveal` gives the number. Use it as a course's ``participant`` where a system must
    keep the CPR number with the course; prefer an opaque reference where it can.

    Attributes:
        number: The ten digits (any common spelling is accepted and normalised).

    >>> cpr = Cpr("010190-1234")
    >>> cpr, str(cpr), cpr.reveal()
    (Cpr(<redacted>), 'Cpr(<redacted>)', '0101901234')
    """

    number: str = attrs.field(converter=_digits)

    def __repr__(self) -> str:
        return "Cpr(<redacted>)"

    __str__ = __repr__

    def reveal(self) -> str:
        """The ten digits, for the caller's own systems."""
        return self.number

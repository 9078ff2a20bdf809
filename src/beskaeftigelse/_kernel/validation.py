"""The validators and converters the value classes share (attrs ``validator=``/``converter=``).

Every one raises :class:`~beskaeftigelse.exceptions.ValidationError` naming the field, and no
message quotes the value: a value may be free text about a person.
"""

from __future__ import annotations

import enum
import sys
from typing import Any

from beskaeftigelse._kernel.errors import ValidationError

MAX_TEXT = 2000


def text(path: str, *, required: bool = True, max_length: int = MAX_TEXT) -> Any:
    """A validator: a string of at most ``max_length`` characters, not blank if ``required``."""

    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str):
            raise ValidationError(f"must be a string, not {type(value).__name__}", path=path)
        if required and not value.strip():
            raise ValidationError("must not be empty", path=path)
        if len(value) > max_length:
            raise ValidationError(f"must be at most {max_length} characters", path=path)

    return check


def texts(path: str, *, required: bool = True) -> Any:
    """A converter: a sequence of strings (see :func:`text`) to a tuple."""

    def convert(value: object) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ValidationError("must be a sequence of strings", path=path)
        for i, item in enumerate(value):
            text(f"{path}[{i}]", required=required)(None, None, item)
        return tuple(value)

    return convert


def whole(path: str, low: int, high: int) -> Any:
    """A validator: a whole number (not a bool) from ``low`` to ``high``."""

    def check(_inst: object, _attr: object, value: object) -> None:
        if type(value) is not int or not low <= value <= high:
            raise ValidationError(f"must be a whole number from {low} to {high}", path=path)

    return check


def boolean(path: str) -> Any:
    """A validator: ``True`` or ``False``."""

    def check(_inst: object, _attr: object, value: object) -> None:
        if type(value) is not bool:
            raise ValidationError("must be true or false", path=path)

    return check


def member(cls: type[enum.Enum], path: str, *, optional: bool = False) -> Any:
    """A validator: a member of the enum ``cls`` (or ``None`` if ``optional``)."""

    def check(_inst: object, _attr: object, value: object) -> None:
        if optional and value is None:
            return
        if not isinstance(value, cls):
            raise ValidationError(f"must be a {cls.__name__}", path=path)

    return check


def tuple_of(cls: type, path: str) -> Any:
    """A converter: a sequence of ``cls`` instances to a tuple."""

    def convert(value: object) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise ValidationError(f"must be a sequence of {cls.__name__}", path=path)
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                raise ValidationError(f"must be a {cls.__name__}", path=f"{path}[{i}]")
        return tuple(value)

    return convert


class Labelled(enum.Enum):
    """An enum whose members carry a Danish and an English label.

    The labels are the ``_LABELS`` mapping (member → (Danish, English)) of the module that
    defines the enum, so a label table stays next to its enums.
    """

    @property
    def label_da(self) -> str:
        """The Danish label."""
        return _labels(self)[0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _labels(self)[1]


def _labels(member: enum.Enum) -> tuple[str, str]:
    table = vars(sys.modules[type(member).__module__])["_LABELS"]
    return table[member]  # type: ignore[no-any-return]

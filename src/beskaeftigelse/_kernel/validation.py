"""The validation kit: validators and converters the value classes share.

In the manner of :mod:`attrs.validators`: each is a small frozen object with a ``repr``, so a
class's fields say what they accept when printed, and they compose (:func:`optional`,
:func:`all_of`). Validators take attrs' ``(instance, attribute, value)``; converters take the
value. Every one raises :class:`~beskaeftigelse.exceptions.ValidationError` naming the field
(``path``; by default the attribute's name) and why. No message quotes the value: a value may
be free text about a person.

>>> import attrs
>>> @attrs.frozen
... class Meeting:
...     room: str = attrs.field(validator=text())
...     seats: int = attrs.field(validator=whole(1, 40))
>>> Meeting("A", 0)
Traceback (most recent call last):
...
beskaeftigelse._kernel.errors.ValidationError: seats: must be a whole number from 1 to 40
>>> whole(1, 40)
whole(1, 40)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Generic, TypeVar, cast, overload

import attrs

from beskaeftigelse._kernel.errors import ValidationError

#: The longest free text a field accepts.
MAX_TEXT = 2000
#: The most items a sequence field accepts.
MAX_ITEMS = 10_000

_NAME = re.compile(r"[a-z][a-z0-9_]*")

Validator = Callable[[Any, Any, Any], None]


def _where(path: str | None, attr: Any) -> str:
    if path is not None:
        return path
    return getattr(attr, "name", None) or "value"


def _args(*shown: object, path: str | None) -> str:
    parts = [repr(s) for s in shown]
    if path is not None:
        parts.append(f"path={path!r}")
    return ", ".join(parts)


@attrs.frozen(repr=False)
class _Text:
    path: str | None
    required: bool
    max_length: int

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        path = _where(self.path, attr)
        if not isinstance(value, str):
            raise ValidationError(f"must be a string, not {type(value).__name__}", path=path)
        if self.required and not value.strip():
            raise ValidationError("must not be empty", path=path)
        if len(value) > self.max_length:
            raise ValidationError(f"must be at most {self.max_length} characters", path=path)

    def __repr__(self) -> str:
        extra = "" if self.required else ", required=False"
        return f"text({_args(path=self.path)}{extra})".replace("(, ", "(")


def text(path: str | None = None, *, required: bool = True, max_length: int = MAX_TEXT) -> _Text:
    """A validator: a string of at most ``max_length`` characters, not blank if ``required``."""
    return _Text(path, required, max_length)


@attrs.frozen(repr=False)
class _Whole:
    low: int
    high: int
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        if type(value) is not int or not self.low <= value <= self.high:
            raise ValidationError(
                f"must be a whole number from {self.low} to {self.high}",
                path=_where(self.path, attr),
            )

    def __repr__(self) -> str:
        return f"whole({_args(self.low, self.high, path=self.path)})"


def whole(low: int, high: int, path: str | None = None) -> _Whole:
    """A validator: a whole number (not a bool) from ``low`` to ``high``."""
    return _Whole(low, high, path)


@attrs.frozen(repr=False)
class _Boolean:
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        if type(value) is not bool:
            raise ValidationError("must be true or false", path=_where(self.path, attr))

    def __repr__(self) -> str:
        return f"boolean({_args(path=self.path)})"


def boolean(path: str | None = None) -> _Boolean:
    """A validator: ``True`` or ``False``."""
    return _Boolean(path)


@attrs.frozen(repr=False)
class _Day:
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        # ``datetime`` is a subclass of ``date``; a date-time where a day is meant is a mistake.
        if type(value) is not date:
            raise ValidationError(
                f"must be a date, not {type(value).__name__}", path=_where(self.path, attr)
            )

    def __repr__(self) -> str:
        return f"day({_args(path=self.path)})"


def day(path: str | None = None) -> _Day:
    """A validator: a :class:`datetime.date` (not a ``datetime``, not a string)."""
    return _Day(path)


def check_day(value: object, path: str) -> date:
    """``value`` if it is a :class:`datetime.date` (not a ``datetime``), else raise naming ``path``.

    For functions that take a date argument (``on=``).
    """
    day(path)(None, None, value)
    return value  # type: ignore[return-value]


@attrs.frozen(repr=False)
class _Member:
    cls: type[enum.Enum]
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        if not isinstance(value, self.cls):
            valid = ", ".join(repr(m.value) for m in self.cls)
            raise ValidationError(
                f"must be a {self.cls.__name__}, one of {valid}", path=_where(self.path, attr)
            )

    def __repr__(self) -> str:
        return f"member({self.cls.__name__}{', ' if self.path else ''}{_args(path=self.path)})"


def member(cls: type[enum.Enum], path: str | None = None, *, optional: bool = False) -> Validator:
    """A validator: a member of the enum ``cls`` (or ``None`` if ``optional``)."""
    check = _Member(cls, path)
    return _Optional(check) if optional else check


@attrs.frozen(repr=False)
class _InstanceOf:
    cls: type | tuple[type, ...]
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        if not isinstance(value, self.cls):
            raise ValidationError(
                f"must be {_names(self.cls)}, not {type(value).__name__}",
                path=_where(self.path, attr),
            )

    def __repr__(self) -> str:
        return f"instance_of({_names(self.cls)}{', ' if self.path else ''}{_args(path=self.path)})"


def _names(cls: type | tuple[type, ...]) -> str:
    classes = cls if isinstance(cls, tuple) else (cls,)
    return " or ".join(c.__name__ for c in classes)


def instance_of(cls: type | tuple[type, ...], path: str | None = None) -> _InstanceOf:
    """A validator: an instance of ``cls`` (a class or a tuple of classes)."""
    return _InstanceOf(cls, path)


@attrs.frozen(repr=False)
class _Name:
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        if not isinstance(value, str) or not _NAME.fullmatch(value) or len(value) > 100:
            raise ValidationError(
                "must be a lower-case name of letters, digits and underscores "
                "(at most 100 characters)",
                path=_where(self.path, attr),
            )

    def __repr__(self) -> str:
        return f"name({_args(path=self.path)})"


def name(path: str | None = None) -> _Name:
    """A validator: a lower-case name (``follow_up``): letters, digits and underscores."""
    return _Name(path)


@attrs.frozen(repr=False)
class _Optional:
    inner: Validator

    def __call__(self, inst: Any, attr: Any, value: Any) -> None:
        if value is not None:
            self.inner(inst, attr, value)

    def __repr__(self) -> str:
        return f"optional({self.inner!r})"


def optional(validator: Validator) -> _Optional:
    """A validator: ``None``, or what ``validator`` accepts."""
    return _Optional(validator)


@attrs.frozen(repr=False)
class _AllOf:
    validators: tuple[Validator, ...]

    def __call__(self, inst: Any, attr: Any, value: Any) -> None:
        for v in self.validators:
            v(inst, attr, value)

    def __repr__(self) -> str:
        return f"all_of({', '.join(repr(v) for v in self.validators)})"


def all_of(*validators: Validator) -> _AllOf:
    """A validator: what every one of ``validators`` accepts, checked in order."""
    return _AllOf(validators)


# -- converters ---------------------------------------------------------------------------


_R = TypeVar("_R")
_T = TypeVar("_T")


@attrs.frozen(repr=False)
class _TupleOf(Generic[_R]):
    """A converter: a collection to a tuple (or set), each item checked by ``item``."""

    item: Validator
    path: str
    what: str
    collection: Callable[[Iterable[Any]], _R]
    accepts: tuple[type, ...]
    min_size: int = 0
    indexed: bool = True

    def __call__(self, value: Any) -> _R:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, self.accepts):
            raise ValidationError(f"must be a {self._kind} of {self.what}", path=self.path)
        items: tuple[Any, ...] = tuple(cast("Iterable[Any]", value))
        if len(items) > MAX_ITEMS:
            raise ValidationError(f"must have at most {MAX_ITEMS} items", path=self.path)
        if len(items) < self.min_size:
            raise ValidationError(f"must have at least {self.min_size} item(s)", path=self.path)
        for i, item in enumerate(items):
            _check_item(self.item, item, f"{self.path}[{i}]" if self.indexed else self.path)
        return self.collection(items)

    @property
    def _kind(self) -> str:
        return "sequence" if self.accepts == _SEQUENCES else "collection"

    def __repr__(self) -> str:
        size = f", min_size={self.min_size}" if self.min_size else ""
        return f"{self.collection.__name__}_of({self.what}, path={self.path!r}{size})"


_SEQUENCES: tuple[type, ...] = (list, tuple)
#: What a set-valued field accepts: any collection but text and mappings (checked first).
_COLLECTIONS: tuple[type, ...] = (Iterable,)


def _check_item(check: Validator, item: object, path: str) -> None:
    try:
        check(None, None, item)
    except ValidationError as error:
        if error.path in ("value", "$"):
            raise ValidationError(error.reason, path=path) from None
        raise


@overload
def tuple_of(cls: type[_T], path: str, *, min_size: int = 0) -> _TupleOf[tuple[_T, ...]]: ...
@overload
def tuple_of(cls: Validator, path: str, *, min_size: int = 0) -> _TupleOf[tuple[Any, ...]]: ...
def tuple_of(cls: type | Validator, path: str, *, min_size: int = 0) -> _TupleOf[Any]:
    """A converter: a list or tuple of ``cls`` instances (or of what a validator accepts).

    ``min_size``: the fewest items it accepts.
    """
    if isinstance(cls, type):
        return _TupleOf(_InstanceOf(cls, None), path, cls.__name__, tuple, _SEQUENCES, min_size)
    return _TupleOf(cls, path, "valid items", tuple, _SEQUENCES, min_size)


@overload
def frozenset_of(cls: type[_T], path: str, *, min_size: int = 0) -> _TupleOf[frozenset[_T]]: ...
@overload
def frozenset_of(cls: Validator, path: str, *, min_size: int = 0) -> _TupleOf[frozenset[Any]]: ...
def frozenset_of(cls: type | Validator, path: str, *, min_size: int = 0) -> _TupleOf[Any]:
    """A converter: any collection (a set, list, tuple, generator) to a frozenset.

    Each item must be a ``cls`` instance (or what a validator accepts); text and mappings are
    refused. An item's error names the collection's ``path`` (a set has no positions).

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     RED = "red"
    >>> frozenset_of(Colour, "colours")([Colour.RED, Colour.RED])
    frozenset({<Colour.RED: 'red'>})
    >>> frozenset_of(Colour, "colours")
    frozenset_of(Colour, path='colours')
    """
    # A set has no positions: an item's error names the collection.
    if isinstance(cls, type):
        check: Validator = _InstanceOf(cls, None)
        return _TupleOf(check, path, cls.__name__, frozenset, _COLLECTIONS, min_size, indexed=False)
    return _TupleOf(cls, path, "valid items", frozenset, _COLLECTIONS, min_size, indexed=False)


def texts(path: str, *, required: bool = True) -> _TupleOf[tuple[str, ...]]:
    """A converter: a sequence of strings (see :func:`text`) to a tuple."""
    return _TupleOf(_Text(None, required, MAX_TEXT), path, "strings", tuple, _SEQUENCES)


def names(path: str, *, collection: Callable[[Iterable[Any]], Any] = tuple) -> _TupleOf[Any]:
    """A converter: a collection of lower-case names (see :func:`name`) to a tuple or set."""
    return _TupleOf(_Name(None), path, "names", collection, (list, tuple, set, frozenset))


@attrs.frozen(repr=False)
class _Unique:
    by: str | None
    path: str | None

    def __call__(self, _inst: Any, attr: Any, value: Any) -> None:
        where = _where(self.path, attr)
        seen: set[Any] = set()
        for i, item in enumerate(value):
            key = item if self.by is None else getattr(item, self.by)
            if key in seen:
                at = f"{where}[{i}]" if self.by is None else f"{where}[{i}].{self.by}"
                what = "item" if self.by is None else self.by
                raise ValidationError(f"repeats an earlier {what}", path=at)
            seen.add(key)

    def __repr__(self) -> str:
        shown = [] if self.by is None else [self.by]
        return f"unique({_args(*shown, path=self.path)})"


def unique(by: str | None = None, path: str | None = None) -> _Unique:
    """A validator: the items of a collection are distinct (by their attribute ``by``, if given).

    >>> unique("key")
    unique('key')
    """
    return _Unique(by, path)

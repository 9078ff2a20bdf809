"""What every course store promises, checked in one place for all of them.

The stores differ only in where they keep things. Each checks its arguments here, decides
here whether a write may replace the stored course, and derives here what its index of due
items holds, so that the in-memory, SQLite and PostgreSQL stores answer alike.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from datetime import date

import attrs

from beskaeftigelse._engine.course import Course, Due, ItemKind, Planned
from beskaeftigelse._engine.events import Event
from beskaeftigelse._kernel.errors import StaleVersion, ValidationError
from beskaeftigelse._kernel.privacy import looks_like_cpr

_MAX_KEY = 200
_CACHE = 512


@attrs.frozen(kw_only=True)
class DueItem:
    """One due or overdue item of a stored course: a line of a caseworker's dashboard.

    Attributes:
        key: The key the course is stored under.
        programme: The programme's key, e.g. ``"jobklub"``.
        provider: Who runs the programme (the definition's ``provider``).
        item: The planned item.
        days_overdue: How many days past its date (0: due today).

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> from beskaeftigelse.stores import InMemoryCourseStore
    >>> store = InMemoryCourseStore()
    >>> p = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
    >>> store.add("case-1", bk.Course.start(p, participant="ref-1", on=date(2016, 2, 1)))
    >>> [(d.key, d.item.key, d.days_overdue) for d in store.due(on=date(2016, 2, 16))]
    [('case-1', 'club', 1)]
    """

    key: str
    programme: str
    provider: str
    item: Planned
    days_overdue: int

    @property
    def overdue(self) -> bool:
        """Whether its date has passed."""
        return self.days_overdue > 0

    @property
    def due(self) -> Due:
        """The same as the :class:`~beskaeftigelse.Due` that ``Course.due(on=)`` gives."""
        return Due(self.item, self.days_overdue)


def check_key(key: object) -> str:
    """``key`` if it can name a stored course."""
    if not isinstance(key, str) or not 1 <= len(key) <= _MAX_KEY:
        raise ValidationError(f"must be a string of 1 to {_MAX_KEY} characters", path="key")
    if looks_like_cpr(key):
        raise ValidationError(
            "looks like a CPR number; store courses under an opaque case reference", path="key"
        )
    return key


def check_course(course: object) -> Course:
    """``course`` if it is a course."""
    if not isinstance(course, Course):
        raise ValidationError(f"must be a Course, not {type(course).__name__}", path="course")
    return course


def check_version(expected_version: object) -> int:
    """``expected_version`` if it is a version a stored course can be at."""
    if type(expected_version) is not int or expected_version < 1:
        raise ValidationError(
            f"must be a whole number from 1 (a course's version), not "
            f"{type(expected_version).__name__}; create a course with add()",
            path="expected_version",
        )
    return expected_version


def check_event(event: object) -> Event:
    """``event`` if it is an event."""
    if not isinstance(event, Event) or type(event) is Event:
        raise ValidationError(f"must be an event, not {type(event).__name__}", path="event")
    return event


def check_replaces(current: Course, course: Course, expected_version: int) -> None:
    """Refuse ``course`` as the new state of ``current`` unless it continues its history.

    Raises:
        ValidationError: ``course`` is of another programme (definition or version), or
            starts otherwise (another participant, start date or calendar).
        StaleVersion: ``current`` is not at ``expected_version``, or ``course`` was decided on
            another version of it.
    """
    old, new = current.programme.definition, course.programme.definition
    if old != new:
        raise ValidationError(
            f"is a course of {new.key!r} (version from {new.validity.start}), but the stored "
            f"course is of {old.key!r} (version from {old.validity.start})",
            path="course.programme",
        )
    first, stored = course.started, current.started
    if first.participant != stored.participant:
        raise ValidationError(
            "belongs to another participant than the stored course", path="course.history[0]"
        )
    if first != stored:
        raise ValidationError(
            f"starts on {first.on} with its calendar, but the stored course starts on "
            f"{stored.on} with its own",
            path="course.history[0]",
        )
    if current.version != expected_version:
        raise StaleVersion(expected=expected_version, actual=current.version)
    if course.history[: current.version] != current.history:
        raise StaleVersion(expected=expected_version, actual=current.version)


def check_due_filters(on: object, programme: object, provider: object) -> date:
    """``on`` if the arguments of ``due`` are valid."""
    if type(on) is not date:
        raise ValidationError("must be a date", path="on")
    for name, value in (("programme", programme), ("provider", provider)):
        if value is not None and not isinstance(value, str):
            raise ValidationError("must be a string or None", path=name)
    return on


def check_partition(partition: object, partitions: object) -> tuple[int, int]:
    """``(partition, partitions)`` if they pick one of ``partitions`` parts."""
    if type(partitions) is not int or partitions < 1:
        raise ValidationError("must be a whole number from 1", path="partitions")
    if type(partition) is not int or not 0 <= partition < partitions:
        raise ValidationError(
            f"must be a whole number from 0 to {partitions - 1}", path="partition"
        )
    return partition, partitions


def bucket(key: str) -> int:
    """A stable number for ``key`` (CRC-32): ``bucket(key) % n`` is its partition of ``n``."""
    return zlib.crc32(key.encode())


def pending(course: Course) -> tuple[Planned, ...]:
    """Every item that is not done: what ``course.due(on=)`` answers from, for any date.

    ``Course.due`` reads the whole history, also events dated after the date asked about,
    so what is pending does not depend on the date; the index keeps exactly these items.
    """
    return tuple(d.item for d in course.due(on=date.max))


def due_item(
    key: str,
    programme: str,
    provider: str,
    row: tuple[str, str, int, date, date, str, str],
    on: date,
) -> DueItem:
    """A :class:`DueItem` from a row of an index: kind, key, number, on, nominal, names."""
    kind, item_key, number, planned_on, nominal, name_da, name_en = row
    item = Planned(
        kind=ItemKind(kind),
        key=item_key,
        number=number,
        on=planned_on,
        nominal=nominal,
        name_da=name_da,
        name_en=name_en,
    )
    return DueItem(
        key=key,
        programme=programme,
        provider=provider,
        item=item,
        days_overdue=(on - planned_on).days,
    )


class CourseCache:
    """Courses read, by key and version: a history at a version never changes (append-only).

    Not thread-safe by itself; the stores call it under their lock.
    """

    def __init__(self, size: int = _CACHE) -> None:
        self._size = size
        self._courses: OrderedDict[tuple[str, int, str], Course] = OrderedDict()

    def get(self, key: str, version: int, digest: str) -> Course | None:
        """The course cached for this key, version and definition digest, if any."""
        found = self._courses.get((key, version, digest))
        if found is not None:
            self._courses.move_to_end((key, version, digest))
        return found

    def put(self, key: str, digest: str, course: Course) -> None:
        """Keep ``course``, the one stored under ``key`` at its version."""
        self._courses[key, course.version, digest] = course
        if len(self._courses) > self._size:
            self._courses.popitem(last=False)

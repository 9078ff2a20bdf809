"""A thread-safe in-memory store of courses with optimistic concurrency (a reference)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from datetime import date

from beskaeftigelse._engine.course import Course, Planned
from beskaeftigelse._engine.events import Event
from beskaeftigelse._engine.json import definition_digest
from beskaeftigelse._engine.programme import ProgrammeDefinition
from beskaeftigelse._engine.stores.contract import (
    DueItem,
    bucket,
    check_course,
    check_due_filters,
    check_event,
    check_key,
    check_partition,
    check_replaces,
    check_version,
    pending,
)
from beskaeftigelse._kernel.errors import UnknownCourse, ValidationError


class InMemoryCourseStore:
    """Courses by key, kept in memory, written only by compare-and-set on the version.

    It is the pattern an integrator's database follows (``UPDATE ... WHERE version = ?``), in a
    form tests and notebooks can use: every write names the version it was based on, and a
    write based on an old version raises :class:`~beskaeftigelse.exceptions.StaleVersion`
    instead of overwriting what another writer did. No update is silently lost. It keeps the
    same contract as :class:`SqliteCourseStore` and :class:`PostgresCourseStore`, and empties
    when the process ends.

    Unlike the library's values, a store is mutable; its methods are safe to call from several
    threads.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> from beskaeftigelse import events
    >>> store = InMemoryCourseStore()
    >>> p = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
    >>> store.add("case-1", bk.Course.start(p, participant="ref-1", on=date(2016, 2, 1)))
    >>> course = store.get("case-1")
    >>> store.apply("case-1", events.PhaseCompleted(on=date(2016, 2, 12)),
    ...             expected_version=course.version).state
    'club'
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._courses: dict[str, Course] = {}
        self._pending: dict[str, tuple[Planned, ...]] = {}
        self._definitions: dict[str, ProgrammeDefinition] = {}

    def __len__(self) -> int:
        return len(self._courses)

    def __contains__(self, key: object) -> bool:
        return key in self._courses

    def _keep(self, key: str, course: Course) -> None:
        self._courses[key] = course
        self._pending[key] = pending(course)
        definition = course.programme.definition
        self._definitions.setdefault(definition_digest(definition), definition)

    def add(self, key: str, course: Course) -> None:
        """Keep a new course under ``key``.

        Raises:
            ValidationError: ``key`` is taken or not a valid key, or ``course`` is not a course.
        """
        self.add_all([(key, course)])

    def add_all(self, courses: Iterable[tuple[str, Course]]) -> None:
        """Keep new courses, ``(key, course)`` pairs, all or none of them.

        Raises:
            ValidationError: A key is taken, given twice or not a valid key, or a value is not
                a course; nothing was added.
        """
        items = [(check_key(key), check_course(course)) for key, course in courses]
        if len({key for key, _ in items}) != len(items):
            raise ValidationError("a key is given twice", path="key")
        with self._lock:
            if any(key in self._courses for key, _ in items):
                raise ValidationError("is already taken", path="key")
            for key, course in items:
                self._keep(key, course)

    def get(self, key: str) -> Course:
        """The current course under ``key`` (its ``version`` is what to write back).

        Raises:
            UnknownCourse: There is none.
        """
        try:
            return self._courses[key]
        except (KeyError, TypeError):
            pass
        raise UnknownCourse(str(key))

    def apply(self, key: str, event: Event, *, expected_version: int) -> Course:
        """Apply ``event`` to the course under ``key`` if it is still at ``expected_version``.

        Raises:
            StaleVersion: Another write came first; nothing changed.
            TransitionRefused: The course cannot take the event; nothing changed.
            UnknownCourse: There is no course under ``key``.
            ValidationError: ``event`` is not an event or ``expected_version`` not an ``int``.
        """
        check_event(event)
        check_version(expected_version)
        with self._lock:
            course = self.get(key).apply(event, expected_version=expected_version)
            self._keep(key, course)
            return course

    def save(self, key: str, course: Course, *, expected_version: int) -> None:
        """Replace the course under ``key`` by ``course``, a later state of the same course.

        Raises:
            StaleVersion: The stored course is not at ``expected_version``, or ``course`` does
                not continue its history; nothing changed.
            UnknownCourse: There is no course under ``key``.
            ValidationError: ``course`` is of another programme or participant than the stored
                one, or ``expected_version`` is not an ``int``; nothing changed.
        """
        check_course(course)
        check_version(expected_version)
        with self._lock:
            check_replaces(self.get(key), course, expected_version)
            self._keep(key, course)

    def due(
        self, *, on: date, programme: str | None = None, provider: str | None = None
    ) -> tuple[DueItem, ...]:
        """Every item due or overdue on ``on`` across the stored courses, oldest first.

        It equals asking every stored course ``course.due(on=on)``; the store keeps the items
        not yet done of each course up to date on each write, so nothing is replayed here.

        Args:
            on: The day.
            programme: Only courses of this programme key.
            provider: Only courses of programmes this provider runs.

        Raises:
            ValidationError: ``on`` is not a date, or a filter not a string.
        """
        check_due_filters(on, programme, provider)
        found: list[tuple[date, str, int, DueItem]] = []
        with self._lock:
            for key, items in self._pending.items():
                if not items or items[0].on > on:
                    continue
                definition = self._courses[key].programme.definition
                if programme is not None and definition.key != programme:
                    continue
                if provider is not None and definition.provider != provider:
                    continue
                for position, item in enumerate(items):
                    if item.on > on:
                        break
                    due = DueItem(
                        key=key,
                        programme=definition.key,
                        provider=definition.provider,
                        item=item,
                        days_overdue=(on - item.on).days,
                    )
                    found.append((item.on, key, position, due))
        found.sort(key=lambda row: row[:3])
        return tuple(row[3] for row in found)

    def definitions(self) -> tuple[ProgrammeDefinition, ...]:
        """Every programme definition a stored course runs under, once each.

        Pass them to :func:`~beskaeftigelse.from_json` (``definitions=``) to read documents
        that reference their definition.
        """
        with self._lock:
            return tuple(self._definitions.values())

    def courses(self, *, partition: int = 0, partitions: int = 1) -> Iterator[tuple[str, Course]]:
        """The stored courses of one partition, ``(key, course)`` by key.

        A course is in partition ``crc32(key) % partitions``, the same in every store, so
        ``partitions`` workers can each read one part.

        Raises:
            ValidationError: ``partition`` is not one of ``0 .. partitions - 1``.
        """
        part, parts = check_partition(partition, partitions)
        with self._lock:
            chosen = sorted((k, c) for k, c in self._courses.items() if bucket(k) % parts == part)
        return iter(chosen)

"""A thread-safe in-memory store of courses with optimistic concurrency (a reference)."""

from __future__ import annotations

import threading

from beskaeftigelse._engine.course import Course
from beskaeftigelse._engine.events import Event
from beskaeftigelse._kernel.errors import StaleVersion, UnknownCourse, ValidationError


class InMemoryCourseStore:
    """Courses by key, kept in memory, written only by compare-and-set on the version.

    It is the pattern an integrator's database follows (``UPDATE ... WHERE version = ?``), in a
    form tests and notebooks can use: every write names the version it was based on, and a
    write based on an old version raises :class:`~beskaeftigelse.exceptions.StaleVersion`
    instead of overwriting what another writer did. No update is silently lost.

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

    def __len__(self) -> int:
        return len(self._courses)

    def __contains__(self, key: object) -> bool:
        return key in self._courses

    def add(self, key: str, course: Course) -> None:
        """Keep a new course under ``key``.

        Raises:
            ValidationError: ``key`` is taken, or ``course`` is not a course.
        """
        if not isinstance(course, Course):
            raise ValidationError("must be a Course", path="course")
        with self._lock:
            if key in self._courses:
                raise ValidationError("is already taken", path="key")
            self._courses[key] = course

    def get(self, key: str) -> Course:
        """The current course under ``key`` (its ``version`` is what to write back).

        Raises:
            UnknownCourse: There is none.
        """
        try:
            return self._courses[key]
        except KeyError:
            raise UnknownCourse(key) from None

    def apply(self, key: str, event: Event, *, expected_version: int) -> Course:
        """Apply ``event`` to the course under ``key`` if it is still at ``expected_version``.

        Raises:
            StaleVersion: Another write came first; nothing changed.
            TransitionRefused: The course cannot take the event; nothing changed.
            UnknownCourse: There is no course under ``key``.
        """
        with self._lock:
            course = self.get(key).apply(event, expected_version=expected_version)
            self._courses[key] = course
            return course

    def save(self, key: str, course: Course, *, expected_version: int) -> None:
        """Replace the course under ``key`` by ``course``, a later state of the same course.

        Raises:
            StaleVersion: The stored course is not at ``expected_version``, or ``course`` does
                not continue its history; nothing changed.
            UnknownCourse: There is no course under ``key``.
        """
        with self._lock:
            current = self.get(key)
            if current.version != expected_version:
                raise StaleVersion(expected=expected_version, actual=current.version)
            if course.history[: current.version] != current.history:
                raise StaleVersion(expected=expected_version, actual=current.version)
            self._courses[key] = course

"""What the SQLite and PostgreSQL stores share: the schema's shape, the queries, the checks.

Tables (the same in both databases; see the how-to "Store courses in SQLite or PostgreSQL"):

``store_schema``
    One row: the version of the store's own schema, brought up to date when a store opens.
``definitions``
    Each programme definition once, by content digest: ``digest`` (primary key), ``key``,
    ``version`` (the first day of its validity), ``document`` (its JSON, embedded form).
``courses``
    One row per course: ``id``, ``key`` (unique), ``digest`` (its definition), ``programme``,
    ``provider``, ``started_on``, ``version`` (number of events), ``state``, ``bucket``
    (CRC-32 of the key, for partitions).
``events``
    Append-only: ``course_id``, ``seq`` (1 is ``Started``), ``on_date``, ``kind``,
    ``document`` (the event's JSON). Triggers refuse every update and delete.
``due_items``
    The index of items not yet done, rewritten with each write of a course: ``course_id``,
    ``position``, ``course_key``, ``programme``, ``provider``, the planned item's ``kind``,
    ``item_key``, ``number``, ``planned_on``, ``nominal``, ``name_da``, ``name_en``.
"""

from __future__ import annotations

import abc
import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Self

from beskaeftigelse._engine.course import Course
from beskaeftigelse._engine.events import Event
from beskaeftigelse._engine.json import definition_digest, from_json, to_json
from beskaeftigelse._engine.programme import ProgrammeDefinition
from beskaeftigelse._engine.stores.contract import (
    CourseCache,
    DueItem,
    bucket,
    check_course,
    check_due_filters,
    check_event,
    check_key,
    check_partition,
    check_replaces,
    check_version,
    due_item,
    pending,
)
from beskaeftigelse._kernel.errors import StaleVersion, UnknownCourse, ValidationError

_PAGE = 500
_SELECT_ROW = "SELECT id, digest, version FROM courses WHERE key = ?"

Row = tuple[Any, ...]


class SqlCourseStore(abc.ABC):
    """The course store over a SQL database; a subclass says how to talk to its database.

    Every write is one transaction that checks the version it was based on, so a write based
    on an old read raises :class:`~beskaeftigelse.exceptions.StaleVersion` and changes nothing.
    """

    #: The statements of each version of the store's schema, oldest first.
    MIGRATIONS: tuple[tuple[str, ...], ...] = ()
    _BEGIN_WRITE = "BEGIN"
    _FOR_UPDATE = ""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._cache = CourseCache()
        self._definitions: dict[str, ProgrammeDefinition] = {}

    # -- what a database must provide -----------------------------------------------------

    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[object] | None = None) -> None:
        """Run one statement."""

    @abc.abstractmethod
    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run one query; its rows."""

    @abc.abstractmethod
    def _execute_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        """Run one statement for each of ``rows``."""

    @abc.abstractmethod
    def _date(self, day: date) -> object:
        """``day`` as the database takes it."""

    def _before_migrating(self) -> None:  # noqa: B027 - a hook: most databases need nothing
        """Anything to do first in the transaction that migrates the schema."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection; the store cannot be used after."""

    # -- plumbing -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            self._execute(self._BEGIN_WRITE)
            try:
                yield
            except BaseException:
                self._execute("ROLLBACK")
                raise
            self._execute("COMMIT")

    def _migrate(self) -> None:
        latest = len(self.MIGRATIONS)
        with self._transaction():
            self._before_migrating()
            self._execute("CREATE TABLE IF NOT EXISTS store_schema (version INTEGER NOT NULL)")
            rows = self._query("SELECT version FROM store_schema")
            current = rows[0][0] if rows else 0
            if current > latest:
                raise ValidationError(
                    f"the store's schema is version {current}, written by a later version of "
                    f"the library; this one knows versions up to {latest}",
                    path="store_schema.version",
                )
            for step in self.MIGRATIONS[current:]:
                for statement in step:
                    self._execute(statement)
            if not rows:
                self._execute("INSERT INTO store_schema (version) VALUES (?)", (latest,))
            elif current != latest:
                self._execute("UPDATE store_schema SET version = ?", (latest,))

    @property
    def schema_version(self) -> int:
        """The version of the store's own schema (see :attr:`MIGRATIONS`)."""
        with self._lock:
            return int(self._query("SELECT version FROM store_schema")[0][0])

    def _definition(self, digest: str, document: str | None = None) -> ProgrammeDefinition:
        found = self._definitions.get(digest)
        if found is not None:
            return found
        if document is None:
            document = self._query("SELECT document FROM definitions WHERE digest = ?", (digest,))[
                0
            ][0]
        found = from_json(document, ProgrammeDefinition)
        actual = definition_digest(found)
        if actual != digest:
            raise ValidationError(
                f"the stored definition {digest} has the digest {actual}: it was changed "
                "outside the library",
                path="definitions.document",
            )
        self._definitions[digest] = found
        return found

    def _course(self, key: str, digest: str, documents: Iterable[str]) -> Course:
        history = [from_json(document, Event) for document in documents]
        course = Course.replay(self._definition(digest), history)
        self._cache.put(key, digest, course)
        return course

    def _load(self, key: str, course_id: int, digest: str, version: int) -> Course:
        found = self._cache.get(key, version, digest)
        if found is not None:
            return found
        rows = self._query(
            "SELECT document FROM events WHERE course_id = ? AND seq <= ? ORDER BY seq",
            (course_id, version),
        )
        return self._course(key, digest, (row[0] for row in rows))

    def _row(self, key: object, *, lock: bool = False) -> tuple[int, str, int]:
        rows = (
            self._query(_SELECT_ROW + (self._FOR_UPDATE if lock else ""), (key,))
            if isinstance(key, str)
            else []
        )
        if not rows:
            raise UnknownCourse(str(key))
        course_id, digest, version = rows[0]
        return int(course_id), str(digest), int(version)

    def _write_index(self, course_id: int, key: str, course: Course) -> None:
        definition = course.programme.definition
        self._execute("DELETE FROM due_items WHERE course_id = ?", (course_id,))
        self._execute_many(
            "INSERT INTO due_items (course_id, position, course_key, programme, provider, kind, "
            "item_key, number, planned_on, nominal, name_da, name_en) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    course_id,
                    position,
                    key,
                    definition.key,
                    definition.provider,
                    item.kind.value,
                    item.key,
                    item.number,
                    self._date(item.on),
                    self._date(item.nominal),
                    item.name_da,
                    item.name_en,
                )
                for position, item in enumerate(pending(course))
            ],
        )

    def _append(self, course_id: int, key: str, stored: int, course: Course) -> None:
        self._execute_many(
            "INSERT INTO events (course_id, seq, on_date, kind, document) VALUES (?, ?, ?, ?, ?)",
            [
                (course_id, seq, self._date(event.on), event.kind, to_json(event))
                for seq, event in enumerate(course.history[stored:], start=stored + 1)
            ],
        )
        self._execute(
            "UPDATE courses SET version = ?, state = ? WHERE id = ? AND version = ?",
            (course.version, course.state, course_id, stored),
        )
        self._write_index(course_id, key, course)

    # -- the contract ---------------------------------------------------------------------

    def __len__(self) -> int:
        with self._lock:
            return int(self._query("SELECT count(*) FROM courses")[0][0])

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        with self._lock:
            return bool(self._query("SELECT 1 FROM courses WHERE key = ?", (key,)))

    def add(self, key: str, course: Course) -> None:
        """Keep a new course under ``key``.

        Raises:
            ValidationError: ``key`` is taken or not a valid key, or ``course`` is not a
                course; nothing was written.
        """
        self.add_all([(key, course)])

    def add_all(self, courses: Iterable[tuple[str, Course]]) -> None:
        """Keep new courses, ``(key, course)`` pairs, in one transaction: all or none.

        Raises:
            ValidationError: A key is taken, given twice or not a valid key, or a value is not
                a course; nothing was written.
        """
        items = [(check_key(key), check_course(course)) for key, course in courses]
        if len({key for key, _ in items}) != len(items):
            raise ValidationError("a key is given twice", path="key")
        definitions = {
            definition_digest(c.programme.definition): c.programme.definition for _, c in items
        }
        with self._transaction():
            self._execute_many(
                "INSERT INTO definitions (digest, key, version, document) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (digest) DO NOTHING",
                [
                    (digest, d.key, self._date(d.validity.start), to_json(d))
                    for digest, d in definitions.items()
                ],
            )
            for key, course in items:
                definition = course.programme.definition
                rows = self._query(
                    "INSERT INTO courses (key, digest, programme, provider, started_on, version, "
                    "state, bucket) VALUES (?, ?, ?, ?, ?, 0, ?, ?) "
                    "ON CONFLICT (key) DO NOTHING RETURNING id",
                    (
                        key,
                        definition_digest(definition),
                        definition.key,
                        definition.provider,
                        self._date(course.started_on),
                        course.state,
                        bucket(key),
                    ),
                )
                if not rows:
                    raise ValidationError("is already taken", path="key")
                self._append(int(rows[0][0]), key, 0, course)
        for key, course in items:
            self._cache.put(key, definition_digest(course.programme.definition), course)

    def get(self, key: str) -> Course:
        """The current course under ``key`` (its ``version`` is what to write back).

        Raises:
            UnknownCourse: There is none.
            ValidationError: What is stored does not load (changed outside the library).
        """
        with self._lock:
            course_id, digest, version = self._row(key)
            return self._load(key, course_id, digest, version)

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
        with self._transaction():
            course_id, digest, version = self._row(key, lock=True)
            if version != expected_version:
                raise StaleVersion(expected=expected_version, actual=version)
            course = self._load(key, course_id, digest, version).apply(event)
            self._append(course_id, key, version, course)
        self._cache.put(key, digest, course)
        return course

    def save(self, key: str, course: Course, *, expected_version: int) -> None:
        """Replace the course under ``key`` by ``course``, a later state of the same course.

        Only the events after the stored ones are written (the event table is append-only).

        Raises:
            StaleVersion: The stored course is not at ``expected_version``, or ``course`` does
                not continue its history; nothing changed.
            UnknownCourse: There is no course under ``key``.
            ValidationError: ``course`` is of another programme or participant than the stored
                one, or ``expected_version`` is not an ``int``; nothing changed.
        """
        check_course(course)
        check_version(expected_version)
        with self._transaction():
            course_id, digest, version = self._row(key, lock=True)
            check_replaces(self._load(key, course_id, digest, version), course, expected_version)
            if course.version > version:
                self._append(course_id, key, version, course)
        self._cache.put(key, digest, course)

    def due(
        self, *, on: date, programme: str | None = None, provider: str | None = None
    ) -> tuple[DueItem, ...]:
        """Every item due or overdue on ``on`` across the stored courses, oldest first.

        It is one query of the index the store rewrites with each write of a course, and
        equals asking every stored course ``course.due(on=on)``; items of the same date are
        ordered by course key, then as in the course's schedule.

        Args:
            on: The day.
            programme: Only courses of this programme key.
            provider: Only courses of programmes this provider runs.

        Raises:
            ValidationError: ``on`` is not a date, or a filter not a string.
        """
        check_due_filters(on, programme, provider)
        sql = (
            "SELECT course_key, programme, provider, kind, item_key, number, planned_on, "
            "nominal, name_da, name_en FROM due_items WHERE planned_on <= ?"
        )
        params: list[object] = [self._date(on)]
        for column, value in (("programme", programme), ("provider", provider)):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        sql += " ORDER BY planned_on, course_key, position"
        with self._lock:
            rows = self._query(sql, params)
        # Courses that started on the same day share their planned items: build each once.
        items: dict[tuple[Any, ...], DueItem] = {}
        found = []
        for r in rows:
            shape = r[3:]
            first = items.get(shape)
            if first is None:
                row = (r[3], r[4], r[5], _read_date(r[6]), _read_date(r[7]), r[8], r[9])
                first = items[shape] = due_item(r[0], r[1], r[2], row, on)
            found.append(
                DueItem(
                    key=r[0],
                    programme=r[1],
                    provider=r[2],
                    item=first.item,
                    days_overdue=first.days_overdue,
                )
            )
        return tuple(found)

    def definitions(self) -> tuple[ProgrammeDefinition, ...]:
        """Every programme definition stored, once each, checked against its digest.

        Pass them to :func:`~beskaeftigelse.from_json` (``definitions=``) to read documents
        that reference their definition.

        Raises:
            ValidationError: A stored definition does not match its digest.
        """
        with self._lock:
            rows = self._query("SELECT digest, document FROM definitions ORDER BY key, version")
            return tuple(self._definition(digest, document) for digest, document in rows)

    def courses(self, *, partition: int = 0, partitions: int = 1) -> Iterator[tuple[str, Course]]:
        """The stored courses of one partition, ``(key, course)`` by key, read page by page.

        A course is in partition ``crc32(key) % partitions``, the same in every store, so
        ``partitions`` workers (processes, Dask tasks) can each read one part. Each course is
        read whole, as it stood when its page was read.

        Raises:
            ValidationError: ``partition`` is not one of ``0 .. partitions - 1``.
        """
        part, parts = check_partition(partition, partitions)
        return self._pages(part, parts)

    def _pages(self, part: int, parts: int) -> Iterator[tuple[str, Course]]:
        last = ""
        while True:
            with self._lock:
                keys = self._query(
                    "SELECT key FROM courses WHERE bucket % ? = ? AND key > ? ORDER BY key LIMIT ?",
                    (parts, part, last, _PAGE),
                )
                if not keys:
                    return
                rows = self._query(
                    "SELECT c.key, c.digest, e.document FROM courses c JOIN events e "
                    "ON e.course_id = c.id AND e.seq <= c.version "
                    "WHERE c.bucket % ? = ? AND c.key > ? AND c.key <= ? ORDER BY c.key, e.seq",
                    (parts, part, last, keys[-1][0]),
                )
                page = _group(rows)
                courses = [(key, self._course(key, digest, docs)) for key, digest, docs in page]
            yield from courses
            last = keys[-1][0]


def _read_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _group(rows: list[Row]) -> list[tuple[str, str, list[str]]]:
    """Rows of ``(key, digest, document)`` grouped by course."""
    groups: list[tuple[str, str, list[str]]] = []
    for key, digest, document in rows:
        if not groups or groups[-1][0] != key:
            groups.append((key, digest, []))
        groups[-1][2].append(document)
    return groups

"""The course store on SQLite (the standard library's ``sqlite3``): the embedded default."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from beskaeftigelse._engine.stores.sql import Row, SqlCourseStore
from beskaeftigelse._kernel.errors import ValidationError

_APPEND_ONLY = """
CREATE TRIGGER {table}_append_only_{action} BEFORE {action} ON {table}
BEGIN SELECT RAISE(ABORT, '{table} rows are append-only: they are never changed'); END
"""

_SCHEMA_1 = (
    """CREATE TABLE definitions (
        digest TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        version TEXT NOT NULL,
        document TEXT NOT NULL
    )""",
    """CREATE TABLE courses (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        digest TEXT NOT NULL REFERENCES definitions (digest),
        programme TEXT NOT NULL,
        provider TEXT NOT NULL,
        started_on TEXT NOT NULL,
        version INTEGER NOT NULL,
        state TEXT NOT NULL,
        bucket INTEGER NOT NULL
    )""",
    """CREATE TABLE events (
        course_id INTEGER NOT NULL REFERENCES courses (id),
        seq INTEGER NOT NULL,
        on_date TEXT NOT NULL,
        kind TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (course_id, seq)
    ) WITHOUT ROWID""",
    """CREATE TABLE due_items (
        course_id INTEGER NOT NULL REFERENCES courses (id),
        position INTEGER NOT NULL,
        course_key TEXT NOT NULL,
        programme TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        item_key TEXT NOT NULL,
        number INTEGER NOT NULL,
        planned_on TEXT NOT NULL,
        nominal TEXT NOT NULL,
        name_da TEXT NOT NULL,
        name_en TEXT NOT NULL,
        PRIMARY KEY (planned_on, course_key, position)
    ) WITHOUT ROWID""",
    # The table is kept in the order due() reads it: a range of dates is one sequential scan.
    "CREATE INDEX due_items_by_course ON due_items (course_id)",
    "CREATE INDEX due_items_by_programme ON due_items (programme, planned_on)",
    "CREATE INDEX due_items_by_provider ON due_items (provider, planned_on)",
    *(
        _APPEND_ONLY.format(table=table, action=action)
        for table in ("events", "definitions")
        for action in ("UPDATE", "DELETE")
    ),
)


class SqliteCourseStore(SqlCourseStore):
    """Courses in one SQLite file: an append-only event table, definitions stored once.

    The same contract as :class:`InMemoryCourseStore`: every write names the version it was
    based on and is refused with :class:`~beskaeftigelse.exceptions.StaleVersion` if another
    writer came first. The file is in WAL mode and every write is one immediate transaction
    with ``synchronous=FULL``, so several processes can share a file, and a write that
    returned survives a crash of the process or of the machine; a write cut off halfway
    leaves nothing behind. The store's schema is created, or migrated, when it opens.

    Its methods are safe to call from several threads (they share one connection).

    Args:
        path: The database file (created if missing), or ``":memory:"``.
        timeout: How many seconds a write waits for another process's write to finish
            before ``sqlite3.OperationalError`` ("database is locked") is raised.

    Raises:
        ValidationError: ``path`` is not a path, or the file's schema was written by a later
            version of the library.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> from beskaeftigelse import events
    >>> p = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
    >>> with SqliteCourseStore(":memory:") as store:
    ...     store.add("case-1", bk.Course.start(p, participant="ref-1", on=date(2016, 2, 1)))
    ...     course = store.apply("case-1", events.PhaseCompleted(on=date(2016, 2, 12)),
    ...                          expected_version=1)
    ...     (course.state, store.get("case-1") == course)
    ('club', True)
    """

    MIGRATIONS = (_SCHEMA_1,)
    _BEGIN_WRITE = "BEGIN IMMEDIATE"

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        super().__init__()
        if not isinstance(path, (str, os.PathLike)):
            raise ValidationError("must be a file path", path="path")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0:
            raise ValidationError("must be a number of seconds", path="timeout")
        self._conn = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def _execute(self, sql: str, params: Sequence[object] | None = None) -> None:
        self._conn.execute(sql, () if params is None else params)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._conn.execute(sql, params).fetchall()

    def _execute_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self._conn.executemany(sql, rows)

    def _date(self, day: date) -> object:
        return day.isoformat()

    def close(self) -> None:
        """Close the connection; the store cannot be used after."""
        with self._lock:
            self._conn.close()

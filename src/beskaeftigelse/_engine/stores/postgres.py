"""The course store on PostgreSQL (``psycopg`` 3, the ``postgres`` extra), for many servers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from beskaeftigelse._engine.stores.sql import Row, SqlCourseStore
from beskaeftigelse._kernel.errors import ValidationError

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")

_REFUSE_CHANGE = """
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only: they are never changed', TG_TABLE_NAME;
END
$$
"""

_APPEND_ONLY = """
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION refuse_change()
"""

_SCHEMA_1 = (
    """CREATE TABLE definitions (
        digest TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        version DATE NOT NULL,
        document TEXT NOT NULL
    )""",
    """CREATE TABLE courses (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        digest TEXT NOT NULL REFERENCES definitions (digest),
        programme TEXT NOT NULL,
        provider TEXT NOT NULL,
        started_on DATE NOT NULL,
        version INTEGER NOT NULL,
        state TEXT NOT NULL,
        bucket BIGINT NOT NULL
    )""",
    """CREATE TABLE events (
        course_id BIGINT NOT NULL REFERENCES courses (id),
        seq INTEGER NOT NULL,
        on_date DATE NOT NULL,
        kind TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (course_id, seq)
    )""",
    """CREATE TABLE due_items (
        course_id BIGINT NOT NULL REFERENCES courses (id),
        position INTEGER NOT NULL,
        course_key TEXT NOT NULL,
        programme TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        item_key TEXT NOT NULL,
        number INTEGER NOT NULL,
        planned_on DATE NOT NULL,
        nominal DATE NOT NULL,
        name_da TEXT NOT NULL,
        name_en TEXT NOT NULL,
        PRIMARY KEY (course_id, position)
    )""",
    "CREATE INDEX due_items_by_date ON due_items (planned_on)",
    "CREATE INDEX due_items_by_programme ON due_items (programme, planned_on)",
    "CREATE INDEX due_items_by_provider ON due_items (provider, planned_on)",
    _REFUSE_CHANGE,
    *(_APPEND_ONLY.format(table=table) for table in ("events", "definitions")),
)


def _psycopg() -> Any:
    try:
        import psycopg  # noqa: PLC0415 - an optional extra, loaded only when asked for
    except ImportError:
        raise ImportError(
            "PostgresCourseStore needs psycopg 3: pip install 'beskaeftigelse[postgres]'"
        ) from None
    return psycopg


class PostgresCourseStore(SqlCourseStore):
    """Courses in PostgreSQL, for several application servers writing at once.

    The same contract and tables as :class:`SqliteCourseStore`. A write locks its course's
    row (``SELECT ... FOR UPDATE``) in a transaction that checks the version it was based on,
    so writers on different connections and servers never lose each other's writes: the later
    one gets :class:`~beskaeftigelse.exceptions.StaleVersion`. The tables live in their own
    PostgreSQL schema, created or migrated when a store opens (under an advisory lock, so
    servers starting together migrate once).

    Its methods are safe to call from several threads (they share one connection); give each
    process its own store.

    Args:
        conninfo: A libpq connection string or URI, e.g. ``"postgresql://app@db/cases"``.
        schema: The PostgreSQL schema that holds the tables (lower-case letters, digits and
            ``_``).

    Raises:
        ImportError: psycopg is not installed (``pip install 'beskaeftigelse[postgres]'``).
        ValidationError: ``schema`` is not a plain name, or the schema was written by a later
            version of the library.
    """

    MIGRATIONS = (_SCHEMA_1,)
    _FOR_UPDATE = " FOR UPDATE"

    def __init__(self, conninfo: str, *, schema: str = "beskaeftigelse") -> None:
        super().__init__()
        if not isinstance(conninfo, str):
            raise ValidationError("must be a connection string", path="conninfo")
        if not isinstance(schema, str) or not _IDENTIFIER.fullmatch(schema):
            raise ValidationError(
                "must be a plain name: lower-case letters, digits and _", path="schema"
            )
        psycopg = _psycopg()
        self._schema = schema
        self._sql_cache: dict[str, str] = {}
        self._conn = psycopg.connect(conninfo, autocommit=True)
        try:
            self._conn.execute(
                psycopg.sql.SQL("SET search_path TO {}").format(psycopg.sql.Identifier(schema))
            )
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def _before_migrating(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(hashtext(?))", (self._schema,))
        self._execute(f"CREATE SCHEMA IF NOT EXISTS {self._schema}")

    def _sql(self, sql: str) -> str:
        found = self._sql_cache.get(sql)
        if found is None:
            found = self._sql_cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return found

    def _execute(self, sql: str, params: Sequence[object] | None = None) -> None:
        if params is None:
            self._conn.execute(sql)
        else:
            self._conn.execute(self._sql(sql), params)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return list(self._conn.execute(self._sql(sql), params).fetchall())

    def _execute_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        rows = list(rows)
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)

    def _date(self, day: date) -> object:
        return day

    def close(self) -> None:
        """Close the connection; the store cannot be used after."""
        with self._lock:
            self._conn.close()

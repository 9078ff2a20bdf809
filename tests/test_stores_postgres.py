"""PostgreSQL on a real server the test session starts: schemas, triggers, many connections."""

import sys
import threading

import psycopg
import pytest

import beskaeftigelse as bk
from beskaeftigelse.stores import PostgresCourseStore

from . import pg
from .test_stores import club_course


def test_the_schema_is_versioned_and_migrated_once_by_servers_starting_together():
    dsn, schema = pg.dsn(), pg.fresh_schema()
    opened, errors = [], []
    barrier = threading.Barrier(4)

    def open_store():
        barrier.wait()
        try:
            opened.append(PostgresCourseStore(dsn, schema=schema))
        except Exception as error:  # noqa: BLE001 - collected and shown below
            errors.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(store.schema_version == 1 for store in opened)
    opened[0].add("case", club_course())
    assert opened[3].get("case") == club_course()
    with psycopg.connect(pg.dsn(), autocommit=True) as conn:
        conn.execute(f"SET search_path TO {schema}")
        conn.execute("UPDATE store_schema SET version = 5")
        for sql in ("UPDATE events SET kind = 'x'", "DELETE FROM definitions"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(sql)
    with pytest.raises(bk.ValidationError, match="schema is version 5"):
        PostgresCourseStore(pg.dsn(), schema=schema)
    for store in opened:
        store.close()


def test_arguments_are_checked():
    for schema in ("Public", "drop table x", "", 3, "a" * 64):
        with pytest.raises(bk.ValidationError) as info:
            PostgresCourseStore(pg.dsn(), schema=schema)
        assert info.value.path == "schema"
    with pytest.raises(bk.ValidationError):
        PostgresCourseStore(None)


def test_without_psycopg_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(ImportError, match=r"beskaeftigelse\[postgres\]"):
        PostgresCourseStore("host=/nowhere")

"""SQLite on a real file: several processes, a writer killed mid-write, the schema's versions."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse.stores import SqliteCourseStore

from .test_stores import CLUB, club_course, dues_by_asking

SRC = str(Path(__file__).resolve().parent.parent / "src")

# A writer that adds courses and applies an event to each, printing each acknowledged write.
WRITER = """
import sys
from datetime import date
import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse.stores import SqliteCourseStore

store = SqliteCourseStore(sys.argv[1])
p = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
i = 0
while True:
    key = f"w-{i}"
    store.add(key, bk.Course.start(p, participant=f"ref-{i}", on=date(2016, 2, 1)))
    print("add", key, flush=True)
    store.apply(key, events.PhaseCompleted(on=date(2016, 2, 15)), expected_version=1)
    print("apply", key, flush=True)
    i += 1
"""

# A writer that appends coaching sessions to one shared course, retrying on StaleVersion.
RACER = """
import sys
from datetime import date
from beskaeftigelse import events
from beskaeftigelse.exceptions import StaleVersion
from beskaeftigelse.stores import SqliteCourseStore

store = SqliteCourseStore(sys.argv[1])
acked = stale = 0
for _ in range(int(sys.argv[2])):
    while True:
        course = store.get("shared")
        try:
            store.apply("shared", events.CoachingSessionHeld(on=date(2016, 2, 16)),
                        expected_version=course.version)
            acked += 1
            break
        except StaleVersion:
            stale += 1
print(acked, stale)
"""


def python(code, *args):
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def integrity(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall()


def test_a_writer_killed_mid_write_loses_nothing_acknowledged(tmp_path):
    path = tmp_path / "courses.db"
    SqliteCourseStore(path).close()
    writer = python(WRITER, path)
    acked = []
    deadline = time.monotonic() + 60
    while len(acked) < 60 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        acked.append(line.split())
    os.kill(writer.pid, signal.SIGKILL)  # wherever it is: most likely inside a transaction
    rest, errors = writer.communicate()
    assert len(acked) >= 60, errors
    acked += [line.split() for line in rest.splitlines() if len(line.split()) == 2]
    assert integrity(path) == [("ok",)]
    store = SqliteCourseStore(path)
    stored = dict(store.courses())
    for what, key in acked:
        assert stored[key].version >= (2 if what == "apply" else 1)
    # Nothing half-written: every stored course loads whole, and the index matches it.
    adds = sum(1 for what, _ in acked if what == "add")
    assert len(stored) in (adds, adds + 1)  # the last add may have committed, unacknowledged
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT count(*), sum(version) FROM courses").fetchone()
        assert rows == (len(stored), sum(c.version for c in stored.values()))
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == rows[1]
    for on in (date(2016, 2, 15), date(2016, 6, 1)):
        assert store.due(on=on) == dues_by_asking(stored, on)


def test_several_processes_on_one_file_lose_no_acknowledged_write(tmp_path):
    path = tmp_path / "courses.db"
    with SqliteCourseStore(path) as store:
        store.add("shared", club_course())
    processes, per_process = 3, 15
    racers = [python(RACER, path, per_process) for _ in range(processes)]
    results = [racer.communicate(timeout=120) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers), [err for _, err in results]
    acked = sum(int(out.split()[0]) for out, _ in results)
    assert acked == processes * per_process
    with SqliteCourseStore(path) as store:
        final = store.get("shared")
    assert final.held["coaching"] == acked
    assert final.version == club_course().version + acked
    assert integrity(path) == [("ok",)]


def test_the_file_is_in_wal_mode_and_events_are_append_only(tmp_path):
    path = tmp_path / "courses.db"
    with SqliteCourseStore(path) as store:
        store.add("case", club_course())
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        for sql in (
            "UPDATE events SET kind = 'cancelled'",
            "DELETE FROM events",
            "UPDATE definitions SET key = 'x'",
            "DELETE FROM definitions",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)


def test_the_schema_is_versioned(tmp_path):
    path = tmp_path / "courses.db"
    with SqliteCourseStore(path) as store:
        assert store.schema_version == len(SqliteCourseStore.MIGRATIONS) == 1
        store.add("case", club_course())
    with SqliteCourseStore(path) as store:  # opening again migrates nothing, keeps everything
        assert store.get("case") == club_course()
        assert store.schema_version == 1
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE store_schema SET version = 2")
    with pytest.raises(bk.ValidationError, match="schema is version 2") as info:
        SqliteCourseStore(path)
    assert info.value.path == "store_schema.version"


def test_a_store_changed_outside_the_library_does_not_load(tmp_path):
    path = tmp_path / "courses.db"
    with SqliteCourseStore(path) as store:
        store.add("case", club_course())
        store.add("other", club_course("ref-2"))
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER definitions_append_only_UPDATE")
        conn.execute("UPDATE definitions SET document = replace(document, 'Jobklub', 'Jobclub')")
    with SqliteCourseStore(path) as store:
        with pytest.raises(bk.ValidationError, match="changed outside the library"):
            store.get("case")
        with pytest.raises(bk.ValidationError, match="changed outside the library"):
            store.definitions()


def test_a_broken_event_row_does_not_load(tmp_path):
    path = tmp_path / "courses.db"
    with SqliteCourseStore(path) as store:
        store.add("case", club_course())
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER events_append_only_UPDATE")
        later = bk.to_json(events.CoachingSessionHeld(on=CLUB - timedelta(days=30)))
        conn.execute("UPDATE events SET document = ? WHERE seq = 2", (later,))
    with SqliteCourseStore(path) as store, pytest.raises(bk.ValidationError) as info:
        store.get("case")
    assert info.value.path == "history[1]"
    with sqlite3.connect(path) as conn:
        conn.execute('UPDATE events SET document = \'{"schema": 1, "type": "nope"}\'')
    with SqliteCourseStore(path) as store, pytest.raises(bk.ValidationError, match="'type'"):
        store.get("case")


def test_arguments_are_checked(tmp_path):
    with pytest.raises(bk.ValidationError):
        SqliteCourseStore(42)
    for timeout in (-1, True, "5"):
        with pytest.raises(bk.ValidationError):
            SqliteCourseStore(tmp_path / "x.db", timeout=timeout)
    with SqliteCourseStore(":memory:") as store:
        store.add("case", club_course())
        assert store.get("case") == club_course()


def test_a_failed_open_closes_its_connection(tmp_path, monkeypatch):
    path = tmp_path / "courses.db"
    SqliteCourseStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE store_schema SET version = 9")
    for _ in range(3):
        with pytest.raises(bk.ValidationError):
            SqliteCourseStore(path)
    with sqlite3.connect(path) as conn:  # no connection left holding a lock
        conn.execute("UPDATE store_schema SET version = 1")
    assert SqliteCourseStore(path).schema_version == 1

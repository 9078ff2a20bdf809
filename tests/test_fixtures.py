"""Documents written by earlier versions of the library must always load, unchanged.

The fixtures in ``tests/fixtures`` were written by schema version 1 and are never regenerated:
if a change makes them fail, it needs a migration, not a new fixture.
"""

import json
from datetime import date
from pathlib import Path

import pytest

import beskaeftigelse as bk
from beskaeftigelse import events

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_closed_afklaringsforloeb_of_schema_1_loads():
    course = bk.from_json((FIXTURES / "course-schema-1.json").read_text(), bk.Course)
    assert course.state == "closed"
    assert course.programme.capacity == 15
    assert course.held == {"final": 1, "follow_up": 4, "start": 1}
    assert course.calendar.closing_days == {date(2020, 8, 21)}
    assert course.outcomes()[0][1].outcome is events.Outcome.FLEKSJOB
    assert course.history[1].functions.working_time == "3 hours, 3 times a week"


def test_a_jobklub_ended_early_of_schema_1_loads():
    course = bk.from_json((FIXTURES / "jobklub-ended-early-schema-1.json").read_bytes(), bk.Course)
    assert (course.state, course.ended_on) == ("ended", date(2016, 2, 10))
    assert course.history[1].reason is events.EndReason.JOB


# -- migrations ------------------------------------------------------------------------------
# Schema 1 is the first version, so the library has no migration yet; the mechanism is tested
# with migrations of a made-up schema 2 and 3.


def _rename_history(document):
    document["events"] = document.pop("history")
    return document


def _add_note(document):
    return {**document, "note": "migrated"}


STEPS = {1: _rename_history, 2: _add_note}


def test_migrations_run_in_order_and_leave_the_input_alone():
    old = json.loads((FIXTURES / "course-schema-1.json").read_text())
    kept = json.dumps(old)
    new = bk.migrate(old, migrations=STEPS, to=3)
    assert new["schema"] == 3
    assert new["note"] == "migrated"
    assert new["events"] == old["history"]
    assert json.dumps(old) == kept
    assert bk.migrate(old) == old


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        (None, "no schema version"),
        (0, "whole number from 1"),
        (True, "whole number from 1"),
        ("1", "whole number from 1"),
        (4, "unknown schema version 4; this library reads versions up to 3"),
    ],
)
def test_bad_schema_versions_are_refused(schema, reason):
    document = {"history": []} if schema is None else {"schema": schema, "history": []}
    with pytest.raises(bk.ValidationError, match=reason) as info:
        bk.migrate(document, migrations=STEPS, to=3)
    assert info.value.path == "$.schema"


def test_a_gap_in_the_migrations_is_refused():
    with pytest.raises(bk.ValidationError, match="no migration from schema version 2"):
        bk.migrate({"schema": 1, "history": []}, migrations={1: _rename_history}, to=3)


def test_a_document_a_migration_cannot_read_is_a_validation_error():
    with pytest.raises(bk.ValidationError, match=r"cannot be migrated .* \(KeyError\)"):
        bk.migrate({"schema": 1}, migrations=STEPS, to=3)


def test_a_document_from_a_later_library_is_refused_by_from_json():
    document = json.loads((FIXTURES / "course-schema-1.json").read_text())
    document["schema"] = bk.SCHEMA_VERSION + 1
    with pytest.raises(bk.ValidationError, match="unknown schema version 2") as info:
        bk.from_json(json.dumps(document), bk.Course)
    assert info.value.path == "$.schema"

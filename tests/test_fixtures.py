"""Documents written by earlier versions of the library must always load, unchanged.

The fixtures in ``tests/fixtures`` were written by schema version 1 and are never regenerated:
if a change makes them fail, it needs a migration, not a new fixture.
"""

from datetime import date
from pathlib import Path

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

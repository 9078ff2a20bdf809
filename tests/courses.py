"""Real courses built step by step, shared by the tests of the modules that read courses."""

from datetime import date, timedelta

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse._catalogue.programmes import JOBKLUB

JOBKLUB_START = date(2016, 2, 1)


def jobklub_course(offset, path, at_end=None, after=None):
    """A real jobklub course: cancelled, running, ended, or ended with outcomes recorded."""
    start = JOBKLUB_START + timedelta(days=offset)
    course = bk.Course.start(JOBKLUB, participant=f"ref-{offset}", on=start)
    if path == "cancelled":
        return course.apply(events.Cancelled(on=start + timedelta(days=3)))
    if path == "running":
        return course
    end = start + timedelta(days=84)
    course = course.apply(events.PhaseCompleted(on=start + timedelta(days=14)))
    course = course.apply(events.PhaseCompleted(on=end))
    if at_end is not None:
        course = course.apply(events.OutcomeRecorded(on=end, outcome=at_end))
        if after is not None:
            on = end + timedelta(days=100)
            course = course.apply(events.OutcomeRecorded(on=on, outcome=after))
    return course

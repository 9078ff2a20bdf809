"""Charts and tables: what is drawn is what the courses and statistics say."""

import sys
from datetime import date, timedelta

import matplotlib as mpl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import events, plots
from beskaeftigelse._catalogue.programmes import AFKLARINGSFORLOEB, JOBKLUB
from beskaeftigelse._engine.course import ItemKind
from beskaeftigelse.events import Outcome
from beskaeftigelse.stats import LabourMarket, MissingExtra, OutcomeStats

mpl.use("Agg")
from matplotlib.colors import to_rgba
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from .courses import jobklub_course

OUTCOMES = sorted(JOBKLUB.outcomes, key=lambda o: o.value)
CHARTS = settings(max_examples=25)  # a figure costs milliseconds; 25 cover the paths


@st.composite
def jobklub_courses(draw):
    outcome = st.sampled_from(OUTCOMES)
    return jobklub_course(
        draw(st.integers(0, 60)),
        draw(st.sampled_from(["cancelled", "running", "ended"])),
        draw(st.none() | outcome),
        draw(st.none() | outcome),
    )


@st.composite
def afklaring_courses(draw):
    """An afklaringsforløb walked through a drawn prefix of its own meeting plan."""
    start = date(2020, 8, 3) + timedelta(days=draw(st.integers(0, 20)) * 7)
    course = bk.Course.start(AFKLARINGSFORLOEB, participant="ref-a", on=start)
    meetings = [i for i in course.schedule if i.kind is ItemKind.MEETING]
    make = {
        "start": events.StartMeetingHeld,
        "follow_up": events.FollowUpHeld,
        "final": events.FinalMeetingHeld,
    }
    for item in meetings[: draw(st.integers(0, len(meetings)))]:
        course = course.apply(make[item.key](on=item.on))
    return course


courses = jobklub_courses() | afklaring_courses()
cohorts = st.lists(courses, max_size=8)


def bars(ax):
    return [p for p in ax.patches if p.get_width() > 0]


@CHARTS
@given(
    courses, st.none() | st.dates(date(2016, 1, 1), date(2022, 1, 1)), st.sampled_from(["en", "da"])
)
def test_schedule_chart_marks_held_and_planned(course, on, lang):
    figure = plots.schedule_chart(course, on=on, lang=lang)
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    markers = [line for line in ax.lines if line.get_marker() in ("o", "D")]
    expected = [i for i in course.schedule if i.kind in (ItemKind.MEETING, ItemKind.MEASUREMENT)]
    assert sorted(date2num(m.get_xdata()[0]) for m in markers) == sorted(
        date2num(i.on) for i in expected
    )
    filled = sum(to_rgba(m.get_markerfacecolor()) != (1.0, 1.0, 1.0, 1.0) for m in markers)
    assert filled == sum(course._done(i) for i in expected)
    (span, *phases) = ax.patches
    assert span.get_x() == date2num(course.started_on)
    assert span.get_x() + span.get_width() == date2num(plots.planned_end(course))
    starts = [i.on for i in course.schedule if i.kind is ItemKind.PHASE_START]
    assert [p.get_x() for p in phases] == [date2num(on) for on in starts]
    last = date2num(plots.planned_end(course))
    assert all(p.get_x() + p.get_width() <= max(p.get_x(), last) for p in phases)
    assert (len(ax.lines) - len(markers)) == (on is not None)
    assert course.state in ax.get_title()


def test_a_chart_displays_itself_as_png_in_a_notebook():
    figure = plots.cohort_chart([jobklub_course(0, "running")])
    assert figure._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")
    assert type(figure) is type(plots.outcome_chart(OutcomeStats()))


@CHARTS
@given(cohorts, st.none() | st.dates(date(2016, 1, 1), date(2022, 1, 1)))
def test_cohort_chart_has_one_bar_per_course_over_its_span(cohort, on):
    figure = plots.cohort_chart(iter(cohort), on=on, lang="da")
    (ax,) = figure.axes
    drawn = bars(ax)
    assert len(drawn) == len(cohort)
    for bar, course in zip(drawn, cohort, strict=True):
        assert bar.get_x() == date2num(course.started_on)
        assert bar.get_x() + bar.get_width() == date2num(plots.planned_end(course))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [c.participant for c in cohort]
    assert len(ax.lines) == (on is not None)


@CHARTS
@given(cohorts, st.sampled_from(["en", "da"]))
def test_outcome_chart_draws_every_share(cohort, lang):
    stats = OutcomeStats.of(cohort)
    figure = plots.outcome_chart(stats, lang=lang)
    keys = stats.measurements()
    assert len(figure.axes) == max(1, len(keys))
    for ax, at in zip(figure.axes, keys, strict=False):
        widths = [p.get_width() for p in ax.patches]
        assert widths == [float(share.percent or 0) for _, share in stats.by_kind(at=at)]
        assert str(stats.labour_market(at=at)) in ax.get_title()


def test_outcome_chart_of_the_solroed_figure():
    rule = LabourMarket(kinds=(Outcome.ORDINARY_JOB,), source="a test rule")
    cohort = [jobklub_course(n, "ended", Outcome.ORDINARY_JOB) for n in range(3)]
    cohort.append(jobklub_course(9, "ended", Outcome.STILL_UNEMPLOYED))
    figure = plots.outcome_chart(OutcomeStats.of(cohort), rule=rule)
    ax = figure.axes[0]
    assert [p.get_width() for p in ax.patches] == [75.0, 25.0]
    assert ax.get_title() == "end: 3/4 (75.0 %)"


@settings(max_examples=50)
@given(cohorts)
def test_courses_frame_has_a_row_per_course(cohort):
    frame = plots.courses_frame(iter(cohort))
    assert len(frame) == len(cohort)
    for (_, row), course in zip(frame.iterrows(), cohort, strict=True):
        assert row.participant == course.participant
        assert row.started_on == course.started_on
        assert row.state == course.state
        assert row.ended_on == course.ended_on
        assert row.end == plots.planned_end(course)
        assert row.events == len(course.history)
        recorded = {f"outcome_{m.key}": r.outcome.value for m, r in course.outcomes()}
        outcome_columns = [c for c in frame.columns if c.startswith("outcome_")]
        assert {c: row[c] for c in outcome_columns if row[c] is not None} == recorded


def test_planned_end_of_a_running_and_an_ended_course():
    running = jobklub_course(0, "running")
    assert plots.planned_end(running) == date(2016, 4, 21)  # seed 001: moved from a Sunday
    assert plots.planned_end(jobklub_course(0, "cancelled")) == date(2016, 2, 4)


def test_bad_input_names_the_argument():
    course = jobklub_course(0, "running")
    cases = [
        (lambda: plots.schedule_chart("course"), "course"),
        (lambda: plots.schedule_chart(course, lang="de"), "lang"),
        (lambda: plots.cohort_chart("abc"), "courses"),
        (lambda: plots.cohort_chart([course, 3]), "courses[1]"),
        (lambda: plots.outcome_chart([]), "stats"),
        (lambda: plots.outcome_chart(OutcomeStats(), rule="all"), "rule"),
        (lambda: plots.courses_frame(None), "courses"),
    ]
    for call, path in cases:
        with pytest.raises(bk.ValidationError) as caught:
            call()
        assert caught.value.path == path


def test_missing_extras_say_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    course = jobklub_course(0, "running")
    for call in (
        lambda: plots.schedule_chart(course),
        lambda: plots.cohort_chart([course]),
        lambda: plots.outcome_chart(OutcomeStats()),
    ):
        with pytest.raises(MissingExtra) as caught:
            call()
        assert caught.value.extra == "plot"
    with pytest.raises(MissingExtra) as caught:
        plots.courses_frame([course])
    assert caught.value.extra == "pandas"

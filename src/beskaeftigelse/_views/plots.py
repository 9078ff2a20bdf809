"""Charts (matplotlib, the ``plot`` extra) and tables (pandas, the ``pandas`` extra).

Every chart is drawn on a fresh :class:`matplotlib.figure.Figure` that is returned, never
shown: nothing here touches ``pyplot`` or its global state, so it runs headless, in tests and
in notebooks alike (Jupyter displays a returned figure).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from beskaeftigelse._domain.stats.outcomes import (
    SOLROED_LABOUR_MARKET,
    LabourMarket,
    OutcomeStats,
)
from beskaeftigelse._engine.course import Course, ItemKind
from beskaeftigelse._kernel.errors import ValidationError, require_extra
from beskaeftigelse._views.diagrams import Lang, _check_lang

if TYPE_CHECKING:
    from beskaeftigelse._engine.course import Planned

_DONE, _PLANNED, _BAR, _ENDED = "#e65100", "#ffffff", "#90caf9", "#bdbdbd"
_TITLES = {
    "schedule": {"en": "Schedule", "da": "Plan"},
    "cohort": {"en": "Cohort", "da": "Kohorte"},
    "outcomes": {"en": "Outcomes", "da": "Resultater"},
    "share": {"en": "share of those measured (%)", "da": "andel af de målte (%)"},
    "course": {"en": "course", "da": "forløb"},
    "meetings": {"en": "meetings", "da": "møder"},
    "measurements": {"en": "measurements", "da": "målinger"},
    "done": {"en": "done", "da": "holdt"},
    "planned": {"en": "planned", "da": "planlagt"},
    "today": {"en": "on", "da": "pr."},
}


def _figure(width: float, height: float) -> Any:
    figure_module = require_extra("matplotlib.figure", "plot")
    return _chart_class(figure_module.Figure)(figsize=(width, height), layout="constrained")


@functools.cache
def _chart_class(base: Any) -> Any:
    # A figure made without pyplot has no notebook display of its own (the inline backend
    # registers one only once pyplot is imported); this one renders itself as PNG.
    class Chart(base):  # type: ignore[misc]
        """A matplotlib figure that Jupyter displays as PNG, with or without pyplot."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png")
            return buffer.getvalue()

    return Chart


def _course(value: object, path: str) -> Course:
    if not isinstance(value, Course):
        raise ValidationError("must be a Course", path=path)
    return value


def _courses(value: object) -> tuple[Course, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("must be an iterable of courses", path="courses")
    return tuple(_course(c, f"courses[{i}]") for i, c in enumerate(value))


def planned_end(course: Course) -> date:
    """The day a course ends: the day it ended, or was closed (e.g. cancelled), or will end.

    A course that ended has its end date; one in a final state without one (cancelled) stops
    on its last event; a running course runs to the planned end of its schedule.

    >>> import beskaeftigelse as bk
    >>> p = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
    >>> planned_end(bk.Course.start(p, participant="ref-1", on=date(2016, 2, 1)))
    datetime.date(2016, 4, 21)
    """
    if course.ended_on is not None:
        return course.ended_on
    if course.is_final:
        return course.last_on
    ends = [item.on for item in course.schedule if item.kind is ItemKind.END]
    return max(ends, default=course.last_on)


def _label(item: Planned, lang: Lang) -> str:
    return item.name_da if lang == "da" else item.name_en


def schedule_chart(course: Course, *, on: date | None = None, lang: Lang = "en") -> Any:
    """A Gantt-like chart of one course: its span, phases, meetings and measurements.

    Held meetings are filled, planned ones hollow; ``on`` draws a line at that day.

    Args:
        course: The course.
        on: A day to mark (e.g. "today" in the analyst's sense); no line if ``None``.
        lang: Labels in English or Danish.

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        ValidationError: Bad input, naming the argument.
        MissingExtra: matplotlib is not installed (the ``plot`` extra).
    """
    course = _course(course, "course")
    _check_lang(lang)
    figure = _figure(9, 3)
    ax = figure.add_subplot()
    start, end = course.started_on, planned_end(course)
    phases = [i for i in course.schedule if i.kind is ItemKind.PHASE_START]
    rows = [_TITLES["course"][lang]] + [_label(p, lang) for p in phases]
    ax.barh(0, (end - start).days or 1, left=start, color=_BAR, height=0.5)
    for n, phase in enumerate(phases, start=1):
        following = [p.on for p in phases[n:]]
        until = min(following[0], end) if following else end
        # A phase the course never reached (it was cancelled first) gets an empty bar.
        width = max((until - phase.on).days, 0)
        ax.barh(n, width, left=phase.on, color=_BAR, height=0.5)
    meetings = [i for i in course.schedule if i.kind is ItemKind.MEETING]
    measures = [i for i in course.schedule if i.kind is ItemKind.MEASUREMENT]
    for row, items, marker in ((len(rows), meetings, "o"), (len(rows) + 1, measures, "D")):
        for item in items:
            done = course._done(item)  # noqa: SLF001 - the course's own notion of "held"
            ax.plot(
                [item.on],
                [row],
                marker=marker,
                markersize=8,
                markerfacecolor=_DONE if done else _PLANNED,
                markeredgecolor=_DONE,
                linestyle="none",
            )
    rows += [_TITLES["meetings"][lang], _TITLES["measurements"][lang]]
    if on is not None:
        ax.axvline(on, color="#424242", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    name = course.programme.name_da if lang == "da" else course.programme.name_en
    ax.set_title(f"{_TITLES['schedule'][lang]}: {name} ({course.state})")
    figure.autofmt_xdate()
    return figure


def cohort_chart(courses: Iterable[Course], *, on: date | None = None, lang: Lang = "en") -> Any:
    """A Gantt-like chart of a cohort: one bar per course, from its start to its end.

    A finished course's bar is grey and stops on the day it ended or was cancelled; a running
    course's bar runs to its planned end (see :func:`planned_end`). Rows are labelled with the
    participant's opaque reference.

    Args:
        courses: The courses (any iterable; it is read once).
        on: A day to mark with a line; none if ``None``.
        lang: Labels in English or Danish.

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        ValidationError: Bad input, naming the argument.
        MissingExtra: matplotlib is not installed (the ``plot`` extra).
    """
    cohort = _courses(courses)
    _check_lang(lang)
    figure = _figure(9, max(2.0, 0.3 * len(cohort) + 1))
    ax = figure.add_subplot()
    for row, course in enumerate(cohort):
        end = planned_end(course)
        colour = _ENDED if course.ended_on is not None or course.is_final else _BAR
        ax.barh(row, (end - course.started_on).days or 1, left=course.started_on, color=colour)
    if on is not None:
        ax.axvline(on, color="#424242", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(cohort)), [c.participant for c in cohort])
    ax.invert_yaxis()
    ax.set_title(f"{_TITLES['cohort'][lang]}: {len(cohort)}")
    figure.autofmt_xdate()
    return figure


def outcome_chart(
    stats: OutcomeStats,
    *,
    rule: LabourMarket = SOLROED_LABOUR_MARKET,
    lang: Lang = "en",
) -> Any:
    """Outcome shares as horizontal bars, one panel per measurement point.

    Bars of the kinds ``rule`` counts as "in the labour market" are coloured; the panel title
    gives that share and the denominator.

    Args:
        stats: The statistics.
        rule: Which kinds count as in the labour market.
        lang: Labels in English or Danish.

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        ValidationError: Bad input, naming the argument.
        MissingExtra: matplotlib is not installed (the ``plot`` extra).
    """
    if not isinstance(stats, OutcomeStats):
        raise ValidationError("must be OutcomeStats", path="stats")
    if not isinstance(rule, LabourMarket):
        raise ValidationError("must be a LabourMarket", path="rule")
    _check_lang(lang)
    keys = stats.measurements()
    figure = _figure(8, 2.5 * max(1, len(keys)))
    if not keys:
        ax = figure.add_subplot()
        ax.set_title(f"{_TITLES['outcomes'][lang]}: 0")
        return figure
    axes = figure.subplots(len(keys), 1, squeeze=False)[:, 0]
    for ax, at in zip(axes, keys, strict=True):
        rows = stats.by_kind(at=at, rule=rule)
        labels = [kind.label_da if lang == "da" else kind.label_en for kind, _ in rows]
        values = [float(share.percent or 0) for _, share in rows]
        colours = [_DONE if kind in rule else _ENDED for kind, _ in rows]
        ax.barh(range(len(rows)), values, color=colours)
        ax.set_yticks(range(len(rows)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(_TITLES["share"][lang])
        ax.set_title(f"{at}: {stats.labour_market(at=at, rule=rule)}")
    return figure


def courses_frame(courses: Iterable[Course]) -> Any:
    """Courses as a pandas DataFrame, one row per course (needs the ``pandas`` extra).

    Columns: ``participant``, ``programme``, ``started_on``, ``state``, ``ended_on`` (``None``
    while running), ``end`` (the day it ended or is planned to end), ``final``, ``events``,
    then one column ``outcome_<measurement>`` per measurement point any course has, holding
    the outcome's value (``None`` where none is recorded).

    Args:
        courses: The courses (any iterable; it is read once).

    Returns:
        A ``pandas.DataFrame``.

    Raises:
        ValidationError: Bad input, naming the argument.
        MissingExtra: pandas is not installed.
    """
    cohort = _courses(courses)
    pandas = require_extra("pandas", "pandas")
    rows: list[dict[str, object]] = []
    measured: dict[str, None] = {}
    for course in cohort:
        row: dict[str, object] = {
            "participant": course.participant,
            "programme": course.programme.key,
            "started_on": course.started_on,
            "state": course.state,
            "ended_on": course.ended_on,
            "end": planned_end(course),
            "final": course.is_final,
            "events": len(course.history),
        }
        for measurement in course.programme.definition.measurements:
            measured.setdefault(measurement.key)
        for measurement, record in course.outcomes():
            row[f"outcome_{measurement.key}"] = record.outcome.value
        rows.append(row)
    columns = [
        "participant",
        "programme",
        "started_on",
        "state",
        "ended_on",
        "end",
        "final",
        "events",
        *(f"outcome_{key}" for key in measured),
    ]
    frame = pandas.DataFrame(rows, columns=columns)
    return frame.astype(object).where(frame.notna(), None)

"""Rich display for notebooks: HTML tables and Mermaid, and plain text for terminals."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._views.diagrams import Lang, event_label, html_table, to_mermaid

if TYPE_CHECKING:
    from beskaeftigelse._domain.adjustments.types import Assessment
    from beskaeftigelse._domain.stats.outcomes import OutcomeStats
    from beskaeftigelse._engine.course import Course
    from beskaeftigelse._engine.programme import Programme


def programme_text(p: Programme, lang: Lang = "en") -> str:
    """A programme as plain text: names, provider, length, values and their sources."""
    name = p.name_da if lang == "da" else p.name_en
    d = p.definition
    until = d.validity.end.isoformat() if d.validity.end else "open"
    lines = [
        f"{name} ({p.key}) on {p.on.isoformat()}",
        f"  provider: {d.provider}",
        f"  valid: {d.validity.start.isoformat()} - {until}; source: {d.source}",
        f"  length: {p.weeks} weeks ({p.days} days); capacity {p.capacity}",
        *(f"  {line}" for line in p.explain()),
    ]
    return "\n".join(lines)


def programme_html(p: Programme, lang: Lang = "en") -> str:
    """A programme as an HTML fragment."""
    name = p.name_da if lang == "da" else p.name_en
    rows = []
    for key in p.definition.dated_values():
        found = p.lookup(key)
        until = found.valid_until.isoformat() if found.valid_until else ""
        rows.append(
            (key, str(found.value), found.entry.valid_from.isoformat(), until, found.source)
        )
    table = html_table(("value", "on this date", "from", "until", "source"), rows)
    return (
        f"<h4>{html.escape(name)} <code>{html.escape(p.key)}</code> "
        f"on {p.on.isoformat()}</h4>"
        f"<p>{html.escape(p.definition.provider)}: {p.weeks} weeks, capacity {p.capacity}</p>"
        f"{table}"
    )


def course_text(course: Course, lang: Lang = "en") -> str:
    """A course as plain text: state, schedule with status, and history."""
    p = course.programme
    name = p.name_da if lang == "da" else p.name_en
    lines = [f"{name}: started {course.started_on.isoformat()}, state {course.state}"]
    lines.append("  schedule:")
    for item in course.schedule:
        label = item.name_da if lang == "da" else item.name_en
        status = "done" if course._done(item) else "planned"  # noqa: SLF001
        lines.append(f"    {item.on.isoformat()}  {label}  [{status}]")
    lines.append("  history:")
    lines.extend(
        f"    {event.on.isoformat()}  {event_label(event.kind, lang)}" for event in course.history
    )
    return "\n".join(lines)


def course_html(course: Course, lang: Lang = "en") -> str:
    """A course as an HTML fragment: a timeline table of schedule and history."""
    p = course.programme
    name = p.name_da if lang == "da" else p.name_en
    schedule = [
        (
            item.on.isoformat(),
            item.name_da if lang == "da" else item.name_en,
            "done" if course._done(item) else "planned",  # noqa: SLF001
        )
        for item in course.schedule
    ]
    history = [(e.on.isoformat(), event_label(e.kind, lang)) for e in course.history]
    return (
        f"<h4>{html.escape(name)}: state <code>{html.escape(course.state)}</code></h4>"
        f"<p>started {course.started_on.isoformat()}</p>"
        f"{html_table(('date', 'planned', 'status'), schedule)}"
        f"{html_table(('date', 'event'), history)}"
    )


def programme_bundle(p: Programme) -> dict[str, str]:
    """The MIME bundle Jupyter shows for a programme."""
    return {
        "text/plain": repr(p),
        "text/html": programme_html(p),
        "text/vnd.mermaid": to_mermaid(p),
    }


def course_bundle(course: Course) -> dict[str, str]:
    """The MIME bundle Jupyter shows for a course (its diagram highlights where it is)."""
    return {
        "text/plain": repr(course),
        "text/html": course_html(course),
        "text/vnd.mermaid": to_mermaid(course),
    }


def assessment_html(a: Assessment) -> str:
    """A reasonableness assessment as an HTML fragment: verdict, rule version and factors."""
    until = f" until {a.rule_valid_until.isoformat()}" if a.rule_valid_until else ""
    rows = [(f.label, f.effect.label_en, f.reason, f.source) for f in a.factors]
    return (
        f"<h4>{html.escape(a.verdict.label_en)} ({html.escape(a.verdict.label_da)})</h4>"
        f"<p>{html.escape(', '.join(a.adjustments))} on {a.on.isoformat()}: net cost DKK "
        f"{a.net_cost:,} against a limit of DKK {a.limit:,}</p>"
        f"<p>rule version in force from {a.rule_valid_from.isoformat()}{until} "
        f"(source: {html.escape(a.rule_source)})</p>"
        f"{html_table(('factor', 'effect', 'rule', 'source'), rows)}"
    )


def stats_html(stats: OutcomeStats) -> str:
    """Outcome statistics as an HTML fragment: per measurement, each kind's exact share."""
    parts = [f"<h4>{stats.courses} courses, {stats.ended} ended</h4>"]
    for at in stats.measurements():
        rows = [(kind.label_en, kind.label_da, str(share)) for kind, share in stats.by_kind(at=at)]
        parts.append(
            f"<p><b>{html.escape(at)}</b>: in the labour market {stats.labour_market(at=at)}</p>"
        )
        parts.append(html_table(("outcome", "resultat", "share"), rows))
    return "".join(parts)


def _html_of(value: object) -> Callable[[Any], str]:
    for cls in type(value).__mro__:
        render = _HTML.get(cls.__name__)
        if render is not None:
            return render
    raise ValidationError(f"no notebook display for {type(value).__name__}", path="value")


def render_html(value: object) -> str:
    """The HTML a notebook shows for ``value`` (the seam :class:`RichDisplay` calls)."""
    return _html_of(value)(value)


def render_bundle(value: object) -> dict[str, str]:
    """The MIME bundle a notebook shows for ``value`` (the seam :class:`RichDisplay` calls)."""
    for cls in type(value).__mro__:
        make = _BUNDLES.get(cls.__name__)
        if make is not None:
            return make(value)
    return {"text/plain": repr(value), "text/html": render_html(value)}


_HTML: dict[str, Callable[[Any], str]] = {
    "Course": course_html,
    "Programme": programme_html,
    "Assessment": assessment_html,
    "OutcomeStats": stats_html,
}
_BUNDLES: dict[str, Callable[[Any], dict[str, str]]] = {
    "Course": course_bundle,
    "Programme": programme_bundle,
}

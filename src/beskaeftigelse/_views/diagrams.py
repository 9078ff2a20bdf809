"""State diagrams as text (Mermaid and Graphviz DOT), optionally with a course's path."""

from __future__ import annotations

import html
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from beskaeftigelse._engine.machine import Machine
from beskaeftigelse._engine.programme import Programme, ProgrammeDefinition
from beskaeftigelse._kernel.errors import ValidationError

if TYPE_CHECKING:
    from beskaeftigelse._engine.course import Course

Lang = Literal["da", "en"]
_FORMATS = ("svg", "png", "pdf")

_EVENT_LABELS_DA = {
    "start_meeting_held": "opstartsmøde holdt",
    "follow_up_held": "opfølgningsmøde holdt",
    "final_meeting_held": "afslutningsmøde holdt",
    "coaching_session_held": "coachingsamtale holdt",
    "phase_completed": "fase afsluttet",
    "ended_early": "afsluttet før tid",
    "cancelled": "annulleret",
    "outcome_recorded": "resultat registreret",
}


def event_label(kind: str, lang: Lang = "en") -> str:
    """A readable label for an event kind (``"follow_up_held"`` → "follow up held")."""
    if lang == "da" and kind in _EVENT_LABELS_DA:
        return _EVENT_LABELS_DA[kind]
    return kind.replace("_", " ")


def _machine_of(subject: Machine | Programme | ProgrammeDefinition | Course) -> Machine:
    if isinstance(subject, Machine):
        return subject
    if isinstance(subject, (Programme, ProgrammeDefinition)):
        return subject.machine
    programme = getattr(subject, "programme", None)
    if isinstance(programme, Programme):
        return programme.machine
    raise ValidationError(
        "must be a Machine, Programme, ProgrammeDefinition or Course", path="subject"
    )


def _path(course: Course | None) -> tuple[set[tuple[str, str]], str | None]:
    if course is None:
        return set(), None
    machine = course.programme.machine
    state, taken = machine.initial, set()
    for event in course.history[1:]:
        transition = machine.transition(state, event.kind)
        if transition is None:  # pragma: no cover - a course's history always replays
            break
        taken.add((state, event.kind))
        state = transition.target
    return taken, course.state


def _check_lang(lang: str) -> None:
    if lang not in ("da", "en"):
        raise ValidationError("must be 'da' or 'en'", path="lang")


def to_mermaid(
    subject: Machine | Programme | ProgrammeDefinition | Course,
    *,
    course: Course | None = None,
    lang: Lang = "en",
) -> str:
    """A Mermaid ``stateDiagram-v2`` of the state machine.

    Args:
        subject: A machine, a programme (or definition), or a course.
        course: A course whose current state and path to highlight (a course given as
            ``subject`` is highlighted too).
        lang: Labels in English (``"en"``) or Danish (``"da"``).

    >>> import beskaeftigelse as bk
    >>> from datetime import date
    >>> text = to_mermaid(bk.catalogue.get("jobklub", on=date(2016, 2, 1)))
    >>> text.splitlines()[:2]
    ['stateDiagram-v2', '    [*] --> workshop']
    """
    _check_lang(lang)
    machine = _machine_of(subject)
    taken, current = _path(course or _as_course(subject))
    lines = ["stateDiagram-v2", f"    [*] --> {machine.initial}"]
    for t in machine.transitions:
        guards = "".join(f" [{g.describe()}]" for g in t.guards)
        lines.append(f"    {t.source} --> {t.target}: {event_label(t.event, lang)}{guards}")
    lines.extend(f"    {state} --> [*]" for state in machine.states if state in machine.final)
    if current is not None:
        lines.append("    classDef current fill:#ffcc80,stroke:#e65100,stroke-width:2px")
        lines.append(f"    class {current} current")
        visited = sorted({s for s, _ in taken} - {current})
        if visited:
            lines.append("    classDef visited fill:#e0e0e0")
            lines.append(f"    class {','.join(visited)} visited")
    return "\n".join(lines) + "\n"


def to_dot(
    subject: Machine | Programme | ProgrammeDefinition | Course,
    *,
    course: Course | None = None,
    lang: Lang = "en",
) -> str:
    """A Graphviz DOT digraph of the state machine (see :func:`to_mermaid` for the arguments).

    Final states have a double border; a course's current state is filled and its path drawn
    bold.

    >>> import beskaeftigelse as bk
    >>> from datetime import date
    >>> to_dot(bk.catalogue.get("jobklub", on=date(2016, 2, 1))).splitlines()[0]
    'digraph "machine" {'
    """
    _check_lang(lang)
    machine = _machine_of(subject)
    taken, current = _path(course or _as_course(subject))
    lines = [
        'digraph "machine" {',
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  "__start" [shape=point, label=""];',
        f'  "__start" -> "{machine.initial}";',
    ]
    for state in machine.states:
        attributes = []
        if state in machine.final:
            attributes.append("peripheries=2")
        if state == current:
            attributes.append('style="rounded,filled", fillcolor="#ffcc80"')
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f'  "{state}"{suffix};')
    for t in machine.transitions:
        label = event_label(t.event, lang) + "".join(f"\\n[{g.describe()}]" for g in t.guards)
        bold = ', penwidth=2, color="#e65100"' if (t.source, t.event) in taken else ""
        lines.append(f'  "{t.source}" -> "{t.target}" [label="{label}"{bold}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(
    subject: Machine | Programme | ProgrammeDefinition | Course,
    *,
    course: Course | None = None,
    lang: Lang = "en",
    format: str = "svg",  # noqa: A002 - graphviz' own name for it
) -> bytes:
    """The diagram rendered by Graphviz (the ``graphviz`` extra and the ``dot`` program).

    Raises:
        ImportError: The ``graphviz`` extra is not installed.
        ValidationError: ``format`` is not one of svg, png, pdf.
    """
    if format not in _FORMATS:
        raise ValidationError(f"must be one of {list(_FORMATS)}", path="format")
    try:
        graphviz = importlib.import_module("graphviz")  # an optional extra
    except ImportError:
        raise ImportError(
            "rendering needs graphviz: pip install 'beskaeftigelse[graphviz]' "
            "and the Graphviz 'dot' program"
        ) from None
    source = graphviz.Source(to_dot(subject, course=course, lang=lang))
    return source.pipe(format=format)  # type: ignore[no-any-return]


def _as_course(subject: object) -> Course | None:
    from beskaeftigelse._engine.course import Course  # noqa: PLC0415 - the course module imports this one

    return subject if isinstance(subject, Course) else None


def html_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """A small HTML table with escaped cells (for notebook display)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

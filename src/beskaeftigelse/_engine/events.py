"""Typed, dated events that move a course (public through :mod:`beskaeftigelse.events`)."""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from beskaeftigelse._kernel.calendar import WorkingCalendar
from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._kernel.references import Cpr, reference
from beskaeftigelse._kernel.validation import member as _enum
from beskaeftigelse._kernel.validation import text

_text = functools.partial(text, required=False)


_KIND = re.compile(r"[a-z][a-z0-9_]*")
_REGISTRY: dict[str, type[Event]] = {}
_MAX_TEXT = 2000


class Outcome(enum.Enum):
    """What a course led to, as recorded after its end (and, for a jobklub, 3 months later)."""

    ORDINARY_JOB = "ordinary_job"
    FLEKSJOB = "fleksjob"
    LOENTILSKUD = "loentilskud"
    VIRKSOMHEDSPRAKTIK = "virksomhedspraktik"
    EDUCATION = "education"
    FOERTIDSPENSION = "foertidspension"
    STILL_UNEMPLOYED = "still_unemployed"
    OTHER = "other"

    @property
    def label_da(self) -> str:
        """The Danish label."""
        return _OUTCOME_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _OUTCOME_LABELS[self][1]


_OUTCOME_LABELS = {
    Outcome.ORDINARY_JOB: ("ordinært job", "ordinary job"),
    Outcome.FLEKSJOB: ("fleksjob", "flexi-job"),
    Outcome.LOENTILSKUD: ("løntilskud", "wage subsidy"),
    Outcome.VIRKSOMHEDSPRAKTIK: ("virksomhedspraktik", "work placement"),
    Outcome.EDUCATION: ("uddannelse", "education"),
    Outcome.FOERTIDSPENSION: ("førtidspension", "disability pension"),
    Outcome.STILL_UNEMPLOYED: ("fortsat ledig", "still unemployed"),
    Outcome.OTHER: ("andet", "other"),
}


class EndReason(enum.Enum):
    """Why a course ended before its plan was complete."""

    JOB = "job"
    EDUCATION = "education"
    CLARIFIED = "clarified"
    ILLNESS = "illness"
    MOVED = "moved"
    OTHER = "other"

    @property
    def label_da(self) -> str:
        """The Danish label."""
        return _END_REASON_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _END_REASON_LABELS[self][1]


_END_REASON_LABELS = {
    EndReason.JOB: ("kommet i job", "found a job"),
    EndReason.EDUCATION: ("startet uddannelse", "started education"),
    EndReason.CLARIFIED: ("afklaret før tid", "clarified early"),
    EndReason.ILLNESS: ("sygdom", "illness"),
    EndReason.MOVED: ("fraflyttet kommunen", "moved away"),
    EndReason.OTHER: ("andet", "other"),
}


def _check_on(_inst: object, _attr: object, value: date) -> None:
    if type(value) is not date:
        raise ValidationError(f"must be a date, not {type(value).__name__}", path="on")


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of strings", path="task_types")
    for item in value:
        _text("task_types", required=True)(None, None, item)
    return tuple(value)


@attrs.frozen
class Event:
    """Base class of the events; every event is dated.

    Attributes:
        on: The day the event happened.
    """

    #: The key the state machine's transitions use for this kind of event.
    kind: ClassVar[str] = "event"
    #: The meeting kind this event counts as held, if it is a meeting.
    meeting: ClassVar[str | None] = None

    on: date = attrs.field(validator=_check_on)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every event class registers its kind, so machines and JSON know it: the shipped
        # ones, and those a user defines for a programme of their own.
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("kind")
        if not isinstance(kind, str) or not _KIND.fullmatch(kind):
            raise ValidationError(
                f"{cls.__qualname__} needs its own lower-case 'kind'", path="kind"
            )
        existing = _REGISTRY.get(kind)
        same = existing is not None and (existing.__module__, existing.__qualname__) == (
            cls.__module__,
            cls.__qualname__,
        )
        if existing is not None and not same:
            raise ValidationError(
                f"event kind {kind!r} is already used by {existing.__qualname__}", path="kind"
            )
        _REGISTRY[kind] = cls

    def describe(self) -> str:
        """The kind and date, e.g. ``'follow_up_held on 2020-09-01'`` (never personal data)."""
        return f"{self.kind} on {self.on.isoformat()}"


@attrs.frozen
class Started(Event):
    """The course started: always the first event of a course's history.

    Attributes:
        on: The start date.
        participant: An opaque reference to the citizen, or a :class:`Cpr` where a system must
            keep the CPR number (a CPR number as plain text is refused).
        calendar: The working-day calendar for this course; ``None`` uses the programme's.
    """

    kind: ClassVar[str] = "started"

    participant: str | Cpr = attrs.field(
        kw_only=True, validator=reference("participant", allow_cpr=True)
    )
    calendar: WorkingCalendar | None = attrs.field(default=None, kw_only=True)

    @calendar.validator
    def _check_calendar(self, _attr: object, value: object) -> None:
        if value is not None and not isinstance(value, WorkingCalendar):
            raise ValidationError("must be a WorkingCalendar or None", path="calendar")


@attrs.frozen(repr=False)
class WorkFunctions:
    """What the start meeting says is to be tested (as the Vejle afklaringsforløb describes it).

    The texts may describe a person's health, so the ``repr`` shows only which fields are
    filled in.

    Attributes:
        task_types: The types of tasks to try.
        working_time: How long the citizen is to work (e.g. "3 hours, 3 times a week").
        motivation: What is to be learnt about motivation.
        workplace_arrangement: How the workplace is to be arranged.
    """

    task_types: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    working_time: str = attrs.field(default="", validator=_text("working_time"))
    motivation: str = attrs.field(default="", validator=_text("motivation"))
    workplace_arrangement: str = attrs.field(default="", validator=_text("workplace_arrangement"))

    def __repr__(self) -> str:
        filled = [f.name for f in attrs.fields(WorkFunctions) if getattr(self, f.name)]
        return f"WorkFunctions(<filled: {', '.join(filled) or 'none'}>)"


@attrs.frozen
class StartMeetingHeld(Event):
    """The start meeting with the jobcentre's employment adviser was held.

    Attributes:
        on: The meeting day.
        functions: The work functions to test.
    """

    kind: ClassVar[str] = "start_meeting_held"
    meeting: ClassVar[str | None] = "start"

    functions: WorkFunctions = attrs.field(factory=WorkFunctions, kw_only=True)

    @functions.validator
    def _check_functions(self, _attr: object, value: object) -> None:
        if not isinstance(value, WorkFunctions):
            raise ValidationError("must be WorkFunctions", path="functions")


@attrs.frozen
class FollowUpHeld(Event):
    """A follow-up meeting (opfølgningsmøde) was held."""

    kind: ClassVar[str] = "follow_up_held"
    meeting: ClassVar[str | None] = "follow_up"


@attrs.frozen
class FinalMeetingHeld(Event):
    """The final meeting was held, where the provider goes through its report."""

    kind: ClassVar[str] = "final_meeting_held"
    meeting: ClassVar[str | None] = "final"


@attrs.frozen
class CoachingSessionHeld(Event):
    """An individual coaching conversation was held."""

    kind: ClassVar[str] = "coaching_session_held"
    meeting: ClassVar[str | None] = "coaching"


@attrs.frozen
class PhaseCompleted(Event):
    """The current phase ended as planned (the last phase's completion ends the course)."""

    kind: ClassVar[str] = "phase_completed"


@attrs.frozen
class EndedEarly(Event):
    """The course ended before its plan was complete, for a recorded reason.

    Attributes:
        on: The day it ended.
        reason: Why.
    """

    kind: ClassVar[str] = "ended_early"

    reason: EndReason = attrs.field(kw_only=True, validator=_enum(EndReason, "reason"))


@attrs.frozen
class Cancelled(Event):
    """The course was cancelled; it accepts nothing more and records no outcome."""

    kind: ClassVar[str] = "cancelled"


@attrs.frozen
class OutcomeRecorded(Event):
    """An outcome was measured (after the course ended).

    Attributes:
        on: The day of the measurement.
        outcome: What the course led to.
    """

    kind: ClassVar[str] = "outcome_recorded"

    outcome: Outcome = attrs.field(kw_only=True, validator=_enum(Outcome, "outcome"))


#: Every event class, by its ``kind``: a read-only, live view that includes event classes
#: users define (subclasses of :class:`Event` with their own ``kind``).
EVENT_TYPES: Mapping[str, type[Event]] = MappingProxyType(_REGISTRY)


def meeting_kinds() -> frozenset[str]:
    """The meeting kinds some event class counts as held."""
    return frozenset(cls.meeting for cls in _REGISTRY.values() if cls.meeting)

"""IPS (Individual Placement and Support) courses, placements and the IPS-25 fidelity scale."""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

import attrs

from beskaeftigelse._domain.legal.logic import (
    LAB,
    RULES,
    Citizen,
    Company,
    Decision,
    Finding,
    RuleSet,
    check_hours,
    check_praktik,
    check_praktik_extension,
)
from beskaeftigelse._engine.course import Course
from beskaeftigelse._engine.events import Cancelled, EndedEarly, Event, Outcome, OutcomeRecorded
from beskaeftigelse._engine.machine import Machine, Transition
from beskaeftigelse._engine.programme import Measurement, Phase, Programme, ProgrammeDefinition
from beskaeftigelse._kernel.answers import Refusal
from beskaeftigelse._kernel.errors import TransitionRefused, ValidationError
from beskaeftigelse._kernel.timeline import Period, Timeline
from beskaeftigelse._kernel.validation import text
from beskaeftigelse._kernel.validation import whole as _int

_text = functools.partial(text, required=False)


FUTURUM_SOURCE = (
    'Aarhus Kommune, news item "En skræddersyet indsats får psykisk sårbare i job eller '
    'uddannelse i Aarhus" (Futurum)'
)
_MAX_TEXT = 2000


def _tasks(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of strings", path="tasks")
    for i, item in enumerate(value):
        _text(f"tasks[{i}]", required=True)(None, None, item)
    return tuple(value)


@attrs.frozen
class HoursStep:
    """From a week of the placement on, the citizen works this many hours a week.

    Attributes:
        week: The placement week (1 is the first) the step starts in.
        hours_per_week: The weekly hours from then on.

    >>> HoursStep(3, 12).hours_per_week
    12
    """

    week: int = attrs.field(validator=_int(1, 520, "week"))
    hours_per_week: int = attrs.field(validator=_int(1, 168, "hours_per_week"))


def _steps(value: object) -> tuple[HoursStep, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of HoursStep", path="start_plan")
    for i, item in enumerate(value):
        if not isinstance(item, HoursStep):
            raise ValidationError("must be a HoursStep", path=f"start_plan[{i}]")
        if i and item.week <= value[i - 1].week:
            raise ValidationError(
                "steps must be in strictly increasing week order", path=f"start_plan[{i}].week"
            )
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class StartAgreement:
    """The clear agreements made at the start of an IPS course (as Futurum makes them).

    How many hours are realistic, which tasks work best, a gentle start plan stepping up
    the hours, and the contact persons at the company and in the municipality. The texts may
    describe the citizen's health and name people, so the ``repr`` shows only the hours.

    Attributes:
        weekly_hours: The realistic weekly hours to work up to.
        tasks: The tasks that work best.
        start_plan: The gentle start: weekly hours by placement week, stepping up.
        company_contact: The contact person at the company.
        municipal_contact: The contact person in the municipality.

    >>> a = StartAgreement(
    ...     weekly_hours=20,
    ...     tasks=("proof-reading",),
    ...     start_plan=(HoursStep(1, 6), HoursStep(3, 12), HoursStep(6, 20)),
    ...     company_contact="HR, Firma A/S",
    ...     municipal_contact="virksomhedskonsulent, Jobcenter Aarhus",
    ... )
    >>> a
    StartAgreement(weekly_hours=20, steps=3, <texts hidden>)
    >>> a.hours_in_week(4)
    12
    """

    weekly_hours: int = attrs.field(validator=_int(1, 168, "weekly_hours"))
    tasks: tuple[str, ...] = attrs.field(default=(), converter=_tasks)
    start_plan: tuple[HoursStep, ...] = attrs.field(default=(), converter=_steps)
    company_contact: str = attrs.field(default="", validator=_text("company_contact"))
    municipal_contact: str = attrs.field(default="", validator=_text("municipal_contact"))

    def __attrs_post_init__(self) -> None:
        for i, step in enumerate(self.start_plan):
            if step.hours_per_week > self.weekly_hours:
                raise ValidationError(
                    "a start step may not exceed the agreed weekly hours",
                    path=f"start_plan[{i}].hours_per_week",
                )
            if i and step.hours_per_week < self.start_plan[i - 1].hours_per_week:
                raise ValidationError(
                    "a gentle start steps the hours up, not down",
                    path=f"start_plan[{i}].hours_per_week",
                )

    def __repr__(self) -> str:
        return (
            f"StartAgreement(weekly_hours={self.weekly_hours}, steps={len(self.start_plan)}, "
            "<texts hidden>)"
        )

    def hours_in_week(self, week: int) -> int:
        """The planned weekly hours in placement week ``week`` (the agreed hours after the plan).

        Raises:
            ValidationError: ``week`` is not a whole number from 1.
        """
        _int(1, 520, "week")(None, None, week)
        if not self.start_plan or week < self.start_plan[0].week:
            return self.start_plan[0].hours_per_week if self.start_plan else self.weekly_hours
        return max(s.hours_per_week for s in self.start_plan if s.week <= week)


@attrs.frozen(kw_only=True)
class WorkPlacement:
    """A virksomhedspraktik in a company: its planned length and starting weekly hours.

    Attributes:
        company: The workplace (for the ratio rule).
        weeks: The planned length in weeks.
        hours_per_week: The weekly hours it starts with.

    >>> WorkPlacement(company=Company(reference="cvr-1", ordinary_staff=8), weeks=13,
    ...               hours_per_week=6).weeks
    13
    """

    company: Company = attrs.field()
    weeks: int = attrs.field(validator=_int(1, 520, "weeks"))
    hours_per_week: int = attrs.field(validator=_int(1, 168, "hours_per_week"))

    @company.validator
    def _check_company(self, _attr: object, value: object) -> None:
        if not isinstance(value, Company):
            raise ValidationError("must be a Company", path="company")


def _typed(cls: type, path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, cls):
            raise ValidationError(f"must be a {cls.__name__}", path=path)

    return check


@attrs.frozen
class StartAgreementMade(Event):
    """The start agreement was made (or revised before a placement).

    Attributes:
        on: The day.
        agreement: The agreement.
    """

    kind: ClassVar[str] = "start_agreement_made"

    agreement: StartAgreement = attrs.field(
        kw_only=True, validator=_typed(StartAgreement, "agreement")
    )


@attrs.frozen
class PlacementStarted(Event):
    """The citizen started a virksomhedspraktik.

    Attributes:
        on: The first day.
        placement: The placement.
    """

    kind: ClassVar[str] = "placement_started"

    placement: WorkPlacement = attrs.field(
        kw_only=True, validator=_typed(WorkPlacement, "placement")
    )


@attrs.frozen
class HoursChanged(Event):
    """The weekly hours in the placement changed (usually stepped up).

    Attributes:
        on: The day.
        hours_per_week: The new weekly hours.
    """

    kind: ClassVar[str] = "hours_changed"

    hours_per_week: int = attrs.field(kw_only=True, validator=_int(1, 168, "hours_per_week"))


@attrs.frozen
class PlacementExtended(Event):
    """The placement was extended.

    Attributes:
        on: The day of the decision.
        by_weeks: By how many weeks.
        very_special_need: Whether a very special need was found (needed beyond 26 weeks).
    """

    kind: ClassVar[str] = "placement_extended"

    by_weeks: int = attrs.field(kw_only=True, validator=_int(1, 520, "by_weeks"))
    very_special_need: bool = attrs.field(default=False, kw_only=True)

    @very_special_need.validator
    def _check_need(self, _attr: object, value: object) -> None:
        if type(value) is not bool:
            raise ValidationError("must be true or false", path="very_special_need")


@attrs.frozen
class PlacementEnded(Event):
    """The placement ended; follow-along support and the job search go on."""

    kind: ClassVar[str] = "placement_ended"


@attrs.frozen
class SupportSessionHeld(Event):
    """A support session with the citizen or the company was held (follow-along support)."""

    kind: ClassVar[str] = "support_session_held"
    meeting: ClassVar[str | None] = "support"


@attrs.frozen
class JobObtained(Event):
    """The citizen got a job (often at the placement company); support goes on."""

    kind: ClassVar[str] = "job_obtained"


@attrs.frozen
class EducationStarted(Event):
    """The citizen went back to education; support goes on."""

    kind: ClassVar[str] = "education_started"


_ACTIVE = ("engagement", "agreed", "in_placement", "follow_along")

#: The IPS course's state machine: engagement, start agreement, placement, follow-along
#: support, then a job or education (support continues), then the outcome.
IPS_MACHINE = Machine(
    states=(
        *_ACTIVE,
        "employed",
        "in_education",
        "ended",
        "closed",
        "cancelled",
    ),
    initial="engagement",
    final={"closed", "cancelled"},
    ended={"employed", "in_education", "ended", "closed"},
    transitions=(
        Transition("engagement", "start_agreement_made", "agreed"),
        Transition("engagement", "support_session_held", "engagement"),
        Transition("agreed", "start_agreement_made", "agreed"),
        Transition("agreed", "support_session_held", "agreed"),
        Transition("agreed", "placement_started", "in_placement"),
        Transition("in_placement", "support_session_held", "in_placement"),
        Transition("in_placement", "hours_changed", "in_placement"),
        Transition("in_placement", "placement_extended", "in_placement"),
        Transition("in_placement", "placement_ended", "follow_along"),
        Transition("follow_along", "support_session_held", "follow_along"),
        Transition("follow_along", "start_agreement_made", "agreed"),
        Transition("follow_along", "placement_started", "in_placement"),
        *(Transition(s, "job_obtained", "employed") for s in ("in_placement", "follow_along")),
        *(
            Transition(s, "education_started", "in_education")
            for s in ("in_placement", "follow_along")
        ),
        *(Transition(s, "ended_early", "ended") for s in _ACTIVE),
        *(Transition(s, "cancelled", "cancelled") for s in _ACTIVE),
        Transition("employed", "support_session_held", "employed"),
        Transition("in_education", "support_session_held", "in_education"),
        *(
            Transition(s, "outcome_recorded", "closed")
            for s in ("employed", "in_education", "ended")
        ),
    ),
)

_FUTURUM_START = date(2017, 1, 1)

#: Futurum, Aarhus Kommune's IPS course, as a programme definition.
FUTURUM_IPS = ProgrammeDefinition(
    key="futurum_ips",
    name_da="Futurum (IPS)",
    name_en="Futurum (Individual Placement and Support)",
    provider="Aarhus Kommune",
    source=(
        f"{FUTURUM_SOURCE}: ran 2017-2019, then made permanent (the day in 2017 is not given; "
        "2017-01-01 is used)"
    ),
    validity=Period(_FUTURUM_START),
    description=(
        "For psychologically vulnerable citizens with a higher education: place first, then "
        "train. Clear agreements at the start (realistic hours, the tasks that work best, a "
        "gentle start), a virksomhedspraktik tailored on site, the municipality's staff linking "
        "citizen and company, and follow-along support; the goal is a job or education."
    ),
    phases=(
        Phase(
            key="ips",
            name_da="IPS-forløb",
            name_en="IPS course",
            days=Timeline.of(
                365,
                since=_FUTURUM_START,
                source=(
                    f"{FUTURUM_SOURCE} states no length and IPS support is time-unlimited; "
                    "one year is a planning horizon only [unverified], override with a later entry"
                ),
            ),
        ),
    ),
    meetings=(),
    capacity=Timeline.of(
        1_000_000,
        since=_FUTURUM_START,
        source=(
            f"{FUTURUM_SOURCE} states no seat limit, so none is set (override with a later entry)"
        ),
    ),
    outcomes=frozenset(
        {
            Outcome.ORDINARY_JOB,
            Outcome.FLEKSJOB,
            Outcome.LOENTILSKUD,
            Outcome.EDUCATION,
            Outcome.STILL_UNEMPLOYED,
            Outcome.OTHER,
        }
    ),
    measurements=(
        Measurement(
            key="end",
            name_da="Resultat: job eller uddannelse",
            name_en="Outcome: job or education",
            months_after_end=0,
            source=(
                f"{FUTURUM_SOURCE}: 'Målet er at få borgeren i job via en virksomhedspraktik eller "
                "tilbage i uddannelse'"
            ),
        ),
    ),
    machine=IPS_MACHINE,
)


@attrs.frozen
class PlacementStatus:
    """The current placement as the history made it.

    Attributes:
        placement: The placement as started.
        started_on: Its first day.
        weeks: Its length in weeks, with every extension.
        hours_per_week: The weekly hours now.

    >>> from datetime import date
    >>> from beskaeftigelse.legal import Company
    >>> p = WorkPlacement(company=Company(reference="cvr-1", ordinary_staff=8), weeks=4,
    ...                   hours_per_week=6)
    >>> PlacementStatus(p, date(2024, 3, 4), 4, 6).ends_on
    datetime.date(2024, 4, 1)
    """

    placement: WorkPlacement
    started_on: date
    weeks: int
    hours_per_week: int

    @property
    def ends_on(self) -> date:
        """The first day after the planned placement (half-open)."""
        return self.started_on + timedelta(weeks=self.weeks)


def _caps(
    citizen: Citizen, rules: RuleSet, status: PlacementStatus | None, event: Event
) -> Decision | None:
    if isinstance(event, PlacementStarted):
        p = event.placement
        return check_praktik(
            citizen,
            on=event.on,
            weeks=p.weeks,
            hours_per_week=p.hours_per_week,
            company=p.company,
            rules=rules,
        )
    if status is None or not isinstance(event, (HoursChanged, PlacementExtended)):
        return None
    if event.on >= status.ends_on:
        # A placement cannot be changed or extended after its granted length has run out.
        return Decision(
            (
                Finding(
                    "placement_length",
                    f"the placement's {status.weeks} weeks ran out on "
                    f"{status.ends_on.isoformat()}; end it or start a new one",
                    f"{LAB} § 61: the granted length of the virksomhedspraktik",
                ),
            ),
            (),
        )
    if isinstance(event, HoursChanged):
        return check_hours(event.hours_per_week, on=event.on, rules=rules)
    return check_praktik_extension(
        citizen,
        on=event.on,
        weeks_so_far=status.weeks,
        by_weeks=event.by_weeks,
        very_special_need=event.very_special_need,
        rules=rules,
    )


def _next_status(status: PlacementStatus | None, event: Event) -> PlacementStatus | None:
    if isinstance(event, PlacementStarted):
        p = event.placement
        return PlacementStatus(p, event.on, p.weeks, p.hours_per_week)
    if status is None:
        return None
    if isinstance(event, HoursChanged):
        return attrs.evolve(status, hours_per_week=event.hours_per_week)
    if isinstance(event, PlacementExtended):
        return attrs.evolve(status, weeks=status.weeks + event.by_weeks)
    if isinstance(event, (PlacementEnded, JobObtained, EducationStarted, Cancelled, EndedEarly)):
        return None
    return status


def _refusal(course: Course, event: Event, decision: Decision) -> Refusal:
    return Refusal(
        state=course.state,
        event=event.describe(),
        rule="placement_cap",
        reason="; ".join(str(f) for f in decision.findings),
    )


@attrs.frozen(kw_only=True, repr=False)
class IpsCourse:
    """An IPS course: a :class:`~beskaeftigelse.Course` plus the citizen and the legal rules.

    The course's state machine decides which events may follow; on top of it, a placement
    that breaks the virksomhedspraktik caps for the citizen's target group on its date (its
    length, 37 hours a week, the ratio rule for the company) is refused with the reason and
    the § reference, and so is a step-up of the hours or an extension beyond the caps.

    Attributes:
        course: The course (its programme and event history).
        citizen: Who the course is for, legally.
        rules: The rule set the caps come from.

    >>> from datetime import date
    >>> from beskaeftigelse.legal import Benefit, Citizen, Readiness, TargetGroup
    >>> c = Citizen(reference="ref-1", target_group=TargetGroup.G3,
    ...             benefit=Benefit.KONTANTHJAELP, readiness=Readiness.AKTIVITETSPARAT)
    >>> ips = IpsCourse.start(FUTURUM_IPS, citizen=c, on=date(2024, 3, 4))
    >>> ips.state
    'engagement'
    """

    course: Course = attrs.field(validator=_typed(Course, "course"))
    citizen: Citizen = attrs.field(validator=_typed(Citizen, "citizen"))
    rules: RuleSet = attrs.field(default=RULES, validator=_typed(RuleSet, "rules"))
    _status: PlacementStatus | None = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.course.participant != self.citizen.reference:
            raise ValidationError(
                "the course's participant is not the citizen's reference", path="citizen.reference"
            )
        status: PlacementStatus | None = None
        for i, event in enumerate(self.course.history[1:], start=1):
            decision = _caps(self.citizen, self.rules, status, event)
            if decision is not None and not decision.allowed:
                reason = "; ".join(str(f) for f in decision.findings)
                raise ValidationError(reason, path=f"course.history[{i}]")
            status = _next_status(status, event)
        object.__setattr__(self, "_status", status)

    def __repr__(self) -> str:
        return f"IpsCourse(state={self.state!r}, events={len(self.course.history)})"

    @classmethod
    def start(
        cls,
        programme: Programme | ProgrammeDefinition,
        *,
        citizen: Citizen,
        on: date,
        rules: RuleSet = RULES,
    ) -> IpsCourse:
        """Start an IPS course (engagement) for ``citizen`` on ``on``.

        Args:
            programme: :data:`FUTURUM_IPS` or a programme of your own using the IPS events.
            citizen: Who the course is for.
            on: The start date.
            rules: The rule set for the caps.

        Raises:
            ValidationError: Bad input.
            NotInForce: The programme is not in force on ``on``.
        """
        _typed(Citizen, "citizen")(None, None, citizen)
        course = Course.start(programme, participant=citizen.reference, on=on)
        return cls(course=course, citizen=citizen, rules=rules)

    @property
    def state(self) -> str:
        """The course's state."""
        return self.course.state

    @property
    def placement(self) -> PlacementStatus | None:
        """The current placement, if the citizen is in one."""
        return self._status

    @property
    def agreement(self) -> StartAgreement | None:
        """The latest start agreement, if one was made."""
        made = [e for e in self.course.history if isinstance(e, StartAgreementMade)]
        return made[-1].agreement if made else None

    def check(self, event: Event) -> Refusal | None:
        """Why the course would refuse ``event``, or ``None`` if it would take it.

        Raises:
            ValidationError: ``event`` is not an event.
        """
        refusal = self.course.check(event)
        if refusal is not None:
            return refusal
        decision = _caps(self.citizen, self.rules, self._status, event)
        if decision is not None and not decision.allowed:
            return _refusal(self.course, event, decision)
        return None

    def decide(self, event: Event) -> Decision | None:
        """The legal decision on ``event`` with the values used, if it is capped at all."""
        return _caps(self.citizen, self.rules, self._status, event)

    def apply(self, event: Event) -> IpsCourse:
        """The course after ``event``; this one is left as it was.

        Raises:
            TransitionRefused: The course or the caps refuse the event.
            ValidationError: ``event`` is not an event.
        """
        refusal = self.check(event)
        if refusal is not None:
            raise TransitionRefused(refusal)
        new = object.__new__(IpsCourse)
        setattr_ = object.__setattr__
        setattr_(new, "course", self.course.apply(event))
        setattr_(new, "citizen", self.citizen)
        setattr_(new, "rules", self.rules)
        setattr_(new, "_status", _next_status(self._status, event))
        return new

    def outcome(self) -> Outcome | None:
        """The recorded outcome, if there is one."""
        recorded = [e for e in self.course.history if isinstance(e, OutcomeRecorded)]
        return recorded[-1].outcome if recorded else None


# -- IPS-25 fidelity -----------------------------------------------------------------------


class FidelityBand(enum.Enum):
    """The IPS-25 fidelity bands."""

    EXEMPLARY = "exemplary"
    GOOD = "good"
    FAIR = "fair"
    NOT_SUPPORTED_EMPLOYMENT = "not_supported_employment"


_IPS25_SOURCE = (
    "IPS Supported Employment Fidelity Scale (IPS-25; Becker, Swanson, Reese, Bond & McLeman, "
    "IPS Employment Center) [unverified: item wording, from the English scale]"
)

_IPS25_ITEMS = (
    "Staffing 1: Caseload size",
    "Staffing 2: Employment services staff",
    "Staffing 3: Vocational generalists",
    (
        "Organization 1: Integration of rehabilitation with mental health treatment through team "
        "assignment"
    ),
    (
        "Organization 2: Integration of rehabilitation with mental health treatment through "
        "frequent team member contact"
    ),
    (
        "Organization 3: Collaboration between employment specialists and vocational "
        "rehabilitation counselors"
    ),
    "Organization 4: Vocational unit",
    "Organization 5: Role of employment supervisor",
    "Organization 6: Zero exclusion criteria",
    "Organization 7: Agency focus on competitive employment",
    "Organization 8: Executive team support for supported employment",
    "Services 1: Work incentives planning",
    "Services 2: Disclosure",
    "Services 3: Ongoing, work-based vocational assessment",
    "Services 4: Rapid search for competitive job",
    "Services 5: Individualized job search",
    "Services 6: Job development - frequent employer contact",
    "Services 7: Job development - quality of employer contact",
    "Services 8: Diversity of job types",
    "Services 9: Diversity of employers",
    "Services 10: Competitive jobs",
    "Services 11: Individualized follow-along supports",
    "Services 12: Time-unlimited follow-along supports",
    "Services 13: Community-based services",
    "Services 14: Assertive engagement and outreach by integrated treatment team",
)


def _items(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        raise ValidationError("must be a non-empty sequence of item names", path="items")
    for i, item in enumerate(value):
        _text(f"items[{i}]", required=True)(None, None, item)
    if len(set(value)) != len(value):
        raise ValidationError("each item name may appear once", path="items")
    return tuple(value)


@attrs.frozen(kw_only=True)
class FidelityScale:
    """A fidelity scale: named items scored 1-5, and the totals that start each band.

    The shipped :data:`IPS_25` has the 25 items of the IPS-25 scale; its wording is marked
    unverified in ``source``, so a municipality can pass its own (e.g. Danish) wording.

    Attributes:
        items: The item names, in scale order.
        exemplary_from: The lowest total that is exemplary (115).
        good_from: The lowest total that is good (100).
        fair_from: The lowest total that is fair (74); below it: not supported employment.
        source: Where the scale comes from.

    >>> len(IPS_25.items), IPS_25.max_total
    (25, 125)
    """

    items: tuple[str, ...] = attrs.field(converter=_items)
    exemplary_from: int = attrs.field()
    good_from: int = attrs.field()
    fair_from: int = attrs.field()
    source: str = attrs.field(validator=_text("source", required=True))

    def __attrs_post_init__(self) -> None:
        low, high = len(self.items), 5 * len(self.items)
        bounds = (
            ("fair_from", self.fair_from),
            ("good_from", self.good_from),
            ("exemplary_from", self.exemplary_from),
        )
        previous = low
        for name, value in bounds:
            if type(value) is not int or not previous < value <= high:
                raise ValidationError(
                    f"must be a whole number above {previous} and at most {high}", path=name
                )
            previous = value

    @property
    def max_total(self) -> int:
        """The highest possible total."""
        return 5 * len(self.items)

    def band(self, total: int) -> FidelityBand:
        """The band of ``total``.

        Raises:
            ValidationError: ``total`` is outside the scale's range.

        >>> [IPS_25.band(t).value for t in (115, 114, 100, 99, 74, 73)]
        ['exemplary', 'good', 'good', 'fair', 'fair', 'not_supported_employment']
        """
        _int(len(self.items), self.max_total, "total")(None, None, total)
        if total >= self.exemplary_from:
            return FidelityBand.EXEMPLARY
        if total >= self.good_from:
            return FidelityBand.GOOD
        if total >= self.fair_from:
            return FidelityBand.FAIR
        return FidelityBand.NOT_SUPPORTED_EMPLOYMENT


#: The IPS-25 fidelity scale: 25 items, 1-5 each; 115+ exemplary, 100-114 good, 74-99 fair,
#: 73 or less not supported employment.
IPS_25 = FidelityScale(
    items=_IPS25_ITEMS,
    exemplary_from=115,
    good_from=100,
    fair_from=74,
    source=_IPS25_SOURCE,
)


def _scores(value: object) -> tuple[int, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of scores", path="scores")
    return tuple(value)


@attrs.frozen(kw_only=True)
class FidelityReview:
    """A fidelity review: one score from 1 to 5 per item of the scale, on a date.

    Attributes:
        on: The review date.
        scores: The scores, in the scale's item order.
        scale: The scale (default :data:`IPS_25`).

    >>> from datetime import date
    >>> review = FidelityReview(on=date(2024, 6, 1), scores=(4,) * 25)
    >>> review.total, review.band.value
    (100, 'good')
    """

    on: date = attrs.field()
    scores: tuple[int, ...] = attrs.field(converter=_scores)
    scale: FidelityScale = attrs.field(default=IPS_25, validator=_typed(FidelityScale, "scale"))

    def __attrs_post_init__(self) -> None:
        if type(self.on) is not date:
            raise ValidationError("must be a date", path="on")
        n = len(self.scale.items)
        if len(self.scores) != n:
            raise ValidationError(
                f"needs {n} scores, one per item, not {len(self.scores)}", path="scores"
            )
        for i, (name, score) in enumerate(zip(self.scale.items, self.scores, strict=True)):
            if type(score) is not int or not 1 <= score <= 5:
                raise ValidationError(
                    f"item {name!r} must be scored with a whole number from 1 to 5",
                    path=f"scores[{i}]",
                )

    @classmethod
    def of(
        cls, scores: Mapping[str, int], *, on: date, scale: FidelityScale = IPS_25
    ) -> FidelityReview:
        """A review from scores by item name; every item must be scored, no other.

        Raises:
            ValidationError: A name is missing or unknown, or a score is invalid.
        """
        if not isinstance(scores, Mapping):
            raise ValidationError("must be a mapping of item name to score", path="scores")
        unknown = sorted(set(scores) - set(scale.items), key=str)
        if unknown:
            raise ValidationError(f"unknown item {unknown[0]!r}", path="scores")
        missing = [name for name in scale.items if name not in scores]
        if missing:
            raise ValidationError(f"item {missing[0]!r} has no score", path="scores")
        return cls(on=on, scores=tuple(scores[name] for name in scale.items), scale=scale)

    @property
    def total(self) -> int:
        """The sum of the scores."""
        return sum(self.scores)

    @property
    def band(self) -> FidelityBand:
        """The band the total falls in."""
        return self.scale.band(self.total)

    def items(self) -> tuple[tuple[str, int], ...]:
        """Each item's name with its score."""
        return tuple(zip(self.scale.items, self.scores, strict=True))

    def weakest(self, n: int = 3) -> tuple[tuple[str, int], ...]:
        """The ``n`` lowest-scored items (ties in scale order): where to improve first."""
        return tuple(sorted(self.items(), key=lambda item: item[1])[:n])

"""The vocabulary and values of work-capacity trials and the clarification report.

The enums with their labels (``_LABELS``), the course log and what is derived from it, the
report and its rendering to Markdown and HTML, and the dialogue prompt. The shipped prompts
are in ``data``; building a report is in ``logic``.
"""

from __future__ import annotations

import enum
import html
from datetime import date

import attrs

from beskaeftigelse._domain.adjustments.data import ADJUSTMENTS
from beskaeftigelse._domain.adjustments.types import Adjustment, AdjustmentCatalogue
from beskaeftigelse._engine.events import WorkFunctions
from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._kernel.labels import Labelled as _Labelled
from beskaeftigelse._kernel.references import reference
from beskaeftigelse._kernel.validation import (
    boolean,
    day,
    frozenset_of,
    member,
    name,
    text,
    texts,
    tuple_of,
    whole,
)

#: The minutes of a day: the most working time a trial can have a day.
DAY_MINUTES = 24 * 60


class Strain(_Labelled):
    """How the working time in a trial went."""

    NONE = "none"
    MANAGEABLE = "manageable"
    TOO_MUCH = "too_much"


class Change(_Labelled):
    """How a trial's weekly working time compares with the one before."""

    START = "start"
    INCREASED = "increased"
    UNCHANGED = "unchanged"
    REDUCED = "reduced"


class Relief(_Labelled):
    """What an adjustment was found to remove."""

    PAIN = "pain"
    STRAIN = "strain"


class Barrier(_Labelled):
    """A barrier to work noted in the dialogue (health information: never shown in a repr)."""

    SELF_STIGMA = "self_stigma"
    LOW_SELF_ESTEEM = "low_self_esteem"
    WORRY_ABOUT_WORK = "worry_about_work"
    BAD_EXPERIENCES = "bad_experiences"
    OTHER = "other"


class Recommendation(_Labelled):
    """A candidate the clarification report puts forward; the jobcentre decides."""

    ORDINARY_JOB = "ordinary_job"
    JOB_WITH_ADJUSTMENTS = "job_with_adjustments"
    ASSESS_FLEKSJOB = "assess_fleksjob"
    ASSESS_FOERTIDSPENSION = "assess_foertidspension"
    OTHER = "other"


_LABELS: dict[enum.Enum, tuple[str, str]] = {
    Strain.NONE: ("ingen belastning", "no strain"),
    Strain.MANAGEABLE: ("til at holde ud", "manageable"),
    Strain.TOO_MUCH: ("for meget", "too much"),
    Change.START: ("start", "start"),
    Change.INCREASED: ("øget", "increased"),
    Change.UNCHANGED: ("uændret", "unchanged"),
    Change.REDUCED: ("nedsat", "reduced"),
    Relief.PAIN: ("fjernede smerter", "removed the pain"),
    Relief.STRAIN: ("fjernede overbelastning", "removed the strain"),
    Barrier.SELF_STIGMA: ("selvstigma", "self-stigma"),
    Barrier.LOW_SELF_ESTEEM: ("lavt selvværd", "low self-esteem"),
    Barrier.WORRY_ABOUT_WORK: ("bekymring om arbejdsmarkedet", "worry about working life"),
    Barrier.BAD_EXPERIENCES: ("dårlige erfaringer fra tidligere job", "bad experiences at work"),
    Barrier.OTHER: ("anden barriere", "other barrier"),
    Recommendation.ORDINARY_JOB: ("ordinært job", "ordinary job"),
    Recommendation.JOB_WITH_ADJUSTMENTS: ("job med tilpasninger", "job with adjustments"),
    Recommendation.ASSESS_FLEKSJOB: ("vurdering af fleksjob", "assess for fleksjob"),
    Recommendation.ASSESS_FOERTIDSPENSION: (
        "vurdering af førtidspension",
        "assess for førtidspension",
    ),
    Recommendation.OTHER: ("andet", "other"),
}

# -- work-capacity trials ---------------------------------------------------------------------

_ADJUSTMENT_KEYS = frozenset_of(name(), "adjustments")
_TASKS = texts("tasks")


# attrs' mypy plugin takes a converter's type from a named function, hence the one-liners.
def _adjustment_keys(value: object) -> frozenset[str]:
    return _ADJUSTMENT_KEYS(value)


def _task_texts(value: object) -> tuple[str, ...]:
    return _TASKS(value)


@attrs.frozen(kw_only=True, repr=False)
class Trial:
    """One period of tried working time during a course (as Vejle Kommune describes, 2020).

    Strain, pain, tasks and the note describe a person's health, so the ``repr`` shows only
    the date and the working time.

    Attributes:
        on: The first day of the trial.
        minutes_per_day: Working time a day, in minutes.
        days_per_week: Working days a week.
        tasks: The tasks tried.
        strain: How the working time went.
        pain: Whether pain was observed.
        adjustments: Keys of the adjustments in use (see :mod:`beskaeftigelse.adjustments`).
        note: A free-text note (never shown in a repr or error).

    >>> from datetime import date
    >>> t = Trial(on=date(2020, 8, 10), minutes_per_day=180, days_per_week=3,
    ...           strain=Strain.TOO_MUCH, pain=True, note="ondt i ryggen")
    >>> t.weekly_minutes, t.sustainable, t
    (540, False, Trial(on=2020-08-10, 180 min x 3 days, <observations hidden>))
    """

    on: date = attrs.field(validator=day())
    minutes_per_day: int = attrs.field(validator=whole(1, DAY_MINUTES))
    days_per_week: int = attrs.field(validator=whole(1, 7))
    tasks: tuple[str, ...] = attrs.field(default=(), converter=_task_texts)
    strain: Strain = attrs.field(default=Strain.MANAGEABLE, validator=member(Strain))
    pain: bool = attrs.field(default=False, validator=boolean())
    adjustments: frozenset[str] = attrs.field(default=frozenset(), converter=_adjustment_keys)
    note: str = attrs.field(default="", validator=text(required=False))

    def __repr__(self) -> str:
        return (
            f"Trial(on={self.on}, {self.minutes_per_day} min x {self.days_per_week} days, "
            "<observations hidden>)"
        )

    @property
    def weekly_minutes(self) -> int:
        """Working time a week, in minutes."""
        return self.minutes_per_day * self.days_per_week

    @property
    def sustainable(self) -> bool:
        """Whether the working time held: not too much, and without pain."""
        return self.strain is not Strain.TOO_MUCH and not self.pain


@attrs.frozen(kw_only=True)
class Step:
    """One step of the work-capacity progression, derived from a trial.

    Attributes:
        on: The trial's first day.
        minutes_per_day: Working time a day.
        days_per_week: Working days a week.
        weekly_minutes: Working time a week.
        change: How the weekly time compares with the step before.
        sustainable: Whether it held (hidden from the repr).
        adjustments: The adjustments in use (hidden from the repr).

    >>> from datetime import date
    >>> log = CourseLog(participant="ref-0001").record(
    ...     Trial(on=date(2020, 8, 3), minutes_per_day=180, days_per_week=3)
    ... )
    >>> log.progression()[0]
    Step(on=datetime.date(2020, 8, 3), minutes_per_day=180, days_per_week=3, \
weekly_minutes=540, change=<Change.START: 'start'>)
    """

    on: date
    minutes_per_day: int
    days_per_week: int
    weekly_minutes: int
    change: Change
    sustainable: bool = attrs.field(repr=False)
    adjustments: tuple[str, ...] = attrs.field(default=(), repr=False)


@attrs.frozen(kw_only=True)
class Observation:
    """An adjustment observed to remove pain or strain: added in a trial that no longer had it.

    Called ``Finding`` before 0.1 (``reports.Finding`` is a deprecated alias): a finding is
    now a rule applied in an :class:`~beskaeftigelse.Answer`.

    Attributes:
        on: The trial in which it was found.
        adjustment: The adjustment's key.
        relief: What it removed (hidden from the repr).

    >>> from datetime import date
    >>> Observation(on=date(2020, 8, 31), adjustment="special_chair", relief=Relief.PAIN)
    Observation(on=datetime.date(2020, 8, 31), adjustment='special_chair')
    """

    on: date
    adjustment: str
    relief: Relief = attrs.field(repr=False)


@attrs.frozen(repr=False)
class BarrierNote:
    """A barrier (e.g. self-stigma, in PsykInfo's material) noted on a course; health information.

    Attributes:
        on: The day it was noted.
        barrier: Which barrier.
        note: A free-text note.

    >>> from datetime import date
    >>> BarrierNote(date(2020, 9, 1), Barrier.SELF_STIGMA)
    BarrierNote(on=2020-09-01, <hidden>)
    """

    on: date = attrs.field(validator=day())
    barrier: Barrier = attrs.field(validator=member(Barrier))
    note: str = attrs.field(default="", validator=text(required=False))

    def __repr__(self) -> str:
        return f"BarrierNote(on={self.on}, <hidden>)"


_TRIALS = tuple_of(Trial, "trials")
_BARRIER_NOTES = tuple_of(BarrierNote, "barriers")


def _trials(value: object) -> tuple[Trial, ...]:
    return _TRIALS(value)


def _barrier_notes(value: object) -> tuple[BarrierNote, ...]:
    return _BARRIER_NOTES(value)


@attrs.frozen(kw_only=True, repr=False)
class CourseLog:
    """What was tried and noted during one course: trials and barriers, oldest first.

    A log is a value: :meth:`record` and :meth:`note` return a new log. It is linked to a
    course by the course's opaque participant reference.

    Attributes:
        participant: The course's opaque participant reference (never a CPR number).
        trials: The trials, in date order.
        barriers: The barriers noted, in date order.

    >>> from datetime import date
    >>> log = CourseLog(participant="ref-0001").record(
    ...     Trial(on=date(2020, 8, 10), minutes_per_day=120, days_per_week=3)
    ... )
    >>> log.sustainable_weekly_minutes(), log
    (360, CourseLog(trials=1, barriers=0))
    """

    participant: str = attrs.field(validator=reference("participant"))
    trials: tuple[Trial, ...] = attrs.field(default=(), converter=_trials)
    barriers: tuple[BarrierNote, ...] = attrs.field(default=(), converter=_barrier_notes)

    def __attrs_post_init__(self) -> None:
        for field, dates in (
            ("trials", [t.on for t in self.trials]),
            ("barriers", [b.on for b in self.barriers]),
        ):
            for i in range(1, len(dates)):
                if dates[i] < dates[i - 1]:
                    raise ValidationError(
                        "is dated before the one before it", path=f"{field}[{i}].on"
                    )

    def __repr__(self) -> str:
        return f"CourseLog(trials={len(self.trials)}, barriers={len(self.barriers)})"

    def record(self, trial: Trial) -> CourseLog:
        """A copy with ``trial`` added.

        Raises:
            ValidationError: Not a trial, or dated before the last trial.
        """
        return attrs.evolve(self, trials=(*self.trials, trial))

    def note(self, barrier: BarrierNote) -> CourseLog:
        """A copy with ``barrier`` added.

        Raises:
            ValidationError: Not a barrier note, or dated before the last one.
        """
        return attrs.evolve(self, barriers=(*self.barriers, barrier))

    def progression(self) -> tuple[Step, ...]:
        """The working time trial by trial, with how it changed and whether it held."""
        steps = []
        previous: int | None = None
        for t in self.trials:
            weekly = t.weekly_minutes
            change = (
                Change.START
                if previous is None
                else Change.INCREASED
                if weekly > previous
                else Change.REDUCED
                if weekly < previous
                else Change.UNCHANGED
            )
            steps.append(
                Step(
                    on=t.on,
                    minutes_per_day=t.minutes_per_day,
                    days_per_week=t.days_per_week,
                    weekly_minutes=weekly,
                    change=change,
                    sustainable=t.sustainable,
                    adjustments=tuple(sorted(t.adjustments)),
                )
            )
            previous = weekly
        return tuple(steps)

    def sustainable_weekly_minutes(self) -> int | None:
        """The most weekly working time that held and was not later found too much.

        A trial holds when it was not too much and had no pain. A level found too much in a
        later trial (at that weekly time or less) no longer counts: capacity can fall as well
        as rise. ``None`` when no trial held.
        """
        best: int | None = None
        for i, t in enumerate(self.trials):
            if not t.sustainable:
                continue
            later_too_much = any(
                u.strain is Strain.TOO_MUCH and u.weekly_minutes <= t.weekly_minutes
                for u in self.trials[i + 1 :]
            )
            if not later_too_much and (best is None or t.weekly_minutes > best):
                best = t.weekly_minutes
        return best

    def sustainable_weekly_hours(self) -> float | None:
        """:meth:`sustainable_weekly_minutes` in hours (``None`` when no trial held)."""
        minutes = self.sustainable_weekly_minutes()
        return None if minutes is None else minutes / 60

    def findings(self) -> tuple[Observation, ...]:
        """Adjustments added in a trial that removed the pain or strain of the trial before.

        Strain counts as removed by an adjustment only if the working time was not reduced at
        the same time (then the reduction may have done it).
        """
        found = []
        for prev, cur in zip(self.trials, self.trials[1:], strict=False):
            added = sorted(cur.adjustments - prev.adjustments)
            if prev.pain and not cur.pain:
                found += [Observation(on=cur.on, adjustment=a, relief=Relief.PAIN) for a in added]
            strain_gone = prev.strain is Strain.TOO_MUCH and cur.strain is not Strain.TOO_MUCH
            if strain_gone and cur.weekly_minutes >= prev.weekly_minutes:
                found += [Observation(on=cur.on, adjustment=a, relief=Relief.STRAIN) for a in added]
        return tuple(found)


# -- the clarification report -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReportRules:
    """The thresholds behind the report's recommendation candidates; replace them freely.

    Attributes:
        full_time_minutes: A full working week (37 hours, the norm LKHE § 4 and LAB § 61
            measure against).
        low_capacity_minutes: Below this weekly time, førtidspension is put forward for
            assessment as well [unverified].
        source: Where the thresholds come from.

    >>> ReportRules().full_time_minutes
    2220
    """

    full_time_minutes: int = attrs.field(default=37 * 60, validator=whole(1, 7 * DAY_MINUTES))
    low_capacity_minutes: int = attrs.field(default=10 * 60, validator=whole(0, 7 * DAY_MINUTES))
    source: str = attrs.field(
        default="full time 37 hours (LKHE § 4; LAB § 61); low capacity 10 hours [unverified]",
        validator=text(),
    )


@attrs.frozen
class Candidate:
    """A recommendation candidate with its reasons; it supports the decision, never makes it.

    Attributes:
        recommendation: What is put forward.
        reasons: Why, in words.

    >>> Candidate(Recommendation.ASSESS_FLEKSJOB, ("6 h a week held",)).recommendation.label_da
    'vurdering af fleksjob'
    """

    recommendation: Recommendation
    reasons: tuple[str, ...]


@attrs.frozen
class MeetingRecord:
    """A meeting held during the course, from its history.

    Attributes:
        kind: The meeting kind (``"start"``, ``"follow_up"``, ``"final"``, ...).
        on: The day it was held.
        name_da: The programme's Danish name for the meeting (the kind if it has none).
        name_en: The programme's English name for the meeting (the kind if it has none).

    >>> from datetime import date
    >>> MeetingRecord("follow_up", date(2020, 8, 24), "Opfølgningsmøde", "Follow-up").on
    datetime.date(2020, 8, 24)
    """

    kind: str
    on: date
    name_da: str
    name_en: str


_RESTRICTIONS = texts("restrictions")


def _restrictions(value: object) -> tuple[str, ...]:
    return _RESTRICTIONS(value)


@attrs.frozen(kw_only=True, repr=False)
class ClarificationReport:
    """The provider's clarification report (afklaringsrapport) on one course.

    It describes what the course found out and puts forward recommendation candidates, each
    with reasons; the jobcentre makes the decision. The work functions, skånehensyn and
    findings are health information, so the ``repr`` shows none of them. Build one with
    :func:`build_report`.

    Attributes:
        programme: The programme's key.
        participant: The opaque participant reference.
        prepared_on: The day the report was prepared.
        started_on: The course's start.
        ended_on: The course's end, if it has ended.
        functions: The work functions to test, from the start meeting.
        meetings: The meetings held.
        progression: The work-capacity progression.
        sustainable_weekly_minutes: The weekly time that held, if any.
        findings: Adjustments observed to remove pain or strain (:class:`Observation`).
        adjustments_needed: The adjustments needed (skånehensyn in practice), as keys.
        restrictions: Skånehensyn in words.
        candidates: The recommendation candidates, each with its reasons.
        rules_source: The source of the thresholds used.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> p = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
    >>> course = bk.Course.start(p, participant="ref-0001", on=date(2020, 8, 3))
    >>> from beskaeftigelse.reports import build_report
    >>> build_report(course, CourseLog(participant="ref-0001"), on=date(2020, 8, 3))
    ClarificationReport(programme='afklaringsforloeb', prepared_on=2020-08-03, trials=0, \
candidates=1)
    """

    programme: str
    participant: str
    prepared_on: date
    started_on: date
    ended_on: date | None
    functions: WorkFunctions
    meetings: tuple[MeetingRecord, ...]
    progression: tuple[Step, ...]
    sustainable_weekly_minutes: int | None
    findings: tuple[Observation, ...]
    adjustments_needed: tuple[str, ...]
    restrictions: tuple[str, ...] = attrs.field(converter=_restrictions)
    candidates: tuple[Candidate, ...]
    rules_source: str

    def __repr__(self) -> str:
        return (
            f"ClarificationReport(programme={self.programme!r}, prepared_on={self.prepared_on}, "
            f"trials={len(self.progression)}, candidates={len(self.candidates)})"
        )

    def to_markdown(self, *, catalogue: AdjustmentCatalogue = ADJUSTMENTS) -> str:
        """The report as Markdown (headings in English with the Danish terms)."""
        return "\n".join(_render(self, catalogue, _MARKDOWN)) + "\n"

    def to_html(self, *, catalogue: AdjustmentCatalogue = ADJUSTMENTS) -> str:
        """The report as an HTML fragment; every text is escaped."""
        return "\n".join(_render(self, catalogue, _HTML)) + "\n"


def hours_text(minutes: int) -> str:
    """``minutes`` as hours in words: ``"2 h"``, ``"2 h 30 min"``."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


@attrs.frozen
class _Style:
    heading: str
    item: str
    para: str
    open_list: str
    close_list: str
    escape: bool
    gap: tuple[str, ...]


_MARKDOWN = _Style("## {}", "- {}", "{}", "", "", escape=False, gap=("",))
_HTML = _Style("<h2>{}</h2>", "<li>{}</li>", "<p>{}</p>", "<ul>", "</ul>", escape=True, gap=())


def _render(
    report: ClarificationReport, catalogue: AdjustmentCatalogue, style: _Style
) -> list[str]:
    def esc(text: str) -> str:
        return html.escape(text) if style.escape else text

    def section(title: str, items: list[str], empty: str) -> list[str]:
        lines = [*style.gap, style.heading.format(esc(title)), *style.gap]
        if not items:
            return [*lines, style.para.format(esc(empty))]
        body = [style.item.format(esc(i)) for i in items]
        return [*lines, *(x for x in (style.open_list, *body, style.close_list) if x)]

    names = {a.key: a for a in catalogue.adjustments}
    f = report.functions
    ended = f"until {report.ended_on}" if report.ended_on else "not ended"
    title = f"Afklaringsrapport (clarification report): {report.programme}"
    lines = [
        "# " + title if not style.escape else f"<h1>{esc(title)}</h1>",
        *style.gap,
        style.para.format(
            esc(
                f"Participant {report.participant}; course from {report.started_on}, {ended}; "
                f"prepared {report.prepared_on}."
            )
        ),
    ]
    lines += section(
        "Functions tested (arbejdsfunktioner)",
        [f"tasks: {', '.join(f.task_types)}"] * bool(f.task_types)
        + [f"working time: {f.working_time}"] * bool(f.working_time)
        + [f"motivation: {f.motivation}"] * bool(f.motivation)
        + [f"workplace: {f.workplace_arrangement}"] * bool(f.workplace_arrangement),
        "none recorded",
    )
    lines += section(
        "Work-capacity progression (arbejdsprøvning)",
        [
            f"{s.on}: {hours_text(s.minutes_per_day)} x {s.days_per_week} days = "
            f"{hours_text(s.weekly_minutes)} a week ({s.change.label_en}; "
            f"{'held' if s.sustainable else 'did not hold'})"
            + (
                f" with {', '.join(_name(names, a) for a in s.adjustments)}"
                if s.adjustments
                else ""
            )
            for s in report.progression
        ]
        + [
            f"sustainable: {hours_text(report.sustainable_weekly_minutes)} a week"
            if report.sustainable_weekly_minutes is not None
            else "sustainable: no working time tried held"
        ]
        * bool(report.progression),
        "no trials recorded",
    )
    lines += section(
        "Adjustments needed (skånehensyn)",
        [f"{names[k].name_en} ({names[k].name_da})" for k in report.adjustments_needed]
        + list(report.restrictions)
        + [f"{d.on}: {_name(names, d.adjustment)} {d.relief.label_en}" for d in report.findings],
        "none",
    )
    lines += section(
        "Meetings held (møder)",
        [f"{m.on}: {m.name_en} ({m.name_da})" for m in report.meetings],
        "none",
    )
    lines += section(
        "Recommendation candidates (anbefalinger)",
        [
            f"{c.recommendation.label_en} ({c.recommendation.label_da}): {'; '.join(c.reasons)}"
            for c in report.candidates
        ],
        "none",
    )
    lines += style.gap
    lines.append(
        style.para.format(
            esc(
                "These candidates support the jobcentre's decision; they do not make it. "
                f"Thresholds: {report.rules_source}."
            )
        )
    )
    return lines


def _name(names: dict[str, Adjustment], key: str) -> str:
    return names[key].name_en if key in names else key


# -- dialogue support -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DialoguePrompt:
    """A question a caseworker can open a conversation with, as data a UI can show.

    Attributes:
        key: A short key.
        text_da: The question in Danish.
        text_en: The question in English.
        source: Where it comes from.

    >>> from beskaeftigelse.reports import DIALOGUE_PROMPTS
    >>> DIALOGUE_PROMPTS[0].text_da
    'Hvordan har du det lige nu?'
    """

    key: str = attrs.field(validator=text())
    text_da: str = attrs.field(validator=text())
    text_en: str = attrs.field(validator=text())
    source: str = attrs.field(validator=text())


#: The PsykInfo / EN AF OS dialogue prompts: plain contact, no psychology needed.

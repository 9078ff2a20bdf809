"""The clarification report: built from a course and its log, with recommendation candidates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from beskaeftigelse._domain.adjustments.data import ADJUSTMENTS
from beskaeftigelse._domain.adjustments.types import AdjustmentCatalogue
from beskaeftigelse._domain.reports.types import (
    Candidate,
    Change,
    ClarificationReport,
    CourseLog,
    MeetingRecord,
    Recommendation,
    ReportRules,
    Step,
    hours_text,
)
from beskaeftigelse._engine.course import Course
from beskaeftigelse._engine.events import StartMeetingHeld, WorkFunctions
from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._kernel.validation import check_day, frozenset_of, instance_of, name, texts

_NEEDED = frozenset_of(name(), "adjustments_needed")
_RESTRICTIONS = texts("restrictions")


def build_report(  # noqa: PLR0913 - what a report is built from, each named
    course: Course,
    log: CourseLog,
    *,
    on: date,
    adjustments_needed: Iterable[str] = (),
    restrictions: Iterable[str] = (),
    rules: ReportRules | None = None,
    catalogue: AdjustmentCatalogue = ADJUSTMENTS,
) -> ClarificationReport:
    """The clarification report on ``course`` as it stands on ``on``.

    Only events and trials dated on or before ``on`` are used.

    Args:
        course: The afklaringsforløb (or any course).
        log: The course's trials and barriers (barriers never enter the report).
        on: The day the report is prepared.
        adjustments_needed: Keys of the adjustments the citizen needs.
        restrictions: Skånehensyn in words.
        rules: The thresholds for the candidates (default: :class:`ReportRules`).
        catalogue: The adjustment catalogue the keys refer to.

    Returns:
        The report, with recommendation candidates; it never decides.

    Raises:
        ValidationError: Bad input, a log of another course, an unknown adjustment key.
    """
    instance_of(Course, "course")(None, None, course)
    instance_of(CourseLog, "log")(None, None, log)
    check_day(on, "on")
    if on < course.started_on:
        raise ValidationError("must not be before the course started", path="on")
    if log.participant != course.participant:
        raise ValidationError("is the log of another course", path="log.participant")
    rules = ReportRules() if rules is None else rules
    instance_of(ReportRules, "rules")(None, None, rules)
    instance_of(AdjustmentCatalogue, "catalogue")(None, None, catalogue)
    needed = tuple(sorted(_NEEDED(adjustments_needed)))
    known = {a.key for a in catalogue.adjustments}
    if any(k not in known for k in needed):
        raise ValidationError("contains a key not in the catalogue", path="adjustments_needed")
    history = [e for e in course.history if e.on <= on]
    plans = {m.kind: (m.name_da, m.name_en) for m in course.programme.definition.meetings}
    start = next((e for e in history if isinstance(e, StartMeetingHeld)), None)
    upto = CourseLog(participant=log.participant, trials=tuple(t for t in log.trials if t.on <= on))
    ended = course.ended_on if course.ended_on is not None and course.ended_on <= on else None
    sustainable = upto.sustainable_weekly_minutes()
    progression = upto.progression()
    return ClarificationReport(
        programme=course.programme.key,
        participant=course.participant,
        prepared_on=on,
        started_on=course.started_on,
        ended_on=ended,
        functions=start.functions if start is not None else WorkFunctions(),
        meetings=tuple(
            MeetingRecord(e.meeting, e.on, *plans.get(e.meeting, (e.meeting, e.meeting)))
            for e in history
            if e.meeting
        ),
        progression=progression,
        sustainable_weekly_minutes=sustainable,
        findings=upto.findings(),
        adjustments_needed=needed,
        restrictions=_RESTRICTIONS(_as_list(restrictions)),
        candidates=_candidates(progression, sustainable, needed, ended, rules),
        rules_source=rules.source,
    )


def _as_list(value: object) -> object:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value
    return list(value)


def _candidates(
    progression: tuple[Step, ...],
    sustainable: int | None,
    needed: tuple[str, ...],
    ended: date | None,
    rules: ReportRules,
) -> tuple[Candidate, ...]:
    full = rules.full_time_minutes
    out: list[Candidate] = []
    if not progression:
        return (
            Candidate(
                Recommendation.OTHER,
                ("no work-capacity trial was recorded: the clarification is not complete",),
            ),
        )
    if sustainable is None:
        out.append(
            Candidate(
                Recommendation.ASSESS_FOERTIDSPENSION,
                (
                    "no working time tried held (each was too much or painful)",
                    (
                        "førtidspension requires that the working capacity cannot be improved; "
                        "the jobcentre assesses this"
                    ),
                ),
            )
        )
    else:
        held = f"a working time of {hours_text(sustainable)} a week held"
        adjusted = f"with adjustments: {', '.join(needed)}" if needed else ""
        if sustainable >= full:
            if needed:
                out.append(Candidate(Recommendation.JOB_WITH_ADJUSTMENTS, (held, adjusted)))
            else:
                out.append(
                    Candidate(Recommendation.ORDINARY_JOB, (held, "no adjustments are needed"))
                )
        else:
            reasons = [
                held,
                f"below full time ({hours_text(full)} a week)",
                (
                    "fleksjob (LAB § 116) requires a permanent and substantial limitation of "
                    "working capacity after other measures were tried"
                ),
            ]
            if progression[-1].change is Change.INCREASED and progression[-1].sustainable:
                reasons.append("the working time was still rising at the last trial")
            if adjusted:
                reasons.append(adjusted)
            out.append(Candidate(Recommendation.ASSESS_FLEKSJOB, tuple(reasons)))
            if sustainable < rules.low_capacity_minutes:
                out.append(
                    Candidate(
                        Recommendation.ASSESS_FOERTIDSPENSION,
                        (
                            f"{held}, below {hours_text(rules.low_capacity_minutes)} a week",
                            "the jobcentre assesses whether the capacity can be improved",
                        ),
                    )
                )
    if ended is None:
        out.append(
            Candidate(
                Recommendation.OTHER,
                ("the course has not ended yet: further clarification may change the picture",),
            )
        )
    return tuple(out)

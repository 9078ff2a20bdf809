"""Work-capacity trials, the clarification report and dialogue support."""

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import events as ev
from beskaeftigelse import reports as rp

MARKER = "SECRET-MARKER-7f3a"
START = date(2020, 8, 3)
ADJ_KEYS = ["special_chair", "extra_breaks", "reduced_hours", "mentor", "own_local_key"]


@st.composite
def logs(draw, participant="ref-0001", min_size=0):
    n = draw(st.integers(min_size, 6))
    gaps = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    trials, day = [], START
    for gap in gaps:
        day += timedelta(days=gap)
        trials.append(
            rp.Trial(
                on=day,
                minutes_per_day=draw(st.integers(30, 480)),
                days_per_week=draw(st.integers(1, 5)),
                tasks=tuple(draw(st.lists(st.sampled_from(["pakning", "montage"]), max_size=2))),
                strain=draw(st.sampled_from(list(rp.Strain))),
                pain=draw(st.booleans()),
                adjustments=frozenset(draw(st.lists(st.sampled_from(ADJ_KEYS), max_size=2))),
                note=draw(st.sampled_from(["", MARKER])),
            )
        )
    barriers = tuple(
        rp.BarrierNote(START + timedelta(days=i), b, MARKER)
        for i, b in enumerate(draw(st.lists(st.sampled_from(list(rp.Barrier)), max_size=3)))
    )
    return rp.CourseLog(participant=participant, trials=tuple(trials), barriers=barriers)


def afklaring(*, end=False):
    p = bk.catalogue.get("afklaringsforloeb", on=START)
    course = bk.Course.start(p, participant="ref-0001", on=START)
    course = course.apply(
        ev.StartMeetingHeld(
            on=START,
            functions=ev.WorkFunctions(
                task_types=("produktionsopgaver",),
                working_time="3 timer, 3 gange om ugen",
                motivation="motivation",
                workplace_arrangement=f"stol {MARKER}",
            ),
        )
    )
    for week in (3, 5, 8, 10):
        course = course.apply(ev.FollowUpHeld(on=START + timedelta(weeks=week)))
    if end:
        course = course.apply(ev.FinalMeetingHeld(on=START + timedelta(weeks=12)))
    return course


def seed_002_log():
    """Seed 002: 3 hours 3 times a week was too much; 2 hours; a special chair removed the pain."""
    log = rp.CourseLog(participant="ref-0001")
    log = log.record(
        rp.Trial(
            on=START,
            minutes_per_day=3 * 60,
            days_per_week=3,
            tasks=("produktionsopgaver",),
            strain=rp.Strain.TOO_MUCH,
            pain=True,
        )
    )
    log = log.record(
        rp.Trial(
            on=START + timedelta(weeks=2),
            minutes_per_day=2 * 60,
            days_per_week=3,
            strain=rp.Strain.MANAGEABLE,
            pain=True,
        )
    )
    return log.record(
        rp.Trial(
            on=START + timedelta(weeks=4),
            minutes_per_day=2 * 60,
            days_per_week=3,
            strain=rp.Strain.MANAGEABLE,
            pain=False,
            adjustments={"special_chair"},
        )
    )


# -- the seed's own case ----------------------------------------------------------------------


def test_seed_002_progression_and_chair():
    log = seed_002_log()
    steps = log.progression()
    assert [(s.minutes_per_day, s.days_per_week) for s in steps] == [(180, 3), (120, 3), (120, 3)]
    assert [s.change for s in steps] == [rp.Change.START, rp.Change.REDUCED, rp.Change.UNCHANGED]
    assert [s.sustainable for s in steps] == [False, False, True]
    assert log.sustainable_weekly_minutes() == 2 * 60 * 3
    assert log.sustainable_weekly_hours() == 6.0
    assert steps[2].adjustments == ("special_chair",)
    assert rp.CourseLog(participant="r").sustainable_weekly_hours() is None
    assert log.findings() == (
        rp.Observation(
            on=START + timedelta(weeks=4), adjustment="special_chair", relief=rp.Relief.PAIN
        ),
    )


def test_seed_002_report():
    course = afklaring(end=True)
    report = rp.build_report(
        course,
        seed_002_log(),
        on=course.ended_on,
        adjustments_needed=["special_chair", "reduced_hours"],
        restrictions=["ikke tunge løft"],
    )
    assert report.functions.working_time == "3 timer, 3 gange om ugen"
    assert [m.kind for m in report.meetings] == ["start", *["follow_up"] * 4, "final"]
    assert report.sustainable_weekly_minutes == 360
    recs = [c.recommendation for c in report.candidates]
    assert rp.Recommendation.ASSESS_FLEKSJOB in recs
    assert rp.Recommendation.OTHER not in recs
    md = report.to_markdown()
    assert "3 h x 3 days = 9 h a week" in md
    assert "2 h x 3 days = 6 h a week" in md
    assert "Specially designed chair removed the pain" in md
    assert "6 h a week (unchanged; held) with Specially designed chair" in md
    assert "do not make it" in md


# -- properties of the log --------------------------------------------------------------------


@given(logs())
def test_progression_follows_the_trials(log):
    steps = log.progression()
    assert len(steps) == len(log.trials)
    for i, (step, trial) in enumerate(zip(steps, log.trials, strict=True)):
        assert step.weekly_minutes == trial.minutes_per_day * trial.days_per_week
        assert step.sustainable == (trial.strain is not rp.Strain.TOO_MUCH and not trial.pain)
        if i == 0:
            assert step.change is rp.Change.START
        else:
            before = steps[i - 1].weekly_minutes
            expected = (
                rp.Change.INCREASED
                if step.weekly_minutes > before
                else rp.Change.REDUCED
                if step.weekly_minutes < before
                else rp.Change.UNCHANGED
            )
            assert step.change is expected


@given(logs())
def test_sustainable_time_held_and_was_not_later_too_much(log):
    best = log.sustainable_weekly_minutes()
    held = [t for t in log.trials if t.sustainable]
    if not held:
        assert best is None
        return
    if all(t.strain is not rp.Strain.TOO_MUCH for t in log.trials):
        assert best == max(t.weekly_minutes for t in held)
    still_valid = [
        t.weekly_minutes
        for i, t in enumerate(log.trials)
        if t.sustainable
        and not any(
            u.strain is rp.Strain.TOO_MUCH and u.weekly_minutes <= t.weekly_minutes
            for u in log.trials[i + 1 :]
        )
    ]
    assert best == (max(still_valid) if still_valid else None)


@given(logs(), st.integers(30, 480), st.integers(1, 5), st.booleans())
def test_a_new_trial_moves_the_sustainable_time_as_a_caseworker_expects(
    log, minutes, days, too_much
):
    before = log.sustainable_weekly_minutes()
    on = log.trials[-1].on if log.trials else START
    strain = rp.Strain.TOO_MUCH if too_much else rp.Strain.MANAGEABLE
    trial = rp.Trial(on=on, minutes_per_day=minutes, days_per_week=days, strain=strain)
    after = log.record(trial).sustainable_weekly_minutes()
    weekly = minutes * days
    if too_much:
        # A level found too much caps what counts as sustainable from now on.
        assert after is None or (after < weekly and (before is not None and after <= before))
    else:
        assert after == max(weekly, before or 0)


@given(logs())
def test_findings_name_an_added_adjustment_that_removed_something(log):
    by_day = {}
    for prev, cur in zip(log.trials, log.trials[1:], strict=False):
        by_day.setdefault(cur.on, []).append((prev, cur))
    for f in log.findings():
        pairs = by_day[f.on]
        assert any(
            f.adjustment in cur.adjustments - prev.adjustments
            and (
                (f.relief is rp.Relief.PAIN and prev.pain and not cur.pain)
                or (f.relief is rp.Relief.STRAIN and prev.strain is rp.Strain.TOO_MUCH)
            )
            for prev, cur in pairs
        )


@given(logs())
def test_logs_round_trip_through_json(log):
    assert bk.from_json(bk.to_json(log), rp.CourseLog) == log


@given(logs(), st.booleans(), st.sampled_from([(), ("mentor",), ("extra_breaks", "mentor")]))
def test_reports_round_trip_and_render(log, end, needed):
    course = afklaring(end=end)
    report = rp.build_report(course, log, on=START + timedelta(weeks=13), adjustments_needed=needed)
    assert bk.from_json(bk.to_json(report), rp.ClarificationReport) == report
    md, page = report.to_markdown(), report.to_html()
    for c in report.candidates:
        assert c.recommendation.label_en in md
        assert c.reasons
    assert page.count("<h2>") == md.count("\n## ") == 5
    assert report.candidates
    assert (rp.Recommendation.OTHER in {c.recommendation for c in report.candidates}) == (
        not log.trials or not end
    )


# -- candidates -------------------------------------------------------------------------------


def one_trial(minutes, *, strain=rp.Strain.NONE, pain=False):
    return rp.CourseLog(participant="ref-0001").record(
        rp.Trial(on=START, minutes_per_day=minutes, days_per_week=5, strain=strain, pain=pain)
    )


@pytest.mark.parametrize(
    ("log", "needed", "expected"),
    [
        (rp.CourseLog(participant="ref-0001"), (), [rp.Recommendation.OTHER]),
        (one_trial(444), (), [rp.Recommendation.ORDINARY_JOB]),
        (one_trial(444), ("mentor",), [rp.Recommendation.JOB_WITH_ADJUSTMENTS]),
        (one_trial(300), (), [rp.Recommendation.ASSESS_FLEKSJOB]),
        (
            one_trial(60),
            (),
            [rp.Recommendation.ASSESS_FLEKSJOB, rp.Recommendation.ASSESS_FOERTIDSPENSION],
        ),
        (one_trial(300, pain=True), (), [rp.Recommendation.ASSESS_FOERTIDSPENSION]),
    ],
)
def test_candidates_follow_the_rules(log, needed, expected):
    report = rp.build_report(
        afklaring(end=True), log, on=date(2020, 12, 1), adjustments_needed=needed
    )
    assert [c.recommendation for c in report.candidates] == expected


def test_a_rising_working_time_is_a_reason():
    log = one_trial(60).record(
        rp.Trial(on=START + timedelta(days=7), minutes_per_day=90, days_per_week=5)
    )
    report = rp.build_report(afklaring(end=True), log, on=date(2020, 12, 1))
    assert any("still rising" in r for r in report.candidates[0].reasons)


def test_only_what_happened_by_the_date_is_reported():
    course = afklaring(end=True)
    report = rp.build_report(course, seed_002_log(), on=START + timedelta(days=1))
    assert [m.kind for m in report.meetings] == ["start"]
    assert len(report.progression) == 1
    assert report.ended_on is None


def test_a_course_without_a_start_meeting_has_no_functions():
    p = bk.catalogue.get("afklaringsforloeb", on=START)
    course = bk.Course.start(p, participant="ref-0001", on=START)
    report = rp.build_report(course, rp.CourseLog(participant="ref-0001"), on=START)
    assert report.functions == ev.WorkFunctions()
    assert "none recorded" in report.to_markdown()
    assert "no trials recorded" in report.to_html()


def test_html_escapes_every_text():
    report = rp.build_report(
        afklaring(end=True),
        seed_002_log(),
        on=date(2020, 12, 1),
        restrictions=["<script>alert(1)</script>"],
    )
    page = report.to_html()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


# -- personal data ----------------------------------------------------------------------------


@given(logs(min_size=1))
def test_health_information_never_appears_in_a_repr(log):
    course = afklaring(end=True)
    report = rp.build_report(course, log, on=date(2020, 12, 1), restrictions=[MARKER])
    shown = [repr(log), str(log), repr(report), str(report)]
    shown += [repr(t) for t in log.trials] + [repr(b) for b in log.barriers]
    shown += [repr(s) for s in report.progression] + [repr(f) for f in report.findings]
    shown += [repr(report.functions)]
    for text in shown:
        assert MARKER not in text
        for barrier in rp.Barrier:
            assert barrier.value not in text
            assert barrier.label_en not in text
        assert "too_much" not in text
        assert "pain" not in text.lower()


@pytest.mark.parametrize(
    "build",
    [
        lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, note=MARKER * 300),
        lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, tasks=(MARKER, " ")),
        lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, adjustments={MARKER}),
        lambda: rp.BarrierNote(START, rp.Barrier.SELF_STIGMA, MARKER * 300),
        lambda: rp.BarrierNote(START, MARKER),
        lambda: rp.build_report(afklaring(), seed_002_log(), on=START, restrictions=[MARKER * 300]),
        lambda: rp.build_report(
            afklaring(), seed_002_log(), on=START, adjustments_needed=[MARKER.lower()]
        ),
    ],
)
def test_health_information_never_appears_in_an_error(build):
    with pytest.raises(bk.ValidationError) as info:
        build()
    assert MARKER not in str(info.value)
    assert MARKER.lower() not in str(info.value)
    assert all(MARKER not in e for e in info.value.errors)


def test_barriers_such_as_self_stigma_are_recorded_on_a_course_log():
    log = rp.CourseLog(participant="ref-0001").note(
        rp.BarrierNote(START, rp.Barrier.SELF_STIGMA, "note")
    )
    assert log.barriers[0].barrier is rp.Barrier.SELF_STIGMA
    assert rp.Barrier.SELF_STIGMA.label_da == "selvstigma"
    assert "selvstigma" not in rp.build_report(afklaring(), log, on=START).to_markdown()


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: rp.Trial(on="2020-08-03", minutes_per_day=60, days_per_week=3), "on"),
        (lambda: rp.Trial(on=START, minutes_per_day=0, days_per_week=3), "minutes_per_day"),
        (lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=8), "days_per_week"),
        (lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, tasks="x"), "tasks"),
        (
            lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, strain="none"),
            "strain",
        ),
        (lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, pain=1), "pain"),
        (
            lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, adjustments="x"),
            "adjustments",
        ),
        (
            lambda: rp.Trial(on=START, minutes_per_day=60, days_per_week=3, note=5),
            "note",
        ),
        (lambda: rp.CourseLog(participant="010190-1234"), "participant"),
        (lambda: rp.CourseLog(participant=" "), "participant"),
        (lambda: rp.CourseLog(participant="r", trials=[5]), "trials[0]"),
        (lambda: rp.CourseLog(participant="r", trials="x"), "trials"),
        (
            lambda: seed_002_log().record(rp.Trial(on=START, minutes_per_day=60, days_per_week=3)),
            "trials[3].on",
        ),
        (
            lambda: (
                rp.CourseLog(participant="r")
                .note(rp.BarrierNote(START, rp.Barrier.OTHER))
                .note(rp.BarrierNote(START - timedelta(days=1), rp.Barrier.OTHER))
            ),
            "barriers[1].on",
        ),
        (lambda: rp.build_report(5, seed_002_log(), on=START), "course"),
        (lambda: rp.build_report(afklaring(), 5, on=START), "log"),
        (lambda: rp.build_report(afklaring(), seed_002_log(), on="x"), "on"),
        (
            lambda: rp.build_report(afklaring(), seed_002_log(), on=START - timedelta(days=1)),
            "on",
        ),
        (
            lambda: rp.build_report(afklaring(), rp.CourseLog(participant="other"), on=START),
            "log.participant",
        ),
        (lambda: rp.build_report(afklaring(), seed_002_log(), on=START, rules=5), "rules"),
        (
            lambda: rp.build_report(afklaring(), seed_002_log(), on=START, catalogue=5),
            "catalogue",
        ),
        (
            lambda: rp.build_report(
                afklaring(), seed_002_log(), on=START, adjustments_needed=["nope"]
            ),
            "adjustments_needed",
        ),
        (
            lambda: rp.build_report(afklaring(), seed_002_log(), on=START, restrictions="x"),
            "restrictions",
        ),
        (lambda: rp.ReportRules(full_time_minutes=0), "full_time_minutes"),
        (lambda: rp.DialoguePrompt(key="k", text_da="", text_en="e", source="s"), "text_da"),
    ],
)
def test_bad_values_are_refused_with_their_path(build, path):
    with pytest.raises(bk.ValidationError) as info:
        build()
    assert info.value.path == path


def test_bad_documents_name_the_field():
    text = bk.to_json(seed_002_log()).replace('"minutes_per_day": 180', '"minutes_per_day": "3"')
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text, rp.CourseLog)
    assert info.value.path == "$.trials[0].minutes_per_day"
    course = afklaring(end=True)
    report = rp.build_report(course, seed_002_log(), on=course.ended_on)
    text = bk.to_json(report).replace('"change": "reduced"', '"change": "down"')
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text, rp.ClarificationReport)
    assert info.value.path == "$.progression[1].change"


# -- dialogue ---------------------------------------------------------------------------------


def test_the_dialogue_prompts_of_psykinfo():
    prompts = {p.key: p for p in rp.DIALOGUE_PROMPTS}
    assert len(prompts) == len(rp.DIALOGUE_PROMPTS)
    assert "Hvordan har borgeren det lige nu?" in prompts["how_now"].source
    assert "Hvad fylder meget?" in prompts["what_takes_room"].source
    for p in rp.DIALOGUE_PROMPTS:
        assert p.source.startswith("PsykInfo / EN AF OS")
        assert p.text_en
    assert (
        bk.from_json(bk.to_json(rp.DIALOGUE_PROMPTS[0]), rp.DialoguePrompt)
        == (rp.DIALOGUE_PROMPTS[0])
    )


def test_labels_exist_for_every_member():
    for cls in (rp.Strain, rp.Change, rp.Relief, rp.Barrier, rp.Recommendation):
        for member in cls:
            assert member.label_da
            assert member.label_en
    assert attrs.evolve(rp.ReportRules(), low_capacity_minutes=0).low_capacity_minutes == 0


def test_the_old_name_finding_still_works_with_a_warning():
    with pytest.warns(FutureWarning, match="Observation"):
        old = rp.Finding
    assert old is rp.Observation
    assert "Finding" not in rp.__all__
    with pytest.raises(AttributeError):
        _ = rp.NoSuchName

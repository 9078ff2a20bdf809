"""IPS courses (seed 003), placements against the caps, and the IPS-25 fidelity scale."""

import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import beskaeftigelse as bk
from beskaeftigelse import events, ips, legal
from beskaeftigelse.ips import (
    FUTURUM_IPS,
    IPS_25,
    FidelityBand,
    FidelityReview,
    FidelityScale,
    HoursStep,
    IpsCourse,
    StartAgreement,
    WorkPlacement,
)
from beskaeftigelse.legal import Benefit, Citizen, Company, Readiness, TargetGroup

START = date(2024, 3, 4)
HEALTH_NOTE = "angst og depression"
AKTIVITETSPARAT = Citizen(
    reference="ref-0001",
    target_group=TargetGroup.G3,
    benefit=Benefit.KONTANTHJAELP,
    readiness=Readiness.AKTIVITETSPARAT,
)
JOBPARAT = Citizen(
    reference="ref-0002",
    target_group=TargetGroup.G2,
    benefit=Benefit.KONTANTHJAELP,
    readiness=Readiness.JOBPARAT,
)
AGREEMENT = StartAgreement(
    weekly_hours=20,
    tasks=("korrekturlæsning", HEALTH_NOTE),
    start_plan=(HoursStep(1, 6), HoursStep(3, 12), HoursStep(6, 20)),
    company_contact="Mette, HR, Firma A/S",
    municipal_contact="Jonas, virksomhedskonsulent",
)
FIRMA = Company(reference="cvr-12345678", ordinary_staff=12, subsidised=1)


def agreed(citizen=AKTIVITETSPARAT):
    course = IpsCourse.start(FUTURUM_IPS, citizen=citizen, on=START)
    return course.apply(ips.StartAgreementMade(on=START + timedelta(days=2), agreement=AGREEMENT))


def placed(citizen=AKTIVITETSPARAT, weeks=13, hours=6):
    placement = WorkPlacement(company=FIRMA, weeks=weeks, hours_per_week=hours)
    on = START + timedelta(days=7)
    return agreed(citizen).apply(ips.PlacementStarted(on=on, placement=placement))


# -- the course of seed 003 --------------------------------------------------------------------


def test_from_engagement_to_a_job():
    course = placed()
    assert course.state == "in_placement"
    assert course.agreement == AGREEMENT
    assert course.placement.hours_per_week == 6
    week3 = START + timedelta(days=7 + 14)
    course = course.apply(ips.HoursChanged(on=week3, hours_per_week=AGREEMENT.hours_in_week(3)))
    course = course.apply(ips.SupportSessionHeld(on=week3 + timedelta(days=1)))
    course = course.apply(ips.PlacementExtended(on=week3 + timedelta(days=60), by_weeks=13))
    assert (course.placement.weeks, course.placement.hours_per_week) == (26, 12)
    assert course.placement.ends_on == START + timedelta(days=7, weeks=26)
    course = course.apply(ips.PlacementEnded(on=week3 + timedelta(days=90)))
    assert (course.state, course.placement) == ("follow_along", None)
    course = course.apply(ips.JobObtained(on=week3 + timedelta(days=100)))
    course = course.apply(ips.SupportSessionHeld(on=week3 + timedelta(days=130)))
    assert course.state == "employed"
    assert course.course.ended_on == week3 + timedelta(days=100)
    course = course.apply(
        events.OutcomeRecorded(on=week3 + timedelta(days=131), outcome=events.Outcome.ORDINARY_JOB)
    )
    assert (course.state, course.outcome()) == ("closed", events.Outcome.ORDINARY_JOB)
    assert course.course.held["support"] == 2


def test_back_to_education():
    course = placed().apply(ips.EducationStarted(on=START + timedelta(days=40)))
    assert course.state == "in_education"
    assert course.outcome() is None
    done = course.apply(
        events.OutcomeRecorded(on=START + timedelta(days=41), outcome=events.Outcome.EDUCATION)
    )
    assert done.course.is_final


def test_futurum_is_a_programme_citing_aarhus_kommune():
    programme = FUTURUM_IPS.on(date(2017, 1, 1))
    assert programme.key == "futurum_ips"
    assert all("Aarhus Kommune" in line for line in programme.explain())
    assert not any("seed" in line for line in programme.explain())
    catalogue = bk.catalogue.with_definition(FUTURUM_IPS)
    assert catalogue.get("futurum_ips", on=date(2020, 1, 1)).definition == FUTURUM_IPS
    with pytest.raises(bk.NotInForce):
        IpsCourse.start(FUTURUM_IPS, citizen=AKTIVITETSPARAT, on=date(2016, 12, 31))


# -- the caps ----------------------------------------------------------------------------------


def test_a_placement_too_long_for_the_target_group_is_refused():
    placement = WorkPlacement(company=FIRMA, weeks=5, hours_per_week=10)
    event = ips.PlacementStarted(on=START + timedelta(days=7), placement=placement)
    course = agreed(JOBPARAT)
    refusal = course.check(event)
    assert refusal.rule == "placement_cap"
    assert "5 weeks is longer than the 4 weeks" in refusal.reason
    assert "§ 61" in refusal.reason
    with pytest.raises(bk.TransitionRefused) as info:
        course.apply(event)
    assert info.value.refusal == refusal
    assert agreed(AKTIVITETSPARAT).check(event) is None


def test_more_than_37_hours_and_the_ratio_rule_are_refused():
    course = placed()
    refusal = course.check(ips.HoursChanged(on=START + timedelta(days=20), hours_per_week=38))
    assert "38 hours a week is more than the 37 allowed" in refusal.reason
    full = Company(reference="cvr-2", ordinary_staff=12, subsidised=2)
    event = ips.PlacementStarted(
        on=START + timedelta(days=7),
        placement=WorkPlacement(company=full, weeks=4, hours_per_week=10),
    )
    refusal = agreed().check(event)
    assert "may have 2 with 12 ordinary staff" in refusal.reason
    assert "rimelighedskravet" in refusal.reason


def test_extensions_beyond_26_weeks_need_a_very_special_need():
    course = placed().apply(ips.PlacementExtended(on=START + timedelta(days=60), by_weeks=13))
    later = START + timedelta(days=150)
    assert course.check(ips.PlacementExtended(on=later, by_weeks=13)) is not None
    special = ips.PlacementExtended(on=later, by_weeks=13, very_special_need=True)
    assert course.apply(special).placement.weeks == 39
    too_far = ips.PlacementExtended(on=later, by_weeks=14, very_special_need=True)
    assert "at most 13 weeks at a time" in course.check(too_far).reason


def test_a_placement_cannot_be_changed_after_its_length_ran_out():
    course = placed(weeks=4)
    ends_on = course.placement.ends_on
    assert ends_on == START + timedelta(days=7, weeks=4)
    for event in (
        ips.HoursChanged(on=ends_on, hours_per_week=8),
        ips.PlacementExtended(on=ends_on, by_weeks=4),
    ):
        refusal = course.check(event)
        assert refusal.rule == "placement_cap"
        assert f"ran out on {ends_on.isoformat()}" in refusal.reason
        assert course.check(attrs.evolve(event, on=ends_on - timedelta(days=1))) is None
    assert course.check(ips.PlacementEnded(on=ends_on)) is None


def test_the_machine_is_asked_first():
    course = IpsCourse.start(FUTURUM_IPS, citizen=AKTIVITETSPARAT, on=START)
    placement = WorkPlacement(company=FIRMA, weeks=40, hours_per_week=40)
    refusal = course.check(ips.PlacementStarted(on=START, placement=placement))
    assert refusal.rule == "no_transition"
    assert course.decide(ips.PlacementStarted(on=START, placement=placement)).findings
    assert course.decide(ips.SupportSessionHeld(on=START)) is None


def test_a_municipality_can_override_a_cap():
    rules = legal.RULES.with_value(
        "virksomhedspraktik.weeks.short", 6, since=date(2024, 1, 1), source="our reading"
    )
    course = IpsCourse.start(FUTURUM_IPS, citizen=JOBPARAT, on=START, rules=rules)
    course = course.apply(ips.StartAgreementMade(on=START, agreement=AGREEMENT))
    placement = WorkPlacement(company=FIRMA, weeks=6, hours_per_week=10)
    assert course.check(ips.PlacementStarted(on=START, placement=placement)) is None


# -- properties over random courses ------------------------------------------------------------

citizens_ = st.sampled_from(
    [
        AKTIVITETSPARAT,
        JOBPARAT,
        Citizen(
            reference="ref-0003",
            target_group=TargetGroup.G1,
            benefit=Benefit.DAGPENGE,
            readiness=Readiness.JOBPARAT,
            dagpenge_graduate=True,
        ),
        Citizen(
            reference="ref-0004", target_group=TargetGroup.G11, benefit=Benefit.FOERTIDSPENSION
        ),
    ]
)


SIMPLE = {
    "placement_ended": ips.PlacementEnded,
    "support_session_held": ips.SupportSessionHeld,
    "job_obtained": ips.JobObtained,
    "education_started": ips.EducationStarted,
    "cancelled": events.Cancelled,
}


def _placement_started(draw, on):
    company = Company(
        reference="cvr-1",
        ordinary_staff=draw(st.integers(0, 80)),
        subsidised=draw(st.integers(0, 4)),
    )
    placement = WorkPlacement(
        company=company, weeks=draw(st.integers(1, 20)), hours_per_week=draw(st.integers(1, 45))
    )
    return ips.PlacementStarted(on=on, placement=placement)


BUILDERS = {
    "start_agreement_made": lambda _, on: ips.StartAgreementMade(on=on, agreement=AGREEMENT),
    "placement_started": _placement_started,
    "hours_changed": lambda draw, on: ips.HoursChanged(
        on=on, hours_per_week=draw(st.integers(1, 45))
    ),
    "placement_extended": lambda draw, on: ips.PlacementExtended(
        on=on, by_weeks=draw(st.integers(1, 20)), very_special_need=draw(st.booleans())
    ),
    "ended_early": lambda draw, on: events.EndedEarly(
        on=on, reason=draw(st.sampled_from(events.EndReason))
    ),
    "outcome_recorded": lambda draw, on: events.OutcomeRecorded(
        on=on, outcome=draw(st.sampled_from(events.Outcome))
    ),
} | {kind: (lambda _, on, cls=cls: cls(on=on)) for kind, cls in SIMPLE.items()}


@st.composite
def ips_events(draw, on):
    """A random event of the kinds an IPS course knows, dated ``on``."""
    return BUILDERS[draw(st.sampled_from(sorted(BUILDERS)))](draw, on)


@st.composite
def ips_courses(draw):
    """Random IPS courses: random events applied where the course takes them."""
    course = IpsCourse.start(FUTURUM_IPS, citizen=draw(citizens_), on=START)
    on = START
    refused = []
    for _ in range(draw(st.integers(0, 25))):
        on += timedelta(days=draw(st.integers(0, 30)))
        event = draw(ips_events(on))
        refusal = course.check(event)
        if refusal is None:
            course = course.apply(event)
        else:
            refused.append((course, event, refusal))
    return course, refused


@given(ips_courses())
def test_check_and_apply_agree_and_a_refusal_changes_nothing(drawn):
    _, refused = drawn
    for course, event, refusal in refused:
        before = (course.state, course.course.history, course.placement)
        with pytest.raises(bk.TransitionRefused) as info:
            course.apply(event)
        assert info.value.refusal == refusal
        assert (course.state, course.course.history, course.placement) == before


@given(ips_courses())
def test_a_placement_always_keeps_within_the_caps(drawn):
    course, _ = drawn
    status = course.placement
    assert (status is not None) == (course.state == "in_placement")
    if status is None:
        return
    group = course.citizen.target_group
    assert status.hours_per_week <= 37
    first = legal.praktik_weeks(course.citizen, on=status.started_on).value
    assert status.placement.weeks <= first
    if group in {TargetGroup.G1, TargetGroup.G2, TargetGroup.G4}:
        assert status.weeks <= first


@given(ips_courses())
def test_ips_courses_round_trip_through_json(drawn):
    course, _ = drawn
    text = bk.to_json(course)
    loaded = bk.from_json(text, IpsCourse)
    assert loaded == course
    assert loaded.placement == course.placement
    assert loaded.agreement == course.agreement
    # Stored as the caller gave it, but never shown:
    assert (HEALTH_NOTE in text) == (course.agreement is not None)
    assert HEALTH_NOTE not in repr(course)


def test_a_stored_course_that_breaks_a_cap_does_not_load():
    document = json.loads(bk.to_json(placed()))
    document["citizen"] = json.loads(bk.to_json(attrs.evolve(JOBPARAT, reference="ref-0001")))
    del document["citizen"]["schema"]
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(json.dumps(document), IpsCourse)
    assert info.value.path.endswith("course.history[2]")
    assert "13 weeks is longer than the 4 weeks" in info.value.reason


def test_the_course_is_the_citizens():
    course = IpsCourse.start(FUTURUM_IPS, citizen=AKTIVITETSPARAT, on=START)
    with pytest.raises(bk.ValidationError) as info:
        attrs.evolve(course, citizen=JOBPARAT)
    assert info.value.path == "citizen.reference"
    with pytest.raises(bk.ValidationError) as info:
        IpsCourse.start(FUTURUM_IPS, citizen="ref-0001", on=START)
    assert info.value.path == "citizen"
    assert repr(course) == "IpsCourse(state='engagement', events=1)"


# -- the start agreement -----------------------------------------------------------------------


@given(
    st.integers(1, 37),
    st.lists(
        st.tuples(st.integers(1, 52), st.integers(1, 37)), max_size=5, unique_by=lambda t: t[0]
    ),
    st.text(min_size=1, max_size=30).filter(str.strip),
)
def test_a_gentle_start_steps_up_to_the_agreed_hours(hours, raw, text):
    steps = tuple(
        HoursStep(week, h)
        for week, h in zip(
            sorted(w for w, _ in raw), sorted(min(h, hours) for _, h in raw), strict=True
        )
    )
    agreement = StartAgreement(
        weekly_hours=hours, tasks=(text,), start_plan=steps, company_contact=text
    )
    planned = [agreement.hours_in_week(w) for w in range(1, 60)]
    assert planned == sorted(planned)
    assert max(planned) <= hours
    assert repr(agreement) == (
        f"StartAgreement(weekly_hours={hours}, steps={len(steps)}, <texts hidden>)"
    )
    assert bk.from_json(bk.to_json(agreement), StartAgreement) == agreement


def test_an_agreement_without_a_plan_works_the_agreed_hours():
    assert StartAgreement(weekly_hours=15).hours_in_week(1) == 15
    assert AGREEMENT.hours_in_week(1) == 6
    assert AGREEMENT.hours_in_week(5) == 12
    assert AGREEMENT.hours_in_week(52) == 20
    late = StartAgreement(weekly_hours=15, start_plan=(HoursStep(2, 8),))
    assert late.hours_in_week(1) == 8


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"weekly_hours": 0}, "weekly_hours"),
        ({"weekly_hours": 10, "tasks": "x"}, "tasks"),
        ({"weekly_hours": 10, "tasks": (" ",)}, "tasks[0]"),
        ({"weekly_hours": 10, "start_plan": "x"}, "start_plan"),
        ({"weekly_hours": 10, "start_plan": (1,)}, "start_plan[0]"),
        (
            {"weekly_hours": 10, "start_plan": (HoursStep(2, 4), HoursStep(2, 6))},
            "start_plan[1].week",
        ),
        ({"weekly_hours": 10, "start_plan": (HoursStep(1, 12),)}, "start_plan[0].hours_per_week"),
        (
            {"weekly_hours": 10, "start_plan": (HoursStep(1, 8), HoursStep(2, 6))},
            "start_plan[1].hours_per_week",
        ),
        ({"weekly_hours": 10, "company_contact": 5}, "company_contact"),
    ],
)
def test_bad_agreements_name_the_field(fields, path):
    with pytest.raises(bk.ValidationError) as info:
        StartAgreement(**fields)
    assert info.value.path == path


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: AGREEMENT.hours_in_week(0), "week"),
        (lambda: WorkPlacement(company="cvr-1", weeks=4, hours_per_week=10), "company"),
        (lambda: WorkPlacement(company=FIRMA, weeks=0, hours_per_week=10), "weeks"),
        (lambda: ips.StartAgreementMade(on=START, agreement=None), "agreement"),
        (lambda: ips.PlacementStarted(on=START, placement=None), "placement"),
        (lambda: ips.HoursChanged(on=START, hours_per_week=200), "hours_per_week"),
        (
            lambda: ips.PlacementExtended(on=START, by_weeks=1, very_special_need=1),
            "very_special_need",
        ),
        (lambda: HoursStep(0, 1), "week"),
    ],
)
def test_bad_placements_and_events_name_the_field(make, path):
    with pytest.raises(bk.ValidationError) as info:
        make()
    assert info.value.path == path


# -- IPS-25 ------------------------------------------------------------------------------------

scores = st.lists(st.integers(1, 5), min_size=25, max_size=25).map(tuple)


@given(scores)
def test_the_total_and_the_band(drawn):
    review = FidelityReview(on=START, scores=drawn)
    assert review.total == sum(drawn)
    assert 25 <= review.total <= 125
    expected = (
        FidelityBand.EXEMPLARY
        if review.total >= 115
        else FidelityBand.GOOD
        if review.total >= 100
        else FidelityBand.FAIR
        if review.total >= 74
        else FidelityBand.NOT_SUPPORTED_EMPLOYMENT
    )
    assert review.band is expected
    assert [name for name, _ in review.items()] == list(IPS_25.items)
    assert FidelityReview.of(dict(review.items()), on=START) == review
    assert [s for _, s in review.weakest(25)] == sorted(drawn)
    assert bk.from_json(bk.to_json(review), FidelityReview) == review


def test_the_bands_of_the_scale():
    assert [IPS_25.band(t) for t in (125, 115, 114, 100, 99, 74, 73, 25)] == [
        FidelityBand.EXEMPLARY,
        FidelityBand.EXEMPLARY,
        FidelityBand.GOOD,
        FidelityBand.GOOD,
        FidelityBand.FAIR,
        FidelityBand.FAIR,
        FidelityBand.NOT_SUPPORTED_EMPLOYMENT,
        FidelityBand.NOT_SUPPORTED_EMPLOYMENT,
    ]
    assert len(IPS_25.items) == 25
    assert len(set(IPS_25.items)) == 25
    assert "[unverified" in IPS_25.source
    assert IPS_25.items[0] == "Staffing 1: Caseload size"


@given(scores, st.integers(0, 24), st.sampled_from([0, 6, -1, "3", 3.0, None, True]))
def test_invalid_scores_are_refused_by_item(drawn, i, bad):
    changed = (*drawn[:i], bad, *drawn[i + 1 :])
    with pytest.raises(bk.ValidationError) as info:
        FidelityReview(on=START, scores=changed)
    assert info.value.path == f"scores[{i}]"
    assert IPS_25.items[i] in info.value.reason


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: FidelityReview(on=START, scores=(3,) * 24), "scores"),
        (lambda: FidelityReview(on=START, scores="3" * 25), "scores"),
        (lambda: FidelityReview(on="2024-01-01", scores=(3,) * 25), "on"),
        (lambda: FidelityReview(on=START, scores=(3,) * 25, scale="IPS-25"), "scale"),
        (lambda: FidelityReview.of({}, on=START), "scores"),
        (lambda: FidelityReview.of({"Staffing 9": 3}, on=START), "scores"),
        (lambda: FidelityReview.of([3] * 25, on=START), "scores"),
        (lambda: IPS_25.band(126), "total"),
        (lambda: attrs.evolve(IPS_25, items=()), "items"),
        (lambda: attrs.evolve(IPS_25, items=("a", "a")), "items"),
        (lambda: attrs.evolve(IPS_25, fair_from=25), "fair_from"),
        (lambda: attrs.evolve(IPS_25, good_from=74), "good_from"),
        (lambda: attrs.evolve(IPS_25, exemplary_from=126), "exemplary_from"),
        (lambda: attrs.evolve(IPS_25, source=""), "source"),
    ],
)
def test_bad_reviews_and_scales_name_the_field(make, path):
    with pytest.raises(bk.ValidationError) as info:
        make()
    assert info.value.path == path


def test_a_scale_of_ones_own_wording():
    danish = FidelityScale(
        items=("Sagsstamme", "Jobkonsulenter", "Generalister"),
        exemplary_from=14,
        good_from=12,
        fair_from=9,
        source="kommunens oversættelse",
    )
    review = FidelityReview(on=START, scores=(5, 4, 3), scale=danish)
    assert (review.total, review.band) == (12, FidelityBand.GOOD)
    assert bk.from_json(bk.to_json(review), FidelityReview) == review


def test_bad_ips_documents_name_the_path():
    document = json.loads(bk.to_json(placed()))
    document["citizen"]["target_group"] = "6.42"
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(json.dumps(document), IpsCourse)
    assert info.value.path == "$.citizen.target_group"
    document = json.loads(bk.to_json(placed()))
    document["course"]["history"][2]["placement"]["hours_per_week"] = "6"
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(json.dumps(document), IpsCourse)
    assert info.value.path == "$.course.history[2].placement.hours_per_week"


# -- a stateful model of the IPS course ----------------------------------------------------------


class IpsCourseMachine(RuleBasedStateMachine):
    """Drive an IPS course with random events; compare it with a simple model of Futurum."""

    def __init__(self):
        super().__init__()
        self.course = None
        self.on = START

    @initialize(citizen=citizens_)
    def start(self, citizen):
        self.course = IpsCourse.start(FUTURUM_IPS, citizen=citizen, on=START)

    def _try(self, event):
        refusal = self.course.check(event)
        if refusal is None:
            self.course = self.course.apply(event)
            return True
        with pytest.raises(bk.TransitionRefused):
            self.course.apply(event)
        return False

    def _expected(self, event):  # noqa: PLR0911 - one answer per event kind
        """Whether the model of Futurum and the § 61 caps take ``event``."""
        allowed = {t.event for t in FUTURUM_IPS.machine.transitions_from(self.course.state)}
        if event.kind not in allowed:
            return False
        citizen, status = self.course.citizen, self.course.placement
        if event.kind == "placement_started":
            p = event.placement
            return legal.check_praktik(
                citizen,
                on=event.on,
                weeks=p.weeks,
                hours_per_week=p.hours_per_week,
                company=p.company,
            ).allowed
        if event.kind in {"hours_changed", "placement_extended"} and event.on >= status.ends_on:
            return False
        if event.kind == "hours_changed":
            return event.hours_per_week <= 37
        if event.kind == "placement_extended":
            return legal.check_praktik_extension(
                citizen,
                on=event.on,
                weeks_so_far=status.weeks,
                by_weeks=event.by_weeks,
                very_special_need=event.very_special_need,
            ).allowed
        if event.kind == "outcome_recorded":
            return event.outcome in FUTURUM_IPS.outcomes
        return True

    @rule(days=st.integers(0, 40), data=st.data())
    def event(self, days, data):
        self.on += timedelta(days=days)
        event = data.draw(ips_events(self.on))
        expected = self._expected(event)
        assert self._try(event) == expected

    @invariant()
    def placement_only_while_placed(self):
        if self.course is not None:
            assert (self.course.placement is not None) == (self.course.state == "in_placement")

    @invariant()
    def hours_within_the_cap(self):
        if self.course is not None and self.course.placement is not None:
            assert self.course.placement.hours_per_week <= 37

    def teardown(self):
        if self.course is not None:
            assert bk.from_json(bk.to_json(self.course), IpsCourse) == self.course


TestIpsCourseMachine = IpsCourseMachine.TestCase

"""Mergeable outcome statistics (seed 004), Dask partitions, and cohort simulation."""

import itertools
import json
import sys
from datetime import date, timedelta
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse._catalogue.programmes import AFKLARINGSFORLOEB, JOBKLUB
from beskaeftigelse.events import Outcome
from beskaeftigelse.stats import (
    SOLROED_LABOUR_MARKET,
    Count,
    LabourMarket,
    MissingExtra,
    OutcomeStats,
    Share,
    Simulation,
    simulate,
    stats_of_bag,
)

from .courses import jobklub_course

JOBKLUB_OUTCOMES = sorted(JOBKLUB.outcomes, key=lambda o: o.value)


@st.composite
def jobklub_courses(draw):
    outcome = st.sampled_from(JOBKLUB_OUTCOMES)
    return jobklub_course(
        draw(st.integers(0, 60)),
        draw(st.sampled_from(["cancelled", "running", "ended"])),
        draw(st.none() | outcome),
        draw(st.none() | outcome),
    )


course_lists = st.lists(jobklub_courses(), max_size=12)


def stats_values():
    return course_lists.map(OutcomeStats.of)


@given(course_lists, course_lists)
def test_stats_of_a_union_is_the_merge_of_the_stats(a, b):
    assert OutcomeStats.of(a + b) == OutcomeStats.of(a).merge(OutcomeStats.of(b))
    assert OutcomeStats.of(a + b) == OutcomeStats.of(a) + OutcomeStats.of(b)


@given(stats_values(), stats_values(), stats_values())
def test_merge_is_a_commutative_monoid(x, y, z):
    assert (x + y) + z == x + (y + z)
    assert x + y == y + x
    assert x + OutcomeStats() == x == OutcomeStats() + x
    assert OutcomeStats.merge_all([x, y, z]) == x + y + z
    assert OutcomeStats.merge_all([]) == OutcomeStats()


@given(course_lists, st.lists(st.integers(0, 12), max_size=4))
def test_any_partition_merges_into_the_whole(courses, cuts):
    bounds = sorted({0, len(courses), *(min(c, len(courses)) for c in cuts)})
    parts = [courses[i:j] for i, j in itertools.pairwise(bounds)]
    assert OutcomeStats.merge_all(OutcomeStats.of(iter(p)) for p in parts) == OutcomeStats.of(
        courses
    )


@given(course_lists)
def test_counts_agree_with_the_courses(courses):
    stats = OutcomeStats.of(iter(courses))
    assert stats.courses == len(courses)
    assert stats.ended == sum(1 for c in courses if c.ended_on is not None)
    for measurement in JOBKLUB.measurements:
        at = measurement.key
        recorded = [r.outcome for c in courses for m, r in c.outcomes() if m.key == at]
        assert stats.denominator(at=at) == len(recorded)
        for outcome in Outcome:
            assert stats.count(outcome, at=at) == recorded.count(outcome)
        kinds = stats.by_kind(at=at)
        assert [k for k, _ in kinds][:3] == list(SOLROED_LABOUR_MARKET.kinds)
        if recorded:
            assert sum(share.count for _, share in kinds) == len(recorded)
            market = stats.labour_market(at=at)
            in_market = sum(1 for o in recorded if o in SOLROED_LABOUR_MARKET)
            assert market.value == Fraction(in_market, len(recorded))
    assert set(stats.measurements()) <= {m.key for m in JOBKLUB.measurements}


@given(stats_values())
def test_stats_round_trip_through_json(stats):
    assert bk.from_json(bk.to_json(stats), OutcomeStats) == stats


def solroed_cohort():
    """100 participants: 69 in the labour market after the 10 weeks, 90 three months later."""
    at_end = (
        [Outcome.ORDINARY_JOB] * 50
        + [Outcome.LOENTILSKUD] * 12
        + [Outcome.VIRKSOMHEDSPRAKTIK] * 7
        + [Outcome.STILL_UNEMPLOYED] * 29
        + [Outcome.EDUCATION] * 2
    )
    after = [Outcome.ORDINARY_JOB] * 80 + [Outcome.LOENTILSKUD] * 10 + [Outcome.OTHER] * 10
    return [jobklub_course(n % 30, "ended", at_end[n], after[n]) for n in range(100)]


def test_seed_004_solroed_69_percent_at_the_end():
    stats = OutcomeStats.of(solroed_cohort())
    market = stats.labour_market(at="end")
    assert (market.count, market.denominator) == (69, 100)
    assert market.percent == 69
    assert str(market) == "69/100 (69.0 %)"
    assert stats.labour_market(at="after_3_months").percent == 90
    kinds = stats.by_kind(at="end")
    assert [k for k, _ in kinds] == [
        Outcome.ORDINARY_JOB,
        Outcome.LOENTILSKUD,
        Outcome.VIRKSOMHEDSPRAKTIK,
        Outcome.STILL_UNEMPLOYED,
        Outcome.EDUCATION,
    ]
    assert kinds[0][1] == Share(50, 100)
    only_jobs = LabourMarket((Outcome.ORDINARY_JOB,), source="a stricter count")
    assert stats.labour_market(at="end", rule=only_jobs).percent == 50
    report = stats.report()
    assert report[0] == "100 courses, 100 ended"
    assert "end: in the labour market 69/100 (69.0 %)" in report
    assert "  ordinary_job: 50/100 (50.0 %)" in report
    ordered = stats.report(measurements=[m.key for m in JOBKLUB.measurements])
    assert ordered[1] == "end: in the labour market 69/100 (69.0 %)"
    assert sorted(ordered) == sorted(report)
    assert SOLROED_LABOUR_MARKET.source.startswith("Solrød Kommune, news item on the Jobklub")


def test_an_unmeasured_point_has_no_share():
    share = OutcomeStats().labour_market(at="end")
    assert share == Share(0, 0)
    assert share.value is None
    assert share.percent is None
    assert str(share) == "0/0 (n/a)"


def test_bad_input_names_the_field():
    cases = [
        (lambda: Count("End", Outcome.OTHER, 1), "measurement"),
        (lambda: Count("end", "other", 1), "outcome"),
        (lambda: Count("end", Outcome.OTHER, 0), "count"),
        (lambda: OutcomeStats(courses=-1), "courses"),
        (lambda: OutcomeStats(courses=1, ended=2), "ended"),
        (lambda: OutcomeStats(counts="x"), "counts"),
        (lambda: OutcomeStats(counts=[1]), "counts[0]"),
        (
            lambda: OutcomeStats(
                courses=5,
                counts=[Count("end", Outcome.OTHER, 1), Count("end", Outcome.EDUCATION, 1)],
            ),
            "counts",
        ),
        (lambda: OutcomeStats(courses=1, counts=[Count("end", Outcome.OTHER, 2)]), "counts"),
        (lambda: OutcomeStats().merge(3), "other"),
        (lambda: LabourMarket("ordinary_job", source="s"), "kinds"),
        (lambda: LabourMarket((), source="s"), "kinds"),
        (lambda: LabourMarket(("x",), source="s"), "kinds[0]"),
        (lambda: LabourMarket((Outcome.OTHER,), source=""), "source"),
    ]
    for make, path in cases:
        with pytest.raises(bk.ValidationError) as caught:
            make()
        assert caught.value.path == path
    with pytest.raises(TypeError):
        OutcomeStats() + 1
    document = json.loads(bk.to_json(OutcomeStats.of(solroed_cohort()[:2])))
    document["counts"][0]["count"] = "1"
    with pytest.raises(bk.ValidationError) as caught:
        bk.from_json(json.dumps(document), OutcomeStats)
    assert caught.value.path == "$.counts[0].count"


@settings(max_examples=10)
@given(course_lists, st.integers(1, 4), st.sampled_from(["threads", "sync"]))
def test_dask_partitions_give_exactly_the_whole(courses, partitions, scheduler):
    import dask.bag  # noqa: PLC0415 - an optional extra

    bag = dask.bag.from_sequence(courses or [], npartitions=partitions)
    assert stats_of_bag(bag, scheduler=scheduler) == OutcomeStats.of(courses)


def test_dask_runs_the_solroed_cohort():
    import dask.bag  # noqa: PLC0415 - an optional extra

    bag = dask.bag.from_sequence(solroed_cohort(), npartitions=7)
    assert stats_of_bag(bag).labour_market(at="end").percent == 69


def test_to_frame():
    stats = OutcomeStats.of(solroed_cohort())
    frame = stats.to_frame()
    assert list(frame.columns) == [
        "measurement",
        "outcome",
        "count",
        "denominator",
        "share",
        "in_labour_market",
    ]
    assert len(frame) == len(stats.counts)
    assert frame[frame.measurement == "end"]["count"].sum() == 100
    assert frame[(frame.measurement == "end") & frame.in_labour_market]["count"].sum() == 69


def test_missing_extras_say_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(MissingExtra) as caught:
        OutcomeStats().to_frame()
    assert caught.value.extra == "pandas"
    assert "beskaeftigelse[pandas]" in str(caught.value)
    with pytest.raises(MissingExtra) as caught:
        stats_of_bag(None)
    assert caught.value.extra == "dask"
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, bk.BeskaeftigelseError)
    simulation = simulate(
        AFKLARINGSFORLOEB, referrals=1, period=bk.Period(date(2020, 1, 1), date(2020, 1, 2)), seed=0
    )
    with pytest.raises(MissingExtra):
        simulation.to_frame()


# -- simulation ----------------------------------------------------------------------------


@st.composite
def simulation_inputs(draw):
    start = date(2020, 10, 1) + timedelta(days=draw(st.integers(0, 40)))
    period = bk.Period(start, start + timedelta(days=draw(st.integers(1, 60))))
    capacity = bk.Timeline.of(draw(st.integers(1, 4)), since=date(2019, 1, 1), source="test")
    capacity = capacity.then(draw(st.integers(4, 8)), since=date(2020, 11, 1), source="test")
    definition = draw(
        st.sampled_from([AFKLARINGSFORLOEB, attrs.evolve(AFKLARINGSFORLOEB, capacity=capacity)])
    )
    return {
        "definition": definition,
        "referrals": draw(st.integers(0, 80)),
        "period": period,
        "seed": draw(st.integers(0, 2**32)),
        "cancel_share": draw(st.fractions(0, 1)),
        "course_days": draw(st.none() | st.integers(1, 30)),
    }


@settings(max_examples=50)
@given(simulation_inputs())
def test_simulation_is_deterministic_and_keeps_the_capacity(inputs):
    definition = inputs.pop("definition")
    run = simulate(definition, **inputs)
    assert run == simulate(definition, **inputs)
    assert bk.from_json(bk.to_json(run), Simulation) == run
    period = inputs["period"]
    assert [d.on for d in run.days] == [
        period.start + timedelta(days=n) for n in range((period.end - period.start).days)
    ]
    for day in run.days:
        assert day.capacity == definition.capacity.value_on(day.on)
        assert day.seated <= day.capacity
        if day.waiting:
            assert day.seated == day.capacity
    admitted = [d for d in run.decisions if d.admitted]
    assert run.admissions == len(admitted) == sum(d.admitted for d in run.days)
    assert all(w >= 0 for w in run.waits)
    referred = sum(1 for d in run.decisions if d.kind.value in ("admitted", "waitlisted"))
    assert referred == run.referrals
    assert run.peak_waiting == max((d.waiting for d in run.days), default=0)
    if run.waits:
        assert run.mean_wait == Fraction(sum(run.waits), len(run.waits))
    else:
        assert run.mean_wait is None
    assert "sim-" not in repr(run)


def test_simulation_across_the_seed_002_capacity_change():
    run = simulate(
        AFKLARINGSFORLOEB,
        referrals=300,
        period=bk.Period(date(2020, 9, 1), date(2021, 3, 1)),
        seed=2020,
        cancel_share=Fraction(1, 5),
    )
    by_day = {d.on: d for d in run.days}
    assert by_day[date(2020, 10, 31)].capacity == 15
    assert by_day[date(2020, 11, 1)].capacity == 25
    assert by_day[date(2020, 10, 31)].waiting > 0
    assert by_day[date(2020, 11, 1)].admitted >= 10
    frame = run.to_frame()
    assert len(frame) == len(run.days)
    assert frame.loc[date(2020, 11, 1), "capacity"] == 25
    other_seed = simulate(
        AFKLARINGSFORLOEB,
        referrals=300,
        period=bk.Period(date(2020, 9, 1), date(2021, 3, 1)),
        seed=2021,
    )
    assert other_seed != run


def test_simulation_bad_input_names_the_argument():
    period = bk.Period(date(2020, 1, 1), date(2020, 2, 1))
    good = {"referrals": 1, "period": period, "seed": 0}
    cases = [
        ({"definition": "x"}, "definition"),
        ({"referrals": -1}, "referrals"),
        ({"period": bk.Period(date(2020, 1, 1))}, "period"),
        ({"period": bk.Period(date(2018, 1, 1), date(2020, 1, 1))}, "period"),
        ({"seed": "0"}, "seed"),
        ({"cancel_share": 0.5}, "cancel_share"),
        ({"cancel_share": Fraction(3, 2)}, "cancel_share"),
        ({"course_days": 0}, "course_days"),
    ]
    for change, path in cases:
        kwargs = {"definition": AFKLARINGSFORLOEB, **good, **change}
        definition = kwargs.pop("definition")
        with pytest.raises(bk.ValidationError) as caught:
            simulate(definition, **kwargs)
        assert caught.value.path == path

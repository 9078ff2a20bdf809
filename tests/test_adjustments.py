"""The adjustment catalogue, funding schemes, suggestions and the § 2 a assessment."""

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import adjustments as adj

KEYS = [a.key for a in adj.ADJUSTMENTS.adjustments]
SCHEME_KEYS = [s.key for s in adj.SCHEMES]
RANK = {
    adj.Verdict.REASONABLE: 0,
    adj.Verdict.NEEDS_CONCRETE_ASSESSMENT: 1,
    adj.Verdict.NOT_REASONABLE: 2,
}

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
employers = st.builds(adj.Employer, st.integers(1, 5000), st.sampled_from(list(adj.FinancialBand)))
amounts = st.integers(0, 500_000)
compensations = st.lists(
    st.builds(adj.Compensation, st.sampled_from([*SCHEME_KEYS, "unknown_scheme"]), amounts),
    max_size=5,
)
adjustment_sets = st.lists(st.sampled_from(KEYS), min_size=1, max_size=5, unique=True)
loads = st.sampled_from(list(adj.ColleagueLoad))


@st.composite
def cases(draw):
    return {
        "adjustments": draw(adjustment_sets),
        "employer": draw(employers),
        "cost": draw(amounts),
        "colleague_load": draw(loads),
        "compensation": draw(compensations),
        "on": draw(days),
    }


# -- catalogue --------------------------------------------------------------------------------


def test_the_catalogue_has_every_adjustment_the_issue_names():
    required = {
        "reduced_hours",
        "flexible_hours",
        "gradual_start",
        "extra_breaks",
        "quiet_workspace",
        "work_from_home",
        "written_instructions",
        "clear_tasks",
        "no_large_meetings",
        "check_ins",
        "mentor",
        "personal_assistance",
        "aids_equipment",
        "special_chair",
        "treatment_leave",
        "redeployment",
        "adapted_training",
    }
    assert required <= set(KEYS)
    assert {a.category for a in adj.ADJUSTMENTS.adjustments} == set(adj.Category)
    for a in adj.ADJUSTMENTS.adjustments:
        assert a.name_da
        assert a.name_en
        assert a.needs
        assert a.category.label_da
        assert a.category.label_en
        assert a.cost.label_da
        assert a.cost.label_en


def test_the_schemes_are_dated_rules_with_their_references():
    references = {s.key: s.reference for s in adj.SCHEMES}
    assert references == {
        "mentor": "LAB kap. 26, §§ 167-171",
        "personlig_assistance": "LKHE § 4",
        "hjaelpemidler": "LKHE § 15 f-h",
        "paragraf_56": "sygedagpengeloven § 56",
        "fleksjob": "LAB § 116",
    }
    for scheme in adj.SCHEMES:
        found = scheme.in_force(date(2020, 1, 1))
        assert found is not None
        assert scheme.reference in found.source
        assert scheme.in_force(date(2019, 12, 31)) is None
    assert (
        "20 hours"
        in adj.ADJUSTMENTS.scheme("personlig_assistance").terms.value_on(date(2024, 1, 1)).terms
    )


def test_funding_lists_the_schemes_in_force():
    assert [s.key for s in adj.ADJUSTMENTS.funding("special_chair", on=date(2021, 1, 1))] == [
        "hjaelpemidler"
    ]
    assert adj.ADJUSTMENTS.funding("special_chair", on=date(2019, 1, 1)) == ()
    assert adj.ADJUSTMENTS.funding("clear_tasks", on=date(2021, 1, 1)) == ()


def test_a_scheme_can_be_withdrawn_on_a_date():
    mentor = adj.ADJUSTMENTS.scheme("mentor")
    withdrawn = attrs.evolve(
        mentor,
        terms=mentor.terms.then(
            adj.SchemeTerms(available=False, terms="withdrawn"),
            since=date(2027, 1, 1),
            source="a test",
        ),
    )
    assert withdrawn.in_force(date(2026, 12, 31)) is not None
    assert withdrawn.in_force(date(2027, 1, 1)) is None


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: adj.ADJUSTMENTS.get("nope"), "key"),
        (lambda: adj.ADJUSTMENTS.scheme("nope"), "key"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), key="Bad Key"), "key"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), needs=frozenset()), "needs"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), needs="fatigue"), "needs"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), needs={"fatigue"}), "needs"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), schemes={"Bad"}), "schemes"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), schemes="mentor"), "schemes"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), category="tasks"), "category"),
        (lambda: attrs.evolve(adj.ADJUSTMENTS.get("mentor"), name_da=" "), "name_da"),
        (
            lambda: adj.AdjustmentCatalogue(
                (adj.ADJUSTMENTS.get("mentor"), adj.ADJUSTMENTS.get("mentor")), adj.SCHEMES
            ),
            "adjustments[1].key",
        ),
        (
            lambda: adj.AdjustmentCatalogue((adj.ADJUSTMENTS.get("mentor"),), ()),
            "adjustments[0].schemes",
        ),
        (lambda: adj.AdjustmentCatalogue("x", adj.SCHEMES), "adjustments"),
        (lambda: adj.AdjustmentCatalogue((1,), adj.SCHEMES), "adjustments[0]"),
        (lambda: attrs.evolve(adj.SCHEMES[0], terms=5), "terms"),
        (
            lambda: attrs.evolve(
                adj.SCHEMES[0], terms=bk.Timeline.of(1, since=date(2020, 1, 1), source="x")
            ),
            "terms.entries[0].value",
        ),
        (lambda: adj.SchemeTerms(available=1, terms="x"), "available"),
        (lambda: adj.SCHEMES[0].in_force("2020-01-01"), "on"),
        (lambda: adj.Employer(0, adj.FinancialBand.WEAK), "employees"),
        (lambda: adj.Employer(True, adj.FinancialBand.WEAK), "employees"),
        (lambda: adj.Employer(3, "weak"), "finances"),
        (lambda: adj.Compensation("mentor", -1), "amount"),
        (lambda: adj.Compensation("mentor", 1.5), "amount"),
        (lambda: adj.BurdenRule(medium_from=300), "medium_from"),
        (lambda: adj.BurdenRule(clearly_factor=0), "clearly_factor"),
        (lambda: adj.suggest("fatigue"), "needs"),
        (lambda: adj.suggest([["fatigue"]]), "needs"),
        (lambda: adj.suggest([adj.Need.FATIGUE], job=[{}]), "job"),
        (lambda: adj.suggest({adj.Need.FATIGUE}, job=5), "job"),
        (lambda: adj.suggest({adj.Need.FATIGUE}, catalogue=()), "catalogue"),
    ],
)
def test_bad_values_are_refused_with_their_path(build, path):
    with pytest.raises(bk.ValidationError) as info:
        build()
    assert info.value.path == path


# -- suggestions ------------------------------------------------------------------------------

needs_sets = st.lists(st.sampled_from(list(adj.Need)), max_size=5, unique=True)
trait_sets = st.lists(st.sampled_from(list(adj.JobTrait)), max_size=4, unique=True)


@given(needs_sets, trait_sets, st.randoms(use_true_random=False))
def test_suggestions_meet_a_need_fit_the_job_and_do_not_depend_on_input_order(needs, traits, rnd):
    result = adj.suggest(needs, job=traits)
    shuffled_needs, shuffled_traits = list(needs), list(traits)
    rnd.shuffle(shuffled_needs)
    rnd.shuffle(shuffled_traits)
    assert adj.suggest(tuple(shuffled_needs), job=iter(shuffled_traits)) == result
    scores = [s.score for s in result]
    assert scores == sorted(scores, reverse=True)
    for s in result:
        met = s.adjustment.needs & set(needs)
        assert met
        assert not s.adjustment.unsuited_to & set(traits)
        for need in met:
            assert any(need.label_en in r for r in s.reasons)
    every_fitting = {
        a.key
        for a in adj.ADJUSTMENTS.adjustments
        if a.needs & set(needs) and not a.unsuited_to & set(traits)
    }
    assert {s.adjustment.key for s in result} == every_fitting


def test_seed_002_pain_when_sitting_suggests_the_chair_first():
    first = adj.suggest({adj.Need.PAIN_SITTING}, job={adj.JobTrait.PRODUCTION})[0]
    assert first.adjustment.key == "special_chair"
    assert any("hjaelpemidler" in r for r in first.reasons)


def test_work_from_home_is_not_suggested_for_an_on_site_job():
    keys = [s.adjustment.key for s in adj.suggest({adj.Need.FATIGUE}, job=[])]
    assert "work_from_home" in keys
    keys = [
        s.adjustment.key for s in adj.suggest({adj.Need.FATIGUE}, job=[adj.JobTrait.ON_SITE_ONLY])
    ]
    assert "work_from_home" not in keys


# -- the assessment ---------------------------------------------------------------------------


@given(cases())
def test_assessment_is_deterministic_and_explains_every_factor(case):
    a = adj.assess(**case)
    assert adj.assess(**case) == a
    keys = {f.key for f in a.factors}
    assert {"employer", "cost", "net_cost", "colleague_load"} <= keys
    assert {f"compensation:{c.scheme}" for c in case["compensation"]} <= keys
    assert a.rule_source in a.explain()
    assert a.verdict.label_en in a.explain()
    assert a.reasonable == (a.verdict is adj.Verdict.REASONABLE)
    assert 0 <= a.net_cost <= case["cost"]


@given(cases(), st.randoms(use_true_random=False))
def test_assessment_does_not_depend_on_input_order(case, rnd):
    a = adj.assess(**case)
    shuffled = dict(case)
    shuffled["adjustments"] = list(case["adjustments"])
    shuffled["compensation"] = list(case["compensation"])
    rnd.shuffle(shuffled["adjustments"])
    rnd.shuffle(shuffled["compensation"])
    assert adj.assess(**shuffled) == a


@given(cases(), st.sampled_from(SCHEME_KEYS), amounts)
def test_more_compensation_never_makes_it_worse(case, scheme, extra):
    before = adj.assess(**case)
    more = dict(case, compensation=[*case["compensation"], adj.Compensation(scheme, extra)])
    after = adj.assess(**more)
    assert RANK[after.verdict] <= RANK[before.verdict]
    assert after.net_cost <= before.net_cost


@given(cases())
def test_sufficient_compensation_makes_it_reasonable_unless_colleagues_carry_it(case):
    # The chair is funded by hjaelpemidler, so that scheme's compensation always counts.
    chosen = sorted({*case["adjustments"], "special_chair"})
    full = dict(
        case,
        adjustments=chosen,
        compensation=[adj.Compensation("hjaelpemidler", case["cost"])],
    )
    a = adj.assess(**full)
    assert a.net_cost == 0
    if case["colleague_load"] is adj.ColleagueLoad.SUBSTANTIAL:
        assert a.verdict is adj.Verdict.NEEDS_CONCRETE_ASSESSMENT
    else:
        assert a.verdict is adj.Verdict.REASONABLE


@given(
    cases(),
    st.lists(days, min_size=1, max_size=4, unique=True).map(sorted),
    st.lists(st.integers(0, 50_000), min_size=4, max_size=4),
)
def test_a_rule_not_in_force_on_the_date_is_never_used(case, starts, limits):
    rules = bk.Timeline(
        tuple(
            bk.Entry(d, adj.BurdenRule(weak=lim, average=lim, strong=lim), f"rule {i}")
            for i, (d, lim) in enumerate(zip(starts, limits, strict=False))
        )
    )
    on = case["on"]
    if on < starts[0]:
        with pytest.raises(bk.NotInForce):
            adj.assess(**case, rules=rules)
        return
    a = adj.assess(**case, rules=rules)
    used = rules.lookup(on)
    assert a.rule_source == used.source
    assert a.rule_valid_from <= on
    assert a.rule_valid_until is None or on < a.rule_valid_until
    assert (a.rule_valid_from, a.rule_valid_until) == (used.entry.valid_from, used.valid_until)


@given(cases(), days, st.none() | st.integers(1, 2000))
def test_a_scheme_not_in_force_on_the_date_is_never_counted(case, scheme_start, lasts):
    terms = bk.Timeline.of(
        adj.SchemeTerms(available=True, terms="t"), since=scheme_start, source="test"
    )
    scheme_end = None if lasts is None else scheme_start + timedelta(days=lasts)
    if scheme_end is not None:
        terms = terms.then(
            adj.SchemeTerms(available=False, terms="withdrawn"), since=scheme_end, source="test"
        )
    dated = tuple(attrs.evolve(s, terms=terms) for s in adj.SCHEMES)
    catalogue = attrs.evolve(adj.ADJUSTMENTS, schemes=dated)
    a = adj.assess(**case, catalogue=catalogue)
    fundable = set().union(*(adj.ADJUSTMENTS.get(k).schemes for k in case["adjustments"]))
    on = case["on"]
    in_force = scheme_start <= on and (scheme_end is None or on < scheme_end)
    counted = sum(c.amount for c in case["compensation"] if c.scheme in fundable and in_force)
    assert a.net_cost == max(0, case["cost"] - counted)
    if not in_force:
        assert all(f.effect is not adj.Effect.FOR for f in a.factors if ":" in f.key)


@st.composite
def adjustments_(draw):
    return adj.Adjustment(
        key=draw(st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)),
        name_da=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        name_en=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        category=draw(st.sampled_from(list(adj.Category))),
        cost=draw(st.sampled_from(list(adj.CostClass))),
        needs=draw(st.frozensets(st.sampled_from(list(adj.Need)), min_size=1)),
        schemes=draw(st.frozensets(st.sampled_from(SCHEME_KEYS))),
        suits=draw(st.frozensets(st.sampled_from(list(adj.JobTrait)))),
        unsuited_to=draw(st.frozensets(st.sampled_from(list(adj.JobTrait)))),
    )


@given(st.lists(adjustments_(), max_size=4, unique_by=lambda a: a.key))
def test_user_catalogues_round_trip_through_json(items):
    catalogue = adj.AdjustmentCatalogue(tuple(items), adj.SCHEMES)
    assert bk.from_json(bk.to_json(catalogue), adj.AdjustmentCatalogue) == catalogue


def test_seed_002_the_chair_paid_by_hjaelpemidler_is_reasonable():
    a = adj.assess(
        ["special_chair"],
        employer=adj.Employer(8, adj.FinancialBand.WEAK),
        cost=12_000,
        colleague_load=adj.ColleagueLoad.NONE,
        compensation=[adj.Compensation("hjaelpemidler", 12_000)],
        on=date(2020, 9, 1),
    )
    assert a.verdict is adj.Verdict.REASONABLE
    assert a.net_cost == 0
    counted = [f for f in a.factors if f.key == "compensation:hjaelpemidler"][0]
    assert counted.effect is adj.Effect.FOR
    assert "LKHE § 15 f-h" in counted.source


def test_not_reasonable_is_a_value_with_reasons():
    a = adj.assess(
        ["personal_assistance"],
        employer=adj.Employer(3, adj.FinancialBand.WEAK),
        cost=400_000,
        colleague_load=adj.ColleagueLoad.SUBSTANTIAL,
        compensation=[adj.Compensation("mentor", 1_000), adj.Compensation("other_thing", 5)],
        on=date(2024, 3, 1),
    )
    assert a.verdict is adj.Verdict.NOT_REASONABLE
    effects = {f.key: f.effect for f in a.factors}
    assert effects["net_cost"] is adj.Effect.AGAINST
    assert effects["colleague_load"] is adj.Effect.AGAINST
    assert effects["compensation:mentor"] is adj.Effect.NEUTRAL
    assert effects["compensation:other_thing"] is adj.Effect.NEUTRAL
    assert "not reasonable" in a.explain()


@given(employers)
def test_the_limit_grows_with_size_and_finances(employer):
    rule = adj.BurdenRule()
    limit = rule.limit(employees=employer.employees, finances=employer.finances)
    bigger = rule.limit(employees=employer.employees * 300, finances=employer.finances)
    assert bigger >= limit
    assert rule.limit(employees=employer.employees, finances=adj.FinancialBand.STRONG) >= limit


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"adjustments": "mentor"}, "adjustments"),
        ({"adjustments": []}, "adjustments"),
        ({"adjustments": [5]}, "adjustments[0]"),
        ({"adjustments": ["nope"]}, "adjustments"),
        ({"employer": 5}, "employer"),
        ({"cost": -1}, "cost"),
        ({"cost": "100"}, "cost"),
        ({"colleague_load": "none"}, "colleague_load"),
        ({"compensation": "x"}, "compensation"),
        ({"compensation": [5]}, "compensation[0]"),
        ({"on": "2020-01-01"}, "on"),
        ({"rules": 5}, "rules"),
        ({"catalogue": 5}, "catalogue"),
    ],
)
def test_bad_assessment_input_is_named_by_path(change, path):
    case = {
        "adjustments": ["mentor"],
        "employer": adj.Employer(10, adj.FinancialBand.AVERAGE),
        "cost": 1000,
        "colleague_load": adj.ColleagueLoad.NONE,
        "on": date(2021, 1, 1),
        **change,
    }
    with pytest.raises(bk.ValidationError) as info:
        adj.assess(**case)
    assert info.value.path == path


# -- JSON -------------------------------------------------------------------------------------


@given(cases())
def test_assessments_round_trip_through_json(case):
    a = adj.assess(**case)
    assert bk.from_json(bk.to_json(a), adj.Assessment) == a


def test_the_catalogue_round_trips_through_json():
    text = bk.to_json(adj.ADJUSTMENTS)
    assert bk.from_json(text, adj.AdjustmentCatalogue) == adj.ADJUSTMENTS


def test_bad_assessment_documents_name_the_field():
    a = adj.assess(
        ["mentor"],
        employer=adj.Employer(10, adj.FinancialBand.AVERAGE),
        cost=1000,
        colleague_load=adj.ColleagueLoad.NONE,
        on=date(2021, 1, 1),
    )
    text = bk.to_json(a).replace('"effect": "neutral"', '"effect": "sideways"', 1)
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text, adj.Assessment)
    assert info.value.path == "$.findings[0].effect"
    bad_catalogue = bk.to_json(adj.ADJUSTMENTS).replace('"cost": "low"', '"cost": 3', 1)
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(bad_catalogue, adj.AdjustmentCatalogue)
    assert info.value.path == "$.adjustments[0].cost"


def test_labels_exist_for_every_member():
    for cls in (
        adj.Category,
        adj.CostClass,
        adj.Need,
        adj.JobTrait,
        adj.FinancialBand,
        adj.ColleagueLoad,
        adj.Verdict,
        adj.Effect,
    ):
        for member in cls:
            assert member.label_da
            assert member.label_en


def test_cost_ranks_are_ordered():
    assert [c.rank for c in adj.CostClass] == [0, 1, 2, 3]

"""The citizen's legal attributes and the instruments as dated, overridable rules."""

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import legal
from beskaeftigelse.legal import (
    RULES,
    Benefit,
    Citizen,
    Company,
    Instrument,
    Readiness,
    Rule,
    RuleSet,
    TargetGroup,
)

SHORT = {TargetGroup.G1, TargetGroup.G2, TargetGroup.G4}
DAYS = st.dates(date(2020, 1, 1), date(2030, 12, 31))


@st.composite
def citizens(draw, groups=None):
    """Valid citizens: readiness only where the group has one, graduates only in 6.1."""
    group = draw(groups or st.sampled_from(TargetGroup))
    allowed = sorted(legal.allowed_readiness(group), key=lambda r: r.value)
    readiness = draw(st.sampled_from(allowed)) if allowed else None
    return Citizen(
        reference=draw(st.from_regex(r"ref-[a-z]{1,8}", fullmatch=True)),
        target_group=group,
        benefit=draw(st.sampled_from(Benefit)),
        readiness=readiness,
        dagpenge_graduate=group is TargetGroup.G1 and draw(st.booleans()),
    )


companies = st.builds(
    Company,
    reference=st.just("cvr-1"),
    ordinary_staff=st.integers(0, 400),
    subsidised=st.integers(0, 50),
)


def rule_sets():
    """The shipped rules with random later overrides of random rules."""
    overrides = st.lists(
        st.tuples(
            st.sampled_from(RULES.keys()),
            st.one_of(st.none(), st.integers(1, 60)),
            st.dates(date(2031, 1, 1), date(2040, 1, 1)),
        ),
        max_size=4,
        unique_by=lambda t: t[0],
    )

    def build(items):
        rules = RULES
        for key, value, since in items:
            rules = rules.with_value(key, value, since=since, source="the user's reading")
        return rules

    return overrides.map(build)


# -- who the citizen is ------------------------------------------------------------------------


@given(st.sampled_from(TargetGroup))
def test_target_group_codes_round_trip(group):
    assert TargetGroup.from_code(group.code) is group
    assert group.code == f"6.{group.number}"
    assert group.label_da
    assert group.label_en
    assert ("[unverified]" in group.source) == (group.number in {12, 13})


@given(st.text(max_size=6))
def test_unknown_codes_are_refused(code):
    assume(code not in {g.code for g in TargetGroup})
    with pytest.raises(bk.ValidationError) as info:
        TargetGroup.from_code(code)
    assert info.value.path == "target_group"


def test_the_thirteen_codes():
    assert [g.code for g in TargetGroup] == [f"6.{n}" for n in range(1, 14)]


@given(citizens())
def test_citizens_round_trip_through_json(citizen):
    assert bk.from_json(bk.to_json(citizen), Citizen) == citizen


@given(citizens(), st.sampled_from(Readiness))
def test_readiness_must_fit_the_target_group(citizen, readiness):
    allowed = legal.allowed_readiness(citizen.target_group)
    assume(readiness not in allowed)
    with pytest.raises(bk.ValidationError) as info:
        attrs.evolve(citizen, readiness=readiness)
    assert info.value.path == "readiness"


@given(citizens())
def test_groups_with_a_visitation_need_one(citizen):
    assume(legal.allowed_readiness(citizen.target_group))
    with pytest.raises(bk.ValidationError) as info:
        attrs.evolve(citizen, readiness=None)
    assert info.value.path == "readiness"


def test_readiness_is_separate_from_group_and_benefit():
    # A sickness-benefit recipient has a category, not a jobparat/aktivitetsparat visitation,
    # and a kontanthjælp recipient may be in 6.2, 6.3 or 6.5.
    assert legal.allowed_readiness(TargetGroup.G6) == {
        Readiness.SYGEDAGPENGE_KATEGORI_1,
        Readiness.SYGEDAGPENGE_KATEGORI_2,
        Readiness.SYGEDAGPENGE_KATEGORI_3,
    }
    for group, readiness in (
        (TargetGroup.G2, Readiness.JOBPARAT),
        (TargetGroup.G3, Readiness.AKTIVITETSPARAT),
        (TargetGroup.G5, Readiness.AKTIVITETSPARAT),
    ):
        c = Citizen(
            reference="r", target_group=group, benefit=Benefit.KONTANTHJAELP, readiness=readiness
        )
        assert c.benefit is Benefit.KONTANTHJAELP


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"reference": "120345-6789"}, "reference"),
        ({"reference": " "}, "reference"),
        ({"target_group": "6.1"}, "target_group"),
        ({"benefit": "dagpenge"}, "benefit"),
        ({"readiness": "jobparat"}, "readiness"),
        ({"dagpenge_graduate": 1}, "dagpenge_graduate"),
        ({"target_group": TargetGroup.G2, "dagpenge_graduate": True}, "dagpenge_graduate"),
    ],
)
def test_bad_citizens_name_the_field(change, path):
    fields = {
        "reference": "ref-1",
        "target_group": TargetGroup.G1,
        "benefit": Benefit.DAGPENGE,
        "readiness": Readiness.JOBPARAT,
    } | change
    with pytest.raises(bk.ValidationError) as info:
        Citizen(**fields)
    assert info.value.path == path
    assert "120345" not in str(info.value)


def test_a_bad_citizen_document_names_the_path():
    text = bk.to_json(
        Citizen(
            reference="ref-1",
            target_group=TargetGroup.G2,
            benefit=Benefit.KONTANTHJAELP,
            readiness=Readiness.JOBPARAT,
        )
    )
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text.replace('"6.2"', '"6.14"'), Citizen)
    assert info.value.path == "$.target_group"
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text.replace('"jobparat"', '"aktivitetsparat"'), Citizen)
    assert "readiness" in info.value.path


@given(citizens(), DAYS)
def test_merged_benefits_are_flagged_from_july_2025(citizen, on):
    problem = citizen.benefit_problem(on=on)
    merged = {Benefit.UDDANNELSESHJAELP, Benefit.OVERGANGSYDELSE, Benefit.SELVFORSOERGELSESYDELSE}
    assert (problem is not None) == (citizen.benefit in merged and on >= date(2025, 7, 1))


# -- rules as dated values ---------------------------------------------------------------------


def value(topic, group, on=date(2024, 1, 1), rules=RULES):
    return rules.value(topic, group=group, on=on).value


@pytest.mark.parametrize("group", list(TargetGroup))
def test_the_numbers_of_section_61_68(group):
    short = group in SHORT
    assert value("virksomhedspraktik.weeks", group) == (4 if short else 13)
    assert value("virksomhedspraktik.hours_per_week", group) == 37
    if short:
        assert value("loentilskud.months.private", group) == 6
        assert value("loentilskud.months.public", group) == 4
    assert value("mentor.months_per_period", group) == 6
    assert value("virksomhedspraktik.weeks_graduate", TargetGroup.G1) == 8
    assert RULES.find("virksomhedspraktik.extended_weeks", group=group) is (
        None if short else RULES.rule("virksomhedspraktik.extended_weeks")
    )


def test_no_time_limit_for_foertidspensionister():
    assert value("loentilskud.months.private", TargetGroup.G11) is None
    assert value("loentilskud.months.public", TargetGroup.G11) is None


def test_every_rule_cites_a_reference():
    for rule in RULES.rules:
        for entry in rule.values.entries:
            assert "LAB" in entry.source or "lov nr." in entry.source
    unverified = [r.key for r in RULES.rules if "[unverified" in r.values.entries[-1].source]
    assert "virksomhedspraktik.weeks.short" in unverified
    assert "ressourceforloeb.open" in unverified


@given(rule_sets(), st.sampled_from(RULES.keys()), DAYS)
def test_overrides_change_only_later_dates(rules, key, on):
    rule = rules.rule(key)
    override = rules.with_value(key, 99, since=date(2041, 1, 1), source="my reading")
    group = next(iter(rule.groups), TargetGroup.G1)
    before = override.value(rule.topic, group=group, on=on)
    assert before.value == rules.value(rule.topic, group=group, on=on).value
    after = override.value(rule.topic, group=group, on=date(2041, 1, 1))
    assert (after.value, after.source) == (99, "my reading")
    assert key in after.explain()


@given(rule_sets())
def test_rule_sets_round_trip_through_json(rules):
    assert bk.from_json(bk.to_json(rules), RuleSet) == rules


def test_with_rule_adds_or_replaces():
    extra = Rule(
        key="mentor.hours_per_week",
        topic="mentor.hours_per_week",
        unit="hours_per_week",
        groups=frozenset(),
        values=bk.Timeline.of(10, since=date(2024, 1, 1), source="kommunens egen regel"),
    )
    rules = RULES.with_rule(extra)
    assert rules.rule("mentor.hours_per_week") == extra
    assert len(rules.with_rule(extra).rules) == len(rules.rules)


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: RuleSet("rules"), "rules"),
        (lambda: RuleSet(("x",)), "rules[0]"),
        (lambda: RuleSet((*RULES.rules, RULES.rules[0])), f"rules[{len(RULES.rules)}].key"),
        (
            lambda: RULES.with_rule(
                attrs.evolve(RULES.rules[0], key="virksomhedspraktik.weeks.again")
            ),
            f"rules[{len(RULES.rules)}].groups",
        ),
        (lambda: attrs.evolve(RULES.rules[0], key="Bad Key"), "key"),
        (lambda: attrs.evolve(RULES.rules[0], unit=""), "unit"),
        (lambda: attrs.evolve(RULES.rules[0], groups="6.1"), "groups"),
        (lambda: attrs.evolve(RULES.rules[0], groups=("6.1",)), "groups"),
        (lambda: attrs.evolve(RULES.rules[0], values=4), "values"),
        (
            lambda: attrs.evolve(
                RULES.rules[0], values=bk.Timeline.of(-1, since=date(2020, 1, 1), source="x")
            ),
            "values.entries[0].value",
        ),
        (
            lambda: attrs.evolve(
                RULES.rules[0], values=bk.Timeline.of("4", since=date(2020, 1, 1), source="x")
            ),
            "values.entries[0].value",
        ),
        (lambda: RULES.rule("nope"), "key"),
        (lambda: RULES.value("nope", group=TargetGroup.G1, on=date(2024, 1, 1)), "topic"),
        (
            lambda: RULES.value(
                "loentilskud.months.private", group=TargetGroup.G3, on=date(2024, 1, 1)
            ),
            "topic",
        ),
    ],
)
def test_bad_rules_name_the_field(make, path):
    with pytest.raises(bk.ValidationError) as info:
        make()
    assert info.value.path == path


def test_rules_have_no_value_before_the_baseline():
    with pytest.raises(bk.NotInForce):
        RULES.value("mentor.months_per_period", group=TargetGroup.G1, on=date(2019, 12, 31))


# -- the ratio rule ----------------------------------------------------------------------------


@given(st.integers(0, 2000), DAYS)
def test_the_ratio_rule(staff, on):
    limit = legal.max_subsidised(staff, on=on)
    # 1 per 5 up to 50 staff, always at least 1, plus 1 per 10 above 50.
    if staff <= 50:
        assert limit.value == max(1, staff // 5)
    else:
        assert limit.value == 10 + (staff - 50) // 10
    assert legal.max_subsidised(staff + 1, on=on).value >= limit.value
    assert len(limit.used) == 4


@given(rule_sets(), st.integers(0, 2000))
def test_the_ratio_rule_follows_the_rule_set(rules, staff):
    on = date(2041, 1, 1)
    small = rules.value("ratio.staff_per_person_small", group=TargetGroup.G1, on=on).value
    limit = rules.value("ratio.small_firm_staff", group=TargetGroup.G1, on=on).value
    large = rules.value("ratio.staff_per_person_large", group=TargetGroup.G1, on=on).value
    minimum = rules.value("ratio.minimum", group=TargetGroup.G1, on=on).value or 0
    if not (small and limit and large):
        with pytest.raises(bk.ValidationError):
            legal.max_subsidised(staff, on=on, rules=rules)
        return
    got = legal.max_subsidised(staff, on=on, rules=rules).value
    assert got >= minimum
    assert got >= min(staff, limit) // small


@pytest.mark.parametrize("staff", [-1, 1.0, "5", True])
def test_bad_staff_counts_are_refused(staff):
    with pytest.raises(bk.ValidationError) as info:
        legal.max_subsidised(staff, on=date(2024, 1, 1))
    assert info.value.path == "ordinary_staff"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"reference": "", "ordinary_staff": 1}, "reference"),
        ({"reference": "c", "ordinary_staff": -1}, "ordinary_staff"),
        ({"reference": "c", "ordinary_staff": 1, "subsidised": "2"}, "subsidised"),
    ],
)
def test_bad_companies_name_the_field(fields, path):
    with pytest.raises(bk.ValidationError) as info:
        Company(**fields)
    assert info.value.path == path


# -- placements against the caps ---------------------------------------------------------------


@given(citizens(), st.integers(1, 60), st.integers(1, 60), companies, DAYS)
def test_a_placement_is_refused_exactly_when_it_breaks_a_cap(citizen, weeks, hours, company, on):
    decision = legal.check_praktik(
        citizen, on=on, weeks=weeks, hours_per_week=hours, company=company
    )
    cap = legal.praktik_weeks(citizen, on=on).value
    ratio = legal.max_subsidised(company.ordinary_staff, on=on).value
    expected = set()
    if weeks > cap:
        expected.add("length")
    if hours > 37:
        expected.add("hours")
    if company.subsidised + 1 > ratio:
        expected.add("ratio")
    got = {
        "length"
        if f.rule.startswith("virksomhedspraktik.weeks")
        else "hours"
        if f.rule == "virksomhedspraktik.hours_per_week"
        else f.rule
        for f in decision.findings
    }
    assert got == expected
    assert decision.allowed == (not expected)
    for finding in decision.findings:
        assert str(finding) in decision.explain()
        assert "§ 61" in finding.source or "rimelighedskravet" in finding.source
    assert citizen.reference not in decision.explain()


def test_the_caps_by_target_group():
    company = Company(reference="cvr-1", ordinary_staff=20)
    on = date(2024, 5, 1)
    dimittend = Citizen(
        reference="r",
        target_group=TargetGroup.G1,
        benefit=Benefit.DAGPENGE,
        readiness=Readiness.JOBPARAT,
        dagpenge_graduate=True,
    )
    ledig = attrs.evolve(dimittend, dagpenge_graduate=False)
    syg = Citizen(
        reference="r",
        target_group=TargetGroup.G6,
        benefit=Benefit.SYGEDAGPENGE,
        readiness=Readiness.SYGEDAGPENGE_KATEGORI_2,
    )
    for citizen, most in ((ledig, 4), (dimittend, 8), (syg, 13)):
        ok = legal.check_praktik(citizen, on=on, weeks=most, hours_per_week=37, company=company)
        assert ok.allowed
        too_long = legal.check_praktik(
            citizen, on=on, weeks=most + 1, hours_per_week=37, company=company
        )
        assert not too_long.allowed
        assert "§ 61" in too_long.findings[0].source


@given(citizens(), st.integers(1, 60), st.integers(1, 30), st.booleans(), DAYS)
def test_extensions(citizen, so_far, by, special, on):
    decision = legal.check_praktik_extension(
        citizen, on=on, weeks_so_far=so_far, by_weeks=by, very_special_need=special
    )
    total = so_far + by
    base = legal.praktik_weeks(citizen, on=on).value
    if citizen.target_group in SHORT:
        assert decision.allowed == (total <= base)
    elif total <= 26:
        assert decision.allowed
    else:
        assert decision.allowed == (special and by <= 13)


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (
            lambda _: legal.check_praktik(
                "x", on=date(2024, 1, 1), weeks=1, hours_per_week=1, company=None
            ),
            "citizen",
        ),
        (
            lambda c: legal.check_praktik(
                c, on="2024-01-01", weeks=1, hours_per_week=1, company=None
            ),
            "on",
        ),
        (
            lambda c: legal.check_praktik(
                c, on=date(2024, 1, 1), weeks=0, hours_per_week=1, company=None
            ),
            "weeks",
        ),
        (
            lambda c: legal.check_praktik(
                c, on=date(2024, 1, 1), weeks=1, hours_per_week=1, company=None
            ),
            "company",
        ),
        (lambda _: legal.check_hours(0, on=date(2024, 1, 1)), "hours_per_week"),
        (
            lambda c: legal.check_praktik_extension(
                c, on=date(2024, 1, 1), weeks_so_far=1, by_weeks=1, very_special_need="yes"
            ),
            "very_special_need",
        ),
        (lambda c: legal.check_referral(c, "mentor", on=date(2024, 1, 1)), "instrument"),
        (
            lambda c: legal.check_referral(c, Instrument.MENTOR, on=date(2024, 1, 1), rules=()),
            "rules",
        ),
    ],
)
def test_bad_arguments_name_the_field(call, path):
    citizen = Citizen(
        reference="r",
        target_group=TargetGroup.G1,
        benefit=Benefit.DAGPENGE,
        readiness=Readiness.JOBPARAT,
    )
    with pytest.raises(bk.ValidationError) as info:
        call(citizen)
    assert info.value.path == path


# -- referrals and the 2026 law change ---------------------------------------------------------


@given(citizens(), st.sampled_from(Instrument), DAYS)
def test_ressourceforloeb_and_revalidering_close_to_new_citizens(citizen, instrument, on):
    decision = legal.check_referral(citizen, instrument, on=on)
    closed = instrument in {Instrument.RESSOURCEFORLOEB, Instrument.REVALIDERING}
    closing = closed and on >= date(2026, 7, 1)
    rules = {f.rule for f in decision.findings}
    assert (f"{instrument.value}.open" in rules) == closing
    for finding in decision.findings:
        if finding.rule.endswith(".open"):
            assert "lov nr. 1750 af 29. december 2025" in finding.source
    assert ("benefit_merge" in rules) == (citizen.benefit_problem(on=on) is not None)


def test_a_municipality_can_date_the_law_change_itself():
    rules = RULES.with_rule(
        attrs.evolve(
            RULES.rule("revalidering.open"),
            values=bk.Timeline.of(1, since=date(2020, 1, 1), source="LAB kap. 20").then(
                0, since=date(2026, 2, 1), source="lov nr. 1750 af 29. december 2025, our reading"
            ),
        )
    )
    citizen = Citizen(
        reference="r",
        target_group=TargetGroup.G6,
        benefit=Benefit.SYGEDAGPENGE,
        readiness=Readiness.SYGEDAGPENGE_KATEGORI_3,
    )
    on = date(2026, 3, 1)
    assert legal.check_referral(citizen, Instrument.REVALIDERING, on=on).allowed
    refused = legal.check_referral(citizen, Instrument.REVALIDERING, on=on, rules=rules)
    assert not refused.allowed
    assert "closed to new citizens from 2026-02-01" in refused.explain()
    assert legal.check_referral(
        citizen, Instrument.REVALIDERING, on=on - timedelta(days=60), rules=rules
    ).allowed


def test_a_merged_benefit_is_reported_with_the_referral():
    citizen = Citizen(
        reference="r",
        target_group=TargetGroup.G4,
        benefit=Benefit.UDDANNELSESHJAELP,
        readiness=Readiness.UDDANNELSESPARAT,
    )
    assert legal.check_referral(citizen, Instrument.MENTOR, on=date(2025, 6, 30)).allowed
    decision = legal.check_referral(citizen, Instrument.MENTOR, on=date(2025, 7, 1))
    assert [f.rule for f in decision.findings] == ["benefit_merge"]
    assert "kontanthjælp from 2025-07-01" in decision.explain()


# -- løntilskud and mentor ---------------------------------------------------------------------

LOENTILSKUD = [Instrument.LOENTILSKUD_PRIVATE, Instrument.LOENTILSKUD_PUBLIC]


@given(
    citizens(),
    st.sampled_from(LOENTILSKUD),
    st.integers(1, 30),
    companies,
    st.booleans(),
    DAYS,
)
def test_loentilskud_is_refused_exactly_when_it_breaks_a_cap(
    citizen, instrument, months, company, net_increase, on
):
    decision = legal.check_loentilskud(
        citizen, instrument, on=on, months=months, company=company, net_increase=net_increase
    )
    private = instrument is Instrument.LOENTILSKUD_PRIVATE
    group = citizen.target_group
    cap = (6 if private else 4) if group in SHORT else None
    expected = set()
    if cap is not None and months > cap:
        expected.add("length")
    if company.subsidised + 1 > legal.max_subsidised(company.ordinary_staff, on=on).value:
        expected.add("ratio")
    if not net_increase:
        expected.add("net_increase")
    got = {"length" if f.rule.startswith("loentilskud") else f.rule for f in decision.findings}
    assert got == expected
    uncovered = group not in SHORT and group is not TargetGroup.G11
    assert any("no rule for target group" in line for line in decision.used) == uncovered


def test_no_limit_for_foertidspension_in_loentilskud():
    pensioner = Citizen(
        reference="r", target_group=TargetGroup.G11, benefit=Benefit.FOERTIDSPENSION
    )
    firm = Company(reference="cvr-1", ordinary_staff=100)
    decision = legal.check_loentilskud(
        pensioner,
        Instrument.LOENTILSKUD_PUBLIC,
        on=date(2024, 1, 1),
        months=120,
        company=firm,
        net_increase=True,
    )
    assert decision.allowed
    assert "no time limit for førtidspensionister" in decision.explain()


@given(citizens(), st.integers(1, 24), DAYS)
def test_a_mentor_period_is_at_most_six_months(citizen, months, on):
    decision = legal.check_mentor(citizen, on=on, months=months)
    assert decision.allowed == (months <= 6)
    assert all("§§ 167-171" in f.source for f in decision.findings)


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (
            lambda c: legal.check_loentilskud(
                c,
                Instrument.MENTOR,
                on=date(2024, 1, 1),
                months=1,
                company=None,
                net_increase=True,
            ),
            "instrument",
        ),
        (
            lambda c: legal.check_loentilskud(
                c,
                Instrument.LOENTILSKUD_PRIVATE,
                on=date(2024, 1, 1),
                months=0,
                company=None,
                net_increase=True,
            ),
            "months",
        ),
        (
            lambda c: legal.check_loentilskud(
                c,
                Instrument.LOENTILSKUD_PRIVATE,
                on=date(2024, 1, 1),
                months=1,
                company=None,
                net_increase=True,
            ),
            "company",
        ),
        (
            lambda c: legal.check_loentilskud(
                c,
                Instrument.LOENTILSKUD_PRIVATE,
                on=date(2024, 1, 1),
                months=1,
                company=Company(reference="c", ordinary_staff=1),
                net_increase="yes",
            ),
            "net_increase",
        ),
        (lambda c: legal.check_mentor(c, on=date(2024, 1, 1), months=1.5), "months"),
    ],
)
def test_bad_loentilskud_and_mentor_arguments_name_the_field(call, path):
    citizen = Citizen(
        reference="r",
        target_group=TargetGroup.G2,
        benefit=Benefit.KONTANTHJAELP,
        readiness=Readiness.JOBPARAT,
    )
    with pytest.raises(bk.ValidationError) as info:
        call(citizen)
    assert info.value.path == path

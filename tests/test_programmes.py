"""Programme definitions, the shipped catalogue and its numbers from the seeds."""

from datetime import date

import attrs
import pytest
from hypothesis import given

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse import strategies as bst
from beskaeftigelse.machines import AllPlannedHeld, Machine, Transition

AFKLARING = bk.catalogue.versions("afklaringsforloeb")[0]


def test_afklaringsforloeb_numbers_from_seed_002():
    before = bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 31))
    after = bk.catalogue.get("afklaringsforloeb", on=date(2020, 11, 1))
    assert (before.capacity, after.capacity) == (15, 25)
    assert before.weeks == 13
    assert before.days == 91
    assert before.follow_ups == 4
    assert before.planned == {"start": 1, "follow_up": 4, "final": 1}
    assert before.outcomes >= {
        events.Outcome.ORDINARY_JOB,
        events.Outcome.FLEKSJOB,
        events.Outcome.FOERTIDSPENSION,
        events.Outcome.OTHER,
    }
    assert "Karriereværkstedet" in before.definition.provider
    assert after.lookup("capacity").entry.valid_from == date(2020, 11, 1)


def test_jobklub_numbers_from_seed_004():
    p = bk.catalogue.get("jobklub", on=date(2016, 2, 1))
    assert p.phase_days == (("workshop", 14), ("club", 70))
    assert p.weeks == 12
    assert p.follow_ups == 0
    assert [m.months_after_end for m in p.definition.measurements] == [0, 3]
    assert p.outcomes == {
        events.Outcome.ORDINARY_JOB,
        events.Outcome.LOENTILSKUD,
        events.Outcome.VIRKSOMHEDSPRAKTIK,
        events.Outcome.EDUCATION,
        events.Outcome.STILL_UNEMPLOYED,
        events.Outcome.OTHER,
    }


@given(bst.programmes())
def test_every_dated_value_cites_its_public_document(p):
    publishers = ("Vejle Kommune, press release of 29 October 2020", "Solrød Kommune, news item")
    for name, timeline in p.definition.dated_values().items():
        assert all(e.source.startswith(publishers) for e in timeline.entries), name
        assert not any("seed" in e.source.lower() for e in timeline.entries), name
        assert p.lookup(name).value == timeline.value_on(p.on)
    assert p.definition.source.startswith(publishers)
    assert len(p.explain()) == len(p.definition.dated_values())
    assert all(
        "source: Vejle Kommune" in line or "source: Solrød Kommune" in line for line in p.explain()
    )


def test_catalogue_lookups_fail_clearly():
    with pytest.raises(bk.UnknownProgramme) as info:
        bk.catalogue.get("ressourceforloeb", on=date(2020, 1, 1))
    assert info.value.known == ("afklaringsforloeb", "jobklub")
    assert isinstance(info.value, LookupError)
    with pytest.raises(bk.NotInForce) as before:
        bk.catalogue.get("afklaringsforloeb", on=date(2018, 12, 31))
    assert before.value.earliest == date(2019, 1, 1)
    with pytest.raises(bk.ValidationError, match="no dated value 'seats'"):
        bk.catalogue.get("jobklub", on=date(2016, 2, 1)).lookup("seats")


def test_catalogue_lists_programmes_and_versions():
    assert len(bk.catalogue) == 2
    assert [d.key for d in bk.catalogue] == ["afklaringsforloeb", "jobklub"]
    assert [p.key for p in bk.catalogue.in_force(on=date(2016, 1, 1))] == ["jobklub"]
    assert bk.catalogue.versions("nothing") == ()


def test_a_later_version_takes_over_on_its_date():
    old = attrs.evolve(AFKLARING, validity=bk.Period(date(2019, 1, 1), date(2022, 1, 1)))
    new = attrs.evolve(
        AFKLARING,
        validity=bk.Period(date(2022, 1, 1)),
        name_en="Job clarification course, 2022 edition",
    )
    cat = bk.Catalogue((old,)).with_definition(new)
    assert cat.get("afklaringsforloeb", on=date(2021, 12, 31)).definition is old
    assert cat.get("afklaringsforloeb", on=date(2022, 1, 1)).definition is new
    with pytest.raises(bk.ValidationError, match="in force at once"):
        cat.with_definition(AFKLARING)
    with pytest.raises(bk.NotInForce):
        old.on(date(2022, 1, 1))


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"validity": bk.Period(date(2018, 1, 1))}, "capacity"),
        ({"phases": ()}, "phases"),
        ({"phases": AFKLARING.phases * 2}, "phases"),
        ({"outcomes": frozenset()}, "outcomes"),
        ({"outcomes": ["job"]}, "outcomes"),
        ({"meetings": AFKLARING.meetings[:1]}, "machine.transitions[3].guards"),
        ({"measurements": ()}, "measurements"),
        ({"measurements": AFKLARING.measurements * 2}, "measurements"),
        (
            {"capacity": bk.Timeline.of(0, since=date(2019, 1, 1), source="s")},
            "capacity.entries[0].value",
        ),
        ({"capacity": 15}, "capacity"),
        ({"key": "Afklaring"}, "key"),
        ({"name_da": ""}, "name_da"),
        ({"machine": None}, "machine"),
        ({"validity": date(2019, 1, 1)}, "validity"),
        ({"calendar": None}, "calendar"),
        ({"description": 5}, "description"),
        ({"phases": [1]}, "phases[0]"),
    ],
)
def test_definitions_are_validated_at_construction(changes, path):
    with pytest.raises(bk.ValidationError) as info:
        attrs.evolve(AFKLARING, **changes)
    assert info.value.path == path


def test_measurements_must_increase():
    later, earlier = (
        AFKLARING.measurements[0],
        attrs.evolve(AFKLARING.measurements[0], key="later", months_after_end=3),
    )
    with pytest.raises(bk.ValidationError, match="increasing"):
        attrs.evolve(AFKLARING, measurements=(earlier, later))


@pytest.mark.parametrize(
    "make",
    [
        lambda: bk.MeetingPlan(
            kind="lunch",
            name_da="x",
            name_en="x",
            count=bk.Timeline.of(1, since=date(2019, 1, 1), source="s"),
            placement=bk.Placement.SPREAD,
        ),
        lambda: bk.MeetingPlan(
            kind="start",
            name_da="x",
            name_en="x",
            count=bk.Timeline.of(2, since=date(2019, 1, 1), source="s"),
            placement=bk.Placement.START,
        ),
        lambda: bk.MeetingPlan(
            kind="start",
            name_da="x",
            name_en="x",
            count=bk.Timeline.of(1, since=date(2019, 1, 1), source="s"),
            placement="start",
        ),
        lambda: bk.Measurement(key="x", name_da="x", name_en="x", months_after_end=-1, source="s"),
        lambda: bk.Programme(AFKLARING, "2020-01-01"),
        lambda: bk.Programme("afklaringsforloeb", date(2020, 1, 1)),
    ],
)
def test_parts_are_validated(make):
    with pytest.raises(bk.ValidationError):
        make()


def test_a_municipal_variant_is_built_from_the_same_parts():
    variant = attrs.evolve(
        AFKLARING,
        key="afklaringsforloeb_kort",
        name_en="Short clarification course",
        phases=(
            attrs.evolve(
                AFKLARING.phases[0], days=bk.Timeline.of(56, since=date(2019, 1, 1), source="local")
            ),
        ),
        meetings=tuple(
            attrs.evolve(m, count=bk.Timeline.of(2, since=date(2019, 1, 1), source="local"))
            if m.kind == "follow_up"
            else m
            for m in AFKLARING.meetings
        ),
    )
    p = variant.on(date(2021, 3, 1))
    assert (p.weeks, p.follow_ups) == (8, 2)
    cat = bk.catalogue.with_definition(variant)
    assert cat.get("afklaringsforloeb_kort", on=date(2021, 3, 1)) == p
    assert repr(p) == "Programme(key='afklaringsforloeb_kort', on=datetime.date(2021, 3, 1))"


def test_weeks_is_fractional_when_days_do_not_divide_by_seven():
    phase = attrs.evolve(
        AFKLARING.phases[0], days=bk.Timeline.of(10, since=date(2019, 1, 1), source="s")
    )
    p = attrs.evolve(AFKLARING, phases=(phase,)).on(date(2020, 1, 1))
    assert p.weeks == pytest.approx(10 / 7)


def test_guard_on_a_meeting_the_plan_lacks_is_refused():
    machine = Machine(
        states=("a", "done"),
        initial="a",
        final={"done"},
        ended={"done"},
        transitions=(Transition("a", "final_meeting_held", "done", (AllPlannedHeld("coaching"),)),),
    )
    with pytest.raises(bk.ValidationError, match="'coaching', which the plan lacks"):
        attrs.evolve(AFKLARING, machine=machine)

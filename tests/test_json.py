"""JSON round-trips, strict reading, and errors that name the path."""

import json
from datetime import date

import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse import strategies as bst


@given(bst.courses())
def test_courses_round_trip(course):
    text = bk.to_json(course)
    assert bk.from_json(text, bk.Course) == course
    assert bk.from_json(text.encode(), bk.Course) == course
    assert json.loads(text)["schema"] == bk.SCHEMA_VERSION


@given(bst.programmes())
def test_programmes_and_definitions_round_trip(programme):
    assert bk.from_json(bk.to_json(programme), bk.Programme) == programme
    definition = programme.definition
    assert bk.from_json(bk.to_json(definition), bk.ProgrammeDefinition) == definition


@given(bst.timelines())
def test_timelines_round_trip(timeline):
    assert bk.from_json(bk.to_json(timeline), bk.Timeline[int]) == timeline


@given(bst.calendars())
def test_calendars_round_trip(calendar):
    assert bk.from_json(bk.to_json(calendar), bk.WorkingCalendar) == calendar


def test_the_output_is_deterministic():
    calendar = bk.WorkingCalendar(closing_days={date(2020, 12, 24), date(2020, 1, 2)})
    assert json.loads(bk.to_json(calendar))["closing_days"] == ["2020-01-02", "2020-12-24"]
    course = bk.Course.start(
        bk.catalogue.get("jobklub", on=date(2016, 2, 1)), participant="r", on=date(2016, 2, 1)
    )
    assert bk.to_json(course) == bk.to_json(bk.from_json(bk.to_json(course), bk.Course))


def course_document():
    p = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
    course = bk.Course.start(p, participant="ref-0001", on=date(2020, 8, 3))
    course = course.apply(events.StartMeetingHeld(on=date(2020, 8, 3)))
    for day in (date(2020, 8, 21), date(2020, 9, 8)):
        course = course.apply(events.FollowUpHeld(on=day))
    return json.loads(bk.to_json(course))


def errors_of(document):
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(json.dumps(document), bk.Course)
    assert isinstance(info.value, ValueError)
    return info.value


@pytest.mark.parametrize(
    ("change", "path", "reason"),
    [
        (
            lambda d: d["history"][3].update(on="2020-02-30"),
            "$.history[3].on",
            "real calendar date",
        ),
        (lambda d: d["history"][3].update(on="20200908"), "$.history[3].on", "YYYY-MM-DD"),
        (lambda d: d["history"][3].update(on=None), "$.history[3].on", "YYYY-MM-DD"),
        (lambda d: d["history"][3].update(on="2020-08-01"), "$.history[3]", "before the course"),
        (lambda d: d["history"][3].update(type="teleported"), "$.history[3]", "'type' must be"),
        (lambda d: d["history"][3].pop("on"), "$.history[3].on", "required field 'on'"),
        (
            lambda d: d["history"][0].update(participant="010190-1234"),
            "$.history[0].participant",
            "CPR",
        ),
        (lambda d: d.update(history="all of it"), "$.history", "must be an array"),
        (lambda d: d.update(extra=1), "$", "unknown fields ['extra']"),
        (lambda d: d["programme"].update(on=1), "$.programme.on", "YYYY-MM-DD"),
        (
            lambda d: d["programme"]["definition"]["capacity"]["entries"][0].update(value="15"),
            "$.programme.definition.capacity.entries[0].value",
            "whole number",
        ),
        (
            lambda d: d["programme"]["definition"]["capacity"]["entries"][0].update(value=10**30),
            "$.programme.definition.capacity.entries[0].value",
            "whole number from 1",
        ),
        (
            lambda d: d["programme"]["definition"]["capacity"]["entries"][0].update(value=True),
            "$.programme.definition.capacity.entries[0].value",
            "whole number",
        ),
        (
            lambda d: d["programme"]["definition"]["outcomes"].append("lottery"),
            "$.programme.definition.outcomes[4]",
            "must be one of",
        ),
        (
            lambda d: d["programme"]["definition"]["machine"]["transitions"][3]["guards"][0].update(
                meeting=7
            ),
            "$.programme.definition.machine.transitions[3].guards[0].meeting",
            "must be a string",
        ),
        (
            lambda d: d["programme"]["definition"]["calendar"].update(optional_holidays="no"),
            "$.programme.definition.calendar.optional_holidays",
            "true or false",
        ),
        (
            lambda d: d["programme"]["definition"]["machine"]["transitions"].pop(),
            "$.programme.definition.machine",
            "state 'ended' is not final",
        ),
        (lambda d: d.update(programme=[]), "$.programme", "must be an object"),
        (lambda d: d["programme"].update(on="2010-01-01"), "$.programme", "not in force"),
        (
            lambda d: d["history"][3].update(type="ended_early", reason=3),
            "$.history[3].reason",
            "must be one of",
        ),
        (
            lambda d: d["history"][1]["functions"].update(motivation="x" * 5000),
            "$.history[1].functions.motivation",
            "at most 2000",
        ),
    ],
)
def test_bad_fields_are_named_by_path(change, path, reason):
    document = course_document()
    change(document)
    error = errors_of(document)
    assert error.path == path, error.errors
    assert reason in error.reason, error.errors
    assert f"{error.reason} @ {error.path}" == error.errors[0]
    assert "010190-1234" not in str(error)


def test_every_bad_field_is_listed():
    document = course_document()
    document["history"][1]["on"] = 5
    document["history"][2]["on"] = "soon"
    document["surprise"] = True
    error = errors_of(document)
    assert [e.split(" @ ")[1] for e in error.errors] == [
        "$.history[1].on",
        "$.history[2].on",
        "$",
    ]


@pytest.mark.parametrize(
    ("text", "path", "reason"),
    [
        ("{", "$", "not valid JSON"),
        (b"\xff\xfe\xfd", "$", "not valid"),
        ('{"schema": 2}', "$.schema", "unknown schema version 2"),
        ("{}", "$.schema", "no schema version"),
        ("[" * 100_000 + "]" * 100_000, "$", "nested too deeply"),
        ("[1, 2]", "$", "must be an object"),
        ('{"schema": 1}', "$.programme", "required field"),
        (7, "$", "must be text"),
        ("x" * 10_000_001, "$", "longer than"),
    ],
)
def test_hostile_documents_get_the_package_error(text, path, reason):
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text, bk.Course)
    assert info.value.path == path
    assert reason in info.value.reason


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.data())
def test_mutated_documents_load_or_raise_only_validation_errors(data):
    document = course_document()
    node, key = document, None
    for _ in range(data.draw(st.integers(1, 6))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = data.draw(st.integers(0, len(node) - 1))
        else:
            break
        if not isinstance(node[key], (dict, list)):
            break
        node = node[key]
    if isinstance(node, (dict, list)) and key is not None and node:
        target = key if isinstance(node, dict) and key in node else 0
        if isinstance(node, list):
            target = min(target if isinstance(target, int) else 0, len(node) - 1)
        node[target] = data.draw(json_values)
    try:
        loaded = bk.from_json(json.dumps(document), bk.Course)
    except bk.ValidationError as error:
        assert error.path.startswith("$")
        assert error.errors
    else:
        assert isinstance(loaded, bk.Course)


def test_the_converter_is_our_own():
    before = cattrs.global_converter.unstructure(date(2020, 1, 1))
    converter = bk.make_converter()
    assert converter is not bk.make_converter()
    assert converter.unstructure(date(2020, 1, 1)) == "2020-01-01"
    assert cattrs.global_converter.unstructure(date(2020, 1, 1)) == before
    custom = cattrs.Converter()
    bk.configure_converter(custom)
    assert custom.structure("2020-11-01", date) == date(2020, 11, 1)


def test_structure_errors_are_validation_errors_also_outside_json():
    with pytest.raises(bk.ValidationError, match=r"\$\.entries: must be an array"):
        bk.from_json('{"schema": 1, "entries": 5}', bk.Timeline[int])


@given(bst.courses())
def test_the_orjson_backend_reads_and_writes_the_same_documents(course):
    fast = bk.to_json(course, backend="orjson")
    assert json.loads(fast) == json.loads(bk.to_json(course))
    assert bk.from_json(fast, bk.Course, backend="orjson") == course
    assert bk.from_json(bk.to_json(course), bk.Course, backend="orjson") == course
    assert json.loads(bk.to_json(course, backend="orjson", indent=2)) == json.loads(fast)


@pytest.mark.parametrize("text", ["{", "[" * 5000 + "]" * 5000, b"\xff"])
def test_the_orjson_backend_raises_the_package_error(text):
    with pytest.raises(bk.ValidationError) as info:
        bk.from_json(text, bk.Course, backend="orjson")
    assert info.value.path == "$"


def test_a_missing_orjson_says_what_to_install(monkeypatch):
    import sys  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "orjson", None)
    with pytest.raises(ImportError, match=r"beskaeftigelse\[orjson\]"):
        bk.to_json(bk.WorkingCalendar(), backend="orjson")


def test_definitions_read_from_equal_content_are_shared_and_the_memo_is_bounded():
    import attrs  # noqa: PLC0415

    base = bk.catalogue.versions("jobklub")[0]
    text = bk.to_json(base)
    assert bk.from_json(text, bk.ProgrammeDefinition) is bk.from_json(text, bk.ProgrammeDefinition)
    variants = [attrs.evolve(base, name_en=f"Job club {i}") for i in range(100)]
    for variant in variants:
        assert bk.from_json(bk.to_json(variant), bk.ProgrammeDefinition) == variant
    assert bk.from_json(bk.to_json(variants[0]), bk.ProgrammeDefinition) == variants[0]


def test_a_type_the_library_cannot_read_is_a_validation_error():
    import re  # noqa: PLC0415

    with pytest.raises(bk.ValidationError, match="cannot be read"):
        bk.from_json('"x"', re.Pattern)


def test_definitions_are_read_without_orjson_too(monkeypatch):
    import sys  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "orjson", None)
    variant = attrs.evolve(bk.catalogue.versions("jobklub")[0], name_en="Job club, no orjson")
    text = bk.to_json(variant)
    assert bk.from_json(text, bk.ProgrammeDefinition) is bk.from_json(text, bk.ProgrammeDefinition)

"""Personal data never shows: CPR numbers planted in courses are searched for in every text."""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse import events
from beskaeftigelse import strategies as bst
from beskaeftigelse._views.cli import main
from beskaeftigelse._views.display import course_text
from beskaeftigelse.diagrams import to_dot, to_mermaid

days = st.integers(1, 28).map(lambda d: f"{d:02d}")
months = st.integers(1, 12).map(lambda m: f"{m:02d}")
cprs = st.builds(
    lambda d, m, y, s, dash: f"{d}{m}{y:02d}{'-' if dash else ''}{s:04d}",
    days,
    months,
    st.integers(0, 99),
    st.integers(0, 9999),
    st.booleans(),
)


def texts_of(course):
    """Every text the library makes about a course and what it refuses."""
    made = [repr(course), str(course), course_text(course), course._repr_html_()]
    made += [repr(e) for e in course.history] + [str(e) for e in course.history]
    made += [repr(i) for i in course.schedule]
    made += [repr(d) for d in course.due(on=course.last_on + timedelta(days=200))]
    made += [repr(o) for o in course.allowed()]
    made += [to_mermaid(course), to_dot(course), repr(course.programme)]
    made += [repr(course.participant), str(course.participant)]
    for cls in (events.FollowUpHeld, events.Cancelled, events.PhaseCompleted):
        event = cls(on=course.last_on - timedelta(days=1))
        refusal = course.check(event)
        made.append(repr(refusal))
        with pytest.raises(bk.TransitionRefused) as info:
            course.apply(event)
        made += [str(info.value), repr(info.value)]
    return made


def assert_absent(cpr, texts):
    digits = cpr.replace("-", "")
    for text in texts:
        assert cpr not in text
        assert digits not in text


@given(bst.courses(), cprs)
def test_a_cpr_participant_never_shows(course, cpr):
    marked = bk.Course.replay(
        course.programme,
        (events.Started(course.started_on, participant=events.Cpr(cpr)), *course.history[1:]),
    )
    assert marked.participant.reveal() == cpr.replace("-", "")
    assert_absent(cpr, texts_of(marked))


@given(cprs)
def test_a_cpr_as_plain_text_is_refused_without_repeating_it(cpr):
    jobklub = bk.catalogue.versions("jobklub")[0]
    programme = jobklub.on(jobklub.validity.start)
    for participant in (cpr, f"case {cpr}"):
        with pytest.raises(bk.ValidationError) as info:
            bk.Course.start(programme, participant=participant, on=programme.on)
        assert_absent(cpr, [str(info.value), repr(info.value), *info.value.errors])


@given(st.text(min_size=1, max_size=12))
def test_an_invalid_cpr_is_refused_without_repeating_it(text):
    try:
        cpr = events.Cpr(text)
    except bk.ValidationError as error:
        # The message is one of a few fixed texts: nothing of the input is in it.
        assert (error.path, error.reason) in {
            ("number", "is not a CPR number (a birth date DDMMYY and four digits)"),
            ("number", "is not a CPR number: no such birth date"),
        }
    else:
        assert repr(cpr) == str(cpr) == "Cpr(<redacted>)"


def test_validate_prints_no_cpr(tmp_path, capsys):
    programme = bk.catalogue.versions("jobklub")[0].on(
        bk.catalogue.versions("jobklub")[0].validity.start
    )
    course = bk.Course.start(programme, participant=events.Cpr("010190-1234"), on=programme.on)
    path = tmp_path / "course.json"
    path.write_text(bk.to_json(course))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert_absent("010190-1234", [out])
    assert '"cpr": "0101901234"' in bk.to_json(course)  # kept, by the caller's choice

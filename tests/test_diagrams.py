"""Diagrams and notebook display."""

import re
from datetime import date

import pytest
from hypothesis import given

import beskaeftigelse as bk
from beskaeftigelse import strategies as bst
from beskaeftigelse.diagrams import render, to_dot, to_mermaid


@given(bst.courses())
def test_every_transition_appears_and_the_current_state_is_highlighted(course):
    machine = course.programme.machine
    mermaid = to_mermaid(course)
    dot = to_dot(course.programme, course=course)
    for t in machine.transitions:
        assert f"    {t.source} --> {t.target}: " in mermaid
        assert f'  "{t.source}" -> "{t.target}" [label=' in dot
    assert f"    class {course.state} current" in mermaid
    assert f'"{course.state}" [' in dot
    assert "fillcolor" in dot
    bold = re.findall(r'"(\w+)" -> "\w+" \[label="[^"]*", penwidth=2', dot)
    assert len(bold) <= len(course.history) - 1
    for final in machine.final:
        assert f"    {final} --> [*]" in mermaid


def test_diagrams_of_definitions_and_machines_have_no_highlight():
    definition = bk.catalogue.versions("jobklub")[0]
    assert "current" not in to_mermaid(definition)
    assert "fillcolor" not in to_dot(definition.machine)
    assert "fase afsluttet" in to_mermaid(definition, lang="da")


@pytest.mark.parametrize(
    "call",
    [
        lambda: to_mermaid("jobklub"),
        lambda: to_dot(bk.catalogue.versions("jobklub")[0], lang="de"),
        lambda: render(bk.catalogue.versions("jobklub")[0], format="gif"),
    ],
)
def test_bad_arguments(call):
    with pytest.raises(bk.ValidationError):
        call()


def test_render_without_graphviz_says_what_to_install(monkeypatch):
    import sys  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "graphviz", None)
    with pytest.raises(ImportError, match=r"beskaeftigelse\[graphviz\]"):
        render(bk.catalogue.versions("jobklub")[0])


@given(bst.courses())
def test_notebook_bundles(course):
    bundle = course._repr_mimebundle_()
    assert bundle["text/plain"] == repr(course)
    assert bundle["text/vnd.mermaid"].startswith("stateDiagram-v2")
    assert f"<code>{course.state}</code>" in course._repr_html_()
    assert course._repr_html_().count("<tr>") == len(course.schedule) + len(course.history) + 2


def test_programme_display():
    p = bk.catalogue.get("afklaringsforloeb", on=date(2020, 11, 1))
    html = p._repr_html_()
    assert "<td>capacity</td><td>25</td><td>2020-11-01</td>" in html
    assert p._repr_mimebundle_()["text/vnd.mermaid"] == to_mermaid(p)

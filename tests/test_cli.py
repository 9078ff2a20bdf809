"""The command line."""

import json
import subprocess
import sys
from datetime import date

import pytest

import beskaeftigelse as bk
from beskaeftigelse._views.cli import main


def test_demo_walks_an_afklaringsforloeb(capsys):
    assert main(["demo", "--start", "2020-08-03"]) == 0
    out = capsys.readouterr().out
    assert "capacity 15" in out
    assert out.count("follow up held") == 4
    assert "all 4 planned follow_up meetings have been held" in out
    assert "replay equals the course: True" in out


def test_plan_prints_the_schedule(capsys):
    assert main(["plan", "jobklub", "--start", "2016-02-01"]) == 0
    out = capsys.readouterr().out
    assert "2016-04-21 Thu  course ends  (moved from 2016-04-24)" in out
    assert main(["--lang", "da", "plan", "jobklub", "--start", "2016-02-01"]) == 0
    assert "forløbet slutter" in capsys.readouterr().out


def test_show_cites_sources(capsys):
    assert main(["show", "afklaringsforloeb", "--on", "2020-11-01"]) == 0
    out = capsys.readouterr().out
    assert "capacity 25" in out
    assert (
        "capacity: 25 on 2020-11-01 (in force from 2020-11-01; "
        "source: Vejle Kommune, press release of 29 October 2020" in out
    )


def test_programmes_lists_validity(capsys):
    assert main(["programmes"]) == 0
    assert "afklaringsforloeb    2019-01-01 - open" in capsys.readouterr().out
    assert main(["--lang", "da", "programmes"]) == 0
    assert "Afklaringsforløb" in capsys.readouterr().out


@pytest.mark.parametrize(("fmt", "first"), [("mermaid", "stateDiagram-v2"), ("dot", "digraph")])
def test_diagram(capsys, fmt, first):
    assert main(["diagram", "jobklub", "--format", fmt]) == 0
    assert capsys.readouterr().out.startswith(first)
    assert main(["diagram", "jobklub", "--format", fmt, "--on", "2016-02-01"]) == 0
    assert capsys.readouterr().out.startswith(first)


def test_validate_exit_codes(tmp_path, capsys):
    p = bk.catalogue.get("afklaringsforloeb", on=date(2020, 8, 3))
    course = bk.Course.start(p, participant="ref-1", on=date(2020, 8, 3))
    good = tmp_path / "good.json"
    good.write_text(bk.to_json(course))
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out.startswith("ok")
    document = json.loads(bk.to_json(course))
    document["history"][0]["on"] = "2020-13-01"
    document["extra"] = 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "invalid: is not a real calendar date @ $.history[0].on" in out
    assert "invalid: unknown fields ['extra'] @ $" in out
    assert main(["validate", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_errors_exit_1_and_usage_errors_exit_2(capsys):
    assert main(["plan", "afklaringsforloeb", "--start", "2018-01-01"]) == 1
    assert "not in force on 2018-01-01" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["plan", "afklaringsforloeb", "--start", "someday"])
    assert info.value.code == 2


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "beskaeftigelse", "programmes"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "jobklub" in out.stdout

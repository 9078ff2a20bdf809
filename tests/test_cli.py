"""The command line."""

import subprocess
import sys

import pytest

from beskaeftigelse._cli import main


def test_demo_walks_an_afklaringsforloeb(capsys):
    assert main(["demo", "--start", "2020-08-03"]) == 0
    out = capsys.readouterr().out
    assert "capacity 15" in out
    assert out.count("follow_up_held         ->") == 4
    assert "all 4 planned follow_up meetings have been held" in out
    assert "replay equals the course: True" in out


def test_plan_prints_the_schedule(capsys):
    assert main(["plan", "jobklub", "--start", "2016-02-01"]) == 0
    out = capsys.readouterr().out
    assert "2016-04-21 Thu  course ends  (moved from 2016-04-24)" in out


def test_programmes_lists_validity(capsys):
    assert main(["programmes"]) == 0
    assert "afklaringsforloeb    2019-01-01 - open" in capsys.readouterr().out


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

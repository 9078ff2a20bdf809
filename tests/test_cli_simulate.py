"""The command line's ``simulate``: the table is the simulations', the bar goes to stderr."""

import io
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import beskaeftigelse as bk
from beskaeftigelse._catalogue.programmes import AFKLARINGSFORLOEB
from beskaeftigelse._views import cli as _cli
from beskaeftigelse._views.cli import _Progress, main
from beskaeftigelse.stats import simulate


@settings(max_examples=30)
@given(
    start=st.dates(date(2019, 1, 1), date(2022, 1, 1)),
    days=st.integers(1, 120),
    referrals=st.integers(0, 60),
    seed=st.integers(0, 2**32),
    runs=st.integers(1, 3),
    cancel=st.fractions(0, 1, max_denominator=10),
    lang=st.sampled_from(["en", "da"]),
)
def test_simulate_prints_each_seeded_run(start, days, referrals, seed, runs, cancel, lang):
    end = start + timedelta(days=days)
    argv = [
        "--lang",
        lang,
        "simulate",
        "afklaringsforloeb",
        "--start",
        start.isoformat(),
        "--end",
        end.isoformat(),
        "--referrals",
        str(referrals),
        "--seed",
        str(seed),
        "--runs",
        str(runs),
        "--cancel-share",
        str(cancel),
        "--no-progress",
    ]
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdout", out)
        mp.setattr("sys.stderr", err)
        assert main(argv) == 0
    assert err.getvalue() == ""
    lines = out.getvalue().splitlines()
    assert ("Afklaringsforløb" if lang == "da" else "Job clarification course") in lines[0]
    assert ("henvisninger" if lang == "da" else "referrals") in lines[1]
    rows = [line.split() for line in lines[2:]]
    assert len(rows) == runs
    for n, row in enumerate(rows):
        run = simulate(
            AFKLARINGSFORLOEB,
            referrals=referrals,
            period=bk.Period(start, end),
            seed=seed + n,
            cancel_share=cancel,
        )
        wait = "-" if run.mean_wait is None else f"{float(run.mean_wait):.1f}"
        expected = [str(seed + n), str(referrals), str(run.admissions), wait, str(run.peak_waiting)]
        assert row == expected


def test_simulate_at_the_seed_002_capacity_change(capsys):
    argv = ["simulate", "afklaringsforloeb", "--start", "2020-10-01", "--end", "2020-12-01"]
    assert main([*argv, "--referrals", "40", "--course-days", "91"]) == 0
    row = capsys.readouterr().out.splitlines()[2].split()
    run = simulate(
        AFKLARINGSFORLOEB,
        referrals=40,
        period=bk.Period(date(2020, 10, 1), date(2020, 12, 1)),
        seed=0,
        course_days=91,
    )
    assert row[2] == str(run.admissions)
    assert max(d.seated for d in run.days) <= 25  # seed 002: 15 seats, 25 from 2020-11-01


@pytest.mark.parametrize(
    ("total", "shown", "expected"),
    [
        (4, True, "\r[##########..........] 2/4"),
        (4, False, ""),
        (1, True, "\r[....................] 0/1"),
    ],
)
def test_progress_bar(total, shown, expected):
    stream = io.StringIO()
    bar = _Progress(total, stream, shown=shown, width=20)
    bar.update(2 if total == 4 else 0)
    assert stream.getvalue() == expected
    bar.update(total)
    assert stream.getvalue().endswith(f"] {total}/{total}\n" if shown else "")


def test_progress_on_stderr_by_default_only_on_long_runs_at_a_terminal(monkeypatch, capsys):
    argv = ["simulate", "jobklub", "--start", "2016-02-01", "--end", "2016-03-01"]
    monkeypatch.setattr(_cli, "_LONG_RUN", 10)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert main([*argv, "--referrals", "5"]) == 0
    assert capsys.readouterr().err == ""
    assert main([*argv, "--referrals", "10"]) == 0
    assert capsys.readouterr().err.endswith("] 1/1\n")
    assert main([*argv, "--referrals", "5", "--runs", "2"]) == 0
    assert capsys.readouterr().err.endswith("] 2/2\n")
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert main([*argv, "--referrals", "5", "--runs", "2"]) == 0
    assert capsys.readouterr().err == ""
    assert main([*argv, "--referrals", "5", "--progress"]) == 0
    assert "1/1" in capsys.readouterr().err


def test_simulate_errors(capsys):
    argv = ["simulate", "jobklub", "--start", "2016-02-01", "--end", "2016-03-01"]
    assert main([*argv, "--referrals", "-1"]) == 1
    assert "referrals" in capsys.readouterr().err
    before = ["simulate", "jobklub", "--start", "2010-02-01", "--end", "2010-03-01"]
    assert main([*before, "--referrals", "1"]) == 1
    assert "not in force" in capsys.readouterr().err
    for bad in (
        ["--referrals", "1", "--cancel-share", "2"],
        ["--referrals", "1", "--cancel-share", "x"],
        ["--referrals", "1", "--runs", "0"],
        ["--referrals", "1", "--runs", "x"],
    ):
        with pytest.raises(SystemExit) as info:
            main([*argv, *bad])
        assert info.value.code == 2
    assert Fraction(_cli._share("1/5")) == Fraction(1, 5)

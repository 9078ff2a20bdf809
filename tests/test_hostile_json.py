"""10,000 hostile documents per run: only the package's ValidationError, with a path."""

import os
from collections import Counter

import pytest

from . import fuzz_json

COUNT = 10_000


def test_ten_thousand_hostile_documents():
    seed = int(os.environ.get("FUZZ_SEED", "20261123"))
    outcomes = Counter(fuzz_json.check(t, text) for _, t, text in fuzz_json.documents(seed, COUNT))
    assert sum(outcomes.values()) == COUNT
    assert outcomes["refused"] > COUNT // 2
    assert outcomes["loaded"] > 0  # some damage is harmless: extra whitespace, equal values


def test_the_fuzz_target_runs_and_reports():
    assert fuzz_json.main(["--count", "50", "--seed", "1"]) == 0


def test_the_fuzz_target_reports_a_failure(monkeypatch, capsys):
    def explode(target, text):
        raise KeyError(target)

    monkeypatch.setattr(fuzz_json, "check", explode)
    assert fuzz_json.main(["--count", "1"]) == 1
    assert "FAILED on document seed" in capsys.readouterr().out


@pytest.mark.parametrize("cpr", fuzz_json.CPRS)
def test_planted_cpr_numbers_never_reach_an_error(cpr):
    import json  # noqa: PLC0415

    document = json.loads(json.dumps(fuzz_json._seed_documents()[1][1]))
    document[cpr] = cpr
    document["history"][0]["participant"] = cpr
    with pytest.raises(Exception) as info:
        fuzz_json.bk.from_json(json.dumps(document), fuzz_json.bk.Course)
    assert isinstance(info.value, fuzz_json.bk.ValidationError)
    text = " ".join((str(info.value), repr(info.value), *info.value.errors))
    assert cpr not in text
    assert cpr.replace("-", "") not in text

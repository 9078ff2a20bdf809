"""The benchmark scripts still run (``--quick``): a smoke test, not a timing."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize(
    "script", ["bench_core", "bench_stats", "bench_adjustments", "bench_stores"]
)
def test_benchmark_runs_quickly(script, capsys):
    spec = importlib.util.spec_from_file_location(f"bench_{script}", BENCH / f"{script}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    assert "µs" in capsys.readouterr().out

"""The public surface: deliberate, documented, importable without the extras."""

import importlib
import inspect
import subprocess
import sys

import pytest

import beskaeftigelse as bk

PUBLIC_MODULES = [
    "beskaeftigelse",
    "beskaeftigelse.events",
    "beskaeftigelse.machines",
    "beskaeftigelse.calendars",
    "beskaeftigelse.diagrams",
    "beskaeftigelse.exceptions",
    "beskaeftigelse.ips",
    "beskaeftigelse.legal",
    "beskaeftigelse.strategies",
    "beskaeftigelse.adjustments",
    "beskaeftigelse.reports",
    "beskaeftigelse.intake",
    "beskaeftigelse.stats",
    "beskaeftigelse.stores",
    "beskaeftigelse.plots",
    "beskaeftigelse.testing",
]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_complete_and_documented(name):
    module = importlib.import_module(name)
    exported = module.__all__
    assert (
        sorted(exported, key=lambda n: (not n.isupper(), n[0].islower(), n)) == exported
        or sorted(exported) == exported
    )
    public = {
        n
        for n, v in vars(module).items()
        if not n.startswith("_")
        and (inspect.isclass(v) or inspect.isfunction(v))
        and getattr(v, "__module__", "").startswith("beskaeftigelse")
    }
    assert public <= set(exported), public - set(exported)
    for n in exported:
        obj = getattr(module, n)
        assert getattr(obj, "__doc__", None), f"{name}.{n} has no docstring"
    assert module.__doc__


def test_import_does_not_load_hypothesis():
    code = "import sys, beskaeftigelse; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_exception_tree():
    assert issubclass(bk.ValidationError, bk.BeskaeftigelseError)
    assert issubclass(bk.ValidationError, ValueError)
    assert issubclass(bk.NotInForce, LookupError)
    assert issubclass(bk.UnknownProgramme, bk.NotInForce)
    assert issubclass(bk.TransitionRefused, bk.BeskaeftigelseError)
    assert issubclass(bk.exceptions.MachineError, bk.ValidationError)

"""Hypothesis' entry point: ``st.from_type`` strategies for the library's main types.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry point when it
loads; importing :mod:`beskaeftigelse` never registers anything.

Hypothesis may load while ``beskaeftigelse._testing.strategies`` is itself being imported (its first
line imports Hypothesis), so the strategies are looked up when first drawn, not here.
"""

from __future__ import annotations

import importlib
from typing import Any


def _later(name: str) -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    def build() -> Any:
        return getattr(importlib.import_module("beskaeftigelse._testing.strategies"), name)()

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    from beskaeftigelse._domain.adjustments.types import Adjustment  # noqa: PLC0415
    from beskaeftigelse._domain.legal.logic import Citizen  # noqa: PLC0415
    from beskaeftigelse._engine.course import Course  # noqa: PLC0415
    from beskaeftigelse._engine.machine import Machine  # noqa: PLC0415
    from beskaeftigelse._engine.programme import Programme, ProgrammeDefinition  # noqa: PLC0415
    from beskaeftigelse._kernel.calendar import WorkingCalendar  # noqa: PLC0415

    st.register_type_strategy(WorkingCalendar, _later("calendars"))
    st.register_type_strategy(Machine, _later("machines"))
    st.register_type_strategy(ProgrammeDefinition, _later("programme_definitions"))
    st.register_type_strategy(Programme, _later("programmes"))
    st.register_type_strategy(Course, _later("courses"))
    st.register_type_strategy(Citizen, _later("citizens"))
    st.register_type_strategy(Adjustment, _later("adjustments"))

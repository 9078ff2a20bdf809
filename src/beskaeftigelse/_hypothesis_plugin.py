"""Hypothesis' entry point: ``st.from_type`` strategies for the library's main types.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry point when it
loads; importing :mod:`beskaeftigelse` never registers anything.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    from . import strategies as bst  # noqa: PLC0415
    from ._adjustments import Adjustment  # noqa: PLC0415
    from ._calendar import WorkingCalendar  # noqa: PLC0415
    from ._course import Course  # noqa: PLC0415
    from ._legal import Citizen  # noqa: PLC0415
    from ._machine import Machine  # noqa: PLC0415
    from ._programme import Programme, ProgrammeDefinition  # noqa: PLC0415

    st.register_type_strategy(WorkingCalendar, bst.calendars())
    st.register_type_strategy(Machine, bst.machines())
    st.register_type_strategy(ProgrammeDefinition, bst.programme_definitions())
    st.register_type_strategy(Programme, bst.programmes())
    st.register_type_strategy(Course, bst.courses())
    st.register_type_strategy(Citizen, bst.citizens())
    st.register_type_strategy(Adjustment, bst.adjustments())

"""Charts and tables for notebooks: Gantt-like timelines, outcome bars, DataFrames.

Charts need the ``plot`` extra (matplotlib) and return a ``matplotlib.figure.Figure`` without
showing it; :func:`courses_frame` needs the ``pandas`` extra. A missing extra raises
:class:`~beskaeftigelse.exceptions.MissingExtra` naming it. Importing this module needs neither.

>>> from beskaeftigelse import plots
>>> plots.courses_frame([]).columns[:3].tolist()
['participant', 'programme', 'started_on']
"""

from beskaeftigelse._views.plots import (
    cohort_chart,
    courses_frame,
    outcome_chart,
    planned_end,
    schedule_chart,
)

__all__ = ["cohort_chart", "courses_frame", "outcome_chart", "planned_end", "schedule_chart"]

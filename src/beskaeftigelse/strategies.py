"""Hypothesis strategies for the library's values (the ``beskaeftigelse[hypothesis]`` extra).

Plural nouns, keyword-only options, like Hypothesis' own. Nothing here changes Hypothesis'
settings or registers anything at import time.

>>> from beskaeftigelse import strategies
>>> strategies.timelines().example()  # doctest: +SKIP
_Timeline(entries=(_Entry(valid_from=datetime.date(2004, 3, 1), value=3, source='...'),))
"""

try:
    import hypothesis  # noqa: F401 - the extra this module needs, checked first
except ImportError as exc:  # the tests hide Hypothesis to see this
    raise ImportError(
        "beskaeftigelse.strategies needs Hypothesis: pip install 'beskaeftigelse[hypothesis]'"
    ) from exc

from beskaeftigelse._testing.strategies import (
    adjustments,
    calendars,
    citizens,
    courses,
    dates,
    event_sequences,
    events_of,
    intake_requests,
    ips_events,
    job_traits,
    machines,
    needs,
    programme_definitions,
    programmes,
    timelines,
)

__all__ = [
    "adjustments",
    "calendars",
    "citizens",
    "courses",
    "dates",
    "event_sequences",
    "events_of",
    "intake_requests",
    "ips_events",
    "job_traits",
    "machines",
    "needs",
    "programme_definitions",
    "programmes",
    "timelines",
]

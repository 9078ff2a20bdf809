"""A stateful test harness for any programme, your own included (the ``hypothesis`` extra).

:func:`course_state_machine` gives a Hypothesis ``RuleBasedStateMachine`` that applies random
allowed and refused events to a course and checks the invariants after every step (see
:class:`CourseMachine`). Put its ``TestCase`` in a test module and pytest runs it::

    TestMyProgramme = course_state_machine(MY_DEFINITION, capacity_intake=True).TestCase
"""

try:
    import hypothesis  # noqa: F401 - the extra this module needs, checked first
except ImportError as exc:  # the tests hide Hypothesis to see this
    raise ImportError(
        "beskaeftigelse.testing needs Hypothesis: pip install 'beskaeftigelse[hypothesis]'"
    ) from exc

from beskaeftigelse._testing.harness import CourseMachine, course_state_machine

__all__ = ["CourseMachine", "course_state_machine"]
